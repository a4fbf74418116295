//! Output renderers for `berth check`: one file per format, all reading the same
//! [`Diagnostic`]s.
//!
//! Every renderer writes the diagnostics in one order (path, then position, then rule code), so
//! the bytes written depend only on the diagnostics and the options, never on the order the
//! engine's threads finished in.

mod checkstyle;
mod concise;
mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;
mod statistics;
mod summary;

#[cfg(test)]
pub(crate) mod test_fixtures;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use berth_parser::{Lang, LineColumn, SourceFile, TextRange};
use berth_rules::Diagnostic;

pub use statistics::render as render_statistics;
pub use summary::summary;

/// The formats `berth check --format` writes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Code frames with the fix as a patch, and a summary line (for people).
    #[default]
    Human,
    /// One line per finding: `path:line:col: severity[CODE] message`.
    Concise,
    /// A JSON array, documented in `docs/formats/json.md`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// Checkstyle XML, grouped by file.
    Checkstyle,
    /// JUnit XML, one test suite per file.
    Junit,
    /// GitHub Actions workflow commands, shown as annotations on the pull request.
    Github,
    /// A GitLab Code Quality report.
    Gitlab,
}

/// When to colour the human and concise output (`--color`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output written to a stream, reading `NO_COLOR` from the environment.
    pub fn resolve(self, stream_is_terminal: bool) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        self.should_color(stream_is_terminal, no_color)
    }

    /// As [`ColorChoice::resolve`], with the environment given: `NO_COLOR` (set and not empty,
    /// as <https://no-color.org> asks) turns colour off unless the user asked for it with
    /// `--color always`.
    fn should_color(self, stream_is_terminal: bool, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stream_is_terminal && !no_color,
        }
    }
}

/// What every renderer needs besides the diagnostics.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// The language of messages, help, headings and the summary.
    pub lang: Lang,
    /// Whether to write ANSI colours and hyperlinks (human and concise formats only).
    pub color: bool,
    /// The working directory: paths under it are shown relative to it, and SARIF locations
    /// are relative to it (`%SRCROOT%`).
    pub cwd: PathBuf,
    /// Whether unsafe fixes are enabled (`--unsafe-fixes`): the summary then counts them among
    /// the fixes `--fix` applies.
    pub unsafe_fixes: bool,
}

impl RenderOptions {
    pub fn new(lang: Lang, cwd: impl Into<PathBuf>) -> Self {
        RenderOptions {
            lang,
            color: false,
            cwd: cwd.into(),
            unsafe_fixes: false,
        }
    }
}

/// Writes `diagnostics` in `format`.
pub fn render(
    format: OutputFormat,
    diagnostics: &[Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let diagnostics = sorted(diagnostics, &options.cwd);
    match format {
        OutputFormat::Human => human::render(&diagnostics, options, out),
        OutputFormat::Concise => concise::render(&diagnostics, options, out),
        OutputFormat::Json => json::render(&diagnostics, options, out),
        OutputFormat::Sarif => sarif::render(&diagnostics, options, out),
        OutputFormat::Checkstyle => checkstyle::render(&diagnostics, options, out),
        OutputFormat::Junit => junit::render(&diagnostics, options, out),
        OutputFormat::Github => github::render(&diagnostics, options, out),
        OutputFormat::Gitlab => gitlab::render(&diagnostics, options, out),
    }
}

/// The diagnostics in output order: by the path shown, then start, then end, then rule code.
fn sorted<'a>(diagnostics: &'a [Diagnostic], cwd: &Path) -> Vec<&'a Diagnostic> {
    let mut keyed: Vec<(String, &Diagnostic)> = diagnostics
        .iter()
        .map(|diagnostic| (display_path(diagnostic.file.path(), cwd), diagnostic))
        .collect();
    keyed.sort_by(|(a_path, a), (b_path, b)| {
        a_path
            .cmp(b_path)
            .then(a.range.start.cmp(&b.range.start))
            .then(a.range.end.cmp(&b.range.end))
            .then(a.rule.code.cmp(b.rule.code))
            .then_with(|| a.message.en.cmp(&b.message.en))
    });
    keyed
        .into_iter()
        .map(|(_, diagnostic)| diagnostic)
        .collect()
}

/// The path to show for a file: relative to `cwd` when the file is under it, as given
/// otherwise, with `/` separators (see [`slash_path`]).
fn display_path(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(relative) if path.is_absolute() && !relative.as_os_str().is_empty() => {
            slash_path(relative)
        }
        _ => slash_path(path),
    }
}

/// `path` with `./` components dropped and components joined with `/` on every platform, so
/// that reports read the same on Windows and in CI.
fn slash_path(path: &Path) -> String {
    let mut shown = String::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::Prefix(prefix) => shown.push_str(&prefix.as_os_str().to_string_lossy()),
            Component::RootDir => {
                if !shown.ends_with('/') {
                    shown.push('/');
                }
            }
            Component::ParentDir | Component::Normal(_) => {
                if !shown.is_empty() && !shown.ends_with('/') {
                    shown.push('/');
                }
                shown.push_str(&component.as_os_str().to_string_lossy());
            }
        }
    }
    if shown.is_empty() {
        // A path made only of `.`: show it rather than nothing.
        shown.push('.');
    }
    shown
}

