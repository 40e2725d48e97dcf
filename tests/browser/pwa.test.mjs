// The Varig PWA end to end, in Debian's headless Chromium against a running server:
// login, my projects, a project's phase and members, language switch, token refresh,
// offline shell, accessibility (axe) and the 360 px layout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, axe, horizontalOverflow } from './lib.mjs';
import { seedLeaderAndAgent } from './fixtures.mjs';

let data;
let browser;
let page;

before(async () => {
  data = await seedLeaderAndAgent();
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

async function logIn() {
  await page.getByLabel('E-postadresse').fill(data.agentEmail);
  await page.getByLabel('Passord', { exact: true }).fill(data.password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);
}
const session = () => page.evaluate(() => JSON.parse(localStorage.getItem('varig.session') || 'null'));

test('an anonymous visitor is sent to the login page, which is accessible', async () => {
  await page.goto(`${BASE_URL}/`);
  await page.waitForURL(/\/login$/);
  await main().getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nb');
  assert.equal(await page.title(), 'Logg inn – Varig');
  // Landmarks and the skip link.
  assert.equal(await page.locator('header').count(), 1);
  assert.equal(await page.locator('main#main').count(), 1);
  const serious = await axe(page, 'login');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations on the login page');
});

test('the skip link is the first tab stop and moves focus to main', async () => {
  await page.goto(`${BASE_URL}/login`);
  await main().getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link', await page.evaluate(() => document.activeElement?.outerHTML));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Hopp til hovedinnholdet');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
});

test('login form: errors are announced and tied to the inputs', async () => {
  const email = page.getByLabel('E-postadresse');
  const password = page.getByLabel('Passord', { exact: true });
  await page.getByRole('button', { name: 'Logg inn' }).click();
  const emailError = page.locator('#email-error');
  await emailError.filter({ hasText: 'Skriv inn e-postadressen din.' }).waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  assert.equal(await email.getAttribute('aria-describedby'), 'email-error');
  assert.equal(await emailError.getAttribute('role'), 'alert');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'email', 'focus moves to the invalid field');

  await email.fill(data.agentEmail);
  await password.fill('wrong-password-123');
  await page.getByRole('button', { name: 'Logg inn' }).click();
  const alert = page.locator('#login-error');
  await alert.filter({ hasText: 'Feil e-postadresse eller passord.' }).waitFor();
  assert.equal(await alert.getAttribute('role'), 'alert');
  assert.match(await password.getAttribute('aria-describedby'), /login-error/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
  const serious = await axe(page, 'login with errors');
  assert.deepEqual(serious.map((v) => v.id), []);
});

test('the change agent logs in and sees the project in "Mine prosjekter"', async () => {
  await logIn();
  await main().getByRole('heading', { level: 1, name: 'Mine prosjekter' }).waitFor();
  const link = main().getByRole('link', { name: new RegExp(data.project.name) });
  await link.waitFor();
  const text = await link.textContent();
  assert.match(text, /Fase: Forberede/);
  assert.match(text, /Din rolle: Endringsagent/);
  await page.getByText('Innlogget som Kari Endringsagent').waitFor();
  assert.ok((await session())?.tokens?.refresh_token, 'the session is stored');
  const serious = await axe(page, 'project list');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations on the project list');
});

test('the project page shows the phase and the members', async () => {
  await main().getByRole('link', { name: new RegExp(data.project.name) }).click();
  await page.waitForURL(`${BASE_URL}/projects/${data.project.id}`);
  await main().getByRole('heading', { level: 1, name: data.project.name }).waitFor();
  await main().getByText('Nåværende fase: Forberede').waitFor();
  await main().getByText('Status: Aktiv').waitFor();
  await main().getByText('Mål: ta gode beslutninger om den videre prosessen.').waitFor();
  const current = main().locator('.phase-steps li[aria-current="step"]');
  assert.equal(await current.count(), 1);
  assert.match(await current.textContent(), /Forberede/);
  assert.equal(await main().locator('.phase-steps li').count(), 4);
  const members = main().locator('.member-list li');
  await members.first().waitFor();
  const rows = (await members.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
  assert.ok(rows.some((r) => r.includes('Kari Endringsagent') && r.includes('Endringsagent')), `members: ${rows}`);
  assert.ok(rows.some((r) => r.includes('Lise Leder') && r.includes('Prosjektleder')), `members: ${rows}`);
  assert.equal(await page.title(), `${data.project.name} – Varig`);
  const serious = await axe(page, 'project page');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations on the project page');
});

test('an unknown project shows a not-found message', async () => {
  await page.goto(`${BASE_URL}/projects/00000000-0000-4000-8000-000000000000`);
  await main().getByText('Fant ikke prosjektet.', { exact: false }).waitFor();
  await page.goto(`${BASE_URL}/projects/${data.project.id}`);
  await main().getByText('Nåværende fase: Forberede').waitFor();
});

test('an access token the server rejects is refreshed once and the request retried', async () => {
  const before = await session();
  await page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('varig.session'));
    s.tokens.access_token = 'not-a-valid-token';
    localStorage.setItem('varig.session', JSON.stringify(s));
  });
  await page.reload();
  await main().getByText('Nåværende fase: Forberede').waitFor();
  await main().getByText('Kari Endringsagent').waitFor();
  const after = await session();
  assert.ok(after?.tokens?.refresh_token, 'still logged in');
  assert.notEqual(after.tokens.refresh_token, before.tokens.refresh_token, 'a new refresh token was stored');
  assert.notEqual(after.tokens.access_token, 'not-a-valid-token');
  // The old refresh token is spent: the server must refuse it now.
  const { status } = await fetch(`${BASE_URL}/api/v1/auth/refresh`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: before.tokens.refresh_token }),
  });
  assert.equal(status, 401);
});

