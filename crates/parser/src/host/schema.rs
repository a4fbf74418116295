//! berth's descriptions of Docker host configuration files: dockerd's `daemon.json` and the
//! client's `~/.docker/config.json`.
//!
//! daemon.json: dockerd refuses to start when a top-level key matches none of its options
//! ("the following directives don't match any configuration option"), so unknown top-level
//! keys are errors. Keys are those of moby's `daemon/config` (the JSON names of its command
//! line flags) plus the few it accepts without a flag. Nested objects are decoded by Go's
//! `encoding/json`, which matches keys whatever their case and drops unknown ones, so there
//! unknown keys are reported as ignored.
//!
//! config.json: the docker CLI decodes it with `encoding/json` too and ignores keys it does
//! not know, so unknown keys are reported as ignored, never refused.
//!
//! Values are JSON: no string stands for a boolean or a number here.

use crate::duration::DurationSyntax;
use crate::schema::shape::{any_of, choice, known, list, map};
use crate::schema::{
    ByteSizeSyntax, Choices, Doc, Format, Integer, Object, Shape, UnknownKeys, prop,
};

/// The description of dockerd's `daemon.json`.
pub fn daemon_json() -> &'static Shape {
    &DAEMON_JSON
}

/// The description of the docker CLI's `config.json`.
pub fn client_config_json() -> &'static Shape {
    &CLIENT_CONFIG_JSON
}

const STRING: Shape = Shape::String(Format::Text);
const BOOL: Shape = Shape::Bool { from_string: false };
const INTEGER: Shape = integer(None, None);
const NON_NEGATIVE: Shape = integer(Some(0), None);
const IP: Shape = Shape::String(Format::IpAddress);
const CIDR: Shape = Shape::String(Format::Cidr);
/// dockerd reads `default-shm-size` with go-units' `RAMInBytes`.
const BYTE_SIZE: Shape = Shape::String(Format::ByteSize(ByteSizeSyntax::Ram));
/// BuildKit's disk space settings also take percentages of the disk (`10%`).
const DISK_SPACE: Shape = STRING;
const DURATION: Shape = Shape::String(Format::Duration(DurationSyntax::Go));
const STRINGS: Shape = list!(STRING);
const STRING_MAP: Shape = map!(NonEmpty, STRING);

const fn integer(min: Option<i64>, max: Option<i64>) -> Shape {
    Shape::Integer(Integer {
        from_string: false,
        min,
        max,
    })
}

const IGNORED_BY_DOCKERD: UnknownKeys = UnknownKeys::Ignored {
    by: Doc::new("dockerd", "dockerd"),
};

/// An object dockerd decodes with `encoding/json`: any case, unknown keys dropped.
const GO_STRUCT: Object = Object {
    extensions: false,
    unknown: IGNORED_BY_DOCKERD,
    ignore_case: true,
    ..Object::CLOSED
};

// daemon.json: nested objects.

#[rustfmt::skip]
const GC_POLICY: Object = Object {
    properties: &[
        prop("all", BOOL, "Apply the rule to every cache record, including those in use by no build.", "Appliquer la règle à tous les éléments du cache, y compris ceux qu'aucun build n'utilise."),
        prop("filter", any_of![STRINGS, map!(NonEmpty, Shape::Any)], "Cache records the rule applies to, such as `type=source.local`.", "Éléments du cache visés par la règle, comme `type=source.local`."),
        prop("keepDuration", DURATION, "Age after which unused cache records are removed.", "Âge au-delà duquel les éléments de cache inutilisés sont supprimés."),
        prop("keepStorage", DISK_SPACE, "Former name of `reservedSpace`.", "Ancien nom de `reservedSpace`.").deprecated(),
        prop("maxUsedSpace", DISK_SPACE, "Most disk space the build cache may use.", "Espace disque maximal utilisable par le cache de build."),
        prop("minFreeSpace", DISK_SPACE, "Disk space to keep free on the host.", "Espace disque à laisser libre sur l'hôte."),
        prop("reservedSpace", DISK_SPACE, "Disk space the cache may always keep, whatever the other limits.", "Espace disque que le cache peut toujours garder, quelles que soient les autres limites."),
    ],
    ..GO_STRUCT
};

