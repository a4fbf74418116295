//! The data of a shell view: scripts, simple commands with their words, pipelines, lists,
//! heredoc roles, parse errors, and what was not analysed. Plain data; the queries rules use
//! are in `query.rs`.

use std::borrow::Cow;

use crate::message::Message;
use crate::msg;
use crate::text::TextRange;

/// Whether the shell that runs shell-form commands is a POSIX shell (`/bin/sh -c`, `bash`,
/// `ash`...) or something else (`pwsh`, `cmd`): the caller knows it from the stage's SHELL
/// instruction, so the view stays a pure function of one instruction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ShellKind {
    #[default]
    Posix,
    /// PowerShell, `cmd`, or any program that is not a POSIX shell: no view.
    Other,
}

impl ShellKind {
    /// The kind of the shell a SHELL instruction names by its first element
    /// (`["/bin/bash", "-o", "pipefail", "-c"]` is POSIX, `["pwsh", "-Command"]` is not).
    pub fn of_program(program: &str) -> ShellKind {
        if is_posix_shell(program_name(program)) {
            ShellKind::Posix
        } else {
            ShellKind::Other
        }
    }
}

/// The file name of a program path (`/usr/bin/apt-get` gives `apt-get`; `C:\\x\\cmd.exe`
/// gives `cmd.exe`).
pub fn program_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Whether `name` (a program's file name) is a POSIX-like shell whose scripts berth reads.
pub fn is_posix_shell(name: &str) -> bool {
    matches!(
        name,
        "sh" | "bash"
            | "dash"
            | "ash"
            | "ksh"
            | "mksh"
            | "lksh"
            | "oksh"
            | "pdksh"
            | "yash"
            | "posh"
            | "zsh"
            | "rbash"
    )
}

/// The shell view of one instruction (RUN, shell- or exec-form CMD, ENTRYPOINT, HEALTHCHECK
/// CMD, or the trigger of an ONBUILD). Every range is a byte range of the Dockerfile.
///
/// Commands are in source order: a wrapper before the command it runs (`sudo` before
/// `apt-get`), a command before the commands of its `$(...)` arguments and of its `sh -c`
/// script, the command line before the heredoc bodies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellView<'a> {
    /// The scripts parsed: the command line, heredoc bodies, `sh -c` arguments...
    pub scripts: Vec<Script>,
    pub commands: Vec<SimpleCommand<'a>>,
    pub pipelines: Vec<Pipeline>,
    pub lists: Vec<List>,
    /// Assignment statements without a command (`X=1`, `PATH="$PATH:/opt"`).
    pub assignments: Vec<Assignment<'a>>,
    /// How each heredoc of the instruction is used, in the order of
    /// [`Instruction::heredocs`](crate::dockerfile::Instruction::heredocs).
    pub heredocs: Vec<HeredocRole>,
    /// What the shell would refuse: tree-sitter's ERROR and MISSING nodes.
    pub errors: Vec<ShellError>,
    /// What was not analysed, and why.
    pub skipped: Vec<Skipped>,
}

/// One text the shell reads, as the file ranges it is assembled from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    pub kind: ScriptKind,
    /// The file ranges of the script's text, in order (continuations, comment lines inside
    /// them, escaping backslashes and `\r` before line breaks left out).
    pub pieces: Vec<TextRange>,
    /// The ranges of this script's nodes are all the range of the JSON string it comes from,
    /// because that string has escapes (`\n`, `\u0041`) whose text differs from the file's.
    pub approximate: bool,
    /// The shell options in effect when the script starts (`bash -eo pipefail -c`, a shebang
    /// `#!/bin/sh -e`); SHELL's options are the caller's to add.
    pub options: SetOptions,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptKind {
    /// The shell-form command of the instruction (its heredoc markers read as plain `<`
    /// redirections, their bodies apart).
    CommandLine,
    /// The JSON array of an exec-form command: one command, no shell.
    ExecForm,
    /// The body of a heredoc: the whole script (`RUN <<EOF`), or the input of a shell
    /// (`RUN bash <<EOF`).
    Heredoc { heredoc: usize },
    /// The string argument of a shell's `-c` (`sh -c "..."`, `su -c`).
    Argument { command: usize },
    /// A `$(...)` or backquoted command in the body of a heredoc read as data, which the
    /// shell runs when the delimiter is not quoted.
    HeredocSubstitution { heredoc: usize },
}

