//! berth's findings as LSP diagnostics. Positions go through the file's `LineIndex` only.

use std::path::Path;
use std::str::FromStr;

use berth_parser::{Lang, SourceFile, TextRange};
use berth_rules::config::ConfigError;
use berth_rules::{Diagnostic, Severity, registry};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Position, TextEdit, Uri,
};

/// What every diagnostic berth publishes says it comes from.
pub(crate) const SOURCE: &str = "berth";

/// The LSP range of a byte range of `file`.
pub(crate) fn range(file: &SourceFile, range: TextRange) -> lsp::Range {
    let position = |offset| {
        let position = file.utf16_position(offset);
        Position::new(position.line, position.character)
    };
    lsp::Range::new(position(range.start), position(range.end))
}

/// A finding as an LSP diagnostic, its text in `lang`. `uri_of` gives the URI of another file
/// a label points at (the client's own URI when the file is open).
pub(crate) fn diagnostic(
    finding: &Diagnostic,
    lang: Lang,
    uri_of: &dyn Fn(&Path) -> Option<Uri>,
) -> lsp::Diagnostic {
    let meta = finding.rule;
    let mut message = finding.message.get(lang).to_string();
    if let Some(help) = &finding.help {
        message.push('\n');
        message.push_str(help.get(lang));
    }
    let related_information: Vec<DiagnosticRelatedInformation> = finding
        .labels
        .iter()
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    uri_of(label.file.path())?,
                    range(&label.file, label.range),
                ),
                message: label.message.get(lang).to_string(),
            })
        })
        .collect();
    let unused_suppression = registry::unused_suppression_rule(meta.kind).meta.code == meta.code;
    let data = finding.fix.as_ref().map(|fix| {
        serde_json::to_value(DiagnosticData {
            fix: FixData {
                title: fix.title.get(lang).to_string(),
                safe: fix.applicability == berth_rules::Applicability::Safe,
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| {
                        TextEdit::new(range(&finding.file, edit.range), edit.content.clone())
                    })
                    .collect(),
            },
        })
        // Serialising plain strings, booleans and ranges cannot fail.
        .expect("fix data serialises")
    });
    lsp::Diagnostic {
        range: range(&finding.file, finding.range),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(meta.code.to_string())),
        code_description: Uri::from_str(&meta.url_for(lang))
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related_information.is_empty()).then_some(related_information),
        tags: unused_suppression.then(|| vec![DiagnosticTag::UNNECESSARY]),
        data,
    }
}

/// A configuration error as a diagnostic on its configuration file.
pub(crate) fn config_error(error: &ConfigError, file: &SourceFile, lang: Lang) -> lsp::Diagnostic {
    let mut message = error.message.get(lang).to_string();
    if let Some(help) = &error.help {
        message.push('\n');
        message.push_str(help.get(lang));
    }
    lsp::Diagnostic {
        range: range(file, error.range),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some(SOURCE.to_string()),
        message,
        ..lsp::Diagnostic::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// `Diagnostic.data`: what a code action needs to apply the fix without linting again.
#[derive(Serialize, Deserialize)]
pub(crate) struct DiagnosticData {
    pub fix: FixData,
}

#[derive(Serialize, Deserialize)]
pub(crate) struct FixData {
    /// The quick fix's title, in the diagnostic's language.
    pub title: String,
    /// Whether `berth check --fix` would apply it on its own.
    pub safe: bool,
    /// Edits in the diagnostic's document, sorted and non-overlapping.
    pub edits: Vec<TextEdit>,
}

#[cfg(test)]
mod tests {
    use berth_parser::msg;
    use berth_rules::{Edit, Fix, Reporter};
    use serde_json::json;

    use super::*;

    fn uri(path: &Path) -> Option<Uri> {
        Uri::from_file_path(path)
    }

    #[test]
    fn positions_are_utf16() {
        // `é` is one UTF-16 unit and two bytes; `😀` is two units and four bytes.
        let file = SourceFile::new("/p/Dockerfile", "FROM a\nLABEL x=\"é😀\" y\n");
        let y = file.text().rfind('y').unwrap() as u32;
        assert_eq!(
            range(&file, TextRange::at(y, 1)),
            lsp::Range::new(Position::new(1, 14), Position::new(1, 15))
        );
    }

    #[test]
    fn converts_every_part() {
        let dockerfile = SourceFile::new("/p/Dockerfile", "# berth: ignore=D001\nFROM a\n");
        let compose = SourceFile::new("/p/compose.yaml", "services: {}\n");
        let rule = registry::rule("D500").unwrap();
        let mut report = Reporter::new(rule, dockerfile.clone());
        report
            .push(TextRange::new(16, 20), msg!("unused", "inutile"))
            .help(msg!("delete it", "supprimez-le"))
            .label(
                &compose,
                TextRange::new(0, 8),
                msg!("used here", "utilisé ici"),
            )
            .fix(Fix::safe(
                msg!("delete", "supprimer"),
                vec![Edit::delete(TextRange::new(0, 21))],
            ));
        let finding = &report.into_diagnostics()[0];
        let converted = diagnostic(finding, Lang::Fr, &uri);
        insta::assert_json_snapshot!(converted, @r#"
        {
          "range": {
            "start": {
              "line": 0,
              "character": 16
            },
            "end": {
              "line": 0,
              "character": 20
            }
          },
          "severity": 2,
          "code": "D500",
          "codeDescription": {
            "href": "https://github.com/berth-lint/berth/blob/main/docs/rules/fr/D500.md"
          },
          "source": "berth",
          "message": "inutile\nsupprimez-le",
          "relatedInformation": [
            {
              "location": {
                "uri": "file:///p/compose.yaml",
                "range": {
                  "start": {
                    "line": 0,
                    "character": 0
                  },
                  "end": {
                    "line": 0,
                    "character": 8
                  }
                }
              },
              "message": "utilisé ici"
            }
          ],
          "tags": [
            1
          ],
          "data": {
            "fix": {
              "title": "supprimer",
              "safe": true,
              "edits": [
                {
                  "range": {
                    "start": {
                      "line": 0,
                      "character": 0
                    },
                    "end": {
                      "line": 1,
                      "character": 0
                    }
                  },
                  "newText": ""
                }
              ]
            }
          }
        }
        "#);
        let english = diagnostic(finding, Lang::En, &uri);
        assert_eq!(english.message, "unused\ndelete it");
        assert_eq!(
            serde_json::to_value(english.code_description).unwrap(),
            json!({ "href": "https://github.com/berth-lint/berth/blob/main/docs/rules/D500.md" })
        );
    }
}