/// `range` made safe to slice `file` with: inside the text and on character boundaries. Rules
/// build their ranges from the parser's, which always are; this keeps a faulty rule from
/// crashing every output format.
fn clamp(file: &SourceFile, range: TextRange) -> TextRange {
    let text = file.text();
    let floor = |mut offset: u32| {
        offset = offset.min(text.len() as u32);
        while !text.is_char_boundary(offset as usize) {
            offset -= 1;
        }
        offset
    };
    let start = floor(range.start);
    let end = floor(range.end).max(start);
    TextRange::new(start, end)
}

/// The 1-based line and character column of both ends of `range`; the end is exclusive.
fn line_columns(file: &SourceFile, range: TextRange) -> (LineColumn, LineColumn) {
    let range = clamp(file, range);
    (file.line_column(range.start), file.line_column(range.end))
}

/// A message on one line, for the formats that show one line per finding.
fn one_line(message: &str) -> Cow<'_, str> {
    if message.contains(['\n', '\r']) {
        Cow::Owned(
            message
                .split(['\n', '\r'])
                .filter(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" "),
        )
    } else {
        Cow::Borrowed(message)
    }
}

/// `text` escaped for XML 1.0: markup characters as entities, and characters XML 1.0 cannot
/// hold at all (most control characters) as U+FFFD. In attribute values, line breaks and tabs
/// become character references, which XML parsers would otherwise normalise to spaces.
fn escape_xml(text: &str, attribute: bool) -> Cow<'_, str> {
    let needs_escape = |c: char| {
        matches!(
            c,
            '&' | '<' | '>' | '"' | '\'' | '\r' | '\u{FFFE}' | '\u{FFFF}'
        ) || (c < ' ' && (attribute || !matches!(c, '\n' | '\t')))
    };
    if !text.contains(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\r' => escaped.push_str("&#13;"),
            '\n' if attribute => escaped.push_str("&#10;"),
            '\t' if attribute => escaped.push_str("&#9;"),
            '\n' | '\t' => escaped.push(c),
            '\u{FFFE}' | '\u{FFFF}' => escaped.push(char::REPLACEMENT_CHARACTER),
            c if c < ' ' => escaped.push(char::REPLACEMENT_CHARACTER),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_the_working_directory_are_shown_relative_to_it() {
        let cwd = Path::new("/project");
        assert_eq!(
            display_path(Path::new("/project/api/Dockerfile"), cwd),
            "api/Dockerfile"
        );
        assert_eq!(
            display_path(Path::new("./compose.yaml"), cwd),
            "compose.yaml"
        );
        assert_eq!(
            display_path(Path::new("/elsewhere/Dockerfile"), cwd),
            "/elsewhere/Dockerfile"
        );
        assert_eq!(
            display_path(Path::new("../other/Dockerfile"), cwd),
            "../other/Dockerfile"
        );
    }

    #[test]
    fn every_format_writes_the_same_bytes_whatever_the_input_order() {
        use clap::ValueEnum;

        let diagnostics = test_fixtures::diagnostics();
        let mut reversed = diagnostics.clone();
        reversed.reverse();
        let options = test_fixtures::options(Lang::En);
        for format in OutputFormat::value_variants() {
            let write = |diagnostics: &[Diagnostic]| {
                let mut out = Vec::new();
                render(*format, diagnostics, &options, &mut out).unwrap();
                out
            };
            assert_eq!(write(&diagnostics), write(&reversed), "{format:?}");
        }
    }

    #[test]
    fn colour_follows_the_terminal_no_color_and_the_flag() {
        assert!(ColorChoice::Auto.should_color(true, false));
        assert!(!ColorChoice::Auto.should_color(false, false));
        assert!(!ColorChoice::Auto.should_color(true, true));
        assert!(ColorChoice::Always.should_color(false, true));
        assert!(!ColorChoice::Never.should_color(true, false));
    }

    #[test]
    fn ranges_from_a_faulty_rule_are_clamped_to_the_text() {
        let file = SourceFile::new("Dockerfile", "FROM café");
        // 9 is inside the two bytes of `é`; 99 is past the end.
        assert_eq!(clamp(&file, TextRange::new(9, 99)), TextRange::new(8, 10));
        assert_eq!(clamp(&file, TextRange::new(9, 9)), TextRange::new(8, 8));
    }

    #[test]
    fn xml_escapes_markup_line_breaks_and_forbidden_characters() {
        assert_eq!(
            escape_xml("a<b & \"c\" 'd'\r\n\te\u{1}", true),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#13;&#10;&#9;e\u{FFFD}"
        );
        assert_eq!(escape_xml("a\n\tb\r\n", false), "a\n\tb&#13;\n");
        assert!(matches!(escape_xml("plain", true), Cow::Borrowed(_)));
    }

    #[test]
    fn multi_line_messages_are_joined_for_one_line_formats() {
        assert_eq!(one_line("first\n  second\r\n"), "first second");
        assert_eq!(one_line("single"), "single");
    }
}
