// 規則エディタ: a 情報担当課 member builds a complete small bundle from a real 例規 that is
// not among the five (御所市USBメモリ取扱規程, tests/fixtures/reiki/gose-usb.txt) in the
// single file from file:// — import, select a sentence, a draft item from a duty, exclusions
// with reasons, a 前提の質問 and a `when`, nothing left open, preview as a 課長, export — then
// opens the export as a 課長 and completes its 点検. Also: bundle.toml + source.txt picked
// together, a Shift_JIS file, hostile HTML, text that is not a 例規, a 10 MB file, undo and
// redo, and every edit kept across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, ROOT, KANRI_URL, axe } from './lib.mjs';

const FIXTURES = path.join(ROOT, 'tests/fixtures/reiki');
const GOSE = path.join(FIXTURES, 'gose-usb.txt');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'tenken-editor-'));

async function openEditor(page) {
  await page.getByRole('button', { name: '規則エディタ' }).click();
  await page.locator('main h2', { hasText: '規則エディタ' }).waitFor();
}

/** Selects `words` in the line of the 例規 text that holds them (as a mouse would). */
async function select(page, words) {
  await page.evaluate((words) => {
    const line = [...document.querySelectorAll('.reiki-text .line .t')].find((t) => t.textContent.includes(words));
    if (!line) throw new Error('not in the text: ' + words);
    const node = line.firstChild;
    const start = node.textContent.indexOf(words);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + words.length);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }, words);
}

/** Waits until the problems bar shows no error (warnings may remain). */
async function noErrors(page) {
  await page.locator('.problems-bar', { hasText: /誤りはありません|誤り 0 件/ }).waitFor();
}

