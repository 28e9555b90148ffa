//! The hosted page and the single file, from Trunk's `index.html`, the wasm-bindgen glue, the
//! compressed wasm and the compiled bundles.

use super::bytes::{encode_8bit, js_tables, to_windows_1252};
use super::html::{
    ascii_html, ascii_js, csp_hash, elements, insert_before_body_end, insert_meta, remove_links,
    script_safe_json, style_hashes,
};
use super::prerender::{PRERENDERED_CLASS, start_screen};
use super::{APP_ID, BOOT_ID, BUNDLES_ID, BUNDLES_PACKED_ID, Codec, PUBLISHING_ID, SUMMARIES_ID};
use crate::core::message::Message;

/// The 課長's file.
pub const KACHO_FILE: &str = "tenken.html";
/// 情報担当課's file.
pub const KANRI_FILE: &str = "tenken-kanri.html";

/// Trunk's page as 情報担当課's file has it: its title says whose file it is, and after the
/// page's style sheet comes `kanri_css` (`public/kanri.css`: the rules only 情報担当課's
/// screens use, which the 課長's file does not carry), minified.
pub fn kanri_index(index: &str, kanri_css: &str) -> Result<String, PageError> {
    let start = index.find("<title>").ok_or(PageError::Index("<title>"))?;
    let end = index[start..]
        .find("</title>")
        .ok_or(PageError::Index("</title>"))?
        + start;
    let mut page = index.to_string();
    page.replace_range(
        start..end,
        "<title>tenken 情報担当課用 — 集計・規則エディタ・公開",
    );
    let head_end = page.find("</head>").ok_or(PageError::Index("</head>"))?;
    page.insert_str(
        head_end,
        &format!("<style>{}</style>\n", super::css::minify(kanri_css)),
    );
    Ok(page)
}

/// `index` with its boot area (`<div id="tenken-boot" …><p>loading…</p>…</div>`) showing
/// `markup` instead of the loading message, wrapped layout-neutrally.
pub fn prerender_boot(index: &str, markup: &str) -> Result<String, PageError> {
    let missing = PageError::Index("<div id=\"tenken-boot\"><p>…</p>");
    let open = index
        .find(&format!("<div id=\"{BOOT_ID}\""))
        .ok_or(missing.clone())?;
    let open_end = index[open..].find('>').ok_or(missing.clone())? + open + 1;
    let rest = &index[open_end..];
    let p_start = rest.find("<p>").ok_or(missing.clone())?;
    let p_end = rest.find("</p>").ok_or(missing.clone())? + "</p>".len();
    if !rest[..p_start].trim().is_empty() || p_end < p_start {
        return Err(missing);
    }
    Ok(format!(
        "{}<div id=\"{BOOT_ID}\" class=\"{PRERENDERED_CLASS}\">{markup}{}",
        &index[..open],
        &rest[p_end..]
    ))
}

/// The built-in bundles, compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// A JSON array of the bundles (canonical JSON each).
    pub bundles: String,
    /// A JSON array of their summaries, in the same order.
    pub summaries: String,
}

