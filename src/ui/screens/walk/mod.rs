//! Answering a draft: subject, profile, the sections of items, the summary and the print
//! view, with a step list and progress bar beside them.

mod cite;
mod follow_up;
mod item;
mod print;
mod profile;
mod sign;
mod subject;
mod summary;
mod year;

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::Bundle;
use crate::core::draft::Draft;
use crate::core::evaluate::SectionState;
use crate::core::seal::{Check, draft_part_words};
use crate::ui::state::drafts::Drafts;
use crate::ui::state::editor::Editor;
use crate::ui::state::nav::{Nav, Screen, Step};
use item::ItemAnswer;
use print::PrintView;
use profile::ProfileForm;
use subject::SubjectForm;
use summary::SummaryView;

/// The walk-through of one draft.
#[component]
pub fn Walk(
    /// The bundle the draft answers.
    bundle: Arc<Bundle>,
    /// The draft, as it was when opened.
    draft: Draft,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let drafts = expect_context::<Drafts>();
    let stale = (draft.bundle.hash != bundle.hash).then(|| draft.bundle.version.clone());
    let Some(editor) = Editor::new(bundle.clone(), draft) else {
        return view! { <p role="alert">"この下書きのチェックリストは規則にありません。"</p> }
            .into_any();
    };
    provide_context(editor);
    let (id, draft, eval, index) = (editor.id, editor.draft, editor.eval, editor.checklist);
    let list = editor.list();

    // this tab has the draft open (other tabs say so); the step and progress are kept with
    // the draft so that 「続きから」 returns here
    drafts.opened(&id.get_value());
    on_cleanup(move || drafts.closed());
    Effect::new(move || editor.remember(nav.step.get(), eval.with(|e| e.progress())));

    // the order of steps, for 前へ／次へ
    let mut steps = vec![Step::Subject];
    if !list.profile.is_empty() {
        steps.push(Step::Profile);
    }
    steps.extend((0..list.sections.len()).map(Step::Section));
    steps.push(Step::Summary);
    let steps = StoredValue::new(steps);
    let neighbour = move |delta: isize| {
        let here = editor.step.get();
        steps.with_value(|s| {
            let at = s.iter().position(|x| *x == here)? as isize + delta;
            s.get(usize::try_from(at).ok()?).copied()
        })
    };

    let nav_list = {
        let list = list.clone();
        move || {
            let here = editor.step.get();
            let e = eval.get();
            let item = |step: Step, label: String, note: Option<String>| {
                view! {
                    <li>
                        <button
                            type="button"
                            aria-current=move || (here == step).then_some("step")
                            on:click=move |_| editor.go(step)
                        >
                            <span class="step-label">{label}</span>
                            {note.map(|n| view! { <span class="count">{n}</span> })}
                        </button>
                    </li>
                }
            };
            let profile_left = e.profile_unanswered.len();
            let mut out = vec![item(Step::Subject, "対象".into(), None)];
            if !list.profile.is_empty() {
                out.push(item(
                    Step::Profile,
                    "前提の質問".into(),
                    (profile_left > 0).then(|| format!("未回答 {profile_left}")),
                ));
            }
            for (s, section) in list.sections.iter().enumerate() {
                let note = match e.section(s) {
                    SectionState::NotApplicable => "対象外".to_string(),
                    SectionState::Done => "完了".to_string(),
                    SectionState::Open(n) => format!("残り {n}"),
                };
                out.push(item(Step::Section(s), section.title.clone(), Some(note)));
            }
            // まとめ and 印刷 always in sight: the list above them scrolls when it is long
            let end = vec![
                item(Step::Summary, "まとめ".into(), None),
                item(Step::Print, "印刷".into(), None),
            ];
            view! {
                <ol class="step-list">{out}</ol>
                <ol class="step-end">{end}</ol>
            }
        }
    };

    let body = {
        let list = list.clone();
        move || match editor.step.get() {
            Step::Subject => view! { <SubjectForm kind=list.kind /> }.into_any(),
            Step::Profile => view! { <ProfileForm /> }.into_any(),
            Step::Section(s) => {
                let Some(section) = list.sections.get(s) else {
                    return ().into_any();
                };
                let items = section
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, _)| view! { <ItemAnswer section=s item=i /> })
                    .collect_view();
                view! {
                    <h3>{section.title.clone()}</h3>
                    {section.description.clone().map(|d| view! { <p>{d}</p> })}
                    <p class="hint keys">"Tab で次の項目へ。項目では、数字キーで回答を選び、B で備考へ、J で条文、K で確認方法を開きます。"</p>
                    <ol class="answer-items">{items}</ol>
                }
                .into_any()
            }
            Step::Summary => view! { <SummaryView /> }.into_any(),
            Step::Print => view! { <PrintView /> }.into_any(),
        }
    };

    let title = format!("{}：{}", list.kind.label(), list.title);
    let back = bundle.clone();
    let merged_list = list.clone();
    let merged = move || {
        drafts.merged.get().filter(|(d, _)| id.with_value(|id| d == id)).map(|(_, m)| {
            // in the 課長's words (item numbers, not ids), as the notice of outside changes
            let what = m
                .taken
                .iter()
                .map(|p| draft_part_words(&p.key(), Some(&merged_list)))
                .collect::<Vec<_>>()
                .join("、");
            view! {
                <div class="notice merged" role="status">
                    <p>{format!("別のタブ（ウィンドウ）で同じ下書きに加えられた変更を取り込みました（{what}）。項目ごとに新しい方の回答を残しています。")}</p>
                    <button type="button" on:click=move |_| drafts.merged.set(None)>"閉じる"</button>
                </div>
            }
        })
    };
    // changed in storage by something other than tenken (another local page)
    let outside_list = list.clone();
    let outside = move || {
        let check = id.with_value(|id| {
            drafts
                .outside
                .with(|o| o.iter().find(|(d, _)| d == id).map(|(_, c)| c.clone()))
        })?;
        let what = match check {
            Check::Changed(parts) => parts
                .iter()
                .map(|p| draft_part_words(p, Some(&outside_list)))
                .collect::<Vec<_>>()
                .join("、"),
            _ => "この版の tenken が保存した印がありません（以前の版の tenken か、tenken 以外で書かれた下書きです）".into(),
        };
        Some(view! {
            <div class="notice outside" role="alert">
                <p>{format!("この下書きは、tenken 以外（このパソコンで開いた別のページなど）によって書き換えられています：{what}。tenken が変えたものではありません。内容を確かめ、違っていれば直してください。心当たりがなければ情報担当課に相談してください。")}</p>
                <button type="button" on:click=move |_| drafts.seen(&id.get_value())>"確認しました"</button>
            </div>
        })
    };
    let elsewhere = move || {
        id.with_value(|id| drafts.elsewhere.with(|e| e.contains(id))).then(|| view! {
            <p class="notice elsewhere" role="status">
                "この下書きは別のタブ（ウィンドウ）でも開かれています。どちらで入力しても失われず、項目ごとに新しい方の回答が残ります。"
            </p>
        })
    };
    view! {
        <div class="walk">
            <nav class="steps" aria-label="手順">
                {move || {
                    let (done, total) = eval.with(|e| e.progress());
                    let percent = (done * 100).checked_div(total).unwrap_or(100);
                    view! {
                        <p class="progress-label" id="progress-label">{format!("進み具合 {done}/{total}（{percent}%）")}</p>
                        <progress max=total.to_string() value=done.to_string() aria-labelledby="progress-label"></progress>
                    }
                }}
                {nav_list}
                <p class="saved">{move || {
                    drafts.saved.get().filter(|(d, _)| id.with_value(|id| d == id)).map(|(_, at)| {
                        format!("保存しました（{}）", crate::core::date::jst_clock(at))
                    })
                }}</p>
            </nav>
            <div class="step">
                <h2>{title}</h2>
                <p class="draft-name">
                    {move || draft.with(|d| d.display_name())}
                    <button type="button" class="link" on:click=move |_| nav.go(Screen::Bundle { bundle: back.clone(), checklist: index })>
                        "下書きの一覧へ"
                    </button>
                </p>
                {outside}
                {elsewhere}
                {merged}
                {stale.map(|v| view! {
                    <p class="warning" role="note">
                        {format!("この下書きは {v} 版の規則で作成されました。現在の規則で評価しています。")}
                    </p>
                })}
                {body}
                <div class="step-buttons">
                    {move || neighbour(-1).map(|s| view! {
                        <button type="button" on:click=move |_| editor.go(s)>"← 前へ"</button>
                    })}
                    {move || {
                        let next_open = eval.with(|e| e.blocking().next().map(|i| (i.section, i.id.clone())));
                        next_open.map(|(s, id)| view! {
                            <button type="button" on:click=move |_| editor.go_to_item(s, id.clone())>"次の未回答へ"</button>
                        })
                    }}
                    {move || neighbour(1).map(|s| view! {
                        <button type="button" class="primary" on:click=move |_| editor.go(s)>"次へ →"</button>
                    })}
                </div>
            </div>
        </div>
    }
    .into_any()
}
