//! The checks Compose makes on a loaded project beyond the schema (compose-go
//! `loader/validate.go`, `validation/`, `graph/`), each reported at the value to change:
//! references to undefined services and resources, profile conflicts, dependency cycles, and
//! the combinations Compose refuses.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::msg;
use crate::yaml::Node;

use super::depends_on::Implied;
use super::origin::{Located, Origin};
use super::problem::{Problem, ProblemKind};
use super::project::Project;
use super::service::{NAMESPACE_KEYS, Service};

pub(crate) fn run(project: &mut Project, problems: &mut Vec<Problem>) {
    let mut names: Vec<String> = project.services.keys().cloned().collect();
    names.extend(project.disabled_services.keys().cloned());
    names.sort();
    for name in &names {
        if let Some(service) = project.any_service(name) {
            check_service(project, service, problems);
        }
    }
    check_dependencies(project, problems);
    check_container_names(project, problems);
    check_resources(project, problems);
    check_cycles(project, problems);
}

fn error(kind: ProblemKind, at: &Origin, message: crate::message::Message) -> Problem {
    Problem::error(kind, at.file, at.range, message)
}

/// The checks of one service. `image`, `build` or `provider` missing, `dockerfile` with
/// `dockerfile_inline`, and `network_mode` with `networks` are the schema's to report.
fn check_service(project: &Project, service: &Service, problems: &mut Vec<Problem>) {
    let name = &service.name;
    if let Some(build) = &service.build {
        for (context_name, pair) in &build.additional_contexts {
            let Some(value) = &pair.value else { continue };
            let Some(target) = value.value.strip_prefix("service:") else {
                continue;
            };
            match project.any_service(target) {
                None => {
                    let mut message = msg!(
                        "service {name:?} declares unknown service {target:?} as additional \
                         context {context_name}",
                        "le service {name:?} déclare le service inconnu {target:?} comme \
                         contexte additionnel {context_name}",
                    );
                    suggest(&mut message, target, service_names(project));
                    problems.push(error(ProblemKind::Reference, &value.origin, message));
                }
                Some(other) if other.build.is_none() => problems.push(error(
                    ProblemKind::Consistency,
                    &value.origin,
                    msg!(
                        "service {name:?} declares non-buildable service {target:?} as \
                         additional context {context_name}: that service has no `build`",
                        "le service {name:?} déclare le service {target:?}, qui n'a pas de \
                         `build`, comme contexte additionnel {context_name}",
                    ),
                )),
                Some(_) => {}
            }
        }
        if let Some(platform) = &service.platform
            && !build.platforms.is_empty()
            && !build.platforms.iter().any(|p| p.value == platform.value)
        {
            let platform = &platform.value;
            problems.push(error(
                ProblemKind::Consistency,
                &build.platforms[0].origin,
                msg!(
                    "build.platforms must include the service's platform {platform:?}",
                    "build.platforms doit contenir la plateforme du service {platform:?}",
                ),
            ));
        }
        for secret in &build.secrets {
            if !project.secrets.contains_key(&secret.source.value) {
                undefined(
                    problems,
                    ("build secret", "secret de build"),
                    name,
                    &secret.source,
                    project.secrets.keys(),
                );
            }
        }
    }

    let explicit_networks: Vec<&Located<String>> = service
        .networks
        .values()
        .filter(|network| !network.implicit)
        .map(|network| &network.name)
        .collect();
    for network in explicit_networks {
        if !project.networks.contains_key(&network.value) {
            undefined(
                problems,
                ("network", "réseau"),
                name,
                network,
                project.networks.keys(),
            );
        }
    }

    if let Some(healthcheck) = &service.healthcheck
        && let Some(test) = &healthcheck.test
        && let super::healthcheck::HealthTestForm::Invalid(items) = &test.form
    {
        let at = items.first().map_or(&test.origin, |first| &first.origin);
        problems.push(error(
            ProblemKind::Consistency,
            at,
            msg!(
                "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"",
                "healthcheck.test doit commencer par \"CMD\", \"CMD-SHELL\" ou \"NONE\"",
            ),
        ));
    }

    for key in NAMESPACE_KEYS {
        let Some(value) = service.node.get(key).and_then(super::read::string) else {
            continue;
        };
        let Some(target) = value.value.strip_prefix("service:") else {
            continue;
        };
        if project.any_service(target).is_none() {
            let mut message = msg!(
                "service {target:?} not found for {key} 'service:{target}'",
                "service {target:?} introuvable pour {key} 'service:{target}'",
            );
            suggest(&mut message, target, service_names(project));
            problems.push(error(ProblemKind::Reference, &value.origin, message));
        }
    }

    for mount in &service.volumes {
        if let Some(volume) = mount.named_volume()
            && !project.volumes.contains_key(&volume.value)
        {
            undefined(
                problems,
                ("volume", "volume"),
                name,
                volume,
                project.volumes.keys(),
            );
        }
    }
    for secret in &service.secrets {
        if !project.secrets.contains_key(&secret.source.value) {
            undefined(
                problems,
                ("secret", "secret"),
                name,
                &secret.source,
                project.secrets.keys(),
            );
        }
    }
    for config in &service.configs {
        if !project.configs.contains_key(&config.source.value) {
            undefined(
                problems,
                ("config", "config"),
                name,
                &config.source,
                project.configs.keys(),
            );
        }
    }
    for model in service.models.values() {
        if !project.models.contains_key(&model.value) {
            undefined(
                problems,
                ("model", "modèle"),
                name,
                model,
                project.models.keys(),
            );
        }
    }

    check_scale(service, problems);
    check_limits(service, problems);
    check_watch(service, problems);
    check_mount_targets(service, problems);
    check_device_requests(service, problems);
}

