//! Heredoc detection in an instruction line, as BuildKit does it (`heredocsFromLine`,
//! `heredocFromMatch`): the line is cut into shell words by BuildKit's shell lexer (quotes and
//! escapes kept, unset variables left as written, always with `\` as the escape character),
//! and each word matching `^(\d*)<<(-?)\s*([^<]*)$` is a heredoc marker whose delimiter is
//! lexed again to unquote it.
//!
//! The lexer below follows `shell/lex.go` closely, quirks included (a `${...}` expansion
//! resets the word being built), because which words count as markers depends on them.

use compact_str::CompactString;

use crate::text::TextRange;

/// A heredoc marker found in a line: offsets relative to the lexed text.
#[derive(Debug)]
pub(super) struct Marker {
    pub start: usize,
    pub end: usize,
    pub fd: u32,
    pub chomp: bool,
    pub expand: bool,
    pub name: CompactString,
    /// The delimiter as written.
    pub name_start: usize,
}

/// The markers of `line`, in order; `Err` (BuildKit's message) when a marker's delimiter cannot
/// be lexed.
pub(super) fn markers(line: &str) -> Result<Vec<Marker>, String> {
    match plain_line_markers(line) {
        Some(markers) => markers,
        None => lexed_markers(line),
    }
}

/// The markers of a line with no quote, escape, variable or non-ASCII byte, and no blank right
/// after a `<<` (which the lexer keeps in the marker's word), as most heredoc lines are: the
/// lexer's words are then the blank-separated words, and it need not run.
fn plain_line_markers(line: &str) -> Option<Result<Vec<Marker>, String>> {
    let bytes = line.as_bytes();
    let special = |b: &u8| !b.is_ascii() || matches!(b, b'$' | b'\'' | b'"' | b'\\');
    let blank_after_operator = bytes
        .windows(3)
        .any(|w| w[0] == b'<' && w[1] == b'<' && matches!(w[2], b'\t' | b'\r' | b' '));
    if bytes.iter().any(special) || blank_after_operator {
        return None;
    }
    // The lexer's blanks: `char::is_whitespace` on ASCII.
    let is_blank = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let mut markers = Vec::new();
    let mut pos = 0;
    while pos < bytes.len() {
        if is_blank(bytes[pos]) {
            pos += 1;
            continue;
        }
        let start = pos;
        while pos < bytes.len() && !is_blank(bytes[pos]) {
            pos += 1;
        }
        match marker(&line[start..pos], start, pos, true) {
            Ok(Some(marker)) => markers.push(marker),
            Ok(None) => {}
            Err(error) => return Some(Err(error)),
        }
    }
    Some(Ok(markers))
}

fn lexed_markers(line: &str) -> Result<Vec<Marker>, String> {
    // Errors in the line as a whole are ignored: the line then has no heredocs.
    let mut lexer = Lexer::new(line, true, true);
    // Only words that can be markers are kept: the others need no allocation.
    lexer.markers_only = true;
    let Ok(words) = lexer.words() else {
        return Ok(Vec::new());
    };
    let mut markers = Vec::new();
    for word in words {
        if let Some(marker) = marker(&word.text, word.start, word.end, word.exact)? {
            markers.push(marker);
        }
    }
    Ok(markers)
}

/// Whether `word` (an ADD or COPY argument) is a heredoc marker, as BuildKit's
/// `MustParseHeredoc` decides; errors count as no.
pub(super) fn is_marker(word: &str) -> bool {
    matches!(marker(word, 0, word.len(), true), Ok(Some(_)))
}

fn marker(text: &str, start: usize, end: usize, exact: bool) -> Result<Option<Marker>, String> {
    // ^(\d*)<<(-?)\s*([^<]*)$
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let Some(after) = text[digits..].strip_prefix("<<") else {
        return Ok(None);
    };
    let (chomp, after) = match after.strip_prefix('-') {
        Some(after) => (true, after),
        None => (false, after),
    };
    let rest = after.trim_start_matches(['\t', '\n', '\u{c}', '\r', ' ']);
    if rest.contains('<') || rest.is_empty() {
        return Ok(None);
    }
    let fd = text[..digits].parse::<u32>().unwrap_or(0);
    // Most delimiters are a plain word (`EOF`): both lexers give it back as is, unquoted, so
    // the body is expanded. Lexing is only needed for the others.
    let plain = rest
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if plain {
        return Ok(Some(Marker {
            start,
            end,
            fd,
            chomp,
            expand: true,
            name: rest.into(),
            name_start: if exact { end - rest.len() } else { start },
        }));
    }
    let unquoted = Lexer::new(rest, false, false)
        .words()
        .map_err(|error| format!("failed to process {}: {error}", go_quote_simple(rest)))?;
    let [word] = unquoted.as_slice() else {
        return Ok(None);
    };
    let raw = Lexer::new(rest, true, false)
        .words()
        .map_err(|error| format!("failed to process {}: {error}", go_quote_simple(rest)))?;
    let quotes = |text: &str| text.chars().filter(|&ch| ch == '\'' || ch == '"').count();
    let expand = raw.len() == 1 && quotes(&word.text) == quotes(&raw[0].text);
    // The word's text is the source text unless a `$` expansion rewrote it; the delimiter then
    // starts where the word does.
    let name_start = if exact { end - rest.len() } else { start };
    Ok(Some(Marker {
        start,
        end,
        fd,
        chomp,
        expand,
        name: word.text.as_str().into(),
        name_start,
    }))
}

