//! The application shell: header, the current screen, navigation and draft state.

use std::sync::Arc;

use leptos::prelude::*;

use super::builtin;
use super::bundle_list::BundleList;
use super::bundle_view::BundleView;
use super::key_setup::KeySetup;
use super::keys::Keys;
use super::result_view::{OpenedFile, ResultView};
use super::review_view::ReviewView;
use super::storage::{self, StorageIssue};
use super::walk::Walk;
use crate::core::Bundle;
use crate::core::draft::Draft;

/// What the main area shows.
#[derive(Debug, Clone)]
pub enum Screen {
    /// The bundle list.
    Home,
    /// One bundle: its checklists, their drafts, and the items (read-only).
    Bundle {
        /// The bundle.
        bundle: Arc<Bundle>,
        /// The checklist tab shown.
        checklist: usize,
    },
    /// Answering a draft.
    Draft {
        /// The bundle answered.
        bundle: Arc<Bundle>,
        /// The draft's id.
        id: String,
    },
    /// The signing key.
    Keys,
    /// A result file, read-only.
    Result(Arc<OpenedFile>),
    /// 集計 for 情報担当課.
    Review,
}

/// Navigation shared with every component through context.
#[derive(Clone, Copy)]
pub struct Nav {
    /// The current screen.
    pub screen: RwSignal<Screen>,
}

impl Nav {
    /// Shows `screen` and moves keyboard focus to its main heading.
    pub fn go(&self, screen: Screen) {
        self.screen.set(screen);
        focus_heading();
    }
}

/// Moves keyboard focus to the main heading after the next render.
pub fn focus_heading() {
    request_animation_frame(|| {
        if let Some(h) = document().query_selector("main h2").ok().flatten() {
            h.set_attribute("tabindex", "-1").ok();
            if let Some(h) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&h) {
                h.focus().ok();
            }
        }
    });
}

/// Every draft in this browser, and what storage has to say.
#[derive(Clone, Copy)]
pub struct Drafts {
    /// The drafts (kept in memory too, so the app works when storage does not).
    pub all: RwSignal<Vec<Draft>>,
    /// The latest storage problem, shown in the header until dismissed.
    pub issue: RwSignal<Option<StorageIssue>>,
}

impl Drafts {
    /// Stores `draft` (new or changed) in memory and in localStorage.
    pub fn put(&self, draft: Draft) {
        if let Err(issue) = storage::save(&draft) {
            self.issue.set(Some(issue));
        }
        self.all
            .update(|all| match all.iter_mut().find(|d| d.id == draft.id) {
                Some(d) => *d = draft,
                None => all.insert(0, draft),
            });
    }

    /// Deletes a draft.
    pub fn remove(&self, id: &str) {
        if let Err(issue) = storage::remove(id) {
            self.issue.set(Some(issue));
        }
        self.all.update(|all| all.retain(|d| d.id != id));
    }

    /// The draft with this id.
    pub fn get(&self, id: &str) -> Option<Draft> {
        self.all
            .with_untracked(|all| all.iter().find(|d| d.id == id).cloned())
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let builtins = builtin::load();
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.mark("tenken-bundles-loaded").ok();
    }
    let builtins = StoredValue::new(builtins);
    provide_context(builtins);
    provide_context(super::review_state::ReviewState::new());
    let nav = Nav {
        screen: RwSignal::new(Screen::Home),
    };
    provide_context(nav);
    let drafts = Drafts {
        all: RwSignal::new(Vec::new()),
        issue: RwSignal::new(None),
    };
    // the start screen needs no drafts: read them from storage just after it is shown
    request_animation_frame(move || {
        let (stored, issue) = storage::load_all();
        // keep any draft made in the meantime; stored ones go after it
        drafts.all.update(|all| {
            let fresh: Vec<Draft> = stored
                .into_iter()
                .filter(|s| all.iter().all(|d| d.id != s.id))
                .collect();
            all.extend(fresh);
        });
        if issue.is_some() {
            drafts.issue.set(issue);
        }
    });
    provide_context(drafts);
    provide_context(Keys::load());

    view! {
        <header class="app-header">
            <p class="app-name">
                <button type="button" class="home-link" on:click=move |_| nav.go(Screen::Home)>
                    "tenken"
                </button>
                <span class="app-subtitle">"情報セキュリティ点検・委託契約チェック"</span>
                <button type="button" class="link header-keys" on:click=move |_| nav.go(Screen::Keys)>
                    "署名の鍵"
                </button>
                <button type="button" class="link" on:click=move |_| nav.go(Screen::Review)>
                    "集計（情報担当課）"
                </button>
            </p>
        </header>
        {move || drafts.issue.get().map(|issue| view! {
            <div class="storage-issue" role="alert">
                <p>{issue.message()}</p>
                <button type="button" on:click=move |_| drafts.issue.set(None)>"閉じる"</button>
            </div>
        })}
        <main id="main">
            {move || match nav.screen.get() {
                Screen::Home => view! { <BundleList builtins=builtins.get_value() /> }.into_any(),
                Screen::Bundle { bundle, checklist } => view! { <BundleView bundle checklist /> }.into_any(),
                Screen::Draft { bundle, id } => match drafts.get(&id) {
                    Some(draft) => view! { <Walk bundle draft /> }.into_any(),
                    None => view! { <p role="alert">"下書きが見つかりません。"</p> }.into_any(),
                },
                Screen::Keys => view! { <KeySetup /> }.into_any(),
                Screen::Result(file) => view! { <ResultView file /> }.into_any(),
                Screen::Review => view! { <ReviewView /> }.into_any(),
            }}
        </main>
    }
}
