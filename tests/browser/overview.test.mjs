// The organisation overview, the fade-risk history and correcting a measurement at 390×844.
// Seeded over the API: an organisation with an org admin, a leader, two projects (one with an
// indicator and three monthly values, one with none). The org admin opens the overview from
// "Mine prosjekter" and reads both cards (phase, fade risk in words, indicator counts,
// overdue counts); follows the first to its dashboard and sees the fade-risk history (none
// recorded yet); on the indicator page corrects a value and sees the new value with the
// earlier one; a second correction after someone else changed the value first gets the 412
// notice, keeps the typed value, and saves after reloading. Axe on the overview and on the
// indicator page with the correction form open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, api, launch, axe, horizontalOverflow } from './lib.mjs';
import { seedOrganisation, createIndicator, measure } from './fixtures.mjs';

let data;
let browser;
let page;

/** YYYY-MM-01 of the month `back` months before the current one in Oslo. */
function monthStart(back) {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
  const [y, m] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 10);
}

/** "mars 2026": how the PWA names a month in bokmål. */
function monthLabel(iso) {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('nb-NO', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

async function seedOverview() {
  const world = await seedOrganisation({
    org: 'Oversiktkommune',
    projects: [
      { name: 'BTI i Oversiktkommune', description: 'Oppfølging.' },
      { name: 'Helt sjef', description: 'Ingen indikatorer ennå.' },
    ],
    people: { leader: { name: 'Lise Leder', role: 'leader', email: 'leder' } },
  });
  const { stamp, password, org, token, project, people } = world;
  const indicator = await createIndicator(token, project, {
    category: 'implementation_quality',
    name: `Barn med stafettlogg ${stamp}`,
    unit: '%',
    direction: 'higher',
    green_threshold: 80,
    amber_threshold: 60,
    frequency: 'monthly',
    start_date: monthStart(3),
  });
  const measurements = {};
  for (const [period, value] of [[monthStart(3), 55], [monthStart(2), 68], [monthStart(1), 84]]) {
    measurements[value] = await measure(token, indicator, period, value);
  }
  return {
    stamp, password, adminEmail: world.admin.email, token, leaderToken: people.leader.token, org, project,
    quiet: world.projects[1], indicator, measurements,
  };
}

before(async () => {
  data = await seedOverview();
  console.log(`seeded organisation "${data.org.name}", projects ${data.project.id} and ${data.quiet.id}`);
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') console.log(`console error: ${msg.text()}`); });
});

after(async () => {
  await browser?.close();
});

const main = () => page.locator('main');
const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
const overviewUrl = () => `${BASE_URL}/organisations/${data.org.id}/overview`;

async function fitsTheScreen(label) {
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `${label}: scrollWidth ${scrollWidth} > 390`);
}

const card = (name) => main().locator('li.overview-card').filter({ has: page.getByRole('heading', { level: 2, name }) });

test('the org admin opens the overview from "Mine prosjekter" and reads every project\'s card', async () => {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('E-postadresse').fill(data.adminEmail);
  await page.getByLabel('Passord', { exact: true }).fill(data.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await main().getByRole('link', { name: 'Oversikt over alle prosjektene i organisasjonen' }).click();
  await page.waitForURL(overviewUrl());
  await main().getByRole('heading', { level: 1, name: 'Oversikt over prosjektene' }).waitFor();

  const overview = (await api(`/api/v1/organisations/${data.org.id}/overview`, { token: data.token, expect: 200 })).json;
  assert.equal(overview.projects.length, 2);
  assert.equal(await main().locator('li.overview-card').count(), 2, 'one card per project');

  const first = card(data.project.name);
  await first.waitFor();
  const seen = overview.projects.find((p) => p.project_id === data.project.id);
  const text = squash(await first.innerText());
  // Counts of one take the singular: «1 dag», «1 milepæl».
  const n = (count, one, other) => `${count} ${count === 1 ? one : other}`;
  assert.match(text, new RegExp(`Fase Forberede, ${n(seen.days_in_phase, 'dag', 'dager')} i fasen`));
  assert.match(text, /Risiko for at praksisen ikke varer (Lav risiko|Middels risiko|Høy risiko|For lite data)/);
  assert.match(text, /Indikatorer 1 grønn, 0 gule, 0 røde, 0 uten data/);
  const o = seen.overdue;
  assert.match(text, new RegExp(`Forsinket ${n(o.milestones, 'milepæl', 'milepæler')}, ${n(o.measurements, 'måling', 'målinger')}, ${n(o.actions, 'oppgave', 'oppgaver')}`));

  const second = squash(await card(data.quiet.name).innerText());
  assert.match(second, /Fase Forberede, \d+ dag(er)? i fasen/);
  assert.match(second, /Indikatorer 0 grønne, 0 gule, 0 røde, 0 uten data/);
  await fitsTheScreen('overview');

  const dir = process.env.VARIG_SCREENSHOT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'overview-390.png'), fullPage: true });
  }
});

test('the overview passes axe', async () => {
  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'organisation overview (org admin)');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
});

