//! Reading JSON (and TOML) documents defensively, for every file format tenken reads.
//!
//! A document is parsed into a generic value first (bounded in size and depth), its
//! `format` checked, and only then converted into the typed wire structure, collecting
//! unknown fields instead of failing on the first. Paths in problems name list elements by
//! their `id` where they have one: `checklists[tenken].sections[anzen].items[13-1].whne`.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::core::problem::{Problem, ProblemKind};

pub use crate::core::shape::Segment;

/// Renders `segments` against `root`, naming list elements by their `id` when they have one.
pub fn describe_path(root: &Value, segments: &[Segment]) -> String {
    let mut out = String::new();
    let mut at = Some(root);
    for seg in segments {
        match seg {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
                at = at.and_then(|v| v.get(k));
            }
            Segment::Index(i) => {
                let elem = at.and_then(|v| v.get(*i));
                match elem.and_then(|e| e.get("id")).and_then(Value::as_str) {
                    Some(id) if !id.is_empty() => out.push_str(&format!("[{id}]")),
                    _ => out.push_str(&format!("[{i}]")),
                }
                at = elem;
            }
        }
    }
    out
}

/// Line and column (from 1) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, column)
}

/// Checks size and encoding, and parses JSON into a value. Nesting deeper than 128 is
/// refused by the parser and reported as [`ProblemKind::TooDeep`]; an object that names the
/// same member twice is refused as [`ProblemKind::DuplicateKey`] (readers disagree on which
/// one counts, so a file could show one 課 to a person and another to tenken).
pub fn parse_json(bytes: &[u8], max: usize) -> Result<Value, Problem> {
    if bytes.len() > max {
        return Err(Problem::error(
            "",
            ProblemKind::TooLarge {
                size: bytes.len(),
                max,
            },
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| Problem::error("", ProblemKind::NotUtf8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let state = strict::State::default();
    // from bytes, as every JSON reader of the app: one instantiation of serde_json's parser
    // in the wasm (its `str` reader is a second one; same positions and messages)
    let mut de = serde_json::Deserializer::from_slice(text.as_bytes());
    let parsed = serde::de::DeserializeSeed::deserialize(strict::Seed(&state), &mut de)
        .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| {
        let (line, column) = (e.line(), e.column());
        if let Some((path, key)) = state.duplicate.take() {
            return Problem::error(path, ProblemKind::DuplicateKey { key, line, column });
        }
        let message = e.to_string();
        if message.contains("recursion") {
            Problem::error("", ProblemKind::TooDeep { line, column })
        } else {
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_string();
            Problem::error(
                "",
                ProblemKind::Syntax {
                    language: "JSON",
                    line,
                    column,
                    message,
                },
            )
        }
    })
}

/// A JSON value builder that refuses duplicate object members, keeping where it found one.
mod strict {
    use std::cell::RefCell;
    use std::fmt;

    use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Number, Value};

    /// The path being read and the first duplicate found.
    #[derive(Default)]
    pub struct State {
        path: RefCell<Vec<String>>,
        pub duplicate: RefCell<Option<(String, String)>>,
    }

    pub struct Seed<'s>(pub &'s State);

    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = Value;
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = Value;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
            Ok(Value::Bool(v))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
            Ok(Value::Number(v.into()))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
            Ok(Value::Number(v.into()))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
            Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
        }
        fn visit_str<E>(self, v: &str) -> Result<Value, E> {
            Ok(Value::String(v.to_string()))
        }
        fn visit_string<E>(self, v: String) -> Result<Value, E> {
            Ok(Value::String(v))
        }
        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut out = Vec::new();
            loop {
                self.0.path.borrow_mut().push(format!("[{}]", out.len()));
                let next = seq.next_element_seed(Seed(self.0));
                self.0.path.borrow_mut().pop();
                match next? {
                    Some(v) => out.push(v),
                    None => return Ok(Value::Array(out)),
                }
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
            let mut out = Map::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    let path = self.0.path.borrow().concat();
                    *self.0.duplicate.borrow_mut() = Some((path, key.clone()));
                    return Err(de::Error::custom(format!("duplicate key `{key}`")));
                }
                let segment = if self.0.path.borrow().is_empty() {
                    key.clone()
                } else {
                    format!(".{key}")
                };
                self.0.path.borrow_mut().push(segment);
                let value = map.next_value_seed(Seed(self.0));
                self.0.path.borrow_mut().pop();
                out.insert(key, value?);
            }
            Ok(Value::Object(out))
        }
    }
}

