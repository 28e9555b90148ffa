//! A table's header row: the column names, and an unnamed column for the row's buttons.

use leptos::prelude::*;

/// `<thead>` with `columns`, plus a column for buttons (named for screen readers only)
/// when `actions`.
#[component]
pub fn TableHead(
    /// The column names.
    columns: &'static [&'static str],
    /// Whether the last column holds the row's buttons.
    #[prop(optional)]
    actions: bool,
) -> impl IntoView {
    view! {
        <thead>
            <tr>
                {columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                {actions.then(|| view! { <th scope="col"><span class="visually-hidden">"操作"</span></th> })}
            </tr>
        </thead>
    }
}
