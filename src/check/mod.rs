//! Checks: on content without building (`content`), on a built site (`links`), and of
//! extraction against hand-made expectations (`extraction`).

pub mod content;
pub mod extraction;
pub mod inert;
pub mod links;
