//! Classifying one line of a regulation text: what it is (a 条, 項, 号, caption, 附則 …),
//! read from a bounded prefix of the line.

use super::{HEAD_CHARS, NodeKind};

/// What a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token {
    Blank,
    Article {
        number: Vec<u32>,
        caption: Option<String>,
        body: usize,
    },
    Group {
        kind: NodeKind,
        number: u32,
        title: String,
        range: Option<(String, String)>,
    },
    Supplementary {
        caption: Option<String>,
    },
    Extra {
        kind: NodeKind,
        number: String,
        caption: Option<String>,
    },
    Caption(String),
    Paragraph {
        number: u32,
        body: usize,
    },
    Item {
        number: Vec<u32>,
        kanji: bool,
        body: usize,
    },
    SubItem {
        number: String,
        body: usize,
    },
    Toc,
    Footer,
    Other,
}

/// The kana that number sub-items, in either order (イロハ, アイウ).
const IROHA: &str = "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセス";

/// Full-width ASCII and the ideographic space as ASCII; every other character as it is.
fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Strips indentation and list markers (「- 」, 「* 」, 「・」) from the start of a line;
/// returns the byte offset where the rest begins.
fn strip_marker(line: &str) -> usize {
    let t = line.trim_start();
    let mut at = line.len() - t.len();
    for marker in ["- ", "-\u{3000}", "* ", "・"] {
        if let Some(rest) = t.strip_prefix(marker) {
            let rest_trimmed = rest.trim_start();
            at = line.len() - rest_trimmed.len();
            break;
        }
    }
    at
}

/// A bounded view of a line: its first characters folded, with their byte offsets.
struct Head {
    chars: Vec<char>,
    offsets: Vec<usize>,
    end: usize,
}

impl Head {
    fn new(s: &str) -> Head {
        let mut chars = Vec::new();
        let mut offsets = Vec::new();
        let mut end = s.len();
        for (i, (at, c)) in s.char_indices().enumerate() {
            if i == HEAD_CHARS {
                end = at;
                break;
            }
            chars.push(fold_char(c));
            offsets.push(at);
        }
        Head {
            chars,
            offsets,
            end,
        }
    }

    /// Byte offset (in the string the head was made from) of character `i`.
    fn offset(&self, i: usize) -> usize {
        self.offsets.get(i).copied().unwrap_or(self.end)
    }

    fn get(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while self.get(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    }

    fn at_end_or_ws(&self, i: usize) -> bool {
        self.get(i).is_none_or(char::is_whitespace)
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from.min(self.chars.len())..to.min(self.chars.len())]
            .iter()
            .collect()
    }
}

/// ASCII digits (after folding) at `i`: their value and the index after them.
fn arabic(h: &Head, i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut n: u32 = 0;
    while let Some(d) = h.get(j).and_then(|c| c.to_digit(10)) {
        if j - i >= 6 {
            return None;
        }
        n = n * 10 + d;
        j += 1;
    }
    (j > i).then_some((n, j))
}

fn kanji_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A kanji numeral (一 … 九千九百九十九) at `i`.
fn kanji(h: &Head, i: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    while let Some(c) = h.get(j) {
        if let Some(d) = kanji_digit(c) {
            if digit.is_some() {
                // 二三 is not a numeral
                return None;
            }
            digit = Some(d);
        } else {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => break,
            };
            total += digit.take().unwrap_or(1) * unit;
        }
        j += 1;
        if j - i > 8 {
            return None;
        }
    }
    if j == i {
        return None;
    }
    total += digit.unwrap_or(0);
    (total > 0).then_some((total, j))
}

/// A number, ASCII or kanji: its value, the index after it, and whether it was kanji.
fn number(h: &Head, i: usize) -> Option<(u32, usize, bool)> {
    arabic(h, i)
        .map(|(n, j)| (n, j, false))
        .or_else(|| kanji(h, i).map(|(n, j)| (n, j, true)))
}

/// 「の2の3」 sub-numbers after a number.
fn sub_numbers(h: &Head, mut i: usize, parts: &mut Vec<u32>) -> usize {
    while h.get(h.skip_ws(i)) == Some('の') {
        let j = h.skip_ws(h.skip_ws(i) + 1);
        match number(h, j) {
            Some((n, k, _)) if parts.len() < 4 => {
                parts.push(n);
                i = k;
            }
            _ => break,
        }
    }
    i
}

/// 「第N条[のM…]」 at `i`: the number and the index after 条.
fn article_number(h: &Head, i: usize) -> Option<(Vec<u32>, usize)> {
    if h.get(i) != Some('第') {
        return None;
    }
    let j = h.skip_ws(i + 1);
    let (n, j, _) = number(h, j)?;
    let j = h.skip_ws(j);
    if h.get(j) != Some('条') {
        return None;
    }
    let mut parts = vec![n];
    let j = sub_numbers(h, j + 1, &mut parts);
    Some((parts, j))
}

/// Number parts as cited: `30-6`.
pub(crate) fn cite_number(parts: &[u32]) -> String {
    parts
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join("-")
}

