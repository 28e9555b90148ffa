//! The shapes of minisign's texts (signature, public key, secret key), checked before any
//! cryptographic library sees them.
//!
//! Every field is checked for its exact length, its alphabet and its algorithm, and every
//! cost a file can set (text length, scrypt parameters) is capped, so that a truncated,
//! padded or hostile file is refused with a reason instead of reaching code that may panic
//! or run for hours. Only texts that pass are handed to the `minisign` crate, rebuilt from
//! the parsed parts so that it sees exactly what was checked.

use super::error::{Flaw, Part, SignError};
use super::strict;
use crate::core::base64::{encode, value_of};

/// The longest signature text accepted (tenken writes about 400 bytes).
pub const MAX_SIGNATURE_TEXT: usize = 4096;
/// The longest comment line accepted in a signature or key file.
pub const MAX_COMMENT: usize = 1024;
/// The longest secret key file accepted.
pub const MAX_SECRET_KEY_TEXT: usize = 4096;

/// Ed25519 signature algorithm ids in minisign: pre-hashed (BLAKE2b-512) and legacy.
const ALG_PREHASHED: [u8; 2] = *b"ED";
const ALG_LEGACY: [u8; 2] = *b"Ed";
const UNTRUSTED: &str = "untrusted comment: ";
const TRUSTED: &str = "trusted comment: ";

/// Bytes of a decoded public key: algorithm (2), key id (8), Ed25519 key (32).
pub const PUBLIC_KEY_BYTES: usize = 42;
/// Bytes of a decoded signature line: algorithm (2), key id (8), Ed25519 signature (64).
const SIGNATURE_BYTES: usize = 74;
/// Bytes of a decoded secret key: algorithms (6), salt (32), ops and memory limits (16),
/// key id (8), secret key (64), checksum (32).
const SECRET_KEY_BYTES: usize = 158;

/// scrypt's cost as tenken writes it (minisign's own default): opslimit 2^20 and memlimit
/// 2^25, which give N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s natively). Key files that
/// declare more are refused: an office PC must not be made to spend minutes or gigabytes.
pub const MAX_OPSLIMIT: u64 = 1 << 20;
/// See [`MAX_OPSLIMIT`].
pub const MAX_MEMLIMIT: u64 = 1 << 25;

/// A minisign signature (`.minisig` text) whose shape has been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureText {
    /// The untrusted comment (after `untrusted comment: `).
    pub untrusted_comment: String,
    /// True for pre-hashed signatures (`ED`), false for legacy ones (`Ed`).
    pub prehashed: bool,
    /// The signing key's id (little-endian, as stored).
    pub key_id: [u8; 8],
    /// The signature line's raw bytes (algorithm, key id, signature).
    signature_line: [u8; SIGNATURE_BYTES],
    /// The trusted comment (after `trusted comment: `).
    pub trusted_comment: String,
    /// The signature over the signature and the trusted comment.
    global_signature: [u8; 64],
}

impl SignatureText {
    /// The signature line's bytes: algorithm (2), key id (8), signature (64).
    pub fn signature_line(&self) -> &[u8; SIGNATURE_BYTES] {
        &self.signature_line
    }

    /// The Ed25519 signature over the file (`R`, then `s`).
    pub fn signature(&self) -> [u8; 64] {
        let mut s = [0u8; 64];
        s.copy_from_slice(&self.signature_line[10..]);
        s
    }

    /// The global signature (over the signature and the trusted comment).
    pub fn global_signature(&self) -> &[u8; 64] {
        &self.global_signature
    }

