//! Programs that run another command (`sudo apt-get`, `env X=1 cmd`, `xargs rm`,
//! `find -exec`) or a script string (`sh -c "..."`, `su -c "..."`): where, in their
//! arguments, the command or the script is.

use super::options::{Arg, Spec, scan};
use super::view::{SetOptions, Word, is_posix_shell};

/// What a command's arguments (the words after its name) run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Unwrap {
    None,
    /// The command whose name is `args[name]` and whose last word is `args[end - 1]`, with
    /// `NAME=value` words passed to it at `env`.
    Command {
        name: usize,
        end: usize,
        env: Vec<usize>,
    },
    /// A shell script string at `args[arg]`, run with `options`.
    Script {
        arg: usize,
        options: SetOptions,
    },
}

const fn spec(short: &'static str, long: &'static [&'static str]) -> Spec {
    Spec {
        short,
        long,
        single_dash: &[],
    }
}

const SUDO: Spec = spec(
    "CDgprRTtUu",
    &[
        "user",
        "group",
        "close-from",
        "chdir",
        "prompt",
        "role",
        "type",
        "host",
        "other-user",
        "command-timeout",
        "chroot",
    ],
);
const DOAS: Spec = spec("uC", &[]);
const ENV: Spec = spec("uC", &["unset", "chdir"]);
const XARGS: Spec = spec(
    "adEILnPs",
    &[
        "arg-file",
        "delimiter",
        "max-lines",
        "max-args",
        "max-procs",
        "max-chars",
        "process-slot-var",
    ],
);
const NICE: Spec = spec("n", &["adjustment"]);
const IONICE: Spec = spec("cnpPu", &["class", "classdata", "pid", "pgid", "uid"]);
const TIMEOUT: Spec = spec("sk", &["signal", "kill-after"]);
const STDBUF: Spec = spec("ioe", &["input", "output", "error"]);
const TIME: Spec = spec("fo", &["format", "output"]);
const EXEC: Spec = spec("a", &[]);
const CHROOT: Spec = spec("", &["userspec", "groups"]);
const TINI: Spec = spec("pe", &[]);
const DUMB_INIT: Spec = spec("r", &["rewrite"]);
const PLAIN: Spec = spec("", &[]);

/// What the program named `program` (a file name) runs, given its arguments.
pub(super) fn unwrap(program: &str, args: &[Word<'_>]) -> Unwrap {
    match program {
        "sudo" => {
            let mode_without_command = args.iter().take_while(|arg| is_option(arg)).any(|arg| {
                let text = arg.value().unwrap_or_default();
                matches!(
                    text,
                    "--edit" | "--list" | "--validate" | "--version" | "--help"
                ) || (!text.starts_with("--") && text[1..].contains(['e', 'l', 'v', 'V', 'h']))
            });
            if mode_without_command {
                return Unwrap::None;
            }
            command_after_options(args, &SUDO, true)
        }
        "doas" => command_after_options(args, &DOAS, false),
        "env" => {
            let splits_string = args.iter().take_while(|arg| is_option(arg)).any(|arg| {
                let text = arg.value().unwrap_or_default();
                text.starts_with("--split-string")
                    || (!text.starts_with("--") && text.contains('S'))
            });
            if splits_string {
                return Unwrap::None;
            }
            command_after_options(args, &ENV, true)
        }
        "xargs" => command_after_options(args, &XARGS, false),
        "nohup" | "setsid" | "eatmydata" | "unbuffer" | "catchsegv" | "builtin" | "tini"
        | "tini-static" => command_after_options(
            args,
            if program.starts_with("tini") {
                &TINI
            } else {
                &PLAIN
            },
            false,
        ),
        "nice" => command_after_options(args, &NICE, false),
        "ionice" => command_after_options(args, &IONICE, false),
        "stdbuf" => command_after_options(args, &STDBUF, false),
        "time" => command_after_options(args, &TIME, false),
        "exec" => command_after_options(args, &EXEC, false),
        "dumb-init" => command_after_options(args, &DUMB_INIT, false),
        "command" => {
            let looks_up = args
                .iter()
                .take_while(|arg| is_option(arg))
                .any(|arg| arg.value().is_some_and(|text| text.contains(['v', 'V'])));
            if looks_up {
                Unwrap::None
            } else {
                command_after_options(args, &PLAIN, false)
            }
        }
        // `timeout 10 cmd`, `gosu user cmd`, `chroot /root cmd`: one operand before the
        // command.
        "timeout" => command_after_operand(args, &TIMEOUT),
        "gosu" | "su-exec" => command_after_operand(args, &PLAIN),
        "chroot" => command_after_operand(args, &CHROOT),
        "busybox" => command_after_options(args, &PLAIN, false),
        "su" | "runuser" => su(args),
        "find" => find_exec(args),
        _ if is_posix_shell(program) => match shell_invocation(args) {
            Invocation {
                command_string: Some(arg),
                options,
                ..
            } => Unwrap::Script { arg, options },
            _ => Unwrap::None,
        },
        _ if is_python(program) => python_module(args),
        _ => Unwrap::None,
    }
}

fn is_option(word: &Word<'_>) -> bool {
    word.value()
        .is_some_and(|text| text.len() > 1 && text.starts_with('-') && text != "--")
}

/// The first operand after the options is the command; with `assignments`, `NAME=value`
/// words before it are passed to it (`sudo`, `env`).
fn command_after_options(args: &[Word<'_>], spec: &'static Spec, assignments: bool) -> Unwrap {
    let Some(first) = first_operand(args, spec) else {
        return Unwrap::None;
    };
    let mut name = first;
    let mut env = Vec::new();
    if assignments {
        while args.get(name).is_some_and(is_assignment) {
            env.push(name);
            name += 1;
        }
    }
    if name >= args.len() {
        return Unwrap::None;
    }
    Unwrap::Command {
        name,
        end: args.len(),
        env,
    }
}

/// The command comes after one operand (`timeout 10 cmd`, `gosu user cmd`).
fn command_after_operand(args: &[Word<'_>], spec: &'static Spec) -> Unwrap {
    match first_operand(args, spec) {
        Some(operand) if operand + 1 < args.len() => Unwrap::Command {
            name: operand + 1,
            end: args.len(),
            env: Vec::new(),
        },
        _ => Unwrap::None,
    }
}

fn first_operand(args: &[Word<'_>], spec: &'static Spec) -> Option<usize> {
    scan(args, spec).find_map(|arg| match arg {
        Arg::Operand { index } => Some(index),
        Arg::Option { .. } => None,
    })
}

/// `NAME=value` with a valid variable name.
pub(super) fn is_assignment(word: &Word<'_>) -> bool {
    let Some(text) = word.value() else {
        return false;
    };
    match text.split_once('=') {
        Some((name, _)) => is_name(name),
        None => false,
    }
}

pub(super) fn is_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first == '_' || first.is_ascii_alphabetic())
        && chars.all(|ch| ch == '_' || ch.is_ascii_alphanumeric())
}

/// `su [options] [user] -c "script"`, `runuser -u user -- cmd`.
fn su(args: &[Word<'_>]) -> Unwrap {
    let mut index = 0;
    while let Some(word) = args.get(index) {
        let text = word.value().unwrap_or_default();
        if text == "-c" || text == "--command" || text == "--session-command" {
            return match args.get(index + 1) {
                Some(_) => Unwrap::Script {
                    arg: index + 1,
                    options: SetOptions::default(),
                },
                None => Unwrap::None,
            };
        }
        if text == "-u" || text == "--user" {
            // runuser -u user [--] command
            let mut name = index + 2;
            if args.get(name).is_some_and(|word| word.is("--")) {
                name += 1;
            }
            return if name < args.len() {
                Unwrap::Command {
                    name,
                    end: args.len(),
                    env: Vec::new(),
                }
            } else {
                Unwrap::None
            };
        }
        index += if SU_VALUE_OPTIONS.contains(&text) {
            2
        } else {
            1
        };
    }
    Unwrap::None
}

const SU_VALUE_OPTIONS: &[&str] = &[
    "-g",
    "-G",
    "-s",
    "-w",
    "--group",
    "--supp-group",
    "--shell",
    "--whitelist-environment",
];

/// `find ... -exec cmd args {} \;` (or `+`): the first `-exec`, `-execdir`, `-ok`, `-okdir`.
fn find_exec(args: &[Word<'_>]) -> Unwrap {
    let Some(exec) = args
        .iter()
        .position(|word| matches!(word.value(), Some("-exec" | "-execdir" | "-ok" | "-okdir")))
    else {
        return Unwrap::None;
    };
    let name = exec + 1;
    let end = args[name.min(args.len())..]
        .iter()
        .position(|word| matches!(word.value(), Some(";" | "+")))
        .map_or(args.len(), |at| name + at);
    if name >= end {
        return Unwrap::None;
    }
    Unwrap::Command {
        name,
        end,
        env: Vec::new(),
    }
}

fn is_python(program: &str) -> bool {
    program
        .strip_prefix("python")
        .is_some_and(|version| version.chars().all(|ch| ch.is_ascii_digit() || ch == '.'))
}

/// `python3 -m pip install x` runs the module `pip` as a command.
fn python_module(args: &[Word<'_>]) -> Unwrap {
    for (index, word) in args.iter().enumerate() {
        match word.value() {
            Some("-m") if index + 1 < args.len() => {
                return Unwrap::Command {
                    name: index + 1,
                    end: args.len(),
                    env: Vec::new(),
                };
            }
            Some(text) if text.starts_with('-') => {
                if matches!(text, "-c" | "-W" | "-X") {
                    return Unwrap::None;
                }
            }
            _ => return Unwrap::None,
        }
    }
    Unwrap::None
}

/// How a POSIX shell is invoked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Invocation {
    /// The options its command line sets (`-e`, `-o pipefail`).
    pub options: SetOptions,
    /// With `-c`: the index of the command string.
    pub command_string: Option<usize>,
    /// Without `-c`: the index of the script file operand, if any.
    pub script_file: Option<usize>,
    /// `-s`: the script is read from standard input even with operands.
    pub stdin: bool,
}

impl Invocation {
    /// Whether the shell reads its script from standard input (`bash`, `sh -s -- args`).
    pub fn reads_stdin(&self) -> bool {
        self.command_string.is_none() && (self.script_file.is_none() || self.stdin)
    }
}

/// Reads a shell's arguments: `bash -eo pipefail -c "script" name args`.
pub(super) fn shell_invocation(args: &[Word<'_>]) -> Invocation {
    let mut invocation = Invocation::default();
    let mut command_mode = false;
    let mut index = 0;
    while let Some(word) = args.get(index) {
        let Some(text) = word.value() else {
            break;
        };
        index += 1;
        if text == "--" || text == "-" {
            break;
        }
        if let Some(long) = text.strip_prefix("--") {
            if matches!(long, "rcfile" | "init-file") {
                index += 1;
            }
            continue;
        }
        let on = match text.as_bytes().first() {
            Some(b'-') => true,
            Some(b'+') => false,
            _ => {
                index -= 1;
                break;
            }
        };
        for letter in text[1..].chars() {
            match letter {
                'c' => command_mode = true,
                's' => invocation.stdin = true,
                'o' => {
                    if let Some(name) = args.get(index).and_then(Word::value) {
                        invocation.options.set_named(name, on);
                    }
                    index += 1;
                }
                'O' => index += 1,
                _ => invocation.options.set_letter(letter, on),
            }
        }
    }
    if index < args.len() {
        if command_mode {
            invocation.command_string = Some(index);
        } else {
            invocation.script_file = Some(index);
        }
    }
    invocation
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<Word<'_>> {
        crate::dockerfile::shell::view::test_words(line)
    }

    fn check(program: &str, args: &str, expected: Unwrap) {
        assert_eq!(unwrap(program, &words(args)), expected, "{program} {args}");
    }

    fn command(name: usize, end: usize) -> Unwrap {
        Unwrap::Command {
            name,
            end,
            env: Vec::new(),
        }
    }

    #[test]
    fn wrappers() {
        check("sudo", "-u app -E apt-get install", command(3, 5));
        check(
            "sudo",
            "A=1 apt-get",
            Unwrap::Command {
                name: 1,
                end: 2,
                env: vec![0],
            },
        );
        check("sudo", "-l", Unwrap::None);
        check(
            "env",
            "-i PATH=/bin X=1 sh",
            Unwrap::Command {
                name: 3,
                end: 4,
                env: vec![1, 2],
            },
        );
        check("env", "-S 'a b'", Unwrap::None);
        check("xargs", "-n 1 -I{} rm {}", command(3, 5));
        check("timeout", "-s KILL 10 curl x", command(3, 5));
        check("gosu", "app node server.js", command(1, 3));
        check("command", "-v curl", Unwrap::None);
        check("find", ". -name x -exec rm -f {} ; -print", command(4, 7));
        check("python3", "-m pip install x", command(1, 4));
        check("python3", "script.py", Unwrap::None);
        check(
            "su",
            "app -c 'make install'",
            Unwrap::Script {
                arg: 2,
                options: SetOptions::default(),
            },
        );
        check("runuser", "-u app -- make", command(3, 4));
        check("tini", "-- /entrypoint.sh", command(1, 2));
    }

    #[test]
    fn shells() {
        let pipefail = SetOptions {
            errexit: true,
            pipefail: true,
            ..SetOptions::default()
        };
        check(
            "bash",
            "-eo pipefail -c script",
            Unwrap::Script {
                arg: 3,
                options: pipefail,
            },
        );
        check(
            "sh",
            "-ec script",
            Unwrap::Script {
                arg: 1,
                options: SetOptions {
                    errexit: true,
                    ..SetOptions::default()
                },
            },
        );
        check("sh", "install.sh", Unwrap::None);
        assert!(shell_invocation(&words("-s -- -y")).reads_stdin());
        assert!(shell_invocation(&words("-x")).reads_stdin());
        assert!(!shell_invocation(&words("install.sh")).reads_stdin());
    }
}
