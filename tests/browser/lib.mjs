// Helpers for the browser tests: configuration, the API, Chromium, axe, the touch-target rule.
// What the tests start from (people, organisation, project, roles) is built in fixtures.mjs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const BASE_URL = (process.env.VARIG_BASE_URL || '').replace(/\/$/, '');
export const ADMIN_EMAIL = process.env.VARIG_ADMIN_EMAIL || '';
export const ADMIN_PASSWORD = process.env.VARIG_ADMIN_PASSWORD || '';
if (!BASE_URL || !ADMIN_EMAIL || !ADMIN_PASSWORD) {
  throw new Error('set VARIG_BASE_URL, VARIG_ADMIN_EMAIL and VARIG_ADMIN_PASSWORD (run.sh does)');
}

/** Calls the API; throws with the body when the status is not the expected one. */
export async function api(path, { method = 'GET', token, body, expect } = {}) {
  const headers = { accept: 'application/json, application/problem+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(BASE_URL + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  if (expect !== undefined && res.status !== expect) {
    throw new Error(`${method} ${path}: expected ${expect}, got ${res.status}: ${text}`);
  }
  return { status: res.status, json, headers: res.headers };
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Debian's Chromium with a fresh, throwaway user-data dir (a persistent context). */
export async function launch({ width = 390, height = 844 } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'varig-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    locale: 'nb-NO',
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(15_000);
  // Every page the suite visits runs under the server's Content-Security-Policy: a document
  // without one, or anything the policy blocks, fails the test when its browser closes.
  const csp = [];
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
    });
  });
  const watch = (page) => {
    page.on('console', (msg) => {
      const text = msg.text();
      if (text.includes('Content Security Policy') || text.startsWith('CSP violation')) {
        csp.push(`${page.url()}: ${text}`);
      }
    });
    page.on('response', async (res) => {
      if (res.request().resourceType() === 'document' && res.url().startsWith(BASE_URL)) {
        const header = (await res.allHeaders())['content-security-policy'] || '';
        if (!header.includes("frame-ancestors 'none'")) csp.push(`${res.url()}: no Content-Security-Policy`);
      }
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  // Every page the suite visits is measured for touch targets (`measureTargets`): in every
  // state it reaches, each time the page has been still for 300 ms after a change to its
  // document or its size, and as it is left (a route change or an unload). Anything under
  // 44×44 fails the test file when its browser closes, listed once per page address and
  // element.
  const small = new Map();
  await context.exposeBinding('__varigSmallTargets', (_source, origin, path, list) => {
    if (origin !== new URL(BASE_URL).origin) return; // only Varig's own pages
    for (const item of list) {
      const key = `${path} ${item.replace(/ \d+×\d+$/, '')}`;
      if (!small.has(key)) small.set(key, `${path}: ${item}`);
    }
  });
  await context.addInitScript({
    content: `(() => {
      const measure = ${measureTargets.toString()};
      let timer;
      const later = () => {
        clearTimeout(timer);
        timer = setTimeout(now, 300);
      };
      const now = () => {
        const list = measure();
        if (list.length && window.__varigSmallTargets) window.__varigSmallTargets(location.origin, location.pathname, list);
      };
      const start = () => {
        new MutationObserver(later).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
        addEventListener('resize', later);
        later();
      };
      // A page left sooner than 300 ms after its last change is measured as it is left.
      for (const name of ['pushState', 'replaceState']) {
        const original = history[name];
        history[name] = function (...args) { try { now(); } catch {} return original.apply(this, args); };
      }
      addEventListener('pagehide', () => { try { now(); } catch {} });
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
      else start();
    })();`,
  });
  const close = async () => {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
    const problems = [];
    if (csp.length) problems.push(`Content-Security-Policy problems:\n${csp.join('\n')}`);
    if (small.size) problems.push(`touch targets under 44×44 px:\n${[...small.values()].join('\n')}`);
    if (problems.length) throw new Error(problems.join('\n'));
  };
  return { context, close };
}

/** Runs axe; prints every violation; returns those of serious or critical impact. */
export async function axe(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  for (const v of results.violations) {
    console.log(`axe [${label}] ${v.impact}: ${v.id} – ${v.help} (${v.nodes.length} node(s))`);
    for (const node of v.nodes.slice(0, 5)) console.log(`    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').join(' ')}`);
  }
  console.log(`axe [${label}]: ${results.passes.length} rules passed, ${results.violations.length} violated`);
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether the page scrolls sideways at its current width. */
export async function horizontalOverflow(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/** A unique suffix for names and addresses of one test run. */
export function stampNow() {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Logs in through the login page and waits for the start page. */
export async function logIn(page, email, password) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('E-postadresse').fill(email);
  await page.getByLabel('Passord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.waitForURL(`${BASE_URL}/`);
}

/** Logs out with the header's button. */
export async function logOut(page) {
  await page.locator('header').getByRole('button', { name: 'Logg ut', exact: true }).click();
  await page.waitForURL(/\/login$/);
}

/** The level-1 heading of the page, once there. */
export async function heading(page, name) {
  await page.locator('main').getByRole('heading', { level: 1, name }).waitFor();
}

/** The start page must never be an access error. */
export async function assertNoAccessError(page) {
  const text = await page.locator('main').innerText();
  if (/Du har ikke tilgang/.test(text)) throw new Error(`the page shows an access error: ${text}`);
}

/** Opens an invitation link shown in the PWA, accepts it and waits for the start page. */
export async function acceptInvitation(page, link, name, password) {
  await page.goto(link);
  await heading(page, 'Du er invitert');
  await page.getByLabel('Navnet ditt').fill(name);
  await page.getByLabel('Velg et passord').fill(password);
  await page.getByRole('button', { name: 'Opprett kontoen' }).click();
  await page.waitForURL(`${BASE_URL}/`);
}

/** Reads the link from a copy field (an invitation link) by the field's id. */
export async function linkFrom(page, id) {
  const field = page.locator(`#${id}`);
  await field.waitFor();
  return field.inputValue();
}

/**
 * The touch-target rule, run inside the page: every interactive element under `scope` (a CSS
 * selector, default the whole body) whose box is under 44×44 CSS px, as
 * `tag#id.class "text" W×H`. What counts as interactive: a[href], button, input (not
 * hidden), select, textarea, summary, and elements with role button, link, checkbox, radio,
 * switch, tab or menuitem. Measured as the person taps it:
 * - a checkbox or radio is measured by its label (the label is the target; the box itself
 *   may be small);
 * - not measured: elements not rendered (no box, `visibility: hidden`), and the visually
 *   hidden pattern (a box of at most 1 px, e.g. the skip link until it gets focus);
 * - exempt, as WCAG 2.5.5 and 2.5.8 allow for inline targets: a link displayed `inline`
 *   whose block (its nearest ancestor that is not displayed inline) also holds text outside
 *   the link, i.e. a link inside a sentence or a line of running text. A link alone in its
 *   list item, cell or paragraph is a target like any other and must be 44×44.
 */
export function measureTargets(scope) {
  const root = scope ? document.querySelector(scope) : document.body;
  if (!root) return [];
  const selector = [
    'a[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea', 'summary',
    '[role="button"]', '[role="link"]', '[role="checkbox"]', '[role="radio"]', '[role="switch"]',
    '[role="tab"]', '[role="menuitem"]',
  ].join(', ');
  const isInline = (el) => getComputedStyle(el).display === 'inline';
  const inSentence = (a) => {
    let block = a.parentElement;
    while (block && isInline(block)) block = block.parentElement;
    if (!block) return false;
    // Text in the same block, outside the link and outside nested blocks.
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (a.contains(node) || !node.textContent.trim()) continue;
      let p = node.parentElement;
      while (p && p !== block && isInline(p)) p = p.parentElement;
      if (p === block) return true;
    }
    return false;
  };
  const out = [];
  for (const el of root.querySelectorAll(selector)) {
    let box = el;
    if ((el.type === 'radio' || el.type === 'checkbox') && (el.closest('label') || el.labels?.[0])) {
      box = el.closest('label') || el.labels[0];
    }
    const r = box.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    if (getComputedStyle(box).visibility === 'hidden') continue;
    if (el.tagName === 'A' && isInline(el) && inSentence(el)) continue;
    if (r.width < 44 || r.height < 44) {
      const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 30);
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
  }
  return out;
}

/** Interactive elements under `scope` (default <main>) smaller than 44×44 px; see `measureTargets`. */
export async function smallTargets(page, scope = 'main') {
  return page.evaluate(`(${measureTargets.toString()})(${JSON.stringify(scope)})`);
}
