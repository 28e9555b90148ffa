//! 点検の対象 (課名, 氏名, 役職, 対象年度, systems) or 契約の概要 (件名, 委託先, 契約期間, 担当).

use leptos::prelude::*;

use crate::core::bundle::ChecklistKind;
use crate::core::date::Date;
use crate::core::draft::{Part, Subject};
use crate::core::name::visible_only;
use crate::ui::state::editor::Editor;
use crate::ui::widgets::field::Field;

use super::year::FiscalYearField;

/// A labelled text field bound to one field of the subject: saved as typed (within a
/// moment), trimmed when left. Invisible characters would make a look-alike 課名: they are
/// never stored, and the field says so.
#[component]
fn SubjectField(
    /// The label.
    label: &'static str,
    /// Reads the field.
    get: fn(&Subject) -> String,
    /// Writes the field.
    set: fn(&mut Subject, String),
    /// Extra explanation under the field.
    #[prop(optional)]
    hint: Option<&'static str>,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let removed = RwSignal::new(None::<String>);
    let value = Signal::derive(move || editor.draft.with(|d| get(&d.subject)));
    let on_input = move |v: String| {
        let clean = visible_only(&v);
        removed.set((clean != v).then(|| {
            "目に見えない文字（制御文字・ゼロ幅文字など）が含まれていたため取り除きました。"
                .to_string()
        }));
        editor.edit(Part::Subject, |d| set(&mut d.subject, clean));
    };
    let on_change = move |v: String| {
        let clean = visible_only(&v).trim().to_string();
        editor.edit(Part::Subject, |d| set(&mut d.subject, clean));
    };
    view! {
        <Field id=format!("subject-{label}") label value on_input on_change=Box::new(on_change) hint note=removed />
    }
}

/// A typed date stored as `YYYY-MM-DD` when it can be read, else as typed.
fn loose_date(v: String) -> String {
    Date::parse_loose(&v).map(|d| d.to_string()).unwrap_or(v)
}

/// The subject of the draft.
#[component]
pub fn SubjectForm(
    /// The checklist's kind: which fields are asked.
    kind: ChecklistKind,
) -> impl IntoView {
    let editor = expect_context::<Editor>();
    let common = view! {
        <SubjectField label="課名" get=|s| s.division.clone() set=|s, v| s.division = v />
        <SubjectField label="氏名" get=|s| s.name.clone() set=|s, v| s.name = v />
        <SubjectField label="役職" get=|s| s.title.clone() set=|s, v| s.title = v />
    };
    let specific = match kind {
        ChecklistKind::Inspection => view! {
            <FiscalYearField />
            <SubjectField label="対象の情報システム" get=|s| s.systems.clone() set=|s, v| s.systems = v
                hint="所管する情報システム・電子情報処理を、読点（、）で区切って記入します。" />
        }
        .into_any(),
        ChecklistKind::Contract => view! {
            <SubjectField label="件名" get=|s| s.contract_title.clone() set=|s, v| s.contract_title = v />
            <SubjectField label="委託先" get=|s| s.contractor.clone() set=|s, v| s.contractor = v />
            <SubjectField label="契約期間（開始）" get=|s| s.period_from.clone() set=|s, v| s.period_from = loose_date(v)
                hint="例：2027-04-01、令和9年4月1日" />
            <SubjectField label="契約期間（終了）" get=|s| s.period_to.clone() set=|s, v| s.period_to = loose_date(v) />
        }
        .into_any(),
    };
    let heading = match kind {
        ChecklistKind::Inspection => "点検の対象",
        ChecklistKind::Contract => "契約の概要",
    };
    view! {
        <h3>{heading}</h3>
        <div class="form">
            {specific}
            {common}
            <div class="field">
                <label for="draft-label">"下書きの名前（省略可）"</label>
                <input id="draft-label" type="text"
                    prop:value=move || editor.draft.with(|d| d.label.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); editor.edit(Part::Label, |d| d.label = v); }
                    on:change=move |ev| { let v = event_target_value(&ev); editor.edit(Part::Label, |d| d.label = v.trim().to_string()); } />
            </div>
        </div>
    }
}
