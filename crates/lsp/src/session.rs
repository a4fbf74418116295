//! The server's state: open documents, configuration, the latest lint results, and how lints
//! are scheduled and their diagnostics published.
//!
//! tower-lsp-server may interleave handlers at any `.await`, so every handler that changes a
//! document does all its work synchronously, under the state lock, before returning: the
//! state changes in the order the client sent the messages. Lints run on the blocking pool
//! from an immutable [`LintRequest`]; a result is kept only if the document is still at the
//! version that was linted. Everything sent to the client goes through one queue, filled
//! under the lock, so notifications leave in the order the state changed.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use berth_parser::{Lang, Message};
use berth_rules::FileType;
use tokio::sync::mpsc;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::notification::LogTrace;
use tower_lsp_server::ls_types::{self as lsp, LogTraceParams, MessageType, Uri};

use berth_rules::config::ConfigError;

use crate::config::Config;
use crate::convert;
use crate::document::{Document, DocumentSnapshot, Documents};
use crate::lint::{FileDiagnostics, LintFn, LintOutcome, LintRequest};
use crate::options::ClientOptions;

/// The names of configuration files: saving or changing one re-reads the configuration.
pub(crate) const CONFIG_NAMES: [&str; 4] = [
    "berth.toml",
    ".berth.toml",
    ".hadolint.yaml",
    ".hadolint.yml",
];

pub(crate) struct Session {
    state: Mutex<State>,
    outgoing: mpsc::UnboundedSender<Outgoing>,
    lint: LintFn,
}

/// Everything the handlers read and change, behind the session's lock.
pub(crate) struct State {
    pub documents: Documents,
    pub config: Arc<Config>,
    pub client_options: ClientOptions,
    /// The locale of the client's user interface, from `initialize`.
    pub locale: Option<String>,
    /// Whether the client lets the server register file watchers.
    pub watch_files: bool,
    /// Problems found before the client could be told (bad `initializationOptions`).
    pub pending_messages: Vec<Message>,
    /// Whether each lint is reported in the client's trace (`$/logTrace`).
    pub trace: bool,
    /// Whether `shutdown` came before `exit`.
    pub shutdown_requested: bool,
    /// How many documents were ever opened: each open gets its own number, so that the lint
    /// loop of a closed document stops even if the same URI is opened again meanwhile.
    opened: u64,
    /// The latest accepted lint of each open document, by URI.
    results: HashMap<Uri, LintResult>,
    /// The errors of each broken configuration file, by path, as diagnostics on that file.
    config_problems: HashMap<PathBuf, Vec<lsp::Diagnostic>>,
    /// What was last published for each file, by path.
    published: HashMap<PathBuf, Vec<lsp::Diagnostic>>,
}

/// One accepted lint.
struct LintResult {
    /// The files the lint read besides the document.
    inputs: Vec<PathBuf>,
    /// Its diagnostics by file; the document's own comes first.
    files: Vec<FileDiagnostics>,
}

/// A message for the client, in the order the state changed.
enum Outgoing {
    Diagnostics {
        uri: Uri,
        version: Option<i32>,
        diagnostics: Vec<lsp::Diagnostic>,
    },
    Log(MessageType, String),
    Show(MessageType, String),
    Trace(String),
}

