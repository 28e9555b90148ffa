//! Review mode for 情報担当課: verify many signed results against the roster, keep the one
//! that counts per submission, and aggregate them into tables for Excel.
//!
//! [`intake`] decides each file's status; [`reading`] how a result is read (evaluated
//! again against its pinned bundle, or as it claims) and which submission it is;
//! [`aggregate()`] builds the tables from the results that count; [`run()`] is the pipeline
//! the CLI and 集計 share; [`table`] holds a table and
//! writes it as CSV (and, natively, XLSX), [`xlsx`] as the app's workbook.

pub mod aggregate;
pub mod chart;
pub mod intake;
pub mod official;
pub mod reading;
pub mod run;
pub mod table;
pub mod xlsx;

pub use aggregate::{BundleGroup, FollowUps, Headline, Options, Report, aggregate};
pub use chart::Chart;
pub use intake::{
    FileStatus, KeyRefusal, Reviewed, Rules, StatusKind, TimeFlaw, judge, judge_detached,
    open_file, open_files, review, review_opened, signer, status_counts,
};
pub use reading::{
    Disagreement, Mismatch, ReadItem, Reading, Standing, SubjectFlaw, SubmissionKey,
};
pub use run::{Inputs, OPEN_STEP, OpenedFiles, Run, next_step, open_named, opening_ja, run};
pub use table::{Cell, Table};
