//! Spanned YAML (Compose files) and JSON (daemon.json, the client's config.json).

mod node;

pub use node::*;