fn undefined<'a>(
    problems: &mut Vec<Problem>,
    (what, quoi): (&str, &str),
    service: &str,
    at: &Located<String>,
    defined: impl IntoIterator<Item = &'a String>,
) {
    let reference = &at.value;
    let mut message = msg!(
        "service {service:?} refers to undefined {what} {reference:?}: define it under the \
         top-level section, or fix the name",
        "le service {service:?} fait référence au {quoi} non défini {reference:?} : \
         définissez-le dans la section de premier niveau, ou corrigez le nom",
    );
    suggest(&mut message, reference, defined);
    problems.push(error(ProblemKind::Reference, &at.origin, message));
}

/// Appends "did you mean" to the message about an undefined `name` when a defined name is
/// close to it.
fn suggest<'a>(
    message: &mut crate::message::Message,
    name: &str,
    defined: impl IntoIterator<Item = &'a String>,
) {
    let Some(close) = crate::suggest::did_you_mean(name, defined.into_iter().map(String::as_str))
    else {
        return;
    };
    message
        .en
        .to_mut()
        .push_str(&format!(" (did you mean {close:?}?)"));
    message
        .fr
        .to_mut()
        .push_str(&format!(" (vouliez-vous dire {close:?} ?)"));
}

/// The names of every service, enabled or not.
fn service_names(project: &Project) -> impl Iterator<Item = &String> {
    project
        .services
        .keys()
        .chain(project.disabled_services.keys())
}

