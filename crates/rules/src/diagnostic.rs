//! What a rule reports: plain data, rendered by the command line (one renderer per format) and
//! converted by the language server.

use berth_parser::{Message, SourceFile, TextRange};

use crate::meta::RuleMeta;

/// How serious a finding is. Ordered: `Info < Warning < Error`, so `--fail-on warning` keeps
/// everything `>= Warning`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|severity| severity.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One finding of one rule in one file.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    /// The severity after configuration (overrides, preset) was applied.
    pub severity: Severity,
    pub file: SourceFile,
    /// The primary range: what the user must change.
    pub range: TextRange,
    /// What is wrong, why it matters, what to do.
    pub message: Message,
    /// Secondary places: where a value was defined, the other half of a conflict. May be in
    /// another file (the Dockerfile a Compose service builds).
    pub labels: Vec<Label>,
    /// A further hint, shown after the message.
    pub help: Option<Message>,
    pub fix: Option<Fix>,
}

/// A secondary place a diagnostic points at.
#[derive(Clone, Debug)]
pub struct Label {
    pub file: SourceFile,
    pub range: TextRange,
    pub message: Message,
}

/// Edits that resolve a diagnostic, all in the diagnostic's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: Message,
    pub applicability: Applicability,
    /// Non-overlapping edits, sorted by range.
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix `--fix` may apply on its own.
    pub fn safe(title: Message, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Safe, edits)
    }

    /// A fix that may change behaviour: offered, applied only with `--unsafe-fixes`.
    pub fn unsafe_edits(title: Message, edits: Vec<Edit>) -> Fix {
        Fix::new(title, Applicability::Unsafe, edits)
    }

    /// Sorts the edits by range, as the contract of [`Fix::edits`] requires.
    pub fn new(title: Message, applicability: Applicability, mut edits: Vec<Edit>) -> Fix {
        edits.sort_by_key(|edit| edit.range);
        Fix {
            title,
            applicability,
            edits,
        }
    }
}

/// Whether a fix can be applied without a person looking at it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Applicability {
    /// Keeps the meaning of the file: applied by `--fix`.
    Safe,
    /// May change behaviour (a different base image, a dropped command): applied only with
    /// `--unsafe-fixes`, offered as a quick fix in the editor.
    Unsafe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// Replace the text at `range` with `content` (insert when the range is empty, delete when the
/// content is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub content: String,
}

impl Edit {
    pub fn replace(range: TextRange, content: impl Into<String>) -> Self {
        Edit {
            range,
            content: content.into(),
        }
    }

    pub fn insert(offset: u32, content: impl Into<String>) -> Self {
        Edit::replace(TextRange::empty(offset), content)
    }

    pub fn delete(range: TextRange) -> Self {
        Edit::replace(range, String::new())
    }
}
