//! 署名の鍵: make a key pair, import a key file, export the key and its registration file.
//!
//! The secret key exists unencrypted only inside core while it is made or used; what is
//! shown, downloaded and stored is the passphrase-encrypted minisign key file.

use crate::core::message::Message;
use leptos::prelude::*;

use crate::core::ProblemKind;

use crate::ui::platform::dom;

use crate::core::draft::Subject;
use crate::core::sign::{
    Owner, UnlockedKey, check_secret_key, fingerprint_of, generate, key_file_name, owner_of,
};
use crate::ui::platform::files;
use crate::ui::platform::storage::{self, StoredKey};
use crate::ui::state::bundles::Bundles;
use crate::ui::state::drafts::Drafts;
use crate::ui::state::keys::{self, Keys};
use crate::ui::state::nav::{Nav, Screen, Step};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::file_picker::ReadFiles;

/// The largest key file read.
const MAX_KEY_FILE: usize = 64 * 1024;

/// The key screen. Opened from a draft's まとめ, it leads back there and fills in the
/// 課名・氏名・役職 the draft already gives.
#[component]
pub fn KeySetup(
    /// The draft the screen was opened from.
    draft: Option<String>,
) -> impl IntoView {
    let keys = expect_context::<Keys>();
    let drafts = expect_context::<Drafts>();
    let bundles = expect_context::<Bundles>();
    let nav = expect_context::<Nav>();
    let from = draft.and_then(|id| drafts.get(&id));
    let subject = from.as_ref().map(|d| d.subject.clone()).unwrap_or_default();
    let back = from.map(|d| {
        let name = d.display_name();
        let go = move |_| match bundles.for_draft(&d.bundle) {
            Some(bundle) => nav.open_draft(bundle, d.id.clone(), Step::Summary),
            None => nav.go(Screen::Home),
        };
        view! {
            <p class="back-to-draft">
                <button type="button" class="link" on:click=go>{format!("← 下書き「{name}」のまとめに戻る")}</button>
            </p>
        }
    });
    view! {
        <h2>"署名の鍵"</h2>
        {back}
        <p class="lead">
            "点検結果に署名するための鍵です。秘密鍵はパスフレーズで暗号化した鍵ファイルとしてだけ保存されます。"
        </p>
        // shown again as the key is unlocked (its fingerprint derived) or refused
        {move || match (keys.key.get(), keys.refused.get(), keys.fingerprint()) {
            // a key refused (its halves disagree) is replaced by importing the key file again
            (Some(key), Some(refused), _) => view! { <KeyInfo key fingerprint=None refused=Some(refused) /><ImportKey /> }.into_any(),
            (Some(key), None, fingerprint) => view! { <KeyInfo key fingerprint refused=None /> }.into_any(),
            (None, _, _) => {
                let subject = subject.clone();
                view! { <NewKey subject /><ImportKey /> }.into_any()
            }
        }}
    }
}

