// The organisation administrator's webhooks at 390×844: a refused address is said in
// words; a new webhook's signing secret is shown once and is the key its messages are
// signed with; the list shows it; it is turned off and on; its delivery log shows a
// failed attempt with the receiver's answer and the next attempt, "send again" delivers it,
// the log narrows by status; sending again while it is off says to turn it on first; and
// deleting asks first. Seeded over the API (seedRoles).
//
// The receiver is a small HTTP server in this process on 127.0.0.1. Varig refuses loopback
// addresses unless the operator allows them, so the suite's server runs with
// VARIG_WEBHOOK_ALLOWED_NETWORKS=127.0.0.0/8 (see `start_server browser` in ./varig).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { BASE_URL, api, launch, axe, logIn, heading, smallTargets } from './lib.mjs';
import { seedRoles } from './fixtures.mjs';

let data;
let browser;
let page;
let receiver;
let secret;
let webhookId;
const received = [];
let answer = 503;

before(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      received.push({ headers: req.headers, body, status: answer });
      res.writeHead(answer).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  data = await seedRoles();
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on('pageerror', (err) => console.log(`page error: ${err.message}`));
  await logIn(page, data.people.admin.email, data.password);
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve()));
});

const main = () => page.locator('main');
const receiverUrl = () => `http://127.0.0.1:${receiver.address().port}/varig`;
const name = () => `Sakssystem ${data.stamp}`;

