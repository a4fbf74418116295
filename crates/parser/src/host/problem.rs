//! What is wrong with a host configuration, each at its place, and whether the tool refuses it
//! or reads past it.

use crate::message::{Message, Related};
use crate::schema::{SchemaError, SchemaErrorKind};
use crate::text::TextRange;

/// One thing wrong with a daemon.json or a config.json.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostProblem {
    pub kind: HostProblemKind,
    pub effect: Effect,
    /// What the user must change: the key for key problems, the value for value problems.
    pub range: TextRange,
    pub message: Message,
    /// Other places involved: the other half of a conflict, the setting that wins.
    pub related: Vec<Related>,
    /// The replacement "did you mean" proposes, for a quick fix.
    pub suggestion: Option<&'static str>,
}

/// What kind of problem a [`HostProblem`] is; stable, so that rules can select them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HostProblemKind {
    /// A violation of the file's description: an unknown key, a wrong type, a value that is not
    /// one of the allowed ones, a malformed address or size.
    Schema(SchemaErrorKind),
    /// A value of the right type that the tool cannot use: a socket address, a mirror URL, a
    /// log option, a subnet of the wrong family, a credential that does not decode.
    InvalidValue,
    /// Two settings that cannot go together (`icc: false` with `iptables: false`).
    Conflict,
    /// A setting that another one overrides or makes useless, or that the tool drops.
    Overridden,
}

impl HostProblemKind {
    /// A stable kebab-case name, for JSON output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            HostProblemKind::Schema(kind) => kind.as_str(),
            HostProblemKind::InvalidValue => "invalid-value",
            HostProblemKind::Conflict => "conflict",
            HostProblemKind::Overridden => "overridden",
        }
    }
}

/// What the tool does with the file because of a problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Effect {
    /// The tool refuses it or fails when it uses the value: dockerd does not start, every
    /// container fails to start or to log, the docker CLI cannot load its configuration.
    Refused,
    /// The tool reads past it: the key or value has no effect (an unknown key of config.json, a
    /// deprecated option, a setting another one overrides).
    Ignored,
}

impl HostProblem {
    pub(crate) fn refused(kind: HostProblemKind, range: TextRange, message: Message) -> Self {
        HostProblem {
            kind,
            effect: Effect::Refused,
            range,
            message,
            related: Vec::new(),
            suggestion: None,
        }
    }

    pub(crate) fn ignored(range: TextRange, message: Message) -> Self {
        HostProblem {
            kind: HostProblemKind::Overridden,
            effect: Effect::Ignored,
            range,
            message,
            related: Vec::new(),
            suggestion: None,
        }
    }

    /// The problem with another place it involves.
    pub(crate) fn with_related(mut self, range: TextRange, message: Message) -> Self {
        self.related.push(Related { range, message });
        self
    }

    /// Ends the message with "(did you mean `x`?)".
    pub(crate) fn did_you_mean(&mut self, suggestion: &str) {
        self.message
            .en
            .to_mut()
            .push_str(&format!(" (did you mean `{suggestion}`?)"));
        self.message
            .fr
            .to_mut()
            .push_str(&format!(" (vouliez-vous dire `{suggestion}` ?)"));
    }

    pub fn is_refused(&self) -> bool {
        self.effect == Effect::Refused
    }
}

impl From<SchemaError> for HostProblem {
    fn from(error: SchemaError) -> Self {
        HostProblem {
            kind: HostProblemKind::Schema(error.kind),
            effect: if error.kind.is_refused() {
                Effect::Refused
            } else {
                Effect::Ignored
            },
            range: error.range,
            message: error.message,
            related: error
                .related
                .into_iter()
                .map(|related| Related {
                    range: related.range,
                    message: related.message,
                })
                .collect(),
            suggestion: error.suggestion,
        }
    }
}

/// Problems in the order of their positions, as a reader meets them.
pub(crate) fn sort(problems: &mut [HostProblem]) {
    problems.sort_by(|a, b| {
        (a.range.start, a.range.end)
            .cmp(&(b.range.start, b.range.end))
            .then_with(|| a.message.en.cmp(&b.message.en))
    });
}
