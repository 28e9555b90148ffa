//! Key pairs: made with a passphrase, kept only encrypted, unlocked to sign.
//!
//! The secret key file is minisign's own format (`untrusted comment:` line, then base64 of
//! the scrypt-encrypted key), so `minisign -S -s` can use the same file. Key derivation uses
//! minisign's parameters (scrypt N = 2^15, r = 8, p = 1: 32 MiB, about 0.1 s natively),
//! which the file records and every minisign implementation reads.

use serde::{Deserialize, Serialize};

use super::error::{Flaw, Part, SignError};
use super::passphrase::check_passphrase;
use super::wire::{PublicKeyBytes, SecretKeyText, SignatureText};
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

/// Why what a person typed cannot name a key's owner (the app's key screen and
/// `tenken keygen` decide it here alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerError {
    /// 課名 or 氏名 left empty.
    Missing,
    /// A character no one can see (zero-width, bidi control…) in the field of this label.
    Hidden {
        /// 課名, 氏名 or 役職.
        label: &'static str,
        /// The character's code point.
        code: u32,
    },
    /// A field longer than any result carries ([`crate::core::result::MAX_RESULT_NAME`]).
    TooLong {
        /// 課名, 氏名 or 役職.
        label: &'static str,
    },
}

impl crate::core::message::Message for OwnerError {
    fn message_ja(&self) -> String {
        match self {
            OwnerError::Missing => "課名と氏名を入力してください。".into(),
            OwnerError::Hidden { label, code } => format!(
                "{label}: {}",
                crate::core::ProblemKind::HiddenCharacter { code: *code }.message_ja()
            ),
            OwnerError::TooLong { label } => format!(
                "{label}が長すぎます（{}文字まで）。",
                crate::core::result::MAX_RESULT_NAME
            ),
        }
    }

    fn message_en(&self) -> String {
        match self {
            OwnerError::Missing => "division and name are required".into(),
            OwnerError::Hidden { label, code } => {
                format!("{label}: an invisible character (U+{code:04X})")
            }
            OwnerError::TooLong { label } => format!(
                "{label}: longer than {} characters",
                crate::core::result::MAX_RESULT_NAME
            ),
        }
    }
}

impl Owner {
    /// The owner of a new key from what a person typed: each field trimmed; 課名 and 氏名
    /// required; no hidden characters; no field longer than a result may carry. `created`:
    /// the day (YYYY-MM-DD).
    pub fn typed(
        division: &str,
        name: &str,
        title: &str,
        created: &str,
    ) -> Result<Owner, OwnerError> {
        let owner = Owner {
            division: division.trim().to_string(),
            name: name.trim().to_string(),
            title: title.trim().to_string(),
            created: created.to_string(),
        };
        if owner.division.is_empty() || owner.name.is_empty() {
            return Err(OwnerError::Missing);
        }
        for (label, value) in [
            ("課名", &owner.division),
            ("氏名", &owner.name),
            ("役職", &owner.title),
        ] {
            if let Some(c) = crate::core::name::hidden_character(value) {
                return Err(OwnerError::Hidden {
                    label,
                    code: u32::from(c),
                });
            }
            if value.chars().count() > crate::core::result::MAX_RESULT_NAME {
                return Err(OwnerError::TooLong { label });
            }
        }
        Ok(owner)
    }
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
    /// minisign's key id.
    key_id: [u8; 8],
    /// The Ed25519 seed (the secret).
    seed: [u8; 32],
    /// The public key, derived from the seed.
    public: [u8; 32],
}

impl Drop for UnlockedKey {
    fn drop(&mut self) {
        self.seed = [0; 32];
    }
}

impl std::fmt::Debug for UnlockedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UnlockedKey({})", self.public_key())
    }
}

/// scrypt's opslimit and memlimit as tenken writes them (minisign's defaults).
const OPSLIMIT: u64 = 1 << 20;
const MEMLIMIT: u64 = 1 << 25;

/// scrypt's parameters for libsodium's opslimit and memlimit, as libsodium (and so minisign)
/// picks them (`pickparams`); the limits are at most tenken's own (checked when parsed).
fn scrypt_params(opslimit: u64, memlimit: u64) -> Result<scrypt::Params, SignError> {
    let opslimit = opslimit.max(32_768);
    let r = 8u32;
    let mut n_log2 = 1u8;
    let half_n = |max_n: u64, n_log2: &mut u8| {
        while *n_log2 < 63 && (1u64 << *n_log2) <= max_n / 2 {
            *n_log2 += 1;
        }
    };
    let p = if opslimit < memlimit / 32 {
        half_n(opslimit / (u64::from(r) * 4), &mut n_log2);
        1
    } else {
        half_n(memlimit / (u64::from(r) * 128), &mut n_log2);
        let max_rp = ((opslimit / 4) / (1u64 << n_log2)).min(0x3fff_ffff) as u32;
        max_rp / r
    };
    scrypt::Params::new(n_log2, r, p, 32)
        .map_err(|_| SignError::NotASecretKey("scrypt parameters".into()))
}

