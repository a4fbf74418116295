//! The semantic model of a Dockerfile: stages and what they start from, variables and their
//! values at every instruction, the user, working directory and shell in effect, and what
//! COPY, ADD and `RUN --mount` read. Built by [`model`] in one pass over the syntax tree, as
//! BuildKit's `dockerfile2llb` dispatches the instructions, so that rules ask questions
//! ("the final stage's user", "the value of `VERSION` here", "where does this tag come from")
//! with one call.
//!
//! Instructions are named by their index in [`Dockerfile::instructions`]. Every expanded word
//! is an [`Expanded`]: its value, whether berth knows it, the variables it read, and a map from
//! any part of the value back to the file (an image tag written `:1.2` maps to `1.2`, one
//! coming from `:${TAG}` maps to `${TAG}`, whose binding says where TAG was set).
//!
//! # What berth cannot know
//!
//! The base image's environment, user, working directory and labels, and the values BuildKit
//! computes from the platforms (`TARGETARCH`...). Names the file does not define resolve to
//! [`Resolution::FromBaseImage`] in stages that descend from an image, which differs from
//! [`Resolution::Undefined`]; values that read them are not [`Expanded::known`]. Rules should
//! not claim anything from unknown values.
//!
//! # Errors
//!
//! [`Model::errors`] holds what makes BuildKit fail the build once the file is parsed, while it
//! expands and dispatches the instructions (the parser's errors are in
//! [`Dockerfile::errors`]):
//!
//! - a word BuildKit cannot expand (a missing `}`, a bad substitution) in a field it expands,
//!   and `${NAME:?message}` on an unset name;
//! - FROM expanding to nothing ("base name should not be blank"), an invalid image reference
//!   after expansion, an empty or invalid `--platform`;
//! - `COPY --from` with a variable, an index no stage has, the stage itself (a circular
//!   dependency) or a later stage; `RUN --mount=from=` naming the stage itself or a later one;
//!   an invalid image reference in `--from`;
//! - EXPOSE ports that do not parse, VOLUME paths that expand to nothing, STOPSIGNAL values
//!   that are not signals, `--chmod` values that are not octal modes up to 07777, ADD
//!   `--checksum` on several or local sources, COPY from a URL.
//!
//! BuildKit reports these only for the stages the build reaches; berth reports them in every
//! stage, as `docker build --check` does, since a stage that is not built today may be the
//! target tomorrow. Errors that depend on values berth does not know are not reported.
//! Warning-level facts (a FROM naming a later stage, a constant `--platform`, an undefined
//! variable, an unused stage) are left to rules, which read them from the model.
//!
//! # Not modelled
//!
//! ONBUILD triggers are recorded ([`Stage::onbuilds`]) but not expanded or applied to the
//! stages built from theirs; the bodies of COPY and ADD heredocs are not expanded (the model
//! does not read the source text); environment names are compared case-sensitively, as on
//! Linux (Windows images compare them case-insensitively); the base image's ENV, which
//! BuildKit applies again at each stage boundary, is not known to override an inherited ARG.

mod build;
mod copy;
mod dump;
mod expand;
mod expanded;
mod scope;
mod stage;
mod state;
mod values;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use crate::dockerfile::shell::{SetOptions, ShellKind};
use crate::dockerfile::tree::{Dockerfile, Word};
use crate::message::SyntaxError;
use crate::suggest::did_you_mean;

pub use copy::{CopyFrom, CopyInstruction, CopySource, FromFlag, Mount, MountField, MountKind};
pub use dump::dump;
pub use expanded::{Expanded, WordExpansion};
pub use scope::{Binding, BindingKind, Reference, Resolution, Resolved, Value, ValueSource};
pub use stage::{
    Base, Dependency, DependencyKind, ImageBase, Label, PlatformFlag, Port, Stage, StageName,
    Volume,
};
pub use state::{Shell, User, UserState, Workdir, WorkdirState};

use expand::Scopes;
use expanded::ExpandedLists;
use scope::Scope;

/// What the world outside the Dockerfile tells about the build: `docker build --build-arg`,
/// `--target` and `--build-context`, or a Compose service's `build.args`, `build.target` and
/// `build.additional_contexts`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelOptions {
    /// Build args, name to value. They override ARG defaults (global or in a stage) and the
    /// automatic platform ARGs; proxy ones reach RUN without a declaration.
    pub build_args: BTreeMap<String, String>,
    /// The stage to build (any case); the last stage when `None`.
    pub target: Option<String>,
    /// Named build contexts: a FROM or `--from` naming one (and no stage) reads it instead of
    /// pulling an image.
    pub contexts: BTreeSet<String>,
}

