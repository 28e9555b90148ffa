//! The outline of a regulation text: its 章・節, 条, 項, 号 and 細目 (イ・ロ・ハ), its 附則,
//! 別表 and 様式, each with its number as cited, its caption, its byte range and its line;
//! and the lines that look structural but cannot be placed (`unplaced`), each with a reason.
//!
//! The layout read is the conventional one of 例規集 texts (and of the seeds):
//!
//! - 章・節・款: a line 「第2章 総則」 (「第 5 章」, full-width or kanji numerals too);
//! - 条: a line 「第20条 …」, 「第 20 条」, 「第30条の6」 (cited as `30-6`), 「第十条」, with a
//!   leading list marker 「- 」 allowed; a caption line 「(点検)」 just before it belongs to it;
//! - 項: the text after the 条 header is 項 1; a line 「2 …」 (「２　…」) starts 項 2;
//! - 号: a line 「(1) …」, 「（１）…」, 「(1の2) …」 (cited as `1-2`) or 「一 …」 (kanji numerals);
//! - 細目: a line 「イ …」 or 「ア …」 (or 「(ア)」) inside a 号;
//! - 附則 (also 「付則」, 「附 則」, 「附則(平成28年4月1日規則第27号)」): its own 条 and 項 are its
//!   children, so they never clash with the main 条; 別表 (「別表第1(第2条関係)」) and 様式
//!   (「様式第1号」, 「別記様式」) close the body and hold no structure;
//! - a 目次 (the line 「目次」 and its entries) is read, and its 条 ranges are compared with the body.
//!
//! Texts copied from 例規集 pages carry defects (see `policies/README.md` §5). What cannot
//! be placed is listed in [`Outline::unplaced`] with its line and a reason in Japanese and
//! English, and the rest of the text is still outlined: a 項 number out of sequence, a 号
//! outside any 条, text before the first 条 that is not a title, 目次 or 制定文, skipped 条 or 号
//! numbers (placed, but reported), a 目次 whose ranges disagree with the body, a 附則 without
//! its header, and the footer of a 例規集 web page (「体系情報」「沿革情報」), after which nothing is read.
//!
//! Cost: one pass over the lines; each line is classified from a bounded prefix, and the
//! open nodes are a stack of at most eight levels, so the time is linear in the text. The
//! numbers of nodes and of unplaced lines are capped ([`MAX_NODES`], [`MAX_UNPLACED`]).

use std::collections::HashMap;
use std::ops::Range;

use crate::core::message::Message;

/// Index of a node in [`Outline::nodes`].
pub type NodeId = usize;

/// The most nodes an outline holds; the rest of a text beyond it is not outlined.
pub const MAX_NODES: usize = 100_000;

/// The most unplaced lines listed.
pub const MAX_UNPLACED: usize = 1_000;

/// How many characters of a line are looked at to classify it.
const HEAD_CHARS: usize = 160;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// 章.
    Chapter,
    /// 節.
    Section,
    /// 款.
    Subsection,
    /// 条.
    Article,
    /// 項.
    Paragraph,
    /// 号.
    Item,
    /// 細目 (イ・ロ・ハ, ア・イ・ウ, (ア)).
    SubItem,
    /// 附則.
    Supplementary,
    /// 別表.
    Table,
    /// 様式, 別記様式.
    Form,
}

impl NodeKind {
    /// Nesting level: a node closes every open node of its level or deeper.
    fn level(self) -> u8 {
        match self {
            NodeKind::Supplementary | NodeKind::Table | NodeKind::Form => 0,
            NodeKind::Chapter => 1,
            NodeKind::Section => 2,
            NodeKind::Subsection => 3,
            NodeKind::Article => 4,
            NodeKind::Paragraph => 5,
            NodeKind::Item => 6,
            NodeKind::SubItem => 7,
        }
    }

    /// The Japanese name (章, 条, 項 …).
    pub fn label_ja(self) -> &'static str {
        match self {
            NodeKind::Chapter => "章",
            NodeKind::Section => "節",
            NodeKind::Subsection => "款",
            NodeKind::Article => "条",
            NodeKind::Paragraph => "項",
            NodeKind::Item => "号",
            NodeKind::SubItem => "細目",
            NodeKind::Supplementary => "附則",
            NodeKind::Table => "別表",
            NodeKind::Form => "様式",
        }
    }

    /// The English name.
    pub fn label_en(self) -> &'static str {
        match self {
            NodeKind::Chapter => "chapter",
            NodeKind::Section => "section",
            NodeKind::Subsection => "subsection",
            NodeKind::Article => "article",
            NodeKind::Paragraph => "paragraph",
            NodeKind::Item => "item",
            NodeKind::SubItem => "sub-item",
            NodeKind::Supplementary => "supplementary provisions",
            NodeKind::Table => "appended table",
            NodeKind::Form => "form",
        }
    }
}

/// One node of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// What it is.
    pub kind: NodeKind,
    /// Its number as cited: article `30-6`, paragraph `2`, item `3` (`1-2` for 第1号の2),
    /// sub-item `イ`; chapter `2`; 別表・様式 `1` (empty when unnumbered); empty for a 附則.
    pub number: String,
    /// The caption: a 条's 見出し without brackets (「目的」), a 章's title, a 附則's
    /// designation (「平成28年4月1日規則第27号」), a 別表's 「第2条関係」.
    pub caption: Option<String>,
    /// Byte range in the text: from the caption line (for a 条) or the header line to the
    /// end of the node's last line.
    pub range: Range<usize>,
    /// Byte offset where the node's own text begins (after its number).
    pub body: usize,
    /// Line number (from 1) of the header line.
    pub line: usize,
    /// The enclosing node.
    pub parent: Option<NodeId>,
    /// The nodes inside, in text order.
    pub children: Vec<NodeId>,
}

/// Where a unit of the main body stands, as a citation names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Place {
    /// 条 (`30-6`).
    pub article: String,
    /// 項, absent for the 条 as a whole.
    pub paragraph: Option<String>,
    /// 号.
    pub item: Option<String>,
}

impl Place {
    /// 「第20条第1項第3号」 (「第20条」 for the 条 as a whole).
    pub fn label(&self) -> String {
        crate::core::bundle::place_label(
            &self.article,
            self.paragraph.as_deref(),
            self.item.as_deref(),
        )
    }
}

