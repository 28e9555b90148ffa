// dist/ served over plain http (the intranet case): the page loads its own .js and .wasm,
// lists the bundles and opens one, with no request outside its origin and no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { launch, openApp, ROOT } from './lib.mjs';

let browser;
let server;
let origin;

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

before(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', path.join(ROOT, 'dist')], { stdio: 'ignore' });
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
