//! 公開: the bundle signed with 情報担当課's key, as a signed bundle file, or built into a copy
//! of this tenken file that the municipality puts on its share for every 課長.
//!
//! Nothing is signed unseen: the project in storage can be changed by another local page,
//! so the bundle 公開 last signed is kept with the project, checked with the key derived from
//! the unlocked secret key, and compared with the bundle about to be signed; the author sees
//! what differs (version, 例規 text lines, items) and confirms before the signature is made
//! ([`crate::core::last_published`]).
//!
//! The key, once unlocked here, stays unlocked for the publishing session
//! ([`Authoring::keep_unlocked`]): the tenken.html and the signed bundle file are signed with
//! one passphrase; an empty field is asked for (「パスフレーズを入力してください」), never called
//! wrong.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::core::Message;
use crate::core::last_published::{Compared, NotUsed, compare};
use crate::core::last_signed::Change;
use crate::core::problem_words::sentences_ja;
use crate::core::sign::{Provenance, Publisher, SignedBundle, UnlockedKey};
use crate::page::publish::{self, Entry, republish};
use crate::ui::platform::{carried, clock, dom, embedded, files};
use crate::ui::state::authoring::Authoring;
use crate::ui::state::bundles::Bundles;
use crate::ui::state::keys::{self, Keys};
use crate::ui::state::nav::{Nav, Screen};

/// What the form asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Save the signed bundle file.
    SignedFile,
    /// Save a copy of tenken.html with the bundles built in.
    Page,
}

