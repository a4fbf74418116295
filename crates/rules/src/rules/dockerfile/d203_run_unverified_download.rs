//! `D203 run-unverified-download`: a script downloaded with `curl` or `wget` and run as it
//! arrives (`curl ... | sh`, `bash <(curl ...)`, `sh -c "$(curl ...)"`).

use berth_parser::TextRange;
use berth_parser::dockerfile::Keyword;
use berth_parser::dockerfile::shell::{
    RedirectOperator, ScriptInput, ShellView, SimpleCommand, Word,
};
use berth_parser::msg;

use crate::meta::{Category, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

use super::shell_views;

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D203",
        name: "run-unverified-download",
        kind: FileKind::Dockerfile,
        category: Category::Security,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[],
        chapter: Some("05"),
        docs: RuleDocs {
            summary: Text {
                en: "A script downloaded with `curl` or `wget` is run as it arrives, without \
being checked: `curl ... | sh`, `bash <(curl ...)`, `sh -c \"$(curl ...)\"`.",
                fr: "Un script téléchargé avec `curl` ou `wget` est exécuté tel qu'il arrive, \
sans vérification : `curl ... | sh`, `bash <(curl ...)`, `sh -c \"$(curl ...)\"`.",
            },
            why: Text {
                en: "Piping a download into `sh`, `bash`, `python` or `php` runs whatever the \
server sends at that moment, as root in the build. A compromised server or mirror, a hijacked \
domain or a proxy can change the image without leaving a trace in the Dockerfile, and a \
connection cut halfway may run half a script. The build is not reproducible either: the same \
Dockerfile installs something else next week. Download the script to a file, check it against \
a checksum you recorded (`sha256sum -c`), then run it; or let BuildKit fetch and verify it with \
`ADD --checksum=sha256:...` (chapter 05, shell safety). The same holds for CMD and ENTRYPOINT, \
which would download and run the script at every start.",
                fr: "Envoyer un téléchargement dans `sh`, `bash`, `python` ou `php` par un tube \
exécute ce que le serveur renvoie à ce moment-là, en root dans le build. Un serveur ou un miroir \
compromis, un domaine détourné ou un proxy peuvent modifier l'image sans laisser de trace dans \
le Dockerfile, et une connexion coupée en route peut exécuter la moitié d'un script. Le build \
n'est pas reproductible non plus : le même Dockerfile installera autre chose la semaine \
prochaine. Téléchargez le script dans un fichier, comparez-le à une somme de contrôle que vous \
avez relevée (`sha256sum -c`), puis exécutez-le ; ou laissez BuildKit le récupérer et le \
vérifier avec `ADD --checksum=sha256:...` (chapitre 05, sûreté du shell). Il en va de même pour \
CMD et ENTRYPOINT, qui téléchargeraient et exécuteraient le script à chaque démarrage.",
            },
            example: "FROM alpine:3.20\nRUN apk add --no-cache curl \\\n && curl -fsSL https://get.example.com/install.sh | sh\n",
            use_instead: "FROM alpine:3.20\nADD --checksum=sha256:4f0c3bd6a9e5d1e2c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0 \\\n    https://get.example.com/install.sh /tmp/install.sh\nRUN sh /tmp/install.sh && rm /tmp/install.sh\n",
            fix: Text { en: "", fr: "" },
        },
    },
    check: Check::Dockerfile(check),
    options: None,
};

fn check(context: &DockerfileContext, report: &mut Reporter) {
    let keywords = &[Keyword::Run, Keyword::Cmd, Keyword::Entrypoint];
    for (_, view) in shell_views(context, keywords) {
        for (index, download) in view.commands.iter().enumerate() {
            if download.context.in_error || !downloads_to_stdout(download) {
                continue;
            }
            let Some(runner) = runner(view, index) else {
                continue;
            };
            let (Some(fetcher), Some(program)) = (download.program(), runner.program()) else {
                continue;
            };
            report
                .push(
                    download.range,
                    msg!(
                        "`{program}` runs what `{fetcher}` downloads without any check: a \
                         compromised server, mirror or proxy runs its code in the image; download \
                         to a file, verify its checksum, then run it",
                        "`{program}` exécute ce que `{fetcher}` télécharge sans aucune \
                         vérification : un serveur, un miroir ou un proxy compromis exécute son \
                         code dans l'image ; téléchargez dans un fichier, vérifiez sa somme de \
                         contrôle, puis exécutez-le",
                    ),
                )
                .label(
                    context.file,
                    runner.name.range,
                    msg!(
                        "`{program}` runs the downloaded script here",
                        "`{program}` exécute ici le script téléchargé"
                    ),
                )
                .help(msg!(
                    "`curl -fsSLo /tmp/install.sh URL && echo \"<sha256>  /tmp/install.sh\" | \
                     sha256sum -c - && sh /tmp/install.sh`, or `ADD --checksum=sha256:... URL \
                     /tmp/install.sh` then `RUN sh /tmp/install.sh`",
                    "`curl -fsSLo /tmp/install.sh URL && echo \"<sha256>  /tmp/install.sh\" | \
                     sha256sum -c - && sh /tmp/install.sh`, ou `ADD --checksum=sha256:... URL \
                     /tmp/install.sh` puis `RUN sh /tmp/install.sh`",
                ));
        }
    }
}

