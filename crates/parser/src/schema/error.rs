//! What validation reports: one error per violation, each at its position.

use crate::message::{Message, SyntaxError};
use crate::text::{FileId, TextRange};

/// One violation of a description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaError {
    pub kind: SchemaErrorKind,
    pub file: FileId,
    /// What the user must change: the key for key problems, the value for value problems.
    pub range: TextRange,
    /// Where the value is, as Compose prints it: `services.web.ports[0]`.
    pub path: String,
    pub message: Message,
    /// The replacement "did you mean" proposes, for a quick fix.
    pub suggestion: Option<&'static str>,
    /// Other places involved: the first of two duplicates, the other of two exclusive keys.
    pub related: Vec<Related>,
}

impl SchemaError {
    /// The error as a [`SyntaxError`] of its file, with the first related place that is in
    /// the same file.
    pub fn to_syntax_error(&self) -> SyntaxError {
        let error = SyntaxError::new(self.range, self.message.clone());
        match self
            .related
            .iter()
            .find(|related| related.file == self.file)
        {
            Some(related) => error.with_related(related.range, related.message.clone()),
            None => error,
        }
    }
}

/// A secondary place a [`SchemaError`] points at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub range: TextRange,
    pub message: Message,
}

/// What kind of violation an error is; stable, so that rules can select and grade them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SchemaErrorKind {
    /// A key the object does not have; the tool refuses it.
    UnknownKey,
    /// A key the object does not have, which the tool ignores (the docker CLI's config.json).
    UnknownKeyIgnored,
    /// A key of a map that does not match the map's key pattern (a service name with a space).
    InvalidKey,
    /// A value of the wrong type: a list where a string is expected, `maybe` for a boolean.
    WrongType,
    /// A string that is not one of the allowed values.
    InvalidEnumValue,
    /// An integer outside its bounds.
    OutOfRange,
    InvalidDuration,
    InvalidByteSize,
    InvalidPort,
    InvalidVolume,
    InvalidImage,
    InvalidIpAddress,
    InvalidSubnet,
    /// A string that does not follow a format the description defines (a pull policy...).
    InvalidValue,
    /// Two keys that must not be used together.
    MutuallyExclusive,
    /// A required key that is absent.
    MissingRequired,
    /// None of the keys of which one is needed (`image`, `build` or `provider`).
    MissingOneOf,
    /// An item equal to an earlier one in a list whose items must be unique.
    Duplicate,
    /// A key the tool still reads but has deprecated.
    Deprecated,
}

impl SchemaErrorKind {
    /// Every kind, for documentation and for rules that map each to a code.
    pub const ALL: [SchemaErrorKind; 19] = [
        SchemaErrorKind::UnknownKey,
        SchemaErrorKind::UnknownKeyIgnored,
        SchemaErrorKind::InvalidKey,
        SchemaErrorKind::WrongType,
        SchemaErrorKind::InvalidEnumValue,
        SchemaErrorKind::OutOfRange,
        SchemaErrorKind::InvalidDuration,
        SchemaErrorKind::InvalidByteSize,
        SchemaErrorKind::InvalidPort,
        SchemaErrorKind::InvalidVolume,
        SchemaErrorKind::InvalidImage,
        SchemaErrorKind::InvalidIpAddress,
        SchemaErrorKind::InvalidSubnet,
        SchemaErrorKind::InvalidValue,
        SchemaErrorKind::MutuallyExclusive,
        SchemaErrorKind::MissingRequired,
        SchemaErrorKind::MissingOneOf,
        SchemaErrorKind::Duplicate,
        SchemaErrorKind::Deprecated,
    ];

    /// A stable kebab-case name, for JSON output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            SchemaErrorKind::UnknownKey => "unknown-key",
            SchemaErrorKind::UnknownKeyIgnored => "unknown-key-ignored",
            SchemaErrorKind::InvalidKey => "invalid-key",
            SchemaErrorKind::WrongType => "wrong-type",
            SchemaErrorKind::InvalidEnumValue => "invalid-enum-value",
            SchemaErrorKind::OutOfRange => "out-of-range",
            SchemaErrorKind::InvalidDuration => "invalid-duration",
            SchemaErrorKind::InvalidByteSize => "invalid-byte-size",
            SchemaErrorKind::InvalidPort => "invalid-port",
            SchemaErrorKind::InvalidVolume => "invalid-volume",
            SchemaErrorKind::InvalidImage => "invalid-image",
            SchemaErrorKind::InvalidIpAddress => "invalid-ip-address",
            SchemaErrorKind::InvalidSubnet => "invalid-subnet",
            SchemaErrorKind::InvalidValue => "invalid-value",
            SchemaErrorKind::MutuallyExclusive => "mutually-exclusive",
            SchemaErrorKind::MissingRequired => "missing-required",
            SchemaErrorKind::MissingOneOf => "missing-one-of",
            SchemaErrorKind::Duplicate => "duplicate",
            SchemaErrorKind::Deprecated => "deprecated",
        }
    }

    /// Whether the tool refuses a file with this error. Ignored unknown keys and deprecated
    /// keys are read without complaint (or with a warning).
    pub fn is_refused(self) -> bool {
        !matches!(
            self,
            SchemaErrorKind::UnknownKeyIgnored | SchemaErrorKind::Deprecated
        )
    }
}
