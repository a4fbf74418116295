//! The default format, for people: each finding as a code frame (rustc's renderer,
//! annotate-snippets), its help, its fix as a patch, then a summary line.
//!
//! ```text
//! error[D101]: Base image `ubuntu` has no tag
//!  --> Dockerfile:1:6
//!   |
//! 1 | FROM ubuntu
//!   |      ^^^^^^
//!   |
//!   = help: Pick the release your lab was tested with, such as `ubuntu:24.04`.
//! fix: Pin `ubuntu:24.04`
//!   |
//! 1 | FROM ubuntu:24.04
//!   |            ++++++
//! ```
//!
//! With colour, the rule code is a terminal hyperlink to the rule's page.

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{
    AnnotationKind, Group, Level, Patch, Renderer, Snippet, normalize_untrusted_str,
};
use berth_parser::{Lang, SourceFile, TextRange};
use berth_rules::{Applicability, Diagnostic, Severity};

use super::{RenderOptions, clamp, display_path, summary};

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    for diagnostic in diagnostics {
        let report = report(diagnostic, options);
        writeln!(out, "{}\n", renderer.render(&report))?;
    }
    writeln!(out, "{}", summary::styled(diagnostics, options))
}

/// The groups annotate-snippets renders for one diagnostic: the finding with its code frames
/// and help, then the fix.
fn report<'a>(diagnostic: &'a Diagnostic, options: &RenderOptions) -> Vec<Group<'a>> {
    let lang = options.lang;
    let title = level(diagnostic.severity, lang)
        .primary_title(diagnostic.message.get(lang))
        .id(diagnostic.rule.code)
        .id_url(diagnostic.rule.url_for(lang));
    let mut finding = Group::with_title(title);

    // The primary file first, with the labels that point into it; then one frame per other
    // file, in the order its labels were given.
    let path = display_path(diagnostic.file.path(), &options.cwd);
    let local_labels: Vec<_> = diagnostic
        .labels
        .iter()
        .filter(|label| same_file(&label.file, &diagnostic.file))
        .collect();
    let frame = Excerpt::new(
        &diagnostic.file,
        std::iter::once(diagnostic.range).chain(local_labels.iter().map(|label| label.range)),
    );
    let snippet = Snippet::source(frame.source.clone())
        .path(path)
        .line_start(frame.line_start)
        .annotation(AnnotationKind::Primary.span(frame.span(diagnostic.range)))
        .annotations(local_labels.iter().map(|label| {
            AnnotationKind::Context
                .span(frame.span(label.range))
                .label(label.message.get(lang))
        }));
    finding = finding.element(snippet);

    let mut other_files: Vec<&SourceFile> = Vec::new();
    for label in &diagnostic.labels {
        if !same_file(&label.file, &diagnostic.file)
            && !other_files.iter().any(|file| same_file(file, &label.file))
        {
            other_files.push(&label.file);
        }
    }
    for file in other_files {
        let labels: Vec<_> = diagnostic
            .labels
            .iter()
            .filter(|label| same_file(&label.file, file))
            .collect();
        let frame = Excerpt::new(file, labels.iter().map(|label| label.range));
        let snippet = Snippet::source(frame.source.clone())
            .path(display_path(file.path(), &options.cwd))
            .line_start(frame.line_start)
            .annotations(labels.iter().map(|label| {
                AnnotationKind::Context
                    .span(frame.span(label.range))
                    .label(label.message.get(lang))
            }));
        finding = finding.element(snippet);
    }

    if let Some(help) = &diagnostic.help {
        let help = normalize_untrusted_str(help.get(lang));
        finding = finding.element(Level::HELP.with_name(help_name(lang)).message(help));
    }

    let mut report = vec![finding];
    if let Some(fix) = &diagnostic.fix
        && !fix.edits.is_empty()
    {
        let frame = Excerpt::new(&diagnostic.file, fix.edits.iter().map(|edit| edit.range));
        let patches: Vec<_> = fix
            .edits
            .iter()
            .map(|edit| Patch::new(frame.span(edit.range), edit.content.as_str()))
            .collect();
        let snippet = Snippet::source(frame.source)
            .path(display_path(diagnostic.file.path(), &options.cwd))
            .line_start(frame.line_start)
            .patches(patches);
        let title = normalize_untrusted_str(fix.title.get(lang));
        let name = fix_name(fix.applicability, lang);
        report.push(
            Level::HELP
                .with_name(name)
                .secondary_title(title)
                .element(snippet),
        );
    }
    report
}

fn same_file(a: &SourceFile, b: &SourceFile) -> bool {
    a.path() == b.path()
}

fn level(severity: Severity, lang: Lang) -> Level<'static> {
    match (severity, lang) {
        (Severity::Error, Lang::En) => Level::ERROR,
        (Severity::Error, Lang::Fr) => Level::ERROR.with_name("erreur"),
        (Severity::Warning, Lang::En) => Level::WARNING,
        (Severity::Warning, Lang::Fr) => Level::WARNING.with_name("avertissement"),
        (Severity::Info, _) => Level::INFO,
    }
}

fn help_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "help",
        Lang::Fr => "aide",
    }
}

fn fix_name(applicability: Applicability, lang: Lang) -> &'static str {
    match (applicability, lang) {
        (Applicability::Safe, Lang::En) => "fix",
        (Applicability::Safe, Lang::Fr) => "correctif",
        (Applicability::Unsafe, Lang::En) => "unsafe fix",
        (Applicability::Unsafe, Lang::Fr) => "correctif risqué",
    }
}

