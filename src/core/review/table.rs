//! A table of the review report, and its CSV form for Japanese Excel.

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
}

impl Cell {
    /// The cell as text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<usize> for Cell {
    fn from(n: usize) -> Cell {
        Cell::Int(n as i64)
    }
}

/// A named table (one CSV file, one XLSX sheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Its name (sheet name, file name part).
    pub name: String,
    /// Column headings.
    pub headers: Vec<String>,
    /// Rows, each as long as `headers`.
    pub rows: Vec<Vec<Cell>>,
    /// The columns a person reads: those before this index. The rest (ids, ISO dates) are
    /// for machines — sorting, joining — kept in every export but not shown on screen.
    pub shown: usize,
}

impl Table {
    /// An empty table with these headings.
    pub fn new(name: &str, headers: &[&str]) -> Table {
        Table {
            name: name.into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            shown: headers.len(),
        }
    }

    /// The table with `headers` added after the others as columns for machines (see
    /// [`Table::shown`]).
    pub fn with_machine_columns(mut self, headers: &[&str]) -> Table {
        self.shown = self.shown.min(self.headers.len());
        self.headers.extend(headers.iter().map(|h| h.to_string()));
        self
    }

    /// The headings a person reads.
    pub fn shown_headers(&self) -> &[String] {
        &self.headers[..self.shown.min(self.headers.len())]
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// CSV as Japanese Excel opens it without 文字化け: UTF-8 with a BOM, CRLF line ends,
    /// fields quoted when needed. Text that Excel would take as a formula (`=`, `+`, `-`, `@`
    /// at the start) is prefixed with `'`, so a hostile 課名 cannot run anything; text longer
    /// than a cell holds is cut, marked 「…（以下省略）」 (see [`fit`]).
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        let line = |cells: Vec<String>, out: &mut String| {
            let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        line(
            self.headers
                .iter()
                .map(|h| fit(&defuse(h)).into_owned())
                .collect(),
            &mut out,
        );
        for row in &self.rows {
            let cells = row
                .iter()
                .map(|c| match c {
                    Cell::Int(n) => n.to_string(),
                    Cell::Text(s) => fit(&defuse(s)).into_owned(),
                })
                .collect();
            line(cells, &mut out);
        }
        out.into_bytes()
    }
}

/// The most characters Excel keeps in one cell.
pub(crate) const EXCEL_MAX_CHARS: usize = 32_767;

/// What marks text cut to fit a cell.
const CUT_MARK: &str = "…（以下省略）";

/// Text as one Excel cell holds it: as it is, or cut to [`EXCEL_MAX_CHARS`] characters
/// ending in 「…（以下省略）」. Every writer (CSV, the app's XLSX, the CLI's XLSX) puts each
/// cell, headings included, through it.
pub fn fit(s: &str) -> std::borrow::Cow<'_, str> {
    let keep = EXCEL_MAX_CHARS - CUT_MARK.chars().count();
    match s.char_indices().nth(EXCEL_MAX_CHARS) {
        None => std::borrow::Cow::Borrowed(s),
        Some(_) => {
            let end = s.char_indices().nth(keep).map_or(s.len(), |(i, _)| i);
            std::borrow::Cow::Owned(format!("{}{CUT_MARK}", &s[..end]))
        }
    }
}

