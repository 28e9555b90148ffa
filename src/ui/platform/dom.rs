//! The page itself: focus, work after a repaint, performance marks, the fatal-error box.

use leptos::prelude::*;

/// Moves keyboard focus to the first element matching `selector` after the next render
/// (headings get `tabindex="-1"` so they can take it).
pub fn focus(selector: &'static str) {
    request_animation_frame(move || {
        if let Some(el) = document().query_selector(selector).ok().flatten() {
            if el.tag_name().starts_with('H') {
                el.set_attribute("tabindex", "-1").ok();
            }
            if let Some(el) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el) {
                el.focus().ok();
            }
        }
    });
}

/// Runs `work` after the browser has painted (so a "working…" message shows first): scrypt
/// takes a noticeable moment.
pub fn after_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || {
        set_timeout(work, std::time::Duration::from_millis(0));
    });
}

/// A performance mark, for the benchmarks.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.mark(name).ok();
    }
}

/// Shows `message` in the page's boot area (used when the app cannot start or panics).
pub fn show_fatal(message: &str) {
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
