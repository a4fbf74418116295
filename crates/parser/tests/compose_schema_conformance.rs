//! Compares berth's description of the Compose format with the official JSON schema: every
//! property the schema defines, at every level, must be known to berth with a compatible type,
//! and berth must know no property the schema lacks.
//!
//! The schema is read from `$BERTH_COMPOSE_SPEC`, else from `shared/compose-spec/compose-spec.json`
//! in the nearest ancestor of this crate that has one. Without it the test says it was
//! skipped and passes; CI has the file.
//!
//! "Compatible" means, for each place: the same set of JSON types (where berth's booleans and
//! numbers that also take strings count as `["boolean", "string"]`...), the same enum values,
//! the same integer bounds, the same required keys, the same `uniqueItems`, the same
//! `deprecated` flags, the same map key patterns, and the same answer to "are `x-` keys
//! allowed" and "are other keys allowed".

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use berth_parser::compose::schema::compose_file;
use berth_parser::schema::{KeyPattern, Object, Shape, UnknownKeys};
use serde_json::{Map, Value};

/// Places where berth deliberately differs from the schema, with why.
const EXCEPTIONS: &[(&str, &str)] = &[
    (
        "/$defs/service/properties/depends_on/oneOf/1/patternProperties/^[a-zA-Z0-9._-]+$/properties/required",
        "compose-go casts `depends_on.*.required` from a string during interpolation, before \
         validating, so berth accepts the string form the schema types `boolean` only",
    ),
    (
        "/$defs/gpus/oneOf/1/items",
        "the schema closes the list instead of its items, so Compose drops unknown keys of a \
         GPU request; berth reports them as ignored",
    ),
];

