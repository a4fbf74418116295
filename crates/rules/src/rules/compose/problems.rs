//! What the Compose loader finds wrong, reported by rules: [`rule_code`] is the one table that
//! gives each problem its rule, by family ([`ProblemKind`]) and severity, so that each family
//! has one rule with one severity (a family whose problems are errors and warnings has two),
//! which configuration can select, ignore and re-grade like any other.

use berth_parser::compose::{Problem, ProblemKind, Severity};
use berth_parser::schema::SchemaErrorKind;

use crate::context::ComposeContext;
use crate::reporter::Reporter;

/// The code of the rule that reports `problem`.
pub fn rule_code(problem: &Problem) -> &'static str {
    use ProblemKind as Kind;
    use Severity::{Error, Warning};
    match (problem.kind, problem.severity) {
        (Kind::Yaml, _) => "C001",
        // Two keys that exclude each other are a conflict between settings, whoever finds it.
        (Kind::Schema, Error) if is_mutually_exclusive(problem) => "C012",
        (Kind::Schema, Error) | (Kind::Structure | Kind::ProjectName, _) => "C002",
        (Kind::File, Error) => "C002",
        // A warning about files is Compose ignoring some: other default files than the first.
        (Kind::Schema | Kind::File, Warning) | (Kind::Duplicate, _) => "C003",
        (Kind::Interpolation, Warning) => "C004",
        (Kind::Interpolation, Error) => "C005",
        (Kind::EnvFile, _) => "C006",
        (Kind::Reference, _) => "C007",
        (Kind::Cycle, _) => "C008",
        (Kind::Profile, _) => "C009",
        (Kind::Include | Kind::Extends, _) => "C010",
        (Kind::Merge, _) => "C011",
        (Kind::Consistency, _) => "C012",
        (Kind::Deprecated, _) => "C501",
    }
}

fn is_mutually_exclusive(problem: &Problem) -> bool {
    problem
        .schema
        .as_ref()
        .is_some_and(|detail| detail.kind == SchemaErrorKind::MutuallyExclusive)
}

/// Reports the problems of the project that belong to the rule being run. Syntax errors of a
/// checked file are the engine's to report (it reads every checked file, in a project or not);
/// here they are reported only for the project's other files.
pub(crate) fn report(context: &ComposeContext, report: &mut Reporter) {
    let code = context.rule.meta.code;
    for problem in &context.project.problems {
        if rule_code(problem) != code || reported_by_engine(context, problem) {
            continue;
        }
        context.report_problem(report, problem, help(code));
    }
}

/// What to do, for the families whose problems are Compose's own words and do not say it.
fn help(code: &str) -> Option<berth_parser::Message> {
    match code {
        "C004" => Some(berth_parser::msg!(
            "set it in `.env` or in the environment, give it a default (`${{NAME:-default}}`), \
             or require it (`${{NAME:?message}}`)",
            "définissez-la dans `.env` ou dans l'environnement, donnez-lui une valeur par défaut \
             (`${{NAME:-défaut}}`), ou exigez-la (`${{NAME:?message}}`)",
        )),
        _ => None,
    }
}

fn reported_by_engine(context: &ComposeContext, problem: &Problem) -> bool {
    if problem.kind != ProblemKind::Yaml {
        return false;
    }
    let Some(source) = problem.file.and_then(|file| context.source(file)) else {
        return false;
    };
    let Some(file) = context.workspace.file(source.path()) else {
        return false;
    };
    file.parsed()
        .syntax_errors
        .iter()
        .any(|error| error.range == problem.range && error.message.en == problem.message.en)
}

#[cfg(test)]
mod tests {
    use berth_parser::msg;
    use berth_parser::text::{FileId, TextRange};

    use super::*;
    use crate::diagnostic;
    use crate::meta::FileKind;
    use crate::registry;
    use crate::rule::Check;

    const KINDS: [ProblemKind; 16] = [
        ProblemKind::File,
        ProblemKind::Yaml,
        ProblemKind::Structure,
        ProblemKind::Schema,
        ProblemKind::Interpolation,
        ProblemKind::EnvFile,
        ProblemKind::Include,
        ProblemKind::Extends,
        ProblemKind::Merge,
        ProblemKind::Reference,
        ProblemKind::Cycle,
        ProblemKind::Profile,
        ProblemKind::Consistency,
        ProblemKind::Duplicate,
        ProblemKind::Deprecated,
        ProblemKind::ProjectName,
    ];

    /// The problems the loader reports today, by family and severity.
    const OCCURRING: [(ProblemKind, Severity); 19] = [
        (ProblemKind::File, Severity::Error),
        (ProblemKind::File, Severity::Warning),
        (ProblemKind::Yaml, Severity::Error),
        (ProblemKind::Structure, Severity::Error),
        (ProblemKind::Schema, Severity::Error),
        (ProblemKind::Schema, Severity::Warning),
        (ProblemKind::Interpolation, Severity::Error),
        (ProblemKind::Interpolation, Severity::Warning),
        (ProblemKind::EnvFile, Severity::Error),
        (ProblemKind::Include, Severity::Error),
        (ProblemKind::Extends, Severity::Error),
        (ProblemKind::Merge, Severity::Error),
        (ProblemKind::Reference, Severity::Error),
        (ProblemKind::Cycle, Severity::Error),
        (ProblemKind::Profile, Severity::Error),
        (ProblemKind::Consistency, Severity::Error),
        (ProblemKind::Duplicate, Severity::Warning),
        (ProblemKind::Deprecated, Severity::Warning),
        (ProblemKind::ProjectName, Severity::Error),
    ];

    fn problem(kind: ProblemKind, severity: Severity) -> Problem {
        Problem {
            severity,
            ..Problem::error(kind, FileId(0), TextRange::empty(0), msg!("x", "x"))
        }
    }

    #[test]
    fn every_problem_has_a_compose_rule() {
        for kind in KINDS {
            for severity in [Severity::Warning, Severity::Error] {
                let code = rule_code(&problem(kind, severity));
                let rule = registry::by_code(code).expect("a registered rule");
                assert_eq!(rule.meta.kind, FileKind::Compose, "{code}");
                assert!(matches!(rule.check, Check::Compose(_)), "{code}");
            }
        }
    }

    /// A family's rule has the severity of its problems, so that configuration re-grades
    /// what Compose refuses and what it only warns about separately.
    #[test]
    fn each_rule_has_the_severity_of_its_problems() {
        for (kind, severity) in OCCURRING {
            let code = rule_code(&problem(kind, severity));
            let rule = registry::by_code(code).expect("a registered rule");
            let expected = match severity {
                Severity::Warning => diagnostic::Severity::Warning,
                Severity::Error => diagnostic::Severity::Error,
            };
            assert_eq!(
                rule.meta.severity, expected,
                "{kind:?} {severity:?} -> {code}"
            );
        }
    }
}
