// Every role gets a start page of its own and never an access error (system administrator,
// organisation administrator, a member in no project, project owner, leader and change
// agent); the member in no project is told whom to ask. On the project page the role
// pickers offer only the roles the caller may grant (a leader: change agents; the owner:
// every role, who then changes a role and removes a member). The people page invites into
// a project role, lists and revokes the invitation, changes an organisation role and
// archives someone; a revoked or unknown invitation link gets a page that says so and whom
// to ask. Seeded over the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, ADMIN_EMAIL, ADMIN_PASSWORD, api, launch, axe, logIn, logOut, heading, smallTargets,
  horizontalOverflow,
  assertNoAccessError,
} from './lib.mjs';
import { seedRoles } from './fixtures.mjs';

let data;
let browser;
let page;

before(async () => {
  data = await seedRoles();
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
});

after(async () => {
  await browser?.close();
});

const main = () => page.locator('main');

async function noSeriousAxe(label, scope = 'main') {
  const serious = await axe(page, label);
  assert.deepEqual(serious.map((v) => v.id), [], `no serious or critical axe violations on ${label}`);
  assert.deepEqual(await smallTargets(page, scope), [], `${label}: every touch target is at least 44×44 px`);
}

test('no role lands on an access error as their home', async () => {
  const homes = [
    [ADMIN_EMAIL, ADMIN_PASSWORD, 'Organisasjoner'],
    [data.people.admin.email, data.password, 'Administrer organisasjonen'],
    [data.people.member.email, data.password, 'Du er ikke med i noe prosjekt ennå'],
    [data.people.owner.email, data.password, 'Mine prosjekter'],
    [data.people.leader.email, data.password, 'Mine prosjekter'],
    [data.people.agent.email, data.password, 'Mine prosjekter'],
  ];
  for (const [email, password, title] of homes) {
    await logIn(page, email, password);
    await heading(page, title);
    await page.locator('main .loading').waitFor({ state: 'detached' });
    await assertNoAccessError(page);
    if (title === 'Mine prosjekter' || title === 'Administrer organisasjonen') {
      await main().getByRole('link', { name: new RegExp(data.project.name) }).waitFor();
    }
    if (title === 'Du er ikke med i noe prosjekt ennå') {
      await main().getByText('Spør en administrator i organisasjonen din').waitFor();
      await main().getByText('Anne Admin').waitFor();
      await main().getByRole('link', { name: data.people.admin.email }).waitFor();
    }
    if (title !== 'Mine prosjekter') await noSeriousAxe(`home of ${title}`);
    await logOut(page);
  }
});

test('a leader is offered the change-agent role only; the owner every role, and changes a role and removes a member', async () => {
  await logIn(page, data.people.leader.email, data.password);
  await page.goto(`${BASE_URL}/projects/${data.project.id}`);
  await heading(page, data.project.name);
  const picker = page.locator('#member-role');
  await picker.waitFor();
  assert.deepEqual(await picker.locator('option').allTextContents(), ['Endringsagent']);
  // The change agent's row can be changed (to the same role only); owner and own rows cannot.
  const rows = main().locator('.member-list li.member');
  const agentRow = rows.filter({ hasText: 'Kari Endringsagent' });
  assert.deepEqual(await agentRow.locator('select option').allTextContents(), ['Endringsagent']);
  assert.equal(await rows.filter({ hasText: 'Otto Eier' }).locator('select').count(), 0);
  assert.equal(await rows.filter({ hasText: 'Lise Leder' }).locator('select').count(), 0);
  await logOut(page);

  await logIn(page, data.people.owner.email, data.password);
  await page.goto(`${BASE_URL}/projects/${data.project.id}`);
  await heading(page, data.project.name);
  await picker.waitFor();
  assert.deepEqual(await picker.locator('option').allTextContents(),
    ['Prosjekteier', 'Medlem av styringsgruppen', 'Prosjektleder', 'Endringsagent']);
  const leaderSelect = rows.filter({ hasText: 'Lise Leder' }).locator('select');
  assert.equal(await leaderSelect.count(), 1);
  // The owner moves the change agent into the steering group.
  await agentRow.locator('select').selectOption({ label: 'Medlem av styringsgruppen' });
  await main().locator('.flash').filter({ hasText: 'Rollen til Kari Endringsagent er endret.' }).waitFor();
  const members = (await api(`/api/v1/projects/${data.project.id}/members`, { token: data.people.owner.token, expect: 200 })).json.items;
  assert.equal(members.find((m) => m.user_name === 'Kari Endringsagent').role, 'steering_group');
  await noSeriousAxe('project members as owner', 'section[aria-labelledby="members-title"]');
  // … and removes them from the project.
  await agentRow.getByRole('button', { name: 'Fjern Kari Endringsagent fra prosjektet' }).click();
  await main().locator('.flash').filter({ hasText: 'Kari Endringsagent er fjernet fra prosjektet.' }).waitFor();
  await agentRow.waitFor({ state: 'detached' });
  await logOut(page);
});

