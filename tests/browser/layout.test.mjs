// The walk-through on an office screen (1366×768) and a wide one (1920×1080), by keyboard, and
// on paper (issue #34): several items at once with the article folded to its quote, the step
// list within the screen, Tab from answer to answer (the count for a whole 点検 is printed),
// arrow keys on the checklist tabs, a focus ring of at least 3:1, and a print with page
// numbers, 報告先 and 確認欄, no word broken and no empty page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openApp, axe } from './lib.mjs';
import { pageTexts } from './pdf.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const OFFICE = { width: 1366, height: 768 };
const WIDE = { width: 1920, height: 1080 };

/** The built-in bundles, as the start screen lists them: [municipality, button name]. */
async function builtins(page) {
  return page.locator('main table.bundles tbody tr th').allInnerTexts();
}

/** Opens the built-in bundle of `municipality` and starts a new draft of checklist `tab`. */
async function startDraft(page, municipality, tab = 0) {
  await page.getByRole('button', { name: `${municipality}の規則を開く` }).click();
  await page.locator('[role=tab]').first().waitFor();
  if (tab) await page.locator('[role=tab]').nth(tab).click();
  await page.getByRole('button', { name: '新しく始める' }).click();
  await page.locator('.step h3').first().waitFor();
}

/** Goes to the first section of the open draft. */
async function firstSection(page) {
  const steps = page.locator('nav.steps li button');
  const labels = await steps.allInnerTexts();
  const at = labels.findIndex((l) => !/^(対象|前提の質問)/.test(l));
  await steps.nth(at).click();
  await page.locator('ol.answer-items li').first().waitFor();
}