async function until(what, check, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Whether a request carries a valid Standard Webhooks signature made with `key`. */
function signedWith(req, key) {
  const raw = Buffer.from(key.replace(/^whsec_/, ''), 'base64');
  const content = `${req.headers['webhook-id']}.${req.headers['webhook-timestamp']}.${req.body}`;
  const expected = `v1,${createHmac('sha256', raw).update(content).digest('base64')}`;
  return (req.headers['webhook-signature'] || '').split(' ').includes(expected);
}

test('a new webhook shows its secret once, is listed, is turned off and on, and is changed', async () => {
  await main().getByRole('link', { name: /^Webhooker/ }).click();
  await heading(page, 'Webhooker');
  await main().getByText('Ingen webhooker ennå.').waitFor();

  // An address Varig may not call is refused in words, on the field.
  const address = page.getByLabel('Adressen til systemet som skal få beskjed');
  await address.fill('https://10.1.2.3/varig');
  await page.getByLabel('Beskrivelse').fill(name());
  await page.getByRole('button', { name: 'Lag webhooken' }).click();
  await main().locator('#webhook-url-error').filter({ hasText: 'Varig kan ikke sende til denne adressen.' }).waitFor();
  assert.equal(await address.getAttribute('aria-invalid'), 'true');

  await address.fill(receiverUrl());
  await page.getByRole('radio', { name: 'Bare det jeg velger' }).check();
  // "Only what I choose" with nothing chosen is said before anything is sent.
  await page.getByRole('button', { name: 'Lag webhooken' }).click();
  await main().getByText('Velg minst én ting å sende', { exact: false }).waitFor();
  await page.getByRole('checkbox', { name: 'Noen får en rolle i et prosjekt' }).check();
  await page.getByLabel('Prosjekt', { exact: true }).selectOption({ label: data.project.name });
  await page.getByRole('button', { name: 'Lag webhooken' }).click();

  secret = await page.locator('#webhook-secret').inputValue();
  assert.match(secret, /^whsec_[A-Za-z0-9+/=]{40,}$/, 'the signing secret is shown');
  await main().getByText('Den vises bare denne ene gangen', { exact: false }).waitFor();
  await main().locator('.token-secret').getByRole('button', { name: 'Kopier' }).waitFor();
  const row = main().locator('.webhook-list li').filter({ hasText: name() });
  await row.getByText(receiverUrl(), { exact: true }).waitFor();
  await row.getByText('På', { exact: true }).waitFor();
  await row.getByText('Sender 1 type hendelse').waitFor();
  await row.getByText(`Bare fra ${data.project.name}`).waitFor();
  const serious = await axe(page, 'webhooks');
  assert.deepEqual(serious.map((v) => v.id), []);
  assert.deepEqual(await smallTargets(page), [], 'every touch target is at least 44×44 px');

  await page.reload();
  await heading(page, 'Webhooker');
  await row.waitFor();
  assert.equal(await page.locator('#webhook-secret').count(), 0, 'the secret is not shown again');

  await row.getByRole('link', { name: name() }).click();
  await heading(page, name());
  webhookId = page.url().split('/').pop();
  const sends = main().locator('section').filter({ has: page.getByRole('heading', { name: 'Det Varig sender' }) });
  assert.deepEqual(await sends.locator('li').allTextContents(), ['Noen får en rolle i et prosjekt']);
  await main().getByText('På: Varig sender beskjeder til adressen.').waitFor();
  const serious2 = await axe(page, 'webhook');
  assert.deepEqual(serious2.map((v) => v.id), []);
  assert.deepEqual(await smallTargets(page), [], 'every touch target is at least 44×44 px');

  await page.getByRole('button', { name: `Slå av: ${name()}` }).click();
  await main().locator('.flash').filter({ hasText: `Webhooken ${name()} er slått av.` }).waitFor();
  await main().getByText('Av: Varig sender ingenting.').waitFor();
  const off = await api(`/api/v1/webhooks/${webhookId}`, { token: data.people.admin.token, expect: 200 });
  assert.equal(off.json.enabled, false, 'the API says it is off');

  await page.getByRole('button', { name: `Slå på: ${name()}` }).click();
  await main().locator('.flash').filter({ hasText: `Webhooken ${name()} er slått på.` }).waitFor();
  await main().getByText('På: Varig sender beskjeder til adressen.').waitFor();
  const on = await api(`/api/v1/webhooks/${webhookId}`, { token: data.people.admin.token, expect: 200 });
  assert.equal(on.json.enabled, true, 'the API says it is on');

  // Changing what it sends.
  await page.getByRole('button', { name: 'Endre', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Noen får en annen rolle i et prosjekt' }).check();
  await page.getByRole('button', { name: 'Lagre endringene' }).click();
  await main().locator('.flash').filter({ hasText: `Endringene i webhooken ${name()} er lagret.` }).waitFor();
  await until('both types listed', async () => (await sends.locator('li').count()) === 2);
  assert.deepEqual(await sends.locator('li').allTextContents(),
    ['Noen får en rolle i et prosjekt', 'Noen får en annen rolle i et prosjekt']);

  // A change someone made after the page read the webhook is not overwritten.
  const current = await fetch(`${BASE_URL}/api/v1/webhooks/${webhookId}`, {
    headers: { authorization: `Bearer ${data.people.admin.token}` },
  });
  const patched = await fetch(`${BASE_URL}/api/v1/webhooks/${webhookId}`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${data.people.admin.token}`, 'content-type': 'application/json',
      'if-match': current.headers.get('etag'),
    },
    body: JSON.stringify({ description: name() }),
  });
  assert.equal(patched.status, 200);
  await page.getByRole('button', { name: `Slå av: ${name()}` }).click();
  await main().getByText('Noen endret webhooken etter at du åpnet den.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Les inn på nytt' }).click();
  await page.getByRole('button', { name: 'Les inn på nytt' }).waitFor({ state: 'detached' });
  await main().getByText('På: Varig sender beskjeder til adressen.').waitFor();
});

test('the delivery log shows a failed attempt, and "send again" delivers it', async () => {
  // Something the webhook sends: someone is given a role in its project.
  const users = (await api('/api/v1/users', { token: data.people.admin.token, expect: 200 })).json.items;
  const member = users.find((u) => u.email === data.people.member.email);
  await api(`/api/v1/projects/${data.project.id}/members`, {
    method: 'POST', token: data.people.admin.token, expect: 201,
    body: { user_id: member.id, role: 'steering_group' },
  });
  await until('the first attempt', () => received.length > 0);
  const first = received[0];
  assert.equal(JSON.parse(first.body).type, 'member.added');
  assert.ok(signedWith(first, secret), 'signed with the secret the page showed');
  await until('the attempt in the log', async () => {
    const log = await api(`/api/v1/webhooks/${webhookId}/deliveries`, { token: data.people.admin.token, expect: 200 });
    return log.json.items[0]?.attempts >= 1;
  });

  await main().getByRole('link', { name: 'Se leveringsloggen' }).click();
  await heading(page, 'Leveringslogg');
  const row = main().locator('.delivery-list li').filter({ hasText: 'Noen får en rolle i et prosjekt' });
  await row.getByText('Venter', { exact: true }).waitFor();
  await row.getByText(/^\d+ forsøk$/).waitFor();
  await row.getByText('Siste svar fra systemet: HTTP 503').waitFor();
  await row.getByText(/^Neste forsøk \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d$/).waitFor();
  const serious = await axe(page, 'delivery log');
  assert.deepEqual(serious.map((v) => v.id), []);
  assert.deepEqual(await smallTargets(page), [], 'every touch target is at least 44×44 px');

  answer = 200;
  const retried = page.waitForResponse((r) => r.url().endsWith('/retry') && r.request().method() === 'POST');
  await row.getByRole('button', { name: /^Send på nytt: Noen får en rolle i et prosjekt, / }).click();
  assert.equal((await retried).status(), 202);
  await main().locator('.flash').filter({ hasText: 'Varig sender «Noen får en rolle i et prosjekt» på nytt nå.' }).waitFor();
  await until('a delivery the receiver took', () => received.some((r) => r.status === 200));
  await until('the log to say delivered', async () => {
    await page.getByRole('button', { name: 'Les loggen på nytt' }).click();
    await page.waitForTimeout(300);
    return (await row.getByText('Levert', { exact: true }).count()) > 0;
  });
  await row.getByText('Siste svar fra systemet: HTTP 200').waitFor();
  await row.getByText(/^Levert \d\d\.\d\d\.\d{4} kl\. \d\d:\d\d$/).waitFor();

  await page.getByLabel('Vis', { exact: true }).selectOption({ label: 'Mislyktes' });
  await main().getByText('Ingen leveringer med denne statusen.').waitFor();
  await page.getByLabel('Vis', { exact: true }).selectOption({ label: 'Levert' });
  await row.waitFor();
  assert.equal(await main().locator('.delivery-list li').count(), 1);
});

test('sending again while it is off says to turn it on first; deleting asks first', async () => {
  await page.goto(`${BASE_URL}/admin/webhooks/${webhookId}`);
  await heading(page, name());
  await page.getByRole('button', { name: `Slå av: ${name()}` }).click();
  await main().getByText('Av: Varig sender ingenting.').waitFor();
  await main().getByRole('link', { name: 'Se leveringsloggen' }).click();
  await heading(page, 'Leveringslogg');
  await main().getByText('Webhooken er slått av. Slå den på før du sender noe på nytt.').waitFor();
  const row = main().locator('.delivery-list li').first();
  await row.getByRole('button', { name: /^Send på nytt: / }).click();
  await row.getByRole('alert').filter({ hasText: 'Webhooken er slått av. Slå den på først.' }).waitFor();

  await main().getByRole('link', { name: /Tilbake til webhooken$/ }).click();
  await heading(page, name());
  await page.getByRole('button', { name: 'Slett webhooken' }).click();
  await main().getByText(`Vil du slette webhooken ${name()}?`, { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Ja, slett den' }).click();
  await heading(page, 'Webhooker');
  await main().locator('.flash').filter({ hasText: 'Webhooken er slettet.' }).waitFor();
  await main().getByText('Ingen webhooker ennå.').waitFor();
  assert.equal((await api(`/api/v1/webhooks/${webhookId}`, { token: data.people.admin.token })).status, 404);
});
