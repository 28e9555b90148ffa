//! The bundles this app knows: built into the page, and opened from files and kept in this
//! browser (so that a draft of a bundle opened from a file can be resumed without finding
//! the file again).
//!
//! A kept bundle is stored as its canonical JSON under its SHA-256. When it is read back it
//! is validated again and its hash recomputed: a copy changed in storage (another local page
//! can write there) is refused, never used. Its list entry (name, version, file, signature)
//! is sealed ([`crate::core::seal`]): an entry not as tenken wrote it is reported.

use crate::core::id_map::IdMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Message;
use crate::core::bundle::{self, Bundle};
use crate::core::draft::BundleRef;
use crate::core::problem::{Problem, ProblemKind, Problems};
use crate::core::sign::{BundleSignature, Provenance};
use crate::ui::platform::clock;
use crate::ui::platform::embedded::{self, Builtin};
use crate::ui::platform::storage::{self, KeptBundle, StorageIssue};

/// The known bundles, shared through context.
#[derive(Clone, Copy)]
pub struct Bundles {
    /// The bundles embedded in the page, or why they cannot be read.
    pub builtins: StoredValue<Result<Vec<Builtin>, Problems>>,
    /// The bundles kept from files, newest first.
    pub kept: RwSignal<Vec<KeptBundle>>,
    /// Kept bundles (hashes) whose list entry tenken did not write as it is: changed by
    /// another page, or never written by tenken.
    pub outside: RwSignal<Vec<String>>,
    opened: StoredValue<IdMap<Arc<Bundle>>>,
}

/// A bundle opened from a file: the bundle, and what keeping it found.
pub struct FromFile {
    /// The validated bundle.
    pub bundle: Arc<Bundle>,
    /// A kept bundle with the same id whose content differs (the file changed).
    pub differs_from: Option<KeptBundle>,
    /// Why it could not be kept (storage full or blocked): its drafts then need the file.
    pub not_kept: Option<StorageIssue>,
    /// Whether it is the bundle its publisher issued.
    pub provenance: Provenance,
}

/// The TOML reader, in 情報担当課's file only ([`accept_toml`]): the 課長's file opens
/// compiled bundles, and its wasm holds no TOML reader.
static TOML: std::sync::OnceLock<crate::core::picked::TomlReader> = std::sync::OnceLock::new();

/// Lets 「規則ファイルを開く」 read an authored bundle.toml with its source texts.
pub fn accept_toml(reader: crate::core::picked::TomlReader) {
    TOML.set(reader).ok();
}

/// The TOML reader, if this file has one.
pub fn toml_reader() -> Option<crate::core::picked::TomlReader> {
    TOML.get().copied()
}

impl Bundles {
    /// The bundles of this page.
    pub fn new(builtins: Result<Vec<Builtin>, Problems>) -> Bundles {
        let (kept, outside) = storage::kept_bundles();
        Bundles {
            builtins: StoredValue::new(builtins),
            kept: RwSignal::new(kept),
            outside: RwSignal::new(outside),
            opened: StoredValue::new(IdMap::new()),
        }
    }

    /// Reads the kept bundles' list again (after keeping or forgetting one).
    fn reread(&self) {
        let (kept, outside) = storage::kept_bundles();
        self.kept.set(kept);
        self.outside.set(outside);
    }

    fn builtin_list(&self) -> Vec<Builtin> {
        self.builtins.get_value().unwrap_or_default()
    }

    /// A bundle by id whose hash starts with `hash` (any version when `hash` is empty):
    /// built-in first, then kept ones. `None` while the page is still inflating its bundles.
    pub fn find(&self, id: &str, hash: &str) -> Option<Arc<Bundle>> {
        let matches = |b: &Bundle| b.id == id && b.hash.starts_with(hash);
        if embedded::ready() {
            for b in self.builtin_list().iter().filter(|b| b.summary.id == id) {
                if let Ok(bundle) = b.open()
                    && matches(&bundle)
                {
                    return Some(bundle);
                }
            }
        }
        let kept: Vec<KeptBundle> = self.kept.get_untracked();
        kept.iter()
            .filter(|k| k.id == id && k.hash.starts_with(hash))
            .find_map(|k| self.open_kept(&k.hash).ok())
    }

    /// The bundle a draft answers: the same content if known, else the same bundle in
    /// another version (the draft then says it was made with another version).
    pub fn for_draft(&self, r: &BundleRef) -> Option<Arc<Bundle>> {
        self.find(&r.id, &r.hash).or_else(|| self.find(&r.id, ""))
    }

