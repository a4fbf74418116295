//! dockerd's `daemon.json` as a typed model: the settings rules read (those of the CIS Docker
//! Benchmark's section 2 and of the course's chapter 00), each with the range of its key and of
//! its value, and every problem dockerd would have with the file.
//!
//! [`DaemonConfig::from_document`] validates the tree against [`schema::daemon_json`] (unknown
//! keys, types, formats) and adds what dockerd checks beyond the shape of values: socket
//! addresses, registry names, log options of the driver, the default bridge's subnets and the
//! address pools, runtimes, labels, and options that cannot go together. Each problem says
//! whether dockerd refuses the file ([`Effect::Refused`]) or reads past the value
//! ([`Effect::Ignored`]).
//!
//! What a file alone cannot tell is left out: dockerd also refuses a setting given both in the
//! file and as a command-line flag. The common case is `hosts`: the stock systemd unit of
//! Docker's packages starts `dockerd -H fd://`, so a `hosts` key in daemon.json stops dockerd
//! from starting ("the following directives are specified both as a flag and in the
//! configuration file: hosts") until a systemd drop-in clears the `-H` flag.
//!
//! [`schema::daemon_json`]: super::schema::daemon_json
//! [`Effect::Refused`]: super::Effect::Refused
//! [`Effect::Ignored`]: super::Effect::Ignored

mod logging;
mod network;
mod registry;
mod runtime;
mod socket;

use std::collections::BTreeMap;
use std::net::IpAddr;

use crate::cidr::Cidr;
use crate::msg;
use crate::schema::validate;
use crate::text::TextRange;
use crate::yaml::Document;

pub use logging::{DEFAULT_LOG_DRIVER, LogRotation};
pub use network::AddressPool;
pub use registry::InsecureRegistry;
pub use runtime::{Runtime, STOCK_RUNTIMES, is_shim_name};
pub use socket::{DEFAULT_TCP_PORT, DaemonHost, TcpAddress};

use super::problem::{self, HostProblem, HostProblemKind};
use super::read::{Fields, map_entries, spanned};
use super::spanned::Spanned;

