//! The report's charts, drawn from the same figures as its tables: 課 × 区分 heat map of
//! conformity, the items that conform least, 提出 against the deadline, and the trend across
//! the years loaded.
//!
//! Everything is decided here — the geometry (in a chart's own units: one unit is one CSS
//! pixel at full size), the shade of each cell, every label and number — and written as an
//! inline SVG whose every text is escaped ([`Chart::to_svg`]); the UI only puts it in the
//! page. Each chart carries a text alternative (`alt`: the key figures in a sentence or
//! two) and its numbers beside the marks (labels in the SVG, `notes` under it), and relies on
//! lightness, not hue, so that it reads in grey print.

use crate::core::date::{Date, fiscal_year_wareki};

/// Counts of 適合, 一部不適合, 不適合 and 該当なし.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts(pub [usize; 4]);

impl Counts {
    /// 適合.
    pub fn conforming(&self) -> usize {
        self.0[0]
    }

    /// 一部不適合 and 不適合.
    pub fn failing(&self) -> usize {
        self.0[1] + self.0[2]
    }

    /// Items that conform or not (該当なし aside).
    pub fn judged(&self) -> usize {
        self.0[0] + self.0[1] + self.0[2]
    }

    /// 適合率 in whole percent (rounded half up), `None` when nothing was judged.
    pub fn rate(&self) -> Option<usize> {
        let whole = self.judged();
        (self.conforming() * 1000)
            .checked_div(whole)
            .map(|permille| (permille + 5) / 10)
    }

    /// Adds another's counts.
    pub fn add(&mut self, other: &Counts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }

    /// 「適合 3・一部不適合 1・不適合 0・該当なし 2（適合率 75%）」.
    pub fn words(&self) -> String {
        let [ok, partly, ng, na] = self.0;
        let rate = self
            .rate()
            .map_or_else(|| "判定なし".to_string(), |r| format!("適合率 {r}%"));
        format!("適合 {ok}・一部不適合 {partly}・不適合 {ng}・該当なし {na}（{rate}）")
    }
}

/// Where a text is anchored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// At its start.
    Start,
    /// At its middle.
    Middle,
    /// At its end.
    End,
}

/// One thing drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// A rectangle; `title` is what a pointer or a screen reader shows for it.
    Rect {
        /// Left.
        x: i32,
        /// Top.
        y: i32,
        /// Width.
        w: i32,
        /// Height.
        h: i32,
        /// Its style (see `public/kanri.css`).
        class: &'static str,
        /// Its figures in words.
        title: String,
    },
    /// A text, on its baseline.
    Text {
        /// Anchor point, across.
        x: i32,
        /// Baseline.
        y: i32,
        /// The text.
        text: String,
        /// How it is anchored.
        anchor: Anchor,
        /// Its style.
        class: &'static str,
    },
    /// A straight line.
    Line {
        /// Start, across.
        x1: i32,
        /// Start, down.
        y1: i32,
        /// End, across.
        x2: i32,
        /// End, down.
        y2: i32,
        /// Its style.
        class: &'static str,
    },
    /// A line through points.
    Path {
        /// The points.
        points: Vec<(i32, i32)>,
        /// Its style.
        class: &'static str,
    },
}

/// A chart: what it shows, in words and as marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// What kind of chart (`heat-map`, `worst-items`, `progress`, `trend`): its class.
    pub id: &'static str,
    /// Its heading.
    pub title: String,
    /// The text alternative: the key figures in a sentence or two.
    pub alt: String,
    /// Width, in its units.
    pub width: i32,
    /// Height, in its units.
    pub height: i32,
    /// What is drawn, in order.
    pub marks: Vec<Mark>,
    /// The numbers beside it (a legend and the figures a reader looks for), one line each.
    pub notes: Vec<String>,
}

use crate::core::text::escape_xml as escape;

/// At most `n` characters of `s`, marked with 「…」 when cut.
fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        None => s.to_string(),
        Some((end, _)) => format!("{}…", &s[..end]),
    }
}

