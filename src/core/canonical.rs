//! Canonical JSON (RFC 8785, JSON Canonicalization Scheme) and SHA-256 identities.
//!
//! The same content always gives the same bytes: object members sorted by their UTF-16 code
//! units, no insignificant white space, numbers in ECMAScript form, strings minimally escaped.
//! A bundle's identity and a result's signature are computed over these bytes.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Serialises `value` as RFC 8785 canonical JSON, through a [`serde_json::Value`]: the writer
/// is then in the wasm once (for `Value`), not once per type.
pub fn to_canonical_json<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    value_to_canonical_json(&serde_json::to_value(value)?)
}

/// [`to_canonical_json`] of a parsed JSON value.
///
/// Numbers are limited to whole numbers within ±2^53, which ECMAScript writes as plain digits
/// (`1.0` and `-0` are `1` and `0`): every number tenken's formats hold is a count, a version
/// or a time in milliseconds. Any other number is an error, not written: RFC 8785's form of
/// fractions and large numbers needs float-printing tables that would cost the 課長's page
/// 17 KB, for values no valid file holds.
pub fn value_to_canonical_json(value: &serde_json::Value) -> Result<Vec<u8>, serde_json::Error> {
    let mut out = Vec::with_capacity(1024);
    if write_value(value, &mut out) {
        Ok(out)
    } else {
        Err(<serde_json::Error as serde::ser::Error>::custom(
            "a number that is not a whole number within ±2^53",
        ))
    }
}

/// Largest integer an ECMAScript number holds exactly, hence printed as plain digits.
const EXACT: u64 = 1 << 53;

/// The number as the integer ECMAScript would print, if it is a whole number within ±2^53.
fn exact_integer(n: &serde_json::Number) -> Option<i64> {
    if let Some(u) = n.as_u64() {
        return (u <= EXACT).then_some(u as i64);
    }
    if let Some(i) = n.as_i64() {
        return (i.unsigned_abs() <= EXACT).then_some(i);
    }
    let f = n.as_f64()?;
    (f.fract() == 0.0 && f.abs() <= EXACT as f64).then_some(f as i64)
}

/// Writes `value`; false at a number that is not a whole number within ±2^53.
fn write_value(value: &serde_json::Value, out: &mut Vec<u8>) -> bool {
    use serde_json::Value;
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => match exact_integer(n) {
            Some(i) => out.extend_from_slice(i.to_string().as_bytes()),
            None => return false,
        },
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                if !write_value(item, out) {
                    return false;
                }
            }
            out.push(b']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            // RFC 8785 3.2.3: by UTF-16 code units (differs from UTF-8 order above U+FFFF)
            crate::core::sort::sort_by(&mut members, |a, b| {
                a.0.encode_utf16().cmp(b.0.encode_utf16())
            });
            out.push(b'{');
            for (i, (key, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(key, out);
                out.push(b':');
                if !write_value(item, out) {
                    return false;
                }
            }
            out.push(b'}');
        }
    }
    true
}

