//! Loading a Compose project as compose-go does: find the files and the environment, then per
//! file parse, resolve aliases and merge keys, interpolate, import `include`s, apply
//! `extends`, and merge the files in order; then enforce unicity, validate the merged tree
//! against the schema, build the typed model, apply profiles and check references.
//!
//! Nothing here stops at the first problem: each step reports what it finds and goes on with
//! what it could read, so that a project with a syntax error in one file still has a model.

mod discovery;
mod env_file;
mod extends;
mod include;
mod interpolate;
mod merge;
mod tree;
mod unicity;

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use crate::message::Message;
use crate::msg;
use crate::text::{FileId, SourceFile, TextRange};
use crate::yaml::{self, Node};

use super::fs::{FileSystem, normalize};
use super::interpolated::Interpolated;
use super::options::{EnvSource, EnvVar, Environment, ProjectOptions};
use super::problem::{Problem, ProblemKind, Severity};
use super::project::{Parts, Project, assemble};

pub use discovery::{DEFAULT_FILE_NAMES, DEFAULT_OVERRIDE_FILE_NAMES};
pub(crate) use tree::{get_mut, mapping_mut, part_range};

use merge::{Merger, Place};

/// Loads the project `options` describe, reading files through `fs`.
///
/// Never fails: what cannot be read is reported in [`Project::problems`] and the model holds
/// what could be.
pub fn load_project(options: &ProjectOptions, fs: &dyn FileSystem) -> Project {
    let mut loader = Loader::new(fs, &options.environment);
    let setup = loader.setup(options);
    let mut main = Vec::new();
    for path in &setup.files {
        match loader.read(path, &setup.project_dir) {
            Ok(file) => main.push(file),
            Err(error) => loader.problems.push(Problem::global(
                ProblemKind::File,
                Severity::Error,
                read_error_message(path, &error),
            )),
        }
    }
    let mut environment = setup.environment;
    let name = loader.project_name(options, &main, &setup.project_dir, &environment);
    if let Some(name) = &name {
        environment.set(
            "COMPOSE_PROJECT_NAME",
            EnvVar {
                value: name.clone(),
                source: EnvSource::Compose,
            },
        );
    }
    let context = Context {
        project_dir: setup.project_dir.clone(),
        environment,
        include_chain: Vec::new(),
    };
    let root = loader.load_files(&main, &context);
    if root.is_none() && !main.is_empty() {
        let file = main[0];
        loader.problems.push(Problem::error(
            ProblemKind::Structure,
            file,
            TextRange::default(),
            msg!(
                "empty compose file: there is nothing to run",
                "fichier Compose vide : il n'y a rien à lancer",
            ),
        ));
    }
    let root = root.map(|mut root| {
        unicity::enforce(&mut root, &mut loader.problems);
        root
    });
    let parts = Parts {
        name: name.unwrap_or_default(),
        compose_files: main,
        project_dir: setup.project_dir,
        environment: context.environment,
        profiles: setup.profiles,
        root,
    };
    let mut project = assemble(&mut loader, parts);
    let Loader {
        files,
        bases,
        problems,
        interpolations,
        ..
    } = loader;
    project.finish(files, bases, interpolations, problems);
    project
}

/// A null node at `range`, for values the loader adds (the implicit `default` network).
pub(crate) fn null_node(file: FileId, range: TextRange) -> Node {
    tree::null(file, range, &[])
}

/// The environment, directory and names a set of Compose files is loaded with: the main
/// project's, or an `include`d project's own.
#[derive(Clone, Debug)]
pub(crate) struct Context {
    /// Where relative paths point.
    pub project_dir: PathBuf,
    pub environment: Environment,
    /// The files whose `include` led here, outermost first, with the entry that included the
    /// next one: an include of one of them is a cycle.
    pub include_chain: Vec<IncludeLink>,
}

#[derive(Clone, Debug)]
pub(crate) struct IncludeLink {
    pub path: PathBuf,
    pub file: FileId,
    pub range: TextRange,
}