/// A line that looks structural but could not be placed, or whose number shows a defect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// Line number (from 1).
    pub line: usize,
    /// Byte range of the line.
    pub range: Range<usize>,
    /// The line (at most 60 characters of it).
    pub text: String,
    /// Why.
    pub kind: UnplacedKind,
}

/// Why a line is listed as unplaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnplacedKind {
    /// Article numbers skip (placed): 第1条 is followed by 第3条.
    ArticleSkipped { expected: String, found: String },
    /// An article number that does not follow the one before (not placed).
    ArticleOutOfOrder { previous: String, found: String },
    /// A 項 number out of sequence inside an article (not placed).
    ParagraphOutOfSequence {
        article: String,
        expected: u32,
        found: u32,
    },
    /// A 項 number outside any article (not placed).
    ParagraphOutsideArticle { found: u32 },
    /// 号 numbers skip (placed): (2) is followed by (4).
    ItemSkipped { expected: String, found: String },
    /// A 号 number that repeats or goes back (not placed).
    ItemOutOfOrder { previous: String, found: String },
    /// A 号 outside any article (not placed).
    ItemOutsideArticle { found: String },
    /// 号 that follow a 項 which does not announce them (placed): often a lost header.
    ItemsWithoutLeadIn { found: String },
    /// A sub-item (イ, ア) outside any 号 (not placed).
    SubItemOutsideItem { found: String },
    /// A 節 or 款 outside any 章 (placed at the top).
    SectionOutsideChapter { found: String },
    /// A 章 after the 附則, 別表 or 様式 (not placed).
    ChapterAfterBody { found: String },
    /// Text before the first 条 that is not a title, 目次 or 制定文.
    TextBeforeFirstArticle,
    /// A 附則 that has no 「附則」 header (started where its first line stands).
    SupplementaryWithoutHeader,
    /// The 目次 gives a chapter other 条 than the body.
    TocMismatch {
        chapter: String,
        toc: String,
        body: Option<String>,
    },
    /// The footer of a 例規集 web page: nothing after it is read.
    PageFooter,
    /// The outline holds [`MAX_NODES`] nodes: the rest is not outlined.
    TooManyNodes,
}

impl UnplacedKind {
    /// True when the line was placed in the outline all the same (a number gap, a missing
    /// lead-in, a 目次 that disagrees): the entry reports a defect, not a lost line.
    pub fn is_placed(&self) -> bool {
        matches!(
            self,
            UnplacedKind::ArticleSkipped { .. }
                | UnplacedKind::ItemSkipped { .. }
                | UnplacedKind::ItemsWithoutLeadIn { .. }
                | UnplacedKind::SectionOutsideChapter { .. }
                | UnplacedKind::SupplementaryWithoutHeader
                | UnplacedKind::TocMismatch { .. }
        )
    }
}

fn article_ja(n: &str) -> String {
    crate::core::bundle::place_label(n, None, None)
}

fn item_ja(n: &str) -> String {
    format!("第{}号", n.replace('-', "の"))
}

impl Message for UnplacedKind {
    fn message_ja(&self) -> String {
        use UnplacedKind::*;
        match self {
            ArticleSkipped { expected, found } => format!(
                "{}がありません（{}の前）。条の見出しが欠けているかもしれません",
                article_ja(expected),
                article_ja(found)
            ),
            ArticleOutOfOrder { previous, found } => format!(
                "{}が{}の後にあり、順序が合わないため条として読みません",
                article_ja(found),
                article_ja(previous)
            ),
            ParagraphOutOfSequence {
                article,
                expected,
                found,
            } => format!(
                "{}の項番号 {found} が順序に合いません（次は第{expected}項のはず）。前の項の一部として読みます",
                article_ja(article)
            ),
            ParagraphOutsideArticle { found } => {
                format!("項番号 {found} がどの条にも属していません")
            }
            ItemSkipped { expected, found } => format!(
                "{}がありません（{}の前）",
                item_ja(expected),
                item_ja(found)
            ),
            ItemOutOfOrder { previous, found } => format!(
                "{}が{}の後にあり、順序が合わないため号として読みません",
                item_ja(found),
                item_ja(previous)
            ),
            ItemOutsideArticle { found } => {
                format!("{}がどの条にも属していません", item_ja(found))
            }
            ItemsWithoutLeadIn { found } => format!(
                "{}の前の項に「次に掲げる」などの柱書がありません。条の見出しや柱書が欠けているかもしれません",
                item_ja(found)
            ),
            SubItemOutsideItem { found } => format!("細目「{found}」がどの号にも属していません"),
            SectionOutsideChapter { found } => format!("「{found}」がどの章にも属していません"),
            ChapterAfterBody { found } => {
                format!("「{found}」が附則・別表・様式の後にあるため章として読みません")
            }
            TextBeforeFirstArticle => {
                "最初の条より前に、題名・目次・制定文ではない本文があります".into()
            }
            SupplementaryWithoutHeader => {
                "附則の見出し（「附則」）がないまま附則が始まっています。ここから附則として読みます".into()
            }
            TocMismatch { chapter, toc, body } => match body {
                Some(body) => format!(
                    "目次では{chapter}は{toc}ですが、本文では{body}です"
                ),
                None => format!("目次の{chapter}（{toc}）が本文にありません"),
            },
            PageFooter => {
                "例規集のウェブページの脚注（体系情報・沿革情報）です。ここから後は本文として読みません".into()
            }
            TooManyNodes => format!(
                "条・項・号が多すぎます（上限 {MAX_NODES}）。ここから後は読みません"
            ),
        }
    }

