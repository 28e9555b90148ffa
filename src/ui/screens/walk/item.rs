//! Answering one item: the scale, the contract's article number or an improvement plan when
//! needed, a note, and the cited article beside it.

use crate::core::Message;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::cite::ItemCitation;
use crate::core::bundle::Conformity;
use crate::core::date::Date;
use crate::core::draft::{Answer, Part, Plan};
use crate::core::evaluate::ItemStatus;
use crate::ui::state::editor::Editor;

use super::follow_up::FollowUpForm;

/// The item at (`section`, `item`) of the open draft's checklist.
#[component]
pub fn ItemAnswer(
    /// The section's position in the checklist.
    section: usize,
    /// The item's position in the section.
    item: usize,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let bundle = editor.bundle();
    let it = bundle.checklists[editor.checklist].sections[section].items[item].clone();
    let scale = bundle.scale(&it.scale).cloned();
    let amended = bundle.amended.as_ref().is_some_and(|a| a.changed(&it.id));
    let clause_scale = scale
        .as_ref()
        .is_some_and(|s| s.options.iter().any(|o| o.reference));
    let id = it.id.clone();

    let status = Memo::new(move |_| {
        editor
            .eval
            .with(|e| e.at(section, item).map(|i| i.status.clone()))
    });
    let answer = {
        let id = id.clone();
        Memo::new(move |_| {
            editor
                .draft
                .with(|d| d.answers.get(&id).cloned().unwrap_or_default())
        })
    };
    let set = {
        let id = id.clone();
        move |change: Box<dyn FnOnce(&mut Answer)>| {
            editor.edit(Part::Answer(id.clone()), |d| {
                let a = d.answers.get_or_insert_default(id.clone());
                change(a);
                if *a == Answer::default() {
                    d.answers.remove(&id);
                }
            })
        }
    };
    let set = StoredValue::new(set);
    let edit = move |change: Box<dyn FnOnce(&mut Answer)>| set.with_value(|f| f(change));

    let options = scale.clone().map(|s| s.options).unwrap_or_default();
    let n_options = options.len();
    let radios = options
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let oid = o.id.clone();
            let oid2 = o.id.clone();
            view! {
                <label class="option" class:nonconforming=o.conforming == Conformity::No>
                    <input
                        type="radio"
                        name=format!("answer-{}", id)
                        value=o.id.clone()
                        aria-keyshortcuts=(k + 1).to_string()
                        prop:checked=move || answer.with(|a| a.option.as_deref() == Some(oid.as_str()))
                        on:change=move |_| {
                            let o = oid2.clone();
                            edit(Box::new(move |a| {
                                a.option = Some(o);
                                a.carried = false;
                            }))
                        }
                    />
                    {o.label.clone()}
                </label>
            }
        })
        .collect_view();

    // keys while focus is inside the item (not typing): digits choose the n-th option, B goes
    // to 備考, J opens or folds the cited articles, K the way to check it — so that Tab moves
    // from answer to answer
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.alt_key() || ev.meta_key() {
            return;
        }
        let target_is_text = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "TEXTAREA")
                    || el.get_attribute("type").as_deref() == Some("text")
                    || el.get_attribute("type").as_deref() == Some("date")
            });
        if target_is_text {
            return;
        }
        let Some(item) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        else {
            return;
        };
        let first = |selector: &str| {
            item.query_selector(selector)
                .ok()
                .flatten()
                .and_then(|x| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(x).ok())
        };
        let toggle = |selector: &str| {
            let Ok(list) = item.query_selector_all(selector) else {
                return;
            };
            let open = list
                .item(0)
                .is_some_and(|d| !d.unchecked_ref::<web_sys::Element>().has_attribute("open"));
            for k in 0..list.length() {
                if let Some(d) = list.item(k) {
                    let d = d.unchecked_into::<web_sys::Element>();
                    if open {
                        d.set_attribute("open", "").ok();
                    } else {
                        d.remove_attribute("open").ok();
                    }
                }
            }
        };
        match ev.code().as_str() {
            "KeyB" => {
                if let Some(note) = first("textarea:not(:disabled)") {
                    ev.prevent_default();
                    note.focus().ok();
                }
                return;
            }
            "KeyJ" => {
                ev.prevent_default();
                toggle("details.article");
                return;
            }
            "KeyK" => {
                ev.prevent_default();
                toggle("details.item-help");
                return;
            }
            _ => {}
        }
        if let Some(n) = ev
            .key()
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=n_options).contains(n))
        {
            ev.prevent_default();
            if let Ok(list) = item.query_selector_all("input[type=radio]")
                && let Some(input) = list
                    .item(n as u32 - 1)
                    .and_then(|x| x.dyn_into::<web_sys::HtmlInputElement>().ok())
                && !input.disabled()
            {
                input.click();
                input.focus().ok();
            }
        }
    };

    let chosen = {
        let scale = scale.clone();
        move || {
            let a = answer.get();
            scale
                .as_ref()
                .and_then(|s| a.option.as_deref().and_then(|o| s.option(o)).cloned())
        }
    };
    let extra = move || {
        let o = chosen()?;
        let mut parts = Vec::new();
        if o.reference {
            parts.push(
                view! {
                    <div class="field">
                        <label>
                            "契約書の条番号"
                            <input type="text" class="clause-ref" placeholder="例：第5条"
                                prop:value=move || answer.with(|a| a.clause_ref.clone())
                                on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| a.clause_ref = v)) }
                                on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| a.clause_ref = v.trim().to_string())) } />
                        </label>
                    </div>
                }
                .into_any(),
            );
        }
        if o.conforming == Conformity::No && clause_scale {
            parts.push(view! { <p class="must-add">"この条項を契約書に追加してから締結してください。"</p> }.into_any());
        }
        if o.conforming == Conformity::No && !clause_scale {
            // saved as typed (within a moment); tidied (trimmed, dates read) when left
            let field = |label: &'static str,
                         class: &'static str,
                         hint: &'static str,
                         get: fn(&Plan) -> String,
                         raw: fn(&mut Plan, String),
                         put: fn(&mut Plan, String)| {
                view! {
                    <label>
                        {label}
                        <input type="text" class=class placeholder=hint
                            prop:value=move || answer.with(|a| get(&a.plan))
                            on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| raw(&mut a.plan, v))) }
                            on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| put(&mut a.plan, v.trim().to_string()))) } />
                    </label>
                }
            };
            parts.push(
                view! {
                    <fieldset class="plan">
                        <legend>"改善計画（必須）"</legend>
                        {field("内容", "plan-action", "", |p| p.action.clone(), |p, v| p.action = v, |p, v| p.action = v)}
                        {field("担当", "plan-owner", "", |p| p.owner.clone(), |p, v| p.owner = v, |p, v| p.owner = v)}
                        {field("期限", "plan-due", "例：2027-03-31、令和9年3月31日", |p| p.due.clone(), |p, v| p.due = v, |p, v| {
                            p.due = Date::parse_loose(&v).map(|d| d.to_string()).unwrap_or(v)
                        })}
                        {move || answer.with(|a| Date::parse_iso(&a.plan.due)).map(|d| view! { <span class="wareki">{d.wareki()}</span> })}
                    </fieldset>
                }
                .into_any(),
            );
        }
        Some(parts.collect_view())
    };

    let badge = move || {
        match status.get() {
        Some(ItemStatus::NotApplicable { because, .. }) => {
            view! { <p class="status na">{because}</p> }.into_any()
        }
        Some(ItemStatus::Undecided) => {
            view! { <p class="status undecided">"前提の質問に答えると、対象かどうかが決まります。"</p> }.into_any()
        }
        Some(ItemStatus::Unanswered) => view! { <p class="status open">"未回答"</p> }.into_any(),
        Some(ItemStatus::Incomplete { missing }) => {
            view! { <p class="status open" role="status">{missing.message_ja()}</p> }.into_any()
        }
        Some(ItemStatus::Done) => view! { <p class="status done">"回答済み"</p> }.into_any(),
        None => ().into_any(),
    }
    };
    let not_applicable = move || matches!(status.get(), Some(ItemStatus::NotApplicable { .. }));
    let carried = move || answer.with(|a| a.carried);
    let changed = {
        let id = id.clone();
        move || {
            editor
                .draft
                .with(|d| d.changed_since_previous.contains(&id) && !d.answers.contains_key(&id))
        }
    };
    let cites = it
        .cite
        .iter()
        .map(|c| view! { <ItemCitation bundle=bundle.clone() cite=c.clone() /> })
        .collect_view();
    let evidence = (!it.evidence.is_empty()).then(|| it.evidence.join("、"));
    let help = it.guidance.is_some() || evidence.is_some();

    view! {
        <li class="answer-item" id=format!("item-{}", it.id) class:not-applicable=not_applicable on:keydown=on_key>
            <div class="item-main">
                <fieldset class="answer" prop:disabled=not_applicable>
                    <legend>
                        <span class="item-id">{it.display_number()}</span>
                        " "
                        {it.text.clone()}
                    </legend>
                    {move || changed().then(|| if amended {
                        view! { <p class="changed amended">"例規の改正で、この項目が引用する条文が変わりました。改めて確認してください（前回の回答は引き継いでいません）。"</p> }
                    } else {
                        view! { <p class="changed">"前回の結果から文言が変わったため、回答を引き継いでいません。"</p> }
                    })}
                    <div class="answer-row">
                        <div class="options" role="radiogroup" aria-label="回答">{radios}</div>
                        {badge}
                    </div>
                    {extra}
                    {move || carried().then(|| view! {
                        <p class="carried">
                            "前回の回答を引き継いでいます。"
                            <button type="button" on:click=move |_| edit(Box::new(|a| a.carried = false))>"この回答で確定"</button>
                        </p>
                    })}
                    <label class="note">
                        <span>"備考"</span>
                        <textarea rows="1" tabindex="-1" aria-keyshortcuts="B"
                            prop:value=move || answer.with(|a| a.note.clone())
                            on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |a| a.note = v)) }></textarea>
                    </label>
                </fieldset>
                <FollowUpForm id=id.clone() />
                {help.then(|| view! {
                    <details class="item-help">
                        <summary tabindex="-1" aria-keyshortcuts="K">"確認方法と根拠となる記録"</summary>
                        {it.guidance.clone().map(|g| view! { <p><strong>"確認方法 "</strong>{g}</p> })}
                        {evidence.map(|e| view! { <p><strong>"根拠となる記録 "</strong>{e}</p> })}
                    </details>
                })}
            </div>
            <aside class="item-cite" aria-label="根拠条文">
                <ul class="plain">{cites}</ul>
            </aside>
        </li>
    }
}
