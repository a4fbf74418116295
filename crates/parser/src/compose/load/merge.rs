//! Merging one Compose tree over another, by Compose's rules: override files over the files
//! before them, a service over the service it `extends`, a local definition over an
//! `include`d one.
//!
//! Mappings merge key by key, sequences append, scalars are replaced, with the exceptions
//! Compose makes for some keys (compose-go `override/merge.go`): `command`, `entrypoint` and
//! `healthcheck.test` are replaced; `environment`, `labels` and the other list-or-mapping keys
//! merge by variable name; `depends_on`, `networks` and `models` merge as mappings whatever
//! their syntax; `build` given as a string is a context; `logging` options merge only for the
//! same driver. A value tagged `!reset` removes the key; `!override` replaces the value
//! without merging.

use foldhash::{HashMap, HashMapExt};

use crate::compose::problem::{Problem, ProblemKind};
use crate::msg;
use crate::yaml::{Entry, Mapping, Node, NodeKind, Via, ViaKind};

use super::tree::{
    CloneShallow, add_via, kind_words, mapping_at, null, scalar, sequence_at, split_key_value,
    strip_resets,
};

/// Where in a Compose document a value being merged is, for the keys with their own rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Root,
    Services,
    Service,
    Build,
    Healthcheck,
    Deploy,
    Ulimits,
    /// The top-level `networks` or `volumes`.
    Resources(Resources),
    /// One network or volume.
    Resource(Resources),
    Ipam,
    IpamConfig,
    /// A list-or-mapping of `KEY=value` (`environment`, `labels`...): merged by key.
    KeyValue,
    /// A string or list (`dns`, `tmpfs`, `env_file`...): appended.
    AppendList,
    ExtraHosts,
    DependsOn,
    /// `networks` and `models` of a service: a list of names or a mapping.
    NameMap,
    Logging,
    /// Replaced whatever it holds (`command`, `entrypoint`, `healthcheck.test`, `ulimits.*`).
    Replace,
    Generic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resources {
    Networks,
    Volumes,
}

impl Place {
    fn child(self, key: &str) -> Place {
        match self {
            Place::Root => match key {
                "services" => Place::Services,
                "networks" => Place::Resources(Resources::Networks),
                "volumes" => Place::Resources(Resources::Volumes),
                _ => Place::Generic,
            },
            Place::Services => Place::Service,
            Place::Service => match key {
                "command" | "entrypoint" => Place::Replace,
                "environment" | "labels" | "annotations" | "sysctls" => Place::KeyValue,
                "dns" | "dns_opt" | "dns_search" | "env_file" | "label_file" | "tmpfs" => {
                    Place::AppendList
                }
                "extra_hosts" => Place::ExtraHosts,
                "depends_on" => Place::DependsOn,
                "networks" | "models" => Place::NameMap,
                "build" => Place::Build,
                "logging" => Place::Logging,
                "ulimits" => Place::Ulimits,
                "healthcheck" => Place::Healthcheck,
                "deploy" => Place::Deploy,
                _ => Place::Generic,
            },
            Place::Build => match key {
                "args" | "labels" | "additional_contexts" => Place::KeyValue,
                "extra_hosts" => Place::ExtraHosts,
                _ => Place::Generic,
            },
            Place::Healthcheck => match key {
                "test" => Place::Replace,
                _ => Place::Generic,
            },
            Place::Deploy => match key {
                "labels" => Place::KeyValue,
                _ => Place::Generic,
            },
            // compose-go merges each ulimit with itself (`mergeUlimit` reads the override
            // twice), so the later value always wins whole.
            Place::Ulimits => Place::Replace,
            Place::Resources(kind) => Place::Resource(kind),
            Place::Resource(kind) => match (kind, key) {
                (_, "labels") => Place::KeyValue,
                (Resources::Networks, "ipam") => Place::Ipam,
                _ => Place::Generic,
            },
            Place::Ipam => match key {
                "config" => Place::IpamConfig,
                _ => Place::Generic,
            },
            _ => Place::Generic,
        }
    }
}

/// Merges trees and reports what cannot be merged.
pub(crate) struct Merger<'p> {
    pub problems: &'p mut Vec<Problem>,
    /// Whether the values merged over are from a later file (`-f` list or override file), in
    /// which case they record that step in their origin.
    pub from_override_file: bool,
}

