//! Hostile input to the trust code: cut-short, padded and random signature lines, public
//! keys and key files never panic; and, for random rosters, periods and files, no file
//! counts for a 課 unless a key registered to that 課 and valid at the signing time signed it.
//!
//! Case counts fit CI; raise them locally with `PROPTEST_CASES=10000 cargo test --release
//! --test hostile`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod common;

use std::path::Path;
use std::sync::OnceLock;
use tenken::core::message::Message;

use proptest::prelude::*;
use tenken::core::date::Date;
use tenken::core::draft::{Answer, Draft, ProfileAnswer};
use tenken::core::evaluate::evaluate;
use tenken::core::name::name_key;
use tenken::core::result::ResultDoc;
use tenken::core::review::{FileStatus, Rules, review};
use tenken::core::sign::{
    KeyStanding, Owner, Registration, Revocation, RevocationReason, Roster, SignError, SignedFile,
    UnlockedKey, fingerprint_of, generate, open_result, public_key_of, verify_detached,
};

const PASS: &str = "kumo no ue no sora 2026";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");
/// 2026-05-28, in the 2026 年度.
const T: u64 = 1_780_000_000;
const DAY: u64 = 86_400;

/// Four keys, made once (key derivation is the slow part).
fn keys() -> &'static Vec<(UnlockedKey, String)> {
    static KEYS: OnceLock<Vec<(UnlockedKey, String)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        (0..4)
            .map(|_| {
                let k = generate(PASS, &Owner::default()).expect("key");
                let public = k.public_key.clone();
                (
                    UnlockedKey::unlock(&k.secret_key_file, PASS).expect("unlock"),
                    public,
                )
            })
            .collect()
    })
}

fn base_result() -> &'static ResultDoc {
    static R: OnceLock<ResultDoc> = OnceLock::new();
    R.get_or_init(|| {
        let loaded = tenken::load::load(Path::new(FIXTURE)).expect("fixture");
        common::mini_result(
            &loaded.validated.bundle,
            "情報政策課",
            "conforming",
            "done",
            None,
        )
    })
}

fn result_for(division: &str) -> ResultDoc {
    let mut r = base_result().clone();
    r.subject.division = division.into();
    r
}

fn genuine() -> &'static SignedFile {
    static F: OnceLock<SignedFile> = OnceLock::new();
    F.get_or_init(|| {
        SignedFile::sign(&result_for("情報政策課"), &keys()[0].0, "x.tenken.json", T).expect("sign")
    })
}

/// Every prefix of every line of a genuine signature, and of the whole text: refused with
/// a reason, never a panic (a line cut to `AAAA` once aborted the page).
#[test]
fn every_cut_short_signature_is_refused_without_panic() {
    let file = genuine();
    let payload = file.payload().expect("payload");
    assert!(verify_detached(&payload, &file.signature, &file.public_key).is_ok());
    let lines: Vec<&str> = file.signature.lines().collect();
    assert_eq!(lines.len(), 4);
    for (i, line) in lines.iter().enumerate() {
        // the untrusted comment is not signed: only its prefix matters
        let signed_from = if i == 0 {
            "untrusted comment:".len()
        } else {
            line.len()
        };
        for cut in 0..signed_from {
            let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            changed[i] = line[..cut].to_string();
            let text = changed.join("\n");
            assert!(
                verify_detached(&payload, &text, &file.public_key).is_err(),
                "line {i} cut at {cut} still verifies"
            );
        }
        // and "AAAA" as the whole line
        let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        changed[i] = "AAAA".into();
        assert!(verify_detached(&payload, &changed.join("\n"), &file.public_key).is_err());
    }
    for cut in 0..file.signature.len() {
        if file.signature.is_char_boundary(cut) {
            let text = &file.signature[..cut];
            let trimmed_only = text.trim_end() == file.signature.trim_end();
            assert_eq!(
                verify_detached(&payload, text, &file.public_key).is_ok(),
                trimmed_only,
                "cut at {cut}"
            );
        }
    }
    // the same through the file reader: the cut file is 署名不正, not a crash
    let mut cut = file.clone();
    cut.signature = format!("{}\n{}\n{}\nAAAA\n", lines[0], lines[1], lines[2]);
    match open_result(cut.to_json().as_bytes()) {
        Ok(tenken::core::sign::Opened::Invalid { error, .. }) => {
            assert!(matches!(error, SignError::Malformed(..)), "{error:?}");
            assert!(
                error.message_ja().contains("4行目"),
                "{}",
                error.message_ja()
            );
        }
        other => panic!("expected invalid, got {other:?}"),
    }
}

