//! Builds a [`ShellView`] from an instruction: chooses what to parse (command line, heredoc
//! bodies, exec-form argv, `sh -c` strings), parses it with tree-sitter in file offsets, and
//! walks the trees into commands, pipelines and lists.

use std::borrow::Cow;

use tree_sitter::Node;

use crate::dockerfile::tree::{Command, Instruction, JsonArray, Keyword, ShellCommand};
use crate::text::TextRange;

use super::heredoc::{body_pieces, shebang};
use super::parse::{children, parse};
use super::source::{Source, clip, node_range, subtract};
use super::view::{
    Assignment, Context, HeredocRole, List, ListItem, ListPosition, Operator, Pipeline,
    PipelinePosition, Redirect, RedirectOperator, Script, ScriptArgument, ScriptKind, SetOptions,
    ShellError, ShellKind, ShellView, SimpleCommand, SkipReason, Skipped, Word, WordKind, Wrapped,
    is_posix_shell, program_name,
};
use super::wrappers::{Unwrap, is_assignment, is_name, shell_invocation, unwrap};

/// How deep statements, substitutions and nested scripts are followed. tree-sitter builds
/// trees of any depth; the walk is recursive, so it stops here rather than overflow.
const MAX_DEPTH: u32 = 128;

/// Most `$(...)` read in the body of one data heredoc.
const MAX_HEREDOC_SUBSTITUTIONS: usize = 64;

pub(super) fn shell_view<'a>(
    text: &'a str,
    instruction: &'a Instruction,
    shell: ShellKind,
) -> ShellView<'a> {
    let mut instruction = instruction;
    while let Some(trigger) = instruction.trigger() {
        instruction = trigger;
    }
    let mut builder = Builder {
        text,
        instruction,
        view: ShellView::default(),
        options: SetOptions::default(),
        depth: 0,
        markers: Vec::new(),
        readers: Vec::new(),
    };
    let runs_command = matches!(
        instruction.keyword,
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Healthcheck
    );
    match instruction.command() {
        Some(Command::Exec(array)) if runs_command => builder.exec_form(array),
        Some(Command::Shell(command)) if runs_command => builder.shell_form(command, shell),
        _ => builder.skip(instruction.range, SkipReason::NoCommand),
    }
    builder.view
}

struct Builder<'a> {
    text: &'a str,
    instruction: &'a Instruction,
    view: ShellView<'a>,
    /// The `set` options in effect at the point of the walk.
    options: SetOptions,
    depth: u32,
    /// The heredoc markers of the command line: the file offset of each marker's first `<`
    /// (what the shell parser sees as a `<` redirection) and the heredoc's index.
    markers: Vec<(u32, usize)>,
    /// For each heredoc, the command that reads it and the file descriptor.
    readers: Vec<Option<(usize, u32)>>,
}

/// An item of a list before it is walked.
struct Item<'t> {
    node: Node<'t>,
    before: Option<Operator>,
    after: Option<Operator>,
    /// Redirections written after the item that belong to its last command: tree-sitter
    /// attaches `a && b > f` and `a | b > f` to the whole list or pipeline, the shell to `b`.
    trailing: Vec<Node<'t>>,
}

impl<'a> Builder<'a> {
    fn skip(&mut self, range: TextRange, reason: SkipReason) {
        self.view.skipped.push(Skipped { range, reason });
    }

    fn add_script(&mut self, kind: ScriptKind, source: &Source<'a>, options: SetOptions) -> usize {
        self.view.scripts.push(Script {
            kind,
            pieces: match source.whole {
                Some(whole) => vec![whole],
                None => source.pieces.clone(),
            },
            approximate: source.whole.is_some(),
            options,
        });
        self.view.scripts.len() - 1
    }

    // ---- What to parse -------------------------------------------------------------------

    fn shell_form(&mut self, command: &'a ShellCommand, shell: ShellKind) {
        let heredocs = &self.instruction.heredocs;
        self.view.heredocs = vec![HeredocRole::NotAnalysed; heredocs.len()];
        self.readers = vec![None; heredocs.len()];
        // BuildKit runs the body of `RUN <<EOF` (the command is exactly one marker) as the
        // script itself, or as a file when it starts with `#!`.
        if heredocs.len() == 1 && heredocs[0].logical == command.logical {
            self.heredoc_script(0, shell);
            return;
        }
        if shell == ShellKind::Other {
            self.skip(command.range, SkipReason::NonPosixShell);
            for heredoc in heredocs {
                self.skip(heredoc.body, SkipReason::NonPosixShell);
            }
            return;
        }
        // Otherwise BuildKit hands the shell the line followed by the bodies. The shell
        // parser reads the line with each marker's `<<` (or `<<-`) as a plain `<`, so that
        // `<<A cat > a && <<B cat > b` parses as ordinary redirections; the bodies are
        // read apart, according to the command that reads them.
        let logical = self.instruction.logical.as_str();
        let mut excluded = Vec::new();
        for (index, heredoc) in heredocs.iter().enumerate() {
            let marker = heredoc.logical.slice(logical);
            let Some(at) = marker.find("<<") else {
                continue;
            };
            let at = heredoc.logical.start + at as u32;
            let offset = |logical: u32| self.instruction.logical.file_offset(logical);
            self.markers.push((offset(at), index));
            excluded.push(offset(at + 1));
            if heredoc.chomp {
                excluded.push(offset(at + 2));
            }
        }
        excluded.sort_unstable();
        let pieces = subtract(&self.instruction.file_pieces(command.logical), &excluded);
        let source = Source {
            text: self.text,
            pieces,
            whole: None,
        };
        let script = self.add_script(ScriptKind::CommandLine, &source, SetOptions::default());
        self.options = SetOptions::default();
        self.script(&source, script, Context::default());
        self.markers.clear();
        for index in 0..heredocs.len() {
            self.heredoc_input(index);
        }
    }

