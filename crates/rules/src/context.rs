//! What a rule sees of the file it checks: the source, the parsed model of its kind, the
//! settings that apply to it, and the workspace (for files it links to).
//!
//! Contexts hold references only and are `Copy`: the engine builds one per file and copies it
//! for each rule with [`rule`](DockerfileContext::rule) set. Adding a model field is adding a
//! reference here and filling it where the engine builds the context (`engine.rs`,
//! `check_file`).

use berth_parser::SourceFile;
use berth_parser::compose::Project;
use berth_parser::dockerfile::Dockerfile;
use berth_parser::dockerfile::model::Model;
use berth_parser::dockerfile::shell::ShellView;
use berth_parser::host::{ClientConfig, DaemonConfig};
use berth_parser::yaml::Document;
use serde::de::DeserializeOwned;

use crate::compose_project::ComposeProject;
use crate::rule::Rule;
use crate::settings::Settings;
use crate::shell_views::ShellViews;
use crate::workspace::Workspace;

/// A Dockerfile being checked.
#[derive(Clone, Copy)]
pub struct DockerfileContext<'a> {
    pub file: &'a SourceFile,
    /// The syntax tree: instructions, flags, words, comments, each with its range.
    pub dockerfile: &'a Dockerfile,
    /// The semantic model: stages, variables, effective user, working directory and shell,
    /// COPY sources (`berth_parser::dockerfile::model`).
    pub model: &'a Model,
    /// The shell views of the instructions, built when first asked for ([`Self::shell`]).
    pub shells: &'a ShellViews<'a>,
    pub settings: &'a Settings,
    pub workspace: &'a Workspace,
    /// The rule being run, whose options [`options`](Self::options) reads.
    pub rule: &'static Rule,
}

impl<'a> DockerfileContext<'a> {
    /// The commands the instruction at `index` runs (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD, or
    /// an ONBUILD of one of them), read by the shell of its stage; `None` when there is no
    /// instruction at `index`. Parsed on the first call for that instruction and shared with
    /// the other rules run on the file.
    pub fn shell(&self, index: usize) -> Option<&'a ShellView<'a>> {
        self.shells.get(index)
    }
}

/// A `.dockerignore` being checked.
#[derive(Clone, Copy)]
pub struct DockerignoreContext<'a> {
    pub file: &'a SourceFile,
    pub settings: &'a Settings,
    pub workspace: &'a Workspace,
    pub rule: &'static Rule,
}

/// A Compose project being checked, from one of its files.
///
/// Compose rules run once per project (see [`crate::compose_project`]), from its first checked
/// file: they read [`project`](Self::project), the effective model, and report each finding in
/// the file the value came from with [`ComposeContext::report`] (`compose_context.rs`).
#[derive(Clone, Copy)]
pub struct ComposeContext<'a> {
    /// The file the project is checked from.
    pub file: &'a SourceFile,
    /// That file's YAML tree as read (aliases unresolved; `berth_parser::yaml::resolve`
    /// expands them), for rules about how the file is written rather than what it means.
    pub document: &'a Document,
    /// The project as `docker compose` loads it: merged, interpolated, every value with its
    /// origin.
    pub project: &'a Project,
    /// The project with the workspace's names of its files and its links to other files.
    pub compose: &'a ComposeProject,
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
    /// The typed configuration: the daemon's or the client's.
    pub config: HostConfig<'a>,
}

/// Which host configuration a [`HostContext`] holds, typed.
#[derive(Clone, Copy, Debug)]
pub enum HostConfig<'a> {
    /// `/etc/docker/daemon.json`.
    Daemon(&'a DaemonConfig),
    /// `~/.docker/config.json`.
    Client(&'a ClientConfig),
}

impl<'a> HostContext<'a> {
    /// The daemon's configuration, when the file is a daemon.json.
    pub fn daemon(&self) -> Option<&'a DaemonConfig> {
        match self.config {
            HostConfig::Daemon(daemon) => Some(daemon),
            HostConfig::Client(_) => None,
        }
    }

    /// The client's configuration, when the file is a config.json.
    pub fn client(&self) -> Option<&'a ClientConfig> {
        match self.config {
            HostConfig::Client(client) => Some(client),
            HostConfig::Daemon(_) => None,
        }
    }

    /// Every problem dockerd or the docker CLI would have with the file.
    pub fn problems(&self) -> &'a [berth_parser::host::HostProblem] {
        match self.config {
            HostConfig::Daemon(daemon) => &daemon.problems,
            HostConfig::Client(client) => &client.problems,
        }
    }
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
