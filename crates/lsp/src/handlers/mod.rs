//! One file per LSP method. Each exposes `handle`; [`crate::server`] routes the protocol's
//! methods here. Adding a feature is adding a file, a capability in [`initialize`] and a
//! method in the server.
//!
//! Notifications that change documents are synchronous: they update the session under its
//! lock before returning, so that the state follows the order the client sent them in.

pub(crate) mod code_action;
pub(crate) mod did_change;
pub(crate) mod did_change_configuration;
pub(crate) mod did_change_watched_files;
pub(crate) mod did_close;
pub(crate) mod did_open;
pub(crate) mod did_save;
pub(crate) mod initialize;
pub(crate) mod initialized;
pub(crate) mod set_trace;
pub(crate) mod shutdown;
