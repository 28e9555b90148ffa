//! A draft: one respondent's answers to one checklist, as they are being given.
//!
//! Plain data, serialised as JSON for storage and draft files. The core never reads a
//! clock or random source: the UI passes ids and timestamps in.

use crate::core::id_map::IdMap;
use crate::core::message::Message;

use serde::{Deserialize, Serialize};

use crate::core::bundle::{Bundle, Checklist, ChecklistKind};
use crate::core::condition::ProfileValue;

/// The version of the draft's stored form. Raise it when the form changes and add a
/// migration to [`Draft::from_json`]. Schema 2 added `stamps`, `step` and `progress`
/// (absent in schema 1: read as empty).
pub const DRAFT_SCHEMA: u32 = 2;

/// Which bundle (and version of it) a draft answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleRef {
    /// Bundle id.
    pub id: String,
    /// Bundle version (施行日).
    pub version: String,
    /// SHA-256 of the bundle's canonical JSON.
    pub hash: String,
}

impl BundleRef {
    /// The reference to `bundle`.
    pub fn of(bundle: &Bundle) -> BundleRef {
        BundleRef {
            id: bundle.id.clone(),
            version: bundle.version.to_string(),
            hash: bundle.hash.clone(),
        }
    }
}

/// Who and what is inspected, or which contract is checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subject {
    /// 課名.
    pub division: String,
    /// 氏名 (the respondent; for a contract, the person in charge).
    pub name: String,
    /// 役職.
    pub title: String,
    /// 対象年度 (inspection).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fiscal_year: Option<i32>,
    /// Systems in scope (inspection).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub systems: String,
    /// 件名 (contract).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub contract_title: String,
    /// 委託先 (contract).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub contractor: String,
    /// 契約期間: start, `YYYY-MM-DD` (contract).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period_from: String,
    /// 契約期間: end, `YYYY-MM-DD` (contract).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub period_to: String,
}

/// A field of the subject (as the form names it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectField {
    /// 課名.
    Division,
    /// 氏名.
    Name,
    /// 対象年度.
    FiscalYear,
    /// 件名.
    ContractTitle,
    /// 委託先.
    Contractor,
    /// 契約期間（開始）.
    PeriodFrom,
    /// 契約期間（終了）.
    PeriodTo,
}

impl SubjectField {
    /// The field's label on the form.
    pub fn label(self) -> &'static str {
        match self {
            SubjectField::Division => "課名",
            SubjectField::Name => "氏名",
            SubjectField::FiscalYear => "対象年度",
            SubjectField::ContractTitle => "件名",
            SubjectField::Contractor => "委託先",
            SubjectField::PeriodFrom => "契約期間（開始）",
            SubjectField::PeriodTo => "契約期間（終了）",
        }
    }

    fn label_en(self) -> &'static str {
        match self {
            SubjectField::Division => "the division",
            SubjectField::Name => "the name",
            SubjectField::FiscalYear => "the fiscal year",
            SubjectField::ContractTitle => "the contract's title",
            SubjectField::Contractor => "the contractor",
            SubjectField::PeriodFrom => "the contract's first day",
            SubjectField::PeriodTo => "the contract's last day",
        }
    }
}

/// What keeps a subject from being signed: a required field left empty, or one that holds
/// what no reader could use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectGap {
    /// A required field is empty.
    Missing(SubjectField),
    /// A 対象年度 outside the years tenken accepts.
    YearOutOfRange(i32),
    /// A 契約期間 date that is not a date, or not within the years tenken accepts.
    BadDate(SubjectField),
    /// The 契約期間 ends before it starts.
    PeriodReversed,
}

impl SubjectGap {
    /// The field concerned.
    pub fn field(&self) -> SubjectField {
        match self {
            SubjectGap::Missing(f) | SubjectGap::BadDate(f) => *f,
            SubjectGap::YearOutOfRange(_) => SubjectField::FiscalYear,
            SubjectGap::PeriodReversed => SubjectField::PeriodTo,
        }
    }
}

impl Message for SubjectGap {
    /// In Japanese, as the まとめ lists it after 「対象: 」.
    fn message_ja(&self) -> String {
        use crate::core::date::{FIRST_YEAR, LAST_YEAR};
        match self {
            SubjectGap::Missing(f) => format!("{}が未入力です", f.label()),
            SubjectGap::YearOutOfRange(y) => {
                format!("対象年度（{y}）は {FIRST_YEAR}〜{LAST_YEAR} 年度で入力してください")
            }
            SubjectGap::BadDate(f) => format!(
                "{}を {FIRST_YEAR}〜{LAST_YEAR} 年の日付（例：2027-04-01）で入力してください",
                f.label()
            ),
            SubjectGap::PeriodReversed => "契約期間の終了が開始より前です".into(),
        }
    }

