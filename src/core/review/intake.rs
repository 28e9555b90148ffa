//! Each submitted file's status, and whether it counts.
//!
//! A result **counts** only when its signature holds, its key is registered for the
//! result's own 課, the signing time lies within the key's validity and not after the review
//! date, its subject says which submission it is, and — when official bundles are pinned —
//! it answers one of them and its signed summary agrees with its answers evaluated again
//! against that bundle. Everything else is listed with its reason and counts nowhere.
//!
//! Duplicates are decided among counting files only, so a file that does not count can never
//! push out one that does; among the counting files of one submission, the file signed by
//! the key registered last for that 課 wins (its 登録日; ties by roster order), whatever times
//! the files claim: a signing time is the signer's own claim, so it orders only one key's
//! files. One bad file never stops the others.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use crate::core::Bundle;
use crate::core::date::Date;
use crate::core::draft::BundleRef;
use crate::core::message::Message;
use crate::core::name::{name_key, reveal};
use crate::core::problem::{Problem, ProblemKind, Problems};
use crate::core::result::ResultDoc;
use crate::core::sign::{
    KeyStanding, Opened, Registration, Roster, SignError, Verified, open_result, open_results,
    signing_time,
};

use super::reading::{Mismatch, Reading, Refusal, SubjectFlaw, SubmissionKey, read};

/// The kinds of status, in the order they are listed, each with its labels: the one place
/// counts, tables, the screen and the command line take them from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusKind {
    /// 有効.
    Counted,
    /// 重複.
    Duplicate,
    /// 規則の内容が違う.
    OtherContent,
    /// 集計値が回答と違う.
    SummaryMismatch,
    /// 対象の記載に不備.
    Subject,
    /// 未登録の鍵.
    Unregistered,
    /// 課が登録と違う.
    OtherDivision,
    /// 鍵の有効期間外・失効.
    KeyNotValid,
    /// 署名時刻が不正.
    BadTime,
    /// 署名不正.
    BadSignature,
    /// 署名なし.
    Unsigned,
    /// 読めない.
    Unreadable,
}

impl StatusKind {
    /// Every kind, in listing order.
    pub const ALL: [StatusKind; 12] = [
        StatusKind::Counted,
        StatusKind::Duplicate,
        StatusKind::OtherContent,
        StatusKind::SummaryMismatch,
        StatusKind::Subject,
        StatusKind::Unregistered,
        StatusKind::OtherDivision,
        StatusKind::KeyNotValid,
        StatusKind::BadTime,
        StatusKind::BadSignature,
        StatusKind::Unsigned,
        StatusKind::Unreadable,
    ];

    /// The status as the reviewer sees it.
    pub fn label(self) -> &'static str {
        match self {
            StatusKind::Counted => "有効",
            StatusKind::Duplicate => "重複",
            StatusKind::OtherContent => "規則の内容が違う",
            StatusKind::SummaryMismatch => "集計値が回答と違う",
            StatusKind::Subject => "対象の記載に不備",
            StatusKind::Unregistered => "未登録の鍵",
            StatusKind::OtherDivision => "課が登録と違う",
            StatusKind::KeyNotValid => "鍵の有効期間外・失効",
            StatusKind::BadTime => "署名時刻が不正",
            StatusKind::BadSignature => "署名不正",
            StatusKind::Unsigned => "署名なし",
            StatusKind::Unreadable => "読めない",
        }
    }

    /// The status in English (for the command line).
    pub fn label_en(self) -> &'static str {
        match self {
            StatusKind::Counted => "valid",
            StatusKind::Duplicate => "duplicate",
            StatusKind::OtherContent => "not an official bundle",
            StatusKind::SummaryMismatch => "summary disagrees with answers",
            StatusKind::Subject => "incomplete subject",
            StatusKind::Unregistered => "unregistered key",
            StatusKind::OtherDivision => "key of another division",
            StatusKind::KeyNotValid => "key not valid",
            StatusKind::BadTime => "bad signing time",
            StatusKind::BadSignature => "bad signature",
            StatusKind::Unsigned => "not signed",
            StatusKind::Unreadable => "unreadable",
        }
    }
}

/// What one file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// 有効: counts, signed by this registration.
    Counted(Registration),
    /// 重複: a counting file of the same submission counts instead.
    Duplicate {
        /// The file that counts instead.
        superseded_by: String,
    },
    /// 規則の内容が違う: answers a bundle that is not one of the official ones.
    OtherContent(BundleRef),
    /// 集計値が回答と違う: the signed summary (or the answers) disagree with the answers
    /// evaluated against the official bundle.
    SummaryMismatch(Mismatch),
    /// 対象の記載に不備: the subject does not say which submission the result is.
    Subject(SubjectFlaw),
    /// 未登録の鍵: the signature holds, the key is in no registration.
    Unregistered,
    /// 課が登録と違う: the key is registered for another 課 than the result names.
    OtherDivision {
        /// The 課 the key is registered for.
        registered: String,
        /// The 課 the result claims (hidden characters written out, cut to 100 characters).
        claimed: String,
    },
    /// 鍵の有効期間外・失効.
    KeyNotValid(KeyStanding),
    /// 署名時刻が不正: no usable signing time, or one after the review date.
    BadTime(TimeFlaw),
    /// 署名不正: signed, but the signature does not hold.
    BadSignature(SignError),
    /// 署名なし: a result without a signature.
    Unsigned,
    /// 読めない: not a tenken result (each problem with its place).
    Unreadable(Problems),
}

/// What is wrong with a signing time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFlaw {
    /// No `timestamp:`, or one that is not a time with a date.
    Unusable,
    /// After the review date.
    Future {
        /// The date signed.
        signed: Date,
        /// The review date.
        today: Date,
    },
}

