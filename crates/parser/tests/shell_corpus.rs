//! Tries the shell view on a local collection of Dockerfiles, which is never committed:
//!
//! ```text
//! BERTH_DOCKERFILE_CORPUS=/path/to/dir cargo test -p berth-parser --test shell_corpus -- --ignored --nocapture
//! ```
//!
//! Every view of every instruction that runs a command is computed; the test checks that each
//! range lies inside its instruction on character boundaries and that a plain command name
//! is the text at its range, and prints counts: commands, wrapped commands, nested scripts,
//! heredocs by role, views with shell syntax errors (with their first lines, to read).

mod corpus;

use std::collections::BTreeMap;
use std::path::Path;

use berth_parser::TextRange;
use berth_parser::dockerfile::shell::{HeredocRole, ShellKind, ShellView, WordKind, shell_view};
use berth_parser::dockerfile::{Command, Keyword, parse};

#[test]
#[ignore = "needs BERTH_DOCKERFILE_CORPUS"]
fn corpus() {
    let Ok(root) = std::env::var("BERTH_DOCKERFILE_CORPUS") else {
        return;
    };
    let files = corpus::files(Path::new(&root), corpus::is_dockerfile);
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut programs: BTreeMap<String, usize> = BTreeMap::new();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let dockerfile = parse(&text);
        *counts.entry("files").or_default() += 1;
        let mut shell = ShellKind::Posix;
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
                _ => {}
            }
            let runs = match instruction.keyword {
                Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck => true,
                Keyword::Onbuild => instruction.trigger().is_some(),
                _ => false,
            };
            if !runs {
                continue;
            }
            let view = shell_view(&text, instruction, shell);
            *counts.entry("views").or_default() += 1;
            check(&text, instruction.range, &view, path);
            *counts.entry("commands").or_default() += view.commands.len();
            *counts.entry("commands in errors").or_default() += view
                .commands
                .iter()
                .filter(|command| command.context.in_error)
                .count();
            *counts.entry("wrapped commands").or_default() += view
                .commands
                .iter()
                .filter(|command| command.wrapped_by.is_some())
                .count();
            *counts.entry("scripts").or_default() += view.scripts.len();
            *counts.entry("pipelines").or_default() += view.pipelines.len();
            *counts.entry("skipped").or_default() += view.skipped.len();
            for role in &view.heredocs {
                let name = match role {
                    HeredocRole::Script { .. } => "heredoc scripts",
                    HeredocRole::ShellInput { .. } => "heredoc shell inputs",
                    HeredocRole::Input { .. } => "heredoc data",
                    HeredocRole::Interpreter { .. } => "heredoc interpreters",
                    HeredocRole::NotAnalysed => "heredocs not analysed",
                };
                *counts.entry(name).or_default() += 1;
            }
            for command in &view.commands {
                *programs
                    .entry(command.program().unwrap_or("<dynamic>").to_string())
                    .or_default() += 1;
            }
            if view.has_errors() {
                *counts.entry("views with errors").or_default() += 1;
                let first = &view.errors[0];
                let line = text[..first.range.start as usize].lines().count().max(1);
                println!(
                    "ERROR {}:{line}: {:?}",
                    path.display(),
                    excerpt(&text, first.range)
                );
            }
        }
    }
    for (what, count) in &counts {
        println!("{what}: {count}");
    }
    let mut top: Vec<_> = programs.into_iter().collect();
    top.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    let top: Vec<String> = top
        .iter()
        .take(40)
        .map(|(name, count)| format!("{name} {count}"))
        .collect();
    println!("programs: {}", top.join(", "));
}

fn excerpt(text: &str, range: TextRange) -> &str {
    let start = text[..range.start as usize]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let end = text[range.end as usize..]
        .find('\n')
        .map_or(text.len(), |at| range.end as usize + at);
    &text[start..end]
}

fn check(text: &str, instruction: TextRange, view: &ShellView<'_>, path: &Path) {
    let inside = |range: TextRange, what: &str| {
        assert!(
            instruction.contains_range(range) && text.get(range.to_usize()).is_some(),
            "{}: {what} {range:?} outside {instruction:?}",
            path.display()
        );
    };
    for command in &view.commands {
        inside(command.range, "command");
        inside(command.name.range, "name");
        let written = &text[command.name.range.to_usize()];
        if command.name.kind == WordKind::Plain && !written.contains(['\\', '`', '\n', '\r']) {
            assert_eq!(
                command.name.value(),
                Some(written),
                "{}: name at {:?}",
                path.display(),
                command.name.range
            );
        }
        for arg in &command.args {
            inside(arg.range, "arg");
        }
        for redirect in &command.redirects {
            inside(redirect.range, "redirect");
        }
    }
    for script in &view.scripts {
        for piece in &script.pieces {
            inside(*piece, "piece");
        }
    }
    for error in &view.errors {
        inside(error.range, "error");
    }
}