/// Why a page cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// `index.html` lacks something the page needs.
    Index(&'static str),
    /// The glue is not wasm-bindgen's `--target web` output.
    Glue(&'static str),
    /// The inlined CSS holds a character outside ASCII.
    Css,
    /// A character of the page has no windows-1252 byte (it was not escaped).
    Charset(char),
}

impl Message for PageError {
    /// In Japanese.
    fn message_ja(&self) -> String {
        match self {
            PageError::Index(what) => format!("index.html に必要な部分がありません（{what}）"),
            PageError::Glue(what) => format!("wasm-bindgen の出力が想定と違います（{what}）"),
            PageError::Css => {
                "埋め込む CSS は ASCII で書いてください（CSS エスケープを使う）".into()
            }
            PageError::Charset(c) => {
                format!("U+{:04X} を windows-1252 で書けません", *c as u32)
            }
        }
    }

    /// In English.
    fn message_en(&self) -> String {
        match self {
            PageError::Index(what) => format!("index.html lacks {what}"),
            PageError::Glue(what) => format!("unexpected wasm-bindgen output: {what}"),
            PageError::Css => {
                "the inlined CSS must be ASCII (write non-ASCII as CSS escapes)".into()
            }
            PageError::Charset(c) => {
                format!("U+{:04X} has no windows-1252 byte (not escaped)", *c as u32)
            }
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.message_ja(), self.message_en())
    }
}

/// The bootstrap script with its placeholders (`/*NAME*/default`) filled in: the element ids
/// and the windows-1252 tables, defined once in Rust.
pub fn bootstrap(template: &str) -> String {
    let mut js = template.to_string();
    let quoted = |id: &str| format!("'{id}'");
    let fills: Vec<(String, String, String)> = [
        ("APP_ID", "''", quoted(APP_ID)),
        ("APP_READY", "''", quoted(APP_READY)),
        ("BUNDLES_PACKED_ID", "''", quoted(BUNDLES_PACKED_ID)),
        ("BUNDLES_ID", "''", quoted(BUNDLES_ID)),
        ("SUMMARIES_ID", "''", quoted(SUMMARIES_ID)),
    ]
    .into_iter()
    .map(|(n, d, v)| (n.to_string(), d.to_string(), v))
    .chain(js_tables().into_iter().map(|(n, v)| {
        let default = match n {
            "WINDOWS_1252" => "[]",
            "ESCAPES" => "{}",
            _ => "0",
        };
        (n.to_string(), default.to_string(), v)
    }))
    .collect();
    for (name, default, value) in fills {
        js = js.replace(&format!("/*{name}*/{default}"), &value);
    }
    js
}

/// Trunk's page for intranet hosting, with the bundles embedded and a CSP that allows only
/// the page's own files.
pub fn hosted_page(index: &str, bundles: &Compiled) -> Result<String, PageError> {
    let loaders = elements(index, "script", "type=\"module\"");
    let script_hashes = loaders
        .iter()
        .map(|(_, js)| csp_hash(js))
        .collect::<Vec<_>>()
        .join(" ");
    let csp = format!(
        "default-src 'none'; script-src 'self' {script_hashes} 'wasm-unsafe-eval'; style-src {}; \
         connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; object-src 'none'",
        style_hashes(index)
    );
    let page = insert_meta(
        index,
        &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"),
    )
    .map_err(PageError::Index)?;
    insert_before_body_end(
        &page,
        &format!(
            "<script type=\"application/json\" id=\"{SUMMARIES_ID}\">{}</script>\n\
             <script type=\"application/json\" id=\"{BUNDLES_ID}\" data-ready=\"1\">{}</script>",
            script_safe_json(&bundles.summaries),
            script_safe_json(&bundles.bundles)
        ),
    )
    .map_err(PageError::Index)
}

/// Checks the glue is wasm-bindgen's `--target web` output that can be inlined.
pub fn check_glue(glue: &str) -> Result<(), PageError> {
    if !glue.contains("async function __wbg_init") {
        return Err(PageError::Glue(
            "no __wbg_init (is data-bindgen-target=\"web\" set?)",
        ));
    }
    Ok(())
}

/// What the page's scripts say to call once the app's script has run: `globalThis.<name>(init)`
/// with wasm-bindgen's init function (see [`app_blob`]).
pub const APP_READY: &str = "tenkenAppReady";

/// The app as one blob, compressed as one LZMA stream into the page's [`APP_ID`] element:
/// the length of its script (4 bytes, little-endian), the script, then the wasm. The
/// script is the wasm-bindgen glue, ending with a call of [`APP_READY`]; the page's inline
/// loader inserts it as a module script, which the CSP allows by its hash. Compressing the
/// glue with the wasm takes about 15 KB off the page.
///
/// Returns the blob and the CSP source of the script (`'sha256-…'`). The script is written
/// ASCII-only (`\u` escapes), so its hash does not depend on an encoding.
pub fn app_blob(script: &str, wasm: &[u8]) -> Result<(Vec<u8>, String), PageError> {
    let script = ascii_js(script);
    let length = u32::try_from(script.len()).map_err(|_| PageError::Glue("script too long"))?;
    let mut blob = Vec::with_capacity(4 + script.len() + wasm.len());
    blob.extend_from_slice(&length.to_le_bytes());
    blob.extend_from_slice(script.as_bytes());
    blob.extend_from_slice(wasm);
    Ok((blob, csp_hash(&script)))
}

/// The built-in bundles' summaries as a single file carries them.
#[derive(Debug, Clone, Copy)]
pub struct Summaries<'a> {
    /// Their JSON array ([`Compiled::summaries`]), from which the start screen is made.
    pub json: &'a str,
    /// The same JSON as UTF-16BE in an `.lzma` stream (the build's files: 2,369 bytes of
    /// summaries take 617), which the loader decodes before the app starts; `None`: the JSON
    /// as its UTF-8 bytes, which the app decodes (a file 公開 makes: the browser has no LZMA
    /// encoder).
    pub lzma: Option<&'a [u8]>,
}

