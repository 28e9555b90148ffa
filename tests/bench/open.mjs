// Benchmark (not a test): how long tenken.html takes to open one file, from the file being
// handed to 「規則ファイルを開く」 or 「結果ファイルを開く」 to the page showing the outcome (the
// bundle's screen, the result shown, or the refusal), with the page's main thread busy meanwhile.
// `node tests/bench/open.mjs bundle|result FILE [runs=3]` prints each run and the median.
// Hostile files to try: `TENKEN_WRITE_BOMBS=DIR cargo test --test hostile quote` (bundles) and
// `TENKEN_WRITE_RESULTS=DIR cargo test --test hostile result_of` (results).
import path from 'node:path';
import { launch, openApp } from '../browser/lib.mjs';

const [kind, file, runsArg] = process.argv.slice(2);
if (!['bundle', 'result'].includes(kind) || !file) {
  console.error('usage: node tests/bench/open.mjs bundle|result FILE [runs]');
  process.exit(2);
}
const runs = Number(runsArg || 3);
const name = path.basename(file);
const browser = await launch();
const times = [];
for (let run = 0; run < runs; run++) {
  const { page, context } = await openApp(browser);
  let outcome;
  const started = Date.now();
  if (kind === 'bundle') {
    const start = await page.locator('main h2').first().innerText();
    await page.locator('input.open-bundle-input').setInputFiles(file);
    outcome = await Promise.race([
      page.locator('.problems', { hasText: name }).waitFor({ timeout: 600000 }).then(() => 'refused'),
      // a bundle that opens shows its own screen
      page.waitForFunction((h) => document.querySelector('main h2')?.innerText !== h, start, { timeout: 600000, polling: 50 }).then(() => 'opened'),
    ]);
  } else {
    await page.locator('input.open-result-input').setInputFiles(file);
    outcome = await Promise.race([
      page.locator('p[role=alert]', { hasText: name }).waitFor({ timeout: 600000 }).then(() => 'refused'),
      page.locator('main h2', { hasText: `結果ファイル「${name}」` }).waitFor({ timeout: 600000 }).then(() => 'shown'),
    ]);
  }
  const ms = Date.now() - started;
  times.push(ms);
  console.log(`run ${run + 1}: ${outcome} after ${ms} ms`);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
console.log(`median: ${times[Math.floor(times.length / 2)]} ms over ${runs} runs (${kind} ${name})`);
