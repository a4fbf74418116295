//! Reading typed values out of the merged tree, leniently: a value of the wrong type is
//! skipped here, since schema validation reports it at its place.

use std::collections::BTreeMap;

use crate::yaml::{Node, NodeKind, Reading, ScalarStyle};

use super::load::part_range;
use super::origin::{Located, Origin};

/// A `KEY=value` pair of a list-or-mapping value (`environment`, `labels`, build `args`...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Located<String>,
    /// `None` for a bare key (`- KEY` or `KEY:`), which takes its value from elsewhere (the
    /// project environment for `environment`) or is left unset.
    pub value: Option<Located<String>>,
}

/// A scalar's value as text, the way Compose turns it into a string: numbers as Go prints
/// them (`1.0` is `1`, `0x1F` is `31`), `null` as nothing.
pub(crate) fn text(node: &Node) -> Option<String> {
    let scalar = node.as_scalar()?;
    if node.is_null() {
        return None;
    }
    if scalar.style != ScalarStyle::Plain || node.tag.is_some() {
        return Some(scalar.value.as_str().to_owned());
    }
    Some(match scalar.go_yaml_reading() {
        Reading::Int(value) => value.to_string(),
        Reading::Float(value) => go_float(value),
        Reading::Bool(value) => value.to_string(),
        Reading::Null => return None,
        Reading::String => scalar.value.as_str().to_owned(),
    })
}

/// A scalar as a located string; `None` for null and for collections.
pub(crate) fn string(node: &Node) -> Option<Located<String>> {
    Some(Located::new(text(node)?, Origin::of(node)))
}

pub(crate) fn string_at(node: &Node, key: &str) -> Option<Located<String>> {
    string(node.get(key)?)
}

/// A boolean as Compose casts it: YAML's `true`/`false`, or a string `true`/`false` in any
/// case or YAML 1.1's `y`/`yes`/`on`/`n`/`no`/`off` (which Compose accepts with a warning).
pub(crate) fn boolean(node: &Node) -> Option<Located<bool>> {
    let scalar = node.as_scalar()?;
    let value = match node.core_reading() {
        Some(Reading::Bool(value)) => value,
        _ => match scalar.value.to_ascii_lowercase().as_str() {
            "true" | "y" | "yes" | "on" => true,
            "false" | "n" | "no" | "off" => false,
            _ => return None,
        },
    };
    Some(Located::new(value, Origin::of(node)))
}

pub(crate) fn boolean_at(node: &Node, key: &str) -> Option<Located<bool>> {
    boolean(node.get(key)?)
}

/// An integer: a YAML integer (Go syntax, so `0755` is octal) or a string holding a decimal
/// one.
pub(crate) fn integer(node: &Node) -> Option<Located<i64>> {
    let scalar = node.as_scalar()?;
    let value = match scalar.go_yaml_reading() {
        Reading::Int(value) => value,
        _ => scalar.value.trim().parse().ok()?,
    };
    Some(Located::new(value, Origin::of(node)))
}

pub(crate) fn integer_at(node: &Node, key: &str) -> Option<Located<i64>> {
    integer(node.get(key)?)
}

/// A number, integer or not, or a string holding one.
pub(crate) fn number(node: &Node) -> Option<Located<f64>> {
    let scalar = node.as_scalar()?;
    let value = match scalar.go_yaml_reading() {
        Reading::Int(value) => value as f64,
        Reading::Float(value) => value,
        _ => scalar.value.trim().parse().ok()?,
    };
    Some(Located::new(value, Origin::of(node)))
}

pub(crate) fn number_at(node: &Node, key: &str) -> Option<Located<f64>> {
    number(node.get(key)?)
}

/// A string or a list of strings, as a list.
pub(crate) fn strings(node: Option<&Node>) -> Vec<Located<String>> {
    let Some(node) = node else {
        return Vec::new();
    };
    match &node.kind {
        NodeKind::Sequence(sequence) => sequence.items.iter().filter_map(string).collect(),
        NodeKind::Scalar(_) => string(node).into_iter().collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn strings_at(node: &Node, key: &str) -> Vec<Located<String>> {
    strings(node.get(key))
}

/// A list-or-mapping of `KEY=value` pairs, keyed by name; a later pair of a name replaces an
/// earlier one.
pub(crate) fn key_values(node: Option<&Node>) -> BTreeMap<String, KeyValue> {
    let mut pairs = BTreeMap::new();
    let Some(node) = node else {
        return pairs;
    };
    match &node.kind {
        NodeKind::Mapping(mapping) => {
            for entry in &mapping.entries {
                let Some(key) = string(&entry.key) else {
                    continue;
                };
                let value = string(&entry.value).or_else(|| {
                    // An explicit empty value (`KEY: ""`) is set to nothing, unlike a bare key.
                    let scalar = entry.value.as_scalar()?;
                    (scalar.style != ScalarStyle::Plain)
                        .then(|| Located::new(String::new(), Origin::of(&entry.value)))
                });
                pairs.insert(key.value.clone(), KeyValue { key, value });
            }
        }
        NodeKind::Sequence(sequence) => {
            for item in &sequence.items {
                if let Some(pair) = split_pair(item) {
                    pairs.insert(pair.key.value.clone(), pair);
                }
            }
        }
        NodeKind::Scalar(_) => {
            if let Some(pair) = split_pair(node) {
                pairs.insert(pair.key.value.clone(), pair);
            }
        }
        NodeKind::Alias(_) => {}
    }
    pairs
}

/// One `KEY=value` string as a pair, each part at its place in the file; `KEY` alone has no
/// value (`KEY=` has an empty one).
fn split_pair(node: &Node) -> Option<KeyValue> {
    if node.is_null() || node.has_local_tag("reset") {
        return None;
    }
    let text = node.as_str()?;
    let origin = Origin::of(node);
    let (key, value) = match text.split_once('=') {
        Some((key, value)) => {
            let value_range = part_range(node, key.len() + 1, text.len());
            (
                key,
                Some(Located::new(
                    value.to_owned(),
                    origin.with_range(value_range),
                )),
            )
        }
        None => (text, None),
    };
    let key_range = part_range(node, 0, key.len());
    Some(KeyValue {
        key: Located::new(key.to_owned(), origin.with_range(key_range)),
        value,
    })
}

pub(crate) fn key_values_at(node: &Node, key: &str) -> BTreeMap<String, KeyValue> {
    key_values(node.get(key))
}

/// A mapping's entries whose keys are strings, with the key's origin.
pub(crate) fn entries(node: Option<&Node>) -> Vec<(Located<String>, &Node)> {
    let Some(mapping) = node.and_then(Node::as_mapping) else {
        return Vec::new();
    };
    mapping
        .entries
        .iter()
        .filter_map(|entry| {
            let key = entry.key.as_str()?;
            Some((
                Located::new(key.to_owned(), Origin::of(&entry.key)),
                &entry.value,
            ))
        })
        .collect()
}

/// A float as Go's `%v` prints it (`strconv.FormatFloat(f, 'g', -1, 64)`): the shortest
/// digits, in exponent form when the exponent is below -4 or at least 6 (`1e+06`).
pub(crate) fn go_float(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    if value == 0.0 {
        return if value.is_sign_negative() { "-0" } else { "0" }.to_owned();
    }
    // Rust's `{:e}` gives the shortest round-tripping digits, as Go's `-1` precision does.
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    if !(-4..6).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        return format!("{mantissa}e{sign}{:02}", exponent.abs());
    }
    format!("{value}")
}
