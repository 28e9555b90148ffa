//! 登録簿: the registered keys, opened from the roster file (and registration files), each
//! bound to one 課 with its period; 「異動・失効」 ends a key; the roster is saved back to a
//! file. Nothing of it is kept in browser storage (see `state::review`).

use crate::core::message::Message;
use leptos::prelude::*;

use crate::core::date::{Date, today_jst};
use crate::core::name::hidden_character;
use crate::core::problem::{Problem, ProblemKind};
use crate::core::sign::{MAX_ROSTER_BYTES, Registration, Revocation, RevocationReason, Roster};
use crate::ui::platform::files;
use crate::ui::platform::storage;
use crate::ui::state::review::ReviewState;
use crate::ui::widgets::file_picker::FilePicker;

fn today() -> Date {
    today_jst(crate::ui::platform::clock::unix_now())
}

/// Warns before the page is left with roster edits not saved to a file.
fn guard_unsaved(state: ReviewState) {
    crate::ui::platform::events::confirm_leaving_while("roster", move || {
        state.unsaved.get_untracked()
    });
}

/// A text cell of a roster row: 課, 氏名 or 役職, corrected in place (a renamed 課).
#[component]
fn RowText(
    /// What the field is (for its accessible name).
    label: &'static str,
    /// The key whose registration it edits.
    key: String,
    /// The value shown.
    value: String,
    /// Applies the typed value.
    set: fn(&mut Registration, String),
    /// Where a refused value is explained.
    problems: RwSignal<Vec<String>>,
) -> impl IntoView {
    let state = expect_context::<ReviewState>();
    view! {
        <input
            type="text"
            aria-label=format!("{label}（{value}）")
            prop:value=value.clone()
            on:change=move |ev| {
                let v = event_target_value(&ev).trim().to_string();
                if let Some(c) = hidden_character(&v) {
                    let p = Problem::error(label, ProblemKind::HiddenCharacter { code: c as u32 });
                    problems.set(vec![p.to_string()]);
                    return;
                }
                state.edit(|r| {
                    if let Some(k) = r.keys.iter_mut().find(|x| x.public_key == key) {
                        set(k, v);
                    }
                });
            }
        />
    }
}

/// A date cell of a roster row: 登録日 or 失効日.
#[component]
fn RowDate(
    /// What the field is.
    label: &'static str,
    /// The key whose registration it edits.
    key: String,
    /// The value shown (`YYYY-MM-DD` or empty).
    value: String,
    /// Applies the chosen date (empty: none).
    set: fn(&mut Registration, String),
) -> impl IntoView {
    let state = expect_context::<ReviewState>();
    view! {
        <input
            type="date"
            aria-label=label
            prop:value=value
            on:change=move |ev| {
                let v = event_target_value(&ev);
                let v = Date::parse_iso(&v).map(|d| d.to_string()).unwrap_or_default();
                state.edit(|r| {
                    if let Some(k) = r.keys.iter_mut().find(|x| x.public_key == key) {
                        set(k, v);
                    }
                });
            }
        />
    }
}