/// The scrypt stream that encrypts a key's id, secret key and checksum.
fn key_stream(passphrase: &str, text: &SecretKeyText) -> Result<[u8; 104], SignError> {
    let params = scrypt_params(text.opslimit, text.memlimit)?;
    let mut stream = [0u8; 104];
    scrypt::scrypt(passphrase.as_bytes(), &text.salt, &params, &mut stream)
        .map_err(|e| SignError::Crypto(e.to_string()))?;
    Ok(stream)
}

/// minisign's checksum of a secret key: BLAKE2b-256 of `Ed`, the key id and the secret key.
fn checksum(key_id: &[u8], secret: &[u8]) -> [u8; 32] {
    use blake2::Digest;
    let mut h = blake2::Blake2b::<blake2::digest::consts::U32>::new();
    h.update(b"Ed");
    h.update(key_id);
    h.update(secret);
    h.finalize().into()
}

fn random<const N: usize>() -> Result<[u8; N], SignError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| SignError::Crypto(e.to_string()))?;
    Ok(b)
}

/// Makes a key pair for `owner` whose secret key is encrypted with `passphrase`, refusing
/// weak passphrases (which must not be made of the owner's name or division either). The
/// file is minisign's: `minisign -S -s` signs with it.
pub fn generate(passphrase: &str, owner: &Owner) -> Result<NewKey, SignError> {
    check_passphrase(passphrase, &[&owner.division, &owner.name])
        .map_err(SignError::WeakPassphrase)?;
    let seed = random::<32>()?;
    let key_id = random::<8>()?;
    let public = super::ed25519::public_of(&seed);
    let mut plain = [0u8; 104];
    plain[..8].copy_from_slice(&key_id);
    plain[8..40].copy_from_slice(&seed);
    plain[40..72].copy_from_slice(&public);
    let chk = checksum(&plain[..8], &plain[8..72]);
    plain[72..].copy_from_slice(&chk);
    let mut text = SecretKeyText {
        comment: format!(
            "{OWNER_COMMENT}{}",
            serde_json::to_string(owner).unwrap_or_default()
        ),
        salt: random::<32>()?,
        opslimit: OPSLIMIT,
        memlimit: MEMLIMIT,
        encrypted: [0; 104],
    };
    let stream = key_stream(passphrase, &text)?;
    for (out, (p, s)) in text.encrypted.iter_mut().zip(plain.iter().zip(stream)) {
        *out = p ^ s;
    }
    Ok(NewKey {
        secret_key_file: text.to_text(),
        public_key: PublicKeyBytes::new(key_id, public).to_base64(),
    })
}