/// The state of one load: the files read so far and what was found wrong.
pub(crate) struct Loader<'fs> {
    fs: &'fs dyn FileSystem,
    /// Every file read, by [`FileId`].
    pub files: Vec<SourceFile>,
    /// For each file, the directory its relative paths are taken from: the project directory
    /// for the main files, an included project's directory, or an extended file's own
    /// directory.
    pub bases: Vec<PathBuf>,
    by_path: HashMap<(PathBuf, PathBuf), FileId>,
    /// The resolved documents of each Compose file already parsed.
    parsed: HashMap<FileId, Vec<Node>>,
    pub problems: Vec<Problem>,
    pub interpolations: Vec<Interpolated>,
    /// `HOME` from the process environment, for `~` in paths.
    pub home: Option<String>,
    /// Services whose `extends` could not be applied (already reported), so that what they
    /// lack because of it is not reported again.
    pub failed_extends: std::collections::BTreeSet<String>,
}

impl<'fs> Loader<'fs> {
    fn new(fs: &'fs dyn FileSystem, process: &std::collections::BTreeMap<String, String>) -> Self {
        Loader {
            fs,
            files: Vec::new(),
            bases: Vec::new(),
            by_path: HashMap::new(),
            parsed: HashMap::new(),
            problems: Vec::new(),
            interpolations: Vec::new(),
            home: process.get("HOME").cloned(),
            failed_extends: std::collections::BTreeSet::new(),
        }
    }

