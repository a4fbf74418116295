//! `H500 unused-suppression`: a `# berth: ignore` comment in a host configuration that
//! suppresses nothing.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported by the engine after suppressions were applied (`suppression.rs`). JSON has no
/// comments, so a suppression comment there is itself a syntax error for dockerd; the rule
/// still reports it when it suppresses nothing, and `per-file-ignores` in berth.toml is the
/// way to silence a rule for a host file.
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "H500",
        name: "unused-suppression",
        kind: FileKind::Host,
        category: Category::Style,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::Always,
        equivalents: &[],
        chapter: Some("00"),
        docs: RuleDocs {
            summary: super::super::UNUSED_SUPPRESSION_SUMMARY,
            why: super::super::UNUSED_SUPPRESSION_WHY,
            example: "{\n  # berth: ignore=H001\n  \"log-driver\": \"local\"\n}\n",
            use_instead: "{\n  \"log-driver\": \"local\"\n}\n",
            fix: super::super::UNUSED_SUPPRESSION_FIX,
        },
    },
    check: Check::Engine,
    options: None,
};
