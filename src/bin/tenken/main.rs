//! `tenken`: the command-line tool of the central IT division (情報担当課).
//!
//! A thin layer over `tenken::core`: it reads files, calls the core, prints what the core
//! found and sets the exit status (0 = all good, 1 = a file failed, 2 = wrong usage). Every
//! message is printed in Japanese and English.

/// `println!` that ends the program quietly (status 0) when stdout is a closed pipe
/// (`tenken verify … | head`) instead of panicking, as ripgrep does.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// Opening thousands of results allocates and frees many small values on every core; glibc's
/// allocator spent about a fifth of `tenken aggregate`'s time on it (see README, Benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bundle;
mod error;
mod io;
mod keys;
mod review;
mod roster;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tenken::core::Message;

use error::CliError;

/// tenken: 規則ファイル（bundle）と点検結果を扱う情報担当課向けのツール.
#[derive(Parser)]
#[command(name = "tenken", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 規則ファイルの検査と作成 / check and build rule bundles
    #[command(subcommand)]
    Bundle(BundleCommand),
    /// 署名用の鍵を作る / make a key pair (passphrase from a prompt or TENKEN_PASSPHRASE)
    Keygen(keys::Keygen),
    /// ファイルに署名して FILE.minisig を書く（--publisher: 署名した規則ファイル） / sign files, writing FILE.minisig (--publisher: signed bundle files)
    Sign(keys::Sign),
    /// 署名付き結果・署名付きファイルを検証する / verify signed results and signed files
    Verify(verify::Verify),
    /// 署名付き結果を検証して集計表を作る / verify signed results and write the report
    Aggregate(review::Aggregate),
    /// 署名付き結果を result.json と result.json.minisig に分ける / split for minisign -V
    Split(verify::Split),
    /// 登録簿（課長の公開鍵）を管理する / manage the roster of registered keys
    #[command(subcommand)]
    Roster(roster::RosterCommand),
}

#[derive(Subcommand)]
enum BundleCommand {
    /// 規則ファイルを検査する / validate bundles (a directory, its bundle.toml, a compiled .json or a signed bundle file)
    Check(bundle::Check),
    /// bundle.toml を本文入りの正規化 JSON にする / compile a bundle to canonical JSON
    Build(bundle::Build),
    /// 規則ファイルを bundle.toml と本文のファイルに書き出す / write a bundle as bundle.toml + source files
    Export(bundle::Export),
    /// 尋ねている条・項・号と義務、除外、未対応を示す / list what a bundle asks, excludes, leaves open
    Coverage(bundle::Coverage),
}

fn run(command: Command) -> Result<ExitCode, CliError> {
    match command {
        Command::Bundle(BundleCommand::Check(c)) => c.run(),
        Command::Bundle(BundleCommand::Build(b)) => b.run(),
        Command::Bundle(BundleCommand::Export(e)) => e.run(),
        Command::Bundle(BundleCommand::Coverage(c)) => c.run(),
        Command::Keygen(k) => k.run(),
        Command::Sign(s) => s.run(),
        Command::Verify(v) => v.run(),
        Command::Aggregate(a) => a.run(),
        Command::Split(s) => s.run(),
        Command::Roster(r) => r.run(),
    }
}

fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}", e.both());
            ExitCode::from(e.code())
        }
    }
}