/// The text inside a closing bracket run at the end of the head: 「(…)」 → 「…」.
fn bracketed(h: &Head, open: usize) -> Option<(String, usize)> {
    if h.get(open) != Some('(') {
        return None;
    }
    let mut depth = 0;
    let mut j = open;
    while let Some(c) = h.get(j) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((h.text(open + 1, j), j + 1));
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// 「第3条―第8条」, 「第1条・第2条」, 「第23条」 (a 目次 range) as (first, last).
fn toc_range(inner: &str) -> Option<(String, String)> {
    let h = Head::new(inner);
    let (first, j) = article_number(&h, h.skip_ws(0))?;
    let j = h.skip_ws(j);
    if h.get(j).is_none() {
        let n = cite_number(&first);
        return Some((n.clone(), n));
    }
    let mut k = j;
    // a separator: ―, ー, 一 (a defect some texts carry), ～, ・, から …
    while h
        .get(k)
        .is_some_and(|c| c != '第' && !c.is_ascii_digit() && k - j < 3)
    {
        k += 1;
    }
    let (last, end) = article_number(&h, h.skip_ws(k))?;
    h.get(h.skip_ws(end))
        .is_none()
        .then(|| (cite_number(&first), cite_number(&last)))
}

/// Classifies a line that starts at byte `base` of the text (bodies are text offsets).
pub(super) fn classify(line: &str, base: usize) -> Token {
    let start = base + strip_marker(line);
    let t = &line[start - base..];
    if t.trim().is_empty() {
        return Token::Blank;
    }
    let h = Head::new(t);
    let body_at = |i: usize| start + h.offset(h.skip_ws(i));
    let first = h.get(0).unwrap_or(' ');
    let trimmed = t.trim_end();
    if trimmed == "目次" {
        return Token::Toc;
    }
    if trimmed == "体系情報" || trimmed == "沿革情報" {
        return Token::Footer;
    }
    if first == '第' {
        if let Some((parts, j)) = article_number(&h, 0) {
            if h.at_end_or_ws(j) {
                return Token::Article {
                    number: parts,
                    caption: None,
                    body: body_at(j),
                };
            }
            // 「第1条(目的) …」: a caption written on the header line
            if let Some((inner, k)) = bracketed(&h, j)
                && inner.chars().count() <= 40
                && h.at_end_or_ws(k)
            {
                return Token::Article {
                    number: parts,
                    caption: Some(inner),
                    body: body_at(k),
                };
            }
            return Token::Other;
        }
        let j = h.skip_ws(1);
        if let Some((n, j, _)) = number(&h, j) {
            let j = h.skip_ws(j);
            let kind = match h.get(j) {
                Some('章') => Some(NodeKind::Chapter),
                Some('節') => Some(NodeKind::Section),
                Some('款') => Some(NodeKind::Subsection),
                _ => None,
            };
            if let Some(kind) = kind
                && (h.at_end_or_ws(j + 1) || h.get(j + 1) == Some('('))
            {
                let mut title = h.text(j + 1, h.chars.len()).trim().to_string();
                let mut range = None;
                if title.ends_with(')')
                    && let Some(open) = title.rfind('(')
                    && let Some(r) = toc_range(&title[open + 1..title.len() - 1])
                {
                    range = Some(r);
                    title = title[..open].trim_end().to_string();
                }
                return Token::Group {
                    kind,
                    number: n,
                    title,
                    range,
                };
            }
            // 「第1号様式」
            if h.get(j) == Some('号')
                && h.get(j + 1) == Some('様')
                && h.get(j + 2) == Some('式')
                && (h.at_end_or_ws(j + 3) || h.get(j + 3) == Some('('))
            {
                return Token::Extra {
                    kind: NodeKind::Form,
                    number: n.to_string(),
                    caption: bracketed(&h, h.skip_ws(j + 3)).map(|(s, _)| s),
                };
            }
        }
        return Token::Other;
    }
    if first == '附' || first == '付' {
        let j = h.skip_ws(1);
        if h.get(j) == Some('則') {
            let k = h.skip_ws(j + 1);
            let (caption, k) = match bracketed(&h, k) {
                Some((inner, after)) => (Some(inner), h.skip_ws(after)),
                None => (None, k),
            };
            let k = if h.get(k) == Some('抄') {
                h.skip_ws(k + 1)
            } else {
                k
            };
            if h.get(k).is_none() {
                return Token::Supplementary { caption };
            }
        }
        return Token::Other;
    }
    if first == '別' && h.get(1) == Some('表') {
        let mut j = h.skip_ws(2);
        let mut num = String::new();
        if h.get(j) == Some('第')
            && let Some((n, k, _)) = number(&h, h.skip_ws(j + 1))
        {
            let mut parts = vec![n];
            j = sub_numbers(&h, k, &mut parts);
            num = cite_number(&parts);
            j = h.skip_ws(j);
        }
        if h.get(j).is_none() || h.get(j) == Some('(') {
            return Token::Extra {
                kind: NodeKind::Table,
                number: num,
                caption: bracketed(&h, j).map(|(s, _)| s),
            };
        }
        return Token::Other;
    }
    if (first == '別' && h.get(1) == Some('記')) || (first == '様' && h.get(1) == Some('式')) {
        let mut j = 2;
        if first == '別' && h.get(2) == Some('様') && h.get(3) == Some('式') {
            j = 4;
        }
        let mut num = String::new();
        let k = h.skip_ws(j);
        if h.get(k) == Some('第')
            && let Some((n, k2, _)) = number(&h, h.skip_ws(k + 1))
        {
            let k2 = h.skip_ws(k2);
            if h.get(k2) == Some('号') {
                num = n.to_string();
                j = k2 + 1;
                if h.get(j) == Some('様') && h.get(j + 1) == Some('式') {
                    j += 2;
                }
            }
        }
        let k = h.skip_ws(j);
        if h.get(k).is_none() || h.get(k) == Some('(') {
            return Token::Extra {
                kind: NodeKind::Form,
                number: num,
                caption: bracketed(&h, k).map(|(s, _)| s),
            };
        }
        return Token::Other;
    }
    if first == '(' {
        let j = h.skip_ws(1);
        // 「(1)」, 「(1の2)」, 「(一)」: an item
        if let Some((n, k, kanji)) = number(&h, j) {
            let mut parts = vec![n];
            let k = h.skip_ws(sub_numbers(&h, k, &mut parts));
            if h.get(k) == Some(')') {
                return Token::Item {
                    number: parts,
                    kanji,
                    body: body_at(k + 1),
                };
            }
        }
        // 「(ア)」: a sub-item
        if let Some(c) = h.get(j)
            && IROHA.contains(c)
            && h.get(h.skip_ws(j + 1)) == Some(')')
        {
            return Token::SubItem {
                number: c.to_string(),
                body: body_at(h.skip_ws(j + 1) + 1),
            };
        }
        // a whole line in brackets: a caption (or a note such as 「(一部改正〔…〕)」)
        let last = trimmed.chars().last().map(fold_char);
        if last == Some(')') && trimmed.chars().count() <= 60 {
            let inner: String = trimmed.chars().skip(1).collect();
            let inner: String = inner
                .chars()
                .take(inner.chars().count().saturating_sub(1))
                .collect();
            return Token::Caption(inner.trim().to_string());
        }
        return Token::Other;
    }
    if let Some((n, j)) = arabic(&h, 0)
        && h.get(j).is_some_and(char::is_whitespace)
        && h.get(h.skip_ws(j)).is_some()
        && (1..1000).contains(&n)
    {
        return Token::Paragraph {
            number: n,
            body: body_at(j),
        };
    }
    if let Some((n, j)) = kanji(&h, 0)
        && h.get(j).is_some_and(char::is_whitespace)
        && h.get(h.skip_ws(j)).is_some()
    {
        let mut parts = vec![n];
        let j = sub_numbers(&h, j, &mut parts);
        return Token::Item {
            number: parts,
            kanji: true,
            body: body_at(j),
        };
    }
    if IROHA.contains(first)
        && h.get(1).is_some_and(char::is_whitespace)
        && h.get(h.skip_ws(1)).is_some()
    {
        return Token::SubItem {
            number: first.to_string(),
            body: body_at(1),
        };
    }
    Token::Other
}

/// 「(平成21年3月30日訓令第2号)」: the designation of an amending 附則 on a line of its own.
pub(super) fn is_amendment_designation(inner: &str) -> bool {
    ["明治", "大正", "昭和", "平成", "令和"]
        .iter()
        .any(|era| inner.starts_with(era))
        && inner.contains('第')
        && inner.ends_with('号')
        && inner.chars().count() <= 40
}

/// 「この規則は、公布の日から施行する。」: the enforcement clause every 附則 begins with.
pub(super) fn is_enforcement_clause(line: &str) -> bool {
    let t = line.trim_start();
    let Some(rest) = t.strip_prefix("この") else {
        return false;
    };
    [
        "規則", "規程", "要綱", "条例", "訓令", "告示", "要領", "基準",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
        && (t.contains("から施行する") || t.contains("から施行し"))
}

/// 「…の全部を改正する。」, 「…を次のように定める。」: an enactment clause before the body.
pub(super) fn is_enactment_clause(line: &str) -> bool {
    ["改正する", "定める", "制定する", "廃止する", "公布する"]
        .iter()
        .any(|w| line.contains(w))
}

/// Words by which a 項 announces the 号 that follow.
pub(super) fn announces_items(text: &str) -> bool {
    ["次", "各号", "掲げ", "以下", "左記", "とおり"]
        .iter()
        .any(|w| text.contains(w))
}

pub(super) fn short(line: &str) -> String {
    let t = line.trim();
    if t.chars().count() <= 60 {
        t.to_string()
    } else {
        format!("{}…", t.chars().take(60).collect::<String>())
    }
}