    /// In English.
    fn message_en(&self) -> String {
        use crate::core::date::{FIRST_YEAR, LAST_YEAR};
        match self {
            SubjectGap::Missing(f) => format!("{} is missing", f.label_en()),
            SubjectGap::YearOutOfRange(y) => {
                format!("the fiscal year ({y}) must lie within {FIRST_YEAR}–{LAST_YEAR}")
            }
            SubjectGap::BadDate(f) => format!(
                "{} must be a date within {FIRST_YEAR}–{LAST_YEAR} (e.g. 2027-04-01)",
                f.label_en()
            ),
            SubjectGap::PeriodReversed => "the contract ends before it starts".into(),
        }
    }
}

/// A 契約期間 date: `YYYY-MM-DD` within the years tenken accepts.
fn period_date(s: &str) -> Option<crate::core::date::Date> {
    crate::core::date::Date::parse_iso(s).filter(|d| crate::core::date::is_accepted_year(d.year))
}

impl Subject {
    /// What keeps this subject from being signed, in the form's order: for an inspection
    /// 課名, 氏名 and a 対象年度 within the accepted years; for a contract 課名, 件名, 委託先 and
    /// a 契約期間 of two dates (`YYYY-MM-DD`, within the accepted years), the first not after
    /// the last. Empty when it can be signed.
    pub fn gaps(&self, kind: ChecklistKind) -> Vec<SubjectGap> {
        let mut gaps = Vec::new();
        let mut text = |field: SubjectField, value: &str| {
            if value.trim().is_empty() {
                gaps.push(SubjectGap::Missing(field));
            }
        };
        match kind {
            ChecklistKind::Inspection => {
                text(SubjectField::Division, &self.division);
                text(SubjectField::Name, &self.name);
                match self.fiscal_year {
                    None => gaps.push(SubjectGap::Missing(SubjectField::FiscalYear)),
                    Some(y) if !crate::core::date::is_accepted_year(y) => {
                        gaps.push(SubjectGap::YearOutOfRange(y))
                    }
                    Some(_) => {}
                }
            }
            ChecklistKind::Contract => {
                text(SubjectField::Division, &self.division);
                text(SubjectField::ContractTitle, &self.contract_title);
                text(SubjectField::Contractor, &self.contractor);
                let mut date = |field: SubjectField, value: &str| {
                    if value.trim().is_empty() {
                        gaps.push(SubjectGap::Missing(field));
                        None
                    } else {
                        let d = period_date(value);
                        if d.is_none() {
                            gaps.push(SubjectGap::BadDate(field));
                        }
                        d
                    }
                };
                let from = date(SubjectField::PeriodFrom, &self.period_from);
                let to = date(SubjectField::PeriodTo, &self.period_to);
                if let (Some(from), Some(to)) = (from, to)
                    && from > to
                {
                    gaps.push(SubjectGap::PeriodReversed);
                }
            }
        }
        gaps
    }

    /// What a subject read from a file may not hold, whatever the checklist: a 対象年度
    /// outside the accepted years, and (`dates`) a 契約期間 date given that is not a date
    /// within them. Each with its place.
    pub fn read_problems(&self, dates: bool) -> Vec<crate::core::problem::Problem> {
        use crate::core::problem::{Problem, ProblemKind};
        let mut out = Vec::new();
        if let Some(year) = self.fiscal_year
            && !crate::core::date::is_accepted_year(year)
        {
            out.push(Problem::error(
                "subject.fiscal_year",
                ProblemKind::YearOutOfRange { year },
            ));
        }
        if dates {
            for (path, value) in [
                ("subject.period_from", &self.period_from),
                ("subject.period_to", &self.period_to),
            ] {
                if value.is_empty() {
                    continue;
                }
                let kind = match crate::core::date::Date::parse_iso(value) {
                    None => ProblemKind::BadDate {
                        value: value.clone(),
                    },
                    Some(d) if !crate::core::date::is_accepted_year(d.year) => {
                        ProblemKind::YearOutOfRange { year: d.year }
                    }
                    Some(_) => continue,
                };
                out.push(Problem::error(path, kind));
            }
        }
        out
    }
}

/// An answer to a profile question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ProfileAnswer {
    /// はい／いいえ.
    Bool(bool),
    /// The chosen option's id.
    Choice(String),
}

