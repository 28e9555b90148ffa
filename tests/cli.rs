//! The `tenken` command-line tool, run as a user runs it: through the built binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");

fn tenken(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tenken"))
        .args(args)
        .output()
        .expect("run tenken")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("tenken-cli-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// A copy of the fixture bundle with `edit` applied to its bundle.toml.
    fn bundle(name: &str, edit: impl FnOnce(String) -> String) -> Scratch {
        let s = Scratch::new(name);
        let toml = std::fs::read_to_string(Path::new(FIXTURE).join("bundle.toml")).unwrap();
        std::fs::write(s.0.join("bundle.toml"), edit(toml)).unwrap();
        std::fs::copy(
            Path::new(FIXTURE).join("source.txt"),
            s.0.join("source.txt"),
        )
        .unwrap();
        s
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// Replaces exactly one occurrence, so a fixture change cannot silently void a test.
fn replace_once(text: String, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "fixture must contain {from:?} once"
    );
    text.replacen(from, to, 1)
}

/// Checks a broken copy of the fixture: exit status 1, and the output names the place.
fn assert_broken(name: &str, from: &str, to: &str, expected: &[&str]) {
    let dir = Scratch::bundle(name, |t| replace_once(t, from, to));
    let out = tenken(&["bundle", "check", dir.path()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{name}: {text}");
    assert!(text.starts_with("NG "), "{name}: {text}");
    for e in expected {
        assert!(text.contains(e), "{name}: expected {e:?} in\n{text}");
    }
}

#[test]
fn valid_bundle_passes() {
    let out = tenken(&["bundle", "check", FIXTURE]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("OK "), "{text}");
    assert!(
        text.contains("点検 3項目") && text.contains("委託契約 2項目"),
        "{text}"
    );
    // the bundle.toml itself works as well as its directory
    let out = tenken(&["bundle", "check", &format!("{FIXTURE}/bundle.toml")]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn one_bad_bundle_among_good_ones_fails_the_run() {
    let bad = Scratch::bundle("mixed", |t| {
        replace_once(t, "id = \"mini\"", "id = \"Mini!\"")
    });
    let out = tenken(&["bundle", "check", FIXTURE, bad.path()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("OK ") && text.contains("NG "), "{text}");
}

#[test]
fn quote_not_in_source() {
    assert_broken(
        "quote",
        "quote = \"電子情報の秘密保持に関する事項\"",
        "quote = \"電子情報の公開に関する事項\"",
        &[
            "checklists[keiyaku].sections[kisai].items[20-1-1].cite[0].quote",
            "本文に見つかりません",
        ],
    );
}

#[test]
fn condition_names_unknown_question() {
    assert_broken(
        "when-unknown",
        "when = \"personal and mynumber = 'some'\"",
        "when = \"personal and kojin\"",
        &[
            "checklists[tenken].sections[anzen].items[13-3].when",
            "kojin",
        ],
    );
}

#[test]
fn condition_syntax_error_has_position() {
    assert_broken(
        "when-syntax",
        "when = \"personal and mynumber = 'some'\"",
        "when = \"personal and (mynumber = 'some'\"",
        &["items[13-3].when", "32文字目"],
    );
}

#[test]
fn choice_option_unknown() {
    assert_broken(
        "option",
        "mynumber = 'some'",
        "mynumber = 'many'",
        &["items[13-3].when", "many"],
    );
}

#[test]
fn duplicate_item_id() {
    assert_broken(
        "dup",
        "id = \"13-3\"",
        "id = \"13-1\"",
        &["checklists[tenken].sections[anzen].items[13-1]", "重複"],
    );
}

#[test]
fn unknown_key() {
    assert_broken(
        "key",
        "guidance = \"従事者名簿",
        "guidence = \"従事者名簿",
        &["items[13-1].guidence"],
    );
}

#[test]
fn unknown_scale() {
    assert_broken(
        "scale",
        "scale = \"jisshi\"",
        "scale = \"maru\"",
        &["items[14].scale", "maru"],
    );
}

#[test]
fn cite_of_unknown_source() {
    assert_broken(
        "source",
        "cite = [{ source = \"kisoku\", article = \"14\"",
        "cite = [{ source = \"jourei\", article = \"14\"",
        &["items[14].cite[0].source", "jourei"],
    );
}

#[test]
fn missing_source_file() {
    assert_broken(
        "nofile",
        "text = \"source.txt\"",
        "text = \"nai.txt\"",
        &["sources[kisoku].text", "nai.txt"],
    );
}

#[test]
fn bad_version_date() {
    assert_broken(
        "date",
        "version = 2015-10-05",
        "version = \"2015-13-05\"",
        &["version", "2015-13-05"],
    );
}

#[test]
fn other_format_version() {
    assert_broken(
        "format",
        "format = \"tenken-bundle/1\"",
        "format = \"tenken-bundle/2\"",
        &["format", "tenken-bundle/2"],
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let dir = Scratch::bundle("many", |t| {
        let t = replace_once(
            t,
            "quote = \"電子情報の秘密保持に関する事項\"",
            "quote = \"どこにもない\"",
        );
        let t = replace_once(t, "scale = \"jisshi\"", "scale = \"maru\"");
        replace_once(t, "when = \"tokutei\"", "when = \"tokutei or\"")
    });
    let text = stdout(&tenken(&["bundle", "check", dir.path()]));
    assert!(text.contains("3件の誤り"), "{text}");
    for place in [
        "items[20-1-1].cite[0].quote",
        "items[14].scale",
        "items[20-2-1].when",
    ] {
        assert!(text.contains(place), "{place} in {text}");
    }
}

#[test]
fn not_toml() {
    let dir = Scratch::new("nottoml");
    std::fs::write(dir.0.join("bundle.toml"), "これは TOML ではない\n[[[").unwrap();
    let out = tenken(&["bundle", "check", dir.path()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("TOML として読めません（1行"), "{text}");
}

#[test]
fn ten_megabytes_is_refused_before_reading() {
    let dir = Scratch::new("huge");
    std::fs::write(dir.0.join("bundle.toml"), "#".repeat(10 << 20)).unwrap();
    let out = tenken(&["bundle", "check", dir.path()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("大きすぎ"), "{text}");
}

#[test]
fn deep_nesting_is_refused_without_crashing() {
    let dir = Scratch::new("deep");
    let toml = format!(
        "format = \"tenken-bundle/1\"\nx = {}1{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    std::fs::write(dir.0.join("bundle.toml"), toml).unwrap();
    let json = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    std::fs::write(dir.0.join("deep.json"), json).unwrap();
    for file in ["bundle.toml", "deep.json"] {
        let out = tenken(&["bundle", "check", dir.0.join(file).to_str().unwrap()]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {text}");
        assert!(text.contains("深すぎ"), "{file}: {text}");
    }
}

#[test]
fn build_writes_canonical_json_that_checks_and_hashes_the_same() {
    let dir = Scratch::new("build");
    let out_file = dir.0.join("mini.json");
    let out = tenken(&["bundle", "build", FIXTURE, "-o", out_file.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = stdout(&out);
    let json = std::fs::read(&out_file).unwrap();
    // the source text is embedded, so the JSON stands alone
    let value: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert!(
        value["sources"][0]["text"]
            .as_str()
            .unwrap()
            .contains("第20条")
    );
    // canonical: building again gives the same bytes
    let again = dir.0.join("again.json");
    tenken(&["bundle", "build", FIXTURE, "-o", again.to_str().unwrap()]);
    assert_eq!(std::fs::read(&again).unwrap(), json);
    // the compiled JSON validates and has the hash the build printed
    let check = stdout(&tenken(&["bundle", "check", out_file.to_str().unwrap()]));
    let hash = printed
        .split("sha256:")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    assert!(
        check.starts_with("OK ") && check.contains(hash),
        "{check} / {printed}"
    );
}

#[test]
fn build_of_bad_bundle_writes_nothing() {
    let bad = Scratch::bundle("badbuild", |t| {
        replace_once(t, "scale = \"jisshi\"", "scale = \"maru\"")
    });
    let out_file = bad.0.join("out.json");
    let out = tenken(&[
        "bundle",
        "build",
        bad.path(),
        "-o",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("items[14].scale"));
    assert!(!out_file.exists());
}

#[test]
fn export_of_compiled_json_builds_back_to_the_same_bytes() {
    let dir = Scratch::new("export");
    let compiled = dir.0.join("mini.json");
    let out = tenken(&["bundle", "build", FIXTURE, "-o", compiled.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    // into a folder that does not exist yet
    let exported = dir.0.join("exported").join("mini");
    let out = tenken(&[
        "bundle",
        "export",
        compiled.to_str().unwrap(),
        "-o",
        exported.to_str().unwrap(),
    ]);
    let text = stdout(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("(bundle.toml, source.txt)"), "{text}");
    assert_eq!(
        std::fs::read(exported.join("source.txt")).unwrap(),
        std::fs::read(Path::new(FIXTURE).join("source.txt")).unwrap()
    );
    let rebuilt = dir.0.join("rebuilt.json");
    let out = tenken(&[
        "bundle",
        "build",
        exported.to_str().unwrap(),
        "-o",
        rebuilt.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read(&rebuilt).unwrap() == std::fs::read(&compiled).unwrap());
}

#[test]
fn export_never_overwrites_without_force() {
    let dir = Scratch::new("export-force");
    let toml = dir.0.join("bundle.toml");
    std::fs::write(&toml, "mine").unwrap();
    let out = tenken(&["bundle", "export", FIXTURE, "-o", dir.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--force"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // nothing written: neither the existing file nor the source file next to it
    assert_eq!(std::fs::read_to_string(&toml).unwrap(), "mine");
    assert!(!dir.0.join("source.txt").exists());
    let out = tenken(&["bundle", "export", FIXTURE, "-o", dir.path(), "--force"]);
    assert_eq!(out.status.code(), Some(0));
    let check = tenken(&["bundle", "check", dir.path()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn export_of_bad_bundle_writes_nothing() {
    let bad = Scratch::bundle("badexport", |t| {
        replace_once(t, "scale = \"jisshi\"", "scale = \"maru\"")
    });
    let out_dir = bad.0.join("out");
    let out = tenken(&[
        "bundle",
        "export",
        bad.path(),
        "-o",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("items[14].scale"));
    assert!(!out_dir.exists());
}

#[test]
fn usage_error_exits_2() {
    let out = tenken(&["bundle", "frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A small 例規 and a bundle over it, for `bundle coverage`.
const COVERAGE_SOURCE: &str = "○架空町情報管理規程\n\n(目的)\n\n第1条 この規程は、情報の管理について必要な事項を定めるものとする。\n\n(点検)\n\n第2条 課長は、所管する情報システムを点検しなければならない。\n\n2 課長は、点検の結果を情報担当課長に報告しなければならない。\n\n(委任)\n\n第3条 この規程に定めるもののほか、必要な事項は、別に定める。\n";

fn coverage_bundle(name: &str, exclude: &str) -> Scratch {
    let dir = Scratch::new(name);
    let toml = format!(
        "format = \"tenken-bundle/1\"\nid = \"kakuu\"\nversion = \"2024-04-01\"\ntitle = \"架空町 情報管理の点検\"\nmunicipality = {{ name = \"架空町\" }}\n{exclude}\n\n[[sources]]\nid = \"kitei\"\ntitle = \"架空町情報管理規程\"\ntext = \"source.txt\"\n\n[[checklists]]\nid = \"tenken\"\nkind = \"inspection\"\ntitle = \"点検\"\nrespondent = \"課長\"\n\n[[checklists.sections]]\nid = \"s\"\ntitle = \"点検\"\n\n[[checklists.sections.items]]\nid = \"2-1\"\ntext = \"所管する情報システムを点検していますか。\"\ncite = [{{ source = \"kitei\", article = \"2\", quote = \"所管する情報システムを点検しなければならない。\" }}]\n"
    );
    std::fs::write(dir.0.join("bundle.toml"), toml).unwrap();
    std::fs::write(dir.0.join("source.txt"), COVERAGE_SOURCE).unwrap();
    dir
}

#[test]
fn coverage_of_a_bundle_that_asks_or_excludes_everything_passes() {
    let dir = coverage_bundle(
        "cov-ok",
        "exclude = [\n  { source = \"kitei\", article = \"1\", reason = \"目的を定めるだけ。\" },\n  { source = \"kitei\", article = \"2\", paragraph = \"2\", reason = \"報告は別の点検で尋ねる。\" },\n  { source = \"kitei\", article = \"3\", reason = \"委任の規定。\" },\n]",
    );
    let out = tenken(&["bundle", "coverage", dir.path()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("条・項・号 5（質問 2・除外 3・未対応 0）"),
        "{text}"
    );
    assert!(
        text.contains("5 units (2 asked, 3 excluded, 0 open)"),
        "{text}"
    );
    assert!(
        text.contains("2 duty sentences (1 asked, 1 excluded, 0 open)"),
        "{text}"
    );
    assert!(text.contains("OK "), "{text}");
    assert!(!text.contains("open units"), "{text}");
}

#[test]
fn coverage_lists_an_open_duty_and_fails() {
    let dir = coverage_bundle(
        "cov-open",
        "exclude = [\n  { source = \"kitei\", article = \"1\", reason = \"目的を定めるだけ。\" },\n  { source = \"kitei\", article = \"3\", reason = \"委任の規定。\" },\n]",
    );
    let out = tenken(&["bundle", "coverage", dir.path()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("未対応の義務の文 / open duty sentences:"),
        "{text}"
    );
    assert!(
        text.contains(
            "11行 / line 11: 第2条第2項 [義務 / duty]（課長） 課長は、点検の結果を情報担当課長に報告しなければならない。"
        ),
        "{text}"
    );
    assert!(
        text.contains("11行 / line 11: 第2条第2項　課長は、点検の結果"),
        "{text}"
    );
    // an invalid bundle among them fails the run too, and a missing path is not a crash
    let bad = Scratch::bundle("cov-bad", |t| {
        replace_once(t, "scale = \"jisshi\"", "scale = \"maru\"")
    });
    let out = tenken(&["bundle", "coverage", bad.path(), "/nonexistent/tenken"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("items[14].scale"));
}

#[test]
fn coverage_without_a_path_is_a_usage_error() {
    let out = tenken(&["bundle", "coverage"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn coverage_of_the_built_in_bundles_leaves_nothing_open() {
    let dirs: Vec<String> = ["meguro", "chikuma", "shimanto", "toin", "sayama"]
        .iter()
        .map(|id| format!("{}/policies/{id}", env!("CARGO_MANIFEST_DIR")))
        .collect();
    let args: Vec<&str> = ["bundle", "coverage"]
        .into_iter()
        .chain(dirs.iter().map(String::as_str))
        .collect();
    let out = tenken(&args);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(text.matches("未対応 0）、").count(), 5, "{text}");
    assert!(
        text.contains("目次では第3章は第8条〜第11条ですが"),
        "{text}"
    );
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `tenken verify … | head -1`: 3,000 lines (~300 KB) into a pipe closed at once
    let s = Scratch::new("pipe");
    let junk = s.0.join("junk.tenken.json");
    std::fs::write(&junk, "{ not json").unwrap();
    let junk = junk.to_str().unwrap().to_string();
    let mut args = vec!["verify".to_string()];
    args.extend(std::iter::repeat_n(junk, 3000));
    let mut child = Command::new(env!("CARGO_BIN_EXE_tenken"))
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run tenken");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

/// Runs `tenken` in `dir` with the passphrase in the environment.
fn tenken_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tenken"))
        .current_dir(dir)
        .env("TENKEN_PASSPHRASE", "kumo no ue no sora 2026")
        .args(args)
        .output()
        .expect("run tenken")
}

/// A town's 情報担当課 alone, through the CLI (issue #32): the bundle made from its 例規
/// (広陵町's 住基ネット委託管理規程, `tests/fixtures/koryo`) checked and built, signed into the
/// signed bundle file 公開 writes, a 課長's signed result against it; then `verify` of the
/// signed bundle file (who signed it) and of the result, and `aggregate` with the signed
/// bundle file as the official bundle. Every command that takes a bundle file takes the
/// signed one.
#[test]
fn a_town_alone_from_its_reiki_to_a_trusted_aggregate_through_the_cli() {
    use tenken::core::draft::{Answer, Draft};
    use tenken::core::evaluate::evaluate;
    use tenken::core::result::ResultDoc;
    use tenken::core::sign::{SignedFile, UnlockedKey};

    let s = Scratch::new("town");
    let dir = s.0.as_path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(fixtures.join("koryo/bundle.toml"), dir.join("bundle.toml")).unwrap();
    std::fs::copy(
        fixtures.join("reiki/koryo-juki-itaku.txt"),
        dir.join("source.txt"),
    )
    .unwrap();
    // the commands of the path itself, apart from those that check what they made
    let mut path_commands = 0;
    let run = |args: &[&str], code: i32| {
        let out = tenken_in(dir, args);
        let text = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
        assert_eq!(out.status.code(), Some(code), "tenken {args:?}:\n{text}");
        text
    };
    let mut step = |args: &[&str], code: i32| {
        path_commands += 1;
        run(args, code)
    };

    // the bundle: checked, nothing left open, built
    let text = step(&["bundle", "check", "."], 0);
    assert!(text.starts_with("OK "), "{text}");
    let text = step(&["bundle", "coverage", "."], 0);
    assert!(text.contains("未対応 0）"), "{text}");
    step(&["bundle", "build", ".", "-o", "koryo.json"], 0);
    // 情報担当課's key; the bundle signed as 公開 signs it
    step(&["keygen", "-s", "joho.key", "-p", "joho.pub"], 0);
    let text = step(
        &[
            "sign",
            "-s",
            "joho.key",
            "--publisher",
            "広陵町 総務課",
            "koryo.json",
        ],
        0,
    );
    let signed = "koryo-juki-itaku_2002-08-05.tenken-bundle.json";
    assert!(text.contains(signed), "{text}");
    // a 課長's key and registration (made in the app, as a rule), and the roster
    step(
        &[
            "keygen",
            "-s",
            "kacho.key",
            "-p",
            "kacho.pub",
            "-r",
            "kacho.tenken-key.json",
            "--division",
            "住民課",
            "--name",
            "広陵 花子",
            "--title",
            "課長",
        ],
        0,
    );
    step(
        &[
            "roster",
            "add",
            "roster.json",
            "kacho.tenken-key.json",
            "--from",
            "2026-04-01",
        ],
        0,
    );

    // the 課長's signed result, made as the app makes it, against the signed bundle file
    let loaded = tenken::load::load(&dir.join(signed)).expect("the signed bundle file loads");
    assert!(loaded.signature.is_some());
    let b = &loaded.validated.bundle;
    let list = b.checklist("tenken").unwrap();
    let mut d = Draft::new("d".into(), b, list, "2026-05-01T00:00:00Z");
    d.subject.division = "住民課".into();
    d.subject.name = "広陵 花子".into();
    d.subject.fiscal_year = Some(2026);
    let ids: Vec<String> = list.items().map(|(_, i)| i.id.clone()).collect();
    for id in ids {
        let answer = Answer {
            option: Some("conforming".into()),
            ..Answer::default()
        };
        d.answers.insert(id, answer);
    }
    let e = evaluate(b, list, &d);
    assert!(e.is_complete());
    let result = ResultDoc::of(b, list, &d, &e, "2026-05-02T00:00:00Z");
    let key = std::fs::read_to_string(dir.join("kacho.key")).unwrap();
    let key = UnlockedKey::unlock(&key, "kumo no ue no sora 2026").unwrap();
    let file = SignedFile::sign(&result, &key, "r.tenken.json", 1_780_000_000).unwrap();
    std::fs::write(dir.join("r.tenken.json"), file.to_json()).unwrap();

    // verify: who signed the bundle, checked against 情報担当課's public key; the result
    // against the roster
    let text = step(&["verify", "-p", "joho.pub", signed], 0);
    assert!(
        text.starts_with(&format!("OK {signed}")) && text.contains("発行元「広陵町 総務課」の署名"),
        "{text}"
    );
    let text = step(
        &[
            "verify",
            "--roster",
            "roster.json",
            "--today",
            "2026-11-30",
            "r.tenken.json",
        ],
        0,
    );
    assert!(
        text.starts_with("OK r.tenken.json") && text.contains("住民課 広陵 花子"),
        "{text}"
    );
    // 集計 with the signed bundle file as this year's (and last year's) official bundle
    let text = step(
        &[
            "aggregate",
            "--roster",
            "roster.json",
            "--today",
            "2026-11-30",
            "--bundle",
            signed,
            "--previous-bundle",
            signed,
            "--previous",
            "r.tenken.json",
            "-o",
            "report.xlsx",
            "r.tenken.json",
        ],
        0,
    );
    assert!(text.contains("集計に使用 1、使用しない 0"), "{text}");
    assert!(!text.contains("が指定されていない"), "{text}");
    println!("CLI commands of the path: {path_commands}");

    // the signed bundle file everywhere a bundle file goes
    let text = run(&["bundle", "check", signed], 0);
    assert!(text.contains("署名した規則ファイル"), "{text}");
    run(&["bundle", "coverage", signed], 0);
    run(&["bundle", "export", signed, "-o", "exported"], 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("exported/source.txt")).unwrap(),
        std::fs::read_to_string(dir.join("source.txt")).unwrap()
    );
    // without a key the file is intact but who signed it unconfirmed; another key, a result
    // signed by a 課長 and a changed copy are refused
    let text = run(&["verify", signed], 1);
    assert!(
        text.starts_with("UNREGISTERED") && text.contains("誰の署名かは確かめていません"),
        "{text}"
    );
    let text = run(&["verify", "-p", "kacho.pub", signed], 1);
    assert!(text.starts_with("BAD") && text.contains("別の鍵"), "{text}");
    let text = run(&["verify", "-p", "joho.pub", "r.tenken.json"], 1);
    assert!(text.starts_with("BAD r.tenken.json"), "{text}");
    let mut changed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(signed)).unwrap()).unwrap();
    changed["bundle"]["title"] = "書き換えた題".into();
    std::fs::write(dir.join("changed.tenken-bundle.json"), changed.to_string()).unwrap();
    let text = run(
        &["verify", "-p", "joho.pub", "changed.tenken-bundle.json"],
        1,
    );
    assert!(text.contains("署名が一致しません"), "{text}");
    // an empty passphrase is asked for, not called wrong
    let out = Command::new(env!("CARGO_BIN_EXE_tenken"))
        .current_dir(dir)
        .env("TENKEN_PASSPHRASE", "")
        .args(["sign", "-s", "joho.key", "koryo.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("パスフレーズを入力してください"));
}

/// `tenken keygen` checks 課名・氏名・役職 as the app's key screen does (one rule in core):
/// a hidden character or a name given without the other is refused before any key is
/// written, and the names are kept trimmed.
#[test]
fn keygen_checks_the_owner_as_the_app_does() {
    let s = Scratch::new("keygen-owner");
    let dir = s.0.as_path();
    let o = tenken_in(
        dir,
        &[
            "keygen",
            "-s",
            "a.key",
            "-p",
            "a.pub",
            "--division",
            "住民\u{200B}課",
            "--name",
            "佐藤",
        ],
    );
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("課名") && err.contains("200B"), "{err}");
    assert!(
        !dir.join("a.key").exists(),
        "no key is written for a refused owner"
    );
    let o = tenken_in(
        dir,
        &[
            "keygen",
            "-s",
            "b.key",
            "-p",
            "b.pub",
            "--division",
            "住民課",
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("課名と氏名を入力してください"));
    let o = tenken_in(
        dir,
        &[
            "keygen",
            "-s",
            "c.key",
            "-p",
            "c.pub",
            "-r",
            "c.json",
            "--division",
            " 住民課 ",
            "--name",
            "佐藤 一郎 ",
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let reg = std::fs::read_to_string(dir.join("c.json")).unwrap();
    assert!(
        reg.contains("\"division\": \"住民課\"") && reg.contains("\"name\": \"佐藤 一郎\""),
        "{reg}"
    );
}
