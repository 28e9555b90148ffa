//! An Ed25519 signer in minisign's format, written for the tests on curve25519-dalek's group
//! arithmetic rather than on tenken's code, that also makes what no honest signer makes: the
//! weak keys and signatures an attacker would try (small-order or mixed-order points, an
//! unreduced scalar, a key nobody holds a secret for). Each is checked against Debian's
//! `minisign` in `tests/weak_signatures.rs`, so the tests know minisign's verdict, not ours.

#![allow(dead_code)]

use blake2::Blake2b512;
use curve25519_dalek::constants::{ED25519_BASEPOINT_POINT as B, EIGHT_TORSION};
use curve25519_dalek::edwards::EdwardsPoint;
use curve25519_dalek::scalar::Scalar;
use curve25519_dalek::traits::Identity;
use sha2::{Digest, Sha512};
use tenken::core::base64::encode;

/// A point of order 8.
pub fn t8() -> EdwardsPoint {
    EIGHT_TORSION[1]
}

/// A key as the tests hold it: its secret scalar (none for a key nobody holds), its point and
/// minisign key id.
#[derive(Clone, Copy)]
pub struct Key {
    /// The secret scalar `a` (`A = [a]B`, plus a small-order part for a mixed-order key).
    pub secret: Scalar,
    /// The public point `A`.
    pub point: EdwardsPoint,
    /// minisign's key id.
    pub id: [u8; 8],
}

/// What kind of signature (or key) to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Craft {
    /// As every signer makes it.
    Honest,
    /// `R = [r]B + T` with `T` of order 8 and `s = r + k·a`: holds in the cofactored equation
    /// (what a batch checks), not in minisign's.
    MixedR,
    /// `R = T` of small order and `s = k·a`: again cofactored only; refused by its bytes.
    SmallR,
    /// The honest `s` plus the group order: the same signature spelled differently.
    UnreducedS,
}

fn scalar_from_seed(seed: u64) -> Scalar {
    let mut h = Sha512::new();
    h.update(b"tenken test key");
    h.update(seed.to_le_bytes());
    Scalar::from_bytes_mod_order_wide(&h.finalize().into())
}

impl Key {
    /// An honest key from a seed.
    pub fn honest(seed: u64) -> Key {
        let secret = scalar_from_seed(seed);
        Key {
            secret,
            point: B * secret,
            id: seed.to_le_bytes(),
        }
    }

    /// The identity point as a key: any `(R = [s]B, s)` is a "signature" for any message.
    pub fn identity() -> Key {
        Key {
            secret: Scalar::ZERO,
            point: EdwardsPoint::identity(),
            id: *b"identity",
        }
    }

    /// A key with a small-order component, `A = [a]B + T`.
    pub fn mixed(seed: u64) -> Key {
        let k = Key::honest(seed);
        Key {
            point: k.point + t8(),
            id: *b"mixedord",
            ..k
        }
    }

    /// The same Ed25519 key under another minisign key id.
    pub fn with_id(self, id: [u8; 8]) -> Key {
        Key { id, ..self }
    }

    /// The public key as minisign writes it (`RW…`).
    pub fn public(&self) -> String {
        let mut b = b"Ed".to_vec();
        b.extend_from_slice(&self.id);
        b.extend_from_slice(self.point.compress().as_bytes());
        encode(&b)
    }

    fn challenge(&self, r: &[u8; 32], message: &[u8]) -> Scalar {
        let mut h = Sha512::new();
        h.update(r);
        h.update(self.point.compress().as_bytes());
        h.update(message);
        Scalar::from_bytes_mod_order_wide(&h.finalize().into())
    }

    /// An Ed25519 signature over `message`, made as `craft` says; `nonce` varies `r`. For the
    /// identity key and a mixed-order key the nonce is searched until the signature holds in
    /// minisign's equation (for a mixed-order key: until `k ≡ 0 (mod 8)`).
    pub fn sign_raw(&self, message: &[u8], craft: Craft, nonce: u64) -> [u8; 64] {
        let identity = self.point == EdwardsPoint::identity();
        let mixed = !identity && !self.point.is_torsion_free();
        for attempt in 0.. {
            let r = scalar_from_seed(nonce.wrapping_mul(1_000_003).wrapping_add(attempt) ^ 0x5eed);
            let big_r = match craft {
                Craft::MixedR => B * r + t8(),
                Craft::SmallR => EIGHT_TORSION[2],
                _ => B * r,
            };
            let rb = big_r.compress().to_bytes();
            let k = self.challenge(&rb, message);
            if mixed && !k.to_bytes()[0].is_multiple_of(8) {
                continue;
            }
            let s = match craft {
                Craft::SmallR => k * self.secret,
                _ => r + k * self.secret,
            };
            let mut sb = s.to_bytes();
            if craft == Craft::UnreducedS {
                add_order(&mut sb);
            }
            let mut out = [0u8; 64];
            out[..32].copy_from_slice(&rb);
            out[32..].copy_from_slice(&sb);
            return out;
        }
        unreachable!()
    }

    /// A `.minisig` text over `bytes` (pre-hashed, as minisign signs), with `trusted` signed
    /// too; the signature over the bytes is made as `craft` says, the global one honestly.
    pub fn minisig(&self, bytes: &[u8], trusted: &str, craft: Craft, nonce: u64) -> String {
        let prehash = Blake2b512::digest(bytes);
        let sig = self.sign_raw(&prehash, craft, nonce);
        let mut global_message = sig.to_vec();
        global_message.extend_from_slice(trusted.as_bytes());
        let global = self.sign_raw(&global_message, Craft::Honest, nonce ^ 0xffff);
        let mut line = b"ED".to_vec();
        line.extend_from_slice(&self.id);
        line.extend_from_slice(&sig);
        format!(
            "untrusted comment: signature from the tests' forge\n{}\ntrusted comment: {trusted}\n{}\n",
            encode(&line),
            encode(&global)
        )
    }
}

/// Adds the group order `L` to a reduced scalar's bytes (the result still fits in 32 bytes).
fn add_order(s: &mut [u8; 32]) {
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for i in 0..32 {
        let v = s[i] as u16 + L[i] as u16 + carry;
        s[i] = v as u8;
        carry = v >> 8;
    }
}
