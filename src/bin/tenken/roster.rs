//! `tenken roster add|revoke|list`: the registered keys, kept in a roster file that
//! 情報担当課 keeps (and reviews with `aggregate --roster`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use tenken::core::Message;
use tenken::core::sign::{KeyStanding, Revocation, RevocationReason, Roster};

use crate::error::CliError;
use crate::io;
use crate::verify::read_roster;

/// 登録簿（課長の公開鍵）を管理する / manage the roster of registered keys
#[derive(Subcommand)]
pub enum RosterCommand {
    /// 登録ファイルを登録簿に加える（なければ作る） / add registration files to a roster
    Add(Add),
    /// 鍵を失効させる（異動・退職・紛失） / revoke a key
    Revoke(Revoke),
    /// 登録簿の鍵と今日の状態 / list the keys and their standing today
    List(List),
}

/// Adding registrations.
#[derive(Args)]
pub struct Add {
    /// roster file (made if missing)
    roster: PathBuf,
    /// registration files (.tenken-key.json) or rosters
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// 登録日 YYYY-MM-DD（この日からの署名が有効） / first valid day
    #[arg(long)]
    from: Option<String>,
    /// 失効日 YYYY-MM-DD（この日までの署名が有効） / last valid day
    #[arg(long)]
    until: Option<String>,
}

/// Revoking a key.
#[derive(Args)]
pub struct Revoke {
    /// roster file
    roster: PathBuf,
    /// 鍵の指紋か公開鍵 / the key's fingerprint or public key
    key: String,
    /// 失効日 YYYY-MM-DD（この日からの署名は無効） / first day its signatures no longer count
    #[arg(long)]
    date: String,
    /// transfer（異動） | retired（退職） | compromised（紛失・漏えい: すべて無効） | other
    #[arg(long)]
    reason: String,
    /// 備考 / note
    #[arg(long, default_value = "")]
    note: String,
}

/// Listing the keys.
#[derive(Args)]
pub struct List {
    /// roster file
    roster: PathBuf,
}

impl RosterCommand {
    /// Runs the subcommand.
    pub fn run(self) -> Result<ExitCode, CliError> {
        match self {
            RosterCommand::Add(a) => a.run(),
            RosterCommand::Revoke(r) => r.run(),
            RosterCommand::List(l) => l.run(),
        }
    }
}

fn save(path: &Path, roster: &Roster) -> Result<(), CliError> {
    io::write(path, format!("{}\n", roster.to_json()).as_bytes())
}

impl Add {
    fn run(self) -> Result<ExitCode, CliError> {
        let from = self
            .from
            .as_deref()
            .map(|d| io::date_arg("--from", d))
            .transpose()?;
        let until = self
            .until
            .as_deref()
            .map(|d| io::date_arg("--until", d))
            .transpose()?;
        let mut roster = if self.roster.exists() {
            read_roster(&self.roster)?
        } else {
            Roster::new()
        };
        let mut failed = false;
        for f in &self.files {
            let mut incoming = match read_roster(f) {
                Ok(r) => r,
                Err(e) => {
                    failed = true;
                    eprintln!("{}", e.both());
                    continue;
                }
            };
            for k in &mut incoming.keys {
                if let Some(d) = from {
                    k.valid_from = d.to_string();
                }
                if let Some(d) = until {
                    k.valid_until = d.to_string();
                }
                out!(
                    "{} {} {} ({})",
                    k.fingerprint,
                    k.division,
                    k.name,
                    f.display()
                );
            }
            for c in roster.merge(incoming) {
                failed = true;
                eprintln!("{}", c.both());
            }
        }
        save(&self.roster, &roster)?;
        out!(
            "{}: {} 件の鍵 / {} keys",
            self.roster.display(),
            roster.keys.len(),
            roster.keys.len()
        );
        Ok(if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}

impl Revoke {
    fn run(self) -> Result<ExitCode, CliError> {
        let date = io::date_arg("--date", &self.date)?;
        let Some(reason) = RevocationReason::from_id(&self.reason) else {
            let ids: Vec<&str> = RevocationReason::ALL.iter().map(|r| r.id()).collect();
            return Err(CliError::usage(
                format!("--reason は {} のいずれかです", ids.join(" | ")),
                format!("--reason must be one of {}", ids.join(" | ")),
            ));
        };
        let mut roster = read_roster(&self.roster)?;
        let key = self.key.clone();
        let Some(reg) = roster.find_mut(&key) else {
            return Err(CliError::failed(
                format!("鍵 {key} は登録簿にありません（指紋か公開鍵で指定）"),
                format!("key {key} is not in the roster (give its fingerprint or public key)"),
            ));
        };
        reg.revoked = Some(Revocation {
            date: date.to_string(),
            reason,
            note: self.note.trim().to_string(),
        });
        out!(
            "{} {} {}: 失効 {} / revoked {}",
            reg.fingerprint,
            reg.division,
            reg.name,
            reason.label_ja(),
            reason.label_en()
        );
        save(&self.roster, &roster)?;
        Ok(ExitCode::SUCCESS)
    }
}

impl List {
    fn run(self) -> Result<ExitCode, CliError> {
        let roster = read_roster(&self.roster)?;
        let today = io::today();
        out!("課\t氏名\t役職\t指紋\t有効期間\t状態（{today}）");
        for k in &roster.keys {
            let from = k.first_day().map(|d| d.to_string()).unwrap_or_default();
            let standing = match k.standing_on(today) {
                KeyStanding::Valid => "有効 / valid".to_string(),
                other => other.both(),
            };
            out!(
                "{}\t{}\t{}\t{}\t{from}〜{}\t{standing}",
                k.division,
                k.name,
                k.title,
                k.fingerprint,
                k.valid_until
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}
