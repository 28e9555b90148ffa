//! The built-in bundles: compiled at build time from `policies/*/bundle.toml` and embedded
//! in the page as `<script type="application/json" id="tenken-bundles">` (see
//! `src/bin/tenken-pack.rs`).
//!
//! They were validated at build time, so at start only their summaries are read; a bundle
//! is validated when it is opened (which also builds its source index).

use std::sync::{Arc, OnceLock};

use crate::core::bundle::{self, Bundle, Parsed, Summary};
use crate::core::{Problem, ProblemKind, Problems, document};

/// The id of the element holding the built-in bundles.
pub const ELEMENT_ID: &str = "tenken-bundles";

/// A built-in bundle: its summary, and the bundle once opened.
#[derive(Debug, Clone)]
pub struct Builtin {
    /// What the list shows.
    pub summary: Summary,
    parsed: Result<Parsed, Problems>,
    opened: Arc<OnceLock<Result<Arc<Bundle>, Problems>>>,
}

impl Builtin {
    /// Validates the bundle (once) and returns it, or its problems.
    pub fn open(&self) -> Result<Arc<Bundle>, Problems> {
        self.opened
            .get_or_init(|| match &self.parsed {
                Ok(parsed) => parsed.clone().validate().map(|v| Arc::new(v.bundle)),
                Err(problems) => Err(problems.clone()),
            })
            .clone()
    }
}

/// Reads the embedded bundles: their summaries, or why the embedded data cannot be read.
pub fn load() -> Result<Vec<Builtin>, Problems> {
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ELEMENT_ID))
        .and_then(|el| el.text_content())
        .unwrap_or_default();
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let one = |p: Problem| Problems(vec![p]);
    let list = match document::parse_json(text.as_bytes(), 64 << 20).map_err(one)? {
        serde_json::Value::Array(list) => list,
        _ => return Err(one(Problem::error(ELEMENT_ID, ProblemKind::NotADocument))),
    };
    Ok(list
        .into_iter()
        .map(|value| {
            let parsed = bundle::from_value(value);
            let summary = match &parsed {
                Ok(p) => Summary::of(&p.raw),
                Err(_) => Summary::of(&Default::default()),
            };
            Builtin {
                summary,
                parsed,
                opened: Arc::new(OnceLock::new()),
            }
        })
        .collect())
}
