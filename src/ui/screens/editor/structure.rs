//! 構成: the bundle's title and 自治体, its checklists (点検 / 委託契約), their 前提の質問
//! (profile questions), sections and the items in them.

use leptos::prelude::*;

use crate::core::bundle::raw::{
    RawBundle, RawChecklist, RawChoice, RawMunicipality, RawProfile, RawSection,
};
use crate::ui::state::authoring::Authoring;

fn opt(v: String) -> Option<String> {
    (!v.trim().is_empty()).then_some(v)
}

/// Reads one text field of the bundle.
type Getter = Box<dyn Fn(&RawBundle) -> String + Send + Sync>;
/// Writes one text field of the bundle.
type Setter = Box<dyn Fn(&mut RawBundle, String) + Send + Sync>;

/// A labelled text input bound to one field of the bundle, saved as typed.
#[component]
fn BundleText(
    /// The label.
    label: String,
    /// A class (tests find fields by it).
    class: &'static str,
    /// Reads the field.
    get: Getter,
    /// Writes the field.
    set: Setter,
) -> impl IntoView {
    let a = expect_context::<Authoring>();
    let get = std::sync::Arc::new(get);
    let set = std::sync::Arc::new(set);
    let value = move || {
        a.raw
            .with(|r| r.as_ref().map(|r| get(r)).unwrap_or_default())
    };
    view! {
        <label class=format!("field {class}")>
            <span>{label}</span>
            <input type="text" prop:value=value on:input=move |ev| {
                let v = event_target_value(&ev);
                let set = set.clone();
                a.edit(class, move |r| set(r, v));
            } />
        </label>
    }
}

