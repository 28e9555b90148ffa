//! Each submitted file's status: 有効（登録済みの鍵） / 有効だが未登録の鍵 / 署名不正 /
//! 別の規則版 / 重複 / 読めない. One bad file never stops the others.

use std::collections::BTreeMap;

use crate::core::result::ResultDoc;
use crate::core::sign::{Opened, Registration, Roster, Verified, open_result};

/// What one file turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// 有効（登録済みの鍵）: valid signature by a registered key.
    Registered(Registration),
    /// 有効だが未登録の鍵: valid signature, key not in the roster.
    Unregistered,
    /// 署名不正: signed, but the signature does not hold (or the file is not signed).
    BadSignature(String),
    /// 別の規則版: valid, but answers another version of the bundle than the one reviewed.
    OtherVersion {
        /// The version answered.
        found: String,
        /// The version under review.
        expected: String,
    },
    /// 重複: another file for the same 課, checklist and period is newer and counts.
    Duplicate {
        /// The file that counts instead.
        superseded_by: String,
    },
    /// 読めない: not a tenken result at all.
    Unreadable(String),
}

impl FileStatus {
    /// The status as the reviewer sees it.
    pub fn label(&self) -> &'static str {
        match self {
            FileStatus::Registered(_) => "有効（登録済みの鍵）",
            FileStatus::Unregistered => "有効だが未登録の鍵",
            FileStatus::BadSignature(_) => "署名不正",
            FileStatus::OtherVersion { .. } => "別の規則版",
            FileStatus::Duplicate { .. } => "重複",
            FileStatus::Unreadable(_) => "読めない",
        }
    }

    /// Details (why, or which file counts instead).
    pub fn detail(&self) -> String {
        match self {
            FileStatus::Registered(r) => format!("{} {}（{}）", r.division, r.name, r.fingerprint),
            FileStatus::Unregistered => String::new(),
            FileStatus::BadSignature(why) | FileStatus::Unreadable(why) => why.clone(),
            FileStatus::OtherVersion { found, expected } => {
                format!("{found} 版（集計は {expected} 版）")
            }
            FileStatus::Duplicate { superseded_by } => format!("新しい「{superseded_by}」を採用"),
        }
    }

    /// Whether the file's result counts in the tables (valid, registered or not, current).
    pub fn counts(&self) -> bool {
        matches!(self, FileStatus::Registered(_) | FileStatus::Unregistered)
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
}

impl Reviewed {
    /// The result, if it counts in the tables.
    pub fn counted(&self) -> Option<&ResultDoc> {
        self.status
            .counts()
            .then_some(self.verified.as_ref().map(|v| &v.result))
            .flatten()
    }
}

/// What makes two results the same submission: 課, bundle, checklist, and the period (年度;
/// for a contract its 件名, 委託先 and 契約期間, since a division has many contracts).
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
        s.division.trim().to_string(),
        r.bundle.id.clone(),
        r.checklist.clone(),
        period,
    )
}

/// Opens one file for review: what [`open_result`] says about it. Independent per file, so
/// callers with threads may open files in parallel and pass the outcomes to [`review_opened`].
pub fn open_file(bytes: &[u8]) -> Result<Opened, String> {
    open_result(bytes)
}

/// Reviews `files` (name, bytes) against `roster`. `expected` maps a bundle id to the version
/// under review; bundles not in it are reviewed at the newest version found among the files.
pub fn review(
    files: &[(String, Vec<u8>)],
    roster: &Roster,
    expected: &BTreeMap<String, String>,
) -> Vec<Reviewed> {
    let opened = files
        .iter()
        .map(|(name, bytes)| (name.clone(), open_file(bytes)))
        .collect();
    review_opened(opened, roster, expected)
}

