// The single file's bootstrap: decode the embedded data, decompress it, start the app.
//
// Runs as the page's inline module script, after unlzma.js; tenken-pack fills in the
// placeholders /*…*/ from `tenken::page` (the element ids, the windows-1252 table and the
// name the app's script calls are defined once, in Rust) and minifies the whole with terser.
// The app's own script (the wasm-bindgen glue) is compressed with its wasm
// (`tenken::page::assemble::app_blob`); this inserts it, and the CSP allows it by its hash.
// `node --check` lints it in .ci/test.
/* global unlzma */
performance.mark('tenken-script');
const tenkenFail = (e) => {
  console.error(e);
  const box = document.getElementById('tenken-boot') || document.body;
  box.setAttribute('role', 'alert');
  box.textContent = 'tenken を起動できません。Microsoft Edge・Google Chrome・Firefox の最新版で開いてください。 / tenken cannot start: ' + (e && e.message ? e.message : e);
};
// Until the app starts, a click on the prerendered start screen (see `tenken::page::prerender`)
// goes to the address its button names; the app then starts there.
const early = (e) => {
  const b = e.target instanceof Element && e.target.closest('#tenken-boot [data-href]');
  if (!b) return;
  e.preventDefault();
  b.setAttribute('aria-busy', 'true');
  location.hash = b.dataset.href;
};
document.addEventListener('click', early, true);
try {
  // let the prerendered screen be shown before the work below: wait until the browser reports
  // its first contentful paint (presented, not only committed: on a 2-core PC decoding on the
  // main thread from the next task on delayed the screen's raster by 5-15 ms in Chromium;
  // `node tests/bench/first-render.mjs`), at most 500 ms (a tab opened in the background)
  await new Promise((r) => {
    setTimeout(r, 500);
    try {
      new PerformanceObserver((list, o) => {
        if (!list.getEntriesByName('first-contentful-paint').length) return;
        o.disconnect();
        setTimeout(r, 0);
      }).observe({ type: 'paint', buffered: true });
    } catch {
      requestAnimationFrame(() => setTimeout(r, 0));
    }
  });
  if (typeof DecompressionStream !== 'function') {
    throw new Error('DecompressionStream がありません（ブラウザーが古すぎます） / DecompressionStream is missing');
  }
  // text (one windows-1252 character per byte, see `tenken::page::bytes`) → the bytes.
  // W: the characters of bytes 0x80–0x9F in windows-1252; a NUL byte reads as U+FFFD (the
  // HTML parser's); ESC followed by a character of E is that character's byte, any other
  // ESC stands for itself.
  // one message for every damaged part (its place in brackets)
  const damaged = (what) => new Error('埋め込みデータが壊れています / embedded data is damaged (' + what + ')');
  const W = /*WINDOWS_1252*/[];
  const ESC = /*ESC*/0;
  const E = /*ESCAPES*/{};
  const inv = new Uint8Array(0x2123);
  W.forEach((u, i) => { inv[u] = 0x80 + i; });
  const bytesOf = (id) => {
    const el = document.getElementById(id);
    const text = el.textContent;
    const n = Number(el.dataset.length);
    const bytes = new Uint8Array(n);
    let o = 0;
    for (let k = 0, len = text.length; k < len; k++) {
      const c = text.charCodeAt(k);
      let b = c < 0x100 ? c : c === 0xfffd ? 0 : inv[c];
      if (b === ESC) {
        const e = E[text.charCodeAt(k + 1)];
        if (e !== undefined) { b = e; k++; }
      }
      bytes[o++] = b; // writes past n are dropped
    }
    o = Math.min(o, n);
    if (o !== n) throw damaged(id);
    return bytes;
  };
  // the app: LZMA (unlzma.js, before this script), at most 64 MiB: its script's length
  // (4 bytes, little-endian), its script, its wasm
  performance.mark('tenken-unlzma-start');
  const app = unlzma(bytesOf(/*APP_ID*/''), 64 << 20);
  performance.measure('tenken-unlzma', 'tenken-unlzma-start');
  const n = app.length < 4 ? -1 : (app[0] | (app[1] << 8) | (app[2] << 16) | (app[3] << 24)) >>> 0;
  if (n < 0 || n > app.length - 4) {
    throw damaged('app');
  }
  // the app's script, inserted as a module: it calls globalThis[READY] with wasm-bindgen's
  // init. A refusal by the CSP or an error in it fails the start instead of waiting forever.
  const READY = /*APP_READY*/'';
  const init = await new Promise((resolve, reject) => {
    const refused = (e) => reject(new Error('CSP: ' + e.violatedDirective));
    const failed = (e) => reject(e.error || new Error(e.message));
    globalThis[READY] = (f) => {
      document.removeEventListener('securitypolicyviolation', refused);
      removeEventListener('error', failed);
      delete globalThis[READY];
      resolve(f);
    };
    document.addEventListener('securitypolicyviolation', refused);
    addEventListener('error', failed);
    const script = document.createElement('script');
    script.type = 'module';
    script.textContent = new TextDecoder().decode(app.subarray(4, 4 + n));
    document.head.append(script);
  });
  // the built-in bundles' summaries, which the app reads as it starts: in the build's files LZMA
  // of their UTF-16BE text, decoded here (a file 公開 made has their UTF-8 bytes, which the app
  // decodes). Damaged, they fail alone (`data-error`, read by ui::platform::embedded).
  const sums = document.getElementById(/*SUMMARIES_ID*/'');
  if (sums && sums.dataset.codec === 'lzma-utf16be') {
    try {
      sums.textContent = new TextDecoder('utf-16be').decode(unlzma(bytesOf(sums.id), 16 << 20));
      delete sums.dataset.length;
    } catch (e) {
      sums.dataset.error = String(e && e.message ? e.message : e);
    }
    delete sums.dataset.codec;
  }
  await init({ module_or_path: app.subarray(4 + n) });
  document.removeEventListener('click', early, true);
  // the bundles, needed only when one is opened: after the app's first screen. The build's
  // are LZMA of their UTF-16BE text; a file 公開 made has them gzipped by the browser,
  // inflated natively. Damaged, they fail alone: the app goes on, and opening a built-in
  // bundle says why (`data-error`, read by ui::platform::embedded).
  await new Promise((r) => setTimeout(r, 0));
  const el = document.getElementById(/*BUNDLES_ID*/'');
  try {
    const packed = document.getElementById(/*BUNDLES_PACKED_ID*/'');
    const bytes = bytesOf(packed.id);
    let text;
    if (packed.dataset.codec === 'lzma-utf16be') {
      text = new TextDecoder('utf-16be').decode(unlzma(bytes, 64 << 20));
    } else if (packed.dataset.codec !== 'gzip') {
      throw damaged('codec');
    } else {
      const source = new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } });
      text = await new Response(source.pipeThrough(new DecompressionStream('gzip'))).text();
    }
    el.textContent = text;
  } catch (e) {
    el.dataset.error = String(e && e.message ? e.message : e);
  }
  el.dataset.ready = '1';
  document.dispatchEvent(new Event('tenken-bundles-ready'));
  performance.mark('tenken-decoded');
} catch (e) {
  tenkenFail(e);
}
