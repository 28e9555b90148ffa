// Benchmark: time from a click on an answer to the updated screen, with a generated bundle
// of 1,000 items (10 sections of 100) opened from file in dist/tenken.html.
// Usage: node tests/bench/click.mjs [clicks=40]. Prints the median time from a click on an
// item's first option until that item shows 回答済み (reactive update, evaluation of all
// 1,000 items, the localStorage write and a forced layout).
import { launch, openApp, tempFile } from '../browser/lib.mjs';

const clicks = Number(process.argv[2] || 40);
const N = 1000, PER = 100;
let text = '○大規模テスト規則\n\n';
for (let n = 1; n <= N; n++) text += `(事項${n})\n第${n}条 課長は、事項${n}について定められた手続を確認しなければならない。\n`;
const sections = [];
for (let s = 0; s < N / PER; s++) {
  const items = [];
  for (let k = 1; k <= PER; k++) {
    const n = s * PER + k;
    items.push({ id: `i${n}`, text: `事項${n}の手続を確認していますか。`, guidance: `記録${n}を確認する。`,
      cite: [{ source: 'kisoku', article: String(n), quote: `事項${n}について定められた手続を確認しなければならない。` }] });
  }
  sections.push({ id: `s${s + 1}`, title: `区分${s + 1}`, items });
}
const bundle = { format: 'tenken-bundle/1', id: 'large', version: '2026-04-01', title: '大規模テスト', municipality: { name: 'テスト市' },
  sources: [{ id: 'kisoku', title: '大規模テスト規則', text }],
  checklists: [{ id: 'tenken', kind: 'inspection', title: '点検', respondent: '課長', basis: [{ source: 'kisoku', article: '1' }], sections }] };
const file = await tempFile('large.json', JSON.stringify(bundle));

const browser = await launch();
const { page } = await openApp(browser);
const t0 = Date.now();
await page.locator('input[type=file]').first().setInputFiles(file);
await page.getByRole('button', { name: '新しく始める' }).waitFor({ timeout: 60000 });
console.log(`open and validate the 1,000-item bundle: ${Date.now() - t0} ms`);
await page.getByRole('button', { name: '新しく始める' }).click();
await page.locator('nav.steps').getByRole('button', { name: /区分1/ }).first().click();
await page.locator('input[name="answer-i100"]').first().waitFor();
const result = await page.evaluate(async (clicks) => {
  const times = [];
  for (let c = 0; c < clicks; c++) {
    const item = document.getElementById(`item-i${c + 1}`);
    const input = item.querySelector('input[type=radio]');
    await new Promise((r) => setTimeout(r, 30));
    // from the click until the item shows 回答済み and the page has laid out
    const done = new Promise((resolve) => {
      const check = () => item.querySelector('.status.done') && (resolve(), true);
      const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
      observer.observe(item, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const t0 = performance.now();
    input.click();
    await done;
    void document.body.offsetHeight;
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  const progress = document.querySelector('.progress-label').textContent;
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1], progress };
}, clicks);
console.log(`after ${clicks} clicks: ${result.progress}`);
console.log(`median click → updated item, progress and layout: ${result.median.toFixed(1)} ms (max ${result.max.toFixed(1)} ms) over ${clicks} clicks`);
await browser.close();
