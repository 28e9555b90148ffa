//! Bundles signed by 情報担当課: the signed bundle file (`<id>_<version>.tenken-bundle.json`),
//! the publisher a published tenken file carries, and what checking a bundle against the
//! carried publishers concludes ([`Provenance`]).
//!
//! What is signed is the bundle's RFC 8785 canonical JSON: the very bytes whose SHA-256 is
//! the bundle's identity, which every result records. The trusted comment names the
//! publisher, the bundle and the signing time (`timestamp:…\tpublisher:…\tbundle:<id>
//! <version>`), so `minisign -Vm bundle.json -P <key>` shows who published it.
//!
//! Trust comes only from the keys the tenken file itself carries (put there by 情報担当課
//! when publishing it): a signature that holds against a key nobody carried proves nothing
//! about who made the bundle, and is said so ([`Provenance::UnknownKey`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::SignError;
use super::key::{UnlockedKey, fingerprint_of};
use super::signed::{signing_time, verify_detached};
use crate::core::document;
use crate::core::message::Message;
use crate::core::problem::Problem;

/// The format id of a signed bundle file.
pub const SIGNED_BUNDLE_FORMAT: &str = "tenken-signed-bundle/1";

/// The longest publisher name kept (characters).
const MAX_PUBLISHER_CHARS: usize = 80;

/// A publisher as a published tenken file carries it: a name and a minisign public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publisher {
    /// Who publishes (「葛城市 情報政策課」).
    pub name: String,
    /// Their minisign public key (base64, `RW…`).
    pub public_key: String,
}

/// A bundle's signature kept apart from the bundle: in a published file (one per built-in
/// bundle) and with a bundle kept in this browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleSignature {
    /// The publisher's name as they signed it.
    pub publisher: String,
    /// The minisign signature text.
    pub signature: String,
    /// The signer's public key (base64).
    pub public_key: String,
}

impl BundleSignature {
    /// Checks it over `canonical` against the carried publishers (see [`provenance`]).
    pub fn provenance(&self, canonical: &[u8], carried: &[Publisher]) -> Provenance {
        provenance(
            canonical,
            &self.signature,
            &self.public_key,
            &self.publisher,
            carried,
        )
    }
}

/// A bundle with 情報担当課's signature, as a file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedBundle {
    /// [`SIGNED_BUNDLE_FORMAT`].
    pub format: String,
    /// The publisher's name as they signed it (also in the signed trusted comment).
    pub publisher: String,
    /// The bundle; what is signed is its canonical JSON.
    pub bundle: Value,
    /// The minisign signature (the text of a `.minisig` file).
    pub signature: String,
    /// The signer's public key (base64): for reference; trust comes from carried keys.
    pub public_key: String,
}

/// Whether a bundle is the one its publisher issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Built into this tenken file by its own build (the samples), not published by a
    /// municipality.
    Sample,
    /// Signed by a publisher this file carries, and the signature holds.
    Published {
        /// The carried publisher's name.
        publisher: String,
        /// The key's short fingerprint.
        fingerprint: String,
        /// When it was signed (Unix seconds), as the signer's clock says.
        signed_at: Option<u64>,
    },
    /// Signed with a carried publisher's key, but the bundle or the signature changed
    /// since: not the bundle they issued.
    Tampered {
        /// The carried publisher's name.
        publisher: String,
    },
    /// Signed, but with a key this file does not carry: who made it cannot be told.
    UnknownKey {
        /// The name the signature claims (unverified).
        claimed: String,
        /// The key's short fingerprint, if the key is readable.
        fingerprint: Option<String>,
    },
    /// Not signed.
    Unsigned,
}

impl Provenance {
    /// True when the bundle is the one a carried publisher issued.
    pub fn is_published(&self) -> bool {
        matches!(self, Provenance::Published { .. })
    }

    /// True for the states a user must be warned of.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Provenance::Tampered { .. } | Provenance::UnknownKey { .. }
        )
    }

    /// A short class name for the UI (`published`, `tampered`, …).
    pub fn id(&self) -> &'static str {
        match self {
            Provenance::Sample => "sample",
            Provenance::Published { .. } => "published",
            Provenance::Tampered { .. } => "tampered",
            Provenance::UnknownKey { .. } => "unknown-key",
            Provenance::Unsigned => "unsigned",
        }
    }
}

