//! A readable dump of the model, positions as `line:column`: what the model's snapshot tests
//! show, and a debugging aid.

use std::fmt::Write;

use crate::dockerfile::tree::Dockerfile;
use crate::text::{LineIndex, TextRange};

use super::Model;
use super::copy::{CopyFrom, FromFlag, MountField};
use super::expanded::Expanded;
use super::scope::{Binding, BindingKind, Resolution, Value, ValueSource};
use super::stage::{Base, DependencyKind, Stage};
use super::state::{UserState, WorkdirState};

/// The model of `dockerfile` (parsed from `text`) as text, one fact per line.
pub fn dump(dockerfile: &Dockerfile, model: &Model, text: &str) -> String {
    let dumper = Dumper {
        text,
        index: LineIndex::new(text),
        model,
    };
    let mut out = String::new();
    dumper.globals(&mut out);
    for stage in &model.stages {
        dumper.stage(&mut out, stage);
    }
    match (model.final_stage(), model.missing_target()) {
        (Some(stage), None) => {
            let _ = writeln!(out, "final stage {}", stage.index);
        }
        (Some(stage), Some(target)) => {
            let _ = writeln!(
                out,
                "final stage {} (target {target:?} not found)",
                stage.index
            );
        }
        (None, _) => out.push_str("no stage\n"),
    }
    dumper.instructions(&mut out, dockerfile);
    dumper.references(&mut out);
    dumper.copies(&mut out);
    dumper.mounts(&mut out);
    if !model.errors.is_empty() {
        out.push_str("errors\n");
        for error in &model.errors {
            let _ = writeln!(out, "  {} {}", dumper.range(error.range), error.message.en);
        }
    }
    out
}

struct Dumper<'a> {
    text: &'a str,
    index: LineIndex,
    model: &'a Model,
}