/// The current key: owner, fingerprint (once derived from the secret key in this session),
/// exports, removal.
#[component]
fn KeyInfo(
    /// The key.
    key: StoredKey,
    /// Its fingerprint, once derived from the secret key in this session.
    fingerprint: Option<String>,
    /// Why it is not used, if it is refused.
    refused: Option<String>,
) -> impl IntoView {
    let keys = expect_context::<Keys>();
    let owner = keys::owner(&key);
    let message = RwSignal::new(None::<String>);
    let pass = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    // the passphrase unlocks the key, which derives its public half (scrypt: after a
    // repaint); then, for 「登録ファイルを書き出す」, the file is written from that half
    let reg_key = StoredValue::new(key.clone());
    let unlock = move |export: bool| {
        let write = move |derived: &str| match keys::registration(&reg_key.get_value(), derived) {
            Some(r) => files::download(
                &r.file_name(),
                &format!("{}\n", r.to_json()),
                "application/json",
            ),
            None => message.set(Some(
                "登録ファイルを作れません（公開鍵が読めません）。".into(),
            )),
        };
        if let Some(derived) = keys.derived.get_untracked() {
            if export {
                write(&derived);
            }
            return;
        }
        if pass.with_untracked(String::is_empty) {
            message.set(Some(
                "鍵の公開鍵と指紋は、この PC に保存された内容ではなく、鍵をパスフレーズで開いて求めます。パスフレーズを入力してください。"
                    .into(),
            ));
            return;
        }
        busy.set(true);
        message.set(None);
        dom::after_paint(move || {
            let unlocked = keys.unlock(&pass.get_untracked());
            busy.set(false);
            match unlocked {
                Ok(k) => {
                    pass.set(String::new());
                    if export {
                        write(&k.public_key());
                    }
                }
                // a refused key is said once, above
                Err(_) if keys.refused.get_untracked().is_some() => message.set(None),
                Err(e) => message.set(Some(e.message_ja())),
            }
        });
    };
    let confirm = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        unlock(false);
    };
    let file_key = key.clone();
    let name = fingerprint
        .as_deref()
        .map(key_file_name)
        .unwrap_or_else(|| "tenken.key".into());
    let export_key =
        move |_| files::download(&name, &file_key.secret_key_file, "application/octet-stream");
    let forget = move |_| {
        let sure = window()
            .confirm_with_message(
                "この PC から鍵を削除します。鍵ファイルを保存していないと、この鍵では二度と署名できません。よろしいですか。",
            )
            .unwrap_or(false);
        if sure {
            match storage::remove_key() {
                Ok(()) | Err(storage::StorageIssue::Unavailable) => keys.set(None),
                Err(e) => message.set(Some(e.message_ja())),
            }
        }
    };
    view! {
        <section aria-labelledby="key-heading">
            <h3 id="key-heading">"この PC の鍵"</h3>
            <dl class="key-info">
                <dt>"課名"</dt><dd>{owner.division.clone()}</dd>
                <dt>"氏名"</dt><dd>{owner.name.clone()}</dd>
                <dt>"役職"</dt><dd>{owner.title.clone()}</dd>
                <dt>"作成日"</dt><dd>{crate::core::date::Date::parse_iso(&owner.created).map(|d| d.wareki()).unwrap_or_else(|| owner.created.clone())}</dd>
                <dt>"鍵の指紋"</dt>
                <dd>{match fingerprint.clone() {
                    Some(fp) => view! { <code class="fingerprint">{fp}</code> }.into_any(),
                    None => "未確認（パスフレーズを入力すると、鍵から求めて表示します）".into_any(),
                }}</dd>
            </dl>
            {match refused {
                Some(e) => view! { <p role="alert" class="warning key-refused">{e}</p> }.into_any(),
                None => view! {
                    <p>"情報担当課に「登録ファイル」を送ってください。鍵ファイルは別の PC で署名するときに読み込みます（パスフレーズで暗号化されています）。"</p>
                    {fingerprint.is_none().then(|| view! {
                        <form class="form key-confirm" on:submit=confirm>
                            <Field id="key-confirm-pass" label="鍵のパスフレーズ" value=pass on_input=move |v| pass.set(v) kind="password" autocomplete="current-password" />
                            <button type="submit" disabled=move || busy.get()>"指紋を確かめる"</button>
                        </form>
                    })}
                    <div class="toolbar">
                        <button type="button" class="primary" disabled=move || busy.get() on:click=move |_| unlock(true)>"登録ファイルを書き出す"</button>
                        <button type="button" on:click=export_key>"鍵ファイルを書き出す"</button>
                    </div>
                }.into_any(),
            }}
            <div class="toolbar">
                <button type="button" on:click=forget>"この PC から鍵を削除"</button>
            </div>
            {move || message.get().map(|m| view! { <p role="alert" class="warning">{m}</p> })}
        </section>
    }
}

/// 「この PC に鍵を保存する」 and the form's button (which says so while the key is made or
/// unlocked).
#[component]
fn KeepAndSubmit(
    /// Whether to keep the (encrypted) key in this browser.
    keep: RwSignal<bool>,
    /// Whether the slow step is running.
    busy: RwSignal<bool>,
    /// The button while busy.
    working: &'static str,
    /// The button.
    label: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="check">
                <input type="checkbox" prop:checked=move || keep.get() on:change=move |ev| keep.set(event_target_checked(&ev)) />
                " この PC に鍵を保存する（暗号化したまま）"
            </label>
        </div>
        <button type="submit" class="primary" disabled=move || busy.get()>
            {move || if busy.get() { working } else { label }}
        </button>
    }
}

