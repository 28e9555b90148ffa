//! 印刷: the report on A4 through the browser's print (or "save as PDF").

use leptos::prelude::*;

use crate::ui::platform::clock;

use crate::core::Bundle;
use crate::core::bundle::ChecklistKind;
use crate::core::date::{Date, fiscal_year_wareki};
use crate::core::evaluate::ItemStatus;
use crate::core::last_signed::Standing;
use crate::ui::state::editor::Editor;
use crate::ui::state::keys::Keys;

/// Today's date in Japan.
fn today() -> Option<Date> {
    Some(crate::core::date::today_jst(clock::unix_now()))
}

/// The printable report of the open draft.
#[component]
pub fn PrintView() -> impl IntoView {
    let editor = expect_context::<Editor>();
    let keys = expect_context::<Keys>();
    let bundle = editor.bundle();
    let checklist = editor.checklist;
    let list = editor.list();
    let b = bundle.clone();
    let sources = bundle
        .sources
        .iter()
        .map(|s| {
            format!(
                "{}{}",
                s.title,
                s.number
                    .as_ref()
                    .map(|n| format!("（{n}）"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("、");
    let report = move || {
        let e = editor.eval.get();
        let d = editor.draft.get();
        let s = &d.subject;
        let mut subject: Vec<(&str, String)> = match list.kind {
            ChecklistKind::Inspection => vec![
                (
                    "対象年度",
                    s.fiscal_year.map(fiscal_year_wareki).unwrap_or_default(),
                ),
                ("対象の情報システム", s.systems.clone()),
            ],
            ChecklistKind::Contract => vec![
                ("件名", s.contract_title.clone()),
                ("委託先", s.contractor.clone()),
                (
                    "契約期間",
                    format!(
                        "{} ～ {}",
                        Date::parse_iso(&s.period_from)
                            .map(|d| d.wareki())
                            .unwrap_or_default(),
                        Date::parse_iso(&s.period_to)
                            .map(|d| d.wareki())
                            .unwrap_or_default()
                    ),
                ),
            ],
        };
        subject.extend([
            ("課名", s.division.clone()),
            ("氏名", s.name.clone()),
            ("役職", s.title.clone()),
        ]);
        let subject = subject
            .into_iter()
            .map(|(k, v)| view! { <tr><th scope="row">{k}</th><td>{v}</td></tr> })
            .collect_view();
        // the profile answers: why each 対象外 item is not asked, on paper too
        let profile = list
            .profile
            .iter()
            .map(|q| {
                let answer = d
                    .profile
                    .get(&q.id)
                    .map(|a| a.label(q))
                    .unwrap_or_else(|| "未回答".into());
                view! { <tr><th scope="row">{q.text.clone()}</th><td>{answer}</td></tr> }
            })
            .collect_view();
        let not_applicable: Vec<_> = list
            .items()
            .filter_map(|(_, i)| match e.item(&i.id).map(|ie| &ie.status) {
                Some(ItemStatus::NotApplicable { because, .. }) => Some(view! {
                    <tr>
                        <td><span class="item-id">{i.display_number()}</span>" "{i.text.clone()}</td>
                        <td>{because.clone()}</td>
                    </tr>
                }),
                _ => None,
            })
            .collect();
        let sections = list
            .sections
            .iter()
            .enumerate()
            .filter_map(|(si, section)| {
                let rows: Vec<_> = section
                    .items
                    .iter()
                    .filter(|i| e.item(&i.id).is_some_and(|ie| !matches!(ie.status, ItemStatus::NotApplicable { .. })))
                    .map(|i| {
                        let a = d.answers.get(&i.id).cloned().unwrap_or_default();
                        let label = a
                            .option
                            .as_deref()
                            .and_then(|o| b.scale(&i.scale)?.option(o))
                            .map(|o| o.label.clone())
                            .unwrap_or_else(|| "未回答".into());
                        let mut detail = Vec::new();
                        if !a.clause_ref.is_empty() {
                            detail.push(format!("契約書 {}", a.clause_ref));
                        }
                        if !a.plan.is_empty() {
                            let due = Date::parse_iso(&a.plan.due).map(|d| d.wareki()).unwrap_or(a.plan.due.clone());
                            detail.push(format!("改善計画：{}（担当 {}、期限 {due}）", a.plan.action, a.plan.owner));
                        }
                        if !a.note.is_empty() {
                            detail.push(format!("備考：{}", a.note));
                        }
                        let cites = i.cite.iter().map(|c| c.label()).collect::<Vec<_>>().join("、");
                        view! {
                            <tr>
                                <td><span class="item-id">{i.display_number()}</span>" "{i.text.clone()}<span class="cite-ref">{cites}</span></td>
                                <td class="answer">{label}</td>
                                <td>{detail.into_iter().map(|t| view! { <p>{t}</p> }).collect_view()}</td>
                            </tr>
                        }
                    })
                    .collect();
                (!rows.is_empty()).then(|| {
                    let _ = si;
                    view! {
                        <h4>{section.title.clone()}</h4>
                        <table class="print-items">
                            <colgroup><col /><col class="answer" /><col class="detail" /></colgroup>
                            <thead><tr><th scope="col">"項目"</th><th scope="col" class="answer">"回答"</th><th scope="col">"改善計画・備考"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    }
                })
            })
            .collect_view();
        let counts = e
            .counts
            .iter()
            .map(|(o, n)| {
                let label = list
                    .items()
                    .filter_map(|(_, i)| b.scale(&i.scale))
                    .find_map(|s| s.option(o))
                    .map(|x| x.label.clone())
                    .unwrap_or_else(|| o.clone());
                format!("{label} {n}件")
            })
            .collect::<Vec<_>>()
            .join("、");
        let na = e
            .items
            .iter()
            .filter(|i| matches!(i.status, ItemStatus::NotApplicable { .. }))
            .count();
        let verdict = e.verdict.as_ref().map(|v| {
            if v.missing_clauses.is_empty() {
                "判定：必要な条項はすべて明記されている".to_string()
            } else {
                format!(
                    "判定：締結前に追加が必要な条項 {}（{}）",
                    v.missing_clauses.len(),
                    list.numbers_of(&v.missing_clauses)
                )
            }
        });
        view! {
            <table class="print-subject"><tbody>{subject}</tbody></table>
            {(!list.profile.is_empty()).then(|| view! {
                <h4>"前提の質問"</h4>
                <table class="print-profile"><tbody>{profile}</tbody></table>
            })}
            {sections}
            {(!not_applicable.is_empty()).then(|| view! {
                <h4>"対象外の項目"</h4>
                <table class="print-items print-na">
                    <colgroup><col /><col class="detail" /></colgroup>
                    <thead><tr><th scope="col">"項目"</th><th scope="col">"対象外の理由"</th></tr></thead>
                    <tbody>{not_applicable}</tbody>
                </table>
            })}
            // the summary, the signature and the 確認欄 kept together on the last page
            <div class="print-end">
            <h4>"まとめ"</h4>
            <p>{format!("{counts}{}対象外 {na}件", if counts.is_empty() { "" } else { "、" })}</p>
            {(!e.is_complete()).then(|| view! { <p class="incomplete">"未完了の項目があります（この報告は下書きです）。"</p> })}
            {verdict.map(|v| view! { <p class="verdict-line">{v}</p> })}
            // only a signature this browser's key verifies, over the draft's result as it is
            {match editor.signature(&keys) {
                Some((Standing::Current(sig), derived)) => view! {
                    <p class="signature-line">
                        {format!(
                            "電子署名：鍵の指紋 {}{} ／ 署名のハッシュ {} ／ 提出ファイル {}",
                            sig.fingerprint,
                            if derived { "" } else { "（未確認）" },
                            sig.signature_hash,
                            sig.file
                        )}
                    </p>
                }.into_any(),
                _ => view! { <p class="signature-line">"電子署名：なし（署名は「まとめ」で行います）"</p> }.into_any(),
            }}
            <section class="print-confirm" aria-labelledby="print-confirm">
                <h4 id="print-confirm">"確認欄"</h4>
                <table>
                    <thead><tr><th scope="col">"確認者（職・氏名）"</th><th scope="col">"確認日"</th><th scope="col">"印"</th></tr></thead>
                    <tbody><tr><td></td><td>"　　　年　　月　　日"</td><td></td></tr></tbody>
                </table>
            </section>
            </div>
        }
    };
    let report_to = list_report_to(&bundle, checklist);
    view! {
        <h3>"印刷"</h3>
        <p class="no-print">
            <button type="button" class="primary" on:click=move |_| { window().print().ok(); }>"印刷する"</button>
            " A4 縦で印刷されます。PDF にするときは、印刷先に「PDF に保存」を選んでください。"
        </p>
        <article class="print-view">
            <header>
                <h1>{bundle.heading_with(&list_title(&bundle, checklist))}</h1>
                <p>{format!("根拠：{sources}")}</p>
                <p>{format!("規則の版：{}施行 ／ 作成日：{}", bundle.version.wareki(), today().map(|d| d.wareki()).unwrap_or_default())}</p>
                {report_to.map(|r| view! { <p class="report-to">{format!("報告先：{r}")}</p> })}
            </header>
            {report}
        </article>
    }
}

/// To whom the checklist's result is reported, when the regulation says.
fn list_report_to(bundle: &Bundle, checklist: usize) -> Option<String> {
    bundle
        .checklists
        .get(checklist)
        .and_then(|c| c.report_to.clone())
        .filter(|r| !r.trim().is_empty())
}

fn list_title(bundle: &Bundle, checklist: usize) -> String {
    bundle
        .checklists
        .get(checklist)
        .map(|c| format!("{}（{}）", c.title, c.kind.label()))
        .unwrap_or_default()
}
