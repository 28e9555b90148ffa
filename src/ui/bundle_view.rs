//! One bundle, browsed read-only: its 例規, its checklists, their items and citations.

use std::sync::Arc;

use leptos::prelude::*;

use super::checklist_view::ChecklistView;
use crate::core::Bundle;

/// The bundle's header (自治体, 例規, 版) and one of its checklists, chosen by tabs.
#[component]
pub fn BundleView(
    /// The bundle shown.
    bundle: Arc<Bundle>,
) -> impl IntoView {
    let selected = RwSignal::new(0usize);
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
                    on:click=move |_| selected.set(i)
                >
                    {label}
                </button>
            }
        })
        .collect_view();
    let shown = bundle.clone();

    view! {
        <h2>{format!("{}　{}", bundle.municipality.name, bundle.title)}</h2>
        <dl class="bundle-meta">
            <dt>"例規"</dt>
            <dd><ul class="plain">{sources}</ul></dd>
            <dt>"版"</dt>
            <dd>
                <time datetime=bundle.version.to_string()>{bundle.version.wareki()}</time>
                "施行の条文による"
            </dd>
            <dt>"識別値"</dt>
            <dd><code class="hash" title=bundle.hash.clone()>{format!("{} / sha256:{}…", bundle.id, &bundle.hash[..16.min(bundle.hash.len())])}</code></dd>
        </dl>
        {bundle.description.clone().map(|d| view! { <p class="lead">{d}</p> })}
        <div role="tablist" class="tabs" aria-label="チェックリスト">{tabs}</div>
        {move || {
            let i = selected.get();
            view! { <ChecklistView bundle=shown.clone() index=i /> }
        }}
    }
}
