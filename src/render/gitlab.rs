//! `--format gitlab`: a GitLab Code Quality report (a subset of the Code Climate format), shown
//! in merge requests.
//!
//! Severities map onto Code Climate's five levels by severity and category:
//!
//! | berth | Code Quality |
//! |---|---|
//! | error in a correctness rule (`D0xx`: the build or the service will fail) | `blocker` |
//! | error in a security rule (`2xx`) | `critical` |
//! | any other error | `major` |
//! | warning | `minor` |
//! | info | `info` |
//!
//! Fingerprints hash the rule, the path, the flagged text and its rank among identical
//! findings, not line numbers (see `fingerprint.rs`), so a finding keeps its identity when
//! lines are added above it.

use std::io::{self, Write};

use berth_rules::{Category, Diagnostic, Severity};
use serde::Serialize;

use super::fingerprint::fingerprints;
use super::{RenderOptions, display_path, line_columns};

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let fingerprints = fingerprints(diagnostics, &options.cwd);
    let issues: Vec<Issue> = diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(diagnostic, fingerprint)| {
            let (start, end) = line_columns(&diagnostic.file, diagnostic.range);
            Issue {
                description: format!(
                    "{}: {}",
                    diagnostic.rule.code,
                    diagnostic.message.get(options.lang)
                ),
                check_name: diagnostic.rule.code,
                fingerprint,
                severity: severity(diagnostic),
                location: Location {
                    path: display_path(diagnostic.file.path(), &options.cwd),
                    lines: Lines {
                        begin: start.line,
                        end: end.line,
                    },
                },
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

fn severity(diagnostic: &Diagnostic) -> &'static str {
    match (diagnostic.severity, diagnostic.rule.category) {
        (Severity::Error, Category::Correctness) => "blocker",
        (Severity::Error, Category::Security) => "critical",
        (Severity::Error, _) => "major",
        (Severity::Warning, _) => "minor",
        (Severity::Info, _) => "info",
    }
}

#[cfg(test)]
mod tests {
    use berth_parser::Lang;

    use super::super::test_fixtures::{options, rendered, rendered_with};
    use super::render;

    #[test]
    fn english() {
        insta::assert_snapshot!(rendered(render, Lang::En));
    }

    #[test]
    fn french() {
        insta::assert_snapshot!(rendered(render, Lang::Fr));
    }

    #[test]
    fn nothing_found_is_an_empty_array() {
        assert_eq!(rendered_with(render, &[], &options(Lang::En)), "[]\n");
    }
}