#[test]
fn berth_describes_the_official_compose_schema() {
    let Some(path) = schema_path() else {
        println!(
            "skipped: compose-spec.json not found (set BERTH_COMPOSE_SPEC or add shared/compose-spec/)"
        );
        return;
    };
    let text = std::fs::read_to_string(&path).expect("the schema file is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema file is JSON");
    let mut checker = Checker {
        root: &schema,
        mismatches: BTreeSet::new(),
    };
    checker.compare(&schema, "", compose_file());
    let mismatches: Vec<&String> = checker
        .mismatches
        .iter()
        .filter(|mismatch| {
            !EXCEPTIONS
                .iter()
                .any(|(pointer, _)| mismatch.starts_with(&format!("{pointer}: ")))
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "berth's Compose description differs from {}:\n{}",
        path.display(),
        mismatches
            .iter()
            .map(|mismatch| format!("  {mismatch}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn schema_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("BERTH_COMPOSE_SPEC") {
        return Some(PathBuf::from(path));
    }
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    Path::new(&manifest_dir)
        .ancestors()
        .map(|dir| dir.join("shared/compose-spec/compose-spec.json"))
        .find(|path| path.is_file())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
    /// No type constraint at all (`{}`).
    Any,
}

impl JsonType {
    fn parse(name: &str) -> JsonType {
        match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "integer" => JsonType::Integer,
            "number" => JsonType::Number,
            "string" => JsonType::String,
            "array" => JsonType::Array,
            "object" => JsonType::Object,
            other => panic!("unknown JSON type {other}"),
        }
    }
}

struct Checker<'s> {
    root: &'s Value,
    mismatches: BTreeSet<String>,
}

impl<'s> Checker<'s> {
    fn report(&mut self, pointer: &str, text: String) {
        let pointer = if pointer.is_empty() { "/" } else { pointer };
        self.mismatches.insert(format!("{pointer}: {text}"));
    }

    /// Follows `$ref`s, returning the schema and the pointer where it lives.
    fn resolve(&self, schema: &'s Value, pointer: &str) -> (&'s Value, String) {
        let mut schema = schema;
        let mut pointer = pointer.to_owned();
        while let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let target = reference.strip_prefix('#').expect("only local references");
            schema = self
                .root
                .pointer(target)
                .unwrap_or_else(|| panic!("dangling $ref {reference}"));
            pointer = target.to_owned();
        }
        (schema, pointer)
    }

    /// The schema's alternatives, one per JSON type, each with the sub-schema that constrains
    /// values of that type and its pointer.
    fn views(&self, schema: &'s Value, pointer: &str) -> Vec<(JsonType, &'s Value, String)> {
        let (schema, pointer) = self.resolve(schema, pointer);
        for keyword in ["oneOf", "anyOf"] {
            if let Some(alternatives) = schema.get(keyword).and_then(Value::as_array) {
                return alternatives
                    .iter()
                    .enumerate()
                    .flat_map(|(index, alternative)| {
                        self.views(alternative, &format!("{pointer}/{keyword}/{index}"))
                    })
                    .collect();
            }
        }
        match schema.get("type") {
            Some(Value::String(name)) => vec![(JsonType::parse(name), schema, pointer)],
            Some(Value::Array(names)) => names
                .iter()
                .map(|name| {
                    let name = name.as_str().expect("type names are strings");
                    (JsonType::parse(name), schema, pointer.clone())
                })
                .collect(),
            _ => vec![(JsonType::Any, schema, pointer)],
        }
    }

    fn compare(&mut self, schema: &'s Value, pointer: &str, shape: &'static Shape) {
        let (_, pointer) = self.resolve(schema, pointer);
        let schema_views = self.views(schema, &pointer);
        let berth_views = berth_views(shape);
        let schema_types: BTreeSet<JsonType> = schema_views.iter().map(|view| view.0).collect();
        let berth_types: BTreeSet<JsonType> = berth_views.iter().map(|view| view.0).collect();
        if schema_types != berth_types {
            self.report(
                &pointer,
                format!("types differ: schema {schema_types:?}, berth {berth_types:?}"),
            );
        }
        for (json_type, sub_schema, sub_pointer) in &schema_views {
            let Some(&(_, berth)) = berth_views.iter().find(|view| view.0 == *json_type) else {
                continue;
            };
            match json_type {
                JsonType::Object => self.compare_object(sub_schema, sub_pointer, berth),
                JsonType::Array => self.compare_array(sub_schema, sub_pointer, berth),
                JsonType::String => self.compare_string(sub_schema, sub_pointer, &berth_views),
                JsonType::Integer => self.compare_integer(sub_schema, sub_pointer, berth),
                _ => {}
            }
        }
    }

    fn compare_string(
        &mut self,
        schema: &'s Value,
        pointer: &str,
        berth_views: &[(JsonType, &'static Shape)],
    ) {
        let Some(values) = schema.get("enum").and_then(Value::as_array) else {
            return;
        };
        let expected: BTreeSet<&str> = values.iter().filter_map(Value::as_str).collect();
        let berth_enum = berth_views.iter().find_map(|(_, shape)| match shape {
            Shape::Enum(choices) => Some(choices.values),
            _ => None,
        });
        match berth_enum {
            Some(values) => {
                let actual: BTreeSet<&str> = values.iter().copied().collect();
                if actual != expected {
                    self.report(
                        pointer,
                        format!("enum values differ: schema {expected:?}, berth {actual:?}"),
                    );
                }
            }
            None => self.report(
                pointer,
                format!("the schema has enum {expected:?}, berth accepts any string"),
            ),
        }
    }

    fn compare_integer(&mut self, schema: &'s Value, pointer: &str, berth: &'static Shape) {
        let Shape::Integer(integer) = berth else {
            self.report(pointer, format!("berth describes an integer as {berth:?}"));
            return;
        };
        let minimum = schema.get("minimum").and_then(Value::as_i64);
        let maximum = schema.get("maximum").and_then(Value::as_i64);
        if (minimum, maximum) != (integer.min, integer.max) {
            self.report(
                pointer,
                format!(
                    "bounds differ: schema {minimum:?}..{maximum:?}, berth {:?}..{:?}",
                    integer.min, integer.max
                ),
            );
        }
    }

    fn compare_array(&mut self, schema: &'s Value, pointer: &str, berth: &'static Shape) {
        let Shape::List(list) = berth else {
            self.report(pointer, format!("berth describes an array as {berth:?}"));
            return;
        };
        let unique = schema
            .get("uniqueItems")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if unique != list.unique {
            self.report(
                pointer,
                format!("uniqueItems differ: schema {unique}, berth {}", list.unique),
            );
        }
        match schema.get("items") {
            Some(items) => self.compare(items, &format!("{pointer}/items"), &list.item),
            None => {
                if !matches!(list.item, Shape::Any) {
                    self.report(
                        pointer,
                        "the schema allows any items, berth does not".into(),
                    );
                }
            }
        }
    }

    fn compare_object(&mut self, schema: &'s Value, pointer: &str, berth: &'static Shape) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let patterns: Vec<(&String, &Value)> = schema
            .get("patternProperties")
            .and_then(Value::as_object)
            .map(|patterns| {
                patterns
                    .iter()
                    .filter(|(pattern, _)| *pattern != "^x-")
                    .collect()
            })
            .unwrap_or_default();
        let extensions = schema
            .get("patternProperties")
            .and_then(Value::as_object)
            .is_some_and(|patterns| patterns.contains_key("^x-"));
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        match (properties, berth) {
            (Some(properties), Shape::Object(object)) => {
                self.compare_properties(schema, pointer, properties, object);
                let expected_unknown = if closed {
                    UnknownKeys::Refused
                } else {
                    UnknownKeys::Allowed
                };
                if object.unknown != expected_unknown {
                    self.report(
                        pointer,
                        format!(
                            "other keys: schema {expected_unknown:?}, berth {:?}",
                            object.unknown
                        ),
                    );
                }
                if closed && extensions != object.extensions {
                    self.report(
                        pointer,
                        format!(
                            "x- keys: schema {}, berth {}",
                            allowed(extensions),
                            allowed(object.extensions)
                        ),
                    );
                }
            }
            (Some(_), other) => {
                self.report(
                    pointer,
                    format!("the schema has properties, berth has {other:?}"),
                );
            }
            (None, Shape::Map(map)) => match patterns.as_slice() {
                [(pattern, value)] => {
                    if !key_pattern_matches(map.key, pattern) {
                        self.report(
                            pointer,
                            format!("key pattern differs: schema {pattern}, berth {:?}", map.key),
                        );
                    }
                    let escaped = pattern.replace('~', "~0").replace('/', "~1");
                    self.compare(
                        value,
                        &format!("{pointer}/patternProperties/{escaped}"),
                        &map.value,
                    );
                }
                [] => {
                    if !matches!(map.value, Shape::Any) {
                        self.report(
                            pointer,
                            "the schema allows any values, berth does not".into(),
                        );
                    }
                }
                _ => self.report(pointer, "several key patterns".into()),
            },
            (None, other) => {
                self.report(
                    pointer,
                    format!("the schema has a map, berth has {other:?}"),
                );
            }
        }
    }

    fn compare_properties(
        &mut self,
        schema: &'s Value,
        pointer: &str,
        properties: &'s Map<String, Value>,
        object: &'static Object,
    ) {
        for (name, sub_schema) in properties {
            let sub_pointer = format!("{pointer}/properties/{name}");
            let Some(property) = object.property(name) else {
                self.report(&sub_pointer, "berth does not know this property".into());
                continue;
            };
            let (resolved, _) = self.resolve(sub_schema, &sub_pointer);
            let deprecated = sub_schema.get("deprecated").or(resolved.get("deprecated"))
                == Some(&Value::Bool(true));
            if deprecated != property.deprecated {
                self.report(
                    &sub_pointer,
                    format!(
                        "deprecated: schema {deprecated}, berth {}",
                        property.deprecated
                    ),
                );
            }
            self.compare(sub_schema, &sub_pointer, &property.shape);
        }
        for property in object.properties {
            if !properties.contains_key(property.name) {
                self.report(
                    &format!("{pointer}/properties/{}", property.name),
                    "berth knows a property the schema lacks".into(),
                );
            }
        }
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let berth_required: BTreeSet<&str> = object.required.iter().copied().collect();
        if required != berth_required {
            self.report(
                pointer,
                format!("required keys differ: schema {required:?}, berth {berth_required:?}"),
            );
        }
    }
}

fn allowed(yes: bool) -> &'static str {
    if yes { "allowed" } else { "refused" }
}

