//! The one Ed25519 rule tenken applies everywhere: minisign's.
//!
//! Debian's `minisign` verifies with libsodium's `crypto_sign_verify_detached`, which refuses,
//! before any curve arithmetic, a signature scalar `s` that is not reduced (`s ≥ L`), a
//! signature point `R` and a public key `A` of small order (the eight points of order 1, 2,
//! 4 or 8, in any of their encodings), and a public key whose encoding is not canonical
//! (`y ≥ p`); it then recomputes `[s]B − [k]A` and compares its canonical encoding with the
//! bytes of `R` ("cofactorless"). These byte checks are that first half, shared by every
//! verifier tenken has: the `minisign` crate's in the 課長's page (which on its own refuses
//! only the identity key) and the curve arithmetic of [`super::ed25519`] in the CLI and 集計.
//! They run when a key or signature text is parsed ([`super::wire`]), so a weak key or
//! signature is refused with its reason, whoever verifies it and whatever it is opened with.
//!
//! Why no batch verification: a batch checks the cofactored equation `8([s]B − R − [k]A) = 0`,
//! which also accepts a signature whose `R` carries a small-order component (`R = [r]B + T`),
//! while minisign refuses it. Refusing small-order `R` does not close that gap (a mixed-order
//! `R` is not of small order), and proving every `R` torsion-free costs a scalar
//! multiplication each — more than checking the signature alone. So every signature is checked
//! on its own, and whether a file counts never depends on the files opened with it.

use super::error::Flaw;

/// The order of the prime-order subgroup, `L = 2^252 + 27742317777372353535851937790883648493`,
/// little-endian.
const L: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// The `y` coordinates (little-endian, sign bit clear) of the points of small order, and the
/// non-canonical encodings of two of them, as libsodium lists them: 0 (order 4), 1 (order 1),
/// the two of order 8, p − 1 (order 2), p (= 0) and p + 1 (= 1).
const SMALL_ORDER: [[u8; 32]; 7] = [
    [0; 32],
    [
        1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0,
    ],
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
    field_edge(0xec),
    field_edge(0xed),
    field_edge(0xee),
];

/// `p − 1`, `p` and `p + 1` (`p = 2^255 − 19`) by their lowest byte.
const fn field_edge(low: u8) -> [u8; 32] {
    let mut b = [0xff; 32];
    b[0] = low;
    b[31] = 0x7f;
    b
}

/// True when `s < L`: the signature's scalar is reduced, as RFC 8032 requires.
pub fn scalar_is_canonical(s: &[u8; 32]) -> bool {
    for i in (0..32).rev() {
        if s[i] != L[i] {
            return s[i] < L[i];
        }
    }
    false
}

/// True when the encoded `y` (the sign bit aside) is below `p = 2^255 − 19`.
pub fn point_is_canonical(p: &[u8; 32]) -> bool {
    let top = p[31] & 0x7f == 0x7f && p[1..31].iter().all(|&b| b == 0xff);
    !(top && p[0] >= 0xed)
}

/// True when the encoding is one of a point of small order (the sign bit ignored), so that a
/// "signature" with it, or by it, can be made without any secret key.
pub fn has_small_order(p: &[u8; 32]) -> bool {
    let mut y = *p;
    y[31] &= 0x7f;
    SMALL_ORDER.contains(&y)
}

/// Checks an Ed25519 public key's bytes: a canonical encoding, not of small order.
pub fn check_key(key: &[u8; 32]) -> Result<(), Flaw> {
    if !point_is_canonical(key) {
        return Err(Flaw::NonCanonical);
    }
    if has_small_order(key) {
        return Err(Flaw::SmallOrder);
    }
    Ok(())
}

/// Checks an Ed25519 signature's bytes (`R`, then `s`): `s` reduced, `R` not of small order.
pub fn check_signature(sig: &[u8; 64]) -> Result<(), Flaw> {
    let mut r = [0u8; 32];
    r.copy_from_slice(&sig[..32]);
    let mut s = [0u8; 32];
    s.copy_from_slice(&sig[32..]);
    if !scalar_is_canonical(&s) {
        return Err(Flaw::NonCanonical);
    }
    if has_small_order(&r) {
        return Err(Flaw::SmallOrder);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_is_refused_and_one_below_it_accepted() {
        assert!(!scalar_is_canonical(&L));
        let mut below = L;
        below[0] -= 1;
        assert!(scalar_is_canonical(&below));
        assert!(scalar_is_canonical(&[0; 32]));
        let mut above = L;
        above[0] += 1;
        assert!(!scalar_is_canonical(&above));
        // the top bits a signer could set to make `s + L` or `s + 8L` look different
        let mut high = [0u8; 32];
        high[31] = 0x20;
        assert!(!scalar_is_canonical(&high));
    }

    #[test]
    fn y_at_or_above_p_is_not_canonical_whatever_the_sign_bit() {
        for low in [0xed, 0xee, 0xff] {
            let mut y = field_edge(low);
            assert!(!point_is_canonical(&y), "{low:x}");
            y[31] |= 0x80;
            assert!(!point_is_canonical(&y), "{low:x} with sign");
        }
        assert!(point_is_canonical(&field_edge(0xec)));
        let mut y = field_edge(0xed);
        y[30] = 0xfe;
        assert!(point_is_canonical(&y));
    }

    #[test]
    fn every_small_order_encoding_is_refused_with_either_sign_bit() {
        for p in SMALL_ORDER {
            assert!(has_small_order(&p));
            let mut signed = p;
            signed[31] |= 0x80;
            assert!(has_small_order(&signed));
            assert!(check_key(&p).is_err());
        }
        let mut other = [7u8; 32];
        other[31] = 0;
        assert!(!has_small_order(&other));
    }
}
