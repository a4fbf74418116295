//! `--format json`: a public contract, documented in `docs/formats/json.md`. Changing a field
//! here is changing that document.

use std::borrow::Cow;
use std::io::{self, Write};

use berth_parser::{Lang, SourceFile, TextRange};
use berth_rules::Diagnostic;
use serde::Serialize;

use super::{RenderOptions, line_columns};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    message: &'a str,
    file: Cow<'a, str>,
    range: JsonRange,
    fix: Option<JsonFix<'a>>,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonPosition {
    line: u32,
    column: u32,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: Cow<'a, str>,
    range: JsonRange,
    message: &'a str,
}

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = options.lang;
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|diagnostic| to_json(diagnostic, lang))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &items)?;
    writeln!(out)
}

fn to_json(diagnostic: &Diagnostic, lang: Lang) -> JsonDiagnostic<'_> {
    let file = &diagnostic.file;
    JsonDiagnostic {
        code: diagnostic.rule.code,
        name: diagnostic.rule.name,
        severity: diagnostic.severity.as_str(),
        message: diagnostic.message.get(lang),
        file: file.path().to_string_lossy(),
        range: range(file, diagnostic.range),
        fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability.as_str(),
            message: fix.title.get(lang),
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    range: range(file, edit.range),
                    content: &edit.content,
                })
                .collect(),
        }),
        labels: diagnostic
            .labels
            .iter()
            .map(|label| JsonLabel {
                file: label.file.path().to_string_lossy(),
                range: range(&label.file, label.range),
                message: label.message.get(lang),
            })
            .collect(),
        help: diagnostic.help.as_ref().map(|help| help.get(lang)),
        url: diagnostic.rule.url_for(lang),
    }
}

fn range(file: &SourceFile, range: TextRange) -> JsonRange {
    let (start, end) = line_columns(file, range);
    JsonRange {
        start: JsonPosition {
            line: start.line,
            column: start.column,
        },
        end: JsonPosition {
            line: end.line,
            column: end.column,
        },
    }
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
    fn nothing_found_is_an_empty_array() {
        assert_eq!(rendered_with(render, &[], &options(Lang::En)), "[]\n");
    }
}