fn check_scale(service: &Service, problems: &mut Vec<Problem>) {
    let name = &service.name;
    let replicas = service
        .deploy
        .as_ref()
        .and_then(|deploy| deploy.replicas.as_ref());
    if let (Some(scale), Some(replicas)) = (&service.scale, replicas)
        && scale.value != replicas.value
    {
        problems.push(
            error(
                ProblemKind::Consistency,
                &scale.origin,
                msg!(
                    "services.{name}: can't set distinct values on 'scale' and \
                     'deploy.replicas'",
                    "services.{name} : 'scale' et 'deploy.replicas' ne peuvent pas avoir des \
                     valeurs différentes",
                ),
            )
            .with_label(
                replicas.origin.file,
                replicas.origin.range,
                msg!(
                    "`deploy.replicas` is set here",
                    "`deploy.replicas` est défini ici"
                ),
            ),
        );
    }
    for (value, key) in [
        (service.scale.as_ref(), "scale"),
        (replicas, "deploy.replicas"),
    ] {
        if let Some(value) = value
            && value.value < 0
        {
            problems.push(error(
                ProblemKind::Consistency,
                &value.origin,
                msg!(
                    "services.{name}.{key}: must be greater than or equal to 0",
                    "services.{name}.{key} : doit être supérieur ou égal à 0",
                ),
            ));
        }
    }
    if let Some(container_name) = &service.container_name
        && service.replicas() > 1
    {
        problems.push(error(
            ProblemKind::Consistency,
            &container_name.origin,
            msg!(
                "services.{name}: can't set container_name with more than one replica, as \
                 container names must be unique",
                "services.{name} : container_name est impossible avec plus d'un réplica, car \
                 les noms de conteneur doivent être uniques",
            ),
        ));
    }
}

/// `cpus`, `mem_limit`, `mem_reservation` and `pids_limit` against `deploy.resources`.
fn check_limits(service: &Service, problems: &mut Vec<Problem>) {
    let Some(deploy) = &service.deploy else {
        return;
    };
    let limits = deploy.resources.limits.as_ref();
    let reservations = deploy.resources.reservations.as_ref();
    let name = &service.name;
    let mut conflict = |at: &Origin, other: &Origin, key: &str, deploy_key: &str| {
        problems.push(
            error(
                ProblemKind::Consistency,
                at,
                msg!(
                    "services.{name}: can't set distinct values on '{key}' and \
                     '{deploy_key}'",
                    "services.{name} : '{key}' et '{deploy_key}' ne peuvent pas avoir des \
                     valeurs différentes",
                ),
            )
            .with_label(
                other.file,
                other.range,
                msg!(
                    "`{deploy_key}` is set here",
                    "`{deploy_key}` est défini ici"
                ),
            ),
        );
    };
    if let (Some(cpus), Some(limit)) = (&service.cpus, limits.and_then(|l| l.cpus.as_ref()))
        && cpus.value.0 != limit.value.0
    {
        conflict(
            &cpus.origin,
            &limit.origin,
            "cpus",
            "deploy.resources.limits.cpus",
        );
    }
    let bytes = |size: &Located<super::units::ByteSize>| size.value.bytes;
    if let (Some(memory), Some(limit)) =
        (&service.mem_limit, limits.and_then(|l| l.memory.as_ref()))
        && bytes(memory) != bytes(limit)
    {
        conflict(
            &memory.origin,
            &limit.origin,
            "mem_limit",
            "deploy.resources.limits.memory",
        );
    }
    if let (Some(memory), Some(reservation)) = (
        &service.mem_reservation,
        reservations.and_then(|r| r.memory.as_ref()),
    ) && bytes(memory) != bytes(reservation)
    {
        conflict(
            &memory.origin,
            &reservation.origin,
            "mem_reservation",
            "deploy.resources.reservations.memory",
        );
    }
    if let (Some(pids), Some(limit)) = (&service.pids_limit, limits.and_then(|l| l.pids.as_ref()))
        && pids.value != limit.value
    {
        conflict(
            &pids.origin,
            &limit.origin,
            "pids_limit",
            "deploy.resources.limits.pids",
        );
    }
}