/// The publishing form.
#[component]
pub fn Publish() -> impl IntoView {
    let a = expect_context::<Authoring>();
    let bundles = expect_context::<Bundles>();
    let keys = expect_context::<Keys>();
    let nav = expect_context::<Nav>();
    let municipality = move || {
        a.raw.with_untracked(|r| {
            r.as_ref()
                .and_then(|r| r.municipality.as_ref())
                .and_then(|m| m.name.clone())
                .unwrap_or_default()
        })
    };
    let publisher = RwSignal::new({
        let division = keys
            .key
            .get_untracked()
            .map(|k| keys::owner(&k).division)
            .unwrap_or_default();
        format!("{} {division}", municipality()).trim().to_string()
    });
    let pass = RwSignal::new(String::new());
    let signing = RwSignal::new(keys.key.get_untracked().is_some());
    let builtins = bundles.builtins.get_value().unwrap_or_default();
    // the municipality's bundles already in this file are kept by default, samples are not
    let own_id = a
        .raw
        .with_untracked(|r| r.as_ref().and_then(|r| r.id.clone()))
        .unwrap_or_default();
    let include = RwSignal::new(
        builtins
            .iter()
            .enumerate()
            .filter(|(_, b)| b.provenance() != Provenance::Sample && b.summary.id != own_id)
            .map(|(i, _)| i)
            .collect::<BTreeSet<usize>>(),
    );
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let valid = move || a.checked.with(|c| matches!(c, Some(Ok(_))));

    let builtins_for_run = StoredValue::new(builtins.clone());
    // a signature waiting for the author to see what changed since the last 公開
    let pending = StoredValue::new(None::<(Action, UnlockedKey, Vec<u8>)>);
    let review = RwSignal::new(None::<(Option<String>, Vec<Change>)>);
    // signs (with `unlocked`, when signing) and saves the file or the copy of tenken.html
    let deliver = move |action: Action, unlocked: Option<UnlockedKey>, canonical: Vec<u8>| {
        let builtins = builtins_for_run.get_value();
        let unix = clock::unix_now();
        let mut carried = embedded::carried_publishers();
        let signature = match &unlocked {
            Some(unlocked) => {
                match SignedBundle::sign(&canonical, &publisher.get_untracked(), unlocked, unix) {
                    Ok(s) => {
                        carried.push(Publisher {
                            name: s.publisher.clone(),
                            public_key: s.public_key.clone(),
                        });
                        // kept with the project: the next 公開 is compared with it
                        a.set_published(s.clone());
                        Some(s)
                    }
                    Err(e) => {
                        busy.set(false);
                        error.set(Some(e.message_ja()));
                        return;
                    }
                }
            }
            None => None,
        };
        if action == Action::SignedFile {
            busy.set(false);
            if let Some(s) = signature {
                let name = s.file_name();
                files::download(&name, &s.to_json(), "application/json");
                done.set(Some(format!(
                    "署名した規則ファイル「{name}」を保存しました。"
                )));
            }
            return;
        }
        let chosen = include.get_untracked();
        let mut entries: Vec<Entry> = builtins
            .iter()
            .enumerate()
            .filter(|(i, _)| chosen.contains(i))
            .filter_map(|(_, b)| {
                let sample = b.provenance() == Provenance::Sample;
                b.canonical().map(|(canonical, signature)| Entry {
                    canonical,
                    signature,
                    sample,
                })
            })
            .collect();
        entries.push(Entry {
            canonical: canonical.clone(),
            signature: signature.as_ref().map(SignedBundle::signature),
            sample: false,
        });
        let contents = match publish::contents(&entries, &carried) {
            Ok(c) => c,
            Err(p) => {
                busy.set(false);
                error.set(Some(format!(
                    "tenken.html を作れません：{}。",
                    sentences_ja(None, &p)
                )));
                return;
            }
        };
        let name = publish::file_name(&municipality());
        let hash = crate::core::canonical::sha256_hex(&canonical);
        leptos::task::spawn_local(async move {
            let made = async {
                let page = carried::kacho_page()?;
                let gz = carried::gzip(contents.bundles.as_bytes()).await?;
                republish(&page, &gz, &contents.summaries, &contents.publishing)
                    .map_err(|e| e.message_ja())
            };
            let made = made.await;
            busy.set(false);
            match made {
                Ok(bytes) => {
                    files::download_bytes(&name, &bytes, "text/html");
                    a.page_saved.set(Some(hash));
                    done.set(Some(format!(
                        "「{name}」を保存しました（{} KB）。共有フォルダに置き、課長に開いてもらいます。",
                        bytes.len().div_ceil(1024)
                    )));
                }
                Err(e) => error.set(Some(format!("tenken.html を作れません: {e}"))),
            }
        });
    };
    let run = move |action: Action| {
        error.set(None);
        done.set(None);
        review.set(None);
        let Some((canonical, raw)) = a.raw.with_untracked(|r| {
            let r = r.as_ref()?;
            Some((r.to_canonical_json().ok()?, r.clone()))
        }) else {
            return;
        };
        let signing_now = keys.key.get_untracked().is_some() && signing.get_untracked();
        if action == Action::SignedFile && !signing_now {
            error.set(Some("署名するには鍵が必要です。".into()));
            return;
        }
        // the key unlocked earlier in this session, if it is still the key in this browser
        let kept = keys
            .key
            .get_untracked()
            .filter(|_| keys.refused.with_untracked(Option::is_none))
            .and_then(|k| a.unlocked_for(&k.public_key));
        busy.set(true);
        dom::after_paint(move || {
            if !signing_now {
                return deliver(action, None, canonical);
            }
            // scrypt takes a moment: after the repaint that shows 「作っています」; the public
            // half is derived from the secret key and checked against the stored one
            let Some(unlocked) =
                kept.or_else(|| keys.unlock_in_form(&pass.get_untracked(), busy, error))
            else {
                return;
            };
            pass.set(String::new());
            // kept for this publishing session: the next signature asks no passphrase
            a.keep_unlocked(unlocked.clone());
            // the bundle last published from this project, checked with the derived key
            let asked = a.published.get_untracked().and_then(|last| {
                match compare(&last, &unlocked.public_key(), &raw) {
                    Compared::Verified(changes) if changes.is_empty() => None,
                    Compared::Verified(changes) => Some((None, changes)),
                    Compared::Unconfirmed(e) => Some((Some(NotUsed(&e).message_ja()), Vec::new())),
                }
            });
            match asked {
                None => deliver(action, Some(unlocked), canonical),
                Some(r) => {
                    busy.set(false);
                    pending.set_value(Some((action, unlocked, canonical)));
                    review.set(Some(r));
                }
            }
        });
    };
    let confirm = move |_| {
        review.set(None);
        let Some((action, unlocked, canonical)) = pending.try_update_value(Option::take).flatten()
        else {
            return;
        };
        // what was shown must be what is signed
        let now = a
            .raw
            .with_untracked(|r| r.as_ref().and_then(|r| r.to_canonical_json().ok()));
        if now.as_deref() != Some(canonical.as_slice()) {
            error.set(Some(
                "確かめている間に規則が変わりました。もう一度押してください。".into(),
            ));
            return;
        }
        busy.set(true);
        dom::after_paint(move || deliver(action, Some(unlocked), canonical));
    };
    let cancel = move |_| {
        review.set(None);
        pending.set_value(None);
    };

    let rows = builtins
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let s = b.summary.clone();
            let label = format!(
                "{} {}（{} 版）{}",
                s.municipality,
                s.title,
                s.version,
                if b.provenance() == Provenance::Sample {
                    "　tenken の見本"
                } else {
                    ""
                }
            );
            view! {
                <li>
                    <label>
                        <input
                            type="checkbox"
                            class="publish-include"
                            prop:checked=move || include.with(|set| set.contains(&i))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                include.update(|set| {
                                    if on { set.insert(i); } else { set.remove(&i); }
                                });
                            }
                        />
                        {label}
                    </label>
                </li>
            }
        })
        .collect_view();

    view! {
        <div class="publish">
            <h3>"公開"</h3>
            <p class="lead">"この規則を組み込んだ tenken.html を作り、共有フォルダに置きます。課長はそのファイルを開くだけで、この規則で点検できます（インストールもネットワークも不要です）。情報担当課の鍵で署名すると、課長の画面に発行元と、署名が確かめられたことが表示されます。"</p>
            {move || (!valid()).then(|| view! {
                <p class="warning" role="status">"まだ誤りがあります。直してから公開してください。"</p>
            })}
            <fieldset class="form">
                <legend>"署名"</legend>
                {move || match keys.key.get() {
                    None => view! {
                        <p>"署名するには情報担当課の鍵が必要です（署名せずに公開することもできますが、課長の画面には「署名がありません」と表示されます）。"
                            <button type="button" class="link" on:click=move |_| nav.go(Screen::Keys { draft: None })>"鍵を作る・読み込む"</button>
                        </p>
                    }.into_any(),
                    Some(_) if keys.refused.get().is_some() => view! {
                        <p role="alert" class="warning">{keys.refused.get()}
                            <button type="button" class="link" on:click=move |_| nav.go(Screen::Keys { draft: None })>"署名の鍵へ"</button>
                        </p>
                    }.into_any(),
                    Some(key) => {
                        let owner = keys::owner(&key);
                        view! {
                            <label class="check">
                                <input type="checkbox" class="publish-sign" prop:checked=move || signing.get() on:change=move |ev| signing.set(event_target_checked(&ev)) />
                                {move || format!(
                                    "鍵（{} {}、{}）で署名する",
                                    owner.division,
                                    owner.name,
                                    keys.fingerprint()
                                        .map(|fp| format!("指紋 {fp}"))
                                        .unwrap_or_else(|| "指紋はパスフレーズを入力すると鍵から求めて確かめます".into())
                                )}
                            </label>
                            <div class="field">
                                <label for="publisher-name">"発行元の名前（課長の画面に表示）"</label>
                                <input id="publisher-name" class="publisher-name" prop:value=move || publisher.get() on:input=move |ev| publisher.set(event_target_value(&ev)) />
                            </div>
                            {move || if a.unlocked_key.get().is_some() {
                                view! {
                                    <p class="key-open" role="status">
                                        "鍵は開いています。規則エディタを離れるまで、パスフレーズを入れ直さずに署名できます。"
                                        <button type="button" class="link" on:click=move |_| a.lock()>"鍵を閉じる"</button>
                                    </p>
                                }.into_any()
                            } else {
                                view! {
                                    <div class="field">
                                        <label for="publish-pass">"鍵のパスフレーズ"</label>
                                        <input id="publish-pass" class="publish-pass" type="password" autocomplete="current-password" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev)) />
                                    </div>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                }}
            </fieldset>
            {(!builtins.is_empty()).then(|| view! {
                <fieldset class="form">
                    <legend>"一緒に組み込む規則"</legend>
                    <ul class="plain">{rows}</ul>
                </fieldset>
            })}
            <p class="toolbar">
                <button type="button" class="primary publish-page" disabled=move || busy.get() || !valid() on:click=move |_| run(Action::Page)>
                    {move || if busy.get() { "作っています…" } else { "この規則を組み込んだ tenken.html を保存" }}
                </button>
                <button type="button" class="publish-signed" disabled=move || busy.get() || !valid() || keys.key.get().is_none() || !signing.get() on:click=move |_| run(Action::SignedFile)>
                    "署名した規則ファイルを保存"
                </button>
            </p>
            {move || review.get().map(|(unconfirmed, changes)| {
                let last = a.published.with_untracked(|p| {
                    p.as_ref()
                        .and_then(|p| p.bundle.get("version").and_then(|v| v.as_str()).map(str::to_string))
                        .unwrap_or_default()
                });
                view! {
                    <div class="publish-diff" role="alert">
                        {match unconfirmed {
                            Some(why) => view! { <p>{why}</p> }.into_any(),
                            None => {
                                let rows = changes.into_iter().map(|c| view! {
                                    <tr><th scope="row">{c.place}</th><td>{c.before}</td><td>{c.after}</td></tr>
                                }).collect_view();
                                view! {
                                    <p>{format!("前回公開した規則（{last} 版）から、次の点が変わっています。確かめてから署名してください。")}</p>
                                    <table class="changes">
                                        <thead><tr><th scope="col">"どこが"</th><th scope="col">"前回公開したとき"</th><th scope="col">"いま"</th></tr></thead>
                                        <tbody>{rows}</tbody>
                                    </table>
                                }.into_any()
                            }
                        }}
                        <p class="toolbar">
                            <button type="button" class="primary" on:click=confirm>"この内容で署名する"</button>
                            <button type="button" on:click=cancel>"やめる"</button>
                        </p>
                    </div>
                }
            })}
            {move || error.get().map(|e| view! { <p role="alert" class="warning">{e}</p> })}
            {move || done.get().map(|m| view! { <p role="status" class="publish-done">{m}</p> })}
        </div>
    }
}
