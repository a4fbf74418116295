//! `D500 unused-suppression`: a `# berth: ignore` comment in a Dockerfile that suppresses
//! nothing.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported by the engine after suppressions were applied (`suppression.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D500",
        name: "unused-suppression",
        kind: FileKind::Dockerfile,
        category: Category::Style,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::Always,
        equivalents: &[],
        chapter: Some("05"),
        docs: RuleDocs {
            summary: super::super::UNUSED_SUPPRESSION_SUMMARY,
            why: super::super::UNUSED_SUPPRESSION_WHY,
            example: "# berth: ignore=D001 -- kept from an old version\nFROM alpine:3.20\n",
            use_instead: "FROM alpine:3.20\n",
            fix: super::super::UNUSED_SUPPRESSION_FIX,
        },
    },
    check: Check::Engine,
    options: None,
};
