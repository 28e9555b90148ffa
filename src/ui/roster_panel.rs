//! 登録簿: the registered keys of the municipality, merged from registration files, edited
//! and exported. Kept in this browser (it holds only public keys).

use leptos::prelude::*;

use super::files;
use super::storage;
use crate::core::sign::Roster;

/// The roster section of the review screen.
#[component]
pub fn RosterPanel(
    /// The roster (saved on every change).
    roster: RwSignal<Roster>,
) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    let problems = RwSignal::new(Vec::<String>::new());
    let save = move |r: Roster| {
        if let Err(e) = storage::save_roster(&r) {
            problems.set(vec![e.message()]);
        }
        roster.set(r);
    };
    let on_change = move |ev: web_sys::Event| {
        let list = files::picked_files(&ev);
        leptos::task::spawn_local(async move {
            let mut merged = roster.get_untracked();
            let mut bad = Vec::new();
            for f in list {
                let name = f.name();
                match files::read_bytes(&f, 4 * 1024 * 1024).await {
                    Ok(bytes) => match Roster::from_json(&bytes) {
                        Ok(r) => merged.merge(r),
                        Err(p) => bad.extend(p.0.iter().map(|p| format!("「{name}」: {p}"))),
                    },
                    Err(kind) => bad.push(format!("「{name}」: {}", kind.message_ja())),
                }
            }
            problems.set(bad);
            save(merged);
        });
    };
    let export = move |_| {
        let r = roster.get_untracked();
        files::download(
            &format!(
                "tenken-roster-{}.json",
                storage::now().chars().take(10).collect::<String>()
            ),
            &format!("{}\n", r.to_json()),
            "application/json",
        );
    };
    view! {
        <section aria-labelledby="roster-heading">
            <h3 id="roster-heading">"登録簿（課長の公開鍵）"</h3>
            <div class="toolbar">
                <button type="button" on:click=move |_| { if let Some(i) = input.get() { i.click(); } }>"登録ファイル・登録簿を読み込む…"</button>
                <input type="file" multiple accept=".json,application/json" class="visually-hidden roster-input" tabindex="-1" aria-hidden="true" node_ref=input on:change=on_change />
                <button type="button" on:click=export>"登録簿を書き出す"</button>
            </div>
            {move || (!problems.get().is_empty()).then(|| view! {
                <div class="problems" role="alert">
                    <p>"読み込めなかった登録があります。"</p>
                    <ul>{problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            })}
            {move || {
                let r = roster.get();
                if r.keys.is_empty() {
                    view! { <p>"登録された鍵はありません。課長から届いた登録ファイル（.tenken-key.json）を読み込んでください。"</p> }.into_any()
                } else {
                    let rows = r.keys.iter().map(|k| {
                        let key = k.public_key.clone();
                        let remove = {
                            let key = key.clone();
                            move |_| {
                                let mut next = roster.get_untracked();
                                next.keys.retain(|x| x.public_key != key);
                                save(next);
                            }
                        };
                        // 課・氏名・役職 can be corrected (e.g. a renamed 課); the key cannot
                        let field = |label: &'static str, value: String, set: fn(&mut crate::core::sign::Registration, String)| {
                            let key = key.clone();
                            view! {
                                <input
                                    type="text"
                                    aria-label=format!("{label}（{}）", value)
                                    prop:value=value.clone()
                                    on:change=move |ev| {
                                        let v = event_target_value(&ev).trim().to_string();
                                        let mut next = roster.get_untracked();
                                        if let Some(k) = next.keys.iter_mut().find(|x| x.public_key == key) {
                                            set(k, v);
                                        }
                                        save(next);
                                    }
                                />
                            }
                        };
                        view! {
                            <tr>
                                <td>{field("課", k.division.clone(), |k, v| k.division = v)}</td>
                                <td>{field("氏名", k.name.clone(), |k, v| k.name = v)}</td>
                                <td>{field("役職", k.title.clone(), |k, v| k.title = v)}</td>
                                <td><code>{k.fingerprint.clone()}</code></td>
                                <td>{k.created.clone()}</td>
                                <td><button type="button" aria-label=format!("{} {} の鍵を登録簿から削除", k.division, k.name) on:click=remove>"削除"</button></td>
                            </tr>
                        }
                    }).collect_view();
                    view! {
                        <table class="report roster">
                            <thead><tr><th scope="col">"課"</th><th scope="col">"氏名"</th><th scope="col">"役職"</th><th scope="col">"鍵の指紋"</th><th scope="col">"作成日"</th><th scope="col"><span class="visually-hidden">"操作"</span></th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}
