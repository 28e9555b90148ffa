//! The single-file page: how the app's wasm, glue and bundles are embedded in one HTML file
//! that runs from `file://`, and the hosted page. Pure string and byte work (no I/O): the
//! build step (`tenken-pack`) uses it natively, and the element ids and tables it defines are
//! the ones the app reads (`ui::platform::embedded`) and the bootstrap script is filled with.
//!
//! - [`bytes`]: bytes as windows-1252 text, one character per byte;
//! - [`css`]: the style sheets, minified;
//! - [`html`]: small helpers over the page's HTML;
//! - [`assemble`]: the hosted page and the single file;
//! - [`prerender`]: the start screen as markup, shown before the app has started;
//! - [`publish`]: a municipality's own single file, made by 情報担当課's file from the 課長's
//!   page it carries, with the bundles 情報担当課 chose (and their signatures);
//! - [`wasm`]: the app's wasm functions ordered by likeness, for LZMA (the build's).

pub mod assemble;
pub mod bytes;
pub mod css;
pub mod html;
pub mod prerender;
pub mod publish;
pub mod wasm;

/// `n` pseudo-random bytes (xorshift32 from `x`, which must not be 0), for this module's tests.
#[cfg(test)]
pub(crate) fn noise(n: usize, mut x: u32) -> Vec<u8> {
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

/// The element holding the built-in bundles (a JSON array, once inflated).
pub const BUNDLES_ID: &str = "tenken-bundles";
/// The element holding their summaries (a JSON array).
pub const SUMMARIES_ID: &str = "tenken-summaries";
/// The element holding the compressed bundles (single file; `data-codec` names the
/// [`Codec`]).
pub const BUNDLES_PACKED_ID: &str = "tenken-bundles-packed";
/// The element holding the app (single file): its script (the wasm-bindgen glue) and its
/// wasm, as one LZMA stream (see [`assemble::app_blob`] and tenken-pack's `unlzma.js`).
pub const APP_ID: &str = "tenken-app-lzma";
/// How embedded bytes are compressed (the element's `data-codec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// An `.lzma` stream stating its size, of the JSON as UTF-16BE (the build's; decoded by
    /// tenken-pack's `unlzma.js`).
    Lzma,
    /// Gzip (a published file's bundles, compressed by the browser's `CompressionStream`).
    Gzip,
}

impl Codec {
    /// Its `data-codec` value.
    pub fn name(self) -> &'static str {
        match self {
            Codec::Lzma => "lzma-utf16be",
            Codec::Gzip => "gzip",
        }
    }
}

/// The page's boot area (shown until the app starts; errors are written there).
pub const BOOT_ID: &str = "tenken-boot";
/// The element holding the publisher a published file carries and its bundles' signatures
/// (a JSON object, see [`publish::Publishing`]); absent from the file the build makes.
pub const PUBLISHING_ID: &str = "tenken-publishing";
/// The element of 情報担当課's file holding the 課長's page it publishes (a JSON
/// [`publish::CarriedPage`]).
pub const KACHO_PAGE_ID: &str = "tenken-kacho-page";
/// The element of 情報担当課's file holding the 課長's app (LZMA, as in [`APP_ID`]).
pub const KACHO_APP_ID: &str = "tenken-kacho-app-lzma";
