// 集計 mode in the single file from file://: 214 signed results (made with Node's crypto in
// minisign's format) for 185 registered 課, one unregistered key, tampered files, duplicates,
// claimed bundle versions (one 9999-99-99), a key revoked at 異動 that signs after leaving
// against its successor's file, flattering summaries, and junk; the roster from
// registration files. Checks every status count, unpinned and pinned (built-in bundles, and
// the test bundle's file), the submission matrix, and the CSV and XLSX exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, cpSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, KANRI_URL, ROOT, axe, miniBundleJson, tempFile } from './lib.mjs';
import { makeKey, signedFile, templateResult } from './minisign.mjs';

let browser;
let miniFile;
before(async () => {
  browser = await launch();
  miniFile = await tempFile('mini.json', await miniBundleJson());
});
after(async () => { await browser?.close(); });

/** Writes the fixture set; returns { dir, results: [paths], registrations: [paths], keys }. */
function fixtures() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-review-'));
  const template = templateResult();
  // 185 registered 課, each with its own key; the last 5 submit nothing
  const divisions = Array.from({ length: 185 }, (_, i) => `課${String(i).padStart(3, '0')}`);
  const keys = divisions.map(() => makeKey());
  const stranger = makeKey();
  // 課150's key counts from 2025-04-01 and was revoked at 異動 on 2026-06-01; its successor's
  // key counts from 2026-04-01 (registered last, at the end)
  const successor = makeKey();
  const registrations = divisions.map((d, i) => {
    const p = path.join(dir, `reg-${i}.tenken-key.json`);
    const reg = keys[i].registration(d, `課長${i}`);
    if (i === 150) Object.assign(reg, { valid_from: '2025-04-01', revoked: { date: '2026-06-01', reason: 'transfer' } });
    writeFileSync(p, JSON.stringify(reg));
    return p;
  });
  const successorReg = path.join(dir, 'reg-150-successor.tenken-key.json');
  writeFileSync(successorReg, JSON.stringify({ ...successor.registration('課150', '後任150'), valid_from: '2026-04-01' }));
  registrations.push(successorReg);
  const results = [];
  const put = (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); results.push(p); };
  const forDivision = (d) => { const r = structuredClone(template); r.subject.division = d; return r; };
  // 180 valid: each 課 signs its own result with its own key
  for (let i = 0; i < 180; i++) put(`ok-${i}.tenken.json`, signedFile(forDivision(divisions[i]), keys[i], 1780000000 + i));
  // 5 duplicates: older signatures of the same 課 (they lose)
  for (let i = 0; i < 5; i++) put(`dup-${i}.tenken.json`, signedFile(forDivision(divisions[i]), keys[i], 1779000000));
  // 5 by a key nobody registered, claiming registered 課, signed later (in 2100)
  for (let i = 0; i < 5; i++) put(`stranger-${i}.tenken.json`, signedFile(forDivision(divisions[i]), stranger, 4102444800));
  // 4 impostors: 課001's key signs results claiming 課010–課013, later than theirs
  for (let i = 0; i < 4; i++) put(`impostor-${i}.tenken.json`, signedFile(forDivision(divisions[10 + i]), keys[1], 1790000000));
  // a look-alike 課名 (zero-width space) signed by that 課's own key
  put('zwsp.tenken.json', signedFile(forDivision('課\u200b070'), keys[70], 1790000000));
  // 4 tampered: answer changed after signing; 1 with its last signature line cut to AAAA
  for (let i = 0; i < 4; i++) {
    put(`tampered-${i}.tenken.json`, signedFile(forDivision(divisions[20 + i]), keys[20 + i], 1781000000).replace('"conforming"', '"nonconforming"'));
  }
  const cut = JSON.parse(signedFile(forDivision(divisions[30]), keys[30], 1781000000));
  cut.signature = cut.signature.split('\n').slice(0, 3).join('\n') + '\nAAAA\n';
  put('cut.tenken.json', JSON.stringify(cut));
  // 3 claiming another version of the bundle (2025): unpinned they count, read as claimed
  for (let i = 0; i < 3; i++) {
    const r = forDivision(divisions[40 + i]);
    r.subject.fiscal_year = 2025;
    r.bundle.version = '2001-04-01';
    put(`old-${i}.tenken.json`, signedFile(r, keys[40 + i], 1781000000));
  }
  // one claiming version 9999-99-99 (2024): it counts for its 課 and demotes no other file
  const v9999 = forDivision(divisions[90]);
  v9999.subject.fiscal_year = 2024;
  v9999.bundle.version = '9999-99-99';
  put('v9999.tenken.json', signedFile(v9999, keys[90], 1781000000));
  // 課150: the successor's genuine file (2026-05-17), and one the old key signs after leaving,
  // dated 2026-05-31 (before its revocation, later than the successor's): the successor's
  // key was registered later, so its file counts and both of the old key's are 重複
  put('successor-150.tenken.json', signedFile(forDivision(divisions[150]), successor, 1779000000));
  put('backdated-150.tenken.json', signedFile(forDivision(divisions[150]), keys[150], 1780200000));
  // 2 whose summary says every item conforms while item 14 is answered 実施していない (2024):
  // unpinned they count as claimed; against the pinned test bundle they count nowhere
  for (let i = 0; i < 2; i++) {
    const r = forDivision(divisions[160 + i]);
    r.subject.fiscal_year = 2024;
    r.summary.nonconforming = [];
    r.summary.counts = { conforming: 1, done: 1 };
    put(`flattering-${i}.tenken.json`, signedFile(r, keys[160 + i], 1781000000));
  }
  // 2 with a forged signing time: after today, and beyond any date
  put('future.tenken.json', signedFile(forDivision(divisions[50]), keys[50], 4102444800));
  put('maxtime.tenken.json', signedFile(forDivision(divisions[51]), keys[51], '18446744073709551615'));
  // 3 unreadable, one with duplicate members naming two 課
  put('junk-0.tenken.json', 'not json at all');
  put('junk-1.tenken.json', '{"format":"tenken-bundle/1"}');
  put('junk-2.tenken.json', signedFile(forDivision(divisions[60]), keys[60], 1781000000).replace('"division": "課060"', '"division": "課060", "division": "課061"'));
  assert.equal(results.length, 213);
  // and one too large to read (over the 8 MB limit): refused before reading, with the reason
  put('huge.tenken.json', ' '.repeat(9 * 1024 * 1024));
  return { dir, results, registrations, keys, stranger, divisions };
}

