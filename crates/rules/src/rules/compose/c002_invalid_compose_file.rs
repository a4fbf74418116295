//! `C002 invalid-compose-file`: a key or value Compose refuses.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C002",
        name: "invalid-compose-file",
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
                en: "A key or value Compose refuses: an unknown key, a value of the wrong type or \
format, a required key missing, an empty file, a top level that is not a mapping, an invalid \
project name.",
                fr: "Une clé ou une valeur que Compose refuse : une clé inconnue, une valeur d'un \
mauvais type ou format, une clé obligatoire absente, un fichier vide, un premier niveau qui n'est \
pas un mapping, un nom de projet invalide.",
            },
            why: Text {
                en: "Compose checks the whole project against the Compose specification before it \
starts anything, and stops at the first violation with a message that gives no line. berth reports \
every violation at its place, with the key Compose expects when a name is misspelt (chapter 06, \
Compose).",
                fr: "Compose vérifie tout le projet par rapport à la spécification Compose avant \
de démarrer quoi que ce soit, et s'arrête à la première violation avec un message sans numéro de \
ligne. berth signale chaque violation à sa place, avec la clé attendue quand un nom est mal \
orthographié (chapitre 06, Compose).",
            },
            example: "services:\n  web:\n    image: nginx:1.27\n    restart: sometimes\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n    restart: unless-stopped\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
