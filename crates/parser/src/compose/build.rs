//! A service's `build` section.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::yaml::{Node, NodeKind};

use super::load::Loader;
use super::origin::{Located, Origin};
use super::read::{KeyValue, boolean_at, key_values_at, string, string_at, strings_at};

/// How to build a service's image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Build {
    /// The context as written; `.` when not written (or `build:` given as a string).
    pub context: Located<String>,
    /// Where the context is: an absolute path for a local context, `None` for a Git or HTTP
    /// URL or another builder's context (`docker-image://`, `service:`).
    pub context_path: Option<PathBuf>,
    /// `dockerfile` as written; `Dockerfile` when neither it nor `dockerfile_inline` is.
    pub dockerfile: Option<Located<String>>,
    /// The Dockerfile's absolute path, for a local context.
    pub dockerfile_path: Option<PathBuf>,
    pub dockerfile_inline: Option<Located<String>>,
    /// `args`, a bare name taking its value from the project environment.
    pub args: BTreeMap<String, KeyValue>,
    pub target: Option<Located<String>>,
    pub labels: BTreeMap<String, KeyValue>,
    pub additional_contexts: BTreeMap<String, KeyValue>,
    pub secrets: Vec<BuildSecret>,
    pub ssh: Vec<Located<String>>,
    pub cache_from: Vec<Located<String>>,
    pub cache_to: Vec<Located<String>>,
    pub platforms: Vec<Located<String>>,
    pub tags: Vec<Located<String>>,
    pub network: Option<Located<String>>,
    pub no_cache: Option<Located<bool>>,
    pub pull: Option<Located<bool>>,
    pub privileged: Option<Located<bool>>,
    pub origin: Origin,
}

/// A build secret: `secrets: [name]` or `{source, target, ...}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildSecret {
    pub source: Located<String>,
    pub target: Option<Located<String>>,
    pub origin: Origin,
}

impl Build {
    pub(crate) fn read(
        loader: &Loader,
        node: &Node,
        project: &super::options::Environment,
    ) -> Option<Build> {
        let origin = Origin::of(node);
        if let NodeKind::Scalar(_) = node.kind {
            let context = string(node)?;
            return Some(Build::from_context(loader, context, None, origin));
        }
        node.as_mapping()?;
        let context = string_at(node, "context")
            .unwrap_or_else(|| Located::new(".".to_owned(), origin.clone()));
        let mut build = Build::from_context(loader, context, Some(node), origin);
        build.dockerfile_inline = string_at(node, "dockerfile_inline");
        if let Some(dockerfile) = string_at(node, "dockerfile") {
            build.dockerfile = Some(dockerfile);
        } else if build.dockerfile_inline.is_some() {
            build.dockerfile = None;
        }
        build.dockerfile_path = match (&build.context_path, &build.dockerfile) {
            (Some(context), Some(dockerfile)) => {
                let written = loader.expand_user(&dockerfile.value);
                Some(super::fs::absolute(context, &written))
            }
            _ => None,
        };
        let mut args = key_values_at(node, "args");
        // A bare build argument takes its value from the project environment, and is left out
        // when it has none (compose-go `Normalize`).
        args.retain(|name, pair| {
            if pair.value.is_some() {
                return true;
            }
            match project.get(name) {
                Some(value) => {
                    pair.value = Some(Located::new(value.to_owned(), pair.key.origin.clone()));
                    true
                }
                None => false,
            }
        });
        build.args = args;
        build.target = string_at(node, "target");
        build.labels = key_values_at(node, "labels");
        build.additional_contexts = key_values_at(node, "additional_contexts");
        build.secrets = secrets(node.get("secrets"));
        build.ssh = strings_at(node, "ssh");
        build.cache_from = strings_at(node, "cache_from");
        build.cache_to = strings_at(node, "cache_to");
        build.platforms = strings_at(node, "platforms");
        build.tags = strings_at(node, "tags");
        build.network = string_at(node, "network");
        build.no_cache = boolean_at(node, "no_cache");
        build.pull = boolean_at(node, "pull");
        build.privileged = boolean_at(node, "privileged");
        Some(build)
    }

    fn from_context(
        loader: &Loader,
        context: Located<String>,
        node: Option<&Node>,
        origin: Origin,
    ) -> Build {
        let context_path = is_local_context(&context.value).then(|| loader.resolve_path(&context));
        let dockerfile = Located::new(
            "Dockerfile".to_owned(),
            node.map_or_else(|| origin.clone(), Origin::of),
        );
        let dockerfile_path = context_path
            .as_ref()
            .map(|context| context.join("Dockerfile"));
        Build {
            context,
            context_path,
            dockerfile: Some(dockerfile),
            dockerfile_path,
            dockerfile_inline: None,
            args: BTreeMap::new(),
            target: None,
            labels: BTreeMap::new(),
            additional_contexts: BTreeMap::new(),
            secrets: Vec::new(),
            ssh: Vec::new(),
            cache_from: Vec::new(),
            cache_to: Vec::new(),
            platforms: Vec::new(),
            tags: Vec::new(),
            network: None,
            no_cache: None,
            pull: None,
            privileged: None,
            origin,
        }
    }

    /// Whether the Dockerfile is in the file system (not inline, not in a remote context).
    pub fn has_local_dockerfile(&self) -> bool {
        self.dockerfile_path.is_some() && self.dockerfile_inline.is_none()
    }
}

/// Whether a build context is a directory (not a Git or HTTP URL, not a builder-specific
/// context such as `docker-image://` or `service:`), as compose-go decides before making it
/// absolute.
pub fn is_local_context(context: &str) -> bool {
    const REMOTE: [&str; 6] = [
        "https://",
        "http://",
        "git://",
        "ssh://",
        "github.com/",
        "git@",
    ];
    !(context.contains("://")
        || context.starts_with("service:")
        || REMOTE.iter().any(|prefix| context.starts_with(prefix)))
}

fn secrets(node: Option<&Node>) -> Vec<BuildSecret> {
    let Some(sequence) = node.and_then(Node::as_sequence) else {
        return Vec::new();
    };
    sequence
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            NodeKind::Mapping(_) => Some(BuildSecret {
                source: string_at(item, "source")?,
                target: string_at(item, "target"),
                origin: Origin::of(item),
            }),
            _ => Some(BuildSecret {
                source: string(item)?,
                target: None,
                origin: Origin::of(item),
            }),
        })
        .collect()
}
