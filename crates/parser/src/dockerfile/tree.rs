//! The Dockerfile syntax tree: typed views over the token stream, every part with its byte range.
//!
//! Ranges named `range` are byte offsets into the file. Ranges named `logical` are offsets into
//! the instruction's logical text ([`Instruction::logical`]): the text BuildKit parses, with
//! line continuations and the comment and blank lines inside them removed.

use std::ops::Range;

use compact_str::CompactString;

use crate::message::SyntaxError;
use crate::text::{MappedText, TextRange};

use super::token::{LazyTokens, Token};

/// A parsed Dockerfile. Built by [`super::parse`], which never fails: whatever could not be
/// read is in `errors`, and the instructions around it are still there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dockerfile {
    /// The UTF-8 byte-order mark at the start of the file, if any.
    pub bom: Option<TextRange>,
    /// Parser directives (`# syntax=`, `# escape=`, `# check=`) of the top block, in order.
    pub directives: Vec<Directive>,
    /// The escape token: `\` unless an `# escape=` directive chose the backtick.
    pub escape: char,
    /// Index in `directives` of the `# escape=` directive that set `escape`.
    pub escape_directive: Option<usize>,
    /// The instructions, in order. An ONBUILD trigger is inside its ONBUILD instruction
    /// ([`Dockerfile::instructions_recursive`] visits both).
    pub instructions: Vec<Instruction>,
    /// Every comment line of the file, in order, including those inside a continued instruction
    /// (directive lines are not comments).
    pub comments: Vec<Comment>,
    /// Every byte of the file, exactly once, in order: see [`Dockerfile::tokens`].
    pub(super) tokens: LazyTokens,
    /// What BuildKit would refuse, sorted by position.
    pub errors: Vec<SyntaxError>,
}

impl Dockerfile {
    /// The directive named `kind`, if the top block sets it (the first one when given twice).
    pub fn directive(&self, kind: DirectiveKind) -> Option<&Directive> {
        self.directives
            .iter()
            .find(|directive| directive.kind == kind)
    }

    /// The comment lines BuildKit attaches to `instruction`: those right above it, after the
    /// last bare `#` line (blank lines in between do not detach them).
    pub fn attached_comments(&self, instruction: &Instruction) -> &[Comment] {
        self.comments
            .get(instruction.comments.clone())
            .unwrap_or_default()
    }

    /// Every instruction, each ONBUILD followed by its trigger (nested triggers too, although
    /// BuildKit refuses `ONBUILD ONBUILD`).
    pub fn instructions_recursive(&self) -> impl Iterator<Item = &Instruction> + '_ {
        self.instructions.iter().flat_map(|instruction| {
            std::iter::successors(Some(instruction), |instruction| instruction.trigger())
        })
    }

    /// The instruction whose range contains `offset` (end included), if any.
    pub fn instruction_at(&self, offset: u32) -> Option<&Instruction> {
        let index = self
            .instructions
            .partition_point(|instruction| instruction.range.end < offset);
        self.instructions
            .get(index)
            .filter(|instruction| instruction.range.contains_inclusive(offset))
    }

    /// Every byte of `text`, the text the tree was parsed from, exactly once, in order. The
    /// stream is built the first time it is asked for, by reading `text` again, then kept.
    pub fn tokens(&self, text: &str) -> &[Token] {
        self.tokens.0.get_or_init(|| super::parser::tokens(text))
    }

    /// The tokens of `text` (see [`Dockerfile::tokens`]) that overlap `range`, in order.
    pub fn tokens_in(&self, text: &str, range: TextRange) -> &[Token] {
        let tokens = self.tokens(text);
        let start = tokens.partition_point(|token| token.range.end <= range.start);
        let end = tokens.partition_point(|token| token.range.start < range.end);
        &tokens[start..end.max(start)]
    }
}

/// A parser directive of the top block: `# name=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// From the `#` to the end of the value.
    pub range: TextRange,
    pub kind: DirectiveKind,
    /// The name as written (directive names are case-insensitive).
    pub name_range: TextRange,
    /// The value, trimmed as BuildKit trims it.
    pub value: String,
    pub value_range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DirectiveKind {
    Syntax,
    Escape,
    Check,
}

impl DirectiveKind {
    pub fn name(self) -> &'static str {
        match self {
            DirectiveKind::Syntax => "syntax",
            DirectiveKind::Escape => "escape",
            DirectiveKind::Check => "check",
        }
    }

    pub(crate) fn from_lowercase(name: &str) -> Option<DirectiveKind> {
        match name {
            "syntax" => Some(DirectiveKind::Syntax),
            "escape" => Some(DirectiveKind::Escape),
            "check" => Some(DirectiveKind::Check),
            _ => None,
        }
    }
}

