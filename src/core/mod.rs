//! Pure Rust core: no DOM, no storage, no files, no printing, no exiting.
//!
//! Everything that decides something (is this bundle valid? does this item apply? what is
//! this bundle's identity?) lives here and is tested natively with `cargo test`. The web UI
//! and the command-line tool only present what this module computes.

pub mod authoring;
pub mod base64;
pub mod bundle;
pub mod canonical;
pub mod condition;
pub mod date;
pub mod document;
pub mod draft;
pub mod evaluate;
pub mod guide;
pub mod id_map;
pub mod last_published;
pub mod last_signed;
pub mod merge;
pub mod message;
pub mod name;
pub mod picked;
pub mod presence;
pub mod problem;
pub mod problem_words;
pub mod reiki;
pub mod result;
pub mod review;
pub mod route;
pub mod seal;
pub mod shape;
pub mod sign;
pub mod signed_file;
pub mod sort;
pub mod source;
pub mod text;
pub mod tracked;

pub use bundle::{Bundle, RawBundle};
pub use message::Message;
pub use problem::{Problem, ProblemKind, Problems, Severity};
