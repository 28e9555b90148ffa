// The single file's LZMA decoder (src/bin/tenken-pack/unlzma.js) against xz's encoder, and
// on damaged input: a sound stream gives back its exact bytes; a truncated or malformed one
// throws; nothing hangs or allocates more than the caller allows. `node --test tests/js/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const here = new URL('../../src/bin/tenken-pack/unlzma.js', import.meta.url);
const unlzma = new Function(readFileSync(here, 'utf8') + '\nreturn unlzma;')();
const MAX = 64 << 20;

/// `xz --format=lzma` with the given filter options, the size written into the header as
/// tenken-pack writes it (xz leaves it unknown and ends with a marker).
const lzma = (bytes, opts = 'preset=9e') => {
  const out = execFileSync('xz', ['--format=lzma', `--lzma1=${opts}`, '-c'], { input: bytes, maxBuffer: 1 << 28 });
  const header = Buffer.from(out);
  header.writeUInt32LE(bytes.length, 5);
  header.writeUInt32LE(0, 9);
  return new Uint8Array(header);
};

const inputs = {
  empty: Buffer.alloc(0),
  one: Buffer.from('a'),
  text: Buffer.from('点検・委託契約のチェックリスト。'.repeat(3000)),
  zeros: Buffer.alloc(200_000),
  random: randomBytes(100_000),
  mixed: Buffer.concat([randomBytes(5000), Buffer.from('abc'.repeat(20_000)), randomBytes(5000), Buffer.from('abc'.repeat(20_000))]),
  // this file's own decoder source, many times: long matches at many distances
  source: Buffer.from(readFileSync(here, 'utf8').repeat(40)),
};

for (const [name, input] of Object.entries(inputs)) {
  for (const opts of ['preset=9e', 'preset=9e,lc=3,lp=0,pb=0', 'preset=6,lc=0,lp=2,pb=2', 'preset=1,lc=4,lp=0,pb=4']) {
    test(`${name} (${opts}) decodes to the same bytes`, () => {
      const back = unlzma(lzma(input, opts), MAX);
      assert.equal(back.length, input.length);
      assert.ok(Buffer.from(back).equals(input), 'bytes differ');
    });
  }
}

test('a real wasm-sized input decodes (1 MiB of mixed content)', () => {
  const parts = [];
  for (let k = 0; k < 64; k++) parts.push(randomBytes(2000), Buffer.from(`fn_${k % 7}`.repeat(1000)));
  const input = Buffer.concat(parts);
  assert.ok(Buffer.from(unlzma(lzma(input), MAX)).equals(input));
});

test('a truncated stream throws, at each cut tried (header, start, middle, end)', () => {
  const packed = lzma(inputs.mixed);
  for (const cut of [0, 5, 13, 17, 18, 100, packed.length >> 1, packed.length - 5, packed.length - 1]) {
    assert.throws(() => unlzma(packed.subarray(0, cut), MAX), /damaged/, `cut at ${cut}`);
  }
});

test('a damaged byte throws or still gives the stated length, and never hangs', () => {
  const packed = lzma(inputs.text);
  let threw = 0;
  for (let k = 13; k < packed.length; k += 7) {
    const bad = packed.slice();
    bad[k] ^= 0x5a;
    try {
      const back = unlzma(bad, MAX);
      // LZMA has no checksum: a flip may decode to other bytes (the wasm then fails to
      // compile, with the page's message); it never gives a longer or shorter output
      assert.equal(back.length, inputs.text.length);
    } catch (e) {
      assert.match(e.message, /damaged/);
      threw++;
    }
  }
  assert.ok(threw > 0, 'no damaged stream was noticed');
});

test('a stated size over the limit is refused before allocating', () => {
  const packed = lzma(inputs.text);
  assert.throws(() => unlzma(packed, 1000), /damaged: size/);
  const huge = packed.slice();
  huge[12] = 1; // 2^56 bytes
  assert.throws(() => unlzma(huge, MAX), /damaged: size/);
});

test('bad properties are refused', () => {
  const packed = lzma(inputs.text);
  packed[0] = 225;
  assert.throws(() => unlzma(packed, MAX), /damaged: properties/);
});
