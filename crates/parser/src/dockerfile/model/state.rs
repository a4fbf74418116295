//! The user, working directory and shell in effect at each instruction.

use compact_str::CompactString;

use crate::dockerfile::shell::{SetOptions, ShellKind, is_posix_shell};
use crate::text::TextRange;

use super::expanded::Expanded;

/// A USER instruction, after expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub instruction: usize,
    pub value: Expanded,
    /// The part before the first `:`.
    pub user: CompactString,
    /// The part after the first `:`, if any.
    pub group: Option<CompactString>,
    /// Where `user` and `group` are written (or the references they come from).
    pub user_range: TextRange,
    pub group_range: Option<TextRange>,
}

impl User {
    /// Whether the user is root (`root`, `0`, with any group, or empty, which Docker runs as
    /// root); `None` when the value is not known.
    pub fn is_root(&self) -> Option<bool> {
        self.value
            .known
            .then_some(matches!(self.user.as_str(), "root" | "0" | ""))
    }
}

/// The user in effect at an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserState<'m> {
    /// Set by a USER of the stage or of a stage it is built from.
    Set(&'m User),
    /// Never set, on a `scratch` base: root.
    Root,
    /// Never set in the file: the base image's user, which berth cannot see. Most images run
    /// as root; rules treat it as root unless they know the image.
    BaseImage,
}

impl<'m> UserState<'m> {
    /// Whether the user is root: `None` when it depends on the base image or on a value berth
    /// cannot know.
    pub fn is_root(self) -> Option<bool> {
        match self {
            UserState::Set(user) => user.is_root(),
            UserState::Root => Some(true),
            UserState::BaseImage => None,
        }
    }

    /// The USER instruction in effect, if any.
    pub fn user(self) -> Option<&'m User> {
        match self {
            UserState::Set(user) => Some(user),
            UserState::Root | UserState::BaseImage => None,
        }
    }
}

/// A WORKDIR instruction, after expansion and resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workdir {
    pub instruction: usize,
    /// The path as written, expanded.
    pub value: Expanded,
    /// The absolute directory, as BuildKit resolves it (a relative path joins the directory
    /// in effect before).
    pub path: CompactString,
    /// The directory is relative to the base image's working directory, which berth cannot
    /// see: `path` then assumes `/`.
    pub relative_to_base_image: bool,
}

impl Workdir {
    /// Whether `path` is the directory the build uses.
    pub fn is_known(&self) -> bool {
        self.value.known && !self.relative_to_base_image
    }
}

/// The working directory in effect at an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkdirState<'m> {
    Set(&'m Workdir),
    /// Never set, on a `scratch` base: `/`.
    Root,
    /// Never set in the file: the base image's working directory (often `/`).
    BaseImage,
}

impl<'m> WorkdirState<'m> {
    /// The directory when berth knows it.
    pub fn path(self) -> Option<&'m str> {
        match self {
            WorkdirState::Set(workdir) => workdir.is_known().then_some(workdir.path.as_str()),
            WorkdirState::Root => Some("/"),
            WorkdirState::BaseImage => None,
        }
    }

    /// Whether a WORKDIR of the file set it (BuildKit's WorkdirRelativePath check reports a
    /// relative WORKDIR when none did).
    pub fn is_set(self) -> bool {
        matches!(self, WorkdirState::Set(_))
    }
}

/// The shell of shell-form RUN, CMD and ENTRYPOINT: a SHELL instruction's JSON array, or the
/// default `["/bin/sh", "-c"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shell {
    /// The SHELL instruction; `None` for the default.
    pub instruction: Option<usize>,
    pub argv: Vec<String>,
    /// The JSON array in the file.
    pub range: Option<TextRange>,
}

impl Shell {
    pub(super) fn default_shell() -> Shell {
        Shell {
            instruction: None,
            argv: vec!["/bin/sh".to_owned(), "-c".to_owned()],
            range: None,
        }
    }

    /// The program's name without directory and `.exe` (`bash`, `pwsh`, `cmd`); through
    /// `env` and `busybox`, the program they run.
    pub fn program(&self) -> &str {
        self.program_and_args().0
    }

    /// The program, and the arguments given to it.
    fn program_and_args(&self) -> (&str, &[String]) {
        let mut position = 0;
        let mut program = self.argv.first().map_or("", |arg| program_name(arg));
        while matches!(program, "env" | "busybox") {
            // `env` options (`-i`, `VAR=value`) come before the program.
            let next = self.argv[position + 1..]
                .iter()
                .position(|arg| !arg.starts_with('-') && !arg.contains('='));
            match next {
                Some(offset) => {
                    position += offset + 1;
                    program = program_name(&self.argv[position]);
                }
                None => break,
            }
        }
        (program, self.argv.get(position + 1..).unwrap_or_default())
    }

    /// Whether the shell is a POSIX shell (sh, bash, dash, ash, zsh, ksh...), so that RUN's
    /// text is shell script; PowerShell and cmd are not.
    pub fn is_posix(&self) -> bool {
        is_posix_shell(self.program())
    }

    /// The kind of shell, as the shell view of RUN takes it.
    pub fn kind(&self) -> ShellKind {
        if self.is_posix() {
            ShellKind::Posix
        } else {
            ShellKind::Other
        }
    }

    /// The options the shell is started with (`-e`, `-u`, `-x`, `-o pipefail`): what every
    /// shell-form RUN starts with. None for a shell that is not POSIX.
    pub fn options(&self) -> SetOptions {
        let mut options = SetOptions::default();
        if self.is_posix() {
            let (_, args) = self.program_and_args();
            options.apply(args.iter().map(|arg| Some(arg.as_str())));
        }
        options
    }

    /// Whether the shell is started with `-o pipefail` (also written `-eo pipefail`), so that
    /// a failing command inside a pipe fails the RUN.
    pub fn has_pipefail(&self) -> bool {
        self.options().pipefail
    }
}

/// `/usr/bin/bash` gives `bash`, `C:\...\pwsh.exe` gives `pwsh`.
fn program_name(arg: &str) -> &str {
    let name = arg.rsplit(['/', '\\']).next().unwrap_or(arg);
    match name
        .len()
        .checked_sub(4)
        .and_then(|at| name.get(at..).map(|ext| (at, ext)))
    {
        Some((at, ext)) if at > 0 && ext.eq_ignore_ascii_case(".exe") => &name[..at],
        _ => name,
    }
}