test('the people page invites into a project role and revokes it, changes a role and archives someone; the revoked link says so', async () => {
  const email = `vikar-${data.stamp}@example.no`;
  await logIn(page, data.people.admin.email, data.password);
  await page.goto(`${BASE_URL}/admin/people`);
  await heading(page, 'Folk');
  await page.locator('#person-email').fill(email);
  await page.locator('#person-project').selectOption({ label: data.project.name });
  await page.locator('#person-project-role').selectOption({ label: 'Endringsagent' });
  await page.getByRole('button', { name: 'Inviter', exact: true }).click();
  const link = await page.locator('#person-link').inputValue();
  const row = main().locator('.invitation-list li').filter({ hasText: email });
  await row.waitFor();
  assert.match(await row.textContent(), /Endringsagent/);
  // Search narrows the list of people.
  await page.getByLabel('Søk etter navn eller e-postadresse').fill('Otto');
  await main().locator('.people-list li').filter({ hasText: 'Otto Eier' }).waitFor();
  assert.equal(await main().locator('.people-list li').count(), 1);
  await noSeriousAxe('people page');
  await page.getByLabel('Søk etter navn eller e-postadresse').fill('');
  // The member in no project becomes an administrator, and is archived.
  const mona = main().locator('.people-list li').filter({ hasText: 'Mona Medlem' });
  await mona.getByLabel('Rollen til Mona Medlem i organisasjonen').selectOption({ label: 'Administrator' });
  await main().locator('.flash').filter({ hasText: 'Rollen til Mona Medlem er endret.' }).waitFor();
  await mona.getByRole('button', { name: 'Arkiver Mona Medlem' }).click();
  await main().locator('.flash').filter({ hasText: 'Mona Medlem er arkivert og kan ikke lenger logge inn.' }).waitFor();
  await mona.waitFor({ state: 'detached' });
  const users = (await api('/api/v1/users?include_archived=true', { token: data.people.admin.token, expect: 200 })).json.items;
  const archived = users.find((u) => u.name === 'Mona Medlem');
  assert.equal(archived.org_role, 'admin');
  assert.ok(archived.archived_at, 'archived');
  await row.getByRole('button', { name: `Trekk tilbake invitasjonen til ${email}` }).click();
  await main().locator('.flash').filter({ hasText: `Invitasjonen til ${email} er trukket tilbake.` }).waitFor();
  await logOut(page);

  await page.goto(link);
  await heading(page, 'Invitasjonen er trukket tilbake');
  await main().getByText('Be Anne Admin om en ny invitasjon:').waitFor();
  await noSeriousAxe('revoked invitation');
  await page.goto(`${BASE_URL}/invitation#vinv_not-a-real-token`);
  await page.reload();
  await heading(page, 'Lenken virker ikke');
});

test('the admin pages are usable at 1366×900 too', async () => {
  await page.setViewportSize({ width: 1366, height: 900 });
  try {
    await logIn(page, data.people.admin.email, data.password);
    for (const [path, title] of [
      ['/', 'Administrer organisasjonen'], ['/admin/people', 'Folk'], ['/admin/programmes', 'Tiltak'],
      ['/admin/projects', 'Prosjekter'], ['/admin/tokens', 'API-nøkler'], ['/admin/webhooks', 'Webhooker'],
      ['/admin/audit', 'Endringslogg'],
      ['/account', 'Min konto'],
    ]) {
      await page.goto(`${BASE_URL}${path}`);
      await heading(page, title);
      await page.locator('main .loading').waitFor({ state: 'detached' });
      const { scrollWidth } = await horizontalOverflow(page);
      assert.ok(scrollWidth <= 1366, `${path}: scrollWidth ${scrollWidth} > 1366`);
      await noSeriousAxe(`${path} at 1366×900`);
    }
    await logOut(page);
  } finally {
    await page.setViewportSize({ width: 390, height: 844 });
  }
});
