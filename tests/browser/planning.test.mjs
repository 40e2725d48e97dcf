// The phase plan and the planning tools end to end at 390×844: the leader marks a checklist
// item done with evidence (the completion changes), adds milestones (yesterday's is flagged
// overdue), builds a goal tree and a risk (4 × 5 = 20, high); two members answer the
// readiness questionnaire and the leader sees two respondents and a mean per domain; a
// change agent reads every plan page without edit controls; a transition request shows the
// plan as evidence; axe on the checklist and the readiness page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, axe, horizontalOverflow } from './lib.mjs';
import { seedOrganisation } from './fixtures.mjs';

let data;
let browser;
let page;

/** An organisation, its admin, a programme, a project, a leader and a change agent. */
async function seedPlan() {
  const world = await seedOrganisation({
    org: 'Plankommune',
    projects: [{ name: 'BTI i Plankommune', description: 'Planen for BTI.' }],
    people: {
      leader: { name: 'Lise Leder', role: 'leader' },
      change_agent: { name: 'Kari Endringsagent', role: 'change_agent' },
    },
  });
  return { ...world, adminToken: world.token };
}

before(async () => {
  data = await seedPlan();
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
const toolUrl = (tool) => `${projectUrl()}/${tool}`;
const flash = (text) => page.getByRole('status').filter({ hasText: text });
const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();

/** Today's date in Oslo as YYYY-MM-DD, moved by `days`. */
function osloDay(days) {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

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

async function openProject() {
  await main().getByRole('link', { name: new RegExp(data.project.name) }).click();
  await page.waitForURL(projectUrl());
  await main().getByRole('heading', { level: 2, name: 'Sjekkliste per fase' }).waitFor();
}

async function openTool(linkName, tool, heading) {
  await main().getByRole('navigation', { name: 'Plan og verktøy' }).getByRole('link', { name: linkName, exact: true }).click();
  await page.waitForURL(toolUrl(tool));
  await main().getByRole('heading', { level: 1, name: heading }).waitFor();
}

async function fitsTheScreen(label) {
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `${label}: scrollWidth ${scrollWidth} > 390`);
}

async function checklistFromApi(token) {
  return (await api(`/api/v1/projects/${data.project.id}/checklist`, { token, expect: 200 })).json;
}

test('the leader marks a checklist item done with evidence; the completion on the project page changes', async () => {
  const before = await checklistFromApi(data.people.leader.token);
  const prepare = before.items.filter((i) => i.phase === 'prepare');
  assert.ok(prepare.length > 0, 'the phase model seeds Prepare');
  const completionBefore = before.completion.find((c) => c.phase === 'prepare');
  assert.equal(completionBefore.done, 0);

  await logIn(data.people.leader);
  await openProject();
  const section = main().locator('#checklist-prepare');
  assert.equal(await section.getAttribute('open'), '', 'the current phase is open');
  assert.equal(await main().locator('#checklist-plan').getAttribute('open'), null, 'other phases are closed');
  const completion = section.locator('summary .completion');
  await completion.filter({ hasText: `${completionBefore.percent} % fullført (0 av ` }).waitFor();
  // Titles come in the UI language.
  await section.locator('.item-title').filter({ hasText: prepare[0].title.nb }).first().waitFor();

  const toggle = section.locator('.item-toggle').first();
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const form = section.locator('form.item-form');
  await form.waitFor();

  // "Not relevant" asks for a reason before anything is sent.
  await form.getByRole('radio', { name: 'Ikke relevant', exact: true }).check();
  const reason = form.getByLabel('Hvorfor er punktet ikke relevant? (må fylles ut)');
  await reason.waitFor();
  await form.getByRole('button', { name: 'Lagre punktet' }).click();
  await form.getByText('Skriv hvorfor punktet ikke er relevant.').waitFor();
  assert.equal(await reason.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'TEXTAREA');

  // A link that is not http(s) is refused too.
  await form.getByRole('radio', { name: 'Ferdig', exact: true }).check();
  assert.ok(await reason.isHidden(), 'the reason is only asked for "not relevant"');
  await form.getByLabel('Ansvarlig').selectOption({ label: 'Lise Leder (Prosjektleder)' });
  await form.getByLabel('Dokumentasjon', { exact: true }).fill('Beredskapen er vurdert i ledermøtet 12. november.');
  const links = form.getByLabel('Lenker til dokumentasjon');
  await links.fill('kommune.no/referat');
  await form.getByRole('button', { name: 'Lagre punktet' }).click();
  await form.locator('.field-error').filter({ hasText: 'Lenker må begynne med https://' }).waitFor();
  await links.fill('https://kommune.no/referat');
  await form.getByRole('button', { name: 'Lagre punktet' }).click();
  await flash('Punktet er lagret.').waitFor();

  const after = await checklistFromApi(data.people.leader.token);
  const saved = after.items.find((i) => i.id === prepare[0].id);
  assert.equal(saved.status, 'done');
  assert.equal(saved.evidence, 'Beredskapen er vurdert i ledermøtet 12. november.');
  assert.deepEqual(saved.evidence_links, ['https://kommune.no/referat']);
  assert.equal(saved.responsible_id, data.people.leader.id);
  const completionAfter = after.completion.find((c) => c.phase === 'prepare');
  assert.equal(completionAfter.done, 1);
  assert.ok(completionAfter.percent > completionBefore.percent);
  await completion.filter({ hasText: `${completionAfter.percent} % fullført (1 av ` }).waitFor();
  // The phase timeline follows.
  await main().locator('.phase-steps li[aria-current="step"]').filter({ hasText: `Sjekkliste: ${completionAfter.percent} %` }).waitFor();
  const row = section.locator('.checklist-item').filter({ hasText: prepare[0].title.nb }).first();
  assert.match(squash(await row.textContent()), /Ferdig.*Ansvarlig: Lise Leder.*Dokumentasjon: Beredskapen er vurdert/);
  await row.getByRole('link', { name: 'https://kommune.no/referat' }).waitFor();

  // The same page in nynorsk shows the nynorsk title.
  await page.locator('#lang-select').selectOption('nn');
  await section.locator('.item-title').filter({ hasText: prepare[0].title.nn }).first().waitFor();
  await section.locator('summary .completion').filter({ hasText: `${completionAfter.percent} % fullført` }).waitFor();
  await page.locator('#lang-select').selectOption('nb');
  await fitsTheScreen('project page with checklist');
});

test('the checklist passes axe with an item open', async () => {
  const section = main().locator('#checklist-prepare');
  await section.locator('.item-toggle').nth(1).click();
  await section.locator('form.item-form').waitFor();
  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'project page, checklist with an item form open');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
  await fitsTheScreen('checklist with a form open');
  await section.locator('form.item-form').getByRole('button', { name: 'Avbryt' }).click();
});

test('the leader adds an item of the project\'s own and deletes it again', async () => {
  const section = main().locator('#checklist-prepare');
  const items = section.locator('.checklist-item');
  const count = await items.count();
  await section.getByLabel('Nytt punkt i denne fasen').fill('Avklare økonomi med kommunedirektøren');
  await section.getByRole('button', { name: 'Legg til punkt' }).click();
  await flash('Punktet er lagt til.').waitFor();
  const own = items.filter({ hasText: 'Avklare økonomi med kommunedirektøren' });
  await own.waitFor();
  assert.equal(await items.count(), count + 1);
  assert.match(squash(await own.textContent()), /Eget punkt/);
  await own.locator('.item-toggle').click();
  await own.getByRole('button', { name: 'Slett punktet' }).click();
  await own.getByRole('button', { name: 'Ja, slett' }).click();
  await flash('Punktet er slettet.').waitFor();
  await own.waitFor({ state: 'detached' });
  assert.equal(await items.count(), count);
  // Items of the phase model cannot be deleted: the form does not offer it.
  await items.first().locator('.item-toggle').click();
  await items.first().locator('form.item-form').waitFor();
  assert.equal(await items.first().getByRole('button', { name: 'Slett punktet' }).count(), 0);
  await items.first().getByRole('button', { name: 'Avbryt' }).click();
});

test('the leader adds a milestone due yesterday and sees it flagged overdue; one due next month is not', async () => {
  await openTool('Milepæler', 'milestones', 'Milepæler');
  const prepare = main().locator('section').filter({ has: page.getByRole('heading', { level: 2, name: /Forberede/ }) });
  await prepare.getByText('Ingen milepæler i denne fasen.').waitFor();

  const add = async (title, due) => {
    await main().getByRole('button', { name: 'Ny milepæl' }).click();
    const form = main().locator('#ms-new form');
    await form.getByLabel('Milepæl').fill(title);
    await form.getByLabel('Frist').fill(due);
    await form.getByLabel('Ansvarlig').selectOption({ label: 'Lise Leder (Prosjektleder)' });
    await form.getByRole('button', { name: 'Lagre' }).click();
    await flash('Lagt til.').waitFor();
    await prepare.getByRole('heading', { level: 3, name: title }).waitFor();
  };
  await add('Nøkkelpersoner utpekt', osloDay(-1));
  await add('Beredskap vurdert', osloDay(30));

  const late = prepare.locator('li').filter({ has: page.getByRole('heading', { name: 'Nøkkelpersoner utpekt' }) });
  const onTime = prepare.locator('li').filter({ has: page.getByRole('heading', { name: 'Beredskap vurdert' }) });
  await late.locator('.badge-overdue').filter({ hasText: 'Forsinket' }).waitFor();
  assert.equal(await onTime.locator('.badge-overdue').count(), 0, 'a milestone due later is not overdue');
  assert.match(squash(await late.textContent()), /Ansvarlig: Lise Leder/);
  const fromApi = (await api(`/api/v1/projects/${data.project.id}/milestones`, { token: data.people.leader.token, expect: 200 })).json.items;
  assert.equal(fromApi.find((m) => m.title === 'Nøkkelpersoner utpekt').overdue, true);

  // Marking it done lifts the flag.
  await late.getByRole('button', { name: /^Endre/ }).click();
  await late.locator('form').getByLabel('Status').selectOption({ label: 'Fullført' });
  await late.locator('form').getByRole('button', { name: 'Lagre' }).click();
  await flash('Endringen er lagret.').waitFor();
  await late.locator('.status-badge').filter({ hasText: 'Fullført' }).waitFor();
  assert.equal(await late.locator('.badge-overdue').count(), 0);
  await fitsTheScreen('milestones');
});

test('the leader builds a goal tree as nested lists; a goal with sub-goals cannot be deleted', async () => {
  await openTool('Mål', 'goals', 'Mål');
  await main().getByText('Ingen mål ennå.').waitFor();
  await main().getByRole('button', { name: 'Nytt mål' }).click();
  const form = main().locator('#goal-new form');
  await form.getByLabel('Mål', { exact: true }).fill('Barn og familier får hjelp tidlig');
  await form.getByLabel('Nivå').selectOption({ label: 'Effektmål' });
  await form.getByRole('button', { name: 'Lagre' }).click();
  await flash('Lagt til.').waitFor();

  const effect = main().locator('.goal-tree > li').filter({ hasText: 'Barn og familier får hjelp tidlig' });
  await effect.getByRole('button', { name: 'Legg til undermål' }).click();
  const child = effect.locator('form');
  assert.equal(await child.getByLabel('Nivå').inputValue(), 'result', 'a sub-goal of an effect goal is a result goal');
  await child.getByLabel('Mål', { exact: true }).fill('Alle enheter bruker stafettloggen');
  await child.getByRole('button', { name: 'Lagre' }).click();
  await flash('Lagt til.').waitFor();
  const nested = main().locator('.goal-tree > li > ul > li').filter({ hasText: 'Alle enheter bruker stafettloggen' });
  await nested.waitFor();
  assert.match(squash(await nested.textContent()), /Resultatmål/);

  await effect.locator('.goal-body').first().getByRole('button', { name: /^Slett/ }).click();
  await effect.locator('.goal-body').first().getByRole('button', { name: 'Ja, slett' }).click();
  await effect.getByText('Målet har undermål. Slett eller flytt dem først.').waitFor();
  await fitsTheScreen('goals');
});

test('the leader adds a risk 4 × 5: it shows high with score 20, above a low one', async () => {
  await openTool('Risiko', 'risks', 'Risiko');
  const add = async (title, p, c) => {
    await main().getByRole('button', { name: 'Ny risiko' }).click();
    const form = main().locator('#risk-new form');
    await form.getByLabel('Risiko', { exact: true }).fill(title);
    await form.getByRole('group', { name: 'Sannsynlighet' }).getByRole('radio', { name: new RegExp(`^${p} –`) }).check();
    await form.getByRole('group', { name: 'Konsekvens' }).getByRole('radio', { name: new RegExp(`^${c} –`) }).check();
    await form.getByLabel('Risikoeier').selectOption({ label: 'Lise Leder (Prosjektleder)' });
    await form.getByRole('button', { name: 'Lagre' }).click();
    await flash('Lagt til.').waitFor();
    await main().getByRole('heading', { level: 3, name: title }).waitFor();
  };
  await add('Lite brukt etter opplæring', 1, 2);
  await add('Nøkkelpersoner slutter', 4, 5);

  const risks = main().locator('.plan-list > li');
  assert.equal(await risks.count(), 2);
  const first = squash(await risks.nth(0).textContent());
  assert.match(first, /Nøkkelpersoner slutter/, 'highest score first');
  assert.match(first, /Høy risiko/);
  assert.match(first, /Risikotall 20/);
  assert.match(first, /Sannsynlighet 4 × konsekvens 5/);
  assert.match(first, /Eier: Lise Leder/);
  const second = squash(await risks.nth(1).textContent());
  assert.match(second, /Lav risiko/);
  assert.match(second, /Risikotall 2/);
  await fitsTheScreen('risks');
});

test('the leader adds a stakeholder (strategy from the server) and a barrier grouped by level', async () => {
  await openTool('Interessenter', 'stakeholders', 'Interessenter');
  await main().getByRole('button', { name: 'Ny interessent' }).click();
  let form = main().locator('#sh-new form');
  await form.getByLabel('Interessent', { exact: true }).fill('Rektorene');
  await form.getByRole('button', { name: 'Lagre' }).click();
  await form.locator('.field-error').filter({ hasText: 'Velg ett av alternativene.' }).first().waitFor();
  await form.getByRole('group', { name: 'Påvirkningskraft' }).getByRole('radio', { name: 'Høy' }).check();
  await form.getByRole('group', { name: 'Hvor berørt av endringen' }).getByRole('radio', { name: 'Høy' }).check();
  await form.getByRole('group', { name: 'Holdning til endringen' }).getByRole('radio', { name: 'Skeptisk' }).check();
  await form.getByLabel('Tiltak').fill('Egne møter før oppstart.');
  await form.getByRole('button', { name: 'Lagre' }).click();
  await flash('Lagt til.').waitFor();
  const stakeholder = main().locator('.plan-list > li').filter({ hasText: 'Rektorene' });
  assert.match(squash(await stakeholder.textContent()), /Involver tett.*Påvirkningskraft\s*Høy.*Hvor berørt av endringen\s*Høy.*Holdning til endringen\s*Skeptisk.*Tiltak: Egne møter før oppstart\./);
  await fitsTheScreen('stakeholders');

  await openTool('Hemmere og fremmere', 'barriers', 'Hemmere og fremmere');
  await main().getByRole('button', { name: 'Ny hemmer eller fremmer' }).click();
  form = main().locator('#barrier-new form');
  await form.getByRole('group', { name: 'Nivå' }).getByRole('radio', { name: 'Organisasjon' }).check();
  await form.getByLabel('Hva er det? (må fylles ut)').fill('Lite tid til opplæring i turnus');
  await form.getByRole('group', { name: 'Styrke' }).getByRole('radio', { name: '4', exact: true }).check();
  await form.getByRole('group', { name: 'Type motstand' }).getByRole('radio', { name: 'Kan ikke' }).check();
  await form.getByLabel('Strategi').fill('Opplæring i arbeidstiden');
  await form.getByRole('button', { name: 'Lagre' }).click();
  await flash('Lagt til.').waitFor();
  const organisation = main().locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Organisasjon' }) });
  const barrier = organisation.locator('.plan-list > li').filter({ hasText: 'Lite tid til opplæring i turnus' });
  assert.match(squash(await barrier.textContent()), /Hemmer.*Styrke 4 av 5.*Kan ikke.*Strategi: Opplæring i arbeidstiden/);
  const system = main().locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'System og samfunn' }) });
  await system.getByText('Ingen på dette nivået.').waitFor();
  await fitsTheScreen('barriers');
});