    /// `RUN <<EOF`: the body is the script, unless a `#!` line names another interpreter.
    fn heredoc_script(&mut self, index: usize, shell: ShellKind) {
        let heredoc = &self.instruction.heredocs[index];
        let mut options = SetOptions::default();
        match shebang(heredoc.content(self.text)) {
            Some(line) if !is_posix_shell(line.interpreter) => {
                let name = line.interpreter.to_string();
                self.skip(heredoc.body, SkipReason::Interpreter(name.clone()));
                self.view.heredocs[index] = HeredocRole::Interpreter { name };
                return;
            }
            Some(line) => options.apply(line.args.iter().map(|arg| Some(*arg))),
            None if shell == ShellKind::Other => {
                self.skip(heredoc.body, SkipReason::NonPosixShell);
                return;
            }
            None => {}
        }
        let source = Source {
            text: self.text,
            pieces: body_pieces(self.text, heredoc.body),
            whole: None,
        };
        let script = self.add_script(ScriptKind::Heredoc { heredoc: index }, &source, options);
        self.view.heredocs[index] = HeredocRole::Script { script };
        self.options = options;
        self.script(&source, script, Context::default());
    }

    /// A heredoc of a reassembled script: the input of the command that reads it, parsed as
    /// a script when that command is a shell reading its standard input.
    fn heredoc_input(&mut self, index: usize) {
        let heredoc = &self.instruction.heredocs[index];
        let Some((reader, fd)) = self.readers[index] else {
            self.view.heredocs[index] = HeredocRole::Input {
                command: None,
                fd: heredoc.fd,
            };
            self.heredoc_substitutions(index, Context::default());
            return;
        };
        let reader = self.innermost(reader);
        let command = &self.view.commands[reader];
        let context = nested_context(&command.context);
        if fd == 0 && command.program().is_some_and(is_posix_shell) {
            let invocation = shell_invocation(&command.args);
            if invocation.reads_stdin() {
                let source = Source {
                    text: self.text,
                    pieces: body_pieces(self.text, heredoc.body),
                    whole: None,
                };
                let script = self.add_script(
                    ScriptKind::Heredoc { heredoc: index },
                    &source,
                    invocation.options,
                );
                self.view.heredocs[index] = HeredocRole::ShellInput {
                    command: reader,
                    script,
                };
                self.options = invocation.options;
                self.script(&source, script, context);
                return;
            }
        }
        self.view.heredocs[index] = HeredocRole::Input {
            command: Some(reader),
            fd,
        };
        self.heredoc_substitutions(index, context);
    }

    fn innermost(&self, mut command: usize) -> usize {
        while let Some(wrapped) = self.view.commands[command].wraps {
            command = wrapped.command;
        }
        command
    }

    /// The `$(...)` and backquotes of a data heredoc whose delimiter is not quoted: the
    /// shell runs them. Each is parsed from where it starts; the parse of its line is
    /// enough unless the substitution goes on over the next lines.
    fn heredoc_substitutions(&mut self, index: usize, context: Context) {
        let heredoc = &self.instruction.heredocs[index];
        if !heredoc.expand {
            return;
        }
        let pieces = body_pieces(self.text, heredoc.body);
        let bytes = self.text.as_bytes();
        let mut resume = 0;
        let mut found = 0;
        let mut escaped = false;
        for piece in &pieces {
            for offset in piece.start..piece.end {
                let byte = bytes[offset as usize];
                if escaped {
                    escaped = false;
                    continue;
                }
                if byte == b'\\' {
                    escaped = true;
                    continue;
                }
                if offset < resume {
                    continue;
                }
                let next = |by: u32| bytes.get((offset + by) as usize).copied();
                let starts = byte == b'`'
                    || (byte == b'$' && next(1) == Some(b'(') && next(2) != Some(b'('));
                if !starts || found == MAX_HEREDOC_SUBSTITUTIONS {
                    continue;
                }
                found += 1;
                if let Some(end) = self.heredoc_substitution(index, &pieces, offset, context) {
                    resume = end;
                }
            }
        }
    }

    /// Parses the substitution that starts at `start` in a heredoc body; its end.
    fn heredoc_substitution(
        &mut self,
        index: usize,
        pieces: &[TextRange],
        start: u32,
        context: Context,
    ) -> Option<u32> {
        let body_end = pieces.last()?.end;
        let line_end = self.text[start as usize..body_end as usize]
            .find('\n')
            .map_or(body_end, |at| start + at as u32);
        for end in [line_end, body_end] {
            let source = Source {
                text: self.text,
                pieces: clip(pieces, TextRange::new(start, end)).collect(),
                whole: None,
            };
            let tree = parse(self.text, &source.pieces)?;
            let mut node = tree
                .root_node()
                .descendant_for_byte_range(start as usize, start as usize + 1)?;
            while node.kind() != "command_substitution" || node.start_byte() != start as usize {
                node = node.parent()?;
            }
            if node.has_error() && end != body_end {
                continue;
            }
            let script = self.add_script(
                ScriptKind::HeredocSubstitution { heredoc: index },
                &source,
                SetOptions::default(),
            );
            if node.has_error() {
                self.collect_errors(node, &source);
            }
            let context = Context {
                in_substitution: true,
                ..context
            };
            self.options = SetOptions::default();
            self.list(&source, script, items(children(node)), context);
            return Some(node.end_byte() as u32);
        }
        None
    }

