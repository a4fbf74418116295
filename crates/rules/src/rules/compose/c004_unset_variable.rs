//! `C004 unset-variable`: a variable that is not set and has no default.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C004",
        name: "unset-variable",
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
                en: "A `${VARIABLE}` that neither the environment nor `.env` sets and that has no \
default: Compose replaces it with an empty string.",
                fr: "Une `${VARIABLE}` que ni l'environnement ni `.env` ne définit et qui n'a pas \
de valeur par défaut : Compose la remplace par une chaîne vide.",
            },
            why: Text {
                en: "An empty value rarely works: `nginx:${TAG}` becomes the invalid `nginx:`, an \
empty password lets a database start without one. Compose only warns and goes on. Set the variable \
in `.env`, give a default with `${VARIABLE:-default}`, or require it with `${VARIABLE:?message}` \
so that Compose stops with your message (chapter 06, env files and interpolation).",
                fr: "Une valeur vide fonctionne rarement : `nginx:${TAG}` devient `nginx:`, qui \
est invalide, un mot de passe vide laisse une base de données démarrer sans mot de passe. Compose \
ne fait qu'avertir et continue. Définissez la variable dans `.env`, donnez une valeur par défaut \
avec `${VARIABLE:-défaut}`, ou exigez-la avec `${VARIABLE:?message}` pour que Compose s'arrête \
avec votre message (chapitre 06, fichiers d'environnement et interpolation).",
            },
            example: "services:\n  web:\n    image: nginx:${NGINX_TAG}\n",
            use_instead: "services:\n  web:\n    image: nginx:${NGINX_TAG:-1.27}\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
