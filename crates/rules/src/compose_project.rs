//! Compose files are checked as part of their project, the way `docker compose` loads them:
//! `compose.yaml` (or `docker-compose.yml`...) with the `compose.override.yaml` beside it is
//! one project; any other Compose file (`compose.prod.yaml`) is a project of its own.
//!
//! A [`ComposeProject`] is loaded once per run by the [`Workspace`](crate::Workspace), through
//! the workspace's overlay (editor buffers first, then the disk) and with the process
//! environment the caller gave ([`ProcessEnvironment`]). It knows which source each value came
//! from, as the workspace names it, so that a finding lands in the file the user must edit, and
//! the files the project links to: the Dockerfile and `.dockerignore` of each build, the `.env`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use berth_parser::compose::fs::normalize;
use berth_parser::compose::{
    DEFAULT_FILE_NAMES, DEFAULT_OVERRIDE_FILE_NAMES, FileSystem, Origin, Project, ProjectOptions,
    Service, load_project,
};
use berth_parser::{FileId, SourceFile};

/// What Compose projects are loaded with besides their files: where the command runs and its
/// environment variables. The command line passes its own (`std::env::vars()`); the language
/// server passes the editor's; tests pass an explicit map so that they do not depend on the
/// machine. The library never reads the process environment itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessEnvironment {
    /// The directory relative workspace paths are taken from: the command's current directory.
    pub current_dir: PathBuf,
    /// The variables Compose files are interpolated with (and `COMPOSE_PROFILES`, `HOME`...).
    pub variables: BTreeMap<String, String>,
}

impl ProcessEnvironment {
    /// `path` made absolute against the current directory, and normalized.
    pub fn absolute(&self, path: &Path) -> PathBuf {
        berth_parser::compose::fs::absolute(&self.current_dir, path)
    }
}

/// A loaded Compose project, and how its files are named in the workspace.
#[derive(Debug)]
pub struct ComposeProject {
    pub project: Project,
    /// The Compose files the project is made of (the main file, then its override), absolute.
    pub compose_files: Vec<PathBuf>,
    /// The source of each file of the project, by [`FileId`]: the workspace's own when the
    /// file is checked (so that findings group with it), else the file as the loader read it.
    sources: Vec<SourceFile>,
}

impl ComposeProject {
    /// Loads the project the Compose file at `path` (absolute) belongs to. `checked` gives the
    /// workspace's source of a checked file by absolute path.
    pub(crate) fn load<'a>(
        path: &Path,
        fs: &dyn FileSystem,
        environment: &ProcessEnvironment,
        checked: impl Fn(&Path) -> Option<&'a SourceFile>,
    ) -> ComposeProject {
        let compose_files = project_files(path, fs);
        // As `docker compose` run in the project's folder. A relative path (an editor's
        // untitled document, a run without a current directory) stays relative.
        let working_dir = match path.parent() {
            Some(parent) if path.is_absolute() => normalize(parent),
            _ => PathBuf::new(),
        };
        let options = ProjectOptions {
            working_dir,
            files: compose_files.clone(),
            environment: environment.variables.clone(),
            ..ProjectOptions::default()
        };
        let project = load_project(&options, fs);
        let sources = project
            .files
            .iter()
            .map(|file| {
                checked(file.path())
                    .cloned()
                    .unwrap_or_else(|| file.clone())
            })
            .collect();
        ComposeProject {
            project,
            compose_files,
            sources,
        }
    }

    /// The source of a file of the project, as the workspace names it.
    pub fn source(&self, file: FileId) -> Option<&SourceFile> {
        self.sources.get(file.0 as usize)
    }

    /// The project's `.env`, when it has one.
    pub fn dotenv(&self) -> Option<&SourceFile> {
        let path = self.project.project_dir.join(".env");
        let file = self.project.file_id(&path)?;
        self.source(file)
    }

    /// Every file the project's findings depend on, absolute and sorted, whether it exists or
    /// not (creating a missing `.env` or Dockerfile changes them too): the Compose files and
    /// every file they include or extend, `.env` and env files, and each build's Dockerfile and
    /// `.dockerignore`.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let mut inputs: Vec<PathBuf> = self
            .project
            .files
            .iter()
            .map(|file| file.path().to_path_buf())
            .collect();
        inputs.extend(self.compose_files.iter().cloned());
        inputs.push(self.project.project_dir.join(".env"));
        for service in self.project.all_services() {
            inputs.extend(
                service
                    .environment
                    .env_files
                    .iter()
                    .map(|env_file| env_file.absolute.clone()),
            );
            if let Some(dockerfile) = dockerfile_path(service) {
                inputs.extend(dockerignore_paths(service, &dockerfile));
                inputs.push(dockerfile);
            }
        }
        for input in &mut inputs {
            *input = normalize(input);
        }
        inputs.sort();
        inputs.dedup();
        inputs
    }
}

/// The Compose files of the project `path` belongs to, absolute, in merge order: a default
/// file (`compose.yaml`...) and the first override file beside it; an override file with the
/// first default file beside it; any other file alone.
pub fn project_files(path: &Path, fs: &dyn FileSystem) -> Vec<PathBuf> {
    let path = normalize(path);
    let name = path
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new(""));
    let first = |names: &[&str]| {
        names
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| fs.exists(candidate) && !fs.is_dir(candidate))
    };
    if DEFAULT_FILE_NAMES.contains(&name) {
        let mut files = vec![path.clone()];
        files.extend(first(&DEFAULT_OVERRIDE_FILE_NAMES));
        files
    } else if DEFAULT_OVERRIDE_FILE_NAMES.contains(&name) {
        match first(&DEFAULT_FILE_NAMES) {
            Some(main) => vec![main, path.clone()],
            None => vec![path.clone()],
        }
    } else {
        vec![path.clone()]
    }
}

