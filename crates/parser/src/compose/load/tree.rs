//! Small edits of resolved YAML trees that the loading steps share.

use compact_str::CompactString;

use crate::text::{FileId, TextRange};
use crate::yaml::{Entry, Mapping, Node, NodeKind, Scalar, ScalarStyle, Sequence, Via};

/// A scalar node made by the loader (a default Compose fills in, a part of a `KEY=value`
/// string), standing at `range` of `file`.
pub(crate) fn scalar(
    file: FileId,
    range: TextRange,
    via: &[Via],
    value: impl Into<CompactString>,
) -> Node {
    Node {
        file,
        range,
        kind: NodeKind::Scalar(Scalar {
            value: value.into(),
            style: ScalarStyle::Plain,
        }),
        tag: None,
        anchor: None,
        via: via.to_vec(),
    }
}

/// A null scalar at `range`.
pub(crate) fn null(file: FileId, range: TextRange, via: &[Via]) -> Node {
    scalar(file, range, via, "")
}

/// An empty mapping standing where `at` is.
pub(crate) fn mapping_at(at: &Node, entries: Vec<Entry>) -> Node {
    Node {
        file: at.file,
        range: at.range,
        kind: NodeKind::Mapping(Mapping {
            entries,
            flow: false,
        }),
        tag: None,
        anchor: None,
        via: at.via.clone(),
    }
}

/// A sequence standing where `at` is.
pub(crate) fn sequence_at(at: &Node, items: Vec<Node>) -> Node {
    Node {
        file: at.file,
        range: at.range,
        kind: NodeKind::Sequence(Sequence { items, flow: false }),
        tag: None,
        anchor: None,
        via: at.via.clone(),
    }
}

/// Adds `step` as the outermost step of `node` and of everything under it: the node was
/// brought where it is by `extends`, `include` or an override file.
pub(crate) fn add_via(node: &mut Node, step: &Via) {
    node.via.insert(0, step.clone());
    match &mut node.kind {
        NodeKind::Mapping(mapping) => {
            for entry in &mut mapping.entries {
                add_via(&mut entry.key, step);
                add_via(&mut entry.value, step);
            }
        }
        NodeKind::Sequence(sequence) => {
            for item in &mut sequence.items {
                add_via(item, step);
            }
        }
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}

/// Removes, everywhere under `node`, the entries and items tagged `!reset`: in the file that
/// holds them, they stand for nothing.
pub(crate) fn strip_resets(node: &mut Node) {
    match &mut node.kind {
        NodeKind::Mapping(mapping) => {
            mapping
                .entries
                .retain(|entry| !entry.value.has_local_tag("reset"));
            for entry in &mut mapping.entries {
                strip_resets(&mut entry.value);
            }
        }
        NodeKind::Sequence(sequence) => {
            sequence.items.retain(|item| !item.has_local_tag("reset"));
            for item in &mut sequence.items {
                strip_resets(item);
            }
        }
        NodeKind::Scalar(_) | NodeKind::Alias(_) => {}
    }
}

/// The index of the first entry whose key is `key`.
pub(crate) fn position(mapping: &Mapping, key: &str) -> Option<usize> {
    mapping
        .entries
        .iter()
        .position(|entry| entry.key.as_str() == Some(key))
}

/// Removes and returns the first entry whose key is `key`.
pub(crate) fn take_entry(node: &mut Node, key: &str) -> Option<Entry> {
    let NodeKind::Mapping(mapping) = &mut node.kind else {
        return None;
    };
    let index = position(mapping, key)?;
    Some(mapping.entries.remove(index))
}

pub(crate) fn get_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    let NodeKind::Mapping(mapping) = &mut node.kind else {
        return None;
    };
    mapping
        .entries
        .iter_mut()
        .find(|entry| entry.key.as_str() == Some(key))
        .map(|entry| &mut entry.value)
}

pub(crate) fn mapping_mut(node: &mut Node) -> Option<&mut Mapping> {
    match &mut node.kind {
        NodeKind::Mapping(mapping) => Some(mapping),
        _ => None,
    }
}

/// A short description of what kind of node this is, for messages.
pub(crate) fn kind_words(node: &Node) -> (&'static str, &'static str) {
    match &node.kind {
        NodeKind::Mapping(_) => ("a mapping", "un mapping"),
        NodeKind::Sequence(_) => ("a list", "une liste"),
        NodeKind::Scalar(_) if node.is_null() => ("null", "null"),
        NodeKind::Scalar(_) | NodeKind::Alias(_) => ("a scalar", "un scalaire"),
    }
}

/// The range of bytes `start..end` of a scalar's value, in its file: exact when the value is
/// the text as written (a plain or quoted scalar without escapes or line folding), else the
/// whole scalar, which is still the right place to point at.
pub(crate) fn part_range(node: &Node, start: usize, end: usize) -> TextRange {
    let Some(scalar) = node.as_scalar() else {
        return node.range;
    };
    let written = node.range.len() as usize;
    let offset = match scalar.style {
        ScalarStyle::Plain if written == scalar.value.len() => 0,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted
            if written == scalar.value.len() + 2 =>
        {
            1
        }
        _ => return node.range,
    };
    let base = node.range.start + offset;
    TextRange::new(base + start as u32, base + end as u32)
}

/// Splits a `KEY=value` scalar into a key node and, when there is a `=`, a value node, each
/// at its part of the scalar. `environment`, `labels` and the other list-or-mapping keys use
/// this form in their list syntax.
pub(crate) fn split_key_value(node: &Node) -> (Node, Option<Node>) {
    let text = node.as_str().unwrap_or_default();
    match text.split_once('=') {
        Some((key, value)) => {
            let key_node = Node {
                kind: NodeKind::Scalar(Scalar {
                    value: key.into(),
                    style: ScalarStyle::Plain,
                }),
                range: part_range(node, 0, key.len()),
                tag: None,
                anchor: None,
                ..node.clone_shallow()
            };
            let value_start = key.len() + 1;
            let value_node = Node {
                kind: NodeKind::Scalar(Scalar {
                    value: value.into(),
                    style: ScalarStyle::DoubleQuoted,
                }),
                range: part_range(node, value_start, text.len()),
                tag: None,
                anchor: None,
                ..node.clone_shallow()
            };
            (key_node, Some(value_node))
        }
        None => {
            let key_node = Node {
                kind: NodeKind::Scalar(Scalar {
                    value: text.into(),
                    style: ScalarStyle::Plain,
                }),
                tag: None,
                anchor: None,
                ..node.clone_shallow()
            };
            (key_node, None)
        }
    }
}

pub(crate) trait CloneShallow {
    /// The node's place (file, range, steps) with a null value, to build nodes from parts of
    /// it or to stand where it stood.
    fn clone_shallow(&self) -> Node;

    fn clone_place(&self) -> Node {
        self.clone_shallow()
    }
}

impl CloneShallow for Node {
    fn clone_shallow(&self) -> Node {
        null(self.file, self.range, &self.via)
    }
}
