//! `--format checkstyle`: Checkstyle's XML report, read by Jenkins (Warnings NG), reviewdog,
//! SonarQube and others. One `<file>` per file, in path order; `source` is the rule code.

use std::io::{self, Write};

use berth_rules::Diagnostic;

use super::{RenderOptions, display_path, escape_xml, line_columns};

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    let mut current: Option<String> = None;
    for diagnostic in diagnostics {
        // The diagnostics come sorted by shown path, so each file's findings are adjacent.
        let path = display_path(diagnostic.file.path(), &options.cwd);
        if current.as_ref() != Some(&path) {
            if current.is_some() {
                writeln!(out, "  </file>")?;
            }
            writeln!(out, r#"  <file name="{}">"#, escape_xml(&path, true))?;
            current = Some(path);
        }
        let (start, _) = line_columns(&diagnostic.file, diagnostic.range);
        writeln!(
            out,
            r#"    <error line="{}" column="{}" severity="{}" message="{}" source="{}"/>"#,
            start.line,
            start.column,
            diagnostic.severity.as_str(),
            escape_xml(diagnostic.message.get(options.lang), true),
            diagnostic.rule.code,
        )?;
    }
    if current.is_some() {
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use berth_parser::Lang;

    use super::super::test_fixtures::{options, rendered, rendered_with};
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
    fn nothing_found() {
        assert_eq!(
            rendered_with(render, &[], &options(Lang::En)),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n</checkstyle>\n"
        );
    }
}
