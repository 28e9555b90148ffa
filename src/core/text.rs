//! Text folding used to compare quotes with regulation texts.
//!
//! A quote "occurs" in a source when, after folding both, the quote is a substring of the
//! source. Folding is Unicode NFKC (full-width digits and letters become ASCII, half-width
//! katakana become full-width, 「（」 becomes 「(」) followed by the removal of every white-space
//! character, so that 「第 20 条」 matches 「第20条」 and a quote copied across a line break
//! still matches. Folding keeps a map back to the original text so that a match can be
//! highlighted where it stands.
//!
//! NFKC itself comes from the platform (see [`nfkc`]): the `unicode-normalization` crate
//! natively, the browser's `String.prototype.normalize` in the app. Both implement the same
//! Unicode algorithm; using the browser's keeps 120 KB of tables out of the page.

/// Unicode NFKC from the platform.
mod platform {
    #[cfg(not(target_arch = "wasm32"))]
    pub fn normalize(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        s.nfkc().collect()
    }

    /// True when `c` is a combining mark (canonical combining class not 0).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn is_combining(c: char) -> bool {
        unicode_normalization::char::canonical_combining_class(c) != 0
    }

    #[cfg(target_arch = "wasm32")]
    pub fn normalize(s: &str) -> String {
        match js_sys::JsString::from(s).normalize("NFKC").as_string() {
            Some(n) => n,
            None => s.to_string(),
        }
    }

    /// True when `c` is a mark (`\p{M}`, a superset of combining class not 0, which only
    /// makes normalisation groups larger, never wrong).
    #[cfg(target_arch = "wasm32")]
    pub fn is_combining(c: char) -> bool {
        thread_local! {
            static MARK: js_sys::RegExp = js_sys::RegExp::new("^\\p{M}$", "u");
        }
        let mut buf = [0u8; 4];
        MARK.with(|re| re.test(c.encode_utf8(&mut buf)))
    }
}

/// True for characters that NFKC leaves unchanged and that never combine with a neighbour
/// (most of a Japanese regulation text: ASCII, kana, kanji, common punctuation). Folding
/// skips the normaliser for them. Checked against the normaliser by a test.
fn is_stable(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{3001}'..='\u{3003}' | '\u{3005}'..='\u{3007}' | '\u{3008}'..='\u{3011}'
        | '\u{3041}'..='\u{3094}' | '\u{30A1}'..='\u{30F4}' | '\u{30FB}'..='\u{30FE}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
    // kana that take a voiced mark are stable alone, but compose with U+3099/U+309A,
    // which `joins_previous` keeps in their group
}

/// NFKC of `s`.
pub fn nfkc(s: &str) -> String {
    if s.chars().all(is_stable) {
        s.to_string()
    } else {
        platform::normalize(s)
    }
}

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
    if matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{3099}' | '\u{309A}') {
        return true;
    }
    !(is_stable(c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)) && platform::is_combining(c)
}

/// The separator between groups normalised in one call: NFKC leaves it alone and it
/// combines with nothing.
const SEPARATOR: char = '\u{0}';

