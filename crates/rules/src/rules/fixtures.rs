//! The rules run through the engine on their fixtures.
//!
//! A fixture is a folder `crates/rules/fixtures/<CODE>/<case>/` holding files under their real
//! names (`daemon.json`, `.docker/config.json`, `compose.yaml`...). Its snapshot, in
//! `crates/rules/fixtures/snapshots/`, shows the findings of rule `<CODE>` in those files with
//! the source line, labels and fix. Adding a case is adding a folder.

use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use berth_parser::SourceFile;

use crate::config::{ConfigOverrides, read_berth_toml};
use crate::diagnostic::Diagnostic;
use crate::engine::check;
use crate::file_type::FileType;
use crate::workspace::{Overlay, Workspace, WorkspaceFile};

/// Checks `files` (path, text) with only the rule `code` selected.
fn check_with_rule(code: &str, files: &[(String, String)]) -> Vec<Diagnostic> {
    let config = format!("select = [\"{code}\"]\n");
    let source = SourceFile::new("berth.toml", config);
    let settings = Arc::new(
        read_berth_toml(&source, &ConfigOverrides::default())
            .unwrap_or_else(|errors| panic!("{}", errors[0].render(berth_parser::Lang::En))),
    );
    let mut overlay = Overlay::default();
    let mut workspace_files = Vec::new();
    for (path, text) in files {
        overlay.insert(PathBuf::from(path), Arc::from(text.as_str()));
        let file_type = FileType::from_path(Path::new(path))
            .unwrap_or_else(|| panic!("{path}: not a file berth checks"));
        workspace_files.push(WorkspaceFile::new(
            SourceFile::new(path.as_str(), text.as_str()),
            file_type,
            Arc::clone(&settings),
        ));
    }
    let mut workspace = Workspace::new(overlay);
    for file in workspace_files {
        workspace.add(file);
    }
    check(&workspace)
        .into_iter()
        .filter(|diagnostic| diagnostic.rule.code == code)
        .collect()
}

/// Each finding as `path:line:column CODE severity: message`, the line with carets under the
/// range (up to the end of its first line), then labels, help and fix.
fn render(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let file = &diagnostic.file;
        let start = file.line_column(diagnostic.range.start);
        let _ = writeln!(
            out,
            "{}:{start} {} {}: {}",
            file.path().display(),
            diagnostic.rule.code,
            diagnostic.severity.as_str(),
            diagnostic.message.en
        );
        let lines = file.line_index();
        let line = lines.line_of(diagnostic.range.start);
        let line_range = lines.line_range(line);
        let text = file.slice(line_range).trim_end_matches(['\n', '\r']);
        let before = file
            .slice(berth_parser::TextRange::new(
                line_range.start,
                diagnostic.range.start,
            ))
            .chars()
            .count();
        let end = diagnostic
            .range
            .end
            .min(line_range.start + text.len() as u32);
        let width = file
            .slice(berth_parser::TextRange::new(
                diagnostic.range.start,
                end.max(diagnostic.range.start),
            ))
            .chars()
            .count()
            .max(1);
        let number = start.line.to_string();
        let _ = writeln!(out, "  {number} | {text}");
        let _ = writeln!(
            out,
            "  {:width$} | {}{}",
            "",
            " ".repeat(before),
            "^".repeat(width),
            width = number.len()
        );
        for label in &diagnostic.labels {
            let at = label.file.line_column(label.range.start);
            let _ = writeln!(out, "  = note {at}: {}", label.message.en);
        }
        if let Some(help) = &diagnostic.help {
            let _ = writeln!(out, "  = help: {}", help.en);
        }
        if let Some(fix) = &diagnostic.fix {
            let _ = writeln!(
                out,
                "  = fix ({}): {}",
                fix.applicability.as_str(),
                fix.title.en
            );
        }
    }
    out
}

/// The files of a fixture folder, by path relative to it, sorted.
fn fixture_files(folder: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{dir:?}: {error}"));
        for entry in entries {
            let path = entry.expect("a readable fixture folder").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|error| panic!("{path:?}: {error}"));
                let relative = path
                    .strip_prefix(folder)
                    .expect("a path under its folder")
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((relative, text));
            }
        }
    }
    files.sort();
    files
}

fn sorted_dirs(folder: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("{folder:?}: {error}"))
        .map(|entry| entry.expect("a readable fixture folder").path())
        .filter(|path| path.is_dir() && !path.ends_with("snapshots"))
        .collect();
    dirs.sort();
    dirs
}

#[test]
fn fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases = 0;
    for rule_folder in sorted_dirs(&root) {
        let code = rule_folder
            .file_name()
            .and_then(|name| name.to_str())
            .expect("a rule code as folder name")
            .to_owned();
        assert!(
            crate::registry::by_code(&code).is_some(),
            "fixtures/{code}: no rule has this code"
        );
        for case_folder in sorted_dirs(&rule_folder) {
            let case = case_folder
                .file_name()
                .and_then(|name| name.to_str())
                .expect("a case name")
                .to_owned();
            let files = fixture_files(&case_folder);
            let rendered = render(&check_with_rule(&code, &files));
            insta::with_settings!({
                snapshot_path => root.join("snapshots"),
                prepend_module_to_snapshot => false,
                description => format!("fixtures/{code}/{case}"),
                omit_expression => true,
            }, {
                insta::assert_snapshot!(format!("{code}_{case}"), rendered);
            });
            cases += 1;
        }
    }
    assert!(cases > 0, "no fixture found under {root:?}");
}
