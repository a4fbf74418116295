//! The JSON arrays of exec-form instructions, decoded as Go's `encoding/json` decodes them into
//! `[]any`: BuildKit takes the arguments as exec form only when that succeeds.

use compact_str::CompactString;

/// One element of a JSON array, with its byte offsets in the text given to [`parse_array`].
#[derive(Debug)]
pub(super) struct Element {
    pub start: usize,
    pub end: usize,
    /// The decoded string; `None` for any other JSON value.
    pub string: Option<CompactString>,
    /// Offset of the comma after the element, if one follows.
    pub comma: Option<usize>,
}

/// Go's default maximum nesting depth for `encoding/json`.
const MAX_DEPTH: usize = 10_000;

/// Reads `text` (trimmed) as one JSON array followed by nothing but JSON whitespace: the
/// offset just after its closing `]`, with its elements in `elements` (a buffer the caller
/// reuses, cleared first); `None` when the text is not a valid JSON array, which BuildKit then
/// silently reads another way. Elements that are not strings make a valid array an error.
pub(super) fn parse_array(text: &str, elements: &mut Vec<Element>) -> Option<usize> {
    elements.clear();
    let bytes = text.as_bytes();
    if bytes.first() != Some(&b'[') {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes,
        pos: 1,
    };
    reader.skip_whitespace();
    if reader.peek() == Some(b']') {
        reader.pos += 1;
    } else {
        loop {
            reader.skip_whitespace();
            let start = reader.pos;
            let string = if reader.peek() == Some(b'"') {
                Some(reader.string()?)
            } else {
                if !reader.skip_value() {
                    return None;
                }
                None
            };
            let end = reader.pos;
            reader.skip_whitespace();
            let (comma, last) = match reader.next() {
                Some(b',') => (Some(reader.pos - 1), false),
                Some(b']') => (None, true),
                _ => return None,
            };
            elements.push(Element {
                start,
                end,
                string,
                comma,
            });
            if last {
                break;
            }
        }
    }
    let end = reader.pos;
    reader.skip_whitespace();
    (reader.pos == bytes.len()).then_some(end)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn literal(&mut self, word: &[u8]) -> bool {
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> bool {
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return false,
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return false;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return false;
            }
        }
        true
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4)?;
        let mut value = 0;
        for &digit in digits {
            value = value * 16 + (digit as char).to_digit(16)?;
        }
        self.pos += 4;
        Some(value)
    }

    /// A string at the current `"`, decoded; `None` when it is not valid JSON.
    fn string(&mut self) -> Option<CompactString> {
        self.pos += 1;
        let mut value = CompactString::default();
        loop {
            let run_start = self.pos;
            while let Some(byte) = self.peek() {
                if byte == b'"' || byte == b'\\' || byte < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // The run stops at ASCII bytes only, so it ends on a character boundary.
            value.push_str(self.text.get(run_start..self.pos)?);
            match self.next()? {
                b'"' => return Some(value),
                b'\\' => {}
                _ => return None,
            }
            let escaped = match self.next()? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = self.hex4()?;
                    if (0xD800..0xE000).contains(&unit) {
                        // Go pairs a high surrogate with a following `\uDC00`-`\uDFFF` escape
                        // and turns any other surrogate into U+FFFD.
                        let save = self.pos;
                        let low = if self.bytes[self.pos..].starts_with(b"\\u") {
                            self.pos += 2;
                            self.hex4()
                        } else {
                            None
                        };
                        match low {
                            Some(low)
                                if (0xD800..0xDC00).contains(&unit)
                                    && (0xDC00..0xE000).contains(&low) =>
                            {
                                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                                char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
                            }
                            _ => {
                                self.pos = save;
                                char::REPLACEMENT_CHARACTER
                            }
                        }
                    } else {
                        char::from_u32(unit).unwrap_or(char::REPLACEMENT_CHARACTER)
                    }
                }
                _ => return None,
            };
            value.push(escaped);
        }
    }

    /// Skips any JSON value (with an explicit stack, so deep nesting cannot overflow ours).
    fn skip_value(&mut self) -> bool {
        // Containers open around the current position: `true` for an object.
        let mut stack: Vec<bool> = Vec::new();
        loop {
            self.skip_whitespace();
            // One value.
            match self.peek() {
                Some(b'"') => {
                    if self.string().is_none() {
                        return false;
                    }
                }
                Some(b'{') | Some(b'[') => {
                    let object = self.peek() == Some(b'{');
                    self.pos += 1;
                    // The enclosing array counts as one level.
                    if stack.len() + 2 > MAX_DEPTH {
                        return false;
                    }
                    stack.push(object);
                    self.skip_whitespace();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        stack.pop();
                    } else {
                        if object && !self.object_key() {
                            return false;
                        }
                        continue;
                    }
                }
                Some(b't') => {
                    if !self.literal(b"true") {
                        return false;
                    }
                }
                Some(b'f') => {
                    if !self.literal(b"false") {
                        return false;
                    }
                }
                Some(b'n') => {
                    if !self.literal(b"null") {
                        return false;
                    }
                }
                Some(b'-' | b'0'..=b'9') => {
                    if !self.number() {
                        return false;
                    }
                }
                _ => return false,
            }
            // After a value: close containers or move to the next element.
            loop {
                let Some(&object) = stack.last() else {
                    return true;
                };
                self.skip_whitespace();
                match self.next() {
                    Some(b',') => {
                        if object && !self.object_key() {
                            return false;
                        }
                        break;
                    }
                    Some(b'}') if object => {
                        stack.pop();
                    }
                    Some(b']') if !object => {
                        stack.pop();
                    }
                    _ => return false,
                }
            }
        }
    }

    /// `"key" :` inside an object.
    fn object_key(&mut self) -> bool {
        self.skip_whitespace();
        if self.peek() != Some(b'"') || self.string().is_none() {
            return false;
        }
        self.skip_whitespace();
        self.next() == Some(b':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(text: &str) -> Option<Vec<Option<String>>> {
        let mut elements = Vec::new();
        parse_array(text, &mut elements)?;
        Some(
            elements
                .into_iter()
                .map(|element| element.string.map(String::from))
                .collect(),
        )
    }

    #[test]
    fn decodes_strings_and_spots_other_values() {
        assert_eq!(
            strings(r#"[ "a\/b", "\u00e9\ud83d\ude00" ]"#),
            Some(vec![Some("a/b".into()), Some("é😀".into())])
        );
        assert_eq!(
            strings(r#"["a", {"b": [1, 2.5e3]}, null]"#),
            Some(vec![Some("a".into()), None, None])
        );
        assert_eq!(strings("[]"), Some(vec![]));
        assert_eq!(
            strings(r#"["\ud800x"]"#),
            Some(vec![Some("\u{fffd}x".into())])
        );
    }

    #[test]
    fn anything_else_is_not_json() {
        for text in [
            "['a']",
            r#"["a""#,
            r#"["a"] x"#,
            r#"["a",]"#,
            "[01]",
            r#"[{"a"}]"#,
            "[\"a\tb\"]",
            r#"["\x"]"#,
        ] {
            assert!(strings(text).is_none(), "{text}");
        }
    }
}
