//! Questions the Compose loader and the language server ask a description: what is at this
//! path, which keys go here, which values.

use std::collections::HashSet;

use super::path::Segment;
use super::shape::{Object, Property, Shape};

/// The shape of the value at `path` below `root`, or `None` when the description has no such
/// place. Alternatives are followed by the kind of segment: a key leads into an object or a
/// map, an index into a list. The result may itself be a [`Shape::OneOf`].
pub fn shape_at(root: &'static Shape, path: &[Segment<'_>]) -> Option<&'static Shape> {
    let mut shape = root;
    for segment in path {
        shape = step(shape, *segment)?;
    }
    Some(shape)
}

/// The property whose key ends `path` (`services.web.image` gives `image`'s description), for
/// hover. `None` for map entries (`services.web`) and list items.
pub fn property_at(root: &'static Shape, path: &[Segment<'_>]) -> Option<&'static Property> {
    let (Segment::Key(name), parent) = path.split_last()? else {
        return None;
    };
    let parent = shape_at(root, parent)?;
    objects(parent).find_map(|object| object.property(name))
}

/// The keys an object at `path` may hold, for completion: every property of every object
/// alternative there, in description order.
pub fn keys_at(root: &'static Shape, path: &[Segment<'_>]) -> Vec<&'static Property> {
    let Some(shape) = shape_at(root, path) else {
        return Vec::new();
    };
    objects(shape)
        .flat_map(|object| object.properties.iter())
        .collect()
}

/// The values completion offers at `path`: an enum's values, a format's usual values,
/// `true`/`false` for booleans.
pub fn values_at(root: &'static Shape, path: &[Segment<'_>]) -> Vec<&'static str> {
    let mut values = Vec::new();
    if let Some(shape) = shape_at(root, path) {
        collect_values(shape, &mut values);
    }
    values
}

fn collect_values(shape: &'static Shape, values: &mut Vec<&'static str>) {
    let mut push = |value: &'static str| {
        if !values.contains(&value) {
            values.push(value);
        }
    };
    match shape {
        Shape::Enum(choices) => choices.values.iter().for_each(|value| push(value)),
        Shape::String(format) => format.suggestions().iter().for_each(|value| push(value)),
        Shape::Bool { .. } => ["true", "false"].into_iter().for_each(push),
        Shape::OneOf(alternatives) => {
            for alternative in *alternatives {
                collect_values(alternative, values);
            }
        }
        _ => {}
    }
}

/// Every property reachable from `root`, with the path that leads to it written with `*` for
/// map keys and `[]` for list items (`services.*.ports[].target`). Each object is visited
/// once, at the first path that reaches it.
pub fn all_properties(root: &'static Shape) -> Vec<(String, &'static Property)> {
    all_objects(root)
        .into_iter()
        .flat_map(|(path, object)| {
            object.properties.iter().map(move |property| {
                let child = if path.is_empty() {
                    property.name.to_owned()
                } else {
                    format!("{path}.{}", property.name)
                };
                (child, property)
            })
        })
        .collect()
}

/// Every object reachable from `root`, with the path that leads to it (as in
/// [`all_properties`]), each once.
pub fn all_objects(root: &'static Shape) -> Vec<(String, &'static Object)> {
    let mut found = Vec::new();
    let mut visited = HashSet::new();
    walk(root, String::new(), &mut visited, &mut found);
    found
}

fn walk(
    shape: &'static Shape,
    path: String,
    visited: &mut HashSet<*const Object>,
    found: &mut Vec<(String, &'static Object)>,
) {
    match shape {
        Shape::Object(object) => {
            if !visited.insert(*object as *const Object) {
                return;
            }
            found.push((path.clone(), *object));
            for property in object.properties {
                let child = if path.is_empty() {
                    property.name.to_owned()
                } else {
                    format!("{path}.{}", property.name)
                };
                walk(&property.shape, child, visited, found);
            }
        }
        Shape::Map(map) => {
            let child = if path.is_empty() {
                "*".to_owned()
            } else {
                format!("{path}.*")
            };
            walk(&map.value, child, visited, found);
        }
        Shape::List(list) => walk(&list.item, format!("{path}[]"), visited, found),
        Shape::OneOf(alternatives) => {
            for alternative in *alternatives {
                walk(alternative, path.clone(), visited, found);
            }
        }
        _ => {}
    }
}

/// One step down from `shape`.
fn step(shape: &'static Shape, segment: Segment<'_>) -> Option<&'static Shape> {
    match segment {
        Segment::Key(name) => {
            if let Some(property) = objects(shape).find_map(|object| object.property(name)) {
                return Some(&property.shape);
            }
            if name.starts_with("x-") && objects(shape).any(|object| object.extensions) {
                return Some(&Shape::Any);
            }
            leaves(shape).find_map(|leaf| match leaf {
                Shape::Map(map) if map.key.matches(name) => Some(&map.value),
                Shape::Any => Some(&Shape::Any),
                _ => None,
            })
        }
        Segment::Index(_) => leaves(shape).find_map(|leaf| match leaf {
            Shape::List(list) => Some(&list.item),
            Shape::Any => Some(&Shape::Any),
            _ => None,
        }),
    }
}

/// The objects among a shape's alternatives, nested ones included.
fn objects(shape: &'static Shape) -> impl Iterator<Item = &'static Object> {
    leaves(shape).filter_map(|leaf| match leaf {
        Shape::Object(object) => Some(*object),
        _ => None,
    })
}

/// A shape's alternatives with nested `OneOf`s flattened.
fn leaves(shape: &'static Shape) -> impl Iterator<Item = &'static Shape> {
    let mut stack = vec![shape];
    std::iter::from_fn(move || {
        while let Some(shape) = stack.pop() {
            match shape {
                Shape::OneOf(alternatives) => stack.extend(alternatives.iter().rev()),
                leaf => return Some(leaf),
            }
        }
        None
    })
}
