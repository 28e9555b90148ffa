//! The validated bundle: what the app and the CLI work with. Built only by
//! [`super::validate()`], so every reference in it resolves and every condition parses.

use std::ops::Range;

use crate::core::id_map::IdMap;

use crate::core::condition::{Condition, ProfileValue};
use crate::core::date::Date;
use crate::core::source::{Mark, SourceIndex};
use crate::core::text::{Folded, fold, fold_mapped};

/// A validated rule bundle.
#[derive(Debug, Clone)]
pub struct Bundle {
    /// Stable id (`[a-z0-9-]+`).
    pub id: String,
    /// 施行日 of the regulation text encoded.
    pub version: Date,
    /// Title shown in the bundle list.
    pub title: String,
    /// The municipality.
    pub municipality: Municipality,
    /// Optional description.
    pub description: Option<String>,
    /// The regulations quoted.
    pub sources: Vec<Source>,
    /// Built-in scales followed by the bundle's own.
    pub scales: Vec<Scale>,
    /// The checklists.
    pub checklists: Vec<Checklist>,
    /// 条・項・号 the bundle does not ask, with the author's reasons (`exclude`).
    pub exclusions: Vec<Exclusion>,
    /// The 例規改正 this version follows (`amended`), if any.
    pub amended: Option<Amended>,
    /// Lower-case hex SHA-256 of the bundle's canonical JSON: its identity.
    pub hash: String,
}

/// A 例規改正 (`amended`): the version it amends and the items it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amended {
    /// The version (施行日) before the amendment; earlier than the bundle's `version`.
    pub from: Date,
    /// Ids of the items whose cited text the amendment changed (each an item of some
    /// checklist of the bundle). A result of an earlier version carries no answer to them.
    pub items: IdMap<()>,
}

impl Amended {
    /// True when the amendment changed the item with this id.
    pub fn changed(&self, item: &str) -> bool {
        self.items.contains_key(item)
    }
}

/// The municipality a bundle is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Municipality {
    /// 自治体名.
    pub name: String,
    /// 地方公共団体コード (6 digits), if given.
    pub code: Option<String>,
}

/// One regulation text with its located structure.
#[derive(Debug, Clone)]
pub struct Source {
    /// Id cited by `cite.source`.
    pub id: String,
    /// 例規名.
    pub title: String,
    /// 例規番号, if given.
    pub number: Option<String>,
    /// The verbatim text.
    pub text: String,
    /// Where articles, paragraphs and items begin.
    pub index: SourceIndex,
    folded: Folded,
}

impl Source {
    /// Builds a source and locates its structure.
    pub fn new(id: String, title: String, number: Option<String>, text: String) -> Source {
        let index = SourceIndex::parse(&text);
        let folded = fold_mapped(&text);
        Source {
            id,
            title,
            number,
            text,
            index,
            folded,
        }
    }

    /// Every place where `quote` occurs (after folding), as byte ranges of the text.
    pub fn find_all(&self, quote: &str) -> Vec<Range<usize>> {
        self.folded.find_all(&fold(quote))
    }

    /// Where a citation's quote stands, `folded` being the quote folded
    /// ([`crate::core::text::fold`]): an occurrence at the cited 条・項・号, sought first in
    /// the cited article, then in the whole text (a quote may run past its article's end);
    /// else the first occurrence anywhere. The search stops at the first occurrence that
    /// decides, and adds the folded bytes it read to `read`: at most the cited article and
    /// the whole text once each, so that the validator can bound what a bundle's quotes cost.
    pub fn find_quote(&self, cite: &Citation, folded: &str, read: &mut u64) -> QuoteAt {
        let at_cited =
            |r: &Range<usize>| self.index.locate(r.start).is_some_and(|m| cite.matches(m));
        let mut cited = None;
        if let Some(span) = self.index.article(&cite.article) {
            self.folded
                .scan(folded, span.range.clone(), read, &mut |r| {
                    let hit = at_cited(&r);
                    if hit {
                        cited = Some(r);
                    }
                    hit
                });
        }
        if let Some(r) = cited {
            return QuoteAt::Cited(r);
        }
        // without a located structure no occurrence can be at the cited place: the first
        // one is all there is to find
        let placed = !self.index.is_empty();
        let mut first = None;
        self.folded
            .scan(folded, 0..self.text.len(), read, &mut |r| {
                if first.is_none() {
                    first = Some(r.clone());
                }
                if placed && at_cited(&r) {
                    cited = Some(r);
                }
                !placed || cited.is_some()
            });
        match (cited, first) {
            (Some(r), _) => QuoteAt::Cited(r),
            (None, Some(r)) => QuoteAt::Elsewhere(r),
            (None, None) => QuoteAt::Nowhere,
        }
    }

