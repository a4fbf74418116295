//! Programs that run code they are given: shells, `python`, `perl`, `ruby`, `node`, `php`, and
//! the shell's own `.`, `source` and `eval`; and where that code comes from (standard input, a
//! file, the command line). `curl ... | sh` runs whatever the server sends because `sh` reads
//! its script from standard input.

use super::view::{Word, is_posix_shell};
use super::wrappers::shell_invocation;

/// Where a program that runs code reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptInput<'v, 'a> {
    /// Its standard input: `sh`, `bash -s -- -y`, `python3 -`, `php -- --install-dir=/x`.
    Stdin,
    /// A file operand: `bash install.sh`, `bash <(curl ...)`, `. ./env.sh`.
    File(&'v Word<'a>),
    /// Code written on the command line: `sh -c "..."`, `python3 -c "..."`, `eval "..."`.
    Code(&'v Word<'a>),
}

/// How an interpreter's command line says where its code is.
struct Interpreter {
    /// Options whose value is the code to run (`-c`, `-e`, `--eval`).
    code: &'static [&'static str],
    /// Options whose value is the script file (`php -f`).
    file: &'static [&'static str],
    /// Options that make it run something else than a script (`python -m module`).
    other: &'static [&'static str],
    /// Other options that take a value as the next word (or attached, for short ones).
    value: &'static [&'static str],
    /// After `--`, the remaining words are the script's arguments and the script is read from
    /// standard input (`php -- args`); otherwise the next word is the script file.
    stdin_after_double_dash: bool,
}

/// What an interpreter's option is about.
#[derive(Clone, Copy)]
enum OptionKind {
    Code,
    File,
    Other,
    Value,
}

impl Interpreter {
    /// The kind of the option of this interpreter that `is` accepts, if any.
    fn option_kind(&self, is: impl Fn(&str) -> bool) -> Option<OptionKind> {
        [
            (self.code, OptionKind::Code),
            (self.file, OptionKind::File),
            (self.other, OptionKind::Other),
            (self.value, OptionKind::Value),
        ]
        .into_iter()
        .find(|(options, _)| options.iter().any(|option| is(option)))
        .map(|(_, kind)| kind)
    }
}

/// What an option of `kind` whose value is `value` says of the interpreter's code: where it is
/// (or that it runs no script, `Some(None)`), or nothing yet for an option that only takes a
/// value (`None`: reading goes on after it).
fn found<'v, 'a>(
    kind: OptionKind,
    value: Option<&'v Word<'a>>,
) -> Option<Option<ScriptInput<'v, 'a>>> {
    match kind {
        OptionKind::Code => Some(value.map(ScriptInput::Code)),
        OptionKind::File => Some(value.map(operand)),
        OptionKind::Other => Some(None),
        OptionKind::Value => None,
    }
}

const PYTHON: Interpreter = Interpreter {
    code: &["-c"],
    file: &[],
    other: &["-m"],
    value: &["-W", "-X", "--check-hash-based-pycs"],
    stdin_after_double_dash: false,
};

const PERL: Interpreter = Interpreter {
    code: &["-e", "-E"],
    file: &[],
    other: &[],
    value: &[],
    stdin_after_double_dash: false,
};

const RUBY: Interpreter = Interpreter {
    code: &["-e"],
    file: &[],
    other: &[],
    value: &["-r", "-I", "-C", "--require"],
    stdin_after_double_dash: false,
};

const NODE: Interpreter = Interpreter {
    code: &["-e", "--eval", "-p", "--print"],
    file: &[],
    other: &[],
    value: &[
        "-r",
        "--require",
        "--import",
        "--loader",
        "--experimental-loader",
        "-C",
        "--conditions",
        "--env-file",
        "--input-type",
        "--title",
    ],
    stdin_after_double_dash: false,
};

const PHP: Interpreter = Interpreter {
    code: &["-r", "-B", "-R", "-E"],
    file: &["-f", "-F"],
    other: &[
        "-S", "-a", "-l", "-m", "-i", "-v", "-h", "--rf", "--rc", "--re", "--rz", "--ri",
    ],
    value: &["-c", "-d", "-t", "-z"],
    stdin_after_double_dash: true,
};

/// Where the program `program` (a file name) run with `args` reads the code it runs; `None`
/// when it is not a program that runs code, or runs something else than a script
/// (`python3 -m pip`, `php -v`).
pub(super) fn script_input<'v, 'a>(
    program: &str,
    args: &'v [Word<'a>],
) -> Option<ScriptInput<'v, 'a>> {
    match program {
        "." | "source" => args.first().map(ScriptInput::File),
        "eval" => args.first().map(ScriptInput::Code),
        _ if is_posix_shell(program) => {
            let invocation = shell_invocation(args);
            if let Some(code) = invocation.command_string {
                return Some(ScriptInput::Code(&args[code]));
            }
            Some(match invocation.script_file {
                Some(file) if !invocation.stdin => operand(&args[file]),
                _ => ScriptInput::Stdin,
            })
        }
        _ => interpreted(interpreter(program)?, args),
    }
}

