//! `D301 apt-install-recommends`: `apt-get install` (or `apt install`) that also installs the
//! packages the requested ones recommend.

use berth_parser::dockerfile::Keyword;
use berth_parser::dockerfile::shell::{ShellView, SimpleCommand, Word, WordKind};
use berth_parser::msg;

use crate::diagnostic::{Edit, Fix};
use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

use super::shell_views;

pub(crate) const RULE: Rule = Rule {
    meta: RuleMeta {
        code: "D301",
        name: "apt-install-recommends",
        kind: FileKind::Dockerfile,
        category: Category::Size,
        severity: Severity::Info,
        prod_severity: Some(Severity::Warning),
        preset: Preset::Lab,
        fix: FixAvailability::Sometimes,
        equivalents: &[Equivalent::Hadolint("DL3015"), Equivalent::Trivy("DS029")],
        chapter: Some("05"),
        docs: RuleDocs {
            summary: Text {
                en: "`apt-get install` or `apt install` without `--no-install-recommends`.",
                fr: "`apt-get install` ou `apt install` sans `--no-install-recommends`.",
            },
            why: Text {
                en: "By default apt also installs every package the requested ones recommend: \
documentation, extra tools, sometimes a whole graphical stack. The program rarely needs them, \
but the image carries them: it is larger, slower to pull, and has more software to patch when a \
vulnerability is published. `--no-install-recommends` installs the packages named and their \
dependencies only; name any recommended package you do need (chapter 05, apt hygiene; chapters \
09 to 12, small images). berth stays silent when an earlier RUN writes \
`APT::Install-Recommends \"false\"` into apt's configuration, or when a file is copied into \
`/etc/apt/apt.conf.d/`.",
                fr: "Par défaut, apt installe aussi tous les paquets que les paquets demandés \
recommandent : documentation, outils annexes, parfois toute une pile graphique. Le programme en \
a rarement besoin, mais l'image les embarque : elle est plus lourde, plus lente à télécharger, \
et contient davantage de logiciels à corriger quand une vulnérabilité est publiée. \
`--no-install-recommends` n'installe que les paquets nommés et leurs dépendances ; nommez les \
paquets recommandés dont vous avez vraiment besoin (chapitre 05, hygiène apt ; chapitres 09 à \
12, images légères). berth ne dit rien quand un RUN précédent écrit \
`APT::Install-Recommends \"false\"` dans la configuration d'apt, ou quand un fichier est copié \
dans `/etc/apt/apt.conf.d/`.",
            },
            example: "FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*\n",
            use_instead: "FROM debian:12-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends ca-certificates curl \\\n && rm -rf /var/lib/apt/lists/*\n",
            fix: Text {
                en: "Inserts ` --no-install-recommends` right after `install`. The fix is unsafe: \
a package the build or the program needs may have come only as a recommendation (`curl` \
recommends `ca-certificates`, without which HTTPS downloads fail), so read the list of packages \
and name those. It is not offered in an exec-form RUN (a JSON array) or where the command is \
not written as it runs.",
                fr: "Insère ` --no-install-recommends` juste après `install`. Le correctif n'est \
pas sûr : un paquet dont la construction ou le programme a besoin ne venait peut-être que d'une \
recommandation (`curl` recommande `ca-certificates`, sans lequel les téléchargements HTTPS \
échouent) ; relisez la liste des paquets et nommez ceux-là. Il n'est pas proposé dans un RUN en \
forme exec (un tableau JSON), ni quand la commande n'est pas écrite telle qu'elle s'exécute.",
            },
        },
    },
    check: Check::Dockerfile(check),
    options: None,
};

fn check(context: &DockerfileContext, report: &mut Reporter) {
    for (index, view) in shell_views(context, &[Keyword::Run]) {
        for command in view.commands_named_any(&["apt-get", "apt"]) {
            let Some(install) = command.subcommand().filter(|word| word.is("install")) else {
                continue;
            };
            if skips_recommends(command) || configured_without_recommends(context, index) {
                continue;
            }
            let program = command.program().unwrap_or("apt-get");
            let finding = report
                .push(
                    install.range,
                    msg!(
                        "`{program} install` without `--no-install-recommends` also installs \
                         every package these recommend: the image grows and has more software to \
                         patch; add `--no-install-recommends`",
                        "`{program} install` sans `--no-install-recommends` installe aussi tous \
                         les paquets qu'ils recommandent : l'image grossit et contient davantage \
                         de logiciels à corriger ; ajoutez `--no-install-recommends`",
                    ),
                )
                .help(msg!(
                    "name any recommended package the image needs (`ca-certificates` for HTTPS \
                     downloads with `curl` or `wget`)",
                    "nommez les paquets recommandés dont l'image a besoin (`ca-certificates` pour \
                     les téléchargements HTTPS avec `curl` ou `wget`)",
                ));
            if is_written_as_it_runs(context, view, command, install) {
                finding.fix(Fix::unsafe_edits(
                    msg!(
                        "Add `--no-install-recommends`",
                        "Ajouter `--no-install-recommends`"
                    ),
                    vec![Edit::insert(install.range.end, " --no-install-recommends")],
                ));
            }
        }
    }
}

