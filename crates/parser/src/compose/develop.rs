//! A service's `develop` section (`docker compose watch`).

use std::path::PathBuf;

use crate::yaml::Node;

use super::load::Loader;
use super::origin::{Located, Origin};
use super::read::{string_at, strings_at};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Develop {
    pub watch: Vec<Watch>,
    pub origin: Origin,
}

/// One `develop.watch` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Watch {
    pub path: Option<Located<String>>,
    /// `path` made absolute.
    pub path_abs: Option<PathBuf>,
    /// `rebuild`, `sync`, `restart`, `sync+restart` or `sync+exec`.
    pub action: Option<Located<String>>,
    pub target: Option<Located<String>>,
    pub ignore: Vec<Located<String>>,
    pub include: Vec<Located<String>>,
    pub origin: Origin,
}

impl Develop {
    pub(crate) fn read(loader: &Loader, node: &Node) -> Option<Develop> {
        node.as_mapping()?;
        let watch = node
            .get("watch")
            .and_then(Node::as_sequence)
            .map(|sequence| {
                sequence
                    .items
                    .iter()
                    .filter(|item| item.as_mapping().is_some())
                    .map(|item| {
                        let path = string_at(item, "path");
                        Watch {
                            path_abs: path
                                .as_ref()
                                .filter(|path| !path.value.is_empty())
                                .map(|path| loader.resolve_path(path)),
                            path,
                            action: string_at(item, "action"),
                            target: string_at(item, "target"),
                            ignore: strings_at(item, "ignore"),
                            include: strings_at(item, "include"),
                            origin: Origin::of(item),
                        }
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(Develop {
            watch,
            origin: Origin::of(node),
        })
    }
}
