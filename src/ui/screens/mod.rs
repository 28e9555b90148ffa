//! One module per screen. Screens depend on `state`, `widgets` and `platform` only — never
//! on each other or on this module; `app` alone chooses which one to show.

pub mod bundle;
pub mod editor;
pub mod guide;
pub mod help;
pub mod home;
pub mod keys;
pub mod result;
pub mod review;
pub mod walk;
