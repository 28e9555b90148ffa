//! Last year's improvement plan for an item, in a draft started from last year's result:
//! what became of it — 完了 (on a day), 継続 (to a new 期限) or 取りやめ (for a reason). The
//! answer is kept with the item's answer and carried into the signed result
//! (`core::draft::FollowUp` decides what is complete).

use leptos::prelude::*;

use crate::core::date::Date;
use crate::core::draft::{FollowUp, Outcome, Part};
use crate::ui::state::editor::Editor;

/// The follow-up of item `id`'s plan of last year (nothing when it has none).
#[component]
pub fn FollowUpForm(
    /// The item's id.
    id: String,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let id = StoredValue::new(id);
    let follow = Memo::new(move |_| {
        editor
            .draft
            .with(|d| id.with_value(|id| d.answers.get(id).and_then(|a| a.follow_up.clone())))
    });
    let edit = move |change: Box<dyn FnOnce(&mut FollowUp)>| {
        let id = id.get_value();
        editor.edit(Part::Answer(id.clone()), move |d| {
            if let Some(f) = d.answers.get_mut(&id).and_then(|a| a.follow_up.as_mut()) {
                change(f);
            }
        });
    };
    // built once per item: a change of outcome redraws only the detail field, and typing
    // redraws nothing (the focus stays where the 課長 is typing)
    let outcome = Memo::new(move |_| follow.with(|f| f.as_ref().and_then(|f| f.outcome)));
    let shown = Memo::new(move |_| follow.with(Option::is_some));
    move || {
        shown.get().then(|| {
            let f = follow.get_untracked()?;
            let name = format!("follow-up-{}", id.get_value());
            let due =
                Date::parse_iso(&f.plan.due).map_or_else(|| f.plan.due.clone(), |d| d.wareki());
            let years = (f.continued_before > 0)
                .then(|| format!("（{} 年前から継続）", f.continued_before + 1));
            let radios = Outcome::ALL
                .into_iter()
                .map(|o| {
                    let label = match o {
                        Outcome::Done => "完了した",
                        Outcome::Continued => "継続する（新しい期限）",
                        Outcome::Dropped => "取りやめる（理由）",
                    };
                    view! {
                        <label class="option">
                            <input type="radio" name=name.clone() value=o.id() prop:checked=move || outcome.get() == Some(o)
                                on:change=move |_| edit(Box::new(move |f| f.outcome = Some(o))) />
                            {label}
                        </label>
                    }
                })
                .collect_view();
            let date = move || follow.with(|f| f.as_ref().map(|f| f.date.clone()).unwrap_or_default());
            let reason =
                move || follow.with(|f| f.as_ref().map(|f| f.reason.clone()).unwrap_or_default());
            // saved on input, not on blur
            let detail = move || match outcome.get() {
                Some(o @ (Outcome::Done | Outcome::Continued)) => {
                    let label = if o == Outcome::Done { "完了した日" } else { "新しい期限" };
                    Some(view! {
                        <label class="follow-up-date">
                            {label}
                            <input type="date" prop:value=date
                                on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |f| f.date = v)) } />
                        </label>
                    }.into_any())
                }
                Some(Outcome::Dropped) => Some(view! {
                    <label class="follow-up-reason">
                        "取りやめる理由"
                        <input type="text" prop:value=reason
                            on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |f| f.reason = v)) } />
                    </label>
                }.into_any()),
                None => None,
            };
            Some(view! {
                <fieldset class="follow-up">
                    <legend>"前年度の改善計画"{years}</legend>
                    <p>{format!("{}（担当 {}、期限 {due}）", f.plan.action, f.plan.owner)}</p>
                    <div class="options" role="radiogroup" aria-label="前年度の改善計画はどうなりましたか">{radios}</div>
                    {detail}
                </fieldset>
            })
        })
    }
}
