//! The 規則エディタ's operations on a bundle being written (its wire form, [`RawBundle`]):
//! a new bundle from an imported 例規, an item from a selected sentence (its citation and
//! quote filled in), a draft question from a duty sentence, fresh ids, `when` completion.
//! The editor screen only presents these; the validator judges the result.

use crate::core::bundle::FORMAT;
use crate::core::bundle::raw::{
    RawBundle, RawChecklist, RawCite, RawItem, RawMunicipality, RawProfile, RawSection, RawSource,
};
use crate::core::bundle::validate::is_bundle_id;
use crate::core::message::Message;
use crate::core::source::SourceIndex;

/// An imported 例規 text as it becomes a bundle's source (the stated normalisation: see
/// `core::reiki::normalize`).
pub fn imported_text(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line = line.replace(['\u{a0}', '\t'], " ");
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_start_matches('\n').to_string()
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

/// The godan and ichidan endings before 「なければならない」 and their て-forms.
fn te_form(stem: &str) -> Option<String> {
    // する verbs: 「…しなければ」 → 「…して」
    if let Some(s) = stem.strip_suffix('し') {
        return Some(format!("{s}して"));
    }
    let last = stem.chars().last()?;
    let head: String = stem.chars().take(stem.chars().count() - 1).collect();
    let godan = match last {
        'わ' | 'た' | 'ら' => "って",
        'か' => "いて",
        'が' => "いで",
        'ま' | 'ば' | 'な' => "んで",
        'さ' => "して",
        _ => "",
    };
    if !godan.is_empty() {
        // 行く is the one irregular て-form among them
        if head.ends_with('行') && last == 'か' {
            return Some(format!("{head}って"));
        }
        return Some(format!("{head}{godan}"));
    }
    // ichidan (講じ, 定め, 設け, 努め …): the stem takes て
    Some(format!("{stem}て"))
}

/// A draft question made from a duty sentence of a 例規: the actor (「課長は、」) dropped, the
/// duty turned into 「…していますか。」 (an effort duty 「…に努めていますか。」, a prohibition
/// 「…ことを守っていますか。」). The author edits it; it never invents a duty.
pub fn question_from(sentence: &str) -> String {
    let s = sentence.trim().trim_end_matches(['。', '.']);
    // drop the actor: the text up to the first 「は、」 when it is short (a post, not a clause)
    let s = match s.split_once("は、") {
        Some((actor, rest)) if actor.chars().count() <= 12 && !rest.is_empty() => rest,
        _ => s,
    };
    if let Some(stem) = s.strip_suffix("てはならない") {
        return format!("{stem}てはならないことを守っていますか。");
    }
    if let Some(stem) = s.strip_suffix("ではならない") {
        return format!("{stem}ではならないことを守っていますか。");
    }
    for ending in ["なければならない", "ねばならない"] {
        if let Some(stem) = s.strip_suffix(ending)
            && let Some(te) = te_form(stem)
        {
            return format!("{te}いますか。");
        }
    }
    if let Some(stem) = s.strip_suffix("ものとする") {
        let stem = stem.trim_end();
        return match stem.strip_suffix("する") {
            Some(s) => format!("{s}していますか。"),
            None => format!("「{stem}」ことを行っていますか。"),
        };
    }
    if let Some(stem) = s.strip_suffix("こと") {
        return format!("{stem}ことを行っていますか。");
    }
    format!("「{s}」について、定めのとおり行っていますか。")
}

/// Where a selection lies and what it says: the citation an item made from it gets.
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
    let mark = index
        .locate(start + lead)
        .ok_or(SelectionError::OutsideArticles)?;
    Ok(RawCite {
        source: src.id.clone(),
        article: Some(mark.article.clone()),
        paragraph: Some(mark.paragraph.to_string()),
        item: mark.item.clone(),
        quote: Some(quote.split_whitespace().collect::<Vec<_>>().join(" ")),
        note: None,
    })
}

/// An item for section `section` of checklist `checklist` made from the selected text: its
/// citation and quote filled in, a draft question, a fresh id from the place it cites.
pub fn item_from_selection(
    raw: &RawBundle,
    source: usize,
    start: usize,
    end: usize,
    checklist: usize,
    section: usize,
) -> Result<RawItem, SelectionError> {
    let cite = cite_selection(raw, source, start, end)?;
    let list = raw
        .checklists
        .get(checklist)
        .ok_or(SelectionError::NoSection)?;
    list.sections
        .get(section)
        .ok_or(SelectionError::NoSection)?;
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
    let kind = list.kind.as_deref().unwrap_or("inspection");
    let quote = cite.quote.clone().unwrap_or_default();
    let text = if kind == "contract" {
        format!(
            "{}が契約書に明記されていますか。",
            quote.trim_end_matches('。')
        )
    } else {
        question_from(&quote)
    };
    Ok(RawItem {
        id: Some(fresh_item_id(list, &base)),
        text: Some(text),
        cite: vec![cite],
        ..RawItem::default()
    })
}

/// What may follow `before` (the `when` text up to the cursor) in a checklist's condition:
/// profile question ids, their options after `id = '`, and the words `and`, `or`, `not`.
pub fn when_completions(profile: &[RawProfile], before: &str) -> Vec<String> {
    let word_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .map_or(0, |i| i + 1);
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
        assert_eq!(
            item.text.as_deref(),
            Some("従事者を指定することを行っていますか。")
        );
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
    fn duty_sentences_become_questions() {
        for (sentence, question) in [
            (
                "課長は、所管する情報を適正に管理しなければならない。",
                "所管する情報を適正に管理していますか。",
            ),
            (
                "課長は、次に掲げる措置を講じなければならない。",
                "次に掲げる措置を講じていますか。",
            ),
            (
                "職員は、情報を持ち出してはならない。",
                "情報を持ち出してはならないことを守っていますか。",
            ),
            (
                "保護管理者は、研修を行わなければならない。",
                "研修を行っていますか。",
            ),
            (
                "課長は、安全管理に努めなければならない。",
                "安全管理に努めていますか。",
            ),
            (
                "データを複製しなければならない。",
                "データを複製していますか。",
            ),
            (
                "台帳を備えるものとする。",
                "「台帳を備える」ことを行っていますか。",
            ),
            ("点検を実施するものとする。", "点検を実施していますか。"),
        ] {
            assert_eq!(question_from(sentence), question, "{sentence}");
        }
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
}
