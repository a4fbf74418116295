//! Quick fixes: the editor asks for the actions of the diagnostics under the cursor and gets
//! each one's fix as a workspace edit.

use serde_json::json;

use super::*;
use crate::Exit;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_diagnostic_with_a_fix_offers_it_as_a_quick_fix() {
    let folder = folder();
    let mut client = english_client().await;
    let text = "version: \"3.8\"\nservices:\n  web:\n    image: nginx:1.27\n";
    let compose = uri(&folder.path().join("compose.yaml"));
    client.open(&compose, "dockercompose", 1, text).await;
    let (_, diagnostics) = client.diagnostics(&compose).await;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "C501");

    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": compose.as_str() },
                "range": diagnostics[0]["range"],
                "context": { "diagnostics": diagnostics },
            }),
        )
        .await;
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["diagnostics"][0]["code"], "C501");
    let edits = &action["edit"]["changes"][compose.as_str()];
    assert_eq!(
        edits,
        &json!([{
            "range": {
                "start": { "line": 0, "character": 0 },
                "end": { "line": 1, "character": 0 }
            },
            "newText": ""
        }])
    );

    // An editor asking only for other kinds of actions gets none.
    let none = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": compose.as_str() },
                "range": diagnostics[0]["range"],
                "context": { "diagnostics": diagnostics, "only": ["source.organizeImports"] },
            }),
        )
        .await;
    assert!(none.is_null(), "{none}");
    assert_eq!(client.shutdown().await, Exit::Clean);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_of_other_tools_or_without_a_fix_offer_nothing() {
    let folder = folder();
    let mut client = english_client().await;
    let compose = uri(&folder.path().join("compose.yaml"));
    client
        .open(&compose, "dockercompose", 1, BROKEN_COMPOSE)
        .await;
    let (_, mut diagnostics) = client.diagnostics(&compose).await;
    diagnostics.push(json!({
        "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 1 } },
        "message": "from another server",
        "source": "yaml",
        "data": { "fix": { "title": "not ours", "safe": true, "edits": [] } },
    }));
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": compose.as_str() },
                "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 3, "character": 0 } },
                "context": { "diagnostics": diagnostics },
            }),
        )
        .await;
    assert!(actions.is_null(), "{actions}");
    assert_eq!(client.shutdown().await, Exit::Clean);
}
