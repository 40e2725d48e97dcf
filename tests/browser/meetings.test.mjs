// The meeting cadence end to end at 390×844: the leader confirms the proposed monthly
// status meeting with the owner, opens the next one, writes minutes under the standing
// agenda, records attendance, a decision and an action with the owner as responsible, and
// saves; a second save after someone else saved first (412) keeps the leader's text and
// takes the other person's; the owner sees exactly that action under "My actions" and marks
// it done; a change agent sees the schedule but not the owner meeting's contents; axe on the
// meetings page and the meeting page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, axe, horizontalOverflow } from './lib.mjs';
import { seedOrganisation } from './fixtures.mjs';

let data;
let browser;
let page;
/** The meeting the leader records: { series, date }. */
let meeting;

const MINUTES = 'Kartleggingen er ferdig i tre av fire enheter.';
const DECISION = 'Opplæringen av endringsagenter starter i uke 10.';
const ACTION = 'Send statusrapporten til styringsgruppen';

/** An organisation, its admin, a programme, a project, an owner, a leader and a change agent. */
async function seedMeetings() {
  return seedOrganisation({
    org: 'Møtekommune',
    projects: [{ name: 'BTI i Møtekommune', description: 'Møtestrukturen for BTI.' }],
    people: {
      owner: { name: 'Ola Eier', role: 'owner' },
      leader: { name: 'Lise Leder', role: 'leader' },
      change_agent: { name: 'Kari Endringsagent', role: 'change_agent' },
    },
  });
}

