//! What the browser provides, wrapped so that no screen touches web-sys for it: storage,
//! files, the clock, and the page's events.

pub mod clock;
pub mod events;
pub mod files;
pub mod storage;
