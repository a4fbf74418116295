//! Rules that exist only in this crate's tests, to exercise the engine (running checks,
//! catching panics, mapping other tools' codes) before the real rules arrive.

use berth_parser::{TextRange, msg};

use crate::meta::{Category, Equivalent, FileKind, FixAvailability, Preset, RuleDocs, Text};
use crate::{ComposeContext, DockerfileContext, Reporter, Rule, RuleMeta, Severity, rule::Check};

const DOCS: RuleDocs = RuleDocs {
    summary: Text {
        en: "A rule for the engine's tests.",
        fr: "Une règle pour les tests du moteur.",
    },
    why: Text {
        en: "It makes the engine's behaviour observable.",
        fr: "Elle rend le comportement du moteur observable.",
    },
    example: "BAD\n",
    use_instead: "GOOD\n",
    fix: Text { en: "", fr: "" },
};

/// Reports each `BAD` in a Dockerfile; stands for hadolint's DL3006 and BuildKit's
/// StageNameCasing.
pub(crate) const MARKER: Rule = Rule {
    meta: RuleMeta {
        code: "D098",
        name: "test-marker",
        kind: FileKind::Dockerfile,
        category: Category::Correctness,
        severity: Severity::Warning,
        prod_severity: Some(Severity::Error),
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[
            Equivalent::Hadolint("DL3006"),
            Equivalent::BuildKit("StageNameCasing"),
        ],
        chapter: None,
        docs: DOCS,
    },
    check: Check::Dockerfile(report_bad),
    options: Some(crate::rule::options::<MarkerOptions>()),
};

/// Panics on a Dockerfile containing `PANIC`, after reporting once.
pub(crate) const PANIC: Rule = Rule {
    meta: RuleMeta {
        code: "D099",
        name: "test-panic",
        kind: FileKind::Dockerfile,
        category: Category::Correctness,
        severity: Severity::Error,
        prod_severity: None,
        preset: Preset::Lab,
        fix: FixAvailability::None,
        equivalents: &[Equivalent::BuildKit("JSONArgsRecommended")],
        chapter: None,
        docs: DOCS,
    },
    check: Check::Dockerfile(panic_on_marker),
    options: None,
};

/// Reports each `BAD` in each Compose file of a project.
pub(crate) const COMPOSE_MARKER: Rule = Rule {
    meta: RuleMeta {
        code: "C098",
        name: "test-marker",
        kind: FileKind::Compose,
        category: Category::Correctness,
        severity: Severity::Warning,
        prod_severity: None,
        preset: Preset::Prod,
        fix: FixAvailability::None,
        equivalents: &[],
        chapter: None,
        docs: DOCS,
    },
    check: Check::Compose(report_bad_in_compose),
    options: None,
};

fn bad_ranges(text: &str) -> impl Iterator<Item = TextRange> + '_ {
    text.match_indices("BAD")
        .map(|(start, found)| TextRange::at(start as u32, found.len() as u32))
}

/// `[rules.test-marker] word = "..."`: the word reported instead of `BAD`.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct MarkerOptions {
    word: Option<String>,
}

fn report_bad(context: &DockerfileContext, report: &mut Reporter) {
    let options: MarkerOptions = context.options();
    let word = options.word.as_deref().unwrap_or("BAD");
    for (start, found) in context.file.text().match_indices(word) {
        report.push(
            TextRange::at(start as u32, found.len() as u32),
            msg!("bad", "mauvais"),
        );
    }
}

fn panic_on_marker(context: &DockerfileContext, report: &mut Reporter) {
    if let Some(start) = context.file.text().find("PANIC") {
        report.push(TextRange::at(start as u32, 5), msg!("lost", "perdu"));
        panic!("the test rule met PANIC");
    }
}

fn report_bad_in_compose(context: &ComposeContext, report: &mut Reporter) {
    for &file in &context.project.compose_files {
        let Some(source) = context.source(file) else {
            continue;
        };
        for range in bad_ranges(source.text()) {
            report.push_in(source, range, msg!("bad", "mauvais"));
        }
    }
}
