//! `tenken-pack`: the build step Trunk runs after staging the app (`post_build` hook in
//! Trunk.toml). The page itself is `tenken::page`'s work; this binary reads and writes files.
//!
//! 1. Reads and validates every `policies/*/bundle.toml`; any invalid bundle fails the build
//!    with the validator's messages.
//! 2. Embeds the compiled bundles into the staged `index.html` (for intranet hosting) and adds
//!    a Content-Security-Policy.
//! 3. Writes `tenken.html`, the 課長's app (binary `tenken-web`): one self-contained file
//!    that runs from `file://`. Its wasm is optimized here (`App::optimize`: wasm-opt, the
//!    functions laid out by likeness, `tenken::page::wasm`). The app (its wasm-bindgen glue,
//!    which adds the whole style sheet, minified by terser, and its wasm:
//!    `tenken::page::assemble::{app_script, app_blob}`) is compressed with LZMA as one stream
//!    (decoded in the page by `unlzma.js`), and so are the bundles and their summaries (a
//!    published file's bundles are gzipped by the browser, its summaries plain), all embedded
//!    one byte per byte (`tenken::page::bytes`); the page's own style sheet keeps the rules its
//!    start screen may use. `unlzma.js` and `bootstrap.js` run as the one inline module script
//!    (the loader, minified by terser), which decodes the app, inserts its script, decodes the
//!    summaries, hands the wasm to wasm-bindgen's init, then decodes the bundles (or inflates a
//!    published file's with the browser's `DecompressionStream`). The CSP allows exactly those
//!    two scripts and the app's style sheet (by hash) and no network.
//! 4. Writes `tenken-kanri.html`, 情報担当課's app (binary `tenken-kanri`) the same way,
//!    carrying the 課長's page and wasm so that it can publish a municipality's tenken.html.
//!
//! Usage: `tenken-pack [STAGING_DIR]` (default `$TRUNK_STAGING_DIR`). `TENKEN_BUNDLES=a,b`
//! limits the built-in bundles to those ids (default: all). `TRUNK_PROFILE=debug` (`trunk
//! serve`, `trunk build`) leaves the wasm as wasm-bindgen wrote it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tenken::core::bundle::Summary;
use tenken::core::canonical::to_canonical_json;
use tenken::load;
use tenken::page::assemble::{
    Code, Compiled, KACHO_FILE, KANRI_FILE, Summaries, app_blob, app_script, bootstrap, check_glue,
    hosted_page, kanri_index, page_css, single_file,
};
use tenken::page::publish::{CarriedPage, carried_elements};
use tenken::page::{Codec, SUMMARIES_ID};

/// The bootstrap script, with placeholders `tenken::page::assemble::bootstrap` fills in, after
/// the LZMA decoder it calls.
const BOOTSTRAP: &str = concat!(
    include_str!("unlzma.js"),
    "\n",
    include_str!("bootstrap.js")
);

/// A build failure, printed as one message.
type Failure = String;