/// The settings of a daemon.json that rules read, and its problems. A setting that is absent,
/// `null` or of the wrong type is `None` (or empty); the defaults dockerd applies are in the
/// question methods (`icc()` is `true` when `icc` is not set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DaemonConfig {
    // The API: sockets and TLS.
    /// `hosts`, each entry parsed; entries dockerd refuses are left out (and reported).
    pub hosts: Vec<Spanned<DaemonHost>>,
    pub tls: Option<Spanned<bool>>,
    pub tlsverify: Option<Spanned<bool>>,
    pub tlscacert: Option<Spanned<String>>,
    pub tlscert: Option<Spanned<String>>,
    pub tlskey: Option<Spanned<String>>,
    pub authorization_plugins: Vec<Spanned<String>>,

    // Registries.
    pub insecure_registries: Vec<Spanned<InsecureRegistry>>,
    pub registry_mirrors: Vec<Spanned<String>>,

    // Logging: the containers' default driver, and the daemon's own log.
    pub log_driver: Option<Spanned<String>>,
    /// `log-opts` by option name, with the range of each name and value.
    pub log_opts: BTreeMap<String, Spanned<String>>,
    /// The range of the `log-opts` key itself.
    pub log_opts_key: Option<TextRange>,
    pub log_level: Option<Spanned<String>>,
    pub debug: Option<Spanned<bool>>,

    // Isolation and privileges.
    pub live_restore: Option<Spanned<bool>>,
    pub icc: Option<Spanned<bool>>,
    pub iptables: Option<Spanned<bool>>,
    pub ip6tables: Option<Spanned<bool>>,
    pub ip_masq: Option<Spanned<bool>>,
    pub userland_proxy: Option<Spanned<bool>>,
    pub userland_proxy_path: Option<Spanned<String>>,
    pub userns_remap: Option<Spanned<String>>,
    pub no_new_privileges: Option<Spanned<bool>>,
    pub experimental: Option<Spanned<bool>>,
    pub seccomp_profile: Option<Spanned<String>>,
    pub selinux_enabled: Option<Spanned<bool>>,
    pub cgroup_parent: Option<Spanned<String>>,
    pub exec_opts: Vec<Spanned<String>>,
    /// `default-ulimits` by limit name (`nofile`).
    pub default_ulimits: BTreeMap<String, Spanned<Ulimit>>,
    /// `features` by name (`containerd-snapshotter`).
    pub features: BTreeMap<String, Spanned<bool>>,
    pub rootless: Option<Spanned<bool>>,
    /// The group owning the API socket, whose members are root-equivalent.
    pub group: Option<Spanned<String>>,

    // Storage.
    pub storage_driver: Option<Spanned<String>>,
    pub storage_opts: Vec<Spanned<String>>,
    pub data_root: Option<Spanned<String>>,

    // Networking.
    pub bridge: Option<Spanned<String>>,
    pub bip: Option<Spanned<Cidr>>,
    pub bip6: Option<Spanned<Cidr>>,
    pub fixed_cidr: Option<Spanned<Cidr>>,
    pub fixed_cidr_v6: Option<Spanned<Cidr>>,
    pub default_gateway: Option<Spanned<IpAddr>>,
    pub default_gateway_v6: Option<Spanned<IpAddr>>,
    pub default_address_pools: Vec<Spanned<AddressPool>>,
    pub ipv6: Option<Spanned<bool>>,
    /// The default host address published ports bind to (`0.0.0.0` when unset).
    pub ip: Option<Spanned<IpAddr>>,
    pub dns: Vec<Spanned<IpAddr>>,

    // Runtimes.
    /// `runtimes` by name; each spans its object.
    pub runtimes: BTreeMap<String, Spanned<Runtime>>,
    pub default_runtime: Option<Spanned<String>>,

    pub labels: Vec<Spanned<String>>,
    pub containerd_namespace: Option<Spanned<String>>,
    pub containerd_plugins_namespace: Option<Spanned<String>>,
    pub min_api_version: Option<Spanned<String>>,

    /// Every problem, in the order of their positions: schema violations first found by
    /// validation, then what dockerd checks beyond it.
    pub problems: Vec<HostProblem>,
}

/// One entry of `default-ulimits`. dockerd applies it by its `Name`, not by its key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ulimit {
    pub name: Option<Spanned<String>>,
    pub soft: Option<Spanned<i64>>,
    pub hard: Option<Spanned<i64>>,
}

/// How the API's TLS settings combine, as dockerd reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiTls {
    /// The API is served over TLS: `tls: true`, or `tlsverify` set at all.
    pub enabled: bool,
    /// Clients must present a certificate signed by `tlscacert`: `tlsverify: true`, or
    /// `tls: true` without `tlsverify`.
    pub verifies_clients: bool,
}

