//! Reading a typed value out of a parsed JSON [`Value`], knowing where it failed: a serde
//! deserializer over `&Value` that keeps the path it is at, so a wrong type is reported at
//! its place (`checklists[0].items[3].conforming`).
//!
//! It replaces serde_json's own `Value` deserializers wrapped in serde_path_to_error: one
//! layer instead of two, and every typed read from a `Value` goes through it (drafts too), so
//! the wasm has one reader per wire type. Each `deserialize_*` a type asks for takes only
//! the kind of value it names and refuses the rest itself, and a record is read from an
//! object only (serde_json also takes a list of its fields in order): a type's reader then
//! carries none of the other paths. The 課長's wasm after wasm-opt: 1,088,083 bytes with
//! serde_path_to_error, 993,611 with this (the page: 24 KB less once compressed). Errors are
//! serde_json's, with its messages (`invalid type: string "x", expected a boolean`,
//! ``missing field `id` ``), which [`crate::core::document`] turns into problems.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, Error as _,
    IntoDeserializer, MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
};
use serde_json::{Error, Value};

use crate::core::shape::Segment;

/// Reads `T` from `value`; on failure, the path where it failed and serde_json's error. For a
/// missing field the path is that of the object lacking it.
pub fn deserialize<T: DeserializeOwned>(value: &Value) -> Result<T, (Path, Error)> {
    read(value).map(|(t, _)| t)
}

/// A path into a document.
pub type Path = Vec<Segment>;

/// [`deserialize`], and the paths of the members `T` does not know (that its reader passed
/// over), except those that say nothing ([`says_nothing`]).
pub fn read<T: DeserializeOwned>(value: &Value) -> Result<(T, Vec<Path>), (Path, Error)> {
    let mut trail = Trail::default();
    match T::deserialize(Tracked {
        value,
        trail: &mut trail,
    }) {
        Ok(t) => Ok((t, trail.unknown)),
        Err(e) => Err((trail.path, e)),
    }
}

/// Whether `v` says nothing: what a field left at its default reads as (`null`, `false`,
/// `""`, `[]`, or an object of such). Every wire type's defaults are these, so such a member
/// under a misspelt name means what the default means, and is not reported.
pub fn says_nothing(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(_) => false,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(says_nothing),
    }
}

/// Where the reader is, and the members it passed over.
#[derive(Default)]
struct Trail {
    path: Path,
    unknown: Vec<Path>,
}

/// Reads `T` from JSON text, through a [`Value`] (so that the wasm has one JSON parser, for
/// `Value`, and one reader per type); `None` if it is not JSON or not a `T`. For what this app
/// wrote itself (storage, its own comments), where a problem needs no place.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    // from bytes: one JSON parser in the wasm (see `document::parse_json`)
    let value: Value = serde_json::from_slice(text.as_bytes()).ok()?;
    deserialize(&value).ok()
}

/// A value and the path to it. On success every step it pushed is popped again, so after an
/// error the path is where it happened.
struct Tracked<'de, 'p> {
    value: &'de Value,
    trail: &'p mut Trail,
}

/// What a value is, in serde's words for error messages.
fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// `deserialize_*` methods that take a number ([`Tracked::number`]).
macro_rules! numbers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.number(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for Tracked<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => seq(items, self.trail, visitor),
            Value::Object(map) => object(map, self.trail, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Object(map) if map.len() == 1 => {
                let Some((variant, value)) = map.iter().next() else {
                    return Err(Error::invalid_value(Unexpected::Map, &"one variant"));
                };
                visitor.visit_enum(Variant {
                    variant,
                    value,
                    trail: self.trail,
                })
            }
            other => Err(Error::invalid_type(
                unexpected(other),
                &"a string or one-member object",
            )),
        }
    }

    /// A reader asks to pass over what it does not know: an object's member it has no field
    /// for.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if !says_nothing(self.value) {
            self.trail.unknown.push(self.trail.path.clone());
        }
        visitor.visit_unit()
    }

    // What a type asks for is all it can take: anything else is refused here, once, instead
    // of through each visitor's own refusal of every other kind of value.

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Bool(b) => visitor.visit_bool(*b),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::String(s) => visitor.visit_borrowed_str(s),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Array(items) => seq(items, self.trail, visitor),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(map) => object(map, self.trail, visitor),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            // an object only: serde_json would also take a list of the fields in order
            Value::Object(map) => object(map, self.trail, visitor),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }

    numbers! {
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_f32 deserialize_f64
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit_struct tuple tuple_struct
    }
}

