// Nothing a 課長 types is lost, and they always find their way back: typing survives a
// crash 400 ms later; two pages on one draft merge per answer; the start screen resumes a
// draft of a bundle opened from a file, at the step last shown; every screen has an address
// (Back, Forward, reload, bookmark); the key screen leads back to the draft; times are
// Japan's at 00:30 JST; the print carries the profile answers and each 対象外 reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, miniBundleJson, tempFile, tookOver, APP_URL } from './lib.mjs';

let browser;
let miniFile;
before(async () => {
  browser = await launch();
  miniFile = await tempFile('mini.json', await miniBundleJson());
});
after(async () => { await browser?.close(); });

const heading = (page) => page.locator('main h2').first().innerText();
const step = (page) => page.locator('.step h3').first().innerText();

/** Opens the test bundle from its file and starts a draft; returns the draft's id. */
async function newDraft(page) {
  await page.locator('input[type=file]').first().setInputFiles(miniFile);
  await page.locator('main h2', { hasText: 'テスト用' }).waitFor();
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  const hash = new URL(page.url()).hash;
  const m = hash.match(/^#\/draft\/([^/]+)\/subject$/);
  assert.ok(m, `a draft address: ${hash}`);
  return decodeURIComponent(m[1]);
}

const stored = (page, id) => page.evaluate((id) => JSON.parse(localStorage.getItem(`tenken/v1/draft/${id}`) || 'null'), id);

test('typing survives a crash 400 ms later: saved on input, not on blur', async () => {
  const { page, context, errors } = await openApp(browser);
  const id = await newDraft(page);
  await page.getByLabel('課名').click();
  await page.keyboard.type('情報政策課');
  // focus stays in the field: no change event, no blur
  await page.waitForTimeout(400);
  // the renderer dies: no pagehide, no unload, nothing runs any more
  const cdp = await context.newCDPSession(page);
  const crashed = page.waitForEvent('crash');
  cdp.send('Page.crash').catch(() => {});
  await crashed;
  const again = await context.newPage();
  await again.goto(APP_URL);
  await again.locator('main h2').first().waitFor();
  const d = await stored(again, id);
  assert.equal(d.subject.division, '情報政策課');
  // and a note typed in an item, then a reload: it is there
  await again.goto(`${APP_URL}#/draft/${id}/profile`);
  await again.locator('.step h3', { hasText: '前提の質問' }).waitFor();
  await again.locator('input[name=profile-personal][value=yes]').check();
  await again.locator('input[name=profile-mynumber][value=none]').check();
  await again.goto(`${APP_URL}#/draft/${id}/section-1`);
  await again.reload();
  await again.locator('.step h3', { hasText: '安全管理' }).waitFor();
  await again.locator('#item-14 textarea').click();
  await again.keyboard.type('研修記録は総務係で保管');
  await again.waitForTimeout(400);
  await again.reload();
  await again.locator('#item-14 textarea').waitFor();
  assert.equal(await again.locator('#item-14 textarea').inputValue(), '研修記録は総務係で保管');
  assert.deepEqual(errors.filter((e) => !/crash/i.test(e)), []);
  await context.close();
});

test('two pages on one draft: answers from both are kept, each page says so', async () => {
  const { page: a, context, errors } = await openApp(browser);
  const id = await newDraft(a);
  await a.goto(`${APP_URL}#/draft/${id}/profile`);
  await a.locator('input[name=profile-personal][value=yes]').check();
  await a.locator('input[name=profile-mynumber][value=none]').check();
  await a.goto(`${APP_URL}#/draft/${id}/section-1`);
  await a.locator('#item-14').waitFor();
  const b = await context.newPage();
  b.on('pageerror', (e) => errors.push(String(e)));
  await b.goto(`${APP_URL}#/draft/${id}/section-1`);
  await b.locator('#item-14').waitFor();
  // each sees the other within a heartbeat
  await a.getByText('この下書きは別のタブ（ウィンドウ）でも開かれています').waitFor({ timeout: 12000 });
  await b.getByText('この下書きは別のタブ（ウィンドウ）でも開かれています').waitFor({ timeout: 12000 });
  // A answers 13-1, B answers 14 and types a note, at about the same time
  await a.locator('input[name="answer-13-1"][value=conforming]').check();
  await b.locator('input[name="answer-14"][value=done]').check();
  await b.locator('#item-14 textarea').fill('B の備考');
  await a.waitForTimeout(800);
  // both pages show both answers; the stored draft has both
  for (const p of [a, b]) {
    await p.waitForFunction(() => document.querySelector('input[name="answer-13-1"][value=conforming]')?.checked
      && document.querySelector('input[name="answer-14"][value=done]')?.checked, null, { timeout: 5000 });
  }
  assert.equal(await a.locator('#item-14 textarea').inputValue(), 'B の備考');
  const d = await stored(a, id);
  assert.equal(d.answers['13-1'].option, 'conforming');
  assert.equal(d.answers['14'].option, 'done');
  assert.equal(d.answers['14'].note, 'B の備考');
  assert.match(await a.locator('.notice.merged').innerText(), /取り込みました（項目 .*14/);
  // the newer change of one item wins, whichever page made it
  await a.locator('input[name="answer-14"][value=notdone]').check();
  await b.waitForFunction(() => document.querySelector('input[name="answer-14"][value=notdone]')?.checked, null, { timeout: 5000 });
  assert.equal((await stored(b, id)).answers['14'].option, 'notdone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a reload is not another tab: no 「別のタブでも開かれています」 for the page itself', async () => {
  const { page, context, errors } = await openApp(browser);
  const id = await newDraft(page);
  // every load of this page records whether the notice ever appears
  await page.addInitScript(() => {
    window.__elsewhere = 0;
    new MutationObserver(() => {
      if (document.querySelector('.notice.elsewhere')) window.__elsewhere++;
    }).observe(document, { childList: true, subtree: true });
  });
  // the old page's mark is written again after the app removed it as the page was left,
  // as if its removal had been lost: the tab still knows it as its own predecessor's
  await page.evaluate(() => addEventListener('pagehide', () => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('tenken/v1/open/')) localStorage.setItem(k, String(Date.now()));
  }));
  await page.reload();
  await tookOver(page);
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  // past a heartbeat (5 s): the page has checked the marks at least twice
  await page.waitForTimeout(6500);
  assert.equal(await page.evaluate(() => window.__elsewhere), 0, 'no notice after a reload');
  const marks = await page.evaluate((id) => Object.keys(localStorage).filter((k) => k.startsWith(`tenken/v1/open/${id}/`)), id);
  assert.equal(marks.length, 1, `only this page's mark is left: ${marks}`);
  // a genuine second tab is still reported
  const b = await context.newPage();
  await b.goto(`${APP_URL}#/draft/${id}/subject`);
  await page.getByText('この下書きは別のタブ（ウィンドウ）でも開かれています').waitFor({ timeout: 12000 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the start screen resumes a draft of a bundle opened from a file, where it was left', async () => {
  const { page, context, errors, requests } = await openApp(browser);
  const id = await newDraft(page);
  await page.getByLabel('課名').fill('総務課');
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-personal][value=yes]').check();
  await page.locator('input[name=profile-mynumber][value=none]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-13-1"][value=conforming]').check();
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  await page.waitForTimeout(400);
  // a fresh start at the plain address: the draft and the kept bundle are listed
  await page.goto(APP_URL);
  await page.reload();
  const resume = page.locator('section.resume');
  await resume.waitFor();
  const row = resume.locator('tbody tr', { hasText: '総務課' });
  assert.match(await row.innerText(), /\tテスト用 目黒区 抜粋\t/, 'the bundle, its town named once');
  assert.match(await row.innerText(), /\t3\/4\t/, 'progress: two profile answers and one item of four');
  assert.match(await row.innerText(), /令和\d+年\d+月\d+日 \d+:\d\d/, 'last change in Japan time');
  assert.match(await page.locator('section[aria-labelledby=kept-heading]').innerText(), /テスト用/);
  await row.getByRole('button', { name: '続ける' }).click();
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  assert.match(new URL(page.url()).hash, new RegExp(`^#/draft/${id}/summary$`));
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('every screen has an address: Back, Forward, reload and bookmarks return to it', async () => {
  const { page, context, errors } = await openApp(browser);
  const id = await newDraft(page);
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByLabel('氏名').fill('山田 太郎');
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('.step h3', { hasText: '前提の質問' }).waitFor();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('.step h3', { hasText: '安全管理' }).waitFor();
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  // Back walks the steps, then the bundle, then the start; Forward comes back
  await page.goBack();
  await page.locator('.step h3', { hasText: '安全管理' }).waitFor();
  await page.goBack();
  await page.locator('.step h3', { hasText: '前提の質問' }).waitFor();
  await page.goForward();
  await page.locator('.step h3', { hasText: '安全管理' }).waitFor();
  // a reload stays on the step
  await page.reload();
  await page.locator('.step h3', { hasText: '安全管理' }).waitFor();
  // the key screen and help have addresses too
  for (const [button, title, hash] of [['署名の鍵', '署名の鍵', '#/keys'], ['使い方', '使い方', '#/help']]) {
    await page.getByRole('button', { name: button, exact: true }).first().click();
    await page.locator('main h2', { hasText: title }).waitFor();
    assert.equal(new URL(page.url()).hash, hash);
    await page.reload();
    await page.locator('main h2', { hasText: title }).waitFor();
  }
  await page.goBack();
  await page.locator('main h2', { hasText: '署名の鍵' }).waitFor();
  // a bookmark of the summary, opened in a new page
  const other = await context.newPage();
  await other.goto(`${APP_URL}#/draft/${id}/summary`);
  await other.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  // the bundle's address (with its checklist tab)
  await other.getByRole('button', { name: '下書きの一覧へ' }).click();
  await other.locator('main h2', { hasText: 'テスト用' }).waitFor();
  const bundleHash = new URL(other.url()).hash;
  assert.match(bundleHash, /^#\/bundle\/mini@[0-9a-f]{12}\/tenken$/);
  await other.reload();
  await other.locator('main h2', { hasText: 'テスト用' }).waitFor();
  // unknown and stale addresses land on the start screen with a message
  for (const bad of ['#/nowhere', '#/draft/no-such-draft/summary', '#/bundle/gone@000000000000/x']) {
    // opened fresh (a bookmark), and followed from a page already open
    const fresh = await context.newPage();
    await fresh.goto(`${APP_URL}${bad}`);
    await fresh.locator('main h2', { hasText: '規則を選ぶ' }).waitFor();
    await fresh.locator('.nav-notice').waitFor();
    assert.equal(new URL(fresh.url()).hash, '#/', bad);
    await fresh.close();
    await other.goto(`${APP_URL}${bad}`);
    await other.locator('main h2', { hasText: '規則を選ぶ' }).waitFor();
    await other.locator('.nav-notice').waitFor();
  }
  // an address typed into the address bar of the open page (hashchange, no reload) is
  // followed once, as is Back to it
  await other.evaluate(() => { location.hash = '#/help'; });
  await other.locator('main h2', { hasText: '使い方' }).waitFor();
  await other.evaluate((h) => { location.hash = h; }, `#/draft/${id}/summary`);
  await other.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  assert.equal(new URL(other.url()).hash, `#/draft/${id}/summary`);
  await other.goBack();
  await other.locator('main h2', { hasText: '使い方' }).waitFor();
  // 情報担当課's addresses say where those screens are: in tenken-kanri.html
  for (const office of ['#/review', '#/editor']) {
    await other.goto(`${APP_URL}${office}`);
    await other.locator('main h2', { hasText: '規則を選ぶ' }).waitFor();
    assert.match(await other.locator('.nav-notice').innerText(), /tenken-kanri\.html/, office);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('from まとめ to the key screen and back, the form filled from the draft', async () => {
  const { page, context, errors } = await openApp(browser);
  const id = await newDraft(page);
  await page.getByLabel('課名').fill('福祉課');
  await page.getByLabel('氏名').fill('佐藤 花子');
  await page.getByLabel('役職').fill('課長補佐');
  await page.getByLabel('対象年度').fill('2026');
  // complete it: no 個人情報, item 14 done
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name=profile-personal][value=no]').check();
  await page.locator('input[name=profile-mynumber][value=none]').check();
  await page.getByRole('button', { name: '次へ →' }).click();
  await page.locator('input[name="answer-14"][value=done]').check();
  await page.locator('nav.steps').getByRole('button', { name: 'まとめ' }).click();
  await page.getByRole('button', { name: '署名の鍵を作る・読み込む' }).click();
  await page.locator('main h2', { hasText: '署名の鍵' }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/keys/${id}`);
  assert.equal(await page.locator('#key-division').inputValue(), '福祉課');
  assert.equal(await page.locator('#key-name').inputValue(), '佐藤 花子');
  assert.equal(await page.locator('#key-title').inputValue(), '課長補佐');
  await page.reload();
  await page.getByRole('button', { name: /下書き「福祉課 佐藤 花子」のまとめに戻る/ }).click();
  await page.locator('.step h3', { hasText: 'まとめ' }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/draft/${id}/summary`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('times in Japan at 00:30 JST; the print carries profile answers and 対象外 reasons', async () => {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'UTC' });
  const page = await context.newPage();
  // 2026-12-01 00:30 in Japan is still 30 November in UTC
  await page.clock.setFixedTime(new Date('2026-11-30T15:30:00Z'));
  await page.goto(APP_URL);
  await tookOver(page);
  const id = await newDraft(page);
  await page.getByLabel('課名').fill('情報政策課');
  await page.getByRole('button', { name: '次へ →' }).click();
  // no 個人情報: 13-1 and 13-3 do not apply
  await page.locator('input[name=profile-personal][value=no]').check();
  await page.locator('input[name=profile-mynumber][value=none]').check();
  await page.locator('nav.steps').getByRole('button', { name: '印刷' }).click();
  const print = page.locator('.print-view');
  await print.waitFor();
  const text = await print.innerText();
  assert.match(text, /作成日：令和8年12月1日/);
  assert.match(text, /前提の質問[\s\S]*個人情報を取り扱っていますか\s+いいえ/);
  assert.match(text, /特定個人情報の取扱い\s+なし/);
  // the reason as a sentence naming the answer that decided it
  assert.match(text, /対象外の項目[\s\S]*第13条第1項第1号[\s\S]*前提の質問で「[^」]*個人情報を取り扱っていますか」に「いいえ」と答えたため、対象外です。/);
  assert.doesNotMatch(text, /ではないため/);
  assert.doesNotMatch(text, /\b13-1\b/, 'item numbers are citations, not ids');
  // the draft list shows the last change in Japan time
  await page.getByRole('button', { name: '下書きの一覧へ' }).click();
  assert.match(await page.locator('table.drafts').innerText(), /令和8年12月1日 0:30/);
  assert.equal((await stored(page, id)).updated, '2026-12-01T00:30:00+09:00');
  await context.close();
});
