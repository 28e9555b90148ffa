//! The review pipeline, once: `tenken aggregate` and 集計 both call [`run`] on files whose
//! signatures are already checked ([`super::open_files`]; the CLI opens them on threads, the
//! page once per set of files), so the same files, roster, bundles and dates give the same
//! statuses and tables in both.

use super::aggregate::{Options, Report, aggregate};
use super::intake::{Reviewed, Rules, review_opened};
use crate::core::bundle::Bundle;
use crate::core::date::Date;
use crate::core::problem::Problems;
use crate::core::sign::{Opened, Roster};

/// Files opened (signature checked), each with its name.
pub type OpenedFiles = Vec<(String, Result<Opened, Problems>)>;

/// How many files 集計 opens (checks the signature of) in one step between repaints: about
/// 30 ms in a browser on an office PC, so the page stays responsive, and shows how far it is,
/// while thousands of files are opened.
pub const OPEN_STEP: usize = 48;

/// The files to open next, given how many of `loaded` are opened: at most [`OPEN_STEP`] of
/// them, in order; `None` once every file is opened.
pub fn next_step(opened: usize, loaded: usize) -> Option<std::ops::Range<usize>> {
    (opened < loaded).then(|| opened..loaded.min(opened.saturating_add(OPEN_STEP)))
}

/// How far opening is, in words: 「署名を確かめています… 1,200 / 5,000 ファイル」.
pub fn opening_ja(done: usize, total: usize) -> String {
    format!(
        "署名を確かめています… {} / {} ファイル",
        thousands(done),
        thousands(total)
    )
}

/// `n` with a comma every three digits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Opens named files (checking each signature on its own): a file that could not be read
/// keeps its reason, in its place.
pub fn open_named(files: &[(String, Result<Vec<u8>, Problems>)]) -> OpenedFiles {
    let opened = super::open_files(
        files
            .iter()
            .map(|(_, bytes)| bytes.as_ref().map(Vec::as_slice)),
    );
    files
        .iter()
        .map(|(name, _)| name.clone())
        .zip(opened)
        .collect()
}

/// What a review is run on besides the files.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// The registered keys.
    pub roster: &'a Roster,
    /// This year's official bundles (empty: content not checked).
    pub official: &'a [&'a Bundle],
    /// Last year's official bundles, for last year's files.
    pub previous_official: &'a [&'a Bundle],
    /// The review date (JST).
    pub today: Date,
    /// The submission deadline, if any.
    pub deadline: Option<Date>,
}

/// A review: every file's status (this year's and last year's) and the report.
#[derive(Debug, Clone)]
pub struct Run {
    /// This year's files, each with its status.
    pub reviewed: Vec<Reviewed>,
    /// Last year's files, each judged against last year's own bundles.
    pub previous: Vec<Reviewed>,
    /// The tables.
    pub report: Report,
}

/// Reviews this year's and last year's opened files under `inputs` and builds the report.
pub fn run(this_year: OpenedFiles, last_year: OpenedFiles, inputs: &Inputs) -> Run {
    let rules = Rules {
        roster: inputs.roster,
        official: inputs.official,
        today: inputs.today,
    };
    // last year's files against last year's bundles (unpinned without them)
    let previous_rules = Rules {
        official: inputs.previous_official,
        ..rules
    };
    let reviewed = review_opened(this_year, &rules);
    let previous = review_opened(last_year, &previous_rules);
    let options = Options {
        today: inputs.today,
        deadline: inputs.deadline,
        previous: &previous,
        content_checked: !inputs.official.is_empty(),
        previous_content_checked: !inputs.previous_official.is_empty(),
    };
    let report = aggregate(&reviewed, inputs.roster, &options);
    Run {
        reviewed,
        previous,
        report,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_cover_every_file_once_in_order() {
        for loaded in [0, 1, OPEN_STEP - 1, OPEN_STEP, OPEN_STEP + 1, 5000] {
            let mut opened = 0;
            let mut steps = 0;
            while let Some(r) = next_step(opened, loaded) {
                assert_eq!(r.start, opened);
                assert!(!r.is_empty() && r.len() <= OPEN_STEP);
                opened = r.end;
                steps += 1;
            }
            assert_eq!(opened, loaded);
            assert_eq!(steps, loaded.div_ceil(OPEN_STEP));
        }
        // files added after some were opened: only the new ones
        assert_eq!(next_step(100, 101), Some(100..101));
        assert_eq!(next_step(7, 3), None);
    }

    #[test]
    fn progress_in_words() {
        assert_eq!(opening_ja(0, 7), "署名を確かめています… 0 / 7 ファイル");
        assert_eq!(
            opening_ja(1200, 5000),
            "署名を確かめています… 1,200 / 5,000 ファイル"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn open_named_keeps_names_order_and_reasons() {
        let unreadable = Problems(vec![crate::core::problem::Problem::error(
            "",
            crate::core::problem::ProblemKind::NotADocument,
        )]);
        let files = vec![
            ("a.json".to_string(), Ok(b"{}".to_vec())),
            ("b.json".to_string(), Err(unreadable.clone())),
            ("c.json".to_string(), Ok(b"not json".to_vec())),
        ];
        let opened = open_named(&files);
        let names: Vec<&str> = opened.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.json", "b.json", "c.json"]);
        assert_eq!(opened[1].1.as_ref().err(), Some(&unreadable));
        assert!(opened[2].1.is_err());
    }
}
