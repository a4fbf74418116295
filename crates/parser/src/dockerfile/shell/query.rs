//! The questions rules ask a shell view: commands by program name, options and their
//! values, subcommands and operands, pipelines.

use std::borrow::Cow;

use crate::text::TextRange;

use super::interpreters::{ScriptInput, script_input};
use super::options::{Arg, inline_value, is_option, option_text, scan, spec};
use super::view::{Assignment, ShellView, SimpleCommand, Word, WordKind, program_name};

impl<'a> ShellView<'a> {
    /// Whether the view has no command at all.
    pub fn is_empty(&self) -> bool {
        self.commands.is_empty()
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The commands outside parse errors, in source order.
    pub fn valid_commands(&self) -> impl Iterator<Item = &SimpleCommand<'a>> + '_ {
        self.commands
            .iter()
            .filter(|command| !command.context.in_error)
    }

    /// The commands whose program is `program` (`apt-get` matches `/usr/bin/apt-get` and
    /// the `apt-get` run by `sudo`), outside parse errors.
    pub fn commands_named<'v>(
        &'v self,
        program: &'v str,
    ) -> impl Iterator<Item = &'v SimpleCommand<'a>> + 'v {
        self.valid_commands()
            .filter(move |command| command.is(program))
    }

    /// The commands whose program is one of `programs`, outside parse errors.
    pub fn commands_named_any<'v>(
        &'v self,
        programs: &'v [&'v str],
    ) -> impl Iterator<Item = &'v SimpleCommand<'a>> + 'v {
        self.valid_commands().filter(move |command| {
            command
                .program()
                .is_some_and(|program| programs.contains(&program))
        })
    }

    /// The commands of a pipeline with their element's position, in order.
    pub fn pipeline_commands(
        &self,
        pipeline: usize,
    ) -> impl Iterator<Item = (usize, &SimpleCommand<'a>)> + '_ {
        self.pipelines
            .get(pipeline)
            .map(|pipeline| pipeline.commands.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|&index| {
                let command = self.commands.get(index)?;
                Some((command.context.pipeline?.index, command))
            })
    }

    /// The command that really runs when `command` runs: through every wrapper (`sudo env
    /// X=1 apt-get` gives `apt-get`).
    pub fn innermost(&self, command: usize) -> &SimpleCommand<'a> {
        let mut index = command;
        while let Some(wrapped) = self.commands[index].wraps {
            index = wrapped.command;
        }
        &self.commands[index]
    }

    /// Every variable assignment: statements (`X=1`), assignments in front of commands,
    /// those passed by `env`, and `export`/`declare` arguments.
    pub fn all_assignments(&self) -> impl Iterator<Item = &Assignment<'a>> + '_ {
        self.assignments
            .iter()
            .chain(self.commands.iter().flat_map(|command| {
                // A wrapped command repeats its wrapper's assignments; list only the new.
                let inherited = command
                    .wrapped_by
                    .map_or(0, |wrapper| self.commands[wrapper].assignments.len());
                command.assignments.iter().skip(inherited)
            }))
    }
}

/// The value of an option: `--mount=type=cache`, `-o file`, `-ofile`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagValue<'v, 'a> {
    /// The option word.
    pub flag: &'v Word<'a>,
    /// Where the value is written (the word's range when it cannot be told exactly).
    pub range: TextRange,
    /// The value, when static.
    pub value: Option<Cow<'a, str>>,
}

impl<'a> SimpleCommand<'a> {
    /// The command name's value, as written (`/usr/bin/apt-get`), quotes removed.
    pub fn name(&self) -> Option<&str> {
        self.name.value()
    }

    /// The program's file name (`apt-get` for `/usr/bin/apt-get` or `\apt-get`).
    pub fn program(&self) -> Option<&str> {
        self.name().map(program_name)
    }

    /// Whether the program is `program`.
    pub fn is(&self, program: &str) -> bool {
        self.program() == Some(program)
    }

    /// The arguments that belong to this command: for a wrapper, those before the command it
    /// runs (`sudo -E apt-get install` gives `-E`).
    pub fn own_args(&self) -> &[Word<'a>] {
        match self.wraps {
            Some(wrapped) => &self.args[..wrapped.arg.min(self.args.len())],
            None => &self.args,
        }
    }

    /// Whether one of the options `names` is given (`&["-y", "--yes", "--assume-yes"]`):
    /// long options alone or with `=value`, short options alone or in a group (`-qy`).
    /// Options after `--` are operands.
    pub fn has_flag(&self, names: &[&str]) -> bool {
        self.find_flag(names).is_some()
    }

