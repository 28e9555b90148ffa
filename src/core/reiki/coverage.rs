//! Which 条・項・号 and which duty sentences of each source a bundle asks, which it excludes
//! (with the author's reason, `exclude` in the bundle) and which are still open.
//!
//! Units are the 条, 項 and 号 of the main body of the [outline](super::outline) (a 附則, 別表
//! or 様式 cannot be cited, so it is not counted); the 項 of a 条 that has only one is the 条
//! itself and is not listed apart. A unit is
//!
//! - **asked** when an item's citation names it or a place inside it (a 条 with one of its 項
//!   cited is asked; its other 項 are listed on their own), or names the 項 a 号 belongs to
//!   (a citation of a 項 without 号 covers its 号), as [`Citation::matches`] decides; but a
//!   citation of a 項 without 号 does not ask a 号 that an `exclude` entry names itself (one
//!   left in the 項 by a lost header, say);
//! - **excluded** when an `exclude` entry names it or a place around it, or when every unit
//!   inside it is excluded;
//! - **open** otherwise.
//!
//! A duty sentence is asked when a citation matches its place (the same semantics); a sentence
//! that announces 号 (「次に掲げる事項を明記しなければならない。」) is asked also through any of
//! its 号, and one inside a 号 that an exclusion names is not asked through its 項 alone. It is
//! excluded when an exclusion covers its place, and open otherwise.
//!
//! [`Citation::matches`]: crate::core::bundle::Citation::matches

use std::ops::Range;

use super::duty::{Duty, find_duties};
use super::outline::{NodeId, NodeKind, Outline, Place, Unplaced};
use crate::core::bundle::raw::RawBundle;
use crate::core::bundle::{Bundle, Citation, Exclusion, place_label};
use crate::core::message::Message;

/// An item that asks a unit or duty.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AskedBy {
    /// Checklist id.
    pub checklist: String,
    /// Item id.
    pub item: String,
}

/// Whether a unit or duty is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Asked by these items.
    Asked(Vec<AskedBy>),
    /// Not asked, for this reason (the author's, from `exclude`).
    Excluded(String),
    /// Neither asked nor excluded.
    Open,
}

impl State {
    /// True for [`State::Open`].
    pub fn is_open(&self) -> bool {
        matches!(self, State::Open)
    }
}

/// One 条, 項 or 号 with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitCoverage {
    /// The node in the outline.
    pub node: NodeId,
    /// 条, 項 or 号.
    pub kind: NodeKind,
    /// Where it stands.
    pub place: Place,
    /// 「第20条第1項第3号」 (「第5条第2号」 when 第5条 has one 項).
    pub label: String,
    /// Line number (from 1) of its header.
    pub line: usize,
    /// Byte range in the source text.
    pub range: Range<usize>,
    /// Its first line, after the number (at most 60 characters).
    pub text: String,
    /// Asked, excluded or open.
    pub state: State,
    /// The enclosing unit, if any.
    pub parent: Option<usize>,
}

/// One duty sentence with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DutyCoverage {
    /// The sentence.
    pub duty: Duty,
    /// Its place as a label (「第21条第1項」).
    pub label: String,
    /// Asked, excluded or open.
    pub state: State,
}

/// Counts of asked, excluded and open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Asked.
    pub asked: usize,
    /// Excluded.
    pub excluded: usize,
    /// Open.
    pub open: usize,
}

impl Counts {
    fn add(&mut self, state: &State) {
        match state {
            State::Asked(_) => self.asked += 1,
            State::Excluded(_) => self.excluded += 1,
            State::Open => self.open += 1,
        }
    }

    /// All counted.
    pub fn total(&self) -> usize {
        self.asked + self.excluded + self.open
    }
}

/// The numbers for one source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CoverageSummary {
    /// 条・項・号.
    pub units: Counts,
    /// Duty sentences.
    pub duties: Counts,
}

impl Message for CoverageSummary {
    fn message_ja(&self) -> String {
        let (u, d) = (&self.units, &self.duties);
        format!(
            "条・項・号 {}（質問 {}・除外 {}・未対応 {}）、義務の文 {}（質問 {}・除外 {}・未対応 {}）",
            u.total(),
            u.asked,
            u.excluded,
            u.open,
            d.total(),
            d.asked,
            d.excluded,
            d.open
        )
    }