/// Whether `command` is a `curl` or `wget` that writes what it downloads to standard output:
/// curl does unless given `-o FILE` or `-O`, wget only with `-O -`.
fn downloads_to_stdout(command: &SimpleCommand) -> bool {
    let is_stdout = |value: Option<&str>| matches!(value, Some("-" | "/dev/stdout"));
    let to_stdout = match command.program() {
        Some("curl") => {
            !command.has_flag(&["-O", "--remote-name", "--remote-name-all"])
                && command
                    .flag_value(&["-o", "--output"])
                    .is_none_or(|output| is_stdout(output.value.as_deref()))
        }
        Some("wget") => command
            .flag_value(&["-O", "--output-document"])
            .is_some_and(|output| is_stdout(output.value.as_deref())),
        _ => false,
    };
    to_stdout
        && !command
            .redirects
            .iter()
            .any(|redirect| redirect.operator.writes() && matches!(redirect.fd, None | Some(1)))
}

/// The command that runs what the download at `index` writes: a later element of its
/// pipeline that reads its script from standard input, or the shell or interpreter whose
/// script is the download's `$(...)` or `<(...)`.
fn runner<'v, 'a>(view: &'v ShellView<'a>, index: usize) -> Option<&'v SimpleCommand<'a>> {
    let download = &view.commands[index];
    if let Some(position) = download.context.pipeline {
        let piped = view
            .pipeline_commands(position.pipeline)
            .filter(|(element, command)| *element > position.index && !command.context.in_error)
            .map(|(_, command)| command)
            .find(|command| {
                command.script_input() == Some(ScriptInput::Stdin) && !reads_other_input(command)
            });
        if piped.is_some() {
            return piped;
        }
    }
    if !download.context.in_substitution {
        return None;
    }
    view.valid_commands()
        .find(|command| runs_substitution(command, download.range))
}

/// Whether the standard input of `command` is redirected (`sh < script`, `sh <<EOF`), so that
/// it does not read the pipe.
fn reads_other_input(command: &SimpleCommand) -> bool {
    command.redirects.iter().any(|redirect| {
        matches!(redirect.fd, None | Some(0))
            && matches!(
                redirect.operator,
                RedirectOperator::Input
                    | RedirectOperator::ReadWrite
                    | RedirectOperator::HereString
                    | RedirectOperator::Heredoc
                    | RedirectOperator::HeredocStripTabs
                    | RedirectOperator::DuplicateInput
            )
    })
}

/// Whether `command` runs, as its script, the output of the substitution that holds the
/// command at `download`: `sh -c "$(curl ...)"`, `eval "$(curl ...)"`, `bash <(curl ...)`,
/// `bash < <(curl ...)`. A substitution that is only part of the script (`sh -c "echo
/// $(curl ...)"`) does not count.
fn runs_substitution(command: &SimpleCommand, download: TextRange) -> bool {
    let holds = |word: &Word, open: &str| {
        word.range.contains_range(download) && is_whole_substitution(word, open)
    };
    match command.script_input() {
        Some(ScriptInput::Code(code)) => holds(code, "$(") || holds(code, "`"),
        Some(ScriptInput::File(file)) => holds(file, "<("),
        Some(ScriptInput::Stdin) => command.redirects.iter().any(|redirect| {
            redirect.operator == RedirectOperator::Input
                && redirect
                    .target
                    .as_ref()
                    .is_some_and(|target| holds(target, "<("))
        }),
        None => false,
    }
}

/// Whether `word` is a single substitution opened by `open` (`$(`, a backquote, `<(`),
/// double-quoted or not.
fn is_whole_substitution(word: &Word, open: &str) -> bool {
    let text = word.text.trim();
    let inner = text
        .strip_prefix('"')
        .and_then(|text| text.strip_suffix('"'))
        .unwrap_or(text);
    let close = if open == "`" { "`" } else { ")" };
    inner.len() > open.len() && inner.starts_with(open) && inner.ends_with(close)
}
