//! `H002 invalid-host-config`: what dockerd or the docker CLI refuses in a daemon.json or a
//! config.json that is valid JSON.

use berth_parser::host::Effect;

use crate::context::HostContext;
use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::reporter::Reporter;
use crate::{Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "H002",
        name: "invalid-host-config",
        kind: FileKind::Host,
        category: Category::Correctness,
        severity: Severity::Error,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::Sometimes,
        equivalents: &[],
        chapter: Some("00"),
        docs: RuleDocs {
            summary: Text {
                en: "A setting of daemon.json or config.json that dockerd or the docker CLI refuses: an unknown key, a wrong type, an invalid value, or settings that cannot go together.",
                fr: "Un réglage de daemon.json ou de config.json que dockerd ou la CLI docker refuse : une clé inconnue, un mauvais type, une valeur invalide, ou des réglages incompatibles.",
            },
            why: Text {
                en: "dockerd reads daemon.json only when it starts, and refuses to start on an unknown key (\"the following directives don't match any configuration option\"), a subnet it cannot read in `bip` or `default-address-pools`, an address pool smaller than its networks, a socket it cannot serve, `icc: false` with `iptables: false`, and the like: every container of the host stays down until someone reads the daemon's log. Some values pass at startup and fail later, when each container starts: an unreadable `max-size` in `log-opts`, a soft ulimit above its hard one. The docker CLI refuses a config.json whose types are wrong or whose `auth` does not decode, warns, and may rewrite it without its other settings at the next `docker login`. Chapter 00 of the course installs and configures the engine: check the file before restarting dockerd (`dockerd --validate`). A file alone cannot show one common refusal: a setting given both in the file and as a flag. The stock systemd unit starts `dockerd -H fd://`, so `hosts` in daemon.json keeps dockerd from starting until a drop-in clears `-H`.",
                fr: "dockerd ne lit daemon.json qu'au démarrage, et refuse de démarrer sur une clé inconnue (« the following directives don't match any configuration option »), un sous-réseau illisible dans `bip` ou `default-address-pools`, un groupe d'adresses plus petit que ses réseaux, un socket qu'il ne sait pas servir, `icc: false` avec `iptables: false`, etc. : tous les conteneurs de l'hôte restent arrêtés jusqu'à ce que quelqu'un lise le journal du démon. Certaines valeurs passent au démarrage et échouent plus tard, au lancement de chaque conteneur : un `max-size` illisible dans `log-opts`, une ulimit souple au-dessus de la dure. La CLI docker refuse un config.json aux types incorrects ou dont l'`auth` ne se décode pas, avertit, et risque de le réécrire sans ses autres réglages au prochain `docker login`. Le chapitre 00 du cours installe et configure le moteur : vérifiez le fichier avant de redémarrer dockerd (`dockerd --validate`). Un fichier seul ne révèle pas un refus courant : un réglage donné à la fois dans le fichier et en option. L'unité systemd fournie lance `dockerd -H fd://` : `hosts` dans daemon.json empêche donc dockerd de démarrer tant qu'un fichier de surcharge n'a pas retiré `-H`.",
            },
            example: "{\n  \"live-restor\": true,\n  \"bip\": \"172.26.0.1/33\",\n  \"log-opts\": { \"max-size\": \"10mbytes\" },\n  \"icc\": false,\n  \"iptables\": false\n}\n",
            use_instead: "{\n  \"live-restore\": true,\n  \"bip\": \"172.26.0.1/16\",\n  \"log-opts\": { \"max-size\": \"10m\", \"max-file\": \"3\" },\n  \"icc\": false\n}\n",
            fix: Text {
                en: "Replaces a misspelt key or value with the one \"did you mean\" found (`live-restor` becomes `live-restore`). The fix is unsafe: the corrected setting takes effect when dockerd restarts, which changes how the host behaves.",
                fr: "Remplace une clé ou une valeur mal orthographiée par celle que « vouliez-vous dire » a trouvée (`live-restor` devient `live-restore`). Le correctif n'est pas sûr : le réglage corrigé prend effet au redémarrage de dockerd, ce qui change le comportement de l'hôte.",
            },
        },
    },
    check: Check::Host(check),
    options: None,
};

fn check(context: &HostContext, report: &mut Reporter) {
    super::report_problems(context, report, Effect::Refused);
}