/// At most `n` characters of `s`, marked with 「…」 when cut.
fn cut(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

fn short_hash(b: &BundleRef) -> &str {
    b.hash.get(..12).unwrap_or(&b.hash)
}

impl FileStatus {
    /// Which kind of status it is.
    pub fn kind(&self) -> StatusKind {
        match self {
            FileStatus::Counted(_) => StatusKind::Counted,
            FileStatus::Duplicate { .. } => StatusKind::Duplicate,
            FileStatus::OtherContent(_) => StatusKind::OtherContent,
            FileStatus::SummaryMismatch(_) => StatusKind::SummaryMismatch,
            FileStatus::Subject(_) => StatusKind::Subject,
            FileStatus::Unregistered => StatusKind::Unregistered,
            FileStatus::OtherDivision { .. } => StatusKind::OtherDivision,
            FileStatus::KeyNotValid(_) => StatusKind::KeyNotValid,
            FileStatus::BadTime(_) => StatusKind::BadTime,
            FileStatus::BadSignature(_) => StatusKind::BadSignature,
            FileStatus::Unsigned => StatusKind::Unsigned,
            FileStatus::Unreadable(_) => StatusKind::Unreadable,
        }
    }

    /// The status as the reviewer sees it.
    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    /// The status in English (for the command line).
    pub fn label_en(&self) -> &'static str {
        self.kind().label_en()
    }

    /// Details in Japanese (why, or which file counts instead).
    pub fn detail(&self) -> String {
        match self {
            FileStatus::Counted(r) => format!("{} {}（{}）", r.division, r.name, r.fingerprint),
            FileStatus::Unregistered => "署名は正しいが、登録簿にない鍵".into(),
            FileStatus::OtherDivision {
                registered,
                claimed,
            } => format!("登録: {registered}（結果の課: {claimed}）"),
            FileStatus::KeyNotValid(k) => k.message_ja(),
            FileStatus::BadTime(TimeFlaw::Unusable) => {
                "署名時刻がないか、日付として読めません".into()
            }
            FileStatus::BadTime(TimeFlaw::Future { signed, today }) => {
                format!("署名日 {signed} が集計日 {today} より後です")
            }
            FileStatus::OtherContent(b) => format!(
                "{} {} 版（ハッシュ {}…）は公式の規則ではありません",
                cut(&b.id, 40),
                cut(&b.version, 20),
                short_hash(b)
            ),
            FileStatus::SummaryMismatch(m) => m.message_ja(),
            FileStatus::Subject(f) => f.message_ja(),
            FileStatus::Duplicate { superseded_by } => format!("「{superseded_by}」を採用"),
            FileStatus::BadSignature(e) => e.message_ja(),
            FileStatus::Unsigned => "署名がありません".into(),
            FileStatus::Unreadable(p) => {
                p.0.iter()
                    .map(|p| {
                        if p.path.is_empty() {
                            p.kind.message_ja()
                        } else {
                            format!("{}: {}", p.path, p.kind.message_ja())
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("、")
            }
        }
    }

    /// Details in English.
    pub fn detail_en(&self) -> String {
        match self {
            FileStatus::Counted(r) => format!("{} {} ({})", r.division, r.name, r.fingerprint),
            FileStatus::Unregistered => "valid signature, key not in the roster".into(),
            FileStatus::OtherDivision {
                registered,
                claimed,
            } => format!("registered for {registered} (the result names {claimed})"),
            FileStatus::KeyNotValid(k) => k.message_en(),
            FileStatus::BadTime(TimeFlaw::Unusable) => "no usable signing time".into(),
            FileStatus::BadTime(TimeFlaw::Future { signed, today }) => {
                format!("signed {signed}, after the review date {today}")
            }
            FileStatus::OtherContent(b) => format!(
                "{} version {} (hash {}…) is not an official bundle",
                cut(&b.id, 40),
                cut(&b.version, 20),
                short_hash(b)
            ),
            FileStatus::SummaryMismatch(m) => m.message_en(),
            FileStatus::Subject(f) => f.message_en(),
            FileStatus::Duplicate { superseded_by } => {
                format!("\"{superseded_by}\" counts instead")
            }
            FileStatus::BadSignature(e) => e.message_en(),
            FileStatus::Unsigned => "not signed".into(),
            FileStatus::Unreadable(p) => {
                p.0.iter()
                    .map(|p| {
                        if p.path.is_empty() {
                            p.kind.message_en()
                        } else {
                            format!("{}: {}", p.path, p.kind.message_en())
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        }
    }

    /// Whether the file's result counts in the tables.
    pub fn counts(&self) -> bool {
        matches!(self, FileStatus::Counted(_))
    }
}

impl crate::core::message::Message for FileStatus {
    fn message_ja(&self) -> String {
        let detail = self.detail();
        if detail.is_empty() {
            self.label().to_string()
        } else {
            format!("{}（{detail}）", self.label())
        }
    }

    fn message_en(&self) -> String {
        let detail = self.detail_en();
        if detail.is_empty() {
            self.label_en().to_string()
        } else {
            format!("{} ({detail})", self.label_en())
        }
    }
}

/// What decides whether a file counts.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// The registered keys.
    pub roster: &'a Roster,
    /// The official bundles; results must answer one of them (by SHA-256), and are read
    /// against it: its id, version and titles, and its items evaluated from the answers.
    /// Empty: content is not checked; files are read as they claim, grouped by the bundle
    /// hash they name, and the report says so.
    pub official: &'a [&'a Bundle],
    /// The review date (JST): signatures dated after it do not count.
    pub today: Date,
}

impl Rules<'_> {
    /// The official bundle with this SHA-256.
    fn official(&self, hash: &str) -> Option<&Bundle> {
        self.official.iter().find(|b| b.hash == hash).copied()
    }
}

/// One reviewed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    /// The file's name.
    pub name: String,
    /// Its status.
    pub status: FileStatus,
    /// The verified result, when the signature holds.
    pub verified: Option<Verified>,
    /// What a file whose signature fails (or that is unsigned) claims, unverified.
    pub claimed: Option<ResultDoc>,
    /// How the tables read the result: for files that count, and for their duplicates.
    pub reading: Option<Reading>,
}

impl Reviewed {
    /// The result, if it counts in the tables.
    pub fn counted(&self) -> Option<&ResultDoc> {
        self.status
            .counts()
            .then_some(self.verified.as_ref().map(|v| &v.result))
            .flatten()
    }

    /// The result the file shows, verified or not (for listing who sent it).
    pub fn shown(&self) -> Option<&ResultDoc> {
        self.verified
            .as_ref()
            .map(|v| &v.result)
            .or(self.claimed.as_ref())
    }
}

/// Opens one file for review: what [`open_result`] says about it. Independent per file, so
/// callers with threads may open files in parallel and pass the outcomes to [`review_opened`].
pub fn open_file(bytes: &[u8]) -> Result<Opened, Problems> {
    open_result(bytes)
}

/// [`open_file`] for many files, in order, each with the same outcome as alone (their
/// signatures are checked as batches: the CLI and 集計 open thousands). A file that could not
/// be read keeps its reason, in its place.
pub fn open_files<'a>(
    files: impl IntoIterator<Item = Result<&'a [u8], &'a Problems>>,
) -> Vec<Result<Opened, Problems>> {
    let files: Vec<Result<&[u8], &Problems>> = files.into_iter().collect();
    let readable: Vec<&[u8]> = files.iter().filter_map(|f| f.ok()).collect();
    let mut opened = open_results(&readable).into_iter();
    files
        .into_iter()
        .map(|f| match f {
            // open_results gives one outcome per readable file, in order
            Ok(_) => opened.next().unwrap_or_else(|| {
                Err(Problems(vec![Problem::error(
                    "",
                    ProblemKind::NotADocument,
                )]))
            }),
            Err(why) => Err(why.clone()),
        })
        .collect()
}

/// Reviews `files` (name, bytes) under `rules`.
pub fn review(files: &[(String, Vec<u8>)], rules: &Rules) -> Vec<Reviewed> {
    let opened = files
        .iter()
        .map(|(name, bytes)| (name.clone(), open_file(bytes)))
        .collect();
    review_opened(opened, rules)
}

/// Why a key's signature does not count (see [`signer`] and [`judge_detached`]); as a file's
/// status, [`FileStatus::from`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyRefusal {
    /// The key is in no registration.
    Unregistered,
    /// The key is registered for another 課 than the result names.
    OtherDivision {
        /// The 課 the key is registered for.
        registered: String,
        /// The 課 the result claims (hidden characters written out, cut to 100 characters).
        claimed: String,
    },
    /// Signed outside the key's period, or after its revocation.
    KeyNotValid(KeyStanding),
    /// No usable signing time, or one after the review date.
    BadTime(TimeFlaw),
}

impl From<KeyRefusal> for FileStatus {
    fn from(r: KeyRefusal) -> FileStatus {
        match r {
            KeyRefusal::Unregistered => FileStatus::Unregistered,
            KeyRefusal::OtherDivision {
                registered,
                claimed,
            } => FileStatus::OtherDivision {
                registered,
                claimed,
            },
            KeyRefusal::KeyNotValid(k) => FileStatus::KeyNotValid(k),
            KeyRefusal::BadTime(t) => FileStatus::BadTime(t),
        }
    }
}

/// Whether a registered key's signature made at `signed_at` (Unix seconds, as claimed)
/// counts on `today`: a usable time, not after today, within the key's period and before its
/// revocation (a lost key: never).
fn valid_at(reg: &Registration, signed_at: Option<u64>, today: Date) -> Result<(), KeyRefusal> {
    let Some(signed) = signed_at.and_then(Date::from_unix_jst) else {
        return Err(KeyRefusal::BadTime(TimeFlaw::Unusable));
    };
    if signed > today {
        return Err(KeyRefusal::BadTime(TimeFlaw::Future { signed, today }));
    }
    match reg.standing_on(signed) {
        KeyStanding::Valid => Ok(()),
        other => Err(KeyRefusal::KeyNotValid(other)),
    }
}

/// Who signed `v`, when that signature counts for the result's own 課: the key is registered,
/// for that 課 (compared by [`name_key`]), and valid on its signing date, which is not after
/// `today`. Otherwise why not. Nothing about the content is checked.
pub fn signer<'r>(
    v: &Verified,
    roster: &'r Roster,
    today: Date,
) -> Result<&'r Registration, KeyRefusal> {
    let Some(reg) = roster.find(&v.public_key) else {
        return Err(KeyRefusal::Unregistered);
    };
    if name_key(&reg.division) != name_key(&v.result.subject.division) {
        return Err(KeyRefusal::OtherDivision {
            registered: reg.division.clone(),
            claimed: cut(&reveal(&v.result.subject.division), 100),
        });
    }
    valid_at(reg, v.signed_at, today)?;
    Ok(reg)
}