/// Text that cannot start a formula in a spreadsheet. Full-width and other compatibility
/// forms (`＝`, `＋`, `－`, `＠`, which Japanese Excel also reads as formula signs) and
/// leading white space or hidden characters are looked through.
pub fn defuse(s: &str) -> String {
    let first = s.chars().find(|&c| {
        !(c == ' '
            || c == '\u{3000}'
            || crate::core::name::is_hidden(c) && c != '\t' && c != '\r' && c != '\n')
    });
    let starts_formula = first.is_some_and(|c| {
        let folded = crate::core::text::nfkc(c.encode_utf8(&mut [0u8; 4]));
        folded.starts_with(['=', '+', '-', '@']) || matches!(c, '\t' | '\r' | '\n' | '\u{2212}')
    });
    if starts_formula {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_bom_crlf_quoting_and_no_formulas() {
        let mut t = Table::new("t", &["課", "件数"]);
        t.push(vec!["情報政策課".into(), Cell::Int(3)]);
        t.push(vec!["=HYPERLINK(\"x\")".into(), Cell::Int(-1)]);
        t.push(vec!["a,b\n\"c\"".into(), 0usize.into()]);
        for sneaky in [
            "＝HYPERLINK(\"x\")",
            " =1+1",
            "\u{200B}=1",
            "＠SUM(A1)",
            "－1",
            "＋1",
        ] {
            assert!(defuse(sneaky).starts_with('\''), "{sneaky:?}");
        }
        assert_eq!(defuse("情報政策課"), "情報政策課");
        assert_eq!(defuse("2026-04-01"), "2026-04-01");
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert!(csv.starts_with("\u{feff}課,件数\r\n情報政策課,3\r\n"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\",-1\r\n"), "{csv}");
        assert!(csv.ends_with("\"a,b\n\"\"c\"\"\",0\r\n"), "{csv}");
    }
}

#[cfg(test)]
mod xlsx_tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn xlsx_has_one_sheet_per_table_and_reads_back() {
        let mut a = Table::new("提出状況", &["課", "点検"]);
        a.push(vec!["情報政策課".into(), "提出".into()]);
        a.push(vec!["=cmd()".into(), "未提出".into()]);
        let mut b = Table::new("課別の適合状況", &["課", "適合"]);
        b.push(vec!["総務課".into(), Cell::Int(12)]);
        let bytes = crate::core::review::xlsx::workbook(&[a, b]);
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        assert_eq!(book.sheet_names(), ["提出状況", "課別の適合状況"]);
        let s = book.worksheet_range("提出状況").expect("sheet");
        assert_eq!(
            s.get_value((1, 0)),
            Some(&Data::String("情報政策課".into()))
        );
        // text that looks like a formula stays text
        assert_eq!(s.get_value((2, 0)), Some(&Data::String("=cmd()".into())));
        let s = book.worksheet_range("課別の適合状況").expect("sheet");
        assert_eq!(s.get_value((1, 1)), Some(&Data::Float(12.0)));
    }

    #[test]
    fn text_too_long_for_excel_is_clipped_not_refused() {
        // a claimed 課名 of a million characters, and a heading (a claimed checklist title)
        let mut t = Table::new("長い", &["x"]);
        t.headers[0] = "題".repeat(40_000);
        t.push(vec!["あ".repeat(1_000_000).into()]);
        let bytes = crate::core::review::xlsx::workbook(&[t]);
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        let s = book.worksheet_range("長い").expect("sheet");
        for row in [0, 1] {
            let Some(Data::String(text)) = s.get_value((row, 0)) else {
                panic!("no text")
            };
            assert_eq!(text.chars().count(), super::EXCEL_MAX_CHARS);
            assert!(text.ends_with("…（以下省略）"));
        }
    }
}

#[cfg(test)]
mod clip_tests {
    use super::*;

    #[test]
    fn csv_cells_are_cut_to_what_excel_keeps_and_say_so() {
        let mut t = Table::new("t", &["課"]);
        t.push(vec!["課".repeat(1_000_000).into()]);
        t.push(vec![format!("={}", "x".repeat(40_000)).into()]);
        t.push(vec!["あ".repeat(EXCEL_MAX_CHARS).into()]);
        let csv = String::from_utf8(t.to_csv()).unwrap();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[1].chars().count(), EXCEL_MAX_CHARS);
        assert!(lines[1].ends_with("…（以下省略）"));
        // the formula guard is kept, within the limit
        assert!(lines[2].starts_with("'="));
        assert_eq!(lines[2].chars().count(), EXCEL_MAX_CHARS);
        // exactly as much as a cell holds is left as it is
        assert_eq!(lines[3], "あ".repeat(EXCEL_MAX_CHARS));
        assert_eq!(fit("短い"), "短い");
    }
}
