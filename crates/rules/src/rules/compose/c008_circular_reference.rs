//! `C008 circular-reference`: services that depend on each other in a cycle, or an `extends` or
//! `include` cycle.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C008",
        name: "circular-reference",
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
                en: "Services that depend on each other in a cycle (`depends_on`, `links`, \
`volumes_from`, `network_mode: service:`), or an `extends` or `include` that comes back to where \
it started.",
                fr: "Des services qui dépendent les uns des autres en boucle (`depends_on`, \
`links`, `volumes_from`, `network_mode: service:`), ou un `extends` ou un `include` qui revient à \
son point de départ.",
            },
            why: Text {
                en: "Compose starts a service after those it depends on; with a cycle there is no \
first service, so it refuses the project. Decide which service really needs the other up first, \
and remove the other dependency. An `extends` or `include` cycle can never be resolved either \
(chapter 06, dependencies).",
                fr: "Compose démarre un service après ceux dont il dépend ; avec une boucle il n'y \
a pas de premier service, donc il refuse le projet. Décidez quel service a vraiment besoin que \
l'autre soit démarré, et supprimez l'autre dépendance. Une boucle d'`extends` ou d'`include` ne \
peut pas non plus être résolue (chapitre 06, dépendances).",
            },
            example: "services:\n  api:\n    image: example/api:1.4\n    depends_on: [worker]\n  worker:\n    image: example/worker:1.4\n    depends_on: [api]\n",
            use_instead: "services:\n  api:\n    image: example/api:1.4\n    depends_on: [worker]\n  worker:\n    image: example/worker:1.4\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
