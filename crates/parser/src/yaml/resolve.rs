//! Aliases and merge keys expanded into the tree Compose sees.
//!
//! Each alias is replaced by a copy of its anchor's node and each `<<` entry by the entries it
//! merges. A copy keeps the definition site as its `range` and lists the use sites in `via`,
//! outermost first, so a finding inside a shared fragment can point at both.

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::TextRange;

use super::node::{
    Document, Entry, Mapping, Node, NodeKind, Scalar, ScalarStyle, Sequence, Via, ViaKind,
};
use super::parse::MAX_DEPTH;

/// How many nodes the resolved tree of one document may have, as compose-go's
/// `Options.MaxNodeVisits`: enough for any real Compose file, and a cap on alias bombs
/// (a few kilobytes of nested aliases that would expand to billions of nodes).
///
/// berth counts the nodes of the expanded tree, which it builds, where compose-go counts the
/// nodes it walks with each anchor walked once; so berth's count is never the smaller.
pub const MAX_NODE_VISITS: usize = 100_000;

/// Expands the aliases and merge keys of every document of `document`, each document with
/// its own anchors.
pub fn resolve_document(document: &Document) -> (Vec<Node>, Vec<SyntaxError>) {
    let mut errors = Vec::new();
    let roots = document
        .roots
        .iter()
        .map(|root| {
            let (resolved, root_errors) = resolve(root);
            errors.extend(root_errors);
            resolved
        })
        .collect();
    (roots, errors)
}

/// Expands the aliases and merge keys under `root`, one document's root, with the anchors
/// defined under it. See [`resolve_with_limit`].
pub fn resolve(root: &Node) -> (Node, Vec<SyntaxError>) {
    resolve_with_limit(root, MAX_NODE_VISITS)
}

/// Expands the aliases and merge keys under `root`, building at most `max_node_visits` nodes.
///
/// An alias refers to the last anchor of its name defined before it in the document. A `<<`
/// entry (a plain `<<` key) merges a mapping, an alias to one, or a list of those: the
/// mapping's own keys win over merged ones, and earlier mappings of a list over later ones.
/// Tags (`!reset`, `!override`) travel with the copies.
///
/// Never fails: an alias to an unknown anchor, an alias inside its own anchor (a cycle) or a
/// bad merge value is reported and left out (an alias becomes a null scalar at its use site);
/// past the node budget or [`MAX_DEPTH`], expansion stops with one error and the rest of the
/// tree is null scalars.
pub fn resolve_with_limit(root: &Node, max_node_visits: usize) -> (Node, Vec<SyntaxError>) {
    let mut resolver = Resolver {
        targets: alias_targets(root),
        errors: Vec::new(),
        visits: 0,
        max_node_visits,
        stopped: false,
        expanding: Vec::new(),
    };
    let resolved = resolver.node(root, &[], 0);
    (resolved, resolver.errors)
}

/// The anchor each alias refers to, keyed by the alias node's address: the last anchor of the
/// same name before the alias in document order (keys before their values).
fn alias_targets(root: &Node) -> HashMap<*const Node, &Node> {
    let mut anchors: HashMap<&str, &Node> = HashMap::new();
    let mut targets = HashMap::new();
    let mut pending = vec![root];
    while let Some(node) = pending.pop() {
        if let Some(anchor) = &node.anchor {
            // An anchor is defined before its content, so an alias inside it refers to it.
            anchors.insert(&anchor.name, node);
        }
        match &node.kind {
            NodeKind::Alias(alias) => {
                if let Some(&target) = anchors.get(alias.name.as_str()) {
                    targets.insert(node as *const Node, target);
                }
            }
            NodeKind::Sequence(sequence) => pending.extend(sequence.items.iter().rev()),
            NodeKind::Mapping(mapping) => {
                for entry in mapping.entries.iter().rev() {
                    pending.push(&entry.value);
                    pending.push(&entry.key);
                }
            }
            NodeKind::Scalar(_) => {}
        }
    }
    targets
}

