//! The JSON reader never panics, and every range it returns lies on character boundaries of
//! the text.

#![no_main]

use berth_parser::FileId;
use berth_parser::json;
use berth_parser::yaml::{Node, NodeKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let document = json::parse(text, FileId(0));
    for root in &document.roots {
        check(root, text);
    }
    for comment in &document.comments {
        let _ = comment.range.slice(text);
    }
    for error in &document.errors {
        let _ = error.range.slice(text);
    }
});

/// Slicing panics on a range out of bounds or off a character boundary.
fn check(node: &Node, text: &str) {
    let _ = node.range.slice(text);
    match &node.kind {
        NodeKind::Sequence(sequence) => sequence.items.iter().for_each(|item| check(item, text)),
        NodeKind::Mapping(mapping) => mapping.entries.iter().for_each(|entry| {
            check(&entry.key, text);
            check(&entry.value, text);
        }),
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}
