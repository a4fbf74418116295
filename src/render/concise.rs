//! One line per finding, then the summary line:
//!
//! ```text
//! Dockerfile:1:6: error[D101] Base image `ubuntu` has no tag
//! ```
//!
//! The format is stable: `path:line:column: severity[CODE] message`, with the path relative to
//! the working directory, a 1-based line and character column of the start of the range, the
//! severity in English whatever the language (`error`, `warning` or `info`) so that editors'
//! error formats and `grep` keep working, and the message in the selected language on one line.
//! It is the GNU `file:line:column: message` shape Vim's `errorformat` and Emacs' compilation
//! mode already read.

use std::io::{self, Write};

use annotate_snippets::renderer::{AnsiColor, Style};
use berth_rules::{Diagnostic, Severity};

use super::{RenderOptions, display_path, line_columns, one_line, summary};

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let path_style = if options.color {
        Style::new().bold()
    } else {
        Style::new()
    };
    for diagnostic in diagnostics {
        let path = display_path(diagnostic.file.path(), &options.cwd);
        let (start, _) = line_columns(&diagnostic.file, diagnostic.range);
        let style = if options.color {
            severity_style(diagnostic.severity)
        } else {
            Style::new()
        };
        writeln!(
            out,
            "{path_style}{path}{path_style:#}:{start}: {style}{severity}[{code}]{style:#} {message}",
            severity = diagnostic.severity.as_str(),
            code = diagnostic.rule.code,
            message = one_line(diagnostic.message.get(options.lang)),
        )?;
    }
    writeln!(out, "{}", summary::styled(diagnostics, options))
}

/// The colours of the human format's levels, so both formats look alike.
fn severity_style(severity: Severity) -> Style {
    let colour = match severity {
        Severity::Error => AnsiColor::BrightRed,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::BrightBlue,
    };
    colour.on_default().bold()
}

#[cfg(test)]
mod tests {
    use berth_parser::Lang;

    use super::super::test_fixtures::{diagnostics, options, rendered, rendered_with};
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
    fn colour_only_when_asked() {
        let mut options = options(Lang::En);
        let plain = rendered_with(render, &diagnostics(), &options);
        assert!(!plain.contains('\x1b'));
        options.color = true;
        let coloured = rendered_with(render, &diagnostics(), &options);
        assert!(
            coloured.contains("\x1b[1mDockerfile\x1b[0m:1:6: "),
            "{coloured}"
        );
    }
}