impl Merger<'_> {
    /// `over` merged over `base`, both at `place`. `key` is the key `over` stands under in its
    /// file, the use site recorded when the merge brings a value from an override file.
    pub(crate) fn merge(&mut self, base: Node, over: Node, place: Place, key: &Node) -> Node {
        if over.has_local_tag("override") {
            return self.brought(over, key);
        }
        match place {
            Place::Replace => return self.brought(over, key),
            Place::KeyValue => return self.merge_key_values(base, over, key),
            Place::AppendList => return self.append(base, over, key),
            Place::ExtraHosts => return self.merge_extra_hosts(base, over, key),
            Place::DependsOn => {
                let base = depends_on_mapping(base);
                let over = depends_on_mapping(over);
                return self.merge_mappings(base, over, Place::Generic, key);
            }
            Place::NameMap => {
                let base = name_mapping(base);
                let over = name_mapping(over);
                return self.merge_mappings(base, over, Place::Generic, key);
            }
            Place::Build => {
                let base = build_mapping(base);
                let over = build_mapping(over);
                if over.is_null() {
                    return base;
                }
                if base.is_null() {
                    return self.brought(over, key);
                }
                return self.merge_mappings(base, over, Place::Build, key);
            }
            Place::Logging if different_drivers(&base, &over) => return self.brought(over, key),
            Place::IpamConfig => return self.merge_ipam_config(base, over, key),
            _ => {}
        }
        if over.is_null() {
            return base;
        }
        match (&base.kind, &over.kind) {
            (NodeKind::Mapping(_), NodeKind::Mapping(_)) => {
                self.merge_mappings(base, over, place, key)
            }
            (NodeKind::Sequence(_), NodeKind::Sequence(_)) => self.append(base, over, key),
            (NodeKind::Mapping(_) | NodeKind::Sequence(_), _) => {
                self.cannot_override(&base, &over);
                self.brought(over, key)
            }
            _ => self.brought(over, key),
        }
    }

    /// `over` as it enters the merged tree: its `!reset` values dropped and, from an override
    /// file, the step recorded.
    fn brought(&self, mut over: Node, key: &Node) -> Node {
        strip_resets(&mut over);
        if self.from_override_file {
            add_via(
                &mut over,
                &Via {
                    kind: ViaKind::Override,
                    file: key.file,
                    range: key.range,
                },
            );
        }
        over
    }

    fn cannot_override(&mut self, base: &Node, over: &Node) {
        let (base_en, base_fr) = kind_words(base);
        let (over_en, over_fr) = kind_words(over);
        self.problems.push(
            Problem::error(
                ProblemKind::Merge,
                over.file,
                over.range,
                msg!(
                    "cannot override {base_en} with {over_en}: Compose merges values of the \
                     same kind only; write {base_en} here, or tag the value `!override` to \
                     replace it",
                    "impossible de remplacer {base_fr} par {over_fr} : Compose ne fusionne que \
                     des valeurs de même nature ; écrivez {base_fr} ici, ou marquez la valeur \
                     `!override` pour la remplacer",
                ),
            )
            .with_label(
                base.file,
                base.range,
                msg!(
                    "the value it would merge into",
                    "la valeur qu'elle devrait compléter"
                ),
            ),
        );
    }

    pub(crate) fn merge_mappings(
        &mut self,
        mut base: Node,
        over: Node,
        place: Place,
        key: &Node,
    ) -> Node {
        if over.as_mapping().is_none() {
            return base;
        }
        if base.as_mapping().is_none() {
            // A null base: the whole mapping comes from `over`.
            return self.brought(over, key);
        }
        let NodeKind::Mapping(over_mapping) = over.kind else {
            return base;
        };
        let Some(mapping) = super::tree::mapping_mut(&mut base) else {
            return base;
        };
        let mut index = KeyIndex::new(mapping);
        for entry in over_mapping.entries {
            let Some(name) = entry.key.as_str().map(str::to_owned) else {
                continue;
            };
            if entry.value.has_local_tag("reset") {
                if let Some(i) = index.get(mapping, &name) {
                    mapping.entries.remove(i);
                    index = KeyIndex::new(mapping);
                }
                continue;
            }
            match index.get(mapping, &name) {
                Some(i) => {
                    let base_value = std::mem::replace(
                        &mut mapping.entries[i].value,
                        null(entry.key.file, entry.key.range, &[]),
                    );
                    let replaced = entry.value.has_local_tag("override");
                    let merged =
                        self.merge(base_value, entry.value, place.child(&name), &entry.key);
                    mapping.entries[i].value = merged;
                    if replaced {
                        mapping.entries[i].key = entry.key;
                    }
                }
                None => {
                    let value = self.brought(entry.value, &entry.key);
                    let mut key = entry.key;
                    if self.from_override_file {
                        key.via.insert(
                            0,
                            Via {
                                kind: ViaKind::Override,
                                file: key.file,
                                range: key.range,
                            },
                        );
                    }
                    index.insert(&name, mapping.entries.len());
                    mapping.entries.push(Entry { key, value });
                }
            }
        }
        base
    }

    fn append(&mut self, base: Node, over: Node, key: &Node) -> Node {
        let at = if base.is_null() {
            key.clone_place()
        } else {
            base.clone_place()
        };
        let mut items = list_items(base);
        for item in list_items(over) {
            if item.has_local_tag("reset") {
                continue;
            }
            items.push(self.brought(item, key));
        }
        sequence_at(&at, items)
    }

    /// `environment`, `labels`...: both sides read as `KEY=value` entries, then later keys
    /// replace earlier ones where they stood (what compose-go's append-then-deduplicate does).
    fn merge_key_values(&mut self, base: Node, over: Node, key: &Node) -> Node {
        let mut entries = key_value_entries(&base);
        let mut positions: HashMap<String, usize> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| Some((entry.key.as_str()?.to_owned(), i)))
            .collect();
        for entry in key_value_entries(&over) {
            let value = self.brought(entry.value, key);
            let entry_key = self.brought(entry.key, key);
            let Some(name) = entry_key.as_str().map(str::to_owned) else {
                continue;
            };
            let entry = Entry {
                key: entry_key,
                value,
            };
            match positions.get(&name) {
                Some(&i) => entries[i] = entry,
                None => {
                    positions.insert(name, entries.len());
                    entries.push(entry);
                }
            }
        }
        let at = if base.is_null() { &over } else { &base };
        mapping_at(at, entries)
    }

    /// `extra_hosts`: appended, leaving out the later entries equal to an earlier one.
    fn merge_extra_hosts(&mut self, base: Node, over: Node, key: &Node) -> Node {
        let mut items = host_items(&base);
        for item in host_items(&over) {
            if items
                .iter()
                .any(|earlier| earlier.as_str() == item.as_str())
            {
                continue;
            }
            items.push(self.brought(item, key));
        }
        let at = if base.is_null() { &over } else { &base };
        sequence_at(at, items)
    }

    /// `networks.*.ipam.config`: entries with the same `subnet` merge, others are appended.
    fn merge_ipam_config(&mut self, base: Node, over: Node, key: &Node) -> Node {
        if over.is_null() {
            return base;
        }
        let at = if base.is_null() {
            key.clone_place()
        } else {
            base.clone_place()
        };
        let mut items = list_items(base);
        for item in list_items(over) {
            let subnet = item.get("subnet").and_then(Node::as_str).map(str::to_owned);
            let same = subnet.as_deref().and_then(|subnet| {
                items.iter().position(|earlier| {
                    earlier.get("subnet").and_then(Node::as_str) == Some(subnet)
                })
            });
            match same {
                Some(i) => {
                    let earlier =
                        std::mem::replace(&mut items[i], null(item.file, item.range, &[]));
                    items[i] = self.merge(earlier, item, Place::Generic, key);
                }
                None => items.push(self.brought(item, key)),
            }
        }
        sequence_at(&at, items)
    }
}

