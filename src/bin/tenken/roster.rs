//! `tenken roster add|revoke|list`: the registered keys, kept in a roster file that
//! 情報担当課 keeps (and reviews with `aggregate --roster`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tenken::core::date::{Date, today_jst};
use tenken::core::sign::{KeyStanding, Revocation, RevocationReason, Roster};

use super::review::unix_now;
use super::signing::read_roster;

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{message}");
    ExitCode::FAILURE
}

fn date_arg(flag: &str, value: &str) -> Result<String, ExitCode> {
    Date::parse_iso(value)
        .map(|d| d.to_string())
        .ok_or_else(|| {
            eprintln!(
                "{flag} は YYYY-MM-DD で指定してください / {flag} must be YYYY-MM-DD: {value}"
            );
            ExitCode::from(2)
        })
}

fn save(path: &Path, roster: &Roster) -> Result<(), ExitCode> {
    std::fs::write(path, format!("{}\n", roster.to_json())).map_err(|e| {
        fail(format!(
            "{} に書き込めません / cannot write: {e}",
            path.display()
        ))
    })
}

/// `roster add ROSTER FILES…`: merges registration files (or rosters) into ROSTER, made if
/// missing. `from`/`until` set the period of the keys added.
pub fn add(path: &Path, files: &[PathBuf], from: Option<&str>, until: Option<&str>) -> ExitCode {
    let from = match from.map(|d| date_arg("--from", d)).transpose() {
        Ok(d) => d,
        Err(code) => return code,
    };
    let until = match until.map(|d| date_arg("--until", d)).transpose() {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut roster = if path.exists() {
        match read_roster(path) {
            Ok(r) => r,
            Err(e) => return fail(e),
        }
    } else {
        Roster::new()
    };
    let mut failed = false;
    for f in files {
        let mut incoming = match read_roster(f) {
            Ok(r) => r,
            Err(e) => {
                failed = true;
                eprintln!("{e}");
                continue;
            }
        };
        for k in &mut incoming.keys {
            if let Some(d) = &from {
                k.valid_from = d.clone();
            }
            if let Some(d) = &until {
                k.valid_until = d.clone();
            }
            println!(
                "{} {} {} ({})",
                k.fingerprint,
                k.division,
                k.name,
                f.display()
            );
        }
        for c in roster.merge(incoming) {
            failed = true;
            eprintln!("{} / {}", c.message_ja(), c.message_en());
        }
    }
    if let Err(code) = save(path, &roster) {
        return code;
    }
    println!(
        "{}: {} 件の鍵 / {} keys",
        path.display(),
        roster.keys.len(),
        roster.keys.len()
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `roster revoke ROSTER KEY --date D --reason R`: from D on, the key's signatures no longer
/// count (for `compromised`, none of them count).
pub fn revoke(path: &Path, key: &str, date: &str, reason: &str, note: &str) -> ExitCode {
    let date = match date_arg("--date", date) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let Some(reason) = RevocationReason::from_id(reason) else {
        let ids: Vec<&str> = RevocationReason::ALL.iter().map(|r| r.id()).collect();
        eprintln!(
            "--reason は {} のいずれか / --reason must be one of {}",
            ids.join(" | "),
            ids.join(" | ")
        );
        return ExitCode::from(2);
    };
    let mut roster = match read_roster(path) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let Some(reg) = roster.find_mut(key) else {
        return fail(format!(
            "鍵 {key} は登録簿にありません（指紋か公開鍵で指定） / key {key} is not in the roster (give its fingerprint or public key)"
        ));
    };
    reg.revoked = Some(Revocation {
        date,
        reason,
        note: note.trim().to_string(),
    });
    println!(
        "{} {} {}: 失効 {} / revoked {}",
        reg.fingerprint,
        reg.division,
        reg.name,
        reason.label_ja(),
        reason.label_en()
    );
    match save(path, &roster) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// `roster list ROSTER`: every key with its period and its standing today.
pub fn list(path: &Path) -> ExitCode {
    let roster = match read_roster(path) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let today = today_jst(unix_now());
    println!("課\t氏名\t役職\t指紋\t有効期間\t状態（{today}）");
    for k in &roster.keys {
        let from = k.first_day().map(|d| d.to_string()).unwrap_or_default();
        let standing = match k.standing_on(today) {
            KeyStanding::Valid => "有効 / valid".to_string(),
            other => format!("{} / {}", other.message_ja(), other.message_en()),
        };
        println!(
            "{}\t{}\t{}\t{}\t{from}〜{}\t{standing}",
            k.division, k.name, k.title, k.fingerprint, k.valid_until
        );
    }
    ExitCode::SUCCESS
}
