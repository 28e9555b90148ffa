//! The result document (`tenken-result/1`): what one respondent submits for one checklist,
//! and how a new draft starts from last year's result.
//!
//! A result carries each item's text as answered, so a reader (and the next year's draft)
//! can see exactly what was asked, even after the bundle changes. It is serialised as
//! RFC 8785 canonical JSON (see [`crate::core::canonical`]), the bytes that get signed.

use crate::core::id_map::IdMap;

use serde::{Deserialize, Serialize};

use crate::core::bundle::limits::{MAX_CHECKLIST_ITEMS, MAX_PROFILE};
use crate::core::bundle::{Bundle, Checklist};
use crate::core::date::{FIRST_YEAR, LAST_YEAR, is_accepted_year};
use crate::core::document;
use crate::core::draft::{Answer, BundleRef, Draft, Plan, ProfileAnswer, Subject, SubjectGap};
use crate::core::evaluate::{Evaluation, ItemStatus};
use crate::core::problem::{Problem, ProblemKind, Problems};

/// The format id of result documents.
pub const RESULT_FORMAT: &str = "tenken-result/1";

/// The largest result file accepted.
pub const MAX_RESULT_BYTES: usize = 8 * 1024 * 1024;

/// The longest name a result may carry, in characters: 課名, 氏名, 役職, 件名, 委託先, the
/// dates, ids, option labels, 契約書の条, 改善計画の担当 and 期限, and the bundle's and the
/// app's names. Far above any real one; a result tenken makes is checked against it before
/// it is signed, so what tenken writes it can read.
pub const MAX_RESULT_NAME: usize = 200;

/// The longest text a result may carry, in characters: an item's question, 備考, 改善計画の
/// 内容, why an item did not apply, the systems in scope, the checklist's title.
pub const MAX_RESULT_TEXT: usize = 10_000;

/// One item as answered (or as not applicable).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultItem {
    /// Item id.
    pub id: String,
    /// Section id.
    pub section: String,
    /// The item's text as asked.
    pub text: String,
    /// The chosen option's id (absent when not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// The chosen option's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 備考.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The contract's article number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub clause_ref: String,
    /// 改善計画.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
    /// Why it did not apply (the condition in words), when it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<String>,
}

/// The computed summary stored with the answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultSummary {
    /// Items that applied.
    pub applicable: usize,
    /// Answers per option id.
    pub counts: IdMap<u64>,
    /// Non-conforming items (ids).
    pub nonconforming: Vec<String>,
    /// Contract only: required clauses missing from the contract (ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_clauses: Option<Vec<String>>,
    /// Applicable items answered with an option that means 該当なし (ids). Absent in results
    /// written before tenken 0.2, which are read by the option id `na`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<Vec<String>>,
}

/// The most characters of a contract's 件名 a result's file name carries (a whole name of
/// 課, 件名 and date then stays well within what every system accepts).
pub const FILE_TITLE_CHARS: usize = 30;

/// A result document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultDoc {
    /// [`RESULT_FORMAT`].
    pub format: String,
    /// The bundle answered (id, version, SHA-256).
    pub bundle: BundleRef,
    /// 自治体.
    pub municipality: String,
    /// The checklist id.
    pub checklist: String,
    /// Its title.
    pub checklist_title: String,
    /// Who and what.
    pub subject: Subject,
    /// Profile answers.
    pub profile: IdMap<ProfileAnswer>,
    /// Every item in checklist order.
    pub items: Vec<ResultItem>,
    /// The summary.
    pub summary: ResultSummary,
    /// When the result was made (ISO 8601).
    pub created: String,
    /// The tenken version that made it.
    pub app_version: String,
}

/// Why a draft cannot be signed (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotReady {
    /// Something is still open.
    Incomplete {
        /// What the subject lacks, in the form's order.
        subject: Vec<SubjectGap>,
        /// Profile questions not answered.
        profile: usize,
        /// Items not answered completely (or not decided).
        items: usize,
    },
    /// The draft answers another bundle or checklist than the one given.
    OtherChecklist,
    /// The result would carry a text longer than any tenken reads ([`MAX_RESULT_TEXT`],
    /// [`MAX_RESULT_NAME`]), at its place.
    TooLong(Problem),
}

