//! `C202 secret-in-environment`: a secret-like variable given a literal value in a service's
//! environment or in an env file it loads.

use berth_parser::compose::environment::VarFrom;
use berth_parser::compose::interpolated::Interpolated;
use berth_parser::compose::{Origin, Project};
use berth_parser::msg;
use berth_parser::secrets::{could_be_secret, is_secret_name};

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{ComposeContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "C202",
        name: "secret-in-environment",
        kind: FileKind::Compose,
        category: Category::Security,
        severity: Severity::Warning,
        prod_severity: Some(Severity::Error),
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[],
        chapter: Some("06"),
        docs: RuleDocs {
            summary: Text {
                en: "A variable whose name says it holds a secret (`PASSWORD`, `TOKEN`, `API_KEY`, \
`SECRET`...) gets a literal value in a service's `environment` or in an `env_file` it loads.",
                fr: "Une variable dont le nom dit qu'elle contient un secret (`PASSWORD`, `TOKEN`, \
`API_KEY`, `SECRET`...) reçoit une valeur littérale dans l'`environment` d'un service ou dans un \
`env_file` qu'il charge.",
            },
            why: Text {
                en: "A secret written in the Compose file is in every copy of the repository and its \
history, and a secret in the container's environment is shown by `docker inspect`, inherited by \
every process and often printed in logs and crash reports. Compose `secrets:` mount the value as \
a file under `/run/secrets/`, readable only inside the container; most images read it through a \
`_FILE` variable (`POSTGRES_PASSWORD_FILE=/run/secrets/db_password`), which is never reported. \
At the least, take the value from the environment (`${DB_PASSWORD}`, set in a `.env` kept out of \
Git) (chapter 06, secrets and configs; chapter 08, secret management).",
                fr: "Un secret écrit dans le fichier Compose est dans chaque copie du dépôt et dans \
son historique, et un secret dans l'environnement du conteneur est affiché par `docker \
inspect`, hérité par chaque processus et souvent écrit dans les journaux et rapports de plantage. \
Les `secrets:` de Compose montent la valeur comme un fichier sous `/run/secrets/`, lisible \
seulement dans le conteneur ; la plupart des images la lisent par une variable `_FILE` \
(`POSTGRES_PASSWORD_FILE=/run/secrets/db_password`), jamais signalée. À défaut, prenez la valeur \
dans l'environnement (`${DB_PASSWORD}`, défini dans un `.env` exclu de Git) (chapitre 06, \
secrets et configs ; chapitre 08, gestion des secrets).",
            },
            example: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-pa55\n",
            use_instead: "services:\n  db:\n    image: postgres:16.4\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./db_password.txt\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Compose(check),
    options: None,
};

fn check(context: &ComposeContext, report: &mut Reporter) {
    let project = context.project;
    for service in project.all_services() {
        let environment = &service.environment;
        for (name, pair) in &environment.declared {
            let Some(value) = &pair.value else {
                continue;
            };
            if !is_secret_name(name) || !could_be_secret(&value.value) {
                continue;
            }
            let from_default = match interpolation_at(project, &value.origin) {
                // Taken from the environment: the value is not in the file.
                Some(interpolated) if uses_a_set_variable(interpolated) => continue,
                Some(_) => true,
                None => false,
            };
            let message = if from_default {
                msg!(
                    "`{name}` gets a secret written in the Compose file, as the default of its \
                     variable: anyone who reads the file or runs `docker inspect` sees it; \
                     remove the default, and mount the secret with Compose `secrets:`",
                    "`{name}` reçoit un secret écrit dans le fichier Compose, comme valeur par \
                     défaut de sa variable : quiconque lit le fichier ou lance `docker inspect` \
                     le voit ; supprimez la valeur par défaut, et montez le secret avec les \
                     `secrets:` de Compose",
                )
            } else {
                msg!(
                    "`{name}` is set to a secret written in the Compose file: anyone who reads \
                     the file or runs `docker inspect` sees it; mount it with Compose \
                     `secrets:` (often read through `{name}_FILE`), or take it from the \
                     environment with `${{{name}}}`",
                    "`{name}` reçoit un secret écrit dans le fichier Compose : quiconque lit le \
                     fichier ou lance `docker inspect` le voit ; montez-le avec les `secrets:` \
                     de Compose (souvent lus par `{name}_FILE`), ou prenez-le dans \
                     l'environnement avec `${{{name}}}`",
                )
            };
            context
                .report(report, &value.origin, message)
                .help(secrets_help(name));
        }
        for (name, var) in &environment.resolved {
            if var.from != VarFrom::EnvFile || !is_secret_name(name) {
                continue;
            }
            let Some(value) = &var.value else { continue };
            if !could_be_secret(value) || is_interpolated_line(context, &var.origin) {
                continue;
            }
            let service_name = &service.name;
            context
                .report(
                    report,
                    &var.origin,
                    msg!(
                        "`{name}` holds a secret that this env file passes into the environment \
                         of service {service_name:?}: `docker inspect` and every process of the \
                         container see it; mount it with Compose `secrets:` instead (often \
                         read through `{name}_FILE`)",
                        "`{name}` contient un secret que ce fichier d'environnement passe dans \
                         l'environnement du service {service_name:?} : `docker inspect` et chaque \
                         processus du conteneur le voient ; montez-le plutôt avec les `secrets:` \
                         de Compose (souvent lus par `{name}_FILE`)",
                    ),
                )
                .help(secrets_help(name));
        }
    }
}

/// The interpolation that produced the value at `origin`: the scalar's, which covers the
/// value (the list form `KEY=value` is one scalar).
fn interpolation_at<'p>(project: &'p Project, origin: &Origin) -> Option<&'p Interpolated> {
    project
        .interpolations_in(origin.file)
        .iter()
        .find(|interpolated| interpolated.range.contains_range(origin.range))
}

/// Whether a variable the value reads is set to something: then the value comes from the
/// environment, not from the file.
fn uses_a_set_variable(interpolated: &Interpolated) -> bool {
    interpolated.variables.iter().any(|variable| {
        variable
            .value
            .as_deref()
            .is_some_and(|value| !value.is_empty())
    })
}

/// Whether the env file line at `origin` takes its value from a variable (`KEY=${OTHER}`).
fn is_interpolated_line(context: &ComposeContext, origin: &Origin) -> bool {
    let Some(source) = context.source(origin.file) else {
        return false;
    };
    let line = source.slice(origin.range);
    line.split_once('=')
        .is_some_and(|(_, value)| value.contains('$'))
}

fn secrets_help(name: &str) -> berth_parser::Message {
    let secret = name.to_ascii_lowercase();
    msg!(
        "declare a file under the top-level `secrets:` (`{secret}: {{file: ./{secret}.txt}}`), \
         list `{secret}` in the service's `secrets:`, and read it from `/run/secrets/{secret}`",
        "déclarez un fichier dans les `secrets:` de premier niveau (`{secret}: {{file: \
         ./{secret}.txt}}`), listez `{secret}` dans les `secrets:` du service, et lisez-le dans \
         `/run/secrets/{secret}`",
    )
}
