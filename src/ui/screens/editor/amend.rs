//! 改正: the amended 例規 text compared with the bundle's source — every item whose cited
//! 条・項・号 changed or vanished, old and new side by side — then the amended text taken in
//! with the new version (施行日) and the changed items recorded in `amended`, so that a
//! 課長's next 点検 asks exactly those afresh and carries every other answer forward.

use leptos::prelude::*;

use crate::core::Message;
use crate::core::authoring::{apply_amendment, import_reiki};
use crate::core::reiki::{Amendment, UnitChange, compare};
use crate::ui::state::authoring::Authoring;

/// The amendment form.
#[component]
pub fn Amend() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let sources = move || {
        a.raw.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.sources
                        .iter()
                        .map(|s| {
                            let id = s.id.clone().unwrap_or_default();
                            let title = s.title.clone().unwrap_or_else(|| id.clone());
                            (id, title)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let source = RwSignal::new(
        sources()
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let input = a.amend_input;
    let text = Signal::derive(move || input.with(|(t, _)| t.clone()));
    let version = Signal::derive(move || input.with(|(_, v)| v.clone()));
    let result = RwSignal::new(None::<Result<(String, Amendment), String>>);
    let applied = RwSignal::new(None::<String>);

    let run = move |_| {
        applied.set(None);
        let pasted = text.get_untracked();
        let outcome = import_reiki("amended.txt", &pasted)
            .map_err(|e| e.message_ja())
            .map(|imported| {
                let amendment = a.raw.with_untracked(|r| {
                    r.as_ref()
                        .map(|r| compare(r, &source.get_untracked(), &imported.text))
                });
                (imported.text, amendment)
            })
            .and_then(|(t, m)| {
                m.map(|m| (t, m))
                    .ok_or_else(|| "規則が開かれていません".to_string())
            });
        result.set(Some(outcome));
    };

    let apply = move |_| {
        let Some(Ok((new_text, amendment))) = result.get_untracked() else {
            return;
        };
        let Some(mut updated) = a.raw.get_untracked() else {
            return;
        };
        let count = match apply_amendment(
            &mut updated,
            &source.get_untracked(),
            new_text,
            &version.get_untracked(),
            &amendment,
        ) {
            Ok(count) => count,
            Err(e) => {
                applied.set(Some(e.message_ja()));
                return;
            }
        };
        a.edit("amend", move |raw| *raw = updated);
        result.set(None);
        input.update(|(t, _)| t.clear());
        applied.set(Some(format!(
            "改正後の本文に置き換え、版を改めました。引用している条項が変わった {count} 項目は、課長の次の点検で改めて尋ねます（ほかの項目は前回の回答を引き継げます）。引用文が見つからない項目は「構成」の誤りの一覧に出ます。直してから公開してください。"
        )));
    };

    view! {
        <div class="amend">
            <h3>"例規の改正"</h3>
            <p class="lead">"改正後の例規の本文を貼り付けて比べると、引用している条・項・号が変わった項目、なくなった項目を、改正前と改正後を並べて示します。"</p>
            {move || {
                let list = sources();
                (list.len() > 1).then(|| view! {
                    <div class="field">
                        <label for="amend-source">"改正された例規"</label>
                        <select id="amend-source" on:change=move |ev| source.set(event_target_value(&ev))>
                            {list.into_iter().map(|(id, title)| view! { <option value=id.clone() selected=move || source.get() == id>{title}</option> }).collect_view()}
                        </select>
                    </div>
                })
            }}
            <div class="field">
                <label for="amend-text">"改正後の本文"</label>
                <textarea id="amend-text" class="amend-text" rows="10" prop:value=move || text.get() on:input=move |ev| input.update(|(t, _)| *t = event_target_value(&ev))></textarea>
            </div>
            <p class="toolbar"><button type="button" class="amend-compare" on:click=run>"改正前と比べる"</button></p>
            {move || result.get().map(|r| match r {
                Err(e) => view! { <p role="alert" class="warning">{e}</p> }.into_any(),
                Ok((_, amendment)) => {
                    let n = amendment.items().len();
                    let rows = amendment.changes.iter().map(|c| {
                        let (kind, old, new) = match &c.kind {
                            UnitChange::Changed { old, new } => ("変更", old.clone(), new.clone()),
                            UnitChange::Vanished { old } => ("削除", old.clone(), "（なし）".to_string()),
                            UnitChange::Unchanged => ("変更なし", String::new(), String::new()),
                        };
                        let quote = if c.quote_found { "見つかる" } else { "見つからない" };
                        view! {
                            <tr class="amend-change" data-item=c.item.clone()>
                                <th scope="row">{c.number.clone().unwrap_or_else(|| c.item.clone())}<br/><span class="muted">{c.text.clone()}</span></th>
                                <td>{c.label.clone()}<br/>{kind}</td>
                                <td class="old">{old}</td>
                                <td class="new">{new}</td>
                                <td class=if c.quote_found { "quote found" } else { "quote lost" }>{quote}</td>
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <p role="status" class="amend-summary">
                            {if n == 0 {
                                format!("引用している条項に変更はありません（変わらない引用 {} 件）。", amendment.unchanged)
                            } else {
                                format!("引用している条項が変わった項目が {n} 件あります（変わらない引用 {} 件）。", amendment.unchanged)
                            }}
                        </p>
                        {(n > 0).then(|| view! {
                            <table class="amend-table">
                                <thead><tr><th scope="col">"項目"</th><th scope="col">"条項"</th><th scope="col">"改正前"</th><th scope="col">"改正後"</th><th scope="col">"引用文"</th></tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        })}
                        <div class="field">
                            <label for="amend-version">"改正後の施行日（YYYY-MM-DD）"</label>
                            <input id="amend-version" class="amend-version" prop:value=move || version.get() on:input=move |ev| input.update(|(_, v)| *v = event_target_value(&ev)) />
                        </div>
                        <p class="toolbar"><button type="button" class="primary amend-apply" on:click=apply>"改正後の本文に置き換える"</button></p>
                    }.into_any()
                }
            })}
            {move || applied.get().map(|m| view! { <p role="status" class="amend-applied">{m}</p> })}
        </div>
    }
}