test('the leader opens a readiness round and answers; unanswered statements are refused', async () => {
  await openTool('Endringsberedskap', 'readiness', 'Endringsberedskap');
  await main().getByRole('heading', { level: 2, name: 'Ingen åpen runde' }).waitFor();
  await main().getByLabel('Navn på runden').fill('Endringsberedskap høsten 2026');
  await main().getByRole('button', { name: 'Åpne runden' }).click();
  await flash('Runden er åpnet.').waitFor();
  await main().getByRole('heading', { level: 2, name: 'Åpen runde: Endringsberedskap høsten 2026' }).waitFor();

  const statements = main().locator('fieldset.statement');
  await statements.first().waitFor();
  const n = await statements.count();
  const questionnaire = (await api('/api/v1/readiness/questionnaire', { token: data.people.leader.token, expect: 200 })).json;
  assert.equal(n, questionnaire.items.length, 'one fieldset per statement');
  assert.equal(await statements.first().locator('legend').count(), 1);
  assert.equal(await statements.first().getByRole('radio').count(), 5);

  await main().getByRole('button', { name: 'Send svarene' }).click();
  await main().getByText(`Påstander uten svar: ${n}. Svar på alle.`).waitFor();

  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'readiness page with the questionnaire (leader)');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
  await fitsTheScreen('readiness');

  for (let i = 0; i < n; i += 1) {
    await statements.nth(i).getByRole('radio', { name: /^4 –/ }).check();
  }
  await main().getByRole('button', { name: 'Send svarene' }).click();
  await flash('Svarene dine er lagret.').waitFor();
  await main().getByText('Antall som har svart: 1').waitFor();
  await main().getByText('Du har svart. Du kan endre svarene dine til runden avsluttes.').waitFor();
  await logOut();
});

