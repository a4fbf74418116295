//! A service of the effective model: its merged tree, and typed, canonical views of what rules
//! and `docker compose config` read, every value with its origin.

use std::collections::BTreeMap;

use crate::image::{ImageRef, parse_image_ref};
use crate::yaml::{Node, NodeKind};

use super::build::Build;
use super::command::Command;
use super::depends_on::{self, DependsOn, Implied};
use super::deploy::{Cpus, Deploy, cpus_at};
use super::develop::Develop;
use super::environment::ServiceEnvironment;
use super::healthcheck::Healthcheck;
use super::load::Loader;
use super::mount::{Mount, tmpfs_target};
use super::options::{EnvSource, Environment};
use super::origin::{Located, Origin};
use super::port::Port;
use super::read::{
    KeyValue, boolean_at, entries, integer, integer_at, key_values_at, string, string_at, strings,
    strings_at,
};
use super::units::{ByteSize, Duration, byte_size_at, duration_at};

/// A service of the project.
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    pub name: String,
    /// The service's key under `services:`.
    pub key: Origin,
    /// The service as merged (overrides, `extends`, `include`), interpolated; for generic
    /// access and hover. The fields below are read from it.
    pub node: Node,
    pub image: Option<Located<String>>,
    /// `image` parsed, when it is set.
    pub image_ref: Option<ImageRef>,
    pub build: Option<Build>,
    pub command: Option<Command>,
    pub entrypoint: Option<Command>,
    /// Published ports in the long form, one per port of an expanded range.
    pub ports: Vec<Port>,
    pub expose: Vec<Located<String>>,
    /// Mounts in the long form.
    pub volumes: Vec<Mount>,
    pub tmpfs: Vec<Located<String>>,
    pub environment: ServiceEnvironment,
    pub labels: BTreeMap<String, KeyValue>,
    pub annotations: BTreeMap<String, KeyValue>,
    /// The dependencies, written and implied (`links`, `service:` namespaces,
    /// `volumes_from`), in the long form.
    pub depends_on: BTreeMap<String, DependsOn>,
    /// The networks joined: the list form as a mapping, and `default` when none is named and
    /// `network_mode` is not set.
    pub networks: BTreeMap<String, ServiceNetwork>,
    pub secrets: Vec<FileMount>,
    pub configs: Vec<FileMount>,
    pub healthcheck: Option<Healthcheck>,
    pub profiles: Vec<Located<String>>,
    pub restart: Option<Located<String>>,
    pub user: Option<Located<String>>,
    pub privileged: Option<Located<bool>>,
    /// `use_api_socket: true`: the Docker API socket mounted, with the client's credentials.
    pub use_api_socket: Option<Located<bool>>,
    pub read_only: Option<Located<bool>>,
    pub init: Option<Located<bool>>,
    pub tty: Option<Located<bool>>,
    pub stdin_open: Option<Located<bool>>,
    pub cap_add: Vec<Located<String>>,
    pub cap_drop: Vec<Located<String>>,
    pub security_opt: Vec<Located<String>>,
    pub network_mode: Option<Located<String>>,
    pub pid: Option<Located<String>>,
    pub ipc: Option<Located<String>>,
    pub uts: Option<Located<String>>,
    pub userns_mode: Option<Located<String>>,
    pub cgroup: Option<Located<String>>,
    pub cgroup_parent: Option<Located<String>>,
    pub devices: Vec<Device>,
    pub logging: Option<Logging>,
    pub deploy: Option<Deploy>,
    pub container_name: Option<Located<String>>,
    pub hostname: Option<Located<String>>,
    pub working_dir: Option<Located<String>>,
    pub platform: Option<Located<String>>,
    pub pull_policy: Option<Located<String>>,
    pub stop_signal: Option<Located<String>>,
    pub stop_grace_period: Option<Located<Duration>>,
    pub mem_limit: Option<Located<ByteSize>>,
    pub mem_reservation: Option<Located<ByteSize>>,
    pub memswap_limit: Option<Located<ByteSize>>,
    pub shm_size: Option<Located<ByteSize>>,
    pub cpus: Option<Located<Cpus>>,
    pub pids_limit: Option<Located<i64>>,
    pub scale: Option<Located<i64>>,
    pub links: Vec<Located<String>>,
    pub volumes_from: Vec<Located<String>>,
    pub extra_hosts: Vec<Located<String>>,
    pub dns: Vec<Located<String>>,
    pub dns_search: Vec<Located<String>>,
    pub sysctls: BTreeMap<String, KeyValue>,
    pub ulimits: BTreeMap<String, Ulimit>,
    pub develop: Option<Develop>,
    /// The models the service uses, by name.
    pub models: BTreeMap<String, Located<String>>,
    /// `provider.type`, for a service run by a provider rather than as a container.
    pub provider: Option<Located<String>>,
}