/// A comment line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From the `#` to the end of the line (line break excluded).
    pub range: TextRange,
    /// The text after the `#`, without surrounding whitespace.
    pub text: String,
    pub text_range: TextRange,
}

/// The instruction keywords BuildKit knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
    /// A keyword BuildKit does not know (an error), or none at all.
    Unknown,
}

impl Keyword {
    pub const ALL: [Keyword; 18] = [
        Keyword::Add,
        Keyword::Arg,
        Keyword::Cmd,
        Keyword::Copy,
        Keyword::Entrypoint,
        Keyword::Env,
        Keyword::Expose,
        Keyword::From,
        Keyword::Healthcheck,
        Keyword::Label,
        Keyword::Maintainer,
        Keyword::Onbuild,
        Keyword::Run,
        Keyword::Shell,
        Keyword::Stopsignal,
        Keyword::User,
        Keyword::Volume,
        Keyword::Workdir,
    ];

    /// The keyword as the reference writes it (upper case); empty for `Unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
            Keyword::Unknown => "",
        }
    }

    /// The keyword written `text`, in any case.
    pub fn parse(text: &str) -> Keyword {
        // Every instruction goes through here: its length and first letter leave at most two
        // keywords to compare with.
        let Some(first) = text.as_bytes().first() else {
            return Keyword::Unknown;
        };
        let candidates: &[Keyword] = match (text.len(), first.to_ascii_uppercase()) {
            (3, b'A') => &[Keyword::Add, Keyword::Arg],
            (3, b'C') => &[Keyword::Cmd],
            (3, b'E') => &[Keyword::Env],
            (3, b'R') => &[Keyword::Run],
            (4, b'C') => &[Keyword::Copy],
            (4, b'F') => &[Keyword::From],
            (4, b'U') => &[Keyword::User],
            (5, b'L') => &[Keyword::Label],
            (5, b'S') => &[Keyword::Shell],
            (6, b'E') => &[Keyword::Expose],
            (6, b'V') => &[Keyword::Volume],
            (7, b'O') => &[Keyword::Onbuild],
            (7, b'W') => &[Keyword::Workdir],
            (10, b'E') => &[Keyword::Entrypoint],
            (10, b'M') => &[Keyword::Maintainer],
            (10, b'S') => &[Keyword::Stopsignal],
            (11, b'H') => &[Keyword::Healthcheck],
            _ => &[],
        };
        // Keywords are upper-case ASCII letters: clearing bit 5 upper-cases a letter, and turns
        // no other byte into one.
        let same = |keyword: &Keyword| {
            let upper = keyword.as_str().as_bytes();
            (text.as_bytes().iter().zip(upper)).all(|(&byte, &letter)| byte & !0x20 == letter)
        };
        candidates
            .iter()
            .copied()
            .find(same)
            .unwrap_or(Keyword::Unknown)
    }

    /// Whether the instruction may carry heredocs (in shell form).
    pub fn takes_heredocs(self) -> bool {
        matches!(self, Keyword::Run | Keyword::Copy | Keyword::Add)
    }
}

/// One instruction, from its keyword to its last continuation line or heredoc terminator.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// The whole instruction: keyword, continuation lines, heredoc bodies and terminators
    /// (leading blanks and the final line break excluded).
    pub range: TextRange,
    pub keyword: Keyword,
    /// The keyword as written; for `Keyword::Unknown`, the unknown word.
    pub keyword_range: TextRange,
    pub keyword_logical: TextRange,
    /// The leading `--name[=value]` words.
    pub flags: Vec<Flag>,
    /// A bare `--` that ended the flags.
    pub end_of_flags: Option<TextRange>,
    pub args: Arguments,
    /// The arguments after the flags, trimmed, in the logical text (empty when there are none).
    pub args_logical: TextRange,
    /// The heredocs the instruction reads, in order (only RUN, COPY and ADD have any).
    pub heredocs: Vec<Heredoc>,
    /// Indices in [`Dockerfile::comments`] of the comments attached to the instruction
    /// ([`Dockerfile::attached_comments`]).
    pub comments: Range<usize>,
    /// The text BuildKit parses for this instruction, mapped back to the file.
    pub logical: MappedText,
    /// Blank lines inside the continuation (BuildKit warns about them).
    pub empty_continuation_lines: Vec<TextRange>,
}

impl Instruction {
    /// The keyword as the user wrote it, for casing checks.
    pub fn keyword_text(&self) -> &str {
        &self.logical.as_str()[self.keyword_logical.to_usize()]
    }

