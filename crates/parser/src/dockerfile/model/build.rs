//! Building the model: one pass over the instructions in order, as BuildKit dispatches them,
//! then the links that need every stage (`COPY --from`, reachability).

use std::ops::Range;

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};

use crate::dockerfile::tree::{
    ArgDeclaration, Arguments, Command, Dockerfile, Flag, Instruction, KeyValue, Keyword, Word,
};
use crate::dockerfile::{run_flags, word};
use crate::go;
use crate::image::parse_image_ref;
use crate::lookup::Unset;
use crate::message::SyntaxError;
use crate::msg;
use crate::ports::parse_expose_port;
use crate::text::TextRange;

use super::copy::{
    CopyFrom, CopyInstruction, CopySource, FromFlag, Mount, MountField, MountKind, is_url,
};
use super::expand::{self, Scopes, Sink, WordText};
use super::expanded::{Expanded, ExpandedLists, Segment};
use super::scope::{
    AUTOMATIC_ARGS, Binding, BindingKind, DEFAULT_PATH, PROXY_ARGS, Reference, Resolution, Scope,
    Value, ValueSource,
};
use super::stage::{
    Base, Dependency, DependencyKind, ImageBase, Label, PlatformFlag, Port, Stage, StageName,
    Volume,
};
use super::state::{Shell, User, Workdir};
use super::values::{check_chmod, check_platform, check_signal, resolve_workdir};
use super::{Model, ModelOptions};

pub(super) fn build(dockerfile: &Dockerfile, options: &ModelOptions) -> Model {
    let stage_names: Vec<Option<CompactString>> = dockerfile
        .instructions
        .iter()
        .filter(|instruction| instruction.keyword == Keyword::From)
        .map(|instruction| match &instruction.args {
            Arguments::From(from) => from
                .stage_name
                .as_ref()
                .map(|name| crate::dockerfile::to_lowercase(&name.text)),
            _ => None,
        })
        .collect();
    let stages_by_name = StagesByName::new(&stage_names);
    // The model's lists are sized up front, so that they are never moved as they grow (on a
    // large file, copying them again and again costs more than reading the counts).
    let (mut copies, mut mounts, mut bindings) = (0, 0, 0);
    for instruction in &dockerfile.instructions {
        match (&instruction.keyword, &instruction.args) {
            (Keyword::Copy | Keyword::Add, _) => copies += 1,
            (Keyword::Run, _) => mounts += instruction.flags_named("mount").count(),
            (Keyword::Env, Arguments::KeyValues(pairs)) => bindings += pairs.len(),
            (Keyword::Arg, Arguments::ArgDeclarations(declarations)) => {
                bindings += declarations.len();
            }
            _ => {}
        }
    }
    let bindings = Vec::with_capacity(1 + AUTOMATIC_ARGS.len() + bindings);
    // Variables are rarer than instructions in real files: a guess, not a bound.
    let references = dockerfile.instructions.len() / 2;
    let lists = ExpandedLists {
        references: Vec::with_capacity(references),
        segments: Vec::with_capacity(references),
    };
    let mut builder = Builder {
        dockerfile,
        options,
        stages: Vec::with_capacity(stage_names.len()),
        stage_names,
        stages_by_name,
        bindings,
        globals: 0..0,
        lists,
        copies: Vec::with_capacity(copies),
        mounts: Vec::with_capacity(mounts),
        errors: Vec::new(),
    };
    builder.buildkit_bindings();
    for (index, instruction) in dockerfile.instructions.iter().enumerate() {
        builder.instruction(index, instruction);
    }
    builder.finish()
}

/// The stages of each name: FROM lines look up every base image among them, and a name may be
/// given to several stages (a later one wins for `COPY --from`, an earlier one is a FROM's
/// base), so each name has its run of indices.
struct StagesByName {
    runs: HashMap<CompactString, Range<usize>>,
    /// The indices of the named stages, name by name, each run in order.
    indices: Vec<usize>,
}

impl StagesByName {
    fn new(names: &[Option<CompactString>]) -> StagesByName {
        let mut runs: HashMap<CompactString, Range<usize>> = HashMap::new();
        for name in names.iter().flatten() {
            runs.entry(name.clone()).or_default().end += 1;
        }
        // Each run's place, then its indices written in stage order.
        let mut start = 0;
        for run in runs.values_mut() {
            let len = run.end;
            *run = start..start;
            start += len;
        }
        let mut indices = vec![0; start];
        for (index, name) in names.iter().enumerate() {
            if let Some(run) = name.as_ref().and_then(|name| runs.get_mut(name.as_str())) {
                indices[run.end] = index;
                run.end += 1;
            }
        }
        StagesByName { runs, indices }
    }

    fn get(&self, name: &str) -> &[usize] {
        self.runs
            .get(name)
            .map_or(&[], |run| &self.indices[run.clone()])
    }
}

/// The binding of BuildKit's default PATH comes first, then the automatic global ARGs.
const SCRATCH_PATH: usize = 0;