    /// Parses and checks a `.minisig` text.
    pub fn parse(text: &str) -> Result<SignatureText, SignError> {
        let bad = |part, flaw| SignError::Malformed(part, flaw);
        if text.len() > MAX_SIGNATURE_TEXT {
            return Err(bad(
                Part::SignatureFile,
                Flaw::TooLong {
                    max: MAX_SIGNATURE_TEXT,
                },
            ));
        }
        let lines: Vec<&str> = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        // a final line break (or several) is fine; nothing else may follow
        let used = lines
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .map_or(0, |i| i + 1);
        if used != 4 {
            return Err(bad(Part::SignatureFile, Flaw::Lines { found: used }));
        }
        let untrusted = lines[0]
            .strip_prefix(UNTRUSTED)
            .ok_or(bad(Part::UntrustedComment, Flaw::Prefix))?;
        check_comment(Part::UntrustedComment, untrusted)?;
        let sig: [u8; SIGNATURE_BYTES] = decode_exact(Part::SignatureLine, lines[1])?;
        let prehashed = match [sig[0], sig[1]] {
            ALG_PREHASHED => true,
            ALG_LEGACY => false,
            _ => return Err(bad(Part::SignatureLine, Flaw::Algorithm)),
        };
        let trusted = lines[2]
            .strip_prefix(TRUSTED)
            .ok_or(bad(Part::TrustedComment, Flaw::Prefix))?;
        check_comment(Part::TrustedComment, trusted)?;
        let global: [u8; 64] = decode_exact(Part::GlobalSignature, lines[3])?;
        // minisign's rule before any curve arithmetic: reduced scalars, no small-order R
        let mut main = [0u8; 64];
        main.copy_from_slice(&sig[10..74]);
        strict::check_signature(&main).map_err(|f| bad(Part::SignatureLine, f))?;
        strict::check_signature(&global).map_err(|f| bad(Part::GlobalSignature, f))?;
        let mut key_id = [0u8; 8];
        key_id.copy_from_slice(&sig[2..10]);
        Ok(SignatureText {
            untrusted_comment: untrusted.to_string(),
            prehashed,
            key_id,
            signature_line: sig,
            trusted_comment: trusted.trim().to_string(),
            global_signature: global,
        })
    }

    /// A pre-hashed signature as tenken makes it: the signature over the BLAKE2b-512 of the
    /// bytes by key `key_id`, the trusted comment and the signature over both.
    pub fn new(
        untrusted_comment: &str,
        key_id: [u8; 8],
        signature: [u8; 64],
        trusted_comment: &str,
        global_signature: [u8; 64],
    ) -> SignatureText {
        let mut line = [0u8; SIGNATURE_BYTES];
        line[..2].copy_from_slice(&ALG_PREHASHED);
        line[2..10].copy_from_slice(&key_id);
        line[10..].copy_from_slice(&signature);
        SignatureText {
            untrusted_comment: untrusted_comment.to_string(),
            prehashed: true,
            key_id,
            signature_line: line,
            trusted_comment: trusted_comment.to_string(),
            global_signature,
        }
    }

    /// The text rebuilt from the checked parts, as minisign writes it.
    pub fn to_text(&self) -> String {
        format!(
            "{UNTRUSTED}{}\n{}\n{TRUSTED}{}\n{}\n",
            self.untrusted_comment,
            encode(&self.signature_line),
            self.trusted_comment,
            encode(&self.global_signature)
        )
    }
}

/// A minisign public key whose shape has been checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicKeyBytes {
    /// Algorithm, key id, key.
    pub bytes: [u8; PUBLIC_KEY_BYTES],
}

impl PublicKeyBytes {
    /// The minisign public key of an Ed25519 key under `key_id`.
    pub fn new(key_id: [u8; 8], key: [u8; 32]) -> PublicKeyBytes {
        let mut bytes = [0u8; PUBLIC_KEY_BYTES];
        bytes[..2].copy_from_slice(&ALG_LEGACY);
        bytes[2..10].copy_from_slice(&key_id);
        bytes[10..].copy_from_slice(&key);
        PublicKeyBytes { bytes }
    }

    /// Parses a public key in minisign's base64 form (`RW…`, 56 characters).
    pub fn parse(text: &str) -> Result<PublicKeyBytes, SignError> {
        let text = text.trim();
        if text.len() > 256 {
            return Err(SignError::Malformed(
                Part::PublicKey,
                Flaw::TooLong { max: 256 },
            ));
        }
        let bytes: [u8; PUBLIC_KEY_BYTES] = decode_exact(Part::PublicKey, text)?;
        if [bytes[0], bytes[1]] != ALG_LEGACY {
            return Err(SignError::Malformed(Part::PublicKey, Flaw::Algorithm));
        }
        let key = PublicKeyBytes { bytes };
        // minisign's rule: a canonical encoding, not of small order
        strict::check_key(&key.ed25519()).map_err(|f| SignError::Malformed(Part::PublicKey, f))?;
        Ok(key)
    }

    /// The Ed25519 key itself (without minisign's algorithm and key id): what identifies a
    /// key. Two minisign keys with the same Ed25519 key and different ids are one key.
    pub fn ed25519(&self) -> [u8; 32] {
        let mut k = [0u8; 32];
        k.copy_from_slice(&self.bytes[10..42]);
        k
    }

