//! 署名して提出: unlock the key with its passphrase, sign the complete draft's result and
//! download the one signed file.

use crate::core::message::Message;
use leptos::prelude::*;

use crate::core::date::{iso_jst, today_jst};
use crate::core::draft::SignatureNote;
use crate::core::result::ResultDoc;
use crate::core::sign::{SignedFile, UnlockedKey, fingerprint_of};
use crate::ui::platform::{clock, dom, files};
use crate::ui::state::editor::Editor;
use crate::ui::state::keys::{self, Keys};
use crate::ui::state::nav::{Nav, Screen};

/// Signing a complete draft.
#[component]
pub fn SignPanel() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let keys = expect_context::<Keys>();
    let nav = expect_context::<Nav>();
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let sign = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(key) = keys.key.get_untracked() else {
            return;
        };
        let bundle = editor.bundle();
        busy.set(true);
        error.set(None);
        dom::after_paint(move || {
            dom::mark("tenken-unlock-start");
            let unlocked = UnlockedKey::unlock(&key.secret_key_file, &pass.get_untracked());
            dom::mark("tenken-unlock-end");
            let unlocked = match unlocked {
                Ok(k) => k,
                Err(e) => {
                    busy.set(false);
                    error.set(Some(e.message_ja()));
                    return;
                }
            };
            pass.set(String::new());
            let list = &bundle.checklists[editor.checklist];
            let d = editor.draft.get_untracked();
            let unix = clock::unix_now();
            let now = iso_jst(unix);
            // made and checked (complete, subject included) at the moment of signing
            let result = match ResultDoc::for_signing(&bundle, list, &d, &now) {
                Ok(result) => result,
                Err(why) => {
                    busy.set(false);
                    error.set(Some(why.message_ja()));
                    return;
                }
            };
            let file = result.file_name(true, today_jst(unix));
            let signed = SignedFile::sign(&result, &unlocked, &file, unix);
            dom::mark("tenken-sign-end");
            busy.set(false);
            match signed {
                Ok(s) => {
                    files::download(&file, &s.to_json(), "application/json");
                    editor.mark_signed(SignatureNote {
                        fingerprint: fingerprint_of(&s.public_key).unwrap_or_default(),
                        signature_hash: crate::core::sign::signature_hash(&s.signature),
                        file,
                        signed: now,
                    });
                }
                Err(e) => error.set(Some(e.message_ja())),
            }
        });
    };

    view! {
        <h4>"署名して提出"</h4>
        {move || match keys.key.get() {
            None => view! {
                <p>"署名するには鍵が必要です。"
                    <button type="button" class="link" on:click=move |_| nav.go(Screen::Keys { draft: Some(editor.id.get_value()) })>"署名の鍵を作る・読み込む"</button>
                </p>
            }.into_any(),
            Some(key) => {
                let (owner, fp) = keys::describe(&key);
                let sign = sign;
                view! {
                    <form class="form sign-form" on:submit=sign>
                        <p>{format!("鍵: {} {}（指紋 {fp}）", owner.division, owner.name)}</p>
                        <div class="field">
                            <label for="sign-pass">"鍵のパスフレーズ"</label>
                            <input
                                id="sign-pass"
                                type="password"
                                autocomplete="current-password"
                                prop:value=move || pass.get()
                                on:input=move |ev| pass.set(event_target_value(&ev))
                            />
                        </div>
                        <button type="submit" class="primary" disabled=move || busy.get()>
                            {move || if busy.get() { "署名しています…" } else { "署名して提出ファイルを書き出す" }}
                        </button>
                    </form>
                }.into_any()
            }
        }}
        {move || error.get().map(|e| view! { <p role="alert" class="warning">{e}</p> })}
        {move || editor.draft.get().signature.map(|s| view! {
            <div class="signed" role="status">
                <p>{format!("署名しました: {}", s.file)}</p>
                <p>"鍵の指紋 "<code>{s.fingerprint}</code>"　署名のハッシュ "<code>{s.signature_hash}</code></p>
                <p>"このファイルを情報担当課に提出してください。回答を変えた場合は、もう一度署名してください。"</p>
            </div>
        })}
    }
}
