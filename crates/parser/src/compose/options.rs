//! What the command line (or the language server) tells the loader, and the environment
//! variables a project is interpolated with.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::text::{FileId, TextRange};

/// How to find and load a project: `docker compose`'s global options.
#[derive(Clone, Debug, Default)]
pub struct ProjectOptions {
    /// The directory the command runs in (absolute): relative `-f`, `--env-file` and
    /// `--project-directory` paths are taken from here, and default files are searched from
    /// here upwards.
    pub working_dir: PathBuf,
    /// `-f` files, in order; empty means `COMPOSE_FILE` or the default file names.
    pub files: Vec<PathBuf>,
    /// `--project-directory`: where relative paths in the files point; by default the
    /// directory of the first file.
    pub project_directory: Option<PathBuf>,
    /// `--env-file` files, in order (later ones override earlier ones); empty means `.env`.
    pub env_files: Vec<PathBuf>,
    /// `--profile` names; empty means `COMPOSE_PROFILES`.
    pub profiles: Vec<String>,
    /// The process environment. Passed in, never read by the library, so that results do not
    /// depend on where berth runs.
    pub environment: BTreeMap<String, String>,
    /// `-p`, `--project-name`.
    pub project_name: Option<String>,
}

/// Where an environment variable's value comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvSource {
    /// The process environment.
    Process,
    /// A `KEY=value` line of a `.env` file; `range` covers the line's key and value.
    File { file: FileId, range: TextRange },
    /// Set by Compose itself (`COMPOSE_PROJECT_NAME`, `PWD`).
    Compose,
}

/// One variable of an [`Environment`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvVar {
    pub value: String,
    pub source: EnvSource,
}

/// The variables a project (or an included project) is interpolated with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, EnvVar>,
}

impl Environment {
    /// The process environment.
    pub fn from_process(vars: &BTreeMap<String, String>) -> Self {
        Environment {
            vars: vars
                .iter()
                .map(|(name, value)| {
                    let var = EnvVar {
                        value: value.clone(),
                        source: EnvSource::Process,
                    };
                    (name.clone(), var)
                })
                .collect(),
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|var| var.value.as_str())
    }

    pub fn var(&self, name: &str) -> Option<&EnvVar> {
        self.vars.get(name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.vars.contains_key(name)
    }

    /// Sets a variable, replacing any value it had.
    pub fn set(&mut self, name: impl Into<String>, var: EnvVar) {
        self.vars.insert(name.into(), var);
    }

    /// Sets a variable unless it is already set: how Compose adds `.env` values under the
    /// process environment, which always wins.
    pub fn set_default(&mut self, name: &str, var: EnvVar) {
        if !self.vars.contains_key(name) {
            self.vars.insert(name.to_owned(), var);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &EnvVar)> {
        self.vars.iter().map(|(name, var)| (name.as_str(), var))
    }

    pub fn len(&self) -> usize {
        self.vars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }
}

impl crate::lookup::Lookup for Environment {
    fn get(&self, name: &str) -> Option<&str> {
        Environment::get(self, name)
    }
}
