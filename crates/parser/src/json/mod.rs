//! A strict JSON reader, accepting what Go's `encoding/json` accepts (dockerd reads
//! daemon.json with it, the docker CLI its config.json), into the spanned YAML tree so that one
//! set of model builders serves both.
//!
//! What it reads, and why:
//! - RFC 8259: no comments, no trailing commas, no single quotes; any value at the top level,
//!   with only whitespace around it; strings with Go's escapes, where a lone UTF-16 surrogate
//!   in `\u` escapes becomes U+FFFD as Go makes it.
//! - A leading UTF-8 byte-order mark is skipped: dockerd strips it (`getConflictFreeConfiguration`
//!   in moby's `daemon/config/config.go` decodes through a BOM-aware reader), while Go's decoder
//!   alone would refuse it; a host-config rule can still point at it.
//! - A text of only whitespace has no root and no error: dockerd takes an empty daemon.json as
//!   an empty configuration.
//! - Duplicate keys are kept in the tree and reported: Go keeps the last value without a word
//!   and dockerd does not check, so the earlier value is silently ignored, which is never what
//!   the author meant.
//! - Errors use Go's English wording (`invalid character 'x' looking for beginning of value`),
//!   so that they match what `dockerd` prints, with a French rendering. Comments, trailing
//!   commas and missing commas are reported and read past; any other error stops reading, and
//!   the tree holds what was read, with the open objects and arrays closed.
//!
//! Strings become double-quoted scalars holding the unescaped text; numbers, `true`, `false` and
//! `null` become plain scalars holding their exact source text; objects and arrays become flow
//! mappings and sequences.

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};

use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::{FileId, LineIndex, TextRange};
use crate::yaml::{
    Comment, Document, Entry, MAX_DEPTH, Mapping, Node, NodeKind, Scalar, ScalarStyle, Sequence,
};

/// Reads a JSON text; never fails (see the module documentation for what is accepted).
pub fn parse(text: &str, file: FileId) -> Document {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        file,
        open: Vec::new(),
        roots: Vec::new(),
        comments: Vec::new(),
        errors: Vec::new(),
        line_index: None,
    };
    if text.starts_with('\u{feff}') {
        reader.pos = '\u{feff}'.len_utf8();
    }
    reader.run();
    reader.finish()
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    file: FileId,
    open: Vec<Frame>,
    roots: Vec<Node>,
    comments: Vec<Comment>,
    errors: Vec<SyntaxError>,
    line_index: Option<LineIndex>,
}

struct Frame {
    object: bool,
    start: u32,
    items: Vec<Node>,
    entries: Vec<Entry>,
    key: Option<Node>,
}

/// What may come next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value: the document's, an object member's (after `:`) or an array element.
    Value,
    /// An array element or `]`, right after `[`.
    ElementOrEnd,
    /// An array element after a `,`: a `]` here is a trailing comma.
    ElementAfterComma,
    /// A key or `}`, right after `{`.
    KeyOrEnd,
    /// A key after a `,`: a `}` here is a trailing comma.
    KeyAfterComma,
    Colon,
    /// `,` or the end of the enclosing object or array, after a value.
    CommaOrEnd,
    /// Only whitespace, after the top-level value.
    Nothing,
}

