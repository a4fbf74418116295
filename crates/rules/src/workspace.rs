//! The files being checked, each read and parsed once, with an overlay of editor buffers that
//! take priority over the disk, the files they link to (the Dockerfile a Compose service
//! builds) loaded on demand, and the Compose projects of the Compose files, loaded once.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use berth_parser::compose::fs::normalize;
use berth_parser::{Message, SourceFile, msg};

use crate::compose_project::{
    ComposeProject, ProcessEnvironment, WorkspaceFileSystem, directories_above,
};
use crate::file_type::FileType;
use crate::parse::{Parsed, parse};
use crate::settings::Settings;
use crate::shell_views::ShellCache;

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
    /// Where the run happens and its environment, for Compose projects.
    environment: ProcessEnvironment,
    /// Absolute paths: of the checked files (to their index in `files`), and of the texts that
    /// take priority over the disk (the checked files' and the overlay's), made on first use.
    absolute: OnceLock<AbsolutePaths>,
    /// The Compose projects loaded so far, by the absolute path of their main file. Each is
    /// loaded once, even when several of its files are checked at the same time.
    projects: Mutex<HashMap<PathBuf, Arc<OnceLock<Arc<ComposeProject>>>>>,
}

#[derive(Default)]
struct AbsolutePaths {
    files: HashMap<PathBuf, usize>,
    overlay: HashMap<PathBuf, Arc<str>>,
    /// The folders above the paths of `overlay`.
    directories: HashSet<PathBuf>,
}

/// Linked files by path and the type they were read as.
type LinkedFiles = HashMap<(PathBuf, FileType), Option<Arc<WorkspaceFile>>>;