impl Session {
    /// A session whose messages `client` sends, in order, from a task spawned on the current
    /// tokio runtime.
    pub fn new(client: Client, lint: LintFn) -> Arc<Session> {
        let (outgoing, mut queue) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(message) = queue.recv().await {
                match message {
                    Outgoing::Diagnostics {
                        uri,
                        version,
                        diagnostics,
                    } => client.publish_diagnostics(uri, diagnostics, version).await,
                    Outgoing::Log(kind, text) => client.log_message(kind, text).await,
                    Outgoing::Show(kind, text) => client.show_message(kind, text).await,
                    Outgoing::Trace(message) => {
                        client
                            .send_notification::<LogTrace>(LogTraceParams {
                                message,
                                verbose: None,
                            })
                            .await
                    }
                }
            }
        });
        Arc::new(Session {
            state: Mutex::new(State::new()),
            outgoing,
            lint,
        })
    }

    pub fn lock(&self) -> MutexGuard<'_, State> {
        // The state is changed under the lock by short synchronous code that does not panic
        // halfway through an update; lints, which might, run outside it.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The latest version of an open document, for features that read it (hover, completion,
    /// code actions): parse it with [`DocumentSnapshot::file`] outside the lock.
    #[allow(dead_code, reason = "the entry point of the next features")]
    pub fn snapshot(&self, uri: &Uri) -> Option<DocumentSnapshot> {
        let state = self.lock();
        let config = &state.config;
        state
            .documents
            .get(uri)
            .map(|document| document.snapshot(config))
    }

    /// Writes a line in the client's log (`window/logMessage`).
    pub fn log(&self, kind: MessageType, text: String) {
        let _ = self.outgoing.send(Outgoing::Log(kind, text));
    }

    /// Shows a message to the user (`window/showMessage`).
    pub fn show(&self, kind: MessageType, text: String) {
        let _ = self.outgoing.send(Outgoing::Show(kind, text));
    }

    /// Starts a lint of the document unless one is running, in which case that one runs
    /// again when it ends: typing bursts cost one lint at a time per document, the latest.
    pub fn schedule(self: &Arc<Self>, state: &mut State, uri: &Uri) {
        let Some(document) = state.documents.get_mut(uri) else {
            return;
        };
        if document.lint_running {
            document.lint_again = true;
            return;
        }
        document.lint_running = true;
        let opened = document.opened;
        let session = Arc::clone(self);
        let uri = uri.clone();
        tokio::spawn(async move { session.lint_loop(uri, opened).await });
    }

    /// Lints every document that reads `path`, the document at `path` excepted.
    pub fn schedule_dependents(self: &Arc<Self>, state: &mut State, path: &Path) {
        for uri in state.dependents(path) {
            self.schedule(state, &uri);
        }
    }

    /// Lints every open document: the configuration changed.
    pub fn schedule_all(self: &Arc<Self>, state: &mut State) {
        let uris: Vec<Uri> = state.documents.iter().map(|doc| doc.uri.clone()).collect();
        for uri in uris {
            self.schedule(state, &uri);
        }
    }

    /// Reads the configuration anew (berth.toml or the client's settings changed) and lints
    /// every open document with it.
    pub fn reload_config(self: &Arc<Self>, state: &mut State) {
        state.config = Arc::new(Config::new(
            state.client_options.clone(),
            state.locale.as_deref(),
        ));
        // Broken configuration files are reported again by the lints that read them.
        let problems: Vec<PathBuf> = state
            .config_problems
            .drain()
            .map(|(path, _)| path)
            .collect();
        for path in problems {
            self.publish(state, &path, false);
        }
        for document in state.documents.iter_mut() {
            document.forget_model();
        }
        self.schedule_all(state);
    }

    /// Opens a document and lints it, with the documents that read its file.
    pub fn open(self: &Arc<Self>, state: &mut State, mut document: Document) {
        state.opened += 1;
        document.opened = state.opened;
        let uri = document.uri.clone();
        let path = document.path.clone();
        state.documents.open(document);
        self.schedule(state, &uri);
        self.schedule_dependents(state, &path);
    }

    /// Closes a document: its diagnostics are cleared, and the documents that read its buffer
    /// read the disk again.
    pub fn close(self: &Arc<Self>, state: &mut State, uri: &Uri) {
        let Some(document) = state.documents.close(uri) else {
            return;
        };
        if let Some(result) = state.results.remove(uri) {
            for file in result.files {
                if file.path != document.path {
                    self.publish(state, &file.path, false);
                }
            }
        }
        state.published.remove(&document.path);
        let _ = self.outgoing.send(Outgoing::Diagnostics {
            uri: uri.clone(),
            version: None,
            diagnostics: Vec::new(),
        });
        self.schedule_dependents(state, &document.path);
    }

    async fn lint_loop(self: Arc<Self>, uri: Uri, opened: u64) {
        loop {
            let Some(request) = self.lock().lint_request(&uri, opened) else {
                return;
            };
            let version = request.document.version;
            let lint = self.lint;
            let started = Instant::now();
            let outcome = tokio::task::spawn_blocking(move || {
                catch_unwind(AssertUnwindSafe(|| lint(&request))).map_err(panic_message)
            })
            .await
            .unwrap_or_else(|error| Err(error.to_string()));
            let elapsed = started.elapsed();

            let mut state = self.lock();
            match outcome {
                Ok(outcome) => {
                    let found: usize = outcome
                        .files
                        .iter()
                        .map(|file| file.diagnostics.len())
                        .sum();
                    let published = self.accept(&mut state, &uri, version, outcome);
                    if state.trace {
                        let what = if published {
                            "published"
                        } else {
                            "superseded, dropped"
                        };
                        let _ = self.outgoing.send(Outgoing::Trace(format!(
                            "lint {} version {version}: {found} diagnostics in {:.3} ms ({what})",
                            uri.as_str(),
                            elapsed.as_secs_f64() * 1000.0,
                        )));
                    }
                }
                Err(reason) => {
                    // The engine isolates each rule; this catches what is left (parsing,
                    // suppressions, conversion). The previous diagnostics stay.
                    let text = format!(
                        "berth crashed while checking {} (version {version}): {reason}. \
                         Please report this bug with the file.",
                        uri.as_str()
                    );
                    eprintln!("berth lsp: {text}");
                    self.log(MessageType::ERROR, text);
                }
            }
            let Some(document) = state.documents.get_mut(&uri) else {
                return;
            };
            if document.opened != opened {
                return;
            }
            if !document.lint_again {
                document.lint_running = false;
                return;
            }
        }
    }

    /// Keeps a lint's outcome if the document is still at the version linted, and publishes
    /// the diagnostics of every file it touches.
    fn accept(&self, state: &mut State, uri: &Uri, version: i32, outcome: LintOutcome) -> bool {
        let Some(document) = state.documents.get(uri) else {
            return false;
        };
        if document.version != version {
            return false;
        }
        let own = document.path.clone();
        let checked = outcome.checked;
        if let Some(errors) = &outcome.config_errors {
            self.report_config_errors(state, errors);
        }
        let mut paths: Vec<PathBuf> = outcome.files.iter().map(|file| file.path.clone()).collect();
        let result = LintResult {
            inputs: outcome.inputs,
            files: outcome.files,
        };
        if let Some(previous) = state.results.insert(uri.clone(), result) {
            paths.extend(previous.files.into_iter().map(|file| file.path));
        }
        let mut seen = HashSet::new();
        for path in paths {
            if seen.insert(path.clone()) {
                // A document berth does not check gets no diagnostics, not even an empty list.
                self.publish(state, &path, checked && path == own);
            }
        }
        true
    }

    /// Publishes the diagnostics of the file at `path`: those of its own lint and those other
    /// lints found in it, each kept only if it was computed on the file's current text. A
    /// document's own diagnostics are published after each of its lints (`always`), other
    /// files' only when they changed.
    fn publish(&self, state: &mut State, path: &Path, always: bool) {
        let open = state.documents.at_path(path);
        let version = open.map(|document| document.version);
        let is_open = open.is_some();
        let Some(uri) = open
            .map(|document| document.uri.clone())
            .or_else(|| Uri::from_file_path(path))
        else {
            return;
        };
        let mut origins: Vec<&Uri> = state.results.keys().collect();
        // The file's own lint first, then the others in a fixed order.
        origins.sort_by_key(|origin| (**origin != uri, origin.as_str()));
        let diagnostics: Vec<lsp::Diagnostic> = origins
            .into_iter()
            .flat_map(|origin| &state.results[origin].files)
            .filter(|file| file.path == path && file.version == version)
            .flat_map(|file| file.diagnostics.iter().cloned())
            .chain(
                state
                    .config_problems
                    .get(path)
                    .into_iter()
                    .flatten()
                    .cloned(),
            )
            .collect();
        // A file never published counts as published empty.
        let unchanged = match state.published.get(path) {
            Some(published) => *published == diagnostics,
            None => diagnostics.is_empty(),
        };
        if unchanged && !always {
            return;
        }
        if diagnostics.is_empty() && !is_open {
            state.published.remove(path);
        } else {
            state
                .published
                .insert(path.to_path_buf(), diagnostics.clone());
        }
        let _ = self.outgoing.send(Outgoing::Diagnostics {
            uri,
            version,
            diagnostics,
        });
    }
}