impl DaemonConfig {
    /// Reads a daemon.json tree (from [`crate::json::parse`]). Never fails: what cannot be
    /// read is left out of the model and reported in [`problems`](Self::problems).
    pub fn from_document(document: &Document) -> DaemonConfig {
        let mut config = DaemonConfig::default();
        let Some(root) = document.roots.first() else {
            return config;
        };
        let mut problems: Vec<HostProblem> = Vec::new();
        let mut schema_errors = Vec::new();
        validate(root, super::schema::daemon_json(), &mut schema_errors);
        problems.extend(schema_errors.into_iter().map(HostProblem::from));

        // dockerd looks each top-level key up as a flag name, exactly.
        let fields = Fields::of(Some(root), false);
        config.read_api(&fields, &mut problems);
        config.read_registries(&fields, &mut problems);
        config.log_driver = fields.string("log-driver");
        config.log_opts = fields.string_map("log-opts");
        config.log_opts_key = fields.entry("log-opts").map(|entry| entry.key.range);
        config.log_level = fields.string("log-level");
        config.debug = fields.boolean("debug");

        config.live_restore = fields.boolean("live-restore");
        config.icc = fields.boolean("icc");
        config.iptables = fields.boolean("iptables");
        config.ip6tables = fields.boolean("ip6tables");
        config.ip_masq = fields.boolean("ip-masq");
        config.userland_proxy = fields.boolean("userland-proxy");
        config.userland_proxy_path = fields.string("userland-proxy-path");
        config.userns_remap = fields.string("userns-remap");
        config.no_new_privileges = fields.boolean("no-new-privileges");
        config.experimental = fields.boolean("experimental");
        config.seccomp_profile = fields.string("seccomp-profile");
        config.selinux_enabled = fields.boolean("selinux-enabled");
        config.cgroup_parent = fields.string("cgroup-parent");
        config.exec_opts = fields.strings("exec-opts");
        config.default_ulimits = read_ulimits(&fields);
        config.features = map_entries(fields.node("features"))
            .filter_map(|(name, entry)| {
                Some((
                    name.to_owned(),
                    spanned(entry, &entry.value, super::read::boolean)?,
                ))
            })
            .collect();
        config.rootless = fields.boolean("rootless");
        config.group = fields.string("group");

        config.storage_driver = fields.string("storage-driver");
        config.storage_opts = fields.strings("storage-opts");
        config.data_root = fields.string("data-root");

        config.read_network(&fields, &mut problems);

        config.runtimes = runtime::read(fields.entry("runtimes"));
        config.default_runtime = fields.string("default-runtime");
        config.labels = fields.strings("labels");
        config.containerd_namespace = fields.string("containerd-namespace");
        config.containerd_plugins_namespace = fields.string("containerd-plugins-namespace");
        config.min_api_version = fields.string("min-api-version");

        logging::check(
            config.log_driver.as_ref(),
            config.log_opts_key,
            &config.log_opts,
            &mut problems,
        );
        network::check(&config, &mut problems);
        runtime::check(
            &config.runtimes,
            config.default_runtime.as_ref(),
            &mut problems,
        );
        config.check_isolation(&mut problems);
        config.check_labels(&mut problems);
        config.check_ulimits(&mut problems);
        config.check_misc(&mut problems);
        problem::sort(&mut problems);
        config.problems = problems;
        config
    }

    fn read_api(&mut self, fields: &Fields<'_>, problems: &mut Vec<HostProblem>) {
        for host in fields.strings("hosts") {
            // dockerd drops empty entries and listens on its default socket.
            if host.trim().is_empty() {
                continue;
            }
            match DaemonHost::parse(&host) {
                Ok(parsed) => self.hosts.push(host.map(|_| parsed)),
                Err(reason) => {
                    let (reason_en, reason_fr) = (&reason.en, &reason.fr);
                    problems.push(HostProblem::refused(
                        HostProblemKind::InvalidValue,
                        host.range,
                        msg!(
                            "invalid API socket: {reason_en}; dockerd refuses to start",
                            "socket d'API invalide : {reason_fr} ; dockerd refuse de démarrer"
                        ),
                    ));
                }
            }
        }
        self.tls = fields.boolean("tls");
        self.tlsverify = fields.boolean("tlsverify");
        self.tlscacert = fields.string("tlscacert");
        self.tlscert = fields.string("tlscert");
        self.tlskey = fields.string("tlskey");
        self.authorization_plugins = fields.strings("authorization-plugins");
    }

