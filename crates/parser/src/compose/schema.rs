//! berth's description of the Compose file format: every key at every level, with its short
//! and long syntaxes, a one-line description in English and French, and the Compose version
//! that introduced it where the specification says.
//!
//! Types follow the reference implementation (compose-go): booleans and numbers also accept
//! strings, which are interpolated and cast after validation. A conformance test compares this
//! description with the official JSON schema, property by property.
//!
//! Properties are listed in byte order of their names (a test checks it), one per line.

use crate::duration::DurationSyntax;
use crate::schema::shape::{any_of, choice, known, list, map};
use crate::schema::{
    ByteSizeSyntax, Doc, Format, Integer, Object, Pattern, Property, Shape, UnknownKeys, prop,
};

/// The description of a whole Compose file.
pub fn compose_file() -> &'static Shape {
    &FILE
}

/// The description of one service.
pub fn service() -> &'static Object {
    &SERVICE_OBJECT
}

// Values. Booleans and numbers accept a string form, cast after interpolation.

const STRING: Shape = Shape::String(Format::Text);
const BOOL: Shape = Shape::Bool { from_string: true };
/// A boolean the schema does not let be a string.
const STRICT_BOOL: Shape = Shape::Bool { from_string: false };
const INTEGER: Shape = integer(true, None, None);
const STRICT_INTEGER: Shape = integer(false, None, None);
const NUMBER: Shape = Shape::Number { from_string: true };
const STRICT_NUMBER: Shape = Shape::Number { from_string: false };
const NULL: Shape = Shape::Null;
const DURATION: Shape = Shape::String(Format::Duration(DurationSyntax::Compose));
const BYTE_SIZE: Shape = Shape::String(Format::ByteSize(ByteSizeSyntax::Compose));
/// A size written as a number of bytes or as a string with a unit (`["number", "string"]`).
const NUMBER_OR_BYTE_SIZE: Shape = any_of![STRICT_NUMBER, BYTE_SIZE];
/// The same with an integer (`["integer", "string"]`).
const INTEGER_OR_BYTE_SIZE: Shape = any_of![STRICT_INTEGER, BYTE_SIZE];
const STRING_OR_NUMBER: Shape = any_of![STRING, STRICT_NUMBER];
const STRING_OR_INTEGER: Shape = any_of![STRICT_INTEGER, STRING];
const NON_NEGATIVE_INTEGER: Shape = integer(false, Some(0), None);
const SCALAR: Shape = any_of![STRING, STRICT_NUMBER, STRICT_BOOL];

// Shared definitions.

/// `["a", "b"]`, items unique.
const LIST_OF_STRINGS: Shape = list!(unique STRING);
/// Items may repeat.
const STRINGS: Shape = list!(STRING);
const STRING_OR_LIST: Shape = any_of![STRING, LIST_OF_STRINGS];
/// `KEY=VAL` strings, or a mapping of scalars (environment, labels, build args...).
const LIST_OR_DICT: Shape = any_of![
    map!(NonEmpty, any_of![STRING, STRICT_NUMBER, STRICT_BOOL, NULL]),
    LIST_OF_STRINGS,
];
/// A command in shell form (a string) or exec form (a list); null resets the image's.
const COMMAND: Shape = any_of![NULL, STRING, STRINGS];
/// Options passed to a driver as is.
const DRIVER_OPTS: Shape = map!(NonEmpty, STRING_OR_NUMBER);
const EXTRA_HOSTS: Shape = any_of![map!(NonEmpty, any_of![STRING, STRINGS]), LIST_OF_STRINGS];
const LABEL_FILE: Shape = any_of![STRING, STRINGS];

/// An integer, cast from a string when `from_string`, between optional bounds.
const fn integer(from_string: bool, min: Option<i64>, max: Option<i64>) -> Shape {
    Shape::Integer(Integer {
        from_string,
        min,
        max,
    })
}

const CAPABILITY: Shape = Shape::String(Format::Known(CAPABILITIES));
const CAPABILITIES: &[&str] = &[
    "ALL",
    "AUDIT_CONTROL",
    "AUDIT_READ",
    "AUDIT_WRITE",
    "BLOCK_SUSPEND",
    "BPF",
    "CHECKPOINT_RESTORE",
    "CHOWN",
    "DAC_OVERRIDE",
    "DAC_READ_SEARCH",
    "FOWNER",
    "FSETID",
    "IPC_LOCK",
    "IPC_OWNER",
    "KILL",
    "LEASE",
    "LINUX_IMMUTABLE",
    "MAC_ADMIN",
    "MAC_OVERRIDE",
    "MKNOD",
    "NET_ADMIN",
    "NET_BIND_SERVICE",
    "NET_BROADCAST",
    "NET_RAW",
    "PERFMON",
    "SETFCAP",
    "SETGID",
    "SETPCAP",
    "SETUID",
    "SYS_ADMIN",
    "SYS_BOOT",
    "SYS_CHROOT",
    "SYS_MODULE",
    "SYS_NICE",
    "SYS_PACCT",
    "SYS_PTRACE",
    "SYS_RAWIO",
    "SYS_RESOURCE",
    "SYS_TIME",
    "SYS_TTY_CONFIG",
    "SYSLOG",
    "WAKE_ALARM",
];

// Patterns the schema leaves as plain strings (or unanchored patterns) and Compose or the
// engine refuse when they do not match.

static PULL_POLICY: Pattern = Pattern {
    name: Doc::new("a pull policy", "une politique de téléchargement"),
    hint: Doc::new(
        "use `always`, `never`, `missing`, `build`, `refresh`, `daily`, `weekly` or `every_<n><unit>` such as `every_12h`",
        "utilisez `always`, `never`, `missing`, `build`, `refresh`, `daily`, `weekly` ou `every_<n><unité>` comme `every_12h`",
    ),
    values: &[
        "always",
        "never",
        "missing",
        "build",
        "refresh",
        "daily",
        "weekly",
        "if_not_present",
    ],
    check: is_pull_policy,
};

fn is_pull_policy(text: &str) -> bool {
    const FIXED: [&str; 8] = [
        "always",
        "never",
        "build",
        "if_not_present",
        "missing",
        "refresh",
        "daily",
        "weekly",
    ];
    if FIXED.contains(&text) {
        return true;
    }
    // `every_` followed by one or more `<digits><unit>` with unit w, d, h, m or s.
    let Some(mut rest) = text.strip_prefix("every_") else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let unit = rest.as_bytes().get(digits);
        if digits == 0 || !matches!(unit, Some(b'w' | b'd' | b'h' | b'm' | b's')) {
            return false;
        }
        rest = &rest[digits + 1..];
    }
    true
}

static RESTART_POLICY: Pattern = Pattern {
    name: Doc::new("a restart policy", "une politique de redémarrage"),
    hint: Doc::new(
        "use `no`, `always`, `on-failure`, `on-failure:<max retries>` or `unless-stopped`",
        "utilisez `no`, `always`, `on-failure`, `on-failure:<nombre max d'essais>` ou `unless-stopped`",
    ),
    values: &["no", "always", "on-failure", "unless-stopped"],
    check: is_restart_policy,
};

fn is_restart_policy(text: &str) -> bool {
    match text.split_once(':') {
        None => matches!(text, "no" | "always" | "on-failure" | "unless-stopped"),
        Some(("on-failure", retries)) => {
            !retries.is_empty() && retries.bytes().all(|b| b.is_ascii_digit())
        }
        Some(_) => false,
    }
}

static CONTAINER_NAME: Pattern = Pattern {
    name: Doc::new("a container name", "un nom de conteneur"),
    hint: Doc::new(
        "use at least two characters among letters, digits, `_`, `.` and `-`, starting with a letter or a digit",
        "utilisez au moins deux caractères parmi lettres, chiffres, `_`, `.` et `-`, en commençant par une lettre ou un chiffre",
    ),
    values: &[],
    check: is_container_name,
};

fn is_container_name(text: &str) -> bool {
    text.len() >= 2
        && text.starts_with(|c: char| c.is_ascii_alphanumeric())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
}

static DEVICE_COUNT: Pattern = Pattern {
    name: Doc::new("a device count", "un nombre de périphériques"),
    hint: Doc::new("use a number or `all`", "utilisez un nombre ou `all`"),
    values: &["all"],
    check: is_device_count,
};

