//! `.env` files as compose-go's `dotenv` package reads them (`GetEnvFromFile`).
//!
//! - One statement is `KEY=VALUE` or `KEY: VALUE`, with an optional `export ` prefix; blank
//!   lines and lines starting with `#` are skipped; a leading byte-order mark is ignored.
//! - Keys hold letters, digits, `_`, `.`, `-`, `[` and `]`; a space inside a key is an error.
//! - A bare `KEY` followed by a line break takes its value from the environment (or an
//!   earlier key); left unset otherwise. A bare `KEY` on the last line without a line break is
//!   read as a value with an empty key, as compose-go does.
//! - Unquoted values end at the line break, are cut at ` #` (a `#` after a space), trimmed at
//!   the end, and interpolated.
//! - `'single'` values are literal (only `\'` is unescaped). `"double"` values unescape `\"`,
//!   then `\n \t \r \a \b \f \v \\ \$` and octal `\0NNN`, then are interpolated. Quoted values
//!   may span lines; what follows the closing quote on the line is read as a new statement.
//! - Interpolation looks up the process environment first, then the keys read before.

use std::collections::HashMap;

use crate::compose::interpolation::{self, UnsetVariable};
use crate::go;
use crate::lookup::Lookup;
use crate::message::SyntaxError;
use crate::msg;
use crate::text::TextRange;

/// The statements of a `.env` file.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct DotEnv {
    pub entries: Vec<Entry>,
    /// Variables interpolated without a default and set nowhere; Compose warns about each.
    pub unset: Vec<UnsetVariable>,
}

impl DotEnv {
    /// The value of a key: the last statement that sets it wins.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .filter(|entry| entry.key == key)
            .find_map(|entry| entry.value.as_deref())
    }
}

/// One statement.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Entry {
    pub key: String,
    pub key_range: TextRange,
    /// The value after unquoting, unescaping and interpolation; `None` for a bare key that is
    /// set nowhere.
    pub value: Option<String>,
    /// The value as written, quotes included; empty at the end of the key for a bare key.
    pub value_range: TextRange,
    pub quoting: Quoting,
    pub exported: bool,
    /// From the key (or `export`) to the end of the value.
    pub range: TextRange,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Quoting {
    Unquoted,
    SingleQuoted,
    DoubleQuoted,
    /// A bare `KEY`, which takes its value from the environment.
    Inherited,
}

/// Parses a `.env` file; `environment` is the process environment, which wins over the file
/// in interpolation and gives bare keys their values.
pub fn parse_dotenv(
    text: &str,
    environment: &(impl Lookup + ?Sized),
) -> (DotEnv, Vec<SyntaxError>) {
    let mut parser = Parser {
        text,
        environment: &environment,
        values: HashMap::new(),
        dotenv: DotEnv::default(),
        errors: Vec::new(),
    };
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    parser.run(start);
    (parser.dotenv, parser.errors)
}

struct Parser<'t, 'e> {
    text: &'t str,
    environment: &'e dyn Lookup,
    /// The values read so far, for interpolation and bare keys.
    values: HashMap<String, String>,
    dotenv: DotEnv,
    errors: Vec<SyntaxError>,
}

