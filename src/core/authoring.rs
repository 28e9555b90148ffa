//! The 規則エディタ's operations on a bundle being written (its wire form, [`RawBundle`]):
//! a new bundle from an imported 例規, an item from a selected sentence (its citation and
//! quote filled in), a draft question from a duty sentence, fresh ids, `when` completion.
//! The editor screen only presents these; the validator judges the result.

use crate::core::bundle::FORMAT;
use crate::core::bundle::place_label;
use crate::core::bundle::raw::{
    RawAmended, RawBundle, RawChecklist, RawCite, RawExclude, RawItem, RawMunicipality, RawProfile,
    RawSection, RawSource,
};
use crate::core::bundle::validate::is_bundle_id;
use crate::core::date::{Date, WarekiError};
use crate::core::message::Message;
use crate::core::reiki::draft::{Asking, Draft, draft_for_selection, drafts_for_duty};
use crate::core::reiki::{
    Header, HtmlError, MAX_HTML_BYTES, Node, NodeKind, Outline, Place, find_duties, import_html,
    normalize, read_header,
};
use crate::core::source::SourceIndex;

/// An imported 例規 text as it becomes a bundle's source (the stated normalisation of
/// [`normalize`]).
pub fn imported_text(text: &str) -> String {
    normalize(text)
}

/// Whether a file or pasted text is an HTML page (a 例規集 page saved from the browser).
pub fn looks_like_html(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") {
        return true;
    }
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let head = head
        .get(..head.len().min(64))
        .unwrap_or(head)
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// A 例規 read for the editor: its text as the bundle's source, its name and 施行日 as the text
/// gives them, and its outline (the tree shown, with the lines that could not be placed).
#[derive(Debug)]
pub struct ImportedReiki {
    /// The normalised text.
    pub text: String,
    /// The 例規's name: the text's first line (「○…規程」), pasted or opened, or the page's title.
    pub title: Option<String>,
    /// What the text says about itself: the date under its title, its 施行日 (`core::reiki::header`).
    pub header: Header,
    /// Whether the page's own markup of 条・項・号 was used.
    pub marked: bool,
    /// The outline of the text.
    pub outline: Outline,
}

/// Why a text cannot be a bundle's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Nothing but white space.
    Empty,
    /// No 条 found: not the text of a 例規.
    NoArticles,
    /// Larger than the editor reads.
    TooLarge {
        /// Bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The HTML could not be read.
    Html(HtmlError),
}

impl Message for ImportError {
    fn message_ja(&self) -> String {
        match self {
            ImportError::Empty => "本文が空です。例規集のページから本文をコピーして貼り付けてください".into(),
            ImportError::NoArticles => "条（「第1条」など）が一つも見つかりません。例規の本文ではないようです。例規集の本文のページを、条の見出しを含めてコピーしてください".into(),
            ImportError::TooLarge { size, max } => format!(
                "大きすぎます（{} KB。読めるのは {} KB まで）。一つの例規だけを取り込んでください",
                size / 1024,
                max / 1024
            ),
            ImportError::Html(e) => e.message_ja(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            ImportError::Empty => "the text is empty".into(),
            ImportError::NoArticles => {
                "no article (第1条 …) found: this is not the text of a regulation".into()
            }
            ImportError::TooLarge { size, max } => {
                format!("too large ({size} bytes, at most {max})")
            }
            ImportError::Html(e) => e.message_en(),
        }
    }
}

/// The most text the editor takes as a source (a bundle's source may hold no more).
pub const MAX_IMPORT_BYTES: usize = crate::core::bundle::MAX_SOURCE_BYTES;

/// Reads a 例規 pasted or opened (`name` is the file's, empty for pasted text): an HTML page
/// through its markup, any other text as it is; normalised; refused with a reason when it
/// holds no 条. A page of up to [`MAX_HTML_BYTES`] is read; the text it yields, like any
/// text, may hold up to [`MAX_IMPORT_BYTES`].
pub fn import_reiki(name: &str, text: &str) -> Result<ImportedReiki, ImportError> {
    let (text, title, marked) = if looks_like_html(name, text) {
        if text.len() > MAX_HTML_BYTES {
            return Err(ImportError::TooLarge {
                size: text.len(),
                max: MAX_HTML_BYTES,
            });
        }
        let page = import_html(text).map_err(ImportError::Html)?;
        (page.text, page.title, page.marked)
    } else {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::TooLarge {
                size: text.len(),
                max: MAX_IMPORT_BYTES,
            });
        }
        (normalize(text), None, false)
    };
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge {
            size: text.len(),
            max: MAX_IMPORT_BYTES,
        });
    }
    let outline = Outline::parse(&text);
    if !outline.nodes().iter().any(|n| n.kind == NodeKind::Article) {
        return Err(ImportError::NoArticles);
    }
    let header = read_header(&text, &outline);
    let title = header.title.clone().or_else(|| {
        title
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty() && t.chars().count() <= 80)
    });
    Ok(ImportedReiki {
        text,
        title,
        header,
        marked,
        outline,
    })
}

