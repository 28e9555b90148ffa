// Another local page writes tenken's storage. In Chromium every file:// page shares one
// localStorage, so any HTML file the user opens can read and write tenken's keys. Each test
// opens tenken from file://, then a tiny attacker.html from another folder in the same
// browser context, which rewrites what tenken stored; back in tenken, the change must be
// reported in words a 課長 knows, and nothing may be signed or exported on its strength:
// (i) the stored key's public half, (ii) an answer in a draft no tab had open, (iii) a
// planted signature note, (iv) a 規則エディタ project's 例規 text and 公開, (v) the bundle 公開
// kept, with a key to match, which 集計's 「この町の規則を公式とする」 would pin. A genuine edit in
// two tabs (tenken's own writes, through storage events) raises no notice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, miniBundleJson, tempFile, completeMiniWalk, tookOver, axe, APP_URL, KANRI_URL } from './lib.mjs';
import { makeKey, signedFile, templateResult, canonical } from './minisign.mjs';

const PASS = 'tsuki no hikari ga umi ni 2026';
const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-outside-'));
let browser;
let miniFile;
let attackerUrl;

// The attacker: a page that knows where tenken keeps things (not how it seals them). It runs
// the attack its address names and says so in its title.
const ATTACKER = `<!doctype html><meta charset="utf-8"><title>attacker</title><p>nothing to see</p>
<script>
const each = (prefix, change) => {
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key.startsWith(prefix)) continue;
    const v = JSON.parse(localStorage.getItem(key));
    change(v);
    localStorage.setItem(key, JSON.stringify(v));
  }
};
const attacks = {
  key(publicKey) { each('tenken/v1/key', (k) => { k.public_key = publicKey; }); },
  answer(item, option) { each('tenken/v1/draft/', (d) => { d.answers[item].option = option; }); },
  note(note) { each('tenken/v1/draft/', (d) => { d.signature = note; }); },
  source(from, to) { each('tenken/v1/authoring/', (p) => { p.bundle.sources[0].text = p.bundle.sources[0].text.replace(from, to); }); },
  published(publicKey, signed) {
    each('tenken/v1/key', (k) => { k.public_key = publicKey; });
    each('tenken/v1/authoring/', (p) => { p.published = signed; });
  },
};
const [name, ...args] = JSON.parse(decodeURIComponent(location.hash.slice(1)));
attacks[name](...args);
document.title = 'done';
</script>`;

before(async () => {
  browser = await launch();
  miniFile = await tempFile('mini.json', await miniBundleJson());
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'elsewhere-')), 'attacker.html');
  writeFileSync(file, ATTACKER);
  attackerUrl = pathToFileURL(file).href;
});
after(async () => { await browser?.close(); });

/** Opens attacker.html in `context` (so it shares tenken's storage) and runs one attack. */
async function attack(context, ...args) {
  const page = await context.newPage();
  await page.goto(`${attackerUrl}#${encodeURIComponent(JSON.stringify(args))}`);
  await page.waitForFunction(() => document.title === 'done');
  await page.close();
}

/** Runs `click` and returns the download it starts, or null if none starts within `ms`. */
async function maybeDownload(page, click, ms = 2500) {
  const d = page.waitForEvent('download', { timeout: ms }).catch(() => null);
  await click();
  const got = await d;
  if (!got) return null;
  const file = path.join(dir, got.suggestedFilename());
  await got.saveAs(file);
  return { name: got.suggestedFilename(), file, text: readFileSync(file, 'utf8') };
}

async function download(page, click) {
  const got = await maybeDownload(page, click, 60000);
  assert.ok(got, 'a file was saved');
  return got;
}

async function makeTenkenKey(page) {
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByLabel('氏名').fill('山田 太郎');
  await page.getByLabel('パスフレーズ（12 文字以上）').fill(PASS);
  await page.getByLabel('パスフレーズ（確認）').fill(PASS);
  await download(page, () => page.getByRole('button', { name: '鍵を作る' }).click());
  return (await page.locator('code.fingerprint').innerText()).trim();
}

/** Makes 情報担当課's key, opens the test bundle in the 規則エディタ and saves it signed (公開). */
async function publishMini(page) {
  await makeTenkenKey(page);
  await page.getByRole('button', { name: '規則エディタ' }).click();
  await page.locator('input.edit-bundle-file').setInputFiles(miniFile);
  await page.locator('.editor-title').waitFor();
  await page.getByRole('tab', { name: '公開' }).click();
  await page.locator('input.publisher-name').fill('目黒区 情報政策課');
  await page.locator('input.publish-pass').fill(PASS);
  return download(page, () => page.locator('button.publish-signed').click());
}

