//! The files of a local corpus (public collections cloned outside the repository), shared by
//! the corpus tests, which are ignored by default.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The files under `root` whose path `accept` takes, sorted, `.git` folders left out.
pub fn files(root: &Path, accept: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found = Vec::new();
    walk(root, &accept, &mut found);
    found.sort();
    found
}

fn walk(dir: &Path, accept: &impl Fn(&Path) -> bool, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.file_name().is_some_and(|name| name == ".git") {
            continue;
        }
        if path.is_dir() {
            walk(&path, accept, found);
        } else if accept(&path) {
            found.push(path);
        }
    }
}

/// A Dockerfile by its name, as the corpus collections name them (`Dockerfile`,
/// `Dockerfile.alpine`, `app.dockerfile`).
pub fn is_dockerfile(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.contains("Dockerfile") || name.ends_with(".dockerfile"))
}

/// A Compose file by its name (`compose.yaml`, `docker-compose.prod.yml`).
pub fn is_compose_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    (name.starts_with("compose") || name.starts_with("docker-compose"))
        && (name.ends_with(".yml") || name.ends_with(".yaml"))
}
