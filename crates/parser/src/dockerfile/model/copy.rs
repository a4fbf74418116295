//! What COPY, ADD and `RUN --mount` read: sources, destinations and the stages or images they
//! come from.

use compact_str::CompactString;

use crate::image::ImageRef;
use crate::text::TextRange;

use super::expanded::Expanded;

/// A COPY or ADD instruction, after expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyInstruction {
    pub instruction: usize,
    pub stage: usize,
    /// ADD rather than COPY.
    pub add: bool,
    /// `--from=...` (COPY only).
    pub from: Option<FromFlag>,
    pub sources: Vec<CopySource>,
    /// The last word, when there are at least two.
    pub destination: Option<Expanded>,
    pub chown: Option<Expanded>,
    pub chmod: Option<Expanded>,
    /// `ADD --checksum=...`.
    pub checksum: Option<Expanded>,
    /// `--link` (or `--link=true`).
    pub link: bool,
}

/// A source of COPY or ADD.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopySource {
    /// The path, expanded; for a heredoc, its name (the file BuildKit creates).
    pub path: Expanded,
    /// The heredoc the source is (an index into `Instruction::heredocs`).
    pub heredoc: Option<usize>,
}

impl CopySource {
    /// A remote source (`http://`, `https://`), which only ADD accepts.
    pub fn is_url(&self) -> bool {
        is_url(&self.path.value)
    }
}

pub(super) fn is_url(path: &str) -> bool {
    path.starts_with("http://") || path.starts_with("https://")
}

/// `COPY --from=...` or `RUN --mount=from=...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FromFlag {
    /// The value, as BuildKit reads it (quotes removed, never expanded).
    pub value: CompactString,
    /// The value in the file.
    pub range: TextRange,
    pub target: CopyFrom,
}

/// What `--from` names, as BuildKit resolves it: a stage name (any case) or, for COPY, an
/// index; else a named build context; else an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyFrom {
    /// A stage. A later stage or the stage itself is an error ([`super::Model::errors`]).
    Stage(usize),
    /// A named build context ([`super::ModelOptions::contexts`]).
    Context,
    /// An image, pulled from its registry.
    Image(ImageRef),
    /// A variable, or an index no stage has (an error in [`super::Model::errors`]).
    Invalid,
}

/// A `RUN --mount=...` flag, its fields expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub instruction: usize,
    /// The stage of the RUN instruction.
    pub stage: usize,
    /// The flag's value in the file.
    pub range: TextRange,
    pub kind: MountKind,
    /// `target`, `dst` or `destination`.
    pub target: Option<MountField>,
    /// `source` or `src`.
    pub source: Option<MountField>,
    pub from: Option<FromFlag>,
    pub id: Option<MountField>,
    pub sharing: Option<MountField>,
    pub env: Option<MountField>,
    pub mode: Option<MountField>,
    pub uid: Option<MountField>,
    pub gid: Option<MountField>,
    pub size: Option<MountField>,
    /// Read-only: bind, secret and ssh mounts are unless `rw`; cache and tmpfs are not unless
    /// `ro`.
    pub readonly: bool,
    pub required: bool,
    /// Every field's value is known.
    pub known: bool,
}

/// The type of a mount.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MountKind {
    Bind,
    Cache,
    Tmpfs,
    Secret,
    Ssh,
    /// Another type (an error), or one written with a variable whose value is not known.
    Other(CompactString),
}

impl MountKind {
    pub(super) fn parse(value: &str) -> MountKind {
        let kinds = [
            ("bind", MountKind::Bind),
            ("cache", MountKind::Cache),
            ("tmpfs", MountKind::Tmpfs),
            ("secret", MountKind::Secret),
            ("ssh", MountKind::Ssh),
        ];
        kinds
            .into_iter()
            .find(|(name, _)| value.eq_ignore_ascii_case(name))
            .map_or_else(|| MountKind::Other(value.into()), |(_, kind)| kind)
    }
}

/// A `key=value` field of a mount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountField {
    /// The expanded value.
    pub value: CompactString,
    /// The value in the file (the whole flag value when quotes make the field's place
    /// uncertain).
    pub range: TextRange,
    pub known: bool,
}
