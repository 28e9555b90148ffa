//! 書き出し: the bundle as a compiled JSON file (what the app and the CLI open), and kept in
//! this browser so that the walk-through can use it at once.

use leptos::prelude::*;

use crate::core::Message;
use crate::core::problem_words::sentences_ja;
use crate::ui::platform::files;
use crate::ui::state::authoring::Authoring;
use crate::ui::state::bundles::Bundles;

/// The export buttons.
#[component]
pub fn Export() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let bundles = expect_context::<Bundles>();
    let message = RwSignal::new(None::<String>);
    let name = move || {
        a.raw.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| r.id.clone())
                .unwrap_or_else(|| "reiki".into())
        })
    };
    let json = move || {
        a.raw
            .with_untracked(|r| r.as_ref().and_then(|r| r.to_canonical_json().ok()))
    };
    let save_json = move |_| {
        if let Some(bytes) = json() {
            files::download_bytes(&format!("{}.json", name()), &bytes, "application/json");
        }
    };
    let use_here = move |_| {
        let Some(bytes) = json() else { return };
        match bundles.open_file(&format!("{}.json", name()), &bytes) {
            Ok(_) => message.set(Some("この規則をこのブラウザーに保存しました。最初の画面の「このブラウザーに保存した規則」から使えます。".into())),
            Err(p) => message.set(Some(format!(
                "誤りがあるため使えません：{}。",
                a.raw.with_untracked(|r| sentences_ja(r.as_ref(), &p))
            ))),
        }
    };
    // bundle.toml and its source texts, one button each (a page may not start several
    // downloads at once)
    let toml_files = move || {
        a.raw
            .with(|r| r.as_ref().map(crate::core::bundle::to_files))
    };
    let valid = move || a.checked.with(|c| matches!(c, Some(Ok(_))));
    view! {
        <div class="export">
            {move || (!valid()).then(|| view! {
                <p class="warning" role="status">"まだ誤りがあります。書き出したファイルは、直すまで tenken で開けません（作業の途中として保存はできます）。"</p>
            })}
            <p class="toolbar">
                <button type="button" class="primary export-json" on:click=save_json>"規則ファイル（JSON）を保存"</button>
                <button type="button" class="use-here" on:click=use_here disabled=move || !valid()>"このブラウザーで使う"</button>
            </p>
            {move || match toml_files() {
                Some(Ok(f)) => {
                    let toml = f.toml.clone();
                    view! {
                        <p class="toolbar">
                            <button type="button" class="export-toml" on:click=move |_| files::download("bundle.toml", &toml, "text/plain")>"bundle.toml を保存"</button>
                            {f.sources.into_iter().map(|(name, text)| {
                                let n = name.clone();
                                view! { <button type="button" class="export-source" on:click=move |_| files::download(&n, &text, "text/plain")>{format!("{name} を保存")}</button> }
                            }).collect_view()}
                        </p>
                    }.into_any()
                }
                Some(Err(e)) => view! { <p class="warning">{format!("bundle.toml に書き出せません: {}", e.message_ja())}</p> }.into_any(),
                None => ().into_any(),
            }}
            <p class="hint">"bundle.toml と本文のファイルは同じフォルダに置きます。tenken コマンドの「tenken bundle build」で同じ規則（同じ識別値）になり、この画面の「規則ファイルを開く」で二つを一緒に選ぶと、続きを編集できます。"</p>
            <p class="hint">"JSON は tenken の課長画面と tenken コマンドがそのまま開けます（正規化された形で、その SHA-256 が規則の識別値です）。"</p>
            {move || message.get().map(|m| view! { <p role="status">{m}</p> })}
        </div>
    }
}
