//! The type a scalar has for the tools that read it, which decides whether `80` is a number
//! or `true` a boolean, and how Compose casts strings after interpolation.
//!
//! Compose reads YAML with go-yaml ([`Scalar::go_yaml_reading`]): `yes`, `on` and `2122:22`
//! stay strings. JSON files are read into the same tree with strings always quoted, so one
//! reading serves both.
//!
//! [`Scalar::go_yaml_reading`]: crate::yaml::Scalar::go_yaml_reading

use crate::yaml::{Node, NodeKind, Reading};

/// A scalar's value, typed, with the text of strings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarValue<'a> {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(&'a str),
}

impl<'a> ScalarValue<'a> {
    /// The typed value of `node` as Compose reads it, or `None` when it is not a scalar. A
    /// `!!str` tag makes any scalar a string; other tags (`!reset`, `!override`) leave the
    /// reading to the text.
    pub fn of(node: &'a Node) -> Option<ScalarValue<'a>> {
        let NodeKind::Scalar(scalar) = &node.kind else {
            return None;
        };
        let text = scalar.value.as_str();
        let forced_string = node
            .tag
            .as_ref()
            .is_some_and(|tag| tag.handle == "!!" && tag.suffix == "str");
        if forced_string {
            return Some(ScalarValue::String(text));
        }
        Some(match scalar.go_yaml_reading() {
            Reading::Null => ScalarValue::Null,
            Reading::Bool(value) => ScalarValue::Bool(value),
            Reading::Int(value) => ScalarValue::Integer(value),
            Reading::Float(value) => ScalarValue::Float(value),
            Reading::String => ScalarValue::String(text),
        })
    }

    /// The string, when the value is one.
    pub fn as_str(self) -> Option<&'a str> {
        match self {
            ScalarValue::String(text) => Some(text),
            _ => None,
        }
    }
}

/// How Compose casts a string to a boolean after interpolation (compose-go `toBoolean`):
/// `true`/`false`, and YAML 1.1's `y`/`yes`/`on`/`n`/`no`/`off` with a warning, in any case.
pub fn cast_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "y" | "yes" | "on" => Some(true),
        "false" | "n" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// How Compose casts a string to an integer (Go's `strconv.ParseInt(text, 10, 64)`).
pub fn cast_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse::<i64>().ok()
}

/// How Compose casts a string to a number (Go's `strconv.ParseFloat`): decimal or exponent
/// notation, `inf` and `nan`.
pub fn cast_number(text: &str) -> Option<f64> {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let special = matches!(
        body.to_ascii_lowercase().as_str(),
        "inf" | "infinity" | "nan"
    );
    let decimal = !body.is_empty()
        && body
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && body
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.');
    if special || decimal {
        text.parse::<f64>().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casts_follow_compose() {
        assert_eq!(cast_bool("Yes"), Some(true));
        assert_eq!(cast_bool("OFF"), Some(false));
        assert_eq!(cast_bool("1"), None);
        assert_eq!(cast_integer("+42"), Some(42));
        assert_eq!(cast_integer("4.2"), None);
        assert_eq!(cast_integer("0x10"), None);
        assert_eq!(cast_number("4.2"), Some(4.2));
        assert_eq!(cast_number("1e3"), Some(1000.0));
        assert_eq!(cast_number("1.5x"), None);
    }
}
