//! Writing a bundle back as the files an author writes: `bundle.toml` and one text file per
//! source, so that reading them again ([`super::from_files`], or `load::load` on a folder)
//! gives the same compiled bundle, byte for byte, and so the same SHA-256.
//!
//! The emitter works on the serialised wire form (a JSON value), not on the Rust types, so a
//! field added to the format later is written without changing this module:
//!
//! - an array of tables at the top level becomes `[[name]]` (`[[sources]]`, `[[scales]]`,
//!   `[[checklists]]`, and any new one); inside a checklist, `profile` and `sections` become
//!   `[[checklists.profile]]` and `[[checklists.sections]]`, and a section's `items`
//!   `[[checklists.sections.items]]`;
//! - every other table is written inline (`municipality = { … }`), and every other array of
//!   tables as an inline array (`cite = [{ … }]`), one table a line when there are several
//!   and they do not fit in 100 columns;
//! - keys follow the order of the format (`id`, `title`, … as in policies/README.md), keys
//!   the format does not know yet come after them, alphabetically;
//! - `version` and `amended.from` are written as TOML dates (`2015-10-05`), which read back
//!   as the same text.
//!
//! Strings are TOML basic strings: quotes, backslashes, control characters and characters a
//! reader cannot see ([`crate::core::name::is_hidden`]: zero-width, bidi controls, U+2028, …)
//! are escaped, so what a person reviews is what tenken reads. A string holding a line break
//! is written as a multi-line string when it is the value of a table's own key.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::raw::RawBundle;
use crate::core::message::Message;
use crate::core::name::is_hidden;

/// The name of the bundle file in a bundle folder.
pub const BUNDLE_FILE: &str = "bundle.toml";

/// The name of the text file of a bundle's only source.
pub const SINGLE_SOURCE_FILE: &str = "source.txt";

/// A bundle as the files an author keeps in its folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFiles {
    /// The text of `bundle.toml`.
    pub toml: String,
    /// Each source's text file, `(file name, text)`, in the order of `[[sources]]`; the
    /// TOML names each file in its source's `text`. A source without a text has no file.
    pub sources: Vec<(String, String)>,
}

/// Why a bundle cannot be written as TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToTomlError {
    /// A value TOML has no way to write (`null`, an integer beyond 64-bit signed).
    Unrepresentable {
        /// Where, as the validator names places (`scales[jisshi].options[na].conforming`).
        path: String,
        /// What the value is.
        what: &'static str,
    },
    /// A source whose text needs a file of its own but whose `id` cannot name one (missing,
    /// not `[A-Za-z0-9_-]`, or the same file as another source's).
    SourceFileName {
        /// `sources[…].id`.
        path: String,
        /// The id as written (empty when missing).
        id: String,
    },
    /// The bundle could not be serialised at all.
    Serialise(String),
}

impl Message for ToTomlError {
    fn message_ja(&self) -> String {
        match self {
            ToTomlError::Unrepresentable { path, what } => {
                format!("{path}: TOML で書けない値（{what}）です")
            }
            ToTomlError::SourceFileName { path, id } => format!(
                "{path}: 例規の id「{id}」から本文のファイル名を作れません（英数字・-・_ で、他の例規と異なる id にしてください）"
            ),
            ToTomlError::Serialise(e) => format!("規則ファイルを書き出せません（{e}）"),
        }
    }

    fn message_en(&self) -> String {
        match self {
            ToTomlError::Unrepresentable { path, what } => {
                format!("{path}: TOML cannot hold this value ({what})")
            }
            ToTomlError::SourceFileName { path, id } => format!(
                "{path}: the source id \"{id}\" cannot name its text file (use letters, digits, - and _, unique among the sources)"
            ),
            ToTomlError::Serialise(e) => format!("cannot serialise the bundle: {e}"),
        }
    }
}

impl std::fmt::Display for ToTomlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.both())
    }
}

impl std::error::Error for ToTomlError {}