    /// Where a citation's quote stands: the occurrence inside the cited place if there is
    /// one, else the first occurrence.
    pub fn locate(&self, cite: &Citation) -> Option<Range<usize>> {
        match self.find_quote(cite, &fold(cite.quote.as_deref()?), &mut 0) {
            QuoteAt::Cited(r) | QuoteAt::Elsewhere(r) => Some(r),
            QuoteAt::Nowhere => None,
        }
    }

    /// The text of the article a citation points to (caption included), as shown beside
    /// it: the words before the quote, the quote, and the words after it (before and after
    /// empty when the quote is not in that article: the article is `before`). Each side is
    /// cut to [`MAX_EXCERPT_SIDE`] bytes, with 「…」 where it was cut: a real article is a few
    /// kilobytes, and every item citing a huge one would otherwise carry all of it.
    pub fn excerpt(&self, cite: &Citation) -> Option<(String, String, String)> {
        let quote = self.locate(cite);
        let span = match quote.as_ref().and_then(|r| self.index.article_at(r.start)) {
            Some(span) => span,
            None => self.index.article(&cite.article)?,
        };
        let range = span.range.clone();
        let text = &self.text[range.clone()];
        Some(
            match quote.filter(|q| q.start >= range.start && q.end <= range.end) {
                Some(q) => (
                    cut(&text[..q.start - range.start], true),
                    text[q.start - range.start..q.end - range.start].to_string(),
                    cut(&text[q.end - range.start..], false),
                ),
                None => (cut(text, false), String::new(), String::new()),
            },
        )
    }
}

/// The most of an article's text shown on each side of a citation's quote, in bytes (see
/// [`Source::excerpt`]); the longest article of the built-in bundles is 3 KB.
pub const MAX_EXCERPT_SIDE: usize = 8 * 1024;

/// `text` cut to [`MAX_EXCERPT_SIDE`] bytes at a character boundary, keeping its end
/// (`keep_end`) or its start, with 「…」 where it was cut.
fn cut(text: &str, keep_end: bool) -> String {
    if text.len() <= MAX_EXCERPT_SIDE {
        return text.to_string();
    }
    // the kept part is at most MAX_EXCERPT_SIDE bytes: its cut moves inwards to a character
    let mut at = if keep_end {
        text.len() - MAX_EXCERPT_SIDE
    } else {
        MAX_EXCERPT_SIDE
    };
    while !text.is_char_boundary(at) {
        if keep_end {
            at += 1;
        } else {
            at -= 1;
        }
    }
    let (head, tail) = text.split_at(at);
    if keep_end {
        ["…", tail].concat()
    } else {
        [head, "…"].concat()
    }
}

/// Where a citation's quote stands in its source (see [`Source::find_quote`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuoteAt {
    /// At the cited 条・項・号 (byte range of the text).
    Cited(Range<usize>),
    /// Not at the cited place; its first occurrence (byte range of the text).
    Elsewhere(Range<usize>),
    /// Nowhere in the text.
    Nowhere,
}

/// An answer scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// Id used by `item.scale`.
    pub id: String,
    /// Optional title.
    pub title: Option<String>,
    /// The options in display order.
    pub options: Vec<ScaleOption>,
    /// True for `conformity` and `clause`.
    pub builtin: bool,
}

