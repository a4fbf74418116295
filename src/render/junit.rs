//! `--format junit`: JUnit XML, for CI systems that show test reports (GitLab's test report,
//! Jenkins' JUnit plugin, Azure Pipelines).
//!
//! One `<testsuite>` per file and one failed `<testcase>` per finding. Per file rather than per
//! rule, because a file is what a developer opens to fix things: GitLab lists cases with their
//! suite and `file`, Jenkins groups them by `classname`, and both then read as "this
//! Dockerfile has these problems". The `classname` is the path as it is; Jenkins splits it at
//! its last dot into package and class, which only changes how a name like `Dockerfile.dev`
//! is nested. A run without findings writes one passing case, because Jenkins fails a build
//! whose report has no test at all.

use std::io::{self, Write};

use berth_rules::Diagnostic;

use super::{RenderOptions, display_path, escape_xml, line_columns};

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    if diagnostics.is_empty() {
        writeln!(
            out,
            r#"<testsuites name="berth" tests="1" failures="0" errors="0">"#
        )?;
        writeln!(
            out,
            r#"  <testsuite name="berth" tests="1" failures="0" errors="0" skipped="0">"#
        )?;
        writeln!(
            out,
            r#"    <testcase name="no problems found" classname="berth"/>"#
        )?;
        writeln!(out, "  </testsuite>")?;
        return writeln!(out, "</testsuites>");
    }

    // The diagnostics come sorted by shown path, so each file's findings are adjacent.
    let mut files: Vec<(String, Vec<&Diagnostic>)> = Vec::new();
    for diagnostic in diagnostics {
        let path = display_path(diagnostic.file.path(), &options.cwd);
        match files.last_mut() {
            Some((last, group)) if *last == path => group.push(diagnostic),
            _ => files.push((path, vec![diagnostic])),
        }
    }

    let total = diagnostics.len();
    writeln!(
        out,
        r#"<testsuites name="berth" tests="{total}" failures="{total}" errors="0">"#
    )?;
    for (path, group) in &files {
        let path = escape_xml(path, true);
        let count = group.len();
        writeln!(
            out,
            r#"  <testsuite name="{path}" tests="{count}" failures="{count}" errors="0" skipped="0">"#
        )?;
        for diagnostic in group {
            let rule = diagnostic.rule;
            let (start, _) = line_columns(&diagnostic.file, diagnostic.range);
            let message = diagnostic.message.get(options.lang);
            writeln!(
                out,
                r#"    <testcase name="{code} {name} ({start})" classname="{path}" file="{path}" line="{line}">"#,
                code = rule.code,
                name = rule.name,
                line = start.line,
            )?;
            // The body repeats the location and adds the help and the rule's page, which
            // is what a reader of the CI report needs to act.
            let mut body = format!(
                "{path}:{start}: {severity}[{code}] {message}",
                severity = diagnostic.severity.as_str(),
                code = rule.code,
            );
            if let Some(help) = &diagnostic.help {
                body.push('\n');
                body.push_str(help.get(options.lang));
            }
            body.push('\n');
            body.push_str(&rule.url_for(options.lang));
            writeln!(
                out,
                r#"      <failure type="{code}" message="{message}">{body}</failure>"#,
                code = rule.code,
                message = escape_xml(message, true),
                body = escape_xml(&body, false),
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
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
    fn nothing_found_is_one_passing_case() {
        insta::assert_snapshot!(rendered_with(render, &[], &options(Lang::En)), @r#"
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="berth" tests="1" failures="0" errors="0">
          <testsuite name="berth" tests="1" failures="0" errors="0" skipped="0">
            <testcase name="no problems found" classname="berth"/>
          </testsuite>
        </testsuites>
        "#);
    }
}