    fn read_registries(&mut self, fields: &Fields<'_>, problems: &mut Vec<HostProblem>) {
        for entry in fields.strings("insecure-registries") {
            match InsecureRegistry::parse(&entry) {
                Ok(read) => {
                    if let Some(scheme) = &read.dropped_scheme {
                        problems.push(HostProblem::ignored(
                            entry.range,
                            msg!(
                                "dockerd drops `{scheme}://` from an insecure registry and warns: write the registry as `host:port`",
                                "dockerd retire `{scheme}://` d'un registre non sécurisé en avertissant : écrivez le registre en `hôte:port`"
                            ),
                        ));
                    }
                    self.insecure_registries.push(entry.map(|_| read.registry));
                }
                Err(reason) => problems.push(refused_value(
                    entry.range,
                    "insecure registry",
                    "registre non sécurisé",
                    &reason,
                )),
            }
        }
        let mut seen: BTreeMap<String, TextRange> = BTreeMap::new();
        for mirror in fields.strings("registry-mirrors") {
            match registry::check_mirror(&mirror) {
                Ok(normalized) => {
                    if let Some(&first) = seen.get(&normalized) {
                        problems.push(
                            HostProblem::ignored(
                                mirror.range,
                                msg!(
                                    "this mirror repeats an earlier one, which dockerd keeps instead",
                                    "ce miroir répète un miroir précédent, que dockerd garde à sa place"
                                ),
                            )
                            .with_related(first, msg!("first occurrence", "première occurrence")),
                        );
                    } else {
                        seen.insert(normalized, mirror.range);
                    }
                    self.registry_mirrors.push(mirror);
                }
                Err(reason) => problems.push(refused_value(
                    mirror.range,
                    "registry mirror",
                    "miroir de registre",
                    &reason,
                )),
            }
        }
    }

    fn read_network(&mut self, fields: &Fields<'_>, problems: &mut Vec<HostProblem>) {
        use network::{Strictness, read_cidr, read_ip};
        let mut cidr = |name: &str, strictness| {
            fields
                .string(name)
                .and_then(|text| read_cidr(text, strictness, problems))
        };
        self.bip = cidr("bip", Strictness::Net);
        self.bip6 = cidr("bip6", Strictness::Net);
        self.fixed_cidr = cidr("fixed-cidr", Strictness::Net);
        self.fixed_cidr_v6 = cidr("fixed-cidr-v6", Strictness::Netip);
        self.bridge = fields.string("bridge");
        self.default_gateway = read_ip(fields.entry("default-gateway"));
        self.default_gateway_v6 = read_ip(fields.entry("default-gateway-v6"));
        self.default_address_pools =
            network::read_pools(fields.entry("default-address-pools"), problems);
        self.ipv6 = fields.boolean("ipv6");
        self.ip = read_ip(fields.entry("ip"));
        if let Some(entry) = fields.entry("dns") {
            self.dns = super::read::items(&entry.value)
                .iter()
                .filter_map(|item| {
                    spanned(entry, item, |node| super::read::string(node)?.parse().ok())
                })
                .collect();
        }
    }

