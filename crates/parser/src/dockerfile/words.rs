//! BuildKit's three ways of cutting an instruction's text into words: flag extraction
//! (`extractBuilderFlags`), word splitting with quotes kept (`parseWords`, for ENV, LABEL, ARG)
//! and plain whitespace splitting (`parseStringsWhitespaceDelimited`, for FROM, EXPOSE, ADD,
//! COPY, VOLUME). All offsets are byte offsets into the instruction's logical text.

use std::borrow::Cow;

use crate::text::TextRange;

/// Whitespace as Go's `unicode.IsSpace` (and so `strings.TrimSpace`) sees it; Rust's
/// `char::is_whitespace` is the same set.
pub(super) fn is_space(ch: char) -> bool {
    ch.is_whitespace()
}

/// The character at byte `pos` of `text` (a character boundary), decoded only when it is not
/// ASCII.
fn char_at(text: &str, pos: usize) -> Option<char> {
    let byte = *text.as_bytes().get(pos)?;
    if byte.is_ascii() {
        Some(char::from(byte))
    } else {
        text[pos..].chars().next()
    }
}

/// A leading `--flag` word of an instruction.
#[derive(Debug)]
pub(super) struct RawFlag<'a> {
    pub logical: TextRange,
    /// The word with quotes and escapes removed: borrowed from the line when it has none.
    pub text: Cow<'a, str>,
    /// Where the first `=` of `text` is: its index in `text` and its offset in the logical text.
    pub equals: Option<(usize, u32)>,
}

pub(super) struct ExtractedFlags {
    pub end_of_flags: Option<TextRange>,
    /// Where the rest of the line starts (before trimming), relative to the input.
    pub rest_start: usize,
}

/// Extracts the leading words that start with `--`, removing quotes and escapes from them, as
/// BuildKit's `extractBuilderFlags` does, handing each to `each` in order. A bare `--` ends the
/// flags and is consumed.
pub(super) fn extract_flags<'a>(
    line: &'a str,
    base: u32,
    escape: char,
    mut each: impl FnMut(RawFlag<'a>),
) -> ExtractedFlags {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut phase = Phase::Spaces;
    let mut text = String::new();
    let mut equals = None;
    let mut start = 0;
    let mut blank_ok = false;
    let mut next = 0;
    let offset = |pos: usize| base + pos as u32;
    let finish =
        |text: &mut String, equals: &mut Option<(usize, u32)>, start: usize, end: usize| RawFlag {
            logical: TextRange::new(offset(start), offset(end)),
            text: Cow::Owned(std::mem::take(text)),
            equals: equals.take(),
        };
    while let Some(ch) = char_at(line, next) {
        let pos = next;
        next += ch.len_utf8();
        if phase == Phase::Spaces {
            if is_space(ch) {
                continue;
            }
            if !line[pos..].starts_with("--") {
                return ExtractedFlags {
                    end_of_flags: None,
                    rest_start: pos,
                };
            }
            // Most flags are plain ASCII without quotes or escapes: take them whole.
            let simple_len = line[pos..]
                .bytes()
                .take_while(|&b| {
                    b.is_ascii_graphic() && b != b'\'' && b != b'"' && char::from(b) != escape
                })
                .count();
            let after = pos + simple_len;
            if char_at(line, after).is_none_or(is_space) {
                let word = &line[pos..after];
                if word == "--" {
                    return ExtractedFlags {
                        end_of_flags: Some(TextRange::new(offset(pos), offset(after))),
                        rest_start: after,
                    };
                }
                each(RawFlag {
                    logical: TextRange::new(offset(pos), offset(after)),
                    text: Cow::Borrowed(word),
                    equals: find_byte(b'=', word.as_bytes())
                        .map(|index| (index, offset(pos + index))),
                });
                // Skip the word; the character after it (a space or nothing) is read next.
                next = after;
                continue;
            }
            phase = Phase::Word;
            start = pos;
            blank_ok = false;
        }
        let mut ch = ch;
        let mut end = pos + ch.len_utf8();
        match phase {
            Phase::Word => {
                if is_space(ch) {
                    if text == "--" {
                        return ExtractedFlags {
                            end_of_flags: Some(TextRange::new(offset(start), offset(pos))),
                            rest_start: pos,
                        };
                    }
                    if blank_ok || !text.is_empty() {
                        each(finish(&mut text, &mut equals, start, pos));
                    }
                    text.clear();
                    phase = Phase::Spaces;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                    continue;
                }
                if ch == escape {
                    match char_at(line, next) {
                        Some(escaped) => {
                            ch = escaped;
                            next += escaped.len_utf8();
                            end = next;
                        }
                        None => continue,
                    }
                }
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                    continue;
                }
                if ch == escape {
                    match char_at(line, next) {
                        Some(escaped) => {
                            ch = escaped;
                            next += escaped.len_utf8();
                            end = next;
                        }
                        None => {
                            phase = Phase::Word;
                            continue;
                        }
                    }
                }
            }
            Phase::Spaces => unreachable!("the phase was set to Word above"),
        }
        if ch == '=' && equals.is_none() {
            equals = Some((text.len(), offset(end - 1)));
        }
        text.push(ch);
    }
    if phase != Phase::Spaces {
        if text == "--" {
            return ExtractedFlags {
                end_of_flags: Some(TextRange::new(offset(start), offset(line.len()))),
                rest_start: line.len(),
            };
        }
        if blank_ok || !text.is_empty() {
            each(finish(&mut text, &mut equals, start, line.len()));
        }
    }
    ExtractedFlags {
        end_of_flags: None,
        rest_start: line.len(),
    }
}