/// A Go-quoted string for error messages (only `"` and `\` need escaping here in practice).
fn go_quote_simple(text: &str) -> String {
    super::sexp::go_quote(text)
}

#[derive(Debug)]
struct LexWord {
    text: String,
    start: usize,
    end: usize,
    /// Whether `text` equals the source text at `start..end`.
    exact: bool,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    raw_quotes: bool,
    raw_escapes: bool,
    /// The buffer of the word being built; shared by nested calls, as in Go.
    buffer: String,
    buffer_start: Option<usize>,
    buffer_exact: bool,
    /// Keep only the words that start like a heredoc marker (`\d*<<`).
    markers_only: bool,
}

/// The words being collected by one `processStopOn` call.
struct Words {
    words: Vec<LexWord>,
    in_word: bool,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str, raw_quotes: bool, raw_escapes: bool) -> Self {
        // Go's text/scanner skips a byte-order mark at the start of its input.
        let pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Lexer {
            src,
            pos,
            raw_quotes,
            raw_escapes,
            buffer: String::new(),
            buffer_start: None,
            buffer_exact: true,
            markers_only: false,
        }
    }

    fn words(mut self) -> Result<Vec<LexWord>, &'static str> {
        let raw_escapes = self.raw_escapes;
        self.process_stop_on(None, raw_escapes)
            .map(|(_, words)| words)
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn next(&mut self) -> Option<char> {
        let ch = self.peek()?;
        self.pos += ch.len_utf8();
        Some(ch)
    }

    fn add_char(&mut self, words: &mut Words, ch: char, source_start: usize) {
        if ch.is_whitespace() {
            if words.in_word && !self.buffer.is_empty() {
                self.flush(words);
                words.in_word = false;
            }
        } else {
            self.add_raw(words, ch.encode_utf8(&mut [0; 4]), source_start, true);
        }
    }

    fn add_raw(&mut self, words: &mut Words, text: &str, source_start: usize, exact: bool) {
        if self.buffer.is_empty() {
            self.buffer_start = Some(source_start);
            self.buffer_exact = true;
        }
        self.buffer_exact &= exact;
        self.buffer.push_str(text);
        words.in_word = true;
    }

    fn flush(&mut self, words: &mut Words) {
        let start = self.buffer_start.take().unwrap_or(self.pos);
        if self.markers_only
            && !self
                .buffer
                .trim_start_matches(|ch: char| ch.is_ascii_digit())
                .starts_with("<<")
        {
            self.buffer.clear();
            return;
        }
        let text = std::mem::take(&mut self.buffer);
        let exact = self.buffer_exact && self.src.get(start..start + text.len()) == Some(&text);
        words.words.push(LexWord {
            end: if exact { start + text.len() } else { self.pos },
            text,
            start,
            exact,
        });
    }

    fn process_stop_on(
        &mut self,
        stop: Option<char>,
        raw_escapes: bool,
    ) -> Result<(String, Vec<LexWord>), &'static str> {
        // The text of the whole line (no stop character) is never read: only nested calls
        // build theirs.
        let keep_result = stop.is_some();
        let mut result = String::new();
        self.buffer.clear();
        self.buffer_start = None;
        let mut words = Words {
            words: Vec::new(),
            in_word: false,
        };
        let saved_raw_escapes = std::mem::replace(&mut self.raw_escapes, raw_escapes);
        let outcome = loop {
            let Some(ch) = self.peek() else {
                break None;
            };
            if stop == Some(ch) {
                self.next();
                break Some(());
            }
            let start = self.pos;
            match ch {
                '$' => {
                    let text = match self.process_dollar() {
                        Ok(text) => text,
                        Err(error) => {
                            self.raw_escapes = saved_raw_escapes;
                            return Err(error);
                        }
                    };
                    if keep_result {
                        result.push_str(&text);
                    }
                    let exact = self.src[start..self.pos] == text;
                    if exact {
                        for (offset, ch) in text.char_indices() {
                            self.add_char(&mut words, ch, start + offset);
                        }
                    } else {
                        for ch in text.chars() {
                            if ch.is_whitespace() {
                                self.add_char(&mut words, ch, start);
                            } else {
                                self.add_raw(&mut words, ch.encode_utf8(&mut [0; 4]), start, false);
                            }
                        }
                    }
                }
                '<' | '\'' | '"' => {
                    let text = match ch {
                        '<' => Ok(self.process_possible_heredoc()),
                        '\'' => self.process_single_quote(),
                        _ => self.process_double_quote(),
                    };
                    let text = match text {
                        Ok(text) => text,
                        Err(error) => {
                            self.raw_escapes = saved_raw_escapes;
                            return Err(error);
                        }
                    };
                    if keep_result {
                        result.push_str(&text);
                    }
                    let exact = self.src[start..self.pos] == text;
                    self.add_raw(&mut words, &text, start, exact);
                }
                _ => {
                    self.next();
                    if ch == '\\' {
                        if self.raw_escapes {
                            self.add_raw(&mut words, "\\", start, true);
                            if keep_result {
                                result.push('\\');
                            }
                        }
                        let escaped_start = self.pos;
                        let Some(escaped) = self.next() else {
                            break None;
                        };
                        // Without raw escapes the escape character is dropped: the word no
                        // longer matches its source text.
                        self.add_raw(
                            &mut words,
                            escaped.encode_utf8(&mut [0; 4]),
                            escaped_start,
                            self.raw_escapes,
                        );
                        if keep_result {
                            result.push(escaped);
                        }
                    } else {
                        self.add_char(&mut words, ch, start);
                        if keep_result {
                            result.push(ch);
                        }
                    }
                }
            }
        };
        self.raw_escapes = saved_raw_escapes;
        match (outcome, stop) {
            (None, Some('}')) => {
                return Err("unexpected end of statement while looking for matching }");
            }
            (None, Some(_)) => {
                return Err("unexpected end of statement while looking for matching /");
            }
            _ => {}
        }
        if !self.buffer.is_empty() {
            self.flush(&mut words);
        }
        Ok((result, words.words))
    }

    fn process_single_quote(&mut self) -> Result<String, &'static str> {
        let mut result = String::new();
        let quote = self.next();
        if self.raw_quotes {
            result.extend(quote);
        }
        loop {
            match self.next() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching single-quote",
                    );
                }
                Some('\'') => {
                    if self.raw_quotes {
                        result.push('\'');
                    }
                    return Ok(result);
                }
                Some(ch) => result.push(ch),
            }
        }
    }

    fn process_double_quote(&mut self) -> Result<String, &'static str> {
        let mut result = String::new();
        let quote = self.next();
        if self.raw_quotes {
            result.extend(quote);
        }
        loop {
            match self.peek() {
                None => {
                    return Err(
                        "unexpected end of statement while looking for matching double-quote",
                    );
                }
                Some('"') => {
                    self.next();
                    if self.raw_quotes {
                        result.push('"');
                    }
                    return Ok(result);
                }
                Some('$') => {
                    let value = self.process_dollar()?;
                    result.push_str(&value);
                }
                Some(_) => {
                    let mut ch = self.next().unwrap_or_default();
                    if ch == '\\' {
                        if self.raw_escapes {
                            result.push('\\');
                        }
                        match self.peek() {
                            None => continue,
                            Some('"' | '$' | '\\') => ch = self.next().unwrap_or_default(),
                            Some(_) => {}
                        }
                    }
                    result.push(ch);
                }
            }
        }
    }

    /// `$name`, `${name}` and `${name<modifier>word}`, with every variable unset and left as
    /// written (`SkipUnsetEnv`).
    fn process_dollar(&mut self) -> Result<String, &'static str> {
        self.next();
        if self.peek() != Some('{') {
            let name = self.process_name();
            return Ok(format!("${name}"));
        }
        self.next();
        match self.peek() {
            None => return Err("syntax error: missing '}'"),
            Some('{' | '}' | ':') => return Err("syntax error: bad substitution"),
            Some(_) => {}
        }
        let name = self.process_name();
        let ch = self.next();
        let mut modifier = ch.map_or('\u{fffd}'.to_string(), String::from);
        let mut ch = ch;
        let mut null_is_unset = false;
        match ch {
            Some('}') => Ok(format!("${{{name}}}")),
            Some(':' | '+' | '-' | '?' | '#' | '%') => {
                if ch == Some(':') {
                    null_is_unset = true;
                    ch = self.next();
                    modifier.push(ch.unwrap_or('\u{fffd}'));
                }
                let raw_escapes = matches!(ch, Some('#' | '%'));
                if null_is_unset && raw_escapes {
                    return Err("unsupported modifier in substitution");
                }
                let (word, _) = self
                    .process_stop_on(Some('}'), raw_escapes)
                    .map_err(|error| {
                        if self.peek().is_none() {
                            "syntax error: missing '}'"
                        } else {
                            error
                        }
                    })?;
                Ok(format!("${{{name}{modifier}{word}}}"))
            }
            Some('/') => {
                if self.peek() == Some('/') {
                    self.next();
                }
                let (pattern, _) = self.process_stop_on(Some('/'), true).map_err(|error| {
                    if self.peek().is_none() {
                        "syntax error: missing '/' in ${}"
                    } else {
                        error
                    }
                })?;
                let (replacement, _) = self.process_stop_on(Some('}'), true).map_err(|error| {
                    if self.peek().is_none() {
                        "syntax error: missing '}'"
                    } else {
                        error
                    }
                })?;
                Ok(format!("${{{name}/{pattern}/{replacement}}}"))
            }
            _ => Err("unsupported modifier in substitution"),
        }
    }

    fn process_name(&mut self) -> String {
        let mut name = String::new();
        while let Some(ch) = self.peek() {
            if name.is_empty() && is_digit(ch) {
                while let Some(digit) = self.peek().filter(|&ch| is_digit(ch)) {
                    self.next();
                    name.push(digit);
                }
                return name;
            }
            if name.is_empty() && matches!(ch, '@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') {
                self.next();
                name.push(ch);
                return name;
            }
            if !crate::go::is_letter(ch) && !is_digit(ch) && ch != '_' {
                break;
            }
            self.next();
            name.push(ch);
        }
        name
    }

    fn process_possible_heredoc(&mut self) -> String {
        self.next();
        if self.peek() != Some('<') {
            return "<".to_string();
        }
        self.next();
        let mut result = "<<".to_string();
        while let Some(ch) = self.peek().filter(|ch| matches!(ch, '\t' | '\r' | ' ')) {
            self.next();
            result.push(ch);
        }
        result
    }
}

