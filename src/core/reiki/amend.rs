//! 例規改正 (amendment): which items of a bundle an amended text touches.
//!
//! [`compare`] reads the amended text of one of a bundle's sources against the text the
//! bundle holds, and lists every item whose cited unit (条・項・号, with everything inside it:
//! the 号 under a cited 項 belong to it) was changed or vanished, with the old and the new
//! text side by side and whether the citation's quote still stands in the new unit. The
//! author fixes those items, bumps `version` (施行日) and records them in the bundle's
//! `amended = { from, items }`, so that carry-forward asks the 課長 about exactly those items
//! again next year ([`crate::core::result::carry_forward`]).
//!
//! Texts are compared after the same folding as quotes ([`crate::core::text::fold`]: NFKC,
//! white space removed), so a re-wrapped line or a full-width digit is not a change.
//!
//! Cost: both texts are outlined once (linear); each cited unit is looked up in an index and
//! folded at most once per text, and each quote is sought once in its folded unit, so the
//! time is linear in the texts plus the citations.

use std::collections::{BTreeSet, HashMap};

use crate::core::bundle::raw::RawBundle;
use crate::core::message::Message;
use crate::core::reiki::outline::{NodeId, Outline, Place};
use crate::core::text::fold;

/// What became of one cited unit in the amended text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitChange {
    /// The same text (after folding).
    Unchanged,
    /// The unit is still there, with another text. Both texts as written (not folded),
    /// the unit's number left out, its 号 and 細目 included.
    Changed {
        /// The unit in the text the bundle holds (empty when that text lacks the unit).
        old: String,
        /// The unit in the amended text.
        new: String,
    },
    /// The amended text has no such unit (削除, or moved by a renumbering).
    Vanished {
        /// The unit in the text the bundle holds, as written.
        old: String,
    },
}

/// One citation of one item whose unit the amendment changed or removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// Checklist id.
    pub checklist: String,
    /// Section id.
    pub section: String,
    /// Item id.
    pub item: String,
    /// The item's own number (`number`), if it has one.
    pub number: Option<String>,
    /// The item's text (the question).
    pub text: String,
    /// Index of the citation in the item's `cite`.
    pub cite: usize,
    /// The place cited (its 項 always given: 第1項 when the citation leaves it out).
    pub place: Place,
    /// The place in words: 「第13条第1項第2号」.
    pub label: String,
    /// What became of it.
    pub kind: UnitChange,
    /// The citation's quote, if it has one.
    pub quote: Option<String>,
    /// False when the citation has a quote and it no longer stands in the new unit (after
    /// folding); always false for a vanished unit with a quote. True without a quote.
    pub quote_found: bool,
}

impl ItemChange {
    /// The citation's place as the validator names it:
    /// `checklists[tenken].sections[anzen].items[13-1].cite[0]`.
    pub fn path(&self) -> String {
        format!(
            "checklists[{}].sections[{}].items[{}].cite[{}]",
            self.checklist, self.section, self.item, self.cite
        )
    }
}

impl Message for ItemChange {
    fn message_ja(&self) -> String {
        let quote = match (&self.quote, self.quote_found) {
            (Some(q), false) => format!("。引用文「{}」は改正後の本文にありません", short(q)),
            (Some(_), true) => "。引用文は改正後もあります".to_string(),
            (None, _) => String::new(),
        };
        match &self.kind {
            UnitChange::Unchanged => format!("{}は改正で変わっていません", self.label),
            UnitChange::Changed { .. } => {
                format!("{}の文言が改正で変わりました{quote}", self.label)
            }
            UnitChange::Vanished { .. } => format!(
                "{}が改正後の本文にありません（削除又は条項の繰り下げ・繰り上げ）{quote}",
                self.label
            ),
        }
    }

    fn message_en(&self) -> String {
        let quote = match (&self.quote, self.quote_found) {
            (Some(q), false) => format!(
                "; the quote \"{}\" is no longer in the amended text",
                short(q)
            ),
            (Some(_), true) => "; the quote is still there".to_string(),
            (None, _) => String::new(),
        };
        let place = place_en(&self.place);
        match &self.kind {
            UnitChange::Unchanged => format!("{place} is unchanged by the amendment"),
            UnitChange::Changed { .. } => format!("{place} was reworded by the amendment{quote}"),
            UnitChange::Vanished { .. } => {
                format!("{place} is not in the amended text (deleted or renumbered){quote}")
            }
        }
    }
}

