//! The trust rule of 集計 as a property (issue #31): for random rosters (keys of a few 課 with
//! 登録日, 失効日 and revocations of every reason), random signed files (signing times,
//! claimed 課, 年度, claimed bundle id and version, bundle hashes, flattering summaries) and
//! random pins, `core::review` counts exactly the files an oracle written here from the
//! README's rules counts, and marks exactly its duplicates.
//!
//! The oracle works on day numbers and class ids of its own and never calls the core's
//! decisions (`standing_on`, `judge`, `signer`, `name_key`).
//!
//! Failures are kept in `tests/trust.proptest-regressions` (commit it) and run first.
//! Case counts fit CI; raise them locally with `PROPTEST_CASES=2000 cargo test --release
//! --test trust`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod common;

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tenken::core::Bundle;
use tenken::core::date::Date;
use tenken::core::result::ResultDoc;
use tenken::core::review::{FileStatus, Rules, review};
use tenken::core::sign::{
    Owner, Registration, Revocation, RevocationReason, Roster, SignedFile, UnlockedKey, generate,
};

const PASS: &str = "kumo no ue no sora 2026";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");
/// 2026-04-01 00:00 JST: day 0 of every date in this test.
const DAY0: u64 = 1_774_969_200;
const DAY: u64 = 86_400;

/// 課 names a file may claim, with the class the README's rule puts them in: names equal
/// after NFKC and white-space folding are one 課; a name with a hidden character is none.
const DIVISIONS: [(&str, Option<u8>); 5] = [
    ("情報政策課", Some(0)),
    ("総務課", Some(1)),
    ("ＩＴ推進課", Some(2)),
    (" IT推進課 ", Some(2)),
    ("情報\u{200B}政策課", None),
];
/// The 課 keys may be registered for (indexes into [`DIVISIONS`]): two, so that one 課 often
/// holds several keys.
const REGISTERED: [usize; 2] = [0, 2];
/// 年度 a file may name: two inside 1989–2100, one outside.
const YEARS: [i32; 3] = [2025, 2026, 3000];

/// Five keys, made once (key derivation is the slow part).
fn keys() -> &'static Vec<(UnlockedKey, String)> {
    static KEYS: OnceLock<Vec<(UnlockedKey, String)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        (0..5)
            .map(|_| {
                let k = generate(PASS, &Owner::default()).expect("key");
                let public = k.public_key.clone();
                let unlocked = UnlockedKey::unlock(&k.secret_key_file, PASS).expect("unlock");
                (unlocked, public)
            })
            .collect()
    })
}

/// The test bundle, and two more with its content under other hashes.
fn bundles() -> &'static [Bundle; 3] {
    static B: OnceLock<[Bundle; 3]> = OnceLock::new();
    B.get_or_init(|| {
        let mini = tenken::load::load(Path::new(FIXTURE))
            .expect("fixture")
            .validated
            .bundle;
        let mut ab = mini.clone();
        ab.hash = "ab".repeat(32);
        let mut cd = mini.clone();
        cd.hash = "cd".repeat(32);
        [mini, ab, cd]
    })
}

/// A complete, honest 点検 of the test bundle.
fn base_result() -> &'static ResultDoc {
    static R: OnceLock<ResultDoc> = OnceLock::new();
    // a complete subject (each generated file sets its own 課 and 年度)
    R.get_or_init(|| common::mini_result(&bundles()[0], "情報政策課", "conforming", "done", None))
}

/// A registration as generated: dates are day numbers after 2026-04-01.
#[derive(Debug, Clone)]
struct Reg {
    key: usize,
    division: usize,
    from: Option<u64>,
    until: Option<u64>,
    revoked: Option<(u64, usize)>,
}