/// Who made a detached signature (a file with its `.minisig`) whose signature holds, when it
/// counts: `public_key` is registered and valid on the signing date its trusted comment
/// states (`timestamp:`), which is not after `today`. A detached file names no 課, so any
/// registered 課 will do. Otherwise why not ([`KeyRefusal::Unregistered`],
/// [`KeyRefusal::BadTime`] or [`KeyRefusal::KeyNotValid`]).
pub fn judge_detached<'r>(
    roster: &'r Roster,
    public_key: &str,
    trusted_comment: &str,
    today: Date,
) -> Result<&'r Registration, KeyRefusal> {
    let Some(reg) = roster.find(public_key) else {
        return Err(KeyRefusal::Unregistered);
    };
    valid_at(reg, signing_time(trusted_comment), today)?;
    Ok(reg)
}

/// The status of a file whose signature holds, before duplicates, and how the tables read
/// it when it counts.
fn assess(v: &Verified, rules: &Rules) -> (FileStatus, Option<Reading>) {
    let reg = match signer(v, rules.roster, rules.today) {
        Ok(reg) => reg,
        Err(refusal) => return (refusal.into(), None),
    };
    let pinned = if rules.official.is_empty() {
        None
    } else {
        match rules.official(&v.result.bundle.hash) {
            Some(b) => Some(b),
            None => return (FileStatus::OtherContent(v.result.bundle.clone()), None),
        }
    };
    match read(&v.result, pinned) {
        Ok(reading) => (FileStatus::Counted(reg.clone()), Some(reading)),
        Err(Refusal::Mismatch(m)) => (FileStatus::SummaryMismatch(m), None),
        Err(Refusal::Subject(f)) => (FileStatus::Subject(f), None),
    }
}