/// 「異動・失効」: ends a key from a date, with the reason.
#[component]
fn RevokeForm(
    /// The key to revoke.
    key: String,
    /// Who holds it (for the heading).
    who: String,
    /// Closes the form.
    open: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = expect_context::<ReviewState>();
    let date = RwSignal::new(today().to_string());
    let reason = RwSignal::new(RevocationReason::Transfer.id().to_string());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let apply = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = Date::parse_iso(&date.get_untracked()) else {
            error.set(Some("失効日を選んでください。".into()));
            return;
        };
        let why =
            RevocationReason::from_id(&reason.get_untracked()).unwrap_or(RevocationReason::Other);
        let key = key.clone();
        state.edit(|r| {
            if let Some(k) = r.keys.iter_mut().find(|x| x.public_key == key) {
                k.revoked = Some(Revocation {
                    date: d.to_string(),
                    reason: why,
                    note: note.get_untracked().trim().to_string(),
                });
            }
        });
        open.set(None);
    };
    let options = RevocationReason::ALL
        .iter()
        .map(|r| view! { <option value=r.id()>{r.label_ja()}</option> })
        .collect_view();
    view! {
        <form class="revoke-form" on:submit=apply>
            <p><strong>{format!("{who} の鍵を失効させる")}</strong></p>
            <p class="hint">"失効日からの署名は集計に使われません。異動・退職なら、それより前の署名は有効のままです。「鍵の紛失・漏えい」は日付に関係なく、この鍵の署名をすべて無効にします（署名時刻は署名した人の申告にすぎないため）。"</p>
            <div class="field">
                <label for="revoke-date">"失効日"</label>
                <input id="revoke-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="revoke-reason">"理由"</label>
                <select id="revoke-reason" on:change=move |ev| reason.set(event_target_value(&ev))>{options}</select>
            </div>
            <div class="field">
                <label for="revoke-note">"備考"</label>
                <input id="revoke-note" type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </div>
            {move || error.get().map(|e| view! { <p role="alert" class="warning">{e}</p> })}
            <button type="submit" class="primary">"失効させる"</button>
            " "
            <button type="button" on:click=move |_| open.set(None)>"やめる"</button>
        </form>
    }
}

/// The standing of a key today, in words.
fn standing_text(k: &Registration, today: Date) -> String {
    k.standing_on(today).message_ja()
}

