//! Rule bundles (`tenken-bundle/1`): a municipality's 例規 turned into checklists.
//!
//! - [`raw`]: the wire format, as authored in TOML and compiled to JSON;
//! - [`validate`](validate::validate): from wire format to the [`Bundle`] model, every
//!   problem reported at once with its path;
//! - [`model`]: the validated bundle the app and CLI use.
//!
//! Reading goes: bytes → generic value (size and depth bounded) → `format` checked → wire
//! structure (unknown fields collected) → validated bundle.

pub mod limits;
pub mod model;
pub mod raw;
pub mod summary;
pub mod validate;

pub use model::*;
pub use raw::{FORMAT, RawBundle};
pub use summary::{ChecklistSummary, Summary};
pub use validate::{Validated, validate};

use crate::core::document;
use crate::core::problem::{Problem, ProblemKind, Problems};

/// The largest bundle file accepted (compiled JSON with its texts, or bundle.toml).
pub const MAX_BUNDLE_BYTES: usize = 4 * 1024 * 1024;

/// The largest regulation text accepted for one source.
pub const MAX_SOURCE_BYTES: usize = 2 * 1024 * 1024;

/// A parsed, not yet validated bundle and the unknown fields met while parsing.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The wire structure.
    pub raw: RawBundle,
    /// Unknown fields (errors, reported with the validator's).
    pub problems: Vec<Problem>,
}

/// Parses a compiled bundle already read as a JSON value.
pub fn from_value(value: serde_json::Value) -> Result<Parsed, Problems> {
    document::check_format(&value, FORMAT).map_err(|p| Problems(vec![p]))?;
    let (raw, problems) =
        document::from_value::<RawBundle>(&value).map_err(|p| Problems(vec![p]))?;
    Ok(Parsed { raw, problems })
}

/// Parses a compiled bundle (JSON).
pub fn parse_json(bytes: &[u8]) -> Result<Parsed, Problems> {
    let value = document::parse_json(bytes, MAX_BUNDLE_BYTES).map_err(|p| Problems(vec![p]))?;
    from_value(value)
}

/// Parses an authored bundle (TOML); its sources' `text` are still file names
/// (see [`Parsed::resolve_sources`]).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_toml(text: &str) -> Result<Parsed, Problems> {
    let value = document::parse_toml(text, MAX_BUNDLE_BYTES).map_err(|p| Problems(vec![p]))?;
    from_value(value)
}

impl Parsed {
    /// Replaces each source's file name with the file's text, read by `read` (which the
    /// caller implements: core does no I/O). Names must be plain file names next to the
    /// bundle (no directories), so a bundle cannot read files elsewhere.
    pub fn resolve_sources(&mut self, mut read: impl FnMut(&str) -> Result<String, String>) {
        for (i, source) in self.raw.sources.iter_mut().enumerate() {
            let path = match source.id.as_deref() {
                Some(id) if !id.is_empty() => format!("sources[{id}].text"),
                _ => format!("sources[{i}].text"),
            };
            let Some(name) = source.text.clone() else {
                continue;
            };
            let plain = !name.is_empty()
                && !name.starts_with('.')
                && !name.contains(['/', '\\', ':'])
                && name.chars().all(|c| !c.is_control());
            let result = if plain {
                read(&name)
            } else {
                Err("同じフォルダのファイル名だけを書けます / only a file name next to bundle.toml is allowed".into())
            };
            match result {
                Ok(text) if text.len() > MAX_SOURCE_BYTES => self.problems.push(Problem::error(
                    path,
                    ProblemKind::TooLarge {
                        size: text.len(),
                        max: MAX_SOURCE_BYTES,
                    },
                )),
                Ok(text) => {
                    source.text = Some(text.strip_prefix('\u{feff}').unwrap_or(&text).to_string())
                }
                Err(message) => {
                    // the validator then skips this source's quotes instead of failing each
                    source.text = None;
                    self.problems
                        .push(Problem::error(path, ProblemKind::File { name, message }))
                }
            }
        }
    }

    /// Validates, merging the parse problems with the validator's.
    pub fn validate(self) -> Result<Validated, Problems> {
        let mut parse_problems = self.problems;
        match validate(&self.raw) {
            Ok(v) if parse_problems.is_empty() => Ok(v),
            Ok(v) => {
                parse_problems.extend(v.warnings.0);
                Err(Problems(parse_problems))
            }
            Err(Problems(more)) => {
                // a place already reported while parsing (an unreadable file) is not repeated
                let more: Vec<_> = more
                    .into_iter()
                    .filter(|p| !parse_problems.iter().any(|q| q.path == p.path))
                    .collect();
                parse_problems.extend(more);
                Err(Problems(parse_problems))
            }
        }
    }
}

impl Bundle {
    /// Reads and validates a compiled bundle.
    pub fn from_json(bytes: &[u8]) -> Result<Validated, Problems> {
        parse_json(bytes)?.validate()
    }
}

/// The test bundle (`tests/fixtures/mini`), validated, for tests across the core.
#[cfg(test)]
pub(crate) fn mini_bundle() -> Bundle {
    let mut parsed = parse_toml(include_str!("../../../tests/fixtures/mini/bundle.toml"))
        .expect("fixture parses");
    parsed.resolve_sources(|_| {
        Ok(include_str!("../../../tests/fixtures/mini/source.txt").to_string())
    });
    parsed.validate().expect("fixture is valid").bundle
}
