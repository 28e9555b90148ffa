//! One item's form: question, guidance, evidence, answer scale, condition (with completion),
//! its citations; and the problems the validator finds in it, live.

use leptos::prelude::*;

use crate::core::authoring::when_completions;
use crate::core::bundle::raw::{RawBundle, RawItem};
use crate::core::condition::normalize as normalize_when;
use crate::core::problem_words::on_screen;
use crate::ui::state::authoring::{Authoring, ItemAt};

/// The item at `at`, if it is still there.
fn item_at(r: &RawBundle, (c, s, i): ItemAt) -> Option<&RawItem> {
    r.checklists.get(c)?.sections.get(s)?.items.get(i)
}

/// The validator's path prefix of the item at `at` (`checklists[x].sections[y].items[z]`).
pub fn item_path(r: &RawBundle, (c, s, i): ItemAt) -> String {
    let name = |id: Option<&String>, n: usize| id.cloned().unwrap_or_else(|| n.to_string());
    let list = &r.checklists[c];
    let sec = &list.sections[s];
    format!(
        "checklists[{}].sections[{}].items[{}]",
        name(list.id.as_ref(), c),
        name(sec.id.as_ref(), s),
        name(sec.items[i].id.as_ref(), i)
    )
}

/// A text field of the item, saved as typed.
#[component]
fn ItemText(
    /// Where the item is.
    at: ItemAt,
    /// The label.
    label: &'static str,
    /// A class (tests find fields by it).
    class: &'static str,
    /// Reads the field.
    get: fn(&RawItem) -> String,
    /// Writes the field.
    set: fn(&mut RawItem, String),
    /// A multi-line field.
    #[prop(optional)]
    multiline: bool,
) -> impl IntoView {
    let a = expect_context::<Authoring>();
    // what was typed: shown as typed while it means what the bundle holds (a new empty
    // evidence line, a trailing 、 are kept on screen until the next word comes)
    let typed = RwSignal::new(None::<String>);
    let value = move || {
        let held = a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| item_at(r, at))
                .map(get)
                .unwrap_or_default()
        });
        match typed.get() {
            Some(t)
                if {
                    let mut scratch = RawItem::default();
                    set(&mut scratch, t.clone());
                    get(&scratch) == held
                } =>
            {
                t
            }
            _ => held,
        }
    };
    let put = move |v: String| {
        typed.set(Some(v.clone()));
        a.edit(&format!("{class}{at:?}"), |r| {
            if let Some(item) = r
                .checklists
                .get_mut(at.0)
                .and_then(|c| c.sections.get_mut(at.1))
                .and_then(|s| s.items.get_mut(at.2))
            {
                set(item, v);
            }
        })
    };
    view! {
        <label class=format!("field {class}")>
            <span>{label}</span>
            {if multiline {
                view! { <textarea rows="3" prop:value=value on:blur=move |_| typed.set(None) on:input=move |ev| put(event_target_value(&ev))></textarea> }.into_any()
            } else {
                view! { <input type="text" prop:value=value on:blur=move |_| typed.set(None) on:input=move |ev| put(event_target_value(&ev)) /> }.into_any()
            }}
        </label>
    }
}

fn opt(v: String) -> Option<String> {
    (!v.trim().is_empty()).then_some(v)
}

