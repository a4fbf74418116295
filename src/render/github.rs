//! `--format github`: GitHub Actions workflow commands, which the runner turns into
//! annotations on the pull request's diff.
//!
//! ```text
//! ::error file=Dockerfile,line=1,col=6,endLine=1,endColumn=12,title=D101 pin-base-image-tag::Base image `ubuntu` has no tag
//! ```
//!
//! Errors are `::error`, warnings `::warning`, info `::notice`. Columns are given only when the
//! range is on one line, because GitHub rejects column ranges over several lines. Property
//! values escape `%`, `\r`, `\n`, `:` and `,`; the message escapes `%`, `\r` and `\n`, as the
//! runner's `toCommandValue`/`escapeProperty` do.

use std::fmt::Write as _;
use std::io::{self, Write};

use berth_rules::{Diagnostic, Severity};

use super::{RenderOptions, display_path, line_columns};

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    for diagnostic in diagnostics {
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let path = display_path(diagnostic.file.path(), &options.cwd);
        let (start, end) = line_columns(&diagnostic.file, diagnostic.range);
        let mut properties = format!("file={},line={}", escape_property(&path), start.line);
        if start.line == end.line {
            let _ = write!(
                properties,
                ",col={},endLine={},endColumn={}",
                start.column, end.line, end.column
            );
        } else {
            let _ = write!(properties, ",endLine={}", end.line);
        }
        let title = format!("{} {}", diagnostic.rule.code, diagnostic.rule.name);
        let mut message = diagnostic.message.get(options.lang).to_owned();
        if let Some(help) = &diagnostic.help {
            message.push('\n');
            message.push_str(help.get(options.lang));
        }
        writeln!(
            out,
            "::{command} {properties},title={}::{}",
            escape_property(&title),
            escape_data(&message)
        )?;
    }
    Ok(())
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use berth_parser::Lang;

    use super::super::test_fixtures::{options, rendered, rendered_with};
    use super::{escape_data, escape_property, render};

    #[test]
    fn english() {
        insta::assert_snapshot!(rendered(render, Lang::En));
    }

    #[test]
    fn french() {
        insta::assert_snapshot!(rendered(render, Lang::Fr));
    }

    #[test]
    fn nothing_found_writes_nothing() {
        assert_eq!(rendered_with(render, &[], &options(Lang::En)), "");
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100%\r\na: b, c"), "100%25%0D%0Aa: b, c");
        assert_eq!(escape_property("C:\\x,y%\n"), "C%3A\\x%2Cy%25%0A");
    }
}
