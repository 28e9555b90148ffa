//! A 例規 page saved from a 例規集 (HTML) as plain text in the layout the outline reads.
//!
//! 例規集 systems publish each 例規 as a page. The one most municipalities use
//! (`reiki_honbun/…html`, 「Reiki-Base」) marks the text up line by line: the body is
//! `div#primaryInner2`, each line a `div.eline` holding a `div.head` (题名 `p.title-irregular`,
//! `p.date`, `p.number`), a `div.article` (caption `p.title`, header `p.num` with
//! `span.num`「第1条」 and `span.clause`), a `div.clause` (項: `span.num`「2」), a `div.item`
//! (号: `span.num`「(1)」), a `p.s-head` (附則 with its date and number), a `div.table_frame`
//! (a table) or a `div.form_section` (様式); the side panel (`#secondary`: 条項目次, 体系情報,
//! 沿革情報) and hidden lists are outside the body. Where a page has `#primaryInner2`, only it is
//! read; elsewhere the whole visible text is. Either way every block element ends a line, a
//! table row becomes 「| 名称 | 位置 |」, and a 号 number written without brackets inside a
//! `div.item` gets them (「(1)」), so that the outline reads the text as it reads a copied one.
//!
//! Safety: this is a small tokenizer that only ever produces text. Nothing is fetched or
//! executed; attributes are read only for `class`, `id` and `style` and never copied;
//! `script`, `style`, `iframe`, `object`, `embed`, `svg`, `template`, `noscript`, form controls,
//! ruby annotations and hidden elements are dropped with their content; character references
//! (`&amp;`, `&#x5B50;`, `&nbsp;` …) are decoded, references to control characters or to no
//! character become U+FFFD. The input is refused above [`MAX_HTML_BYTES`] and when elements
//! nest deeper than [`MAX_DEPTH`]; the time is linear in the input. The result is
//! [normalised](super::normalize::normalize).

use super::normalize::normalize;
use crate::core::message::Message;

/// The largest page accepted.
pub const MAX_HTML_BYTES: usize = 10 * 1024 * 1024;

/// The deepest nesting of elements accepted.
pub const MAX_DEPTH: usize = 256;

/// Why a page was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HtmlError {
    /// The page is larger than [`MAX_HTML_BYTES`].
    TooLarge {
        /// The page's size in bytes.
        size: usize,
        /// The largest size accepted in bytes ([`MAX_HTML_BYTES`]).
        max: usize,
    },
    /// Elements nest deeper than [`MAX_DEPTH`].
    TooDeep {
        /// The deepest nesting accepted ([`MAX_DEPTH`]).
        max: usize,
    },
}

impl Message for HtmlError {
    fn message_ja(&self) -> String {
        match self {
            HtmlError::TooLarge { size, max } => format!(
                "HTML が大きすぎます（{} KB、上限 {} KB）。例規のページだけを保存してください",
                size / 1024,
                max / 1024
            ),
            HtmlError::TooDeep { max } => format!(
                "HTML の要素の入れ子が深すぎます（上限 {max}）。例規集のページではないようです"
            ),
        }
    }

    fn message_en(&self) -> String {
        match self {
            HtmlError::TooLarge { size, max } => format!(
                "the HTML page is too large ({size} bytes, at most {max}); save the regulation's page alone"
            ),
            HtmlError::TooDeep { max } => format!(
                "elements of the HTML page nest too deeply (at most {max}); this does not look like a regulation page"
            ),
        }
    }
}

/// A page read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The text, normalised, one line per line of the regulation.
    pub text: String,
    /// The page's `<title>`, if any.
    pub title: Option<String>,
    /// True when the page's markup of 条・項・号 (Reiki-Base classes) was recognised.
    pub marked: bool,
}

/// Elements whose content is raw text, skipped to their end tag.
const RAW: &[&str] = &[
    "script", "style", "iframe", "noembed", "noframes", "xmp", "noscript", "textarea", "title",
];

/// Elements dropped with everything inside.
const DROPPED: &[&str] = &[
    "head", "object", "applet", "svg", "math", "template", "select", "button", "audio", "video",
    "canvas", "map", "frameset", "rt", "rp", "datalist", "dialog",
];

/// Elements without content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "frame", "keygen",
];

