//! tenken: offline self-inspection (点検) and outsourcing-contract (委託契約) checklists
//! for Japanese municipal regulations (例規).
//!
//! Layers (dependencies point one way only):
//! - [`core`]: pure Rust, no I/O: bundles, conditions, canonical JSON, hashing.
//! - `ui` (wasm32 only): Leptos components over `core`.
//! - [`load`] (native only): reading bundle files from disk for the command-line tools.
//! - `src/bin/tenken`: the native command-line tool over `core`; `src/bin/tenken-pack`: the
//!   build step that embeds the bundles and writes the single-file app.

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod load;

#[cfg(target_arch = "wasm32")]
pub mod ui;
