//! What a plain scalar means: under YAML 1.2's core schema (what berth reads), under YAML 1.1
//! (what older tools and many tutorials assume: `yes` is true, `22:22` is 1342, `0755` is
//! octal), and under go-yaml (what Compose reads), so that rules can point out the traps.

use super::node::{Node, NodeKind, Scalar, ScalarStyle};

/// The value of a scalar once a schema has read it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    Null,
    Bool(bool),
    /// An integer that fits in an `i64`; larger ones read as [`Reading::Float`] where the
    /// float syntax also matches them, else as [`Reading::String`].
    Int(i64),
    Float(f64),
    /// Text: quoted, a block scalar, or plain text that is not one of the above.
    String,
}

impl Scalar {
    /// The value under the YAML 1.2 core schema: `null`/`~`/nothing, `true`/`false` (three
    /// casings), decimal, `0o` octal and `0x` hexadecimal integers, floats with `.inf` and
    /// `.nan`. Only plain scalars are read; quoted and block scalars are strings.
    pub fn core_reading(&self) -> Reading {
        if self.style != ScalarStyle::Plain {
            return Reading::String;
        }
        read_core(&self.value)
    }

    /// The value a YAML 1.1 reader (PyYAML, older go-yaml, Ruby's Psych) gives a plain scalar:
    /// booleans `y`/`yes`/`on`/`n`/`no`/`off` in three casings, integers with `_`, `0b`
    /// binary, `0755` octal and `22:22` base 60 (sexagesimal), and base-60 floats.
    pub fn yaml11_reading(&self) -> Reading {
        if self.style != ScalarStyle::Plain {
            return Reading::String;
        }
        read_yaml11(&self.value)
    }

    /// The value Compose reads (go-yaml v3 and v4, YAML 1.2 with Go's number syntax): the core
    /// schema's names, and integers as Go's `strconv.ParseInt` reads them after dropping `_`,
    /// so `0755` is octal 493 and `0b101` is 5. Timestamps (`2024-01-02`) are strings here: go-yaml
    /// gives a `map[string]any` their text.
    pub fn go_yaml_reading(&self) -> Reading {
        if self.style != ScalarStyle::Plain {
            return Reading::String;
        }
        read_go_yaml(&self.value)
    }

    /// `true`, `True`, `TRUE`, `false`, `False`, `FALSE`, for a plain scalar.
    pub fn as_bool(&self) -> Option<bool> {
        match self.core_reading() {
            Reading::Bool(value) => Some(value),
            _ => None,
        }
    }

    /// A plain decimal, `0o` octal or `0x` hexadecimal integer that fits in an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.core_reading() {
            Reading::Int(value) => Some(value),
            _ => None,
        }
    }

    /// A plain float or integer.
    pub fn as_f64(&self) -> Option<f64> {
        match self.core_reading() {
            Reading::Float(value) => Some(value),
            Reading::Int(value) => Some(value as f64),
            _ => None,
        }
    }

    /// A plain `null`, `Null`, `NULL`, `~` or nothing.
    pub fn is_null(&self) -> bool {
        self.core_reading() == Reading::Null
    }
}

