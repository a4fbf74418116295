//! What loading a Compose project found wrong, each at its place.

use crate::message::Message;
use crate::schema::{SchemaError, SchemaErrorKind};
use crate::text::{FileId, TextRange};

/// How serious a [`Problem`] is: Compose refuses the project, or loads it and warns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What part of loading a [`Problem`] comes from; stable, so that rules can group and grade
/// them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// A file that cannot be found or read: a `-f` file, no Compose file at all, an `include`
    /// path, an `extends` file.
    File,
    /// YAML syntax, duplicate keys, unknown anchors, alias cycles and bombs, bad merge keys.
    Yaml,
    /// The top level is not a mapping, or no file holds anything.
    Structure,
    /// A value the Compose schema refuses (unknown key, wrong type, bad format...).
    Schema,
    /// `${...}` that cannot be read, a required variable unset, an unset variable without
    /// default (a warning).
    Interpolation,
    /// A `.env` file, `--env-file`, `env_file` or `label_file` that is missing or malformed.
    EnvFile,
    /// An `include` entry that cannot be loaded.
    Include,
    /// An `extends` whose service or file is missing.
    Extends,
    /// Values from several files (or a base service) that cannot be merged, or `!reset` /
    /// `!override` misused.
    Merge,
    /// A network, volume, secret, config, model or service named but not defined.
    Reference,
    /// A cycle: `depends_on`, `extends` or `include`.
    Cycle,
    /// A service that depends on a service its profiles disable.
    Profile,
    /// A combination Compose refuses beyond the schema: `network_mode` with `networks`,
    /// `scale` against `deploy.replicas`, two mounts on one target...
    Consistency,
    /// An entry that repeats an earlier one of the same file, which Compose silently drops.
    Duplicate,
    /// Something Compose reads but has deprecated or ignores (`version`, `external.name`).
    Deprecated,
    /// An invalid or empty project name.
    ProjectName,
}

impl ProblemKind {
    /// A stable kebab-case name, for JSON output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::File => "file",
            ProblemKind::Yaml => "yaml",
            ProblemKind::Structure => "structure",
            ProblemKind::Schema => "schema",
            ProblemKind::Interpolation => "interpolation",
            ProblemKind::EnvFile => "env-file",
            ProblemKind::Include => "include",
            ProblemKind::Extends => "extends",
            ProblemKind::Merge => "merge",
            ProblemKind::Reference => "reference",
            ProblemKind::Cycle => "cycle",
            ProblemKind::Profile => "profile",
            ProblemKind::Consistency => "consistency",
            ProblemKind::Duplicate => "duplicate",
            ProblemKind::Deprecated => "deprecated",
            ProblemKind::ProjectName => "project-name",
        }
    }
}

/// One thing wrong with a project, at the place the user must edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub severity: Severity,
    /// The file the problem is in; `None` for problems of the command line itself (no Compose
    /// file found, a `--env-file` that does not exist).
    pub file: Option<FileId>,
    pub range: TextRange,
    pub message: Message,
    /// Other places the problem involves: the first definition, each step of a cycle, the
    /// `extends` or `include` that brought the value.
    pub labels: Vec<Label>,
    /// For a [`ProblemKind::Schema`] problem, what the schema found.
    pub schema: Option<SchemaDetail>,
}

/// The schema's view of a [`ProblemKind::Schema`] problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaDetail {
    pub kind: SchemaErrorKind,
    /// Where the value is, as Compose prints it: `services.web.ports[0]`.
    pub path: String,
    /// The replacement "did you mean" proposes, for a quick fix.
    pub suggestion: Option<&'static str>,
}

/// A secondary place of a [`Problem`], with what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub range: TextRange,
    pub message: Message,
}

impl Problem {
    pub fn error(kind: ProblemKind, file: FileId, range: TextRange, message: Message) -> Self {
        Problem {
            kind,
            severity: Severity::Error,
            file: Some(file),
            range,
            message,
            labels: Vec::new(),
            schema: None,
        }
    }

    pub fn warning(kind: ProblemKind, file: FileId, range: TextRange, message: Message) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(kind, file, range, message)
        }
    }

    /// A problem of the command line or environment, in no file.
    pub fn global(kind: ProblemKind, severity: Severity, message: Message) -> Self {
        Problem {
            kind,
            severity,
            file: None,
            range: TextRange::default(),
            message,
            labels: Vec::new(),
            schema: None,
        }
    }

    pub fn with_label(mut self, file: FileId, range: TextRange, message: Message) -> Self {
        self.labels.push(Label {
            file,
            range,
            message,
        });
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// A schema violation: an error when Compose refuses it, a warning when it only ignores
    /// or deprecates the key.
    pub fn from_schema(error: SchemaError) -> Self {
        let severity = if error.kind.is_refused() {
            Severity::Error
        } else {
            Severity::Warning
        };
        Problem {
            kind: ProblemKind::Schema,
            severity,
            file: Some(error.file),
            range: error.range,
            message: error.message,
            labels: error
                .related
                .into_iter()
                .map(|related| Label {
                    file: related.file,
                    range: related.range,
                    message: related.message,
                })
                .collect(),
            schema: Some(SchemaDetail {
                kind: error.kind,
                path: error.path,
                suggestion: error.suggestion,
            }),
        }
    }
}
