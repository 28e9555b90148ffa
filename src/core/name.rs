//! 課名 (and other names people compare by eye): one spelling per name, no invisible
//! characters.
//!
//! Two names are the same when their [`name_key`]s are equal: NFKC (so full-width and
//! half-width forms agree) with white space trimmed and runs of it made one space. Names
//! holding characters a reader cannot see — control characters, zero-width characters,
//! bidirectional overrides, variation selectors — are refused where they are entered
//! ([`hidden_character`]) and can never equal a registered name, so 「情報政策課」 with a
//! zero-width space cannot pass for 「情報政策課」.

use crate::core::text::nfkc;

/// True for a character that changes nothing visible (or reverses what follows).
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
            | '\u{E0100}'..='\u{E01EF}')
}

/// The first hidden character of `s`, if any.
pub fn hidden_character(s: &str) -> Option<char> {
    s.chars().find(|&c| is_hidden(c))
}

/// `s` without its hidden characters (what a form keeps of a typed name).
pub fn visible_only(s: &str) -> String {
    s.chars().filter(|&c| !is_hidden(c)).collect()
}

/// The form names are compared in: NFKC, trimmed, inner white space as one space.
pub fn name_key(s: &str) -> String {
    nfkc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `name` made safe as a file name: no path separators, no characters Windows refuses, no
/// controls, no leading or trailing dots or spaces, at most 60 characters; `tenken` when
/// nothing is left.
pub fn file_safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if is_hidden(c) || "\\/:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_matches('.');
    if trimmed.is_empty() {
        "tenken".into()
    } else {
        trimmed.chars().take(60).collect()
    }
}

/// `s` with every hidden character written out as `<U+XXXX>`, for showing what a file
/// really says.
pub fn reveal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_are_found_and_revealed() {
        for s in [
            "情報\u{200B}政策課",
            "情報政策課\u{202E}",
            "\u{2066}情報政策課",
            "情報政策課\u{FEFF}",
            "情報\t政策課",
            "情報政策課\u{FE0F}",
        ] {
            assert!(hidden_character(s).is_some(), "{s:?}");
            assert_ne!(name_key(s), name_key("情報政策課"), "{s:?}");
        }
        assert_eq!(reveal("情報\u{200B}政策課"), "情報<U+200B>政策課");
        assert_eq!(hidden_character("情報政策課"), None);
        assert_eq!(hidden_character("ＩＴ推進課 第２係"), None);
    }

    #[test]
    fn file_names_are_safe_on_every_system() {
        assert_eq!(file_safe("情報政策課"), "情報政策課");
        assert_eq!(file_safe("../総務/課:1"), "_総務_課_1");
        assert_eq!(file_safe(" .. "), "tenken");
        assert_eq!(file_safe("a\u{202E}b"), "a_b");
        assert_eq!(file_safe(&"長".repeat(100)).chars().count(), 60);
    }

    #[test]
    fn width_and_spacing_do_not_make_another_name() {
        assert_eq!(name_key(" ＩＴ推進課 "), name_key("IT推進課"));
        assert_eq!(name_key("情報　政策課"), name_key("情報 政策課"));
        assert_eq!(name_key("ｼﾞｮｳﾎｳ課"), name_key("ジョウホウ課"));
        assert_ne!(name_key("情報政策課"), name_key("情報政策室"));
    }
}
