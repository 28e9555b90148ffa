//! `tenken aggregate`: verify many signed results and write the report tables.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tenken::core::date::{Date, today_jst};
use tenken::core::draft::BundleRef;
use tenken::core::problem::{Problem, ProblemKind, Problems};
use tenken::core::review::{Options, Rules, aggregate, open_file, review_opened, table};
use tenken::core::sign::{MAX_SIGNED_BYTES, Opened, Roster};
use tenken::load;

/// Options of `tenken aggregate`.
pub struct Aggregate {
    pub roster: Option<PathBuf>,
    pub bundles: Vec<PathBuf>,
    pub files: Vec<PathBuf>,
    pub output: PathBuf,
    pub deadline: Option<String>,
    pub today: Option<String>,
    pub previous: Vec<PathBuf>,
}

/// The current time, as Unix seconds.
pub fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Reads one file (size checked first) and opens it; a file that cannot be read gets the
/// status 読めない like any bad file.
fn open_path(p: &Path) -> Result<Opened, Problems> {
    let bytes = load::read_bytes(p, MAX_SIGNED_BYTES)
        .map_err(|kind| Problems(vec![Problem::error("", kind)]))?;
    open_file(&bytes)
}

/// Reads and opens (verifies) the files on every core; order is kept, and no file is ever
/// dropped: should a worker fail, its files are listed as unreadable.
pub fn open_parallel(paths: &[PathBuf]) -> Vec<(String, Result<Opened, Problems>)> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                (
                    part,
                    scope.spawn(move || part.iter().map(|p| open_path(p)).collect::<Vec<_>>()),
                )
            })
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

fn parse_date(flag: &str, value: &str) -> Result<Date, ExitCode> {
    Date::parse_iso(value).ok_or_else(|| {
        eprintln!("{flag} は YYYY-MM-DD で指定してください / {flag} must be YYYY-MM-DD: {value}");
        ExitCode::from(2)
    })
}

/// The official bundles given with `--bundle` (a directory, bundle.toml or compiled .json).
pub fn official_bundles(paths: &[PathBuf]) -> Result<Vec<BundleRef>, String> {
    paths
        .iter()
        .map(|p| {
            load::load(p)
                .map(|l| BundleRef::of(&l.validated.bundle))
                .map_err(|problems| {
                    let lines: Vec<String> = problems.0.iter().map(|p| format!("  {p}")).collect();
                    format!("{}:\n{}", p.display(), lines.join("\n"))
                })
        })
        .collect()
}

pub fn run(o: Aggregate) -> ExitCode {
    let roster = match &o.roster {
        Some(p) => match super::signing::read_roster(p) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        None => Roster::new(),
    };
    let deadline = match o.deadline.as_deref().map(|d| parse_date("--deadline", d)) {
        Some(Err(code)) => return code,
        Some(Ok(d)) => Some(d),
        None => None,
    };
    let today = match o.today.as_deref().map(|d| parse_date("--today", d)) {
        Some(Err(code)) => return code,
        Some(Ok(d)) => d,
        None => today_jst(unix_now()),
    };
    let official = match official_bundles(&o.bundles) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let ext = o
        .output
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext != "xlsx" && ext != "csv" {
        eprintln!("出力は .xlsx か .csv / the output must end in .xlsx or .csv");
        return ExitCode::from(2);
    }
    let rules = Rules {
        roster: &roster,
        official: &official,
        today,
    };
    let reviewed = review_opened(open_parallel(&o.files), &rules);
    let previous = review_opened(open_parallel(&o.previous), &rules)
        .into_iter()
        .filter_map(|r| r.counted().cloned())
        .collect();
    let options = Options {
        today,
        deadline,
        previous,
        content_checked: !official.is_empty(),
    };
    let report = aggregate(&reviewed, &roster, &options);

    let written = match ext.as_str() {
        "xlsx" => table::to_xlsx(&report.tables)
            .map_err(|e| format!("XLSX を作れません / cannot make the XLSX: {e}"))
            .and_then(|bytes| write(&o.output, &bytes).map(|_| vec![o.output.clone()])),
        _ => report
            .tables
            .iter()
            .map(|t| {
                let path = csv_path(&o.output, &t.name);
                write(&path, &t.to_csv()).map(|_| path)
            })
            .collect(),
    };
    let paths = match written {
        Ok(paths) => paths,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let ja: Vec<String> = report
        .statuses
        .iter()
        .map(|(ja, _, n)| format!("{ja} {n}"))
        .collect();
    let en: Vec<String> = report
        .statuses
        .iter()
        .map(|(_, en, n)| format!("{en} {n}"))
        .collect();
    println!(
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
        println!(
            "  {} / {} {}: {} / {}",
            r.status.label(),
            r.status.label_en(),
            r.name,
            r.status.detail(),
            r.status.detail_en()
        );
    }
    if !report.content_checked {
        println!(
            "注意: 公式の規則（--bundle）が指定されていないため、結果が答えた規則の内容は確認していません / note: no official bundle (--bundle) given: the content of the bundles answered was not checked"
        );
    }
    for p in paths {
        println!("{}", p.display());
    }
    if report.not_counted() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `report.csv` → `report_提出状況.csv`.
fn csv_path(output: &Path, table: &str) -> PathBuf {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    output.with_file_name(format!("{stem}_{table}.csv"))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes)
        .map_err(|e| format!("{} に書き込めません / cannot write: {e}", path.display()))
}
