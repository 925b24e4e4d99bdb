//! Checks on a built site (and, later, on content without building).

pub mod links;
