// Phase gates end to end at 390×844: the project leader asks to move to Plan, a
// steering-group member recommends, the project owner approves in at most three taps,
// and the project page shows the new phase and the decision in the history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, axe, horizontalOverflow } from './lib.mjs';
import { seedOrganisation } from './fixtures.mjs';

let data;
let browser;
let page;

/** An organisation, its admin, a programme, a project and one user per project role. */
async function seedGate() {
  return seedOrganisation({
    org: 'Portkommune',
    programme: { name: 'Helt sjef', description: 'Lederutvikling i skolen' },
    projects: [{ name: 'Helt sjef i Portkommune', description: 'Fire faser, fire roller.' }],
    people: {
      owner: { name: 'Ola Eier', role: 'owner' },
      steering_group: { name: 'Siri Styring', role: 'steering_group' },
      leader: { name: 'Lise Leder', role: 'leader' },
      change_agent: { name: 'Kari Endringsagent', role: 'change_agent' },
    },
  });
}

before(async () => {
  data = await seedGate();
  console.log(`seeded organisation "${data.org.name}", project ${data.project.id}`);
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') console.log(`console error: ${msg.text()}`); });
});

after(async () => {
  await browser?.close();
});

const main = () => page.locator('main');
const projectUrl = () => `${BASE_URL}/projects/${data.project.id}`;
const currentStep = () => main().locator('.phase-steps li[aria-current="step"]');

async function logInAndOpenProject(person) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('E-postadresse').fill(person.email);
  await page.getByLabel('Passord', { exact: true }).fill(data.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await main().getByRole('link', { name: new RegExp(data.project.name) }).click();
  await page.waitForURL(projectUrl());
  await main().getByRole('heading', { level: 1, name: data.project.name }).waitFor();
  await main().getByRole('heading', { level: 2, name: 'Beslutningspunkt', exact: true }).waitFor();
}

async function logOut() {
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.waitForURL(/\/login$/);
}

test('the leader sees the timeline and asks to move to Plan', async () => {
  await logInAndOpenProject(data.people.leader);
  assert.match(await currentStep().textContent(), /Forberede/);
  await main().getByRole('heading', { name: 'Fasehistorikk' }).waitFor();
  assert.match(await currentStep().textContent(), /\d+ dag/, 'days in the current phase');
  await main().getByText('Ingen beslutninger ennå.').waitFor();

  // From Prepare the only legal target is the next phase.
  const target = main().getByLabel('Overgang til');
  assert.deepEqual(
    (await target.locator('option').allTextContents()).map((t) => t.trim()),
    ['Planlegge (neste fase)'],
  );
  // An empty summary is refused before anything is sent.
  await main().getByRole('button', { name: 'Send forespørsel' }).click();
  await main().locator('#gate-summary-error').filter({ hasText: 'Skriv en oppsummering.' }).waitFor();
  assert.equal(await main().getByLabel('Oppsummering').getAttribute('aria-invalid'), 'true');
  // Focus moves to the field with the error (in the next animation frame).
  await page.waitForFunction(() => document.activeElement?.id === 'gate-summary', null, { timeout: 5000 });

  await main().getByLabel('Oppsummering').fill('Vi har kartlagt beredskapen og valgt nøkkelpersoner.');
  await main().getByRole('button', { name: 'Send forespørsel' }).click();
  await page.getByRole('status').filter({ hasText: 'Forespørselen om overgang er sendt' }).waitFor();
  await main().getByRole('heading', { name: 'Åpen forespørsel om overgang' }).waitFor();
  await main().getByText('Overgang fra Forberede til Planlegge').waitFor();
  await main().getByText('Venter på anbefaling fra: Siri Styring').waitFor();
  await main().getByRole('button', { name: 'Trekk tilbake forespørselen' }).waitFor();
  assert.equal(await main().getByRole('button', { name: 'Send forespørsel' }).count(), 0, 'one open request at a time');
  await logOut();
});

test('the steering-group member recommends "support"', async () => {
  await logInAndOpenProject(data.people.steering_group);
  await main().getByText('Vi har kartlagt beredskapen og valgt nøkkelpersoner.').waitFor();
  await main().getByLabel('Kommentar (valgfritt)').fill('Godt forarbeid.');
  await main().getByRole('button', { name: 'Støtter', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Anbefalingen din er registrert.' }).waitFor();
  const rec = main().locator('.recommendations li');
  await rec.first().waitFor();
  const text = (await rec.first().textContent()).replace(/\s+/g, ' ');
  assert.match(text, /Siri Styring/);
  assert.match(text, /Støtter/);
  assert.match(text, /Godt forarbeid\./);
  await main().getByText('Hele styringsgruppen har svart.').waitFor();
  assert.equal(await main().getByRole('button', { name: 'Støtter', exact: true }).count(), 0, 'only once');
  await logOut();
});

test('the owner sees the pending decision; the page passes axe and fits 390 px', async () => {
  await logInAndOpenProject(data.people.owner);
  await main().getByRole('heading', { name: 'Din beslutning som prosjekteier' }).waitFor();
  await main().getByText('Overgang fra Forberede til Planlegge').waitFor();
  // The plan frozen with the request, to read before deciding.
  const open = main().locator('.gate-open');
  await open.getByRole('heading', { level: 4, name: 'Sjekklisten for fasen' }).waitFor();
  await open.getByText(/^Forberede: 0 % fullført \(0 av \d+\)$/).waitFor();
  await open.getByText('Ingen milepæler i fasen.').waitFor();
  await open.getByText('Ingen vurdering av endringsberedskap ennå.').waitFor();
  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'project page with an open request (owner)');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `scrollWidth ${scrollWidth} > 390`);
});

