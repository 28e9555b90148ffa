//! Rule bundles (`tenken-bundle/1`): a municipality's 例規 turned into checklists.
//!
//! - [`raw`]: the wire format, as authored in TOML and compiled to JSON;
//! - [`validate`](validate::validate): from wire format to the [`Bundle`] model, every
//!   problem reported at once with its path;
//! - [`model`]: the validated bundle the app and CLI use;
//! - [`toml_out`]: the way back, a compiled bundle as the files an author writes
//!   ([`to_files`]: bundle.toml + source files), read again by [`from_files`].
//!
//! Reading goes: bytes → generic value (size and depth bounded) → `format` checked → wire
//! structure (unknown fields collected) → validated bundle. TOML is read natively and in the
//! browser alike.

pub mod limits;
pub mod lint;
pub mod model;
pub mod raw;
pub mod summary;
pub mod toml_out;
pub mod validate;

pub use model::*;
pub use raw::{FORMAT, RawBundle};
pub use summary::{ChecklistSummary, Summary};
pub use toml_out::{BundleFiles, ToTomlError, to_files};
pub use validate::{Validated, validate, validate_draft};

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
pub fn parse_toml(text: &str) -> Result<Parsed, Problems> {
    let value = document::parse_toml(text, MAX_BUNDLE_BYTES).map_err(|p| Problems(vec![p]))?;
    from_value(value)
}

/// Reads an authored bundle from the texts of its files, as picked together in the browser:
/// `toml_text` is bundle.toml's, and `files` holds `(file name, text)` of the others. Each
/// source's `text` names one of `files` (the first of that name); a name not among them is a
/// problem at `sources[ID].text`, reported with every other problem. The inverse of
/// [`to_files`].
pub fn from_files(toml_text: &str, files: &[(String, String)]) -> Result<Validated, Problems> {
    let mut parsed = parse_toml(toml_text)?;
    parsed.resolve_sources(|name| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, text)| text.clone())
            .ok_or_else(|| {
                "bundle.toml と一緒に選ばれていません / not among the files given with bundle.toml"
                    .to_string()
            })
    });
    parsed.validate()
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

/// The test bundle (`tests/fixtures/mini`), read but not validated, for tests across the core.
#[cfg(test)]
pub(crate) fn mini_raw() -> RawBundle {
    mini_parsed().raw
}

#[cfg(test)]
fn mini_parsed() -> Parsed {
    let mut parsed = parse_toml(include_str!("../../../tests/fixtures/mini/bundle.toml"))
        .expect("fixture parses");
    parsed.resolve_sources(|_| {
        Ok(include_str!("../../../tests/fixtures/mini/source.txt").to_string())
    });
    parsed
}

/// The test bundle (`tests/fixtures/mini`), validated, for tests across the core.
#[cfg(test)]
pub(crate) fn mini_bundle() -> Bundle {
    mini_parsed().validate().expect("fixture is valid").bundle
}

/// A bundle's identity as a person compares it: the first 16 hex digits of its SHA-256 in
/// groups of four (「3F2A-91C0-5B7E-0D14」), like a key's fingerprint. Empty for no hash.
pub fn hash_fingerprint(hash: &str) -> String {
    let mut out = String::with_capacity(19);
    for (i, c) in hash
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(16)
        .enumerate()
    {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = include_str!("../../../tests/fixtures/mini/bundle.toml");
    const SOURCE: &str = include_str!("../../../tests/fixtures/mini/source.txt");

    #[test]
    fn a_bundle_is_shown_by_a_fingerprint_of_its_hash() {
        assert_eq!(
            hash_fingerprint("3f2a91c05b7e0d14aaaa"),
            "3F2A-91C0-5B7E-0D14"
        );
        assert_eq!(hash_fingerprint("abc"), "ABC");
        assert_eq!(hash_fingerprint(""), "");
    }

    fn files(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn from_files_reads_what_was_picked_together() {
        let v =
            from_files(TOML, &files(&[("other.txt", "x"), ("source.txt", SOURCE)])).expect("valid");
        assert_eq!(v.bundle.hash, mini_bundle().hash);
        // the same bundle as its compiled form, and the same as to_files gives back
        let mut parsed = parse_toml(TOML).expect("parses");
        parsed.resolve_sources(|_| Ok(SOURCE.to_string()));
        let written = to_files(&parsed.raw).expect("writes");
        let again = from_files(&written.toml, &written.sources).expect("valid");
        assert_eq!(again.bundle.hash, v.bundle.hash);
        // a byte order mark at the start of the text is not part of it
        let bom = format!("\u{feff}{SOURCE}");
        let v = from_files(TOML, &files(&[("source.txt", &bom)])).expect("valid");
        assert_eq!(v.bundle.hash, again.bundle.hash);
    }

    #[test]
    fn from_files_names_a_missing_source_file_with_every_other_problem() {
        for given in [files(&[]), files(&[("Source.txt", SOURCE)])] {
            let toml = TOML.replace("scale = \"jisshi\"", "scale = \"maru\"");
            let Err(Problems(problems)) = from_files(&toml, &given) else {
                panic!("missing file accepted");
            };
            let missing: Vec<_> = problems
                .iter()
                .filter(|p| p.path == "sources[kisoku].text")
                .collect();
            assert_eq!(missing.len(), 1, "{problems:?}");
            assert!(
                matches!(&missing[0].kind, ProblemKind::File { name, .. } if name == "source.txt"),
                "{problems:?}"
            );
            // the other error is still reported; the quotes are not (there is no text)
            assert!(
                problems
                    .iter()
                    .any(|p| p.path == "checklists[tenken].sections[anzen].items[14].scale"),
                "{problems:?}"
            );
            assert!(
                !problems.iter().any(|p| p.path.ends_with(".quote")),
                "{problems:?}"
            );
        }
    }

    #[test]
    fn from_files_refuses_names_outside_the_folder_and_bad_toml() {
        let toml = TOML.replace("\"source.txt\"", "\"../source.txt\"");
        let Err(Problems(problems)) = from_files(&toml, &files(&[("../source.txt", SOURCE)]))
        else {
            panic!("path accepted");
        };
        assert!(problems.iter().any(|p| p.path == "sources[kisoku].text"));
        let Err(Problems(problems)) = from_files("format = ", &[]) else {
            panic!("syntax error accepted");
        };
        assert!(matches!(
            problems[0].kind,
            ProblemKind::Syntax {
                language: "TOML",
                ..
            }
        ));
        let big = "x".repeat(MAX_SOURCE_BYTES + 1);
        let Err(Problems(problems)) = from_files(TOML, &files(&[("source.txt", &big)])) else {
            panic!("large text accepted");
        };
        assert!(
            problems.iter().any(|p| p.path == "sources[kisoku].text"
                && matches!(p.kind, ProblemKind::TooLarge { .. }))
        );
    }
}
