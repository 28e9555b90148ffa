//! 「規則ファイルを開く」: load a compiled bundle (JSON) from disk and validate it.

use std::sync::Arc;

use leptos::prelude::*;

use super::app::{Nav, Screen};
use super::files;
use super::problem_list::ProblemList;
use crate::core::bundle::MAX_BUNDLE_BYTES;
use crate::core::{Bundle, Problem, Problems};

/// The button that opens a bundle file; shows the validation errors of a bad one.
#[component]
pub fn OpenBundle() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let input = NodeRef::<leptos::html::Input>::new();
    let failure = RwSignal::new(None::<(String, Problems)>);

    let on_change = move |ev: web_sys::Event| {
        let Some(file) = files::picked_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let result = match files::read_bytes(&file, MAX_BUNDLE_BYTES).await {
                Ok(bytes) => Bundle::from_json(&bytes),
                Err(kind) => Err(Problems(vec![Problem::error("", kind)])),
            };
            match result {
                Ok(validated) => {
                    failure.set(None);
                    nav.go(Screen::Bundle {
                        bundle: Arc::new(validated.bundle),
                        checklist: 0,
                    });
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
