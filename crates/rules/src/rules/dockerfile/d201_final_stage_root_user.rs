//! `D201 final-stage-root-user`: the image the build produces runs as root.

use berth_parser::dockerfile::Keyword;
use berth_parser::dockerfile::model::{Base, Stage, User, UserState};
use berth_parser::{Message, TextRange, msg};

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D201",
        name: "final-stage-root-user",
        kind: FileKind::Dockerfile,
        category: Category::Security,
        severity: Severity::Warning,
        prod_severity: Some(Severity::Error),
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[
            Equivalent::Hadolint("DL3002"),
            Equivalent::Trivy("DS002"),
            Equivalent::Checkov("CKV_DOCKER_3"),
            Equivalent::Checkov("CKV_DOCKER_8"),
            Equivalent::Cis("4.1"),
        ],
        chapter: Some("05"),
        docs: RuleDocs {
            summary: Text {
                en: "The final stage runs as root: it sets no USER (nor do the stages it is built \
FROM), or its last USER is `root` or `0`.",
                fr: "L'étape finale s'exécute en root : elle ne définit aucun USER (pas plus que les \
étapes dont elle part), ou son dernier USER est `root` ou `0`.",
            },
            why: Text {
                en: "A container runs as the image's last USER, and as root when there is none. \
Root in a container is root on the files it mounts and, in any escape through a kernel or \
runtime flaw, root on the host; an attacker who takes over the application gets all of it. \
Create an unprivileged user, give it only the files it must write, and end the final stage \
with `USER` (chapter 05, the Dockerfile: a non-root USER; chapter 02 and 08, least privilege \
at run time). Build stages may run as root: only the image that runs counts, and an image that starts as \
root only to step down to another user with `gosu` or `su-exec` (installed in it, or run by its \
ENTRYPOINT or CMD) is not reported. berth cannot see the base image's own USER: images such as \
distroless `:nonroot` already run unprivileged; suppress the finding with a reason for \
those.",
                fr: "Un conteneur s'exécute sous le dernier USER de l'image, et en root s'il n'y en \
a aucun. Root dans un conteneur est root sur les fichiers qu'il monte et, lors d'une évasion \
par une faille du noyau ou du runtime, root sur l'hôte ; un attaquant qui prend la main sur \
l'application obtient tout cela. Créez un utilisateur sans privilège, donnez-lui seulement les \
fichiers qu'il doit écrire, et terminez l'étape finale par `USER` (chapitre 05, le Dockerfile : \
un USER non root ; chapitres 02 et 08, moindre privilège à l'exécution). Les étapes de \
construction peuvent tourner en root : seule compte l'image qui s'exécute, et une image qui \
démarre en root seulement pour passer à un autre utilisateur avec `gosu` ou `su-exec` \
(installé dans l'image, ou lancé par son ENTRYPOINT ou son CMD) n'est pas signalée. berth ne \
voit pas le USER propre à l'image de base : des images comme distroless `:nonroot` tournent \
déjà sans privilège ; pour celles-là, supprimez le signalement en donnant la raison.",
            },
            example: "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD [\"python\", \"app.py\"]\n",
            use_instead: "FROM python:3.12-slim\nRUN useradd --system --uid 10001 app\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER app\nCMD [\"python\", \"app.py\"]\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Dockerfile(check),
    options: None,
};

/// Programs that start a command as another user. An image that runs one in its ENTRYPOINT or
/// CMD, or installs one, starts as root only to step down in its entrypoint (the pattern of
/// the official database images: `exec gosu redis "$@"`).
const STEP_DOWN_PROGRAMS: [&str; 6] = [
    "gosu",
    "su-exec",
    "setpriv",
    "s6-setuidgid",
    "chpst",
    "runuser",
];

/// The step-down programs that are installed on purpose (`apk add su-exec`, a `gosu` release
/// downloaded): other ones come with the base system.
const INSTALLED_STEP_DOWN: [&str; 2] = ["gosu", "su-exec"];

fn check(context: &DockerfileContext, report: &mut Reporter) {
    let model = context.model;
    let Some(stage) = model.final_stage() else {
        return;
    };
    if steps_down(context, stage) {
        return;
    }
    let (stage_en, stage_fr) = describe(stage);
    match model.stage_user(stage.index) {
        UserState::Set(user) => {
            if user.is_root() == Some(true) {
                report_root_user(context, report, stage, user);
            }
        }
        UserState::Root => {
            // A scratch image with neither ENTRYPOINT nor CMD cannot be run: it carries files
            // for `docker build --output` or other images.
            if model.entrypoint(stage.index).is_none() && model.cmd(stage.index).is_none() {
                return;
            }
            report
                .push(
                    from_keyword(context, stage),
                    msg!(
                        "{stage_en} starts from `scratch` and sets no USER, so its process runs \
                         as root (uid 0): end it with `USER <uid>:<gid>` (a numeric id needs no \
                         /etc/passwd)",
                        "{stage_fr} part de `scratch` et ne définit aucun USER, donc son \
                         processus tourne en root (uid 0) : terminez-la par `USER <uid>:<gid>` \
                         (un identifiant numérique n'a pas besoin de /etc/passwd)",
                    ),
                )
                .help(msg!(
                    "files the process writes must belong to that id: `COPY \
                     --chown=65532:65532 ...`",
                    "les fichiers que le processus écrit doivent appartenir à cet identifiant : \
                     `COPY --chown=65532:65532 ...`",
                ));
        }
        UserState::BaseImage => {
            let root = model.root(stage.index).unwrap_or(stage);
            if runs_unprivileged(root) {
                return;
            }
            let finding = report.push(
                from_keyword(context, stage),
                msg!(
                    "{stage_en} sets no USER, so the container runs as its base image's user, \
                     root for most images: create an unprivileged user and end the stage with \
                     `USER <name>`",
                    "{stage_fr} ne définit aucun USER, donc le conteneur tourne sous \
                     l'utilisateur de son image de base, root pour la plupart des images : créez \
                     un utilisateur sans privilège et terminez l'étape par `USER <nom>`",
                ),
            );
            let finding = match (root.index != stage.index, &root.image) {
                (true, Some(image)) => {
                    let shown = &image.value;
                    finding.label(
                        context.file,
                        image.range,
                        msg!(
                            "the final stage is built on `{shown}`, through the stages it starts \
                             FROM, none of which sets a USER",
                            "l'étape finale est construite sur `{shown}`, par les étapes dont elle \
                             part, dont aucune ne définit de USER"
                        ),
                    )
                }
                _ => finding,
            };
            finding.help(help());
        }
    }
}

