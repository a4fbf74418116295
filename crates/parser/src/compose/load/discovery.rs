//! Which files make the project and which environment interpolates them, as `docker compose`
//! works them out from its options (docker/compose `toProjectOptions`, compose-go
//! `cli/options.go`).

use std::path::{Path, PathBuf};

use crate::msg;

use super::super::fs::{absolute, normalize};
use super::super::options::{EnvSource, EnvVar, Environment, ProjectOptions};
use super::super::problem::{Problem, ProblemKind, Severity};
use super::Loader;

/// The names Compose looks for, in order of preference.
pub const DEFAULT_FILE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yml",
    "docker-compose.yaml",
];

/// The override files Compose adds to the default file, in order of preference.
pub const DEFAULT_OVERRIDE_FILE_NAMES: [&str; 4] = [
    "compose.override.yml",
    "compose.override.yaml",
    "docker-compose.override.yml",
    "docker-compose.override.yaml",
];

/// What the options and the environment resolve to before any Compose file is read.
pub(crate) struct Setup {
    /// The Compose files, absolute, in merge order.
    pub files: Vec<PathBuf>,
    pub project_dir: PathBuf,
    /// The process environment, then `.env` (or `--env-file`) values under it.
    pub environment: Environment,
    pub profiles: Vec<String>,
}

