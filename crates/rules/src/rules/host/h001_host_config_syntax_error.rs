//! `H001 host-config-syntax-error`: a daemon.json or config.json that is not valid JSON.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported by the engine from the errors of the JSON reader.
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "H001",
        name: "host-config-syntax-error",
        kind: FileKind::Host,
        category: Category::Correctness,
        severity: Severity::Error,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[],
        chapter: Some("00"),
        docs: RuleDocs {
            summary: Text {
                en: "The host configuration is not valid JSON: dockerd or the docker client would refuse it.",
                fr: "La configuration de l'hôte n'est pas du JSON valide : dockerd ou le client docker la refuserait.",
            },
            why: Text {
                en: "dockerd reads daemon.json when it starts and refuses to start when the file is \
not strict JSON (a trailing comma, a comment, a single quote), which takes every container on the \
host down with it. The client ignores a broken config.json and loses its credentials settings \
(chapter 00, installation).",
                fr: "dockerd lit daemon.json au démarrage et refuse de démarrer si le fichier n'est pas \
du JSON strict (une virgule finale, un commentaire, une apostrophe), ce qui arrête tous les \
conteneurs de l'hôte. Le client ignore un config.json invalide et perd ses réglages \
d'identifiants (chapitre 00, installation).",
            },
            example: "{\n  \"log-driver\": \"json-file\",\n}\n",
            use_instead: "{\n  \"log-driver\": \"json-file\"\n}\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Engine,
    options: None,
};
