//! `tenken aggregate`: verify many signed results and write the report tables.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use tenken::core::Bundle;
use tenken::core::problem::{Problem, ProblemKind, Problems};
use tenken::core::review::{Inputs, Run, open_files, run};
use tenken::core::sign::{MAX_SIGNED_BYTES, Opened, Roster};
use tenken::load;

use crate::error::CliError;
use crate::io;
use crate::verify::read_roster;

/// 署名付き結果を検証して集計表を作る / verify signed results and write the report
#[derive(Args)]
pub struct Aggregate {
    /// 登録簿（または登録ファイル） / roster or registration file
    #[arg(long)]
    roster: Option<PathBuf>,
    /// 公式の規則（フォルダ、bundle.toml、規則ファイル、署名した規則ファイル。繰り返し可。結果はこの内容のどれかに答えたものだけ集計し、回答をこの規則で集計し直す） / official bundle (a folder, bundle.toml, bundle or signed bundle file; repeatable): results must answer one, and are re-evaluated against it
    #[arg(long = "bundle")]
    bundles: Vec<PathBuf>,
    /// 前年度の公式の規則（繰り返し可。前年度の結果はこの規則で確認する。なければ未確認） / last year's official bundle (repeatable; without it last year's content is not checked)
    #[arg(long = "previous-bundle")]
    previous_bundles: Vec<PathBuf>,
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
}

/// Files read and opened together: their signatures are checked as one batch.
const GROUP: usize = 64;

/// Reads `paths` (each size checked first) and opens them, in order; a file that cannot be
/// read gets the status 読めない like any bad file.
fn open_paths(paths: &[PathBuf]) -> Vec<Result<Opened, Problems>> {
    let mut opened = Vec::with_capacity(paths.len());
    for group in paths.chunks(GROUP) {
        let read: Vec<Result<Vec<u8>, Problems>> = group
            .iter()
            .map(|p| {
                load::read_bytes(p, MAX_SIGNED_BYTES)
                    .map_err(|kind| Problems(vec![Problem::error("", kind)]))
            })
            .collect();
        opened.extend(open_files(
            read.iter().map(|r| r.as_ref().map(Vec::as_slice)),
        ));
    }
    opened
}

/// Reads and opens (verifies) the files on every core; order is kept, and no file is ever
/// dropped: should a worker fail, its files are listed as unreadable.
pub fn open_parallel(paths: &[PathBuf]) -> Vec<(String, Result<Opened, Problems>)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| (part, scope.spawn(move || open_paths(part))))
            .collect();
        handles
            .into_iter()
            .flat_map(|(part, h)| {
                let opened = h.join().unwrap_or_else(|_| {
                    part.iter()
                        .map(|p| {
                            Err(Problems(vec![Problem::error(
                                "",
                                ProblemKind::File {
                                    name: p.display().to_string(),
                                    message: "内部エラー / internal error".into(),
                                },
                            )]))
                        })
                        .collect()
                });
                part.iter().map(|p| p.display().to_string()).zip(opened)
            })
            .collect()
    })
}

/// The official bundles given with `--bundle` or `--previous-bundle` (a directory,
/// bundle.toml, compiled .json or signed bundle file, as [`load::load`] reads them), whole:
/// results are evaluated against them. The reviewer chooses them, and the bundle's hash is
/// what results must answer: a signed bundle file's signature is not what pins it (check it
/// with `tenken verify`).
fn official_bundles(paths: &[PathBuf]) -> Result<Vec<Bundle>, CliError> {
    paths
        .iter()
        .map(|p| {
            load::load(p)
                .map(|l| l.validated.bundle)
                .map_err(|problems| CliError::at(p, &problems))
        })
        .collect()
}

/// `report.csv` → `report_提出状況.csv`.
fn csv_path(output: &Path, table: &str) -> PathBuf {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    output.with_file_name(format!("{stem}_{table}.csv"))
}