impl Loader<'_> {
    pub(crate) fn setup(&mut self, options: &ProjectOptions) -> Setup {
        let working_dir = normalize(&options.working_dir);
        let mut environment = Environment::from_process(&options.environment);
        if !environment.contains("PWD") {
            environment.set(
                "PWD",
                EnvVar {
                    value: working_dir.display().to_string(),
                    source: EnvSource::Compose,
                },
            );
        }
        let mut files: Vec<PathBuf> = options
            .files
            .iter()
            .map(|file| absolute(&working_dir, file))
            .collect();
        let explicit_dir = options
            .project_directory
            .as_ref()
            .map(|dir| absolute(&working_dir, dir));
        // Compose reads `.env` twice: from the directory known before the files are found
        // (the project directory, the first `-f` file's, or the working directory), then from
        // the project directory once the files are known. Earlier values win.
        let early_dir = explicit_dir
            .clone()
            .or_else(|| files.first().and_then(|file| file.parent()).map(normalize))
            .unwrap_or_else(|| working_dir.clone());
        let disabled = self.env_file_disabled(options);
        self.load_dotenv(
            options,
            &working_dir,
            &early_dir,
            disabled,
            &mut environment,
        );
        if files.is_empty() {
            files = self.files_from_environment(&working_dir, &environment);
        }
        if files.is_empty() {
            files = self.discover(explicit_dir.as_deref().unwrap_or(&working_dir));
        }
        let project_dir = explicit_dir
            .or_else(|| files.first().and_then(|file| file.parent()).map(normalize))
            .unwrap_or_else(|| working_dir.clone());
        if project_dir != early_dir {
            self.load_dotenv(
                options,
                &working_dir,
                &project_dir,
                disabled,
                &mut environment,
            );
        }
        if files.is_empty() {
            self.problems.push(Problem::global(
                ProblemKind::File,
                Severity::Error,
                msg!(
                    "no configuration file provided: no compose.yaml, compose.yml, \
                     docker-compose.yml or docker-compose.yaml in {dir} or its parents",
                    "aucun fichier de configuration : ni compose.yaml, ni compose.yml, ni \
                     docker-compose.yml, ni docker-compose.yaml dans {dir} ou ses parents",
                    dir = working_dir.display(),
                ),
            ));
        }
        let profiles = if options.profiles.is_empty() {
            environment
                .get("COMPOSE_PROFILES")
                .map(|profiles| {
                    profiles
                        .split(',')
                        .map(|profile| profile.trim().to_owned())
                        .filter(|profile| !profile.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        } else {
            options.profiles.clone()
        };
        Setup {
            files,
            project_dir,
            environment,
            profiles,
        }
    }

    /// `COMPOSE_DISABLE_ENV_FILE`, read from the process environment as Go's
    /// `strconv.ParseBool` reads it.
    fn env_file_disabled(&mut self, options: &ProjectOptions) -> bool {
        let Some(value) = options.environment.get("COMPOSE_DISABLE_ENV_FILE") else {
            return false;
        };
        match value.as_str() {
            "1" | "t" | "T" | "TRUE" | "true" | "True" => true,
            "0" | "f" | "F" | "FALSE" | "false" | "False" => false,
            other => {
                self.problems.push(Problem::global(
                    ProblemKind::EnvFile,
                    Severity::Error,
                    msg!(
                        "COMPOSE_DISABLE_ENV_FILE={other:?} is not a boolean: use true or false",
                        "COMPOSE_DISABLE_ENV_FILE={other:?} n'est pas un booléen : utilisez \
                         true ou false",
                    ),
                ));
                false
            }
        }
    }

    /// Adds the variables of `--env-file` files, or of `dir/.env`, under those already set.
    fn load_dotenv(
        &mut self,
        options: &ProjectOptions,
        working_dir: &Path,
        dir: &Path,
        disabled: bool,
        environment: &mut Environment,
    ) {
        let files: Vec<PathBuf> = if !options.env_files.is_empty() {
            options
                .env_files
                .iter()
                .map(|file| absolute(working_dir, file))
                .collect()
        } else if disabled {
            Vec::new()
        } else {
            let default = dir.join(".env");
            // A `.env` that is a directory is not an env file; Compose skips it silently.
            if self.exists(&default) && !self.is_dir(&default) {
                vec![default]
            } else {
                Vec::new()
            }
        };
        let vars = self.read_env_files(&files, environment, None);
        for (name, var) in vars.iter() {
            environment.set_default(name, var.clone());
        }
    }

    /// `COMPOSE_FILE`, split on `COMPOSE_PATH_SEPARATOR` (`:` by default, as on Unix).
    fn files_from_environment(
        &mut self,
        working_dir: &Path,
        environment: &Environment,
    ) -> Vec<PathBuf> {
        let Some(list) = environment
            .get("COMPOSE_FILE")
            .filter(|list| !list.is_empty())
        else {
            return Vec::new();
        };
        let separator = environment
            .get("COMPOSE_PATH_SEPARATOR")
            .filter(|separator| !separator.is_empty())
            .unwrap_or(":");
        list.split(separator)
            .filter(|path| !path.is_empty())
            .map(|path| absolute(working_dir, Path::new(path)))
            .collect()
    }

    /// The default file in `dir` or its nearest parent that has one, and its override.
    fn discover(&mut self, dir: &Path) -> Vec<PathBuf> {
        let mut dir = Some(dir.to_path_buf());
        while let Some(current) = dir {
            let found = self.find(&current, &DEFAULT_FILE_NAMES);
            if let Some(first) = found.first() {
                let mut files = vec![first.clone()];
                self.warn_several(&found);
                let overrides = self.find(&current, &DEFAULT_OVERRIDE_FILE_NAMES);
                if let Some(first) = overrides.first() {
                    files.push(first.clone());
                    self.warn_several(&overrides);
                }
                return files;
            }
            dir = current.parent().map(Path::to_path_buf);
        }
        Vec::new()
    }

    fn find(&self, dir: &Path, names: &[&str]) -> Vec<PathBuf> {
        names
            .iter()
            .map(|name| dir.join(name))
            .filter(|path| self.exists(path) && !self.is_dir(path))
            .collect()
    }

    fn warn_several(&mut self, found: &[PathBuf]) {
        if found.len() < 2 {
            return;
        }
        let list = found
            .iter()
            .map(|path| path.display().to_string())
            .collect::<Vec<_>>()
            .join(", ");
        let used = found[0].display();
        self.problems.push(Problem::global(
            ProblemKind::File,
            Severity::Warning,
            msg!(
                "found multiple config files with supported names: {list}; using {used}",
                "plusieurs fichiers de configuration aux noms reconnus : {list} ; {used} est \
                 utilisé",
            ),
        ));
    }
}