fn check_watch(service: &Service, problems: &mut Vec<Problem>) {
    let Some(develop) = &service.develop else {
        return;
    };
    let name = &service.name;
    for watch in &develop.watch {
        if let Some(path) = &watch.path
            && path.value.is_empty()
        {
            problems.push(error(
                ProblemKind::Consistency,
                &path.origin,
                msg!(
                    "services.{name}.develop.watch.path: value can't be blank",
                    "services.{name}.develop.watch.path : la valeur ne peut pas être vide",
                ),
            ));
        }
        let action = watch.action.as_ref().map(|action| action.value.as_str());
        let needs_target = !matches!(action, Some("rebuild" | "restart") | None);
        if needs_target
            && watch
                .target
                .as_ref()
                .is_none_or(|target| target.value.is_empty())
        {
            let action = action.unwrap_or_default();
            problems.push(error(
                ProblemKind::Consistency,
                &watch.origin,
                msg!(
                    "services.{name}.develop.watch: target is required for the {action} \
                     action: say where in the container the files go",
                    "services.{name}.develop.watch : target est obligatoire pour l'action \
                     {action} : indiquez où vont les fichiers dans le conteneur",
                ),
            ));
        }
    }
}

/// Two mounts (volumes or tmpfs) on one path of the container.
fn check_mount_targets(service: &Service, problems: &mut Vec<Problem>) {
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for target in service.mount_targets() {
        if target.value.is_empty() {
            continue;
        }
        match seen.get(&target.value) {
            Some(first) => {
                let path = &target.value;
                problems.push(
                    error(
                        ProblemKind::Consistency,
                        &target.origin,
                        msg!(
                            "target {path} already mounted: two mounts on one path of the \
                             container; remove or move one",
                            "la cible {path} est déjà montée : deux montages sur un même \
                             chemin du conteneur ; supprimez-en ou déplacez-en un",
                        ),
                    )
                    .with_label(
                        first.file,
                        first.range,
                        msg!("first mounted here", "montée une première fois ici"),
                    ),
                );
            }
            None => {
                seen.insert(target.value.clone(), target.origin.clone());
            }
        }
    }
}

/// GPU and device requests set both `count` and `device_ids`.
fn check_device_requests(service: &Service, problems: &mut Vec<Problem>) {
    let mut requests: Vec<&Node> = Vec::new();
    if let Some(gpus) = service.node.get("gpus").and_then(Node::as_sequence) {
        requests.extend(&gpus.items);
    }
    if let Some(devices) = service
        .node
        .get("deploy")
        .and_then(|deploy| deploy.get("resources"))
        .and_then(|resources| resources.get("reservations"))
        .and_then(|reservations| reservations.get("devices"))
        .and_then(Node::as_sequence)
    {
        requests.extend(&devices.items);
    }
    for request in requests {
        if let (Some(count), Some(_)) = (request.get("count"), request.get("device_ids")) {
            problems.push(error(
                ProblemKind::Consistency,
                &Origin::of(count),
                msg!(
                    "\"count\" and \"device_ids\" attributes are exclusive: keep one",
                    "les attributs \"count\" et \"device_ids\" s'excluent : gardez-en un",
                ),
            ));
        }
    }
}