impl crate::core::message::Message for NotReady {
    /// In Japanese.
    fn message_ja(&self) -> String {
        match self {
            NotReady::Incomplete { subject, .. } => {
                // the まとめ lists every open item; the subject is named here too
                let mut why = String::from("まだ署名できません（まとめの未完了を確かめてください");
                for gap in subject {
                    why.push_str("、対象: ");
                    why.push_str(&gap.message_ja());
                }
                why.push('）');
                why
            }
            NotReady::OtherChecklist => {
                "別の規則またはチェックリストの下書きなので署名できません".into()
            }
            NotReady::TooLong(p) => {
                format!("署名できません（{}: {}）", p.path, p.kind.message_ja())
            }
        }
    }

    /// In English.
    fn message_en(&self) -> String {
        match self {
            NotReady::Incomplete {
                subject,
                profile,
                items,
            } => {
                let mut open: Vec<String> = subject
                    .iter()
                    .map(|g| format!("subject: {}", g.message_en()))
                    .collect();
                if *profile > 0 {
                    open.push(format!("{profile} profile question(s) unanswered"));
                }
                if *items > 0 {
                    open.push(format!("{items} item(s) not complete"));
                }
                format!("not ready to sign ({})", open.join("; "))
            }
            NotReady::OtherChecklist => {
                "a draft of another bundle or checklist cannot be signed with this one".into()
            }
            NotReady::TooLong(p) => {
                format!("cannot be signed ({}: {})", p.path, p.kind.message_en())
            }
        }
    }
}

impl ResultDoc {
    /// The result to sign (or to write as an unsigned copy) of `draft`, made at the moment it
    /// is asked for: the draft is evaluated again here, and a draft that is not complete (its
    /// subject included, see [`crate::core::draft::Subject::gaps`]), that answers another
    /// checklist, or whose result no tenken could read back (a text beyond its length) gives
    /// no result. The UI calls this when the button is pressed, whatever the button showed.
    pub fn for_signing(
        bundle: &Bundle,
        checklist: &Checklist,
        draft: &Draft,
        created: &str,
    ) -> Result<ResultDoc, NotReady> {
        if draft.bundle.id != bundle.id || draft.checklist != checklist.id {
            return Err(NotReady::OtherChecklist);
        }
        let eval = crate::core::evaluate::evaluate(bundle, checklist, draft);
        if !eval.is_complete() {
            return Err(NotReady::Incomplete {
                subject: eval.subject.clone(),
                profile: eval.profile_unanswered.len(),
                items: eval.blocking().count(),
            });
        }
        let doc = ResultDoc::of(bundle, checklist, draft, &eval, created);
        // what tenken writes it must read back: the sizes a result file is read with
        match serde_json::to_value(&doc).map(|v| check_sizes(&v)) {
            Ok(Err(p)) => Err(NotReady::TooLong(p)),
            _ => Ok(doc),
        }
    }

    /// The result of a draft, as it stands: for a result to sign or hand in, use
    /// [`ResultDoc::for_signing`], which checks completeness. Profile answers are those to
    /// the checklist's questions.
    pub fn of(
        bundle: &Bundle,
        checklist: &Checklist,
        draft: &Draft,
        eval: &Evaluation,
        created: &str,
    ) -> ResultDoc {
        let items = checklist
            .sections
            .iter()
            .flat_map(|s| s.items.iter().map(move |i| (s, i)))
            .map(|(section, item)| {
                let status = eval.item(&item.id).map(|e| e.status.clone());
                let answer = draft.answers.get(&item.id).cloned().unwrap_or_default();
                let not_applicable = match status {
                    Some(ItemStatus::NotApplicable { reason, .. }) => Some(reason),
                    _ => None,
                };
                let applies = not_applicable.is_none();
                let label = answer
                    .option
                    .as_deref()
                    .and_then(|o| bundle.scale(&item.scale)?.option(o))
                    .map(|o| o.label.clone());
                ResultItem {
                    id: item.id.clone(),
                    section: section.id.clone(),
                    text: item.text.clone(),
                    option: answer.option.clone().filter(|_| applies),
                    label: label.filter(|_| applies),
                    note: if applies {
                        answer.note.clone()
                    } else {
                        String::new()
                    },
                    clause_ref: if applies {
                        answer.clause_ref.clone()
                    } else {
                        String::new()
                    },
                    plan: (applies && !answer.plan.is_empty()).then(|| answer.plan.clone()),
                    not_applicable,
                }
            })
            .collect();
        let mut profile = IdMap::new();
        for (id, answer) in draft.profile.iter() {
            if checklist.question(id).is_some() {
                profile.insert(id.clone(), answer.clone());
            }
        }
        ResultDoc {
            format: RESULT_FORMAT.into(),
            bundle: BundleRef::of(bundle),
            municipality: bundle.municipality.name.clone(),
            checklist: checklist.id.clone(),
            checklist_title: checklist.title.clone(),
            subject: draft.subject.clone(),
            profile,
            items,
            summary: ResultSummary {
                applicable: eval.applicable,
                counts: eval.counts.clone(),
                nonconforming: eval.nonconforming.clone(),
                missing_clauses: eval.verdict.as_ref().map(|v| v.missing_clauses.clone()),
                not_applicable: Some(
                    eval.items
                        .iter()
                        .filter(|i| {
                            i.conformity == Some(crate::core::bundle::Conformity::NotApplicable)
                        })
                        .map(|i| i.id.clone())
                        .collect(),
                ),
            },
            created: created.into(),
            app_version: env!("CARGO_PKG_VERSION").into(),
        }
    }

