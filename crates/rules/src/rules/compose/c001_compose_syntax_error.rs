//! `C001 compose-syntax-error`: a Compose file that is not valid YAML.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported by the engine from the errors of the YAML reader for each checked file, and from
/// the loader's problems for the other files of a project (an override or extended file that
/// is not checked itself).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C001",
        name: "compose-syntax-error",
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
                en: "The Compose file is not valid YAML: `docker compose` would refuse to load it.",
                fr: "Le fichier Compose n'est pas du YAML valide : `docker compose` refuserait de \
le charger.",
            },
            why: Text {
                en: "Compose reads the whole file before starting anything, so one unclosed quote \
or badly indented key stops every service. berth reads past the error to check the rest, but \
`docker compose up` fails until it is corrected (chapter 06, Compose).",
                fr: "Compose lit tout le fichier avant de démarrer quoi que ce soit : un guillemet non \
fermé ou une clé mal indentée bloque tous les services. berth continue après l'erreur pour \
vérifier le reste, mais `docker compose up` échoue tant qu'elle n'est pas corrigée (chapitre 06, \
Compose).",
            },
            example: "services:\n  web:\n    image: \"nginx:1.27\n",
            use_instead: "services:\n  web:\n    image: \"nginx:1.27\"\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