/// Elements that end a line.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
    "caption",
    "center",
    "body",
    "html",
];

/// Elements at which a search for an open `p` stops (the "button scope" of HTML).
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
];

#[derive(Debug, Clone)]
struct Open {
    name: String,
    dropped: bool,
    capture: bool,
    item: bool,
    num: Option<usize>,
}

struct Reader<'a> {
    html: &'a str,
    out: String,
    stack: Vec<Open>,
    capture_mode: bool,
    line_has_content: bool,
    pending_space: bool,
    need_sep: bool,
    cells: Vec<usize>,
    title: Option<String>,
    marked: bool,
}

fn is_ascii_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// Named character references (the common ones; others stay as written).
fn named(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200c}',
        "zwj" => '\u{200d}',
        "lrm" => '\u{200e}',
        "rlm" => '\u{200f}',
        "shy" => '\u{ad}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "divide" => '÷',
        "minus" => '−',
        "yen" => '¥',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "para" => '¶',
        "deg" => '°',
        "plusmn" => '±',
        "laquo" => '«',
        "raquo" => '»',
        "prime" => '′',
        "Prime" => '″',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup2" => '²',
        "sup3" => '³',
        "micro" => 'µ',
        "iexcl" => '¡',
        "iquest" => '¿',
        _ => return None,
    })
}

/// A decoded character: controls and non-characters become U+FFFD.
fn safe(code: u32) -> char {
    match char::from_u32(code) {
        Some(c) if c == '\t' || c == '\n' || c == '\r' => c,
        Some(c) if c.is_control() || code == 0 => '\u{fffd}',
        Some(c) => c,
        None => '\u{fffd}',
    }
}

/// Decodes the character references of `s`.
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        let (decoded, used) = reference(tail);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[used..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A reference after `&`: the character and the bytes it used.
fn reference(tail: &str) -> (Option<char>, usize) {
    let b = tail.as_bytes();
    if b.first() == Some(&b'#') {
        let (hex, start) = match b.get(1) {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let mut end = start;
        while end < b.len()
            && end - start < 8
            && (if hex {
                b[end].is_ascii_hexdigit()
            } else {
                b[end].is_ascii_digit()
            })
        {
            end += 1;
        }
        if end == start {
            return (None, 0);
        }
        let code =
            u32::from_str_radix(&tail[start..end], if hex { 16 } else { 10 }).unwrap_or(0x11_0000);
        let used = if b.get(end) == Some(&b';') {
            end + 1
        } else {
            end
        };
        return (Some(safe(code)), used);
    }
    let mut end = 0;
    while end < b.len() && end < 10 && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    let name = &tail[..end];
    match (named(name), b.get(end)) {
        (Some(c), Some(b';')) => (Some(c), end + 1),
        (Some(c), _) if matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg") => {
            (Some(c), end)
        }
        _ => (None, 0),
    }
}

/// The value of attribute `name` in the attribute text of a tag (lower-cased names).
struct Attrs {
    class: String,
    id: String,
    hidden: bool,
}

fn attributes(s: &str) -> Attrs {
    let b = s.as_bytes();
    let mut attrs = Attrs {
        class: String::new(),
        id: String::new(),
        hidden: false,
    };
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = &s[vs..i];
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = &s[vs..i];
            }
        }
        match name.as_str() {
            "class" => attrs.class = value.to_string(),
            "id" => attrs.id = value.to_string(),
            "hidden" => attrs.hidden = true,
            "style" => {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if v.contains("display:none") || v.contains("visibility:hidden") {
                    attrs.hidden = true;
                }
            }
            _ => {}
        }
    }
    attrs
}

fn has_class(class: &str, name: &str) -> bool {
    class.split_ascii_whitespace().any(|c| c == name)
}

