//! 集計's state, kept for the session (leaving the review screen and coming back keeps it):
//! the roster as opened from its file, the official bundles (this year's and last year's), the
//! files under review.
//!
//! The roster is never read from or written to browser storage: any other local page can
//! write there (Chromium shares one storage area among all `file://` pages), and the roster
//! decides whose signature counts. It lives in the roster file 情報担当課 opens and saves.

use leptos::prelude::*;

use std::sync::Arc;

use crate::core::Bundle;
use crate::core::problem::Problems;
use crate::core::sign::Roster;

/// Files as loaded: name and bytes, or why they could not be read (too large, unreadable).
pub type Loaded = Vec<(String, Result<Vec<u8>, Problems>)>;

/// Files as opened (signatures checked): name and what each turned out to be.
pub use crate::core::review::OpenedFiles;

/// An official bundle: what results must answer (whole: their answers are evaluated against
/// it), and how the reviewer knows it.
#[derive(Debug, Clone)]
pub struct Official {
    /// The bundle (its id, version and hash are the ones the report uses).
    pub bundle: Arc<Bundle>,
    /// Where it came from (its title, or the file's name).
    pub label: String,
}

/// Loaded files being opened (their signatures checked) a step at a time, so the page stays
/// responsive with thousands: the report is made from `opened`, which is set once every
/// loaded file is opened.
#[derive(Clone, Copy)]
pub struct Opening {
    /// Every loaded file, opened (set when the last step is done).
    pub opened: RwSignal<OpenedFiles>,
    /// While opening: how many files are opened, of how many.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// Bumped when the files are cleared: what an earlier step opened is dropped.
    pub generation: StoredValue<u64>,
    /// Whether a task is opening files now (one at a time).
    pub running: StoredValue<bool>,
}

impl Opening {
    /// Nothing opened.
    pub fn new() -> Opening {
        Opening {
            opened: RwSignal::new(Vec::new()),
            progress: RwSignal::new(None),
            generation: StoredValue::new(0),
            running: StoredValue::new(false),
        }
    }

    /// Forgets what was opened (the files were cleared).
    pub fn clear(&self) {
        self.generation.update_value(|g| *g += 1);
        self.progress.set(None);
        self.opened.set(Vec::new());
    }
}

impl Default for Opening {
    fn default() -> Opening {
        Opening::new()
    }
}

/// The review session.
#[derive(Clone, Copy)]
pub struct ReviewState {
    /// The roster (from the file opened, with the edits made here).
    pub roster: RwSignal<Roster>,
    /// The roster file's own name, once one is opened or saved (never a registration file's: see
    /// [`crate::core::sign::RosterSource::kept_name`]).
    pub roster_name: RwSignal<Option<String>>,
    /// Edits not yet saved to a file.
    pub unsaved: RwSignal<bool>,
    /// The official bundles (empty: content not checked).
    pub official: RwSignal<Vec<Official>>,
    /// Last year's official bundles, for last year's files (empty: their content is not
    /// checked).
    pub previous_official: RwSignal<Vec<Official>>,
    /// This year's result files.
    pub results: RwSignal<Loaded>,
    /// This year's files, opened.
    pub results_opened: Opening,
    /// Last year's result files, for the comparison.
    pub previous: RwSignal<Loaded>,
    /// Last year's files, opened.
    pub previous_opened: Opening,
    /// The submission deadline as typed (`YYYY-MM-DD` from the date input).
    pub deadline: RwSignal<String>,
}

impl ReviewState {
    /// An empty session.
    pub fn new() -> ReviewState {
        ReviewState {
            roster: RwSignal::new(Roster::new()),
            roster_name: RwSignal::new(None),
            unsaved: RwSignal::new(false),
            official: RwSignal::new(Vec::new()),
            previous_official: RwSignal::new(Vec::new()),
            results: RwSignal::new(Vec::new()),
            results_opened: Opening::new(),
            previous: RwSignal::new(Vec::new()),
            previous_opened: Opening::new(),
            deadline: RwSignal::new(String::new()),
        }
    }

    /// Changes the roster (an edit made here: to be saved).
    pub fn edit(&self, change: impl FnOnce(&mut Roster)) {
        self.roster.update(change);
        self.unsaved.set(true);
    }
}

impl Default for ReviewState {
    fn default() -> ReviewState {
        ReviewState::new()
    }
}
