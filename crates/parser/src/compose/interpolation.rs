//! Compose interpolation (`${VAR:-default}` in Compose values and `.env` files), exactly as
//! compose-go's `template` package reads it.
//!
//! - `$$` is a literal `$`; a `$` followed by anything else that is not a reference is left
//!   as it is.
//! - `$NAME` and `${NAME}`: a name is `[_a-z][_a-z0-9]*` in any case.
//! - `${NAME<op>word}` with six operators: `:-` `-` (default when unset or empty / unset),
//!   `:+` `+` (replacement when set and not empty / set), `:?` `?` (error when unset or empty
//!   / unset). The word is itself a template, expanded only when it is used. The operator
//!   right after the name is taken, as compose-go takes the earliest operator in the text.
//! - The word runs to the brace that closes the reference, counting braces, but never past
//!   the last `}` of the line (compose-go's regular expression does not cross line breaks).
//! - `${` followed by anything else is an "invalid interpolation format" error.
//!
//! Only values are interpolated; the caller decides which strings are values.

use crate::lookup::Lookup;
use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::TextRange;

/// A parsed template: the parts of one string value.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
    pub range: TextRange,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum TemplatePart {
    /// Text taken as it is.
    Literal(Literal),
    /// `$$`, which stands for `$`.
    Escaped(TextRange),
    /// `$NAME`, `${NAME}` or `${NAME<op>word}`.
    Variable(Box<Variable>),
    /// `${` that does not start a valid reference: Compose refuses the value. It expands to
    /// nothing, and the text after it is read as literal text.
    Invalid(TextRange),
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Literal {
    pub value: String,
    pub range: TextRange,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Variable {
    pub name: String,
    pub name_range: TextRange,
    /// From `$` to the closing `}` (or the end of the name).
    pub range: TextRange,
    pub braced: bool,
    pub modifier: Option<Modifier>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Modifier {
    pub operator: Operator,
    pub operator_range: TextRange,
    /// The default, the replacement or the error message.
    pub operand: Template,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Operator {
    /// `${V-default}`
    DefaultIfUnset,
    /// `${V:-default}`
    DefaultIfUnsetOrEmpty,
    /// `${V+replacement}`
    ReplacementIfSet,
    /// `${V:+replacement}`
    ReplacementIfNotEmpty,
    /// `${V?message}`
    ErrorIfUnset,
    /// `${V:?message}`
    ErrorIfUnsetOrEmpty,
}

impl Operator {
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::DefaultIfUnset => "-",
            Operator::DefaultIfUnsetOrEmpty => ":-",
            Operator::ReplacementIfSet => "+",
            Operator::ReplacementIfNotEmpty => ":+",
            Operator::ErrorIfUnset => "?",
            Operator::ErrorIfUnsetOrEmpty => ":?",
        }
    }
}

impl Template {
    /// Every variable reference, nested ones included, in the order they appear.
    pub fn variables(&self) -> Vec<&Variable> {
        let mut found = Vec::new();
        collect(&self.parts, &mut found);
        found
    }

    /// Whether the value has nothing to interpolate (but may have `$$`).
    pub fn is_constant(&self) -> bool {
        self.parts
            .iter()
            .all(|part| matches!(part, TemplatePart::Literal(_) | TemplatePart::Escaped(_)))
    }
}

fn collect<'t>(parts: &'t [TemplatePart], found: &mut Vec<&'t Variable>) {
    for part in parts {
        if let TemplatePart::Variable(variable) = part {
            found.push(variable);
            if let Some(modifier) = &variable.modifier {
                collect(&modifier.operand.parts, found);
            }
        }
    }
}

/// Parses a Compose value. Ranges are relative to the start of `text`.
pub fn parse_template(text: &str) -> (Template, Vec<SyntaxError>) {
    let mut errors = Vec::new();
    let template = parse_at(text, 0, text.len(), &mut errors);
    (template, errors)
}

/// Parses `text[start..end]`; the bounds matter because a nested word's closing brace and
/// line end are found in the whole text.
fn parse_at(text: &str, start: usize, end: usize, errors: &mut Vec<SyntaxError>) -> Template {
    let mut parts = Vec::new();
    let mut literal_start = start;
    let mut pos = start;
    let flush = |parts: &mut Vec<TemplatePart>, from: usize, to: usize| {
        if from < to {
            parts.push(TemplatePart::Literal(Literal {
                value: text[from..to].to_owned(),
                range: TextRange::new(from as u32, to as u32),
            }));
        }
    };
    while let Some(offset) = text[pos..end].find('$') {
        let dollar = pos + offset;
        let next = text[dollar + 1..end].chars().next();
        match next {
            Some('$') => {
                flush(&mut parts, literal_start, dollar);
                parts.push(TemplatePart::Escaped(TextRange::new(
                    dollar as u32,
                    dollar as u32 + 2,
                )));
                pos = dollar + 2;
                literal_start = pos;
            }
            Some(c) if is_name_start(c) => {
                flush(&mut parts, literal_start, dollar);
                let name_end = name_end(text, dollar + 1, end);
                parts.push(TemplatePart::Variable(Box::new(Variable {
                    name: text[dollar + 1..name_end].to_owned(),
                    name_range: TextRange::new(dollar as u32 + 1, name_end as u32),
                    range: TextRange::new(dollar as u32, name_end as u32),
                    braced: false,
                    modifier: None,
                })));
                pos = name_end;
                literal_start = pos;
            }
            Some('{') => {
                flush(&mut parts, literal_start, dollar);
                match parse_braced(text, dollar, end, errors) {
                    Some(variable) => {
                        pos = variable.range.end as usize;
                        parts.push(TemplatePart::Variable(Box::new(variable)));
                    }
                    None => {
                        let range = TextRange::new(dollar as u32, dollar as u32 + 2);
                        parts.push(TemplatePart::Invalid(range));
                        let line_end = text[dollar..end].find('\n').map_or(end, |n| dollar + n);
                        let shown_end = text[dollar..line_end]
                            .find('}')
                            .map_or(line_end, |close| dollar + close + 1);
                        errors.push(SyntaxError::new(
                            TextRange::new(dollar as u32, shown_end as u32),
                            invalid_format(),
                        ));
                        pos = dollar + 2;
                    }
                }
                literal_start = pos;
            }
            // A lone `$` stays in the literal text.
            _ => pos = dollar + 1,
        }
        if pos >= end {
            break;
        }
    }
    flush(&mut parts, literal_start, end);
    Template {
        parts,
        range: TextRange::new(start as u32, end as u32),
    }
}

/// `${...}` at `dollar`, or `None` when compose-go's pattern only matches its "invalid"
/// alternative.
fn parse_braced(
    text: &str,
    dollar: usize,
    end: usize,
    errors: &mut Vec<SyntaxError>,
) -> Option<Variable> {
    let name_start = dollar + 2;
    if !text[name_start..end]
        .chars()
        .next()
        .is_some_and(is_name_start)
    {
        return None;
    }
    let name_end = name_end(text, name_start, end);
    let name = text[name_start..name_end].to_owned();
    let name_range = TextRange::new(name_start as u32, name_end as u32);
    let after = &text[name_end..end];
    if after.starts_with('}') {
        return Some(Variable {
            name,
            name_range,
            range: TextRange::new(dollar as u32, name_end as u32 + 1),
            braced: true,
            modifier: None,
        });
    }
    let (operator, operator_len) = match after.as_bytes() {
        [b':', b'-', ..] => (Operator::DefaultIfUnsetOrEmpty, 2),
        [b':', b'+', ..] => (Operator::ReplacementIfNotEmpty, 2),
        [b':', b'?', ..] => (Operator::ErrorIfUnsetOrEmpty, 2),
        [b'-', ..] => (Operator::DefaultIfUnset, 1),
        [b'+', ..] => (Operator::ReplacementIfSet, 1),
        [b'?', ..] => (Operator::ErrorIfUnset, 1),
        _ => return None,
    };
    let operand_start = name_end + operator_len;
    // The pattern's `(.*)}` is greedy and does not cross a line break: the match ends at the
    // last `}` of the line.
    let line_end = text[operand_start..end]
        .find('\n')
        .map_or(end, |n| operand_start + n);
    let match_end = operand_start + text[operand_start..line_end].rfind('}')?;
    // compose-go then cuts the match at the brace that closes the reference, counting every
    // `{` (and skipping the character after it) and every `}`.
    let bytes = text.as_bytes();
    let mut open = 0i32;
    let mut i = dollar;
    let mut closing = None;
    while i <= match_end {
        if bytes[i] == b'}' {
            open -= 1;
            if open == 0 {
                closing = Some(i);
                break;
            }
        }
        if bytes[i] == b'{' {
            open += 1;
            i += 1;
        }
        i += 1;
    }
    let operand_end = closing.unwrap_or(match_end);
    let operand = parse_at(text, operand_start, operand_end, errors);
    Some(Variable {
        name,
        name_range,
        range: TextRange::new(dollar as u32, operand_end as u32 + 1),
        braced: true,
        modifier: Some(Modifier {
            operator,
            operator_range: TextRange::new(name_end as u32, operand_start as u32),
            operand,
        }),
    })
}

/// `[_a-z]` under Go's case folding, which adds `ſ` (U+017F) and the Kelvin sign (U+212A).
fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || c == '\u{17f}' || c == '\u{212a}'
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit()
}

