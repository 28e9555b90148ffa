//! 「規則ファイルを開く」: load a compiled bundle (JSON) from disk and validate it.

use leptos::prelude::*;

use super::files;
use super::problem_list::ProblemList;
use super::state::bundles::Bundles;
use super::state::nav::{Nav, Screen};
use crate::core::bundle::MAX_BUNDLE_BYTES;
use crate::core::{Problem, Problems};

/// The button that opens a bundle file; shows the validation errors of a bad one.
#[component]
pub fn OpenBundle() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let bundles = expect_context::<Bundles>();
    let input = NodeRef::<leptos::html::Input>::new();
    let failure = RwSignal::new(None::<(String, Problems)>);

    let on_change = move |ev: web_sys::Event| {
        let Some(file) = files::picked_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match files::read_bytes(&file, MAX_BUNDLE_BYTES).await {
                Ok(bytes) => bundles.open_file(&name, &bytes),
                Err(kind) => Err(Problems(vec![Problem::error("", kind)])),
            };
            match result {
                Ok(opened) => {
                    failure.set(None);
                    let mut notes = Vec::new();
                    if let Some(old) = opened.differs_from {
                        notes.push(format!(
                            "この規則ファイルは、以前に開いた同じ規則（{} 版、識別値 {}…、ファイル「{}」）と内容が違います。両方を保存しています。",
                            old.version,
                            old.hash.get(..12).unwrap_or_default(),
                            old.file
                        ));
                    }
                    if let Some(issue) = opened.not_kept {
                        notes.push(format!(
                            "規則をこのブラウザーに保存できませんでした（{}）。下書きを続けるには、この規則ファイルをもう一度開いてください。",
                            issue.message()
                        ));
                    }
                    nav.go(Screen::Bundle {
                        bundle: opened.bundle,
                        checklist: 0,
                    });
                    if !notes.is_empty() {
                        nav.notice.set(Some(notes.join(" ")));
                    }
                }
                Err(problems) => failure.set(Some((name, problems))),
            }
        });
    };

    view! {
        <div class="open-bundle">
            <button type="button" on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>
                "規則ファイルを開く…"
            </button>
            <input
                type="file"
                accept=".json,application/json"
                class="visually-hidden"
                tabindex="-1"
                aria-hidden="true"
                node_ref=input
                on:change=on_change
            />
            {move || {
                failure
                    .get()
                    .map(|(name, problems)| {
                        let hint = name.to_ascii_lowercase().ends_with(".toml").then(|| {
                            "bundle.toml は「tenken bundle build」で JSON にしてから開いてください。 / Compile bundle.toml with `tenken bundle build` first.".to_string()
                        });
                        view! { <ProblemList title=format!("「{name}」を開けません") problems hint /> }
                    })
            }}
        </div>
    }
}
