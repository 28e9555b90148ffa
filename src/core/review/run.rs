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
