// Sums twiggy's `top --format csv` (on stdin) by crate: the first path segment of each item's
// demangled name (`<T as core::fmt::Debug>::fmt` counts for `core`; data and unnamed items
// are kept apart). Usage: twiggy top -n 1000000 --format csv app.wasm | node crates.mjs [rows=15]
import { readFileSync } from 'node:fs';

const rows = Number(process.argv[2] || 15);
const lines = readFileSync(0, 'utf8').trim().split('\n');
const header = lines.shift().split(',');
const nameAt = header.indexOf('Name');
const sizeAt = header.indexOf('ShallowSize');
const byCrate = new Map();
let total = 0;
for (const line of lines) {
  // the name may hold commas: the size columns are the last ones
  const cells = line.split(',');
  const size = Number(cells[sizeAt - header.length + cells.length] ?? cells[sizeAt]);
  const name = cells.slice(nameAt, cells.length - (header.length - 1 - nameAt)).join(',').replace(/^"|"$/g, '');
  if (!Number.isFinite(size)) continue;
  let crate;
  const m = name.match(/^<?(?:&(?:mut )?)?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)::/);
  if (m) crate = m[1];
  else if (name.startsWith('data[')) crate = '(data)';
  else if (/^(code|type|import|export|elem|table|memory|global|custom)/.test(name) || name.startsWith('"')) crate = '(wasm sections)';
  else crate = '(other: ' + name.slice(0, 24) + ')';
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
