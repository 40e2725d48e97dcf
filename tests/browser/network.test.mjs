// The change-agent network end to end at 390×844: a change agent files two field reports
// with no connection, reloads the app offline (served by the service worker), sees two
// reports waiting, goes online and the outbox drains; the leader's feed then holds exactly
// those two. A report the server refuses stays in the outbox, flagged, until deleted.
// axe on the report form and on the coverage page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, axe, horizontalOverflow } from './lib.mjs';
import { seedOrganisation, setNetwork, changeAgents, putVersioned as put } from './fixtures.mjs';

let data;
let browser;
let page;

/**
 * An organisation with a structure (one level, a sector dimension), two units, a project
 * with both units in scope, a project leader and an active change agent in the first unit.
 */
async function seedNetwork() {
  const { stamp, password, token, org, project, people, units } = await seedOrganisation({
    org: 'Nettkommune',
    structure: {
      levels: [{ key: 'service_area', name: 'Tjenesteområde' }, { key: 'unit', name: 'Enhet' }],
      dimensions: [{
        key: 'sector', name: 'Sektor',
        values: [{ key: 'school', name: 'Skole' }, { key: 'kindergarten', name: 'Barnehage' }],
      }],
    },
    units: { school: ['Rosenborg skole', 'school'], kindergarten: ['Lia barnehage', 'kindergarten'] },
    projects: [{ name: 'BTI i Nettkommune', description: 'Endringsagenter i enhetene.' }],
    people: {
      leader: { name: 'Lise Leder', role: 'leader' },
      change_agent: { name: 'Kari Endringsagent', role: 'change_agent' },
    },
  });
  const { school, kindergarten } = units;
  await setNetwork(token, project, [school, kindergarten]);
  // The agent: nominated → recruited → trained → active, in the school.
  let agent = (await changeAgents(token, project)).find((a) => a.user_id === people.change_agent.id);
  assert.ok(agent, 'the change agent is listed');
  for (const status of ['recruited', 'trained', 'active']) {
    agent = await put(`/api/v1/change-agents/${agent.id}`, token, agent.version, { status, unit_ids: [school.id] });
  }
  assert.equal(agent.status, 'active');
  return { stamp, password, token, org, project, people, school, kindergarten };
}

before(async () => {
  data = await seedNetwork();
  console.log(`seeded organisation "${data.org.name}", project ${data.project.id}`);
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') console.log(`console error: ${msg.text()}`); });
});

after(async () => {
  await browser?.context.setOffline(false).catch(() => {});
  await browser?.close();
});

const main = () => page.locator('main');
/** Full-page screenshots for a human look when VARIG_SHOTS names a directory. */
const shot = async (name) => {
  if (process.env.VARIG_SHOTS) await page.screenshot({ path: `${process.env.VARIG_SHOTS}/${name}.png`, fullPage: true });
};
const badge = () => page.locator('header .outbox-link .count-badge');
const reportUrl = () => `${BASE_URL}/projects/${data.project.id}/report`;

async function logIn(person) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('E-postadresse').fill(person.email);
  await page.getByLabel('Passord', { exact: true }).fill(data.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);
}

async function logOut() {
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.waitForURL(/\/login$/);
}

async function openReportForm() {
  await page.goto(reportUrl());
  await main().getByRole('heading', { level: 1, name: 'Ny feltrapport' }).waitFor();
  // The unit list has arrived (the agent's own unit is preselected).
  await page.waitForFunction((name) => {
    const select = document.querySelector('#report-unit');
    return select && select.selectedOptions[0]?.textContent.trim() === name;
  }, data.school.name);
}

/** Fills and submits the form; returns after the form says the report is saved. */
async function fileReport({ activity, people, stage, resistance, barrier, successes }) {
  const form = main().locator('form.report-form');
  await form.getByLabel('Aktivitet').selectOption({ label: activity });
  await form.getByLabel('Antall personer nådd').fill(String(people));
  await form.getByRole('radio', { name: stage, exact: true }).check();
  if (resistance) await form.getByRole('radio', { name: resistance, exact: true }).check();
  if (barrier) {
    await form.getByRole('button', { name: 'Legg til hemmer' }).click();
    const row = form.getByRole('group', { name: 'Hemmer 1' });
    await row.getByLabel('Nivå').selectOption({ label: barrier.level });
    await row.getByLabel('Beskrivelse').fill(barrier.text);
  }
  if (successes) await form.getByLabel('Suksesser').fill(successes);
  await form.getByRole('button', { name: 'Send rapport' }).click();
  await page.locator('#report-result').filter({ hasText: 'Rapporten er lagret' }).waitFor();
}