impl Chart {
    /// The chart as an inline `<svg>` element: `role="img"`, named by its title and
    /// described by its text alternative, scaled to the width it is given (its height
    /// follows). Every text is escaped.
    pub fn to_svg(&self) -> String {
        let mut out = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart {}" viewBox="0 0 {} {}" width="{}" role="img" aria-label="{}"><desc>{}</desc>"#,
            self.id,
            self.width,
            self.height,
            self.width,
            escape(&self.title),
            escape(&self.alt)
        );
        for m in &self.marks {
            match m {
                Mark::Rect {
                    x,
                    y,
                    w,
                    h,
                    class,
                    title,
                } => out.push_str(&format!(
                    r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" class="{class}"><title>{}</title></rect>"#,
                    escape(title)
                )),
                Mark::Text {
                    x,
                    y,
                    text,
                    anchor,
                    class,
                } => {
                    let anchor = match anchor {
                        Anchor::Start => "start",
                        Anchor::Middle => "middle",
                        Anchor::End => "end",
                    };
                    out.push_str(&format!(
                        r#"<text x="{x}" y="{y}" text-anchor="{anchor}" class="{class}">{}</text>"#,
                        escape(text)
                    ));
                }
                Mark::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    class,
                } => out.push_str(&format!(
                    r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" class="{class}"/>"#
                )),
                Mark::Path { points, class } => {
                    let d: Vec<String> = points.iter().map(|(x, y)| format!("{x},{y}")).collect();
                    out.push_str(&format!(
                        r#"<polyline points="{}" class="{class}"/>"#,
                        d.join(" ")
                    ));
                }
            }
        }
        out.push_str("</svg>");
        out
    }
}

/// The shade of a heat-map cell by its 適合率: the lower, the darker (`heat-0` all conform …
/// `heat-3` under half; `heat-none` nothing judged).
pub fn shade(rate: Option<usize>) -> &'static str {
    match rate {
        None => "heat-none",
        Some(100..) => "heat-0",
        Some(80..) => "heat-1",
        Some(50..) => "heat-2",
        Some(_) => "heat-3",
    }
}

/// Whether a shade is dark (its text is drawn light).
fn dark(class: &str) -> bool {
    class == "heat-3"
}

/// One row of a heat map: a 課 and its counts per section (`None`: no item of it applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatRow {
    /// The 課.
    pub division: String,
    /// Per section, in the sections' order.
    pub cells: Vec<Option<Counts>>,
}

const ROW: i32 = 22;
const LABEL_W: i32 = 150;

