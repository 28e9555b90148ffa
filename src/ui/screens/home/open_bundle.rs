//! 「規則ファイルを開く」: load a compiled bundle (JSON) from disk and validate it.

use crate::core::Message;
use leptos::prelude::*;

use crate::page::prerender::{
    BUNDLE_FILE_ACCEPT, BUNDLE_FILE_HINT, BUNDLE_FILE_HINT_KACHO, BUNDLE_FILE_PICK,
};
use crate::ui::state::bundles::toml_reader;

use crate::core::ProblemKind;

use crate::core::Problems;
use crate::core::bundle::MAX_BUNDLE_BYTES;
use crate::ui::state::bundles::Bundles;
use crate::ui::state::nav::{Nav, Screen};
use crate::ui::widgets::file_picker::ReadTogether;
use crate::ui::widgets::problem_list::ProblemList;

/// The button that opens a bundle file; shows the validation errors of a bad one.
#[component]
pub fn OpenBundle() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let bundles = expect_context::<Bundles>();
    let failure = RwSignal::new(None::<(String, Problems)>);

    let on_files = move |files: Vec<(String, Result<Vec<u8>, ProblemKind>)>| {
        let name = files
            .iter()
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let result = bundles.open_picked(&files);
        match result {
            Ok(opened) => {
                failure.set(None);
                let mut notes = Vec::new();
                if let Some(old) = opened.differs_from {
                    notes.push(format!(
                        "この規則ファイルは、以前に開いた同じ規則（{} 版、指紋 {}、ファイル「{}」）と内容が違います。両方を保存しています。",
                        old.version,
                        crate::core::bundle::hash_fingerprint(&old.hash),
                        old.file
                    ));
                }
                if let Some(issue) = opened.not_kept {
                    notes.push(format!(
                        "規則をこのブラウザーに保存できませんでした（{}）。下書きを続けるには、この規則ファイルをもう一度開いてください。",
                        issue.message_ja()
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
    };

    // 情報担当課's file also opens an authored bundle.toml with its source texts
    let (accept, hint) = match toml_reader() {
        Some(_) => (BUNDLE_FILE_ACCEPT[0], BUNDLE_FILE_HINT),
        None => (BUNDLE_FILE_ACCEPT[1], BUNDLE_FILE_HINT_KACHO),
    };
    view! {
        <div class="open-bundle">
            <ReadTogether label=BUNDLE_FILE_PICK accept class="open-bundle-input" max=MAX_BUNDLE_BYTES on_read=on_files />
            <p class="hint">{hint}</p>
            {move || {
                failure
                    .get()
                    .map(|(name, problems)| {
                        let hint = name.to_ascii_lowercase().contains(".toml").then(|| {
                            "bundle.toml は、それが [[sources]] で名指す本文のファイルと一緒に選んで開きます。 / Pick bundle.toml together with the source files it names.".to_string()
                        });
                        view! { <ProblemList title=format!("「{name}」を開けません") problems hint /> }
                    })
            }}
        </div>
    }
}
