//! `tenken aggregate`: verify many signed results and write the report tables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tenken::core::date::Date;
use tenken::core::review::{Options, aggregate, open_file, review_opened, table};
use tenken::core::sign::Opened;
use tenken::core::sign::Roster;

/// Options of `tenken aggregate`.
pub struct Aggregate {
    pub roster: Option<PathBuf>,
    pub files: Vec<PathBuf>,
    pub output: PathBuf,
    pub deadline: Option<String>,
    pub today: Option<String>,
    pub previous: Vec<PathBuf>,
}

/// Reads and opens (verifies) the files on every core; order is kept.
fn open_parallel(paths: &[PathBuf]) -> Vec<(String, Result<Opened, String>)> {
    let open = |p: &PathBuf| {
        let name = p.display().to_string();
        // an unreadable file gets the status 読めない, like any bad file
        let opened = match std::fs::read(p) {
            Ok(bytes) => open_file(&bytes),
            Err(e) => Err(format!("読めません / cannot read: {e}")),
        };
        (name, opened)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(open).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
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
    for (name, value) in [("--deadline", &o.deadline), ("--today", &o.today)] {
        if let Some(v) = value
            && Date::parse_iso(v).is_none()
        {
            eprintln!("{name} は YYYY-MM-DD で指定してください / {name} must be YYYY-MM-DD: {v}");
            return ExitCode::from(2);
        }
    }
    let reviewed = review_opened(open_parallel(&o.files), &roster, &BTreeMap::new());
    let previous = review_opened(open_parallel(&o.previous), &roster, &BTreeMap::new())
        .into_iter()
        .filter_map(|r| r.counted().cloned())
        .collect();
    let today = o.today.clone().unwrap_or_else(|| {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_unix_jst(now).to_string()
    });
    let options = Options {
        today,
        deadline: o.deadline.clone(),
        previous,
    };
    let report = aggregate(&reviewed, &roster, &options);

    let ext = o
        .output
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let written = match ext.as_str() {
        "xlsx" => table::to_xlsx(&report.tables)
            .map_err(|e| format!("XLSX を作れません / cannot make the XLSX: {e}"))
            .and_then(|bytes| write(&o.output, &bytes).map(|_| vec![o.output.clone()])),
        "csv" => report
            .tables
            .iter()
            .map(|t| {
                let path = csv_path(&o.output, &t.name);
                write(&path, &t.to_csv()).map(|_| path)
            })
            .collect(),
        _ => {
            eprintln!("出力は .xlsx か .csv / the output must end in .xlsx or .csv");
            return ExitCode::from(2);
        }
    };
    match written {
        Ok(paths) => {
            let counted = reviewed.iter().filter(|r| r.counted().is_some()).count();
            let mut by_status: BTreeMap<&str, usize> = BTreeMap::new();
            for r in &reviewed {
                *by_status.entry(r.status.label()).or_default() += 1;
            }
            let statuses: Vec<String> = by_status.iter().map(|(k, n)| format!("{k} {n}")).collect();
            println!(
                "{} ファイル: {}（集計に使用 {counted}） / {} files, {counted} counted",
                reviewed.len(),
                statuses.join("、"),
                reviewed.len()
            );
            for p in paths {
                println!("{}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
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
