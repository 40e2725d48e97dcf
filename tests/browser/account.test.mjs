// My account at 390×844: changing the name; changing the password (the current one is asked for) ends the
// session on another device while this one goes on; the calendar address is shown with a
// copy button and a new one makes the old one stop working; "log out everywhere" ends this
// session and the other. Seeded over the API (seedRoles); axe on the account page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, api, launch, axe, logIn, heading, smallTargets } from './lib.mjs';
import { seedRoles } from './fixtures.mjs';

let data;
let phone;
let laptop;

before(async () => {
  data = await seedRoles();
  phone = await launch({ width: 390, height: 844 });
  laptop = await launch({ width: 1366, height: 900 });
  for (const b of [phone, laptop]) {
    b.page = b.context.pages()[0] ?? await b.context.newPage();
    b.page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  }
});

after(async () => {
  await phone?.close();
  await laptop?.close();
});

const refreshTokenOf = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('varig.session') || 'null')?.tokens?.refresh_token);
const refresh = (token) => api('/api/v1/auth/refresh', { method: 'POST', body: { refresh_token: token } });

test('the name is changed; changing the password ends the session on the other device and keeps this one', async () => {
  const leader = data.people.leader;
  await logIn(phone.page, leader.email, data.password);
  await logIn(laptop.page, leader.email, data.password);
  const laptopToken = await refreshTokenOf(laptop.page);

  const page = phone.page;
  await page.getByRole('link', { name: 'Min konto' }).click();
  await heading(page, 'Min konto');
  await page.getByLabel('Navnet ditt').fill('Lise Leder-Hansen');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await page.locator('.flash').filter({ hasText: 'Navnet er lagret.' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#account-name')?.value === 'Lise Leder-Hansen');
  const serious = await axe(page, 'account page');
  assert.deepEqual(serious.map((v) => v.id), [], 'no serious or critical axe violations on the account page');
  assert.deepEqual(await smallTargets(page), [], 'every touch target is at least 44×44 px');
  // The current password is required, and the rule is said before sending.
  await page.getByLabel('Nytt passord').fill('kort');
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await page.locator('#account-current-error').filter({ hasText: 'Skriv inn passordet du har nå.' }).waitFor();
  await page.getByLabel('Nåværende passord').fill(data.password);
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await page.locator('#account-new-error').filter({ hasText: 'Passordet må ha minst 10 tegn.' }).waitFor();
  const fresh = `${data.password}-nytt`;
  await page.getByLabel('Nytt passord').fill(fresh);
  await page.getByRole('button', { name: 'Bytt passord' }).click();
  await page.locator('.flash').filter({ hasText: 'Passordet er byttet.' }).waitFor();

  // The laptop's session cannot be renewed: the next time its access token runs out it is
  // sent to the login page.
  assert.equal((await refresh(laptopToken)).status, 401, "the laptop's refresh token is revoked");
  await laptop.page.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('varig.session'));
    s.expires_at_ms = 0;
    localStorage.setItem('varig.session', JSON.stringify(s));
  });
  await laptop.page.reload();
  await laptop.page.waitForURL(/\/login$/);

  // The phone goes on, on a new session.
  await page.reload();
  await heading(page, 'Min konto');
  assert.equal((await refresh(await refreshTokenOf(page))).status, 200, 'the phone has a live session');
  data.password = fresh;
});

test('the calendar address is shown, can be copied, and a new one stops the old', async () => {
  const page = phone.page;
  await page.getByRole('button', { name: 'Lag kalenderadresse' }).click();
  const first = await page.locator('#calendar-url').inputValue();
  assert.match(first, new RegExp(`^${BASE_URL}/api/v1/calendar-feeds/.+/calendar\\.ics$`));
  await page.locator('#calendar-url').locator('xpath=..').getByRole('button', { name: 'Kopier' }).waitFor();
  assert.equal((await fetch(first)).status, 200, 'the address gives the calendar');
  await page.getByText('Outlook:', { exact: false }).waitFor();
  await page.getByText('Google Kalender:', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Lag en ny adresse' }).click();
  await page.waitForFunction((old) => document.querySelector('#calendar-url')?.value !== old, first);
  const second = await page.locator('#calendar-url').inputValue();
  assert.notEqual(second, first);
  assert.equal((await fetch(first)).status, 404, 'the old address stops working');
  assert.equal((await fetch(second)).status, 200);
  const serious = await axe(page, 'account page with a calendar address');
  assert.deepEqual(serious.map((v) => v.id), []);
  assert.deepEqual(await smallTargets(page), [], 'every touch target is at least 44×44 px');
});

test('logging out everywhere ends this session and every other', async () => {
  const leader = data.people.leader;
  await logIn(laptop.page, leader.email, data.password);
  const laptopToken = await refreshTokenOf(laptop.page);
  const page = phone.page;
  await page.getByRole('button', { name: 'Logg ut overalt' }).click();
  await page.waitForURL(/\/login$/);
  assert.equal((await refresh(laptopToken)).status, 401, "the laptop's session is ended");
});