/// Writes a compiled bundle (its sources' `text` holding the texts) as `bundle.toml` and
/// its source files: `source.txt` for a single source, else `<source id>.txt` each.
pub fn to_files(raw: &RawBundle) -> Result<BundleFiles, ToTomlError> {
    let mut value = serde_json::to_value(raw).map_err(|e| ToTomlError::Serialise(e.to_string()))?;
    let Value::Object(root) = &mut value else {
        return Err(ToTomlError::Serialise("not an object".into()));
    };
    let sources = take_source_texts(root)?;
    let mut out = String::new();
    table(&mut out, root, None, "")?;
    Ok(BundleFiles { toml: out, sources })
}

/// Replaces each source's text with the name of the file that will hold it.
fn take_source_texts(root: &mut Map<String, Value>) -> Result<Vec<(String, String)>, ToTomlError> {
    let Some(Value::Array(sources)) = root.get_mut("sources") else {
        return Ok(Vec::new());
    };
    let single = sources.len() == 1;
    let mut files: Vec<(String, String)> = Vec::new();
    for (i, source) in sources.iter_mut().enumerate() {
        let Value::Object(source) = source else {
            continue;
        };
        let id = source.get("id").and_then(Value::as_str).unwrap_or("");
        let path = if id.is_empty() {
            format!("sources[{i}].id")
        } else {
            format!("sources[{id}].id")
        };
        let Some(Value::String(text)) = source.get("text") else {
            continue;
        };
        let name = if single {
            SINGLE_SOURCE_FILE.to_string()
        } else {
            let plain = !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            let name = format!("{id}.txt");
            // case-insensitive: the folder may be on a file system that folds case
            if !plain || files.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
                return Err(ToTomlError::SourceFileName {
                    path,
                    id: id.to_string(),
                });
            }
            name
        };
        // the reader drops one leading byte order mark; a text that starts with one keeps it
        let file_text = if text.starts_with('\u{feff}') {
            format!("\u{feff}{text}")
        } else {
            text.clone()
        };
        files.push((name.clone(), file_text));
        source.insert("text".into(), Value::String(name));
    }
    Ok(files)
}

/// The order of keys in a table: the format's, for every table of the format at once (no two
/// of its tables order the same keys differently); unknown keys follow, alphabetically.
const KEY_ORDER: &[&str] = &[
    "format",
    "id",
    "version",
    "amended",
    "from",
    "kind",
    "title",
    "respondent",
    "report_to",
    "name",
    "code",
    "municipality",
    "number",
    "text",
    "label",
    "conforming",
    "reference",
    "type",
    "options",
    "help",
    "when",
    "scale",
    "guidance",
    "evidence",
    "source",
    "article",
    "paragraph",
    "item",
    "quote",
    "note",
    "reason",
    "basis",
    "description",
    "cite",
    "sources",
    "scales",
    "checklists",
    "profile",
    "sections",
    "items",
];

/// Arrays of tables below the top level written as `[[…]]` rather than inline.
const NESTED_TABLE_ARRAYS: &[&str] = &[
    "checklists.profile",
    "checklists.sections",
    "checklists.sections.items",
];

fn ordered(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    // the map iterates alphabetically, and the sort is stable
    entries.sort_by_key(|(k, _)| {
        KEY_ORDER
            .iter()
            .position(|o| o == k)
            .unwrap_or(KEY_ORDER.len())
    });
    entries
}

/// `path` extended by `key`, as the validator writes places.
fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `path` extended by element `i`, named by its `id` when it has one.
fn element(path: &str, i: usize, value: &Value) -> String {
    match value.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => format!("{path}[{id}]"),
        _ => format!("{path}[{i}]"),
    }
}

