//! `H003 ignored-host-setting`: a setting of daemon.json or config.json that dockerd or the
//! docker CLI reads past without using.

use berth_parser::host::Effect;

use crate::context::HostContext;
use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::reporter::Reporter;
use crate::{Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "H003",
        name: "ignored-host-setting",
        kind: FileKind::Host,
        category: Category::Correctness,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::Sometimes,
        equivalents: &[],
        chapter: Some("00"),
        docs: RuleDocs {
            summary: Text {
                en: "A setting of daemon.json or config.json that has no effect: a key the tool ignores, a deprecated option, or a value another setting overrides.",
                fr: "Un réglage de daemon.json ou de config.json sans effet : une clé que l'outil ignore, une option obsolète, ou une valeur qu'un autre réglage remplace.",
            },
            why: Text {
                en: "A setting that is silently ignored is a setting the author believes in and the host does not have. The docker CLI drops the keys of config.json it does not know (`credStore` for `credsStore` leaves passwords in the file); dockerd drops the nested keys it does not know, an overlapping address pool, the `http://` of an insecure registry, and `tls: false` once `tlsverify` is set; the CLI never uses an `auth` a credential helper replaces, though the secret stays readable in the file. Chapter 00 of the course configures the engine and the client: make each line of the file do what it says, or delete it.",
                fr: "Un réglage ignoré en silence est un réglage auquel l'auteur croit et que l'hôte n'a pas. La CLI docker abandonne les clés de config.json qu'elle ne connaît pas (`credStore` au lieu de `credsStore` laisse les mots de passe dans le fichier) ; dockerd abandonne les clés imbriquées qu'il ne connaît pas, un groupe d'adresses qui en chevauche un autre, le `http://` d'un registre non sécurisé, et `tls: false` dès que `tlsverify` est défini ; la CLI n'utilise jamais une `auth` qu'un assistant d'identifiants remplace, même si le secret reste lisible dans le fichier. Le chapitre 00 du cours configure le moteur et le client : que chaque ligne du fichier fasse ce qu'elle dit, ou supprimez-la.",
            },
            example: "{\n  \"insecure-registries\": [\"http://registry.lab:5000\"],\n  \"default-address-pools\": [\n    { \"base\": \"10.10.0.0/16\", \"size\": 24 },\n    { \"base\": \"10.10.8.0/22\", \"size\": 26 }\n  ]\n}\n",
            use_instead: "{\n  \"insecure-registries\": [\"registry.lab:5000\"],\n  \"default-address-pools\": [\n    { \"base\": \"10.10.0.0/16\", \"size\": 24 },\n    { \"base\": \"10.20.0.0/16\", \"size\": 26 }\n  ]\n}\n",
            fix: Text {
                en: "Replaces a misspelt key with the one \"did you mean\" found (`credStore` becomes `credsStore`). The fix is unsafe: the setting then takes effect.",
                fr: "Remplace une clé mal orthographiée par celle que « vouliez-vous dire » a trouvée (`credStore` devient `credsStore`). Le correctif n'est pas sûr : le réglage prend alors effet.",
            },
        },
    },
    check: Check::Host(check),
    options: None,
};

fn check(context: &HostContext, report: &mut Reporter) {
    super::report_problems(context, report, Effect::Ignored);
}
