//! Drafts in localStorage: saved on every change, never lost, never fatal.
//!
//! Keys are namespaced (`tenken/v1/…`) because Chromium shares one storage area among all
//! `file://` pages. A draft that cannot be read (corrupt, or from a newer tenken) is moved
//! aside under `tenken/v1/aside/…` and reported, so the app always starts. Storage that is
//! blocked or full is reported and the app goes on without it (drafts can be exported).
//!
//! Storage is input, not truth: any local page can write it (Chromium). Every record tenken
//! writes here carries seals ([`crate::core::seal`]) under this browser's salt
//! (`tenken/v1/seal`), and every read says which parts do not match them. The first run of a
//! sealing tenken makes the salt and seals, kind by kind, the records already there (trust
//! on first use).

use crate::core::draft::{Draft, DraftError};
use crate::core::presence;
use crate::core::seal::{self, Check, Seals};
use crate::core::sort::sort_by;

const DRAFT_PREFIX: &str = "tenken/v1/draft/";
/// Bundles opened from files, kept so their drafts can be resumed: `…/bundle/<sha256>`.
const BUNDLE_PREFIX: &str = "tenken/v1/bundle/";
/// The list of kept bundles (what the start screen shows without reading them).
const BUNDLE_INDEX: &str = "tenken/v1/bundles";
/// Which tab has which draft open: `…/open/<draft id>/<tab id>` = Unix milliseconds.
const OPEN_PREFIX: &str = "tenken/v1/open/";
const ASIDE_PREFIX: &str = "tenken/v1/aside/";
/// The signing key, only ever in its passphrase-encrypted form.
const KEY_KEY: &str = "tenken/v1/key";
/// Where tenken before 0.2 kept 情報担当課's roster (no longer trusted: see [`legacy_roster`]).
const ROSTER_KEY: &str = "tenken/v1/roster";
/// This browser's seal salt, and the kinds of record already sealed on first use.
const SEAL_KEY: &str = "tenken/v1/seal";

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

impl crate::core::message::Message for StorageIssue {
    fn message_en(&self) -> String {
        match self {
            StorageIssue::Unavailable => {
                "this browser cannot keep drafts (storage is blocked); save them to a file".into()
            }
            StorageIssue::WriteFailed(e) => {
                format!("the draft could not be saved ({e}); storage may be full")
            }
            StorageIssue::SetAside(keys) => format!(
                "{} unreadable stored drafts were kept aside ({})",
                keys.len(),
                keys.join(", ")
            ),
        }
    }

