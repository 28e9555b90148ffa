// Ed25519 in minisign's format with BigInt arithmetic, written for the tests independently of
// tenken's Rust code and of Node's own Ed25519: it makes what no honest signer makes, the
// weak keys and signatures an attacker would try against 集計 and the 課長's page. The same
// cases are checked against Debian's minisign in tests/weak_signatures.rs.
import { createHash, randomBytes } from 'node:crypto';

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const mod = (a, m = P) => ((a % m) + m) % m;
const pow = (b, e, m = P) => {
  let r = 1n;
  b = mod(b, m);
  for (; e > 0n; e >>= 1n, b = (b * b) % m) if (e & 1n) r = (r * b) % m;
  return r;
};
const inv = (a) => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);

// points as [x, y] (affine; speed does not matter here)
const ZERO = [0n, 1n];
function add([x1, y1], [x2, y2]) {
  const t = mod(D * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + x2 * y1) * inv(1n + t)), mod((y1 * y2 + x1 * x2) * inv(1n - t))];
}
function mul(n, p) {
  let r = ZERO;
  for (let q = p; n > 0n; n >>= 1n, q = add(q, q)) if (n & 1n) r = add(r, q);
  return r;
}
function decode(bytes) {
  let y = BigInt('0x' + Buffer.from(bytes).reverse().toString('hex'));
  const sign = y >> 255n;
  y &= (1n << 255n) - 1n;
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = pow(u * inv(v), (P + 3n) / 8n);
  if (mod(x * x * v - u) !== 0n) x = mod(x * SQRT_M1);
  if (mod(x * x * v - u) !== 0n) throw new Error('not a point');
  if ((x & 1n) !== sign) x = mod(-x);
  return [x, y];
}
function encode([x, y]) {
  const b = Buffer.from(y.toString(16).padStart(64, '0'), 'hex').reverse();
  if (x & 1n) b[31] |= 0x80;
  return b;
}
const le = (n) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse();
const scalar = (buf) => mod(BigInt('0x' + Buffer.from(buf).reverse().toString('hex')), L);
const BASE = decode(Buffer.from('5866666666666666666666666666666666666666666666666666666666666666', 'hex'));
/** A point of order 8 (its y is in libsodium's list of small-order encodings). */
const T8 = decode(Buffer.from('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'hex'));

/**
 * A key the tests hold the secret scalar of, in minisign's format:
 * { publicKey, fingerprint, registration(division, name), sign(bytes, trusted, craft) } where
 * craft is 'honest' or 'mixed-r' (R = [r]B + T with T of order 8: holds in a batch's cofactored
 * equation, not in minisign's).
 */
export function forgeKey() {
  const a = scalar(randomBytes(64));
  const A = encode(mul(a, BASE));
  const keynum = randomBytes(8);
  const pkBytes = Buffer.concat([Buffer.from('Ed'), keynum, A]);
  const publicKey = pkBytes.toString('base64');
  const h = createHash('sha256').update(pkBytes).digest('hex').toUpperCase();
  const fingerprint = [0, 4, 8, 12].map((i) => h.slice(i, i + 4)).join('-');
  const raw = (message, craft) => {
    const r = scalar(randomBytes(64));
    let R = mul(r, BASE);
    if (craft === 'mixed-r') R = add(R, T8);
    const Rb = encode(R);
    const k = scalar(createHash('sha512').update(Buffer.concat([Rb, A, message])).digest());
    return Buffer.concat([Rb, le(mod(r + k * a, L))]);
  };
  return {
    publicKey,
    fingerprint,
    registration(division, name) {
      return { format: 'tenken-registration/1', division, name, title: '課長', public_key: publicKey, fingerprint, created: '2026-04-01' };
    },
    sign(bytes, trusted, craft = 'honest') {
      const sig = raw(createHash('blake2b512').update(bytes).digest(), craft);
      const global = raw(Buffer.concat([sig, Buffer.from(trusted)]), 'honest');
      return 'untrusted comment: signature from the tests\' forge\n'
        + Buffer.concat([Buffer.from('ED'), keynum, sig]).toString('base64') + '\n'
        + 'trusted comment: ' + trusted + '\n'
        + global.toString('base64') + '\n';
    },
  };
}
