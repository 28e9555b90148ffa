// 公開: 情報担当課 signs a bundle in the 規則エディタ and saves a copy of tenken.html with it
// built in. The copy opens from file:// (Chromium and Firefox) with zero requests, shows who
// published the bundle and that the signature holds, and a 課長 completes its 点検 there. A
// copy whose embedded bundle was changed afterwards shows the signature failing; a signed
// bundle file is verified against the key a published file carries, called unconfirmable in
// a file that carries none, and refused when changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, miniBundleJson, tempFile, completeMiniWalk, KANRI_URL } from './lib.mjs';

const PASS = 'yama no ue kara umi wo miru 2026';
const PUBLISHER = '目黒区 情報政策課';
let browser;
let miniFile;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-publish-'));
before(async () => {
  browser = await launch();
  miniFile = await tempFile('mini.json', await miniBundleJson());
});
after(async () => { await browser?.close(); });

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), click()]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

async function makeKey(page) {
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByLabel('氏名').fill('佐藤 花子');
  await page.getByLabel('パスフレーズ（12 文字以上）').fill(PASS);
  await page.getByLabel('パスフレーズ（確認）').fill(PASS);
  await download(page, () => page.getByRole('button', { name: '鍵を作る' }).click());
}

/** The bytes of the `#id` element's embedded data in a single file (see src/page/bytes.rs). */
function embedded(bytes, id, attributes = '') {
  const open = Buffer.from(`id="${id}" ${attributes}data-length="`);
  const at = bytes.indexOf(open);
  assert.ok(at > 0, `${id} is in the file`);
  const lengthEnd = bytes.indexOf('"', at + open.length);
  const start = bytes.indexOf('>', lengthEnd) + 1;
  const end = bytes.indexOf('</script>', start);
  return { at, start, end };
}
// the file's bytes (NUL as it is: only the browser reads it as U+FFFD); ESC followed by one of
// these stands for its byte, any other ESC for itself
const ESC = 0x01, UNESCAPE = { 0x72: 0x0d, 0x6c: 0x3c, 0x65: 0x01 };
function decode8(buf) {
  const out = [];
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === ESC && buf[i + 1] in UNESCAPE) out.push(UNESCAPE[buf[++i]]);
    else out.push(buf[i]);
  }
  return Buffer.from(out);
}
function encode8(buf) {
  const out = [];
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i], next = buf[i + 1];
    if (b === 0x0d) out.push(ESC, 0x72);
    else if (b === 0x3c && (next === 0x2f || next === 0x21)) out.push(ESC, 0x6c);
    else if (b === ESC && next in UNESCAPE) out.push(ESC, 0x65);
    else out.push(b);
  }
  return Buffer.from(out);
}
/** The published file with its embedded bundles changed by `change`. */
function tamper(file, change) {
  const bytes = readFileSync(file);
  // a published file's bundles are gzipped (by the browser that made it)
  const { at, start, end } = embedded(bytes, 'tenken-bundles-packed', 'data-codec="gzip" ');
  const bundles = JSON.parse(gunzipSync(decode8(bytes.subarray(start, end))).toString('utf8'));
  change(bundles);
  const gz = gzipSync(Buffer.from(JSON.stringify(bundles)));
  const head = Buffer.from(`id="tenken-bundles-packed" data-codec="gzip" data-length="${gz.length}">`);
  const out = Buffer.concat([bytes.subarray(0, at), head, encode8(gz), bytes.subarray(end)]);
  const target = path.join(dir, 'tampered-' + path.basename(file));
  writeFileSync(target, out);
  return target;
}

async function openPublished(url) {
  const opened = await openApp(browser, { url });
  opened.url = url;
  return opened;
}