impl<'a> Summaries<'a> {
    /// Summaries embedded as their UTF-8 bytes.
    pub fn plain(json: &'a str) -> Self {
        Summaries { json, lzma: None }
    }
}

/// The CSS of `index`'s `<style>` elements, in order: the whole style sheet the app's script
/// adds ([`app_script`]), while the page keeps only the rules its start screen may use.
pub fn page_css(index: &str) -> String {
    elements(index, "style", "")
        .into_iter()
        .map(|(_, css)| css)
        .collect()
}

/// The app's script for a single file: wasm-bindgen's `glue`, which first adds `css` as a
/// style sheet (after the page's own, which carries its early rules only: [`single_file`];
/// the CSP allows it by the hash this returns), then tells the loader it has run
/// ([`APP_READY`]). Returns the script and the CSP source of the style sheet ("" for no CSS).
pub fn app_script(glue: &str, css: &str) -> (String, String) {
    let mut script = format!("{glue}\n");
    let mut hash = String::new();
    if !css.is_empty() {
        // a JSON string is a JavaScript string literal
        let literal = serde_json::to_string(css).unwrap_or_default();
        script.push_str(&format!(
            "{{const s=document.createElement('style');s.textContent={literal};document.head.append(s)}}\n"
        ));
        hash = csp_hash(css);
    }
    script.push_str(&format!("globalThis.{APP_READY}(__wbg_init);\n"));
    (script, hash)
}

/// The app's code as a single file embeds it.
#[derive(Debug, Clone, Copy)]
pub struct Code<'a> {
    /// The inline module script: the LZMA decoder and the [`bootstrap`], minified.
    pub loader: &'a str,
    /// The CSP source of the app's script inside the blob (from [`app_blob`]).
    pub app_hash: &'a str,
    /// The CSP source of the style sheet that script adds ([`app_script`]), or empty if it
    /// adds none.
    pub style_hash: &'a str,
    /// The [`app_blob`] as an `.lzma` stream.
    pub app_lzma: &'a [u8],
}

