//! `include`: other Compose files loaded as projects of their own (own directory, own `.env`)
//! whose resources are imported into the including file (compose-go `loader/include.go`).

use std::path::PathBuf;

use crate::msg;
use crate::text::{FileId, TextRange};
use crate::yaml::{Entry, Node, NodeKind, Via, ViaKind};

use super::super::fs::absolute;
use super::super::problem::{Problem, ProblemKind};
use super::merge::{Merger, Place, Resources};
use super::tree::{add_via, get_mut, mapping_at, take_entry};
use super::{Context, IncludeLink, Loader, read_error_message};
use crate::schema::Segment;

/// The top-level sections an included project contributes, with how a local definition of the
/// same name merges over the imported one.
const IMPORTED: [(&str, Place); 6] = [
    ("services", Place::Service),
    ("volumes", Place::Resource(Resources::Volumes)),
    ("networks", Place::Resource(Resources::Networks)),
    ("secrets", Place::Generic),
    ("configs", Place::Generic),
    ("models", Place::Generic),
];

/// Loads each entry of `root`'s `include` and imports its resources into `root`, then removes
/// `include`.
pub(crate) fn apply(loader: &mut Loader, root: &mut Node, file: FileId, context: &Context) {
    let Some(entry) = take_entry(root, "include") else {
        return;
    };
    // `include` is consumed here, before the merged tree is validated: check it now.
    super::validate_at(loader, &entry.value, &[Segment::Key("include")]);
    let items: Vec<Node> = match entry.value.kind {
        NodeKind::Sequence(sequence) => sequence.items,
        // The schema reports an `include` that is not a list.
        _ => return,
    };
    for item in items {
        if let Some(imported) = load_entry(loader, &item, file, context) {
            import(loader, root, imported);
        }
    }
}

/// One `include` entry loaded as a project: `None` when it cannot be.
fn load_entry(loader: &mut Loader, item: &Node, file: FileId, context: &Context) -> Option<Node> {
    let (paths, project_directory, env_files) = match &item.kind {
        NodeKind::Scalar(_) if !item.is_null() => (vec![item.clone()], None, Vec::new()),
        NodeKind::Mapping(_) => (
            string_or_list(item.get("path")),
            item.get("project_directory").filter(|node| !node.is_null()),
            string_or_list(item.get("env_file")),
        ),
        _ => return None,
    };
    let first = paths.first()?;
    if let Some(remote) = paths
        .iter()
        .find(|node| node.as_str().is_some_and(super::is_remote))
    {
        super::report_remote(loader, remote, remote.as_str().unwrap_or_default());
        return None;
    }
    let resolve = |node: &Node| {
        let written = node.as_str().unwrap_or_default();
        absolute(&context.project_dir, &loader.expand_user(written))
    };
    let paths: Vec<(PathBuf, &Node)> = paths.iter().map(|node| (resolve(node), node)).collect();
    let main_path = paths[0].0.clone();
    let project_dir = match project_directory {
        Some(dir) => resolve(dir),
        None => main_path
            .parent()
            .map_or_else(|| context.project_dir.clone(), PathBuf::from),
    };
    let current = IncludeLink {
        path: loader.path(file).to_path_buf(),
        file,
        range: item.range,
    };
    let mut chain = context.include_chain.clone();
    chain.push(current);
    if let Some(start) = chain.iter().position(|link| link.path == main_path) {
        report_cycle(loader, &chain[start..], &main_path, first);
        return None;
    }

    // The included project's environment: the including one's, then its own `.env` (or
    // `env_file`) under it, since the including environment wins.
    let env_paths: Vec<PathBuf> = if env_files.is_empty() {
        let default = project_dir.join(".env");
        if loader.exists(&default) && !loader.is_dir(&default) {
            vec![default]
        } else {
            Vec::new()
        }
    } else {
        env_files
            .iter()
            .filter(|node| node.as_str() != Some("/dev/null"))
            .map(|node| {
                let written = node.as_str().unwrap_or_default();
                absolute(&context.project_dir, &loader.expand_user(written))
            })
            .collect()
    };
    let at = env_files.first().map(|node| (node.file, node.range));
    let own = loader.read_env_files(&env_paths, &context.environment, at);
    let mut environment = context.environment.clone();
    for (name, var) in own.iter() {
        environment.set_default(name, var.clone());
    }

    let mut files = Vec::new();
    for (path, node) in &paths {
        match loader.read(path, &project_dir) {
            Ok(file) => files.push(file),
            Err(error) => {
                loader.problems.push(Problem::error(
                    ProblemKind::Include,
                    node.file,
                    node.range,
                    read_error_message(path, &error),
                ));
                return None;
            }
        }
    }
    let included = Context {
        project_dir,
        environment,
        include_chain: chain,
    };
    let mut imported = loader.load_files(&files, &included)?;
    add_via(
        &mut imported,
        &Via {
            kind: ViaKind::Include,
            file: item.file,
            range: item.range,
        },
    );
    Some(imported)
}

