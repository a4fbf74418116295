//! From the paths a user gives to the files to check: files as given, folders walked
//! (gitignore-aware, hidden files included), each with the settings of its folder.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use berth_parser::msg;
use ignore::WalkBuilder;

use crate::config::{ConfigError, ConfigResolver};
use crate::file_type::FileType;
use crate::settings::Settings;
use crate::workspace::{FileError, Overlay, Workspace, WorkspaceFile, read_source};

/// The workspace built from some paths, and what could not be loaded. The command line
/// prints the errors and exits with status 2 after checking the rest.
pub struct Discovery {
    pub workspace: Workspace,
    /// Files that could not be read or whose kind could not be told.
    pub file_errors: Vec<FileError>,
    /// The errors of each broken configuration file, once per file; the files under it are
    /// not checked.
    pub config_errors: Vec<ConfigError>,
}

/// Builds the workspace for `paths`. A file named explicitly is always checked: its kind
/// comes from `file-kinds`, its name, or its first lines. A folder is walked honouring
/// .gitignore, .ignore and git's exclude files (so `target/` or `node_modules/` are skipped
/// only when ignored there), with hidden files included (`.dockerignore`, `.docker/`) and
/// `.git` skipped; there, only files whose kind `file-kinds` or their name gives are checked.
pub fn discover(paths: &[PathBuf], resolver: &ConfigResolver, overlay: Overlay) -> Discovery {
    let mut discovery = Discovery {
        workspace: Workspace::new(overlay),
        file_errors: Vec::new(),
        config_errors: Vec::new(),
    };
    let mut broken_configs: HashSet<*const [ConfigError]> = HashSet::new();
    for path in paths {
        if path.is_dir() {
            let walk = WalkBuilder::new(path)
                .hidden(false)
                .require_git(false)
                .filter_entry(|entry| entry.file_name() != ".git")
                .sort_by_file_path(Ord::cmp)
                .build();
            for entry in walk {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        let reason = error.to_string();
                        discovery.file_errors.push(FileError {
                            path: path.clone(),
                            message: msg!(
                                "cannot walk the folder: {reason}",
                                "impossible de parcourir le dossier : {reason}"
                            ),
                        });
                        continue;
                    }
                };
                if !entry.file_type().is_some_and(|kind| kind.is_file()) {
                    continue;
                }
                let Some(settings) =
                    settings_for(entry.path(), resolver, &mut discovery, &mut broken_configs)
                else {
                    continue;
                };
                let Some(file_type) = settings
                    .file_type_of(entry.path())
                    .or_else(|| FileType::from_path(entry.path()))
                else {
                    continue;
                };
                add(&mut discovery, entry.path(), Some(file_type), settings);
            }
        } else {
            let Some(settings) = settings_for(path, resolver, &mut discovery, &mut broken_configs)
            else {
                continue;
            };
            let file_type = settings
                .file_type_of(path)
                .or_else(|| FileType::from_path(path));
            add(&mut discovery, path, file_type, settings);
        }
    }
    discovery
}

fn settings_for(
    path: &Path,
    resolver: &ConfigResolver,
    discovery: &mut Discovery,
    broken: &mut HashSet<*const [ConfigError]>,
) -> Option<Arc<Settings>> {
    match resolver.settings_for(path) {
        Ok(settings) => Some(settings),
        Err(errors) => {
            // Each broken configuration is reported once, however many files it covers.
            if broken.insert(Arc::as_ptr(&errors)) {
                discovery.config_errors.extend(errors.iter().cloned());
            }
            None
        }
    }
}

