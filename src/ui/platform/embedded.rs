//! The built-in bundles: compiled at build time from `policies/*/bundle.toml` and embedded
//! in the page by `tenken-pack` (`crate::page`) as two JSON blocks: `#tenken-summaries` (what
//! the list shows) and `#tenken-bundles` (the bundles, in the same order).
//!
//! They were validated at build time, so at start only the small summaries are read; the
//! bundles are parsed when one is first opened, and a bundle is validated (which also builds
//! its source index) when it is opened.

use std::sync::{Arc, OnceLock};

use crate::core::bundle::{self, Bundle, Summary};
use crate::core::canonical::value_to_canonical_json;
use crate::core::sign::{BundleSignature, Provenance, Publisher};
use crate::core::{Problem, ProblemKind, Problems, document};
use crate::page::publish::Publishing;

pub use crate::page::{BUNDLES_ID, PUBLISHING_ID, SUMMARIES_ID};

/// The embedded bundles as JSON values, parsed once on first use.
type Values = Arc<OnceLock<Result<Vec<serde_json::Value>, Problems>>>;

/// A built-in bundle: its summary, and the bundle once opened.
#[derive(Debug, Clone)]
pub struct Builtin {
    /// What the list shows.
    pub summary: Summary,
    index: usize,
    values: Values,
    opened: Arc<OnceLock<Result<Arc<Bundle>, Problems>>>,
    /// Its signature, in a published file.
    signature: Option<BundleSignature>,
    /// Whether the page carries publishing (a file published by 情報担当課).
    published_file: bool,
    provenance: Arc<OnceLock<Provenance>>,
}

impl Builtin {
    /// Validates the bundle (once) and returns it, or its problems.
    pub fn open(&self) -> Result<Arc<Bundle>, Problems> {
        self.opened
            .get_or_init(|| {
                let values = self.values.get_or_init(|| read_array(BUNDLES_ID)).clone()?;
                let value = values
                    .into_iter()
                    .nth(self.index)
                    .ok_or_else(|| missing(BUNDLES_ID))?;
                let validated = bundle::from_value(value)?.validate()?;
                Ok(Arc::new(validated.bundle))
            })
            .clone()
    }
}

impl Builtin {
    /// Whether this is one of tenken's samples: every built-in bundle of the file the build
    /// makes; in a published file, those 情報担当課 included as samples. The others are the
    /// municipality's own.
    pub fn is_sample(&self) -> bool {
        !self.published_file || publishing().samples.contains(&self.index)
    }

    /// Whether this is the bundle its publisher issued (checked once). In the file the build
    /// makes, built-in bundles are tenken's samples; in a published file, each is checked
    /// against the publishers the file carries.
    pub fn provenance(&self) -> Provenance {
        if !ready() {
            // (the bundles are still being inflated: nothing to check yet)
            return Provenance::Unsigned;
        }
        self.provenance
            .get_or_init(|| {
                if self.is_sample() {
                    return Provenance::Sample;
                }
                let Some(signature) = &self.signature else {
                    return Provenance::Unsigned;
                };
                let canonical = self
                    .values
                    .get_or_init(|| read_array(BUNDLES_ID))
                    .as_ref()
                    .ok()
                    .and_then(|v| v.get(self.index))
                    .and_then(|v| value_to_canonical_json(v).ok())
                    .unwrap_or_default();
                signature.provenance(&canonical, &publishing().publishers)
            })
            .clone()
    }

    /// The bundle's canonical JSON and its signature, to publish it again.
    pub fn canonical(&self) -> Option<(Vec<u8>, Option<BundleSignature>)> {
        let values = self.values.get_or_init(|| read_array(BUNDLES_ID));
        let value = values.as_ref().ok()?.get(self.index)?;
        Some((value_to_canonical_json(value).ok()?, self.signature.clone()))
    }
}

/// What the page carries as published by 情報担当課 (empty in the file the build makes).
pub fn publishing() -> Publishing {
    static CARRIED: OnceLock<Publishing> = OnceLock::new();
    CARRIED
        .get_or_init(|| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(PUBLISHING_ID))
                .and_then(|el| el.text_content())
                .and_then(|t| document::parse_json(t.as_bytes(), 1 << 20).ok())
                .and_then(|v| crate::core::tracked::deserialize(&v).ok())
                .unwrap_or_default()
        })
        .clone()
}

/// Whether this page is a file published by 情報担当課.
pub fn is_published_file() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PUBLISHING_ID))
        .is_some()
}

/// The publishers this page trusts.
pub fn carried_publishers() -> Vec<Publisher> {
    publishing().publishers
}

fn missing(id: &str) -> Problems {
    Problems(vec![Problem::error(id, ProblemKind::Missing)])
}

/// True once the page's bootstrap has put the bundles in place (the single file inflates
/// them while the app starts).
pub fn ready() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(BUNDLES_ID))
        .is_some_and(|el| el.has_attribute("data-ready"))
}

/// The JSON array in the element `id` (an absent or empty element is an empty array).
/// The single file writes the summaries as their UTF-8 bytes, one character per byte, its
/// `data-length` stating how many (see [`crate::page::bytes`]).
fn read_array(id: &str) -> Result<Vec<serde_json::Value>, Problems> {
    let one = |p: Problem| Problems(vec![p]);
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    // the page could not inflate them (bootstrap.js): that is their status
    if let Some(message) = el.as_ref().and_then(|el| el.get_attribute("data-error")) {
        let name = "組込みの規則 / built-in bundles".to_string();
        return Err(one(Problem::error(id, ProblemKind::File { name, message })));
    }
    let mut text = el
        .as_ref()
        .and_then(|el| el.text_content())
        .unwrap_or_default();
    if let Some(length) = el.and_then(|el| el.get_attribute("data-length")) {
        text = length
            .parse()
            .ok()
            .and_then(|n| crate::page::bytes::decode_8bit(&text, n))
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or_else(|| one(Problem::error(id, ProblemKind::NotADocument)))?;
    }
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    match document::parse_json(text.as_bytes(), 64 << 20).map_err(one)? {
        serde_json::Value::Array(list) => Ok(list),
        _ => Err(one(Problem::error(id, ProblemKind::NotADocument))),
    }
}

/// Reads the summaries of the embedded bundles, or why they cannot be read.
pub fn load() -> Result<Vec<Builtin>, Problems> {
    let values: Values = Arc::new(OnceLock::new());
    let carried = publishing();
    let published_file = is_published_file();
    read_array(SUMMARIES_ID)?
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let summary = document::from_value::<Summary>(&value)
                .map(|(s, _)| s)
                .map_err(|mut p| {
                    p.path = format!("{SUMMARIES_ID}[{index}].{}", p.path);
                    Problems(vec![p])
                })?;
            Ok(Builtin {
                summary,
                index,
                values: values.clone(),
                opened: Arc::new(OnceLock::new()),
                signature: carried.signatures.get(index).cloned().flatten(),
                published_file,
                provenance: Arc::new(OnceLock::new()),
            })
        })
        .collect()
}
