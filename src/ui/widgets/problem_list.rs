//! A list of problems (bundle validation, unreadable files), each with its place and a
//! message in Japanese and English.

use crate::core::message::Message;
use leptos::prelude::*;

use crate::core::Problems;

/// How many problems are listed before the rest are summarised.
const SHOWN: usize = 200;

/// Shows `problems` under `title`.
#[component]
pub fn ProblemList(
    /// What failed, e.g. 「meguro.json」を開けません.
    title: String,
    /// The problems found.
    problems: Problems,
    /// An extra hint shown under the title.
    #[prop(optional_no_strip)]
    hint: Option<String>,
) -> impl IntoView {
    let errors = problems.errors().count();
    let warnings = problems.0.len() - errors;
    let hidden = problems.0.len().saturating_sub(SHOWN);
    let items = problems
        .0
        .into_iter()
        .take(SHOWN)
        .map(|p| {
            let warning = !p.is_error();
            view! {
                <li class:warning=warning>
                    {warning.then_some(view! { <strong>"警告 "</strong> })}
                    {(!p.path.is_empty()).then(|| view! { <code class="path">{p.path.clone()}</code> " " })}
                    <span lang="ja">{p.kind.message_ja()}</span>
                    <br />
                    <span lang="en" class="en">{p.kind.message_en()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="problems" role="alert">
            <h3>{title}</h3>
            <p>{format!("誤り {errors} 件、警告 {warnings} 件 / {errors} error(s), {warnings} warning(s)")}</p>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <ul>{items}</ul>
            {(hidden > 0).then(|| view! { <p>{format!("ほか {hidden} 件 / {hidden} more")}</p> })}
        </div>
    }
}
