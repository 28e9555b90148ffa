//! Key pairs: made with a passphrase, kept only encrypted, unlocked to sign.
//!
//! The secret key file is minisign's own format (`untrusted comment:` line, then base64 of
//! the scrypt-encrypted key), so `minisign -S -s` can use the same file. Key derivation uses
//! minisign's parameters (scrypt N = 2^15, r = 8, p = 1: 32 MiB, about 0.1 s natively),
//! which the file records and every minisign implementation reads.

use std::io::Cursor;

use minisign::{KeyPair, PublicKey, SecretKey, SecretKeyBox};
use serde::{Deserialize, Serialize};

use super::error::{Flaw, Part, SignError};
use super::passphrase::check_passphrase;
use super::wire::{PublicKeyBytes, check_secret_key};
use crate::core::canonical::sha256_hex;

/// Who a key belongs to, as written in the secret key file's (unsigned) comment line so that
/// importing the file on another PC can fill in the registration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Owner {
    /// 課名.
    pub division: String,
    /// 氏名.
    pub name: String,
    /// 役職.
    pub title: String,
    /// When the key was made (YYYY-MM-DD).
    pub created: String,
}

const OWNER_COMMENT: &str = "tenken secret key, encrypted: ";

/// The owner written in a secret key file by [`generate`], if any.
pub fn owner_of(secret_key_file: &str) -> Option<Owner> {
    let first = secret_key_file.lines().next()?;
    let json = first
        .strip_prefix("untrusted comment: ")?
        .strip_prefix(OWNER_COMMENT)?;
    crate::core::tracked::from_str(json)
}

/// A freshly made key pair, ready to be saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKey {
    /// The secret key file's text (encrypted with the passphrase).
    pub secret_key_file: String,
    /// The public key in minisign's base64 form (`RW…`), for `minisign -P`.
    pub public_key: String,
}

/// A secret key unlocked with its passphrase: can sign. Lives only in memory.
#[derive(Clone)]
pub struct UnlockedKey {
    pub(super) secret: SecretKey,
    pub(super) public: PublicKey,
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UnlockedKey({})", self.public_key())
    }
}

/// Makes a key pair for `owner` whose secret key is encrypted with `passphrase`, refusing
/// weak passphrases (which must not be made of the owner's name or division either).
pub fn generate(passphrase: &str, owner: &Owner) -> Result<NewKey, SignError> {
    check_passphrase(passphrase, &[&owner.division, &owner.name])
        .map_err(SignError::WeakPassphrase)?;
    let pair = KeyPair::generate_encrypted_keypair(Some(passphrase.to_string()))
        .map_err(|e| SignError::Crypto(e.to_string()))?;
    let secret_key_file = pair
        .sk
        .to_box(Some(&format!(
            "{OWNER_COMMENT}{}",
            serde_json::to_string(owner).unwrap_or_default()
        )))
        .map_err(|e| SignError::Crypto(e.to_string()))?
        .into_string();
    Ok(NewKey {
        secret_key_file,
        public_key: pair.pk.to_base64(),
    })
}

impl UnlockedKey {
    /// Unlocks a secret key file's text with its passphrase.
    /// The file's shape and its key-derivation cost are checked first (see
    /// [`check_secret_key`]): a hostile file is refused before scrypt runs.
    pub fn unlock(secret_key_file: &str, passphrase: &str) -> Result<UnlockedKey, SignError> {
        let checked = check_secret_key(secret_key_file)?;
        if passphrase.len() > 1024 {
            return Err(SignError::WrongPassphrase);
        }
        let secret = SecretKey::from_box(
            SecretKeyBox::from_string(&checked)
                .map_err(|e| SignError::NotASecretKey(e.to_string()))?,
            Some(passphrase.to_string()),
        )
        .map_err(|e| match e.kind() {
            minisign::ErrorKind::Verify => SignError::WrongPassphrase,
            _ => SignError::NotASecretKey(e.to_string()),
        })?;
        let public =
            PublicKey::from_secret_key(&secret).map_err(|e| SignError::Crypto(e.to_string()))?;
        Ok(UnlockedKey { secret, public })
    }