async function openMini(page) {
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-bundle-input').setInputFiles(miniFile);
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
}

async function reopen(context, url = APP_URL) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await tookOver(page);
  return { page, errors };
}

test('(i) another page rewrites the stored public key: not shown as ours, no registration file, no signature', async () => {
  const { page, context, errors } = await openApp(browser);
  const real = await makeTenkenKey(page);
  const evil = makeKey();
  await attack(context, 'key', evil.publicKey);

  // a new session: the key is read from storage, not yet unlocked
  await page.reload();
  await tookOver(page);
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.locator('main h2', { hasText: '署名の鍵' }).waitFor();
  await page.locator('.key-info').waitFor();
  let text = await page.locator('main').innerText();
  assert.ok(!text.includes(evil.fingerprint), `the attacker's fingerprint is not shown: ${text}`);
  assert.ok(!text.includes(real), 'no fingerprint before the key is unlocked');

  // the registration file asks for the passphrase, then says what happened and saves nothing
  let saved = await maybeDownload(page, () => page.getByRole('button', { name: '登録ファイルを書き出す' }).click());
  assert.equal(saved, null, 'nothing exported before the passphrase');
  await page.getByLabel('鍵のパスフレーズ').fill(PASS);
  saved = await maybeDownload(page, () => page.getByRole('button', { name: '登録ファイルを書き出す' }).click());
  assert.equal(saved, null, 'nothing exported from a key whose halves disagree');
  const alert = await page.getByRole('alert').filter({ hasText: '一致しません' }).innerText();
  assert.match(alert, /鍵ファイル（\.key）をもう一度読み込んでください/);
  assert.ok(alert.includes(real), 'the fingerprint derived from the secret key is named');
  assert.ok(!alert.includes(evil.fingerprint), 'the stored (wrong) fingerprint is not read out');
  assert.equal(await page.locator('code.fingerprint').count(), 0);

  // another session: signing refuses with the message, and shows no fingerprint it has not
  // derived
  await page.reload();
  await tookOver(page);
  await openMini(page);
  await completeMiniWalk(page);
  assert.ok(!(await page.locator('main').innerText()).includes(evil.fingerprint));
  await page.getByLabel('鍵のパスフレーズ').fill(PASS);
  saved = await maybeDownload(page, () => page.getByRole('button', { name: '署名して提出ファイルを書き出す' }).click());
  assert.equal(saved, null, 'nothing signed');
  await page.getByRole('alert').filter({ hasText: '一致しません' }).waitFor();
  assert.equal(await page.locator('.signed').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('(ii)(iii) a draft changed while no tab had it open says what changed; a planted signature note is not shown as signed', async () => {
  const { page, context, errors } = await openApp(browser);
  await makeTenkenKey(page);
  await openMini(page);
  await completeMiniWalk(page);
  const id = decodeURIComponent(new URL(page.url()).hash.match(/^#\/draft\/([^/]+)\//)[1]);
  await page.waitForTimeout(400);
  await page.close();

  // (ii) one answer changed by another page while tenken is closed
  await attack(context, 'answer', '13-1', 'nonconforming');
  let { page: again, errors: more } = await reopen(context);
  const row = again.locator('section.resume tbody tr', { hasText: '総務課' });
  await row.waitFor();
  await row.getByRole('button', { name: '続ける' }).click();
  const notice = again.locator('.notice.outside');
  await notice.waitFor();
  const said = await notice.innerText();
  assert.match(said, /項目 第13条第1項第1号 の回答/);
  assert.match(said, /tenken 以外/);
  assert.ok(!said.includes('13-1') && !said.includes('tenken/v1'), `no ids or storage keys: ${said}`);
  await notice.getByRole('button', { name: '確認しました' }).click();
  await again.waitForTimeout(400);
  await again.close();

  // once seen in tenken (and saved by it again), reopening says nothing more
  ({ page: again, errors: more } = await reopen(context, `${APP_URL}#/draft/${id}/summary`));
  await again.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  await again.waitForTimeout(300);
  assert.equal(await again.locator('.notice.outside').count(), 0);
  await again.close();

  // (iii) a note in the old form, then one with a signed file by another key
  const note = { fingerprint: '1111-2222-3333-4444', signature_hash: 'AAAA-BBBB-CCCC-DDDD', file: '情報政策課_点検_2026-12-01.tenken.json', signed: '2026-12-01T09:00:00+09:00' };
  for (const planted of [note, { file: note.file, signed_file: JSON.parse(signedFile(templateResult(), makeKey(), 1780000000)) }]) {
    await attack(context, 'note', planted);
    ({ page: again, errors: more } = await reopen(context, `${APP_URL}#/draft/${id}/summary`));
    await again.locator('.step h3', { hasText: 'まとめ' }).waitFor();
    await again.locator('.notice.outside').waitFor();
    const main = await again.locator('main').innerText();
    assert.ok(!main.includes('署名しました'), `no 「署名しました」 for a planted note: ${main}`);
    assert.ok(!main.includes('1111-2222-3333-4444'));
    await again.locator('nav.steps').getByRole('button', { name: '印刷' }).click();
    const print = await again.locator('article.print-view').innerText();
    assert.ok(!print.includes('鍵の指紋'), print);
    assert.match(print, /電子署名：なし/);
    errors.push(...more);
    await again.close();
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('(3a) nothing is signed unseen: a second signature shows what changed since the last, and waits for the 課長', async () => {
  const { page, context, errors } = await openApp(browser);
  const fingerprint = await makeTenkenKey(page);
  await openMini(page);
  await completeMiniWalk(page);
  await page.getByLabel('鍵のパスフレーズ').fill(PASS);
  const first = await download(page, () => page.getByRole('button', { name: '署名して提出ファイルを書き出す' }).click());
  const status = await page.locator('.signed').innerText();
  assert.match(status, /署名しました/);
  assert.ok(status.includes(fingerprint));
  // the print carries it, in a fresh session too (the signature is checked with the stored key)
  const id = decodeURIComponent(new URL(page.url()).hash.match(/^#\/draft\/([^/]+)\//)[1]);
  await page.reload();
  await tookOver(page);
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  await page.locator('.signed').waitFor();
  await page.locator('nav.steps').getByRole('button', { name: '印刷' }).click();
  assert.match(await page.locator('article.print-view').innerText(), /電子署名：鍵の指紋/);

  // a change after signing: no 「署名しました」; signing again shows the change first
  await page.goto(`${APP_URL}#/draft/${id}/section-1`);
  await page.locator('#item-14 textarea').fill('研修は年2回');
  await page.waitForTimeout(400);
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  assert.ok(!(await page.locator('main').innerText()).includes('署名しました'));
  await page.getByLabel('鍵のパスフレーズ').fill(PASS);
  const none = await maybeDownload(page, () => page.getByRole('button', { name: '署名して提出ファイルを書き出す' }).click());
  assert.equal(none, null, 'not signed before the 課長 has seen the change');
  const diff = await page.locator('.sign-diff').innerText();
  assert.match(diff, /備考/);
  assert.match(diff, /研修は年2回/);
  const second = await download(page, () => page.getByRole('button', { name: 'この内容で署名する' }).click());
  assert.notEqual(second.text, first.text);
  assert.match(JSON.parse(second.text).result.items.find((i) => i.id === '14').note, /年2回/);
  await page.locator('.signed', { hasText: '署名しました' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('genuine edits in two tabs (tenken\'s own writes) raise no notice', async () => {
  const { page: a, context, errors } = await openApp(browser);
  await openMini(a);
  await a.getByRole('button', { name: '新しく始める' }).click();
  await a.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  const id = decodeURIComponent(new URL(a.url()).hash.match(/^#\/draft\/([^/]+)\//)[1]);
  await a.goto(`${APP_URL}#/draft/${id}/profile`);
  await a.locator('input[name=profile-personal][value=yes]').check();
  await a.locator('input[name=profile-mynumber][value=none]').check();
  await a.goto(`${APP_URL}#/draft/${id}/section-1`);
  await a.locator('#item-14').waitFor();
  const b = await context.newPage();
  b.on('pageerror', (e) => errors.push(String(e)));
  await b.goto(`${APP_URL}#/draft/${id}/section-1`);
  await b.locator('#item-14').waitFor();
  await a.locator('input[name="answer-13-1"][value=conforming]').check();
  await b.locator('input[name="answer-14"][value=done]').check();
  await b.locator('#item-14 textarea').fill('B の備考');
  await a.waitForTimeout(800);
  await a.waitForFunction(() => document.querySelector('input[name="answer-14"][value=done]')?.checked, null, { timeout: 5000 });
  for (const p of [a, b]) assert.equal(await p.locator('.notice.outside').count(), 0);
  await a.close();
  await b.close();
  const { page: c, errors: more } = await reopen(context, `${APP_URL}#/draft/${id}/section-1`);
  await c.locator('#item-14').waitFor();
  await c.waitForTimeout(300);
  assert.equal(await c.locator('.notice.outside').count(), 0);
  assert.deepEqual([...errors, ...more], []);
  await context.close();
});

test('(iv) 規則エディタ: a project\'s 例規 text changed by another page is reported, and 公開 shows the difference before signing', async () => {
  const { page, context, errors } = await openApp(browser, { url: KANRI_URL });
  await publishMini(page);
  await page.waitForTimeout(400);
  await page.close();

  const source = readFileSync(new URL('../fixtures/mini/source.txt', import.meta.url), 'utf8');
  // a line no item quotes (a changed quote would fail validation, and 公開 with it)
  const line = source.split('\n').find((l) => l.includes('電気通信回線と接続しないこと'));
  assert.ok(line);
  await attack(context, 'source', '電気通信回線と接続しないこと', '電気通信回線と接続してもよいこと');

  const { page: again, errors: more } = await reopen(context, KANRI_URL);
  await again.getByRole('button', { name: '規則エディタ' }).click();
  await again.locator('.authoring-list li').first().getByRole('button', { name: '開く' }).click();
  await again.locator('.editor-title').waitFor();
  const notice = await again.locator('.notice.outside').innerText();
  assert.match(notice, /例規の本文/);
  assert.match(notice, /tenken 以外/);

  await again.getByRole('tab', { name: '公開' }).click();
  await again.locator('input.publish-pass').fill(PASS);
  const none = await maybeDownload(again, () => again.locator('button.publish-signed').click());
  assert.equal(none, null, 'nothing signed before the author has seen the difference');
  const diff = await again.locator('.publish-diff').innerText();
  assert.match(diff, /例規の本文/);
  assert.ok(diff.includes('接続してもよいこと'), diff);
  assert.ok(diff.includes('接続しないこと'), diff);
  await download(again, () => again.getByRole('button', { name: 'この内容で署名する' }).click());
  assert.deepEqual([...errors, ...more], []);
  await context.close();
});

test('(v) 集計: 「この町の規則を公式とする」 checks the kept 公開 with the key unlocked by its passphrase, never the stored public half', async () => {
  const { page, context, errors } = await openApp(browser, { url: KANRI_URL });
  const genuine = await publishMini(page);
  await page.waitForTimeout(400);
  await page.close();

  const town = async (p) => {
    await p.locator('button.header-review').click();
    if (!(await p.locator('.official-fold').evaluate((d) => d.open))) await p.locator('.official-fold summary').click();
    await p.getByRole('button', { name: 'この町の規則を公式とする' }).click();
  };

  // a new session: the key is not unlocked, so the passphrase is asked first
  let { page: again, errors: more } = await reopen(context, KANRI_URL);
  await town(again);
  await again.locator('input.town-pass').waitFor();
  await axe(again, '集計: the passphrase asked for the town\'s bundles');
  assert.equal(await again.locator('.official-list li').count(), 0, 'nothing kept is pinned before the passphrase');
  await again.locator('input.town-pass').fill(PASS);
  await again.getByRole('button', { name: '確かめて公式とする' }).click();
  const pinned = again.locator('.official-list li');
  await pinned.first().waitFor();
  assert.equal(await pinned.count(), 1);
  assert.match(await pinned.innerText(), /この町が公開した規則/);
  await again.close();

  // another page plants a bundle of its own, signed with its own key, and its key as ours
  const evil = makeKey();
  const signed = JSON.parse(genuine.text);
  signed.bundle.title = '偽の規則';
  signed.publisher = '偽の発行元';
  signed.public_key = evil.publicKey;
  signed.signature = evil.sign(Buffer.from(canonical(signed.bundle)), `timestamp:1790000000\tpublisher:偽の発行元\tbundle:${signed.bundle.id} ${signed.bundle.version}`);
  await attack(context, 'published', evil.publicKey, signed);

  ({ page: again, errors: more } = await reopen(context, KANRI_URL));
  await town(again);
  await again.locator('input.town-pass').fill(PASS);
  await again.getByRole('button', { name: '確かめて公式とする' }).click();
  await again.locator('.official-fold [role=alert]').first().waitFor();
  const said = await again.locator('.official-fold').innerText();
  assert.match(said, /署名した規則ファイルを開いてください/, said);
  assert.ok(!said.includes('偽の規則'), `the planted bundle is not pinned: ${said}`);
  assert.equal(await again.locator('.official-list li').count(), 0);
  assert.deepEqual([...errors, ...more], []);
  await context.close();
});