const count = (summary, label) => Number((summary.match(new RegExp(`(?:^|\\n)${label}：(\\d+) 件`)) || [])[1] || 0);

test('214 results: each counts only for its own registered 課; every status, the matrix, CSV and XLSX', async () => {
  const { results, registrations } = fixtures();
  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles(registrations);
  await page.locator('table.roster tbody tr').nth(185).waitFor();
  assert.equal(await page.locator('table.roster tbody tr').count(), 186);

  // signatures are checked a step at a time, the progress said between steps
  await page.evaluate(() => {
    window.progressSaid = [];
    new MutationObserver(() => {
      const p = document.querySelector('p.opening[role=status]');
      if (p) window.progressSaid.push(p.textContent.trim());
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.locator('input.results-input').setInputFiles(results);
  await page.getByRole('heading', { name: /^214 ファイルを検証しました/ }).waitFor({ timeout: 60000 });
  const said = [...new Set(await page.evaluate(() => window.progressSaid))];
  assert.deepEqual(said, [48, 96, 144, 192, 214].map((n) => `署名を確かめています… ${n} / 214 ファイル`), said.join(' / '));
  assert.equal(await page.locator('p.opening').count(), 0, 'no progress once every file is opened');
  assert.match(await page.getByRole('heading', { name: /^214 ファイル/ }).innerText(), /集計に使用 186、使用しない 28/);
  const summary = await page.locator('.review-summary [role=status] ul').innerText();
  // 179 + the successor's + 3 claiming 2001-04-01 + 1 claiming 9999-99-99 + 2 flattering
  assert.equal(count(summary, '有効'), 186, summary);
  // 5 older signatures, and 課150's two files by its revoked key
  assert.equal(count(summary, '重複'), 7, summary);
  assert.equal(count(summary, '未登録の鍵'), 5, summary);
  assert.equal(count(summary, '課が登録と違う'), 5, summary);
  assert.equal(count(summary, '署名不正'), 5, summary);
  assert.equal(count(summary, '署名時刻が不正'), 2, summary);
  assert.equal(count(summary, '読めない'), 4, summary);
  assert.equal(count(summary, '集計値が回答と違う'), 0, summary);
  assert.doesNotMatch(summary, /別の規則版/);
  const unchecked = await page.locator('.content-unchecked').innerText();
  assert.match(unchecked, /内容は確認していません/);
  // the bundles the files claim, each with its files: the claims are listed, not compared
  assert.match(unchecked, /mini 9999-99-99 版（ハッシュ [0-9a-f]{12}…）: 1 ファイル（集計に使用 1）/);
  assert.match(unchecked, /mini 2001-04-01 版（ハッシュ [0-9a-f]{12}…）: 3 ファイル（集計に使用 3）/);
  // the files table shows 200 rows, then all on request
  const filesTable = page.locator('section[aria-labelledby="table-ファイル"]');
  assert.equal(await filesTable.locator('tbody tr').count(), 200);
  await filesTable.getByRole('button', { name: 'すべて表示' }).click();
  assert.equal(await filesTable.locator('tbody tr').count(), 214);
  // the row whose first cell is the file's name (another row's detail may name it too)
  const row = (name) => filesTable.locator('tbody tr').filter({ has: page.getByRole('cell', { name, exact: true }) }).innerText();
  // a key revoked at 異動 pushes out nothing: its successor's file counts
  assert.match(await row('successor-150.tenken.json'), /有効/);
  assert.match(await row('backdated-150.tenken.json'), /重複.*successor-150\.tenken\.json/s);
  assert.match(await row('ok-150.tenken.json'), /重複.*successor-150\.tenken\.json/s);
  assert.match(await row('ok-151.tenken.json'), /有効/);
  assert.match(await row('huge.tenken.json'), /大きすぎます/);
  assert.match(await row('cut.tenken.json'), /署名不正.*4行目/s);
  assert.match(await row('impostor-0.tenken.json'), /課が登録と違う.*登録: 課001/s);
  assert.match(await row('junk-2.tenken.json'), /読めない.*2回/s);
  assert.match(await row('zwsp.tenken.json'), /課が登録と違う.*課<U\+200B>070/s);
  // a bad file's claimed 課 and 氏名 are shown, marked unverified
  assert.match(await row('tampered-0.tenken.json'), /課020（未検証）/);
  await axe(page, 'review');

  // the matrix: one row per registered 課 (the strangers' and impostors' claims add none)
  const matrix = page.locator('section[aria-labelledby="table-提出状況"] table tbody tr');
  assert.equal(await matrix.count(), 185);
  assert.equal(await matrix.filter({ hasText: '未提出' }).count(), 5);
  assert.match(await matrix.filter({ hasText: '課184' }).innerText(), /^課184\s+未提出$/);
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
  assert.equal(lines.filter((l) => l.endsWith(',提出')).length, 180);
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

  // official bundles: the results answer the test bundle, not a built-in one
  await page.getByRole('button', { name: 'この tenken に組み込まれた規則を公式とする' }).click();
  await page.getByRole('heading', { name: /集計に使用 0、使用しない 214/ }).waitFor();
  // the 186 that counted and the 7 they superseded
  assert.equal(count(await page.locator('.review-summary [role=status] ul').innerText(), '規則の内容が違う'), 193);
  assert.equal(await page.locator('.content-unchecked').count(), 0);
  for (let i = 0; i < 5; i++) await page.locator('.official-list').getByRole('button', { name: '外す' }).first().click();
  await page.getByRole('heading', { name: /集計に使用 186/ }).waitFor();
  // the test bundle pinned from its file: answers are evaluated against it, and the two
  // flattering summaries count nowhere, with their own status
  await page.locator('input.official-input').setInputFiles(miniFile);
  await page.getByRole('heading', { name: /集計に使用 184、使用しない 30/ }).waitFor();
  await filesTable.getByRole('button', { name: 'すべて表示' }).click();
  const pinned = await page.locator('.review-summary [role=status] ul').innerText();
  assert.equal(count(pinned, '集計値が回答と違う'), 2, pinned);
  assert.equal(count(pinned, '有効'), 184, pinned);
  assert.equal(count(pinned, '重複'), 7, pinned);
  assert.equal(await page.locator('.content-unchecked').count(), 0);
  assert.match(await row('flattering-0.tenken.json'), /集計値が回答と違う.*不適合の項目の一覧が回答と合いません/s);
  // its version is the bundle's own, not the claim: its title and 版 in 和暦
  assert.match(await row('v9999.tenken.json'), /有効.*テスト用 目黒区 抜粋（平成27年10月5日版）/s);
  await page.locator('.official-list').getByRole('button', { name: '外す' }).click();
  await page.getByRole('heading', { name: /集計に使用 186/ }).waitFor();
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('異動・失効 ends a key; the roster is saved to its file, never trusted from storage', async () => {
  const { results, registrations, keys, stranger, divisions } = fixtures();
  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles(registrations.slice(0, 3));
  await page.locator('table.roster tbody tr').nth(2).waitFor();
  await page.locator('input.results-input').setInputFiles(results.slice(0, 3));
  await page.getByRole('heading', { name: /集計に使用 3、/ }).waitFor();

  // 課001's holder moved on 2026-05-01: their result signed on 2026-05-28 no longer counts
  await page.getByRole('button', { name: '課001 課長1 の鍵の異動・失効' }).click();
  await page.locator('#revoke-date').fill('2026-05-01');
  await page.locator('#revoke-reason').selectOption('transfer');
  await page.getByRole('button', { name: '失効させる' }).click();
  await page.getByRole('heading', { name: /集計に使用 2、使用しない 1/ }).waitFor();
  assert.equal(count(await page.locator('.review-summary [role=status] ul').innerText(), '鍵の有効期間外・失効'), 1);
  assert.match(await page.locator('table.roster tbody tr').nth(1).locator('td.standing').innerText(), /2026-05-01に失効（異動）/);
  await page.getByRole('status').filter({ hasText: '保存していない変更があります' }).waitFor();

  // saving writes the roster file with the revocation
  const [saved] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '登録簿を保存' }).click(),
  ]);
  const roster = JSON.parse(readFileSync(await saved.path(), 'utf8'));
  assert.equal(roster.format, 'tenken-roster/1');
  assert.deepEqual(roster.keys.find((k) => k.division === '課001').revoked, { date: '2026-05-01', reason: 'transfer' });
  assert.equal(await page.getByText('保存していない変更があります').count(), 0);

  // another local page writes a roster naming the stranger's key as 課000 (Chromium shares
  // file:// storage): after a reload tenken neither uses nor shows it as the roster
  await page.evaluate(({ key, fp }) => {
    localStorage.setItem('tenken/v1/roster', JSON.stringify({ format: 'tenken-roster/1', keys: [
      { format: 'tenken-registration/1', division: '課000', name: '攻撃者', title: '課長', public_key: key, fingerprint: fp, created: '2026-04-01' }] }));
  }, { key: stranger.publicKey, fp: stranger.fingerprint });
  await page.reload();
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.getByText('以前の tenken がこのブラウザーに保存した登録簿があります').waitFor();
  assert.equal(await page.locator('table.roster').count(), 0);
  const strangerFiles = results.filter((r) => /stranger-0\.tenken\.json$/.test(r));
  assert.equal(strangerFiles.length, 1);
  await page.locator('input.roster-input').setInputFiles([await savedPath(saved)]);
  await page.locator('input.results-input').setInputFiles([...results.slice(0, 1), ...strangerFiles]);
  await page.getByRole('heading', { name: /^2 ファイルを検証しました/ }).waitFor();
  const summary = await page.locator('.review-summary [role=status] ul').innerText();
  assert.equal(count(summary, '有効'), 1, summary);
  assert.equal(count(summary, '未登録の鍵'), 1, summary);
  await page.getByRole('button', { name: 'このブラウザーから消す' }).click();
  assert.equal(await page.evaluate(() => localStorage.getItem('tenken/v1/roster')), null);
  assert.ok(keys.length && divisions.length);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("前年度: last year's files are judged against last year's own bundles", async () => {
  const { results, registrations, keys } = fixtures();
  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles(registrations.slice(0, 1));
  await page.locator('table.roster tbody tr').first().waitFor();
  // this year: 課000, item 14 not done; last year (signed 2026-04-02): everything done
  await page.locator('input.results-input').setInputFiles(results.slice(0, 1));
  await page.getByRole('heading', { name: /集計に使用 1、/ }).waitFor();
  const last = templateResult();
  last.subject.division = '課000';
  last.subject.fiscal_year = 2025;
  Object.assign(last.items[2], { option: 'done', label: '実施している' });
  delete last.items[2].plan;
  last.summary.counts = { conforming: 1, done: 1 };
  last.summary.nonconforming = [];
  const lastFile = await tempFile('last.tenken.json', signedFile(last, keys[0], 1775000000));
  await page.locator('input.previous-input').setInputFiles(lastFile);
  const previous = page.locator('.previous-summary');
  await previous.filter({ hasText: '前年度: 1 ファイル（比較に使用 1）' }).waitFor();
  assert.match(await previous.innerText(), /前年度の内容は確認していません/);
  // pinned to this tenken's built-in bundles, last year's file answers none of them
  // (前年度 is folded to one line until opened)
  await page.locator('details.previous-fold > summary').click();
  await page.getByRole('button', { name: '組み込まれた規則を前年度の公式とする' }).click();
  await previous.filter({ hasText: '比較に使用 0' }).waitFor();
  for (let i = 0; i < 5; i++) await page.locator('.previous-official-list').getByRole('button', { name: '外す' }).first().click();
  // pinned to the bundle it answers: compared, content checked
  await page.locator('input.previous-official-input').setInputFiles(miniFile);
  await previous.filter({ hasText: '比較に使用 1' }).waitFor();
  assert.doesNotMatch(await previous.innerText(), /確認していません/);
  const compare = page.locator('section[aria-labelledby="table-前年比較"] tbody tr');
  assert.equal(await compare.count(), 1);
  assert.match(await compare.innerText(), /課000.*14.*適合.*不適合.*悪化/s);
  // this year's pins are not last year's
  assert.equal(await page.locator('.official-list').count(), 0);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A generated municipality of 60 課 in 機構順 (not character order), two years: this year 55
 * submit (some after the deadline, answers varied: 適合, 一部不適合, 不適合), 5 do not; last
 * year 40 submitted (other sizes when asked). Results answer the test bundle, or `bundle` ({ hash, section14 }: its
 * hash, and the section its item 14 is in). Returns { dir, roster, now: [paths], last: [paths],
 * expected }.
 */
function municipality(bundle, { registered = 60, submitting = 55, lastYear = 40 } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-town-review-'));
  // 機構順: 総務課 first, then the others; code-point order would differ
  const names = ['総務課', '企画課', '財政課', ...Array.from({ length: registered - 3 }, (_, i) => `第${i + 1}課`)];
  const keys = names.map(() => makeKey());
  const roster = path.join(dir, 'roster.tenken-roster.json');
  writeFileSync(roster, JSON.stringify({ format: 'tenken-roster/1', keys: names.map((d, i) => ({ ...keys[i].registration(d, `課長${i}`), valid_from: '2025-04-01' })) }));
  const template = templateResult();
  // 13-1 answered `a13` (適合 / 一部不適合 / 不適合), 14 `a14` (実施している / していない)
  const result = (division, year, a13, a14) => {
    const r = structuredClone(template);
    r.subject.division = division;
    r.subject.fiscal_year = year;
    if (bundle) {
      r.bundle.hash = bundle.hash;
      r.items[2].section = bundle.section14;
    }
    const labels = { conforming: '適合', partial: '一部不適合', nonconforming: '不適合', done: '実施している', notdone: '実施していない' };
    const plan = { action: '改善する', due: '2026-09-30', owner: '係長' };
    Object.assign(r.items[0], { option: a13, label: labels[a13] });
    Object.assign(r.items[2], { option: a14, label: labels[a14] });
    delete r.items[0].plan;
    delete r.items[2].plan;
    if (a13 !== 'conforming') r.items[0].plan = plan;
    if (a14 !== 'done') r.items[2].plan = plan;
    r.summary.counts = { [a13]: 1, [a14]: 1 };
    if (a13 === a14) r.summary.counts = { [a13]: 2 };
    r.summary.nonconforming = [...(a13 !== 'conforming' ? ['13-1'] : []), ...(a14 !== 'done' ? ['14'] : [])];
    return r;
  };
  const now = [];
  const last = [];
  const deadline = 1780300000; // 2026-06-01 (JST), the deadline below is 2026-06-01
  let late = 0;
  for (let i = 0; i < submitting; i++) {
    const a13 = ['conforming', 'partial', 'nonconforming'][i % 3];
    const a14 = i % 4 === 0 ? 'notdone' : 'done';
    const when = i % 5 === 0 ? deadline + 200000 : 1779000000 + i;
    if (i % 5 === 0) late++;
    const p = path.join(dir, `now-${i}.tenken.json`);
    writeFileSync(p, signedFile(result(names[i], 2026, a13, a14), keys[i], when));
    now.push(p);
  }
  for (let i = 0; i < lastYear; i++) {
    const p = path.join(dir, `last-${i}.tenken.json`);
    writeFileSync(p, signedFile(result(names[i], 2025, 'conforming', i % 2 ? 'done' : 'notdone'), keys[i], 1750000000 + i));
    last.push(p);
  }
  return { dir, roster, now, last, names, expected: { registered, submitted: submitting, late, missing: registered - submitting } };
}

/** The rows of a report table as objects by its headers (the columns shown). */
async function tableRows(page, name) {
  const section = page.locator(`section[aria-labelledby="table-${name}"]`);
  const all = section.getByRole('button', { name: 'すべて表示' });
  if (await all.count()) await all.click();
  return section.locator('table').evaluate((t) => {
    const heads = [...t.querySelectorAll('thead th')].map((th) => th.innerText);
    return [...t.querySelectorAll('tbody tr')].map((tr) => Object.fromEntries([...tr.cells].map((td, i) => [heads[i], td.innerText])));
  });
}

/**
 * Opens 集計 in tenken-kanri.html on municipality `m`: its roster, `bundleFile` official for
 * both years, the deadline 2026-06-01, this year's files, then last year's. Returns openApp's.
 */
async function reviewTown(m, bundleFile) {
  const opened = await openApp(browser, { url: KANRI_URL });
  const { page } = opened;
  const { registered, submitted } = m.expected;
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles(m.roster);
  await page.locator('table.roster tbody tr').nth(registered - 1).waitFor();
  await page.locator('input.official-input').setInputFiles(bundleFile);
  await page.locator('.official-list li').first().waitFor();
  await page.locator('#review-deadline').fill('2026-06-01');
  await page.locator('#review-deadline').dispatchEvent('change');
  await page.locator('input.results-input').setInputFiles(m.now);
  await page.getByRole('heading', { name: new RegExp(`^${submitted} ファイルを検証しました（集計に使用 ${submitted}、使用しない 0）`) }).waitFor({ timeout: 60000 });
  await page.locator('details.previous-fold > summary').click();
  await page.locator('input.previous-input').setInputFiles(m.last);
  await page.locator('input.previous-official-input').setInputFiles(bundleFile);
  await page.locator('.previous-summary', { hasText: `前年度: ${m.last.length} ファイル（比較に使用 ${m.last.length}）` }).waitFor();
  return opened;
}

test('a municipality of 60 課 at a glance: headline, heat map and trend equal the tables; 課 in 機構順; A4 print', async () => {
  const m = municipality();
  const { page, context, requests, errors } = await reviewTown(m, miniFile);

  // the headline: of 60 registered 課, 55 submitted (some late), 5 not, no file refused
  const figure = async (c) => Number(await page.locator(`.headline-figures .${c} .n`).innerText());
  assert.deepEqual(
    { registered: m.expected.registered, submitted: await figure('submitted'), late: await figure('late'), missing: await figure('missing'), notCounted: await figure('not-counted') },
    { registered: 60, submitted: 55, late: m.expected.late, missing: 5, notCounted: 0 },
  );
  assert.match(await page.locator('.headline-figures .submitted').innerText(), /登録 60 課/);
  // the matrix agrees, in the roster's order (機構順), not by character code
  const matrix = await tableRows(page, '提出状況');
  assert.deepEqual(matrix.slice(0, 3).map((r) => r['課']), ['総務課', '企画課', '財政課']);
  assert.equal(matrix.filter((r) => r['電子情報処理の点検'] === '提出').length, 55 - m.expected.late);
  assert.equal(matrix.filter((r) => r['電子情報処理の点検'] === '期限後').length, m.expected.late);
  assert.equal(matrix.filter((r) => r['電子情報処理の点検'] === '未提出').length, 5);

  // the heat map: one cell per 課 and section, each cell's figures those of the 課別 table
  const byDivision = Object.fromEntries((await tableRows(page, '課別の適合状況')).map((r) => [r['課'], r]));
  assert.equal(Object.keys(byDivision).length, 55);
  const cells = await page.locator('figure.heat-map svg rect').evaluateAll((rects) => rects.map((r) => r.querySelector('title').textContent));
  assert.equal(cells.length, 55);
  for (const title of cells) {
    const [, division, ok, partly, ng, na, rate] = title.match(/^(\S+) 安全管理: 適合 (\d+)・一部不適合 (\d+)・不適合 (\d+)・該当なし (\d+)（適合率 (\d+)%）$/) || [];
    assert.ok(division, title);
    const row = byDivision[division];
    assert.deepEqual([ok, partly, ng, na, rate], [row['適合'], row['一部不適合'], row['不適合'], row['該当なし'], row['適合率(%)']], title);
  }
  // 一部不適合 kept apart from 不適合, 課別 in 機構順 too
  const d = Object.values(byDivision);
  assert.equal(d.reduce((n, r) => n + Number(r['一部不適合']), 0), 18);
  assert.deepEqual((await tableRows(page, '課別の適合状況')).slice(0, 2).map((r) => r['課']), ['総務課', '企画課']);
  // plain labels: the bundle's title, 和暦 dates; the ids only in the exports
  assert.match(d[0]['規則'], /^テスト用 目黒区 抜粋（平成27年10月5日版）$/);
  const plans = await tableRows(page, '改善計画');
  assert.ok(plans.length > 0);
  assert.ok(plans.every((r) => r['期限'] === '令和8年9月30日' && /^第1[34]条/.test(r['番号'])), JSON.stringify(plans[0]));
  assert.ok(!('項目ID' in plans[0]) && !('期限(ISO)' in plans[0]));

  // the trend: two years, each rate that of 年度別の推移
  const years = await tableRows(page, '年度別の推移');
  assert.deepEqual(years.map((y) => y['年度']), ['令和7年度', '令和8年度']);
  const trend = await page.locator('figure.trend svg desc').textContent();
  assert.equal(trend, `年度ごとの全課の適合率: ${years.map((y) => `${y['年度']} ${y['適合率(%)']}%`).join('、')}。`);
  // the worst items, and the progress against the deadline, each with words
  assert.match(await page.locator('figure.worst-items svg desc').textContent(), /^適合率の低い項目 2 件。/);
  assert.equal(await page.locator('figure.progress svg desc').textContent(),
    `登録 60 課のうち、期限（令和8年6月1日）までに ${55 - m.expected.late} 課、期限後に ${m.expected.late} 課が提出、未提出 5 課。`);
  // 登録簿 and 公式の規則 fold to one line each
  assert.equal(await page.locator('details.roster-fold > summary').innerText(), '登録簿: 60課・鍵 60（roster.tenken-roster.json）');
  await axe(page, 'review with charts');

  // A4 print: the headline and the charts, not the inputs nor the tables
  await page.emulateMedia({ media: 'print' });
  for (const shown of ['.headline-figures', 'figure.heat-map svg', 'figure.trend svg', 'figure.worst-items svg']) {
    assert.ok(await page.locator(shown).isVisible(), shown);
  }
  for (const hidden of ['details.roster-fold', 'details.official-fold', 'section[aria-labelledby="table-ファイル"]', '.review-summary [role=status]']) {
    assert.ok(!(await page.locator(hidden).isVisible()), hidden);
  }
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("改善計画 followed: last year's plan asked in this year's draft, answered 継続, carried into the result and shown in 集計", async () => {
  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  // last year's result: 14 not done, with a plan due 令和8年9月30日
  const last = await tempFile('last-year.tenken-result.json', JSON.stringify(templateResult()));
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-bundle-input').setInputFiles(miniFile);
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
  await page.locator('input.previous-result').setInputFiles(last);
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  await page.locator('nav.steps').getByRole('button', { name: /安全管理/ }).click();
  const item = page.locator('#item-14');
  await item.locator('fieldset.follow-up').waitFor();
  assert.match(await item.locator('fieldset.follow-up').innerText(), /研修を実施する（担当 係長、期限 令和8年9月30日）/);
  // this year 14 is done, 13-1 confirmed; signing waits until the plan's fate is told
  await page.locator('#item-13-1').getByRole('button', { name: 'この回答で確定' }).click();
  await page.locator('input[name="answer-14"][value=done]').check();
  assert.match(await item.locator('.status').innerText(), /前年度の改善計画がどうなったか/);
  // typing a reason keeps the focus in the field and saves on each keystroke
  await item.locator('input[name="follow-up-14"][value=dropped]').check();
  const reason = item.locator('.follow-up-reason input');
  await reason.click();
  await reason.pressSequentially('予算がない');
  assert.equal(await reason.evaluate((el) => el === document.activeElement), true, 'focus kept while typing');
  assert.equal(await reason.inputValue(), '予算がない');
  await reason.fill('');
  await item.locator('input[name="follow-up-14"][value=continued]').check();
  await item.locator('.follow-up-date input').fill('2027-09-30');
  await item.locator('.status.done').waitFor();
  // axe on the item with its follow-up (the not-applicable item beside it is greyed by design)
  await axe(page, 'follow-up');
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /結果ファイルを書き出す/ }).click(),
  ]);
  const result = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const followUp = result.items.find((i) => i.id === '14').follow_up;
  assert.deepEqual(followUp, { plan: { action: '研修を実施する', due: '2026-09-30', owner: '係長' }, outcome: 'continued', date: '2027-09-30' });

  // signed by the 課長's key, it reads in 集計 under 前年度の改善計画 and in the headline
  const key = makeKey();
  const roster = await tempFile('roster.json', JSON.stringify({ format: 'tenken-roster/1', keys: [key.registration(result.subject.division, '課長')] }));
  const signed = await tempFile('now.tenken.json', signedFile(result, key, 1790000000));
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles(roster);
  await page.locator('input.official-input').setInputFiles(miniFile);
  await page.locator('.official-list li').first().waitFor();
  await page.locator('input.results-input').setInputFiles(signed);
  await page.getByRole('heading', { name: /^1 ファイルを検証しました（集計に使用 1、/ }).waitFor();
  assert.equal(await page.locator('.headline .follow-ups').innerText(), '前年度の改善計画 1 件: 完了 0・継続 1・取りやめ 0');
  const rows = await tableRows(page, '前年度の改善計画');
  assert.deepEqual(rows.map((r) => [r['番号'], r['前年度の期限'], r['状態'], r['完了日・新しい期限']]),
    [['第14条第1項', '令和8年9月30日', '継続', '令和9年9月30日']]);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A download's file, kept under a .json name (Playwright names it by a uuid). */
async function savedPath(download) {
  const p = path.join(mkdtempSync(path.join(os.tmpdir(), 'tenken-roster-')), 'roster.json');
  await download.saveAs(p);
  return p;
}

/**
 * The test bundle with its item 14 in a section of its own (「研修」), built by the CLI:
 * { file, hash, section14 }.
 */
function twoSectionBundle() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-two-sections-'));
  cpSync(path.join(ROOT, 'tests/fixtures/mini'), dir, { recursive: true });
  const toml = path.join(dir, 'bundle.toml');
  const text = readFileSync(toml, 'utf8');
  const at = text.indexOf('[[checklists.sections.items]]\nid = "14"');
  assert.ok(at > 0);
  writeFileSync(toml, `${text.slice(0, at)}[[checklists.sections]]\nid = "kenshu"\ntitle = "研修"\n\n${text.slice(at)}`);
  const file = path.join(dir, 'two-sections.json');
  const built = spawnSync('cargo', ['run', '-q', '--bin', 'tenken', '--', 'bundle', 'build', dir, '-o', file], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  return { file, hash: createHash('sha256').update(readFileSync(file)).digest('hex'), section14: 'kenshu' };
}

/** Parses CSV text (RFC 4180, a BOM allowed) into rows of cells. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

/** A CSV's rows as objects by its header row. */
function csvObjects(text) {
  const [head, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
}

test('two sections, two years: every CSV, the XLSX and the charts agree with `tenken aggregate` on the same files', async () => {
  const bundle = twoSectionBundle();
  const m = municipality(bundle);
  const name = (p) => path.basename(p);

  // the CLI, on the same files, named as the page names them (run from their folder)
  const out = mkdtempSync(path.join(os.tmpdir(), 'tenken-agree-'));
  const cli = (output) => spawnSync('cargo', ['run', '-q', '--manifest-path', path.join(ROOT, 'Cargo.toml'), '--bin', 'tenken', '--',
    'aggregate', '--roster', m.roster, '--bundle', bundle.file, '--previous-bundle', bundle.file, '--deadline', '2026-06-01',
    '-o', output, ...m.now.map(name), '--previous', ...m.last.map(name)], { cwd: m.dir, encoding: 'utf8' });
  for (const output of [path.join(out, 'report.csv'), path.join(out, 'report.xlsx')]) {
    const r = cli(output);
    assert.equal(r.status, 0, r.stderr);
  }
  const cliCsv = Object.fromEntries(readdirSync(out).filter((f) => f.endsWith('.csv'))
    .map((f) => [f.slice('report_'.length, -'.csv'.length), readFileSync(path.join(out, f), 'utf8')]));

  const { page, context, requests, errors } = await reviewTown(m, bundle.file);

  // every table's CSV, byte for byte
  const tables = await page.locator('section[aria-labelledby^="table-"]').evaluateAll((s) => s.map((x) => x.getAttribute('aria-labelledby').slice('table-'.length)));
  assert.deepEqual([...tables].sort(), Object.keys(cliCsv).sort());
  assert.ok(tables.includes('前年比較') && tables.includes('年度別の推移'), tables.join(' '));
  // what each button saves, taken as the page hands it to the browser (Chromium stops a page's
  // downloads after several in a row; one real download is checked in the first test)
  await page.evaluate(() => {
    const create = URL.createObjectURL;
    window.savedBlobs = [];
    URL.createObjectURL = (blob) => { window.savedBlobs.push(blob); return create.call(URL, blob); };
  });
  const saved = async (click) => {
    const n = await page.evaluate(() => window.savedBlobs.length);
    await click();
    await page.waitForFunction((k) => window.savedBlobs.length > k, n);
    return Buffer.from(await page.evaluate(async (k) => [...new Uint8Array(await window.savedBlobs[k].arrayBuffer())], n));
  };
  for (const t of tables) {
    const csv = await saved(() => page.getByRole('button', { name: `「${t}」を CSV で保存` }).click());
    assert.equal(csv.toString('utf8'), cliCsv[t], `CSV of ${t}`);
  }
  // the workbook, byte for byte
  const book = await saved(() => page.getByRole('button', { name: 'すべての表を Excel（XLSX）で保存' }).click());
  assert.ok(book.equals(readFileSync(path.join(out, 'report.xlsx'))), 'the XLSX is the CLI\'s');

  // the heat map: 55 課 × 2 sections, each cell the CLI's 区分別 row of that 課 and section;
  // summed per 課, its 課別 row
  const divisions = Object.fromEntries(csvObjects(cliCsv['課別の適合状況']).map((r) => [r['課'], r]));
  const bySection = Object.fromEntries(csvObjects(cliCsv['区分別の適合状況']).map((r) => [`${r['課']} ${r['区分']}`, r]));
  const cells = await page.locator('figure.heat-map svg rect').evaluateAll((rects) => rects.map((r) => r.querySelector('title').textContent));
  assert.equal(cells.length, 55 * 2);
  assert.equal(Object.keys(bySection).length, 55 * 2);
  const levels = ['適合', '一部不適合', '不適合', '該当なし'];
  const figures = (r) => levels.map((k) => Number(r[k]));
  const perDivision = {};
  for (const title of cells) {
    const [, division, section, ...shown] = title.match(/^(\S+) (\S+): 適合 (\d+)・一部不適合 (\d+)・不適合 (\d+)・該当なし (\d+)（適合率 (\d+)%）$/) || [];
    assert.ok(division, title);
    const row = bySection[`${division} ${section}`];
    assert.ok(row, title);
    assert.deepEqual(shown.map(Number), [...figures(row), Number(row['適合率(%)'])], title);
    perDivision[division] = (perDivision[division] || [0, 0, 0, 0]).map((n, i) => n + Number(shown[i]));
  }
  assert.deepEqual(perDivision, Object.fromEntries(Object.entries(divisions).map(([d, r]) => [d, figures(r)])));

  // the trend: each year's rate that of the CLI's 年度別の推移 ...
  const years = csvObjects(cliCsv['年度別の推移']);
  assert.deepEqual(years.map((y) => y['年度']), ['令和7年度', '令和8年度']);
  assert.equal(await page.locator('figure.trend svg desc').textContent(),
    `年度ごとの全課の適合率: ${years.map((y) => `${y['年度']} ${y['適合率(%)']}%`).join('、')}。`);
  // ... and its change from last year is 前年比較's: last year's answers, moved by each
  // change 前年比較 lists, plus the 課 that submitted this year only, give this year's
  const [before, after] = years;
  const moved = Object.fromEntries(levels.map((l) => [l, Number(before[l])]));
  const compared = csvObjects(cliCsv['前年比較']);
  assert.ok(compared.some((r) => r['変化'] === '改善') && compared.some((r) => r['変化'] === '悪化'));
  for (const row of compared) {
    const i = m.names.indexOf(row['課']);
    assert.ok(i >= 0 && i < 40, row['課']);
    moved[row['前年']] -= 1;
    moved[row['今年']] += 1;
  }
  for (const [division, row] of Object.entries(divisions)) {
    if (m.names.indexOf(division) >= 40) levels.forEach((l) => { moved[l] += Number(row[l]); });
  }
  assert.deepEqual(moved, Object.fromEntries(levels.map((l) => [l, Number(after[l])])));

  // the progress against the deadline: the CLI's 提出状況
  const matrix = csvObjects(cliCsv['提出状況']);
  const count = (v) => matrix.filter((r) => r['電子情報処理の点検'] === v).length;
  assert.equal(await page.locator('figure.progress svg desc').textContent(),
    `登録 60 課のうち、期限（令和8年6月1日）までに ${count('提出')} 課、期限後に ${count('期限後')} 課が提出、未提出 ${count('未提出')} 課。`);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a town of 13 課: the A4 summary is one page — headline, overdue plans by name, every chart', async () => {
  const m = municipality(undefined, { registered: 13, submitting: 12, lastYear: 9 });
  const { page, context, errors } = await reviewTown(m, miniFile);

  // the plans are due 令和8年9月30日, past: named, earliest first, in the roster's order
  const overdue = Number(await page.locator('.headline-figures .overdue .n').innerText());
  assert.ok(overdue > 8, String(overdue));
  const listed = await page.locator('.overdue-plans li').allInnerTexts();
  assert.equal(listed.length, 8);
  assert.match(listed[0], /^総務課 第1[34]条.*「改善する」（期限 令和8年9月30日・担当 係長）$/);
  assert.match(await page.locator('.overdue-heading').innerText(), new RegExp(`^期限を過ぎた改善計画 ${overdue} 件（期限の早い 8 件`));
  await page.emulateMedia({ media: 'print' });
  for (const chart of ['heat-map', 'worst-items', 'progress', 'trend']) {
    assert.ok(await page.locator(`figure.${chart} svg`).isVisible(), chart);
  }
  const pdf = (await page.pdf({ format: 'A4', printBackground: true })).toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?!s)/g) || [];
  assert.equal(pages.length, 1, `the summary of 13 課 prints on ${pages.length} pages`);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(errors, []);
  await context.close();
});
