//! A Compose file and the Dockerfile it builds: editing one re-lints the other.
//!
//! No rule reads across files yet, so these tests check that the Compose file is linted again
//! (it publishes again, at its own version); when a cross-file rule lands, its finding is
//! what they should check.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_dockerfile_relints_the_compose_file_that_builds_it() {
    let folder = folder();
    let compose_text = "services:\n  web:\n    build: .\n";
    let compose = uri(&write(folder.path(), "compose.yaml", compose_text));
    let dockerfile = uri(&write(
        folder.path(),
        "Dockerfile",
        "FROM alpine:3.20\nUSER nobody\n",
    ));
    let mut client = english_client().await;
    client
        .open(
            &dockerfile,
            "dockerfile",
            1,
            "FROM alpine:3.20\nUSER nobody\n",
        )
        .await;
    client.diagnostics(&dockerfile).await;
    client
        .open(&compose, "dockercompose", 1, compose_text)
        .await;
    assert_eq!(client.diagnostics(&compose).await, (Some(1), vec![]));

    // The Compose file is linted again, at its own version, against the new buffer.
    client
        .change(&dockerfile, 2, "FROM alpine:3.21\nUSER nobody\n")
        .await;
    assert_eq!(client.diagnostics(&dockerfile).await, (Some(2), vec![]));
    assert_eq!(client.diagnostics(&compose).await, (Some(1), vec![]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dockerfile_changed_on_disk_relints_the_compose_file() {
    let folder = folder();
    let compose_text = "services:\n  web:\n    build: ./app\n";
    let compose = uri(&write(folder.path(), "compose.yaml", compose_text));
    std::fs::create_dir(folder.path().join("app")).unwrap();
    let dockerfile = write(&folder.path().join("app"), "Dockerfile", "FROM alpine\n");
    let mut client = english_client().await;
    client
        .open(&compose, "dockercompose", 1, compose_text)
        .await;
    client.diagnostics(&compose).await;

    client
        .notify(
            "workspace/didChangeWatchedFiles",
            serde_json::json!({ "changes": [{ "uri": uri(&dockerfile).as_str(), "type": 2 }] }),
        )
        .await;
    assert_eq!(client.diagnostics(&compose).await, (Some(1), vec![]));
    client.shutdown().await;
}