/// Positions of keys in a mapping, built only when the mapping is large enough for linear
/// search to matter (services of a large project).
struct KeyIndex {
    positions: Option<HashMap<String, usize>>,
}

impl KeyIndex {
    const THRESHOLD: usize = 16;

    fn new(mapping: &Mapping) -> Self {
        if mapping.entries.len() < Self::THRESHOLD {
            return KeyIndex { positions: None };
        }
        let mut positions = HashMap::with_capacity(mapping.entries.len());
        for (i, entry) in mapping.entries.iter().enumerate() {
            if let Some(key) = entry.key.as_str() {
                positions.entry(key.to_owned()).or_insert(i);
            }
        }
        KeyIndex {
            positions: Some(positions),
        }
    }

    fn get(&self, mapping: &Mapping, key: &str) -> Option<usize> {
        match &self.positions {
            Some(positions) => positions.get(key).copied(),
            None => super::tree::position(mapping, key),
        }
    }

    fn insert(&mut self, key: &str, index: usize) {
        if let Some(positions) = &mut self.positions {
            positions.entry(key.to_owned()).or_insert(index);
        }
    }
}

/// The items of a string-or-list value.
fn list_items(node: Node) -> Vec<Node> {
    match node.kind {
        NodeKind::Sequence(sequence) => sequence.items,
        _ if node.is_null() => Vec::new(),
        _ => vec![node],
    }
}

