//! `extends`: a service built on another service of the same file or of another file
//! (compose-go `loader/extends.go`).
//!
//! The base service is resolved first (it may extend another), copied, and the extending
//! service is merged over the copy with the rules of override files, `!reset` and
//! `!override` included. Only the service is taken: the networks, volumes and other services
//! the base names are not imported. A base from another file has that file's directory as the
//! base of its relative paths.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::message::Message;
use crate::msg;
use crate::text::{FileId, TextRange};
use crate::yaml::{Mapping, Node, NodeKind, Via, ViaKind};

use super::super::fs::absolute;
use super::super::problem::{Problem, ProblemKind};
use super::merge::{Merger, Place};
use super::tree::{add_via, get_mut, mapping_mut, position, strip_resets, take_entry};
use super::{Context, Loader, read_error_message};
use crate::schema::Segment;

/// Applies `extends` to every service of `root`, a document of `file`.
pub(crate) fn apply(loader: &mut Loader, root: &mut Node, file: FileId, context: &Context) {
    let Some(services) = get_mut(root, "services").and_then(mapping_mut) else {
        return;
    };
    let has_extends = services
        .entries
        .iter()
        .any(|entry| entry.value.get("extends").is_some());
    if !has_extends {
        return;
    }
    let path = loader.path(file).to_path_buf();
    let mut scope = Scope {
        main_path: path.clone(),
        main: std::mem::replace(
            services,
            Mapping {
                entries: Vec::new(),
                flow: false,
            },
        ),
        others: HashMap::new(),
    };
    let names: Vec<String> = scope
        .main
        .entries
        .iter()
        .filter_map(|entry| entry.key.as_str().map(str::to_owned))
        .collect();
    for name in names {
        let mut chain = Vec::new();
        resolve(loader, &mut scope, &path, &name, context, &mut chain);
    }
    if let Some(services) = get_mut(root, "services").and_then(mapping_mut) {
        *services = scope.main;
    }
}

/// The services `extends` can reach: those of the file being loaded, and those of the other
/// files named by `extends.file`, loaded once each.
struct Scope {
    main_path: PathBuf,
    main: Mapping,
    others: HashMap<PathBuf, Option<Mapping>>,
}

impl Scope {
    fn services(&mut self, path: &Path) -> Option<&mut Mapping> {
        if path == self.main_path {
            Some(&mut self.main)
        } else {
            self.others.get_mut(path)?.as_mut()
        }
    }
}

/// One service on the way through a chain of `extends`, to find cycles.
struct Link {
    path: PathBuf,
    service: String,
    file: FileId,
    range: TextRange,
}

/// The service `name` of the services at `path` with its `extends` applied (and stored back,
/// so that each service is resolved once). `None` when there is no such service.
fn resolve(
    loader: &mut Loader,
    scope: &mut Scope,
    path: &Path,
    name: &str,
    context: &Context,
    chain: &mut Vec<Link>,
) -> Option<Node> {
    let services = scope.services(path)?;
    let index = position(services, name)?;
    let service = services.entries[index].value.clone();
    let Some(extends) = service.get("extends").cloned() else {
        return Some(service);
    };
    // `extends` is consumed here, before the merged tree is validated: check it now.
    super::validate_at(
        loader,
        &extends,
        &[
            Segment::Key("services"),
            Segment::Key(name),
            Segment::Key("extends"),
        ],
    );
    let (reference, file_node) = match &extends.kind {
        NodeKind::Scalar(_) if !extends.is_null() => (extends.clone(), None),
        NodeKind::Mapping(_) => match extends.get("service") {
            Some(reference) if reference.as_str().is_some() => (
                reference.clone(),
                extends.get("file").filter(|file| !file.is_null()).cloned(),
            ),
            // The schema reports the missing `service`.
            _ => return Some(service),
        },
        _ => return Some(service),
    };
    let reference_name = reference.as_str().unwrap_or_default().to_owned();
    let target_path = match &file_node {
        Some(file) => {
            let written = file.as_str().unwrap_or_default();
            if super::is_remote(written) {
                super::report_remote(loader, file, written);
                loader.failed_extends.insert(name.to_owned());
                return Some(without_extends(service));
            }
            let base = loader.base(file.file).to_path_buf();
            let target = absolute(&base, &loader.expand_user(written));
            if !scope.others.contains_key(&target) && target != scope.main_path {
                let loaded = load_other(loader, &target, file, name, context);
                scope.others.insert(target.clone(), loaded);
            }
            if scope.services(&target).is_none() {
                // Already reported when the file was loaded.
                loader.failed_extends.insert(name.to_owned());
                return Some(without_extends(service));
            }
            target
        }
        None => path.to_path_buf(),
    };
    let found = scope
        .services(&target_path)
        .is_some_and(|services| position(services, &reference_name).is_some());
    if !found {
        let in_file = match &file_node {
            Some(file) => format!(" in {}", file.as_str().unwrap_or_default()),
            None => String::new(),
        };
        let dans = match &file_node {
            Some(file) => format!(" dans {}", file.as_str().unwrap_or_default()),
            None => String::new(),
        };
        loader.problems.push(Problem::error(
            ProblemKind::Extends,
            reference.file,
            reference.range,
            msg!(
                "cannot extend service {name:?}: service {reference_name:?} not found{in_file}",
                "impossible d'étendre le service {name:?} : service {reference_name:?} \
                 introuvable{dans}",
            ),
        ));
        loader.failed_extends.insert(name.to_owned());
        return Some(without_extends(service));
    }
    let extends_range = extends.range;
    let here = Link {
        path: path.to_path_buf(),
        service: name.to_owned(),
        file: extends.file,
        range: extends_range,
    };
    chain.push(here);
    if let Some(start) = chain
        .iter()
        .position(|link| link.path == target_path && link.service == reference_name)
    {
        report_cycle(loader, &chain[start..], &target_path, &reference_name);
        loader.failed_extends.insert(name.to_owned());
        chain.pop();
        // Stored without its `extends`, so the same cycle is not reported again from
        // another of its services.
        let service = without_extends(service);
        if let Some(services) = scope.services(path)
            && let Some(entry) = services.entries.get_mut(index)
        {
            entry.value = service.clone();
        }
        return Some(service);
    }
    let base = resolve(loader, scope, &target_path, &reference_name, context, chain);
    chain.pop();
    let Some(mut base) = base else {
        return Some(without_extends(service));
    };

    let mut local = service;
    let Some(extends_entry) = take_entry(&mut local, "extends") else {
        return Some(local);
    };
    add_via(
        &mut base,
        &Via {
            kind: ViaKind::Extends,
            file: extends_entry.key.file,
            range: extends_entry.key.range.cover(extends_entry.value.range),
        },
    );
    let mut merger = Merger {
        problems: &mut loader.problems,
        from_override_file: false,
    };
    let key = extends_entry.key;
    let merged = merger.merge(base, local, Place::Service, &key);
    if let Some(services) = scope.services(path)
        && let Some(entry) = services.entries.get_mut(index)
    {
        entry.value = merged.clone();
    }
    Some(merged)
}

