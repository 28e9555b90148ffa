// A/B of page variants: the first contentful paint of each given page from file:// in headless
// Chromium, the pages alternating run by run (a fresh context each time) so that all see the
// same load. Usage: node tests/bench/compare-first-paint.mjs runs a.html b.html …
// Prints the median and the runs of each. A variant whose CSP no longer matches its edited
// style or script must have its CSP removed, and so must the page it is compared with.
import { launch } from '../browser/lib.mjs';
import { pathToFileURL } from 'node:url';
const runs = Number(process.argv[2]) || 9;
const files = process.argv.slice(3);
const browser = await launch();
const res = Object.fromEntries(files.map(f => [f, []]));
for (let i = 0; i < runs; i++) for (const f of files) {
  const ctx = await browser.newContext({ locale: 'ja-JP' });
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(f).href);
  const fcp = await page.evaluate(`new Promise(r => { const t = () => { const e = performance.getEntriesByName('first-contentful-paint')[0]; e ? r(e.startTime) : setTimeout(t, 20); }; t(); })`);
  res[f].push(fcp);
  await ctx.close();
}
await browser.close();
const med = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const f of files) console.log(med(res[f]).toFixed(0), f, res[f].map(x => x.toFixed(0)).join(' '));
