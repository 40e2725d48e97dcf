// Changing change agents at 390×844: the project leader moves a nominated agent to active
// with a unit (the coverage table then counts that unit as covered) and records two hours
// of coaching, which then show in the agent's training hours.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, horizontalOverflow } from './lib.mjs';
import { seedOrganisation, setNetwork, changeAgents, putVersioned as put } from './fixtures.mjs';

let data;
let browser;
let page;

/** An organisation with two units in a project's scope, a leader and a nominated agent. */
async function seedAgents() {
  const { password, token, project, people, units } = await seedOrganisation({
    org: 'Agentkommune',
    structure: {
      levels: [{ key: 'unit', name: 'Enhet' }],
      dimensions: [{
        key: 'sector', name: 'Sektor',
        values: [{ key: 'school', name: 'Skole' }, { key: 'kindergarten', name: 'Barnehage' }],
      }],
    },
    units: { school: ['Byåsen skole', 'school'], kindergarten: ['Eberg barnehage', 'kindergarten'] },
    projects: [{ name: 'Agenter i kommunen', description: 'Endringsagenter.' }],
    people: {
      leader: { name: 'Lise Leder', role: 'leader' },
      change_agent: { name: 'Nils Nominert', role: 'change_agent' },
    },
  });
  const { school, kindergarten } = units;
  await setNetwork(token, project, [school, kindergarten]);
  const agent = (await changeAgents(token, project)).find((a) => a.user_id === people.change_agent.id);
  assert.equal(agent.status, 'nominated');
  return { password, token, project, people, school, kindergarten, agent };
}

before(async () => {
  data = await seedAgents();
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') console.log(`console error: ${msg.text()}`); });
});

after(async () => {
  await browser?.close();
});

const main = () => page.locator('main');
const agentItem = () => main().locator('.agent-list > li').filter({ hasText: 'Nils Nominert' });
const flat = async (loc) => (await loc.textContent()).replace(/\s+/g, ' ');

test('the leader activates a nominated agent in a unit and records coaching', async () => {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('E-postadresse').fill(data.people.leader.email);
  await page.getByLabel('Passord', { exact: true }).fill(data.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);

  await page.goto(`${BASE_URL}/projects/${data.project.id}/network`);
  await main().getByText('0 av 2 enheter har en aktiv endringsagent.', { exact: false }).waitFor();
  const sectors = main().getByRole('table', { name: 'Dekning per verdi av Sektor' });
  assert.match(await flat(sectors.getByRole('row', { name: /Skole/ })), /0 av 1.*0 %/);

  // Status and unit.
  let agent = agentItem();
  await agent.waitFor();
  assert.match(await flat(agent), /Nominert/);
  await agent.locator('summary', { hasText: 'Endre status og enheter' }).click();
  const form = agent.getByRole('form', { name: 'Status og enheter for Nils Nominert' });
  await form.getByLabel('Status').selectOption({ label: 'Aktiv' });
  await form.getByRole('group', { name: 'Enheter i prosjektets omfang' }).getByLabel(data.school.name).check();
  const { scrollWidth, clientWidth } = await horizontalOverflow(page);
  assert.ok(scrollWidth <= clientWidth, 'no sideways scrolling with the form open');
  await form.getByRole('button', { name: 'Lagre status og enheter' }).click();
  await main().getByText('Endringsagenten er oppdatert.').waitFor();
  await main().getByText('1 av 2 enheter har en aktiv endringsagent.', { exact: false }).waitFor();
  assert.match(
    await flat(main().getByRole('table', { name: 'Dekning per verdi av Sektor' }).getByRole('row', { name: /Skole/ })),
    /1 av 1.*100 %/,
  );
  agent = agentItem();
  await agent.locator('.agent-hours').waitFor();
  assert.match(await flat(agent.locator('.agent-meta').first()), /Aktiv/);
  assert.match(await flat(agent.locator('.agent-meta').first()), new RegExp(data.school.name));

  // Two hours of coaching.
  assert.equal(await flat(agent.locator('.agent-hours')), 'Opplæring og veiledning: 0 t');
  await agent.locator('summary', { hasText: 'Opplæring og veiledning' }).click();
  await agent.getByText('Ingen opplæring eller veiledning registrert.').waitFor();
  await agent.getByRole('radio', { name: 'Veiledning' }).check();
  await agent.getByLabel('Timer').fill('2');
  await agent.getByLabel('Gitt av').fill('Lise Leder');
  await agent.getByRole('button', { name: 'Registrer', exact: true }).click();
  await main().getByText('Opplæringen er registrert.').waitFor();
  agent = agentItem();
  await agent.locator('.agent-hours', { hasText: 'Opplæring og veiledning: 2 t' }).waitFor();
  await agent.locator('summary', { hasText: 'Opplæring og veiledning' }).click();
  await agent.locator('.training-list li', { hasText: 'Veiledning, 2 t (Lise Leder)' }).waitFor();

  const stored = (await api(`/api/v1/change-agents/${data.agent.id}/training`, { token: data.token, expect: 200 })).json;
  assert.equal(stored.items.length, 1);
  assert.equal(stored.items[0].kind, 'coaching');
  assert.equal(stored.items[0].hours, 2);
});

test('a unit that left the scope is refused next to the units; a stale agent reloads the list', async () => {
  await page.goto(`${BASE_URL}/projects/${data.project.id}/network`);
  let agent = agentItem();
  await agent.locator('.agent-hours').waitFor();
  await agent.locator('summary', { hasText: 'Endre status og enheter' }).click();
  let form = agent.getByRole('form', { name: 'Status og enheter for Nils Nominert' });
  const units = form.getByRole('group', { name: 'Enheter i prosjektets omfang' });
  await units.getByLabel(data.kindergarten.name).check();
  // Meanwhile the kindergarten leaves the scope.
  const network = (await api(`/api/v1/projects/${data.project.id}/network`, { token: data.token, expect: 200 })).json;
  await put(`/api/v1/projects/${data.project.id}/network`, data.token, network.version, {
    unit_ids: [data.school.id], silent_after_weeks: 4,
  });
  await form.getByRole('button', { name: 'Lagre status og enheter' }).click();
  await units.getByText('En av enhetene er ikke i prosjektets omfang.').waitFor();

  // Meanwhile someone else saves the agent: the next save gets 412 and the list reloads.
  const current = (await api(`/api/v1/projects/${data.project.id}/change-agents`, { token: data.token, expect: 200 }))
    .json.items.find((a) => a.id === data.agent.id);
  await put(`/api/v1/change-agents/${data.agent.id}`, data.token, current.version, {
    status: 'active', unit_ids: [data.school.id],
  });
  await units.getByLabel(data.kindergarten.name).uncheck();
  await form.getByRole('button', { name: 'Lagre status og enheter' }).click();
  await main().getByText('Noen andre endret endringsagenten samtidig.', { exact: false }).waitFor();
  agent = agentItem();
  await agent.locator('.agent-hours').waitFor();
  assert.match(await flat(agent.locator('.agent-meta').first()), /Aktiv/);
});