/// A signed file as generated (its 課 resolved against the roster, see [`resolve`]).
#[derive(Debug, Clone)]
struct File {
    key: usize,
    division: usize,
    /// Day number, and seconds into that day (JST).
    day: u64,
    second: u64,
    year: usize,
    /// Which of [`bundles`] its hash names.
    hash: usize,
    /// It claims bundle id `other` (and version 9999-99-99) instead of the bundle's own.
    other_id: bool,
    /// Item 14 answered 実施していない under the summary of an all-conforming result.
    flattering: bool,
}

fn date(day: u64) -> String {
    Date::from_unix_jst(DAY0 + day * DAY)
        .expect("date")
        .to_string()
}

prop_compose! {
    fn registration()(
        key in 0usize..5,
        division in 0usize..REGISTERED.len(),
        from in prop::option::weighted(0.5, 0u64..150),
        until in prop::option::weighted(0.3, 150u64..400),
        revoked in prop::option::weighted(0.3, (0u64..400, 0usize..4)),
    ) -> Reg {
        Reg { key, division: REGISTERED[division], from, until, revoked }
    }
}

prop_compose! {
    fn file()(
        key in 0usize..5,
        // mostly the 課 the key is registered for (resolved against the roster), else any
        division in prop::option::weighted(0.3, 0usize..DIVISIONS.len()),
        day in 0u64..400,
        second in 0u64..DAY,
        year in prop::sample::select(vec![0usize, 1, 1, 1, 1, 2]),
        hash in prop::sample::select(vec![0usize, 0, 0, 1, 2]),
        other_id in prop::bool::weighted(0.2),
        flattering in prop::bool::weighted(0.15),
    ) -> (File, Option<usize>) {
        (File { key, division: 0, day, second, year, hash, other_id, flattering }, division)
    }
}

/// What the oracle says of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Counts,
    Duplicate,
    Nowhere,
}

/// The README's rules, on this test's own terms. `roster` lists each key once, in roster
/// order; `pins` the bundles (indexes into [`bundles`]) that are official.
fn oracle(roster: &[Reg], files: &[File], pins: &[usize], today: u64) -> Vec<Verdict> {
    // 1. which files count on their own
    let candidate = |f: &File| -> Option<usize> {
        let (place, reg) = roster.iter().enumerate().find(|(_, r)| r.key == f.key)?;
        // registered for the result's own 課 (a hidden character matches no 課)
        let claimed = DIVISIONS[f.division].1?;
        if DIVISIONS[reg.division].1 != Some(claimed) {
            return None;
        }
        // signed within the key's period, before its revocation (lost: never), not after today
        if f.day > today || f.day < reg.from.unwrap_or(0) {
            return None;
        }
        if reg.until.is_some_and(|u| f.day > u) {
            return None;
        }
        if let Some((on, why)) = reg.revoked
            && (RevocationReason::ALL[why] == RevocationReason::Compromised || f.day >= on)
        {
            return None;
        }
        // answers an official bundle, and its summary agrees with its answers
        if !pins.is_empty() && (!pins.contains(&f.hash) || f.flattering) {
            return None;
        }
        // names a submission: a 年度 within 1989-2100
        if !(1989..=2100).contains(&YEARS[f.year]) {
            return None;
        }
        Some(place)
    };
    let places: Vec<Option<usize>> = files.iter().map(candidate).collect();
    // 2. one per submission: 課, bundle id (pinned: the bundle's own), checklist, 年度; the key
    // registered last wins (its first day, then its place in the roster), then, for one key,
    // the latest signing time, then the first file
    let submission = |f: &File| {
        let id = if f.other_id && pins.is_empty() {
            "other"
        } else {
            "mini"
        };
        (DIVISIONS[f.division].1, id, YEARS[f.year])
    };
    let rank = |i: usize, place: usize| {
        let f = &files[i];
        let first = roster[place].from.unwrap_or(0);
        (first, place, f.day * DAY + f.second, std::cmp::Reverse(i))
    };
    (0..files.len())
        .map(|i| {
            let Some(place) = places[i] else {
                return Verdict::Nowhere;
            };
            let beaten = (0..files.len()).any(|j| {
                j != i
                    && places[j].is_some_and(|pj| {
                        submission(&files[j]) == submission(&files[i])
                            && rank(j, pj) > rank(i, place)
                    })
            });
            if beaten {
                Verdict::Duplicate
            } else {
                Verdict::Counts
            }
        })
        .collect()
}

