//! A readable dump of a shell view with `line:column` ranges, for snapshot tests and
//! debugging. One line per fact; details of a command are indented under it.

use std::fmt::Write;

use crate::text::{LineIndex, TextRange};

use super::view::{Context, HeredocRole, ScriptKind, SetOptions, ShellView, SimpleCommand, Word};

/// The dump of `view`, computed from the Dockerfile `text`.
pub fn to_debug_view(view: &ShellView<'_>, text: &str) -> String {
    let index = LineIndex::new(text);
    let mut dump = Dump {
        out: String::new(),
        text,
        index: &index,
    };
    dump.view(view);
    dump.out
}

struct Dump<'t> {
    out: String,
    text: &'t str,
    index: &'t LineIndex,
}

impl Dump<'_> {
    fn range(&self, range: TextRange) -> String {
        let start = self.index.line_column(self.text, range.start);
        let end = self.index.line_column(self.text, range.end);
        format!("{start}-{end}")
    }

    fn view(&mut self, view: &ShellView<'_>) {
        for (index, script) in view.scripts.iter().enumerate() {
            let kind = match script.kind {
                ScriptKind::CommandLine => "command-line".to_string(),
                ScriptKind::ExecForm => "exec-form".to_string(),
                ScriptKind::Heredoc { heredoc } => format!("heredoc {heredoc}"),
                ScriptKind::Argument { command } => format!("argument of command {command}"),
                ScriptKind::HeredocSubstitution { heredoc } => {
                    format!("substitution in heredoc {heredoc}")
                }
            };
            let pieces: Vec<String> = script.pieces.iter().map(|p| self.range(*p)).collect();
            let _ = write!(self.out, "script {index} {kind}: {}", pieces.join(" "));
            if script.approximate {
                self.out.push_str(" (approximate)");
            }
            self.options(script.options);
            self.out.push('\n');
        }
        for (index, command) in view.commands.iter().enumerate() {
            self.command(index, command);
        }
        for (index, assignment) in view.assignments.iter().enumerate() {
            let _ = write!(
                self.out,
                "assignment {index} {} {:?}",
                self.range(assignment.range),
                assignment.name
            );
            match &assignment.value {
                Some(value) => self.word_value(value),
                None => self.out.push_str(" unset"),
            }
            self.out.push('\n');
        }
        for (index, pipeline) in view.pipelines.iter().enumerate() {
            let commands: Vec<String> = pipeline.commands.iter().map(usize::to_string).collect();
            let _ = write!(
                self.out,
                "pipeline {index} {} elements {} commands {}",
                self.range(pipeline.range),
                pipeline.elements.len(),
                commands.join(" ")
            );
            if pipeline.negated {
                self.out.push_str(" negated");
            }
            if pipeline.pipes_stderr {
                self.out.push_str(" |&");
            }
            self.options(pipeline.options);
            self.out.push('\n');
        }
        for (index, list) in view.lists.iter().enumerate() {
            let items: Vec<String> = list
                .items
                .iter()
                .map(|item| match item.before {
                    Some(operator) => format!("{} {}", operator.as_str(), self.range(item.range)),
                    None => self.range(item.range),
                })
                .collect();
            let _ = writeln!(self.out, "list {index}: {}", items.join(" "));
        }
        for (index, role) in view.heredocs.iter().enumerate() {
            let role = match role {
                HeredocRole::Script { script } => format!("the script (script {script})"),
                HeredocRole::ShellInput { command, script } => {
                    format!("shell input of command {command} (script {script})")
                }
                HeredocRole::Input {
                    command: Some(command),
                    fd,
                } => {
                    format!("data on fd {fd} of command {command}")
                }
                HeredocRole::Input { command: None, fd } => format!("data on fd {fd}"),
                HeredocRole::Interpreter { name } => format!("run by {name}"),
                HeredocRole::NotAnalysed => "not analysed".to_string(),
            };
            let _ = writeln!(self.out, "heredoc {index}: {role}");
        }
        for error in &view.errors {
            let _ = writeln!(
                self.out,
                "error {}: {}",
                self.range(error.range),
                error.message().en
            );
        }
        for skipped in &view.skipped {
            let _ = writeln!(
                self.out,
                "skipped {}: {}",
                self.range(skipped.range),
                skipped.message().en
            );
        }
    }

    fn command(&mut self, index: usize, command: &SimpleCommand<'_>) {
        let _ = write!(
            self.out,
            "command {index} {} {} script {}",
            command.program().unwrap_or("<dynamic>"),
            self.range(command.range),
            command.script
        );
        self.context(&command.context);
        self.options(command.options);
        self.out.push('\n');
        self.word("  name", &command.name);
        for arg in &command.args {
            self.word("  arg", arg);
        }
        for assignment in &command.assignments {
            let _ = write!(
                self.out,
                "  assignment {} {:?}",
                self.range(assignment.range),
                assignment.name
            );
            match &assignment.value {
                Some(value) => self.word_value(value),
                None => self.out.push_str(" unset"),
            }
            self.out.push('\n');
        }
        for redirect in &command.redirects {
            let _ = write!(
                self.out,
                "  redirect {} {}{}",
                self.range(redirect.range),
                redirect.fd.map(|fd| fd.to_string()).unwrap_or_default(),
                redirect.operator.as_str()
            );
            if let Some(target) = &redirect.target {
                self.word_value(target);
            }
            if let Some(heredoc) = redirect.heredoc {
                let _ = write!(self.out, " heredoc {heredoc}");
            }
            self.out.push('\n');
        }
        if let Some(wrapped) = command.wraps {
            let _ = writeln!(
                self.out,
                "  runs command {} (arg {})",
                wrapped.command, wrapped.arg
            );
        }
        if let Some(wrapper) = command.wrapped_by {
            let _ = writeln!(self.out, "  run by command {wrapper}");
        }
        if let Some(argument) = command.script_argument {
            let _ = writeln!(
                self.out,
                "  runs script {} (arg {})",
                argument.script, argument.arg
            );
        }
    }

    fn word(&mut self, what: &str, word: &Word<'_>) {
        let _ = write!(self.out, "{what} {}", self.range(word.range));
        self.word_value(word);
        self.out.push('\n');
    }

    /// ` "text"`, then ` = "value"` when quote removal changes it, or ` (dynamic)`.
    fn word_value(&mut self, word: &Word<'_>) {
        let _ = write!(self.out, " {:?}", word.text);
        match word.value() {
            Some(value) if value == word.text => {}
            Some(value) => {
                let _ = write!(self.out, " = {value:?}");
            }
            None => self.out.push_str(" (dynamic)"),
        }
    }

    fn context(&mut self, context: &Context) {
        if let Some(list) = context.list {
            let _ = write!(self.out, " list {}.{}", list.list, list.item);
        }
        if let Some(before) = context.before {
            let _ = write!(self.out, " preceded-by {}", before.as_str());
        }
        if let Some(after) = context.after {
            let _ = write!(self.out, " followed-by {}", after.as_str());
        }
        if let Some(pipeline) = context.pipeline {
            let _ = write!(
                self.out,
                " pipeline {}.{}",
                pipeline.pipeline, pipeline.index
            );
        }
        for (set, name) in [
            (context.in_subshell, "subshell"),
            (context.in_condition, "condition"),
            (context.in_loop, "loop"),
            (context.in_substitution, "substitution"),
            (context.in_function, "function"),
            (context.in_error, "in-error"),
            (context.negated, "negated"),
        ] {
            if set {
                let _ = write!(self.out, " {name}");
            }
        }
    }

    fn options(&mut self, options: SetOptions) {
        if options.is_empty() {
            return;
        }
        self.out.push_str(" options");
        for (set, name) in [
            (options.errexit, "errexit"),
            (options.nounset, "nounset"),
            (options.xtrace, "xtrace"),
            (options.pipefail, "pipefail"),
        ] {
            if set {
                let _ = write!(self.out, " {name}");
            }
        }
    }
}