/// Folds `s` and keeps the origin of every output byte.
pub fn fold_mapped(s: &str) -> Folded {
    // groups: one character and the marks that combine with it
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut chars = s.char_indices().peekable();
    while let Some((start, _)) = chars.next() {
        let mut end = s.len();
        while let Some(&(i, c)) = chars.peek() {
            if joins_previous(c) {
                chars.next();
            } else {
                end = i;
                break;
            }
        }
        groups.push((start, end));
    }
    // normalise every group that needs it in one call (one crossing into the browser)
    let unstable: Vec<usize> = (0..groups.len())
        .filter(|&g| !s[groups[g].0..groups[g].1].chars().all(is_stable))
        .collect();
    let mut normalised: Vec<String> = Vec::new();
    if !unstable.is_empty() {
        let joined: Vec<&str> = unstable
            .iter()
            .map(|&g| &s[groups[g].0..groups[g].1])
            .collect();
        if !joined.iter().any(|t| t.contains(SEPARATOR)) {
            let sep = SEPARATOR.to_string();
            normalised = platform::normalize(&joined.join(&sep))
                .split(SEPARATOR)
                .map(str::to_string)
                .collect();
        }
        if normalised.len() != unstable.len() {
            normalised = joined.iter().map(|t| platform::normalize(t)).collect();
        }
    }
    let mut out = Folded {
        text: String::with_capacity(s.len()),
        origin: Vec::with_capacity(s.len()),
    };
    let mut next = unstable.iter().zip(normalised.iter()).peekable();
    for (g, &(start, end)) in groups.iter().enumerate() {
        let text = match next.peek() {
            Some(&(&u, n)) if u == g => {
                next.next();
                n.as_str()
            }
            _ => &s[start..end],
        };
        for c in text.chars() {
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

    /// Like [`Folded::find_all`], only inside `within` (a byte range of the original text):
    /// the occurrences that lie wholly in it.
    pub fn find_all_within(
        &self,
        needle: &str,
        within: std::ops::Range<usize>,
    ) -> Vec<std::ops::Range<usize>> {
        let mut all = Vec::new();
        self.scan(needle, within, &mut 0, &mut |r| {
            all.push(r);
            false
        });
        all
    }

    /// Visits the occurrences of `needle` (already folded) that lie wholly in `within` (a
    /// byte range of the original text), in text order, as byte ranges of the original
    /// text, until `stop` returns true. Adds to `read` the bytes of folded text the search
    /// passed over: at most the folded length of `within`, so that a caller can bound the
    /// work many searches do. The search is linear in the text and the needle.
    pub fn scan(
        &self,
        needle: &str,
        within: std::ops::Range<usize>,
        read: &mut u64,
        stop: &mut dyn FnMut(std::ops::Range<usize>) -> bool,
    ) {
        if needle.is_empty() {
            return;
        }
        // the folded bytes whose origin starts in `within` (origins never go back)
        let from = self
            .origin
            .partition_point(|&(start, _)| (start as usize) < within.start);
        let to = self
            .origin
            .partition_point(|&(start, _)| (start as usize) < within.end);
        let Some(slice) = self.text.get(from..to) else {
            return;
        };
        for (at, m) in slice.match_indices(needle) {
            let r = self.original_range(from + at, from + at + m.len());
            // occurrences come in order, their ends too: the rest run past `within` as well
            if r.end > within.end {
                break;
            }
            if stop(r) {
                *read += (at + m.len()) as u64;
                return;
            }
        }
        *read += slice.len() as u64;
    }

    /// Maps a byte range of the folded text back to the original text.
    fn original_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        self.origin[start].0 as usize..self.origin[end - 1].1 as usize
    }
}

/// Text safe in XML (an SVG chart's text and attributes, an XLSX cell): markup characters
/// escaped; a character XML cannot hold at all (a control character, U+FFFE, U+FFFF) shown
/// as U+FFFD, so that a file made from a hostile name still opens.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_characters_are_left_alone_by_nfkc() {
        use unicode_normalization::UnicodeNormalization;
        for c in (0u32..0x1_0000)
            .filter_map(char::from_u32)
            .filter(|&c| is_stable(c))
        {
            let n: String = c.to_string().nfkc().collect();
            assert_eq!(n, c.to_string(), "U+{:04X}", c as u32);
            assert!(!platform::is_combining(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folding_equals_nfkc_of_the_whole_text() {
        // group-wise normalisation gives what NFKC of the whole text gives
        let text = "第２０条（目的）\u{3000}ｶﾞｲﾄﾞ ﾊﾟｽ e\u{301} ①㈱㍻ ﾃﾞｰﾀ が\u{3099} Å";
        let whole: String = platform::normalize(text)
            .chars()
            .filter(|&c| !is_folded_away(c))
            .collect();
        assert_eq!(fold(text), whole);
    }

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

    #[test]
    fn a_scan_reads_up_to_where_it_stops_and_never_past_its_range() {
        let text = "あいう\nあいう\nあいう";
        let folded = fold_mapped(text);
        let mut read = 0;
        let mut seen = Vec::new();
        folded.scan("い", 0..text.len(), &mut read, &mut |r| {
            seen.push(r.start);
            seen.len() == 2
        });
        // stopped at the second 「い」: read 「あいうあい」 (folding removed the line ends)
        assert_eq!(seen, [3, 13]);
        assert_eq!(read, 15);
        // a search to the end reads its range's folded bytes, and only those
        let mut read = 0;
        folded.scan("え", 10..text.len(), &mut read, &mut |_| true);
        assert_eq!(read, 18);
        folded.scan("", 0..text.len(), &mut read, &mut |_| true);
        assert_eq!(read, 18, "an empty needle reads nothing");
    }

    #[test]
    fn finding_within_a_range_finds_what_the_whole_search_finds_there() {
        let text =
            "第1条 課長は、記録を保存する。\n第2条 課長は、ｷﾛｸを保存する。\n第3条 記録を保存する。";
        let folded = fold_mapped(text);
        let needle = fold("記録を保存する");
        let all = folded.find_all(&needle);
        assert_eq!(all.len(), 2);
        let second = text.find("第3条").unwrap()..text.len();
        assert_eq!(
            folded.find_all_within(&needle, second.clone()),
            vec![all[1].clone()]
        );
        assert_eq!(folded.find_all_within(&needle, 0..text.len()), all);
        // a range that cuts an occurrence finds nothing there
        assert!(
            folded
                .find_all_within(&needle, second.start..text.len() - "る。".len())
                .is_empty()
        );
        // an empty or reversed range finds nothing and never panics
        assert!(folded.find_all_within(&needle, 5..5).is_empty());
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 9..2;
        assert!(folded.find_all_within(&needle, reversed).is_empty());
        // half-width kana fold to full width
        assert_eq!(
            folded
                .find_all_within(&fold("キロクを保存"), 0..text.len())
                .len(),
            1
        );
    }

    #[test]
    fn xml_escaping_keeps_text_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape_xml("a&<b>\"'\n\u{1}\u{ffff}課"),
            "a&amp;&lt;b&gt;&quot;&#39;\n\u{fffd}\u{fffd}課"
        );
    }
}
