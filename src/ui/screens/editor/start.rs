//! The editor's first screen: bundles in progress in this browser, a new one from a 例規's
//! text (pasted, or a .txt / .html file), or an existing bundle file to edit.

use leptos::prelude::*;

use crate::core::authoring::{
    ImportError, ImportedReiki, StartProblem, TreeRow, import_reiki, start_bundle, tree_rows,
    version_shown,
};
use crate::core::date::show_time;
use crate::core::picked::MAX_BUNDLE_FILE_BYTES;
use crate::core::problem_words::sentences_ja;
use crate::core::reiki::NodeKind;
use crate::core::{Message, ProblemKind};
use crate::ui::platform::files::decode_text;
use crate::ui::platform::storage;
use crate::ui::state::authoring::Authoring;
use crate::ui::state::nav::{Nav, Screen};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::file_picker::{ReadFiles, ReadTogether};

/// What the importer made of a text, for the preview before the bundle is made.
#[derive(Debug, Clone, PartialEq)]
struct Preview {
    title: Option<String>,
    /// The 施行日 the text gives, as shown (和暦), with its ISO form and line.
    enforced: Option<(String, String, usize)>,
    /// The date under the title, as shown, and its line.
    made: Option<(String, usize)>,
    /// The line of a later 附則 whose 施行日 the text does not give as a day.
    later_unknown: Option<usize>,
    marked: bool,
    articles: usize,
    paragraphs: usize,
    items: usize,
    rows: Vec<TreeRow>,
    /// Line, text, why.
    unplaced: Vec<(usize, String, String, bool)>,
}

impl Preview {
    fn of(r: &Result<ImportedReiki, ImportError>) -> Result<Preview, String> {
        let r = r.as_ref().map_err(|e| e.message_ja())?;
        let count = |k| r.outline.nodes().iter().filter(|n| n.kind == k).count();
        Ok(Preview {
            title: r.title.clone(),
            enforced: r
                .header
                .enforced
                .map(|(d, line)| (version_shown(d), d.to_string(), line)),
            made: r.header.made.map(|(d, line)| (d.wareki(), line)),
            later_unknown: r.header.later_unknown,
            marked: r.marked,
            articles: count(NodeKind::Article),
            paragraphs: count(NodeKind::Paragraph),
            items: count(NodeKind::Item),
            rows: tree_rows(&r.outline, NodeKind::Article),
            unplaced: r
                .outline
                .unplaced()
                .iter()
                .map(|u| {
                    (
                        u.line,
                        u.text.clone(),
                        u.kind.message_ja(),
                        u.kind.is_placed(),
                    )
                })
                .collect(),
        })
    }
}

/// What the importer found: the tree of 章・条, and every line it could not place.
#[component]
fn ImportPreview(
    /// The import's outcome.
    preview: Result<Preview, String>,
) -> impl IntoView {
    match preview {
        Err(why) => view! { <p class="warning import-refused" role="alert">{why}</p> }.into_any(),
        Ok(p) => view! {
            <div class="import-preview" role="status">
                <p>
                    {format!("条 {}・項 {}・号 {} を見つけました", p.articles, p.paragraphs, p.items)}
                    {p.marked.then_some("（ページの条・項・号の印を使いました）")}
                    {p.title.map(|t| format!("。例規の名称：{t}"))}
                </p>
                <p class="import-dates">{match (&p.enforced, &p.made) {
                    (Some((shown, iso, line)), _) => format!("施行日：{shown}（{iso}、{line}行目から読みました）"),
                    (None, Some((made, line))) => format!("施行日は本文から読めませんでした（{line}行目の制定日は{made}）。附則で確かめて入れてください"),
                    (None, None) => "施行日は本文から読めませんでした。例規集で確かめて入れてください".to_string(),
                }}</p>
                {p.later_unknown.map(|line| view! {
                    <p class="warning">{format!("{line}行目の附則の施行日は本文に日付で書かれていません。施行日がそれより後でないか確かめてください")}</p>
                })}
                {(!p.unplaced.is_empty()).then(|| view! {
                    <div class="unplaced">
                        <p class="warning">{format!("確かめてほしい行が {} 行あります（本文は取り込まれます。条・項・号の位置に置けない行は引用できません）。", p.unplaced.len())}</p>
                        <ul>
                            {p.unplaced.into_iter().map(|(line, text, why, placed)| view! {
                                <li class:placed=placed>{format!("{line}行目「{text}」：{why}")}</li>
                            }).collect_view()}
                        </ul>
                    </div>
                })}
                <details class="outline-tree">
                    <summary>"見つけた章・条の一覧"</summary>
                    <ul class="plain">
                        {p.rows.into_iter().map(|r| view! {
                            <li class=format!("depth-{}", r.depth.min(6))>{format!("{}（{}行目）", r.label, r.line)}</li>
                        }).collect_view()}
                    </ul>
                </details>
            </div>
        }.into_any(),
    }
}

