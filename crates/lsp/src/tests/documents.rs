//! Opening, changing, saving and closing documents: what is published, for which version, in
//! which language.

use serde_json::json;

use super::*;
use crate::Exit;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_offers_full_sync_and_quick_fixes() {
    let mut client = TestClient::start().await;
    let result = client.initialize(json!({})).await;
    insta::assert_json_snapshot!(result, { ".serverInfo.version" => "[version]" }, @r#"
    {
      "capabilities": {
        "positionEncoding": "utf-16",
        "textDocumentSync": {
          "openClose": true,
          "change": 1,
          "save": {
            "includeText": false
          }
        },
        "codeActionProvider": {
          "codeActionKinds": [
            "quickfix"
          ]
        }
      },
      "serverInfo": {
        "name": "berth",
        "version": "[version]"
      }
    }
    "#);
    assert_eq!(client.shutdown().await, Exit::Clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_publishes_for_the_opened_version() {
    let folder = folder();
    let mut client = english_client().await;
    let dockerfile = uri(&write(
        folder.path(),
        "Dockerfile",
        "FROM alpine:3.20\nUSER nobody\n",
    ));
    client
        .open(
            &dockerfile,
            "dockerfile",
            1,
            "FROM alpine:3.20\nUSER nobody\n",
        )
        .await;
    assert_eq!(client.diagnostics(&dockerfile).await, (Some(1), vec![]));

    // The buffer is linted, not the file on disk.
    let compose = uri(&folder.path().join("compose.yaml"));
    client
        .open(&compose, "dockercompose", 7, BROKEN_COMPOSE)
        .await;
    insta::assert_json_snapshot!(client.diagnostics(&compose).await, @r#"
    [
      7,
      [
        {
          "range": {
            "start": {
              "line": 2,
              "character": 19
            },
            "end": {
              "line": 2,
              "character": 20
            }
          },
          "severity": 1,
          "code": "C001",
          "codeDescription": {
            "href": "https://github.com/berth-lint/berth/blob/main/docs/rules/C001.md"
          },
          "source": "berth",
          "message": "invalid trailing content after double-quoted scalar"
        }
      ]
    ]
    "#);
    assert_eq!(client.shutdown().await, Exit::Clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_follow_the_client_locale() {
    let folder = folder();
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = TestClient::start().await;
    client.initialize(json!({ "locale": "fr" })).await;
    client.open(&compose, "yaml", 1, BROKEN_COMPOSE).await;
    let (_, diagnostics) = client.diagnostics(&compose).await;
    assert_eq!(
        diagnostics[0]["message"],
        "contenu invalide après une chaîne entre guillemets doubles"
    );
    assert_eq!(
        diagnostics[0]["codeDescription"]["href"],
        "https://github.com/berth-lint/berth/blob/main/docs/rules/fr/C001.md"
    );
    client.shutdown().await;

    // `initializationOptions.lang` wins over the locale.
    let mut client = TestClient::start().await;
    client
        .initialize(json!({ "locale": "fr-FR", "initializationOptions": { "lang": "en" } }))
        .await;
    client.open(&compose, "yaml", 1, BROKEN_COMPOSE).await;
    let (_, messages) = client.messages(&compose).await;
    assert_eq!(
        messages,
        ["C001 2: invalid trailing content after double-quoted scalar"]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_publishes_for_the_new_version_only() {
    let folder = folder();
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = english_client().await;
    client
        .open(&compose, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    let (version, messages) = client.messages(&compose).await;
    assert_eq!((version, messages.len()), (Some(1), 1));

    client.change(&compose, 2, COMPOSE).await;
    assert_eq!(client.diagnostics(&compose).await, (Some(2), vec![]));

    client.change(&compose, 3, "services:\n  web: [\n").await;
    let (version, messages) = client.messages(&compose).await;
    assert_eq!(version, Some(3));
    assert_eq!(messages.len(), 1, "{messages:?}");
    client.shutdown().await;
}

/// Each edit reuses the shell views of the instructions it did not change, moved to where
/// they now are: a finding in such a RUN follows it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_finding_in_an_unchanged_run_follows_the_edits_before_it() {
    let folder = folder();
    let dockerfile = uri(&folder.path().join("Dockerfile"));
    let mut client = english_client().await;
    let download = "RUN curl -fsSL https://get.example.com | sh\n";
    let start_of_download = |client_text: &str| {
        let line = client_text
            .lines()
            .position(|line| line.starts_with("RUN curl"));
        line.expect("the download line")
    };
    let mut text = format!("FROM alpine:3.20\nRUN apk add git\n{download}");
    client.open(&dockerfile, "dockerfile", 1, &text).await;
    for version in 2..5 {
        // Lines and characters added in the RUN before, then a line removed.
        text = match version {
            2 => text.replace("apk add git", "apk add git \\\n    curl"),
            3 => text.replace("    curl", "    curl make"),
            _ => text.replace(" \\\n    curl make", ""),
        };
        client.change(&dockerfile, version, &text).await;
        let (published, diagnostics) = client.diagnostics(&dockerfile).await;
        assert_eq!(published, Some(i64::from(version)));
        let d203: Vec<_> = diagnostics
            .iter()
            .filter(|diagnostic| diagnostic["code"] == "D203")
            .collect();
        assert_eq!(d203.len(), 1, "{diagnostics:?}");
        assert_eq!(
            d203[0]["range"]["start"],
            json!({ "line": start_of_download(&text), "character": 4 }),
            "version {version}: {text:?}"
        );
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_older_than_the_document_is_dropped() {
    let folder = folder();
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = english_client().await;
    client.open(&compose, "dockercompose", 1, COMPOSE).await;
    assert_eq!(client.diagnostics(&compose).await, (Some(1), vec![]));
    client.change(&compose, 3, BROKEN_COMPOSE).await;
    let (version, broken) = client.messages(&compose).await;
    assert_eq!(version, Some(3));

    // Version 2 arrives late, with other text: it must not replace version 3. A save lints
    // the document as the server holds it.
    client.change(&compose, 2, COMPOSE).await;
    client.save(&compose).await;
    assert_eq!(client.messages(&compose).await, (Some(3), broken));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_bursts_publish_the_last_version() {
    let folder = folder();
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = english_client().await;
    client.open(&compose, "dockercompose", 1, COMPOSE).await;
    client.diagnostics(&compose).await;
    for version in 2..=40 {
        let text = if version % 2 == 0 {
            BROKEN_COMPOSE
        } else {
            COMPOSE
        };
        client.change(&compose, version, text).await;
    }
    // Whatever was published on the way, versions only grow and the last one is published.
    let mut last = 1;
    while last < 40 {
        let (version, diagnostics) = client.diagnostics(&compose).await;
        let version = version.expect("an open document's diagnostics carry its version");
        assert!(version > last, "version {version} after {last}");
        last = version;
        assert_eq!(diagnostics.is_empty(), version % 2 == 1);
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_clears_the_diagnostics() {
    let folder = folder();
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = english_client().await;
    client
        .open(&compose, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    assert_eq!(client.messages(&compose).await.1.len(), 1);
    client.close(&compose).await;
    assert_eq!(client.diagnostics(&compose).await, (None, vec![]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ranges_count_utf16_units() {
    let folder = folder();
    let compose = uri(&folder.path().join("compose.yaml"));
    let mut client = english_client().await;
    // `é` is one UTF-16 unit (two bytes), `😀` two units (four bytes): the stray `x` is at
    // UTF-16 column 17, character column 16, byte column 21.
    let text = "services:\n  web:\n    image: \"é😀\" x\n";
    client.open(&compose, "dockercompose", 1, text).await;
    let (_, diagnostics) = client.diagnostics(&compose).await;
    assert_eq!(
        diagnostics[0]["range"],
        json!({ "start": { "line": 2, "character": 17 }, "end": { "line": 2, "character": 18 } })
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_berth_does_not_check_gets_nothing() {
    let folder = folder();
    let readme = uri(&folder.path().join("README.md"));
    let values = uri(&folder.path().join("values.yaml"));
    let mut client = english_client().await;
    client.open(&readme, "markdown", 1, "# Notes\n").await;
    client.open(&values, "yaml", 1, "a: [\n").await;
    lint_ended(&mut client, readme.as_str(), 1).await;
    lint_ended(&mut client, values.as_str(), 1).await;
    client.change(&values, 2, "b: {\n").await;
    lint_ended(&mut client, values.as_str(), 2).await;
    client.close(&values).await;
    // Lints and their publications leave in order: nothing was published for either.
    let compose = uri(&folder.path().join("compose.yaml"));
    client.open(&compose, "dockercompose", 1, COMPOSE).await;
    client.diagnostics(&compose).await;
    assert!(!client.has_pending(|message| {
        message["method"] == "textDocument/publishDiagnostics"
            && message["params"]["uri"] == readme.as_str()
    }));
    // Closing a document berth did not check clears it like any other (harmless).
    assert_eq!(client.diagnostics(&values).await, (None, vec![]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_that_is_not_a_file_is_checked_by_its_language() {
    let mut client = english_client().await;
    let untitled: tower_lsp_server::ls_types::Uri = "untitled:Untitled-1".parse().unwrap();
    client
        .open(&untitled, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    let (version, messages) = client.messages(&untitled).await;
    assert_eq!(version, Some(1));
    assert_eq!(messages.len(), 1, "{messages:?}");
    client.shutdown().await;
}
