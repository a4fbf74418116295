//! The diagnostics every renderer's snapshot tests render: an error with a safe fix, a warning
//! with labels in its own file and in another, an info without a fix after non-ASCII text, a
//! range over several lines, and a CRLF file with an unsafe fix. Rule metadata here is made up
//! for the tests; the real rules live in `berth-rules`.

use berth_parser::{Lang, Message, SourceFile, TextRange};
use berth_rules::{
    Applicability, Category, Diagnostic, Edit, Equivalent, FileKind, Fix, FixAvailability, Label,
    Preset, RuleDocs, RuleMeta, Severity, Text,
};

use super::RenderOptions;

pub static PIN_BASE_IMAGE_TAG: RuleMeta = RuleMeta {
    code: "D101",
    name: "pin-base-image-tag",
    kind: FileKind::Dockerfile,
    category: Category::Reproducibility,
    severity: Severity::Error,
    prod_severity: None,
    preset: Preset::Lab,
    fix: FixAvailability::Sometimes,
    equivalents: &[Equivalent::Hadolint("DL3006"), Equivalent::Trivy("DS001")],
    chapter: Some("01"),
    docs: RuleDocs {
        summary: Text {
            en: "Reports base images without a tag or digest.",
            fr: "Signale les images de base sans tag ni digest.",
        },
        why: Text {
            en: "Without a tag, `FROM` takes whatever `latest` is on the day of the build, so two builds of the same Dockerfile can differ.",
            fr: "Sans tag, `FROM` prend ce que `latest` désigne le jour du build : deux builds du même Dockerfile peuvent différer.",
        },
        example: "FROM ubuntu\n",
        use_instead: "FROM ubuntu:24.04\n",
        fix: Text {
            en: "Adds the tag of the image's current release when berth knows it.",
            fr: "Ajoute le tag de la version actuelle de l'image quand berth la connaît.",
        },
    },
};

pub static NO_INSTALL_RECOMMENDS: RuleMeta = RuleMeta {
    code: "D301",
    name: "apt-no-install-recommends",
    kind: FileKind::Dockerfile,
    category: Category::Size,
    severity: Severity::Warning,
    prod_severity: None,
    preset: Preset::Lab,
    fix: FixAvailability::Always,
    equivalents: &[Equivalent::Hadolint("DL3015")],
    chapter: Some("10"),
    docs: RuleDocs {
        summary: Text {
            en: "Reports `apt-get install` without `--no-install-recommends`.",
            fr: "Signale `apt-get install` sans `--no-install-recommends`.",
        },
        why: Text {
            en: "Recommended packages are rarely needed in an image and make it bigger.",
            fr: "Les paquets recommandés sont rarement utiles dans une image et l'alourdissent.",
        },
        example: "FROM debian:12\nRUN apt-get install -y curl\n",
        use_instead: "FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n",
        fix: Text {
            en: "Adds `--no-install-recommends` after `install`.",
            fr: "Ajoute `--no-install-recommends` après `install`.",
        },
    },
};

pub static EXEC_FORM_CMD: RuleMeta = RuleMeta {
    code: "D402",
    name: "exec-form-cmd",
    kind: FileKind::Dockerfile,
    category: Category::Operability,
    severity: Severity::Warning,
    prod_severity: Some(Severity::Error),
    preset: Preset::Lab,
    fix: FixAvailability::Sometimes,
    equivalents: &[
        Equivalent::Hadolint("DL3025"),
        Equivalent::BuildKit("JSONArgsRecommended"),
    ],
    chapter: Some("02"),
    docs: RuleDocs {
        summary: Text {
            en: "Reports `CMD` and `ENTRYPOINT` in shell form.",
            fr: "Signale `CMD` et `ENTRYPOINT` en forme shell.",
        },
        why: Text {
            en: "In shell form the command runs under `/bin/sh -c`, which does not pass `SIGTERM` on: `docker stop` waits ten seconds, then kills the container.",
            fr: "En forme shell, la commande tourne sous `/bin/sh -c`, qui ne transmet pas `SIGTERM` : `docker stop` attend dix secondes, puis tue le conteneur.",
        },
        example: "FROM node:22\nCMD npm start\n",
        use_instead: "FROM node:22\nCMD [\"npm\", \"start\"]\n",
        fix: Text {
            en: "Rewrites the command as a JSON array. Unsafe when the command uses shell features (variables, pipes).",
            fr: "Réécrit la commande en tableau JSON. Non sûr quand la commande utilise le shell (variables, pipes).",
        },
    },
};