/// Dependencies on services that do not exist or that the profiles disable; an optional
/// dependency on a disabled service is dropped, as Compose does.
fn check_dependencies(project: &mut Project, problems: &mut Vec<Problem>) {
    let enabled: BTreeSet<String> = project.services.keys().cloned().collect();
    let mut dropped: Vec<(String, String)> = Vec::new();
    for service in project.all_services() {
        let is_enabled = enabled.contains(&service.name);
        for (target, dependency) in &service.depends_on {
            let name = &service.name;
            let at = &dependency.service.origin;
            match project.disabled_services.get(target) {
                _ if enabled.contains(target) => {}
                Some(_) if !dependency.required.value => {
                    if is_enabled {
                        dropped.push((name.clone(), target.clone()));
                    }
                }
                Some(disabled) => {
                    if !is_enabled {
                        continue;
                    }
                    let profiles = disabled
                        .service
                        .profiles
                        .iter()
                        .map(|profile| profile.value.as_str())
                        .collect::<Vec<_>>()
                        .join(", ");
                    let mut problem = error(
                        ProblemKind::Profile,
                        at,
                        msg!(
                            "service {target:?} is required by {name:?} but is disabled: \
                             enable it with one of its profiles ({profiles}), or mark the \
                             dependency `required: false`",
                            "le service {target:?} est requis par {name:?} mais il est \
                             désactivé : activez-le avec l'un de ses profils ({profiles}), ou \
                             marquez la dépendance `required: false`",
                        ),
                    );
                    if let Some(first) = disabled.service.profiles.first() {
                        problem = problem.with_label(
                            first.origin.file,
                            first.origin.range,
                            msg!("its profiles", "ses profils"),
                        );
                    }
                    problems.push(problem);
                }
                None => {
                    let message = match dependency.implicit {
                        Some(Implied::Link) => msg!(
                            "service {name:?} links to undefined service {target:?}",
                            "le service {name:?} a un lien vers le service non défini \
                             {target:?}",
                        ),
                        Some(Implied::VolumesFrom) => msg!(
                            "service {name:?} mounts the volumes of undefined service \
                             {target:?}",
                            "le service {name:?} monte les volumes du service non défini \
                             {target:?}",
                        ),
                        // Reported with the namespace key by `check_service`.
                        Some(Implied::SharedNamespace) => continue,
                        None => msg!(
                            "service {name:?} depends on undefined service {target:?}: define \
                             it, or fix the name",
                            "le service {name:?} dépend du service non défini {target:?} : \
                             définissez-le, ou corrigez le nom",
                        ),
                    };
                    let mut message = message;
                    suggest(&mut message, target, service_names(project));
                    problems.push(error(ProblemKind::Reference, at, message));
                }
            }
        }
    }
    for (service, target) in dropped {
        if let Some(service) = project.services.get_mut(&service) {
            service.depends_on.remove(&target);
        }
    }
}

/// Two services with the same `container_name`: Docker refuses to create the second.
fn check_container_names(project: &Project, problems: &mut Vec<Problem>) {
    let mut seen: BTreeMap<&str, &Service> = BTreeMap::new();
    for service in project.services.values() {
        let Some(container_name) = &service.container_name else {
            continue;
        };
        match seen.get(container_name.value.as_str()) {
            Some(first) => {
                let (name, other, container) = (&service.name, &first.name, &container_name.value);
                let mut problem = error(
                    ProblemKind::Consistency,
                    &container_name.origin,
                    msg!(
                        "services.{name}: container name {container:?} is already in use by \
                         service {other}: container names must be unique",
                        "services.{name} : le nom de conteneur {container:?} est déjà pris \
                         par le service {other} : les noms de conteneur doivent être uniques",
                    ),
                );
                if let Some(first) = &first.container_name {
                    problem = problem.with_label(
                        first.origin.file,
                        first.origin.range,
                        msg!("first used here", "utilisé une première fois ici"),
                    );
                }
                problems.push(problem);
            }
            None => {
                seen.insert(container_name.value.as_str(), service);
            }
        }
    }
}

