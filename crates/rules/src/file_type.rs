//! Which kind of file a path is: from its name, then (for a file named explicitly) from its
//! first lines. berth.toml's `file-kinds` globs come first (see `Settings::file_type_of`).

use std::path::Path;

use crate::meta::FileKind;

/// A kind of file berth checks. Finer than [`FileKind`], the letter of rule codes: a
/// `.dockerignore` is checked by `D` rules, daemon.json and config.json by `H` rules.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum FileType {
    Dockerfile,
    Dockerignore,
    Compose,
    /// `/etc/docker/daemon.json`.
    Daemon,
    /// The client's `~/.docker/config.json`.
    ClientConfig,
}

impl FileType {
    pub const ALL: [FileType; 5] = [
        FileType::Dockerfile,
        FileType::Dockerignore,
        FileType::Compose,
        FileType::Daemon,
        FileType::ClientConfig,
    ];

    /// The name used in berth.toml's `file-kinds`.
    pub fn name(self) -> &'static str {
        match self {
            FileType::Dockerfile => "dockerfile",
            FileType::Dockerignore => "dockerignore",
            FileType::Compose => "compose",
            FileType::Daemon => "daemon",
            FileType::ClientConfig => "client-config",
        }
    }

    pub fn from_name(name: &str) -> Option<FileType> {
        FileType::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The kind of rules that check this file, and the letter of their codes.
    pub fn rule_kind(self) -> FileKind {
        match self {
            FileType::Dockerfile | FileType::Dockerignore => FileKind::Dockerfile,
            FileType::Compose => FileKind::Compose,
            FileType::Daemon | FileType::ClientConfig => FileKind::Host,
        }
    }

    /// The kind of file `path` is by its name: `Dockerfile`, `Dockerfile.*`, `*.Dockerfile`,
    /// `*.dockerfile`, `Containerfile`, `Containerfile.*`, `compose*.y(a)ml`,
    /// `docker-compose*.y(a)ml`, `daemon.json`, `.dockerignore` (and BuildKit's
    /// `<Dockerfile>.dockerignore`), and `config.json` inside a `.docker` folder.
    pub fn from_path(path: &Path) -> Option<FileType> {
        let name = path.file_name()?.to_str()?;
        if name == ".dockerignore" || name.ends_with(".dockerignore") {
            return Some(FileType::Dockerignore);
        }
        if is_dockerfile_name(name) {
            return Some(FileType::Dockerfile);
        }
        if is_compose_name(name) {
            return Some(FileType::Compose);
        }
        if name == "daemon.json" {
            return Some(FileType::Daemon);
        }
        let parent = path.parent().and_then(Path::file_name);
        if name == "config.json" && parent.is_some_and(|parent| parent == ".docker") {
            return Some(FileType::ClientConfig);
        }
        None
    }

    /// The kind of a file named explicitly whose name says nothing, from its first lines: a
    /// parser directive or a first instruction FROM or ARG makes a Dockerfile, a top-level
    /// `services:` key a Compose file.
    pub fn sniff(text: &str) -> Option<FileType> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
        if let Some(first) = lines.clone().find(|line| !line.starts_with('#')) {
            let keyword = first
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or_default();
            if keyword.eq_ignore_ascii_case("FROM") || keyword.eq_ignore_ascii_case("ARG") {
                return Some(FileType::Dockerfile);
            }
        }
        if let Some(first) = lines.next()
            && is_parser_directive(first)
        {
            return Some(FileType::Dockerfile);
        }
        text.lines()
            .any(|line| line.starts_with("services:"))
            .then_some(FileType::Compose)
    }
}

fn is_dockerfile_name(name: &str) -> bool {
    ["Dockerfile", "Containerfile"].iter().any(|base| {
        name == *base
            || name
                .strip_prefix(base)
                .is_some_and(|rest| rest.starts_with('.') && rest.len() > 1)
    }) || name.ends_with(".Dockerfile")
        || name.ends_with(".dockerfile")
}

fn is_compose_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    else {
        return false;
    };
    stem.starts_with("compose") || stem.starts_with("docker-compose")
}

/// `# syntax=...`, `# escape=...` or `# check=...`: only Dockerfiles start with these.
fn is_parser_directive(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('#') else {
        return false;
    };
    let Some((key, _)) = rest.split_once('=') else {
        return false;
    };
    matches!(
        key.trim().to_ascii_lowercase().as_str(),
        "syntax" | "escape" | "check"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_path(path: &str, expected: Option<FileType>) {
        assert_eq!(FileType::from_path(Path::new(path)), expected, "{path}");
    }

    #[test]
    fn names() {
        use FileType::*;
        for path in [
            "Dockerfile",
            "app/Dockerfile.prod",
            "api.Dockerfile",
            "api.dockerfile",
            "Containerfile",
            "Containerfile.dev",
        ] {
            check_path(path, Some(Dockerfile));
        }
        for path in [
            "compose.yaml",
            "compose.override.yml",
            "docker-compose.yml",
            "docker-compose.prod.yaml",
        ] {
            check_path(path, Some(Compose));
        }
        check_path(".dockerignore", Some(Dockerignore));
        check_path("Dockerfile.dockerignore", Some(Dockerignore));
        check_path("etc/docker/daemon.json", Some(Daemon));
        check_path("home/.docker/config.json", Some(ClientConfig));
        for path in [
            "config.json",
            "Dockerfile.",
            "Dockerfiles",
            "compose.json",
            "my-compose.yaml",
            "README.md",
        ] {
            check_path(path, None);
        }
    }

    #[test]
    fn content() {
        use FileType::*;
        assert_eq!(FileType::sniff("FROM alpine\n"), Some(Dockerfile));
        assert_eq!(
            FileType::sniff("\u{feff}# a comment\n\narg VERSION=1\nFROM x\n"),
            Some(Dockerfile)
        );
        assert_eq!(
            FileType::sniff("# syntax=docker/dockerfile:1\n"),
            Some(Dockerfile)
        );
        assert_eq!(
            FileType::sniff("name: app\nservices:\n  web: {}\n"),
            Some(Compose)
        );
        assert_eq!(FileType::sniff("  services: 1\n"), None);
        assert_eq!(FileType::sniff("# just a note\n"), None);
        assert_eq!(FileType::sniff(""), None);
    }
}