struct Resolver<'a> {
    targets: HashMap<*const Node, &'a Node>,
    errors: Vec<SyntaxError>,
    visits: usize,
    max_node_visits: usize,
    /// Set when the node budget or the depth limit is exhausted: everything left becomes null.
    stopped: bool,
    /// The anchored nodes being copied, innermost last: an alias to one of them is a cycle.
    expanding: Vec<*const Node>,
}

impl<'a> Resolver<'a> {
    fn node(&mut self, node: &'a Node, via: &[Via], depth: usize) -> Node {
        if self.stopped {
            return null_at(node, via);
        }
        self.visits += 1;
        if self.visits > self.max_node_visits {
            let limit = self.max_node_visits;
            self.stop(
                use_site(node, via),
                msg!(
                    "compose file exceeds maximum node visit limit ({limit}): aliases expand to \
                     too many nodes",
                    "le fichier Compose dépasse la limite de {limit} nœuds visités : les alias \
                     se développent en trop de nœuds",
                ),
            );
            return null_at(node, via);
        }
        if depth > MAX_DEPTH {
            self.stop(
                use_site(node, via),
                msg!(
                    "aliases expand to collections nested deeper than {MAX_DEPTH} levels",
                    "les alias se développent en listes et mappings imbriqués sur plus de \
                     {MAX_DEPTH} niveaux",
                ),
            );
            return null_at(node, via);
        }
        let anchored = node.anchor.is_some();
        if anchored {
            self.expanding.push(node);
        }
        let kind = match &node.kind {
            NodeKind::Alias(alias) => {
                let resolved = self.alias(node, &alias.name, via, depth);
                if anchored {
                    self.expanding.pop();
                }
                return resolved;
            }
            NodeKind::Scalar(scalar) => NodeKind::Scalar(scalar.clone()),
            NodeKind::Sequence(sequence) => NodeKind::Sequence(self.sequence(sequence, via, depth)),
            NodeKind::Mapping(mapping) => NodeKind::Mapping(self.mapping(mapping, via, depth)),
        };
        if anchored {
            self.expanding.pop();
        }
        Node {
            file: node.file,
            range: node.range,
            kind,
            tag: node.tag.clone(),
            anchor: node.anchor.clone(),
            via: via.to_vec(),
        }
    }

    fn alias(&mut self, node: &'a Node, name: &str, via: &[Via], depth: usize) -> Node {
        let Some(&target) = self.targets.get(&(node as *const Node)) else {
            self.errors.push(SyntaxError::new(
                node.range,
                msg!(
                    "unknown anchor '{name}' referenced",
                    "ancre « {name} » inconnue : aucun « &{name} » ne la définit avant cet alias",
                ),
            ));
            return null_at(node, via);
        };
        if self.expanding.contains(&(target as *const Node)) {
            self.errors.push(SyntaxError::new(
                node.range,
                msg!(
                    "cycle detected: alias *{name} is inside the node it refers to",
                    "cycle détecté : l'alias *{name} se trouve dans le nœud qu'il désigne",
                ),
            ));
            return null_at(node, via);
        }
        let mut inner = Vec::with_capacity(via.len() + 1);
        inner.extend_from_slice(via);
        inner.push(Via {
            kind: ViaKind::Alias,
            file: node.file,
            range: node.range,
        });
        self.node(target, &inner, depth)
    }

    fn sequence(&mut self, sequence: &'a Sequence, via: &[Via], depth: usize) -> Sequence {
        let mut items = Vec::with_capacity(sequence.items.len());
        for item in &sequence.items {
            items.push(self.node(item, via, depth + 1));
        }
        Sequence {
            items,
            flow: sequence.flow,
        }
    }