    fn message_en(&self) -> String {
        use UnplacedKind::*;
        match self {
            ArticleSkipped { expected, found } => format!(
                "article {expected} is missing (before article {found}); a header may be lost"
            ),
            ArticleOutOfOrder { previous, found } => format!(
                "article {found} follows article {previous}; out of order, not read as an article"
            ),
            ParagraphOutOfSequence {
                article,
                expected,
                found,
            } => format!(
                "paragraph number {found} in article {article} is out of sequence (expected {expected}); read as part of the paragraph before"
            ),
            ParagraphOutsideArticle { found } => {
                format!("paragraph number {found} stands outside any article")
            }
            ItemSkipped { expected, found } => {
                format!("item {expected} is missing (before item {found})")
            }
            ItemOutOfOrder { previous, found } => format!(
                "item {found} follows item {previous}; out of order, not read as an item"
            ),
            ItemOutsideArticle { found } => format!("item {found} stands outside any article"),
            ItemsWithoutLeadIn { found } => format!(
                "the paragraph before item {found} does not announce items; an article header or lead-in may be lost"
            ),
            SubItemOutsideItem { found } => format!("sub-item {found} stands outside any item"),
            SectionOutsideChapter { found } => format!("\"{found}\" stands outside any chapter"),
            ChapterAfterBody { found } => format!(
                "\"{found}\" follows the supplementary provisions, tables or forms; not read as a chapter"
            ),
            TextBeforeFirstArticle => {
                "text before the first article that is neither title, table of contents nor enactment clause".into()
            }
            SupplementaryWithoutHeader => {
                "supplementary provisions begin without their header; read as supplementary provisions from here".into()
            }
            TocMismatch { chapter, toc, body } => match body {
                Some(body) => format!(
                    "the table of contents gives {chapter} as {toc}, the body as {body}"
                ),
                None => format!("{chapter} ({toc}) of the table of contents is not in the body"),
            },
            PageFooter => {
                "footer of a regulation web page (classification, history); nothing after it is read".into()
            }
            TooManyNodes => {
                format!("too many units (at most {MAX_NODES}); the rest is not outlined")
            }
        }
    }
}

/// An entry of the 目次.
#[derive(Debug, Clone)]
struct TocEntry {
    kind: NodeKind,
    number: String,
    range: Option<(String, String)>,
    line: usize,
    span: Range<usize>,
    text: String,
}

/// The outline of one regulation text.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    nodes: Vec<Node>,
    roots: Vec<NodeId>,
    unplaced: Vec<Unplaced>,
    title: Option<String>,
    index: HashMap<(String, Option<String>, Option<String>), NodeId>,
}

// ---------------------------------------------------------------------------------------
// Classifying one line
// ---------------------------------------------------------------------------------------

