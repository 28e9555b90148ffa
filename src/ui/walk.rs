//! Answering a draft: subject, profile, the sections of items, the summary and the print
//! view, with a step list and progress bar beside them.

use std::sync::Arc;

use leptos::prelude::*;

use super::clock;
use super::item_answer::ItemAnswer;
use super::print_view::PrintView;
use super::profile_form::ProfileForm;
use super::state::drafts::Drafts;
pub use super::state::nav::Step;
use super::state::nav::{Nav, Screen};
use super::subject_form::SubjectForm;
use super::summary_view::SummaryView;
use crate::core::Bundle;
use crate::core::draft::{Draft, Part, SignatureNote};
use crate::core::evaluate::{Evaluation, ItemStatus, evaluate};

/// The open draft, its evaluation and the current step, shared with the step components.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The draft's id.
    pub id: StoredValue<String>,
    /// The draft, as kept in [`Drafts`] (changes from another tab arrive here too).
    pub draft: Memo<Draft>,
    /// Its evaluation, recomputed on every change.
    pub eval: Memo<Evaluation>,
    /// The step shown (the navigator's: Back and Forward move it).
    pub step: RwSignal<Step>,
    drafts: Drafts,
    nav: Nav,
}

impl Editor {
    /// Changes `part` of the draft; it is saved within a moment (see [`Drafts::edit`]).
    pub fn edit(&self, part: Part, change: impl FnOnce(&mut Draft)) {
        self.drafts.edit(&self.id.get_value(), part, change);
    }

    /// Records that the draft's result was signed (not a change of the answers).
    pub fn mark_signed(&self, note: SignatureNote) {
        let now = clock::now_ms();
        self.drafts.touch(&self.id.get_value(), |d| {
            d.signature = Some(note);
            d.stamps.insert(Part::Signature.key(), now);
        });
        self.drafts.flush();
    }

    /// Shows `step` (a history entry of its own) and moves focus to its heading.
    pub fn go(&self, step: Step) {
        self.nav.go_step(step);
        focus_heading_of_step();
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Shows the item `id` (its section) and focuses its first answer.
    pub fn go_to_item(&self, section: usize, id: String) {
        self.nav.go_step(Step::Section(section));
        request_animation_frame(move || {
            let q = format!("[id='item-{}'] input", id.replace('\'', ""));
            if let Some(el) = document().query_selector(&q).ok().flatten() {
                if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
                    el.focus().ok();
                }
                el.scroll_into_view();
            }
        });
    }
}

fn focus_heading_of_step() {
    request_animation_frame(|| {
        if let Some(h) = document().query_selector(".step h3").ok().flatten() {
            h.set_attribute("tabindex", "-1").ok();
            if let Some(h) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&h) {
                h.focus().ok();
            }
        }
    });
}

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
    let Some(index) = bundle
        .checklists
        .iter()
        .position(|c| c.id == draft.checklist)
    else {
        return view! { <p role="alert">"この下書きのチェックリストは規則にありません。"</p> }
            .into_any();
    };
    let list = bundle.checklists[index].clone();
    let stale = (draft.bundle.hash != bundle.hash).then(|| draft.bundle.version.clone());
    let id = StoredValue::new(draft.id.clone());
    // the draft as kept in Drafts; should it vanish (deleted in another tab), the last copy
    let draft = Memo::new(move |prev: Option<&Draft>| {
        let here = id.with_value(|id| {
            drafts
                .all
                .with(|all| all.iter().find(|d| &d.id == id).cloned())
        });
        here.or_else(|| prev.cloned())
            .unwrap_or_else(|| draft.clone())
    });
    let eval = {
        let (bundle, list) = (bundle.clone(), list.clone());
        Memo::new(move |_| draft.with(|d| evaluate(&bundle, &list, d)))
    };
    let editor = Editor {
        id,
        draft,
        eval,
        step: nav.step,
        drafts,
        nav,
    };
    provide_context(editor);

    // this tab has the draft open (other tabs say so); the step and progress are kept with
    // the draft so that 「続きから」 returns here
    drafts.opened(&id.get_value());
    on_cleanup(move || drafts.closed());
    Effect::new(move || {
        let step = nav.step.get().key();
        let progress = eval.with(|e| e.progress());
        let (s, p) = draft.with_untracked(|d| (d.step.clone(), d.progress));
        if s != step || p != Some(progress) {
            drafts.touch(&id.get_value(), |d| {
                d.step = step;
                d.progress = Some(progress);
            });
        }
    });

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
                            {label}
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
                let mine = e.items.iter().filter(|i| i.section == s);
                let (mut open, mut total) = (0, 0);
                for i in mine {
                    match i.status {
                        ItemStatus::NotApplicable { .. } => {}
                        ItemStatus::Done => total += 1,
                        _ => {
                            total += 1;
                            open += 1;
                        }
                    }
                }
                let note = if total == 0 {
                    "対象外".to_string()
                } else if open == 0 {
                    "完了".to_string()
                } else {
                    format!("残り {open}")
                };
                out.push(item(Step::Section(s), section.title.clone(), Some(note)));
            }
            out.push(item(Step::Summary, "まとめ".into(), None));
            out.push(item(Step::Print, "印刷".into(), None));
            out.collect_view()
        }
    };

    let body = {
        let (bundle, list) = (bundle.clone(), list.clone());
        move || match editor.step.get() {
            Step::Subject => view! { <SubjectForm kind=list.kind /> }.into_any(),
            Step::Profile => view! { <ProfileForm checklist=list.clone() /> }.into_any(),
            Step::Section(s) => {
                let Some(section) = list.sections.get(s) else {
                    return ().into_any();
                };
                let items = section
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, _)| view! { <ItemAnswer bundle=bundle.clone() checklist=index section=s item=i /> })
                    .collect_view();
                view! {
                    <h3>{section.title.clone()}</h3>
                    {section.description.clone().map(|d| view! { <p>{d}</p> })}
                    <ol class="answer-items">{items}</ol>
                }
                .into_any()
            }
            Step::Summary => {
                view! { <SummaryView bundle=bundle.clone() checklist=index /> }.into_any()
            }
            Step::Print => view! { <PrintView bundle=bundle.clone() checklist=index /> }.into_any(),
        }
    };

    let title = format!("{}：{}", list.kind.label(), list.title);
    let back = bundle.clone();
    let merged = move || {
        drafts.merged.get().filter(|(d, _)| id.with_value(|id| d == id)).map(|(_, m)| {
            let items = m.items();
            let what = if items.is_empty() {
                "対象・前提の質問など".to_string()
            } else {
                format!("項目 {}", items.join("、"))
            };
            view! {
                <div class="notice merged" role="status">
                    <p>{format!("別のタブ（ウィンドウ）で同じ下書きに加えられた変更を取り込みました（{what}）。項目ごとに新しい方の回答を残しています。")}</p>
                    <button type="button" on:click=move |_| drafts.merged.set(None)>"閉じる"</button>
                </div>
            }
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
        <h2>{title}</h2>
        <p class="draft-name">
            {move || draft.with(|d| d.display_name())}
            <button type="button" class="link" on:click=move |_| nav.go(Screen::Bundle { bundle: back.clone(), checklist: index })>
                "下書きの一覧へ"
            </button>
        </p>
        {elsewhere}
        {merged}
        {stale.map(|v| view! {
            <p class="warning" role="note">
                {format!("この下書きは {v} 版の規則で作成されました。現在の規則で評価しています。")}
            </p>
        })}
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
                <ol>{nav_list}</ol>
            </nav>
            <div class="step">
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
