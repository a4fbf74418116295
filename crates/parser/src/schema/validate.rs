//! Checks a spanned tree against a description and reports every violation at its position.
//!
//! The walk recurses once per tree level, so its depth is the tree's, which the YAML and JSON
//! readers cap. Alternatives (`OneOf`) are chosen by the type of the value written, so a
//! mapping given for `build` is checked as a build object rather than reported as "not a
//! string".

use foldhash::{HashMap, HashMapExt};
use std::fmt::Write;

use crate::message::Message;
use crate::msg;
use crate::suggest::did_you_mean;
use crate::yaml::{Mapping, Node, NodeKind};

use super::error::{Related, SchemaError, SchemaErrorKind};
use super::format::{Format, shorten};
use super::path::{Segment, render};
use super::query::shape_at;
use super::scalar::{ScalarValue, cast_bool, cast_integer, cast_number};
use super::shape::{
    Choices, Integer, KeyPattern, List, Map, Object, Shape, UnknownKeys, quote_list,
};

/// Checks `node` against `shape` and appends every violation to `errors`, in the order of
/// their positions.
///
/// Nodes tagged `!reset` are skipped (Compose removes them before validating), as are
/// unresolved aliases and `<<` merge keys of a tree whose merges are not yet applied. Strings
/// holding `$` are only type-checked: their value is known after interpolation.
pub fn validate(node: &Node, shape: &Shape, errors: &mut Vec<SchemaError>) {
    walk(node, shape, String::new(), errors);
}

