//! One item of a checklist, read-only.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::bundle::Item;
use crate::ui::widgets::citation::CitationView;

/// An item: its question, when it applies, how to check it, and the articles it cites.
#[component]
pub fn ItemView(
    /// The bundle the item belongs to.
    bundle: Arc<Bundle>,
    /// The position of the item's checklist in the bundle.
    checklist: usize,
    /// The item.
    item: Item,
) -> impl IntoView {
    let list = bundle.checklists.get(checklist);
    let when = item
        .when
        .as_ref()
        .zip(list)
        .map(|(w, l)| l.describe_when(w));
    let scale = bundle
        .scale(&item.scale)
        .map(|s| {
            s.options
                .iter()
                .map(|o| o.label.as_str())
                .collect::<Vec<_>>()
                .join("／")
        })
        .unwrap_or_default();
    let evidence = (!item.evidence.is_empty()).then(|| item.evidence.join("、"));
    let cites = item
        .cite
        .iter()
        .map(|c| view! { <CitationView bundle=bundle.clone() cite=c.clone() /> })
        .collect_view();

    view! {
        <li class="item" id=format!("item-{}", item.id)>
            <p class="question">
                <span class="item-id">{item.display_number()}</span>
                " "
                {item.text.clone()}
            </p>
            {when.map(|w| view! { <p class="when">{format!("対象：{w} の場合")}</p> })}
            <p class="scale">{format!("回答：{scale}")}</p>
            {item.guidance.clone().map(|g| view! { <p class="guidance"><strong>"確認方法 "</strong>{g}</p> })}
            {evidence.map(|e| view! { <p class="evidence"><strong>"根拠となる記録 "</strong>{e}</p> })}
            <ul class="cites plain">{cites}</ul>
        </li>
    }
}
