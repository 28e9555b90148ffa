//! How the tables read one result, and what makes two results the same submission.
//!
//! When the bundle a result names (by its SHA-256) is pinned, its full content is known: the
//! result's answers (profile and items) are evaluated again against that bundle's checklist
//! with the walk-through's own evaluator, the tables are built from that evaluation, and the
//! bundle's id, version and titles are the ones used — never the result's claims. A signed
//! summary that disagrees with the answers makes the file a status of its own
//! ([`Mismatch`]). Unpinned, the result's own summary is all there is: it is read as claimed,
//! and the report says that the content was not checked.
//!
//! Every step over a result's items is linear or `n log n` in the result's size (ids are
//! indexed once per result), whatever a file lists.

use std::collections::BTreeSet;

use crate::core::Bundle;
use crate::core::bundle::{ChecklistKind, Conformity, ProfileKind};
use crate::core::draft::{Answer, BundleRef, Draft, ProfileAnswer, Subject};
use crate::core::evaluate::{ItemStatus, Missing, evaluate};
use crate::core::message::Message;
use crate::core::name::name_key;
use crate::core::result::ResultDoc;

/// The first and last 年度 a result may name (平成元年 to 2100): others are typing errors or
/// forgeries, and no submission is keyed by them.
pub const YEARS: std::ops::RangeInclusive<i32> = 1989..=2100;

/// How one applicable item was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Standing {
    /// 適合.
    Conforming,
    /// 該当なし (an option meaning not applicable).
    NotApplicable,
    /// 一部不適合: the built-in scale's `partial` option. Not conforming (it asks for an
    /// improvement plan), but kept apart from 不適合 in every table: the 課長 made the
    /// distinction.
    PartlyNonconforming,
    /// 不適合.
    Nonconforming,
}

/// The option of the built-in `conformity` scale that means 一部不適合.
pub const PARTIAL_OPTION: &str = "partial";

impl Standing {
    /// The standing in Japanese.
    pub fn label(self) -> &'static str {
        match self {
            Standing::Conforming => "適合",
            Standing::NotApplicable => "該当なし",
            Standing::PartlyNonconforming => "一部不適合",
            Standing::Nonconforming => "不適合",
        }
    }

    /// 不適合 or 一部不適合: an item that asks for an improvement plan.
    pub fn fails(self) -> bool {
        matches!(
            self,
            Standing::PartlyNonconforming | Standing::Nonconforming
        )
    }

    /// How far from conforming, for 改善 / 悪化 across years: 適合 0, 一部不適合 1, 不適合 2;
    /// 該当なし is not on the scale.
    pub fn severity(self) -> Option<u8> {
        match self {
            Standing::Conforming => Some(0),
            Standing::PartlyNonconforming => Some(1),
            Standing::Nonconforming => Some(2),
            Standing::NotApplicable => None,
        }
    }
}

/// A non-conforming answer, as 一部不適合 when its option is the built-in [`PARTIAL_OPTION`].
fn failing(option: Option<&str>) -> Standing {
    if option == Some(PARTIAL_OPTION) {
        Standing::PartlyNonconforming
    } else {
        Standing::Nonconforming
    }
}

/// One item of a result, as the tables read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadItem {
    /// Its position in the result's `items` (its text, plan and note are read there).
    pub at: usize,
    /// The number the 課長 saw for it ([`crate::core::bundle::Item::display_number`]: the
    /// bundle's own, else the place it cites, 「第3条第1項第2号」), read from the pinned
    /// bundle; `None` unpinned (a result does not carry it).
    pub number: Option<String>,
    /// Its section: an index into [`Reading::sections`].
    pub section: usize,
    /// How it was answered; `None` when it did not apply by the profile answers.
    pub standing: Option<Standing>,
    /// A required contract clause answered 明記なし: to be added before signing.
    pub missing_clause: bool,
}

/// A result as the tables read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The submission it is.
    pub key: SubmissionKey,
    /// The bundle: the pinned bundle's own id, version and hash; unpinned, the result's claim.
    pub bundle: BundleRef,
    /// The pinned bundle's title (`None` unpinned).
    pub bundle_title: Option<String>,
    /// The checklist id.
    pub checklist: String,
    /// The checklist's title: the pinned bundle's; unpinned, the result's claim.
    pub checklist_title: String,
    /// The checklist's sections (id and title), in order: the pinned bundle's; unpinned, the
    /// section ids the result's items name, in their order, each titled by its id.
    pub sections: Vec<(String, String)>,
    /// A contract checklist (委託契約).
    pub contract: bool,
    /// Whether the answers were evaluated against the pinned bundle.
    pub pinned: bool,
    /// Items that applied.
    pub applicable: usize,
    /// Each item once, in the result's order (pinned: the checklist's).
    pub items: Vec<ReadItem>,
}