    /// The first flag named `name` (without the leading `--`).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|flag| flag.name == name)
    }

    /// Every flag named `name`, for repeatable flags (`--mount`).
    pub fn flags_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Flag> + 'a {
        self.flags.iter().filter(move |flag| flag.name == name)
    }

    /// The command of RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD.
    pub fn command(&self) -> Option<&Command> {
        match &self.args {
            Arguments::Command(command) => Some(command),
            Arguments::Healthcheck(healthcheck) => healthcheck.command.as_ref(),
            _ => None,
        }
    }

    /// Whether the arguments are a JSON array (exec form of RUN, CMD, ENTRYPOINT, HEALTHCHECK
    /// CMD, SHELL; JSON form of ADD, COPY, VOLUME).
    pub fn is_exec_form(&self) -> bool {
        match &self.args {
            Arguments::Command(command) => command.is_exec(),
            Arguments::Healthcheck(healthcheck) => {
                healthcheck.command.as_ref().is_some_and(Command::is_exec)
            }
            Arguments::Paths(list) | Arguments::Words(list) => list.is_json(),
            _ => false,
        }
    }

    /// The instruction an ONBUILD runs downstream.
    pub fn trigger(&self) -> Option<&Instruction> {
        match &self.args {
            Arguments::OnBuild(trigger) => Some(trigger),
            _ => None,
        }
    }

    /// The file ranges a logical range was read from, skipping the removed continuations: what
    /// a nested parser (the shell parser of RUN) passes as its included ranges.
    pub fn file_pieces(&self, logical: TextRange) -> Vec<TextRange> {
        self.logical.file_pieces_in(logical).collect()
    }

    /// The heredoc whose marker is the word at `range` (a COPY or ADD source).
    pub fn heredoc_at(&self, range: TextRange) -> Option<&Heredoc> {
        self.heredocs.iter().find(|heredoc| heredoc.range == range)
    }
}

/// A leading `--name[=value]` word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    pub range: TextRange,
    pub logical: TextRange,
    /// The name without `--`, quotes and escapes removed.
    pub name: CompactString,
    /// `--name` as written.
    pub name_range: TextRange,
    /// The value after the first `=`, quotes and escapes removed; `None` without `=`.
    pub value: Option<CompactString>,
    /// The value as written (empty after a trailing `=`).
    pub value_range: Option<TextRange>,
    pub value_logical: Option<TextRange>,
}

/// A word of the arguments: split as BuildKit splits it, its text kept raw (quotes, escapes and
/// variables are the word grammar's business), or the decoded string of a JSON array element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The raw text of the word; for a JSON element, the decoded string. Short texts are
    /// stored inline (no allocation): most words are short.
    pub text: CompactString,
    pub range: TextRange,
    pub logical: TextRange,
    /// Whether `text` is a decoded JSON string rather than raw Dockerfile text.
    pub json: bool,
}

/// A JSON array argument (exec form, or the JSON form of ADD, COPY, VOLUME, SHELL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonArray {
    /// From `[` to `]`.
    pub range: TextRange,
    pub logical: TextRange,
    /// The string elements, each a [`Word`] with `json` set; its range includes the quotes.
    pub elements: Vec<Word>,
}

/// The shell form of a command: the text handed to the shell, continuations removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellCommand {
    pub text: String,
    /// From the first to the last byte of the command in the file.
    pub range: TextRange,
    pub logical: TextRange,
}

/// The command of RUN, CMD, ENTRYPOINT, SHELL or HEALTHCHECK CMD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Exec(JsonArray),
    Shell(ShellCommand),
}

impl Command {
    pub fn is_exec(&self) -> bool {
        matches!(self, Command::Exec(_))
    }

    pub fn range(&self) -> TextRange {
        match self {
            Command::Exec(array) => array.range,
            Command::Shell(shell) => shell.range,
        }
    }

    pub fn logical(&self) -> TextRange {
        match self {
            Command::Exec(array) => array.logical,
            Command::Shell(shell) => shell.logical,
        }
    }
}

/// Arguments that are a JSON array or whitespace-separated words (ADD, COPY, VOLUME, EXPOSE).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WordList {
    Json(JsonArray),
    Words(Vec<Word>),
}

impl WordList {
    pub fn words(&self) -> &[Word] {
        match self {
            WordList::Json(array) => &array.elements,
            WordList::Words(words) => words,
        }
    }

    pub fn is_json(&self) -> bool {
        matches!(self, WordList::Json(_))
    }

    /// ADD and COPY: every word but the last.
    pub fn sources(&self) -> &[Word] {
        let words = self.words();
        &words[..words.len().saturating_sub(1)]
    }

    /// ADD and COPY: the last word, when there are at least two.
    pub fn destination(&self) -> Option<&Word> {
        let words = self.words();
        if words.len() >= 2 { words.last() } else { None }
    }
}