/// The form of the item at `at`.
#[component]
pub fn ItemForm(
    /// Where the item is.
    at: ItemAt,
) -> impl IntoView {
    let a = expect_context::<Authoring>();
    // a memo: the form is built again only when the item comes or goes, not on each edit
    // (which would take the focus from the field being typed in)
    let exists = Memo::new(move |_| {
        a.raw
            .with(|r| r.as_ref().and_then(|r| item_at(r, at)).is_some())
    });
    // the item's problems, each a sentence about its field (the validator's path only finds them)
    let problems = move || {
        a.raw.with(|r| {
            let Some(r) = r.as_ref().filter(|r| item_at(r, at).is_some()) else {
                return Vec::new();
            };
            let path = item_path(r, at);
            a.checked.with(|c| {
                let all = match c {
                    Some(Err(p)) => &p.0,
                    Some(Ok(v)) => &v.warnings.0,
                    None => return Vec::new(),
                };
                all.iter()
                    .filter(|p| {
                        p.path
                            .strip_prefix(&path)
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                    })
                    .map(|p| on_screen(Some(r), p))
                    .collect::<Vec<_>>()
            })
        })
    };
    // the condition as saved (normalised in core) and as typed: what was typed is shown, and
    // completed, while it means what the bundle holds (a space after a completed word)
    let typed_when = RwSignal::new(None::<String>);
    let when = move || {
        let held = a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| item_at(r, at))
                .and_then(|i| i.when.clone())
        });
        match typed_when.get() {
            Some(t) if normalize_when(&t) == held => t,
            _ => held.unwrap_or_default(),
        }
    };
    let completions = move || {
        let before = when();
        a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| r.checklists.get(at.0))
                .map(|c| when_completions(&c.profile, &before))
                .unwrap_or_default()
        })
    };
    let set_when = move |v: String| {
        let saved = normalize_when(&v);
        typed_when.set(Some(v));
        a.edit(&format!("when{at:?}"), |r| {
            if let Some(item) = r
                .checklists
                .get_mut(at.0)
                .and_then(|c| c.sections.get_mut(at.1))
                .and_then(|s| s.items.get_mut(at.2))
            {
                item.when = saved;
            }
        })
    };
    let scales = move || {
        a.raw.with(|r| {
            let mut v = vec![
                ("".to_string(), "（チェックリストの既定）".to_string()),
                (
                    "conformity".into(),
                    "適合 / 一部不適合 / 不適合 / 該当なし".into(),
                ),
                ("clause".into(), "明記あり / 明記なし / 該当なし".into()),
            ];
            if let Some(r) = r {
                v.extend(
                    r.scales
                        .iter()
                        .filter_map(|s| s.id.clone())
                        .map(|id| (id.clone(), id)),
                );
            }
            v
        })
    };
    let scale = move || {
        a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| item_at(r, at))
                .and_then(|i| i.scale.clone())
                .unwrap_or_default()
        })
    };
    let remove = move |_| {
        a.edit("remove-item", |r| {
            if let Some(s) = r
                .checklists
                .get_mut(at.0)
                .and_then(|c| c.sections.get_mut(at.1))
                && at.2 < s.items.len()
            {
                s.items.remove(at.2);
            }
        });
        a.selected.set(None);
    };
    let shift = move |up: bool| {
        let mut moved = None;
        a.edit("move-item", |r| {
            if let Some(s) = r
                .checklists
                .get_mut(at.0)
                .and_then(|c| c.sections.get_mut(at.1))
            {
                let j = if up {
                    at.2.checked_sub(1)
                } else {
                    Some(at.2 + 1).filter(|j| *j < s.items.len())
                };
                if let Some(j) = j {
                    s.items.swap(at.2, j);
                    moved = Some((at.0, at.1, j));
                }
            }
        });
        if moved.is_some() {
            a.selected.set(moved);
        }
    };
    let cites = move || {
        a.raw.with(|r| {
            r.as_ref().and_then(|r| item_at(r, at)).map(|i| {
                i.cite
                    .iter()
                    .map(|c| {
                        let place = crate::core::bundle::place_label(
                            c.article.as_deref().unwrap_or_default(),
                            c.paragraph.as_deref(),
                            c.item.as_deref(),
                        );
                        view! { <li><strong>{place}</strong>" 「"{c.quote.clone().unwrap_or_default()}"」"</li> }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        {move || exists.get().then(|| view! {
            <section class="item-form" aria-label="項目の編集">
                <h4>"項目"</h4>
                <ItemText at label="ID（内部の名前）" class="item-id-field" get=|i| i.id.clone().unwrap_or_default() set=|i, v| i.id = opt(v) />
                <ItemText at label="番号（表示、省略可）" class="item-number" get=|i| i.number.clone().unwrap_or_default() set=|i, v| i.number = opt(v) />
                <ItemText at label="問い" class="item-text" multiline=true get=|i| i.text.clone().unwrap_or_default() set=|i, v| i.text = opt(v) />
                <ItemText at label="確認方法" class="item-guidance" multiline=true get=|i| i.guidance.clone().unwrap_or_default() set=|i, v| i.guidance = opt(v) />
                <ItemText at label="根拠となる記録（1 行に一つ）" class="item-evidence" multiline=true
                    get=|i| i.evidence.join("\n")
                    set=|i, v| i.evidence = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect() />
                <label class="field item-scale">
                    <span>"回答の尺度"</span>
                    <select on:change=move |ev| {
                        let v = event_target_value(&ev);
                        a.edit("scale", |r| {
                            if let Some(item) = r.checklists.get_mut(at.0).and_then(|c| c.sections.get_mut(at.1)).and_then(|s| s.items.get_mut(at.2)) {
                                item.scale = opt(v);
                            }
                        });
                    }>
                        {move || scales().into_iter().map(|(id, label)| {
                            let selected = id == scale();
                            view! { <option value=id selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="field item-when">
                    <span>"対象とする条件（when、省略すると常に対象）"</span>
                    <input type="text" prop:value=when on:blur=move |_| typed_when.set(None) on:input=move |ev| set_when(event_target_value(&ev)) />
                </label>
                <p class="completions" aria-label="入力候補">
                    {move || completions().into_iter().map(|w| {
                        let word = w.clone();
                        view! {
                            <button type="button" class="link completion" on:click=move |_| {
                                let before = when();
                                let cut = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).map_or(0, |i| i + 1);
                                let mut next = format!("{}{}", &before[..cut], word);
                                if !word.is_empty() { next.push(' '); }
                                set_when(next);
                            }>{w}</button>
                            " "
                        }
                    }).collect_view()}
                </p>
                <h5>"根拠条文"</h5>
                <ul class="cites">{cites}</ul>
                <p class="toolbar">
                    <button type="button" on:click=move |_| shift(true)>"上へ"</button>
                    <button type="button" on:click=move |_| shift(false)>"下へ"</button>
                    <button type="button" class="danger" on:click=remove>"この項目を削除"</button>
                </p>
                {move || {
                    let p = problems();
                    (!p.is_empty()).then(|| view! {
                        <div class="problems" role="status">
                            <ul>{p.into_iter().map(|p| view! { <li>{if p.is_error() { "" } else { "（警告）" }}{p.in_form_ja()}</li> }).collect_view()}</ul>
                        </div>
                    })
                }}
            </section>
        })}
    }
}