    /// Unlocks the key kept in this browser: its secret key file and the public key stored
    /// beside it. Storage is input, not truth (any local page can write it in Chromium), so
    /// the public half is taken from the unlocked secret key — minisign's secret key holds
    /// it, under the checksum the passphrase unlocks, so no page can change it without the
    /// passphrase (and every signature is checked against it as it is made) — and compared
    /// with the stored one. A stored public key that differs is refused
    /// ([`SignError::StoredKeyMismatch`]): nothing is signed or exported with such a key.
    pub fn unlock_stored(
        secret_key_file: &str,
        stored_public_key: &str,
        passphrase: &str,
    ) -> Result<UnlockedKey, SignError> {
        let key = UnlockedKey::unlock(secret_key_file, passphrase)?;
        let derived = key.public_key();
        let stored = PublicKeyBytes::parse(stored_public_key).map(|k| k.to_base64());
        if stored.as_deref() != Ok(derived.as_str()) {
            return Err(SignError::StoredKeyMismatch {
                stored: fingerprint_of(stored_public_key).unwrap_or_default(),
                derived: fingerprint_of(&derived).unwrap_or_default(),
            });
        }
        Ok(key)
    }

    /// The public key in minisign's base64 form, as the unlocked secret key holds it.
    pub fn public_key(&self) -> String {
        self.public.to_base64()
    }

    /// Signs `bytes` as minisign does (pre-hashed), with `trusted_comment` signed too.
    pub fn sign(&self, bytes: &[u8], trusted_comment: &str) -> Result<String, SignError> {
        let sig = minisign::sign(
            Some(&self.public),
            &self.secret,
            Cursor::new(bytes),
            Some(trusted_comment),
            Some("signature from tenken secret key"),
        )
        .map_err(|e| SignError::Crypto(e.to_string()))?;
        Ok(sig.into_string())
    }
}

/// The public key (base64) of a minisign public key given as base64 or as a `.pub` file's text.
pub fn public_key_of(text: &str) -> Result<String, SignError> {
    let text = text.trim();
    let line = if text.starts_with("untrusted comment:") {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        lines.next();
        let key = lines.next().unwrap_or_default();
        if lines.next().is_some() {
            return Err(SignError::Malformed(
                Part::PublicKey,
                Flaw::Lines { found: 3 },
            ));
        }
        key
    } else {
        text
    };
    Ok(PublicKeyBytes::parse(line)?.to_base64())
}

/// The text of a minisign public key file (`.pub`) for a public key (base64).
pub fn public_key_file(public_key: &str) -> Result<String, SignError> {
    let key = PublicKeyBytes::parse(public_key)?;
    let id: String = key
        .key_id()
        .iter()
        .rev()
        .map(|b| format!("{b:02X}"))
        .collect();
    Ok(format!(
        "untrusted comment: minisign public key: {id}\n{}\n",
        key.to_base64()
    ))
}

/// The secret key file's name: `tenken-<fingerprint without dashes>.key`.
pub fn key_file_name(fingerprint: &str) -> String {
    format!("tenken-{}.key", fingerprint.replace('-', ""))
}

