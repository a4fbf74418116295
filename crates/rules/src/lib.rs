//! The rule engine: diagnostics, rules, configuration, suppressions and fixes.

pub mod diagnostic;
pub mod meta;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Severity};
pub use meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, RuleMeta, Text};