impl UnlockedKey {
    /// Unlocks a secret key file's text with its passphrase.
    /// The file's shape and its key-derivation cost are checked first (see
    /// [`SecretKeyText`]): a hostile file is refused before scrypt runs. The public key is
    /// derived from the secret seed and must be the one the file holds beside it. An empty
    /// passphrase is its own error ([`SignError::EmptyPassphrase`]): an empty field is not a
    /// wrong passphrase, and no key tenken makes has one.
    pub fn unlock(secret_key_file: &str, passphrase: &str) -> Result<UnlockedKey, SignError> {
        let text = SecretKeyText::parse(secret_key_file)?;
        if passphrase.is_empty() {
            return Err(SignError::EmptyPassphrase);
        }
        if passphrase.len() > 1024 {
            return Err(SignError::WrongPassphrase);
        }
        let stream = key_stream(passphrase, &text)?;
        let mut plain = [0u8; 104];
        for (out, (e, s)) in plain.iter_mut().zip(text.encrypted.iter().zip(stream)) {
            *out = e ^ s;
        }
        if checksum(&plain[..8], &plain[8..72])[..] != plain[72..] {
            return Err(SignError::WrongPassphrase);
        }
        let mut key = UnlockedKey {
            key_id: [0; 8],
            seed: [0; 32],
            public: [0; 32],
        };
        key.key_id.copy_from_slice(&plain[..8]);
        key.seed.copy_from_slice(&plain[8..40]);
        key.public = super::ed25519::public_of(&key.seed);
        if plain[40..72] != key.public {
            return Err(SignError::NotASecretKey(
                "the public key it holds is not its secret key's".into(),
            ));
        }
        Ok(key)
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

    /// The public key in minisign's base64 form, derived from the unlocked secret key.
    pub fn public_key(&self) -> String {
        PublicKeyBytes::new(self.key_id, self.public).to_base64()
    }

    /// Signs `bytes` as minisign does (pre-hashed: the signature is over their BLAKE2b-512),
    /// with `trusted_comment` signed too; returns the `.minisig` text.
    pub fn sign(&self, bytes: &[u8], trusted_comment: &str) -> Result<String, SignError> {
        use blake2::Digest;
        let trusted_comment: String = trusted_comment
            .chars()
            .filter(|c| !c.is_control() || *c == '\t')
            .collect();
        let prehash = blake2::Blake2b512::digest(bytes);
        let signature = super::ed25519::sign(&self.seed, &self.public, &prehash);
        let mut global = signature.to_vec();
        global.extend_from_slice(trusted_comment.as_bytes());
        let global = super::ed25519::sign(&self.seed, &self.public, &global);
        Ok(SignatureText::new(
            "signature from tenken secret key",
            self.key_id,
            signature,
            &trusted_comment,
            global,
        )
        .to_text())
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

/// The passphrase of [`test_key`].
#[cfg(test)]
pub(crate) const TEST_PASSPHRASE: &str = "kumo no ue no sora 2026";

/// A new key for tests across the core (each call another key).
#[cfg(test)]
pub(crate) fn test_key() -> UnlockedKey {
    let k = generate(TEST_PASSPHRASE, &Owner::default()).expect("key");
    UnlockedKey::unlock(&k.secret_key_file, TEST_PASSPHRASE).expect("unlock")
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
        // an empty field is asked for, never called wrong
        let empty = UnlockedKey::unlock(&key.secret_key_file, "").err();
        assert_eq!(empty, Some(SignError::EmptyPassphrase));
        assert_eq!(
            empty.map(|e| e.message_ja()).as_deref(),
            Some("パスフレーズを入力してください。")
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
        // a key file whose public half is not its seed's own (checksum and all) is refused
        // when unlocked: the public key is always the seed's
        let mut text = SecretKeyText::parse(&key.secret_key_file).expect("file");
        let stream = key_stream(PASS, &text).expect("stream");
        let mut plain: Vec<u8> = text
            .encrypted
            .iter()
            .zip(stream)
            .map(|(e, s)| e ^ s)
            .collect();
        let b = UnlockedKey::unlock(&other.secret_key_file, PASS).expect("b");
        plain[40..72].copy_from_slice(&b.public);
        let chk = checksum(&plain[..8], &plain[8..72]);
        plain[72..].copy_from_slice(&chk);
        for (out, (p, s)) in text.encrypted.iter_mut().zip(plain.iter().zip(stream)) {
            *out = p ^ s;
        }
        assert!(matches!(
            UnlockedKey::unlock(&text.to_text(), PASS),
            Err(SignError::NotASecretKey(_))
        ));
    }

    #[test]
    fn keys_and_signatures_agree_with_the_minisign_crate() {
        use std::io::Cursor;
        let data = "点検結果".repeat(40);
        let key = generate(PASS, &Owner::default()).expect("key");
        // tenken's key file opens in the crate, and the crate's signature holds in tenken
        let sk = minisign::SecretKey::from_box(
            minisign::SecretKeyBox::from_string(&key.secret_key_file).expect("box"),
            Some(PASS.into()),
        )
        .expect("the crate opens tenken's key file");
        let pk = minisign::PublicKey::from_base64(&key.public_key).expect("pk");
        let by_crate = minisign::sign(
            Some(&pk),
            &sk,
            Cursor::new(&data),
            Some("timestamp:1"),
            None,
        )
        .expect("sign")
        .into_string();
        assert!(
            crate::core::sign::verify_detached(data.as_bytes(), &by_crate, &key.public_key).is_ok()
        );
        // tenken's signature holds in the crate
        let ours = UnlockedKey::unlock(&key.secret_key_file, PASS)
            .expect("unlock")
            .sign(data.as_bytes(), "timestamp:2\tfile:x")
            .expect("sign");
        let sig = minisign::SignatureBox::from_string(&ours).expect("sig");
        assert!(minisign::verify(&pk, &sig, Cursor::new(&data), true, false, false).is_ok());
        // the crate's key file opens in tenken, with the same public key
        let pair = minisign::KeyPair::generate_encrypted_keypair(Some(PASS.into())).expect("pair");
        let text = pair.sk.to_box(None).expect("box").into_string();
        let k = UnlockedKey::unlock(&text, PASS).expect("tenken opens the crate's key file");
        assert_eq!(k.public_key(), pair.pk.to_base64());
        assert_eq!(
            UnlockedKey::unlock(&text, "kumo no ue no sora 2025").err(),
            Some(SignError::WrongPassphrase)
        );
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

    #[test]
    fn an_owner_is_checked_as_typed_in_the_app_and_the_cli() {
        use crate::core::message::Message;
        let o = Owner::typed(" 住民課 ", "佐藤 一郎\n", "", "2026-12-06").unwrap();
        assert_eq!(
            (o.division.as_str(), o.name.as_str()),
            ("住民課", "佐藤 一郎")
        );
        assert_eq!(
            Owner::typed("住民課", "  ", "", "d"),
            Err(OwnerError::Missing)
        );
        assert_eq!(Owner::typed("", "佐藤", "", "d"), Err(OwnerError::Missing));
        let hidden = Owner::typed("住民\u{200B}課", "佐藤", "", "d").unwrap_err();
        assert_eq!(
            hidden,
            OwnerError::Hidden {
                label: "課名",
                code: 0x200B
            }
        );
        assert!(hidden.message_ja().starts_with("課名: "));
        let long = "長".repeat(crate::core::result::MAX_RESULT_NAME + 1);
        assert_eq!(
            Owner::typed("住民課", "佐藤", &long, "d"),
            Err(OwnerError::TooLong { label: "役職" })
        );
    }
}
