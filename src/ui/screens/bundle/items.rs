//! One checklist, read-only: who answers it, why, which profile questions decide what
//! applies, and its sections of items.

use std::sync::Arc;

use leptos::prelude::*;

use super::item::ItemView;
use crate::core::Bundle;
use crate::core::bundle::ProfileKind;
use crate::ui::widgets::citation::CitationView;

/// The checklist at `index` of `bundle`.
#[component]
pub fn ChecklistView(
    /// The bundle the checklist belongs to.
    bundle: Arc<Bundle>,
    /// The checklist's position in the bundle.
    index: usize,
) -> impl IntoView {
    let Some(list) = bundle.checklists.get(index) else {
        return view! { <p>"チェックリストがありません。"</p> }.into_any();
    };
    let basis = list
        .basis
        .iter()
        .map(|c| view! { <CitationView bundle=bundle.clone() cite=c.clone() /> })
        .collect_view();
    let profile = list
        .profile
        .iter()
        .map(|q| {
            let answers = match &q.kind {
                ProfileKind::Bool => "はい／いいえ".to_string(),
                ProfileKind::Choice(choices) => choices
                    .iter()
                    .map(|c| c.label.as_str())
                    .collect::<Vec<_>>()
                    .join("／"),
            };
            view! {
                <li>
                    {q.text.clone()}
                    <span class="answers">{format!("（{answers}）")}</span>
                    {q.help.clone().map(|h| view! { <p class="help">{h}</p> })}
                </li>
            }
        })
        .collect_view();
    let has_profile = !list.profile.is_empty();
    let sections = list
        .sections
        .iter()
        .map(|s| {
            let items = s
                .items
                .iter()
                .map(|item| view! { <ItemView bundle=bundle.clone() checklist=index item=item.clone() /> })
                .collect_view();
            view! {
                <section class="section" aria-labelledby=format!("sec-{}", s.id)>
                    <h4 id=format!("sec-{}", s.id)>{s.title.clone()}</h4>
                    {s.description.clone().map(|d| view! { <p>{d}</p> })}
                    <ol class="items">{items}</ol>
                </section>
            }
        })
        .collect_view();

    view! {
        <div class="checklist-browse">
            <h4 class="checklist-title">{format!("{}：{}", list.kind.label(), list.title)}</h4>
            <dl class="checklist-meta">
                <dt>"回答者"</dt>
                <dd>{list.respondent.clone()}</dd>
                {list.report_to.clone().map(|r| view! { <dt>"報告先"</dt><dd>{r}</dd> })}
                <dt>"根拠"</dt>
                <dd><ul class="plain">{basis}</ul></dd>
            </dl>
            {list.description.clone().map(|d| view! { <p>{d}</p> })}
            {has_profile.then(|| view! {
                <section class="profile">
                    <h4>"前提の質問"</h4>
                    <p>"答えによって、該当しない項目は問われません。"</p>
                    <ul>{profile}</ul>
                </section>
            })}
            {sections}
        </div>
    }
    .into_any()
}
