//! The 課長's page 情報担当課's file carries ([`crate::page::publish::RunningPage`]), from
//! which a municipality's own tenken.html is made ([`crate::page::publish::republish`]), and
//! gzip by the browser's `CompressionStream`.

use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::page::publish::{CarriedPage, RunningPage};
use crate::page::{KACHO_APP_ID, KACHO_PAGE_ID};
use crate::ui::platform::files::js_message;

/// Why no 課長's file can be made here.
pub const NOT_CARRIED: &str = "このファイルには課長用の tenken.html が入っていません。ビルドで作られた tenken-kanri.html から公開してください。 / this page does not carry the 課長's tenken.html: publish from the built tenken-kanri.html";

/// The 課長's page this file carries, or [`NOT_CARRIED`].
pub fn kacho_page() -> Result<RunningPage, String> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let app = document
        .get_element_by_id(KACHO_APP_ID)
        .ok_or(NOT_CARRIED)?;
    let app_length = app
        .get_attribute("data-length")
        .and_then(|n| n.parse().ok())
        .ok_or(NOT_CARRIED)?;
    let page: CarriedPage = document
        .get_element_by_id(KACHO_PAGE_ID)
        .and_then(|e| e.text_content())
        .and_then(|json| crate::core::tracked::from_str(&json))
        .ok_or(NOT_CARRIED)?;
    Ok(RunningPage {
        page,
        app_text: app.text_content().unwrap_or_default(),
        app_length,
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