/// One answer option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleOption {
    /// Option id stored in answers.
    pub id: String,
    /// Label shown.
    pub label: String,
    /// What choosing it means.
    pub conforming: Conformity,
    /// Whether it asks for the contract's own article number (明記あり).
    pub reference: bool,
}

/// What an answer means for conformity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conformity {
    /// Conforming.
    Yes,
    /// Not conforming: asks for an improvement plan (or, for a clause, must be added).
    No,
    /// Not applicable.
    NotApplicable,
}

impl Scale {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&ScaleOption> {
        self.options.iter().find(|o| o.id == id)
    }
}

fn builtin_option(id: &str, label: &str, conforming: Conformity, reference: bool) -> ScaleOption {
    ScaleOption {
        id: id.into(),
        label: label.into(),
        conforming,
        reference,
    }
}

/// The built-in scales: `conformity` (適合 / 一部不適合 / 不適合 / 該当なし) and `clause`
/// (明記あり with the contract's article number / 明記なし / 該当なし).
pub fn builtin_scales() -> Vec<Scale> {
    use Conformity::*;
    vec![
        Scale {
            id: "conformity".into(),
            title: Some("適合状況".into()),
            options: vec![
                builtin_option("conforming", "適合", Yes, false),
                builtin_option("partial", "一部不適合", No, false),
                builtin_option("nonconforming", "不適合", No, false),
                builtin_option("na", "該当なし", NotApplicable, false),
            ],
            builtin: true,
        },
        Scale {
            id: "clause".into(),
            title: Some("契約書への明記".into()),
            options: vec![
                builtin_option("stated", "明記あり", Yes, true),
                builtin_option("missing", "明記なし", No, false),
                builtin_option("na", "該当なし", NotApplicable, false),
            ],
            builtin: true,
        },
    ]
}

/// 点検 or 委託契約.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChecklistKind {
    /// Periodic self-inspection (点検).
    Inspection,
    /// Outsourcing contract check (委託契約).
    Contract,
}

impl ChecklistKind {
    /// The wire name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ChecklistKind::Inspection => "inspection",
            ChecklistKind::Contract => "contract",
        }
    }

    /// The Japanese name.
    pub fn label(&self) -> &'static str {
        match self {
            ChecklistKind::Inspection => "点検",
            ChecklistKind::Contract => "委託契約",
        }
    }

    /// The scale items use when they name none.
    pub fn default_scale(&self) -> &'static str {
        match self {
            ChecklistKind::Inspection => "conformity",
            ChecklistKind::Contract => "clause",
        }
    }
}

/// A checklist.
#[derive(Debug, Clone)]
pub struct Checklist {
    /// Id, unique in the bundle.
    pub id: String,
    /// 点検 or 委託契約.
    pub kind: ChecklistKind,
    /// Title.
    pub title: String,
    /// Who answers (課長, 保護管理者 …).
    pub respondent: String,
    /// To whom the result is reported, if the regulation says.
    pub report_to: Option<String>,
    /// Optional description.
    pub description: Option<String>,
    /// The articles requiring this checklist.
    pub basis: Vec<Citation>,
    /// Questions that decide which items apply.
    pub profile: Vec<ProfileQuestion>,
    /// The sections, each with at least one item.
    pub sections: Vec<Section>,
}

