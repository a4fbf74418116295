//! `berth compose config`: the effective project, as `docker compose config` prints it.

mod common;

use common::{berth_in, project};

/// Runs `berth compose config` in a project folder, with the folder's path replaced by
/// `[PROJECT]` so snapshots do not depend on where the test runs.
fn compose_config(files: &[(&str, &str)], args: &[&str]) -> (Option<i32>, String, String) {
    let dir = project(files);
    let mut all = vec!["compose", "config"];
    all.extend_from_slice(args);
    let run = berth_in(dir.path(), &all, "");
    let root = dir.path().display().to_string();
    (
        run.status,
        run.stdout.replace(&root, "[PROJECT]"),
        run.stderr.replace(&root, "[PROJECT]"),
    )
}

#[test]
fn short_syntaxes_are_printed_in_their_long_form() {
    let (status, stdout, stderr) = compose_config(
        &[
            (
                "compose.yaml",
                r#"name: shop
services:
  web:
    build: ./web
    command: npm run start -- --port 3000
    ports:
      - "127.0.0.1:8080:80"
      - 9000-9001:9000-9001/udp
    volumes:
      - ./data:/data:ro
      - cache:/cache
    environment:
      - NODE_ENV=production
      - FROM_SHELL
    depends_on:
      - db
    healthcheck:
      test: curl -f http://localhost
      interval: 90s
      retries: "3"
    mem_limit: 512m
    read_only: "true"
  db:
    image: postgres:16.4
volumes:
  cache: {}
"#,
            ),
            ("web/Dockerfile", "FROM node:22\n"),
        ],
        &[],
    );
    assert_eq!(status, Some(0), "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn overrides_env_files_extends_and_profiles_are_applied() {
    let (status, stdout, stderr) = compose_config(
        &[
            (
                "compose.yaml",
                r#"services:
  api:
    extends:
      file: common.yaml
      service: base
    image: "registry.example.com/api:${API_TAG:-dev}"
    environment:
      LOG_LEVEL: info
  adminer:
    image: adminer:4.8.1
    profiles: [debug]
"#,
            ),
            (
                "compose.override.yaml",
                "services:\n  api:\n    environment:\n      LOG_LEVEL: debug\n    ports: !override\n      - \"3000:3000\"\n",
            ),
            (
                "common.yaml",
                "services:\n  base:\n    restart: unless-stopped\n    ports:\n      - \"8080:8080\"\n",
            ),
            (".env", "API_TAG=1.4.2\nCOMPOSE_PROJECT_NAME=demo\n"),
        ],
        &[],
    );
    assert_eq!(status, Some(0), "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_profile_enables_its_services() {
    let files = [(
        "compose.yaml",
        "name: p\nservices:\n  app:\n    image: app:1\n  adminer:\n    image: adminer:4.8.1\n    profiles: [debug]\n",
    )];
    let (_, without, _) = compose_config(&files, &[]);
    assert!(!without.contains("adminer"), "{without}");
    let (status, with, _) = compose_config(&files, &["--profile", "debug"]);
    assert_eq!(status, Some(0));
    assert!(
        with.contains("  adminer:\n    image: adminer:4.8.1\n"),
        "{with}"
    );
}

#[test]
fn files_given_with_f_merge_in_order_and_json_is_available() {
    let (status, stdout, stderr) = compose_config(
        &[
            (
                "base.yaml",
                "name: p\nservices:\n  web:\n    image: nginx:1.26\n    labels: [tier=front]\n",
            ),
            (
                "prod.yaml",
                "services:\n  web:\n    image: nginx:1.27\n    labels:\n      team: web\n",
            ),
        ],
        &["-f", "base.yaml", "-f", "prod.yaml", "--format", "json"],
    );
    assert_eq!(status, Some(0), "{stderr}");
    let config: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let web = &config["services"]["web"];
    assert_eq!(web["image"], "nginx:1.27");
    assert_eq!(web["labels"]["tier"], "front");
    assert_eq!(web["labels"]["team"], "web");
}

#[test]
fn an_invalid_project_prints_every_problem_with_its_position_and_exits_one() {
    let (status, stdout, stderr) = compose_config(
        &[(
            "compose.yaml",
            "services:\n  web:\n    image: nginx:1.27\n    restrat: always\n    networks: [front]\n    depends_on: [db]\n",
        )],
        &[],
    );
    assert_eq!(status, Some(1));
    assert!(stdout.is_empty(), "{stdout}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_missing_variable_with_a_required_marker_is_an_error() {
    let (status, _, stderr) = compose_config(
        &[(
            "compose.yaml",
            "services:\n  web:\n    image: \"nginx:${TAG:?set TAG to the release}\"\n",
        )],
        &[],
    );
    assert_eq!(status, Some(1));
    assert!(stderr.contains("compose.yaml:3:12"), "{stderr}");
    assert!(stderr.contains("set TAG to the release"), "{stderr}");
}

#[test]
fn no_compose_file_is_a_usage_error() {
    let (status, stdout, stderr) = compose_config(&[("README.md", "nothing here\n")], &[]);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("compose.yaml"), "{stderr}");
}
