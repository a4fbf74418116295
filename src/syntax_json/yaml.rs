//! A YAML or JSON document (Compose, daemon.json, config.json) as JSON: the tree as written,
//! before aliases and merge keys are resolved.

use berth_parser::yaml::{Document, Node, NodeKind, ScalarStyle};
use berth_parser::{Lang, SourceFile};
use serde_json::{Value, json};

use super::{errors, span};

pub fn yaml_document(file: &SourceFile, document: &Document, kind: &str, lang: Lang) -> Value {
    json!({
        "kind": kind,
        "documents": document.roots.iter().map(|root| node(file, root)).collect::<Vec<_>>(),
        "comments": document.comments.iter().map(|comment| json!({
            "text": comment.text,
            "range": span(file, comment.range),
        })).collect::<Vec<_>>(),
        "errors": errors(file, &document.errors, lang),
    })
}

/// One node; recursion is bounded by the reader's nesting limit (`yaml::MAX_DEPTH`).
fn node(file: &SourceFile, node: &Node) -> Value {
    let mut value = match &node.kind {
        NodeKind::Scalar(scalar) => json!({
            "type": "scalar",
            "value": scalar.value.as_str(),
            "style": match scalar.style {
                ScalarStyle::Plain => "plain",
                ScalarStyle::SingleQuoted => "single_quoted",
                ScalarStyle::DoubleQuoted => "double_quoted",
                ScalarStyle::Literal => "literal",
                ScalarStyle::Folded => "folded",
            },
        }),
        NodeKind::Sequence(sequence) => json!({
            "type": "sequence",
            "flow": sequence.flow,
            "items": sequence.items.iter().map(|item| self::node(file, item)).collect::<Vec<_>>(),
        }),
        NodeKind::Mapping(mapping) => json!({
            "type": "mapping",
            "flow": mapping.flow,
            "entries": mapping.entries.iter().map(|entry| json!({
                "key": self::node(file, &entry.key),
                "value": self::node(file, &entry.value),
            })).collect::<Vec<_>>(),
        }),
        NodeKind::Alias(alias) => json!({ "type": "alias", "name": alias.name }),
    };
    value["range"] = span(file, node.range);
    if let Some(tag) = &node.tag {
        value["tag"] = json!({
            "handle": tag.handle,
            "suffix": tag.suffix,
            "range": span(file, tag.range),
        });
    }
    if let Some(anchor) = &node.anchor {
        value["anchor"] = json!({ "name": anchor.name, "range": span(file, anchor.range) });
    }
    value
}