/// The status of a file whose signature holds, before duplicates: whether its key counts
/// for its own 課 on its signing date (see [`signer`]), whether it answers an official bundle
/// and agrees with it, and whether its subject says which submission it is.
pub fn judge(v: &Verified, rules: &Rules) -> FileStatus {
    assess(v, rules).0
}

/// [`review`] for files already opened with [`open_file`].
pub fn review_opened(
    opened: Vec<(String, Result<Opened, Problems>)>,
    rules: &Rules,
) -> Vec<Reviewed> {
    let mut out: Vec<Reviewed> = opened
        .into_iter()
        .map(|(name, opened)| {
            let (status, verified, claimed, reading) = match opened {
                Err(problems) => (FileStatus::Unreadable(problems), None, None, None),
                Ok(Opened::Unsigned(r)) => (FileStatus::Unsigned, None, Some(*r), None),
                Ok(Opened::Invalid { error, result }) => (
                    FileStatus::BadSignature(error),
                    None,
                    result.map(|r| *r),
                    None,
                ),
                Ok(Opened::Valid(v)) => {
                    let (status, reading) = assess(&v, rules);
                    (status, Some(*v), None, reading)
                }
            };
            Reviewed {
                name,
                status,
                verified,
                claimed,
                reading,
            }
        })
        .collect();

    // Duplicates, among counting files only. The key registered last for the 課 wins (its
    // first valid day, then its place in the roster); only one key's own files are ordered
    // by the time they claim (then the result's `created`, then the first file).
    let place: BTreeMap<&str, usize> = rules
        .roster
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.public_key.as_str(), i))
        .collect();
    type Rank<'a> = (Option<Date>, usize, u64, &'a str, Reverse<usize>);
    let mut best: BTreeMap<&SubmissionKey, (Rank, usize)> = BTreeMap::new();
    for (i, r) in out.iter().enumerate() {
        let (FileStatus::Counted(reg), Some(v), Some(reading)) =
            (&r.status, &r.verified, &r.reading)
        else {
            continue;
        };
        let rank: Rank = (
            reg.first_day(),
            place.get(reg.public_key.as_str()).copied().unwrap_or(0),
            v.signed_at.unwrap_or(0),
            v.result.created.as_str(),
            Reverse(i),
        );
        match best.get(&reading.key) {
            Some((kept, _)) if *kept >= rank => {}
            _ => {
                best.insert(&reading.key, (rank, i));
            }
        }
    }
    let superseded: Vec<(usize, String)> = out
        .iter()
        .enumerate()
        .filter(|(_, r)| r.status.counts())
        .filter_map(|(i, r)| {
            let (_, winner) = best.get(&r.reading.as_ref()?.key)?;
            (*winner != i).then(|| (i, out[*winner].name.clone()))
        })
        .collect();
    for (i, winner) in superseded {
        out[i].status = FileStatus::Duplicate {
            superseded_by: winner,
        };
    }
    out
}

