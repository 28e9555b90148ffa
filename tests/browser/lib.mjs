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
  await page.locator('main h2').first().waitFor({ timeout: 20000 });
  return { page, context, requests, errors };
}
