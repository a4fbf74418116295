//! Paths into a tree (`services.web.ports[0]`), as messages print them and as queries take them.

use std::fmt::Write;

use crate::yaml::{Node, NodeKind};

/// One step of a path: a mapping key or a list index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `services.web.ports[0]`, the way Compose names a value in its messages.
pub fn render(path: &[Segment<'_>]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            Segment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            Segment::Index(index) => {
                // Writing to a String cannot fail.
                let _ = write!(text, "[{index}]");
            }
        }
    }
    text
}

/// The innermost node at a byte offset, with the path that leads to it.
#[derive(Clone, Debug)]
pub struct NodeAt<'a> {
    pub path: Vec<Segment<'a>>,
    pub node: &'a Node,
    /// Whether the offset is on the key of the last segment rather than on its value.
    pub on_key: bool,
}

/// Finds the innermost node whose range contains `offset` (end inclusive, as editors place a
/// cursor after a word). Returns the root itself when no child contains it.
pub fn node_at(root: &Node, offset: u32) -> NodeAt<'_> {
    let mut at = NodeAt {
        path: Vec::new(),
        node: root,
        on_key: false,
    };
    loop {
        let next = match &at.node.kind {
            NodeKind::Mapping(mapping) => mapping.entries.iter().find_map(|entry| {
                let key = entry.key.as_str()?;
                if entry.key.range.contains_inclusive(offset) {
                    Some((Segment::Key(key), &entry.value, true))
                } else if entry.value.range.contains_inclusive(offset) {
                    Some((Segment::Key(key), &entry.value, false))
                } else {
                    None
                }
            }),
            NodeKind::Sequence(sequence) => sequence
                .items
                .iter()
                .enumerate()
                .find(|(_, item)| item.range.contains_inclusive(offset))
                .map(|(index, item)| (Segment::Index(index), item, false)),
            NodeKind::Scalar(_) | NodeKind::Alias(_) => None,
        };
        match next {
            Some((segment, node, on_key)) => {
                at.path.push(segment);
                at.node = node;
                at.on_key = on_key;
                if on_key {
                    return at;
                }
            }
            None => return at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_like_compose() {
        let path = [
            Segment::Key("services"),
            Segment::Key("web"),
            Segment::Key("ports"),
            Segment::Index(0),
            Segment::Key("target"),
        ];
        assert_eq!(render(&path), "services.web.ports[0].target");
        assert_eq!(render(&[]), "");
    }
}