/// A network a service joins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceNetwork {
    pub name: Located<String>,
    pub aliases: Vec<Located<String>>,
    pub ipv4_address: Option<Located<String>>,
    pub ipv6_address: Option<Located<String>>,
    pub priority: Option<Located<i64>>,
    /// The `default` network Compose attaches a service to when it names none.
    pub implicit: bool,
}

/// A secret or config mounted into a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileMount {
    pub source: Located<String>,
    pub target: Option<Located<String>>,
    pub uid: Option<Located<String>>,
    pub gid: Option<Located<String>>,
    pub mode: Option<Located<String>>,
    pub origin: Origin,
}

impl FileMount {
    /// Where it is mounted: `target`, a relative one under `directory`, else
    /// `directory/<source>` (`/run/secrets` for secrets, `/` for configs).
    pub fn effective_target(&self, directory: &str) -> String {
        let directory = directory.trim_end_matches('/');
        match &self.target {
            Some(target) if target.value.starts_with('/') => target.value.clone(),
            Some(target) => format!("{directory}/{}", target.value),
            None => format!("{directory}/{}", self.source.value),
        }
    }
}

/// A host device exposed to a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    pub source: Located<String>,
    pub target: Located<String>,
    /// `rwm` when not written.
    pub permissions: Option<Located<String>>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logging {
    pub driver: Option<Located<String>>,
    pub options: BTreeMap<String, Located<String>>,
    pub origin: Origin,
}

/// One `ulimits` entry: a single value for both limits, or `soft` and `hard`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ulimit {
    pub single: Option<Located<i64>>,
    pub soft: Option<Located<i64>>,
    pub hard: Option<Located<i64>>,
    pub origin: Origin,
}

/// The namespace keys whose `service:<name>` value shares another service's namespace.
pub const NAMESPACE_KEYS: [&str; 5] = ["network_mode", "ipc", "pid", "uts", "cgroup"];

