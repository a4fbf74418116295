//! One file per rule, grouped by the kind of file it reads. Each file declares `RULE`;
//! `registry.rs` lists them.

pub(crate) mod compose;
pub(crate) mod dockerfile;
#[cfg(test)]
mod fixtures;
pub(crate) mod host;
#[cfg(test)]
pub(crate) mod testing;

use crate::meta::Text;

// The three `unused-suppression` rules (D500, C500, H500) are one check applied to three kinds
// of file; they share their prose.

const UNUSED_SUPPRESSION_SUMMARY: Text = Text {
    en: "A `# berth: ignore` comment suppresses nothing, or names a rule that does not exist.",
    fr: "Un commentaire `# berth: ignore` ne supprime rien, ou nomme une règle qui n'existe pas.",
};

const UNUSED_SUPPRESSION_WHY: Text = Text {
    en: "A suppression is a promise that a finding was looked at and accepted. Once the finding \
is gone (the line was fixed, the rule changed) the comment only hides the next, unrelated \
finding of the same rule at that place. A misspelt code suppresses nothing at all. Keep \
suppressions few, precise and with a reason after `--`.",
    fr: "Une suppression dit qu'un problème a été examiné et accepté. Quand le problème a disparu \
(la ligne a été corrigée, la règle a changé), le commentaire ne fait plus que masquer le prochain \
problème de la même règle à cet endroit, sans rapport avec le premier. Un code mal orthographié \
ne supprime rien du tout. Gardez peu de suppressions, précises, avec une raison après `--`.",
};

const UNUSED_SUPPRESSION_FIX: Text = Text {
    en: "Deletes the unused code from the comment, or the whole comment when no code is left. \
The fix is safe: the comment had no effect.",
    fr: "Supprime le code inutile du commentaire, ou tout le commentaire quand il n'en reste \
aucun. Le correctif est sûr : le commentaire n'avait aucun effet.",
};
