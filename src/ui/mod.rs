//! The browser app: Leptos 0.8 components over [`crate::core`].
//!
//! The only layer that touches the DOM, storage and files. It is built in four parts whose
//! dependencies point one way:
//!
//! - [`state`]: the shared state, as plain data in signals provided through context;
//! - [`platform`]: what the browser provides (storage, files, clock, events, the DOM);
//! - [`widgets`]: small components any screen may use;
//! - [`screens`]: one module per screen, depending on the three above only.
//!
//! [`app`] is the shell: it provides the state and shows the screen the address names.
//! Components render what the core computes; they decide nothing themselves.

pub mod app;
pub mod office;
pub mod platform;
pub mod screens;
pub mod state;
pub mod widgets;

pub use app::App;

use platform::dom;

/// The browser builds' allocator: talc, smaller in the wasm than the standard library's
/// dlmalloc (and faster). The page is single-threaded (no `atomics`), which talc's cell
/// requires.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Starts the 課長's app (tenken.html): mounts [`App`] without 情報担当課's screens.
pub fn start() {
    let focused = boot();
    leptos::mount::mount_to_body(|| leptos::view! { <App /> });
    dom::refocus(focused);
    // first render is done (mounting is synchronous); the benchmark reads this mark
    dom::mark("tenken-first-render");
}

/// Starts 情報担当課's app (tenken-kanri.html): [`App`] with [`office`]'s screens.
pub fn start_kanri() {
    let focused = boot();
    leptos::mount::mount_to_body(|| leptos::view! { <App office=office::open /> });
    dom::refocus(focused);
    dom::mark("tenken-first-render");
}

/// Installs the panic reporter and takes the boot area away, saying which of its buttons
/// had the focus (unless a click before the takeover already led elsewhere).
fn boot() -> dom::Focused {
    dom::mark("tenken-wasm-started");
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        dom::show_fatal(
            "内部エラーが発生しました。ページを再読み込みしてください。 / An internal error occurred; reload the page.",
        );
    }));
    dom::take_boot_area("tenken-boot")
}
