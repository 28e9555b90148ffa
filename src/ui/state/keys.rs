//! The signing key in this browser: shared state, and the slow steps run after a repaint.
//!
//! The stored key is input, not truth: another local page can rewrite its public half
//! (Chromium shares `file://` storage). So the public key — and the fingerprint a 課長 reads
//! out to 情報担当課 — is shown only once derived from the secret key, unlocked with the
//! passphrase in this session ([`Keys::unlock`]); a stored key whose halves disagree is
//! reported and never used.

use leptos::prelude::*;

use crate::core::message::Message;

use crate::core::sign::{Owner, Registration, SignError, UnlockedKey, fingerprint_of, owner_of};
use crate::ui::platform::storage::{self, StoredKey};

/// The signing key known to the app (from storage, or made/imported this session only).
#[derive(Clone, Copy)]
pub struct Keys {
    /// The key, encrypted; `None` until one is made or imported.
    pub key: RwSignal<Option<StoredKey>>,
    /// The public key derived from the secret key, once it was made, imported or unlocked
    /// in this session.
    pub derived: RwSignal<Option<String>>,
    /// Why the stored key is not used (its public half is not the secret key's), in words.
    pub refused: RwSignal<Option<String>>,
}

impl Keys {
    /// Reads the stored key.
    pub fn load() -> Keys {
        Keys {
            key: RwSignal::new(storage::load_key()),
            derived: RwSignal::new(None),
            refused: RwSignal::new(None),
        }
    }

    /// A key made or imported in this session: its public half was derived as it was read.
    pub fn set(&self, key: Option<StoredKey>) {
        self.derived.set(key.as_ref().map(|k| k.public_key.clone()));
        self.refused.set(None);
        self.key.set(key);
    }

    /// Unlocks the key with its passphrase (slow: scrypt), deriving its public half and
    /// checking it against the stored one; a mismatch is remembered, and the key refused.
    pub fn unlock(&self, passphrase: &str) -> Result<UnlockedKey, SignError> {
        let Some(key) = self.key.get_untracked() else {
            return Err(SignError::WrongPassphrase);
        };
        let unlocked = if self.refused.with_untracked(Option::is_some) {
            Err(SignError::StoredKeyMismatch {
                stored: String::new(),
                derived: String::new(),
            })
        } else {
            UnlockedKey::unlock_stored(&key.secret_key_file, &key.public_key, passphrase)
        };
        match &unlocked {
            Ok(k) => self.derived.set(Some(k.public_key())),
            Err(e @ SignError::StoredKeyMismatch { .. }) => {
                if self.refused.with_untracked(Option::is_none) {
                    self.refused.set(Some(e.message_ja()));
                }
            }
            Err(_) => {}
        }
        unlocked
    }

    /// [`Keys::unlock`] for a form: on failure, `busy` is cleared and `error` says why — unless
    /// the stored key was refused, which is said once where the key is offered.
    pub fn unlock_in_form(
        &self,
        passphrase: &str,
        busy: RwSignal<bool>,
        error: RwSignal<Option<String>>,
    ) -> Option<UnlockedKey> {
        match self.unlock(passphrase) {
            Ok(k) => Some(k),
            Err(e) => {
                busy.set(false);
                if self.refused.get_untracked().is_none() {
                    error.set(Some(e.message_ja()));
                }
                None
            }
        }
    }

    /// The fingerprint to show: the derived key's only.
    pub fn fingerprint(&self) -> Option<String> {
        self.derived.get().and_then(|k| fingerprint_of(&k).ok())
    }

    /// The public key a kept signature is checked with: the derived one, else the stored
    /// one (`false`: not yet confirmed in this session); `None` without a usable key.
    pub fn checking_key(&self) -> Option<(String, bool)> {
        if self.refused.with(Option::is_some) {
            return None;
        }
        match self.derived.get() {
            Some(k) => Some((k, true)),
            None => self.key.get().map(|k| (k.public_key, false)),
        }
    }
}

/// Who a key belongs to, as its key file says.
pub fn owner(key: &StoredKey) -> Owner {
    owner_of(&key.secret_key_file).unwrap_or_default()
}

/// The registration file of a key, with its public key as derived from the secret key.
pub fn registration(key: &StoredKey, derived: &str) -> Option<Registration> {
    let owner = owner(key);
    Registration::new(
        &owner.division,
        &owner.name,
        &owner.title,
        derived,
        &owner.created,
    )
    .ok()
}
