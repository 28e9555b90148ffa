//! One chart of the report: its heading, the SVG core drew (escaped there, see
//! `core::review::chart`), and its numbers beside it.

use leptos::prelude::*;

use crate::core::review::Chart;

/// A chart with its heading and notes.
#[component]
pub fn ChartFigure(
    /// The chart.
    chart: Chart,
) -> impl IntoView {
    let svg = chart.to_svg();
    view! {
        <figure class=format!("chart-figure {}", chart.id)>
            <figcaption>{chart.title.clone()}</figcaption>
            <div class="chart-svg" inner_html=svg></div>
            <ul class="chart-notes">
                {chart.notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </figure>
    }
}