fn main() -> ExitCode {
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
                "ステージングのフォルダがありません。Trunk から実行するか引数で渡してください / no staging directory: run from Trunk or pass it as an argument"
                    .into(),
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
    // the style sheet Trunk inlined, without its comments and layout
    let index = tenken::page::css::minify_styles(&read(&index_path)?);
    if index.contains(SUMMARIES_ID) {
        return Err(format!(
            "{} は処理済みです / is already packed",
            index_path.display()
        ));
    }
    let mut kacho = App::read(&staging, "tenken-web")?;
    let mut kanri = App::read(&staging, "tenken-kanri")?;
    // a release build's wasm is optimized here, not by Trunk (see `App::optimize`)
    if std::env::var("TRUNK_PROFILE").as_deref() != Ok("debug") {
        kacho.optimize(&root)?;
        kanri.optimize(&root)?;
    }

    let hosted = hosted_page(&index, &bundles).map_err(|e| e.to_string())?;
    write(&index_path, hosted.as_bytes())?;
    // the bundles' JSON, mostly Japanese, as UTF-16BE: two bytes a character, which LZMA models
    // with 2-byte positions (7% smaller than UTF-8 on the five bundles); big-endian, the byte
    // that names a character's block before the byte within it: 1.6% smaller than
    // little-endian (40,894 bytes against 41,539)
    let utf16: Vec<u8> = bundles
        .bundles
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let bundles_lzma = lzma(&utf16, Literals::TEXT16)?;
    // their summaries the same way (the loader decodes them before the app starts)
    let summaries_utf16: Vec<u8> = bundles
        .summaries
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    let summaries_lzma = lzma(&summaries_utf16, Literals::TEXT16)?;
    let summaries = Summaries {
        json: &bundles.summaries,
        lzma: Some(&summaries_lzma),
    };

    // one loader for both files: it decodes whichever app its page carries
    let loader = minify_js(&root, &bootstrap(BOOTSTRAP))?;

    // the 課長's file
    let kacho_app = kacho.packed(&root, &index)?;
    let single = single_file(
        &index,
        Code {
            loader: &loader,
            app_hash: &kacho_app.app_hash,
            style_hash: &kacho_app.style_hash,
            app_lzma: &kacho_app.lzma,
        },
        (&bundles_lzma, Codec::Lzma),
        summaries,
        "",
        "",
    )
    .map_err(|e| e.to_string())?;
    write(&staging.join(KACHO_FILE), &single)?;

    // 情報担当課's file, carrying the 課長's page for publishing
    let office_index =
        kanri_index(&index, &read(&root.join("public/kanri.css"))?).map_err(|e| e.to_string())?;
    let kanri_app = kanri.packed(&root, &office_index)?;
    let carried = CarriedPage {
        index: index.clone(),
        loader: loader.clone(),
        app_hash: kacho_app.app_hash.clone(),
        style_hash: kacho_app.style_hash.clone(),
    };
    let office = single_file(
        &office_index,
        Code {
            loader: &loader,
            app_hash: &kanri_app.app_hash,
            style_hash: &kanri_app.style_hash,
            app_lzma: &kanri_app.lzma,
        },
        (&bundles_lzma, Codec::Lzma),
        summaries,
        "",
        &carried_elements(&carried, &kacho_app.lzma),
    )
    .map_err(|e| e.to_string())?;
    write(&staging.join(KANRI_FILE), &office)?;
    // the hosted page loads the 課長's app; 情報担当課's runs from its single file
    kanri.remove()?;
    println!(
        "tenken-pack: {KACHO_FILE} {} bytes (wasm {} bytes), {KANRI_FILE} {} bytes (wasm {} bytes); bundles {} bytes of JSON",
        single.len(),
        kacho.wasm.len(),
        office.len(),
        kanri.wasm.len(),
        bundles.bundles.len()
    );
    Ok(())
}

/// An app as a single file embeds it (see `App::packed`).
struct Packed {
    app_hash: String,
    style_hash: String,
    lzma: Vec<u8>,
}

/// One of the two apps Trunk staged: its wasm-bindgen glue and wasm.
struct App {
    glue_path: PathBuf,
    glue: String,
    wasm_path: PathBuf,
    wasm: Vec<u8>,
}

impl App {
    /// Reads the app built from the binary `bin` (`<bin>[-hash].js`, `<bin>[-hash]_bg.wasm`).
    fn read(staging: &Path, bin: &str) -> Result<App, Failure> {
        let ours = |n: &str| {
            n.strip_prefix(bin)
                .is_some_and(|rest| rest.starts_with(['-', '.', '_']))
        };
        let glue_path = find(staging, |n| ours(n) && n.ends_with(".js"))?;
        let wasm_path = find(staging, |n| ours(n) && n.ends_with("_bg.wasm"))?;
        let glue = read(&glue_path)?;
        check_glue(&glue).map_err(|e| format!("{}: {e}", glue_path.display()))?;
        let wasm =
            std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
        Ok(App {
            glue_path,
            glue,
            wasm_path,
            wasm,
        })
    }

    /// Optimizes its wasm with wasm-opt ([`WASM_OPT`]), its functions ordered by likeness
    /// (`tenken::page::wasm`), and writes it back for the hosted page. Trunk leaves the
    /// wasm-bindgen output as it is (`data-wasm-opt="0"` in public/index.html) so that the
    /// order can be found between two runs: the first, keeping the names (`-g`), gives the
    /// optimized bodies; the second optimizes the same input again, renamed in that order, and
    /// lays the functions out by name.
    fn optimize(&mut self, root: &Path) -> Result<(), Failure> {
        let dir = std::env::temp_dir().join(format!("tenken-pack-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let result = (|| {
            let input = dir.join("in.wasm");
            let named = dir.join("named.wasm");
            let renamed = dir.join("renamed.wasm");
            let out = dir.join("out.wasm");
            write(&input, &self.wasm)?;
            wasm_opt(root, &["-g"], &input, &named)?;
            let order = tenken::page::wasm::similar_order(&read_bytes(&named)?)
                .map_err(|e| format!("{}: {e}", named.display()))?;
            let wasm = tenken::page::wasm::rename_in_order(&self.wasm, &order)
                .map_err(|e| format!("{}: {e}", self.wasm_path.display()))?;
            write(&renamed, &wasm)?;
            wasm_opt(
                root,
                &[
                    // functions left identical by the optimizations, once (-0.15 KB)
                    "--duplicate-function-elimination",
                    "--reorder-functions-by-name",
                    "--strip-debug",
                    "--strip-producers",
                    "--strip-target-features",
                ],
                &renamed,
                &out,
            )?;
            read_bytes(&out)
        })();
        std::fs::remove_dir_all(&dir).ok();
        self.wasm = result?;
        write(&self.wasm_path, &self.wasm)
    }

