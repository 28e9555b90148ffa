//! The XLSX (Office Open XML workbook) writer of 集計 and `tenken aggregate` alike — one
//! layout, one writer: one sheet per table, a bold frozen header row, columns sized to their
//! contents, numbers as numbers, text as inline strings (never formulas), multi-line text
//! wrapped.
//!
//! Why not a crate: rust_xlsxwriter (which the CLI used until 2026-12) adds ~900 KB (339 KB
//! gzipped) to the wasm, more than half the whole app again, because it brings a ZIP/deflate
//! stack and the full Excel feature set. A report of plain tables needs six small XML parts in an
//! uncompressed ("stored") ZIP archive, which is what this writes. The tests read the result
//! back with calamine and check the archive's structure.

use super::table::{Cell, Table, fit};

/// The workbook for `tables` (sheet names must be unique and at most 31 characters; longer
/// ones are cut).
pub fn workbook(tables: &[Table]) -> Vec<u8> {
    let mut zip = Zip::default();
    let n = tables.len();
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    );
    for i in 1..=n {
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
    }
    types.push_str("</Types>");
    zip.add("[Content_Types].xml", types.as_bytes());
    zip.add(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let mut book = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, t) in tables.iter().enumerate() {
        let id = i + 1;
        let name: String = t
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        book.push_str(&format!(
            r#"<sheet name="{}" sheetId="{id}" r:id="rId{id}"/>"#,
            escape(&name)
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{id}.xml"/>"#));
    }
    book.push_str("</sheets></workbook>");
    rels.push_str(&format!(r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#, n + 1));
    zip.add("xl/workbook.xml", book.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    zip.add(
        "xl/styles.xml",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Yu Gothic"/></font><font><b/><sz val="11"/><name val="Yu Gothic"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#,
    );
    for (i, t) in tables.iter().enumerate() {
        zip.add(
            &format!("xl/worksheets/sheet{}.xml", i + 1),
            sheet(t).as_bytes(),
        );
    }
    zip.finish()
}

/// One worksheet's XML.
fn sheet(t: &Table) -> String {
    let mut widths: Vec<usize> = t.headers.iter().map(|h| width(h)).collect();
    for row in &t.rows {
        for (c, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(cell.text().lines().map(width).max().unwrap_or(0));
            }
        }
    }
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#,
    );
    for (c, w) in widths.iter().enumerate() {
        x.push_str(&format!(
            r#"<col min="{0}" max="{0}" width="{1}" customWidth="1"/>"#,
            c + 1,
            (w + 2).min(60)
        ));
    }
    x.push_str("</cols><sheetData>");
    let header: Vec<Cell> = t.headers.iter().map(|h| Cell::Text(h.clone())).collect();
    for (r, row) in std::iter::once(&header).chain(t.rows.iter()).enumerate() {
        x.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            match cell {
                Cell::Int(n) => x.push_str(&format!(r#"<c r="{at}"><v>{n}</v></c>"#)),
                Cell::Text(s) => {
                    let style = if r == 0 {
                        1
                    } else if s.contains('\n') {
                        2
                    } else {
                        0
                    };
                    x.push_str(&format!(
                        r#"<c r="{at}" t="inlineStr" s="{style}"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(&fit(s))
                    ));
                }
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData></worksheet>");
    x
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
fn column(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Columns a text takes: wide (CJK) characters count two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

use crate::core::text::escape_xml as escape;

/// A ZIP archive of stored (uncompressed) entries.
#[derive(Default)]
struct Zip {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
}

impl Zip {
    fn add(&mut self, name: &str, data: &[u8]) {
        let crc = crc32(data);
        let offset = self.out.len() as u32;
        let size = data.len() as u32;
        let name = name.as_bytes();
        // local file header: version 2.0, no flags, stored, no time (1980-01-01)
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        self.out
            .extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        self.out.extend_from_slice(&crc.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out
            .extend_from_slice(&(name.len() as u16).to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(name);
        self.out.extend_from_slice(data);
        // central directory entry
        self.central
            .extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        self.central
            .extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0x21, 0]);
        self.central.extend_from_slice(&crc.to_le_bytes());
        self.central.extend_from_slice(&size.to_le_bytes());
        self.central.extend_from_slice(&size.to_le_bytes());
        self.central
            .extend_from_slice(&(name.len() as u16).to_le_bytes());
        self.central.extend_from_slice(&[0; 12]);
        self.central.extend_from_slice(&offset.to_le_bytes());
        self.central.extend_from_slice(name);
        self.count += 1;
    }

    fn finish(mut self) -> Vec<u8> {
        let at = self.out.len() as u32;
        let len = self.central.len() as u32;
        self.out.extend_from_slice(&self.central);
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        self.out.extend_from_slice(&[0; 4]);
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&self.count.to_le_bytes());
        self.out.extend_from_slice(&len.to_le_bytes());
        self.out.extend_from_slice(&at.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out
    }
}

/// CRC-32 (IEEE), as ZIP requires.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::review::table::EXCEL_MAX_CHARS;
    use calamine::{Data, Reader, Xlsx};

    fn tables() -> Vec<Table> {
        let mut a = Table::new("提出状況", &["課", "点検"]);
        a.push(vec!["情報政策課".into(), "提出".into()]);
        a.push(vec!["=cmd()&<b>\"".into(), "未提出".into()]);
        let mut b = Table::new("課別の適合状況", &["課", "適合", "改善計画"]);
        b.push(vec![
            "総務課".into(),
            Cell::Int(12),
            "一行目\n二行目".into(),
        ]);
        vec![a, b]
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!(
            [
                column(0),
                column(25),
                column(26),
                column(27),
                column(701),
                column(702)
            ],
            ["A", "Z", "AA", "AB", "ZZ", "AAA"]
        );
    }

    #[test]
    fn workbook_reads_back_sheet_by_sheet() {
        let bytes = workbook(&tables());
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a valid xlsx");
        assert_eq!(book.sheet_names(), ["提出状況", "課別の適合状況"]);
        let s = book.worksheet_range("提出状況").expect("sheet");
        assert_eq!(s.get_value((0, 0)), Some(&Data::String("課".into())));
        assert_eq!(
            s.get_value((1, 0)),
            Some(&Data::String("情報政策課".into()))
        );
        // markup and formula-looking text stay text
        assert_eq!(
            s.get_value((2, 0)),
            Some(&Data::String("=cmd()&<b>\"".into()))
        );
        let s = book.worksheet_range("課別の適合状況").expect("sheet");
        assert_eq!(s.get_value((1, 1)), Some(&Data::Float(12.0)));
        assert_eq!(
            s.get_value((1, 2)),
            Some(&Data::String("一行目\n二行目".into()))
        );
    }

    #[test]
    fn archive_lists_every_part_once_with_correct_checksums() {
        let bytes = workbook(&tables());
        let mut zip = Vec::new();
        let mut at = 0;
        while bytes[at..].starts_with(&0x0403_4b50u32.to_le_bytes()) {
            let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
            let u32_at =
                |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
            let (size, name_len) = (u32_at(at + 18) as usize, u16_at(at + 26));
            let name = String::from_utf8(bytes[at + 30..at + 30 + name_len].to_vec()).unwrap();
            let data = &bytes[at + 30 + name_len..at + 30 + name_len + size];
            assert_eq!(crc32(data), u32_at(at + 14), "{name}");
            zip.push(name);
            at += 30 + name_len + size;
        }
        assert_eq!(
            zip,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/styles.xml",
                "xl/worksheets/sheet1.xml",
                "xl/worksheets/sheet2.xml"
            ]
        );
    }

    #[test]
    fn overlong_text_is_clipped_to_what_excel_keeps() {
        // a claimed 課名 of a million characters, and a heading (a claimed checklist title)
        let mut t = Table::new("長い", &["x"]);
        t.headers[0] = "題".repeat(40_000);
        t.push(vec!["あ".repeat(1_000_000).into()]);
        let mut book = Xlsx::new(std::io::Cursor::new(workbook(&[t]))).expect("xlsx");
        let s = book.worksheet_range("長い").expect("sheet");
        for row in [0, 1] {
            let Some(Data::String(text)) = s.get_value((row, 0)) else {
                panic!("no text")
            };
            assert_eq!(text.chars().count(), EXCEL_MAX_CHARS);
            assert!(text.ends_with("…（以下省略）"));
        }
    }
}
