//! `D202 secret-in-build-arg-or-env`: an ARG or ENV whose name says it holds a secret, given a
//! literal value in the Dockerfile.

use berth_parser::dockerfile::model::{Binding, BindingKind, Reference, Value, ValueSource};
use berth_parser::secrets::{could_be_secret, is_secret_name};
use berth_parser::{Message, TextRange, msg};

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D202",
        name: "secret-in-build-arg-or-env",
        kind: FileKind::Dockerfile,
        category: Category::Security,
        severity: Severity::Warning,
        prod_severity: Some(Severity::Error),
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[
            Equivalent::BuildKit("SecretsUsedInArgOrEnv"),
            Equivalent::Hadolint("DL3064"),
            Equivalent::Trivy("DS031"),
            Equivalent::Cis("4.10"),
        ],
        chapter: Some("05"),
        docs: RuleDocs {
            summary: Text {
                en: "An ARG or ENV whose name says it holds a secret (`PASSWORD`, `TOKEN`, \
`API_KEY`, `SECRET`...) is given a literal value in the Dockerfile.",
                fr: "Un ARG ou un ENV dont le nom dit qu'il contient un secret (`PASSWORD`, \
`TOKEN`, `API_KEY`, `SECRET`...) reçoit une valeur littérale dans le Dockerfile.",
            },
            why: Text {
                en: "A value written in a Dockerfile is in every copy of the repository and its \
history. An ENV is also stored in the image's configuration: `docker inspect` and `docker \
history` show it to anyone who can pull the image, and every container and child image \
inherits it. An ARG's value is recorded in the image history beside every RUN that follows \
it. No layer can hide a secret: deleting it later only adds a layer. Secrets the build needs go \
through a secret mount, `RUN --mount=type=secret,id=token,env=TOKEN ...` with `docker build \
--secret id=token,env=TOKEN`, which is never stored; secrets the application needs are given \
when the container starts (`docker run -e`, Compose `secrets:`) (chapter 05, BuildKit secret \
mounts; chapter 08, no secrets in layers). An ARG without a default and a value that only \
reads another variable are not reported, nor are paths, booleans and GPG key fingerprints.",
                fr: "Une valeur écrite dans un Dockerfile est dans chaque copie du dépôt et dans son \
historique. Un ENV est en plus enregistré dans la configuration de l'image : `docker inspect` \
et `docker history` le montrent à quiconque peut tirer l'image, et chaque conteneur et chaque \
image dérivée en hérite. La valeur d'un ARG est inscrite dans l'historique de l'image à côté \
de chaque RUN qui le suit. Aucune couche ne peut cacher un secret : le supprimer \
ensuite ne fait qu'ajouter une couche. Les secrets dont la construction a besoin passent par un \
montage de secret, `RUN --mount=type=secret,id=token,env=TOKEN ...` avec `docker build --secret \
id=token,env=TOKEN`, qui n'est jamais enregistré ; ceux dont l'application a besoin sont donnés \
au démarrage du conteneur (`docker run -e`, `secrets:` de Compose) (chapitre 05, montages de \
secrets BuildKit ; chapitre 08, pas de secret dans les couches). Un ARG sans valeur par défaut \
et une valeur qui ne fait que lire une autre variable ne sont pas signalés, pas plus que les \
chemins, les booléens et les empreintes de clés GPG.",
            },
            example: "FROM node:20.17-alpine\nARG NPM_TOKEN=npm_8f2kQ1x9VbT3\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\nENV API_KEY=sk-live-51HxYz\n",
            use_instead: "FROM node:20.17-alpine\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN \\\n    echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci && rm .npmrc\nENV API_KEY_FILE=/run/secrets/api_key\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Dockerfile(check),
    options: None,
};

/// Values a Dockerfile gives a secret-like variable as a stand-in for the real one: a default
/// credential the image ships with, not a leaked secret.
const PLACEHOLDERS: [&str; 12] = [
    "password",
    "changeme",
    "change-me",
    "change_me",
    "secret",
    "example",
    "default",
    "admin",
    "dummy",
    "placeholder",
    "test",
    "xxx",
];

