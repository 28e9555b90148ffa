//! A citation beside an item being answered: the place and the quoted words, the article's
//! text only when asked for.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::bundle::Citation;
use crate::ui::widgets::citation::compact;

/// 「第20条第1項第3号」 (with the regulation's name when the bundle cites more than one) and
/// its quote, which open the whole article with the quote marked. The toggle is no Tab
/// stop: the item's `J` key opens it, so that Tab goes from answer to answer. No signal:
/// the browser's disclosure does the work.
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
    let head = view! {
        <span class="cite-label" title=full.clone()>{label}</span>
        {cite.quote.clone().map(|q| view! { <q class="quote">{q}</q> })}
    };
    let body = match article {
        Some((before, quote, after)) => view! {
            <details class="article">
                <summary tabindex="-1" aria-keyshortcuts="J" title="条文を表示">{head}</summary>
                <pre class="article-text" aria-label=format!("{full}の条文")>{before}<mark>{quote}</mark>{after}</pre>
            </details>
        }
        .into_any(),
        None => head.into_any(),
    };
    view! {
        <li class="cite">
            {body}
            {cite.note.clone().map(|n| view! { <p class="note">{format!("注：{n}")}</p> })}
        </li>
    }
}