impl<'de> Tracked<'de, '_> {
    /// A number, or what it is instead.
    fn number<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Number(n) => number(n, visitor),
            other => Err(Error::invalid_type(unexpected(other), &visitor)),
        }
    }
}

/// A number, as serde_json gives it: unsigned, else signed, else floating point.
fn number<'de, V: Visitor<'de>>(n: &serde_json::Number, visitor: V) -> Result<V::Value, Error> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// An array's elements, each at its index; all of them must be read.
fn seq<'de, V: Visitor<'de>>(
    items: &'de [Value],
    trail: &mut Trail,
    visitor: V,
) -> Result<V::Value, Error> {
    let mut seq = Seq {
        items: items.iter().enumerate(),
        trail,
    };
    let out = visitor.visit_seq(&mut seq)?;
    match seq.items.len() {
        0 => Ok(out),
        _ => Err(Error::invalid_length(
            items.len(),
            &"fewer elements in array",
        )),
    }
}

/// An object's members, each value at its key.
fn object<'de, V: Visitor<'de>>(
    map: &'de serde_json::Map<String, Value>,
    trail: &mut Trail,
    visitor: V,
) -> Result<V::Value, Error> {
    visitor.visit_map(Map {
        entries: map.iter(),
        value: None,
        trail,
    })
}

/// The elements of an array, each at its index.
struct Seq<'de, 'p> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
    trail: &'p mut Trail,
}

impl<'de> SeqAccess<'de> for &mut Seq<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some((index, value)) = self.items.next() else {
            return Ok(None);
        };
        self.trail.path.push(Segment::Index(index));
        let out = seed.deserialize(Tracked {
            value,
            trail: self.trail,
        })?;
        self.trail.path.pop();
        Ok(Some(out))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The members of an object, each value at its key.
struct Map<'de, 'p> {
    entries: serde_json::map::Iter<'de>,
    value: Option<(&'de String, &'de Value)>,
    trail: &'p mut Trail,
}

impl<'de> MapAccess<'de> for Map<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        let key: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(key);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.value.take() else {
            return Err(Error::custom("value is missing"));
        };
        self.trail.path.push(Segment::Key(key.clone()));
        let out = seed.deserialize(Tracked {
            value,
            trail: self.trail,
        })?;
        self.trail.path.pop();
        Ok(out)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as `{ "variant": value }`.
struct Variant<'de, 'p> {
    variant: &'de String,
    value: &'de Value,
    trail: &'p mut Trail,
}

impl<'de, 'p> EnumAccess<'de> for Variant<'de, 'p> {
    type Error = Error;
    type Variant = Tracked<'de, 'p>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), Error> {
        let name: de::value::BorrowedStrDeserializer<'de, Error> =
            de::value::BorrowedStrDeserializer::new(self.variant);
        let variant = seed.deserialize(name)?;
        self.trail.path.push(Segment::Key(self.variant.clone()));
        Ok((
            variant,
            Tracked {
                value: self.value,
                trail: self.trail,
            },
        ))
    }
}

