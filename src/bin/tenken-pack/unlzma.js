// unlzma: decodes an `.lzma` stream (the "LZMA alone" format: a 13-byte header — properties,
// dictionary size, uncompressed size — then the range-coded data) whose header states its
// size. The single file's wasm is embedded this way: about a fifth smaller than gzip, and
// browsers have no LZMA of their own.
//
// A transcription of the reference decoder in the LZMA SDK (DOC/lzma-specification.txt,
// public domain) that writes straight into the output: the whole output is the dictionary.
// Damaged input throws; it never loops: every step writes at least one byte, ends or throws.
// An end marker after the stated size is accepted (xz writes one; tenken-pack does not).
// Speed: the range coder's `range` and `code` live in a Uint32Array, not in variables the bit
// functions close over: such variables hold values up to 2^32, which Chromium (31-bit small
// integers under pointer compression) boxes as heap numbers at every bit. In Chromium 156,
// 1.1 MB of wasm decoded once, cold: median 142–152 ms before, 78–99 ms after (12 runs each,
// alternating, in about:blank). Writing every bit step out by hand, keeping the input
// position in the array too, or decoding in slices as a generator was no faster.
// Tested by tests/js/unlzma.test.mjs against xz; bootstrap.js calls it.
/* exported unlzma */
// eslint-disable-next-line no-unused-vars
function unlzma(src, maxSize) {
  const damaged = (why) => new Error('埋め込みデータが壊れています / embedded data is damaged: ' + why);
  if (src.length < 18) throw damaged('too short');
  let p = src[0];
  if (p >= 9 * 5 * 5) throw damaged('properties');
  const lc = p % 9;
  p = (p / 9) | 0;
  const lp = p % 5;
  const pb = (p / 5) | 0;
  const size = (src[5] | (src[6] << 8) | (src[7] << 16)) + src[8] * 0x1000000;
  if ((src[9] | src[10] | src[11] | src[12]) !== 0 || size > maxSize) throw damaged('size');
  const out = new Uint8Array(size);

  // the range decoder
  let at = 13;
  if (src[at++] !== 0) throw damaged('start');
  const rc = new Uint32Array(2);
  rc[0] = 0xffffffff;
  rc[1] = ((src[at] << 24) | (src[at + 1] << 16) | (src[at + 2] << 8) | src[at + 3]) >>> 0;
  at += 4;
  if (rc[1] === rc[0]) throw damaged('start');
  const end = src.length;
  const bit = (probs, i) => {
    const v = probs[i];
    const range = rc[0];
    const bound = (range >>> 11) * v;
    let b;
    if (rc[1] < bound) {
      rc[0] = bound;
      probs[i] = v + ((2048 - v) >>> 5);
      b = 0;
    } else {
      rc[0] = range - bound;
      rc[1] -= bound;
      probs[i] = v - (v >>> 5);
      b = 1;
    }
    if (rc[0] < 0x1000000) {
      rc[0] <<= 8;
      rc[1] = (rc[1] << 8) | src[at++];
    }
    return b;
  };
  const direct = (n) => {
    let r = 0;
    while (n-- > 0) {
      rc[0] >>>= 1;
      let b = 0;
      if (rc[1] >= rc[0]) {
        rc[1] -= rc[0];
        b = 1;
      }
      r = ((r << 1) | b) >>> 0;
      if (rc[0] < 0x1000000) {
        rc[0] <<= 8;
        rc[1] = (rc[1] << 8) | src[at++];
      }
    }
    return r;
  };
  const tree = (probs, base, n) => {
    let m = 1;
    for (let i = 0; i < n; i++) m = (m << 1) | bit(probs, base + m);
    return m - (1 << n);
  };
  const reverse = (probs, base, n) => {
    let m = 1;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const b = bit(probs, base + m);
      m = (m << 1) | b;
      s |= b << i;
    }
    return s;
  };
  const probs = (n) => new Uint16Array(n).fill(1024);
  // a length decoder: choice, choice2, low[16][8], mid[16][8], high[256]
  const lenProbs = () => probs(2 + 128 + 128 + 256);
  const length = (l, posState) => {
    if (bit(l, 0) === 0) return tree(l, 2 + posState * 8, 3);
    if (bit(l, 1) === 0) return 8 + tree(l, 130 + posState * 8, 3);
    return 16 + tree(l, 258, 8);
  };

  const literals = probs(0x300 << (lc + lp));
  const isMatch = probs(12 << 4);
  const isRep = probs(12);
  const isRepG0 = probs(12);
  const isRepG1 = probs(12);
  const isRepG2 = probs(12);
  const isRep0Long = probs(12 << 4);
  const slots = probs(4 << 6);
  const spec = probs(115);
  const align = probs(16);
  const lenDec = lenProbs();
  const repLenDec = lenProbs();
  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;

  let pos = 0;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  for (;;) {
    // the end: the range coder is at zero, or an end marker follows (xz writes one)
    if (pos === size && rc[1] === 0) break;
    if (at > end + 4) throw damaged('truncated');
    const posState = pos & pbMask;
    if (bit(isMatch, (state << 4) + posState) === 0) {
      if (pos === size) throw damaged('length');
      const prev = pos > 0 ? out[pos - 1] : 0;
      const base = 0x300 * (((pos & lpMask) << lc) + (prev >> (8 - lc)));
      let s = 1;
      if (state >= 7) {
        let match = out[pos - rep0 - 1];
        do {
          const mb = (match >> 7) & 1;
          match <<= 1;
          const b = bit(literals, base + ((1 + mb) << 8) + s);
          s = (s << 1) | b;
          if (mb !== b) break;
        } while (s < 0x100);
      }
      while (s < 0x100) s = (s << 1) | bit(literals, base + s);
      out[pos++] = s - 0x100;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(isRep, state) !== 0) {
      if (pos === 0) throw damaged('repeat at start');
      if (bit(isRepG0, state) === 0) {
        if (bit(isRep0Long, (state << 4) + posState) === 0) {
          if (pos === size) throw damaged('length');
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        let d;
        if (bit(isRepG1, state) === 0) {
          d = rep1;
        } else {
          if (bit(isRepG2, state) === 0) {
            d = rep2;
          } else {
            d = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = d;
      }
      len = length(repLenDec, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(lenDec, posState);
      state = state < 7 ? 7 : 10;
      // the distance
      const slot = tree(slots, (len < 3 ? len : 3) << 6, 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const n = (slot >> 1) - 1;
        let d = ((2 | (slot & 1)) << n) >>> 0;
        if (slot < 14) {
          d += reverse(spec, d - slot, n);
        } else {
          d += direct(n - 4) * 16;
          d += reverse(align, 0, 4);
        }
        rep0 = d;
      }
      if (rep0 === 0xffffffff) {
        if (pos !== size) throw damaged('early end');
        break;
      }
      if (rep0 >= pos) throw damaged('distance');
    }
    len += 2;
    if (len > size - pos) throw damaged('length');
    // byte by byte: a match may overlap what it writes
    const from = pos - rep0 - 1;
    for (let k = 0; k < len; k++) out[pos + k] = out[from + k];
    pos += len;
  }
  if (at > end || rc[1] !== 0) throw damaged('end');
  return out;
}
