// One Ed25519 rule in both files, minisign's: a signature whose R carries an order-8
// component (it holds in a batch's cofactored equation, not in minisign's) counts nowhere in
// 集計 and cannot push out the 課's genuine file, whatever files are loaded with it; the
// 課長's page refuses it too; and a key nobody holds a secret for (the identity point) never
// enters the roster. Signed by tests/browser/forge.mjs, not by tenken's code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, KANRI_URL } from './lib.mjs';
import { canonical, makeKey, signedFile, templateResult } from './minisign.mjs';
import { forgeKey } from './forge.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A signed result file whose signature over the result is made as `craft` says. */
function craftedFile(result, key, when, craft) {
  const payload = Buffer.from(canonical(result));
  return JSON.stringify({
    format: 'tenken-signed/1',
    result,
    signature: key.sign(payload, `timestamp:${when}\tfile:r.tenken.json\thashed`, craft),
    public_key: key.publicKey,
  }, null, 2);
}

const count = (summary, label) => Number((summary.match(new RegExp(`(?:^|\\n)${label}：(\\d+) 件`)) || [])[1] || 0);

test('a mixed-order signature counts nowhere, alone or among others, and pushes out nothing', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-weak-'));
  const put = (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };
  const key = forgeKey();
  const others = Array.from({ length: 70 }, () => makeKey());
  const result = (division) => { const r = templateResult(); r.subject.division = division; return r; };
  const roster = put('roster.json', JSON.stringify({ format: 'tenken-roster/1', keys: [
    key.registration('総務課', '総務 花子'),
    ...others.map((k, i) => k.registration(`課${i}`, `課長${i}`)),
  ] }));
  const genuine = put('genuine.tenken.json', craftedFile(result('総務課'), key, 1780000000, 'honest'));
  // signed later, so as a counting file it would supersede the genuine one
  const crafted = put('crafted.tenken.json', craftedFile(result('総務課'), key, 1790000000, 'mixed-r'));
  const neighbours = others.map((k, i) => put(`n${i}.tenken.json`, signedFile(result(`課${i}`), k, 1780000000 + i)));

  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles([roster]);
  await page.locator('table.roster tbody tr').nth(70).waitFor();
  for (const [files, total] of [[[genuine, crafted], 2], [[crafted, ...neighbours, genuine], 72]]) {
    await page.locator('input.results-input').setInputFiles(files);
    await page.getByRole('heading', { name: new RegExp(`^${total} ファイルを検証しました`) }).waitFor({ timeout: 60000 });
    const summary = await page.locator('.review-summary [role=status] ul').innerText();
    assert.equal(count(summary, '有効'), total - 1, summary);
    assert.equal(count(summary, '署名不正'), 1, summary);
    assert.equal(count(summary, '重複'), 0, summary);
    const row = await page.locator('tr', { hasText: 'crafted.tenken.json' }).innerText();
    assert.match(row, /署名不正/);
    assert.match(await page.locator('tr', { hasText: 'genuine.tenken.json' }).innerText(), /有効/);
    // the picked files are taken away before the next set
    await page.locator('.drop-zone', { has: page.locator('input.results-input') }).getByRole('button', { name: '外す' }).click();
  }

  // a registration whose key is the identity point: refused with the reason, never listed
  const identity = Buffer.concat([Buffer.from('Ed'), Buffer.alloc(8, 7), Buffer.from([1]), Buffer.alloc(31)]).toString('base64');
  const bad = put('identity.tenken-key.json', JSON.stringify({
    format: 'tenken-registration/1', division: '税務課', name: '攻撃者', title: '課長', public_key: identity,
    fingerprint: '0000-0000-0000-0000', created: '2026-04-01',
  }));
  await page.locator('input.roster-input').setInputFiles([bad]);
  await page.getByRole('alert').filter({ hasText: '位数の小さい点' }).waitFor();
  assert.equal(await page.locator('table.roster tbody tr', { hasText: '税務課' }).count(), 0);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();

  // the 課長's page (minisign's own verifier) refuses the same file
  const kacho = await openApp(browser);
  await kacho.page.locator('input.open-result-input').setInputFiles([crafted]);
  await kacho.page.locator('.verdict.ng').waitFor();
  assert.match(await kacho.page.locator('.verdict.ng').innerText(), /署名/);
  await kacho.page.goBack();
  await kacho.page.locator('input.open-result-input').setInputFiles([genuine]);
  await kacho.page.locator('.verdict.ok').waitFor();
  assert.deepEqual(kacho.requests, []);
  assert.deepEqual(kacho.errors, []);
  await kacho.context.close();
});
