//! The rule engine: diagnostics, rules, configuration, suppressions and fixes.
//!
//! - [`registry`]: the table of every rule; [`rule`]: how a rule is declared; [`Reporter`]: how
//!   it reports; [`context`]: what it sees.
//! - [`selector`], [`rule_set`], [`settings`]: which rules run on a file and how severe they are.
//! - [`workspace`], [`file_type`], [`parse`]: the files being checked.

pub mod compose_context;
pub mod compose_project;
pub mod config;
pub mod context;
pub mod diagnostic;
pub mod discover;
pub mod engine;
pub mod exit;
pub mod file_type;
pub mod fix;
pub mod lang;
pub mod meta;
pub mod parse;
pub mod registry;
pub mod reporter;
pub mod rule;
pub mod rule_set;
mod rules;
pub mod selector;
pub mod settings;
pub mod shell_views;
pub mod suppression;
pub mod workspace;

pub use compose_context::ServiceDockerfile;
pub use compose_project::{ComposeProject, ProcessEnvironment};
pub use config::{ConfigError, ConfigOverrides, ConfigResolver};
pub use context::{
    ComposeContext, DockerfileContext, DockerignoreContext, HostConfig, HostContext,
};
pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use discover::{Discovery, discover};
pub use engine::check;
pub use exit::{exit_status, exit_status_in};
pub use file_type::FileType;
pub use fix::{FixedText, apply_fixes, fixes_by_file};
pub use lang::{Locale, resolve_lang};
pub use meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, RuleMeta, Text};
pub use registry::all_rules;
pub use reporter::{DiagnosticBuilder, Reporter};
pub use rule::{Check, Rule};
pub use rule_set::{RuleSet, Selection, SelectionLayer};
pub use selector::Selector;
pub use settings::Settings;
pub use shell_views::{ShellCache, ShellViews};
pub use workspace::{FileError, Overlay, Workspace, WorkspaceFile};