    /// Its script (the glue, adding `page`'s whole style sheet and telling the loader it has
    /// run: `app_script`) and wasm as the page embeds them: the CSP hashes of the script and
    /// of that sheet, and the LZMA'd [`app_blob`].
    fn packed(&self, root: &Path, page: &str) -> Result<Packed, Failure> {
        let (script, style_hash) = app_script(&self.glue, &page_css(page));
        let script = minify_js(root, &script)?;
        let (blob, app_hash) = app_blob(&script, &self.wasm).map_err(|e| e.to_string())?;
        Ok(Packed {
            app_hash,
            style_hash,
            lzma: lzma(&blob, Literals::WASM)?,
        })
    }

    /// Removes its files from the staging directory.
    fn remove(&self) -> Result<(), Failure> {
        for p in [&self.glue_path, &self.wasm_path] {
            std::fs::remove_file(p).map_err(|e| format!("{}: {e}", p.display()))?;
        }
        Ok(())
    }
}

/// Validates `policies/*/bundle.toml` (or the ids in `only`) and compiles them, ordered by
/// directory name.
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

/// wasm-opt's settings for both apps (binaryen 132; Debian's binaryen 108 breaks Rust 1.95
/// output): `-O1` with shrink level 1 rather than `-Oz`, whose smaller wasm LZMA packs 1.3%
/// larger (README); and the exports of wasm-streams' IntoUnderlying* classes removed, which
/// Leptos' server_fn links even in CSR and nothing here constructs (the glue calls them only
/// from those classes' methods): the functions behind them go too.
const WASM_OPT: &[&str] = &[
    "-O1",
    "--shrink-level=1",
    "--remove-exports",
    "--pass-arg=remove-exports@*intounderlying*",
    "--remove-unused-module-elements",
];

/// The binaryen version wasm-opt must be (Trunk.toml's `wasm_opt`, `.ci/package.json`).
const WASM_OPT_VERSION: &str = "version 132";

/// Runs wasm-opt ([`WASM_OPT`], then `extra`) on `input`, writing `output`.
fn wasm_opt(root: &Path, extra: &[&str], input: &Path, output: &Path) -> Result<(), Failure> {
    use std::process::Command;
    let tool = node_tool(root, "wasm-opt");
    let failed = |e: String| {
        format!(
            "wasm-opt ({}) が動きません。`bash .ci/setup` を実行してください / wasm-opt failed: {e}; run `bash .ci/setup`",
            tool.display()
        )
    };
    let version = Command::new(&tool)
        .arg("--version")
        .output()
        .map_err(|e| failed(e.to_string()))?;
    let version = String::from_utf8_lossy(&version.stdout);
    if !version.contains(WASM_OPT_VERSION) {
        return Err(failed(format!(
            "{} is not {WASM_OPT_VERSION}",
            version.trim()
        )));
    }
    let out = Command::new(&tool)
        .args(WASM_OPT)
        .args(extra)
        .arg(input)
        .arg("-o")
        .arg(output)
        .output()
        .map_err(|e| failed(e.to_string()))?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: String = stderr.lines().rev().take(20).collect::<Vec<_>>().join("\n");
        return Err(failed(tail));
    }
    Ok(())
}

/// terser: `terser` on PATH (`.ci/env` puts `.ci/node_modules/.bin` there), else the copy
/// `.ci/setup` installs.
fn terser(root: &Path) -> PathBuf {
    node_tool(root, "terser")
}

/// A tool `.ci/setup` installs from npm: `name` on PATH (`.ci/env` puts
/// `.ci/node_modules/.bin` there), else that copy.
fn node_tool(root: &Path, name: &str) -> PathBuf {
    let installed = root.join(".ci/node_modules/.bin").join(name);
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    on_path.unwrap_or(installed)
}

