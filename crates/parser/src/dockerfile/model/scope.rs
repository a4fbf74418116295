//! Variables: what ARG, ENV and BuildKit itself define, and where each name resolves.
//!
//! BuildKit keeps one environment per stage: ARG and ENV write into it in order (the last
//! writer wins), a stage built `FROM` an earlier one starts from that stage's environment, and
//! the image configuration's ENV is applied again on top of it at that boundary, so an
//! inherited ENV beats an inherited ARG of the same name. Global ARGs (before the first FROM)
//! live in a separate scope that only FROM lines read, unless a stage redeclares them.

use compact_str::CompactString;

use crate::text::TextRange;

/// Who defined a variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BindingKind {
    /// An ARG before the first FROM: visible in FROM lines, and in stages that redeclare it.
    GlobalArg,
    /// An ARG inside a stage.
    Arg,
    /// An ENV.
    Env,
    /// An ARG BuildKit defines for every build (`TARGETPLATFORM`, `BUILDARCH`, `TARGETSTAGE`...):
    /// visible in FROM lines, and in stages that declare it with `ARG NAME`.
    Automatic,
    /// A proxy variable (`HTTP_PROXY`...) given as a build arg: BuildKit passes it to RUN
    /// without any declaration.
    Predefined,
    /// `PATH`, which BuildKit sets to its default in a stage built from `scratch`.
    BuildKitDefault,
}

/// The value of a variable.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    /// The value the build would use.
    Known(CompactString),
    /// Set, to a value berth cannot know: a platform ARG, or text that reads the base image's
    /// environment.
    Unknown,
    /// Declared without a value (`ARG NAME`, with no default, no build arg and no global value):
    /// the variable is unset and expands to nothing.
    Unset,
}

impl Value {
    /// The value when it is known.
    pub fn known(&self) -> Option<&str> {
        match self {
            Value::Known(value) => Some(value),
            Value::Unknown | Value::Unset => None,
        }
    }

    /// Whether the variable is set (possibly to an unknown value).
    pub fn is_set(&self) -> bool {
        !matches!(self, Value::Unset)
    }
}

/// Where a binding's value comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueSource {
    /// The value written in the file (the default of an ARG, the value of an ENV).
    Written,
    /// A build arg ([`super::ModelOptions::build_args`]) overriding the declaration.
    BuildArg,
    /// An `ARG NAME` without a default in a stage takes the global value: the binding with this
    /// id (a global ARG, or an automatic platform ARG).
    Global(usize),
    /// BuildKit computes it (platform ARGs, `TARGETSTAGE`, `PATH` in a scratch stage).
    BuildKit,
    /// No value anywhere ([`Value::Unset`]).
    None,
}

/// One definition of a variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    /// The name; for ENV, the key after expansion.
    pub name: CompactString,
    pub kind: BindingKind,
    pub value: Value,
    pub source: ValueSource,
    /// The ARG or ENV instruction (an index into `Dockerfile::instructions`); `None` for what
    /// BuildKit defines.
    pub instruction: Option<usize>,
    /// The stage the binding belongs to; `None` for the global scope.
    pub stage: Option<usize>,
    /// The name as written.
    pub name_range: Option<TextRange>,
    /// The value as written (an ARG default, an ENV value), even when a build arg overrides it.
    pub value_range: Option<TextRange>,
}

/// How a name resolves at some point of the file, by binding id (see [`super::Model::binding`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolution {
    Bound(usize),
    /// Not defined in the file, but the stage descends from an image whose environment berth
    /// cannot see: the base image may define it (`PATH`, `JAVA_HOME`...).
    FromBaseImage,
    /// Defined nowhere: it expands to nothing (BuildKit's UndefinedVar and
    /// UndefinedArgInFrom checks).
    Undefined,
}

/// A [`Resolution`] with its binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved<'m> {
    Bound(&'m Binding),
    FromBaseImage,
    Undefined,
}

impl<'m> Resolved<'m> {
    pub fn binding(self) -> Option<&'m Binding> {
        match self {
            Resolved::Bound(binding) => Some(binding),
            Resolved::FromBaseImage | Resolved::Undefined => None,
        }
    }

    /// The value when the build's value is known.
    pub fn known_value(self) -> Option<&'m str> {
        self.binding().and_then(|binding| binding.value.known())
    }

    /// Whether the name is defined in the file or by BuildKit (possibly without a value).
    pub fn is_declared(self) -> bool {
        matches!(self, Resolved::Bound(_))
    }
}

/// A variable reference in a field BuildKit expands, and what it resolves to there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The instruction (an index into `Dockerfile::instructions`).
    pub instruction: usize,
    pub name: CompactString,
    /// The whole reference (`$NAME`, `${NAME:-x}`) in the file; the whole word when the word
    /// is a JSON string or a flag value with quotes, whose text does not map back byte by byte.
    pub range: TextRange,
    pub name_range: TextRange,
    pub resolution: Resolution,
}

impl Reference {
    /// Whether the reference is the name alone, `$NAME` or `${NAME}`, without a modifier
    /// (`${NAME:-default}`): its value is the variable's, or nothing when it is unset.
    pub fn is_plain(&self) -> bool {
        let around = self.range.len().saturating_sub(self.name_range.len());
        around == 1 || around == 3
    }
}

/// Where lookups start: the global scope (FROM lines and global ARGs) or a stage, with the
/// number of bindings already visible (bindings are stored in declaration order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scope {
    Global { end: usize },
    Stage { stage: usize, end: usize },
}

/// The proxy variables BuildKit passes to RUN when they are build args (reference.md §ARG).
pub(super) const PROXY_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// The global ARGs BuildKit defines (`dockerfile2llb/platform.go` `defaultArgs`), in its order.
pub(super) const AUTOMATIC_ARGS: [&str; 11] = [
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDOSVERSION",
    "BUILDARCH",
    "BUILDVARIANT",
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETOSVERSION",
    "TARGETARCH",
    "TARGETVARIANT",
    "TARGETSTAGE",
];

/// BuildKit's `PATH` for Linux images that set none (`util/system` `DefaultPathEnvUnix`).
pub(super) const DEFAULT_PATH: &str =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
