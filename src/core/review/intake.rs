//! Each submitted file's status, and whether it counts.
//!
//! A result **counts** only when its signature holds, its key is registered for the
//! result's own 課, the signing time lies within the key's validity and not after the review
//! date, and (when official bundles are pinned) it answers one of them. Everything else is
//! listed with its reason and counts nowhere. Duplicates are decided among counting files
//! only, so a file that does not count can never push out one that does. One bad file never
//! stops the others.

use crate::core::message::Message;
use std::collections::BTreeMap;

use crate::core::date::Date;
use crate::core::draft::BundleRef;
use crate::core::name::{name_key, reveal};
use crate::core::problem::{Problem, ProblemKind, Problems};
use crate::core::result::ResultDoc;
use crate::core::sign::{
    KeyStanding, Opened, Registration, Roster, SignError, Verified, open_result, open_results,
};

/// What one file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// 有効: counts, signed by this registration.
    Counted(Registration),
    /// 未登録の鍵: the signature holds, the key is in no registration.
    Unregistered,
    /// 課が登録と違う: the key is registered for another 課 than the result names.
    OtherDivision {
        /// The 課 the key is registered for.
        registered: String,
        /// The 課 the result claims (hidden characters written out).
        claimed: String,
    },
    /// 鍵の有効期間外・失効.
    KeyNotValid(KeyStanding),
    /// 署名時刻が不正: no usable signing time, or one after the review date.
    BadTime(TimeFlaw),
    /// 規則の内容が違う: answers a bundle that is not one of the official ones.
    OtherContent(BundleRef),
    /// 別の規則版: no official bundle given, and another version than the newest found.
    OtherVersion {
        /// The version answered.
        found: String,
        /// The newest version among the files.
        expected: String,
    },
    /// 重複: another counting file for the same 課, checklist and period is newer.
    Duplicate {
        /// The file that counts instead.
        superseded_by: String,
    },
    /// 署名不正: signed, but the signature does not hold; or not signed at all.
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