/// The Dockerfile a service builds from, when it is a file of a local build context.
pub fn dockerfile_path(service: &Service) -> Option<PathBuf> {
    let build = service.build.as_ref()?;
    if !build.has_local_dockerfile() {
        return None;
    }
    build.dockerfile_path.as_deref().map(normalize)
}

/// The `.dockerignore` files BuildKit reads for a build, in order of preference: the one named
/// after the Dockerfile (`app.Dockerfile.dockerignore`), then the context's `.dockerignore`.
pub fn dockerignore_paths(service: &Service, dockerfile: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if let Some(name) = dockerfile.file_name() {
        let mut named = name.to_os_string();
        named.push(".dockerignore");
        paths.push(dockerfile.with_file_name(named));
    }
    if let Some(context) = service
        .build
        .as_ref()
        .and_then(|build| build.context_path.as_deref())
    {
        paths.push(normalize(&context.join(".dockerignore")));
    }
    paths
}

/// The steps that brought a value where the model has it, as labels of a finding: the alias,
/// `extends` or `include` that used it, outermost first. An override file's step is not one:
/// the value is written in that file.
pub fn via_labels(origin: &Origin) -> impl Iterator<Item = &berth_parser::yaml::Via> {
    origin
        .via
        .iter()
        .filter(|via| via.kind != berth_parser::yaml::ViaKind::Override)
}

/// The files the loader reads: the workspace's overlay (editor buffers, stdin) first, by
/// absolute path, then the disk.
pub(crate) struct WorkspaceFileSystem<'a> {
    pub overlay: &'a HashMap<PathBuf, Arc<str>>,
    /// Every folder above a path of `overlay`: a folder that holds only editor buffers exists
    /// for the loader. A set, because the loader asks for each file it might read and a
    /// workspace holds thousands of files.
    pub directories: &'a HashSet<PathBuf>,
}

impl WorkspaceFileSystem<'_> {
    fn holds_directory(&self, dir: &Path) -> bool {
        self.directories.contains(dir)
    }
}

/// The folders above `paths` (not the paths themselves), for [`WorkspaceFileSystem`].
pub(crate) fn directories_above<'p>(paths: impl Iterator<Item = &'p PathBuf>) -> HashSet<PathBuf> {
    let mut directories = HashSet::new();
    for path in paths {
        for folder in path.ancestors().skip(1) {
            // Folders above a known one were added with it.
            if !directories.insert(folder.to_path_buf()) {
                break;
            }
        }
    }
    directories
}

impl FileSystem for WorkspaceFileSystem<'_> {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        match self.overlay.get(&normalize(path)) {
            Some(text) => Ok(text.to_string()),
            None => std::fs::read_to_string(path),
        }
    }

    fn exists(&self, path: &Path) -> bool {
        let path = normalize(path);
        self.overlay.contains_key(&path) || self.holds_directory(&path) || path.exists()
    }

    fn is_dir(&self, path: &Path) -> bool {
        let path = normalize(path);
        !self.overlay.contains_key(&path) && (self.holds_directory(&path) || path.is_dir())
    }
}

#[cfg(test)]
mod tests {
    use berth_parser::compose::{EmptyFileSystem, Overlay};

    use super::*;

    fn files(existing: &[&str], path: &str) -> Vec<String> {
        let mut fs = Overlay::new(EmptyFileSystem);
        for file in existing {
            fs.insert(file, "services: {}\n");
        }
        project_files(Path::new(path), &fs)
            .iter()
            .map(|path| path.display().to_string())
            .collect()
    }

    #[test]
    fn a_default_file_and_its_override_are_one_project() {
        let both = ["/p/compose.yaml", "/p/compose.override.yaml"];
        assert_eq!(
            files(&both, "/p/compose.yaml"),
            ["/p/compose.yaml", "/p/compose.override.yaml"]
        );
        assert_eq!(
            files(&both, "/p/compose.override.yaml"),
            ["/p/compose.yaml", "/p/compose.override.yaml"]
        );
        assert_eq!(
            files(&["/p/docker-compose.yml"], "/p/./docker-compose.yml"),
            ["/p/docker-compose.yml"]
        );
        // Compose's order of preference decides which override joins.
        assert_eq!(
            files(
                &[
                    "/p/docker-compose.yml",
                    "/p/docker-compose.override.yml",
                    "/p/compose.override.yml"
                ],
                "/p/docker-compose.yml"
            ),
            ["/p/docker-compose.yml", "/p/compose.override.yml"]
        );
    }

    #[test]
    fn other_files_are_projects_of_their_own() {
        let all = ["/p/compose.yaml", "/p/compose.prod.yaml"];
        assert_eq!(
            files(&all, "/p/compose.prod.yaml"),
            ["/p/compose.prod.yaml"]
        );
        assert_eq!(
            files(&["/p/compose.override.yaml"], "/p/compose.override.yaml"),
            ["/p/compose.override.yaml"]
        );
    }
}
