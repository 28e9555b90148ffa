//! A result file opened read-only, with what its signature says.

use crate::core::message::Message;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::date::{Date, fiscal_year_wareki};
use crate::core::sign::Opened;
use crate::ui::state::bundles::Bundles;
use crate::ui::state::keys::Keys;

use crate::ui::state::nav::OpenedFile;

/// The signing date in Japan, in 和暦.
fn unix_to_wareki(secs: u64) -> String {
    Date::from_unix_jst(secs)
        .map(|d| d.wareki())
        .unwrap_or_default()
}

/// An ISO date in 和暦; anything else as it is.
fn wareki_or_as_is(iso: &str) -> String {
    Date::parse_iso(iso)
        .map(|d| d.wareki())
        .unwrap_or_else(|| iso.to_string())
}

/// The read-only view.
#[component]
pub fn ResultView(
    /// The opened file.
    file: Arc<OpenedFile>,
) -> impl IntoView {
    let keys = expect_context::<Keys>();
    let own_key = keys.key.get_untracked().map(|k| k.public_key);
    let status = match &file.opened {
        Opened::Valid(v) => {
            let own = own_key.as_deref() == Some(v.public_key.as_str());
            view! {
                <div class="verdict ok" role="status">
                    <p><strong>"署名は有効です。"</strong>" 署名の後に内容は変えられていません。"</p>
                    <p>"鍵の指紋 "<code class="fingerprint">{v.fingerprint.clone()}</code>
                        {own.then_some("（この PC の鍵）")}
                        "　署名のハッシュ "<code>{v.signature_hash.clone()}</code>
                        {v.signed_at.map(|t| format!("　署名日 {}", unix_to_wareki(t)))}
                    </p>
                    <p class="hint">"鍵が本人のものかは、情報担当課の登録簿で確かめます。"</p>
                </div>
            }
            .into_any()
        }
        Opened::Invalid { error, .. } => view! {
            <div class="verdict ng" role="alert">
                <p><strong>"署名が正しくありません。"</strong>" この内容は信頼できません。"</p>
                <p>{error.message_ja()}</p>
            </div>
        }
        .into_any(),
        Opened::Unsigned(_) => view! {
            <div class="verdict warning" role="status"><p>"署名のない結果ファイルです（控え）。"</p></div>
        }
        .into_any(),
    };
    let bundles = expect_context::<Bundles>();
    let body = file.opened.result().cloned().map(|r| {
        // the checklist answered, when this browser has the bundle: the numbers the 課長 saw
        let list = bundles
            .find(&r.bundle.id, &r.bundle.hash)
            .and_then(|b| b.checklist(&r.checklist).cloned());
        let s = &r.subject;
        let mut subject: Vec<(&str, String)> = vec![
            ("課名", s.division.clone()),
            ("氏名", s.name.clone()),
            ("役職", s.title.clone()),
        ];
        if let Some(y) = s.fiscal_year {
            subject.push(("対象年度", fiscal_year_wareki(y)));
        }
        for (k, v) in [
            ("件名", &s.contract_title),
            ("委託先", &s.contractor),
            ("対象の情報システム", &s.systems),
        ] {
            if !v.is_empty() {
                subject.push((k, v.clone()));
            }
        }
        if !s.period_from.is_empty() || !s.period_to.is_empty() {
            subject.push((
                "契約期間",
                format!(
                    "{} ～ {}",
                    wareki_or_as_is(&s.period_from),
                    wareki_or_as_is(&s.period_to)
                ),
            ));
        }
        let subject = subject
            .into_iter()
            .map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> })
            .collect_view();
        let items = r
            .items
            .iter()
            .filter(|i| i.not_applicable.is_none())
            .map(|i| {
                let plan = i
                    .plan
                    .as_ref()
                    .map(|p| format!("{}（担当 {}、期限 {}）", p.action, p.owner, wareki_or_as_is(&p.due)))
                    .unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{r.item_words(&i.id, list.as_ref())}</th>
                        <td>{i.label.clone().unwrap_or_default()}</td>
                        <td>{i.clause_ref.clone()}</td>
                        <td>{i.note.clone()}</td>
                        <td>{plan}</td>
                    </tr>
                }
            })
            .collect_view();
        let na = r.items.iter().filter(|i| i.not_applicable.is_some()).count();
        view! {
            <p>{format!("{}　{}（{}施行の版）", r.municipality, r.checklist_title, wareki_or_as_is(&r.bundle.version))}</p>
            <table class="counts"><tbody>{subject}</tbody></table>
            <h3>"回答"</h3>
            <p>{format!("対象 {} 項目、不適合 {} 件、対象外 {} 項目", r.summary.applicable, r.summary.nonconforming.len(), na)}</p>
            {r.summary.missing_clauses.as_ref().filter(|m| !m.is_empty()).map(|m| view! {
                <p class="must-add">"契約書に明記されていない必要な条項:"</p>
                <ul class="must-add">{m.iter().map(|id| view! { <li>{r.item_words(id, list.as_ref())}</li> }).collect_view()}</ul>
            })}
            <table class="plans">
                <thead><tr><th scope="col">"項目"</th><th scope="col">"回答"</th><th scope="col">"契約書の条"</th><th scope="col">"備考"</th><th scope="col">"改善計画"</th></tr></thead>
                <tbody>{items}</tbody>
            </table>
        }
    });
    view! {
        <h2>{format!("結果ファイル「{}」", file.name)}</h2>
        {status}
        {body}
    }
}