/// What a line is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
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
fn classify(line: &str, base: usize) -> Token {
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
fn is_amendment_designation(inner: &str) -> bool {
    ["明治", "大正", "昭和", "平成", "令和"]
        .iter()
        .any(|era| inner.starts_with(era))
        && inner.contains('第')
        && inner.ends_with('号')
        && inner.chars().count() <= 40
}

/// 「この規則は、公布の日から施行する。」: the enforcement clause every 附則 begins with.
fn is_enforcement_clause(line: &str) -> bool {
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
fn is_enactment_clause(line: &str) -> bool {
    ["改正する", "定める", "制定する", "廃止する", "公布する"]
        .iter()
        .any(|w| line.contains(w))
}

/// Words by which a 項 announces the 号 that follow.
fn announces_items(text: &str) -> bool {
    ["次", "各号", "掲げ", "以下", "左記", "とおり"]
        .iter()
        .any(|w| text.contains(w))
}

fn short(line: &str) -> String {
    let t = line.trim();
    if t.chars().count() <= 60 {
        t.to_string()
    } else {
        format!("{}…", t.chars().take(60).collect::<String>())
    }
}

// ---------------------------------------------------------------------------------------
// Building the tree
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Preamble,
    Toc,
    Body,
    Footer,
}

#[derive(Debug, Clone)]
struct Pending {
    start: usize,
    end: usize,
    caption: String,
}

struct Builder<'a> {
    text: &'a str,
    out: Outline,
    stack: Vec<NodeId>,
    phase: Phase,
    pending: Option<Pending>,
    last_end: usize,
    last_article: Option<Vec<u32>>,
    last_chapter: Option<u32>,
    toc: Vec<TocEntry>,
    /// Per open paragraph: the last item number and whether the items are kanji-numbered.
    items: HashMap<NodeId, (Vec<u32>, bool)>,
    /// Per open 附則: the last article number in it.
    supp_articles: HashMap<NodeId, Vec<u32>>,
    full: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Builder<'a> {
        Builder {
            text,
            out: Outline::default(),
            stack: Vec::new(),
            phase: Phase::Preamble,
            pending: None,
            last_end: 0,
            last_article: None,
            last_chapter: None,
            toc: Vec::new(),
            items: HashMap::new(),
            supp_articles: HashMap::new(),
            full: false,
        }
    }

    fn report(&mut self, line: usize, range: Range<usize>, kind: UnplacedKind) {
        if self.out.unplaced.len() < MAX_UNPLACED {
            let text = short(&self.text[range.clone()]);
            self.out.unplaced.push(Unplaced {
                line,
                range,
                text,
                kind,
            });
        }
    }

    fn kind_of(&self, id: NodeId) -> NodeKind {
        self.out.nodes[id].kind
    }

    /// The open top-level node if it is a 附則, 別表 or 様式.
    fn extra(&self) -> Option<(NodeId, NodeKind)> {
        let root = *self.stack.first()?;
        let kind = self.kind_of(root);
        (kind.level() == 0).then_some((root, kind))
    }

    /// The innermost open node of `kind`.
    fn open(&self, kind: NodeKind) -> Option<NodeId> {
        self.stack
            .iter()
            .rev()
            .copied()
            .find(|&id| self.kind_of(id) == kind)
    }

    /// Closes open nodes of `level` or deeper, ending them at the last content line.
    fn close_to(&mut self, level: u8) {
        while let Some(&top) = self.stack.last() {
            if self.kind_of(top).level() < level {
                break;
            }
            self.stack.pop();
            self.items.remove(&top);
            let node = &mut self.out.nodes[top];
            node.range.end = self.last_end.max(node.range.start);
        }
    }

    /// Opens a node under the innermost open node.
    fn push(
        &mut self,
        kind: NodeKind,
        number: String,
        caption: Option<String>,
        start: usize,
        body: usize,
        line: usize,
    ) -> Option<NodeId> {
        if self.out.nodes.len() >= MAX_NODES {
            if !self.full {
                self.full = true;
                let end = self.text[start..]
                    .find('\n')
                    .map_or(self.text.len(), |e| start + e);
                self.report(line, start..end, UnplacedKind::TooManyNodes);
            }
            return None;
        }
        let id = self.out.nodes.len();
        let parent = self.stack.last().copied();
        self.out.nodes.push(Node {
            kind,
            number,
            caption,
            range: start..start,
            body,
            line,
            parent,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.out.nodes[p].children.push(id),
            None => self.out.roots.push(id),
        }
        self.stack.push(id);
        Some(id)
    }

    /// The pending caption line becomes text of the current node.
    fn flush_pending(&mut self) {
        if let Some(p) = self.pending.take() {
            self.last_end = p.end;
        }
    }

    fn line(&mut self, start: usize, line_no: usize, raw: &str) {
        if self.phase == Phase::Footer || self.full {
            return;
        }
        let end = start + raw.len();
        let token = classify(raw, start);
        if token == Token::Blank {
            return;
        }
        match self.phase {
            Phase::Preamble => {
                if self.preamble(start, end, line_no, raw, &token) {
                    return;
                }
            }
            Phase::Toc => {
                if self.toc_line(start, end, line_no, raw, &token) {
                    return;
                }
            }
            Phase::Body | Phase::Footer => {}
        }
        self.phase = Phase::Body;
        // the footer of a 例規集 page: the title again, 体系情報, 沿革情報
        let plain = raw.trim().trim_start_matches('○');
        if token == Token::Footer || self.out.title.as_deref() == Some(plain) {
            self.pending = None;
            self.close_to(0);
            self.phase = Phase::Footer;
            self.report(line_no, start..end, UnplacedKind::PageFooter);
            return;
        }
        self.body(start, end, line_no, raw, token);
    }

    /// A line before the body; true when consumed.
    fn preamble(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        raw: &str,
        token: &Token,
    ) -> bool {
        match token {
            Token::Toc => {
                self.pending = None;
                self.phase = Phase::Toc;
                true
            }
            Token::Article { .. }
            | Token::Group { .. }
            | Token::Supplementary { .. }
            | Token::Extra { .. } => false,
            Token::Caption(caption) => {
                self.pending = Some(Pending {
                    start,
                    end,
                    caption: caption.clone(),
                });
                true
            }
            Token::Paragraph { .. } | Token::Item { .. } | Token::SubItem { .. } => {
                self.pending = None;
                self.report(line_no, start..end, UnplacedKind::TextBeforeFirstArticle);
                true
            }
            _ => {
                self.pending = None;
                let t = raw.trim().trim_start_matches('○').trim();
                if self.out.title.is_none() {
                    self.out.title = Some(t.to_string());
                } else if t.ends_with('。') && !is_enactment_clause(t) {
                    self.report(line_no, start..end, UnplacedKind::TextBeforeFirstArticle);
                }
                true
            }
        }
    }

    /// A line of the 目次; true when consumed.
    fn toc_line(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        raw: &str,
        token: &Token,
    ) -> bool {
        match token {
            Token::Group {
                kind,
                number,
                range,
                ..
            } => {
                let seen = self
                    .toc
                    .iter()
                    .any(|e| e.kind == *kind && e.number == number.to_string());
                if seen {
                    // the body's first chapter: the 目次 is over
                    return false;
                }
                self.toc.push(TocEntry {
                    kind: *kind,
                    number: number.to_string(),
                    range: range.clone(),
                    line: line_no,
                    span: start..end,
                    text: raw.trim().to_string(),
                });
                true
            }
            Token::Supplementary { .. } | Token::Extra { .. } => true,
            Token::Other if raw.trim().chars().count() <= 20 && !raw.contains('。') => true,
            Token::Other => {
                self.phase = Phase::Preamble;
                self.preamble(start, end, line_no, raw, token)
            }
            _ => false,
        }
    }

    fn body(&mut self, start: usize, end: usize, line_no: usize, raw: &str, token: Token) {
        match token {
            Token::Caption(caption) => {
                let in_main_or_supp = self.open(NodeKind::Article).is_some()
                    || matches!(self.extra(), Some((_, NodeKind::Supplementary)));
                if is_amendment_designation(&caption) && in_main_or_supp {
                    self.pending = None;
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::SupplementaryWithoutHeader,
                    );
                    self.close_to(0);
                    self.push(
                        NodeKind::Supplementary,
                        String::new(),
                        Some(caption),
                        start,
                        end,
                        line_no,
                    );
                    self.last_end = end;
                    return;
                }
                self.flush_pending();
                self.pending = Some(Pending {
                    start,
                    end,
                    caption,
                });
            }
            Token::Article {
                number,
                caption,
                body,
            } => self.article(start, end, line_no, number, caption, body),
            Token::Group {
                kind,
                number,
                title,
                ..
            } => {
                self.flush_pending();
                if self.extra().is_some() {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::ChapterAfterBody { found: short(raw) },
                    );
                    self.last_end = end;
                    return;
                }
                let title = (!title.is_empty()).then_some(title);
                match kind {
                    NodeKind::Chapter => {
                        self.close_to(1);
                        self.last_chapter = Some(number);
                    }
                    _ => {
                        self.close_to(kind.level());
                        let parent_level = kind.level() - 1;
                        let has_parent = self
                            .stack
                            .last()
                            .is_some_and(|&t| self.kind_of(t).level() == parent_level);
                        if !has_parent {
                            self.report(
                                line_no,
                                start..end,
                                UnplacedKind::SectionOutsideChapter { found: short(raw) },
                            );
                        }
                    }
                }
                self.push(kind, number.to_string(), title, start, end, line_no);
                self.last_end = end;
            }
            Token::Supplementary { caption } => {
                self.flush_pending();
                self.close_to(0);
                self.push(
                    NodeKind::Supplementary,
                    String::new(),
                    caption,
                    start,
                    end,
                    line_no,
                );
                self.last_end = end;
            }
            Token::Extra {
                kind,
                number,
                caption,
            } => {
                self.flush_pending();
                self.close_to(0);
                self.push(kind, number, caption, start, end, line_no);
                self.last_end = end;
            }
            Token::Paragraph { number, body } => self.paragraph(start, end, line_no, number, body),
            Token::Item {
                number,
                kanji,
                body,
            } => self.item(start, end, line_no, number, kanji, body),
            Token::SubItem { number, body } => {
                self.flush_pending();
                if self.structure_ignored() {
                    self.last_end = end;
                    return;
                }
                if self.open(NodeKind::Item).is_none() {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::SubItemOutsideItem { found: number },
                    );
                    self.last_end = end;
                    return;
                }
                self.close_to(NodeKind::SubItem.level());
                self.push(NodeKind::SubItem, number, None, start, body, line_no);
                self.last_end = end;
            }
            Token::Blank | Token::Toc | Token::Footer | Token::Other => {
                self.flush_pending();
                let in_main_article =
                    self.extra().is_none() && self.open(NodeKind::Article).is_some();
                if in_main_article && is_enforcement_clause(raw) {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::SupplementaryWithoutHeader,
                    );
                    self.close_to(0);
                    self.push(
                        NodeKind::Supplementary,
                        String::new(),
                        None,
                        start,
                        start,
                        line_no,
                    );
                }
                // unnumbered text of a 附則 without 条 is its 項 1
                if let Some((supp, NodeKind::Supplementary)) = self.extra()
                    && self.stack.len() == 1
                    && self.out.nodes[supp].children.is_empty()
                {
                    let body = start + (raw.len() - raw.trim_start().len());
                    self.push(NodeKind::Paragraph, "1".into(), None, start, body, line_no);
                }
                self.last_end = end;
            }
        }
    }

    /// True inside a 別表 or 様式, whose lines hold no structure.
    fn structure_ignored(&self) -> bool {
        matches!(
            self.extra(),
            Some((_, NodeKind::Table)) | Some((_, NodeKind::Form))
        )
    }

    fn article(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        number: Vec<u32>,
        inline_caption: Option<String>,
        body: usize,
    ) {
        if self.structure_ignored() {
            self.flush_pending();
            self.last_end = end;
            return;
        }
        let supp = match self.extra() {
            Some((id, NodeKind::Supplementary)) => Some(id),
            _ => None,
        };
        let previous = match supp {
            Some(id) => self.supp_articles.get(&id).cloned(),
            None => self.last_article.clone(),
        };
        let found = cite_number(&number);
        match &previous {
            Some(prev) if number <= *prev => {
                self.flush_pending();
                self.report(
                    line_no,
                    start..end,
                    UnplacedKind::ArticleOutOfOrder {
                        previous: cite_number(prev),
                        found,
                    },
                );
                self.last_end = end;
                return;
            }
            Some(prev) if number[0] > prev[0] + 1 => self.report(
                line_no,
                start..end,
                UnplacedKind::ArticleSkipped {
                    expected: (prev[0] + 1).to_string(),
                    found: found.clone(),
                },
            ),
            None if number != [1] && supp.is_none() => self.report(
                line_no,
                start..end,
                UnplacedKind::ArticleSkipped {
                    expected: "1".into(),
                    found: found.clone(),
                },
            ),
            _ => {}
        }
        let pending = self.pending.take();
        let node_start = pending.as_ref().map_or(start, |p| p.start);
        let caption = inline_caption.or(pending.map(|p| p.caption));
        self.close_to(NodeKind::Article.level());
        if self
            .push(NodeKind::Article, found, caption, node_start, body, line_no)
            .is_none()
        {
            return;
        }
        self.push(NodeKind::Paragraph, "1".into(), None, start, body, line_no);
        match supp {
            Some(id) => {
                self.supp_articles.insert(id, number);
            }
            None => self.last_article = Some(number),
        }
        self.last_end = end;
    }

    fn paragraph(&mut self, start: usize, end: usize, line_no: usize, number: u32, body: usize) {
        if self.structure_ignored() {
            self.flush_pending();
            self.last_end = end;
            return;
        }
        // the paragraphs' parent: the open article, or a 附則 without articles
        let parent = self.open(NodeKind::Article).or(match self.extra() {
            Some((id, NodeKind::Supplementary))
                if !self.out.nodes[id]
                    .children
                    .iter()
                    .any(|&c| self.kind_of(c) == NodeKind::Article) =>
            {
                Some(id)
            }
            _ => None,
        });
        let Some(parent) = parent else {
            self.flush_pending();
            self.report(
                line_no,
                start..end,
                UnplacedKind::ParagraphOutsideArticle { found: number },
            );
            self.last_end = end;
            return;
        };
        let last = self.out.nodes[parent]
            .children
            .iter()
            .rev()
            .find(|&&c| self.kind_of(c) == NodeKind::Paragraph)
            .and_then(|&c| self.out.nodes[c].number.parse::<u32>().ok())
            .unwrap_or(0);
        if number != last + 1 {
            self.flush_pending();
            let article = if self.kind_of(parent) == NodeKind::Article {
                self.out.nodes[parent].number.clone()
            } else {
                "附則".into()
            };
            self.report(
                line_no,
                start..end,
                UnplacedKind::ParagraphOutOfSequence {
                    article,
                    expected: last + 1,
                    found: number,
                },
            );
            self.last_end = end;
            return;
        }
        let pending = self.pending.take();
        let node_start = pending.as_ref().map_or(start, |p| p.start);
        if pending.is_some() && self.kind_of(parent) == NodeKind::Article {
            // a caption before a 項 of a 条 is unusual: keep it as text of the 項 before
            self.last_end = pending.as_ref().map_or(self.last_end, |p| p.end);
        }
        let level = self.kind_of(parent).level() + 1;
        self.close_to(level.max(NodeKind::Paragraph.level()));
        let caption = if self.kind_of(parent) == NodeKind::Supplementary {
            pending.map(|p| p.caption)
        } else {
            None
        };
        let node_start = if caption.is_some() { node_start } else { start };
        self.push(
            NodeKind::Paragraph,
            number.to_string(),
            caption,
            node_start,
            body,
            line_no,
        );
        self.last_end = end;
    }

    fn item(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        number: Vec<u32>,
        kanji: bool,
        body: usize,
    ) {
        self.flush_pending();
        if self.structure_ignored() {
            self.last_end = end;
            return;
        }
        let found = cite_number(&number);
        let Some(paragraph) = self.open(NodeKind::Paragraph) else {
            self.report(
                line_no,
                start..end,
                UnplacedKind::ItemOutsideArticle { found },
            );
            self.last_end = end;
            return;
        };
        let state = self.items.get(&paragraph).cloned();
        // under kanji-numbered 号 (一, 二), 「(1)」 numbers the sub-items
        if let Some((_, true)) = state
            && !kanji
            && self.open(NodeKind::Item).is_some()
        {
            self.close_to(NodeKind::SubItem.level());
            self.push(NodeKind::SubItem, found, None, start, body, line_no);
            self.last_end = end;
            return;
        }
        match &state {
            None => {
                if number[0] != 1 {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::ItemSkipped {
                            expected: "1".into(),
                            found: found.clone(),
                        },
                    );
                }
                let own = &self.text[self.out.nodes[paragraph].body.min(start)..start];
                if !announces_items(own) {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::ItemsWithoutLeadIn {
                            found: found.clone(),
                        },
                    );
                }
            }
            Some((prev, _)) if number <= *prev => {
                self.report(
                    line_no,
                    start..end,
                    UnplacedKind::ItemOutOfOrder {
                        previous: cite_number(prev),
                        found,
                    },
                );
                self.last_end = end;
                return;
            }
            Some((prev, _)) if number[0] > prev[0] + 1 => self.report(
                line_no,
                start..end,
                UnplacedKind::ItemSkipped {
                    expected: (prev[0] + 1).to_string(),
                    found: found.clone(),
                },
            ),
            _ => {}
        }
        self.close_to(NodeKind::Item.level());
        let style = state.map_or(kanji, |(_, k)| k);
        if self
            .push(NodeKind::Item, found, None, start, body, line_no)
            .is_some()
        {
            self.items.insert(paragraph, (number, style));
        }
        self.last_end = end;
    }

    fn finish(mut self) -> Outline {
        if self.phase != Phase::Footer {
            self.flush_pending();
        }
        self.close_to(0);
        self.check_toc();
        let mut out = self.out;
        out.build_index();
        out.unplaced.sort_by_key(|u| u.line);
        out
    }

    /// Compares the 目次's 条 ranges with the chapters of the body.
    fn check_toc(&mut self) {
        let entries = std::mem::take(&mut self.toc);
        for e in entries {
            let Some((first, last)) = &e.range else {
                continue;
            };
            if e.kind != NodeKind::Chapter {
                continue;
            }
            let chapter = self.out.roots.iter().copied().find(|&r| {
                self.kind_of(r) == NodeKind::Chapter && self.out.nodes[r].number == e.number
            });
            let range_label = |a: &str, b: &str| {
                if a == b {
                    article_ja(a)
                } else {
                    format!("{}〜{}", article_ja(a), article_ja(b))
                }
            };
            let toc = range_label(first, last);
            let name = format!("第{}章", e.number);
            let body = chapter.map(|c| {
                let articles = self.out.descendants_of_kind(c, NodeKind::Article);
                match (articles.first(), articles.last()) {
                    (Some(&a), Some(&b)) => (
                        self.out.nodes[a].number.clone(),
                        self.out.nodes[b].number.clone(),
                    ),
                    _ => (String::new(), String::new()),
                }
            });
            let differs = match &body {
                Some((a, b)) => a != first || b != last,
                None => true,
            };
            if differs {
                let _ = &e.text;
                self.report(
                    e.line,
                    e.span.clone(),
                    UnplacedKind::TocMismatch {
                        chapter: name,
                        toc,
                        body: body
                            .filter(|(a, _)| !a.is_empty())
                            .map(|(a, b)| range_label(&a, &b)),
                    },
                );
            }
        }
    }
}

