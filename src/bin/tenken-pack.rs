//! `tenken-pack`: the build step Trunk runs after staging the app (`post_build` hook in
//! Trunk.toml).
//!
//! 1. Reads and validates every `policies/*/bundle.toml`; any invalid bundle fails the build
//!    with the validator's messages.
//! 2. Embeds the compiled bundles into the staged `index.html` (for intranet hosting) and adds
//!    a Content-Security-Policy.
//! 3. Writes `tenken.html`: one self-contained file that runs from `file://`. The wasm and the
//!    bundles are gzip-compressed and base64-encoded into inert `<script>` data blocks; the
//!    wasm-bindgen glue and a small bootstrap run as one inline module script, which
//!    decompresses with the browser's `DecompressionStream` and hands the bytes to
//!    wasm-bindgen's init. The CSP allows exactly that script (by hash) and no network.
//!
//! Usage: `tenken-pack [STAGING_DIR]` (default `$TRUNK_STAGING_DIR`). `TENKEN_BUNDLES=a,b`
//! limits the built-in bundles to those ids (default: all).

#[cfg(not(target_arch = "wasm32"))]
mod pack {
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use base64::Engine;
    use tenken::core::bundle::Summary;
    use tenken::core::canonical::to_canonical_json;
    use tenken::load;

    /// The element ids the app and the bootstrap agree on (see `src/ui/builtin.rs`).
    const BUNDLES_ID: &str = "tenken-bundles";
    const SUMMARIES_ID: &str = "tenken-summaries";
    const BUNDLES_GZ_ID: &str = "tenken-bundles-gz";
    const WASM_GZ_ID: &str = "tenken-wasm-gz";