fn key_pattern_matches(key: KeyPattern, pattern: &str) -> bool {
    match key {
        KeyPattern::NonEmpty => matches!(pattern, "^.+$" | ".+"),
        KeyPattern::Name => pattern == "^[a-zA-Z0-9._-]+$",
        KeyPattern::Lowercase => pattern == "^[a-z]+$",
    }
}

/// The JSON types a berth shape accepts, each with the shape that handles it.
fn berth_views(shape: &'static Shape) -> Vec<(JsonType, &'static Shape)> {
    match shape {
        Shape::Any => vec![(JsonType::Any, shape)],
        Shape::Null => vec![(JsonType::Null, shape)],
        Shape::String(_) | Shape::Enum(_) => vec![(JsonType::String, shape)],
        Shape::Bool { from_string } => with_string(JsonType::Boolean, *from_string, shape),
        Shape::Integer(integer) => with_string(JsonType::Integer, integer.from_string, shape),
        Shape::Number { from_string } => with_string(JsonType::Number, *from_string, shape),
        Shape::List(_) => vec![(JsonType::Array, shape)],
        Shape::Map(_) | Shape::Object(_) => vec![(JsonType::Object, shape)],
        Shape::OneOf(alternatives) => alternatives.iter().flat_map(berth_views).collect(),
    }
}

fn with_string(
    json_type: JsonType,
    from_string: bool,
    shape: &'static Shape,
) -> Vec<(JsonType, &'static Shape)> {
    let mut views = vec![(json_type, shape)];
    if from_string {
        views.push((JsonType::String, shape));
    }
    views
}
