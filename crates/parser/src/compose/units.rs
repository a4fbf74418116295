//! Durations and byte sizes as written, with their values when Compose can read them.

use crate::bytesize::parse_compose_bytes;
use crate::duration::parse_compose_duration;
use crate::yaml::Node;

use super::origin::Located;
use super::read::string;

/// A duration (`30s`, `1m30s`, `1d`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duration {
    pub text: String,
    /// Nanoseconds; `None` when the text is not a Compose duration (the schema reports it).
    pub nanos: Option<i64>,
}

/// A size in bytes (`512m`, `2g`, `1073741824`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByteSize {
    pub text: String,
    /// Bytes (`-1` means unlimited where Compose allows it); `None` when the text is not a
    /// size (the schema reports it).
    pub bytes: Option<i64>,
}

pub(crate) fn duration(node: &Node) -> Option<Located<Duration>> {
    let text = string(node)?;
    let nanos = parse_compose_duration(&text.value).ok();
    Some(text.map(|text| Duration { text, nanos }))
}

pub(crate) fn duration_at(node: &Node, key: &str) -> Option<Located<Duration>> {
    duration(node.get(key)?)
}

pub(crate) fn byte_size(node: &Node) -> Option<Located<ByteSize>> {
    let text = string(node)?;
    let bytes = parse_compose_bytes(&text.value).ok();
    Some(text.map(|text| ByteSize { text, bytes }))
}

pub(crate) fn byte_size_at(node: &Node, key: &str) -> Option<Located<ByteSize>> {
    byte_size(node.get(key)?)
}
