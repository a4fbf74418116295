//! `D101 pin-base-image-tag`: a FROM image without a tag, or tagged `latest`, once ARG values
//! are replaced.

use berth_parser::dockerfile::model::{
    Base, Binding, Expanded, Model, Reference, Resolved, Stage, Value, ValueSource,
};
use berth_parser::image::ImageRef;
use berth_parser::{Message, SourceFile, TextRange, msg};

use super::stage_reference::stage_meant_by_from;
use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D101",
        name: "pin-base-image-tag",
        kind: FileKind::Dockerfile,
        category: Category::Reproducibility,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[
            Equivalent::Hadolint("DL3006"),
            Equivalent::Hadolint("DL3007"),
            Equivalent::Trivy("DS001"),
            Equivalent::Checkov("CKV_DOCKER_7"),
        ],
        chapter: Some("01"),
        docs: RuleDocs {
            summary: Text {
                en: "A FROM image without a tag, or with the `latest` tag, once ARG values are \
replaced.",
                fr: "Une image de base (FROM) sans tag, ou avec le tag `latest`, une fois les \
valeurs des ARG remplacées.",
            },
            why: Text {
                en: "An image without a tag is `latest`, and `latest` is only the last image pushed: \
it changes without notice, so the same Dockerfile builds on another base from one day to the \
next, a build that worked yesterday breaks today, and nothing records which base an image was \
built on. Pin a version tag (`python:3.12-slim`), or a digest (`python@sha256:...`) where every \
byte must be the same (chapter 01, images: naming, tags and pinning). berth replaces ARG values \
as BuildKit does: `ARG TAG=latest` then `FROM node:${TAG}` is reported at the default, where the \
version belongs. `scratch`, earlier stages, and values only known at build time (`ARG TAG` \
without a default, given with `--build-arg`) are not reported.",
                fr: "Une image sans tag est `latest`, et `latest` n'est que la dernière image \
poussée : elle change sans prévenir, si bien que le même Dockerfile se construit sur une autre \
base d'un jour à l'autre, qu'une construction qui marchait hier échoue aujourd'hui, et que rien \
ne garde la trace de la base utilisée. Fixez un tag de version (`python:3.12-slim`), ou un \
digest (`python@sha256:...`) là où chaque octet doit être identique (chapitre 01, images : \
nommage, tags et épinglage). berth remplace les valeurs des ARG comme BuildKit : `ARG \
TAG=latest` puis `FROM node:${TAG}` est signalé à la valeur par défaut, là où la version doit \
être écrite. `scratch`, les étapes précédentes et les valeurs connues seulement à la \
construction (`ARG TAG` sans valeur par défaut, donné par `--build-arg`) ne sont pas signalés.",
            },
            example: "ARG NODE_TAG=latest\nFROM node:${NODE_TAG} AS build\nWORKDIR /app\nRUN npm ci && npm run build\n\nFROM nginx\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
            use_instead: "ARG NODE_TAG=20.17-alpine\nFROM node:${NODE_TAG} AS build\nWORKDIR /app\nRUN npm ci && npm run build\n\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Dockerfile(check),
    options: None,
};

/// How many ARG defaults are followed to find where `latest` is written (`ARG A=latest`,
/// `ARG TAG=$A`): enough for any real file, and a bound on a chain that loops.
const MAX_DEPTH: usize = 8;

/// A finding before it is reported: several FROM lines may take `latest` from the same ARG
/// default, which is then one finding labelled at each of them.
struct Finding {
    range: TextRange,
    message: Message,
    labels: Vec<(TextRange, Message)>,
}

fn check(context: &DockerfileContext, report: &mut Reporter) {
    let mut findings: Vec<Finding> = Vec::new();
    for stage in context.model.stages() {
        let Some(finding) = stage_finding(context, stage) else {
            continue;
        };
        match findings
            .iter_mut()
            .find(|found| found.range == finding.range)
        {
            Some(found) => found.labels.extend(finding.labels),
            None => findings.push(finding),
        }
    }
    for finding in findings {
        let mut builder = report.push(finding.range, finding.message).help(help());
        for (range, message) in finding.labels {
            builder = builder.label(context.file, range, message);
        }
    }
}

