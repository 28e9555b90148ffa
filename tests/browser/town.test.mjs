// Issue #32: a town's 情報担当課 alone, from its 例規集 page to a published tenken file and a
// trusted 集計 — counting what a person does. 広陵町's 住民基本台帳ネットワークシステム委託管理規程
// (tests/fixtures/reiki/koryo-juki-itaku.txt, not among the five built-in bundles) is pasted
// into the 規則エディタ of tenken-kanri.html; 「はじめての方へ」 leads from the key to 集計; 公開
// writes tenken_広陵町.html and the signed bundle file with one passphrase; a 課長 opens the
// published file from file:// on another PC (a fresh browser context), makes a key and signs
// a completed 点検; 集計 takes the 課長's registration, the signed bundle file as the official
// bundle and the signed result, which counts. Every click, every field typed into (its key
// presses one action) and every file picked or opened is counted; the path is bounded well
// under the 175 actions the first user needed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, ROOT, KANRI_URL, axe } from './lib.mjs';

const REIKI = path.join(ROOT, 'tests/fixtures/reiki/koryo-juki-itaku.txt');
const OFFICE_PASS = 'sora no ao umi no ao 2026';
const KACHO_PASS = 'yama no midori kawa no oto 2026';
/** The most actions the path may take (the first user: ~175). */
const BOUND = 60;

let browser;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-town-'));
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Counts what a person does: a click, a field typed into, a file picked or opened. */
function actions() {
  const log = [];
  const act = {
    log,
    get count() { return log.length; },
    async click(locator, what) { log.push(`click: ${what}`); await locator.click(); },
    async type(locator, text, what) { log.push(`type: ${what}`); await locator.fill(text); },
    async check(locator, what) { log.push(`click: ${what}`); await locator.check(); },
    async pick(locator, files, what) { log.push(`pick: ${what}`); await locator.setInputFiles(files); },
    opened(what) { log.push(`open: ${what}`); },
    /** A click that saves a file: the click is the action. */
    async save(page, locator, what) {
      const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), act.click(locator, what)]);
      const file = path.join(dir, d.suggestedFilename());
      await d.saveAs(file);
      return { name: d.suggestedFilename(), file };
    },
  };
  return act;
}

/** The guide's steps as `{ id: standing }`. */
async function standings(page) {
  await page.locator('.guide-steps').waitFor();
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.guide-step')].map((li) => {
    const [, id, standing] = li.className.split(' ');
    return [id, standing];
  })));
}

