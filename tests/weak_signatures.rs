//! One Ed25519 rule everywhere, minisign's: crafted keys and signatures (small-order and
//! mixed-order points, unreduced scalars, a key nobody holds a secret for, one key under two
//! key ids) are decided by tenken's two verifiers exactly as Debian's `minisign -V` decides
//! them, alone or among any other files, and no weak key gets into a roster.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod forge;

use std::path::PathBuf;
use std::process::Command;

use forge::{Craft, Key};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tenken::core::ProblemKind;
use tenken::core::result::ResultDoc;
use tenken::core::sign::{
    Opened, Registration, Roster, SignError, SignedFile, open_result, open_results, verify_detached,
};

/// The `minisign` crate's own verifier (a third implementation, with its own arithmetic).
fn minisign_crate_accepts(bytes: &[u8], minisig: &str, public: &str) -> bool {
    let (Ok(pk), Ok(sig)) = (
        minisign::PublicKey::from_base64(public),
        minisign::SignatureBox::from_string(minisig),
    ) else {
        return false;
    };
    minisign::verify(&pk, &sig, std::io::Cursor::new(bytes), true, false, true).is_ok()
}

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("tenken-weak-{}-{name}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Debian's `minisign -V` on the bytes, signature and key (installed by `.ci/setup`).
fn minisign_accepts(dir: &Scratch, bytes: &[u8], minisig: &str, public: &str) -> bool {
    let data = dir.0.join("data");
    std::fs::write(&data, bytes).unwrap();
    std::fs::write(dir.0.join("data.minisig"), minisig).unwrap();
    let out = Command::new("minisign")
        .args(["-Vm", "data", "-P", public])
        .current_dir(&dir.0)
        .output()
        .expect("minisign must be installed (apt-get install minisign; see .ci/setup)");
    out.status.success()
}

/// Every crafted case, with the verdict it must get: (what, key, craft, holds).
fn cases() -> Vec<(&'static str, Key, Craft, bool)> {
    let k = Key::honest(1);
    vec![
        ("honest", k, Craft::Honest, true),
        ("R with an order-8 component", k, Craft::MixedR, false),
        ("R of small order", k, Craft::SmallR, false),
        ("s + L", k, Craft::UnreducedS, false),
        (
            "the identity as the key",
            Key::identity(),
            Craft::Honest,
            false,
        ),
        // a mixed-order key's signatures that hold in minisign's equation hold in tenken's
        // (it is refused as a registration, below)
        ("a mixed-order key", Key::mixed(2), Craft::Honest, true),
    ]
}

#[test]
fn every_crafted_signature_is_decided_as_minisign_decides() {
    let dir = Scratch::new("cases");
    let bytes = "点検結果".repeat(50).into_bytes();
    for (what, key, craft, holds) in cases() {
        for nonce in 0..3 {
            let sig = key.minisig(&bytes, "timestamp:1780000000\tfile:x", craft, nonce);
            let public = key.public();
            let debian = minisign_accepts(&dir, &bytes, &sig, &public);
            let ours = verify_detached(&bytes, &sig, &public);
            assert_eq!(debian, holds, "{what}: Debian's minisign");
            assert_eq!(ours.is_ok(), holds, "{what}: tenken: {ours:?}");
            assert_eq!(
                minisign_crate_accepts(&bytes, &sig, &public),
                holds,
                "{what}: the minisign crate"
            );
            // the changed bytes never hold
            let mut other = bytes.clone();
            other[0] ^= 1;
            assert!(verify_detached(&other, &sig, &public).is_err(), "{what}");
        }
    }
}

#[test]
fn weak_values_are_refused_with_their_reason_before_any_arithmetic() {
    let bytes = b"tenken";
    let k = Key::honest(3);
    let message = |craft| {
        let sig = k.minisig(bytes, "timestamp:1", craft, 0);
        verify_detached(bytes, &sig, &k.public()).expect_err("refused")
    };
    use tenken::core::sign::{Flaw, Part};
    assert_eq!(
        message(Craft::SmallR),
        SignError::Malformed(Part::SignatureLine, Flaw::SmallOrder)
    );
    assert_eq!(
        message(Craft::UnreducedS),
        SignError::Malformed(Part::SignatureLine, Flaw::NonCanonical)
    );
    // the mixed R passes the byte checks and fails the equation, as in minisign
    assert_eq!(message(Craft::MixedR), SignError::BadSignature);
    let id = Key::identity();
    let sig = id.minisig(bytes, "timestamp:1", Craft::Honest, 0);
    let e = verify_detached(bytes, &sig, &id.public()).expect_err("identity");
    assert_eq!(e, SignError::Malformed(Part::PublicKey, Flaw::SmallOrder));
    assert!(e.to_string().contains("位数の小さい点"), "{e}");
}

fn registration(key: &Key, division: &str) -> Registration {
    Registration {
        format: "tenken-registration/1".into(),
        division: division.into(),
        name: "課長 太郎".into(),
        title: "課長".into(),
        public_key: key.public(),
        fingerprint: tenken::core::sign::fingerprint_of(&key.public()).unwrap_or_default(),
        created: "2026-04-01".into(),
        valid_from: String::new(),
        valid_until: String::new(),
        revoked: None,
    }
}

fn roster_of(regs: Vec<Registration>) -> Result<Roster, tenken::core::Problems> {
    let mut r = Roster::new();
    r.keys = regs;
    Roster::from_json(r.to_json().as_bytes())
}

#[test]
fn weak_keys_never_enter_a_roster() {
    for (what, key) in [
        ("identity", Key::identity()),
        ("mixed order", Key::mixed(4)),
    ] {
        let problems = roster_of(vec![registration(&key, "総務課")]).expect_err(what);
        assert_eq!(problems.0.len(), 1, "{what}: {problems:?}");
        assert_eq!(problems.0[0].path, "keys[0].public_key", "{what}");
        assert!(
            matches!(problems.0[0].kind, ProblemKind::BadPublicKey { .. }),
            "{what}: {problems:?}"
        );
        // as a single registration file too
        let one = registration(&key, "総務課").to_json();
        assert!(Roster::from_json(one.as_bytes()).is_err(), "{what}");
    }
    assert!(roster_of(vec![registration(&Key::honest(5), "総務課")]).is_ok());
}

#[test]
fn one_ed25519_key_is_one_key_whatever_its_id() {
    let k = Key::honest(6);
    let twin = k.with_id(*b"otherid!");
    // listed twice in one roster: refused as a duplicate
    let problems = roster_of(vec![
        registration(&k, "総務課"),
        registration(&twin, "税務課"),
    ])
    .expect_err("same key twice");
    assert!(
        problems
            .0
            .iter()
            .any(|p| p.path == "keys[1].public_key"
                && matches!(p.kind, ProblemKind::Duplicate { .. })),
        "{problems:?}"
    );
    // merged later: refused, for another 課 or for the same one
    for division in ["税務課", "総務課"] {
        let mut roster = roster_of(vec![registration(&k, "総務課")]).expect("roster");
        let conflicts = roster.merge(roster_of(vec![registration(&twin, division)]).unwrap());
        assert_eq!(conflicts.len(), 1, "{division}");
        assert!(conflicts[0].other_id, "{division}");
        assert_eq!(roster.keys.len(), 1);
        // the file signed under the other id is not the registered key's (minisign -V with
        // the registered key refuses it: another key id)
        assert!(roster.find(&twin.public()).is_none());
        assert!(roster.find(&k.public()).is_some());
    }
}

#[test]
fn white_space_around_a_registered_key_still_finds_it() {
    let k = Key::honest(7);
    let mut reg = registration(&k, "総務課");
    reg.public_key = format!("  {}\n", k.public());
    let roster = roster_of(vec![reg]).expect("roster");
    assert_eq!(roster.keys[0].public_key, k.public());
    assert!(roster.find(&k.public()).is_some());
    assert!(roster.find(&format!(" {} ", k.public())).is_some());
}

/// A signed result file whose signature is made as `craft` says.
fn signed_file(key: &Key, craft: Craft, nonce: u64) -> Vec<u8> {
    signed_result(key, craft, nonce, "情報政策課", 2026)
}

/// A signed result of `division` for `year`, signed at 2026-05-28 + `nonce` seconds.
fn signed_result(key: &Key, craft: Craft, nonce: u64, division: &str, year: i32) -> Vec<u8> {
    // the result tests/review.rs keeps current for the browser tests
    let text = include_str!("fixtures/result-mini.json");
    let mut result = ResultDoc::from_json(text.as_bytes()).expect("fixture");
    result.subject.division = division.into();
    result.subject.fiscal_year = Some(year);
    let payload = result.to_canonical_json();
    let file = SignedFile {
        format: "tenken-signed/1".into(),
        result: serde_json::from_slice(&payload).unwrap(),
        signature: key.minisig(
            &payload,
            &format!(
                "timestamp:{}\tfile:r{nonce}.tenken.json\thashed",
                1_780_000_000 + nonce
            ),
            craft,
            nonce,
        ),
        public_key: key.public(),
    };
    file.to_json().into_bytes()
}

fn kind(o: &Result<Opened, tenken::core::Problems>) -> &'static str {
    match o {
        Ok(Opened::Valid(_)) => "valid",
        Ok(Opened::Invalid { .. }) => "invalid",
        Ok(Opened::Unsigned(_)) => "unsigned",
        Err(_) => "unreadable",
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// A file's outcome is the same alone and among any neighbours, crafted ones included,
    /// and only honest signatures (or a mixed-order key's that hold, as in minisign) are valid.
    #[test]
    fn a_file_counts_alone_iff_among_any_neighbours(
        picks in proptest::collection::vec((0usize..6, 0u64..1_000), 1..40)
    ) {
        let all = cases();
        let files: Vec<Vec<u8>> = picks
            .iter()
            .map(|&(c, nonce)| signed_file(&all[c].1, all[c].2, nonce))
            .collect();
        let bytes: Vec<&[u8]> = files.iter().map(|f| f.as_slice()).collect();
        let together = open_results(&bytes);
        for (i, &(c, _)) in picks.iter().enumerate() {
            let alone = open_result(bytes[i]);
            prop_assert_eq!(kind(&together[i]), kind(&alone), "file {}", i);
            let expected = if all[c].3 { "valid" } else { "invalid" };
            prop_assert_eq!(kind(&alone), expected, "{}", all[c].0);
        }
    }
}

#[test]
fn the_cli_refuses_crafted_files_as_minisign_does() {
    let dir = Scratch::new("cli");
    let k = Key::honest(8);
    let reg = registration(&k, "情報政策課");
    let mut roster = Roster::new();
    roster.keys = vec![reg];
    std::fs::write(dir.0.join("roster.json"), roster.to_json()).unwrap();
    let names = ["honest", "mixed", "small", "unreduced"];
    for (name, craft) in names.iter().zip([
        Craft::Honest,
        Craft::MixedR,
        Craft::SmallR,
        Craft::UnreducedS,
    ]) {
        std::fs::write(
            dir.0.join(format!("{name}.tenken.json")),
            signed_file(&k, craft, 1),
        )
        .unwrap();
    }
    let files: Vec<String> = names.iter().map(|n| format!("{n}.tenken.json")).collect();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_tenken"))
            .current_dir(&dir.0)
            .args(args)
            .args(&files)
            .output()
            .expect("tenken");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (code, out) = run(&["verify", "--roster", "roster.json", "--today", "2026-11-30"]);
    assert_eq!(code, Some(1), "{out}");
    let line = |name: &str| {
        out.lines()
            .find(|l| l.contains(&format!("{name}.tenken.json")))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line("honest").starts_with("OK "), "{out}");
    for name in ["mixed", "small", "unreduced"] {
        assert!(line(name).starts_with("BAD "), "{name}: {out}");
    }
    assert!(line("small").contains("位数の小さい点"), "{out}");
    assert!(
        line("unreduced").contains("正規の形ではありません"),
        "{out}"
    );
    let (code, out) = run(&[
        "aggregate",
        "--roster",
        "roster.json",
        "--today",
        "2026-11-30",
        "-o",
        "report.csv",
        "--",
    ]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("有効 1"), "{out}");
    assert!(out.contains("署名不正 3"), "{out}");
}

/// Four 課, each with its own honest key (registered) — and one stranger's key.
fn review_keys() -> [(Key, &'static str); 5] {
    [
        (Key::honest(20), "総務課"),
        (Key::honest(21), "税務課"),
        (Key::honest(22), "市民課"),
        (Key::honest(23), "情報政策課"),
        (Key::honest(24), "総務課"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    /// In 集計: a file that does not count alone counts among no neighbours, for the same
    /// reason; one that counts alone counts among any neighbours, or is 重複 of another
    /// counting file of the same 課, checklist and 年度 — never anything else — crafted
    /// signatures, strangers' keys and claimed 課 included.
    #[test]
    fn in_review_a_file_counts_alone_iff_among_any_neighbours(
        picks in proptest::collection::vec(
            (0usize..5, 0usize..4, 0usize..4, 2025i32..2027, 0u64..1_000),
            1..24,
        )
    ) {
        use tenken::core::review::{Rules, StatusKind, review};
        let keys = review_keys();
        let crafts = [Craft::Honest, Craft::Honest, Craft::MixedR, Craft::UnreducedS];
        let mut roster = Roster::new();
        // the last key is nobody's
        roster.keys = keys[..4].iter().map(|(k, d)| registration(k, d)).collect();
        let files: Vec<(String, Vec<u8>)> = picks
            .iter()
            .enumerate()
            .map(|(i, &(k, claim, craft, year, nonce))| {
                let division = keys[claim].1;
                (
                    format!("f{i}.tenken.json"),
                    signed_result(&keys[k].0, crafts[craft], nonce, division, year),
                )
            })
            .collect();
        let rules = Rules {
            roster: &roster,
            official: &[],
            today: tenken::core::date::Date::new(2026, 11, 30).expect("date"),
        };
        let together = review(&files, &rules);
        for (i, file) in files.iter().enumerate() {
            let alone = review(std::slice::from_ref(file), &rules);
            let (a, t) = (alone[0].status.kind(), together[i].status.kind());
            if a == StatusKind::Counted {
                prop_assert!(
                    t == StatusKind::Counted || t == StatusKind::Duplicate,
                    "file {}: alone {:?}, among others {:?}", i, a, t
                );
            } else {
                prop_assert_eq!(a, t, "file {}", i);
                prop_assert_eq!(alone[0].status.detail(), together[i].status.detail());
            }
            let (k, _, craft, _, _) = picks[i];
            if crafts[craft] != Craft::Honest || k == 4 {
                prop_assert!(a != StatusKind::Counted, "file {}", i);
            }
        }
    }
}
