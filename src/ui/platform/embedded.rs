//! The built-in bundles: compiled at build time from `policies/*/bundle.toml` and embedded
//! in the page by `tenken-pack` (`crate::page`) as two JSON blocks: `#tenken-summaries` (what
//! the list shows) and `#tenken-bundles` (the bundles, in the same order).
//!
//! They were validated at build time, so at start only the small summaries are read; the
//! bundles are parsed when one is first opened, and a bundle is validated (which also builds
//! its source index) when it is opened.

use std::sync::{Arc, OnceLock};

use crate::core::bundle::{self, Bundle, Summary};
use crate::core::{Problem, ProblemKind, Problems, document};

pub use crate::page::{BUNDLES_ID, SUMMARIES_ID};

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
fn read_array(id: &str) -> Result<Vec<serde_json::Value>, Problems> {
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.text_content())
        .unwrap_or_default();
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let one = |p: Problem| Problems(vec![p]);
    match document::parse_json(text.as_bytes(), 64 << 20).map_err(one)? {
        serde_json::Value::Array(list) => Ok(list),
        _ => Err(one(Problem::error(id, ProblemKind::NotADocument))),
    }
}

/// Reads the summaries of the embedded bundles, or why they cannot be read.
pub fn load() -> Result<Vec<Builtin>, Problems> {
    let values: Values = Arc::new(OnceLock::new());
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
            })
        })
        .collect()
}