fn name_end(text: &str, start: usize, end: usize) -> usize {
    text[start..end]
        .char_indices()
        .find(|&(_, c)| !is_name_char(c))
        .map_or(end, |(i, _)| start + i)
}

fn invalid_format() -> Message {
    msg!(
        "invalid interpolation format: you may need to escape any $ with another $",
        "format d'interpolation invalide : un $ seul s'écrit $$"
    )
}

/// The result of interpolating a template.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Interpolation {
    pub value: String,
    /// Variables read without a default and not set: Compose warns "The "X" variable is not
    /// set. Defaulting to a blank string." (see [`unset_variable_message`]).
    pub unset: Vec<UnsetVariable>,
    /// `${V?message}` and `${V:?message}` failures: Compose refuses the file.
    pub errors: Vec<SyntaxError>,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct UnsetVariable {
    pub name: String,
    /// The whole reference.
    pub range: TextRange,
}

/// Compose's warning for an unset variable.
pub fn unset_variable_message(name: &str) -> Message {
    msg!(
        "The \"{name}\" variable is not set. Defaulting to a blank string.",
        "La variable « {name} » n'est pas définie : une chaîne vide est utilisée."
    )
}

/// Interpolates a parsed template with the given variables, as compose-go's `Substitute`.
pub fn interpolate(template: &Template, variables: &(impl Lookup + ?Sized)) -> Interpolation {
    let mut result = Interpolation::default();
    result.value = evaluate(&template.parts, variables, &mut result);
    result
}

