//! The signed result file (`<課>_点検_<date>.tenken.json`, `<課>_委託契約_<件名>_<date>.tenken.json`) and its verification.
//!
//! The file holds the result document, a minisign signature over the result's RFC 8785
//! canonical bytes, and the signer's public key. The result is stored as JSON (readable by
//! anyone); its canonical bytes are recomputed to verify, and [`SignedFile::split`] writes
//! them out so that `minisign -Vm result.json -P <key>` can check the same bytes.

use serde_json::Value;

use super::error::SignError;
use super::key::{UnlockedKey, fingerprint_of};
use super::wire::{PublicKeyBytes, SignatureText};
use crate::core::canonical::{sha256_hex, value_to_canonical_json};
use crate::core::date::MAX_UNIX;
use crate::core::document;
use crate::core::problem::{Problem, ProblemKind, Problems};
use crate::core::result::{MAX_RESULT_BYTES, RESULT_FORMAT, ResultDoc};

pub use crate::core::signed_file::{SIGNED_FORMAT, SignedFile};

/// The largest signed result file accepted: a result and its signature.
pub const MAX_SIGNED_BYTES: usize = MAX_RESULT_BYTES + 64 * 1024;

/// What a verified file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The result, as signed.
    pub result: ResultDoc,
    /// The signer's public key (base64): look it up in the roster.
    pub public_key: String,
    /// Its short fingerprint.
    pub fingerprint: String,
    /// The signed trusted comment (signing time and file name).
    pub trusted_comment: String,
    /// When it was signed (Unix seconds), as the signer's clock claims: `None` when the
    /// trusted comment has no `timestamp:` or one that is not a time with a date (see
    /// [`signing_time`]).
    pub signed_at: Option<u64>,
    /// Short hash of the signature, as printed on the report.
    pub signature_hash: String,
}

/// The three parts `minisign` needs to check a signed result on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// `result.json`: the signed bytes.
    pub payload: Vec<u8>,
    /// `result.json.minisig`.
    pub minisig: String,
    /// The public key inside the file (for reference only: check against the registered
    /// key, never against this one).
    pub public_key: String,
}