    /// moby's `verifyDaemonSettings`: ICC needs the firewall rules dockerd writes; a systemd
    /// cgroup parent is a slice; `tlsverify` turns TLS on whatever `tls` says.
    fn check_isolation(&self, problems: &mut Vec<HostProblem>) {
        if let Some(icc) = self.icc.as_ref().filter(|icc| !icc.value) {
            let firewalls = [
                ("iptables", self.iptables.as_ref(), true),
                ("ip6tables", self.ip6tables.as_ref(), self.ipv6()),
            ];
            for (key, firewall, applies) in firewalls {
                if let Some(firewall) = firewall.filter(|firewall| !firewall.value && applies) {
                    problems.push(
                        HostProblem::refused(
                            HostProblemKind::Conflict,
                            firewall.entry_range(),
                            msg!(
                                "`{key}: false` cannot go with `icc: false`: blocking traffic between containers is done with {key} rules; set one of them to true, or dockerd refuses to start",
                                "`{key}: false` ne va pas avec `icc: false` : bloquer le trafic entre conteneurs se fait par des règles {key} ; mettez l'un des deux à true, sinon dockerd refuse de démarrer"
                            ),
                        )
                        .with_related(icc.entry_range(), msg!("`icc` set here", "`icc` défini ici")),
                    );
                }
            }
        }
        if let (Some(masq), Some(iptables)) = (&self.ip_masq, &self.iptables)
            && masq.value
            && !iptables.value
        {
            problems.push(
                HostProblem::ignored(
                    masq.entry_range(),
                    msg!(
                        "`ip-masq` has no effect with `iptables: false`: dockerd turns masquerading off",
                        "`ip-masq` n'a aucun effet avec `iptables: false` : dockerd désactive le masquage"
                    ),
                )
                .with_related(iptables.entry_range(), msg!("`iptables` set here", "`iptables` défini ici")),
            );
        }
        if let (Some(tls), Some(verify)) = (&self.tls, &self.tlsverify)
            && !tls.value
        {
            problems.push(
                HostProblem::ignored(
                    tls.entry_range(),
                    msg!(
                        "`tls: false` has no effect: setting `tlsverify` turns TLS on",
                        "`tls: false` n'a aucun effet : définir `tlsverify` active TLS"
                    ),
                )
                .with_related(
                    verify.entry_range(),
                    msg!("`tlsverify` set here", "`tlsverify` défini ici"),
                ),
            );
        }
        let mut cgroup_driver = None;
        for option in &self.exec_opts {
            let (key, value) = option.split_once('=').unwrap_or((option.as_str(), ""));
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            let text = option.as_str();
            let reason = if key.is_empty() || value.is_empty() {
                msg!(
                    "`{text}` is not an `option=value` pair",
                    "`{text}` n'est pas une paire `option=valeur`"
                )
            } else if key == "native.cgroupdriver" {
                if matches!(value, "systemd" | "cgroupfs") {
                    cgroup_driver = Some(value);
                    continue;
                }
                msg!(
                    "the cgroup driver is `systemd` or `cgroupfs`, not `{value}`",
                    "le pilote de cgroups est `systemd` ou `cgroupfs`, pas `{value}`"
                )
            } else if key == "isolation" {
                msg!(
                    "`isolation` is an option of Windows daemons only",
                    "`isolation` est une option des démons Windows uniquement"
                )
            } else {
                msg!(
                    "unknown option `{key}`: Linux daemons know only `native.cgroupdriver`",
                    "option `{key}` inconnue : les démons Linux ne connaissent que `native.cgroupdriver`"
                )
            };
            problems.push(refused_value(
                option.range,
                "exec option",
                "option d'exécution",
                &reason,
            ));
        }
        if let (Some(parent), Some("systemd")) = (&self.cgroup_parent, cgroup_driver)
            && (parent.len() <= 6 || !parent.ends_with(".slice"))
        {
            problems.push(HostProblem::refused(
                HostProblemKind::Conflict,
                parent.range,
                msg!(
                    "with the systemd cgroup driver, `cgroup-parent` must be a slice named like `docker.slice`; dockerd refuses to start",
                    "avec le pilote de cgroups systemd, `cgroup-parent` doit être une slice nommée comme `docker.slice` ; dockerd refuse de démarrer"
                ),
            ));
        }
    }

    /// moby's `ValidateLabel` and `GetConflictFreeLabels`.
    fn check_labels(&self, problems: &mut Vec<HostProblem>) {
        let mut seen: BTreeMap<&str, &Spanned<String>> = BTreeMap::new();
        for label in &self.labels {
            let Some((key, value)) = label.split_once('=') else {
                let text = label.as_str();
                problems.push(HostProblem::refused(
                    HostProblemKind::InvalidValue,
                    label.range,
                    msg!(
                        "the label `{text}` is not `key=value`; dockerd refuses to start",
                        "le label `{text}` n'est pas de la forme `clé=valeur` ; dockerd refuse de démarrer"
                    ),
                ));
                continue;
            };
            let lowered = label.to_ascii_lowercase();
            if ["com.docker.", "io.docker.", "org.dockerproject."]
                .iter()
                .any(|namespace| lowered.starts_with(namespace))
            {
                problems.push(HostProblem::refused(
                    HostProblemKind::InvalidValue,
                    label.range,
                    msg!(
                        "the label `{key}` is in a namespace Docker reserves (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`); dockerd refuses to start",
                        "le label `{key}` est dans un espace de noms réservé à Docker (`com.docker.*`, `io.docker.*`, `org.dockerproject.*`) ; dockerd refuse de démarrer"
                    ),
                ));
            }
            match seen.get(key) {
                Some(first) if first.split_once('=').is_some_and(|(_, old)| old != value) => {
                    problems.push(
                        HostProblem::refused(
                            HostProblemKind::Conflict,
                            label.range,
                            msg!(
                                "the label `{key}` is set twice with different values; dockerd refuses to start",
                                "le label `{key}` est défini deux fois avec des valeurs différentes ; dockerd refuse de démarrer"
                            ),
                        )
                        .with_related(first.range, msg!("first value", "première valeur")),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, label);
                }
            }
        }
    }