/// The arguments of an instruction, by instruction kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arguments {
    /// Nothing after the keyword and flags.
    None,
    /// RUN, CMD, ENTRYPOINT, SHELL.
    Command(Command),
    /// Boxed, as is `Healthcheck`: both are large and few, and every instruction is as large as
    /// its largest kind of arguments.
    From(Box<From>),
    /// ENV and LABEL.
    KeyValues(Vec<KeyValue>),
    /// ARG.
    ArgDeclarations(Vec<ArgDeclaration>),
    /// ADD and COPY.
    Paths(WordList),
    /// VOLUME and EXPOSE.
    Words(WordList),
    /// USER, WORKDIR, MAINTAINER, STOPSIGNAL: the rest of the line as one string.
    Text(Word),
    Healthcheck(Box<Healthcheck>),
    /// ONBUILD and its trigger.
    OnBuild(Box<Instruction>),
    /// An unknown instruction: the rest of the line, unparsed.
    Unknown(Word),
}

/// `FROM [--platform=...] image [AS name]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct From {
    pub image: Word,
    /// The `AS` word (any case), when the second word is one.
    pub as_keyword: Option<Word>,
    /// The stage name as written.
    pub stage_name: Option<Word>,
    /// Words that do not fit `image [AS name]` (an error).
    pub extra: Vec<Word>,
}

/// A `key=value` pair of ENV or LABEL, or the legacy `KEY value` form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Word,
    pub separator: Separator,
    /// The raw value (quotes kept); `None` only for a legacy key without a value (an error).
    pub value: Option<Word>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Separator {
    /// `key=value`; the range of the `=`.
    Equals(TextRange),
    /// The legacy `KEY value` form, which BuildKit's LegacyKeyValueFormat check reports.
    Space,
}

/// One word of ARG: `name`, `name=` or `name=value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgDeclaration {
    /// The word as written.
    pub word: Word,
    pub name: Word,
    pub equals: Option<TextRange>,
    /// The default value (raw), present when there is an `=`, possibly empty.
    pub value: Option<Word>,
}

/// `HEALTHCHECK NONE` or `HEALTHCHECK [options] CMD command`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Healthcheck {
    /// The type word as written (`NONE`, `CMD`, any case).
    pub kind_word: Word,
    pub kind: HealthcheckKind,
    /// The command after the type, if any (BuildKit parses it whatever the type).
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HealthcheckKind {
    None,
    Cmd,
    /// Anything else (an error).
    Unknown,
}

/// A heredoc read by RUN, COPY or ADD: `<<EOF` in the instruction line, then body lines up to
/// the terminator line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The marker word (`<<EOF`, `3<<-"EOF"`).
    pub range: TextRange,
    pub logical: TextRange,
    /// The file descriptor before `<<` (`3<<EOF`), 0 when absent.
    pub fd: u32,
    /// `<<-`: leading tabs are stripped from the body lines and the terminator.
    pub chomp: bool,
    /// Whether variables are expanded in the body: no part of the delimiter was quoted.
    pub expand: bool,
    /// The delimiter, unquoted (`"EOF"` gives `EOF`).
    pub name: CompactString,
    /// The delimiter as written.
    pub name_range: TextRange,
    /// The body lines, line breaks included, terminator excluded.
    pub body: TextRange,
    /// The terminator line (line break excluded); `None` when the file ends first (an error).
    pub terminator: Option<TextRange>,
}

impl Heredoc {
    /// The body as BuildKit stores it (tabs not yet stripped for `<<-`).
    pub fn content<'a>(&self, text: &'a str) -> &'a str {
        self.body.slice(text)
    }
}

#[cfg(test)]
mod tests {
    use super::Keyword;

    #[test]
    fn keywords_are_found_in_any_case_and_nothing_else_is() {
        for keyword in Keyword::ALL {
            let upper = keyword.as_str();
            assert_eq!(Keyword::parse(upper), keyword);
            assert_eq!(Keyword::parse(&upper.to_lowercase()), keyword);
            let mixed: String = upper
                .chars()
                .enumerate()
                .map(|(i, ch)| {
                    if i % 2 == 0 {
                        ch.to_ascii_lowercase()
                    } else {
                        ch
                    }
                })
                .collect();
            assert_eq!(Keyword::parse(&mixed), keyword);
            // A keyword with one more byte, even a NUL, or one fewer is no keyword.
            assert_eq!(Keyword::parse(&format!("{upper}\0")), Keyword::Unknown);
            assert_eq!(Keyword::parse(&upper[1..]), Keyword::Unknown);
        }
        for other in [
            "",
            "FRO",
            "FROMM",
            "HEALTHCHECKS",
            "RUNNING_A_VERY_LONG_WORD",
            "ŕun",
        ] {
            assert_eq!(Keyword::parse(other), Keyword::Unknown, "{other:?}");
        }
    }
}