impl Service {
    pub(crate) fn read(
        loader: &mut Loader,
        name: &str,
        key: &Node,
        node: Node,
        project: &Environment,
    ) -> Service {
        let image = string_at(&node, "image");
        let image_ref = image.as_ref().map(|image| parse_image_ref(&image.value).0);
        let ports = sequence_items(&node, "ports")
            .flat_map(Port::read)
            .collect();
        let volumes = sequence_items(&node, "volumes")
            .filter_map(|item| Mount::read(loader, item))
            .collect();
        let tmpfs = strings_at(&node, "tmpfs");
        let network_mode = string_at(&node, "network_mode");
        let mut service = Service {
            name: name.to_owned(),
            key: Origin::of(key),
            image,
            image_ref,
            build: node
                .get("build")
                .and_then(|build| Build::read(loader, build, project)),
            command: node.get("command").and_then(Command::read),
            entrypoint: node.get("entrypoint").and_then(Command::read),
            ports,
            expose: strings_at(&node, "expose"),
            volumes,
            tmpfs,
            environment: ServiceEnvironment::read(loader, &node, project),
            labels: labels(loader, &node),
            annotations: key_values_at(&node, "annotations"),
            depends_on: depends_on::read(node.get("depends_on")),
            networks: networks(node.get("networks")),
            secrets: file_mounts(node.get("secrets")),
            configs: file_mounts(node.get("configs")),
            healthcheck: node.get("healthcheck").and_then(Healthcheck::read),
            profiles: strings_at(&node, "profiles"),
            restart: string_at(&node, "restart"),
            user: string_at(&node, "user"),
            privileged: boolean_at(&node, "privileged"),
            use_api_socket: boolean_at(&node, "use_api_socket"),
            read_only: boolean_at(&node, "read_only"),
            init: boolean_at(&node, "init"),
            tty: boolean_at(&node, "tty"),
            stdin_open: boolean_at(&node, "stdin_open"),
            cap_add: strings_at(&node, "cap_add"),
            cap_drop: strings_at(&node, "cap_drop"),
            security_opt: strings_at(&node, "security_opt"),
            network_mode,
            pid: string_at(&node, "pid"),
            ipc: string_at(&node, "ipc"),
            uts: string_at(&node, "uts"),
            userns_mode: string_at(&node, "userns_mode"),
            cgroup: string_at(&node, "cgroup"),
            cgroup_parent: string_at(&node, "cgroup_parent"),
            devices: devices(node.get("devices")),
            logging: node.get("logging").and_then(logging),
            deploy: node.get("deploy").and_then(Deploy::read),
            container_name: string_at(&node, "container_name"),
            hostname: string_at(&node, "hostname"),
            working_dir: string_at(&node, "working_dir"),
            platform: string_at(&node, "platform"),
            pull_policy: string_at(&node, "pull_policy"),
            stop_signal: string_at(&node, "stop_signal"),
            stop_grace_period: duration_at(&node, "stop_grace_period"),
            mem_limit: byte_size_at(&node, "mem_limit"),
            mem_reservation: byte_size_at(&node, "mem_reservation"),
            memswap_limit: byte_size_at(&node, "memswap_limit"),
            shm_size: byte_size_at(&node, "shm_size"),
            cpus: cpus_at(&node, "cpus"),
            pids_limit: integer_at(&node, "pids_limit"),
            scale: integer_at(&node, "scale"),
            links: strings_at(&node, "links"),
            volumes_from: strings_at(&node, "volumes_from"),
            extra_hosts: extra_hosts(node.get("extra_hosts")),
            dns: strings_at(&node, "dns"),
            dns_search: strings_at(&node, "dns_search"),
            sysctls: key_values_at(&node, "sysctls"),
            ulimits: ulimits(node.get("ulimits")),
            develop: node
                .get("develop")
                .and_then(|develop| Develop::read(loader, develop)),
            models: models(node.get("models")),
            provider: node
                .get("provider")
                .and_then(|provider| string_at(provider, "type")),
            node,
        };
        service.canonicalize();
        service
    }

    /// What Compose does after reading: ports de-duplicated once ranges are expanded, the
    /// dependencies it implies, the default network, the implicit `pull_policy` spelling.
    fn canonicalize(&mut self) {
        let mut ports: Vec<Port> = Vec::with_capacity(self.ports.len());
        let mut positions = foldhash::HashMap::default();
        for port in std::mem::take(&mut self.ports) {
            match positions.get(&port.unicity_key()) {
                Some(&i) => ports[i] = port,
                None => {
                    positions.insert(port.unicity_key(), ports.len());
                    ports.push(port);
                }
            }
        }
        self.ports = ports;

        let mut volumes: Vec<Mount> = Vec::with_capacity(self.volumes.len());
        for mount in std::mem::take(&mut self.volumes) {
            match volumes
                .iter()
                .position(|earlier| earlier.target.value == mount.target.value)
            {
                Some(i) => volumes[i] = mount,
                None => volumes.push(mount),
            }
        }
        self.volumes = volumes;

        for link in &self.links {
            let service = link.value.split(':').next().unwrap_or_default();
            depends_on::imply(&mut self.depends_on, service, &link.origin, Implied::Link);
        }
        for key in NAMESPACE_KEYS {
            let value = match key {
                "network_mode" => &self.network_mode,
                "ipc" => &self.ipc,
                "pid" => &self.pid,
                "uts" => &self.uts,
                _ => &self.cgroup,
            };
            if let Some(value) = value
                && let Some(service) = value.value.strip_prefix("service:")
            {
                depends_on::imply(
                    &mut self.depends_on,
                    service,
                    &value.origin,
                    Implied::SharedNamespace,
                );
            }
        }
        for volume in &self.volumes_from {
            if volume.value.starts_with("container:") {
                continue;
            }
            let service = volume.value.split(':').next().unwrap_or_default();
            depends_on::imply(
                &mut self.depends_on,
                service,
                &volume.origin,
                Implied::VolumesFrom,
            );
        }

        if self.provider.is_none() && self.network_mode.is_none() && self.networks.is_empty() {
            self.networks.insert(
                "default".to_owned(),
                ServiceNetwork {
                    name: Located::new("default".to_owned(), self.key.clone()),
                    aliases: Vec::new(),
                    ipv4_address: None,
                    ipv6_address: None,
                    priority: None,
                    implicit: true,
                },
            );
        }
        if let Some(policy) = &mut self.pull_policy
            && policy.value == "if_not_present"
        {
            policy.value = "missing".to_owned();
        }
    }

