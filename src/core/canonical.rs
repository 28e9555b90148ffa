//! Canonical JSON (RFC 8785, JSON Canonicalization Scheme) and SHA-256 identities.
//!
//! The same content always gives the same bytes: object members sorted by their UTF-16 code
//! units, no insignificant white space, numbers in ECMAScript form, strings minimally escaped.
//! A bundle's identity and a result's signature are computed over these bytes.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Serialises `value` as RFC 8785 canonical JSON.
pub fn to_canonical_json<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    serde_json_canonicalizer::to_vec(value)
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
        let v = json!({ "n": [1.0, 0.5, 1e21, -0.0, 100], "s": "日本語\u{0007}\"\\/" });
        let s = String::from_utf8(to_canonical_json(&v).expect("serialises")).expect("utf-8");
        assert_eq!(s, r#"{"n":[1,0.5,1e+21,0,100],"s":"日本語\u0007\"\\/"}"#);
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

    #[test]
    fn sha256_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
