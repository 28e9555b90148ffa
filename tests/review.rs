//! `tenken aggregate` through the binary, on signed results generated here: several keys,
//! some tampered, one unregistered, duplicates, another bundle version. Plus the benchmark
//! (ignored by default): `cargo test --release --test review -- --ignored --nocapture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx};
use tenken::core::draft::{Answer, Draft, Plan, ProfileAnswer};
use tenken::core::evaluate::evaluate;
use tenken::core::result::ResultDoc;
use tenken::core::sign::{
    Owner, Registration, Revocation, RevocationReason, Roster, SignedFile, UnlockedKey, generate,
};

const PASS: &str = "kumo no ue no sora 2026";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("tenken-review-{}-{name}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
    fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn tenken(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tenken"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run tenken")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn key(division: &str) -> (UnlockedKey, Registration) {
    let k = generate(PASS, &Owner::default()).expect("key");
    let reg = Registration::new(division, "課長", "課長", &k.public_key, "2026-04-01").unwrap();
    (UnlockedKey::unlock(&k.secret_key_file, PASS).unwrap(), reg)
}

/// A complete 点検 of the test bundle for `division`; item 14 non-conforming when `failing`.
fn result(division: &str, year: i32, failing: bool) -> ResultDoc {
    result_of(Path::new(FIXTURE), division, year, failing)
}

/// A complete 点検 of the bundle at `bundle` (the test bundle or an amended copy of it).
fn result_of(bundle: &Path, division: &str, year: i32, failing: bool) -> ResultDoc {
    let loaded = tenken::load::load(bundle).expect("fixture");
    let b = &loaded.validated.bundle;
    let list = b.checklist("tenken").unwrap();
    let mut d = Draft::new("d".into(), b, list, "2026-05-01T00:00:00Z");
    d.subject.division = division.into();
    d.subject.name = "課長".into();
    d.subject.fiscal_year = Some(year);
    d.profile
        .insert("personal".into(), ProfileAnswer::Bool(true));
    d.profile
        .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
    d.answers.insert(
        "13-1".into(),
        Answer {
            option: Some("conforming".into()),
            ..Answer::default()
        },
    );
    let a14 = if failing {
        Answer {
            option: Some("notdone".into()),
            plan: Plan {
                action: "研修を実施する".into(),
                owner: "係長".into(),
                due: "2026-09-30".into(),
            },
            ..Answer::default()
        }
    } else {
        Answer {
            option: Some("done".into()),
            ..Answer::default()
        }
    };
    d.answers.insert("14".into(), a14);
    if list.items().any(|(_, i)| i.id == "21") {
        d.answers.insert(
            "21".into(),
            Answer {
                option: Some("conforming".into()),
                ..Answer::default()
            },
        );
    }
    let e = evaluate(b, list, &d);
    assert!(e.is_complete(), "fixture result must be complete");
    ResultDoc::of(b, list, &d, &e, "2026-05-02T00:00:00Z")
}

fn write_signed(dir: &Scratch, name: &str, r: &ResultDoc, k: &UnlockedKey, when: u64) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, SignedFile::sign(r, k, name, when).unwrap().to_json()).unwrap();
    path
}

/// `tenken aggregate` with the roster and a fixed day, writing `report`, then `files`.
fn aggregate<'a>(report: &'a str, files: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut args = vec![
        "aggregate",
        "--roster",
        "roster.json",
        "--today",
        "2026-11-30",
        "-o",
        report,
        "--",
    ];
    args.extend(files);
    args
}

