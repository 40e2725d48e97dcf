// Taking Varig into use from the app, at 390×844, with no API call except what the PWA
// itself shows (the invitation links are read from the page). The file's name makes it the
// first of the suite, so the server has no organisation yet: the system administrator is
// led through creating the first one and inviting its administrator; the administrator
// accepts through the link, creates a programme and a project naming an owner and a leader
// (both invited), sets up a unit for the project; owner and leader accept; the leader
// invites a change agent, who accepts and files a field report that the leader then reads
// in the project's feed. Axe on every new page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, launch, axe, horizontalOverflow, stampNow, logIn, logOut,
  heading, assertNoAccessError, acceptInvitation, linkFrom, smallTargets,
} from './lib.mjs';

const stamp = stampNow();
const password = `Passord-${stamp}-123`;
const orgName = `Bykommune ${stamp}`;
const programmeName = `BTI ${stamp}`;
const projectName = `BTI i Bykommune ${stamp}`;
const unitName = `Sentrum skole ${stamp}`;
const mail = (who) => `${who}-${stamp}@example.no`;
const links = {};
let browser;
let page;

before(async () => {
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
});

after(async () => {
  await browser?.close();
});

const main = () => page.locator('main');

/**
 * With VARIG_SCREENSHOT_DIR set, keeps a picture of the page for the README's "Getting
 * started" (`tests/browser/screenshots/` holds the ones the README shows).
 */
async function shot(name) {
  const dir = process.env.VARIG_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** Axe finds nothing serious, the page does not scroll sideways, touch targets are 44×44. */
async function checkPage(label, scope = 'main') {
  const serious = await axe(page, label);
  assert.deepEqual(serious.map((v) => v.id), [], `no serious or critical axe violations on ${label}`);
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `${label}: scrollWidth ${scrollWidth} > 390`);
  assert.deepEqual(await smallTargets(page, scope), [], `${label}: every touch target is at least 44×44 px`);
}

test('the system administrator is led to create the first organisation and invite its administrator', async () => {
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await heading(page, 'Organisasjoner');
  await assertNoAccessError(page);
  const first = main().getByRole('heading', { name: 'Ta Varig i bruk' });
  if (await main().locator('.org-list').count() === 0) {
    await first.waitFor();
  }
  await checkPage('system administrator home');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-title', 'focus is on the heading');

  await page.getByLabel('Navn på organisasjonen').fill(orgName);
  await page.getByRole('button', { name: 'Opprett organisasjonen' }).click();
  await heading(page, orgName);
  await main().getByText('Neste steg: inviter den som skal administrere organisasjonen.', { exact: false }).waitFor();
  await page.getByLabel('E-postadresse').fill(mail('admin'));
  await page.getByRole('button', { name: 'Inviter', exact: true }).click();
  links.admin = await linkFrom(page, 'admin-link');
  assert.match(links.admin, new RegExp(`^${BASE_URL}/invitation#vinv_`), links.admin);
  await main().locator('.invitation-list').getByText(mail('admin')).waitFor();
  await checkPage('organisation page');
  await shot('1-organisation');
  await logOut(page);
});

