// Three small pieces at 390×844, each over an API that already existed: the leader changes
// an indicator's name (saved with If-Match) and deletes another after a confirming step; the
// owner changes a fade-risk weight (a wrong pair of limits is refused on its field first)
// and the dashboard's fade risk shows the new weight; the print view of a held meeting
// shows its minutes, decisions and actions, hides the app's header on paper and opens the
// browser's print dialogue. axe and the 44×44 px check on every new view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, axe, horizontalOverflow, logIn, logOut, smallTargets } from './lib.mjs';
import { seedRoles } from './fixtures.mjs';

let data;
let browser;
let page;
const MINUTES = 'Alle enhetene har tatt i bruk stafettloggen.';
const DECISION = 'Prosjektet fortsetter med to nye enheter fra mars.';
const ACTION = 'Sende invitasjon til opplæring';

async function indicator(token, name) {
  return (await api(`/api/v1/projects/${data.project.id}/indicators`, {
    method: 'POST', token, expect: 201,
    body: {
      category: 'implementation_quality', name, description: 'Andel barn med oppdatert stafettlogg.',
      unit: '%', direction: 'higher', green_threshold: 80, amber_threshold: 60, frequency: 'monthly',
    },
  })).json;
}

/** A weekly project meeting recorded as held, with minutes, a decision and an action. */
async function heldMeeting(token) {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
  const series = (await api(`/api/v1/projects/${data.project.id}/meeting-series`, {
    method: 'POST', token, expect: 201,
    body: {
      kind: 'project_meeting', title: `Prosjektmøte ${data.stamp}`,
      recurrence: { kind: 'weekly', interval: 1, weekday: 'monday' },
      start_date: today, time_of_day: '10:00', duration_minutes: 60,
      participant_roles: ['owner', 'leader'], participant_ids: [],
    },
  })).json;
  const schedule = (await api(`/api/v1/projects/${data.project.id}/schedule`, { token, expect: 200 })).json.items
    .filter((m) => m.series_id === series.id);
  assert.ok(schedule.length > 0, 'the series has meetings');
  const date = schedule[0].date;
  const path = `/api/v1/meeting-series/${series.id}/meetings/${date}`;
  const current = (await api(path, { token, expect: 200 })).json;
  const res = await fetch(`${BASE_URL}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': `"${current.version}"` },
    body: JSON.stringify({
      status: 'held',
      agenda: current.agenda.map((a, i) => (i === 0 ? { ...a, minutes: MINUTES } : a)),
      attendance: [],
      decisions: [DECISION],
    }),
  });
  assert.equal(res.status, 200, await res.text());
  await api(`${path}/actions`, { method: 'POST', token, expect: 201, body: { title: ACTION } });
  return { series: series.id, date, title: series.title };
}

before(async () => {
  data = await seedRoles();
  data.people.leader.id = (await api('/api/v1/me', { token: data.people.leader.token, expect: 200 })).json.id;
  data.keep = await indicator(data.people.leader.token, `Stafettlogg ${data.stamp}`);
  data.gone = await indicator(data.people.leader.token, `Gammel indikator ${data.stamp}`);
  data.meeting = await heldMeeting(data.people.leader.token);
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
const indicatorUrl = (id) => `${BASE_URL}/projects/${data.project.id}/indicators/${id}`;

async function checks(label) {
  const serious = await axe(page, label);
  assert.deepEqual(serious.map((v) => v.id), [], `${label}: no serious or critical axe violations`);
  assert.deepEqual(await smallTargets(page), [], `${label}: every target is at least 44×44 px`);
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `${label}: scrollWidth ${scrollWidth} > 390`);
}

test('the leader changes an indicator\'s name and sees it', async () => {
  await logIn(page, data.people.leader.email, data.password);
  await page.goto(indicatorUrl(data.keep.id));
  await main().getByRole('heading', { level: 1, name: data.keep.name }).waitFor();
  const open = main().getByRole('button', { name: 'Endre indikatoren' });
  await open.click();
  assert.equal(await open.getAttribute('aria-expanded'), 'true');
  const name = page.locator('#ind-edit-name');
  assert.equal(await name.inputValue(), data.keep.name, 'the form is filled from the indicator');
  assert.equal(await page.locator('#ind-edit-green_threshold').inputValue(), '80');
  await checks('indicator: change form');
  const renamed = `Barn med stafettlogg ${data.stamp}`;
  await name.fill(renamed);
  await main().getByRole('button', { name: 'Lagre indikatoren' }).click();
  await main().getByText('Indikatoren er endret.').waitFor();
  await main().getByRole('heading', { level: 1, name: renamed }).waitFor();
  const saved = (await api(`/api/v1/indicators/${data.keep.id}`, { token: data.people.leader.token, expect: 200 })).json;
  assert.equal(saved.name, renamed);
  assert.equal(saved.version, data.keep.version + 1);
  assert.equal(saved.green_threshold, 80, 'what was not changed stays');
});

test('someone else saved first: the leader keeps the text and is offered a reload', async () => {
  const now = (await api(`/api/v1/indicators/${data.keep.id}`, { token: data.people.leader.token, expect: 200 })).json;
  await main().getByRole('button', { name: 'Endre indikatoren' }).click();
  const mine = `Mitt navn ${data.stamp}`;
  await page.locator('#ind-edit-name').fill(mine);
  // The owner changes the unit meanwhile.
  const res = await fetch(`${BASE_URL}/api/v1/indicators/${data.keep.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${data.people.owner.token}`, 'content-type': 'application/json', 'if-match': `"${now.version}"` },
    body: JSON.stringify({
      category: now.category, name: now.name, description: now.description, unit: 'prosent',
      source: now.source, direction: now.direction, green_threshold: 80, amber_threshold: 60, frequency: now.frequency,
    }),
  });
  assert.equal(res.status, 200, await res.text());
  await main().getByRole('button', { name: 'Lagre indikatoren' }).click();
  await main().getByText('Noen andre har endret indikatoren etter at du åpnet den. Det du skrev, er tatt vare på.', { exact: false }).waitFor();
  assert.equal(await page.locator('#ind-edit-name').inputValue(), mine, 'what was typed is kept');
  await main().locator('.stale').getByRole('button').click();
  // After the reload the typed name is still there and saving works.
  await page.locator('#ind-edit-name').waitFor();
  assert.equal(await page.locator('#ind-edit-name').inputValue(), mine);
  await main().getByRole('button', { name: 'Lagre indikatoren' }).click();
  await main().getByRole('heading', { level: 1, name: mine }).waitFor();
  const saved = (await api(`/api/v1/indicators/${data.keep.id}`, { token: data.people.leader.token, expect: 200 })).json;
  assert.equal(saved.name, mine);
});

test('the leader deletes another indicator after confirming, and it is gone', async () => {
  await page.goto(indicatorUrl(data.gone.id));
  await main().getByRole('heading', { level: 1, name: data.gone.name }).waitFor();
  await main().getByRole('button', { name: 'Slett indikatoren' }).click();
  await main().getByText(`Vil du slette «${data.gone.name}»?`, { exact: false }).waitFor();
  await checks('indicator: delete confirmation');
  // Cancelling keeps it.
  await main().getByRole('button', { name: 'Avbryt' }).last().click();
  await main().getByRole('button', { name: 'Slett indikatoren' }).click();
  await main().getByRole('button', { name: 'Ja, slett indikatoren' }).click();
  await page.waitForURL(`${BASE_URL}/projects/${data.project.id}/indicators?deleted=1`);
  await main().getByText('Indikatoren er slettet.').waitFor();
  await main().getByRole('heading', { level: 1, name: 'Indikatorer' }).waitFor();
  assert.equal(await main().getByText(data.gone.name).count(), 0, 'the list no longer has it');
  await api(`/api/v1/indicators/${data.gone.id}`, { token: data.people.leader.token, expect: 404 });
  await logOut(page);
});

test('the owner changes a fade-risk weight; the dashboard shows it', async () => {
  await logIn(page, data.people.owner.email, data.password);
  await page.goto(`${BASE_URL}/projects/${data.project.id}/dashboard`);
  await main().getByRole('heading', { level: 1 }).waitFor();
  const open = main().getByRole('button', { name: 'Endre vekter og grenser' });
  await open.click();
  const weight = page.locator('#fade-set-weight_meetings_lapsing');
  await weight.waitFor();
  assert.equal(await weight.inputValue(), '25', 'the default weight');
  await checks('dashboard: fade-risk settings');

  // The server's 422 lands on the field it names.
  await page.locator('#fade-set-medium_from').fill('70');
  await page.locator('#fade-set-high_from').fill('40');
  await main().getByRole('button', { name: 'Lagre vekter og grenser' }).click();
  await page.locator('#fade-set-high_from-error').getByText('Høy risiko kan ikke starte under middels risiko.').waitFor();
  assert.equal(await page.locator('#fade-set-high_from').getAttribute('aria-invalid'), 'true');
  await page.locator('#fade-set-medium_from').fill('30');
  await page.locator('#fade-set-high_from').fill('60');

  await weight.fill('40');
  await main().getByRole('button', { name: 'Lagre vekter og grenser' }).click();
  await main().getByText('Vekter og grenser er lagret.', { exact: false }).waitFor();
  const row = main().locator('li.signal').filter({ hasText: 'Møtene blir ikke holdt' });
  // 40 of the weights' new total of 115.
  await row.filter({ hasText: /gir 34,8 av 100 poeng/ }).waitFor();
  assert.match(squash(await row.innerText()), /Et varsel her gir 34,8 av 100 poeng\./);
  const settings = (await api(`/api/v1/projects/${data.project.id}/fade-risk/settings`, { token: data.people.owner.token, expect: 200 })).json;
  assert.equal(settings.signals.find((s) => s.kind === 'meetings_lapsing').weight, 40);
  assert.equal(settings.high_from, 60);
});

test('the print view of a held meeting shows its minutes and decisions', async () => {
  const m = data.meeting;
  await page.goto(`${BASE_URL}/projects/${data.project.id}/meetings/${m.series}/${m.date}`);
  await main().getByRole('heading', { level: 1, name: m.title }).waitFor();
  await main().getByRole('link', { name: 'Skriv ut referatet' }).click();
  await page.waitForURL(`${BASE_URL}/projects/${data.project.id}/meetings/${m.series}/${m.date}/print`);
  await main().getByRole('heading', { level: 1, name: m.title }).waitFor();
  const text = squash(await main().innerText());
  assert.ok(text.includes(MINUTES), 'the minutes are shown');
  assert.ok(text.includes(DECISION), 'the decision is shown');
  assert.ok(text.includes(ACTION), 'the action is shown');
  assert.match(text, /Holdt/);
  await checks('meeting: print view');

  // The button opens the browser's print dialogue.
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await main().getByRole('button', { name: 'Skriv ut', exact: true }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  // On paper the app's header and the buttons are gone, the minutes stay.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.site-header').isVisible(), false);
  assert.equal(await main().getByRole('button', { name: 'Skriv ut', exact: true }).isVisible(), false);
  assert.equal(await main().getByText(DECISION).isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
});