test('the owner approves in at most three taps; the project moves to Plan', async () => {
  let taps = 0;
  const tap = async (locator) => { taps += 1; await locator.click(); };
  await tap(main().getByRole('button', { name: 'Godkjenn', exact: true }));
  const confirm = main().getByRole('button', { name: 'Bekreft: Godkjenn' });
  await confirm.waitFor();
  await main().getByText('Prosjektet går over til Planlegge.').waitFor();
  const serious = await axe(page, 'owner confirming');
  assert.deepEqual(serious.map((v) => v.id), []);
  await tap(confirm);
  assert.ok(taps <= 3, `${taps} taps`);

  await page.getByRole('status').filter({ hasText: 'Beslutningen er registrert.' }).waitFor();
  await main().getByText('Nåværende fase: Planlegge').waitFor();
  assert.match(await currentStep().textContent(), /Planlegge/);
  await main().getByText('Ingen åpen forespørsel om overgang', { exact: false }).waitFor();
  const history = main().locator('.gate-history > li');
  await history.first().waitFor();
  const entry = (await history.first().textContent()).replace(/\s+/g, ' ');
  assert.match(entry, /Overgang fra Forberede til Planlegge/);
  assert.match(entry, /Beslutning: godkjent/);
  assert.match(entry, /Dato: \S/);
  await history.first().getByText('Vis grunnlaget').click();
  await history.first().getByText(/^Forberede: 0 % fullført/).waitFor();
  // The stays: Prepare (ended) and Plan (current).
  const stays = (await main().locator('.stay-list li').allTextContents()).map((t) => t.replace(/\s+/g, ' '));
  assert.equal(stays.length, 2, `stays: ${stays}`);
  assert.match(stays[0], /Forberede/);
  assert.match(stays[1], /Planlegge.*Fra /);
  await logOut();
});

test('the change agent sees the new phase and the decision, without any gate actions', async () => {
  await logInAndOpenProject(data.people.change_agent);
  await main().getByText('Nåværende fase: Planlegge').waitFor();
  await main().locator('.gate-history > li').filter({ hasText: 'Beslutning: godkjent' }).waitFor();
  assert.equal(await main().getByRole('button', { name: 'Send forespørsel' }).count(), 0);
  await logOut();
});

test('in Plan the leader may ask for Implement or go back; offline, a request is refused with a message; withdrawing', async () => {
  await logInAndOpenProject(data.people.leader);
  await main().getByText('Nåværende fase: Planlegge').waitFor();
  const target = main().getByLabel('Overgang til');
  assert.deepEqual(
    (await target.locator('option').allTextContents()).map((t) => t.trim()),
    ['Implementere (neste fase)', 'Forberede (tilbake til en tidligere fase)'],
  );
  await main().getByLabel('Oppsummering').fill('Planen er klar.\nForankret hos ledelsen.');

  await browser.context.setOffline(true);
  try {
    await main().getByRole('button', { name: 'Send forespørsel' }).click();
    await main().locator('#gate-request-error').filter({ hasText: 'Får ikke kontakt med tjenesten.' }).waitFor();
  } finally {
    await browser.context.setOffline(false);
  }

  // Line breaks are kept.
  await main().getByRole('button', { name: 'Send forespørsel' }).click();
  await main().getByText('Overgang fra Planlegge til Implementere').waitFor();
  const shown = main().locator('.gate-summary').filter({ hasText: 'Forankret hos ledelsen.' });
  await shown.waitFor();
  assert.equal(await shown.evaluate((el) => el.innerText), 'Planen er klar.\nForankret hos ledelsen.');

  await main().getByRole('button', { name: 'Trekk tilbake forespørselen' }).click();
  await main().getByRole('button', { name: 'Ja, trekk tilbake' }).click();
  await page.getByRole('status').filter({ hasText: 'Forespørselen er trukket tilbake.' }).waitFor();
  const entries = main().locator('.gate-history > li');
  await entries.filter({ hasText: 'Trukket tilbake av prosjektlederen' }).waitFor();
  assert.equal(await entries.count(), 2);
  await main().getByRole('button', { name: 'Send forespørsel' }).waitFor();
  await logOut();
});
