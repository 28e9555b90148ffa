//! The app's shared state, as plain data in signals provided through context: navigation,
//! drafts, known bundles, the signing key, the open draft's editor, the review session.
//! Components read and change it; they never define it.

pub mod authoring;
pub mod bundles;
pub mod drafts;
pub mod editor;
pub mod keys;
pub mod nav;
pub mod review;