    /// True for the result of a 委託契約 checklist: its summary carries the contract's verdict
    /// (the clauses missing, possibly none), as 集計 reads it too.
    pub fn is_contract(&self) -> bool {
        self.summary.missing_clauses.is_some()
    }

    /// The file name a result is saved under, as 使い方 promises: `<課>_点検_<date>` for an
    /// inspection, `<課>_委託契約_<件名>_<date>` for a contract ([`ResultDoc::is_contract`]), then `.tenken.json` when signed,
    /// `.tenken-result.json` for an unsigned copy; `date` is the day (in Japan) it was signed
    /// or written. Each name is made file-safe, the 件名 clipped to [`FILE_TITLE_CHARS`].
    pub fn file_name(&self, signed: bool, date: crate::core::date::Date) -> String {
        use crate::core::name::file_safe;
        let what = if self.is_contract() {
            let title: String = (self.subject.contract_title.split_whitespace())
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(FILE_TITLE_CHARS)
                .collect();
            if title.is_empty() {
                "委託契約".to_string()
            } else {
                format!("委託契約_{}", file_safe(&title))
            }
        } else {
            "点検".to_string()
        };
        format!(
            "{}_{what}_{date}.{}",
            file_safe(&self.subject.division),
            if signed {
                "tenken.json"
            } else {
                "tenken-result.json"
            }
        )
    }

    /// Item `id` of this result as a person reads it: the number the 課長 saw
    /// ([`Checklist::number_of`], when the bundle answered is at hand) and the question as
    /// asked; never the internal id (an id the result does not hold gives the number alone,
    /// or nothing).
    pub fn item_words(&self, id: &str, checklist: Option<&Checklist>) -> String {
        let number = checklist.and_then(|c| c.number_of(id));
        let text = self
            .items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.text.as_str());
        match (number, text) {
            (Some(n), Some(t)) => format!("{n} {t}"),
            (Some(n), None) => n,
            (None, Some(t)) => t.to_string(),
            (None, None) => String::new(),
        }
    }

    /// The canonical bytes (RFC 8785).
    pub fn to_canonical_json(&self) -> Vec<u8> {
        // plain strings, integers and maps: serialisation cannot fail
        crate::core::canonical::to_canonical_json(self).unwrap_or_default()
    }

    /// Reads a result document, reporting every problem with its place.
    pub fn from_json(bytes: &[u8]) -> Result<ResultDoc, Problems> {
        let one = |p: Problem| Problems(vec![p]);
        let value = document::parse_json(bytes, MAX_RESULT_BYTES).map_err(one)?;
        ResultDoc::from_value(&value)
    }

    /// Reads a result document already parsed as JSON. Its lists are counted before anything
    /// is built from it (a result holds at most [`MAX_CHECKLIST_ITEMS`] items, one profile
    /// answer per question, and no more ids in a summary list than items), then its texts
    /// measured ([`MAX_RESULT_NAME`], [`MAX_RESULT_TEXT`]): a file beyond them gets one
    /// problem with its place and numbers.
    pub fn from_value(value: &serde_json::Value) -> Result<ResultDoc, Problems> {
        let one = |p: Problem| Problems(vec![p]);
        document::check_format(value, RESULT_FORMAT).map_err(one)?;
        check_sizes(value).map_err(one)?;
        let (doc, mut problems) = document::from_value::<ResultDoc>(value).map_err(one)?;
        // the years and dates a reader is shown, and a next year's draft is made from
        problems.extend(doc.subject.read_problems(true));
        if problems.is_empty() {
            Ok(doc)
        } else {
            Err(Problems(problems))
        }
    }
}

/// Members whose texts may be [`MAX_RESULT_TEXT`] long; every other text (and every member
/// name) is a name, at most [`MAX_RESULT_NAME`].
const LONG_TEXTS: [&str; 6] = [
    "text",
    "note",
    "action",
    "not_applicable",
    "systems",
    "checklist_title",
];