fn interpreter(program: &str) -> Option<&'static Interpreter> {
    let versioned = |name: &str| {
        program
            .strip_prefix(name)
            .is_some_and(|version| version.chars().all(|ch| ch.is_ascii_digit() || ch == '.'))
    };
    Some(match program {
        "perl" | "perl5" => &PERL,
        "ruby" => &RUBY,
        "node" | "nodejs" => &NODE,
        _ if versioned("python") => &PYTHON,
        _ if versioned("php") => &PHP,
        _ => return None,
    })
}

/// A script operand: `-` and `/dev/stdin` name standard input.
fn operand<'v, 'a>(word: &'v Word<'a>) -> ScriptInput<'v, 'a> {
    match word.value() {
        Some("-" | "/dev/stdin") => ScriptInput::Stdin,
        _ => ScriptInput::File(word),
    }
}

/// Reads an interpreter's command line: options (short ones may be grouped, `-uc`, and take
/// an attached value, `-ccode`), then the script operand.
fn interpreted<'v, 'a>(
    interpreter: &Interpreter,
    args: &'v [Word<'a>],
) -> Option<ScriptInput<'v, 'a>> {
    let mut index = 0;
    while let Some(word) = args.get(index) {
        index += 1;
        let text = match word.value() {
            Some(text) => text,
            // `--opt=$VALUE`: an option whose value berth cannot read.
            None if word.text.starts_with('-') => &word.text,
            None => return Some(ScriptInput::File(word)),
        };
        if text == "--" {
            if interpreter.stdin_after_double_dash {
                return Some(ScriptInput::Stdin);
            }
            return Some(args.get(index).map_or(ScriptInput::Stdin, operand));
        }
        if text == "-" || !text.starts_with('-') {
            return Some(operand(word));
        }
        if let Some(long) = text.strip_prefix("--") {
            let (name, attached) = match long.split_once('=') {
                Some((name, _)) => (&text[..name.len() + 2], true),
                None => (text, false),
            };
            let value = if attached {
                Some(word)
            } else {
                args.get(index)
            };
            if let Some(kind) = interpreter.option_kind(|option| option == name) {
                if let Some(found) = found(kind, value) {
                    return found;
                }
                if !attached {
                    index += 1;
                }
            }
            continue;
        }
        // A group of short options: the first that takes a value ends the group, and its value
        // is the rest of the word or the next word.
        for (at, letter) in text.char_indices().skip(1) {
            let short = |option: &str| option.len() == 2 && option[1..].starts_with(letter);
            let Some(kind) = interpreter.option_kind(short) else {
                continue;
            };
            let attached = at + letter.len_utf8() < text.len();
            let value = if attached {
                Some(word)
            } else {
                args.get(index)
            };
            if let Some(found) = found(kind, value) {
                return found;
            }
            if !attached {
                index += 1;
            }
            break;
        }
    }
    Some(ScriptInput::Stdin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<Word<'_>> {
        crate::dockerfile::shell::view::test_words(line)
    }

    /// Where `command` reads its code: `stdin`, `file X`, `code X`, or `none`.
    fn check(command: &str, expected: &str) {
        let (program, args) = command.split_once(' ').unwrap_or((command, ""));
        let args = words(args);
        let found = match script_input(program, &args) {
            Some(ScriptInput::Stdin) => "stdin".to_string(),
            Some(ScriptInput::File(word)) => format!("file {}", word.text),
            Some(ScriptInput::Code(word)) => format!("code {}", word.text),
            None => "none".to_string(),
        };
        assert_eq!(found, expected, "{command}");
    }

    #[test]
    fn shells() {
        check("sh", "stdin");
        check("bash -", "stdin");
        check("bash -s -- -y", "stdin");
        check("bash -eo pipefail", "stdin");
        check("sh -x install.sh", "file install.sh");
        check("bash /dev/stdin", "stdin");
        check("sh -c script", "code script");
        check("bash -ec script", "code script");
        check(". ./env.sh", "file ./env.sh");
        check("source x", "file x");
        check("eval code", "code code");
        check("eval", "none");
    }

    #[test]
    fn interpreters() {
        check("python3", "stdin");
        check("python -", "stdin");
        check("python3 -u get-pip.py", "file get-pip.py");
        check("python3 -c code", "code code");
        check("python3 -uc code", "code code");
        check("python3 -W ignore -", "stdin");
        check("python3 -m json.tool", "none");
        check("python3.12 -", "stdin");
        check("perl -e code", "code code");
        check("perl -Mstrict", "stdin");
        check("perl -", "stdin");
        check("ruby -rjson -e code", "code code");
        check("ruby -r json script.rb", "file script.rb");
        check("node", "stdin");
        check("node --eval=code", "code --eval=code");
        check("node -r dotenv/config server.js", "file server.js");
        check("php", "stdin");
        check("php -- --install-dir=/usr/local/bin", "stdin");
        check(
            "php -d memory_limit=-1 composer-setup.php",
            "file composer-setup.php",
        );
        check("php -r code", "code code");
        check("php -f x.php", "file x.php");
        check("php -v", "none");
        check("curl", "none");
        check("pythonista", "none");
    }
}