    /// The mounts and tmpfs paths of the service, by container path, as the checks for two
    /// mounts on one target see them.
    pub fn mount_targets(&self) -> Vec<Located<String>> {
        let mut targets: Vec<Located<String>> = sequence_items(&self.node, "tmpfs")
            .filter_map(tmpfs_target)
            .collect();
        if let Some(tmpfs) = self
            .node
            .get("tmpfs")
            .filter(|node| node.as_str().is_some())
        {
            targets.extend(tmpfs_target(tmpfs));
        }
        targets.extend(self.volumes.iter().map(|mount| mount.target.clone()));
        targets
    }

    /// The number of containers Compose runs: `scale`, else `deploy.replicas`, else 1.
    pub fn replicas(&self) -> i64 {
        self.scale
            .as_ref()
            .map(|scale| scale.value)
            .or_else(|| {
                self.deploy
                    .as_ref()
                    .and_then(|deploy| deploy.replicas.as_ref())
                    .map(|replicas| replicas.value)
            })
            .unwrap_or(1)
    }
}

/// `labels`, over the labels of the `label_file`s, read in order (compose-go
/// `WithServicesLabelsResolved`: a label file may refer to labels of the files before it).
fn labels(loader: &mut Loader, node: &Node) -> BTreeMap<String, KeyValue> {
    let mut labels = BTreeMap::new();
    let mut read = Environment::default();
    for path in strings_at(node, "label_file") {
        let absolute = loader.resolve_path(&path);
        let at = Some((path.origin.file, path.origin.range));
        let Some(file) = loader.read_label_file(&absolute, at) else {
            continue;
        };
        for (name, var) in loader.env_file_vars(file, &read, &Environment::default()) {
            let EnvSource::File { file, range } = var.source else {
                continue;
            };
            let origin = Origin::at(file, range);
            labels.insert(
                name.clone(),
                KeyValue {
                    key: Located::new(name.clone(), origin.clone()),
                    value: Some(Located::new(var.value.clone(), origin)),
                },
            );
            read.set(name, var);
        }
    }
    labels.extend(key_values_at(node, "labels"));
    labels
}

fn sequence_items<'a>(node: &'a Node, key: &str) -> impl Iterator<Item = &'a Node> {
    node.get(key)
        .and_then(Node::as_sequence)
        .map(|sequence| sequence.items.iter())
        .into_iter()
        .flatten()
}

fn networks(node: Option<&Node>) -> BTreeMap<String, ServiceNetwork> {
    let Some(node) = node else {
        return BTreeMap::new();
    };
    let plain = |name: Located<String>| ServiceNetwork {
        name,
        aliases: Vec::new(),
        ipv4_address: None,
        ipv6_address: None,
        priority: None,
        implicit: false,
    };
    match &node.kind {
        NodeKind::Sequence(sequence) => sequence
            .items
            .iter()
            .filter_map(string)
            .map(|name| (name.value.clone(), plain(name)))
            .collect(),
        NodeKind::Mapping(_) => entries(Some(node))
            .into_iter()
            .map(|(name, value)| {
                let network = ServiceNetwork {
                    aliases: strings_at(value, "aliases"),
                    ipv4_address: string_at(value, "ipv4_address"),
                    ipv6_address: string_at(value, "ipv6_address"),
                    priority: integer_at(value, "priority"),
                    ..plain(name.clone())
                };
                (name.value, network)
            })
            .collect(),
        _ => BTreeMap::new(),
    }
}

