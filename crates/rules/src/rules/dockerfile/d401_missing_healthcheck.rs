//! `D401 missing-healthcheck`: an image that serves a port and has no HEALTHCHECK.

use berth_parser::dockerfile::model::Stage;
use berth_parser::dockerfile::{Arguments, Keyword};
use berth_parser::{TextRange, msg};

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D401",
        name: "missing-healthcheck",
        kind: FileKind::Dockerfile,
        category: Category::Operability,
        severity: Severity::Info,
        prod_severity: Some(Severity::Warning),
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[
            Equivalent::Hadolint("DL3057"),
            Equivalent::Trivy("DS026"),
            Equivalent::Checkov("CKV_DOCKER_2"),
            Equivalent::Cis("4.6"),
        ],
        chapter: Some("02"),
        docs: RuleDocs {
            summary: Text {
                en: "The image serves a port (EXPOSE) but has no HEALTHCHECK.",
                fr: "L'image sert un port (EXPOSE) mais n'a pas de HEALTHCHECK.",
            },
            why: Text {
                en: "Without a healthcheck, Docker only knows whether the main process is alive: \
a server that hangs, deadlocks or has lost its database stays `running`, Compose's \
`depends_on: condition: service_healthy` cannot wait for it, and orchestrators keep sending it \
traffic. A HEALTHCHECK that probes the service (an HTTP endpoint, `pg_isready`...) gives the \
container the states `starting`, `healthy` and `unhealthy` that `docker ps`, Compose and Swarm \
act on (chapter 02, healthchecks). berth reports the final stage when it, or a stage it is \
built FROM, EXPOSEs a port and none of them has a HEALTHCHECK. `HEALTHCHECK NONE` is an \
explicit choice and is not reported. berth cannot see a HEALTHCHECK the base image defines: \
suppress the finding with that reason if so.",
                fr: "Sans healthcheck, Docker sait seulement si le processus principal est \
vivant : un serveur bloqué, en interblocage ou qui a perdu sa base de données reste `running`, \
le `depends_on: condition: service_healthy` de Compose ne peut pas l'attendre, et les \
orchestrateurs continuent de lui envoyer du trafic. Un HEALTHCHECK qui sonde le service (un \
point d'accès HTTP, `pg_isready`...) donne au conteneur les états `starting`, `healthy` et \
`unhealthy` sur lesquels `docker ps`, Compose et Swarm s'appuient (chapitre 02, healthchecks). \
berth signale le dernier stage quand lui, ou un stage dont il part (FROM), expose un port avec \
EXPOSE et qu'aucun d'eux n'a de HEALTHCHECK. `HEALTHCHECK NONE` est un choix explicite et n'est \
pas signalé. berth ne voit pas un HEALTHCHECK défini par l'image de base : dans ce cas, \
supprimez le signalement en donnant cette raison.",
            },
            example: "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nCMD [\"node\", \"server.js\"]\n",
            use_instead: "FROM node:22-alpine\nWORKDIR /app\nCOPY . .\nEXPOSE 3000\nHEALTHCHECK --interval=30s --timeout=3s --start-period=10s \\\n  CMD wget -q --spider http://localhost:3000/health || exit 1\nCMD [\"node\", \"server.js\"]\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Dockerfile(check),
    options: None,
};

fn check(context: &DockerfileContext, report: &mut Reporter) {
    let model = context.model;
    let Some(image) = model.final_stage() else {
        return;
    };
    if model.healthcheck(image.index).is_some() {
        return;
    }
    // The EXPOSE nearest to the end of the image: the final stage's own, else the one of the
    // closest stage it is built from.
    let Some(port) = model
        .ancestors(image.index)
        .find_map(|stage| exposed_port(context, stage))
    else {
        return;
    };
    let Some(from) = context.dockerfile.instructions.get(image.from) else {
        return;
    };
    let exposed = port.text;
    let probed = port
        .number
        .map_or_else(|| "PORT".to_owned(), |number| number.to_string());
    report
        .push(
            from.range,
            msg!(
                "the image serves port {exposed} but has no HEALTHCHECK: Docker cannot tell a \
                 hung server from a healthy one, and `condition: service_healthy` cannot wait \
                 for it; add a HEALTHCHECK that probes the service",
                "l'image sert le port {exposed} mais n'a pas de HEALTHCHECK : Docker ne \
                 distingue pas un serveur bloqué d'un serveur en bonne santé, et \
                 `condition: service_healthy` ne peut pas l'attendre ; ajoutez un HEALTHCHECK \
                 qui sonde le service",
            ),
        )
        .label(
            context.file,
            port.range,
            msg!(
                "port {exposed} is exposed here",
                "le port {exposed} est exposé ici"
            ),
        )
        .help(msg!(
            "for example `HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider \
             http://localhost:{probed}/ || exit 1`; if the base image already defines one, \
             which berth cannot see, suppress this finding with that reason",
            "par exemple `HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider \
             http://localhost:{probed}/ || exit 1` ; si l'image de base en définit déjà un, ce \
             que berth ne peut pas voir, supprimez ce signalement en donnant cette raison",
        ));
}

/// A port an EXPOSE of a stage publishes, for the message.
struct ExposedPort<'a> {
    /// The port as expanded (`8080/tcp`), or as written when berth cannot expand it.
    text: &'a str,
    range: TextRange,
    /// The TCP port number, to suggest a probe.
    number: Option<i64>,
}

/// The first port `stage` EXPOSEs. An EXPOSE whose value berth cannot know (`EXPOSE $PORT`
/// with PORT set by the base image) has no port in the model but still makes the image serve.
fn exposed_port<'a>(context: &DockerfileContext<'a>, stage: &'a Stage) -> Option<ExposedPort<'a>> {
    if let Some(port) = stage.ports.first() {
        let text = if port.known && !port.text.is_empty() {
            port.text.as_str()
        } else {
            context.file.slice(port.range)
        };
        let number = port.port.start.filter(|_| port.port.protocol == "tcp");
        return Some(ExposedPort {
            text,
            range: port.range,
            number,
        });
    }
    let instructions = context
        .dockerfile
        .instructions
        .get(stage.instructions.clone())?;
    instructions
        .iter()
        .filter(|instruction| instruction.keyword == Keyword::Expose)
        .find_map(|instruction| match &instruction.args {
            Arguments::Words(words) => words.words().first(),
            _ => None,
        })
        .map(|word| ExposedPort {
            text: context.file.slice(word.range),
            range: word.range,
            number: None,
        })
}