fn report_cycle(loader: &mut Loader, cycle: &[IncludeLink], path: &std::path::Path, at: &Node) {
    let mut steps: Vec<String> = cycle
        .iter()
        .map(|link| link.path.display().to_string())
        .collect();
    steps.push(path.display().to_string());
    let chain = steps.join(" -> ");
    let mut problem = Problem::error(
        ProblemKind::Cycle,
        at.file,
        at.range,
        msg!(
            "include cycle detected: {chain}",
            "cycle d'inclusion détecté : {chain}",
        ),
    );
    for link in cycle {
        problem = problem.with_label(link.file, link.range, msg!("included here", "inclus ici"));
    }
    loader.problems.push(problem);
}

/// The strings of a string-or-list value.
fn string_or_list(node: Option<&Node>) -> Vec<Node> {
    match node.map(|node| &node.kind) {
        Some(NodeKind::Sequence(sequence)) => sequence
            .items
            .iter()
            .filter(|item| item.as_str().is_some() && !item.is_null())
            .cloned()
            .collect(),
        Some(NodeKind::Scalar(_)) if !node.is_some_and(Node::is_null) => {
            node.into_iter().cloned().collect()
        }
        _ => Vec::new(),
    }
}

/// Adds the resources of `imported` to `root`; a resource `root` defines too is the imported
/// one with the local one merged over it (compose-go since 2025-11, `importResource`).
fn import(loader: &mut Loader, root: &mut Node, imported: Node) {
    let NodeKind::Mapping(imported) = imported.kind else {
        return;
    };
    for entry in imported.entries {
        let Some(section) = entry.key.as_str() else {
            continue;
        };
        let Some(&(_, place)) = IMPORTED.iter().find(|(name, _)| *name == section) else {
            continue;
        };
        let place_holder = entry.value_place();
        let NodeKind::Mapping(resources) = entry.value.kind else {
            continue;
        };
        let section = section.to_owned();
        if get_mut(root, &section).is_none_or(|node| node.as_mapping().is_none()) {
            let mapping = mapping_at(&place_holder, Vec::new());
            set(root, entry.key.clone(), mapping);
        }
        let Some(target) = get_mut(root, &section) else {
            continue;
        };
        for resource in resources.entries {
            let Some(name) = resource.key.as_str().map(str::to_owned) else {
                continue;
            };
            let Some(local) = super::tree::mapping_mut(target) else {
                break;
            };
            match super::tree::position(local, &name) {
                None => local.entries.push(resource),
                Some(i) => {
                    let local_value = std::mem::replace(
                        &mut local.entries[i].value,
                        super::tree::null(resource.key.file, TextRange::default(), &[]),
                    );
                    let local_key = local.entries[i].key.clone();
                    let mut merger = Merger {
                        problems: &mut loader.problems,
                        from_override_file: false,
                    };
                    let merged = merger.merge(resource.value, local_value, place, &local_key);
                    if let Some(local) = super::tree::mapping_mut(target) {
                        local.entries[i].value = merged;
                    }
                }
            }
        }
    }
}

/// Sets `key` in a mapping, replacing an entry of that key or adding one.
fn set(root: &mut Node, key: Node, value: Node) {
    let Some(mapping) = super::tree::mapping_mut(root) else {
        return;
    };
    let name = key.as_str().unwrap_or_default().to_owned();
    match super::tree::position(mapping, &name) {
        Some(i) => mapping.entries[i].value = value,
        None => mapping.entries.push(Entry { key, value }),
    }
}

trait EntryPlace {
    fn value_place(&self) -> Node;
}

impl EntryPlace for Entry {
    fn value_place(&self) -> Node {
        super::tree::null(self.value.file, self.value.range, &self.value.via)
    }
}
