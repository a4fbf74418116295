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

/// The separators of BuildKit's `reWhitespace` (`[\t\v\f\r ]+`): ASCII only.
pub(super) fn is_separator(ch: char) -> bool {
    matches!(ch, '\t' | '\u{b}' | '\u{c}' | '\r' | ' ')
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
                    equals: memchr::memchr(b'=', word.as_bytes())
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

/// BuildKit's `parseWords`: whitespace separates words; quotes group and are kept; the escape
/// token is kept with the character after it; a trailing escape token is dropped.
///
/// The words replace the contents of `words`, a buffer the caller reuses.
pub(super) fn split_words(rest: &str, base: u32, escape: char, words: &mut Vec<TextRange>) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    words.clear();
    let mut phase = Phase::Spaces;
    let mut start = 0;
    let mut end = 0;
    let mut blank_ok = false;
    let mut written = false;
    let mut next = 0;
    let range = |start: usize, end: usize| TextRange::new(base + start as u32, base + end as u32);
    while let Some(ch) = char_at(rest, next) {
        let pos = next;
        next += ch.len_utf8();
        if phase == Phase::Spaces {
            if is_space(ch) {
                continue;
            }
            // Most words are plain ASCII without quotes or escapes: take them whole.
            let simple_len = rest[pos..]
                .bytes()
                .take_while(|&b| {
                    b.is_ascii_graphic() && b != b'\'' && b != b'"' && char::from(b) != escape
                })
                .count();
            let after = pos + simple_len;
            if simple_len > 0 && char_at(rest, after).is_none_or(is_space) {
                words.push(range(pos, after));
                next = after;
                continue;
            }
            phase = Phase::Word;
            start = pos;
            end = pos;
            written = false;
            blank_ok = false;
        }
        let at_end = next == rest.len();
        match phase {
            Phase::Word => {
                if is_space(ch) {
                    if blank_ok || written {
                        words.push(range(start, end));
                    }
                    phase = Phase::Spaces;
                    continue;
                }
                if ch == '\'' || ch == '"' {
                    phase = Phase::Quote(ch);
                    blank_ok = true;
                }
                if ch == escape {
                    if at_end {
                        continue;
                    }
                    if let Some(escaped) = char_at(rest, next) {
                        next += escaped.len_utf8();
                        end = next;
                        written = true;
                        continue;
                    }
                }
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                }
                if ch == escape && quote != '\'' {
                    if at_end {
                        phase = Phase::Word;
                        continue;
                    }
                    if let Some(escaped) = char_at(rest, next) {
                        next += escaped.len_utf8();
                        end = next;
                        written = true;
                        continue;
                    }
                }
            }
            Phase::Spaces => unreachable!("the phase was set to Word above"),
        }
        end = pos + ch.len_utf8();
        written = true;
    }
    if phase != Phase::Spaces && (blank_ok || written) {
        words.push(range(start, end));
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
    let mut start = 0;
    let mut in_separator = false;
    for (pos, ch) in rest.char_indices() {
        if is_separator(ch) {
            if !in_separator {
                words.push(TextRange::new(base + start as u32, base + pos as u32));
                in_separator = true;
            }
        } else if in_separator {
            start = pos;
            in_separator = false;
        }
    }
    // A separator run at the end leaves an empty last word, as Go's `regexp.Split` does (the
    // callers pass trimmed text, so it does not happen in practice).
    let last_start = if in_separator { rest.len() } else { start };
    words.push(TextRange::new(
        base + last_start as u32,
        base + rest.len() as u32,
    ));
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