/// How a node of the outline is named to an author: 「第2章 管理」, 「第3条の2（点検）」,
/// 「第2項」, 「第3号」, 「附則（令和2年4月1日訓令第10号）」, 「別表第1（第3条関係）」.
pub fn node_label(node: &Node) -> String {
    let n = node.number.replace('-', "の");
    let caption = |s: String| match &node.caption {
        Some(c) if !c.is_empty() => match node.kind {
            NodeKind::Chapter | NodeKind::Section | NodeKind::Subsection => format!("{s} {c}"),
            _ => format!("{s}（{c}）"),
        },
        _ => s,
    };
    match node.kind {
        NodeKind::Chapter => caption(format!("第{n}章")),
        NodeKind::Section => caption(format!("第{n}節")),
        NodeKind::Subsection => caption(format!("第{n}款")),
        NodeKind::Article => caption(place_label(&node.number, None, None)),
        NodeKind::Paragraph => format!("第{n}項"),
        NodeKind::Item => format!("第{n}号"),
        NodeKind::SubItem => n,
        NodeKind::Supplementary => caption("附則".into()),
        NodeKind::Table if n.is_empty() => caption("別表".into()),
        NodeKind::Table => caption(format!("別表第{n}")),
        NodeKind::Form if n.is_empty() => caption("様式".into()),
        NodeKind::Form => caption(format!("様式第{n}")),
    }
}

/// One row of the outline as a tree: depth (0 at the top), label and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    /// Nesting depth.
    pub depth: usize,
    /// What the node is.
    pub kind: NodeKind,
    /// [`node_label`].
    pub label: String,
    /// Line number (from 1) of its header.
    pub line: usize,
    /// Byte offset of its header line in the text.
    pub offset: usize,
}

/// The outline in text order, each node with its depth; 細目 are left out (they are part of
/// their 号) and so is anything below `max_kind` (e.g. [`NodeKind::Article`] for a summary).
pub fn tree_rows(outline: &Outline, max_kind: NodeKind) -> Vec<TreeRow> {
    let mut rows = Vec::new();
    let mut stack: Vec<(usize, usize)> = outline.roots().iter().rev().map(|&id| (id, 0)).collect();
    while let Some((id, depth)) = stack.pop() {
        let node = outline.node(id);
        let shown = node.kind != NodeKind::SubItem
            && match (node.kind, max_kind) {
                (NodeKind::Supplementary | NodeKind::Table | NodeKind::Form, _) => true,
                (k, m) => k <= m,
            };
        if !shown {
            continue;
        }
        // the 項 of a 条 that has only one is the 条 itself (as citations and coverage say)
        let only_paragraph = node.kind == NodeKind::Paragraph
            && node.parent.is_some_and(|p| {
                outline
                    .node(p)
                    .children
                    .iter()
                    .filter(|&&c| outline.node(c).kind == NodeKind::Paragraph)
                    .count()
                    == 1
            });
        if only_paragraph {
            stack.extend(node.children.iter().rev().map(|&c| (c, depth)));
            continue;
        }
        rows.push(TreeRow {
            depth,
            kind: node.kind,
            label: node_label(node),
            line: node.line,
            offset: node.range.start,
        });
        stack.extend(node.children.iter().rev().map(|&c| (c, depth + 1)));
    }
    rows
}

/// A new bundle for `municipality` with one source (its text already normalised), an
/// inspection checklist with one section, ready for items.
pub fn new_bundle(
    id: &str,
    municipality: &str,
    title: &str,
    source_title: &str,
    source_text: &str,
    version: &str,
) -> RawBundle {
    let some = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
    RawBundle {
        format: Some(FORMAT.into()),
        id: some(id),
        version: some(version),
        title: some(title),
        municipality: Some(RawMunicipality {
            name: some(municipality),
            code: None,
        }),
        sources: vec![RawSource {
            id: Some("kisoku".into()),
            title: some(source_title),
            number: None,
            text: Some(source_text.to_string()),
        }],
        checklists: vec![RawChecklist {
            id: Some("tenken".into()),
            kind: Some("inspection".into()),
            title: Some("点検".into()),
            respondent: Some("課長".into()),
            sections: vec![RawSection {
                id: Some("s1".into()),
                title: Some("点検項目".into()),
                ..RawSection::default()
            }],
            ..RawChecklist::default()
        }],
        ..RawBundle::default()
    }
}

/// What the start screen was given that cannot make a bundle, field by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartProblem {
    /// No 自治体.
    Municipality,
    /// No 例規の名称.
    Title,
    /// No 施行日, or none that reads as a date (with the reason when it is 和暦 outside its era).
    Version {
        /// What was typed.
        typed: String,
        /// Why a 和暦 date is none.
        why: Option<WarekiError>,
    },
}

impl StartProblem {
    /// The field it belongs to: `municipality`, `title` or `version`.
    pub fn field(&self) -> &'static str {
        match self {
            StartProblem::Municipality => "municipality",
            StartProblem::Title => "title",
            StartProblem::Version { .. } => "version",
        }
    }
}

impl Message for StartProblem {
    fn message_ja(&self) -> String {
        match self {
            StartProblem::Municipality => "自治体の名前を入れてください".into(),
            StartProblem::Title => "例規の名称を入れてください".into(),
            StartProblem::Version { why: Some(why), .. } => format!(
                "施行日を 令和8年4月1日 または 2026-04-01 の形で入れてください（{}）",
                why.message_ja()
            ),
            StartProblem::Version { .. } => {
                "施行日を 令和8年4月1日 または 2026-04-01 の形で入れてください".into()
            }
        }
    }

    fn message_en(&self) -> String {
        match self {
            StartProblem::Municipality => "give the municipality's name".into(),
            StartProblem::Title => "give the regulation's name".into(),
            StartProblem::Version { why: Some(why), .. } => format!(
                "give the 施行日 as 令和8年4月1日 or 2026-04-01 ({})",
                why.message_en()
            ),
            StartProblem::Version { .. } => "give the 施行日 as 令和8年4月1日 or 2026-04-01".into(),
        }
    }
}

/// The 施行日 as the start screen shows it when the text gives it: 和暦, as the 例規 writes it.
pub fn version_shown(date: Date) -> String {
    date.wareki()
}

