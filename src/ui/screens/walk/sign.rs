//! 署名して提出: unlock the key with its passphrase, sign the complete draft's result and
//! download the one signed file.
//!
//! Nothing is signed unseen: the last signed file is kept with the draft, and before a new
//! signature it is checked with the key derived from the unlocked secret key and compared
//! with the result about to be signed; what changed (or why the last one cannot be checked)
//! is shown, and the 課長 confirms before anything is signed. 「署名しました」 is shown only
//! while the kept signed file verifies with this browser's key and is the draft's result
//! ([`crate::core::last_signed`]).

use crate::core::message::Message;
use leptos::prelude::*;

use crate::core::date::{iso_jst, show_time, today_jst};
use crate::core::draft::{Draft, SignatureNote};
use crate::core::last_signed::{Change, Standing, standing};
use crate::core::result::ResultDoc;
use crate::core::sign::{SignedFile, UnlockedKey, fingerprint_of, signature_hash};
use crate::ui::platform::{clock, dom, files};
use crate::ui::state::editor::Editor;
use crate::ui::state::keys::{self, Keys};
use crate::ui::state::nav::{Nav, Screen};

/// A signature waiting for the 課長 to see what changed since the last one.
#[derive(Clone)]
struct Pending {
    key: UnlockedKey,
    result: ResultDoc,
    file: String,
    unix: u64,
    /// The draft the result was made from: a change in the meantime cancels.
    draft: Draft,
}

