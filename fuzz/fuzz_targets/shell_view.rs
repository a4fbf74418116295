//! The shell view never panics on any Dockerfile, and every range it returns lies on
//! character boundaries of the text and inside its instruction.

#![no_main]

use berth_parser::dockerfile::parse;
use berth_parser::dockerfile::shell::{ShellKind, ShellView, shell_view};
use berth_parser::TextRange;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let dockerfile = parse(text);
    for instruction in dockerfile.instructions_recursive() {
        for shell in [ShellKind::Posix, ShellKind::Other] {
            let view = shell_view(text, instruction, shell);
            check(&view, text, instruction.range);
        }
    }
});

/// Slicing panics on a range out of bounds or off a character boundary.
fn check(view: &ShellView<'_>, text: &str, instruction: TextRange) {
    let inside = |range: TextRange| {
        assert!(instruction.contains_range(range), "{range:?} outside {instruction:?}");
        let _ = range.slice(text);
    };
    for script in &view.scripts {
        script.pieces.iter().copied().for_each(inside);
    }
    for command in &view.commands {
        inside(command.range);
        inside(command.name.range);
        command.args.iter().for_each(|arg| inside(arg.range));
        command.redirects.iter().for_each(|redirect| inside(redirect.range));
        command.assignments.iter().for_each(|assignment| {
            inside(assignment.range);
            inside(assignment.name_range);
        });
        let _ = command.subcommand();
        let _ = command.flag_value(&["-o", "--output"]);
    }
    view.pipelines.iter().for_each(|pipeline| inside(pipeline.range));
    view.lists.iter().for_each(|list| inside(list.range));
    view.errors.iter().for_each(|error| inside(error.range));
}
