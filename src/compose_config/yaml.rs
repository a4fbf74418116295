//! A YAML writer for `berth compose config --format yaml`: block style, two-space indents,
//! keys in the order given, strings quoted only when a YAML 1.1 or 1.2 reader would take them
//! for something else, the way `docker compose config` writes them.

use std::fmt::Write as _;

use serde_json::{Map, Value};

/// The YAML text of `value`, which must be a mapping at the top (as a Compose file is).
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn indent(out: &mut String, level: usize) {
    out.extend(std::iter::repeat_n(' ', level));
}

fn write_map(out: &mut String, map: &Map<String, Value>, level: usize) {
    for (index, (key, value)) in map.iter().enumerate() {
        // The first key of a mapping inside a sequence item follows the `- ` on its line.
        if index > 0 || !out.ends_with("- ") {
            indent(out, level);
        }
        out.push_str(&string(key));
        out.push(':');
        write_value_after_key(out, value, level);
    }
}

fn write_value_after_key(out: &mut String, value: &Value, level: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, level + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            // Sequences under a key are indented like go-yaml v3 writes them.
            write_sequence(out, items, level + 2);
        }
        Value::String(text) if is_block(text) => {
            write_block(out, text, level + 2);
        }
        other => {
            out.push(' ');
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
}

fn write_sequence(out: &mut String, items: &[Value], level: usize) {
    for item in items {
        indent(out, level);
        out.push_str("- ");
        match item {
            Value::Object(map) if !map.is_empty() => write_map(out, map, level + 2),
            Value::Array(inner) if !inner.is_empty() => {
                out.push('\n');
                write_sequence(out, inner, level + 2);
            }
            Value::String(text) if is_block(text) => {
                out.pop();
                write_block(out, text, level + 2);
            }
            other => {
                out.push_str(&inline(other));
                out.push('\n');
            }
        }
    }
}

/// Scalars and empty collections, on one line.
fn inline(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(value) => value.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => string(text),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// A multi-line string that reads back the same as a literal block: no carriage returns or
/// tabs, no leading blank on the first line, no trailing blanks on any line.
fn is_block(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\n'])
        && !text.contains(['\r', '\t'])
        && text.lines().all(|line| !line.ends_with(' '))
        && text.chars().all(|c| c == '\n' || !c.is_control())
}

fn write_block(out: &mut String, text: &str, level: usize) {
    // `|` keeps exactly one final line break, `|-` none, `|+` all of them.
    let body = text.trim_end_matches('\n');
    let chomping = match text.len() - body.len() {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let _ = writeln!(out, " |{chomping}");
    for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
        if !line.is_empty() {
            indent(out, level);
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// A string as a plain scalar when that reads back as the same string, else double-quoted.
fn string(text: &str) -> String {
    if is_plain_safe(text) {
        return text.to_owned();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04x}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    // `-x` is plain (a sequence entry needs `- `); the other indicators always start
    // something else.
    let dash_then_text = first == '-' && text.len() > 1 && !text[1..].starts_with(' ');
    if ("?:,[]{}#&*!|>'\"%@`".contains(first) || (first == '-' && !dash_then_text))
        || first.is_whitespace()
    {
        return false;
    }
    if text.ends_with([' ', ':'])
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(|c| c.is_control())
    {
        return false;
    }
    !reads_as_non_string(text)
}

/// Whether a YAML 1.1 or 1.2 reader would take the plain scalar for a null, a boolean or a
/// number (including YAML 1.1's `yes`, `on`, base-60 `22:22` and `0755`).
fn reads_as_non_string(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
    ) {
        return true;
    }
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    if matches!(body.to_ascii_lowercase().as_str(), ".inf" | ".nan") {
        return true;
    }
    let digits =
        |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    if let Some(rest) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        return !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_hexdigit() || b == b'_');
    }
    if let Some(rest) = ["0o", "0O", "0b", "0B"]
        .iter()
        .find_map(|prefix| body.strip_prefix(prefix))
    {
        return digits(rest);
    }
    // Base 60 (YAML 1.1): `1:30`, `22:22`, `1:30.5`.
    if let Some((head, tail)) = body.split_once(':') {
        let (sixties, fraction) = tail.split_once('.').unwrap_or((tail, ""));
        return digits(head)
            && sixties
                .split(':')
                .all(|part| digits(part) && part.len() <= 2)
            && (fraction.is_empty() || digits(fraction));
    }
    // Integers and floats, with an optional exponent.
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let exponent_ok = exponent
        .is_none_or(|exponent| digits(exponent.strip_prefix(['-', '+']).unwrap_or(exponent)));
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (whole.is_empty() || digits(whole))
                && (fraction.is_empty() || digits(fraction))
                && !(whole.is_empty() && fraction.is_empty())
        }
        None => digits(mantissa),
    };
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn writes_block_style_with_sequences_of_mappings() {
        let value = json!({
            "name": "shop",
            "services": {
                "web": {
                    "command": ["npm", "start"],
                    "ports": [{ "mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp" }],
                    "networks": { "default": null },
                    "environment": {},
                }
            }
        });
        assert_eq!(
            to_yaml(&value),
            "name: shop\n\
             services:\n  web:\n    command:\n      - npm\n      - start\n    \
             ports:\n      - mode: ingress\n        target: 80\n        published: \"8080\"\n        protocol: tcp\n    \
             networks:\n      default: null\n    environment: {}\n"
        );
    }

    #[test]
    fn quotes_strings_that_would_read_back_as_something_else() {
        for text in [
            "8080", "22:22", "0755", "yes", "Off", "null", "~", "", " x", "a: b", "#x", "*x",
            "1e3", "-1", ".5",
        ] {
            assert!(string(text).starts_with('"'), "{text:?} must be quoted");
        }
        for text in [
            "nginx:1.27",
            "--port",
            "-x",
            "/var/run/docker.sock",
            "service_healthy",
            "a#b",
            "x-y",
            "e3",
            "127.0.0.1",
            "3.12-slim",
            "1.2.3",
        ] {
            assert_eq!(string(text), text, "{text:?} can stay plain");
        }
        assert_eq!(string("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
    }

    #[test]
    fn multi_line_strings_become_literal_blocks() {
        let value = json!({ "a": "FROM alpine\nRUN true\n", "b": "x\ny" });
        assert_eq!(
            to_yaml(&value),
            "a: |\n  FROM alpine\n  RUN true\nb: |-\n  x\n  y\n"
        );
    }
}
