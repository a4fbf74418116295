//! `D002 copy-from-unknown-stage`: `COPY --from`, `RUN --mount=from=` or FROM naming a stage
//! that does not exist there, which BuildKit then pulls as an image.

use berth_parser::dockerfile::model::{CopyFrom, FromFlag, Stage};
use berth_parser::image::{ImageRef, parse_image_ref};
use berth_parser::{Message, TextRange, msg};

use super::stage_reference::{MeantStage, is_bare_name, stage_meant_by_from};
use crate::diagnostic::{Edit, Fix};
use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D002",
        name: "copy-from-unknown-stage",
        kind: FileKind::Dockerfile,
        category: Category::Correctness,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::Sometimes,
        equivalents: &[Equivalent::Hadolint("DL3022")],
        chapter: Some("05"),
        docs: RuleDocs {
            summary: Text {
                en: "`COPY --from`, `RUN --mount=from=` or FROM names a stage that does not exist \
there, so BuildKit pulls an image of that name instead.",
                fr: "`COPY --from`, `RUN --mount=from=` ou FROM nomme une étape qui n'existe pas à \
cet endroit, si bien que BuildKit tire à la place une image de ce nom.",
            },
            why: Text {
                en: "When `--from` names no stage, BuildKit does not fail: it reads the name as an \
image on Docker Hub (`builder` is `docker.io/library/builder:latest`) and pulls it. The build \
then fails on a missing image with a confusing message, or worse, copies files from somebody \
else's image of that name. The cause is usually a typo, or a stage used before it is defined: \
FROM only sees the stages above it. A multi-stage build copies only the build's results into \
the final image, so every `--from` must name a real earlier stage (chapter 05, multi-stage \
builds). To copy from an image on purpose, write it with a tag (`COPY --from=nginx:1.27 ...`); \
a named build context given with `--build-context` is not visible to berth.",
                fr: "Quand `--from` ne nomme aucune étape, BuildKit n'échoue pas : il lit le nom \
comme une image de Docker Hub (`builder` devient `docker.io/library/builder:latest`) et la tire. \
La construction échoue alors sur une image introuvable avec un message déroutant, ou pire, copie \
les fichiers d'une image de ce nom publiée par quelqu'un d'autre. La cause est en général une \
faute de frappe, ou une étape utilisée avant d'être définie : FROM ne voit que les étapes \
au-dessus de lui. Un build multi-stage ne copie que les résultats de la construction dans \
l'image finale, donc chaque `--from` doit nommer une vraie étape précédente (chapitre 05, builds \
multi-stage). Pour copier depuis une image volontairement, écrivez-la avec un tag (`COPY \
--from=nginx:1.27 ...`) ; un contexte de build nommé passé par `--build-context` est invisible \
pour berth.",
            },
            example: "FROM golang:1.23 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=buidler /out/app /usr/local/bin/app\n",
            use_instead: "FROM golang:1.23 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=builder /out/app /usr/local/bin/app\n",
            fix: Text {
                en: "When a stage defined earlier has a close name, the fix writes that name \
instead. It is unsafe: it changes what the instruction reads, from an image to the stage.",
                fr: "Quand une étape définie plus haut porte un nom proche, le correctif écrit ce \
nom à la place. Il n'est pas sûr : il change ce que lit l'instruction, d'une image à l'étape.",
            },
        },
    },
    check: Check::Dockerfile(check),
    options: None,
};

/// Where a stage name is read.
#[derive(Clone, Copy)]
enum Place {
    /// `COPY --from=`.
    Copy,
    /// `RUN --mount=from=`, which takes names only, not indices.
    Mount,
}

fn check(context: &DockerfileContext, report: &mut Reporter) {
    let model = context.model;
    for copy in model.copies() {
        if let Some(from) = &copy.from {
            check_from(context, report, from, copy.stage, Place::Copy);
        }
    }
    for mount in model.mounts() {
        if let (Some(from), Some(stage)) = (&mount.from, model.stage_of(mount.instruction)) {
            check_from(context, report, from, stage.index, Place::Mount);
        }
    }
    for stage in model.stages() {
        if let Some(meant) = stage_meant_by_from(model, stage) {
            report_from_line(context, report, stage, meant);
        }
    }
}

