//! Compose files are checked as projects: findings land in the file each value comes from,
//! once, with that file's suppressions; values come through `extends`, override files and
//! interpolation with the environment given.

mod common;

use common::check_project;

#[test]
fn each_file_of_a_project_gets_its_findings_once_and_its_suppressions_apply() {
    let out = check_project(
        &[
            (
                "compose.yaml",
                "services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    privileged: true\n",
            ),
            (
                "compose.override.yaml",
                "services:\n  tools:\n    image: alpine:3.20\n    # berth: ignore=C201 -- debugging the host\n    privileged: true\n  debug:\n    image: busybox:1.36\n    privileged: true\n",
            ),
        ],
        &[],
    );
    insta::assert_snapshot!(out, @r#"
    compose.override.yaml:8:17 C201 warning: service "debug" runs privileged: it gets every capability and device of the host, so root in it is root on the host; grant only what it needs with `cap_add` and `devices`
      help: start it without `privileged`: its error usually says which capability or device is missing
    compose.yaml:4:17 C201 warning: service "vpn" runs privileged: it gets every capability and device of the host, so root in it is root on the host; grant only what it needs with `cap_add` and `devices`
      help: start it without `privileged`: its error usually says which capability or device is missing
    "#);
}

#[test]
fn a_value_brought_by_extends_is_reported_in_its_file_with_a_label() {
    let files = [
        (
            "compose.yaml",
            "services:\n  web:\n    extends:\n      file: shared/base.yaml\n      service: hardened\n    image: nginx:1.27\n",
        ),
        (
            "shared/base.yaml",
            "services:\n  hardened:\n    privileged: true\n",
        ),
    ];
    insta::assert_snapshot!(check_project(&files, &[]), @r#"
    shared/base.yaml:3:17 C201 warning: service "web" runs privileged: it gets every capability and device of the host, so root in it is root on the host; grant only what it needs with `cap_add` and `devices`
      = compose.yaml:3:5: brought into this service by `extends`
      help: start it without `privileged`: its error usually says which capability or device is missing
    "#);

    // The base file is not checked itself, but its suppressions apply to what it brings.
    let suppressed = [
        files[0],
        (
            "shared/base.yaml",
            "services:\n  hardened:\n    # berth: ignore=privileged-container -- a lab about privileges\n    privileged: true\n",
        ),
    ];
    assert_eq!(check_project(&suppressed, &[]), "");
}

#[test]
fn interpolation_reads_the_environment_given() {
    let files = [(
        "compose.yaml",
        "services:\n  web:\n    image: nginx:${TAG}\n",
    )];
    insta::assert_snapshot!(check_project(&files, &[("TAG", "latest")]), @"
    compose.yaml:3:18 C101 warning: image `nginx:latest` uses the `latest` tag, from the value of `${TAG}`, which moves with every push: set it to a version tag
      help: the registry lists the version tags (on Docker Hub, the image's Tags tab); in production, a digest (`@sha256:...`) pins every byte
    ");
    assert_eq!(check_project(&files, &[("TAG", "1.27")]), "");
    insta::assert_snapshot!(check_project(&files, &[]), @r#"
    compose.yaml:3:12 C002 error: `services.web.image`: invalid reference format: invalid tag "" (up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-')
    compose.yaml:3:18 C004 warning: The "TAG" variable is not set. Defaulting to a blank string.
      help: set it in `.env` or in the environment, give it a default (`${NAME:-default}`), or require it (`${NAME:?message}`)
    "#);
}
