//! The effective Compose project: what Compose runs, with where every value came from.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::message::Message;
use crate::msg;
use crate::schema::SchemaErrorKind;
use crate::text::{FileId, SourceFile, TextRange};
use crate::yaml::Node;

use super::interpolated::Interpolated;
use super::load::Loader;
use super::options::Environment;
use super::origin::{Located, Origin};
use super::problem::{Problem, ProblemKind};
use super::resources::{self, Config, Model, Network, Secret, Volume};
use super::service::Service;

/// A loaded project.
#[derive(Clone, Debug)]
pub struct Project {
    /// The project name, normalized as Compose does; empty when none could be found.
    pub name: String,
    /// Every file read (Compose files, included and extended files, `.env` and env files),
    /// indexed by [`FileId`].
    pub files: Vec<SourceFile>,
    /// The `-f` (or discovered) Compose files, in merge order.
    pub compose_files: Vec<FileId>,
    /// Where relative paths of the main files point (compose-go's working directory).
    pub project_dir: PathBuf,
    /// The environment the main files were interpolated with: the process environment, then
    /// `.env`, then `COMPOSE_PROJECT_NAME`.
    pub environment: Environment,
    /// The active profiles (`--profile` or `COMPOSE_PROFILES`).
    pub profiles: Vec<String>,
    /// The merged, interpolated tree of the whole project, `include` and `extends` applied;
    /// `None` when no file holds a mapping. Each service's mapping lives in its
    /// [`Service::node`]: under `services`, a service read into the model is a null at its
    /// place (a service that is not a mapping stays as written).
    pub root: Option<Node>,
    /// The services Compose runs with the active profiles, by name.
    pub services: BTreeMap<String, Service>,
    /// The services the active profiles leave out, by name.
    pub disabled_services: BTreeMap<String, DisabledService>,
    pub networks: BTreeMap<String, Network>,
    pub volumes: BTreeMap<String, Volume>,
    pub secrets: BTreeMap<String, Secret>,
    pub configs: BTreeMap<String, Config>,
    pub models: BTreeMap<String, Model>,
    /// Every value interpolation changed, sorted by file and position.
    pub interpolations: Vec<Interpolated>,
    /// Everything found wrong, sorted by file and position (problems in no file first).
    pub problems: Vec<Problem>,
    /// The base directory of each file's relative paths.
    bases: Vec<PathBuf>,
}

/// A service the active profiles leave out.
#[derive(Clone, Debug, PartialEq)]
pub struct DisabledService {
    pub service: Service,
    /// Why: none of its profiles is active.
    pub why: Message,
}

impl Project {
    pub fn file(&self, file: FileId) -> Option<&SourceFile> {
        self.files.get(file.0 as usize)
    }