test('a change agent answers the questionnaire and reads every plan page without edit controls', async () => {
  await logIn(data.people.change_agent);
  await openProject();
  const section = main().locator('#checklist-prepare');
  await section.locator('.checklist-item').first().waitFor();
  assert.equal(await section.locator('.item-toggle').count(), 0, 'items are not editable');
  assert.equal(await main().getByRole('button', { name: 'Legg til punkt' }).count(), 0);
  await section.getByText('Dokumentasjon: Beredskapen er vurdert i ledermøtet 12. november.').waitFor();

  await openTool('Endringsberedskap', 'readiness', 'Endringsberedskap');
  await main().getByRole('heading', { level: 2, name: 'Åpen runde: Endringsberedskap høsten 2026' }).waitFor();
  const statements = main().locator('fieldset.statement');
  await statements.first().waitFor();
  const n = await statements.count();
  assert.ok(n > 0);
  for (let i = 0; i < n; i += 1) {
    await statements.nth(i).getByRole('radio', { name: /^2 –/ }).check();
  }
  await main().getByRole('button', { name: 'Send svarene' }).click();
  await flash('Svarene dine er lagret.').waitFor();
  assert.equal(await main().getByRole('button', { name: 'Avslutt runden' }).count(), 0, 'only leaders close rounds');

  const pages = [
    ['Milepæler', 'milestones', 'Nøkkelpersoner utpekt'],
    ['Mål', 'goals', 'Alle enheter bruker stafettloggen'],
    ['Interessenter', 'stakeholders', 'Rektorene'],
    ['Hemmere og fremmere', 'barriers', 'Lite tid til opplæring i turnus'],
    ['Risiko', 'risks', 'Nøkkelpersoner slutter'],
  ];
  for (const [link, tool, content] of pages) {
    await openTool(link, tool, link);
    await main().getByText(content).first().waitFor();
    await main().getByText('Du kan lese, men ikke endre.', { exact: false }).waitFor();
    const buttons = (await main().getByRole('button').allTextContents()).map(squash);
    const edits = buttons.filter((b) => /^(Ny |Nytt |Endre|Slett|Legg til)/.test(b));
    assert.deepEqual(edits, [], `${tool}: no edit controls for a change agent`);
    await fitsTheScreen(tool);
  }
  await logOut();
});

