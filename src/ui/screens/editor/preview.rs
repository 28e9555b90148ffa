//! プレビュー: the checklist walked as a 課長 would, on a scratch draft that is never saved,
//! without leaving the editor.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::draft::Draft;
use crate::ui::platform::clock;
use crate::ui::state::authoring::{Authoring, PreviewWalk};
use crate::ui::state::drafts::Drafts;
use crate::ui::state::nav::{Nav, Step};

/// The preview of checklist `checklist` (a fresh scratch draft each time it is opened).
#[component]
pub fn Preview(
    /// The checklist's position.
    checklist: usize,
) -> impl IntoView {
    let a = expect_context::<Authoring>();
    let walk = expect_context::<PreviewWalk>();
    // its own drafts and navigator: nothing reaches storage or the address bar
    let drafts = Drafts::scratch();
    let nav = Nav::inner();
    provide_context(drafts);
    provide_context(nav);
    let bundle = a.checked.with_untracked(|c| match c {
        Some(Ok(v)) => Some(Arc::new(v.bundle.clone())),
        _ => None,
    });
    match bundle {
        None => view! {
            <p class="warning" role="status">"規則に誤りがあるため、プレビューできません。上の「問題」を直してください。"</p>
        }
        .into_any(),
        Some(bundle) => {
            let Some(list) = bundle.checklists.get(checklist) else {
                return ().into_any();
            };
            let draft = Draft::new(clock::new_id(), &bundle, list, &clock::now());
            drafts.put(draft.clone());
            nav.step.set(Step::Subject);
            view! {
                <div class="preview" aria-label="プレビュー（保存されない下書き）">
                    <p class="hint">"課長が見る画面です。ここでの回答は保存されません。"</p>
                    {(walk.0)(bundle.clone(), draft)}
                </div>
            }
            .into_any()
        }
    }
}
