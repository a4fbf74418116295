//! The text a script's nodes index into, the file ranges it is made of, and the values of
//! shell words (quote removal).

use std::borrow::Cow;

use tree_sitter::Node;

use crate::text::TextRange;

use super::parse::children;
use super::view::{Word, WordKind};

/// The text a tree was parsed from and how its nodes map back to the file.
#[derive(Clone, Debug)]
pub(super) struct Source<'a> {
    /// The Dockerfile text, or a decoded JSON string for an approximate script.
    pub text: &'a str,
    /// The ranges of `text` the script is made of (the parser's included ranges).
    pub pieces: Vec<TextRange>,
    /// For a decoded JSON string: the file range every node maps to.
    pub whole: Option<TextRange>,
}

impl<'a> Source<'a> {
    /// The file range of a node.
    pub fn file_range(&self, node: Node<'_>) -> TextRange {
        self.whole.unwrap_or_else(|| node_range(node))
    }

    /// The text the shell reads in `range` of `text`: the included parts only.
    pub fn slice(&self, range: TextRange) -> Cow<'a, str> {
        let mut parts = self.pieces_in(range);
        let Some(first) = parts.next() else {
            return Cow::Borrowed("");
        };
        let first_text = first.slice_checked(self.text);
        match parts.next() {
            None => Cow::Borrowed(first_text),
            Some(second) => {
                let mut text = String::with_capacity(range.len() as usize);
                text.push_str(first_text);
                text.push_str(second.slice_checked(self.text));
                for part in parts {
                    text.push_str(part.slice_checked(self.text));
                }
                Cow::Owned(text)
            }
        }
    }

    /// The included parts of `range`, in order.
    pub fn pieces_in(&self, range: TextRange) -> impl Iterator<Item = TextRange> + '_ {
        clip(&self.pieces, range)
    }

    /// A word node: its text, value and kind.
    pub fn word(&self, node: Node<'_>) -> Word<'a> {
        let range = node_range(node);
        let text = self.slice(range);
        let (kind, value) = self.value(node, &text);
        Word {
            range: self.file_range(node),
            text,
            value,
            kind,
        }
    }

    fn value(&self, node: Node<'_>, text: &Cow<'a, str>) -> (WordKind, Option<Cow<'a, str>>) {
        match node.kind() {
            "word"
            | "extglob_pattern"
            | "regex"
            | "variable_name"
            | "file_descriptor"
            | "special_variable_name"
            | "heredoc_start" => (WordKind::Plain, Some(unescape(text.clone(), |_| true))),
            "number" if node.named_child_count() == 0 => (WordKind::Plain, Some(text.clone())),
            "raw_string" => (WordKind::SingleQuoted, Some(self.slice(inner_range(node)))),
            "string" => (WordKind::DoubleQuoted, self.double_quoted(node)),
            "translated_string" => match node.named_child(0) {
                Some(string) => (WordKind::DoubleQuoted, self.double_quoted(string)),
                None => (WordKind::DoubleQuoted, None),
            },
            "ansi_c_string" => {
                let inner = self.slice(TextRange::new(
                    node_range(node).start + 2,
                    node_range(node).end.saturating_sub(1),
                ));
                (WordKind::AnsiC, ansi_c(inner))
            }
            "concatenation" => (WordKind::Concatenation, self.concatenation(node)),
            "simple_expansion"
            | "expansion"
            | "command_substitution"
            | "process_substitution"
            | "arithmetic_expansion"
            | "brace_expression"
            | "number" => (WordKind::Expansion, None),
            _ => (WordKind::Other, Some(text.clone())),
        }
    }

    /// The value of `"..."` when it holds no expansion.
    fn double_quoted(&self, node: Node<'_>) -> Option<Cow<'a, str>> {
        let mut cursor = node.walk();
        if node
            .named_children(&mut cursor)
            .any(|child| child.kind() != "string_content")
        {
            return None;
        }
        Some(unescape(
            self.slice(inner_range(node)),
            is_double_quote_escape,
        ))
    }

    fn concatenation(&self, node: Node<'_>) -> Option<Cow<'a, str>> {
        let mut value = String::new();
        for (child, _) in children(node) {
            let text = self.slice(node_range(child));
            if child.is_named() {
                let (_, part) = self.value(child, &text);
                value.push_str(&part?);
            } else {
                value.push_str(&text);
            }
        }
        Some(Cow::Owned(value))
    }

    /// The script of a shell's `-c` argument written as `node`: the file ranges of its text
    /// as the inner shell reads it (quotes and escaping backslashes left out). `None` for
    /// words that are not one plain, single- or double-quoted string.
    pub fn nested(&self, node: Node<'_>) -> Option<Source<'a>> {
        let bytes = self.text.as_bytes();
        let pieces = match node.kind() {
            "raw_string" => self.pieces_in(inner_range(node)).collect(),
            "string" => without_escapes(bytes, self.pieces_in(inner_range(node)), |byte| {
                is_double_quote_escape(byte as char)
            }),
            "word" => without_escapes(bytes, self.pieces_in(node_range(node)), |_| true),
            _ => return None,
        };
        Some(Source {
            text: self.text,
            pieces,
            whole: self.whole,
        })
    }
}

/// The parts of the sorted `pieces` inside `range`, in order.
pub(super) fn clip(pieces: &[TextRange], range: TextRange) -> impl Iterator<Item = TextRange> + '_ {
    let first = pieces.partition_point(|piece| piece.end <= range.start);
    pieces[first..]
        .iter()
        .take_while(move |piece| piece.start < range.end)
        .map(move |piece| TextRange::new(piece.start.max(range.start), piece.end.min(range.end)))
        .filter(|piece| !piece.is_empty())
}

pub(super) fn node_range(node: Node<'_>) -> TextRange {
    TextRange::new(node.start_byte() as u32, node.end_byte() as u32)
}

/// The range between the quotes of a quoted node.
fn inner_range(node: Node<'_>) -> TextRange {
    let range = node_range(node);
    if range.len() >= 2 {
        TextRange::new(range.start + 1, range.end - 1)
    } else {
        TextRange::empty(range.end)
    }
}

trait SliceChecked {
    fn slice_checked(self, text: &str) -> &str;
}

impl SliceChecked for TextRange {
    /// Slicing that never panics: pieces are built on character boundaries, but a guard
    /// costs nothing.
    fn slice_checked(self, text: &str) -> &str {
        text.get(self.to_usize()).unwrap_or_default()
    }
}

fn is_double_quote_escape(ch: char) -> bool {
    matches!(ch, '$' | '`' | '"' | '\\' | '\n')
}

/// Removes the backslashes that escape a character for which `escapes` holds.
pub(super) fn unescape<'a>(text: Cow<'a, str>, escapes: impl Fn(char) -> bool) -> Cow<'a, str> {
    if !text.contains('\\') {
        return text;
    }
    let mut value = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            value.push(ch);
            continue;
        }
        match chars.next() {
            Some(next) if escapes(next) => {
                if next != '\n' {
                    value.push(next);
                }
            }
            Some(next) => {
                value.push('\\');
                value.push(next);
            }
            None => value.push('\\'),
        }
    }
    Cow::Owned(value)
}

