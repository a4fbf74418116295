//! Each folder under `fixtures/<rule name>/<case>/` is a project (Dockerfiles, Compose files,
//! host configuration, whatever the case needs) checked as `berth check` checks a folder; its
//! snapshot (`rule_fixtures__rule_fixtures@<rule name>@<case>.snap`) shows that rule's findings
//! with their labels, help and fix. `case.txt` says what the case shows (`#` lines) and sets
//! environment variables (`env: NAME=value`).

use std::path::Path;

mod common;

#[test]
fn rule_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (name, case) in cases(&root) {
        let rule = berth_rules::registry::rule(&name)
            .unwrap_or_else(|| panic!("{name} is not a rule name"));
        let dir = root.join(&name).join(&case);
        let (files, env) = common::fixture(&dir);
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
            .collect();
        let env: Vec<(&str, &str)> = env
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        let out =
            common::check_project_with("preset = \"all\"\n", &files, &env, Some(rule.meta.code));
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(format!("{name}@{case}"));
        settings.set_input_file(dir.join("case.txt"));
        settings.bind(|| insta::assert_snapshot!(out));
    }
}

/// `(rule name, case)` of every fixture folder, sorted.
fn cases(root: &Path) -> Vec<(String, String)> {
    let names = |dir: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("a fixture folder")
            .map(|entry| entry.expect("an entry").path())
            .filter(|path| path.is_dir())
            .filter_map(|path| Some(path.file_name()?.to_str()?.to_owned()))
            .collect();
        names.sort();
        names
    };
    names(root)
        .into_iter()
        .flat_map(|rule| {
            names(&root.join(&rule))
                .into_iter()
                .map(move |case| (rule.clone(), case))
        })
        .collect()
}
