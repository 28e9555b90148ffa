//! Drafts in localStorage: saved on every change, never lost, never fatal.
//!
//! Keys are namespaced (`tenken/v1/…`) because Chromium shares one storage area among all
//! `file://` pages. A draft that cannot be read (corrupt, or from a newer tenken) is moved
//! aside under `tenken/v1/aside/…` and reported, so the app always starts. Storage that is
//! blocked or full is reported and the app goes on without it (drafts can be exported).

use crate::core::draft::{Draft, DraftError};

const DRAFT_PREFIX: &str = "tenken/v1/draft/";
const ASIDE_PREFIX: &str = "tenken/v1/aside/";
/// The signing key, only ever in its passphrase-encrypted form.
const KEY_KEY: &str = "tenken/v1/key";
/// Where tenken before 0.2 kept 情報担当課's roster (no longer trusted: see [`legacy_roster`]).
const ROSTER_KEY: &str = "tenken/v1/roster";

/// What went wrong with storage, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageIssue {
    /// localStorage is unavailable (blocked, private mode, policy).
    Unavailable,
    /// A write failed (usually the quota).
    WriteFailed(String),
    /// Stored drafts that could not be read were kept aside under these keys.
    SetAside(Vec<String>),
}

impl StorageIssue {
    /// The message shown.
    pub fn message(&self) -> String {
        match self {
            StorageIssue::Unavailable => {
                "このブラウザーでは下書きを保存できません（保存領域が使えません）。\
                 入力内容は「下書きをファイルに保存」で保存してください。"
                    .into()
            }
            StorageIssue::WriteFailed(e) => format!(
                "下書きを保存できませんでした（{e}）。保存領域が一杯の可能性があります。\
                 「下書きをファイルに保存」で保存し、不要な下書きを削除してください。"
            ),
            StorageIssue::SetAside(keys) => format!(
                "読めない下書きが {} 件ありました（壊れているか、新しい版の tenken で作成されたもの）。\
                 削除せず別に保管しました（{}）。",
                keys.len(),
                keys.join("、")
            ),
        }
    }
}

/// The page's localStorage, if it can be used. Accessing it can throw (blocked storage),
/// which web-sys reports as an error rather than aborting.
fn storage() -> Option<web_sys::Storage> {
    let storage = web_sys::window()?.local_storage().ok()??;
    // some browsers hand out a storage object that throws on use
    storage.length().ok()?;
    Some(storage)
}

/// True when drafts can be stored.
pub fn available() -> bool {
    storage().is_some()
}

fn keys(storage: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let n = storage.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// Every readable stored draft, and what was set aside.
pub fn load_all() -> (Vec<Draft>, Option<StorageIssue>) {
    let Some(storage) = storage() else {
        return (Vec::new(), Some(StorageIssue::Unavailable));
    };
    let mut drafts = Vec::new();
    let mut aside = Vec::new();
    for key in keys(&storage, DRAFT_PREFIX) {
        let Ok(Some(text)) = storage.get_item(&key) else {
            continue;
        };
        match Draft::from_json(&text) {
            Ok(d) if key == format!("{DRAFT_PREFIX}{}", d.id) => drafts.push(d),
            Ok(_) | Err(DraftError::Unreadable(_)) | Err(DraftError::Newer(_)) => {
                let stamp = js_sys::Date::now() as u64;
                let new_key = format!("{ASIDE_PREFIX}{stamp}/{}", &key[DRAFT_PREFIX.len()..]);
                if storage.set_item(&new_key, &text).is_ok() {
                    storage.remove_item(&key).ok();
                    aside.push(new_key);
                }
            }
        }
    }
    drafts.sort_by(|a, b| b.updated.cmp(&a.updated));
    let issue = (!aside.is_empty()).then_some(StorageIssue::SetAside(aside));
    (drafts, issue)
}

/// Saves a draft.
pub fn save(draft: &Draft) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    storage
        .set_item(&format!("{DRAFT_PREFIX}{}", draft.id), &draft.to_json())
        .map_err(|e| StorageIssue::WriteFailed(super::files::js_message(&e)))
}

/// Deletes a draft.
pub fn remove(id: &str) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    storage
        .remove_item(&format!("{DRAFT_PREFIX}{id}"))
        .map_err(|e| StorageIssue::WriteFailed(super::files::js_message(&e)))
}

/// A new draft id: time and randomness, unique enough for one person's drafts.
pub fn new_id() -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("{now:x}-{random:x}")
}

/// The current time as ISO 8601 (UTC).
pub fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// The signing key kept in this browser: the encrypted secret key file and its public key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredKey {
    /// The minisign secret key file's text (scrypt-encrypted).
    pub secret_key_file: String,
    /// The public key (base64).
    pub public_key: String,
}

/// The stored signing key, if any (an unreadable entry counts as none).
pub fn load_key() -> Option<StoredKey> {
    let text = storage()?.get_item(KEY_KEY).ok()??;
    serde_json::from_str(&text).ok()
}

/// Keeps the (encrypted) signing key in this browser.
pub fn save_key(key: &StoredKey) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    let text = serde_json::to_string(key).unwrap_or_default();
    storage
        .set_item(KEY_KEY, &text)
        .map_err(|e| StorageIssue::WriteFailed(super::files::js_message(&e)))
}

/// Forgets the signing key in this browser.
pub fn remove_key() -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    storage
        .remove_item(KEY_KEY)
        .map_err(|e| StorageIssue::WriteFailed(super::files::js_message(&e)))
}

/// A roster an earlier tenken kept in this browser, as stored. It is no longer used: any
/// other local page could have changed it (Chromium shares `file://` storage), so the roster
/// now lives only in the file 情報担当課 opens. The text is offered for export and removal.
pub fn legacy_roster() -> Option<String> {
    storage()
        .and_then(|s| s.get_item(ROSTER_KEY).ok().flatten())
        .filter(|t| !t.trim().is_empty())
}

/// Removes the roster an earlier tenken kept in this browser.
pub fn remove_legacy_roster() -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    storage
        .remove_item(ROSTER_KEY)
        .map_err(|e| StorageIssue::WriteFailed(super::files::js_message(&e)))
}

/// The current time as Unix seconds (the clock the core is given).
pub fn unix_now() -> u64 {
    (js_sys::Date::now() / 1000.0).max(0.0) as u64
}