/// What makes two results the same submission: the 課 (by [`name_key`]), the bundle id, the
/// checklist and the period — the 年度 of an inspection, or a contract's 件名, 委託先 and 契約期間
/// (a division has many contracts). Fields are kept apart, never joined into one string.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubmissionKey {
    /// An inspection (点検).
    Inspection {
        /// The 課, as compared.
        division: String,
        /// The bundle id.
        bundle: String,
        /// The checklist id.
        checklist: String,
        /// 対象年度.
        year: i32,
    },
    /// A contract check (委託契約).
    Contract {
        /// The 課, as compared.
        division: String,
        /// The bundle id.
        bundle: String,
        /// The checklist id.
        checklist: String,
        /// 件名, as compared.
        title: String,
        /// 委託先, as compared.
        contractor: String,
        /// 契約期間: start.
        from: String,
        /// 契約期間: end.
        to: String,
    },
}

impl SubmissionKey {
    /// The key of a result with `subject`, answering checklist `checklist` (a contract one
    /// when `contract`) of bundle `bundle`; what the subject lacks for it, if anything.
    pub fn of(
        subject: &Subject,
        bundle: &str,
        checklist: &str,
        contract: bool,
    ) -> Result<SubmissionKey, SubjectFlaw> {
        let division = name_key(&subject.division);
        if division.is_empty() {
            return Err(SubjectFlaw::NoDivision);
        }
        let (bundle, checklist) = (bundle.to_string(), checklist.to_string());
        if !contract {
            let year = subject.fiscal_year.ok_or(SubjectFlaw::NoYear)?;
            if !YEARS.contains(&year) {
                return Err(SubjectFlaw::YearOutOfRange(year));
            }
            return Ok(SubmissionKey::Inspection {
                division,
                bundle,
                checklist,
                year,
            });
        }
        let title = name_key(&subject.contract_title);
        if title.is_empty() {
            return Err(SubjectFlaw::NoContractTitle);
        }
        let contractor = name_key(&subject.contractor);
        if contractor.is_empty() {
            return Err(SubjectFlaw::NoContractor);
        }
        let (from, to) = (name_key(&subject.period_from), name_key(&subject.period_to));
        if from.is_empty() || to.is_empty() {
            return Err(SubjectFlaw::NoPeriod);
        }
        Ok(SubmissionKey::Contract {
            division,
            bundle,
            checklist,
            title,
            contractor,
            from,
            to,
        })
    }

    /// The 課 (as compared), the bundle id and the checklist: the same line of submissions
    /// across years.
    pub fn line(&self) -> (&str, &str, &str) {
        match self {
            SubmissionKey::Inspection {
                division,
                bundle,
                checklist,
                ..
            }
            | SubmissionKey::Contract {
                division,
                bundle,
                checklist,
                ..
            } => (division, bundle, checklist),
        }
    }

    /// The 年度 of an inspection.
    pub fn year(&self) -> Option<i32> {
        match self {
            SubmissionKey::Inspection { year, .. } => Some(*year),
            SubmissionKey::Contract { .. } => None,
        }
    }
}

/// What a result's subject lacks to say which submission it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectFlaw {
    /// No 課名.
    NoDivision,
    /// An inspection without 対象年度.
    NoYear,
    /// A 対象年度 outside [`YEARS`].
    YearOutOfRange(i32),
    /// A contract without 件名.
    NoContractTitle,
    /// A contract without 委託先.
    NoContractor,
    /// A contract without its 契約期間 (start and end).
    NoPeriod,
}