struct Builder<'d> {
    dockerfile: &'d Dockerfile,
    options: &'d ModelOptions,
    /// The lower-cased name of every stage, known before the stages are built (for
    /// `TARGETSTAGE` and for FROM lines that name a later stage).
    stage_names: Vec<Option<CompactString>>,
    stages_by_name: StagesByName,
    stages: Vec<Stage>,
    bindings: Vec<Binding>,
    globals: Range<usize>,
    /// The references and segments of every word expanded so far.
    lists: ExpandedLists,
    copies: Vec<CopyInstruction>,
    mounts: Vec<Mount>,
    errors: Vec<SyntaxError>,
}

impl<'d> Builder<'d> {
    fn scopes(&self) -> Scopes<'_> {
        Scopes {
            stages: &self.stages,
            bindings: &self.bindings,
            globals: self.globals.clone(),
            scratch_path: SCRATCH_PATH,
        }
    }

    fn error(&mut self, range: TextRange, message: crate::Message) {
        self.errors.push(SyntaxError::new(range, message));
    }

    /// BuildKit's default PATH for scratch stages, and its automatic global ARGs: set to values
    /// it computes from the build's platforms (unknown here) unless build args override them;
    /// `TARGETSTAGE` is the target's name.
    fn buildkit_bindings(&mut self) {
        self.bindings.push(Binding {
            name: "PATH".into(),
            kind: BindingKind::BuildKitDefault,
            value: Value::Known(DEFAULT_PATH.into()),
            source: ValueSource::BuildKit,
            instruction: None,
            stage: None,
            name_range: None,
            value_range: None,
        });
        let target_stage = match &self.options.target {
            Some(target) => target.as_str().into(),
            None => self
                .stage_names
                .last()
                .cloned()
                .flatten()
                .unwrap_or_else(|| CompactString::const_new("default")),
        };
        self.globals = self.bindings.len()..self.bindings.len();
        for name in AUTOMATIC_ARGS {
            let (value, source) = match self.options.build_args.get(name) {
                Some(value) => (Value::Known(value.as_str().into()), ValueSource::BuildArg),
                None if name == "TARGETSTAGE" => (
                    Value::Known(target_stage.as_str().into()),
                    ValueSource::BuildKit,
                ),
                None => (Value::Unknown, ValueSource::BuildKit),
            };
            self.push_global(Binding {
                name: name.into(),
                kind: BindingKind::Automatic,
                value,
                source,
                instruction: None,
                stage: None,
                name_range: None,
                value_range: None,
            });
        }
    }

    fn push_global(&mut self, binding: Binding) {
        self.bindings.push(binding);
        self.globals.end = self.bindings.len();
    }

    fn push_stage_binding(&mut self, binding: Binding) {
        self.bindings.push(binding);
        if let Some(stage) = self.stages.last_mut() {
            stage.bindings.end = self.bindings.len();
        }
    }

    /// The scope of the current stage, with the bindings made so far.
    fn stage_scope(&self) -> Scope {
        Scope::Stage {
            stage: self.stages.len() - 1,
            end: self.bindings.len(),
        }
    }

    /// Expands a word, recording its references, and its errors as BuildKit would report them.
    fn expand(&mut self, scope: Scope, index: usize, word: WordText) -> Expanded {
        self.expand_parsed(scope, index, word).0
    }

    /// [`Builder::expand`], with the parsed word when it needed parsing.
    fn expand_parsed(
        &mut self,
        scope: Scope,
        index: usize,
        word: WordText,
    ) -> (Expanded, Option<word::Word>) {
        let scopes = Scopes {
            stages: &self.stages,
            bindings: &self.bindings,
            globals: self.globals.clone(),
            scratch_path: SCRATCH_PATH,
        };
        let mut sink = Sink {
            lists: &mut self.lists,
            errors: &mut self.errors,
        };
        expand::expand(
            &scopes,
            scope,
            self.dockerfile.escape,
            index,
            word,
            &mut sink,
        )
    }

    fn expand_word(&mut self, scope: Scope, index: usize, word: &Word) -> Expanded {
        let dockerfile = self.dockerfile;
        let instruction = &dockerfile.instructions[index];
        self.expand(scope, index, word_text(instruction, word))
    }

    fn expand_flag(&mut self, scope: Scope, index: usize, flag: Option<&Flag>) -> Option<Expanded> {
        let dockerfile = self.dockerfile;
        let instruction = &dockerfile.instructions[index];
        let text = flag_text(instruction, flag?)?;
        Some(self.expand(scope, index, text))
    }

    fn instruction(&mut self, index: usize, instruction: &'d Instruction) {
        if instruction.keyword == Keyword::From {
            self.from(index, instruction);
            return;
        }
        if self.stages.is_empty() {
            // Only ARG may come before the first FROM; the parser reports anything else.
            if let Arguments::ArgDeclarations(declarations) = &instruction.args {
                for declaration in declarations {
                    self.global_arg(index, declaration);
                }
            }
            return;
        }
        let stage = self.stages.len() - 1;
        match (&instruction.keyword, &instruction.args) {
            (Keyword::Arg, Arguments::ArgDeclarations(declarations)) => {
                for declaration in declarations {
                    self.stage_arg(index, declaration);
                }
            }
            (Keyword::Env, Arguments::KeyValues(pairs)) => self.env(index, pairs),
            (Keyword::Label, Arguments::KeyValues(pairs)) => self.label(index, pairs),
            (Keyword::User, Arguments::Text(word)) => self.user(index, word),
            (Keyword::Workdir, Arguments::Text(word)) => self.workdir(index, word),
            (Keyword::Shell, Arguments::Command(Command::Exec(array))) => {
                self.stages[stage].shells.push(Shell {
                    instruction: Some(index),
                    argv: array
                        .elements
                        .iter()
                        .map(|word| word.text.to_string())
                        .collect(),
                    range: Some(array.range),
                });
            }
            (Keyword::Expose, Arguments::Words(list)) => {
                for word in list.words() {
                    self.expose(index, word);
                }
            }
            (Keyword::Volume, Arguments::Words(list)) => {
                for word in list.words() {
                    self.volume(index, word);
                }
            }
            (Keyword::Stopsignal, Arguments::Text(word)) => {
                let signal = self.expand_word(self.stage_scope(), index, word);
                if signal.known
                    && let Err(message) = check_signal(&signal.value)
                {
                    self.error(signal.range, message);
                }
            }
            (Keyword::Copy | Keyword::Add, Arguments::Paths(_)) => self.copy(index, instruction),
            (Keyword::Run, _) => {
                for flag in instruction.flags_named("mount") {
                    self.mount(index, instruction, flag);
                }
            }
            (Keyword::Cmd, _) => self.stages[stage].cmds.push(index),
            (Keyword::Entrypoint, _) => self.stages[stage].entrypoints.push(index),
            (Keyword::Healthcheck, _) => self.stages[stage].healthchecks.push(index),
            (Keyword::Onbuild, _) => self.stages[stage].onbuilds.push(index),
            _ => {}
        }
    }

    /// A global ARG: a build arg wins, else the default expanded with the global ARGs before
    /// it (`dockerfile2llb/convert.go` `buildMetaArgs`).
    fn global_arg(&mut self, index: usize, declaration: &ArgDeclaration) {
        let name = declaration.name.text.to_string();
        let (value, source) = match (self.options.build_args.get(&name), &declaration.value) {
            (Some(value), _) => (Value::Known(value.as_str().into()), ValueSource::BuildArg),
            (None, Some(default)) => {
                let scope = Scope::Global {
                    end: self.bindings.len(),
                };
                let expanded = self.expand_word(scope, index, default);
                (known_or_unknown(expanded), ValueSource::Written)
            }
            (None, None) => (Value::Unset, ValueSource::None),
        };
        self.push_global(Binding {
            name: name.into(),
            kind: BindingKind::GlobalArg,
            value,
            source,
            instruction: Some(index),
            stage: None,
            name_range: Some(declaration.name.range),
            value_range: declaration.value.as_ref().map(|value| value.range),
        });
    }

    /// A stage ARG (`dispatchArg`): a build arg wins; without a default it takes the global
    /// value; else the default, expanded with what the stage has set so far (the ARGs before
    /// it in the same instruction included).
    fn stage_arg(&mut self, index: usize, declaration: &ArgDeclaration) {
        let name = declaration.name.text.to_string();
        let (value, source) = match (self.options.build_args.get(&name), &declaration.value) {
            (Some(value), _) => (Value::Known(value.as_str().into()), ValueSource::BuildArg),
            (None, Some(default)) => {
                let expanded = self.expand_word(self.stage_scope(), index, default);
                (known_or_unknown(expanded), ValueSource::Written)
            }
            (None, None) => {
                let scope = Scope::Global {
                    end: self.globals.end,
                };
                match self.scopes().resolve(scope, &name) {
                    Resolution::Bound(id) if self.bindings[id].value.is_set() => {
                        (self.bindings[id].value.clone(), ValueSource::Global(id))
                    }
                    _ => (Value::Unset, ValueSource::None),
                }
            }
        };
        let stage = self.stages.len() - 1;
        self.push_stage_binding(Binding {
            name: name.into(),
            kind: BindingKind::Arg,
            value,
            source,
            instruction: Some(index),
            stage: Some(stage),
            name_range: Some(declaration.name.range),
            value_range: declaration.value.as_ref().map(|value| value.range),
        });
    }

    /// ENV: every key and value is expanded with the variables as they were before the
    /// instruction (`ENV a=1 b=$a` gives `b` the previous `a`).
    fn env(&mut self, index: usize, pairs: &[KeyValue]) {
        let scope = self.stage_scope();
        let stage = self.stages.len() - 1;
        for pair in pairs {
            let key = self.expand_word(scope, index, &pair.key);
            let Some(value_word) = &pair.value else {
                continue;
            };
            let value = self.expand_word(scope, index, value_word);
            self.push_stage_binding(Binding {
                name: key.value,
                kind: BindingKind::Env,
                value: known_or_unknown(value),
                source: ValueSource::Written,
                instruction: Some(index),
                stage: Some(stage),
                name_range: Some(pair.key.range),
                value_range: Some(value_word.range),
            });
        }
    }

    fn label(&mut self, index: usize, pairs: &[KeyValue]) {
        let scope = self.stage_scope();
        for pair in pairs {
            let key = self.expand_word(scope, index, &pair.key);
            let value = pair
                .value
                .as_ref()
                .map(|value| self.expand_word(scope, index, value));
            let stage = self.stages.len() - 1;
            self.stages[stage].labels.push(Label {
                instruction: index,
                key,
                value,
            });
        }
    }

    fn user(&mut self, index: usize, word: &Word) {
        let value = self.expand_word(self.stage_scope(), index, word);
        let (user, group) = match value.value.split_once(':') {
            Some((user, group)) => (CompactString::from(user), Some(CompactString::from(group))),
            None => (value.value.clone(), None),
        };
        let user_end = user.len() as u32;
        let user_range = self.lists.file_range(&value, TextRange::new(0, user_end));
        let group_range = group.as_ref().map(|_| {
            let group = TextRange::new(user_end + 1, value.value.len() as u32);
            self.lists.file_range(&value, group)
        });
        let stage = self.stages.len() - 1;
        self.stages[stage].users.push(User {
            instruction: index,
            value,
            user,
            group,
            user_range,
            group_range,
        });
    }

    fn workdir(&mut self, index: usize, word: &Word) {
        let value = self.expand_word(self.stage_scope(), index, word);
        let stage = self.stages.len() - 1;
        let (current, current_from_base) = self.workdir_before(stage);
        let relative = !value.value.starts_with('/');
        let path = resolve_workdir(current, &value.value);
        self.stages[stage].workdirs.push(Workdir {
            instruction: index,
            value,
            path,
            relative_to_base_image: relative && current_from_base,
        });
    }

    /// The working directory at the end of what the stage has so far, and whether it is the
    /// base image's (unknown, assumed `/`).
    fn workdir_before(&self, stage: usize) -> (&str, bool) {
        let mut current = &self.stages[stage];
        loop {
            if let Some(workdir) = current.workdirs.last() {
                return (&workdir.path, workdir.relative_to_base_image);
            }
            match current.base {
                Base::Stage(parent) => current = &self.stages[parent],
                Base::Scratch => return ("/", false),
                Base::Image(_) | Base::Context | Base::Missing => return ("/", true),
            }
        }
    }

    fn expose(&mut self, index: usize, word: &Word) {
        let dockerfile = self.dockerfile;
        let instruction = &dockerfile.instructions[index];
        let scope = self.stage_scope();
        let (expanded, parsed) = self.expand_parsed(scope, index, word_text(instruction, word));
        let words = expand::split_words(&self.scopes(), scope, &expanded, parsed.as_ref());
        // A port written literally maps part by part; one that comes from variables or quotes
        // maps to its word.
        let single_word = words
            .as_ref()
            .is_none_or(|words| words.len() == 1 && words[0] == expanded.value);
        let exact_start = match self.lists.segments_of(&expanded) {
            [segment]
                if segment.exact
                    && single_word
                    && segment.value.len() as usize == expanded.value.len() =>
            {
                Some(segment.file.start)
            }
            // The word maps to the file byte for byte.
            [] if single_word
                && !expanded.value.is_empty()
                && expanded.range.len() as usize == expanded.value.len() =>
            {
                Some(expanded.range.start)
            }
            _ => None,
        };
        let stage = self.stages.len() - 1;
        let whole = words.is_none().then(|| expanded.value.clone());
        for text in whole.into_iter().chain(words.into_iter().flatten()) {
            let (port, errors) = parse_expose_port(&text);
            let record = Port {
                instruction: index,
                text,
                range: word.range,
                exact_start,
                known: expanded.known,
                port,
            };
            if expanded.known {
                for error in errors {
                    self.error(record.part_range(error.range), error.message);
                }
            }
            self.stages[stage].ports.push(record);
        }
    }

    fn volume(&mut self, index: usize, word: &Word) {
        let path = self.expand_word(self.stage_scope(), index, word);
        if path.known && path.value.is_empty() && !word.text.trim().is_empty() {
            self.error(
                path.range,
                msg!(
                    "VOLUME specified can not be an empty string",
                    "VOLUME ne peut pas être une chaîne vide (la variable est vide)"
                ),
            );
        }
        let stage = self.stages.len() - 1;
        self.stages[stage].volumes.push(Volume {
            instruction: index,
            path,
        });
    }

    fn from(&mut self, index: usize, instruction: &Instruction) {
        if let Some(previous) = self.stages.last_mut() {
            previous.instructions.end = index;
        }
        let stage_index = self.stages.len();
        let global = Scope::Global {
            end: self.globals.end,
        };
        let mut stage = Stage {
            index: stage_index,
            name: None,
            from: index,
            instructions: index..index + 1,
            image: None,
            base: Base::Missing,
            platform: None,
            reachable: false,
            dependencies: Vec::new(),
            cmds: Vec::new(),
            entrypoints: Vec::new(),
            healthchecks: Vec::new(),
            onbuilds: Vec::new(),
            ports: Vec::new(),
            labels: Vec::new(),
            volumes: Vec::new(),
            users: Vec::new(),
            workdirs: Vec::new(),
            shells: Vec::new(),
            bindings: self.bindings.len()..self.bindings.len(),
        };
        if let Some(flag) = instruction.flag("platform")
            && let Some(text) = flag_text(instruction, flag)
        {
            let value = self.expand(global, index, text);
            if value.known {
                let written = text.text;
                if value.value.is_empty() {
                    self.error(
                        value.range,
                        msg!(
                            "empty platform value from expression {written}",
                            "la plateforme est vide une fois {written} développé"
                        ),
                    );
                } else if let Err(reason) = check_platform(&value.value) {
                    self.error(
                        value.range,
                        crate::Message::new(
                            format!("failed to parse platform {written}: {}", reason.en),
                            format!("plateforme {written} illisible : {}", reason.fr),
                        ),
                    );
                }
            }
            stage.platform = Some(PlatformFlag {
                range: flag.range,
                variable: single_variable(text.text),
                value,
            });
        }
        if let Arguments::From(from) = &instruction.args {
            stage.name = from.stage_name.as_ref().map(|name| StageName {
                name: crate::dockerfile::to_lowercase(&name.text),
                range: name.range,
            });
            let image = self.expand(global, index, word_text(instruction, &from.image));
            stage.base = self.base(stage_index, &image, &from.image.text);
            if let Base::Stage(parent) = stage.base {
                stage.dependencies.push(Dependency {
                    stage: parent,
                    instruction: index,
                    kind: DependencyKind::From,
                });
            }
            stage.image = Some(image);
        }
        self.stages.push(stage);
    }

    /// What a FROM starts from (`addState`, then `resolveReachableStages`): an earlier stage
    /// whose name is exactly the expanded word, `scratch`, a named context, or an image.
    fn base(&mut self, stage_index: usize, image: &Expanded, written: &str) -> Base {
        let value = image.value.as_str();
        // `ARG REGISTRY` without a default in `FROM ${REGISTRY}/app` is a value the build
        // must be given (`--build-arg`), not a mistake in the file: BuildKit only warns
        // (InvalidDefaultArgInFrom). Its base is what it is given, so nothing is reported here.
        let given_at_build = self.reads_arg_without_value(image);
        if value.is_empty() {
            if image.known && !given_at_build {
                self.error(
                    image.range,
                    msg!(
                        "base name ({written}) should not be blank",
                        "le nom de l'image de base ({written}) est vide une fois les variables développées"
                    ),
                );
            }
            return Base::Missing;
        }
        let named = self.stages_named(value);
        let before = named.partition_point(|&index| index < stage_index);
        if let Some(&parent) = before.checked_sub(1).and_then(|last| named.get(last)) {
            return Base::Stage(parent);
        }
        if value == "scratch" {
            return Base::Scratch;
        }
        if self.options.contexts.contains(value) {
            return Base::Context;
        }
        let names_later_stage = named
            .get(named.partition_point(|&index| index <= stage_index))
            .copied();
        let (reference, errors) = parse_image_ref(value);
        let valid = errors.is_empty();
        if image.known && !given_at_build {
            for error in errors {
                let range = self.lists.file_range(image, error.range);
                self.error(range, error.message);
            }
        }
        Base::Image(Box::new(ImageBase {
            reference,
            valid,
            names_later_stage,
        }))
    }

    /// Whether `word` reads an ARG declared without a default and given no build argument.
    fn reads_arg_without_value(&self, word: &Expanded) -> bool {
        self.lists
            .references_of(word)
            .iter()
            .any(|reference| match reference.resolution {
                Resolution::Bound(binding) => self
                    .bindings
                    .get(binding)
                    .is_some_and(|binding| binding.value == Value::Unset),
                Resolution::FromBaseImage | Resolution::Undefined => false,
            })
    }

    fn copy(&mut self, index: usize, instruction: &'d Instruction) {
        let Arguments::Paths(list) = &instruction.args else {
            return;
        };
        let scope = self.stage_scope();
        let add = instruction.keyword == Keyword::Add;
        let chown = self.expand_flag(scope, index, instruction.flag("chown"));
        let chmod = self.expand_flag(scope, index, instruction.flag("chmod"));
        let checksum = if add {
            self.expand_flag(scope, index, instruction.flag("checksum"))
        } else {
            None
        };
        let link = instruction.flag("link").is_some_and(|flag| {
            flag.value
                .as_deref()
                .is_none_or(|value| !value.eq_ignore_ascii_case("false"))
        });
        let from = if add {
            None
        } else {
            instruction.flag("from").and_then(|flag| {
                Some(FromFlag {
                    value: flag.value.clone()?,
                    range: flag.value_range?,
                    target: CopyFrom::Invalid,
                })
            })
        };
        let mut sources = Vec::with_capacity(list.sources().len());
        for word in list.sources() {
            let heredoc = instruction
                .heredocs
                .iter()
                .position(|heredoc| heredoc.range == word.range);
            let path = match heredoc {
                Some(position) => heredoc_name(
                    &mut self.lists,
                    &instruction.heredocs[position].name,
                    word.range,
                ),
                None => self.expand_word(scope, index, word),
            };
            sources.push(CopySource { path, heredoc });
        }
        let destination = list
            .destination()
            .map(|word| self.expand_word(scope, index, word));
        let copy = CopyInstruction {
            instruction: index,
            stage: self.stages.len() - 1,
            add,
            from,
            sources,
            destination,
            chown,
            chmod,
            checksum,
            link,
        };
        self.check_copy(&copy);
        self.copies.push(copy);
    }

    /// The checks `dispatchCopy` makes on expanded values.
    fn check_copy(&mut self, copy: &CopyInstruction) {
        if let Some(chmod) = &copy.chmod
            && chmod.known
            && let Err(message) = check_chmod(&chmod.value)
        {
            self.error(chmod.range, message);
        }
        if let Some(checksum) = &copy.checksum
            && copy.sources.iter().all(|source| source.path.known)
        {
            if copy.sources.len() != 1 {
                self.error(
                    checksum.range,
                    msg!(
                        "checksum can't be specified for multiple sources",
                        "--checksum ne s'applique qu'à une seule source"
                    ),
                );
            } else if !copy.sources[0].is_url() && !is_git_source(&copy.sources[0].path.value) {
                self.error(
                    checksum.range,
                    msg!(
                        "checksum requires HTTP(S) or Git sources",
                        "--checksum demande une source HTTP(S) ou Git"
                    ),
                );
            }
        }
        if !copy.add {
            for source in &copy.sources {
                if source.path.known && source.is_url() {
                    self.error(
                        source.path.range,
                        msg!(
                            "source can't be a URL for COPY",
                            "la source de COPY ne peut pas être une URL : utilisez ADD --checksum=..., ou curl dans un RUN"
                        ),
                    );
                }
            }
        }
    }

    /// `RUN --mount=...`: BuildKit expands every field's value; the parser already checked
    /// the fields that hold no variable.
    fn mount(&mut self, index: usize, instruction: &Instruction, flag: &Flag) {
        let (Some(value), Some(range)) = (flag.value.as_deref(), flag.value_range) else {
            return;
        };
        let Ok(fields) = run_flags::fields_at(value) else {
            return;
        };
        let flag_map = flag_text(instruction, flag).and_then(|text| text.map);
        let scope = self.stage_scope();
        let mut mount = Mount {
            instruction: index,
            stage: self.stages.len() - 1,
            range,
            kind: MountKind::Bind,
            target: None,
            source: None,
            from: None,
            id: None,
            sharing: None,
            env: None,
            mode: None,
            uid: None,
            gid: None,
            size: None,
            readonly: true,
            required: false,
            known: true,
        };
        let mut readonly = None;
        for (field, start) in fields {
            let (key, field_value) = match field.split_once('=') {
                Some((key, field_value)) => (key, Some(field_value)),
                None => (&*field, None),
            };
            // Keys are short: lower-cased inline, without allocating.
            let mut key = CompactString::from(key);
            key.make_ascii_lowercase();
            let Some(field_value) = field_value else {
                match key.as_str() {
                    "readonly" | "ro" => readonly = Some(true),
                    "readwrite" | "rw" => readonly = Some(false),
                    "required" => mount.required = true,
                    _ => {}
                }
                continue;
            };
            let value_start = start.map(|start| start + key.len() as u32 + 1);
            let text = WordText {
                text: field_value,
                range: match value_start {
                    Some(start) if flag_map.is_some() => {
                        instruction.logical.file_range(TextRange::at(
                            flag.value_logical.map_or(0, |logical| logical.start) + start,
                            field_value.len() as u32,
                        ))
                    }
                    _ => range,
                },
                map: match (flag_map, value_start) {
                    (Some((logical, flag_start)), Some(start)) => {
                        Some((logical, flag_start + start))
                    }
                    _ => None,
                },
            };
            if key == "from" {
                mount.from = Some(FromFlag {
                    value: field_value.into(),
                    range: text.range,
                    target: CopyFrom::Invalid,
                });
                continue;
            }
            let expanded = self.expand(scope, index, text);
            mount.known &= expanded.known;
            let field = MountField {
                value: expanded.value,
                range: expanded.range,
                known: expanded.known,
            };
            match key.as_str() {
                "type" => mount.kind = MountKind::parse(&field.value),
                "target" | "dst" | "destination" => mount.target = Some(field),
                "source" | "src" => mount.source = Some(field),
                "id" => mount.id = Some(field),
                "sharing" => mount.sharing = Some(field),
                "env" => mount.env = Some(field),
                "mode" => mount.mode = Some(field),
                "uid" => mount.uid = Some(field),
                "gid" => mount.gid = Some(field),
                "size" => mount.size = Some(field),
                "readonly" | "ro" => readonly = parse_bool(&field.value),
                "readwrite" | "rw" => readonly = parse_bool(&field.value).map(|rw| !rw),
                "required" => mount.required = parse_bool(&field.value).unwrap_or(false),
                _ => {}
            }
        }
        mount.readonly =
            readonly.unwrap_or(!matches!(mount.kind, MountKind::Cache | MountKind::Tmpfs));
        self.mounts.push(mount);
    }

    /// Links that need every stage: `COPY --from` and `RUN --mount=from=` targets, the final
    /// stage, reachability.
    fn finish(mut self) -> Model {
        let count = self.dockerfile.instructions.len();
        if let Some(last) = self.stages.last_mut() {
            last.instructions.end = count;
        }
        let mut copies = std::mem::take(&mut self.copies);
        for copy in &mut copies {
            let stage = copy.stage;
            let index = copy.instruction;
            if let Some(from) = &mut copy.from {
                from.target = self.copy_from(stage, index, from, None);
            }
        }
        self.copies = copies;
        let mut mounts = std::mem::take(&mut self.mounts);
        for mount in &mut mounts {
            let (stage, index) = (mount.stage, mount.instruction);
            let target = mount.target.as_ref().map_or("", |target| &target.value);
            if let Some(from) = &mut mount.from {
                from.target = self.copy_from(stage, index, from, Some(target));
            }
        }
        self.mounts = mounts;
        for stage in &mut self.stages {
            stage
                .dependencies
                .sort_by_key(|dependency| dependency.instruction);
        }

        let (final_stage, missing_target) = match &self.options.target {
            Some(target) => match self.stage_named(target) {
                Some(index) => (Some(index), None),
                None => (self.stages.len().checked_sub(1), Some(target.clone())),
            },
            None => (self.stages.len().checked_sub(1), None),
        };
        if let Some(final_stage) = final_stage {
            let mut pending = vec![final_stage];
            while let Some(index) = pending.pop() {
                if std::mem::replace(&mut self.stages[index].reachable, true) {
                    continue;
                }
                pending.extend(
                    self.stages[index]
                        .dependencies
                        .iter()
                        .map(|dependency| dependency.stage),
                );
            }
        }

        let proxies_start = self.bindings.len();
        for name in PROXY_ARGS {
            if let Some(value) = self.options.build_args.get(name) {
                self.bindings.push(Binding {
                    name: name.into(),
                    kind: BindingKind::Predefined,
                    value: Value::Known(value.as_str().into()),
                    source: ValueSource::BuildArg,
                    instruction: None,
                    stage: None,
                    name_range: None,
                    value_range: None,
                });
            }
        }
        let proxies = proxies_start..self.bindings.len();

        self.errors
            .sort_by_key(|error| (error.range.start, error.range.end));
        // Words are expanded in file order, but a nested reference is read before the one it
        // is in (`${A:-$B}` reads B first), and COPY flags in a fixed order: the model's list
        // in file order is then a sorted copy.
        let key = |reference: &Reference| (reference.instruction, reference.range.start);
        let references = &self.lists.references;
        let file_order = (!references.is_sorted_by_key(key)).then(|| {
            let mut sorted = references.clone();
            sorted.sort_by_key(key);
            sorted
        });
        Model {
            stages: self.stages,
            bindings: self.bindings,
            globals: self.globals,
            scratch_path: SCRATCH_PATH,
            proxies,
            lists: self.lists,
            file_order,
            copies: self.copies,
            mounts: self.mounts,
            final_stage,
            missing_target,
            default_shell: Shell::default_shell(),
            escape: self.dockerfile.escape,
            errors: self.errors,
        }
    }

    /// The stages named `name` (lower-cased), in order.
    fn stages_named(&self, name: &str) -> &[usize] {
        self.stages_by_name.get(name)
    }

    /// The stage a name (any case) designates in `COPY --from` and `--target`: in BuildKit's
    /// map of stage names, a later stage with the same name replaces an earlier one.
    fn stage_named(&self, name: &str) -> Option<usize> {
        let lower = crate::dockerfile::to_lowercase(name);
        self.stages_named(&lower).last().copied()
    }

    /// Resolves `--from` as BuildKit's `toCommand` (COPY) and `detectRunMount` (mounts, which
    /// take names only) do; records the dependency and reports what fails the build.
    fn copy_from(
        &mut self,
        stage: usize,
        index: usize,
        from: &FromFlag,
        mount_target: Option<&str>,
    ) -> CopyFrom {
        let value = from.value.as_str();
        let is_mount = mount_target.is_some();
        if !is_mount && value.contains('$') {
            let (parsed, _) = word::parse_word(value, self.dockerfile.escape);
            if word::expand(&parsed, &Unset).value != value {
                self.error(
                    from.range,
                    msg!(
                        "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
                        "--from n'accepte pas de variable : définissez une étape avec FROM et un ARG global, puis copiez depuis cette étape"
                    ),
                );
                return CopyFrom::Invalid;
            }
        }
        let target = if let (false, Ok(number)) = (is_mount, go::parse_int(value)) {
            match usize::try_from(number) {
                Ok(number) if number < self.stages.len() => number,
                _ => {
                    self.error(
                        from.range,
                        msg!(
                            "invalid stage index {number}",
                            "index d'étape {number} invalide : les étapes sont numérotées à partir de 0"
                        ),
                    );
                    return CopyFrom::Invalid;
                }
            }
        } else if let Some(named) = self.stage_named(value) {
            named
        } else if self.options.contexts.contains(value) {
            return CopyFrom::Context;
        } else {
            let (reference, errors) = parse_image_ref(value);
            for error in errors {
                let range = if from.range.len() as usize == value.len() {
                    error.range.shift(from.range.start)
                } else {
                    from.range
                };
                self.error(range, error.message);
            }
            return CopyFrom::Image(reference);
        };
        let current = self.stages[stage].display_name();
        if target == stage {
            self.error(
                from.range,
                msg!(
                    "circular dependency detected on stage: {current}",
                    "dépendance circulaire sur l'étape {current} : une étape ne peut pas lire ses propres fichiers"
                ),
            );
        } else if target > stage {
            let message = match mount_target {
                Some(mount_target) => msg!(
                    "cannot mount from stage \"{value}\" to \"{mount_target}\", stage needs to be defined before current command",
                    "impossible de monter l'étape « {value} » sur « {mount_target} » : elle doit être définie avant l'étape courante"
                ),
                None => msg!(
                    "cannot copy from stage \"{value}\", it needs to be defined before current stage \"{current}\"",
                    "impossible de copier depuis l'étape « {value} » : elle doit être définie avant l'étape courante « {current} »"
                ),
            };
            self.error(from.range, message);
        } else {
            self.stages[stage].dependencies.push(Dependency {
                stage: target,
                instruction: index,
                kind: if is_mount {
                    DependencyKind::Mount
                } else {
                    DependencyKind::Copy
                },
            });
        }
        CopyFrom::Stage(target)
    }
}

