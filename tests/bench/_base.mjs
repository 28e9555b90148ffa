import { launch, openApp } from '../browser/lib.mjs';
const browser = await launch();
for (const f of ['/tmp/base1.html', '/tmp/b8.html', '/tmp/b6.html']) {
  const ts = [];
  for (let i = 0; i < 5; i++) {
    const { page, context } = await openApp(browser, { url: 'file://' + f });
    ts.push(await page.evaluate(() => performance.getEntriesByName('tenken-first-render')[0].startTime));
    await context.close();
  }
  console.log(f, ts.map((t) => t.toFixed(1)).join(' '));
}
await browser.close();
