//! A compact, stable text form of the tree, for tests and `berth parse`.

use std::fmt::Write;

use crate::text::{LineIndex, TextRange};

use super::node::{Document, Node, NodeKind, ScalarStyle, ViaKind};

/// One line per node, indented by depth: kind, value, range as `line:column..line:column`, then
/// tag, anchor and the steps that brought the node (`via`).
pub fn dump(node: &Node, text: &str) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    dump_node(
        &mut out,
        node,
        "",
        0,
        &Positions {
            text,
            index: &index,
        },
    );
    out
}

/// Every root of the document, then its comments and errors (in both languages).
pub fn dump_document(document: &Document, text: &str) -> String {
    let index = LineIndex::new(text);
    let positions = Positions {
        text,
        index: &index,
    };
    let mut out = String::new();
    for (i, root) in document.roots.iter().enumerate() {
        let _ = writeln!(out, "document {}", i + 1);
        dump_node(&mut out, root, "", 1, &positions);
    }
    if !document.comments.is_empty() {
        out.push_str("comments\n");
        for comment in &document.comments {
            let range = positions.range(comment.range);
            let _ = writeln!(out, "  {range} {:?}", comment.text);
        }
    }
    if !document.errors.is_empty() {
        out.push_str("errors\n");
        for error in &document.errors {
            let range = positions.range(error.range);
            let _ = writeln!(out, "  {range} {}", error.message.en);
            let _ = writeln!(out, "  {range} {}", error.message.fr);
            if let Some(related) = &error.related {
                let range = positions.range(related.range);
                let _ = writeln!(out, "    related {range} {}", related.message.en);
            }
        }
    }
    out
}

struct Positions<'a> {
    text: &'a str,
    index: &'a LineIndex,
}

impl Positions<'_> {
    fn range(&self, range: TextRange) -> String {
        let start = self.index.line_column(self.text, range.start);
        let end = self.index.line_column(self.text, range.end);
        format!("{start}..{end}")
    }
}

fn dump_node(out: &mut String, node: &Node, role: &str, depth: usize, positions: &Positions) {
    let _ = write!(out, "{:width$}{role}", "", width = depth * 2);
    match &node.kind {
        NodeKind::Scalar(scalar) => {
            let style = match scalar.style {
                ScalarStyle::Plain => "plain",
                ScalarStyle::SingleQuoted => "single",
                ScalarStyle::DoubleQuoted => "double",
                ScalarStyle::Literal => "literal",
                ScalarStyle::Folded => "folded",
            };
            let _ = write!(out, "{style} {:?}", scalar.value);
        }
        NodeKind::Sequence(sequence) => {
            out.push_str(if sequence.flow {
                "sequence [flow]"
            } else {
                "sequence"
            });
        }
        NodeKind::Mapping(mapping) => {
            out.push_str(if mapping.flow {
                "mapping {flow}"
            } else {
                "mapping"
            });
        }
        NodeKind::Alias(alias) => {
            let _ = write!(out, "alias *{}", alias.name);
        }
    }
    let _ = write!(out, " {}", positions.range(node.range));
    if let Some(tag) = &node.tag {
        let range = positions.range(tag.range);
        let _ = write!(out, " tag=({},{})@{range}", tag.handle, tag.suffix);
    }
    if let Some(anchor) = &node.anchor {
        let range = positions.range(anchor.range);
        let _ = write!(out, " anchor=&{}@{range}", anchor.name);
    }
    if !node.via.is_empty() {
        out.push_str(" via=[");
        for (i, via) in node.via.iter().enumerate() {
            let kind = match via.kind {
                ViaKind::Alias => "alias",
                ViaKind::MergeKey => "merge",
                ViaKind::Extends => "extends",
                ViaKind::Include => "include",
                ViaKind::Override => "override",
            };
            let separator = if i == 0 { "" } else { ", " };
            let range = positions.range(via.range);
            let _ = write!(out, "{separator}{kind}@{range}");
        }
        out.push(']');
    }
    out.push('\n');
    match &node.kind {
        NodeKind::Sequence(sequence) => {
            for item in &sequence.items {
                dump_node(out, item, "- ", depth + 1, positions);
            }
        }
        NodeKind::Mapping(mapping) => {
            for entry in &mapping.entries {
                dump_node(out, &entry.key, "key: ", depth + 1, positions);
                dump_node(out, &entry.value, "value: ", depth + 1, positions);
            }
        }
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}
