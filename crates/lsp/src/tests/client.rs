//! A small LSP client that drives the real server over an in-memory pipe with real JSON-RPC
//! frames, as an editor would.

use std::collections::VecDeque;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream};
use tokio::io::{ReadHalf, WriteHalf};
use tokio::task::JoinHandle;
use tower_lsp_server::ls_types::Uri;

use crate::Exit;
use crate::lint::LintFn;

/// How long to wait for a message the server must send.
const TIMEOUT: Duration = Duration::from_secs(20);

pub(crate) struct TestClient {
    writer: WriteHalf<DuplexStream>,
    reader: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
    /// Notifications read while looking for something else, in arrival order.
    backlog: VecDeque<Value>,
    /// Requests the server sent the client (`client/registerCapability`), by method.
    pub server_requests: Vec<Value>,
    server: JoinHandle<Exit>,
}

impl TestClient {
    /// Starts a server with the real lint.
    pub async fn start() -> TestClient {
        TestClient::start_with(crate::lint::lint).await
    }

    /// Starts a server that lints with `lint`.
    pub async fn start_with(lint: LintFn) -> TestClient {
        let (client_side, server_side) = tokio::io::duplex(1 << 16);
        let (server_input, server_output) = tokio::io::split(server_side);
        let server = tokio::spawn(crate::serve_with(server_input, server_output, lint));
        let (reader, writer) = tokio::io::split(client_side);
        TestClient {
            writer,
            reader: BufReader::new(reader),
            next_id: 1,
            backlog: VecDeque::new(),
            server_requests: Vec::new(),
            server,
        }
    }

    /// `initialize` with `params` merged over minimal ones, then `initialized`. Returns the
    /// server's `InitializeResult`.
    pub async fn initialize(&mut self, params: Value) -> Value {
        let mut full = json!({ "processId": null, "rootUri": null, "capabilities": {} });
        if let (Value::Object(full), Value::Object(params)) = (&mut full, params) {
            full.extend(params);
        }
        let result = self.request("initialize", full).await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// Sends a request and returns its result; panics on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        loop {
            let message = self.receive().await;
            if message.get("method").is_none() && message["id"] == json!(id) {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
            self.backlog.push_back(message);
        }
    }

    /// The next notification with this method, in arrival order.
    pub async fn notification(&mut self, method: &str) -> Value {
        self.next_matching(|message| message["method"] == method)
            .await["params"]
            .clone()
    }

    /// The next `publishDiagnostics` for `uri`: its version and diagnostics.
    pub async fn diagnostics(&mut self, uri: &Uri) -> (Option<i64>, Vec<Value>) {
        let params = self
            .next_matching(|message| {
                message["method"] == "textDocument/publishDiagnostics"
                    && message["params"]["uri"] == uri.as_str()
            })
            .await["params"]
            .clone();
        let diagnostics = params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        (params["version"].as_i64(), diagnostics)
    }

    /// The published diagnostics' messages for `uri`, each with its code and start line.
    pub async fn messages(&mut self, uri: &Uri) -> (Option<i64>, Vec<String>) {
        let (version, diagnostics) = self.diagnostics(uri).await;
        let messages = diagnostics
            .iter()
            .map(|diagnostic| {
                format!(
                    "{} {}: {}",
                    diagnostic["code"].as_str().unwrap_or("-"),
                    diagnostic["range"]["start"]["line"],
                    diagnostic["message"].as_str().unwrap_or_default()
                )
            })
            .collect();
        (version, messages)
    }

    /// Whether a notification matching `accept` is already waiting, without waiting for one.
    pub fn has_pending(&self, accept: impl Fn(&Value) -> bool) -> bool {
        self.backlog.iter().any(accept)
    }

    /// The next message `accept` takes, in arrival order; the others wait in the backlog.
    pub async fn next_matching(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.backlog.iter().position(&accept) {
            return self
                .backlog
                .remove(index)
                .expect("the index was just found");
        }
        loop {
            let message = self.receive().await;
            if accept(&message) {
                return message;
            }
            self.backlog.push_back(message);
        }
    }

    pub async fn open(&mut self, uri: &Uri, language_id: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri.as_str(), "languageId": language_id, "version": version, "text": text
            }}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &Uri, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri.as_str(), "version": version },
                "contentChanges": [{ "text": text }]
            }),
        )
        .await;
    }

    pub async fn save(&mut self, uri: &Uri) {
        self.notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": uri.as_str() } }),
        )
        .await;
    }

    pub async fn close(&mut self, uri: &Uri) {
        self.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri.as_str() } }),
        )
        .await;
    }

    /// `shutdown` then `exit`; returns how the server says the session ended.
    pub async fn shutdown(mut self) -> Exit {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server)
            .await
            .expect("the server stops after exit")
            .expect("the server task does not panic")
    }

    /// The first request the server sent the client with this method (already answered).
    pub async fn server_request(&mut self, method: &str) -> Value {
        loop {
            if let Some(request) = self.server_requests.iter().find(|r| r["method"] == method) {
                return request.clone();
            }
            let message = self.receive().await;
            self.backlog.push_back(message);
        }
    }

    /// `exit` without `shutdown`.
    pub async fn exit_now(mut self) -> Exit {
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, self.server)
            .await
            .expect("the server stops after exit")
            .expect("the server task does not panic")
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.writer.write_all(frame.as_bytes()).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// Reads one message. A request from the server (`client/registerCapability`) is answered
    /// with an empty result and recorded, then returned like any message.
    async fn receive(&mut self) -> Value {
        let message = tokio::time::timeout(TIMEOUT, read_frame(&mut self.reader))
            .await
            .expect("the server answers in time");
        if message.get("method").is_some() && message.get("id").is_some() {
            let id = message["id"].clone();
            self.server_requests.push(message.clone());
            self.send(json!({ "jsonrpc": "2.0", "id": id, "result": null }))
                .await;
        }
        message
    }
}

async fn read_frame(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Value {
    let mut length = None;
    loop {
        let mut line = String::new();
        let read = reader.read_line(&mut line).await.unwrap();
        assert!(read > 0, "the server closed the connection");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    reader.read_exact(&mut body).await.unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// The `file://` URI of a path.
pub(crate) fn uri(path: &Path) -> Uri {
    Uri::from_file_path(path).expect("an absolute path")
}
