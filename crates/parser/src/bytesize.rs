//! Sizes in bytes as docker/go-units v0.5.0 reads them.
//!
//! - [`parse_ram_in_bytes`] is `units.RAMInBytes`: binary multiples (`k` = 1024). Compose reads
//!   every byte value with it after trying a plain integer ([`parse_compose_bytes`]):
//!   `mem_limit`, `mem_reservation`, `memswap_limit`, `mem_swappiness`, `shm_size`,
//!   `build.shm_size`, `deploy.resources.*.memory`, `volumes[].tmpfs.size`, blkio rates.
//! - [`parse_human_size`] is `units.FromHumanSize`: decimal multiples (`k` = 1000). dockerd
//!   reads the `max-size` log option of the json-file and local drivers with it (Compose
//!   `logging.options.max-size`, daemon.json `log-opts`).
//!
//! The grammar: a number as Go's `strconv.ParseFloat` reads it (`1.5`, `1e3`), then an
//! optional suffix, either glued to the number or after one space: `b`, or one of
//! `k m g t p` optionally followed by `b` or `ib`, in any case. Negative sizes are refused. The
//! result is truncated to whole bytes.

use crate::go;
use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::TextRange;

/// Why a size was refused, with the range of the offending text.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SizeError {
    pub kind: SizeErrorKind,
    pub range: TextRange,
    pub input: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SizeErrorKind {
    /// No digit at all, or a negative number.
    InvalidSize,
    /// The number is not one Go reads (`1.2.3`, `1k5`).
    InvalidNumber,
    /// The suffix is not a known unit.
    InvalidSuffix,
    /// More bytes than a signed 64-bit integer holds; Go's conversion would give a
    /// platform-dependent value.
    TooLarge,
}

impl SizeError {
    pub fn message(&self) -> Message {
        let input = &self.input;
        let part = self.range.slice(input);
        match self.kind {
            SizeErrorKind::InvalidSize => msg!(
                "invalid size: '{input}' (expected a positive number and a unit, such as 512m or 2g)",
                "taille invalide : « {input} » (il faut un nombre positif et une unité, comme 512m ou 2g)"
            ),
            SizeErrorKind::InvalidNumber => msg!(
                "invalid size: '{input}': '{part}' is not a number",
                "taille invalide : « {input} » : « {part} » n'est pas un nombre"
            ),
            SizeErrorKind::InvalidSuffix => msg!(
                "invalid suffix: '{part}' in size '{input}' (b, k, m, g, t or p, optionally followed by b or ib)",
                "suffixe invalide : « {part} » dans la taille « {input} » (b, k, m, g, t ou p, éventuellement suivi de b ou ib)"
            ),
            SizeErrorKind::TooLarge => msg!(
                "size '{input}' is too large",
                "la taille « {input} » est trop grande"
            ),
        }
    }

    pub fn to_syntax_error(&self) -> SyntaxError {
        SyntaxError::new(self.range, self.message())
    }
}

/// `units.RAMInBytes`: `k`, `m`, `g`, `t`, `p` are powers of 1024.
pub fn parse_ram_in_bytes(text: &str) -> Result<i64, SizeError> {
    parse_size(text, 1024)
}

/// `units.FromHumanSize`: `k`, `m`, `g`, `t`, `p` are powers of 1000.
pub fn parse_human_size(text: &str) -> Result<i64, SizeError> {
    parse_size(text, 1000)
}

/// Compose's `UnitBytes`: a plain integer (negative allowed, such as `-1` for unlimited swap),
/// else [`parse_ram_in_bytes`].
pub fn parse_compose_bytes(text: &str) -> Result<i64, SizeError> {
    match go::parse_int(text) {
        Ok(value) => Ok(value),
        Err(_) => parse_ram_in_bytes(text),
    }
}