    /// The id of a file read for the project, by path.
    pub fn file_id(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|file| file.path() == path)
            .map(|index| FileId(index as u32))
    }

    /// The directory relative paths written in `file` are taken from.
    pub fn base_dir(&self, file: FileId) -> Option<&Path> {
        self.bases.get(file.0 as usize).map(PathBuf::as_path)
    }

    /// A service, enabled or disabled.
    pub fn any_service(&self, name: &str) -> Option<&Service> {
        self.services.get(name).or_else(|| {
            self.disabled_services
                .get(name)
                .map(|disabled| &disabled.service)
        })
    }

    /// Every service, enabled and disabled, by name.
    pub fn all_services(&self) -> impl Iterator<Item = &Service> {
        let mut all: Vec<&Service> = self
            .services
            .values()
            .chain(
                self.disabled_services
                    .values()
                    .map(|disabled| &disabled.service),
            )
            .collect();
        all.sort_by(|a, b| a.name.cmp(&b.name));
        all.into_iter()
    }

    /// The interpolation that produced the value at `range` of `file`, if any.
    pub fn interpolation(&self, file: FileId, range: TextRange) -> Option<&Interpolated> {
        let index = self
            .interpolations
            .partition_point(|item| (item.file, item.range.start) < (file, range.start));
        self.interpolations[index..]
            .iter()
            .take_while(|item| item.file == file && item.range.start == range.start)
            .find(|item| item.range == range)
    }

    /// The interpolated values in `file`, in order.
    pub fn interpolations_in(&self, file: FileId) -> &[Interpolated] {
        let start = self.interpolations.partition_point(|item| item.file < file);
        let end = self
            .interpolations
            .partition_point(|item| item.file <= file);
        &self.interpolations[start..end]
    }

    /// `path:line:column` of a place, the path relative to the project directory.
    pub fn place(&self, file: FileId, range: TextRange) -> String {
        super::origin::place(&self.files, &self.project_dir, file, range)
    }

    /// How a value got where it is, in words: "defined in base.yaml:12:5, brought by
    /// `extends` in compose.yaml:4:5".
    pub fn describe(&self, origin: &Origin) -> Message {
        origin.describe(&self.files, &self.project_dir)
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// What loading produced, for [`assemble`].
pub(crate) struct Parts {
    pub name: String,
    pub compose_files: Vec<FileId>,
    pub project_dir: PathBuf,
    pub environment: Environment,
    pub profiles: Vec<String>,
    pub root: Option<Node>,
}

/// Builds the typed model from the merged tree, applies profiles and runs the checks.
pub(crate) fn assemble(loader: &mut Loader, parts: Parts) -> Project {
    let Parts {
        name,
        compose_files,
        project_dir,
        environment,
        profiles,
        root,
    } = parts;
    let mut all: BTreeMap<String, Service> = BTreeMap::new();
    let mut networks = BTreeMap::new();
    let mut volumes = BTreeMap::new();
    let mut secrets = BTreeMap::new();
    let mut configs = BTreeMap::new();
    let mut models = BTreeMap::new();
    let failed_extends = std::mem::take(&mut loader.failed_extends);
    let mut root = root;
    if let Some(root) = &mut root {
        validate(root, &failed_extends, &mut loader.problems);
        // Each service's mapping moves into its `Service`, leaving a null at its place: one
        // copy of the largest part of the tree.
        if let Some(services) =
            super::load::get_mut(root, "services").and_then(super::load::mapping_mut)
        {
            for entry in &mut services.entries {
                let Some(service_name) = entry.key.as_str() else {
                    continue;
                };
                if entry.value.as_mapping().is_none() || all.contains_key(service_name) {
                    continue;
                }
                let placeholder = super::load::null_node(entry.value.file, entry.value.range);
                let node = std::mem::replace(&mut entry.value, placeholder);
                let service = Service::read(loader, service_name, &entry.key, node, &environment);
                all.insert(service_name.to_owned(), service);
            }
        }
        networks = resources::networks(root, &name);
        volumes = resources::volumes(root, &name);
        secrets = resources::file_objects(loader, root, "secrets", &name);
        configs = resources::file_objects(loader, root, "configs", &name);
        models = resources::models(root);
    }
    let uses_default = all
        .values()
        .any(|service| service.networks.contains_key("default"));
    if uses_default && !networks.contains_key("default") {
        let at = all
            .values()
            .find(|service| service.networks.contains_key("default"))
            .map(|service| service.key.clone())
            .unwrap_or_else(|| Origin::at(FileId::default(), TextRange::default()));
        networks.insert(
            "default".to_owned(),
            Network {
                key: Located::new("default".to_owned(), at.clone()),
                node: super::load::null_node(at.file, at.range),
                external: None,
                driver: None,
                driver_opts: BTreeMap::new(),
                internal: None,
                attachable: None,
                enable_ipv4: None,
                enable_ipv6: None,
                labels: BTreeMap::new(),
                name: format!("{name}_default"),
                implicit: true,
            },
        );
    }

    let (services, disabled_services) = apply_profiles(all, &profiles);
    let mut project = Project {
        name,
        files: Vec::new(),
        compose_files,
        project_dir,
        environment,
        profiles,
        root,
        services,
        disabled_services,
        networks,
        volumes,
        secrets,
        configs,
        models,
        interpolations: Vec::new(),
        problems: Vec::new(),
        bases: Vec::new(),
    };
    super::checks::run(&mut project, &mut loader.problems);
    project
}

/// Validates the merged tree against the Compose schema. A service whose `extends` failed is
/// not reported again for lacking an image.
fn validate(root: &Node, failed_extends: &BTreeSet<String>, problems: &mut Vec<Problem>) {
    let mut errors = Vec::new();
    crate::schema::validate(root, super::schema::compose_file(), &mut errors);
    let version_one = version_one_services(root);
    if let Some(first) = version_one.first() {
        let count = version_one.len();
        problems.push(Problem::error(
            ProblemKind::Schema,
            first.file,
            first.range,
            msg!(
                "this file is in the Compose v1 format: its {count} service(s) sit at the top \
                 level, without `services:`, and Docker Compose v2 no longer reads it; indent \
                 them under a top-level `services:` key (and `volumes`, `networks` beside it)",
                "ce fichier est au format Compose v1 : ses {count} service(s) sont au premier \
                 niveau, sans `services:`, et Docker Compose v2 ne le lit plus ; indentez-les \
                 sous une clé `services:` de premier niveau (et `volumes`, `networks` à côté)",
            ),
        ));
    }
    for error in errors {
        let consequence = error.kind == SchemaErrorKind::MissingOneOf
            && error
                .path
                .strip_prefix("services.")
                .is_some_and(|name| failed_extends.contains(name));
        // One problem says the file is in the v1 format, not one per service.
        let v1_service = error.kind == SchemaErrorKind::UnknownKey
            && version_one
                .iter()
                .any(|key| key.file == error.file && key.range == error.range);
        if !consequence && !v1_service {
            problems.push(Problem::from_schema(error));
        }
    }
}

/// The keys of the services of a file written in the Compose v1 format, which had no
/// `services:` and put each service at the top level: mappings with an `image` or a `build`.
fn version_one_services(root: &Node) -> Vec<&Node> {
    let Some(mapping) = root.as_mapping() else {
        return Vec::new();
    };
    if root.get("services").is_some() {
        return Vec::new();
    }
    mapping
        .entries
        .iter()
        .filter(|entry| {
            entry.value.as_mapping().is_some()
                && (entry.value.get("image").is_some() || entry.value.get("build").is_some())
        })
        .map(|entry| &entry.key)
        .collect()
}

/// Splits services into those the active profiles enable and the others: a service without
/// profiles is always enabled, `*` enables every profile.
fn apply_profiles(
    all: BTreeMap<String, Service>,
    active: &[String],
) -> (BTreeMap<String, Service>, BTreeMap<String, DisabledService>) {
    let mut enabled = BTreeMap::new();
    let mut disabled = BTreeMap::new();
    let wildcard = active.iter().any(|profile| profile == "*");
    for (name, service) in all {
        let on = service.profiles.is_empty()
            || wildcard
            || service
                .profiles
                .iter()
                .any(|profile| active.contains(&profile.value));
        if on {
            enabled.insert(name, service);
        } else {
            let list = service
                .profiles
                .iter()
                .map(|profile| profile.value.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            let why = msg!(
                "none of its profiles ({list}) is active",
                "aucun de ses profils ({list}) n'est actif",
            );
            disabled.insert(name, DisabledService { service, why });
        }
    }
    (enabled, disabled)
}

impl Project {
    /// Fills what the loader kept: files, bases, interpolations and the sorted problems.
    pub(crate) fn finish(
        &mut self,
        files: Vec<SourceFile>,
        bases: Vec<PathBuf>,
        mut interpolations: Vec<Interpolated>,
        mut problems: Vec<Problem>,
    ) {
        interpolations.sort_by(|a, b| {
            (a.file, a.range.start, a.range.end).cmp(&(b.file, b.range.start, b.range.end))
        });
        interpolations.dedup_by(|a, b| a.file == b.file && a.range == b.range);
        problems.sort_by(|a, b| {
            (a.file, a.range.start, a.range.end, &a.message.en).cmp(&(
                b.file,
                b.range.start,
                b.range.end,
                &b.message.en,
            ))
        });
        problems.dedup();
        self.files = files;
        self.bases = bases;
        self.interpolations = interpolations;
        self.problems = problems;
    }
}
