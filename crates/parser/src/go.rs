//! The pieces of Go's standard library whose exact behaviour the tools berth imitates depend on.
//!
//! BuildKit, Compose and dockerd are written in Go: a variable name ends where Go's
//! `unicode.IsLetter` says so, a size is read by `strconv.ParseFloat`. These helpers reproduce
//! those functions so that berth accepts and refuses exactly what the tools do.

use unicode_general_category::{GeneralCategory, get_general_category};

/// Go's `path.Clean` for slash-separated paths: `.` and `..` resolved, repeated and trailing
/// slashes removed, `.` for a path that ends up empty.
pub(crate) fn clean_path(path: &str) -> String {
    if path.is_empty() {
        return ".".to_owned();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|last| *last != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// Go's `unicode.IsLetter`: general categories Lu, Ll, Lt, Lm and Lo.
///
/// Rust's `char::is_alphabetic` also accepts letter numbers and many combining marks, so a
/// variable name such as `$नमस्ते` would end at a different place than in BuildKit.
pub(crate) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        get_general_category(c),
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
    )
}

/// Go's `unicode.IsDigit`: general category Nd (decimal digits of every script).
pub(crate) fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    get_general_category(c) == GeneralCategory::DecimalNumber
}

/// Go's `unicode.IsNumber`: general categories Nd, Nl and No.
pub(crate) fn is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    matches!(
        get_general_category(c),
        GeneralCategory::DecimalNumber
            | GeneralCategory::LetterNumber
            | GeneralCategory::OtherNumber
    )
}

/// Go's `unicode.IsSpace`, which is the Unicode White_Space property, as Rust's
/// `char::is_whitespace` is.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Why Go's `strconv` refused a number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum NumberError {
    /// `strconv.ErrSyntax`: not a number in Go's syntax.
    Syntax,
    /// `strconv.ErrRange`: a number, but too large for the type.
    Range,
}

/// Go's `strconv.ParseFloat(s, 64)`: decimal and hexadecimal floating-point literals as Go
/// writes them (`1.5`, `.5`, `1e3`, `1_000`, `0x1p-2`), `inf`, `infinity` and `nan` in any case,
/// with an optional sign. Too large a value is a range error, as in Go.
pub(crate) fn parse_float(s: &str) -> Result<f64, NumberError> {
    let (negative, unsigned) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let lower = unsigned.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" if s.len() == 3 => Some(f64::NAN),
        _ => None,
    };
    if let Some(value) = special {
        return Ok(if negative { -value } else { value });
    }
    let value = if let Some(hex) = lower.strip_prefix("0x") {
        parse_hex_float(hex)?
    } else {
        parse_decimal_float(unsigned)?
    };
    if value.is_infinite() {
        return Err(NumberError::Range);
    }
    Ok(if negative { -value } else { value })
}

/// A decimal float without its sign: digits with at most one `.`, at least one digit, an
/// optional exponent, and underscores only between digits.
fn parse_decimal_float(s: &str) -> Result<f64, NumberError> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut digits = false;
    let mut dot = false;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => digits = true,
            b'_' => {}
            b'.' if !dot => dot = true,
            _ => break,
        }
        i += 1;
    }
    if !digits {
        return Err(NumberError::Syntax);
    }
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        if i >= bytes.len() || !bytes[i].is_ascii_digit() {
            return Err(NumberError::Syntax);
        }
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
    }
    if i != bytes.len() || !underscores_ok(s, false) {
        return Err(NumberError::Syntax);
    }
    let cleaned: String = s.chars().filter(|&c| c != '_').collect();
    // The syntax was checked above, and Rust's parser rounds correctly, as Go's does.
    cleaned.parse::<f64>().map_err(|_| NumberError::Syntax)
}