/// The first list or text of a result document (as JSON) beyond what a result may carry, as
/// one problem with its place and numbers. Its lists are counted first: at most
/// [`MAX_CHECKLIST_ITEMS`] items, [`MAX_PROFILE`] profile answers, and no more ids in a
/// summary list (or counted options) than items.
fn check_sizes(value: &serde_json::Value) -> Result<(), Problem> {
    use serde_json::Value;
    let count = |v: Option<&Value>| match v {
        Some(Value::Array(a)) => a.len(),
        Some(Value::Object(o)) => o.len(),
        _ => 0,
    };
    let items = count(value.get("items"));
    let listed = |list: &str| count(value.get("summary").and_then(|s| s.get(list)));
    for (path, what, n, max) in [
        ("items", "item", items, MAX_CHECKLIST_ITEMS),
        (
            "profile",
            "profile",
            count(value.get("profile")),
            MAX_PROFILE,
        ),
        (
            "summary.nonconforming",
            "listed item",
            listed("nonconforming"),
            items,
        ),
        (
            "summary.missing_clauses",
            "listed item",
            listed("missing_clauses"),
            items,
        ),
        (
            "summary.not_applicable",
            "listed item",
            listed("not_applicable"),
            items,
        ),
        ("summary.counts", "answer", listed("counts"), items),
    ] {
        if n > max {
            let kind = ProblemKind::ResultTooMany {
                what,
                count: n,
                max,
            };
            return Err(Problem::error(path, kind));
        }
    }
    let mut path = Vec::new();
    match long_text(value, "", &mut path) {
        Some(kind) => Err(Problem::error(document::describe_path(value, &path), kind)),
        None => Ok(()),
    }
}