fn stage_finding(context: &DockerfileContext, stage: &Stage) -> Option<Finding> {
    let Base::Image(base) = &stage.base else {
        return None;
    };
    let image = stage.image.as_ref()?;
    // A bare name meant as a stage is `copy-from-unknown-stage`'s: its tag is not the problem.
    if stage_meant_by_from(context.model, stage).is_some() {
        return None;
    }
    if let Some(end) = last_uncertain_reference(context.model, image) {
        return literal_tail_finding(context.file, image, end);
    }
    // An invalid reference is `dockerfile-syntax-error`'s.
    if !base.valid || base.reference.has_digest() {
        return None;
    }
    match base.reference.tag() {
        None => Some(untagged(context, image, &base.reference)),
        Some("latest") => latest(context, image, &base.reference),
        Some(_) => None,
    }
}

/// Where the last reference ends whose value berth cannot know: a platform ARG, or an ARG
/// declared without a default (its value is given with `--build-arg`), or an undefined name.
/// Reading `${TAG:-1.2}` is certain enough: the file gives the value used when TAG is unset.
fn last_uncertain_reference(model: &Model, image: &Expanded) -> Option<u32> {
    image
        .references(model)
        .iter()
        .filter(|reference| match model.resolved(reference.resolution) {
            Resolved::Bound(binding) => match binding.value {
                Value::Known(_) => false,
                Value::Unknown => true,
                Value::Unset => reference.is_plain(),
            },
            Resolved::FromBaseImage => true,
            Resolved::Undefined => reference.is_plain(),
        })
        .map(|reference| reference.range.end)
        .max()
}

/// What the text after the last unknown variable says for sure: `${REGISTRY}/app` has no tag
/// and `${IMAGE}:latest` is `latest`, whatever the variable holds; `${IMAGE}-slim` says
/// nothing.
fn literal_tail_finding(file: &SourceFile, image: &Expanded, end: u32) -> Option<Finding> {
    if end > image.range.end {
        return None;
    }
    let tail = file.slice(TextRange::new(end, image.range.end));
    // Unknown values count as empty, so a literal tail is also the end of the value.
    let literal = !tail.contains(['$', '"', '\'', '\\', '`']) && image.value.ends_with(tail);
    if !literal || tail.contains('@') {
        return None;
    }
    let shown = file.slice(image.range);
    let (component_start, after_slash) = match tail.rfind('/') {
        Some(slash) => (slash + 1, true),
        None => (0, false),
    };
    let component = &tail[component_start..];
    match component.find(':') {
        Some(colon) if &component[colon + 1..] == "latest" => {
            let at = end + (component_start + colon + 1) as u32;
            let name = shown.strip_suffix(":latest").unwrap_or(shown);
            Some(Finding {
                range: TextRange::at(at, "latest".len() as u32),
                message: latest_message(shown, name),
                labels: Vec::new(),
            })
        }
        None if after_slash && !component.is_empty() => Some(Finding {
            range: TextRange::empty(image.range.end),
            message: untagged_message(shown),
            labels: Vec::new(),
        }),
        _ => None,
    }
}

/// No tag: point where one would be written, at the end of the name; in an ARG default when
/// the name comes from one (`ARG BASE=node`, `FROM $BASE`).
fn untagged(context: &DockerfileContext, image: &Expanded, reference: &ImageRef) -> Finding {
    let name = reference.familiar_name();
    let end = TextRange::empty(reference.path_range().end);
    let from_variable = image
        .references_in(context.model, end)
        .iter()
        .rev()
        .find(|variable| variable.range.end == image.range.end);
    let Some(variable) = from_variable else {
        return Finding {
            range: image.file_range(context.model, end),
            message: untagged_message(&name),
            labels: Vec::new(),
        };
    };
    let default = context
        .model
        .resolved(variable.resolution)
        .binding()
        .filter(|binding| binding.source == ValueSource::Written)
        .and_then(|binding| Some((binding, binding.value_range?)));
    match default {
        Some((binding, range)) => {
            let written = context.file.slice(range);
            let quote = usize::from(written.ends_with(['"', '\'']) && written.len() > 1);
            let arg = &binding.name;
            Finding {
                range: TextRange::empty(range.end - quote as u32),
                message: msg!(
                    "base image `{name}`, the default of ARG `{arg}`, has no tag, so BuildKit \
                     pulls `{name}:latest`, whatever was pushed last: add a version tag to the \
                     default (`{name}:<version>`) or a digest",
                    "l'image de base `{name}`, valeur par défaut de l'ARG `{arg}`, n'a pas de \
                     tag, donc BuildKit tire `{name}:latest`, la dernière poussée : ajoutez un \
                     tag de version à la valeur par défaut (`{name}:<version>`) ou un digest",
                ),
                labels: vec![(variable.range, used_here(&variable.name))],
            }
        }
        None => Finding {
            range: TextRange::empty(variable.range.end),
            message: untagged_message(&name),
            labels: Vec::new(),
        },
    }
}