/// The profile questions of checklist `c`.
#[component]
fn Profile(
    /// The checklist's position.
    c: usize,
) -> impl IntoView {
    let a = expect_context::<Authoring>();
    let count = Memo::new(move |_| {
        a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| r.checklists.get(c))
                .map_or(0, |l| l.profile.len())
        })
    });
    let add = move |_| {
        a.edit("add-profile", |r| {
            if let Some(l) = r.checklists.get_mut(c) {
                let n = l.profile.len() + 1;
                l.profile.push(RawProfile {
                    id: Some(format!("q{n}")),
                    text: Some("所管する事務で個人情報を取り扱っていますか".into()),
                    ..RawProfile::default()
                });
            }
        })
    };
    view! {
        <h5>"前提の質問（対象となる項目を決める質問）"</h5>
        <ul class="profile-list">
            {move || (0..count.get()).map(|q| {
                let field = move |label: &'static str, class: &'static str, get: fn(&RawProfile) -> String, set: fn(&mut RawProfile, String)| view! {
                    <BundleText label=label.to_string() class
                        get=Box::new(move |r: &RawBundle| r.checklists.get(c).and_then(|l| l.profile.get(q)).map(get).unwrap_or_default())
                        set=Box::new(move |r: &mut RawBundle, v| { if let Some(p) = r.checklists.get_mut(c).and_then(|l| l.profile.get_mut(q)) { set(p, v) } }) />
                };
                view! {
                    <li class="profile-question">
                        {field("ID（条件式で使う名前）", "profile-id", |p| p.id.clone().unwrap_or_default(), |p, v| p.id = opt(v))}
                        {field("質問", "profile-text", |p| p.text.clone().unwrap_or_default(), |p, v| p.text = opt(v))}
                        {field("選択肢（選択式のとき「id=表示」を読点で区切る。空ならはい／いいえ）", "profile-options",
                            |p| p.options.iter().map(|o| format!("{}={}", o.id.clone().unwrap_or_default(), o.label.clone().unwrap_or_default())).collect::<Vec<_>>().join("、"),
                            |p, v| {
                                p.options = v.split(['、', ',']).map(str::trim).filter(|s| !s.is_empty()).map(|s| {
                                    let (id, label) = s.split_once('=').unwrap_or((s, s));
                                    RawChoice { id: opt(id.trim().to_string()), label: opt(label.trim().to_string()) }
                                }).collect();
                                p.kind = (!p.options.is_empty()).then(|| "choice".to_string());
                            })}
                        <button type="button" class="link danger" on:click=move |_| a.edit("remove-profile", |r| {
                            if let Some(l) = r.checklists.get_mut(c) && q < l.profile.len() { l.profile.remove(q); }
                        })>"この質問を削除"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <button type="button" class="add-profile" on:click=add>"前提の質問を追加"</button>
    }
}

/// The sections of checklist `c` and their items (click one to edit it).
#[component]
fn Sections(
    /// The checklist's position.
    c: usize,
) -> impl IntoView {
    let a = expect_context::<Authoring>();
    let count = Memo::new(move |_| {
        a.raw.with(|r| {
            r.as_ref()
                .and_then(|r| r.checklists.get(c))
                .map_or(0, |l| l.sections.len())
        })
    });
    let add = move |_| {
        a.edit("add-section", |r| {
            if let Some(l) = r.checklists.get_mut(c) {
                let n = l.sections.len() + 1;
                l.sections.push(RawSection {
                    id: Some(format!("s{n}")),
                    title: Some(format!("区分{n}")),
                    ..RawSection::default()
                });
            }
        })
    };
    view! {
        <h5>"区分と項目"</h5>
        {move || (0..count.get()).map(|s| {
            let items = Memo::new(move |_| a.raw.with(|r| r.as_ref().and_then(|r| r.checklists.get(c)).and_then(|l| l.sections.get(s)).map(|sec| {
                sec.items.iter().enumerate().map(|(i, it)| (i, it.id.clone().unwrap_or_default(), it.text.clone().unwrap_or_default())).collect::<Vec<_>>()
            }).unwrap_or_default()));
            view! {
                <div class="section-edit">
                    <BundleText label="区分の名前".to_string() class="section-title"
                        get=Box::new(move |r: &RawBundle| r.checklists.get(c).and_then(|l| l.sections.get(s)).and_then(|x| x.title.clone()).unwrap_or_default())
                        set=Box::new(move |r: &mut RawBundle, v| { if let Some(x) = r.checklists.get_mut(c).and_then(|l| l.sections.get_mut(s)) { x.title = opt(v) } }) />
                    <ol class="item-list">
                        {move || items.get().into_iter().map(|(i, id, text)| view! {
                            <li>
                                <button type="button" class="link" class:current=move || a.selected.get() == Some((c, s, i))
                                    on:click=move |_| a.selected.set(Some((c, s, i)))>
                                    <code>{id}</code>" "{text}
                                </button>
                            </li>
                        }).collect_view()}
                    </ol>
                    <button type="button" class="link danger" on:click=move |_| a.edit("remove-section", |r| {
                        if let Some(l) = r.checklists.get_mut(c) && s < l.sections.len() { l.sections.remove(s); }
                    })>"この区分を削除（項目ごと）"</button>
                </div>
            }
        }).collect_view()}
        <button type="button" class="add-section" on:click=add>"区分を追加"</button>
    }
}

/// The bundle's title, 自治体 and checklists.
#[component]
pub fn Structure() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let lists = Memo::new(move |_| a.raw.with(|r| r.as_ref().map_or(0, |r| r.checklists.len())));
    let add = move |kind: &'static str| {
        a.edit("add-checklist", move |r| {
            let n = r.checklists.len() + 1;
            let contract = kind == "contract";
            r.checklists.push(RawChecklist {
                id: Some(if contract {
                    format!("itaku{n}")
                } else {
                    format!("tenken{n}")
                }),
                kind: Some(kind.into()),
                title: Some(if contract {
                    "委託契約の確認".into()
                } else {
                    "点検".into()
                }),
                respondent: Some("課長".into()),
                sections: vec![RawSection {
                    id: Some("s1".into()),
                    title: Some(if contract {
                        "契約書の記載事項".into()
                    } else {
                        "点検項目".into()
                    }),
                    ..RawSection::default()
                }],
                ..RawChecklist::default()
            });
        })
    };
    view! {
        <div class="structure">
            <BundleText label="規則の ID（半角英小文字・数字・-）".to_string() class="bundle-id"
                get=Box::new(|r: &RawBundle| r.id.clone().unwrap_or_default()) set=Box::new(|r: &mut RawBundle, v| r.id = opt(v)) />
            <BundleText label="タイトル".to_string() class="bundle-title"
                get=Box::new(|r: &RawBundle| r.title.clone().unwrap_or_default()) set=Box::new(|r: &mut RawBundle, v| r.title = opt(v)) />
            <BundleText label="自治体".to_string() class="bundle-municipality"
                get=Box::new(|r: &RawBundle| r.municipality.as_ref().and_then(|m| m.name.clone()).unwrap_or_default())
                set=Box::new(|r: &mut RawBundle, v| r.municipality.get_or_insert_with(RawMunicipality::default).name = opt(v)) />
            <BundleText label="版（例規の施行日 YYYY-MM-DD）".to_string() class="bundle-version"
                get=Box::new(|r: &RawBundle| r.version.clone().unwrap_or_default()) set=Box::new(|r: &mut RawBundle, v| r.version = opt(v)) />
            {move || (0..lists.get()).map(|c| view! {
                <fieldset class="checklist-edit">
                    <legend>{move || a.raw.with(|r| r.as_ref().and_then(|r| r.checklists.get(c)).map(|l| format!("{}（{}）", l.title.clone().unwrap_or_default(), if l.kind.as_deref() == Some("contract") { "委託契約" } else { "点検" })).unwrap_or_default())}</legend>
                    <BundleText label="チェックリストの名前".to_string() class="checklist-title"
                        get=Box::new(move |r: &RawBundle| r.checklists.get(c).and_then(|l| l.title.clone()).unwrap_or_default())
                        set=Box::new(move |r: &mut RawBundle, v| { if let Some(l) = r.checklists.get_mut(c) { l.title = opt(v) } }) />
                    <BundleText label="回答者".to_string() class="checklist-respondent"
                        get=Box::new(move |r: &RawBundle| r.checklists.get(c).and_then(|l| l.respondent.clone()).unwrap_or_default())
                        set=Box::new(move |r: &mut RawBundle, v| { if let Some(l) = r.checklists.get_mut(c) { l.respondent = opt(v) } }) />
                    <Profile c />
                    <Sections c />
                </fieldset>
            }).collect_view()}
            <p class="toolbar">
                <button type="button" on:click=move |_| add("inspection")>"点検のチェックリストを追加"</button>
                <button type="button" on:click=move |_| add("contract")>"委託契約のチェックリストを追加"</button>
            </p>
        </div>
    }
}
