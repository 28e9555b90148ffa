//! Checking minisign signatures with ed25519-dalek: the same two checks minisign makes — the
//! Ed25519 signature over the BLAKE2b-512 of the bytes (pre-hashed `ED`) or over the bytes
//! (legacy `Ed`), and the global signature over the signature and the trusted comment — a
//! file's two as one batch ([`verify`], the CLI), many files' as batches ([`check_all`], the
//! CLI's `aggregate` and 集計 in tenken-kanri.html). Opening one result in the browser keeps
//! minisign's own verifier (signing needs it anyway), so the 課長's wasm never links this.
//! `tests/signing.rs` checks both against Debian's `minisign`.

use blake2::{Blake2b512, Digest};
use ed25519_dalek::{Signature, VerifyingKey};

use super::wire::{PublicKeyBytes, SignatureText};

/// The most decompressed keys kept per thread (a review sees one key per 課).
const CACHED_KEYS: usize = 4096;

thread_local! {
    static KEYS: std::cell::RefCell<std::collections::HashMap<[u8; 32], VerifyingKey>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The key, decompressed once per thread: thousands of results come from a few hundred keys.
fn verifying_key(pk: &[u8; 32]) -> Option<VerifyingKey> {
    if let Some(vk) = KEYS.with(|k| k.borrow().get(pk).copied()) {
        return Some(vk);
    }
    let vk = VerifyingKey::from_bytes(pk).ok()?;
    KEYS.with(|k| {
        let mut k = k.borrow_mut();
        if k.len() >= CACHED_KEYS {
            k.clear();
        }
        k.insert(*pk, vk);
    });
    Some(vk)
}

/// Files whose signatures are checked as one batch: 64 files are 128 signatures in one
/// multiscalar multiplication (about half the curve arithmetic of checking each file alone).
pub const BATCH_FILES: usize = 64;

/// One file's two signatures, taken apart so that many files can be checked as one batch.
pub struct Check {
    key: VerifyingKey,
    /// The signed message: BLAKE2b-512 of the bytes (pre-hashed `ED`) or the bytes (`Ed`).
    message: Vec<u8>,
    /// The signature, then the trusted comment: what the global signature covers.
    global_message: Vec<u8>,
    signatures: [Signature; 2],
}

impl Check {
    /// Both signatures of this file alone (the same check `minisign -V` makes).
    fn holds(&self) -> bool {
        ed25519_dalek::verify_batch(
            &[&self.message, &self.global_message],
            &self.signatures,
            &[self.key, self.key],
        )
        .is_ok()
    }
}

/// The check of `sig` over `bytes` for `key` (whose key id the caller has already compared);
/// `None` when the key is not a curve point, so that nothing can hold.
pub fn prepare(bytes: &[u8], sig: &SignatureText, key: &PublicKeyBytes) -> Option<Check> {
    let pk = <[u8; 32]>::try_from(&key.bytes[10..42]).ok()?;
    let vk = verifying_key(&pk)?;
    let line = sig.signature_line();
    let signature = <[u8; 64]>::try_from(&line[10..74]).ok()?;
    let message = if sig.prehashed {
        Blake2b512::digest(bytes).to_vec()
    } else {
        bytes.to_vec()
    };
    let mut global_message = Vec::with_capacity(64 + sig.trusted_comment.len());
    global_message.extend_from_slice(&signature);
    global_message.extend_from_slice(sig.trusted_comment.as_bytes());
    Some(Check {
        key: vk,
        message,
        global_message,
        signatures: [
            Signature::from_bytes(&signature),
            Signature::from_bytes(sig.global_signature()),
        ],
    })
}

/// For each check, whether both its signatures hold (`None`: they cannot). Checked
/// [`BATCH_FILES`] files at a time. A batch holds only if every signature in it holds: each
/// signature's equation gets a 128-bit weight that ed25519-dalek derives from a hash of all
/// the batch's inputs, so signatures made to cancel out would need that hash broken. A batch
/// that fails is checked again file by file: a bad file costs its batch twice, never another
/// file its status.
pub fn check_all(checks: &[Option<Check>]) -> Vec<bool> {
    let mut holds = vec![false; checks.len()];
    let present: Vec<(usize, &Check)> = checks
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.as_ref().map(|c| (i, c)))
        .collect();
    for group in present.chunks(BATCH_FILES) {
        let mut messages = Vec::with_capacity(2 * group.len());
        let mut signatures = Vec::with_capacity(2 * group.len());
        let mut keys = Vec::with_capacity(2 * group.len());
        for (_, c) in group {
            messages.extend([c.message.as_slice(), c.global_message.as_slice()]);
            signatures.extend(c.signatures);
            keys.extend([c.key, c.key]);
        }
        let all = ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok();
        for (i, c) in group {
            holds[*i] = all || c.holds();
        }
    }
    holds
}