    /// Limits runc applies to every container: a name it knows, a soft limit within the hard
    /// one. dockerd reads them without a check, so a bad one makes every container fail to
    /// start.
    fn check_ulimits(&self, problems: &mut Vec<HostProblem>) {
        for (key, ulimit) in &self.default_ulimits {
            match &ulimit.name {
                None => problems.push(HostProblem::refused(
                    HostProblemKind::InvalidValue,
                    ulimit.key_range,
                    msg!(
                        "the limit `{key}` has no `Name`, which dockerd applies it by (such as `\"Name\": \"{key}\"`): every container would fail to start",
                        "la limite `{key}` n'a pas de `Name`, le nom sous lequel dockerd l'applique (comme `\"Name\": \"{key}\"`) : aucun conteneur ne pourrait démarrer"
                    ),
                )),
                Some(name) if !ULIMIT_NAMES.contains(&name.to_ascii_lowercase().as_str()) => {
                    let mut problem = HostProblem::refused(
                        HostProblemKind::InvalidValue,
                        name.range,
                        msg!(
                            "`{}` is not a resource limit runc knows: every container would fail to start",
                            "`{}` n'est pas une limite de ressource connue de runc : aucun conteneur ne pourrait démarrer",
                            name.as_str()
                        ),
                    );
                    if let Some(suggestion) =
                        crate::suggest::did_you_mean(name, ULIMIT_NAMES.iter().copied())
                    {
                        problem.suggestion = Some(suggestion);
                        problem.did_you_mean(suggestion);
                    }
                    problems.push(problem);
                }
                Some(_) => {}
            }
            if let (Some(soft), Some(hard)) = (&ulimit.soft, &ulimit.hard)
                && hard.value >= 0
                && soft.value > hard.value
            {
                problems.push(
                    HostProblem::refused(
                        HostProblemKind::Conflict,
                        soft.range,
                        msg!(
                            "the soft limit of `{key}` ({}) is above its hard limit ({}): every container would fail to start",
                            "la limite souple de `{key}` ({}) dépasse sa limite dure ({}) : aucun conteneur ne pourrait démarrer",
                            soft.value,
                            hard.value
                        ),
                    )
                    .with_related(hard.range, msg!("hard limit", "limite dure")),
                );
            }
        }
    }

    fn check_misc(&self, problems: &mut Vec<HostProblem>) {
        let containers = self
            .containerd_namespace
            .as_ref()
            .map_or("moby", |namespace| namespace.as_str());
        let plugins = self
            .containerd_plugins_namespace
            .as_ref()
            .map_or("plugins.moby", |namespace| namespace.as_str());
        if containers == plugins {
            let at = self
                .containerd_plugins_namespace
                .as_ref()
                .or(self.containerd_namespace.as_ref());
            if let Some(at) = at {
                problems.push(HostProblem::refused(
                    HostProblemKind::Conflict,
                    at.range,
                    msg!(
                        "containers and plugins cannot share the containerd namespace `{containers}`; dockerd refuses to start",
                        "les conteneurs et les plugins ne peuvent pas partager l'espace de noms containerd `{containers}` ; dockerd refuse de démarrer"
                    ),
                ));
            }
        }
        if let Some(path) = &self.userland_proxy_path
            && self.userland_proxy()
            && !path.starts_with('/')
        {
            problems.push(HostProblem::refused(
                HostProblemKind::InvalidValue,
                path.range,
                msg!(
                    "`userland-proxy-path` must be an absolute path; dockerd refuses to start",
                    "`userland-proxy-path` doit être un chemin absolu ; dockerd refuse de démarrer"
                ),
            ));
        }
        if let Some(version) = &self.min_api_version
            && version.starts_with(['v', 'V'])
        {
            problems.push(HostProblem::refused(
                HostProblemKind::InvalidValue,
                version.range,
                msg!(
                    "write the API version without `v`, such as `1.24`; dockerd refuses to start",
                    "écrivez la version de l'API sans `v`, comme `1.24` ; dockerd refuse de démarrer"
                ),
            ));
        }
    }