    fn message_ja(&self) -> String {
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

/// The salt's record: the salt, then the kinds of record sealed on their first use, as
/// words (`<salt> draft bundle`), read only if the salt is plain hex.
fn seal_record(s: &web_sys::Storage) -> Option<String> {
    let text = s.get_item(SEAL_KEY).ok()??;
    let salt = text.split(' ').next()?;
    (salt.len() >= 32 && salt.bytes().all(|b| b.is_ascii_hexdigit())).then_some(text)
}

/// This browser's salt, made on first use.
fn salt(s: &web_sys::Storage) -> String {
    let record = seal_record(s).unwrap_or_else(|| {
        // not a secret (it sits beside what it seals): it need only differ between browsers
        let random: Vec<u8> = (0..4)
            .flat_map(|_| ((js_sys::Math::random() * 4_294_967_296.0) as u32).to_le_bytes())
            .collect();
        let made = seal::new_salt(&random);
        s.set_item(SEAL_KEY, &made).ok();
        // another tab may have made one at the same moment: the stored one is the one
        seal_record(s).unwrap_or(made)
    });
    record.split(' ').next().unwrap_or_default().to_string()
}

/// True when records of `kind` were already there when this browser's salt was first used
/// for them; false the first time (the caller seals what is there, then [`sealed_kind`]).
fn kind_sealed(s: &web_sys::Storage, kind: &str) -> bool {
    seal_record(s).is_some_and(|r| r.split(' ').skip(1).any(|k| k == kind))
}

/// Records that every record of `kind` now in storage was sealed (trust on first use).
fn sealed_kind(s: &web_sys::Storage, kind: &str) {
    if let Some(r) = seal_record(s)
        && !kind_sealed(s, kind)
    {
        s.set_item(SEAL_KEY, &format!("{r} {kind}")).ok();
    }
}

/// A stored draft whose seals do not hold, and what its seals say.
pub type Outside = (String, Check);

/// Every readable stored draft, the drafts changed outside tenken (with what changed), and
/// what was set aside.
pub fn load_all() -> (Vec<Draft>, Vec<Outside>, Option<StorageIssue>) {
    let Some(storage) = storage() else {
        return (Vec::new(), Vec::new(), Some(StorageIssue::Unavailable));
    };
    let salt = salt(&storage);
    let first_use = !kind_sealed(&storage, seal::DRAFT);
    let mut drafts = Vec::new();
    let mut outside = Vec::new();
    let mut aside = Vec::new();
    for key in keys(&storage, DRAFT_PREFIX) {
        let Ok(Some(text)) = storage.get_item(&key) else {
            continue;
        };
        let id = &key[DRAFT_PREFIX.len()..];
        match seal::read_draft(&text, id, &salt) {
            Ok((d, check)) if d.id == id => {
                match seal::on_read(check, first_use) {
                    seal::OnRead::Keep => {}
                    // written before tenken sealed: sealed as it is, once
                    seal::OnRead::SealAsIs => {
                        storage.set_item(&key, &seal::sealed_draft(&d, &salt)).ok();
                    }
                    seal::OnRead::Report(check) => outside.push((d.id.clone(), check)),
                }
                drafts.push(d);
            }
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
    if first_use {
        sealed_kind(&storage, seal::DRAFT);
    }
    sort_by(&mut drafts, |a, b| b.updated.cmp(&a.updated));
    let issue = (!aside.is_empty()).then_some(StorageIssue::SetAside(aside));
    (drafts, outside, issue)
}

/// Saves a draft, sealed.
pub fn save(draft: &Draft) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    let text = seal::sealed_draft(draft, &salt(&storage));
    storage
        .set_item(&format!("{DRAFT_PREFIX}{}", draft.id), &text)
        .map_err(|e| StorageIssue::WriteFailed(crate::ui::platform::files::js_message(&e)))
}

/// The stored copy of one draft, if there is a readable one, and what its seals say.
pub fn load(id: &str) -> Option<(Draft, Check)> {
    let storage = storage()?;
    let text = storage.get_item(&format!("{DRAFT_PREFIX}{id}")).ok()??;
    read_draft(&storage, &text, id)
}

/// A draft's stored text (as a `storage` event brings it), read as [`load`] reads it.
pub fn read(text: &str, id: &str) -> Option<(Draft, Check)> {
    read_draft(&storage()?, text, id)
}

fn read_draft(storage: &web_sys::Storage, text: &str, id: &str) -> Option<(Draft, Check)> {
    seal::read_draft(text, id, &salt(storage))
        .ok()
        .filter(|(d, _)| d.id == id)
}

/// The draft id a storage key names, if it is a draft's key.
pub fn draft_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(DRAFT_PREFIX)
}

/// Deletes a draft.
pub fn remove(id: &str) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    storage
        .remove_item(&format!("{DRAFT_PREFIX}{id}"))
        .map_err(|e| StorageIssue::WriteFailed(crate::ui::platform::files::js_message(&e)))
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
    crate::core::tracked::from_str(&text)
}

/// Keeps the (encrypted) signing key in this browser.
pub fn save_key(key: &StoredKey) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    let text = serde_json::to_string(key).unwrap_or_default();
    storage
        .set_item(KEY_KEY, &text)
        .map_err(|e| StorageIssue::WriteFailed(crate::ui::platform::files::js_message(&e)))
}

/// Forgets the signing key in this browser.
pub fn remove_key() -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    storage
        .remove_item(KEY_KEY)
        .map_err(|e| StorageIssue::WriteFailed(crate::ui::platform::files::js_message(&e)))
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
        .map_err(|e| StorageIssue::WriteFailed(crate::ui::platform::files::js_message(&e)))
}

