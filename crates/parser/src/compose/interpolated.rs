//! What interpolation did to a value, kept so that the language server can show "= value" and
//! rules can explain where a value came from.

use crate::text::{FileId, TextRange};

use super::options::EnvSource;

/// One scalar of a Compose file that held `$`: its text before and after interpolation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpolated {
    pub file: FileId,
    /// The scalar, as written.
    pub range: TextRange,
    /// The value before interpolation (after unquoting).
    pub original: String,
    /// The value Compose uses.
    pub value: String,
    /// The variables the value reads, in order, nested defaults included.
    pub variables: Vec<VariableUse>,
}

/// One `$NAME` or `${NAME...}` of an interpolated value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariableUse {
    pub name: String,
    /// The reference in the file: exact when the scalar is written without escapes, else the
    /// whole scalar.
    pub range: TextRange,
    /// The variable's value, `None` when it is not set.
    pub value: Option<String>,
    /// Where the value comes from, when set.
    pub source: Option<EnvSource>,
}
