//! The spanned tree that YAML files (Compose) and JSON files (daemon.json, config.json) are
//! read into. JSON is read into the same tree, so one validator and one set of model
//! builders serve both.

use compact_str::CompactString;

use crate::message::SyntaxError;
use crate::text::{FileId, TextRange};

/// One node of a YAML or JSON document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The file the node's text is in.
    pub file: FileId,
    /// Where the node's own text is: a scalar's token (quotes and block indicators included), a
    /// collection from its first to its last byte, an alias its `*name`. For a node copied by
    /// alias or merge resolution, this is the definition site; `via` holds the use sites.
    pub range: TextRange,
    pub kind: NodeKind,
    /// `!reset`, `!override`, `!!str`... as written. Kept for every node, whatever the tag.
    /// Boxed, as is `anchor`: few nodes have one, and every node is as large as its fields.
    pub tag: Option<Box<Tag>>,
    /// The `&name` defining this node as an anchor, if any.
    pub anchor: Option<Box<Anchor>>,
    /// How the node reached its place in the resolved tree, outermost step first: the alias
    /// `*name` or merge key `<<` that brought it, then (in the Compose layer) the override
    /// file, `extends` or `include` that did. Empty for a node that is where it was written.
    pub via: Vec<Via>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Sequence(Sequence),
    Mapping(Mapping),
    /// An unresolved `*name` (only in the tree as parsed; the resolved tree has none).
    Alias(Alias),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    /// The value after unquoting, escapes and block folding. Most values are short (keys,
    /// names, numbers): a compact string keeps up to 24 bytes inline, so that parsing,
    /// copying by alias resolution and dropping them costs no allocation.
    pub value: CompactString,
    pub style: ScalarStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarStyle {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sequence {
    pub items: Vec<Node>,
    /// `[a, b]` rather than a block sequence.
    pub flow: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    /// Entries in source order, duplicates kept (a rule reports them).
    pub entries: Vec<Entry>,
    /// `{a: b}` rather than a block mapping.
    pub flow: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Node,
    /// A missing value (`key:` with nothing after it) is a plain null scalar with an empty
    /// range just after the colon.
    pub value: Node,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// `!` for `!reset`, `!!` for `!!str` (as written, before resolution of `%TAG`).
    pub handle: String,
    pub suffix: String,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    /// The name without `&`, read from the source text.
    pub name: String,
    /// The range of `&name`.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The name without `*`.
    pub name: String,
}

/// One step by which a node came to stand where it is in a resolved tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Via {
    pub kind: ViaKind,
    pub file: FileId,
    /// The use site: the `*name` alias, the `<<` entry, the `extends:` or `include:` entry, or
    /// the overriding file's key.
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViaKind {
    Alias,
    MergeKey,
    Extends,
    Include,
    /// Merged from a later `-f` file or `compose.override.yaml`.
    Override,
}

/// A `#` comment, with its text after the `#`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    pub range: TextRange,
    pub text: String,
}

/// A parsed YAML or JSON file: one entry per document of the stream (Compose reads the first),
/// the comments of the whole file, and every problem found.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub file: FileId,
    /// The root node of each document. An empty file has none.
    pub roots: Vec<Node>,
    pub comments: Vec<Comment>,
    pub errors: Vec<SyntaxError>,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.kind {
            NodeKind::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The scalar's string value, whatever its style.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|scalar| scalar.value.as_str())
    }

    pub fn as_mapping(&self) -> Option<&Mapping> {
        match &self.kind {
            NodeKind::Mapping(mapping) => Some(mapping),
            _ => None,
        }
    }

    pub fn as_sequence(&self) -> Option<&Sequence> {
        match &self.kind {
            NodeKind::Sequence(sequence) => Some(sequence),
            _ => None,
        }
    }

    /// Whether the node is YAML 1.2's null: an untagged plain `null`, `Null`, `NULL`, `~` or
    /// nothing at all.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar(Scalar { value, style: ScalarStyle::Plain })
            if self.tag.is_none() && matches!(value.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// The value of the first entry whose key is `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_mapping()?.get(key)
    }

    /// Whether the node carries the tag `!name` (`!reset`, `!override`).
    pub fn has_local_tag(&self, name: &str) -> bool {
        self.tag
            .as_ref()
            .is_some_and(|tag| tag.handle == "!" && tag.suffix == name)
    }
}

impl Mapping {
    /// The value of the first entry whose key is `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|entry| entry.key.as_str() == Some(key))
    }
}
