//! 本文: the 例規's text line by line with what the bundle asks of it; select a sentence and
//! 「この文から項目を作る」, make a draft item of a duty sentence, or exclude a place with a reason.

use leptos::prelude::*;

use crate::core::Message;
use std::collections::HashMap;
use std::ops::Range;

use crate::core::authoring::{exclude, include, item_from_selection, items_from_duty, tree_rows};
use crate::core::reiki::{NodeKind, Outline, Place, State};
use crate::ui::platform::dom;
use crate::ui::state::authoring::Authoring;

/// What the text view shows next to a line: the state of the 条・項・号 whose header it is,
/// and the duty sentences that start on it.
#[derive(Debug, Clone, PartialEq, Default)]
struct LineMarks {
    unit: Option<(String, Place, Mark)>,
    duties: Vec<(String, Mark, Range<usize>)>,
}

/// Asked (by which items), excluded (why) or open.
#[derive(Debug, Clone, PartialEq)]
enum Mark {
    Asked(String),
    Excluded(String),
    Open,
}

impl Mark {
    fn of(state: &State) -> Mark {
        match state {
            State::Asked(by) => Mark::Asked(
                by.iter()
                    .map(|a| a.item.clone())
                    .collect::<Vec<_>>()
                    .join("・"),
            ),
            State::Excluded(why) => Mark::Excluded(why.clone()),
            State::Open => Mark::Open,
        }
    }
}

/// The place being excluded (the reason form is open for it).
#[derive(Debug, Clone, PartialEq)]
struct Excluding {
    source: String,
    place: Place,
    label: String,
}

/// The marks of a line.
#[component]
fn Marks(
    /// The marks.
    marks: LineMarks,
    /// Makes an item of a duty sentence (its byte range).
    make: Callback<Range<usize>>,
    /// Opens the reason form for a place.
    exclude: Callback<(Place, String)>,
    /// Asks a place again.
    include: Callback<Place>,
) -> impl IntoView {
    let unit = marks.unit.map(|(label, place, mark)| match mark {
        Mark::Asked(items) => view! { <span class="mark asked">{format!("質問あり（{items}）")}</span> }.into_any(),
        Mark::Excluded(why) => view! {
            <span class="mark excluded">{format!("除外：{why}")}</span>
            <button type="button" class="link include-unit" on:click=move |_| include.run(place.clone())>"除外をやめる"</button>
        }.into_any(),
        Mark::Open => view! {
            <span class="mark open">"未対応"</span>
            <button type="button" class="link exclude-unit" aria-label=format!("{label}を除外する") on:click=move |_| exclude.run((place.clone(), label.clone()))>"除外…"</button>
        }.into_any(),
    });
    let duties = marks
        .duties
        .into_iter()
        .map(|(what, mark, range)| {
            let state = match &mark {
                Mark::Asked(items) => format!("質問あり（{items}）"),
                Mark::Excluded(_) => "除外".into(),
                Mark::Open => "未対応".into(),
            };
            view! {
                <span class="mark duty" class:open=mark == Mark::Open>{format!("{what}：{state}")}</span>
                {(mark == Mark::Open).then(|| view! {
                    <button type="button" class="link duty-item" on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default() on:click=move |_| make.run(range.clone())>"項目案を作る"</button>
                })}
            }
        })
        .collect_view();
    view! { <span class="marks" contenteditable="false">{unit}{duties}</span> }
}

