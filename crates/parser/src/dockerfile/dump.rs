//! A compact, stable, human-readable dump of the tree with byte ranges and errors, for
//! snapshot tests and debugging. Each line is `what start..end "text"`; nested parts are
//! indented.

use std::fmt::Write;

use crate::text::TextRange;

use super::sexp::go_quote;
use super::tree::{Arguments, Command, Dockerfile, Instruction, Separator, Word, WordList};

/// The dump of `dockerfile`, parsed from `text`.
pub fn to_debug_tree(dockerfile: &Dockerfile, text: &str) -> String {
    let mut out = Dump {
        out: String::new(),
        text,
    };
    if let Some(bom) = dockerfile.bom {
        out.line(0, "bom", bom, None);
    }
    for directive in &dockerfile.directives {
        out.line(0, directive.kind.name(), directive.range, None);
        out.line(1, "name", directive.name_range, None);
        out.line(1, "value", directive.value_range, Some(&directive.value));
    }
    if dockerfile.escape != '\\' {
        let _ = writeln!(
            out.out,
            "escape {}",
            go_quote(&dockerfile.escape.to_string())
        );
    }
    for comment in &dockerfile.comments {
        out.line(0, "comment", comment.range, Some(&comment.text));
    }
    for instruction in &dockerfile.instructions {
        let attached = dockerfile.attached_comments(instruction);
        out.instruction(0, instruction, attached.len());
    }
    for error in &dockerfile.errors {
        let _ = writeln!(
            out.out,
            "error {:?} {} / {}",
            error.range,
            go_quote(&error.message.en),
            go_quote(&error.message.fr)
        );
    }
    out.out
}

struct Dump<'a> {
    out: String,
    text: &'a str,
}

impl Dump<'_> {
    /// `what range "file text"`, plus `= "value"` when the value differs from the file text.
    fn line(&mut self, depth: usize, what: &str, range: TextRange, value: Option<&str>) {
        let written = self.text.get(range.to_usize()).unwrap_or("<out of bounds>");
        let _ = write!(
            self.out,
            "{:indent$}{what} {range:?} {}",
            "",
            shorten(written),
            indent = depth * 2
        );
        if let Some(value) = value
            && value != written
        {
            let _ = write!(self.out, " = {}", shorten(value));
        }
        self.out.push('\n');
    }

    fn word(&mut self, depth: usize, what: &str, word: &Word) {
        self.line(depth, what, word.range, Some(&word.text));
    }

    fn instruction(&mut self, depth: usize, instruction: &Instruction, comments: usize) {
        let what = match instruction.keyword.as_str() {
            "" => "UNKNOWN",
            keyword => keyword,
        };
        self.line(depth, what, instruction.range, None);
        let depth = depth + 1;
        if comments > 0 {
            let _ = writeln!(
                self.out,
                "{:indent$}comments {comments}",
                "",
                indent = depth * 2
            );
        }
        self.line(depth, "keyword", instruction.keyword_range, None);
        for flag in &instruction.flags {
            self.line(depth, "flag", flag.range, None);
            self.line(depth + 1, "name", flag.name_range, Some(&flag.name));
            if let (Some(range), Some(value)) = (flag.value_range, &flag.value) {
                self.line(depth + 1, "value", range, Some(value));
            }
        }
        if let Some(range) = instruction.end_of_flags {
            self.line(depth, "end-of-flags", range, None);
        }
        match &instruction.args {
            Arguments::None => {}
            Arguments::Command(command) => self.command(depth, command),
            Arguments::From(from) => {
                self.word(depth, "image", &from.image);
                if let Some(word) = &from.as_keyword {
                    self.word(depth, "as", word);
                }
                if let Some(word) = &from.stage_name {
                    self.word(depth, "stage", word);
                }
                for word in &from.extra {
                    self.word(depth, "extra", word);
                }
            }
            Arguments::KeyValues(pairs) => {
                for pair in pairs {
                    let what = match pair.separator {
                        Separator::Equals(_) => "pair",
                        Separator::Space => "legacy-pair",
                    };
                    let range = pair
                        .value
                        .as_ref()
                        .map_or(pair.key.range, |value| pair.key.range.cover(value.range));
                    self.line(depth, what, range, None);
                    self.word(depth + 1, "key", &pair.key);
                    if let Some(value) = &pair.value {
                        self.word(depth + 1, "value", value);
                    }
                }
            }
            Arguments::ArgDeclarations(declarations) => {
                for declaration in declarations {
                    self.word(depth, "arg", &declaration.word);
                    self.word(depth + 1, "name", &declaration.name);
                    if let Some(value) = &declaration.value {
                        self.word(depth + 1, "value", value);
                    }
                }
            }
            Arguments::Paths(list) | Arguments::Words(list) => self.list(depth, list),
            Arguments::Text(word) => self.word(depth, "text", word),
            Arguments::Healthcheck(healthcheck) => {
                self.word(depth, "type", &healthcheck.kind_word);
                if let Some(command) = &healthcheck.command {
                    self.command(depth, command);
                }
            }
            Arguments::OnBuild(trigger) => self.instruction(depth, trigger, 0),
            Arguments::Unknown(word) => self.word(depth, "unparsed", word),
        }
        for heredoc in &instruction.heredocs {
            let _ = writeln!(
                self.out,
                "{:indent$}heredoc {} fd={} chomp={} expand={}",
                "",
                go_quote(&heredoc.name),
                heredoc.fd,
                heredoc.chomp,
                heredoc.expand,
                indent = depth * 2
            );
            self.line(depth + 1, "marker", heredoc.range, None);
            self.line(depth + 1, "delimiter", heredoc.name_range, None);
            self.line(depth + 1, "body", heredoc.body, None);
            match heredoc.terminator {
                Some(range) => self.line(depth + 1, "terminator", range, None),
                None => {
                    let _ = writeln!(
                        self.out,
                        "{:indent$}unterminated",
                        "",
                        indent = (depth + 1) * 2
                    );
                }
            }
        }
        for &range in &instruction.empty_continuation_lines {
            self.line(depth, "empty-continuation-line", range, None);
        }
    }

    fn command(&mut self, depth: usize, command: &Command) {
        match command {
            Command::Exec(array) => {
                self.line(depth, "exec", array.range, None);
                for element in &array.elements {
                    self.word(depth + 1, "string", element);
                }
            }
            Command::Shell(shell) => self.line(depth, "shell", shell.range, Some(&shell.text)),
        }
    }

    fn list(&mut self, depth: usize, list: &WordList) {
        match list {
            WordList::Json(array) => {
                self.line(depth, "json", array.range, None);
                for element in &array.elements {
                    self.word(depth + 1, "string", element);
                }
            }
            WordList::Words(words) => {
                for word in words {
                    self.word(depth, "word", word);
                }
            }
        }
    }
}

/// The quoted text, cut in the middle when it is long, so that snapshots stay readable.
fn shorten(text: &str) -> String {
    const KEEP: usize = 40;
    if text.len() <= 3 * KEEP {
        return go_quote(text);
    }
    let head_end = (0..=KEEP)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let tail_start = (text.len() - KEEP..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    format!(
        "{}...({} bytes)...{}",
        go_quote(&text[..head_end]),
        tail_start - head_end,
        go_quote(&text[tail_start..])
    )
}
