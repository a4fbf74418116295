//! Durations as Go's `time.ParseDuration` reads them (dockerd, BuildKit's HEALTHCHECK flags),
//! and as Compose reads them (`github.com/xhit/go-str2duration`, which adds days and weeks).
//!
//! A duration is an optional sign and a sequence of decimal numbers, each with an optional
//! fraction and a unit: `300ms`, `-1.5h`, `2h45m`. `0` alone needs no unit.

use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::TextRange;

/// Which reader a duration is meant for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DurationSyntax {
    /// Go's `time.ParseDuration`: units `ns`, `us` (`µs`, `μs`), `ms`, `s`, `m`, `h`, and the
    /// whole range of a signed 64-bit count of nanoseconds.
    Go,
    /// Compose's durations (`healthcheck.interval`, `timeout`, `start_period`,
    /// `start_interval`, `stop_grace_period`, `deploy.update_config.delay`,
    /// `restart_policy.delay`, `pull_policy: every_…`): Go's units plus `d` (24 h) and `w`
    /// (7 d), read by go-str2duration, whose arithmetic stops one nanosecond short of Go's
    /// most negative duration.
    Compose,
}

/// Why a duration was refused, with the range of the offending text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DurationError {
    pub kind: DurationErrorKind,
    pub range: TextRange,
    /// The whole text, as the error message quotes it.
    pub input: String,
    pub syntax: DurationSyntax,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub enum DurationErrorKind {
    /// Not a duration: empty, a sign alone, or a character where a number must start.
    Invalid,
    /// A number without a unit (`10`); only `0` may stand alone.
    MissingUnit,
    /// A unit that is not known.
    UnknownUnit(String),
    /// Too large for a 64-bit count of nanoseconds (about 292 years).
    OutOfRange,
}

impl DurationError {
    pub fn message(&self) -> Message {
        let input = &self.input;
        let units = match self.syntax {
            DurationSyntax::Go => "ns, us, ms, s, m, h",
            DurationSyntax::Compose => "ns, us, ms, s, m, h, d, w",
        };
        match &self.kind {
            DurationErrorKind::Invalid => msg!(
                "invalid duration \"{input}\": expected numbers with units, such as 30s or 1m30s",
                "durée invalide « {input} » : il faut des nombres suivis d'unités, comme 30s ou 1m30s"
            ),
            DurationErrorKind::MissingUnit => msg!(
                "missing unit in duration \"{input}\" (units: {units})",
                "unité manquante dans la durée « {input} » (unités : {units})"
            ),
            DurationErrorKind::UnknownUnit(unit) => msg!(
                "unknown unit \"{unit}\" in duration \"{input}\" (units: {units})",
                "unité inconnue « {unit} » dans la durée « {input} » (unités : {units})"
            ),
            DurationErrorKind::OutOfRange => msg!(
                "duration \"{input}\" is out of range (at most about 292 years)",
                "la durée « {input} » est hors limites (environ 292 ans au plus)"
            ),
        }
    }

    pub fn to_syntax_error(&self) -> SyntaxError {
        SyntaxError::new(self.range, self.message())
    }
}

/// Go's `time.ParseDuration`: the number of nanoseconds.
pub fn parse_duration(text: &str) -> Result<i64, DurationError> {
    parse(text, DurationSyntax::Go)
}

/// Compose's duration reading: Go's syntax plus the units `d` and `w`.
pub fn parse_compose_duration(text: &str) -> Result<i64, DurationError> {
    parse(text, DurationSyntax::Compose)
}

