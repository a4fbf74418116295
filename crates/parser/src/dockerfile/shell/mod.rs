//! The shell view of RUN: the commands a shell-form RUN (CMD, ENTRYPOINT, HEALTHCHECK CMD,
//! ONBUILD RUN) runs, read with tree-sitter-bash, every range a byte range of the Dockerfile.
//!
//! [`shell_view`] decides what the shell reads, as BuildKit runs it:
//! - shell form: the command with its continuations and the comment lines inside them left
//!   out, parsed in place (the parser's included ranges are the command's file pieces);
//! - `RUN <<EOF` alone: the heredoc body is the script (unless its `#!` line names another
//!   interpreter); `RUN cmd <<EOF ...`: the line and the bodies form one script, each body
//!   read according to the command that reads it (a shell's input is parsed as a script,
//!   anything else is data whose `$(...)` still run);
//! - exec form: one command whose words are the JSON strings; a shell's `-c` string is
//!   parsed as a script (in place when the JSON string has no escapes that change its text,
//!   otherwise with every range the whole string: see [`Script::approximate`]);
//! - a non-POSIX SHELL: nothing, with the reason in [`ShellView::skipped`].
//!
//! The view lists every simple command in source order, wherever it is (lists, pipelines,
//! subshells, conditions, loops, functions, substitutions, `sh -c` strings), and unwraps
//! wrappers (`sudo`, `env`, `xargs`, `nohup`, `exec`, `su -c`, `find -exec`...): the wrapper
//! and the command it runs are both commands, linked by [`SimpleCommand::wraps`].
//!
//! It depends on nothing but the instruction: the caller says whether the stage's SHELL is
//! POSIX ([`ShellKind`]) and adds SHELL's own options (`-o pipefail`) to [`SetOptions`].
//! Nodes are computed on demand per instruction; one tree-sitter parser per thread is reused.

mod build;
mod dump;
mod heredoc;
mod interpreters;
mod moved;
mod options;
mod parse;
mod query;
mod source;
mod view;
mod wrappers;

pub use dump::to_debug_view;
pub use interpreters::ScriptInput;
pub use query::FlagValue;
pub use view::{
    Assignment, Context, HeredocRole, List, ListItem, ListPosition, Operator, Pipeline,
    PipelinePosition, Redirect, RedirectOperator, Script, ScriptArgument, ScriptKind, SetOptions,
    ShellError, ShellKind, ShellView, SimpleCommand, SkipReason, Skipped, Word, WordKind, Wrapped,
    is_posix_shell, program_name,
};

use super::tree::Instruction;

/// The shell view of `instruction` (RUN, CMD, ENTRYPOINT, HEALTHCHECK, or an ONBUILD whose
/// trigger is one of them) of the Dockerfile `text`, run by a shell of kind `shell`. Never
/// fails: what cannot be analysed is in [`ShellView::skipped`], what the shell would refuse
/// in [`ShellView::errors`].
pub fn shell_view<'a>(
    text: &'a str,
    instruction: &'a Instruction,
    shell: ShellKind,
) -> ShellView<'a> {
    build::shell_view(text, instruction, shell)
}
