//! `C005 interpolation-error`: a `${...}` Compose cannot read, or a required variable that is not
//! set.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C005",
        name: "interpolation-error",
        kind: FileKind::Compose,
        category: Category::Correctness,
        severity: Severity::Error,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[],
        chapter: Some("06"),
        docs: RuleDocs {
            summary: Text {
                en: "A `${...}` that Compose cannot read, or a variable required with \
`${VARIABLE:?message}` that is not set: Compose refuses the project.",
                fr: "Un `${...}` que Compose ne sait pas lire, ou une variable exigée par \
`${VARIABLE:?message}` qui n'est pas définie : Compose refuse le projet.",
            },
            why: Text {
                en: "Compose interpolates every value before reading it, and stops at a `$` it \
cannot read: a `$` in a password or a bcrypt hash is the usual cause, and must be written `$$`. A \
required variable that is not set stops Compose by design, with your message; set it in `.env` or \
in the environment (chapter 06, env files and interpolation).",
                fr: "Compose interpole chaque valeur avant de la lire, et s'arrête sur un `$` \
qu'il ne sait pas lire : un `$` dans un mot de passe ou un hachage bcrypt en est la cause \
habituelle, et doit s'écrire `$$`. Une variable exigée qui n'est pas définie arrête Compose, c'est \
voulu, avec votre message ; définissez-la dans `.env` ou dans l'environnement (chapitre 06, \
fichiers d'environnement et interpolation).",
            },
            example: "services:\n  web:\n    image: nginx:1.27\n    command: [\"echo\", \"costs ${price\"]\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n    command: [\"echo\", \"costs $${price\"]\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
