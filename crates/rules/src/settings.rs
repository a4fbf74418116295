//! The resolved configuration of one folder: what `berth.toml` (or `.hadolint.yaml`, or
//! nothing) and the command line say, ready to query. Reading it from files is `config/`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use berth_parser::Lang;
use globset::GlobMatcher;
use regex::Regex;
use serde::de::DeserializeOwned;

use crate::diagnostic::Severity;
use crate::file_type::FileType;
use crate::meta::Preset;
use crate::rule::Rule;
use crate::rule_set::RuleSet;
use crate::selector::Selector;

/// Everything configuration decides for the files of one folder.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The configuration file these settings were read from, if any.
    pub source: Option<PathBuf>,
    /// The folder relative globs (`per-file-ignores`, `file-kinds`) are matched from: the
    /// configuration file's folder.
    pub root: PathBuf,
    pub preset: Preset,
    /// The rules that are on, before `per-file-ignores`.
    pub rules: RuleSet,
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// `lang` from the configuration; [`crate::lang::resolve_lang`] weighs it against the
    /// command line and the locale.
    pub lang: Option<Lang>,
    /// The lowest severity that makes `berth check` exit with 1.
    pub fail_on: Severity,
    pub trusted_registries: Vec<RegistryPattern>,
    pub required_labels: Vec<RequiredLabel>,
    /// The whole image name (`registry/namespace/repository`) must match it; anchored.
    pub image_name_pattern: Option<Regex>,
    pub file_kinds: Vec<FileKindOverride>,
    /// `[rules.<name-or-code>]` tables by rule code, validated by each rule's options type.
    pub rule_options: HashMap<&'static str, toml::Table>,
}

/// `per-file-ignores`: rules turned off for the files a glob matches.
#[derive(Clone, Debug)]
pub struct PerFileIgnore {
    pub glob: GlobMatcher,
    pub selectors: Vec<Selector>,
}

/// `file-kinds`: the files a glob matches are read as `file_type`, whatever their name.
#[derive(Clone, Debug)]
pub struct FileKindOverride {
    pub glob: GlobMatcher,
    pub file_type: FileType,
}

/// A `trusted-registries` entry, with hadolint's wildcards: `*` (any registry), `*.example.com`
/// (any subdomain), `registry.example*` (any suffix), or an exact registry host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistryPattern {
    Any,
    Suffix(String),
    Prefix(String),
    Exact(String),
}

/// A label the final stage of a Dockerfile must set, and the form its value must have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequiredLabel {
    pub name: String,
    pub format: LabelFormat,
}

/// The forms hadolint's `label-schema` knows, under the same names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum LabelFormat {
    /// Any non-empty text.
    Text,
    Url,
    Rfc3339,
    Semver,
    /// A git commit hash.
    Hash,
    /// An SPDX license identifier.
    Spdx,
    Email,
}

impl LabelFormat {
    pub const ALL: [LabelFormat; 7] = [
        LabelFormat::Text,
        LabelFormat::Url,
        LabelFormat::Rfc3339,
        LabelFormat::Semver,
        LabelFormat::Hash,
        LabelFormat::Spdx,
        LabelFormat::Email,
    ];

    pub fn name(self) -> &'static str {
        match self {
            LabelFormat::Text => "text",
            LabelFormat::Url => "url",
            LabelFormat::Rfc3339 => "rfc3339",
            LabelFormat::Semver => "semver",
            LabelFormat::Hash => "hash",
            LabelFormat::Spdx => "spdx",
            LabelFormat::Email => "email",
        }
    }

    pub fn from_name(name: &str) -> Option<LabelFormat> {
        LabelFormat::ALL
            .into_iter()
            .find(|format| format.name() == name)
    }
}

impl RegistryPattern {
    pub fn parse(pattern: &str) -> RegistryPattern {
        if pattern == "*" {
            RegistryPattern::Any
        } else if let Some(suffix) = pattern.strip_prefix('*') {
            RegistryPattern::Suffix(suffix.to_string())
        } else if let Some(prefix) = pattern.strip_suffix('*') {
            RegistryPattern::Prefix(prefix.to_string())
        } else {
            RegistryPattern::Exact(pattern.to_string())
        }
    }

