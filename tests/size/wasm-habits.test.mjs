// The wasm-size habits of the 課長's app (README, "Size"), held by checks on what the linker
// put in its wasm rather than by prose: no B-tree beyond serde_json's own map, one sort, JSON
// read from bytes only. Each of these once cost the page kilobytes (README, Benchmark) and
// comes back with one innocent-looking line. Reads the linker's output, whose function names
// are kept: target/wasm32-unknown-unknown/wasm-release/tenken-web.wasm, left by
// `trunk build --release` (run by .ci/test right after it; `node --test tests/size/`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
// TENKEN_WASM: another module to check (e.g. tenken-kanri.wasm, which fails: its review
// reports keep the standard maps and sorts)
const WASM = process.env.TENKEN_WASM || path.join(ROOT, 'target/wasm32-unknown-unknown/wasm-release/tenken-web.wasm');

/** The function names of a wasm module's `name` section. */
function functionNames(bytes) {
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      if (b === undefined) throw new Error('cut short');
      value += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return value;
    }
  };
  const text = (n) => new TextDecoder().decode(bytes.subarray(at, (at += n)));
  while (at < bytes.length) {
    const id = bytes[at++];
    const end = leb() + at;
    if (id === 0 && text(leb()) === 'name') {
      while (at < end) {
        const sub = bytes[at++];
        const subEnd = leb() + at;
        if (sub === 1) {
          const names = [];
          for (let n = leb(); n > 0; n--) {
            leb();
            names.push(text(leb()));
          }
          return names;
        }
        at = subEnd;
      }
    }
    at = end;
  }
  throw new Error('no function names in the wasm');
}

/** A mangled name without its hash (`17h…E`): the same for each instance of one generic. */
const generic = (name) => name.replace(/17h[0-9a-f]{16}E$/, '');

const names = () => {
  assert.ok(existsSync(WASM), `${WASM} is missing: run trunk build --release first`);
  return functionNames(readFileSync(WASM));
};

/** Names of `all` matching `re` that are instances of a generic instantiated more than `most` times. */
const instancesOver = (all, re, most) => {
  const count = new Map();
  for (const n of all.filter((n) => re.test(n))) count.set(generic(n), (count.get(generic(n)) || 0) + 1);
  return [...count].filter(([, c]) => c > most).map(([n, c]) => `${c}× ${n}`);
};

test('the names are read from a wasm module', () => {
  const all = names();
  assert.ok(all.length > 1000, `${all.length} functions`);
  assert.ok(all.some((n) => n.includes('tenken') && n.includes('start')), 'tenken::ui::start is there');
});

test('no B-tree but serde_json\'s map (a `Value` object): use core::id_map::IdMap or a sorted Vec', () => {
  // each key/value type of a BTreeMap or BTreeSet instantiates its own insert, search, clone,
  // drop and iteration: 5–12 KB of wasm each
  const over = instancesOver(names(), /BTreeMap|BTreeSet/, 1);
  assert.deepEqual(over, [], `more than one B-tree type in the 課長's wasm:\n${over.join('\n')}`);
});

test('one sort: tenken::core::sort::sort_by, not the standard sorts per element type', () => {
  const sorts = names().filter((n) => /sort\d*(?:8unstable7ipnsort|6stable\d+driftsort_main|6stable4sort)|ipnsort|driftsort_main/.test(n));
  assert.ok(sorts.length <= 1, `the standard sort is instantiated ${sorts.length} times (core::sort::sort_by sorts through one):\n${sorts.join('\n')}`);
});

test('JSON is read from bytes only: serde_json\'s parser once, not again for &str', () => {
  const str = names().filter((n) => /serde_json(?:4read7|\.\.read\.\.)StrRead/.test(n));
  assert.deepEqual(str, [], 'serde_json::from_str (or StrRead) is in the 課長\'s wasm: read with from_slice, as core::document does');
});
