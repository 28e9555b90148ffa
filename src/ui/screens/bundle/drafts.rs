//! The drafts of one checklist: start, resume, rename, duplicate, delete, export, import.

use crate::core::message::Message;
use std::sync::Arc;

use leptos::prelude::*;

use crate::ui::widgets::table_head::TableHead;

use crate::core::ProblemKind;

use crate::core::Bundle;
use crate::core::date::show_time;
use crate::core::draft::{Draft, Part};
use crate::core::evaluate::evaluate;
use crate::core::result::{ResultDoc, carry_forward};
use crate::core::sign::{Opened, open_result};
use crate::ui::platform::storage;
use crate::ui::platform::{clock, files};
use crate::ui::state::drafts::Drafts;
use crate::ui::state::nav::{Nav, Step};
use crate::ui::widgets::file_picker::ReadFiles;

/// The largest draft file accepted.
const MAX_DRAFT_BYTES: usize = 8 << 20;

/// The drafts of checklist `index` of `bundle`, newest first, and the buttons to start one.
#[component]
pub fn DraftList(
    /// The bundle.
    bundle: Arc<Bundle>,
    /// The checklist's position in the bundle.
    index: usize,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let drafts = expect_context::<Drafts>();
    let Some(list) = bundle.checklists.get(index).cloned() else {
        return ().into_any();
    };
    let message = RwSignal::new(None::<String>);
    let renaming = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();

    let start = {
        let (bundle, list) = (bundle.clone(), list.clone());
        move |_| {
            let draft = Draft::new(clock::new_id(), &bundle, &list, &clock::now());
            let id = draft.id.clone();
            drafts.put(draft);
            nav.open_draft(bundle.clone(), id, Step::Subject);
        }
    };

    let import = {
        let (bundle, list) = (bundle.clone(), list.clone());
        move |name: String, bytes: Result<Vec<u8>, ProblemKind>| {
            let text = match bytes {
                Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                Err(kind) => {
                    message.set(Some(format!(
                        "「{name}」を読めません: {}",
                        kind.message_ja()
                    )));
                    return;
                }
            };
            match Draft::import(
                &text,
                &bundle,
                &list,
                |id| drafts.get(id).is_some(),
                clock::new_id,
            ) {
                Ok(imported) => {
                    let note = imported
                        .other_version
                        .map(|v| format!("（{v}版の規則で作成された下書きです）"))
                        .unwrap_or_default();
                    message.set(Some(format!("「{name}」を読み込みました。{note}")));
                    drafts.put(imported.draft);
                }
                Err(e) => message.set(Some(format!(
                    "「{name}」を読み込めません: {}",
                    e.message_ja()
                ))),
            }
        }
    };

    let previous = {
        let (bundle, list) = (bundle.clone(), list.clone());
        move |name: String, bytes: Result<Vec<u8>, ProblemKind>| {
            let bytes = match bytes {
                Ok(bytes) => bytes,
                Err(kind) => {
                    message.set(Some(format!(
                        "「{name}」を読めません: {}",
                        kind.message_ja()
                    )));
                    return;
                }
            };
            let previous: ResultDoc = match open_result(&bytes) {
                Ok(Opened::Valid(v)) => v.result,
                Ok(Opened::Unsigned(r)) => *r,
                Ok(Opened::Invalid { error, .. }) => {
                    message.set(Some(format!(
                        "「{name}」は署名が正しくないため使えません（{}）。",
                        error.message_ja()
                    )));
                    return;
                }
                Err(why) => {
                    let why = why
                        .0
                        .first()
                        .map(|p| p.kind.message_ja())
                        .unwrap_or_default();
                    message.set(Some(format!(
                        "「{name}」は tenken の結果ファイルとして読めません（{why}）。"
                    )));
                    return;
                }
            };
            let mut draft = Draft::new(clock::new_id(), &bundle, &list, &clock::now());
            match carry_forward(&bundle, &list, &mut draft, &previous) {
                Ok(c) => {
                    let changed = if !c.amended.is_empty() {
                        let wording: Vec<&String> = c
                            .changed
                            .iter()
                            .filter(|id| !c.amended.contains(id))
                            .collect();
                        format!(
                            "例規の改正で引用する条文が変わった {} 項目（{}）は、改めて確認してください（引き継いでいません）。{}",
                            c.amended.len(),
                            c.amended.join("、"),
                            if wording.is_empty() {
                                String::new()
                            } else {
                                format!(
                                    "文言が変わった {} 項目（{}）も引き継いでいません。",
                                    wording.len(),
                                    wording
                                        .iter()
                                        .map(|s| s.as_str())
                                        .collect::<Vec<_>>()
                                        .join("、")
                                )
                            }
                        )
                    } else if c.changed.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "文言が変わった {} 項目（{}）は引き継いでいません。",
                            c.changed.len(),
                            c.changed.join("、")
                        )
                    };
                    message.set(Some(format!(
                        "「{name}」（{}版）から {} 項目の回答を引き継ぎました。引き継いだ回答は確認するまで未完了として扱います。{changed}",
                        previous.bundle.version,
                        c.prefilled.len()
                    )));
                    let id = draft.id.clone();
                    drafts.put(draft);
                    nav.open_draft(bundle.clone(), id, Step::Subject);
                }
                Err(e) => message.set(Some(format!("「{name}」は{}。", e.message_ja()))),
            }
        }
    };

    let rows = {
        let (bundle, list) = (bundle.clone(), list.clone());
        move || {
            let mine: Vec<Draft> = drafts.all.with(|all| {
                all.iter()
                    .filter(|d| d.bundle.id == bundle.id && d.checklist == list.id)
                    .cloned()
                    .collect()
            });
            if mine.is_empty() {
                return view! { <p>"下書きはまだありません。"</p> }.into_any();
            }
            let rows = mine
                .into_iter()
                .map(|d| {
                    let (done, total) = evaluate(&bundle, &list, &d).progress();
                    let name = d.display_name();
                    let updated = show_time(&d.updated);
                    let step = Step::of_key(&d.step).unwrap_or(Step::Subject);
                    let old = (d.bundle.hash != bundle.hash).then(|| format!("{}版", d.bundle.version));
                    let (open_id, dup, del, exp, ren, save_id) =
                        (d.id.clone(), d.clone(), d.id.clone(), d.clone(), d.id.clone(), d.clone());
                    let b = bundle.clone();
                    view! {
                        <tr>
                            <th scope="row">
                                {move || if renaming.get().as_deref() == Some(ren.as_str()) {
                                    let save = save_id.clone();
                                    view! {
                                        <form on:submit=move |ev| {
                                            ev.prevent_default();
                                            if let Some(i) = input.get() {
                                                let label = i.value().trim().to_string();
                                                drafts.edit(&save.id, Part::Label, |d| d.label = label);
                                            }
                                            renaming.set(None);
                                        }>
                                            <label>
                                                <span class="visually-hidden">"下書きの名前"</span>
                                                <input type="text" node_ref=input value=save_id.display_name() />
                                            </label>
                                            <button type="submit">"決定"</button>
                                        </form>
                                    }.into_any()
                                } else {
                                    view! { <span>{name.clone()}</span> }.into_any()
                                }}
                                {old.map(|v| view! { <span class="badge">{v}</span> })}
                            </th>
                            <td>
                                <progress max=total.to_string() value=done.to_string()></progress>
                                {format!(" {done}/{total}")}
                            </td>
                            <td><time>{updated}</time></td>
                            <td class="actions">
                                <button type="button" on:click=move |_| nav.open_draft(b.clone(), open_id.clone(), step)>
                                    "続ける"
                                </button>
                                <button type="button" on:click={
                                    let id = d.id.clone();
                                    move |_| {
                                        renaming.set(Some(id.clone()));
                                        request_animation_frame(move || { if let Some(i) = input.get() { i.focus().ok(); i.select(); } });
                                    }
                                }>"名前変更"</button>
                                <button type="button" on:click=move |_| {
                                    let mut copy = dup.clone();
                                    copy.id = clock::new_id();
                                    copy.label = format!("{}（複製）", dup.display_name());
                                    copy.created = clock::now();
                                    copy.updated = copy.created.clone();
                                    // the copy was never signed itself
                                    copy.signature = None;
                                    drafts.put(copy);
                                }>"複製"</button>
                                <button type="button" on:click=move |_| files::download(
                                    &exp.file_name(),
                                    &exp.to_json(),
                                    "application/json",
                                )>"ファイルに保存"</button>
                                <button type="button" class="danger" on:click=move |_| {
                                    let ok = window()
                                        .confirm_with_message("この下書きを削除します。元に戻せません。よろしいですか。")
                                        .unwrap_or(false);
                                    if ok {
                                        drafts.remove(&del);
                                    }
                                }>"削除"</button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="drafts">
                    <TableHead columns=&["下書き", "進み具合", "最終更新（日本時間）"] actions=true />
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };

    view! {
        <h3>{format!("{}：{}", list.kind.label(), list.title)}</h3>
        <p class="lead">{format!("回答者：{}", list.respondent)}{list.report_to.clone().map(|r| format!("　報告先：{r}"))}</p>
        <div class="toolbar">
            <button type="button" class="primary" on:click=start>"新しく始める"</button>
            <ReadFiles label="下書きファイルを読み込む…" accept=".json,application/json" max=MAX_DRAFT_BYTES on_read=import />
            <ReadFiles label="前回の結果から始める…" accept=".json,application/json" class="previous-result" max=crate::core::sign::MAX_SIGNED_BYTES on_read=previous />
        </div>
        {move || message.get().map(|m| view! { <p class="message" role="status">{m}</p> })}
        {rows}
        <p class="hint">
            {if storage::available() {
                "下書きはこのブラウザーに自動で保存されます（ファイルの場所を移すと見えなくなることがあります。別のパソコンへは「ファイルに保存」で移してください）。"
            } else {
                "このブラウザーでは下書きを自動保存できません。「ファイルに保存」で保存してください。"
            }}
        </p>
    }
    .into_any()
}
