//! 「結果ファイルを開く」: a result file shown read-only with what its signature says.

use crate::core::message::Message;
use std::sync::Arc;

use leptos::prelude::*;

use crate::page::prerender::RESULT_FILE_PICK;

use crate::core::ProblemKind;

use crate::core::sign::{MAX_SIGNED_BYTES, open_result};
use crate::ui::state::nav::{Nav, OpenedFile, Screen};
use crate::ui::widgets::file_picker::ReadFiles;

/// The button, and why a file could not be opened.
#[component]
pub fn OpenResult() -> impl IntoView {
    let nav = expect_context::<Nav>();
    let error = RwSignal::new(None::<String>);
    let open = move |name: String, bytes: Result<Vec<u8>, ProblemKind>| {
        let opened = match bytes {
            Ok(bytes) => open_result(&bytes).map_err(|p| p.message_ja()),
            Err(kind) => Err(kind.message_ja()),
        };
        match opened {
            Ok(opened) => {
                error.set(None);
                nav.go(Screen::Result(Arc::new(OpenedFile { name, opened })));
            }
            Err(why) => error.set(Some(format!(
                "「{name}」は tenken の結果ファイルとして読めません（{why}）。"
            ))),
        }
    };
    view! {
        <ReadFiles label=RESULT_FILE_PICK accept=".json,application/json" class="open-result-input" max=MAX_SIGNED_BYTES on_read=open />
        {move || error.get().map(|e| view! { <p role="alert" class="warning">{e}</p> })}
    }
}
