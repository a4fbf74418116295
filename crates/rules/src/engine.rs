//! Running the rules over a workspace: in parallel over files, each rule isolated so that one
//! that crashes costs its own findings only, then severities, suppressions and a deterministic
//! order.

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;

use berth_parser::{TextRange, msg};
use rayon::prelude::*;

use crate::context::{
    ComposeContext, DockerfileContext, DockerignoreContext, HostConfig, HostContext,
};
use crate::diagnostic::Diagnostic;
use crate::file_type::FileType;
use crate::meta::FileKind;
use crate::parse::Model;
use crate::registry;
use crate::reporter::Reporter;
use crate::rule::{Check, Rule};
use crate::rule_set::RuleSet;
use crate::suppression::Suppressions;
use crate::workspace::{Workspace, WorkspaceFile};

/// Checks every file of the workspace and returns the findings sorted by path, then range
/// start, then code: the same bytes out whatever the number of threads.
pub fn check(workspace: &Workspace) -> Vec<Diagnostic> {
    let findings: Vec<Diagnostic> = workspace
        .files()
        .par_iter()
        .flat_map_iter(|file| check_file(workspace, file))
        .collect();

    // A finding may be in another file than the one checked (a Compose value from an override
    // file): suppressions are those of the file the finding is in.
    let mut by_file: BTreeMap<&Path, Vec<Diagnostic>> = workspace
        .files()
        .iter()
        .map(|file| (file.path(), Vec::new()))
        .collect();
    let mut elsewhere: BTreeMap<std::path::PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for diagnostic in findings {
        match by_file.get_mut(diagnostic.file.path()) {
            Some(list) => list.push(diagnostic),
            None => elsewhere
                .entry(diagnostic.file.path().to_path_buf())
                .or_default()
                .push(diagnostic),
        }
    }

    let mut diagnostics: Vec<Diagnostic> = by_file
        .into_par_iter()
        .flat_map_iter(|(path, diagnostics)| {
            // The key comes from the workspace's own list.
            let file = workspace.file(path).expect("a checked file");
            let rules = file.settings.rules_for(path);
            let suppressions = Suppressions::of(file);
            suppressions.apply(diagnostics, &rules)
        })
        .collect();
    for (path, findings) in elsewhere {
        // Files that are not checked themselves still honour their suppression comments, but
        // their unused suppressions are reported only when they are checked.
        let file_type = FileType::from_path(&path).unwrap_or(match findings[0].rule.kind {
            FileKind::Dockerfile => FileType::Dockerfile,
            FileKind::Compose => FileType::Compose,
            FileKind::Host => FileType::Daemon,
        });
        match workspace.linked(&path, file_type) {
            Some(file) => diagnostics.extend(Suppressions::of(&file).filter(findings)),
            None => diagnostics.extend(findings),
        }
    }
    sort(&mut diagnostics);
    diagnostics
}

/// Sorts findings by path, then range start, then code, then message: a total order on what
/// a user sees.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        a.file
            .path()
            .cmp(b.file.path())
            .then(a.range.start.cmp(&b.range.start))
            .then(a.rule.code.cmp(b.rule.code))
            .then(a.range.end.cmp(&b.range.end))
            .then_with(|| a.message.en.cmp(&b.message.en))
    });
}

/// Runs the rules that are on for `file`, with their effective severities.
fn check_file(workspace: &Workspace, file: &Arc<WorkspaceFile>) -> Vec<Diagnostic> {
    let rules = file.settings.rules_for(file.path());
    let parsed = file.parsed();
    let kind = file.file_type.rule_kind();
    let syntax_rule = registry::syntax_error_rule(kind);
    let mut report = Reporter::new(syntax_rule, file.source.clone());
    for error in &parsed.syntax_errors {
        let finding = report.push(error.range, error.message.clone());
        if let Some(related) = &error.related {
            finding.label(&file.source, related.range, related.message.clone());
        }
    }

    for (rule, _) in rules.enabled() {
        if !runs_on(rule.check, file.file_type) {
            continue;
        }
        report.set_rule(rule);
        let before = report.len();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            run(rule, file, workspace, &mut report);
        }));
        if let Err(panic) = outcome {
            report.truncate(before);
            let reason = panic_message(&*panic);
            let code = rule.meta.code;
            let name = rule.meta.name;
            report.push(
                TextRange::empty(0),
                msg!(
                    "internal error: rule {code} ({name}) crashed on this file ({reason}); its findings here are lost. Please report this berth bug with the file",
                    "erreur interne : la règle {code} ({name}) a planté sur ce fichier ({reason}) ; ses résultats ici sont perdus. Merci de signaler ce bogue de berth avec le fichier"
                ),
            );
        }
    }

    let mut diagnostics = report.into_diagnostics();
    regrade(&mut diagnostics, &rules);
    diagnostics
}

