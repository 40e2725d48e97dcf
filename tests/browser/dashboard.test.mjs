// The project dashboard and an indicator end to end at 390×844: an organisation with an
// owner and a leader, and an indicator with three monthly measurements, seeded over the API.
// The owner opens the dashboard from the project page and reads the tiles (phase, network,
// meetings, the fade risk with its signals, the indicator with its status word and trend);
// opens the indicator and sees the chart (an accessible SVG) and its table alternative with
// the seeded values; records a value through the form and sees it in the table; the same
// period again is refused on its field (409), a future period too (422); axe on both pages.
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

async function seedDashboard() {
  const { stamp, password, org, project, people } = await seedOrganisation({
    org: 'Målekommune',
    projects: [{ name: 'BTI i Målekommune', description: 'Oppfølging av BTI.' }],
    people: { owner: { name: 'Eva Eier', role: 'owner' }, leader: { name: 'Lise Leder', role: 'leader' } },
  });
  const indicator = await createIndicator(people.leader.token, project, {
    category: 'implementation_quality',
    name: `Barn med stafettlogg ${stamp}`,
    description: 'Andel barn med bekymring som har en oppdatert stafettlogg.',
    unit: '%',
    direction: 'higher',
    green_threshold: 80,
    amber_threshold: 60,
    target: 90,
    frequency: 'monthly',
    start_date: monthStart(3),
    responsible_id: people.leader.id,
  });
  const values = [[monthStart(3), 55], [monthStart(2), 68], [monthStart(1), 84]];
  for (const [period, value] of values) {
    await measure(people.leader.token, indicator, period, value);
  }
  return { stamp, password, org, project, people, indicator, values };
}

before(async () => {
  data = await seedDashboard();
  console.log(`seeded organisation "${data.org.name}", project ${data.project.id}, indicator ${data.indicator.id}`);
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
const dashboardUrl = () => `${BASE_URL}/projects/${data.project.id}/dashboard`;
const indicatorUrl = () => `${BASE_URL}/projects/${data.project.id}/indicators/${data.indicator.id}`;

async function fitsTheScreen(label) {
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `${label}: scrollWidth ${scrollWidth} > 390`);
}

async function tileText(heading) {
  const tile = main().locator('section.tile').filter({ has: page.getByRole('heading', { level: 2, name: heading, exact: true }) });
  await tile.waitFor();
  return squash(await tile.innerText());
}

test('the owner opens the dashboard from the project page and reads the tiles', async () => {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('E-postadresse').fill(data.people.owner.email);
  await page.getByLabel('Passord', { exact: true }).fill(data.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);
  await main().getByRole('link', { name: new RegExp(data.project.name) }).click();
  await page.waitForURL(`${BASE_URL}/projects/${data.project.id}`);
  await main().getByRole('navigation', { name: 'Oppfølging' }).getByRole('link', { name: 'Prosjektstatus', exact: true }).click();
  await page.waitForURL(dashboardUrl());
  await main().getByRole('heading', { level: 1, name: 'Prosjektstatus' }).waitFor();

  assert.match(await tileText('Fase'), /Forberede\s*\d+ dag(er)? i fasen/);
  assert.match(await tileText('Beslutningspunkt'), /Ingen åpen forespørsel om faseovergang/);
  assert.match(await tileText('Nettverk'), /0 av 0 endringsagenter er aktive/);
  assert.match(await tileText('Møter'), /0 åpne oppgaver/);
  assert.match(await tileText('Rapporter'), /^Rapporter 0 rapporter fra feltet/);

  // The fade risk: a level in words and a score, or «For lite data» and no score when most
  // signals have no data; every signal says what it measured, when it warns and its weight.
  const fade = main().locator('section.fade');
  await fade.getByRole('heading', { level: 2, name: 'Risiko for at praksisen ikke varer' }).waitFor();
  const level = squash(await fade.locator('.fade-level').textContent());
  assert.match(level, /^((Lav|Middels|Høy) risiko [\d,]+ av 100 poeng|For lite data)$/);
  const signals = fade.locator('li.signal');
  assert.equal(await signals.count(), 5, 'every fade signal is listed');
  const withData = await signals.filter({ hasNotText: 'Ingen data ennå.' }).count();
  assert.equal(level === 'For lite data', withData * 2 < 5, `${withData} of 5 signals have data: ${level}`);
  const offTarget = squash(await signals.filter({ hasText: 'Indikatorer er røde eller går feil vei' }).innerText());
  assert.match(offTarget, /^(Varsel|I orden): Indikatorer er røde eller går feil vei/);
  assert.match(offTarget, /0 av 1 indikator er rød eller blir verre\. Varsel over \d+\s%\. Et varsel her gir [\d,]+ av 100 poeng\./,
    'the only indicator is green and improving: 0 of 1 off target');

  // The indicator: its name links to it; status in words, not by colour alone; trend in words.
  const tile = main().locator('li.indicator-tile').filter({ hasText: data.indicator.name });
  const text = squash(await tile.innerText());
  assert.match(text, /Grønn: på mål/);
  assert.match(text, /Bedre/);
  assert.match(text, /84\s%/);
  assert.match(text, /Mål: 90\s%/);
  assert.match(squash(await main().locator('.rag-counts').textContent()), /^1 grønn, 0 gule, 0 røde, 0 uten data$/);
  await fitsTheScreen('dashboard');

  const dir = process.env.VARIG_SCREENSHOT_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, 'dashboard-390.png'), fullPage: true });
  }
});