/// Checks that the document is an object whose `format` is `expected`.
pub fn check_format(value: &Value, expected: &'static str) -> Result<(), Problem> {
    let Some(obj) = value.as_object() else {
        return Err(Problem::error("", ProblemKind::NotADocument));
    };
    match obj.get("format") {
        Some(Value::String(f)) if f == expected => Ok(()),
        Some(Value::String(f)) => Err(Problem::error(
            "format",
            ProblemKind::WrongFormat {
                expected,
                found: Some(f.clone()),
            },
        )),
        Some(other) => Err(Problem::error(
            "format",
            ProblemKind::WrongFormat {
                expected,
                found: Some(other.to_string()),
            },
        )),
        None => Err(Problem::error(
            "format",
            ProblemKind::WrongFormat {
                expected,
                found: None,
            },
        )),
    }
}

/// Converts `value` into the wire type `T`. Unknown fields do not stop the conversion: they
/// come back as problems (the members `T`'s reader passed over, see
/// [`crate::core::tracked::read`]; one that says nothing, as a default would, is not
/// reported). A value of the wrong type does, with its path.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<(T, Vec<Problem>), Problem> {
    match crate::core::tracked::read::<T>(value) {
        Ok((t, unknown)) => {
            let problems = unknown
                .iter()
                .map(|segs| Problem::error(describe_path(value, segs), ProblemKind::UnknownField))
                .collect();
            Ok((t, problems))
        }
        Err((segs, e)) => {
            let message = e.to_string();
            // a field the format requires
            if let Some(field) = message
                .strip_prefix("missing field `")
                .and_then(|m| m.split('`').next())
            {
                let mut at = segs.clone();
                at.push(Segment::Key(field.to_string()));
                return Err(Problem::error(
                    describe_path(value, &at),
                    ProblemKind::Missing,
                ));
            }
            Err(Problem::error(
                describe_path(value, &segs),
                ProblemKind::Type {
                    found: crate::core::shape::Found::from_parser(&message),
                    expected: crate::core::shape::expected_at(&segs),
                },
            ))
        }
    }
}

/// Parses TOML into the same generic value as JSON. TOML dates written without quotes
/// (`version = 2020-04-01`) become strings.
pub fn parse_toml(text: &str, max: usize) -> Result<Value, Problem> {
    if text.len() > max {
        return Err(Problem::error(
            "",
            ProblemKind::TooLarge {
                size: text.len(),
                max,
            },
        ));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = toml::from_str(text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|s| line_column(text, s.start))
            .unwrap_or((1, 1));
        let message = e.message().trim().to_string();
        if message.contains("recursion") {
            Problem::error("", ProblemKind::TooDeep { line, column })
        } else {
            Problem::error(
                "",
                ProblemKind::Syntax {
                    language: "TOML",
                    line,
                    column,
                    message,
                },
            )
        }
    })?;
    Ok(unwrap_toml_dates(value))
}