impl Aggregate {
    /// Verifies, reviews and writes the report; prints the count per status and every file
    /// that does not count with why; exits 1 when any file does not count.
    pub fn run(self) -> Result<ExitCode, CliError> {
        let roster = match &self.roster {
            Some(p) => read_roster(p)?,
            None => Roster::new(),
        };
        let deadline = self
            .deadline
            .as_deref()
            .map(|d| io::date_arg("--deadline", d))
            .transpose()?;
        let today = match &self.today {
            Some(t) => io::date_arg("--today", t)?,
            None => io::today(),
        };
        let ext = self
            .output
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if ext != "xlsx" && ext != "csv" {
            return Err(CliError::usage(
                "出力は .xlsx か .csv にしてください",
                "the output must end in .xlsx or .csv",
            ));
        }
        let official = official_bundles(&self.bundles)?;
        let official: Vec<&Bundle> = official.iter().collect();
        let previous_official = official_bundles(&self.previous_bundles)?;
        let previous_official: Vec<&Bundle> = previous_official.iter().collect();
        let inputs = Inputs {
            roster: &roster,
            official: &official,
            previous_official: &previous_official,
            today,
            deadline,
        };
        let Run {
            reviewed,
            previous,
            report,
        } = run(
            open_parallel(&self.files),
            open_parallel(&self.previous),
            &inputs,
        );

        let paths = if ext == "xlsx" {
            // the one XLSX writer: the same workbook 集計 saves in the browser
            let bytes = tenken::core::review::xlsx::workbook(&report.tables);
            io::write(&self.output, &bytes)?;
            vec![self.output.clone()]
        } else {
            let mut written = Vec::new();
            for t in &report.tables {
                let path = csv_path(&self.output, &t.name);
                io::write(&path, &t.to_csv())?;
                written.push(path);
            }
            written
        };
        let ja: Vec<String> = report
            .statuses
            .iter()
            .map(|(kind, n)| format!("{} {n}", kind.label()))
            .collect();
        let en: Vec<String> = report
            .statuses
            .iter()
            .map(|(kind, n)| format!("{} {n}", kind.label_en()))
            .collect();
        out!(
            "{} ファイル: {}（集計に使用 {}、使用しない {}） / {} files: {}; {} counted, {} not counted",
            report.files,
            ja.join("、"),
            report.counted,
            report.not_counted(),
            report.files,
            en.join(", "),
            report.counted,
            report.not_counted()
        );
        for r in reviewed.iter().filter(|r| !r.status.counts()) {
            out!(
                "  {} / {} {}: {} / {}",
                r.status.label(),
                r.status.label_en(),
                r.name,
                r.status.detail(),
                r.status.detail_en()
            );
        }
        if !report.content_checked {
            out!(
                "注意: 公式の規則（--bundle）が指定されていないため、結果が答えた規則の内容は確認していません。結果は名乗る規則（ハッシュ）ごとに、名乗るとおりに集計しています / note: no official bundle (--bundle) given: the content of the bundles answered was not checked; each result is read as it claims, by the bundle (hash) it names"
            );
            for g in &report.groups {
                out!("  {} / {}", g.label(), g.label_en());
            }
        }
        if let Some((files, counted)) = report.previous {
            out!(
                "前年度: {files} ファイル（比較に使用 {counted}） / last year: {files} files ({counted} compared)"
            );
            if !report.previous_content_checked {
                out!(
                    "注意: 前年度の公式の規則（--previous-bundle）が指定されていないため、前年度の結果の内容は確認していません / note: no official bundle of last year (--previous-bundle) given: the content of last year's results was not checked"
                );
            }
        }
        for p in paths {
            out!("{}", p.display());
        }
        let code = if report.not_counted() > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
        // The process ends here: the system takes back its memory at once, where freeing
        // 10,000 opened results one value at a time costs tens of milliseconds.
        std::mem::forget((reviewed, previous, report));
        Ok(code)
    }
}