/// Builds the model of a parsed Dockerfile. Never fails: whatever BuildKit would refuse is in
/// [`Model::errors`].
pub fn model(dockerfile: &Dockerfile, options: &ModelOptions) -> Model {
    build::build(dockerfile, options)
}

/// The semantic model of a Dockerfile; see the [module documentation](self).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    stages: Vec<Stage>,
    bindings: Vec<Binding>,
    /// The global scope: the automatic ARGs, then the ARGs before the first FROM.
    globals: Range<usize>,
    scratch_path: usize,
    /// Proxy build args, which BuildKit passes to RUN without declaration.
    proxies: Range<usize>,
    /// The references and segments of every expanded word.
    lists: ExpandedLists,
    /// Every reference in file order, when the lists do not have them so.
    file_order: Option<Vec<Reference>>,
    copies: Vec<CopyInstruction>,
    mounts: Vec<Mount>,
    final_stage: Option<usize>,
    missing_target: Option<String>,
    default_shell: Shell,
    escape: char,
    /// What makes BuildKit fail once the file is parsed (see the module documentation), in
    /// file order.
    pub errors: Vec<SyntaxError>,
}

impl Model {
    // Stages.

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    pub fn stage(&self, index: usize) -> Option<&Stage> {
        self.stages.get(index)
    }

    /// The stage with this name, in any case, as `--target` and `--from` find it (the last
    /// one when several share the name).
    pub fn stage_named(&self, name: &str) -> Option<&Stage> {
        let name = name.to_lowercase();
        self.stages
            .iter()
            .rev()
            .find(|stage| stage.name.as_ref().is_some_and(|n| n.name == name))
    }

    /// The named stage before `before` whose name is closest to `name`, which names no stage
    /// there: the stage a misspelt `COPY --from=buidler` or `FROM buidler` most likely means
    /// ("did you mean"). The last of several stages sharing the name, as lookups find it.
    pub fn similar_stage(&self, name: &str, before: usize) -> Option<&Stage> {
        let earlier = &self.stages[..before.min(self.stages.len())];
        let names = earlier
            .iter()
            .filter_map(|stage| stage.name.as_ref().map(|name| name.name.as_str()));
        let found = did_you_mean(name, names)?;
        earlier
            .iter()
            .rev()
            .find(|stage| stage.name.as_ref().is_some_and(|name| name.name == found))
    }

    /// The stage the build produces: the target ([`ModelOptions::target`]) or the last stage.
    pub fn final_stage(&self) -> Option<&Stage> {
        self.final_stage.map(|index| &self.stages[index])
    }

    /// The target of [`ModelOptions::target`] when no stage has that name (BuildKit: "target
    /// stage could not be found"); the final stage is then the last one.
    pub fn missing_target(&self) -> Option<&str> {
        self.missing_target.as_deref()
    }

    /// The stage an instruction belongs to; `None` before the first FROM.
    pub fn stage_of(&self, instruction: usize) -> Option<&Stage> {
        let after = self
            .stages
            .partition_point(|stage| stage.from <= instruction);
        after.checked_sub(1).map(|index| &self.stages[index])
    }

