//! Docker host configuration: dockerd's daemon.json and the client's config.json.
//!
//! [`DaemonConfig`] and [`ClientConfig`] are typed, spanned views of the two files, built from
//! the JSON tree of [`crate::json::parse`]: each setting a rule reads, with the range of its key
//! and value ([`Spanned`]), the questions rules ask (`daemon.tcp_hosts_without_tls()`,
//! `client.plain_text_credentials()`), and every [`HostProblem`] the tool would have with the
//! file, schema violations included.

pub mod client;
pub mod daemon;
mod dump;
mod problem;
mod read;
pub mod schema;
mod spanned;

#[cfg(test)]
mod tests;

pub use client::ClientConfig;
pub use daemon::DaemonConfig;
pub use dump::{dump_client, dump_daemon};
pub use problem::{Effect, HostProblem, HostProblemKind};
pub use spanned::Spanned;
