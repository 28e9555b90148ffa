//! Where the app is: the screen shown, and the address that names it.
//!
//! Every screen has an address in the URL's hash, read and written by
//! [`crate::core::route`]. An address that names nothing known (a deleted draft, a bundle no
//! longer here) lands on the start screen with a message.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::sign::Opened;

pub use crate::core::route::{Route, Step};

/// A result file as opened: its name and what it turned out to be.
#[derive(Debug, Clone)]
pub struct OpenedFile {
    /// The file's name.
    pub name: String,
    /// Signed (valid or not) or unsigned.
    pub opened: Opened,
}

/// What the main area shows.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The start screen: drafts to resume, bundles, files.
    Home,
    /// The address is being followed (bundles and drafts are still being read).
    Opening,
    /// One bundle: its checklists, their drafts, and the items (read-only).
    Bundle {
        /// The bundle.
        bundle: Arc<Bundle>,
        /// The checklist tab shown.
        checklist: usize,
    },
    /// Answering a draft (the step is [`Nav::step`]).
    Draft {
        /// The bundle answered.
        bundle: Arc<Bundle>,
        /// The draft's id.
        id: String,
    },
    /// The signing key; `draft` is where 「下書きに戻る」 leads.
    Keys {
        /// The draft the key screen was opened from.
        draft: Option<String>,
    },
    /// A result file, read-only.
    Result(Arc<OpenedFile>),
    /// 集計 for 情報担当課.
    Review,
    /// 使い方.
    Help,
    /// 規則エディタ (情報担当課), with the bundle being written if one is open.
    Editor {
        /// The open project's storage id.
        project: Option<String>,
    },
    /// 「はじめての方へ」 (情報担当課): the steps from key to 集計, and where the town stands.
    Guide,
}

/// The address of a screen (`step`: the draft's step).
pub fn route_of(screen: &Screen, step: Step) -> Route {
    match screen {
        Screen::Home | Screen::Opening => Route::Home,
        Screen::Bundle { bundle, checklist } => Route::Bundle {
            id: bundle.id.clone(),
            hash: bundle.hash.get(..12).unwrap_or(&bundle.hash).to_string(),
            checklist: bundle
                .checklists
                .get(*checklist)
                .map(|c| c.id.clone())
                .unwrap_or_default(),
        },
        Screen::Draft { id, .. } => Route::Draft {
            id: id.clone(),
            step: step.key(),
        },
        Screen::Keys { draft } => Route::Keys(draft.clone()),
        Screen::Result(_) => Route::Result,
        Screen::Review => Route::Review,
        Screen::Help => Route::Help,
        Screen::Editor { project } => Route::Editor(project.clone()),
        Screen::Guide => Route::Guide,
    }
}

/// Navigation shared with every component through context.
#[derive(Clone, Copy)]
pub struct Nav {
    /// The current screen.
    pub screen: RwSignal<Screen>,
    /// The step of the open draft.
    pub step: RwSignal<Step>,
    /// A message about where the app landed (an address that named nothing known).
    pub notice: RwSignal<Option<String>>,
    /// False for a navigator inside a screen (the editor's preview): the address is left
    /// alone.
    address: bool,
}

impl Nav {
    /// A navigator on the start screen.
    pub fn new() -> Nav {
        Nav {
            screen: RwSignal::new(Screen::Home),
            step: RwSignal::new(Step::Subject),
            notice: RwSignal::new(None),
            address: true,
        }
    }

    /// A navigator that keeps its steps to itself (the editor's preview).
    pub fn inner() -> Nav {
        Nav {
            address: false,
            ..Nav::new()
        }
    }

    /// Shows `screen` (a new history entry) and moves keyboard focus to its main heading.
    pub fn go(&self, screen: Screen) {
        self.notice.set(None);
        self.show(screen, true);
        if self.address {
            crate::ui::platform::dom::focus("main h2");
        }
    }

    /// Opens a draft at `step`.
    pub fn open_draft(&self, bundle: Arc<Bundle>, id: String, step: Step) {
        self.step.set(step);
        self.go(Screen::Draft { bundle, id });
    }

    /// Shows `screen` without moving focus; `push` adds a history entry, else the address
    /// is replaced (following an address that is already there).
    pub fn show(&self, screen: Screen, push: bool) {
        let hash = route_of(&screen, self.step.get_untracked()).to_hash();
        self.screen.set(screen);
        if self.address && crate::ui::platform::events::hash() != hash {
            crate::ui::platform::events::set_hash(&hash, push);
        }
    }

    /// Moves to another step of the open draft (a history entry of its own).
    pub fn go_step(&self, step: Step) {
        self.step.set(step);
        let hash = self.screen.with_untracked(|s| route_of(s, step).to_hash());
        if self.address && crate::ui::platform::events::hash() != hash {
            crate::ui::platform::events::set_hash(&hash, true);
        }
    }
}

impl Default for Nav {
    fn default() -> Nav {
        Nav::new()
    }
}
