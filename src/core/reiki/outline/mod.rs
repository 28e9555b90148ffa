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

mod build;
mod lex;
#[cfg(test)]
mod tests;

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
    ArticleSkipped {
        /// The number of the article that should have come next, as cited (`"2"`).
        expected: String,
        /// The number of the article found instead, as cited (`"3"`, `"12-2"`).
        found: String,
    },
    /// An article number that does not follow the one before (not placed).
    ArticleOutOfOrder {
        /// The number of the article before it, as cited (`"30-6"`).
        previous: String,
        /// The number on this line, as cited: not above `previous`.
        found: String,
    },
    /// A 項 number out of sequence inside an article (not placed).
    ParagraphOutOfSequence {
        /// The article's number as cited (`"10"`), or 「附則」 for a 附則 without articles.
        article: String,
        /// The 項 number that should have come next (one after the last 項 placed).
        expected: u32,
        /// The 項 number on this line.
        found: u32,
    },
    /// A 項 number outside any article (not placed).
    ParagraphOutsideArticle {
        /// The 項 number on this line.
        found: u32,
    },
    /// 号 numbers skip (placed): (2) is followed by (4).
    ItemSkipped {
        /// The number of the 号 that should have come next, as cited (`"3"`).
        expected: String,
        /// The number of the 号 found instead, as cited (`"4"`).
        found: String,
    },
    /// A 号 number that repeats or goes back (not placed).
    ItemOutOfOrder {
        /// The number of the 号 before it in the same 項, as cited.
        previous: String,
        /// The number on this line, as cited: not above `previous`.
        found: String,
    },
    /// A 号 outside any article (not placed).
    ItemOutsideArticle {
        /// The 号 number on this line, as cited (`"2"`, `"2-2"` for 第2号の2).
        found: String,
    },
    /// 号 that follow a 項 which does not announce them (placed): often a lost header.
    ItemsWithoutLeadIn {
        /// The number of the first 号 under that 項, as cited.
        found: String,
    },
    /// A sub-item (イ, ア) outside any 号 (not placed).
    SubItemOutsideItem {
        /// The sub-item's mark, one character: イ (「イ 」) or ア (「(ア)」).
        found: String,
    },
    /// A 節 or 款 outside any 章 (placed at the top).
    SectionOutsideChapter {
        /// The 節 or 款 header line, trimmed, at most 60 characters.
        found: String,
    },
    /// A 章 after the 附則, 別表 or 様式 (not placed).
    ChapterAfterBody {
        /// The 章 header line, trimmed, at most 60 characters.
        found: String,
    },
    /// Text before the first 条 that is not a title, 目次 or 制定文.
    TextBeforeFirstArticle,
    /// A 附則 that has no 「附則」 header (started where its first line stands).
    SupplementaryWithoutHeader,
    /// The 目次 gives a chapter other 条 than the body.
    TocMismatch {
        /// The chapter in words: 「第2章」.
        chapter: String,
        /// Its 条 as the 目次 gives them: 「第3条〜第7条」 (or one 条).
        toc: String,
        /// Its 条 in the body, in the same words; `None` when the body has no such chapter or
        /// it holds no 条.
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

impl Outline {
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