impl Session {
    /// Shows the errors of a broken configuration file once per configuration: as
    /// diagnostics on the file, and in a message saying what berth does meanwhile.
    fn report_config_errors(&self, state: &mut State, errors: &[ConfigError]) {
        let lang = state.config.default_lang();
        // Errors without a file (a client selector berth.toml made invalid) go under the
        // empty path, which no file has.
        let mut by_file: HashMap<PathBuf, Vec<&ConfigError>> = HashMap::new();
        for error in errors {
            let path = error.file.as_ref().map(|file| file.path().to_path_buf());
            by_file
                .entry(path.unwrap_or_default())
                .or_default()
                .push(error);
        }
        for (path, errors) in by_file {
            if state.config_problems.contains_key(&path) {
                continue;
            }
            let diagnostics: Vec<lsp::Diagnostic> = errors
                .iter()
                .filter_map(|error| {
                    let file = error.file.as_ref()?;
                    Some(convert::config_error(error, file, lang))
                })
                .collect();
            let first = errors[0].render(lang);
            let text = match lang {
                Lang::En => format!(
                    "{first}\nUntil the configuration is fixed, the files it covers are checked with the default settings."
                ),
                Lang::Fr => format!(
                    "{first}\nTant que la configuration n'est pas corrigée, les fichiers qu'elle couvre sont vérifiés avec les réglages par défaut."
                ),
            };
            self.show(MessageType::ERROR, text);
            state.config_problems.insert(path.clone(), diagnostics);
            self.publish(state, &path, false);
        }
    }
}