/// A bundle opened from a file and kept in this browser: what lists show of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeptBundle {
    /// SHA-256 of its canonical JSON (its identity; also its storage key).
    pub hash: String,
    /// Bundle id.
    pub id: String,
    /// 自治体.
    pub municipality: String,
    /// Title.
    pub title: String,
    /// 版 (`YYYY-MM-DD`).
    pub version: String,
    /// The file it was opened from.
    pub file: String,
    /// When it was first kept (ISO 8601, JST).
    pub kept: String,
    /// 情報担当課's signature, when it was opened from a signed bundle file (checked again
    /// each time it is shown: storage can be written by other local pages).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<crate::core::sign::BundleSignature>,
    /// The seal of this entry (see [`crate::core::seal`]): its fields, the bundle's hash
    /// among them, which the kept JSON is checked against whenever it is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
}

/// The kind of record a kept bundle's entry is, in its seal.
const KEPT: &str = "bundle";

/// The seal an entry should carry: over each of its fields, length-prefixed.
fn entry_seal(salt: &str, e: &KeptBundle) -> String {
    let signed = e.signed.as_ref();
    let mut bytes = Vec::new();
    for field in [
        &e.hash,
        &e.id,
        &e.municipality,
        &e.title,
        &e.version,
        &e.file,
        &e.kept,
    ]
    .into_iter()
    .chain(signed.map(|s| &s.publisher))
    .chain(signed.map(|s| &s.signature))
    .chain(signed.map(|s| &s.public_key))
    {
        bytes.extend_from_slice(&(field.len() as u64).to_le_bytes());
        bytes.extend_from_slice(field.as_bytes());
    }
    seal::seal(salt, KEPT, &e.hash, "entry", &bytes)
}

fn kept_list(s: &web_sys::Storage) -> Vec<KeptBundle> {
    s.get_item(BUNDLE_INDEX)
        .ok()
        .flatten()
        .and_then(|t| crate::core::tracked::from_str(&t))
        .unwrap_or_default()
}

/// The bundles kept in this browser (an unreadable list counts as empty), and the hashes of
/// those whose entry is not as tenken wrote it.
pub fn kept_bundles() -> (Vec<KeptBundle>, Vec<String>) {
    let Some(s) = storage() else {
        return (Vec::new(), Vec::new());
    };
    let salt = salt(&s);
    let mut list = kept_list(&s);
    if !kind_sealed(&s, KEPT) {
        // kept before tenken sealed: sealed as they are, once
        for e in list.iter_mut().filter(|e| e.seal.is_none()) {
            e.seal = Some(entry_seal(&salt, e));
        }
        s.set_item(
            BUNDLE_INDEX,
            &serde_json::to_string(&list).unwrap_or_default(),
        )
        .ok();
        sealed_kind(&s, KEPT);
    }
    let outside = list
        .iter()
        .filter(|e| e.seal.as_deref() != Some(entry_seal(&salt, e).as_str()))
        .map(|e| e.hash.clone())
        .collect();
    (list, outside)
}

/// Keeps a bundle (its compiled JSON) for later: its drafts can be resumed without the file.
/// The other entries keep their seals as stored (a changed one stays reported).
pub fn keep_bundle(entry: &KeptBundle, json: &str) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    let fail = |e: wasm_bindgen::JsValue| {
        StorageIssue::WriteFailed(crate::ui::platform::files::js_message(&e))
    };
    storage
        .set_item(&format!("{BUNDLE_PREFIX}{}", entry.hash), json)
        .map_err(fail)?;
    let mut entry = entry.clone();
    entry.seal = Some(entry_seal(&salt(&storage), &entry));
    let mut list = kept_list(&storage);
    list.retain(|b| b.hash != entry.hash);
    list.insert(0, entry);
    storage
        .set_item(
            BUNDLE_INDEX,
            &serde_json::to_string(&list).unwrap_or_default(),
        )
        .map_err(fail)
}

/// The compiled JSON of a kept bundle.
pub fn kept_bundle_json(hash: &str) -> Option<String> {
    storage()?
        .get_item(&format!("{BUNDLE_PREFIX}{hash}"))
        .ok()
        .flatten()
}

