//! 前提の質問: the answers decide which items apply.

use leptos::prelude::*;

use crate::core::bundle::ProfileKind;
use crate::core::draft::{Part, ProfileAnswer};
use crate::ui::state::editor::Editor;

/// The checklist's profile questions as radio groups.
#[component]
pub fn ProfileForm() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let checklist = editor.list();
    let questions = checklist
        .profile
        .iter()
        .map(|q| {
            let options: Vec<(String, String, ProfileAnswer)> = match &q.kind {
                ProfileKind::Bool => vec![
                    ("yes".into(), "はい".into(), ProfileAnswer::Bool(true)),
                    ("no".into(), "いいえ".into(), ProfileAnswer::Bool(false)),
                ],
                ProfileKind::Choice(choices) => choices
                    .iter()
                    .map(|c| (c.id.clone(), c.label.clone(), ProfileAnswer::Choice(c.id.clone())))
                    .collect(),
            };
            let qid = q.id.clone();
            let name = format!("profile-{}", q.id);
            let radios = options
                .into_iter()
                .map(|(oid, label, value)| {
                    let (qid, qid2, value2) = (qid.clone(), qid.clone(), value.clone());
                    view! {
                        <label class="option">
                            <input
                                type="radio"
                                name=name.clone()
                                value=oid
                                prop:checked=move || editor.draft.with(|d| d.profile.get(&qid) == Some(&value))
                                on:change=move |_| {
                                    let v = value2.clone();
                                    editor.edit(Part::Profile(qid2.clone()), |d| { d.profile.insert(qid2.clone(), v); });
                                }
                            />
                            {label}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="profile-question" id=format!("q-{}", q.id)>
                    <legend>{q.text.clone()}</legend>
                    {q.help.clone().map(|h| view! { <p class="hint">{h}</p> })}
                    <div class="options">{radios}</div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h3>"前提の質問"</h3>
        <p>"答えによって、当てはまらない項目は「対象外」になり、問われません。"</p>
        {questions}
    }
}