#[rustfmt::skip]
const BUILDER_GC: Object = Object {
    properties: &[
        prop("defaultKeepStorage", DISK_SPACE, "Former name of `defaultReservedSpace`.", "Ancien nom de `defaultReservedSpace`.").deprecated(),
        prop("defaultMaxUsedSpace", DISK_SPACE, "Default most disk space the build cache may use.", "Espace disque maximal utilisable par défaut par le cache de build."),
        prop("defaultMinFreeSpace", DISK_SPACE, "Default disk space to keep free on the host.", "Espace disque à laisser libre par défaut sur l'hôte."),
        prop("defaultReservedSpace", DISK_SPACE, "Default disk space the cache may always keep.", "Espace disque que le cache peut toujours garder par défaut."),
        prop("enabled", BOOL, "Collect the build cache's garbage automatically (default true).", "Nettoyer automatiquement le cache de build (vrai par défaut)."),
        prop("policy", list!(Shape::Object(&GC_POLICY)), "Cleaning rules, applied in order.", "Règles de nettoyage, appliquées dans l'ordre."),
    ],
    ..GO_STRUCT
};

#[rustfmt::skip]
const BUILDER_ENTITLEMENTS: Object = Object {
    properties: &[
        prop("device", BOOL, "Let builds ask for access to host devices.", "Permettre aux builds de demander l'accès aux périphériques de l'hôte."),
        prop("network-host", BOOL, "Let builds use the host's network (`--network=host`).", "Permettre aux builds d'utiliser le réseau de l'hôte (`--network=host`)."),
        prop("security-insecure", BOOL, "Let builds run privileged steps (`--allow security.insecure`).", "Permettre aux builds d'exécuter des étapes privilégiées (`--allow security.insecure`)."),
    ],
    ..GO_STRUCT
};

#[rustfmt::skip]
const BUILDER_HISTORY: Object = Object {
    properties: &[
        prop("maxAge", DURATION, "Age after which build records are deleted.", "Âge au-delà duquel les enregistrements de build sont supprimés."),
        prop("maxEntries", NON_NEGATIVE, "Most build records kept.", "Nombre maximal d'enregistrements de build conservés."),
    ],
    ..GO_STRUCT
};

#[rustfmt::skip]
const BUILDER: Object = Object {
    properties: &[
        prop("entitlements", Shape::Object(&BUILDER_ENTITLEMENTS), "Privileges builds may ask for.", "Privilèges que les builds peuvent demander."),
        prop("gc", Shape::Object(&BUILDER_GC), "Garbage collection of the build cache.", "Nettoyage du cache de build."),
        prop("history", Shape::Object(&BUILDER_HISTORY), "How long build records are kept.", "Durée de conservation des enregistrements de build."),
    ],
    ..GO_STRUCT
};

#[rustfmt::skip]
const ADDRESS_POOL: Object = Object {
    properties: &[
        prop("base", CIDR, "Range the pool's subnets are taken from, such as `10.10.0.0/16`.", "Plage d'où sont tirés les sous-réseaux, comme `10.10.0.0/16`."),
        prop("size", integer(Some(0), Some(128)), "Prefix length of each subnet, such as `24`.", "Longueur de préfixe de chaque sous-réseau, comme `24`."),
    ],
    ..GO_STRUCT
};

#[rustfmt::skip]
const ULIMIT: Object = Object {
    properties: &[
        prop("Hard", INTEGER, "Hard limit: the ceiling the soft limit can be raised to.", "Limite dure : le plafond jusqu'où la limite souple peut monter."),
        prop("Name", STRING, "Name of the limit, such as `nofile`.", "Nom de la limite, comme `nofile`."),
        prop("Soft", INTEGER, "Soft limit: the value enforced by default.", "Limite souple : la valeur appliquée par défaut."),
    ],
    ..GO_STRUCT
};