/// 課 × 区分: each cell the 課's 適合率 on that section's items, shaded (darker is worse), the
/// percentage written in it and its counts in its title; the legend and the weakest
/// sections beside it.
pub fn heat_map(title: &str, sections: &[String], rows: &[HeatRow]) -> Chart {
    let col_w = 76;
    let head_h = 2 * ROW;
    let width = LABEL_W + col_w * sections.len().max(1) as i32 + 8;
    let height = head_h + ROW * rows.len() as i32 + 4;
    let mut marks = Vec::new();
    for (c, s) in sections.iter().enumerate() {
        let x = LABEL_W + col_w * c as i32 + col_w / 2;
        // section titles on two lines of at most 6 characters
        let first: String = s.chars().take(6).collect();
        let rest: String = s.chars().skip(6).collect();
        marks.push(Mark::Text {
            x,
            y: ROW - 6,
            text: first,
            anchor: Anchor::Middle,
            class: "axis",
        });
        if !rest.is_empty() {
            marks.push(Mark::Text {
                x,
                y: 2 * ROW - 8,
                text: clip(&rest, 5),
                anchor: Anchor::Middle,
                class: "axis",
            });
        }
    }
    // per section, the counts over every 課
    let mut totals = vec![Counts::default(); sections.len()];
    for (r, row) in rows.iter().enumerate() {
        let y = head_h + ROW * r as i32;
        marks.push(Mark::Text {
            x: LABEL_W - 6,
            y: y + ROW - 7,
            text: clip(&row.division, 11),
            anchor: Anchor::End,
            class: "axis",
        });
        for (c, cell) in row.cells.iter().enumerate() {
            let x = LABEL_W + col_w * c as i32;
            let section = sections.get(c).map(String::as_str).unwrap_or_default();
            let (class, text, words) = match cell {
                Some(n) => {
                    if let Some(t) = totals.get_mut(c) {
                        t.add(n);
                    }
                    let rate = n.rate();
                    (
                        shade(rate),
                        rate.map_or_else(|| "—".to_string(), |r| format!("{r}%")),
                        n.words(),
                    )
                }
                None => ("heat-none", String::new(), "対象の項目なし".to_string()),
            };
            marks.push(Mark::Rect {
                x: x + 1,
                y: y + 1,
                w: col_w - 2,
                h: ROW - 2,
                class,
                title: format!("{} {}: {}", row.division, section, words),
            });
            if !text.is_empty() {
                marks.push(Mark::Text {
                    x: x + col_w / 2,
                    y: y + ROW - 7,
                    text,
                    anchor: Anchor::Middle,
                    class: if dark(class) {
                        "value on-dark"
                    } else {
                        "value"
                    },
                });
            }
        }
    }
    // the weakest sections, by their rate over every 課
    let mut weakest: Vec<(usize, &String, &Counts)> = sections
        .iter()
        .zip(&totals)
        .filter_map(|(s, t)| Some((t.rate()?, s, t)))
        .collect();
    weakest.sort_by_key(|(rate, _, _)| *rate);
    let judged: usize = rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.as_ref().is_some_and(|n| n.judged() > 0))
        .count();
    let low: usize = rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| c.as_ref().and_then(Counts::rate).is_some_and(|r| r < 80))
        .count();
    let alt = format!(
        "{} 課 × {} 区分の適合率。判定のある {judged} マスのうち 80% 未満は {low} マス。{}",
        rows.len(),
        sections.len(),
        match weakest.first() {
            Some((rate, s, _)) => format!("最も低い区分は「{s}」（全課で {rate}%）。"),
            None => String::new(),
        }
    );
    let mut notes = vec![
        "濃いほど適合率が低い: 白 100%、薄 80〜99%、中 50〜79%、濃 50% 未満。灰は判定なし（対象の項目なし、または該当なしのみ）。".to_string(),
    ];
    notes.extend(
        weakest
            .iter()
            .take(3)
            .map(|(_, s, t)| format!("{s}: 全課で {}", t.words())),
    );
    Chart {
        id: "heat-map",
        title: title.to_string(),
        alt,
        width,
        height,
        marks,
        notes,
    }
}

/// An item of the worst-items chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemBar {
    /// 「第14条第1項 従事者に…」.
    pub label: String,
    /// Its counts over every 課.
    pub counts: Counts,
}

/// The items that conform least (as given: worst first), each a bar of 適合 / 一部不適合 /
/// 不適合 over the 課 that answered it, the figures at its end.
pub fn worst_items(title: &str, items: &[ItemBar]) -> Chart {
    let label_w = 300;
    let bar_w = 300;
    let width = label_w + bar_w + 230;
    let height = ROW * items.len() as i32 + 8;
    let mut marks = Vec::new();
    for (r, item) in items.iter().enumerate() {
        let y = ROW * r as i32 + 4;
        marks.push(Mark::Text {
            x: label_w - 6,
            y: y + ROW - 7,
            text: clip(&item.label, 24),
            anchor: Anchor::End,
            class: "axis",
        });
        let judged = item.counts.judged().max(1) as i32;
        let mut x = label_w;
        for (k, class, name) in [
            (0, "bar-ok", "適合"),
            (1, "bar-partly", "一部不適合"),
            (2, "bar-ng", "不適合"),
        ] {
            let n = item.counts.0[k] as i32;
            let w = bar_w * n / judged;
            if w > 0 {
                marks.push(Mark::Rect {
                    x,
                    y: y + 3,
                    w,
                    h: ROW - 6,
                    class,
                    title: format!("{}: {name} {n}", item.label),
                });
            }
            x += w;
        }
        marks.push(Mark::Text {
            x: label_w + bar_w + 6,
            y: y + ROW - 7,
            text: format!(
                "不適合 {}・一部 {}／{}（{}）",
                item.counts.0[2],
                item.counts.0[1],
                item.counts.judged(),
                item.counts
                    .rate()
                    .map_or_else(|| "—".into(), |r| format!("{r}%"))
            ),
            anchor: Anchor::Start,
            class: "value",
        });
    }
    let alt = match items.first() {
        Some(i) => format!(
            "適合率の低い項目 {} 件。最も低いのは {}（{}）。",
            items.len(),
            i.label,
            i.counts.words()
        ),
        None => "不適合・一部不適合の項目はありません。".into(),
    };
    Chart {
        id: "worst-items",
        title: title.to_string(),
        alt,
        width,
        height,
        marks,
        notes: vec![
            "棒: 左から 適合（白）・一部不適合（中）・不適合（濃）。数字は 不適合・一部不適合／判定した課の数（適合率）。"
                .into(),
        ],
    }
}

