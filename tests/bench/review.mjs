// Benchmark (not a test): verify + aggregate N signed results in the browser from file://.
// `node tests/bench/review.mjs [N=1000] [runs=5]` prints the median time from the files being
// handed to the app to the report computed (performance marks tenken-review-start/end), and
// the page's JS heap after, and the longest main-thread task while signatures were checked
// (Chromium's long tasks: those over 50 ms; 集計 opens files a step at a time), and the task
// that then makes and draws the report. LONG_TASKS=1 lists every long task of each run.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launch, openApp, KANRI_URL } from '../browser/lib.mjs';
import { makeKey, signedFile, templateResult } from '../browser/minisign.mjs';

const n = Number(process.argv[2] || 1000);
const runs = Number(process.argv[3] || 5);
const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-bench-review-'));
// 20 課 (more past 2,000 files: at most 100 years each)
const divisions = Math.max(20, Math.ceil(n / 100));
const keys = Array.from({ length: divisions }, () => makeKey());
const template = templateResult();
const files = [];
// every file counts: each 課 signs its own results, one per 年度 (2100 down to 2001, within
// the years a result may name)
for (let i = 0; i < n; i++) {
  const r = structuredClone(template);
  r.subject.division = `課${i % divisions}`;
  r.subject.fiscal_year = 2100 - Math.floor(i / divisions);
  const p = path.join(dir, `r${i}.tenken.json`);
  writeFileSync(p, signedFile(r, keys[i % divisions], 1780000000 + i));
  files.push(p);
}
const roster = path.join(dir, 'roster.json');
writeFileSync(roster, JSON.stringify({ format: 'tenken-roster/1', keys: keys.map((k, i) => k.registration(`課${i}`, `課長${i}`)) }));

const browser = await launch();
const times = [];
let heap = 0;
let longestOpening = 0;
let longestReport = 0;
for (let run = 0; run < runs; run++) {
  const { page, context } = await openApp(browser, { url: KANRI_URL });
  await page.getByRole('button', { name: '集計（情報担当課）' }).click();
  await page.locator('input.roster-input').setInputFiles(roster);
  await page.locator('table.roster tbody tr').first().waitFor();
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  });
  await page.locator('input.results-input').setInputFiles(files);
  await page.getByRole('heading', { name: `${n} ファイルを検証しました（集計に使用 ${n}、使用しない 0）` }).waitFor({ timeout: 120000 });
  const ms = await page.evaluate(() => performance.measure('r', 'tenken-review-start', 'tenken-review-end').duration);
  // the stages: signatures checked, statuses decided, the report (tables and charts) built
  const stages = await page.evaluate(() => ['start', 'opened', 'reviewed', 'aggregate', 'end']
    .map((m) => performance.getEntriesByName(`tenken-review-${m}`).pop()?.startTime ?? NaN)
    .map((t, i, all) => (i ? t - all[i - 1] : 0)).slice(1));
  heap = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize : 0));
  const longest = await page.evaluate(() => {
    const mark = (m) => performance.getEntriesByName(`tenken-review-${m}`).pop()?.startTime ?? NaN;
    const [from, to] = [mark('start'), mark('opened')];
    // the steps that check signatures end before the mark; the task that makes and draws the
    // report begins just before it
    const steps = window.longTasks.filter(([t, d]) => t >= from && t + d <= to).map(([, d]) => d);
    const report = window.longTasks.filter(([t, d]) => t <= to && t + d > to).map(([, d]) => d);
    return [Math.max(0, ...steps), Math.max(0, ...report)];
  });
  longestOpening = Math.max(longestOpening, longest[0]);
  longestReport = Math.max(longestReport, longest[1]);
  if (process.env.LONG_TASKS) {
    console.log(await page.evaluate(() => {
      const mark = (m) => performance.getEntriesByName(`tenken-review-${m}`).pop()?.startTime ?? NaN;
      const from = mark('start');
      return `marks: opened +${(mark('opened') - from).toFixed(0)}, end +${(mark('end') - from).toFixed(0)}; long tasks: `
        + window.longTasks.map(([t, d]) => `+${(t - from).toFixed(0)} (${d.toFixed(0)} ms)`).join(', ');
    }));
  }
  times.push(ms);
  console.log(`run ${run + 1}: ${ms.toFixed(0)} ms (open ${stages[0].toFixed(0)}, review ${stages[1].toFixed(0)}, to aggregate ${stages[2].toFixed(0)}, aggregate ${stages[3].toFixed(0)})`);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`median verify + aggregate of ${n} results: ${times[Math.floor(times.length / 2)].toFixed(0)} ms over ${runs} runs; JS heap after ${(heap / 1048576).toFixed(1)} MB; longest main-thread task while checking signatures: ${longestOpening ? `${longestOpening.toFixed(0)} ms` : 'none over 50 ms'}; making and drawing the report: ${longestReport ? `${longestReport.toFixed(0)} ms` : 'under 50 ms'}`);