/// Reads a duration with the given syntax.
pub fn parse(text: &str, syntax: DurationSyntax) -> Result<i64, DurationError> {
    let error = |kind, start: usize, end: usize| DurationError {
        kind,
        range: TextRange::new(start as u32, end as u32),
        input: text.to_owned(),
        syntax,
    };
    let bytes = text.as_bytes();
    let mut pos = 0;
    let negative = match bytes.first() {
        Some(b'-') => {
            pos = 1;
            true
        }
        Some(b'+') => {
            pos = 1;
            false
        }
        _ => false,
    };
    if &text[pos..] == "0" {
        return Ok(0);
    }
    if pos == text.len() {
        return Err(error(DurationErrorKind::Invalid, 0, text.len()));
    }
    // Go counts in an unsigned 64-bit integer up to 2^63; go-str2duration in a signed one.
    let limit: u64 = match syntax {
        DurationSyntax::Go => 1 << 63,
        DurationSyntax::Compose => (1 << 63) - 1,
    };
    let mut total: u64 = 0;
    while pos < text.len() {
        let number_start = pos;
        if !(bytes[pos] == b'.' || bytes[pos].is_ascii_digit()) {
            let end = pos + char_len(text, pos);
            return Err(error(DurationErrorKind::Invalid, pos, end));
        }
        let (whole, whole_end) = leading_int(bytes, pos, limit).ok_or_else(|| {
            error(
                DurationErrorKind::OutOfRange,
                number_start,
                digits_end(bytes, pos),
            )
        })?;
        let mut fraction = 0u64;
        let mut scale = 1f64;
        let mut has_fraction = false;
        pos = whole_end;
        if bytes.get(pos) == Some(&b'.') {
            pos += 1;
            let fraction_start = pos;
            (fraction, scale, pos) = leading_fraction(bytes, pos, syntax);
            has_fraction = pos != fraction_start;
        }
        if whole_end == number_start && !has_fraction {
            // No digits at all: "." or ".s".
            return Err(error(DurationErrorKind::Invalid, number_start, pos));
        }
        let unit_start = pos;
        while pos < bytes.len() && !(bytes[pos] == b'.' || bytes[pos].is_ascii_digit()) {
            pos += 1;
        }
        if pos == unit_start {
            return Err(error(DurationErrorKind::MissingUnit, number_start, pos));
        }
        let unit_text = &text[unit_start..pos];
        let Some(unit) = unit_nanoseconds(unit_text, syntax) else {
            return Err(error(
                DurationErrorKind::UnknownUnit(unit_text.to_owned()),
                unit_start,
                pos,
            ));
        };
        let out_of_range = || error(DurationErrorKind::OutOfRange, number_start, pos);
        if whole > limit / unit {
            return Err(out_of_range());
        }
        let mut value = whole * unit;
        if fraction > 0 {
            // Go computes the fraction in floating point, to the nanosecond for hours.
            value += (fraction as f64 * (unit as f64 / scale)) as u64;
            if value > limit {
                return Err(out_of_range());
            }
        }
        // Go adds in an unsigned integer that may wrap (2^63 + 2^63 is 0); go-str2duration's
        // signed sum turns negative instead, which the limit catches the same way.
        total = match syntax {
            DurationSyntax::Go => total.wrapping_add(value),
            DurationSyntax::Compose => total + value,
        };
        if total > limit {
            return Err(out_of_range());
        }
    }
    if negative {
        // 2^63 negated is the most negative duration.
        return Ok((total as i64).wrapping_neg());
    }
    i64::try_from(total).map_err(|_| error(DurationErrorKind::OutOfRange, 0, text.len()))
}

fn char_len(text: &str, pos: usize) -> usize {
    text[pos..].chars().next().map_or(1, char::len_utf8)
}

fn digits_end(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        pos += 1;
    }
    pos
}

/// Go's `leadingInt`: the digits at `pos`, or `None` past the limit.
fn leading_int(bytes: &[u8], mut pos: usize, limit: u64) -> Option<(u64, usize)> {
    let mut value: u64 = 0;
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        if value > limit / 10 {
            return None;
        }
        value = value * 10 + u64::from(bytes[pos] - b'0');
        if value > limit {
            return None;
        }
        pos += 1;
    }
    Some((value, pos))
}

/// Go's `leadingFraction`: digits after the point; precision stops growing rather than
/// overflowing.
fn leading_fraction(bytes: &[u8], mut pos: usize, syntax: DurationSyntax) -> (u64, f64, usize) {
    let limit: u64 = match syntax {
        DurationSyntax::Go => 1 << 63,
        DurationSyntax::Compose => (1 << 63) - 1,
    };
    let mut value: u64 = 0;
    let mut scale = 1f64;
    let mut overflow = false;
    while pos < bytes.len() && bytes[pos].is_ascii_digit() {
        let digit = u64::from(bytes[pos] - b'0');
        pos += 1;
        if overflow {
            continue;
        }
        if value > ((1u64 << 63) - 1) / 10 {
            overflow = true;
            continue;
        }
        let next = value * 10 + digit;
        if next > limit {
            overflow = true;
            continue;
        }
        value = next;
        scale *= 10.0;
    }
    (value, scale, pos)
}