/// A short fingerprint of a public key (base64): the first 64 bits of the SHA-256 of its
/// bytes, as four groups of four upper-case hex digits (`3F2A-91C0-…`). Unlike minisign's
/// key id, it is derived from the key, so it cannot be chosen.
pub fn fingerprint_of(public_key: &str) -> Result<String, SignError> {
    let key = PublicKeyBytes::parse(public_key)?;
    let hex = sha256_hex(&key.bytes).to_ascii_uppercase();
    Ok(hex
        .as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::message::Message;

    const PASS: &str = "kumo no ue no sora 2026";

    #[test]
    fn made_key_unlocks_with_its_passphrase_only() {
        let key = generate(PASS, &Owner::default()).expect("key");
        assert!(key.secret_key_file.starts_with("untrusted comment: "));
        let unlocked = UnlockedKey::unlock(&key.secret_key_file, PASS).expect("unlock");
        assert_eq!(unlocked.public_key(), key.public_key);
        assert_eq!(
            UnlockedKey::unlock(&key.secret_key_file, "kumo no ue no sora 2025").err(),
            Some(SignError::WrongPassphrase)
        );
    }

    #[test]
    fn a_stored_key_unlocks_only_with_its_own_public_half() {
        let key = generate(PASS, &Owner::default()).expect("key");
        let other = generate(PASS, &Owner::default()).expect("key");
        // the genuine record: unlocked, its public key the one derived
        let unlocked = UnlockedKey::unlock_stored(&key.secret_key_file, &key.public_key, PASS)
            .expect("unlocks");
        assert_eq!(unlocked.public_key(), key.public_key);
        // another page rewrote the public half: refused, both fingerprints named
        let e = UnlockedKey::unlock_stored(&key.secret_key_file, &other.public_key, PASS)
            .expect_err("mismatch");
        assert_eq!(
            e,
            SignError::StoredKeyMismatch {
                stored: fingerprint_of(&other.public_key).expect("fp"),
                derived: fingerprint_of(&key.public_key).expect("fp"),
            }
        );
        assert!(
            e.message_ja()
                .contains("鍵ファイル（.key）をもう一度読み込んで")
        );
        assert!(e.message_en().contains("import the key file"));
        // garbage in its place: refused the same way, never a panic
        for junk in ["", "RWQ", "not a key", "{}"] {
            assert!(matches!(
                UnlockedKey::unlock_stored(&key.secret_key_file, junk, PASS),
                Err(SignError::StoredKeyMismatch { ref stored, .. }) if stored.is_empty()
            ));
        }
        // the passphrase is asked first: a wrong one says so, whatever the public half
        assert_eq!(
            UnlockedKey::unlock_stored(
                &key.secret_key_file,
                &other.public_key,
                "wrong wrong wrong"
            )
            .err(),
            Some(SignError::WrongPassphrase)
        );
        // a public half that is not the seed's own cannot sign: minisign checks each
        // signature against it as it is made
        let a = UnlockedKey::unlock(&key.secret_key_file, PASS).expect("a");
        let b = UnlockedKey::unlock(&other.secret_key_file, PASS).expect("b");
        let crossed = UnlockedKey {
            secret: a.secret.clone(),
            public: b.public.clone(),
        };
        assert!(crossed.sign(b"x", "x").is_err());
    }

    #[test]
    fn owner_travels_in_the_key_file() {
        let owner = Owner {
            division: "情報政策課".into(),
            name: "山田太郎".into(),
            title: "課長".into(),
            created: "2026-11-24".into(),
        };
        let key = generate(PASS, &owner).expect("key");
        assert_eq!(owner_of(&key.secret_key_file), Some(owner));
        assert_eq!(
            owner_of("untrusted comment: minisign encrypted secret key\nRW"),
            None
        );
    }

    #[test]
    fn weak_passphrase_makes_no_key() {
        assert!(matches!(
            generate("short", &Owner::default()),
            Err(SignError::WeakPassphrase(_))
        ));
    }

    #[test]
    fn other_files_are_not_secret_keys() {
        for text in ["", "hello\nworld", "untrusted comment: x\nRWQAAAAA", "{}"] {
            assert!(
                matches!(
                    UnlockedKey::unlock(text, PASS),
                    Err(SignError::NotASecretKey(_) | SignError::Malformed(Part::SecretKey, _))
                ),
                "{text:?}"
            );
        }
    }

    #[test]
    fn fingerprint_is_short_stable_and_per_key() {
        let a = generate(PASS, &Owner::default()).expect("key").public_key;
        let b = generate(PASS, &Owner::default()).expect("key").public_key;
        let fa = fingerprint_of(&a).expect("fp");
        assert_eq!(fa.len(), 19);
        assert_eq!(fa, fingerprint_of(&a).expect("fp"));
        assert_ne!(fa, fingerprint_of(&b).expect("fp"));
        assert!(fingerprint_of("not a key").is_err());
    }

    #[test]
    fn public_key_from_pub_file_or_base64() {
        let a = generate(PASS, &Owner::default()).expect("key").public_key;
        let file = format!("untrusted comment: minisign public key: 0000\n{a}\n");
        assert_eq!(public_key_of(&file).expect("file"), a);
        assert_eq!(public_key_of(&a).expect("b64"), a);
        let written = public_key_file(&a).expect("pub file");
        assert!(written.starts_with("untrusted comment: minisign public key: "));
        assert_eq!(public_key_of(&written).expect("written"), a);
        assert!(public_key_of("RWQ").is_err());
    }
}
