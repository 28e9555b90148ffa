//! 「はじめての方へ」 (情報担当課): the steps from the key to a 集計 that can be trusted, as a
//! checklist that shows where the town stands on each ([`crate::core::guide`] decides it
//! from what the app knows), each step one click from its screen.

use leptos::prelude::*;

use crate::core::Message;
use crate::core::guide::{BundleFacts, Facts, KeyFact, RosterFact, StepId, steps};
use crate::ui::platform::storage;
use crate::ui::state::authoring::{Authoring, Tab};
use crate::ui::state::keys::Keys;
use crate::ui::state::nav::{Nav, Screen};
use crate::ui::state::review::ReviewState;

/// The town's bundle the steps speak of: the project open in the editor, else the one
/// changed last in this browser (its id and facts).
fn town_bundle(a: &Authoring) -> Option<(String, BundleFacts)> {
    if let (Some(project), Some(facts)) = (
        a.project.get(),
        a.raw.with(|r| {
            r.as_ref().map(|r| {
                a.published.with(|p| {
                    a.page_saved
                        .with(|page| BundleFacts::of(r, p.as_ref(), page.as_deref()))
                })
            })
        }),
    ) {
        return Some((project, facts));
    }
    let last = storage::authoring_list().into_iter().next()?;
    let stored = storage::load_authoring(&last.project)?;
    let facts = BundleFacts::of(&stored.raw, stored.published.as_ref(), None);
    Some((last.project, facts))
}

/// The guide.
#[component]
pub fn Guide() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let keys = expect_context::<Keys>();
    let review = expect_context::<ReviewState>();
    let nav = expect_context::<Nav>();
    let bundle = Memo::new(move |_| town_bundle(&a));
    let facts = move || Facts {
        key: match (
            keys.key.with(Option::is_some),
            keys.refused.with(Option::is_some),
        ) {
            (false, _) => KeyFact::None,
            (true, true) => KeyFact::Refused,
            (true, false) => KeyFact::Kept,
        },
        bundle: bundle.get().map(|(_, f)| f),
        roster: match (review.unsaved.get(), review.roster_name.get()) {
            (true, _) => RosterFact::Unsaved,
            (false, Some(name)) => RosterFact::Saved(name),
            (false, None) => RosterFact::None,
        },
        results: review.results.with(Vec::len),
        official: review.official.with(Vec::len),
    };
    // the editor, at the tab of a step, on the town's bundle (or its start screen)
    let open_editor = move |tab: Tab| match bundle.get_untracked().map(|(p, _)| p) {
        Some(project) => {
            if a.project.get_untracked().as_deref() != Some(project.as_str()) {
                a.open_stored(&project);
            }
            a.tab.set(tab);
            nav.go(Screen::Editor {
                project: Some(project),
            });
        }
        None => nav.go(Screen::Editor { project: None }),
    };
    let go = move |step: StepId| match step {
        StepId::Key => nav.go(Screen::Keys { draft: None }),
        StepId::Bundle => open_editor(Tab::Structure),
        StepId::Coverage => open_editor(Tab::Coverage),
        StepId::Publish => open_editor(Tab::Publish),
        StepId::Roster | StepId::Review => nav.go(Screen::Review),
    };
    let link = |step: StepId| match step {
        StepId::Key => "署名の鍵へ",
        StepId::Bundle => "規則エディタへ",
        StepId::Coverage => "網羅の確認へ",
        StepId::Publish => "公開へ",
        StepId::Roster => "集計の登録簿へ",
        StepId::Review => "集計へ",
    };
    view! {
        <h2>"はじめての方へ（情報担当課）"</h2>
        <p class="lead">"町の例規から規則を作り、課長に配り、届いた結果を集計するまでの手順です。済んだ手順と次にすることを、このブラウザーにあるもの（鍵、作成中の規則、この画面を開いてからの集計）から示します。"</p>
        {move || {
            let list = steps(&facts());
            let done = list.iter().filter(|s| s.standing.id() == "done").count();
            view! {
                <p class="guide-progress" role="status">{format!("{} の手順のうち {done} が済んでいます。", list.len())}</p>
                <ol class="guide-steps">
                    {list.into_iter().map(|s| {
                        let id = s.id;
                        view! {
                            <li class=format!("guide-step {} {}", id.id(), s.standing.id())>
                                <p class="guide-head">
                                    <span class="guide-mark">{s.standing.label_ja()}</span>
                                    " "
                                    <strong>{id.title_ja()}</strong>
                                </p>
                                <p class="guide-status">{s.status.message_ja()}</p>
                                <p class="hint">{id.how_ja()}</p>
                                <button type="button" class=if s.standing.id() == "next" { "primary guide-go" } else { "guide-go" } on:click=move |_| go(id)>{link(id)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            }
        }}
        <p class="hint">"登録簿はこのブラウザーに保存しません（同じ PC の別のページから書き換えられないように）。「登録簿を保存」は、この画面を開いてから保存したか、登録簿ファイルを開いたときに済みになります。"</p>
    }
}
