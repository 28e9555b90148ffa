//! The signing key in this browser: shared state, and the slow steps run after a repaint.

use leptos::prelude::*;

use crate::core::sign::{Owner, Registration, fingerprint_of, owner_of};
use crate::ui::platform::storage::{self, StoredKey};

/// The signing key known to the app (from storage, or made/imported this session only).
#[derive(Clone, Copy)]
pub struct Keys {
    /// The key, encrypted; `None` until one is made or imported.
    pub key: RwSignal<Option<StoredKey>>,
}

impl Keys {
    /// Reads the stored key.
    pub fn load() -> Keys {
        Keys {
            key: RwSignal::new(storage::load_key()),
        }
    }
}

/// What the app shows about a key: its owner and fingerprint.
pub fn describe(key: &StoredKey) -> (Owner, String) {
    (
        owner_of(&key.secret_key_file).unwrap_or_default(),
        fingerprint_of(&key.public_key).unwrap_or_default(),
    )
}

/// The registration file of a key.
pub fn registration(key: &StoredKey) -> Option<Registration> {
    let (owner, _) = describe(key);
    Registration::new(
        &owner.division,
        &owner.name,
        &owner.title,
        &key.public_key,
        &owner.created,
    )
    .ok()
}