fn check(context: &DockerfileContext, report: &mut Reporter) {
    for binding in context.model.bindings() {
        if let Some(finding) = finding(context, binding) {
            let name = &binding.name;
            let value_label = match binding.kind {
                BindingKind::Env => msg!(
                    "stored in the image's configuration, visible to `docker inspect`",
                    "enregistré dans la configuration de l'image, visible par `docker inspect`"
                ),
                _ => msg!(
                    "kept in the Dockerfile, and in the image history beside each later RUN",
                    "conservé dans le Dockerfile, et dans l'historique de l'image à côté de \
                     chaque RUN suivant"
                ),
            };
            report
                .push(finding.name, finding.message)
                .label(context.file, finding.value, value_label)
                .help(help(binding.kind, name));
        }
    }
}

struct Finding {
    name: TextRange,
    value: TextRange,
    message: Message,
}

fn finding(context: &DockerfileContext, binding: &Binding) -> Option<Finding> {
    let keyword = match binding.kind {
        BindingKind::Env => "ENV",
        BindingKind::Arg | BindingKind::GlobalArg => "ARG",
        _ => return None,
    };
    let (name_range, value_range) = (binding.name_range?, binding.value_range?);
    let name = binding.name.as_str();
    if !is_secret_name(name) {
        return None;
    }
    let written = context.file.slice(value_range);
    let references: Vec<&Reference> = context
        .model
        .references_in(binding.instruction?)
        .iter()
        .filter(|reference| value_range.contains_range(reference.range))
        .collect();
    let literal = literal_text(written, value_range, &references);
    // `ENV TOKEN=$TOKEN`: the value comes from elsewhere (where it is reported, if literal).
    if literal.trim().is_empty() && references.iter().all(|reference| reference.is_plain()) {
        return None;
    }
    // The value the build uses when the file writes it, else what the file writes around the
    // variables it reads.
    let value = match &binding.value {
        Value::Known(value) if binding.source == ValueSource::Written => value.to_string(),
        _ => literal,
    };
    if !could_be_secret(&value) || is_key_fingerprint(name, &value) {
        return None;
    }
    let message = if is_placeholder(&value) {
        msg!(
            "{keyword} `{name}` ships a default secret in the image (`{value}`): a container \
             started without its own value runs with a credential anyone can read in the \
             Dockerfile; leave it out of the image and require it when the container starts",
            "{keyword} `{name}` livre un secret par défaut dans l'image (`{value}`) : un conteneur \
             démarré sans sa propre valeur tourne avec un identifiant que tout le monde peut lire \
             dans le Dockerfile ; laissez-le hors de l'image et exigez-le au démarrage du \
             conteneur",
        )
    } else {
        match binding.kind {
            BindingKind::Env => msg!(
                "ENV `{name}` writes a secret into the image: anyone who can pull it reads the \
                 value with `docker inspect`, and every image built from it inherits it; give \
                 it when the container starts instead",
                "ENV `{name}` écrit un secret dans l'image : quiconque peut la tirer lit la \
                 valeur avec `docker inspect`, et chaque image construite dessus en hérite ; \
                 donnez-la plutôt au démarrage du conteneur",
            ),
            BindingKind::GlobalArg => msg!(
                "ARG `{name}` has a secret as its default: it is in the Dockerfile, and in the \
                 image history of every stage that declares it again; pass it through a secret \
                 mount instead",
                "ARG `{name}` a un secret pour valeur par défaut : il est dans le Dockerfile, et \
                 dans l'historique de l'image de chaque étape qui le déclare à nouveau ; \
                 passez-le plutôt par un montage de secret",
            ),
            _ => msg!(
                "ARG `{name}` has a secret as its default: it is in the Dockerfile, and in the \
                 image history beside every RUN that follows it; pass it through a secret mount \
                 instead",
                "ARG `{name}` a un secret pour valeur par défaut : il est dans le Dockerfile, et \
                 dans l'historique de l'image à côté de chaque RUN qui le suit ; passez-le \
                 plutôt par un montage de secret",
            ),
        }
    };
    Some(Finding {
        name: name_range,
        value: value_range,
        message,
    })
}