test('the dashboard passes axe', async () => {
  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'dashboard (owner)');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
});

test('the indicator shows its chart and the same values in a table', async () => {
  await main().getByRole('link', { name: data.indicator.name, exact: true }).click();
  await page.waitForURL(indicatorUrl());
  await main().getByRole('heading', { level: 1, name: data.indicator.name }).waitFor();

  const chart = main().locator('svg[role="img"]');
  await chart.waitFor();
  const label = await chart.getAttribute('aria-label');
  const [first, , last] = data.values;
  assert.match(label, new RegExp(`3 målinger fra ${monthLabel(first[0])} til ${monthLabel(last[0])}`));
  assert.match(label, /Siste verdi er 84\s%, Grønn: på mål\. Grønn fra 80\s%, gul fra 60\s%/);
  assert.equal(await chart.locator('circle.data-point').count(), 3, 'one point per measurement');
  assert.ok(await chart.locator('rect.band-green').count() === 1 && await chart.locator('rect.band-amber').count() === 1,
    'the green and amber bands are drawn');
  // The legend says in words what the bands mean.
  assert.match(squash(await main().locator('.chart-legend').textContent()), /Grønn: på mål 80\s% eller mer.*Gul: følg med mellom 60\s% og 80\s%.*Rød: ikke på mål under 60\s%/);

  const table = main().locator('table.data-table');
  assert.ok(await table.isHidden(), 'the table waits in its <details>');
  await main().locator('details.table-alt > summary').click();
  await table.waitFor();
  const rows = table.locator('tbody tr');
  assert.equal(await rows.count(), 3);
  const expect = { 55: 'Rød: ikke på mål', 68: 'Gul: følg med', 84: 'Grønn: på mål' };
  for (const [period, value] of data.values) {
    const row = squash(await table.locator(`tbody tr[data-period="${period}"]`).innerText());
    // The owner may record, so each row ends with its "correct" button.
    assert.equal(row, `${monthLabel(period)} ${value} % ${expect[value]} Rett`);
  }
  await fitsTheScreen('indicator page with the table open');
  if (process.env.VARIG_SCREENSHOT_DIR) {
    await page.screenshot({ path: join(process.env.VARIG_SCREENSHOT_DIR, 'indicator-390.png'), fullPage: true });
  }
});

test('the indicator page passes axe with the table open', async () => {
  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'indicator page (owner)');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
});

