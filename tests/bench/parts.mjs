// Where a single file's bytes go: each embedded element (wasm, bundles, summaries, the
// module script, styles, the prerendered start screen) and the rest of the page.
// Usage: node tests/bench/parts.mjs [file=dist/tenken.html]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { APP } from '../browser/lib.mjs';

const file = path.resolve(process.argv[2] || APP);
// the page is windows-1252: one character per byte
const page = readFileSync(file).toString('latin1');
const parts = [];
const take = (label, re) => {
  for (const m of page.matchAll(re)) parts.push([typeof label === 'function' ? label(m) : label, m[0].length]);
};
take((m) => `<script id=${m[1]}>`, /<script[^>]*\bid="([^"]+)"[^>]*>[\s\S]*?<\/script>/g);
take('<script type=module> (loader: unlzma.js, bootstrap.js)', /<script type="module">[\s\S]*?<\/script>/g);
take('<style>', /<style[^>]*>[\s\S]*?<\/style>/g);
take('start screen (#tenken-boot)', /<div id="tenken-boot"[\s\S]*?<\/div>\s*(?=<script)/g);
const counted = parts.reduce((n, [, b]) => n + b, 0);
parts.push(['the rest (head, CSP, markup)', page.length - counted]);
console.log(`${path.basename(file)}: ${page.length} bytes`);
for (const [label, bytes] of parts.sort((a, b) => b[1] - a[1])) {
  console.log(`${String(bytes).padStart(9)}  ${(100 * bytes / page.length).toFixed(1).padStart(5)}%  ${label}`);
}
