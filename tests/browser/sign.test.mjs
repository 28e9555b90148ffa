// Signed results in the single file from file://: make a key (weak passphrases refused),
// complete a small checklist, sign it, and check the downloaded file with the CLI and with
// Debian's minisign; open it (and a tampered copy) read-only in the app. The secret key
// must never appear unencrypted in localStorage or the DOM.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, miniBundleJson, tempFile, ROOT, axe } from './lib.mjs';

const PASS = 'sakura saku haru no hi 2026';
let browser;
let miniFile;
before(async () => {
  browser = await launch();
  miniFile = await tempFile('mini.json', await miniBundleJson());
});
after(async () => { await browser?.close(); });

function tenken(args) {
  return spawnSync('cargo', ['run', '-q', '--bin', 'tenken', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** Decrypts a minisign secret key file as minisign does (scrypt N=2^15, r=8, p=1 → XOR). */
function decryptSecretKey(text, passphrase) {
  const bytes = Buffer.from(text.split('\n')[1].trim(), 'base64');
  assert.equal(bytes.subarray(2, 4).toString(), 'Sc', 'the key file is scrypt-encrypted');
  const salt = bytes.subarray(6, 38);
  const stream = scryptSync(passphrase, salt, 104, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  const enc = bytes.subarray(54, 158);
  const plain = Buffer.from(enc.map((b, i) => b ^ stream[i]));
  return { keynum: plain.subarray(0, 8), secret: plain.subarray(8, 72) };
}

async function download(page, click) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

async function completeMini(page) {
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input[type=file]').first().setInputFiles(miniFile);
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByLabel('課名').press('Tab');
  await page.getByLabel('氏名').fill('山田 太郎');
  await page.getByLabel('氏名').press('Tab');
  await page.getByLabel('対象年度').fill('2026');
  await page.getByLabel('対象年度').press('Tab');
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-personal][value=yes]').check();
  await page.locator('input[name=profile-mynumber][value=none]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-13-1"][value=conforming]').check();
  await page.locator('input[name="answer-14"][value=done]').check();
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  await page.locator('p.complete').waitFor();
}

test('make a key, sign a complete 点検, verify it with the CLI and minisign', async (t) => {
  const { page, context, requests, errors } = await openApp(browser);

  // key setup: a weak passphrase is refused with a reason, and no key is made
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await axe(page, 'key setup');
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByLabel('氏名').fill('山田 太郎');
  await page.getByLabel('パスフレーズ（12 文字以上）').fill('password1234');
  await page.getByLabel('パスフレーズ（確認）').fill('password1234');
  await page.getByRole('button', { name: '鍵を作る' }).click();
  await assert.doesNotReject(page.getByRole('alert').filter({ hasText: 'パスフレーズが弱すぎます' }).waitFor());
  assert.equal(await page.evaluate(() => localStorage.getItem('tenken/v1/key')), null);

  await page.getByLabel('パスフレーズ（12 文字以上）').fill(PASS);
  await page.getByLabel('パスフレーズ（確認）').fill(PASS);
  const keyFile = await download(page, () => page.getByRole('button', { name: '鍵を作る' }).click());
  assert.match(keyFile.name, /^tenken-[0-9A-F]{16}\.key$/);
  const fingerprint = (await page.locator('code.fingerprint').innerText()).trim();
  await axe(page, 'key info');
  assert.match(fingerprint, /^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
  const registration = await download(page, () => page.getByRole('button', { name: '登録ファイルを書き出す' }).click());
  const reg = JSON.parse(registration.text);
  assert.equal(reg.format, 'tenken-registration/1');
  assert.equal(reg.division, '情報政策課');
  assert.equal(reg.fingerprint, fingerprint);

  // the decrypted secret key really is the key behind the public key…
  const { keynum, secret } = decryptSecretKey(keyFile.text, PASS);
  const pk = Buffer.from(reg.public_key, 'base64');
  assert.deepEqual(secret.subarray(32), pk.subarray(10), 'decryption recovers the key pair');
  assert.deepEqual(keynum, pk.subarray(2, 10));

  await completeMini(page);
  // a wrong passphrase says so and signs nothing
  await page.getByLabel('鍵のパスフレーズ').fill('sakura saku haru no hi 2025');
  await page.getByRole('button', { name: '署名して提出ファイルを書き出す' }).click();
  await page.getByRole('alert').filter({ hasText: 'パスフレーズが違います' }).waitFor();
  await page.getByLabel('鍵のパスフレーズ').fill(PASS);
  const signed = await download(page, () => page.getByRole('button', { name: '署名して提出ファイルを書き出す' }).click());
  assert.match(signed.name, /^情報政策課_点検_\d{4}-\d{2}-\d{2}\.tenken\.json$/);
  const status = await page.locator('.signed').innerText();
  assert.ok(status.includes(fingerprint), status);

  // the print view shows the key fingerprint and the signature's hash
  await page.locator('nav.steps').getByRole('button', { name: '印刷' }).click();
  const print = await page.locator('article.print-view').innerText();
  assert.ok(print.includes(`鍵の指紋 ${fingerprint}`), print);
  assert.match(print, /署名のハッシュ [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);

  // …and it appears nowhere unencrypted: not in storage, not in the page
  const seen = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)) + document.documentElement.outerHTML);
  const seed = secret.subarray(0, 32);
  for (const form of [seed.toString('base64'), seed.toString('hex'), seed.toString('hex').toUpperCase(), secret.toString('base64'), secret.toString('hex')]) {
    assert.ok(!seen.includes(form), 'secret key material found in storage or DOM');
  }
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('tenken/v1/key')));
  assert.equal(stored.secret_key_file, keyFile.text, 'only the encrypted key file is stored');

  // the CLI verifies the browser's file against the roster; minisign verifies the split
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-signed-'));
  const file = path.join(dir, signed.name);
  writeFileSync(file, signed.text);
  writeFileSync(path.join(dir, 'reg.json'), registration.text);
  let out = tenken(['verify', '--roster', path.join(dir, 'reg.json'), file]);
  assert.equal(out.status, 0, out.stdout + out.stderr);
  assert.match(out.stdout, /^OK .*登録: 情報政策課 山田 太郎/);
  out = tenken(['split', file, '-o', dir]);
  assert.equal(out.status, 0, out.stdout + out.stderr);
  const ms = spawnSync('minisign', ['-Vm', path.join(dir, 'result.json'), '-P', reg.public_key], { encoding: 'utf8' });
  assert.equal(ms.status, 0, ms.stdout + ms.stderr);

  // opened in the app: valid; a tampered copy: not
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-result-input').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: '署名は有効です' }).waitFor();
  await axe(page, 'signed result');
  assert.ok((await page.locator('main').innerText()).includes(fingerprint));
  const tampered = path.join(dir, 'tampered.tenken.json');
  writeFileSync(tampered, signed.text.replace('"conforming"', '"nonconforming"'));
  assert.notEqual(readFileSync(tampered, 'utf8'), signed.text);
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-result-input').setInputFiles(tampered);
  await page.getByRole('alert').filter({ hasText: '署名が正しくありません' }).waitFor();

  const times = await page.evaluate(() => {
    const d = (a, b) => performance.measure(a + b, a, b).duration.toFixed(0);
    return { keygen: d('tenken-keygen-start', 'tenken-keygen-end'), unlock: d('tenken-unlock-start', 'tenken-unlock-end'), sign: d('tenken-unlock-end', 'tenken-sign-end') };
  });
  t.diagnostic(`keygen ${times.keygen} ms, unlock ${times.unlock} ms, sign ${times.sign} ms`);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile key files and cut signatures are refused at once; the page keeps working', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-hostile-'));
  // a minisign secret key declaring scrypt opslimit 2^35, memlimit 2^40 (hours, a terabyte)
  const key = Buffer.alloc(158);
  key.write('EdScB2', 0, 'latin1');
  key.writeBigUInt64LE(1n << 35n, 38);
  key.writeBigUInt64LE(1n << 40n, 46);
  const hostileKey = path.join(dir, 'hostile.key');
  writeFileSync(hostileKey, 'untrusted comment: minisign encrypted secret key\n' + key.toString('base64') + '\n');
  const { page, context, requests, errors } = await openApp(browser);
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.locator('input[type=file][accept=".key"]').setInputFiles(hostileKey);
  // refused when picked, before any passphrase is asked or key derivation runs
  const started = Date.now();
  await page.getByRole('alert').filter({ hasText: '計算量' }).waitFor({ timeout: 5000 });
  assert.ok(Date.now() - started < 5000, 'refused at once');
  assert.equal(await page.getByLabel('この鍵のパスフレーズ').count(), 0);

  // a genuine signed result whose last signature line is cut: 署名不正 with the reason, no crash
  const { makeKey, signedFile, templateResult } = await import('./minisign.mjs');
  const k = makeKey();
  const good = signedFile(templateResult(), k, 1780000000);
  const cut = JSON.parse(good);
  cut.signature = cut.signature.split('\n').slice(0, 3).join('\n') + '\nAAAA\n';
  const cutFile = path.join(dir, 'cut.tenken.json');
  writeFileSync(cutFile, JSON.stringify(cut));
  const goodFile = path.join(dir, 'good.tenken.json');
  writeFileSync(goodFile, good);
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-result-input').setInputFiles(cutFile);
  await page.locator('.verdict').filter({ hasText: '署名' }).waitFor();
  assert.match(await page.locator('main').innerText(), /4行目/);
  // the page still works: the genuine file opens next
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-result-input').setInputFiles(goodFile);
  await page.locator('.verdict.ok').waitFor();
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a key file imports on another PC; a wrong passphrase changes nothing', async () => {
  // make a key file with the CLI, as on another PC
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-import-'));
  const made = spawnSync('cargo', ['run', '-q', '--bin', 'tenken', '--', 'keygen', '-s', path.join(dir, 'k.key'), '-p', path.join(dir, 'k.pub'), '--division', '総務課', '--name', '佐藤 花子'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TENKEN_PASSPHRASE: PASS } });
  assert.equal(made.status, 0, made.stderr);
  const { page, context, errors } = await openApp(browser);
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.locator('input[type=file][accept=".key"]').setInputFiles(path.join(dir, 'k.key'));
  await page.getByText('（総務課 佐藤 花子）').waitFor();
  await page.getByLabel('この鍵のパスフレーズ').fill('not the passphrase at all');
  await page.getByRole('button', { name: '読み込む' }).click();
  await page.getByRole('alert').filter({ hasText: 'パスフレーズが違います' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('tenken/v1/key')), null);
  await page.getByLabel('この鍵のパスフレーズ').fill(PASS);
  await page.getByRole('button', { name: '読み込む' }).click();
  await page.locator('code.fingerprint').waitFor();
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('tenken/v1/key')));
  assert.equal(stored.secret_key_file, readFileSync(path.join(dir, 'k.key'), 'utf8'));
  assert.equal(stored.public_key, readFileSync(path.join(dir, 'k.pub'), 'utf8').split('\n')[1].trim());
  assert.deepEqual(errors, []);
  await context.close();
});
