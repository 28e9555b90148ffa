//! One table of the review report, with its CSV download.

use leptos::prelude::*;

use crate::core::review::Table;
use crate::ui::platform::files;

/// Rows shown before 「すべて表示」 (the CSV always has all of them).
const SHOWN: usize = 200;

/// A report table.
#[component]
pub fn ReportTable(
    /// The table.
    table: Table,
) -> impl IntoView {
    let all = RwSignal::new(false);
    let heading_id = format!("table-{}", table.name);
    let labelled_by = heading_id.clone();
    let csv = table.to_csv();
    let name = table.name.clone();
    let download = move |_| {
        files::download_bytes(&format!("tenken_{name}.csv"), &csv, "text/csv");
    };
    // the columns a person reads; ids and ISO dates are in the CSV and the workbook only
    let shown = table.shown;
    let headers = table
        .shown_headers()
        .iter()
        .map(|h| view! { <th scope="col">{h.clone()}</th> })
        .collect_view();
    let total = table.rows.len();
    let rows = table.rows.clone();
    view! {
        <section class="report-table" aria-labelledby=labelled_by>
            <h3 id=heading_id>{table.name.clone()}<span class="count">{format!("（{total} 行）")}</span></h3>
            <p><button type="button" on:click=download>{format!("「{}」を CSV で保存", table.name)}</button></p>
            {(total == 0).then(|| view! { <p>"該当なし"</p> })}
            {(total > 0).then(|| view! {
                <div class="table-scroll">
                    <table class="report">
                        <thead><tr>{headers}</tr></thead>
                        <tbody>
                            {move || {
                                let n = if all.get() { total } else { total.min(SHOWN) };
                                rows[..n]
                                    .iter()
                                    .map(|r| view! { <tr>{r.iter().take(shown).map(|c| view! { <td>{c.text()}</td> }).collect_view()}</tr> })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
            })}
            {move || (total > SHOWN && !all.get()).then(|| view! {
                <p>{format!("先頭の {SHOWN} 行を表示しています。")}
                    <button type="button" class="link" on:click=move |_| all.set(true)>"すべて表示"</button>
                </p>
            })}
        </section>
    }
}
