//! The headline strip at the top of the report: 提出 / 期限後 / 未提出 of the registered 課,
//! the files that do not count and the plans past their 期限, each a large number with its
//! words, and the first overdue plans by name (`core::review::Headline` decides them).

use leptos::prelude::*;

use crate::core::review::Headline;

/// The headline strip.
#[component]
pub fn HeadlineStrip(
    /// The figures.
    headline: Headline,
) -> impl IntoView {
    let h = headline;
    let figure = |class: &'static str, n: usize, words: String| {
        view! {
            <li class=format!("figure {class}")>
                <span class="n">{n}</span>
                <span class="what">{words}</span>
            </li>
        }
    };
    view! {
        <section class="headline" aria-labelledby="headline-heading">
            <h3 id="headline-heading" class="visually-hidden">"要約"</h3>
            <ul class="headline-figures">
                {figure("submitted", h.submitted(), format!("課が提出（登録 {} 課）", h.registered))}
                {figure("late", h.late, "課が期限後".into())}
                {figure("missing", h.missing, "課が未提出".into())}
                {figure("not-counted", h.not_counted, "ファイルは集計に使わず".into())}
                {figure("overdue", h.overdue_plans, "件の改善計画が期限超過".into())}
            </ul>
            {(h.follow_ups.total() > 0).then(|| view! { <p class="follow-ups">{h.follow_ups.words()}</p> })}
            {(!h.overdue_list.is_empty()).then(|| view! {
                <div class="overdue-plans">
                    <p class="overdue-heading">{h.overdue_heading()}</p>
                    <ul>{h.overdue_list.iter().map(|line| view! { <li>{line.clone()}</li> }).collect_view()}</ul>
                </div>
            })}
        </section>
    }
}