#[test]
fn aggregate_reports_statuses_and_tables_in_xlsx_and_csv() {
    let dir = Scratch::new("agg");
    let (k1, r1) = key("情報政策課");
    let (k2, r2) = key("総務課");
    let (k3, _) = key("市民課");
    let (_, r4) = key("税務課");
    let mut r1 = r1;
    // 情報政策課's key counts from the 2025 年度 (last year's result is compared)
    r1.valid_from = "2025-04-01".into();
    let mut roster = Roster::new();
    roster.keys = vec![r1, r2, r4];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();

    write_signed(
        &dir,
        "1-joho.tenken.json",
        &result("情報政策課", 2026, true),
        &k1,
        1_780_000_000,
    );
    write_signed(
        &dir,
        "2-joho-old.tenken.json",
        &result("情報政策課", 2026, false),
        &k1,
        1_775_000_000,
    );
    write_signed(
        &dir,
        "3-soumu.tenken.json",
        &result("総務課", 2026, false),
        &k2,
        1_790_000_000,
    );
    write_signed(
        &dir,
        "4-shimin.tenken.json",
        &result("市民課", 2026, false),
        &k3,
        1_780_000_000,
    );
    // a version no bundle has: unpinned, it is read as it claims and demotes nobody; it is
    // the same submission as 3-soumu, which is signed later by the same key
    let mut other = result("総務課", 2026, false);
    other.bundle.version = "9999-99-99".into();
    write_signed(&dir, "5-other.tenken.json", &other, &k2, 1_780_000_000);
    let good = std::fs::read_to_string(dir.join("3-soumu.tenken.json")).unwrap();
    std::fs::write(
        dir.join("6-tampered.tenken.json"),
        good.replacen("総務課", "税務課", 1),
    )
    .unwrap();
    std::fs::write(dir.join("7-junk.tenken.json"), "<html>").unwrap();
    write_signed(
        &dir,
        "prev.tenken.json",
        &result("情報政策課", 2025, false),
        &k1,
        1_750_000_000,
    );

    let files: Vec<String> = (1..=7)
        .map(|i| {
            std::fs::read_dir(&dir.0)
                .unwrap()
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .find(|n| n.starts_with(&format!("{i}-")))
                .unwrap()
        })
        .collect();
    let mut args = vec![
        "aggregate",
        "--roster",
        "roster.json",
        "--deadline",
        "2026-07-31",
        "--today",
        "2026-11-24",
        "--previous",
        "prev.tenken.json",
        "-o",
        "report.xlsx",
        "--",
    ];
    args.extend(files.iter().map(String::as_str));
    let out = tenken(&dir.0, &args);
    // files that do not count make the exit status 1, and are each listed with why
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("7 ファイル: 有効 2、重複 2、未登録の鍵 1、署名不正 1、読めない 1（集計に使用 2、使用しない 5）"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("7 files: valid 2, duplicate 2"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("未登録の鍵 / unregistered key 4-shimin.tenken.json"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("内容は確認していません"),
        "{}",
        text(&out)
    );
    // which bundles the files name, and how many files each
    let o = text(&out);
    assert!(
        o.contains("mini 2015-10-05 版（ハッシュ 273ba5c129f0…）: 4 ファイル（集計に使用 2）"),
        "{o}"
    );
    assert!(
        o.contains("mini 9999-99-99 版（ハッシュ 273ba5c129f0…）: 1 ファイル（集計に使用 0）"),
        "{o}"
    );
    assert!(o.contains("前年度: 1 ファイル（比較に使用 1）"), "{o}");

    let mut book = Xlsx::new(std::io::Cursor::new(
        std::fs::read(dir.join("report.xlsx")).unwrap(),
    ))
    .unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "ファイル",
            "提出状況",
            "課別の適合状況",
            "区分別の適合状況",
            "項目別",
            "改善計画",
            "前年度の改善計画",
            "契約の不足条項",
            "前年比較",
            "年度別の推移"
        ]
    );
    let s = |v: &Data| v.to_string();
    let files_sheet = book.worksheet_range("ファイル").unwrap();
    let statuses: Vec<(String, String)> = files_sheet
        .rows()
        .skip(1)
        .map(|r| (s(&r[0]), s(&r[1])))
        .collect();
    assert_eq!(
        statuses,
        [
            ("1-joho.tenken.json".to_string(), "有効".to_string()),
            ("2-joho-old.tenken.json".into(), "重複".into()),
            ("3-soumu.tenken.json".into(), "有効".into()),
            ("4-shimin.tenken.json".into(), "未登録の鍵".into()),
            ("5-other.tenken.json".into(), "重複".into()),
            ("6-tampered.tenken.json".into(), "署名不正".into()),
            ("7-junk.tenken.json".into(), "読めない".into()),
        ]
    );
    let matrix: Vec<(String, String)> = book
        .worksheet_range("提出状況")
        .unwrap()
        .rows()
        .skip(1)
        .map(|r| (s(&r[0]), s(&r[1])))
        .collect();
    assert_eq!(
        matrix,
        // 課 in the roster's order, not by character code
        [
            ("情報政策課".to_string(), "提出".to_string()),
            ("総務課".into(), "期限後".into()),
            ("税務課".into(), "未提出".into()),
        ]
    );
    let plans = book.worksheet_range("改善計画").unwrap();
    // 期限 in 和暦, the ISO date kept in a column for sorting
    assert_eq!(
        plans.get_value((1, 0)),
        Some(&Data::String("令和8年9月30日".into()))
    );
    assert_eq!(
        plans.get_value((1, 10)),
        Some(&Data::String("2026-09-30".into()))
    );
    assert_eq!(
        plans.get_value((0, 10)),
        Some(&Data::String("期限(ISO)".into()))
    );
    assert_eq!(plans.get_value((1, 1)), Some(&Data::String("超過".into())));
    let compare = book.worksheet_range("前年比較").unwrap();
    assert_eq!(
        compare.get_value((1, 6)),
        Some(&Data::String("悪化".into()))
    );

    // CSV: one file per table, UTF-8 with BOM
    let mut args = vec![
        "aggregate",
        "--roster",
        "roster.json",
        "-o",
        "report.csv",
        "--",
    ];
    args.extend(files.iter().map(String::as_str));
    let out = tenken(&dir.0, &args);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let csv = std::fs::read(dir.join("report_提出状況.csv")).unwrap();
    assert!(csv.starts_with(b"\xef\xbb\xbf"));
    assert!(
        String::from_utf8(csv)
            .unwrap()
            .contains("情報政策課,提出\r\n")
    );
}

