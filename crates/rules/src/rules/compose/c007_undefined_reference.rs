//! `C007 undefined-reference`: a network, volume, secret, config, model or service used but not
//! defined.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C007",
        name: "undefined-reference",
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
                en: "A network, named volume, secret, config, model or service that a service uses \
but the project does not define.",
                fr: "Un réseau, un volume nommé, un secret, une config, un modèle ou un service \
qu'un service utilise mais que le projet ne définit pas.",
            },
            why: Text {
                en: "Compose refuses the whole project when a service names something undefined: a \
network, volume, secret or config must be declared under its top-level section, a service in \
`depends_on`, `links`, `volumes_from` or `network_mode: service:` must exist. The cause is most \
often a typo, so berth names the defined name that is close (chapter 06, Compose; chapter 03, \
storage).",
                fr: "Compose refuse tout le projet quand un service nomme quelque chose qui n'est \
pas défini : un réseau, un volume, un secret ou une config doit être déclaré dans sa section de \
premier niveau, un service cité dans `depends_on`, `links`, `volumes_from` ou `network_mode: \
service:` doit exister. La cause est le plus souvent une faute de frappe : berth indique le nom \
défini le plus proche (chapitre 06, Compose ; chapitre 03, stockage).",
            },
            example: "services:\n  web:\n    image: nginx:1.27\n    networks: [frontend]\nnetworks:\n  front-end:\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n    networks: [front-end]\nnetworks:\n  front-end:\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