async function contrast(page, fg, bg) {
  return page.evaluate(([a, b]) => {
    const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, bl] = rgb(c).map((v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  }, [fg, bg]);
}

test('at 1366×768 a section shows several items at once, the article folded to its quote', async () => {
  const { page, context, errors, requests } = await openApp(browser);
  await page.setViewportSize(OFFICE);
  const names = await builtins(page);
  assert.ok(names.length >= 5, `five built-in bundles: ${names}`);
  for (const name of names) {
    await page.goto(page.url().replace(/#.*$/, '#/'));
    await page.locator('main h2').first().waitFor();
    await startDraft(page, name);
    await firstSection(page);
    // from the first item on: how many items are wholly on the screen
    await page.locator('ol.answer-items li').first().evaluate((li) => li.scrollIntoView({ block: 'start' }));
    const shown = await page.evaluate(() => [...document.querySelectorAll('ol.answer-items > li')]
      .filter((li) => { const r = li.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }).length);
    const total = await page.locator('ol.answer-items > li').count();
    assert.ok(shown >= Math.min(3, total), `${name}: ${shown} of ${total} items on the screen`);
    // the article is folded: its quote is shown, its text is not
    assert.equal(await page.locator('ol.answer-items details.article[open]').count(), 0, `${name}: every article is folded`);
    assert.equal(await page.locator('ol.answer-items .article-text:visible').count(), 0, `${name}: no article text shown`);
    assert.ok(await page.locator('ol.answer-items li .item-cite q.quote').first().isVisible(), `${name}: the quote is shown`);
    // the step list is within the screen with まとめ and 印刷 in sight, scrolled or not, and
    // no count wraps
    const stepsAt = () => page.evaluate(() => {
      const lines = (el) => { const r = document.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size; };
      const buttons = [...document.querySelectorAll('nav.steps li button')];
      const end = buttons.filter((b) => /^(まとめ|印刷)/.test(b.innerText)).map((b) => b.getBoundingClientRect());
      return {
        bottom: document.querySelector('nav.steps').getBoundingClientRect().bottom,
        end: end.map((r) => r.top >= 0 && r.bottom <= innerHeight),
        counts: [...document.querySelectorAll('nav.steps .count')].map((c) => lines(c) === 1),
      };
    });
    const steps = await stepsAt();
    await page.evaluate(() => scrollTo(0, 0));
    const top = await stepsAt();
    for (const [where, at] of [['scrolled', steps], ['at the top', top]]) {
      assert.ok(at.bottom <= OFFICE.height, `${name}: the step list ends within the screen ${where} (${at.bottom})`);
      assert.deepEqual(at.end, [true, true], `${name}: まとめ and 印刷 in sight ${where}`);
    }
    assert.ok(steps.counts.every(Boolean), `${name}: a step's count is on one line`);
  }
  await axe(page, 'a section at 1366×768');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('at 1920×1080 the walk-through uses the width', async () => {
  const { page, context, errors } = await openApp(browser);
  await page.setViewportSize(WIDE);
  const [name] = await builtins(page);
  await startDraft(page, name);
  await firstSection(page);
  const width = await page.locator('.walk').evaluate((w) => w.getBoundingClientRect().width);
  assert.ok(width >= 1600, `the walk-through is ${width} px wide at 1920`);
  const counts = await page.evaluate(() => [...document.querySelectorAll('nav.steps .count')].map((c) => {
    const r = document.createRange(); r.selectNodeContents(c); return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
  }));
  assert.ok(counts.every((n) => n === 1), 'no count wraps');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * A whole 点検 by keyboard alone: Tab, and at each stop what a user does there (type the
 * subject, choose the first answer of a question not answered yet, 次へ). Returns the Tab
 * presses from 新しく始める to まとめ.
 */
async function tabsForWalk(page) {
  const kb = page.keyboard;
  let tabs = 0;
  for (let guard = 0; guard < 3000; guard++) {
    if (await page.locator('.step h3', { hasText: 'まとめ' }).count()) return tabs;
    await kb.press('Tab');
    tabs++;
    const at = await page.evaluate(() => {
      const a = document.activeElement;
      const group = a.type === 'radio' ? document.querySelector(`input[name="${CSS.escape(a.name)}"]:checked`) : null;
      return { tag: a.tagName, type: a.type || '', id: a.id || '', name: a.name || '', text: (a.textContent || '').trim(), value: a.value || '', answered: !!group };
    });
    const typed = { 'subject-課名': '情報政策課', 'subject-氏名': '目黒 太郎', 'subject-year': '令和8年度' }[at.id];
    if (typed && !at.value) await kb.type(typed);
    else if (at.type === 'radio' && !at.answered) await kb.press(at.name.startsWith('answer-') ? '1' : 'Space');
    else if (at.tag === 'BUTTON' && at.text === '次へ →') await kb.press('Enter');
  }
  throw new Error(`no まとめ after ${tabs} Tab presses`);
}

test('Tab goes from answer to answer: a whole 点検 takes few presses', async () => {
  const { page, context, errors } = await openApp(browser);
  await page.setViewportSize(OFFICE);
  const [name] = await builtins(page);
  await page.getByRole('button', { name: `${name}の規則を開く` }).click();
  await page.getByRole('button', { name: '新しく始める' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.step h3', { hasText: '点検の対象' }).waitFor();
  const items = await page.evaluate(() => document.querySelectorAll('nav.steps li').length);
  const tabs = await tabsForWalk(page);
  const answered = await page.locator('table.counts').innerText();
  console.log(`# Tab presses for a whole 点検 of ${name} at 1366×768: ${tabs} (${items} steps)`);
  // 201 before (issue #34): every 条文 toggle, article text, 備考 and 確認方法 was a stop
  assert.ok(tabs <= 100, `${tabs} Tab presses`);
  assert.match(answered, /\d/);
  assert.equal(await page.locator('p.complete').count(), 1, 'every item answered by keyboard');
  // B, J and K reach what is no longer a stop
  await page.locator('nav.steps li button').nth(2).click();
  const first = page.locator('ol.answer-items > li').first();
  await first.locator('input[type=radio]').first().focus();
  await page.keyboard.press('j');
  const cites = await first.locator('.item-cite details.article').count();
  assert.ok(cites >= 1);
  assert.equal(await first.locator('pre.article-text:visible').count(), cites, 'J opens every article the item cites');
  assert.match(await first.locator('pre.article-text mark').first().innerText(), /\S/, 'the quote is marked in it');
  await page.keyboard.press('j');
  assert.equal(await first.locator('pre.article-text:visible').count(), 0, 'J folds them again');
  if (await first.locator('details.item-help').count()) {
    await page.keyboard.press('k');
    assert.equal(await first.locator('details.item-help').evaluate((d) => d.open), true, 'K opens 確認方法');
  }
  await page.keyboard.press('b');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'TEXTAREA', 'B goes to 備考');
  await page.keyboard.type('記録は総務係');
  assert.equal(await first.locator('textarea').inputValue(), '記録は総務係');
  await page.locator('nav.steps .saved', { hasText: '保存しました' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('the checklist tabs follow the arrow keys, and the focus ring stands out (≥ 3:1)', async () => {
  const { page, context, errors } = await openApp(browser);
  const [name] = await builtins(page);
  await page.getByRole('button', { name: `${name}の規則を開く` }).click();
  const tabs = page.locator('[role=tab]');
  await tabs.first().waitFor();
  assert.equal(await tabs.nth(1).getAttribute('tabindex'), '-1', 'one Tab stop for the tabs');
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
  assert.equal(await tabs.nth(1).evaluate((t) => t === document.activeElement), true);
  await page.keyboard.press('ArrowRight');
  assert.equal(await tabs.first().getAttribute('aria-selected'), 'true', 'round to the first');
  await page.keyboard.press('End');
  assert.equal(await tabs.last().getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await tabs.first().getAttribute('aria-selected'), 'true');
  // the ring of a focused button against the page
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { color: s.outlineColor, width: parseFloat(s.outlineWidth), style: s.outlineStyle };
  });
  assert.equal(ring.style, 'solid');
  assert.ok(ring.width >= 2, `${ring.width}px`);
  for (const bg of ['rgb(255, 255, 255)', 'rgb(238, 243, 253)', 'rgb(246, 248, 251)']) {
    const c = await contrast(page, ring.color, bg);
    assert.ok(c >= 3, `focus ring ${ring.color} on ${bg}: ${c.toFixed(2)}:1`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the print: page numbers, 報告先, 確認欄, no word broken, no empty page', async () => {
  const { page, context, errors } = await openApp(browser);
  await page.setViewportSize(OFFICE);
  const names = await builtins(page);
  for (const [name, tab] of [[names[0], 0], [names[0], 1], [names[3], 0]]) {
    await page.goto(page.url().replace(/#.*$/, '#/'));
    await page.locator('main h2').first().waitFor();
    await startDraft(page, name, tab);
    // answered as a 課長 would: every profile question and item with its first option
    await page.getByLabel('課名').fill('情報政策課');
    await page.getByLabel('氏名').fill('目黒 太郎');
    if (await page.getByLabel('対象年度').count()) await page.getByLabel('対象年度').fill('令和8年度');
    for (const step of await page.locator('nav.steps li button').all()) {
      const label = await step.innerText();
      if (/^(対象|まとめ|印刷)/.test(label)) continue;
      await step.click();
      for (const group of await page.locator('.step [role=radiogroup], .step fieldset').all()) {
        const first = group.locator('input[type=radio]:not(:disabled)').first();
        if (await first.count() && !(await group.locator('input[type=radio]:checked').count())) await first.check();
      }
    }
    await page.locator('nav.steps').getByRole('button', { name: '印刷' }).click();
    const view = page.locator('article.print-view');
    await view.waitFor();
    // no answer broken over lines: each answer cell is one line
    await page.emulateMedia({ media: 'print' });
    const broken = await page.evaluate(() => [...document.querySelectorAll('.print-view td.answer')]
      .filter((td) => { const r = document.createRange(); r.selectNodeContents(td); return r.getClientRects().length > 1; })
      .map((td) => td.textContent));
    await page.emulateMedia({ media: null });
    assert.deepEqual(broken, [], `${name}: answers on one line`);
    const screenText = await view.innerText();
    assert.match(screenText, /報告先：\S+/, `${name}: 報告先`);
    assert.match(screenText, /確認欄[\s\S]*確認者（職・氏名）[\s\S]*確認日/, `${name}: 確認欄`);
    assert.doesNotMatch(screenText, /\n番号\t/, `${name}: no 番号 column`);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pages = pageTexts(pdf);
    assert.ok(pages.length >= 1, `${name}: printed`);
    pages.forEach((text, i) => {
      const compact = text.replace(/\s+/g, '');
      assert.ok(compact.includes(`${i + 1}/${pages.length}`), `${name}: page ${i + 1} is numbered: ${JSON.stringify(text.slice(-40))}`);
      assert.ok(compact.replace(`${i + 1}/${pages.length}`, '').length > 0, `${name}: page ${i + 1} of ${pages.length} is not empty`);
    });
    const all = pages.join('').replace(/\s+/g, '');
    assert.match(all, /報告先：/);
    // the 確認欄 whole on one page
    const confirm = pages.map((p) => p.replace(/\s+/g, '')).filter((p) => p.includes('確認者'));
    assert.equal(confirm.length, 1, `${name}: 確認欄 on one page`);
    assert.match(confirm[0], /まとめ[\s\S]*電子署名[\s\S]*確認欄確認者（職・氏名）確認日印年月日/, `${name}: まとめ, the signature and 確認欄 together`);
    console.log(`# print of ${name} (${tab ? '委託契約' : '点検'}): ${pages.length} pages`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
