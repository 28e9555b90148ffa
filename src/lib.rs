//! tenken: offline self-inspection (点検) and outsourcing-contract (委託契約) checklists
//! for Japanese municipal regulations (例規).
//!
//! # Architecture
//!
//! Layers, dependencies pointing one way only:
//!
//! - [`core`]: pure Rust, no I/O, no clock, never prints. Everything that decides something
//!   lives here and is tested natively: the bundle format and its validation, the `when`
//!   language, drafts and their evaluation (what applies, what is missing, progress), the
//!   merge of two tabs' copies of a draft, results and carry-forward, keys and signatures,
//!   the roster and the review of many signed files, the report tables, dates in Japan.
//! - [`page`]: the single-file pages — how wasm, glue and bundles are embedded in one HTML
//!   file that runs from `file://`, the start screen prerendered into it, and the 課長's page
//!   carried inside 情報担当課's for publishing (pure; used by the build step and 公開).
//! - [`load`] (native): reading bundles from disk, sizes checked before reading.
//! - `ui` (feature `web`, built for wasm32): the Leptos app — `state` (shared signals),
//!   `platform` (storage, files, clock, events, DOM), `widgets`, `screens`; it presents what
//!   the core computes and decides nothing. `ui::office` holds 情報担当課's screens (集計,
//!   規則エディタ, 公開) behind one trait object that only `tenken-kanri` hands to the app.
//! - Binaries: `tenken` (feature `cli`, the 情報担当課's command line), `tenken-web` (feature
//!   `web`, the 課長's app: `tenken.html`), `tenken-kanri` (feature `web`, 情報担当課's app:
//!   `tenken-kanri.html`), `tenken-pack` (feature `pack`, the build step Trunk runs).
//!
//! # Where a decision lives
//!
//! | decision | module |
//! | --- | --- |
//! | is this bundle valid, and why not (path + 日本語 / English) | [`core::bundle::validate()`], [`core::problem`] |
//! | does an item apply; what is missing; progress per section | [`core::evaluate`] |
//! | which of two tabs' changes is kept | [`core::merge`] |
//! | what a result says and its file name; what carries forward | [`core::result`] |
//! | may this draft be signed now (its subject included), and what it lacks | [`core::result::ResultDoc::for_signing`], [`core::draft::Subject::gaps`] |
//! | how much an input may cost: counts, quote matching, what a result holds, years | [`core::bundle::limits`], [`core::result`], [`core::date::FIRST_YEAR`] |
//! | is a signature / key / key file well formed | [`core::sign`] (`wire`) |
//! | does a signed file count, for which 課, and why not | [`core::review::intake`] |
//! | how a result is read (evaluated again against its pinned bundle); which submission it is | [`core::review::reading`] |
//! | the report's tables, CSV and XLSX | [`core::review`] |
//! | today, 和暦, times in Japan | [`core::date`] |
//! | are two 課名 the same; is a name safe | [`core::name`] |
//! | a 例規's 条・項・号 and duty sentences; which a bundle asks, excludes, leaves open | [`core::reiki`] |
//! | which items an amended 例規 touches (old and new text); which carry forward | [`core::reiki::amend`], [`core::result`] |
//!
//! # How data flows
//!
//! `policies/<id>/bundle.toml` + `source.txt` → validated and compiled to canonical JSON
//! (its SHA-256 is the bundle's identity) → embedded in the page → a 課長's draft (answers
//! saved as typed, stamped per part) → evaluated → a result document (RFC 8785 bytes) →
//! signed (minisign) → `.tenken.json` → 情報担当課 opens many with the roster and the
//! official bundles → each file's status → the report.

pub mod core;
pub mod page;

#[cfg(not(target_arch = "wasm32"))]
pub mod load;

#[cfg(feature = "web")]
pub mod ui;
