// dist/ served over plain http (the intranet case): the page loads its own .js and .wasm,
// lists the bundles and opens one, with no request outside its origin and no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, ROOT } from './lib.mjs';

let browser;
let server;
let origin;

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '0.0.0.0', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

before(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '0.0.0.0', '--directory', path.join(ROOT, 'dist')], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    try { await fetch(origin + '/'); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  browser = await launch();
});
after(async () => { await browser?.close(); server?.kill(); });

test('intranet hosting: dist/index.html over http', async () => {
  const { page, context, requests, errors } = await openApp(browser, { url: origin + '/' });
  assert.equal(await page.locator('main h2').innerText(), '規則を選ぶ');
  const rows = page.locator('table.bundles tbody tr');
  assert.ok(await rows.count() >= 1);
  await rows.first().getByRole('button', { name: '開く' }).click();
  await page.getByRole('button', { name: '項目の一覧を表示' }).click();
  assert.ok(await page.locator('li.item').count() > 0);
  const foreign = requests.filter((u) => !u.startsWith(origin + '/'));
  assert.deepEqual(foreign, [], 'only the page\'s own files');
  assert.ok(requests.some((u) => u.endsWith('_bg.wasm')), 'the wasm is fetched from the server');
  assert.deepEqual(errors, []);
  await context.close();
});

test('intranet hosting: both single files are served from dist/ as they are', async () => {
  for (const [file, office] of [['tenken.html', false], ['tenken-kanri.html', true]]) {
    const { page, context, requests, errors } = await openApp(browser, { url: `${origin}/${file}` });
    await page.getByRole('button', { name: '使い方' }).waitFor();
    assert.ok(await page.locator('table.bundles tbody tr').count() >= 1, `${file}: the built-in bundles`);
    assert.equal(await page.getByRole('button', { name: '集計（情報担当課）' }).count(), office ? 1 : 0, file);
    if (office) {
      await page.getByRole('button', { name: '規則エディタ' }).click();
      await page.locator('main h2', { hasText: '規則エディタ' }).waitFor();
    }
    assert.deepEqual(requests, [], `${file}: no request but the page itself`);
    assert.deepEqual(errors, [], file);
    await context.close();
  }
});

/** This machine's first non-loopback IPv4 address: plain http there is not a secure context. */
function lanAddress() {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list || []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return null;
}

test('plain-http intranet page (no crypto.subtle): a signing key is still made', async (t) => {
  const lan = lanAddress();
  if (!lan) { t.skip('no non-loopback IPv4 address on this machine'); return; }
  const url = origin.replace('127.0.0.1', lan) + '/';
  const { page, context, errors } = await openApp(browser, { url });
  assert.deepEqual(await page.evaluate(() => [window.isSecureContext, typeof crypto.subtle]), [false, 'undefined'],
    'the page must be an insecure context for this test to mean anything');
  await page.getByRole('button', { name: '署名の鍵' }).click();
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByLabel('氏名').fill('山田 太郎');
  await page.getByLabel('パスフレーズ（12 文字以上）').fill('sakura saku haru no hi 2026');
  await page.getByLabel('パスフレーズ（確認）').fill('sakura saku haru no hi 2026');
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '鍵を作る' }).click()]);
  assert.match(await page.locator('code.fingerprint').innerText(), /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
  assert.deepEqual(errors, []);
  await context.close();
});