/// Secrets and configs need a source; an external volume takes no other setting.
fn check_resources(project: &Project, problems: &mut Vec<Problem>) {
    for (section, objects, keys) in [
        ("secrets", &project.secrets, &["file", "environment"][..]),
        (
            "configs",
            &project.configs,
            &["file", "environment", "content"][..],
        ),
    ] {
        for (name, object) in objects {
            let node = &object.node;
            let set: Vec<&str> = keys
                .iter()
                .copied()
                .filter(|key| node.get(key).is_some())
                .collect();
            let list = keys.join("|");
            if set.len() > 1 {
                problems.push(error(
                    ProblemKind::Consistency,
                    &object.key.origin,
                    msg!(
                        "{section}.{name}: {list} attributes are mutually exclusive",
                        "{section}.{name} : les attributs {list} s'excluent",
                    ),
                ));
            } else if set.is_empty()
                && node.get("driver").is_none()
                && node.get("external").is_none()
            {
                problems.push(error(
                    ProblemKind::Consistency,
                    &object.key.origin,
                    msg!(
                        "{section}.{name}: one of {list} must be set: say where the content \
                         comes from, or mark it `external: true`",
                        "{section}.{name} : l'un de {list} doit être défini : indiquez d'où \
                         vient le contenu, ou marquez-le `external: true`",
                    ),
                ));
            }
        }
    }
    for (name, volume) in &project.volumes {
        if !volume
            .external
            .as_ref()
            .is_some_and(|external| external.value)
        {
            continue;
        }
        let Some(mapping) = volume.node.as_mapping() else {
            continue;
        };
        for entry in &mapping.entries {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            if matches!(key, "name" | "external") || key.starts_with("x-") {
                continue;
            }
            problems.push(error(
                ProblemKind::Consistency,
                &Origin::of(&entry.key),
                msg!(
                    "volumes.{name}: conflicting parameters \"external\" and {key:?} specified: \
                     an external volume is created outside Compose, so it takes no settings",
                    "volumes.{name} : paramètres \"external\" et {key:?} incompatibles : un \
                     volume externe est créé hors de Compose et ne prend pas de réglages",
                ),
            ));
        }
    }
}

/// Cycles in the dependency graph of the enabled services: a depth-first search from each
/// service in name order, dependencies in name order (as compose-go searches, so the first
/// cycle reported is the one Compose names), each back edge one cycle.
fn check_cycles(project: &Project, problems: &mut Vec<Problem>) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Unvisited,
        OnPath,
        Done,
    }
    let names: Vec<&String> = project.services.keys().collect();
    let index: HashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(i, name)| (name.as_str(), i))
        .collect();
    let children: Vec<Vec<usize>> = project
        .services
        .values()
        .map(|service| {
            service
                .depends_on
                .keys()
                .filter_map(|target| index.get(target.as_str()).copied())
                .collect()
        })
        .collect();
    let mut state = vec![State::Unvisited; names.len()];
    for start in 0..names.len() {
        if state[start] != State::Unvisited {
            continue;
        }
        // An explicit stack of (service, next child to visit), so that a long chain of
        // dependencies cannot overflow the call stack.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::OnPath;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&child) = children[node].get(*next) else {
                state[node] = State::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            match state[child] {
                State::Unvisited => {
                    state[child] = State::OnPath;
                    stack.push((child, 0));
                }
                State::OnPath => {
                    let from = stack.iter().position(|&(n, _)| n == child).unwrap_or(0);
                    let cycle: Vec<String> = stack[from..]
                        .iter()
                        .map(|&(n, _)| names[n].clone())
                        .collect();
                    report_cycle(project, &cycle, names[child], problems);
                }
                State::Done => {}
            }
        }
    }
}

fn report_cycle(project: &Project, cycle: &[String], closing: &str, problems: &mut Vec<Problem>) {
    let chain = format!("{} -> {closing}", cycle.join(" -> "));
    let edge = |from: &str, to: &str| {
        project
            .services
            .get(from)
            .and_then(|service| service.depends_on.get(to))
            .map(|dependency| dependency.service.origin.clone())
    };
    let Some(last) = cycle.last() else { return };
    let Some(at) = edge(last, closing) else {
        return;
    };
    let mut problem = error(
        ProblemKind::Cycle,
        &at,
        msg!(
            "dependency cycle detected: {chain}: Compose cannot decide which service to start \
             first; remove one of these dependencies",
            "cycle de dépendances détecté : {chain} : Compose ne peut pas décider quel service \
             démarrer en premier ; supprimez l'une de ces dépendances",
        ),
    );
    for pair in cycle.windows(2) {
        if let Some(origin) = edge(&pair[0], &pair[1]) {
            let (from, to) = (&pair[0], &pair[1]);
            problem = problem.with_label(
                origin.file,
                origin.range,
                msg!("{from} depends on {to}", "{from} dépend de {to}"),
            );
        }
    }
    problems.push(problem);
}