/// The whole lines of a file that some ranges cover, so that annotate-snippets reads only
/// those lines and not the whole file for every finding.
struct Excerpt<'a> {
    source: Cow<'a, str>,
    /// The file offset of the excerpt's first byte.
    start: u32,
    /// The 1-based number of the excerpt's first line.
    line_start: usize,
}

impl<'a> Excerpt<'a> {
    fn new(file: &'a SourceFile, ranges: impl IntoIterator<Item = TextRange>) -> Self {
        let index = file.line_index();
        let mut lines: Option<(u32, u32)> = None;
        for range in ranges {
            let range = clamp(file, range);
            let first = index.line_of(range.start);
            // A range ending just after a line break ends on the line before it.
            let last = index.line_of(range.end.saturating_sub(1).max(range.start));
            lines = Some(match lines {
                Some((low, high)) => (low.min(first), high.max(last)),
                None => (first, last),
            });
        }
        let (first, last) = lines.unwrap_or((0, 0));
        let start = index.line_range(first).start;
        let end = index.line_range(last).end;
        let text = &file.text()[start as usize..end as usize];
        Excerpt {
            source: lone_carriage_returns_as_line_feeds(text),
            start,
            line_start: first as usize + 1,
        }
    }

    /// A file range as a byte range into the excerpt.
    fn span(&self, range: TextRange) -> Range<usize> {
        let end = self.start + self.source.len() as u32;
        let start = range.start.clamp(self.start, end);
        let range_end = range.end.clamp(start, end);
        (start - self.start) as usize..(range_end - self.start) as usize
    }
}

/// `LineIndex` ends lines at a lone `\r` as editors do; annotate-snippets only knows `\n` and
/// `\r\n`. Both are one byte, so the swap keeps every offset.
fn lone_carriage_returns_as_line_feeds(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return Cow::Borrowed(text);
    }
    let swapped: String = text
        .char_indices()
        .map(|(i, c)| if c == '\r' && lone(i) { '\n' } else { c })
        .collect();
    Cow::Owned(swapped)
}

#[cfg(test)]
mod tests {
    use berth_parser::{Lang, Message, SourceFile, TextRange};
    use berth_rules::{Diagnostic, Severity};

    use super::super::test_fixtures::{self, PIN_BASE_IMAGE_TAG, options, rendered, rendered_with};
    use super::render;

    #[test]
    fn english() {
        insta::assert_snapshot!(rendered(render, Lang::En));
    }

    #[test]
    fn french() {
        insta::assert_snapshot!(rendered(render, Lang::Fr));
    }

    #[test]
    fn colour_adds_styles_and_a_hyperlink_to_the_rule_page() {
        let mut options = options(Lang::En);
        options.color = true;
        let output = rendered_with(render, &test_fixtures::diagnostics(), &options);
        assert!(output.contains("\x1b["), "{output}");
        assert!(
            output.contains(
                "\x1b]8;;https://github.com/berth-lint/berth/blob/main/docs/rules/D101.md\x1b\\"
            ),
            "{output}"
        );
    }

    #[test]
    fn nothing_found() {
        let output = rendered_with(render, &[], &options(Lang::En));
        assert_eq!(output, "No problems found.\n");
        let output = rendered_with(render, &[], &options(Lang::Fr));
        assert_eq!(output, "Aucun problème trouvé.\n");
    }

    fn check(text: &str, range: TextRange, expected: &str) {
        let diagnostic = Diagnostic {
            rule: &PIN_BASE_IMAGE_TAG,
            severity: Severity::Error,
            file: SourceFile::new("Dockerfile", text),
            range,
            message: Message::new("message", "message"),
            labels: Vec::new(),
            help: None,
            fix: None,
        };
        let output = rendered_with(render, &[diagnostic], &options(Lang::En));
        assert_eq!(output, expected);
    }

    #[test]
    fn an_empty_range_at_the_end_of_the_file() {
        check(
            "FROM a\n",
            TextRange::empty(7),
            "\
error[D101]: message
 --> Dockerfile:2:1
  |
2 |
  | ^

Found 1 error.
",
        );
    }

    #[test]
    fn an_empty_file() {
        check(
            "",
            TextRange::empty(0),
            "\
error[D101]: message
 --> Dockerfile:1:1
  |
1 |
  | ^

Found 1 error.
",
        );
    }

    #[test]
    fn crlf_line_endings_stay_out_of_the_output() {
        check(
            "FROM a\r\nRUN b \\\r\n  c\r\n",
            TextRange::new(8, 20),
            "\
error[D101]: message
 --> Dockerfile:2:1
  |
2 | / RUN b \\
3 | |   c
  | |___^

Found 1 error.
",
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        check(
            "FROM a\rUSER root\r",
            TextRange::new(7, 11),
            "\
error[D101]: message
 --> Dockerfile:2:1
  |
2 | USER root
  | ^^^^

Found 1 error.
",
        );
    }

    #[test]
    fn a_range_out_of_the_text_does_not_panic() {
        check(
            "FROM a",
            TextRange::new(5, 40),
            "\
error[D101]: message
 --> Dockerfile:1:6
  |
1 | FROM a
  |      ^

Found 1 error.
",
        );
    }
}