impl Checklist {
    /// Every item with its section, in order.
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
    }

    /// The number a person reads for the item with this id ([`Item::display_number`]), never
    /// the id itself; `None` when the checklist has no such item.
    pub fn number_of(&self, id: &str) -> Option<String> {
        self.items()
            .find(|(_, i)| i.id == id)
            .map(|(_, i)| i.display_number())
    }

    /// The numbers of the items with these ids, in that order, joined by 「、」 (ids the
    /// checklist does not have are left out).
    pub fn numbers_of(&self, ids: &[String]) -> String {
        ids.iter()
            .filter_map(|id| self.number_of(id))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// The number of items.
    pub fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    /// The profile question with this id.
    pub fn question(&self, id: &str) -> Option<&ProfileQuestion> {
        self.profile.iter().find(|q| q.id == id)
    }

    /// An item's condition in words, using this checklist's profile questions
    /// (「所管する電子情報処理で個人情報を取り扱っていますか：はい」).
    pub fn describe_when(&self, when: &Condition) -> String {
        let question = |id: &str| {
            self.question(id)
                .map_or_else(|| id.to_string(), |q| q.text.clone())
        };
        let option = |id: &str, opt: &str| match self.question(id).map(|q| &q.kind) {
            Some(ProfileKind::Choice(choices)) => choices
                .iter()
                .find(|c| c.id == opt)
                .map_or_else(|| opt.to_string(), |c| c.label.clone()),
            _ => opt.to_string(),
        };
        when.describe(&question, &option)
    }
}

/// A profile question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileQuestion {
    /// Id used in conditions.
    pub id: String,
    /// The question.
    pub text: String,
    /// Optional explanation.
    pub help: Option<String>,
    /// Yes/no or choice.
    pub kind: ProfileKind,
}

/// The answer type of a profile question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileKind {
    /// はい／いいえ.
    Bool,
    /// One of these options.
    Choice(Vec<Choice>),
}

/// An option of a choice question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Id used in conditions.
    pub id: String,
    /// Label shown.
    pub label: String,
}

/// A section of a checklist.
#[derive(Debug, Clone)]
pub struct Section {
    /// Id, unique in the checklist.
    pub id: String,
    /// Title.
    pub title: String,
    /// Optional description.
    pub description: Option<String>,
    /// The items (at least one).
    pub items: Vec<Item>,
}

/// A checklist item: one question, citing the article it comes from.
#[derive(Debug, Clone)]
pub struct Item {
    /// Id, unique in the checklist (internal: never shown as the item's number).
    pub id: String,
    /// The number the bundle gives the item, if any.
    pub number: Option<String>,
    /// The question.
    pub text: String,
    /// When it applies; always when absent.
    pub when: Option<Condition>,
    /// The id of its answer scale.
    pub scale: String,
    /// How to check it.
    pub guidance: Option<String>,
    /// Records that prove it.
    pub evidence: Vec<String>,
    /// Where it comes from (at least one).
    pub cite: Vec<Citation>,
}

impl Item {
    /// The number shown for the item: the bundle's own, else the place it cites
    /// (「第13条第1項第1号」), never the internal id.
    pub fn display_number(&self) -> String {
        match (&self.number, self.cite.first()) {
            (Some(n), _) => n.clone(),
            (None, Some(c)) => c.label(),
            (None, None) => String::new(),
        }
    }

    /// Whether the item applies given the profile answers; `None` while a needed answer is
    /// missing.
    pub fn applies<'a>(&self, answer: &impl Fn(&str) -> Option<ProfileValue<'a>>) -> Option<bool> {
        match &self.when {
            None => Some(true),
            Some(c) => c.eval(answer),
        }
    }
}

/// A citation of a regulation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Source id.
    pub source: String,
    /// 条 ("20", "30-6").
    pub article: String,
    /// 項 ("1" when not written).
    pub paragraph: String,
    /// 号, if any.
    pub item: Option<String>,
    /// Verbatim excerpt.
    pub quote: Option<String>,
    /// The author's note (e.g. a defect of the source text worked around).
    pub note: Option<String>,
}

/// A place the bundle deliberately does not ask (`exclude`), and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    /// Source id.
    pub source: String,
    /// 条 ("15", "30-6").
    pub article: String,
    /// 項; absent for the whole 条 (`"1"` when only `item` was written).
    pub paragraph: Option<String>,
    /// 号; absent for the whole 項.
    pub item: Option<String>,
    /// Why it is not asked.
    pub reason: String,
}

