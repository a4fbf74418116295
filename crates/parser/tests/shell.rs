//! Shell view fixtures: one Dockerfile per shell-reading behaviour in
//! `tests/fixtures/shell/`, each with a snapshot of the view of every instruction that runs a
//! command; the range invariants over those fixtures and the Dockerfile parser's; and focused
//! checks of the queries rules use.

use berth_parser::LineIndex;
use berth_parser::TextRange;
use berth_parser::dockerfile::shell::{
    HeredocRole, Operator, ScriptInput, ShellKind, ShellView, SkipReason, Word, WordKind,
    shell_view, to_debug_view,
};
use berth_parser::dockerfile::{Arguments, Command, Dockerfile, Instruction, Keyword, parse};

/// The instructions whose view a fixture shows, with the shell kind their stage's SHELL gives.
fn views<'a>(text: &'a str, dockerfile: &'a Dockerfile) -> Vec<(&'a Instruction, ShellView<'a>)> {
    let mut shell = ShellKind::Posix;
    let mut views = Vec::new();
    for instruction in &dockerfile.instructions {
        match instruction.keyword {
            Keyword::From => shell = ShellKind::Posix,
            Keyword::Shell => {
                if let Some(Command::Exec(array)) = instruction.command()
                    && let Some(program) = array.elements.first()
                {
                    shell = ShellKind::of_program(&program.text);
                }
            }
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck => {
                views.push((instruction, shell_view(text, instruction, shell)));
            }
            Keyword::Onbuild
                if instruction
                    .trigger()
                    .is_some_and(|trigger| trigger.keyword == Keyword::Run) =>
            {
                views.push((instruction, shell_view(text, instruction, shell)));
            }
            _ => {}
        }
    }
    views
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/shell/*.Dockerfile", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let dockerfile = parse(&text);
        let index = LineIndex::new(&text);
        let mut snapshot = String::new();
        for (instruction, view) in views(&text, &dockerfile) {
            check_ranges(&text, instruction, &view);
            let first_line = text[instruction.range.to_usize()]
                .lines()
                .next()
                .unwrap_or("");
            snapshot.push_str(&format!(
                "=== {} {first_line}\n",
                index.line_column(&text, instruction.range.start)
            ));
            snapshot.push_str(&to_debug_view(&view, &text));
        }
        insta::assert_snapshot!(snapshot);
    });
}

/// The Dockerfile parser's fixtures exercise every Dockerfile form (escapes, continuations,
/// heredocs, CRLF, ONBUILD): the views of their instructions keep the range invariants.
#[test]
fn ranges_on_dockerfile_fixtures() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/dockerfile");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let dockerfile = parse(&text);
        for (instruction, view) in views(&text, &dockerfile) {
            check_ranges(&text, instruction, &view);
            checked += view.commands.len();
        }
    }
    assert!(checked > 50, "only {checked} commands checked");
}

/// A view depends only on its instruction's text: built after blank lines are inserted before
/// the instruction, it is the view built in place moved by their length (what lets the
/// language server keep views from one keystroke to the next). Over every fixture of both
/// sets, for every instruction that runs a command.
#[test]
fn views_move_with_their_instruction() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut moved = 0;
    for dir in ["tests/fixtures/shell", "tests/fixtures/dockerfile"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let Ok(text) = std::fs::read_to_string(entry.unwrap().path()) else {
                continue;
            };
            let dockerfile = parse(&text);
            for (instruction, view) in views(&text, &dockerfile) {
                let start = instruction.range.start;
                let padded = format!("{}\n\n{}", &text[..start as usize], &text[start as usize..]);
                let padded_tree = parse(&padded);
                let (_, expected) = views(&padded, &padded_tree)
                    .into_iter()
                    .find(|(other, _)| other.range.start == start + 2)
                    .expect("the instruction, two bytes later");
                assert_eq!(
                    view.moved(start, start + 2),
                    expected,
                    "{:?}",
                    instruction.range
                );
                let kept = expected.moved(start + 2, 0);
                assert_eq!(kept.moved(0, start), view);
                assert_eq!(kept.placed(&text, 0, start), view);
                moved += 1;
            }
        }
    }
    assert!(moved > 100, "only {moved} views moved");
}

/// Every range lies inside the instruction, on character boundaries; a plain command name
/// is the text at its range.
fn check_ranges(text: &str, instruction: &Instruction, view: &ShellView<'_>) {
    let inside = |range: TextRange, what: &str| {
        assert!(
            instruction.range.contains_range(range),
            "{what} {range:?} outside {:?} in {:?}",
            instruction.range,
            &text[instruction.range.to_usize()]
        );
        assert!(
            text.get(range.to_usize()).is_some(),
            "{what} {range:?} off a char boundary"
        );
    };
    let word = |word: &Word<'_>, what: &str| {
        inside(word.range, what);
        let written = &text[word.range.to_usize()];
        if word.kind == WordKind::Plain && !written.contains(['\\', '`', '\n', '\r']) {
            assert_eq!(word.value(), Some(written), "{what} at {:?}", word.range);
        }
    };
    for script in &view.scripts {
        for piece in &script.pieces {
            inside(*piece, "script piece");
        }
    }
    for command in &view.commands {
        inside(command.range, "command");
        word(&command.name, "name");
        for arg in &command.args {
            word(arg, "arg");
        }
        for assignment in &command.assignments {
            inside(assignment.range, "assignment");
            inside(assignment.name_range, "assignment name");
        }
        for redirect in &command.redirects {
            inside(redirect.range, "redirect");
        }
    }
    for pipeline in &view.pipelines {
        inside(pipeline.range, "pipeline");
    }
    for list in &view.lists {
        inside(list.range, "list");
    }
    for error in &view.errors {
        inside(error.range, "error");
    }
}

/// The view of the first instruction that runs a command in `dockerfile`, through `check`.
fn with_view(dockerfile: &str, check: impl FnOnce(&ShellView<'_>)) {
    let parsed = parse(dockerfile);
    let (_, view) = views(dockerfile, &parsed)
        .into_iter()
        .next()
        .expect("an instruction that runs a command");
    check(&view);
}

fn run(script: &str) -> String {
    format!("FROM alpine\nRUN {script}\n")
}

#[test]
fn apt_get_queries() {
    with_view(
        &run(
            "sudo apt-get -o Dpkg::Options::=--force-confold -qy install --no-install-recommends curl=7.* git",
        ),
        |view| {
            let apt = view.commands_named("apt-get").next().unwrap();
            assert!(apt.has_flag(&["-y", "--yes", "--assume-yes"]));
            assert!(apt.has_flag(&["--no-install-recommends"]));
            assert!(!apt.has_flag(&["-s"]));
            assert_eq!(apt.subcommand().and_then(Word::value), Some("install"));
            let packages: Vec<_> = apt
                .args_after_subcommand()
                .filter_map(Word::value)
                .collect();
            assert_eq!(packages, ["curl=7.*", "git"]);
            assert_eq!(
                apt.flag_value(&["-o", "--option"])
                    .and_then(|value| value.value)
                    .as_deref(),
                Some("Dpkg::Options::=--force-confold")
            );
            let sudo = view.commands_named("sudo").next().unwrap();
            assert_eq!(sudo.own_args().len(), 0);
            assert_eq!(view.innermost(0).program(), Some("apt-get"));
        },
    );
}

#[test]
fn flag_values_inline_and_repeated() {
    with_view(
        &run("tool --mount=type=cache,target=/x --mount type=tmpfs -ofile -o other"),
        |view| {
            let tool = &view.commands[0];
            let mounts: Vec<_> = tool
                .flag_values(&["--mount"])
                .map(|value| value.value.unwrap().into_owned())
                .collect();
            assert_eq!(mounts, ["type=cache,target=/x", "type=tmpfs"]);
            let first = tool.flag_value(&["--mount"]).unwrap();
            let text = run("tool --mount=type=cache,target=/x --mount type=tmpfs -ofile -o other");
            assert_eq!(&text[first.range.to_usize()], "type=cache,target=/x");
            let outputs: Vec<_> = tool
                .flag_values(&["-o"])
                .map(|value| value.value.unwrap().into_owned())
                .collect();
            assert_eq!(outputs, ["file", "other"]);
        },
    );
}

#[test]
fn pipelines_and_pipefail() {
    with_view(&run("set -o pipefail && curl -fsSL x | sudo sh"), |view| {
        let pipeline = &view.pipelines[0];
        assert!(pipeline.options.pipefail);
        let programs: Vec<_> = view
            .pipeline_commands(0)
            .map(|(position, command)| (position, command.program().unwrap()))
            .collect();
        assert_eq!(programs, [(0, "curl"), (1, "sudo"), (1, "sh")]);
    });
    with_view(&run("(set -o pipefail) && a | b"), |view| {
        assert!(!view.pipelines[0].options.pipefail);
    });
}

#[test]
fn where_interpreters_read_their_code() {
    let text = run(
        "curl -fsSL x | sudo -E bash - && bash <(wget -qO- y) && sh -c \"$(curl z)\" && python3 -m pip install a",
    );
    with_view(&text, |view| {
        let inputs: Vec<_> = view
            .valid_commands()
            .filter_map(|command| {
                let input = match command.script_input()? {
                    ScriptInput::Stdin => "stdin".to_string(),
                    ScriptInput::File(word) => format!("file {}", &text[word.range.to_usize()]),
                    ScriptInput::Code(word) => format!("code {}", &text[word.range.to_usize()]),
                };
                Some(format!("{} {input}", command.program()?))
            })
            .collect();
        assert_eq!(
            inputs,
            [
                "bash stdin",
                "bash file <(wget -qO- y)",
                "sh code \"$(curl z)\"",
            ]
        );
    });
}

#[test]
fn list_operators() {
    with_view(
        &run("apt-get update; apt-get install -y x && rm -rf /var/lib/apt/lists/*"),
        |view| {
            let operators: Vec<_> = view
                .commands
                .iter()
                .map(|command| (command.context.before, command.context.after))
                .collect();
            assert_eq!(
                operators,
                [
                    (None, Some(Operator::Semicolon)),
                    (Some(Operator::Semicolon), Some(Operator::And)),
                    (Some(Operator::And), None)
                ]
            );
        },
    );
}

#[test]
fn errors_do_not_hide_the_rest() {
    with_view(&run("apt-get update && if then fi && echo after"), |view| {
        assert!(view.has_errors());
        assert!(view.commands_named("apt-get").next().is_some());
        assert!(view.commands.iter().any(|command| command.is("echo")));
    });
}

#[test]
fn non_posix_shell_and_interpreters() {
    let text = "FROM x\nSHELL [\"pwsh\", \"-c\"]\nRUN Get-Item x\n";
    let dockerfile = parse(text);
    let view = shell_view(text, &dockerfile.instructions[2], ShellKind::Other);
    assert!(view.is_empty());
    assert_eq!(view.skipped[0].reason, SkipReason::NonPosixShell);

    with_view(
        "FROM x\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n",
        |view| {
            assert!(view.is_empty());
            assert_eq!(
                view.heredocs,
                [HeredocRole::Interpreter {
                    name: "python3".to_string()
                }]
            );
        },
    );
}

#[test]
fn every_instruction_kind_is_safe() {
    let text =
        "FROM x\nCOPY <<EOF /x\ndata\nEOF\nSHELL [\"sh\", \"-c\"]\nHEALTHCHECK NONE\nENV A=1\n";
    let dockerfile = parse(text);
    for instruction in &dockerfile.instructions {
        let view = shell_view(text, instruction, ShellKind::Posix);
        assert!(view.is_empty());
        assert_eq!(view.skipped[0].reason, SkipReason::NoCommand);
    }
    let _ = Arguments::None;
}

#[test]
fn heredoc_read_by_a_shell_is_a_script() {
    with_view(
        "FROM x\nRUN sudo bash -e <<EOF && echo done\napt-get update\nEOF\n",
        |view| {
            let HeredocRole::ShellInput { command, script } = view.heredocs[0] else {
                panic!("{:?}", view.heredocs);
            };
            assert!(view.commands[command].is("bash"));
            assert!(view.scripts[script].options.errexit);
            let apt = view.commands_named("apt-get").next().unwrap();
            assert_eq!(apt.script, script);
            assert!(apt.options.errexit);
        },
    );
    with_view(
        "FROM x\nRUN cat <<EOF > /x\napt-get update\nEOF\n",
        |view| {
            assert!(view.commands_named("apt-get").next().is_none());
            assert!(matches!(view.heredocs[0], HeredocRole::Input { fd: 0, .. }));
        },
    );
}

#[test]
fn assignments_everywhere() {
    with_view(
        &run(
            "PIP_NO_CACHE_DIR=1 env PYTHONHTTPSVERIFY=0 pip install x && export NODE_TLS_REJECT_UNAUTHORIZED=0 && X=1",
        ),
        |view| {
            let names: Vec<_> = view
                .all_assignments()
                .map(|assignment| {
                    let value = assignment
                        .value
                        .as_ref()
                        .and_then(Word::value)
                        .unwrap_or("");
                    format!("{}={value}", assignment.name)
                })
                .collect();
            assert_eq!(
                names,
                [
                    "X=1",
                    "PIP_NO_CACHE_DIR=1",
                    "PYTHONHTTPSVERIFY=0",
                    "NODE_TLS_REJECT_UNAUTHORIZED=0"
                ]
            );
            let pip = view.commands_named("pip").next().unwrap();
            assert_eq!(
                pip.assignment("PYTHONHTTPSVERIFY")
                    .and_then(|assignment| assignment.value.as_ref())
                    .and_then(Word::value),
                Some("0")
            );
        },
    );
}

#[test]
fn commands_inside_errors_are_left_to_the_caller() {
    with_view(&run("apt-get update && if then fi && echo after"), |view| {
        assert!(view.commands.iter().any(|command| command.context.in_error));
        assert!(view.commands_named("echo").next().is_none());
        assert!(
            view.valid_commands()
                .all(|command| !command.context.in_error)
        );
    });
}