test('switching to nynorsk translates the page, sets <html lang> and persists', async () => {
  // The reuse check above revoked that session on the server: start a new one.
  await page.evaluate(() => localStorage.removeItem('varig.session'));
  await page.goto(`${BASE_URL}/login`);
  await logIn();
  await page.goto(`${BASE_URL}/projects/${data.project.id}`);
  await main().getByText('Nåværende fase: Forberede').waitFor();
  await page.getByLabel('Språk').selectOption('nn');
  await main().getByText('Noverande fase: Førebu').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nn');
  await main().getByText('Prosjektleiar').waitFor();
  await page.getByRole('navigation').getByRole('link', { name: 'Mine prosjekt' }).waitFor();
  await page.reload();
  await main().getByText('Noverande fase: Førebu').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nn');
  await page.getByLabel('Språk').selectOption('en');
  await main().getByText('Current phase: Prepare').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByLabel('Language').selectOption('nn');
  await main().getByText('Noverande fase: Førebu').waitFor();
});

test('at 360 px wide nothing scrolls sideways', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of [`/projects/${data.project.id}`, '/']) {
    await page.goto(BASE_URL + path);
    await main().locator('h1').waitFor();
    await page.waitForLoadState('networkidle');
    const { scrollWidth } = await horizontalOverflow(page);
    assert.ok(scrollWidth <= 360, `${path}: scrollWidth ${scrollWidth} > 360`);
  }
  await page.setViewportSize({ width: 390, height: 844 });
});

test('with the service worker in control, the app opens offline', async () => {
  await page.goto(`${BASE_URL}/`);
  await main().getByRole('link', { name: new RegExp(data.project.name) }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  }
  const cacheName = await page.evaluate(async () => (await caches.keys()).find((k) => k.startsWith('varig-shell-')));
  assert.ok(cacheName, 'the shell cache exists');
  // Visit the project page once online, so its data is remembered too.
  await main().getByRole('link', { name: new RegExp(data.project.name) }).click();
  await main().getByText('Noverande fase: Førebu').waitFor();

  await browser.context.setOffline(true);
  try {
    // Really offline, for the page and for the worker's own fetches.
    const probe = await page.evaluate(() => fetch(`/icons/icon.svg?probe=${Date.now()}`).then(() => 'online', () => 'offline'));
    assert.equal(probe, 'offline');
    const response = await page.reload();
    assert.ok(response?.fromServiceWorker(), 'the shell comes from the service worker');
    await page.locator('header .brand-name').filter({ hasText: 'Varig' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nn');
    await page.getByText('Du er fråkopla.', { exact: false }).waitFor();
    await main().getByText('Noverande fase: Førebu').waitFor();
    await main().getByText('Kari Endringsagent').waitFor();

    await page.goto(`${BASE_URL}/`);
    await main().getByRole('heading', { level: 1, name: 'Mine prosjekt' }).waitFor();
    await main().getByRole('link', { name: new RegExp(data.project.name) }).waitFor();
    await main().getByText('Du ser ein lagra kopi', { exact: false }).waitFor();
  } finally {
    await browser.context.setOffline(false);
  }
});

test('logging out ends the session and returns to the login page', async () => {
  await page.goto(`${BASE_URL}/`);
  await page.getByRole('button', { name: 'Logg ut' }).click();
  await page.waitForURL(/\/login$/);
  await main().getByRole('heading', { level: 1, name: 'Logg inn' }).waitFor();
  assert.equal(await session(), null);
  const cached = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('varig.cache:')));
  assert.deepEqual(cached, [], 'remembered data is removed at logout');
  await page.goto(`${BASE_URL}/`);
  await page.waitForURL(/\/login$/);
});