/// Checks `node`, the value found at `path` of a file described by `root`, against the shape
/// the description has there; paths and messages name the value from the file's root
/// (`services.web.ports[0]`). Returns `false`, reporting nothing, when the description has
/// no such place.
pub fn validate_at(
    node: &Node,
    root: &'static Shape,
    path: &[Segment<'_>],
    errors: &mut Vec<SchemaError>,
) -> bool {
    let Some(shape) = shape_at(root, path) else {
        return false;
    };
    walk(node, shape, render(path), errors);
    true
}

fn walk(node: &Node, shape: &Shape, base: String, errors: &mut Vec<SchemaError>) {
    let first = errors.len();
    let mut walker = Walker {
        base,
        path: Vec::new(),
        errors,
    };
    walker.check(node, shape, None);
    // Constraints on an object (required, exclusive keys) are checked after its entries;
    // sorting by position gives the reader the file's order.
    errors[first..].sort_by_key(|error| (error.file, error.range.start));
}

struct Walker<'n, 'e> {
    /// The rendered path of the validated node in its file; empty at the root.
    base: String,
    path: Vec<Segment<'n>>,
    errors: &'e mut Vec<SchemaError>,
}

/// The type of a value as written.
#[derive(Clone, Copy)]
enum Found<'n> {
    Mapping,
    Sequence,
    Scalar(ScalarValue<'n>),
    Alias,
}

impl<'n> Found<'n> {
    fn of(node: &'n Node) -> Found<'n> {
        match &node.kind {
            NodeKind::Mapping(_) => Found::Mapping,
            NodeKind::Sequence(_) => Found::Sequence,
            NodeKind::Alias(_) => Found::Alias,
            NodeKind::Scalar(_) => {
                Found::Scalar(ScalarValue::of(node).unwrap_or(ScalarValue::String("")))
            }
        }
    }

    /// "a list", "the string `abc`", for "must be X, not Y".
    fn describe(self, node: &Node) -> Message {
        match self {
            Found::Mapping => msg!("a mapping", "un dictionnaire"),
            Found::Sequence => msg!("a list", "une liste"),
            Found::Alias => msg!("an alias", "un alias"),
            Found::Scalar(ScalarValue::Null) if node.as_str().is_some_and(str::is_empty) => {
                msg!("an empty value", "une valeur vide")
            }
            Found::Scalar(ScalarValue::Null) => msg!("null", "null"),
            Found::Scalar(ScalarValue::Bool(_)) => {
                let value = node.as_str().unwrap_or_default();
                msg!("the boolean `{value}`", "le booléen `{value}`")
            }
            Found::Scalar(ScalarValue::Integer(_) | ScalarValue::Float(_)) => {
                let value = node.as_str().unwrap_or_default();
                msg!("the number `{value}`", "le nombre `{value}`")
            }
            Found::Scalar(ScalarValue::String(text)) => {
                let value = shorten(text);
                msg!("the string `{value}`", "la chaîne `{value}`")
            }
        }
    }
}

/// Whether `shape` takes the value as written, without casting a string.
fn accepts_natively(shape: &Shape, found: Found<'_>) -> bool {
    match (shape, found) {
        (Shape::Any, _) => true,
        (Shape::OneOf(alternatives), _) => alternatives
            .iter()
            .any(|alternative| accepts_natively(alternative, found)),
        (Shape::Null, Found::Scalar(ScalarValue::Null)) => true,
        (Shape::String(_) | Shape::Enum(_), Found::Scalar(ScalarValue::String(_))) => true,
        (Shape::Bool { .. }, Found::Scalar(ScalarValue::Bool(_))) => true,
        (Shape::Integer(_), Found::Scalar(ScalarValue::Integer(_))) => true,
        (Shape::Integer(_), Found::Scalar(ScalarValue::Float(value))) => is_integral(value),
        (Shape::Number { .. }, Found::Scalar(ScalarValue::Integer(_) | ScalarValue::Float(_))) => {
            true
        }
        (Shape::List(_), Found::Sequence) => true,
        (Shape::Map(_) | Shape::Object(_), Found::Mapping) => true,
        _ => false,
    }
}

/// Whether `shape` takes the value as a string to be cast after interpolation.
fn accepts_cast(shape: &Shape, found: Found<'_>) -> bool {
    if !matches!(found, Found::Scalar(ScalarValue::String(_))) {
        return false;
    }
    match shape {
        Shape::OneOf(alternatives) => alternatives
            .iter()
            .any(|alternative| accepts_cast(alternative, found)),
        Shape::Bool { from_string } | Shape::Number { from_string } => *from_string,
        Shape::Integer(integer) => integer.from_string,
        _ => false,
    }
}

/// The alternative that applies to the value: the first that takes it as written, else the
/// first that takes it as a string to cast. Nested alternatives are searched through.
fn select<'s>(alternatives: &'s [Shape], found: Found<'_>) -> Option<&'s Shape> {
    let pick = |accepts: fn(&Shape, Found<'_>) -> bool| {
        alternatives
            .iter()
            .find(|alternative| accepts(alternative, found))
    };
    let chosen = pick(accepts_natively).or_else(|| pick(accepts_cast))?;
    match chosen {
        Shape::OneOf(nested) => select(nested, found),
        other => Some(other),
    }
}

fn is_integral(value: f64) -> bool {
    value.is_finite() && value.fract() == 0.0 && value.abs() < 9.2e18
}

impl<'n> Walker<'n, '_> {
    fn check(&mut self, node: &'n Node, shape: &Shape, key: Option<&'n Node>) {
        if node.has_local_tag("reset") {
            return;
        }
        let found = Found::of(node);
        if matches!(found, Found::Alias) {
            return;
        }
        let shape = match shape {
            Shape::OneOf(alternatives) => match select(alternatives, found) {
                Some(chosen) => chosen,
                None => return self.wrong_type(node, shape, found),
            },
            other => other,
        };
        match *shape {
            Shape::Any => {}
            Shape::OneOf(_) => self.check(node, shape, key),
            Shape::Null => {
                if !matches!(found, Found::Scalar(ScalarValue::Null)) {
                    self.wrong_type(node, shape, found);
                }
            }
            Shape::String(format) => match found {
                Found::Scalar(ScalarValue::String(text)) => self.check_format(node, format, text),
                _ => self.wrong_type(node, shape, found),
            },
            Shape::Enum(choices) => match found {
                Found::Scalar(ScalarValue::String(text)) => {
                    self.check_choice(node, shape, choices, text);
                }
                _ => self.wrong_type(node, shape, found),
            },
            Shape::Bool { from_string } => match found {
                Found::Scalar(ScalarValue::Bool(_)) => {}
                Found::Scalar(ScalarValue::String(text))
                    if from_string && (text.contains('$') || cast_bool(text).is_some()) => {}
                _ => self.wrong_type(node, shape, found),
            },
            Shape::Integer(integer) => self.check_integer(node, shape, integer, found),
            Shape::Number { from_string } => match found {
                Found::Scalar(ScalarValue::Integer(_) | ScalarValue::Float(_)) => {}
                Found::Scalar(ScalarValue::String(text))
                    if from_string && (text.contains('$') || cast_number(text).is_some()) => {}
                _ => self.wrong_type(node, shape, found),
            },
            Shape::List(list) => match &node.kind {
                NodeKind::Sequence(sequence) => self.check_list(&sequence.items, list),
                _ => self.wrong_type(node, shape, found),
            },
            Shape::Map(map) => match &node.kind {
                NodeKind::Mapping(mapping) => self.check_map(mapping, map),
                _ => self.wrong_type(node, shape, found),
            },
            Shape::Object(object) => match &node.kind {
                NodeKind::Mapping(mapping) => self.check_object(node, mapping, object, key),
                _ => self.wrong_type(node, shape, found),
            },
        }
    }

    fn check_format(&mut self, node: &Node, format: Format, text: &str) {
        if text.contains('$') {
            return;
        }
        let Err(reason) = format.check(text) else {
            return;
        };
        let (subject_en, subject_fr) = self.subject();
        let (reason_en, reason_fr) = (&reason.en, &reason.fr);
        let mut message = msg!("{subject_en}: {reason_en}", "{subject_fr} : {reason_fr}");
        let suggestion = did_you_mean(text, format.suggestions().iter().copied());
        append_suggestion(&mut message, suggestion);
        self.report(format.error_kind(), node, message, suggestion, Vec::new());
    }

    fn check_choice(&mut self, node: &Node, shape: &Shape, choices: Choices, text: &str) {
        if text.contains('$') {
            return;
        }
        let matches = |value: &&str| {
            if choices.ignore_case {
                value.eq_ignore_ascii_case(text)
            } else {
                *value == text
            }
        };
        if choices.values.iter().any(matches) {
            return;
        }
        let (subject_en, subject_fr) = self.subject();
        let expected = shape.expected();
        let (expected_en, expected_fr) = (&expected.en, &expected.fr);
        let value = shorten(text);
        let suggestion = did_you_mean(text, choices.values.iter().copied());
        let mut message = msg!(
            "{subject_en} must be {expected_en}, not `{value}`",
            "{subject_fr} doit être {expected_fr}, pas `{value}`"
        );
        append_suggestion(&mut message, suggestion);
        self.report(
            SchemaErrorKind::InvalidEnumValue,
            node,
            message,
            suggestion,
            Vec::new(),
        );
    }

    fn check_integer(&mut self, node: &Node, shape: &Shape, integer: Integer, found: Found<'_>) {
        let value = match found {
            Found::Scalar(ScalarValue::Integer(value)) => value,
            // `accepts_natively` admits only integral floats, which fit in an i64.
            Found::Scalar(ScalarValue::Float(value)) if is_integral(value) => value as i64,
            Found::Scalar(ScalarValue::String(text)) if integer.from_string => {
                if text.contains('$') {
                    return;
                }
                match cast_integer(text) {
                    Some(value) => value,
                    None => return self.wrong_type(node, shape, found),
                }
            }
            _ => return self.wrong_type(node, shape, found),
        };
        let below = integer.min.is_some_and(|min| value < min);
        let above = integer.max.is_some_and(|max| value > max);
        if !below && !above {
            return;
        }
        let (subject_en, subject_fr) = self.subject();
        let message = match (integer.min, integer.max) {
            (Some(min), Some(max)) => msg!(
                "{subject_en} must be between {min} and {max}, not {value}",
                "{subject_fr} doit être compris entre {min} et {max}, pas {value}"
            ),
            (Some(min), None) => msg!(
                "{subject_en} must be at least {min}, not {value}",
                "{subject_fr} doit valoir au moins {min}, pas {value}"
            ),
            (None, Some(max)) => msg!(
                "{subject_en} must be at most {max}, not {value}",
                "{subject_fr} doit valoir au plus {max}, pas {value}"
            ),
            (None, None) => return,
        };
        self.report(SchemaErrorKind::OutOfRange, node, message, None, Vec::new());
    }

    fn check_list(&mut self, items: &'n [Node], list: &List) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (index, item) in items.iter().enumerate() {
            self.path.push(Segment::Index(index));
            self.check(item, &list.item, None);
            if list.unique {
                let mut key = String::new();
                canonical(item, &mut key);
                if let Some(&first) = seen.get(&key) {
                    self.duplicate(item, &items[first]);
                } else {
                    seen.insert(key, index);
                }
            }
            self.path.pop();
        }
    }

    fn duplicate(&mut self, item: &Node, first: &Node) {
        let (subject_en, subject_fr) = self.subject();
        let message = msg!(
            "{subject_en} repeats an earlier item; the items of this list must be unique",
            "{subject_fr} répète un élément précédent ; les éléments de cette liste doivent être uniques"
        );
        let related = vec![Related {
            file: first.file,
            range: first.range,
            message: msg!("first occurrence", "première occurrence"),
        }];
        self.report(SchemaErrorKind::Duplicate, item, message, None, related);
    }

    fn check_map(&mut self, mapping: &'n Mapping, map: &Map) {
        for entry in &mapping.entries {
            let Some(name) = self.entry_key(&entry.key) else {
                continue;
            };
            if !map.key.matches(name) {
                self.invalid_key(&entry.key, name, map.key);
            }
            self.path.push(Segment::Key(name));
            self.check(&entry.value, &map.value, Some(&entry.key));
            self.path.pop();
        }
    }

    fn check_object(
        &mut self,
        node: &'n Node,
        mapping: &'n Mapping,
        object: &Object,
        key: Option<&'n Node>,
    ) {
        for entry in &mapping.entries {
            let Some(name) = self.entry_key(&entry.key) else {
                continue;
            };
            match object.property(name) {
                Some(property) => {
                    self.path.push(Segment::Key(name));
                    if property.deprecated {
                        self.deprecated(&entry.key);
                    }
                    self.check(&entry.value, &property.shape, Some(&entry.key));
                    self.path.pop();
                }
                None if object.extensions && name.starts_with("x-") => {}
                None => self.unknown_key(&entry.key, name, object),
            }
        }
        let find = |name: &str| find_entry(mapping, name, object.ignore_case);
        let anchor = key.or_else(|| mapping.entries.first().map(|entry| &entry.key));
        let anchor = anchor.unwrap_or(node);
        for &required in object.required {
            if find(required).is_none() {
                let (subject_en, subject_fr) = self.subject();
                let message = msg!(
                    "{subject_en} is missing the required key `{required}`",
                    "il manque la clé obligatoire `{required}` dans {subject_fr}"
                );
                self.report(
                    SchemaErrorKind::MissingRequired,
                    anchor,
                    message,
                    None,
                    Vec::new(),
                );
            }
        }
        for &(a, b) in object.exclusive {
            let (Some(first), Some(second)) = (find(a), find(b)) else {
                continue;
            };
            let (first, second) = if first.range.start <= second.range.start {
                (first, second)
            } else {
                (second, first)
            };
            let (subject_en, subject_fr) = self.subject();
            let message = msg!(
                "`{a}` and `{b}` cannot both be set in {subject_en}",
                "`{a}` et `{b}` ne peuvent pas être définies ensemble dans {subject_fr}"
            );
            let related = vec![Related {
                file: first.file,
                range: first.range,
                message: msg!("also set here", "également définie ici"),
            }];
            self.report(
                SchemaErrorKind::MutuallyExclusive,
                second,
                message,
                None,
                related,
            );
        }
        if !object.at_least_one.is_empty()
            && !object.at_least_one.iter().any(|name| find(name).is_some())
            && !object
                .at_least_one_unless
                .iter()
                .any(|name| find(name).is_some())
        {
            let (subject_en, subject_fr) = self.subject();
            let names = object.at_least_one;
            let listed_en = join_quoted(names, "or");
            let listed_fr = join_quoted(names, "ou");
            let message = msg!(
                "{subject_en} needs {listed_en}",
                "{subject_fr} doit définir {listed_fr}"
            );
            self.report(
                SchemaErrorKind::MissingOneOf,
                anchor,
                message,
                None,
                Vec::new(),
            );
        }
    }

    /// The text of a mapping key, or `None` (after reporting it) when the key is not a
    /// scalar. `<<` merge keys of an unresolved tree are skipped.
    fn entry_key(&mut self, key: &'n Node) -> Option<&'n str> {
        match key.as_str() {
            Some("<<") => None,
            Some(name) => Some(name),
            None => {
                let (subject_en, subject_fr) = self.subject();
                let message = msg!(
                    "the keys of {subject_en} must be strings",
                    "les clés de {subject_fr} doivent être des chaînes"
                );
                self.report(SchemaErrorKind::InvalidKey, key, message, None, Vec::new());
                None
            }
        }
    }

    fn invalid_key(&mut self, key: &Node, name: &str, pattern: KeyPattern) {
        let (subject_en, subject_fr) = self.subject();
        let rule = pattern.describe();
        let (rule_en, rule_fr) = (rule.en, rule.fr);
        let name = shorten(name);
        let message = msg!(
            "`{name}` is not a valid key in {subject_en}: use {rule_en}",
            "`{name}` n'est pas une clé valide dans {subject_fr} : utilisez {rule_fr}"
        );
        self.report(SchemaErrorKind::InvalidKey, key, message, None, Vec::new());
    }

    fn unknown_key(&mut self, key: &Node, name: &str, object: &Object) {
        let suggestion = did_you_mean(name, object.names());
        let shown = shorten(name);
        let (kind, mut message) = match object.unknown {
            UnknownKeys::Allowed => return,
            UnknownKeys::Refused if self.at_root() => (
                SchemaErrorKind::UnknownKey,
                msg!(
                    "unknown top-level key `{shown}`",
                    "clé de premier niveau `{shown}` inconnue"
                ),
            ),
            UnknownKeys::Refused => {
                let path = self.full_path();
                (
                    SchemaErrorKind::UnknownKey,
                    msg!(
                        "unknown key `{shown}` in `{path}`",
                        "clé `{shown}` inconnue dans `{path}`"
                    ),
                )
            }
            UnknownKeys::Ignored { by } => {
                let (subject_en, subject_fr) = self.subject();
                let (by_en, by_fr) = (by.en, by.fr);
                (
                    SchemaErrorKind::UnknownKeyIgnored,
                    msg!(
                        "unknown key `{shown}` in {subject_en}, ignored by {by_en}",
                        "clé `{shown}` inconnue dans {subject_fr}, ignorée par {by_fr}"
                    ),
                )
            }
        };
        append_suggestion(&mut message, suggestion);
        self.report(kind, key, message, suggestion, Vec::new());
    }

    fn deprecated(&mut self, key: &Node) {
        let path = self.full_path();
        let message = msg!("`{path}` is deprecated", "`{path}` est obsolète");
        self.report(SchemaErrorKind::Deprecated, key, message, None, Vec::new());
    }

    fn wrong_type(&mut self, node: &Node, shape: &Shape, found: Found<'_>) {
        let (subject_en, subject_fr) = self.subject();
        let expected = shape.expected();
        let found = found.describe(node);
        let (expected_en, expected_fr) = (&expected.en, &expected.fr);
        let (found_en, found_fr) = (&found.en, &found.fr);
        let message = msg!(
            "{subject_en} must be {expected_en}, not {found_en}",
            "{subject_fr} doit être {expected_fr}, pas {found_fr}"
        );
        self.report(SchemaErrorKind::WrongType, node, message, None, Vec::new());
    }

    /// The current value's path from the file's root.
    fn full_path(&self) -> String {
        let relative = render(&self.path);
        if self.base.is_empty() {
            relative
        } else if relative.is_empty() || relative.starts_with('[') {
            format!("{}{relative}", self.base)
        } else {
            format!("{}.{relative}", self.base)
        }
    }

    fn at_root(&self) -> bool {
        self.base.is_empty() && self.path.is_empty()
    }

    /// How messages name the current value: its quoted path, or the file itself at the root.
    fn subject(&self) -> (String, String) {
        if self.at_root() {
            return ("the file".to_owned(), "le fichier".to_owned());
        }
        let path = format!("`{}`", self.full_path());
        (path.clone(), path)
    }

    fn report(
        &mut self,
        kind: SchemaErrorKind,
        at: &Node,
        message: Message,
        suggestion: Option<&'static str>,
        related: Vec<Related>,
    ) {
        self.errors.push(SchemaError {
            kind,
            file: at.file,
            range: at.range,
            path: self.full_path(),
            message,
            suggestion,
            related,
        });
    }
}

fn find_entry<'m>(mapping: &'m Mapping, name: &str, ignore_case: bool) -> Option<&'m Node> {
    mapping
        .entries
        .iter()
        .find(|entry| {
            entry.key.as_str().is_some_and(|key| {
                if ignore_case {
                    key.eq_ignore_ascii_case(name)
                } else {
                    key == name
                }
            })
        })
        .map(|entry| &entry.key)
}