/** Saves the download a click starts; returns its path. */
async function download(page, click, into) {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(into, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test('a bundle from a real 例規: import, items, exclusions, condition, preview, export; a 課長 completes its 点検', async () => {
  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await openEditor(page);

  // import: the tree and its counts; the 例規's name from its first line
  await page.locator('input.reiki-file').setInputFiles(GOSE);
  const preview = page.locator('.import-preview');
  await preview.waitFor();
  assert.match(await preview.innerText(), /条 3・項 5・号 4 を見つけました/);
  assert.match(await preview.innerText(), /御所市USBメモリ取扱規程/);
  await preview.locator('summary').click();
  assert.match(await preview.locator('.outline-tree').innerText(), /第3条（USBメモリの貸与）/);
  // the name is filled in from the text; the excerpt has no 附則, so no 施行日: the date under the
  // title is shown, and nothing is made until a 施行日 is given (in 和暦 as the 例規 writes it)
  assert.equal(await page.getByLabel('例規の名称').inputValue(), '御所市USBメモリ取扱規程');
  assert.match(await preview.innerText(), /施行日は本文から読めませんでした（3行目の制定日は平成28年4月1日）/);
  await page.getByLabel('自治体').fill('御所市');
  await page.locator('button.create-bundle').click();
  await page.getByText('施行日を 令和8年4月1日 または 2026-04-01 の形で入れてください').first().waitFor();
  assert.equal(await page.locator('.editor-title').count(), 0, 'no bundle without a 施行日');
  assert.doesNotMatch(await page.locator('main').innerText(), /version|必須の項目がありません/);
  await page.getByLabel(/^施行日/).fill('平成31年5月1日');
  await page.locator('button.create-bundle').click();
  await page.getByText('平成は平成31年4月30日までです').first().waitFor();
  await page.getByLabel(/^施行日/).fill('平成28年4月1日');
  await page.locator('button.create-bundle').click();
  await page.locator('.editor-title', { hasText: '御所市 御所市USBメモリ取扱規程 の点検' }).waitFor();

  // every 条・項・号 and duty starts open
  assert.match(await page.locator('.coverage-summary').innerText(), /未対応 \d+/);

  // select words of 第3条第1項 → an item citing it, the quote filled in
  await select(page, 'デジタル推進課長から貸与されたUSBメモリを使用しなければならない。');
  await page.locator('button.make-item').click();
  const form = page.locator('.item-form');
  await form.waitFor();
  assert.match(await form.locator('.cites').innerText(), /第3条第1項\s*「デジタル推進課長から貸与されたUSBメモリを使用しなければならない。」/);
  const question = form.locator('.item-text textarea');
  // drafted in the asking form, the actor (職員, not the 課長 who answers) named
  assert.equal(await question.inputValue(), '職員が、デジタル推進課長から貸与されたUSBメモリを使用していますか。');
  await question.fill('業務で使う電子計算機には、デジタル推進課長から貸与されたUSBメモリだけを接続していますか。');
  await form.locator('.item-guidance textarea').fill('USBメモリ貸与台帳と、課内で使っているUSBメモリを照らし合わせる。');

  // a draft item from the duty sentence of 第3条第2項 (所属長)
  const duty = page.locator('.reiki-text .line', { hasText: 'USBメモリ貸与申請書' });
  assert.match(await duty.locator('.mark.duty').first().innerText(), /所属長/);
  await duty.locator('button.duty-item').first().click();
  await page.locator('.item-form .cites', { hasText: '第3条第2項' }).waitFor();
  assert.equal(await page.locator('.item-form .item-text textarea').inputValue(),
    'USBメモリの貸与を受けようとするとき、USBメモリ貸与申請書(様式第1号)をデジタル推進課長に提出していますか。');
  await page.locator('.item-form .item-text textarea').fill('USBメモリの貸与を受けるとき、USBメモリ貸与申請書をデジタル推進課長に提出していますか。');

  // exclusions with reasons: 第1条 (目的), 第2条 (定義), 第3条第3項 (情報担当課の事務)
  for (const [label, reason] of [
    ['第1条', '目的規定（義務を定めない）'],
    ['第2条', '定義規定'],
    ['第3条第3項', 'デジタル推進課長（情報担当課）の事務で、課長の点検の対象外'],
  ]) {
    await page.getByRole('button', { name: `${label}を除外する` }).click();
    await page.locator('input.exclude-reason').fill(reason);
    await page.locator('form.exclude-form button[type=submit]').click();
    await page.locator('.mark.excluded', { hasText: reason }).waitFor();
  }

  // a 前提の質問 and a condition on the second item, with completion
  await page.getByRole('tab', { name: '構成' }).click();
  await page.locator('button.add-profile').click();
  await page.locator('.profile-id input').fill('usb');
  await page.locator('.profile-text input').fill('所管する事務で、USBメモリを使うことがありますか');
  await page.locator('.item-list button', { hasText: '3-2' }).click();
  const when = page.locator('.item-form .item-when input');
  await when.fill('u');
  await page.locator('.item-form button.completion', { hasText: 'usb' }).click();
  assert.equal(await when.inputValue(), 'usb ');
  // a typo is a problem with its place, shown at once; fixing it clears it
  await when.fill('usbb');
  await page.locator('.item-form .problems', { hasText: 'usbb' }).waitFor();
  assert.match(await page.locator('.item-form .problems').innerText(), /^「対象とする条件」：条件式の「usbb」は/);
  // typed with a trailing space, as a completion leaves it: saved without it (core normalises)
  await when.fill('usb ');
  await noErrors(page);

  // a problem reads as a sentence about the field on its screen, never the validator's path
  await page.locator('.bundle-version input').fill('');
  await page.locator('button.problem-count').click();
  const problemList = page.locator('.problem-list');
  await problemList.getByText('構成の「版（例規の施行日）」が入っていません').waitFor();
  assert.doesNotMatch(await problemList.innerText(), /version|checklists\[|必須の項目がありません/);
  await page.getByRole('button', { name: '元に戻す' }).click();
  await noErrors(page);

  // nothing left open
  await page.getByRole('tab', { name: '網羅の確認' }).click();
  assert.match(await page.locator('.coverage-source p.complete').innerText(), /未対応はありません/);
  await axe(page, 'editor coverage');

  // preview as a 課長: the condition hides the second item when answered いいえ
  await page.getByRole('tab', { name: /プレビュー/ }).click();
  const pv = page.locator('.preview');
  await pv.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  await pv.getByRole('button', { name: '次へ →' }).click();
  await pv.locator('input[name=profile-usb][value=no]').check();
  await pv.getByRole('button', { name: '次へ →' }).click();
  await pv.locator('.step h3', { hasText: '点検項目' }).waitFor();
  assert.equal(await pv.locator('input[name="answer-3"]').count() > 0, true);
  // not asked when no USB memory is used: shown as 対象外, its answers disabled
  assert.match(await pv.locator('#item-3-2 .status').innerText(), /対象外/);
  assert.equal(await pv.locator('input[name="answer-3-2"]').first().isDisabled(), true);
  assert.equal(await pv.locator('input[name="answer-3"]').first().isDisabled(), false);
  // the preview's answers are never kept
  const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tenken/v1/draft/')));
  assert.deepEqual(drafts, []);

  // export: JSON, and bundle.toml + source.txt
  await page.getByRole('tab', { name: '書き出し' }).click();
  const out = dir();
  const json = await download(page, () => page.locator('button.export-json').click(), out);
  const toml = await download(page, () => page.locator('button.export-toml').click(), out);
  const src = await download(page, () => page.locator('button.export-source').click(), out);
  assert.equal(path.basename(toml), 'bundle.toml');
  assert.equal(path.basename(src), 'source.txt');
  assert.equal(readFileSync(src, 'utf8'), readFileSync(GOSE, 'utf8').replace(/\n+$/, '\n'), 'the source is the 例規 as imported (already normal)');
  const bundle = JSON.parse(readFileSync(json, 'utf8'));
  assert.equal(bundle.exclude.length, 3);
  assert.equal(bundle.checklists[0].profile[0].id, 'usb');
  const conditioned = bundle.checklists[0].sections.flatMap((x) => x.items).find((i) => i.id === '3-2');
  assert.equal(conditioned.when, 'usb', 'the condition is saved without the trailing space');

  // the CLI reads both exports as the same bundle
  const tenken = (args) => spawnSync('cargo', ['run', '-q', '--bin', 'tenken', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
  const fromToml = path.join(out, 'from-toml.json');
  let r = tenken(['bundle', 'build', out, '-o', fromToml]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(fromToml, 'utf8')), bundle);
  r = tenken(['bundle', 'coverage', json]);
  assert.equal(r.status, 0, r.stdout + r.stderr);

  // a 課長 opens the export and completes its 点検
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-bundle-input').setInputFiles(json);
  await page.locator('main h2', { hasText: 'USBメモリ' }).waitFor();
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  await page.getByLabel('対象年度').fill('2026');
  await page.getByLabel('課名').fill('市民課');
  await page.getByLabel('課名').press('Tab');
  await page.keyboard.type('御所 花子');
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-usb][value=yes]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-3"][value=conforming]').check();
  await page.locator('input[name="answer-3-2"][value=conforming]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  assert.equal(await page.locator('p.complete').innerText(), 'すべての項目に回答しました。');

  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('bundle.toml and source.txt picked together open in the editor and on the start screen, no CLI', async () => {
  const out = dir();
  const r = spawnSync('cargo', ['run', '-q', '--bin', 'tenken', '--', 'bundle', 'export', path.join(ROOT, 'tests/fixtures/mini'), '-o', out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const files = [path.join(out, 'bundle.toml'), path.join(out, 'source.txt')];
  const { page, context, errors } = await openApp(browser, { url: KANRI_URL });
  // the 課長's start screen
  await page.locator('input.open-bundle-input').setInputFiles(files);
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
  // bundle.toml alone: says what is missing
  await page.getByRole('button', { name: 'tenken' }).click();
  await page.locator('input.open-bundle-input').setInputFiles(files[0]);
  await page.getByText('一緒に選ばれていません').first().waitFor();
  // the editor opens it for editing
  await openEditor(page);
  await page.locator('input.edit-bundle-file').setInputFiles(files);
  await page.locator('.editor-title', { hasText: 'テスト用' }).waitFor();
  await noErrors(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the five built-in 例規 import with a tree that holds every article their bundles cite; a saved 例規集 page uses its markup', async () => {
  const { page, context, errors } = await openApp(browser, { url: KANRI_URL });
  await page.locator('#tenken-bundles[data-ready="1"]').waitFor({ state: 'attached' });
  const bundles = await page.evaluate(() => JSON.parse(document.getElementById('tenken-bundles').textContent));
  assert.equal(bundles.length, 5);
  await openEditor(page);
  for (const b of bundles) {
    const source = b.sources[0];
    await page.locator('textarea.reiki-paste').fill(source.text);
    const preview = page.locator('.import-preview');
    await preview.waitFor();
    const tree = await preview.locator('.outline-tree').evaluate((el) => el.textContent);
    const cited = new Set();
    for (const list of b.checklists) for (const sec of list.sections) for (const item of sec.items) {
      for (const c of item.cite) if (c.source === source.id) cited.add(c.article);
    }
    assert.ok(cited.size > 5, `${b.id} cites articles`);
    const label = (a) => { const [n, ...sub] = a.split('-'); return `第${n}条${sub.map((x) => `の${x}`).join('')}`; };
    const missing = [...cited].filter((a) => !tree.includes(label(a)));
    // 四万十市's text lost the headers of 第2条 and 第11条 (a defect of the seed, reported as such)
    const known = b.id.startsWith('shimanto') ? ['2', '11'] : [];
    assert.deepEqual(missing.filter((a) => !known.includes(a)), [], `${b.id}: cited articles missing from the tree`);
  }
  // a page saved from a 例規集 (reiki_honbun): its 条・項・号 markup is used
  await page.locator('input.reiki-file').setInputFiles(path.join(FIXTURES, 'reiki-base.html'));
  await page.locator('.import-preview', { hasText: 'ページの条・項・号の印を使いました' }).waitFor();
  assert.match(await page.locator('.import-preview').innerText(), /附則|条 \d+/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Shift_JIS text, hostile HTML, a text that is not a 例規 and a 10 MB file: each says what it is, nothing runs or is fetched', async () => {
  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await openEditor(page);
  const out = dir();

  // Shift_JIS (as a municipal PC saves it): detected and converted
  const sjis = path.join(out, 'gose-sjis.txt');
  const iconv = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'SHIFT_JIS', GOSE, '-o', sjis]);
  assert.equal(iconv.status, 0, String(iconv.stderr));
  await page.locator('input.reiki-file').setInputFiles(sjis);
  await page.getByText('Shift_JIS として読み込みました').waitFor();
  assert.match(await page.locator('.import-preview').innerText(), /条 3・項 5・号 4/);
  assert.ok((await page.locator('textarea.reiki-paste').inputValue()).includes('御所市USBメモリ取扱規程'));

  // hostile HTML: text only — no dialog, no request, no element of its own
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.locator('input.reiki-file').setInputFiles(path.join(FIXTURES, 'hostile.html'));
  await page.getByText('hostile.html」を UTF-8 として読み込みました').waitFor();
  await page.locator('.import-preview, .import-refused').first().waitFor();
  const pasted = await page.locator('textarea.reiki-paste').inputValue();
  assert.ok(pasted.includes('<'), 'the page itself is kept as text until the bundle is made');
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('main iframe, main script, main img').count(), 0);

  // not a 例規
  await page.locator('textarea.reiki-paste').fill('議事録\n1 出席者\n2 議題\n');
  await page.locator('.import-refused', { hasText: '条（「第1条」など）が一つも見つかりません' }).waitFor();
  await page.locator('button.create-bundle').click();
  await page.locator('main h2', { hasText: '規則エディタ' }).waitFor();
  assert.equal(await page.locator('.editor-title').count(), 0, 'no bundle is made from it');

  // 10 MB: refused by size before it is read
  const big = path.join(out, 'big.txt');
  writeFileSync(big, Buffer.alloc(10 * 1024 * 1024 + 1, 0x61));
  await page.locator('input.reiki-file').setInputFiles(big);
  await page.getByText(/big\.txt」: .*大きすぎ|big\.txt」: .*MB/).first().waitFor();

  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 住基ネット委託管理規程 pasted: its name and 施行日 filled in, its duties drafted as questions a reviewer can take', async () => {
  const { page, context, requests, errors } = await openApp(browser, { url: KANRI_URL });
  await openEditor(page);
  const text = readFileSync(path.join(FIXTURES, 'koryo-juki-itaku.txt'), 'utf8');
  await page.locator('textarea.reiki-paste').fill(text);
  const preview = page.locator('.import-preview');
  await preview.waitFor();
  // read from the paste: the name from its first line, the 施行日 (和暦) from its 附則
  assert.match(await preview.innerText(), /施行日：平成14年8月5日（2002-08-05、/);
  assert.equal(await page.getByLabel('例規の名称').inputValue(), '住民基本台帳ネットワークシステム委託管理規程');
  assert.equal(await page.getByLabel(/^施行日/).inputValue(), '平成14年8月5日');
  // without a 自治体 or a name, a sentence under the field says so, never a path
  await page.getByLabel('例規の名称').fill('');
  await page.locator('button.create-bundle').click();
  await page.getByText('例規の名称を入れてください').first().waitFor();
  await page.getByText('自治体の名前を入れてください').first().waitFor();
  assert.doesNotMatch(await page.locator('main').innerText(), /title|municipality|必須の項目がありません/);
  await page.getByLabel('自治体').fill('広陵町');
  await page.getByLabel('例規の名称').fill('住民基本台帳ネットワークシステム委託管理規程');
  await page.locator('button.create-bundle').click();
  await page.locator('.editor-title', { hasText: '広陵町' }).waitFor();
  // the actor is the whole noun phrase
  const first = page.locator('.reiki-text .line', { hasText: '第1条 住民基本台帳ネットワークシステムを管理し' });
  assert.match(await first.locator('.mark.duty').first().innerText(), /義務（住民基本台帳ネットワークシステムを管理し、又は利用する部署の長）/);
  await first.locator('button.duty-item').first().click();
  const question = page.locator('.item-form .item-text textarea');
  await question.waitFor();
  assert.equal(await question.inputValue(),
    '外部委託をしようとするとき、あらかじめ、委託を受けようとする者における情報の保護に関する管理体制等について調査していますか。');
  // 第3条: the 契約書 is what the duty writes to; one item per 号, without its number
  const third = page.locator('.reiki-text .line', { hasText: '第3条 外部委託に係る契約書には' });
  assert.match(await third.locator('.mark.duty').first().innerText(), /義務（外部委託に係る契約書）/);
  await third.locator('button.duty-item').first().click();
  await page.getByRole('tab', { name: '構成' }).click();
  for (const n of [1, 2, 3, 4, 5]) await page.locator('.item-list button', { hasText: `3-1-${n}` }).waitFor();
  await page.locator('.item-list button', { hasText: '3-1-4' }).click();
  assert.equal(await page.locator('.item-form .item-text textarea').inputValue(),
    '外部委託に係る契約書に、情報の保護に関し、情報の秘密保持に関する事項を明記していますか。');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every edit is kept at once: undo, redo, and a reload mid-typing lose nothing', async () => {
  const { page, context, errors } = await openApp(browser, { url: KANRI_URL });
  await openEditor(page);
  await page.locator('input.reiki-file').setInputFiles(GOSE);
  await page.locator('.import-preview').waitFor();
  await page.getByLabel('自治体').fill('御所市');
  await page.getByLabel(/^施行日/).fill('2016-04-01');
  await page.locator('button.create-bundle').click();
  await page.locator('.editor-title').waitFor();
  await select(page, 'USBメモリ貸与申請書(様式第1号)をデジタル推進課長に提出するものとする。');
  await page.locator('button.make-item').click();
  const question = page.locator('.item-form .item-text textarea');
  await question.fill('申請書を提出していますか。');
  // evidence keeps a new empty line while typing (one record per line)
  const evidence = page.locator('.item-form .item-evidence textarea');
  await evidence.click();
  await page.keyboard.type('USBメモリ貸与申請書');
  await page.keyboard.press('Enter');
  await page.keyboard.type('USBメモリ貸与台帳');
  assert.equal(await evidence.inputValue(), 'USBメモリ貸与申請書\nUSBメモリ貸与台帳');

  // undo takes back the typing, redo brings it again
  await page.getByRole('button', { name: '元に戻す' }).click();
  assert.equal(await evidence.inputValue(), '');
  await page.getByRole('button', { name: 'やり直す' }).click();
  assert.equal(await evidence.inputValue(), 'USBメモリ貸与申請書\nUSBメモリ貸与台帳');

  // typed, then reloaded 400 ms later without leaving the field
  await question.click();
  await page.keyboard.type('（年度ごと）');
  await page.waitForTimeout(400);
  await page.reload();
  await page.locator('main h2').first().waitFor();
  // the address names the project: the reload comes back to it
  assert.match(new URL(page.url()).hash, /^#\/editor\/./);
  await page.locator('.editor-title', { hasText: '御所市' }).waitFor();
  await page.getByRole('tab', { name: '構成' }).click();
  await page.locator('.item-list button', { hasText: '3-2' }).click();
  assert.equal(await page.locator('.item-form .item-text textarea').inputValue(), '申請書を提出していますか。（年度ごと）');
  assert.deepEqual(errors, []);
  await context.close();
});