impl ProfileAnswer {
    /// The answer in words, for `question`: 「はい」「いいえ」 or the chosen option's label.
    pub fn label(&self, question: &crate::core::bundle::ProfileQuestion) -> String {
        use crate::core::bundle::ProfileKind;
        match (&question.kind, self) {
            (_, ProfileAnswer::Bool(true)) => "はい".into(),
            (_, ProfileAnswer::Bool(false)) => "いいえ".into(),
            (ProfileKind::Choice(options), ProfileAnswer::Choice(id)) => options
                .iter()
                .find(|o| &o.id == id)
                .map(|o| o.label.clone())
                .unwrap_or_else(|| id.clone()),
            (ProfileKind::Bool, ProfileAnswer::Choice(id)) => id.clone(),
        }
    }
}

/// 改善計画: what will be done, by whom, by when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    /// 内容.
    pub action: String,
    /// 担当.
    pub owner: String,
    /// 期限, `YYYY-MM-DD`.
    pub due: String,
}

impl Plan {
    /// True when 内容, 担当 and a valid 期限 are all given.
    pub fn is_complete(&self) -> bool {
        !self.action.trim().is_empty()
            && !self.owner.trim().is_empty()
            && crate::core::date::Date::parse_iso(&self.due).is_some()
    }

    /// True when nothing has been written.
    pub fn is_empty(&self) -> bool {
        self.action.is_empty() && self.owner.is_empty() && self.due.is_empty()
    }

    /// True when a 期限 is written that is no date (「2026-02-31」, 「来年3月」): the form
    /// stores a date it can read as `YYYY-MM-DD`, anything else as typed.
    pub fn due_unreadable(&self) -> bool {
        !self.due.trim().is_empty() && crate::core::date::Date::parse_iso(&self.due).is_none()
    }
}

/// The answer to one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Answer {
    /// The chosen scale option's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    /// 備考.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The contract's own article number (for 明記あり).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub clause_ref: String,
    /// 改善計画, for a non-conforming answer.
    #[serde(skip_serializing_if = "Plan::is_empty")]
    pub plan: Plan,
    /// Pre-filled from a previous result and not yet confirmed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
    /// Last year's improvement plan for this item, and what became of it (a draft started
    /// from last year's result asks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
}

/// What became of last year's improvement plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// 完了.
    Done,
    /// 継続, with a new 期限.
    Continued,
    /// 取りやめ, with the reason.
    Dropped,
}

impl Outcome {
    /// Every outcome, in the order a form offers them.
    pub const ALL: [Outcome; 3] = [Outcome::Done, Outcome::Continued, Outcome::Dropped];

    /// Its id in files and forms.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Continued => "continued",
            Outcome::Dropped => "dropped",
        }
    }

    /// In Japanese.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Done => "完了",
            Outcome::Continued => "継続",
            Outcome::Dropped => "取りやめ",
        }
    }

    /// The outcome of an id.
    pub fn from_id(id: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.id() == id)
    }
}

/// Last year's improvement plan for an item, and what became of it: 完了 (on a day), 継続
/// (to a new 期限) or 取りやめ (for a reason). Kept with the item's answer, carried into the
/// signed result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FollowUp {
    /// The plan as last year's result gave it (a plan continued last year: with the 期限 it
    /// was continued to).
    pub plan: Plan,
    /// How many years in a row it had been continued before this year (0: made last year).
    #[serde(skip_serializing_if = "is_zero")]
    pub continued_before: u32,
    /// What became of it; `None` until answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// 完了: the day it was done; 継続: the new 期限 (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// 取りやめ: why.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl FollowUp {
    /// True when answered with what the outcome needs: 完了 and 継続 a valid date, 取りやめ a
    /// reason.
    pub fn is_complete(&self) -> bool {
        let dated = crate::core::date::Date::parse_iso(&self.date).is_some();
        match self.outcome {
            None => false,
            Some(Outcome::Done | Outcome::Continued) => dated,
            Some(Outcome::Dropped) => !self.reason.trim().is_empty(),
        }
    }

    /// Done after the plan's 期限.
    pub fn done_late(&self) -> bool {
        self.outcome == Some(Outcome::Done)
            && matches!(
                (
                    crate::core::date::Date::parse_iso(&self.date),
                    crate::core::date::Date::parse_iso(&self.plan.due)
                ),
                (Some(done), Some(due)) if done > due
            )
    }

    /// Continued again: a plan continued two years or more in a row.
    pub fn continued_again(&self) -> bool {
        self.outcome == Some(Outcome::Continued) && self.continued_before > 0
    }

    /// 継続 to a 期限 before `today`.
    pub fn overdue(&self, today: crate::core::date::Date) -> bool {
        self.outcome == Some(Outcome::Continued)
            && crate::core::date::Date::parse_iso(&self.date).is_some_and(|d| d < today)
    }

    /// 「完了（令和8年5月1日）」, 「継続（新しい期限 令和9年3月31日）」, 「取りやめ（理由）」 or
    /// 「未回答」.
    pub fn words(&self) -> String {
        let wareki = |s: &str| {
            crate::core::date::Date::parse_iso(s).map_or_else(|| s.to_string(), |d| d.wareki())
        };
        match self.outcome {
            None => "未回答".into(),
            Some(Outcome::Done) => format!("完了（{}）", wareki(&self.date)),
            Some(Outcome::Continued) => format!("継続（新しい期限 {}）", wareki(&self.date)),
            Some(Outcome::Dropped) => format!("取りやめ（{}）", self.reason),
        }
    }
}