/// A short, printable hash of a signature: the first 64 bits of its SHA-256.
pub fn signature_hash(minisig: &str) -> String {
    let hex = sha256_hex(minisig.as_bytes()).to_ascii_uppercase();
    hex.as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The signing time in a trusted comment (`timestamp:<Unix seconds>` as minisign writes
/// it): `None` when absent, not a plain decimal number, or later than the last day of 9999.
pub fn signing_time(trusted_comment: &str) -> Option<u64> {
    let t = trusted_comment
        .split('\t')
        .find_map(|part| part.strip_prefix("timestamp:"))?;
    if t.is_empty() || t.len() > 20 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u64>().ok().filter(|&t| t <= MAX_UNIX)
}

impl SignedFile {
    /// Signs `result` with `key`. `file_name` and `unix_time` go into the signed trusted
    /// comment, as minisign writes it.
    pub fn sign(
        result: &ResultDoc,
        key: &UnlockedKey,
        file_name: &str,
        unix_time: u64,
    ) -> Result<SignedFile, SignError> {
        let payload = result.to_canonical_json();
        // file names never hold tabs or line breaks that would confuse the comment
        let file_name: String = file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(200)
            .collect();
        let comment = format!("timestamp:{unix_time}\tfile:{file_name}\thashed");
        let signature = key.sign(&payload, &comment)?;
        let result = serde_json::from_slice(&payload)
            .map_err(|e| SignError::Crypto(format!("result JSON: {e}")))?;
        Ok(SignedFile {
            format: SIGNED_FORMAT.into(),
            result,
            signature,
            public_key: key.public_key(),
        })
    }

    /// The file's text (indented JSON, so a person can read it).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a signed file (without verifying it).
    pub fn from_json(bytes: &[u8]) -> Result<SignedFile, SignError> {
        let value = document::parse_json(bytes, MAX_SIGNED_BYTES).map_err(SignError::NotSigned)?;
        read_wire(value).map_err(SignError::NotSigned)
    }

    /// Reads a signed file already parsed as JSON (without verifying it).
    pub fn from_value(value: &Value) -> Result<SignedFile, SignError> {
        read_wire(value.clone()).map_err(SignError::NotSigned)
    }

    /// The signed bytes: the result's canonical JSON.
    pub fn payload(&self) -> Result<Vec<u8>, SignError> {
        value_to_canonical_json(&self.result).map_err(|_| not_canonical())
    }

    /// Checks the signature against the file's own public key, then reads the result.
    /// Whether that key is registered, and for which 課, is the roster's business.
    pub fn verify(&self) -> Result<Verified, SignError> {
        let payload = self.payload()?;
        let trusted_comment = verify_detached(&payload, &self.signature, &self.public_key)?;
        self.verified(trusted_comment)
    }

    /// [`SignedFile::verify`] for many files, with the same outcome for each: every signature
    /// is checked on its own (see `strict` for why there is no batch), with the CLI's
    /// arithmetic, and each payload written directly from its value.
    pub fn verify_all(files: &[&SignedFile]) -> Vec<Result<Verified, SignError>> {
        files
            .iter()
            .map(|f| {
                // the same bytes as `payload`, written directly (thousands of files; only the
                // CLI and 集計 link this, the 課長's file keeps the one writer it needs anyway)
                let payload = value_to_canonical_json(&f.result).map_err(|_| not_canonical())?;
                let (sig, key) = detached_parts(&f.signature, &f.public_key)?;
                if !super::ed25519::verify(&payload, &sig, &key) {
                    return Err(SignError::BadSignature);
                }
                f.verified(sig.trusted_comment)
            })
            .collect()
    }

    /// What the file says, once its signature (with `trusted_comment`) holds.
    fn verified(&self, trusted_comment: String) -> Result<Verified, SignError> {
        // the payload is this value's canonical form: read the value, not the bytes again
        let result = ResultDoc::from_value(&self.result)
            .map_err(|p| SignError::Content(p.under("result")))?;
        Ok(Verified {
            result,
            public_key: self.public_key.trim().to_string(),
            fingerprint: fingerprint_of(&self.public_key)?,
            signed_at: signing_time(&trusted_comment),
            trusted_comment,
            signature_hash: signature_hash(&self.signature),
        })
    }

    /// The parts for an independent check with `minisign`.
    pub fn split(&self) -> Result<Split, SignError> {
        Ok(Split {
            payload: self.payload()?,
            minisig: SignatureText::parse(&self.signature)?.to_text(),
            public_key: PublicKeyBytes::parse(&self.public_key)?.to_base64(),
        })
    }
}

/// The result's JSON has no canonical form (a number that is not a whole number within ±2^53).
fn not_canonical() -> SignError {
    SignError::NotSigned(Problem::error("result", ProblemKind::NotCanonical))
}

/// Reads the wrapper's members. The result (nearly all of the file) is moved out first and
/// the members checked without it: reading it through serde would copy it and write it out
/// again to look for unknown members, which its own reader does later anyway.
fn read_wire(mut value: Value) -> Result<SignedFile, Problem> {
    document::check_format(&value, SIGNED_FORMAT)?;
    // a missing result stays missing, for the reader to say so
    let result = match value.as_object_mut() {
        Some(map) if map.contains_key("result") => map.insert("result".into(), Value::Null),
        _ => None,
    };
    let (mut file, unknown) = document::from_value::<SignedFile>(&value)?;
    if let Some(result) = result {
        file.result = result;
    }
    match unknown.into_iter().next() {
        Some(p) => Err(p),
        None => Ok(file),
    }
}

/// What a result file turned out to be when opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// Signed, and the signature holds.
    Valid(Box<Verified>),
    /// Signed, but the signature does not hold: the content cannot be trusted. The result
    /// is given if it can still be read, to show what the file claims.
    Invalid {
        /// Why.
        error: SignError,
        /// What the file claims, if readable.
        result: Option<Box<ResultDoc>>,
    },
    /// A result without a signature.
    Unsigned(Box<ResultDoc>),
}

impl Opened {
    /// The result to show, if there is one.
    pub fn result(&self) -> Option<&ResultDoc> {
        match self {
            Opened::Valid(v) => Some(&v.result),
            Opened::Invalid { result, .. } => result.as_deref(),
            Opened::Unsigned(r) => Some(r),
        }
    }
}

/// Opens a result file, signed or not. `Err` when it is neither, or when its signature holds
/// but its content cannot be read (every problem with its place). The file is read as JSON
/// once; its `format` member decides what it is.
pub fn open_result(bytes: &[u8]) -> Result<Opened, Problems> {
    match read_result(bytes)? {
        Read::Signed(file) => {
            let verdict = file.verify();
            opened(&file, verdict)
        }
        Read::Unsigned(r) => Ok(Opened::Unsigned(r)),
    }
}

/// [`open_result`] for many files, with the same outcome for each, in order (the CLI and
/// 集計 open thousands: their signatures are checked with [`SignedFile::verify_all`]).
pub fn open_results(files: &[&[u8]]) -> Vec<Result<Opened, Problems>> {
    let read: Vec<Result<Read, Problems>> = files.iter().map(|b| read_result(b)).collect();
    let signed: Vec<&SignedFile> = read
        .iter()
        .filter_map(|r| match r {
            Ok(Read::Signed(f)) => Some(f),
            _ => None,
        })
        .collect();
    let mut verdicts = SignedFile::verify_all(&signed).into_iter();
    read.into_iter()
        .map(|r| match r? {
            Read::Signed(file) => {
                let verdict = verdicts.next().unwrap_or(Err(SignError::BadSignature));
                opened(&file, verdict)
            }
            Read::Unsigned(r) => Ok(Opened::Unsigned(r)),
        })
        .collect()
}

/// A result file read, before any signature is checked.
enum Read {
    Signed(SignedFile),
    Unsigned(Box<ResultDoc>),
}

/// What a signed file is, given what checking its signature found.
fn opened(file: &SignedFile, verdict: Result<Verified, SignError>) -> Result<Opened, Problems> {
    Ok(match verdict {
        Ok(v) => Opened::Valid(Box::new(v)),
        Err(SignError::Content(problems)) => return Err(problems),
        Err(error) => Opened::Invalid {
            error,
            result: ResultDoc::from_value(&file.result).ok().map(Box::new),
        },
    })
}

/// Reads a result file, signed or not; its `format` member decides which.
fn read_result(bytes: &[u8]) -> Result<Read, Problems> {
    let one = |p: Problem| Problems(vec![p]);
    let value = document::parse_json(bytes, MAX_SIGNED_BYTES).map_err(one)?;
    match value.get("format").and_then(Value::as_str) {
        Some(SIGNED_FORMAT) => read_wire(value).map(Read::Signed).map_err(one),
        Some(RESULT_FORMAT) => {
            if bytes.len() > MAX_RESULT_BYTES {
                return Err(one(Problem::error(
                    "",
                    ProblemKind::TooLarge {
                        size: bytes.len(),
                        max: MAX_RESULT_BYTES,
                    },
                )));
            }
            ResultDoc::from_value(&value).map(|r| Read::Unsigned(Box::new(r)))
        }
        _ => Err(one(document::check_format(&value, RESULT_FORMAT)
            .err()
            .unwrap_or_else(|| {
                Problem::error("", ProblemKind::NotADocument)
            }))),
    }
}

/// Verifies `bytes` against a minisign signature (`.minisig` text) and public key (base64);
/// returns the signed trusted comment. Legacy (not pre-hashed) signatures are accepted, as
/// `minisign -V` accepts them. Both texts are checked for their exact shape and by minisign's
/// byte rule first (see [`SignatureText`] and [`super::strict`]): a cut-short or padded line,
/// a weak key or a weak signature is refused with its reason before any cryptography runs.
pub fn verify_detached(bytes: &[u8], minisig: &str, public_key: &str) -> Result<String, SignError> {
    let (sig, key) = detached_parts(minisig, public_key)?;
    if !super::ed25519::verify(bytes, &sig, &key) {
        return Err(SignError::BadSignature);
    }
    Ok(sig.trusted_comment)
}

/// The signature and the key, each checked for its exact shape, and the signature made by
/// that key (by key id) — all before any cryptography runs.
fn detached_parts(
    minisig: &str,
    public_key: &str,
) -> Result<(SignatureText, PublicKeyBytes), SignError> {
    let key = PublicKeyBytes::parse(public_key)?;
    let sig = SignatureText::parse(minisig)?;
    if sig.key_id != key.key_id() {
        let id = |b: &[u8]| {
            b.iter()
                .rev()
                .map(|x| format!("{x:02X}"))
                .collect::<String>()
        };
        return Err(SignError::OtherKey {
            signature: id(&sig.key_id),
            key: id(&key.key_id()),
        });
    }
    Ok((sig, key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sign::UnlockedKey;

    fn key() -> UnlockedKey {
        crate::core::sign::test_key()
    }

    fn sample() -> ResultDoc {
        crate::core::result::sample_result()
    }

    #[test]
    fn sign_then_verify_round_trips() {
        let key = key();
        let file = SignedFile::sign(
            &sample(),
            &key,
            "情報政策課_点検_2026-11-24.tenken.json",
            1_795_000_000,
        )
        .expect("sign");
        let read = SignedFile::from_json(file.to_json().as_bytes()).expect("read");
        let v = read.verify().expect("verify");
        assert_eq!(v.result, sample());
        assert_eq!(v.public_key, key.public_key());
        assert_eq!(v.signed_at, Some(1_795_000_000));
        assert!(
            v.trusted_comment
                .contains("file:情報政策課_点検_2026-11-24.tenken.json")
        );
        assert_eq!(v.signature_hash.len(), 19);
    }

    #[test]
    fn any_changed_byte_of_the_signed_payload_fails() {
        let key = key();
        let file = SignedFile::sign(&sample(), &key, "x.tenken.json", 1).expect("sign");
        let payload = file.payload().expect("payload");
        for i in 0..payload.len() {
            let mut changed = payload.clone();
            changed[i] ^= 0x01;
            assert!(
                verify_detached(&changed, &file.signature, &file.public_key).is_err(),
                "byte {i} changed but the signature still verifies"
            );
        }
        assert!(verify_detached(&payload, &file.signature, &file.public_key).is_ok());
    }

    #[test]
    fn a_changed_answer_in_the_file_fails() {
        let key = key();
        let file = SignedFile::sign(&sample(), &key, "x.tenken.json", 1).expect("sign");
        let text = file
            .to_json()
            .replacen("\"conforming\"", "\"nonconforming\"", 1);
        assert_ne!(
            text,
            file.to_json(),
            "the sample must contain an answer to change"
        );
        let changed = SignedFile::from_json(text.as_bytes()).expect("still readable");
        assert_eq!(changed.verify().err(), Some(SignError::BadSignature));
    }

    #[test]
    fn reformatting_the_file_keeps_it_valid() {
        let key = key();
        let file = SignedFile::sign(&sample(), &key, "x.tenken.json", 1).expect("sign");
        let compact = serde_json::to_string(&file).expect("json");
        let read = SignedFile::from_json(compact.as_bytes()).expect("read");
        assert!(read.verify().is_ok());
    }

    #[test]
    fn another_key_fails_even_with_its_own_id_swapped_in() {
        let (a, b) = (key(), key());
        let mut file = SignedFile::sign(&sample(), &a, "x.tenken.json", 1).expect("sign");
        file.public_key = b.public_key();
        assert!(matches!(file.verify(), Err(SignError::OtherKey { .. })));
        // b signs other bytes; a's signature lines with b's key: bad signature or other key
        let by_b = SignedFile::sign(&sample(), &b, "x.tenken.json", 1).expect("sign");
        let mut mixed = by_b.clone();
        mixed.signature = SignedFile::sign(&sample(), &a, "x.tenken.json", 1)
            .expect("sign")
            .signature;
        assert!(mixed.verify().is_err());
    }

    #[test]
    fn a_changed_trusted_comment_fails() {
        let key = key();
        let file = SignedFile::sign(&sample(), &key, "x.tenken.json", 1).expect("sign");
        let mut forged = file.clone();
        forged.signature = file.signature.replace("timestamp:1\t", "timestamp:2\t");
        assert_ne!(forged.signature, file.signature);
        assert_eq!(forged.verify().err(), Some(SignError::BadSignature));
    }

    #[test]
    fn a_result_holding_a_fraction_or_a_huge_number_is_refused_not_verified() {
        // RFC 8785 would print these in ECMAScript's float form; tenken's formats hold whole
        // numbers only, so such a file cannot have been signed by tenken
        let key = key();
        let file = SignedFile::sign(&sample(), &key, "x.tenken.json", 1).expect("sign");
        for number in ["0.5", "1e21", "9007199254740993"] {
            let mut json: serde_json::Value = serde_json::from_str(&file.to_json()).expect("json");
            json["result"]["extra"] = serde_json::from_str(number).expect("number");
            let read = SignedFile::from_json(json.to_string().as_bytes()).expect("readable");
            let err = read.verify().expect_err(number);
            assert!(
                matches!(&err, SignError::NotSigned(p) if p.kind == ProblemKind::NotCanonical),
                "{number}: {err:?}"
            );
        }
    }

    #[test]
    fn unsigned_or_broken_files_say_so() {
        for text in [
            "",
            "{}",
            r#"{"format":"tenken-result/1"}"#,
            "[[[[",
            r#"{"format":"tenken-signed/1","result":{},"signature":"x","public_key":"y","extra":1}"#,
        ] {
            assert!(
                matches!(
                    SignedFile::from_json(text.as_bytes()),
                    Err(SignError::NotSigned(_))
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn opening_tells_valid_invalid_and_unsigned_apart() {
        let key = key();
        let file = SignedFile::sign(&sample(), &key, "x.tenken.json", 1).expect("sign");
        let valid = open_result(file.to_json().as_bytes()).expect("opens");
        assert!(matches!(valid, Opened::Valid(_)));
        assert_eq!(valid.result(), Some(&sample()));
        let tampered = file.to_json().replacen("情報政策課", "総務課", 1);
        match open_result(tampered.as_bytes()).expect("opens") {
            Opened::Invalid { error, result } => {
                assert_eq!(error, SignError::BadSignature);
                assert_eq!(
                    result.map(|r| r.subject.division),
                    Some("総務課".to_string())
                );
            }
            other => panic!("expected invalid, got {other:?}"),
        }
        let plain = open_result(&sample().to_canonical_json()).expect("opens");
        assert!(matches!(plain, Opened::Unsigned(_)));
        assert!(open_result(b"{\"format\":\"tenken-bundle/1\"}").is_err());
        // the format is read as JSON: escaped slashes are the same string
        let escaped = file
            .to_json()
            .replace("tenken-signed/1", "tenken-signed\\/1");
        assert_ne!(escaped, file.to_json());
        assert!(matches!(
            open_result(escaped.as_bytes()),
            Ok(Opened::Valid(_))
        ));
    }

    #[test]
    fn opening_many_at_once_gives_each_file_its_own_outcome() {
        let (a, b) = (key(), key());
        // 150 files: more than two batches; one bad file in each way, in different batches
        let mut files: Vec<String> = (0..150)
            .map(|i| {
                let k = if i % 3 == 0 { &b } else { &a };
                SignedFile::sign(
                    &sample(),
                    k,
                    &format!("r{i}.tenken.json"),
                    1_780_000_000 + i,
                )
                .expect("sign")
                .to_json()
            })
            .collect();
        let bad = [3, 70, 71, 140];
        let original = files.clone();
        files[3] = files[3].replacen("情報政策課", "総務課", 1); // changed content
        files[70] = files[70].replace("timestamp:1780000070\\t", "timestamp:1780000001\\t"); // forged time
        let mut other = SignedFile::from_json(files[71].as_bytes()).expect("read");
        other.public_key = if 71 % 3 == 0 {
            a.public_key()
        } else {
            b.public_key()
        };
        files[71] = other.to_json(); // another key
        let mut swapped = SignedFile::from_json(files[140].as_bytes()).expect("read");
        swapped.signature = SignedFile::from_json(files[141].as_bytes())
            .expect("read")
            .signature;
        files[140] = swapped.to_json(); // another file's signature, same key
        files.push(String::from_utf8(sample().to_canonical_json()).expect("utf-8")); // unsigned
        files.push("{ not json".into());
        files.push(
            r#"{"format":"tenken-signed/1","result":{},"signature":"x","public_key":"y"}"#.into(),
        );
        let bytes: Vec<&[u8]> = files.iter().map(|f| f.as_bytes()).collect();
        for i in bad {
            assert_ne!(files[i], original[i], "file {i} was changed");
        }
        let together = open_results(&bytes);
        let alone: Vec<_> = bytes.iter().map(|b| open_result(b)).collect();
        assert_eq!(together, alone);
        for (i, outcome) in together.iter().enumerate().take(150) {
            let valid = matches!(outcome, Ok(Opened::Valid(_)));
            assert_eq!(valid, !bad.contains(&i), "file {i}: {outcome:?}");
        }
        assert!(matches!(together[150], Ok(Opened::Unsigned(_))));
        assert!(together[151].is_err());
        assert!(matches!(together[152], Ok(Opened::Invalid { .. }) | Err(_)));
        // every file good: all valid
        let good: Vec<&[u8]> = (0..150)
            .filter(|i| !bad.contains(i))
            .map(|i| files[i].as_bytes())
            .collect();
        assert!(
            open_results(&good)
                .iter()
                .all(|o| matches!(o, Ok(Opened::Valid(_))))
        );
    }

    #[test]
    fn split_parts_verify_on_their_own() {
        let key = key();
        let file = SignedFile::sign(&sample(), &key, "x.tenken.json", 1).expect("sign");
        let split = file.split().expect("split");
        assert_eq!(split.payload, sample().to_canonical_json());
        assert!(verify_detached(&split.payload, &split.minisig, &split.public_key).is_ok());
    }
}
