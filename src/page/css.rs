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

#[cfg(test)]
mod tests {
    use super::minify;

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
