// The organisation administrator's API tokens and audit log at 390×844: a token's secret
// is shown once (with a copy button and a warning), its last use is listed, and revoking it
// stops it; the audit log tells the project's creation in words, newest first, narrows by
// project and person, and shows before and after on demand. Seeded over the API (seedRoles).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, axe, logIn, heading, smallTargets } from './lib.mjs';
import { seedRoles } from './fixtures.mjs';

let data;
let browser;
let page;

before(async () => {
  data = await seedRoles();
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  await logIn(page, data.people.admin.email, data.password);
});

after(async () => {
  await browser?.close();
});

const main = () => page.locator('main');

test('an API token is shown once, its use is listed, and revoking it stops it', async () => {
  await main().getByRole('link', { name: /^API-nøkler/ }).click();
  await heading(page, 'API-nøkler');
  await page.getByLabel('Navn på nøkkelen').fill(`Fagsystem ${data.stamp}`);
  await page.getByRole('radio', { name: 'Lese', exact: true }).check();
  await page.getByRole('button', { name: 'Lag nøkkelen' }).click();
  const secret = await page.locator('#token-secret').inputValue();
  assert.ok(secret.length > 20, 'the secret is shown');
  await main().getByText('Den vises bare denne ene gangen', { exact: false }).waitFor();
  await main().locator('.token-secret').getByRole('button', { name: 'Kopier' }).waitFor();
  const row = main().locator('.token-list li').filter({ hasText: `Fagsystem ${data.stamp}` });
  await row.getByText('Aldri brukt').waitFor();
  // A new token expires after a year, and the list says when.
  await row.getByText(/^Utløper /).waitFor();
  const serious = await axe(page, 'API tokens');
  assert.deepEqual(serious.map((v) => v.id), []);
  assert.deepEqual(await smallTargets(page), [], 'every touch target is at least 44×44 px');

  assert.equal((await api('/api/v1/projects', { token: secret })).status, 200, 'the token works');
  await page.reload();
  await heading(page, 'API-nøkler');
  assert.equal(await page.locator('#token-secret').count(), 0, 'the secret is not shown again');
  await row.getByText(/^Sist brukt /).waitFor();
  await row.getByRole('button', { name: `Trekk tilbake nøkkelen Fagsystem ${data.stamp}` }).click();
  await main().locator('.flash').filter({ hasText: `Nøkkelen Fagsystem ${data.stamp} er trukket tilbake.` }).waitFor();
  await row.getByText('Trukket tilbake', { exact: true }).waitFor();
  assert.equal((await api('/api/v1/projects', { token: secret })).status, 401, 'a revoked token stops');
});

test('the audit log tells the project creation in words and narrows by project and person', async () => {
  await page.goto(`${BASE_URL}/`);
  await main().getByRole('link', { name: /^Endringslogg/ }).click();
  await heading(page, 'Endringslogg');
  const created = main().locator('.audit-list li').filter({ hasText: `Anne Admin opprettet prosjektet «${data.project.name}».` });
  await created.waitFor();
  // Newest first: the token revoked in the test before is above the project's creation.
  const texts = await main().locator('.audit-list li .member-name').allTextContents();
  const revokedAt = texts.findIndex((t) => t.startsWith('Anne Admin trakk tilbake API-nøkkelen'));
  const createdAt = texts.findIndex((t) => t.includes(`opprettet prosjektet «${data.project.name}»`));
  assert.ok(revokedAt >= 0 && revokedAt < createdAt, `newest first: ${texts.join(' | ')}`);
  await page.getByLabel('Prosjekt').selectOption({ label: data.project.name });
  await created.waitFor();
  const inProject = await main().locator('.audit-list li .member-name').allTextContents();
  assert.ok(inProject.every((t) => !t.includes('API-nøkkelen')), `only the project's: ${inProject.join(' | ')}`);
  assert.ok(inProject.some((t) => t.includes('Lise Leder')), 'the leader joining is the project\'s too');
  await page.getByLabel('Person').selectOption({ label: 'Lise Leder' });
  await main().locator('.audit-list li').first().waitFor();
  const byLeader = await main().locator('.audit-list li .member-name').allTextContents();
  assert.ok(byLeader.length > 0 && byLeader.every((t) => t.startsWith('Lise Leder')), byLeader.join(' | '));
  await page.getByLabel('Person').selectOption({ label: 'Alle' });
  await created.getByText('Vis før og etter').click();
  await created.locator('pre').nth(1).filter({ hasText: data.project.name }).waitFor();
  const serious = await axe(page, 'audit log');
  assert.deepEqual(serious.map((v) => v.id), []);
  assert.deepEqual(await smallTargets(page), [], 'every touch target is at least 44×44 px');
});