impl<'de> VariantAccess<'de> for Tracked<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Value::Null => {
                self.trail.path.pop();
                Ok(())
            }
            other => Err(Error::invalid_type(unexpected(other), &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        let out = seed.deserialize(Tracked {
            value: self.value,
            trail: &mut *self.trail,
        })?;
        self.trail.path.pop();
        Ok(out)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        let out = Tracked {
            value: self.value,
            trail: &mut *self.trail,
        }
        .deserialize_any(visitor)?;
        self.trail.path.pop();
        Ok(out)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.tuple_variant(0, visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Doc {
        format: String,
        #[serde(default)]
        items: Vec<Item>,
        #[serde(default)]
        notes: BTreeMap<String, Option<u32>>,
        kind: Option<Kind>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: String,
        required: bool,
        #[serde(default)]
        scale: Option<Scale>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(untagged)]
    enum Scale {
        Flag(bool),
        Named(String),
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "lowercase")]
    enum Kind {
        Inspection,
        Contract { clauses: u8 },
    }

    fn read(json: &str) -> Result<Doc, (String, String)> {
        let value: Value = serde_json::from_str(json).expect("json");
        deserialize::<Doc>(&value).map_err(|(path, e)| {
            let path = path
                .iter()
                .map(|s| match s {
                    Segment::Key(k) => format!(".{k}"),
                    Segment::Index(i) => format!("[{i}]"),
                })
                .collect::<String>();
            (path, e.to_string())
        })
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let json = r#"{"format":"f","items":[{"id":"a","required":true,"scale":"x"},{"id":"b","required":false,"scale":false}],
            "notes":{"n":1,"m":null},"kind":{"contract":{"clauses":3}}}"#;
        let ours = read(json).expect("reads");
        let theirs: Doc = serde_json::from_str(json).expect("reads");
        assert_eq!(ours, theirs);
        assert_eq!(
            read(r#"{"format":"f","kind":"inspection"}"#)
                .expect("reads")
                .kind,
            Some(Kind::Inspection)
        );
    }

    #[test]
    fn a_wrong_type_is_reported_where_it_is() {
        assert_eq!(
            read(
                r#"{"format":"f","items":[{"id":"a","required":true},{"id":"b","required":"yes"}]}"#
            ),
            Err((
                ".items[1].required".into(),
                "invalid type: string \"yes\", expected a boolean".into()
            ))
        );
        assert_eq!(
            read(r#"{"format":"f","notes":{"n":"one"}}"#),
            Err((
                ".notes.n".into(),
                "invalid type: string \"one\", expected u32".into()
            ))
        );
        assert_eq!(
            read(r#"{"format":"f","kind":{"contract":{"clauses":300}}}"#),
            Err((
                ".kind.contract.clauses".into(),
                "invalid value: integer `300`, expected u8".into()
            ))
        );
        assert_eq!(
            read(r#"{"format":7}"#).map_err(|e| e.0),
            Err(".format".into())
        );
        assert_eq!(read("[]").map_err(|e| e.0), Err("".into()));
    }

    #[test]
    fn members_a_type_does_not_know_are_listed_unless_they_say_nothing() {
        let value: Value = serde_json::from_str(
            r#"{"format":"f","extra":1,"items":[{"id":"a","required":true,"colour":"red","blank":"","off":false}]}"#,
        )
        .expect("json");
        let (doc, unknown) = super::read::<Doc>(&value).expect("reads");
        assert_eq!(doc.items.len(), 1);
        assert_eq!(
            unknown,
            vec![
                vec![Segment::Key("extra".into())],
                vec![
                    Segment::Key("items".into()),
                    Segment::Index(0),
                    Segment::Key("colour".into())
                ],
            ]
        );
    }

    #[test]
    fn text_reads_through_a_value() {
        let doc: Option<Doc> = from_str(r#"{"format":"f","items":[{"id":"a","required":true}]}"#);
        assert_eq!(doc.map(|d| d.items.len()), Some(1));
        assert_eq!(from_str::<Doc>(r#"{"format":"f""#), None);
        assert_eq!(from_str::<Doc>(r#"{"format":1}"#), None);
    }

    #[test]
    fn a_missing_field_is_reported_at_its_object() {
        assert_eq!(
            read(r#"{"format":"f","items":[{"id":"a","required":true},{"id":"b"}]}"#),
            Err((".items[1]".into(), "missing field `required`".into()))
        );
    }

    #[test]
    fn an_unknown_variant_is_reported_where_it_is() {
        let (path, message) = read(r#"{"format":"f","kind":"audit"}"#).expect_err("unknown");
        assert_eq!(path, ".kind");
        assert!(message.starts_with("unknown variant `audit`"), "{message}");
    }
}