/// A simple command: `[assignments] name [args] [redirections]`, or a command a wrapper runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SimpleCommand<'a> {
    /// From the first assignment or word to the last word or redirection.
    pub range: TextRange,
    /// Index in [`ShellView::scripts`].
    pub script: usize,
    pub name: Word<'a>,
    pub args: Vec<Word<'a>>,
    /// `DEBIAN_FRONTEND=noninteractive apt-get ...`; for a command a wrapper runs, the
    /// wrapper's assignments and those it passes (`env VAR=1 cmd`); for `export`, `declare`,
    /// `readonly`, `local`, the variables it sets.
    pub assignments: Vec<Assignment<'a>>,
    /// For a command a wrapper runs, the wrapper's redirections (they apply to its output).
    pub redirects: Vec<Redirect<'a>>,
    pub context: Context,
    /// The `set` options in effect when the command runs (within its script).
    pub options: SetOptions,
    /// The command this wrapper runs (`sudo apt-get`, `env X=1 cmd`, `xargs rm`).
    pub wraps: Option<Wrapped>,
    /// The wrapper that runs this command (index in [`ShellView::commands`]).
    pub wrapped_by: Option<usize>,
    /// For a shell run with `-c` (or `su -c`): the script its argument is read as.
    pub script_argument: Option<ScriptArgument>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wrapped {
    /// Index in [`ShellView::commands`].
    pub command: usize,
    /// Index in the wrapper's `args` of the wrapped command's name.
    pub arg: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScriptArgument {
    /// Index in [`ShellView::scripts`].
    pub script: usize,
    /// Index in the command's `args` of the script string.
    pub arg: usize,
}

/// A shell word: its text as the shell reads it and, when it has no expansion, its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub range: TextRange,
    /// The word as written (quotes kept), without the continuations inside it; for an
    /// exec-form element, the decoded JSON string.
    pub text: Cow<'a, str>,
    /// The value after quote removal, when no expansion or substitution is involved. Globs,
    /// `~` and braces are kept as written.
    pub value: Option<Cow<'a, str>>,
    pub kind: WordKind,
}

impl Word<'_> {
    /// The static value, if any.
    pub fn value(&self) -> Option<&str> {
        self.value.as_deref()
    }

    /// Whether the value is `value`.
    pub fn is(&self, value: &str) -> bool {
        self.value() == Some(value)
    }
}

/// How a word is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// Unquoted text (backslash escapes allowed).
    Plain,
    /// `'...'`
    SingleQuoted,
    /// `"..."`
    DoubleQuoted,
    /// `$'...'`
    AnsiC,
    /// Several parts glued together (`a"b"'c'`, `--prefix=$HOME`).
    Concatenation,
    /// `$x`, `${x}`, `$(cmd)`, `$((1+2))`, `{a,b}`...
    Expansion,
    /// An element of an exec-form JSON array.
    Json,
    /// A shell keyword (`export`) or anything else.
    Other,
}

/// `NAME=value` (or `NAME+=value`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment<'a> {
    pub range: TextRange,
    pub name: Cow<'a, str>,
    pub name_range: TextRange,
    /// `None` for `NAME=` and for a bare `export NAME`.
    pub value: Option<Word<'a>>,
    pub append: bool,
}

/// A redirection: `> file`, `2>&1`, `< input`, `<<<"text"`, or a heredoc marker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect<'a> {
    pub range: TextRange,
    /// The file descriptor written before the operator (`2>`), if any.
    pub fd: Option<u32>,
    pub operator: RedirectOperator,
    /// The file, descriptor, string or heredoc delimiter after the operator.
    pub target: Option<Word<'a>>,
    /// For a heredoc marker: its index in the instruction's heredocs.
    pub heredoc: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirectOperator {
    /// `>`
    Output,
    /// `>>`
    Append,
    /// `>|`
    Clobber,
    /// `<`
    Input,
    /// `<>`
    ReadWrite,
    /// `&>`
    OutputAndError,
    /// `&>>`
    AppendOutputAndError,
    /// `>&`
    DuplicateOutput,
    /// `<&`
    DuplicateInput,
    /// `>&-` or `<&-`
    Close,
    /// `<<<`
    HereString,
    /// `<<`
    Heredoc,
    /// `<<-`
    HeredocStripTabs,
}