test('the leader sees two respondents and a mean per domain, and closes the round', async () => {
  await logIn(data.people.leader);
  await page.goto(toolUrl('readiness'));
  await main().getByRole('heading', { level: 1, name: 'Endringsberedskap' }).waitFor();
  await main().getByText('Antall som har svart: 2').waitFor();
  const questionnaire = (await api('/api/v1/readiness/questionnaire', { token: data.people.leader.token, expect: 200 })).json;
  const domains = [...new Set(questionnaire.items.map((i) => i.domain))];
  const names = { change_commitment: 'Endringsvilje', change_efficacy: 'Endringsevne' };
  const results = main().locator('.readiness-result').first().locator('.domain');
  assert.equal(await results.count(), domains.length, 'a result per domain');
  for (const domain of domains) {
    const text = squash(await results.filter({ hasText: names[domain] }).textContent());
    // One answered 4 to everything, the other 2: a mean of 3 with a spread of √2.
    assert.match(text, /Gjennomsnitt: 3,0 av 5/, `${domain}: ${text}`);
    assert.match(text, /Spredning: 1,4/, `${domain}: ${text}`);
    assert.match(text, /Lavest–høyest: 2,0–4,0/, `${domain}: ${text}`);
  }

  await main().getByRole('button', { name: 'Avslutt runden' }).click();
  await main().getByRole('button', { name: 'Ja, avslutt runden' }).click();
  await flash('Runden er avsluttet.').waitFor();
  await main().getByRole('heading', { level: 2, name: 'Ingen åpen runde' }).waitFor();
  const closed = main().locator('section').filter({ has: page.getByRole('heading', { level: 2, name: 'Tidligere runder' }) });
  await closed.getByRole('heading', { level: 3, name: 'Endringsberedskap høsten 2026' }).waitFor();
  await closed.getByText('Antall som har svart: 2').waitFor();
});