/// The single self-contained file, as the bytes of a windows-1252 page: the embedded data
/// then costs one byte per byte, and the page's own Japanese text is written as character
/// references and `\u` escapes. `code` is the loader and the compressed app; `bundles` the
/// compressed bundles and how they are compressed; `summaries` theirs;
/// `publishing` the JSON of [`super::publish::Publishing`] (empty: none, as built);
/// `carried` the elements that carry the 課長's page in 情報担当課's file
/// ([`super::publish::carried_elements`]; empty in the 課長's).
pub fn single_file(
    index: &str,
    code: Code<'_>,
    (bundles, bundles_codec): (&[u8], Codec),
    summaries: Summaries<'_>,
    publishing: &str,
    carried: &str,
) -> Result<Vec<u8>, PageError> {
    // drop Trunk's loader and preload hints: everything is inline
    let mut page = remove_links(index, "preload");
    for (range, _) in elements(&page.clone(), "script", "type=\"module\"")
        .into_iter()
        .rev()
    {
        page.replace_range(range, "");
    }
    if elements(&page, "style", "")
        .iter()
        .any(|(_, css)| !css.is_ascii())
    {
        return Err(PageError::Css);
    }
    // the start screen, shown before the app starts (情報担当課's file carries the 課長's)
    let mut page = prerender_boot(&page, &start_screen(summaries.json, !carried.is_empty()))?;
    // the HTML carries only the rules its markup may use; the app's script adds the whole
    // sheet (`app_script`): the 課長's file 7.8 KB of CSS -> 2 KB, the rest LZMA'd with the app
    for (range, css) in elements(&page.clone(), "style", "").into_iter().rev() {
        let start = range.start + page[range.clone()].find('>').map_or(0, |i| i + 1);
        let early = super::css::early_rules(css, &page);
        page.replace_range(start..start + css.len(), &early);
    }
    let charset = page
        .find("<meta charset=\"utf-8\">")
        .ok_or(PageError::Index("<meta charset=\"utf-8\">"))?;
    page.replace_range(
        charset..charset + "<meta charset=\"utf-8\">".len(),
        "<meta charset=\"windows-1252\">",
    );
    let page = ascii_html(&page);
    let module = ascii_js(code.loader);
    if module.contains("</script") {
        return Err(PageError::Glue("</script inside the script"));
    }
    let hash_source = |hash: &str| {
        hash.strip_prefix("'sha256-")
            .and_then(|h| h.strip_suffix('\''))
            .is_some_and(|d| {
                !d.is_empty()
                    && d.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            })
    };
    if !hash_source(code.app_hash) {
        return Err(PageError::Glue("the app's hash is not a CSP hash source"));
    }
    if !code.style_hash.is_empty() && !hash_source(code.style_hash) {
        return Err(PageError::Glue(
            "the app's style sheet's hash is not a CSP hash source",
        ));
    }
    let styles = match code.style_hash {
        "" => style_hashes(&page),
        added => format!("{} {added}", style_hashes(&page)),
    };
    let csp = format!(
        "default-src 'none'; script-src {} {} 'wasm-unsafe-eval'; style-src {}; connect-src 'none'; \
         img-src data: blob:; base-uri 'none'; form-action 'none'; object-src 'none'",
        csp_hash(&module),
        code.app_hash,
        styles
    );
    let page = insert_meta(
        &page,
        &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"),
    )
    .map_err(PageError::Index)?;
    let publishing = if publishing.is_empty() {
        String::new()
    } else {
        format!(
            "<script type=\"application/json\" id=\"{PUBLISHING_ID}\">{}</script>\n",
            ascii_js(&script_safe_json(publishing))
        )
    };
    let (summaries_codec, summaries) = match summaries.lzma {
        Some(lzma) => (format!(" data-codec=\"{}\"", Codec::Lzma.name()), lzma),
        None => (String::new(), summaries.json.as_bytes()),
    };
    let page = insert_before_body_end(
        &page,
        &format!(
            "{publishing}{carried}<script type=\"application/octet-stream\" id=\"{APP_ID}\" data-length=\"{}\">{}</script>\n\
             <script type=\"application/octet-stream\" id=\"{BUNDLES_PACKED_ID}\" data-codec=\"{}\" data-length=\"{}\">{}</script>\n\
             <script type=\"application/octet-stream\" id=\"{SUMMARIES_ID}\"{summaries_codec} data-length=\"{}\">{}</script>\n\
             <script type=\"application/json\" id=\"{BUNDLES_ID}\"></script>\n\
             <script type=\"module\">{module}</script>",
            code.app_lzma.len(),
            encode_8bit(code.app_lzma),
            bundles_codec.name(),
            bundles.len(),
            encode_8bit(bundles),
            summaries.len(),
            encode_8bit(summaries),
        ),
    )
    .map_err(PageError::Index)?;
    to_windows_1252(&page).map_err(PageError::Charset)
}

