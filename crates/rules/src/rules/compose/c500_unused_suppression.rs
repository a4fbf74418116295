//! `C500 unused-suppression`: a `# berth: ignore` comment in a Compose file that suppresses
//! nothing.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported by the engine after suppressions were applied (`suppression.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C500",
        name: "unused-suppression",
        kind: FileKind::Compose,
        category: Category::Style,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::Always,
        equivalents: &[],
        chapter: Some("06"),
        docs: RuleDocs {
            summary: super::super::UNUSED_SUPPRESSION_SUMMARY,
            why: super::super::UNUSED_SUPPRESSION_WHY,
            example: "services:\n  # berth: ignore=C001 -- kept from an old version\n  web:\n    image: nginx:1.27\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n",
            fix: super::super::UNUSED_SUPPRESSION_FIX,
        },
    },
    check: Check::Engine,
    options: None,
};
