// Signed tenken results made with Node's own crypto (Ed25519, BLAKE2b-512) in minisign's
// format, independently of tenken's Rust code: the review tests and benchmark load them.
import { generateKeyPairSync, sign, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './lib.mjs';

/** RFC 8785 canonical JSON for the plain data of results (strings, integers, objects, arrays). */
export function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    // JCS sorts by UTF-16 code units: JavaScript's default string order
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

/** The unsigned result of the test bundle that tests/review.rs keeps current. */
export function templateResult() {
  return JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/result-mini.json'), 'utf8'));
}

/** A minisign key pair: { publicKey (base64 "RW…"), registration(division, name), sign(bytes, comment) }. */
export function makeKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
  const keynum = randomBytes(8);
  const pkBytes = Buffer.concat([Buffer.from('Ed'), keynum, raw]);
  const pk = pkBytes.toString('base64');
  const h = createHash('sha256').update(pkBytes).digest('hex').toUpperCase();
  const fingerprint = [0, 4, 8, 12].map((i) => h.slice(i, i + 4)).join('-');
  return {
    publicKey: pk,
    fingerprint,
    registration(division, name) {
      return { format: 'tenken-registration/1', division, name, title: '課長', public_key: pk, fingerprint, created: '2026-04-01' };
    },
    /** minisign's pre-hashed signature over `bytes`, as a .minisig text. */
    sign(bytes, trusted) {
      const prehash = createHash('blake2b512').update(bytes).digest();
      const sig = sign(null, prehash, privateKey);
      const global = sign(null, Buffer.concat([sig, Buffer.from(trusted)]), privateKey);
      return 'untrusted comment: signature from node\n'
        + Buffer.concat([Buffer.from('ED'), keynum, sig]).toString('base64') + '\n'
        + 'trusted comment: ' + trusted + '\n'
        + global.toString('base64') + '\n';
    },
  };
}

/** A signed result file's text for `result`, signed by `key` at Unix time `when`. */
export function signedFile(result, key, when, name = 'r.tenken.json') {
  const payload = Buffer.from(canonical(result));
  return JSON.stringify({
    format: 'tenken-signed/1',
    result,
    signature: key.sign(payload, `timestamp:${when}\tfile:${name}\thashed`),
    public_key: key.publicKey,
  }, null, 2);
}
