//! A service's environment: what `environment:` declares, and what the container gets once
//! `env_file`s are read and bare names are taken from the project environment (compose-go
//! `WithServicesEnvironmentResolved`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::msg;
use crate::yaml::{Node, NodeKind};

use super::load::Loader;
use super::options::{EnvSource, Environment};
use super::origin::{Located, Origin};
use super::problem::{Problem, ProblemKind};
use super::read::{KeyValue, boolean_at, key_values, string, string_at};

/// `environment` and `env_file` of a service.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceEnvironment {
    /// `environment:` as merged, by name; a bare name has no value.
    pub declared: BTreeMap<String, KeyValue>,
    /// The `env_file` entries, in order.
    pub env_files: Vec<EnvFile>,
    /// The container's environment: the `env_file`s' variables, then `environment` over
    /// them, bare names resolved from the project environment.
    pub resolved: BTreeMap<String, ContainerVar>,
}

/// One variable of the container's environment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerVar {
    /// `None` for a bare name the project environment does not set: Compose passes it unset.
    pub value: Option<String>,
    /// Where it is set: the `environment` entry, or the line of the env file.
    pub origin: Origin,
    pub from: VarFrom,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarFrom {
    /// Written with its value in `environment`.
    Environment,
    /// A bare name of `environment`, given its value by the project environment (the shell or
    /// `.env`).
    ProjectEnvironment(EnvSource),
    /// Read from an `env_file`.
    EnvFile,
}

/// One `env_file` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvFile {
    /// The path as written.
    pub path: Located<String>,
    /// The absolute path.
    pub absolute: PathBuf,
    /// Whether a missing file is an error (`true` unless `required: false`).
    pub required: bool,
    /// `format:` (`raw` reads lines as they are, without quotes or interpolation).
    pub format: Option<Located<String>>,
}

impl ServiceEnvironment {
    pub(crate) fn read(
        loader: &mut Loader,
        service: &Node,
        project: &Environment,
    ) -> ServiceEnvironment {
        let declared = key_values(service.get("environment"));
        let env_files = env_files(loader, service.get("env_file"));
        let mut resolved: BTreeMap<String, ContainerVar> = BTreeMap::new();

        // The declared environment with bare names resolved: the lookup of env files after
        // the project environment.
        let mut declared_values = Environment::default();
        let pairs = if env_files.is_empty() {
            None
        } else {
            Some(&declared)
        };
        for (name, pair) in pairs.into_iter().flatten() {
            let value = match &pair.value {
                Some(value) => Some(value.value.clone()),
                None => project.get(name).map(str::to_owned),
            };
            if let Some(value) = value {
                declared_values.set(
                    name.clone(),
                    super::options::EnvVar {
                        value,
                        source: EnvSource::Compose,
                    },
                );
            }
        }

        for env_file in &env_files {
            if !loader.exists(&env_file.absolute) {
                if env_file.required {
                    let shown = env_file.absolute.display();
                    loader.problems.push(Problem::error(
                        ProblemKind::EnvFile,
                        env_file.path.origin.file,
                        env_file.path.origin.range,
                        msg!(
                            "env file {shown} not found: create it, or set `required: false`",
                            "fichier d'environnement {shown} introuvable : créez-le, ou \
                             indiquez `required: false`",
                        ),
                    ));
                }
                continue;
            }
            let at = Some((env_file.path.origin.file, env_file.path.origin.range));
            let Some(file) = loader.read_env_file(&env_file.absolute, at) else {
                continue;
            };
            let raw = env_file
                .format
                .as_ref()
                .is_some_and(|format| format.value == "raw");
            if let Some(format) = env_file
                .format
                .as_ref()
                .filter(|format| !matches!(format.value.as_str(), "raw" | ".env" | ""))
            {
                let name = &format.value;
                loader.problems.push(Problem::error(
                    ProblemKind::EnvFile,
                    format.origin.file,
                    format.origin.range,
                    msg!(
                        "unsupported env_file format {name:?}: use `raw`, or leave it out for \
                         the .env syntax",
                        "format d'env_file {name:?} non pris en charge : utilisez `raw`, ou \
                         omettez-le pour la syntaxe .env",
                    ),
                ));
                continue;
            }
            // Variables in an env file are looked up in the project environment first, then
            // in the service's declared environment.
            let mut lookup = project.clone();
            for (name, var) in declared_values.iter() {
                lookup.set_default(name, var.clone());
            }
            let vars = if raw {
                loader.raw_env_file_vars(file, &lookup)
            } else {
                loader.env_file_vars(file, &lookup, &Environment::default())
            };
            for (name, var) in vars {
                let origin = match &var.source {
                    EnvSource::File { file, range } => Origin::at(*file, *range),
                    _ => env_file.path.origin.clone(),
                };
                resolved.insert(
                    name,
                    ContainerVar {
                        value: Some(var.value),
                        origin,
                        from: VarFrom::EnvFile,
                    },
                );
            }
        }

        for (name, pair) in &declared {
            let var = match &pair.value {
                Some(value) => ContainerVar {
                    value: Some(value.value.clone()),
                    origin: value.origin.clone(),
                    from: VarFrom::Environment,
                },
                None => match project.var(name) {
                    Some(var) => ContainerVar {
                        value: Some(var.value.clone()),
                        origin: pair.key.origin.clone(),
                        from: VarFrom::ProjectEnvironment(var.source.clone()),
                    },
                    // An unresolved bare name replaces an env file's value with nothing, as
                    // compose-go's `OverrideBy` does.
                    None => ContainerVar {
                        value: None,
                        origin: pair.key.origin.clone(),
                        from: VarFrom::Environment,
                    },
                },
            };
            resolved.insert(name.clone(), var);
        }

        ServiceEnvironment {
            declared,
            env_files,
            resolved,
        }
    }
}

/// The `env_file` entries: strings or `{path, required, format}`.
fn env_files(loader: &Loader, node: Option<&Node>) -> Vec<EnvFile> {
    let Some(node) = node else {
        return Vec::new();
    };
    let items: Vec<&Node> = match &node.kind {
        NodeKind::Sequence(sequence) => sequence.items.iter().collect(),
        NodeKind::Scalar(_) if !node.is_null() => vec![node],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|item| {
            let (path, required, format) = match &item.kind {
                NodeKind::Mapping(_) => (
                    string_at(item, "path")?,
                    boolean_at(item, "required").is_none_or(|required| required.value),
                    string_at(item, "format"),
                ),
                _ => (string(item)?, true, None),
            };
            let absolute = loader.resolve_path(&path);
            Some(EnvFile {
                path,
                absolute,
                required,
                format,
            })
        })
        .collect()
}