impl FileStatus {
    /// The status as the reviewer sees it.
    pub fn label(&self) -> &'static str {
        match self {
            FileStatus::Counted(_) => "有効",
            FileStatus::Unregistered => "未登録の鍵",
            FileStatus::OtherDivision { .. } => "課が登録と違う",
            FileStatus::KeyNotValid(_) => "鍵の有効期間外・失効",
            FileStatus::BadTime(_) => "署名時刻が不正",
            FileStatus::OtherContent(_) => "規則の内容が違う",
            FileStatus::OtherVersion { .. } => "別の規則版",
            FileStatus::Duplicate { .. } => "重複",
            FileStatus::BadSignature(_) => "署名不正",
            FileStatus::Unsigned => "署名なし",
            FileStatus::Unreadable(_) => "読めない",
        }
    }

    /// The status in English (for the command line).
    pub fn label_en(&self) -> &'static str {
        match self {
            FileStatus::Counted(_) => "valid",
            FileStatus::Unregistered => "unregistered key",
            FileStatus::OtherDivision { .. } => "key of another division",
            FileStatus::KeyNotValid(_) => "key not valid",
            FileStatus::BadTime(_) => "bad signing time",
            FileStatus::OtherContent(_) => "not an official bundle",
            FileStatus::OtherVersion { .. } => "other bundle version",
            FileStatus::Duplicate { .. } => "duplicate",
            FileStatus::BadSignature(_) => "bad signature",
            FileStatus::Unsigned => "not signed",
            FileStatus::Unreadable(_) => "unreadable",
        }
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
                b.id,
                b.version,
                b.hash.get(..12).unwrap_or(&b.hash)
            ),
            FileStatus::OtherVersion { found, expected } => {
                format!("{found} 版（集計は {expected} 版）")
            }
            FileStatus::Duplicate { superseded_by } => format!("新しい「{superseded_by}」を採用"),
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
                b.id,
                b.version,
                b.hash.get(..12).unwrap_or(&b.hash)
            ),
            FileStatus::OtherVersion { found, expected } => {
                format!("version {found} (reviewing {expected})")
            }
            FileStatus::Duplicate { superseded_by } => {
                format!("the newer \"{superseded_by}\" counts")
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
    /// The official bundles (id, version, hash); results must answer one of them. Empty:
    /// bundle content is not checked (the newest version found counts, and the report says
    /// content was not checked).
    pub official: &'a [BundleRef],
    /// The review date (JST): signatures dated after it do not count.
    pub today: Date,
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

/// What makes two results the same submission: 課 (compared by [`name_key`]), bundle,
/// checklist, and the period (年度; for a contract its 件名, 委託先 and 契約期間, since a
/// division has many contracts).
pub fn submission_key(r: &ResultDoc) -> (String, String, String, String) {
    let s = &r.subject;
    let period = match s.fiscal_year {
        Some(y) if r.summary.missing_clauses.is_none() => y.to_string(),
        _ => format!(
            "{}|{}|{}|{}",
            s.contract_title, s.contractor, s.period_from, s.period_to
        ),
    };
    (
        name_key(&s.division),
        r.bundle.id.clone(),
        r.checklist.clone(),
        period,
    )
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

/// The status of a file whose signature holds, before versions and duplicates: whether its
/// key is registered, for its own 課, valid on its signing date, which is not after the
/// review date, and whether it answers an official bundle.
pub fn judge(v: &Verified, rules: &Rules) -> FileStatus {
    let Some(reg) = rules.roster.find(&v.public_key) else {
        return FileStatus::Unregistered;
    };
    if name_key(&reg.division) != name_key(&v.result.subject.division) {
        return FileStatus::OtherDivision {
            registered: reg.division.clone(),
            claimed: reveal(&v.result.subject.division),
        };
    }
    let Some(signed) = v.signed_at.and_then(Date::from_unix_jst) else {
        return FileStatus::BadTime(TimeFlaw::Unusable);
    };
    if signed > rules.today {
        return FileStatus::BadTime(TimeFlaw::Future {
            signed,
            today: rules.today,
        });
    }
    match reg.standing_on(signed) {
        KeyStanding::Valid => {}
        other => return FileStatus::KeyNotValid(other),
    }
    let b = &v.result.bundle;
    if !rules.official.is_empty() && !rules.official.iter().any(|o| o.hash == b.hash) {
        return FileStatus::OtherContent(b.clone());
    }
    FileStatus::Counted(reg.clone())
}

/// [`review`] for files already opened with [`open_file`].
pub fn review_opened(
    opened: Vec<(String, Result<Opened, Problems>)>,
    rules: &Rules,
) -> Vec<Reviewed> {
    let mut out: Vec<Reviewed> = opened
        .into_iter()
        .map(|(name, opened)| {
            let (status, verified, claimed) = match opened {
                Err(problems) => (FileStatus::Unreadable(problems), None, None),
                Ok(Opened::Unsigned(r)) => (FileStatus::Unsigned, None, Some(*r)),
                Ok(Opened::Invalid { error, result }) => {
                    (FileStatus::BadSignature(error), None, result.map(|r| *r))
                }
                Ok(Opened::Valid(v)) => (judge(&v, rules), Some(*v), None),
            };
            Reviewed {
                name,
                status,
                verified,
                claimed,
            }
        })
        .collect();

    // without official bundles: the newest version among the counting files is reviewed
    if rules.official.is_empty() {
        let mut newest: BTreeMap<String, String> = BTreeMap::new();
        for r in out.iter().filter(|r| r.status.counts()) {
            if let Some(v) = &r.verified {
                let b = &v.result.bundle;
                let e = newest.entry(b.id.clone()).or_default();
                if b.version > *e {
                    *e = b.version.clone();
                }
            }
        }
        for r in out.iter_mut().filter(|r| r.status.counts()) {
            if let Some(v) = &r.verified {
                let b = &v.result.bundle;
                let want = newest.get(&b.id).cloned().unwrap_or_default();
                if b.version != want {
                    r.status = FileStatus::OtherVersion {
                        found: b.version.clone(),
                        expected: want,
                    };
                }
            }
        }
    }

    // duplicates, among counting files only: the newest signature (then the newest result,
    // then the first file) counts
    let stamp = |v: &Verified| (v.signed_at.unwrap_or(0), v.result.created.clone());
    let mut newest: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
    for (i, r) in out.iter().enumerate() {
        let (Some(v), true) = (&r.verified, r.status.counts()) else {
            continue;
        };
        let key = submission_key(&v.result);
        match newest.get(&key) {
            Some(&j) if out[j].verified.as_ref().map(stamp) >= Some(stamp(v)) => {}
            _ => {
                newest.insert(key, i);
            }
        }
    }
    let winners: BTreeMap<usize, String> =
        newest.values().map(|&i| (i, out[i].name.clone())).collect();
    for (i, r) in out.iter_mut().enumerate() {
        if !r.status.counts() || winners.contains_key(&i) {
            continue;
        }
        let key = r.verified.as_ref().map(|v| submission_key(&v.result));
        if let Some(w) = key.and_then(|k| newest.get(&k)) {
            r.status = FileStatus::Duplicate {
                superseded_by: winners.get(w).cloned().unwrap_or_default(),
            };
        }
    }
    out
}

/// How many files have each status, in the order statuses are listed.
pub fn status_counts(reviewed: &[Reviewed]) -> Vec<(&'static str, &'static str, usize)> {
    let mut counts: Vec<(&'static str, &'static str, usize)> = Vec::new();
    for r in reviewed {
        let (ja, en) = (r.status.label(), r.status.label_en());
        match counts.iter_mut().find(|c| c.0 == ja) {
            Some(c) => c.2 += 1,
            None => counts.push((ja, en, 1)),
        }
    }
    let order = |ja: &str| {
        [
            "有効",
            "重複",
            "別の規則版",
            "規則の内容が違う",
            "未登録の鍵",
            "課が登録と違う",
            "鍵の有効期間外・失効",
            "署名時刻が不正",
            "署名不正",
            "署名なし",
            "読めない",
        ]
        .iter()
        .position(|l| *l == ja)
        .unwrap_or(usize::MAX)
    };
    counts.sort_by_key(|c| order(c.0));
    counts
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
                ("soumu-old.json", "別の規則版"),
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
        assert_eq!(counted, ["joho-new.json"]);
        let counts = status_counts(&reviewed);
        assert_eq!(counts[0], ("有効", "valid", 1));
        assert_eq!(counts.iter().map(|c| c.2).sum::<usize>(), files.len());
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
        let official = [r.bundle.clone()];
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
        // two versions official at once (a transition year)
        let mut next = r.bundle.clone();
        next.hash = "0".repeat(64);
        let both = [r.bundle.clone(), next];
        let reviewed = review(
            &files,
            &Rules {
                official: &both,
                ..pinned
            },
        );
        assert!(reviewed.iter().all(|r| r.status.counts()));
    }
}
