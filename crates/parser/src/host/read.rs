//! Reading typed values out of a JSON tree the way Go's `encoding/json` fills a struct,
//! leniently: a value of the wrong type is skipped here, since schema validation reports it at
//! its place. `null` leaves a setting unset, as it leaves a Go field untouched.

use std::collections::BTreeMap;

use crate::yaml::{Entry, Mapping, Node, NodeKind, ScalarStyle};

use super::spanned::Spanned;

/// The members of a JSON object.
#[derive(Clone, Copy)]
pub(crate) struct Fields<'a> {
    mapping: Option<&'a Mapping>,
    /// Whether keys match whatever their case, as `encoding/json` matches struct fields. The
    /// top level of daemon.json is matched exactly (dockerd looks each key up as a flag name).
    ignore_case: bool,
}

impl<'a> Fields<'a> {
    /// The members of `node`, or none when it is not an object.
    pub(crate) fn of(node: Option<&'a Node>, ignore_case: bool) -> Fields<'a> {
        Fields {
            mapping: node.and_then(Node::as_mapping),
            ignore_case,
        }
    }

    /// The member called `name`; of duplicates, the last, which Go's decoder keeps.
    pub(crate) fn entry(&self, name: &str) -> Option<&'a Entry> {
        self.mapping?.entries.iter().rev().find(|entry| {
            entry.key.as_str().is_some_and(|key| {
                if self.ignore_case {
                    key.eq_ignore_ascii_case(name)
                } else {
                    key == name
                }
            })
        })
    }

    pub(crate) fn node(&self, name: &str) -> Option<&'a Node> {
        self.entry(name).map(|entry| &entry.value)
    }

    pub(crate) fn string(&self, name: &str) -> Option<Spanned<String>> {
        let entry = self.entry(name)?;
        spanned(entry, &entry.value, string)
    }

    pub(crate) fn boolean(&self, name: &str) -> Option<Spanned<bool>> {
        let entry = self.entry(name)?;
        spanned(entry, &entry.value, boolean)
    }

    pub(crate) fn integer(&self, name: &str) -> Option<Spanned<i64>> {
        let entry = self.entry(name)?;
        spanned(entry, &entry.value, integer)
    }

    /// The strings of a list, each with the list's key.
    pub(crate) fn strings(&self, name: &str) -> Vec<Spanned<String>> {
        let Some(entry) = self.entry(name) else {
            return Vec::new();
        };
        items(&entry.value)
            .iter()
            .filter_map(|item| spanned(entry, item, string))
            .collect()
    }

    /// A map of strings, each with its own key; a later duplicate key replaces an earlier one.
    pub(crate) fn string_map(&self, name: &str) -> BTreeMap<String, Spanned<String>> {
        string_map(self.node(name))
    }
}

/// The strings of a map, each with its own key; a later duplicate key replaces an earlier one.
pub(crate) fn string_map(node: Option<&Node>) -> BTreeMap<String, Spanned<String>> {
    map_entries(node)
        .filter_map(|(key, entry)| Some((key.to_owned(), spanned(entry, &entry.value, string)?)))
        .collect()
}

/// The string-keyed members of a map, in source order (duplicates included: collecting into a
/// map keeps the last, as Go does).
pub(crate) fn map_entries(node: Option<&Node>) -> impl Iterator<Item = (&str, &Entry)> {
    node.and_then(Node::as_mapping)
        .into_iter()
        .flat_map(|mapping| &mapping.entries)
        .filter_map(|entry| Some((entry.key.as_str()?, entry)))
}

/// The items of a list; none when the value is not one.
pub(crate) fn items(node: &Node) -> &[Node] {
    match &node.kind {
        NodeKind::Sequence(sequence) => &sequence.items,
        _ => &[],
    }
}

/// `read(value)` with the key of `entry` and the range of `value`.
pub(crate) fn spanned<T>(
    entry: &Entry,
    value: &Node,
    read: impl FnOnce(&Node) -> Option<T>,
) -> Option<Spanned<T>> {
    Some(Spanned::new(read(value)?, entry.key.range, value.range))
}

/// A JSON string (the JSON reader makes every string a double-quoted scalar).
pub(crate) fn string(node: &Node) -> Option<String> {
    let scalar = node.as_scalar()?;
    (scalar.style == ScalarStyle::DoubleQuoted).then(|| scalar.value.as_str().to_owned())
}

/// A JSON `true` or `false`.
pub(crate) fn boolean(node: &Node) -> Option<bool> {
    let scalar = node.as_scalar()?;
    match (scalar.style, scalar.value.as_str()) {
        (ScalarStyle::Plain, "true") => Some(true),
        (ScalarStyle::Plain, "false") => Some(false),
        _ => None,
    }
}

/// A JSON number that Go decodes into an `int`: no fraction, no exponent.
pub(crate) fn integer(node: &Node) -> Option<i64> {
    let scalar = node.as_scalar()?;
    if scalar.style != ScalarStyle::Plain {
        return None;
    }
    scalar.value.parse().ok()
}
