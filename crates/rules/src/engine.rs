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

use crate::compose_project::ComposeProject;
use crate::context::{
    ComposeContext, DockerfileContext, DockerignoreContext, HostConfig, HostContext,
};
use crate::diagnostic::Diagnostic;
use crate::file_type::FileType;
use crate::meta::FileKind;
use crate::parse::{HostModel, Model};
use crate::registry;
use crate::reporter::Reporter;
use crate::rule::{Check, Rule};
use crate::rule_set::RuleSet;
use crate::shell_views::ShellViews;
use crate::suppression::Suppressions;
use crate::workspace::{Workspace, WorkspaceFile};

/// Checks every file of the workspace and returns the findings sorted by path, then range
/// start, then code: the same bytes out whatever the number of threads.
pub fn check(workspace: &Workspace) -> Vec<Diagnostic> {
    let files: Vec<&Arc<WorkspaceFile>> = workspace.files().iter().collect();
    let findings = flat_map(files, |file| check_file(workspace, file));

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

    let by_file: Vec<(&Path, Vec<Diagnostic>)> = by_file.into_iter().collect();
    let mut diagnostics = flat_map(by_file, |(path, diagnostics)| {
        // The key comes from the workspace's own list.
        let file = workspace.file(path).expect("a checked file");
        let rules = file.settings.rules_for(path);
        // Findings another file's check put here (a Compose project checked from its main
        // file) follow this file's configuration.
        let mut diagnostics = diagnostics;
        regrade(&mut diagnostics, &rules);
        drop_consequences_of_syntax_errors(&mut diagnostics, file);
        let suppressions = Suppressions::of(file);
        suppressions.apply(diagnostics, &rules)
    });
    for (path, findings) in elsewhere {
        // Files that are not checked themselves still honour their suppression comments, but
        // their unused suppressions are reported only when they are checked.
        let file_type = FileType::from_path(&path).unwrap_or(match findings[0].rule.kind {
            FileKind::Dockerfile => FileType::Dockerfile,
            FileKind::Compose => FileType::Compose,
            FileKind::Host => FileType::Daemon,
        });
        match workspace.linked(&path, file_type) {
            Some(file) => {
                let mut findings = findings;
                drop_consequences_of_syntax_errors(&mut findings, &file);
                diagnostics.extend(Suppressions::of(&file).filter(findings));
            }
            None => diagnostics.extend(findings),
        }
    }
    sort(&mut diagnostics);
    // A file read by two projects (a base file that services of both extend) gets the same
    // finding from each.
    diagnostics.dedup_by(|a, b| {
        a.file.path() == b.file.path()
            && a.range == b.range
            && a.rule.code == b.rule.code
            && a.message.en == b.message.en
    });
    diagnostics
}

/// `map` over `items`, flattened, in order; on the thread pool when there are several items.
/// One file (a pre-commit hook on the file just edited) is not worth starting the pool's
/// threads for: that would cost more than checking it.
fn flat_map<T, R, I>(items: Vec<T>, map: impl Fn(T) -> I + Sync + Send) -> Vec<R>
where
    T: Send,
    R: Send,
    I: IntoIterator<Item = R>,
    I::IntoIter: Send,
{
    if items.len() < 2 {
        items.into_iter().flat_map(map).collect()
    } else {
        items.into_par_iter().flat_map_iter(map).collect()
    }
}