fn b64_char() -> impl Strategy<Value = char> {
    prop::sample::select(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n\r -_\u{3042}"
            .chars()
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))), ..ProptestConfig::default() })]

    /// Random edits of a genuine signature never panic and (but for a trailing new line)
    /// never verify.
    #[test]
    fn edited_signatures_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), b64_char(), 0u8..3), 1..6)
    ) {
        let file = genuine();
        let payload = file.payload().expect("payload");
        let mut chars: Vec<char> = file.signature.chars().collect();
        for (at, c, op) in edits {
            let i = at.index(chars.len().max(1));
            match op {
                0 if i < chars.len() => chars[i] = c,
                1 => chars.insert(i.min(chars.len()), c),
                _ if i < chars.len() => { chars.remove(i); }
                _ => {}
            }
        }
        let text: String = chars.into_iter().collect();
        let outcome = verify_detached(&payload, &text, &file.public_key);
        if outcome.is_ok() {
            // only the unsigned first line, or white space at a line's end, may differ
            let norm = |s: &str| s.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).skip(1).collect::<Vec<_>>();
            prop_assert_eq!(norm(&text), norm(&file.signature));
        }
    }

    /// Arbitrary text as a signature, public key or key file: an error, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,300}", lines in prop::collection::vec("[A-Za-z0-9+/=]{0,120}", 0..6)) {
        let payload = b"payload";
        let joined = lines.join("\n");
        for t in [text.as_str(), joined.as_str()] {
            prop_assert!(verify_detached(payload, t, &genuine().public_key).is_err());
            prop_assert!(verify_detached(payload, &genuine().signature, t).is_err());
            let _ = public_key_of(t);
            let _ = fingerprint_of(t);
            prop_assert!(UnlockedKey::unlock(t, PASS).is_err());
            let as_key = format!("untrusted comment: x\n{t}\n");
            prop_assert!(UnlockedKey::unlock(&as_key, PASS).is_err());
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))), ..ProptestConfig::default() })]

    /// Secret key files with any key-derivation parameters: those above tenken's cost are
    /// refused before scrypt runs; cheap ones fail on the passphrase.
    #[test]
    fn key_files_with_any_kdf_parameters(
        ops in prop_oneof![Just(u64::MAX), Just(1u64 << 25), any::<u64>(), 0u64..(1 << 20)],
        mem in prop_oneof![Just(u64::MAX), Just(1u64 << 30), any::<u64>(), 0u64..(1 << 16)],
        body in prop::collection::vec(any::<u8>(), 104),
    ) {
        let mut key = Vec::with_capacity(158);
        key.extend_from_slice(b"EdScB2");
        key.extend_from_slice(&body[..32]);
        key.extend_from_slice(&ops.to_le_bytes());
        key.extend_from_slice(&mem.to_le_bytes());
        key.extend_from_slice(&body[32..]);
        key.extend_from_slice(&[0u8; 158 - 6 - 32 - 16 - 72]);
        assert_eq!(key.len(), 158);
        let text = format!("untrusted comment: x\n{}\n", tenken_b64(&key));
        let outcome = UnlockedKey::unlock(&text, PASS);
        if ops > 1 << 20 || mem > 1 << 25 {
            prop_assert_eq!(outcome.err(), Some(SignError::KeyCostTooHigh { opslimit: ops, memlimit: mem }));
        } else {
            prop_assert!(outcome.is_err());
        }
    }
}