/// compose-go's `isSpace`: blanks that are not line breaks.
fn is_blank(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

impl Parser<'_, '_> {
    fn skip_while(&self, mut pos: usize, keep: impl Fn(char) -> bool) -> usize {
        while let Some(c) = self.text[pos..].chars().next() {
            if !keep(c) {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    }

    fn next_line(&self, pos: usize) -> usize {
        self.text[pos..]
            .find('\n')
            .map_or(self.text.len(), |n| pos + n + 1)
    }

    fn line_end(&self, pos: usize) -> usize {
        self.text[pos..]
            .find('\n')
            .map_or(self.text.len(), |n| pos + n)
    }

    fn lookup(&self, name: &str) -> Option<String> {
        self.environment
            .get(name)
            .map(str::to_owned)
            .or_else(|| self.values.get(name).cloned())
    }

    fn run(&mut self, mut pos: usize) {
        let text = self.text;
        loop {
            // `getStatementStart`: skip white space and comment lines.
            loop {
                pos = self.skip_while(pos, go::is_space);
                if pos >= text.len() {
                    return;
                }
                if !text[pos..].starts_with('#') {
                    break;
                }
                match text[pos..].find('\n') {
                    Some(n) => pos += n,
                    None => return,
                }
            }
            pos = self.statement(pos);
        }
    }

    /// Reads one statement at `start`; returns where the next one may start.
    fn statement(&mut self, start: usize) -> usize {
        let text = self.text;
        let mut key_start = start;
        let mut exported = false;
        if let Some(rest) = text[start..].strip_prefix("export")
            && rest.starts_with(['\t', '\n', '\u{c}', '\r', ' '])
        {
            key_start = self.skip_while(start + "export".len(), is_blank);
            exported = true;
        }
        let mut separator = None;
        for (i, c) in text[key_start..].char_indices() {
            match c {
                c if is_blank(c) => {}
                '=' | ':' | '\n' => {
                    separator = Some((key_start + i, c));
                    break;
                }
                '_' | '.' | '-' | '[' | ']' => {}
                c if go::is_letter(c) || go::is_number(c) => {}
                c => {
                    let at = key_start + i;
                    let line = &text[start..self.line_end(start)];
                    self.errors.push(SyntaxError::new(
                        TextRange::at(at as u32, c.len_utf8() as u32),
                        msg!(
                            "unexpected character \"{c}\" in variable name \"{line}\"",
                            "caractère inattendu « {c} » dans le nom de variable « {line} »"
                        ),
                    ));
                    return self.next_line(at);
                }
            }
        }
        let (key_end, value_start, inherited) = match separator {
            Some((at, c)) => (at, at + 1, c == '\n'),
            // No separator before the end of the file: compose-go reads an empty key and
            // takes the whole text as its value.
            None => (key_start, key_start, false),
        };
        let key = text[key_start..key_end].trim_end_matches(go::is_space);
        let key_range = TextRange::new(key_start as u32, (key_start + key.len()) as u32);
        if key.contains(' ') {
            self.errors.push(SyntaxError::new(
                key_range,
                msg!(
                    "key cannot contain a space",
                    "le nom de variable ne peut pas contenir d'espace"
                ),
            ));
            return if inherited {
                value_start
            } else {
                self.next_line(value_start)
            };
        }
        let key = key.to_owned();
        let value_pos = self.skip_while(value_start, is_blank);
        if inherited {
            let value = self.lookup(&key);
            if let Some(value) = &value {
                self.values.insert(key.clone(), value.clone());
            }
            self.dotenv.entries.push(Entry {
                key,
                key_range,
                value,
                value_range: TextRange::empty(key_range.end),
                quoting: Quoting::Inherited,
                exported,
                range: TextRange::new(start as u32, key_range.end),
            });
            return value_pos;
        }
        let Some((value, value_range, quoting, next)) = self.value(value_pos) else {
            return self.next_line(value_pos);
        };
        self.values.insert(key.clone(), value.clone());
        self.dotenv.entries.push(Entry {
            key,
            key_range,
            value: Some(value),
            value_range,
            quoting,
            exported,
            range: TextRange::new(start as u32, value_range.end),
        });
        next
    }

    /// `extractVarValue`: the value at `pos`, its range, its quoting and where reading goes
    /// on; `None` for an unterminated quoted value.
    fn value(&mut self, pos: usize) -> Option<(String, TextRange, Quoting, usize)> {
        let text = self.text;
        let quote = match text.as_bytes().get(pos) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                let line_end = self.line_end(pos);
                let line = &text[pos..line_end];
                let value = line.find(" #").map_or(line, |cut| &line[..cut]);
                let value = value.trim_end_matches(go::is_space);
                let range = TextRange::at(pos as u32, value.len() as u32);
                let expanded = self.interpolate(value, &|r: TextRange| r.shift(pos as u32));
                let next = (line_end + 1).min(text.len());
                return Some((expanded, range, Quoting::Unquoted, next));
            }
        };
        // The characters between the quotes, with `\<quote>` unescaped, each with the source
        // span it came from.
        let mut raw = String::new();
        let mut spans: Vec<(u32, u32)> = Vec::new();
        let bytes = text.as_bytes();
        let mut escaped_at: Option<usize> = None;
        let mut i = pos + 1;
        while i < bytes.len() {
            let c_len = text[i..].chars().next().map_or(1, char::len_utf8);
            let byte = bytes[i];
            if byte != quote {
                if escaped_at.is_none() && byte == b'\\' {
                    escaped_at = Some(i);
                    i += 1;
                    continue;
                }
                if let Some(at) = escaped_at.take() {
                    raw.push('\\');
                    spans.push((at as u32, at as u32 + 1));
                }
                raw.push_str(&text[i..i + c_len]);
                spans.extend((0..c_len).map(|_| (i as u32, (i + c_len) as u32)));
                i += c_len;
                continue;
            }
            if let Some(at) = escaped_at.take() {
                raw.push(quote as char);
                spans.push((at as u32, i as u32 + 1));
                i += 1;
                continue;
            }
            let range = TextRange::new(pos as u32, i as u32 + 1);
            let (quoting, value) = if quote == b'"' {
                let (unescaped, unescaped_spans) = expand_escapes(&raw, &spans);
                let closing = i as u32;
                let map = |r: TextRange| map_range(r, &unescaped_spans, closing);
                (Quoting::DoubleQuoted, self.interpolate(&unescaped, &map))
            } else {
                (Quoting::SingleQuoted, raw)
            };
            return Some((value, range, quoting, i + 1));
        }
        let line_end = self.line_end(pos);
        let shown = &text[pos..line_end];
        self.errors.push(SyntaxError::new(
            TextRange::new(pos as u32, line_end as u32),
            msg!(
                "unterminated quoted value {shown}",
                "valeur entre guillemets non terminée {shown}"
            ),
        ));
        None
    }

    /// Interpolates a value; `map` turns ranges in `value` into ranges in the file.
    fn interpolate(&mut self, value: &str, map: &dyn Fn(TextRange) -> TextRange) -> String {
        let (template, errors) = interpolation::parse_template(value);
        let lookup = Earlier { parser: self };
        let result = interpolation::interpolate(&template, &lookup);
        for error in errors.into_iter().chain(result.errors) {
            self.errors
                .push(SyntaxError::new(map(error.range), error.message));
        }
        for unset in result.unset {
            self.dotenv.unset.push(UnsetVariable {
                range: map(unset.range),
                ..unset
            });
        }
        result.value
    }
}

/// The environment, then the keys read before.
struct Earlier<'p, 't, 'e> {
    parser: &'p Parser<'t, 'e>,
}