/// Whether the command itself turns recommendations off: `--no-install-recommends`,
/// `--install-recommends=false`, `-o APT::Install-Recommends=0`.
fn skips_recommends(command: &SimpleCommand) -> bool {
    if command.has_flag(&["--no-install-recommends"]) {
        return true;
    }
    let off = |value: &str| {
        ["0", "false", "no", "off"]
            .iter()
            .any(|off| value.trim().eq_ignore_ascii_case(off))
    };
    if command
        .flag_value(&["--install-recommends"])
        .and_then(|flag| flag.value)
        .is_some_and(|value| off(&value))
    {
        return true;
    }
    command
        .flag_values(&["-o", "--option"])
        .filter_map(|flag| flag.value)
        .any(|value| {
            value.split_once('=').is_some_and(|(key, value)| {
                key.trim().eq_ignore_ascii_case("APT::Install-Recommends") && off(value)
            })
        })
}

/// Whether apt's configuration turns recommendations off by the time the RUN at `index` runs:
/// a RUN of its stage (up to this one) or of the stages it is built from writes
/// `APT::Install-Recommends "false"`, or a COPY or ADD puts a file into apt's configuration
/// (berth cannot read it, so it gives the file the benefit of the doubt).
fn configured_without_recommends(context: &DockerfileContext, index: usize) -> bool {
    let model = context.model;
    let Some(stage) = model.stage_of(index) else {
        return false;
    };
    model.ancestors(stage.index).any(|ancestor| {
        let end = if ancestor.index == stage.index {
            index + 1
        } else {
            ancestor.instructions.end
        };
        let writes_config = context.dockerfile.instructions[ancestor.instructions.start..end]
            .iter()
            .filter(|instruction| instruction.keyword == Keyword::Run)
            .any(|instruction| turns_recommends_off(context.file.slice(instruction.range)));
        let copies_config = model.copies_in(ancestor.index).iter().any(|copy| {
            copy.instruction < end
                && copy
                    .destination
                    .as_ref()
                    .is_some_and(|destination| destination.value.starts_with("/etc/apt/apt.conf"))
        });
        writes_config || copies_config
    })
}

/// Whether `text` holds an apt configuration line that turns recommendations off:
/// `APT::Install-Recommends "false";` (any case, quotes optional or escaped, `0`, `no` and
/// `off` too). The option form `APT::Install-Recommends=0` is a command's own option, not
/// configuration written for later commands.
fn turns_recommends_off(text: &str) -> bool {
    const KEY: &str = "install-recommends";
    let lower = text.to_ascii_lowercase();
    lower.match_indices(KEY).any(|(at, _)| {
        let after = &lower[at + KEY.len()..];
        let value = after.trim_start_matches([' ', '\t']);
        if value.len() == after.len() {
            return false;
        }
        let value = value.trim_start_matches(['"', '\'', '\\']);
        ["0", "false", "no", "off"].iter().any(|off| {
            value.strip_prefix(off).is_some_and(|rest| {
                !rest
                    .chars()
                    .next()
                    .is_some_and(|next| next.is_ascii_alphanumeric())
            })
        })
    })
}

/// Whether the text at the `install` word is the word itself, so that inserting after it
/// keeps the command readable by the shell (not an exec-form JSON string, not a script whose
/// ranges are approximate).
fn is_written_as_it_runs(
    context: &DockerfileContext,
    view: &ShellView,
    command: &SimpleCommand,
    install: &Word,
) -> bool {
    let exact = view
        .scripts
        .get(command.script)
        .is_some_and(|script| !script.approximate);
    exact && install.kind == WordKind::Plain && context.file.slice(install.range) == "install"
}

#[cfg(test)]
mod tests {
    use super::turns_recommends_off;

    #[test]
    fn configuration_lines_that_turn_recommendations_off() {
        for text in [
            r#"RUN echo 'APT::Install-Recommends "0";' > /etc/apt/apt.conf.d/99norecommends"#,
            r#"RUN echo "APT::Install-Recommends \"false\";" >> /etc/apt/apt.conf"#,
            "RUN printf 'APT { Install-Recommends false; };' > /etc/apt/apt.conf.d/x",
        ] {
            assert!(turns_recommends_off(text), "{text}");
        }
        for text in [
            "RUN apt-get -o APT::Install-Recommends=0 install -y curl",
            r#"RUN echo 'APT::Install-Recommends "1";' > /etc/apt/apt.conf.d/x"#,
            r#"RUN echo 'APT::Install-Recommends "nothing";' > /etc/apt/apt.conf.d/x"#,
            "RUN apt-get install -y curl",
        ] {
            assert!(!turns_recommends_off(text), "{text}");
        }
    }
}
