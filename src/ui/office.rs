//! 情報担当課's screens — 集計, the 規則エディタ (with 改正 and 公開) and 「はじめての方へ」 — as one value the shell
//! is given. Only tenken-kanri.html's entry point ([`crate::ui::start_kanri`]) makes it: the
//! 課長's file starts the same shell without it, so nothing of these screens (nor the TOML
//! reader, the review tables or the page writer behind them) is linked into its wasm.

use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::screens::editor::EditorScreen;
use crate::ui::screens::guide::Guide;
use crate::ui::screens::review::ReviewView;
use crate::ui::screens::walk::Walk;
use crate::ui::state::authoring::{Authoring, PreviewWalk};
use crate::ui::state::nav::{Nav, Screen};
use crate::ui::state::review::ReviewState;

/// What the shell asks of 情報担当課's screens.
pub trait Desk: Send + Sync {
    /// Follows `#/editor` or `#/editor/<project>`: opens the project kept in this browser.
    fn follow_editor(&self, nav: Nav, project: Option<String>);
    /// The project open in the editor, if any (the header's link returns to it).
    fn open_project(&self) -> Option<String>;
    /// 集計.
    fn review(&self) -> AnyView;
    /// 規則エディタ.
    fn editor(&self) -> AnyView;
    /// 「はじめての方へ」.
    fn guide(&self) -> AnyView;
}

/// Makes 情報担当課's state, provides it as context, and returns the desk over it. Called
/// once, inside the shell, by the kanri file's entry point.
pub fn open() -> Arc<dyn Desk> {
    crate::ui::state::bundles::accept_toml(crate::core::bundle::parse_toml);
    provide_context(ReviewState::new());
    let authoring = Authoring::new();
    provide_context(authoring);
    // the key unlocked for 公開 goes when the editor is left
    let nav = expect_context::<Nav>();
    Effect::new(move |_| {
        if !nav.screen.with(|s| matches!(s, Screen::Editor { .. })) {
            authoring.lock();
        }
    });
    // the editor's preview walks a checklist with the same screens a 課長 sees
    provide_context(PreviewWalk(Arc::new(|bundle, draft| {
        view! { <Walk bundle draft /> }.into_any()
    })));
    Arc::new(Office { authoring })
}

struct Office {
    authoring: Authoring,
}

impl Desk for Office {
    fn follow_editor(&self, nav: Nav, project: Option<String>) {
        let authoring = self.authoring;
        match &project {
            // another project than the open one: opened from storage, if it is there
            Some(p)
                if authoring.project.get_untracked().as_ref() != Some(p)
                    && !authoring.open_stored(p) =>
            {
                nav.notice.set(Some("作成中の規則が見つかりません。削除されたか、別の PC・ブラウザーで作ったものです（作成中の規則は使ったブラウザーに保存されます）。".into()));
                authoring.close();
                return nav.show(Screen::Editor { project: None }, false);
            }
            None if authoring.project.get_untracked().is_some() => authoring.close(),
            _ => {}
        }
        nav.show(Screen::Editor { project }, false)
    }

    fn open_project(&self) -> Option<String> {
        self.authoring.project.get_untracked()
    }

    fn review(&self) -> AnyView {
        view! { <ReviewView /> }.into_any()
    }

    fn editor(&self) -> AnyView {
        view! { <EditorScreen /> }.into_any()
    }

    fn guide(&self) -> AnyView {
        view! { <Guide /> }.into_any()
    }
}
