//! A signed result file's wire format (`tenken-signed/1`): the result as JSON, minisign's
//! signature and the signer's public key. Only the shape lives here, so that a draft can keep
//! the file it was signed into (`draft::SignatureNote`) without depending on signing; reading,
//! signing and verifying are `core::sign`'s ([`crate::core::sign::SignedFile::sign`]).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The format id of a signed result file.
pub const SIGNED_FORMAT: &str = "tenken-signed/1";

/// A signed result file as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedFile {
    /// [`SIGNED_FORMAT`].
    pub format: String,
    /// The result document; what is signed is its canonical JSON.
    pub result: Value,
    /// The minisign signature (the text of a `.minisig` file).
    pub signature: String,
    /// The signer's minisign public key (base64).
    pub public_key: String,
}
