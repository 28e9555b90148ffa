//! Reading files the user picks or drops, within a size limit, without blocking the page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::ProblemKind;

/// Reads a picked file's bytes, refusing files over `max` bytes before reading them.
pub async fn read_bytes(file: &web_sys::File, max: usize) -> Result<Vec<u8>, ProblemKind> {
    let size = file.size();
    if size > max as f64 {
        return Err(ProblemKind::TooLarge {
            size: size as usize,
            max,
        });
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| ProblemKind::File {
            name: file.name(),
            message: js_message(&e),
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The files of an `<input type="file">` change event.
pub fn picked_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(list) = input.files() {
        for i in 0..list.length() {
            if let Some(f) = list.get(i) {
                out.push(f);
            }
        }
    }
    // let the same file be picked again after it was fixed
    input.set_value("");
    out
}

/// The files dropped by a drop event.
pub fn dropped_files(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    let mut out = Vec::new();
    if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
        for i in 0..list.length() {
            if let Some(f) = list.get(i) {
                out.push(f);
            }
        }
    }
    out
}

/// A JavaScript error's message.
pub fn js_message(e: &wasm_bindgen::JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "不明なエラー / unknown error".into())
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str, mime: &str) {
    download_bytes(name, text.as_bytes(), mime);
}

/// Offers `bytes` as a file download named `name`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // revoke later: revoking at once can cancel the download in some browsers
    leptos::prelude::set_timeout(
        move || {
            web_sys::Url::revoke_object_url(&url).ok();
        },
        std::time::Duration::from_secs(30),
    );
}

/// The encodings a text file is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a BOM).
    Utf8,
    /// Shift_JIS (Windows-31J), common on municipal PCs.
    ShiftJis,
}

impl Encoding {
    /// Its name as people know it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::ShiftJis => "Shift_JIS",
        }
    }
}

fn decode_as(bytes: &[u8], label: &str) -> Option<String> {
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options(label, &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// A text file's bytes as text: UTF-8 when they are valid UTF-8, else Shift_JIS (the
/// browser's own decoder, as the WHATWG Encoding Standard defines it) when they are valid
/// Shift_JIS; `None` when neither.
pub fn decode_text(bytes: &[u8]) -> Option<(String, Encoding)> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((
            text.strip_prefix('\u{feff}').unwrap_or(text).to_string(),
            Encoding::Utf8,
        ));
    }
    decode_as(bytes, "shift_jis").map(|t| (t, Encoding::ShiftJis))
}
