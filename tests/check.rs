//! `berth check` end to end: what a CI job and a pre-commit hook rely on.

mod common;

use common::{berth_in, project};

const BROKEN_COMPOSE: &str = "services:\n  web:\n    image: [nginx\n";

#[test]
fn a_clean_project_exits_zero_and_says_so() {
    let dir = project(&[("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n")]);
    let run = berth_in(dir.path(), &["check"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("No problems found."), "{}", run.stdout);
}

#[test]
fn findings_exit_one_with_a_positioned_report() {
    let dir = project(&[("compose.yaml", BROKEN_COMPOSE)]);
    let run = berth_in(dir.path(), &["check", "--format", "concise"], "");
    assert_eq!(run.status, Some(1));
    let line = run.stdout.lines().next().unwrap();
    assert!(line.starts_with("compose.yaml:4:1: error[C001]"), "{line}");
}

#[test]
fn exit_zero_changes_only_the_status() {
    let dir = project(&[("compose.yaml", BROKEN_COMPOSE)]);
    let run = berth_in(dir.path(), &["check", "--exit-zero"], "");
    assert_eq!(run.status, Some(0));
    assert!(run.stdout.contains("C001"));
}

#[test]
fn the_json_report_is_the_documented_contract() {
    let dir = project(&[("compose.yaml", BROKEN_COMPOSE)]);
    let run = berth_in(
        dir.path(),
        &["check", "--format", "json", "compose.yaml"],
        "",
    );
    assert_eq!(run.status, Some(1));
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = &report.as_array().unwrap()[0];
    assert_eq!(finding["code"], "C001");
    assert_eq!(finding["name"], "compose-syntax-error");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["file"], "compose.yaml");
    assert_eq!(finding["range"]["start"]["line"], 4);
    assert_eq!(finding["range"]["start"]["column"], 1);
    assert!(finding["fix"].is_null());
    assert!(finding["url"].as_str().unwrap().ends_with("C001.md"));
}

#[test]
fn standard_input_is_checked_as_the_file_it_stands_for() {
    let dir = project(&[]);
    let run = berth_in(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "deploy/compose.yaml",
            "--format",
            "concise",
        ],
        BROKEN_COMPOSE,
    );
    assert_eq!(run.status, Some(1), "{}", run.stderr);
    assert!(
        run.stdout.starts_with("deploy/compose.yaml:4:1:"),
        "{}",
        run.stdout
    );
}

#[test]
fn messages_follow_lang() {
    let dir = project(&[("compose.yaml", BROKEN_COMPOSE)]);
    let run = berth_in(dir.path(), &["check", "--lang", "fr"], "");
    assert!(run.stdout.contains("erreur"), "{}", run.stdout);
    assert!(run.stdout.contains("Problèmes trouvés"), "{}", run.stdout);
}

#[test]
fn a_bad_configuration_is_a_positioned_error_with_status_two_and_no_report() {
    let dir = project(&[
        ("berth.toml", "preset = \"lab\"\nselcet = [\"D1\"]\n"),
        ("compose.yaml", BROKEN_COMPOSE),
    ]);
    let run = berth_in(dir.path(), &["check"], "");
    assert_eq!(run.status, Some(2));
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("berth.toml:2:1"), "{}", run.stderr);
    assert!(run.stderr.contains("select"), "{}", run.stderr);
}

#[test]
fn an_unknown_selector_on_the_command_line_is_a_usage_error() {
    let dir = project(&[("compose.yaml", BROKEN_COMPOSE)]);
    let run = berth_in(dir.path(), &["check", "--select", "D9"], "");
    assert_eq!(run.status, Some(2));
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("--select"), "{}", run.stderr);
}

#[test]
fn an_unreadable_file_is_reported_and_the_others_still_checked() {
    let dir = project(&[("compose.yaml", BROKEN_COMPOSE)]);
    std::fs::write(dir.path().join("Dockerfile"), b"FROM alpine\n\xff\n").unwrap();
    let run = berth_in(dir.path(), &["check", "--format", "concise"], "");
    assert_eq!(run.status, Some(2));
    assert!(run.stdout.contains("compose.yaml:4:1"), "{}", run.stdout);
    assert!(run.stderr.contains("Dockerfile"), "{}", run.stderr);
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
}

#[test]
fn the_report_can_go_to_a_file() {
    let dir = project(&[("compose.yaml", BROKEN_COMPOSE)]);
    let run = berth_in(
        dir.path(),
        &["check", "--format", "sarif", "--output", "report.sarif"],
        "",
    );
    assert_eq!(run.status, Some(1));
    assert!(run.stdout.is_empty());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "C001");
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = project(&[
        ("a/compose.yaml", BROKEN_COMPOSE),
        ("b/compose.yaml", BROKEN_COMPOSE),
    ]);
    let run = berth_in(
        dir.path(),
        &["check", "--statistics", "--format", "json"],
        "",
    );
    let counts: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(counts[0]["code"], "C001");
    assert_eq!(counts[0]["count"], 2);
}

#[test]
fn fix_rewrites_the_file_and_reports_what_is_left() {
    let compose =
        "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n    privileged: true\n";
    let dir = project(&[("compose.yaml", compose)]);
    let run = berth_in(dir.path(), &["check", "--fix", "--format", "concise"], "");
    let fixed = std::fs::read_to_string(dir.path().join("compose.yaml")).unwrap();
    assert_eq!(
        fixed,
        "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n"
    );
    assert!(
        run.stderr.contains("fixed 1 problem in 1 file"),
        "{}",
        run.stderr
    );
    // The report is of the fixed file: the privileged service is left, on its new line.
    assert!(!run.stdout.contains("C501"), "{}", run.stdout);
    assert!(
        run.stdout.starts_with("compose.yaml:4:17: warning[C201]"),
        "{}",
        run.stdout
    );
    assert_eq!(run.status, Some(1));
}

#[test]
fn fix_leaves_files_without_fixes_untouched_and_exits_zero_once_clean() {
    let dir = project(&[
        (
            "compose.yaml",
            "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n",
        ),
        (
            "other/compose.yaml",
            "services:\n  db:\n    image: postgres:16.4\n",
        ),
    ]);
    let other = dir.path().join("other/compose.yaml");
    let before = std::fs::metadata(&other).unwrap().modified().unwrap();
    let run = berth_in(dir.path(), &["check", "--fix"], "");
    assert_eq!(run.status, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("No problems found."), "{}", run.stdout);
    assert_eq!(
        std::fs::metadata(&other).unwrap().modified().unwrap(),
        before
    );
}

#[test]
fn fix_refuses_standard_input_and_unsafe_fixes_need_fix() {
    let dir = project(&[]);
    let run = berth_in(
        dir.path(),
        &["check", "--fix", "--stdin-filename", "compose.yaml", "-"],
        "version: '3'\nservices: {}\n",
    );
    assert_eq!(run.status, Some(2));
    assert!(
        run.stderr.contains("cannot rewrite standard input"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());

    let run = berth_in(dir.path(), &["check", "--unsafe-fixes"], "");
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("--fix"), "{}", run.stderr);
}
