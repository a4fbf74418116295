//! A configuration error: where (file, line, column), what is wrong, and what to do.

use std::fmt::Write;

use berth_parser::{Lang, LineColumn, Message, SourceFile, TextRange};

/// A mistake in berth.toml, .hadolint.yaml or a command-line selection. The command line
/// prints it and exits with status 2; the language server shows it on the configuration file.
#[derive(Clone, Debug)]
pub struct ConfigError {
    /// The configuration file, or `None` for a command-line flag.
    pub file: Option<SourceFile>,
    /// The offending value or key in `file`.
    pub range: TextRange,
    /// What is wrong.
    pub message: Message,
    /// The next step.
    pub help: Option<Message>,
}

impl ConfigError {
    pub fn new(file: &SourceFile, range: TextRange, message: Message) -> ConfigError {
        ConfigError {
            file: Some(file.clone()),
            range,
            message,
            help: None,
        }
    }

    /// An error in a command-line value (a selector given to `--select`).
    pub fn flag(message: Message) -> ConfigError {
        ConfigError {
            file: None,
            range: TextRange::default(),
            message,
            help: None,
        }
    }

    pub fn with_help(mut self, help: Message) -> ConfigError {
        self.help = Some(help);
        self
    }

    /// The 1-based line and column of the error in its file.
    pub fn position(&self) -> Option<LineColumn> {
        self.file
            .as_ref()
            .map(|file| file.line_column(self.range.start))
    }

    /// `path:line:column: message` then `  help: ...`, in `lang`: the plain form for a
    /// terminal.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let (Some(file), Some(position)) = (&self.file, self.position()) {
            let _ = write!(out, "{}:{position}: ", file.path().display());
        }
        out.push_str(self.message.get(lang));
        if let Some(help) = &self.help {
            let label = match lang {
                Lang::En => "help",
                Lang::Fr => "aide",
            };
            let _ = write!(out, "\n  {label}: {}", help.get(lang));
        }
        out
    }
}