#[rustfmt::skip]
const RUNTIME: Object = Object {
    properties: &[
        prop("options", map!(NonEmpty, Shape::Any), "Options of a containerd shim runtime.", "Options d'un runtime shim de containerd."),
        prop("path", STRING, "Path of a runc-compatible runtime binary.", "Chemin d'un binaire de runtime compatible runc."),
        prop("runtimeArgs", STRINGS, "Arguments passed to the runtime binary.", "Arguments passés au binaire du runtime."),
        prop("runtimeType", STRING, "containerd shim of the runtime, such as `io.containerd.runsc.v1`.", "Shim containerd du runtime, comme `io.containerd.runsc.v1`."),
    ],
    exclusive: &[("path", "runtimeType")],
    ..GO_STRUCT
};

#[rustfmt::skip]
const NRI_OPTS: Object = Object {
    properties: &[
        prop("enable", BOOL, "Turn on the Node Resource Interface.", "Activer la Node Resource Interface."),
        prop("plugin-config-path", STRING, "Directory of NRI plugin configurations.", "Répertoire des configurations des plugins NRI."),
        prop("plugin-path", STRING, "Directory of NRI plugins started by dockerd.", "Répertoire des plugins NRI lancés par dockerd."),
        prop("socket-path", STRING, "Socket external NRI plugins connect to.", "Socket auquel se connectent les plugins NRI externes."),
    ],
    unknown: UnknownKeys::Refused,
    ..GO_STRUCT
};

#[rustfmt::skip]
const DAEMON_PROXIES: Object = Object {
    properties: &[
        prop("http-proxy", STRING, "Proxy for HTTP requests of the daemon (pulls, pushes).", "Proxy des requêtes HTTP du démon (téléchargements, envois)."),
        prop("https-proxy", STRING, "Proxy for HTTPS requests of the daemon.", "Proxy des requêtes HTTPS du démon."),
        prop("no-proxy", STRING, "Hosts reached without a proxy, comma-separated.", "Hôtes joints sans proxy, séparés par des virgules."),
    ],
    ..Object::CLOSED
};

const LOG_LEVEL: Shape = Shape::Enum(Choices {
    values: &["debug", "info", "warn", "error", "fatal", "panic", "trace"],
    ignore_case: true,
});

// daemon.json.

