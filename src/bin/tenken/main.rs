//! `tenken`: the command-line tool of the central IT division (情報担当課).
//!
//! A thin layer over `tenken::core`: it reads files, calls the core, prints what the core
//! found and sets the exit status (0 = all good, 1 = a file failed, 2 = wrong usage).

#[cfg(not(target_arch = "wasm32"))]
mod review;
#[cfg(not(target_arch = "wasm32"))]
mod roster;
#[cfg(not(target_arch = "wasm32"))]
mod signing;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::path::PathBuf;

    use std::process::ExitCode;
    use tenken::load;

    use super::{review, roster, signing};

    use clap::{Parser, Subcommand};

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
        Keygen {
            /// 秘密鍵ファイル（パスフレーズで暗号化） / secret key file (encrypted)
            #[arg(short, long, default_value = "tenken.key")]
            secret: PathBuf,
            /// 公開鍵ファイル（minisign 形式） / public key file (minisign format)
            #[arg(short, long, default_value = "tenken.pub")]
            public: PathBuf,
            /// 情報担当課に送る登録ファイルも書く / also write a registration file
            #[arg(short, long, requires_all = ["division", "name"])]
            registration: Option<PathBuf>,
            /// 課名 / division
            #[arg(long)]
            division: Option<String>,
            /// 氏名 / name
            #[arg(long)]
            name: Option<String>,
            /// 役職 / title
            #[arg(long)]
            title: Option<String>,
            /// 既存のファイルを上書きする / overwrite existing files
            #[arg(short, long)]
            force: bool,
        },
        /// ファイルに署名して FILE.minisig を書く / sign files, writing FILE.minisig
        Sign {
            /// 秘密鍵ファイル / secret key file
            #[arg(short, long, default_value = "tenken.key")]
            secret: PathBuf,
            /// files to sign
            #[arg(required = true)]
            files: Vec<PathBuf>,
        },
        /// 署名付き結果・署名付きファイルを検証する / verify signed results and signed files
        Verify {
            /// 登録簿（または登録ファイル） / roster or registration file
            #[arg(long)]
            roster: Option<PathBuf>,
            /// 公開鍵（base64 か .pub ファイル） / public key (base64 or .pub file)
            #[arg(short, long)]
            public: Option<String>,
            /// 確認する日 YYYY-MM-DD（既定は今日、日本時間） / review date (default: today in Japan)
            #[arg(long)]
            today: Option<String>,
            /// signed results (.tenken.json) or files with a .minisig next to them
            #[arg(required = true)]
            files: Vec<PathBuf>,
        },
        /// 署名付き結果を検証して集計表を作る / verify signed results and write the report
        Aggregate {
            /// 登録簿（または登録ファイル） / roster or registration file
            #[arg(long)]
            roster: Option<PathBuf>,
            /// 公式の規則（繰り返し可。結果はこの内容のどれかに答えたものだけ集計） / official bundle (repeatable)
            #[arg(long = "bundle")]
            bundles: Vec<PathBuf>,
            /// 出力（.xlsx は 1 ファイル、.csv は表ごと） / report.xlsx, or report.csv (one per table)
            #[arg(short, long)]
            output: PathBuf,
            /// 提出期限 YYYY-MM-DD（後の署名は「期限後」） / submission deadline
            #[arg(long)]
            deadline: Option<String>,
            /// 集計日 YYYY-MM-DD（既定は今日、日本時間。これより後の署名と期限超過の判定） / review date (default: today in Japan)
            #[arg(long)]
            today: Option<String>,
            /// 前年度の署名付き結果（比較用、繰り返し可） / previous year's results
            #[arg(long, num_args = 1..)]
            previous: Vec<PathBuf>,
            /// signed results (.tenken.json)
            #[arg(required = true)]
            files: Vec<PathBuf>,
        },
        /// 署名付き結果を result.json と result.json.minisig に分ける / split for minisign -V
        Split {
            /// signed result (.tenken.json)
            file: PathBuf,
            /// output directory (made if missing)
            #[arg(short, long, default_value = ".")]
            output: PathBuf,
            /// 登録簿（minisign で確かめる鍵を示す） / roster, to print the registered key
            #[arg(long)]
            roster: Option<PathBuf>,
        },
        /// 登録簿（課長の公開鍵）を管理する / manage the roster of registered keys
        #[command(subcommand)]
        Roster(RosterCommand),
    }

    #[derive(Subcommand)]
    enum RosterCommand {
        /// 登録ファイルを登録簿に加える（なければ作る） / add registration files to a roster
        Add {
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
        },
        /// 鍵を失効させる（異動・退職・紛失） / revoke a key
        Revoke {
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
        },
        /// 登録簿の鍵と今日の状態 / list the keys and their standing today
        List {
            /// roster file
            roster: PathBuf,
        },
    }

    #[derive(Subcommand)]
    enum BundleCommand {
        /// 規則ファイルを検査する / validate bundles (a directory, its bundle.toml, or a compiled .json)
        Check {
            /// bundle directories or files
            #[arg(required = true)]
            paths: Vec<PathBuf>,
        },
        /// bundle.toml を本文入りの正規化 JSON にする / compile a bundle to canonical JSON
        Build {
            /// bundle directory or bundle.toml
            path: PathBuf,
            /// output file
            #[arg(short, long)]
            output: PathBuf,
        },
    }

    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match cli.command {
            Command::Bundle(BundleCommand::Check { paths }) => check(&paths),
            Command::Bundle(BundleCommand::Build { path, output }) => build(&path, &output),
            Command::Keygen {
                secret,
                public,
                registration,
                division,
                name,
                title,
                force,
            } => signing::keygen(signing::Keygen {
                secret,
                public,
                registration,
                division,
                name,
                title,
                force,
            }),
            Command::Sign { secret, files } => signing::sign(&secret, &files),
            Command::Verify {
                roster,
                public,
                today,
                files,
            } => signing::verify(
                roster.as_deref(),
                public.as_deref(),
                today.as_deref(),
                &files,
            ),
            Command::Split {
                file,
                output,
                roster,
            } => signing::split(&file, &output, roster.as_deref()),
            Command::Roster(RosterCommand::Add {
                roster,
                files,
                from,
                until,
            }) => roster::add(&roster, &files, from.as_deref(), until.as_deref()),
            Command::Roster(RosterCommand::Revoke {
                roster,
                key,
                date,
                reason,
                note,
            }) => roster::revoke(&roster, &key, &date, &reason, &note),
            Command::Roster(RosterCommand::List { roster }) => roster::list(&roster),
            Command::Aggregate {
                roster,
                bundles,
                output,
                deadline,
                today,
                previous,
                files,
            } => review::run(review::Aggregate {
                roster,
                bundles,
                files,
                output,
                deadline,
                today,
                previous,
            }),
        }
    }

    fn summary(loaded: &load::Loaded) -> String {
        let b = &loaded.validated.bundle;
        let lists: Vec<String> = b
            .checklists
            .iter()
            .map(|c| format!("{} {}項目", c.kind.label(), c.item_count()))
            .collect();
        format!(
            "{} 版 {} [{}] sha256:{}",
            b.title,
            b.version,
            lists.join(", "),
            b.hash
        )
    }

    fn check(paths: &[PathBuf]) -> ExitCode {
        let mut failed = false;
        for path in paths {
            match load::load(path) {
                Ok(loaded) => {
                    println!("OK {}: {}", loaded.file.display(), summary(&loaded));
                    for w in &loaded.validated.warnings.0 {
                        println!("  {w}");
                    }
                }
                Err(problems) => {
                    failed = true;
                    let n = problems.errors().count();
                    println!(
                        "NG {}: {n}件の誤り / {n} error(s)",
                        load::bundle_file(path).display()
                    );
                    for p in &problems.0 {
                        println!("  {p}");
                    }
                }
            }
        }
        if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }

    fn build(path: &std::path::Path, output: &std::path::Path) -> ExitCode {
        let loaded = match load::load(path) {
            Ok(l) => l,
            Err(problems) => {
                eprintln!("NG {}:", load::bundle_file(path).display());
                for p in &problems.0 {
                    eprintln!("  {p}");
                }
                return ExitCode::FAILURE;
            }
        };
        for w in &loaded.validated.warnings.0 {
            eprintln!("  {w}");
        }
        let bytes = match loaded.raw.to_canonical_json() {
            Ok(b) => b,
            Err(e) => {
                eprintln!("JSON にできません / cannot serialise: {e}");
                return ExitCode::FAILURE;
            }
        };
        if let Err(e) = std::fs::write(output, &bytes) {
            eprintln!("{} に書き込めません / cannot write: {e}", output.display());
            return ExitCode::FAILURE;
        }
        println!(
            "{} sha256:{} ({} bytes)",
            output.display(),
            loaded.validated.bundle.hash,
            bytes.len()
        );
        ExitCode::SUCCESS
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