/// One respondent's answers to one checklist.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// [`DRAFT_SCHEMA`] when written.
    pub schema: u32,
    /// Unique id (given by the UI).
    pub id: String,
    /// The bundle answered.
    pub bundle: BundleRef,
    /// The checklist's id.
    pub checklist: String,
    /// A name the user gave the draft (else one is derived from the subject).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Who and what.
    #[serde(default)]
    pub subject: Subject,
    /// Profile answers by question id.
    #[serde(default)]
    pub profile: IdMap<ProfileAnswer>,
    /// Answers by item id.
    #[serde(default)]
    pub answers: IdMap<Answer>,
    /// Created (ISO 8601, from the UI's clock).
    #[serde(default)]
    pub created: String,
    /// Last change (ISO 8601).
    #[serde(default)]
    pub updated: String,
    /// Items whose text changed since the result this draft started from (not pre-filled).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed_since_previous: Vec<String>,
    /// The signature last made of this draft's result (kept after later changes, to compare
    /// the next result with; whether it still counts is [`crate::core::last_signed`]'s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<SignatureNote>,
    /// When each part was last changed (Unix milliseconds, from the UI's clock), by
    /// [`Part::key`]: what decides, part by part, which of two tabs' changes is kept (see
    /// [`crate::core::merge`]).
    #[serde(default, skip_serializing_if = "IdMap::is_empty")]
    pub stamps: IdMap<u64>,
    /// The step last shown (`subject`, `profile`, `section/2`, `summary`, `print`), so that
    /// 「続きから」 returns there.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub step: String,
    /// Progress when last saved (done, total), for lists that do not open the bundle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<(usize, usize)>,
}

/// A part of a draft that changes as one: what a stamp is kept for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// The subject (課名, 氏名, 対象年度 …).
    Subject,
    /// The draft's name.
    Label,
    /// One profile answer.
    Profile(String),
    /// One item's answer (option, note, plan, clause number).
    Answer(String),
    /// The signature note.
    Signature,
}

impl Part {
    /// The key of its stamp.
    pub fn key(&self) -> String {
        match self {
            Part::Subject => "subject".into(),
            Part::Label => "label".into(),
            Part::Profile(id) => format!("profile/{id}"),
            Part::Answer(id) => format!("answer/{id}"),
            Part::Signature => "signature".into(),
        }
    }

    /// The part a stamp key names.
    pub fn of_key(key: &str) -> Option<Part> {
        match key {
            "subject" => Some(Part::Subject),
            "label" => Some(Part::Label),
            "signature" => Some(Part::Signature),
            _ => {
                if let Some(id) = key.strip_prefix("profile/") {
                    Some(Part::Profile(id.to_string()))
                } else {
                    key.strip_prefix("answer/")
                        .map(|id| Part::Answer(id.to_string()))
                }
            }
        }
    }
}

/// The last signature made of this draft's result: the signed file itself, kept so that it
/// can be checked (storage is written by other local pages too: a note alone proves nothing)
/// and compared with the next result before that is signed
/// ([`crate::core::last_signed`]). Notes of earlier tenken versions held only a fingerprint,
/// a hash and a time: they read with no signed file, and count for nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignatureNote {
    /// The signed file's name.
    pub file: String,
    /// The signed file as written: the result, the signature and the public key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_file: Option<crate::core::signed_file::SignedFile>,
    /// The signing key's fingerprint, the signature's short hash and the signing time, as
    /// earlier tenken versions wrote and read notes: kept so that an older copy of tenken
    /// opened in the same browser (Chromium shares `file://` storage) still reads the draft.
    /// Never read for anything here: what counts is [`SignatureNote::signed_file`].
    pub fingerprint: String,
    /// See [`SignatureNote::fingerprint`].
    pub signature_hash: String,
    /// See [`SignatureNote::fingerprint`].
    pub signed: String,
}