/// How many files have each kind of status, in listing order (kinds no file has left out).
pub fn status_counts(reviewed: &[Reviewed]) -> Vec<(StatusKind, usize)> {
    let mut n = [0usize; StatusKind::ALL.len()];
    for r in reviewed {
        if let Some(i) = StatusKind::ALL.iter().position(|k| *k == r.status.kind()) {
            n[i] += 1;
        }
    }
    StatusKind::ALL
        .into_iter()
        .zip(n)
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Signed test results for the review tests: keys and files made once per test.
#[cfg(test)]
pub(crate) mod fixtures {
    use crate::core::result::{ResultDoc, sample_result};
    use crate::core::sign::{Owner, Registration, Roster, SignedFile, UnlockedKey, generate};

    const PASS: &str = "kumo no ue no sora 2026";

    /// A key and its registration for `division`.
    pub fn key(division: &str) -> (UnlockedKey, Registration) {
        let k = generate(PASS, &Owner::default()).expect("key");
        let reg = Registration::new(division, "課長 太郎", "課長", &k.public_key, "2026-04-01")
            .expect("registration");
        (
            UnlockedKey::unlock(&k.secret_key_file, PASS).expect("unlock"),
            reg,
        )
    }

    /// The sample result for `division` and 年度 `year`.
    pub fn result(division: &str, year: i32) -> ResultDoc {
        let mut r = sample_result();
        r.subject.division = division.into();
        r.subject.fiscal_year = Some(year);
        r
    }

    /// `r` signed by `key` at `when` (Unix seconds), as a file (name, bytes).
    pub fn signed(name: &str, r: &ResultDoc, key: &UnlockedKey, when: u64) -> (String, Vec<u8>) {
        let f = SignedFile::sign(r, key, name, when).expect("sign");
        (name.to_string(), f.to_json().into_bytes())
    }

    /// A roster of these registrations.
    pub fn roster(regs: &[&Registration]) -> Roster {
        let mut r = Roster::new();
        r.keys = regs.iter().map(|r| (*r).clone()).collect();
        r
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;
    use crate::core::sign::{Revocation, RevocationReason, SignedFile};

    /// 2026-05-28 09:46 JST, a day in the 2026 年度.
    const T: u64 = 1_780_000_000;
    const DAY: u64 = 86_400;

    fn today() -> Date {
        Date::new(2026, 11, 30).expect("date")
    }

    fn rules(roster: &Roster) -> Rules<'_> {
        Rules {
            roster,
            official: &[],
            today: today(),
        }
    }

    fn labels(reviewed: &[Reviewed]) -> Vec<(&str, &str)> {
        reviewed
            .iter()
            .map(|r| (r.name.as_str(), r.status.label()))
            .collect()
    }

    #[test]
    fn every_status_is_told_apart_and_one_bad_file_stops_nothing() {
        let (k_joho, r_joho) = key("情報政策課");
        let (k_soumu, r_soumu) = key("総務課");
        let (k_stranger, _) = key("市民課");
        let roster = roster(&[&r_joho, &r_soumu]);
        // a claimed version demotes nothing: unpinned, content is not checked at all
        let mut old_version = result("総務課", 2026);
        old_version.bundle.version = "2001-04-01".into();
        let (_, mut tampered) = signed("t.json", &result("総務課", 2025), &k_soumu, T);
        let at = tampered
            .windows(6)
            .position(|w| w == "\u{7dcf}務".as_bytes())
            .expect("division in file");
        tampered[at..at + 6].copy_from_slice("税務".as_bytes());
        let files = vec![
            signed("joho-old.json", &result("情報政策課", 2026), &k_joho, T),
            signed(
                "joho-new.json",
                &result("情報政策課", 2026),
                &k_joho,
                T + 10,
            ),
            ("soumu.json".to_string(), tampered),
            signed("shimin.json", &result("市民課", 2026), &k_stranger, T),
            signed("soumu-old.json", &old_version, &k_soumu, T),
            ("junk.json".to_string(), b"{not json".to_vec()),
            (
                "plain.json".to_string(),
                result("総務課", 2026).to_canonical_json(),
            ),
        ];
        let reviewed = review(&files, &rules(&roster));
        assert_eq!(
            labels(&reviewed),
            [
                ("joho-old.json", "重複"),
                ("joho-new.json", "有効"),
                ("soumu.json", "署名不正"),
                ("shimin.json", "未登録の鍵"),
                ("soumu-old.json", "有効"),
                ("junk.json", "読めない"),
                ("plain.json", "署名なし"),
            ]
        );
        assert_eq!(
            reviewed[0].status,
            FileStatus::Duplicate {
                superseded_by: "joho-new.json".into()
            }
        );
        // what a bad file claims is kept, unverified, to know whom to ask
        assert_eq!(
            reviewed[2].shown().map(|r| r.subject.division.as_str()),
            Some("税務課")
        );
        let counted: Vec<&str> = reviewed
            .iter()
            .filter(|r| r.counted().is_some())
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(counted, ["joho-new.json", "soumu-old.json"]);
        let counts = status_counts(&reviewed);
        assert_eq!(
            counts,
            [
                (StatusKind::Counted, 2),
                (StatusKind::Duplicate, 1),
                (StatusKind::Unregistered, 1),
                (StatusKind::BadSignature, 1),
                (StatusKind::Unsigned, 1),
                (StatusKind::Unreadable, 1),
            ]
        );
        assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), files.len());
    }

    #[test]
    fn another_divisions_key_is_an_impostor_and_pushes_out_nothing() {
        let (k_a, r_a) = key("情報政策課");
        let (k_b, r_b) = key("総務課");
        let roster = roster(&[&r_a, &r_b]);
        let mut all_yes = result("情報政策課", 2026);
        all_yes.created = "2026-11-01T00:00:00Z".into();
        let files = vec![
            signed("genuine.json", &result("情報政策課", 2026), &k_a, T),
            // B signs a result claiming A, later: it must not count, nor make A's a duplicate
            signed("impostor.json", &all_yes, &k_b, T + 100 * DAY),
        ];
        let reviewed = review(&files, &rules(&roster));
        assert_eq!(
            labels(&reviewed),
            [
                ("genuine.json", "有効"),
                ("impostor.json", "課が登録と違う")
            ]
        );
        assert_eq!(
            reviewed[1].status.detail(),
            "登録: 総務課（結果の課: 情報政策課）"
        );
    }

    #[test]
    fn an_unregistered_key_from_the_future_replaces_nothing() {
        let (k_a, r_a) = key("情報政策課");
        let (k_x, _) = key("情報政策課");
        let roster = roster(&[&r_a]);
        // 2100-01-01
        let files = vec![
            signed("genuine.json", &result("情報政策課", 2026), &k_a, T),
            signed(
                "forged.json",
                &result("情報政策課", 2026),
                &k_x,
                4_102_444_800,
            ),
        ];
        let reviewed = review(&files, &rules(&roster));
        assert_eq!(
            labels(&reviewed),
            [("genuine.json", "有効"), ("forged.json", "未登録の鍵")]
        );
    }

    #[test]
    fn signing_times_after_the_review_date_or_without_a_date_do_not_count() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let files = vec![
            signed("ok.json", &result("情報政策課", 2026), &k, T),
            signed("2100.json", &result("情報政策課", 2026), &k, 4_102_444_800),
            signed("max.json", &result("情報政策課", 2026), &k, u64::MAX),
        ];
        let reviewed = review(&files, &rules(&roster));
        assert_eq!(
            labels(&reviewed),
            [
                ("ok.json", "有効"),
                ("2100.json", "署名時刻が不正"),
                ("max.json", "署名時刻が不正"),
            ]
        );
        assert_eq!(
            reviewed[1].status,
            FileStatus::BadTime(TimeFlaw::Future {
                signed: Date::new(2100, 1, 1).expect("date"),
                today: today()
            })
        );
        assert_eq!(reviewed[2].status, FileStatus::BadTime(TimeFlaw::Unusable));
        // a signature without any timestamp at all
        let r = result("情報政策課", 2026);
        let mut file = SignedFile::sign(&r, &k, "x", T).expect("sign");
        let payload = file.payload().expect("payload");
        file.signature = k.sign(&payload, "file:x\thashed").expect("sign");
        let reviewed = review(
            &[("none.json".into(), file.to_json().into_bytes())],
            &rules(&roster),
        );
        assert_eq!(reviewed[0].status, FileStatus::BadTime(TimeFlaw::Unusable));
    }

    #[test]
    fn look_alike_division_names_are_not_the_registered_one() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let files: Vec<_> = [
            "情報\u{200B}政策課",
            "情報政策課\u{202E}",
            "\u{2066}情報政策課",
        ]
        .iter()
        .enumerate()
        .map(|(i, d)| signed(&format!("{i}.json"), &result(d, 2026), &k, T))
        .collect();
        let reviewed = review(&files, &rules(&roster));
        assert!(
            reviewed
                .iter()
                .all(|r| r.status.label() == "課が登録と違う"),
            "{reviewed:?}"
        );
        assert_eq!(
            reviewed[0].status.detail(),
            "登録: 情報政策課（結果の課: 情報<U+200B>政策課）"
        );
        // full-width and spacing differences are the same 課
        let ok = review(
            &[signed("w.json", &result(" 情報政策課 ", 2026), &k, T)],
            &rules(&roster),
        );
        assert_eq!(ok[0].status.label(), "有効");
    }

    #[test]
    fn a_key_counts_only_within_its_period_and_until_revoked() {
        let (k, mut reg) = key("情報政策課");
        reg.valid_from = "2026-04-01".into();
        reg.valid_until = "2026-09-30".into();
        let before = 1_774_969_199; // 2026-03-31 23:59:59 JST
        let first = 1_774_969_200; // 2026-04-01 00:00 JST
        let after = 1_790_866_800; // 2026-10-02 00:00 JST
        let files = |years: &[(u64, i32)]| -> Vec<(String, Vec<u8>)> {
            years
                .iter()
                .map(|(t, y)| signed(&format!("{t}.json"), &result("情報政策課", *y), &k, *t))
                .collect()
        };
        let roster1 = roster(&[&reg]);
        let reviewed = review(
            &files(&[(before, 2024), (first, 2025), (after, 2026)]),
            &rules(&roster1),
        );
        let got: Vec<_> = reviewed.iter().map(|r| r.status.label()).collect();
        assert_eq!(
            got,
            ["鍵の有効期間外・失効", "有効", "鍵の有効期間外・失効"]
        );

        // 異動 on 2026-07-01: earlier signatures still count, later ones do not
        reg.valid_until.clear();
        reg.revoked = Some(Revocation {
            date: "2026-07-01".into(),
            reason: RevocationReason::Transfer,
            note: String::new(),
        });
        let roster2 = roster(&[&reg]);
        let reviewed = review(
            &files(&[(first, 2025), (T + 40 * DAY, 2026)]),
            &rules(&roster2),
        );
        let got: Vec<_> = reviewed.iter().map(|r| r.status.label()).collect();
        assert_eq!(got, ["有効", "鍵の有効期間外・失効"]);

        // a lost key: nothing it signed counts, whatever time it states
        reg.revoked = Some(Revocation {
            date: "2026-07-01".into(),
            reason: RevocationReason::Compromised,
            note: "USB メモリ紛失".into(),
        });
        let roster3 = roster(&[&reg]);
        let reviewed = review(&files(&[(first, 2025)]), &rules(&roster3));
        assert!(
            matches!(
                &reviewed[0].status,
                FileStatus::KeyNotValid(KeyStanding::Revoked {
                    reason: RevocationReason::Compromised,
                    ..
                })
            ),
            "{:?}",
            reviewed[0].status
        );
    }

    #[test]
    fn the_old_and_new_key_of_one_division_both_count_in_their_periods() {
        let (k_old, mut r_old) = key("情報政策課");
        let (k_new, mut r_new) = key("情報政策課");
        r_old.revoked = Some(Revocation {
            date: "2026-04-01".into(),
            reason: RevocationReason::Transfer,
            note: String::new(),
        });
        r_old.valid_from = "2025-04-01".into();
        r_new.valid_from = "2026-04-01".into();
        let roster = roster(&[&r_old, &r_new]);
        let files = vec![
            signed(
                "2025.json",
                &result("情報政策課", 2025),
                &k_old,
                1_760_000_000,
            ),
            signed("2026.json", &result("情報政策課", 2026), &k_new, T),
            signed(
                "late-old.json",
                &result("情報政策課", 2026),
                &k_old,
                T + DAY,
            ),
        ];
        let reviewed = review(&files, &rules(&roster));
        assert_eq!(
            labels(&reviewed),
            [
                ("2025.json", "有効"),
                ("2026.json", "有効"),
                ("late-old.json", "鍵の有効期間外・失効")
            ]
        );
    }

    #[test]
    fn other_years_and_contracts_are_not_duplicates() {
        let (k, reg) = key("情報政策課");
        let mut c1 = result("情報政策課", 2026);
        c1.summary.missing_clauses = Some(vec![]);
        c1.subject.contract_title = "保守委託".into();
        c1.subject.contractor = "株式会社テスト".into();
        c1.subject.period_from = "2026-04-01".into();
        c1.subject.period_to = "2027-03-31".into();
        let mut c2 = c1.clone();
        c2.subject.contract_title = "データ入力委託".into();
        let files = vec![
            signed("2025.json", &result("情報政策課", 2025), &k, T + 1),
            signed("2026.json", &result("情報政策課", 2026), &k, T + 2),
            signed("c1.json", &c1, &k, T + 3),
            signed("c2.json", &c2, &k, T + 4),
        ];
        let roster = roster(&[&reg]);
        let reviewed = review(&files, &rules(&roster));
        assert!(reviewed.iter().all(|r| r.status.counts()), "{reviewed:?}");
    }

    #[test]
    fn official_bundles_are_checked_by_their_hash() {
        let (k, reg) = key("情報政策課");
        let r = result("情報政策課", 2026);
        let mut edited = result("情報政策課", 2025);
        edited.bundle.hash = "0".repeat(64);
        let files = vec![
            signed("a.json", &r, &k, T),
            signed("edited.json", &edited, &k, T),
        ];
        let roster = roster(&[&reg]);
        let mini = crate::core::bundle::mini_bundle();
        let official = [&mini];
        let pinned = Rules {
            roster: &roster,
            official: &official,
            today: today(),
        };
        let reviewed = review(&files, &pinned);
        assert_eq!(
            labels(&reviewed),
            [("a.json", "有効"), ("edited.json", "規則の内容が違う")]
        );
        assert_eq!(
            reviewed[1].status.detail(),
            "mini 2015-10-05 版（ハッシュ 000000000000…）は公式の規則ではありません"
        );
        // two versions official at once (a transition year)
        let mut next = crate::core::bundle::mini_bundle();
        next.hash = "0".repeat(64);
        let both = [&mini, &next];
        let reviewed = review(
            &files,
            &Rules {
                official: &both,
                ..pinned
            },
        );
        assert!(reviewed.iter().all(|r| r.status.counts()), "{reviewed:?}");
    }
}

