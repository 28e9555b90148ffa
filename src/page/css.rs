//! The page's style sheets without comments and layout whitespace (the build's `<style>`
//! elements; about 2 KB of the 課長's file).
//!
//! Deliberately conservative, for tenken's own `public/style.css`: strings are copied as
//! they are; a run of whitespace becomes one space, dropped only next to `{`, `}`, `;`, `,`,
//! `>` and after `:`, where CSS never needs it (never next to `(`, `+` or `-`, where it
//! can: `and (…)`, `calc(a + b)`); the last `;` of a block goes.

/// `css` minified as described in the module's documentation.
pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    // a whitespace run (or comment) seen and not yet written
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = '\0';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '"' | '\'' => {
                flush(&mut out, &mut space, c);
                out.push(c);
                while let Some(s) = chars.next() {
                    out.push(s);
                    if s == '\\' {
                        if let Some(escaped) = chars.next() {
                            out.push(escaped);
                        }
                    } else if s == c || s == '\n' {
                        break;
                    }
                }
            }
            '}' => {
                space = false;
                if out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
            }
            c => {
                flush(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out
}

/// `html` with the text of each `<style>` element minified.
pub fn minify_styles(html: &str) -> String {
    let mut page = html.to_string();
    for (range, css) in super::html::elements(html, "style", "").into_iter().rev() {
        let start = range.start + html[range.clone()].find('>').map_or(0, |i| i + 1);
        let end = start + css.len();
        page.replace_range(start..end, &minify(css));
    }
    page
}

/// Writes the pending space before `next`, unless CSS does not need it there.
fn flush(out: &mut String, space: &mut bool, next: char) {
    let needless = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    if std::mem::take(space)
        && !out.is_empty()
        && !needless(next)
        && !out.ends_with(|c: char| needless(c) || c == ':')
    {
        out.push(' ');
    }
}

/// The rules of `css` (minified) that may apply to `page`'s markup: the style sheet a single
/// file carries in its HTML for the prerendered start screen, while the whole sheet comes with
/// the app (see `assemble::app_script`). Conservative: a rule is left out only when each of
/// its selectors names a class, id or element that `page` does not have (what a selector says
/// inside brackets or a pseudo-class's parentheses is not looked at); at-rules other than
/// `@media` and `@supports` (whose rules are filtered the same way) are kept whole — except
/// print's (`@page`, `@media print`): what is printed is the app's screen, printed once the
/// app has taken over and added the whole sheet.
pub fn early_rules(css: &str, page: &str) -> String {
    let names = Names::of(page);
    let mut out = String::new();
    filter_rules(css, &names, &mut out);
    out
}

/// The class names, ids and element names of a page's markup.
struct Names {
    classes: Vec<String>,
    ids: Vec<String>,
    elements: Vec<String>,
}

impl Names {
    fn of(page: &str) -> Names {
        let mut names = Names {
            classes: Vec::new(),
            ids: Vec::new(),
            elements: Vec::new(),
        };
        let mut rest = page;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() {
                continue;
            }
            let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
            for (attr, list) in [("class", &mut names.classes), ("id", &mut names.ids)] {
                for quote in ['"', '\''] {
                    let open = format!(" {attr}={quote}");
                    if let Some(start) = tag.find(&open).map(|i| i + open.len()) {
                        let value = &tag[start..];
                        let value = &value[..value.find(quote).unwrap_or(value.len())];
                        list.extend(value.split_ascii_whitespace().map(str::to_string));
                    }
                }
            }
            // the text of a style or script element is not markup
            if name == "style" || name == "script" {
                let close = format!("</{name}");
                rest = rest.find(&close).map_or("", |i| &rest[i..]);
            }
            names.elements.push(name);
        }
        names
    }

    /// Whether `selector` may match an element of the page (see [`early_rules`]).
    fn may_match(&self, selector: &str) -> bool {
        // what brackets and parentheses hold is not required
        let mut plain = String::new();
        let mut depth = 0usize;
        for c in selector.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth = depth.saturating_sub(1),
                _ if depth == 0 => plain.push(c),
                _ => {}
            }
        }
        let ident = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || !c.is_ascii();
        let mut chars = plain.char_indices().peekable();
        // at the start of a compound selector (where an element's name stands)
        let mut compound_start = true;
        while let Some((i, c)) = chars.next() {
            let word = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if !ident(d) {
                        break;
                    }
                    end = j + d.len_utf8();
                    chars.next();
                }
                plain[i + c.len_utf8()..end].to_string()
            };
            let has = |list: &[String], name: &str| list.iter().any(|n| n == name);
            match c {
                // (each guard reads the name after its `.` or `#`)
                '.' if !has(&self.classes, &word(&mut chars)) => return false,
                '#' if !has(&self.ids, &word(&mut chars)) => return false,
                '.' | '#' => {}
                ':' => {
                    // a pseudo-class or pseudo-element: nothing required
                    while chars.peek().is_some_and(|&(_, d)| d == ':') {
                        chars.next();
                    }
                    word(&mut chars);
                }
                c if c.is_whitespace() || matches!(c, '>' | '+' | '~') => {
                    compound_start = true;
                    continue;
                }
                c if ident(c) && compound_start => {
                    let name = format!("{c}{}", word(&mut chars)).to_ascii_lowercase();
                    if !has(&self.elements, &name) {
                        return false;
                    }
                }
                _ => {}
            }
            compound_start = false;
        }
        true
    }
}

