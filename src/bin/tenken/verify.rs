//! `tenken verify` and `tenken split`: check signed files, and split a signed result for an
//! independent check with `minisign`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tenken::core::Message;
use tenken::core::picked::{MAX_BUNDLE_FILE_BYTES, parse_json_signed};
use tenken::core::review::{FileStatus, KeyRefusal, judge_detached, signer};
use tenken::core::sign::{
    BundleSigned, MAX_ROSTER_BYTES, MAX_SIGNED_BYTES, Opened, Roster, SIGNED_BUNDLE_FORMAT,
    SignError, SignedFile, fingerprint_of, open_result, public_key_of, verify_detached,
};

use crate::error::CliError;
use crate::io;
use crate::keys::MAX_KEY_FILE;

/// The largest file `verify` checks against a `.minisig`.
const MAX_SIGNED_INPUT: usize = 64 * 1024 * 1024;

/// 署名付き結果・署名付きファイルを検証する / verify signed results and signed files
#[derive(Args)]
pub struct Verify {
    /// 登録簿（または登録ファイル） / roster or registration file
    #[arg(long)]
    roster: Option<PathBuf>,
    /// 公開鍵（base64 か .pub ファイル） / public key (base64 or .pub file)
    #[arg(short, long)]
    public: Option<String>,
    /// 確認する日 YYYY-MM-DD（既定は今日、日本時間） / review date (default: today in Japan)
    #[arg(long)]
    today: Option<String>,
    /// signed results (.tenken.json), signed bundle files (.tenken-bundle.json), or files
    /// with a .minisig next to them
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

/// 署名付き結果を result.json と result.json.minisig に分ける / split for minisign -V
#[derive(Args)]
pub struct Split {
    /// signed result (.tenken.json)
    file: PathBuf,
    /// output directory (made if missing)
    #[arg(short, long, default_value = ".")]
    output: PathBuf,
    /// 登録簿（minisign で確かめる鍵を示す） / roster, to print the registered key
    #[arg(long)]
    roster: Option<PathBuf>,
}

/// Reads a roster (or one registration file), every problem with its place.
pub fn read_roster(path: &Path) -> Result<Roster, CliError> {
    let bytes = io::read_bytes(path, MAX_ROSTER_BYTES)?;
    Roster::from_json(&bytes).map_err(|p| CliError::at(path, &p))
}

/// A public key given on the command line: base64, or the path of a `.pub` file.
fn read_public(arg: &str) -> Result<String, CliError> {
    let text = if Path::new(arg).is_file() {
        io::read_text(Path::new(arg), MAX_KEY_FILE)?
    } else {
        arg.to_string()
    };
    Ok(public_key_of(&text)?)
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

impl Verify {
    /// One line per file (OK / UNREGISTERED / REFUSED / BAD), then how many failed.
    pub fn run(self) -> Result<ExitCode, CliError> {
        let roster = self.roster.as_deref().map(read_roster).transpose()?;
        let public = self.public.as_deref().map(read_public).transpose()?;
        let today = match &self.today {
            Some(t) => io::date_arg("--today", t)?,
            None => io::today(),
        };
        let mut failed = 0;
        for file in &self.files {
            let (word, text) = match verify_one(file, roster.as_ref(), public.as_deref(), today) {
                Outcome::Ok(t) => ("OK", t),
                Outcome::Unregistered(t) => ("UNREGISTERED", t),
                Outcome::Refused(t) => ("REFUSED", t),
                Outcome::Bad(t) => ("BAD", t),
            };
            if word != "OK" {
                failed += 1;
            }
            out!("{word} {}: {text}", file.display());
        }
        if failed > 0 {
            eprintln!(
                "{failed} / {} ファイルが有効ではありません / {failed} of {} files are not valid",
                self.files.len(),
                self.files.len()
            );
            return Ok(ExitCode::FAILURE);
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// What a file to verify says it is, by its JSON `format` member (never by searching the
/// bytes): a signed result, a signed bundle file, or anything else (checked against its
/// `.minisig`).
enum Claims {
    Result,
    Bundle,
    Other,
}

fn claims(bytes: &[u8]) -> Claims {
    if bytes.len() > MAX_SIGNED_BYTES.max(MAX_BUNDLE_FILE_BYTES)
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{')
    {
        return Claims::Other;
    }
    let format = serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| v.get("format")?.as_str().map(str::to_string))
        .unwrap_or_default();
    if format == SIGNED_BUNDLE_FORMAT {
        Claims::Bundle
    } else if bytes.len() <= MAX_SIGNED_BYTES
        && (format.starts_with("tenken-signed/") || format.starts_with("tenken-result/"))
    {
        Claims::Result
    } else {
        Claims::Other
    }
}

fn verify_one(
    file: &Path,
    roster: Option<&Roster>,
    public: Option<&str>,
    today: tenken::core::date::Date,
) -> Outcome {
    let bytes = match io::read_bytes(file, MAX_SIGNED_INPUT) {
        Ok(b) => b,
        Err(e) => return Outcome::Bad(e.both()),
    };
    match claims(&bytes) {
        Claims::Result => return verify_result(&bytes, roster, public, today),
        Claims::Bundle => return verify_bundle(&bytes, roster, public, today),
        Claims::Other => {}
    }
    let sig_path = PathBuf::from(format!("{}.minisig", file.display()));
    let Ok(minisig) = io::read_text(&sig_path, MAX_KEY_FILE) else {
        return Outcome::Bad(format!(
            "署名付きの結果ファイルでも署名した規則ファイルでもなく、{} もありません / not a signed result or signed bundle file, and no .minisig",
            sig_path.display()
        ));
    };
    if public.is_none() && roster.is_none() {
        return Outcome::Bad(
            "公開鍵がありません（-p か --roster） / no public key (-p or --roster)".into(),
        );
    }
    verify_with_keys(&bytes, &minisig, roster, public, today, &|comment| {
        comment.replace('\t', " ")
    })
}

/// Checks `bytes` against `minisig` with the key given (`-p`) and the roster's keys, the
/// first that made the signature deciding (see [`detached_outcome`]); `shown` says what the
/// signed comment states.
fn verify_with_keys(
    bytes: &[u8],
    minisig: &str,
    roster: Option<&Roster>,
    public: Option<&str>,
    today: tenken::core::date::Date,
    shown: &dyn Fn(&str) -> String,
) -> Outcome {
    let mut keys: Vec<String> = Vec::new();
    if let Some(p) = public {
        keys.push(p.to_string());
    }
    if let Some(r) = roster {
        keys.extend(r.keys.iter().map(|k| k.public_key.clone()));
    }
    let mut last = SignError::BadSignature;
    for key in keys {
        match verify_detached(bytes, minisig, &key) {
            Ok(comment) => return detached_outcome(roster, &key, &comment, today, shown),
            Err(e @ SignError::OtherKey { .. }) => last = e,
            Err(e) => return Outcome::Bad(e.both()),
        }
    }
    Outcome::Bad(last.both())
}

/// A signed bundle file (`tenken-signed-bundle/1`): the bundle read as every command reads a
/// bundle file, its signature checked over the bundle's canonical JSON against `-p` or the
/// roster's keys, with the publisher, bundle and day its signed comment names. Without
/// either, the signature is checked against the key the file brings — which shows that the
/// file is intact, not who signed it (UNREGISTERED).
fn verify_bundle(
    bytes: &[u8],
    roster: Option<&Roster>,
    public: Option<&str>,
    today: tenken::core::date::Date,
) -> Outcome {
    let (parsed, signature) = match parse_json_signed(bytes) {
        Ok((parsed, Some(signature))) => (parsed, signature),
        Ok((_, None)) => return Outcome::Bad("署名がありません / not signed".into()),
        Err(p) => return Outcome::Bad(p.both()),
    };
    let canonical = match parsed.raw.to_canonical_json() {
        Ok(c) => c,
        Err(e) => {
            return Outcome::Bad(format!(
                "規則を正規化 JSON にできません（{e}） / cannot serialise the bundle: {e}"
            ));
        }
    };
    let what = format!(
        "規則 / bundle {} {}",
        parsed.raw.id.as_deref().unwrap_or_default(),
        parsed.raw.version.as_deref().unwrap_or_default()
    );
    if let Err(problems) = parsed.validate() {
        return Outcome::Bad(format!(
            "{what}: 規則として誤りがあります / not a valid bundle: {}",
            problems.both()
        ));
    }
    let shown = |comment: &str| BundleSigned::of_comment(comment).both();
    if public.is_some() || roster.is_some() {
        return match verify_with_keys(
            &canonical,
            &signature.signature,
            roster,
            public,
            today,
            &shown,
        ) {
            Outcome::Ok(t) => Outcome::Ok(format!("{what}: {t}")),
            Outcome::Unregistered(t) => Outcome::Unregistered(format!("{what}: {t}")),
            Outcome::Refused(t) => Outcome::Refused(format!("{what}: {t}")),
            Outcome::Bad(t) => Outcome::Bad(format!("{what}: {t}")),
        };
    }
    let fingerprint = fingerprint_of(&signature.public_key).unwrap_or_default();
    match signature.verify_with(&canonical, &signature.public_key) {
        Ok(said) => Outcome::Unregistered(format!(
            "{what}: {}、鍵 {fingerprint}。ファイル内の鍵で確かめたため、誰の署名かは確かめていません（-p に発行元の公開鍵か --roster） / {}, key {fingerprint}; checked with the key inside the file, so who signed is not confirmed (give -p with the publisher's key, or --roster)",
            said.message_ja(),
            said.message_en()
        )),
        Err(e) => Outcome::Bad(format!("{what}: {}", e.both())),
    }
}

/// A detached signature that holds, made by `key` with the trusted `comment`: with a roster,
/// it counts only when the key is registered and valid on the signing day the comment
/// states (not after `today`), as for a result; without one, only `-p` names the key.
fn detached_outcome(
    roster: Option<&Roster>,
    key: &str,
    comment: &str,
    today: tenken::core::date::Date,
    shown: &dyn Fn(&str) -> String,
) -> Outcome {
    let shown = shown(comment);
    let Some(roster) = roster else {
        let fp = fingerprint_of(key).unwrap_or_default();
        return Outcome::Ok(format!(
            "指定の公開鍵（{fp}）の署名 / signed by the given key ({fp}) [{shown}]"
        ));
    };
    match judge_detached(roster, key, comment, today) {
        Ok(reg) => {
            let who = format!("{} {}", reg.division, reg.name);
            Outcome::Ok(format!("{who} の署名 / signed by {who} [{shown}]"))
        }
        Err(KeyRefusal::Unregistered) => Outcome::Unregistered(format!(
            "指定の公開鍵の署名ですが、登録簿にありません / signed by the given key, which is not in the roster: {} [{shown}]",
            FileStatus::Unregistered.both()
        )),
        Err(refusal) => {
            let s = FileStatus::from(refusal);
            let who = roster
                .find(key)
                .map(|r| format!("{} {}", r.division, r.name))
                .unwrap_or_default();
            Outcome::Refused(format!(
                "{who} の署名 / signed by {who}: {} [{shown}]",
                s.both()
            ))
        }
    }
}

fn verify_result(
    bytes: &[u8],
    roster: Option<&Roster>,
    public: Option<&str>,
    today: tenken::core::date::Date,
) -> Outcome {
    let verified = match open_result(bytes) {
        Ok(Opened::Valid(v)) => v,
        Ok(Opened::Invalid { error, .. }) => return Outcome::Bad(error.both()),
        Ok(Opened::Unsigned(_)) => return Outcome::Bad("署名がありません / not signed".into()),
        Err(p) => return Outcome::Bad(p.both()),
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
    let Some(roster) = roster else {
        return Outcome::Unregistered(format!(
            "{what}: 署名は正しいが、登録簿（--roster）がないため誰の鍵かを確認していません / valid signature, but no roster (--roster) to tell whose key it is"
        ));
    };
    match signer(&verified, roster, today) {
        Ok(reg) => Outcome::Ok(format!(
            "{what} 登録: {} {} / registered",
            reg.division, reg.name
        )),
        Err(KeyRefusal::Unregistered) => {
            Outcome::Unregistered(format!("{what}: {}", FileStatus::Unregistered.both()))
        }
        Err(refusal) => Outcome::Refused(format!("{what}: {}", FileStatus::from(refusal).both())),
    }
}

impl Split {
    /// Writes `result.json` and `result.json.minisig` into the output directory (made if
    /// missing) and prints the `minisign` line that checks them against the key registered
    /// for the result's 課 — never against the key inside the file, which proves nothing
    /// about who signed.
    pub fn run(self) -> Result<ExitCode, CliError> {
        let roster = self.roster.as_deref().map(read_roster).transpose()?;
        let bytes = io::read_bytes(&self.file, MAX_SIGNED_BYTES)?;
        let file = SignedFile::from_json(&bytes).map_err(|e| CliError::at(&self.file, &e))?;
        let split = file.split().map_err(|e| CliError::at(&self.file, &e))?;
        std::fs::create_dir_all(&self.output).map_err(|e| {
            CliError::failed(
                format!("{} を作れません（{e}）", self.output.display()),
                format!("cannot create {}: {e}", self.output.display()),
            )
        })?;
        let (result, sig) = (
            self.output.join("result.json"),
            self.output.join("result.json.minisig"),
        );
        io::write(&result, &split.payload)?;
        io::write(&sig, split.minisig.as_bytes())?;
        out!("{}", result.display());
        out!("{}", sig.display());
        let division = file
            .result
            .pointer("/subject/division")
            .and_then(|d| d.as_str())
            .unwrap_or_default()
            .to_string();
        match roster.as_ref().and_then(|r| r.find(&split.public_key)) {
            Some(reg) => {
                out!(
                    "# {} {} の登録済みの鍵 / the key registered for {}",
                    reg.division,
                    reg.name,
                    reg.division
                );
                out!("minisign -Vm {} -P {}", result.display(), reg.public_key);
            }
            None => {
                out!(
                    "# 登録簿にある「{division}」の公開鍵で確かめてください（ファイル内の鍵では誰の署名か分かりません） / check with the public key registered for this division, not the key inside the file"
                );
                out!(
                    "minisign -Vm {} -P <登録ファイルの public_key>",
                    result.display()
                );
                if roster.is_some() {
                    out!(
                        "# 注意: この署名の鍵は登録簿にありません / note: the signing key is not in the roster"
                    );
                }
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