/// Minifies a module script with terser (the loader, and the glue before it is compressed).
fn minify_js(root: &Path, js: &str) -> Result<String, Failure> {
    use std::process::{Command, Stdio};
    let terser = terser(root);
    let failed = |e: String| {
        format!(
            "terser ({}) が動きません。`bash .ci/setup` を実行してください / terser failed: {e}; run `bash .ci/setup`",
            terser.display()
        )
    };
    let mut child = Command::new(&terser)
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

fn read_bytes(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
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
            "{} にビルド結果が一つではありません（{n} 個） / expected one build output, found {n}: {found:?}",
            dir.display()
        )),
    }
}

/// LZMA's literal and position settings (`lc`, `lp`, `pb`) for one kind of data.
#[derive(Debug, Clone, Copy)]
struct Literals(u32, u32, u32);

impl Literals {
    /// The app's blob: four bits of literal context, no position bits, the best of those
    /// measured on this wasm (lc=3: +0.4 KB; lc + lp is at most 4).
    const WASM: Literals = Literals(4, 0, 0);
    /// UTF-16 text: positions by 2 bytes, no literal context (xz's own advice for 2-byte
    /// data; of all lc/lp/pb measured on the bundles as UTF-16BE the best).
    const TEXT16: Literals = Literals(0, 1, 1);
}

/// The `.lzma` stream of `bytes` (LZMA, the .lzma header stating the size, no end marker), as
/// `unlzma.js` in the page decodes it: about a fifth smaller than gzip (zopfli) on wasm, a
/// quarter on the bundles' JSON. Settings: xz's `-9e`, with `literals`. Decoded again here,
/// so that an encoder fault fails the build rather than shipping a page that cannot start.
fn lzma(bytes: &[u8], Literals(lc, lp, pb): Literals) -> Result<Vec<u8>, Failure> {
    use lzma_rust2::{EncodeMode, LzmaOptions, LzmaReader, LzmaWriter, MfType};
    let failed = |e: std::io::Error| format!("LZMA: {e}");
    let options = LzmaOptions {
        dict_size: (bytes.len() as u32)
            .next_power_of_two()
            .clamp(4096, 1 << 26),
        lc,
        lp,
        pb,
        mode: EncodeMode::Normal,
        nice_len: LzmaOptions::NICE_LEN_MAX,
        mf: MfType::Bt4,
        depth_limit: 512,
        ..LzmaOptions::with_preset(9)
    };
    let mut w = LzmaWriter::new_use_header(Vec::new(), &options, Some(bytes.len() as u64))
        .map_err(failed)?;
    w.write_all(bytes).map_err(failed)?;
    let out = w.finish().map_err(failed)?;
    let mut back = Vec::with_capacity(bytes.len());
    std::io::Read::read_to_end(
        &mut LzmaReader::new_mem_limit(&out[..], u32::MAX, None).map_err(failed)?,
        &mut back,
    )
    .map_err(failed)?;
    if back != bytes {
        return Err("LZMA: 圧縮したデータが元に戻りません / the compressed data does not decode to its input".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bundle_fails_the_build_with_its_place() {
        let dir = std::env::temp_dir().join(format!("tenken-pack-test-{}", std::process::id()));
        let bad = dir.join("bad");
        std::fs::create_dir_all(&bad).expect("dir");
        std::fs::write(
            bad.join("bundle.toml"),
            "format = \"tenken-bundle/1\"\nid = \"Bad Id\"\n",
        )
        .expect("write");
        let err = compile_bundles(&dir, None).expect_err("invalid");
        std::fs::remove_dir_all(&dir).ok();
        assert!(err.contains("bad/bundle.toml"), "{err}");
        assert!(err.contains("id"), "{err}");
    }

    #[test]
    fn lzma_states_its_size_and_decodes_back() {
        let data = "点検・委託契約".repeat(5000).into_bytes();
        let packed = lzma(&data, Literals::WASM).expect("compresses");
        assert!(packed.len() < data.len() / 20, "{} bytes", packed.len());
        // the header unlzma.js reads: lc=4, lp=0, pb=0 and the exact size
        assert_eq!(packed[0], 4);
        assert_eq!(
            u64::from_le_bytes(packed[5..13].try_into().expect("8")),
            data.len() as u64
        );
        // (pb * 5 + lp) * 9 + lc
        assert_eq!(lzma(&data, Literals::TEXT16).expect("compresses")[0], 54);
        assert!(lzma(&[], Literals::WASM).is_ok());
    }
}