/// Appends the rules of `css` that may apply (see [`early_rules`]) to `out`.
fn filter_rules(css: &str, names: &Names, out: &mut String) {
    for Item {
        prelude,
        body,
        whole,
    } in items(css)
    {
        let Some(body) = body else {
            // a statement at-rule (`@import …;`, `@charset …;`)
            out.push_str(whole);
            continue;
        };
        if prelude.starts_with("@page") || prelude.starts_with("@media print") {
            // print is the app's (see [`early_rules`])
            continue;
        }
        if prelude.starts_with("@media") || prelude.starts_with("@supports") {
            let mut inner = String::new();
            filter_rules(body, names, &mut inner);
            if !inner.is_empty() {
                out.push_str(prelude);
                out.push('{');
                out.push_str(&inner);
                out.push('}');
            }
        } else if prelude.starts_with('@')
            || split_top(prelude, ',').any(|s| names.may_match(s.trim()))
        {
            out.push_str(whole);
        }
    }
}

/// A top-level item of a style sheet: a rule (its prelude and its block's content, without the
/// braces) or a statement ending in `;` (no block).
struct Item<'a> {
    prelude: &'a str,
    body: Option<&'a str>,
    /// All of it.
    whole: &'a str,
}

/// The top-level items of a style sheet. Strings are skipped over.
fn items(css: &str) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    let bytes = css.as_bytes();
    let mut start = 0;
    let mut open = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(o) = open.take()
                {
                    out.push(Item {
                        prelude: &css[start..o],
                        body: Some(&css[o + 1..i]),
                        whole: &css[start..=i],
                    });
                    start = i + 1;
                }
            }
            b';' if depth == 0 => {
                out.push(Item {
                    prelude: &css[start..i],
                    body: None,
                    whole: &css[start..=i],
                });
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// `text` split at each top-level `sep` (not inside brackets, parentheses or strings).
fn split_top(text: &str, sep: char) -> impl Iterator<Item = &str> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut quote = None;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth = depth.saturating_sub(1),
            (None, c) if c == sep && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts.into_iter()
}

#[cfg(test)]
mod tests {
    use super::{early_rules, minify};

    const PAGE: &str = "<html><head><style>.gone{x:1}</style></head><body>\
        <div id=\"boot\" class=\"prerendered wide\"><header class='top'><button data-href=\"#/x\">x</button>\
        </header><table class=\"bundles\"><tr><td>a < b</td></tr></table></div></body></html>";