    /// The stage, then the stage it is built FROM, and so on.
    pub fn ancestors(&self, stage: usize) -> impl Iterator<Item = &Stage> + '_ {
        std::iter::successors(self.stages.get(stage), |stage| {
            stage.parent().map(|parent| &self.stages[parent])
        })
    }

    /// The first stage of the chain of FROM stages ending at `stage`: its base is the image
    /// (or scratch, or context) everything else is built on.
    pub fn root(&self, stage: usize) -> Option<&Stage> {
        self.ancestors(stage).last()
    }

    // Variables.

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// A binding by id (from a [`Resolution`] or a [`ValueSource::Global`]).
    pub fn binding(&self, id: usize) -> &Binding {
        &self.bindings[id]
    }

    /// The automatic platform ARGs, then the ARGs before the first FROM: what FROM lines see.
    pub fn global_bindings(&self) -> &[Binding] {
        &self.bindings[self.globals.clone()]
    }

    /// The ARGs and ENVs of a stage, in order.
    pub fn stage_bindings(&self, stage: usize) -> &[Binding] {
        self.stages
            .get(stage)
            .map_or(&[], |stage| &self.bindings[stage.bindings.clone()])
    }

    /// Whether an ARG of that name is declared anywhere (a build arg nothing declares is
    /// ignored by BuildKit, except the proxy ones and the automatic ones).
    pub fn arg_declared(&self, name: &str) -> bool {
        self.bindings.iter().any(|binding| {
            binding.name == name
                && matches!(binding.kind, BindingKind::GlobalArg | BindingKind::Arg)
        })
    }

    /// What `name` resolves to when `instruction` runs: the variables set by the instructions
    /// before it (one value per instruction: in `ENV a=1 b=$a`, `b` sees the previous `a`).
    /// A FROM line sees the global scope.
    pub fn lookup(&self, instruction: usize, name: &str) -> Resolved<'_> {
        self.resolved(self.scopes().resolve(self.scope_at(instruction), name))
    }

    pub fn resolved(&self, resolution: Resolution) -> Resolved<'_> {
        match resolution {
            Resolution::Bound(id) => Resolved::Bound(&self.bindings[id]),
            Resolution::FromBaseImage => Resolved::FromBaseImage,
            Resolution::Undefined => Resolved::Undefined,
        }
    }

    /// Every variable reference in a field BuildKit expands (FROM image and platform, ARG
    /// defaults, ENV, LABEL, USER, WORKDIR, VOLUME, STOPSIGNAL, EXPOSE, COPY and ADD paths and
    /// flags, RUN mount options), in file order, with its resolution.
    pub fn references(&self) -> &[Reference] {
        self.file_order.as_deref().unwrap_or(&self.lists.references)
    }

    /// The references of one instruction.
    pub fn references_in(&self, instruction: usize) -> &[Reference] {
        let references = self.references();
        let start = references.partition_point(|reference| reference.instruction < instruction);
        let end = references.partition_point(|reference| reference.instruction <= instruction);
        &references[start..end]
    }

    /// The innermost reference whose range contains `offset` (end included), for hovers:
    /// in `${A:-$B}`, `B` at `B`, `A` elsewhere.
    pub fn reference_at(&self, offset: u32) -> Option<&Reference> {
        // References are in file order; nested ones start after the one they are in.
        let references = self.references();
        let after = references.partition_point(|reference| reference.range.start <= offset);
        let candidates = references[..after].iter().rev();
        let last = references[..after].last()?;
        candidates
            .take_while(|reference| reference.instruction == last.instruction)
            .find(|reference| reference.range.contains_inclusive(offset))
    }

    /// Expands any word of the instruction at `instruction` (of the instruction itself, or of
    /// its ONBUILD trigger) with the variables in scope there, as BuildKit would. For text
    /// BuildKit does not expand itself (RUN, CMD, ENTRYPOINT), this is what the shell would
    /// see of ARG and ENV values, not of the shell's own variables.
    pub fn expand(
        &self,
        dockerfile: &Dockerfile,
        instruction: usize,
        word: &Word,
    ) -> WordExpansion {
        let (scope, text) = match dockerfile.instructions.get(instruction) {
            Some(top) => (self.scope_at(instruction), build::word_text(top, word)),
            None => (
                Scope::Global { end: 0 },
                expand::WordText {
                    text: &word.text,
                    range: word.range,
                    map: None,
                },
            ),
        };
        let mut lists = ExpandedLists::default();
        let mut sink = expand::Sink {
            lists: &mut lists,
            errors: &mut Vec::new(),
        };
        let (expanded, _) = expand::expand(
            &self.scopes(),
            scope,
            self.escape,
            instruction,
            text,
            &mut sink,
        );
        WordExpansion { expanded, lists }
    }

    /// The ARG and ENV variables a shell-form RUN at `instruction` gets in its environment,
    /// each with the binding that sets it, in declaration order; with the proxy build args
    /// BuildKit adds without declaration. Names from the base image are not listed.
    pub fn shell_environment_at(&self, instruction: usize) -> Vec<&Binding> {
        let Some(stage) = self.stage_of(instruction) else {
            return Vec::new();
        };
        let scopes = self.scopes();
        let scope = self.scope_at(instruction);
        let mut chain: Vec<&Stage> = self.ancestors(stage.index).collect();
        chain.reverse();
        let mut seen = HashMap::new();
        let mut environment = Vec::new();
        for ancestor in chain {
            let end = match scope {
                Scope::Stage { stage, end } if stage == ancestor.index => end,
                _ => ancestor.bindings.end,
            };
            for binding in &self.bindings[ancestor.bindings.start..end.max(ancestor.bindings.start)]
            {
                if seen.contains_key(binding.name.as_str()) {
                    continue;
                }
                seen.insert(binding.name.as_str(), ());
                if let Resolution::Bound(id) = scopes.resolve(scope, &binding.name)
                    && self.bindings[id].value.is_set()
                {
                    environment.push(&self.bindings[id]);
                }
            }
        }
        for proxy in &self.bindings[self.proxies.clone()] {
            if !seen.contains_key(proxy.name.as_str()) {
                environment.push(proxy);
            }
        }
        environment
    }

    // User, working directory, shell.

    /// The user a command at `instruction` runs as (set by the instructions before it).
    pub fn user_at(&self, instruction: usize) -> UserState<'_> {
        match self.stage_of(instruction) {
            Some(stage) => self.user_before(stage.index, instruction),
            None => UserState::BaseImage,
        }
    }

    /// The user the image of `stage` runs as: the one in effect at its end.
    pub fn stage_user(&self, stage: usize) -> UserState<'_> {
        match self.stages.get(stage) {
            Some(stage) => self.user_before(stage.index, stage.instructions.end),
            None => UserState::BaseImage,
        }
    }

    fn user_before(&self, stage: usize, instruction: usize) -> UserState<'_> {
        let found = self.last_set(
            stage,
            instruction,
            |stage| &stage.users,
            |user| user.instruction,
        );
        match found {
            Ok(user) => UserState::Set(user),
            Err(true) => UserState::Root,
            Err(false) => UserState::BaseImage,
        }
    }

    /// The working directory at `instruction`.
    pub fn workdir_at(&self, instruction: usize) -> WorkdirState<'_> {
        match self.stage_of(instruction) {
            Some(stage) => self.workdir_before(stage.index, instruction),
            None => WorkdirState::BaseImage,
        }
    }

    /// The working directory of the image of `stage`.
    pub fn stage_workdir(&self, stage: usize) -> WorkdirState<'_> {
        match self.stages.get(stage) {
            Some(stage) => self.workdir_before(stage.index, stage.instructions.end),
            None => WorkdirState::BaseImage,
        }
    }

    fn workdir_before(&self, stage: usize, instruction: usize) -> WorkdirState<'_> {
        let found = self.last_set(
            stage,
            instruction,
            |stage| &stage.workdirs,
            |workdir| workdir.instruction,
        );
        match found {
            Ok(workdir) => WorkdirState::Set(workdir),
            Err(true) => WorkdirState::Root,
            Err(false) => WorkdirState::BaseImage,
        }
    }

    /// The shell of a shell-form RUN, CMD or ENTRYPOINT at `instruction`.
    pub fn shell_at(&self, instruction: usize) -> &Shell {
        let Some(stage) = self.stage_of(instruction) else {
            return &self.default_shell;
        };
        self.last_set(
            stage.index,
            instruction,
            |stage| &stage.shells,
            |shell| shell.instruction.unwrap_or(0),
        )
        .unwrap_or(&self.default_shell)
    }

    /// Whether the shell at `instruction` is a POSIX shell, so that shell-form RUN text is
    /// shell script (false for PowerShell and cmd).
    pub fn posix_shell_at(&self, instruction: usize) -> bool {
        self.shell_at(instruction).is_posix()
    }

    /// The kind of shell at `instruction`, as [`shell_view`](crate::dockerfile::shell::shell_view)
    /// takes it.
    pub fn shell_kind_at(&self, instruction: usize) -> ShellKind {
        self.shell_at(instruction).kind()
    }

    /// The options the shell at `instruction` starts with (`-o pipefail` in SHELL).
    pub fn shell_options_at(&self, instruction: usize) -> SetOptions {
        self.shell_at(instruction).options()
    }

    /// The last item of `list` set before `instruction` in the stage, else at the end of the
    /// stages it is built from; `Err(true)` when none is and the chain starts from scratch.
    fn last_set<'m, T>(
        &'m self,
        stage: usize,
        instruction: usize,
        list: impl Fn(&'m Stage) -> &'m [T],
        at: impl Fn(&T) -> usize,
    ) -> Result<&'m T, bool> {
        let mut current = &self.stages[stage];
        if let Some(found) = list(current)
            .iter()
            .rev()
            .find(|item| at(item) < instruction)
        {
            return Ok(found);
        }
        while let Some(parent) = current.parent() {
            current = &self.stages[parent];
            if let Some(found) = list(current).last() {
                return Ok(found);
            }
        }
        Err(matches!(current.base, Base::Scratch))
    }

    // What instructions read.

    /// Every COPY and ADD, in order.
    pub fn copies(&self) -> &[CopyInstruction] {
        &self.copies
    }

    /// The COPY or ADD at `instruction`.
    pub fn copy_at(&self, instruction: usize) -> Option<&CopyInstruction> {
        self.copies
            .binary_search_by_key(&instruction, |copy| copy.instruction)
            .ok()
            .map(|index| &self.copies[index])
    }

    /// The COPY and ADD instructions of a stage.
    pub fn copies_in(&self, stage: usize) -> &[CopyInstruction] {
        let start = self.copies.partition_point(|copy| copy.stage < stage);
        let end = self.copies.partition_point(|copy| copy.stage <= stage);
        &self.copies[start..end]
    }

    /// Every `RUN --mount`, in order.
    pub fn mounts(&self) -> &[Mount] {
        &self.mounts
    }

    /// The mounts of the RUN at `instruction` (a cache mount of `/var/cache/apt` makes cleaning
    /// that cache pointless).
    pub fn mounts_at(&self, instruction: usize) -> &[Mount] {
        let start = self
            .mounts
            .partition_point(|mount| mount.instruction < instruction);
        let end = self
            .mounts
            .partition_point(|mount| mount.instruction <= instruction);
        &self.mounts[start..end]
    }

    // What the image of a stage holds, inherited from the stages it is built from.

    /// The labels of the image of `stage`: its own and those of the stages it is built from,
    /// the last of each key winning, in the order they were set. The base image's labels are
    /// not known.
    pub fn labels(&self, stage: usize) -> Vec<&Label> {
        let mut chain: Vec<&Stage> = self.ancestors(stage).collect();
        chain.reverse();
        let all: Vec<&Label> = chain.iter().flat_map(|stage| &stage.labels).collect();
        let mut last: HashMap<&str, usize> = HashMap::new();
        for (position, label) in all.iter().enumerate() {
            last.insert(label.key.value.as_str(), position);
        }
        all.iter()
            .enumerate()
            .filter(|(position, label)| last.get(label.key.value.as_str()) == Some(position))
            .map(|(_, label)| *label)
            .collect()
    }

    /// The CMD of the image of `stage`: its last own CMD; none when it sets an ENTRYPOINT but
    /// no CMD (BuildKit resets CMD then); else the CMD of the stage it is built from.
    pub fn cmd(&self, stage: usize) -> Option<usize> {
        for stage in self.ancestors(stage) {
            if let Some(cmd) = stage.last_cmd() {
                return Some(cmd);
            }
            if !stage.entrypoints.is_empty() {
                return None;
            }
        }
        None
    }

    /// The ENTRYPOINT of the image of `stage`, inherited from the stages it is built from.
    pub fn entrypoint(&self, stage: usize) -> Option<usize> {
        self.ancestors(stage).find_map(Stage::last_entrypoint)
    }

    /// The HEALTHCHECK of the image of `stage` (possibly `HEALTHCHECK NONE`), inherited.
    pub fn healthcheck(&self, stage: usize) -> Option<usize> {
        self.ancestors(stage).find_map(Stage::last_healthcheck)
    }

    fn scopes(&self) -> Scopes<'_> {
        Scopes {
            stages: &self.stages,
            bindings: &self.bindings,
            globals: self.globals.clone(),
            scratch_path: self.scratch_path,
        }
    }

    /// The scope of `instruction`: the global one before the first FROM and on FROM lines,
    /// else its stage's, with the bindings of the instructions before it.
    fn scope_at(&self, instruction: usize) -> Scope {
        match self.stage_of(instruction) {
            None => {
                let globals = &self.bindings[self.globals.clone()];
                let visible = globals.partition_point(|binding| {
                    binding.instruction.is_none_or(|at| at < instruction)
                });
                Scope::Global {
                    end: self.globals.start + visible,
                }
            }
            Some(stage) if stage.from == instruction => Scope::Global {
                end: self.globals.end,
            },
            Some(stage) => {
                let own = &self.bindings[stage.bindings.clone()];
                let visible = own.partition_point(|binding| {
                    binding.instruction.is_some_and(|at| at < instruction)
                });
                Scope::Stage {
                    stage: stage.index,
                    end: stage.bindings.start + visible,
                }
            }
        }
    }
}
