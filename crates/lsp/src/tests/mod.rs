//! In-process tests of the whole server: a client speaking real JSON-RPC frames over an
//! in-memory pipe, as an editor does over stdio.

mod client;
mod code_actions;
mod config;
mod cross_file;
mod documents;
mod robustness;

use std::path::Path;

use serde_json::{Value, json};

pub(crate) use client::{TestClient, uri};

/// A folder for a test's files, removed at the end of the test.
pub(crate) fn folder() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Writes `text` at `name` in `folder` and returns the file's path.
pub(crate) fn write(folder: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, text).expect("the file is written");
    path
}

/// A client started, initialized in English with lints traced (the trace tells a test when
/// a lint has ended, even one that published nothing).
pub(crate) async fn english_client() -> TestClient {
    let mut client = TestClient::start().await;
    client
        .initialize(json!({ "locale": "en", "trace": "verbose" }))
        .await;
    client
}

/// Waits until a lint of `uri` at `version` has ended (published or dropped).
pub(crate) async fn lint_ended(client: &mut TestClient, uri: &str, version: i32) -> Value {
    let wanted = format!("lint {uri} version {version}:");
    client
        .next_matching(|message| {
            message["method"] == "$/logTrace"
                && message["params"]["message"]
                    .as_str()
                    .is_some_and(|text| text.starts_with(&wanted))
        })
        .await["params"]
        .clone()
}

/// A Compose file whose third line has a YAML syntax error after a quoted value.
pub(crate) const BROKEN_COMPOSE: &str = "services:\n  web:\n    image: \"nginx\" x\n";
pub(crate) const COMPOSE: &str = "services:\n  web:\n    image: nginx:1.27\n";
