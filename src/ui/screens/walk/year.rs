//! 対象年度, typed in 和暦 (「令和8年度」, 「R8」) or 西暦 (「2026」), stored as its starting year.

use leptos::prelude::*;

use crate::core::date::{fiscal_year_wareki, parse_fiscal_year};
use crate::core::draft::Part;
use crate::ui::state::editor::Editor;

/// The 対象年度 field of an inspection's subject: shows the stored 年度 in 和暦, keeps what is
/// typed while it is typed, stores every readable 年度 at once and says when what is typed
/// is none.
#[component]
pub fn FiscalYearField() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let year = move || editor.draft.with(|d| d.subject.fiscal_year);
    // what is typed, while the field is being typed in (else the stored year is shown)
    let typed = RwSignal::new(None::<String>);
    let value = move || {
        typed
            .get()
            .unwrap_or_else(|| year().map(fiscal_year_wareki).unwrap_or_default())
    };
    let unreadable = move || {
        typed
            .get()
            .is_some_and(|t| !t.trim().is_empty() && parse_fiscal_year(&t).is_none())
    };
    view! {
        <div class="field">
            <label for="subject-year">"対象年度"</label>
            <input
                id="subject-year"
                type="text"
                placeholder="例：令和8年度"
                aria-describedby="subject-year-hint"
                prop:value=value
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    let y = parse_fiscal_year(&v);
                    if y.is_some() || v.trim().is_empty() {
                        editor.edit(Part::Subject, |d| d.subject.fiscal_year = y);
                    }
                    typed.set(Some(v));
                }
                on:blur=move |_| {
                    if !unreadable() {
                        typed.set(None);
                    }
                }
            />
            // one view for both: what was read (in 西暦), or why nothing was
            {move || if unreadable() {
                view! { <p class="warning" role="alert">"年度として読めません。「令和8年度」や「2026」のように入力してください。"</p> }.into_any()
            } else {
                view! { <span class="wareki">{year().map(|y| format!("（西暦 {y}年度）"))}</span> }.into_any()
            }}
            <p class="hint" id="subject-year-hint">"和暦（令和8年度）でも西暦（2026）でも入力できます。"</p>
        </div>
    }
}