fn evaluate<L: Lookup + ?Sized>(
    parts: &[TemplatePart],
    variables: &L,
    result: &mut Interpolation,
) -> String {
    let mut value = String::new();
    for part in parts {
        match part {
            TemplatePart::Literal(literal) => value.push_str(&literal.value),
            TemplatePart::Escaped(_) => value.push('$'),
            TemplatePart::Invalid(_) => {}
            TemplatePart::Variable(variable) => {
                value.push_str(&evaluate_variable(variable, variables, result));
            }
        }
    }
    value
}

fn evaluate_variable<L: Lookup + ?Sized>(
    variable: &Variable,
    variables: &L,
    result: &mut Interpolation,
) -> String {
    let current = variables.get(&variable.name).map(str::to_owned);
    let Some(modifier) = &variable.modifier else {
        return current.unwrap_or_else(|| {
            result.unset.push(UnsetVariable {
                name: variable.name.clone(),
                range: variable.range,
            });
            String::new()
        });
    };
    let empty = current.as_deref().is_none_or(str::is_empty);
    // Operands are expanded only when used, as in compose-go.
    let operand = |result: &mut Interpolation| evaluate(&modifier.operand.parts, variables, result);
    match modifier.operator {
        Operator::DefaultIfUnset => match current {
            Some(value) => value,
            None => operand(result),
        },
        Operator::DefaultIfUnsetOrEmpty => {
            if empty {
                operand(result)
            } else {
                current.unwrap_or_default()
            }
        }
        Operator::ReplacementIfSet => {
            if current.is_some() {
                operand(result)
            } else {
                String::new()
            }
        }
        Operator::ReplacementIfNotEmpty => {
            if empty {
                current.unwrap_or_default()
            } else {
                operand(result)
            }
        }
        Operator::ErrorIfUnset | Operator::ErrorIfUnsetOrEmpty => {
            let missing =
                current.is_none() || (modifier.operator == Operator::ErrorIfUnsetOrEmpty && empty);
            if !missing {
                return current.unwrap_or_default();
            }
            let reason = operand(result);
            let name = &variable.name;
            let message = if reason.is_empty() {
                msg!(
                    "required variable {name} is missing a value",
                    "la variable obligatoire {name} n'a pas de valeur"
                )
            } else {
                msg!(
                    "required variable {name} is missing a value: {reason}",
                    "la variable obligatoire {name} n'a pas de valeur : {reason}"
                )
            };
            result
                .errors
                .push(SyntaxError::new(variable.range, message));
            String::new()
        }
    }
}

#[cfg(test)]
mod tests;