/// The file's 課: the one given, or else the 課 its key is registered for (another spelling
/// of it every other time; 情報政策課 for a key in no registration).
fn resolve(file: (File, Option<usize>), roster: &[Reg], n: usize) -> File {
    let (mut f, division) = file;
    f.division = division.unwrap_or_else(|| {
        match roster.iter().find(|r| r.key == f.key).map(|r| r.division) {
            Some(2) if n % 2 == 1 => 3,
            Some(d) => d,
            None => 0,
        }
    });
    f
}

fn signed(f: &File) -> Vec<u8> {
    let mut r = base_result().clone();
    r.subject.division = DIVISIONS[f.division].0.into();
    r.subject.fiscal_year = Some(YEARS[f.year]);
    r.bundle.hash = bundles()[f.hash].hash.clone();
    if f.other_id {
        r.bundle.id = "other".into();
        r.bundle.version = "9999-99-99".into();
    }
    if f.flattering {
        r.items[2].option = Some("notdone".into());
    }
    let when = DAY0 + f.day * DAY + f.second;
    SignedFile::sign(&r, &keys()[f.key].0, "f", when)
        .expect("sign")
        .to_json()
        .into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// A file counts exactly when the oracle says so, and is a duplicate exactly when it
    /// says so, whatever the other files claim.
    #[test]
    fn review_counts_what_the_rules_count(
        regs in prop::collection::vec(registration(), 0..6),
        files in prop::collection::vec(file(), 1..10),
        pins in prop::sample::select(vec![vec![], vec![], vec![0usize], vec![0, 1]]),
        today in 200u64..500,
    ) {
        // each key once, in the order generated (the roster order)
        let mut listed: Vec<Reg> = Vec::new();
        for r in regs {
            if !listed.iter().any(|l| l.key == r.key) {
                listed.push(r);
            }
        }
        let mut roster = Roster::new();
        for r in &listed {
            let mut reg = Registration::new(
                DIVISIONS[r.division].0,
                "氏名",
                "課長",
                &keys()[r.key].1,
                "2026-04-01",
            )
            .expect("registration");
            if let Some(f) = r.from {
                reg.valid_from = date(f);
            }
            if let Some(u) = r.until {
                reg.valid_until = date(u);
            }
            if let Some((d, why)) = r.revoked {
                reg.revoked = Some(Revocation {
                    date: date(d),
                    reason: RevocationReason::ALL[why],
                    note: String::new(),
                });
            }
            roster.keys.push(reg);
        }
        let files: Vec<File> = files
            .into_iter()
            .enumerate()
            .map(|(n, f)| resolve(f, &listed, n))
            .collect();
        let official: Vec<&Bundle> = pins.iter().map(|&i| &bundles()[i]).collect();
        let rules = Rules {
            roster: &roster,
            official: &official,
            today: Date::parse_iso(&date(today)).expect("today"),
        };
        let named: Vec<(String, Vec<u8>)> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (format!("{i}.tenken.json"), signed(f)))
            .collect();
        let reviewed = review(&named, &rules);
        let expected = oracle(&listed, &files, &pins, today);
        for (i, (r, want)) in reviewed.iter().zip(&expected).enumerate() {
            let got = match &r.status {
                FileStatus::Counted(reg) => {
                    prop_assert_eq!(&reg.public_key, &keys()[files[i].key].1);
                    Verdict::Counts
                }
                FileStatus::Duplicate { .. } => Verdict::Duplicate,
                _ => Verdict::Nowhere,
            };
            prop_assert_eq!(got, *want, "file {} {:?}: {:?}", i, files[i], r.status);
        }
    }
}