test('the change agent opens the report form online; it is accessible and refuses what is missing', async () => {
  await logIn(data.people.change_agent);
  await openReportForm();
  // The service worker must control the page before we go offline.
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    await openReportForm();
  }
  assert.equal(await badge().textContent(), '0');
  // Own units first, in their own group.
  assert.equal(await main().locator('#report-unit optgroup[label="Mine enheter"] option').first().textContent(), data.school.name);

  await main().getByRole('button', { name: 'Send rapport' }).click();
  await main().locator('#report-activity-error').filter({ hasText: 'Velg en aktivitet.' }).waitFor();
  await main().locator('#report-stage-error').filter({ hasText: 'Velg en reaksjon.' }).waitFor();
  assert.equal(await main().getByLabel('Aktivitet').getAttribute('aria-invalid'), 'true');
  await page.waitForFunction(() => document.activeElement?.id === 'report-activity');
  assert.equal(await badge().textContent(), '0', 'nothing was queued');

  await shot('report-form');
  const serious = await axe(page, 'report form');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations on the report form');
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `report form scrollWidth ${scrollWidth} > 390`);
});

test('offline: two reports are queued, survive a reload from the service worker, and are sent once online', async () => {
  await browser.context.setOffline(true);
  try {
    const probe = await page.evaluate(() => fetch(`/api/v1/health?probe=${Date.now()}`).then(() => 'online', () => 'offline'));
    assert.equal(probe, 'offline');

    await fileReport({
      activity: 'Opplæring', people: 12, stage: 'Forståelse',
      barrier: { level: 'Team', text: `Lite tid i personalmøtene ${data.stamp}` },
      successes: `Lærerne tok i bruk kartleggingen ${data.stamp}`,
    });
    await page.locator('#report-result').filter({ hasText: 'Du er uten nett' }).waitFor();
    await badge().filter({ hasText: /^1$/ }).waitFor();
    await fileReport({
      activity: 'Veiledning', people: 3, stage: 'Motstand', resistance: 'Vil ikke',
      successes: `Andre rapport uten nett ${data.stamp}`,
    });
    await badge().filter({ hasText: /^2$/ }).waitFor();
    // Unit and activity are remembered for the next report.
    assert.equal(await page.evaluate(() => localStorage.getItem('varig.report.last_activity')), 'coaching');

    const queued = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('varig-offline');
      open.onsuccess = () => {
        const req = open.result.transaction('reports').objectStore('reports').getAll();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      };
      open.onerror = () => reject(open.error);
    }));
    assert.equal(queued.length, 2, 'both reports are in IndexedDB');
    assert.notEqual(queued[0].id, queued[1].id);
    for (const q of queued) assert.equal(q.report.id, q.id, 'the report carries the id given at submit');

    // Reload with no network: the shell comes from the service worker, the queue from IndexedDB.
    const response = await page.reload();
    assert.ok(response?.fromServiceWorker(), 'the shell comes from the service worker');
    await main().getByRole('heading', { level: 1, name: 'Ny feltrapport' }).waitFor();
    await page.getByText('Du er frakoblet.', { exact: false }).waitFor();
    await badge().filter({ hasText: /^2$/ }).waitFor();

    // The outbox lists both, waiting.
    await page.locator('header .outbox-link').click();
    await main().getByRole('heading', { level: 1, name: 'Rapporter som venter' }).waitFor();
    assert.equal(await main().locator('.outbox-list > li').count(), 2);
    assert.equal(await main().getByText('Venter på nett').count(), 2);
  } finally {
    await browser.context.setOffline(false);
  }
  // Online again: the queue drains (on the `online` event; the 30 s timer is the fallback).
  await badge().filter({ hasText: /^0$/ }).waitFor({ timeout: 45_000 });
  await page.locator('.sync-region').filter({ hasText: '2 rapporter er sendt.' }).waitFor();
  assert.equal(await main().locator('.outbox-list > li').count(), 0);

  const stored = (await api(`/api/v1/projects/${data.project.id}/reports`, { token: data.token, expect: 200 })).json.items;
  assert.equal(stored.length, 2, `exactly two reports stored: ${JSON.stringify(stored.map((r) => r.successes))}`);
});

