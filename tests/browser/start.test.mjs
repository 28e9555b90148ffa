// The start screen is in the single file itself (prerendered at build time): it shows before
// the wasm has started, the app takes it over in place (the same boxes, no layout shift), and
// a click on it before then is not lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openApp, APP, APP_URL, KANRI_URL } from './lib.mjs';

/** A copy of tenken.html with `edit` applied to its text (one character per byte, as the
 * windows-1252 page is); returns its file:// URL. */
function pageVariant(name, edit) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), `tenken-${name}-`)), 'tenken.html');
  writeFileSync(file, Buffer.from(edit(readFileSync(APP).toString('latin1')), 'latin1'));
  return pathToFileURL(file).href;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The boxes and texts of the start screen's parts, in page coordinates. */
const boxes = () => {
  const parts = ['header.app-header', '.app-name button', 'main h2', 'main p.lead', 'table.bundles thead', 'table.bundles tbody tr', '#file-heading', '.open-bundle button', '#result-heading'];
  const out = [];
  for (const sel of parts) {
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      out.push({ sel, text: el.textContent, x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) });
    }
  }
  return out;
};

for (const [name, url] of [['tenken.html', APP_URL], ['tenken-kanri.html', KANRI_URL]]) {
  test(`${name}: the prerendered start screen is the app's, box for box`, async () => {
    // without scripts: what the page shows before the wasm has started
    const still = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
    const before = await still.newPage();
    await before.goto(url);
    const prerendered = await before.evaluate(boxes);
    await still.close();
    assert.ok(prerendered.filter((b) => b.sel === 'table.bundles tbody tr').length >= 1, 'the bundles are listed without scripts');

    const { page, context, requests, errors } = await openApp(browser, { url });
    await page.waitForFunction(() => !document.getElementById('tenken-boot'));
    const app = await page.evaluate(boxes);
    assert.deepEqual(app, prerendered);
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

/** Opens tenken.html as on a slow PC: its wasm is held back until `window.tenkenRelease()`. */
async function openHeldBack(page) {
  await page.addInitScript(() => {
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = (...args) => new Promise((resolve) => {
      window.tenkenRelease = () => resolve(instantiate.apply(WebAssembly, args));
    });
  });
  await page.goto(APP_URL);
  await page.waitForFunction(() => typeof window.tenkenRelease === 'function');
}

test('a click on the prerendered list before the app has started opens that bundle', async () => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openHeldBack(page);
  const row = page.locator('#tenken-boot table.bundles tbody tr').nth(1);
  const municipality = await row.locator('th').innerText();
  await row.getByRole('button', { name: '開く' }).click();
  assert.equal(await page.evaluate(() => performance.getEntriesByName('tenken-wasm-started').length), 0, 'clicked before the app started');
  assert.match(new URL(page.url()).hash, /^#\/bundle\/[a-z]+\/-$/, 'the click is kept in the address');
  assert.equal(await row.getByRole('button', { name: '開く' }).getAttribute('aria-busy'), 'true');
  // answered at once, visibly: the button turns the accent colour and says it is working
  const busy = await row.getByRole('button', { name: '開く' }).evaluate((b) => ({
    background: getComputedStyle(b).backgroundColor,
    after: getComputedStyle(b, '::after').content,
    cursor: getComputedStyle(document.body).cursor,
  }));
  assert.equal(busy.background, 'rgb(11, 87, 208)');
  assert.match(busy.after, /…/);
  assert.equal(busy.cursor, 'progress');
  await page.evaluate(() => window.tenkenRelease());
  await page.locator('main h2', { hasText: municipality }).waitFor({ timeout: 60000 });
  assert.match(new URL(page.url()).hash, /^#\/bundle\/[a-z]+@[0-9a-f]{12}\//);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a keyboard user who began before the app took over goes on from the same button', async () => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await openHeldBack(page);
  // Tab to the third bundle's 開く on the prerendered screen
  const target = page.locator('#tenken-boot table.bundles tbody tr').nth(2).getByRole('button', { name: '開く' });
  const label = await target.getAttribute('aria-label');
  for (let i = 0; i < 40 && !(await target.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  assert.equal(await target.evaluate((b) => b === document.activeElement), true, 'reached by Tab before the takeover');
  await page.evaluate(() => window.tenkenRelease());
  await page.waitForFunction(() => !document.getElementById('tenken-boot'), null, { timeout: 60000 });
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), label, 'the focus is on the same button in the app');
  // and the next Tab goes on from there
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
  assert.notEqual(next, label);
  assert.match(next || '', /の規則を開く$/);
  await context.close();
});

test('an app script the CSP does not allow is refused: the page says it cannot start, nothing runs', async () => {
  // the app's script (the wasm-bindgen glue) is compressed inside the page and inserted by the
  // loader; the CSP allows it by its hash only. A page whose CSP names another hash (as if
  // the compressed app had been swapped) must fail visibly, not wait or run it.
  const url = pageVariant('csp', (text) => {
    const m = text.match(/script-src ('sha256-[^']+') ('sha256-[^']+') 'wasm-unsafe-eval'/);
    assert.ok(m, 'the CSP names the loader and the app script');
    return text.replace(m[2], "'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='");
  });
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  await page.goto(url);
  const boot = page.locator('#tenken-boot[role="alert"]');
  await boot.waitFor({ timeout: 20000 });
  assert.match(await boot.innerText(), /tenken を起動できません[\s\S]*CSP/);
  assert.equal(await page.evaluate(() => performance.getEntriesByName('tenken-wasm-started').length), 0, 'the app did not start');
  await context.close();
});

test('each file carries the style sheets its screens use, each allowed by its CSP: the editor\'s only in tenken-kanri.html', async () => {
  const rulesOf = async (url) => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      globalThis.refused = [];
      document.addEventListener('securitypolicyviolation', (e) => globalThis.refused.push(e.violatedDirective));
    });
    await page.goto(url);
    await page.waitForFunction(() => performance.getEntriesByName('tenken-first-render').length > 0);
    const seen = await page.evaluate(() => {
      const bar = document.createElement('div');
      bar.className = 'editor-bar';
      document.body.append(bar);
      const selectors = [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.selectorText || ''));
      return { position: getComputedStyle(bar).position, selectors, refused: globalThis.refused };
    });
    await context.close();
    return seen;
  };
  const kanri = await rulesOf(KANRI_URL);
  assert.deepEqual(kanri.refused, []);
  assert.equal(kanri.position, 'sticky', "kanri.css's rules apply in 情報担当課's file");
  assert.ok(kanri.selectors.includes('.report th, .report td'));
  const kacho = await rulesOf(APP_URL);
  assert.deepEqual(kacho.refused, []);
  assert.equal(kacho.position, 'static');
  assert.ok(!kacho.selectors.some((s) => /editor|\.report\b|amend-table/.test(s)), 'the 課長\'s file carries no rule of 情報担当課\'s screens');
  assert.ok(kacho.selectors.includes('table.bundles'), 'the shared style sheet applies');
});