impl Lookup for Earlier<'_, '_, '_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.parser
            .environment
            .get(name)
            .or_else(|| self.parser.values.get(name).map(String::as_str))
    }
}

/// Maps a range in unescaped text to the file through the span of each byte.
fn map_range(range: TextRange, spans: &[(u32, u32)], end: u32) -> TextRange {
    let start = spans.get(range.start as usize).map_or(end, |s| s.0);
    if range.is_empty() {
        return TextRange::empty(start);
    }
    let last = spans.get(range.end as usize - 1).map_or(end, |s| s.1);
    TextRange::new(start, last.max(start))
}

/// compose-go's `expandEscapes`: `\a \b \f \n \r \t \v \\ \"` become their characters, `\$`
/// becomes `$$` (a literal `$` for interpolation), `\0` and up to three digits is an octal
/// character when Go accepts it (exactly three octal digits, at most 255); any other sequence
/// is kept.
fn expand_escapes(raw: &str, spans: &[(u32, u32)]) -> (String, Vec<(u32, u32)>) {
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut out_spans = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' || i + 1 >= bytes.len() {
            let len = raw[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&raw[i..i + len]);
            out_spans.extend_from_slice(&spans[i..i + len]);
            i += len;
            continue;
        }
        let next = bytes[i + 1];
        let len = match next {
            b'a' | b'b' | b'c' | b'f' | b'n' | b'r' | b't' | b'v' | b'$' | b'"' | b'\\' => 2,
            b'0' => {
                let digits = bytes[i + 2..]
                    .iter()
                    .take(3)
                    .take_while(|b| b.is_ascii_digit())
                    .count();
                2 + digits
            }
            _ => {
                out.push('\\');
                out_spans.push(spans[i]);
                i += 1;
                continue;
            }
        };
        let matched = &raw[i..i + len];
        let replacement: String = match next {
            b'$' => "$$".to_owned(),
            b'0' => octal(&matched[2..]).map_or_else(|| matched.to_owned(), String::from),
            b'a' => "\u{7}".to_owned(),
            b'b' => "\u{8}".to_owned(),
            b'f' => "\u{c}".to_owned(),
            b'n' => "\n".to_owned(),
            b'r' => "\r".to_owned(),
            b't' => "\t".to_owned(),
            b'v' => "\u{b}".to_owned(),
            b'"' => "\"".to_owned(),
            b'\\' => "\\".to_owned(),
            _ => matched.to_owned(),
        };
        let span = (spans[i].0, spans[i + len - 1].1);
        out_spans.extend((0..replacement.len()).map(|_| span));
        out.push_str(&replacement);
        i += len;
    }
    (out, out_spans)
}

/// Go's `UnquoteChar` on `\NNN`: exactly three octal digits, at most 255.
fn octal(digits: &str) -> Option<char> {
    if digits.len() != 3 || !digits.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    let value = u32::from_str_radix(digits, 8).ok()?;
    if value > 255 {
        return None;
    }
    char::from_u32(value)
}

#[cfg(test)]
mod tests;
