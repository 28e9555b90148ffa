//! The pure core of the 規則エディタ (rule editor): from an imported 例規 to what a bundle asks.
//!
//! - [`normalize`]: the stated normalisation of an imported text (BOM, line breaks, tabs,
//!   trailing spaces, long runs of blank lines) before it becomes a bundle's source;
//! - [`header`]: what the text says about itself: its title, the date under it, its 施行日;
//! - [`html`]: a 例規 page saved from a 例規集 (HTML) as plain text in the layout below;
//! - [`outline`]: the text's 章・節, 条, 項, 号 and 細目, 附則, 別表 and 様式, with the lines that
//!   cannot be placed and why;
//! - [`duty`]: the sentences that lay a duty (義務), a prohibition (禁止) or an effort duty
//!   (努力義務), with their place and actor;
//! - [`draft`]: draft questions from duty sentences, worded as `policies/README.md` §2 asks;
//! - [`amend`]: an amended text (例規改正) read against a bundle: the items whose cited
//!   条・項・号 changed or vanished, old and new text side by side;
//! - [`measure`]: how a drafted question is compared with an author's (the drafts' measure);
//! - [`coverage`]: for a validated bundle, which 条・項・号 and duties each source's items ask,
//!   which the bundle excludes (`exclude`, with reasons) and which are open.
//!
//! Nothing here does I/O, and every input is bounded in what it can cost: the text parsers are
//! linear and never panic (`tests/reiki.rs` feeds them random text and HTML).

pub mod amend;
pub mod coverage;
pub mod draft;
pub mod duty;
pub mod header;
pub mod html;
pub mod measure;
pub mod normalize;
pub mod outline;

pub use amend::{Amendment, ItemChange, UnitChange, compare};
pub use coverage::{
    AskedBy, Counts, CoverageNote, CoverageSummary, DutyCoverage, SourceCoverage, State,
    UnitCoverage, coverage, coverage_raw,
};
pub use duty::{Duty, DutyKind, Subject, SubjectKind, find_duties, subject};
pub use header::{Header, read_header};
pub use html::{HtmlError, Imported, MAX_HTML_BYTES, import_html};
pub use normalize::normalize;
pub use outline::{Node, NodeId, NodeKind, Outline, Place, Unplaced, UnplacedKind};