fn append_suggestion(message: &mut Message, suggestion: Option<&str>) {
    if let Some(suggestion) = suggestion {
        message
            .en
            .to_mut()
            .push_str(&format!(" (did you mean `{suggestion}`?)"));
        message
            .fr
            .to_mut()
            .push_str(&format!(" (vouliez-vous dire `{suggestion}` ?)"));
    }
}

/// `` `a`, `b` or `c` ``.
fn join_quoted(names: &[&str], or: &str) -> String {
    match names {
        [] => String::new(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            format!("{} {or} `{last}`", quote_list(init.iter().copied(), ", "))
        }
    }
}

/// A text equal for two nodes exactly when JSON would call their values equal: numbers by
/// value (`80` and `80.0`), mappings whatever their key order, strings and numbers distinct.
fn canonical(node: &Node, out: &mut String) {
    match &node.kind {
        NodeKind::Scalar(_) => match ScalarValue::of(node).unwrap_or(ScalarValue::Null) {
            ScalarValue::Null => out.push('~'),
            ScalarValue::Bool(value) => out.push(if value { 'T' } else { 'F' }),
            ScalarValue::Integer(value) => {
                let _ = write!(out, "#{value}");
            }
            ScalarValue::Float(value) if is_integral(value) => {
                let _ = write!(out, "#{}", value as i64);
            }
            ScalarValue::Float(value) => {
                let _ = write!(out, "#{value:?}");
            }
            ScalarValue::String(text) => {
                let _ = write!(out, "s{}:{text}", text.len());
            }
        },
        NodeKind::Sequence(sequence) => {
            out.push('[');
            for item in &sequence.items {
                canonical(item, out);
                out.push(',');
            }
            out.push(']');
        }
        NodeKind::Mapping(mapping) => {
            let mut entries: Vec<String> = mapping
                .entries
                .iter()
                .map(|entry| {
                    let mut text = String::new();
                    canonical(&entry.key, &mut text);
                    text.push('=');
                    canonical(&entry.value, &mut text);
                    text
                })
                .collect();
            entries.sort_unstable();
            out.push('{');
            for entry in entries {
                out.push_str(&entry);
                out.push(',');
            }
            out.push('}');
        }
        NodeKind::Alias(alias) => {
            let _ = write!(out, "*{}", alias.name);
        }
    }
}