/// Forgets a kept bundle.
pub fn forget_bundle(hash: &str) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    let fail = |e: wasm_bindgen::JsValue| {
        StorageIssue::WriteFailed(crate::ui::platform::files::js_message(&e))
    };
    storage
        .remove_item(&format!("{BUNDLE_PREFIX}{hash}"))
        .map_err(fail)?;
    let mut list = kept_list(&storage);
    list.retain(|b| b.hash != hash);
    storage
        .set_item(
            BUNDLE_INDEX,
            &serde_json::to_string(&list).unwrap_or_default(),
        )
        .map_err(fail)
}

/// Marks `draft` as open in page `page` at `now_ms` (renewed every few seconds).
pub fn mark_open(draft: &str, page: &str, now_ms: u64) {
    if let Some(s) = storage() {
        s.set_item(
            &format!("{OPEN_PREFIX}{}", presence::mark_key(draft, page)),
            &now_ms.to_string(),
        )
        .ok();
    }
}

/// Removes page `page`'s open mark of `draft`.
pub fn mark_closed(draft: &str, page: &str) {
    if let Some(s) = storage() {
        s.remove_item(&format!("{OPEN_PREFIX}{}", presence::mark_key(draft, page)))
            .ok();
    }
}

/// True when another page marked `draft` open recently ([`presence::Viewer::judge`]). Marks
/// of dead pages, and of the page this tab showed before a reload, are removed on the way.
pub fn open_elsewhere(draft: &str, viewer: &presence::Viewer) -> bool {
    let Some(s) = storage() else { return false };
    let mut found = false;
    for key in keys(&s, OPEN_PREFIX) {
        let Some(rest) = key.strip_prefix(OPEN_PREFIX) else {
            continue;
        };
        let value = s.get_item(&key).ok().flatten().unwrap_or_default();
        let Some(mark) = presence::parse_mark(rest, &value) else {
            continue;
        };
        match viewer.judge(&mark, draft) {
            presence::Seen::Elsewhere => found = true,
            presence::Seen::Remove => {
                s.remove_item(&key).ok();
            }
            presence::Seen::Nothing => {}
        }
    }
    found
}

/// Where a tab keeps the id of the page it showed last (sessionStorage: one per tab, kept
/// across a reload).
const LEFT_PAGE_KEY: &str = "tenken/v1/left-page";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// This page is being left: its id stays with the tab for the page that follows.
pub fn leave_page(page: &str) {
    if let Some(s) = session() {
        s.set_item(LEFT_PAGE_KEY, page).ok();
    }
}

/// The id of the page this tab showed before this one, taken (once) from the tab.
pub fn take_left_page() -> Option<String> {
    let s = session()?;
    let page = s.get_item(LEFT_PAGE_KEY).ok().flatten();
    s.remove_item(LEFT_PAGE_KEY).ok();
    page
}

/// True when a storage key is an open mark of `draft`.
pub fn is_open_mark_of(key: &str, draft: &str) -> bool {
    key.strip_prefix(OPEN_PREFIX)
        .and_then(|r| r.split_once('/'))
        .is_some_and(|(d, _)| d == draft)
}

use crate::core::bundle::raw::RawBundle;
use crate::core::sign::SignedBundle;

/// Bundles being written in the 規則エディタ: `…/authoring/<project id>`.
const AUTHORING_PREFIX: &str = "tenken/v1/authoring/";

/// A bundle being written, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthoringEntry {
    /// The project's id.
    pub project: String,
    /// The bundle's id, title and 自治体 as written so far.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its 自治体.
    pub municipality: String,
    /// Items written.
    pub items: usize,
    /// Last saved (ISO 8601, JST).
    pub updated: String,
}

/// The stored form of a project: the bundle, when it was saved, the bundle 公開 last signed
/// from it, and the seals of its parts.
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredAuthoring {
    updated: String,
    bundle: RawBundle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<SignedBundle>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seals: Option<Seals>,
}

/// The kind of record a project is, in its seals.
const AUTHORING: &str = "authoring";

fn authoring_parts(raw: &RawBundle, published: Option<&SignedBundle>) -> seal::Parts {
    let published = published.and_then(|p| serde_json::to_value(p).ok());
    seal::authoring_parts(raw, published.as_ref())
}

