//! `tenken bundle check|build`: validate bundles, compile one to canonical JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use tenken::load;

use crate::error::CliError;
use crate::io;

/// 規則ファイルを検査する / validate bundles (a directory, its bundle.toml, or a compiled .json)
#[derive(Args)]
pub struct Check {
    /// bundle directories or files
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
                    println!("OK {}: {}", loaded.file.display(), summary(&loaded));
                    for w in &loaded.validated.warnings.0 {
                        println!("  {w}");
                    }
                }
                Err(problems) => {
                    failed += 1;
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
        Ok(if failed > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}

impl Build {
    /// Writes the bundle as canonical JSON with its sources embedded.
    pub fn run(self) -> Result<ExitCode, CliError> {
        let loaded = match load::load(&self.path) {
            Ok(l) => l,
            Err(problems) => {
                eprintln!("NG {}:", load::bundle_file(&self.path).display());
                for p in &problems.0 {
                    eprintln!("  {p}");
                }
                return Ok(ExitCode::FAILURE);
            }
        };
        for w in &loaded.validated.warnings.0 {
            eprintln!("  {w}");
        }
        let bytes = loaded.raw.to_canonical_json().map_err(|e| {
            CliError::failed(
                format!("JSON にできません（{e}）"),
                format!("cannot serialise: {e}"),
            )
        })?;
        io::write(&self.output, &bytes)?;
        println!(
            "{} sha256:{} ({} bytes)",
            self.output.display(),
            loaded.validated.bundle.hash,
            bytes.len()
        );
        Ok(ExitCode::SUCCESS)
    }
}