test('publish: tenken-kanri.html writes a tenken.html with a signed bundle built in, opened from file:// and completed; tampering shows', async (t) => {
  const { page, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await makeKey(page);
  // the editor opens the bundle, 公開 signs it and writes the copy (without the samples)
  await page.getByRole('button', { name: '規則エディタ' }).click();
  await page.locator('input.edit-bundle-file').setInputFiles(miniFile);
  await page.locator('.editor-title').waitFor();
  await page.getByRole('tab', { name: '公開' }).click();
  const samples = page.locator('input.publish-include');
  assert.equal(await samples.count(), 5, 'the five samples are offered');
  for (let i = 0; i < 5; i++) assert.equal(await samples.nth(i).isChecked(), false, 'samples are not included by default');
  await page.locator('input.publisher-name').fill(PUBLISHER);
  // an empty field is asked for, never called wrong
  await page.locator('button.publish-page').click();
  await page.getByRole('alert').filter({ hasText: 'パスフレーズを入力してください' }).waitFor();
  assert.equal(await page.getByText('パスフレーズが違います').count(), 0);
  // a wrong passphrase says so and writes nothing
  await page.locator('input.publish-pass').fill('yama no ue kara umi wo miru 2025');
  await page.locator('button.publish-page').click();
  await page.getByRole('alert').filter({ hasText: 'パスフレーズが違います' }).waitFor();
  await page.locator('input.publish-pass').fill(PASS);
  const t0 = Date.now();
  const published = await download(page, () => page.locator('button.publish-page').click());
  t.diagnostic(`publish (unlock the key, sign, gzip, assemble, download): ${Date.now() - t0} ms`);
  assert.equal(published.name, 'tenken_目黒区.html');
  await page.locator('.publish-done').waitFor();
  // the key stays unlocked for this publishing session: the signed bundle file asks nothing
  await page.locator('.key-open').waitFor();
  assert.equal(await page.locator('input.publish-pass').count(), 0);
  const signedBundle = await download(page, () => page.locator('button.publish-signed').click());
  assert.equal(signedBundle.name, 'mini_2015-10-05.tenken-bundle.json');
  // leaving the editor locks it again
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.getByRole('button', { name: '規則エディタ' }).click();
  await page.getByRole('tab', { name: '公開' }).click();
  await page.locator('input.publish-pass').waitFor();
  assert.equal(await page.locator('.key-open').count(), 0);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);

  const size = readFileSync(published.file).length;
  const built = readFileSync(new URL('../../dist/tenken.html', import.meta.url)).length;
  t.diagnostic(`published copy with one bundle: ${size} bytes; built file with five samples: ${built} bytes`);
  assert.ok(size < built, `the copy without the samples is smaller than the built file (${size} < ${built})`);

  // the copy from file://: one bundle, published by 目黒区 情報政策課, signature verified
  {
    const { page, requests, errors } = await openPublished(pathToFileURL(published.file).href);
    const rows = page.locator('table.bundles tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1, 'only the published bundle');
    await rows.first().getByRole('button').click();
    await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
    const provenance = page.locator('dd.provenance');
    assert.match(await provenance.getAttribute('class'), /published/);
    assert.ok((await provenance.innerText()).includes(`${PUBLISHER} が発行（署名を確認しました。鍵の指紋 `));
    // a 課長 completes the 点検 with the built-in bundle
    await completeMiniWalk(page);
    // the signed bundle file opened here is verified against the key this file carries
    await page.getByRole('button', { name: 'tenken' }).click();
    await page.locator('input.open-bundle-input').setInputFiles(signedBundle.file);
    await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
    assert.match(await page.locator('dd.provenance').getAttribute('class'), /published/);
    // a changed copy of it is refused, saying why
    const changed = JSON.parse(readFileSync(signedBundle.file, 'utf8'));
    changed.bundle.checklists[0].sections[0].items[0].text += '（改）';
    const changedFile = path.join(dir, 'changed.tenken-bundle.json');
    writeFileSync(changedFile, JSON.stringify(changed));
    await page.getByRole('button', { name: 'tenken' }).click();
    await page.locator('input.open-bundle-input').setInputFiles(changedFile);
    await page.getByText('署名が一致しません').first().waitFor();
    assert.deepEqual(requests, [], 'the published copy makes no request');
    assert.deepEqual(errors, []);
  }

  // the plain build carries no publisher: the signed file's publisher cannot be confirmed
  {
    const { page, errors } = await openApp(browser);
    await page.locator('input.open-bundle-input').setInputFiles(signedBundle.file);
    await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
    assert.match(await page.locator('dd.provenance').getAttribute('class'), /unknown-key/);
    assert.ok((await page.locator('dd.provenance').innerText()).includes('発行元を確かめられません'));
    // the built-in bundles of the plain build are tenken's samples
    await page.getByRole('button', { name: 'tenken' }).click();
    await page.locator('table.bundles tbody tr').first().getByRole('button').click();
    assert.match(await page.locator('dd.provenance').getAttribute('class'), /sample/);
    assert.deepEqual(errors, []);
  }

  // the published copy with its bundle changed afterwards: the signature fails, plainly
  {
    const tampered = tamper(published.file, (bundles) => {
      bundles[0].checklists[0].sections[0].items[0].text = '（書き換えた質問）';
    });
    const { page, requests } = await openPublished(pathToFileURL(tampered).href);
    await page.locator('table.bundles tbody tr').first().getByRole('button').click();
    const provenance = page.locator('dd.provenance');
    await provenance.waitFor();
    assert.match(await provenance.getAttribute('class'), /tampered/);
    assert.equal(await provenance.getAttribute('role'), 'alert');
    assert.ok((await provenance.innerText()).includes('署名が一致しません'));
    assert.deepEqual(requests, []);
  }

  // Firefox ESR opens the published copy from file:// too, with no request
  const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
  if (existsSync(FIREFOX)) {
    const require = createRequire(new URL('../../.ci/package.json', import.meta.url));
    const puppeteer = require('puppeteer-core');
    const ff = await puppeteer.launch({
      browser: 'firefox', executablePath: FIREFOX, headless: true,
      userDataDir: mkdtempSync(path.join(os.tmpdir(), 'tenken-ff-')),
      extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
    });
    try {
      const url = pathToFileURL(published.file).href;
      const page = await ff.newPage();
      const requests = [];
      page.on('request', (r) => { const u = r.url(); if (u !== url && !u.startsWith('data:') && !u.startsWith('blob:')) requests.push(u); });
      await page.goto(url);
      await page.waitForSelector('table.bundles tbody tr button', { timeout: 30000 });
      await page.$eval('table.bundles tbody tr button', (b) => b.click());
      await page.waitForSelector('dd.provenance.published', { timeout: 20000 });
      assert.deepEqual(requests, []);
    } finally {
      await ff.close();
    }
  }
});

test('amend: one 号 amended flags exactly the items citing it; last year\'s signed result carries every other answer', async () => {
  const { page, errors } = await openApp(browser, { url: KANRI_URL });
  await makeKey(page);
  // last year's 点検 of the current version, signed
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-bundle-input').setInputFiles(miniFile);
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
  await completeMiniWalk(page, { year: '2025', mynumber: 'some' });
  await page.getByLabel('鍵のパスフレーズ').fill(PASS);
  const lastYear = await download(page, () => page.getByRole('button', { name: '署名して提出ファイルを書き出す' }).click());

  // the amended text: only 第13条第3号 changes (its quoted words stay)
  const source = readFileSync(new URL('../fixtures/mini/source.txt', import.meta.url), 'utf8');
  const before3 = '(3) 特定個人情報を取り扱う電子情報処理については、';
  assert.ok(source.includes(before3));
  const amended = source.replace(before3, '(3) 特定個人情報を取り扱う全ての電子情報処理については、');
  await page.getByRole('button', { name: '規則エディタ' }).click();
  await page.locator('input.edit-bundle-file').setInputFiles(miniFile);
  await page.locator('.editor-title').waitFor();
  await page.getByRole('tab', { name: '改正' }).click();
  await page.locator('textarea.amend-text').fill(amended);
  await page.locator('button.amend-compare').click();
  await page.locator('.amend-summary').waitFor();
  const rows = page.locator('tr.amend-change');
  assert.equal(await rows.count(), 1, await page.locator('.amend').innerText());
  assert.equal(await rows.first().getAttribute('data-item'), '13-3');
  assert.ok((await rows.first().locator('td.old').innerText()).includes('特定個人情報を取り扱う電子情報処理'));
  assert.ok((await rows.first().locator('td.new').innerText()).includes('全ての電子情報処理'));
  assert.equal((await rows.first().locator('td.quote').innerText()).trim(), '見つかる');
  // the version must move on
  await page.locator('input.amend-version').fill('2015-01-01');
  await page.locator('button.amend-apply').click();
  await page.locator('.amend-applied', { hasText: '後の日付' }).waitFor();
  await page.locator('input.amend-version').fill('2026-04-01');
  await page.locator('button.amend-apply').click();
  await page.locator('.amend-applied', { hasText: '1 項目' }).waitFor();
  await page.getByRole('tab', { name: '書き出し' }).click();
  await page.locator('button.use-here').click();
  await page.getByText('この規則をこのブラウザーに保存しました').waitFor();

  // this year: the new version, started from last year's signed result
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('section[aria-labelledby=kept-heading] tr', { hasText: '令和8年' }).getByRole('button', { name: /規則を開く/ }).click();
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
  assert.ok((await page.locator('.bundle-meta').innerText()).includes('令和8年'), 'the amended version is open');
  await page.locator('input.previous-result').setInputFiles(lastYear.file);
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  await page.locator('nav.steps').getByRole('button', { name: /安全管理/ }).click();
  assert.match(await page.locator('#item-13-3').innerText(), /例規の改正で、この項目が引用する条文が変わりました/);
  assert.equal(await page.locator('input[name="answer-13-3"]:checked').count(), 0);
  assert.equal(await page.locator('input[name="answer-13-1"][value=conforming]').isChecked(), true);
  assert.equal(await page.locator('input[name="answer-14"][value=done]').isChecked(), true);
  assert.match(await page.locator('#item-14 .status').innerText(), /引き継いでいます/);
  assert.deepEqual(errors, []);
});