impl Node {
    /// The scalar's core-schema value, when it is untagged or tagged with the core type it is
    /// read as (`!!bool`, `!!int`, `!!float`, `!!null`, which also apply to quoted text).
    pub fn core_reading(&self) -> Option<Reading> {
        let NodeKind::Scalar(scalar) = &self.kind else {
            return None;
        };
        let Some(tag) = &self.tag else {
            return Some(scalar.core_reading());
        };
        if tag.handle != "!!" {
            return Some(Reading::String);
        }
        let reading = read_core(&scalar.value);
        let matches = matches!(
            (tag.suffix.as_str(), reading),
            ("bool", Reading::Bool(_))
                | ("int", Reading::Int(_))
                | ("float", Reading::Float(_) | Reading::Int(_))
                | ("null", Reading::Null)
        );
        Some(if matches { reading } else { Reading::String })
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.core_reading()? {
            Reading::Bool(value) => Some(value),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self.core_reading()? {
            Reading::Int(value) => Some(value),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self.core_reading()? {
            Reading::Float(value) => Some(value),
            Reading::Int(value) => Some(value as f64),
            _ => None,
        }
    }
}

fn read_core(value: &str) -> Reading {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Reading::Null,
        "true" | "True" | "TRUE" => return Reading::Bool(true),
        "false" | "False" | "FALSE" => return Reading::Bool(false),
        _ => {}
    }
    if let Some(reading) = special_float(value) {
        return reading;
    }
    let (negative, unsigned) = split_sign(value);
    let integer = if let Some(octal) = value.strip_prefix("0o") {
        parse_radix(octal, 8, false)
    } else if let Some(hex) = value.strip_prefix("0x") {
        parse_radix(hex, 16, false)
    } else if is_digits(unsigned, 10) {
        parse_radix(unsigned, 10, negative)
    } else {
        None
    };
    if let Some(integer) = integer {
        return Reading::Int(integer);
    }
    if is_decimal_float(unsigned) {
        return value.parse().map_or(Reading::String, Reading::Float);
    }
    Reading::String
}

fn read_yaml11(value: &str) -> Reading {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Reading::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "true" | "True" | "TRUE" => {
            return Reading::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "off" | "Off" | "OFF" | "false" | "False" | "FALSE" => {
            return Reading::Bool(false);
        }
        _ => {}
    }
    if let Some(reading) = special_float(value) {
        return reading;
    }
    let (negative, unsigned) = split_sign(value);
    let without_underscores = unsigned.replace('_', "");
    let digits = without_underscores.as_str();
    let integer = if let Some(binary) = unsigned.strip_prefix("0b") {
        parse_radix(&binary.replace('_', ""), 2, negative)
    } else if let Some(hex) = unsigned.strip_prefix("0x") {
        parse_radix(&hex.replace('_', ""), 16, negative)
    } else if digits.len() > 1 && digits.starts_with('0') {
        parse_radix(&digits[1..], 8, negative)
    } else if unsigned.contains(':') {
        sexagesimal(unsigned).and_then(|value| {
            let value = i64::try_from(value).ok()?;
            Some(if negative { -value } else { value })
        })
    } else if unsigned.starts_with(|c: char| c.is_ascii_digit()) {
        parse_radix(digits, 10, negative)
    } else {
        None
    };
    if let Some(integer) = integer {
        return Reading::Int(integer);
    }
    // Floats need a dot in YAML 1.1 (`1e3` is a string), may hold `_`, and may be base 60.
    if let Some((whole, fraction)) = unsigned.split_once('.')
        && whole.contains(':')
        && fraction.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        && let Some(whole) = sexagesimal(whole)
    {
        let fraction: f64 = format!("0.{}", fraction.replace('_', ""))
            .parse()
            .unwrap_or(0.0);
        let value = whole as f64 + fraction;
        return Reading::Float(if negative { -value } else { value });
    }
    if unsigned.contains('.') && is_decimal_float(digits) {
        return format!("{}{digits}", if negative { "-" } else { "" })
            .parse()
            .map_or(Reading::String, Reading::Float);
    }
    Reading::String
}

fn read_go_yaml(value: &str) -> Reading {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => return Reading::Null,
        "true" | "True" | "TRUE" => return Reading::Bool(true),
        "false" | "False" | "FALSE" => return Reading::Bool(false),
        _ => {}
    }
    if let Some(reading) = special_float(value) {
        return reading;
    }
    if !value.starts_with(|c: char| c.is_ascii_digit() || c == '+' || c == '-' || c == '.') {
        return Reading::String;
    }
    let plain = value.replace('_', "");
    let (negative, unsigned) = split_sign(&plain);
    let (radix, digits) = if let Some(rest) = unsigned
        .strip_prefix("0x")
        .or_else(|| unsigned.strip_prefix("0X"))
    {
        (16, rest)
    } else if let Some(rest) = unsigned
        .strip_prefix("0o")
        .or_else(|| unsigned.strip_prefix("0O"))
    {
        (8, rest)
    } else if let Some(rest) = unsigned
        .strip_prefix("0b")
        .or_else(|| unsigned.strip_prefix("0B"))
    {
        (2, rest)
    } else if unsigned.len() > 1 && unsigned.starts_with('0') {
        (8, &unsigned[1..])
    } else {
        (10, unsigned)
    };
    if let Some(integer) = parse_radix(digits, radix, negative) {
        return Reading::Int(integer);
    }
    if is_decimal_float(unsigned) {
        return plain.parse().map_or(Reading::String, Reading::Float);
    }
    Reading::String
}

/// `.inf`, `-.inf`, `.nan` and their casings, which every schema shares.
fn special_float(value: &str) -> Option<Reading> {
    let (negative, unsigned) = split_sign(value);
    match unsigned {
        ".inf" | ".Inf" | ".INF" => Some(Reading::Float(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        })),
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == value.len() => Some(Reading::Float(f64::NAN)),
        _ => None,
    }
}

fn split_sign(value: &str) -> (bool, &str) {
    if let Some(rest) = value.strip_prefix('-') {
        (true, rest)
    } else {
        (false, value.strip_prefix('+').unwrap_or(value))
    }
}

fn is_digits(text: &str, radix: u32) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_digit(radix))
}

fn parse_radix(digits: &str, radix: u32, negative: bool) -> Option<i64> {
    if !is_digits(digits, radix) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    i64::try_from(if negative { -magnitude } else { magnitude }).ok()
}

/// `[0-9]+ ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?` or `. [0-9]+ ...`, without sign.
fn is_decimal_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (whole.is_empty() && is_digits(fraction, 10))
                || (is_digits(whole, 10) && (fraction.is_empty() || is_digits(fraction, 10)))
        }
        None => is_digits(mantissa, 10),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let (_, digits) = split_sign(exponent);
        is_digits(digits, 10)
    });
    mantissa_ok && exponent_ok
}

/// `1:30:00` read in base 60, as YAML 1.1 does: the first part `[1-9][0-9_]*`, the others
/// `[0-5]?[0-9]`.
fn sexagesimal(text: &str) -> Option<u64> {
    let mut parts = text.split(':');
    let first = parts.next()?.replace('_', "");
    if !first.starts_with(|c: char| ('1'..='9').contains(&c)) || !is_digits(&first, 10) {
        return None;
    }
    let mut value: u64 = first.parse().ok()?;
    let mut any = false;
    for part in parts {
        let digit: u64 = match part.len() {
            1 | 2 if is_digits(part, 10) => part.parse().ok()?,
            _ => return None,
        };
        if digit >= 60 {
            return None;
        }
        value = value.checked_mul(60)?.checked_add(digit)?;
        any = true;
    }
    any.then_some(value)
}