/// The last USER of the final stage, or of a stage it is built FROM, is root.
fn report_root_user(
    context: &DockerfileContext,
    report: &mut Reporter,
    stage: &Stage,
    user: &User,
) {
    let (stage_en, stage_fr) = describe(stage);
    let value = &user.value.value;
    let inherited = !stage.instructions.contains(&user.instruction);
    let message = if inherited {
        let from = context
            .model
            .stage_of(user.instruction)
            .map_or_else(String::new, Stage::display_name);
        msg!(
            "{stage_en} runs as root: the last USER it inherits, from stage `{from}`, is \
             `{value}`; end the final stage with an unprivileged `USER`",
            "{stage_fr} tourne en root : le dernier USER dont elle hérite, de l'étape \
             `{from}`, est `{value}` ; terminez l'étape finale par un `USER` sans privilège",
        )
    } else {
        msg!(
            "{stage_en} runs as root: its last USER is `{value}`, so a flaw in the application \
             gives an attacker root's rights; switch back to an unprivileged user before the \
             end (`USER app`)",
            "{stage_fr} tourne en root : son dernier USER est `{value}`, donc une faille de \
             l'application donne à un attaquant les droits de root ; revenez à un utilisateur \
             sans privilège avant la fin (`USER app`)",
        )
    };
    let label = if inherited {
        msg!(
            "the final stage, which sets no USER of its own",
            "l'étape finale, qui ne définit pas de USER elle-même"
        )
    } else {
        msg!(
            "the final stage: the image that runs",
            "l'étape finale : l'image qui s'exécute"
        )
    };
    report
        .push(user.user_range, message)
        .label(context.file, stage_range(context, stage), label)
        .help(help());
}

/// Whether the final image starts as root only to step down: its ENTRYPOINT or CMD runs a
/// step-down program, or a RUN of its stages installs or runs one (the entrypoint script
/// berth cannot read then uses it).
fn steps_down(context: &DockerfileContext, stage: &Stage) -> bool {
    let model = context.model;
    let starts_with_one = [model.entrypoint(stage.index), model.cmd(stage.index)]
        .into_iter()
        .flatten()
        .filter_map(|instruction| context.shell(instruction))
        .any(|view| {
            view.commands_named_any(&STEP_DOWN_PROGRAMS)
                .next()
                .is_some()
        });
    starts_with_one
        || model
            .ancestors(stage.index)
            .flat_map(|stage| stage.instructions.clone())
            .filter(|&index| {
                context
                    .dockerfile
                    .instructions
                    .get(index)
                    .is_some_and(|instruction| instruction.keyword == Keyword::Run)
            })
            .filter_map(|index| context.shell(index))
            .flat_map(|view| view.valid_commands())
            .any(|command| {
                command
                    .program()
                    .is_some_and(|program| STEP_DOWN_PROGRAMS.contains(&program))
                    || command.args.iter().any(|arg| {
                        INSTALLED_STEP_DOWN
                            .iter()
                            .any(|program| arg.text.contains(program))
                    })
            })
}

/// Whether the base image says in its tag that it runs unprivileged (distroless `:nonroot`,
/// `:debug-nonroot`).
fn runs_unprivileged(root: &Stage) -> bool {
    match &root.base {
        Base::Image(image) => image
            .reference
            .tag()
            .is_some_and(|tag| tag.contains("nonroot")),
        _ => false,
    }
}

/// The final stage as messages name it, in English and French: "the final stage `runtime`",
/// or "the final stage" when it has no name.
fn describe(stage: &Stage) -> (String, String) {
    match &stage.name {
        Some(name) => (
            format!("the final stage `{}`", name.name),
            format!("l'étape finale `{}`", name.name),
        ),
        None => ("the final stage".to_owned(), "l'étape finale".to_owned()),
    }
}

/// The FROM keyword of a stage: where "this stage" starts.
fn from_keyword(context: &DockerfileContext, stage: &Stage) -> TextRange {
    context
        .dockerfile
        .instructions
        .get(stage.from)
        .map_or(TextRange::empty(0), |from| from.keyword_range)
}

/// Where the final stage is named, or its FROM.
fn stage_range(context: &DockerfileContext, stage: &Stage) -> TextRange {
    match &stage.name {
        Some(name) => name.range,
        None => from_keyword(context, stage),
    }
}

fn help() -> Message {
    msg!(
        "a base image may set its own USER (distroless `:nonroot`, many Bitnami images), which \
         berth cannot see; if yours does, suppress this finding with the reason",
        "une image de base peut définir son propre USER (distroless `:nonroot`, beaucoup \
         d'images Bitnami), que berth ne voit pas ; si c'est le cas de la vôtre, supprimez ce \
         signalement en donnant la raison",
    )
}