/// A new bundle from an imported 例規 and the start screen's fields: every field must hold
/// something, the 施行日 a date (`2026-04-01` or 和暦, kept as `YYYY-MM-DD`); otherwise every
/// problem at once, each with its field.
pub fn start_bundle(
    reiki: &ImportedReiki,
    municipality: &str,
    title: &str,
    version: &str,
) -> Result<RawBundle, Vec<StartProblem>> {
    let mut problems = Vec::new();
    let (municipality, title, typed) = (municipality.trim(), title.trim(), version.trim());
    if municipality.is_empty() {
        problems.push(StartProblem::Municipality);
    }
    if title.is_empty() {
        problems.push(StartProblem::Title);
    }
    let date = Date::parse_iso_or_wareki(typed);
    if date.is_none() {
        problems.push(StartProblem::Version {
            typed: typed.to_string(),
            why: Date::parse_wareki(typed)
                .err()
                .filter(|e| *e != WarekiError::NotADate),
        });
    }
    match date {
        Some(date) if problems.is_empty() => Ok(new_bundle(
            &bundle_id_from(title),
            municipality,
            &format!("{municipality} {title} の点検"),
            title,
            &reiki.text,
            &date.to_string(),
        )),
        _ => Err(problems),
    }
}

/// A bundle id made from a name typed by a person: lower-case ASCII letters, digits and
/// `-`; `reiki` when nothing is left.
pub fn bundle_id_from(name: &str) -> String {
    let mut id = String::new();
    for c in name.trim().chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_matches('-').to_string();
    if is_bundle_id(&id) {
        id
    } else {
        "reiki".into()
    }
}

/// An id not used by any item of `list`, made from `base` (`13-1-2`, then `13-1-2-b` …).
pub fn fresh_item_id(list: &RawChecklist, base: &str) -> String {
    let taken = |id: &str| {
        list.sections
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| i.id.as_deref() == Some(id))
    };
    let base = if base.is_empty() { "item" } else { base };
    if !taken(base) {
        return base.to_string();
    }
    for suffix in 'b'..='z' {
        let id = format!("{base}-{suffix}");
        if !taken(&id) {
            return id;
        }
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

/// Why a selection cannot become an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelectionError {
    /// No such source.
    NoSource,
    /// Nothing (or only white space) is selected.
    Empty,
    /// The selection is not inside an article (条) the text's layout shows.
    OutsideArticles,
    /// No such checklist or section.
    NoSection,
}

impl Message for SelectionError {
    fn message_ja(&self) -> String {
        match self {
            SelectionError::NoSource => "例規の本文がありません".into(),
            SelectionError::Empty => "本文の中で、項目にする文を選んでください".into(),
            SelectionError::OutsideArticles => {
                "選んだ文は条（第N条）の中にありません。条の本文を選んでください".into()
            }
            SelectionError::NoSection => "項目を入れる区分がありません".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            SelectionError::NoSource => "no regulation text".into(),
            SelectionError::Empty => "select the sentence to make an item from".into(),
            SelectionError::OutsideArticles => {
                "the selection is not inside an article (第N条)".into()
            }
            SelectionError::NoSection => "no section to put the item in".into(),
        }
    }
}

/// Where a selection lies and what it says: the citation an item made from it gets. The
/// place is read as the validator reads it (`core::source`); a text whose 条 that reading
/// cannot find (kanji numerals: 「第一条」) is placed by the editor's outline instead.
pub fn cite_selection(
    raw: &RawBundle,
    source: usize,
    start: usize,
    end: usize,
) -> Result<RawCite, SelectionError> {
    let src = raw.sources.get(source).ok_or(SelectionError::NoSource)?;
    let text = src.text.as_deref().ok_or(SelectionError::NoSource)?;
    let (start, end) = (start.min(text.len()), end.min(text.len()));
    let (start, end) = (start.min(end), start.max(end));
    let selected = text.get(start..end).ok_or(SelectionError::Empty)?;
    // the quote: the selection without surrounding space, on one line as far as possible
    let quote = selected.trim();
    if quote.is_empty() {
        return Err(SelectionError::Empty);
    }
    let lead = selected.len() - selected.trim_start().len();
    let index = SourceIndex::parse(text);
    let (article, paragraph, item) = match index.locate(start + lead) {
        Some(mark) => (
            mark.article.clone(),
            mark.paragraph.to_string(),
            mark.item.clone(),
        ),
        None if index.is_empty() => {
            let outline = Outline::parse(text);
            let place = outline
                .locate(start + lead)
                .and_then(|id| outline.place(id))
                .ok_or(SelectionError::OutsideArticles)?;
            (
                place.article,
                place.paragraph.unwrap_or_else(|| "1".into()),
                place.item,
            )
        }
        None => return Err(SelectionError::OutsideArticles),
    };
    Ok(RawCite {
        source: src.id.clone(),
        article: Some(article),
        paragraph: Some(paragraph),
        item,
        quote: Some(quote.split_whitespace().collect::<Vec<_>>().join(" ")),
        note: None,
    })
}

/// Who answers checklist `checklist` and whether it is a 委託契約 checklist, as drafts need it.
fn asking_of(list: &RawChecklist) -> (String, bool) {
    (
        list.respondent
            .clone()
            .filter(|r| !r.trim().is_empty())
            .unwrap_or_else(|| "課長".into()),
        list.kind.as_deref() == Some("contract"),
    )
}

/// An item id from the place a citation names: `13-1-2` (the 項 left out when it is the 1st
/// and no 号 is named).
fn base_id(cite: &RawCite) -> String {
    let mut base = cite.article.clone().unwrap_or_default();
    if let Some(p) = cite
        .paragraph
        .as_deref()
        .filter(|p| *p != "1" || cite.item.is_some())
    {
        base.push_str(&format!("-{p}"));
    }
    if let Some(i) = &cite.item {
        base.push_str(&format!("-{i}"));
    }
    base
}

