//! Small helpers over the page's HTML: character escapes, elements, the CSP.

/// JavaScript or JSON text with every non-ASCII character written as `\uXXXX`.
pub fn ascii_js(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

/// HTML (outside `<script>` and `<style>`) with every non-ASCII character as `&#x…;`.
pub fn ascii_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("&#x{:x};", c as u32));
        }
    }
    out
}

/// `'sha256-…'` for a CSP source list.
pub fn csp_hash(text: &str) -> String {
    use sha2::Digest;
    format!(
        "'sha256-{}'",
        crate::core::base64::encode(&sha2::Sha256::digest(text.as_bytes()))
    )
}

/// The contents of every `<tag>…</tag>` element whose opening tag contains `attrs`.
pub fn elements<'a>(
    html: &'a str,
    tag: &str,
    attrs: &str,
) -> Vec<(std::ops::Range<usize>, &'a str)> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(start) = html[at..].find(&open).map(|i| i + at) {
        let Some(head_end) = html[start..].find('>').map(|i| i + start + 1) else {
            break;
        };
        let Some(end) = html[head_end..].find(&close).map(|i| i + head_end) else {
            break;
        };
        if html[start..head_end].contains(attrs) {
            out.push((start..end + close.len(), &html[head_end..end]));
        }
        at = end + close.len();
    }
    out
}

/// Removes every `<link …>` whose attributes contain `needle`.
pub fn remove_links(html: &str, needle: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<link") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        if !tag.contains(needle) {
            out.push_str(tag);
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// Inserts `meta` right after `<meta charset…>` (which must stay first in `<head>`).
pub fn insert_meta(html: &str, meta: &str) -> Result<String, &'static str> {
    let at = html
        .find("<meta charset")
        .ok_or("index.html has no <meta charset>")?;
    let end = html[at..]
        .find('>')
        .map(|i| at + i + 1)
        .ok_or("unterminated <meta charset>")?;
    Ok(format!("{}\n  {meta}{}", &html[..end], &html[end..]))
}

/// Inserts `text` and a line end right before the last `</body>`; an error when there is none.
pub fn insert_before_body_end(html: &str, text: &str) -> Result<String, &'static str> {
    let at = html.rfind("</body>").ok_or("index.html has no </body>")?;
    Ok(format!("{}{text}\n{}", &html[..at], &html[at..]))
}

/// JSON placed inside `<script>`: `</` must not appear (it would end the element).
pub fn script_safe_json(json: &str) -> String {
    json.replace("</", "<\\/")
}

/// The CSP hash sources of every `<style>` element's contents, space-separated: the page's
/// `style-src`.
pub fn style_hashes(html: &str) -> String {
    elements(html, "style", "")
        .iter()
        .map(|(_, css)| csp_hash(css))
        .collect::<Vec<_>>()
        .join(" ")
}
