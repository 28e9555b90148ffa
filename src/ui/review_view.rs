//! 集計 (情報担当課): load the roster and many signed results, see every file's status and the
//! report tables, export them. All the deciding is done by `core::review`.

use std::collections::BTreeMap;

use leptos::prelude::*;

use super::files;
use super::keys;
use super::report_table::ReportTable;
use super::roster_panel::RosterPanel;
use super::storage;
use crate::core::result::MAX_RESULT_BYTES;
use crate::core::review::{Options, Report, aggregate, open_file, review_opened, xlsx};
use crate::core::sign::Opened;
use crate::core::sign::Roster;

/// Files as loaded: name and bytes, or why they could not be read (too large, unreadable).
type Loaded = Vec<(String, Result<Vec<u8>, String>)>;

/// Reads picked or dropped files, skipping none: a file that cannot be read keeps its reason,
/// which review reports as 読めない.
async fn read_all(list: Vec<web_sys::File>) -> Loaded {
    let mut out = Vec::with_capacity(list.len());
    for f in list {
        let bytes = files::read_bytes(&f, MAX_RESULT_BYTES + 64 * 1024)
            .await
            .map_err(|kind| kind.message_ja());
        out.push((f.name(), bytes));
    }
    out
}

/// Opens every loaded file (verifying signatures) for review.
fn open_all(files: &Loaded) -> Vec<(String, Result<Opened, String>)> {
    files
        .iter()
        .map(|(name, bytes)| {
            let opened = match bytes {
                Ok(b) => open_file(b),
                Err(why) => Err(why.clone()),
            };
            (name.clone(), opened)
        })
        .collect()
}

/// A file picker (several files) that also takes files dropped on it.
#[component]
fn FileDrop(
    /// The button's label.
    label: &'static str,
    /// Where the files go (appended).
    target: RwSignal<Loaded>,
    /// A class for tests and styling.
    class: &'static str,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let over = RwSignal::new(false);
    let add = move |list: Vec<web_sys::File>| {
        leptos::task::spawn_local(async move {
            let loaded = read_all(list).await;
            target.update(|t| t.extend(loaded));
        });
    };
    view! {
        <div
            class=format!("drop-zone {class}")
            class:over=move || over.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev: web_sys::DragEvent| {
                ev.prevent_default();
                over.set(false);
                add(files::dropped_files(&ev));
            }
        >
            <button type="button" on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>{label}</button>
            " またはここにファイルをドロップ"
            <input
                type="file"
                multiple
                accept=".json,application/json"
                class=format!("visually-hidden {class}-input")
                tabindex="-1"
                aria-hidden="true"
                node_ref=input
                on:change=move |ev| add(files::picked_files(&ev))
            />
            {move || {
                let n = target.with(|t| t.len());
                (n > 0).then(|| view! {
                    <span>{format!(" {n} ファイル")}</span>
                    <button type="button" class="link" on:click=move |_| target.set(Vec::new())>"外す"</button>
                })
            }}
        </div>
    }
}

/// The review screen.
#[component]
pub fn ReviewView() -> impl IntoView {
    let roster = RwSignal::new(storage::load_roster());
    let results = RwSignal::new(Loaded::new());
    let previous = RwSignal::new(Loaded::new());
    let deadline = RwSignal::new(String::new());

    let report = Memo::new(move |_| {
        let files = results.get();
        if files.is_empty() {
            return None;
        }
        keys::mark("tenken-review-start");
        let r: Roster = roster.get();
        let reviewed = review_opened(open_all(&files), &r, &BTreeMap::new());
        let prev = previous.with(|p| {
            review_opened(open_all(p), &r, &BTreeMap::new())
                .into_iter()
                .filter_map(|x| x.counted().cloned())
                .collect()
        });
        let options = Options {
            today: storage::now().chars().take(10).collect(),
            deadline: Some(deadline.get()).filter(|d| !d.is_empty()),
            previous: prev,
        };
        let report: Report = aggregate(&reviewed, &r, &options);
        let mut by_status: BTreeMap<&'static str, usize> = BTreeMap::new();
        for x in &reviewed {
            *by_status.entry(x.status.label()).or_default() += 1;
        }
        keys::mark("tenken-review-end");
        Some((report, by_status, reviewed.len()))
    });

    view! {
        <h2>"集計（情報担当課）"</h2>
        <p class="lead">"署名付きの結果ファイルをまとめて検証し、提出状況・適合状況・改善計画を集計します。ファイルはこの PC の外に出ません。"</p>
        <RosterPanel roster />
        <section aria-labelledby="results-heading">
            <h3 id="results-heading">"結果ファイル"</h3>
            <FileDrop label="結果ファイルを選ぶ…（複数可）" target=results class="results" />
            <div class="field">
                <label for="review-deadline">"提出期限（後の署名は「期限後」）"</label>
                <input id="review-deadline" type="date" prop:value=move || deadline.get() on:change=move |ev| deadline.set(event_target_value(&ev)) />
            </div>
            <p>"前年度と比べるときは、前年度の結果ファイルも読み込みます。"</p>
            <FileDrop label="前年度の結果ファイルを選ぶ…" target=previous class="previous" />
        </section>
        {move || report.get().map(|(report, by_status, n)| {
            let summary = by_status
                .iter()
                .map(|(k, v)| view! { <li>{format!("{k}：{v} 件")}</li> })
                .collect_view();
            let tables = report.tables.clone();
            let save = move |_| {
                let book = xlsx::workbook(&tables);
                let name = format!("tenken-集計-{}.xlsx", storage::now().chars().take(10).collect::<String>());
                files::download_bytes(&name, &book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            };
            view! {
                <section aria-labelledby="summary-heading" class="review-summary">
                    <h3 id="summary-heading">{format!("{n} ファイルを検証しました")}</h3>
                    <div role="status"><ul>{summary}</ul></div>
                    <p><button type="button" class="primary" on:click=save>"すべての表を Excel（XLSX）で保存"</button>
                        " 表ごとの CSV は各表の下のボタンから保存できます。"</p>
                </section>
                {report.tables.into_iter().map(|table| view! { <ReportTable table /> }).collect_view()}
            }
        })}
    }
}
