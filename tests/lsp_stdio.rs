//! `berth lsp` end to end: the real binary over stdio, driven as an editor drives it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(30);

struct Server {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_berth"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("berth starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = mpsc::channel();
        // stdout carries the protocol only: every byte must belong to a frame.
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            child,
            stdin,
            messages,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// The next message `accept` takes; the others are skipped.
    fn wait_for(&mut self, accept: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(TIMEOUT)
                .expect("the server answers in time");
            if accept(&message) {
                return message;
            }
        }
    }

    fn diagnostics(&mut self, uri: &str) -> Value {
        self.wait_for(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
        })["params"]
            .clone()
    }
}

/// One frame, or `None` at the end of the stream.
fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let value = line
            .strip_prefix("Content-Length: ")
            .unwrap_or_else(|| panic!("not an LSP header on stdout: {line:?}"));
        length = Some(value.parse::<usize>().unwrap());
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("a JSON body"))
}

fn open(server: &mut Server, uri: &str, language_id: &str, text: &str) {
    server.send(json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": { "textDocument": {
            "uri": uri, "languageId": language_id, "version": 1, "text": text
        }}
    }));
}

#[test]
fn lints_over_stdio_and_exits_cleanly() {
    let folder = tempfile::tempdir().unwrap();
    let root = folder.path().canonicalize().unwrap();
    let mut server = Server::start();
    server.send(json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": { "processId": null, "rootUri": null, "capabilities": {}, "locale": "en" }
    }));
    let initialized = server.wait_for(|message| message["id"] == 1);
    assert_eq!(initialized["result"]["serverInfo"]["name"], "berth");
    server.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));

    let dockerfile = format!("file://{}/Dockerfile", root.display());
    open(
        &mut server,
        &dockerfile,
        "dockerfile",
        "FROM alpine:3.20\nRUN [\"echo\"\n",
    );
    let published = server.diagnostics(&dockerfile);
    assert_eq!(published["version"], 1);

    let compose = format!("file://{}/compose.yaml", root.display());
    open(&mut server, &compose, "yaml", "services:\n  web: [\n");
    let published = server.diagnostics(&compose);
    assert_eq!(published["version"], 1);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "C001");
    assert_eq!(diagnostics[0]["source"], "berth");
    assert_eq!(diagnostics[0]["severity"], 1);

    server.send(json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown" }));
    let response = server.wait_for(|message| message["id"] == 2);
    assert_eq!(response["result"], Value::Null);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn exit_without_shutdown_is_status_1() {
    let mut server = Server::start();
    server.send(json!({
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": { "processId": null, "rootUri": null, "capabilities": {} }
    }));
    server.wait_for(|message| message["id"] == 1);
    server.send(json!({ "jsonrpc": "2.0", "method": "exit" }));
    assert_eq!(server.child.wait().unwrap().code(), Some(1));
}
