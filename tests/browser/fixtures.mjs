// The people, organisation, programme, projects and roles every browser test starts from,
// built over the public API (the system administrator of run.sh is the only given account).
// One place, so a change to how an organisation or a role comes to be is made once.
//
// - `seedOrganisation(spec)` builds one organisation to a spec: its administrator, people
//   of the organisation only, a structure with units, a programme, projects, and people in
//   project roles (invited as members and given the role, or invited into the role);
// - `seedRoles()` is the organisation most files use: one person in each role;
// - `seedLeaderAndAgent()` is the project of the PWA's own test (an org admin who leads it,
//   and a change agent);
// - the actions below (`join`, `addToProject`, `putVersioned`, `setNetwork`, `createIndicator`, …)
//   are what a test adds on top.
//
// Every name and address carries a per-file stamp, so the files share one server without
// meeting each other's data; every person has the same password (`password`).
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL, api, stampNow } from './lib.mjs';

// ---------------------------------------------------------------------------------------
// Actions: one API call (or two) each.

/** Logs the system administrator in; returns the access token. */
export async function systemToken() {
  return (await api('/api/v1/auth/login', {
    method: 'POST', body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, expect: 200,
  })).json.access_token;
}

/** `key-stamp@example.no` (an underscore in the key becomes a hyphen). */
export const emailOf = (key, stamp) => `${key.replace('_', '-')}-${stamp}@example.no`;

/**
 * Invites `email` with the invitation `body` (organisation_id/org_role or
 * project_id/project_role) as the holder of `token`, and accepts as `name` with `password`.
 * Returns the person: `{ key, email, name, token }` (token: their access token).
 */
export async function join({ token, key, email, name, password, body }) {
  const invite = (await api('/api/v1/invitations', {
    method: 'POST', token, expect: 201, body: { email, ...body },
  })).json;
  const tokens = (await api('/api/v1/invitations/accept', {
    method: 'POST', expect: 201, body: { token: invite.token, name, password },
  })).json;
  return { key, email, name, token: tokens.access_token };
}

/** Adds the person's user id (`/me`) to the person; returns it. */
export async function withId(person) {
  person.id = (await api('/api/v1/me', { token: person.token, expect: 200 })).json.id;
  return person;
}

/** Gives a user a role in a project (as a project or organisation administrator). */
export async function addToProject(token, project, userId, role) {
  await api(`/api/v1/projects/${project.id}/members`, {
    method: 'POST', token, expect: 201, body: { user_id: userId, role },
  });
}

