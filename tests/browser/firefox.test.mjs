// The same smoke check in Firefox ESR, driven by puppeteer-core over WebDriver BiDi:
// the single file starts from file://, lists the bundles, opens one, with no network request
// and no console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP, APP_URL } from './lib.mjs';

const require = createRequire(new URL('../../.ci/package.json', import.meta.url));
const puppeteer = require('puppeteer-core');
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

test('Firefox ESR: starts from file://, lists and opens a bundle, offline', { skip: !existsSync(FIREFOX) && `${FIREFOX} not installed` }, async () => {
  assert.ok(existsSync(APP), `${APP} is missing`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: mkdtempSync(path.join(os.tmpdir(), 'tenken-ff-')),
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  try {
    const page = await browser.newPage();
    const requests = [];
    const errors = [];
    page.on('request', (r) => {
      const u = r.url();
      if (u !== APP_URL && !u.startsWith('data:') && !u.startsWith('blob:')) requests.push(u);
    });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(APP_URL);
    await page.waitForSelector('main h2', { timeout: 30000 });
    assert.equal(await page.$eval('main h2', (e) => e.textContent), '規則を選ぶ');
    const rows = await page.$$('table.bundles tbody tr');
    assert.ok(rows.length >= 1);
    const name = await rows[0].$eval('th', (e) => e.textContent);
    await rows[0].$eval('button', (b) => b.click());
    await page.waitForFunction((n) => document.querySelector('main h2')?.textContent.includes(n), {}, name);
    await page.waitForSelector('button.browse');
    await page.$eval('button.browse', (b) => b.click());
    await page.waitForSelector('li.item');
    assert.ok((await page.$$('li.item')).length > 0, 'items are listed');
    assert.deepEqual(requests, [], 'no network request');
    assert.deepEqual(errors, [], 'no console error');
  } finally {
    await browser.close();
  }
});