/// An item of a draft: its citation, its question, the scale a contract clause takes (明記あり
/// / 明記なし) and, in a 委託契約 checklist, 適合 … for a draft that is no clause.
fn item_of(cite: RawCite, draft: &Draft, contract: bool, id: String) -> RawItem {
    RawItem {
        id: Some(id),
        text: Some(draft.question.clone()),
        scale: (contract && !draft.clause).then(|| "conformity".into()),
        cite: vec![cite],
        ..RawItem::default()
    }
}

/// An item for section `section` of checklist `checklist` made from the selected text: its
/// citation and quote filled in (a 号's number left out), a draft question
/// ([`draft_for_selection`]), a fresh id from the place it cites.
pub fn item_from_selection(
    raw: &RawBundle,
    source: usize,
    start: usize,
    end: usize,
    checklist: usize,
    section: usize,
) -> Result<RawItem, SelectionError> {
    let text = raw
        .sources
        .get(source)
        .and_then(|s| s.text.as_deref())
        .ok_or(SelectionError::NoSource)?;
    let list = raw
        .checklists
        .get(checklist)
        .ok_or(SelectionError::NoSection)?;
    list.sections
        .get(section)
        .ok_or(SelectionError::NoSection)?;
    let (respondent, contract) = asking_of(list);
    let asking = Asking {
        respondent: &respondent,
        contract,
    };
    let outline = Outline::parse(text);
    let duties = find_duties(text, &outline);
    let (start, end) = (start.min(end), start.max(end));
    let Some(draft) = draft_for_selection(text, &outline, &duties, start..end, asking) else {
        // outside what the outline places: the citation says why (or places it after all)
        let cite = cite_selection(raw, source, start, end)?;
        let question = format!(
            "「{}」について、定めのとおり行っていますか。",
            cite.quote
                .as_deref()
                .unwrap_or_default()
                .trim_end_matches('。')
        );
        let draft = Draft {
            place: Place {
                article: String::new(),
                paragraph: None,
                item: None,
            },
            quote: start..end,
            question,
            clause: false,
        };
        let id = fresh_item_id(list, &base_id(&cite));
        return Ok(item_of(cite, &draft, contract, id));
    };
    let cite = cite_selection(raw, source, draft.quote.start, draft.quote.end)?;
    let id = fresh_item_id(list, &base_id(&cite));
    Ok(item_of(cite, &draft, contract, id))
}

/// The items 「項目案を作る」 makes of the duty sentence that begins at byte `start` of source
/// `source`, for section `section` of checklist `checklist` ([`drafts_for_duty`]: one per act,
/// one per 号 of a sentence that announces them), each with its citation and a fresh id.
pub fn items_from_duty(
    raw: &RawBundle,
    source: usize,
    start: usize,
    checklist: usize,
    section: usize,
) -> Result<Vec<RawItem>, SelectionError> {
    let text = raw
        .sources
        .get(source)
        .and_then(|s| s.text.as_deref())
        .ok_or(SelectionError::NoSource)?;
    let list = raw
        .checklists
        .get(checklist)
        .ok_or(SelectionError::NoSection)?;
    list.sections
        .get(section)
        .ok_or(SelectionError::NoSection)?;
    let (respondent, contract) = asking_of(list);
    let asking = Asking {
        respondent: &respondent,
        contract,
    };
    let outline = Outline::parse(text);
    let duties = find_duties(text, &outline);
    let index = duties
        .iter()
        .position(|d| d.range.start == start)
        .ok_or(SelectionError::OutsideArticles)?;
    let mut scratch = list.clone();
    let mut items = Vec::new();
    for draft in drafts_for_duty(text, &outline, &duties, index, asking) {
        let cite = cite_selection(raw, source, draft.quote.start, draft.quote.end)?;
        let id = fresh_item_id(&scratch, &base_id(&cite));
        let item = item_of(cite, &draft, contract, id);
        // later drafts get other ids than the earlier ones
        if let Some(sec) = scratch.sections.get_mut(section) {
            sec.items.push(item.clone());
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(SelectionError::OutsideArticles);
    }
    Ok(items)
}

/// Excludes `place` of source `source` from what the bundle asks, for `reason` (kept in the
/// bundle's `exclude`); a place already excluded gets the new reason.
pub fn exclude(raw: &mut RawBundle, source: &str, place: &Place, reason: &str) {
    let same = |e: &RawExclude| {
        e.source.as_deref() == Some(source)
            && e.article.as_deref() == Some(place.article.as_str())
            && e.paragraph == place.paragraph
            && e.item == place.item
    };
    let reason = Some(reason.trim().to_string());
    match raw.exclude.iter_mut().find(|e| same(e)) {
        Some(e) => e.reason = reason,
        None => raw.exclude.push(RawExclude {
            source: Some(source.to_string()),
            article: Some(place.article.clone()),
            paragraph: place.paragraph.clone(),
            item: place.item.clone(),
            reason,
        }),
    }
}

/// Asks `place` again: removes the exclusions that name exactly it.
pub fn include(raw: &mut RawBundle, source: &str, place: &Place) {
    raw.exclude.retain(|e| {
        !(e.source.as_deref() == Some(source)
            && e.article.as_deref() == Some(place.article.as_str())
            && e.paragraph == place.paragraph
            && e.item == place.item)
    });
}

/// What may follow `before` (the `when` text up to the cursor) in a checklist's condition:
/// profile question ids, their options after `id = '`, and the words `and`, `or`, `not`.
pub fn when_completions(profile: &[RawProfile], before: &str) -> Vec<String> {
    // (the character found may be 3 bytes long: a Japanese word typed into the condition)
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    let head = before[..word_start].trim_end();
    // inside an option: `id = '`
    if let Some(id) = head
        .strip_suffix("= '")
        .or_else(|| head.strip_suffix("='"))
        .or_else(|| {
            before
                .strip_suffix("= '")
                .or_else(|| before.strip_suffix("='"))
        })
        .and_then(|h| {
            h.trim_end()
                .rsplit(|c: char| c.is_whitespace() || c == '(')
                .next()
        })
    {
        return profile
            .iter()
            .filter(|q| q.id.as_deref() == Some(id))
            .flat_map(|q| q.options.iter().filter_map(|o| o.id.clone()))
            .filter(|o| o.starts_with(word))
            .collect();
    }
    let after_term = head.ends_with(')')
        || head
            .rsplit(|c: char| c.is_whitespace())
            .next()
            .is_some_and(|w| {
                profile.iter().any(|q| q.id.as_deref() == Some(w)) || w.ends_with('\'')
            });
    let mut out: Vec<String> = if after_term && !head.is_empty() {
        vec!["and".into(), "or".into()]
    } else {
        let mut v: Vec<String> = profile.iter().filter_map(|q| q.id.clone()).collect();
        v.push("not".into());
        v
    };
    out.retain(|w| w.starts_with(word) && w != word);
    out
}

/// Why an amended text cannot be taken in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmendError {
    /// The new 施行日 is not a date (YYYY-MM-DD).
    BadVersion,
    /// The new 施行日 is not after the current version.
    NotAfter {
        /// The current version.
        current: String,
    },
}