/// The value of `$'...'`, for the escapes whose value is one known character.
fn ansi_c(inner: Cow<'_, str>) -> Option<Cow<'_, str>> {
    if !inner.contains('\\') {
        return Some(inner);
    }
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            value.push(ch);
            continue;
        }
        value.push(match chars.next()? {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'a' => '\x07',
            'b' => '\x08',
            'e' | 'E' => '\x1b',
            'f' => '\x0c',
            'v' => '\x0b',
            ch @ ('\\' | '\'' | '"' | '?') => ch,
            _ => return None,
        });
    }
    Some(Cow::Owned(value))
}

/// `pieces` of `bytes` without the backslashes that escape the next byte (for which
/// `escapes` holds): the text a shell's `-c` script is after quote removal. The escaped
/// byte is kept.
pub(super) fn without_escapes(
    bytes: &[u8],
    pieces: impl Iterator<Item = TextRange>,
    escapes: impl Fn(u8) -> bool,
) -> Vec<TextRange> {
    let pieces: Vec<TextRange> = pieces.collect();
    let mut excluded = Vec::new();
    let mut backslash: Option<u32> = None;
    for piece in &pieces {
        for offset in piece.start..piece.end {
            let byte = bytes[offset as usize];
            if let Some(at) = backslash.take() {
                if escapes(byte) {
                    excluded.push(at);
                }
                continue;
            }
            if byte == b'\\' {
                backslash = Some(offset);
            }
        }
    }
    subtract(&pieces, &excluded)
}

/// `pieces` without the single bytes at the sorted offsets `excluded`.
pub(super) fn subtract(pieces: &[TextRange], excluded: &[u32]) -> Vec<TextRange> {
    let mut out = Vec::with_capacity(pieces.len() + excluded.len());
    let mut excluded = excluded.iter().copied().peekable();
    for piece in pieces {
        let mut start = piece.start;
        while let Some(&offset) = excluded.peek() {
            if offset >= piece.end {
                break;
            }
            excluded.next();
            if offset < start {
                continue;
            }
            if offset > start {
                out.push(TextRange::new(start, offset));
            }
            start = offset + 1;
        }
        if start < piece.end {
            out.push(TextRange::new(start, piece.end));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtract_splits_pieces() {
        let pieces = [TextRange::new(0, 5), TextRange::new(8, 10)];
        assert_eq!(
            subtract(&pieces, &[0, 2, 9]),
            vec![
                TextRange::new(1, 2),
                TextRange::new(3, 5),
                TextRange::new(8, 9)
            ]
        );
    }

    #[test]
    fn unescape_keeps_unknown_escapes() {
        let value = unescape(Cow::Borrowed(r#"a\"b\c"#), is_double_quote_escape);
        assert_eq!(value, r#"a"b\c"#);
        assert_eq!(unescape(Cow::Borrowed(r"\a\ b"), |_| true), "a b");
    }

    #[test]
    fn escaping_backslashes_are_left_out() {
        let text = br#"a\"b\\c\d"#;
        let pieces = without_escapes(text, [TextRange::new(0, 9)].into_iter(), |byte| {
            matches!(byte, b'"' | b'\\')
        });
        let kept: String = pieces
            .iter()
            .map(|piece| std::str::from_utf8(&text[piece.to_usize()]).unwrap())
            .collect();
        assert_eq!(kept, r#"a"b\c\d"#);
    }
}
