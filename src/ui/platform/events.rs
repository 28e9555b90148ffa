//! Page-wide events: another tab changed storage, the page is being left or hidden, the
//! address's hash changed (Back/Forward). Each listener lives as long as the page.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

fn listen(target: &web_sys::EventTarget, name: &str, f: impl Fn(web_sys::Event) + 'static) {
    listen_all(target, &[name], f);
}

/// One handler for several events of `target`.
fn listen_all(target: &web_sys::EventTarget, names: &[&str], f: impl Fn(web_sys::Event) + 'static) {
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(f);
    for name in names {
        target
            .add_event_listener_with_callback(name, handler.as_ref().unchecked_ref())
            .ok();
    }
    // the page's own listeners: never removed
    handler.forget();
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Calls `f(key, new_value)` when another page changes localStorage (`new_value` is
/// `None` when the key was removed). Not called for this page's own writes.
pub fn on_storage(f: impl Fn(String, Option<String>) + 'static) {
    let Some(w) = window() else { return };
    listen(&w, "storage", move |ev| {
        let get = |name: &str| {
            js_sys::Reflect::get(&ev, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        if let Some(key) = get("key") {
            f(key, get("newValue"));
        }
    });
}

/// Calls `f` when the page is hidden or left (tab switched, window closed, reload): the
/// last moment to save reliably.
pub fn on_leave(f: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    let f = std::rc::Rc::new(f);
    let g = f.clone();
    listen(&w, "pagehide", move |_| g());
    if let Some(doc) = w.document() {
        let d = doc.clone();
        listen(&doc, "visibilitychange", move |_| {
            if d.hidden() {
                f();
            }
        });
    }
}

/// Asks the browser to confirm leaving the page (its own 「このサイトを離れますか?」) while
/// `unsaved` says there is something not yet saved to a file. Installed once per `key`.
pub fn confirm_leaving_while(key: &'static str, unsaved: impl Fn() -> bool + 'static) {
    thread_local! {
        static INSTALLED: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let fresh = INSTALLED.with(|i| {
        let mut i = i.borrow_mut();
        let fresh = !i.contains(&key);
        if fresh {
            i.push(key);
        }
        fresh
    });
    let Some(w) = window().filter(|_| fresh) else {
        return;
    };
    listen(&w, "beforeunload", move |ev| {
        if unsaved() {
            ev.prevent_default();
            js_sys::Reflect::set(&ev, &"returnValue".into(), &"".into()).ok();
        }
    });
}

/// Calls `f` when the page is left (reload, close, another address; not when only hidden),
/// and `back` when it is shown again from the browser's back-forward cache.
pub fn on_page_left(f: impl Fn() + 'static, back: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    listen(&w, "pagehide", move |_| f());
    listen(&w, "pageshow", move |ev| {
        let persisted = js_sys::Reflect::get(&ev, &"persisted".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if persisted {
            back();
        }
    });
}

/// Calls `f` when the address changes by Back/Forward (`popstate`) or by hand
/// (`hashchange`). A hash typed by hand fires both: `f` decides whether there is anything
/// new to follow.
pub fn on_address_change(f: impl Fn() + 'static) {
    let Some(w) = window() else { return };
    listen_all(&w, &["popstate", "hashchange"], move |_| f());
}

/// The event the page's bootstrap sends when the built-in bundles are in place
/// (`src/bin/tenken-pack/bootstrap.js`).
pub const BUNDLES_READY_EVENT: &str = "tenken-bundles-ready";

/// Calls `f` once the page's bundles are in place ([`BUNDLES_READY_EVENT`]).
pub fn on_bundles_ready(f: impl Fn() + 'static) {
    let Some(d) = window().and_then(|w| w.document()) else {
        return;
    };
    listen(&d, BUNDLES_READY_EVENT, move |_| f());
}

/// The address's hash (`#/draft/…`), without the `#`.
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Shows `hash` in the address bar: a new history entry (`push`) or in place.
pub fn set_hash(hash: &str, push: bool) {
    let Some(history) = window().and_then(|w| w.history().ok()) else {
        return;
    };
    let url = format!("#{hash}");
    let _ = if push {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
    };
}
