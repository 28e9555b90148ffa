//! What can go wrong with keys and signatures, in words a 課長 and an IT division understand.

use crate::core::message::Message;
use std::fmt;

use super::passphrase::Weakness;
use crate::core::problem::{Problem, Problems};

/// A key or signature failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The passphrase is refused when a key is made.
    WeakPassphrase(Weakness),
    /// The passphrase does not unlock this key file.
    WrongPassphrase,
    /// No passphrase was given to unlock a key (an empty field): nothing was tried.
    EmptyPassphrase,
    /// Not a minisign secret key, or one tenken cannot use.
    NotASecretKey(String),
    /// Not a minisign public key.
    NotAPublicKey(String),
    /// Not a signed tenken file (or not readable as one).
    NotSigned(Problem),
    /// The signature holds, but the signed result cannot be read (each problem with its
    /// place, e.g. a field this tenken does not know).
    Content(Problems),
    /// Not a minisign signature.
    NotASignature(String),
    /// The signature was made by another key than the one given.
    OtherKey {
        /// The signature's key id.
        signature: String,
        /// The public key's id.
        key: String,
    },
    /// The bytes or the trusted comment changed since signing.
    BadSignature,
    /// The random number generator or the key derivation failed.
    Crypto(String),
    /// A part of a signature or key text has the wrong shape (checked before any
    /// cryptography runs).
    Malformed(Part, Flaw),
    /// The public key stored beside a secret key is not the one the secret key holds: the
    /// stored record was changed (by another page, in Chromium's shared `file://` storage).
    StoredKeyMismatch {
        /// Fingerprint of the stored public key (empty when it is not a key at all).
        stored: String,
        /// Fingerprint of the public key derived from the secret key.
        derived: String,
    },
    /// A secret key file asks for a key derivation costlier than tenken's own.
    KeyCostTooHigh {
        /// scrypt opslimit stated in the file.
        opslimit: u64,
        /// scrypt memlimit stated in the file (bytes).
        memlimit: u64,
    },
}

/// The part of a minisign text that is malformed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The signature text as a whole.
    SignatureFile,
    /// Its first line.
    UntrustedComment,
    /// Its second line (algorithm, key id, signature).
    SignatureLine,
    /// Its third line.
    TrustedComment,
    /// Its fourth line (the signature over the trusted comment).
    GlobalSignature,
    /// A public key.
    PublicKey,
    /// A secret key file.
    SecretKey,
}

impl Part {
    fn ja(self) -> &'static str {
        match self {
            Part::SignatureFile => "署名",
            Part::UntrustedComment => "署名の1行目（untrusted comment）",
            Part::SignatureLine => "署名の2行目（署名値）",
            Part::TrustedComment => "署名の3行目（trusted comment）",
            Part::GlobalSignature => "署名の4行目（コメントの署名値）",
            Part::PublicKey => "公開鍵",
            Part::SecretKey => "秘密鍵ファイル",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Part::SignatureFile => "signature",
            Part::UntrustedComment => "signature line 1 (untrusted comment)",
            Part::SignatureLine => "signature line 2 (signature)",
            Part::TrustedComment => "signature line 3 (trusted comment)",
            Part::GlobalSignature => "signature line 4 (comment signature)",
            Part::PublicKey => "public key",
            Part::SecretKey => "secret key file",
        }
    }
}

/// What is wrong with a [`Part`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Longer than accepted.
    TooLong {
        /// The most accepted, in bytes.
        max: usize,
    },
    /// Not the expected number of lines.
    Lines {
        /// Lines found.
        found: usize,
    },
    /// The line does not start as it must.
    Prefix,
    /// Not standard base64.
    Base64,
    /// Base64 of the wrong length (cut short or padded).
    Length {
        /// Characters found.
        found: usize,
        /// Characters expected.
        expected: usize,
    },
    /// Not an Ed25519 key or signature.
    Algorithm,
    /// Control characters in a comment.
    Control,
    /// A secret key that is not encrypted.
    NotEncrypted,
    /// A value written in a form no honest signer produces (a point with `y ≥ p`, a
    /// signature scalar not reduced below the group order): another spelling of a value that
    /// minisign refuses.
    NonCanonical,
    /// A point of small order: a key or signature point that lets anyone make "signatures"
    /// without the secret key.
    SmallOrder,
    /// Not a point of the curve.
    NotOnCurve,
    /// A key with a small-order component (no key generator makes one).
    MixedOrder,
}

impl Flaw {
    fn ja(self) -> String {
        match self {
            Flaw::TooLong { max } => format!("長すぎます（上限 {max} バイト）"),
            Flaw::Lines { found } => format!("行数が違います（{found} 行）"),
            Flaw::Prefix => "書き出しが違います".into(),
            Flaw::Base64 => "base64 として読めません".into(),
            Flaw::Length { found, expected } => {
                format!(
                    "長さが違います（{found} 文字、正しくは {expected} 文字。途中で切れています）"
                )
            }
            Flaw::Algorithm => "Ed25519 のものではありません".into(),
            Flaw::Control => "制御文字が含まれています".into(),
            Flaw::NotEncrypted => "暗号化されていません（暗号化された鍵だけを使えます）".into(),
            Flaw::NonCanonical => {
                "正規の形ではありません（同じ値の別の書き方で、minisign は受け付けません）".into()
            }
            Flaw::SmallOrder => {
                "位数の小さい点です（秘密鍵がなくても署名を作れる弱い値で、minisign は受け付けません）"
                    .into()
            }
            Flaw::NotOnCurve => "Ed25519 の曲線上の点ではありません".into(),
            Flaw::MixedOrder => {
                "位数の小さい成分を含む点です（鍵を作るソフトウェアが作ることのない弱い鍵）".into()
            }
        }
    }

