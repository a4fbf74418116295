//! The files a project is loaded from: the disk, or the disk seen through an editor's unsaved
//! buffers.
//!
//! The loader never touches `std::fs` itself; it asks a [`FileSystem`], so that the language
//! server can lint what the user sees and tests can load projects from memory.

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};

/// What the loader needs to know about files.
pub trait FileSystem {
    /// The text of a file. Invalid UTF-8 is an error of kind `InvalidData`.
    fn read_to_string(&self, path: &Path) -> io::Result<String>;
    /// Whether something (a file or a directory) is at `path`.
    fn exists(&self, path: &Path) -> bool;
    fn is_dir(&self, path: &Path) -> bool;
}

/// The real file system.
#[derive(Clone, Copy, Debug, Default)]
pub struct DiskFileSystem;

impl FileSystem for DiskFileSystem {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }
}

/// Texts that take priority over another file system: the editor's open buffers over the disk,
/// or, over [`EmptyFileSystem`], a project held entirely in memory.
///
/// Paths are compared after [`normalize`], so `./a/../compose.yaml` finds `compose.yaml`. A
/// directory exists in the overlay when one of its files does.
#[derive(Clone, Debug, Default)]
pub struct Overlay<F> {
    base: F,
    files: HashMap<PathBuf, String>,
}

impl<F: FileSystem> Overlay<F> {
    pub fn new(base: F) -> Self {
        Overlay {
            base,
            files: HashMap::new(),
        }
    }

    /// Sets the text seen at `path`, replacing what the base file system holds.
    pub fn insert(&mut self, path: impl AsRef<Path>, text: impl Into<String>) {
        self.files.insert(normalize(path.as_ref()), text.into());
    }

    pub fn remove(&mut self, path: impl AsRef<Path>) {
        self.files.remove(&normalize(path.as_ref()));
    }

    pub fn with(mut self, path: impl AsRef<Path>, text: impl Into<String>) -> Self {
        self.insert(path, text);
        self
    }

    fn holds_directory(&self, dir: &Path) -> bool {
        self.files
            .keys()
            .any(|path| path.starts_with(dir) && path != dir)
    }
}

impl<F: FileSystem> FileSystem for Overlay<F> {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        let normalized = normalize(path);
        match self.files.get(&normalized) {
            Some(text) => Ok(text.clone()),
            None if self.holds_directory(&normalized) => Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "is a directory",
            )),
            None => self.base.read_to_string(path),
        }
    }

    fn exists(&self, path: &Path) -> bool {
        let normalized = normalize(path);
        self.files.contains_key(&normalized)
            || self.holds_directory(&normalized)
            || self.base.exists(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        let normalized = normalize(path);
        !self.files.contains_key(&normalized)
            && (self.holds_directory(&normalized) || self.base.is_dir(path))
    }
}

/// A file system with nothing in it, under an [`Overlay`] for projects held in memory (tests,
/// fuzzing, stdin).
#[derive(Clone, Copy, Debug, Default)]
pub struct EmptyFileSystem;

impl FileSystem for EmptyFileSystem {
    fn read_to_string(&self, _path: &Path) -> io::Result<String> {
        Err(io::Error::from(io::ErrorKind::NotFound))
    }

    fn exists(&self, _path: &Path) -> bool {
        false
    }

    fn is_dir(&self, _path: &Path) -> bool {
        false
    }
}

/// `path` with `.` removed and `..` applied to what precedes it, without asking the file
/// system (as Go's `filepath.Clean`, which Compose uses, does).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let popped =
                    matches!(out.components().next_back(), Some(Component::Normal(_))) && out.pop();
                if !popped && !out.has_root() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// `path` made absolute against `base` (when relative) and normalized.
pub fn absolute(base: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        normalize(path)
    } else {
        normalize(&base.join(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_dots_lexically() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("/../a")), PathBuf::from("/a"));
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
        assert_eq!(normalize(Path::new("./")), PathBuf::from("."));
    }

    #[test]
    fn overlay_texts_win_over_the_base() {
        let fs = Overlay::new(EmptyFileSystem).with("/p/compose.yaml", "services: {}\n");
        assert_eq!(
            fs.read_to_string(Path::new("/p/./compose.yaml")).unwrap(),
            "services: {}\n"
        );
        assert!(fs.is_dir(Path::new("/p")));
        assert!(!fs.is_dir(Path::new("/p/compose.yaml")));
        assert!(fs.exists(Path::new("/p/compose.yaml")));
        assert!(!fs.exists(Path::new("/p/other.yaml")));
        assert_eq!(
            fs.read_to_string(Path::new("/p")).unwrap_err().kind(),
            io::ErrorKind::IsADirectory
        );
    }
}
