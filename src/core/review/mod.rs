//! Review mode for 情報担当課: verify many signed results against the roster, keep the one
//! that counts per 課・checklist・period, and aggregate them into tables for Excel.
//!
//! [`intake`] decides each file's status; [`aggregate()`] builds the tables from the results
//! that count; [`table`] holds a table and writes it as CSV (and, natively, XLSX).

pub mod aggregate;
pub mod intake;
pub mod table;
pub mod xlsx;

pub use aggregate::{Options, Report, aggregate};
pub use intake::{
    FileStatus, Reviewed, Rules, TimeFlaw, judge, open_file, open_files, review, review_opened,
    status_counts,
};
pub use table::{Cell, Table};