/// A project as stored: the bundle being written and the bundle last published from it.
pub struct Project {
    /// The bundle, as written.
    pub raw: RawBundle,
    /// The signed bundle 公開 last made from it.
    pub published: Option<SignedBundle>,
    /// What its seals say.
    pub check: Check,
}

/// Keeps a bundle being written (and the bundle last published from it), sealed; `cache`
/// spares hashing the parts unchanged since the last save.
pub fn save_authoring(
    project: &str,
    raw: &RawBundle,
    published: Option<&SignedBundle>,
    now: &str,
    cache: &mut seal::SealCache,
) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    let seals = cache.seal_parts(
        &salt(&storage),
        AUTHORING,
        project,
        authoring_parts(raw, published),
    );
    let text = serde_json::to_string(&StoredAuthoring {
        updated: now.to_string(),
        bundle: raw.clone(),
        published: published.cloned(),
        seals: Some(seals),
    })
    .unwrap_or_default();
    storage
        .set_item(&format!("{AUTHORING_PREFIX}{project}"), &text)
        .map_err(|e| StorageIssue::WriteFailed(super::files::js_message(&e)))
}

/// A bundle being written, as stored (an unreadable entry counts as none), with what its
/// seals say.
pub fn load_authoring(project: &str) -> Option<Project> {
    let s = storage()?;
    let text = s.get_item(&format!("{AUTHORING_PREFIX}{project}")).ok()??;
    let stored = crate::core::tracked::from_str::<StoredAuthoring>(&text)?;
    let parts = authoring_parts(&stored.bundle, stored.published.as_ref());
    Some(Project {
        check: seal::check_parts(&salt(&s), AUTHORING, project, &parts, stored.seals.as_ref()),
        raw: stored.bundle,
        published: stored.published,
    })
}

/// Seals, once, the projects written before tenken sealed them (trust on first use).
pub fn seal_projects_on_first_use() {
    let Some(s) = storage() else { return };
    if kind_sealed(&s, AUTHORING) {
        return;
    }
    let salt = salt(&s);
    for key in keys(&s, AUTHORING_PREFIX) {
        let Some(mut stored) = s
            .get_item(&key)
            .ok()
            .flatten()
            .and_then(|t| crate::core::tracked::from_str::<StoredAuthoring>(&t))
        else {
            continue;
        };
        if stored.seals.is_some() {
            continue;
        }
        let parts = authoring_parts(&stored.bundle, stored.published.as_ref());
        stored.seals = Some(seal::seal_parts(
            &salt,
            AUTHORING,
            &key[AUTHORING_PREFIX.len()..],
            &parts,
        ));
        s.set_item(&key, &serde_json::to_string(&stored).unwrap_or_default())
            .ok();
    }
    sealed_kind(&s, AUTHORING);
}

/// Every bundle being written in this browser, newest first.
pub fn authoring_list() -> Vec<AuthoringEntry> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let mut out: Vec<AuthoringEntry> = keys(&s, AUTHORING_PREFIX)
        .into_iter()
        .filter_map(|key| {
            let text = s.get_item(&key).ok()??;
            let stored: StoredAuthoring = crate::core::tracked::from_str(&text)?;
            let b = stored.bundle;
            Some(AuthoringEntry {
                project: key[AUTHORING_PREFIX.len()..].to_string(),
                id: b.id.clone().unwrap_or_default(),
                title: b.title.clone().unwrap_or_default(),
                municipality: b
                    .municipality
                    .as_ref()
                    .and_then(|m| m.name.clone())
                    .unwrap_or_default(),
                items: b
                    .checklists
                    .iter()
                    .flat_map(|c| &c.sections)
                    .map(|s| s.items.len())
                    .sum(),
                updated: stored.updated,
            })
        })
        .collect();
    sort_by(&mut out, |a, b| b.updated.cmp(&a.updated));
    out
}

/// Deletes a bundle being written.
pub fn remove_authoring(project: &str) -> Result<(), StorageIssue> {
    let storage = storage().ok_or(StorageIssue::Unavailable)?;
    storage
        .remove_item(&format!("{AUTHORING_PREFIX}{project}"))
        .map_err(|e| StorageIssue::WriteFailed(super::files::js_message(&e)))
}