impl Reader<'_> {
    fn run(&mut self) {
        let mut expect = Expect::Value;
        loop {
            self.skip_trivia();
            let Some(&byte) = self.bytes.get(self.pos) else {
                if expect != Expect::Nothing && !(expect == Expect::Value && self.is_empty()) {
                    self.error_at(
                        TextRange::empty(self.pos as u32),
                        msg!("unexpected end of JSON input", "fin inattendue du JSON"),
                    );
                }
                return;
            };
            let next = match expect {
                Expect::Value | Expect::ElementOrEnd | Expect::ElementAfterComma => {
                    if byte == b']' && expect != Expect::Value {
                        if expect == Expect::ElementAfterComma {
                            self.trailing_comma(byte, "value");
                        }
                        self.pos += 1;
                        self.close(self.pos as u32);
                        Some(self.after_value())
                    } else {
                        self.value(byte)
                    }
                }
                Expect::KeyOrEnd | Expect::KeyAfterComma => match byte {
                    b'}' => {
                        if expect == Expect::KeyAfterComma {
                            self.trailing_comma(byte, "object key string");
                        }
                        self.pos += 1;
                        self.close(self.pos as u32);
                        Some(self.after_value())
                    }
                    b'"' => self.string().map(|key| {
                        if let Some(frame) = self.open.last_mut() {
                            frame.key = Some(key);
                        }
                        Expect::Colon
                    }),
                    _ => {
                        self.unexpected(byte, "looking for beginning of object key string");
                        None
                    }
                },
                Expect::Colon => {
                    if byte == b':' {
                        self.pos += 1;
                        Some(Expect::Value)
                    } else {
                        self.unexpected(byte, "after object key");
                        None
                    }
                }
                Expect::CommaOrEnd => self.comma_or_end(byte),
                Expect::Nothing => {
                    self.unexpected(byte, "after top-level value");
                    None
                }
            };
            match next {
                Some(next) => expect = next,
                None => return,
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.roots.is_empty() && self.open.is_empty()
    }

    fn value(&mut self, byte: u8) -> Option<Expect> {
        match byte {
            b'{' | b'[' => {
                if self.open.len() >= MAX_DEPTH {
                    self.error_at(
                        TextRange::at(self.pos as u32, 1),
                        msg!(
                            "objects and arrays nest deeper than {MAX_DEPTH} levels; berth stops \
                             reading here",
                            "les objets et tableaux s'imbriquent sur plus de {MAX_DEPTH} niveaux ; \
                             berth arrête la lecture ici",
                        ),
                    );
                    return None;
                }
                self.open.push(Frame {
                    object: byte == b'{',
                    start: self.pos as u32,
                    items: Vec::new(),
                    entries: Vec::new(),
                    key: None,
                });
                self.pos += 1;
                Some(if byte == b'{' {
                    Expect::KeyOrEnd
                } else {
                    Expect::ElementOrEnd
                })
            }
            b'"' => {
                let node = self.string()?;
                self.push_node(node);
                Some(self.after_value())
            }
            b'-' | b'0'..=b'9' => {
                let node = self.number()?;
                self.push_node(node);
                Some(self.after_value())
            }
            b't' | b'f' | b'n' => {
                let node = self.literal(byte)?;
                self.push_node(node);
                Some(self.after_value())
            }
            _ => {
                self.unexpected(byte, "looking for beginning of value");
                None
            }
        }
    }

    fn comma_or_end(&mut self, byte: u8) -> Option<Expect> {
        let object = self.open.last().is_some_and(|frame| frame.object);
        match (byte, object) {
            (b',', true) => {
                self.pos += 1;
                Some(Expect::KeyAfterComma)
            }
            (b',', false) => {
                self.pos += 1;
                Some(Expect::ElementAfterComma)
            }
            (b'}', true) | (b']', false) => {
                self.pos += 1;
                self.close(self.pos as u32);
                Some(self.after_value())
            }
            _ => {
                let context = if object {
                    "after object key:value pair"
                } else {
                    "after array element"
                };
                self.unexpected(byte, context);
                // A missing comma: read on as if it were there.
                match (byte, object) {
                    (b'"', true) => Some(Expect::KeyAfterComma),
                    (b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n', false) => {
                        Some(Expect::ElementAfterComma)
                    }
                    _ => None,
                }
            }
        }
    }

    fn after_value(&self) -> Expect {
        if self.open.is_empty() {
            Expect::Nothing
        } else {
            Expect::CommaOrEnd
        }
    }

    fn trailing_comma(&mut self, byte: u8, looking_for: &str) {
        let character = quote_char(byte as char);
        self.error_at(
            TextRange::at(self.pos as u32, 1),
            Message::new(
                format!(
                    "invalid character {character} looking for beginning of {looking_for}: \
                     JSON allows no comma after the last element"
                ),
                format!(
                    "caractère {character} inattendu : JSON n'accepte pas de virgule après le \
                     dernier élément"
                ),
            ),
        );
    }

    /// Skips whitespace, and comments, which are reported and kept.
    fn skip_trivia(&mut self) {
        loop {
            while let Some(b' ' | b'\t' | b'\r' | b'\n') = self.bytes.get(self.pos) {
                self.pos += 1;
            }
            let start = self.pos;
            let rest = &self.text[start..];
            let (body, len) = if let Some(line) = rest.strip_prefix("//") {
                let len = line.find(['\n', '\r']).unwrap_or(line.len());
                (&line[..len], len + 2)
            } else if let Some(block) = rest.strip_prefix("/*") {
                match block.find("*/") {
                    Some(len) => (&block[..len], len + 4),
                    None => (block, block.len() + 2),
                }
            } else {
                return;
            };
            let range = TextRange::from(start..start + len);
            self.comments.push(Comment {
                range,
                text: body.to_owned(),
            });
            self.error_at(
                TextRange::at(start as u32, 1),
                msg!(
                    "invalid character '/' looking for beginning of value: JSON has no comments",
                    "caractère « / » inattendu : JSON n'accepte pas de commentaires",
                ),
            );
            self.pos = start + len;
        }
    }

    fn string(&mut self) -> Option<Node> {
        let start = self.pos;
        let mut value = String::new();
        let mut pos = start + 1;
        let mut run_start = pos;
        loop {
            let Some(&byte) = self.bytes.get(pos) else {
                self.pos = pos;
                self.error_at(
                    TextRange::empty(pos as u32),
                    msg!(
                        "unexpected end of JSON input",
                        "fin inattendue du JSON : guillemet fermant manquant"
                    ),
                );
                return None;
            };
            match byte {
                b'"' => {
                    value.push_str(&self.text[run_start..pos]);
                    self.pos = pos + 1;
                    return Some(self.scalar(start..pos + 1, value, ScalarStyle::DoubleQuoted));
                }
                b'\\' => {
                    value.push_str(&self.text[run_start..pos]);
                    pos = self.escape(pos, &mut value)?;
                    run_start = pos;
                }
                0..=0x1f => {
                    self.pos = pos;
                    self.unexpected(byte, "in string literal");
                    return None;
                }
                _ => pos += 1,
            }
        }
    }

    /// Reads the escape at `pos` (a backslash) into `value`; returns the offset after it.
    fn escape(&mut self, pos: usize, value: &mut String) -> Option<usize> {
        let Some(&code) = self.bytes.get(pos + 1) else {
            self.pos = pos + 1;
            self.error_at(
                TextRange::empty(self.pos as u32),
                msg!("unexpected end of JSON input", "fin inattendue du JSON"),
            );
            return None;
        };
        let simple = match code {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4(pos + 2)?;
                let mut next = pos + 6;
                let character = if (0xD800..0xDC00).contains(&first)
                    && self.text[next..].starts_with("\\u")
                    && let Some(second) = self.peek_hex4(next + 2)
                    && (0xDC00..0xE000).contains(&second)
                {
                    next += 6;
                    char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                } else {
                    char::from_u32(first)
                };
                value.push(character.unwrap_or(char::REPLACEMENT_CHARACTER));
                return Some(next);
            }
            _ => {
                self.pos = pos + 1;
                self.unexpected(code, "in string escape code");
                return None;
            }
        };
        value.push(simple);
        Some(pos + 2)
    }

    fn hex4(&mut self, pos: usize) -> Option<u32> {
        for offset in pos..pos + 4 {
            match self.bytes.get(offset) {
                Some(byte) if byte.is_ascii_hexdigit() => {}
                Some(&byte) => {
                    self.pos = offset;
                    self.unexpected(byte, "in \\u hexadecimal character escape");
                    return None;
                }
                None => {
                    self.pos = offset;
                    self.error_at(
                        TextRange::empty(offset as u32),
                        msg!("unexpected end of JSON input", "fin inattendue du JSON"),
                    );
                    return None;
                }
            }
        }
        self.peek_hex4(pos)
    }

    fn peek_hex4(&self, pos: usize) -> Option<u32> {
        let digits = self.text.get(pos..pos + 4)?;
        if !digits.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(digits, 16).ok()
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, as Go's scanner reads it.
    fn number(&mut self) -> Option<Node> {
        let start = self.pos;
        let mut pos = start;
        if self.bytes[pos] == b'-' {
            pos += 1;
        }
        let digits = |pos: usize| {
            self.bytes[pos..]
                .iter()
                .take_while(|byte| byte.is_ascii_digit())
                .count()
        };
        match self.bytes.get(pos) {
            Some(b'0') => pos += 1,
            Some(b'1'..=b'9') => pos += digits(pos),
            other => return self.bad_number(pos, other.copied(), "in numeric literal"),
        }
        if self.bytes.get(pos) == Some(&b'.') {
            pos += 1;
            match digits(pos) {
                0 => {
                    let byte = self.bytes.get(pos).copied();
                    return self.bad_number(pos, byte, "after decimal point in numeric literal");
                }
                count => pos += count,
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(pos) {
            pos += 1;
            if let Some(b'+' | b'-') = self.bytes.get(pos) {
                pos += 1;
            }
            match digits(pos) {
                0 => {
                    let byte = self.bytes.get(pos).copied();
                    return self.bad_number(pos, byte, "in exponent of numeric literal");
                }
                count => pos += count,
            }
        }
        self.pos = pos;
        let value = self.text[start..pos].to_owned();
        Some(self.scalar(start..pos, value, ScalarStyle::Plain))
    }

    fn bad_number(&mut self, pos: usize, byte: Option<u8>, context: &str) -> Option<Node> {
        self.pos = pos;
        match byte {
            Some(byte) => self.unexpected(byte, context),
            None => self.error_at(
                TextRange::empty(pos as u32),
                msg!("unexpected end of JSON input", "fin inattendue du JSON"),
            ),
        }
        None
    }

    fn literal(&mut self, first: u8) -> Option<Node> {
        let word = match first {
            b't' => "true",
            b'f' => "false",
            _ => "null",
        };
        let start = self.pos;
        for (i, expected) in word.bytes().enumerate().skip(1) {
            match self.bytes.get(start + i) {
                Some(&byte) if byte == expected => {}
                Some(&byte) => {
                    self.pos = start + i;
                    let context = format!(
                        "in literal {word} (expecting {})",
                        quote_char(expected as char)
                    );
                    self.unexpected(byte, &context);
                    return None;
                }
                None => {
                    self.pos = start + i;
                    self.error_at(
                        TextRange::empty(self.pos as u32),
                        msg!("unexpected end of JSON input", "fin inattendue du JSON"),
                    );
                    return None;
                }
            }
        }
        self.pos = start + word.len();
        Some(self.scalar(start..self.pos, word, ScalarStyle::Plain))
    }

    fn scalar(
        &self,
        range: std::ops::Range<usize>,
        value: impl Into<CompactString>,
        style: ScalarStyle,
    ) -> Node {
        let value = value.into();
        self.node(
            TextRange::from(range),
            NodeKind::Scalar(Scalar { value, style }),
        )
    }

    fn node(&self, range: TextRange, kind: NodeKind) -> Node {
        Node {
            file: self.file,
            range,
            kind,
            tag: None,
            anchor: None,
            via: Vec::new(),
        }
    }

    fn push_node(&mut self, node: Node) {
        let Some(frame) = self.open.last_mut() else {
            self.roots.push(node);
            return;
        };
        if !frame.object {
            frame.items.push(node);
        } else if let Some(key) = frame.key.take() {
            frame.entries.push(Entry { key, value: node });
        }
    }

    fn close(&mut self, end: u32) {
        let Some(mut frame) = self.open.pop() else {
            return;
        };
        if let Some(key) = frame.key.take() {
            // Only when closing at an error: a key whose value was never read.
            let value = self.node(TextRange::empty(key.range.end), null());
            frame.entries.push(Entry { key, value });
        }
        let range = TextRange::new(frame.start, end.max(frame.start));
        let kind = if frame.object {
            self.report_duplicate_keys(&frame.entries);
            NodeKind::Mapping(Mapping {
                entries: frame.entries,
                flow: true,
            })
        } else {
            NodeKind::Sequence(Sequence {
                items: frame.items,
                flow: true,
            })
        };
        let node = self.node(range, kind);
        self.push_node(node);
    }

    fn report_duplicate_keys(&mut self, entries: &[Entry]) {
        if entries.len() < 2 {
            return;
        }
        let mut first_by_key: HashMap<&str, TextRange> = HashMap::with_capacity(entries.len());
        let mut duplicates = Vec::new();
        for entry in entries {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            match first_by_key.get(key) {
                Some(&first) => duplicates.push((key, first, entry.key.range)),
                None => {
                    first_by_key.insert(key, entry.key.range);
                }
            }
        }
        for (key, first, second) in duplicates {
            let text = self.text;
            let line_index = self.line_index.get_or_insert_with(|| LineIndex::new(text));
            let line = line_index.line_column(text, first.start).line;
            let error = SyntaxError::new(
                second,
                msg!(
                    "key {key:?} already defined at line {line}; only the last value is used",
                    "la clé « {key} » est déjà définie à la ligne {line} ; seule la dernière \
                     valeur est prise en compte",
                ),
            )
            .with_related(first, msg!("first defined here", "première définition ici"));
            self.errors.push(error);
        }
    }

    /// Reports the character at `self.pos` (whose first byte is `byte`) as Go does:
    /// "invalid character 'x' {context}".
    fn unexpected(&mut self, byte: u8, context: &str) {
        let character = self.text[self.pos..].chars().next().unwrap_or(byte as char);
        let quoted = quote_char(character);
        let french_context = french_context(context);
        self.error_at(
            TextRange::at(self.pos as u32, character.len_utf8() as u32),
            Message::new(
                format!("invalid character {quoted} {context}"),
                format!("caractère {quoted} inattendu {french_context}"),
            ),
        );
    }

    fn error_at(&mut self, range: TextRange, message: Message) {
        self.errors.push(SyntaxError::new(range, message));
    }

    fn finish(mut self) -> Document {
        let stop = self.pos.min(self.text.len()) as u32;
        while !self.open.is_empty() {
            self.close(stop);
        }
        Document {
            file: self.file,
            roots: self.roots,
            comments: self.comments,
            errors: self.errors,
        }
    }
}

fn null() -> NodeKind {
    NodeKind::Scalar(Scalar {
        value: CompactString::default(),
        style: ScalarStyle::Plain,
    })
}

/// A character quoted as Go's `encoding/json` quotes it in errors: `'x'`, `'"'`, `'\n'`.
fn quote_char(character: char) -> String {
    match character {
        '\'' => r"'\''".to_owned(),
        '"' => "'\"'".to_owned(),
        _ => {
            let escaped = character.escape_debug().to_string();
            format!("'{escaped}'")
        }
    }
}

fn french_context(context: &str) -> String {
    let french = match context {
        "looking for beginning of value" => "là où une valeur devait commencer",
        "looking for beginning of object key string" => {
            "là où une clé entre guillemets doubles devait commencer"
        }
        "after object key" => "après une clé (« : » attendu)",
        "after object key:value pair" => "après un couple clé-valeur (« , » ou « } » attendu)",
        "after array element" => "après un élément de tableau (« , » ou « ] » attendu)",
        "after top-level value" => "après la valeur principale du fichier",
        "in string literal" => "dans une chaîne (les caractères de contrôle doivent être échappés)",
        "in string escape code" => "dans une séquence d'échappement",
        "in \\u hexadecimal character escape" => "dans un échappement \\u hexadécimal",
        "in numeric literal" => "dans un nombre",
        "after decimal point in numeric literal" => "après la virgule décimale d'un nombre",
        "in exponent of numeric literal" => "dans l'exposant d'un nombre",
        _ => {
            if let Some(rest) = context.strip_prefix("in literal ") {
                return format!("dans le mot-clé {rest}").replace("expecting", "attendu :");
            }
            return context.to_owned();
        }
    };
    french.to_owned()
}

#[cfg(test)]
mod tests;
