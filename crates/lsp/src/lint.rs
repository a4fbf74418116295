//! One lint of one document: the same engine and configuration as `berth check`, over a
//! workspace made of the document and the files it links to, with the open documents'
//! buffers overlaying the disk. A pure function of its request, run off the request path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use berth_rules::config::ConfigError;
use berth_rules::{Overlay, Workspace};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use crate::convert;
use crate::document::DocumentSnapshot;

/// What a lint reads: one version of a document and the buffers of every open document.
pub(crate) struct LintRequest {
    pub document: DocumentSnapshot,
    /// The text of each open file, by path: it takes priority over the disk.
    pub overlay: Overlay,
    /// The URI and version of each open file whose text is in the overlay, by path.
    pub open: HashMap<PathBuf, (Uri, i32)>,
}

/// What a lint found.
#[derive(Default)]
pub(crate) struct LintOutcome {
    /// Whether berth checks the document (it is of a kind berth knows).
    pub checked: bool,
    /// The errors of the document's configuration file, when it is broken.
    pub config_errors: Option<Arc<[ConfigError]>>,
    /// The diagnostics of each file findings are in. The document's own file is always there
    /// (with no diagnostics when it is clean), first.
    pub files: Vec<FileDiagnostics>,
    /// The files besides the document that the lint read (a Compose file's Dockerfile and
    /// `.env`): when one of them changes, the document is linted again.
    pub inputs: Vec<PathBuf>,
}

/// The diagnostics of one lint in one file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FileDiagnostics {
    pub path: PathBuf,
    pub uri: Uri,
    /// The version of the file's text the ranges are computed on; `None` when the text came
    /// from the disk.
    pub version: Option<i32>,
    pub diagnostics: Vec<lsp::Diagnostic>,
}

/// How the session lints: [`lint`], or a stand-in in tests.
pub(crate) type LintFn = fn(&LintRequest) -> LintOutcome;

/// Lints the request's document. A document berth does not check gets no diagnostics.
pub(crate) fn lint(request: &LintRequest) -> LintOutcome {
    let document = &request.document;
    let own = FileDiagnostics {
        path: document.path.clone(),
        uri: document.uri.clone(),
        version: Some(document.version),
        diagnostics: Vec::new(),
    };
    let config_errors = document.config_errors().cloned();
    let Some(file) = document.file() else {
        return LintOutcome {
            checked: false,
            config_errors,
            files: vec![own],
            inputs: Vec::new(),
        };
    };
    let lang = document.config.lang(&file.settings);

    let mut workspace = Workspace::new(request.overlay.clone());
    workspace.add_shared(Arc::clone(file));
    let findings = berth_rules::check(&workspace);

    let uri_of = |path: &Path| -> Option<Uri> {
        if path == document.path {
            Some(document.uri.clone())
        } else if let Some((uri, _)) = request.open.get(path) {
            Some(uri.clone())
        } else {
            Uri::from_file_path(path)
        }
    };
    let mut files = vec![own];
    let mut index_of: HashMap<&Path, usize> = HashMap::from([(document.path.as_path(), 0)]);
    for finding in &findings {
        let path = finding.file.path();
        let index = match index_of.get(path) {
            Some(&index) => index,
            None => {
                let Some(uri) = uri_of(path) else { continue };
                files.push(FileDiagnostics {
                    path: path.to_path_buf(),
                    uri,
                    version: request.open.get(path).map(|(_, version)| *version),
                    diagnostics: Vec::new(),
                });
                index_of.insert(path, files.len() - 1);
                files.len() - 1
            }
        };
        files[index]
            .diagnostics
            .push(convert::diagnostic(finding, lang, &uri_of));
    }
    LintOutcome {
        checked: true,
        config_errors,
        files,
        inputs: workspace.linked_paths(),
    }
}