/// The first text in `value` (the member `key`'s) longer than it may be, `path` left at it.
fn long_text(
    value: &serde_json::Value,
    key: &str,
    path: &mut Vec<document::Segment>,
) -> Option<ProblemKind> {
    use serde_json::Value;
    let too_long = |text: &str, max: usize| {
        // a character is at least a byte: most texts are decided by their length
        let length = if text.len() > max {
            text.chars().count()
        } else {
            0
        };
        (length > max).then_some(ProblemKind::TextTooLong { length, max })
    };
    match value {
        Value::String(text) => {
            let long = LONG_TEXTS.contains(&key);
            too_long(
                text,
                if long {
                    MAX_RESULT_TEXT
                } else {
                    MAX_RESULT_NAME
                },
            )
        }
        Value::Array(list) => list.iter().enumerate().find_map(|(i, v)| {
            path.push(document::Segment::Index(i));
            let found = long_text(v, key, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        Value::Object(members) => members.iter().find_map(|(k, v)| {
            if let Some(found) = too_long(k, MAX_RESULT_NAME) {
                return Some(found);
            }
            path.push(document::Segment::Key(k.clone()));
            let found = long_text(v, k, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        _ => None,
    }
}

/// What starting from a previous result did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// Items pre-filled (each marked until confirmed).
    pub prefilled: Vec<String>,
    /// Items whose text changed since the previous result, or that the bundle's amendment
    /// changed: not pre-filled.
    pub changed: Vec<String>,
    /// Of `changed`, the items listed in the bundle's `amended` (the 例規改正 changed what
    /// they cite since the previous result's version), whether or not their text changed.
    pub amended: Vec<String>,
}

/// Why a previous result cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarryError {
    /// It answers another bundle or checklist.
    Mismatch {
        /// The result's bundle id and checklist id.
        found: (String, String),
    },
    /// Its 対象年度, or the one after it, lies outside the years tenken accepts.
    Year {
        /// The result's 対象年度.
        year: i32,
    },
}

impl crate::core::message::Message for CarryError {
    /// In Japanese, to follow 「（ファイル名）は」.
    fn message_ja(&self) -> String {
        match self {
            CarryError::Mismatch { found } => format!(
                "別の規則またはチェックリストの結果です（{} / {}）",
                found.0, found.1
            ),
            CarryError::Year { year } => format!(
                "対象年度（{year}）の翌年度が扱える範囲（{FIRST_YEAR}〜{LAST_YEAR} 年度）の外なので、引き継げない結果です"
            ),
        }
    }

    /// In English.
    fn message_en(&self) -> String {
        match self {
            CarryError::Mismatch { found } => format!(
                "a result of another bundle or checklist ({} / {})",
                found.0, found.1
            ),
            CarryError::Year { year } => format!(
                "the year after this result's fiscal year ({year}) lies outside {FIRST_YEAR}–{LAST_YEAR}: it cannot be carried forward"
            ),
        }
    }
}

/// Pre-fills `draft` from `previous` (same bundle and checklist, any version): profile
/// answers, the subject (the 年度 moved on by one), and every answer whose item text is
/// unchanged and whose option still exists, marked as carried until confirmed. Answers
/// already in the draft are kept.
///
/// When the bundle records a 例規改正 (`amended`) and `previous` answers an older version,
/// the items the amendment lists are asked afresh: not pre-filled, listed in
/// [`Carried::changed`] and [`Carried::amended`], even if their text reads the same.
pub fn carry_forward(
    bundle: &Bundle,
    checklist: &Checklist,
    draft: &mut Draft,
    previous: &ResultDoc,
) -> Result<Carried, CarryError> {
    if previous.bundle.id != bundle.id || previous.checklist != checklist.id {
        return Err(CarryError::Mismatch {
            found: (previous.bundle.id.clone(), previous.checklist.clone()),
        });
    }
    let mut carried = Carried::default();
    let amended = bundle
        .amended
        .as_ref()
        .filter(|_| answers_older_version(previous, bundle));
    let mut subject = previous.subject.clone();
    if let Some(year) = previous.subject.fiscal_year {
        match year
            .checked_add(1)
            .filter(|&next| is_accepted_year(year) && is_accepted_year(next))
        {
            Some(next) => subject.fiscal_year = Some(next),
            None => return Err(CarryError::Year { year }),
        }
    }
    if draft.subject == Subject::default() {
        draft.subject = subject;
    }
    for (id, answer) in previous.profile.iter() {
        if checklist.question(id).is_some() && !draft.profile.contains_key(id) {
            draft.profile.insert(id.clone(), answer.clone());
        }
    }
    for (_, item) in checklist.items() {
        let Some(before) = previous.items.iter().find(|p| p.id == item.id) else {
            continue;
        };
        let is_amended = amended.is_some_and(|a| a.changed(&item.id));
        if is_amended {
            carried.amended.push(item.id.clone());
        }
        if is_amended || before.text != item.text {
            carried.changed.push(item.id.clone());
            continue;
        }
        let Some(option) = before.option.as_deref() else {
            continue;
        };
        let still_offered = bundle
            .scale(&item.scale)
            .is_some_and(|s| s.option(option).is_some());
        if !still_offered || draft.answers.contains_key(&item.id) {
            continue;
        }
        draft.answers.insert(
            item.id.clone(),
            Answer {
                option: Some(option.to_string()),
                note: before.note.clone(),
                clause_ref: before.clause_ref.clone(),
                plan: before.plan.clone().unwrap_or_default(),
                carried: true,
            },
        );
        carried.prefilled.push(item.id.clone());
    }
    draft.changed_since_previous = carried.changed.clone();
    Ok(carried)
}

/// True when `previous` answers a version of the bundle older than `bundle`'s (a version
/// that is not a date, and differs, counts as older: its answers are asked again).
fn answers_older_version(previous: &ResultDoc, bundle: &Bundle) -> bool {
    match crate::core::date::Date::parse_iso(&previous.bundle.version) {
        Some(version) => version < bundle.version,
        None => previous.bundle.version != bundle.version.to_string(),
    }
}

/// A complete result of the test bundle's 点検 (`tests/fixtures/mini`), for tests across the core.
#[cfg(test)]
pub(crate) fn sample_result() -> ResultDoc {
    let b = crate::core::bundle::mini_bundle();
    let list = b.checklist("tenken").expect("mini has tenken");
    let d = tests::complete_draft(&b);
    let e = crate::core::evaluate::evaluate(&b, list, &d);
    ResultDoc::of(&b, list, &d, &e, "2026-05-02T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::evaluate::evaluate;

    pub(super) fn complete_draft(b: &Bundle) -> Draft {
        let list = b.checklist("tenken").unwrap();
        let mut d = Draft::new("d".into(), b, list, "2026-05-01T00:00:00Z");
        d.subject.division = "情報政策課".into();
        d.subject.name = "山田 太郎".into();
        d.subject.fiscal_year = Some(2026);
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(true));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        d.answers.insert(
            "13-1".into(),
            Answer {
                option: Some("conforming".into()),
                note: "名簿あり".into(),
                ..Answer::default()
            },
        );
        d.answers.insert(
            "14".into(),
            Answer {
                option: Some("done".into()),
                ..Answer::default()
            },
        );
        d
    }

    #[test]
    fn result_lists_every_item_with_not_applicable_reasons() {
        let b = mini_bundle();
        let list = b.checklist("tenken").unwrap();
        let d = complete_draft(&b);
        let e = evaluate(&b, list, &d);
        assert!(e.is_complete());
        let r = ResultDoc::of(&b, list, &d, &e, "2026-05-02T00:00:00Z");
        assert_eq!(r.format, RESULT_FORMAT);
        assert_eq!(r.bundle.hash, b.hash);
        let ids: Vec<_> = r.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["13-1", "13-3", "14"]);
        assert_eq!(r.items[0].label.as_deref(), Some("適合"));
        assert!(
            r.items[1]
                .not_applicable
                .as_deref()
                .is_some_and(|w| w.contains("特定個人情報"))
        );
        assert_eq!(r.items[1].option, None);
        assert_eq!(r.summary.applicable, 2);
    }

    #[test]
    fn the_result_to_sign_is_made_only_of_a_complete_draft_with_its_subject() {
        use crate::core::message::Message;
        let b = mini_bundle();
        let list = b.checklist("tenken").unwrap();
        let d = complete_draft(&b);
        let r = ResultDoc::for_signing(&b, list, &d, "t").expect("complete");
        assert_eq!(r, ResultDoc::of(&b, list, &d, &evaluate(&b, list, &d), "t"));
        // every item answered, no 課名 and no 年度: refused, saying so
        let mut no_subject = d.clone();
        no_subject.subject.division = String::new();
        no_subject.subject.fiscal_year = None;
        let e = ResultDoc::for_signing(&b, list, &no_subject, "t").expect_err("refused");
        assert_eq!(
            e,
            NotReady::Incomplete {
                subject: vec![
                    SubjectGap::Missing(crate::core::draft::SubjectField::Division),
                    SubjectGap::Missing(crate::core::draft::SubjectField::FiscalYear),
                ],
                profile: 0,
                items: 0
            }
        );
        assert!(
            e.message_ja().contains("対象: 課名が未入力です"),
            "{}",
            e.message_ja()
        );
        // an item open
        let mut open = d.clone();
        open.answers.remove("14");
        assert!(matches!(
            ResultDoc::for_signing(&b, list, &open, "t"),
            Err(NotReady::Incomplete { items: 1, .. })
        ));
        // a draft of the other checklist
        let other = b.checklist("keiyaku").unwrap();
        assert_eq!(
            ResultDoc::for_signing(&b, other, &d, "t"),
            Err(NotReady::OtherChecklist)
        );
        // a note no tenken would read back
        let mut long = d.clone();
        long.answers.get_mut("13-1").unwrap().note = "あ".repeat(MAX_RESULT_TEXT + 1);
        match ResultDoc::for_signing(&b, list, &long, "t") {
            Err(NotReady::TooLong(p)) => assert_eq!(p.path, "items[13-1].note"),
            other => panic!("{other:?}"),
        }
        // answers to questions the checklist does not ask stay out of the result
        let mut stale = d.clone();
        stale
            .profile
            .insert("gone".into(), ProfileAnswer::Bool(true));
        let r = ResultDoc::for_signing(&b, list, &stale, "t").expect("complete");
        assert!(!r.profile.contains_key("gone"));
        assert_eq!(r.profile.len(), 2);
    }

    #[test]
    fn file_names_follow_one_rule() {
        let r = sample_result();
        let d = crate::core::date::Date::new(2026, 12, 1).expect("date");
        assert_eq!(
            r.file_name(true, d),
            "情報政策課_点検_2026-12-01.tenken.json"
        );
        assert_eq!(
            r.file_name(false, d),
            "情報政策課_点検_2026-12-01.tenken-result.json"
        );
        // a contract: its 件名, never the checklist's internal id
        let mut c = r.clone();
        c.checklist = "itaku2".into();
        c.summary.missing_clauses = Some(vec![]);
        c.subject.division = "住民課".into();
        c.subject.contract_title = "  住民情報システム　保守業務 ".into();
        assert_eq!(
            c.file_name(true, d),
            "住民課_委託契約_住民情報システム 保守業務_2026-12-01.tenken.json"
        );
        // a 件名 with separators is made safe, a long one clipped
        c.subject.contract_title = "A/B:保守".into();
        assert_eq!(
            c.file_name(false, d),
            "住民課_委託契約_A_B_保守_2026-12-01.tenken-result.json"
        );
        c.subject.contract_title = "長".repeat(100);
        let name = c.file_name(true, d);
        assert_eq!(
            name,
            format!(
                "住民課_委託契約_{}_2026-12-01.tenken.json",
                "長".repeat(FILE_TITLE_CHARS)
            )
        );
        assert!(!name.contains("itaku2"));
        c.subject.contract_title = " ".into();
        assert_eq!(
            c.file_name(true, d),
            "住民課_委託契約_2026-12-01.tenken.json"
        );
    }

    #[test]
    fn result_items_are_named_by_number_and_question_never_by_id() {
        let b = mini_bundle();
        let list = b.checklist("tenken").unwrap();
        let r = sample_result();
        let mut numbered = list.clone();
        numbered.sections[0].items[0].number = Some("1".into());
        assert_eq!(
            r.item_words("13-1", Some(&numbered)),
            format!("1 {}", list.sections[0].items[0].text)
        );
        // without the bundle: the question as asked
        assert_eq!(r.item_words("13-1", None), list.sections[0].items[0].text);
        assert_eq!(r.item_words("gone", None), "");
    }

    #[test]
    fn canonical_bytes_round_trip_and_are_stable() {
        let b = mini_bundle();
        let list = b.checklist("tenken").unwrap();
        let d = complete_draft(&b);
        let r = ResultDoc::of(&b, list, &d, &evaluate(&b, list, &d), "t");
        let bytes = r.to_canonical_json();
        let back = ResultDoc::from_json(&bytes).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.to_canonical_json(), bytes);
    }

    #[test]
    fn results_with_a_year_or_date_no_reader_could_use_are_refused_at_their_place() {
        use crate::core::problem::ProblemKind;
        let place = |r: &ResultDoc| -> Vec<(String, ProblemKind)> {
            ResultDoc::from_json(&r.to_canonical_json())
                .expect_err("refused")
                .0
                .into_iter()
                .map(|p| (p.path, p.kind))
                .collect()
        };
        for year in [i32::MAX, i32::MIN, 1988, 2101] {
            let mut r = sample_result();
            r.subject.fiscal_year = Some(year);
            assert_eq!(
                place(&r),
                [(
                    "subject.fiscal_year".to_string(),
                    ProblemKind::YearOutOfRange { year }
                )]
            );
        }
        let mut r = sample_result();
        r.subject.period_from = "2027-02-30".into();
        r.subject.period_to = "9999-03-31".into();
        assert_eq!(
            place(&r),
            [
                (
                    "subject.period_from".to_string(),
                    ProblemKind::BadDate {
                        value: "2027-02-30".into()
                    }
                ),
                (
                    "subject.period_to".to_string(),
                    ProblemKind::YearOutOfRange { year: 9999 }
                ),
            ]
        );
        for year in [1989, 2100] {
            let mut r = sample_result();
            r.subject.fiscal_year = Some(year);
            r.subject.period_from = format!("{year}-04-01");
            assert_eq!(ResultDoc::from_json(&r.to_canonical_json()), Ok(r));
        }
    }

    #[test]
    fn carry_forward_moves_the_year_on_only_within_the_accepted_years() {
        use crate::core::message::Message;
        let b = mini_bundle();
        let list = b.checklist("tenken").unwrap();
        for (year, next) in [(2099, Some(2100)), (1989, Some(1990)), (2100, None)]
            .into_iter()
            .chain([i32::MAX, i32::MIN, 1988, 2101].map(|y| (y, None)))
        {
            let mut previous = sample_result();
            previous.subject.fiscal_year = Some(year);
            let mut d = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
            match (carry_forward(&b, list, &mut d, &previous), next) {
                (Ok(_), Some(next)) => assert_eq!(d.subject.fiscal_year, Some(next)),
                (Err(e), None) => {
                    assert_eq!(e, CarryError::Year { year });
                    assert!(
                        e.message_ja().contains("引き継げない"),
                        "{}",
                        e.message_ja()
                    );
                    assert!(d.answers.is_empty() && d.subject == Subject::default());
                }
                (got, want) => panic!("{year}: {got:?}, expected {want:?}"),
            }
        }
    }

    #[test]
    fn result_files_of_another_kind_are_refused() {
        assert!(ResultDoc::from_json(br#"{"format":"tenken-bundle/1"}"#).is_err());
        assert!(ResultDoc::from_json(b"[").is_err());
    }

    #[test]
    fn carry_forward_prefills_unchanged_items_and_flags_changed_ones() {
        let b = mini_bundle();
        let list = b.checklist("tenken").unwrap();
        let d = complete_draft(&b);
        let mut previous = ResultDoc::of(&b, list, &d, &evaluate(&b, list, &d), "t");
        // last year's 14 read differently
        previous.items[2].text = "以前の文言".into();
        let mut next = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
        let c = carry_forward(&b, list, &mut next, &previous).unwrap();
        assert_eq!(c.prefilled, ["13-1"]);
        assert_eq!(c.changed, ["14"]);
        assert_eq!(next.subject.fiscal_year, Some(2027));
        assert_eq!(next.subject.division, "情報政策課");
        let a = next.answers.get("13-1").expect("13-1");
        assert!(a.carried && a.note == "名簿あり");
        assert!(!next.answers.contains_key("14"));
        assert_eq!(next.changed_since_previous, ["14"]);
        // carried answers block completion until confirmed
        let e = evaluate(&b, list, &next);
        assert!(!e.is_complete());
        // another checklist's result is refused
        let other = b.checklist("keiyaku").unwrap();
        assert!(carry_forward(&b, other, &mut next, &previous).is_err());
    }

    /// The test bundle, amended since 2014-04-01 in the items `items`.
    fn amended(items: &[&str]) -> Bundle {
        let mut b = mini_bundle();
        b.amended = Some(crate::core::bundle::Amended {
            from: crate::core::date::Date::new(2014, 4, 1).expect("date"),
            items: items.iter().map(|s| (s.to_string(), ())).collect(),
        });
        b
    }

    /// Last year's result, answering version `version` of the bundle.
    fn previous_of(version: &str) -> ResultDoc {
        let b = mini_bundle();
        let list = b.checklist("tenken").unwrap();
        let d = complete_draft(&b);
        let mut previous = ResultDoc::of(&b, list, &d, &evaluate(&b, list, &d), "t");
        previous.bundle.version = version.into();
        previous
    }

    #[test]
    fn carry_forward_asks_again_exactly_the_amended_items() {
        // 13-1 amended (20-1-1 is the other checklist's); 14 pre-filled as before
        let b = amended(&["13-1", "20-1-1"]);
        let list = b.checklist("tenken").unwrap();
        let mut next = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
        let c = carry_forward(&b, list, &mut next, &previous_of("2014-04-01")).unwrap();
        assert_eq!(c.prefilled, ["14"]);
        assert_eq!(c.changed, ["13-1"]);
        assert_eq!(c.amended, ["13-1"]);
        assert!(!next.answers.contains_key("13-1"));
        assert!(next.answers.get("14").expect("14").carried);
        assert_eq!(next.changed_since_previous, ["13-1"]);
        // an amended item whose text changed as well is listed once, in both lists
        let b = amended(&["14"]);
        let mut previous = previous_of("2014-04-01");
        previous.items[2].text = "以前の文言".into();
        let mut next = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
        let c = carry_forward(&b, list, &mut next, &previous).unwrap();
        assert_eq!(
            (c.prefilled, c.changed, c.amended),
            (
                vec!["13-1".to_string()],
                vec!["14".into()],
                vec!["14".into()]
            )
        );
        // an item not applicable last year (no answer) is still flagged
        let b = amended(&["13-3", "14"]);
        let mut next = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
        let c = carry_forward(&b, list, &mut next, &previous_of("2014-04-01")).unwrap();
        assert_eq!(c.prefilled, ["13-1"]);
        assert_eq!(c.changed, ["13-3", "14"]);
        assert_eq!(c.amended, ["13-3", "14"]);
    }

    #[test]
    fn carry_forward_within_one_version_ignores_the_amendment() {
        let b = amended(&["13-1", "14"]);
        let list = b.checklist("tenken").unwrap();
        // the same version (2015-10-05), or a newer one: the answers already follow it
        for version in ["2015-10-05", "2016-04-01"] {
            let mut next = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
            let c = carry_forward(&b, list, &mut next, &previous_of(version)).unwrap();
            assert_eq!(c.prefilled, ["13-1", "14"], "{version}");
            assert!(c.changed.is_empty() && c.amended.is_empty(), "{version}");
        }
        // a version that is not a date, and differs, is taken as older
        let mut next = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
        let c = carry_forward(&b, list, &mut next, &previous_of("旧版")).unwrap();
        assert!(c.prefilled.is_empty());
        assert_eq!(c.amended, ["13-1", "14"]);
        // without an amendment, an older result pre-fills everything unchanged
        let b = mini_bundle();
        let mut next = Draft::new("n".into(), &b, list, "2027-05-01T00:00:00Z");
        let c = carry_forward(&b, list, &mut next, &previous_of("2014-04-01")).unwrap();
        assert_eq!(c.prefilled, ["13-1", "14"]);
        assert!(c.changed.is_empty() && c.amended.is_empty());
    }
}