/// [`review`] for files already opened with [`open_file`].
pub fn review_opened(
    opened: Vec<(String, Result<Opened, String>)>,
    roster: &Roster,
    expected: &BTreeMap<String, String>,
) -> Vec<Reviewed> {
    let mut out: Vec<Reviewed> = opened
        .into_iter()
        .map(|(name, opened)| {
            let (status, verified) = match opened {
                Err(why) => (FileStatus::Unreadable(why), None),
                Ok(Opened::Unsigned(_)) => (
                    FileStatus::BadSignature("署名がありません / not signed".into()),
                    None,
                ),
                Ok(Opened::Invalid { error, .. }) => {
                    (FileStatus::BadSignature(error.message_ja()), None)
                }
                Ok(Opened::Valid(v)) => {
                    let status = match roster.find(&v.public_key) {
                        Some(reg) => FileStatus::Registered(reg.clone()),
                        None => FileStatus::Unregistered,
                    };
                    (status, Some(*v))
                }
            };
            Reviewed {
                name,
                status,
                verified,
            }
        })
        .collect();

    // the version under review: given, or the newest among the valid files
    let mut versions: BTreeMap<String, String> = expected.clone();
    for v in out.iter().filter_map(|r| r.verified.as_ref()) {
        let b = &v.result.bundle;
        if !expected.contains_key(&b.id) {
            let e = versions.entry(b.id.clone()).or_default();
            if b.version > *e {
                *e = b.version.clone();
            }
        }
    }
    for r in out.iter_mut() {
        if let Some(v) = &r.verified {
            let b = &v.result.bundle;
            let want = versions.get(&b.id).cloned().unwrap_or_default();
            if r.status.counts() && b.version != want {
                r.status = FileStatus::OtherVersion {
                    found: b.version.clone(),
                    expected: want,
                };
            }
        }
    }

    // duplicates: the newest signature (then the newest result) counts
    let mut newest: BTreeMap<(String, String, String, String), usize> = BTreeMap::new();
    for (i, r) in out.iter().enumerate() {
        let (Some(v), true) = (&r.verified, r.status.counts()) else {
            continue;
        };
        let key = submission_key(&v.result);
        let stamp = |v: &Verified| (v.signed_at.unwrap_or(0), v.result.created.clone());
        match newest.get(&key) {
            Some(&j) if out[j].verified.as_ref().map(stamp) >= Some(stamp(v)) => {}
            _ => {
                newest.insert(key, i);
            }
        }
    }
    let winners: BTreeMap<usize, String> =
        newest.values().map(|&i| (i, out[i].name.clone())).collect();
    let keys: Vec<Option<_>> = out
        .iter()
        .map(|r| r.verified.as_ref().map(|v| submission_key(&v.result)))
        .collect();
    for (i, r) in out.iter_mut().enumerate() {
        if !r.status.counts() || winners.contains_key(&i) {
            continue;
        }
        if let Some(key) = &keys[i]
            && let Some(&w) = newest.get(key)
        {
            r.status = FileStatus::Duplicate {
                superseded_by: winners.get(&w).cloned().unwrap_or_default(),
            };
        }
    }
    out
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

    #[test]
    fn every_status_is_told_apart_and_one_bad_file_stops_nothing() {
        let (k_joho, r_joho) = key("情報政策課");
        let (k_soumu, r_soumu) = key("総務課");
        let (k_stranger, _) = key("市民課");
        let roster = roster(&[&r_joho, &r_soumu]);
        let mut old_version = result("税務課", 2026);
        old_version.bundle.version = "2001-04-01".into();
        let (_, mut tampered) = signed("t.json", &result("総務課", 2026), &k_soumu, 10);
        let at = tampered
            .windows(6)
            .position(|w| w == "\u{7dcf}務".as_bytes())
            .expect("division in file");
        tampered[at..at + 6].copy_from_slice("税務".as_bytes());
        let files = vec![
            signed("joho-old.json", &result("情報政策課", 2026), &k_joho, 100),
            signed("joho-new.json", &result("情報政策課", 2026), &k_joho, 200),
            ("soumu.json".to_string(), tampered),
            signed("shimin.json", &result("市民課", 2026), &k_stranger, 100),
            signed("zeimu.json", &old_version, &k_soumu, 100),
            ("junk.json".to_string(), b"{not json".to_vec()),
            (
                "plain.json".to_string(),
                result("総務課", 2026).to_canonical_json(),
            ),
        ];
        let reviewed = review(&files, &roster, &BTreeMap::new());
        let labels: Vec<(&str, &str)> = reviewed
            .iter()
            .map(|r| (r.name.as_str(), r.status.label()))
            .collect();
        assert_eq!(
            labels,
            [
                ("joho-old.json", "重複"),
                ("joho-new.json", "有効（登録済みの鍵）"),
                ("soumu.json", "署名不正"),
                ("shimin.json", "有効だが未登録の鍵"),
                ("zeimu.json", "別の規則版"),
                ("junk.json", "読めない"),
                ("plain.json", "署名不正"),
            ]
        );
        assert_eq!(
            reviewed[0].status,
            FileStatus::Duplicate {
                superseded_by: "joho-new.json".into()
            }
        );
        assert!(
            matches!(&reviewed[1].status, FileStatus::Registered(r) if r.division == "情報政策課")
        );
        let counted: Vec<&str> = reviewed
            .iter()
            .filter(|r| r.counted().is_some())
            .map(|r| r.name.as_str())
            .collect();
        assert_eq!(counted, ["joho-new.json", "shimin.json"]);
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
            signed("2025.json", &result("情報政策課", 2025), &k, 1),
            signed("2026.json", &result("情報政策課", 2026), &k, 2),
            signed("c1.json", &c1, &k, 3),
            signed("c2.json", &c2, &k, 4),
        ];
        let reviewed = review(&files, &roster(&[&reg]), &BTreeMap::new());
        assert!(reviewed.iter().all(|r| r.status.counts()), "{reviewed:?}");
    }

    #[test]
    fn the_version_under_review_can_be_given() {
        let (k, reg) = key("情報政策課");
        let r = result("情報政策課", 2026);
        let version = r.bundle.version.clone();
        let files = vec![signed("a.json", &r, &k, 1)];
        let expected = BTreeMap::from([(r.bundle.id.clone(), "2099-04-01".to_string())]);
        let reviewed = review(&files, &roster(&[&reg]), &expected);
        assert_eq!(
            reviewed[0].status,
            FileStatus::OtherVersion {
                found: version,
                expected: "2099-04-01".into()
            }
        );
    }
}