fn known_or_unknown(expanded: Expanded) -> Value {
    if expanded.known {
        Value::Known(expanded.value)
    } else {
        Value::Unknown
    }
}

pub(super) fn word_text<'a>(instruction: &'a Instruction, word: &'a Word) -> WordText<'a> {
    WordText {
        text: &word.text,
        range: word.range,
        map: (!word.json).then_some((&instruction.logical, word.logical.start)),
    }
}

/// A flag's value as BuildKit expands it: quotes and escapes already removed by flag parsing.
/// It maps back byte by byte only when nothing was removed.
fn flag_text<'a>(instruction: &'a Instruction, flag: &'a Flag) -> Option<WordText<'a>> {
    let value = flag.value.as_deref()?;
    let range = flag.value_range?;
    let logical = flag.value_logical?;
    let as_written = instruction.logical.as_str().get(logical.to_usize());
    Some(WordText {
        text: value,
        range,
        map: (as_written == Some(value)).then_some((&instruction.logical, logical.start)),
    })
}

/// A heredoc source: BuildKit names the file after the delimiter.
fn heredoc_name(lists: &mut ExpandedLists, name: &str, range: TextRange) -> Expanded {
    let segment = lists.segments.len() as u32;
    lists.segments.push(Segment {
        value: TextRange::new(0, name.len() as u32),
        file: range,
        exact: false,
        references: 0..0,
    });
    Expanded {
        value: name.into(),
        range,
        known: true,
        references: 0..0,
        segments: segment..segment + 1,
    }
}

/// `$NAME` or `${NAME}` and nothing else.
fn single_variable(text: &str) -> Option<CompactString> {
    let rest = text.strip_prefix('$')?;
    let name = match rest.strip_prefix('{') {
        Some(braced) => braced.strip_suffix('}')?,
        None => rest,
    };
    let valid = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    valid.then(|| name.into())
}

/// BuildKit's `isGitSource` in short: a `git@` or `git://` address, or an HTTP(S) URL of a
/// `.git` repository.
fn is_git_source(path: &str) -> bool {
    path.starts_with("git@")
        || path.starts_with("git://")
        || (is_url(path)
            && path
                .split(['#', '?'])
                .next()
                .is_some_and(|address| address.ends_with(".git")))
}

/// Go's `strconv.ParseBool`.
fn parse_bool(value: &str) -> Option<bool> {
    match value {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}
