//! `C009 depends-on-disabled-service`: a dependency on a service its profiles disable.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C009",
        name: "depends-on-disabled-service",
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
                en: "A service depends on a service that the active profiles disable, without \
`required: false`.",
                fr: "Un service dépend d'un service que les profils actifs désactivent, sans \
`required: false`.",
            },
            why: Text {
                en: "Profiles keep tools (an admin UI, a mail catcher) out of the default `docker \
compose up`. A service that depends on one of them makes Compose refuse to start: \"service is \
required but is disabled\". Mark the dependency `required: false` when the service can run without \
it, or remove the profile from the dependency (chapter 06, profiles).",
                fr: "Les profils gardent les outils (une interface d'administration, un capteur de \
courriels) hors du `docker compose up` par défaut. Un service qui dépend de l'un d'eux fait \
refuser le démarrage par Compose : « service is required but is disabled ». Marquez la dépendance \
`required: false` quand le service peut s'en passer, ou retirez le profil de la dépendance \
(chapitre 06, profils).",
            },
            example: "services:\n  web:\n    image: nginx:1.27\n    depends_on: [mailpit]\n  mailpit:\n    image: axllent/mailpit:v1.21\n    profiles: [debug]\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n    depends_on:\n      mailpit:\n        condition: service_started\n        required: false\n  mailpit:\n    image: axllent/mailpit:v1.21\n    profiles: [debug]\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
