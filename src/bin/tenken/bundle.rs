//! `tenken bundle check|build|export|coverage`: validate bundles, compile one to canonical JSON,
//! write one back as bundle.toml + source files, list what a bundle leaves unasked.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tenken::core::Message;
use tenken::core::bundle::{self, toml_out::BUNDLE_FILE};
use tenken::load;

use crate::error::CliError;
use crate::io;

/// 規則ファイルを検査する / validate bundles (a directory, its bundle.toml, a compiled .json or
/// a signed bundle file)
#[derive(Args)]
pub struct Check {
    /// bundle directories or files (bundle.toml, compiled .json, signed bundle file)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// bundle.toml を本文入りの正規化 JSON にする / compile a bundle to canonical JSON
#[derive(Args)]
pub struct Build {
    /// bundle directory or bundle.toml
    path: PathBuf,
    /// output file
    #[arg(short, long)]
    output: PathBuf,
}

/// 例規のどの条・項・号と義務を尋ね、除外し、まだ扱っていないかを示す / list the units and duties
/// a bundle asks, excludes, and leaves open (exit status 1 while anything is open)
#[derive(Args)]
pub struct Coverage {
    /// bundle directories or files (bundle.toml, compiled .json, signed bundle file)
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

/// 規則ファイルを bundle.toml と本文のファイルに書き出す / write a bundle as bundle.toml + source files
#[derive(Args)]
pub struct Export {
    /// bundle directory, bundle.toml, compiled .json or signed bundle file
    path: PathBuf,
    /// output directory (made if missing)
    #[arg(short, long)]
    output: PathBuf,
    /// overwrite files already in the output directory
    #[arg(long)]
    force: bool,
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

impl Check {
    /// Prints every problem of every bundle; fails if any bundle has an error.
    pub fn run(self) -> Result<ExitCode, CliError> {
        let mut failed = 0;
        for path in &self.paths {
            match load::load(path) {
                Ok(loaded) => {
                    out!("OK {}: {}", loaded.file.display(), summary(&loaded));
                    if loaded.signature.is_some() {
                        out!(
                            "  署名した規則ファイルです（署名は tenken verify -p <発行元の公開鍵> で確かめます） / a signed bundle file (check its signature with tenken verify -p <publisher key>)"
                        );
                    }
                    for w in &loaded.validated.warnings.0 {
                        out!("  {w}");
                    }
                }
                Err(problems) => {
                    failed += 1;
                    let n = problems.errors().count();
                    out!(
                        "NG {}: {n}件の誤り / {n} error(s)",
                        load::bundle_file(path).display()
                    );
                    for p in &problems.0 {
                        out!("  {p}");
                    }
                }
            }
        }
        Ok(if failed > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}

/// Loads a valid bundle, printing its warnings; or prints its problems and gives `None`.
fn load_valid(path: &Path) -> Option<load::Loaded> {
    match load::load(path) {
        Ok(loaded) => {
            for w in &loaded.validated.warnings.0 {
                eprintln!("  {w}");
            }
            Some(loaded)
        }
        Err(problems) => {
            eprintln!("NG {}:", load::bundle_file(path).display());
            for p in &problems.0 {
                eprintln!("  {p}");
            }
            None
        }
    }
}

impl Build {
    /// Writes the bundle as canonical JSON with its sources embedded.
    pub fn run(self) -> Result<ExitCode, CliError> {
        let Some(loaded) = load_valid(&self.path) else {
            return Ok(ExitCode::FAILURE);
        };
        let bytes = loaded.raw.to_canonical_json().map_err(|e| {
            CliError::failed(
                format!("JSON にできません（{e}）"),
                format!("cannot serialise: {e}"),
            )
        })?;
        io::write(&self.output, &bytes)?;
        out!(
            "{} sha256:{} ({} bytes)",
            self.output.display(),
            loaded.validated.bundle.hash,
            bytes.len()
        );
        Ok(ExitCode::SUCCESS)
    }
}

impl Export {
    /// Writes bundle.toml and its source files into the output directory; nothing is written
    /// if one of them exists already (unless `--force`).
    pub fn run(self) -> Result<ExitCode, CliError> {
        let Some(loaded) = load_valid(&self.path) else {
            return Ok(ExitCode::FAILURE);
        };
        let files = bundle::to_files(&loaded.raw)
            .map_err(|e| CliError::failed(e.message_ja(), e.message_en()))?;
        let mut all = vec![(BUNDLE_FILE.to_string(), files.toml)];
        all.extend(files.sources);
        for (name, _) in &all {
            io::refuse_existing(&self.output.join(name), self.force)?;
        }
        std::fs::create_dir_all(&self.output).map_err(|e| CliError::write(&self.output, &e))?;
        for (name, text) in &all {
            io::write_new(&self.output.join(name), text, self.force)?;
        }
        let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
        out!(
            "{} sha256:{} ({})",
            self.output.display(),
            loaded.validated.bundle.hash,
            names.join(", ")
        );
        Ok(ExitCode::SUCCESS)
    }
}

impl Coverage {
    /// Prints, per source of each bundle, the counts and every open 条・項・号 and duty
    /// sentence; fails while anything is open or a bundle is invalid.
    pub fn run(self) -> Result<ExitCode, CliError> {
        use tenken::core::reiki::{State, coverage};
        let mut failed = false;
        for path in &self.paths {
            let Some(loaded) = load_valid(path) else {
                failed = true;
                continue;
            };
            let b = &loaded.validated.bundle;
            out!("== {} ({})", b.heading(), loaded.file.display());
            for c in coverage(b) {
                out!("例規 / source {}: {}", c.source, c.title);
                out!("  {}", c.summary.message_ja());
                out!("  {}", c.summary.message_en());
                let open: Vec<_> = c.open_units().collect();
                if !open.is_empty() {
                    out!("  未対応の条・項・号 / open units:");
                    for u in open {
                        out!(
                            "    {}行 / line {}: {}　{}",
                            u.line,
                            u.line,
                            u.label,
                            u.text
                        );
                    }
                }
                let duties: Vec<_> = c.open_duties().collect();
                if !duties.is_empty() {
                    out!("  未対応の義務の文 / open duty sentences:");
                    for d in duties {
                        let actor = d
                            .duty
                            .actor
                            .as_deref()
                            .map_or(String::new(), |a| format!("（{a}）"));
                        let text: String = d.duty.text.split_whitespace().collect();
                        out!(
                            "    {}行 / line {}: {} [{} / {}]{actor} {text}",
                            d.duty.line,
                            d.duty.line,
                            d.label,
                            d.duty.kind.label_ja(),
                            d.duty.kind.label_en()
                        );
                    }
                }
                if !c.notes.is_empty() {
                    out!("  注記 / notes:");
                    for n in &c.notes {
                        out!("    {}", n.both());
                    }
                }
                if !c.unplaced.is_empty() {
                    out!("  本文の構造の不備 / structural defects of the text:");
                    for u in &c.unplaced {
                        out!("    {}行 / line {}: {}", u.line, u.line, u.kind.both());
                    }
                }
                let excluded = c
                    .units
                    .iter()
                    .filter(|u| matches!(u.state, State::Excluded(_)))
                    .count();
                if c.complete() {
                    out!(
                        "  OK すべて質問又は除外（除外 {excluded}） / all asked or excluded ({excluded} excluded)"
                    );
                } else {
                    failed = true;
                }
            }
        }
        Ok(if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}
