// The single-file apps opened from file:// in headless Chromium: the 課長's tenken.html
// starts, lists the built-in bundles, browses one, reports a bad bundle file, and never
// touches the network; 情報担当課's tenken-kanri.html carries 集計 and the 規則エディタ, which
// the 課長's file leaves out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, ROOT, APP, KANRI, KANRI_URL } from './lib.mjs';

const builtinIds = readdirSync(path.join(ROOT, 'policies'))
  .filter((d) => existsSync(path.join(ROOT, 'policies', d, 'bundle.toml')));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('lists every built-in bundle and browses one, offline and without errors', async () => {
  const { page, context, requests, errors } = await openApp(browser);
  assert.equal(await page.locator('main h2').innerText(), '規則を選ぶ');
  const rows = page.locator('table.bundles tbody tr');
  const expected = process.env.TENKEN_BUNDLES ? process.env.TENKEN_BUNDLES.split(',').length : builtinIds.length;
  assert.equal(await rows.count(), expected, 'one row per policies/*/bundle.toml');
  assert.ok(expected >= 1);

  // every bundle opens: it validates in the browser (quotes found with the browser's NFKC)
  for (let i = 0; i < expected; i++) {
    const row = page.locator('table.bundles tbody tr').nth(i);
    const name = await row.locator('th').innerText();
    await row.getByRole('button', { name: '開く' }).click();
    await page.locator('main h2', { hasText: name }).waitFor();
    assert.equal(await page.locator('.problems').count(), 0, `${name} opens without problems`);
    await page.locator('.home-link').click();
    await page.locator('main h2', { hasText: '規則を選ぶ' }).waitFor();
  }

  // open the first bundle: its title, its checklists as tabs, items with citations
  const municipality = await rows.first().locator('th').innerText();
  await rows.first().getByRole('button', { name: '開く' }).click();
  await assert.doesNotReject(page.locator('main h2', { hasText: municipality }).waitFor());
  const tabs = page.getByRole('tab');
  assert.ok(await tabs.count() >= 2, 'inspection and contract checklists');
  assert.equal(await tabs.first().getAttribute('aria-selected'), 'true');
  // the drafts of the first checklist are shown; its items on request
  await page.getByRole('button', { name: '新しく始める' }).waitFor();
  await page.getByRole('button', { name: '項目の一覧を表示' }).click();
  const items = page.locator('li.item');
  assert.ok(await items.count() > 0);
  const firstItem = items.first();
  assert.match(await firstItem.locator('.cite-label').first().innerText(), /第\d+条/);
  // the article text opens with the quote marked
  await firstItem.locator('details.article summary').first().click();
  const mark = firstItem.locator('details.article mark').first();
  assert.ok((await mark.innerText()).length > 0, 'quoted words are marked in the article');

  // the second tab shows the contract checklist
  await tabs.nth(1).click();
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
  assert.match(await page.locator('section.checklist h3').first().innerText(), /^委託契約/);

  // back home through the header
  await page.locator('.home-link').click();
  await page.locator('main h2', { hasText: '規則を選ぶ' }).waitFor();

  assert.deepEqual(requests, [], 'no network request');
  assert.deepEqual(errors, [], 'no console error');
  await context.close();
});

test('two files: the 課長\'s tenken.html has no 情報担当課 screens; tenken-kanri.html has them; neither makes a request', async () => {
  const kacho = await openApp(browser);
  await kacho.page.getByRole('button', { name: '使い方' }).waitFor();
  assert.equal(await kacho.page.getByRole('button', { name: '規則エディタ' }).count(), 0);
  assert.equal(await kacho.page.getByRole('button', { name: '集計（情報担当課）' }).count(), 0);
  assert.equal(await kacho.page.getByRole('button', { name: 'はじめての方へ' }).count(), 0);
  // 情報担当課's 「はじめての方へ」 by its address: the 課長's file says where it is
  await kacho.page.evaluate(() => { location.hash = '#/guide'; });
  await kacho.page.getByText('情報担当課用のファイル（tenken-kanri.html）にあります').first().waitFor();
  assert.equal(await kacho.page.title(), 'tenken — 情報セキュリティ点検・委託契約チェック');
  // the 課長 opens distributed .json bundles; an authored bundle.toml says where it opens
  await kacho.page.locator('input.open-bundle-input').setInputFiles([
    path.join(ROOT, 'tests/fixtures/mini/bundle.toml'), path.join(ROOT, 'tests/fixtures/mini/source.txt')]);
  await kacho.page.getByText('tenken-kanri.html で開きます').first().waitFor();
  assert.deepEqual(kacho.requests, []);
  assert.deepEqual(kacho.errors, []);
  await kacho.context.close();

  const kanri = await openApp(browser, { url: KANRI_URL });
  const { page } = kanri;
  assert.match(await page.title(), /情報担当課用/);
  assert.ok(await page.locator('table.bundles tbody tr').count() >= 1, 'the built-in bundles are listed');
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('main h2', { hasText: '集計（情報担当課）' }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/review');
  await page.getByRole('button', { name: '規則エディタ' }).click();
  await page.locator('main h2', { hasText: '規則エディタ' }).waitFor();
  await page.reload();
  await page.locator('main h2', { hasText: '規則エディタ' }).waitFor();
  assert.deepEqual(kanri.requests, [], 'no network request');
  assert.deepEqual(kanri.errors, [], 'no console error');
  await kanri.context.close();
  // the 課長's file is the smaller: it carries none of 情報担当課's code
  const { statSync } = await import('node:fs');
  assert.ok(statSync(APP).size < statSync(KANRI).size * 0.7, `${statSync(APP).size} < 0.7 × ${statSync(KANRI).size}`);
});

test('a bad bundle file is refused with its problems, and nothing breaks', async () => {
  const { page, context, requests, errors } = await openApp(browser);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-'));
  const cases = [
    ['notjson.json', 'これは JSON ではない', /JSON/],
    ['other.json', JSON.stringify({ format: 'tenken-bundle/9', id: 'x' }), /tenken-bundle\/9/],
    ['deep.json', '['.repeat(10000) + ']'.repeat(10000), /深/],
    ['huge.json', ' '.repeat(10 << 20), /大きすぎ/],
    ['result.json', JSON.stringify({ format: 'tenken-result/1' }), /点検結果/],
    ['bad.json', JSON.stringify({ format: 'tenken-bundle/1', id: 'Bad Id' }), /id/],
    ['dupkey.json', '{"format": "tenken-bundle/1", "id": "a", "id": "b"}', /2回/],
    // 20,000 items once froze the walk-through for minutes: refused at once, with the numbers
    ['many.json', JSON.stringify({ format: 'tenken-bundle/1', id: 'many', version: '2026-04-01', title: 't', municipality: { name: 'm' },
      sources: [{ id: 's', title: 't', text: '第1条 x' }],
      checklists: [{ id: 'c', kind: 'inspection', title: 't', respondent: 'r', sections: [{ id: 's', title: 't',
        items: Array.from({ length: 20000 }, (_, i) => ({ id: `i${i}`, text: 'x', cite: [{ source: 's', article: '1', quote: 'x' }] })) }] }] }),
      /20000 個、上限 200 個/],
  ];
  for (const [name, text, pattern] of cases) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    await page.locator('input[type=file]').first().setInputFiles(file);
    const box = page.locator('.problems', { hasText: name });
    await box.waitFor();
    assert.match(await box.innerText(), pattern, name);
  }
  assert.equal(await page.locator('main h2').innerText(), '規則を選ぶ', 'still on the list');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});
