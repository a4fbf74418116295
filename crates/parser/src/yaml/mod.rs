//! Spanned YAML (Compose files) and JSON (daemon.json, the client's config.json).
//!
//! [`parse`] reads YAML text into a [`Document`] of [`Node`]s with byte ranges, keeping what a
//! linter needs and a loader drops: scalar styles, tags, anchors and aliases as written,
//! duplicate keys and comments. [`resolve`] then expands aliases and merge keys into the tree
//! Compose sees, recording in each copied node where it was used.

mod comments;
mod dump;
mod node;
mod offsets;
mod parse;
mod resolve;
mod scalar;
mod scan_error;

pub use dump::{dump, dump_document};
pub use node::*;
pub use parse::{MAX_DEPTH, parse};
pub use resolve::{MAX_NODE_VISITS, resolve, resolve_document, resolve_with_limit};
pub use scalar::Reading;

#[cfg(test)]
pub(crate) mod tests;