    fn message_en(&self) -> String {
        let (u, d) = (&self.units, &self.duties);
        format!(
            "{} units ({} asked, {} excluded, {} open), {} duty sentences ({} asked, {} excluded, {} open)",
            u.total(),
            u.asked,
            u.excluded,
            u.open,
            d.total(),
            d.asked,
            d.excluded,
            d.open
        )
    }
}

/// Something the author should know about the citations and exclusions of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoverageNote {
    /// An item cites a place the outline does not have (a lost header, usually).
    CitedPlaceNotInOutline {
        /// The id of the checklist the item is in.
        checklist: String,
        /// The id of the citing item.
        item: String,
        /// The place cited, in words: 「第13条第1項第2号」.
        place: String,
    },
    /// An exclusion names no unit of the outline.
    ExclusionMatchesNothing {
        /// The exclusion's position in the bundle's `exclude` list, from 0.
        index: usize,
        /// The place it names, in words: 「第2条第3項」.
        place: String,
    },
    /// An excluded unit is asked all the same.
    ExcludedButAsked {
        /// The excluded unit, in words as the coverage labels it: 「第2条第1項」.
        place: String,
        /// The ids of the items whose citations ask it.
        items: Vec<String>,
    },
}

impl Message for CoverageNote {
    fn message_ja(&self) -> String {
        match self {
            CoverageNote::CitedPlaceNotInOutline {
                checklist,
                item,
                place,
            } => format!(
                "{checklist} の項目 {item} が引用する{place}は、本文の構造から見つかりません（見出しの欠落など）"
            ),
            CoverageNote::ExclusionMatchesNothing { index, place } => {
                format!("exclude[{index}] の{place}は本文の構造にありません")
            }
            CoverageNote::ExcludedButAsked { place, items } => format!(
                "{place}は除外されていますが、項目 {} が尋ねています",
                items.join("、")
            ),
        }
    }

    fn message_en(&self) -> String {
        match self {
            CoverageNote::CitedPlaceNotInOutline {
                checklist,
                item,
                place,
            } => format!(
                "item {item} of {checklist} cites {place}, which the outline of the text does not have (a lost header?)"
            ),
            CoverageNote::ExclusionMatchesNothing { index, place } => {
                format!("exclude[{index}] names {place}, which the outline does not have")
            }
            CoverageNote::ExcludedButAsked { place, items } => format!(
                "{place} is excluded but asked by item(s) {}",
                items.join(", ")
            ),
        }
    }
}

/// The coverage of one source.
#[derive(Debug, Clone)]
pub struct SourceCoverage {
    /// Source id.
    pub source: String,
    /// 例規名.
    pub title: String,
    /// The numbers.
    pub summary: CoverageSummary,
    /// Every 条・項・号 of the main body, in text order.
    pub units: Vec<UnitCoverage>,
    /// Every duty sentence of the main body, in text order.
    pub duties: Vec<DutyCoverage>,
    /// Lines of the text the outline could not place, and numbering defects.
    pub unplaced: Vec<Unplaced>,
    /// Citations and exclusions that point nowhere, and exclusions of asked units.
    pub notes: Vec<CoverageNote>,
}

impl SourceCoverage {
    /// The open units that are not inside another open unit (a 条 wholly open is listed
    /// once, not with each of its 項 and 号).
    pub fn open_units(&self) -> impl Iterator<Item = &UnitCoverage> {
        self.units.iter().filter(|u| {
            u.state.is_open() && u.parent.is_none_or(|p| !self.units[p].state.is_open())
        })
    }

    /// The open duty sentences.
    pub fn open_duties(&self) -> impl Iterator<Item = &DutyCoverage> {
        self.duties.iter().filter(|d| d.state.is_open())
    }

    /// True when nothing is open.
    pub fn complete(&self) -> bool {
        self.summary.units.open == 0 && self.summary.duties.open == 0
    }
}