test("the leader's feed shows exactly the two reports, and the CSV export downloads", async () => {
  await logOut();
  await logIn(data.people.leader);
  await page.goto(`${BASE_URL}/projects/${data.project.id}`);
  await main().getByRole('link', { name: 'Rapporter', exact: true }).click();
  await main().getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
  await main().getByText('Antall rapporter: 2', { exact: true }).waitFor();
  const reports = main().locator('.report-list > li.report');
  await shot('feed');
  assert.equal(await reports.count(), 2, 'exactly two reports, no duplicates');
  const texts = (await reports.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
  // Newest received first.
  assert.match(texts[0], new RegExp(`Andre rapport uten nett ${data.stamp}`));
  assert.match(texts[0], /Motstand: Vil ikke/);
  assert.match(texts[0], /Kari Endringsagent/);
  assert.match(texts[1], new RegExp(`Lite tid i personalmøtene ${data.stamp}`));
  assert.match(texts[1], /Forståelse/);
  assert.match(texts[1], /Opplæring/);
  for (const t of texts) assert.match(t, new RegExp(data.school.name));

  // Filter by stage: only the resistance report.
  await main().getByLabel('Reaksjon').selectOption({ label: 'Motstand' });
  await main().getByRole('button', { name: 'Vis rapporter' }).click();
  await main().getByText('Antall rapporter: 1', { exact: true }).waitFor();
  assert.equal(await reports.count(), 1);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    main().getByRole('button', { name: 'Last ned CSV' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'varig-rapporter.csv');
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  assert.equal(csv.length, 2, 'header and the one filtered row');
  assert.match(csv[1], /resistance/);
});

test('the coverage page is a heat map that reads as a table, with the gaps and the agents', async () => {
  await page.goto(`${BASE_URL}/projects/${data.project.id}/network`);
  await main().getByRole('heading', { level: 1, name: 'Nettverk og dekning' }).waitFor();
  await main().getByText('1 av 2 enheter har en aktiv endringsagent.', { exact: false }).waitFor();
  const levels = main().getByRole('table', { name: 'Dekning per nivå' });
  await levels.waitFor();
  const unitRow = levels.getByRole('row', { name: /Enhet/ });
  assert.match((await unitRow.textContent()).replace(/\s+/g, ' '), /1 av 2.*50 %/);
  assert.equal(await levels.locator('th[scope="col"]').count(), 4);
  const sectors = main().getByRole('table', { name: 'Dekning per verdi av Sektor' });
  assert.match((await sectors.getByRole('row', { name: /Skole/ }).textContent()).replace(/\s+/g, ' '), /1 av 1.*100 %/);
  assert.match((await sectors.getByRole('row', { name: /Barnehage/ }).textContent()).replace(/\s+/g, ' '), /0 av 1.*0 %/);
  await main().locator('.gap-list').getByText(data.kindergarten.name).waitFor();
  const agent = main().locator('.agent-list li').filter({ hasText: 'Kari Endringsagent' });
  await agent.waitFor();
  assert.match((await agent.textContent()).replace(/\s+/g, ' '), /Aktiv/);
  assert.match((await agent.textContent()).replace(/\s+/g, ' '), new RegExp(data.school.name));
  assert.match((await agent.textContent()).replace(/\s+/g, ' '), /2 i alt/);
  await main().getByText('etter 4 uker uten rapport', { exact: false }).waitFor();
  await shot('coverage');
  const serious = await axe(page, 'coverage');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations on the coverage page');

  await page.goto(`${BASE_URL}/projects/${data.project.id}/reactions`);
  const reactions = main().getByRole('table', { name: 'Antall rapporter per reaksjon, enhet og måned' });
  await reactions.waitFor();
  assert.equal(await reactions.locator('tbody tr').count(), 1);
});

test('a report the server refuses stays in the outbox, flagged, until the agent deletes it', async () => {
  await logOut();
  await logIn(data.people.change_agent);
  await openReportForm();
  await browser.context.setOffline(true);
  try {
    await fileReport({ activity: 'Observasjon', people: 1, stage: 'Kjennskap', successes: `Avvist ${data.stamp}` });
    await badge().filter({ hasText: /^1$/ }).waitFor();
    // Meanwhile the school leaves the project's scope.
    const network = (await api(`/api/v1/projects/${data.project.id}/network`, { token: data.token, expect: 200 })).json;
    await put(`/api/v1/projects/${data.project.id}/network`, data.token, network.version, {
      unit_ids: [data.kindergarten.id], silent_after_weeks: 4,
    });
  } finally {
    await browser.context.setOffline(false);
  }
  await page.locator('.sync-region').filter({ hasText: '1 rapport ble ikke tatt imot' }).waitFor({ timeout: 45_000 });
  await badge().filter({ hasText: /^1$/ }).waitFor();
  await page.locator('header .outbox-link').click();
  const item = main().locator('.outbox-list > li');
  await item.getByText('Enheten er ikke lenger med i prosjektet.').waitFor();
  await item.getByText('Ble ikke tatt imot', { exact: false }).waitFor();
  // It is not retried on its own: still one, and the server has not stored it.
  const stored = (await api(`/api/v1/projects/${data.project.id}/reports`, { token: data.token, expect: 200 })).json.items;
  assert.equal(stored.length, 2);
  await shot('outbox-refused');
  await item.getByRole('button', { name: 'Slett rapporten' }).click();
  await badge().filter({ hasText: /^0$/ }).waitFor();
  assert.equal(await main().locator('.outbox-list > li').count(), 0);
});
