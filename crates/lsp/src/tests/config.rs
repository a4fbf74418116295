//! berth.toml and the client's settings, as a document's folder and the editor give them.

use serde_json::json;

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn berth_toml_applies_and_is_reread_when_it_changes() {
    let folder = folder();
    let config = write(folder.path(), "berth.toml", "ignore = [\"C001\"]\n");
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = english_client().await;
    client
        .open(&compose, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    assert_eq!(client.diagnostics(&compose).await, (Some(1), vec![]));

    // Changed on disk, then announced by the client's file watcher.
    std::fs::write(&config, "lang = \"fr\"\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri(&config).as_str(), "type": 2 }] }),
        )
        .await;
    let (version, messages) = client.messages(&compose).await;
    assert_eq!(version, Some(1));
    assert_eq!(
        messages,
        ["C001 2: contenu invalide après une chaîne entre guillemets doubles"]
    );

    // Saved in the editor.
    let config_uri = uri(&config);
    client.open(&config_uri, "toml", 1, "lang = \"fr\"\n").await;
    std::fs::write(&config, "lang = \"en\"\n").unwrap();
    client.save(&config_uri).await;
    let (_, messages) = client.messages(&compose).await;
    assert_eq!(
        messages,
        ["C001 2: invalid trailing content after double-quoted scalar"]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_berth_toml_is_shown_and_the_defaults_apply() {
    let folder = folder();
    let config = write(
        folder.path(),
        "berth.toml",
        "ignore = [\"C001\"]\npreset = \"strict\"\n",
    );
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = english_client().await;
    client
        .open(&compose, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    let (_, messages) = client.messages(&compose).await;
    assert_eq!(messages.len(), 1, "the defaults apply: {messages:?}");
    let shown = client.notification("window/showMessage").await;
    assert_eq!(shown["type"], 1);
    let (version, on_config) = client.messages(&uri(&config)).await;
    assert_eq!(version, None);
    assert_eq!(on_config.len(), 1, "{on_config:?}");
    assert!(on_config[0].starts_with("- 1: "), "{on_config:?}");

    // Fixed: the errors are cleared and berth.toml applies again.
    std::fs::write(&config, "ignore = [\"C001\"]\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": uri(&config).as_str(), "type": 2 }] }),
        )
        .await;
    assert_eq!(client.diagnostics(&uri(&config)).await, (None, vec![]));
    assert_eq!(client.diagnostics(&compose).await, (Some(1), vec![]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_settings_override_berth_toml() {
    let folder = folder();
    write(
        folder.path(),
        "berth.toml",
        "ignore = [\"C001\"]\nlang = \"fr\"\n",
    );
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = TestClient::start().await;
    client
        .initialize(json!({ "initializationOptions": { "select": ["C0"], "lang": "en" } }))
        .await;
    client
        .open(&compose, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    let (_, messages) = client.messages(&compose).await;
    assert_eq!(
        messages,
        ["C001 2: invalid trailing content after double-quoted scalar"]
    );

    // New settings from the client apply at once.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "berth": { "ignore": ["compose-syntax-error"] } } }),
        )
        .await;
    assert_eq!(client.diagnostics(&compose).await, (Some(1), vec![]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unreadable_client_settings_are_reported_and_left_out() {
    let mut client = TestClient::start().await;
    client
        .initialize(json!({ "initializationOptions": { "preset": "strict" } }))
        .await;
    let shown = client.notification("window/showMessage").await;
    assert_eq!(shown["type"], 2);
    assert!(
        shown["message"].as_str().unwrap().contains("strict"),
        "{shown}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_watchers_are_registered_when_the_client_allows() {
    let mut client = TestClient::start().await;
    client
        .initialize(json!({ "capabilities": {
            "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
        }}))
        .await;
    let registration = client.server_request("client/registerCapability").await;
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registered["registerOptions"]["watchers"][0]["globPattern"],
        "**/{berth.toml,.berth.toml,.hadolint.yaml,.hadolint.yml}"
    );
    client.shutdown().await;
}
