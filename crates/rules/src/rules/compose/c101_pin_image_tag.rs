//! `C101 pin-image-tag`: a service image without a tag, or tagged `latest`.

use berth_parser::compose::interpolated::Interpolated;
use berth_parser::compose::options::EnvSource;
use berth_parser::compose::{Located, Service};
use berth_parser::image::parse_image_ref;
use berth_parser::{TextRange, msg};

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{ComposeContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C101",
        name: "pin-image-tag",
        kind: FileKind::Compose,
        category: Category::Reproducibility,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[
            Equivalent::Dclint("service-image-require-explicit-tag"),
            Equivalent::Cis("5.28"),
        ],
        chapter: Some("01"),
        docs: RuleDocs {
            summary: Text {
                en: "A service `image` without a tag, or with the `latest` tag, once variables are \
replaced.",
                fr: "Une `image` de service sans tag, ou avec le tag `latest`, une fois les \
variables remplacées.",
            },
            why: Text {
                en: "An image without a tag is `latest`, and `latest` is only the last image pushed: \
it changes without notice, so the same Compose file starts other software from one day to the \
next, a teammate runs something else than you, and a rollback has nothing to go back to. Pin a \
version tag (`postgres:16.4`), or a digest (`postgres@sha256:...`) where every byte must be the \
same (chapter 01, images: naming, tags and pinning). A service that builds its image (`build:`) \
names its own output and is not reported.",
                fr: "Une image sans tag est `latest`, et `latest` n'est que la dernière image \
poussée : elle change sans prévenir, si bien que le même fichier Compose démarre un autre \
logiciel d'un jour à l'autre, qu'un collègue exécute autre chose que vous, et qu'un retour \
arrière n'a rien vers quoi revenir. Fixez un tag de version (`postgres:16.4`), ou un digest \
(`postgres@sha256:...`) là où chaque octet doit être identique (chapitre 01, images : nommage, \
tags et épinglage). Un service qui construit son image (`build:`) nomme sa propre sortie et \
n'est pas signalé.",
            },
            example: "services:\n  db:\n    image: postgres\n  cache:\n    image: redis:${REDIS_TAG:-latest}\n",
            use_instead: "services:\n  db:\n    image: postgres:16.4\n  cache:\n    image: redis:${REDIS_TAG:-7.4}\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(check),
    options: None,
};

fn check(context: &ComposeContext, report: &mut Reporter) {
    for service in context.project.all_services() {
        check_service(context, service, report);
    }
}

fn check_service(context: &ComposeContext, service: &Service, report: &mut Reporter) {
    // A built image is named by the build; its tag says what to call the result.
    if service.build.is_some() {
        return;
    }
    let Some(image) = &service.image else {
        return;
    };
    let (reference, errors) = parse_image_ref(&image.value);
    // An invalid or empty reference is `invalid-compose-file`'s.
    if !errors.is_empty() || image.value.is_empty() || reference.has_digest() {
        return;
    }
    let shown = &image.value;
    let interpolated = context
        .project
        .interpolation(image.origin.file, image.origin.range);
    match reference.tag() {
        None => {
            let name = reference.familiar_name();
            context
                .report(
                    report,
                    &image.origin,
                    msg!(
                        "image `{shown}` has no tag, so Docker pulls `latest`, whatever was \
                         pushed last: pin a version tag (`{name}:<version>`) or a digest",
                        "l'image `{shown}` n'a pas de tag, donc Docker tire `latest`, la \
                         dernière poussée : fixez un tag de version (`{name}:<version>`) ou un \
                         digest",
                    ),
                )
                .help(help());
        }
        Some("latest") => {
            let Some(tag) = reference.tag_range() else {
                return;
            };
            report_latest(context, report, image, tag, interpolated);
        }
        Some(_) => {}
    }
}

/// Reports `latest` where it is written: in the value, in the default of a variable, or at a
/// variable whose value (from `.env` or the environment) it is.
fn report_latest(
    context: &ComposeContext,
    report: &mut Reporter,
    image: &Located<String>,
    tag: TextRange,
    interpolated: Option<&Interpolated>,
) {
    let shown = &image.value;
    let written_latest = |at: TextRange| {
        (
            at,
            msg!(
                "image `{shown}` uses the `latest` tag, which moves with every push: pin a \
                 version tag or a digest",
                "l'image `{shown}` utilise le tag `latest`, qui bouge à chaque publication : \
                 fixez un tag de version ou un digest",
            ),
        )
    };
    let Some(interpolated) = interpolated else {
        let (at, message) = written_latest(context.part_range(&image.origin, shown, tag));
        context
            .report_at(report, &image.origin, at, message)
            .help(help());
        return;
    };
    let Some(source) = context.source(image.origin.file) else {
        return;
    };
    let written = source.slice(image.origin.range);
    let base = image.origin.range.start;
    let in_variables = |offset: u32| {
        interpolated
            .variables
            .iter()
            .any(|variable| variable.range.contains(base + offset))
    };
    // Where `latest` is written: in the value itself, outside any variable; else in the
    // default a variable falls back to; else in the value a variable is given (with where it
    // is set); else the whole value.
    let mut set_at = None;
    let (at, message) = if let Some(offset) = written
        .match_indices("latest")
        .map(|(offset, _)| offset as u32)
        .find(|&offset| !in_variables(offset))
    {
        written_latest(TextRange::at(base + offset, 6))
    } else if let Some((variable, offset)) = interpolated.variables.iter().find_map(|variable| {
        let default_used = variable.value.as_deref().is_none_or(str::is_empty);
        let offset = source.slice(variable.range).rfind("latest")?;
        default_used.then_some((variable, offset as u32))
    }) {
        let name = &variable.name;
        (
            TextRange::at(variable.range.start + offset, 6),
            msg!(
                "image `{shown}` uses the `latest` tag, the default of `${{{name}}}`, which \
                 moves with every push: give a version tag as the default",
                "l'image `{shown}` utilise le tag `latest`, la valeur par défaut de \
                 `${{{name}}}`, qui bouge à chaque publication : donnez un tag de version \
                 par défaut",
            ),
        )
    } else if let Some(variable) = interpolated.variables.iter().find(|variable| {
        variable
            .value
            .as_deref()
            .is_some_and(|value| value.contains("latest"))
    }) {
        let name = &variable.name;
        if let Some(EnvSource::File { file, range }) = &variable.source {
            set_at = Some((*file, *range, name));
        }
        (
            variable.range,
            msg!(
                "image `{shown}` uses the `latest` tag, from the value of `${{{name}}}`, \
                 which moves with every push: set it to a version tag",
                "l'image `{shown}` utilise le tag `latest`, venu de la valeur de \
                 `${{{name}}}`, qui bouge à chaque publication : donnez-lui un tag de \
                 version",
            ),
        )
    } else {
        written_latest(image.origin.range)
    };
    let finding = context
        .report_at(report, &image.origin, at, message)
        .help(help());
    if let Some((file, range, name)) = set_at
        && let Some(env_file) = context.source(file)
    {
        finding.label(
            env_file,
            range,
            msg!("`{name}` is set here", "`{name}` est défini ici"),
        );
    }
}

fn help() -> berth_parser::Message {
    msg!(
        "the registry lists the version tags (on Docker Hub, the image's Tags tab); in \
         production, a digest (`@sha256:...`) pins every byte",
        "le registre liste les tags de version (sur Docker Hub, l'onglet Tags de l'image) ; en \
         production, un digest (`@sha256:...`) fixe chaque octet",
    )
}
