//! `C201 privileged-container`: a service run with `privileged: true`.

use berth_parser::msg;

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{ComposeContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C201",
        name: "privileged-container",
        kind: FileKind::Compose,
        category: Category::Security,
        severity: Severity::Warning,
        prod_severity: Some(Severity::Error),
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[Equivalent::Cis("5.5")],
        chapter: Some("08"),
        docs: RuleDocs {
            summary: Text {
                en: "A service runs with `privileged: true`.",
                fr: "Un service s'exécute avec `privileged: true`.",
            },
            why: Text {
                en: "A privileged container gets every Linux capability, every device of the host, \
and no seccomp, AppArmor or SELinux confinement: root in it is root on the host, and any flaw \
in the application becomes a way out of the container. Almost nothing needs it: grant the one \
capability (`cap_add`) or device (`devices`) the service uses, and keep the rest of the \
confinement (chapter 02, least privilege; chapter 08, security and hardening).",
                fr: "Un conteneur privilégié reçoit toutes les capacités Linux, tous les \
périphériques de l'hôte, et aucun confinement seccomp, AppArmor ou SELinux : root dans le \
conteneur est root sur l'hôte, et toute faille de l'application devient une porte de sortie du \
conteneur. Presque rien n'en a besoin : accordez la seule capacité (`cap_add`) ou le seul \
périphérique (`devices`) dont le service se sert, et gardez le reste du confinement (chapitre \
02, moindre privilège ; chapitre 08, sécurité et durcissement).",
            },
            example: "services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    privileged: true\n",
            use_instead: "services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    cap_add: [NET_ADMIN]\n    devices:\n      - /dev/net/tun:/dev/net/tun\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(check),
    options: None,
};

fn check(context: &ComposeContext, report: &mut Reporter) {
    for service in context.project.all_services() {
        let Some(privileged) = service.privileged.as_ref().filter(|value| value.value) else {
            continue;
        };
        let name = &service.name;
        context
            .report(
                report,
                &privileged.origin,
                msg!(
                    "service {name:?} runs privileged: it gets every capability and device of \
                     the host, so root in it is root on the host; grant only what it needs with \
                     `cap_add` and `devices`",
                    "le service {name:?} s'exécute en mode privilégié : il reçoit toutes les \
                     capacités et tous les périphériques de l'hôte, donc root dans le conteneur \
                     est root sur l'hôte ; n'accordez que ce dont il a besoin avec `cap_add` et \
                     `devices`",
                ),
            )
            .help(msg!(
                "start it without `privileged`: its error usually says which capability or \
                 device is missing",
                "démarrez-le sans `privileged` : son erreur dit en général quelle capacité ou \
                 quel périphérique manque",
            ));
    }
}