before(async () => {
  data = await seedMeetings();
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
const meetingsUrl = () => `${projectUrl()}/meetings`;
const meetingUrl = () => `${meetingsUrl()}/${meeting.series}/${meeting.date}`;
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

async function openMeetingsFromProject() {
  await main().getByRole('link', { name: new RegExp(data.project.name) }).click();
  await page.waitForURL(projectUrl());
  await main().getByRole('link', { name: 'Møter, referat og oppgaver' }).click();
  await page.waitForURL(meetingsUrl());
  await main().getByRole('heading', { level: 1, name: 'Møter' }).waitFor();
}

async function fitsTheScreen(label) {
  const { scrollWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= 390, `${label}: scrollWidth ${scrollWidth} > 390`);
}

async function meetingFromApi(token) {
  return (await api(`/api/v1/meeting-series/${meeting.series}/meetings/${meeting.date}`, { token, expect: 200 })).json;
}

test('a new project proposes three series; the leader confirms the owner status meeting', async () => {
  const series = (await api(`/api/v1/projects/${data.project.id}/meeting-series`, {
    token: data.people.leader.token, expect: 200,
  })).json.items;
  assert.deepEqual(series.map((s) => s.kind).sort(), ['owner_status', 'project_meeting', 'steering_group']);
  assert.ok(series.every((s) => s.status === 'proposed'));
  const owner = series.find((s) => s.kind === 'owner_status');

  await logIn(data.people.leader);
  await openMeetingsFromProject();
  await main().getByText('Ingen planlagte møter.', { exact: false }).waitFor();
  await main().getByText('Ingen bekreftede møteserier ennå.').waitFor();
  const row = main().locator('li.series').filter({ has: page.getByRole('heading', { name: owner.title }) });
  await row.getByText('Foreslått').waitFor();
  await row.getByText('Hver måned, første tirsdag kl. 10:00 (60 min)').waitFor();
  await row.getByText('Deltakere: Prosjekteier, Prosjektleder').waitFor();
  await row.getByRole('button', { name: `Bekreft: ${owner.title}` }).click();
  await flash('Møteserien er bekreftet.').waitFor();
  await row.getByText('Bekreftet').waitFor();
  assert.equal(await row.getByRole('button', { name: /Bekreft/ }).count(), 0, 'confirmed once');
  // The other two stay proposed, each with its button.
  assert.equal(await main().getByRole('button', { name: /^Bekreft: / }).count(), 2);

  const confirmed = (await api(`/api/v1/projects/${data.project.id}/meeting-series`, {
    token: data.people.leader.token, expect: 200,
  })).json.items.find((s) => s.id === owner.id);
  assert.equal(confirmed.status, 'confirmed');
  assert.equal(confirmed.version, owner.version + 1);

  // The schedule now has the first Tuesdays; the next one is the first upcoming meeting.
  const schedule = (await api(`/api/v1/projects/${data.project.id}/schedule`, {
    token: data.people.leader.token, expect: 200,
  })).json.items.filter((m) => m.series_id === owner.id);
  assert.ok(schedule.length >= 2, 'monthly meetings within 90 days');
  const next = schedule.find((m) => new Date(m.ends_at) >= new Date());
  meeting = { series: owner.id, date: next.date, title: owner.title };
  const upcoming = main().locator('section').filter({ has: page.getByRole('heading', { name: 'Kommende møter' }) });
  const links = upcoming.getByRole('link', { name: new RegExp(owner.title) });
  await links.first().waitFor();
  assert.equal(await links.first().getAttribute('href'), `/projects/${data.project.id}/meetings/${owner.id}/${next.date}`);
  // Adherence: the series is there, with no data before the first meeting is due.
  const adherence = main().locator('section').filter({ has: page.getByRole('heading', { name: 'Holdt som planlagt' }) });
  await adherence.getByRole('heading', { name: owner.title }).waitFor();
  await adherence.getByText('Ingen data ennå').first().waitFor();

  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'meetings page (leader)');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
  await fitsTheScreen('meetings page');
});

test('the leader records minutes, attendance, a decision and an action for the owner', async () => {
  const upcoming = main().locator('section').filter({ has: page.getByRole('heading', { name: 'Kommende møter' }) });
  await upcoming.getByRole('link', { name: new RegExp(meeting.title) }).first().click();
  await page.waitForURL(meetingUrl());
  await main().getByRole('heading', { level: 1, name: meeting.title }).waitFor();

  // The standing agenda of the decks, translated, one minutes field each.
  const agenda = main().locator('section').filter({ has: page.getByRole('heading', { name: 'Dagsorden og referat' }) });
  const labels = (await agenda.locator('label').allTextContents()).map(squash);
  assert.deepEqual(labels, [
    'Fremdriftsstatus',
    'Plan fremover',
    'Utfordringer og behov for avklaringer',
    'Usikkerhet og risiko',
    'Ressursbruk',
  ]);
  await main().getByLabel('Fremdriftsstatus').fill(MINUTES);

  // Moved needs the day: refused before anything is sent; then back to the default.
  await main().getByLabel('Flyttet til en annen dag').check();
  await main().getByRole('button', { name: 'Lagre referat' }).click();
  await main().getByText('Velg dagen møtet ble holdt.').waitFor();
  assert.equal(await main().getByLabel('Dagen møtet ble holdt').getAttribute('aria-invalid'), 'true');
  await main().getByLabel('Planlagt', { exact: true }).check();

  await main().getByLabel('Ola Eier (Prosjekteier)').check();
  await main().getByLabel('Lise Leder (Prosjektleder)').check();

  await main().getByRole('button', { name: 'Legg til beslutning' }).click();
  await main().getByLabel('Beslutning 1').fill(DECISION);
  // A second, empty one can be removed again.
  await main().getByRole('button', { name: 'Legg til beslutning' }).click();
  await main().getByRole('button', { name: 'Fjern beslutning 2' }).click();
  assert.equal(await main().getByLabel('Beslutning 2').count(), 0);

  const due = osloDay(14);
  await main().getByLabel('Oppgave', { exact: true }).fill(ACTION);
  await main().getByLabel('Ansvarlig', { exact: true }).selectOption({ label: 'Ola Eier (Prosjekteier)' });
  await main().getByLabel('Frist (valgfritt)').fill(due);
  await main().getByRole('button', { name: 'Legg til oppgave' }).click();
  await flash('Oppgaven er lagt til.').waitFor();
  const actions = main().locator('section').filter({ has: page.getByRole('heading', { name: 'Oppgaver fra dette møtet' }) });
  const item = actions.locator('li.action').filter({ hasText: ACTION });
  await item.getByText('Ansvarlig: Ola Eier').waitFor();

  await main().getByRole('button', { name: 'Lagre referat' }).click();
  await flash('Referatet er lagret.').waitFor();

  const saved = await meetingFromApi(data.people.leader.token);
  assert.equal(saved.version, 1);
  assert.equal(saved.status, 'planned');
  assert.equal(saved.agenda.find((a) => a.key === 'progress_status').minutes, MINUTES);
  assert.deepEqual(saved.decisions, [DECISION]);
  assert.deepEqual([...saved.attendance].sort(), [data.people.owner.id, data.people.leader.id].sort());
  assert.equal(saved.actions.length, 1);
  assert.equal(saved.actions[0].title, ACTION);
  assert.equal(saved.actions[0].responsible_id, data.people.owner.id);
  assert.equal(saved.actions[0].due_date, due);
  assert.equal(saved.minutes_published_at, undefined, 'not published yet');

  await page.waitForLoadState('networkidle');
  const serious = await axe(page, 'meeting page (leader)');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations');
  await fitsTheScreen('meeting page');
});

test('when the owner saved first, the leader gets a clear message and keeps the text', async () => {
  const mine = 'Neste kvartal: opplæring og veiledning.';
  const theirs = 'Budsjettet holder.';
  await main().getByLabel('Plan fremover').fill(mine);
  // Meanwhile the owner records the resource use (version 1 → 2).
  const current = await meetingFromApi(data.people.owner.token);
  const res = await fetch(`${BASE_URL}/api/v1/meeting-series/${meeting.series}/meetings/${meeting.date}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${data.people.owner.token}`,
      'content-type': 'application/json',
      'if-match': `"${current.version}"`,
    },
    body: JSON.stringify({
      status: current.status,
      agenda: current.agenda.map((a) => (a.key === 'resource_use' ? { ...a, minutes: theirs } : a)),
      attendance: current.attendance,
      decisions: current.decisions,
    }),
  });
  assert.equal(res.status, 200, await res.text());
  assert.equal(res.headers.get('etag'), '"2"');

  await main().getByRole('button', { name: 'Lagre referat' }).click();
  await main().getByRole('alert').filter({ hasText: 'Noen andre lagret møtet mens du skrev.' }).waitFor();
  assert.equal(await main().getByLabel('Plan fremover').inputValue(), mine, 'the leader\'s text is kept');
  assert.equal(await main().getByLabel('Ressursbruk').inputValue(), theirs, 'the owner\'s text is loaded');
  assert.equal(await main().getByLabel('Fremdriftsstatus').inputValue(), MINUTES);

  await main().getByLabel('Publiser referatet når jeg lagrer').check();
  await main().getByRole('button', { name: 'Lagre referat' }).click();
  await flash('Referatet er lagret og publisert.').waitFor();
  await main().getByText('Referatet ble publisert', { exact: false }).waitFor();
  const saved = await meetingFromApi(data.people.leader.token);
  assert.equal(saved.version, 3);
  assert.equal(saved.agenda.find((a) => a.key === 'plan_ahead').minutes, mine);
  assert.equal(saved.agenda.find((a) => a.key === 'resource_use').minutes, theirs);
  assert.equal(saved.agenda.find((a) => a.key === 'progress_status').minutes, MINUTES);
  assert.deepEqual(saved.decisions, [DECISION]);
  assert.ok(saved.minutes_published_at, 'published');
  await logOut();
});