/// A hexadecimal float after `0x`: hex digits with at most one `.`, then a mandatory binary
/// exponent `p±N`.
fn parse_hex_float(s: &str) -> Result<f64, NumberError> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut mantissa = 0f64;
    let mut scale = 0i64;
    let mut digits = false;
    let mut dot = false;
    while i < bytes.len() {
        match bytes[i] {
            c @ (b'0'..=b'9' | b'a'..=b'f') => {
                digits = true;
                let value = if c.is_ascii_digit() {
                    c - b'0'
                } else {
                    c - b'a' + 10
                };
                mantissa = mantissa * 16.0 + f64::from(value);
                if dot {
                    scale -= 4;
                }
            }
            b'_' => {}
            b'.' if !dot => dot = true,
            _ => break,
        }
        i += 1;
    }
    if !digits || i >= bytes.len() || bytes[i] != b'p' {
        return Err(NumberError::Syntax);
    }
    i += 1;
    let mut exponent_negative = false;
    if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
        exponent_negative = bytes[i] == b'-';
        i += 1;
    }
    if i >= bytes.len() || !bytes[i].is_ascii_digit() {
        return Err(NumberError::Syntax);
    }
    let mut exponent = 0i64;
    while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
        if bytes[i] != b'_' && exponent < 100_000 {
            exponent = exponent * 10 + i64::from(bytes[i] - b'0');
        }
        i += 1;
    }
    if i != bytes.len() || !underscores_ok(s, true) {
        return Err(NumberError::Syntax);
    }
    let exponent = if exponent_negative {
        -exponent
    } else {
        exponent
    } + scale;
    let exponent = exponent.clamp(-2000, 2000) as i32;
    Ok(mantissa * 2f64.powi(exponent))
}

/// Go's `underscoreOK`: an underscore must sit between two digits (or after a base prefix).
fn underscores_ok(s: &str, hex: bool) -> bool {
    // `saw` is the class of the previous character: '^' start, '0' digit, '_' underscore,
    // '!' anything else.
    let mut saw = if hex { '0' } else { '^' };
    for c in s.bytes() {
        if c.is_ascii_digit() || (hex && c.is_ascii_hexdigit()) {
            saw = '0';
        } else if c == b'_' {
            if saw != '0' {
                return false;
            }
            saw = '_';
        } else {
            if saw == '_' {
                return false;
            }
            saw = '!';
        }
    }
    saw != '_'
}

/// Go's `strconv.ParseInt(s, 10, 64)`: an optional sign then ASCII digits, no underscores.
pub(crate) fn parse_int(s: &str) -> Result<i64, NumberError> {
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let magnitude = parse_uint(digits, u64::MAX)?;
    if negative {
        if magnitude > 1 << 63 {
            return Err(NumberError::Range);
        }
        Ok((magnitude as i64).wrapping_neg())
    } else {
        i64::try_from(magnitude).map_err(|_| NumberError::Range)
    }
}

/// Go's `strconv.ParseUint(s, 10, bits)` with the largest value the bit size allows: ASCII
/// digits only, no sign.
pub(crate) fn parse_uint(s: &str, max: u64) -> Result<u64, NumberError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::Syntax);
    }
    let mut value: u64 = 0;
    for b in s.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
            .ok_or(NumberError::Range)?;
    }
    if value > max {
        return Err(NumberError::Range);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_digits_follow_go_categories() {
        assert!(is_letter('é'));
        assert!(is_letter('한'));
        // A Devanagari vowel sign is a combining mark: alphabetic for Rust, not a letter for Go.
        assert!('ा'.is_alphabetic());
        assert!(!is_letter('ा'));
        assert!(is_digit('٣'));
        assert!(!is_digit('½'));
        assert!(is_number('½'));
    }

    #[test]
    fn floats_follow_go_syntax() {
        assert_eq!(parse_float("1.5"), Ok(1.5));
        assert_eq!(parse_float(".5"), Ok(0.5));
        assert_eq!(parse_float("5."), Ok(5.0));
        assert_eq!(parse_float("1e3"), Ok(1000.0));
        assert_eq!(parse_float("1_000"), Ok(1000.0));
        assert_eq!(parse_float("0x1p-2"), Ok(0.25));
        assert_eq!(parse_float("0x1.8p1"), Ok(3.0));
        assert_eq!(parse_float("-2"), Ok(-2.0));
        assert_eq!(parse_float("Inf"), Ok(f64::INFINITY));
        assert_eq!(parse_float("1e400"), Err(NumberError::Range));
        for bad in [
            "", ".", "1__0", "_1", "1_", "0x10", "1e", "1.2.3", "1 ", " 1", "e3",
        ] {
            assert_eq!(parse_float(bad), Err(NumberError::Syntax), "{bad:?}");
        }
    }

    #[test]
    fn integers_follow_go_syntax() {
        assert_eq!(parse_int("+7"), Ok(7));
        assert_eq!(parse_int("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(parse_int("9223372036854775808"), Err(NumberError::Range));
        assert_eq!(parse_int("1_0"), Err(NumberError::Syntax));
        assert_eq!(parse_uint("65536", 65535), Err(NumberError::Range));
        assert_eq!(parse_uint("-1", 65535), Err(NumberError::Syntax));
    }
}
