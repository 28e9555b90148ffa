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