impl RedirectOperator {
    pub fn as_str(self) -> &'static str {
        match self {
            RedirectOperator::Output => ">",
            RedirectOperator::Append => ">>",
            RedirectOperator::Clobber => ">|",
            RedirectOperator::Input => "<",
            RedirectOperator::ReadWrite => "<>",
            RedirectOperator::OutputAndError => "&>",
            RedirectOperator::AppendOutputAndError => "&>>",
            RedirectOperator::DuplicateOutput => ">&",
            RedirectOperator::DuplicateInput => "<&",
            RedirectOperator::Close => ">&-",
            RedirectOperator::HereString => "<<<",
            RedirectOperator::Heredoc => "<<",
            RedirectOperator::HeredocStripTabs => "<<-",
        }
    }

    /// Whether the redirection writes to its target.
    pub fn writes(self) -> bool {
        matches!(
            self,
            RedirectOperator::Output
                | RedirectOperator::Append
                | RedirectOperator::Clobber
                | RedirectOperator::ReadWrite
                | RedirectOperator::OutputAndError
                | RedirectOperator::AppendOutputAndError
        )
    }
}

/// Where a command sits in its script.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context {
    /// The innermost pipeline of two or more commands it is an element of (or inside an
    /// element of, for `(a; b) | c`).
    pub pipeline: Option<PipelinePosition>,
    /// The list (`a && b; c || d`, one per script, body or substitution) whose item the
    /// command is (or is inside of, for pipelines and compound commands).
    pub list: Option<ListPosition>,
    /// The list operator before the command's list item.
    pub before: Option<Operator>,
    /// The list operator after the command's list item.
    pub after: Option<Operator>,
    /// Inside `( ... )`, or in a script run by another shell (`sh -c`, `bash <<EOF`).
    pub in_subshell: bool,
    /// In the condition of `if`, `elif`, `while` or `until`.
    pub in_condition: bool,
    /// In the body or condition of `for`, `while` or `until`.
    pub in_loop: bool,
    /// Inside `$(...)`, backquotes or `<(...)`.
    pub in_substitution: bool,
    /// In a function body (runs when the function is called).
    pub in_function: bool,
    /// Inside text the shell parser could not read: rules should ignore the command.
    pub in_error: bool,
    /// Under `!`.
    pub negated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PipelinePosition {
    /// Index in [`ShellView::pipelines`].
    pub pipeline: usize,
    /// 0 for the first element.
    pub index: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListPosition {
    /// Index in [`ShellView::lists`].
    pub list: usize,
    /// Index in the list's items.
    pub item: usize,
}

/// The operator between two items of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operator {
    /// `&&`
    And,
    /// `||`
    Or,
    /// `;` (or `;;` in a case item)
    Semicolon,
    /// A line break.
    Newline,
    /// `&`: the item before runs in the background.
    Background,
}

impl Operator {
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::And => "&&",
            Operator::Or => "||",
            Operator::Semicolon => ";",
            Operator::Newline => "\\n",
            Operator::Background => "&",
        }
    }
}

/// `a | b | c`: two or more commands whose output feeds the next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pipeline {
    pub range: TextRange,
    /// The range of each element, in order.
    pub elements: Vec<TextRange>,
    /// Indices in [`ShellView::commands`] of the commands in its elements, in order (not
    /// those of substitutions inside them).
    pub commands: Vec<usize>,
    /// `!` before the first element.
    pub negated: bool,
    /// Whether an element is joined with `|&` (its standard error is piped too).
    pub pipes_stderr: bool,
    /// The `set` options in effect when it runs: DL4006 wants `pipefail` here (or in SHELL).
    pub options: SetOptions,
}

/// A sequence of pipelines or compound commands joined by `&&`, `||`, `;`, `&` or line
/// breaks: a script, a body (`{ }`, `( )`, `do ... done`, `then ...`) or a substitution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct List {
    pub range: TextRange,
    pub items: Vec<ListItem>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListItem {
    pub range: TextRange,
    /// The operator between the previous item and this one (`None` for the first).
    pub before: Option<Operator>,
}

/// The shell options `set` changes that rules care about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SetOptions {
    /// `-e`
    pub errexit: bool,
    /// `-u`
    pub nounset: bool,
    /// `-x`
    pub xtrace: bool,
    /// `-o pipefail`
    pub pipefail: bool,
}