    /// Reads the file at `path` once per base directory: the same file loaded in two places
    /// (the main project and an extended file's directory) resolves its relative paths
    /// differently, so it gets two ids.
    pub(crate) fn read(&mut self, path: &Path, base: &Path) -> io::Result<FileId> {
        let path = normalize(path);
        let base = normalize(base);
        let key = (path, base);
        if let Some(&file) = self.by_path.get(&key) {
            return Ok(file);
        }
        let (path, base) = key;
        if self.fs.is_dir(&path) {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            ));
        }
        let text = self.fs.read_to_string(&path)?;
        if u32::try_from(text.len()).is_err() {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "file too large"));
        }
        let file = FileId(self.files.len() as u32);
        // Reusing the text of another id of the same file keeps one copy in memory.
        let source = match self.by_path.iter().find(|((other, _), _)| *other == path) {
            Some((_, &other)) => self.files[other.0 as usize].clone(),
            None => SourceFile::new(path.clone(), text),
        };
        self.files.push(source);
        self.bases.push(base.clone());
        self.by_path.insert((path, base), file);
        Ok(file)
    }

    pub(crate) fn exists(&self, path: &Path) -> bool {
        self.fs.exists(path)
    }

    pub(crate) fn is_dir(&self, path: &Path) -> bool {
        self.fs.is_dir(path)
    }

    pub(crate) fn path(&self, file: FileId) -> &Path {
        self.files[file.0 as usize].path()
    }

    pub(crate) fn base(&self, file: FileId) -> &Path {
        &self.bases[file.0 as usize]
    }

    /// The documents of a Compose file with aliases and merge keys resolved, to read: parsed
    /// on the first call and kept for [`Loader::take_documents`].
    pub(crate) fn peek_documents(&mut self, file: FileId) -> &[Node] {
        if !self.parsed.contains_key(&file) {
            let roots = self.parse(file);
            self.parsed.insert(file, roots);
        }
        self.parsed.get(&file).map_or(&[], Vec::as_slice)
    }

    /// The documents of a Compose file with aliases and merge keys resolved, to process:
    /// those [`Loader::peek_documents`] kept, or parsed again (the same problems, which are
    /// de-duplicated at the end) when the file is loaded a second time.
    pub(crate) fn take_documents(&mut self, file: FileId) -> Vec<Node> {
        match self.parsed.remove(&file) {
            Some(roots) => roots,
            None => self.parse(file),
        }
    }

    fn parse(&mut self, file: FileId) -> Vec<Node> {
        let source = self.files[file.0 as usize].clone();
        let document = yaml::parse(source.text(), file);
        for error in &document.errors {
            let mut problem =
                Problem::error(ProblemKind::Yaml, file, error.range, error.message.clone());
            if let Some(related) = &error.related {
                problem = problem.with_label(file, related.range, related.message.clone());
            }
            self.problems.push(problem);
        }
        let (roots, errors) = yaml::resolve_document(&document);
        for error in errors {
            let mut problem = Problem::error(ProblemKind::Yaml, file, error.range, error.message);
            if let Some(related) = error.related {
                problem = problem.with_label(file, related.range, related.message);
            }
            self.problems.push(problem);
        }
        roots
    }

    /// Loads Compose files as one project in `context`: each document of each file processed,
    /// then merged over the ones before. `None` when no document holds a mapping.
    pub(crate) fn load_files(&mut self, files: &[FileId], context: &Context) -> Option<Node> {
        let mut merged: Option<Node> = None;
        for &file in files {
            for root in self.take_documents(file) {
                let Some(root) = self.process_document(file, root, context) else {
                    continue;
                };
                merged = Some(match merged {
                    None => {
                        let mut root = root;
                        tree::strip_resets(&mut root);
                        root
                    }
                    Some(base) => {
                        let mut merger = Merger {
                            problems: &mut self.problems,
                            from_override_file: true,
                        };
                        // A document has no key; its start stands for it.
                        let key = tree::null(file, TextRange::empty(root.range.start), &[]);
                        merger.merge_mappings(base, root, Place::Root, &key)
                    }
                });
            }
        }
        merged
    }

    /// One document of a Compose file, ready to merge: interpolated, with its includes
    /// imported and its `extends` applied.
    fn process_document(
        &mut self,
        file: FileId,
        mut root: Node,
        context: &Context,
    ) -> Option<Node> {
        if root.is_null() {
            return None;
        }
        if root.as_mapping().is_none() {
            self.problems.push(Problem::error(
                ProblemKind::Structure,
                file,
                root.range,
                msg!(
                    "top-level object must be a mapping: a Compose file holds `services:` and \
                     the other top-level keys",
                    "l'objet de premier niveau doit être un mapping : un fichier Compose \
                     contient `services:` et les autres clés de premier niveau",
                ),
            ));
            return None;
        }
        if let Some(version) = tree::take_entry(&mut root, "version") {
            self.problems.push(Problem::warning(
                ProblemKind::Deprecated,
                file,
                version.key.range.cover(version.value.range),
                msg!(
                    "the attribute `version` is obsolete, it will be ignored: remove it to avoid \
                     potential confusion",
                    "l'attribut `version` est obsolète et sera ignoré : supprimez-le pour éviter \
                     toute confusion",
                ),
            ));
        }
        interpolate::interpolate(self, &mut root, &context.environment);
        include::apply(self, &mut root, file, context);
        extends::apply(self, &mut root, file, context);
        Some(root)
    }

    /// The project name, by Compose's precedence: `-p`, then `COMPOSE_PROJECT_NAME`, then the
    /// last `name:` of the files (interpolated), then the project directory's name; each
    /// normalized as Compose does, except that an explicit name must already be valid.
    fn project_name(
        &mut self,
        options: &ProjectOptions,
        main: &[FileId],
        project_dir: &Path,
        environment: &Environment,
    ) -> Option<String> {
        let explicit = options
            .project_name
            .clone()
            .filter(|name| !name.is_empty())
            .or_else(|| {
                environment
                    .get("COMPOSE_PROJECT_NAME")
                    .filter(|name| !name.is_empty())
                    .map(str::to_owned)
            });
        if let Some(name) = explicit {
            if normalize_project_name(&name) != name {
                self.problems.push(Problem::global(
                    ProblemKind::ProjectName,
                    Severity::Error,
                    invalid_name_message(&name),
                ));
            }
            return Some(name);
        }
        let mut written: Option<Node> = None;
        for &file in main {
            for root in self.peek_documents(file) {
                if let Some(name) = root.get("name").filter(|name| !name.is_empty_string()) {
                    written = Some(name.clone());
                }
            }
        }
        if let Some(mut node) = written {
            interpolate::interpolate(self, &mut node, environment);
            let name = normalize_project_name(node.as_str().unwrap_or_default());
            if name.is_empty() {
                self.problems.push(Problem::error(
                    ProblemKind::ProjectName,
                    node.file,
                    node.range,
                    msg!(
                        "project name must not be empty: it needs lower-case letters, digits, \
                         `-` or `_`",
                        "le nom du projet ne doit pas être vide : il lui faut des lettres \
                         minuscules, des chiffres, `-` ou `_`",
                    ),
                ));
                return None;
            }
            return Some(name);
        }
        let directory = project_dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(normalize_project_name(&directory)).filter(|name| !name.is_empty())
    }

    /// `~` at the start of a path is the home directory, as Compose expands it.
    pub(crate) fn expand_user(&self, path: &str) -> PathBuf {
        match (path.strip_prefix('~'), &self.home) {
            (Some(rest), Some(home)) => {
                PathBuf::from(home).join(rest.trim_start_matches(['/', '\\']))
            }
            _ => PathBuf::from(path),
        }
    }
}