/// Making a new key.
#[component]
fn NewKey(
    /// Who the draft it was opened from names (empty otherwise).
    subject: Subject,
) -> impl IntoView {
    let keys = expect_context::<Keys>();
    let division = RwSignal::new(subject.division.trim().to_string());
    let name = RwSignal::new(subject.name.trim().to_string());
    let title = RwSignal::new(if subject.title.trim().is_empty() {
        String::from("課長")
    } else {
        subject.title.trim().to_string()
    });
    let pass = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let keep = RwSignal::new(storage::available());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let create = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let created: String = crate::ui::platform::clock::now().chars().take(10).collect();
        let owner = match Owner::typed(
            &division.get_untracked(),
            &name.get_untracked(),
            &title.get_untracked(),
            &created,
        ) {
            Ok(owner) => owner,
            Err(e) => {
                error.set(Some(e.message_ja()));
                return;
            }
        };
        if pass.get_untracked() != again.get_untracked() {
            error.set(Some("確認のパスフレーズが一致しません。".into()));
            return;
        }
        error.set(None);
        busy.set(true);
        dom::after_paint(move || {
            dom::mark("tenken-keygen-start");
            let made = generate(&pass.get_untracked(), &owner);
            dom::mark("tenken-keygen-end");
            busy.set(false);
            match made {
                Ok(k) => {
                    pass.set(String::new());
                    again.set(String::new());
                    let stored = StoredKey {
                        secret_key_file: k.secret_key_file,
                        public_key: k.public_key,
                    };
                    if keep.get_untracked()
                        && let Err(e) = storage::save_key(&stored)
                    {
                        error.set(Some(e.message_ja()));
                    }
                    let fp = fingerprint_of(&stored.public_key).unwrap_or_default();
                    files::download(
                        &key_file_name(&fp),
                        &stored.secret_key_file,
                        "application/octet-stream",
                    );
                    keys.set(Some(stored));
                }
                Err(e) => error.set(Some(e.message_ja())),
            }
        });
    };

    view! {
        <section aria-labelledby="new-key-heading">
            <h3 id="new-key-heading">"鍵を作る"</h3>
            <form class="form" on:submit=create>
                <Field id="key-division" label="課名" value=division on_input=move |v| division.set(v) />
                <Field id="key-name" label="氏名" value=name on_input=move |v| name.set(v) />
                <Field id="key-title" label="役職" value=title on_input=move |v| title.set(v) />
                <Field id="key-pass" label="パスフレーズ（12 文字以上）" value=pass on_input=move |v| pass.set(v) kind="password" autocomplete="new-password" />
                <Field id="key-again" label="パスフレーズ（確認）" value=again on_input=move |v| again.set(v) kind="password" autocomplete="new-password" />
                <p class="hint">"推測されにくい文（例: 好きな言葉を 3〜4 つ空白でつなぐ）にしてください。忘れると署名できません。"</p>
                <KeepAndSubmit keep busy working="作成しています…" label="鍵を作る" />
                {move || error.get().map(|e| view! { <p role="alert" class="warning">{e}</p> })}
            </form>
        </section>
    }
}

/// Importing a key file made on another PC.
#[component]
fn ImportKey() -> impl IntoView {
    let keys = expect_context::<Keys>();
    let file_text = RwSignal::new(None::<(String, String)>);
    let pass = RwSignal::new(String::new());
    let keep = RwSignal::new(storage::available());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);

    let on_files = move |name: String, bytes: Result<Vec<u8>, ProblemKind>| {
        match bytes {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                // its shape and key-derivation cost are checked before any passphrase
                match check_secret_key(&text) {
                    Ok(_) => {
                        error.set(None);
                        file_text.set(Some((name, text)));
                    }
                    Err(e) => {
                        file_text.set(None);
                        error.set(Some(format!("「{name}」: {}", e.message_ja())));
                    }
                }
            }
            Err(kind) => error.set(Some(format!(
                "「{name}」を読めません: {}",
                kind.message_ja()
            ))),
        }
    };
    let unlock = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some((_, text)) = file_text.get_untracked() else {
            return;
        };
        busy.set(true);
        dom::after_paint(move || {
            let result = UnlockedKey::unlock(&text, &pass.get_untracked());
            busy.set(false);
            match result {
                Ok(k) => {
                    pass.set(String::new());
                    let stored = StoredKey {
                        secret_key_file: text,
                        public_key: k.public_key(),
                    };
                    if keep.get_untracked()
                        && let Err(e) = storage::save_key(&stored)
                    {
                        error.set(Some(e.message_ja()));
                    }
                    keys.set(Some(stored));
                }
                Err(e) => error.set(Some(e.message_ja())),
            }
        });
    };

    view! {
        <section aria-labelledby="import-key-heading">
            <h3 id="import-key-heading">"鍵ファイルを読み込む"</h3>
            <p>"別の PC で作った鍵ファイル（.key）を使うときは、ここで読み込みます。"</p>
            <ReadFiles label="鍵ファイルを選ぶ…" accept=".key" max=MAX_KEY_FILE on_read=on_files />
            {move || file_text.get().map(|(name, text)| {
                let owner = owner_of(&text);
                view! {
                    <form class="form" on:submit=unlock>
                        <p>
                            {format!("「{name}」")}
                            {owner.map(|o| format!("（{} {}）", o.division, o.name))}
                        </p>
                        <Field id="import-pass" label="この鍵のパスフレーズ" value=pass on_input=move |v| pass.set(v) kind="password" autocomplete="current-password" />
                        <KeepAndSubmit keep busy working="確認しています…" label="読み込む" />
                    </form>
                }
            })}
            {move || error.get().map(|e| view! { <p role="alert" class="warning">{e}</p> })}
        </section>
    }
}
