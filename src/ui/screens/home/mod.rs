//! The start screen: 「続きから」 (drafts in progress), the built-in bundles, the bundles
//! kept from files, and 「規則ファイルを開く」.

mod open_bundle;
mod open_result;

use crate::core::Message;
use leptos::prelude::*;

use crate::ui::widgets::table_head::TableHead;

use crate::core::Problems;
use crate::core::bundle::heading;
use crate::core::date::{Date, show_time};
use crate::page::prerender::{
    BUILTIN_COLUMNS, BUILTIN_TITLE, BUNDLE_FILE_TEXT, BUNDLE_FILE_TITLE, HOME_LEAD, HOME_TITLE,
    NO_BUILTIN, RESULT_FILE_TEXT, RESULT_FILE_TITLE,
};
use crate::ui::platform::embedded;
use crate::ui::state::bundles::Bundles;
use crate::ui::state::drafts::Drafts;
use crate::ui::state::nav::{Nav, Screen, Step};
use crate::ui::widgets::problem_list::ProblemList;
use open_bundle::OpenBundle;
use open_result::OpenResult;

/// Opening a built-in bundle in the first moments, before the page has inflated them.
fn not_ready() -> Result<std::sync::Arc<crate::core::Bundle>, Problems> {
    let kind = crate::core::ProblemKind::File {
        name: embedded::BUNDLES_ID.into(),
        message: "読み込み中です。少し待ってからもう一度押してください / still loading, try again"
            .into(),
    };
    Err(Problems(vec![crate::core::Problem::error("", kind)]))
}

