//! まとめ: counts per answer, non-conformities with their plans, what is still open, and for a
//! contract the verdict.

use crate::core::Message;
use leptos::prelude::*;

use super::sign::SignPanel;
use crate::core::date::today_jst;
use crate::core::evaluate::ItemStatus;
use crate::core::result::ResultDoc;
use crate::ui::platform::{clock, files};
use crate::ui::state::editor::Editor;
use crate::ui::state::nav::Step;

/// The summary of the open draft.
#[component]
pub fn SummaryView() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let list = editor.list();
    let b = editor.bundle();
    move || {
        let e = editor.eval.get();
        let d = editor.draft.get();
        let item = |id: &str| {
            list.items()
                .find(|(_, i)| i.id == id)
                .map(|(_, i)| i.clone())
        };
        let label = |option: &str| {
            list.items()
                .filter_map(|(_, i)| b.scale(&i.scale))
                .find_map(|s| s.option(option))
                .map(|o| o.label.clone())
                .unwrap_or_else(|| option.to_string())
        };
        let counts = e
            .counts
            .iter()
            .map(
                |(o, n)| view! { <tr><th scope="row">{label(o)}</th><td>{n.to_string()}</td></tr> },
            )
            .collect_view();
        let na = e
            .items
            .iter()
            .filter(|i| matches!(i.status, ItemStatus::NotApplicable { .. }))
            .count();
        let verdict = e.verdict.clone().map(|v| {
            let missing = v
                .missing_clauses
                .iter()
                .filter_map(|id| item(id))
                .map(|i| view! { <li><span class="item-id">{i.display_number()}</span>" "{i.text.clone()}</li> })
                .collect_view();
            if v.is_clean() && e.is_complete() {
                view! { <div class="verdict ok" role="status"><p>"必要な条項はすべて契約書に明記されています。"</p></div> }.into_any()
            } else {
                view! {
                    <div class="verdict ng" role="status">
                        {(!v.missing_clauses.is_empty()).then(|| view! {
                            <p><strong>"締結前に次の条項を契約書に追加してください。"</strong></p>
                            <ul>{missing}</ul>
                        })}
                        {(!v.open_duties.is_empty()).then(|| view! {
                            <p>{format!("契約前の手続で未了のものが {} 件あります（改善計画を参照）。", v.open_duties.len())}</p>
                        })}
                        {(!e.is_complete()).then(|| view! { <p>"未完了のものがあるため、判定は確定していません。"</p> })}
                    </div>
                }
                .into_any()
            }
        });
        let plans = e
            .nonconforming
            .iter()
            .filter_map(|id| Some((item(id)?, d.answers.get(id).cloned().unwrap_or_default())))
            .map(|(i, a)| {
                let chosen = a.option.as_deref().map(label).unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row"><span class="item-id">{i.display_number()}</span>" "{i.text.clone()}</th>
                        <td>{chosen}</td>
                        <td>{a.plan.action.clone()}</td>
                        <td>{a.plan.owner.clone()}</td>
                        <td>{crate::core::date::Date::parse_iso(&a.plan.due).map(|d| d.wareki()).unwrap_or(a.plan.due.clone())}</td>
                    </tr>
                }
            })
            .collect_view();
        // what the subject lacks first, as the form asks it, then the items: (the item to go
        // to, or the subject; its number; its text; why)
        let open: Vec<_> = e
            .subject
            .iter()
            .map(|gap| (None, "対象:".to_string(), gap.message_ja(), String::new()))
            .chain(e.blocking().filter_map(|ie| {
                let i = item(&ie.id)?;
                let why = match &ie.status {
                    ItemStatus::Incomplete { missing } => missing.message_ja(),
                    ItemStatus::Undecided => "前提の質問が未回答".to_string(),
                    _ => "未回答".to_string(),
                };
                Some((
                    Some((ie.section, i.id.clone())),
                    i.display_number(),
                    i.text.clone(),
                    format!("（{why}）"),
                ))
            }))
            .map(|(to, number, text, why)| {
                let go = move |_| match &to {
                    Some((s, id)) => editor.go_to_item(*s, id.clone()),
                    None => editor.go(Step::Subject),
                };
                view! {
                    <li>
                        <button type="button" class="link" on:click=go>
                            <span class="item-id">{number}</span>" "{text}
                        </button>
                        {why}
                    </li>
                }
            })
            .collect();
        let profile_open = !e.profile_unanswered.is_empty();
        let refused = RwSignal::new(None::<String>);
        let export = {
            // this view is made again on every change: `d` is the draft as it is now
            let (b, list, d) = (b.clone(), list.clone(), d.clone());
            move |_| {
                // made, and checked, at the click
                match ResultDoc::for_signing(&b, &list, &d, &clock::now()) {
                    Ok(result) => {
                        refused.set(None);
                        let bytes = result.to_canonical_json();
                        let name = result.file_name(false, today_jst(clock::unix_now()));
                        files::download(
                            &name,
                            &String::from_utf8_lossy(&bytes),
                            "application/json",
                        );
                    }
                    Err(why) => refused.set(Some(why.message_ja())),
                }
            }
        };
        let complete = e.is_complete();
        view! {
            <h3>"まとめ"</h3>
            {if e.is_complete() {
                view! { <p class="complete" role="status">"すべての項目に回答しました。"</p> }.into_any()
            } else {
                view! { <p class="incomplete" role="status">{format!("未完了が {} 件あります。", open.len())}</p> }.into_any()
            }}
            {verdict}
            <h4>"回答の内訳"</h4>
            <table class="counts">
                <tbody>
                    {counts}
                    <tr><th scope="row">"対象外（前提の質問による）"</th><td>{na.to_string()}</td></tr>
                </tbody>
            </table>
            {(!e.nonconforming.is_empty()).then(|| view! {
                <h4>"不適合と改善計画"</h4>
                <table class="plans">
                    <thead><tr><th scope="col">"項目"</th><th scope="col">"回答"</th><th scope="col">"改善内容"</th><th scope="col">"担当"</th><th scope="col">"期限"</th></tr></thead>
                    <tbody>{plans}</tbody>
                </table>
            })}
            {profile_open.then(|| view! {
                <p>
                    "前提の質問に未回答があります。"
                    <button type="button" class="link" on:click=move |_| editor.go(Step::Profile)>"前提の質問へ"</button>
                </p>
            })}
            {(!open.is_empty()).then(|| view! { <h4>"未完了の項目"</h4><ul class="open-items">{open}</ul> })}
            <h4>"結果ファイル"</h4>
            {if complete {
                view! {
                    <SignPanel />
                    <p>
                        <button type="button" on:click=export>"結果ファイルを書き出す（署名なし）"</button>
                        " 控えとして。来年度の点検は、署名付き・署名なしどちらのファイルからも始められます。"
                    </p>
                    {move || refused.get().map(|why| view! { <p role="alert" class="warning">{why}</p> })}
                }.into_any()
            } else {
                view! { <p>"対象とすべての項目を入力すると、署名して結果ファイルを書き出せます。"</p> }.into_any()
            }}
        }
    }
}