/// `latest`: point where it is written, in the FROM or in the ARG default it comes from.
fn latest(context: &DockerfileContext, image: &Expanded, reference: &ImageRef) -> Option<Finding> {
    let tag = reference.tag_range()?;
    let shown = reference.familiar();
    let name = reference.familiar_name();
    let written = image.file_range(context.model, tag);
    if context.file.slice(written) == "latest" {
        return Some(Finding {
            range: written,
            message: latest_message(&shown, &name),
            labels: Vec::new(),
        });
    }
    for variable in image.references_in(context.model, tag) {
        if let Some((at, binding)) = written_in_default(context, variable, MAX_DEPTH) {
            let arg = &binding.name;
            return Some(Finding {
                range: at,
                message: msg!(
                    "base image `{shown}` gets the `latest` tag from the default of ARG `{arg}`, \
                     and `latest` moves with every push: make the default a version tag",
                    "l'image de base `{shown}` reçoit le tag `latest` de la valeur par défaut de \
                     l'ARG `{arg}`, et `latest` bouge à chaque publication : donnez un tag de \
                     version par défaut",
                ),
                labels: vec![(variable.range, used_here(&variable.name))],
            });
        }
        // `${TAG:-latest}`: the default written in the FROM itself.
        if let Some(offset) = context.file.slice(variable.range).rfind("latest") {
            return Some(Finding {
                range: TextRange::at(variable.range.start + offset as u32, 6),
                message: latest_message(&shown, &name),
                labels: Vec::new(),
            });
        }
    }
    Some(Finding {
        range: written,
        message: latest_message(&shown, &name),
        labels: Vec::new(),
    })
}

/// Where `latest` is written in the ARG default `variable` reads, following defaults that
/// read other ARGs; with the ARG whose default it is.
fn written_in_default<'m>(
    context: &DockerfileContext<'m>,
    variable: &Reference,
    depth: usize,
) -> Option<(TextRange, &'m Binding)> {
    let binding = context.model.resolved(variable.resolution).binding()?;
    default_with_latest(context, binding, depth)
}

fn default_with_latest<'m>(
    context: &DockerfileContext<'m>,
    binding: &'m Binding,
    depth: usize,
) -> Option<(TextRange, &'m Binding)> {
    let depth = depth.checked_sub(1)?;
    match binding.source {
        ValueSource::Written => {
            let range = binding.value_range?;
            if let Some(offset) = context.file.slice(range).rfind("latest") {
                return Some((TextRange::at(range.start + offset as u32, 6), binding));
            }
            context
                .model
                .references_in(binding.instruction?)
                .iter()
                .filter(|inner| range.contains_range(inner.range))
                .find_map(|inner| written_in_default(context, inner, depth))
        }
        ValueSource::Global(id) => default_with_latest(context, context.model.binding(id), depth),
        ValueSource::BuildArg | ValueSource::BuildKit | ValueSource::None => None,
    }
}

fn untagged_message(name: &str) -> Message {
    msg!(
        "base image `{name}` has no tag, so BuildKit pulls `{name}:latest`, whatever was pushed \
         last: pin a version tag (`{name}:<version>`) or a digest",
        "l'image de base `{name}` n'a pas de tag, donc BuildKit tire `{name}:latest`, la \
         dernière poussée : fixez un tag de version (`{name}:<version>`) ou un digest",
    )
}

fn latest_message(shown: &str, name: &str) -> Message {
    msg!(
        "base image `{shown}` uses the `latest` tag, which moves with every push: pin a version \
         tag (`{name}:<version>`) or a digest",
        "l'image de base `{shown}` utilise le tag `latest`, qui bouge à chaque publication : \
         fixez un tag de version (`{name}:<version>`) ou un digest",
    )
}

fn used_here(arg: &str) -> Message {
    msg!("this FROM reads ARG `{arg}`", "ce FROM lit l'ARG `{arg}`")
}

fn help() -> Message {
    msg!(
        "the registry lists the version tags (on Docker Hub, the image's Tags tab); in \
         production, a digest (`@sha256:...`) pins every byte",
        "le registre liste les tags de version (sur Docker Hub, l'onglet Tags de l'image) ; en \
         production, un digest (`@sha256:...`) fixe chaque octet",
    )
}
