//! What must not take the server down.

use super::*;
use crate::lint::{LintOutcome, LintRequest};

/// The real lint, except that it panics on a document that says `PANIC`.
fn fragile_lint(request: &LintRequest) -> LintOutcome {
    if request.document.text.contains("PANIC") {
        panic!("a test panic");
    }
    crate::lint::lint(request)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_lint_is_logged_and_publishes_nothing() {
    let folder = folder();
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = TestClient::start_with(fragile_lint).await;
    client
        .initialize(serde_json::json!({ "locale": "en" }))
        .await;
    client
        .open(&compose, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    assert_eq!(client.messages(&compose).await.1.len(), 1);

    client.change(&compose, 2, "# PANIC\n").await;
    let logged = client.notification("window/logMessage").await;
    assert_eq!(logged["type"], 1);
    let text = logged["message"].as_str().unwrap();
    assert!(
        text.contains("version 2") && text.contains("a test panic"),
        "{text}"
    );

    // The server goes on: the next version is linted and published.
    client.change(&compose, 3, COMPOSE).await;
    assert_eq!(client.diagnostics(&compose).await, (Some(3), vec![]));
    assert_eq!(client.shutdown().await, crate::Exit::Clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_abrupt() {
    let mut client = TestClient::start().await;
    client.initialize(serde_json::json!({})).await;
    assert_eq!(client.exit_now().await, crate::Exit::Abrupt);
}