fn parse_size(text: &str, base: i64) -> Result<i64, SizeError> {
    let error = |kind, start: usize, end: usize| SizeError {
        kind,
        range: TextRange::new(start as u32, end as u32),
        input: text.to_owned(),
    };
    let Some(separator) = text.rfind(|c: char| c.is_ascii_digit() || c == '.' || c == ' ') else {
        return Err(error(SizeErrorKind::InvalidSize, 0, text.len()));
    };
    let (number, suffix_start) = if text.as_bytes()[separator] == b' ' {
        (&text[..separator], separator + 1)
    } else {
        (&text[..separator + 1], separator + 1)
    };
    let suffix = &text[suffix_start..];
    let size = match go::parse_float(number) {
        Ok(size) => size,
        Err(_) => return Err(error(SizeErrorKind::InvalidNumber, 0, number.len())),
    };
    if size < 0.0 {
        return Err(error(SizeErrorKind::InvalidSize, 0, text.len()));
    }
    let bad_suffix = || error(SizeErrorKind::InvalidSuffix, suffix_start, text.len());
    let multiplier = if suffix.is_empty() {
        1
    } else {
        if suffix.len() > 3 {
            return Err(bad_suffix());
        }
        let lower = suffix.to_ascii_lowercase();
        let mut chars = lower.chars();
        let power = match chars.next() {
            Some('b') => {
                if lower.len() > 1 {
                    return Err(bad_suffix());
                }
                0
            }
            Some('k') => 1,
            Some('m') => 2,
            Some('g') => 3,
            Some('t') => 4,
            Some('p') => 5,
            _ => return Err(bad_suffix()),
        };
        let rest = chars.as_str();
        if power > 0 && !matches!(rest, "" | "b" | "ib") {
            return Err(bad_suffix());
        }
        base.pow(power)
    };
    let bytes = size * multiplier as f64;
    // Go converts with `int64(size)`: truncation toward zero (NaN gives no size here).
    if bytes.is_nan() || bytes >= 9_223_372_036_854_775_808.0 {
        return Err(error(SizeErrorKind::TooLarge, 0, text.len()));
    }
    Ok(bytes as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(parse: fn(&str) -> Result<i64, SizeError>, input: &str, expected: Result<i64, &str>) {
        let actual = parse(input).map_err(|e| format!("{:?} @ {:?}", e.kind, e.range.slice(input)));
        let expected = expected.map_err(str::to_owned);
        assert_eq!(actual, expected, "{input:?}");
    }

    const K: i64 = 1024;

    #[test]
    fn ram_in_bytes() {
        let ram = |input, expected| check(parse_ram_in_bytes, input, expected);
        ram("32", Ok(32));
        ram("32b", Ok(32));
        ram("32B", Ok(32));
        ram("32k", Ok(32 * K));
        ram("32K", Ok(32 * K));
        ram("32kb", Ok(32 * K));
        ram("32Kb", Ok(32 * K));
        ram("32Mb", Ok(32 * K * K));
        ram("32Gb", Ok(32 * K * K * K));
        ram("32Tb", Ok(32 * K * K * K * K));
        ram("8Pb", Ok(8 * K * K * K * K * K));
        ram("32.3", Ok(32));
        ram("32.3k", Ok(33075));
        ram("32.3 kib", Ok(33075));
        ram("0.3MiB", Ok(314572));
        ram("1e3", Ok(1000));
        ram("1_000m", Ok(1000 * K * K));
        ram("512 m", Ok(512 * K * K));
        ram("10 ", Ok(10));
        ram("-0", Ok(0));
        ram("", Err("InvalidSize @ \"\""));
        ram("hello", Err("InvalidSize @ \"hello\""));
        ram("-32", Err("InvalidSize @ \"-32\""));
        ram(" 32 ", Err("InvalidNumber @ \" 32\""));
        ram("32m b", Err("InvalidNumber @ \"32m\""));
        ram("32  mb", Err("InvalidNumber @ \"32 \""));
        ram("1k5", Err("InvalidNumber @ \"1k5\""));
        ram("32.a", Err("InvalidSuffix @ \"a\""));
        ram("32bm", Err("InvalidSuffix @ \"bm\""));
        ram("32kk", Err("InvalidSuffix @ \"kk\""));
        ram("32kbb", Err("InvalidSuffix @ \"kbb\""));
        ram("32mbi", Err("InvalidSuffix @ \"mbi\""));
        ram("32ib", Err("InvalidSuffix @ \"ib\""));
        ram("32x", Err("InvalidSuffix @ \"x\""));
        ram("9999999p", Err("TooLarge @ \"9999999p\""));
    }

    #[test]
    fn human_size_is_decimal() {
        let human = |input, expected| check(parse_human_size, input, expected);
        human("10m", Ok(10_000_000));
        human("10MB", Ok(10_000_000));
        human("10MiB", Ok(10_000_000));
        human("1.5k", Ok(1500));
        human("3", Ok(3));
        human("10q", Err("InvalidSuffix @ \"q\""));
    }

    #[test]
    fn compose_bytes_accept_plain_integers_first() {
        let compose = |input, expected| check(parse_compose_bytes, input, expected);
        compose("-1", Ok(-1));
        compose("+512", Ok(512));
        compose("9223372036854775807", Ok(i64::MAX));
        compose("1g", Ok(K * K * K));
        compose("-1g", Err("InvalidSize @ \"-1g\""));
        let error = parse_compose_bytes("1x").unwrap_err();
        assert!(error.message().en.starts_with("invalid suffix: 'x'"));
        assert!(error.message().fr.starts_with("suffixe invalide"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_ranges_fit(text in "[-+0-9.eEkKmMgGtTpPbBi xé_]{0,16}") {
            for parse in [parse_ram_in_bytes, parse_human_size, parse_compose_bytes] {
                if let Err(error) = parse(&text) {
                    let range = error.range;
                    proptest::prop_assert!(range.end as usize <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(range.start as usize));
                    proptest::prop_assert!(text.is_char_boundary(range.end as usize));
                }
            }
        }
    }
}