    /// The first word that is one of the options `names`.
    pub fn find_flag(&self, names: &[&str]) -> Option<&Word<'a>> {
        self.flags(names)
            .next()
            .map(|(index, _)| &self.own_args()[index])
    }

    /// The value of the first of the options `names`.
    pub fn flag_value<'s>(&'s self, names: &[&str]) -> Option<FlagValue<'s, 'a>> {
        self.flag_values(names).next()
    }

    /// The values of every occurrence of the options `names` (`--mount` may repeat).
    pub fn flag_values<'s, 'n>(
        &'s self,
        names: &'n [&'n str],
    ) -> impl Iterator<Item = FlagValue<'s, 'a>> + use<'s, 'n, 'a> {
        let args = self.own_args();
        let spec = spec(self.program().unwrap_or_default());
        self.flags(names).filter_map(move |(index, value)| {
            let flag = &args[index];
            let text = option_text(flag)?;
            let name = names.iter().find(|name| is_option(text, name, spec))?;
            if let Some(at) = inline_value(text, name, spec) {
                return Some(FlagValue {
                    flag,
                    range: sub_range(flag, at),
                    value: flag.value.as_ref().map(|value| match value {
                        Cow::Borrowed(text) => Cow::Borrowed(&text[at..]),
                        Cow::Owned(text) => Cow::Owned(text[at..].to_string()),
                    }),
                });
            }
            let value = &args[value.or((index + 1 < args.len()).then_some(index + 1))?];
            Some(FlagValue {
                flag,
                range: value.range,
                value: value.value.clone(),
            })
        })
    }

    /// The option words among `names`, with the index of the next word when the program
    /// takes it as the option's value.
    fn flags<'s, 'n>(
        &'s self,
        names: &'n [&'n str],
    ) -> impl Iterator<Item = (usize, Option<usize>)> + use<'s, 'n, 'a> {
        let args = self.own_args();
        let spec = spec(self.program().unwrap_or_default());
        scan(args, spec).filter_map(move |arg| match arg {
            Arg::Option { index, value } => {
                let text = option_text(&args[index])?;
                names
                    .iter()
                    .any(|name| is_option(text, name, spec))
                    .then_some((index, value))
            }
            Arg::Operand { .. } => None,
        })
    }

    /// The words that are not options or option values, in order.
    pub fn operands(&self) -> impl Iterator<Item = &Word<'a>> + '_ {
        let args = self.own_args();
        scan(args, spec(self.program().unwrap_or_default())).filter_map(move |arg| match arg {
            Arg::Operand { index } => Some(&args[index]),
            Arg::Option { .. } => None,
        })
    }

    /// The first operand: `install` in `apt-get -y install curl`.
    pub fn subcommand(&self) -> Option<&Word<'a>> {
        self.operands().next()
    }

    /// The operands after the subcommand: the packages of `apt-get install -y curl git`.
    pub fn args_after_subcommand(&self) -> impl Iterator<Item = &Word<'a>> + '_ {
        self.operands().skip(1)
    }

    /// For a program that runs code (a shell, `python`, `perl`, `ruby`, `node`, `php`, `.`,
    /// `source`, `eval`), where it reads that code: standard input (`curl ... | sh`), a file
    /// (`bash <(curl ...)`) or its command line (`sh -c "$(curl ...)"`). `None` for any other
    /// program, and for an interpreter that runs something else (`python3 -m pip`).
    pub fn script_input(&self) -> Option<ScriptInput<'_, 'a>> {
        script_input(self.program()?, self.own_args())
    }

    /// The assignment of `name` in front of the command (or passed by its wrapper).
    pub fn assignment(&self, name: &str) -> Option<&Assignment<'a>> {
        self.assignments
            .iter()
            .rev()
            .find(|assignment| assignment.name == name)
    }
}

/// The range of the part of `word` from byte `at` of its value: exact when the word is
/// written as its value, the whole word otherwise.
fn sub_range(word: &Word<'_>, at: usize) -> TextRange {
    let exact = word.kind == WordKind::Plain
        && word.value.as_deref() == Some(&*word.text)
        && word.range.len() as usize == word.text.len();
    if exact && at <= word.text.len() {
        TextRange::new(word.range.start + at as u32, word.range.end)
    } else {
        word.range
    }
}