/// Parses a stored draft's JSON text.
pub(crate) fn parse(text: &str) -> Result<serde_json::Value, DraftError> {
    // from bytes: one JSON parser in the wasm (see `document::parse_json`)
    serde_json::from_slice(text.as_bytes()).map_err(|e| DraftError::Unreadable(e.to_string()))
}

/// A draft read from a file, ready to be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The draft (with a fresh id if its own was taken).
    pub draft: Draft,
    /// The bundle version it was made with, when not the one open.
    pub other_version: Option<String>,
}

/// Why a draft file cannot be added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// Not a draft this tenken can read.
    Draft(DraftError),
    /// A draft of another bundle or checklist.
    OtherChecklist {
        /// Its bundle id.
        bundle: String,
        /// Its checklist id.
        checklist: String,
    },
}

impl Message for ImportError {
    /// In Japanese.
    fn message_ja(&self) -> String {
        match self {
            ImportError::Draft(e) => e.message_ja(),
            ImportError::OtherChecklist { bundle, checklist } => {
                format!("別の規則またはチェックリストの下書きです（{bundle} / {checklist}）")
            }
        }
    }

    /// In English.
    fn message_en(&self) -> String {
        match self {
            ImportError::Draft(e) => e.message_en(),
            ImportError::OtherChecklist { bundle, checklist } => {
                format!("a draft of another bundle or checklist ({bundle} / {checklist})")
            }
        }
    }
}

/// Why stored draft data could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// Not JSON, or not a draft.
    Unreadable(String),
    /// Written by a newer version of tenken.
    Newer(u32),
}

impl Message for DraftError {
    /// In Japanese.
    fn message_ja(&self) -> String {
        match self {
            DraftError::Unreadable(e) => format!("tenken の下書きとして読めません（{e}）"),
            DraftError::Newer(v) => format!(
                "新しい版の tenken で作成された下書きです（形式 {v}）。tenken を更新してください"
            ),
        }
    }

    /// In English.
    fn message_en(&self) -> String {
        match self {
            DraftError::Unreadable(e) => format!("not readable as a tenken draft ({e})"),
            DraftError::Newer(v) => {
                format!("made by a newer tenken (schema {v}); update tenken")
            }
        }
    }
}

impl Draft {
    /// Changes `part` of this draft as a person's edit: the part is stamped with `at_ms`
    /// (what decides, part by part, which of two tabs' changes is kept: [`crate::core::merge`])
    /// and `updated` set to `now`. The last signature note is kept: whether it still covers
    /// the result, and what changed since, is decided from it ([`crate::core::last_signed`]),
    /// never by dropping it here.
    pub fn edit(&mut self, part: &Part, at_ms: u64, now: &str, change: impl FnOnce(&mut Draft)) {
        change(self);
        self.stamps.insert(part.key(), at_ms);
        self.updated = now.to_string();
    }

    /// A new, empty draft of `checklist` in `bundle`.
    pub fn new(id: String, bundle: &Bundle, checklist: &Checklist, now: &str) -> Draft {
        Draft {
            schema: DRAFT_SCHEMA,
            id,
            bundle: BundleRef::of(bundle),
            checklist: checklist.id.clone(),
            created: now.into(),
            updated: now.into(),
            ..Draft::default()
        }
    }

    /// Reads a stored draft, migrating older schemas.
    pub fn from_json(text: &str) -> Result<Draft, DraftError> {
        Draft::from_value(&parse(text)?)
    }

    /// Reads a draft already parsed as JSON, migrating older schemas.
    pub fn from_value(value: &serde_json::Value) -> Result<Draft, DraftError> {
        let schema = value.get("schema").and_then(|s| s.as_u64()).unwrap_or(0);
        if schema > u64::from(DRAFT_SCHEMA) {
            return Err(DraftError::Newer(u32::try_from(schema).unwrap_or(u32::MAX)));
        }
        if schema == 0 {
            return Err(DraftError::Unreadable("no schema version".into()));
        }
        // schema 1 lacks stamps, step and progress: they read as empty. Later schemas add
        // their migrations here, oldest first.
        let mut draft: Draft = crate::core::tracked::deserialize(value)
            .map_err(|(_, e)| DraftError::Unreadable(e.to_string()))?;
        // a year outside the accepted ones would overflow where it is carried on (the 契約期間
        // is kept as typed: the form stores what it cannot read yet)
        if let Some(year) = draft
            .subject
            .fiscal_year
            .filter(|&y| !crate::core::date::is_accepted_year(y))
        {
            return Err(DraftError::Unreadable(format!(
                "subject.fiscal_year = {year} (1989–2100)"
            )));
        }
        draft.schema = DRAFT_SCHEMA;
        Ok(draft)
    }