    /// Reads a kept bundle back, checking that it is still what was kept.
    pub fn open_kept(&self, hash: &str) -> Result<Arc<Bundle>, Problems> {
        if let Some(b) = self.opened.with_value(|m| m.get(hash).cloned()) {
            return Ok(b);
        }
        let one = |kind| Problems(vec![Problem::error("", kind)]);
        let json = storage::kept_bundle_json(hash).ok_or_else(|| one(ProblemKind::Missing))?;
        let validated = Bundle::from_json(json.as_bytes())?;
        if validated.bundle.hash != hash {
            return Err(one(ProblemKind::File {
                name: hash.get(..12).unwrap_or(hash).to_string(),
                message: "保存した規則が書き換えられています。元の規則ファイルを開き直してください / the kept bundle was changed in storage; open the file again".into(),
            }));
        }
        let bundle = Arc::new(validated.bundle);
        self.opened
            .update_value(|m| drop(m.insert(hash.to_string(), bundle.clone())));
        Ok(bundle)
    }

    /// Validates a bundle file's bytes and keeps it in this browser.
    pub fn open_file(&self, name: &str, bytes: &[u8]) -> Result<FromFile, Problems> {
        let (parsed, signature) = crate::core::picked::parse_json_signed(bytes)?;
        self.open_parsed(name, parsed, signature)
    }

    /// Validates the bundle among files picked together (a JSON file, or bundle.toml with its
    /// source texts) and keeps it in this browser, compiled.
    pub fn open_picked(
        &self,
        files: &[crate::core::picked::PickedFile],
    ) -> Result<FromFile, Problems> {
        let picked = crate::core::picked::read_picked_with(files, toml_reader())?;
        self.open_parsed(&picked.name, picked.parsed, picked.signature)
    }

    /// Whether a known bundle is the one its publisher issued: a built-in one as the page
    /// carries it, a kept one by the signature it was opened with, checked against the
    /// publishers this page carries.
    pub fn provenance(&self, bundle: &Bundle) -> Provenance {
        let hash = bundle.hash.as_str();
        if embedded::ready()
            && let Some(b) = self.builtin_list().into_iter().find(|b| {
                b.summary.id == bundle.id
                    && b.summary.version == bundle.version.to_string()
                    && b.open().is_ok_and(|opened| opened.hash == hash)
            })
        {
            return b.provenance();
        }
        let kept = self
            .kept
            .with_untracked(|k| k.iter().find(|k| k.hash == hash).cloned());
        match kept.and_then(|k| k.signed) {
            Some(sig) => {
                let json = storage::kept_bundle_json(hash).unwrap_or_default();
                sig.provenance(json.as_bytes(), &embedded::carried_publishers())
            }
            None => Provenance::Unsigned,
        }
    }

    fn open_parsed(
        &self,
        name: &str,
        parsed: bundle::Parsed,
        signature: Option<BundleSignature>,
    ) -> Result<FromFile, Problems> {
        let canonical = parsed.raw.to_canonical_json().unwrap_or_default();
        let validated = parsed.validate()?;
        let b = Arc::new(validated.bundle);
        let entry = KeptBundle {
            hash: b.hash.clone(),
            id: b.id.clone(),
            municipality: b.municipality.name.clone(),
            title: b.title.clone(),
            version: b.version.to_string(),
            file: name.to_string(),
            kept: clock::now(),
            signed: signature.clone(),
            seal: None,
        };
        let provenance = match &signature {
            Some(sig) => sig.provenance(&canonical, &embedded::carried_publishers()),
            None => Provenance::Unsigned,
        };
        let differs_from = self
            .kept
            .with_untracked(|k| k.iter().find(|k| k.id == b.id && k.hash != b.hash).cloned());
        let text = String::from_utf8(canonical).unwrap_or_default();
        // a bundle whose signature fails is not what its publisher issued: refused, not kept
        if matches!(provenance, Provenance::Tampered { .. }) {
            return Err(Problems(vec![Problem::error(
                "signature",
                ProblemKind::File {
                    name: name.to_string(),
                    message: provenance.both(),
                },
            )]));
        }
        let not_kept = storage::keep_bundle(&entry, &text).err();
        self.reread();
        self.opened
            .update_value(|m| drop(m.insert(b.hash.clone(), b.clone())));
        Ok(FromFile {
            bundle: b,
            differs_from,
            not_kept,
            provenance,
        })
    }

    /// Forgets a kept bundle (its drafts stay, and need the file again).
    pub fn forget(&self, hash: &str) -> Result<(), StorageIssue> {
        let r = storage::forget_bundle(hash);
        self.opened.update_value(|m| drop(m.remove(hash)));
        self.reread();
        r
    }
}