/// Finds `needle` (ASCII, lower case) in `hay` from `from`, ignoring ASCII case.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from >= h.len() {
        return None;
    }
    let first = n[0];
    let mut i = from;
    while i + n.len() <= h.len() {
        if h[i].to_ascii_lowercase() == first
            && h[i..i + n.len()]
                .iter()
                .zip(n)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

impl<'a> Reader<'a> {
    fn emitting(&self) -> bool {
        !self.stack.iter().any(|o| o.dropped)
            && (!self.capture_mode || self.stack.iter().any(|o| o.capture))
    }

    fn in_cell(&self) -> bool {
        self.stack.iter().any(|o| o.name == "td" || o.name == "th")
    }

    fn newline(&mut self) {
        if self.line_has_content {
            self.out.push('\n');
            self.line_has_content = false;
        }
        self.pending_space = false;
        self.need_sep = false;
    }

    /// A block boundary: a new line, or a space inside a table cell.
    fn boundary(&mut self) {
        if !self.emitting() {
            return;
        }
        if self.in_cell() {
            self.pending_space = self.line_has_content && !self.out.ends_with(' ');
        } else {
            self.newline();
        }
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.out.push(c);
        }
        self.line_has_content = true;
    }

    fn text(&mut self, raw: &str) {
        if !self.emitting() {
            return;
        }
        let pre = self.stack.iter().any(|o| o.name == "pre");
        for c in decode(raw).chars() {
            if pre && c == '\n' {
                self.newline();
                continue;
            }
            if is_ascii_ws(c) {
                self.pending_space = self.line_has_content && !self.out.ends_with(' ');
                continue;
            }
            if c.is_control() {
                continue;
            }
            if self.need_sep {
                self.need_sep = false;
                if !c.is_whitespace() {
                    self.out.push(' ');
                }
                self.pending_space = false;
            }
            if self.pending_space {
                self.out.push(' ');
                self.pending_space = false;
            }
            self.out.push(c);
            self.line_has_content = true;
        }
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let was_emitting = {
            self.stack.push(open.clone());
            let e = self.emitting();
            self.stack.pop();
            e
        };
        if !was_emitting {
            return;
        }
        if let Some(start) = open.num {
            // a 号 number without brackets inside div.item: 「1」 → 「(1)」
            let n = self.out[start..].trim().to_string();
            if self.stack.iter().any(|o| o.item)
                && !n.is_empty()
                && n.chars()
                    .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
            {
                self.out.truncate(start);
                self.push_str(&format!("({n})"));
            }
            self.need_sep = true;
        }
        match open.name.as_str() {
            "tr" => {
                if self.cells.pop().unwrap_or(0) > 0 {
                    self.push_str(" |");
                }
                self.newline();
            }
            name if BLOCK.contains(&name) => self.boundary(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        let Some(at) = self.stack.iter().rposition(|o| o.name == name) else {
            if name == "br" {
                let _ = self.start("br", "");
            }
            return;
        };
        while self.stack.len() > at {
            self.pop();
        }
    }

    /// Closes an open element named in `names`, searching down to a scope boundary.
    fn close_open(&mut self, names: &[&str], boundaries: &[&str]) {
        for i in (0..self.stack.len()).rev() {
            let n = self.stack[i].name.as_str();
            if names.contains(&n) {
                while self.stack.len() > i {
                    self.pop();
                }
                return;
            }
            if boundaries.contains(&n) {
                return;
            }
        }
    }

    fn start(&mut self, name: &str, attr_text: &str) -> Result<(), HtmlError> {
        let attrs = attributes(attr_text);
        if has_class(&attrs.class, "eline")
            || has_class(&attrs.class, "s-head")
            || (has_class(&attrs.class, "article") && name == "div")
        {
            self.marked = true;
        }
        // implied end tags
        if BLOCK.contains(&name) && name != "li" && name != "tr" {
            self.close_open(&["p"], SCOPE);
        }
        match name {
            "li" => self.close_open(&["li"], &["ul", "ol", "table"]),
            "dt" | "dd" => self.close_open(&["dt", "dd"], &["dl", "table"]),
            "tr" => self.close_open(&["tr", "td", "th"], &["table"]),
            "td" | "th" => self.close_open(&["td", "th"], &["tr", "table"]),
            "body" => self.close_open(&["head"], &[]),
            _ => {}
        }
        if name == "br" {
            if self.emitting() {
                if self.in_cell() {
                    self.pending_space = self.line_has_content;
                } else {
                    self.out.push('\n');
                    self.line_has_content = false;
                    self.pending_space = false;
                }
            }
            return Ok(());
        }
        if name == "hr" {
            self.boundary();
            return Ok(());
        }
        if VOID.contains(&name) {
            return Ok(());
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(HtmlError::TooDeep { max: MAX_DEPTH });
        }
        if BLOCK.contains(&name) {
            self.boundary();
        }
        if (name == "td" || name == "th") && self.emitting() {
            let first = match self.cells.last_mut() {
                Some(n) => {
                    *n += 1;
                    *n == 1
                }
                None => true,
            };
            if first {
                self.newline();
                self.push_str("| ");
            } else {
                self.push_str(" | ");
            }
            self.pending_space = false;
        }
        if name == "tr" && self.emitting() {
            self.cells.push(0);
        }
        let num = (name == "span" && has_class(&attrs.class, "num")).then_some(self.out.len());
        let open = Open {
            name: name.to_string(),
            dropped: DROPPED.contains(&name) || attrs.hidden,
            capture: attrs.id == "primaryInner2",
            item: has_class(&attrs.class, "item"),
            num,
        };
        self.stack.push(open);
        Ok(())
    }

    fn run(mut self) -> Result<Imported, HtmlError> {
        let html = self.html;
        let b = html.as_bytes();
        let mut i = 0;
        let mut text_start = 0;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            let rest = &html[i..];
            let construct = rest.starts_with("<!")
                || rest.starts_with("<?")
                || rest
                    .as_bytes()
                    .get(if rest.starts_with("</") { 2 } else { 1 })
                    .is_some_and(u8::is_ascii_alphabetic);
            if !construct {
                // not a tag: 「<」 is text
                i += 1;
                continue;
            }
            // text before the tag
            if text_start < i {
                self.text(&html[text_start..i]);
            }
            if rest.starts_with("<!--") {
                i = html[i + 4..].find("-->").map_or(b.len(), |e| i + 4 + e + 3);
                text_start = i;
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                i = html[i..].find("]]>").map_or(b.len(), |e| i + e + 3);
                text_start = i;
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                i = html[i..].find('>').map_or(b.len(), |e| i + e + 1);
                text_start = i;
                continue;
            }
            let closing = rest.starts_with("</");
            let name_start = i + if closing { 2 } else { 1 };
            let mut j = name_start;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-' || b[j] == b':') {
                j += 1;
            }
            if j == name_start {
                // 「</>」 and the like: nothing
                i += 1;
                text_start = i;
                continue;
            }
            let name = html[name_start..j].to_ascii_lowercase();
            // the end of the tag, quotes respected
            let mut k = j;
            let mut quote = None;
            while k < b.len() {
                match (quote, b[k]) {
                    (None, b'>') => break,
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), c) if c == q => quote = None,
                    _ => {}
                }
                k += 1;
            }
            let attr_text = &html[j..k.min(b.len())];
            i = (k + 1).min(b.len());
            text_start = i;
            if closing {
                self.close(&name);
                continue;
            }
            if name == "plaintext" {
                break;
            }
            if RAW.contains(&name.as_str()) {
                let end = find_ci(html, i, &format!("</{name}")).unwrap_or(b.len());
                if name == "title" && self.title.is_none() {
                    let t: String = decode(&html[i..end])
                        .split(is_ascii_ws)
                        .filter(|w| !w.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let t: String = t.chars().filter(|c| !c.is_control()).collect();
                    self.title = (!t.is_empty()).then_some(t);
                }
                i = html[end..].find('>').map_or(b.len(), |e| end + e + 1);
                text_start = i;
                continue;
            }
            self.start(&name, attr_text)?;
        }
        if text_start < b.len() {
            self.text(&html[text_start..]);
        }
        Ok(Imported {
            text: normalize(&self.out),
            title: self.title,
            marked: self.marked,
        })
    }
}

