// The 課長's walk-through in the single file from file://: a 点検 completed by keyboard
// alone, a contract with a missing clause, drafts that survive a reload and stay apart,
// corrupt storage, hostile bundle text, the print view, and an axe-core scan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openApp, miniBundleJson, tempFile, tabTo, axe } from './lib.mjs';


let browser;
let miniFile;
let mini;
before(async () => {
  browser = await launch();
  mini = await miniBundleJson();
  miniFile = await tempFile('mini.json', mini);
});
after(async () => { await browser?.close(); });

async function openMini(page) {
  await page.locator('input[type=file]').first().setInputFiles(miniFile);
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
}

test('a complete 点検 by keyboard alone reaches a complete summary', async () => {
  const { page, context, requests, errors } = await openApp(browser);
  await axe(page, 'home');
  await openMini(page);
  await axe(page, 'bundle');
  const kb = page.keyboard;
  await tabTo(page, page.getByRole('button', { name: '新しく始める' }));
  await kb.press('Enter');
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();

  // 対象年度 typed in 西暦 reads back in 和暦; typed in 和暦 it is stored as the year
  await tabTo(page, page.getByLabel('対象年度'));
  await kb.type('2026');
  await tabTo(page, page.getByLabel('課名'));
  assert.equal(await page.getByLabel('対象年度').inputValue(), '令和8年度');
  assert.match(await page.locator('.wareki').innerText(), /2026年度/);
  await page.getByLabel('対象年度').fill('令和７');
  assert.equal(await page.getByLabel('対象年度').inputValue(), '令和７');
  await page.getByLabel('対象年度').fill('来年度');
  assert.match(await page.locator('.field:has(#subject-year) [role=alert]').innerText(), /年度として読めません/);
  await page.getByLabel('対象年度').fill('令和8年度');
  await page.getByLabel('対象年度').press('Tab');
  assert.equal(await page.getByLabel('対象年度').inputValue(), '令和8年度');
  await tabTo(page, page.getByLabel('課名'));
  await kb.type('情報政策課');
  await kb.press('Tab');
  await kb.type('目黒 太郎');
  await tabTo(page, page.getByRole('button', { name: '次へ →' }));
  await kb.press('Enter');

  // profile: はい for personal, あり for mynumber (arrow keys move within a radio group)
  await page.locator('.step h3', { hasText: '前提の質問' }).waitFor();
  await tabTo(page, page.locator('input[name=profile-personal]').first());
  await kb.press('Space');
  await kb.press('Tab');
  await kb.press('ArrowRight');
  assert.equal(await page.locator('input[name=profile-mynumber][value=some]').isChecked(), true);
  await tabTo(page, page.getByRole('button', { name: '次へ →' }));
  await kb.press('Enter');

  // the section: digits answer the focused item
  await page.locator('.step h3', { hasText: '安全管理' }).waitFor();
  await axe(page, 'section');
  await tabTo(page, page.locator('input[name="answer-13-1"]').first());
  await kb.press('1');
  assert.equal(await page.locator('input[name="answer-13-1"][value=conforming]').isChecked(), true);
  await tabTo(page, page.locator('input[name="answer-13-3"]').first());
  await kb.press('3');
  assert.equal(await page.locator('input[name="answer-13-3"][value=nonconforming]').isChecked(), true);
  assert.match(await page.locator('#item-13-3 .status').innerText(), /改善計画/);
  await tabTo(page, page.locator('#item-13-3 input.plan-action'));
  await kb.type('参照権限を見直す');
  await kb.press('Tab');
  await kb.type('係長');
  await kb.press('Tab');
  await kb.type('令和9年3月31日');
  await kb.press('Tab');
  assert.equal(await page.locator('#item-13-3 input.plan-due').inputValue(), '2027-03-31');
  await page.locator('#item-13-3 .status.done').waitFor();
  await tabTo(page, page.locator('input[name="answer-14"]').first());
  await kb.press('1');

  await tabTo(page, page.getByRole('button', { name: '次へ →' }));
  await kb.press('Enter');
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  assert.equal(await page.locator('p.complete').innerText(), 'すべての項目に回答しました。');
  assert.match(await page.locator('table.plans').innerText(), /参照権限を見直す[\s\S]*係長[\s\S]*令和9年3月31日/, 'the due date in 和暦, as on paper');
  await axe(page, 'summary');

  // print view: applicable items only, a 和暦 date
  await page.locator('nav.steps').getByRole('button', { name: '印刷' }).click();
  const print = await page.locator('article.print-view').innerText();
  assert.match(print, /令和\d+年\d+月\d+日/);
  assert.match(print, /令和8年度/);
  // items are numbered by the place they cite, never by their internal id
  assert.match(print, /第13条第1項第1号/);
  assert.match(print, /第14条第1項/);
  assert.doesNotMatch(print, /13-1/);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 期限 that is no date is said as such, not as a missing plan', async () => {
  const { page, context, errors } = await openApp(browser);
  await openMini(page);
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-personal][value=yes]').check();
  await page.locator('input[name=profile-mynumber][value=none]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-13-1"][value=nonconforming]').check();
  const status = page.locator('#item-13-1 .status');
  assert.equal(await status.innerText(), '改善計画（内容・担当・期限）を入力してください');
  await page.locator('#item-13-1 input.plan-action').fill('参照権限を見直す');
  await page.locator('#item-13-1 input.plan-owner').fill('係長');
  for (const due of ['2026-02-31', '来年3月']) {
    await page.locator('#item-13-1 input.plan-due').fill(due);
    await page.locator('#item-13-1 input.plan-due').press('Tab');
    assert.match(await status.innerText(), /^期限の日付が読めません。/, due);
    assert.equal(await page.locator('#item-13-1 input.plan-due').inputValue(), due, 'kept as typed');
  }
  await page.locator('#item-13-1 input.plan-due').fill('令和9年3月31日');
  await page.locator('#item-13-1 input.plan-due').press('Tab');
  await page.locator('#item-13-1 .status.done').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('まとめ names what the subject lacks, and nothing is signed without it', async () => {
  const { page, context, requests, errors } = await openApp(browser);
  await openMini(page);
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  // 氏名 only: no 課名, no 年度
  await page.getByLabel('氏名').fill('山田 太郎');
  await page.getByLabel('氏名').press('Tab');
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-personal][value=no]').check();
  await page.locator('input[name=profile-mynumber][value=none]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-14"][value=done]').check();
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  // every item is answered, yet the draft is not complete: the subject says why
  const open = page.locator('ul.open-items');
  assert.deepEqual(await open.locator('li').allInnerTexts(), ['対象: 課名が未入力です', '対象: 対象年度が未入力です']);
  assert.equal(await page.locator('p.complete').count(), 0);
  assert.match(await page.locator('p.incomplete').innerText(), /未完了が 2 件あります/);
  // no way to sign or hand in a result
  for (const name of ['署名して提出ファイルを書き出す', '署名の鍵を作る・読み込む', '結果ファイルを書き出す（署名なし）']) {
    assert.equal(await page.getByRole('button', { name }).count(), 0, name);
  }
  // the entry leads to the form; once given, the summary is complete and offers signing
  await open.getByRole('button', { name: '対象: 課名が未入力です' }).click();
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByLabel('課名').press('Tab');
  await page.getByLabel('対象年度').fill('2026');
  await page.getByLabel('対象年度').press('Tab');
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  assert.equal(await page.locator('p.complete').innerText(), 'すべての項目に回答しました。');
  assert.equal(await page.locator('ul.open-items').count(), 0);
  await page.getByRole('button', { name: '署名の鍵を作る・読み込む' }).waitFor();
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a result of 40,000 items (a checklist holds 2,000) is refused at once, with the numbers', async () => {
  const { page, context, requests, errors } = await openApp(browser);
  const { templateResult } = await import('./minisign.mjs');
  const r = templateResult();
  const one = r.items[0];
  r.items = Array.from({ length: 40000 }, (_, i) => ({ ...one, id: `i${i}` }));
  const file = await tempFile('items-40000.tenken-result.json', JSON.stringify(r));
  const started = Date.now();
  await page.locator('input.open-result-input').setInputFiles(file);
  const alert = page.locator('p[role=alert]', { hasText: 'items-40000.tenken-result.json' });
  await alert.waitFor({ timeout: 5000 });
  const ms = Date.now() - started;
  assert.match(await alert.innerText(), /点検項目（items）が 40000 個あり、結果ファイルが持てる数（2000 個）を超えています/);
  assert.ok(ms < 5000, `refused after ${ms} ms`);
  assert.equal(await page.locator('main h2').innerText(), '規則を選ぶ', 'still on the start screen');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a contract with a missing required clause must add it before signing', async () => {
  const { page, context, errors } = await openApp(browser);
  await openMini(page);
  await page.getByRole('tab', { name: /委託契約/ }).click();
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.locator('.step h3', { hasText: '契約の概要' }).waitFor();
  await page.getByLabel('件名').fill('住民記録システム保守');
  await page.getByLabel('件名').press('Tab');
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-tokutei][value=yes]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-20-1-1"][value=stated]').check();
  await page.locator('#item-20-1-1 input.clause-ref').fill('第5条');
  await page.locator('#item-20-1-1 input.clause-ref').press('Tab');
  await page.locator('input[name="answer-20-2-1"][value=missing]').check();
  assert.match(await page.locator('#item-20-2-1 .must-add').innerText(), /追加/);
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  const verdict = await page.locator('.verdict').innerText();
  assert.match(verdict, /締結前に次の条項を契約書に追加してください/);
  assert.match(verdict, /第20条第2項第1号/);
  assert.doesNotMatch(verdict, /第20条第1項第1号/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('drafts survive a reload and do not bleed into each other', async () => {
  const { page, context, errors } = await openApp(browser);
  await openMini(page);
  // draft A: 14 answered
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.getByLabel('課名').fill('A課');
  await page.getByLabel('課名').press('Tab');
  await page.locator('nav.steps').getByRole('button', { name: /安全管理/ }).click();
  await page.locator('input[name="answer-14"][value=done]').check();
  await page.locator('#item-14 textarea').fill('研修記録あり');
  await page.locator('#item-14 textarea').press('Tab');
  // draft B: nothing answered
  await page.getByRole('button', { name: '下書きの一覧へ' }).click();
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.getByLabel('課名').fill('B課');
  await page.getByLabel('課名').press('Tab');
  await page.locator('nav.steps').getByRole('button', { name: /安全管理/ }).click();
  assert.equal(await page.locator('input[name="answer-14"][value=done]').isChecked(), false);

  // a reload returns to draft B's step; the bundle's drafts list both
  await page.reload();
  await page.locator('.step h3', { hasText: '安全管理' }).waitFor();
  assert.equal(await page.locator('input[name="answer-14"][value=done]').isChecked(), false);
  await page.getByRole('button', { name: '下書きの一覧へ' }).click();
  const rows = page.locator('table.drafts tbody tr');
  assert.equal(await rows.count(), 2);
  // 続ける returns to the step A was left at
  await rows.filter({ hasText: 'A課' }).getByRole('button', { name: '続ける' }).click();
  await page.locator('.step h3', { hasText: '安全管理' }).waitFor();
  assert.equal(await page.locator('input[name="answer-14"][value=done]').isChecked(), true);
  assert.equal(await page.locator('#item-14 textarea').inputValue(), '研修記録あり');
  await page.locator('nav.steps').getByRole('button', { name: '対象' }).click();
  assert.equal(await page.getByLabel('課名').inputValue(), 'A課');
  assert.deepEqual(errors, []);
  await context.close();
});

test('corrupt or foreign storage never stops the app', async () => {
  const { page, context, errors } = await openApp(browser);
  await page.evaluate(() => {
    localStorage.setItem('tenken/v1/draft/bad', '{not json');
    localStorage.setItem('tenken/v1/draft/newer', JSON.stringify({ schema: 99, id: 'newer' }));
    localStorage.setItem('other-app', 'left alone');
  });
  await page.reload();
  await page.locator('main h2').first().waitFor();
  const alert = await page.locator('.storage-issue').innerText();
  assert.match(alert, /読めない下書きが 2 件/);
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.ok(keys.some((k) => k.startsWith('tenken/v1/aside/')), 'kept aside, not deleted');
  assert.ok(!keys.includes('tenken/v1/draft/bad'));
  assert.ok(keys.includes('other-app'));
  assert.equal(await page.locator('main h2').innerText(), '規則を選ぶ');
  assert.deepEqual(errors, []);
  await context.close();
});

test('markup in bundle text is shown as text', async () => {
  const { page, context, errors } = await openApp(browser);
  const b = JSON.parse(mini);
  b.title = '<script>window.pwned=1</script>タイトル';
  b.checklists[0].sections[0].items[2].text = '<img src=x onerror="window.pwned=1">研修';
  b.checklists[0].sections[0].title = '<b>安全</b>管理';
  const file = await tempFile('hostile.json', JSON.stringify(b));
  await page.locator('input[type=file]').first().setInputFiles(file);
  await page.locator('main h2', { hasText: '<script>' }).waitFor();
  await page.getByRole('button', { name: '項目の一覧を表示' }).click();
  assert.match(await page.locator('main').innerText(), /<img src=x onerror="window.pwned=1">研修/);
  assert.equal(await page.locator('main img, main b').count(), 0);
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.locator('nav.steps').getByRole('button', { name: /<b>安全<\/b>管理/ }).click();
  assert.equal(await page.locator('main img, main b').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new draft starts from last year\'s result: carried answers marked, changed items flagged', async () => {
  const { page, context, errors } = await openApp(browser);
  await openMini(page);
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
  await page.locator('#item-14 textarea').fill('年1回の研修');
  await page.locator('#item-14 textarea').press('Tab');
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /結果ファイルを書き出す/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^情報政策課_点検_\d{4}-\d{2}-\d{2}\.tenken-result\.json$/);
  const saved = await tempFile('last-year.json', readFileSync(await download.path(), 'utf8'));
  const result = JSON.parse(readFileSync(saved, 'utf8'));
  assert.equal(result.format, 'tenken-result/1');
  // this year's bundle words 13-1 differently: simulate by editing last year's text
  result.items.find((i) => i.id === '13-1').text = '旧い文言';
  const edited = await tempFile('edited.json', JSON.stringify(result));

  await page.getByRole('button', { name: '下書きの一覧へ' }).click();
  await page.locator('input.previous-result').setInputFiles(edited);
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  assert.equal(await page.getByLabel('対象年度').inputValue(), '令和9年度', 'the next 年度, shown in 和暦');
  await page.locator('nav.steps').getByRole('button', { name: /安全管理/ }).click();
  assert.match(await page.locator('#item-13-1').innerText(), /文言が変わったため、回答を引き継いでいません/);
  assert.equal(await page.locator('input[name="answer-13-1"]:checked').count(), 0);
  assert.equal(await page.locator('input[name="answer-14"][value=done]').isChecked(), true);
  assert.equal(await page.locator('#item-14 textarea').inputValue(), '年1回の研修');
  assert.match(await page.locator('#item-14 .status').innerText(), /引き継いでいます/);
  await page.locator('#item-14').getByRole('button', { name: 'この回答で確定' }).click();
  await page.locator('#item-14 .status.done').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('blocked storage: the app still runs, warns, and drafts work in memory', async () => {
  const context = await browser.newContext({ locale: 'ja-JP' });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto((await import('./lib.mjs')).APP_URL);
  await page.locator('main h2').waitFor();
  assert.match(await page.locator('.storage-issue').innerText(), /保存できません/);
  await openMini(page);
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.getByLabel('課名').fill('C課');
  await page.getByLabel('課名').press('Tab');
  await page.getByRole('button', { name: '下書きの一覧へ' }).click();
  assert.match(await page.locator('table.drafts').innerText(), /C課/);
  assert.deepEqual(errors, []);
  await context.close();
});