impl SetOptions {
    /// The options `set` (or a shell's command line: `bash -eo pipefail -c`) turns on or off
    /// with `args`, applied to `self`. Reading stops at `--`, at a word that is not an option
    /// and at a word without a static value (`None`).
    pub fn apply<'w>(&mut self, args: impl IntoIterator<Item = Option<&'w str>>) {
        let mut args = args.into_iter();
        while let Some(Some(arg)) = args.next() {
            let on = match arg.as_bytes().first() {
                Some(b'-') => true,
                Some(b'+') => false,
                _ => return,
            };
            if arg == "--" || arg == "-" {
                return;
            }
            if arg.starts_with("--") {
                // Long options of a shell command line (`--login`, `--norc`): nothing to set.
                continue;
            }
            for letter in arg[1..].chars() {
                if letter != 'o' {
                    self.set_letter(letter, on);
                    continue;
                }
                match args.next().flatten() {
                    Some(name) => self.set_named(name, on),
                    None => return,
                }
            }
        }
    }

    /// `-e`, `-u`, `-x` (other letters change nothing berth tracks).
    pub(crate) fn set_letter(&mut self, letter: char, on: bool) {
        match letter {
            'e' => self.errexit = on,
            'u' => self.nounset = on,
            'x' => self.xtrace = on,
            _ => {}
        }
    }

    /// `-o name`.
    pub(crate) fn set_named(&mut self, name: &str, on: bool) {
        match name {
            "errexit" => self.errexit = on,
            "nounset" => self.nounset = on,
            "xtrace" => self.xtrace = on,
            "pipefail" => self.pipefail = on,
            _ => {}
        }
    }

    pub fn is_empty(self) -> bool {
        self == SetOptions::default()
    }
}

/// How the body of a heredoc is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeredocRole {
    /// `RUN <<EOF`: the body is the whole script.
    Script { script: usize },
    /// The body is read by a shell from its standard input (`RUN bash <<EOF`,
    /// `RUN sudo sh -s <<EOF`): parsed as a script.
    ShellInput { command: usize, script: usize },
    /// Data on a file descriptor of a command (`cat <<EOF > file`, `python3 <<EOF`); its
    /// `$(...)` are run when the delimiter is not quoted (scripts of kind
    /// [`ScriptKind::HeredocSubstitution`]).
    Input { command: Option<usize>, fd: u32 },
    /// `RUN <<EOF` with a `#!` line naming another interpreter: not analysed.
    Interpreter { name: String },
    /// The instruction is not analysed (non-POSIX SHELL).
    NotAnalysed,
}

/// A place the shell parser could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellError {
    pub range: TextRange,
    /// `None` for unexpected text; the missing token or node otherwise (`fi`, `)`, `"`).
    pub missing: Option<String>,
}

impl ShellError {
    pub fn message(&self) -> Message {
        match &self.missing {
            Some(missing) => msg!(
                "shell syntax error: missing `{missing}`",
                "erreur de syntaxe shell : `{missing}` manquant"
            ),
            None => msg!(
                "shell syntax error: unexpected text",
                "erreur de syntaxe shell : texte inattendu"
            ),
        }
    }
}

/// Something of the instruction the view does not analyse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub range: TextRange,
    pub reason: SkipReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// The stage's SHELL is not a POSIX shell.
    NonPosixShell,
    /// A `RUN <<EOF` body whose `#!` line names another interpreter (python3, node...).
    Interpreter(String),
    /// The instruction runs no command (not RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD, or empty).
    NoCommand,
    /// A shell's `-c` argument that is not a plain or quoted string (`sh -c "$SCRIPT"` is
    /// parsed; `sh -c $'...'` or `sh -c "a"'b'` are not).
    DynamicScript,
    /// Nested deeper than berth follows (substitutions in substitutions...).
    TooDeep,
}

impl Skipped {
    pub fn message(&self) -> Message {
        match &self.reason {
            SkipReason::NonPosixShell => msg!(
                "not analysed: the stage's SHELL is not a POSIX shell",
                "non analysé : le SHELL de l'étape n'est pas un shell POSIX"
            ),
            SkipReason::Interpreter(name) => msg!(
                "not analysed: the script is run by {name}, not by a shell",
                "non analysé : le script est exécuté par {name}, pas par un shell"
            ),
            SkipReason::NoCommand => msg!("no command to analyse", "aucune commande à analyser"),
            SkipReason::DynamicScript => msg!(
                "not analysed: the shell script is built at run time",
                "non analysé : le script shell est construit à l'exécution"
            ),
            SkipReason::TooDeep => msg!(
                "not analysed: nested too deeply",
                "non analysé : imbrication trop profonde"
            ),
        }
    }
}

/// Plain words split on whitespace, for the tests of what commands read from their arguments.
#[cfg(test)]
pub(crate) fn test_words(line: &str) -> Vec<Word<'_>> {
    use std::borrow::Cow;

    line.split_whitespace()
        .map(|text| Word {
            range: crate::text::TextRange::default(),
            text: Cow::Borrowed(text),
            value: Some(Cow::Borrowed(text)),
            kind: WordKind::Plain,
        })
        .collect()
}
