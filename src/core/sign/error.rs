//! What can go wrong with keys and signatures, in words a 課長 and an IT division understand.

use std::fmt;

use super::passphrase::Weakness;

/// A key or signature failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignError {
    /// The passphrase is refused when a key is made.
    WeakPassphrase(Weakness),
    /// The passphrase does not unlock this key file.
    WrongPassphrase,
    /// Not a minisign secret key, or one tenken cannot use.
    NotASecretKey(String),
    /// Not a minisign public key.
    NotAPublicKey(String),
    /// Not a signed tenken file (or not readable as one).
    NotSigned(String),
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
}

impl SignError {
    /// The message in Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            SignError::WeakPassphrase(w) => format!("パスフレーズが弱すぎます: {}", w.message_ja()),
            SignError::WrongPassphrase => "パスフレーズが違います。鍵は変わっていません。".into(),
            SignError::NotASecretKey(why) => format!("秘密鍵ファイルとして読めません（{why}）"),
            SignError::NotAPublicKey(why) => format!("公開鍵として読めません（{why}）"),
            SignError::NotSigned(why) => format!("署名付きの結果ファイルではありません（{why}）"),
            SignError::NotASignature(why) => format!("署名として読めません（{why}）"),
            SignError::OtherKey { signature, key } => {
                format!("別の鍵で署名されています（署名の鍵 ID {signature}、公開鍵の ID {key}）")
            }
            SignError::BadSignature => {
                "署名が一致しません。署名の後に内容が変えられています。".into()
            }
            SignError::Crypto(why) => format!("暗号処理に失敗しました（{why}）"),
        }
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        match self {
            SignError::WeakPassphrase(w) => format!("passphrase too weak: {}", w.message_en()),
            SignError::WrongPassphrase => "wrong passphrase; the key is unchanged".into(),
            SignError::NotASecretKey(why) => format!("not a usable secret key file ({why})"),
            SignError::NotAPublicKey(why) => format!("not a public key ({why})"),
            SignError::NotSigned(why) => format!("not a signed tenken file ({why})"),
            SignError::NotASignature(why) => format!("not a minisign signature ({why})"),
            SignError::OtherKey { signature, key } => {
                format!("signed by another key (signature key id {signature}, public key id {key})")
            }
            SignError::BadSignature => {
                "signature does not match: the content changed after signing".into()
            }
            SignError::Crypto(why) => format!("cryptographic operation failed ({why})"),
        }
    }
}

impl fmt::Display for SignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.message_ja(), self.message_en())
    }
}

impl std::error::Error for SignError {}
