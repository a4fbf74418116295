//! `C006 env-file-error`: an env file that is missing, unreadable or malformed.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C006",
        name: "env-file-error",
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
                en: "An `env_file` (or `.env`) that is missing, cannot be read or has a line \
Compose cannot read.",
                fr: "Un `env_file` (ou `.env`) absent, illisible, ou dont une ligne est illisible \
pour Compose.",
            },
            why: Text {
                en: "Compose refuses to start a service whose required env file is missing, and \
stops at a malformed line. An env file is often left out of Git on purpose (it holds secrets): \
mark it `required: false` when the service can run without it, and document the variables it needs \
(chapter 06, env files and interpolation).",
                fr: "Compose refuse de démarrer un service dont le fichier d'environnement \
obligatoire est absent, et s'arrête sur une ligne mal formée. Un fichier d'environnement est \
souvent exclu de Git exprès (il contient des secrets) : marquez-le `required: false` quand le \
service peut s'en passer, et documentez les variables qu'il attend (chapitre 06, fichiers \
d'environnement et interpolation).",
            },
            example: "services:\n  web:\n    image: nginx:1.27\n    env_file: web.env\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n    env_file:\n      - path: web.env\n        required: false\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
