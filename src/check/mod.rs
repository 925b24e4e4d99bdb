//! Checks: on content without building (`content`), and on a built site (`links`).

pub mod content;
pub mod inert;
pub mod links;