/// True when both signatures of `sig` hold over `bytes` for `key` (whose key id the caller
/// has already compared).
#[cfg(not(target_arch = "wasm32"))]
pub fn verify(bytes: &[u8], sig: &SignatureText, key: &PublicKeyBytes) -> bool {
    prepare(bytes, sig, key).is_some_and(|c| c.holds())
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;
    use crate::core::sign::{UnlockedKey, generate};

    fn decode(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        let (mut acc, mut bits) = (0u32, 0);
        for c in text.bytes().filter(|&c| c != b'=') {
            acc = (acc << 6) | crate::core::base64::value_of(c).expect("base64");
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                out.push((acc >> bits) as u8);
                acc &= (1 << bits) - 1;
            }
        }
        out
    }

    /// minisign's own verdict on the same parts.
    fn minisign_says(bytes: &[u8], sig: &SignatureText, key: &PublicKeyBytes) -> bool {
        let (Ok(pk), Ok(sbox)) = (
            minisign::PublicKey::from_base64(&key.to_base64()),
            minisign::SignatureBox::from_string(&sig.to_text()),
        ) else {
            return false;
        };
        minisign::verify(&pk, &sbox, Cursor::new(bytes), true, false, true).is_ok()
    }

    #[test]
    fn agrees_with_minisign_on_good_and_changed_signatures() {
        let pass = "kumo no ue no sora 2026";
        let k = generate(pass, &Default::default()).expect("key");
        let k = UnlockedKey::unlock(&k.secret_key_file, pass).expect("unlock");
        let key = PublicKeyBytes::parse(&k.public_key()).expect("key");
        let data = "点検結果".repeat(100);
        let text = k
            .sign(data.as_bytes(), "timestamp:1\tfile:a.json")
            .expect("sign");
        let sig = SignatureText::parse(&text).expect("sig");
        assert!(verify(data.as_bytes(), &sig, &key));
        assert!(minisign_says(data.as_bytes(), &sig, &key));
        // other bytes, another trusted comment, a flipped bit of either signature
        let mut cases = vec![(format!("{data}."), sig.clone())];
        let mut other = sig.clone();
        other.trusted_comment = "timestamp:2\tfile:a.json".into();
        cases.push((data.clone(), other));
        for at in [20, 70] {
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            let mut raw = decode(&lines[1]);
            raw[at] ^= 1;
            lines[1] = crate::core::base64::encode(&raw);
            if let Ok(s) = SignatureText::parse(&lines.join("\n")) {
                cases.push((data.clone(), s));
            }
        }
        let mut lines: Vec<String> = text.lines().map(String::from).collect();
        let mut raw = decode(&lines[3]);
        raw[5] ^= 0x80;
        lines[3] = crate::core::base64::encode(&raw);
        cases.push((
            data.clone(),
            SignatureText::parse(&lines.join("\n")).expect("sig"),
        ));
        assert_eq!(cases.len(), 5);
        for (bytes, s) in &cases {
            assert!(!verify(bytes.as_bytes(), s, &key));
            assert_eq!(
                verify(bytes.as_bytes(), s, &key),
                minisign_says(bytes.as_bytes(), s, &key)
            );
        }
    }
}