pub static LABEL_NAMESPACE: RuleMeta = RuleMeta {
    code: "D502",
    name: "label-key-namespace",
    kind: FileKind::Dockerfile,
    category: Category::Style,
    severity: Severity::Info,
    prod_severity: None,
    preset: Preset::All,
    fix: FixAvailability::None,
    equivalents: &[],
    chapter: None,
    docs: RuleDocs {
        summary: Text {
            en: "Reports label keys without a reverse-DNS namespace.",
            fr: "Signale les clés de label sans espace de noms en DNS inversé.",
        },
        why: Text {
            en: "Keys like `version` collide with labels set by base images and other tools.",
            fr: "Des clés comme `version` entrent en collision avec les labels des images de base et des autres outils.",
        },
        example: "FROM alpine:3.20\nLABEL version=1.0\n",
        use_instead: "FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0\n",
        fix: Text { en: "", fr: "" },
    },
};

pub static NON_ROOT_SERVICE: RuleMeta = RuleMeta {
    code: "C201",
    name: "non-root-service",
    kind: FileKind::Compose,
    category: Category::Security,
    severity: Severity::Warning,
    prod_severity: Some(Severity::Error),
    preset: Preset::Lab,
    fix: FixAvailability::None,
    equivalents: &[Equivalent::Cis("4.1"), Equivalent::Dclint("no-root-user")],
    chapter: Some("08"),
    docs: RuleDocs {
        summary: Text {
            en: "Reports services whose container runs as root.",
            fr: "Signale les services dont le conteneur tourne en root.",
        },
        why: Text {
            en: "A process running as root in a container is root on the host if it escapes.",
            fr: "Un processus root dans un conteneur est root sur l'hôte s'il s'en échappe.",
        },
        example: "services:\n  web:\n    image: nginx:1.27\n",
        use_instead: "services:\n  web:\n    image: nginx:1.27\n    user: \"101:101\"\n",
        fix: Text { en: "", fr: "" },
    },
};

/// Every test rule, in code order.
pub fn rules() -> Vec<&'static RuleMeta> {
    vec![
        &NON_ROOT_SERVICE,
        &PIN_BASE_IMAGE_TAG,
        &NO_INSTALL_RECOMMENDS,
        &EXEC_FORM_CMD,
        &LABEL_NAMESPACE,
    ]
}

pub const CWD: &str = "/project";

const DOCKERFILE: &str = "\
FROM ubuntu
LABEL org.opencontainers.image.title=\"berth 🐳 démo\" version=1.0
RUN apt-get update && \\
    apt-get install -y curl
USER root
";

const COMPOSE: &str = "\
services:
  web:
    build: .
    ports:
      - \"8080:80\"
";

const CRLF_DOCKERFILE: &str = "FROM node:22\r\nCMD npm start\r\n";

/// The range of the `nth` (0-based) occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> TextRange {
    let (start, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("the fixture contains {needle:?}"));
    TextRange::at(start as u32, needle.len() as u32)
}

fn diagnostic(
    rule: &'static RuleMeta,
    severity: Severity,
    file: &SourceFile,
    range: TextRange,
    message: Message,
) -> Diagnostic {
    Diagnostic {
        rule,
        severity,
        file: file.clone(),
        range,
        message,
        labels: Vec::new(),
        help: None,
        fix: None,
    }
}

