// Sums twiggy's `top --format csv` (on stdin) by crate: the first path segment of each item's
// demangled name (`<T as core::fmt::Debug>::fmt` counts for `core`; data and unnamed items
// are kept apart). Usage: twiggy top -n 1000000 --format csv app.wasm | node crates.mjs [rows=15]
import { readFileSync } from 'node:fs';

const rows = Number(process.argv[2] || 15);
// one CSV record per line (twiggy quotes names that hold commas or quotes)
const parse = (line) => {
  const cells = [];
  let cell = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
};
const lines = readFileSync(0, 'utf8').trim().split('\n');
const header = parse(lines.shift());
const nameAt = header.indexOf('Name');
const sizeAt = header.indexOf('ShallowSize');
const byCrate = new Map();
let total = 0;
for (const line of lines) {
  const cells = parse(line);
  const name = cells[nameAt];
  const size = Number(cells[sizeAt]);
  if (!Number.isFinite(size)) continue;
  // names and wasm-bindgen's description are not in the shipped wasm
  if (/function names|__wasm_bindgen_unstable|^custom section/.test(name)) continue;
  let crate;
  const m = name.match(/^<?(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)(?:\[[0-9a-f]+\])?::/);
  if (m) crate = m[1];
  else if (name.startsWith('data[')) crate = '(data)';
  else crate = '(other)';
  byCrate.set(crate, (byCrate.get(crate) || 0) + size);
  total += size;
}
const sorted = [...byCrate].sort((a, b) => b[1] - a[1]);
for (const [crate, size] of sorted.slice(0, rows)) {
  console.log(`${String(size).padStart(9)} ${(100 * size / total).toFixed(1).padStart(5)}%  ${crate}`);
}
const rest = sorted.slice(rows).reduce((s, [, v]) => s + v, 0);
console.log(`${String(rest).padStart(9)} ${(100 * rest / total).toFixed(1).padStart(5)}%  (${Math.max(0, sorted.length - rows)} more)`);
console.log(`${String(total).padStart(9)} 100.0%  total`);