/// Whether a rule's check reads files of this type.
fn runs_on(check: Check, file_type: FileType) -> bool {
    matches!(
        (check, file_type),
        (Check::Dockerfile(_), FileType::Dockerfile)
            | (Check::Dockerignore(_), FileType::Dockerignore)
            | (Check::Compose(_), FileType::Compose)
            | (Check::Host(_), FileType::Daemon | FileType::ClientConfig)
    )
}

fn run(rule: &'static Rule, file: &WorkspaceFile, workspace: &Workspace, report: &mut Reporter) {
    let source = &file.source;
    let settings = &*file.settings;
    let parsed = file.parsed();
    let document = match &parsed.model {
        Model::Document(document) => Some(document),
        Model::Dockerfile | Model::Dockerignore => None,
    };
    match (rule.check, file.file_type) {
        (Check::Dockerfile(check), _) => check(
            &DockerfileContext {
                file: source,
                settings,
                workspace,
                rule,
            },
            report,
        ),
        (Check::Dockerignore(check), _) => check(
            &DockerignoreContext {
                file: source,
                settings,
                workspace,
                rule,
            },
            report,
        ),
        (Check::Compose(check), _) => {
            let Some(document) = document else { return };
            check(
                &ComposeContext {
                    file: source,
                    document,
                    settings,
                    workspace,
                    rule,
                },
                report,
            )
        }
        (Check::Host(check), file_type) => {
            let Some(document) = document else { return };
            check(
                &HostContext {
                    file: source,
                    document,
                    settings,
                    workspace,
                    rule,
                    config: if file_type == FileType::Daemon {
                        HostConfig::Daemon
                    } else {
                        HostConfig::Client
                    },
                },
                report,
            )
        }
        (Check::Engine, _) => {}
    }
}

/// Sets each finding's severity to the one configuration gives its rule, and drops findings
/// of rules that are off (a syntax error when the syntax rule is ignored).
fn regrade(diagnostics: &mut Vec<Diagnostic>, rules: &RuleSet) {
    diagnostics.retain_mut(|diagnostic| match rules.severity(diagnostic.rule) {
        Some(severity) => {
            diagnostic.severity = severity;
            true
        }
        None => false,
    });
}