/// What an amended text does to a bundle's items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amendment {
    /// The source compared.
    pub source: String,
    /// Every citation (of an item, on this source) whose unit changed or vanished, in
    /// checklist order.
    pub changes: Vec<ItemChange>,
    /// Citations (of items, on this source) whose unit is unchanged: with `changes`, every
    /// citation compared.
    pub unchanged: usize,
}

impl Amendment {
    /// The ids of the items listed, sorted, each once: what `amended.items` records.
    pub fn items(&self) -> Vec<String> {
        self.changes
            .iter()
            .map(|c| c.item.clone())
            .filter(|id| !id.is_empty())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    }

    /// True when the amendment touches no item.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

impl Message for Amendment {
    fn message_ja(&self) -> String {
        let n = self.items().len();
        if n == 0 {
            format!(
                "改正で引用先の条・項・号が変わった項目はありません（変わらない引用 {} 件）",
                self.unchanged
            )
        } else {
            format!(
                "改正で引用先の条・項・号が変わった項目が {n} 件あります（変わらない引用 {} 件）。確認して直し、version（施行日）を改めてください",
                self.unchanged
            )
        }
    }

    fn message_en(&self) -> String {
        let n = self.items().len();
        if n == 0 {
            format!(
                "the amendment changes no cited unit ({} citations unchanged)",
                self.unchanged
            )
        } else {
            format!(
                "the amendment changes the cited units of {n} items ({} citations unchanged); review them and bump version (施行日)",
                self.unchanged
            )
        }
    }
}

fn short(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

/// 「第30条の6第1項第2号」 in English: `article 30-6, paragraph 1, item 2`.
fn place_en(place: &Place) -> String {
    let mut out = format!("article {}", place.article);
    if let Some(p) = &place.paragraph {
        out.push_str(&format!(", paragraph {p}"));
    }
    if let Some(i) = &place.item {
        out.push_str(&format!(", item {i}"));
    }
    out
}

/// One text, outlined, with its units folded on demand (each at most once).
struct Side<'a> {
    text: &'a str,
    outline: Outline,
    folded: HashMap<NodeId, String>,
}

impl<'a> Side<'a> {
    fn new(text: &'a str) -> Side<'a> {
        Side {
            text,
            outline: Outline::parse(text),
            folded: HashMap::new(),
        }
    }

    /// The unit's text: from after its number to its end, children included.
    fn display(&self, id: NodeId) -> String {
        let node = self.outline.node(id);
        let start = node.body.max(node.range.start);
        self.text
            .get(start..node.range.end)
            .unwrap_or_default()
            .trim()
            .to_string()
    }

    fn folded(&mut self, id: NodeId) -> &str {
        if !self.folded.contains_key(&id) {
            let f = fold(&self.display(id));
            self.folded.insert(id, f);
        }
        self.folded.get(&id).map(String::as_str).unwrap_or_default()
    }
}

/// Compares the amended text `new_text` of the source `source_id` with the text `raw` holds
/// for it, citation by citation of every item (see the module documentation). A source the
/// bundle does not have, or has without a text, compares as an empty text: every cited unit
/// found in `new_text` is then listed as changed. Items and citations need not be valid: a
/// citation without an article is skipped, a paragraph left out is 第1項, as in validation.
pub fn compare(raw: &RawBundle, source_id: &str, new_text: &str) -> Amendment {
    let old_text = raw
        .sources
        .iter()
        .find(|s| s.id.as_deref() == Some(source_id))
        .and_then(|s| s.text.as_deref())
        .unwrap_or_default();
    let mut old = Side::new(old_text);
    let mut new = Side::new(new_text);
    // one verdict per pair of units, however many items cite them
    let mut same: HashMap<(Option<NodeId>, Option<NodeId>), bool> = HashMap::new();
    let mut out = Amendment {
        source: source_id.to_string(),
        ..Amendment::default()
    };
    for checklist in &raw.checklists {
        let checklist_id = checklist.id.clone().unwrap_or_default();
        for section in &checklist.sections {
            let section_id = section.id.clone().unwrap_or_default();
            for item in &section.items {
                for (ci, cite) in item.cite.iter().enumerate() {
                    if cite.source.as_deref() != Some(source_id) {
                        continue;
                    }
                    let Some(article) = cite.article.as_deref() else {
                        continue;
                    };
                    let paragraph = cite.paragraph.as_deref().unwrap_or("1");
                    let number = cite.item.as_deref();
                    let before = old.outline.find(article, paragraph, number);
                    let after = new.outline.find(article, paragraph, number);
                    let unchanged =
                        *same
                            .entry((before, after))
                            .or_insert_with(|| match (before, after) {
                                (None, None) => true,
                                (Some(b), Some(a)) => old.folded(b) == new.folded(a),
                                _ => false,
                            });
                    if unchanged {
                        out.unchanged += 1;
                        continue;
                    }
                    let kind = match (before, after) {
                        (_, None) => UnitChange::Vanished {
                            old: before.map(|b| old.display(b)).unwrap_or_default(),
                        },
                        (b, Some(a)) => UnitChange::Changed {
                            old: b.map(|b| old.display(b)).unwrap_or_default(),
                            new: new.display(a),
                        },
                    };
                    let quote = cite.quote.clone().filter(|q| !q.trim().is_empty());
                    let quote_found = match (&quote, after) {
                        (None, _) => true,
                        (Some(_), None) => false,
                        (Some(q), Some(a)) => new.folded(a).contains(&fold(q)),
                    };
                    let place = Place {
                        article: article.to_string(),
                        paragraph: Some(paragraph.to_string()),
                        item: number.map(str::to_string),
                    };
                    out.changes.push(ItemChange {
                        checklist: checklist_id.clone(),
                        section: section_id.clone(),
                        item: item.id.clone().unwrap_or_default(),
                        number: item.number.clone(),
                        text: item.text.clone().unwrap_or_default(),
                        cite: ci,
                        label: place.label(),
                        place,
                        kind,
                        quote,
                        quote_found,
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::raw::{RawChecklist, RawCite, RawItem, RawSection, RawSource};

    const OLD: &str = "(目的)\n第1条 この規程は、情報の管理について定める。\n\n(管理)\n第2条 課長は、次の措置を講じなければならない。\n(1) 従事者を記録すること。\n(2) 事故を報告すること。\n(3) 研修を行うこと。\n2 職員は、前項の措置に協力しなければならない。\n\n(点検)\n第3条 課長は、毎年度点検を行わなければならない。\n\n(委任)\n第4条 この規程に定めるもののほか、必要な事項は、別に定める。\n";

    fn cite(article: &str, paragraph: Option<&str>, item: Option<&str>, quote: &str) -> RawCite {
        RawCite {
            source: Some("kisoku".into()),
            article: Some(article.into()),
            paragraph: paragraph.map(str::to_string),
            item: item.map(str::to_string),
            quote: Some(quote.into()),
            note: None,
        }
    }

    fn item(id: &str, cites: Vec<RawCite>) -> RawItem {
        RawItem {
            id: Some(id.into()),
            text: Some(format!("{id} を確認していますか。")),
            cite: cites,
            ..RawItem::default()
        }
    }

    fn bundle() -> RawBundle {
        RawBundle {
            sources: vec![RawSource {
                id: Some("kisoku".into()),
                text: Some(OLD.into()),
                ..RawSource::default()
            }],
            checklists: vec![RawChecklist {
                id: Some("tenken".into()),
                sections: vec![RawSection {
                    id: Some("s1".into()),
                    items: vec![
                        item("a1", vec![cite("1", None, None, "情報の管理")]),
                        item("a2-1", vec![cite("2", None, Some("1"), "従事者を記録")]),
                        item("a2-2", vec![cite("2", None, Some("2"), "事故を報告")]),
                        item("a2-3", vec![cite("2", None, Some("3"), "研修を行う")]),
                        item(
                            "a2",
                            vec![cite("2", Some("1"), None, "次の措置を講じなければ")],
                        ),
                        item("a2p2", vec![cite("2", Some("2"), None, "協力しなければ")]),
                        item("a3", vec![cite("3", None, None, "毎年度点検")]),
                        item(
                            "a4",
                            vec![
                                cite("1", None, None, "この規程は"),
                                cite("4", None, None, "別に定める"),
                            ],
                        ),
                    ],
                    ..RawSection::default()
                }],
                ..RawChecklist::default()
            }],
            ..RawBundle::default()
        }
    }

    #[test]
    fn an_amended_item_flags_its_citers_and_the_paragraph_that_holds_it() {
        let new = OLD.replace("(2) 事故を報告すること。", "(2) 事故を直ちに報告すること。");
        let a = compare(&bundle(), "kisoku", &new);
        assert_eq!(a.items(), ["a2", "a2-2"]);
        assert_eq!(a.unchanged, 7, "of 9 citations");
        assert!(
            a.message_ja().contains("変わった項目が 2 件"),
            "{}",
            a.message_ja()
        );
        let by_item = |id: &str| {
            a.changes
                .iter()
                .find(|c| c.item == id)
                .unwrap_or_else(|| panic!("{id} in {:#?}", a.changes))
        };
        let c = by_item("a2-2");
        assert_eq!(c.label, "第2条第1項第2号");
        assert_eq!(
            c.kind,
            UnitChange::Changed {
                old: "事故を報告すること。".into(),
                new: "事故を直ちに報告すること。".into()
            }
        );
        assert!(!c.quote_found, "「事故を報告」 is gone");
        assert_eq!(
            c.path(),
            "checklists[tenken].sections[s1].items[a2-2].cite[0]"
        );
        assert!(
            c.message_ja()
                .contains("引用文「事故を報告」は改正後の本文にありません")
        );
        // the 項 as a whole holds the 号: changed, and its quote is still there
        let p = by_item("a2");
        assert_eq!(p.label, "第2条第1項");
        let UnitChange::Changed { old, new } = &p.kind else {
            panic!("{p:?}");
        };
        assert!(old.starts_with("課長は、次の措置") && old.contains("(2) 事故を報告すること。"));
        assert!(new.contains("(2) 事故を直ちに報告すること。") && !new.contains("協力"));
        assert!(p.quote_found);
        assert!(p.message_ja().contains("引用文は改正後もあります"));
        assert_eq!(a.changes.len(), 2, "{:#?}", a.changes);
    }

    #[test]
    fn a_vanished_article_is_listed_with_its_old_text() {
        let new = OLD.replace(
            "(点検)\n第3条 課長は、毎年度点検を行わなければならない。\n",
            "第3条 削除\n",
        );
        let a = compare(&bundle(), "kisoku", &new);
        assert_eq!(a.items(), ["a3"]);
        let new = OLD
            .replace(
                "(点検)\n第3条 課長は、毎年度点検を行わなければならない。\n\n",
                "",
            )
            .replace("第4条", "第3条");
        let a = compare(&bundle(), "kisoku", &new);
        // 第4条 is gone (第3条 now says what it said): both citers are listed
        assert_eq!(a.items(), ["a3", "a4"]);
        let a4: Vec<_> = a.changes.iter().filter(|c| c.item == "a4").collect();
        assert_eq!(a4.len(), 1, "only its citation of 第4条: {a4:#?}");
        assert_eq!(a4[0].cite, 1);
        assert_eq!(
            a4[0].kind,
            UnitChange::Vanished {
                old: "この規程に定めるもののほか、必要な事項は、別に定める。".into()
            }
        );
        assert!(!a4[0].quote_found);
        assert!(
            a4[0]
                .message_ja()
                .contains("第4条第1項が改正後の本文にありません")
        );
        let a3 = a.changes.iter().find(|c| c.item == "a3").expect("a3");
        assert!(matches!(&a3.kind, UnitChange::Changed { new, .. } if new.contains("別に定める")));
    }

    #[test]
    fn white_space_and_width_are_not_changes() {
        let new = OLD
            .replace("第2条 課長は、", "第２条　課長は、\n")
            .replace("(3) 研修を行うこと。", "（３）　研修を 行う こと。");
        let a = compare(&bundle(), "kisoku", &new);
        assert!(a.is_empty(), "{:#?}", a.changes);
        assert_eq!(a.unchanged, 9);
        assert!(a.message_ja().contains("ありません"));
        // the same text is no amendment at all
        assert!(compare(&bundle(), "kisoku", OLD).is_empty());
    }

    #[test]
    fn quotes_are_sought_in_the_new_unit() {
        let new = OLD.replace("情報の管理について", "情報の適正な管理について");
        let a = compare(&bundle(), "kisoku", &new);
        assert_eq!(a.items(), ["a1", "a4"]);
        let quotes: Vec<_> = a
            .changes
            .iter()
            .map(|c| (c.item.as_str(), c.quote_found))
            .collect();
        assert_eq!(quotes, [("a1", false), ("a4", true)]);
    }

    #[test]
    fn other_sources_and_missing_fields_are_skipped() {
        let mut b = bundle();
        b.checklists[0].sections[0].items.push(RawItem {
            cite: vec![
                RawCite {
                    source: Some("kisoku".into()),
                    ..RawCite::default()
                },
                RawCite {
                    source: Some("other".into()),
                    article: Some("2".into()),
                    ..RawCite::default()
                },
            ],
            ..RawItem::default()
        });
        let a = compare(&b, "kisoku", "");
        // everything vanished; the item without id, article or source is not listed
        assert_eq!(a.items().len(), 8);
        assert_eq!(a.unchanged, 0);
        // a source the bundle does not have compares as an empty text
        let a = compare(&b, "other", OLD);
        assert_eq!(a.changes.len(), 1, "{:#?}", a.changes);
        assert!(matches!(&a.changes[0].kind, UnitChange::Changed { old, .. } if old.is_empty()));
        assert!(a.changes[0].quote_found, "no quote to lose");
        let a = compare(&b, "nothing", OLD);
        assert!(a.is_empty() && a.unchanged == 0);
    }

    #[test]
    fn the_test_bundle_against_an_amended_text() {
        let mut parsed = crate::core::bundle::parse_toml(include_str!(
            "../../../tests/fixtures/mini/bundle.toml"
        ))
        .expect("fixture parses");
        let source = include_str!("../../../tests/fixtures/mini/source.txt");
        parsed.resolve_sources(|_| Ok(source.to_string()));
        assert!(compare(&parsed.raw, "kisoku", source).is_empty());
        // 第20条第1項第1号 reworded: the contract item citing it, nothing else
        let new = source.replace(
            "(1) 電子情報の秘密保持に関する事項",
            "(1) 電子情報の秘密の保持に関する事項",
        );
        let a = compare(&parsed.raw, "kisoku", &new);
        assert_eq!(a.items(), ["20-1-1"]);
        let c = &a.changes[0];
        assert_eq!(
            (c.checklist.as_str(), c.section.as_str()),
            ("keiyaku", "kisai")
        );
        assert_eq!(c.label, "第20条第1項第1号");
        assert!(!c.quote_found);
        assert_eq!(c.text, "電子情報の秘密保持に関する事項");
    }

    #[test]
    fn large_bundles_compare_quickly() {
        let mut text = String::new();
        for n in 1..=500 {
            text.push_str(&format!(
                "(見出し{n})\n第{n}条 課長は、第{n}の措置を講じなければならない。\n(1) 記録{n}をすること。\n(2) 報告{n}をすること。\n2 職員は、協力{n}しなければならない。\n"
            ));
        }
        let items: Vec<RawItem> = (0..1000)
            .map(|i| {
                let n = i % 500 + 1;
                item(
                    &format!("i{i}"),
                    vec![cite(&n.to_string(), None, Some("2"), &format!("報告{n}を"))],
                )
            })
            .collect();
        let mut b = bundle();
        b.sources[0].text = Some(text.clone());
        b.checklists[0].sections[0].items = items;
        let new = text.replace("報告250をすること", "報告250を速やかにすること");
        let started = std::time::Instant::now();
        let a = compare(&b, "kisoku", &new);
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
        assert_eq!(a.items(), ["i249", "i749"]);
        assert!(a.changes.iter().all(|c| c.quote_found));
        assert_eq!(a.unchanged, 998);
    }
}