    /// The key id (little-endian, as stored).
    pub fn key_id(&self) -> [u8; 8] {
        let mut id = [0u8; 8];
        id.copy_from_slice(&self.bytes[2..10]);
        id
    }

    /// The base64 form.
    pub fn to_base64(&self) -> String {
        encode(&self.bytes)
    }
}

/// A minisign secret key file whose shape has been checked: its comment and the fields of
/// its scrypt-encrypted key (`Ed`, `Sc`, `B2`, salt, limits, then the encrypted key id,
/// secret key and checksum).
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKeyText {
    /// The comment line (after `untrusted comment: `).
    pub comment: String,
    /// The scrypt salt.
    pub salt: [u8; 32],
    /// scrypt's opslimit, at most [`MAX_OPSLIMIT`].
    pub opslimit: u64,
    /// scrypt's memlimit, at most [`MAX_MEMLIMIT`].
    pub memlimit: u64,
    /// Key id (8), secret key (seed 32, public key 32), BLAKE2b-256 checksum (32), XORed with
    /// the scrypt stream.
    pub encrypted: [u8; 104],
}

impl std::fmt::Debug for SecretKeyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKeyText({})", self.comment)
    }
}

impl SecretKeyText {
    /// Parses and checks a secret key file: comment line, then an scrypt-encrypted Ed25519
    /// key of the exact length whose key-derivation cost is at most tenken's own.
    pub fn parse(text: &str) -> Result<SecretKeyText, SignError> {
        let bad = |flaw| SignError::Malformed(Part::SecretKey, flaw);
        if text.len() > MAX_SECRET_KEY_TEXT {
            return Err(bad(Flaw::TooLong {
                max: MAX_SECRET_KEY_TEXT,
            }));
        }
        let mut lines = text
            .split('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .filter(|l| !l.trim().is_empty());
        let first = lines.next().unwrap_or_default();
        let comment = first.strip_prefix(UNTRUSTED).ok_or(bad(Flaw::Prefix))?;
        check_comment(Part::SecretKey, comment)?;
        let encoded = lines.next().unwrap_or_default().trim();
        if lines.next().is_some() {
            return Err(bad(Flaw::Lines { found: 3 }));
        }
        let key: [u8; SECRET_KEY_BYTES] = decode_exact(Part::SecretKey, encoded)?;
        if [key[0], key[1]] != ALG_LEGACY || [key[4], key[5]] != *b"B2" {
            return Err(bad(Flaw::Algorithm));
        }
        if [key[2], key[3]] != *b"Sc" {
            return Err(bad(Flaw::NotEncrypted));
        }
        let le = |r: std::ops::Range<usize>| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&key[r]);
            u64::from_le_bytes(b)
        };
        let (opslimit, memlimit) = (le(38..46), le(46..54));
        if opslimit > MAX_OPSLIMIT || memlimit > MAX_MEMLIMIT {
            return Err(SignError::KeyCostTooHigh { opslimit, memlimit });
        }
        let mut salt = [0u8; 32];
        salt.copy_from_slice(&key[6..38]);
        let mut encrypted = [0u8; 104];
        encrypted.copy_from_slice(&key[54..]);
        Ok(SecretKeyText {
            comment: comment.to_string(),
            salt,
            opslimit,
            memlimit,
            encrypted,
        })
    }

    /// The file's text, as minisign writes it.
    pub fn to_text(&self) -> String {
        let mut key = Vec::with_capacity(SECRET_KEY_BYTES);
        key.extend_from_slice(b"EdScB2");
        key.extend_from_slice(&self.salt);
        key.extend_from_slice(&self.opslimit.to_le_bytes());
        key.extend_from_slice(&self.memlimit.to_le_bytes());
        key.extend_from_slice(&self.encrypted);
        format!("{UNTRUSTED}{}\n{}\n", self.comment, encode(&key))
    }
}

/// Checks a minisign secret key file (see [`SecretKeyText::parse`]); returns the text rebuilt
/// from the checked parts.
pub fn check_secret_key(text: &str) -> Result<String, SignError> {
    SecretKeyText::parse(text).map(|k| k.to_text())
}

fn check_comment(part: Part, comment: &str) -> Result<(), SignError> {
    if comment.len() > MAX_COMMENT {
        return Err(SignError::Malformed(
            part,
            Flaw::TooLong { max: MAX_COMMENT },
        ));
    }
    if comment.chars().any(|c| c.is_control() && c != '\t') {
        return Err(SignError::Malformed(part, Flaw::Control));
    }
    Ok(())
}

