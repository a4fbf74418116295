//! `berth parse --format json`: syntax trees as JSON, a public format documented in
//! `docs/formats/parse.md`. Every range is written the same way, with 1-based lines and
//! character columns for people and byte offsets for programs.

mod dockerfile;
mod yaml;

pub use dockerfile::dockerfile;
pub use yaml::yaml_document;

use berth_parser::{Lang, SourceFile, SyntaxError, TextRange};
use serde_json::{Value, json};

/// `{ "start": {line, column, offset}, "end": {...} }`, end exclusive.
fn span(file: &SourceFile, range: TextRange) -> Value {
    let point = |offset: u32| {
        let position = file.line_column(offset);
        json!({ "line": position.line, "column": position.column, "offset": offset })
    };
    json!({ "start": point(range.start), "end": point(range.end) })
}

fn errors(file: &SourceFile, errors: &[SyntaxError], lang: Lang) -> Value {
    errors
        .iter()
        .map(|error| {
            let mut value = json!({
                "message": error.message.get(lang),
                "range": span(file, error.range),
            });
            if let Some(related) = &error.related {
                value["related"] = json!({
                    "message": related.message.get(lang),
                    "range": span(file, related.range),
                });
            }
            value
        })
        .collect()
}
