//! Reading `.env` files: the project's `.env` or `--env-file`s, an included project's, and the
//! `env_file`s of services.

use std::path::{Path, PathBuf};

use crate::compose::dotenv::parse_dotenv;
use crate::compose::interpolation::unset_variable_message;
use crate::lookup::Lookup;
use crate::msg;
use crate::text::{FileId, TextRange};

use super::super::options::{EnvSource, EnvVar, Environment};
use super::super::problem::{Problem, ProblemKind, Severity};
use super::{Loader, read_error_message};

/// The variables of `outer`, then of `inner`: how a `.env` file being read looks names up
/// (the process environment first, then the files read before).
struct Chain<'a> {
    outer: &'a Environment,
    inner: &'a Environment,
}

impl Lookup for Chain<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.outer.get(name).or_else(|| self.inner.get(name))
    }
}

impl Loader<'_> {
    /// The variables of `paths`, read in order (a later file overrides an earlier one), each
    /// interpolated with `lookup` first and the variables already read second. A missing or
    /// unreadable file is reported at `at` (the key that names it), or as a problem of the
    /// command line.
    pub(crate) fn read_env_files(
        &mut self,
        paths: &[PathBuf],
        lookup: &Environment,
        at: Option<(FileId, TextRange)>,
    ) -> Environment {
        let mut read = Environment::default();
        for path in paths {
            let Some(file) = self.read_env_file(path, at) else {
                continue;
            };
            for (name, var) in self.env_file_vars(file, lookup, &read) {
                read.set(name, var);
            }
        }
        read
    }

    /// Registers the env file at `path`, reporting it when it cannot be read.
    pub(crate) fn read_env_file(
        &mut self,
        path: &Path,
        at: Option<(FileId, TextRange)>,
    ) -> Option<FileId> {
        let shown = path.display();
        let missing = msg!(
            "couldn't find env file: {shown}",
            "fichier d'environnement introuvable : {shown}",
        );
        self.read_vars_file(path, at, missing)
    }

    /// Registers the label file at `path`, reporting it when it cannot be read.
    pub(crate) fn read_label_file(
        &mut self,
        path: &Path,
        at: Option<(FileId, TextRange)>,
    ) -> Option<FileId> {
        let shown = path.display();
        let missing = msg!(
            "label file {shown} not found",
            "fichier de labels {shown} introuvable",
        );
        self.read_vars_file(path, at, missing)
    }

    fn read_vars_file(
        &mut self,
        path: &Path,
        at: Option<(FileId, TextRange)>,
        missing: crate::message::Message,
    ) -> Option<FileId> {
        let dir = path
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        match self.read(path, &dir) {
            Ok(file) => Some(file),
            Err(error) => {
                let message = match error.kind() {
                    std::io::ErrorKind::NotFound => missing,
                    _ => read_error_message(path, &error),
                };
                let problem = match at {
                    Some((file, range)) => {
                        Problem::error(ProblemKind::EnvFile, file, range, message)
                    }
                    None => Problem::global(ProblemKind::EnvFile, Severity::Error, message),
                };
                self.problems.push(problem);
                None
            }
        }
    }

    /// The variables an env file sets, in order, reporting its syntax errors and unset
    /// variables.
    pub(crate) fn env_file_vars(
        &mut self,
        file: FileId,
        lookup: &Environment,
        read: &Environment,
    ) -> Vec<(String, EnvVar)> {
        let source = self.files[file.0 as usize].clone();
        let chain = Chain {
            outer: lookup,
            inner: read,
        };
        let (dotenv, errors) = parse_dotenv(source.text(), &chain);
        for error in errors {
            self.problems.push(Problem::error(
                ProblemKind::EnvFile,
                file,
                error.range,
                error.message,
            ));
        }
        for unset in &dotenv.unset {
            self.problems.push(Problem::warning(
                ProblemKind::Interpolation,
                file,
                unset.range,
                unset_variable_message(&unset.name),
            ));
        }
        dotenv
            .entries
            .into_iter()
            .filter_map(|entry| {
                let value = entry.value?;
                let var = EnvVar {
                    value,
                    source: EnvSource::File {
                        file,
                        range: entry.range,
                    },
                };
                Some((entry.key, var))
            })
            .collect()
    }
}

impl Loader<'_> {
    /// The variables of an env file in `format: raw`: each `KEY=VALUE` line taken as it is,
    /// comment and blank lines skipped, a bare `KEY` looked up in `lookup` (docker/cli's
    /// `kvfile`, which docker/compose registers as the `raw` format).
    pub(crate) fn raw_env_file_vars(
        &mut self,
        file: FileId,
        lookup: &Environment,
    ) -> Vec<(String, EnvVar)> {
        let source = self.files[file.0 as usize].clone();
        let text = source.text();
        let mut vars = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let start = offset;
            offset += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            let trimmed = content.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let leading = content.len() - trimmed.len();
            let range = TextRange::new((start + leading) as u32, (start + content.len()) as u32);
            let (name, value) = match trimmed.split_once('=') {
                Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
                None => {
                    let name = trimmed.trim_end().to_owned();
                    let value = lookup.get(&name).map(str::to_owned);
                    (name, value)
                }
            };
            if let Some(value) = value {
                vars.push((
                    name,
                    EnvVar {
                        value,
                        source: EnvSource::File { file, range },
                    },
                ));
            }
        }
        vars
    }
}