/// The attacks of the hostile-files issue through the binary: a cut-short signature, another
/// 課's key, an unregistered key from 2100, a forged maximal timestamp, look-alike 課名, a
/// 2 GiB file. Each is listed with its reason, counts nowhere and pushes out no genuine file;
/// the exit status is 1 and the counts add up.
#[test]
fn hostile_files_count_nowhere_and_drop_nothing() {
    let dir = Scratch::new("hostile");
    let mut roster = Roster::new();
    let mut keys = Vec::new();
    for i in 0..20 {
        let (k, r) = key(&format!("課{i:02}"));
        roster.keys.push(r);
        keys.push(k);
    }
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    let t = 1_780_000_000;
    let mut names = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let name = format!("g{i:02}.tenken.json");
        write_signed(&dir, &name, &result(&format!("課{i:02}"), 2026, true), k, t);
        names.push(name);
    }
    // a genuine file with its last signature line cut to AAAA
    let good = std::fs::read_to_string(dir.join("g00.tenken.json")).unwrap();
    let mut f: SignedFile = serde_json::from_str(&good).unwrap();
    let mut lines: Vec<String> = f.signature.lines().map(String::from).collect();
    lines[3] = "AAAA".into();
    f.signature = lines.join("\n");
    std::fs::write(dir.join("cut.tenken.json"), f.to_json()).unwrap();
    // 課01's key signs for 課00, later, all conforming
    write_signed(
        &dir,
        "impostor.tenken.json",
        &result("課00", 2026, false),
        &keys[1],
        t + 86_400,
    );
    // a key nobody registered, signing time 2100
    let (stranger, _) = key("課00");
    write_signed(
        &dir,
        "stranger.tenken.json",
        &result("課00", 2026, false),
        &stranger,
        4_102_444_800,
    );
    // the 課's own key with a forged maximal timestamp
    write_signed(
        &dir,
        "maxtime.tenken.json",
        &result("課02", 2026, false),
        &keys[2],
        u64::MAX,
    );
    // look-alike names signed by the right key
    write_signed(
        &dir,
        "zwsp.tenken.json",
        &result("課\u{200B}03", 2025, false),
        &keys[3],
        t,
    );
    write_signed(
        &dir,
        "rlo.tenken.json",
        &result("課04\u{202E}", 2025, false),
        &keys[4],
        t,
    );
    // a 2 GiB file (sparse: refused by its size, never read)
    let big = std::fs::File::create(dir.join("big.tenken.json")).unwrap();
    big.set_len(2 * 1024 * 1024 * 1024).unwrap();
    for n in [
        "cut.tenken.json",
        "impostor.tenken.json",
        "stranger.tenken.json",
        "maxtime.tenken.json",
        "zwsp.tenken.json",
        "rlo.tenken.json",
        "big.tenken.json",
    ] {
        names.push(n.into());
    }
    let args = aggregate("report.xlsx", names.iter().map(String::as_str));
    let started = std::time::Instant::now();
    let out = tenken(&dir.0, &args);
    let took = started.elapsed();
    let o = text(&out);
    assert_eq!(out.status.code(), Some(1), "{o}");
    assert!(o.contains("27 ファイル"), "{o}");
    assert!(o.contains("（集計に使用 20、使用しない 7）"), "{o}");
    assert!(o.contains("27 files"), "{o}");
    for (status, name) in [
        ("署名不正", "cut.tenken.json"),
        ("課が登録と違う", "impostor.tenken.json"),
        ("未登録の鍵", "stranger.tenken.json"),
        ("署名時刻が不正", "maxtime.tenken.json"),
        ("課が登録と違う", "zwsp.tenken.json"),
        ("課が登録と違う", "rlo.tenken.json"),
        ("読めない", "big.tenken.json"),
    ] {
        assert!(
            o.lines().any(|l| l.contains(status) && l.contains(name)),
            "{name} should be {status}:\n{o}"
        );
    }
    assert!(o.contains("4行目"), "the cut line is named: {o}");
    assert!(
        o.contains("課<U+200B>03"),
        "hidden characters are shown: {o}"
    );
    assert!(took.as_secs() < 30, "the 2 GiB file was read: {took:?}");

    // every registered 課 submitted; the genuine 課00 plan is still there
    let mut book = Xlsx::new(std::io::Cursor::new(
        std::fs::read(dir.join("report.xlsx")).unwrap(),
    ))
    .unwrap();
    let matrix = book.worksheet_range("提出状況").unwrap();
    let cells: Vec<String> = matrix.rows().skip(1).map(|r| r[1].to_string()).collect();
    assert_eq!(cells.len(), 20);
    assert!(cells.iter().all(|c| c == "提出"), "{cells:?}");
    let plans = book.worksheet_range("改善計画").unwrap();
    assert_eq!(plans.rows().count() - 1, 20, "one plan per genuine file");

    // verify says the same per file and exits 1
    let out = tenken(
        &dir.0,
        &[
            "verify",
            "--roster",
            "roster.json",
            "--today",
            "2026-11-30",
            "g05.tenken.json",
            "cut.tenken.json",
            "impostor.tenken.json",
            "big.tenken.json",
        ],
    );
    let o = text(&out);
    assert_eq!(out.status.code(), Some(1), "{o}");
    let lines: Vec<&str> = o.lines().collect();
    assert!(lines[0].starts_with("OK g05"), "{o}");
    assert!(lines[1].starts_with("BAD cut"), "{o}");
    assert!(
        lines[2].starts_with("REFUSED impostor") && lines[2].contains("登録: 課01"),
        "{o}"
    );
    assert!(lines[3].starts_with("BAD big"), "{o}");
    assert!(o.contains("3 / 4"), "{o}");
}

/// Official bundles: a result answering an edited copy of the bundle counts nowhere.
#[test]
fn aggregate_checks_results_against_the_official_bundle() {
    let dir = Scratch::new("pin");
    let (k, reg) = key("情報政策課");
    let mut roster = Roster::new();
    roster.keys = vec![reg];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    write_signed(
        &dir,
        "ok.tenken.json",
        &result("情報政策課", 2026, true),
        &k,
        1_780_000_000,
    );
    let mut edited = result("情報政策課", 2025, false);
    edited.bundle.hash = "ab".repeat(32);
    write_signed(&dir, "edited.tenken.json", &edited, &k, 1_780_000_000);
    let out = tenken(
        &dir.0,
        &[
            "aggregate",
            "--roster",
            "roster.json",
            "--bundle",
            FIXTURE,
            "--today",
            "2026-11-30",
            "-o",
            "r.csv",
            "ok.tenken.json",
            "edited.tenken.json",
        ],
    );
    let o = text(&out);
    assert_eq!(out.status.code(), Some(1), "{o}");
    assert!(o.contains("有効 1、規則の内容が違う 1"), "{o}");
    assert!(!o.contains("内容は確認していません"), "{o}");
}

/// Cells of a sheet as text, row by row (the heading row first).
fn sheet(book: &mut Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
    book.worksheet_range(name)
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

fn workbook(dir: &Scratch, name: &str) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(std::fs::read(dir.join(name)).unwrap())).unwrap()
}

/// The column of `header` in a sheet read by [`sheet`].
fn col(rows: &[Vec<String>], header: &str) -> usize {
    rows[0].iter().position(|h| h == header).expect(header)
}

