//! Interpolation of the values of a Compose document (never its keys), before merging, as
//! compose-go does per file.

use crate::compose::interpolation::{
    interpolate as evaluate, parse_template, unset_variable_message,
};
use crate::yaml::{Node, NodeKind};

use super::super::interpolated::{Interpolated, VariableUse};
use super::super::options::Environment;
use super::super::problem::{Problem, ProblemKind};
use super::Loader;
use super::tree::part_range;

/// Interpolates every scalar value under `node` with `environment`, reporting invalid
/// templates, required variables that are missing and unset variables without default, and
/// recording each change.
pub(crate) fn interpolate(loader: &mut Loader, node: &mut Node, environment: &Environment) {
    match &mut node.kind {
        NodeKind::Mapping(mapping) => {
            for entry in &mut mapping.entries {
                interpolate(loader, &mut entry.value, environment);
            }
        }
        NodeKind::Sequence(sequence) => {
            for item in &mut sequence.items {
                interpolate(loader, item, environment);
            }
        }
        NodeKind::Scalar(scalar) => {
            if scalar.value.contains('$') {
                interpolate_scalar(loader, node, environment);
            }
        }
        NodeKind::Alias(_) => {}
    }
}

fn interpolate_scalar(loader: &mut Loader, node: &mut Node, environment: &Environment) {
    let original = node.as_str().unwrap_or_default().to_owned();
    let (template, errors) = parse_template(&original);
    let at =
        |range: crate::text::TextRange| part_range(node, range.start as usize, range.end as usize);
    for error in errors {
        loader.problems.push(Problem::error(
            ProblemKind::Interpolation,
            node.file,
            at(error.range),
            error.message,
        ));
    }
    let result = evaluate(&template, environment);
    for unset in &result.unset {
        loader.problems.push(Problem::warning(
            ProblemKind::Interpolation,
            node.file,
            at(unset.range),
            unset_variable_message(&unset.name),
        ));
    }
    for error in result.errors {
        loader.problems.push(Problem::error(
            ProblemKind::Interpolation,
            node.file,
            at(error.range),
            error.message,
        ));
    }
    let variables = template
        .variables()
        .into_iter()
        .map(|variable| {
            let var = environment.var(&variable.name);
            VariableUse {
                name: variable.name.clone(),
                range: at(variable.range),
                value: var.map(|var| var.value.clone()),
                source: var.map(|var| var.source.clone()),
            }
        })
        .collect();
    let record = Interpolated {
        file: node.file,
        range: node.range,
        original,
        value: result.value.clone(),
        variables,
    };
    if let NodeKind::Scalar(scalar) = &mut node.kind {
        scalar.value = result.value.into();
        // The result is a string whatever it looks like, as in compose-go, which casts only
        // some keys' values (ports' targets, booleans) after interpolation: `image: ${TAG}`
        // with TAG=1 is the string "1".
        scalar.style = crate::yaml::ScalarStyle::DoubleQuoted;
    }
    loader.interpolations.push(record);
}