impl Message for SubjectFlaw {
    fn message_ja(&self) -> String {
        match self {
            SubjectFlaw::NoDivision => "課名がありません".into(),
            SubjectFlaw::NoYear => "対象年度がありません".into(),
            SubjectFlaw::YearOutOfRange(y) => format!(
                "対象年度 {y} は {}〜{} の範囲外です",
                YEARS.start(),
                YEARS.end()
            ),
            SubjectFlaw::NoContractTitle => "契約の件名がありません".into(),
            SubjectFlaw::NoContractor => "委託先がありません".into(),
            SubjectFlaw::NoPeriod => "契約期間がありません".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            SubjectFlaw::NoDivision => "no division".into(),
            SubjectFlaw::NoYear => "no fiscal year".into(),
            SubjectFlaw::YearOutOfRange(y) => format!(
                "fiscal year {y} is outside {}–{}",
                YEARS.start(),
                YEARS.end()
            ),
            SubjectFlaw::NoContractTitle => "no contract title".into(),
            SubjectFlaw::NoContractor => "no contractor".into(),
            SubjectFlaw::NoPeriod => "no contract period".into(),
        }
    }
}

/// One way a result's answers and its signed summary disagree with its bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disagreement {
    /// The bundle has no checklist of this id.
    Checklist(String),
    /// A profile answer to a question the checklist lacks, or one it does not offer.
    ProfileAnswer(String),
    /// A profile question without an answer (its text).
    ProfileMissing(String),
    /// An answer to an item the checklist lacks.
    UnknownItem(String),
    /// A checklist item the result lacks (named, as the bundle's items below, by the 番号 the
    /// 課長 saw: 「第13条第1項」; the result's own ids only where the bundle has none).
    MissingItem(String),
    /// An item listed more than once.
    RepeatedItem(String),
    /// An item's text is not the bundle's.
    ItemText(String),
    /// An answer with an option the item's scale lacks.
    UnknownOption {
        /// The item.
        item: String,
        /// The option given.
        option: String,
    },
    /// An item that applies, without an answer.
    Unanswered(String),
    /// An item answered although its condition is false, or marked not applicable although
    /// it applies.
    Applicability(String),
    /// The number of applicable items.
    Applicable {
        /// As signed.
        signed: usize,
        /// As the answers give it.
        evaluated: usize,
    },
    /// The number of answers per option.
    Counts,
    /// The list of non-conforming items.
    Nonconforming,
    /// The list of contract clauses missing.
    MissingClauses,
    /// The list of items answered 該当なし.
    NotApplicable,
}

/// An item as a message names it: by the 番号 the 課長 saw, else (a bundle that numbers
/// nothing) by its id.
fn named(item: &crate::core::bundle::Item) -> String {
    let number = item.display_number();
    if number.is_empty() {
        item.id.clone()
    } else {
        number
    }
}

/// An id as shown in a message: at most 40 characters.
fn shown(id: &str) -> String {
    if id.chars().count() <= 40 {
        id.to_string()
    } else {
        format!("{}…", id.chars().take(40).collect::<String>())
    }
}

impl Message for Disagreement {
    fn message_ja(&self) -> String {
        match self {
            Disagreement::Checklist(id) => {
                format!("チェックリスト {} は規則にありません", shown(id))
            }
            Disagreement::ProfileAnswer(id) => {
                format!("前提の質問 {} の回答が規則と合いません", shown(id))
            }
            Disagreement::ProfileMissing(id) => {
                format!("前提の質問「{}」に回答がありません", shown(id))
            }
            Disagreement::UnknownItem(id) => format!("項目 {} は規則にありません", shown(id)),
            Disagreement::MissingItem(id) => format!("項目 {} がありません", shown(id)),
            Disagreement::RepeatedItem(id) => format!("項目 {} が重複しています", shown(id)),
            Disagreement::ItemText(id) => format!("項目 {} の文言が規則と違います", shown(id)),
            Disagreement::UnknownOption { item, option } => format!(
                "項目 {} の回答「{}」は選択肢にありません",
                shown(item),
                shown(option)
            ),
            Disagreement::Unanswered(id) => format!("項目 {} が未回答です", shown(id)),
            Disagreement::Applicability(id) => format!(
                "項目 {} の対象・対象外が前提の質問の回答と合いません",
                shown(id)
            ),
            Disagreement::Applicable { signed, evaluated } => {
                format!("対象項目数 {signed}（回答からは {evaluated}）")
            }
            Disagreement::Counts => "回答ごとの件数が回答と合いません".into(),
            Disagreement::Nonconforming => "不適合の項目の一覧が回答と合いません".into(),
            Disagreement::MissingClauses => "不足条項の一覧が回答と合いません".into(),
            Disagreement::NotApplicable => "該当なしの項目の一覧が回答と合いません".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Disagreement::Checklist(id) => format!("the bundle has no checklist {}", shown(id)),
            Disagreement::ProfileAnswer(id) => {
                format!("profile answer {} does not fit the bundle", shown(id))
            }
            Disagreement::ProfileMissing(id) => {
                format!("profile question {} is not answered", shown(id))
            }
            Disagreement::UnknownItem(id) => format!("the bundle has no item {}", shown(id)),
            Disagreement::MissingItem(id) => format!("item {} is missing", shown(id)),
            Disagreement::RepeatedItem(id) => format!("item {} is listed twice", shown(id)),
            Disagreement::ItemText(id) => {
                format!("item {} does not read as in the bundle", shown(id))
            }
            Disagreement::UnknownOption { item, option } => format!(
                "item {}: \"{}\" is not an option",
                shown(item),
                shown(option)
            ),
            Disagreement::Unanswered(id) => format!("item {} is not answered", shown(id)),
            Disagreement::Applicability(id) => format!(
                "item {}: whether it applies does not follow the profile answers",
                shown(id)
            ),
            Disagreement::Applicable { signed, evaluated } => {
                format!("{signed} applicable items ({evaluated} by the answers)")
            }
            Disagreement::Counts => "the counts per answer differ from the answers".into(),
            Disagreement::Nonconforming => {
                "the non-conforming items differ from the answers".into()
            }
            Disagreement::MissingClauses => "the missing clauses differ from the answers".into(),
            Disagreement::NotApplicable => {
                "the items answered not applicable differ from the answers".into()
            }
        }
    }
}