use crate::go::is_digit;

/// The file range of a marker found in a logical text that starts at logical offset `base`.
pub(super) fn marker_range(base: u32, start: usize, end: usize) -> TextRange {
    TextRange::new(base + start as u32, base + end as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str, expected: &[(&str, &str, bool, bool)]) {
        let markers = markers(line).unwrap();
        let actual: Vec<_> = markers
            .iter()
            .map(|marker| {
                (
                    &line[marker.start..marker.end],
                    marker.name.as_str(),
                    marker.expand,
                    marker.chomp,
                )
            })
            .collect();
        assert_eq!(actual, expected, "{line}");
    }

    #[test]
    fn finds_markers_like_buildkit() {
        check("RUN cat <<EOF", &[("<<EOF", "EOF", true, false)]);
        check("RUN <<-'E O' cat", &[("<<-'E O'", "E O", false, true)]);
        check(
            "COPY <<a 3<<\"b\" /dst/",
            &[("<<a", "a", true, false), ("3<<\"b\"", "b", false, false)],
        );
        check("RUN cat << EOF", &[("<< EOF", "EOF", true, false)]);
        check("RUN cat <<- EOF", &[]);
        check("RUN cat <<<EOF \"<<EOF\" <<", &[]);
        check("RUN echo 'it <<EOF", &[]);
        check("RUN cat <<e'o'f", &[("<<e'o'f", "eof", false, false)]);
    }

    proptest::proptest! {
        /// The shortcut for plain lines finds what the lexer finds.
        #[test]
        fn plain_lines_give_the_markers_the_lexer_gives(
            line in "[a-z0-9<> \t\x0b\x0c\r\n.-]{0,24}",
        ) {
            let summary = |markers: Result<Vec<Marker>, String>| {
                markers.map(|markers| {
                    markers
                        .into_iter()
                        .map(|m| (m.start, m.end, m.fd, m.chomp, m.expand, m.name, m.name_start))
                        .collect::<Vec<_>>()
                })
            };
            if let Some(plain) = plain_line_markers(&line) {
                proptest::prop_assert_eq!(summary(plain), summary(lexed_markers(&line)));
            }
        }
    }

    #[test]
    fn a_line_the_shell_lexer_refuses_has_no_heredocs() {
        // BuildKit ignores lexing errors of the whole line; a `${...}` expansion also resets
        // the word being built, dropping the `<<` before it.
        check("RUN <<\"EOF cat", &[]);
        check("RUN <<${x:-\"a b\"} cat", &[]);
        check("RUN <<EOF${x:-y} cat", &[]);
        check("RUN <<$EOF cat", &[("<<$EOF", "$EOF", true, false)]);
    }
}