/// The first `byte` in `bytes`. The words and flags searched are short: a plain loop costs less
/// than memchr's set-up.
pub(super) fn find_byte(byte: u8, bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == byte)
}

/// BuildKit's `parseWords`: whitespace separates words; quotes group and are kept; the escape
/// token is kept with the character after it; a trailing escape token is dropped.
///
/// The words replace the contents of `words`, a buffer the caller reuses.
pub(super) fn split_words(rest: &str, base: u32, escape: char, words: &mut Vec<TextRange>) {
    words.clear();
    let bytes = rest.as_bytes();
    let escape = escape_byte(escape);
    let range = |start: usize, end: usize| TextRange::new(base + start as u32, base + end as u32);
    let mut pos = 0;
    loop {
        pos = skip_spaces(rest, pos);
        if pos == bytes.len() {
            return;
        }
        let start = pos;
        // Where the text of the word ends: a trailing escape token is not part of it.
        let mut end = pos;
        let mut blank_ok = false;
        let mut quote = None;
        while pos < bytes.len() {
            let byte = bytes[pos];
            if quote.is_none() {
                if is_ordinary(byte, escape) {
                    pos += 1;
                    end = pos;
                    continue;
                }
                if space_len(rest, pos) > 0 {
                    break;
                }
            }
            if quote == Some(byte) {
                quote = None;
            } else if quote.is_none() && (byte == b'\'' || byte == b'"') {
                quote = Some(byte);
                blank_ok = true;
            } else if byte == escape && quote != Some(b'\'') {
                if pos + 1 == bytes.len() {
                    // A trailing escape token is dropped, and ends the quote it is in.
                    quote = None;
                    pos += 1;
                    continue;
                }
                pos += 1;
            }
            pos += char_len(rest, pos);
            end = pos;
        }
        if blank_ok || end > start {
            words.push(range(start, end));
        }
    }
}

/// BuildKit's `parseStringsWhitespaceDelimited` on already trimmed text: words separated by
/// runs of `[\t\v\f\r ]`. The words replace the contents of `words`, a buffer the caller
/// reuses.
pub(super) fn split_whitespace(rest: &str, base: u32, words: &mut Vec<TextRange>) {
    words.clear();
    if rest.is_empty() {
        return;
    }
    // The separators are ASCII, and no byte of a multi-byte character is.
    let bytes = rest.as_bytes();
    let mut start = 0;
    let mut pos = 0;
    while pos < bytes.len() {
        if !is_separator_byte(bytes[pos]) {
            pos += 1;
            continue;
        }
        words.push(TextRange::new(base + start as u32, base + pos as u32));
        while pos < bytes.len() && is_separator_byte(bytes[pos]) {
            pos += 1;
        }
        start = pos;
    }
    // A separator run at the end leaves an empty last word, as Go's `regexp.Split` does (the
    // callers pass trimmed text, so it does not happen in practice).
    words.push(TextRange::new(
        base + start as u32,
        base + rest.len() as u32,
    ));
}

