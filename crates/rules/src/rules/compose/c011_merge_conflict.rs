//! `C011 merge-conflict`: values that Compose cannot merge.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C011",
        name: "merge-conflict",
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
                en: "A value from an override file or an `extends` that Compose cannot merge into \
the one it completes (a list over a string, a mapping over a list), or a misplaced `!reset` or \
`!override`.",
                fr: "Une valeur d'un fichier de surcharge ou d'un `extends` que Compose ne peut \
pas fusionner avec celle qu'elle complète (une liste sur une chaîne, un mapping sur une liste), ou \
un `!reset` ou `!override` mal placé.",
            },
            why: Text {
                en: "Compose merges override files and `extends` key by key: mappings merge, lists \
append, scalars replace. Values of different kinds cannot merge, and Compose refuses the project. \
Write the value in the same form as the one it completes, or tag it `!override` to replace it \
whole (chapter 06, overrides).",
                fr: "Compose fusionne les fichiers de surcharge et `extends` clé par clé : les \
mappings fusionnent, les listes s'ajoutent, les scalaires remplacent. Des valeurs de natures \
différentes ne peuvent pas fusionner, et Compose refuse le projet. Écrivez la valeur sous la même \
forme que celle qu'elle complète, ou marquez-la `!override` pour la remplacer entièrement \
(chapitre 06, surcharges).",
            },
            example: "services:\n  base:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n  web:\n    extends: base\n    cap_add: CHOWN\n",
            use_instead: "services:\n  base:\n    image: nginx:1.27\n    cap_add: [NET_BIND_SERVICE]\n  web:\n    extends: base\n    cap_add: [CHOWN]\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