/// Issue #31, 2 and 3: pinned, a result is read from the bundle its hash names (its claimed
/// id, version and title are not used), its answers are evaluated again, and a signed summary
/// that flatters its answers counts nowhere. Unpinned, each is read as it claims, and items
/// of different bundles are never added together.
#[test]
fn aggregate_reads_pinned_results_from_their_bundle() {
    let dir = Scratch::new("reread");
    let (k1, r1) = key("情報政策課");
    let (k2, r2) = key("総務課");
    let (k3, r3) = key("市民課");
    let mut roster = Roster::new();
    roster.keys = vec![r1, r2, r3];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    let t = 1_780_000_000;
    write_signed(
        &dir,
        "ok.tenken.json",
        &result("情報政策課", 2026, true),
        &k1,
        t,
    );
    let mut claims = result("総務課", 2026, false);
    claims.bundle.id = "meguro".into();
    claims.bundle.version = "9999-99-99".into();
    claims.checklist_title = "偽の題名".into();
    write_signed(&dir, "claims.tenken.json", &claims, &k2, t);
    // item 14 not done, but the summary of a result where everything conforms
    let mut flattering = result("市民課", 2026, true);
    flattering.summary = result("市民課", 2026, false).summary;
    write_signed(&dir, "flattering.tenken.json", &flattering, &k3, t);
    let files = [
        "ok.tenken.json",
        "claims.tenken.json",
        "flattering.tenken.json",
    ];

    let mut args = aggregate("pinned.xlsx", files);
    args.splice(1..1, ["--bundle", FIXTURE]);
    let out = tenken(&dir.0, &args);
    let o = text(&out);
    assert_eq!(out.status.code(), Some(1), "{o}");
    assert!(
        o.contains("3 ファイル: 有効 2、集計値が回答と違う 1"),
        "{o}"
    );
    assert!(
        o.contains("valid 2, summary disagrees with answers 1"),
        "{o}"
    );
    assert!(
        o.lines().any(|l| l.contains(
            "集計値が回答と違う / summary disagrees with answers flattering.tenken.json"
        ) && l.contains("不適合の項目の一覧が回答と合いません")),
        "{o}"
    );
    let mut book = workbook(&dir, "pinned.xlsx");
    let files_sheet = sheet(&mut book, "ファイル");
    let claims_row = files_sheet
        .iter()
        .find(|r| r[0] == "claims.tenken.json")
        .unwrap();
    // the pinned bundle's own title and 版 (和暦), its id and version for machines
    assert_eq!(
        claims_row[col(&files_sheet, "規則の版")],
        "テスト用 目黒区 抜粋（平成27年10月5日版）"
    );
    assert_eq!(claims_row[col(&files_sheet, "規則ID")], "mini 2015-10-05");
    assert_eq!(
        claims_row[col(&files_sheet, "チェックリスト")],
        "電子情報処理の点検"
    );
    let items = sheet(&mut book, "項目別");
    let rule = col(&items, "規則ID");
    assert!(
        items[1..].iter().all(|r| r[rule] == "mini 2015-10-05"),
        "{items:?}"
    );
    let row14 = items
        .iter()
        .find(|r| r[col(&items, "項目ID")] == "14")
        .unwrap();
    assert_eq!(
        (
            &row14[col(&items, "回答")][..],
            &row14[col(&items, "不適合")][..]
        ),
        ("2", "1")
    );
    // the number the 課長 saw, the id kept for machines
    assert_eq!(row14[col(&items, "番号")], "第14条第1項");
    let matrix = sheet(&mut book, "提出状況");
    assert_eq!(matrix[0], ["課", "電子情報処理の点検"]);

    // unpinned: nothing to check against; each bundle the files name is its own group
    let out = tenken(&dir.0, &aggregate("unpinned.xlsx", files));
    let o = text(&out);
    assert_eq!(out.status.code(), Some(0), "{o}");
    assert!(o.contains("3 ファイル: 有効 3"), "{o}");
    assert!(o.contains("内容は確認していません"), "{o}");
    assert!(
        o.contains("meguro 9999-99-99 版（ハッシュ 273ba5c129f0…）: 1 ファイル"),
        "{o}"
    );
    let mut book = workbook(&dir, "unpinned.xlsx");
    let items = sheet(&mut book, "項目別");
    let rule = col(&items, "規則");
    let of = |b: &str| items.iter().filter(|r| r[rule] == b).count();
    assert_eq!(
        (of("mini 2015-10-05"), of("meguro 9999-99-99")),
        (2, 2),
        "{items:?}"
    );
}

/// A complete 点検 of the test bundle for `division`: 13-1 (built-in scale) answered `a13`,
/// 14 (its own scale) `a14`, each failing answer with a plan.
fn answered(division: &str, a13: &str, a14: &str) -> ResultDoc {
    let loaded = tenken::load::load(Path::new(FIXTURE)).expect("fixture");
    let plan = Plan {
        action: "研修を実施する".into(),
        owner: "係長".into(),
        due: "2026-09-30".into(),
    };
    common::mini_result(&loaded.validated.bundle, division, a13, a14, Some(&plan))
}