fn is_separator_byte(byte: u8) -> bool {
    matches!(byte, b'\t' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The escape token as a byte: it is `\` or a backtick.
fn escape_byte(escape: char) -> u8 {
    u8::try_from(escape).unwrap_or(b'\\')
}

/// A byte that is a whole character with no meaning to word splitting: visible ASCII other
/// than quotes and the escape token.
fn is_ordinary(byte: u8, escape: u8) -> bool {
    byte.is_ascii_graphic() && byte != b'\'' && byte != b'"' && byte != escape
}

/// The length of the character at byte `pos` of `text` (a character boundary).
fn char_len(text: &str, pos: usize) -> usize {
    match text.as_bytes()[pos] {
        byte if byte < 0x80 => 1,
        _ => text[pos..].chars().next().map_or(1, char::len_utf8),
    }
}

/// The length of the whitespace character at `pos` (as [`is_space`] sees it), 0 when the
/// character there is not whitespace.
fn space_len(text: &str, pos: usize) -> usize {
    match text.as_bytes()[pos] {
        byte if byte < 0x80 => usize::from(byte.is_ascii_whitespace() || byte == 0x0b),
        _ => match text[pos..].chars().next() {
            Some(ch) if is_space(ch) => ch.len_utf8(),
            _ => 0,
        },
    }
}

/// The first position from `pos` that is not whitespace.
fn skip_spaces(text: &str, mut pos: usize) -> usize {
    while pos < text.len() {
        match space_len(text, pos) {
            0 => break,
            len => pos += len,
        }
    }
    pos
}

/// BuildKit's `reWhitespace.Split(rest, 2)`: the text before the first separator run and the
/// text after it, if any. Separators are ASCII, and no byte of a multi-byte character is, so
/// bytes are searched.
pub(super) fn split_once_whitespace(rest: &str) -> (usize, Option<usize>) {
    let is_separator = |b: &u8| matches!(b, b'\t' | 0x0b | 0x0c | b'\r' | b' ');
    let bytes = rest.as_bytes();
    let Some(first) = bytes.iter().position(is_separator) else {
        return (rest.len(), None);
    };
    let after = bytes[first..]
        .iter()
        .position(|b| !is_separator(b))
        .map_or(rest.len(), |pos| first + pos);
    (first, Some(after))
}

/// The text with Unicode whitespace trimmed on both sides, as an offset range into it. ASCII
/// blanks are trimmed byte by byte; Unicode trimming takes over at a non-ASCII end.
pub(super) fn trim_range(text: &str, from: usize, to: usize) -> (usize, usize) {
    // `char::is_whitespace` on ASCII: `u8::is_ascii_whitespace` plus the vertical tab.
    let is_blank = |b: u8| b.is_ascii_whitespace() || b == 0x0b;
    let bytes = text.as_bytes();
    let (mut from, mut to) = (from, to);
    while from < to && is_blank(bytes[from]) {
        from += 1;
    }
    while to > from && is_blank(bytes[to - 1]) {
        to -= 1;
    }
    if from < to && (!bytes[from].is_ascii() || !bytes[to - 1].is_ascii()) {
        let slice = &text[from..to];
        let start = from + (slice.len() - slice.trim_start().len());
        let end = start + slice.trim().len();
        return (start, end);
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut ranges = Vec::new();
        split_words(text, 0, '\\', &mut ranges);
        ranges.into_iter().map(|range| range.slice(text)).collect()
    }

    #[test]
    fn words_keep_quotes_and_escapes() {
        assert_eq!(
            words(r#"a="b c" d\ e 'f\' g"#),
            [r#"a="b c""#, r"d\ e", r"'f\'", "g"]
        );
        assert_eq!(words("x \\"), ["x"]);
        assert_eq!(words(r#""""#), [r#""""#]);
    }

    #[test]
    fn flags_lose_quotes_and_stop_at_double_dash() {
        let line = r#"--a="b c" --d -- --e"#;
        let mut flags = Vec::new();
        let extracted = extract_flags(line, 0, '\\', |flag| flags.push(flag));
        let texts: Vec<_> = flags.iter().map(|f| &*f.text).collect();
        assert_eq!(texts, ["--a=b c", "--d"]);
        assert_eq!(extracted.end_of_flags.unwrap().slice(line), "--");
        assert_eq!(&line[extracted.rest_start..], " --e");
        let equals = flags[0].equals.unwrap();
        assert_eq!(equals, (3, 3));
    }

    #[test]
    fn whitespace_split_is_ascii_only() {
        let text = "a\u{a0}b c\t\td";
        let mut ranges = Vec::new();
        split_whitespace(text, 0, &mut ranges);
        let words: Vec<_> = ranges.into_iter().map(|range| range.slice(text)).collect();
        assert_eq!(words, ["a\u{a0}b", "c", "d"]);
    }
}
