//! `tenken keygen`, `sign`, `verify` and `split`: thin over `tenken::core::sign`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tenken::core::date::{Date, today_jst};
use tenken::core::problem::{Problem, Problems};
use tenken::core::review::{FileStatus, Rules, judge};
use tenken::core::sign::{
    MAX_ROSTER_BYTES, MAX_SIGNED_BYTES, Opened, Owner, Registration, Roster, SignError, SignedFile,
    UnlockedKey, generate, open_result, public_key_file, public_key_of, verify_detached,
};
use tenken::load;

use super::review::unix_now;

/// The largest file `sign` signs, and the largest secret key or public key file read.
const MAX_SIGNED_INPUT: usize = 64 * 1024 * 1024;
const MAX_KEY_FILE: usize = 64 * 1024;

/// The environment variable scripts use instead of the prompt.
const PASSPHRASE_ENV: &str = "TENKEN_PASSPHRASE";

/// Today's date in Japan.
fn today() -> String {
    today_jst(unix_now()).to_string()
}

fn passphrase(confirm: bool) -> Result<String, String> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    let first = rpassword::prompt_password("パスフレーズ / passphrase: ")
        .map_err(|e| format!("パスフレーズを読めません / cannot read the passphrase: {e}"))?;
    if confirm {
        let again = rpassword::prompt_password("もう一度 / again: ")
            .map_err(|e| format!("パスフレーズを読めません / cannot read the passphrase: {e}"))?;
        if again != first {
            return Err("パスフレーズが一致しません / passphrases differ".into());
        }
    }
    Ok(first)
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::FAILURE
}

fn write_new(path: &Path, text: &str, force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!(
            "{} は既にあります（上書きは --force） / already exists (use --force)",
            path.display()
        ));
    }
    std::fs::write(path, text)
        .map_err(|e| format!("{} に書き込めません / cannot write: {e}", path.display()))
}

/// Options of `tenken keygen`.
pub struct Keygen {
    pub secret: PathBuf,
    pub public: PathBuf,
    pub registration: Option<PathBuf>,
    pub division: Option<String>,
    pub name: Option<String>,
    pub title: Option<String>,
    pub force: bool,
}