    fn en(self) -> String {
        match self {
            Flaw::TooLong { max } => format!("too long (at most {max} bytes)"),
            Flaw::Lines { found } => format!("wrong number of lines ({found})"),
            Flaw::Prefix => "does not start as it must".into(),
            Flaw::Base64 => "not standard base64".into(),
            Flaw::Length { found, expected } => {
                format!("{found} characters where {expected} are expected (cut short or padded)")
            }
            Flaw::Algorithm => "not Ed25519".into(),
            Flaw::Control => "contains control characters".into(),
            Flaw::NotEncrypted => "not encrypted (only encrypted keys are used)".into(),
            Flaw::NonCanonical => {
                "not in canonical form (another spelling of a value; minisign refuses it)".into()
            }
            Flaw::SmallOrder => "a point of small order (a weak value that allows signatures without the secret key; minisign refuses it)".into(),
            Flaw::NotOnCurve => "not a point of the Ed25519 curve".into(),
            Flaw::MixedOrder => {
                "a point with a small-order component (a weak key no key generator makes)".into()
            }
        }
    }
}

impl Message for SignError {
    /// The message in Japanese.
    fn message_ja(&self) -> String {
        match self {
            SignError::WeakPassphrase(w) => format!("パスフレーズが弱すぎます: {}", w.message_ja()),
            SignError::WrongPassphrase => "パスフレーズが違います。鍵は変わっていません。".into(),
            SignError::EmptyPassphrase => "パスフレーズを入力してください。".into(),
            SignError::NotASecretKey(why) => format!("秘密鍵ファイルとして読めません（{why}）"),
            SignError::NotAPublicKey(why) => format!("公開鍵として読めません（{why}）"),
            SignError::NotSigned(p) => format!(
                "署名付きの結果ファイルとして読めません（{}{}）",
                at(&p.path),
                p.kind.message_ja()
            ),
            SignError::Content(problems) => format!(
                "署名は正しいものの、結果の内容を読めません（{}）",
                problems.message_ja()
            ),
            SignError::NotASignature(why) => format!("署名として読めません（{why}）"),
            SignError::OtherKey { signature, key } => {
                format!("別の鍵で署名されています（署名の鍵 ID {signature}、公開鍵の ID {key}）")
            }
            SignError::BadSignature => {
                "署名が一致しません。署名の後に内容が変えられています。".into()
            }
            SignError::Crypto(why) => format!("暗号処理に失敗しました（{why}）"),
            SignError::Malformed(part, flaw) => {
                format!("{}の形が不正です: {}", part.ja(), flaw.ja())
            }
            SignError::StoredKeyMismatch { derived, .. } => format!(
                "この PC に保存された鍵の公開鍵が、秘密鍵から求めた公開鍵（指紋 {derived}）と一致しません。保存された鍵が tenken 以外（この PC で開いた別のページなど）によって書き換えられています。この鍵では署名も登録ファイルの書き出しもしません。鍵ファイル（.key）をもう一度読み込んでください。"
            ),
            SignError::KeyCostTooHigh { opslimit, memlimit } => format!(
                "鍵の導出に必要な計算量が tenken の上限を超えています（opslimit {opslimit}、memlimit {memlimit}）。tenken で作った鍵を使ってください"
            ),
        }
    }

    /// The message in English.
    fn message_en(&self) -> String {
        match self {
            SignError::WeakPassphrase(w) => format!("passphrase too weak: {}", w.message_en()),
            SignError::WrongPassphrase => "wrong passphrase; the key is unchanged".into(),
            SignError::EmptyPassphrase => "enter the passphrase".into(),
            SignError::NotASecretKey(why) => format!("not a usable secret key file ({why})"),
            SignError::NotAPublicKey(why) => format!("not a public key ({why})"),
            SignError::NotSigned(p) => format!(
                "not readable as a signed tenken file ({}{})",
                at(&p.path),
                p.kind.message_en()
            ),
            SignError::Content(problems) => format!(
                "the signature holds but the result cannot be read ({})",
                problems.message_en()
            ),
            SignError::NotASignature(why) => format!("not a minisign signature ({why})"),
            SignError::OtherKey { signature, key } => {
                format!("signed by another key (signature key id {signature}, public key id {key})")
            }
            SignError::BadSignature => {
                "signature does not match: the content changed after signing".into()
            }
            SignError::Crypto(why) => format!("cryptographic operation failed ({why})"),
            SignError::Malformed(part, flaw) => format!("malformed {}: {}", part.en(), flaw.en()),
            SignError::StoredKeyMismatch { stored, derived } => format!(
                "the public key stored in this browser ({}) is not the one the secret key holds ({derived}): the stored key was changed outside tenken; nothing is signed or exported with it; import the key file (.key) again",
                if stored.is_empty() {
                    "unreadable"
                } else {
                    stored
                }
            ),
            SignError::KeyCostTooHigh { opslimit, memlimit } => format!(
                "the key derivation it asks for exceeds tenken's limit (opslimit {opslimit}, memlimit {memlimit}); use a key made by tenken"
            ),
        }
    }
}

fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}: ")
    }
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_ja(), self.message_en())
    }
}

impl std::error::Error for SignError {}
