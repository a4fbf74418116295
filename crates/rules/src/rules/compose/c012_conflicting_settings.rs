//! `C012 conflicting-settings`: settings that contradict each other.

use std::collections::HashMap;

use berth_parser::compose::{Port, Service};
use berth_parser::msg;

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{ComposeContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

/// Reported from the problems the Compose loader finds (see `problems.rs`), and for host
/// ports published twice, which Compose leaves to Docker to refuse when the second container
/// starts.
pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C012",
        name: "conflicting-settings",
        kind: FileKind::Compose,
        category: Category::Correctness,
        severity: Severity::Error,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[
            Equivalent::Dclint("no-duplicate-container-names"),
            Equivalent::Dclint("no-duplicate-exported-ports"),
        ],
        chapter: Some("06"),
        docs: RuleDocs {
            summary: Text {
                en: "Settings Compose or Docker refuses together: `network_mode` with `networks`, \
`dockerfile` with `dockerfile_inline`, `scale` against `deploy.replicas`, two mounts on one path, \
one `container_name` or host port for two containers, and the other combinations Compose checks.",
                fr: "Des réglages que Compose ou Docker refuse ensemble : `network_mode` avec \
`networks`, `dockerfile` avec `dockerfile_inline`, `scale` contre `deploy.replicas`, deux montages \
sur un même chemin, un même `container_name` ou port de l'hôte pour deux conteneurs, et les autres \
combinaisons que Compose vérifie.",
            },
            why: Text {
                en: "Each setting is valid on its own, but together they ask for two different \
things. Compose refuses the project, or Docker refuses the second container when it starts (a \
container name or a host port can be taken only once). Keep the setting you mean and remove the \
other (chapter 06, Compose; chapter 04, ports).",
                fr: "Chaque réglage est valide seul, mais ensemble ils demandent deux choses \
différentes. Compose refuse le projet, ou Docker refuse le second conteneur à son démarrage (un \
nom de conteneur ou un port de l'hôte ne peut être pris qu'une fois). Gardez le réglage voulu et \
supprimez l'autre (chapitre 06, Compose ; chapitre 04, ports).",
            },
            example: "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n    networks: [front]\nnetworks:\n  front:\n",
            use_instead: "services:\n  web:\n    image: nginx:1.27\n    networks: [front]\nnetworks:\n  front:\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(check),
    options: None,
};

fn check(context: &ComposeContext, report: &mut Reporter) {
    super::problems::report(context, report);
    published_twice(context, report);
}

/// Host ports two containers would both bind: the same port and protocol, on the same
/// address or on all addresses.
fn published_twice(context: &ComposeContext, report: &mut Reporter) {
    let mut seen: HashMap<(&str, &str), Vec<(&Service, &Port)>> = HashMap::new();
    for service in context.project.services.values() {
        if service
            .network_mode
            .as_ref()
            .is_some_and(|mode| mode.value == "host")
        {
            continue;
        }
        for port in &service.ports {
            let Some(published) = &port.published else {
                continue;
            };
            // A host range lets Docker pick a free port in it.
            if published.value.is_empty() || published.value.contains('-') {
                continue;
            }
            let key = (published.value.as_str(), port.protocol.value.as_str());
            let earlier = seen.entry(key).or_default();
            if let Some((first, first_port)) =
                earlier.iter().find(|(_, other)| same_address(other, port))
            {
                let (number, protocol) = key;
                let other = &first.name;
                let message = if first.name == service.name {
                    msg!(
                        "host port {number}/{protocol} is published twice by this service: \
                         Docker binds a host port once, so the container fails to start \
                         (\"port is already allocated\"); publish another host port",
                        "le port de l'hôte {number}/{protocol} est publié deux fois par ce \
                         service : Docker ne lie un port de l'hôte qu'une fois, donc le \
                         conteneur ne démarre pas (« port is already allocated ») ; publiez un \
                         autre port de l'hôte",
                    )
                } else {
                    msg!(
                        "host port {number}/{protocol} is already published by service \
                         {other:?}: Docker binds a host port once, so the second container \
                         fails to start (\"port is already allocated\"); publish another host \
                         port",
                        "le port de l'hôte {number}/{protocol} est déjà publié par le service \
                         {other:?} : Docker ne lie un port de l'hôte qu'une fois, donc le \
                         second conteneur ne démarre pas (« port is already allocated ») ; \
                         publiez un autre port de l'hôte",
                    )
                };
                let first_at = first_port
                    .published
                    .as_ref()
                    .map_or(&first_port.origin, |published| &published.origin);
                let label = context.source(first_at.file).cloned();
                let finding = context.report(report, &published.origin, message);
                if let Some(label) = label {
                    finding.label(
                        &label,
                        first_at.range,
                        msg!("first published here", "publié une première fois ici"),
                    );
                }
                continue;
            }
            earlier.push((service, port));
        }
    }
}

/// Whether two ports bind a common host address: the same one, or all addresses.
fn same_address(a: &Port, b: &Port) -> bool {
    match (specific_address(a), specific_address(b)) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// The host address a port is bound to, `None` for all addresses.
fn specific_address(port: &Port) -> Option<&str> {
    port.host_ip
        .as_ref()
        .map(|ip| ip.value.as_str())
        .filter(|ip| !matches!(*ip, "0.0.0.0" | "::" | "[::]"))
}