test('damaged built-in bundles fail alone: the app starts, opening one says why, the rest works', async () => {
  // the bundles are inflated after the app has started; a page whose bundle data is cut (its
  // stated length no longer matches) must not take the app down with them
  const url = pageVariant('damaged', (text) => {
    const m = text.match(/(id="tenken-bundles-packed" data-codec="[^"]+" data-length=")(\d+)"/);
    assert.ok(m, 'the page states the bundles\' length');
    return text.replace(m[0], `${m[1]}${Number(m[2]) + 1}"`);
  });
  const { page, context, errors } = await openApp(browser, { url });
  await page.waitForFunction(() => document.getElementById('tenken-bundles').dataset.ready === '1');
  await page.locator('table.bundles tbody tr').first().getByRole('button', { name: '開く' }).click();
  const alert = page.locator('main .problems[role="alert"]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /組込みの規則[\s\S]*埋め込みデータが壊れています/);
  // the app is still there: the key screen opens
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.locator('main h2', { hasText: '鍵' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('damaged summaries fail alone: the app starts, the start screen says why, the rest works', async () => {
  // the build's file carries the summaries LZMA'd, decoded by the loader before the app starts
  const url = pageVariant('summaries', (text) => {
    const m = text.match(/(id="tenken-summaries" data-codec="lzma-utf16be" data-length=")(\d+)"/);
    assert.ok(m, 'the page carries the summaries compressed, with their length');
    return text.replace(m[0], `${m[1]}${Number(m[2]) + 1}"`);
  });
  const { page, context, errors } = await openApp(browser, { url });
  const alert = page.locator('main .problems');
  await alert.waitFor();
  assert.match(await alert.innerText(), /組込みの規則を読めません[\s\S]*埋め込みデータが壊れています/);
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.locator('main h2', { hasText: '鍵' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
