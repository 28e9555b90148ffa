//! 集計 (情報担当課): open the roster and many signed results, choose the official bundles,
//! see every file's status and the report tables, export them. All the deciding is done by
//! `core::review`: a file counts only when a key registered for its own 課, valid on its
//! signing date, signed it.
//!
//! Three memos, so that each input redoes only what depends on it: the files' signatures
//! are checked when files are added; their statuses when the roster or the official bundles
//! (this year's or last year's) change; the tables when the deadline changes.

mod chart_figure;
mod headline;
mod opening;
mod roster;

use leptos::prelude::*;

use crate::ui::platform::dom;

use std::sync::Arc;

use crate::core::Bundle;
use crate::core::bundle::MAX_BUNDLE_BYTES;
use crate::core::date::{Date, today_jst};
use crate::core::problem::{Problem, Problems};
use crate::core::review::{self, Inputs, Report, official, xlsx};
use crate::core::sign::SignedBundle;
use crate::ui::platform::embedded::Builtin;
use crate::ui::platform::{clock, files, storage};
use crate::ui::state::keys::Keys;
use crate::ui::state::review::{Official, ReviewState};
use crate::ui::widgets::file_picker::{FileDrop, FilePicker};
use crate::ui::widgets::report_table::ReportTable;
use chart_figure::ChartFigure;
use headline::HeadlineStrip;
use opening::{OpeningProgress, add_files, clear_files};
use roster::RosterPanel;