/// Validates `node`, the value at `path` of a Compose file, against the schema.
pub(crate) fn validate_at(loader: &mut Loader, node: &Node, path: &[crate::schema::Segment<'_>]) {
    let Some(shape) = crate::schema::shape_at(super::schema::compose_file(), path) else {
        return;
    };
    let mut errors = Vec::new();
    crate::schema::validate(node, shape, &mut errors);
    let prefix = crate::schema::render(path);
    for mut error in errors {
        error.path = if error.path.is_empty() {
            prefix.clone()
        } else if error.path.starts_with('[') {
            format!("{prefix}{}", error.path)
        } else {
            format!("{prefix}.{}", error.path)
        };
        loader.problems.push(Problem::from_schema(error));
    }
}

/// Whether an `include` path or `extends.file` names a remote resource (a Git repository or
/// an OCI artifact), which Compose fetches and berth, which fetches nothing, cannot read.
pub(crate) fn is_remote(path: &str) -> bool {
    path.contains("://") || path.starts_with("git@")
}

/// Reports a remote resource berth does not fetch: what it brings is not checked.
pub(crate) fn report_remote(loader: &mut Loader, at: &Node, path: &str) {
    loader.problems.push(Problem::warning(
        ProblemKind::File,
        at.file,
        at.range,
        msg!(
            "{path} is a remote resource: berth does not fetch it, so what it brings is not \
             checked",
            "{path} est une ressource distante : berth ne la récupère pas, donc ce qu'elle \
             apporte n'est pas vérifié",
        ),
    ));
}

/// A project name as Compose keeps it: lower-cased, characters other than `a-z`, `0-9`, `_`
/// and `-` dropped, then leading `_` and `-` trimmed.
pub fn normalize_project_name(name: &str) -> String {
    let kept: String = name
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-')
        .collect();
    kept.trim_start_matches(['_', '-']).to_owned()
}

fn invalid_name_message(name: &str) -> Message {
    msg!(
        "invalid project name {name:?}: it must consist only of lower-case letters, digits, \
         `-` and `_`, and start with a letter or a digit",
        "nom de projet {name:?} invalide : il ne doit contenir que des lettres minuscules, des \
         chiffres, `-` et `_`, et commencer par une lettre ou un chiffre",
    )
}

pub(crate) fn read_error_message(path: &Path, error: &io::Error) -> Message {
    let path = path.display();
    match error.kind() {
        io::ErrorKind::NotFound => msg!("{path}: no such file", "{path} : fichier introuvable",),
        io::ErrorKind::IsADirectory => msg!(
            "{path} is a directory, not a file",
            "{path} est un dossier, pas un fichier",
        ),
        io::ErrorKind::InvalidData => msg!(
            "{path} cannot be read as UTF-8 text",
            "{path} ne peut pas être lu comme du texte UTF-8",
        ),
        _ => msg!(
            "{path} cannot be read: {error}",
            "{path} ne peut pas être lu : {error}",
        ),
    }
}

trait NodeExt {
    fn is_empty_string(&self) -> bool;
}

impl NodeExt for Node {
    fn is_empty_string(&self) -> bool {
        self.as_str().is_none_or(str::is_empty)
    }
}

impl Loader<'_> {
    /// A path written in a Compose file made absolute: `~` expanded, then taken from the base
    /// directory of the file it is written in.
    pub(crate) fn resolve_path(&self, path: &super::origin::Located<String>) -> PathBuf {
        let expanded = self.expand_user(&path.value);
        super::fs::absolute(self.base(path.origin.file), &expanded)
    }
}