test('the owner records this month\'s value; it shows in the table; the same period is refused on its field', async () => {
  const form = main().locator('form').filter({ has: page.getByRole('button', { name: 'Lagre målingen' }) });
  const period = form.getByLabel('Periode', { exact: true });
  const deviceToday = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'));
  assert.equal(await period.inputValue(), deviceToday, 'the period starts at today');
  await form.getByLabel('Verdi', { exact: true }).fill('72,5');
  await form.getByLabel('Kommentar (valgfritt)').fill('Tall fra fagsystemet.');
  await form.getByRole('button', { name: 'Lagre målingen' }).click();
  await page.getByRole('status').filter({ hasText: 'Målingen er lagret.' }).waitFor();

  const current = monthStart(0);
  // The table stays open as the owner left it, now with this month's row.
  const row = main().locator(`table.data-table tbody tr[data-period="${current}"]`);
  await row.waitFor();
  assert.match(squash(await row.innerText()), new RegExp(`^${monthLabel(current)} 72,5\\s% Gul: følg med Tall fra fagsystemet\\. Rett$`));
  assert.equal(await main().locator('table.data-table tbody tr').count(), 4);
  const listed = (await api(`/api/v1/indicators/${data.indicator.id}/measurements`, { token: data.people.owner.token, expect: 200 })).json;
  assert.deepEqual(listed.items.map((m) => m.value), [55, 68, 84, 72.5]);
  // The status follows: 72.5 is amber and worse than 84.
  assert.match(squash(await main().locator('.status-card').innerText()), /Gul: følg med.*Verre.*Siste måling: 72,5\s%/);

  // The same month again: 409, shown on the period field.
  await form.getByLabel('Verdi', { exact: true }).fill('75');
  await form.getByRole('button', { name: 'Lagre målingen' }).click();
  await form.locator('.field-error').filter({ hasText: 'Denne perioden har allerede en måling.' }).waitFor();
  assert.equal(await period.getAttribute('aria-invalid'), 'true');
  await form.getByRole('alert').filter({ hasText: /^Perioden har allerede en måling\.$/ }).waitFor();

  // Next year: 422 from the server, shown on the period field.
  const nextYear = `${new Date().getUTCFullYear() + 1}-06-15`;
  await period.fill(nextYear);
  await form.getByRole('button', { name: 'Lagre målingen' }).click();
  await form.locator('.field-error').filter({ hasText: 'Perioden kan ikke ligge fram i tid.' }).waitFor();
  assert.equal(await period.getAttribute('aria-invalid'), 'true');
  const after = (await api(`/api/v1/indicators/${data.indicator.id}/measurements`, { token: data.people.owner.token, expect: 200 })).json;
  assert.equal(after.items.length, 4, 'neither refused value was stored');
  await fitsTheScreen('indicator page with errors');
});

test('the owner opens a sustainability round, rates the ten factors and sees the total', async () => {
  const model = (await api('/api/v1/sustainability/model', { token: data.people.owner.token, expect: 200 })).json;
  assert.equal(model.factors.length, 10);
  await main().getByRole('navigation', { name: 'Oppfølging' }).getByRole('link', { name: 'Bærekraft', exact: true }).click();
  await page.waitForURL(`${BASE_URL}/projects/${data.project.id}/sustainability`);
  await main().getByRole('heading', { level: 1, name: 'Bærekraft' }).waitFor();
  await main().getByRole('heading', { level: 2, name: 'Ingen åpen runde' }).waitFor();
  await main().getByLabel('Navn på runden').fill('Bærekraft høsten');
  await main().getByRole('button', { name: 'Åpne runden' }).click();
  await page.getByRole('status').filter({ hasText: 'Runden er åpnet.' }).waitFor();
  await main().getByRole('heading', { level: 2, name: 'Åpen runde: Bærekraft høsten' }).waitFor();
  assert.match(squash(await main().locator('.readiness-result').first().innerText()), /0 har svart.*Totalen kommer når alle faktorene er vurdert/);

  // Sending with factors unrated names the first missing one.
  await main().getByRole('button', { name: 'Send vurderingen' }).click();
  await main().locator('.field-error').filter({ hasText: 'Velg et tall fra 1 til 4.' }).first().waitFor();
  for (const f of model.factors) {
    await main().locator(`#sus-${f.key}-4`).check();
  }
  await main().getByRole('button', { name: 'Send vurderingen' }).click();
  await page.getByRole('status').filter({ hasText: 'Vurderingen din er lagret.' }).waitFor();
  const result = main().locator('.readiness-result').first();
  await result.filter({ hasText: 'Totalt 100 av 100 poeng' }).waitFor();
  assert.match(squash(await result.innerText()), /1 har svart.*Prosessen: \d+(,\d)? av \d+(,\d)?.*De ansatte: .*Organisasjonen: /);
  await fitsTheScreen('sustainability page');
});
