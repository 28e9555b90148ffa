//! `tenken keygen`, `sign`, `verify` and `split`: thin over `tenken::core::sign`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tenken::core::sign::{
    Owner, Registration, Roster, SignError, SignedFile, UnlockedKey, generate, public_key_file,
    public_key_of, verify_detached,
};

/// The environment variable scripts use instead of the prompt.
const PASSPHRASE_ENV: &str = "TENKEN_PASSPHRASE";

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Today's date (UTC) as YYYY-MM-DD.
fn today() -> String {
    let days = (unix_now() / 86_400) as i64;
    // civil-from-days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
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
    let text = match std::fs::read_to_string(secret) {
        Ok(t) => t,
        Err(e) => {
            return fail(format!(
                "{} を読めません / cannot read: {e}",
                secret.display()
            ));
        }
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
        let result = std::fs::read(file)
            .map_err(|e| format!("{} を読めません / cannot read: {e}", file.display()))
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
    Ok(String),
    Unregistered(String),
    Bad(String),
}

pub fn read_roster(path: &Path) -> Result<Roster, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{} を読めません / cannot read: {e}", path.display()))?;
    Roster::from_json(&bytes).map_err(|problems| {
        let lines: Vec<String> = problems.0.iter().map(|p| format!("  {p}")).collect();
        format!("{}:\n{}", path.display(), lines.join("\n"))
    })
}

pub fn verify(roster: Option<&Path>, public: Option<&str>, files: &[PathBuf]) -> ExitCode {
    let roster = match roster.map(read_roster).transpose() {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let public = match public.map(read_public).transpose() {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    let mut failed = false;
    for file in files {
        let (word, text) = match verify_one(file, roster.as_ref(), public.as_deref()) {
            Outcome::Ok(t) => ("OK", t),
            Outcome::Unregistered(t) => {
                failed = true;
                ("UNREGISTERED", t)
            }
            Outcome::Bad(t) => {
                failed = true;
                ("BAD", t)
            }
        };
        println!("{word} {}: {text}", file.display());
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// A public key given on the command line: base64, or the path of a `.pub` file.
fn read_public(arg: &str) -> Result<String, String> {
    let text = if Path::new(arg).is_file() {
        std::fs::read_to_string(arg)
            .map_err(|e| format!("{arg} を読めません / cannot read: {e}"))?
    } else {
        arg.to_string()
    };
    public_key_of(&text).map_err(|e| e.to_string())
}

fn verify_one(file: &Path, roster: Option<&Roster>, public: Option<&str>) -> Outcome {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return Outcome::Bad(format!("読めません / cannot read: {e}")),
    };
    let looks_signed = std::str::from_utf8(&bytes)
        .map(|t| t.contains("\"tenken-signed/1\""))
        .unwrap_or(false);
    if looks_signed {
        return verify_result(&bytes, roster, public);
    }
    let sig_path = PathBuf::from(format!("{}.minisig", file.display()));
    let minisig = match std::fs::read_to_string(&sig_path) {
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

fn verify_result(bytes: &[u8], roster: Option<&Roster>, public: Option<&str>) -> Outcome {
    let verified = match SignedFile::from_json(bytes).and_then(|f| f.verify()) {
        Ok(v) => v,
        Err(e) => return Outcome::Bad(e.to_string()),
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
    if let Some(p) = public
        && p != verified.public_key
    {
        return Outcome::Bad(format!(
            "{what}: 指定の公開鍵と違う鍵の署名 / signed by another key than -p"
        ));
    }
    match roster {
        None => Outcome::Ok(what),
        Some(roster) => match roster.find(&verified.public_key) {
            Some(reg) => Outcome::Ok(format!(
                "{what} 登録: {} {} / registered",
                reg.division, reg.name
            )),
            None => Outcome::Unregistered(format!(
                "{what}: 署名は有効だが未登録の鍵 / valid signature, key not in the roster"
            )),
        },
    }
}

pub fn split(file: &Path, dir: &Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            return fail(format!(
                "{} を読めません / cannot read: {e}",
                file.display()
            ));
        }
    };
    let split = match SignedFile::from_json(&bytes).and_then(|f| f.split()) {
        Ok(s) => s,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
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
    println!("minisign -Vm {} -P {}", result.display(), split.public_key);
    ExitCode::SUCCESS
}
