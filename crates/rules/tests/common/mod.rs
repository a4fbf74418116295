//! Checking projects held in memory, as `berth check` checks a folder, and rendering the
//! findings as text for snapshots: one line per finding, then its labels, help and fix.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use berth_parser::{SourceFile, TextRange};
use berth_rules::config::{ConfigOverrides, read_berth_toml};
use berth_rules::{Diagnostic, FileType, Overlay, ProcessEnvironment, Workspace, WorkspaceFile};

/// Where projects are put: a folder that exists on no machine, so that nothing is read from
/// the disk.
pub const ROOT: &str = "/project";

/// Checks `files` (`path` relative to the project folder, text) with every rule on (preset
/// `all`) and the environment variables `env`, as `berth check` run in the folder checks it:
/// every Compose file, Dockerfile and `.dockerignore` is checked, the other files are only
/// read. Returns the rendered findings.
pub fn check_project(files: &[(&str, &str)], env: &[(&str, &str)]) -> String {
    check_project_with("preset = \"all\"\n", files, env, None)
}

/// [`check_project`] with a berth.toml text, keeping only the findings of rule `only` (a
/// code) when given.
pub fn check_project_with(
    config: &str,
    files: &[(&str, &str)],
    env: &[(&str, &str)],
    only: Option<&str>,
) -> String {
    let diagnostics = check_files(config, files, env);
    let shown: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|diagnostic| only.is_none_or(|code| diagnostic.rule.code == code))
        .collect();
    render(&shown)
}

/// The findings on `files`, as [`check_project_with`] makes them.
pub fn check_files(config: &str, files: &[(&str, &str)], env: &[(&str, &str)]) -> Vec<Diagnostic> {
    let root = Path::new(ROOT);
    let config = SourceFile::new(root.join("berth.toml"), config);
    let settings = Arc::new(
        read_berth_toml(&config, &ConfigOverrides::default())
            .unwrap_or_else(|errors| panic!("{}", errors[0].render(berth_parser::Lang::En))),
    );
    let mut overlay = Overlay::default();
    let mut checked = Vec::new();
    for (path, text) in files {
        let path = root.join(path);
        overlay.insert(path.clone(), Arc::from(*text));
        if let Some(file_type) = FileType::from_path(&path) {
            checked.push(WorkspaceFile::new(
                SourceFile::new(path, *text),
                file_type,
                Arc::clone(&settings),
            ));
        }
    }
    let mut workspace = Workspace::new(overlay);
    workspace.set_environment(ProcessEnvironment {
        current_dir: PathBuf::from(ROOT),
        variables: env
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect::<BTreeMap<_, _>>(),
    });
    for file in checked {
        workspace.add(file);
    }
    berth_rules::check(&workspace)
}

/// The findings, one block each: `path:line:column code severity message`, then each label
/// (`= path:line:column: message`), the help, and the fix as the lines it changes.
pub fn render(diagnostics: &[&Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let _ = writeln!(
            out,
            "{} {} {}: {}",
            place(&diagnostic.file, diagnostic.range),
            diagnostic.rule.code,
            diagnostic.severity.as_str(),
            diagnostic.message.en
        );
        for label in &diagnostic.labels {
            let _ = writeln!(
                out,
                "  = {}: {}",
                place(&label.file, label.range),
                label.message.en
            );
        }
        if let Some(help) = &diagnostic.help {
            let _ = writeln!(out, "  help: {}", help.en);
        }
        if let Some(fix) = &diagnostic.fix {
            let _ = writeln!(
                out,
                "  fix ({}): {}",
                fix.applicability.as_str(),
                fix.title.en
            );
            for line in fix_diff(&diagnostic.file, fix) {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    out
}

/// `path:line:column`, the path relative to the project folder.
fn place(file: &SourceFile, range: TextRange) -> String {
    let path = file.path();
    let shown = path.strip_prefix(ROOT).unwrap_or(path);
    format!("{}:{}", shown.display(), file.line_column(range.start))
}

/// The lines a fix changes, before (`-`) and after (`+`).
fn fix_diff(file: &SourceFile, fix: &berth_rules::Fix) -> Vec<String> {
    let text = file.text();
    let Some(first) = fix.edits.first() else {
        return Vec::new();
    };
    let last = fix.edits.last().unwrap_or(first);
    let lines = file.line_index();
    let start = lines.line_range(lines.line_of(first.range.start)).start;
    // An edit that ends at the start of a line (a deleted line with its line break) does
    // not change that line.
    let mut end_line = lines.line_of(last.range.end);
    if last.range.end > start && lines.line_range(end_line).start == last.range.end {
        end_line -= 1;
    }
    let end = lines.line_range(end_line).end;
    let before = &text[start as usize..end as usize];
    let mut after = String::new();
    let mut at = start as usize;
    for edit in &fix.edits {
        after.push_str(&text[at..edit.range.start as usize]);
        after.push_str(&edit.content);
        at = edit.range.end as usize;
    }
    after.push_str(&text[at..end as usize]);
    let mut diff: Vec<String> = before.lines().map(|line| format!("-{line}")).collect();
    diff.extend(after.lines().map(|line| format!("+{line}")));
    diff
}

/// A file's relative path and text, or an environment variable's name and value.
pub type Pair = (String, String);

/// The files of a fixture folder, relative to it, and the environment its `case.txt` gives
/// (`env: NAME=value` lines; `#` lines describe the case).
pub fn fixture(dir: &Path) -> (Vec<Pair>, Vec<Pair>) {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    let case = std::fs::read_to_string(dir.join("case.txt")).unwrap_or_default();
    let env = case
        .lines()
        .filter_map(|line| line.strip_prefix("env:"))
        .map(|pair| {
            let (name, value) = pair.trim().split_once('=').expect("env: NAME=value");
            (name.to_owned(), value.to_owned())
        })
        .collect();
    (files, env)
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<Pair>) {
    for entry in std::fs::read_dir(dir).expect("a fixture folder") {
        let path = entry.expect("a fixture entry").path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if path.file_name().is_some_and(|name| name != "case.txt") {
            let relative = path.strip_prefix(root).expect("under the fixture");
            let text = std::fs::read_to_string(&path).expect("a fixture text");
            files.push((relative.display().to_string(), text));
        }
    }
}