/// How a result's summary and answers disagree with its bundle: the first few ways, and how
/// many more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mismatch {
    /// The first ways found (at most [`Mismatch::KEPT`]).
    pub found: Vec<Disagreement>,
    /// How many more were found.
    pub more: usize,
}

impl Mismatch {
    /// How many disagreements are kept to be shown.
    pub const KEPT: usize = 5;

    fn push(&mut self, d: Disagreement) {
        if self.found.len() < Self::KEPT {
            self.found.push(d);
        } else {
            self.more += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.found.is_empty()
    }
}

impl Message for Mismatch {
    fn message_ja(&self) -> String {
        let mut text = self
            .found
            .iter()
            .map(Message::message_ja)
            .collect::<Vec<_>>()
            .join("、");
        if self.more > 0 {
            text.push_str(&format!("、ほか {} 件", self.more));
        }
        text
    }

    fn message_en(&self) -> String {
        let mut text = self
            .found
            .iter()
            .map(Message::message_en)
            .collect::<Vec<_>>()
            .join("; ");
        if self.more > 0 {
            text.push_str(&format!("; {} more", self.more));
        }
        text
    }
}

/// Why a result that a valid key signed still does not count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Its signed summary disagrees with its answers (pinned bundles only).
    Mismatch(Mismatch),
    /// Its subject does not say which submission it is.
    Subject(SubjectFlaw),
}

/// Reads `result`: against `pinned`, the bundle of its hash, when given (answers evaluated
/// again, summary compared); otherwise as it claims.
pub fn read(result: &ResultDoc, pinned: Option<&Bundle>) -> Result<Reading, Refusal> {
    let parts = match pinned {
        Some(bundle) => reread(result, bundle).map_err(Refusal::Mismatch)?,
        None => claimed(result),
    };
    let key = SubmissionKey::of(
        &result.subject,
        &parts.bundle.id,
        &parts.checklist,
        parts.contract,
    )
    .map_err(Refusal::Subject)?;
    Ok(Reading {
        key,
        bundle: parts.bundle,
        bundle_title: parts.bundle_title,
        checklist: parts.checklist,
        checklist_title: parts.checklist_title,
        sections: parts.sections,
        contract: parts.contract,
        pinned: pinned.is_some(),
        applicable: parts.applicable,
        items: parts.items,
    })
}

/// A reading before its submission key.
struct Parts {
    bundle: BundleRef,
    bundle_title: Option<String>,
    checklist: String,
    checklist_title: String,
    sections: Vec<(String, String)>,
    contract: bool,
    applicable: usize,
    items: Vec<ReadItem>,
}

/// Ids sorted, each once, for lookups by binary search.
fn index(ids: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = ids.iter().map(String::as_str).collect();
    v.sort_unstable();
    v.dedup();
    v
}

