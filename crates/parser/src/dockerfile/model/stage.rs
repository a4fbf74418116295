//! Build stages: what each FROM starts from, and what the stage's instructions set.

use compact_str::CompactString;

use std::ops::Range;

use crate::image::ImageRef;
use crate::ports::ExposedPort;
use crate::text::TextRange;

use super::expanded::Expanded;
use super::state::{Shell, User, Workdir};

/// A build stage: a FROM and the instructions up to the next FROM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    /// Its position among the stages (what `COPY --from=0` names).
    pub index: usize,
    pub name: Option<StageName>,
    /// The FROM instruction (an index into `Dockerfile::instructions`).
    pub from: usize,
    /// The stage's instructions, FROM included.
    pub instructions: Range<usize>,
    /// The image word of FROM, expanded with the global ARGs; `None` when FROM has no image.
    pub image: Option<Expanded>,
    pub base: Base,
    pub platform: Option<PlatformFlag>,
    /// Whether building the final stage ([`super::Model::final_stage`]) builds this one,
    /// through FROM, `COPY --from` and `RUN --mount=from=`.
    pub reachable: bool,
    /// The stages this one needs, in instruction order.
    pub dependencies: Vec<Dependency>,
    /// Each CMD, ENTRYPOINT, HEALTHCHECK and ONBUILD instruction, in order (the last one of
    /// each wins; BuildKit's MultipleInstructionsDisallowed check reports the others).
    pub cmds: Vec<usize>,
    pub entrypoints: Vec<usize>,
    pub healthchecks: Vec<usize>,
    /// ONBUILD instructions: their triggers run in builds (and stages) that start FROM this one.
    pub onbuilds: Vec<usize>,
    /// Each EXPOSE port, after expansion.
    pub ports: Vec<Port>,
    /// Each LABEL pair of the stage itself (see [`super::Model::labels`] for the inherited set).
    pub labels: Vec<Label>,
    /// Each VOLUME path, after expansion.
    pub volumes: Vec<Volume>,
    /// Each USER, WORKDIR and SHELL of the stage, in order.
    pub users: Vec<User>,
    pub workdirs: Vec<Workdir>,
    pub shells: Vec<Shell>,
    /// The stage's bindings, a range of [`super::Model::bindings`].
    pub(super) bindings: Range<usize>,
}

impl Stage {
    /// The name BuildKit gives the stage in messages: its name, or `stage-N`.
    pub fn display_name(&self) -> String {
        match &self.name {
            Some(name) => name.name.to_string(),
            None => format!("stage-{}", self.index),
        }
    }

    /// The stage this one is built FROM, if any.
    pub fn parent(&self) -> Option<usize> {
        match self.base {
            Base::Stage(parent) => Some(parent),
            _ => None,
        }
    }

    /// The external image the stage starts from, when it does not start from a stage.
    pub fn base_image(&self) -> Option<&ImageBase> {
        match &self.base {
            Base::Image(image) => Some(image),
            _ => None,
        }
    }

    /// The CMD, ENTRYPOINT and HEALTHCHECK in effect at the end of the stage itself (the last
    /// of each); see [`super::Model::cmd`] and the like for inherited ones.
    pub fn last_cmd(&self) -> Option<usize> {
        self.cmds.last().copied()
    }

    pub fn last_entrypoint(&self) -> Option<usize> {
        self.entrypoints.last().copied()
    }

    pub fn last_healthcheck(&self) -> Option<usize> {
        self.healthchecks.last().copied()
    }
}

/// `AS name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageName {
    /// Lower-cased, as BuildKit stores it.
    pub name: CompactString,
    /// The name as written.
    pub range: TextRange,
}

/// What a stage starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// An earlier stage, named by the expanded image word (BuildKit compares it exactly with
    /// the lower-cased names of the stages before).
    Stage(usize),
    /// An image from a registry.
    Image(Box<ImageBase>),
    /// `scratch`, the empty image: no user, `/` as working directory, BuildKit's default PATH.
    Scratch,
    /// A named build context of that name ([`super::ModelOptions::contexts`]).
    Context,
    /// FROM has no image, or it expands to nothing (an error in [`super::Model::errors`]).
    Missing,
}

/// An external base image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageBase {
    /// The expanded reference. Its ranges are offsets in [`Stage::image`]'s value:
    /// `image.file_range(model, reference.tag_range())` is where the tag is written.
    pub reference: ImageRef,
    /// The reference is valid (otherwise the errors are in [`super::Model::errors`]).
    pub valid: bool,
    /// A later stage has this name: BuildKit does not look forward and pulls an image of that
    /// name instead (a likely mistake).
    pub names_later_stage: Option<usize>,
}

/// `FROM --platform=...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformFlag {
    /// The whole flag.
    pub range: TextRange,
    /// The value, expanded with the global ARGs.
    pub value: Expanded,
    /// The variable, when the value is written as exactly one reference without modifier
    /// (`$TARGETPLATFORM`, `${BUILDPLATFORM}`).
    pub variable: Option<CompactString>,
}

impl PlatformFlag {
    /// A constant platform (BuildKit's FromPlatformFlagConstDisallowed check).
    pub fn is_constant(&self) -> bool {
        self.value.is_constant()
    }

    /// `--platform=$TARGETPLATFORM`, the default (BuildKit's RedundantTargetPlatform check).
    pub fn is_target_platform(&self) -> bool {
        self.variable.as_deref() == Some("TARGETPLATFORM")
    }

    /// `--platform=$BUILDPLATFORM`, the usual cross-compilation stage.
    pub fn is_build_platform(&self) -> bool {
        self.variable.as_deref() == Some("BUILDPLATFORM")
    }
}

/// A stage a stage needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dependency {
    pub stage: usize,
    /// The FROM, COPY or RUN instruction.
    pub instruction: usize,
    pub kind: DependencyKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DependencyKind {
    From,
    Copy,
    Mount,
}

/// One port of EXPOSE, after expansion (a word may expand into several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Port {
    pub instruction: usize,
    /// The expanded text of this port.
    pub text: CompactString,
    /// The word it comes from.
    pub range: TextRange,
    /// Where `text` starts in the file, when it is written there literally (so that the parts
    /// of [`port`](Self::port) map exactly).
    pub exact_start: Option<u32>,
    pub known: bool,
    pub port: ExposedPort,
}

impl Port {
    /// The file range of a part of the port (`port.parts.protocol`...): exact when the port
    /// is written literally, else the whole word.
    pub fn part_range(&self, part: TextRange) -> TextRange {
        match self.exact_start {
            Some(start) => part.shift(start),
            None => self.range,
        }
    }
}

/// A LABEL pair, after expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub instruction: usize,
    pub key: Expanded,
    /// `None` only for a legacy key without value (an error).
    pub value: Option<Expanded>,
}

/// A VOLUME path, after expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Volume {
    pub instruction: usize,
    pub path: Expanded,
}
