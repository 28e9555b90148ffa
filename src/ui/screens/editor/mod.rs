//! 規則エディタ (情報担当課): turn a municipality's own 例規 into a bundle in the browser —
//! import the text, make items from its sentences, organise checklists, sections and
//! 前提の質問, see every problem live, preview as a 課長, export. Every edit is kept in this
//! browser at once; undo and redo go back and forth.

mod amend;
mod coverage;
mod export;
mod item;
mod preview;
mod publish;
mod source;
mod start;
mod structure;

use leptos::prelude::*;

use crate::core::Message;
use crate::core::problem_words::{EditorScreen, on_screen};
use crate::core::seal::{Check, authoring_part_words};
use crate::ui::state::authoring::{Authoring, Tab};
use crate::ui::state::nav::{Nav, Screen};

/// The problems bar: how many, and the list on request, each problem a sentence about its
/// field in the screens' words ([`crate::core::problem_words`]); a problem of an item opens
/// that item with one click.
#[component]
fn Problems() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let open = RwSignal::new(false);
    let list = move || {
        a.checked.with(|c| {
            let problems = match c {
                Some(Err(p)) => &p.0,
                Some(Ok(v)) => &v.warnings.0,
                None => return Vec::new(),
            };
            a.raw.with(|r| {
                problems
                    .iter()
                    .map(|p| on_screen(r.as_ref(), p))
                    .collect::<Vec<_>>()
            })
        })
    };
    // the counts on every edit; the sentences only while the list is open
    let counts = move || {
        a.checked.with(|c| match c {
            Some(Err(p)) => (p.errors().count(), p.0.len()),
            Some(Ok(v)) => (0, v.warnings.0.len()),
            None => (0, 0),
        })
    };
    let show = move |item: Option<(usize, usize, usize)>, screen: EditorScreen| {
        if let Some(at) = item {
            a.selected.set(Some(at));
            if !matches!(a.tab.get_untracked(), Tab::Text | Tab::Structure) {
                a.tab.set(Tab::Structure);
            }
        } else {
            a.tab.set(match screen {
                EditorScreen::Text => Tab::Text,
                EditorScreen::Amend => Tab::Amend,
                _ => Tab::Structure,
            });
        }
        open.set(false);
    };
    view! {
        <div class="problems-bar" role="status">
            {move || {
                let (e, n) = counts();
                if n == 0 {
                    view! { <span class="ok">"誤りはありません"</span> }.into_any()
                } else {
                    view! {
                        <button type="button" class="link problem-count" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
                            {format!("誤り {e} 件・警告 {} 件", n - e)}
                        </button>
                    }.into_any()
                }
            }}
            {move || open.get().then(|| view! {
                <ul class="problem-list">
                    {list().into_iter().map(|p| {
                        let (item, screen) = (p.item, p.screen);
                        let go = if item.is_some() { "この項目を開く" } else { screen.label_ja() };
                        view! {
                            <li class:warning=!p.is_error()>
                                {p.message_ja()}
                                {(!go.is_empty()).then(|| view! {
                                    " "
                                    <button type="button" class="link" on:click=move |_| show(item, screen)>{go}</button>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
        </div>
    }
}

/// The workbench for an open bundle.
#[component]
fn Workbench() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let tab = a.tab;
    let source = RwSignal::new(0usize);
    let title = move || {
        a.raw.with(|r| {
            r.as_ref()
                .map(|r| r.title.clone().unwrap_or_else(|| "（無題）".into()))
                .unwrap_or_default()
        })
    };
    let lists = Memo::new(move |_| {
        a.raw.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.checklists
                        .iter()
                        .map(|c| c.title.clone().unwrap_or_default())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let tab_button = move |t: Tab, label: String| {
        view! {
            <button type="button" role="tab" aria-selected=move || (tab.get() == t).to_string() on:click=move |_| tab.set(t)>{label}</button>
        }
    };
    view! {
        <div class="editor-bar">
            <strong class="editor-title">{title}</strong>
            <button type="button" on:click=move |_| a.undo() disabled=move || !a.can.get().0>"元に戻す"</button>
            <button type="button" on:click=move |_| a.redo() disabled=move || !a.can.get().1>"やり直す"</button>
            <button type="button" class="link" on:click=move |_| a.close()>"作成中の規則の一覧へ"</button>
            <Problems />
            {move || a.issue.get().map(|i| view! { <p class="warning" role="alert">{i.message_ja()}</p> })}
        </div>
        {move || a.outside.get().map(|check| {
            let what = match check {
                Check::Changed(parts) => a.raw.with_untracked(|r| {
                    let r = r.clone().unwrap_or_default();
                    parts.iter().map(|p| authoring_part_words(p, &r)).collect::<Vec<_>>().join("、")
                }),
                _ => "この版の tenken が保存した印がありません（以前の版の tenken か、tenken 以外で書かれたものです）".into(),
            };
            view! {
                <div class="notice outside" role="alert">
                    <p>{format!("この作成中の規則は、tenken 以外（このパソコンで開いた別のページなど）によって書き換えられています：{what}。tenken が変えたものではありません。内容を確かめ、違っていれば直すか、例規を取り込み直してください。公開するときは、前回公開したものとの違いを確かめてから署名します。")}</p>
                    <button type="button" on:click=move |_| a.outside.set(None)>"確認しました"</button>
                </div>
            }
        })}
        <div role="tablist" class="tabs" aria-label="規則エディタ">
            {tab_button(Tab::Text, "本文と項目".into())}
            {tab_button(Tab::Structure, "構成".into())}
            {tab_button(Tab::Coverage, "網羅の確認".into())}
            {move || lists.get().into_iter().enumerate().map(|(i, t)| tab_button(Tab::Preview(i), format!("プレビュー：{t}"))).collect_view()}
            {tab_button(Tab::Export, "書き出し".into())}
            {tab_button(Tab::Amend, "改正".into())}
            {tab_button(Tab::Publish, "公開".into())}
        </div>
        <div class="editor-body" role="tabpanel">
            {move || match tab.get() {
                Tab::Text => view! {
                    <div class="editor-columns">
                        <div class="editor-source"><source::SourcePane source=source.get() /></div>
                        <div class="editor-item">
                            {move || match a.selected.get() {
                                Some(at) => view! { <item::ItemForm at /> }.into_any(),
                                None => view! { <p class="hint">"本文の文を選んで「この文から項目を作る」を押すか、「構成」で項目を選びます。"</p> }.into_any(),
                            }}
                        </div>
                    </div>
                }.into_any(),
                Tab::Structure => view! {
                    <div class="editor-columns">
                        <div><structure::Structure /></div>
                        <div class="editor-item">{move || a.selected.get().map(|at| view! { <item::ItemForm at /> })}</div>
                    </div>
                }.into_any(),
                Tab::Coverage => view! { <coverage::Coverage /> }.into_any(),
                Tab::Preview(c) => view! { <preview::Preview checklist=c /> }.into_any(),
                Tab::Export => view! { <export::Export /> }.into_any(),
                Tab::Amend => view! { <amend::Amend /> }.into_any(),
                Tab::Publish => view! { <publish::Publish /> }.into_any(),
            }}
        </div>
    }
}

/// The 規則エディタ screen.
#[component]
pub fn EditorScreen() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let nav = expect_context::<Nav>();
    // the address names the open project: a reload, Back and a bookmark come back to it
    Effect::new(move |_| {
        let project = a.project.get();
        let shown = nav
            .screen
            .with_untracked(|s| matches!(s, Screen::Editor { project: p } if *p == project));
        if !shown {
            nav.show(Screen::Editor { project }, true);
        }
    });
    // a memo: the workbench is built once per project, not again on each edit
    let open = Memo::new(move |_| a.raw.with(Option::is_some));
    view! {
        <h2>"規則エディタ（情報担当課）"</h2>
        <p class="lead">"自治体の例規から、点検・委託契約の規則を作ります。すべての項目は、根拠となる条文の文に結び付けられます。入力はこのブラウザーに自動で保存されます。"</p>
        {move || if open.get() {
            view! { <Workbench /> }.into_any()
        } else {
            view! { <start::Start /> }.into_any()
        }}
    }
}