#[rustfmt::skip]
const DAEMON: Object = Object {
    properties: &[
        prop("allow-direct-routing", BOOL, "Let other hosts reach published ports on container addresses directly.", "Permettre aux autres hôtes de joindre directement les ports publiés sur les adresses des conteneurs."),
        prop("allow-nondistributable-artifacts", STRINGS, "No longer has any effect; dockerd still accepts it.", "N'a plus d'effet ; dockerd l'accepte encore.").deprecated(),
        prop("authorization-plugins", STRINGS, "Plugins that authorize each API request.", "Plugins qui autorisent chaque requête à l'API."),
        prop("bip", CIDR, "Address and prefix of the default bridge, such as `192.168.1.1/24`.", "Adresse et préfixe du pont par défaut, comme `192.168.1.1/24`."),
        prop("bip6", CIDR, "IPv6 address and prefix of the default bridge.", "Adresse IPv6 et préfixe du pont par défaut."),
        prop("bridge", STRING, "Existing bridge the default network uses; `none` for no default bridge.", "Pont existant utilisé par le réseau par défaut ; `none` pour aucun pont par défaut."),
        prop("bridge-accept-fwmark", STRING, "Firewall mark (and mask) of packets bridge networks accept.", "Marque de pare-feu (et masque) des paquets acceptés par les réseaux pont."),
        prop("builder", Shape::Object(&BUILDER), "BuildKit settings: cache cleaning, entitlements, history.", "Réglages de BuildKit : nettoyage du cache, droits, historique."),
        prop("cdi-spec-dirs", STRINGS, "Directories of Container Device Interface specifications.", "Répertoires des spécifications Container Device Interface."),
        prop("cgroup-parent", STRING, "Parent cgroup of all containers.", "Cgroup parent de tous les conteneurs."),
        prop("containerd", STRING, "Socket of an external containerd to use.", "Socket d'un containerd externe à utiliser."),
        prop("containerd-namespace", STRING, "containerd namespace of the containers.", "Espace de noms containerd des conteneurs."),
        prop("containerd-plugins-namespace", STRING, "containerd namespace of the plugins.", "Espace de noms containerd des plugins."),
        prop("cpu-rt-period", INTEGER, "Real-time period of the parent cgroup, in microseconds (cgroup v1).", "Période temps réel du cgroup parent, en microsecondes (cgroup v1)."),
        prop("cpu-rt-runtime", INTEGER, "Real-time runtime of the parent cgroup, in microseconds (cgroup v1).", "Temps d'exécution temps réel du cgroup parent, en microsecondes (cgroup v1)."),
        prop("cri-containerd", BOOL, "Start containerd with its CRI plugin, for Kubernetes.", "Lancer containerd avec son plugin CRI, pour Kubernetes."),
        prop("data-root", STRING, "Directory of Docker's persistent data (default `/var/lib/docker`).", "Répertoire des données persistantes de Docker (`/var/lib/docker` par défaut)."),
        prop("debug", BOOL, "Log at debug level.", "Journaliser au niveau debug."),
        prop("default-address-pools", list!(Shape::Object(&ADDRESS_POOL)), "Ranges new networks take their subnets from.", "Plages d'où les nouveaux réseaux tirent leurs sous-réseaux."),
        prop("default-cgroupns-mode", choice!["host", "private"], "Default cgroup namespace of containers: `private` or `host`.", "Espace de noms cgroup par défaut des conteneurs : `private` ou `host`.").since("20.10"),
        prop("default-gateway", IP, "Default IPv4 gateway of the default bridge.", "Passerelle IPv4 par défaut du pont par défaut."),
        prop("default-gateway-v6", IP, "Default IPv6 gateway of the default bridge.", "Passerelle IPv6 par défaut du pont par défaut."),
        prop("default-ipc-mode", choice!["private", "shareable"], "Default IPC namespace of containers: `private` or `shareable`.", "Espace de noms IPC par défaut des conteneurs : `private` ou `shareable`."),
        prop("default-network-opts", map!(NonEmpty, STRING_MAP), "Default options of new networks, by driver.", "Options par défaut des nouveaux réseaux, par pilote."),
        prop("default-runtime", STRING, "OCI runtime of containers that name none (default `runc`).", "Runtime OCI des conteneurs qui n'en précisent pas (`runc` par défaut)."),
        prop("default-shm-size", any_of![NON_NEGATIVE, BYTE_SIZE], "Default size of containers' `/dev/shm` (default `64M`).", "Taille par défaut du `/dev/shm` des conteneurs (`64M` par défaut)."),
        prop("default-stop-timeout", NON_NEGATIVE, "Seconds to wait for a container to stop before killing it.", "Secondes d'attente de l'arrêt d'un conteneur avant de le tuer."),
        prop("default-ulimits", map!(NonEmpty, Shape::Object(&ULIMIT)), "Default resource limits of containers, such as `nofile`.", "Limites de ressources par défaut des conteneurs, comme `nofile`."),
        prop("deprecated-key-path", STRING, "No longer has any effect; dockerd still accepts it.", "N'a plus d'effet ; dockerd l'accepte encore.").deprecated(),
        prop("dns", list!(IP), "DNS servers of containers.", "Serveurs DNS des conteneurs."),
        prop("dns-opts", STRINGS, "DNS resolver options of containers.", "Options du résolveur DNS des conteneurs."),
        prop("dns-search", STRINGS, "DNS search domains of containers.", "Domaines de recherche DNS des conteneurs."),
        prop("exec-opts", list!(known!["native.cgroupdriver=systemd", "native.cgroupdriver=cgroupfs"]), "Runtime options, such as `native.cgroupdriver=systemd`.", "Options du runtime, comme `native.cgroupdriver=systemd`."),
        prop("exec-root", STRING, "Directory of the daemon's execution state.", "Répertoire de l'état d'exécution du démon."),
        prop("experimental", BOOL, "Turn on experimental features.", "Activer les fonctions expérimentales."),
        prop("features", map!(NonEmpty, BOOL), "Feature switches, such as `containerd-snapshotter` or `cdi`.", "Interrupteurs de fonctions, comme `containerd-snapshotter` ou `cdi`."),
        prop("firewall-backend", choice!["iptables", "nftables"], "Firewall backend: `iptables` or `nftables`.", "Pare-feu utilisé : `iptables` ou `nftables`."),
        prop("fixed-cidr", CIDR, "Subnet of the default bridge that containers get addresses from.", "Sous-réseau du pont par défaut où les conteneurs prennent leurs adresses."),
        prop("fixed-cidr-v6", CIDR, "IPv6 subnet of the default bridge for containers.", "Sous-réseau IPv6 du pont par défaut pour les conteneurs."),
        prop("group", STRING, "Group owning the API socket (default `docker`); its members are root-equivalent.", "Groupe propriétaire du socket de l'API (`docker` par défaut) ; ses membres valent root."),
        prop("host-gateway-ip", IP, "Former single-address form of `host-gateway-ips`.", "Ancienne forme à une adresse de `host-gateway-ips`.").deprecated(),
        prop("host-gateway-ips", list!(IP), "Addresses the name `host-gateway` stands for in `--add-host`.", "Adresses que le nom `host-gateway` désigne dans `--add-host`."),
        prop("hosts", STRINGS, "Sockets the API listens on; a `tcp://` one needs TLS verification.", "Sockets où l'API écoute ; un socket `tcp://` demande la vérification TLS."),
        prop("http-proxy", STRING, "Proxy for HTTP requests of the daemon; prefer `proxies`.", "Proxy des requêtes HTTP du démon ; préférez `proxies`."),
        prop("https-proxy", STRING, "Proxy for HTTPS requests of the daemon; prefer `proxies`.", "Proxy des requêtes HTTPS du démon ; préférez `proxies`."),
        prop("icc", BOOL, "Let containers on the default bridge talk to each other (default true).", "Permettre aux conteneurs du pont par défaut de communiquer entre eux (vrai par défaut)."),
        prop("init", BOOL, "Run an init process in every container.", "Lancer un processus init dans chaque conteneur."),
        prop("init-path", STRING, "Path of the `docker-init` binary.", "Chemin du binaire `docker-init`."),
        prop("insecure-registries", STRINGS, "Registries reached over plain HTTP or without TLS verification; avoid.", "Registres joints en HTTP simple ou sans vérification TLS ; à éviter."),
        prop("ip", IP, "Default host address ports are published on (default `0.0.0.0`).", "Adresse de l'hôte où les ports sont publiés par défaut (`0.0.0.0` par défaut)."),
        prop("ip-forward", BOOL, "Turn on IP forwarding in the kernel (default true).", "Activer le routage IP dans le noyau (vrai par défaut)."),
        prop("ip-forward-no-drop", BOOL, "Leave the `FORWARD` policy alone when turning on forwarding.", "Ne pas toucher à la politique `FORWARD` en activant le routage."),
        prop("ip-masq", BOOL, "Masquerade traffic leaving the default bridge (default true).", "Masquer le trafic sortant du pont par défaut (vrai par défaut)."),
        prop("ip6tables", BOOL, "Let Docker manage ip6tables rules (default true).", "Laisser Docker gérer les règles ip6tables (vrai par défaut)."),
        prop("iptables", BOOL, "Let Docker manage iptables rules (default true); keep it on.", "Laisser Docker gérer les règles iptables (vrai par défaut) ; à garder activé."),
        prop("ipv6", BOOL, "Turn on IPv6 on the default bridge.", "Activer IPv6 sur le pont par défaut."),
        prop("labels", STRINGS, "Labels of the daemon, `key=value`.", "Labels du démon, `clé=valeur`."),
        prop("live-restore", BOOL, "Keep containers running while the daemon restarts.", "Garder les conteneurs en marche pendant le redémarrage du démon."),
        prop("log-driver", known!["json-file", "local", "journald", "syslog", "gelf", "fluentd", "awslogs", "splunk", "etwlogs", "gcplogs", "none"], "Default logging driver of containers (default `json-file`).", "Pilote de journalisation par défaut des conteneurs (`json-file` par défaut)."),
        prop("log-format", choice!["text", "json"], "Format of the daemon's own logs: `text` or `json`.", "Format des journaux du démon lui-même : `text` ou `json`."),
        prop("log-level", LOG_LEVEL, "Level of the daemon's logs (default `info`).", "Niveau des journaux du démon (`info` par défaut)."),
        prop("log-opts", STRING_MAP, "Default options of the logging driver, such as `max-size`; values are strings.", "Options par défaut du pilote de journalisation, comme `max-size` ; les valeurs sont des chaînes."),
        prop("max-concurrent-downloads", NON_NEGATIVE, "Layers downloaded at once per pull (default 3).", "Couches téléchargées à la fois par pull (3 par défaut)."),
        prop("max-concurrent-uploads", NON_NEGATIVE, "Layers uploaded at once per push (default 5).", "Couches envoyées à la fois par push (5 par défaut)."),
        prop("max-download-attempts", NON_NEGATIVE, "Attempts per layer download (default 5).", "Tentatives par téléchargement de couche (5 par défaut)."),
        prop("metrics-addr", STRING, "Address of the Prometheus metrics endpoint.", "Adresse du point d'accès des métriques Prometheus."),
        prop("min-api-version", STRING, "Oldest API version the daemon accepts.", "Plus ancienne version de l'API acceptée par le démon."),
        prop("mtu", NON_NEGATIVE, "MTU of the default bridge.", "MTU du pont par défaut."),
        prop("network-control-plane-mtu", NON_NEGATIVE, "MTU of the Swarm control plane.", "MTU du plan de contrôle Swarm."),
        prop("network-diagnostic-port", integer(Some(0), Some(65535)), "Port of the network diagnostic server.", "Port du serveur de diagnostic réseau."),
        prop("no-new-privileges", BOOL, "Forbid privilege escalation (setuid) in containers by default.", "Interdire par défaut l'élévation de privilèges (setuid) dans les conteneurs."),
        prop("node-generic-resources", STRINGS, "Generic resources the node advertises to Swarm, `name=value`.", "Ressources génériques que le nœud annonce à Swarm, `nom=valeur`."),
        prop("nri-opts", Shape::Object(&NRI_OPTS), "Node Resource Interface settings.", "Réglages de la Node Resource Interface."),
        prop("pidfile", STRING, "File the daemon writes its PID to.", "Fichier où le démon écrit son PID."),
        prop("proxies", Shape::Object(&DAEMON_PROXIES), "Proxies the daemon uses for its own requests.", "Proxys utilisés par le démon pour ses propres requêtes.").since("23.0"),
        prop("raw-logs", BOOL, "Log full timestamps without colours.", "Journaliser les horodatages complets sans couleurs."),
        prop("registry-mirrors", STRINGS, "Mirrors tried before Docker Hub.", "Miroirs essayés avant Docker Hub."),
        prop("rootless", BOOL, "Run in rootless mode (with RootlessKit).", "Fonctionner en mode sans root (avec RootlessKit)."),
        prop("runtimes", map!(NonEmpty, Shape::Object(&RUNTIME)), "Extra OCI runtimes containers can use, by name.", "Runtimes OCI supplémentaires utilisables par les conteneurs, par nom."),
        prop("seccomp-profile", known!["builtin", "unconfined"], "Seccomp profile of containers: a file, `builtin` or `unconfined`.", "Profil seccomp des conteneurs : un fichier, `builtin` ou `unconfined`."),
        prop("selinux-enabled", BOOL, "Turn on SELinux support.", "Activer la prise en charge de SELinux."),
        prop("shutdown-timeout", INTEGER, "Seconds the daemon waits for containers when it stops (default 15).", "Secondes d'attente des conteneurs à l'arrêt du démon (15 par défaut)."),
        prop("storage-driver", known!["overlay2", "fuse-overlayfs", "btrfs", "zfs", "vfs", "windowsfilter"], "Storage driver, such as `overlay2`.", "Pilote de stockage, comme `overlay2`."),
        prop("storage-opts", STRINGS, "Options of the storage driver.", "Options du pilote de stockage."),
        prop("swarm-default-advertise-addr", STRING, "Default address or interface advertised to the Swarm.", "Adresse ou interface annoncée par défaut à Swarm."),
        prop("tls", BOOL, "Serve the API over TLS.", "Servir l'API en TLS."),
        prop("tlscacert", STRING, "CA certificate that client certificates must be signed by.", "Certificat d'autorité qui doit signer les certificats des clients."),
        prop("tlscert", STRING, "TLS certificate of the daemon.", "Certificat TLS du démon."),
        prop("tlskey", STRING, "TLS private key of the daemon.", "Clé privée TLS du démon."),
        prop("tlsverify", BOOL, "Serve the API over TLS and require client certificates.", "Servir l'API en TLS et exiger des certificats clients."),
        prop("userland-proxy", BOOL, "Use the userland proxy for published ports (default true).", "Utiliser le proxy en espace utilisateur pour les ports publiés (vrai par défaut)."),
        prop("userland-proxy-path", STRING, "Path of the `docker-proxy` binary.", "Chemin du binaire `docker-proxy`."),
        prop("userns-remap", known!["default"], "Remap container users to an unprivileged host range: `default` or `user[:group]`.", "Remapper les utilisateurs des conteneurs vers une plage non privilégiée de l'hôte : `default` ou `utilisateur[:groupe]`."),
    ],
    exclusive: &[("host-gateway-ip", "host-gateway-ips")],
    ..Object::CLOSED
};

