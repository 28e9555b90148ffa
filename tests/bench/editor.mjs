// Benchmark: the 規則エディタ's live validation after an edit, on a generated bundle of 1,000
// items (500 articles of two 項, 10 sections of 100 items) opened for editing in
// dist/tenken.html from file://. Usage: node tests/bench/editor.mjs [edits=30]. Prints the
// median of the validator's own time (the performance measure `tenken-validate`) and of the
// time from a typed character to the problems bar updated and laid out, and the time to
// open the bundle and to recompute coverage (`tenken-coverage`, after adding a citation).
import { launch, openApp, tempFile, KANRI_URL } from '../browser/lib.mjs';

const edits = Number(process.argv[2] || 30);
const ARTICLES = 500, PER = 100;
let text = '○大規模テスト規則\n\n';
for (let n = 1; n <= ARTICLES; n++) {
  text += `(事項${n})\n第${n}条 課長は、事項${n}について定められた手続を確認しなければならない。\n`;
  text += `2 職員は、事項${n}の記録を保存しなければならない。\n`;
}
const items = [];
for (let n = 1; n <= ARTICLES; n++) {
  items.push({ id: `${n}`, text: `事項${n}の手続を確認していますか。`,
    cite: [{ source: 'kisoku', article: String(n), paragraph: '1', quote: `事項${n}について定められた手続を確認しなければならない。` }] });
  items.push({ id: `${n}-2`, text: `事項${n}の記録を保存していますか。`,
    cite: [{ source: 'kisoku', article: String(n), paragraph: '2', quote: `事項${n}の記録を保存しなければならない。` }] });
}
const sections = [];
for (let s = 0; s < items.length / PER; s++) {
  sections.push({ id: `s${s + 1}`, title: `区分${s + 1}`, items: items.slice(s * PER, (s + 1) * PER) });
}
const bundle = { format: 'tenken-bundle/1', id: 'large', version: '2026-04-01', title: '大規模テスト', municipality: { name: 'テスト市' },
  sources: [{ id: 'kisoku', title: '大規模テスト規則', text }],
  checklists: [{ id: 'tenken', kind: 'inspection', title: '点検', respondent: '課長', sections }] };
const file = await tempFile('large.json', JSON.stringify(bundle));

const browser = await launch();
const { page } = await openApp(browser, { url: KANRI_URL });
await page.getByRole('button', { name: '規則エディタ' }).click();
// import: the 500-article text pasted → the tree shown (median of 5)
{
  const times = [];
  for (let i = 0; i < 5; i++) {
    const ms = await page.evaluate(async (text) => {
      const area = document.querySelector('textarea.reiki-paste');
      const t0 = performance.now();
      area.value = text + '\n'.repeat(1 + (Math.random() * 3 | 0));
      area.dispatchEvent(new Event('input', { bubbles: true }));
      for (;;) {
        const tree = document.querySelector('.import-preview .outline-tree');
        if (tree && tree.textContent.includes('第500条')) break;
        await new Promise((r) => requestAnimationFrame(r));
      }
      return performance.now() - t0;
    }, text);
    times.push(ms);
    await page.locator('textarea.reiki-paste').fill('');
  }
  times.sort((a, b) => a - b);
  console.log(`import of a 500-article text (91 KB) pasted → its tree shown: ${times[2].toFixed(1)} ms (median of 5)`);
}
let t0 = Date.now();
await page.locator('input.edit-bundle-file').setInputFiles(file);
await page.locator('.editor-title').waitFor({ timeout: 120000 });
await page.locator('.reiki-text .line').nth(1500).waitFor({ timeout: 120000 });
console.log(`open the 1,000-item bundle in the editor (validate, outline, coverage, text view): ${Date.now() - t0} ms`);
await page.getByRole('tab', { name: '構成' }).click();
await page.locator('.item-list button', { hasText: '250-2' }).click();
const area = page.locator('.item-form .item-text textarea');
await area.waitFor();
const result = await page.evaluate(async (edits) => {
  const area = document.querySelector('.item-form .item-text textarea');
  const bar = document.querySelector('.problems-bar');
  const validate = [], toScreen = [];
  for (let e = 0; e < edits; e++) {
    await new Promise((r) => setTimeout(r, 900)); // a new undo step each time
    // every other edit empties the question (an error) and the next restores it, so the
    // problems bar changes with each edit
    const value = e % 2 === 0 ? '' : '事項250の記録を保存していますか。';
    const changed = new Promise((resolve) => {
      const observer = new MutationObserver(() => { observer.disconnect(); resolve(); });
      observer.observe(bar, { subtree: true, childList: true, characterData: true });
    });
    const t0 = performance.now();
    area.value = value;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await changed;
    void document.body.offsetHeight;
    toScreen.push(performance.now() - t0);
    const m = performance.getEntriesByName('tenken-validate', 'measure').pop();
    validate.push(m ? m.duration : NaN);
  }
  const median = (v) => { const s = [...v].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  return { validate: median(validate), toScreen: median(toScreen), max: Math.max(...toScreen) };
}, edits);
console.log(`live validation of the 1,000-item bundle after an edit: validator ${result.validate.toFixed(1)} ms; typed character → problems bar updated and laid out ${result.toScreen.toFixed(1)} ms (median of ${edits}, max ${result.max.toFixed(1)} ms)`);
// coverage is recomputed only when a citation or exclusion changes (here: when opened)
const measured = await page.evaluate(() => performance.getEntriesByName('tenken-coverage', 'measure').pop()?.duration);
console.log(`coverage of the 1,000-item bundle (outline, duties, 1,000 citations; on opening): ${measured?.toFixed(1)} ms`);
await browser.close();
