// The size budget, held by a check rather than by prose: the 課長's file, dist/tenken.html with
// the five built-in bundles, is at most 350,000 bytes (README, "Size"). Run by .ci/test right
// after `trunk build --release`; `node --test tests/size/`. On failure it prints where the
// file's bytes go (tests/bench/parts.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const FILE = path.join(ROOT, 'dist', 'tenken.html');
const BUDGET = 350_000;

test(`dist/tenken.html is at most ${BUDGET.toLocaleString('en')} bytes`, () => {
  assert.ok(existsSync(FILE), `${FILE} is missing: run trunk build --release first`);
  const size = statSync(FILE).size;
  if (size > BUDGET) {
    let parts = '';
    try {
      parts = execFileSync(process.execPath, [path.join(ROOT, 'tests/bench/parts.mjs'), FILE], { encoding: 'utf8' });
    } catch (e) {
      parts = `(tests/bench/parts.mjs failed: ${e.message})`;
    }
    assert.fail(
      `dist/tenken.html is ${size.toLocaleString('en')} bytes: ${(size - BUDGET).toLocaleString('en')} over the ` +
        `${BUDGET.toLocaleString('en')}-byte budget (README, "Size": what the page carries and the habits that keep ` +
        `it small; \`bash .ci/bench\` shows where the wasm's bytes go).\n${parts}`,
    );
  }
  console.log(`dist/tenken.html: ${size.toLocaleString('en')} bytes, ${(BUDGET - size).toLocaleString('en')} under the budget`);
});
