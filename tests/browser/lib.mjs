// Shared helpers for the browser tests: start headless Chromium (Debian's binary, driven by
// playwright-core) and open the real single-file app from file://, recording every network
// request and console error so each test can assert there were none.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const require = createRequire(new URL('../../.ci/package.json', import.meta.url));
export const { chromium } = require('playwright-core');

export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const APP = path.join(ROOT, 'dist', 'tenken.html');
export const APP_URL = pathToFileURL(APP).href;
// 情報担当課's file: 集計, the 規則エディタ and publishing, besides the 課長's screens
export const KANRI = path.join(ROOT, 'dist', 'tenken-kanri.html');
export const KANRI_URL = pathToFileURL(KANRI).href;

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: run trunk build --release first`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Opens the app in a fresh context. Returns { page, context, requests, errors }. */
export async function openApp(browser, { url = APP_URL } = {}) {
  const context = await browser.newContext({ locale: 'ja-JP' });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => {
    const u = r.url();
    if (u !== url && !u.startsWith('data:') && !u.startsWith('blob:')) requests.push(u);
  });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await tookOver(page);
  return { page, context, requests, errors };
}

/** Waits until the app has taken over the prerendered start screen. That screen has a
 * `main h2` too, and a file given to its (disabled) input before then would be lost. The app
 * removes the boot area and mounts in one task (`ui::start`); unlike the performance mark,
 * this also holds under Playwright's fake clock. */
export async function tookOver(page) {
  await page.locator('main h2').first().waitFor({ timeout: 20000 });
  await page.waitForFunction(() => !document.getElementById('tenken-boot'), null, { timeout: 20000 });
}

/** Compiles tests/fixtures/mini with the CLI and returns the JSON text. */
export async function miniBundleJson() {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const os = await import('node:os');
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'tenken-mini-')), 'mini.json');
  execFileSync('cargo', ['run', '-q', '--bin', 'tenken', '--', 'bundle', 'build', path.join(ROOT, 'tests/fixtures/mini'), '-o', out], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(out, 'utf8');
}

/** Writes `text` to a temporary file named `name` and returns its path. */
export async function tempFile(name, text) {
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const os = await import('node:os');
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tenken-')), name);
  writeFileSync(file, text);
  return file;
}

/** Presses Tab until `locator` has focus (proving it is reachable by keyboard). */
export async function tabTo(page, locator, max = 300) {
  const handle = await locator.elementHandle();
  for (let i = 0; i < max; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('not reachable by Tab: ' + locator);
}

/** Runs axe-core on the page; fails on any serious or critical violation. */
export async function axe(page, label) {
  const { readFileSync } = await import('node:fs');
  const assert = (await import('node:assert/strict')).default;
  // the page's CSP forbids injected <script>s; the driver's evaluate is not subject to it
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(result, [], `axe on ${label}`);
}

/**
 * From the open test bundle (tests/fixtures/mini), completes a 点検: a new draft for
 * `division`, 個人情報 yes, マイナンバー `mynumber` ('none' or 'some'), every item asked
 * answered as conforming; ends on まとめ with the draft complete.
 */
export async function completeMiniWalk(page, { division = '総務課', name = '鈴木 一郎', year = '2026', mynumber = 'none' } = {}) {
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.getByLabel('課名').fill(division);
  await page.getByLabel('氏名').fill(name);
  await page.getByLabel('対象年度').fill(year);
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-personal][value=yes]').check();
  await page.locator(`input[name=profile-mynumber][value=${mynumber}]`).check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-13-1"][value=conforming]').check();
  if (mynumber === 'some') await page.locator('input[name="answer-13-3"][value=conforming]').check();
  await page.locator('input[name="answer-14"][value=done]').check();
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  await page.locator('p.complete').waitFor();
}