    /// Starts the app in the single file: decode, decompress, init. Runs after the glue, in the
    /// same module script, so `__wbg_init` is in scope.
    const BOOTSTRAP: &str = r#"
performance.mark('tenken-script');
const tenkenFail = (e) => {
  console.error(e);
  const box = document.getElementById('tenken-boot') || document.body;
  box.setAttribute('role', 'alert');
  box.textContent = 'tenken を起動できません。Microsoft Edge・Google Chrome・Firefox の最新版で開いてください。 / tenken cannot start: ' + (e && e.message ? e.message : e);
};
try {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('DecompressionStream がありません（ブラウザーが古すぎます） / DecompressionStream is missing');
  }
  // text (one windows-1252 character per byte, see `encode_8bit` in tenken-pack) → gzip
  // bytes → a stream of the original bytes
  const W = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160,
    0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
    0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];
  const inv = new Uint8Array(0x2123);
  W.forEach((u, i) => { inv[u] = 0x80 + i; });
  const gunzip = (id) => {
    const el = document.getElementById(id);
    const text = el.textContent;
    const n = Number(el.dataset.length);
    const bytes = new Uint8Array(n);
    let o = 0;
    for (let k = 0, len = text.length; k < len; k++) {
      const c = text.charCodeAt(k);
      let b = c < 0x100 ? c : inv[c];
      if (b === 1) {
        // escape: 1 then '0' (NUL), 'r' (CR), 'l' ('<') or 'e' (1 itself)
        const e = text.charCodeAt(++k);
        b = e === 0x30 ? 0 : e === 0x72 ? 0x0d : e === 0x6c ? 0x3c : 1;
      }
      bytes[o++] = b; // writes past n are dropped
    }
    o = Math.min(o, n);
    if (o !== n) throw new Error('埋め込みデータが壊れています / embedded data is damaged (' + id + ')');
    // (a Blob's stream would go through the browser process; this stays in the page)
    const source = new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } });
    return source.pipeThrough(new DecompressionStream('gzip'));
  };
  // the wasm compiles (in the background) while it is inflated and the bundles decoded
  const wasm = WebAssembly.compileStreaming(
    new Response(gunzip('tenken-wasm-gz'), { headers: { 'Content-Type': 'application/wasm' } }));
  // the bundles are needed only when one is opened: the app starts without waiting for them
  const bundles = new Response(gunzip('tenken-bundles-gz')).text().then((text) => {
    const el = document.getElementById('tenken-bundles');
    el.textContent = text;
    el.dataset.ready = '1';
    performance.mark('tenken-decoded');
  });
  await __wbg_init({ module_or_path: await wasm });
  await bundles;
} catch (e) {
  tenkenFail(e);
}
"#;

    /// A build failure, printed as one message.
    type Failure = String;

    pub fn main() -> ExitCode {
        match run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("tenken-pack: {message}");
                ExitCode::FAILURE
            }
        }
    }

    fn run() -> Result<(), Failure> {
        let staging = match std::env::args_os()
            .nth(1)
            .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        {
            Some(dir) => PathBuf::from(dir),
            None => {
                return Err(
                    "no staging directory: run from Trunk or pass it as an argument".into(),
                );
            }
        };
        let root = std::env::var_os("TRUNK_SOURCE_DIR")
            .map(PathBuf::from)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
        let only = std::env::var("TENKEN_BUNDLES")
            .ok()
            .filter(|s| !s.trim().is_empty());
        let bundles = compile_bundles(&root.join("policies"), only.as_deref())?;

        let index_path = staging.join("index.html");
        let index = read(&index_path)?;
        if index.contains(SUMMARIES_ID) {
            return Err(format!("{} is already packed", index_path.display()));
        }
        let glue_path = find(&staging, |n| {
            n.starts_with("tenken-web") && n.ends_with(".js")
        })?;
        let wasm_path = find(&staging, |n| n.ends_with("_bg.wasm"))?;
        let glue = read(&glue_path)?;
        let wasm =
            std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;

        let hosted = hosted_page(&index, &bundles)?;
        write(&index_path, hosted.as_bytes())?;
        let terser = root.join(".ci/node_modules/terser/bin/terser");
        let single = single_file(&index, &glue, &gzip(&wasm), &bundles, &|js| {
            minify_js(&terser, js)
        })?;
        let single_path = staging.join("tenken.html");
        write(&single_path, &single)?;
        println!(
            "tenken-pack: {} ({} bytes; wasm {} bytes, bundles {} bytes of JSON)",
            single_path.display(),
            single.len(),
            wasm.len(),
            bundles.bundles.len()
        );
        Ok(())
    }

    /// The compiled built-in bundles.
    #[derive(Debug)]
    pub(crate) struct Compiled {
        /// A JSON array of the bundles (canonical JSON each), ordered by directory name.
        pub bundles: String,
        /// A JSON array of their summaries, in the same order.
        pub summaries: String,
    }

    /// Validates `policies/*/bundle.toml` (or the ids in `only`) and compiles them.
    fn compile_bundles(policies: &Path, only: Option<&str>) -> Result<Compiled, Failure> {
        let mut dirs: Vec<PathBuf> = match only {
            Some(list) => list.split(',').map(|id| policies.join(id.trim())).collect(),
            None => std::fs::read_dir(policies)
                .map_err(|e| format!("{}: {e}", policies.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("bundle.toml").is_file())
                .collect(),
        };
        dirs.sort();
        let mut failures = Vec::new();
        let mut parts = Vec::new();
        let mut summaries = Vec::new();
        for dir in &dirs {
            match load::load(dir) {
                Ok(loaded) => {
                    for w in &loaded.validated.warnings.0 {
                        eprintln!("tenken-pack: {}: {w}", loaded.file.display());
                    }
                    let json = to_canonical_json(&loaded.raw)
                        .map_err(|e| format!("{}: {e}", dir.display()))?;
                    parts.push(String::from_utf8(json).map_err(|e| e.to_string())?);
                    summaries.push(Summary::of(&loaded.raw));
                    let b = &loaded.validated.bundle;
                    eprintln!(
                        "tenken-pack: OK {} 版 {} sha256:{}",
                        b.id, b.version, b.hash
                    );
                }
                Err(problems) => {
                    let mut text = format!("NG {}:", load::bundle_file(dir).display());
                    for p in &problems.0 {
                        text.push_str(&format!("\n  {p}"));
                    }
                    failures.push(text);
                }
            }
        }
        if !failures.is_empty() {
            return Err(format!(
                "組込み規則に誤りがあります / invalid built-in bundles:\n{}",
                failures.join("\n")
            ));
        }
        Ok(Compiled {
            bundles: format!("[{}]", parts.join(",")),
            summaries: serde_json::to_string(&summaries).map_err(|e| e.to_string())?,
        })
    }

    /// Minifies the inline module with terser (npm, installed by `.ci/setup`): the glue is
    /// the one part of the page that is not compressed.
    fn minify_js(terser: &Path, js: &str) -> Result<String, Failure> {
        use std::process::{Command, Stdio};
        let failed = |e: String| {
            format!(
                "terser ({}) failed: {e}; run `bash .ci/setup`",
                terser.display()
            )
        };
        let mut child = Command::new("node")
            .arg(terser)
            .args(["--module", "--compress", "--mangle", "--comments", "false"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| failed(e.to_string()))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(js.as_bytes())
                .map_err(|e| failed(e.to_string()))?;
        }
        let out = child
            .wait_with_output()
            .map_err(|e| failed(e.to_string()))?;
        if !out.status.success() {
            return Err(failed(String::from_utf8_lossy(&out.stderr).into_owned()));
        }
        String::from_utf8(out.stdout).map_err(|e| failed(e.to_string()))
    }

    fn read(path: &Path) -> Result<String, Failure> {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    fn find(dir: &Path, wanted: impl Fn(&str) -> bool) -> Result<PathBuf, Failure> {
        let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&wanted))
            .collect();
        match found.len() {
            1 => Ok(found.remove(0)),
            n => Err(format!(
                "expected one build output in {}, found {n}: {found:?}",
                dir.display()
            )),
        }
    }

    /// Gzip with zopfli (about 5% smaller than the best zlib level; the browser inflates it
    /// the same way), falling back to flate2 if zopfli fails.
    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        if zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            bytes,
            &mut out,
        )
        .is_ok()
        {
            return out;
        }
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        // writing to a Vec cannot fail
        enc.write_all(bytes).ok();
        enc.finish().unwrap_or_default()
    }

    /// The byte that starts an escape in [`encode_8bit`].
    const ESC: u8 = 0x01;
    /// Bytes that cannot stand for themselves inside `<script>`: NUL (the HTML parser replaces
    /// it), CR (turned into LF), `<` (could end the element) and [`ESC`]; each is written as
    /// ESC and the character after it here.
    const ESCAPED: [(u8, char); 4] = [(0x00, '0'), (0x0d, 'r'), (b'<', 'l'), (ESC, 'e')];

    /// windows-1252 (what browsers use for `charset=windows-1252`, and for "iso-8859-1"):
    /// the characters of bytes 0x80–0x9F. Every other byte is the code point of the same value.
    const WINDOWS_1252: [u32; 32] = [
        0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
        0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
        0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
    ];

    /// The character a windows-1252 page shows for byte `b`.
    fn char_of_byte(b: u8) -> char {
        let code = match b {
            0x80..=0x9f => WINDOWS_1252[usize::from(b - 0x80)],
            _ => u32::from(b),
        };
        char::from_u32(code).unwrap_or('?')
    }

    /// Encodes bytes as text that survives an HTML `<script>` element unchanged in a page
    /// decoded as windows-1252: one character (one byte in the file) per byte, the four bytes
    /// of [`ESCAPED`] as two (about 1.6% overhead on compressed data, against 14% for 7 bits
    /// per ASCII character and 33% for base64). The bootstrap decodes it (`gunzip` in
    /// [`BOOTSTRAP`]) given the byte length.
    pub(crate) fn encode_8bit(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(bytes.len() * 2);
        for &b in bytes {
            match ESCAPED.iter().find(|(e, _)| *e == b) {
                Some((_, c)) => {
                    out.push(char::from(ESC));
                    out.push(*c);
                }
                None => out.push(char_of_byte(b)),
            }
        }
        out
    }

    /// The page as windows-1252 bytes; every character must have a byte (escape the rest first).
    pub(crate) fn to_windows_1252(page: &str) -> Result<Vec<u8>, Failure> {
        page.chars()
            .map(|c| {
                let code = c as u32;
                match code {
                    0..=0x7f | 0xa0..=0xff => Ok(code as u8),
                    _ => WINDOWS_1252
                        .iter()
                        .position(|&w| w == code)
                        .map(|i| 0x80 + i as u8)
                        .ok_or_else(|| {
                            format!("U+{code:04X} has no windows-1252 byte (not escaped)")
                        }),
                }
            })
            .collect()
    }

    /// JavaScript or JSON text with every non-ASCII character written as `\uXXXX`.
    pub(crate) fn ascii_js(text: &str) -> String {
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
    pub(crate) fn ascii_html(text: &str) -> String {
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

    fn base64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    /// `'sha256-…'` for a CSP source list.
    fn csp_hash(text: &str) -> String {
        use sha2::Digest;
        format!(
            "'sha256-{}'",
            base64(&sha2::Sha256::digest(text.as_bytes()))
        )
    }

    /// The contents of every `<tag>…</tag>` element whose opening tag contains `attrs`.
    fn elements<'a>(
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
    fn remove_links(html: &str, needle: &str) -> String {
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
    fn insert_meta(html: &str, meta: &str) -> Result<String, Failure> {
        let at = html
            .find("<meta charset")
            .ok_or("index.html has no <meta charset>")?;
        let end = html[at..]
            .find('>')
            .map(|i| at + i + 1)
            .ok_or("unterminated <meta charset>")?;
        Ok(format!("{}\n  {meta}{}", &html[..end], &html[end..]))
    }

    fn insert_before_body_end(html: &str, text: &str) -> Result<String, Failure> {
        let at = html.rfind("</body>").ok_or("index.html has no </body>")?;
        Ok(format!("{}{text}\n{}", &html[..at], &html[at..]))
    }

    /// JSON placed inside `<script>`: `</` must not appear (it would end the element).
    fn script_safe_json(json: &str) -> String {
        json.replace("</", "<\\/")
    }

    fn style_hashes(html: &str) -> String {
        elements(html, "style", "")
            .iter()
            .map(|(_, css)| csp_hash(css))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Trunk's page for intranet hosting, with the bundles embedded and a CSP that allows only
    /// the page's own files.
    pub(crate) fn hosted_page(index: &str, bundles: &Compiled) -> Result<String, Failure> {
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
        )?;
        insert_before_body_end(
            &page,
            &format!(
                "<script type=\"application/json\" id=\"{SUMMARIES_ID}\">{}</script>\n\
                 <script type=\"application/json\" id=\"{BUNDLES_ID}\" data-ready=\"1\">{}</script>",
                script_safe_json(&bundles.summaries),
                script_safe_json(&bundles.bundles)
            ),
        )
    }

    /// The single self-contained file, as the bytes of a windows-1252 page: the embedded
    /// data then costs one byte per byte, and the page's own Japanese text is written as
    /// character references and `\u` escapes.
    pub(crate) fn single_file(
        index: &str,
        glue: &str,
        wasm_gz: &[u8],
        bundles: &Compiled,
        minify: &dyn Fn(&str) -> Result<String, Failure>,
    ) -> Result<Vec<u8>, Failure> {
        if !glue.contains("async function __wbg_init") {
            return Err(
                "the wasm-bindgen glue has no __wbg_init (is data-bindgen-target=\"web\" set?)"
                    .into(),
            );
        }
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
            return Err("the inlined CSS must be ASCII (write non-ASCII as CSS escapes)".into());
        }
        let charset = page
            .find("<meta charset=\"utf-8\">")
            .ok_or("index.html has no <meta charset=\"utf-8\">")?;
        page.replace_range(
            charset..charset + "<meta charset=\"utf-8\">".len(),
            "<meta charset=\"windows-1252\">",
        );
        let page = ascii_html(&page);
        let module = ascii_js(&minify(&format!("{glue}\n{BOOTSTRAP}"))?);
        let bundles_gz = gzip(bundles.bundles.as_bytes());
        if module.contains("</script") {
            return Err("the glue contains </script and cannot be inlined".into());
        }
        let csp = format!(
            "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; connect-src 'none'; \
             img-src data: blob:; base-uri 'none'; form-action 'none'; object-src 'none'",
            csp_hash(&module),
            style_hashes(&page)
        );
        let page = insert_meta(
            &page,
            &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">"),
        )?;
        let page = insert_before_body_end(
            &page,
            &format!(
                "<script type=\"application/octet-stream\" id=\"{WASM_GZ_ID}\" data-length=\"{}\">{}</script>\n\
                 <script type=\"application/octet-stream\" id=\"{BUNDLES_GZ_ID}\" data-length=\"{}\">{}</script>\n\
                 <script type=\"application/json\" id=\"{SUMMARIES_ID}\">{}</script>\n\
                 <script type=\"application/json\" id=\"{BUNDLES_ID}\"></script>\n\
                 <script type=\"module\">{module}</script>",
                wasm_gz.len(),
                encode_8bit(wasm_gz),
                bundles_gz.len(),
                encode_8bit(&bundles_gz),
                ascii_js(&script_safe_json(&bundles.summaries)),
            ),
        )?;
        to_windows_1252(&page)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        const INDEX: &str = "<!doctype html>\n<html><head>\n<meta charset=\"utf-8\">\n<style>p{}</style>\n\
            <link rel=\"modulepreload\" href=\"./a.js\"><link rel=\"preload\" href=\"./a_bg.wasm\">\n\
            <script type=\"module\">import init from './a.js'; await init({});</script>\n</head>\n\
            <body><div id=\"tenken-boot\"></div></body></html>";
        const GLUE: &str = "async function __wbg_init(m) {}\nexport default __wbg_init;";

        fn same(js: &str) -> Result<String, Failure> {
            Ok(js.to_string())
        }

        fn compiled(bundles: &str, summaries: &str) -> Compiled {
            Compiled {
                bundles: bundles.into(),
                summaries: summaries.into(),
            }
        }

        /// What a browser reads from a windows-1252 page.
        fn page_text(bytes: &[u8]) -> String {
            bytes.iter().map(|&b| char_of_byte(b)).collect()
        }

        #[test]
        fn single_file_has_no_external_reference() {
            let page = page_text(
                &single_file(INDEX, GLUE, b"wasm", &compiled("[]", "[]"), &same).unwrap(),
            );
            assert!(!page.contains("preload"), "{page}");
            assert!(
                !page.contains("./a.js") && !page.contains("a_bg.wasm"),
                "{page}"
            );
            assert!(page.contains("connect-src 'none'"));
            assert!(page.contains(&format!(
                "id=\"{WASM_GZ_ID}\" data-length=\"4\">{}<",
                encode_8bit(b"wasm")
            )));
            // the CSP allows exactly the inline module
            let module = elements(&page, "script", "type=\"module\"");
            assert_eq!(module.len(), 1);
            assert!(page.contains(&csp_hash(module[0].1)));
            assert!(page.contains(&csp_hash("p{}")));
            // CSP comes right after the charset
            let charset = page.find("<meta charset").unwrap();
            let csp = page.find("Content-Security-Policy").unwrap();
            assert!(csp > charset && csp < page.find("<style").unwrap());
        }

        /// The bootstrap's decoder, in Rust, to test the encoding.
        fn decode_8bit(text: &str, n: usize) -> Vec<u8> {
            let mut out = Vec::new();
            let mut chars = text.chars();
            while let Some(c) = chars.next() {
                let code = c as u32;
                let mut b = match code {
                    0..=0xff => code as u8,
                    _ => 0x80 + WINDOWS_1252.iter().position(|&w| w == code).unwrap() as u8,
                };
                if b == ESC {
                    let e = chars.next().unwrap();
                    b = ESCAPED.iter().find(|(_, x)| *x == e).unwrap().0;
                }
                if out.len() < n {
                    out.push(b);
                }
            }
            out
        }

        #[test]
        fn eight_bit_text_round_trips_and_is_script_safe() {
            let mut cases: Vec<Vec<u8>> = vec![
                vec![],
                vec![0],
                vec![0x3c],
                vec![0x0d, 0x0d],
                vec![ESC, b'0'],
                (0..=255).collect(),
            ];
            let mut x = 0x1234_5678u32;
            cases.push(
                (0..100_000)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        x as u8
                    })
                    .collect(),
            );
            for bytes in cases {
                let text = encode_8bit(&bytes);
                assert_eq!(decode_8bit(&text, bytes.len()), bytes);
                assert!(
                    !text.contains(['\0', '\r', '<']),
                    "no character the HTML parser changes"
                );
                let file = to_windows_1252(&text).unwrap();
                // one byte per byte, plus the escapes
                assert!(file.len() <= bytes.len() + bytes.len() / 50 + 2);
                assert_eq!(
                    page_text(&file),
                    text,
                    "the browser reads back the same text"
                );
            }
        }

        #[test]
        fn page_text_is_ascii_escaped_and_the_charset_says_windows_1252() {
            let index = INDEX.replace(
                "<div id=\"tenken-boot\"></div>",
                "<div id=\"tenken-boot\">読み込み中</div>",
            );
            let summaries = r#"[{"title":"目黒区"}]"#;
            let page = single_file(
                &index,
                GLUE,
                &[0x80, 0xff],
                &compiled("[]", summaries),
                &same,
            )
            .unwrap();
            let text = page_text(&page);
            assert!(text.contains("<meta charset=\"windows-1252\">"));
            assert!(
                text.contains("&#x8aad;&#x307f;&#x8fbc;&#x307f;&#x4e2d;"),
                "{text}"
            );
            assert!(
                text.contains(r#"[{"title":"\u76ee\u9ed2\u533a"}]"#),
                "{text}"
            );
            assert!(
                single_file(
                    &index.replace("p{}", "p{content:'あ'}"),
                    GLUE,
                    b"",
                    &compiled("[]", "[]"),
                    &same
                )
                .is_err()
            );
        }

        #[test]
        fn single_file_refuses_other_glue() {
            let none = compiled("[]", "[]");
            assert!(
                single_file(
                    INDEX,
                    "export default function init() {}",
                    b"",
                    &none,
                    &same
                )
                .is_err()
            );
            assert!(
                single_file(INDEX, &format!("{GLUE}\"</script>\""), b"", &none, &same).is_err()
            );
        }

        #[test]
        fn hosted_page_embeds_bundles_safely() {
            let page =
                hosted_page(INDEX, &compiled(r#"[{"quote":"</script><b>"}]"#, "[]")).unwrap();
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
        fn invalid_bundle_fails_the_build_with_its_place() {
            let dir = std::env::temp_dir().join(format!("tenken-pack-test-{}", std::process::id()));
            let bad = dir.join("bad");
            std::fs::create_dir_all(&bad).unwrap();
            std::fs::write(
                bad.join("bundle.toml"),
                "format = \"tenken-bundle/1\"\nid = \"Bad Id\"\n",
            )
            .unwrap();
            let err = compile_bundles(&dir, None).unwrap_err();
            std::fs::remove_dir_all(&dir).ok();
            assert!(err.contains("bad/bundle.toml"), "{err}");
            assert!(err.contains("id"), "{err}");
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    pack::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