test('the owner sees exactly that action under "My actions" and marks it done', async () => {
  await logIn(data.people.owner);
  await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Mine oppgaver' }).click();
  await page.waitForURL(`${BASE_URL}/my-actions`);
  await main().getByRole('heading', { level: 1, name: 'Mine oppgaver' }).waitFor();
  const items = main().locator('li.action');
  await items.first().waitFor();
  assert.equal(await items.count(), 1, 'exactly one open action');
  const text = squash(await items.first().textContent());
  assert.match(text, new RegExp(ACTION));
  assert.match(text, new RegExp(`Prosjekt: ${data.project.name}`));
  assert.match(text, /Frist: \S/);
  assert.match(text, /Ansvarlig: Ola Eier/);
  assert.doesNotMatch(text, /Over fristen/);
  assert.equal(
    await items.first().getByRole('link', { name: 'Åpne møtet' }).getAttribute('href'),
    `/projects/${data.project.id}/meetings/${meeting.series}/${meeting.date}`,
  );
  const serious = await axe(page, 'my actions (owner)');
  assert.deepEqual(serious.map((v) => v.id), []);
  await fitsTheScreen('my actions');

  await items.first().getByRole('button', { name: `Marker som utført: ${ACTION}` }).click();
  await flash('Oppgaven er markert som utført.').waitFor();
  await main().getByText('Du har ingen åpne oppgaver.').waitFor();
  const mine = (await api('/api/v1/me/actions', { token: data.people.owner.token, expect: 200 })).json.items;
  assert.deepEqual(mine, []);
  await logOut();
});

test('a change agent sees the schedule and adherence but not the owner meeting\'s contents', async () => {
  await logIn(data.people.change_agent);
  await openMeetingsFromProject();
  const upcoming = main().locator('section').filter({ has: page.getByRole('heading', { name: 'Kommende møter' }) });
  const entry = upcoming.locator('li').filter({ hasText: meeting.title }).first();
  await entry.getByText('Bare for deltakerne').waitFor();
  assert.equal(await upcoming.getByRole('link', { name: new RegExp(meeting.title) }).count(), 0, 'no link for non-participants');
  assert.equal(await main().getByRole('button', { name: /^Bekreft/ }).count(), 0, 'no confirm for change agents');
  await main().getByRole('heading', { name: 'Holdt som planlagt' }).waitFor();
  // Directly, the page says why instead of showing the contents.
  await page.goto(meetingUrl());
  await main().getByText('Innholdet i dette møtet er bare for deltakerne i møteserien.').waitFor();
  assert.equal(await main().getByText(MINUTES).count(), 0);
  await logOut();
});
