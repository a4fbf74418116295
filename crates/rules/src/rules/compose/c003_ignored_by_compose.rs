//! `C003 ignored-by-compose`: a key or entry Compose ignores or has deprecated.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C003",
        name: "ignored-by-compose",
        kind: FileKind::Compose,
        category: Category::Correctness,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[],
        chapter: Some("06"),
        docs: RuleDocs {
            summary: Text {
                en: "A key or entry Compose reads but ignores or has deprecated: an unknown key \
where Compose drops unknown keys, a deprecated form such as `external: {name: ...}`, an entry that \
a later one with the same key replaces.",
                fr: "Une clé ou une entrée que Compose lit mais ignore ou déclare obsolète : une \
clé inconnue là où Compose écarte les clés inconnues, une forme obsolète comme `external: {name: \
...}`, une entrée qu'une autre de même clé remplace plus loin.",
            },
            why: Text {
                en: "What Compose ignores does nothing, but whoever reads the file believes it \
does: a setting that seems to apply and does not is harder to find than one that is refused. \
Deprecated forms may stop working in a later Compose. Remove the key, or write the form Compose \
reads today (chapter 06, Compose).",
                fr: "Ce que Compose ignore n'a aucun effet, mais qui lit le fichier croit le \
contraire : un réglage qui semble s'appliquer et ne s'applique pas est plus difficile à trouver \
qu'un réglage refusé. Les formes obsolètes peuvent cesser de fonctionner dans une version future \
de Compose. Supprimez la clé, ou écrivez la forme que Compose lit aujourd'hui (chapitre 06, \
Compose).",
            },
            example: "services:\n  web:\n    image: nginx:1.27\n    networks: [proxy]\nnetworks:\n  proxy:\n    external:\n      name: traefik_proxy\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n    networks: [proxy]\nnetworks:\n  proxy:\n    name: traefik_proxy\n    external: true\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
