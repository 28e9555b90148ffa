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

/// Waits for the browser's next task: long work split into steps lets the page repaint and
/// answer input between them. A message to a channel of its own (a task, like `setTimeout`
/// 0, without the 4 ms the browser adds to timers nested several deep: 21 steps for 1,000
/// files would wait ~80 ms for nothing); a timer where there is no channel.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        match web_sys::MessageChannel::new() {
            // the port with a listener stays alive, entangled, until its message comes
            Ok(channel) => {
                channel.port1().set_onmessage(Some(&resolve));
                channel
                    .port2()
                    .post_message(&wasm_bindgen::JsValue::UNDEFINED)
                    .ok();
            }
            Err(_) => {
                if let Some(w) = web_sys::window() {
                    w.set_timeout_with_callback(&resolve).ok();
                }
            }
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

/// Scrolls the element `selector` names into view, if there is one.
pub fn scroll_to(selector: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
    {
        el.scroll_into_view();
    }
}

/// Opens the browser's print dialog for the page.
pub fn print() {
    if let Some(w) = web_sys::window() {
        w.print().ok();
    }
}

/// Scrolls the page to its top.
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The button of the prerendered start screen that had the keyboard focus: its position
/// among the screen's buttons and its text.
pub type Focused = Option<(u32, Option<String>)>;

/// Takes the prerendered boot area `id` away, saying which of its buttons had the focus
/// (unless a click before the takeover already led elsewhere).
pub fn take_boot_area(id: &str) -> Focused {
    let document = web_sys::window().and_then(|w| w.document())?;
    let boot = document.get_element_by_id(id)?;
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

/// Gives the focus to the app's button that stands where the prerendered screen's focused
/// button stood (the screens are drawn box for box alike), so that a keyboard user who began
/// with Tab before the app took over goes on from there.
pub fn refocus(focused: Focused) {
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

/// Removes the element `id`, if it is there (the boot area once the app has taken over).
pub fn remove(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.remove();
    }
}

/// A performance mark, for the benchmarks.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.mark(name).ok();
    }
}

/// Runs `work` and records how long it took as the performance measure `name`, replacing
/// the previous one (the benchmarks read it).
pub fn measure<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}-start");
    if let Some(p) = &perf {
        p.mark(&start).ok();
    }
    let out = work();
    if let Some(p) = &perf {
        // only the latest is kept: an editor measures every keystroke
        p.clear_measures_with_measure_name(name);
        p.measure_with_start_mark(name, &start).ok();
        p.clear_marks_with_mark_name(&start);
    }
    out
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