/// 「続きから」: every draft in this browser, newest first, each opened where it was left.
#[component]
fn Resume() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let drafts = expect_context::<Drafts>();
    let bundles = expect_context::<Bundles>();
    let problem = RwSignal::new(None::<String>);
    let rows = move || {
        drafts.all.with(|all| {
            let mut list: Vec<_> = all.to_vec();
            crate::core::sort::sort_by(&mut list, |a, b| {
                let t = |d: &crate::core::draft::Draft| crate::core::date::parse_time(&d.updated);
                t(b).cmp(&t(a))
            });
            list.into_iter()
                .map(|d| {
                    let name = d.display_name();
                    let where_ = bundle_name(bundles, &d.bundle.id);
                    // not 「署名済み」: a note in storage proves nothing until its signed
                    // file is checked with the key (まとめ does that)
                    let progress = match d.progress {
                        Some((done, total)) => format!("{done}/{total}"),
                        None => "—".to_string(),
                    };
                    let updated = show_time(&d.updated);
                    let id = d.id.clone();
                    let r = d.bundle.clone();
                    let step = Step::of_key(&d.step).unwrap_or(Step::Subject);
                    let label = format!("「{name}」を続ける");
                    let open = move |_| match bundles.for_draft(&r) {
                        Some(bundle) => nav.open_draft(bundle, id.clone(), step),
                        None => problem.set(Some(format!(
                            "「{name}」の規則（{} {} 版）が見つかりません。配布された規則ファイルを開くと続けられます。",
                            r.id, r.version
                        ))),
                    };
                    view! {
                        <tr>
                            <th scope="row">{d.display_name()}</th>
                            <td>{where_}</td>
                            <td>{progress}</td>
                            <td><time datetime=d.updated.clone()>{updated}</time></td>
                            <td><button type="button" class="primary" aria-label=label on:click=open>"続ける"</button></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        {move || (drafts.all.with(|a| !a.is_empty())).then(|| view! {
            <section aria-labelledby="resume-heading" class="resume">
                <h3 id="resume-heading">"続きから"</h3>
                <table class="drafts">
                    <TableHead columns=&["下書き", "規則", "進み具合", "最終更新（日本時間）"] actions=true />
                    <tbody>{rows}</tbody>
                </table>
                {move || problem.get().map(|p| view! { <p class="warning" role="alert">{p}</p> })}
            </section>
        })}
    }
}

/// The name a bundle is listed under: its 自治体 and title, from the built-in summaries or
/// the kept bundles, else its id.
fn bundle_name(bundles: Bundles, id: &str) -> String {
    let builtin = bundles.builtins.with_value(|b| {
        b.as_ref().ok().and_then(|list| {
            list.iter()
                .find(|b| b.summary.id == id)
                .map(|b| heading(&b.summary.municipality, &b.summary.title))
        })
    });
    builtin
        .or_else(|| {
            bundles.kept.with_untracked(|k| {
                k.iter()
                    .find(|k| k.id == id)
                    .map(|k| heading(&k.municipality, &k.title))
            })
        })
        .unwrap_or_else(|| id.to_string())
}

/// The bundles kept from files in this browser, each openable and removable.
#[component]
fn Kept() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let bundles = expect_context::<Bundles>();
    let failure = RwSignal::new(None::<(String, Problems)>);
    view! {
        {move || (!bundles.kept.get().is_empty()).then(|| {
            let rows = bundles.kept.get().into_iter().map(|k| {
                let changed = bundles.outside.with(|o| o.contains(&k.hash));
                let name = heading(&k.municipality, &k.title);
                let version = Date::parse_iso(&k.version).map(|d| d.wareki()).unwrap_or(k.version.clone());
                let (open_hash, forget_hash) = (k.hash.clone(), k.hash.clone());
                let open = move |_| match bundles.open_kept(&open_hash) {
                    Ok(bundle) => nav.go(Screen::Bundle { bundle, checklist: 0 }),
                    Err(p) => failure.set(Some((open_hash.clone(), p))),
                };
                let forget = move |_| {
                    if let Err(e) = bundles.forget(&forget_hash) {
                        failure.set(Some((forget_hash.clone(), Problems(vec![crate::core::Problem::error("", crate::core::ProblemKind::File { name: forget_hash.clone(), message: e.message_ja() })]))));
                    }
                };
                view! {
                    <tr class:outside=changed>
                        <th scope="row">{name.clone()}{changed.then(|| view! { <span class="badge warning">"tenken 以外で書き換え"</span> })}</th>
                        <td>{format!("{version}施行")}</td>
                        <td><code>{crate::core::bundle::hash_fingerprint(&k.hash)}</code></td>
                        <td>{k.file.clone()}</td>
                        <td>
                            <button type="button" aria-label=format!("{name}の規則を開く") on:click=open>"開く"</button>
                            " "
                            <button type="button" aria-label=format!("{name}の規則をこのブラウザーから削除") on:click=forget>"削除"</button>
                        </td>
                    </tr>
                }
            }).collect_view();
            view! {
                <section aria-labelledby="kept-heading">
                    <h3 id="kept-heading">"このブラウザーに保存した規則"</h3>
                    <table class="bundles">
                        <TableHead columns=&["規則", "版", "規則の指紋", "開いたファイル"] actions=true />
                        <tbody>{rows}</tbody>
                    </table>
                    {move || bundles.outside.with(|o| !o.is_empty()).then(|| view! {
                        <p class="warning kept-outside" role="alert">
                            {format!("「tenken 以外で書き換え」とある規則は、{}が、tenken 以外（このパソコンで開いた別のページなど）によって書き換えられているか、この版の tenken が保存したものではありません。元の規則ファイルを開き直すか、削除してください。", crate::core::seal::KEPT_ENTRY_WORDS)}
                        </p>
                    })}
                    {move || failure.get().map(|(h, problems)| view! {
                        <ProblemList title=format!("保存した規則（{}…）を開けません", h.get(..12).unwrap_or_default()) problems />
                    })}
                </section>
            }
        })}
    }
}

/// The start screen.
#[component]
pub fn BundleList() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let bundles = expect_context::<Bundles>();
    let failure = RwSignal::new(None::<(String, Problems)>);
    let (builtins, unreadable) = match bundles.builtins.get_value() {
        Ok(list) => (list, None),
        Err(problems) => (Vec::new(), Some(problems)),
    };
    let empty = builtins.is_empty();
    let rows = builtins
        .into_iter()
        .map(|b| {
            let s = b.summary.clone();
            let name = s.listed_name();
            let lists = s.checklists_label();
            let open = move |_| match if embedded::ready() { b.open() } else { not_ready() } {
                Ok(bundle) => {
                    failure.set(None);
                    nav.go(Screen::Bundle { bundle, checklist: 0 });
                }
                Err(problems) => failure.set(Some((b.summary.id.clone(), problems))),
            };
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td>{s.sources_label()}</td>
                    <td>
                        <time datetime=s.version.clone()>{s.version_label()}</time>
                        "施行"
                    </td>
                    <td>{lists}</td>
                    <td>
                        <button type="button" aria-label=format!("{name}の規則を開く") on:click=open>
                            "開く"
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <h2>{HOME_TITLE}</h2>
        <p class="lead">{HOME_LEAD}</p>
        <Resume />
        <section aria-labelledby="builtin-heading">
            <h3 id="builtin-heading">{BUILTIN_TITLE}</h3>
            {unreadable.map(|problems| view! { <ProblemList title="組込みの規則を読めません".to_string() problems /> })}
            {if empty {
                view! { <p>{NO_BUILTIN}</p> }.into_any()
            } else {
                view! {
                    <table class="bundles">
                        <TableHead columns=&BUILTIN_COLUMNS actions=true />
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }}
            {move || failure.get().map(|(id, problems)| view! {
                <ProblemList title=format!("組込みの規則「{id}」を開けません") problems />
            })}
        </section>
        <Kept />
        <section aria-labelledby="file-heading">
            <h3 id="file-heading">{BUNDLE_FILE_TITLE}</h3>
            <p>{BUNDLE_FILE_TEXT}</p>
            <OpenBundle />
        </section>
        <section aria-labelledby="result-heading">
            <h3 id="result-heading">{RESULT_FILE_TITLE}</h3>
            <p>{RESULT_FILE_TEXT}</p>
            <OpenResult />
        </section>
    }
}
