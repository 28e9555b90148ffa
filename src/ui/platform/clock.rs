//! The clock and ids. The core never reads a clock: these values are passed in.

/// Milliseconds since 1970 (the stamps of draft changes).
pub fn now_ms() -> u64 {
    js_sys::Date::now().max(0.0) as u64
}

/// Seconds since 1970: "now" as the core takes it.
pub fn unix_now() -> u64 {
    now_ms() / 1000
}

/// The current time in Japan as ISO 8601 (`2026-12-01T00:30:00+09:00`): its first ten
/// characters are today's date in Japan, as the core computes it.
pub fn now() -> String {
    crate::core::date::iso_jst(unix_now())
}

/// A new id: time and randomness, unique enough for one person's drafts and tabs.
pub fn new_id() -> String {
    let random = (js_sys::Math::random() * 1e12) as u64;
    format!("{:x}-{random:x}", now_ms())
}

/// One delayed run at a time: the first [`Debounce::schedule`] starts the timer, further
/// ones while it is pending do nothing (the run then writes everything pending). Used for
/// saving within a moment of typing.
#[derive(Clone, Copy)]
pub struct Debounce {
    timer: leptos::prelude::StoredValue<Option<leptos::prelude::TimeoutHandle>>,
}

impl Debounce {
    /// Nothing pending.
    pub fn new() -> Debounce {
        Debounce {
            timer: leptos::prelude::StoredValue::new(None),
        }
    }

    /// Runs `run` after `delay`, unless a run is already pending.
    pub fn schedule(&self, delay: std::time::Duration, run: impl FnOnce() + 'static) {
        use leptos::prelude::*;
        if self.timer.with_value(Option::is_some) {
            return;
        }
        let timer = self.timer;
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                run();
            },
            delay,
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// Cancels the pending run (its work is being done now).
    pub fn cancel(&self) {
        use leptos::prelude::*;
        if let Some(h) = self.timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
    }
}

impl Default for Debounce {
    fn default() -> Debounce {
        Debounce::new()
    }
}
