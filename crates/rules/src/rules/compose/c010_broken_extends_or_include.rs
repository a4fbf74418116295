//! `C010 broken-extends-or-include`: an `extends` or `include` that cannot be applied.

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`).
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C010",
        name: "broken-extends-or-include",
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
                en: "An `extends` whose service or file does not exist, or an `include` whose file \
cannot be loaded.",
                fr: "Un `extends` dont le service ou le fichier n'existe pas, ou un `include` dont \
le fichier ne peut pas être chargé.",
            },
            why: Text {
                en: "Compose applies `extends` and `include` before anything else and refuses the \
project when one fails, so nothing starts. Check the service name and the path, which is relative \
to the file that holds the `extends` or `include` (chapter 06, Compose).",
                fr: "Compose applique `extends` et `include` avant tout le reste et refuse le \
projet quand l'un échoue : rien ne démarre. Vérifiez le nom du service et le chemin, qui est \
relatif au fichier contenant l'`extends` ou l'`include` (chapitre 06, Compose).",
            },
            example: "services:\n  web:\n    extends:\n      service: base\n",
            use_instead: "services:\n  base:\n    image: nginx:1.27\n  web:\n    extends:\n      service: base\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(super::problems::report),
    options: None,
};