/// The coverage of every source of a bundle.
pub fn coverage(bundle: &Bundle) -> Vec<SourceCoverage> {
    bundle
        .sources
        .iter()
        .map(|source| {
            let cites: Vec<(AskedBy, &Citation)> = bundle
                .checklists
                .iter()
                .flat_map(|list| {
                    list.items().flat_map(move |(_, item)| {
                        item.cite.iter().map(move |c| {
                            (
                                AskedBy {
                                    checklist: list.id.clone(),
                                    item: item.id.clone(),
                                },
                                c,
                            )
                        })
                    })
                })
                .filter(|(_, c)| c.source == source.id)
                .collect();
            let exclusions: Vec<(usize, &Exclusion)> = bundle
                .exclusions
                .iter()
                .enumerate()
                .filter(|(_, e)| e.source == source.id)
                .collect();
            source_coverage(&source.id, &source.title, &source.text, &cites, &exclusions)
        })
        .collect()
}

/// The coverage of every source of a bundle still being written (the 規則エディタ shows it
/// while the bundle has problems): the same as [`coverage`], counting the citations and
/// exclusions that name a source and an article, and passing over the others (the validator
/// reports them).
pub fn coverage_raw(raw: &RawBundle) -> Vec<SourceCoverage> {
    let text = |s: &Option<String>| s.as_deref().map(str::trim).unwrap_or_default().to_string();
    let mut cites: Vec<(AskedBy, Citation)> = Vec::new();
    for list in &raw.checklists {
        for item in list.sections.iter().flat_map(|s| &s.items) {
            for c in &item.cite {
                let (source, article) = (text(&c.source), text(&c.article));
                if source.is_empty() || article.is_empty() {
                    continue;
                }
                cites.push((
                    AskedBy {
                        checklist: text(&list.id),
                        item: text(&item.id),
                    },
                    Citation {
                        source,
                        article,
                        paragraph: c.paragraph.clone().unwrap_or_else(|| "1".into()),
                        item: c.item.clone(),
                        quote: None,
                        note: None,
                    },
                ));
            }
        }
    }
    let exclusions: Vec<(usize, Exclusion)> = raw
        .exclude
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let (source, article) = (text(&e.source), text(&e.article));
            (!source.is_empty() && !article.is_empty()).then(|| {
                let paragraph = e
                    .paragraph
                    .clone()
                    .or_else(|| e.item.is_some().then(|| "1".to_string()));
                (
                    i,
                    Exclusion {
                        source,
                        article,
                        paragraph,
                        item: e.item.clone(),
                        reason: text(&e.reason),
                    },
                )
            })
        })
        .collect();
    raw.sources
        .iter()
        .filter_map(|source| {
            let id = text(&source.id);
            let body = source.text.as_deref()?;
            let cites: Vec<(AskedBy, &Citation)> = cites
                .iter()
                .filter(|(_, c)| c.source == id)
                .map(|(a, c)| (a.clone(), c))
                .collect();
            let exclusions: Vec<(usize, &Exclusion)> = exclusions
                .iter()
                .filter(|(_, e)| e.source == id)
                .map(|(i, e)| (*i, e))
                .collect();
            Some(source_coverage(
                &id,
                &text(&source.title),
                body,
                &cites,
                &exclusions,
            ))
        })
        .collect()
}

/// 「第5条第2号」 for a 号 of a 条 with one 項; else the full label.
fn unit_label(place: &Place, single: bool) -> String {
    let paragraph = if single && place.item.is_some() {
        None
    } else {
        place.paragraph.as_deref()
    };
    if single && place.item.is_some() {
        let mut s = place_label(&place.article, None, None);
        if let Some(i) = &place.item {
            s.push_str(&format!("第{}号", i.replace('-', "の")));
        }
        return s;
    }
    place_label(&place.article, paragraph, place.item.as_deref())
}

fn first_line(text: &str, range: Range<usize>) -> String {
    let s = &text[range];
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() <= 60 {
        line.to_string()
    } else {
        format!("{}…", line.chars().take(60).collect::<String>())
    }
}

