//! The YAML reader and the alias and merge resolver never panic, and every range they return
//! lies on character boundaries of the text.

#![no_main]

use berth_parser::FileId;
use berth_parser::yaml::{self, Node, NodeKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let document = yaml::parse(text, FileId(0));
    for root in &document.roots {
        check(root, text);
    }
    for comment in &document.comments {
        let _ = comment.range.slice(text);
    }
    for error in &document.errors {
        let _ = error.range.slice(text);
    }
    let (roots, errors) = yaml::resolve_document(&document);
    for root in &roots {
        check(root, text);
    }
    for error in &errors {
        let _ = error.range.slice(text);
    }
});

/// Slicing panics on a range out of bounds or off a character boundary.
fn check(node: &Node, text: &str) {
    let _ = node.range.slice(text);
    if let Some(tag) = &node.tag {
        let _ = tag.range.slice(text);
    }
    if let Some(anchor) = &node.anchor {
        let _ = anchor.range.slice(text);
    }
    match &node.kind {
        NodeKind::Sequence(sequence) => sequence.items.iter().for_each(|item| check(item, text)),
        NodeKind::Mapping(mapping) => mapping.entries.iter().for_each(|entry| {
            check(&entry.key, text);
            check(&entry.value, text);
        }),
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}