/// `--from=NAME` read as an image: reported when NAME is a bare name, which is what a stage
/// name looks like. A stage defined later, an index no stage has and an invalid name are
/// errors of `dockerfile-syntax-error` already.
fn check_from(
    context: &DockerfileContext,
    report: &mut Reporter,
    from: &FromFlag,
    stage: usize,
    place: Place,
) {
    let CopyFrom::Image(reference) = &from.target else {
        return;
    };
    // `scratch` is the empty image, not pulled.
    if !is_bare_name(reference) || reference.as_str() == "scratch" {
        return;
    }
    if !parse_image_ref(reference.as_str()).1.is_empty() {
        return;
    }
    let name = reference.as_str();
    let pulled = pulled(reference);
    let model = context.model;
    // `RUN --mount=from=0` means a stage by its index, which only COPY understands.
    let by_index = match place {
        Place::Mount => name.parse::<usize>().ok().filter(|&index| index < stage),
        Place::Copy => None,
    };
    if let Some(index) = by_index.and_then(|index| model.stage(index)) {
        let finding = report.push(
            from.range,
            msg!(
                "`RUN --mount` takes a stage's name in `from=`, not its index, so BuildKit \
                 mounts the image `{pulled}` instead of stage {name}",
                "`RUN --mount` attend le nom d'une étape dans `from=`, pas son index, donc \
                 BuildKit monte l'image `{pulled}` au lieu de l'étape {name}",
            ),
        );
        let finding = finding.label(
            context.file,
            stage_range(context, index),
            defined_here(index),
        );
        match &index.name {
            Some(stage_name) => {
                let stage_name = stage_name.name.as_str();
                finding
                    .help(msg!(
                        "write `from={stage_name}`",
                        "écrivez `from={stage_name}`"
                    ))
                    .fix(rename_fix(from.range, stage_name));
            }
            None => {
                finding.help(msg!(
                    "name the stage (`FROM ... AS build`) and write that name in `from=`",
                    "nommez l'étape (`FROM ... AS build`) et écrivez ce nom dans `from=`"
                ));
            }
        }
        return;
    }
    let flag = match place {
        Place::Copy => "--from",
        Place::Mount => "from=",
    };
    match model.similar_stage(name, stage) {
        Some(similar) => {
            let similar_name = similar.display_name();
            report
                .push(
                    from.range,
                    msg!(
                        "`{name}` names no stage of this Dockerfile, so BuildKit pulls the image \
                         `{pulled}` for `{flag}`; did you mean the stage `{similar_name}`?",
                        "`{name}` ne nomme aucune étape de ce Dockerfile, donc BuildKit tire \
                         l'image `{pulled}` pour `{flag}` ; vouliez-vous dire l'étape \
                         `{similar_name}` ?",
                    ),
                )
                .label(
                    context.file,
                    stage_range(context, similar),
                    defined_here(similar),
                )
                .help(help())
                .fix(rename_fix(from.range, &similar_name));
        }
        None => {
            report
                .push(
                    from.range,
                    msg!(
                        "`{name}` names no stage of this Dockerfile, so BuildKit pulls the image \
                         `{pulled}` for `{flag}`: name a stage defined above, or write the image \
                         with a version tag (`{name}:<version>`) if an image is meant",
                        "`{name}` ne nomme aucune étape de ce Dockerfile, donc BuildKit tire \
                         l'image `{pulled}` pour `{flag}` : nommez une étape définie plus haut, \
                         ou écrivez l'image avec un tag de version (`{name}:<version>`) si c'est \
                         une image qui est voulue",
                    ),
                )
                .help(help());
        }
    }
}

/// A FROM whose bare image name means a stage: a later one, or a close earlier one.
fn report_from_line(
    context: &DockerfileContext,
    report: &mut Reporter,
    stage: &Stage,
    meant: MeantStage,
) {
    let Some(image) = &stage.image else {
        return;
    };
    let name = image.value.as_str();
    let pulled = pulled(&parse_image_ref(name).0);
    match meant {
        MeantStage::Later(later) => {
            let later_name = later.display_name();
            report
                .push(
                    image.range,
                    msg!(
                        "`{name}` is a stage defined further down, but FROM only sees the stages \
                         above it, so BuildKit pulls the image `{pulled}` instead; move the \
                         stage `{later_name}` above this FROM",
                        "`{name}` est une étape définie plus bas, mais FROM ne voit que les \
                         étapes au-dessus de lui, donc BuildKit tire l'image `{pulled}` à la \
                         place ; déplacez l'étape `{later_name}` au-dessus de ce FROM",
                    ),
                )
                .label(
                    context.file,
                    stage_range(context, later),
                    msg!(
                        "stage `{later_name}` is defined here, after the FROM that uses it",
                        "l'étape `{later_name}` est définie ici, après le FROM qui l'utilise"
                    ),
                )
                .help(help());
        }
        MeantStage::Similar(similar) => {
            let similar_name = similar.display_name();
            report
                .push(
                    image.range,
                    msg!(
                        "`{name}` names no stage of this Dockerfile, so BuildKit pulls the image \
                         `{pulled}`; did you mean the stage `{similar_name}`? If the image is \
                         meant, pin its version (`{name}:<version>`)",
                        "`{name}` ne nomme aucune étape de ce Dockerfile, donc BuildKit tire \
                         l'image `{pulled}` ; vouliez-vous dire l'étape `{similar_name}` ? Si \
                         c'est l'image qui est voulue, fixez sa version (`{name}:<version>`)",
                    ),
                )
                .label(
                    context.file,
                    stage_range(context, similar),
                    defined_here(similar),
                )
                .help(help())
                .fix(rename_fix(image.range, &similar_name));
        }
    }
}

/// What BuildKit pulls for a bare name: `docker.io/library/NAME:latest`.
fn pulled(reference: &ImageRef) -> String {
    format!("{}:latest", reference.normalized_name())
}

/// Where a stage is named (`AS builder`), or its FROM's image for a stage without a name.
fn stage_range(context: &DockerfileContext, stage: &Stage) -> TextRange {
    match (&stage.name, &stage.image) {
        (Some(name), _) => name.range,
        (None, Some(image)) => image.range,
        (None, None) => context
            .dockerfile
            .instructions
            .get(stage.from)
            .map_or(TextRange::empty(0), |from| from.keyword_range),
    }
}

fn defined_here(stage: &Stage) -> Message {
    let name = stage.display_name();
    msg!(
        "stage `{name}` is defined here",
        "l'étape `{name}` est définie ici"
    )
}

fn rename_fix(range: TextRange, name: &str) -> Fix {
    Fix::unsafe_edits(
        msg!("Use the stage `{name}`", "Utiliser l'étape `{name}`"),
        vec![Edit::replace(range, name)],
    )
}

fn help() -> Message {
    msg!(
        "a stage is named with `FROM <image> AS <name>` and can be used by the stages after it; \
         `COPY --from` also takes a stage's index (`--from=0`)",
        "une étape se nomme avec `FROM <image> AS <nom>` et peut servir aux étapes qui la \
         suivent ; `COPY --from` accepte aussi l'index d'une étape (`--from=0`)",
    )
}
