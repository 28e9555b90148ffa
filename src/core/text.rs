//! Text folding used to compare quotes with regulation texts.
//!
//! A quote "occurs" in a source when, after folding both, the quote is a substring of the
//! source. Folding is Unicode NFKC (full-width digits and letters become ASCII, half-width
//! katakana become full-width, 「（」 becomes 「(」) followed by the removal of every white-space
//! character, so that 「第 20 条」 matches 「第20条」 and a quote copied across a line break
//! still matches. Folding keeps a map back to the original text so that a match can be
//! highlighted where it stands.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// A folded string with, for every byte of it, the byte offset of the original character
/// it came from.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For every byte of `text`, the byte range of the original characters it came from.
    origin: Vec<(u32, u32)>,
}

/// Folds `s` for comparison (NFKC, then all white space removed).
pub fn fold(s: &str) -> String {
    fold_mapped(s).text
}

/// Returns true when `c` would be removed by folding.
fn is_folded_away(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Half-width voiced/semi-voiced sound marks combine with the preceding kana under NFKC but
/// have combining class 0, so they must be kept in the same normalisation group.
fn joins_previous(c: char) -> bool {
    canonical_combining_class(c) != 0
        || matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{3099}' | '\u{309A}')
}

/// Folds `s` and keeps the origin of every output byte.
pub fn fold_mapped(s: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(s.len()),
        origin: Vec::with_capacity(s.len()),
    };
    let mut chars = s.char_indices().peekable();
    while let Some((start, _)) = chars.next() {
        // a group is one character and the combining marks that follow it
        let mut end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if joins_previous(c) {
                chars.next();
            } else {
                end = i;
                break;
            }
        }
        for c in s[start..end].nfkc() {
            if is_folded_away(c) {
                continue;
            }
            let before = out.text.len();
            out.text.push(c);
            for _ in before..out.text.len() {
                out.origin.push((start as u32, end as u32));
            }
        }
    }
    out
}

impl Folded {
    /// Finds `needle` (already folded) and returns the byte range in the original text.
    pub fn find(&self, needle: &str) -> Option<std::ops::Range<usize>> {
        if needle.is_empty() {
            return None;
        }
        let at = self.text.find(needle)?;
        Some(self.original_range(at, at + needle.len()))
    }

    /// Finds every (non-overlapping) occurrence of `needle` (already folded) and returns
    /// their byte ranges in the original text.
    pub fn find_all(&self, needle: &str) -> Vec<std::ops::Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(needle)
            .map(|(at, m)| self.original_range(at, at + m.len()))
            .collect()
    }

    /// Maps a byte range of the folded text back to the original text.
    fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.origin[start].0 as usize..self.origin[end - 1].1 as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfkc_and_white_space() {
        assert_eq!(fold("第 20 条"), "第20条");
        assert_eq!(fold("第２０条\n（点検）"), "第20条(点検)");
        assert_eq!(fold("ｶﾞｲﾄﾞ"), "ガイド");
        assert_eq!(fold("Ａ\u{3000}Ｂ"), "AB");
    }

    #[test]
    fn find_maps_back_to_original() {
        let src = "前文。\n第 20 条 契約書には、次に掲げる事項を\n明記しなければならない。";
        let f = fold_mapped(src);
        let r = f
            .find(&fold("事項を明記しなければ"))
            .expect("found across the line break");
        assert_eq!(&src[r], "事項を\n明記しなければ");
        let r = f.find(&fold("第20条")).expect("spaced digits");
        assert_eq!(&src[r], "第 20 条");
    }

    #[test]
    fn find_half_width_kana_maps_whole_group() {
        let src = "アイｶﾞウ";
        let f = fold_mapped(src);
        let r = f.find("ガ").expect("composed");
        assert_eq!(&src[r], "ｶﾞ");
    }

    #[test]
    fn missing_and_empty_quotes_are_not_found() {
        let f = fold_mapped("電子情報の秘密保持に関する事項");
        assert!(f.find(&fold("秘密保持義務")).is_none());
        assert!(f.find("").is_none());
        assert!(f.find_all("").is_empty());
    }

    #[test]
    fn find_all_occurrences() {
        let src = "に関する事項\n(2) 再委託に関する 事項";
        let f = fold_mapped(src);
        let all = f.find_all(&fold("に関する事項"));
        assert_eq!(all.len(), 2);
        assert_eq!(&src[all[1].clone()], "に関する 事項");
    }
}