    fn exec_form(&mut self, array: &'a JsonArray) {
        let source = Source {
            text: self.text,
            pieces: vec![array.range],
            whole: None,
        };
        let script = self.add_script(ScriptKind::ExecForm, &source, SetOptions::default());
        if array.elements.is_empty() {
            self.skip(array.range, SkipReason::NoCommand);
            return;
        }
        let words: Vec<Word<'a>> = array
            .elements
            .iter()
            .map(|element| Word {
                range: element.range,
                text: Cow::Borrowed(&element.text),
                value: Some(Cow::Borrowed(&element.text)),
                kind: WordKind::Json,
            })
            .collect();
        let nodes = vec![None; words.len()];
        self.run(
            None,
            script,
            Context::default(),
            array.range,
            Parts {
                words,
                nodes,
                assignments: Vec::new(),
                assignment_nodes: Vec::new(),
                redirects: Vec::new(),
                redirect_nodes: Vec::new(),
            },
        );
    }

    /// The script of a shell's `-c` argument written as an exec-form element: the element's
    /// text without its quotes and escaping backslashes, or, when the JSON string has escapes
    /// whose text differs (`\n`, `\u0041`), the decoded string with every range mapped to
    /// the whole element.
    fn json_source(&self, word: &Word<'a>) -> Option<Source<'a>> {
        let Some(Command::Exec(array)) = self.instruction.command() else {
            return None;
        };
        let element = array
            .elements
            .iter()
            .find(|element| element.range == word.range)?;
        let logical = element.logical;
        if logical.len() < 2 {
            return None;
        }
        let inner = TextRange::new(logical.start + 1, logical.end - 1);
        let pieces = self.instruction.file_pieces(inner);
        let bytes = self.text.as_bytes();
        let mut excluded = Vec::new();
        let mut exact = true;
        let mut escaped = false;
        for piece in &pieces {
            for offset in piece.start..piece.end {
                let byte = bytes[offset as usize];
                if escaped {
                    escaped = false;
                    exact &= matches!(byte, b'"' | b'\\' | b'/');
                } else if byte == b'\\' {
                    escaped = true;
                    excluded.push(offset);
                }
            }
        }
        Some(if exact {
            Source {
                text: self.text,
                pieces: subtract(&pieces, &excluded),
                whole: None,
            }
        } else {
            Source {
                text: &element.text,
                pieces: vec![TextRange::new(0, element.text.len() as u32)],
                whole: Some(element.range),
            }
        })
    }

    // ---- Walking trees -------------------------------------------------------------------

    /// Parses the script `source` and walks it.
    fn script(&mut self, source: &Source<'a>, script: usize, context: Context) {
        let Some(tree) = parse(source.text, &source.pieces) else {
            return;
        };
        let root = tree.root_node();
        if root.has_error() {
            self.collect_errors(root, source);
        }
        self.list(source, script, items(children(root)), context);
    }

    /// Records the ERROR and MISSING nodes under `node`.
    fn collect_errors(&mut self, node: Node<'_>, source: &Source<'a>) {
        let mut cursor = node.walk();
        loop {
            let current = cursor.node();
            let descend = if current.is_error() {
                self.view.errors.push(ShellError {
                    range: source.file_range(current),
                    missing: None,
                });
                false
            } else if current.is_missing() {
                self.view.errors.push(ShellError {
                    range: source.file_range(current),
                    missing: Some(current.kind().to_string()),
                });
                false
            } else {
                current.has_error()
            };
            if descend && cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.node() == node {
                    return;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    fn enter(&mut self, range: TextRange) -> bool {
        if self.depth >= MAX_DEPTH {
            if !self
                .view
                .skipped
                .iter()
                .any(|skipped| skipped.reason == SkipReason::TooDeep)
            {
                self.skip(range, SkipReason::TooDeep);
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Walks the items of a list, recording the list.
    fn list(&mut self, source: &Source<'a>, script: usize, items: Vec<Item<'_>>, context: Context) {
        if items.is_empty() {
            return;
        }
        let list = self.view.lists.len();
        let item_range = |item: &Item<'_>| {
            item.trailing
                .iter()
                .fold(source.file_range(item.node), |range, redirect| {
                    range.cover(source.file_range(*redirect))
                })
        };
        let list_items: Vec<ListItem> = items
            .iter()
            .map(|item| ListItem {
                range: item_range(item),
                before: item.before,
            })
            .collect();
        self.view.lists.push(List {
            range: list_items[0]
                .range
                .cover(list_items[list_items.len() - 1].range),
            items: list_items,
        });
        for (index, item) in items.iter().enumerate() {
            let context = Context {
                list: Some(ListPosition { list, item: index }),
                before: item.before,
                after: item.after,
                ..context
            };
            self.statement(source, script, item.node, context, &item.trailing);
        }
    }

    /// Walks a statement; `trailing` are redirections that belong to its last command.
    fn statement<'t>(
        &mut self,
        source: &Source<'a>,
        script: usize,
        node: Node<'t>,
        context: Context,
        trailing: &[Node<'t>],
    ) {
        if !self.enter(source.file_range(node)) {
            return;
        }
        match node.kind() {
            "command" => self.command(source, script, node, trailing, context),
            "declaration_command" | "unset_command" => {
                self.declaration(source, script, node, context)
            }
            "redirected_statement" => self.redirected(source, script, node, context, trailing),
            "pipeline" => self.pipeline(source, script, node, context, trailing),
            "list" => {
                let mut items = items(std::iter::once((node, None)));
                if let Some(last) = items.last_mut() {
                    last.trailing.extend_from_slice(trailing);
                }
                self.list(source, script, items, context);
            }
            "negated_command" => {
                let context = Context {
                    negated: true,
                    ..context
                };
                for (child, _) in children(node).filter(|(child, _)| child.is_named()) {
                    self.statement(source, script, child, context, &[]);
                }
            }
            "subshell" => {
                let saved = self.options;
                let context = Context {
                    in_subshell: true,
                    ..context
                };
                self.list(source, script, items(children(node)), context);
                self.options = saved;
            }
            "compound_statement" | "do_group" => {
                self.list(source, script, items(children(node)), context)
            }
            "if_statement" => self.if_statement(source, script, node, context),
            "while_statement" => {
                let (condition, body): (Vec<_>, Vec<_>) =
                    children(node).partition(|(_, field)| *field == Some("condition"));
                let looping = Context {
                    in_loop: true,
                    ..context
                };
                let condition_context = Context {
                    in_condition: true,
                    ..looping
                };
                self.list(
                    source,
                    script,
                    items(condition.into_iter()),
                    condition_context,
                );
                for (child, _) in body.into_iter().filter(|(_, field)| *field == Some("body")) {
                    self.statement(source, script, child, looping, &[]);
                }
            }
            "for_statement" | "c_style_for_statement" => {
                for (child, field) in children(node) {
                    if field == Some("body") {
                        let looping = Context {
                            in_loop: true,
                            ..context
                        };
                        self.statement(source, script, child, looping, &[]);
                    } else if child.is_named() {
                        self.substitutions(source, script, child, context);
                    }
                }
            }
            "case_statement" => {
                for (child, _) in children(node).filter(|(child, _)| child.is_named()) {
                    if child.kind() == "case_item" {
                        let (patterns, body): (Vec<_>, Vec<_>) =
                            children(child).partition(|(_, field)| *field == Some("value"));
                        for (pattern, _) in patterns {
                            self.substitutions(source, script, pattern, context);
                        }
                        self.list(source, script, items(body.into_iter()), context);
                    } else {
                        self.substitutions(source, script, child, context);
                    }
                }
            }
            "function_definition" => {
                let in_function = Context {
                    in_function: true,
                    ..context
                };
                for (child, field) in children(node) {
                    match field {
                        Some("body") => self.statement(source, script, child, in_function, &[]),
                        Some("redirect") => self.substitutions(source, script, child, context),
                        _ => {}
                    }
                }
            }
            "variable_assignment" => {
                let assignment = self.assignment(source, node);
                self.view.assignments.push(assignment);
                self.substitutions(source, script, node, context);
            }
            "variable_assignments" => {
                for (child, _) in children(node).filter(|(child, _)| child.is_named()) {
                    self.statement(source, script, child, context, &[]);
                }
            }
            "ERROR" => {
                let context = Context {
                    in_error: true,
                    ..context
                };
                let (statements, others): (Vec<_>, Vec<_>) = children(node)
                    .filter(|(child, _)| child.is_named())
                    .partition(|(child, _)| is_statement(child.kind()));
                for (child, _) in others {
                    self.substitutions(source, script, child, context);
                }
                self.list(source, script, items(statements.into_iter()), context);
            }
            "comment" => {}
            _ => self.substitutions(source, script, node, context),
        }
        if !matches!(
            node.kind(),
            "command" | "redirected_statement" | "pipeline" | "list"
        ) {
            for redirect in trailing {
                self.substitutions(source, script, *redirect, context);
            }
        }
        self.leave();
    }

    fn if_statement(
        &mut self,
        source: &Source<'a>,
        script: usize,
        node: Node<'_>,
        context: Context,
    ) {
        let condition_context = Context {
            in_condition: true,
            ..context
        };
        let mut condition = Vec::new();
        let mut body = Vec::new();
        let mut clauses = Vec::new();
        for (child, field) in children(node) {
            match child.kind() {
                "elif_clause" | "else_clause" => clauses.push(child),
                _ if field == Some("condition") => condition.push((child, field)),
                _ => body.push((child, field)),
            }
        }
        self.list(
            source,
            script,
            items(condition.into_iter()),
            condition_context,
        );
        self.list(source, script, items(body.into_iter()), context);
        for clause in clauses {
            if clause.kind() == "else_clause" {
                self.list(source, script, items(children(clause)), context);
                continue;
            }
            // `elif condition; then body`: the condition is what comes before `then`.
            let all: Vec<_> = children(clause).collect();
            let then = all
                .iter()
                .position(|(child, _)| child.kind() == "then")
                .unwrap_or(all.len());
            let (condition, body) = all.split_at(then);
            self.list(
                source,
                script,
                items(condition.iter().copied()),
                condition_context,
            );
            self.list(source, script, items(body.iter().copied()), context);
        }
    }

    fn pipeline<'t>(
        &mut self,
        source: &Source<'a>,
        script: usize,
        node: Node<'t>,
        context: Context,
        trailing: &[Node<'t>],
    ) {
        let pipeline = self.view.pipelines.len();
        self.view.pipelines.push(Pipeline {
            range: source.file_range(node),
            elements: Vec::new(),
            commands: Vec::new(),
            negated: false,
            pipes_stderr: false,
            options: self.options,
        });
        let mut elements = Vec::new();
        for (child, _) in children(node) {
            if !child.is_named() {
                if child.kind() == "|&" {
                    self.view.pipelines[pipeline].pipes_stderr = true;
                }
            } else if child.kind() != "comment" {
                elements.push(child);
            }
        }
        let last = elements.len().saturating_sub(1);
        for (index, child) in elements.into_iter().enumerate() {
            let element = &mut self.view.pipelines[pipeline];
            element.elements.push(source.file_range(child));
            if index == 0 && child.kind() == "negated_command" {
                element.negated = true;
            }
            let context = Context {
                pipeline: Some(PipelinePosition { pipeline, index }),
                ..context
            };
            let trailing = if index == last { trailing } else { &[] };
            self.statement(source, script, child, context, trailing);
        }
    }

    fn redirected<'t>(
        &mut self,
        source: &Source<'a>,
        script: usize,
        node: Node<'t>,
        context: Context,
        trailing: &[Node<'t>],
    ) {
        let mut body = None;
        let mut redirects = Vec::new();
        for (child, field) in children(node) {
            match field {
                Some("body") => body = Some(child),
                _ if child.is_named() => redirects.push(child),
                _ => {}
            }
        }
        redirects.extend_from_slice(trailing);
        match body {
            Some(body) if is_statement(body.kind()) => {
                self.statement(source, script, body, context, &redirects)
            }
            _ => {
                if let Some(body) = body {
                    self.statement(source, script, body, context, &[]);
                }
                for redirect in redirects {
                    self.substitutions(source, script, redirect, context);
                }
            }
        }
    }

    /// `$(...)`, backquotes and `<(...)` in `node` or anywhere under it, each as a list of
    /// its own.
    fn substitutions(
        &mut self,
        source: &Source<'a>,
        script: usize,
        node: Node<'_>,
        context: Context,
    ) {
        if node.named_child_count() == 0 {
            return;
        }
        if !self.enter(source.file_range(node)) {
            return;
        }
        match node.kind() {
            "command_substitution" | "process_substitution" => {
                let saved = self.options;
                let context = Context {
                    in_substitution: true,
                    pipeline: None,
                    list: None,
                    before: None,
                    after: None,
                    ..context
                };
                self.list(source, script, items(children(node)), context);
                self.options = saved;
            }
            _ => {
                for (child, _) in children(node).filter(|(child, _)| child.is_named()) {
                    self.substitutions(source, script, child, context);
                }
            }
        }
        self.leave();
    }

    fn command(
        &mut self,
        source: &Source<'a>,
        script: usize,
        node: Node<'_>,
        outer_redirects: &[Node<'_>],
        context: Context,
    ) {
        let mut name = None;
        let mut arguments = Vec::new();
        let mut assignment_nodes = Vec::new();
        let mut redirect_nodes = Vec::new();
        let mut unreadable = Vec::new();
        for (child, field) in children(node) {
            match child.kind() {
                "variable_assignment" => assignment_nodes.push(child),
                "file_redirect" | "herestring_redirect" | "heredoc_redirect" => {
                    redirect_nodes.push(child)
                }
                "command_name" => name = Some(child),
                // Text the parser could not read inside the command: not an argument.
                "ERROR" => unreadable.push(child),
                _ if field == Some("argument") => arguments.push(child),
                _ if child.is_named() && child.kind() != "comment" => arguments.push(child),
                _ => {}
            }
        }
        redirect_nodes.extend_from_slice(outer_redirects);
        let Some(name) = name else {
            // Only assignments and redirections: `X=1 > file`.
            for assignment in assignment_nodes {
                let assignment_value = self.assignment(source, assignment);
                self.view.assignments.push(assignment_value);
                self.substitutions(source, script, assignment, context);
            }
            for redirect in redirect_nodes {
                self.substitutions(source, script, redirect, context);
            }
            for node in unreadable {
                self.statement(source, script, node, context, &[]);
            }
            return;
        };
        let name_node = match name.named_child_count() {
            1 => name.named_child(0).unwrap_or(name),
            _ => name,
        };
        let mut words = Vec::with_capacity(arguments.len() + 1);
        let mut nodes = Vec::with_capacity(arguments.len() + 1);
        for word_node in std::iter::once(name_node).chain(arguments) {
            words.push(source.word(word_node));
            nodes.push(Some(word_node));
        }
        let assignments = assignment_nodes
            .iter()
            .map(|node| self.assignment(source, *node))
            .collect();
        let mut redirects = Vec::new();
        let mut statements = Vec::new();
        for redirect in &redirect_nodes {
            self.redirect(source, *redirect, &mut redirects, &mut statements);
        }
        let mut range = source.file_range(node);
        for redirect in &redirects {
            range = range.cover(redirect.range);
        }
        self.run(
            Some(source),
            script,
            context,
            range,
            Parts {
                words,
                nodes,
                assignments,
                assignment_nodes,
                redirects,
                redirect_nodes,
            },
        );
        // Statements hanging off a heredoc redirection in a heredoc body script
        // (`cat <<X && next`): tree-sitter puts them inside the redirection.
        for statement in statements.into_iter().chain(unreadable) {
            self.statement(source, script, statement, context, &[]);
        }
    }

    /// `export A=1 B`, `declare -x`, `local`, `readonly`, `typeset`, `unset`.
    fn declaration(
        &mut self,
        source: &Source<'a>,
        script: usize,
        node: Node<'_>,
        context: Context,
    ) {
        let mut words = Vec::new();
        let mut nodes = Vec::new();
        let mut assignments = Vec::new();
        let mut assignment_nodes = Vec::new();
        for (child, _) in children(node) {
            if words.is_empty() {
                // The keyword itself.
                let mut word = source.word(child);
                word.kind = WordKind::Other;
                words.push(word);
                nodes.push(None);
                continue;
            }
            if !child.is_named() || child.kind() == "comment" {
                continue;
            }
            if child.kind() == "variable_assignment" {
                assignments.push(self.assignment(source, child));
                assignment_nodes.push(child);
                let mut word = source.word(child);
                word.kind = WordKind::Other;
                word.value = None;
                if let Some(Assignment {
                    name,
                    value: Some(value),
                    ..
                }) = assignments.last()
                    && let Some(value) = value.value()
                {
                    word.value = Some(Cow::Owned(format!("{name}={value}")));
                }
                words.push(word);
                nodes.push(None);
            } else {
                if child.kind() == "variable_name" || child.kind() == "word" {
                    let name = source.slice(node_range(child));
                    assignments.push(Assignment {
                        range: source.file_range(child),
                        name,
                        name_range: source.file_range(child),
                        value: None,
                        append: false,
                    });
                }
                words.push(source.word(child));
                nodes.push(Some(child));
            }
        }
        if words.is_empty() {
            return;
        }
        self.run(
            Some(source),
            script,
            context,
            source.file_range(node),
            Parts {
                words,
                nodes,
                assignments,
                assignment_nodes,
                redirects: Vec::new(),
                redirect_nodes: Vec::new(),
            },
        );
    }

    fn assignment(&self, source: &Source<'a>, node: Node<'_>) -> Assignment<'a> {
        let mut name = None;
        let mut value = None;
        let mut append = false;
        for (child, field) in children(node) {
            match field {
                Some("name") => name = Some(child),
                Some("value") => value = Some(source.word(child)),
                _ if child.kind() == "+=" => append = true,
                _ => {}
            }
        }
        let name_range = name.map_or(node_range(node), node_range);
        Assignment {
            range: source.file_range(node),
            name: source.slice(name_range),
            name_range: name.map_or(source.file_range(node), |name| source.file_range(name)),
            value,
            append,
        }
    }

    /// The redirections of `node` (a heredoc redirection in a heredoc body holds further
    /// redirections and the statements after it); statements to walk go to `statements`.
    fn redirect<'t>(
        &self,
        source: &Source<'a>,
        node: Node<'t>,
        out: &mut Vec<Redirect<'a>>,
        statements: &mut Vec<Node<'t>>,
    ) {
        let mut fd = None;
        let mut operator = None;
        let mut operator_start = 0;
        let mut target = None;
        let mut heredoc = None;
        for (child, field) in children(node) {
            match (child.kind(), field) {
                (_, Some("descriptor")) => {
                    fd = source.slice(node_range(child)).parse().ok();
                }
                (_, Some("destination")) | ("heredoc_start", _) if target.is_none() => {
                    target = Some(source.word(child));
                }
                (_, Some("redirect")) => self.redirect(source, child, out, statements),
                (_, Some("right")) | ("pipeline" | "heredoc_body", _) => statements.push(child),
                (kind, _) if !child.is_named() && operator.is_none() => {
                    operator = redirect_operator(kind);
                    operator_start = child.start_byte() as u32;
                }
                (_, None) if child.is_named() && target.is_none() && child.kind() != "ERROR" => {
                    target = Some(source.word(child));
                }
                _ => {}
            }
        }
        let Some(mut operator) = operator else {
            return;
        };
        if operator == RedirectOperator::Input
            && source.whole.is_none()
            && let Some(&(_, index)) = self
                .markers
                .iter()
                .find(|(offset, _)| *offset == operator_start)
        {
            heredoc = Some(index);
            operator = if self.instruction.heredocs[index].chomp {
                RedirectOperator::HeredocStripTabs
            } else {
                RedirectOperator::Heredoc
            };
        }
        if operator == RedirectOperator::DuplicateOutput
            && target.as_ref().is_some_and(|target| target.is("-"))
        {
            operator = RedirectOperator::Close;
        }
        out.push(Redirect {
            range: source.file_range(node),
            fd,
            operator,
            target,
            heredoc,
        });
    }

    /// Records a command and what it runs (`sudo X`, `sh -c "..."`), walking the
    /// substitutions of its words in order.
    fn run(
        &mut self,
        source: Option<&Source<'a>>,
        script: usize,
        context: Context,
        range: TextRange,
        parts: Parts<'a, '_>,
    ) {
        let Parts {
            words,
            nodes,
            assignments,
            assignment_nodes,
            redirects,
            redirect_nodes,
        } = parts;
        // The chain of wrappers: each link's name index, end, passed assignments, and
        // script argument.
        let mut links = vec![Link {
            name: 0,
            end: words.len(),
            env: Vec::new(),
            script: None,
        }];
        while let Some(last) = links.last_mut() {
            let program = words[last.name].value().map(program_name);
            let args = &words[last.name + 1..last.end];
            match program.map_or(Unwrap::None, |program| unwrap(program, args)) {
                Unwrap::Command { name, end, env } => {
                    let base = last.name + 1;
                    links.push(Link {
                        name: base + name,
                        end: base + end,
                        env: env.into_iter().map(|index| base + index).collect(),
                        script: None,
                    });
                }
                Unwrap::Script { arg, options } => {
                    last.script = Some((last.name + 1 + arg, options));
                    break;
                }
                Unwrap::None => break,
            }
        }

        let first = self.push_command(SimpleCommand {
            range,
            script,
            name: words[0].clone(),
            args: words[1..].to_vec(),
            assignments: assignments.clone(),
            redirects: redirects.clone(),
            context,
            options: self.options,
            wraps: None,
            wrapped_by: None,
            script_argument: None,
        });
        if let Some(source) = source {
            for node in &assignment_nodes {
                self.substitutions(source, script, *node, context);
            }
        }
        let mut owners = vec![first];
        let mut inherited = assignments;
        for (index, word) in words.iter().enumerate() {
            if let Some(link) = links.iter().skip(1).find(|link| link.name == index) {
                let wrapper = *owners.last().unwrap_or(&first);
                for &env in &link.env {
                    if let Some(assignment) = assignment_from_word(&words[env]) {
                        inherited.push(assignment);
                    }
                }
                let end = link.end.max(index + 1);
                let words_range = words[index].range.cover(words[end - 1].range);
                let wrapped = self.push_command(SimpleCommand {
                    range: words_range,
                    script,
                    name: word.clone(),
                    args: words[index + 1..end].to_vec(),
                    assignments: inherited.clone(),
                    redirects: redirects.clone(),
                    context,
                    options: self.options,
                    wraps: None,
                    wrapped_by: Some(wrapper),
                    script_argument: None,
                });
                let wrapper_name = links
                    .iter()
                    .rev()
                    .find(|other| other.name < index)
                    .map_or(0, |other| other.name);
                self.view.commands[wrapper].wraps = Some(Wrapped {
                    command: wrapped,
                    arg: index - wrapper_name - 1,
                });
                owners.push(wrapped);
            }
            let script_link = links
                .iter()
                .zip(std::iter::once(first).chain(owners.iter().skip(1).copied()))
                .find(|(link, _)| link.script.is_some_and(|(arg, _)| arg == index));
            if let Some((link, owner)) = script_link
                && let Some((_, options)) = link.script
            {
                self.script_argument(
                    source,
                    nodes[index],
                    word,
                    owner,
                    index - link.name - 1,
                    options,
                    context,
                );
                continue;
            }
            if let (Some(source), Some(node)) = (source, nodes[index]) {
                self.substitutions(source, script, node, context);
            }
        }
        if let Some(source) = source {
            for node in &redirect_nodes {
                self.substitutions(source, script, *node, context);
            }
        }
        // `set -eo pipefail` changes the options of what follows.
        if words[0].value().map(program_name) == Some("set") {
            self.options.apply(words[1..].iter().map(Word::value));
        }
    }

    fn push_command(&mut self, command: SimpleCommand<'a>) -> usize {
        let index = self.view.commands.len();
        if let Some(position) = command.context.pipeline {
            self.view.pipelines[position.pipeline].commands.push(index);
        }
        for redirect in &command.redirects {
            if let Some(heredoc) = redirect.heredoc
                && command.wrapped_by.is_none()
                && let Some(reader) = self.readers.get_mut(heredoc)
            {
                *reader = Some((index, redirect.fd.unwrap_or(0)));
            }
        }
        self.view.commands.push(command);
        index
    }

    /// Parses the script string of `sh -c` (or `su -c`) as a script of its own.
    #[allow(clippy::too_many_arguments)]
    fn script_argument(
        &mut self,
        source: Option<&Source<'a>>,
        node: Option<Node<'_>>,
        word: &Word<'a>,
        owner: usize,
        arg: usize,
        options: SetOptions,
        context: Context,
    ) {
        let nested = match (source, node) {
            (Some(source), Some(node)) => source.nested(node),
            _ if word.kind == WordKind::Json => self.json_source(word),
            _ => None,
        };
        let Some(nested) = nested else {
            self.skip(word.range, SkipReason::DynamicScript);
            if let (Some(source), Some(node)) = (source, node) {
                self.substitutions(source, self.view.commands[owner].script, node, context);
            }
            return;
        };
        if !self.enter(word.range) {
            return;
        }
        let script = self.add_script(ScriptKind::Argument { command: owner }, &nested, options);
        self.view.commands[owner].script_argument = Some(ScriptArgument { script, arg });
        let saved = self.options;
        self.options = options;
        self.script(&nested, script, nested_context(&context));
        self.options = saved;
        self.leave();
    }
}

/// The words and redirections of a command, with their nodes (none for exec-form words).
struct Parts<'a, 't> {
    words: Vec<Word<'a>>,
    nodes: Vec<Option<Node<'t>>>,
    assignments: Vec<Assignment<'a>>,
    assignment_nodes: Vec<Node<'t>>,
    redirects: Vec<Redirect<'a>>,
    redirect_nodes: Vec<Node<'t>>,
}

/// One command of a wrapper chain: its name's index in the words, its end, the words
/// passed to it as assignments, and the script argument it runs.
struct Link {
    name: usize,
    end: usize,
    env: Vec<usize>,
    script: Option<(usize, SetOptions)>,
}

/// The context of a script another shell runs: a separate process, in the same condition,
/// loop, function or substitution as the command that runs it.
fn nested_context(outer: &Context) -> Context {
    Context {
        in_subshell: true,
        in_condition: outer.in_condition,
        in_loop: outer.in_loop,
        in_substitution: outer.in_substitution,
        in_function: outer.in_function,
        in_error: outer.in_error,
        negated: outer.negated,
        ..Context::default()
    }
}

/// `NAME=value` passed by `env` or `sudo`, as an assignment.
fn assignment_from_word<'a>(word: &Word<'a>) -> Option<Assignment<'a>> {
    if !is_assignment(word) {
        return None;
    }
    let value = word.value.as_ref()?;
    let equals = value.find('=')?;
    let (name, rest) = match value {
        Cow::Borrowed(text) => (
            Cow::Borrowed(&text[..equals]),
            Cow::Borrowed(&text[equals + 1..]),
        ),
        Cow::Owned(text) => (
            Cow::Owned(text[..equals].to_string()),
            Cow::Owned(text[equals + 1..].to_string()),
        ),
    };
    if !is_name(&name) {
        return None;
    }
    // Exact sub-ranges when the word is written as its value (no quotes or escapes).
    let exact = word.kind != WordKind::Json
        && word.text == *value
        && word.range.len() as usize == value.len();
    let (name_range, value_range) = if exact {
        let split = word.range.start + equals as u32;
        (
            TextRange::new(word.range.start, split),
            TextRange::new(split + 1, word.range.end),
        )
    } else {
        (word.range, word.range)
    };
    Some(Assignment {
        range: word.range,
        name,
        name_range,
        value: Some(Word {
            range: value_range,
            text: rest.clone(),
            value: Some(rest),
            kind: word.kind,
        }),
        append: false,
    })
}

fn redirect_operator(token: &str) -> Option<RedirectOperator> {
    Some(match token {
        ">" => RedirectOperator::Output,
        ">>" => RedirectOperator::Append,
        ">|" => RedirectOperator::Clobber,
        "<" => RedirectOperator::Input,
        "<>" => RedirectOperator::ReadWrite,
        "&>" => RedirectOperator::OutputAndError,
        "&>>" => RedirectOperator::AppendOutputAndError,
        ">&" => RedirectOperator::DuplicateOutput,
        "<&" => RedirectOperator::DuplicateInput,
        ">&-" | "<&-" => RedirectOperator::Close,
        "<<<" => RedirectOperator::HereString,
        "<<" => RedirectOperator::Heredoc,
        "<<-" => RedirectOperator::HeredocStripTabs,
        _ => return None,
    })
}

fn is_statement(kind: &str) -> bool {
    matches!(
        kind,
        "c_style_for_statement"
            | "case_statement"
            | "command"
            | "compound_statement"
            | "declaration_command"
            | "for_statement"
            | "function_definition"
            | "if_statement"
            | "list"
            | "negated_command"
            | "pipeline"
            | "redirected_statement"
            | "subshell"
            | "test_command"
            | "unset_command"
            | "variable_assignment"
            | "variable_assignments"
            | "while_statement"
            | "ERROR"
    )
}

/// The statements among `children` with the operators around each; nested `list` nodes
/// (tree-sitter's binary `&&`/`||`) are flattened into the same sequence.
fn items<'t>(children: impl Iterator<Item = (Node<'t>, Option<&'t str>)>) -> Vec<Item<'t>> {
    let mut items = Vec::new();
    let mut pending = None;
    collect_items(children, &mut items, &mut pending);
    items
}

fn collect_items<'t>(
    children: impl Iterator<Item = (Node<'t>, Option<&'t str>)>,
    items: &mut Vec<Item<'t>>,
    pending: &mut Option<Operator>,
) {
    for (child, _) in children {
        if !child.is_named() {
            let operator = match child.kind() {
                ";" | ";;" | ";&" | ";;&" => Operator::Semicolon,
                "&" => Operator::Background,
                "&&" => Operator::And,
                "||" => Operator::Or,
                _ => continue,
            };
            if let Some(last) = items.last_mut()
                && last.after.is_none()
            {
                last.after = Some(operator);
            }
            pending.get_or_insert(operator);
            continue;
        }
        match child.kind() {
            "comment" => {}
            "list" => collect_items(super::parse::children(child), items, pending),
            "redirected_statement" if redirected_list(child).is_some() => {
                let (body, redirects) = redirected_list(child).unwrap_or((child, Vec::new()));
                collect_items(super::parse::children(body), items, pending);
                if let Some(last) = items.last_mut() {
                    last.trailing.extend(redirects);
                }
            }
            kind if is_statement(kind) => {
                let before = match pending.take() {
                    Some(operator) => Some(operator),
                    None if !items.is_empty() => Some(Operator::Newline),
                    None => None,
                };
                if let Some(last) = items.last_mut()
                    && last.after.is_none()
                {
                    last.after = before;
                }
                items.push(Item {
                    node: child,
                    before,
                    after: None,
                    trailing: Vec::new(),
                });
            }
            _ => {}
        }
    }
}

/// A redirected statement whose body is a list (`a && b > f`): the list and the
/// redirections, which belong to the list's last command.
fn redirected_list(node: Node<'_>) -> Option<(Node<'_>, Vec<Node<'_>>)> {
    let body = node
        .child_by_field_name("body")
        .filter(|body| body.kind() == "list")?;
    let redirects = children(node)
        .filter(|(child, field)| child.is_named() && *field != Some("body"))
        .map(|(child, _)| child)
        .collect();
    Some((body, redirects))
}