/// Paragraphs of text in one box (the signature's status, the changes to confirm): one
/// view for them all.
fn paragraphs(class: &'static str, lines: Vec<String>) -> impl IntoView {
    view! {
        <div class=class role="status">
            {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
        </div>
    }
}

/// A lead, then each change on its line.
fn with_changes(lead: String, changes: &[Change]) -> Vec<String> {
    std::iter::once(lead)
        .chain(changes.iter().map(Change::line))
        .collect()
}

/// Signs `result` and keeps the signed file with the draft.
fn finish(editor: Editor, p: Pending, error: RwSignal<Option<String>>) {
    let signed = SignedFile::sign(&p.result, &p.key, &p.file, p.unix);
    dom::mark("tenken-sign-end");
    match signed {
        Ok(s) => {
            files::download(&p.file, &s.to_json(), "application/json");
            editor.mark_signed(SignatureNote {
                // for earlier tenken versions reading this browser's storage
                fingerprint: fingerprint_of(&s.public_key).unwrap_or_default(),
                signature_hash: signature_hash(&s.signature),
                signed: p.result.created.clone(),
                file: p.file,
                signed_file: Some(s),
            });
        }
        Err(e) => error.set(Some(e.message_ja())),
    }
}

/// Signing a complete draft.
#[component]
pub fn SignPanel() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let keys = expect_context::<Keys>();
    let nav = expect_context::<Nav>();
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let pending = StoredValue::new(None::<Pending>);
    let review = RwSignal::new(None::<Vec<String>>);

    let sign = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if keys.key.get_untracked().is_none() {
            return;
        }
        let bundle = editor.bundle();
        busy.set(true);
        error.set(None);
        review.set(None);
        dom::after_paint(move || {
            dom::mark("tenken-unlock-start");
            // the public half is derived from the secret key and checked against the stored one
            let unlocked = keys.unlock_in_form(&pass.get_untracked(), busy, error);
            dom::mark("tenken-unlock-end");
            let Some(unlocked) = unlocked else {
                return;
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
            busy.set(false);
            // the last signature, checked with the derived key and compared with this result
            let asked = d.signature.as_ref().and_then(|note| {
                let last = &note.file;
                match standing(note, &unlocked.public_key(), &result, list) {
                    Standing::Current(_) => None,
                    Standing::Changed(_, changes) => Some(with_changes(
                        format!("前回の署名（{last}）から、次の点が変わっています。確かめてから署名してください。"),
                        &changes,
                    )),
                    Standing::Unconfirmed(why) => Some(vec![format!(
                        "前回の署名（{last}）の記録を確かめられません（{}）。比べられないため、回答を確かめてから署名してください。",
                        why.message_ja()
                    )]),
                }
            });
            let p = Pending {
                key: unlocked,
                result,
                file,
                unix,
                draft: d,
            };
            match asked {
                None => finish(editor, p, error),
                Some(r) => {
                    pending.set_value(Some(p));
                    review.set(Some(r));
                }
            }
        });
    };
    let confirm = move |_| {
        review.set(None);
        let Some(p) = pending.try_update_value(Option::take).flatten() else {
            return;
        };
        if editor.draft.with_untracked(|d| *d != p.draft) {
            error.set(Some(
                "確かめている間に下書きが変わりました。もう一度署名してください。".into(),
            ));
            return;
        }
        finish(editor, p, error);
    };
    let cancel = move |_| {
        review.set(None);
        pending.set_value(None);
    };

    view! {
        <h4>"署名して提出"</h4>
        {move || match (keys.key.get(), keys.refused.get(), keys.fingerprint()) {
            (None, _, _) => view! {
                <p>"署名するには鍵が必要です。"
                    <button type="button" class="link" on:click=move |_| nav.go(Screen::Keys { draft: Some(editor.id.get_value()) })>"署名の鍵を作る・読み込む"</button>
                </p>
            }.into_any(),
            (Some(_), Some(e), _) => view! {
                <p role="alert" class="warning">{e}
                    <button type="button" class="link" on:click=move |_| nav.go(Screen::Keys { draft: Some(editor.id.get_value()) })>"署名の鍵へ"</button>
                </p>
            }.into_any(),
            (Some(key), None, fingerprint) => {
                let owner = keys::owner(&key);
                let sign = sign;
                view! {
                    <form class="form sign-form" on:submit=sign>
                        <p>{format!(
                            "鍵: {} {}（{}）",
                            owner.division,
                            owner.name,
                            match fingerprint {
                                Some(fp) => format!("指紋 {fp}"),
                                None => "指紋は、パスフレーズを入力すると鍵から求めて表示します".into(),
                            }
                        )}</p>
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
                        <button type="submit" class="primary" disabled=move || busy.get() || review.with(Option::is_some)>
                            {move || if busy.get() { "署名しています…" } else { "署名して提出ファイルを書き出す" }}
                        </button>
                    </form>
                }.into_any()
            }
        }}
        {move || review.get().map(|lines| view! {
            {paragraphs("sign-diff", lines)}
            <p class="toolbar">
                <button type="button" class="primary" on:click=confirm>"この内容で署名する"</button>
                <button type="button" on:click=cancel>"やめる"</button>
            </p>
        })}
        {move || error.get().map(|e| view! { <p role="alert" class="warning">{e}</p> })}
        {move || editor.signature(&keys).map(|(standing, derived)| match standing {
            Standing::Current(s) => paragraphs("signed", vec![
                format!("署名しました: {}", s.file),
                format!(
                    "鍵の指紋 {}{}　署名のハッシュ {}",
                    s.fingerprint,
                    if derived { "" } else { "（未確認：パスフレーズを入力すると、鍵から求めて確かめます）" },
                    s.signature_hash
                ),
                "このファイルを情報担当課に提出してください。回答を変えた場合は、もう一度署名してください。".into(),
            ]),
            Standing::Changed(s, changes) => paragraphs("signed-changed", with_changes(
                format!(
                    "{}に署名した後、次の点が変わっています。提出するには、もう一度署名してください。",
                    s.signed_at.map(|t| show_time(&iso_jst(t))).unwrap_or_default()
                ),
                &changes,
            )),
            Standing::Unconfirmed(why) => paragraphs("warning signature-unconfirmed", vec![format!(
                "この下書きに残っている署名の記録は、確かめられないため使いません（{}）。提出するときは、署名してください。",
                why.message_ja()
            )]),
        })}
    }
}
