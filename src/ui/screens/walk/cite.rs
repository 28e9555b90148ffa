//! A citation beside an item being answered: the place and the quoted words, the article's
//! text only when asked for.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::bundle::Citation;
use crate::ui::widgets::citation::compact;

/// 「第20条第1項第3号」 (with the regulation's name when the bundle cites more than one) and
/// its quote; 「条文」 shows the whole article with the quote marked, in place of the quote.
/// Neither the toggle nor the text is a Tab stop: the item's `J` key opens it, so that Tab
/// goes from answer to answer.
#[component]
pub fn ItemCitation(
    /// The bundle whose source is cited.
    bundle: Arc<Bundle>,
    /// The citation.
    cite: Citation,
) -> impl IntoView {
    let source = bundle.source(&cite.source);
    let place = cite.label();
    let title = source
        .map(|s| s.title.clone())
        .unwrap_or_else(|| cite.source.clone());
    let full = format!("{title} {place}");
    let label = if bundle.sources.len() > 1 {
        full.clone()
    } else {
        place
    };
    let article = source.and_then(|s| {
        let (before, quote, after) = s.excerpt(&cite)?;
        Some((compact(&before), compact(&quote), compact(&after)))
    });
    let open = RwSignal::new(false);
    let quote = cite.quote.clone();
    view! {
        <li class="cite">
            <span class="cite-label" title=full.clone()>{label}</span>
            {article.is_some().then(|| view! {
                <button type="button" class="link article-toggle" tabindex="-1" aria-keyshortcuts="J"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "条文を閉じる" } else { "条文" }}
                </button>
            })}
            {move || (!open.get()).then(|| quote.clone().map(|q| view! { <q class="quote">{q}</q> }))}
            {cite.note.clone().map(|n| view! { <p class="note">{format!("注：{n}")}</p> })}
            {article.map(|(before, quote, after)| {
                let name = format!("{full}の条文");
                move || open.get().then(|| view! {
                    <pre class="article-text" aria-label=name.clone()>{before.clone()}<mark>{quote.clone()}</mark>{after.clone()}</pre>
                })
            })}
        </li>
    }
}
