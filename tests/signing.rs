//! Keys and signatures through the `tenken` binary, checked against Debian's `minisign`
//! (an independent implementation) in both directions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use tenken::core::draft::Draft;
use tenken::core::evaluate::evaluate;
use tenken::core::result::ResultDoc;
use tenken::core::sign::{SignedFile, UnlockedKey};

const PASS: &str = "kumo no ue no sora 2026";
const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("tenken-sign-{}-{name}", std::process::id()));
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

fn tenken(dir: &Scratch, args: &[&str], passphrase: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_tenken"));
    c.current_dir(&dir.0).args(args).stdin(Stdio::null());
    match passphrase {
        Some(p) => c.env("TENKEN_PASSPHRASE", p),
        None => c.env_remove("TENKEN_PASSPHRASE"),
    };
    c.output().expect("run tenken")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Debian's minisign; the test setup installs it (`.ci/setup`).
fn minisign(dir: &Scratch, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new("minisign")
        .current_dir(&dir.0)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("minisign must be installed (apt-get install minisign; see .ci/setup)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .ok();
    child.wait_with_output().expect("minisign")
}

fn keygen(dir: &Scratch) {
    let out = tenken(
        dir,
        &[
            "keygen",
            "-r",
            "reg.json",
            "--division",
            "情報政策課",
            "--name",
            "山田太郎",
            "--title",
            "課長",
        ],
        Some(PASS),
    );
    assert!(out.status.success(), "{}", text(&out));
}

/// A signed result of the test bundle, signed with the key in `dir`.
fn signed_result(dir: &Scratch) -> SignedFile {
    let loaded = tenken::load::load(Path::new(FIXTURE)).expect("fixture");
    let bundle = &loaded.validated.bundle;
    let list = &bundle.checklists[0];
    let mut draft = Draft::new("d".into(), bundle, list, "2026-11-24T00:00:00Z");
    draft.subject.division = "情報政策課".into();
    draft.subject.name = "山田太郎".into();
    let result = ResultDoc::of(
        bundle,
        list,
        &draft,
        &evaluate(bundle, list, &draft),
        "2026-11-24T00:00:00Z",
    );
    let secret = std::fs::read_to_string(dir.join("tenken.key")).expect("key file");
    let key = UnlockedKey::unlock(&secret, PASS).expect("unlock");
    // signed now: the key was made today, and signatures dated before it do not count
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    SignedFile::sign(&result, &key, "情報政策課_点検_2026-11-24.tenken.json", now).expect("sign")
}

#[test]
fn files_signed_by_the_cli_verify_with_minisign_and_the_cli() {
    let dir = Scratch::new("cli-sign");
    keygen(&dir);
    std::fs::write(
        dir.join("bundle.json"),
        "{\"format\":\"tenken-bundle/1\"}\n",
    )
    .unwrap();
    let out = tenken(&dir, &["sign", "bundle.json"], Some(PASS));
    assert!(out.status.success(), "{}", text(&out));
    let out = minisign(&dir, &["-Vm", "bundle.json", "-p", "tenken.pub"], "");
    assert!(out.status.success(), "minisign refused: {}", text(&out));
    assert!(text(&out).contains("file:bundle.json"), "{}", text(&out));

    let out = tenken(
        &dir,
        &["verify", "--roster", "reg.json", "bundle.json"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).starts_with("OK "), "{}", text(&out));
    assert!(text(&out).contains("情報政策課 山田太郎"), "{}", text(&out));

    // one changed byte: both tools refuse
    std::fs::write(
        dir.join("bundle.json"),
        "{\"format\":\"tenken-bundle/2\"}\n",
    )
    .unwrap();
    let out = minisign(&dir, &["-Vm", "bundle.json", "-p", "tenken.pub"], "");
    assert!(!out.status.success());
    let out = tenken(&dir, &["verify", "-p", "tenken.pub", "bundle.json"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).starts_with("BAD "), "{}", text(&out));
}

#[test]
fn files_signed_by_minisign_with_a_tenken_key_verify_in_the_cli() {
    let dir = Scratch::new("minisign-sign");
    keygen(&dir);
    std::fs::write(dir.join("roster-note.txt"), "令和8年度 登録簿\n").unwrap();
    let out = minisign(
        &dir,
        &["-S", "-s", "tenken.key", "-m", "roster-note.txt"],
        &format!("{PASS}\n"),
    );
    assert!(
        out.status.success(),
        "minisign could not use the tenken key file: {}",
        text(&out)
    );
    let out = tenken(
        &dir,
        &["verify", "-p", "tenken.pub", "roster-note.txt"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn split_result_verifies_with_minisign() {
    let dir = Scratch::new("split");
    keygen(&dir);
    let file = signed_result(&dir);
    std::fs::write(dir.join("r.tenken.json"), file.to_json()).unwrap();
    // the output directory is made; the printed line names the registered key
    let out = tenken(
        &dir,
        &[
            "split",
            "r.tenken.json",
            "-o",
            "out/2026",
            "--roster",
            "reg.json",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    let reg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("reg.json")).unwrap()).unwrap();
    let registered = reg["public_key"].as_str().unwrap();
    assert!(
        text(&out).contains(&format!(
            "minisign -Vm out/2026/result.json -P {registered}"
        )),
        "{}",
        text(&out)
    );
    let out = minisign(&dir, &["-Vm", "out/2026/result.json", "-P", registered], "");
    assert!(
        out.status.success(),
        "minisign refused the split result: {}",
        text(&out)
    );
    // the split bytes are the result's canonical JSON
    let bytes = std::fs::read(dir.join("out/2026/result.json")).unwrap();
    assert_eq!(bytes, file.payload().unwrap());
    // without a roster, the line never offers the key inside the file
    let out = tenken(&dir, &["split", "r.tenken.json", "-o", "x"], None);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!text(&out).contains(&file.public_key), "{}", text(&out));
    assert!(text(&out).contains("登録簿にある"), "{}", text(&out));
}

#[test]
fn verify_reports_each_file_and_fails_if_any_fails() {
    let dir = Scratch::new("verify");
    keygen(&dir);
    let good = signed_result(&dir);
    std::fs::write(dir.join("good.tenken.json"), good.to_json()).unwrap();
    let tampered = good.to_json().replacen("山田太郎", "山田花子", 1);
    assert_ne!(tampered, good.to_json());
    std::fs::write(dir.join("bad.tenken.json"), tampered).unwrap();
    std::fs::write(dir.join("junk.tenken.json"), "not json").unwrap();

    let out = tenken(
        &dir,
        &["verify", "--roster", "reg.json", "good.tenken.json"],
        None,
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("登録: 情報政策課 山田太郎"),
        "{}",
        text(&out)
    );

    let out = tenken(
        &dir,
        &[
            "verify",
            "--roster",
            "reg.json",
            "good.tenken.json",
            "bad.tenken.json",
            "junk.tenken.json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let lines: Vec<String> = text(&out).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[3].contains("2 / 3"),
        "the count of failures: {lines:?}"
    );
    assert!(
        lines[0].starts_with("OK ") && lines[0].contains("good.tenken.json"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("BAD ") && lines[1].contains("署名が一致しません"),
        "{lines:?}"
    );
    assert!(
        lines[2].starts_with("BAD ") && lines[2].contains("junk.tenken.json"),
        "{lines:?}"
    );
}

#[test]
fn a_key_missing_from_the_roster_is_reported() {
    let dir = Scratch::new("unregistered");
    keygen(&dir);
    let file = signed_result(&dir);
    std::fs::write(dir.join("r.tenken.json"), file.to_json()).unwrap();
    // another 課長's registration only
    let other = Scratch::new("unregistered-other");
    keygen(&other);
    std::fs::copy(other.join("reg.json"), dir.join("other.json")).unwrap();
    let out = tenken(
        &dir,
        &["verify", "--roster", "other.json", "r.tenken.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).starts_with("UNREGISTERED "), "{}", text(&out));
    // without a roster nobody can tell whose key it is: the file does not pass
    let out = tenken(&dir, &["verify", "r.tenken.json"], None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("登録簿（--roster）がないため"),
        "{}",
        text(&out)
    );
}

#[test]
fn wrong_or_weak_passphrases_fail_cleanly_and_change_nothing() {
    let dir = Scratch::new("passphrase");
    keygen(&dir);
    let key_before = std::fs::read(dir.join("tenken.key")).unwrap();
    std::fs::write(dir.join("a.txt"), "a").unwrap();
    let out = tenken(&dir, &["sign", "a.txt"], Some("kumo no ue no sora 2025"));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("パスフレーズが違います"),
        "{}",
        text(&out)
    );
    assert!(!dir.join("a.txt.minisig").exists());
    assert_eq!(std::fs::read(dir.join("tenken.key")).unwrap(), key_before);

    let out = tenken(
        &dir,
        &["keygen", "-s", "weak.key", "-p", "weak.pub"],
        Some("password1234"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("パスフレーズが弱すぎます"),
        "{}",
        text(&out)
    );
    assert!(!dir.join("weak.key").exists());

    // an existing key is never overwritten by accident
    let out = tenken(&dir, &["keygen"], Some(PASS));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(dir.join("tenken.key")).unwrap(), key_before);
}

#[test]
fn the_secret_key_file_is_encrypted() {
    let dir = Scratch::new("encrypted");
    keygen(&dir);
    let key = std::fs::read_to_string(dir.join("tenken.key")).unwrap();
    // minisign's encrypted secret keys start with "Ed" "Sc" (scrypt) "B2"
    assert!(
        key.lines()
            .nth(1)
            .unwrap_or_default()
            .starts_with("RWRTY0Iy"),
        "{key}"
    );
}

/// "Today" is Japan's, for the command line as for the app: a key made at 00:30 on
/// 1 December in Japan (still 30 November in UTC) is registered as made on 1 December.
#[test]
fn the_cli_dates_things_in_japan() {
    let dir = Scratch::new("jst");
    let mut c = Command::new(env!("CARGO_BIN_EXE_tenken"));
    c.current_dir(&dir.0)
        .args([
            "keygen",
            "-r",
            "reg.json",
            "--division",
            "情報政策課",
            "--name",
            "山田太郎",
        ])
        .env("TENKEN_PASSPHRASE", PASS)
        .env("TENKEN_NOW", "1796052600")
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    let out = c.output().expect("run tenken");
    assert!(out.status.success(), "{}", text(&out));
    let reg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("reg.json")).unwrap()).unwrap();
    assert_eq!(reg["created"], "2026-12-01");
}