impl Outline {
    /// Outlines `text` (any size: the time is linear; callers refuse huge inputs earlier).
    pub fn parse(text: &str) -> Outline {
        let mut b = Builder::new(text);
        let mut offset = 0usize;
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            b.line(start, i + 1, line);
        }
        b.finish()
    }

    fn build_index(&mut self) {
        let mut index = HashMap::new();
        for id in 0..self.nodes.len() {
            if let Some(place) = self.place(id)
                && matches!(
                    self.nodes[id].kind,
                    NodeKind::Article | NodeKind::Paragraph | NodeKind::Item
                )
            {
                index
                    .entry((place.article, place.paragraph, place.item))
                    .or_insert(id);
            }
        }
        self.index = index;
    }

    fn descendants_of_kind(&self, id: NodeId, kind: NodeKind) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            if self.nodes[n].kind == kind {
                out.push(n);
            }
            stack.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    /// Every node, in text order.
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// One node.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id]
    }

    /// The top-level nodes (chapters or articles of the body, then 附則, 別表, 様式).
    pub fn roots(&self) -> &[NodeId] {
        &self.roots
    }

    /// The title: the first line of the text (without a leading 「○」), if any.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Lines that look structural but could not be placed, and defects of numbering, in
    /// text order.
    pub fn unplaced(&self) -> &[Unplaced] {
        &self.unplaced
    }

    /// True when no article was recognised.
    pub fn is_empty(&self) -> bool {
        !self.nodes.iter().any(|n| n.kind == NodeKind::Article)
    }

    /// The node's top-level ancestor (or itself).
    pub fn root_of(&self, mut id: NodeId) -> NodeId {
        while let Some(p) = self.nodes[id].parent {
            id = p;
        }
        id
    }

    /// True for nodes of the main body (not inside a 附則, 別表 or 様式).
    pub fn is_main(&self, id: NodeId) -> bool {
        self.nodes[self.root_of(id)].kind.level() > 0
    }

    /// Where a main-body 条, 項, 号 or 細目 stands (a 細目 stands in its 号); `None` for
    /// chapters and for anything in a 附則, 別表 or 様式.
    pub fn place(&self, id: NodeId) -> Option<Place> {
        if !self.is_main(id) {
            return None;
        }
        let mut article = None;
        let mut paragraph = None;
        let mut item = None;
        let mut at = Some(id);
        while let Some(n) = at {
            let node = &self.nodes[n];
            match node.kind {
                NodeKind::Article => article = Some(node.number.clone()),
                NodeKind::Paragraph => paragraph = Some(node.number.clone()),
                NodeKind::Item => item = Some(node.number.clone()),
                _ => {}
            }
            at = node.parent;
        }
        Some(Place {
            article: article?,
            paragraph,
            item,
        })
    }

    /// The main-body node a citation names: 条 `article`, 項 `paragraph`, 号 `item`.
    pub fn find(&self, article: &str, paragraph: &str, item: Option<&str>) -> Option<NodeId> {
        self.index
            .get(&(
                article.to_string(),
                Some(paragraph.to_string()),
                item.map(str::to_string),
            ))
            .copied()
    }

    /// The main-body 条 with this number.
    pub fn article(&self, number: &str) -> Option<NodeId> {
        self.index.get(&(number.to_string(), None, None)).copied()
    }

    /// The deepest node whose range holds byte `offset`.
    pub fn locate(&self, offset: usize) -> Option<NodeId> {
        let i = self.nodes.partition_point(|n| n.range.start <= offset);
        let mut at = i.checked_sub(1);
        while let Some(id) = at {
            let r = &self.nodes[id].range;
            if r.start <= offset && offset < r.end {
                return Some(id);
            }
            at = self.nodes[id].parent;
        }
        None
    }

    /// The byte ranges of a node's own text: its text after the number, without its
    /// children's.
    pub fn own_text(&self, id: NodeId) -> Vec<Range<usize>> {
        let node = &self.nodes[id];
        let mut out = Vec::new();
        let mut at = node.body.max(node.range.start);
        for &c in &node.children {
            let r = &self.nodes[c].range;
            if r.start > at {
                out.push(at..r.start);
            }
            at = at.max(r.end);
        }
        if node.range.end > at {
            out.push(at..node.range.end);
        }
        out
    }

    /// The 条・項・号 of the main body, in text order.
    pub fn units(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len()).filter(|&id| {
            matches!(
                self.nodes[id].kind,
                NodeKind::Article | NodeKind::Paragraph | NodeKind::Item
            ) && self.is_main(id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "○架空町情報管理規程\n\n平成27年4月1日\n\n訓令第1号\n\n架空町情報管理規程(平成10年訓令第5号)の全部を改正する。\n\n目次\n第1章 総則(第1条・第2条)\n第2章 管理(第3条・第3条の2)\n附則\n\n第1章 総則\n\n(目的)\n\n第1条 この規程は、目的を定める。\n\n（定義）\n第２条　この規程において、次の各号に掲げる用語の意義は、当該各号に定めるところによる。\n（１）　情報　全ての情報をいう。\n(2) 課長 課の長をいう。\nア 本庁の課\nイ 出先機関\n第2章 管理\n第1節 通則\n- 第 3 条 課長は、点検を行う。\n- 2 課長は、結果を報告しなければならない。\n3 職員は、次に掲げる事項を守らなければならない。\n一 記録すること。\n二 報告すること。\n第3条の2 第5条の規定により読み替える。\n(一部改正〔令和2年訓令10号〕)\n附 則(令和2年4月1日訓令第10号)\n(施行期日)\n1 この規程は、公布の日から施行する。\n2 経過措置を定める。\n別表第1(第3条関係)\n1 表の行\n";

    fn find(o: &Outline, a: &str, p: &str, i: Option<&str>) -> NodeId {
        o.find(a, p, i)
            .unwrap_or_else(|| panic!("{a}/{p}/{i:?} in {:#?}", o.nodes()))
    }

    #[test]
    fn articles_paragraphs_items_and_groups() {
        let o = Outline::parse(TEXT);
        assert_eq!(o.title(), Some("架空町情報管理規程"));
        let kinds: Vec<_> = o.roots().iter().map(|&r| o.node(r).kind).collect();
        assert_eq!(
            kinds,
            [
                NodeKind::Chapter,
                NodeKind::Chapter,
                NodeKind::Supplementary,
                NodeKind::Table
            ]
        );
        let a1 = o.article("1").expect("第1条");
        assert_eq!(o.node(a1).caption.as_deref(), Some("目的"));
        assert!(TEXT[o.node(a1).range.clone()].starts_with("(目的)"));
        assert!(TEXT[o.node(a1).range.clone()].ends_with("目的を定める。"));
        let a2 = o.article("2").expect("第２条");
        assert_eq!(o.node(a2).caption.as_deref(), Some("定義"));
        let i2 = find(&o, "2", "1", Some("2"));
        assert_eq!(o.node(i2).children.len(), 2, "ア and イ");
        assert_eq!(o.node(o.node(i2).children[1]).number, "イ");
        assert!(TEXT[o.node(find(&o, "2", "1", Some("1"))).range.clone()].starts_with("（１）"));
        let a3 = o.article("3").expect("spaced digits and list markers");
        let section = o.node(a3).parent.expect("in a section");
        assert_eq!(o.node(section).kind, NodeKind::Section);
        assert_eq!(o.node(o.node(section).parent.unwrap()).number, "2");
        find(&o, "3", "2", None);
        assert_eq!(
            o.node(find(&o, "3", "3", Some("2"))).number,
            "2",
            "kanji items"
        );
        let a3_2 = o.article("3-2").expect("第3条の2");
        assert!(TEXT[o.node(a3_2).range.clone()].ends_with("(一部改正〔令和2年訓令10号〕)"));
        // the 附則 has its own paragraphs, which do not clash with the main 第1条
        let supp = o.roots()[2];
        assert_eq!(
            o.node(supp).caption.as_deref(),
            Some("令和2年4月1日訓令第10号")
        );
        let sp: Vec<_> = o
            .node(supp)
            .children
            .iter()
            .map(|&c| (o.node(c).number.as_str(), o.node(c).caption.as_deref()))
            .collect();
        assert_eq!(sp, [("1", Some("施行期日")), ("2", None)]);
        assert!(o.place(o.node(supp).children[0]).is_none());
        let table = o.roots()[3];
        assert_eq!(o.node(table).number, "1");
        assert_eq!(o.node(table).caption.as_deref(), Some("第3条関係"));
        assert!(o.node(table).children.is_empty(), "no structure in a 別表");
        assert!(o.unplaced().is_empty(), "{:#?}", o.unplaced());
    }

    #[test]
    fn numbers_and_lines() {
        let o = Outline::parse(TEXT);
        let a3 = o.article("3").unwrap();
        assert_eq!(o.node(a3).line, 28);
        let p = o.place(find(&o, "3", "3", Some("1"))).unwrap();
        assert_eq!(p.label(), "第3条第3項第1号");
        // the deepest node holding an offset
        let at = TEXT.find("記録すること").unwrap();
        assert_eq!(o.locate(at), Some(find(&o, "3", "3", Some("1"))));
        assert_eq!(o.locate(TEXT.find("平成27年").unwrap()), None);
        // a node's own text leaves out its children
        let p3 = find(&o, "3", "3", None);
        let own: String = o
            .own_text(p3)
            .into_iter()
            .map(|r| TEXT[r].to_string())
            .collect();
        assert_eq!(own.trim(), "職員は、次に掲げる事項を守らなければならない。");
    }

    #[test]
    fn references_are_not_headers() {
        let o = Outline::parse(
            "第1条 本文\n第3条の規定により読み替える。\n第5条に規定する。\n第1章の規定\n附則第2項の規定は\n別表に掲げる\n",
        );
        assert_eq!(o.nodes().len(), 2, "{:#?}", o.nodes());
    }

    #[test]
    fn kanji_and_full_width_numbers() {
        let o = Outline::parse("第一条 甲\n第十二条の二 乙\n第１３条　丙\n");
        let numbers: Vec<_> = o
            .units()
            .filter(|&u| o.node(u).kind == NodeKind::Article)
            .map(|u| o.node(u).number.clone())
            .collect();
        assert_eq!(numbers, ["1", "12-2", "13"]);
        // 第一条 → 第十二条の二: 第2条 … 第11条 are missing
        assert!(matches!(
            &o.unplaced()[0].kind,
            UnplacedKind::ArticleSkipped { expected, found } if expected == "2" && found == "12-2"
        ));
    }

    fn kinds(text: &str) -> Vec<(usize, UnplacedKind)> {
        Outline::parse(text)
            .unplaced()
            .iter()
            .map(|u| (u.line, u.kind.clone()))
            .collect()
    }

    #[test]
    fn defects_are_listed_with_their_lines() {
        // 四万十市: 第2条 and 第11条 have lost their headers
        let text = "第1条 趣旨を定める。\n(1) 実施機関 市長部局をいう。\n第3条 本文\n第10条 保有情報の管理\n4 保有情報は、削除する。\n(1) 所管外のとき。\n3 第1項の場合において\n第12条 課等の長は\n";
        let k = kinds(text);
        assert_eq!(
            k,
            [
                (2, UnplacedKind::ItemsWithoutLeadIn { found: "1".into() }),
                (
                    3,
                    UnplacedKind::ArticleSkipped {
                        expected: "2".into(),
                        found: "3".into()
                    }
                ),
                (
                    4,
                    UnplacedKind::ArticleSkipped {
                        expected: "4".into(),
                        found: "10".into()
                    }
                ),
                (
                    5,
                    UnplacedKind::ParagraphOutOfSequence {
                        article: "10".into(),
                        expected: 2,
                        found: 4
                    }
                ),
                (6, UnplacedKind::ItemsWithoutLeadIn { found: "1".into() }),
                (
                    7,
                    UnplacedKind::ParagraphOutOfSequence {
                        article: "10".into(),
                        expected: 2,
                        found: 3
                    }
                ),
                (
                    8,
                    UnplacedKind::ArticleSkipped {
                        expected: "11".into(),
                        found: "12".into()
                    }
                ),
            ]
        );
        // 目黒区: a skipped 号
        let k = kinds("第1条 次の各号のいずれかに該当するとき\n(1) 甲\n(2) 乙\n(4) 丁\n(4) 丁\n");
        assert_eq!(
            k,
            [
                (
                    4,
                    UnplacedKind::ItemSkipped {
                        expected: "3".into(),
                        found: "4".into()
                    }
                ),
                (
                    5,
                    UnplacedKind::ItemOutOfOrder {
                        previous: "4".into(),
                        found: "4".into()
                    }
                ),
            ]
        );
        // structure outside articles, and text before the first 条
        let k = kinds("題名\n(1) 号\n2 項\n本文が条の前にある。\n第1条 本文\nア 細目\n");
        let reasons: Vec<_> = k.iter().map(|(l, k)| (*l, k.message_en())).collect();
        assert_eq!(k.len(), 4, "{reasons:?}");
        assert!(matches!(k[0], (2, UnplacedKind::TextBeforeFirstArticle)));
        assert!(matches!(k[1], (3, UnplacedKind::TextBeforeFirstArticle)));
        assert!(matches!(k[2], (4, UnplacedKind::TextBeforeFirstArticle)));
        assert!(matches!(k[3], (6, UnplacedKind::SubItemOutsideItem { .. })));
    }

    #[test]
    fn supplementary_provisions_without_header_and_page_footers() {
        // 千曲市・東員町: the 附則 follow the last 条 without a header
        let text = "○規程\n第1条 本文\n第2条 委任する。\nこの規程は、平成15年9月1日から施行する。\n(平成21年3月30日訓令第2号)\nこの規程は、平成21年4月1日から施行する。\n規程\n体系情報\n第4編 行政通則/第5章 情報管理\n沿革情報\n";
        let o = Outline::parse(text);
        let supp: Vec<_> = o
            .roots()
            .iter()
            .filter(|&&r| o.node(r).kind == NodeKind::Supplementary)
            .collect();
        assert_eq!(supp.len(), 2);
        let a2 = o.article("2").unwrap();
        assert!(text[o.node(a2).range.clone()].ends_with("委任する。"));
        let k: Vec<_> = o.unplaced().iter().map(|u| (u.line, &u.kind)).collect();
        assert_eq!(
            k,
            [
                (4, &UnplacedKind::SupplementaryWithoutHeader),
                (5, &UnplacedKind::SupplementaryWithoutHeader),
                (7, &UnplacedKind::PageFooter),
            ]
        );
        assert!(o.nodes().iter().all(|n| n.kind != NodeKind::Chapter));
    }

    #[test]
    fn a_table_of_contents_that_disagrees_with_the_body() {
        // 狭山市: the 目次 gives 第2章 as 第3条一第7条 (「一」 for 「～」)
        let text = "目次\n- 第1章 総則（第1条・第2条）\n- 第2章 管理（第3条一第7条）\n第1章 総則\n第1条 甲\n第2条 乙\n第2章 管理\n第3条 丙\n第4条 丁\n";
        let k = kinds(text);
        assert_eq!(k.len(), 1, "{k:?}");
        assert_eq!(k[0].0, 3);
        assert_eq!(
            k[0].1.message_ja(),
            "目次では第2章は第3条〜第7条ですが、本文では第3条〜第4条です"
        );
    }

    #[test]
    fn huge_inputs_are_capped() {
        let text = "第1条 次に掲げる\n".to_string() + &"(1) 号\n".repeat(10);
        let o = Outline::parse(&text);
        assert_eq!(
            o.unplaced().len(),
            9,
            "items (1) repeating are out of order"
        );
        let many = "第1条 次に掲げる\n".to_string()
            + &(1..=(MAX_NODES as u32 + 10))
                .map(|n| format!("({n}) 号\n"))
                .collect::<String>();
        let o = Outline::parse(&many);
        assert_eq!(o.nodes().len(), MAX_NODES);
        assert!(matches!(
            o.unplaced().last().map(|u| &u.kind),
            Some(UnplacedKind::TooManyNodes)
        ));
    }
}