/// The largest 例規 text or page read (a long 例規 is a few hundred KB).
const MAX_REIKI_BYTES: usize = 10 * 1024 * 1024;

/// Bundles in progress, and the ways to start one.
#[component]
pub fn Start() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let nav = expect_context::<Nav>();
    let list = RwSignal::new(storage::authoring_list());
    let text = RwSignal::new(String::new());
    let municipality = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let version = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    // what the fields are missing, each shown under its field
    let problems = RwSignal::new(Vec::<StartProblem>::new());
    let note = move |field: &'static str| {
        Signal::derive(move || {
            problems.with(|p| {
                p.iter()
                    .find(|x| x.field() == field)
                    .map(|x| x.message_ja())
            })
        })
    };
    let clear = move |field: &'static str| problems.update(|p| p.retain(|x| x.field() != field));
    // what the fields were last filled with from the text (replaced by a new text's until typed over)
    let auto_title = RwSignal::new(String::new());
    let auto_version = RwSignal::new(String::new());
    let bundle_message = RwSignal::new(None::<String>);
    // the text as read (a file's name tells an HTML page), and what the importer made of it
    let source_name = RwSignal::new(String::new());
    let imported = Memo::new(move |_| {
        let t = text.get();
        (!t.trim().is_empty()).then(|| Preview::of(&import_reiki(&source_name.get(), &t)))
    });
    // the name and 施行日 the text gives, pasted or opened, fill empty fields (and fields that still
    // hold what an earlier text gave)
    Effect::new(move |_| {
        let Some(Ok(p)) = imported.get() else { return };
        let fill = |field: RwSignal<String>, auto: RwSignal<String>, value: String| {
            let now = field.get_untracked();
            if now.trim().is_empty() || now == auto.get_untracked() {
                field.set(value.clone());
                auto.set(value);
            }
        };
        fill(title, auto_title, p.title.clone().unwrap_or_default());
        fill(
            version,
            auto_version,
            p.enforced.map(|(shown, _, _)| shown).unwrap_or_default(),
        );
    });
    let on_file = move |name: String, bytes: Result<Vec<u8>, ProblemKind>| {
        let bytes = match bytes {
            Ok(b) => b,
            Err(k) => return message.set(Some(format!("「{name}」: {}", k.message_ja()))),
        };
        match decode_text(&bytes) {
            Some((t, enc)) => {
                source_name.set(name.clone());
                text.set(t);
                message.set(Some(format!("「{name}」を {} として読み込みました。", enc.name())));
            }
            None => message.set(Some(format!(
                "「{name}」の文字コードを判別できません（UTF-8 でも Shift_JIS でもありません）。UTF-8 で保存し直してください。"
            ))),
        }
    };
    let create = move |_| {
        let reiki = match import_reiki(&source_name.get_untracked(), &text.get_untracked()) {
            Ok(r) => r,
            Err(e) => return message.set(Some(e.message_ja())),
        };
        match start_bundle(
            &reiki,
            &municipality.get_untracked(),
            &title.get_untracked(),
            &version.get_untracked(),
        ) {
            Ok(raw) => {
                problems.set(Vec::new());
                a.open(raw, None);
            }
            Err(p) => {
                message.set(Some(format!(
                    "まだ規則を作れません：{}。",
                    p.iter()
                        .map(|x| x.message_ja())
                        .collect::<Vec<_>>()
                        .join("。")
                )));
                problems.set(p);
            }
        }
    };
    let open_bundle = move |files: Vec<(String, Result<Vec<u8>, ProblemKind>)>| {
        // a bundle with problems opens too: fixing them is what the editor is for
        match crate::core::picked::read_picked(&files) {
            Ok(p) => a.open(p.parsed.raw, None),
            Err(why) => {
                bundle_message.set(Some(format!("開けません：{}。", sentences_ja(None, &why))))
            }
        }
    };
    view! {
        <p class="guide-link">
            <button type="button" class="link" on:click=move |_| nav.go(Screen::Guide)>"はじめての方へ：鍵から集計までの手順と、いまの状況"</button>
        </p>
        // the bundles in progress, when there are any (a first visit starts with the import)
        {move || {
            let l = list.get();
            (!l.is_empty()).then(|| view! {
                <section aria-labelledby="authoring-list-heading">
                    <h3 id="authoring-list-heading">"作成中の規則"</h3>
                        <ul class="authoring-list">
                            {l.into_iter().map(|e| {
                                let (p1, p2) = (e.project.clone(), e.project.clone());
                                view! {
                                    <li>
                                        {format!("{} {}（{}、{} 項目、{}）", e.municipality, e.title, e.id, e.items, show_time(&e.updated))}
                                        " "
                                        <button type="button" on:click=move |_| {
                                            a.open_stored(&p1);
                                        }>"開く"</button>
                                        " "
                                        <button type="button" class="danger" on:click=move |_| {
                                            let ok = window().confirm_with_message("この作成中の規則を削除します。よろしいですか。").unwrap_or(false);
                                            if ok { storage::remove_authoring(&p2).ok(); list.set(storage::authoring_list()); }
                                        }>"削除"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                </section>
            })
        }}
        <section aria-labelledby="import-heading" class="import">
            <h3 id="import-heading">"例規から新しく作る"</h3>
            <p>"例規集のページから本文をコピーして貼り付けるか、保存したテキスト（UTF-8 か Shift_JIS）・HTML を開きます。"</p>
            <div class="import-grid">
                <div class="import-text">
                    <ReadFiles label="例規のファイルを開く…（.txt / .html）" accept=".txt,.html,.htm,text/plain,text/html" class="reiki-file" max=MAX_REIKI_BYTES on_read=on_file />
                    <div class="field">
                        <label for="reiki-paste">"例規の本文"</label>
                        <textarea id="reiki-paste" class="reiki-paste" rows="16" prop:value=move || text.get() on:input=move |ev| {
                            source_name.set(String::new());
                            text.set(event_target_value(&ev));
                        }></textarea>
                    </div>
                </div>
                <div class="import-side">
                    <Field id="import-municipality" label="自治体" value=municipality note=note("municipality") on_input=move |v| { clear("municipality"); municipality.set(v) } />
                    <Field id="import-title" label="例規の名称" value=title note=note("title") on_input=move |v| { clear("title"); title.set(v) } />
                    <Field id="import-version" label="施行日（令和8年4月1日 または 2026-04-01）" value=version note=note("version") hint=Some("本文の最新の改正の施行日です。本文から読めたときは入っています。") on_input=move |v| { clear("version"); version.set(v) } />
                    <button type="button" class="primary create-bundle" on:click=create>"この例規で規則を作る"</button>
                    {move || message.get().map(|m| view! { <p role="status" class="message">{m}</p> })}
                    {move || imported.get().map(|p| view! { <ImportPreview preview=p /> })}
                </div>
            </div>
        </section>
        <section aria-labelledby="edit-file-heading">
            <h3 id="edit-file-heading">"規則ファイルを編集する"</h3>
            <p>"書き出した規則ファイル（JSON）か、bundle.toml と本文のファイル（source.txt など）を一緒に選びます。"</p>
            <ReadTogether label="規則ファイルを開く…" accept=".json,.toml,.txt,application/json,text/plain" class="edit-bundle-file" max=MAX_BUNDLE_FILE_BYTES on_read=open_bundle />
            {move || bundle_message.get().map(|m| view! { <p role="alert" class="message">{m}</p> })}
        </section>
    }
}