fn panic_message(panic: &(dyn Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;
    use std::path::PathBuf;

    use berth_parser::SourceFile;

    use super::*;
    use crate::config::{ConfigOverrides, read_berth_toml};
    use crate::settings::Settings;
    use crate::workspace::Overlay;

    /// Checks the files `(path, text)` with the settings of `config` (a berth.toml text) and
    /// renders the findings, one per line.
    fn check_files(config: &str, files: &[(&str, &str)]) -> String {
        let settings = Arc::new(settings(config));
        let mut overlay = Overlay::default();
        let mut workspace_files = Vec::new();
        for (path, text) in files {
            overlay.insert(PathBuf::from(path), Arc::from(*text));
            let file_type = FileType::from_path(Path::new(path)).expect("a known file name");
            workspace_files.push(WorkspaceFile::new(
                SourceFile::new(*path, *text),
                file_type,
                Arc::clone(&settings),
            ));
        }
        let mut workspace = Workspace::new(overlay);
        // Added in reverse to show that the order of findings does not depend on it.
        for file in workspace_files.into_iter().rev() {
            workspace.add(file);
        }
        let mut out = String::new();
        for diagnostic in check(&workspace) {
            let position = diagnostic.file.line_column(diagnostic.range.start);
            let _ = writeln!(
                out,
                "{}:{position} {} {} {}",
                diagnostic.file.path().display(),
                diagnostic.rule.code,
                diagnostic.severity.as_str(),
                diagnostic.message.en
            );
        }
        out
    }

    fn settings(config: &str) -> Settings {
        let source = SourceFile::new("berth.toml", config);
        read_berth_toml(&source, &ConfigOverrides::default())
            .unwrap_or_else(|errors| panic!("{}", errors[0].render(berth_parser::Lang::En)))
    }

    #[test]
    fn runs_rules_in_order_with_configured_severities() {
        assert_eq!(
            check_files(
                "[severity]\nD098 = \"info\"\n",
                &[
                    ("b/Dockerfile", "FROM BAD\n"),
                    ("a/Dockerfile", "BAD BAD\n")
                ],
            ),
            "a/Dockerfile:1:1 D098 info bad\na/Dockerfile:1:5 D098 info bad\nb/Dockerfile:1:6 D098 info bad\n"
        );
        assert_eq!(
            check_files("preset = \"prod\"\n", &[("Dockerfile", "BAD\n")]),
            "Dockerfile:1:1 D098 error bad\n"
        );
        assert_eq!(
            check_files("ignore = [\"D098\"]\n", &[("Dockerfile", "BAD\n")]),
            ""
        );
    }

    #[test]
    fn a_crashing_rule_costs_only_its_own_findings() {
        assert_eq!(
            check_files("", &[("Dockerfile", "BAD PANIC\n")]),
            "Dockerfile:1:1 D098 warning bad\nDockerfile:1:1 D099 error internal error: rule D099 (test-panic) crashed on this file (the test rule met PANIC); its findings here are lost. Please report this berth bug with the file\n"
        );
    }

    #[test]
    fn syntax_errors_are_findings_of_the_syntax_rule() {
        let out = check_files(
            "",
            &[
                ("compose.yaml", "services:\n  web: [\n"),
                ("daemon.json", "{\"debug\": true,}\n"),
            ],
        );
        let codes: Vec<&str> = out
            .lines()
            .map(|line| line.split(' ').nth(1).unwrap())
            .collect();
        assert_eq!(codes, ["C001", "H001"], "{out}");
        assert_eq!(
            check_files("ignore = [\"H001\"]\n", &[("daemon.json", "{,}\n")]),
            ""
        );
    }

    #[test]
    fn findings_in_another_file_honour_its_suppressions() {
        let out = check_files(
            "preset = \"prod\"\n",
            &[
                (
                    "compose.yaml",
                    "services: {}\n# SEE compose.override.yaml\n",
                ),
                (
                    "compose.override.yaml",
                    "services:\n  # berth: ignore=C098\n  web:\n    image: BAD\n  db:\n    image: BAD\n",
                ),
            ],
        );
        // The override file is checked too, so its own finding and the one reported from
        // compose.yaml appear; the suppressed ones at line 4 do not.
        assert_eq!(
            out,
            "compose.override.yaml:6:12 C098 warning bad\ncompose.override.yaml:6:12 C098 warning bad there\n"
        );
    }

    #[test]
    fn suppressions_apply_and_unused_ones_are_reported() {
        assert_eq!(
            check_files(
                "",
                &[(
                    "compose.yaml",
                    "services:\n  # berth: ignore=C001,compose-syntax-error\n  web: {}\n",
                )],
            ),
            "compose.yaml:2:19 C500 warning `C001` reports nothing here, so suppressing it is unneeded; remove it so that it does not hide a future finding\ncompose.yaml:2:24 C500 warning `compose-syntax-error` reports nothing here, so suppressing it is unneeded; remove it so that it does not hide a future finding\n"
        );
    }

    #[test]
    fn per_file_ignores_and_options_reach_the_rules() {
        assert_eq!(
            check_files(
                "[per-file-ignores]\n\"b/*\" = [\"D098\"]\n[rules.test-marker]\nword = \"UGLY\"\n",
                &[("a/Dockerfile", "BAD UGLY\n"), ("b/Dockerfile", "UGLY\n")],
            ),
            "a/Dockerfile:1:5 D098 warning bad\n"
        );
    }
}