fn is_device_count(text: &str) -> bool {
    text == "all" || (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
}

/// `count` of a device request: a number, or `all`.
const DEVICE_COUNT_VALUE: Shape = any_of![
    STRICT_INTEGER,
    Shape::String(Format::Pattern(&DEVICE_COUNT))
];

// Service: sub-objects.

#[rustfmt::skip]
const BLKIO_LIMIT: Object = Object {
    properties: &[
        prop("path", STRING, "Path of the block device, such as `/dev/sda`.", "Chemin du périphérique bloc, comme `/dev/sda`."),
        prop("rate", INTEGER_OR_BYTE_SIZE, "Limit in bytes per second (`bps`) or operations per second (`iops`).", "Limite en octets par seconde (`bps`) ou en opérations par seconde (`iops`)."),
    ],
    ..Object::CLOSED
};

#[rustfmt::skip]
const BLKIO_WEIGHT: Object = Object {
    properties: &[
        prop("path", STRING, "Path of the block device, such as `/dev/sda`.", "Chemin du périphérique bloc, comme `/dev/sda`."),
        prop("weight", INTEGER, "Relative weight for this device, from 10 to 1000.", "Poids relatif pour ce périphérique, de 10 à 1000."),
    ],
    ..Object::CLOSED
};

#[rustfmt::skip]
const BLKIO_CONFIG: Object = Object {
    properties: &[
        prop("device_read_bps", list!(Shape::Object(&BLKIO_LIMIT)), "Read rate limits in bytes per second, per device.", "Limites de débit en lecture en octets par seconde, par périphérique."),
        prop("device_read_iops", list!(Shape::Object(&BLKIO_LIMIT)), "Read rate limits in operations per second, per device.", "Limites de lecture en opérations par seconde, par périphérique."),
        prop("device_write_bps", list!(Shape::Object(&BLKIO_LIMIT)), "Write rate limits in bytes per second, per device.", "Limites de débit en écriture en octets par seconde, par périphérique."),
        prop("device_write_iops", list!(Shape::Object(&BLKIO_LIMIT)), "Write rate limits in operations per second, per device.", "Limites d'écriture en opérations par seconde, par périphérique."),
        prop("weight", INTEGER, "Relative block IO weight of the container, from 10 to 1000.", "Poids relatif des entrées-sorties bloc du conteneur, de 10 à 1000."),
        prop("weight_device", list!(Shape::Object(&BLKIO_WEIGHT)), "Block IO weights per device.", "Poids des entrées-sorties bloc par périphérique."),
    ],
    ..Object::CLOSED
};

/// A secret or config a service or build uses, long form.
#[rustfmt::skip]
const SERVICE_FILE_REFERENCE: Object = Object {
    properties: &[
        prop("gid", STRING, "Group ID owning the mounted file.", "Identifiant du groupe propriétaire du fichier monté."),
        prop("mode", STRING_OR_NUMBER, "Permissions of the mounted file, in octal (`0440`).", "Permissions du fichier monté, en octal (`0440`)."),
        prop("source", STRING, "Name of the secret or config, as declared at the top level.", "Nom du secret ou de la config, tel que déclaré au premier niveau."),
        prop("target", STRING, "Path or file name inside the container.", "Chemin ou nom du fichier dans le conteneur."),
        prop("uid", STRING, "User ID owning the mounted file.", "Identifiant de l'utilisateur propriétaire du fichier monté."),
    ],
    ..Object::EXTENSIBLE
};

/// `secrets:` and `configs:` of a service or a build: names, or long forms.
const SERVICE_FILE_REFERENCES: Shape =
    list!(any_of![STRING, Shape::Object(&SERVICE_FILE_REFERENCE)]);

#[rustfmt::skip]
const ULIMIT_RANGE: Object = Object {
    properties: &[
        prop("hard", INTEGER, "Hard limit: the ceiling the soft limit can be raised to.", "Limite dure : le plafond jusqu'où la limite souple peut monter."),
        prop("soft", INTEGER, "Soft limit: the value enforced by default.", "Limite souple : la valeur appliquée par défaut."),
    ],
    required: &["soft", "hard"],
    ..Object::EXTENSIBLE
};

/// `nofile: 65535` or `nofile: {soft: 1024, hard: 65535}`.
const ULIMITS: Shape = map!(Lowercase, any_of![INTEGER, Shape::Object(&ULIMIT_RANGE)]);

#[rustfmt::skip]
const BUILD: Object = Object {
    properties: &[
        prop("additional_contexts", LIST_OR_DICT, "Named extra build contexts: paths, URLs, `docker-image://` or `service:` references.", "Contextes de build supplémentaires nommés : chemins, URL, références `docker-image://` ou `service:`.").since("2.17"),
        prop("args", LIST_OR_DICT, "Build arguments, the values of the Dockerfile's `ARG`s.", "Arguments de build, valeurs des `ARG` du Dockerfile."),
        prop("cache_from", STRINGS, "Sources of build cache to reuse.", "Sources de cache de build à réutiliser."),
        prop("cache_to", STRINGS, "Destinations to export the build cache to.", "Destinations où exporter le cache de build.").since("2.4"),
        prop("context", STRING, "Directory or URL sent to the builder as the build context.", "Répertoire ou URL envoyé au builder comme contexte de build."),
        prop("dockerfile", STRING, "Dockerfile to build, relative to the context.", "Dockerfile à construire, relatif au contexte."),
        prop("dockerfile_inline", STRING, "Dockerfile content written in the Compose file.", "Contenu du Dockerfile écrit dans le fichier Compose.").since("2.17"),
        prop("entitlements", STRINGS, "Extra privileges the build may use, such as `network.host`.", "Privilèges supplémentaires autorisés au build, comme `network.host`.").since("2.27"),
        prop("extra_hosts", EXTRA_HOSTS, "Host name to IP mappings added during the build.", "Correspondances nom d'hôte vers IP ajoutées pendant le build.").since("2.24.1"),
        prop("isolation", known!["default", "process", "hyperv"], "Isolation technology of the build containers (Windows).", "Technologie d'isolation des conteneurs de build (Windows)."),
        prop("labels", LIST_OR_DICT, "Labels added to the built image.", "Labels ajoutés à l'image construite."),
        prop("network", known!["default", "host", "none"], "Network the `RUN` instructions use during the build.", "Réseau utilisé par les instructions `RUN` pendant le build."),
        prop("no_cache", BOOL, "Build without reusing any cached layer.", "Construire sans réutiliser aucune couche en cache.").since("2.4"),
        prop("no_cache_filter", STRING_OR_LIST, "Build stages to rebuild without cache.", "Étapes de build à reconstruire sans cache."),
        prop("platforms", STRINGS, "Target platforms to build for, such as `linux/amd64`.", "Plateformes cibles du build, comme `linux/amd64`.").since("2.10"),
        prop("privileged", BOOL, "Run the build with extended privileges.", "Exécuter le build avec des privilèges étendus.").since("2.15"),
        prop("provenance", any_of![STRICT_BOOL, STRING], "Provenance attestation to attach to the image (`true`, `mode=max`...).", "Attestation de provenance à joindre à l'image (`true`, `mode=max`...).").since("2.39"),
        prop("pull", BOOL, "Always pull the base images before building.", "Toujours télécharger les images de base avant le build.").since("2.4"),
        prop("sbom", any_of![STRICT_BOOL, STRING], "SBOM attestation to attach to the image.", "Attestation SBOM à joindre à l'image.").since("2.39"),
        prop("secrets", SERVICE_FILE_REFERENCES, "Secrets available to the build's `RUN --mount=type=secret`.", "Secrets accessibles aux `RUN --mount=type=secret` du build.").since("2.5"),
        prop("shm_size", INTEGER_OR_BYTE_SIZE, "Size of `/dev/shm` for the build containers.", "Taille de `/dev/shm` pour les conteneurs de build."),
        prop("ssh", LIST_OR_DICT, "SSH agent sockets or keys available to `RUN --mount=type=ssh`.", "Sockets d'agent SSH ou clés accessibles à `RUN --mount=type=ssh`.").since("2.4"),
        prop("tags", STRINGS, "Extra tags for the built image.", "Tags supplémentaires de l'image construite.").since("2.5"),
        prop("target", STRING, "Stage of a multi-stage Dockerfile to build.", "Étape d'un Dockerfile multi-étapes à construire."),
        prop("ulimits", ULIMITS, "Resource limits of the build containers.", "Limites de ressources des conteneurs de build.").since("2.23.1"),
    ],
    exclusive: &[("dockerfile", "dockerfile_inline")],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const CREDENTIAL_SPEC: Object = Object {
    properties: &[
        prop("config", STRING, "Name of a Compose config holding the credential spec.", "Nom d'une config Compose contenant la spécification d'identifiants."),
        prop("file", STRING, "File holding the credential spec.", "Fichier contenant la spécification d'identifiants."),
        prop("registry", STRING, "Registry value holding the credential spec.", "Valeur de registre Windows contenant la spécification d'identifiants."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const DEPENDENCY: Object = Object {
    properties: &[
        prop("condition", choice!["service_started", "service_healthy", "service_completed_successfully"], "When the dependency counts as ready: started, healthy, or exited successfully.", "Quand la dépendance est prête : démarrée, en bonne santé ou terminée avec succès."),
        prop("required", BOOL, "Whether a missing or disabled dependency is an error (default true).", "Si une dépendance absente ou désactivée est une erreur (vrai par défaut).").since("2.20"),
        prop("restart", BOOL, "Restart this service when the dependency is updated.", "Redémarrer ce service quand la dépendance est mise à jour.").since("2.17"),
    ],
    required: &["condition"],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const DEVICE_MAPPING: Object = Object {
    properties: &[
        prop("permissions", STRING, "Cgroup permissions on the device: `r`, `w`, `m` or a combination.", "Permissions cgroup sur le périphérique : `r`, `w`, `m` ou une combinaison."),
        prop("source", STRING, "Path of the device on the host.", "Chemin du périphérique sur l'hôte."),
        prop("target", STRING, "Path of the device in the container.", "Chemin du périphérique dans le conteneur."),
    ],
    required: &["source"],
    ..Object::EXTENSIBLE
};

/// A device request (`deploy.resources.reservations.devices`, `gpus`).
#[rustfmt::skip]
const DEVICE_REQUEST: Object = Object {
    properties: &[
        prop("capabilities", LIST_OF_STRINGS, "Capabilities the device must have, such as `gpu`.", "Capacités que le périphérique doit offrir, comme `gpu`."),
        prop("count", DEVICE_COUNT_VALUE, "Number of devices to reserve, or `all`.", "Nombre de périphériques à réserver, ou `all`."),
        prop("device_ids", LIST_OF_STRINGS, "IDs of the devices to reserve.", "Identifiants des périphériques à réserver."),
        prop("driver", STRING, "Driver providing the devices, such as `nvidia`.", "Pilote fournissant les périphériques, comme `nvidia`."),
        prop("options", LIST_OR_DICT, "Options passed to the driver.", "Options passées au pilote."),
    ],
    ..Object::EXTENSIBLE
};

/// A GPU request. The official schema puts `additionalProperties: false` on the list rather
/// than on its items, so Compose reads other keys and drops them: berth reports them as
/// ignored rather than refused.
const GPU_REQUEST: Object = Object {
    unknown: UnknownKeys::Ignored {
        by: Doc::new("Compose", "Compose"),
    },
    ..DEVICE_REQUEST
};

const DEPLOY_DEVICE: Object = Object {
    required: &["capabilities"],
    ..DEVICE_REQUEST
};

#[rustfmt::skip]
const DISCRETE_RESOURCE_SPEC: Object = Object {
    properties: &[
        prop("kind", STRING, "Kind of resource, such as `GPU`.", "Type de ressource, comme `GPU`."),
        prop("value", NUMBER, "Quantity of the resource.", "Quantité de la ressource."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const GENERIC_RESOURCE: Object = Object {
    properties: &[
        prop("discrete_resource_spec", Shape::Object(&DISCRETE_RESOURCE_SPEC), "A resource counted in units (Swarm generic resources).", "Une ressource comptée en unités (ressources génériques Swarm)."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const RESOURCE_LIMITS: Object = Object {
    properties: &[
        prop("cpus", NUMBER, "Most CPUs the container may use, such as `0.5`.", "Nombre maximal de CPU utilisables par le conteneur, comme `0.5`."),
        prop("memory", BYTE_SIZE, "Most memory the container may use, such as `512m`.", "Mémoire maximale utilisable par le conteneur, comme `512m`."),
        prop("pids", INTEGER, "Most processes the container may run.", "Nombre maximal de processus dans le conteneur."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const RESOURCE_RESERVATIONS: Object = Object {
    properties: &[
        prop("cpus", NUMBER, "CPUs guaranteed to the container.", "CPU garantis au conteneur."),
        prop("devices", list!(Shape::Object(&DEPLOY_DEVICE)), "Devices (such as GPUs) reserved for the container.", "Périphériques (comme des GPU) réservés au conteneur."),
        prop("generic_resources", list!(Shape::Object(&GENERIC_RESOURCE)), "Swarm generic resources reserved for the container.", "Ressources génériques Swarm réservées au conteneur."),
        prop("memory", BYTE_SIZE, "Memory guaranteed to the container.", "Mémoire garantie au conteneur."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const RESOURCES: Object = Object {
    properties: &[
        prop("limits", Shape::Object(&RESOURCE_LIMITS), "Ceilings the container cannot exceed.", "Plafonds que le conteneur ne peut pas dépasser."),
        prop("reservations", Shape::Object(&RESOURCE_RESERVATIONS), "Resources guaranteed to the container.", "Ressources garanties au conteneur."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const RESTART_POLICY_OBJECT: Object = Object {
    properties: &[
        prop("condition", known!["none", "on-failure", "any"], "When to restart: `none`, `on-failure` or `any`.", "Quand redémarrer : `none`, `on-failure` ou `any`."),
        prop("delay", DURATION, "Wait between restart attempts.", "Attente entre deux tentatives de redémarrage."),
        prop("max_attempts", INTEGER, "Most restart attempts before giving up.", "Nombre maximal de tentatives avant d'abandonner."),
        prop("window", DURATION, "How long to wait before deciding a restart succeeded.", "Durée d'attente avant de considérer qu'un redémarrage a réussi."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const PLACEMENT_PREFERENCE: Object = Object {
    properties: &[
        prop("spread", STRING, "Node label to spread the replicas over evenly.", "Label de nœud sur lequel répartir les réplicas équitablement."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const PLACEMENT: Object = Object {
    properties: &[
        prop("constraints", STRINGS, "Conditions a node must meet, such as `node.role==manager`.", "Conditions qu'un nœud doit remplir, comme `node.role==manager`."),
        prop("max_replicas_per_node", INTEGER, "Most replicas of the service on one node.", "Nombre maximal de réplicas du service sur un même nœud."),
        prop("preferences", list!(Shape::Object(&PLACEMENT_PREFERENCE)), "How to spread replicas over nodes.", "Comment répartir les réplicas sur les nœuds."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const UPDATE_CONFIG: Object = Object {
    properties: &[
        prop("delay", DURATION, "Wait between updating two groups of containers.", "Attente entre la mise à jour de deux groupes de conteneurs."),
        prop("failure_action", known!["continue", "rollback", "pause"], "What to do when an update fails: `continue`, `rollback` or `pause`.", "Que faire quand une mise à jour échoue : `continue`, `rollback` ou `pause`."),
        prop("max_failure_ratio", NUMBER, "Share of failed updates tolerated, from 0 to 1.", "Part de mises à jour échouées tolérée, de 0 à 1."),
        prop("monitor", DURATION, "How long to watch each updated task for failure.", "Durée de surveillance de chaque tâche mise à jour."),
        prop("order", choice!["start-first", "stop-first"], "Start the new container before stopping the old one, or the reverse.", "Démarrer le nouveau conteneur avant d'arrêter l'ancien, ou l'inverse."),
        prop("parallelism", INTEGER, "How many containers to update at once.", "Nombre de conteneurs mis à jour à la fois."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const ROLLBACK_CONFIG: Object = Object {
    properties: &[
        prop("delay", DURATION, "Wait between rolling back two groups of containers.", "Attente entre le retour arrière de deux groupes de conteneurs."),
        prop("failure_action", known!["continue", "pause"], "What to do when a rollback fails: `continue` or `pause`.", "Que faire quand un retour arrière échoue : `continue` ou `pause`."),
        prop("max_failure_ratio", NUMBER, "Share of failed rollbacks tolerated, from 0 to 1.", "Part de retours arrière échoués tolérée, de 0 à 1."),
        prop("monitor", DURATION, "How long to watch each rolled-back task for failure.", "Durée de surveillance de chaque tâche revenue en arrière."),
        prop("order", choice!["start-first", "stop-first"], "Start the old container before stopping the new one, or the reverse.", "Démarrer l'ancien conteneur avant d'arrêter le nouveau, ou l'inverse."),
        prop("parallelism", INTEGER, "How many containers to roll back at once.", "Nombre de conteneurs ramenés en arrière à la fois."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const DEPLOY: Object = Object {
    properties: &[
        prop("endpoint_mode", known!["vip", "dnsrr"], "How clients reach the service: a virtual IP (`vip`) or DNS round-robin (`dnsrr`).", "Comment les clients joignent le service : IP virtuelle (`vip`) ou DNS tourniquet (`dnsrr`)."),
        prop("labels", LIST_OR_DICT, "Labels on the service (not on its containers).", "Labels du service (pas de ses conteneurs)."),
        prop("mode", known!["replicated", "global", "replicated-job", "global-job"], "`replicated` (a number of replicas) or `global` (one per node), or their `-job` forms.", "`replicated` (un nombre de réplicas) ou `global` (un par nœud), ou leurs formes `-job`."),
        prop("placement", Shape::Object(&PLACEMENT), "Constraints and preferences for the nodes that run the service.", "Contraintes et préférences sur les nœuds qui exécutent le service."),
        prop("replicas", INTEGER, "Number of containers to run.", "Nombre de conteneurs à exécuter."),
        prop("resources", Shape::Object(&RESOURCES), "CPU, memory and device limits and reservations.", "Limites et réservations de CPU, de mémoire et de périphériques."),
        prop("restart_policy", Shape::Object(&RESTART_POLICY_OBJECT), "Whether and how to restart containers that exit.", "Si et comment redémarrer les conteneurs qui s'arrêtent."),
        prop("rollback_config", Shape::Object(&ROLLBACK_CONFIG), "How to roll back a failed update.", "Comment revenir en arrière après une mise à jour échouée."),
        prop("update_config", Shape::Object(&UPDATE_CONFIG), "How to update the service's containers.", "Comment mettre à jour les conteneurs du service."),
    ],
    ..Object::EXTENSIBLE
};

/// A command run in the service's container (`post_start`, `pre_stop`, a watch's `exec`).
#[rustfmt::skip]
const SERVICE_HOOK: Object = Object {
    properties: &[
        prop("command", COMMAND, "Command to run.", "Commande à exécuter."),
        prop("environment", LIST_OR_DICT, "Extra environment variables for the command.", "Variables d'environnement supplémentaires pour la commande."),
        prop("privileged", BOOL, "Run the command with extended privileges.", "Exécuter la commande avec des privilèges étendus."),
        prop("user", STRING, "User to run the command as.", "Utilisateur qui exécute la commande."),
        prop("working_dir", STRING, "Directory to run the command in.", "Répertoire où exécuter la commande."),
    ],
    required: &["command"],
    ..Object::EXTENSIBLE
};

/// An init container run to completion before the service starts.
#[rustfmt::skip]
const PRE_START_HOOK: Object = Object {
    properties: &[
        prop("command", COMMAND, "Command to run.", "Commande à exécuter."),
        prop("environment", LIST_OR_DICT, "Extra environment variables for the command.", "Variables d'environnement supplémentaires pour la commande."),
        prop("image", Shape::String(Format::Image), "Image to run the command in (default: the service's).", "Image où exécuter la commande (par défaut celle du service)."),
        prop("per_replica", BOOL, "Run the hook once per replica rather than once for the service.", "Exécuter le hook pour chaque réplica plutôt qu'une fois pour le service."),
        prop("privileged", BOOL, "Run the command with extended privileges.", "Exécuter la commande avec des privilèges étendus."),
        prop("user", STRING, "User to run the command as.", "Utilisateur qui exécute la commande."),
        prop("working_dir", STRING, "Directory to run the command in.", "Répertoire où exécuter la commande."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const WATCH_RULE: Object = Object {
    properties: &[
        prop("action", choice!["rebuild", "sync", "restart", "sync+restart", "sync+exec"], "What to do when a watched file changes.", "Que faire quand un fichier surveillé change."),
        prop("exec", Shape::Object(&SERVICE_HOOK), "Command to run in the container after a `sync+exec`.", "Commande à exécuter dans le conteneur après un `sync+exec`.").since("2.32"),
        prop("ignore", STRING_OR_LIST, "Patterns of files to leave out, relative to `path`.", "Motifs des fichiers à ignorer, relatifs à `path`."),
        prop("include", STRING_OR_LIST, "Patterns of the only files to watch, relative to `path`.", "Motifs des seuls fichiers à surveiller, relatifs à `path`."),
        prop("initial_sync", STRICT_BOOL, "Sync the files once when the watch starts.", "Synchroniser les fichiers une fois au démarrage de la surveillance."),
        prop("path", STRING, "Path on the host to watch.", "Chemin à surveiller sur l'hôte."),
        prop("target", STRING, "Path in the container that `sync` copies to.", "Chemin du conteneur où `sync` copie les fichiers."),
    ],
    required: &["path", "action"],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const DEVELOP: Object = Object {
    properties: &[
        prop("watch", list!(Shape::Object(&WATCH_RULE)), "Files `compose watch` follows, and what it does when they change.", "Fichiers que `compose watch` suit, et ce qu'il fait quand ils changent."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const ENV_FILE_ENTRY: Object = Object {
    properties: &[
        prop("format", known!["raw"], "How to read the file; `raw` takes values as is, without interpolation.", "Comment lire le fichier ; `raw` prend les valeurs telles quelles, sans interpolation."),
        prop("path", STRING, "Path of the file of variables.", "Chemin du fichier de variables."),
        prop("required", BOOL, "Whether a missing file is an error (default true).", "Si un fichier absent est une erreur (vrai par défaut)."),
    ],
    required: &["path"],
    ..Object::CLOSED
};

const ENV_FILE: Shape = any_of![
    STRING,
    list!(any_of![STRING, Shape::Object(&ENV_FILE_ENTRY)])
];

#[rustfmt::skip]
const EXTENDS: Object = Object {
    properties: &[
        prop("file", STRING, "Compose file defining the base service (default: this file).", "Fichier Compose qui définit le service de base (par défaut : ce fichier)."),
        prop("service", STRING, "Name of the service to extend.", "Nom du service à étendre."),
    ],
    required: &["service"],
    ..Object::CLOSED
};

#[rustfmt::skip]
const HEALTHCHECK: Object = Object {
    properties: &[
        prop("disable", BOOL, "Turn off the image's health check.", "Désactiver le contrôle de santé de l'image."),
        prop("interval", DURATION, "Time between two checks (default `30s`).", "Temps entre deux contrôles (`30s` par défaut)."),
        prop("retries", NUMBER, "Consecutive failures before the container is unhealthy.", "Échecs consécutifs avant que le conteneur soit déclaré en mauvaise santé."),
        prop("start_interval", DURATION, "Time between checks during the start period.", "Temps entre deux contrôles pendant la période de démarrage.").since("2.20.2"),
        prop("start_period", DURATION, "Grace time at start, when failures do not count.", "Délai de grâce au démarrage, pendant lequel les échecs ne comptent pas."),
        prop("test", any_of![STRING, STRINGS], "Command that checks health: `[\"CMD\", ...]`, `[\"CMD-SHELL\", \"...\"]` or `[\"NONE\"]`.", "Commande de contrôle : `[\"CMD\", ...]`, `[\"CMD-SHELL\", \"...\"]` ou `[\"NONE\"]`."),
        prop("timeout", DURATION, "Time after which a check counts as failed (default `30s`).", "Délai au-delà duquel un contrôle compte comme échoué (`30s` par défaut)."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const LOGGING: Object = Object {
    properties: &[
        prop("driver", known!["json-file", "local", "journald", "syslog", "gelf", "fluentd", "awslogs", "splunk", "etwlogs", "gcplogs", "none"], "Logging driver of the container, such as `json-file` or `local`.", "Pilote de journalisation du conteneur, comme `json-file` ou `local`."),
        prop("options", map!(NonEmpty, any_of![STRING, STRICT_NUMBER, NULL]), "Options of the logging driver, such as `max-size`.", "Options du pilote de journalisation, comme `max-size`."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const SERVICE_MODEL: Object = Object {
    properties: &[
        prop("endpoint_var", STRING, "Environment variable that receives the model's URL.", "Variable d'environnement qui reçoit l'URL du modèle."),
        prop("model_var", STRING, "Environment variable that receives the model's name.", "Variable d'environnement qui reçoit le nom du modèle."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const SERVICE_NETWORK: Object = Object {
    properties: &[
        prop("aliases", LIST_OF_STRINGS, "Extra host names of the service on this network.", "Noms d'hôte supplémentaires du service sur ce réseau."),
        prop("driver_opts", DRIVER_OPTS, "Options of the network driver for this attachment.", "Options du pilote réseau pour ce raccordement.").since("2.27.1"),
        prop("gw_priority", STRICT_NUMBER, "Priority of this network for the default gateway; the highest wins.", "Priorité de ce réseau pour la passerelle par défaut ; la plus haute l'emporte.").since("2.33"),
        prop("interface_name", STRING, "Name of the network interface in the container.", "Nom de l'interface réseau dans le conteneur.").since("2.36"),
        prop("ipv4_address", STRING, "Fixed IPv4 address of the container on this network.", "Adresse IPv4 fixe du conteneur sur ce réseau."),
        prop("ipv6_address", STRING, "Fixed IPv6 address of the container on this network.", "Adresse IPv6 fixe du conteneur sur ce réseau."),
        prop("link_local_ips", LIST_OF_STRINGS, "Link-local addresses of the container.", "Adresses lien-local du conteneur."),
        prop("mac_address", STRING, "MAC address of the container on this network.", "Adresse MAC du conteneur sur ce réseau."),
        prop("priority", STRICT_NUMBER, "Order in which the container joins its networks; the highest first.", "Ordre dans lequel le conteneur rejoint ses réseaux ; le plus haut d'abord."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const PORT: Object = Object {
    properties: &[
        prop("app_protocol", STRING, "Application protocol (`http`, `grpc`...) for tools that use it.", "Protocole applicatif (`http`, `grpc`...) pour les outils qui s'en servent.").since("2.26"),
        prop("host_ip", Shape::String(Format::IpAddress), "Host address to publish on; `127.0.0.1` keeps the port local.", "Adresse de l'hôte où publier ; `127.0.0.1` garde le port local."),
        prop("mode", known!["ingress", "host"], "`host` publishes on each node, `ingress` load-balances (Swarm).", "`host` publie sur chaque nœud, `ingress` répartit la charge (Swarm)."),
        prop("name", STRING, "A name for the port, for documentation.", "Un nom pour le port, à titre de documentation."),
        prop("protocol", known!["tcp", "udp", "sctp"], "Transport protocol: `tcp` (default), `udp` or `sctp`.", "Protocole de transport : `tcp` (par défaut), `udp` ou `sctp`."),
        prop("published", STRING_OR_INTEGER, "Host port or range; a random port when absent.", "Port ou plage de l'hôte ; un port aléatoire en son absence."),
        prop("target", INTEGER, "Port in the container.", "Port dans le conteneur."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const PROVIDER: Object = Object {
    properties: &[
        prop("options", map!(NonEmpty, any_of![SCALAR, list!(SCALAR)]), "Options passed to the provider.", "Options passées au fournisseur."),
        prop("type", STRING, "Provider that manages the service, such as a Compose plugin.", "Fournisseur qui gère le service, comme un plugin Compose."),
    ],
    required: &["type"],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const VOLUME_BIND: Object = Object {
    properties: &[
        prop("create_host_path", BOOL, "Create the host directory when it does not exist.", "Créer le répertoire de l'hôte s'il n'existe pas."),
        prop("propagation", known!["rprivate", "private", "rshared", "shared", "rslave", "slave"], "Mount propagation: `rprivate` (default), `shared`, `slave`...", "Propagation des montages : `rprivate` (par défaut), `shared`, `slave`..."),
        prop("recursive", choice!["enabled", "disabled", "writable", "readonly"], "How submounts of the source are mounted.", "Comment les sous-montages de la source sont montés."),
        prop("selinux", choice!["z", "Z"], "SELinux relabelling: `z` shared between containers, `Z` private.", "Réétiquetage SELinux : `z` partagé entre conteneurs, `Z` privé."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const VOLUME_VOLUME: Object = Object {
    properties: &[
        prop("labels", LIST_OR_DICT, "Labels of the volume, when Compose creates it.", "Labels du volume, quand Compose le crée."),
        prop("nocopy", BOOL, "Do not copy the image's files into a new volume.", "Ne pas copier les fichiers de l'image dans un nouveau volume."),
        prop("subpath", STRING, "Subdirectory of the volume to mount.", "Sous-répertoire du volume à monter."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const VOLUME_TMPFS: Object = Object {
    properties: &[
        prop("mode", NUMBER, "Permissions of the tmpfs, in octal.", "Permissions du tmpfs, en octal.").since("2.14"),
        prop("size", any_of![NON_NEGATIVE_INTEGER, BYTE_SIZE], "Size of the tmpfs, such as `64m`.", "Taille du tmpfs, comme `64m`."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const VOLUME_IMAGE: Object = Object {
    properties: &[
        prop("subpath", STRING, "Directory of the image to mount.", "Répertoire de l'image à monter.").since("2.35"),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const SERVICE_VOLUME: Object = Object {
    properties: &[
        prop("bind", Shape::Object(&VOLUME_BIND), "Options of a bind mount.", "Options d'un montage lié (bind)."),
        prop("consistency", known!["consistent", "cached", "delegated"], "Consistency of the mount (Docker Desktop for Mac, historical).", "Cohérence du montage (Docker Desktop pour Mac, historique)."),
        prop("image", Shape::Object(&VOLUME_IMAGE), "Options of an image mount.", "Options d'un montage d'image."),
        prop("read_only", BOOL, "Mount read-only.", "Monter en lecture seule."),
        prop("source", STRING, "Host path, volume name or image, depending on `type`.", "Chemin de l'hôte, nom de volume ou image, selon `type`."),
        prop("target", STRING, "Path in the container.", "Chemin dans le conteneur."),
        prop("tmpfs", Shape::Object(&VOLUME_TMPFS), "Options of a tmpfs mount.", "Options d'un montage tmpfs."),
        prop("type", choice!["bind", "volume", "tmpfs", "cluster", "npipe", "image"], "Kind of mount: `volume`, `bind`, `tmpfs`, `image`, `npipe` or `cluster`.", "Type de montage : `volume`, `bind`, `tmpfs`, `image`, `npipe` ou `cluster`."),
        prop("volume", Shape::Object(&VOLUME_VOLUME), "Options of a named volume mount.", "Options d'un montage de volume nommé."),
    ],
    required: &["type"],
    ..Object::EXTENSIBLE
};

// Service.

#[rustfmt::skip]
const SERVICE_OBJECT: Object = Object {
    properties: &[
        prop("annotations", LIST_OR_DICT, "OCI annotations on the container.", "Annotations OCI du conteneur."),
        prop("attach", BOOL, "Whether `up` shows the service's output (default true).", "Si `up` affiche la sortie du service (vrai par défaut).").since("2.20"),
        prop("blkio_config", Shape::Object(&BLKIO_CONFIG), "Block IO weights and rate limits.", "Poids et limites de débit des entrées-sorties bloc."),
        prop("build", any_of![STRING, Shape::Object(&BUILD)], "How to build the image: a context path, or build options.", "Comment construire l'image : un chemin de contexte, ou des options de build."),
        prop("cap_add", list!(unique CAPABILITY), "Linux capabilities to add to the container.", "Capacités Linux à ajouter au conteneur."),
        prop("cap_drop", list!(unique CAPABILITY), "Linux capabilities to remove; `ALL` then add back what is needed.", "Capacités Linux à retirer ; `ALL` puis rajouter le nécessaire."),
        prop("cgroup", choice!["host", "private"], "Cgroup namespace: `private` (own) or `host` (shared with the host).", "Espace de noms cgroup : `private` (propre) ou `host` (partagé avec l'hôte).").since("2.15"),
        prop("cgroup_parent", STRING, "Parent cgroup of the container.", "Cgroup parent du conteneur."),
        prop("command", COMMAND, "Overrides the image's `CMD`: a string (shell form) or a list (exec form).", "Remplace le `CMD` de l'image : une chaîne (forme shell) ou une liste (forme exec)."),
        prop("configs", SERVICE_FILE_REFERENCES, "Configs mounted in the container.", "Configs montées dans le conteneur."),
        prop("container_name", Shape::String(Format::Pattern(&CONTAINER_NAME)), "Fixed container name; the service then cannot scale.", "Nom fixe du conteneur ; le service ne peut alors plus passer à l'échelle."),
        prop("cpu_count", integer(true, Some(0), None), "Number of usable CPUs (Windows).", "Nombre de CPU utilisables (Windows)."),
        prop("cpu_percent", integer(true, Some(0), Some(100)), "Usable share of the CPUs, in percent (Windows).", "Part utilisable des CPU, en pourcentage (Windows)."),
        prop("cpu_period", NUMBER, "CFS scheduler period, in microseconds.", "Période de l'ordonnanceur CFS, en microsecondes."),
        prop("cpu_quota", NUMBER, "CFS scheduler quota per period, in microseconds.", "Quota de l'ordonnanceur CFS par période, en microsecondes."),
        prop("cpu_rt_period", NUMBER, "Real-time scheduler period, in microseconds.", "Période de l'ordonnanceur temps réel, en microsecondes."),
        prop("cpu_rt_runtime", NUMBER, "Real-time scheduler runtime per period, in microseconds.", "Temps d'exécution temps réel par période, en microsecondes."),
        prop("cpu_shares", NUMBER, "Relative CPU weight against other containers (default 1024).", "Poids CPU relatif face aux autres conteneurs (1024 par défaut)."),
        prop("cpus", NUMBER, "Most CPUs the container may use, such as `1.5`.", "Nombre maximal de CPU utilisables par le conteneur, comme `1.5`."),
        prop("cpuset", STRING, "CPUs the container may run on, such as `0-3` or `0,2`.", "CPU sur lesquels le conteneur peut tourner, comme `0-3` ou `0,2`."),
        prop("credential_spec", Shape::Object(&CREDENTIAL_SPEC), "Credential spec of a Windows managed service account.", "Spécification d'identifiants d'un compte de service géré Windows."),
        prop("depends_on", any_of![LIST_OF_STRINGS, map!(Name, Shape::Object(&DEPENDENCY))], "Services to start first, and when they count as ready.", "Services à démarrer d'abord, et quand ils sont prêts."),
        prop("deploy", any_of![NULL, Shape::Object(&DEPLOY)], "Replicas, resources, restart and update policies.", "Réplicas, ressources, politiques de redémarrage et de mise à jour."),
        prop("develop", any_of![NULL, Shape::Object(&DEVELOP)], "Development settings, such as the files `compose watch` follows.", "Réglages de développement, comme les fichiers suivis par `compose watch`.").since("2.22"),
        prop("device_cgroup_rules", LIST_OF_STRINGS, "Rules added to the devices cgroup, such as `c 1:3 mr`.", "Règles ajoutées au cgroup des périphériques, comme `c 1:3 mr`."),
        prop("devices", list!(any_of![STRING, Shape::Object(&DEVICE_MAPPING)]), "Host devices exposed to the container (`/dev/ttyUSB0:/dev/ttyUSB0`).", "Périphériques de l'hôte exposés au conteneur (`/dev/ttyUSB0:/dev/ttyUSB0`)."),
        prop("dns", STRING_OR_LIST, "DNS servers of the container.", "Serveurs DNS du conteneur."),
        prop("dns_opt", LIST_OF_STRINGS, "Resolver options, such as `ndots:2`.", "Options du résolveur, comme `ndots:2`."),
        prop("dns_search", STRING_OR_LIST, "DNS search domains.", "Domaines de recherche DNS."),
        prop("domainname", STRING, "Domain name of the container.", "Nom de domaine du conteneur."),
        prop("entrypoint", COMMAND, "Overrides the image's `ENTRYPOINT`: a string or a list.", "Remplace l'`ENTRYPOINT` de l'image : une chaîne ou une liste."),
        prop("env_file", ENV_FILE, "Files of variables added to the container's environment.", "Fichiers de variables ajoutées à l'environnement du conteneur."),
        prop("environment", LIST_OR_DICT, "Environment variables of the container; a bare name takes its value from the shell.", "Variables d'environnement du conteneur ; un nom seul prend sa valeur dans le shell."),
        prop("expose", list!(unique STRING_OR_NUMBER), "Ports reachable by other services, not published on the host.", "Ports joignables par les autres services, non publiés sur l'hôte."),
        prop("extends", any_of![STRING, Shape::Object(&EXTENDS)], "Service whose configuration this one starts from.", "Service dont celui-ci reprend la configuration."),
        prop("external_links", LIST_OF_STRINGS, "Links to containers outside the project (`name:alias`); legacy.", "Liens vers des conteneurs hors du projet (`nom:alias`) ; historique."),
        prop("extra_hosts", EXTRA_HOSTS, "Entries added to the container's `/etc/hosts`.", "Entrées ajoutées au `/etc/hosts` du conteneur."),
        prop("gpus", any_of![choice!["all"], list!(Shape::Object(&GPU_REQUEST))], "GPUs the container may use: `all`, or device requests.", "GPU utilisables par le conteneur : `all`, ou des demandes de périphériques.").since("2.30"),
        prop("group_add", list!(unique STRING_OR_NUMBER), "Extra groups of the container's user, by name or ID.", "Groupes supplémentaires de l'utilisateur du conteneur, par nom ou identifiant."),
        prop("healthcheck", Shape::Object(&HEALTHCHECK), "How to check that the container works.", "Comment vérifier que le conteneur fonctionne."),
        prop("hostname", STRING, "Host name of the container.", "Nom d'hôte du conteneur."),
        prop("image", Shape::String(Format::Image), "Image to run: `name:tag`, or `name@sha256:...` to pin it.", "Image à exécuter : `nom:tag`, ou `nom@sha256:...` pour la figer."),
        prop("init", BOOL, "Run an init process that forwards signals and reaps zombies.", "Lancer un processus init qui relaie les signaux et élimine les zombies."),
        prop("ipc", known!["private", "shareable", "host", "none"], "IPC namespace: `private`, `shareable`, `host`, `service:<name>`...", "Espace de noms IPC : `private`, `shareable`, `host`, `service:<nom>`..."),
        prop("isolation", known!["default", "process", "hyperv"], "Isolation technology of the container (Windows).", "Technologie d'isolation du conteneur (Windows)."),
        prop("label_file", LABEL_FILE, "Files of labels added to the container.", "Fichiers de labels ajoutés au conteneur.").since("2.32"),
        prop("labels", LIST_OR_DICT, "Labels on the container.", "Labels du conteneur."),
        prop("links", LIST_OF_STRINGS, "Legacy links to other services (`service:alias`); networks make them unneeded.", "Liens historiques vers d'autres services (`service:alias`) ; les réseaux les rendent inutiles."),
        prop("logging", Shape::Object(&LOGGING), "Logging driver and its options, such as log rotation.", "Pilote de journalisation et ses options, comme la rotation des journaux."),
        prop("mac_address", STRING, "MAC address of the container.", "Adresse MAC du conteneur.").since("2.23.2"),
        prop("mem_limit", NUMBER_OR_BYTE_SIZE, "Most memory the container may use, such as `512m`.", "Mémoire maximale utilisable par le conteneur, comme `512m`."),
        prop("mem_reservation", any_of![BYTE_SIZE, STRICT_INTEGER], "Soft memory limit, applied when the host runs short.", "Limite de mémoire souple, appliquée quand l'hôte en manque."),
        prop("mem_swappiness", INTEGER, "How readily the kernel swaps the container's memory, from 0 to 100.", "Propension du noyau à mettre en swap la mémoire du conteneur, de 0 à 100."),
        prop("memswap_limit", NUMBER_OR_BYTE_SIZE, "Memory plus swap the container may use; `-1` for unlimited swap.", "Mémoire plus swap utilisables par le conteneur ; `-1` pour un swap illimité."),
        prop("models", any_of![LIST_OF_STRINGS, map!(Name, any_of![Shape::Object(&SERVICE_MODEL), NULL])], "AI models the service uses, declared under the top-level `models`.", "Modèles d'IA utilisés par le service, déclarés sous `models` au premier niveau.").since("2.38"),
        prop("network_mode", known!["bridge", "host", "none"], "Network mode: `host`, `none`, `service:<name>`...; excludes `networks`.", "Mode réseau : `host`, `none`, `service:<nom>`... ; exclut `networks`."),
        prop("networks", any_of![LIST_OF_STRINGS, map!(Name, any_of![Shape::Object(&SERVICE_NETWORK), NULL])], "Networks the service joins, with per-network options.", "Réseaux que le service rejoint, avec des options par réseau."),
        prop("oom_kill_disable", BOOL, "Keep the kernel's out-of-memory killer away from the container.", "Soustraire le conteneur au tueur de processus du noyau en cas de mémoire épuisée."),
        prop("oom_score_adj", integer(true, Some(-1000), Some(1000)), "Adjusts how likely the kernel kills the container when memory runs out.", "Ajuste la probabilité que le noyau tue le conteneur quand la mémoire manque."),
        prop("pid", any_of![known!["host"], NULL], "PID namespace: `host`, `service:<name>` or `container:<id>`.", "Espace de noms PID : `host`, `service:<nom>` ou `container:<id>`."),
        prop("pids_limit", NUMBER, "Most processes the container may run; `-1` for no limit.", "Nombre maximal de processus du conteneur ; `-1` pour aucune limite."),
        prop("platform", STRING, "Platform of the image to run, such as `linux/arm64`.", "Plateforme de l'image à exécuter, comme `linux/arm64`."),
        prop("ports", list!(unique any_of![STRICT_NUMBER, Shape::String(Format::Port), Shape::Object(&PORT)]), "Ports published on the host: `8080:80`, `127.0.0.1:8080:80` or long form.", "Ports publiés sur l'hôte : `8080:80`, `127.0.0.1:8080:80` ou forme longue."),
        prop("post_start", list!(Shape::Object(&SERVICE_HOOK)), "Commands run in the container right after it starts.", "Commandes exécutées dans le conteneur juste après son démarrage."),
        prop("pre_start", list!(Shape::Object(&PRE_START_HOOK)), "Commands run to completion before the container starts.", "Commandes exécutées jusqu'au bout avant le démarrage du conteneur."),
        prop("pre_stop", list!(Shape::Object(&SERVICE_HOOK)), "Commands run in the container before it stops.", "Commandes exécutées dans le conteneur avant son arrêt."),
        prop("privileged", BOOL, "Give the container nearly all the host's privileges; avoid.", "Donner au conteneur presque tous les privilèges de l'hôte ; à éviter."),
        prop("profiles", LIST_OF_STRINGS, "Profiles that enable the service; without any, it always runs.", "Profils qui activent le service ; sans profil, il est toujours lancé."),
        prop("provider", Shape::Object(&PROVIDER), "External provider that manages the service instead of a container.", "Fournisseur externe qui gère le service à la place d'un conteneur.").since("2.36"),
        prop("pull_policy", Shape::String(Format::Pattern(&PULL_POLICY)), "When to pull the image: `missing`, `always`, `never`, `build`...", "Quand télécharger l'image : `missing`, `always`, `never`, `build`..."),
        prop("pull_refresh_after", STRING, "How old a pulled image may get before `pull_policy: refresh` pulls it again.", "Âge au-delà duquel `pull_policy: refresh` télécharge à nouveau l'image."),
        prop("read_only", BOOL, "Mount the container's root filesystem read-only.", "Monter le système de fichiers racine du conteneur en lecture seule."),
        prop("restart", Shape::String(Format::Pattern(&RESTART_POLICY)), "Restart policy: `no`, `always`, `on-failure[:N]` or `unless-stopped`.", "Politique de redémarrage : `no`, `always`, `on-failure[:N]` ou `unless-stopped`."),
        prop("runtime", STRING, "OCI runtime of the container, such as `runc`.", "Runtime OCI du conteneur, comme `runc`."),
        prop("scale", INTEGER, "Number of containers to run; prefer `deploy.replicas`.", "Nombre de conteneurs à exécuter ; préférez `deploy.replicas`."),
        prop("secrets", SERVICE_FILE_REFERENCES, "Secrets mounted in `/run/secrets/`.", "Secrets montés dans `/run/secrets/`."),
        prop("security_opt", list!(unique known!["no-new-privileges:true", "seccomp:unconfined", "apparmor:unconfined", "label:disable"]), "Security options, such as `no-new-privileges:true`.", "Options de sécurité, comme `no-new-privileges:true`."),
        prop("shm_size", NUMBER_OR_BYTE_SIZE, "Size of `/dev/shm`, such as `256m`.", "Taille de `/dev/shm`, comme `256m`."),
        prop("stdin_open", BOOL, "Keep standard input open (`docker run -i`).", "Garder l'entrée standard ouverte (`docker run -i`)."),
        prop("stop_grace_period", DURATION, "Time between the stop signal and `SIGKILL` (default `10s`).", "Délai entre le signal d'arrêt et `SIGKILL` (`10s` par défaut)."),
        prop("stop_signal", known!["SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGUSR2", "SIGKILL"], "Signal that stops the container (default `SIGTERM`).", "Signal qui arrête le conteneur (`SIGTERM` par défaut)."),
        prop("storage_opt", map!(NonEmpty, Shape::Any), "Options of the storage driver for the container.", "Options du pilote de stockage pour le conteneur."),
        prop("sysctls", LIST_OR_DICT, "Namespaced kernel parameters, such as `net.core.somaxconn`.", "Paramètres du noyau propres au conteneur, comme `net.core.somaxconn`."),
        prop("tmpfs", STRING_OR_LIST, "Paths where a tmpfs is mounted in memory.", "Chemins où un tmpfs est monté en mémoire."),
        prop("tty", BOOL, "Allocate a terminal (`docker run -t`).", "Allouer un terminal (`docker run -t`)."),
        prop("ulimits", ULIMITS, "Resource limits such as `nofile` and `nproc`.", "Limites de ressources comme `nofile` et `nproc`."),
        prop("use_api_socket", STRICT_BOOL, "Give the container the Docker API socket and credentials; avoid.", "Donner au conteneur le socket de l'API Docker et les identifiants ; à éviter.").since("2.37.1"),
        prop("user", STRING, "User (and group) the container runs as: `name`, `uid` or `uid:gid`.", "Utilisateur (et groupe) du conteneur : `nom`, `uid` ou `uid:gid`."),
        prop("userns_mode", known!["host"], "User namespace; `host` turns off user namespace remapping.", "Espace de noms utilisateur ; `host` désactive le remappage des utilisateurs."),
        prop("uts", known!["host"], "UTS namespace; `host` shares the host's host name.", "Espace de noms UTS ; `host` partage le nom d'hôte de l'hôte.").since("2.15.1"),
        prop("volumes", list!(unique any_of![Shape::String(Format::Volume), Shape::Object(&SERVICE_VOLUME)]), "Mounts: `volume:/path`, `./dir:/path:ro`, or long form.", "Montages : `volume:/chemin`, `./dossier:/chemin:ro`, ou forme longue."),
        prop("volumes_from", LIST_OF_STRINGS, "Mount all volumes of another service or container.", "Monter tous les volumes d'un autre service ou conteneur."),
        prop("working_dir", STRING, "Working directory of the container's command.", "Répertoire de travail de la commande du conteneur."),
    ],
    exclusive: &[("network_mode", "networks")],
    at_least_one: &["image", "build", "provider"],
    at_least_one_unless: &["extends"],
    ..Object::EXTENSIBLE
};

// Top-level resources.

#[rustfmt::skip]
const EXTERNAL_NAME: Object = Object {
    properties: &[
        prop("name", STRING, "Name of the existing resource; use the resource's `name` instead.", "Nom de la ressource existante ; utilisez plutôt le `name` de la ressource.").deprecated( ),
    ],
    ..Object::EXTENSIBLE
};

/// `external` of networks and volumes: a boolean, or the deprecated `{name}`.
const EXTERNAL: Shape = any_of![BOOL, Shape::Object(&EXTERNAL_NAME)];

/// `external` of secrets and configs, whose object form the schema leaves open.
#[rustfmt::skip]
const OPEN_EXTERNAL_NAME: Object = Object {
    properties: &[
        prop("name", STRING, "Name of the existing resource; use the resource's `name` instead.", "Nom de la ressource existante ; utilisez plutôt le `name` de la ressource."),
    ],
    unknown: UnknownKeys::Allowed,
    ..Object::EXTENSIBLE
};

const CONFIG_EXTERNAL_NAME: Object = Object {
    properties: EXTERNAL_NAME.properties,
    ..OPEN_EXTERNAL_NAME
};

#[rustfmt::skip]
const IPAM_POOL: Object = Object {
    properties: &[
        prop("aux_addresses", map!(NonEmpty, STRING), "Addresses the driver must not hand out, by host name.", "Adresses que le pilote ne doit pas attribuer, par nom d'hôte."),
        prop("gateway", STRING, "Gateway address of the subnet.", "Adresse de la passerelle du sous-réseau."),
        prop("ip_range", STRING, "Range of addresses containers get, inside the subnet.", "Plage d'adresses attribuées aux conteneurs, dans le sous-réseau."),
        prop("subnet", Shape::String(Format::Cidr), "Subnet of the network, such as `172.28.0.0/16`.", "Sous-réseau du réseau, comme `172.28.0.0/16`."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const IPAM: Object = Object {
    properties: &[
        prop("config", list!(Shape::Object(&IPAM_POOL)), "Address pools of the network.", "Plages d'adresses du réseau."),
        prop("driver", STRING, "IPAM driver (default `default`).", "Pilote IPAM (`default` par défaut)."),
        prop("options", map!(NonEmpty, STRING), "Options of the IPAM driver.", "Options du pilote IPAM."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const NETWORK: Object = Object {
    properties: &[
        prop("attachable", BOOL, "Let standalone containers join this overlay network.", "Permettre aux conteneurs autonomes de rejoindre ce réseau overlay."),
        prop("driver", known!["bridge", "overlay", "host", "none", "macvlan", "ipvlan"], "Network driver, such as `bridge` or `overlay`.", "Pilote réseau, comme `bridge` ou `overlay`."),
        prop("driver_opts", DRIVER_OPTS, "Options of the network driver.", "Options du pilote réseau."),
        prop("enable_ipv4", BOOL, "Give containers IPv4 addresses on this network (default true).", "Attribuer des adresses IPv4 aux conteneurs sur ce réseau (vrai par défaut).").since("2.33.1"),
        prop("enable_ipv6", BOOL, "Give containers IPv6 addresses on this network.", "Attribuer des adresses IPv6 aux conteneurs sur ce réseau."),
        prop("external", EXTERNAL, "The network exists already; Compose does not create it.", "Le réseau existe déjà ; Compose ne le crée pas."),
        prop("internal", BOOL, "Cut the network off from the outside world.", "Isoler le réseau du monde extérieur."),
        prop("ipam", Shape::Object(&IPAM), "Address management: subnets, ranges, gateways.", "Gestion des adresses : sous-réseaux, plages, passerelles."),
        prop("labels", LIST_OR_DICT, "Labels on the network.", "Labels du réseau."),
        prop("name", STRING, "Actual name of the network, without the project prefix.", "Nom réel du réseau, sans le préfixe du projet."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const VOLUME: Object = Object {
    properties: &[
        prop("driver", known!["local"], "Volume driver (default `local`).", "Pilote de volume (`local` par défaut)."),
        prop("driver_opts", DRIVER_OPTS, "Options of the volume driver, such as an NFS mount.", "Options du pilote de volume, comme un montage NFS."),
        prop("external", EXTERNAL, "The volume exists already; Compose does not create it.", "Le volume existe déjà ; Compose ne le crée pas."),
        prop("labels", LIST_OR_DICT, "Labels on the volume.", "Labels du volume."),
        prop("name", STRING, "Actual name of the volume, without the project prefix.", "Nom réel du volume, sans le préfixe du projet."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const SECRET: Object = Object {
    properties: &[
        prop("driver", STRING, "Secret driver (Swarm).", "Pilote de secrets (Swarm)."),
        prop("driver_opts", DRIVER_OPTS, "Options of the secret driver.", "Options du pilote de secrets."),
        prop("environment", STRING, "Environment variable whose value is the secret.", "Variable d'environnement dont la valeur est le secret."),
        prop("external", any_of![BOOL, Shape::Object(&OPEN_EXTERNAL_NAME)], "The secret exists already; Compose does not create it.", "Le secret existe déjà ; Compose ne le crée pas."),
        prop("file", STRING, "File whose content is the secret.", "Fichier dont le contenu est le secret."),
        prop("labels", LIST_OR_DICT, "Labels on the secret.", "Labels du secret."),
        prop("name", STRING, "Actual name of the secret.", "Nom réel du secret."),
        prop("template_driver", known!["golang"], "Template engine applied to the secret's content.", "Moteur de gabarits appliqué au contenu du secret."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const CONFIG: Object = Object {
    properties: &[
        prop("content", STRING, "Content of the config, written inline.", "Contenu de la config, écrit sur place.").since("2.23.1"),
        prop("environment", STRING, "Environment variable whose value is the config.", "Variable d'environnement dont la valeur est la config.").since("2.23.1"),
        prop("external", any_of![BOOL, Shape::Object(&CONFIG_EXTERNAL_NAME)], "The config exists already; Compose does not create it.", "La config existe déjà ; Compose ne la crée pas."),
        prop("file", STRING, "File whose content is the config.", "Fichier dont le contenu est la config."),
        prop("labels", LIST_OR_DICT, "Labels on the config.", "Labels de la config."),
        prop("name", STRING, "Actual name of the config.", "Nom réel de la config."),
        prop("template_driver", known!["golang"], "Template engine applied to the config's content.", "Moteur de gabarits appliqué au contenu de la config."),
    ],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const MODEL: Object = Object {
    properties: &[
        prop("context_size", STRICT_INTEGER, "Context window of the model, in tokens.", "Fenêtre de contexte du modèle, en jetons."),
        prop("model", STRING, "Model to run, as an OCI reference such as `ai/smollm2`.", "Modèle à exécuter, en référence OCI comme `ai/smollm2`."),
        prop("name", STRING, "Name the model is served under.", "Nom sous lequel le modèle est servi."),
        prop("runtime_flags", STRINGS, "Extra flags for the inference engine.", "Options supplémentaires du moteur d'inférence."),
    ],
    required: &["model"],
    ..Object::EXTENSIBLE
};

#[rustfmt::skip]
const INCLUDE: Object = Object {
    properties: &[
        prop("env_file", STRING_OR_LIST, "Environment files for the included project (default its `.env`).", "Fichiers d'environnement du projet inclus (par défaut son `.env`)."),
        prop("path", STRING_OR_LIST, "Compose file(s) to include, merged as one project.", "Fichier(s) Compose à inclure, fusionnés en un projet."),
        prop("project_directory", STRING, "Directory relative paths of the included files resolve against.", "Répertoire par rapport auquel se résolvent les chemins relatifs des fichiers inclus."),
    ],
    ..Object::CLOSED
};

#[rustfmt::skip]
const FILE_OBJECT: Object = Object {
    properties: &[
        prop("configs", map!(Name, Shape::Object(&CONFIG)), "Configs services can mount, by name.", "Configs que les services peuvent monter, par nom."),
        prop("include", list!(any_of![STRING, Shape::Object(&INCLUDE)]), "Other Compose files imported as sub-projects.", "Autres fichiers Compose importés comme sous-projets.").since("2.20"),
        prop("models", map!(Name, Shape::Object(&MODEL)), "AI models services can use, by name.", "Modèles d'IA utilisables par les services, par nom.").since("2.38"),
        prop("name", STRING, "Project name: prefix of containers, networks and volumes.", "Nom du projet : préfixe des conteneurs, réseaux et volumes."),
        prop("networks", map!(Name, any_of![Shape::Object(&NETWORK), NULL]), "Networks services can join, by name.", "Réseaux que les services peuvent rejoindre, par nom."),
        prop("secrets", map!(Name, Shape::Object(&SECRET)), "Secrets services can mount, by name.", "Secrets que les services peuvent monter, par nom."),
        prop("services", map!(Name, Shape::Object(&SERVICE_OBJECT)), "The containers of the application, by name.", "Les conteneurs de l'application, par nom."),
        prop("version", STRING, "Obsolete: Compose ignores it and warns; remove it.", "Obsolète : Compose l'ignore et avertit ; supprimez-la.").deprecated(),
        prop("volumes", map!(Name, any_of![Shape::Object(&VOLUME), NULL]), "Named volumes services can mount, by name.", "Volumes nommés que les services peuvent monter, par nom."),
    ],
    ..Object::EXTENSIBLE
};

static FILE: Shape = Shape::Object(&FILE_OBJECT);

/// Every property of the description, for tests and documentation.
pub fn properties() -> Vec<(String, &'static Property)> {
    crate::schema::all_properties(compose_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn description_is_complete_and_sorted() {
        crate::schema::check_description(compose_file());
    }

    #[test]
    fn services_have_ninety_three_keys() {
        assert_eq!(service().properties.len(), 93);
    }

    #[test]
    fn patterns_are_anchored() {
        assert!(is_pull_policy("every_12h"));
        assert!(is_pull_policy("every_1w2d"));
        assert!(!is_pull_policy("every_"));
        assert!(!is_pull_policy("every_12"));
        assert!(!is_pull_policy("always_on"));
        assert!(is_restart_policy("on-failure:5"));
        assert!(!is_restart_policy("on-failure:"));
        assert!(!is_restart_policy("sometimes"));
        assert!(is_container_name("web-1"));
        assert!(!is_container_name("w"));
        assert!(!is_container_name("-web"));
        assert!(!is_container_name("web app"));
    }
}
