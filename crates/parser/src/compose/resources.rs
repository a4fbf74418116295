//! The top-level `networks`, `volumes`, `secrets`, `configs` and `models`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::yaml::{Node, NodeKind};

use super::load::Loader;
use super::origin::{Located, Origin};
use super::read::{KeyValue, boolean, boolean_at, entries, key_values_at, string, string_at};

/// A network of the project.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    /// The key, as services name it.
    pub key: Located<String>,
    /// The definition as merged (null for `name:` with nothing after it).
    pub node: Node,
    pub external: Option<Located<bool>>,
    pub driver: Option<Located<String>>,
    pub driver_opts: BTreeMap<String, Located<String>>,
    pub internal: Option<Located<bool>>,
    pub attachable: Option<Located<bool>>,
    pub enable_ipv4: Option<Located<bool>>,
    pub enable_ipv6: Option<Located<bool>>,
    pub labels: BTreeMap<String, KeyValue>,
    /// The name Docker knows it by: `name:`, else the key for an external network, else
    /// `<project>_<key>`.
    pub name: String,
    /// The `default` network Compose adds when a service joins no network and none is defined.
    pub implicit: bool,
}

/// A named volume of the project.
#[derive(Clone, Debug, PartialEq)]
pub struct Volume {
    pub key: Located<String>,
    pub node: Node,
    pub external: Option<Located<bool>>,
    pub driver: Option<Located<String>>,
    pub driver_opts: BTreeMap<String, Located<String>>,
    pub labels: BTreeMap<String, KeyValue>,
    pub name: String,
}

/// A secret or a config of the project (they are read alike; configs may have `content`).
#[derive(Clone, Debug, PartialEq)]
pub struct FileObject {
    pub key: Located<String>,
    pub node: Node,
    pub file: Option<Located<String>>,
    /// `file` made absolute.
    pub file_path: Option<PathBuf>,
    /// The project environment variable holding the value.
    pub environment: Option<Located<String>>,
    /// A config's inline content.
    pub content: Option<Located<String>>,
    pub external: Option<Located<bool>>,
    pub driver: Option<Located<String>>,
    pub labels: BTreeMap<String, KeyValue>,
    pub name: String,
}

pub type Secret = FileObject;
pub type Config = FileObject;

/// An AI model of the project.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub key: Located<String>,
    pub node: Node,
    /// The model reference (`ai/smollm2`).
    pub model: Option<Located<String>>,
    pub name: Option<Located<String>>,
}

/// `external: true`, or the deprecated `external: {name: ...}` (which means true).
fn external(node: &Node) -> Option<Located<bool>> {
    let value = node.get("external")?;
    match &value.kind {
        NodeKind::Mapping(_) => Some(Located::new(true, Origin::of(value))),
        _ => boolean(value),
    }
}

/// The name Docker knows a resource by.
fn docker_name(node: &Node, key: &str, project: &str) -> String {
    if let Some(name) = string_at(node, "name") {
        return name.value;
    }
    let external = external(node);
    if let Some(name) = node
        .get("external")
        .and_then(|external| string_at(external, "name"))
    {
        return name.value;
    }
    if external.is_some_and(|external| external.value) {
        key.to_owned()
    } else {
        format!("{project}_{key}")
    }
}

fn string_map(node: Option<&Node>) -> BTreeMap<String, Located<String>> {
    entries(node)
        .into_iter()
        .filter_map(|(key, value)| Some((key.value, string(value)?)))
        .collect()
}

pub(crate) fn networks(root: &Node, project: &str) -> BTreeMap<String, Network> {
    entries(root.get("networks"))
        .into_iter()
        .map(|(key, node)| {
            let network = Network {
                name: docker_name(node, &key.value, project),
                external: external(node),
                driver: string_at(node, "driver"),
                driver_opts: string_map(node.get("driver_opts")),
                internal: boolean_at(node, "internal"),
                attachable: boolean_at(node, "attachable"),
                enable_ipv4: boolean_at(node, "enable_ipv4"),
                enable_ipv6: boolean_at(node, "enable_ipv6"),
                labels: key_values_at(node, "labels"),
                node: node.clone(),
                key: key.clone(),
                implicit: false,
            };
            (key.value, network)
        })
        .collect()
}

pub(crate) fn volumes(root: &Node, project: &str) -> BTreeMap<String, Volume> {
    entries(root.get("volumes"))
        .into_iter()
        .map(|(key, node)| {
            let volume = Volume {
                name: docker_name(node, &key.value, project),
                external: external(node),
                driver: string_at(node, "driver"),
                driver_opts: string_map(node.get("driver_opts")),
                labels: key_values_at(node, "labels"),
                node: node.clone(),
                key: key.clone(),
            };
            (key.value, volume)
        })
        .collect()
}

/// `secrets` or `configs`.
pub(crate) fn file_objects(
    loader: &Loader,
    root: &Node,
    section: &str,
    project: &str,
) -> BTreeMap<String, FileObject> {
    entries(root.get(section))
        .into_iter()
        .map(|(key, node)| {
            let file = string_at(node, "file");
            let object = FileObject {
                name: docker_name(node, &key.value, project),
                file_path: file.as_ref().map(|file| loader.resolve_path(file)),
                file,
                environment: string_at(node, "environment"),
                content: string_at(node, "content"),
                external: external(node),
                driver: string_at(node, "driver"),
                labels: key_values_at(node, "labels"),
                node: node.clone(),
                key: key.clone(),
            };
            (key.value, object)
        })
        .collect()
}

pub(crate) fn models(root: &Node) -> BTreeMap<String, Model> {
    entries(root.get("models"))
        .into_iter()
        .map(|(key, node)| {
            let model = Model {
                model: string_at(node, "model"),
                name: string_at(node, "name"),
                node: node.clone(),
                key: key.clone(),
            };
            (key.value, model)
        })
        .collect()
}