/** PUT with If-Match (the version of the last read); throws unless 200; returns the body. */
export async function putVersioned(path, token, version, body) {
  const res = await fetch(BASE_URL + path, {
    method: 'PUT',
    headers: {
      accept: 'application/json, application/problem+json',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'if-match': `"${version}"`,
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`PUT ${path}: expected 200, got ${res.status}: ${text}`);
  return JSON.parse(text);
}

/** Sets the organisation's structure (`{ levels, dimensions }`), reading its version first. */
export async function setStructure(token, org, structure) {
  const current = (await api(`/api/v1/organisations/${org.id}/structure`, { token, expect: 200 })).json;
  return putVersioned(`/api/v1/organisations/${org.id}/structure`, token, current.version, structure);
}

/** A unit on the level `unit` with one value of the dimension `sector`. */
export async function createUnit(token, name, sector) {
  return (await api('/api/v1/units', {
    method: 'POST', token, expect: 201,
    body: { name, level: 'unit', dimensions: [{ dimension: 'sector', value: sector }] },
  })).json;
}

/** Puts the units in the project's scope (the change-agent network). */
export async function setNetwork(token, project, units, silentAfterWeeks = 4) {
  const network = (await api(`/api/v1/projects/${project.id}/network`, { token, expect: 200 })).json;
  return putVersioned(`/api/v1/projects/${project.id}/network`, token, network.version, {
    unit_ids: units.map((u) => u.id), silent_after_weeks: silentAfterWeeks,
  });
}

/** The project's change agents (the list's items). */
export async function changeAgents(token, project) {
  return (await api(`/api/v1/projects/${project.id}/change-agents`, { token, expect: 200 })).json.items;
}

/** Creates an indicator in the project from `body` (the create request). */
export async function createIndicator(token, project, body) {
  return (await api(`/api/v1/projects/${project.id}/indicators`, {
    method: 'POST', token, expect: 201, body,
  })).json;
}

/** Records a measurement of an indicator; returns it. */
export async function measure(token, indicator, period, value, comment = '') {
  return (await api(`/api/v1/indicators/${indicator.id}/measurements`, {
    method: 'POST', token, expect: 201, body: { period, value, comment },
  })).json;
}

// ---------------------------------------------------------------------------------------
// Worlds: a whole organisation.

/**
 * Builds an organisation, in this order:
 * 1. the organisation `"<org> <stamp>"`, made by the system administrator;
 * 2. its administrator (`admin`: `{ key, name }`, default `admin`/Anne Admin), invited by
 *    the system administrator;
 * 3. `people` with no `role`: members of the organisation only, invited by the administrator;
 * 4. with `structure` (`{ levels, dimensions }`): the structure, then `units`
 *    (`{ key: [name, sector] }`, names get the stamp);
 * 5. the programme (`{ name, description }`, name gets the stamp) and the `projects`
 *    (`[{ name, description }]`, names get the stamp), made by the administrator;
 * 6. `people` with a `role` (a project role in the first project), in the order given:
 *    with `joinBy: 'membership'` (default) invited as organisation members and given the role
 *    by the administrator; with `joinBy: 'invitation'` invited straight into the role;
 * 7. with `adminRole`: the administrator also gets that role in the first project.
 *
 * `people` is `{ key: { name, role?, email? } }`; a person's address is `key-stamp@example.no`
 * unless `email` names the key to use. Returns `{ stamp, password, org, admin, token
 * (the administrator's), programme, projects, project (the first), people, units }`; each
 * person is `{ key, email, name, token }`, with `id` when given a role by membership.
 */
export async function seedOrganisation({
  org,
  admin: adminSpec = { key: 'admin', name: 'Anne Admin' },
  people: peopleSpec = {},
  structure,
  units: unitSpec = {},
  programme: programmeSpec = { name: 'BTI', description: 'Bedre tverrfaglig innsats' },
  projects: projectSpecs,
  joinBy = 'membership',
  adminRole,
}) {
  const stamp = stampNow();
  const password = `Passord-${stamp}-123`;
  const sys = await systemToken();
  const organisation = (await api('/api/v1/organisations', {
    method: 'POST', token: sys, body: { name: `${org} ${stamp}` }, expect: 201,
  })).json;
  const admin = await join({
    token: sys, key: adminSpec.key, email: emailOf(adminSpec.key, stamp), name: adminSpec.name, password,
    body: { organisation_id: organisation.id, org_role: 'admin' },
  });
  const token = admin.token;
  const people = {};
  const entries = Object.entries(peopleSpec);
  const address = (key, spec) => emailOf(spec.email ?? key, stamp);
  for (const [key, spec] of entries.filter(([, s]) => !s.role)) {
    people[key] = await join({
      token, key, email: address(key, spec), name: spec.name, password, body: { org_role: 'member' },
    });
  }
  const units = {};
  if (structure) {
    await setStructure(token, organisation, structure);
    for (const [key, [name, sector]] of Object.entries(unitSpec)) {
      units[key] = await createUnit(token, `${name} ${stamp}`, sector);
    }
  }
  const programme = (await api('/api/v1/programmes', {
    method: 'POST', token, expect: 201,
    body: { name: `${programmeSpec.name} ${stamp}`, description: programmeSpec.description },
  })).json;
  const projects = [];
  for (const spec of projectSpecs) {
    projects.push((await api('/api/v1/projects', {
      method: 'POST', token, expect: 201,
      body: { programme_id: programme.id, name: `${spec.name} ${stamp}`, description: spec.description },
    })).json);
  }
  const [project] = projects;
  for (const [key, spec] of entries.filter(([, s]) => s.role)) {
    if (joinBy === 'invitation') {
      people[key] = await join({
        token, key, email: address(key, spec), name: spec.name, password,
        body: { project_id: project.id, project_role: spec.role },
      });
    } else {
      people[key] = await withId(await join({
        token, key, email: address(key, spec), name: spec.name, password, body: { org_role: 'member' },
      }));
      await addToProject(token, project, people[key].id, spec.role);
    }
  }
  if (adminRole) {
    await withId(admin);
    await addToProject(token, project, admin.id, adminRole);
  }
  return { stamp, password, org: organisation, admin, token, programme, projects, project, people, units };
}

/**
 * An organisation with one person in each role, over the public API: the org admin, a
 * member in no project, and an owner, a leader and a change agent of one project (invited
 * into their roles). Returns their e-mail addresses (one password for all), the
 * organisation and the project; `people` is keyed admin, member, owner, leader, agent.
 */
export async function seedRoles() {
  const world = await seedOrganisation({
    org: 'Rollekommune',
    programme: { name: 'BTI' },
    projects: [{ name: 'BTI i Rollekommune' }],
    people: {
      member: { name: 'Mona Medlem' },
      owner: { name: 'Otto Eier', role: 'owner' },
      leader: { name: 'Lise Leder', role: 'leader' },
      agent: { name: 'Kari Endringsagent', role: 'change_agent' },
    },
    joinBy: 'invitation',
  });
  const { member, owner, leader, agent } = world.people;
  const people = {};
  for (const p of [world.admin, member, owner, leader, agent]) people[p.key] = { email: p.email, name: p.name, token: p.token };
  return { stamp: world.stamp, password: world.password, org: world.org, programme: world.programme, project: world.project, people };
}

/**
 * A fresh organisation whose administrator (Lise Leder) made a programme and a project and
 * leads it, and a change agent invited into it. Returns the agent's and the leader's
 * addresses (one password for both), the organisation and the project.
 */
export async function seedLeaderAndAgent() {
  const world = await seedOrganisation({
    org: 'Testkommune',
    admin: { key: 'leder', name: 'Lise Leder' },
    projects: [{
      name: 'BTI i Testkommune',
      description: 'Stafettlogg for barn og familier på tvers av tjenester.',
    }],
    people: { agent: { name: 'Kari Endringsagent', role: 'change_agent' } },
    joinBy: 'invitation',
    adminRole: 'leader',
  });
  return {
    stamp: world.stamp, password: world.password, org: world.org, project: world.project,
    agentEmail: world.people.agent.email, leaderEmail: world.admin.email,
  };
}