/// Writes a table's keys: its plain values first, then its arrays of tables, each element
/// under a `[[header]]` after one blank line. `header` is the table's dotted name (`None` at
/// the top level).
fn table(
    out: &mut String,
    map: &Map<String, Value>,
    header: Option<&str>,
    path: &str,
) -> Result<(), ToTomlError> {
    let mut arrays = Vec::new();
    for (key, value) in ordered(map) {
        let name = match header {
            None => key.clone(),
            Some(h) => format!("{h}.{key}"),
        };
        let tables = match value {
            Value::Array(a) => !a.is_empty() && a.iter().all(Value::is_object),
            _ => false,
        };
        // a dotted header needs every part to be a bare key (`id`s are), else inline
        let as_tables = tables
            && bare(key)
            && (header.is_none() || NESTED_TABLE_ARRAYS.contains(&name.as_str()));
        if as_tables {
            arrays.push((name, key, value));
            continue;
        }
        let here = child(path, key);
        out.push_str(&write_key(key));
        out.push_str(" = ");
        match value {
            Value::String(s) if header.is_none() && key == "version" && is_toml_date(s) => {
                out.push_str(s)
            }
            Value::String(s) if s.contains('\n') => multi_line(out, s),
            Value::Array(a)
                if a.len() > 1 && a.iter().any(Value::is_object) && {
                    let mut line = String::new();
                    inline(&mut line, value, &here)?;
                    width(key) + 3 + width(&line) > LINE_WIDTH
                } =>
            {
                out.push_str("[\n");
                for (i, v) in a.iter().enumerate() {
                    out.push_str("  ");
                    inline(out, v, &element(&here, i, v))?;
                    out.push_str(",\n");
                }
                out.push(']');
            }
            other => inline(out, other, &here)?,
        }
        out.push('\n');
    }
    for (name, key, value) in arrays {
        let here = child(path, key);
        for (i, v) in value.as_array().into_iter().flatten().enumerate() {
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "[[{name}]]");
            if let Value::Object(m) = v {
                table(out, m, Some(&name), &element(&here, i, v))?;
            }
        }
    }
    Ok(())
}

/// The width past which an array of several tables is written one table a line.
const LINE_WIDTH: usize = 100;

/// Columns `s` takes in a fixed-width font (a non-ASCII character counted as two).
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// Writes a value on one line.
fn inline(out: &mut String, value: &Value, path: &str) -> Result<(), ToTomlError> {
    match value {
        Value::Null => {
            return Err(ToTomlError::Unrepresentable {
                path: path.to_string(),
                what: "null",
            });
        }
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                let _ = write!(out, "{i}");
            } else if n.is_u64() {
                return Err(ToTomlError::Unrepresentable {
                    path: path.to_string(),
                    what: "integer > 2^63 - 1",
                });
            } else {
                // shortest text that reads back as the same f64; always a TOML float
                let f = n.as_f64().unwrap_or_default();
                let text = format!("{f:?}");
                out.push_str(&text);
                if !text.contains(['.', 'e', 'E']) {
                    out.push_str(".0");
                }
            }
        }
        Value::String(s) => basic_string(out, s),
        Value::Array(a) => {
            out.push('[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                inline(out, v, &element(path, i, v))?;
            }
            out.push(']');
        }
        Value::Object(m) if m.is_empty() => out.push_str("{}"),
        Value::Object(m) => {
            out.push_str("{ ");
            for (i, (k, v)) in ordered(m).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&write_key(k));
                out.push_str(" = ");
                match v {
                    // `amended.from`, a date as `version` is
                    Value::String(s) if k == "from" && is_toml_date(s) => out.push_str(s),
                    _ => inline(out, v, &child(path, k))?,
                }
            }
            out.push_str(" }");
        }
    }
    Ok(())
}

/// True for a key TOML reads without quotes.
fn bare(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn write_key(key: &str) -> String {
    if bare(key) {
        key.to_string()
    } else {
        let mut s = String::new();
        basic_string(&mut s, key);
        s
    }
}

/// A `YYYY-MM-DD` that TOML reads as a local date and gives back as the same text.
fn is_toml_date(s: &str) -> bool {
    crate::core::date::Date::parse_iso(s).is_some()
}

/// Appends the escape for `c`, if it needs one in a basic string.
fn escape(out: &mut String, c: char) -> bool {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        c if is_hidden(c) => {
            let _ = if (c as u32) <= 0xFFFF {
                write!(out, "\\u{:04X}", c as u32)
            } else {
                write!(out, "\\U{:08X}", c as u32)
            };
        }
        _ => return false,
    }
    true
}