    #[test]
    fn the_early_rules_are_those_the_markup_may_use() {
        let css = ":root{--a:1}body{margin:0}.bundles td,.report td{p:1}.report th{p:2}\
            #boot.prerendered{m:0}#other{m:1}.wide>header.top button:hover{c:1}\
            table.bundles{w:1}ol.bundles{w:2}.gone{x:1}:focus-visible{o:1}\
            .top :not(.absent){k:1}.tabs [role=tab]{r:1}[data-href]{d:1}\
            a::after{content:\"}{\"}@page{size:A4}@media print{.report{d:0}.top,.x{d:0}}\
            @media (max-width:40rem){.report{d:1}}";
        assert_eq!(
            early_rules(css, PAGE),
            ":root{--a:1}body{margin:0}.bundles td,.report td{p:1}#boot.prerendered{m:0}\
             .wide>header.top button:hover{c:1}table.bundles{w:1}:focus-visible{o:1}\
             .top :not(.absent){k:1}[data-href]{d:1}"
        );
        // a page with none of its names keeps only what names none
        assert_eq!(early_rules(".a{x:1}b{y:2}*{z:3}", "<p>"), "*{z:3}");
        // `a::after` is left out: the page has no `a` element (a string's braces do not end it)
        assert!(!early_rules(css, PAGE).contains("after"));
        assert_eq!(early_rules("", PAGE), "");
        assert_eq!(early_rules("unclosed{", PAGE), "");
    }

    #[test]
    fn drops_comments_and_layout_whitespace() {
        let css = "/* tenken */\n:root {\n  --line: #ccc; /* lines */\n}\n\nbody, p > a {\n  margin: 0 auto;\n  color: red;\n}\n";
        assert_eq!(
            minify(css),
            ":root{--line:#ccc}body,p>a{margin:0 auto;color:red}"
        );
    }

    #[test]
    fn keeps_the_spaces_css_needs() {
        // a descendant combinator before a pseudo-class, `and (`, calc's operators, and a
        // space before `!important`
        let css = "main :is(h2, h3) { width: calc(100% - 2rem + 1px) !important; }\n\
                   @media screen and (max-width: 40rem) { .a .b { x: 1 } }";
        assert_eq!(
            minify(css),
            "main :is(h2,h3){width:calc(100% - 2rem + 1px) !important}\
             @media screen and (max-width:40rem){.a .b{x:1}}"
        );
    }

    #[test]
    fn copies_strings_as_they_are() {
        let css = "body { font-family: \"BIZ UDPGothic\",  'Yu Gothic UI'; }\n\
                   a::after { content: \" /* not a comment */ \\\" ; \"; }";
        assert_eq!(
            minify(css),
            "body{font-family:\"BIZ UDPGothic\",'Yu Gothic UI'}\
             a::after{content:\" /* not a comment */ \\\" ; \"}"
        );
    }

    #[test]
    fn is_idempotent_on_the_apps_style_sheet() {
        let css = include_str!("../../public/style.css");
        let once = minify(css);
        assert!(
            once.len() < css.len() * 9 / 10,
            "{} of {}",
            once.len(),
            css.len()
        );
        assert_eq!(minify(&once), once);
        // every rule survives: as many blocks and declarations' colons outside strings
        let count = |s: &str, c: char| s.chars().filter(|&x| x == c).count();
        let uncommented = {
            let mut s = String::new();
            let mut rest = css;
            while let Some(i) = rest.find("/*") {
                s.push_str(&rest[..i]);
                rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
            }
            s + rest
        };
        assert_eq!(count(&once, '{'), count(&uncommented, '{'));
        assert_eq!(count(&once, '}'), count(&uncommented, '}'));
    }

    #[test]
    fn minifies_each_style_element_of_a_page() {
        let page = "<head><style>a { b: c; }</style><title>t</title><style media=\"print\">\n p { x: y }\n</style></head>";
        assert_eq!(
            super::minify_styles(page),
            "<head><style>a{b:c}</style><title>t</title><style media=\"print\">p{x:y}</style></head>"
        );
    }

    #[test]
    fn unterminated_input_does_not_panic() {
        for css in ["a { b: \"x", "/* open", "a { content: '\\", "", "   "] {
            let _ = minify(css);
        }
        assert_eq!(minify("  "), "");
    }
}