/// The attacks of issue #31, each through the core API.
#[cfg(test)]
mod attacks {
    use super::fixtures::*;
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::sign::{Revocation, RevocationReason};

    /// 2026-05-28 09:46 JST.
    const T: u64 = 1_780_000_000;
    const DAY: u64 = 86_400;

    fn today() -> Date {
        Date::new(2026, 11, 30).expect("date")
    }

    fn rules<'a>(roster: &'a Roster, official: &'a [&'a Bundle]) -> Rules<'a> {
        Rules {
            roster,
            official,
            today: today(),
        }
    }

    fn kinds(reviewed: &[Reviewed]) -> Vec<StatusKind> {
        reviewed.iter().map(|r| r.status.kind()).collect()
    }

    #[test]
    fn unpinned_a_claimed_version_9999_demotes_nobody() {
        let (k_a, r_a) = key("情報政策課");
        let (k_b, r_b) = key("総務課");
        let roster = roster(&[&r_a, &r_b]);
        let mut future = result("総務課", 2026);
        future.bundle.version = "9999-99-99".into();
        let files = vec![
            signed("a.json", &result("情報政策課", 2026), &k_a, T),
            signed("b.json", &future, &k_b, T),
        ];
        let reviewed = review(&files, &rules(&roster, &[]));
        assert_eq!(kinds(&reviewed), [StatusKind::Counted, StatusKind::Counted]);
        // each read as it claims, not compared with the other
        let versions: Vec<&str> = reviewed
            .iter()
            .filter_map(|r| Some(r.reading.as_ref()?.bundle.version.as_str()))
            .collect();
        assert_eq!(versions, ["2015-10-05", "9999-99-99"]);
    }

    #[test]
    fn pinned_the_bundle_names_come_from_the_bundle_of_the_hash() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let mini = mini_bundle();
        let mut claims = result("情報政策課", 2026);
        claims.bundle.id = "meguro".into();
        claims.bundle.version = "9999-99-99".into();
        claims.checklist_title = "偽の題名".into();
        let files = vec![
            signed("genuine.json", &result("情報政策課", 2026), &k, T),
            signed("claims.json", &claims, &k, T + 1),
        ];
        let reviewed = review(&files, &rules(&roster, &[&mini]));
        let reading = reviewed[1].reading.as_ref().expect("read");
        assert_eq!(reading.bundle, BundleRef::of(&mini));
        assert_eq!(reading.checklist_title, "電子情報処理の点検");
        // so it is the same submission as the genuine one (the later signature counts)
        assert_eq!(
            kinds(&reviewed),
            [StatusKind::Duplicate, StatusKind::Counted]
        );
    }

    #[test]
    fn pinned_a_summary_that_disagrees_with_its_answers_counts_nowhere() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let mini = mini_bundle();
        // 14 answered 実施していない, summary: everything conforms
        let mut flattering = result("情報政策課", 2026);
        flattering.items[2].option = Some("notdone".into());
        let files = vec![
            signed("genuine.json", &result("情報政策課", 2025), &k, T),
            signed("flattering.json", &flattering, &k, T + 1),
        ];
        let reviewed = review(&files, &rules(&roster, &[&mini]));
        assert_eq!(
            kinds(&reviewed),
            [StatusKind::Counted, StatusKind::SummaryMismatch]
        );
        assert_eq!(reviewed[1].status.label(), "集計値が回答と違う");
        assert_eq!(
            reviewed[1].status.label_en(),
            "summary disagrees with answers"
        );
        assert!(
            reviewed[1]
                .status
                .detail()
                .contains("不適合の項目の一覧が回答と合いません"),
            "{}",
            reviewed[1].status.detail()
        );
        // unpinned, nothing can be checked: it counts as it claims (and the report says so)
        let reviewed = review(&files, &rules(&roster, &[]));
        assert_eq!(kinds(&reviewed), [StatusKind::Counted, StatusKind::Counted]);
    }

    #[test]
    fn a_backdated_file_of_a_transferred_key_pushes_out_nothing() {
        // the old key (from 2025) was revoked at 異動 on 2026-06-01; the new one counts from
        // 2026-04-01. After leaving, the old holder signs a result dated before the
        // revocation, and later than the successor's genuine one.
        let (k_old, mut r_old) = key("情報政策課");
        let (k_new, mut r_new) = key("情報政策課");
        r_old.valid_from = "2025-04-01".into();
        r_old.revoked = Some(Revocation {
            date: "2026-06-01".into(),
            reason: RevocationReason::Transfer,
            note: String::new(),
        });
        r_new.valid_from = "2026-04-01".into();
        let files = vec![
            signed(
                "new.json",
                &result("情報政策課", 2026),
                &k_new,
                T - 20 * DAY,
            ),
            signed("backdated.json", &result("情報政策課", 2026), &k_old, T),
        ];
        for roster in [roster(&[&r_old, &r_new]), roster(&[&r_new, &r_old])] {
            let reviewed = review(&files, &rules(&roster, &[]));
            assert_eq!(
                kinds(&reviewed),
                [StatusKind::Counted, StatusKind::Duplicate],
                "{reviewed:?}"
            );
            assert_eq!(reviewed[1].status.detail(), "「new.json」を採用");
        }
        // the old key's own files are still ordered by their times, and its file counts
        // where the new key sent none
        let files = vec![
            signed("old-1.json", &result("情報政策課", 2025), &k_old, T - 2),
            signed("old-2.json", &result("情報政策課", 2025), &k_old, T - 1),
        ];
        let roster2 = roster(&[&r_old, &r_new]);
        let reviewed = review(&files, &rules(&roster2, &[]));
        assert_eq!(
            kinds(&reviewed),
            [StatusKind::Duplicate, StatusKind::Counted]
        );
    }

    #[test]
    fn keys_registered_the_same_day_are_ordered_by_the_roster() {
        let (k_a, r_a) = key("情報政策課");
        let (k_b, r_b) = key("情報政策課");
        let files = vec![
            signed("a.json", &result("情報政策課", 2026), &k_a, T + DAY),
            signed("b.json", &result("情報政策課", 2026), &k_b, T),
        ];
        let ab = roster(&[&r_a, &r_b]);
        let reviewed = review(&files, &rules(&ab, &[]));
        assert_eq!(
            kinds(&reviewed),
            [StatusKind::Duplicate, StatusKind::Counted]
        );
        let ba = roster(&[&r_b, &r_a]);
        let reviewed = review(&files, &rules(&ba, &[]));
        assert_eq!(
            kinds(&reviewed),
            [StatusKind::Counted, StatusKind::Duplicate]
        );
    }

    #[test]
    fn contract_fields_do_not_run_together() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let mut c1 = result("情報政策課", 2026);
        c1.subject.fiscal_year = None;
        c1.summary.missing_clauses = Some(vec![]);
        c1.subject.contract_title = "保守|A社".into();
        c1.subject.contractor = "B社".into();
        c1.subject.period_from = "2026-04-01".into();
        c1.subject.period_to = "2027-03-31".into();
        let mut c2 = c1.clone();
        c2.subject.contract_title = "保守".into();
        c2.subject.contractor = "A社|B社".into();
        let files = vec![
            signed("c1.json", &c1, &k, T),
            signed("c2.json", &c2, &k, T + 1),
        ];
        let reviewed = review(&files, &rules(&roster, &[]));
        assert_eq!(kinds(&reviewed), [StatusKind::Counted, StatusKind::Counted]);
    }

    #[test]
    fn a_subject_that_names_no_submission_counts_nowhere() {
        let (k, reg) = key("情報政策課");
        let roster = roster(&[&reg]);
        let mut no_year = result("情報政策課", 2026);
        no_year.subject.fiscal_year = None;
        let mut contract = result("情報政策課", 2026);
        contract.summary.missing_clauses = Some(vec![]);
        contract.subject.contract_title = "保守".into();
        let files = vec![
            signed("no-year.json", &no_year, &k, T),
            // a 年度 outside 1989–2100 is refused already as the file is read
            signed("1900.json", &result("情報政策課", 1900), &k, T),
            signed("3000.json", &result("情報政策課", 3000), &k, T),
            signed("contract.json", &contract, &k, T),
            signed("ok.json", &result("情報政策課", 2026), &k, T),
        ];
        let reviewed = review(&files, &rules(&roster, &[]));
        assert_eq!(
            kinds(&reviewed),
            [
                StatusKind::Subject,
                StatusKind::Unreadable,
                StatusKind::Unreadable,
                StatusKind::Subject,
                StatusKind::Counted
            ]
        );
        let details: Vec<String> = reviewed.iter().map(|r| r.status.detail()).collect();
        assert_eq!(details[0], "対象年度がありません");
        assert!(
            details[1].contains("subject.fiscal_year") && details[1].contains("1989"),
            "{}",
            details[1]
        );
        assert_eq!(details[3], "委託先がありません");
        assert_eq!(reviewed[0].status.label(), "対象の記載に不備");
    }

    #[test]
    fn a_detached_signature_counts_only_for_a_registered_key_on_its_signing_day() {
        let (k, mut reg) = key("情報政策課");
        let (stranger, _) = key("情報政策課");
        let comment = |t: u64| format!("timestamp:{t}\tfile:bundle.json\thashed");
        let roster1 = roster(&[&reg]);
        assert_eq!(
            judge_detached(&roster1, &k.public_key(), &comment(T), today()).map(|r| &r.division),
            Ok(&"情報政策課".to_string())
        );
        assert_eq!(
            judge_detached(&roster1, &stranger.public_key(), &comment(T), today()),
            Err(KeyRefusal::Unregistered)
        );
        assert_eq!(
            judge_detached(&roster1, &k.public_key(), "file:bundle.json", today()),
            Err(KeyRefusal::BadTime(TimeFlaw::Unusable))
        );
        assert!(matches!(
            judge_detached(&roster1, &k.public_key(), &comment(4_102_444_800), today()),
            Err(KeyRefusal::BadTime(TimeFlaw::Future { .. }))
        ));
        reg.revoked = Some(Revocation {
            date: "2026-05-01".into(),
            reason: RevocationReason::Transfer,
            note: String::new(),
        });
        let roster2 = roster(&[&reg]);
        assert!(matches!(
            judge_detached(&roster2, &k.public_key(), &comment(T), today()),
            Err(KeyRefusal::KeyNotValid(KeyStanding::Revoked { .. }))
        ));
        // before the revocation it counts
        assert!(judge_detached(&roster2, &k.public_key(), &comment(T - 30 * DAY), today()).is_ok());
    }
}