/// Drops the findings of Compose rules about a place of a Compose file where the YAML does
/// not parse (on the line of a syntax error, or around it): they are about the value the
/// reader recovered there (a cut string, an empty value), which the user has not finished
/// writing. The syntax error says what to fix.
fn drop_consequences_of_syntax_errors(diagnostics: &mut Vec<Diagnostic>, file: &WorkspaceFile) {
    if file.file_type != FileType::Compose {
        return;
    }
    let errors = &file.parsed().syntax_errors;
    if errors.is_empty() {
        return;
    }
    let lines = file.source.line_index();
    let syntax_rule = &registry::syntax_error_rule(FileKind::Compose).meta;
    let unused_rule = &registry::unused_suppression_rule(FileKind::Compose).meta;
    diagnostics.retain(|diagnostic| {
        if diagnostic.rule.kind != FileKind::Compose
            || std::ptr::eq(diagnostic.rule, syntax_rule)
            || std::ptr::eq(diagnostic.rule, unused_rule)
        {
            return true;
        }
        let range = diagnostic.range;
        !errors.iter().any(|error| {
            let at = error.range.start;
            (range.start <= at && at <= range.end)
                || lines.line_of(range.start) == lines.line_of(at)
        })
    });
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

/// Runs the rules that are on for `file`, with their effective severities. Compose rules run
/// on the project of a Compose file, from its first checked file only, so that a project whose
/// files are all checked is checked once.
fn check_file(workspace: &Workspace, file: &Arc<WorkspaceFile>) -> Vec<Diagnostic> {
    let rules = file.settings.rules_for(file.path());
    let project = (file.file_type == FileType::Compose)
        .then(|| workspace.compose_project(file))
        .filter(|project| {
            workspace
                .project_owner(project)
                .is_some_and(|owner| Arc::ptr_eq(owner, file))
        });
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

    // The shell views of a Dockerfile's instructions, shared by the rules run on it.
    let shells = match &parsed.model {
        Model::Dockerfile(dockerfile) => Some(ShellViews::new(
            file.source.text(),
            &dockerfile.tree,
            &dockerfile.model,
            file.shell_cache(),
        )),
        _ => None,
    };

    for (rule, _) in rules.enabled() {
        if !runs_on(rule.check, file.file_type) {
            continue;
        }
        if matches!(rule.check, Check::Compose(_)) && project.is_none() {
            continue;
        }
        report.set_rule(rule);
        let before = report.len();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            run(
                rule,
                file,
                project.as_deref(),
                shells.as_ref(),
                workspace,
                &mut report,
            );
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

/// Runs one rule on one file. The shell views borrow the file: one lifetime ties them.
fn run<'a>(
    rule: &'static Rule,
    file: &'a WorkspaceFile,
    project: Option<&'a ComposeProject>,
    shells: Option<&'a ShellViews<'a>>,
    workspace: &'a Workspace,
    report: &mut Reporter,
) {
    let source = &file.source;
    let settings = &*file.settings;
    let parsed = file.parsed();
    match (rule.check, &parsed.model) {
        (Check::Dockerfile(check), Model::Dockerfile(dockerfile)) => {
            let Some(shells) = shells else {
                return;
            };
            check(
                &DockerfileContext {
                    file: source,
                    dockerfile: &dockerfile.tree,
                    model: &dockerfile.model,
                    shells,
                    settings,
                    workspace,
                    rule,
                },
                report,
            )
        }
        (Check::Dockerignore(check), _) => check(
            &DockerignoreContext {
                file: source,
                settings,
                workspace,
                rule,
            },
            report,
        ),
        (Check::Compose(check), Model::Document(document)) => {
            let Some(project) = project else {
                return;
            };
            check(
                &ComposeContext {
                    file: source,
                    document,
                    project: &project.project,
                    compose: project,
                    settings,
                    workspace,
                    rule,
                },
                report,
            )
        }
        (Check::Host(check), Model::Host { document, config }) => check(
            &HostContext {
                file: source,
                document,
                settings,
                workspace,
                rule,
                config: match config {
                    HostModel::Daemon(daemon) => HostConfig::Daemon(daemon),
                    HostModel::Client(client) => HostConfig::Client(client),
                },
            },
            report,
        ),
        // `runs_on` pairs each check with its file types, whose parse gives these models.
        (Check::Dockerfile(_) | Check::Compose(_) | Check::Host(_), _) | (Check::Engine, _) => {}
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
        check_workspace(config, files, &[])
    }

    /// Checks `checked`, with `unchecked` readable beside them (as files on the disk that
    /// were not named), from a run in `/run` with no environment variable.
    fn check_workspace(
        config: &str,
        checked: &[(&str, &str)],
        unchecked: &[(&str, &str)],
    ) -> String {
        let settings = Arc::new(settings(config));
        let mut overlay = Overlay::default();
        for (path, text) in unchecked {
            overlay.insert(PathBuf::from(path), Arc::from(*text));
        }
        let mut workspace_files = Vec::new();
        for (path, text) in checked {
            overlay.insert(PathBuf::from(path), Arc::from(*text));
            let file_type = FileType::from_path(Path::new(path)).expect("a known file name");
            workspace_files.push(WorkspaceFile::new(
                SourceFile::new(*path, *text),
                file_type,
                Arc::clone(&settings),
            ));
        }
        let mut workspace = Workspace::new(overlay);
        workspace.set_environment(crate::ProcessEnvironment {
            current_dir: PathBuf::from("/run"),
            variables: Default::default(),
        });
        // Added in reverse to show that the order of findings does not depend on it.
        for file in workspace_files.into_iter().rev() {
            workspace.add(file);
        }
        let mut out = String::new();
        for diagnostic in check(&workspace).into_iter().filter(is_about_the_engine) {
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

    /// Whether a finding is one these tests are about: the engine's own (syntax errors,
    /// unused suppressions), the test rules', and those of Compose and host rules (the tests
    /// write those files clean). The real Dockerfile rules would report on the minimal
    /// Dockerfiles here (`FROM a` has no tag and runs as root); their fixtures test them.
    fn is_about_the_engine(diagnostic: &Diagnostic) -> bool {
        let real_dockerfile_rule = diagnostic.rule.kind == FileKind::Dockerfile
            && crate::registry::by_code(diagnostic.rule.code)
                .is_some_and(|rule| matches!(rule.check, Check::Dockerfile(_)))
            && !["D098", "D099"].contains(&diagnostic.rule.code);
        !real_dockerfile_rule
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
                    ("b/Dockerfile", "FROM b\nRUN BAD\n"),
                    ("a/Dockerfile", "FROM a\nRUN BAD BAD\n")
                ],
            ),
            "a/Dockerfile:2:5 D098 info bad\na/Dockerfile:2:9 D098 info bad\nb/Dockerfile:2:5 D098 info bad\n"
        );
        assert_eq!(
            check_files(
                "preset = \"prod\"\n",
                &[("Dockerfile", "FROM a\nRUN BAD\n")]
            ),
            "Dockerfile:2:5 D098 error bad\n"
        );
        assert_eq!(
            check_files(
                "ignore = [\"D098\"]\n",
                &[("Dockerfile", "FROM a\nRUN BAD\n")]
            ),
            ""
        );
    }

    #[test]
    fn a_crashing_rule_costs_only_its_own_findings() {
        assert_eq!(
            check_files("", &[("Dockerfile", "FROM a\nRUN BAD PANIC\n")]),
            "Dockerfile:1:1 D099 error internal error: rule D099 (test-panic) crashed on this file (the test rule met PANIC); its findings here are lost. Please report this berth bug with the file\nDockerfile:2:5 D098 warning bad\n"
        );
    }

    #[test]
    fn syntax_errors_are_findings_of_the_syntax_rule() {
        let out = check_files(
            "",
            &[
                (
                    "compose.yaml",
                    "services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.26\n",
                ),
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

    const MAIN: &str = "services:\n  web:\n    image: nginx:1.27\n    x-note: BAD\n";
    const OVERRIDE: &str = "services:\n  web:\n    # berth: ignore=C098\n    x-note: BAD\n  db:\n    image: postgres:16\n    x-note: BAD\n";

    #[test]
    fn a_project_is_checked_once_and_reports_in_each_file() {
        let out = check_files(
            "preset = \"prod\"\n",
            &[("compose.yaml", MAIN), ("compose.override.yaml", OVERRIDE)],
        );
        // Each finding once, though both files are checked; the suppressed one at line 4 of
        // the override file is gone, and its suppression is used.
        assert_eq!(
            out,
            "compose.override.yaml:7:13 C098 warning bad\ncompose.yaml:4:13 C098 warning bad\n"
        );
    }

    #[test]
    fn findings_in_a_file_that_is_not_checked_honour_its_suppressions() {
        let checked = [("compose.yaml", MAIN)];
        let unchecked = [("/run/compose.override.yaml", OVERRIDE)];
        assert_eq!(
            check_workspace("preset = \"prod\"\n", &checked, &unchecked),
            "/run/compose.override.yaml:7:13 C098 warning bad\ncompose.yaml:4:13 C098 warning bad\n"
        );
        // Checked from the override file alone, the project is the same.
        let checked = [("compose.override.yaml", OVERRIDE)];
        let unchecked = [("/run/compose.yaml", MAIN)];
        assert_eq!(
            check_workspace("preset = \"prod\"\n", &checked, &unchecked),
            "/run/compose.yaml:4:13 C098 warning bad\ncompose.override.yaml:7:13 C098 warning bad\n"
        );
    }

    #[test]
    fn suppressions_apply_and_unused_ones_are_reported() {
        assert_eq!(
            check_files(
                "",
                &[(
                    "compose.yaml",
                    "services:\n  # berth: ignore=C001,compose-syntax-error\n  web:\n    image: nginx:1.27\n",
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
                &[
                    ("a/Dockerfile", "FROM a\nRUN BAD UGLY\n"),
                    ("b/Dockerfile", "FROM b\nRUN UGLY\n")
                ],
            ),
            "a/Dockerfile:2:9 D098 warning bad\n"
        );
    }

    #[test]
    fn dockerfile_errors_are_d001_and_the_rules_still_run_after_them() {
        let out = check_files(
            "",
            &[(
                "Dockerfile",
                "FROM alpine\nCOPY --from=later a b\nRUN --mount=type=nope BAD\nFROM alpine AS later\nUSER ${NAME:?is required\nRUN BAD\n",
            )],
        );
        assert_eq!(
            out,
            "Dockerfile:2:13 D001 error cannot copy from stage \"later\", it needs to be defined before current stage \"stage-0\"\n\
             Dockerfile:3:13 D001 error unsupported mount type \"nope\"\n\
             Dockerfile:3:23 D098 warning bad\n\
             Dockerfile:5:6 D001 error syntax error: missing '}'\n\
             Dockerfile:6:5 D098 warning bad\n"
        );
    }

    #[test]
    fn dockerfile_suppressions_berth_hadolint_and_unused() {
        let text = "# syntax=docker/dockerfile:1\n\
                    FROM alpine\n\
                    # berth: ignore=D098 -- a reason\n\
                    RUN BAD \\\n    && BAD\n\
                    # hadolint ignore=DL3006\n\
                    RUN BAD\n\
                    # berth: ignore=D098\n\
                    RUN good\n\
                    RUN BAD\n";
        assert_eq!(
            check_files("", &[("Dockerfile", text)]),
            "Dockerfile:8:17 D500 warning `D098` reports nothing here, so suppressing it is unneeded; remove it so that it does not hide a future finding\n\
             Dockerfile:10:5 D098 warning bad\n"
        );
        // BuildKit's directive skips the check file-wide.
        assert_eq!(
            check_files(
                "",
                &[(
                    "Dockerfile",
                    "# check=skip=StageNameCasing\nFROM alpine\nRUN BAD\n"
                )]
            ),
            ""
        );
    }
}