    // The questions rules ask, with dockerd's defaults.

    /// How TLS applies to the API (the `--tls`/`--tlsverify` flags and `DOCKER_TLS_VERIFY` can
    /// still turn it on from outside the file).
    pub fn api_tls(&self) -> ApiTls {
        let tls = self.tls.as_ref().map(|tls| tls.value);
        let verify = self.tlsverify.as_ref().map(|verify| verify.value);
        ApiTls {
            enabled: verify.is_some() || tls == Some(true),
            verifies_clients: verify.or(tls).unwrap_or(false),
        }
    }

    /// The `tcp://` sockets any client reaching the port can use without a certificate:
    /// whoever reaches them is root on the host (CIS 2.7). Empty when `tlsverify` (or `tls`
    /// alone) makes dockerd verify client certificates.
    pub fn tcp_hosts_without_tls(&self) -> Vec<&Spanned<DaemonHost>> {
        if self.api_tls().verifies_clients {
            return Vec::new();
        }
        self.hosts.iter().filter(|host| host.is_tcp()).collect()
    }

    /// The TLS files dockerd verifies clients with that are not set in the file: dockerd then
    /// looks for `ca.pem`, `cert.pem` and `key.pem` in `~/.docker` of the user it runs as.
    pub fn missing_tls_files(&self) -> Vec<&'static str> {
        [
            ("tlscacert", &self.tlscacert),
            ("tlscert", &self.tlscert),
            ("tlskey", &self.tlskey),
        ]
        .into_iter()
        .filter(|(_, value)| value.is_none())
        .map(|(key, _)| key)
        .collect()
    }

    /// The logging driver of containers that set none.
    pub fn log_driver(&self) -> &str {
        self.log_driver
            .as_ref()
            .map_or(DEFAULT_LOG_DRIVER, |driver| driver.as_str())
    }

    /// Whether containers' logs are kept from filling the disk.
    pub fn log_rotation(&self) -> LogRotation {
        logging::rotation(self.log_driver(), &self.log_opts)
    }

    /// The daemon's own log level (`debug: true` forces `debug`).
    pub fn log_level(&self) -> String {
        if self.debug.as_ref().is_some_and(|debug| debug.value) {
            return "debug".to_owned();
        }
        self.log_level
            .as_ref()
            .map_or("info".to_owned(), |level| level.to_ascii_lowercase())
    }

    /// Whether containers on the default bridge can talk to each other (default true; CIS 2.2).
    pub fn icc(&self) -> bool {
        flag(&self.icc, true)
    }

    /// Whether dockerd manages iptables rules (default true; CIS 2.4).
    pub fn iptables(&self) -> bool {
        flag(&self.iptables, true)
    }

    /// Whether dockerd manages ip6tables rules (default true since Docker 27).
    pub fn ip6tables(&self) -> bool {
        flag(&self.ip6tables, true)
    }

    /// The settings that turn dockerd's firewall rules off: `iptables: false`,
    /// `ip6tables: false`. Published ports and isolation then depend on rules nobody writes.
    pub fn disabled_firewalls(&self) -> Vec<&Spanned<bool>> {
        [&self.iptables, &self.ip6tables]
            .into_iter()
            .flatten()
            .filter(|setting| !setting.value)
            .collect()
    }

    pub fn ipv6(&self) -> bool {
        flag(&self.ipv6, false)
    }

    /// Whether containers keep running while dockerd restarts (default false; CIS 2.15).
    pub fn live_restore(&self) -> bool {
        flag(&self.live_restore, false)
    }

    /// Whether published ports go through the `docker-proxy` process (default true; CIS 2.16).
    pub fn userland_proxy(&self) -> bool {
        flag(&self.userland_proxy, true)
    }

    /// Whether containers run with `no-new-privileges` by default (default false; CIS 2.14).
    pub fn no_new_privileges(&self) -> bool {
        flag(&self.no_new_privileges, false)
    }

    /// Whether experimental features are on (default false; CIS 2.18).
    pub fn experimental(&self) -> bool {
        flag(&self.experimental, false)
    }

    /// Whether container users are remapped to unprivileged host users (CIS 2.9): `userns-remap`
    /// set to a non-empty value.
    pub fn userns_remapped(&self) -> bool {
        self.userns_remap
            .as_ref()
            .is_some_and(|remap| !remap.trim().is_empty())
    }

    /// Whether seccomp is turned off for every container (`seccomp-profile: unconfined`).
    pub fn seccomp_unconfined(&self) -> bool {
        self.seccomp_profile
            .as_ref()
            .is_some_and(|profile| profile.as_str() == "unconfined")
    }

    /// The `storage-opts` entry that changes the devicemapper base size (CIS 2.11).
    pub fn base_size_option(&self) -> Option<&Spanned<String>> {
        self.storage_opts
            .iter()
            .find(|option| option.trim_start().starts_with("dm.basesize"))
    }

    /// The deprecated storage drivers in use: `aufs`, `devicemapper`, `overlay` (CIS 2.6).
    pub fn deprecated_storage_driver(&self) -> Option<&Spanned<String>> {
        self.storage_driver
            .as_ref()
            .filter(|driver| matches!(driver.as_str(), "aufs" | "devicemapper" | "overlay"))
    }
}