/// The roster section of the review screen.
#[component]
pub fn RosterPanel() -> impl IntoView {
    let state = expect_context::<ReviewState>();
    guard_unsaved(state);
    let problems = RwSignal::new(Vec::<String>::new());
    let revoking = RwSignal::new(None::<String>);
    let legacy = RwSignal::new(storage::legacy_roster());
    let on_files = move |list: Vec<web_sys::File>| {
        leptos::task::spawn_local(async move {
            let mut merged = state.roster.get_untracked();
            let was_empty = merged.keys.is_empty();
            let mut bad = Vec::new();
            // each file opened, with the name saving may keep for it (a roster's own only)
            let mut opened: Vec<Option<String>> = Vec::new();
            for f in list {
                let name = f.name();
                match files::read_bytes(&f, MAX_ROSTER_BYTES).await {
                    Ok(bytes) => match Roster::read(&bytes) {
                        Ok((r, source)) => {
                            for c in merged.merge(r) {
                                bad.push(format!("「{name}」: {}", c.message_ja()));
                            }
                            opened.push(source.kept_name(&name));
                        }
                        Err(p) => bad.extend(p.0.iter().map(|p| format!("「{name}」: {p}"))),
                    },
                    Err(kind) => bad.push(format!("「{name}」: {}", kind.message_ja())),
                }
            }
            problems.set(bad);
            state.roster.set(merged);
            match (was_empty, opened.as_slice()) {
                // one roster file opened into an empty roster is that file, unchanged
                (true, [Some(kept)]) => state.roster_name.set(Some(kept.clone())),
                (_, []) => {}
                // registrations, or several files: a roster not yet saved as a file
                _ => state.unsaved.set(true),
            }
        });
    };
    let save = move |_| {
        let r = state.roster.get_untracked();
        let name = Roster::file_name(state.roster_name.get_untracked().as_deref(), today());
        files::download(&name, &format!("{}\n", r.to_json()), "application/json");
        state.roster_name.set(Some(name));
        state.unsaved.set(false);
    };
    let export_legacy = move |_| {
        if let Some(text) = legacy.get_untracked() {
            files::download("tenken-roster-以前の保存分.json", &text, "application/json");
        }
    };
    let forget_legacy = move |_| match storage::remove_legacy_roster() {
        Ok(()) => legacy.set(None),
        Err(e) => problems.set(vec![e.message_ja()]),
    };
    view! {
        <section aria-labelledby="roster-heading">
            <h3 id="roster-heading">"登録簿（課長の公開鍵）"</h3>
            <p class="hint">"登録簿はファイルで管理します（このブラウザーには保存しません。同じ PC の別のページから書き換えられないように）。毎回、登録簿ファイルを開いてから結果を読み込んでください。"</p>
            {move || legacy.get().map(|_| view! {
                <div class="notice" role="note">
                    <p>"以前の tenken がこのブラウザーに保存した登録簿があります。他のページから書き換えられた可能性があるため、集計には使いません。内容を確認してから登録簿ファイルとして開いてください。"</p>
                    <button type="button" on:click=export_legacy>"ファイルに書き出す"</button>
                    " "
                    <button type="button" on:click=forget_legacy>"このブラウザーから消す"</button>
                </div>
            })}
            <div class="toolbar">
                <FilePicker label="登録簿・登録ファイルを開く…" accept=".json,application/json" multiple=true class="roster-input" on_files />
                <button type="button" on:click=save>"登録簿を保存"</button>
                {move || state.unsaved.get().then(|| view! {
                    <span class="unsaved" role="status">"保存していない変更があります"</span>
                })}
                {move || (!state.unsaved.get()).then(|| state.roster_name.get()).flatten().map(|n| view! {
                    <span class="roster-name">{format!("登録簿: {n}")}</span>
                })}
            </div>
            {move || (!problems.get().is_empty()).then(|| view! {
                <div class="problems" role="alert">
                    <p>"読み込めなかった登録があります。"</p>
                    <ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            {move || {
                let r = state.roster.get();
                if r.keys.is_empty() {
                    return view! { <p>"登録された鍵はありません。登録簿ファイル、または課長から届いた登録ファイル（.tenken-key.json）を開いてください。"</p> }.into_any();
                }
                let today = today();
                let rows = r.keys.iter().map(|k| {
                    let key = k.public_key.clone();
                    let who = format!("{} {}", k.division, k.name);
                    let remove = {
                        let key = key.clone();
                        move |_| state.edit(|r| r.keys.retain(|x| x.public_key != key))
                    };
                    let toggle = {
                        let key = key.clone();
                        move |_| revoking.update(|o| *o = if o.as_deref() == Some(key.as_str()) { None } else { Some(key.clone()) })
                    };
                    let form_key = key.clone();
                    let form_who = who.clone();
                    let revoked = k.revoked.is_some();
                    view! {
                        <tr class:revoked=revoked>
                            <td><RowText label="課" key=key.clone() value=k.division.clone() set=|k, v| k.division = v problems /></td>
                            <td><RowText label="氏名" key=key.clone() value=k.name.clone() set=|k, v| k.name = v problems /></td>
                            <td><RowText label="役職" key=key.clone() value=k.title.clone() set=|k, v| k.title = v problems /></td>
                            <td><code>{k.fingerprint.clone()}</code></td>
                            <td><RowDate label="登録日（この日からの署名が有効）" key=key.clone() value=k.first_day().map(|d| d.to_string()).unwrap_or_default() set=|k, v| k.valid_from = v /></td>
                            <td><RowDate label="失効日（この日までの署名が有効）" key=key.clone() value=k.valid_until.clone() set=|k, v| k.valid_until = v /></td>
                            <td class="standing">{standing_text(k, today)}</td>
                            <td class="actions">
                                <button type="button" aria-label=format!("{who} の鍵の異動・失効") on:click=toggle disabled=revoked>"異動・失効"</button>
                                " "
                                <button type="button" aria-label=format!("{who} の鍵を登録簿から削除") on:click=remove>"削除"</button>
                            </td>
                        </tr>
                        {move || (revoking.get().as_deref() == Some(form_key.as_str())).then(|| view! {
                            <tr><td colspan="8"><RevokeForm key=form_key.clone() who=form_who.clone() open=revoking /></td></tr>
                        })}
                    }
                }).collect_view();
                view! {
                    <table class="report roster">
                        <thead><tr>
                            <th scope="col">"課"</th><th scope="col">"氏名"</th><th scope="col">"役職"</th>
                            <th scope="col">"鍵の指紋"</th><th scope="col">"登録日"</th><th scope="col">"失効日"</th>
                            <th scope="col">{format!("状態（{}）", today.wareki())}</th>
                            <th scope="col"><span class="visually-hidden">"操作"</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
