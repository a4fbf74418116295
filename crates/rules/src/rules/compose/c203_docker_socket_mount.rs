//! `C203 docker-socket-mount`: the Docker API socket mounted into a service.

use berth_parser::compose::{MountType, Service};
use berth_parser::{Message, msg};

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{ComposeContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C203",
        name: "docker-socket-mount",
        kind: FileKind::Compose,
        category: Category::Security,
        severity: Severity::Warning,
        prod_severity: Some(Severity::Error),
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[Equivalent::Cis("5.32")],
        chapter: Some("08"),
        docs: RuleDocs {
            summary: Text {
                en: "The Docker socket (`/var/run/docker.sock`, `/run/docker.sock`, or the Windows \
pipe) is mounted into a service, or `use_api_socket: true` gives it the Docker API.",
                fr: "Le socket Docker (`/var/run/docker.sock`, `/run/docker.sock`, ou le pipe \
Windows) est monté dans un service, ou `use_api_socket: true` lui donne l'API Docker.",
            },
            why: Text {
                en: "Whoever controls the Docker socket controls the host: one API call starts a \
privileged container with the host's root filesystem mounted. A service with the socket is \
therefore as trusted as root on the host, and any flaw in it is a way to take the machine. \
Mounting it read-only (`:ro`) does not help: the API is still writable through it. Tools that \
need the API (Portainer, Watchtower, Traefik, reverse proxies, log viewers) should go through a \
socket proxy (`tecnativa/docker-socket-proxy`) that allows only the calls they make, on a \
network of their own (chapter 08, hardening the daemon and its access: restricting the socket; \
CIS 5.32).",
                fr: "Qui contrôle le socket Docker contrôle l'hôte : un seul appel à l'API démarre \
un conteneur privilégié avec le système de fichiers racine de l'hôte monté. Un service qui a le \
socket est donc aussi sensible que root sur l'hôte, et toute faille de ce service permet de \
prendre la machine. Le monter en lecture seule (`:ro`) n'y change rien : l'API reste \
accessible en écriture à travers lui. Les outils qui ont besoin de l'API (Portainer, \
Watchtower, Traefik, reverse proxies, visionneuses de journaux) devraient passer par un proxy de \
socket (`tecnativa/docker-socket-proxy`) qui n'autorise que les appels qu'ils font, sur un \
réseau à eux (chapitre 08, durcissement du démon et des accès : restriction de la socket ; CIS \
5.32).",
            },
            example: "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
            use_instead: "services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.2\n    environment:\n      CONTAINERS: 1\n    networks: [socket]\n  proxy:\n    image: traefik:v3.1\n    command: [\"--providers.docker.endpoint=tcp://socket-proxy:2375\"]\n    networks: [socket]\nnetworks:\n  socket:\n    internal: true\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(check),
    options: None,
};

/// The host paths of the Docker API: the Unix sockets and the Windows named pipe.
const SOCKETS: [&str; 3] = [
    "/var/run/docker.sock",
    "/run/docker.sock",
    r"\\.\pipe\docker_engine",
];

/// Images of tools that need the Docker API to do their job, by the last part of their name.
const NEEDS_THE_API: [&str; 10] = [
    "watchtower",
    "portainer",
    "portainer-ce",
    "portainer-ee",
    "agent",
    "traefik",
    "nginx-proxy",
    "docker-gen",
    "dozzle",
    "autoheal",
];

fn check(context: &ComposeContext, report: &mut Reporter) {
    for service in context.project.all_services() {
        let tool = tool_needing_the_api(service);
        for mount in &service.volumes {
            if !matches!(mount.kind.value, MountType::Bind | MountType::Npipe) {
                continue;
            }
            let Some(source) = &mount.source else {
                continue;
            };
            let path = source.value.trim_end_matches('/');
            if !SOCKETS
                .iter()
                .any(|socket| path.eq_ignore_ascii_case(socket))
                && !path.ends_with("/docker.sock")
            {
                continue;
            }
            let name = &service.name;
            let message = match &tool {
                Some(tool) => msg!(
                    "service {name:?} mounts the Docker socket: {tool} needs the Docker API, but \
                     whoever controls the socket controls the host; give it a socket proxy that \
                     allows only the calls it makes",
                    "le service {name:?} monte le socket Docker : {tool} a besoin de l'API \
                     Docker, mais qui contrôle le socket contrôle l'hôte ; donnez-lui un proxy \
                     de socket qui n'autorise que les appels qu'il fait",
                ),
                None => msg!(
                    "service {name:?} mounts the Docker socket: whoever controls the socket \
                     controls the host, so a flaw in this service gives root on the host; \
                     remove the mount, or go through a socket proxy",
                    "le service {name:?} monte le socket Docker : qui contrôle le socket \
                     contrôle l'hôte, donc une faille de ce service donne root sur l'hôte ; \
                     supprimez le montage, ou passez par un proxy de socket",
                ),
            };
            context
                .report(report, &source.origin, message)
                .help(proxy_help());
        }
        if let Some(socket) = service.use_api_socket.as_ref().filter(|value| value.value) {
            let name = &service.name;
            context.report(
                report,
                &socket.origin,
                msg!(
                    "service {name:?} gets the Docker API and your registry credentials \
                         (`use_api_socket`): whoever controls the API controls the host; keep it \
                         for trusted development tools",
                    "le service {name:?} reçoit l'API Docker et vos identifiants de registre \
                         (`use_api_socket`) : qui contrôle l'API contrôle l'hôte ; réservez-le à \
                         des outils de développement de confiance",
                ),
            );
        }
    }
}

/// The image's name, when it is a tool that needs the Docker API (`portainer/portainer-ce`).
fn tool_needing_the_api(service: &Service) -> Option<String> {
    let image = service.image_ref.as_ref()?;
    let name = image.familiar_name();
    let last = name.rsplit('/').next().unwrap_or(&name);
    let needs = NEEDS_THE_API.contains(&last) && (last != "agent" || name.contains("portainer"));
    needs.then_some(name)
}

fn proxy_help() -> Message {
    msg!(
        "`:ro` does not help, the API stays writable; a socket proxy such as \
         `tecnativa/docker-socket-proxy` exposes only the API sections you enable \
         (`CONTAINERS=1`) on an internal network",
        "`:ro` n'y change rien, l'API reste accessible en écriture ; un proxy de socket comme \
         `tecnativa/docker-socket-proxy` n'expose que les sections d'API activées \
         (`CONTAINERS=1`) sur un réseau interne",
    )
}
