// Benchmark: time to first render of dist/tenken.html from file:// in headless Chromium.
// Usage: node tests/bench/first-render.mjs [runs=5]. Prints each run and the median, in ms
// from navigation start to the app's `tenken-first-render` performance mark (set after the
// first mount), so it covers parsing, decoding, decompressing, compiling the wasm,
// validating the built-in bundles and rendering the list.
import { launch, openApp } from '../browser/lib.mjs';

const runs = Number(process.argv[2] || 5);
const browser = await launch();
const times = [];
for (let i = 0; i < runs; i++) {
  const { page, context } = await openApp(browser);
  const t = await page.evaluate(() => performance.getEntriesByName('tenken-first-render')[0]?.startTime);
  if (typeof t !== 'number') throw new Error('no tenken-first-render mark');
  times.push(t);
  const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime.toFixed(1)])));
  console.log(`run ${i + 1}: ${JSON.stringify(marks)}`);
  await context.close();
}
await browser.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`first render (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
console.log(`median first render: ${median.toFixed(1)} ms over ${runs} runs`);
