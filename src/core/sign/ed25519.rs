//! Ed25519 on curve25519-dalek's arithmetic, for every build: making keys and signatures
//! (RFC 8032, deterministic), and checking minisign signatures by minisign's rule: the
//! byte checks of [`super::strict`] (made when the texts were parsed), then libsodium's
//! cofactorless equation — `[s]B − [k]A`, encoded, must be the bytes of `R`, with
//! `k = SHA-512(R ‖ A ‖ M)`. Both of a file's signatures must hold: the Ed25519 signature over
//! the BLAKE2b-512 of the bytes (pre-hashed `ED`) or over the bytes (legacy `Ed`), and the
//! global signature over the signature and the trusted comment.
//!
//! One implementation in the CLI, 集計 and the 課長's page alike, so one rule decides
//! everywhere. Natively the base point's precomputed tables make it fast; the browser builds
//! leave them out (about 28 KB of the 課長's page, which compress badly) and compute with
//! the base point itself. Every signature is checked on its own: see [`super::strict`] for
//! why there is no batch. `tests/signing.rs` and `tests/weak_signatures.rs` check it against
//! Debian's `minisign` and the `minisign` crate, crafted weak signatures included.

use blake2::{Blake2b512, Digest};
use curve25519_dalek::edwards::{CompressedEdwardsY, EdwardsPoint};
use curve25519_dalek::scalar::Scalar;
use sha2::Sha512;

use super::wire::{PublicKeyBytes, SignatureText};

/// The most decompressed keys kept per thread (a review sees one key per 課).
const CACHED_KEYS: usize = 4096;

thread_local! {
    // sorted by key bytes: a binary search, and no hash map's code in the wasm
    static KEYS: std::cell::RefCell<Vec<([u8; 32], EdwardsPoint)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// `−A` for a key's bytes, decompressed once per thread (thousands of results come from a
/// few hundred keys); `None` when the bytes are not a point of the curve.
fn minus_key(pk: &[u8; 32]) -> Option<EdwardsPoint> {
    let found = KEYS.with(|k| {
        let k = k.borrow();
        k.binary_search_by(|(key, _)| key.cmp(pk))
            .ok()
            .map(|at| k[at].1)
    });
    if let Some(a) = found {
        return Some(a);
    }
    let a = -CompressedEdwardsY(*pk).decompress()?;
    KEYS.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() >= CACHED_KEYS {
            k.clear();
        }
        if let Err(at) = k.binary_search_by(|(key, _)| key.cmp(pk)) {
            k.insert(at, (*pk, a));
        }
    });
    Some(a)
}

/// libsodium's equation for one signature (whose bytes passed [`super::strict`]): true when
/// the canonical encoding of `[s]B − [k]A` is exactly `R`.
fn holds(pk: &[u8; 32], minus_a: &EdwardsPoint, message: &[u8], sig: &[u8; 64]) -> bool {
    let mut r = [0u8; 32];
    r.copy_from_slice(&sig[..32]);
    let mut s = [0u8; 32];
    s.copy_from_slice(&sig[32..]);
    let Some(s) = Option::<Scalar>::from(Scalar::from_canonical_bytes(s)) else {
        return false;
    };
    let mut h = Sha512::new();
    h.update(r);
    h.update(pk);
    h.update(message);
    let k = Scalar::from_bytes_mod_order_wide(&h.finalize().into());
    EdwardsPoint::vartime_double_scalar_mul_basepoint(&k, minus_a, &s)
        .compress()
        .0
        == r
}

/// True when both signatures of `sig` hold over `bytes` for `key` (whose key id the caller has
/// already compared with the signature's).
pub fn verify(bytes: &[u8], sig: &SignatureText, key: &PublicKeyBytes) -> bool {
    let pk = key.ed25519();
    let Some(minus_a) = minus_key(&pk) else {
        return false;
    };
    let signature = sig.signature();
    let signed = if sig.prehashed {
        holds(&pk, &minus_a, &Blake2b512::digest(bytes), &signature)
    } else {
        holds(&pk, &minus_a, bytes, &signature)
    };
    if !signed {
        return false;
    }
    let mut global = Vec::with_capacity(64 + sig.trusted_comment.len());
    global.extend_from_slice(&signature);
    global.extend_from_slice(sig.trusted_comment.as_bytes());
    holds(&pk, &minus_a, &global, sig.global_signature())
}

/// The public key of a secret key's 32-byte seed: `[a]B` with `a` the clamped first half of
/// SHA-512(seed) (RFC 8032).
pub fn public_of(seed: &[u8; 32]) -> [u8; 32] {
    let h = Sha512::digest(seed);
    let mut a = [0u8; 32];
    a.copy_from_slice(&h[..32]);
    EdwardsPoint::mul_base_clamped(a).compress().0
}

/// The Ed25519 signature (RFC 8032, deterministic) of `message` by the key of `seed`, whose
/// public key is `public` (as [`public_of`] gives it). Constant time in the secret.
pub fn sign(seed: &[u8; 32], public: &[u8; 32], message: &[u8]) -> [u8; 64] {
    let h = Sha512::digest(seed);
    let mut a = [0u8; 32];
    a.copy_from_slice(&h[..32]);
    let a = Scalar::from_bytes_mod_order(curve25519_dalek::scalar::clamp_integer(a));
    let mut nonce = Sha512::new();
    nonce.update(&h[32..]);
    nonce.update(message);
    let r = Scalar::from_bytes_mod_order_wide(&nonce.finalize().into());
    let big_r = EdwardsPoint::mul_base(&r).compress().0;
    let mut k = Sha512::new();
    k.update(big_r);
    k.update(public);
    k.update(message);
    let k = Scalar::from_bytes_mod_order_wide(&k.finalize().into());
    let s = r + k * a;
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&big_r);
    out[32..].copy_from_slice(s.as_bytes());
    out
}

/// Why a well-formed public key is still refused as a registration: it is not a point of the
/// curve, or it has a small-order component (`A = [a]B + T`). No key generator makes either.
/// A mixed-order key's signatures hold or not depending on the challenge modulo 8, and
/// verifiers that differ in the cofactor disagree on them: a roster never holds one.
pub fn key_flaw(key: &PublicKeyBytes) -> Option<super::Flaw> {
    match CompressedEdwardsY(key.ed25519()).decompress() {
        None => Some(super::Flaw::NotOnCurve),
        Some(a) if !a.is_torsion_free() => Some(super::Flaw::MixedOrder),
        Some(_) => None,
    }
}
