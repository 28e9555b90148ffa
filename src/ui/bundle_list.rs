//! The start screen: the built-in bundles and 「規則ファイルを開く」.

use leptos::prelude::*;

use super::app::{Nav, Screen};
use super::builtin::{self, Builtin};
use super::open_bundle::OpenBundle;
use super::problem_list::ProblemList;
use super::result_view::OpenResult;
use crate::core::Problems;

/// Opening a built-in bundle in the first moments, before the page has inflated them.
fn not_ready() -> Result<std::sync::Arc<crate::core::Bundle>, Problems> {
    let kind = crate::core::ProblemKind::File {
        name: builtin::BUNDLES_ID.into(),
        message: "読み込み中です。少し待ってからもう一度押してください / still loading, try again"
            .into(),
    };
    Err(Problems(vec![crate::core::Problem::error("", kind)]))
}

/// The table of built-in bundles (自治体, 例規, 版) and the button to open a bundle file.
#[component]
pub fn BundleList(
    /// The bundles embedded in the page, or why they cannot be read.
    builtins: Result<Vec<Builtin>, Problems>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let failure = RwSignal::new(None::<(String, Problems)>);
    let (builtins, unreadable) = match builtins {
        Ok(list) => (list, None),
        Err(problems) => (Vec::new(), Some(problems)),
    };
    let empty = builtins.is_empty();
    let rows = builtins
        .into_iter()
        .map(|b| {
            let s = b.summary.clone();
            let name = if s.municipality.is_empty() { s.id.clone() } else { s.municipality.clone() };
            let lists = s
                .checklists
                .iter()
                .map(|c| format!("{}：{}（{}項目）", c.kind, c.title, c.items))
                .collect::<Vec<_>>()
                .join("、");
            let open = move |_| match if builtin::ready() { b.open() } else { not_ready() } {
                Ok(bundle) => {
                    failure.set(None);
                    nav.go(Screen::Bundle { bundle, checklist: 0 });
                }
                Err(problems) => failure.set(Some((b.summary.id.clone(), problems))),
            };
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td>{s.sources.join("、")}</td>
                    <td>
                        <time datetime=s.version.clone()>
                            {s.version_wareki.clone().unwrap_or(s.version.clone())}
                        </time>
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
        <h2>"規則を選ぶ"</h2>
        <p class="lead">"所属する自治体の規則（例規に基づく点検項目）を選んでください。"</p>
        <section aria-labelledby="builtin-heading">
            <h3 id="builtin-heading">"組込みの規則"</h3>
            {unreadable.map(|problems| view! { <ProblemList title="組込みの規則を読めません".to_string() problems /> })}
            {if empty {
                view! { <p>"組込みの規則はありません。規則ファイルを開いてください。"</p> }.into_any()
            } else {
                view! {
                    <table class="bundles">
                        <thead>
                            <tr>
                                <th scope="col">"自治体"</th>
                                <th scope="col">"例規"</th>
                                <th scope="col">"版"</th>
                                <th scope="col">"チェックリスト"</th>
                                <th scope="col"><span class="visually-hidden">"操作"</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }}
            {move || failure.get().map(|(id, problems)| view! {
                <ProblemList title=format!("組込みの規則「{id}」を開けません") problems />
            })}
        </section>
        <section aria-labelledby="file-heading">
            <h3 id="file-heading">"規則ファイル"</h3>
            <p>"情報担当課から配布された規則ファイル（.json）を開くこともできます。"</p>
            <OpenBundle />
        </section>
        <section aria-labelledby="result-heading">
            <h3 id="result-heading">"結果ファイル"</h3>
            <p>"署名付きの結果ファイル（.tenken.json）を開いて、内容と署名を確かめられます。"</p>
            <OpenResult />
        </section>
    }
}