/// `"…"`, every character TOML forbids or a reader cannot see escaped.
fn basic_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if !escape(out, c) {
            out.push(c);
        }
    }
    out.push('"');
}

/// `"""…"""` with line breaks as written (LF only; a CR is escaped, as TOML may turn CRLF
/// into LF). The line break after the opening quotes is not part of the string.
fn multi_line(out: &mut String, s: &str) {
    out.push_str("\"\"\"\n");
    for c in s.chars() {
        if c == '\n' {
            out.push('\n');
        } else if !escape(out, c) {
            out.push(c);
        }
    }
    out.push_str("\"\"\"");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::raw::{RawCite, RawScale, RawScaleOption, RawSource};
    use crate::core::document;

    const TOML: &str = include_str!("../../../tests/fixtures/mini/bundle.toml");
    const SOURCE: &str = include_str!("../../../tests/fixtures/mini/source.txt");

    fn mini() -> RawBundle {
        let mut parsed = super::super::parse_toml(TOML).expect("fixture parses");
        parsed.resolve_sources(|_| Ok(SOURCE.to_string()));
        parsed.raw
    }

    /// Reads the files back as `load::load` would.
    fn read_back(files: &BundleFiles) -> RawBundle {
        let mut parsed = super::super::parse_toml(&files.toml)
            .unwrap_or_else(|p| panic!("{p:?}\n{}", files.toml));
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.resolve_sources(|name| {
            files
                .sources
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.clone())
                .ok_or_else(|| format!("no {name}"))
        });
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.raw
    }

    #[test]
    fn the_fixture_reads_back_the_same() {
        let raw = mini();
        let files = to_files(&raw).expect("writes");
        assert_eq!(
            files.sources,
            vec![("source.txt".to_string(), SOURCE.to_string())]
        );
        assert_eq!(read_back(&files), raw);
        // deterministic
        assert_eq!(to_files(&raw).expect("writes"), files);
    }

    #[test]
    fn layout_is_the_authors() {
        let files = to_files(&mini()).expect("writes");
        let t = &files.toml;
        assert!(
            t.starts_with(
                "format = \"tenken-bundle/1\"\nid = \"mini\"\nversion = 2015-10-05\ntitle = "
            ),
            "{t}"
        );
        assert!(
            t.contains("municipality = { name = \"目黒区\", code = \"131105\" }\n\n[[sources]]\nid = \"kisoku\"\ntitle = \"目黒区電子情報処理規則（抜粋）\"\nnumber = \"平成27年10月5日目黒区規則第50号\"\ntext = \"source.txt\"\n\n[[scales]]\n"),
            "{t}"
        );
        assert!(
            t.contains(
                "options = [\n  { id = \"done\", label = \"実施している\", conforming = true },\n"
            ),
            "{t}"
        );
        assert!(
            t.contains("\n\n[[checklists]]\nid = \"tenken\"\nkind = \"inspection\"\n"),
            "{t}"
        );
        assert!(
            t.contains("basis = [{ source = \"kisoku\", article = \"21\", quote = "),
            "{t}"
        );
        assert!(
            t.contains("\n\n[[checklists.profile]]\nid = \"personal\"\n"),
            "{t}"
        );
        assert!(t.contains("type = \"choice\"\noptions = [{ id = \"none\", label = \"なし\" }, { id = \"some\", label = \"あり\" }]\n"), "{t}");
        assert!(
            t.contains("\n\n[[checklists.sections.items]]\nid = \"13-1\"\ntext = "),
            "{t}"
        );
        assert!(t.contains("evidence = [\"従事者名簿\"]\ncite = [{ source = \"kisoku\", article = \"13\", item = \"1\", quote = "), "{t}");
        assert!(!t.contains("\n\n\n"), "{t}");
        assert!(t.ends_with(" }]\n") && !t.ends_with("\n\n"), "{t}");
    }

    #[test]
    fn an_amendment_is_written_after_the_version_and_reads_back() {
        let mut raw = mini();
        raw.amended = Some(crate::core::bundle::raw::RawAmended {
            from: Some("2014-04-01".into()),
            items: vec!["13-1".into(), "20-1-1".into()],
        });
        let files = to_files(&raw).expect("writes");
        assert!(
            files.toml.contains(
                "version = 2015-10-05\namended = { from = 2014-04-01, items = [\"13-1\", \"20-1-1\"] }\ntitle = "
            ),
            "{}",
            files.toml
        );
        let back = read_back(&files);
        assert_eq!(back, raw);
        assert_eq!(
            back.to_canonical_json().expect("json"),
            raw.to_canonical_json().expect("json")
        );
        // a `from` that is not a date stays a string, and reads back as itself
        raw.amended = Some(crate::core::bundle::raw::RawAmended {
            from: Some("2014/04/01".into()),
            items: Vec::new(),
        });
        let files = to_files(&raw).expect("writes");
        assert!(
            files.toml.contains("amended = { from = \"2014/04/01\" }\n"),
            "{}",
            files.toml
        );
        assert_eq!(read_back(&files), raw);
    }

    #[test]
    fn strings_are_escaped() {
        let nasty = "a\"b\\c\td\re\u{0}\u{1f}\u{7f}\u{85}\u{2028}\u{202e}\u{feff}😀'''\"\"\"";
        let mut s = String::new();
        basic_string(&mut s, nasty);
        assert_eq!(
            s,
            "\"a\\\"b\\\\c\\td\\re\\u0000\\u001F\\u007F\\u0085\\u2028\\u202E\\uFEFF😀'''\\\"\\\"\\\"\""
        );
        let v: toml::Table = toml::from_str(&format!("k = {s}")).expect("parses");
        assert_eq!(v["k"].as_str(), Some(nasty));
        let mut m = String::new();
        let text = "\nline\r\nnext\\\n\"\"\"end\"";
        multi_line(&mut m, text);
        let v: toml::Table = toml::from_str(&format!("k = {m}")).expect("parses");
        assert_eq!(v["k"].as_str(), Some(text), "{m}");
        assert_eq!(write_key("a-b_1"), "a-b_1");
        assert_eq!(write_key("a.b"), "\"a.b\"");
        assert_eq!(write_key(""), "\"\"");
    }

    #[test]
    fn dates_only_when_toml_reads_them_back() {
        for (s, date) in [
            ("2020-04-01", true),
            ("2024-02-29", true),
            ("2023-02-29", false),
            ("0000-01-01", false),
            ("2020-4-1", false),
            ("2020-04-01 ", false),
        ] {
            assert_eq!(is_toml_date(s), date, "{s}");
            if date {
                let v = document::parse_toml(&format!("version = {s}\n"), 1000).expect("toml");
                assert_eq!(v["version"], s);
            }
        }
        // every date written unquoted in leap-year territory reads back as itself
        for year in 1..=9999 {
            for s in [format!("{year:04}-02-29"), format!("{year:04}-12-31")] {
                if is_toml_date(&s) {
                    let v = document::parse_toml(&format!("version = {s}\n"), 1000)
                        .unwrap_or_else(|e| panic!("{s}: {e:?}"));
                    assert_eq!(v["version"], s.as_str());
                }
            }
        }
        let mut raw = mini();
        raw.version = Some("2023-02-29".into());
        let files = to_files(&raw).expect("writes");
        assert!(files.toml.contains("version = \"2023-02-29\"\n"));
        assert_eq!(read_back(&files), raw);
    }

    #[test]
    fn several_sources_have_a_file_each() {
        let mut raw = mini();
        let mut second = raw.sources[0].clone();
        second.id = Some("betsu".into());
        second.text = Some("\u{feff}別の本文\r\n".into());
        raw.sources.push(second);
        raw.sources.push(RawSource {
            id: Some("notext".into()),
            ..RawSource::default()
        });
        let files = to_files(&raw).expect("writes");
        let names: Vec<_> = files.sources.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["kisoku.txt", "betsu.txt"]);
        assert!(files.toml.contains("text = \"kisoku.txt\""));
        assert_eq!(read_back(&files), raw);

        for bad in ["", "../x", "a b", "KISOKU"] {
            let mut r = raw.clone();
            r.sources[1].id = (!bad.is_empty()).then(|| bad.to_string());
            let e = to_files(&r).expect_err(bad);
            assert!(
                matches!(&e, ToTomlError::SourceFileName { id, .. } if id == bad),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn unknown_fields_are_written_too() {
        // a field the format gains later, as the compiled JSON carries it
        let mut value = serde_json::to_value(mini()).expect("value");
        value["exclude"] = serde_json::json!([
            { "source": "kisoku", "article": "1", "reason": "目的規定" },
            { "source": "kisoku", "article": "23", "paragraph": "1", "item": "2", "reason": "委任" },
        ]);
        value["extra"] = serde_json::json!({ "a b": [1, 2.5, -0.0, 1e300], "z": { "y": true } });
        value["checklists"][0]["sections"][0]["items"][0]["future"] =
            serde_json::json!([{ "k": "v" }]);
        // a RawBundle cannot carry unknown fields: emit straight from the value
        let Value::Object(root) = &mut value else {
            panic!()
        };
        take_source_texts(root).expect("sources");
        let mut out = String::new();
        table(&mut out, root, None, "").expect("writes");
        assert!(
            out.contains(
                "\n\n[[exclude]]\nsource = \"kisoku\"\narticle = \"1\"\nreason = \"目的規定\"\n"
            ),
            "{out}"
        );
        assert!(out.contains("\n[[exclude]]\nsource = \"kisoku\"\narticle = \"23\"\nparagraph = \"1\"\nitem = \"2\"\nreason = \"委任\"\n"), "{out}");
        assert!(
            out.contains("extra = { \"a b\" = [1, 2.5, -0.0, 1e300], z = { y = true } }\n"),
            "{out}"
        );
        assert!(out.contains("future = [{ k = \"v\" }]\n"), "{out}");
        let mut back = document::parse_toml(&out, 1 << 22).expect("parses");
        back["sources"][0]["text"] = value["sources"][0]["text"].clone();
        assert_eq!(back, value);
    }

    #[test]
    fn values_toml_cannot_hold_are_refused_with_their_place() {
        let mut raw = mini();
        raw.scales.push(RawScale {
            id: Some("s".into()),
            title: None,
            options: vec![RawScaleOption {
                id: Some("o".into()),
                conforming: Some(serde_json::json!([null])),
                ..RawScaleOption::default()
            }],
        });
        let e = to_files(&raw).expect_err("null");
        assert_eq!(
            e,
            ToTomlError::Unrepresentable {
                path: "scales[s].options[o].conforming[0]".into(),
                what: "null"
            }
        );
        raw.scales.last_mut().unwrap().options[0].conforming = Some(serde_json::json!(u64::MAX));
        assert!(matches!(
            to_files(&raw),
            Err(ToTomlError::Unrepresentable { .. })
        ));
    }

    #[test]
    fn multi_line_text_stays_readable() {
        let mut raw = mini();
        raw.description = Some("一行目\n二行目\t\"引用\"\n".into());
        raw.checklists[0].basis = vec![RawCite {
            quote: Some("改\n行".into()),
            ..RawCite::default()
        }];
        let files = to_files(&raw).expect("writes");
        assert!(
            files
                .toml
                .contains("description = \"\"\"\n一行目\n二行目\\t\\\"引用\\\"\n\"\"\"\n"),
            "{}",
            files.toml
        );
        // inside an inline table the line break is escaped
        assert!(files.toml.contains("basis = [{ quote = \"改\\n行\" }]\n"));
        assert_eq!(read_back(&files), raw);
    }
}
