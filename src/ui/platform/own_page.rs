//! This page's own parts, from which a published copy of it is made
//! ([`crate::page::publish::republish`]), and gzip by the browser's `CompressionStream`.

use std::sync::OnceLock;

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::page::publish::RunningPage;
use crate::page::{BOOT_ID, WASM_GZ_ID};
use crate::ui::platform::files::js_message;

static BOOT: OnceLock<String> = OnceLock::new();

/// Keeps the boot area's markup as the page had it, before the app replaces it.
pub fn remember_boot(html: String) {
    BOOT.set(html).ok();
}

/// Why this page cannot be copied.
pub const NOT_SINGLE_FILE: &str = "この画面は、ファイル版の tenken.html（共有フォルダなどから開いたもの）でだけ使えます。イントラネットのサーバーから開いた tenken では使えません。 / only the single file (tenken.html) can publish a copy of itself";

/// The parts of this page, or [`NOT_SINGLE_FILE`] when it is not the single file (the
/// hosted page has no embedded wasm).
pub fn running_page() -> Result<RunningPage, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let wasm = document
        .get_element_by_id(WASM_GZ_ID)
        .ok_or(NOT_SINGLE_FILE)?;
    let wasm_length = wasm
        .get_attribute("data-length")
        .and_then(|n| n.parse().ok())
        .ok_or(NOT_SINGLE_FILE)?;
    let module = document
        .query_selector("script[type=module]")
        .ok()
        .flatten()
        .and_then(|s| s.text_content())
        .ok_or(NOT_SINGLE_FILE)?;
    let head = document
        .query_selector("head")
        .ok()
        .flatten()
        .ok_or(NOT_SINGLE_FILE)?;
    let nodes = head.child_nodes();
    let head = (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| e.outer_html())
        .collect();
    let boot = BOOT.get().cloned().unwrap_or_else(|| {
        format!("<div id=\"{BOOT_ID}\" role=\"status\"><p>tenken を読み込んでいます…</p></div>")
    });
    Ok(RunningPage {
        head,
        boot,
        module,
        wasm_text: wasm.text_content().unwrap_or_default(),
        wasm_length,
    })
}

fn method(target: &JsValue, name: &str) -> Result<Function, JsValue> {
    Reflect::get(target, &name.into())?.dyn_into::<Function>()
}

/// Gzips `bytes` with the browser's `CompressionStream` (as the page's bootstrap inflates
/// them with `DecompressionStream`).
pub async fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let run = async {
        let global = js_sys::global();
        let ctor = Reflect::get(&global, &"CompressionStream".into())?.dyn_into::<Function>()?;
        let compressor = Reflect::construct(&ctor, &Array::of1(&"gzip".into()))?;
        let parts = Array::of1(&Uint8Array::from(bytes));
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
        let stream = method(&blob, "stream")?.call0(&blob)?;
        let piped = method(&stream, "pipeThrough")?.call1(&stream, &compressor)?;
        let response_ctor = Reflect::get(&global, &"Response".into())?.dyn_into::<Function>()?;
        let response = Reflect::construct(&response_ctor, &Array::of1(&piped))?;
        let promise = method(&response, "arrayBuffer")?
            .call0(&response)?
            .dyn_into::<Promise>()?;
        let buffer = wasm_bindgen_futures::JsFuture::from(promise).await?;
        Ok::<Vec<u8>, JsValue>(Uint8Array::new(&buffer).to_vec())
    };
    run.await.map_err(|e| js_message(&e))
}
