// The same smoke check in Firefox ESR, driven by puppeteer-core over WebDriver BiDi:
// the single file starts from file://, lists the bundles, opens one, with no network request
// and no console error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP, APP_URL, KANRI_URL } from './lib.mjs';

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

test('Firefox ESR: tenken-kanri.html starts from file:// with 集計 and the 規則エディタ, offline', { skip: !existsSync(FIREFOX) && `${FIREFOX} not installed` }, async () => {
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
      if (u !== KANRI_URL && !u.startsWith('data:') && !u.startsWith('blob:')) requests.push(u);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(KANRI_URL);
    await page.waitForSelector('table.bundles tbody tr button', { timeout: 30000 });
    const click = (label) => page.evaluate((l) => [...document.querySelectorAll('header button')].find((b) => b.textContent === l).click(), label);
    await click('集計（情報担当課）');
    await page.waitForFunction(() => document.querySelector('main h2')?.textContent.includes('集計'), { timeout: 20000 });
    await click('規則エディタ');
    await page.waitForFunction(() => document.querySelector('main h2')?.textContent.includes('規則エディタ'), { timeout: 20000 });
    assert.deepEqual(requests, [], 'no network request');
    assert.deepEqual(errors, [], 'no page error');
  } finally {
    await browser.close();
  }
});

test('Firefox ESR: typing survives a reload (sealed, read back without a notice); addresses, Back and reload return to the screen', { skip: !existsSync(FIREFOX) && `${FIREFOX} not installed` }, async () => {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: mkdtempSync(path.join(os.tmpdir(), 'tenken-ff-')),
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  const h2 = (page) => page.$eval('main h2', (e) => e.textContent);
  const waitH3 = (page, text) => page.waitForFunction((t) => document.querySelector('.step h3')?.textContent.includes(t), { timeout: 20000 }, text);
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(APP_URL);
    await page.waitForSelector('table.bundles tbody tr button', { timeout: 30000 });
    await page.$eval('table.bundles tbody tr button', (b) => b.click());
    await page.waitForFunction(() => location.hash.startsWith('#/bundle/'), { timeout: 20000 });
    const bundleHash = await page.evaluate(() => location.hash);
    await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent === '新しく始める'));
    await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === '新しく始める').click());
    await waitH3(page, '点検の対象');
    await page.focus('#subject-課名');
    await page.keyboard.type('情報政策課');
    await new Promise((r) => setTimeout(r, 400));
    await page.reload();
    await waitH3(page, '点検の対象');
    await page.waitForFunction(() => document.querySelector('#subject-課名')?.value === '情報政策課', { timeout: 10000 });
    // the draft was sealed as it was saved: read back, nothing is reported as changed outside
    assert.equal(await page.$('.notice.outside'), null, 'no notice on a draft tenken wrote');
    assert.ok(await page.evaluate(() => /^[0-9a-f]{32}/.test(localStorage.getItem('tenken/v1/seal') || '')), 'a salt was made');
    // the next step has its own address; Back returns to the subject, then to the bundle
    await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => b.textContent === '次へ →').click());
    await page.waitForFunction(() => /\/profile$/.test(location.hash), { timeout: 10000 });
    await page.goBack();
    await waitH3(page, '点検の対象');
    await page.goBack();
    await page.waitForFunction((h) => location.hash === h, { timeout: 10000 }, bundleHash);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('main h2') && !document.querySelector('main h2').textContent.includes('開いています'), { timeout: 20000 });
    assert.notEqual(await h2(page), '規則を選ぶ', 'the bundle screen, not the start');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
