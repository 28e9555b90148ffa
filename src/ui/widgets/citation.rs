//! A citation: the article, the quoted words, and the article's full text on demand.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::bundle::Citation;

/// The text with runs of blank lines shown as one line break (the sources put a blank line
/// between paragraphs).
pub fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('\n').enumerate() {
        if i > 0 && !out.ends_with('\n') {
            out.push('\n');
        }
        if !part.trim().is_empty() {
            out.push_str(part);
        }
    }
    out
}

/// 「目黒区電子情報処理規則 第20条第1項第3号」 with its quote; the whole article opens in a
/// disclosure, with the quoted words marked.
#[component]
pub fn CitationView(
    /// The bundle whose source is cited.
    bundle: Arc<Bundle>,
    /// The citation.
    cite: Citation,
) -> impl IntoView {
    let source = bundle.source(&cite.source);
    let title = source
        .map(|s| s.title.clone())
        .unwrap_or_else(|| cite.source.clone());
    let label = format!("{title} {}", cite.label());
    let label_for_text = label.clone();
    // The article's text split around the quote, so the quote can be marked.
    let article = source.and_then(|s| {
        let (before, quote, after) = s.excerpt(&cite)?;
        Some((compact(&before), compact(&quote), compact(&after)))
    });

    view! {
        <li class="cite">
            <span class="cite-label">{label}</span>
            {cite.quote.clone().map(|q| view! { <q class="quote">{q}</q> })}
            {cite.note.clone().map(|n| view! { <p class="note">{format!("注：{n}")}</p> })}
            {article.map(|(before, quote, after)| view! {
                <details class="article">
                    <summary>"条文を表示"</summary>
                    <pre class="article-text" tabindex="0" aria-label=format!("{label_for_text}の条文")>{before}<mark>{quote}</mark>{after}</pre>
                </details>
            })}
        </li>
    }
}
