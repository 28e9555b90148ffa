//! The browser app: Leptos 0.8 components over [`crate::core`].
//!
//! This is the only layer that touches the DOM, storage and files. Components render what
//! the core computes; they do not decide anything themselves.

mod app;
mod builtin;
mod bundle_list;
mod bundle_view;
mod checklist_view;
mod citation_view;
mod draft_list;
mod help;
mod item_answer;
mod item_view;
mod key_setup;
mod keys;
mod open_bundle;
mod platform;
mod print_view;
mod problem_list;
mod profile_form;
mod report_table;
mod result_view;
mod review_view;
mod roster_panel;
mod sign_panel;
mod state;
mod subject_form;
mod summary_view;
mod walk;

pub use app::App;

use platform::{clock, files, storage};

/// Shows `message` in the page's boot area (used when the app cannot start or panics).
fn show_fatal(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let el = match doc.get_element_by_id("tenken-fatal") {
        Some(el) => el,
        None => match doc.create_element("div") {
            Ok(el) => {
                el.set_id("tenken-fatal");
                el.set_attribute("role", "alert").ok();
                if let Some(body) = doc.body() {
                    body.prepend_with_node_1(&el).ok();
                }
                el
            }
            Err(_) => return,
        },
    };
    // text, never markup
    el.set_text_content(Some(message));
}

/// Starts the app: installs the panic reporter and mounts [`App`] on `<body>`.
pub fn start() {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.mark("tenken-wasm-started").ok();
    }
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        show_fatal(
            "内部エラーが発生しました。ページを再読み込みしてください。 / An internal error occurred; reload the page.",
        );
    }));
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("tenken-boot"))
    {
        boot.remove();
    }
    leptos::mount::mount_to_body(App);
    // first render is done (mounting is synchronous); the benchmark reads this mark
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.mark("tenken-first-render").ok();
    }
}