fn without_extends(mut service: Node) -> Node {
    take_entry(&mut service, "extends");
    service
}

/// The services of another file named by `extends.file`: parsed, interpolated, its documents
/// merged, without its own `include` or `extends` (those of the base service are followed by
/// [`resolve`]).
fn load_other(
    loader: &mut Loader,
    path: &Path,
    at: &Node,
    name: &str,
    context: &Context,
) -> Option<Mapping> {
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
    let file = match loader.read(path, &dir) {
        Ok(file) => file,
        Err(error) => {
            let reason = read_error_message(path, &error);
            loader.problems.push(Problem::error(
                ProblemKind::Extends,
                at.file,
                at.range,
                Message::new(
                    format!("cannot extend service {name:?}: {}", reason.en),
                    format!("impossible d'étendre le service {name:?} : {}", reason.fr),
                ),
            ));
            return None;
        }
    };
    let mut merged: Option<Node> = None;
    for mut root in loader.take_documents(file) {
        if root.as_mapping().is_none() {
            continue;
        }
        super::interpolate::interpolate(loader, &mut root, &context.environment);
        merged = Some(match merged {
            None => {
                strip_resets(&mut root);
                root
            }
            Some(base) => {
                let mut merger = Merger {
                    problems: &mut loader.problems,
                    from_override_file: true,
                };
                let key = super::tree::null(file, TextRange::default(), &[]);
                merger.merge_mappings(base, root, Place::Root, &key)
            }
        });
    }
    let services = merged
        .and_then(|mut root| take_entry(&mut root, "services"))
        .and_then(|entry| match entry.value.kind {
            NodeKind::Mapping(mapping) => Some(mapping),
            _ => None,
        });
    if services.is_none() {
        let shown = path.display();
        loader.problems.push(Problem::error(
            ProblemKind::Extends,
            at.file,
            at.range,
            msg!(
                "cannot extend service {name:?}: {shown} has no services section",
                "impossible d'étendre le service {name:?} : {shown} n'a pas de section \
                 services",
            ),
        ));
    }
    services
}

fn report_cycle(loader: &mut Loader, cycle: &[Link], path: &Path, service: &str) {
    let file_name = |path: &Path| {
        path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        )
    };
    let mut en = format!(
        "circular reference: {} in {}",
        cycle[0].service,
        file_name(&cycle[0].path)
    );
    let mut fr = format!(
        "référence circulaire : {} dans {}",
        cycle[0].service,
        file_name(&cycle[0].path)
    );
    for link in cycle[1..]
        .iter()
        .map(|link| (&link.service, &link.path))
        .chain([(&service.to_owned(), &path.to_path_buf())])
    {
        en.push_str(&format!(" extends {} in {}", link.0, file_name(link.1)));
        fr.push_str(&format!(" étend {} dans {}", link.0, file_name(link.1)));
    }
    let last = cycle
        .last()
        .map_or((FileId::default(), TextRange::default()), |link| {
            (link.file, link.range)
        });
    let mut problem = Problem::error(ProblemKind::Cycle, last.0, last.1, Message::new(en, fr));
    for link in &cycle[..cycle.len() - 1] {
        problem = problem.with_label(
            link.file,
            link.range,
            msg!(
                "{service} extends here",
                "{service} étend ici",
                service = link.service
            ),
        );
    }
    loader.problems.push(problem);
}
