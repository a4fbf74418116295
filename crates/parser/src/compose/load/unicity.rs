//! Compose's unicity rule (compose-go `override/uncity.go`): in some lists of a service, a
//! later entry with the same key replaces an earlier one, where the earlier one stood. After a
//! merge this is how an override file replaces a port or a volume; within one file it
//! silently drops the earlier entry, which berth reports.

use foldhash::{HashMap, HashMapExt};

use crate::msg;
use crate::yaml::{Node, NodeKind};

use super::super::problem::{Problem, ProblemKind};
use super::tree::{get_mut, mapping_mut};

/// How the entries of a list are keyed.
#[derive(Clone, Copy)]
enum KeyBy {
    /// `KEY=value` by `KEY`; a plain value by itself.
    Pair,
    /// A device by its container path.
    Device,
    /// A secret or config by its target, with the default directory of the target.
    Mount(&'static str),
    EnvFile,
    Expose,
    Port,
    Volume,
}

const SERVICE_LISTS: [(&str, KeyBy); 19] = [
    ("annotations", KeyBy::Pair),
    ("cap_add", KeyBy::Pair),
    ("cap_drop", KeyBy::Pair),
    ("configs", KeyBy::Mount("")),
    ("devices", KeyBy::Device),
    ("dns", KeyBy::Pair),
    ("dns_opt", KeyBy::Pair),
    ("dns_search", KeyBy::Pair),
    ("env_file", KeyBy::EnvFile),
    ("environment", KeyBy::Pair),
    ("expose", KeyBy::Expose),
    ("labels", KeyBy::Pair),
    ("links", KeyBy::Pair),
    ("ports", KeyBy::Port),
    ("profiles", KeyBy::Pair),
    ("secrets", KeyBy::Mount("/run/secrets")),
    ("sysctls", KeyBy::Pair),
    ("tmpfs", KeyBy::Pair),
    ("volumes", KeyBy::Volume),
];

const BUILD_LISTS: [&str; 4] = ["args", "additional_contexts", "labels", "tags"];

/// Applies the unicity rule to the merged tree of a project.
pub(crate) fn enforce(root: &mut Node, problems: &mut Vec<Problem>) {
    if let Some(services) = get_mut(root, "services").and_then(mapping_mut) {
        for entry in &mut services.entries {
            enforce_service(&mut entry.value, problems);
        }
    }
    if let Some(networks) = get_mut(root, "networks").and_then(mapping_mut) {
        for entry in &mut networks.entries {
            if let Some(labels) = get_mut(&mut entry.value, "labels") {
                deduplicate(labels, KeyBy::Pair, problems);
            }
        }
    }
}

fn enforce_service(service: &mut Node, problems: &mut Vec<Problem>) {
    let Some(mapping) = mapping_mut(service) else {
        return;
    };
    for entry in &mut mapping.entries {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        if let Some(&(_, key)) = SERVICE_LISTS.iter().find(|(list, _)| *list == name) {
            deduplicate(&mut entry.value, key, problems);
            continue;
        }
        match name {
            "build" => {
                for list in BUILD_LISTS {
                    if let Some(value) = get_mut(&mut entry.value, list) {
                        deduplicate(value, KeyBy::Pair, problems);
                    }
                }
            }
            "deploy" => {
                if let Some(labels) = get_mut(&mut entry.value, "labels") {
                    deduplicate(labels, KeyBy::Pair, problems);
                }
            }
            "networks" => {
                if let Some(networks) = mapping_mut(&mut entry.value) {
                    for network in &mut networks.entries {
                        for list in ["aliases", "link_local_ips"] {
                            if let Some(value) = get_mut(&mut network.value, list) {
                                deduplicate(value, KeyBy::Pair, problems);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Keeps the last entry of each key, at the place of the first.
fn deduplicate(list: &mut Node, key: KeyBy, problems: &mut Vec<Problem>) {
    let NodeKind::Sequence(sequence) = &mut list.kind else {
        return;
    };
    if sequence.items.len() < 2 {
        return;
    }
    let mut kept: Vec<Node> = Vec::with_capacity(sequence.items.len());
    let mut positions: HashMap<String, usize> = HashMap::new();
    for item in sequence.items.drain(..) {
        let Some(name) = key_of(&item, key) else {
            kept.push(item);
            continue;
        };
        match positions.get(&name) {
            Some(&i) => {
                report(&kept[i], &item, problems);
                kept[i] = item;
            }
            None => {
                positions.insert(name, kept.len());
                kept.push(item);
            }
        }
    }
    sequence.items = kept;
}

/// Within one file, an entry replaced by another with the same key is a mistake Compose does
/// not report (it de-duplicates before validating, so even the schema's unique items never
/// see a repeated entry); an override, `extends` or `include` doing it is the point.
fn report(dropped: &Node, kept: &Node, problems: &mut Vec<Problem>) {
    if dropped.file != kept.file || !dropped.via.is_empty() || !kept.via.is_empty() {
        return;
    }
    let message = if dropped.as_str().is_some() && dropped.as_str() == kept.as_str() {
        msg!(
            "this entry is repeated later: Compose keeps only one; remove the repetition",
            "cette entrée est répétée plus loin : Compose n'en garde qu'une ; supprimez la \
             répétition",
        )
    } else {
        msg!(
            "this entry is replaced by a later one with the same key: Compose keeps only the \
             last; remove one of them",
            "cette entrée est remplacée par une autre de même clé plus loin : Compose ne garde \
             que la dernière ; supprimez l'une des deux",
        )
    };
    problems.push(
        Problem::warning(ProblemKind::Duplicate, dropped.file, dropped.range, message).with_label(
            kept.file,
            kept.range,
            msg!("the entry Compose keeps", "l'entrée que Compose garde"),
        ),
    );
}

fn key_of(item: &Node, key: KeyBy) -> Option<String> {
    match key {
        KeyBy::Pair => {
            let text = item.as_str()?;
            Some(text.split_once('=').map_or(text, |(key, _)| key).to_owned())
        }
        KeyBy::Device => match &item.kind {
            NodeKind::Mapping(_) => item.get("target")?.as_str().map(str::to_owned),
            _ => {
                let text = item.as_str()?;
                let mut parts = text.split(':');
                let source = parts.next()?;
                Some(parts.next().unwrap_or(source).to_owned())
            }
        },
        KeyBy::Mount(directory) => match &item.kind {
            NodeKind::Mapping(_) => match item.get("target").and_then(Node::as_str) {
                Some(target) => Some(target.to_owned()),
                None => Some(format!("{directory}/{}", item.get("source")?.as_str()?)),
            },
            _ => Some(format!("{directory}/{}", item.as_str()?)),
        },
        KeyBy::EnvFile => match &item.kind {
            NodeKind::Mapping(_) => item.get("path")?.as_str().map(str::to_owned),
            _ => item.as_str().map(str::to_owned),
        },
        KeyBy::Expose => item.as_str().map(str::to_owned),
        KeyBy::Port => match &item.kind {
            NodeKind::Mapping(_) => {
                let field = |name: &str, default: &str| {
                    item.get(name)
                        .and_then(Node::as_str)
                        .unwrap_or(default)
                        .to_owned()
                };
                Some(format!(
                    "{}:{}:{}/{}",
                    field("host_ip", "0.0.0.0"),
                    field("published", ""),
                    field("target", ""),
                    field("protocol", "tcp"),
                ))
            }
            _ => item.as_str().map(str::to_owned),
        },
        KeyBy::Volume => match &item.kind {
            NodeKind::Mapping(_) => item.get("target")?.as_str().map(str::to_owned),
            _ => {
                let text = item.as_str()?;
                let (volume, _) = crate::volumes::parse_compose_volume(text);
                let target = volume.target?.slice(text);
                Some(super::super::mount::clean(target))
            }
        },
    }
}
