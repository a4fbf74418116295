//! What a Compose rule asks beyond the model: where to report a value, and the files a service
//! builds with.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use berth_parser::compose::{Located, Origin, Problem, Service};
use berth_parser::yaml::ViaKind;
use berth_parser::{Message, SourceFile, TextRange, msg};

use crate::compose_project::{dockerfile_path, dockerignore_paths, via_labels};
use crate::context::ComposeContext;
use crate::file_type::FileType;
use crate::reporter::{DiagnosticBuilder, Reporter};
use crate::settings::Settings;
use crate::workspace::WorkspaceFile;

/// The Dockerfile a service builds from, read through the workspace.
pub struct ServiceDockerfile {
    /// The Dockerfile: the checked file when it is one, else read from an editor buffer or the
    /// disk. For `dockerfile_inline`, the inline text under a path that names it.
    pub file: Arc<WorkspaceFile>,
    /// Whether it is `dockerfile_inline`: its ranges are in the inline text, not in a file, so
    /// a finding about it points at [`named_at`](Self::named_at) instead.
    pub inline: bool,
    /// Where the Compose file names it: `build.dockerfile`, `dockerfile_inline`, or `build`
    /// for the default `Dockerfile` of the context.
    pub named_at: Origin,
    /// `build.args` with their values (bare names already took theirs from the environment).
    pub build_args: BTreeMap<String, String>,
    /// `build.target`: the stage the service builds, the last one when not set.
    pub target: Option<Located<String>>,
}

impl ComposeContext<'_> {
    /// The source of a file of the project, as the workspace names it.
    pub fn source(&self, file: berth_parser::FileId) -> Option<&SourceFile> {
        self.compose.source(file)
    }

    /// Reports a finding at a value of the model, in the file the value is written in, with a
    /// label at each place that brought it there (an alias, `extends`, `include`).
    pub fn report<'r>(
        &self,
        report: &'r mut Reporter,
        origin: &Origin,
        message: Message,
    ) -> DiagnosticBuilder<'r> {
        self.report_at(report, origin, origin.range, message)
    }

    /// Like [`report`](Self::report), at `range` of the value's file: a part of the value (the
    /// tag of an image, the default of a variable).
    pub fn report_at<'r>(
        &self,
        report: &'r mut Reporter,
        origin: &Origin,
        range: TextRange,
        message: Message,
    ) -> DiagnosticBuilder<'r> {
        let source = self.source(origin.file).unwrap_or(self.file).clone();
        let mut finding = report.push_in(&source, range, message);
        for via in via_labels(origin) {
            if let Some(at) = self.source(via.file) {
                finding = finding.label(at, via.range, brought_by(via.kind));
            }
        }
        finding
    }

    /// Where `part` (a byte range of `value`, the value at `origin`) is written: found when the
    /// value is written as it is (plain or quoted without escapes), else the whole value.
    pub fn part_range(&self, origin: &Origin, value: &str, part: TextRange) -> TextRange {
        let Some(source) = self.source(origin.file) else {
            return origin.range;
        };
        let written = source.slice(origin.range);
        match written.find(value) {
            Some(offset) if !value.is_empty() => {
                let start = origin.range.start + offset as u32;
                TextRange::new(start + part.start, start + part.end)
            }
            _ => origin.range,
        }
    }

    /// Reports a problem the loader found, at its place with its labels and `help`; a problem
    /// of the command line or environment (in no file) at the start of the file checked.
    pub fn report_problem(&self, report: &mut Reporter, problem: &Problem, help: Option<Message>) {
        let (source, range) = match problem.file.and_then(|file| self.source(file)) {
            Some(source) => (source, problem.range),
            None => (self.file, TextRange::empty(0)),
        };
        let mut finding = report.push_in(source, range, problem.message.clone());
        for label in &problem.labels {
            if let Some(at) = self.source(label.file) {
                finding = finding.label(at, label.range, label.message.clone());
            }
        }
        if let Some(help) = help {
            finding.help(help);
        }
    }

    /// The Dockerfile `service` builds from: a file of its local build context, or its
    /// `dockerfile_inline`. `None` for a service that is not built here, builds from a remote
    /// context, or whose Dockerfile cannot be read.
    pub fn dockerfile(&self, service: &Service) -> Option<ServiceDockerfile> {
        let build = service.build.as_ref()?;
        let build_args = build
            .args
            .iter()
            .filter_map(|(name, pair)| Some((name.clone(), pair.value.as_ref()?.value.clone())))
            .collect();
        if let Some(inline) = &build.dockerfile_inline {
            let path = format!(
                "{}#services.{}.build.dockerfile_inline",
                self.source(inline.origin.file)
                    .unwrap_or(self.file)
                    .path()
                    .display(),
                service.name
            );
            let source = SourceFile::new(PathBuf::from(path), inline.value.as_str());
            return Some(ServiceDockerfile {
                file: Arc::new(WorkspaceFile::new(
                    source,
                    FileType::Dockerfile,
                    Arc::new(Settings::default()),
                )),
                inline: true,
                named_at: inline.origin.clone(),
                build_args,
                target: build.target.clone(),
            });
        }
        let path = dockerfile_path(service)?;
        let file = self.workspace.linked(&path, FileType::Dockerfile)?;
        let named_at = build
            .dockerfile
            .as_ref()
            .map_or_else(|| build.origin.clone(), |named| named.origin.clone());
        Some(ServiceDockerfile {
            file,
            inline: false,
            named_at,
            build_args,
            target: build.target.clone(),
        })
    }

    /// The `.dockerignore` BuildKit reads when building `service`: the one named after its
    /// Dockerfile, else the build context's. `None` when there is none.
    pub fn dockerignore(&self, service: &Service) -> Option<Arc<WorkspaceFile>> {
        let dockerfile = dockerfile_path(service).or_else(|| {
            let context = service.build.as_ref()?.context_path.as_ref()?;
            Some(context.join("Dockerfile"))
        })?;
        dockerignore_paths(service, &dockerfile)
            .iter()
            .find_map(|path| self.workspace.linked(path, FileType::Dockerignore))
    }

    /// The project's `.env`, when it has one.
    pub fn dotenv(&self) -> Option<&SourceFile> {
        self.compose.dotenv()
    }
}

fn brought_by(kind: ViaKind) -> Message {
    match kind {
        ViaKind::Alias => msg!("used here through an alias", "utilisé ici par un alias"),
        ViaKind::MergeKey => msg!("merged here by `<<`", "fusionné ici par `<<`"),
        ViaKind::Extends => msg!(
            "brought into this service by `extends`",
            "apporté dans ce service par `extends`"
        ),
        ViaKind::Include => msg!("imported by `include`", "importé par `include`"),
        ViaKind::Override => msg!(
            "merged by an override file",
            "fusionné par un fichier de surcharge"
        ),
    }
}
