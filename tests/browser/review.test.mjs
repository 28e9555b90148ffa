// 集計 mode in the single file from file://: 200 signed results (made with Node's crypto in
// minisign's format) with 5 registered keys, one unregistered, tampered files, duplicates,
// another bundle version and junk; the roster from registration files. Checks every
// status count, the submission matrix, and the CSV export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, axe } from './lib.mjs';
import { makeKey, signedFile, templateResult } from './minisign.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Writes the fixture set; returns { dir, results: [paths], registrations: [paths] }. */
function fixtures() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-review-'));
  const template = templateResult();
  const divisions = ['総務課', '情報政策課', '市民課', '税務課', '福祉課'];
  const keys = divisions.map(() => makeKey());
  const stranger = makeKey();
  const registrations = divisions.map((d, i) => {
    const p = path.join(dir, `reg-${i}.tenken-key.json`);
    writeFileSync(p, JSON.stringify(keys[i].registration(d, `課長${i}`)));
    return p;
  });
  const results = [];
  const put = (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); results.push(p); };
  // 180 valid: 36 per registered key, each for its own 課-<n> section of the division
  for (let i = 0; i < 180; i++) {
    const k = i % 5;
    const r = structuredClone(template);
    r.subject.division = `${divisions[k]}${Math.floor(i / 5)}`;
    put(`ok-${i}.tenken.json`, signedFile(r, keys[k], 1780000000 + i));
  }
  // 5 duplicates: older signatures for divisions above (they lose)
  for (let i = 0; i < 5; i++) {
    const r = structuredClone(template);
    r.subject.division = `${divisions[i]}0`;
    put(`dup-${i}.tenken.json`, signedFile(r, keys[i], 1770000000));
  }
  // 5 by an unregistered key
  for (let i = 0; i < 5; i++) {
    const r = structuredClone(template);
    r.subject.division = `未登録課${i}`;
    put(`stranger-${i}.tenken.json`, signedFile(r, stranger, 1780000000));
  }
  // 4 tampered: answer changed after signing
  for (let i = 0; i < 4; i++) {
    const r = structuredClone(template);
    r.subject.division = `改ざん課${i}`;
    put(`tampered-${i}.tenken.json`, signedFile(r, keys[0], 1780000000).replace('"conforming"', '"nonconforming"'));
  }
  // 3 for another version of the bundle
  for (let i = 0; i < 3; i++) {
    const r = structuredClone(template);
    r.subject.division = `旧版課${i}`;
    r.bundle.version = '2001-04-01';
    put(`old-${i}.tenken.json`, signedFile(r, keys[1], 1780000000));
  }
  // 3 unreadable
  put('junk-0.tenken.json', 'not json at all');
  put('junk-1.tenken.json', '{"format":"tenken-bundle/1"}');
  put('junk-2.tenken.json', '<script>alert(1)</script>');
  assert.equal(results.length, 200);
  // and one too large to read (over the 8 MB limit): refused before reading, with the reason
  put('huge.tenken.json', ' '.repeat(9 * 1024 * 1024));
  return { dir, results, registrations };
}

test('201 results: every status counted, the matrix filled, CSV for Excel', async () => {
  const { results, registrations } = fixtures();
  const { page, context, requests, errors } = await openApp(browser);
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles(registrations);
  await page.locator('table.roster tbody tr').nth(4).waitFor();
  assert.equal(await page.locator('table.roster tbody tr').count(), 5);

  await page.locator('input.results-input').setInputFiles(results);
  await page.getByRole('heading', { name: '201 ファイルを検証しました' }).waitFor({ timeout: 60000 });
  const summary = await page.locator('.review-summary ul').innerText();
  const count = (label) => Number((summary.match(new RegExp(`${label}：(\\d+) 件`)) || [])[1] || 0);
  assert.equal(count('有効（登録済みの鍵）'), 180, summary);
  assert.equal(count('重複'), 5, summary);
  assert.equal(count('有効だが未登録の鍵'), 5, summary);
  assert.equal(count('署名不正'), 4, summary);
  assert.equal(count('別の規則版'), 3, summary);
  assert.equal(count('読めない'), 4, summary);
  // the files table shows 200 rows, then all on request
  const filesTable = page.locator('section[aria-labelledby="table-ファイル"]');
  assert.equal(await filesTable.locator('tbody tr').count(), 200);
  await filesTable.getByRole('button', { name: 'すべて表示' }).click();
  assert.equal(await filesTable.locator('tbody tr').count(), 201);
  assert.match(await filesTable.locator('tr', { hasText: 'huge.tenken.json' }).innerText(), /大きすぎます/);
  await axe(page, 'review');

  // the matrix: a row per 課 that submitted (180 + 5 unregistered) and per roster 課 (the
  // registrations name 総務課 etc., which submitted nothing under that name: 未提出)
  const matrix = page.locator('section[aria-labelledby="table-提出状況"] table tbody tr');
  assert.equal(await matrix.count(), 190);
  assert.equal(await matrix.filter({ hasText: '未提出' }).count(), 5);
  assert.match(await matrix.filter({ hasText: '総務課' }).first().innerText(), /^総務課\s+未提出$/);
  // markup in a bad file is shown as text, not run
  assert.equal(await page.evaluate(() => document.querySelectorAll('main script').length), 0);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '「提出状況」を CSV で保存' }).click(),
  ]);
  const csv = readFileSync(await download.path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
  const lines = csv.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], '課,電子情報処理の点検');
  assert.equal(lines.filter((l) => l.endsWith(',提出')).length, 185);
  assert.equal(lines.filter((l) => l.endsWith(',未提出')).length, 5);

  // one workbook with a sheet per table
  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'すべての表を Excel（XLSX）で保存' }).click(),
  ]);
  assert.match(xlsx.suggestedFilename(), /^tenken-集計-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = readFileSync(await xlsx.path());
  assert.deepEqual([...book.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a ZIP archive');
  const text = book.toString('utf8');
  for (const part of ['xl/workbook.xml', 'xl/worksheets/sheet6.xml', '<sheet name="提出状況"', '<sheet name="改善計画"']) {
    assert.ok(text.includes(part), part);
  }

  // a 課 renamed in the roster; the roster, with the change, survives a reload
  const first = page.locator('table.roster tbody tr').first().locator('input').first();
  const before = await first.inputValue();
  await first.fill('総務部総務課');
  await first.press('Tab');
  await page.reload();
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  assert.equal(await page.locator('table.roster tbody tr').count(), 5);
  const names = await page.locator('table.roster tbody tr td:first-child input').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(names.includes('総務部総務課') && !names.includes(before), names.join(','));
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});