/// One file: its text, its kind, the settings of its folder, and its parse, made once.
pub struct WorkspaceFile {
    pub source: SourceFile,
    pub file_type: FileType,
    pub settings: Arc<Settings>,
    parsed: OnceLock<Parsed>,
    /// Shell views kept from earlier versions of the file (the language server keeps one per
    /// open document).
    shell_cache: Option<Arc<ShellCache>>,
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
            shell_cache: None,
        }
    }

    /// The file, with the views of its instructions taken from and kept in `cache`.
    pub fn with_shell_cache(self, cache: Arc<ShellCache>) -> Self {
        WorkspaceFile {
            shell_cache: Some(cache),
            ..self
        }
    }

    pub fn shell_cache(&self) -> Option<&ShellCache> {
        self.shell_cache.as_deref()
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
            environment: ProcessEnvironment::default(),
            absolute: OnceLock::new(),
            projects: Mutex::default(),
        }
    }

    /// Sets where the run happens and its environment variables, which Compose files are
    /// interpolated with. Without it, relative paths are taken as they are and no variable is
    /// set.
    pub fn set_environment(&mut self, environment: ProcessEnvironment) {
        self.environment = environment;
        self.absolute = OnceLock::new();
        self.projects = Mutex::default();
    }

    pub fn environment(&self) -> &ProcessEnvironment {
        &self.environment
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
        self.absolute = OnceLock::new();
        self.projects = Mutex::default();
    }

    /// The files to check, sorted by path.
    pub fn files(&self) -> &[Arc<WorkspaceFile>] {
        &self.files
    }

    /// The checked file at `path`, if any: named as the workspace names it, or by another
    /// path to the same file (absolute, or with `.` and `..`).
    pub fn file(&self, path: &Path) -> Option<&Arc<WorkspaceFile>> {
        match self.files.binary_search_by(|probe| probe.path().cmp(path)) {
            Ok(index) => Some(&self.files[index]),
            Err(_) => {
                let absolute = self.environment.absolute(path);
                let index = *self.absolute_paths().files.get(&absolute)?;
                Some(&self.files[index])
            }
        }
    }

    fn absolute_paths(&self) -> &AbsolutePaths {
        self.absolute.get_or_init(|| {
            let mut paths = self.absolute_paths_without_directories();
            paths.directories = directories_above(paths.overlay.keys());
            paths
        })
    }

    fn absolute_paths_without_directories(&self) -> AbsolutePaths {
        AbsolutePaths {
            files: self
                .files
                .iter()
                .enumerate()
                .map(|(index, file)| (self.environment.absolute(file.path()), index))
                .collect(),
            // The checked files' texts are what was checked, whether they came from the
            // overlay or the disk; the loader reads them, not the disk again.
            overlay: self
                .files
                .iter()
                .map(|file| {
                    let path = self.environment.absolute(file.path());
                    (path, Arc::clone(file.source.shared_text()))
                })
                .chain(
                    self.overlay
                        .iter()
                        .map(|(path, text)| (self.environment.absolute(path), Arc::clone(text))),
                )
                .collect(),
            directories: HashSet::new(),
        }
    }

    /// The Compose project `file` (a checked Compose file) belongs to, loaded on first use.
    pub fn compose_project(&self, file: &WorkspaceFile) -> Arc<ComposeProject> {
        let absolute = self.environment.absolute(file.path());
        let paths = self.absolute_paths();
        let fs = WorkspaceFileSystem {
            overlay: &paths.overlay,
            directories: &paths.directories,
        };
        let compose_files = crate::compose_project::project_files(&absolute, &fs);
        let key = compose_files.first().cloned().unwrap_or(absolute);
        let slot = {
            // A poisoned lock only means another rule panicked while loading; the map is still
            // consistent (entries are inserted whole), so keep using it.
            let mut projects = self
                .projects
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            Arc::clone(projects.entry(key.clone()).or_default())
        };
        let project = slot.get_or_init(|| {
            let checked = |path: &Path| self.file(path).map(|file| &file.source);
            Arc::new(ComposeProject::load(&key, &fs, &self.environment, checked))
        });
        Arc::clone(project)
    }

    /// The checked file that runs the rules of `project`: its first Compose file that is
    /// checked, so that a project whose files are all checked is checked once.
    pub fn project_owner(&self, project: &ComposeProject) -> Option<&Arc<WorkspaceFile>> {
        project
            .compose_files
            .iter()
            .filter_map(|path| self.file(path))
            .find(|file| file.file_type == FileType::Compose)
    }

    /// The checked Compose files whose project reads `path` (a Compose file it is made of or
    /// includes, a `.env` or env file, a Dockerfile or `.dockerignore` it builds with), so that
    /// the language server lints them again when that file changes.
    pub fn compose_files_linking_to(&self, path: &Path) -> Vec<PathBuf> {
        let path = self.environment.absolute(path);
        self.files
            .iter()
            .filter(|file| file.file_type == FileType::Compose)
            .filter(|file| {
                self.compose_project(file)
                    .inputs()
                    .binary_search(&path)
                    .is_ok()
            })
            .map(|file| file.path().to_path_buf())
            .collect()
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The paths of the files read so far because a checked file links to them, readable or
    /// not: what the findings depend on besides the checked files. The language server
    /// re-lints a document when one of them changes. For a Compose file, these are every
    /// input of its project ([`ComposeProject::inputs`]): the other Compose files, `.env` and
    /// env files, and the Dockerfiles and `.dockerignore` files of its builds.
    pub fn linked_paths(&self) -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = {
            let linked = self
                .linked
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            linked.keys().map(|(path, _)| path.clone()).collect()
        };
        let projects: Vec<Arc<ComposeProject>> = {
            let projects = self
                .projects
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            projects
                .values()
                .filter_map(|slot| slot.get().cloned())
                .collect()
        };
        let checked = &self.absolute_paths().files;
        for project in projects {
            paths.extend(
                project
                    .inputs()
                    .into_iter()
                    .filter(|path| !checked.contains_key(path)),
            );
        }
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
        let key = (normalize(path), file_type);
        // A poisoned lock only means another rule panicked while loading; the map is still
        // consistent (entries are inserted whole), so keep using it.
        let mut linked = self
            .linked
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        linked
            .entry(key)
            .or_insert_with(|| {
                let absolute = self.environment.absolute(path);
                let text = self.absolute_paths().overlay.get(&absolute);
                let source = match text {
                    Some(text) => Ok(SourceFile::new(path, Arc::clone(text))),
                    None => read_source(path, &self.overlay),
                };
                source.ok().map(|source| {
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