test('a card leads to the project\'s dashboard, which lists the fade-risk history', async () => {
  await card(data.project.name).getByRole('link', { name: data.project.name }).click();
  await page.waitForURL(`${BASE_URL}/projects/${data.project.id}/dashboard`);
  await main().getByRole('heading', { level: 1, name: 'Prosjektstatus' }).waitFor();
  const history = main().locator('section.fade-history');
  await history.getByRole('heading', { level: 2, name: 'Risikoen over tid' }).waitFor();
  const points = (await api(`/api/v1/projects/${data.project.id}/fade-risk/history`, { token: data.token, expect: 200 })).json.points;
  if (points.length === 0) {
    await history.getByText('Ingen historikk ennå.').waitFor();
    assert.equal(await history.locator('li.history-point').count(), 0);
  } else {
    // A snapshot ran meanwhile: the newest point comes first.
    assert.equal(await history.locator('li.history-point').first().getAttribute('data-date'), points.at(-1).date);
  }
  await fitsTheScreen('dashboard with the history');
});

test('the org admin corrects a value and sees the new one with the earlier one', async () => {
  await main().getByRole('link', { name: data.indicator.name, exact: true }).click();
  await page.waitForURL(`${BASE_URL}/projects/${data.project.id}/indicators/${data.indicator.id}`);
  await main().getByRole('heading', { level: 1, name: data.indicator.name }).waitFor();
  await main().locator('details.table-alt > summary').click();
  const last = monthStart(1);
  await main().getByRole('button', { name: `Rett verdien for ${monthLabel(last)}` }).click();

  const form = main().locator('section.correction');
  await form.getByRole('heading', { level: 3, name: `Rett målingen for ${monthLabel(last)}` }).waitFor();
  const value = form.getByLabel('Ny verdi');
  assert.equal(await value.inputValue(), '84', 'the form starts from the current value');
  await fitsTheScreen('indicator page with the correction form');
  const serious = await axe(page, 'indicator page with the correction form');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
  if (process.env.VARIG_SCREENSHOT_DIR) {
    await page.screenshot({ path: join(process.env.VARIG_SCREENSHOT_DIR, 'correction-390.png'), fullPage: true });
  }
  await value.fill('86,5');
  await form.getByLabel('Hvorfor rettes verdien? (valgfritt)').fill('Feil i uttrekket.');
  await form.getByRole('button', { name: 'Lagre rettingen' }).click();
  await page.getByRole('status').filter({ hasText: 'Målingen er rettet.' }).waitFor();

  const row = main().locator(`table.data-table tbody tr[data-period="${last}"]`);
  await row.filter({ hasText: '86,5' }).waitFor();
  const rowText = squash(await row.innerText());
  assert.match(rowText, /^\S+ \d{4} 86,5\s% Tidligere: 84\s% Grønn: på mål Feil i uttrekket\. Rett$/);
  assert.equal(await main().locator('section.correction').count(), 0, 'the form closes');
  const stored = (await api(`/api/v1/measurements/${data.measurements[84].id}`, { token: data.token, expect: 200 })).json;
  assert.equal(stored.value, 86.5);
  assert.deepEqual(stored.corrections.map((c) => c.value), [84]);
  await fitsTheScreen('indicator page after a correction');
});

test('someone else corrects first: 412 is explained, the typed value is kept and saved after reloading', async () => {
  const period = monthStart(2);
  await main().getByRole('button', { name: `Rett verdien for ${monthLabel(period)}` }).click();
  const form = main().locator('section.correction');
  const value = form.getByLabel('Ny verdi');
  assert.equal(await value.inputValue(), '68');

  // The leader corrects the same measurement meanwhile.
  const m = data.measurements[68];
  const res = await fetch(`${BASE_URL}/api/v1/measurements/${m.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${data.leaderToken}`, 'content-type': 'application/json', 'if-match': `"${m.version}"` },
    body: JSON.stringify({ value: 69, comment: 'Lederen rettet.' }),
  });
  assert.equal(res.status, 200, await res.text());

  await value.fill('70');
  await form.getByRole('button', { name: 'Lagre rettingen' }).click();
  await form.getByRole('alert').filter({ hasText: 'Noen andre har endret dette i mellomtiden.' }).waitFor();
  await form.getByText('Noen andre rettet denne målingen før deg.').waitFor();
  assert.equal(await value.inputValue(), '70', 'the typed value is kept');

  await form.getByRole('button', { name: 'Last inn på nytt' }).click();
  await main().locator(`table.data-table tbody tr[data-period="${period}"]`).filter({ hasText: '69' }).waitFor();
  assert.equal(await main().locator('section.correction').getByLabel('Ny verdi').inputValue(), '70', 'still kept after reloading');
  await main().locator('section.correction').getByRole('button', { name: 'Lagre rettingen' }).click();
  await page.getByRole('status').filter({ hasText: 'Målingen er rettet.' }).waitFor();
  const row = main().locator(`table.data-table tbody tr[data-period="${period}"]`);
  await row.filter({ hasText: 'Tidligere: 69' }).waitFor();
  assert.match(squash(await row.innerText()), /^\S+ \d{4} 70\s% Tidligere: 69\s% Tidligere: 68\s% Gul: følg med/);
  const stored = (await api(`/api/v1/measurements/${m.id}`, { token: data.token, expect: 200 })).json;
  assert.equal(stored.value, 70);
  assert.deepEqual(stored.corrections.map((c) => c.value), [69, 68]);
});