fn unit_nanoseconds(unit: &str, syntax: DurationSyntax) -> Option<u64> {
    const SECOND: u64 = 1_000_000_000;
    Some(match unit {
        "ns" => 1,
        // U+00B5 MICRO SIGN and U+03BC GREEK SMALL LETTER MU are both accepted.
        "us" | "µs" | "μs" => 1_000,
        "ms" => 1_000_000,
        "s" => SECOND,
        "m" => 60 * SECOND,
        "h" => 3600 * SECOND,
        "d" if syntax == DurationSyntax::Compose => 24 * 3600 * SECOND,
        "w" if syntax == DurationSyntax::Compose => 7 * 24 * 3600 * SECOND,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Nanoseconds, or the error kind and the text of its range.
    fn check(syntax: DurationSyntax, input: &str, expected: Result<i64, (&str, &str)>) {
        let result = parse(input, syntax).map_err(|e| {
            let kind = match e.kind {
                DurationErrorKind::Invalid => "invalid",
                DurationErrorKind::MissingUnit => "missing unit",
                DurationErrorKind::UnknownUnit(_) => "unknown unit",
                DurationErrorKind::OutOfRange => "out of range",
            };
            (kind, e.range.slice(input).to_owned())
        });
        let expected = expected.map_err(|(kind, text)| (kind, text.to_owned()));
        assert_eq!(result, expected, "{input:?}");
    }

    const S: i64 = 1_000_000_000;

    #[test]
    fn go_durations() {
        let go = |input, expected| check(DurationSyntax::Go, input, expected);
        go("0", Ok(0));
        go("-0", Ok(0));
        go("+0", Ok(0));
        go("5s", Ok(5 * S));
        go("30s", Ok(30 * S));
        go("1478s", Ok(1478 * S));
        go("-5s", Ok(-5 * S));
        go("+5s", Ok(5 * S));
        go("-0s", Ok(0));
        go("5.0s", Ok(5 * S));
        go("5.6s", Ok(5 * S + 600_000_000));
        go("5.s", Ok(5 * S));
        go(".5s", Ok(S / 2));
        go("1.0s", Ok(S));
        go("1.004s", Ok(S + 4_000_000));
        go("100.00100s", Ok(100 * S + 1_000_000));
        go("10ns", Ok(10));
        go("11us", Ok(11_000));
        go("12µs", Ok(12_000));
        go("12μs", Ok(12_000));
        go("13ms", Ok(13_000_000));
        go("14s", Ok(14 * S));
        go("15m", Ok(15 * 60 * S));
        go("16h", Ok(16 * 3600 * S));
        go("3h30m", Ok((3 * 3600 + 30 * 60) * S));
        go("10.5s4m", Ok(4 * 60 * S + 10 * S + S / 2));
        go("-2m3.4s", Ok(-(2 * 60 * S + 3 * S + 400_000_000)));
        go("1h2m3s4ms5us6ns", Ok(3723 * S + 4_005_006));
        go("39h9m14.425907423s", Ok(140_954_425_907_423));
        go("0.3333333333333333333h", Ok(20 * 60 * S));
        go("9007199254740993ns", Ok(9_007_199_254_740_993));
        go("9223372036854775807ns", Ok(i64::MAX));
        go("9223372036854775.807us", Ok(i64::MAX));
        go("-9223372036854775808ns", Ok(i64::MIN));
        go("-2562047h47m16.854775808s", Ok(i64::MIN));
        go("0.100000000000000000000h", Ok(6 * 60 * S));
        go(
            "0.830103483285477580700h",
            Ok(49 * 60 * S + 48 * S + 372_539_827),
        );
    }

    #[test]
    fn go_duration_errors() {
        let go = |input, expected| check(DurationSyntax::Go, input, Err(expected));
        go("", ("invalid", ""));
        go("3", ("missing unit", "3"));
        go("-", ("invalid", "-"));
        go("s", ("invalid", "s"));
        go(".", ("invalid", "."));
        go("-.", ("invalid", "."));
        go(".s", ("invalid", "."));
        go("+.s", ("invalid", "."));
        go("1d", ("unknown unit", "d"));
        go("3000000h", ("out of range", "3000000h"));
        go(
            "9223372036854775808ns",
            ("out of range", "9223372036854775808ns"),
        );
        go(
            "9223372036854775.808us",
            ("out of range", "9223372036854775.808us"),
        );
        go(
            "9223372036854ms775us808ns",
            ("out of range", "9223372036854ms775us808ns"),
        );
        go(
            "-9223372036854775809ns",
            ("out of range", "9223372036854775809"),
        );
        go("10 s", ("unknown unit", " s"));
        go("1h 30m", ("unknown unit", "h "));
        go("1.5.3s", ("missing unit", "1.5"));
    }

    #[test]
    fn compose_durations_add_days_and_weeks() {
        let compose = |input, expected| check(DurationSyntax::Compose, input, expected);
        compose("1d", Ok(24 * 3600 * S));
        compose("2w1d", Ok(15 * 24 * 3600 * S));
        compose("1.5d", Ok(36 * 3600 * S));
        compose("10", Err(("missing unit", "10")));
        compose("1y", Err(("unknown unit", "y")));
        compose("9223372036854775807ns", Ok(i64::MAX));
        // go-str2duration counts in a signed integer, so Go's most negative duration is out
        // of its reach.
        compose(
            "-9223372036854775808ns",
            Err(("out of range", "9223372036854775808")),
        );
    }

    #[test]
    fn messages_name_the_problem_in_both_languages() {
        let error = parse_duration("10").unwrap_err();
        assert_eq!(
            error.message().en,
            "missing unit in duration \"10\" (units: ns, us, ms, s, m, h)"
        );
        assert!(error.message().fr.contains("unité manquante"));
        let error = parse_compose_duration("3x").unwrap_err();
        assert_eq!(error.to_syntax_error().range, TextRange::new(1, 2));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_fit(text in "[-+0-9.a-zµμ ]{0,24}") {
            for syntax in [DurationSyntax::Go, DurationSyntax::Compose] {
                if let Err(error) = parse(&text, syntax) {
                    let range = error.range;
                    proptest::prop_assert!(range.end as usize <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(range.start as usize));
                    proptest::prop_assert!(text.is_char_boundary(range.end as usize));
                }
            }
        }
    }
}