    /// The stored form.
    pub fn to_json(&self) -> String {
        // a Draft is plain strings, numbers and maps: serialising cannot fail
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The answer to a profile question, as conditions see it.
    pub fn profile_value(&self, id: &str) -> Option<ProfileValue<'_>> {
        match self.profile.get(id)? {
            ProfileAnswer::Bool(b) => Some(ProfileValue::Bool(*b)),
            ProfileAnswer::Choice(c) => Some(ProfileValue::Choice(c)),
        }
    }

    /// The file a draft is saved to for another PC: `<name>.tenken-draft.json`.
    pub fn file_name(&self) -> String {
        format!(
            "{}.tenken-draft.json",
            crate::core::name::file_safe(&self.display_name())
        )
    }

    /// Reads a draft file to add it to `checklist` of `bundle`: it must be a draft of that
    /// bundle (any version) and checklist. `taken` says whether an id is already used here;
    /// a draft whose id is taken gets `new_id` instead, so nothing here is replaced.
    pub fn import(
        text: &str,
        bundle: &Bundle,
        checklist: &Checklist,
        taken: impl Fn(&str) -> bool,
        new_id: impl FnOnce() -> String,
    ) -> Result<Imported, ImportError> {
        let mut d = Draft::from_json(text).map_err(ImportError::Draft)?;
        if d.bundle.id != bundle.id || d.checklist != checklist.id {
            return Err(ImportError::OtherChecklist {
                bundle: d.bundle.id,
                checklist: d.checklist,
            });
        }
        if taken(&d.id) {
            d.id = new_id();
        }
        let other_version = (d.bundle.hash != bundle.hash).then(|| d.bundle.version.clone());
        Ok(Imported {
            draft: d,
            other_version,
        })
    }

    /// The name shown in lists: the user's label, else one made from the subject.
    pub fn display_name(&self) -> String {
        if !self.label.trim().is_empty() {
            return self.label.clone();
        }
        let s = &self.subject;
        let parts: Vec<&str> = [
            s.contract_title.as_str(),
            s.division.as_str(),
            s.name.as_str(),
        ]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect();
        if parts.is_empty() {
            "（無題）".into()
        } else {
            parts.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Draft {
        let mut d = Draft {
            schema: DRAFT_SCHEMA,
            id: "d1".into(),
            bundle: BundleRef {
                id: "mini".into(),
                version: "2015-10-05".into(),
                hash: "ab".into(),
            },
            checklist: "tenken".into(),
            ..Draft::default()
        };
        d.subject.division = "情報政策課".into();
        d.subject.fiscal_year = Some(2026);
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(true));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("some".into()));
        d.answers.insert(
            "13-1".into(),
            Answer {
                option: Some("partial".into()),
                plan: Plan {
                    action: "名簿を作る".into(),
                    owner: "係長".into(),
                    due: "2027-03-31".into(),
                },
                ..Answer::default()
            },
        );
        d
    }

    #[test]
    fn round_trip() {
        let mut d = sample();
        d.stamps
            .insert(Part::Answer("13-1".into()).key(), 1_796_052_600_000);
        d.step = "section/1".into();
        d.progress = Some((3, 7));
        assert_eq!(Draft::from_json(&d.to_json()), Ok(d));
    }

    #[test]
    fn schema_1_drafts_still_load() {
        let v1 = r#"{"schema":1,"id":"x","bundle":{"id":"mini","version":"2015-10-05","hash":"ab"},"checklist":"tenken","answers":{"14":{"option":"done"}}}"#;
        let d = Draft::from_json(v1).expect("schema 1");
        assert_eq!(d.schema, DRAFT_SCHEMA);
        assert_eq!(
            d.answers.get("14").expect("14").option.as_deref(),
            Some("done")
        );
        assert!(d.stamps.is_empty() && d.step.is_empty() && d.progress.is_none());
    }