static DAEMON_JSON: Shape = Shape::Object(&DAEMON);

// config.json.

const IGNORED_BY_CLI: UnknownKeys = UnknownKeys::Ignored {
    by: Doc::new("the docker CLI", "la CLI docker"),
};

const CLI_STRUCT: Object = Object {
    extensions: false,
    unknown: IGNORED_BY_CLI,
    ignore_case: true,
    ..Object::CLOSED
};

#[rustfmt::skip]
const AUTH: Object = Object {
    properties: &[
        prop("auth", STRING, "`user:password` in base64; prefer a credential store.", "`utilisateur:mot de passe` en base64 ; préférez un magasin d'identifiants."),
        prop("email", STRING, "No longer used by the docker CLI.", "N'est plus utilisé par la CLI docker.").deprecated(),
        prop("identitytoken", STRING, "Token exchanged for access tokens with the registry.", "Jeton échangé contre des jetons d'accès auprès du registre."),
        prop("password", STRING, "Password in clear text; prefer a credential store.", "Mot de passe en clair ; préférez un magasin d'identifiants."),
        prop("registrytoken", STRING, "Bearer token sent to the registry.", "Jeton porteur envoyé au registre."),
        prop("serveraddress", STRING, "Address of the registry.", "Adresse du registre."),
        prop("username", STRING, "User name on the registry.", "Nom d'utilisateur sur le registre."),
    ],
    ..CLI_STRUCT
};

