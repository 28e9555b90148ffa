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

/// Starts the 課長's app (tenken.html): mounts [`App`] without 情報担当課's screens.
pub fn start() {
    let focused = boot();
    leptos::mount::mount_to_body(|| leptos::view! { <App /> });
    refocus(focused);
    // first render is done (mounting is synchronous); the benchmark reads this mark
    dom::mark("tenken-first-render");
}

/// Starts 情報担当課's app (tenken-kanri.html): [`App`] with [`office`]'s screens.
pub fn start_kanri() {
    let focused = boot();
    leptos::mount::mount_to_body(|| leptos::view! { <App office=office::open /> });
    refocus(focused);
    dom::mark("tenken-first-render");
}

/// The button of the prerendered start screen that had the keyboard focus: its position
/// among the screen's buttons and its text.
type Focused = Option<(u32, Option<String>)>;

/// Gives the focus to the app's button that stands where the prerendered screen's focused
/// button stood (the screens are drawn box for box alike), so that a keyboard user who began
/// with Tab before the app took over goes on from there.
fn refocus(focused: Focused) {
    let Some((at, text)) = focused else { return };
    let button = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("button").ok())
        .and_then(|list| list.item(at))
        .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(n).ok())
        .filter(|b| b.text_content() == text);
    if let Some(b) = button {
        b.focus().ok();
    }
}

/// Installs the panic reporter and takes the boot area away, saying which of its buttons
/// had the focus (unless a click before the takeover already led elsewhere).
fn boot() -> Focused {
    dom::mark("tenken-wasm-started");
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        dom::show_fatal(
            "内部エラーが発生しました。ページを再読み込みしてください。 / An internal error occurred; reload the page.",
        );
    }));
    let document = web_sys::window().and_then(|w| w.document())?;
    let boot = document.get_element_by_id("tenken-boot")?;
    let active = document.active_element();
    let focused = active.filter(|a| boot.contains(Some(a))).and_then(|a| {
        let list = boot.query_selector_all("button").ok()?;
        (0..list.length())
            .find(|&k| list.item(k).is_some_and(|n| n.is_same_node(Some(&a))))
            .map(|k| (k, a.text_content()))
    });
    boot.remove();
    focused
}
