//! `berth init`: a configuration file to start from, and the way off hadolint.

mod common;

use common::{berth_in, project};

#[test]
fn init_writes_a_berth_toml_that_check_accepts() {
    let dir = project(&[("Dockerfile", "FROM alpine:3.20\n")]);
    let run = berth_in(dir.path(), &["init"], "");
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let written = std::fs::read_to_string(dir.path().join("berth.toml")).unwrap();
    assert!(written.contains("# preset = \"lab\""), "{written}");
    // The file it wrote is a valid configuration.
    let check = berth_in(dir.path(), &["check"], "");
    assert_ne!(check.status, Some(2), "{}", check.stderr);
}

#[test]
fn init_never_overwrites_without_force() {
    let dir = project(&[("berth.toml", "preset = \"prod\"\n")]);
    let run = berth_in(dir.path(), &["init"], "");
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    let kept = std::fs::read_to_string(dir.path().join("berth.toml")).unwrap();
    assert_eq!(kept, "preset = \"prod\"\n");
    let forced = berth_in(dir.path(), &["init", "--force"], "");
    assert_eq!(forced.status, Some(0));
}

#[test]
fn init_in_french_comments_in_french() {
    let dir = project(&[]);
    let run = berth_in(dir.path(), &["init", "--output", "-", "--lang", "fr"], "");
    assert_eq!(run.status, Some(0));
    assert!(
        run.stdout.contains("règle") || run.stdout.contains("règles"),
        "{}",
        run.stdout
    );
}

#[test]
fn from_hadolint_converts_what_maps_and_comments_the_rest() {
    let dir = project(&[(
        ".hadolint.yaml",
        "failure-threshold: error\ntrustedRegistries:\n  - docker.io\n  - \"*.example.com\"\nno-color: true\n",
    )]);
    let run = berth_in(
        dir.path(),
        &["init", "--from-hadolint", ".hadolint.yaml", "--output", "-"],
        "",
    );
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(run.stdout.contains("fail-on = \"error\""), "{}", run.stdout);
    assert!(run.stdout.contains("*.example.com"), "{}", run.stdout);
    assert!(run.stdout.contains("no-color"), "{}", run.stdout);
}

#[test]
fn a_broken_hadolint_file_is_reported_with_its_position() {
    let dir = project(&[(".hadolint.yaml", "ignored: [DL3008\n")]);
    let run = berth_in(
        dir.path(),
        &["init", "--from-hadolint", ".hadolint.yaml"],
        "",
    );
    assert_eq!(run.status, Some(2));
    assert!(run.stderr.contains(".hadolint.yaml:"), "{}", run.stderr);
    assert!(!dir.path().join("berth.toml").exists());
}