test('a transition request carries the checklist, milestones and readiness as evidence for the owner', async () => {
  await page.goto(projectUrl());
  await main().getByRole('heading', { level: 2, name: 'Sjekkliste per fase' }).waitFor();
  await main().getByLabel('Oppsummering').fill('Beredskapen er vurdert og nøkkelpersonene er utpekt.');
  await main().getByRole('button', { name: 'Send forespørsel' }).click();
  await main().getByRole('heading', { name: 'Åpen forespørsel om overgang' }).waitFor();
  const open = main().locator('.gate-open');
  const { completion } = await checklistFromApi(data.people.leader.token);
  const prepare = completion.find((c) => c.phase === 'prepare');
  await open.getByRole('heading', { level: 4, name: 'Sjekklisten for fasen' }).waitFor();
  await open.getByText(`Forberede: ${prepare.percent} % fullført (1 av `).waitFor();
  await open.getByText(/Vis punktene \(\d+\)/).click();
  await open.locator('.evidence-items li').filter({ hasText: 'Dokumentasjon: Beredskapen er vurdert i ledermøtet 12. november.' }).waitFor();
  const milestones = (await open.locator('.evidence-milestones li').allTextContents()).map(squash);
  assert.equal(milestones.length, 2, `milestones: ${milestones}`);
  assert.match(milestones.find((m) => m.includes('Nøkkelpersoner utpekt')), /Fullført/);
  await open.getByRole('heading', { level: 4, name: 'Siste vurdering av endringsberedskap' }).waitFor();
  await open.getByText('Endringsberedskap høsten 2026').waitFor();
  await open.getByText('Antall som har svart: 2').waitFor();
  await open.locator('.domain-mean').filter({ hasText: 'Gjennomsnitt: 3,0 av 5' }).first().waitFor();
  await fitsTheScreen('open request with evidence');
  await logOut();
});