impl Exclusion {
    /// 「第15条」, 「第15条第2項」, 「第15条第2項第3号」.
    pub fn label(&self) -> String {
        place_label(
            &self.article,
            self.paragraph.as_deref(),
            self.item.as_deref(),
        )
    }

    /// True when the place 条 `article`, 項 `paragraph`, 号 `item` lies inside the excluded one
    /// (`None` stands for the whole 条 or 項).
    pub fn covers(&self, article: &str, paragraph: Option<&str>, item: Option<&str>) -> bool {
        self.article == article
            && match (&self.paragraph, paragraph) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(p), Some(q)) => {
                    p == q
                        && match (&self.item, item) {
                            (None, _) => true,
                            (Some(_), None) => false,
                            (Some(i), Some(j)) => i == j,
                        }
                }
            }
    }
}

/// 「自治体 タイトル」, without repeating the 自治体 when the title already names it (a title
/// 「目黒区 電子情報処理の点検」 is not shown as 「目黒区 目黒区 …」).
pub fn heading(municipality: &str, title: &str) -> String {
    if municipality.is_empty() || title.contains(municipality) {
        title.to_string()
    } else {
        format!("{municipality}　{title}")
    }
}

/// 「第20条第1項第3号」 for article "20", paragraph "1", item "3" ("30-6" is 第30条の6).
pub fn place_label(article: &str, paragraph: Option<&str>, item: Option<&str>) -> String {
    let mut parts = article.split('-');
    let mut out = format!("第{}条", parts.next().unwrap_or_default());
    for sub in parts {
        out.push_str(&format!("の{sub}"));
    }
    if let Some(p) = paragraph {
        out.push_str(&format!("第{p}項"));
    }
    if let Some(i) = item {
        out.push_str(&format!("第{}号", i.replace('-', "の")));
    }
    out
}

impl Citation {
    /// 「第20条第1項第3号」.
    pub fn label(&self) -> String {
        place_label(&self.article, Some(&self.paragraph), self.item.as_deref())
    }

    /// True when the place `mark` is the cited one (a citation without 号 covers its items).
    pub fn matches(&self, mark: &Mark) -> bool {
        mark.article == self.article
            && mark.paragraph.to_string() == self.paragraph
            && (self.item.is_none() || self.item == mark.item)
    }
}

impl Bundle {
    /// The bundle's heading: its 自治体 and title, the 自治体 named once.
    pub fn heading(&self) -> String {
        heading(&self.municipality.name, &self.title)
    }

    /// The 自治体 with another title (a checklist's), named once.
    pub fn heading_with(&self, title: &str) -> String {
        heading(&self.municipality.name, title)
    }