/// A string as ECMAScript's JSON.stringify writes it (RFC 8785 3.2.2.2): `"` and `\`
/// escaped, the control characters as `\b \f \n \r \t` or `\u00xx`, all else as is.
fn write_string(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            0x08 => b"\\b",
            0x0c => b"\\f",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x00..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escaped.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xf)]);
        } else {
            out.extend_from_slice(escaped);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest.iter() {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn members_sorted_by_utf16_and_no_white_space() {
        // RFC 8785 section 3.2.3: U+1F600 is D83D DE00 in UTF-16, so it sorts after U+20AC
        // but before U+FB33, unlike in code point order
        let v = json!({ "\u{20ac}": "Euro", "\r": "CR", "\u{fb33}": "Hebrew", "1": "One",
                        "\u{1f600}": "Smiley", "\u{80}": "Control", "ö": "Latin", "b": [true, null] });
        let s = String::from_utf8(to_canonical_json(&v).expect("serialises")).expect("utf-8");
        assert_eq!(
            s,
            "{\"\\r\":\"CR\",\"1\":\"One\",\"b\":[true,null],\"\u{80}\":\"Control\",\"ö\":\"Latin\",\"€\":\"Euro\",\"😀\":\"Smiley\",\"\u{fb33}\":\"Hebrew\"}"
        );
    }

    #[test]
    fn rfc8785_numbers_and_strings() {
        let v = json!({ "n": [1.0, -0.0, 100, 1e3, 9007199254740992u64, -9007199254740992i64],
                        "s": "日本語\u{0007}\"\\/" });
        let s = String::from_utf8(to_canonical_json(&v).expect("serialises")).expect("utf-8");
        assert_eq!(
            s,
            r#"{"n":[1,0,100,1000,9007199254740992,-9007199254740992],"s":"日本語\u0007\"\\/"}"#
        );
    }

    #[test]
    fn fractions_and_numbers_beyond_2_53_are_refused() {
        for text in [
            "0.5",
            "1e21",
            "1e-7",
            "9007199254740993",
            "-9007199254740993",
            "18446744073709551615",
            "[1, {\"a\": 2.5}]",
        ] {
            let v: serde_json::Value = serde_json::from_str(text).expect("json");
            let err = value_to_canonical_json(&v).expect_err(text);
            assert!(
                err.to_string().contains("whole number within"),
                "{text}: {err}"
            );
        }
    }

    #[test]
    fn same_content_same_bytes_whatever_the_input_order() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{"x": {"b": 2, "a": 1}, "y": [1, 2]}"#).expect("json");
        let b: serde_json::Value =
            serde_json::from_str("{\"y\":[1,2],\n \"x\":{\"a\":1,\"b\":2}}").expect("json");
        assert_eq!(
            to_canonical_json(&a).expect("a"),
            to_canonical_json(&b).expect("b")
        );
    }

    /// RFC 8785's reference form, by serde_json_canonicalizer (a dev-dependency).
    fn reference(v: &serde_json::Value) -> String {
        String::from_utf8(serde_json_canonicalizer::to_vec(v).expect("reference")).expect("utf-8")
    }

    /// Whether every number in `v` is a whole number within ±2^53.
    fn all_exact(v: &serde_json::Value) -> bool {
        use serde_json::Value;
        match v {
            Value::Number(n) => exact_integer(n).is_some(),
            Value::Array(items) => items.iter().all(all_exact),
            Value::Object(map) => map.values().all(all_exact),
            _ => true,
        }
    }

    #[test]
    fn the_writer_gives_rfc_8785_bytes() {
        let cases = [
            r#"{"\u20ac":"Euro","\r":"CR","\ufb33":"Hebrew","1":"One","\ud83d\ude00":"Smiley","\u0080":"Control","ö":"Latin","b":[true,null,false]}"#,
            r#"{"s":"日本語\u0007\u001f\u007f\"\\/\b\f\n\r\t\u2028","n":[0,-1,9007199254740992,-9007199254740992]}"#,
            r#"{"f":[1.0,-0.0,1e3,-2E2,9007199254740992.0]}"#,
            r#"[[],{},"",{"a":{"c":[{"z":1,"y":2}],"b":"x"}}]"#,
        ];
        for text in cases {
            let v: serde_json::Value = serde_json::from_str(text).expect("json");
            assert_eq!(
                String::from_utf8(value_to_canonical_json(&v).expect("canonical")).expect("utf-8"),
                reference(&v),
                "{text}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))), ..Default::default() })]
        #[test]
        fn the_writer_agrees_with_rfc_8785_or_refuses_the_number(v in json_value()) {
            match value_to_canonical_json(&v) {
                Ok(bytes) => proptest::prop_assert_eq!(String::from_utf8(bytes).expect("utf-8"), reference(&v)),
                Err(_) => proptest::prop_assert!(!all_exact(&v)),
            }
            proptest::prop_assert_eq!(value_to_canonical_json(&v).is_ok(), all_exact(&v));
        }
    }

    /// JSON values with keys and strings over all of Unicode, integers of every size, fractions.
    fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1000i64..1000).prop_map(Value::from),
            (-1000i64..1000).prop_map(|i| Value::from(i as f64)),
            any::<f64>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f)
                .map(Value::Number)),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec((any::<String>(), inner), 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn sha256_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