#[rustfmt::skip]
const CLIENT_PROXY: Object = Object {
    properties: &[
        prop("allProxy", STRING, "Proxy for every protocol, passed to containers as `ALL_PROXY`.", "Proxy pour tous les protocoles, transmis aux conteneurs en `ALL_PROXY`."),
        prop("ftpProxy", STRING, "Proxy for FTP, passed to containers as `FTP_PROXY`.", "Proxy pour FTP, transmis aux conteneurs en `FTP_PROXY`."),
        prop("httpProxy", STRING, "Proxy for HTTP, passed to containers and builds as `HTTP_PROXY`.", "Proxy pour HTTP, transmis aux conteneurs et aux builds en `HTTP_PROXY`."),
        prop("httpsProxy", STRING, "Proxy for HTTPS, passed to containers and builds as `HTTPS_PROXY`.", "Proxy pour HTTPS, transmis aux conteneurs et aux builds en `HTTPS_PROXY`."),
        prop("noProxy", STRING, "Hosts reached without a proxy, passed as `NO_PROXY`.", "Hôtes joints sans proxy, transmis en `NO_PROXY`."),
    ],
    ..CLI_STRUCT
};

#[rustfmt::skip]
const CLIENT: Object = Object {
    properties: &[
        prop("HttpHeaders", STRING_MAP, "Extra HTTP headers sent with every API request.", "En-têtes HTTP supplémentaires envoyés avec chaque requête à l'API."),
        prop("aliases", STRING_MAP, "Commands that stand for plugins, such as `builder: buildx`.", "Commandes qui désignent des plugins, comme `builder: buildx`."),
        prop("auths", map!(NonEmpty, Shape::Object(&AUTH)), "Registry credentials, by registry address.", "Identifiants des registres, par adresse de registre."),
        prop("cliPluginsExtraDirs", STRINGS, "Extra directories searched for CLI plugins.", "Répertoires supplémentaires où chercher les plugins de la CLI."),
        prop("configFormat", STRING, "Default Go template of `docker config ls`.", "Gabarit Go par défaut de `docker config ls`."),
        prop("credHelpers", STRING_MAP, "Credential helper per registry, such as `ecr-login`.", "Assistant d'identifiants par registre, comme `ecr-login`."),
        prop("credsStore", known!["desktop", "osxkeychain", "wincred", "pass", "secretservice"], "Credential store that keeps registry passwords out of this file.", "Magasin d'identifiants qui garde les mots de passe des registres hors de ce fichier."),
        prop("currentContext", STRING, "Docker context in use.", "Contexte Docker utilisé."),
        prop("detachKeys", STRING, "Key sequence that detaches from a container, such as `ctrl-p,ctrl-q`.", "Séquence de touches pour se détacher d'un conteneur, comme `ctrl-p,ctrl-q`."),
        prop("features", STRING_MAP, "CLI feature switches; values are strings such as `\"true\"`.", "Interrupteurs de fonctions de la CLI ; les valeurs sont des chaînes comme `\"true\"`."),
        prop("imagesFormat", STRING, "Default Go template of `docker images`.", "Gabarit Go par défaut de `docker images`."),
        prop("networksFormat", STRING, "Default Go template of `docker network ls`.", "Gabarit Go par défaut de `docker network ls`."),
        prop("nodesFormat", STRING, "Default Go template of `docker node ls`.", "Gabarit Go par défaut de `docker node ls`."),
        prop("plugins", map!(NonEmpty, STRING_MAP), "Settings of CLI plugins, by plugin.", "Réglages des plugins de la CLI, par plugin."),
        prop("pluginsFormat", STRING, "Default Go template of `docker plugin ls`.", "Gabarit Go par défaut de `docker plugin ls`."),
        prop("proxies", map!(NonEmpty, Shape::Object(&CLIENT_PROXY)), "Proxies passed to containers and builds: `default`, or per daemon host.", "Proxys transmis aux conteneurs et aux builds : `default`, ou par hôte du démon."),
        prop("pruneFilters", STRINGS, "Default filters of `docker system prune` and the like.", "Filtres par défaut de `docker system prune` et apparentés."),
        prop("psFormat", STRING, "Default Go template of `docker ps`.", "Gabarit Go par défaut de `docker ps`."),
        prop("secretFormat", STRING, "Default Go template of `docker secret ls`.", "Gabarit Go par défaut de `docker secret ls`."),
        prop("serviceInspectFormat", STRING, "Default format of `docker service inspect`.", "Format par défaut de `docker service inspect`."),
        prop("servicesFormat", STRING, "Default Go template of `docker service ls`.", "Gabarit Go par défaut de `docker service ls`."),
        prop("statsFormat", STRING, "Default Go template of `docker stats`.", "Gabarit Go par défaut de `docker stats`."),
        prop("tasksFormat", STRING, "Default Go template of `docker service ps`.", "Gabarit Go par défaut de `docker service ps`."),
        prop("volumesFormat", STRING, "Default Go template of `docker volume ls`.", "Gabarit Go par défaut de `docker volume ls`."),
    ],
    ..CLI_STRUCT
};

static CLIENT_CONFIG_JSON: Shape = Shape::Object(&CLIENT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_complete_and_sorted() {
        crate::schema::check_description(daemon_json());
        crate::schema::check_description(client_config_json());
    }
}