/// 公式の規則 (this year's, or last year's for last year's files): the bundles results must
/// answer, built in or opened from a file, kept whole (answers are evaluated against them).
#[component]
fn OfficialBundles(
    /// The list it edits.
    target: RwSignal<Vec<Official>>,
    /// Its heading.
    heading: &'static str,
    /// What the choice does, in a sentence or two.
    hint: &'static str,
    /// The label of the button that takes the built-in samples.
    builtin_label: &'static str,
    /// Whether to offer 「この町の規則を公式とする」 (the bundles this file publishes).
    #[prop(optional)]
    town: bool,
    /// A prefix for its element ids and classes (tests find them by it).
    prefix: &'static str,
) -> impl IntoView {
    let builtins = expect_context::<StoredValue<Result<Vec<Builtin>, Problems>>>();
    let problems = RwSignal::new(Vec::<String>::new());
    let add = move |bundle: Arc<Bundle>, label: String| {
        target.update(|o| {
            if !o.iter().any(|x| x.bundle.hash == bundle.hash) {
                o.push(Official { bundle, label });
            }
        });
    };
    let use_builtins = move |_| {
        let mut bad = Vec::new();
        // the samples (a published file's own bundles are the town's, below)
        for b in builtins
            .get_value()
            .unwrap_or_default()
            .into_iter()
            .filter(Builtin::is_sample)
        {
            match b.open() {
                Ok(bundle) => {
                    let label = format!("{}（組込み）", bundle.title);
                    add(bundle, label)
                }
                Err(p) => bad.push(format!("{}: {p}", b.summary.title)),
            }
        }
        problems.set(bad);
    };
    // the town's bundles: those this file embeds as the municipality's, and those 公開 last
    // signed from this browser's 規則エディタ projects (what the published file carries)
    let embedded_town = move || {
        builtins
            .get_value()
            .unwrap_or_default()
            .into_iter()
            .filter(|b| !b.is_sample())
            .collect::<Vec<Builtin>>()
    };
    let has_town = town && (!embedded_town().is_empty() || !kept_published().is_empty());
    // the kept bundles are storage, which another local page can write (a key and a bundle
    // signed with it, both): they are checked only with the key derived from the secret key,
    // unlocked with its passphrase in this session — never with the stored public half
    let keys = expect_context::<Keys>();
    let asking = RwSignal::new(false);
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let pass_error = RwSignal::new(None::<String>);
    let pin_town = move |derived: Option<String>| {
        let mut bad = Vec::new();
        for b in embedded_town() {
            match b.open() {
                Ok(bundle) => {
                    let label = format!("{}（この町の規則）", bundle.title);
                    add(bundle, label)
                }
                Err(p) => bad.push(format!("{}: {p}", b.summary.title)),
            }
        }
        let kept = kept_published();
        if let Some(public_key) = derived.filter(|_| !kept.is_empty()) {
            let (bundles, refused) = official::published(&kept, &public_key);
            for bundle in bundles {
                let label = format!("{}（この町が公開した規則）", bundle.title);
                add(Arc::new(bundle), label);
            }
            bad.extend(refused);
        }
        problems.set(bad);
    };
    let use_town = move |_| {
        problems.set(Vec::new());
        let kept = !kept_published().is_empty();
        match keys.checking_key() {
            // derived from the secret key in this session
            Some((derived, true)) => pin_town(Some(derived)),
            // stored only: the embedded bundles now, the kept ones once the passphrase is given
            Some((_, false)) if kept => {
                pin_town(None);
                asking.set(true);
            }
            _ => {
                pin_town(None);
                if kept {
                    problems.update(|p| p.push(official::NO_OFFICE_KEY.into()));
                }
            }
        }
    };
    let unlock = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        pass_error.set(None);
        // scrypt takes a moment: after the repaint that shows 「確かめています」
        dom::after_paint(move || {
            let Some(unlocked) = keys.unlock_in_form(&pass.get_untracked(), busy, pass_error)
            else {
                if keys.refused.with_untracked(Option::is_some) {
                    asking.set(false);
                    problems.set(vec![official::NO_OFFICE_KEY.into()]);
                }
                return;
            };
            pass.set(String::new());
            busy.set(false);
            asking.set(false);
            pin_town(Some(unlocked.public_key()));
        });
    };
    let on_files = move |list: Vec<web_sys::File>| {
        leptos::task::spawn_local(async move {
            let mut bad = Vec::new();
            for f in list {
                let name = f.name();
                let opened = match files::read_bytes(&f, MAX_BUNDLE_BYTES).await {
                    Ok(bytes) => crate::core::picked::parse_json_signed(&bytes)
                        .and_then(|(parsed, _)| parsed.validate()),
                    Err(kind) => Err(Problems(vec![Problem::error("", kind)])),
                };
                match opened {
                    Ok(v) => {
                        let label = format!("{}（{name}）", v.bundle.title);
                        add(Arc::new(v.bundle), label)
                    }
                    Err(p) => bad.extend(p.0.iter().map(|p| format!("「{name}」: {p}"))),
                }
            }
            problems.set(bad);
        });
    };
    let heading_id = format!("{prefix}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h3 id=heading_id>{heading}</h3>
            <p class="hint">{hint}</p>
            <div class="toolbar">
                {has_town.then(|| view! {
                    <button type="button" class="primary town-official" on:click=use_town>{official::TOWN_LABEL}</button>
                })}
                <button type="button" on:click=use_builtins>{builtin_label}</button>
                <FilePicker label="規則ファイルを開く…" accept=".json,application/json" multiple=true class=format!("{prefix}-input") on_files />
            </div>
            {move || asking.get().then(|| view! {
                <form class="town-unlock" on:submit=unlock>
                    <p>"この PC で公開した規則は、情報担当課の鍵で署名を確かめてから公式にします。"</p>
                    <div class="field">
                        <label for=format!("{prefix}-town-pass")>"情報担当課の鍵のパスフレーズ"</label>
                        <input id=format!("{prefix}-town-pass") class="town-pass" type="password" autocomplete="current-password"
                            prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                    </div>
                    {move || pass_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                    <button type="submit" class="primary" disabled=move || busy.get()>
                        {move || if busy.get() { "確かめています…" } else { "確かめて公式とする" }}
                    </button>
                    " "
                    <button type="button" on:click=move |_| asking.set(false)>"やめる"</button>
                </form>
            })}
            {move || (!problems.get().is_empty()).then(|| view! {
                <div class="problems" role="alert">
                    <ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            {move || {
                let list = target.get();
                if list.is_empty() {
                    view! { <p class=format!("{prefix}-none")>"公式の規則は選ばれていません。"</p> }.into_any()
                } else {
                    view! {
                        <ul class=format!("{prefix}-list")>
                            {list.into_iter().map(|o| {
                                let hash = o.bundle.hash.clone();
                                view! {
                                    <li>
                                        {format!("{} {} 版 ", o.label, o.bundle.version)}
                                        <code>{o.bundle.hash.get(..12).unwrap_or_default().to_string()}</code>
                                        " "
                                        <button type="button" class="link" on:click=move |_| target.update(|x| x.retain(|b| b.bundle.hash != hash))>"外す"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The bundle 公開 last signed from each 規則エディタ project kept in this browser (checked
/// before use: see [`official::published`]).
fn kept_published() -> Vec<SignedBundle> {
    storage::authoring_list()
        .into_iter()
        .filter_map(|entry| storage::load_authoring(&entry.project)?.published)
        .collect()
}

/// The review screen.
#[component]
pub fn ReviewView() -> impl IntoView {
    let state = expect_context::<ReviewState>();

    // signatures: checked as files are added, a step at a time (opening.rs); the report waits
    // for all of them
    let opened = state.results_opened.opened;
    let opened_previous = state.previous_opened.opened;
    // statuses and tables: against the roster, the official bundles, today and the deadline
    // (last year's files against last year's bundles), by the pipeline the CLI runs
    let report = Memo::new(move |_| {
        let files = opened.get();
        if files.is_empty() {
            return None;
        }
        let official: Vec<Arc<Bundle>> = state
            .official
            .with(|o| o.iter().map(|o| o.bundle.clone()).collect());
        let previous_official: Vec<Arc<Bundle>> = state
            .previous_official
            .with(|o| o.iter().map(|o| o.bundle.clone()).collect());
        let official: Vec<&Bundle> = official.iter().map(|b| &**b).collect();
        let previous_official: Vec<&Bundle> = previous_official.iter().map(|b| &**b).collect();
        dom::mark("tenken-review-reviewed");
        let run = state.roster.with(|roster| {
            review::run(
                files,
                opened_previous.get(),
                &Inputs {
                    roster,
                    official: &official,
                    previous_official: &previous_official,
                    today: today_jst(clock::unix_now()),
                    deadline: Date::parse_iso(&state.deadline.get()),
                },
            )
        });
        dom::mark("tenken-review-end");
        Some(run.report)
    });

    // 登録簿 and 公式の規則 are folded to a line each, open when there is nothing in them yet
    let roster_open = state.roster.with_untracked(|r| r.keys.is_empty());
    let official_open = state.official.with_untracked(Vec::is_empty);
    let previous_open = state.previous.with_untracked(|p| !p.is_empty());
    let roster_line = move || {
        let line = state
            .roster
            .with(|r| r.line_ja(today_jst(clock::unix_now())));
        match (state.unsaved.get(), state.roster_name.get()) {
            (true, _) => format!("{line}（保存していない変更あり）"),
            (false, Some(name)) => format!("{line}（{name}）"),
            (false, None) => line,
        }
    };
    let official_line = move || {
        state.official.with(|o| {
            let titles: Vec<&str> = o.iter().map(|x| x.bundle.title.as_str()).collect();
            official::line_ja(&titles)
        })
    };
    let previous_line = move || {
        let files = state.previous.with(Vec::len);
        let pinned = state.previous_official.with(Vec::len);
        if files == 0 {
            "前年度と比べる（前年度の結果ファイルを読み込む）".to_string()
        } else {
            format!("前年度と比べる: 前年度の結果 {files} ファイル・前年度の公式の規則 {pinned} 件")
        }
    };
    let print = move |_| dom::print();

    view! {
        <div class="review-screen">
        <h2>"集計（情報担当課）"</h2>
        <p class="lead">"署名付きの結果ファイルをまとめて検証し、提出状況・適合状況・改善計画を集計します。ファイルはこの PC の外に出ません。"</p>
        // the report opens the screen: its headline first, above what it was made from
        <div class="review-print review-top">
            <p class="print-only">{move || format!("集計日 {}", today_jst(clock::unix_now()).wareki())}</p>
            {move || report.with(|r| r.as_ref().map(|r| r.headline.clone())).map(|headline| view! { <HeadlineStrip headline /> })}
        </div>
        <details class="fold roster-fold" open=roster_open>
            <summary>{roster_line}</summary>
            <RosterPanel />
        </details>
        <details class="fold official-fold" open=official_open>
            <summary>{official_line}</summary>
            <OfficialBundles target=state.official heading="公式の規則" prefix="official" town=true
                hint="結果が答えた規則の内容（ハッシュ）を、ここで選んだ規則と照合し、回答をその規則で集計し直します。選ばないと内容は確認されず、結果が名乗るとおりに集計します。改正の移行期間中は新旧の両方を選べます。"
                builtin_label="この tenken に組み込まれた規則を公式とする" />
        </details>
        <section aria-labelledby="results-heading" class="review-inputs">
            <h3 id="results-heading">"結果ファイル"</h3>
            <FileDrop label="結果ファイルを選ぶ…（複数可）" class="results"
                count=Signal::derive(move || state.results.with(Vec::len))
                on_files=move |list| add_files(state.results, state.results_opened, list)
                on_clear=move || clear_files(state.results, state.results_opened) />
            <OpeningProgress opening=state.results_opened />
            <div class="field">
                <label for="review-deadline">"提出期限（後の署名は「期限後」）"</label>
                <input id="review-deadline" type="date" prop:value=move || state.deadline.get() on:change=move |ev| state.deadline.set(event_target_value(&ev)) />
            </div>
        </section>
        <details class="fold previous-fold" open=previous_open>
            <summary>{previous_line}</summary>
            <p>"前年度と比べるときは、前年度の結果ファイルも読み込みます（年度別の推移にも加わります）。"</p>
            <FileDrop label="前年度の結果ファイルを選ぶ…" class="previous"
                count=Signal::derive(move || state.previous.with(Vec::len))
                on_files=move |list| add_files(state.previous, state.previous_opened, list)
                on_clear=move || clear_files(state.previous, state.previous_opened) />
            <OpeningProgress opening=state.previous_opened />
            <OfficialBundles target=state.previous_official heading="前年度の公式の規則" prefix="previous-official"
                hint="前年度の結果ファイルは、前年度の規則で照合します（例規改正の後も比べられます）。選ばないと前年度の内容は確認されません。"
                builtin_label="組み込まれた規則を前年度の公式とする" />
        </details>
        {move || report.get().map(|report| {
            let summary = report
                .statuses
                .iter()
                .map(|(kind, n)| view! { <li>{format!("{}：{n} 件", kind.label())}</li> })
                .collect_view();
            let groups = report
                .groups
                .iter()
                .map(|g| view! { <li>{g.label()}</li> })
                .collect_view();
            let tables = report.tables.clone();
            let save = move |_| {
                let book = xlsx::workbook(&tables);
                let name = Report::file_name(today_jst(clock::unix_now()));
                files::download_bytes(&name, &book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            };
            let not_counted = report.not_counted();
            view! {
                <div class="review-print">
                    <section aria-labelledby="summary-heading" class="review-summary">
                        <h3 id="summary-heading">{format!("{} ファイルを検証しました（集計に使用 {}、使用しない {}）", report.files, report.counted, not_counted)}</h3>
                        <div role="status"><ul>{summary}</ul></div>
                        {(not_counted > 0).then(|| view! {
                            <p class="warning">"集計に使わなかったファイルは「ファイル」の表に理由とともに載っています。署名不正のファイルの課・氏名は、ファイルが名乗っているだけの未検証の値です。"</p>
                        })}
                        {(!report.content_checked).then(|| view! {
                            <div class="warning content-unchecked">
                                <p>"公式の規則が選ばれていないため、結果が答えた規則の内容は確認していません。結果は名乗る規則（ハッシュ）ごとに、名乗るとおりに集計しています。結果が名乗る規則:"</p>
                                <ul class="bundle-groups">{groups}</ul>
                            </div>
                        })}
                        {report.previous.map(|(files, counted)| view! {
                            <p class="previous-summary">{format!("前年度: {files} ファイル（比較に使用 {counted}）")}
                                {(!report.previous_content_checked).then_some("。前年度の公式の規則が選ばれていないため、前年度の内容は確認していません。")}</p>
                        })}
                        <p class="no-print"><button type="button" class="primary" on:click=save>"すべての表を Excel（XLSX）で保存"</button>
                            " "
                            <button type="button" class="print-summary" on:click=print>"要約を印刷（A4）"</button>
                            " 表ごとの CSV は各表の下のボタンから保存できます。"</p>
                    </section>
                    <section class="charts" aria-label="グラフ">
                        {report.charts.into_iter().map(|chart| view! { <ChartFigure chart /> }).collect_view()}
                    </section>
                </div>
                {report.tables.into_iter().map(|table| view! { <ReportTable table /> }).collect_view()}
            }
        })}
        </div>
    }
}
