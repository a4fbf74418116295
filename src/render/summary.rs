//! The line that closes the human and concise outputs: how many findings of each severity, and
//! how many `--fix` can resolve.

use berth_parser::Lang;
use berth_rules::{Applicability, Diagnostic, Severity};

use super::RenderOptions;

/// `Found 3 errors, 2 warnings, 1 info (2 fixable with `--fix`).` in `options.lang`; fixes
/// that are unsafe count under `--fix` only when unsafe fixes are enabled, and are otherwise
/// announced with the flag that enables them.
pub fn summary<'a>(
    diagnostics: impl IntoIterator<Item = &'a Diagnostic>,
    options: &RenderOptions,
) -> String {
    let mut counts = Counts::default();
    for diagnostic in diagnostics {
        match diagnostic.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Info => counts.infos += 1,
        }
        match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
            Some(Applicability::Safe) => counts.safe_fixes += 1,
            Some(Applicability::Unsafe) if options.unsafe_fixes => counts.safe_fixes += 1,
            Some(Applicability::Unsafe) => counts.unsafe_fixes += 1,
            None => {}
        }
    }
    counts.sentence(options.lang)
}

/// The summary, in bold when colour is on.
pub(super) fn styled(diagnostics: &[&Diagnostic], options: &RenderOptions) -> String {
    let line = summary(diagnostics.iter().copied(), options);
    if options.color {
        let bold = annotate_snippets::renderer::Style::new().bold();
        format!("{bold}{line}{bold:#}")
    } else {
        line
    }
}

#[derive(Default)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Fixes `--fix` applies as the options stand.
    safe_fixes: usize,
    /// Fixes that need `--unsafe-fixes` as well.
    unsafe_fixes: usize,
}

impl Counts {
    fn sentence(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        for (count, en, en_plural, fr, fr_plural) in [
            (self.errors, "error", "errors", "erreur", "erreurs"),
            (
                self.warnings,
                "warning",
                "warnings",
                "avertissement",
                "avertissements",
            ),
            (self.infos, "info", "info", "info", "infos"),
        ] {
            if count > 0 {
                let noun = match lang {
                    Lang::En => plural(count, en, en_plural),
                    Lang::Fr => plural(count, fr, fr_plural),
                };
                parts.push(format!("{count} {noun}"));
            }
        }
        if parts.is_empty() {
            return match lang {
                Lang::En => "No problems found.".to_owned(),
                Lang::Fr => "Aucun problème trouvé.".to_owned(),
            };
        }
        let found = parts.join(", ");
        let mut fixes = Vec::new();
        let (safe, more) = (self.safe_fixes, self.unsafe_fixes);
        if safe > 0 {
            fixes.push(match lang {
                Lang::En => format!("{safe} fixable with `--fix`"),
                Lang::Fr => format!(
                    "{safe} {} avec `--fix`",
                    plural(safe, "corrigeable", "corrigeables")
                ),
            });
        }
        if more > 0 {
            fixes.push(match (lang, safe > 0) {
                (Lang::En, true) => format!("{more} more with `--fix --unsafe-fixes`"),
                (Lang::En, false) => format!("{more} fixable with `--fix --unsafe-fixes`"),
                (Lang::Fr, true) => format!("{more} de plus avec `--fix --unsafe-fixes`"),
                (Lang::Fr, false) => format!(
                    "{more} {} avec `--fix --unsafe-fixes`",
                    plural(more, "corrigeable", "corrigeables")
                ),
            });
        }
        let fixes = if fixes.is_empty() {
            String::new()
        } else {
            format!(" ({})", fixes.join(", "))
        };
        match lang {
            Lang::En => format!("Found {found}{fixes}."),
            Lang::Fr => format!("Problèmes trouvés : {found}{fixes}."),
        }
    }
}

/// French uses the singular for 0 and 1, English only for 1; counts here are never 0.
fn plural<'a>(count: usize, singular: &'a str, plural: &'a str) -> &'a str {
    if count == 1 { singular } else { plural }
}

#[cfg(test)]
mod tests {
    use berth_parser::Lang;

    use super::super::test_fixtures::{diagnostics, options};
    use super::summary;

    fn check(lang: Lang, unsafe_fixes: bool, keep: &[&str], expected: &str) {
        let diagnostics = diagnostics();
        let kept = diagnostics
            .iter()
            .filter(|diagnostic| keep.contains(&diagnostic.rule.code));
        let mut options = options(lang);
        options.unsafe_fixes = unsafe_fixes;
        assert_eq!(summary(kept, &options), expected);
    }

    #[test]
    fn counts_severities_and_fixes() {
        let all = ["D101", "D301", "D402", "D502", "C201"];
        check(
            Lang::En,
            false,
            &all,
            "Found 1 error, 3 warnings, 1 info (2 fixable with `--fix`, 1 more with `--fix --unsafe-fixes`).",
        );
        check(
            Lang::Fr,
            false,
            &all,
            "Problèmes trouvés : 1 erreur, 3 avertissements, 1 info (2 corrigeables avec `--fix`, 1 de plus avec `--fix --unsafe-fixes`).",
        );
    }

    #[test]
    fn unsafe_fixes_count_under_fix_once_enabled() {
        let all = ["D101", "D301", "D402", "D502", "C201"];
        check(
            Lang::En,
            true,
            &all,
            "Found 1 error, 3 warnings, 1 info (3 fixable with `--fix`).",
        );
    }

    #[test]
    fn only_unsafe_fixes() {
        check(
            Lang::En,
            false,
            &["D402"],
            "Found 1 warning (1 fixable with `--fix --unsafe-fixes`).",
        );
        check(
            Lang::Fr,
            false,
            &["D402"],
            "Problèmes trouvés : 1 avertissement (1 corrigeable avec `--fix --unsafe-fixes`).",
        );
    }

    #[test]
    fn no_fixes() {
        check(
            Lang::En,
            false,
            &["C201", "D502"],
            "Found 1 warning, 1 info.",
        );
        check(Lang::En, false, &[], "No problems found.");
    }
}