/// Decodes standard base64 (with padding, no white space inside) into exactly `N` bytes.
fn decode_exact<const N: usize>(part: Part, text: &str) -> Result<[u8; N], SignError> {
    let text = text.trim().as_bytes();
    let expected = N.div_ceil(3) * 4;
    if text.len() != expected {
        return Err(SignError::Malformed(
            part,
            Flaw::Length {
                found: text.len(),
                expected,
            },
        ));
    }
    let pad = text.iter().rev().take_while(|&&c| c == b'=').count();
    if pad != (3 - N % 3) % 3 {
        return Err(SignError::Malformed(part, Flaw::Base64));
    }
    let mut out = [0u8; N];
    let mut at = 0;
    for chunk in text[..text.len() - pad].chunks(4) {
        let mut acc: u32 = 0;
        for &c in chunk {
            acc = (acc << 6) | value_of(c).ok_or(SignError::Malformed(part, Flaw::Base64))?;
        }
        let bits = chunk.len() * 6;
        let bytes = bits / 8;
        // unused low bits must be zero (one text per key: no malleable encodings)
        if acc & ((1 << (bits - bytes * 8)) - 1) != 0 {
            return Err(SignError::Malformed(part, Flaw::Base64));
        }
        acc >>= bits - bytes * 8;
        for i in (0..bytes).rev() {
            if at + i < N {
                out[at + i] = (acc & 0xff) as u8;
            }
            acc >>= 8;
        }
        at += bytes;
    }
    if at != N {
        return Err(SignError::Malformed(part, Flaw::Base64));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<const N: usize>() {
        let bytes: [u8; N] =
            std::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(N as u8));
        let text = encode(&bytes);
        assert_eq!(text.len(), N.div_ceil(3) * 4);
        assert_eq!(decode_exact::<N>(Part::PublicKey, &text), Ok(bytes), "{N}");
    }

    #[test]
    fn base64_round_trips() {
        round_trip::<1>();
        round_trip::<2>();
        round_trip::<3>();
        round_trip::<PUBLIC_KEY_BYTES>();
        round_trip::<64>();
        round_trip::<SIGNATURE_BYTES>();
        round_trip::<SECRET_KEY_BYTES>();
    }

    #[test]
    fn base64_refuses_wrong_lengths_alphabets_and_padding() {
        let good = encode(&[1u8; 64]);
        assert!(decode_exact::<64>(Part::GlobalSignature, &good).is_ok());
        for bad in [
            "AAAA".to_string(),
            good[..good.len() - 4].to_string(),
            format!("{good}AAAA"),
            good.replacen('A', "-", 1),
            good.replace('=', "A"),
            format!("{}A=", &good[..good.len() - 2]),
            // a non-zero unused bit before the padding
            format!("{}B==", &good[..good.len() - 3]),
        ] {
            assert!(
                decode_exact::<64>(Part::GlobalSignature, &bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn secret_keys_that_cost_more_than_tenkens_are_refused() {
        let mut key = [0u8; SECRET_KEY_BYTES];
        key[0..2].copy_from_slice(b"Ed");
        key[2..4].copy_from_slice(b"Sc");
        key[4..6].copy_from_slice(b"B2");
        let with = |ops: u64, mem: u64| {
            let mut k = key;
            k[38..46].copy_from_slice(&ops.to_le_bytes());
            k[46..54].copy_from_slice(&mem.to_le_bytes());
            format!("untrusted comment: x\n{}\n", encode(&k))
        };
        assert!(check_secret_key(&with(MAX_OPSLIMIT, MAX_MEMLIMIT)).is_ok());
        // Debian's minisign writes opslimit 2^25, memlimit 2^30 (1 GiB)
        for (ops, mem) in [(1 << 25, 1 << 30), (u64::MAX, u64::MAX), (1 << 30, 1 << 25)] {
            assert_eq!(
                check_secret_key(&with(ops, mem)),
                Err(SignError::KeyCostTooHigh {
                    opslimit: ops,
                    memlimit: mem
                })
            );
        }
        let mut plain = key;
        plain[2..4].copy_from_slice(&[0, 0]);
        let plain = format!("untrusted comment: x\n{}\n", encode(&plain));
        assert_eq!(
            check_secret_key(&plain),
            Err(SignError::Malformed(Part::SecretKey, Flaw::NotEncrypted))
        );
    }
}