impl Message for AmendError {
    fn message_ja(&self) -> String {
        match self {
            AmendError::BadVersion => "改正後の施行日を YYYY-MM-DD の形で入れてください。".into(),
            AmendError::NotAfter { current } => {
                format!("改正後の施行日は、今の版（{current}）より後の日付にしてください。")
            }
        }
    }

    fn message_en(&self) -> String {
        match self {
            AmendError::BadVersion => "give the amendment's 施行日 as YYYY-MM-DD".into(),
            AmendError::NotAfter { current } => {
                format!("the amendment's 施行日 must be after the current version ({current})")
            }
        }
    }
}

/// Takes in the amended text of source `source` compared as `amendment`: the text replaced,
/// `version` moved on to `new_version` (which must be a date after the current version, or
/// the current version must be no date), and the changed items recorded in `amended` with
/// the version they amend. Returns how many items the amendment changed.
pub fn apply_amendment(
    raw: &mut RawBundle,
    source: &str,
    new_text: String,
    new_version: &str,
    amendment: &crate::core::reiki::Amendment,
) -> Result<usize, AmendError> {
    let new_version = new_version.trim();
    let new = Date::parse_iso(new_version).ok_or(AmendError::BadVersion)?;
    let current = raw.version.clone().unwrap_or_default();
    if Date::parse_iso(&current).is_some_and(|old| new <= old) {
        return Err(AmendError::NotAfter { current });
    }
    if let Some(s) = raw
        .sources
        .iter_mut()
        .find(|s| s.id.as_deref() == Some(source))
    {
        s.text = Some(new_text);
    }
    let items = amendment.items();
    let count = items.len();
    raw.version = Some(new_version.to_string());
    raw.amended = Some(RawAmended {
        from: Some(current),
        items,
    });
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::raw::RawChoice;

    const TEXT: &str = "○テスト町情報管理規程\n\n(目的)\n第1条 この規程は、情報の管理を定める。\n\n(課長の責務)\n第2条 課長は、所管する情報を適正に管理しなければならない。\n2 課長は、次に掲げる措置を講じなければならない。\n(1) 従事者を指定すること。\n(2) 記録媒体を施錠して保管すること。\n";

    fn bundle() -> RawBundle {
        new_bundle(
            "test",
            "テスト町",
            "テスト町 情報管理の点検",
            "テスト町情報管理規程",
            TEXT,
            "2026-04-01",
        )
    }

    #[test]
    fn a_selected_sentence_becomes_an_item_that_validates() {
        let mut raw = bundle();
        let sentence = "従事者を指定すること。";
        let start = TEXT.find(sentence).expect("in text");
        let item = item_from_selection(&raw, 0, start, start + sentence.len(), 0, 0).expect("item");
        assert_eq!(item.id.as_deref(), Some("2-2-1"));
        let c = &item.cite[0];
        assert_eq!(
            (
                c.article.as_deref(),
                c.paragraph.as_deref(),
                c.item.as_deref(),
                c.quote.as_deref()
            ),
            (Some("2"), Some("2"), Some("1"), Some(sentence))
        );
        assert_eq!(item.text.as_deref(), Some("従事者を指定していますか。"));
        raw.checklists[0].sections[0].items.push(item.clone());
        // a second item from the same place gets another id
        let again =
            item_from_selection(&raw, 0, start, start + sentence.len(), 0, 0).expect("item");
        assert_eq!(again.id.as_deref(), Some("2-2-1-b"));
        let validated = crate::core::bundle::validate(&raw).expect("valid");
        assert_eq!(validated.bundle.checklists[0].item_count(), 1);
    }

    #[test]
    fn selections_outside_articles_or_empty_are_refused() {
        let raw = bundle();
        let title = TEXT.find("テスト町情報管理規程").expect("title");
        assert_eq!(
            item_from_selection(&raw, 0, title, title + 9, 0, 0),
            Err(SelectionError::OutsideArticles)
        );
        assert_eq!(
            item_from_selection(&raw, 0, 5, 5, 0, 0),
            Err(SelectionError::Empty)
        );
        assert_eq!(
            item_from_selection(&raw, 3, 0, 4, 0, 0),
            Err(SelectionError::NoSource)
        );
        assert!(SelectionError::Empty.message_ja().contains("選んで"));
    }

    #[test]
    fn duty_offers_make_an_item_per_act_and_per_clause() {
        let raw = bundle();
        let lead = TEXT.find("課長は、次に掲げる措置").expect("in text");
        let items = items_from_duty(&raw, 0, lead, 0, 0).expect("items");
        let got: Vec<_> = items
            .iter()
            .map(|i| {
                (
                    i.id.as_deref().unwrap_or(""),
                    i.text.as_deref().unwrap_or(""),
                    i.cite[0].quote.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "2-2-1",
                    "従事者を指定していますか。",
                    "従事者を指定すること。"
                ),
                (
                    "2-2-2",
                    "記録媒体を施錠して保管していますか。",
                    "記録媒体を施錠して保管すること。"
                ),
            ]
        );
        assert!(
            items.iter().all(|i| i.scale.is_none()),
            "a 点検's default scale"
        );
        // a contract checklist: one clause per 号, without its number, on the clause scale;
        // the duty of the 課 itself on the conformity scale
        let text = "○テスト町委託規程\n第1条 課長は、外部委託をしようとするときは、あらかじめ、委託先を調査しなければならない。\n第2条 外部委託に係る契約書には、次に掲げる事項を明記しなければならない。\n(1) 再委託の禁止に関する事項\n(2) 秘密保持に関する事項\n";
        let mut raw = new_bundle(
            "t",
            "テスト町",
            "点検",
            "テスト町委託規程",
            text,
            "2026-04-01",
        );
        raw.checklists[0].kind = Some("contract".into());
        let lead = text.find("外部委託に係る契約書").expect("in text");
        let clauses = items_from_duty(&raw, 0, lead, 0, 0).expect("items");
        assert_eq!(
            clauses
                .iter()
                .map(|i| (
                    i.id.as_deref().unwrap_or(""),
                    i.text.as_deref().unwrap_or(""),
                    i.cite[0].quote.as_deref().unwrap_or(""),
                    i.scale.as_deref()
                ))
                .collect::<Vec<_>>(),
            [
                (
                    "2-1-1",
                    "契約書に、再委託の禁止に関する事項が明記されていますか。",
                    "再委託の禁止に関する事項",
                    None
                ),
                (
                    "2-1-2",
                    "契約書に、秘密保持に関する事項が明記されていますか。",
                    "秘密保持に関する事項",
                    None
                ),
            ]
        );
        let first = text.find("課長は、外部委託").expect("in text");
        let duty = items_from_duty(&raw, 0, first, 0, 0).expect("items");
        assert_eq!(
            duty[0].text.as_deref(),
            Some("外部委託をしようとするとき、あらかじめ、委託先を調査していますか。")
        );
        assert_eq!(duty[0].scale.as_deref(), Some("conformity"));
        // a 号 line selected whole, number and all: the same clause
        let line = text.find("(2) 秘密保持").expect("in text");
        let item =
            item_from_selection(&raw, 0, line, line + "(2) 秘密保持に関する事項".len(), 0, 0)
                .expect("item");
        assert_eq!(item.text, clauses[1].text);
        assert_eq!(item.cite, clauses[1].cite);
        // every item validates in its bundle
        raw.checklists[0].sections[0].items.extend(clauses);
        raw.checklists[0].sections[0].items.extend(duty);
        let validated = crate::core::bundle::validate(&raw).expect("valid");
        assert_eq!(validated.bundle.checklists[0].item_count(), 3);
        // no duty begins there
        assert_eq!(
            items_from_duty(&raw, 0, 1, 0, 0),
            Err(SelectionError::OutsideArticles)
        );
    }

    #[test]
    fn a_text_with_kanji_numerals_is_cited_by_its_outline() {
        let text = "○猪苗代町規程\n第一条 課の長は、必要に応じ、受託者の状況について調査するものとする。\n第二条 課の長は、報告しなければならない。\n";
        let raw = new_bundle("t", "町", "点検", "規程", text, "2026-04-01");
        let at = text.find("課の長は、報告").expect("in text");
        let item = item_from_selection(&raw, 0, at, text.len(), 0, 0).expect("item");
        assert_eq!(item.cite[0].article.as_deref(), Some("2"));
        assert_eq!(item.text.as_deref(), Some("報告していますか。"));
    }

    #[test]
    fn a_bundle_starts_only_with_a_name_and_a_date() {
        let text = "○テスト町情報管理規程\n\n平成14年8月5日\n\n訓令第3号\n\n第1条 課長は、所管する情報を管理しなければならない。\n\n附 則\n\nこの規程は、公布の日から施行する。\n";
        let reiki = import_reiki("", text).expect("reiki");
        // read from a paste: the name from the first line, the 施行日 from the 附則
        assert_eq!(reiki.title.as_deref(), Some("テスト町情報管理規程"));
        let enforced = reiki.header.enforced.map(|(d, _)| d).expect("施行日");
        assert_eq!(version_shown(enforced), "平成14年8月5日");
        let raw = start_bundle(
            &reiki,
            "テスト町",
            "テスト町情報管理規程",
            &version_shown(enforced),
        )
        .expect("bundle");
        assert_eq!(raw.version.as_deref(), Some("2002-08-05"));
        assert_eq!(
            raw.sources[0].title.as_deref(),
            Some("テスト町情報管理規程")
        );
        // what the start screen fills in leaves the validator nothing to say about it
        let said: Vec<String> = match crate::core::bundle::validate_draft(&raw) {
            Ok(v) => v.warnings.0.iter().map(|p| p.path.clone()).collect(),
            Err(p) => p.0.iter().map(|p| p.path.clone()).collect(),
        };
        for path in &said {
            assert!(
                !["version", "title", "municipality", "sources"]
                    .iter()
                    .any(|f| path.starts_with(f)),
                "{said:?}"
            );
        }
        let ok = |v: &str| start_bundle(&reiki, "町", "規程", v).map(|r| r.version);
        assert_eq!(ok(" 2026-04-01 "), Ok(Some("2026-04-01".into())));
        assert_eq!(ok("令和八年四月一日"), Ok(Some("2026-04-01".into())));
        // nothing given: every problem at once, each a sentence for its field
        let problems = start_bundle(&reiki, " ", "", "").unwrap_err();
        assert_eq!(
            problems.iter().map(StartProblem::field).collect::<Vec<_>>(),
            ["municipality", "title", "version"]
        );
        assert_eq!(problems[1].message_ja(), "例規の名称を入れてください");
        assert_eq!(
            problems[2].message_ja(),
            "施行日を 令和8年4月1日 または 2026-04-01 の形で入れてください"
        );
        for p in &problems {
            assert!(
                !p.message_ja().contains('['),
                "no raw path: {}",
                p.message_ja()
            );
            assert!(!p.message_en().is_empty());
        }
        // a 和暦 day outside its era says why
        let why = start_bundle(&reiki, "町", "規程", "平成31年5月1日").unwrap_err();
        assert_eq!(
            why[0].message_ja(),
            "施行日を 令和8年4月1日 または 2026-04-01 の形で入れてください（平成は平成31年4月30日までです（翌日からは次の元号））"
        );
        assert!(start_bundle(&reiki, "町", "規程", "2026/4/1").is_err());
    }

    #[test]
    fn problems_call_profile_questions_as_the_screens_do() {
        let mut raw = bundle();
        raw.checklists[0].profile.push(RawProfile {
            id: Some("usb".into()),
            text: Some("USBメモリを使いますか".into()),
            ..RawProfile::default()
        });
        let sentence = "従事者を指定すること。";
        let start = TEXT.find(sentence).expect("in text");
        let mut item =
            item_from_selection(&raw, 0, start, start + sentence.len(), 0, 0).expect("item");
        item.when = Some("usbb or (".into());
        raw.checklists[0].sections[0].items.push(item);
        let said: Vec<String> = match crate::core::bundle::validate_draft(&raw) {
            Ok(v) => v.warnings.0.iter().map(|p| p.kind.message_ja()).collect(),
            Err(p) => p.0.iter().map(|p| p.kind.message_ja()).collect(),
        };
        assert!(
            said.iter().any(|m| m.contains("前提の質問の ID")),
            "{said:?}"
        );
        assert!(!said.iter().any(|m| m.contains("プロフィール")), "{said:?}");
        raw.checklists[0].sections[0].items[0].when = Some("usbb".into());
        let said: Vec<String> = match crate::core::bundle::validate_draft(&raw) {
            Ok(v) => v.warnings.0.iter().map(|p| p.kind.message_ja()).collect(),
            Err(p) => p.0.iter().map(|p| p.kind.message_ja()).collect(),
        };
        assert!(
            said.iter()
                .any(|m| m.contains("このチェックリストの前提の質問にありません")),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|m| m.contains("前提の質問「usb」はどの条件式")),
            "{said:?}"
        );
    }

    #[test]
    fn ids_and_completions() {
        assert_eq!(bundle_id_from("Higashi Town 2026"), "higashi-town-2026");
        assert_eq!(bundle_id_from("東町"), "reiki");
        let profile = vec![
            RawProfile {
                id: Some("kojin".into()),
                ..RawProfile::default()
            },
            RawProfile {
                id: Some("itaku".into()),
                kind: Some("choice".into()),
                options: vec![
                    RawChoice {
                        id: Some("none".into()),
                        label: Some("なし".into()),
                    },
                    RawChoice {
                        id: Some("some".into()),
                        label: Some("あり".into()),
                    },
                ],
                ..RawProfile::default()
            },
        ];
        assert_eq!(when_completions(&profile, ""), ["kojin", "itaku", "not"]);
        assert_eq!(when_completions(&profile, "ko"), ["kojin"]);
        assert_eq!(when_completions(&profile, "kojin "), ["and", "or"]);
        assert_eq!(when_completions(&profile, "kojin and i"), ["itaku"]);
        assert_eq!(when_completions(&profile, "itaku = '"), ["none", "some"]);
        assert_eq!(when_completions(&profile, "itaku = 's"), ["some"]);
    }

    #[test]
    fn imports_say_what_they_read_and_refuse_what_is_not_a_reiki() {
        let r =
            import_reiki("", &format!("\u{feff}{}", TEXT.replace('\n', "\r\n"))).expect("reiki");
        assert_eq!(r.text, TEXT, "the stated normalisation");
        assert_eq!(r.title.as_deref(), Some("テスト町情報管理規程"));
        assert!(r.outline.unplaced().is_empty());
        assert_eq!(import_reiki("", " \n\n").unwrap_err(), ImportError::Empty);
        assert_eq!(
            import_reiki("memo.txt", "議事録\n1 出席者\n2 議題\n").unwrap_err(),
            ImportError::NoArticles
        );
        let big = "第1条 x。\n".repeat(MAX_IMPORT_BYTES / 10);
        assert!(matches!(
            import_reiki("", &big),
            Err(ImportError::TooLarge { .. })
        ));
        // every refusal reads as a sentence for the author, in both languages
        for e in [ImportError::Empty, ImportError::NoArticles] {
            assert!(!e.message_ja().is_empty() && !e.message_en().is_empty());
        }
    }

    #[test]
    fn an_html_page_is_read_as_text_and_its_scripts_are_text_too() {
        let page = "<!DOCTYPE html><html><head><title>テスト町情報管理規程</title><script>alert(1)</script></head>\
            <body onload=\"alert(2)\"><p>○テスト町情報管理規程</p><p>第1条 課長は、<b>情報</b>を管理しなければならない。</p>\
            <iframe src=\"http://example.com/\"></iframe><img src=x onerror=alert(3)></body></html>";
        let r = import_reiki("page.html", page).expect("page");
        assert!(
            r.text
                .contains("第1条 課長は、情報を管理しなければならない。"),
            "{}",
            r.text
        );
        for bad in ["alert", "<", "example.com", "onerror"] {
            assert!(!r.text.contains(bad), "{bad} in {}", r.text);
        }
        assert_eq!(r.title.as_deref(), Some("テスト町情報管理規程"));
        // a pasted page is recognised by its start
        assert!(looks_like_html("", "  <!doctype html><p>"));
        assert!(!looks_like_html("", "第1条 <注> を含む"));
    }

    #[test]
    fn exclusions_are_kept_with_their_reason_and_can_be_taken_back() {
        let mut raw = bundle();
        let place = Place {
            article: "1".into(),
            paragraph: None,
            item: None,
        };
        exclude(&mut raw, "kisoku", &place, "目的規定");
        exclude(&mut raw, "kisoku", &place, "目的を定めるだけで義務がない");
        assert_eq!(raw.exclude.len(), 1);
        assert_eq!(
            raw.exclude[0].reason.as_deref(),
            Some("目的を定めるだけで義務がない")
        );
        let covered = crate::core::reiki::coverage_raw(&raw);
        assert!(covered[0].units.iter().any(
            |u| u.label == "第1条" && matches!(u.state, crate::core::reiki::State::Excluded(_))
        ));
        include(&mut raw, "kisoku", &place);
        assert!(raw.exclude.is_empty());
    }

    #[test]
    fn every_duty_of_the_text_can_become_an_item() {
        let raw = bundle();
        let text = raw.sources[0].text.clone().unwrap();
        let outline = Outline::parse(&text);
        let duties = crate::core::reiki::find_duties(&text, &outline);
        assert!(duties.len() >= 2, "{duties:?}");
        for d in &duties {
            let item =
                item_from_selection(&raw, 0, d.range.start, d.range.end, 0, 0).expect("item");
            assert_eq!(
                item.cite[0].quote.as_deref(),
                Some(text[d.range.clone()].trim())
            );
        }
    }

    #[test]
    fn the_tree_names_each_node_as_the_text_does() {
        let text = "○架空町規程\n第1章 総則\n(目的)\n第1条 目的を定める。\n第2章 管理\n(点検)\n第3条の2 課長は、点検しなければならない。\n2 課長は、次に掲げる事項を報告しなければならない。\n(1) 結果\n(2) 改善\n附 則(令和2年4月1日訓令第10号)\nこの規程は、公布の日から施行する。\n別表第1(第3条関係)\n1 表\n";
        let outline = Outline::parse(text);
        let rows: Vec<(usize, String)> = tree_rows(&outline, NodeKind::Item)
            .into_iter()
            .map(|r| (r.depth, r.label))
            .collect();
        let want = [
            (0, "第1章 総則"),
            (1, "第1条（目的）"),
            (0, "第2章 管理"),
            (1, "第3条の2（点検）"),
            (2, "第1項"),
            (2, "第2項"),
            (3, "第1号"),
            (3, "第2号"),
        ];
        for (i, (d, l)) in want.iter().enumerate() {
            assert_eq!(
                rows.get(i).map(|(d, l)| (*d, l.as_str())),
                Some((*d, *l)),
                "{rows:?}"
            );
        }
        assert!(rows.iter().any(|(_, l)| l.starts_with("附則")), "{rows:?}");
        assert!(
            rows.iter().any(|(_, l)| l.starts_with("別表第1")),
            "{rows:?}"
        );
        // the summary stops at 条
        assert!(
            tree_rows(&outline, NodeKind::Article)
                .iter()
                .all(|r| r.kind != NodeKind::Paragraph)
        );
    }

    #[test]
    fn an_amendment_is_taken_in_only_with_a_later_date() {
        let mut raw = crate::core::bundle::RawBundle {
            version: Some("2015-10-05".into()),
            sources: vec![RawSource {
                id: Some("kisoku".into()),
                text: Some("第1条 旧".into()),
                ..RawSource::default()
            }],
            ..RawBundle::default()
        };
        let amendment = crate::core::reiki::compare(&raw, "kisoku", "第1条 新");
        let before = raw.clone();
        assert_eq!(
            apply_amendment(&mut raw, "kisoku", "第1条 新".into(), "令和8年", &amendment),
            Err(AmendError::BadVersion)
        );
        assert_eq!(
            apply_amendment(
                &mut raw,
                "kisoku",
                "第1条 新".into(),
                "2015-10-05",
                &amendment
            ),
            Err(AmendError::NotAfter {
                current: "2015-10-05".into()
            })
        );
        assert_eq!(raw, before, "nothing changes when refused");
        assert_eq!(
            apply_amendment(
                &mut raw,
                "kisoku",
                "第1条 新".into(),
                " 2026-04-01 ",
                &amendment
            ),
            Ok(0)
        );
        assert_eq!(raw.version.as_deref(), Some("2026-04-01"));
        assert_eq!(raw.sources[0].text.as_deref(), Some("第1条 新"));
        assert_eq!(
            raw.amended.as_ref().and_then(|a| a.from.as_deref()),
            Some("2015-10-05")
        );
    }
}