/// Whether citation `c` touches `place` (for a unit: names it, a place inside it, or the 項
/// a 号 belongs to).
fn touches(c: &Citation, place: &Place) -> bool {
    if c.article != place.article {
        return false;
    }
    match (&place.paragraph, &place.item) {
        (None, _) => true,
        (Some(p), None) => &c.paragraph == p,
        (Some(p), Some(i)) => &c.paragraph == p && c.item.as_ref().is_none_or(|ci| ci == i),
    }
}

fn source_coverage(
    id: &str,
    title: &str,
    text: &str,
    cites: &[(AskedBy, &Citation)],
    exclusions: &[(usize, &Exclusion)],
) -> SourceCoverage {
    let outline = Outline::parse(text);
    let mut units: Vec<UnitCoverage> = Vec::new();
    let mut unit_of: std::collections::HashMap<NodeId, usize> = Default::default();
    for node_id in outline.units() {
        let node = outline.node(node_id);
        let Some(mut place) = outline.place(node_id) else {
            continue;
        };
        let parent_node = node.parent;
        let article_single = |article: NodeId| {
            outline
                .node(article)
                .children
                .iter()
                .filter(|&&c| outline.node(c).kind == NodeKind::Paragraph)
                .count()
                <= 1
        };
        // main-body 項 stand in 条 and 号 in 項, as the outline builds them
        let single = match node.kind {
            NodeKind::Article => true,
            NodeKind::Paragraph => match parent_node {
                Some(a) if article_single(a) => {
                    // the 条 itself
                    if let Some(&u) = unit_of.get(&a) {
                        unit_of.insert(node_id, u);
                    }
                    continue;
                }
                _ => false,
            },
            _ => parent_node
                .and_then(|p| outline.node(p).parent)
                .is_some_and(article_single),
        };
        if node.kind == NodeKind::Article {
            place.paragraph = None;
        }
        let parent = parent_node.and_then(|p| unit_of.get(&p).copied());
        let label = unit_label(&place, single);
        let body = node.body.min(node.range.end);
        unit_of.insert(node_id, units.len());
        units.push(UnitCoverage {
            node: node_id,
            kind: node.kind,
            label,
            line: node.line,
            range: node.range.clone(),
            text: first_line(text, body..node.range.end),
            state: State::Open,
            parent,
            place,
        });
    }
    let mut notes = Vec::new();
    // citations of places the outline lacks
    for (by, c) in cites {
        if outline
            .find(&c.article, &c.paragraph, c.item.as_deref())
            .is_none()
        {
            notes.push(CoverageNote::CitedPlaceNotInOutline {
                checklist: by.checklist.clone(),
                item: by.item.clone(),
                place: c.label(),
            });
        }
    }
    // exclusions that match nothing
    for (i, e) in exclusions {
        let matched = units.iter().any(|u| {
            e.covers(
                &u.place.article,
                u.place.paragraph.as_deref(),
                u.place.item.as_deref(),
            )
        });
        if !matched {
            notes.push(CoverageNote::ExclusionMatchesNothing {
                index: *i,
                place: e.label(),
            });
        }
    }
    // a 号 that an exclusion names itself is not asked through a citation of its 項 that names
    // no 号: its author says the 号 is not part of what the 項 asks (a 号 left in the 項 by a
    // lost header, as the lost 第11条 of 四万十市 leaves two in 第10条第4項)
    let named = |place: &Place| {
        place.item.is_some()
            && exclusions.iter().any(|(_, e)| {
                e.article == place.article && e.paragraph == place.paragraph && e.item == place.item
            })
    };
    let excluded_by = |place: &Place| {
        exclusions
            .iter()
            .find(|(_, e)| {
                e.covers(
                    &place.article,
                    place.paragraph.as_deref(),
                    place.item.as_deref(),
                )
            })
            .map(|(_, e)| e.reason.clone())
    };
    // states, innermost first so that a container sees its children's
    for i in (0..units.len()).rev() {
        let place = &units[i].place;
        let mut asked: Vec<AskedBy> = cites
            .iter()
            .filter(|(_, c)| touches(c, place) && !(c.item.is_none() && named(place)))
            .map(|(by, _)| by.clone())
            .collect();
        asked.sort();
        asked.dedup();
        let direct = excluded_by(place);
        let children: Vec<usize> = (i + 1..units.len())
            .filter(|&j| units[j].parent == Some(i))
            .collect();
        let all_children_excluded = !children.is_empty()
            && children
                .iter()
                .all(|&j| matches!(units[j].state, State::Excluded(_)));
        let state = if !asked.is_empty() {
            if direct.is_some() {
                notes.push(CoverageNote::ExcludedButAsked {
                    place: units[i].label.clone(),
                    items: asked.iter().map(|a| a.item.clone()).collect(),
                });
            }
            State::Asked(asked)
        } else if let Some(reason) = direct {
            State::Excluded(reason)
        } else if all_children_excluded {
            let mut reasons: Vec<String> = Vec::new();
            for &j in &children {
                if let State::Excluded(r) = &units[j].state
                    && !reasons.contains(r)
                {
                    reasons.push(r.clone());
                }
            }
            State::Excluded(reasons.join(" / "))
        } else {
            State::Open
        };
        units[i].state = state;
    }
    // duties of the main body
    let duties: Vec<DutyCoverage> = find_duties(text, &outline)
        .into_iter()
        .filter_map(|duty| {
            let place = duty.place.clone()?;
            let paragraph = place.paragraph.clone().unwrap_or_else(|| "1".into());
            let mut asked: Vec<AskedBy> = cites
                .iter()
                .filter(|(_, c)| {
                    c.article == place.article
                        && c.paragraph == paragraph
                        && ((c.item.is_none() && !named(&place))
                            || c.item == place.item
                            || (duty.lead && place.item.is_none()))
                })
                .map(|(by, _)| by.clone())
                .collect();
            asked.sort();
            asked.dedup();
            let state = if !asked.is_empty() {
                State::Asked(asked)
            } else if let Some(reason) = excluded_by(&place) {
                State::Excluded(reason)
            } else {
                State::Open
            };
            let single = outline.article(&place.article).is_some_and(|a| {
                outline
                    .node(a)
                    .children
                    .iter()
                    .filter(|&&c| outline.node(c).kind == NodeKind::Paragraph)
                    .count()
                    <= 1
            });
            let label = if single && place.item.is_none() {
                place_label(&place.article, None, None)
            } else {
                unit_label(&place, single)
            };
            Some(DutyCoverage { duty, label, state })
        })
        .collect();
    let mut summary = CoverageSummary::default();
    for u in &units {
        summary.units.add(&u.state);
    }
    for d in &duties {
        summary.duties.add(&d.state);
    }
    SourceCoverage {
        source: id.to_string(),
        title: title.to_string(),
        summary,
        units,
        duties,
        unplaced: outline.unplaced().to_vec(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::{self, Bundle};

    const SOURCE: &str = "(目的)\n第1条 この規則は、目的を定める。\n(点検)\n第2条 課長は、点検しなければならない。\n2 課長は、結果を報告しなければならない。\n(契約)\n第3条 契約書には、次に掲げる事項を明記しなければならない。\n(1) 秘密保持に関する事項\n(2) 再委託に関する事項\n第4条 市長は、調査させることができる。\n";

    fn bundle(items: &str, exclude: &str) -> Bundle {
        let toml = format!(
            "format = \"tenken-bundle/1\"\nid = \"t\"\nversion = \"2020-04-01\"\ntitle = \"t\"\nmunicipality = {{ name = \"架空町\" }}\n{exclude}\n[[sources]]\nid = \"kisoku\"\ntitle = \"架空町規則\"\ntext = \"source.txt\"\n[[checklists]]\nid = \"tenken\"\nkind = \"inspection\"\ntitle = \"点検\"\nrespondent = \"課長\"\n[[checklists.sections]]\nid = \"s\"\ntitle = \"s\"\n{items}"
        );
        let mut parsed = bundle::parse_toml(&toml).expect("parses");
        parsed.resolve_sources(|_| Ok(SOURCE.to_string()));
        parsed.validate().expect("valid").bundle
    }

    fn item(id: &str, article: &str, paragraph: &str, item: Option<&str>, quote: &str) -> String {
        let item = item.map_or(String::new(), |i| format!(", item = \"{i}\""));
        format!(
            "[[checklists.sections.items]]\nid = \"{id}\"\ntext = \"問い\"\ncite = [{{ source = \"kisoku\", article = \"{article}\", paragraph = \"{paragraph}\"{item}, quote = \"{quote}\" }}]\n"
        )
    }

    fn states(c: &SourceCoverage) -> Vec<(&str, &State)> {
        c.units
            .iter()
            .map(|u| (u.label.as_str(), &u.state))
            .collect()
    }

    #[test]
    fn units_and_duties_asked_excluded_open() {
        let items = item("2-1", "2", "1", None, "点検しなければならない")
            + &item("3-1", "3", "1", Some("1"), "秘密保持に関する事項");
        let exclude =
            "exclude = [{ source = \"kisoku\", article = \"1\", reason = \"義務を定めない\" }]";
        let b = bundle(&items, exclude);
        let c = &coverage(&b)[0];
        let asked = |ids: &[&str]| {
            State::Asked(
                ids.iter()
                    .map(|i| AskedBy {
                        checklist: "tenken".into(),
                        item: i.to_string(),
                    })
                    .collect(),
            )
        };
        assert_eq!(
            states(c),
            [
                ("第1条", &State::Excluded("義務を定めない".into())),
                ("第2条", &asked(&["2-1"])),
                ("第2条第1項", &asked(&["2-1"])),
                ("第2条第2項", &State::Open),
                ("第3条", &asked(&["3-1"])),
                ("第3条第1号", &asked(&["3-1"])),
                ("第3条第2号", &State::Open),
                ("第4条", &State::Open),
            ]
        );
        let open: Vec<_> = c.open_units().map(|u| u.label.as_str()).collect();
        assert_eq!(open, ["第2条第2項", "第3条第2号", "第4条"]);
        let duties: Vec<_> = c
            .duties
            .iter()
            .map(|d| (d.label.as_str(), d.state.is_open()))
            .collect();
        // the announcing sentence of 第3条 is asked through its 第1号
        assert_eq!(
            duties,
            [
                ("第2条第1項", false),
                ("第2条第2項", true),
                ("第3条", false)
            ]
        );
        assert_eq!(
            c.summary,
            CoverageSummary {
                units: Counts {
                    asked: 4,
                    excluded: 1,
                    open: 3
                },
                duties: Counts {
                    asked: 2,
                    excluded: 0,
                    open: 1
                },
            }
        );
        assert!(!c.complete());
        assert!(c.summary.message_ja().contains("未対応 3"));
    }

    #[test]
    fn a_paragraph_citation_covers_its_items_and_exclusions_of_parts_add_up() {
        let items = item(
            "3",
            "3",
            "1",
            None,
            "次に掲げる事項を明記しなければならない",
        );
        let exclude = "exclude = [\n  { source = \"kisoku\", article = \"1\", reason = \"目的\" },\n  { source = \"kisoku\", article = \"2\", paragraph = \"1\", reason = \"甲\" },\n  { source = \"kisoku\", article = \"2\", paragraph = \"2\", reason = \"乙\" },\n  { source = \"kisoku\", article = \"4\", reason = \"権限\" },\n]";
        let b = bundle(&items, exclude);
        let c = &coverage(&b)[0];
        assert!(c.complete(), "{:#?}", c.units);
        let s = states(c);
        assert_eq!(s[1], ("第2条", &State::Excluded("甲 / 乙".into())));
        assert!(matches!(s[6], ("第3条第2号", State::Asked(_))));
        assert!(c.notes.is_empty(), "{:?}", c.notes);
    }

    #[test]
    fn a_paragraph_citation_leaves_out_an_item_excluded_by_name() {
        // 第3条第2号 stands for a 号 another article lost: the 項 is asked, the 号 excluded
        let items = item(
            "3",
            "3",
            "1",
            None,
            "次に掲げる事項を明記しなければならない",
        );
        let exclude = "exclude = [\n  { source = \"kisoku\", article = \"1\", reason = \"目的\" },\n  { source = \"kisoku\", article = \"2\", reason = \"甲\" },\n  { source = \"kisoku\", article = \"3\", item = \"2\", reason = \"紛れ込んだ号\" },\n  { source = \"kisoku\", article = \"4\", reason = \"権限\" },\n]";
        let b = bundle(&items, exclude);
        let c = &coverage(&b)[0];
        assert!(c.complete(), "{:#?}", c.units);
        let s = states(c);
        assert!(matches!(s[5], ("第3条第1号", State::Asked(_))), "{s:?}");
        assert_eq!(
            s[6],
            ("第3条第2号", &State::Excluded("紛れ込んだ号".into()))
        );
        assert!(matches!(s[4], ("第3条", State::Asked(_))), "{s:?}");
        assert!(c.notes.is_empty(), "{:?}", c.notes);
        // an item that names the 号 itself asks it, and the exclusion is noted as needless
        let items = items + &item("3-2", "3", "1", Some("2"), "再委託に関する事項");
        let c = &coverage(&bundle(&items, exclude))[0];
        assert!(matches!(states(c)[6], ("第3条第2号", State::Asked(_))));
        assert!(matches!(
            c.notes.as_slice(),
            [CoverageNote::ExcludedButAsked { .. }]
        ));
    }

    #[test]
    fn notes_for_places_that_are_not_there() {
        let items = item("2-1", "2", "1", None, "点検しなければならない");
        let exclude = "exclude = [\n  { source = \"kisoku\", article = \"2\", paragraph = \"3\", reason = \"ない項\" },\n  { source = \"kisoku\", article = \"2\", paragraph = \"1\", reason = \"尋ねているのに除外\" },\n]";
        let b = bundle(&items, exclude);
        let c = &coverage(&b)[0];
        assert_eq!(
            c.notes,
            [
                CoverageNote::ExclusionMatchesNothing {
                    index: 0,
                    place: "第2条第3項".into()
                },
                CoverageNote::ExcludedButAsked {
                    place: "第2条第1項".into(),
                    items: vec!["2-1".into()]
                },
            ]
        );
        for n in &c.notes {
            assert!(!n.message_ja().is_empty() && !n.message_en().is_empty());
        }
    }

    fn raw(items: &str, exclude: &str) -> RawBundle {
        let toml = format!(
            "format = \"tenken-bundle/1\"\nid = \"t\"\nversion = \"2020-04-01\"\ntitle = \"t\"\nmunicipality = {{ name = \"架空町\" }}\n{exclude}\n[[sources]]\nid = \"kisoku\"\ntitle = \"架空町規則\"\ntext = \"source.txt\"\n[[checklists]]\nid = \"tenken\"\nkind = \"inspection\"\ntitle = \"点検\"\nrespondent = \"課長\"\n[[checklists.sections]]\nid = \"s\"\ntitle = \"s\"\n{items}"
        );
        let mut parsed = bundle::parse_toml(&toml).expect("parses");
        parsed.resolve_sources(|_| Ok(SOURCE.to_string()));
        parsed.raw
    }

    #[test]
    fn the_editor_sees_the_same_coverage_while_the_bundle_has_problems() {
        let items = item("2-1", "2", "1", None, "点検しなければならない")
            + &item("3-1", "3", "1", Some("1"), "秘密保持に関する事項");
        let exclude =
            "exclude = [{ source = \"kisoku\", article = \"1\", reason = \"義務を定めない\" }]";
        let valid = &coverage(&bundle(&items, exclude))[0];
        let mut r = raw(&items, exclude);
        let editing = &coverage_raw(&r)[0];
        assert_eq!(states(editing), states(valid));
        assert_eq!(editing.summary, valid.summary);
        // an item with an empty question and a cite without article: the bundle is invalid,
        // the other items still count
        let items = items.replace("text = \"問い\"", "text = \"\"")
            + "[[checklists.sections.items]]\nid = \"x\"\ntext = \"問い\"\ncite = [{ source = \"kisoku\", quote = \"q\" }]\n";
        r = raw(&items, exclude);
        assert!(bundle::validate(&r).is_err());
        let editing = &coverage_raw(&r)[0];
        assert_eq!(states(editing), states(valid));
    }
}