test('a town alone: pasted 例規 → published tenken file → a 課長\'s signed result → a trusted 集計, in few actions', async (t) => {
  const act = actions();
  const { page, requests, errors } = await openApp(browser, { url: KANRI_URL });
  act.opened('tenken-kanri.html');

  // 「はじめての方へ」: nothing done yet, the key first
  await act.click(page.locator('button.header-guide'), 'はじめての方へ');
  assert.deepEqual(await standings(page), {
    key: 'next', bundle: 'later', coverage: 'later', publish: 'later', roster: 'later', review: 'later',
  });
  await axe(page, 'guide');
  await act.click(page.locator('.guide-step.key .guide-go'), '署名の鍵へ');
  await act.type(page.getByLabel('課名'), '総務課', '課名');
  await act.type(page.getByLabel('氏名'), '広陵 一郎', '氏名');
  await act.type(page.getByLabel('パスフレーズ（12 文字以上）'), OFFICE_PASS, 'パスフレーズ');
  await act.type(page.getByLabel('パスフレーズ（確認）'), OFFICE_PASS, 'パスフレーズ（確認）');
  await act.save(page, page.getByRole('button', { name: '鍵を作る' }), '鍵を作る');

  // the 例規 pasted as copied from the 例規集 page; only the 自治体 is typed
  await act.click(page.locator('button.header-editor'), '規則エディタ');
  await axe(page, 'editor start screen');
  await act.type(page.locator('textarea.reiki-paste'), readFileSync(REIKI, 'utf8'), '例規の本文（貼り付け）');
  await page.locator('.import-preview').waitFor();
  assert.equal(await page.getByLabel('例規の名称').inputValue(), '住民基本台帳ネットワークシステム委託管理規程');
  assert.equal(await page.getByLabel(/^施行日/).inputValue(), '平成14年8月5日');
  await act.type(page.getByLabel('自治体'), '広陵町', '自治体');
  await act.click(page.locator('button.create-bundle'), 'この例規で規則を作る');
  await page.locator('.editor-title', { hasText: '広陵町' }).waitFor();

  // a question from each duty sentence (第3条: one per 号), 第5条 excluded with its reason
  for (const article of ['第1条', '第2条', '第3条', '第4条']) {
    const line = page.locator('.reiki-text .line', { hasText: `${article} ` }).first();
    await act.click(line.locator('button.duty-item').first(), `${article}の義務から項目を作る`);
    await page.locator('.item-form .cites', { hasText: article }).waitFor();
  }
  await act.click(page.getByRole('button', { name: '第5条を除外する' }), '第5条を除外する');
  await act.type(page.locator('input.exclude-reason'), '施行の細目（義務を定めない）', '除外の理由');
  await act.click(page.locator('form.exclude-form button[type=submit]'), '除外する');
  await page.locator('.mark.excluded', { hasText: '施行の細目' }).waitFor();
  await page.locator('.problems-bar', { hasText: /誤りはありません|誤り 0 件/ }).waitFor();
  // the problems the editor shows speak of fields, never of paths
  assert.doesNotMatch(await page.locator('.editor-bar').innerText(), /checklists\[|items\[|version:/);

  // the guide: key, bundle and coverage done; 公開 next, one click away
  await act.click(page.locator('button.header-guide'), 'はじめての方へ');
  const midway = await standings(page);
  assert.deepEqual(midway, {
    key: 'done', bundle: 'done', coverage: 'done', publish: 'next', roster: 'later', review: 'later',
  }, await page.locator('.guide-steps').innerText());
  await act.click(page.locator('.guide-step.publish .guide-go'), '公開へ');
  assert.equal(await page.locator('input.publisher-name').inputValue(), '広陵町 総務課');
  // one passphrase for the published file and the signed bundle file
  await act.type(page.locator('input.publish-pass'), OFFICE_PASS, '鍵のパスフレーズ');
  const published = await act.save(page, page.locator('button.publish-page'), 'tenken.html を保存');
  assert.equal(published.name, 'tenken_広陵町.html');
  await page.locator('.key-open').waitFor();
  const signedBundle = await act.save(page, page.locator('button.publish-signed'), '署名した規則ファイルを保存');
  assert.match(signedBundle.name, /_2002-08-05\.tenken-bundle\.json$/);
  assert.equal(JSON.parse(readFileSync(signedBundle.file, 'utf8')).format, 'tenken-signed-bundle/1');

  // a 課長, on another PC: the published file from file://
  let registration, result;
  {
    const kacho = await openApp(browser, { url: pathToFileURL(published.file).href });
    const p = kacho.page;
    act.opened('tenken_広陵町.html');
    await act.click(p.getByRole('button', { name: '署名の鍵' }), '署名の鍵');
    await act.type(p.getByLabel('課名'), '住民課', '課名');
    await act.type(p.getByLabel('氏名'), '広陵 花子', '氏名');
    await act.type(p.getByLabel('パスフレーズ（12 文字以上）'), KACHO_PASS, 'パスフレーズ');
    await act.type(p.getByLabel('パスフレーズ（確認）'), KACHO_PASS, 'パスフレーズ（確認）');
    await act.save(p, p.getByRole('button', { name: '鍵を作る' }), '鍵を作る');
    registration = await act.save(p, p.getByRole('button', { name: '登録ファイルを書き出す' }), '登録ファイルを書き出す');
    await act.click(p.getByRole('button', { name: 'tenken' }), 'tenken（最初の画面）');
    const rows = p.locator('table.bundles tbody tr');
    assert.equal(await rows.count(), 1, 'only the town\'s bundle');
    await act.click(rows.first().getByRole('button'), '規則を開く');
    assert.match(await p.locator('dd.provenance').getAttribute('class'), /published/);
    assert.match(await p.locator('dd.provenance').innerText(), /広陵町 総務課 が発行/);
    await act.click(p.getByRole('button', { name: '新しく始める' }), '新しく始める');
    for (const [label, value] of [['課名', '住民課'], ['氏名', '広陵 花子'], ['対象年度', '2026']]) {
      const field = p.getByLabel(label);
      if ((await field.inputValue()) !== value) await act.type(field, value, label);
    }
    await act.click(p.getByRole('button', { name: '次へ →' }), '次へ');
    const answers = p.locator('input[name^="answer-"][value=conforming]');
    await answers.first().waitFor();
    const n = await answers.count();
    assert.equal(n, 8, 'one item per duty, five for 第3条\'s 号');
    for (let i = 0; i < n; i++) await act.check(answers.nth(i), `適合 ${i + 1}`);
    await act.click(p.locator('nav.steps').getByRole('button', { name: 'まとめ' }), 'まとめ');
    await p.locator('p.complete').waitFor();
    await act.type(p.getByLabel('鍵のパスフレーズ'), KACHO_PASS, '鍵のパスフレーズ');
    result = await act.save(p, p.getByRole('button', { name: '署名して提出ファイルを書き出す' }), '署名して提出');
    assert.deepEqual(kacho.requests, [], 'the published file makes no request');
    assert.deepEqual(kacho.errors, []);
    await kacho.context.close();
  }

  // 集計: the registration into the roster, saved; the signed bundle file official; the result
  await act.click(page.locator('button.header-review'), '集計');
  await act.pick(page.locator('input.roster-input'), registration.file, '登録ファイル');
  await page.locator('table.roster tbody tr').first().waitFor();
  const rosterFile = await act.save(page, page.getByRole('button', { name: '登録簿を保存' }), '登録簿を保存');
  // the roster's own name, never the registration's (saving there would overwrite the 課長's file)
  assert.match(rosterFile.name, /^登録簿_\d{4}-\d{2}-\d{2}\.tenken-roster\.json$/);
  assert.notEqual(rosterFile.name, registration.name);
  await act.pick(page.locator('input.official-input'), signedBundle.file, '公式の規則（署名した規則ファイル）');
  await page.locator('.official-list li').first().waitFor();
  await act.pick(page.locator('input.results-input'), result.file, '結果ファイル');
  const summary = page.locator('.review-summary [role=status] ul');
  await summary.waitFor();
  assert.equal((await summary.innerText()).trim(), "有効：1 件", "the 課長's result counts");
  assert.equal(await page.locator('.content-unchecked').count(), 0, 'the content was checked against the official bundle');
  // 「この町の規則を公式とする」 pins exactly the bundle the town published (not the samples)
  await page.locator('.official-list').getByRole('button', { name: '外す' }).click();
  await page.locator('.official-none').waitFor();
  await page.getByRole('button', { name: 'この町の規則を公式とする' }).click();
  const pinned = page.locator('.official-list li');
  await pinned.first().waitFor();
  assert.equal(await pinned.count(), 1, await page.locator('.official-list').innerText());
  assert.match(await pinned.innerText(), /この町が公開した規則/);
  await page.locator('.review-summary [role=status] ul', { hasText: '有効：1 件' }).waitFor();
  assert.equal(await page.locator('.content-unchecked').count(), 0);

  // every step done
  await act.click(page.locator('button.header-guide'), 'はじめての方へ');
  assert.deepEqual(Object.values(await standings(page)), ['done', 'done', 'done', 'done', 'done', 'done'],
    await page.locator('.guide-steps').innerText());
  assert.match(await page.locator('.guide-progress').innerText(), /6 の手順のうち 6 が済んでいます/);

  t.diagnostic(`actions from the 例規 to the 集計: ${act.count} (bound ${BOUND}; the issue's first user: ~175)`);
  t.diagnostic(act.log.join(' / '));
  assert.ok(act.count <= BOUND, `${act.count} actions: ${act.log.join(', ')}`);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
});
