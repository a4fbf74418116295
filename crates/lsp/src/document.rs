//! The documents the client has open: their text at the latest version it sent, and an
//! immutable snapshot of that version for work done off the request path (linting now; hover,
//! completion and the other features later).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use berth_parser::{SourceFile, TextRange, Utf16Position};
use berth_rules::config::ConfigError;
use berth_rules::{FileType, ShellCache, WorkspaceFile};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::config::Config;

/// One open document.
pub(crate) struct Document {
    pub uri: Uri,
    /// Its file path; for a URI that is not a file (`untitled:`), a path made from the URI that
    /// no file on disk has, so that links and configuration never resolve against it.
    pub path: PathBuf,
    pub is_file: bool,
    /// The client's language id: only a hint of the kind, used when the path says nothing.
    pub language_id: String,
    pub version: i32,
    pub text: Arc<str>,
    /// The parse of this version, shared by every snapshot of it.
    model: Arc<OnceLock<Model>>,
    /// The shell views of the instructions of earlier versions: an edit parses again only
    /// the instructions it changed.
    shell_cache: Arc<ShellCache>,
    /// Linting state: whether a lint of this document is running, and whether another must run
    /// when it ends (the text, the configuration or a file it reads changed meanwhile).
    pub lint_running: bool,
    pub lint_again: bool,
    /// Which opening of the URI this is (set by the session).
    pub opened: u64,
}

impl Document {
    pub fn new(uri: Uri, language_id: String, version: i32, text: String) -> Document {
        let (path, is_file) = path_of(&uri);
        Document {
            uri,
            path,
            is_file,
            language_id,
            version,
            text: text.into(),
            model: Arc::default(),
            shell_cache: Arc::default(),
            lint_running: false,
            lint_again: false,
            opened: 0,
        }
    }

    /// Applies a `didChange`: each change replaces the whole text (the server asks for full
    /// sync) or, from a client that sends ranges anyway, the range it names.
    pub fn apply_changes(&mut self, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        for change in changes {
            self.text = match change.range {
                None => change.text.into(),
                Some(range) => {
                    let file = SourceFile::new(&self.path, Arc::clone(&self.text));
                    let offset = |position: tower_lsp_server::ls_types::Position| {
                        file.offset_of_utf16(Utf16Position {
                            line: position.line,
                            character: position.character,
                        })
                    };
                    let start = offset(range.start);
                    let end = offset(range.end).max(start);
                    let range = TextRange::new(start, end).to_usize();
                    let mut text = String::with_capacity(self.text.len() + change.text.len());
                    text.push_str(&self.text[..range.start]);
                    text.push_str(&change.text);
                    text.push_str(&self.text[range.end..]);
                    text.into()
                }
            };
        }
        self.version = version;
        self.forget_model();
    }

    /// Drops the parse (the text or the configuration changed): the next snapshot parses again.
    pub fn forget_model(&mut self) {
        let old = std::mem::take(&mut self.model);
        // Freeing a large file's tree, model and views is ~7% of its lint (3,000 lines):
        // done on a worker thread, not on the request path under the session's lock.
        rayon::spawn(move || drop(old));
    }

    pub fn snapshot(&self, config: &Arc<Config>) -> DocumentSnapshot {
        DocumentSnapshot {
            uri: self.uri.clone(),
            path: self.path.clone(),
            language_id: self.language_id.clone(),
            version: self.version,
            text: Arc::clone(&self.text),
            config: Arc::clone(config),
            model: Arc::clone(&self.model),
            shell_cache: Arc::clone(&self.shell_cache),
        }
    }
}

/// One version of a document, with the configuration it is read under. Cheap to clone and
/// safe to send to another thread; its parse is made once, by whoever asks first.
#[derive(Clone)]
pub(crate) struct DocumentSnapshot {
    pub uri: Uri,
    pub path: PathBuf,
    pub language_id: String,
    pub version: i32,
    pub text: Arc<str>,
    pub config: Arc<Config>,
    model: Arc<OnceLock<Model>>,
    shell_cache: Arc<ShellCache>,
}

/// A document read for checking.
struct Model {
    /// `None` for a document berth does not check.
    file: Option<Arc<WorkspaceFile>>,
    /// The errors of the document's configuration file, if it is broken.
    config_errors: Option<Arc<[ConfigError]>>,
}

impl DocumentSnapshot {
    /// The document as berth checks it: its source, its kind, the settings of its folder and
    /// (through [`WorkspaceFile::parsed`]) its syntax tree and model. `None` for a document
    /// berth does not check (a README, a plain YAML file).
    pub fn file(&self) -> Option<&Arc<WorkspaceFile>> {
        self.model().file.as_ref()
    }

    /// The errors of the configuration file that should apply to the document, when it could
    /// not be read: the document is then checked with the defaults and the client's settings.
    pub fn config_errors(&self) -> Option<&Arc<[ConfigError]>> {
        self.model().config_errors.as_ref()
    }

