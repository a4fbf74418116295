//! berth's own descriptions of file formats, and validation of a spanned tree against them.
//!
//! A description is static data: [`Shape`]s for values, [`Object`]s with their [`Property`]s
//! (each with a one-line description in English and French, a deprecation flag and the version
//! that introduced it). One table serves three uses:
//!
//! - [`validate`] reports every violation of a tree, each at its position, with a stable
//!   [`SchemaErrorKind`] and a bilingual message ([`validate_at`] for a subtree);
//! - the language server asks [`property_at`] for hover, [`keys_at`] and [`values_at`] for
//!   completion, after [`node_at`] has found the path under the cursor;
//! - a conformance test compares the Compose description with the official JSON schema.
//!
//! The descriptions themselves live with their formats: `crate::compose::schema` (Compose
//! files) and `crate::host::schema` (dockerd's daemon.json, the client's config.json).

mod error;
mod format;
mod path;
mod query;
mod scalar;
pub(crate) mod shape;
mod validate;

#[cfg(test)]
mod tests;

pub use error::{Related, SchemaError, SchemaErrorKind};
pub use format::{ByteSizeSyntax, Format, Pattern, check_cidr, check_image, check_ip};
pub use path::{NodeAt, Segment, node_at, render};
pub use query::{all_objects, all_properties, keys_at, property_at, shape_at, values_at};
pub use scalar::{ScalarValue, cast_bool, cast_integer, cast_number};
pub use shape::{
    Choices, Doc, Integer, KeyPattern, List, Map, Object, Property, Shape, UnknownKeys, prop,
};
pub use validate::{validate, validate_at};

/// Checks a description's invariants; every description's tests call it.
#[cfg(test)]
pub(crate) fn check_description(root: &'static Shape) {
    let mut problems = Vec::new();
    for (path, object) in all_objects(root) {
        let place = if path.is_empty() { "the root" } else { &path };
        for pair in object.properties.windows(2) {
            if pair[0].name >= pair[1].name {
                problems.push(format!(
                    "{place}: `{}` must come after `{}` (byte order)",
                    pair[0].name, pair[1].name
                ));
            }
        }
        let names = object
            .required
            .iter()
            .chain(object.at_least_one)
            .chain(object.at_least_one_unless)
            .chain(object.exclusive.iter().flat_map(|(a, b)| [a, b]));
        for name in names {
            if object.property(name).is_none() {
                problems.push(format!("{place}: constraint on unknown key `{name}`"));
            }
        }
    }
    for (path, property) in all_properties(root) {
        let Doc { en, fr } = property.doc;
        if en.trim().is_empty() || fr.trim().is_empty() {
            problems.push(format!("{path}: a description is empty"));
        }
        if en == fr {
            problems.push(format!("{path}: the French description is the English one"));
        }
        if !en.ends_with('.') || !fr.ends_with('.') {
            problems.push(format!(
                "{path}: descriptions are sentences ending with a period"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
