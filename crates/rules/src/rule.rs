//! What a rule is: its metadata and the function that checks one file.
//!
//! A rule lives in one file, `rules/<kind>/<code>_<snake_name>.rs`, which declares a single
//! constant:
//!
//! ```text
//! pub(crate) const RULE: Rule = Rule {
//!     meta: RuleMeta { code: "D101", name: "pin-base-image-tag", /* ... */ },
//!     check: Check::Dockerfile(check),
//!     options: None,
//! };
//!
//! fn check(context: &DockerfileContext, report: &mut Reporter) {
//!     report.push(range, msg!("...", "...")).help(msg!("...", "..."));
//! }
//! ```
//!
//! and one line in `registry.rs` adds it to the table every command reads.

use serde::de::DeserializeOwned;

use crate::context::{ComposeContext, DockerfileContext, DockerignoreContext, HostContext};
use crate::meta::RuleMeta;
use crate::reporter::Reporter;

/// A rule: the one source of truth for its metadata, and how it checks a file.
#[derive(Debug)]
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
    /// Validates the rule's `[rules.<name>]` table in berth.toml, when the rule takes options
    /// (built with [`options::<T>()`](options)). A rule without options refuses any.
    pub options: Option<ValidateOptions>,
}

/// How a rule checks: one function per kind of file it reads.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    Dockerfile(fn(&DockerfileContext, &mut Reporter)),
    Dockerignore(fn(&DockerignoreContext, &mut Reporter)),
    Compose(fn(&ComposeContext, &mut Reporter)),
    /// daemon.json and the client's config.json.
    Host(fn(&HostContext, &mut Reporter)),
    /// Reported by the engine itself: syntax errors, unused suppressions.
    Engine,
}

/// Checks that a rule's options table has the shape the rule reads, returning the error
/// message and, when known, the key at fault.
pub type ValidateOptions = fn(&toml::Table) -> Result<(), String>;

/// The validator for a rule whose options deserialize into `T`:
/// `options: Some(options::<PinOptions>())`.
pub const fn options<T: DeserializeOwned>() -> ValidateOptions {
    validate::<T>
}

fn validate<T: DeserializeOwned>(table: &toml::Table) -> Result<(), String> {
    toml::Value::Table(table.clone())
        .try_into::<T>()
        .map(drop)
        .map_err(|error| error.message().to_string())
}
