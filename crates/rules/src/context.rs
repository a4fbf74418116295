//! What a rule sees of the file it checks: the source, the parsed model of its kind, the
//! settings that apply to it, and the workspace (for files it links to).
//!
//! Contexts hold references only and are `Copy`: the engine builds one per file and copies it
//! for each rule with [`rule`](DockerfileContext::rule) set. Adding a model field is adding a
//! reference here and filling it where the engine builds the context (`engine.rs`,
//! `check_file`).

use berth_parser::SourceFile;
use berth_parser::yaml::Document;
use serde::de::DeserializeOwned;

use crate::rule::Rule;
use crate::settings::Settings;
use crate::workspace::Workspace;

/// A Dockerfile being checked.
#[derive(Clone, Copy)]
pub struct DockerfileContext<'a> {
    pub file: &'a SourceFile,
    pub settings: &'a Settings,
    pub workspace: &'a Workspace,
    /// The rule being run, whose options [`options`](Self::options) reads.
    pub rule: &'static Rule,
}

/// A `.dockerignore` being checked.
#[derive(Clone, Copy)]
pub struct DockerignoreContext<'a> {
    pub file: &'a SourceFile,
    pub settings: &'a Settings,
    pub workspace: &'a Workspace,
    pub rule: &'static Rule,
}

/// A Compose file being checked.
#[derive(Clone, Copy)]
pub struct ComposeContext<'a> {
    pub file: &'a SourceFile,
    /// The YAML tree as read (aliases unresolved; `berth_parser::yaml::resolve` expands them).
    pub document: &'a Document,
    pub settings: &'a Settings,
    pub workspace: &'a Workspace,
    pub rule: &'static Rule,
}

/// A daemon.json or a client config.json being checked.
#[derive(Clone, Copy)]
pub struct HostContext<'a> {
    pub file: &'a SourceFile,
    /// The JSON tree.
    pub document: &'a Document,
    pub settings: &'a Settings,
    pub workspace: &'a Workspace,
    pub rule: &'static Rule,
    /// Whether the file is the daemon's configuration or the client's.
    pub config: HostConfig,
}

/// Which host configuration a [`HostContext`] holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum HostConfig {
    /// `/etc/docker/daemon.json`.
    Daemon,
    /// `~/.docker/config.json`.
    Client,
}

macro_rules! options_accessor {
    ($($context:ident),*) => {$(
        impl $context<'_> {
            /// The rule's options from `[rules.<name>]` in berth.toml, or `T::default()` when
            /// there are none. The table was validated against `T` when the configuration was
            /// read (see [`crate::rule::options`]), so reading it again cannot fail.
            pub fn options<T: DeserializeOwned + Default>(&self) -> T {
                self.settings.rule_options(self.rule)
            }
        }
    )*};
}

options_accessor!(
    DockerfileContext,
    DockerignoreContext,
    ComposeContext,
    HostContext
);