#[cfg(test)]
mod tests {
    use super::super::bytes::char_of_byte;
    use super::*;

    const INDEX: &str = "<!doctype html>\n<html><head>\n<meta charset=\"utf-8\">\n<style>p{}</style>\n\
        <link rel=\"modulepreload\" href=\"./a.js\"><link rel=\"preload\" href=\"./a_bg.wasm\">\n\
        <script type=\"module\">import init from './a.js'; await init({});</script>\n</head>\n\
        <body><div id=\"tenken-boot\" role=\"status\"><p>loading</p><noscript>no js</noscript></div></body></html>";

    /// The code of a test page: `loader`, and `app` as its compressed app.
    fn code<'a>(loader: &'a str, app: &'a [u8]) -> Code<'a> {
        Code {
            loader,
            app_hash: "'sha256-app'",
            style_hash: "",
            app_lzma: app,
        }
    }

    /// What a browser reads from a windows-1252 page.
    fn page_text(bytes: &[u8]) -> String {
        bytes.iter().map(|&b| char_of_byte(b)).collect()
    }

    /// One bundle's summary.
    const MINI: &str = r#"[{"id":"mini","municipality":"目黒区","title":"t","sources":[],"version":"2026-04-01","version_wareki":null,"checklists":[]}]"#;

    #[test]
    fn the_page_keeps_the_start_screens_rules_and_the_app_adds_the_whole_sheet() {
        let css = "p{}.lead{c:1}table.bundles{w:1}.report td{r:1}@media print{.report{d:0}}";
        let index = INDEX.replace("p{}", css);
        let (script, style_hash) = app_script("glue()", &page_css(&index));
        // the app's script adds the whole sheet, as a string literal, before it says it ran
        assert_eq!(
            script,
            format!(
                "glue()\n{{const s=document.createElement('style');s.textContent={};document.head.append(s)}}\n\
                 globalThis.{APP_READY}(__wbg_init);\n",
                serde_json::to_string(css).expect("json")
            )
        );
        assert_eq!(style_hash, csp_hash(css));
        assert_eq!(
            app_script("glue()", ""),
            (
                format!("glue()\nglobalThis.{APP_READY}(__wbg_init);\n"),
                String::new()
            )
        );
        let page = page_text(
            &single_file(
                &index,
                Code {
                    style_hash: &style_hash,
                    ..code("x()", b"")
                },
                (b"", Codec::Lzma),
                Summaries::plain(MINI),
                "",
                "",
            )
            .expect("page"),
        );
        // the page: the rules of its own markup (the start screen's lead and bundle table)
        let (_, early) = elements(&page, "style", "")[0];
        assert_eq!(early, "p{}.lead{c:1}table.bundles{w:1}");
        // its CSP allows both sheets, and no more
        assert!(
            page.contains(&format!("style-src {} {style_hash};", csp_hash(early))),
            "{page}"
        );
        let bad = Code {
            style_hash: "'unsafe-inline'",
            ..code("x()", b"")
        };
        assert!(
            single_file(
                &index,
                bad,
                (b"", Codec::Lzma),
                Summaries::plain("[]"),
                "",
                ""
            )
            .is_err()
        );
    }

    #[test]
    fn single_file_has_no_external_reference() {
        let page = page_text(
            &single_file(
                INDEX,
                code("init()", b"wasm"),
                (b"", Codec::Lzma),
                Summaries::plain("[]"),
                "",
                "",
            )
            .expect("page"),
        );
        assert!(!page.contains("preload"), "{page}");
        assert!(
            !page.contains("./a.js") && !page.contains("a_bg.wasm"),
            "{page}"
        );
        assert!(page.contains("connect-src 'none'"));
        assert!(page.contains(&format!(
            "id=\"{APP_ID}\" data-length=\"4\">{}<",
            encode_8bit(b"wasm")
        )));
        // the bundles' element names how they are compressed
        assert!(page.contains(&format!(
            "id=\"{BUNDLES_PACKED_ID}\" data-codec=\"lzma-utf16be\""
        )));
        // the CSP allows exactly the inline module and the app's script it inserts
        let module = elements(&page, "script", "type=\"module\"");
        assert_eq!(module.len(), 1);
        assert!(page.contains(&format!(
            "script-src {} 'sha256-app' 'wasm-unsafe-eval';",
            csp_hash(module[0].1)
        )));
        assert!(page.contains(&csp_hash("p{}")));
        // CSP comes right after the charset
        let charset = page.find("<meta charset").expect("charset");
        let csp = page.find("Content-Security-Policy").expect("csp");
        assert!(csp > charset && csp < page.find("<style").expect("style"));
    }