    /// Whether `registry` (a host, with its port if any: `docker.io`, `localhost:5000`) is
    /// trusted by this pattern.
    pub fn matches(&self, registry: &str) -> bool {
        match self {
            RegistryPattern::Any => true,
            RegistryPattern::Suffix(suffix) => registry.ends_with(suffix.as_str()),
            RegistryPattern::Prefix(prefix) => registry.starts_with(prefix.as_str()),
            RegistryPattern::Exact(exact) => registry == exact,
        }
    }
}

impl Default for Settings {
    /// The settings of a folder without configuration: the `lab` preset, English unless the
    /// locale says otherwise, failing on warnings.
    fn default() -> Self {
        Settings {
            source: None,
            root: PathBuf::new(),
            preset: Preset::Lab,
            rules: RuleSet::lab(),
            per_file_ignores: Vec::new(),
            lang: None,
            fail_on: Severity::Warning,
            trusted_registries: Vec::new(),
            required_labels: Vec::new(),
            image_name_pattern: None,
            file_kinds: Vec::new(),
            rule_options: HashMap::new(),
        }
    }
}

impl Settings {
    /// The rules that are on for `path`, after `per-file-ignores`. Borrowed when no ignore
    /// applies, which is the common case.
    pub fn rules_for(&self, path: &Path) -> Cow<'_, RuleSet> {
        let relative = self.relative(path);
        let selectors: Vec<Selector> = self
            .per_file_ignores
            .iter()
            .filter(|ignore| matches_glob(&ignore.glob, &relative))
            .flat_map(|ignore| ignore.selectors.iter().cloned())
            .collect();
        if selectors.is_empty() {
            Cow::Borrowed(&self.rules)
        } else {
            Cow::Owned(self.rules.without(&selectors))
        }
    }

    /// The kind `file-kinds` gives `path`, if a glob matches it (the first that does).
    pub fn file_type_of(&self, path: &Path) -> Option<FileType> {
        let relative = self.relative(path);
        self.file_kinds
            .iter()
            .find(|kind| matches_glob(&kind.glob, &relative))
            .map(|kind| kind.file_type)
    }

    /// Whether `registry` is trusted. With no `trusted-registries`, every registry is.
    pub fn is_trusted_registry(&self, registry: &str) -> bool {
        self.trusted_registries.is_empty()
            || self
                .trusted_registries
                .iter()
                .any(|pattern| pattern.matches(registry))
    }

    /// The options of `rule` from `[rules.<name>]`, or `T::default()`.
    pub fn rule_options<T: DeserializeOwned + Default>(&self, rule: &Rule) -> T {
        self.rule_options
            .get(rule.meta.code)
            .and_then(|table| toml::Value::Table(table.clone()).try_into().ok())
            .unwrap_or_default()
    }

    fn relative<'p>(&self, path: &'p Path) -> Cow<'p, Path> {
        match path.strip_prefix(&self.root) {
            Ok(relative) => Cow::Borrowed(relative),
            Err(_) => Cow::Borrowed(path),
        }
    }
}

/// A glob without `/` matches a file name in any folder (`Dockerfile.*`), as in .gitignore; a
/// glob with one matches the path from the configuration's folder (`tests/**/Dockerfile`).
pub(crate) fn matches_glob(glob: &GlobMatcher, relative: &Path) -> bool {
    if glob.glob().glob().contains('/') {
        glob.is_match(relative)
    } else {
        relative
            .file_name()
            .is_some_and(|name| glob.is_match(Path::new(name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_patterns_follow_hadolint() {
        let check = |pattern: &str, registry: &str, expected: bool| {
            assert_eq!(
                RegistryPattern::parse(pattern).matches(registry),
                expected,
                "{pattern} {registry}"
            );
        };
        check("*", "docker.io", true);
        check("*.example.com", "registry.example.com", true);
        check("*.example.com", "example.com", false);
        check("registry.example*", "registry.example.org:5000", true);
        check("docker.io", "docker.io", true);
        check("docker.io", "ghcr.io", false);
    }

    #[test]
    fn no_trusted_registries_trusts_all() {
        let settings = Settings::default();
        assert!(settings.is_trusted_registry("anything.example"));
    }
}
