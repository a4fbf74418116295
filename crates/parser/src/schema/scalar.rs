//! The type a scalar has for the tools that read it, which decides whether `80` is a number
//! or `true` a boolean.
//!
//! Compose reads YAML with go-yaml, whose untyped decoding follows YAML 1.2's core schema plus
//! a few leftovers (`_` digit separators, `0b` binary and `0777` octal integers), so `yes`,
//! `on` and `2122:22` stay strings. JSON files are read into the same tree, where strings are
//! always quoted, so one resolution serves both.

use crate::yaml::{Node, NodeKind, ScalarStyle};

/// A scalar's value, typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScalarValue<'a> {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(&'a str),
}

impl<'a> ScalarValue<'a> {
    /// The typed value of `node`, or `None` when it is not a scalar.
    pub fn of(node: &'a Node) -> Option<ScalarValue<'a>> {
        let NodeKind::Scalar(scalar) = &node.kind else {
            return None;
        };
        let value = scalar.value.as_str();
        let tag = node
            .tag
            .as_ref()
            .filter(|tag| tag.handle == "!!")
            .map(|tag| tag.suffix.as_str());
        if tag == Some("str") || (scalar.style != ScalarStyle::Plain && tag.is_none()) {
            return Some(ScalarValue::String(value));
        }
        Some(resolve_plain(value))
    }

    /// The string, when the value is one.
    pub fn as_str(self) -> Option<&'a str> {
        match self {
            ScalarValue::String(text) => Some(text),
            _ => None,
        }
    }
}

/// The type of an untagged plain scalar.
pub fn resolve_plain(value: &str) -> ScalarValue<'_> {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarValue::Null,
        "true" | "True" | "TRUE" => return ScalarValue::Bool(true),
        "false" | "False" | "FALSE" => return ScalarValue::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return ScalarValue::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return ScalarValue::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return ScalarValue::Float(f64::NAN),
        _ => {}
    }
    let starts_numeric = value
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.'));
    if !starts_numeric {
        return ScalarValue::String(value);
    }
    let plain: std::borrow::Cow<'_, str> = if value.contains('_') {
        value.replace('_', "").into()
    } else {
        value.into()
    };
    if let Some(integer) = parse_go_integer(&plain) {
        return ScalarValue::Integer(integer);
    }
    if is_yaml_float(&plain)
        && let Ok(float) = plain.parse::<f64>()
    {
        return ScalarValue::Float(float);
    }
    ScalarValue::String(value)
}

/// Go's `strconv.ParseInt(text, 0, 64)`: an optional sign, then `0x`, `0o`, `0b` or a leading
/// `0` (octal) prefix, or decimal digits.
fn parse_go_integer(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        (16, hex)
    } else if let Some(octal) = digits
        .strip_prefix("0o")
        .or_else(|| digits.strip_prefix("0O"))
    {
        (8, octal)
    } else if let Some(binary) = digits
        .strip_prefix("0b")
        .or_else(|| digits.strip_prefix("0B"))
    {
        (2, binary)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.bytes().all(|b| (b as char).is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// go-yaml's float pattern: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn is_yaml_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let valid_mantissa = match mantissa.split_once('.') {
        Some(("", fraction)) => digits(fraction),
        Some((whole, fraction)) => {
            digits(whole) && fraction.bytes().all(|b| b.is_ascii_digit())
        }
        None => digits(mantissa),
    };
    let valid_exponent = exponent.is_none_or(|exponent| {
        digits(exponent.strip_prefix(['-', '+']).unwrap_or(exponent))
    });
    valid_mantissa && valid_exponent
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
    if special || is_yaml_float(text) {
        text.parse::<f64>().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_resolve_like_go_yaml() {
        assert_eq!(resolve_plain(""), ScalarValue::Null);
        assert_eq!(resolve_plain("~"), ScalarValue::Null);
        assert_eq!(resolve_plain("True"), ScalarValue::Bool(true));
        assert_eq!(resolve_plain("yes"), ScalarValue::String("yes"));
        assert_eq!(resolve_plain("off"), ScalarValue::String("off"));
        assert_eq!(resolve_plain("80"), ScalarValue::Integer(80));
        assert_eq!(resolve_plain("-1"), ScalarValue::Integer(-1));
        assert_eq!(resolve_plain("0x1F"), ScalarValue::Integer(31));
        assert_eq!(resolve_plain("0o17"), ScalarValue::Integer(15));
        assert_eq!(resolve_plain("0400"), ScalarValue::Integer(256));
        assert_eq!(resolve_plain("1_000"), ScalarValue::Integer(1000));
        assert_eq!(resolve_plain("0.5"), ScalarValue::Float(0.5));
        assert_eq!(resolve_plain("1e3"), ScalarValue::Float(1000.0));
        assert_eq!(resolve_plain("2122:22"), ScalarValue::String("2122:22"));
        assert_eq!(resolve_plain("1.2.3"), ScalarValue::String("1.2.3"));
        assert_eq!(resolve_plain("3.8"), ScalarValue::Float(3.8));
        assert_eq!(resolve_plain("0999"), ScalarValue::Float(999.0));
    }

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