    #[test]
    fn page_text_is_ascii_escaped_and_the_charset_says_windows_1252() {
        let index = INDEX.replace(
            "<noscript>no js</noscript>",
            "<noscript>読み込み中</noscript>",
        );
        let page = single_file(
            &index,
            code("x()", &[0x80, 0xff]),
            (b"", Codec::Lzma),
            Summaries::plain(r#"[{"title":"目黒区"}]"#),
            "",
            "",
        )
        .expect("page");
        let text = page_text(&page);
        assert!(text.contains("<meta charset=\"windows-1252\">"));
        assert!(
            text.contains("&#x8aad;&#x307f;&#x8fbc;&#x307f;&#x4e2d;"),
            "{text}"
        );
        // the summaries: their UTF-8 bytes, one windows-1252 character each (目 is E7 9B AE)
        assert!(
            text.contains(r#"[{"title":"ç›®é»’åŒº"}]</script>"#),
            "{text}"
        );
        assert_eq!(
            single_file(
                &index.replace("p{}", "p{content:'あ'}"),
                code("x()", b""),
                (b"", Codec::Lzma),
                Summaries::plain("[]"),
                "",
                ""
            ),
            Err(PageError::Css)
        );
    }

    #[test]
    fn the_kanri_page_says_whose_it_is() {
        let index = INDEX.replace("<style>", "<title>tenken — 点検</title><style>");
        let kanri = kanri_index(&index, "/* editor */\n.editor-bar { top: 0; }\n").expect("title");
        assert!(kanri.contains("<title>tenken 情報担当課用 — 集計・規則エディタ・公開</title>"));
        assert!(!kanri.contains("点検</title>"));
        assert!(kanri_index(INDEX, "").is_err());
        // its own rules come after the shared style sheet, minified; the 課長's page has none
        let shared = kanri.find("<style>p{}</style>").expect("shared");
        let own = kanri
            .find("<style>.editor-bar{top:0}</style>")
            .expect("kanri.css");
        assert!(shared < own && own < kanri.find("</head>").expect("head"));
        assert!(!index.contains("editor-bar"));
    }

    #[test]
    fn the_single_file_shows_the_start_screen_before_the_app() {
        let summaries = r#"[{"id":"mini","municipality":"目黒区","title":"t","sources":[],"version":"2026-04-01","version_wareki":null,"checklists":[]}]"#;
        let page_carrying = |carried: &str| {
            page_text(
                &single_file(
                    INDEX,
                    code("x()", b""),
                    (b"", Codec::Lzma),
                    Summaries::plain(summaries),
                    "",
                    carried,
                )
                .expect("page"),
            )
        };
        let page = page_carrying("");
        let boot = page
            .find("<div id=\"tenken-boot\" class=\"prerendered\"><header")
            .expect("boot");
        assert!(!page.contains("loading"));
        // the summaries, as their UTF-8 bytes one character per byte (half the size of
        // `\u` escapes), read back as the app reads them
        let (range, text) = elements(&page, "script", &format!("id=\"{SUMMARIES_ID}\""))
            .pop()
            .expect("summaries");
        assert!(page[range].contains(&format!("data-length=\"{}\"", summaries.len())));
        let back = crate::page::bytes::decode_8bit(text, summaries.len()).expect("decodes");
        assert_eq!(String::from_utf8(back).expect("UTF-8"), summaries);
        assert!(!text.contains('\\'));
        // the build's: compressed, named by their codec, decoded by the loader
        let packed = page_text(
            &single_file(
                INDEX,
                code("x()", b""),
                (b"", Codec::Lzma),
                Summaries {
                    json: summaries,
                    lzma: Some(b"\x00lz"),
                },
                "",
                "",
            )
            .expect("page"),
        );
        assert!(packed.contains(&format!(
            "id=\"{SUMMARIES_ID}\" data-codec=\"lzma-utf16be\" data-length=\"3\">\u{0}lz</script>"
        )));
        assert!(
            packed.contains("data-href=\"#/bundle/mini/-\""),
            "the start screen still lists them"
        );
        assert!(page[boot..].contains("data-href=\"#/bundle/mini/-\""));
        assert!(page[boot..].contains("<noscript>no js</noscript></div>"));
        // 情報担当課's file (the one carrying the 課長's) has their links
        assert!(!page.contains("#/editor"));
        let kanri = page_carrying("<b></b>");
        assert!(kanri.contains("data-href=\"#/editor\""));
        assert!(prerender_boot("<body></body>", "x").is_err());
    }

    #[test]
    fn glue_is_checked() {
        assert!(check_glue("export default function init() {}").is_err());
        assert!(check_glue("async function __wbg_init(m) {}").is_ok());
        assert!(
            single_file(
                INDEX,
                code("\"</script>\"", b""),
                (b"", Codec::Lzma),
                Summaries::plain("[]"),
                "",
                ""
            )
            .is_err()
        );
        // the app's hash goes into the CSP as it is: it must be one hash source
        for bad in [
            "'sha256-x' 'unsafe-inline'",
            "'unsafe-eval'",
            "'sha256-x'; script-src *",
        ] {
            let code = Code {
                app_hash: bad,
                ..code("x()", b"")
            };
            assert!(
                single_file(
                    INDEX,
                    code,
                    (b"", Codec::Lzma),
                    Summaries::plain("[]"),
                    "",
                    ""
                )
                .is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_app_blob_holds_the_script_then_the_wasm() {
        let (blob, hash) = app_blob("start('点検')", b"\0asm").expect("blob");
        let script = r"start('\u70b9\u691c')";
        assert_eq!(blob[..4], (script.len() as u32).to_le_bytes());
        assert_eq!(&blob[4..4 + script.len()], script.as_bytes());
        assert_eq!(&blob[4 + script.len()..], b"\0asm");
        // the hash is of the script the loader inserts, as it is in the blob
        assert_eq!(hash, csp_hash(script));
    }

    #[test]
    fn hosted_page_embeds_bundles_safely() {
        let page = hosted_page(
            INDEX,
            &Compiled {
                bundles: r#"[{"quote":"</script><b>"}]"#.into(),
                summaries: "[]".into(),
            },
        )
        .expect("page");
        assert!(
            page.contains(
                r#"id="tenken-bundles" data-ready="1">[{"quote":"<\/script><b>"}]</script>"#
            ),
            "{page}"
        );
        assert!(page.contains(&csp_hash("import init from './a.js'; await init({});")));
        assert!(page.contains("connect-src 'self'"));
    }

    #[test]
    fn the_bootstrap_gets_the_ids_and_tables_from_rust() {
        let js = bootstrap(include_str!("../bin/tenken-pack/bootstrap.js"));
        for name in [
            "WINDOWS_1252",
            "ESC",
            "ESCAPES",
            "APP_ID",
            "APP_READY",
            "BUNDLES_PACKED_ID",
            "BUNDLES_ID",
            "SUMMARIES_ID",
        ] {
            assert!(!js.contains(&format!("/*{name}*/")), "{name} filled: {js}");
        }
        for id in [APP_ID, BUNDLES_PACKED_ID, BUNDLES_ID, SUMMARIES_ID] {
            assert!(js.contains(&format!("'{id}'")), "{id}");
        }
        assert!(js.contains("const W = [0x20ac,"));
    }
}
