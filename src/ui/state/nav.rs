//! Where the app is: the screen shown, and the address that names it.
//!
//! Every screen has an address in the URL's hash (`#/draft/<id>/section-2`), so the
//! browser's Back and Forward move between screens, a reload returns to the same place and
//! a bookmark works, from `file://` as from an intranet server. The hash is the only thing
//! kept in the address: no data, only ids. An address that names nothing known (a deleted
//! draft, a bundle no longer here) lands on the start screen with a message.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::sign::Opened;

/// A result file as opened: its name and what it turned out to be.
#[derive(Debug, Clone)]
pub struct OpenedFile {
    /// The file's name.
    pub name: String,
    /// Signed (valid or not) or unsigned.
    pub opened: Opened,
}

/// Where in a draft the respondent is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 点検の対象 / 契約の概要.
    Subject,
    /// 前提の質問.
    Profile,
    /// A section of items (from 0).
    Section(usize),
    /// まとめ.
    Summary,
    /// 印刷.
    Print,
}

impl Step {
    /// The step in addresses and in the draft (`section-1` is the first section).
    pub fn key(self) -> String {
        match self {
            Step::Subject => "subject".into(),
            Step::Profile => "profile".into(),
            Step::Section(i) => format!("section-{}", i + 1),
            Step::Summary => "summary".into(),
            Step::Print => "print".into(),
        }
    }

    /// The step a key names.
    pub fn of_key(key: &str) -> Option<Step> {
        match key {
            "subject" => Some(Step::Subject),
            "profile" => Some(Step::Profile),
            "summary" => Some(Step::Summary),
            "print" => Some(Step::Print),
            _ => key
                .strip_prefix("section-")?
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(|n| Step::Section(n - 1)),
        }
    }
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

/// The address of a bundle: its id and the start of its hash, so that another version of
/// the same bundle is not mistaken for it.
pub fn bundle_key(bundle: &Bundle) -> String {
    format!(
        "{}@{}",
        bundle.id,
        bundle.hash.get(..12).unwrap_or(&bundle.hash)
    )
}

/// A parsed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`
    Home,
    /// `#/bundle/<id>@<hash>/<checklist>`
    Bundle {
        /// Bundle id.
        id: String,
        /// Start of its hash (may be empty).
        hash: String,
        /// Checklist id.
        checklist: String,
    },
    /// `#/draft/<id>/<step>`
    Draft {
        /// Draft id.
        id: String,
        /// Step key.
        step: String,
    },
    /// `#/keys` or `#/keys/<draft id>`
    Keys(Option<String>),
    /// `#/result` (the file itself is not in the address).
    Result,
    /// `#/review`
    Review,
    /// `#/help`
    Help,
    /// `#/editor` or `#/editor/<project>`
    Editor(Option<String>),
    /// `#/guide`
    Guide,
    /// Anything else.
    Unknown(String),
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| s.to_string())
}

fn encode(s: &str) -> String {
    // `@` separates a bundle's id from its hash: kept readable
    String::from(js_sys::encode_uri_component(s)).replace("%40", "@")
}

impl Route {
    /// Reads an address (the hash without `#`).
    pub fn parse(hash: &str) -> Route {
        let parts: Vec<String> = hash
            .trim_start_matches('/')
            .split('/')
            .filter(|p| !p.is_empty())
            .map(decode)
            .collect();
        let p: Vec<&str> = parts.iter().map(String::as_str).collect();
        match p.as_slice() {
            [] => Route::Home,
            ["bundle", key, checklist] => {
                let (id, hash) = key.split_once('@').unwrap_or((key, ""));
                Route::Bundle {
                    id: id.to_string(),
                    hash: hash.to_string(),
                    checklist: checklist.to_string(),
                }
            }
            ["draft", id] => Route::Draft {
                id: id.to_string(),
                step: String::new(),
            },
            ["draft", id, step] => Route::Draft {
                id: id.to_string(),
                step: step.to_string(),
            },
            ["keys"] => Route::Keys(None),
            ["keys", draft] => Route::Keys(Some(draft.to_string())),
            ["result"] => Route::Result,
            ["review"] => Route::Review,
            ["help"] => Route::Help,
            ["editor"] => Route::Editor(None),
            ["guide"] => Route::Guide,
            ["editor", project] => Route::Editor(Some(decode(project))),
            _ => Route::Unknown(hash.to_string()),
        }
    }

    /// The address of a screen (`step`: the draft's step).
    pub fn of(screen: &Screen, step: Step) -> String {
        match screen {
            Screen::Home | Screen::Opening => "/".into(),
            Screen::Bundle { bundle, checklist } => format!(
                "/bundle/{}/{}",
                encode(&bundle_key(bundle)),
                encode(
                    bundle
                        .checklists
                        .get(*checklist)
                        .map(|c| c.id.as_str())
                        .unwrap_or_default()
                )
            ),
            Screen::Draft { id, .. } => format!("/draft/{}/{}", encode(id), step.key()),
            Screen::Keys { draft: None } => "/keys".into(),
            Screen::Keys { draft: Some(d) } => format!("/keys/{}", encode(d)),
            Screen::Result(_) => "/result".into(),
            Screen::Review => "/review".into(),
            Screen::Help => "/help".into(),
            Screen::Editor { project: None } => "/editor".into(),
            Screen::Editor { project: Some(p) } => format!("/editor/{}", encode(p)),
            Screen::Guide => "/guide".into(),
        }
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
        let hash = Route::of(&screen, self.step.get_untracked());
        self.screen.set(screen);
        if self.address && crate::ui::platform::events::hash() != hash {
            crate::ui::platform::events::set_hash(&hash, push);
        }
    }

    /// Moves to another step of the open draft (a history entry of its own).
    pub fn go_step(&self, step: Step) {
        self.step.set(step);
        let hash = self.screen.with_untracked(|s| Route::of(s, step));
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