impl Message for Provenance {
    fn message_ja(&self) -> String {
        match self {
            Provenance::Sample => "tenken に同梱の見本です（自治体の発行ではありません）".into(),
            Provenance::Published {
                publisher,
                fingerprint,
                ..
            } => {
                format!("{publisher} が発行（署名を確認しました。鍵の指紋 {fingerprint}）")
            }
            Provenance::Tampered { publisher } => format!(
                "署名が一致しません：{publisher} が発行したあとに書き換えられています。使わず、情報担当課に連絡してください"
            ),
            Provenance::UnknownKey {
                claimed,
                fingerprint,
            } => format!(
                "署名はありますが、このファイルが知らない鍵（{}）によるもので、発行元を確かめられません（署名の名前: {claimed}）",
                fingerprint.as_deref().unwrap_or("読めない鍵")
            ),
            Provenance::Unsigned => "署名がありません：誰が作ったものか確かめられません".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Provenance::Sample => {
                "a sample built into tenken (not issued by a municipality)".into()
            }
            Provenance::Published {
                publisher,
                fingerprint,
                ..
            } => {
                format!("published by {publisher} (signature verified; key {fingerprint})")
            }
            Provenance::Tampered { publisher } => format!(
                "the signature does not hold: changed after {publisher} published it; do not use it"
            ),
            Provenance::UnknownKey {
                claimed,
                fingerprint,
            } => format!(
                "signed with a key this file does not carry ({}): the publisher cannot be confirmed (the signature says {claimed})",
                fingerprint.as_deref().unwrap_or("unreadable key")
            ),
            Provenance::Unsigned => "not signed: who made it cannot be confirmed".into(),
        }
    }
}

/// Keeps a publisher name printable and short: no control characters (which would break
/// the trusted comment), no format characters (look-alikes), trimmed.
pub fn clean_publisher(name: &str) -> String {
    crate::core::name::visible_only(name)
        .chars()
        .take(MAX_PUBLISHER_CHARS)
        .collect::<String>()
        .trim()
        .to_string()
}

impl SignedBundle {
    /// Signs a bundle's canonical JSON (`canonical`, as `RawBundle::to_canonical_json`
    /// writes it) as `publisher`.
    pub fn sign(
        canonical: &[u8],
        publisher: &str,
        key: &UnlockedKey,
        unix_time: u64,
    ) -> Result<SignedBundle, SignError> {
        let bundle: Value = serde_json::from_slice(canonical)
            .map_err(|e| SignError::Crypto(format!("bundle JSON: {e}")))?;
        let publisher = clean_publisher(publisher);
        let id = bundle.get("id").and_then(Value::as_str).unwrap_or_default();
        let version = bundle
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let label: String = format!("{id} {version}")
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let comment = format!("timestamp:{unix_time}\tpublisher:{publisher}\tbundle:{label}");
        let signature = key.sign(canonical, &comment)?;
        Ok(SignedBundle {
            format: SIGNED_BUNDLE_FORMAT.into(),
            publisher,
            bundle,
            signature,
            public_key: key.public_key(),
        })
    }

    /// The file's name: `<id>_<version>.tenken-bundle.json`.
    pub fn file_name(&self) -> String {
        let field = |k: &str| {
            self.bundle
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        format!(
            "{}.tenken-bundle.json",
            crate::core::name::file_safe(&format!("{}_{}", field("id"), field("version")))
        )
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// True when `value` says it is a signed bundle (whatever else it holds).
    pub fn claims(value: &Value) -> bool {
        value.get("format").and_then(Value::as_str) == Some(SIGNED_BUNDLE_FORMAT)
    }

    /// Reads a signed bundle already parsed as JSON (without verifying it).
    pub fn from_value(value: &Value) -> Result<SignedBundle, Problem> {
        document::check_format(value, SIGNED_BUNDLE_FORMAT)?;
        let (file, unknown) = document::from_value::<SignedBundle>(value)?;
        match unknown.into_iter().next() {
            Some(p) => Err(p),
            None => Ok(file),
        }
    }

    /// The signature apart from the bundle.
    pub fn signature(&self) -> BundleSignature {
        BundleSignature {
            publisher: self.publisher.clone(),
            signature: self.signature.clone(),
            public_key: self.public_key.clone(),
        }
    }

    /// Checks the signature over `canonical` (the bundle's canonical JSON, recomputed by
    /// the caller from [`SignedBundle::bundle`]) against the publishers this file carries.
    pub fn provenance(&self, canonical: &[u8], carried: &[Publisher]) -> Provenance {
        self.signature().provenance(canonical, carried)
    }
}

/// What a bundle signature's signed trusted comment says (as [`SignedBundle::sign`] writes
/// it): who published the bundle, which bundle, when. Read only from a comment whose
/// signature held, so every field is the signer's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleSigned {
    /// The publisher named in the comment (empty when it names none).
    pub publisher: String,
    /// The bundle as `<id> <version>` (empty when the comment names none).
    pub bundle: String,
    /// When it was signed (Unix seconds), as the signer's clock says.
    pub signed_at: Option<u64>,
}

impl BundleSigned {
    /// Reads a signed trusted comment (`timestamp:…\tpublisher:…\tbundle:…`); fields it lacks
    /// stay empty.
    pub fn of_comment(comment: &str) -> BundleSigned {
        let field = |name: &str| {
            comment
                .split('\t')
                .find_map(|part| part.strip_prefix(name))
                .map(clean_publisher)
                .unwrap_or_default()
        };
        BundleSigned {
            publisher: field("publisher:"),
            bundle: field("bundle:"),
            signed_at: signing_time(comment),
        }
    }

