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
}

impl Table {
    /// An empty table with these headings.
    pub fn new(name: &str, headers: &[&str]) -> Table {
        Table {
            name: name.into(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// CSV as Japanese Excel opens it without 文字化け: UTF-8 with a BOM, CRLF line ends,
    /// fields quoted when needed. Text that Excel would take as a formula (`=`, `+`, `-`, `@`
    /// at the start) is prefixed with `'`, so a hostile 課名 cannot run anything.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut out = String::from("\u{feff}");
        let line = |cells: Vec<String>, out: &mut String| {
            let fields: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        line(self.headers.clone(), &mut out);
        for row in &self.rows {
            let cells = row
                .iter()
                .map(|c| match c {
                    Cell::Int(n) => n.to_string(),
                    Cell::Text(s) => defuse(s),
                })
                .collect();
            line(cells, &mut out);
        }
        out.into_bytes()
    }
}

/// Text that cannot start a formula in a spreadsheet.
pub fn defuse(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert!(csv.starts_with("\u{feff}課,件数\r\n情報政策課,3\r\n"));
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\",-1\r\n"), "{csv}");
        assert!(csv.ends_with("\"a,b\n\"\"c\"\"\",0\r\n"), "{csv}");
    }
}