/// The value as written, without quotes and without the variables it reads, but with the
/// literal defaults it gives them (`${TOKEN:-k3y}` gives `k3y`): what the file itself says.
fn literal_text(written: &str, range: TextRange, references: &[&Reference]) -> String {
    let mut literal = String::with_capacity(written.len());
    let mut at = range.start;
    let text =
        |from: u32, to: u32| &written[(from - range.start) as usize..(to - range.start) as usize];
    for reference in references {
        // Nested references are inside the one before them.
        if reference.range.start < at {
            continue;
        }
        literal.push_str(text(at, reference.range.start));
        if !reference.is_plain() {
            // `${NAME` then the modifier, up to the closing `}`.
            let modifier = text(reference.name_range.end, reference.range.end);
            let modifier = modifier.strip_suffix('}').unwrap_or(modifier);
            let word = [":-", ":+", "-", "+"]
                .iter()
                .find_map(|operator| modifier.strip_prefix(operator));
            if let Some(word) = word.filter(|word| !word.contains('$')) {
                literal.push_str(word);
            }
        }
        at = reference.range.end;
    }
    literal.push_str(text(at, range.end));
    literal.retain(|c| c != '"' && c != '\'');
    literal
}

/// A GPG key fingerprint (`GPG_KEY=586EFEF8...`): the public key that verifies a download,
/// which the official images pin this way.
fn is_key_fingerprint(name: &str, value: &str) -> bool {
    let about_gpg = name.split('_').any(|word| {
        ["gpg", "pgp", "gnupg"]
            .iter()
            .any(|gpg| word.eq_ignore_ascii_case(gpg))
    });
    about_gpg
        && value
            .split_whitespace()
            .all(|key| key.len() >= 8 && key.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A stand-in rather than a real secret: a well-known word, a run of one or two repeated
/// characters (`XXXXXXXX`, `0000-0000`), or `<your token>`.
fn is_placeholder(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    if PLACEHOLDERS.contains(&lower.as_str()) || (lower.starts_with('<') && lower.ends_with('>')) {
        return true;
    }
    let mut distinct: Vec<char> = lower.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    distinct.sort_unstable();
    distinct.dedup();
    lower.len() >= 4 && distinct.len() <= 2
}

fn help(kind: BindingKind, name: &str) -> Message {
    let id = name.to_ascii_lowercase();
    match kind {
        BindingKind::Env => msg!(
            "if only the build needs it, read it in that RUN with `RUN \
             --mount=type=secret,id={id},env={name} ...` and `docker build --secret \
             id={id},env={name}`; if the application needs it, give it at run time (`docker \
             run -e {name}`, Compose `secrets:`)",
            "si seule la construction en a besoin, lisez-le dans ce RUN avec `RUN \
             --mount=type=secret,id={id},env={name} ...` et `docker build --secret \
             id={id},env={name}` ; si l'application en a besoin, donnez-le à l'exécution \
             (`docker run -e {name}`, `secrets:` de Compose)",
        ),
        _ => msg!(
            "declare no default, and read the secret in the RUN that needs it with `RUN \
             --mount=type=secret,id={id},env={name} ...`, built with `docker build --secret \
             id={id},env={name}`: it is never stored in a layer or in the history",
            "ne déclarez pas de valeur par défaut, et lisez le secret dans le RUN qui en a \
             besoin avec `RUN --mount=type=secret,id={id},env={name} ...`, construit avec \
             `docker build --secret id={id},env={name}` : il n'est jamais enregistré dans une \
             couche ni dans l'historique",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{is_key_fingerprint, is_placeholder};

    #[test]
    fn placeholders_are_stand_ins() {
        for value in [
            "password",
            "CHANGEME",
            "XXXXXXXXXXXX",
            "0000-0000-0000",
            "<token>",
        ] {
            assert!(is_placeholder(value), "{value}");
        }
        for value in [
            "s3cr3t-pa55",
            "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
            "abab1",
        ] {
            assert!(!is_placeholder(value), "{value}");
        }
    }

    #[test]
    fn gpg_fingerprints_are_public() {
        assert!(is_key_fingerprint(
            "GPG_KEY",
            "A035C8C19219BA821ECEA86B64E628F8D684696D"
        ));
        assert!(is_key_fingerprint("PGP_KEYS", "0123ABCD 4567EF89"));
        assert!(!is_key_fingerprint("API_KEY", "A035C8C19219BA821ECE"));
        assert!(!is_key_fingerprint("GPG_PASSPHRASE", "hunter2"));
    }
}