    #[test]
    fn signature_notes_keep_the_signed_file_and_old_notes_still_read() {
        let mut d = sample();
        let result = serde_json::json!({"format": "tenken-result/1", "items": [{"id": "13-1"}]});
        d.signature = Some(SignatureNote {
            file: "情報政策課_点検_2026-12-01.tenken.json".into(),
            signed_file: Some(crate::core::signed_file::SignedFile {
                format: crate::core::signed_file::SIGNED_FORMAT.into(),
                result,
                signature: "untrusted comment: x".into(),
                public_key: "RWQ".into(),
            }),
            ..SignatureNote::default()
        });
        assert_eq!(Draft::from_json(&d.to_json()), Ok(d));
        // a note as tenken wrote it before it kept the signed file: read, with no file
        let old = r#"{"schema":2,"id":"x","bundle":{"id":"mini","version":"2015-10-05","hash":"ab"},"checklist":"tenken","signature":{"fingerprint":"1111-2222-3333-4444","signature_hash":"AAAA","file":"a.tenken.json","signed":"2026-12-01T09:00:00+09:00"}}"#;
        let note = Draft::from_json(old)
            .expect("reads")
            .signature
            .expect("note");
        assert_eq!(note.file, "a.tenken.json");
        assert_eq!(note.signed_file, None);
    }

    #[test]
    fn part_keys_round_trip() {
        for p in [
            Part::Subject,
            Part::Label,
            Part::Signature,
            Part::Profile("personal".into()),
            Part::Answer("13-1".into()),
        ] {
            assert_eq!(Part::of_key(&p.key()), Some(p));
        }
        assert_eq!(Part::of_key("other"), None);
    }

    #[test]
    fn profile_answers_read_as_conditions_see_them() {
        let d = sample();
        assert_eq!(d.profile_value("personal"), Some(ProfileValue::Bool(true)));
        assert_eq!(
            d.profile_value("mynumber"),
            Some(ProfileValue::Choice("some"))
        );
        assert_eq!(d.profile_value("other"), None);
    }