fn has(sorted: &[&str], id: &str) -> bool {
    sorted.binary_search(&id).is_ok()
}

/// The same ids, as many times each, in any order.
fn same_ids(a: &[String], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut a: Vec<&str> = a.iter().map(String::as_str).collect();
    let mut b = b.to_vec();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// What the result claims (no bundle to check it against): each item once (the first
/// listing), its standing from the signed summary.
fn claimed(result: &ResultDoc) -> Parts {
    let s = &result.summary;
    let nonconforming = index(&s.nonconforming);
    let not_applicable = s.not_applicable.as_deref().map(index);
    let missing = s.missing_clauses.as_deref().map(index).unwrap_or_default();
    let mut seen = BTreeSet::new();
    let mut items = Vec::with_capacity(result.items.len());
    // the sections the items name, in their order (each once)
    let mut sections: Vec<(String, String)> = Vec::new();
    let mut section_at: std::collections::BTreeMap<&str, usize> = Default::default();
    for (at, i) in result.items.iter().enumerate() {
        if !seen.insert(i.id.as_str()) {
            continue;
        }
        let section = *section_at.entry(i.section.as_str()).or_insert_with(|| {
            sections.push((i.section.clone(), i.section.clone()));
            sections.len() - 1
        });
        let standing = match &i.option {
            _ if i.not_applicable.is_some() => None,
            None => None,
            Some(option) => Some(if has(&nonconforming, &i.id) {
                failing(Some(option.as_str()))
            } else if match &not_applicable {
                Some(ids) => has(ids, &i.id),
                // results written before the summary listed them: the built-in scales' id
                None => option == "na",
            } {
                Standing::NotApplicable
            } else {
                Standing::Conforming
            }),
        };
        items.push(ReadItem {
            at,
            number: None,
            section,
            standing,
            missing_clause: has(&missing, &i.id),
        });
    }
    Parts {
        bundle: result.bundle.clone(),
        bundle_title: None,
        sections,
        checklist: result.checklist.clone(),
        checklist_title: result.checklist_title.clone(),
        contract: s.missing_clauses.is_some(),
        applicable: s.applicable,
        items,
    }
}

/// The result's answers evaluated against `bundle` (the one its hash names), compared with
/// what the result says.
fn reread(result: &ResultDoc, bundle: &Bundle) -> Result<Parts, Mismatch> {
    let mut found = Mismatch::default();
    let Some(list) = bundle.checklist(&result.checklist) else {
        found.push(Disagreement::Checklist(result.checklist.clone()));
        return Err(found);
    };

    // profile answers: each to a question of the checklist, of its kind
    let mut questions: Vec<(&str, &ProfileKind)> = list
        .profile
        .iter()
        .map(|q| (q.id.as_str(), &q.kind))
        .collect();
    questions.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (id, answer) in result.profile.iter() {
        let fits = questions
            .binary_search_by(|q| q.0.cmp(id.as_str()))
            .ok()
            .is_some_and(|i| match (questions[i].1, answer) {
                (ProfileKind::Bool, ProfileAnswer::Bool(_)) => true,
                (ProfileKind::Choice(options), ProfileAnswer::Choice(c)) => {
                    options.iter().any(|o| &o.id == c)
                }
                _ => false,
            });
        if !fits {
            found.push(Disagreement::ProfileAnswer(id.clone()));
        }
    }

    // the result's items by id (each id's first listing), and the checklist's ids
    let mut listed: Vec<(&str, usize)> = result
        .items
        .iter()
        .enumerate()
        .map(|(at, i)| (i.id.as_str(), at))
        .collect();
    listed.sort_unstable();
    for pair in listed.windows(2) {
        if pair[0].0 == pair[1].0 {
            found.push(Disagreement::RepeatedItem(pair[1].0.to_string()));
        }
    }
    let first_listing = |id: &str| {
        let p = listed.partition_point(|(x, _)| *x < id);
        listed.get(p).filter(|(x, _)| *x == id).map(|(_, at)| *at)
    };
    let mut known: Vec<&str> = list.items().map(|(_, i)| i.id.as_str()).collect();
    known.sort_unstable();

    // evaluated as the walk-through evaluates a draft
    let draft = Draft {
        profile: result.profile.clone(),
        answers: result
            .items
            .iter()
            .filter_map(|i| {
                let option = i.option.clone()?;
                Some((
                    i.id.clone(),
                    Answer {
                        option: Some(option),
                        clause_ref: i.clause_ref.clone(),
                        plan: i.plan.clone().unwrap_or_default(),
                        follow_up: i.follow_up.clone(),
                        ..Answer::default()
                    },
                ))
            })
            .collect(),
        ..Draft::default()
    };
    let e = evaluate(bundle, list, &draft);
    for q in &e.profile_unanswered {
        let text = list.profile.iter().find(|p| &p.id == q).map(|p| &p.text);
        found.push(Disagreement::ProfileMissing(text.unwrap_or(q).clone()));
    }
    let missing: Vec<&str> = e
        .verdict
        .as_ref()
        .map(|v| index(&v.missing_clauses))
        .unwrap_or_default();

    let mut items = Vec::with_capacity(e.items.len());
    let mut not_applicable: Vec<&str> = Vec::new();
    // the checklist's items (in the evaluation's order), each with its section's index
    let listed_items = list
        .sections
        .iter()
        .enumerate()
        .flat_map(|(si, s)| s.items.iter().map(move |i| (si, i)));
    for ((section, item), ev) in listed_items.zip(&e.items) {
        let Some(at) = first_listing(&item.id) else {
            found.push(Disagreement::MissingItem(named(item)));
            continue;
        };
        let given = &result.items[at];
        if given.text != item.text {
            found.push(Disagreement::ItemText(named(item)));
        }
        let standing = match &ev.status {
            ItemStatus::NotApplicable { .. } => {
                if given.option.is_some() {
                    found.push(Disagreement::Applicability(named(item)));
                }
                None
            }
            // a profile answer is missing: said above
            ItemStatus::Undecided => None,
            ItemStatus::Unanswered => {
                found.push(if given.not_applicable.is_some() {
                    Disagreement::Applicability(named(item))
                } else {
                    Disagreement::Unanswered(named(item))
                });
                None
            }
            ItemStatus::Incomplete {
                missing: Missing::UnknownOption,
            } => {
                found.push(Disagreement::UnknownOption {
                    item: named(item),
                    option: given.option.clone().unwrap_or_default(),
                });
                None
            }
            ItemStatus::Incomplete { .. } | ItemStatus::Done => {
                if given.not_applicable.is_some() {
                    found.push(Disagreement::Applicability(named(item)));
                }
                ev.conformity.map(|c| match c {
                    Conformity::Yes => Standing::Conforming,
                    // 一部不適合 only on the built-in scale (a bundle's own scale may name
                    // an option `partial` for something else)
                    Conformity::No if item.scale == "conformity" => {
                        failing(given.option.as_deref())
                    }
                    Conformity::No => Standing::Nonconforming,
                    Conformity::NotApplicable => Standing::NotApplicable,
                })
            }
        };
        if ev.conformity == Some(Conformity::NotApplicable) {
            not_applicable.push(&item.id);
        }
        items.push(ReadItem {
            at,
            number: Some(named(item)),
            section,
            standing,
            missing_clause: has(&missing, &item.id),
        });
    }
    for (id, _) in &listed {
        if !has(&known, id) {
            found.push(Disagreement::UnknownItem(id.to_string()));
        }
    }

    // the signed summary against the evaluation
    let s = &result.summary;
    if s.applicable != e.applicable {
        found.push(Disagreement::Applicable {
            signed: s.applicable,
            evaluated: e.applicable,
        });
    }
    if s.counts != e.counts {
        found.push(Disagreement::Counts);
    }
    let evaluated: Vec<&str> = e.nonconforming.iter().map(String::as_str).collect();
    if !same_ids(&s.nonconforming, &evaluated) {
        found.push(Disagreement::Nonconforming);
    }
    let clauses_agree = match (&s.missing_clauses, &e.verdict) {
        (None, None) => true,
        (Some(signed), Some(v)) => {
            let evaluated: Vec<&str> = v.missing_clauses.iter().map(String::as_str).collect();
            same_ids(signed, &evaluated)
        }
        _ => false,
    };
    if !clauses_agree {
        found.push(Disagreement::MissingClauses);
    }
    // absent in results written before tenken 0.2: nothing to compare
    if let Some(signed) = &s.not_applicable
        && !same_ids(signed, &not_applicable)
    {
        found.push(Disagreement::NotApplicable);
    }

    if !found.is_empty() {
        return Err(found);
    }
    Ok(Parts {
        bundle: BundleRef::of(bundle),
        bundle_title: Some(bundle.title.clone()),
        sections: list
            .sections
            .iter()
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect(),
        checklist: list.id.clone(),
        checklist_title: list.title.clone(),
        contract: list.kind == ChecklistKind::Contract,
        applicable: e.applicable,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::result::sample_result;

    fn disagreements(r: &ResultDoc) -> Vec<Disagreement> {
        match read(r, Some(&mini_bundle())) {
            Err(Refusal::Mismatch(m)) => m.found,
            other => panic!("expected a mismatch: {other:?}"),
        }
    }

    #[test]
    fn a_pinned_result_is_read_from_its_bundle() {
        let b = mini_bundle();
        let mut r = sample_result();
        // claims that the tables must not use
        r.bundle.version = "9999-99-99".into();
        r.checklist_title = "偽の題名".into();
        let reading = read(&r, Some(&b)).expect("reads");
        assert_eq!(reading.bundle, BundleRef::of(&b));
        assert_eq!(reading.bundle_title.as_deref(), Some(b.title.as_str()));
        assert_eq!(reading.checklist_title, "電子情報処理の点検");
        assert!(reading.pinned && !reading.contract);
        assert_eq!(reading.applicable, 2);
        let standings: Vec<_> = reading.items.iter().map(|i| i.standing).collect();
        assert_eq!(
            standings,
            [Some(Standing::Conforming), None, Some(Standing::Conforming)]
        );
        // unpinned, the claims are all there is
        let claimed = read(&r, None).expect("reads");
        assert_eq!(claimed.bundle.version, "9999-99-99");
        assert_eq!(claimed.checklist_title, "偽の題名");
        assert!(!claimed.pinned);
    }

    #[test]
    fn a_summary_that_disagrees_with_the_answers_is_found() {
        // all conforming by the answers, but the summary says 14 does not conform
        let mut r = sample_result();
        r.summary.nonconforming = vec!["14".into()];
        assert_eq!(disagreements(&r), [Disagreement::Nonconforming]);
        // the answers say 14 does not conform, the summary that all do
        let mut r = sample_result();
        r.items[2].option = Some("notdone".into());
        let found = disagreements(&r);
        assert!(found.contains(&Disagreement::Counts), "{found:?}");
        assert!(found.contains(&Disagreement::Nonconforming), "{found:?}");
        // applicable count, not-applicable list
        let mut r = sample_result();
        r.summary.applicable = 3;
        assert_eq!(
            disagreements(&r),
            [Disagreement::Applicable {
                signed: 3,
                evaluated: 2
            }]
        );
        let mut r = sample_result();
        r.summary.not_applicable = Some(vec!["13-1".into()]);
        assert_eq!(disagreements(&r), [Disagreement::NotApplicable]);
        // an inspection claiming a contract's verdict
        let mut r = sample_result();
        r.summary.missing_clauses = Some(vec![]);
        assert_eq!(disagreements(&r), [Disagreement::MissingClauses]);
    }

    #[test]
    fn a_file_s_details_name_items_by_the_number_the_kacho_saw() {
        let mut r = sample_result();
        r.items.remove(0);
        r.profile.remove("personal");
        let text = disagreements(&r)
            .iter()
            .map(Message::message_ja)
            .collect::<Vec<_>>()
            .join("、");
        assert!(
            text.contains("項目 第13条第1項第1号 がありません"),
            "{text}"
        );
        assert!(
            text.contains("前提の質問「所管する電子情報処理で個人情報を取り扱っていますか」"),
            "{text}"
        );
        assert!(
            !text.contains("13-1") && !text.contains("personal"),
            "{text}"
        );
    }

    #[test]
    fn answers_that_do_not_fit_the_bundle_are_found() {
        let mut r = sample_result();
        r.items[2].option = Some("perfect".into());
        assert!(disagreements(&r).contains(&Disagreement::UnknownOption {
            item: "第14条第1項".into(),
            option: "perfect".into()
        }));
        let mut r = sample_result();
        let extra = r.items[2].clone();
        r.items.push(crate::core::result::ResultItem {
            id: "99".into(),
            ..extra.clone()
        });
        assert!(disagreements(&r).contains(&Disagreement::UnknownItem("99".into())));
        let mut r = sample_result();
        r.items.push(extra);
        assert!(disagreements(&r).contains(&Disagreement::RepeatedItem("14".into())));
        let mut r = sample_result();
        r.items.remove(0);
        assert!(disagreements(&r).contains(&Disagreement::MissingItem("第13条第1項第1号".into())));
        let mut r = sample_result();
        r.items[0].text = "別の質問".into();
        assert_eq!(
            disagreements(&r),
            [Disagreement::ItemText("第13条第1項第1号".into())]
        );
        // 13-3 does not apply (no 特定個人情報), yet it is answered
        let mut r = sample_result();
        r.items[1].option = Some("conforming".into());
        r.items[1].not_applicable = None;
        assert!(
            disagreements(&r).contains(&Disagreement::Applicability("第13条第1項第3号".into()))
        );
        let mut r = sample_result();
        r.items[0].option = None;
        assert!(disagreements(&r).contains(&Disagreement::Unanswered("第13条第1項第1号".into())));
        let mut r = sample_result();
        r.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("many".into()));
        assert!(disagreements(&r).contains(&Disagreement::ProfileAnswer("mynumber".into())));
        let mut r = sample_result();
        r.profile.remove("personal");
        assert!(disagreements(&r).contains(&Disagreement::ProfileMissing(
            "所管する電子情報処理で個人情報を取り扱っていますか".into()
        )));
        let mut r = sample_result();
        r.checklist = "nothing".into();
        assert_eq!(
            disagreements(&r),
            [Disagreement::Checklist("nothing".into())]
        );
    }

    #[test]
    fn a_mismatch_keeps_a_few_ways_and_counts_the_rest() {
        let mut r = sample_result();
        let extra = r.items[2].clone();
        for n in 0..50_000 {
            r.items.push(crate::core::result::ResultItem {
                id: format!("x{n}"),
                ..extra.clone()
            });
        }
        let Err(Refusal::Mismatch(m)) = read(&r, Some(&mini_bundle())) else {
            panic!("a mismatch")
        };
        assert_eq!(m.found.len(), Mismatch::KEPT);
        assert!(m.more >= 50_000 - Mismatch::KEPT, "{}", m.more);
        assert!(m.message_ja().ends_with(&format!("ほか {} 件", m.more)));
    }

    #[test]
    fn submission_keys_keep_their_fields_apart_and_need_them_all() {
        let mut s = Subject {
            division: "情報政策課".into(),
            contract_title: "保守|A社".into(),
            contractor: "B社".into(),
            period_from: "2026-04-01".into(),
            period_to: "2027-03-31".into(),
            ..Subject::default()
        };
        let a = SubmissionKey::of(&s, "b", "keiyaku", true).expect("key");
        s.contract_title = "保守".into();
        s.contractor = "A社|B社".into();
        let b = SubmissionKey::of(&s, "b", "keiyaku", true).expect("key");
        assert_ne!(a, b);
        // full-width and spacing are the same contract
        s.contractor = " Ａ社|Ｂ社 ".into();
        assert_eq!(SubmissionKey::of(&s, "b", "keiyaku", true), Ok(b));
        for (edit, flaw) in [
            (
                (|s: &mut Subject| s.division = " ".into()) as fn(&mut Subject),
                SubjectFlaw::NoDivision,
            ),
            (|s| s.contract_title.clear(), SubjectFlaw::NoContractTitle),
            (
                |s| s.contractor = "\u{3000}".into(),
                SubjectFlaw::NoContractor,
            ),
            (|s| s.period_to.clear(), SubjectFlaw::NoPeriod),
        ] {
            let mut t = s.clone();
            edit(&mut t);
            assert_eq!(SubmissionKey::of(&t, "b", "keiyaku", true), Err(flaw));
        }
        let mut i = Subject {
            division: "情報政策課".into(),
            ..Subject::default()
        };
        assert_eq!(
            SubmissionKey::of(&i, "b", "tenken", false),
            Err(SubjectFlaw::NoYear)
        );
        for (year, ok) in [(1988, false), (1989, true), (2100, true), (2101, false)] {
            i.fiscal_year = Some(year);
            let key = SubmissionKey::of(&i, "b", "tenken", false);
            assert_eq!(
                key.is_ok(),
                ok,
                "{year}: {key:?} ({})",
                key.as_ref()
                    .err()
                    .map(|f| f.message_ja())
                    .unwrap_or_default()
            );
        }
    }
}