fn file_mounts(node: Option<&Node>) -> Vec<FileMount> {
    let Some(sequence) = node.and_then(Node::as_sequence) else {
        return Vec::new();
    };
    sequence
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            NodeKind::Mapping(_) => Some(FileMount {
                source: string_at(item, "source")?,
                target: string_at(item, "target"),
                uid: string_at(item, "uid"),
                gid: string_at(item, "gid"),
                mode: string_at(item, "mode"),
                origin: Origin::of(item),
            }),
            _ => Some(FileMount {
                source: string(item)?,
                target: None,
                uid: None,
                gid: None,
                mode: None,
                origin: Origin::of(item),
            }),
        })
        .collect()
}

/// `devices`: `HOST[:CONTAINER[:PERMISSIONS]]` or `{source, target, permissions}`.
fn devices(node: Option<&Node>) -> Vec<Device> {
    let Some(sequence) = node.and_then(Node::as_sequence) else {
        return Vec::new();
    };
    sequence
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            NodeKind::Mapping(_) => {
                let source = string_at(item, "source")?;
                let target = string_at(item, "target").unwrap_or_else(|| source.clone());
                Some(Device {
                    source,
                    target,
                    permissions: string_at(item, "permissions"),
                    origin: Origin::of(item),
                })
            }
            _ => {
                let written = string(item)?;
                let origin = Origin::of(item);
                let mut offset = 0;
                let mut parts = Vec::new();
                for part in written.value.split(':') {
                    let range = super::load::part_range(item, offset, offset + part.len());
                    parts.push(Located::new(part.to_owned(), origin.with_range(range)));
                    offset += part.len() + 1;
                }
                let source = parts.first()?.clone();
                let target = parts
                    .get(1)
                    .filter(|target| !target.value.is_empty())
                    .cloned()
                    .unwrap_or_else(|| source.clone());
                Some(Device {
                    source,
                    target,
                    permissions: parts.get(2).cloned(),
                    origin,
                })
            }
        })
        .collect()
}

fn logging(node: &Node) -> Option<Logging> {
    node.as_mapping()?;
    Some(Logging {
        driver: string_at(node, "driver"),
        options: entries(node.get("options"))
            .into_iter()
            .filter_map(|(key, value)| Some((key.value, string(value)?)))
            .collect(),
        origin: Origin::of(node),
    })
}

/// `extra_hosts` as `host=ip` (or `host:ip`) strings, from the list or the mapping form.
fn extra_hosts(node: Option<&Node>) -> Vec<Located<String>> {
    let Some(node) = node else {
        return Vec::new();
    };
    match &node.kind {
        NodeKind::Mapping(_) => entries(Some(node))
            .into_iter()
            .flat_map(|(host, value)| {
                strings(Some(value)).into_iter().map(move |ip| {
                    let origin = host
                        .origin
                        .with_range(host.origin.range.cover(ip.origin.range));
                    Located::new(format!("{}={}", host.value, ip.value), origin)
                })
            })
            .collect(),
        _ => strings(Some(node)),
    }
}

fn ulimits(node: Option<&Node>) -> BTreeMap<String, Ulimit> {
    entries(node)
        .into_iter()
        .map(|(name, value)| {
            let ulimit = match &value.kind {
                NodeKind::Mapping(_) => Ulimit {
                    single: None,
                    soft: integer_at(value, "soft"),
                    hard: integer_at(value, "hard"),
                    origin: Origin::of(value),
                },
                _ => Ulimit {
                    single: integer(value),
                    soft: None,
                    hard: None,
                    origin: Origin::of(value),
                },
            };
            (name.value, ulimit)
        })
        .collect()
}

/// A service's `models`: a list of names or a mapping of names to options.
fn models(node: Option<&Node>) -> BTreeMap<String, Located<String>> {
    let Some(node) = node else {
        return BTreeMap::new();
    };
    match &node.kind {
        NodeKind::Sequence(sequence) => sequence
            .items
            .iter()
            .filter_map(string)
            .map(|name| (name.value.clone(), name))
            .collect(),
        _ => entries(Some(node))
            .into_iter()
            .map(|(name, _)| (name.value.clone(), name))
            .collect(),
    }
}