test('the administrator accepts through the link and lands on the admin home', async () => {
  await page.goto(links.admin);
  await heading(page, 'Du er invitert');
  await main().getByText(`har invitert deg til ${orgName} i Varig, som administrator.`, { exact: false }).waitFor();
  await main().getByText('Minst 10 tegn.', { exact: false }).waitFor();
  await checkPage('invitation page');
  await shot('2-invitation');
  // The rule is said before, and checked before sending.
  await page.getByLabel('Navnet ditt').fill('Anne Admin');
  await page.getByLabel('Velg et passord').fill('kort');
  await page.getByRole('button', { name: 'Opprett kontoen' }).click();
  await main().locator('#invitation-password-error').filter({ hasText: 'Passordet må ha minst 10 tegn.' }).waitFor();
  // Long enough but easy to guess: the server says no, and the field says why.
  await page.getByLabel('Velg et passord').fill('password1234');
  await page.getByRole('button', { name: 'Opprett kontoen' }).click();
  await main().locator('#invitation-password-error').filter({ hasText: 'Passordet er for lett å gjette.' }).waitFor();
  await page.getByLabel('Velg et passord').fill(password);
  await page.getByRole('button', { name: 'Opprett kontoen' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await heading(page, 'Administrer organisasjonen');
  await assertNoAccessError(page);
  await checkPage('organisation administrator home');
});

test('the administrator creates a programme', async () => {
  await main().getByRole('link', { name: /^Tiltak/ }).click();
  await heading(page, 'Tiltak');
  await page.getByLabel('Navn på tiltaket').fill(programmeName);
  await page.getByLabel('Beskrivelse').fill('Bedre tverrfaglig innsats');
  await page.getByRole('button', { name: 'Opprett tiltaket' }).click();
  await main().locator('.flash').filter({ hasText: `Tiltaket ${programmeName} er opprettet.` }).waitFor();
  await main().getByRole('heading', { level: 3, name: programmeName }).waitFor();
  await checkPage('programmes page');
});

test('the administrator creates a project naming an owner and a leader, both invited', async () => {
  await page.goto(`${BASE_URL}/`);
  await main().getByRole('link', { name: /^Prosjekter/ }).click();
  await heading(page, 'Prosjekter');
  await checkPage('projects page');
  await page.getByLabel('Tiltak').selectOption({ label: programmeName });
  await page.getByLabel('Navn på prosjektet').fill(projectName);
  await page.getByLabel('Prosjekteier (e-postadresse)').fill(mail('owner'));
  await page.getByLabel('Prosjektleder (e-postadresse)').fill(mail('leader'));
  await page.getByRole('button', { name: 'Opprett prosjektet' }).click();
  await main().locator('.flash').filter({ hasText: `Prosjektet ${projectName} er opprettet.` }).waitFor();
  links.owner = await linkFrom(page, 'owner-link');
  links.leader = await linkFrom(page, 'leader-link');
  assert.notEqual(links.owner, links.leader);
  await checkPage('projects page after creating a project');
  await shot('3-project');
});

test('the administrator adds a unit to the project on the existing set-up page', async () => {
  await page.reload();
  await heading(page, 'Prosjekter');
  await main().getByRole('link', { name: 'Organisasjonsstruktur og enheter' }).first().click();
  await heading(page, 'Oppsett av nettverket');
  // A new organisation may have no levels yet: the page offers the standard ones.
  const standard = page.getByRole('button', { name: 'Bruk standardnivåer og sektorer' });
  const unitField = page.getByLabel('Navn på enheten');
  await standard.or(unitField).first().waitFor();
  if (await standard.count()) await standard.click();
  await unitField.fill(unitName);
  await page.getByRole('button', { name: 'Legg til enheten' }).click();
  await page.getByLabel(new RegExp(unitName)).check();
  await page.getByRole('button', { name: 'Lagre enhetene' }).click();
  await main().getByText('Enhetene i prosjektet er lagret.').waitFor();
  await logOut(page);
});

test('owner and leader accept and land on their projects', async () => {
  await acceptInvitation(page, links.owner, 'Otto Eier', password);
  await heading(page, 'Mine prosjekter');
  await main().getByRole('link', { name: new RegExp(projectName) }).waitFor();
  await assertNoAccessError(page);
  await logOut(page);
  await page.goto(links.leader);
  await heading(page, 'Du er invitert');
  await main().getByText(`Du blir prosjektleder i prosjektet ${projectName}.`).waitFor();
  await acceptInvitation(page, links.leader, 'Lise Leder', password);
  await heading(page, 'Mine prosjekter');
  await assertNoAccessError(page);
});

test('the leader invites a change agent, offered that role only', async () => {
  await main().getByRole('link', { name: new RegExp(projectName) }).click();
  await heading(page, projectName);
  const role = page.locator('#member-role');
  await role.waitFor();
  assert.deepEqual(await role.locator('option').allTextContents(), ['Endringsagent']);
  await page.locator('#member-email').fill(mail('agent'));
  await page.getByRole('button', { name: 'Legg til', exact: true }).click();
  links.agent = await linkFrom(page, 'change-agent-link');
  await checkPage('project page with members', 'section[aria-labelledby="members-title"]');
  await shot('4-members');
  await logOut(page);
});

test('the change agent accepts and files a report, which the leader then reads', async () => {
  await acceptInvitation(page, links.agent, 'Kari Endringsagent', password);
  await heading(page, 'Mine prosjekter');
  await assertNoAccessError(page);
  await main().getByRole('link', { name: new RegExp(projectName) }).click();
  await heading(page, projectName);
  await page.goto(page.url() + '/report');
  await heading(page, 'Ny feltrapport');
  const form = main().locator('form.report-form');
  await form.getByLabel('Enhet').selectOption({ label: unitName });
  await form.getByLabel('Aktivitet').selectOption({ label: 'Opplæring' });
  await form.getByLabel('Antall personer nådd').fill('7');
  await form.getByRole('radio', { name: 'Forståelse', exact: true }).check();
  await form.getByRole('button', { name: 'Send rapport' }).click();
  await page.locator('#report-result').filter({ hasText: 'Rapporten er lagret' }).waitFor();
  await shot('5-report');
  const projectUrl = page.url().replace(/\/report$/, '');
  await page.locator('header .outbox-link .count-badge').filter({ hasText: /^0$/ }).waitFor({ timeout: 45_000 });
  await logOut(page);

  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('E-postadresse').fill(mail('leader'));
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await page.goto(projectUrl);
  await main().getByRole('link', { name: 'Rapporter', exact: true }).click();
  await heading(page, 'Rapporter');
  const report = main().locator('.report-list > li.report');
  await report.first().waitFor();
  assert.equal(await report.count(), 1);
  const text = (await report.first().textContent()).replace(/\s+/g, ' ');
  assert.match(text, /Kari Endringsagent/);
  assert.match(text, new RegExp(unitName));
  assert.match(text, /Opplæring/);
});