/// 提出 against the deadline: how many of the `registered` 課 had submitted by each day
/// (`firsts`: each submitting 課's first counted signature day), with the deadline marked.
pub fn progress(registered: usize, firsts: &[Date], deadline: Option<Date>) -> Option<Chart> {
    let mut days: Vec<Date> = firsts.to_vec();
    days.sort();
    let (first, last) = (*days.first()?, *days.last()?);
    let start = deadline.map_or(first, |d| first.min(d));
    let end = deadline.map_or(last, |d| last.max(d));
    let span = (day_number(end) - day_number(start)).max(1);
    let (left, top, plot_w, plot_h) = (60, 16, 520, 160);
    let width = left + plot_w + 150;
    let height = top + plot_h + 44;
    let whole = registered.max(days.len()).max(1) as i64;
    let at_x = |d: Date| left + ((day_number(d) - day_number(start)) * plot_w as i64 / span) as i32;
    let at_y = |n: usize| top + plot_h - (n as i64 * plot_h as i64 / whole) as i32;
    let mut marks = vec![
        Mark::Line {
            x1: left,
            y1: top + plot_h,
            x2: left + plot_w,
            y2: top + plot_h,
            class: "axis-line",
        },
        Mark::Line {
            x1: left,
            y1: at_y(registered),
            x2: left + plot_w,
            y2: at_y(registered),
            class: "goal",
        },
        Mark::Text {
            x: left + plot_w + 6,
            y: at_y(registered) + 4,
            text: format!("登録 {registered} 課"),
            anchor: Anchor::Start,
            class: "value",
        },
    ];
    // a step per day on which 課 first submitted
    let mut points = vec![(at_x(start), at_y(0))];
    let mut n = 0;
    for (i, d) in days.iter().enumerate() {
        if i + 1 < days.len() && days[i + 1] == *d {
            continue;
        }
        let x = at_x(*d);
        points.push((x, at_y(n)));
        n = i + 1;
        points.push((x, at_y(n)));
    }
    points.push((at_x(end), at_y(n)));
    marks.push(Mark::Path {
        points,
        class: "progress-line",
    });
    let on_time = deadline.map_or(days.len(), |due| days.iter().filter(|d| **d <= due).count());
    let late = days.len() - on_time;
    let missing = registered.saturating_sub(days.len());
    marks.push(Mark::Text {
        x: left + plot_w + 6,
        y: at_y(n) + 16,
        text: format!("提出 {n} 課"),
        anchor: Anchor::Start,
        class: "value",
    });
    if let Some(due) = deadline {
        let x = at_x(due);
        marks.push(Mark::Line {
            x1: x,
            y1: top - 4,
            x2: x,
            y2: top + plot_h,
            class: "deadline",
        });
        marks.push(Mark::Text {
            x,
            y: top + plot_h + 32,
            text: format!("期限 {}", due.wareki()),
            anchor: Anchor::Middle,
            class: "axis",
        });
    }
    for (d, anchor) in [(start, Anchor::Start), (end, Anchor::End)] {
        marks.push(Mark::Text {
            x: at_x(d),
            y: top + plot_h + 16,
            text: d.wareki(),
            anchor,
            class: "axis",
        });
    }
    marks.push(Mark::Text {
        x: left - 6,
        y: at_y(0),
        text: "0".into(),
        anchor: Anchor::End,
        class: "axis",
    });
    let alt = match deadline {
        Some(due) => format!(
            "登録 {registered} 課のうち、期限（{}）までに {on_time} 課、期限後に {late} 課が提出、未提出 {missing} 課。",
            due.wareki()
        ),
        None => format!(
            "登録 {registered} 課のうち {} 課が提出、未提出 {missing} 課（期限の指定なし）。",
            days.len()
        ),
    };
    Some(Chart {
        id: "progress",
        title: "提出の推移".into(),
        alt: alt.clone(),
        width,
        height,
        marks,
        notes: vec![alt],
    })
}