    fn day(&self) -> Option<String> {
        self.signed_at
            .and_then(crate::core::date::Date::from_unix_jst)
            .map(|d| d.to_string())
    }
}

impl Message for BundleSigned {
    fn message_ja(&self) -> String {
        let mut out = format!(
            "発行元「{}」の署名",
            if self.publisher.is_empty() {
                "（名前なし）"
            } else {
                &self.publisher
            }
        );
        if !self.bundle.is_empty() {
            out.push_str(&format!("（規則 {}", self.bundle));
            if let Some(d) = self.day() {
                out.push_str(&format!("、{d} 署名"));
            }
            out.push('）');
        }
        out
    }

    fn message_en(&self) -> String {
        let mut out = format!(
            "signed by publisher \"{}\"",
            if self.publisher.is_empty() {
                "(no name)"
            } else {
                &self.publisher
            }
        );
        if !self.bundle.is_empty() {
            out.push_str(&format!(" (bundle {}", self.bundle));
            if let Some(d) = self.day() {
                out.push_str(&format!(", signed {d}"));
            }
            out.push(')');
        }
        out
    }
}

impl BundleSignature {
    /// Verifies the signature over `canonical` (the bundle's canonical JSON, recomputed by the
    /// caller) against `public_key` — a key the checker trusts (given by hand, or registered),
    /// never the one the file brings — and says what the signed comment states.
    pub fn verify_with(
        &self,
        canonical: &[u8],
        public_key: &str,
    ) -> Result<BundleSigned, SignError> {
        verify_detached(canonical, &self.signature, public_key)
            .map(|c| BundleSigned::of_comment(&c))
    }
}

/// Checks a signature over a bundle's canonical JSON against the carried publishers: the
/// carried publisher whose key is `public_key` decides; the key the signature names must be
/// that key.
pub fn provenance(
    canonical: &[u8],
    signature: &str,
    public_key: &str,
    claimed: &str,
    carried: &[Publisher],
) -> Provenance {
    let fingerprint = fingerprint_of(public_key).ok();
    let publisher = fingerprint.as_ref().and_then(|f| {
        carried
            .iter()
            .find(|p| fingerprint_of(&p.public_key).ok().as_ref() == Some(f))
    });
    let Some(publisher) = publisher else {
        return Provenance::UnknownKey {
            claimed: clean_publisher(claimed),
            fingerprint,
        };
    };
    // verify against the carried key, never the file's own
    match verify_detached(canonical, signature, &publisher.public_key) {
        Ok(comment) => Provenance::Published {
            publisher: clean_publisher(&publisher.name),
            fingerprint: fingerprint.unwrap_or_default(),
            signed_at: signing_time(&comment),
        },
        Err(_) => Provenance::Tampered {
            publisher: clean_publisher(&publisher.name),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUNDLE: &[u8] = br#"{"format":"tenken-bundle/1","id":"gose","version":"2016-04-01"}"#;

    fn key() -> UnlockedKey {
        crate::core::sign::test_key()
    }

    fn carried(key: &UnlockedKey, name: &str) -> Publisher {
        Publisher {
            name: name.into(),
            public_key: key.public_key(),
        }
    }

    #[test]
    fn a_signed_bundle_round_trips_and_holds_against_the_carried_key() {
        let k = key();
        let signed = SignedBundle::sign(BUNDLE, "御所市 デジタル推進課\n", &k, 1_780_000_000)
            .expect("signs");
        assert_eq!(signed.publisher, "御所市 デジタル推進課");
        assert_eq!(signed.file_name(), "gose_2016-04-01.tenken-bundle.json");
        let value: Value = serde_json::from_str(&signed.to_json()).expect("json");
        assert!(SignedBundle::claims(&value));
        let read = SignedBundle::from_value(&value).expect("reads");
        assert_eq!(read, signed);
        let p = read.provenance(BUNDLE, &[carried(&k, "御所市 デジタル推進課")]);
        assert!(p.is_published(), "{p:?}");
        assert!(matches!(
            p,
            Provenance::Published {
                signed_at: Some(1_780_000_000),
                ..
            }
        ));
        assert!(p.message_ja().contains("御所市 デジタル推進課 が発行"));
        // checked against a key given by hand: who signed which bundle, when
        let said = read
            .signature()
            .verify_with(BUNDLE, &k.public_key())
            .expect("holds");
        assert_eq!(said.publisher, "御所市 デジタル推進課");
        assert_eq!(said.bundle, "gose 2016-04-01");
        assert_eq!(
            said.message_ja(),
            "発行元「御所市 デジタル推進課」の署名（規則 gose 2016-04-01、2026-05-29 署名）"
        );
        // against another key, or over other bytes: refused with the reason
        assert!(matches!(
            read.signature().verify_with(BUNDLE, &key().public_key()),
            Err(SignError::OtherKey { .. })
        ));
        assert_eq!(
            read.signature().verify_with(b"{}", &k.public_key()),
            Err(SignError::BadSignature)
        );
    }

    #[test]
    fn a_changed_bundle_is_tampered() {
        let k = key();
        let signed = SignedBundle::sign(BUNDLE, "御所市", &k, 1).expect("signs");
        let changed = br#"{"format":"tenken-bundle/1","id":"gose","version":"2016-04-02"}"#;
        assert_eq!(
            signed.provenance(changed, &[carried(&k, "御所市")]),
            Provenance::Tampered {
                publisher: "御所市".into()
            }
        );
        // a cut-short signature is tampered too, never a panic
        let mut cut = signed.clone();
        cut.signature.truncate(cut.signature.len() - 20);
        assert!(matches!(
            cut.provenance(BUNDLE, &[carried(&k, "御所市")]),
            Provenance::Tampered { .. }
        ));
    }

    #[test]
    fn another_key_proves_nothing_even_with_the_publishers_name() {
        let ours = key();
        let theirs = key();
        let forged = SignedBundle::sign(BUNDLE, "御所市", &theirs, 1).expect("signs");
        let p = forged.provenance(BUNDLE, &[carried(&ours, "御所市")]);
        assert!(matches!(p, Provenance::UnknownKey { .. }), "{p:?}");
        assert!(p.is_warning());
        // nor does the file's own key, when nothing is carried
        assert!(matches!(
            forged.provenance(BUNDLE, &[]),
            Provenance::UnknownKey { .. }
        ));
        // a signature by theirs presented with our public key: the key ids differ
        let mut swapped = forged.clone();
        swapped.public_key = ours.public_key();
        assert!(matches!(
            swapped.provenance(BUNDLE, &[carried(&ours, "御所市")]),
            Provenance::Tampered { .. }
        ));
    }

    #[test]
    fn hostile_wrappers_are_refused_with_a_place() {
        let value = serde_json::json!({ "format": SIGNED_BUNDLE_FORMAT, "bundle": {} });
        assert!(SignedBundle::from_value(&value).is_err());
        let value = serde_json::json!({ "format": SIGNED_BUNDLE_FORMAT, "publisher": "x", "bundle": {},
            "signature": "s", "public_key": "k", "extra": 1 });
        assert_eq!(
            SignedBundle::from_value(&value)
                .expect_err("unknown field")
                .path,
            "extra"
        );
        // garbage key and signature: unknown key, no panic
        let p = provenance(BUNDLE, "AAAA", "RWQ", "x", &[]);
        assert!(matches!(
            p,
            Provenance::UnknownKey {
                fingerprint: None,
                ..
            }
        ));
    }
}