impl Dumper<'_> {
    fn position(&self, offset: u32) -> String {
        self.index.line_column(self.text, offset).to_string()
    }

    fn range(&self, range: TextRange) -> String {
        format!(
            "{}-{}",
            self.position(range.start),
            self.position(range.end)
        )
    }

    fn value(value: &Value) -> String {
        match value {
            Value::Known(value) => format!("{value:?}"),
            Value::Unknown => "<unknown>".to_owned(),
            Value::Unset => "<unset>".to_owned(),
        }
    }

    fn binding(&self, binding: &Binding) -> String {
        let kind = match binding.kind {
            BindingKind::GlobalArg => "global ARG",
            BindingKind::Arg => "ARG",
            BindingKind::Env => "ENV",
            BindingKind::Automatic => "automatic ARG",
            BindingKind::Predefined => "proxy build arg",
            BindingKind::BuildKitDefault => "BuildKit default",
        };
        let mut out = format!("{kind} {}", binding.name);
        if let Some(range) = binding.name_range {
            let _ = write!(out, " at {}", self.position(range.start));
        }
        let _ = write!(out, " = {}", Self::value(&binding.value));
        match binding.source {
            ValueSource::Written => {}
            ValueSource::BuildArg => out.push_str(" from the build args"),
            ValueSource::Global(id) => {
                let global = self.model.binding(id);
                match global.name_range {
                    Some(range) => {
                        let _ = write!(
                            out,
                            " from the global ARG at {}",
                            self.position(range.start)
                        );
                    }
                    None => out.push_str(" from BuildKit's global value"),
                }
            }
            ValueSource::BuildKit => out.push_str(" set by BuildKit"),
            ValueSource::None => {}
        }
        if let Some(range) = binding.value_range {
            let _ = write!(out, " (written {})", self.range(range));
        }
        out
    }

    fn resolution(&self, resolution: Resolution) -> String {
        match resolution {
            Resolution::Bound(id) => self.binding(self.model.binding(id)),
            Resolution::FromBaseImage => "possibly from the base image".to_owned(),
            Resolution::Undefined => "undefined".to_owned(),
        }
    }

    fn expanded(&self, expanded: &Expanded) -> String {
        let written = expanded.range.slice(self.text);
        let mut out = if written == expanded.value {
            format!("{written:?}")
        } else {
            format!("{written:?} -> {:?}", expanded.value)
        };
        if !expanded.known {
            out.push_str(" (not known)");
        }
        out
    }

    /// Where part `part` of an expanded value is written, and the variables it comes from.
    fn part(&self, name: &str, expanded: &Expanded, part: Option<TextRange>) -> String {
        let Some(part) = part else {
            return format!("{name} -");
        };
        let range = expanded.file_range(self.model, part);
        let mut out = format!(
            "{name} {} {:?}",
            self.range(range),
            part.slice(&expanded.value)
        );
        let references = expanded.references_in(self.model, part);
        if !references.is_empty() {
            let names: Vec<&str> = references.iter().map(|r| r.name.as_str()).collect();
            let _ = write!(out, " via {}", names.join(", "));
        }
        out
    }

    fn globals(&self, out: &mut String) {
        let declared: Vec<&Binding> = self
            .model
            .global_bindings()
            .iter()
            .filter(|binding| {
                binding.kind != BindingKind::Automatic || binding.source == ValueSource::BuildArg
            })
            .collect();
        if declared.is_empty() {
            return;
        }
        out.push_str("global scope\n");
        for binding in declared {
            let _ = writeln!(out, "  {}", self.binding(binding));
        }
    }

    fn stage(&self, out: &mut String, stage: &Stage) {
        let name = match &stage.name {
            Some(name) => format!(
                " {} (named at {})",
                name.name,
                self.position(name.range.start)
            ),
            None => String::new(),
        };
        let reachable = if stage.reachable {
            "reachable"
        } else {
            "not reachable"
        };
        let _ = writeln!(
            out,
            "stage {}{name}: instructions {}..{}, {reachable}",
            stage.index, stage.instructions.start, stage.instructions.end
        );
        let image = stage.image.as_ref();
        match (&stage.base, image) {
            (Base::Stage(parent), Some(image)) => {
                let _ = writeln!(out, "  base stage {parent} from {}", self.expanded(image));
            }
            (Base::Image(base), Some(image)) => {
                let reference = &base.reference;
                let _ = writeln!(
                    out,
                    "  base image {}: {}{}",
                    self.expanded(image),
                    reference.normalized(),
                    if base.valid { "" } else { " (invalid)" }
                );
                let _ = writeln!(
                    out,
                    "    {}; {}; {}; {}",
                    self.part("registry", image, reference.registry_range()),
                    self.part("path", image, Some(reference.path_range())),
                    self.part("tag", image, reference.tag_range()),
                    self.part("digest", image, reference.digest_range())
                );
                if let Some(later) = base.names_later_stage {
                    let _ = writeln!(out, "    names the later stage {later}");
                }
            }
            (Base::Scratch, _) => out.push_str("  base scratch\n"),
            (Base::Context, Some(image)) => {
                let _ = writeln!(out, "  base context {}", self.expanded(image));
            }
            (Base::Missing, Some(image)) => {
                let _ = writeln!(out, "  base missing {}", self.expanded(image));
            }
            _ => out.push_str("  base missing\n"),
        }
        if let Some(platform) = &stage.platform {
            let kind = if platform.is_constant() {
                " constant"
            } else if platform.is_target_platform() {
                " $TARGETPLATFORM"
            } else if platform.is_build_platform() {
                " $BUILDPLATFORM"
            } else {
                ""
            };
            let _ = writeln!(out, "  platform {}{kind}", self.expanded(&platform.value));
        }
        for dependency in &stage.dependencies {
            let kind = match dependency.kind {
                DependencyKind::From => "FROM",
                DependencyKind::Copy => "COPY --from",
                DependencyKind::Mount => "RUN --mount",
            };
            let at = self.model_instruction_position(dependency.instruction);
            let _ = writeln!(out, "  needs stage {} ({kind} at {at})", dependency.stage);
        }
        for binding in self.model.stage_bindings(stage.index) {
            let _ = writeln!(out, "  {}", self.binding(binding));
        }
        let list = |items: &[usize]| -> String {
            if items.is_empty() {
                return "-".to_owned();
            }
            items
                .iter()
                .map(|&index| self.model_instruction_position(index))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !(stage.cmds.is_empty()
            && stage.entrypoints.is_empty()
            && stage.healthchecks.is_empty()
            && stage.onbuilds.is_empty())
        {
            let _ = writeln!(
                out,
                "  CMD {}; ENTRYPOINT {}; HEALTHCHECK {}; ONBUILD {}",
                list(&stage.cmds),
                list(&stage.entrypoints),
                list(&stage.healthchecks),
                list(&stage.onbuilds)
            );
        }
        let effective = |index: Option<usize>| {
            index.map_or("-".to_owned(), |index| {
                self.model_instruction_position(index)
            })
        };
        let _ = writeln!(
            out,
            "  image: CMD {}, ENTRYPOINT {}, HEALTHCHECK {}, user {}, workdir {}",
            effective(self.model.cmd(stage.index)),
            effective(self.model.entrypoint(stage.index)),
            effective(self.model.healthcheck(stage.index)),
            self.user(self.model.stage_user(stage.index)),
            self.workdir(self.model.stage_workdir(stage.index)),
        );
        for port in &stage.ports {
            let exposed = port.port.exposed().join(" ");
            let protocol = port.port.parts.protocol.map_or("-".to_owned(), |protocol| {
                self.range(port.part_range(protocol))
            });
            let _ = writeln!(
                out,
                "  port {:?} -> [{exposed}], protocol at {protocol}{}",
                port.text,
                if port.known { "" } else { " (not known)" }
            );
        }
        for label in self.model.labels(stage.index) {
            let value = label
                .value
                .as_ref()
                .map_or("-".to_owned(), |value| self.expanded(value));
            let _ = writeln!(out, "  label {} = {value}", self.expanded(&label.key));
        }
        for volume in &stage.volumes {
            let _ = writeln!(out, "  volume {}", self.expanded(&volume.path));
        }
    }

    fn model_instruction_position(&self, index: usize) -> String {
        format!("#{index}")
    }

    fn user(&self, state: UserState) -> String {
        match state {
            UserState::Set(user) => {
                let root = match user.is_root() {
                    Some(true) => " (root)",
                    Some(false) => "",
                    None => " (not known)",
                };
                let group = user
                    .group
                    .as_ref()
                    .map_or(String::new(), |group| format!(" group {group:?}"));
                format!("{:?}{group}{root} set at #{}", user.user, user.instruction)
            }
            UserState::Root => "root (scratch)".to_owned(),
            UserState::BaseImage => "of the base image".to_owned(),
        }
    }

    fn workdir(&self, state: WorkdirState) -> String {
        match state {
            WorkdirState::Set(workdir) => {
                let note = if workdir.relative_to_base_image {
                    " (relative to the base image's)"
                } else if !workdir.value.known {
                    " (not known)"
                } else {
                    ""
                };
                format!("{:?}{note} set at #{}", workdir.path, workdir.instruction)
            }
            WorkdirState::Root => "/ (scratch)".to_owned(),
            WorkdirState::BaseImage => "of the base image".to_owned(),
        }
    }

    fn instructions(&self, out: &mut String, dockerfile: &Dockerfile) {
        out.push_str("instructions\n");
        for (index, instruction) in dockerfile.instructions.iter().enumerate() {
            let keyword = instruction.keyword_text();
            let at = self.position(instruction.range.start);
            let Some(stage) = self.model.stage_of(index) else {
                let _ = writeln!(out, "  #{index} {at} {keyword} (global)");
                continue;
            };
            let shell = self.model.shell_at(index);
            let mut shell_text = shell.argv.join(" ");
            if shell.is_posix() {
                shell_text.push_str(" (posix");
                shell_text.push_str(if shell.has_pipefail() {
                    ", pipefail)"
                } else {
                    ")"
                });
            }
            let _ = writeln!(
                out,
                "  #{index} {at} {keyword} (stage {}): user {}; workdir {}; shell {shell_text}",
                stage.index,
                self.user(self.model.user_at(index)),
                self.workdir(self.model.workdir_at(index)),
            );
        }
    }

    fn references(&self, out: &mut String) {
        if self.model.references().is_empty() {
            return;
        }
        out.push_str("references\n");
        for reference in self.model.references() {
            let _ = writeln!(
                out,
                "  #{} {} ${}: {}",
                reference.instruction,
                self.range(reference.range),
                reference.name,
                self.resolution(reference.resolution)
            );
        }
    }

    fn from_flag(from: &FromFlag) -> String {
        let target = match &from.target {
            CopyFrom::Stage(stage) => format!("stage {stage}"),
            CopyFrom::Context => "named context".to_owned(),
            CopyFrom::Image(reference) => format!("image {}", reference.normalized()),
            CopyFrom::Invalid => "invalid".to_owned(),
        };
        format!("--from={} -> {target}", from.value)
    }

    fn copies(&self, out: &mut String) {
        if self.model.copies.is_empty() {
            return;
        }
        out.push_str("copies\n");
        for copy in &self.model.copies {
            let keyword = if copy.add { "ADD" } else { "COPY" };
            let mut line = format!("  #{} {keyword}", copy.instruction);
            if let Some(from) = &copy.from {
                let _ = write!(line, " {}", Self::from_flag(from));
            }
            for (name, flag) in [
                ("chown", &copy.chown),
                ("chmod", &copy.chmod),
                ("checksum", &copy.checksum),
            ] {
                if let Some(flag) = flag {
                    let _ = write!(line, " --{name}={}", self.expanded(flag));
                }
            }
            if copy.link {
                line.push_str(" --link");
            }
            for source in &copy.sources {
                if source.heredoc.is_some() {
                    let _ = write!(line, " heredoc {:?}", source.path.value);
                } else {
                    let _ = write!(line, " {}", self.expanded(&source.path));
                }
            }
            if let Some(destination) = &copy.destination {
                let _ = write!(line, " to {}", self.expanded(destination));
            }
            out.push_str(&line);
            out.push('\n');
        }
    }

    fn mounts(&self, out: &mut String) {
        if self.model.mounts.is_empty() {
            return;
        }
        out.push_str("mounts\n");
        for mount in &self.model.mounts {
            let mut line = format!("  #{} {:?}", mount.instruction, mount.kind);
            let fields: [(&str, &Option<MountField>); 9] = [
                ("target", &mount.target),
                ("source", &mount.source),
                ("id", &mount.id),
                ("sharing", &mount.sharing),
                ("env", &mount.env),
                ("mode", &mount.mode),
                ("uid", &mount.uid),
                ("gid", &mount.gid),
                ("size", &mount.size),
            ];
            for (name, field) in fields {
                if let Some(field) = field {
                    let _ = write!(
                        line,
                        " {name}={:?} at {}",
                        field.value,
                        self.range(field.range)
                    );
                    if !field.known {
                        line.push_str(" (not known)");
                    }
                }
            }
            if let Some(from) = &mount.from {
                let _ = write!(line, " {}", Self::from_flag(from));
            }
            line.push_str(if mount.readonly { " ro" } else { " rw" });
            if mount.required {
                line.push_str(" required");
            }
            out.push_str(&line);
            out.push('\n');
        }
    }
}