impl State {
    fn new() -> State {
        State {
            documents: Documents::default(),
            config: Arc::new(Config::new(ClientOptions::default(), None)),
            config_problems: HashMap::new(),
            client_options: ClientOptions::default(),
            locale: None,
            watch_files: false,
            pending_messages: Vec::new(),
            trace: false,
            shutdown_requested: false,
            opened: 0,
            results: HashMap::new(),
            published: HashMap::new(),
        }
    }

    /// What a lint of the document reads now, and marks that no further lint is needed
    /// unless something changes again. `None` when the document was closed.
    fn lint_request(&mut self, uri: &Uri, opened: u64) -> Option<LintRequest> {
        let config = Arc::clone(&self.config);
        let mut overlay = HashMap::new();
        let mut open = HashMap::new();
        for document in self.documents.iter() {
            overlay.insert(document.path.clone(), Arc::clone(&document.text));
            open.insert(
                document.path.clone(),
                (document.uri.clone(), document.version),
            );
        }
        let document = self.documents.get_mut(uri)?;
        if document.opened != opened {
            return None;
        }
        document.lint_again = false;
        Some(LintRequest {
            document: document.snapshot(&config),
            overlay,
            open,
        })
    }

    /// The open documents whose diagnostics may depend on the file at `path`, other than its
    /// own: those whose last lint read it, and the Compose files whose folder holds it (a
    /// Compose file builds the Dockerfiles and reads the `.env` files below it, even when no
    /// rule has read them yet).
    fn dependents(&self, path: &Path) -> Vec<Uri> {
        let read_by_compose = FileType::from_path(path).is_some() || is_env_file(path);
        self.documents
            .iter()
            .filter(|document| document.path != path)
            .filter(|document| {
                let read = self
                    .results
                    .get(&document.uri)
                    .is_some_and(|result| result.inputs.iter().any(|input| input == path));
                let builds = read_by_compose
                    && FileType::from_path(&document.path) == Some(FileType::Compose)
                    && document
                        .path
                        .parent()
                        .is_some_and(|folder| path.starts_with(folder));
                read || builds
            })
            .map(|document| document.uri.clone())
            .collect()
    }
}

/// `.env`, `app.env`, `.env.local`: the files Compose reads variables from.
fn is_env_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name == ".env" || name.starts_with(".env.") || name.ends_with(".env"))
}

/// Whether `path` is a configuration file berth reads.
pub(crate) fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| CONFIG_NAMES.contains(&name))
}

fn panic_message(panic: Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| text.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn state(paths: &[&str]) -> State {
        let mut state = State::new();
        for path in paths {
            let uri = Uri::from_str(&format!("file://{path}")).unwrap();
            state
                .documents
                .open(Document::new(uri, String::new(), 1, String::new()));
        }
        state
    }

    fn dependents(state: &State, path: &str) -> Vec<String> {
        let mut uris: Vec<String> = state
            .dependents(Path::new(path))
            .iter()
            .map(|uri| uri.path().to_string())
            .collect();
        uris.sort();
        uris
    }

    #[test]
    fn compose_files_depend_on_the_docker_files_below_them() {
        let state = state(&[
            "/p/compose.yaml",
            "/p/app/compose.override.yaml",
            "/p/app/Dockerfile",
        ]);
        assert_eq!(
            dependents(&state, "/p/app/Dockerfile"),
            ["/p/app/compose.override.yaml", "/p/compose.yaml"]
        );
        assert_eq!(dependents(&state, "/p/.env"), ["/p/compose.yaml"]);
        assert_eq!(
            dependents(&state, "/elsewhere/Dockerfile"),
            Vec::<String>::new()
        );
        assert_eq!(dependents(&state, "/p/README.md"), Vec::<String>::new());
    }

    #[test]
    fn documents_depend_on_what_their_last_lint_read() {
        let mut state = state(&["/p/Dockerfile", "/q/compose.yaml"]);
        let dockerfile = Uri::from_str("file:///p/Dockerfile").unwrap();
        state.results.insert(
            dockerfile,
            LintResult {
                inputs: vec![PathBuf::from("/q/compose.yaml")],
                files: Vec::new(),
            },
        );
        assert_eq!(dependents(&state, "/q/compose.yaml"), ["/p/Dockerfile"]);
    }
}