/// The text of source `source`, line by line, each 条・項・号 and duty sentence marked asked,
/// excluded or open; the button that makes an item of the selected words (or of a duty
/// sentence) into the chosen checklist and section; the outline to jump through.
#[component]
pub fn SourcePane(
    /// The source's position in the bundle.
    source: usize,
) -> impl IntoView {
    let a = expect_context::<Authoring>();
    let target = RwSignal::new((0usize, 0usize));
    let message = RwSignal::new(None::<String>);
    let excluding = RwSignal::new(None::<Excluding>);
    let reason = RwSignal::new(String::new());
    let text = Memo::new(move |_| {
        a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| r.sources.get(source))
                .and_then(|s| s.text.clone())
                .unwrap_or_default()
        })
    });
    let source_id = Memo::new(move |_| {
        a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| r.sources.get(source))
                .and_then(|s| s.id.clone())
                .unwrap_or_default()
        })
    });
    let tree = Memo::new(move |_| text.with(|t| tree_rows(&Outline::parse(t), NodeKind::Item)));
    // line number (from 1) → its marks; unchanged (no re-render) while typing a question
    let marks = Memo::new(move |_| {
        let id = source_id.get();
        a.coverage.with(|all| {
            let mut by_line: HashMap<usize, LineMarks> = HashMap::new();
            let Some(c) = all.iter().find(|c| c.source == id) else {
                return by_line;
            };
            for u in &c.units {
                // inside an excluded unit, the exclusion is shown once, at its top
                let parent_excluded = u
                    .parent
                    .is_some_and(|p| matches!(c.units[p].state, State::Excluded(_)));
                if parent_excluded && matches!(u.state, State::Excluded(_)) {
                    continue;
                }
                by_line.entry(u.line).or_default().unit =
                    Some((u.label.clone(), u.place.clone(), Mark::of(&u.state)));
            }
            for d in &c.duties {
                let what = match &d.duty.actor {
                    Some(actor) => format!("{}（{actor}）", d.duty.kind.label_ja()),
                    None => d.duty.kind.label_ja().to_string(),
                };
                by_line.entry(d.duty.line).or_default().duties.push((
                    what,
                    Mark::of(&d.state),
                    d.duty.range.clone(),
                ));
            }
            by_line
        })
    });
    let add_item = move |start: usize, end: usize| {
        let (c, s) = target.get_untracked();
        let made = a.raw.with_untracked(|r| {
            r.as_ref()
                .map(|r| item_from_selection(r, source, start, end, c, s))
        });
        match made {
            Some(Ok(item)) => {
                let mut at = None;
                a.edit("add-item", |r| {
                    if let Some(sec) = r.checklists.get_mut(c).and_then(|l| l.sections.get_mut(s)) {
                        sec.items.push(item);
                        at = Some((c, s, sec.items.len() - 1));
                    }
                });
                a.selected.set(at);
                message.set(None);
            }
            Some(Err(e)) => message.set(Some(e.message_ja())),
            None => {}
        }
    };
    let make = move |_| {
        let t = text.get_untracked();
        match crate::ui::platform::selection::offsets(&t) {
            Some((start, end)) => add_item(start, end),
            None => message.set(Some(
                "本文の中で、項目にする文をマウスで選んでから押してください。".into(),
            )),
        }
    };
    // a duty offer: one item per act, one per 号 of a sentence that announces them
    let make_duty = Callback::new(move |range: Range<usize>| {
        let (c, s) = target.get_untracked();
        let made = a.raw.with_untracked(|r| {
            r.as_ref()
                .map(|r| items_from_duty(r, source, range.start, c, s))
        });
        match made {
            Some(Ok(items)) => {
                let mut at = None;
                a.edit("add-item", |r| {
                    if let Some(sec) = r.checklists.get_mut(c).and_then(|l| l.sections.get_mut(s)) {
                        let first = sec.items.len();
                        sec.items.extend(items);
                        at = Some((c, s, first));
                    }
                });
                a.selected.set(at);
                message.set(None);
            }
            Some(Err(e)) => message.set(Some(e.message_ja())),
            None => {}
        }
    });
    let open_exclude = Callback::new(move |(place, label): (Place, String)| {
        reason.set(String::new());
        excluding.set(Some(Excluding {
            source: source_id.get_untracked(),
            place,
            label,
        }));
    });
    let include_place = Callback::new(move |place: Place| {
        let id = source_id.get_untracked();
        a.edit("include", |r| include(r, &id, &place));
    });
    let confirm_exclude = move || {
        let why = reason.get_untracked();
        if why.trim().is_empty() {
            message.set(Some(
                "除外する理由を書いてください（規則に残り、点検の範囲の説明になります）。".into(),
            ));
            return;
        }
        if let Some(e) = excluding.get_untracked() {
            a.edit("exclude", |r| exclude(r, &e.source, &e.place, &why));
        }
        excluding.set(None);
        message.set(None);
    };
    let targets = Memo::new(move |_| {
        a.raw.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.checklists
                        .iter()
                        .enumerate()
                        .flat_map(|(ci, c)| {
                            c.sections.iter().enumerate().map(move |(si, s)| {
                                (
                                    ci,
                                    si,
                                    format!(
                                        "{} ／ {}",
                                        c.title.clone().unwrap_or_default(),
                                        s.title.clone().unwrap_or_default()
                                    ),
                                )
                            })
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let lines = move || {
        let t = text.get();
        let mut offset = 0;
        t.split('\n')
            .enumerate()
            .map(|(i, line)| {
                let o = offset;
                offset += line.len() + 1;
                let n = i + 1;
                let line_marks = move || marks.with(|m| m.get(&n).cloned());
                view! {
                    <div class="line" data-o=o.to_string() data-line=n.to_string() class:heading=move || marks.with(|m| m.get(&n).is_some_and(|l| l.unit.is_some()))>
                        <span class="t">{line.to_string()}</span>
                        {move || line_marks().map(|m| view! { <Marks marks=m make=make_duty exclude=open_exclude include=include_place /> })}
                    </div>
                }
            })
            .collect_view()
    };
    let summary = move || {
        let id = source_id.get();
        a.coverage.with(|all| {
            all.iter()
                .find(|c| c.source == id)
                .map(|c| c.summary.message_ja())
        })
    };
    view! {
        <div class="source-tools">
            <label>
                "項目を入れる所 "
                <select class="item-target" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some((c, s)) = v.split_once(':') {
                        target.set((c.parse().unwrap_or(0), s.parse().unwrap_or(0)));
                    }
                }>
                    {move || targets.get().into_iter().map(|(c, s, label)| view! {
                        <option value=format!("{c}:{s}") selected=move || target.get() == (c, s)>{label}</option>
                    }).collect_view()}
                </select>
            </label>
            " "
            <button type="button" class="primary make-item" on:mousedown=|ev: web_sys::MouseEvent| ev.prevent_default() on:click=make>"この文から項目を作る"</button>
            {move || message.get().map(|m| view! { <p class="warning" role="alert">{m}</p> })}
            {move || excluding.get().map(|e| view! {
                <form class="exclude-form" on:submit=move |ev| { ev.prevent_default(); confirm_exclude(); }>
                    <label>
                        {format!("{}を点検しない理由 ", e.label)}
                        <input type="text" class="exclude-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                    </label>
                    " "
                    <button type="submit" class="primary">"除外する"</button>
                    " "
                    <button type="button" on:click=move |_| excluding.set(None)>"やめる"</button>
                </form>
            })}
            <p class="coverage-summary">{summary}</p>
            <details class="outline-nav">
                <summary>"章・条・項・号の一覧（押すと本文のその行へ）"</summary>
                <ul class="plain">
                    {move || tree.get().into_iter().map(|r| {
                        let line = r.line;
                        view! {
                            <li class=format!("depth-{}", r.depth.min(6))>
                                <button type="button" class="link" on:click=move |_| dom::scroll_to(&format!(".reiki-text [data-line=\"{line}\"]"))>{r.label}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        </div>
        <div class="reiki-text" aria-label="例規の本文">{lines}</div>
    }
}