/// Standard base64 (the test's own, independent of tenken's).
fn tenken_b64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            out.push(if i <= c.len() {
                A[((n >> (18 - 6 * i)) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

const ZWSP: char = '\u{200B}';

const DIVISIONS: [&str; 5] = [
    "情報政策課",
    "総務課",
    "情報\u{200B}政策課",
    "ＩＴ推進課",
    "IT推進課",
];

fn date(days_after_2026_04_01: u64) -> String {
    Date::from_unix_jst(1_774_969_200 + days_after_2026_04_01 * DAY)
        .expect("date")
        .to_string()
}

prop_compose! {
    fn registration()(
        key in 0usize..4,
        division in 0usize..2,
        from in prop::option::of(0u64..200),
        until in prop::option::of(0u64..400),
        revoked in prop::option::of((0u64..400, 0usize..4)),
    ) -> (usize, Registration) {
        let mut r = Registration::new(DIVISIONS[division], "氏名", "課長", &keys()[key].1, "2026-04-01")
            .expect("registration");
        if let Some(f) = from { r.valid_from = date(f); }
        if let Some(u) = until { r.valid_until = date(u); }
        if let Some((d, why)) = revoked {
            r.revoked = Some(Revocation { date: date(d), reason: RevocationReason::ALL[why], note: String::new() });
        }
        (key, r)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))), ..ProptestConfig::default() })]

    /// For random rosters, periods and files: a file counts only when a key registered to
    /// its own 課 and valid on its signing date signed it, not after the review date.
    #[test]
    fn nothing_counts_without_a_valid_key_of_its_own_division(
        regs in prop::collection::vec(registration(), 0..5),
        files in prop::collection::vec((0usize..4, 0usize..5, 0u64..500, 2025i32..2028), 1..10),
        today in 0u64..500,
    ) {
        let mut roster = Roster::new();
        for (_, r) in &regs {
            if roster.find(&r.public_key).is_none() {
                roster.keys.push(r.clone());
            }
        }
        let today = Date::parse_iso(&date(today)).expect("today");
        let signed: Vec<(String, Vec<u8>)> = files
            .iter()
            .enumerate()
            .map(|(i, (key, division, day, year))| {
                let mut r = result_for(DIVISIONS[*division]);
                r.subject.fiscal_year = Some(*year);
                let when = 1_774_969_200 + day * DAY;
                let f = SignedFile::sign(&r, &keys()[*key].0, "f", when).expect("sign");
                (format!("{i}"), f.to_json().into_bytes())
            })
            .collect();
        let reviewed = review(&signed, &Rules { roster: &roster, official: &[], today });
        for ((key, division, day, _), r) in files.iter().zip(&reviewed) {
            if let FileStatus::Counted(reg) = &r.status {
                let signed_on = Date::from_unix_jst(1_774_969_200 + day * DAY).expect("date");
                prop_assert_eq!(&reg.public_key, &keys()[*key].1);
                prop_assert_eq!(name_key(&reg.division), name_key(DIVISIONS[*division]));
                prop_assert!(!DIVISIONS[*division].contains(ZWSP), "a hidden character counted");
                prop_assert_eq!(reg.standing_on(signed_on), KeyStanding::Valid);
                prop_assert!(signed_on <= today);
                let registered = roster.find(&keys()[*key].1).expect("registered");
                prop_assert_eq!(registered, reg);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Costs a bundle can set: quote matching (issue #31)
// ---------------------------------------------------------------------------------------

/// A bundle within every count limit: one source of about 2 MB (`articles`: each article's
/// number and the letter it repeats, sharing the text equally), 2,000 items in 10 sections,
/// each citing `cited` with a quote of `quote(i)`.
fn quote_bomb(articles: &[(&str, char)], cited: &str, quote: impl Fn(usize) -> String) -> Vec<u8> {
    use serde_json::json;
    let per_article = 1_990_000 / articles.len() / 3;
    let mut text = String::new();
    for (number, letter) in articles {
        text.push_str(&format!("第{number}条 "));
        text.extend(std::iter::repeat_n(*letter, per_article));
        text.push('\n');
    }
    assert!(text.len() < tenken::core::bundle::MAX_SOURCE_BYTES);
    let sections: Vec<_> = (0..10)
        .map(|s| {
            let items: Vec<_> = (0..200)
                .map(|i| {
                    let n = s * 200 + i;
                    json!({
                        "id": format!("i{n}"),
                        "text": "確認していますか。",
                        "cite": [{ "source": "k", "article": cited, "quote": quote(n) }],
                    })
                })
                .collect();
            json!({ "id": format!("s{s}"), "title": "節", "items": items })
        })
        .collect();
    let bundle = json!({
        "format": "tenken-bundle/1",
        "id": "bomb",
        "version": "2026-04-01",
        "title": "引用の照合",
        "municipality": { "name": "試験市" },
        "sources": [{ "id": "k", "title": "試験規則", "text": text }],
        "checklists": [{
            "id": "tenken", "kind": "inspection", "title": "点検", "respondent": "課長",
            "sections": sections,
        }],
    });
    let bytes = serde_json::to_vec(&bundle).expect("json");
    assert!(bytes.len() < tenken::core::bundle::MAX_BUNDLE_BYTES);
    // `TENKEN_WRITE_BOMBS=DIR cargo test --test hostile quote` keeps the files, to time
    // `tenken bundle check DIR/*.json` and opening them in tenken.html
    if let Ok(dir) = std::env::var("TENKEN_WRITE_BOMBS") {
        let name = format!(
            "bomb-{}-{cited}-{}.json",
            articles.len(),
            quote(1).chars().count()
        );
        std::fs::write(Path::new(&dir).join(name), &bytes).expect("write");
    }
    bytes
}

/// The attack: 2,000 citations each quoting one letter of a 2 MB text (the letter fills the
/// cited article). Matching once enumerated every occurrence of every quote (66–89 s in
/// `tenken bundle check`); each quote is now found at its place with a few bytes read.
#[test]
fn quote_matching_of_one_letter_quotes_reads_a_few_bytes_each() {
    let bytes = quote_bomb(&[("1", 'あ')], "1", |_| "あ".into());
    let validated = tenken::core::bundle::Bundle::from_json(&bytes).expect("valid");
    let read = validated.quote_work;
    assert!(read <= 2_000 * 64, "read {read} bytes");
    // beside each item the walk-through shows its article around the quote, at most
    // MAX_EXCERPT_SIDE on each side: not 2 MB for each of a screen's 200 items
    use tenken::core::bundle::MAX_EXCERPT_SIDE;
    let b = &validated.bundle;
    for (_, item) in b.checklists[0].items() {
        let (before, quote, after) = b.sources[0].excerpt(&item.cite[0]).expect("shown");
        assert_eq!(quote, "あ");
        assert!(before.len() + after.len() <= 2 * (MAX_EXCERPT_SIDE + "…".len()));
    }
}

/// Quotes that send the search through the whole text: the same letters cited where they are
/// not (the cited article holds another letter), and quotes nearly everywhere but nowhere
/// whole (「ああ…あい」 in a text of 「あ」). The reading stops at the budget and the bundle gets
/// one problem with the numbers, in Japanese and English.
#[test]
fn quote_matching_beyond_its_budget_is_one_problem_with_the_numbers() {
    use tenken::core::problem::ProblemKind;
    let elsewhere = quote_bomb(&[("1", 'あ'), ("2", 'い')], "2", |i| {
        "あ".repeat(1 + i % 50)
    });
    let nowhere = quote_bomb(&[("1", 'あ')], "1", |i| {
        format!("{}い", "あ".repeat(1 + i % 50))
    });
    for bytes in [elsewhere, nowhere] {
        let problems = tenken::core::bundle::Bundle::from_json(&bytes)
            .expect_err("refused")
            .0;
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        let ProblemKind::QuoteWorkTooLarge {
            quotes,
            checked,
            read,
            max,
        } = p.kind.clone()
        else {
            panic!("{p}");
        };
        assert_eq!(quotes, 2_000);
        assert!(checked < quotes, "{p}");
        // the overshoot is at most one quote's search: its article and the whole text
        assert!(read > max && read <= max + 2 * 2_000_000, "{p}");
        assert!(
            p.kind.message_ja().contains("2000 個のうち"),
            "{}",
            p.kind.message_ja()
        );
        assert!(
            p.kind.message_en().contains("of 2000 quotes"),
            "{}",
            p.kind.message_en()
        );
        // the 規則エディタ validates with the same code after every edit
        let parsed = tenken::core::bundle::parse_json(&bytes).expect("parses");
        let draft = tenken::core::bundle::validate_draft(&parsed.raw).expect_err("refused");
        assert_eq!(draft.0, problems);
    }
}

// ---------------------------------------------------------------------------------------
// Years (issue #31): 1989–2100 wherever a year enters
// ---------------------------------------------------------------------------------------

/// `fiscal_year: 2147483647` carried forward once became -2147483648. Every way a year comes
/// in refuses one outside 1989–2100, with its place, and nothing overflows.
#[test]
fn years_outside_the_accepted_ones_are_refused_wherever_they_come_in() {
    use tenken::core::draft::DraftError;
    use tenken::core::problem::ProblemKind;
    use tenken::core::result::{CarryError, carry_forward};
    let loaded = tenken::load::load(Path::new(FIXTURE)).expect("fixture");
    let b = &loaded.validated.bundle;
    let list = b.checklist("tenken").expect("tenken");
    for year in [i32::MAX, i32::MIN, 1988, 2101] {
        // a draft file, and a draft kept in the browser
        let mut d = Draft::new("d".into(), b, list, "2026-05-01T00:00:00Z");
        d.subject.fiscal_year = Some(year);
        let e = Draft::import(&d.to_json(), b, list, |_| false, || "x".into())
            .expect_err("draft file refused");
        assert!(
            e.message_ja().contains(&year.to_string()),
            "{}",
            e.message_ja()
        );
        assert!(matches!(
            Draft::from_json(&d.to_json()),
            Err(DraftError::Unreadable(_))
        ));
        // a result file, unsigned and signed
        let mut r = base_result().clone();
        r.subject.fiscal_year = Some(year);
        let problems = ResultDoc::from_json(&r.to_canonical_json()).expect_err("refused");
        assert_eq!(problems.0.len(), 1, "{problems}");
        assert_eq!(problems.0[0].path, "subject.fiscal_year");
        assert_eq!(problems.0[0].kind, ProblemKind::YearOutOfRange { year });
        let signed = SignedFile::sign(&r, &keys()[0].0, "x.tenken.json", T).expect("sign");
        let problems = open_result(signed.to_json().as_bytes()).expect_err("refused");
        assert_eq!(
            problems.0[0].path, "result.subject.fiscal_year",
            "{problems}"
        );
        // a result already in memory is not carried forward
        let mut next = Draft::new("n".into(), b, list, "2027-05-01T00:00:00Z");
        assert_eq!(
            carry_forward(b, list, &mut next, &r),
            Err(CarryError::Year { year })
        );
        assert_eq!(next.subject.fiscal_year, None);
    }
    // the last accepted year has no next one
    let mut r = base_result().clone();
    r.subject.fiscal_year = Some(2100);
    let mut next = Draft::new("n".into(), b, list, "2027-05-01T00:00:00Z");
    assert!(carry_forward(b, list, &mut next, &r).is_err());
    r.subject.fiscal_year = Some(2099);
    carry_forward(b, list, &mut next, &r).expect("carried");
    assert_eq!(next.subject.fiscal_year, Some(2100));
}

// ---------------------------------------------------------------------------------------
// What a result may carry (issue #31)
// ---------------------------------------------------------------------------------------

/// A result of 40,000 items (a checklist holds at most 2,000) once froze the page for 6–8 s
/// while it was laid out: it is refused as it is read, with one problem and its numbers.
#[test]
fn a_result_of_more_items_than_a_checklist_holds_is_refused_with_one_problem() {
    use tenken::core::bundle::limits::MAX_CHECKLIST_ITEMS;
    use tenken::core::problem::ProblemKind;
    let big = |n: usize| {
        let mut r = base_result().clone();
        let one = r.items[0].clone();
        r.items = (0..n)
            .map(|i| {
                let mut item = one.clone();
                item.id = format!("i{i}");
                item
            })
            .collect();
        r
    };
    let r = big(40_000);
    let bytes = r.to_canonical_json();
    assert!(bytes.len() <= tenken::core::result::MAX_RESULT_BYTES);
    // `TENKEN_WRITE_RESULTS=DIR cargo test --test hostile result_of` keeps the files, to time
    // opening them in tenken.html
    if let Ok(dir) = std::env::var("TENKEN_WRITE_RESULTS") {
        std::fs::write(
            Path::new(&dir).join("items-40000.tenken-result.json"),
            &bytes,
        )
        .expect("write");
    }
    let problems = ResultDoc::from_json(&bytes).expect_err("refused").0;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "items");
    assert_eq!(
        problems[0].kind,
        ProblemKind::ResultTooMany {
            what: "item",
            count: 40_000,
            max: MAX_CHECKLIST_ITEMS
        }
    );
    let ja = problems[0].kind.message_ja();
    assert!(ja.contains("40000") && ja.contains("2000"), "{ja}");
    // signed (half as many: the signed file writes the result less tightly), the content is
    // refused whatever the signature
    let signed = SignedFile::sign(&big(20_000), &keys()[0].0, "x.tenken.json", T).expect("sign");
    let problems = open_result(signed.to_json().as_bytes()).expect_err("refused");
    assert_eq!(problems.0.len(), 1, "{problems}");
    assert_eq!(problems.0[0].path, "result.items", "{problems}");
    // as many items as a checklist may hold is read
    ResultDoc::from_json(&big(MAX_CHECKLIST_ITEMS).to_canonical_json()).expect("read");
}

/// Every other list a result carries is capped at what a checklist can give it, and every
/// text at its length: one problem, with its place and numbers.
#[test]
fn every_list_and_text_of_a_result_is_capped_as_it_is_read() {
    use tenken::core::bundle::limits::MAX_PROFILE;
    use tenken::core::draft::ProfileAnswer;
    use tenken::core::problem::ProblemKind;
    use tenken::core::result::{MAX_RESULT_NAME, MAX_RESULT_TEXT};
    let refused = |r: &ResultDoc| {
        let p = ResultDoc::from_json(&r.to_canonical_json())
            .expect_err("refused")
            .0;
        assert_eq!(p.len(), 1, "{p:?}");
        (p[0].path.clone(), p[0].kind.clone())
    };
    let items = base_result().items.len();
    // more ids in a summary list than the result has items
    let mut r = base_result().clone();
    r.summary.nonconforming = (0..=items).map(|i| format!("i{i}")).collect();
    assert_eq!(
        refused(&r),
        (
            "summary.nonconforming".into(),
            ProblemKind::ResultTooMany {
                what: "listed item",
                count: items + 1,
                max: items
            }
        )
    );
    let mut r = base_result().clone();
    r.summary.not_applicable = Some(vec!["13-1".into(); 10_000]);
    assert_eq!(refused(&r).0, "summary.not_applicable");
    let mut r = base_result().clone();
    r.summary.missing_clauses = Some(vec!["13-1".into(); items + 1]);
    assert_eq!(refused(&r).0, "summary.missing_clauses");
    let mut r = base_result().clone();
    for i in 0..=items {
        r.summary.counts.insert(format!("o{i}"), 1);
    }
    assert_eq!(refused(&r).0, "summary.counts");
    // more profile answers than a checklist has questions
    let mut r = base_result().clone();
    for i in 0..=MAX_PROFILE {
        r.profile.insert(format!("q{i}"), ProfileAnswer::Bool(true));
    }
    assert_eq!(
        refused(&r),
        (
            "profile".into(),
            ProblemKind::ResultTooMany {
                what: "profile",
                count: MAX_PROFILE + 1 + base_result().profile.len(),
                max: MAX_PROFILE
            }
        )
    );
    // a name, and a text, beyond their lengths
    let mut r = base_result().clone();
    r.subject.division = "課".repeat(MAX_RESULT_NAME + 1);
    assert_eq!(
        refused(&r),
        (
            "subject.division".into(),
            ProblemKind::TextTooLong {
                length: MAX_RESULT_NAME + 1,
                max: MAX_RESULT_NAME
            }
        )
    );
    let mut r = base_result().clone();
    r.items[1].note = "あ".repeat(MAX_RESULT_TEXT + 1);
    let id = r.items[1].id.clone();
    assert_eq!(
        refused(&r),
        (
            format!("items[{id}].note"),
            ProblemKind::TextTooLong {
                length: MAX_RESULT_TEXT + 1,
                max: MAX_RESULT_TEXT
            }
        )
    );
    // at the limits, read
    let mut r = base_result().clone();
    r.subject.division = "課".repeat(MAX_RESULT_NAME);
    r.items[1].note = "あ".repeat(MAX_RESULT_TEXT);
    ResultDoc::from_json(&r.to_canonical_json()).expect("read");
}

// ---------------------------------------------------------------------------------------
// The signing gate (issue #31)
// ---------------------------------------------------------------------------------------

/// Every item answered and no 課名 or 年度: such a draft was once signed ("complete" ignored
/// the subject). The result to sign is made, and checked, by one core function; it refuses.
#[test]
fn a_complete_draft_without_its_subject_is_not_signed() {
    use tenken::core::draft::{SubjectField, SubjectGap};
    use tenken::core::result::NotReady;
    let loaded = tenken::load::load(Path::new(FIXTURE)).expect("fixture");
    let b = &loaded.validated.bundle;
    let list = b.checklist("tenken").expect("tenken");
    let mut d = Draft::new("d".into(), b, list, "2026-05-01T00:00:00Z");
    d.profile
        .insert("personal".into(), ProfileAnswer::Bool(true));
    d.profile
        .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
    for (id, option) in [("13-1", "conforming"), ("14", "done")] {
        d.answers.insert(
            id.into(),
            Answer {
                option: Some(option.into()),
                ..Answer::default()
            },
        );
    }
    let e = evaluate(b, list, &d);
    assert_eq!(e.blocking().count(), 0, "every item is answered");
    assert!(!e.is_complete(), "but the subject is empty");
    let refused =
        ResultDoc::for_signing(b, list, &d, "2026-05-02T00:00:00+09:00").expect_err("not signed");
    assert_eq!(
        refused,
        NotReady::Incomplete {
            subject: vec![
                SubjectGap::Missing(SubjectField::Division),
                SubjectGap::Missing(SubjectField::Name),
                SubjectGap::Missing(SubjectField::FiscalYear),
            ],
            profile: 0,
            items: 0,
        }
    );
    assert!(
        refused.message_ja().contains("対象: 課名が未入力です"),
        "{}",
        refused.message_ja()
    );
    // a 年度 outside the accepted ones is no 年度
    d.subject.division = "情報政策課".into();
    d.subject.name = "山田 太郎".into();
    d.subject.fiscal_year = Some(i32::MAX);
    assert!(ResultDoc::for_signing(b, list, &d, "t").is_err());
    d.subject.fiscal_year = Some(2026);
    let r = ResultDoc::for_signing(b, list, &d, "t").expect("signed");
    assert_eq!(r.subject.division, "情報政策課");

    // a contract: 課名, 件名, 委託先 and a 契約期間 whose end is not before its start
    let list = b.checklist("keiyaku").expect("keiyaku");
    let mut c = Draft::new("c".into(), b, list, "2026-05-01T00:00:00Z");
    c.profile
        .insert("tokutei".into(), ProfileAnswer::Bool(false));
    for q in &list.profile {
        if q.id != "tokutei" {
            c.profile.insert(q.id.clone(), ProfileAnswer::Bool(false));
        }
    }
    for (_, item) in list.items() {
        c.answers.insert(
            item.id.clone(),
            Answer {
                option: Some("na".into()),
                ..Answer::default()
            },
        );
    }
    assert_eq!(
        evaluate(b, list, &c).blocking().count(),
        0,
        "every item is answered"
    );
    c.subject.division = "情報政策課".into();
    c.subject.contract_title = "住民記録システム保守".into();
    c.subject.contractor = "株式会社テスト".into();
    c.subject.period_from = "2027-04-01".into();
    c.subject.period_to = "2026-03-31".into();
    assert_eq!(
        ResultDoc::for_signing(b, list, &c, "t"),
        Err(NotReady::Incomplete {
            subject: vec![SubjectGap::PeriodReversed],
            profile: 0,
            items: 0,
        })
    );
    c.subject.period_to = "2028-03-31".into();
    ResultDoc::for_signing(b, list, &c, "t").expect("signed");
}
