//! What the browser provides, wrapped so that no screen touches web-sys for it: storage,
//! files, the clock, the page's events, the DOM, and the data embedded in the page.

pub mod carried;
pub mod clock;
pub mod dom;
pub mod embedded;
pub mod events;
pub mod files;
pub mod selection;
pub mod storage;
