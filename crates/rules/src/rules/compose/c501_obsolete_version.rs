//! `C501 obsolete-version`: the top-level `version` key, which Compose ignores.

use berth_parser::{SourceFile, TextRange, msg};

use crate::diagnostic::{Edit, Fix};
use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{ComposeContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

use super::problems;

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C501",
        name: "obsolete-version",
        kind: FileKind::Compose,
        category: Category::Style,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::Sometimes,
        equivalents: &[Equivalent::Dclint("no-version-field")],
        chapter: Some("06"),
        docs: RuleDocs {
            summary: Text {
                en: "The top-level `version` key: Compose ignores it and warns that it is obsolete.",
                fr: "La clé `version` de premier niveau : Compose l'ignore et avertit qu'elle est \
obsolète.",
            },
            why: Text {
                en: "Compose v2 follows the Compose Specification, which has no versions: it reads \
every file the same way whatever `version` says, and prints \"the attribute `version` is \
obsolete\" at each command. The key only misleads readers into thinking that features are \
limited to that version, and adds a warning that hides the useful ones (chapter 06, Compose).",
                fr: "Compose v2 suit la Compose Specification, qui n'a pas de versions : il lit \
chaque fichier de la même façon quoi que dise `version`, et affiche « the attribute `version` is \
obsolete » à chaque commande. La clé ne fait que laisser croire que les fonctionnalités sont \
limitées à cette version, et ajoute un avertissement qui masque les avertissements utiles \
(chapitre 06, Compose).",
            },
            example: "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n",
            fix: Text {
                en: "Deletes the `version` line with its line break, a comment right above it that \
speaks of the version, and the blank line it leaves at the top of the file. The fix is safe: \
Compose ignores the key. It is not offered when other keys share the line.",
                fr: "Supprime la ligne `version` avec son saut de ligne, un commentaire juste \
au-dessus qui parle de la version, et la ligne vide qu'elle laisse en haut du fichier. Le \
correctif est sûr : Compose ignore la clé. Il n'est pas proposé quand d'autres clés partagent la \
ligne.",
            },
        },
    },
    check: Check::Compose(check),
    options: None,
};

fn check(context: &ComposeContext, report: &mut Reporter) {
    for problem in &context.project.problems {
        if problems::rule_code(problem) != RULE.meta.code {
            continue;
        }
        let Some(source) = problem.file.and_then(|file| context.source(file)) else {
            continue;
        };
        let finding = report.push_in(
            source,
            problem.range,
            msg!(
                "`version` is obsolete: Compose ignores it and warns at every command; delete \
                 the line",
                "`version` est obsolète : Compose l'ignore et avertit à chaque commande ; \
                 supprimez la ligne",
            ),
        );
        if let Some(range) = deletion(source, problem.range) {
            finding.fix(Fix::safe(
                msg!("Delete the `version` line", "Supprimer la ligne `version`"),
                vec![Edit::delete(range)],
            ));
        }
    }
}

/// What to delete for the `version` entry at `entry`: its whole lines, a comment line right
/// above that speaks of the version, and, at the top of the file, the blank line after it.
/// `None` when something else shares its lines.
fn deletion(source: &SourceFile, entry: TextRange) -> Option<TextRange> {
    let text = source.text();
    let index = source.line_index();
    let first = index.line_of(entry.start);
    let last = index.line_of(entry.end);
    let start = index.line_range(first).start;
    let before = &text[start as usize..entry.start as usize];
    let line_end = index.line_range(last).end;
    let after = text[entry.end as usize..line_end as usize].trim_start_matches([' ', '\t']);
    let after = after.trim_end_matches(['\r', '\n']);
    if !before.trim().is_empty() || !(after.is_empty() || after.starts_with('#')) {
        return None;
    }
    let mut start = start;
    if first > 0 {
        let above = index.line_range(first - 1);
        let line = text[above.to_usize()].trim();
        if line.starts_with('#') && line.to_ascii_lowercase().contains("version") {
            start = above.start;
        }
    }
    let mut end = line_end;
    let at_top = text[..start as usize]
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'));
    if at_top && last + 1 < index.line_count() {
        let next = index.line_range(last + 1);
        if text[next.to_usize()].trim().is_empty() {
            end = next.end;
        }
    }
    Some(TextRange::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> Option<String> {
        let source = SourceFile::new("compose.yaml", text);
        let start = text.find("version:")? as u32;
        let line = &text[start as usize..];
        let end = start + line.find(['\r', '\n']).unwrap_or(line.len()) as u32;
        let end = text[..end as usize].trim_end_matches(" # old").len() as u32;
        let range = deletion(&source, TextRange::new(start, end))?;
        let mut out = text.to_owned();
        out.replace_range(range.to_usize(), "");
        Some(out)
    }

    #[test]
    fn deletes_the_line_its_comment_and_the_blank_line_it_leaves() {
        assert_eq!(
            fixed("version: \"3\"\nservices: {}\n").as_deref(),
            Some("services: {}\n")
        );
        assert_eq!(
            fixed("# Compose file format version\nversion: '3.8'\n\nservices: {}\n").as_deref(),
            Some("services: {}\n")
        );
        assert_eq!(
            fixed("# My stack\nversion: \"3\" # old\nservices: {}\n").as_deref(),
            Some("# My stack\nservices: {}\n")
        );
        assert_eq!(
            fixed("services: {}\n\nversion: \"3\"\n\nvolumes: {}\n").as_deref(),
            Some("services: {}\n\n\nvolumes: {}\n")
        );
        assert_eq!(
            fixed("version: \"3\"").as_deref(),
            Some(""),
            "no line break at the end"
        );
        assert_eq!(
            fixed("version: \"3\"\r\nservices: {}\r\n").as_deref(),
            Some("services: {}\r\n")
        );
    }

    #[test]
    fn leaves_a_line_shared_with_other_keys() {
        assert_eq!(fixed("{version: \"3\", services: {}}\n"), None);
    }
}