pub fn keygen(o: Keygen) -> ExitCode {
    for p in [&o.secret, &o.public]
        .into_iter()
        .chain(o.registration.as_ref())
    {
        if p.exists() && !o.force {
            return fail(format!(
                "{} は既にあります（上書きは --force） / already exists (use --force)",
                p.display()
            ));
        }
    }
    let pass = match passphrase(true) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let owner = Owner {
        division: o.division.clone().unwrap_or_default(),
        name: o.name.clone().unwrap_or_default(),
        title: o.title.clone().unwrap_or_default(),
        created: today(),
    };
    let key = match generate(&pass, &owner) {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    let public = match public_key_file(&key.public_key) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    if let Err(e) = write_new(&o.secret, &key.secret_key_file, o.force)
        .and_then(|_| write_new(&o.public, &public, o.force))
    {
        return fail(e);
    }
    let fingerprint = tenken::core::sign::fingerprint_of(&key.public_key).unwrap_or_default();
    println!(
        "秘密鍵 / secret key: {}（パスフレーズで暗号化 / encrypted）",
        o.secret.display()
    );
    println!(
        "公開鍵 / public key: {} {}",
        o.public.display(),
        key.public_key
    );
    println!("指紋 / fingerprint: {fingerprint}");
    if let Some(path) = &o.registration {
        let reg = Registration::new(
            o.division.as_deref().unwrap_or_default(),
            o.name.as_deref().unwrap_or_default(),
            o.title.as_deref().unwrap_or_default(),
            &key.public_key,
            &today(),
        );
        match reg
            .map_err(|e| e.to_string())
            .and_then(|r| write_new(path, &format!("{}\n", r.to_json()), o.force))
        {
            Ok(()) => println!("登録ファイル / registration: {}", path.display()),
            Err(e) => return fail(e),
        }
    }
    ExitCode::SUCCESS
}

pub fn sign(secret: &Path, files: &[PathBuf]) -> ExitCode {
    let text = match load::read_text(secret, MAX_KEY_FILE) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {}", secret.display(), Problem::error("", e))),
    };
    let pass = match passphrase(false) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let key = match UnlockedKey::unlock(&text, &pass) {
        Ok(k) => k,
        Err(e) => return fail(e),
    };
    let mut failed = false;
    for file in files {
        let out = PathBuf::from(format!("{}.minisig", file.display()));
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let result = load::read_bytes(file, MAX_SIGNED_INPUT)
            .map_err(|e| format!("{}: {}", file.display(), Problem::error("", e)))
            .and_then(|bytes| {
                key.sign(
                    &bytes,
                    &format!("timestamp:{}\tfile:{name}\thashed", unix_now()),
                )
                .map_err(|e| e.to_string())
            })
            .and_then(|sig| {
                std::fs::write(&out, sig)
                    .map_err(|e| format!("{} に書き込めません / cannot write: {e}", out.display()))
            });
        match result {
            Ok(()) => println!("{}", out.display()),
            Err(e) => {
                failed = true;
                eprintln!("{e}");
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// How one file fared in `tenken verify`.
enum Outcome {
    /// The signature holds and the key counts for the file's own 課 (or is the key given).
    Ok(String),
    /// The signature holds, but the key is in no registration.
    Unregistered(String),
    /// The signature holds, but the key does not count for this file (another 課, outside
    /// its period, revoked, a bad signing time).
    Refused(String),
    /// Not verifiable.
    Bad(String),
}

pub fn read_roster(path: &Path) -> Result<Roster, String> {
    let bytes = load::read_bytes(path, MAX_ROSTER_BYTES)
        .map_err(|e| format!("{}: {}", path.display(), Problem::error("", e)))?;
    Roster::from_json(&bytes).map_err(|problems| {
        let lines: Vec<String> = problems.0.iter().map(|p| format!("  {p}")).collect();
        format!("{}:\n{}", path.display(), lines.join("\n"))
    })
}

pub fn verify(
    roster: Option<&Path>,
    public: Option<&str>,
    today: Option<&str>,
    files: &[PathBuf],
) -> ExitCode {
    let roster = match roster.map(read_roster).transpose() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let public = match public.map(read_public).transpose() {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let today = match today {
        Some(t) => match Date::parse_iso(t) {
            Some(d) => d,
            None => {
                eprintln!(
                    "--today は YYYY-MM-DD で指定してください / --today must be YYYY-MM-DD: {t}"
                );
                return ExitCode::from(2);
            }
        },
        None => today_jst(unix_now()),
    };
    let mut failed = 0;
    for file in files {
        let (word, text) = match verify_one(file, roster.as_ref(), public.as_deref(), today) {
            Outcome::Ok(t) => ("OK", t),
            Outcome::Unregistered(t) => ("UNREGISTERED", t),
            Outcome::Refused(t) => ("REFUSED", t),
            Outcome::Bad(t) => ("BAD", t),
        };
        if word != "OK" {
            failed += 1;
        }
        println!("{word} {}: {text}", file.display());
    }
    if failed > 0 {
        eprintln!(
            "{failed} / {} ファイルが有効ではありません / {failed} of {} files are not valid",
            files.len(),
            files.len()
        );
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A public key given on the command line: base64, or the path of a `.pub` file.
fn read_public(arg: &str) -> Result<String, String> {
    let text = if Path::new(arg).is_file() {
        load::read_text(Path::new(arg), MAX_KEY_FILE)
            .map_err(|e| format!("{arg}: {}", Problem::error("", e)))?
    } else {
        arg.to_string()
    };
    public_key_of(&text).map_err(|e| e.to_string())
}

fn problems_text(p: &Problems) -> String {
    p.0.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn verify_one(file: &Path, roster: Option<&Roster>, public: Option<&str>, today: Date) -> Outcome {
    let bytes = match load::read_bytes(file, MAX_SIGNED_INPUT) {
        Ok(b) => b,
        Err(e) => return Outcome::Bad(Problem::error("", e).to_string()),
    };
    // a signed result is told by its JSON `format` member, not by searching the bytes
    let is_result = bytes.len() <= MAX_SIGNED_BYTES
        && bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
        && serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| v.get("format")?.as_str().map(str::to_string))
            .is_some_and(|f| f.starts_with("tenken-signed/") || f.starts_with("tenken-result/"));
    if is_result {
        return verify_result(&bytes, roster, public, today);
    }
    let sig_path = PathBuf::from(format!("{}.minisig", file.display()));
    let minisig = match load::read_text(&sig_path, MAX_KEY_FILE) {
        Ok(s) => s,
        Err(_) => {
            return Outcome::Bad(format!(
                "署名付きの結果ファイルではなく、{} もありません / not a signed result and no .minisig",
                sig_path.display()
            ));
        }
    };
    let mut keys: Vec<(String, Option<&Registration>)> = Vec::new();
    if let Some(p) = public {
        keys.push((p.to_string(), roster.and_then(|r| r.find(p))));
    }
    if let Some(r) = roster {
        keys.extend(r.keys.iter().map(|k| (k.public_key.clone(), Some(k))));
    }
    if keys.is_empty() {
        return Outcome::Bad(
            "公開鍵がありません（-p か --roster） / no public key (-p or --roster)".into(),
        );
    }
    let mut last = SignError::BadSignature;
    for (key, reg) in keys {
        match verify_detached(&bytes, &minisig, &key) {
            Ok(comment) => {
                let who = reg
                    .map(|r| format!("{} {}", r.division, r.name))
                    .unwrap_or_else(|| "指定の公開鍵 / given key".into());
                return Outcome::Ok(format!(
                    "{who} の署名 / signed by {who} [{}]",
                    comment.replace('\t', " ")
                ));
            }
            Err(e @ SignError::OtherKey { .. }) => last = e,
            Err(e) => return Outcome::Bad(e.to_string()),
        }
    }
    Outcome::Bad(last.to_string())
}

fn verify_result(
    bytes: &[u8],
    roster: Option<&Roster>,
    public: Option<&str>,
    today: Date,
) -> Outcome {
    let verified = match open_result(bytes) {
        Ok(Opened::Valid(v)) => v,
        Ok(Opened::Invalid { error, .. }) => return Outcome::Bad(error.to_string()),
        Ok(Opened::Unsigned(_)) => {
            return Outcome::Bad("署名がありません / not signed".into());
        }
        Err(p) => return Outcome::Bad(problems_text(&p)),
    };
    let r = &verified.result;
    let what = format!(
        "{} {}（{}）{} / {} 版 {} [鍵 {}]",
        r.subject.division,
        r.subject.name,
        r.subject.title,
        r.checklist_title,
        r.bundle.id,
        r.bundle.version,
        verified.fingerprint
    );
    if let Some(p) = public {
        if p != verified.public_key {
            return Outcome::Bad(format!(
                "{what}: 指定の公開鍵と違う鍵の署名 / signed by another key than -p"
            ));
        }
        if roster.is_none() {
            return Outcome::Ok(format!(
                "{what}: 指定の公開鍵の署名 / signed by the given key"
            ));
        }
    }
    let empty = Roster::new();
    let rules = Rules {
        roster: roster.unwrap_or(&empty),
        official: &[],
        today,
    };
    match judge(&verified, &rules) {
        FileStatus::Counted(reg) => Outcome::Ok(format!(
            "{what} 登録: {} {} / registered",
            reg.division, reg.name
        )),
        FileStatus::Unregistered if roster.is_none() => Outcome::Unregistered(format!(
            "{what}: 署名は正しいが、登録簿（--roster）がないため誰の鍵かを確認していません / valid signature, but no roster (--roster) to tell whose key it is"
        )),
        s @ FileStatus::Unregistered => {
            Outcome::Unregistered(format!("{what}: {} / {}", s.detail(), s.detail_en()))
        }
        s => Outcome::Refused(format!(
            "{what}: {}（{}） / {} ({})",
            s.label(),
            s.detail(),
            s.label_en(),
            s.detail_en()
        )),
    }
}

/// Writes `result.json` and `result.json.minisig` into `dir` (made if missing) and prints
/// the `minisign` line that checks them against the key registered for the result's 課 —
/// never against the key inside the file, which proves nothing about who signed.
pub fn split(file: &Path, dir: &Path, roster: Option<&Path>) -> ExitCode {
    let roster = match roster.map(read_roster).transpose() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let bytes = match load::read_bytes(file, MAX_SIGNED_BYTES) {
        Ok(b) => b,
        Err(e) => return fail(format!("{}: {}", file.display(), Problem::error("", e))),
    };
    let parsed = SignedFile::from_json(&bytes);
    let split = match parsed
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|f| f.split())
    {
        Ok(s) => s,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(format!(
            "{} を作れません / cannot create: {e}",
            dir.display()
        ));
    }
    let (result, sig) = (dir.join("result.json"), dir.join("result.json.minisig"));
    let written =
        std::fs::write(&result, &split.payload).and_then(|_| std::fs::write(&sig, &split.minisig));
    if let Err(e) = written {
        return fail(format!(
            "{} に書き込めません / cannot write: {e}",
            dir.display()
        ));
    }
    println!("{}", result.display());
    println!("{}", sig.display());
    let division = parsed
        .ok()
        .and_then(|f| {
            f.result
                .pointer("/subject/division")?
                .as_str()
                .map(str::to_string)
        })
        .unwrap_or_default();
    let registered = roster.as_ref().and_then(|r| r.find(&split.public_key));
    match registered {
        Some(reg) => {
            println!(
                "# {} {} の登録済みの鍵 / the key registered for {}",
                reg.division, reg.name, reg.division
            );
            println!("minisign -Vm {} -P {}", result.display(), reg.public_key);
        }
        None => {
            println!(
                "# 登録簿にある「{division}」の公開鍵で確かめてください（ファイル内の鍵では誰の署名か分かりません） / check with the public key registered for this division, not the key inside the file"
            );
            println!(
                "minisign -Vm {} -P <登録ファイルの public_key>",
                result.display()
            );
            if roster.is_some() {
                println!(
                    "# 注意: この署名の鍵は登録簿にありません / note: the signing key is not in the roster"
                );
            }
        }
    }
    ExitCode::SUCCESS
}