/// Issue #32: 一部不適合 is what the 課長 answered, kept apart from 不適合 in the XLSX and in
/// the CSV, pinned or not (課別 once said 不適合 2 for one of each).
#[test]
fn aggregate_keeps_partly_nonconforming_apart_in_xlsx_and_csv() {
    let dir = Scratch::new("partial");
    let (k1, r1) = key("情報政策課");
    let mut roster = Roster::new();
    roster.keys = vec![r1];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    write_signed(
        &dir,
        "a.tenken.json",
        &answered("情報政策課", "partial", "notdone"),
        &k1,
        1_780_000_000,
    );
    for pinned in [false, true] {
        let mut args = aggregate("report.xlsx", ["a.tenken.json"]);
        if pinned {
            args.splice(1..1, ["--bundle", FIXTURE]);
        }
        let out = tenken(&dir.0, &args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let mut book = workbook(&dir, "report.xlsx");
        let d = sheet(&mut book, "課別の適合状況");
        let get = |h: &str| d[1][col(&d, h)].clone();
        assert_eq!(
            (
                get("適合"),
                get("一部不適合"),
                get("不適合"),
                get("該当なし")
            ),
            ("0".into(), "1".into(), "1".into(), "0".into()),
            "pinned {pinned}: {d:?}"
        );
        let items = sheet(&mut book, "項目別");
        let row = |id: &str| {
            items
                .iter()
                .find(|r| r[col(&items, "項目ID")] == id)
                .unwrap()
                .clone()
        };
        assert_eq!(row("13-1")[col(&items, "一部不適合")], "1");
        assert_eq!(row("13-1")[col(&items, "不適合")], "0");
        assert_eq!(row("13-1")[col(&items, "一部不適合の課")], "情報政策課");
        assert_eq!(row("14")[col(&items, "不適合")], "1");
        let plans = sheet(&mut book, "改善計画");
        let answers: Vec<&str> = plans[1..]
            .iter()
            .map(|r| r[col(&plans, "回答")].as_str())
            .collect();
        assert_eq!(answers, ["一部不適合", "不適合"]);

        let args: Vec<&str> = args
            .into_iter()
            .map(|a| if a == "report.xlsx" { "report.csv" } else { a })
            .collect();
        let out = tenken(&dir.0, &args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
        let csv = String::from_utf8(std::fs::read(dir.join("report_課別の適合状況.csv")).unwrap())
            .unwrap();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert!(
            lines[0].ends_with(",対象項目,適合,一部不適合,不適合,該当なし,適合率(%),規則ID"),
            "{csv}"
        );
        assert!(lines[1].contains(",2,0,1,1,0,0,mini 2015-10-05"), "{csv}");
    }
}

/// Issue #31, 4: a key revoked at 異動 signs a result after leaving, dated before its
/// revocation and later than its successor's genuine file: the successor's key, registered
/// later, wins whatever times are claimed.
#[test]
fn aggregate_keeps_the_successors_file_over_a_backdated_one() {
    let dir = Scratch::new("backdated");
    let (k_old, mut r_old) = key("情報政策課");
    let (k_new, mut r_new) = key("情報政策課");
    r_old.valid_from = "2025-04-01".into();
    r_old.revoked = Some(Revocation {
        date: "2026-06-01".into(),
        reason: RevocationReason::Transfer,
        note: String::new(),
    });
    r_new.valid_from = "2026-04-01".into();
    let mut roster = Roster::new();
    roster.keys = vec![r_new, r_old];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    let t = 1_780_000_000; // 2026-05-28
    write_signed(
        &dir,
        "new.tenken.json",
        &result("情報政策課", 2026, false),
        &k_new,
        t - 20 * 86_400,
    );
    write_signed(
        &dir,
        "backdated.tenken.json",
        &result("情報政策課", 2026, true),
        &k_old,
        t,
    );
    let out = tenken(
        &dir.0,
        &aggregate("r.xlsx", ["new.tenken.json", "backdated.tenken.json"]),
    );
    let o = text(&out);
    assert!(o.contains("2 ファイル: 有効 1、重複 1"), "{o}");
    assert!(
        o.contains("重複 / duplicate backdated.tenken.json: 「new.tenken.json」を採用"),
        "{o}"
    );
    let mut book = workbook(&dir, "r.xlsx");
    assert_eq!(
        sheet(&mut book, "改善計画").len(),
        1,
        "the backdated plan is not listed"
    );
}

/// Issue #31, 5: contracts are told apart by each field (no joined string to collide), and
/// a result whose subject names no submission (no 年度, a 年度 outside 1989–2100, a contract
/// without its 委託先) counts nowhere, with the reason.
#[test]
fn aggregate_keys_submissions_by_their_fields() {
    let dir = Scratch::new("keys");
    let (k, reg) = key("情報政策課");
    let mut roster = Roster::new();
    roster.keys = vec![reg];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    let contract = |title: &str, contractor: &str| {
        let mut c = result("情報政策課", 2026, false);
        c.subject.fiscal_year = None;
        c.summary.missing_clauses = Some(vec![]);
        c.subject.contract_title = title.into();
        c.subject.contractor = contractor.into();
        c.subject.period_from = "2026-04-01".into();
        c.subject.period_to = "2027-03-31".into();
        c
    };
    let t = 1_780_000_000;
    write_signed(&dir, "c1.tenken.json", &contract("保守|A社", "B社"), &k, t);
    write_signed(
        &dir,
        "c2.tenken.json",
        &contract("保守", "A社|B社"),
        &k,
        t + 1,
    );
    write_signed(&dir, "c3.tenken.json", &contract("保守", ""), &k, t + 2);
    let mut no_year = result("情報政策課", 2026, false);
    no_year.subject.fiscal_year = None;
    write_signed(&dir, "no-year.tenken.json", &no_year, &k, t);
    let mut y3000 = result("情報政策課", 2026, false);
    y3000.subject.fiscal_year = Some(3000);
    write_signed(&dir, "y3000.tenken.json", &y3000, &k, t);
    let out = tenken(
        &dir.0,
        &aggregate(
            "r.csv",
            [
                "c1.tenken.json",
                "c2.tenken.json",
                "c3.tenken.json",
                "no-year.tenken.json",
                "y3000.tenken.json",
            ],
        ),
    );
    let o = text(&out);
    // a 年度 outside 1989–2100 is refused already as the file is read
    assert!(
        o.contains("5 ファイル: 有効 2、対象の記載に不備 2、読めない 1"),
        "{o}"
    );
    assert!(o.contains("incomplete subject 2"), "{o}");
    for (name, why) in [
        ("c3.tenken.json", "委託先がありません / no contractor"),
        (
            "no-year.tenken.json",
            "対象年度がありません / no fiscal year",
        ),
        ("y3000.tenken.json", "subject.fiscal_year"),
    ] {
        assert!(
            o.lines().any(|l| l.contains(name) && l.contains(why)),
            "{name}: {o}"
        );
    }
}

/// A copy of the test bundle after a 例規改正: a new version, item 13-3 gone, item 21 new.
fn amended_bundle(dir: &Scratch) -> PathBuf {
    let to = dir.join("amended");
    std::fs::create_dir_all(&to).unwrap();
    std::fs::copy(Path::new(FIXTURE).join("source.txt"), to.join("source.txt")).unwrap();
    let toml = std::fs::read_to_string(Path::new(FIXTURE).join("bundle.toml")).unwrap();
    let start = toml
        .find("[[checklists.sections.items]]\nid = \"13-3\"")
        .unwrap();
    let end = start
        + toml[start..]
            .find("[[checklists.sections.items]]\nid = \"14\"")
            .unwrap();
    let amended = format!(
        "{}{}\n[[checklists.sections.items]]\nid = \"21\"\ntext = \"電子情報処理の管理運用を総合的に点検していますか。\"\ncite = [{{ source = \"kisoku\", article = \"21\", quote = \"管理運用のあり方を総合的に点検し\" }}]\n",
        &toml[..start],
        &toml[end..]
    )
    .replace("version = 2015-10-05", "version = 2027-04-01");
    // item 21 goes into the first checklist: move the contract checklist after it
    let split = amended.find("[[checklists]]\nid = \"keiyaku\"").unwrap();
    let tail = amended
        .find("\n[[checklists.sections.items]]\nid = \"21\"")
        .unwrap();
    let fixed = format!(
        "{}{}\n{}",
        &amended[..split],
        &amended[tail..],
        &amended[split..tail]
    );
    std::fs::write(to.join("bundle.toml"), fixed).unwrap();
    to
}

/// Issue #31, 6: last year's files are judged against last year's bundles, so the
/// comparison holds across an amendment; items only one year has are listed as such.
#[test]
fn aggregate_compares_with_last_year_across_an_amendment() {
    let dir = Scratch::new("amended");
    let amended = amended_bundle(&dir);
    let (k, mut reg) = key("情報政策課");
    reg.valid_from = "2025-04-01".into();
    let mut roster = Roster::new();
    roster.keys = vec![reg];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    write_signed(
        &dir,
        "prev.tenken.json",
        &result("情報政策課", 2025, false),
        &k,
        1_760_000_000,
    );
    write_signed(
        &dir,
        "now.tenken.json",
        &result_of(&amended, "情報政策課", 2026, true),
        &k,
        1_780_000_000,
    );
    let amended = amended.display().to_string();
    let run = |previous_bundle: Option<&str>, report: &str| {
        let mut args = vec![
            "aggregate",
            "--roster",
            "roster.json",
            "--today",
            "2026-11-30",
            "--bundle",
            &amended,
        ];
        if let Some(b) = previous_bundle {
            args.extend(["--previous-bundle", b]);
        }
        args.extend([
            "--previous",
            "prev.tenken.json",
            "-o",
            report,
            "now.tenken.json",
        ]);
        tenken(&dir.0, &args)
    };
    let comparison = |report: &str| {
        let mut book = workbook(&dir, report);
        let rows = sheet(&mut book, "前年比較");
        rows[1..]
            .iter()
            .map(|r| {
                let id = &r[col(&rows, "項目ID")];
                (
                    format!("{id} {}", r[2]),
                    r[4].clone(),
                    r[5].clone(),
                    r[6].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let s = |x: &str| x.to_string();

    let out = run(Some(FIXTURE), "pinned.xlsx");
    let o = text(&out);
    assert!(o.contains("1 ファイル: 有効 1"), "{o}");
    assert!(o.contains("前年度: 1 ファイル（比較に使用 1）"), "{o}");
    assert!(!o.contains("前年度の結果の内容は確認していません"), "{o}");
    assert_eq!(
        comparison("pinned.xlsx"),
        [
            // the id for machines, the 番号 each year's 課長 saw
            (s("14 第14条第1項"), s("適合"), s("不適合"), s("悪化")),
            (
                s("21 第21条第1項"),
                s("—"),
                s("適合"),
                s("前年の結果になし")
            ),
            (
                s("13-3 第13条第1項第3号"),
                s("対象外"),
                s("—"),
                s("今年の結果になし")
            ),
        ]
    );

    // without last year's bundle: compared as claimed, and said so
    let out = run(None, "unpinned.xlsx");
    let o = text(&out);
    assert!(o.contains("前年度の結果の内容は確認していません"), "{o}");
    assert_eq!(comparison("unpinned.xlsx").len(), 3);

    // judged against this year's bundle, last year's file counts nowhere (what went wrong
    // before: the comparison emptied after an amendment), and the report says how many count
    let out = run(Some(&amended), "wrong.xlsx");
    let o = text(&out);
    assert!(o.contains("前年度: 1 ファイル（比較に使用 0）"), "{o}");
    assert!(comparison("wrong.xlsx").is_empty());
}

/// Issue #31, 7: `tenken verify FILE` with a `.minisig` applies the roster as for a result:
/// the key must be registered and valid on the signing day its trusted comment states.
#[test]
fn verify_applies_the_roster_to_detached_signatures() {
    let dir = Scratch::new("detached");
    let (k_ok, r_ok) = key("情報政策課");
    let (k_moved, mut r_moved) = key("総務課");
    r_moved.revoked = Some(Revocation {
        date: "2026-05-01".into(),
        reason: RevocationReason::Transfer,
        note: String::new(),
    });
    let (stranger, _) = key("市民課");
    let mut roster = Roster::new();
    roster.keys = vec![r_ok, r_moved];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    let t = 1_780_000_000; // 2026-05-28
    let detached = |name: &str, key: &UnlockedKey, when: u64| {
        let bytes = format!("{name} の内容\n");
        std::fs::write(dir.join(name), &bytes).unwrap();
        let sig = key
            .sign(
                bytes.as_bytes(),
                &format!("timestamp:{when}\tfile:{name}\thashed"),
            )
            .unwrap();
        std::fs::write(dir.join(&format!("{name}.minisig")), sig).unwrap();
    };
    detached("ok.txt", &k_ok, t);
    detached("moved-after.txt", &k_moved, t);
    detached("moved-before.txt", &k_moved, t - 30 * 86_400);
    detached("future.txt", &k_ok, 4_102_444_800);
    detached("stranger.txt", &stranger, t);
    let public = stranger.public_key();
    let out = tenken(
        &dir.0,
        &[
            "verify",
            "--roster",
            "roster.json",
            "-p",
            &public,
            "--today",
            "2026-11-30",
            "ok.txt",
            "moved-after.txt",
            "moved-before.txt",
            "future.txt",
            "stranger.txt",
        ],
    );
    let o = text(&out);
    assert_eq!(out.status.code(), Some(1), "{o}");
    let lines: Vec<&str> = o.lines().collect();
    assert!(
        lines[0].starts_with("OK ok.txt") && lines[0].contains("情報政策課"),
        "{o}"
    );
    assert!(
        lines[1].starts_with("REFUSED moved-after.txt")
            && lines[1].contains("2026-05-01に失効（異動）"),
        "{o}"
    );
    assert!(lines[2].starts_with("OK moved-before.txt"), "{o}");
    assert!(
        lines[3].starts_with("REFUSED future.txt") && lines[3].contains("集計日 2026-11-30 より後"),
        "{o}"
    );
    assert!(lines[4].starts_with("UNREGISTERED stranger.txt"), "{o}");
    assert!(o.contains("3 / 5"), "{o}");
    // without a roster, the key given with -p is all there is
    let out = tenken(&dir.0, &["verify", "-p", &public, "stranger.txt"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).starts_with("OK stranger.txt"), "{}", text(&out));
}

/// Issue #31, 8: a result with 50,000 items and 1.2 million ids, and one claiming a 課名 of a
/// million characters, are refused as they are read (no checklist has so many items; a name
/// has at most 200 characters), each with its reason, pinned or not; the tables never see them.
/// (Cells the tables do hold are cut to what an Excel cell takes: `core::review::table`.)
#[test]
fn hostile_sizes_are_refused_as_they_are_read() {
    let dir = Scratch::new("sizes");
    let (k, reg) = key("情報政策課");
    let mut roster = Roster::new();
    roster.keys = vec![reg];
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    let mut big = result("情報政策課", 2026, false);
    let item = big.items[2].clone();
    big.items = (0..50_000)
        .map(|n| tenken::core::result::ResultItem {
            id: format!("{n}"),
            text: "t".into(),
            section: "s".into(),
            label: None,
            ..item.clone()
        })
        .collect();
    big.summary.nonconforming = vec!["1".to_string(); 1_200_000];
    let f = SignedFile::sign(&big, &k, "big", 1_780_000_000).unwrap();
    // compact, to stay within the 8 MB a result may take
    std::fs::write(
        dir.join("big.tenken.json"),
        serde_json::to_string(&f).unwrap(),
    )
    .unwrap();
    write_signed(
        &dir,
        "long.tenken.json",
        &result(&"課".repeat(1_000_000), 2026, false),
        &k,
        1_780_000_000,
    );
    for pinned in [false, true] {
        let mut args = aggregate("r.csv", ["big.tenken.json", "long.tenken.json"]);
        if pinned {
            args.splice(1..1, ["--bundle", FIXTURE]);
        }
        let o = text(&tenken(&dir.0, &args));
        assert!(o.contains("2 ファイル: 読めない 2"), "{o}");
        assert!(
            o.lines()
                .any(|l| l.contains("big.tenken.json") && l.contains("50000")),
            "{o}"
        );
        assert!(
            o.lines()
                .any(|l| l.contains("long.tenken.json") && l.contains("上限 200 文字")),
            "{o}"
        );
    }
}

/// `tenken roster add|revoke|list`: 異動 ends a key's period; its earlier results still
/// count, later ones do not; old rosters (without periods) still load.
#[test]
fn roster_commands_manage_periods_and_revocation() {
    let dir = Scratch::new("roster");
    let (k_old, r_old) = key("情報政策課");
    let (k_new, r_new) = key("情報政策課");
    std::fs::write(dir.join("old.tenken-key.json"), r_old.to_json()).unwrap();
    std::fs::write(dir.join("new.tenken-key.json"), r_new.to_json()).unwrap();
    let out = tenken(
        &dir.0,
        &["roster", "add", "roster.json", "old.tenken-key.json"],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = tenken(
        &dir.0,
        &[
            "roster",
            "add",
            "roster.json",
            "new.tenken-key.json",
            "--from",
            "2026-07-01",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = tenken(
        &dir.0,
        &[
            "roster",
            "revoke",
            "roster.json",
            &r_old.fingerprint,
            "--date",
            "2026-07-01",
            "--reason",
            "transfer",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("異動"), "{}", text(&out));
    let out = tenken(&dir.0, &["roster", "list", "roster.json"]);
    let o = text(&out);
    assert!(o.contains("2026-07-01に失効（異動）"), "{o}");
    assert!(o.contains(&r_new.fingerprint), "{o}");
    // a registration for another 課 with an already registered key is refused
    let mut other = r_old.clone();
    other.division = "総務課".into();
    std::fs::write(dir.join("other.json"), other.to_json()).unwrap();
    let out = tenken(&dir.0, &["roster", "add", "roster.json", "other.json"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("受け付けませんでした"),
        "{}",
        text(&out)
    );

    write_signed(
        &dir,
        "2026-old-before.tenken.json",
        &result("情報政策課", 2026, true),
        &k_old,
        1_780_000_000,
    );
    write_signed(
        &dir,
        "2027-old-after.tenken.json",
        &result("情報政策課", 2027, true),
        &k_old,
        1_790_000_000,
    );
    write_signed(
        &dir,
        "2027-new.tenken.json",
        &result("情報政策課", 2028, true),
        &k_new,
        1_790_000_000,
    );
    let out = tenken(
        &dir.0,
        &aggregate(
            "r.csv",
            [
                "2026-old-before.tenken.json",
                "2027-old-after.tenken.json",
                "2027-new.tenken.json",
            ],
        ),
    );
    let o = text(&out);
    assert!(o.contains("有効 2、鍵の有効期間外・失効 1"), "{o}");
    assert!(
        o.lines()
            .any(|l| l.contains("2027-old-after") && l.contains("失効（異動）")),
        "{o}"
    );

    // a roster written before periods existed still loads
    std::fs::write(
        dir.join("v1.json"),
        format!(
            "{{\"format\":\"tenken-roster/1\",\"keys\":[{{\"format\":\"tenken-registration/1\",\"division\":\"情報政策課\",\"name\":\"課長\",\"title\":\"課長\",\"public_key\":\"{}\",\"fingerprint\":\"{}\",\"created\":\"2026-04-01\"}}]}}",
            r_new.public_key, r_new.fingerprint
        ),
    )
    .unwrap();
    let out = tenken(&dir.0, &["roster", "list", "v1.json"]);
    assert!(out.status.success(), "{}", text(&out));
}

/// The unsigned result the browser tests sign with Node's crypto (tests/browser/review.test.mjs),
/// kept equal to what the core makes: `UPDATE_FIXTURES=1 cargo test --test review` rewrites it.
#[test]
fn browser_fixture_result_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/result-mini.json");
    let made = String::from_utf8(result("情報政策課", 2026, true).to_canonical_json()).unwrap();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&path, &made).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        stored, made,
        "run UPDATE_FIXTURES=1 cargo test --test review"
    );
}

#[test]
fn aggregate_refuses_bad_options_and_rosters() {
    let dir = Scratch::new("agg-bad");
    std::fs::write(dir.join("x.json"), "{}").unwrap();
    let out = tenken(&dir.0, &["aggregate", "-o", "r.pdf", "x.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = tenken(
        &dir.0,
        &["aggregate", "--deadline", "7月末", "-o", "r.csv", "x.json"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    std::fs::write(
        dir.join("roster.json"),
        "{\"format\":\"tenken-roster/1\",\"keys\":[{}]}",
    )
    .unwrap();
    let out = tenken(
        &dir.0,
        &[
            "aggregate",
            "--roster",
            "roster.json",
            "-o",
            "r.csv",
            "x.json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("keys[0]"), "{}", text(&out));
}

/// Benchmark, not a test: 10,000 results signed with 20 keys, verified and aggregated by the
/// CLI. Prints the time and peak memory (from /usr/bin/time when present).
#[test]
#[ignore]
fn bench_aggregate_10000() {
    let dir = Scratch::new("bench");
    let keys: Vec<_> = (0..20).map(|i| key(&format!("課{i:02}"))).collect();
    let mut roster = Roster::new();
    roster.keys = keys.iter().map(|(_, r)| r.clone()).collect();
    std::fs::write(dir.join("roster.json"), roster.to_json()).unwrap();
    let base = result("課00", 2026, true);
    let started = std::time::Instant::now();
    let mut names = Vec::new();
    for i in 0..10_000 {
        let (k, reg) = &keys[i % 20];
        let mut r = base.clone();
        // 500 submissions per 課, every file counts, none is a duplicate: the 112 年度 a
        // result may name (1989-2100), then contracts, each its own
        r.subject.division = reg.division.clone();
        let n = (i / 20) as i32;
        if n < 112 {
            r.subject.fiscal_year = Some(1989 + n);
        } else {
            r.summary.missing_clauses = Some(Vec::new());
            r.subject.contract_title = format!("保守委託 {n}");
            r.subject.contractor = "株式会社テスト".into();
            r.subject.period_from = "2026-04-01".into();
            r.subject.period_to = "2027-03-31".into();
        }
        let name = format!("r{i:05}.tenken.json");
        write_signed(&dir, &name, &r, k, 1_780_000_000 + i as u64);
        names.push(name);
    }
    eprintln!("generated 10,000 signed results in {:?}", started.elapsed());
    // five runs on the same files: one run varies by ±15% on a shared machine
    let mut walls = Vec::new();
    for run in 1..=5 {
        let mut cmd = Command::new("/usr/bin/time");
        cmd.current_dir(&dir.0)
            .args([
                "-f",
                "peak RSS %M KB, %e s wall, %U s user, %S s system",
                env!("CARGO_BIN_EXE_tenken"),
            ])
            .args(aggregate("report.xlsx", names.iter().map(String::as_str)));
        let started = std::time::Instant::now();
        let out = cmd.output().expect("/usr/bin/time (apt-get install time)");
        let wall = started.elapsed();
        eprintln!(
            "run {run}: aggregate 10,000: {wall:?}; {}",
            text(&out).trim()
        );
        assert!(out.status.success(), "{}", text(&out));
        walls.push(wall);
    }
    walls.sort();
    eprintln!(
        "median aggregate 10,000 over 5 runs: {:?} (min {:?}, max {:?})",
        walls[2], walls[0], walls[4]
    );
    if std::env::var_os("TENKEN_BENCH_KEEP").is_some() {
        eprintln!("kept in {}", dir.0.display());
        std::mem::forget(dir);
    }
}