/// Reads a 例規 page (HTML) as plain text; see the module documentation.
pub fn import_html(html: &str) -> Result<Imported, HtmlError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(HtmlError::TooLarge {
            size: html.len(),
            max: MAX_HTML_BYTES,
        });
    }
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let reader = Reader {
        html,
        out: String::with_capacity(html.len() / 2),
        stack: Vec::new(),
        capture_mode: html.contains("id=\"primaryInner2\"") || html.contains("id='primaryInner2'"),
        line_has_content: false,
        pending_space: false,
        need_sep: false,
        cells: Vec::new(),
        title: None,
        marked: false,
    };
    reader.run()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(
            decode(
                "a&amp;b &lt;p&gt; &#x5B50;&#23376; &nbsp;&copy &bogus; & &#0; &#xD800; &#99999999;"
            ),
            "a&b <p> 子子 \u{a0}© &bogus; & \u{fffd} \u{fffd} \u{fffd}"
        );
        assert_eq!(decode("&#1;&#x7F;&#10;"), "\u{fffd}\u{fffd}\n");
    }

    #[test]
    fn blocks_rows_and_numbers() {
        let html = "<html><head><title>架空町 &amp; 規則</title><style>p{}</style></head><body>\
<div id=\"primaryInner2\"><div class=\"eline\"><div class=\"article\"><p class=\"title\"><span class=\"cm\">(目的)</span></p>\
<p class=\"num\"><span class=\"num cm\">第1条</span><span class=\"clause\">本文<br>続き</span></p></div></div>\
<div class=\"eline\"><div class=\"item\"><p class=\"num\"><span class=\"num cm\">2</span>　号の本文</p></div></div>\
<table><tr><td><p>名称</p></td><td><p>位置</p></td></tr><tr><td>甲</td><td>乙</td></tr></table>\
</div><div id=\"secondary\">第1条 目次</div></body></html>";
        let got = import_html(html).expect("imported");
        assert_eq!(
            got.text,
            "(目的)\n第1条 本文\n続き\n(2)　号の本文\n| 名称 | 位置 |\n| 甲 | 乙 |\n"
        );
        assert_eq!(got.title.as_deref(), Some("架空町 & 規則"));
        assert!(got.marked);
    }

    #[test]
    fn without_the_body_marker_the_visible_text_is_read() {
        let got = import_html("<p>第1条　本文<p>2　次の項<ul><li>一 号<li>二 号</ul>").unwrap();
        assert_eq!(got.text, "第1条　本文\n2　次の項\n一 号\n二 号\n");
        assert!(!got.marked);
    }

    #[test]
    fn a_lone_less_than_sign_is_text() {
        for (html, text) in [
            ("x < y", "x < y"),
            ("a <= b <", "a <= b <"),
            ("1<2 と 3>2", "1<2 と 3>2"),
            ("<", "<"),
            ("</ p>", "</ p>"),
        ] {
            assert_eq!(import_html(html).unwrap().text, text, "{html}");
        }
        // as in a browser, an unfinished tag takes in what follows up to its 「>」
        assert_eq!(import_html("<x<script>本文").unwrap().text, "本文");
    }

    #[test]
    fn hostile_markup_is_text_only() {
        let html = "<p onclick=\"alert(1)\">本文<script>alert('x')</script><img src=x onerror=alert(2)>\
<iframe src=\"javascript:alert(3)\">inside</iframe><a href=\"javascript:alert(4)\">リンク</a>\
<svg><text>svg</text></svg><object data=x>obj</object><div style=\"display: none\">隠し</div>\
<noscript><p>ns</p></noscript><!-- コメント --><![CDATA[cdata]]>&lt;script&gt;</p>";
        let got = import_html(html).unwrap();
        assert_eq!(got.text, "本文リンク\n<script>");
        // unterminated constructs end the page, never the program
        for bad in [
            "<p",
            "<!--",
            "<script>",
            "<a href=\"",
            "&#x",
            "</",
            "<",
            "&",
            "<![CDATA[",
        ] {
            let _ = import_html(bad).unwrap();
        }
    }

    #[test]
    fn limits() {
        let big = "a".repeat(MAX_HTML_BYTES + 1);
        assert_eq!(
            import_html(&big),
            Err(HtmlError::TooLarge {
                size: MAX_HTML_BYTES + 1,
                max: MAX_HTML_BYTES
            })
        );
        let deep = "<div>".repeat(MAX_DEPTH + 1);
        let e = import_html(&deep).unwrap_err();
        assert_eq!(e, HtmlError::TooDeep { max: MAX_DEPTH });
        assert!(e.message_ja().contains("深すぎ") && e.message_en().contains("deeply"));
        // unclosed paragraphs do not nest
        let many_p = "<p>x".repeat(10_000);
        assert!(import_html(&many_p).is_ok());
    }
}
