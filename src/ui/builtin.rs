//! The built-in bundles: compiled at build time from `policies/*/bundle.toml` and embedded
//! in the page as `<script type="application/json" id="tenken-bundles">` (see
//! `src/bin/tenken-pack.rs`).

use std::sync::Arc;

use crate::core::bundle::{self, Bundle};
use crate::core::{Problem, ProblemKind, Problems, document};

/// The id of the element holding the built-in bundles.
pub const ELEMENT_ID: &str = "tenken-bundles";

/// A built-in bundle, or why it could not be used.
#[derive(Debug, Clone)]
pub enum Builtin {
    /// Ready to use.
    Ready(Arc<Bundle>),
    /// Present but invalid (cannot happen with a checked build; reported, not hidden).
    Invalid { name: String, problems: Problems },
}

/// Reads and validates the embedded bundles.
pub fn load() -> Vec<Builtin> {
    let text = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(ELEMENT_ID))
        .and_then(|el| el.text_content())
        .unwrap_or_default();
    if text.trim().is_empty() {
        return Vec::new();
    }
    let list = match document::parse_json(text.as_bytes(), 64 << 20) {
        Ok(serde_json::Value::Array(list)) => list,
        Ok(_) => {
            let p = Problem::error(ELEMENT_ID, ProblemKind::NotADocument);
            return vec![Builtin::Invalid {
                name: "組込み規則".into(),
                problems: Problems(vec![p]),
            }];
        }
        Err(p) => {
            return vec![Builtin::Invalid {
                name: "組込み規則".into(),
                problems: Problems(vec![p]),
            }];
        }
    };
    list.into_iter()
        .enumerate()
        .map(|(i, value)| {
            let name = value
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or_else(|| format!("#{i}"));
            match bundle::from_value(value).and_then(|p| p.validate()) {
                Ok(v) => Builtin::Ready(Arc::new(v.bundle)),
                Err(problems) => Builtin::Invalid { name, problems },
            }
        })
        .collect()
}