/// Days since an epoch, for spacing dates.
fn day_number(d: Date) -> i64 {
    // days from civil (H. Hinnant's algorithm)
    let (y, m, day) = (
        i64::from(d.year) - i64::from(d.month <= 2),
        i64::from(d.month),
        i64::from(d.day),
    );
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// One 年度 of the trend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    /// The 年度 (its starting year).
    pub year: i32,
    /// The 課 with a result for it.
    pub divisions: usize,
    /// Their counts together.
    pub counts: Counts,
}

/// The municipality's 適合率 per 年度 loaded (oldest first), a bar each with its figure; at
/// least two years, or nothing to compare.
pub fn trend(years: &[Year]) -> Option<Chart> {
    if years.len() < 2 {
        return None;
    }
    let (left, top, bar_w, gap, plot_h) = (40, 20, 90, 40, 150);
    let width = left + (bar_w + gap) * years.len() as i32 + gap;
    let height = top + plot_h + 44;
    let mut marks = vec![Mark::Line {
        x1: left,
        y1: top + plot_h,
        x2: width - 10,
        y2: top + plot_h,
        class: "axis-line",
    }];
    for (i, y) in years.iter().enumerate() {
        let x = left + gap / 2 + (bar_w + gap) * i as i32;
        let rate = y.counts.rate();
        let h = rate.map_or(0, |r| r as i32 * plot_h / 100);
        marks.push(Mark::Rect {
            x,
            y: top + plot_h - h,
            w: bar_w,
            h,
            class: "bar-year",
            title: format!(
                "{}: {} 課、{}",
                fiscal_year_wareki(y.year),
                y.divisions,
                y.counts.words()
            ),
        });
        marks.push(Mark::Text {
            x: x + bar_w / 2,
            y: top + plot_h - h - 4,
            text: rate.map_or_else(|| "—".into(), |r| format!("{r}%")),
            anchor: Anchor::Middle,
            class: "value",
        });
        marks.push(Mark::Text {
            x: x + bar_w / 2,
            y: top + plot_h + 16,
            text: fiscal_year_wareki(y.year),
            anchor: Anchor::Middle,
            class: "axis",
        });
        marks.push(Mark::Text {
            x: x + bar_w / 2,
            y: top + plot_h + 32,
            text: format!("{} 課", y.divisions),
            anchor: Anchor::Middle,
            class: "axis",
        });
    }
    let words: Vec<String> = years
        .iter()
        .map(|y| {
            format!(
                "{} {}",
                fiscal_year_wareki(y.year),
                y.counts
                    .rate()
                    .map_or_else(|| "—".into(), |r| format!("{r}%"))
            )
        })
        .collect();
    let alt = format!("年度ごとの全課の適合率: {}。", words.join("、"));
    Some(Chart {
        id: "trend",
        title: "適合率の推移（年度別）".into(),
        alt: alt.clone(),
        width,
        height,
        marks,
        notes: vec![alt],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(ok: usize, partly: usize, ng: usize, na: usize) -> Counts {
        Counts([ok, partly, ng, na])
    }

    #[test]
    fn a_heat_map_cell_is_its_divisions_rate_on_that_section_shaded_by_it() {
        let sections = vec!["安全管理".to_string(), "委託と外部の事業者".to_string()];
        let rows = vec![
            HeatRow {
                division: "総務課".into(),
                cells: vec![Some(counts(3, 0, 1, 0)), Some(counts(2, 0, 0, 1))],
            },
            HeatRow {
                division: "<script>課".into(),
                cells: vec![Some(counts(0, 1, 1, 0)), None],
            },
        ];
        let c = heat_map("課 × 区分", &sections, &rows);
        let cells: Vec<(&str, &str)> = c
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { class, title, .. } => Some((*class, title.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            cells,
            [
                (
                    "heat-2",
                    "総務課 安全管理: 適合 3・一部不適合 0・不適合 1・該当なし 0（適合率 75%）"
                ),
                (
                    "heat-0",
                    "総務課 委託と外部の事業者: 適合 2・一部不適合 0・不適合 0・該当なし 1（適合率 100%）"
                ),
                (
                    "heat-3",
                    "<script>課 安全管理: 適合 0・一部不適合 1・不適合 1・該当なし 0（適合率 0%）"
                ),
                ("heat-none", "<script>課 委託と外部の事業者: 対象の項目なし"),
            ]
        );
        assert!(c.alt.contains("2 課 × 2 区分"), "{}", c.alt);
        assert!(c.alt.contains("「安全管理」（全課で 50%）"), "{}", c.alt);
        // the percentages are written in the cells, light on the darkest
        let svg = c.to_svg();
        assert!(svg.contains(r#"class="value">75%</text>"#), "{svg}");
        assert!(svg.contains(r#"class="value on-dark">0%</text>"#), "{svg}");
        // text from files is escaped, never markup
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;課"), "{svg}");
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img" aria-label="課 × 区分""#));
    }

    #[test]
    fn shades_darken_as_the_rate_falls() {
        assert_eq!(
            [
                None,
                Some(100),
                Some(99),
                Some(80),
                Some(79),
                Some(50),
                Some(49),
                Some(0)
            ]
            .map(shade),
            [
                "heat-none",
                "heat-0",
                "heat-1",
                "heat-1",
                "heat-2",
                "heat-2",
                "heat-3",
                "heat-3"
            ]
        );
        assert_eq!(counts(0, 0, 0, 4).rate(), None);
        assert_eq!(counts(2, 1, 0, 0).rate(), Some(67));
    }

    #[test]
    fn progress_counts_divisions_by_their_first_day_against_the_deadline() {
        let d = |m, day| Date::new(2026, m, day).expect("date");
        let c = progress(5, &[d(7, 1), d(7, 1), d(7, 20), d(8, 3)], Some(d(7, 31))).expect("chart");
        assert_eq!(
            c.alt,
            "登録 5 課のうち、期限（令和8年7月31日）までに 3 課、期限後に 1 課が提出、未提出 1 課。"
        );
        let Some(Mark::Path { points, .. }) =
            c.marks.iter().find(|m| matches!(m, Mark::Path { .. }))
        else {
            panic!("no steps")
        };
        // start, then up at each day (2 on 7/1, 1 on 7/20, 1 on 8/3), then flat to the end
        assert_eq!(points.len(), 2 + 2 * 3);
        let heights: Vec<i32> = points.iter().map(|p| p.1).collect();
        assert!(heights.windows(2).all(|w| w[1] <= w[0]), "{heights:?}");
        assert!(progress(5, &[], None).is_none());
    }

    #[test]
    fn the_trend_needs_two_years_and_gives_each_its_rate() {
        let y = |year, ok, ng| Year {
            year,
            divisions: 2,
            counts: counts(ok, 0, ng, 0),
        };
        assert!(trend(&[y(2026, 1, 1)]).is_none());
        let c = trend(&[y(2025, 9, 1), y(2026, 4, 1)]).expect("chart");
        assert_eq!(
            c.alt,
            "年度ごとの全課の適合率: 令和7年度 90%、令和8年度 80%。"
        );
    }

    #[test]
    fn worst_items_are_bars_of_their_answers_with_the_figures() {
        let c = worst_items(
            "適合率の低い項目",
            &[ItemBar {
                label: "第14条第1項 従事者に安全管理措置に係る指導".into(),
                counts: counts(1, 1, 2, 0),
            }],
        );
        let widths: Vec<(i32, &str)> = c
            .marks
            .iter()
            .filter_map(|m| match m {
                Mark::Rect { w, class, .. } => Some((*w, *class)),
                _ => None,
            })
            .collect();
        assert_eq!(
            widths,
            [(75, "bar-ok"), (75, "bar-partly"), (150, "bar-ng")]
        );
        assert!(c.to_svg().contains("不適合 2・一部 1／4（25%）"));
    }
}