/// Replaces the private map by which the toml crate carries a datetime with its text.
fn unwrap_toml_dates(value: Value) -> Value {
    const KEY: &str = "$__toml_private_datetime";
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key(KEY) => {
            map.get(KEY).cloned().unwrap_or(Value::Null)
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, unwrap_toml_dates(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(unwrap_toml_dates).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::message::Message;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, serde::Serialize)]
    struct Doc {
        #[allow(dead_code)]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize, serde::Serialize)]
    struct Item {
        #[allow(dead_code)]
        id: String,
        #[allow(dead_code)]
        #[serde(default, skip_serializing_if = "Option::is_none")]
        n: Option<u32>,
        #[allow(dead_code)]
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        flag: bool,
        #[allow(dead_code)]
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
    }

    #[test]
    fn fields_left_at_their_default_are_known_and_unknown_ones_are_not() {
        let v = json!({"items": [
            {"id": "a", "n": null, "flag": false, "tags": []},
            {"id": "b", "n": 0, "flag": true, "tags": ["x"], "tag": ["y"], "Flag": true, "m": 0, "note": ""}
        ]});
        let (_, problems) = from_value::<Doc>(&v).expect("converts");
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        // an empty unknown field means what its default means: not reported
        assert_eq!(paths, ["items[b].Flag", "items[b].m", "items[b].tag"]);
    }

    #[test]
    fn unknown_fields_are_collected_with_id_paths() {
        let v = json!({"items": [{"id": "a", "x": 1}, {"id": "b", "y": 2}], "z": 0});
        let (_, problems) = from_value::<Doc>(&v).expect("converts");
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["items[a].x", "items[b].y", "z"]);
    }

    #[test]
    fn type_errors_name_the_place() {
        let v = json!({"items": [{"id": "a"}, {"id": "b", "n": "three"}]});
        let e = from_value::<Doc>(&v).expect_err("wrong type");
        assert_eq!(e.path, "items[b].n");
        assert!(matches!(e.kind, ProblemKind::Type { .. }));
    }

    #[test]
    fn json_limits() {
        let e = parse_json(&[b' '; 100], 10).expect_err("too large");
        assert_eq!(e.kind, ProblemKind::TooLarge { size: 100, max: 10 });
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let e = parse_json(deep.as_bytes(), 1 << 20).expect_err("too deep");
        assert!(matches!(e.kind, ProblemKind::TooDeep { .. }), "{e}");
        let e = parse_json(&[0xff, 0xfe, 0x00], 100).expect_err("not utf-8");
        assert_eq!(e.kind, ProblemKind::NotUtf8);
        let e = parse_json(b"{\n  \"a\": 1,\n  oops\n}", 100).expect_err("syntax");
        assert!(matches!(e.kind, ProblemKind::Syntax { line: 3, .. }), "{e}");
    }

    #[test]
    fn duplicate_keys_are_refused_with_their_place() {
        let e = parse_json(
            br#"{"result": {"subject": {"division": "A", "division": "B"}}}"#,
            1000,
        )
        .expect_err("duplicate");
        assert_eq!(e.path, "result.subject");
        assert!(
            matches!(&e.kind, ProblemKind::DuplicateKey { key, line: 1, .. } if key == "division"),
            "{e}"
        );
        let e = parse_json(br#"[{"a": 1}, {"a": 1, "a": 2}]"#, 1000).expect_err("duplicate");
        assert_eq!(e.path, "[1]");
        // the same name in different objects is fine, and escapes are read as JSON
        let v = parse_json(
            br#"{"a": {"x": 1}, "b": {"x": 2}, "f": "tenken-signed\/1"}"#,
            1000,
        )
        .expect("valid");
        assert_eq!(v["f"], "tenken-signed/1");
        assert!(parse_json(b"{} {}", 1000).is_err(), "trailing data");
        assert_eq!(
            parse_json(b"1.5", 1000).expect("number"),
            serde_json::json!(1.5)
        );
    }

    #[test]
    fn format_is_checked_first() {
        let e = check_format(&json!({"format": "tenken-result/1"}), "tenken-bundle/1")
            .expect_err("result");
        assert!(e.kind.message_ja().contains("点検結果"), "{e}");
        let e = check_format(&json!({"format": "tenken-bundle/2"}), "tenken-bundle/1")
            .expect_err("newer");
        assert!(e.kind.message_ja().contains("更新"), "{e}");
        let e = check_format(&json!([1]), "tenken-bundle/1").expect_err("array");
        assert_eq!(e.kind, ProblemKind::NotADocument);
        assert!(check_format(&json!({"format": "tenken-bundle/1"}), "tenken-bundle/1").is_ok());
    }

    #[test]
    fn toml_dates_and_errors() {
        let v = parse_toml("version = 2020-04-01\n[a]\nb = [1]\n", 1000).expect("toml");
        assert_eq!(v, json!({"version": "2020-04-01", "a": {"b": [1]}}));
        let e = parse_toml("a = 1\nb = \n", 1000).expect_err("syntax");
        assert!(
            matches!(
                e.kind,
                ProblemKind::Syntax {
                    language: "TOML",
                    line: 2,
                    ..
                }
            ),
            "{e}"
        );
        let deep = format!("a = {}{}", "[".repeat(10_000), "]".repeat(10_000));
        let e = parse_toml(&deep, 1 << 20).expect_err("too deep");
        assert!(
            matches!(e.kind, ProblemKind::TooDeep { line: 1, .. }),
            "{e}"
        );
        let deep = format!("a = {}1{}", "{b = ".repeat(10_000), "}".repeat(10_000));
        assert!(parse_toml(&deep, 1 << 20).is_err());
    }

    #[test]
    fn line_columns_count_characters() {
        assert_eq!(line_column("ab\n日本x", 9), (2, 3));
        assert_eq!(line_column("abc", 0), (1, 1));
    }
}
