// Benchmark: first render of dist/tenken.html from file://, side by side with an empty page
// opened the same way in the same run, in headless Chromium and Firefox ESR.
// Usage: node tests/bench/first-render.mjs [runs=7] [file=dist/tenken.html].
// For each browser, runs alternate between the empty page and the app (a fresh page each
// time) and read the browser's first-contentful-paint; the app also reports when it took
// over (the `tenken-first-render` mark, set once mounted) and the layout shift (Chromium).
// Prints the medians and the two budgets (issue #35): the app's first paint <= 1.15 x its own
// start screen cut as a static page, and its takeover (interactive) <= 2.5 x an empty page's
// first paint.
// A third page in the same rotation splits that ratio: the app's own start screen as a static
// page cut from the same file (every <script> element removed: no app, no data, no loader;
// the CSP still matches its style). static / empty is what painting this screen costs in the
// browser; app / static is what tenken's packaging (the embedded app and data, the loader)
// adds on top of it.
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { launch, APP } from '../browser/lib.mjs';

const runs = Number(process.argv[2] || 7);
const file = path.resolve(process.argv[3] || APP);
const appUrl = pathToFileURL(file).href;
const dir = mkdtempSync(path.join(os.tmpdir(), 'tenken-first-render-'));
const empty = path.join(dir, 'empty.html');
writeFileSync(empty, '<!doctype html><html lang="ja"><meta charset="utf-8"><title>empty</title><p>空のページ</p></html>\n');
const emptyUrl = pathToFileURL(empty).href;
const screen = path.join(dir, 'start-screen.html');
// latin1 keeps every byte as it is (the page is windows-1252 with character references)
writeFileSync(screen, readFileSync(file, 'latin1').replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, ''), 'latin1');
const screenUrl = pathToFileURL(screen).href;

// in the page: first-contentful-paint, the app's takeover, and the layout shift so far
const READ = `new Promise((resolve) => {
  const read = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    const app = performance.getEntriesByName('tenken-first-render')[0]?.startTime;
    if (fcp === undefined || (document.getElementById('tenken-boot') !== null && %APP%)) return setTimeout(read, 20);
    let cls = null;
    try {
      cls = 0;
      for (const e of performance.getEntriesByType('layout-shift')) cls += e.value;
    } catch { cls = null; }
    const unlzma = performance.getEntriesByName('tenken-unlzma')[0]?.duration;
    resolve({ fcp, app, cls, unlzma });
  };
  read();
})`;
const readIn = (isApp) => READ.replace('%APP%', isApp ? 'true' : 'false');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function measure(name, open) {
  const emptyFcp = [], screenFcp = [], appFcp = [], takeover = [], shifts = [], unlzma = [];
  for (let i = 0; i < runs; i++) {
    const e = await open(emptyUrl, false);
    emptyFcp.push(e.fcp);
    const s = await open(screenUrl, false);
    screenFcp.push(s.fcp);
    const a = await open(appUrl, true);
    appFcp.push(a.fcp);
    if (typeof a.app === 'number') takeover.push(a.app);
    if (typeof a.cls === 'number') shifts.push(a.cls);
    if (typeof a.unlzma === 'number') unlzma.push(a.unlzma);
  }
  const em = median(emptyFcp), sm = median(screenFcp), am = median(appFcp);
  const verdict = (x, budget) => `${x.toFixed(2)} (budget ${budget}: ${x <= budget ? 'met' : 'OVER'})`;
  console.log(`${name}: first contentful paint, median of ${runs}: empty page ${em.toFixed(1)} ms, static start screen ${sm.toFixed(1)} ms, ${path.basename(file)} ${am.toFixed(1)} ms`);
  console.log(`${name}:   first paint, app / its static start screen: ${verdict(am / sm, 1.15)}`);
  const runsOf = (xs) => xs.map((t) => t.toFixed(0)).join(' ');
  console.log(`${name}:   runs (empty | static screen | app): ${runsOf(emptyFcp)} | ${runsOf(screenFcp)} | ${runsOf(appFcp)}`);
  console.log(`${name}:   (app / empty ${(am / em).toFixed(2)}, static / empty ${(sm / em).toFixed(2)}: the screen's own cost)`);
  if (takeover.length) {
    const t = median(takeover);
    console.log(`${name}:   app took over (interactive) at ${t.toFixed(1)} ms (median; runs ${runsOf(takeover)}) → takeover / empty page ${verdict(t / em, 2.5)}`);
  }
  if (unlzma.length) console.log(`${name}:   of which decoding the wasm (unlzma.js): ${median(unlzma).toFixed(1)} ms (median)`);
  if (shifts.length) console.log(`${name}:   layout shift (CLS) at takeover: max ${Math.max(...shifts).toFixed(4)}`);
}

{
  const browser = await launch();
  await measure('Chromium', async (url, isApp) => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.addInitScript(() => {
      try { new PerformanceObserver(() => {}).observe({ type: 'layout-shift', buffered: true }); } catch {}
    });
    await page.goto(url);
    const r = await page.evaluate(readIn(isApp));
    await context.close();
    return r;
  });
  await browser.close();
}

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
if (existsSync(FIREFOX)) {
  const require = createRequire(new URL('../../.ci/package.json', import.meta.url));
  const puppeteer = require('puppeteer-core');
  const ff = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true,
    userDataDir: mkdtempSync(path.join(os.tmpdir(), 'tenken-ff-')),
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false },
  });
  try {
    await measure('Firefox', async (url, isApp) => {
      const page = await ff.newPage();
      await page.goto(url);
      const r = await page.evaluate(readIn(isApp));
      await page.close();
      return r;
    });
  } finally {
    await ff.close();
  }
}