    #[test]
    fn unreadable_and_newer_drafts_are_told_apart() {
        assert!(matches!(
            Draft::from_json("{"),
            Err(DraftError::Unreadable(_))
        ));
        assert!(matches!(
            Draft::from_json("[1,2]"),
            Err(DraftError::Unreadable(_))
        ));
        assert!(matches!(
            Draft::from_json(r#"{"id":"x"}"#),
            Err(DraftError::Unreadable(_))
        ));
        assert_eq!(
            Draft::from_json(r#"{"schema":99,"id":"x"}"#),
            Err(DraftError::Newer(99))
        );
        let wrong_type = r#"{"schema":1,"id":"x","bundle":{"id":1},"checklist":"t"}"#;
        assert!(matches!(
            Draft::from_json(wrong_type),
            Err(DraftError::Unreadable(_))
        ));
    }

    #[test]
    fn drafts_with_a_year_outside_the_accepted_ones_are_not_read() {
        for year in [i32::MAX, i32::MIN, 1988, 2101] {
            let mut d = sample();
            d.subject.fiscal_year = Some(year);
            let e = Draft::from_json(&d.to_json()).expect_err("refused");
            let DraftError::Unreadable(why) = &e else {
                panic!("{e:?}");
            };
            assert!(
                why.contains("subject.fiscal_year") && why.contains(&year.to_string()),
                "{why}"
            );
            assert!(e.message_ja().contains("1989–2100"), "{}", e.message_ja());
        }
        for year in [1989, 2100] {
            let mut d = sample();
            d.subject.fiscal_year = Some(year);
            assert_eq!(Draft::from_json(&d.to_json()), Ok(d));
        }
        // a 契約期間 is kept as typed in a draft: the form stores what it cannot read yet
        let mut d = sample();
        d.subject.period_from = "2027-0".into();
        assert_eq!(Draft::from_json(&d.to_json()), Ok(d));
    }

    #[test]
    fn the_subject_names_what_it_lacks_for_signing() {
        use crate::core::date::{FIRST_YEAR, LAST_YEAR};
        let gaps = |s: &Subject, kind| s.gaps(kind);
        let empty = Subject::default();
        assert_eq!(
            gaps(&empty, ChecklistKind::Inspection),
            [
                SubjectGap::Missing(SubjectField::Division),
                SubjectGap::Missing(SubjectField::Name),
                SubjectGap::Missing(SubjectField::FiscalYear),
            ]
        );
        assert_eq!(
            gaps(&empty, ChecklistKind::Inspection)[0].message_ja(),
            "課名が未入力です"
        );
        let mut s = Subject {
            division: "情報政策課".into(),
            name: " ".into(),
            fiscal_year: Some(2026),
            ..Subject::default()
        };
        assert_eq!(
            gaps(&s, ChecklistKind::Inspection),
            [SubjectGap::Missing(SubjectField::Name)]
        );
        s.name = "山田 太郎".into();
        assert!(gaps(&s, ChecklistKind::Inspection).is_empty());
        for year in [i32::MAX, i32::MIN, FIRST_YEAR - 1, LAST_YEAR + 1] {
            s.fiscal_year = Some(year);
            let g = gaps(&s, ChecklistKind::Inspection);
            assert_eq!(g, [SubjectGap::YearOutOfRange(year)]);
            assert!(
                g[0].message_ja().contains("1989〜2100"),
                "{}",
                g[0].message_ja()
            );
        }
        // a contract: 課名, 件名, 委託先 and a 契約期間 (氏名 and 年度 are not asked)
        let mut c = Subject {
            division: "情報政策課".into(),
            ..Subject::default()
        };
        assert_eq!(
            gaps(&c, ChecklistKind::Contract),
            [
                SubjectGap::Missing(SubjectField::ContractTitle),
                SubjectGap::Missing(SubjectField::Contractor),
                SubjectGap::Missing(SubjectField::PeriodFrom),
                SubjectGap::Missing(SubjectField::PeriodTo),
            ]
        );
        c.contract_title = "住民記録システム保守".into();
        c.contractor = "株式会社テスト".into();
        c.period_from = "2027-04-01".into();
        c.period_to = "令和10年3月31日".into();
        assert_eq!(
            gaps(&c, ChecklistKind::Contract),
            [SubjectGap::BadDate(SubjectField::PeriodTo)]
        );
        c.period_to = "2101-03-31".into();
        assert_eq!(
            gaps(&c, ChecklistKind::Contract),
            [SubjectGap::BadDate(SubjectField::PeriodTo)]
        );
        c.period_to = "2027-03-31".into();
        assert_eq!(
            gaps(&c, ChecklistKind::Contract),
            [SubjectGap::PeriodReversed]
        );
        c.period_to = "2027-04-01".into();
        assert!(gaps(&c, ChecklistKind::Contract).is_empty());
    }

    #[test]
    fn plan_completeness_needs_a_real_due_date() {
        let mut p = Plan {
            action: "対応".into(),
            owner: "課長".into(),
            due: "2027-02-30".into(),
        };
        assert!(!p.is_complete());
        p.due = "2027-02-28".into();
        assert!(p.is_complete());
        p.owner = " ".into();
        assert!(!p.is_complete());
    }

    #[test]
    fn import_accepts_only_its_checklist_and_never_replaces_a_draft() {
        let b = crate::core::bundle::mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        let mut d = Draft::new("d1".into(), &b, list, "2026-12-01T00:30:00+09:00");
        d.label = "前年度".into();
        let text = d.to_json();
        let kept = Draft::import(&text, &b, list, |_| false, || "x".into()).expect("imports");
        assert_eq!(kept.draft.id, "d1");
        assert_eq!(kept.other_version, None);
        let fresh =
            Draft::import(&text, &b, list, |id| id == "d1", || "d2".into()).expect("imports");
        assert_eq!(fresh.draft.id, "d2");
        let other = b.checklist("keiyaku").expect("keiyaku");
        assert!(matches!(
            Draft::import(&text, &b, other, |_| false, String::new),
            Err(ImportError::OtherChecklist { .. })
        ));
        let e = Draft::import("{", &b, list, |_| false, String::new).expect_err("not a draft");
        assert!(e.message_ja().contains("下書き") && e.message_en().contains("draft"));
        assert_eq!(d.file_name(), "前年度.tenken-draft.json");
    }

    #[test]
    fn display_name_falls_back_to_subject() {
        let mut d = sample();
        assert_eq!(d.display_name(), "情報政策課");
        d.subject.contract_title = "住民記録システム保守".into();
        assert_eq!(d.display_name(), "住民記録システム保守 情報政策課");
        d.label = "本年度".into();
        assert_eq!(d.display_name(), "本年度");
        assert_eq!(Draft::default().display_name(), "（無題）");
    }

    #[test]
    fn an_edit_stamps_its_part_and_keeps_the_signature_note() {
        let mut d = sample();
        d.signature = Some(SignatureNote {
            file: "f".into(),
            ..SignatureNote::default()
        });
        d.edit(&Part::Subject, 42, "2026-12-02T09:00:00+09:00", |d| {
            d.subject.division = "住民課".into();
        });
        assert_eq!(d.subject.division, "住民課");
        assert_eq!(d.stamps.get("subject"), Some(&42));
        assert_eq!(d.updated, "2026-12-02T09:00:00+09:00");
        assert!(
            d.signature.is_some(),
            "the note stays; last_signed decides what it covers"
        );
    }
}
