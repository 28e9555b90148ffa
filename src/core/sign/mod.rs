//! Signed results: keys, passphrases, registration files, signing and verification.
//!
//! Everything is minisign-compatible so that 情報担当課 need not trust this project's code
//! alone: the secret key file is minisign's scrypt-encrypted format, signatures are
//! minisign's (pre-hashed Ed25519 with a signed trusted comment), and a signed result splits
//! into `result.json` + `result.json.minisig` that `minisign -Vm` verifies.
//!
//! The wire types (what files hold) are separate from what verification concludes:
//! [`SignedFile`] is the `.tenken.json` file, [`Verified`] what checking it found.

mod ed25519;
mod error;
mod key;
#[cfg(test)]
pub(crate) use key::test_key;
mod passphrase;
mod published;
mod registration;
mod signed;
pub mod strict;
mod wire;

pub use error::{Flaw, Part, SignError};
pub use key::{
    NewKey, Owner, OwnerError, UnlockedKey, fingerprint_of, generate, key_file_name, owner_of,
    public_key_file, public_key_of,
};
pub use passphrase::{MIN_PASSPHRASE_CHARS, Weakness, check_passphrase};
pub use published::{
    BundleSignature, BundleSigned, Provenance, Publisher, SIGNED_BUNDLE_FORMAT, SignedBundle,
    clean_publisher, provenance,
};
pub use registration::{
    KeyStanding, MAX_ROSTER_BYTES, MergeConflict, REGISTRATION_FORMAT, ROSTER_FORMAT, Registration,
    Revocation, RevocationReason, Roster, RosterSource,
};
pub use signed::{
    MAX_SIGNED_BYTES, Opened, SIGNED_FORMAT, SignedFile, Split, Verified, open_result,
    open_results, signature_hash, signing_time, verify_detached,
};
pub use wire::{PublicKeyBytes, SignatureText, check_secret_key};