/// The `KEY=value` entries of a list-or-mapping value, as mapping entries.
fn key_value_entries(node: &Node) -> Vec<Entry> {
    match &node.kind {
        NodeKind::Mapping(mapping) => mapping.entries.clone(),
        NodeKind::Sequence(sequence) => sequence
            .items
            .iter()
            .filter(|item| !item.has_local_tag("reset"))
            .map(|item| {
                let (key, value) = split_key_value(item);
                let value = value.unwrap_or_else(|| null(item.file, item.range, &item.via));
                Entry { key, value }
            })
            .collect(),
        _ if node.is_null() => Vec::new(),
        _ => {
            let (key, value) = split_key_value(node);
            let value = value.unwrap_or_else(|| null(node.file, node.range, &node.via));
            vec![Entry { key, value }]
        }
    }
}

/// `extra_hosts` as a list of `host=ip` (or `host:ip`) strings.
fn host_items(node: &Node) -> Vec<Node> {
    match &node.kind {
        NodeKind::Mapping(mapping) => {
            let mut items = Vec::new();
            for entry in &mapping.entries {
                let host = entry.key.as_str().unwrap_or_default();
                let range = entry.key.range.cover(entry.value.range);
                let values: Vec<&Node> = match &entry.value.kind {
                    NodeKind::Sequence(sequence) => sequence.items.iter().collect(),
                    _ => vec![&entry.value],
                };
                for value in values {
                    let ip = value.as_str().unwrap_or_default();
                    items.push(scalar(
                        value.file,
                        range,
                        &value.via,
                        format!("{host}={ip}"),
                    ));
                }
            }
            items
        }
        _ => list_items(node.clone()),
    }
}

/// `depends_on` as a mapping: a name of the list form stands for
/// `{condition: service_started, required: true}`.
fn depends_on_mapping(node: Node) -> Node {
    let NodeKind::Sequence(sequence) = &node.kind else {
        return node;
    };
    let entries = sequence
        .items
        .iter()
        .map(|item| {
            let (file, range, via) = (item.file, item.range, item.via.as_slice());
            let condition = Entry {
                key: scalar(file, range, via, "condition"),
                value: scalar(file, range, via, "service_started"),
            };
            let required = Entry {
                key: scalar(file, range, via, "required"),
                value: scalar(file, range, via, "true"),
            };
            Entry {
                key: item.clone(),
                value: mapping_at(item, vec![condition, required]),
            }
        })
        .collect();
    mapping_at(&node, entries)
}

/// A service's `networks` or `models` as a mapping: a name of the list form maps to null.
fn name_mapping(node: Node) -> Node {
    let NodeKind::Sequence(sequence) = &node.kind else {
        return node;
    };
    let entries = sequence
        .items
        .iter()
        .map(|item| Entry {
            key: item.clone(),
            value: null(item.file, item.range, &item.via),
        })
        .collect();
    mapping_at(&node, entries)
}

/// `build` as a mapping: a string is the context.
fn build_mapping(node: Node) -> Node {
    if node.as_scalar().is_none() || node.is_null() {
        return node;
    }
    let key = scalar(node.file, node.range, &node.via, "context");
    let at = node.clone();
    mapping_at(&at, vec![Entry { key, value: node }])
}

/// Whether two `logging` blocks name different drivers, in which case the later replaces the
/// earlier whole.
fn different_drivers(base: &Node, over: &Node) -> bool {
    match (
        base.get("driver").and_then(Node::as_str),
        over.get("driver").and_then(Node::as_str),
    ) {
        (Some(base), Some(over)) => base != over,
        _ => false,
    }
}
