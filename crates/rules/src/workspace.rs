//! The files being checked, each read and parsed once, with an overlay of editor buffers that
//! take priority over the disk, and the files they link to (the Dockerfile a Compose service
//! builds) loaded on demand.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use berth_parser::{Message, SourceFile, msg};

use crate::file_type::FileType;
use crate::parse::{Parsed, parse};
use crate::settings::Settings;

/// Texts that take priority over the disk, by path: the language server's open buffers, or
/// stdin under `--stdin-filename`. Paths are compared as given; the language server passes
/// absolute paths.
pub type Overlay = HashMap<PathBuf, Arc<str>>;

/// The files of one `berth check` run or one language-server lint.
#[derive(Default)]
pub struct Workspace {
    /// The files to check, sorted by path.
    files: Vec<Arc<WorkspaceFile>>,
    overlay: Overlay,
    /// Files read because a checked file links to them; `None` when reading failed.
    linked: Mutex<LinkedFiles>,
}

/// Linked files by path and the type they were read as.
type LinkedFiles = HashMap<(PathBuf, FileType), Option<Arc<WorkspaceFile>>>;

/// One file: its text, its kind, the settings of its folder, and its parse, made once.
pub struct WorkspaceFile {
    pub source: SourceFile,
    pub file_type: FileType,
    pub settings: Arc<Settings>,
    parsed: OnceLock<Parsed>,
}

/// A file that could not be read: reported by the command line (exit status 2) while the
/// other files are still checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub message: Message,
}

impl WorkspaceFile {
    pub fn new(source: SourceFile, file_type: FileType, settings: Arc<Settings>) -> Self {
        WorkspaceFile {
            source,
            file_type,
            settings,
            parsed: OnceLock::new(),
        }
    }

    pub fn path(&self) -> &Path {
        self.source.path()
    }

    /// The file's syntax tree, model and outline, parsed on first use.
    pub fn parsed(&self) -> &Parsed {
        self.parsed
            .get_or_init(|| parse(&self.source, self.file_type))
    }
}

impl Workspace {
    /// An empty workspace whose reads go through `overlay` first.
    pub fn new(overlay: Overlay) -> Workspace {
        Workspace {
            files: Vec::new(),
            overlay,
            linked: Mutex::default(),
        }
    }

    /// Adds a file to check. A file already present under the same path is replaced.
    pub fn add(&mut self, file: WorkspaceFile) {
        self.add_shared(Arc::new(file));
    }

    /// Adds a file to check that is shared with its owner, which keeps its parse: the language
    /// server lints a document and answers later requests from the same parse.
    pub fn add_shared(&mut self, file: Arc<WorkspaceFile>) {
        match self
            .files
            .binary_search_by(|probe| probe.path().cmp(file.path()))
        {
            Ok(index) => self.files[index] = file,
            Err(index) => self.files.insert(index, file),
        }
    }

    /// The files to check, sorted by path.
    pub fn files(&self) -> &[Arc<WorkspaceFile>] {
        &self.files
    }

    /// The checked file at `path`, if any.
    pub fn file(&self, path: &Path) -> Option<&Arc<WorkspaceFile>> {
        self.files
            .binary_search_by(|probe| probe.path().cmp(path))
            .ok()
            .map(|index| &self.files[index])
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The paths of the files read so far because a checked file links to them, readable or
    /// not: what the findings depend on besides the checked files. The language server
    /// re-lints a document when one of them changes.
    pub fn linked_paths(&self) -> Vec<PathBuf> {
        let linked = self
            .linked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut paths: Vec<PathBuf> = linked.keys().map(|(path, _)| path.clone()).collect();
        paths.sort();
        paths.dedup();
        paths
    }

    /// A file that a checked file refers to, read as `file_type`: a checked file when it is
    /// one, else read once from the overlay or the disk. `None` when it cannot be read: the
    /// rule that asked reports the missing file if that matters.
    pub fn linked(&self, path: &Path, file_type: FileType) -> Option<Arc<WorkspaceFile>> {
        if let Some(file) = self.file(path)
            && file.file_type == file_type
        {
            return Some(Arc::clone(file));
        }
        let key = (path.to_path_buf(), file_type);
        // A poisoned lock only means another rule panicked while loading; the map is still
        // consistent (entries are inserted whole), so keep using it.
        let mut linked = self
            .linked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        linked
            .entry(key)
            .or_insert_with(|| {
                read_source(path, &self.overlay).ok().map(|source| {
                    Arc::new(WorkspaceFile::new(
                        source,
                        file_type,
                        Arc::new(Settings::default()),
                    ))
                })
            })
            .clone()
    }
}

/// Reads `path` from the overlay, else from the disk. A file that is not UTF-8, too large or
/// unreadable is an error for that file.
pub fn read_source(path: &Path, overlay: &Overlay) -> Result<SourceFile, FileError> {
    if let Some(text) = overlay.get(path) {
        return Ok(SourceFile::new(path, Arc::clone(text)));
    }
    let error = |message: Message| FileError {
        path: path.to_path_buf(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|io| {
        let reason = io.to_string();
        error(msg!(
            "cannot read the file: {reason}",
            "impossible de lire le fichier : {reason}"
        ))
    })?;
    if u32::try_from(bytes.len()).is_err() {
        return Err(error(msg!(
            "the file is 4 GiB or larger; berth does not read it",
            "le fichier fait 4 Gio ou plus ; berth ne le lit pas"
        )));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(invalid) => {
            let offset = invalid.utf8_error().valid_up_to();
            Err(error(msg!(
                "the file is not UTF-8 text (invalid byte at offset {offset}); save it as UTF-8",
                "le fichier n'est pas du texte UTF-8 (octet invalide à la position {offset}) ; enregistrez-le en UTF-8"
            )))
        }
    }
}