/// Reads and adds one file; a file whose kind is still unknown is sniffed.
fn add(
    discovery: &mut Discovery,
    path: &Path,
    file_type: Option<FileType>,
    settings: Arc<Settings>,
) {
    let source = match read_source(path, discovery.workspace.overlay()) {
        Ok(source) => source,
        Err(error) => {
            discovery.file_errors.push(error);
            return;
        }
    };
    let Some(file_type) = file_type.or_else(|| FileType::sniff(source.text())) else {
        discovery.file_errors.push(FileError {
            path: path.to_path_buf(),
            message: msg!(
                "berth cannot tell what kind of file this is: name it like a Dockerfile (`Dockerfile`, `*.Dockerfile`) or a Compose file (`compose.yaml`), or map it in berth.toml's `file-kinds`",
                "berth ne sait pas de quel type est ce fichier : nommez-le comme un Dockerfile (`Dockerfile`, `*.Dockerfile`) ou un fichier Compose (`compose.yaml`), ou déclarez-le dans `file-kinds` de berth.toml"
            ),
        });
        return;
    };
    discovery
        .workspace
        .add(WorkspaceFile::new(source, file_type, settings));
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::config::ConfigOverrides;

    fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, content) in files {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, content).unwrap();
        }
        dir
    }

    /// Discovers `paths` (relative to `dir`) and lists `kind path` for each file found, then
    /// `error path` for each that failed, paths relative to `dir`.
    fn check(dir: &Path, paths: &[&str], overlay: Overlay) -> Vec<String> {
        let resolver = ConfigResolver::new(ConfigOverrides::default(), Overlay::default());
        let paths: Vec<PathBuf> = paths.iter().map(|path| dir.join(path)).collect();
        let discovery = discover(&paths, &resolver, overlay);
        let relative = |path: &Path| {
            path.strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        };
        let mut out: Vec<String> = discovery
            .workspace
            .files()
            .iter()
            .map(|file| format!("{} {}", file.file_type.name(), relative(file.path())))
            .collect();
        out.extend(
            discovery
                .file_errors
                .iter()
                .map(|error| format!("error {}", relative(&error.path))),
        );
        out.extend(
            discovery
                .config_errors
                .iter()
                .map(|error| format!("config {}", error.render(berth_parser::Lang::En))),
        );
        out
    }

    #[test]
    fn walks_folders_like_git_and_keeps_hidden_files() {
        let dir = tree(&[
            ("Dockerfile", b"FROM a\n"),
            (".dockerignore", b".git\n"),
            ("compose.yaml", b"services: {}\n"),
            ("README.md", b"# hi\n"),
            (".gitignore", b"build/\n"),
            ("build/Dockerfile", b"FROM a\n"),
            ("node_modules/pkg/Dockerfile", b"FROM a\n"),
            (".git/Dockerfile", b"FROM a\n"),
            ("home/.docker/config.json", b"{}\n"),
            ("etc/daemon.json", b"{}\n"),
            ("api/api.Dockerfile", b"FROM a\n"),
        ]);
        assert_eq!(
            check(dir.path(), &["."], Overlay::default()),
            [
                "dockerignore .dockerignore",
                "dockerfile Dockerfile",
                "dockerfile api/api.Dockerfile",
                "compose compose.yaml",
                "daemon etc/daemon.json",
                "client-config home/.docker/config.json",
                "dockerfile node_modules/pkg/Dockerfile",
            ]
        );
    }

    #[test]
    fn explicit_files_are_always_checked_or_reported() {
        let dir = tree(&[
            ("build.txt", b"# syntax=docker/dockerfile:1\nFROM a\n"),
            ("stack.yml", b"services:\n  web: {}\n"),
            ("notes.txt", b"nothing to see\n"),
            ("latin1/Dockerfile", b"FROM caf\xe9\n"),
            (".gitignore", b"ignored/\n"),
            ("ignored/Dockerfile", b"FROM a\n"),
        ]);
        assert_eq!(
            check(
                dir.path(),
                &[
                    "build.txt",
                    "stack.yml",
                    "notes.txt",
                    "latin1/Dockerfile",
                    "missing/Dockerfile",
                    "ignored/Dockerfile"
                ],
                Overlay::default()
            ),
            [
                "dockerfile build.txt",
                "dockerfile ignored/Dockerfile",
                "compose stack.yml",
                "error notes.txt",
                "error latin1/Dockerfile",
                "error missing/Dockerfile",
            ]
        );
    }

    #[test]
    fn the_overlay_replaces_the_disk_and_config_kinds_apply() {
        let dir = tree(&[
            (
                "berth.toml",
                b"[file-kinds]\n\"deploy/*.yml\" = \"compose\"\n",
            ),
            ("deploy/prod.yml", b"services: {}\n"),
            ("Dockerfile", b"FROM disk\n"),
        ]);
        let mut overlay = Overlay::default();
        overlay.insert(dir.path().join("Dockerfile"), "FROM buffer\n".into());
        overlay.insert(dir.path().join("unsaved.Dockerfile"), "FROM new\n".into());
        let resolver = ConfigResolver::new(ConfigOverrides::default(), Overlay::default());
        let discovery = discover(
            &[
                dir.path().to_path_buf(),
                dir.path().join("unsaved.Dockerfile"),
            ],
            &resolver,
            overlay,
        );
        let texts: Vec<(&str, &str)> = discovery
            .workspace
            .files()
            .iter()
            .map(|file| (file.file_type.name(), file.source.text()))
            .collect();
        assert_eq!(
            texts,
            [
                ("dockerfile", "FROM buffer\n"),
                ("compose", "services: {}\n"),
                ("dockerfile", "FROM new\n"),
            ]
        );
    }

    #[test]
    fn a_broken_configuration_is_reported_once() {
        let dir = tree(&[
            ("berth.toml", b"preset = 1\n"),
            ("a/Dockerfile", b"FROM a\n"),
            ("b/Dockerfile", b"FROM a\n"),
        ]);
        let out = check(dir.path(), &["."], Overlay::default());
        assert_eq!(out.len(), 1, "{out:?}");
        assert!(
            out[0].ends_with("berth.toml:1:10: `preset` must be a string (found: integer)"),
            "{out:?}"
        );
    }
}