/// The diagnostics, deliberately out of output order: renderers sort them.
pub fn diagnostics() -> Vec<Diagnostic> {
    let dockerfile = SourceFile::new("/project/Dockerfile", DOCKERFILE);
    let compose = SourceFile::new("compose.yaml", COMPOSE);
    let crlf = SourceFile::new("/project/api/Dockerfile", CRLF_DOCKERFILE);

    let image = find(DOCKERFILE, "ubuntu", 0);
    let pin = Diagnostic {
        help: Some(Message::new(
            "Pick the release your lab was tested with, such as `ubuntu:24.04`.",
            "Choisissez la version avec laquelle le TP a été testé, par exemple `ubuntu:24.04`.",
        )),
        fix: Some(Fix {
            title: Message::new("Pin `ubuntu:24.04`", "Épingler `ubuntu:24.04`"),
            applicability: Applicability::Safe,
            edits: vec![Edit::insert(image.end, ":24.04")],
        }),
        ..diagnostic(
            &PIN_BASE_IMAGE_TAG,
            Severity::Error,
            &dockerfile,
            image,
            Message::new(
                "Base image `ubuntu` has no tag: builds will change when `latest` moves",
                "L'image de base `ubuntu` n'a pas de tag : les builds changeront quand `latest` bougera",
            ),
        )
    };

    let namespace = diagnostic(
        &LABEL_NAMESPACE,
        Severity::Info,
        &dockerfile,
        find(DOCKERFILE, "version", 0),
        Message::new(
            "Label key `version` has no namespace",
            "La clé de label `version` n'a pas d'espace de noms",
        ),
    );

    let run_start = find(DOCKERFILE, "RUN", 0).start;
    let run_end = find(DOCKERFILE, "curl", 0).end;
    let recommends = Diagnostic {
        fix: Some(Fix {
            title: Message::new(
                "Add `--no-install-recommends`",
                "Ajouter `--no-install-recommends`",
            ),
            applicability: Applicability::Safe,
            edits: vec![Edit::insert(
                find(DOCKERFILE, "-y", 0).start,
                "--no-install-recommends ",
            )],
        }),
        ..diagnostic(
            &NO_INSTALL_RECOMMENDS,
            Severity::Warning,
            &dockerfile,
            TextRange::new(run_start, run_end),
            Message::new(
                "`apt-get install` without `--no-install-recommends` installs packages the image does not need",
                "`apt-get install` sans `--no-install-recommends` installe des paquets inutiles à l'image",
            ),
        )
    };

    let root = Diagnostic {
        labels: vec![
            Label {
                file: compose.clone(),
                range: find(COMPOSE, "build: .", 0),
                message: Message::new(
                    "built from this Dockerfile",
                    "construit depuis ce Dockerfile",
                ),
            },
            Label {
                file: dockerfile.clone(),
                range: find(DOCKERFILE, "USER root", 0),
                message: Message::new(
                    "the image switches to root here",
                    "l'image passe en root ici",
                ),
            },
        ],
        help: Some(Message::new(
            "Set `user:` on the service, or a non-root `USER` in the Dockerfile.",
            "Définissez `user:` sur le service, ou un `USER` non root dans le Dockerfile.",
        )),
        ..diagnostic(
            &NON_ROOT_SERVICE,
            Severity::Warning,
            &compose,
            find(COMPOSE, "web", 0),
            Message::new(
                "Service `web` runs as root",
                "Le service `web` tourne en root",
            ),
        )
    };

    let command = find(CRLF_DOCKERFILE, "npm start", 0);
    let exec_form = Diagnostic {
        fix: Some(Fix {
            title: Message::new(
                "Use the exec form `[\"npm\", \"start\"]`",
                "Utiliser la forme exec `[\"npm\", \"start\"]`",
            ),
            applicability: Applicability::Unsafe,
            edits: vec![Edit::replace(command, "[\"npm\", \"start\"]")],
        }),
        ..diagnostic(
            &EXEC_FORM_CMD,
            Severity::Warning,
            &crlf,
            command,
            Message::new(
                "`CMD` in shell form: `npm` will not receive `SIGTERM`",
                "`CMD` en forme shell : `npm` ne recevra pas `SIGTERM`",
            ),
        )
    };

    vec![exec_form, root, namespace, recommends, pin]
}

pub fn options(lang: Lang) -> RenderOptions {
    RenderOptions::new(lang, CWD)
}

/// What a renderer writes for the fixture diagnostics in `lang`.
pub fn rendered(
    render: impl Fn(&[&Diagnostic], &RenderOptions, &mut dyn std::io::Write) -> std::io::Result<()>,
    lang: Lang,
) -> String {
    rendered_with(render, &diagnostics(), &options(lang))
}

/// What a renderer writes for `diagnostics`, in output order.
pub fn rendered_with(
    render: impl Fn(&[&Diagnostic], &RenderOptions, &mut dyn std::io::Write) -> std::io::Result<()>,
    diagnostics: &[Diagnostic],
    options: &RenderOptions,
) -> String {
    let mut out = Vec::new();
    render(&super::sorted(diagnostics, &options.cwd), options, &mut out)
        .expect("writing to memory succeeds");
    String::from_utf8(out).expect("renderers write UTF-8")
}
