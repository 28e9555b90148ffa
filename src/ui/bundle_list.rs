//! The start screen: the built-in bundles and 「規則ファイルを開く」.

use leptos::prelude::*;

use super::app::{Nav, Screen};
use super::builtin::Builtin;
use super::open_bundle::OpenBundle;
use super::problem_list::ProblemList;

/// The table of built-in bundles (自治体, 例規, 版) and the button to open a bundle file.
#[component]
pub fn BundleList(
    /// The bundles embedded in the page.
    builtins: Vec<Builtin>,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let empty = builtins.is_empty();
    let rows = builtins
        .into_iter()
        .map(|b| match b {
            Builtin::Ready(bundle) => {
                let sources = bundle.sources.iter().map(|s| s.title.clone()).collect::<Vec<_>>().join("、");
                let lists = bundle
                    .checklists
                    .iter()
                    .map(|c| format!("{}（{}項目）", c.title, c.item_count()))
                    .collect::<Vec<_>>()
                    .join("、");
                let label = format!("{}の規則を開く", bundle.municipality.name);
                let open = bundle.clone();
                view! {
                    <tr>
                        <th scope="row">{bundle.municipality.name.clone()}</th>
                        <td>{sources}</td>
                        <td>
                            <time datetime=bundle.version.to_string()>{bundle.version.wareki()}</time>
                            "施行"
                        </td>
                        <td>{lists}</td>
                        <td>
                            <button type="button" aria-label=label on:click=move |_| nav.go(Screen::Bundle(open.clone()))>
                                "開く"
                            </button>
                        </td>
                    </tr>
                }
                .into_any()
            }
            Builtin::Invalid { name, problems } => view! {
                <tr>
                    <td colspan="5">
                        <ProblemList title=format!("組込み規則「{name}」を読めません") problems />
                    </td>
                </tr>
            }
            .into_any(),
        })
        .collect_view();

    view! {
        <h2>"規則を選ぶ"</h2>
        <p class="lead">"所属する自治体の規則（例規に基づく点検項目）を選んでください。"</p>
        <section aria-labelledby="builtin-heading">
            <h3 id="builtin-heading">"組込みの規則"</h3>
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
        </section>
        <section aria-labelledby="file-heading">
            <h3 id="file-heading">"規則ファイル"</h3>
            <p>"情報担当課から配布された規則ファイル（.json）を開くこともできます。"</p>
            <OpenBundle />
        </section>
    }
}
