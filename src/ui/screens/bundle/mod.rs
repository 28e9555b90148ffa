//! One bundle, browsed read-only: its 例規, its checklists, their items and citations.

mod drafts;
mod item;
mod items;

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::Message;
use crate::ui::state::bundles::Bundles;
use crate::ui::state::nav::{Nav, Route, Screen};
use drafts::DraftList;
use items::ChecklistView;

/// The bundle's header (自治体, 例規, 版) and one of its checklists, chosen by tabs: its
/// drafts, and its items on request.
#[component]
pub fn BundleView(
    /// The bundle shown.
    bundle: Arc<Bundle>,
    /// The checklist tab shown first.
    checklist: usize,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let provenance = expect_context::<Bundles>().provenance(&bundle);
    let selected = RwSignal::new(checklist);
    let browsing = RwSignal::new(false);
    let sources = bundle
        .sources
        .iter()
        .map(|s| {
            view! {
                <li>
                    {s.title.clone()}
                    {s.number.clone().map(|n| view! { <span class="number">{format!("（{n}）")}</span> })}
                </li>
            }
        })
        .collect_view();
    let count = bundle.checklists.len();
    let choose = move |i: usize| {
        selected.set(i);
        browsing.set(false);
    };
    // the WAI-ARIA tabs pattern: one Tab stop (the selected tab); the arrow keys, Home and
    // End choose another and move the focus to it
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let here = selected.get_untracked();
        let to = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (here + 1) % count.max(1),
            "ArrowLeft" | "ArrowUp" => (here + count.max(1) - 1) % count.max(1),
            "Home" => 0,
            "End" => count.saturating_sub(1),
            _ => return,
        };
        ev.prevent_default();
        choose(to);
        if let Some(tabs) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            && let Ok(list) = tabs.query_selector_all("[role=tab]")
            && let Some(tab) = list
                .item(to as u32)
                .and_then(|x| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(x).ok())
        {
            tab.focus().ok();
        }
    };
    let tabs = bundle
        .checklists
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let label = format!("{}：{}（{}項目）", c.kind.label(), c.title, c.item_count());
            view! {
                <button
                    type="button"
                    role="tab"
                    id=format!("tab-{}", c.id)
                    aria-selected=move || (selected.get() == i).to_string()
                    tabindex=move || if selected.get() == i { "0" } else { "-1" }
                    on:click=move |_| choose(i)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let shown = bundle.clone();
    let here = bundle.clone();
    // the tab is part of the address (in place: a reload or bookmark returns to it)
    Effect::new(move |_| {
        let i = selected.get();
        let screen = Screen::Bundle {
            bundle: here.clone(),
            checklist: i,
        };
        crate::ui::platform::events::set_hash(&Route::of(&screen, nav.step.get_untracked()), false);
        nav.screen.update_untracked(|s| *s = screen);
    });

    view! {
        <h2>{bundle.heading()}</h2>
        <dl class="bundle-meta">
            <dt>"例規"</dt>
            <dd><ul class="plain">{sources}</ul></dd>
            <dt>"版"</dt>
            <dd>
                <time datetime=bundle.version.to_string()>{bundle.version.wareki()}</time>
                "施行の条文による"
            </dd>
            <dt>"発行元"</dt>
            <dd class=format!("provenance {}", provenance.id()) role=provenance.is_warning().then_some("alert")>
                {provenance.message_ja()}
            </dd>
            <dt>"規則の指紋"</dt>
            <dd>
                <code class="hash">{crate::core::bundle::hash_fingerprint(&bundle.hash)}</code>
                <span class="hint">"（規則の内容から計算した値です。一文字でも違えば変わるので、情報担当課の控えと同じなら同じ規則です）"</span>
            </dd>
        </dl>
        {bundle.description.clone().map(|d| view! { <p class="lead">{d}</p> })}
        <div role="tablist" class="tabs" aria-label="チェックリスト" on:keydown=on_key>{tabs}</div>
        {move || {
            let i = selected.get();
            let list = shown.checklists.get(i);
            let id = list.map(|c| c.id.clone()).unwrap_or_default();
            let browse = shown.clone();
            view! {
                <section class="checklist" role="tabpanel" aria-labelledby=format!("tab-{id}")>
                    <DraftList bundle=shown.clone() index=i />
                    <h3>"項目と根拠条文"</h3>
                    {move || if browsing.get() {
                        view! { <ChecklistView bundle=browse.clone() index=i /> }.into_any()
                    } else {
                        view! {
                            <button type="button" class="browse" on:click=move |_| browsing.set(true)>
                                "項目の一覧を表示"
                            </button>
                        }.into_any()
                    }}
                </section>
            }
        }}
    }
}