    fn mapping(&mut self, mapping: &'a Mapping, via: &[Via], depth: usize) -> Mapping {
        let has_merge = mapping.entries.iter().any(|entry| is_merge_key(&entry.key));
        let own_keys: HashSet<&str> = if has_merge {
            mapping
                .entries
                .iter()
                .filter(|entry| !is_merge_key(&entry.key))
                .filter_map(|entry| entry.key.as_str())
                .collect()
        } else {
            HashSet::new()
        };
        let mut merged_keys: HashSet<String> = HashSet::new();
        let mut entries = Vec::with_capacity(mapping.entries.len());
        for entry in &mapping.entries {
            if !is_merge_key(&entry.key) {
                entries.push(Entry {
                    key: self.node(&entry.key, via, depth + 1),
                    value: self.node(&entry.value, via, depth + 1),
                });
                continue;
            }
            let mut merge_via = Vec::with_capacity(via.len() + 1);
            merge_via.extend_from_slice(via);
            merge_via.push(Via {
                kind: ViaKind::MergeKey,
                file: entry.key.file,
                range: entry.key.range.cover(entry.value.range),
            });
            for source in self.merge_sources(&entry.value, &merge_via, depth) {
                let NodeKind::Mapping(source) = source.kind else {
                    continue;
                };
                for merged in source.entries {
                    if let Some(key) = merged.key.as_str() {
                        if own_keys.contains(key) || merged_keys.contains(key) {
                            continue;
                        }
                        merged_keys.insert(key.to_owned());
                    }
                    entries.push(merged);
                }
            }
        }
        Mapping {
            entries,
            flow: mapping.flow,
        }
    }

    /// The resolved mappings a `<<` value merges, in order; reports values that are not a
    /// mapping, an alias to one, or a list of those (as go-yaml does).
    fn merge_sources(&mut self, value: &'a Node, via: &[Via], depth: usize) -> Vec<Node> {
        let resolved = self.node(value, via, depth + 1);
        if self.stopped {
            return Vec::new();
        }
        match (&value.kind, resolved.kind) {
            (NodeKind::Sequence(written), NodeKind::Sequence(sequence)) => {
                let mut mappings = Vec::with_capacity(sequence.items.len());
                for (written, item) in written.items.iter().zip(sequence.items) {
                    if item.as_mapping().is_some() {
                        mappings.push(item);
                    } else if !is_failed_alias(written, &item) {
                        self.errors.push(bad_merge(written.range));
                    }
                }
                mappings
            }
            (NodeKind::Sequence(_), _) => Vec::new(),
            (_, kind @ NodeKind::Mapping(_)) => vec![Node { kind, ..resolved }],
            (_, kind) => {
                let item = Node { kind, ..resolved };
                if !is_failed_alias(value, &item) {
                    self.errors.push(bad_merge(value.range));
                }
                Vec::new()
            }
        }
    }

    fn stop(&mut self, range: TextRange, message: Message) {
        self.errors.push(SyntaxError::new(range, message));
        self.stopped = true;
    }
}

/// Whether `key` is a merge key: a plain `<<`, untagged or tagged `!!merge`.
fn is_merge_key(key: &Node) -> bool {
    let NodeKind::Scalar(Scalar { value, style }) = &key.kind else {
        return false;
    };
    value == "<<"
        && *style == ScalarStyle::Plain
        && key
            .tag
            .as_ref()
            .is_none_or(|tag| tag.handle == "!!" && tag.suffix == "merge")
}

/// Whether `resolved` is the null scalar that replaced the alias `written` because its anchor
/// is unknown or a cycle (already reported).
fn is_failed_alias(written: &Node, resolved: &Node) -> bool {
    matches!(written.kind, NodeKind::Alias(_)) && resolved.range == written.range
}

fn bad_merge(range: TextRange) -> SyntaxError {
    SyntaxError::new(
        range,
        msg!(
            "map merge requires map or sequence of maps as the value",
            "la clé de fusion « << » attend un mapping, un alias vers un mapping ou une liste \
             de ceux-ci",
        ),
    )
}

/// The null scalar standing for a node that could not be expanded.
fn null_at(node: &Node, via: &[Via]) -> Node {
    Node {
        file: node.file,
        range: node.range,
        kind: NodeKind::Scalar(Scalar {
            value: CompactString::default(),
            style: ScalarStyle::Plain,
        }),
        tag: None,
        anchor: None,
        via: via.to_vec(),
    }
}

/// Where the user wrote what is being expanded: the outermost alias or merge key, else the
/// node itself.
fn use_site(node: &Node, via: &[Via]) -> TextRange {
    via.first().map_or(node.range, |via| via.range)
}
