//! 網羅: for each source, what is left to decide — the 条・項・号 and duty sentences neither
//! asked nor excluded, the lines the importer could not place, citations and exclusions that
//! point nowhere — and the exclusions with their reasons (the same report as
//! `tenken bundle coverage`).

use leptos::prelude::*;

use crate::core::Message;
use crate::core::authoring::include;
use crate::core::reiki::State;
use crate::ui::state::authoring::Authoring;

/// The coverage report of every source.
#[component]
pub fn Coverage() -> impl IntoView {
    let a = expect_context::<Authoring>();
    view! {
        <div class="coverage-report">
            <p class="hint">"規則は、例規の条・項・号と義務の文（〜しなければならない、〜ものとする、〜してはならない など）のそれぞれを、項目で尋ねるか、理由を書いて除外します。「未対応」が残っていないことを確かめてから配布してください。項目や除外は「本文と項目」の画面で作ります。"</p>
            {move || a.coverage.get().into_iter().map(|c| {
                let source = c.source.clone();
                let open_units: Vec<_> = c.open_units().cloned().collect();
                let open_duties: Vec<_> = c.open_duties().cloned().collect();
                let excluded: Vec<_> = c.units.iter().filter(|u| {
                    matches!(u.state, State::Excluded(_))
                        && u.parent.is_none_or(|p| !matches!(c.units[p].state, State::Excluded(_)))
                }).cloned().collect();
                let complete = c.complete();
                view! {
                    <section class="coverage-source">
                        <h3>{c.title.clone()}</h3>
                        <p class=if complete { "complete" } else { "incomplete" }>
                            {if complete { "未対応はありません。" } else { "未対応があります。" }}
                            {c.summary.message_ja()}
                        </p>
                        {(!open_units.is_empty()).then(|| view! {
                            <h4>"未対応の条・項・号"</h4>
                            <ul class="open-units">
                                {open_units.into_iter().map(|u| view! {
                                    <li>{format!("{}（{}行目）{}", u.label, u.line, u.text)}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(!open_duties.is_empty()).then(|| view! {
                            <h4>"未対応の義務の文"</h4>
                            <ul class="open-duties">
                                {open_duties.into_iter().map(|d| view! {
                                    <li>{format!("{}（{}行目、{}{}）{}", d.label, d.duty.line, d.duty.kind.label_ja(), d.duty.actor.as_ref().map(|a| format!("・{a}")).unwrap_or_default(), d.duty.text)}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(!c.unplaced.is_empty()).then(|| view! {
                            <h4>"条・項・号の位置に置けなかった行"</h4>
                            <ul class="unplaced">
                                {c.unplaced.iter().map(|u| view! {
                                    <li>{format!("{}行目「{}」：{}", u.line, u.text, u.kind.message_ja())}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(!c.notes.is_empty()).then(|| view! {
                            <h4>"確かめてほしいこと"</h4>
                            <ul class="coverage-notes">
                                {c.notes.iter().map(|n| view! { <li>{n.message_ja()}</li> }).collect_view()}
                            </ul>
                        })}
                        {(!excluded.is_empty()).then(|| view! {
                            <h4>"除外した条・項・号"</h4>
                            <table class="coverage">
                                <thead><tr><th>"場所"</th><th>"理由"</th><th></th></tr></thead>
                                <tbody>
                                    {excluded.into_iter().map(|u| {
                                        let reason = match &u.state { State::Excluded(r) => r.clone(), _ => String::new() };
                                        let (place, source) = (u.place.clone(), source.clone());
                                        view! {
                                            <tr>
                                                <td>{u.label.clone()}</td>
                                                <td>{reason}</td>
                                                <td><button type="button" class="link" on:click=move |_| a.edit("include", |r| include(r, &source, &place))>"除外をやめる"</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                    </section>
                }
            }).collect_view()}
        </div>
    }
}