    /// The scale with this id.
    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The checklist with this id.
    pub fn checklist(&self, id: &str) -> Option<&Checklist> {
        self.checklists.iter().find(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite(article: &str, item: Option<&str>, quote: &str) -> Citation {
        Citation {
            source: "k".into(),
            article: article.into(),
            paragraph: "1".into(),
            item: item.map(str::to_string),
            quote: Some(quote.into()),
            note: None,
        }
    }

    #[test]
    fn a_quote_is_found_at_its_place_and_shown_in_its_article() {
        let text = "第1条 課長は、記録を保存する。\n(1) 記録を保存する。\n第2条 記録を保存する。\n";
        let s = Source::new("k".into(), "規則".into(), None, text.into());
        let mut read = 0;
        // in the cited 号, though it first occurs in the 条's first sentence
        let at = |r: &QuoteAt| match r {
            QuoteAt::Cited(r) | QuoteAt::Elsewhere(r) => s.index.locate(r.start).cloned(),
            QuoteAt::Nowhere => None,
        };
        let found = s.find_quote(
            &cite("1", Some("1"), "記録を保存"),
            &fold("記録を保存"),
            &mut read,
        );
        assert!(matches!(found, QuoteAt::Cited(_)), "{found:?}");
        assert_eq!(at(&found).and_then(|m| m.item), Some("1".into()));
        // cited in an article that lacks it: elsewhere, its first occurrence
        let found = s.find_quote(&cite("2", None, "課長は"), &fold("課長は"), &mut read);
        assert!(matches!(found, QuoteAt::Elsewhere(_)), "{found:?}");
        assert_eq!(at(&found).map(|m| m.article), Some("1".into()));
        let found = s.find_quote(&cite("2", None, "廃棄する"), &fold("廃棄する"), &mut read);
        assert_eq!(found, QuoteAt::Nowhere);
        assert!(read <= 4 * text.len() as u64, "{read}");
        // the article shown around the quote, whole when it is short
        let (before, quote, after) = s.excerpt(&cite("2", None, "記録を")).expect("shown");
        assert_eq!(
            (before.as_str(), quote.as_str(), after.as_str()),
            ("第2条 ", "記録を", "保存する。")
        );
        // and cut, with 「…」, when it is not
        let long = format!("第1条 {}記録{}\n", "あ".repeat(10_000), "い".repeat(10_000));
        let s = Source::new("k".into(), "規則".into(), None, long);
        let (before, quote, after) = s.excerpt(&cite("1", None, "記録")).expect("shown");
        assert_eq!(quote, "記録");
        assert!(
            before.starts_with('…') && before.len() <= MAX_EXCERPT_SIDE + 3,
            "{}",
            before.len()
        );
        assert!(
            after.ends_with('…') && after.len() <= MAX_EXCERPT_SIDE + 3,
            "{}",
            after.len()
        );
        assert!(before.ends_with('あ') && after.starts_with('い'));
    }

    #[test]
    fn items_are_named_by_the_number_a_person_reads_never_the_id() {
        let b = crate::core::bundle::mini_bundle();
        let mut list = b.checklist("keiyaku").expect("keiyaku").clone();
        assert_eq!(
            list.number_of("20-2-1").as_deref(),
            Some("第20条第2項第1号")
        );
        assert_eq!(list.number_of("gone"), None);
        // the bundle's own number wins over the place it cites
        list.sections[0].items[0].number = Some("1-(1)".into());
        let ids = ["20-1-1".to_string(), "gone".into(), "20-2-1".into()];
        assert_eq!(list.numbers_of(&ids), "1-(1)、第20条第2項第1号");
    }

    #[test]
    fn headings_name_the_town_once() {
        assert_eq!(
            heading("架空町", "架空町 情報セキュリティ点検"),
            "架空町 情報セキュリティ点検"
        );
        assert_eq!(
            heading("架空町", "情報セキュリティ点検"),
            "架空町　情報セキュリティ点検"
        );
        assert_eq!(heading("", "点検"), "点検");
    }

    #[test]
    fn exclusions_cover_what_they_name() {
        let e = |p: Option<&str>, i: Option<&str>| Exclusion {
            source: "kisoku".into(),
            article: "15".into(),
            paragraph: p.map(str::to_string),
            item: i.map(str::to_string),
            reason: "他の者の職務".into(),
        };
        let whole = e(None, None);
        assert!(whole.covers("15", None, None) && whole.covers("15", Some("2"), Some("3")));
        assert!(!whole.covers("16", None, None) && !whole.covers("1", Some("15"), None));
        let para = e(Some("2"), None);
        assert!(para.covers("15", Some("2"), None) && para.covers("15", Some("2"), Some("1")));
        assert!(!para.covers("15", None, None) && !para.covers("15", Some("1"), None));
        let item = e(Some("2"), Some("3"));
        assert!(item.covers("15", Some("2"), Some("3")));
        assert!(!item.covers("15", Some("2"), None) && !item.covers("15", Some("2"), Some("4")));
        assert_eq!(item.label(), "第15条第2項第3号");
    }

    #[test]
    fn labels() {
        assert_eq!(place_label("20", Some("1"), Some("3")), "第20条第1項第3号");
        assert_eq!(place_label("30-6", Some("2"), None), "第30条の6第2項");
        assert_eq!(place_label("5", None, None), "第5条");
    }
}
