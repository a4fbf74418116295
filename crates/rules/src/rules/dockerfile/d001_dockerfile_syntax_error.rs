//! `D001 dockerfile-syntax-error`: what BuildKit would refuse to parse.

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported by the engine from the errors of the Dockerfile parser.
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D001",
        name: "dockerfile-syntax-error",
        kind: FileKind::Dockerfile,
        category: Category::Correctness,
        severity: Severity::Error,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[Equivalent::Hadolint("DL1000")],
        chapter: Some("05"),
        docs: RuleDocs {
            summary: Text {
                en: "The Dockerfile has a syntax error: BuildKit would refuse to build it.",
                fr: "Le Dockerfile contient une erreur de syntaxe : BuildKit refuserait de le construire.",
            },
            why: Text {
                en: "`docker build` stops at the first line it cannot parse, before running anything. \
berth reads past the error and still checks the rest of the file, but the build will fail until \
the error is corrected (chapter 05, the Dockerfile and BuildKit).",
                fr: "`docker build` s'arrête à la première ligne qu'il ne sait pas lire, avant de rien \
exécuter. berth continue après l'erreur et vérifie le reste du fichier, mais la construction \
échouera tant que l'erreur ne sera pas corrigée (chapitre 05, le Dockerfile et BuildKit).",
            },
            example: "FORM alpine:3.20\nRUN apk add --no-cache curl\n",
            use_instead: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Engine,
    options: None,
};