    fn model(&self) -> &Model {
        self.model.get_or_init(|| {
            let found = self.config.settings_for(&self.path);
            let file = file_type(&self.path, &self.language_id, &found.settings).map(|file_type| {
                let source = SourceFile::new(&self.path, Arc::clone(&self.text));
                let file = WorkspaceFile::new(source, file_type, found.settings)
                    .with_shell_cache(Arc::clone(&self.shell_cache));
                Arc::new(file)
            });
            Model {
                file,
                config_errors: found.errors,
            }
        })
    }
}

/// The kind of a document: berth.toml's `file-kinds` first, then the file name, then the
/// client's language id. The language id comes last because clients disagree on it: Neovim
/// reports Compose files as `yaml`.
pub(crate) fn file_type(
    path: &Path,
    language_id: &str,
    settings: &berth_rules::Settings,
) -> Option<FileType> {
    settings
        .file_type_of(path)
        .or_else(|| FileType::from_path(path))
        .or(match language_id {
            "dockerfile" | "containerfile" => Some(FileType::Dockerfile),
            "dockercompose" => Some(FileType::Compose),
            "dockerignore" => Some(FileType::Dockerignore),
            _ => None,
        })
}

/// The path of a document's URI, and whether it is a file.
fn path_of(uri: &Uri) -> (PathBuf, bool) {
    let is_file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    if is_file && let Some(path) = uri.to_file_path() {
        return (path.into_owned(), true);
    }
    // `untitled:Untitled-1` becomes `untitled/Untitled-1`: relative, so it can never name a
    // file berth would read, yet its file name still says what the client called it.
    let scheme = uri.scheme().as_str();
    let rest = uri.path().as_str().trim_start_matches('/');
    (Path::new(scheme).join(rest), false)
}

/// The open documents by URI, and the URI each open file path was opened under (clients
/// spell URIs in their own way: percent-encoding, drive letter case).
#[derive(Default)]
pub(crate) struct Documents {
    by_uri: HashMap<Uri, Document>,
    uri_by_path: HashMap<PathBuf, Uri>,
}

impl Documents {
    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.by_uri.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.by_uri.get_mut(uri)
    }

    pub fn open(&mut self, document: Document) {
        // Paths of documents that are not files are relative, so they never clash with a file.
        self.uri_by_path
            .insert(document.path.clone(), document.uri.clone());
        self.by_uri.insert(document.uri.clone(), document);
    }

    pub fn close(&mut self, uri: &Uri) -> Option<Document> {
        let document = self.by_uri.remove(uri)?;
        if self.uri_by_path.get(&document.path) == Some(uri) {
            self.uri_by_path.remove(&document.path);
        }
        Some(document)
    }

    /// The open document at a file path.
    pub fn at_path(&self, path: &Path) -> Option<&Document> {
        self.uri_by_path
            .get(path)
            .and_then(|uri| self.by_uri.get(uri))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.by_uri.values()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Document> {
        self.by_uri.values_mut()
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(start, end)| Range {
                start: Position::new(start.0, start.1),
                end: Position::new(end.0, end.1),
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn full_and_ranged_changes() {
        let uri = Uri::from_str("file:///project/Dockerfile").unwrap();
        let mut document = Document::new(uri, "dockerfile".into(), 1, "FROM a\n".into());
        assert_eq!(document.path, Path::new("/project/Dockerfile"));
        document.apply_changes(2, vec![change(None, "FROM é\nRUN x\n")]);
        assert_eq!(&*document.text, "FROM é\nRUN x\n");
        // Columns are UTF-16 units: `é` is one.
        document.apply_changes(
            3,
            vec![
                change(Some(((0, 5), (0, 6))), "b"),
                change(Some(((1, 4), (1, 5))), "y"),
            ],
        );
        assert_eq!(&*document.text, "FROM b\nRUN y\n");
        assert_eq!(document.version, 3);
    }

    #[test]
    fn non_file_uris_get_a_relative_path() {
        let uri = Uri::from_str("untitled:Untitled-1").unwrap();
        let document = Document::new(uri, "dockerfile".into(), 1, String::new());
        assert!(!document.is_file);
        assert_eq!(document.path, Path::new("untitled/Untitled-1"));
    }

    #[test]
    fn kind_from_path_then_language_id() {
        let settings = berth_rules::Settings::default();
        let kind =
            |path: &str, language_id: &str| file_type(Path::new(path), language_id, &settings);
        assert_eq!(kind("/p/compose.yaml", "yaml"), Some(FileType::Compose));
        assert_eq!(
            kind("/p/Dockerfile", "plaintext"),
            Some(FileType::Dockerfile)
        );
        assert_eq!(
            kind("/p/build.docker", "dockerfile"),
            Some(FileType::Dockerfile)
        );
        assert_eq!(
            kind("/p/stack.yml", "dockercompose"),
            Some(FileType::Compose)
        );
        assert_eq!(kind("/p/values.yaml", "yaml"), None);
        assert_eq!(kind("/p/README.md", "markdown"), None);
    }
}