/// The resource limits runc knows (`RLIMIT_` and the name in capitals).
const ULIMIT_NAMES: &[&str] = &[
    "as",
    "core",
    "cpu",
    "data",
    "fsize",
    "locks",
    "memlock",
    "msgqueue",
    "nice",
    "nofile",
    "nproc",
    "rss",
    "rtprio",
    "rttime",
    "sigpending",
    "stack",
];

/// A boolean setting, or dockerd's default when it is not set.
fn flag(setting: &Option<Spanned<bool>>, default: bool) -> bool {
    setting.as_ref().map_or(default, |setting| setting.value)
}

/// "invalid WHAT: REASON; dockerd refuses to start".
fn refused_value(
    range: TextRange,
    what_en: &str,
    what_fr: &str,
    reason: &crate::message::Message,
) -> HostProblem {
    let (reason_en, reason_fr) = (&reason.en, &reason.fr);
    HostProblem::refused(
        HostProblemKind::InvalidValue,
        range,
        msg!(
            "invalid {what_en}: {reason_en}; dockerd refuses to start",
            "{what_fr} invalide : {reason_fr} ; dockerd refuse de démarrer"
        ),
    )
}

fn read_ulimits(fields: &Fields<'_>) -> BTreeMap<String, Spanned<Ulimit>> {
    map_entries(fields.node("default-ulimits"))
        .filter(|(_, entry)| entry.value.as_mapping().is_some())
        .map(|(name, entry)| {
            let limit = Fields::of(Some(&entry.value), true);
            let ulimit = Ulimit {
                name: limit.string("Name"),
                soft: limit.integer("Soft"),
                hard: limit.integer("Hard"),
            };
            (
                name.to_owned(),
                Spanned::new(ulimit, entry.key.range, entry.value.range),
            )
        })
        .collect()
}
