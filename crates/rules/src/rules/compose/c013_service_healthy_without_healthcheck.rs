//! `C013 service-healthy-without-healthcheck`: `depends_on` with `condition: service_healthy`
//! on a service that has no healthcheck, which makes `docker compose up` fail.

use berth_parser::compose::healthcheck::HealthTestForm;
use berth_parser::compose::{Condition, Located, Origin, Service};
use berth_parser::dockerfile::{Arguments, HealthcheckKind};
use berth_parser::{Message, TextRange, msg};

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::parse::Model;
use crate::{ComposeContext, Reporter, Rule, RuleMeta, ServiceDockerfile, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C013",
        name: "service-healthy-without-healthcheck",
        kind: FileKind::Compose,
        category: Category::Correctness,
        severity: Severity::Error,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[],
        chapter: Some("06"),
        docs: RuleDocs {
            summary: Text {
                en: "A service waits with `condition: service_healthy` for a service that has no \
healthcheck.",
                fr: "Un service attend avec `condition: service_healthy` un service qui n'a pas de \
healthcheck.",
            },
            why: Text {
                en: "`condition: service_healthy` makes Compose start a service only once its \
dependency reports `healthy`, which only a healthcheck can do. When the dependency has none \
(neither a `healthcheck` test nor a HEALTHCHECK in its image, or a healthcheck turned off with \
`disable: true` or a test of `NONE`), `docker compose up` stops with \"container ... has no healthcheck configured\" and the stack \
does not start. Give the dependency a healthcheck that fails until it accepts connections \
(`pg_isready`, `mysqladmin ping`, `redis-cli ping`), or wait with `condition: service_started` \
if starting is enough (chapter 06, dependencies wait for health). When the dependency builds \
its image, berth reads the Dockerfile it builds (the `build.target` stage) and stays silent if \
it has a HEALTHCHECK; a service that only names an `image` is reported with a note, since \
berth cannot see a HEALTHCHECK inside a published image.",
                fr: "`condition: service_healthy` fait démarrer un service seulement quand sa \
dépendance se déclare `healthy`, ce que seul un healthcheck permet. Quand la dépendance n'en a \
pas (ni `test` de healthcheck ni HEALTHCHECK dans son image, ou un healthcheck désactivé par \
`disable: true` ou un test `NONE`), `docker compose up` s'arrête sur « container ... has no healthcheck configured » et la \
pile ne démarre pas. Donnez à la dépendance un healthcheck qui échoue tant qu'elle n'accepte pas \
de connexions (`pg_isready`, `mysqladmin ping`, `redis-cli ping`), ou attendez avec \
`condition: service_started` si le démarrage suffit (chapitre 06, attendre qu'une dépendance \
soit en bonne santé). Quand la dépendance construit son image, berth lit le Dockerfile qu'elle \
construit (le stage `build.target`) et ne dit rien s'il a un HEALTHCHECK ; un service qui ne \
nomme qu'une `image` est signalé avec une réserve, car berth ne voit pas le HEALTHCHECK d'une \
image publiée.",
            },
            example: "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n",
            use_instead: "services:\n  api:\n    image: ghcr.io/example/api:1.4.2\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n      interval: 5s\n      retries: 5\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(check),
    options: None,
};

/// Why a service has no healthcheck Compose can wait for.
enum Missing {
    /// Its `healthcheck` has `disable: true` or the test `NONE`, which also turns the image's
    /// off.
    Disabled { at: Origin },
    /// The stage its Dockerfile builds sets `HEALTHCHECK NONE`.
    NoneInDockerfile {
        dockerfile: ServiceDockerfile,
        at: TextRange,
    },
    /// Neither the service nor the Dockerfile it builds defines one; `at` is the FROM of the
    /// stage it builds.
    NotInDockerfile {
        dockerfile: ServiceDockerfile,
        at: TextRange,
    },
    /// The service only names an image (or builds from a Dockerfile berth cannot read): the
    /// image may have a HEALTHCHECK that berth cannot see.
    MaybeInImage,
}

fn check(context: &ComposeContext, report: &mut Reporter) {
    let project = context.project;
    for service in project.all_services() {
        for dependency in service.depends_on.values() {
            if dependency.implicit.is_some() || dependency.condition.value != Condition::Healthy {
                continue;
            }
            let Some(target) = project.any_service(&dependency.service.value) else {
                continue;
            };
            let Some(missing) = missing_healthcheck(context, target) else {
                continue;
            };
            report_missing(
                context,
                report,
                service,
                target,
                &dependency.condition.origin,
                missing,
            );
        }
    }
}

/// Why `service` has no healthcheck, or `None` when it has one (or when berth cannot tell:
/// its Dockerfile builds a stage that does not exist, its test is invalid).
fn missing_healthcheck(context: &ComposeContext, service: &Service) -> Option<Missing> {
    if let Some(healthcheck) = &service.healthcheck {
        if healthcheck.disable {
            let at = match &healthcheck.test {
                Some(test) if test.form == HealthTestForm::None => test.origin.clone(),
                _ => healthcheck.origin.clone(),
            };
            return Some(Missing::Disabled { at });
        }
        // A healthcheck without `test` only changes the timing of the image's.
        if healthcheck.test.is_some() {
            return None;
        }
    }
    if service.build.is_none() {
        return service.image.is_some().then_some(Missing::MaybeInImage);
    }
    let Some(dockerfile) = context.dockerfile(service) else {
        return Some(Missing::MaybeInImage);
    };
    let (turned_off, at) = stage_without_healthcheck(&dockerfile, dockerfile.target.as_ref())?;
    Some(if turned_off {
        Missing::NoneInDockerfile { dockerfile, at }
    } else {
        Missing::NotInDockerfile { dockerfile, at }
    })
}

/// Whether the stage `dockerfile` builds (`target`, else the last one) lacks a healthcheck:
/// `(true, the HEALTHCHECK NONE)` when it turns it off, `(false, its FROM)` when it has none.
/// `None` when it has one, or when the target is not a stage of the file.
fn stage_without_healthcheck(
    dockerfile: &ServiceDockerfile,
    target: Option<&Located<String>>,
) -> Option<(bool, TextRange)> {
    let Model::Dockerfile(parsed) = &dockerfile.file.parsed().model else {
        return None;
    };
    let model = &parsed.model;
    let stage = match target {
        Some(target) => model.stage_named(&target.value)?,
        None => model.final_stage()?,
    };
    let Some(index) = model.healthcheck(stage.index) else {
        return Some((false, parsed.tree.instructions.get(stage.from)?.range));
    };
    let instruction = parsed.tree.instructions.get(index)?;
    match &instruction.args {
        Arguments::Healthcheck(healthcheck) if healthcheck.kind == HealthcheckKind::None => {
            Some((true, instruction.range))
        }
        _ => None,
    }
}

fn report_missing(
    context: &ComposeContext,
    report: &mut Reporter,
    service: &Service,
    target: &Service,
    condition: &Origin,
    missing: Missing,
) {
    let waiting = &service.name;
    let name = &target.name;
    let why = match &missing {
        Missing::Disabled { .. } => msg!(
            "{name:?} disables its healthcheck",
            "{name:?} désactive son healthcheck"
        ),
        Missing::NoneInDockerfile { .. } => msg!(
            "{name:?} sets no healthcheck `test` and the image it builds sets `HEALTHCHECK NONE`",
            "{name:?} ne fixe pas de `test` de healthcheck et l'image qu'il construit fixe \
             `HEALTHCHECK NONE`"
        ),
        Missing::NotInDockerfile { .. } => msg!(
            "neither {name:?} nor the Dockerfile it builds defines a healthcheck",
            "ni {name:?} ni le Dockerfile qu'il construit ne définissent de healthcheck"
        ),
        Missing::MaybeInImage => msg!(
            "{name:?} sets no healthcheck `test` (unless its image has a HEALTHCHECK, which \
             berth cannot see)",
            "{name:?} ne fixe pas de `test` de healthcheck (à moins que son image ait un \
             HEALTHCHECK, ce que berth ne peut pas voir)"
        ),
    };
    let message = Message::new(
        format!(
            "{waiting:?} waits for {name:?} to be healthy, but {}: `docker compose up` stops \
             with \"container ... has no healthcheck configured\"; give {name:?} a healthcheck, or \
             wait with `condition: service_started`",
            why.en
        ),
        format!(
            "{waiting:?} attend que {name:?} soit en bonne santé, mais {} : `docker compose up` \
             s'arrête sur « container ... has no healthcheck configured » ; donnez un healthcheck \
             à {name:?}, ou attendez avec `condition: service_started`",
            why.fr
        ),
    );
    let mut finding = context.report(report, condition, message);
    if let Some(source) = context.source(target.key.file) {
        finding = finding.label(
            source,
            target.key.range,
            msg!("{name:?} is defined here", "{name:?} est défini ici"),
        );
    }
    finding = match &missing {
        Missing::Disabled { at } => match context.source(at.file) {
            Some(source) => finding.label(
                source,
                at.range,
                msg!(
                    "the healthcheck is disabled here",
                    "le healthcheck est désactivé ici"
                ),
            ),
            None => finding,
        },
        Missing::NoneInDockerfile { dockerfile, at } => dockerfile_label(
            context,
            finding,
            dockerfile,
            *at,
            msg!(
                "the image's healthcheck is turned off here",
                "le healthcheck de l'image est désactivé ici"
            ),
        ),
        Missing::NotInDockerfile { dockerfile, at } => dockerfile_label(
            context,
            finding,
            dockerfile,
            *at,
            msg!(
                "the image is built from this stage, which has no HEALTHCHECK",
                "l'image est construite à partir de ce stage, qui n'a pas de HEALTHCHECK"
            ),
        ),
        Missing::MaybeInImage => finding,
    };
    let help = match readiness_test(target) {
        Some(test) => msg!(
            "for example, under {name:?}: `healthcheck: {{test: {test}, interval: 5s, retries: 5}}`",
            "par exemple, sous {name:?} : `healthcheck: {{test: {test}, interval: 5s, retries: 5}}`",
        ),
        None => msg!(
            "for example, under {name:?}: `healthcheck: {{test: [\"CMD-SHELL\", \"<a command \
             that fails until the service is ready>\"], interval: 5s, retries: 5}}`",
            "par exemple, sous {name:?} : `healthcheck: {{test: [\"CMD-SHELL\", \"<une commande \
             qui échoue tant que le service n'est pas prêt>\"], interval: 5s, retries: 5}}`",
        ),
    };
    finding.help(help);
}

/// The usual readiness test of the well-known image a service runs, for the help.
fn readiness_test(service: &Service) -> Option<&'static str> {
    let image = service.image_ref.as_ref()?;
    let name = image.path().rsplit('/').next()?;
    Some(match name {
        "postgres" | "postgresql" | "postgis" => r#"["CMD-SHELL", "pg_isready -U postgres"]"#,
        "mysql" | "percona-server" => r#"["CMD", "mysqladmin", "ping", "-h", "localhost"]"#,
        "mariadb" => r#"["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]"#,
        "redis" => r#"["CMD", "redis-cli", "ping"]"#,
        "mongo" => r#"["CMD", "mongosh", "--quiet", "--eval", "db.runCommand({ping: 1})"]"#,
        "rabbitmq" => r#"["CMD", "rabbitmq-diagnostics", "-q", "ping"]"#,
        _ => return None,
    })
}

/// Adds a label at `at` in the Dockerfile a service builds; for a `dockerfile_inline`, whose
/// ranges are not in a file, at the place the Compose file writes it.
fn dockerfile_label<'r>(
    context: &ComposeContext,
    finding: crate::DiagnosticBuilder<'r>,
    dockerfile: &ServiceDockerfile,
    at: TextRange,
    message: Message,
) -> crate::DiagnosticBuilder<'r> {
    if !dockerfile.inline {
        return finding.label(&dockerfile.file.source, at, message);
    }
    match context.source(dockerfile.named_at.file) {
        Some(source) => finding.label(source, dockerfile.named_at.range, message),
        None => finding,
    }
}
