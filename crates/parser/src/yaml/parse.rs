//! Reading YAML text into the spanned tree, from saphyr-parser's events.
//!
//! saphyr gives each event a span in characters and resolved tags and numeric anchor ids; the
//! tree wants byte ranges, tags and anchor names as written, and the exact extent of every
//! node. The builder below converts positions once, reads properties (`&name`, `!tag`) back
//! from the source text, and computes container extents from their children, since block
//! collections' start events carry an empty span at their first entry.

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};

use saphyr_parser::{Event, Parser, ScalarStyle as SaphyrStyle, ScanError, Span};

use crate::message::SyntaxError;
use crate::msg;
use crate::text::{FileId, LineIndex, TextRange};

use super::comments::scan_comments;
use super::node::{
    Alias, Anchor, Document, Entry, Mapping, Node, NodeKind, Scalar, ScalarStyle, Sequence, Tag,
};
use super::offsets::CharOffsets;
use super::scan_error::scan_error_message;

/// How deeply collections may nest, in YAML and JSON alike.
///
/// Real Compose files and daemon configurations nest about ten levels; a file near this limit
/// is an attack or a generated accident. saphyr already refuses flow collections nested more
/// than 255 deep; block collections get the same bound here. It lets every later pass (alias
/// resolution, the Compose model, the derived `Drop`, `Clone` and `PartialEq` of [`Node`])
/// recurse without risking the stack: 256 frames of even a few kilobytes (debug builds) fit in
/// the 2 MiB a spawned thread gets. go-yaml, which Compose uses, stops at 10,000; nobody
/// writes a Compose file between the two.
pub const MAX_DEPTH: usize = 256;

/// Reads a YAML stream: one root per document, the comments, and every problem found.
///
/// Never fails: at a syntax error the tree holds what was read before it, with the open
/// collections closed, and the error says where and why. Duplicate keys are kept in the tree
/// and reported. Aliases stay [`NodeKind::Alias`] nodes (an alias to an unknown anchor too);
/// [`super::resolve`] expands them and applies merge keys.
pub fn parse(text: &str, file: FileId) -> Document {
    let mut builder = Builder::new(text, file);
    let mut parser = Parser::new_from_str(text);
    let mut last_unknown_alias = None;
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                if !builder.on_event(event, span) {
                    break;
                }
            }
            // saphyr refuses an alias to an anchor it has not seen, but it has already
            // consumed the alias and moved on, so parsing can go on; the resolver reports the
            // unknown anchor. Positions must advance, so that this can never loop.
            Err(error)
                if error.info() == UNKNOWN_ANCHOR
                    && last_unknown_alias.is_none_or(|last| error.marker().index() > last) =>
            {
                last_unknown_alias = Some(error.marker().index());
                builder.on_unknown_alias(&error);
            }
            Err(error) => {
                builder.on_scan_error(&error);
                break;
            }
        }
    }
    builder.finish()
}

/// Up to how many entries a mapping's duplicate keys are found by comparing keys pairwise.
const SMALL_MAPPING: usize = 16;

const UNKNOWN_ANCHOR: &str = "while parsing node, found unknown anchor";

struct Builder<'a> {
    text: &'a str,
    file: FileId,
    offsets: CharOffsets<'a>,
    open: Vec<Frame>,
    roots: Vec<Node>,
    errors: Vec<SyntaxError>,
    /// The ranges of scalar tokens, in source order, which comments cannot be inside.
    scalars: Vec<TextRange>,
    /// The end of the last token read, from which a block scalar's `|` or `>` is searched.
    last_end: u32,
    /// Where a syntax error stopped parsing.
    stop: Option<u32>,
    line_index: Option<LineIndex>,
}

/// A collection being read.
struct Frame {
    mapping: bool,
    flow: bool,
    /// Whether the collection has brackets, so that its end event marks its last byte.
    bracketed: bool,
    start: u32,
    /// The end of the last child read.
    content_end: u32,
    tag: Option<Box<Tag>>,
    anchor: Option<Box<Anchor>>,
    items: Vec<Node>,
    entries: Vec<Entry>,
    key: Option<Node>,
}

/// The `&name` and `!tag` before a node, and where the node's own text starts.
struct Properties {
    tag: Option<Box<Tag>>,
    anchor: Option<Box<Anchor>>,
    /// The end of the last property.
    end: u32,
    /// The first byte after the properties and the blanks and comments after them.
    content: u32,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str, file: FileId) -> Self {
        Builder {
            text,
            file,
            offsets: CharOffsets::new(text),
            open: Vec::new(),
            roots: Vec::new(),
            errors: Vec::new(),
            scalars: Vec::new(),
            last_end: 0,
            stop: None,
            line_index: None,
        }
    }

    /// Takes one event; returns false when reading must stop (nesting too deep).
    fn on_event(&mut self, event: Event<'_>, span: Span) -> bool {
        let start = self.offsets.byte_offset(span.start.index());
        let end = self.offsets.byte_offset(span.end.index()).max(start);
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => {}
            Event::DocumentStart(_) | Event::DocumentEnd => self.last_end = self.last_end.max(end),
            Event::Alias(_) => {
                let name = self.text[start as usize..end as usize]
                    .trim_start_matches('*')
                    .to_owned();
                self.last_end = end;
                self.push_node(self.node(TextRange::new(start, end), alias(name)));
            }
            Event::Scalar(value, style, anchor_id, tag) => {
                let has_properties = anchor_id > 0 || tag.is_some();
                self.on_scalar(
                    CompactString::from(value),
                    style,
                    has_properties,
                    start,
                    end,
                );
            }
            Event::SequenceStart(anchor_id, tag) => {
                return self.open(false, anchor_id > 0 || tag.is_some(), start, end);
            }
            Event::MappingStart(anchor_id, tag) => {
                return self.open(true, anchor_id > 0 || tag.is_some(), start, end);
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(end),
        }
        true
    }

    fn on_scalar(
        &mut self,
        value: CompactString,
        style: SaphyrStyle,
        has_properties: bool,
        start: u32,
        end: u32,
    ) {
        let properties = has_properties.then(|| self.properties(start, end));
        let content = properties.as_ref().map_or(start, |p| p.content);
        let style = match style {
            SaphyrStyle::Plain => ScalarStyle::Plain,
            SaphyrStyle::SingleQuoted => ScalarStyle::SingleQuoted,
            SaphyrStyle::DoubleQuoted => ScalarStyle::DoubleQuoted,
            SaphyrStyle::Literal => ScalarStyle::Literal,
            SaphyrStyle::Folded => ScalarStyle::Folded,
        };
        let range = match style {
            // A plain scalar is never empty in the text: this is a missing node (`key:`,
            // `- `, `&anchor` alone), placed where its text would be.
            ScalarStyle::Plain if value.is_empty() => TextRange::empty(match &properties {
                Some(properties) => properties.end,
                None => self.missing_node_offset(start),
            }),
            ScalarStyle::Literal | ScalarStyle::Folded => {
                let from = properties
                    .as_ref()
                    .map_or(self.last_end.min(start), |p| p.end);
                let (range, content) = self.block_scalar(from, end);
                self.scalars.push(content);
                range
            }
            ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                // saphyr's span runs past the closing quote, over the blanks and comment that
                // follow it on the line: end at the quote.
                let content = content.min(end);
                let range = TextRange::new(content, quoted_end(self.text, content, end));
                self.scalars.push(range);
                range
            }
            ScalarStyle::Plain => {
                let range = TextRange::new(content.min(end), end);
                self.scalars.push(range);
                range
            }
        };
        self.last_end = self.last_end.max(end);
        let mut node = self.node(range, NodeKind::Scalar(Scalar { value, style }));
        if let Some(properties) = properties {
            node.tag = properties.tag;
            node.anchor = properties.anchor;
        }
        self.push_node(node);
    }

    /// Where a node missing from the text is: right after the `:` of a key without a value,
    /// right after the key when there is no `:` (`{a, b}`), else where saphyr says.
    fn missing_node_offset(&self, start: u32) -> u32 {
        match self.open.last().and_then(|frame| frame.key.as_ref()) {
            Some(key) => self.offset_after_key(key),
            None => start,
        }
    }

    fn offset_after_key(&self, key: &Node) -> u32 {
        let after_key = key.range.end as usize;
        let rest = &self.text[after_key..];
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if rest[blanks..].starts_with(':') {
            (after_key + blanks + 1) as u32
        } else {
            after_key as u32
        }
    }

    /// The range of a block scalar from its `|` or `>` to the end of its last non-blank line,
    /// and the range of its lines (after the header, which may hold a comment).
    fn block_scalar(&self, from: u32, end: u32) -> (TextRange, TextRange) {
        let bytes = self.text.as_bytes();
        let mut pos = from as usize;
        let end = end as usize;
        let mut indicator = None;
        while pos < end {
            match bytes[pos] {
                b'|' | b'>' => {
                    indicator = Some(pos);
                    break;
                }
                b'#' if pos == 0 || matches!(bytes[pos - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                    pos = line_end(bytes, pos);
                }
                _ => pos += 1,
            }
        }
        let Some(indicator) = indicator else {
            // Not found (it cannot happen with saphyr's spans): keep saphyr's.
            let range = TextRange::new(from.min(end as u32), end as u32);
            return (range, range);
        };
        let header_end = bytes[indicator + 1..end]
            .iter()
            .position(|byte| !matches!(byte, b'0'..=b'9' | b'+' | b'-'))
            .map_or(end, |len| indicator + 1 + len);
        let lines_start = line_end(bytes, indicator).min(end);
        let last = self.text[lines_start..end].trim_end_matches([' ', '\t', '\r', '\n']);
        let range_end = if last.is_empty() {
            header_end
        } else {
            lines_start + last.len()
        };
        (
            TextRange::from(indicator..range_end),
            TextRange::from(lines_start..end),
        )
    }

    fn open(&mut self, mapping: bool, has_properties: bool, start: u32, end: u32) -> bool {
        let properties = has_properties.then(|| self.properties(start, end));
        let mut content = properties.as_ref().map_or(start, |p| p.content);
        let bytes = self.text.as_bytes();
        let bracketed = matches!(bytes.get(content as usize), Some(b'[' | b'{'));
        let flow = bracketed || self.open.last().is_some_and(|frame| frame.flow);
        if !mapping && !bracketed && bytes.get(content as usize) != Some(&b'-') {
            // An indentless sequence (`key:` then `- a` at the key's indentation) starts after
            // its first `- `: take the `-`.
            let before = &self.text[..content as usize];
            let trimmed = before.trim_end_matches([' ', '\t']);
            if trimmed.ends_with('-') {
                content = (trimmed.len() - 1) as u32;
            }
        }
        if self.open.len() >= MAX_DEPTH {
            let range = TextRange::at(content, u32::from(bracketed));
            self.errors.push(SyntaxError::new(
                range,
                msg!(
                    "collections nest deeper than {MAX_DEPTH} levels; berth stops reading here",
                    "les listes et mappings s'imbriquent sur plus de {MAX_DEPTH} niveaux ; \
                     berth arrête la lecture ici",
                ),
            ));
            self.stop = Some(content);
            return false;
        }
        self.last_end = self
            .last_end
            .max(if bracketed { content + 1 } else { content });
        let (tag, anchor) = properties.map_or((None, None), |p| (p.tag, p.anchor));
        self.open.push(Frame {
            mapping,
            flow,
            bracketed,
            start: content,
            content_end: if bracketed { content + 1 } else { content },
            tag,
            anchor,
            items: Vec::new(),
            entries: Vec::new(),
            key: None,
        });
        true
    }

    fn close(&mut self, end_event: u32) {
        let Some(mut frame) = self.open.pop() else {
            return;
        };
        if let Some(key) = frame.key.take() {
            // Only when closing at a syntax error: a key whose value was never read.
            let offset = self.offset_after_key(&key);
            frame.content_end = frame.content_end.max(offset);
            let value = self.node(TextRange::empty(offset), null());
            frame.entries.push(Entry { key, value });
        }
        let end = if frame.bracketed {
            end_event.max(frame.content_end)
        } else {
            frame.content_end
        };
        self.last_end = self.last_end.max(end);
        let range = TextRange::new(frame.start, end.max(frame.start));
        let kind = if frame.mapping {
            self.report_duplicate_keys(&frame.entries);
            NodeKind::Mapping(Mapping {
                entries: frame.entries,
                flow: frame.flow,
            })
        } else {
            NodeKind::Sequence(Sequence {
                items: frame.items,
                flow: frame.flow,
            })
        };
        let mut node = self.node(range, kind);
        node.tag = frame.tag;
        node.anchor = frame.anchor;
        self.push_node(node);
    }

    fn push_node(&mut self, node: Node) {
        let Some(frame) = self.open.last_mut() else {
            self.roots.push(node);
            return;
        };
        frame.content_end = frame.content_end.max(node.range.end);
        if !frame.mapping {
            frame.items.push(node);
        } else if let Some(key) = frame.key.take() {
            frame.entries.push(Entry { key, value: node });
        } else {
            frame.key = Some(node);
        }
    }

    fn on_unknown_alias(&mut self, error: &ScanError) {
        let start = self.offsets.byte_offset(error.marker().index()) as usize;
        let rest = &self.text[start..];
        let name_len = rest
            .strip_prefix('*')
            .map_or(0, |name| name.find(is_property_end).unwrap_or(name.len()));
        let end = start + name_len + usize::from(rest.starts_with('*'));
        let name = self.text[(start + 1).min(end)..end].to_owned();
        self.last_end = end as u32;
        self.push_node(self.node(TextRange::from(start..end), alias(name)));
    }

    fn on_scan_error(&mut self, error: &ScanError) {
        let start = self.offsets.byte_offset(error.marker().index());
        let width = self.text[start as usize..]
            .chars()
            .next()
            .filter(|c| !matches!(c, '\n' | '\r'))
            .map_or(0, char::len_utf8);
        self.errors.push(SyntaxError::new(
            TextRange::at(start, width as u32),
            scan_error_message(error.info()),
        ));
        self.stop = Some(start);
    }

    fn report_duplicate_keys(&mut self, entries: &[Entry]) {
        if entries.len() < 2 {
            return;
        }
        let mut duplicates = Vec::new();
        if entries.len() <= SMALL_MAPPING {
            // Most mappings are this small: comparing each key with the ones before it costs
            // less than hashing them.
            for (index, entry) in entries.iter().enumerate() {
                let Some(key) = entry.key.as_str() else {
                    continue;
                };
                let first = entries[..index]
                    .iter()
                    .find(|earlier| earlier.key.as_str() == Some(key));
                if let Some(first) = first {
                    duplicates.push((key, first.key.range, entry.key.range));
                }
            }
        } else {
            let mut first_by_key: HashMap<&str, &Node> = HashMap::with_capacity(entries.len());
            for entry in entries {
                let Some(key) = entry.key.as_str() else {
                    continue;
                };
                if let Some(first) = first_by_key.get(key) {
                    duplicates.push((key, first.range, entry.key.range));
                } else {
                    first_by_key.insert(key, &entry.key);
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
                    "mapping key {key:?} already defined at line {line}",
                    "la clé « {key} » est déjà définie à la ligne {line}",
                ),
            )
            .with_related(first, msg!("first defined here", "première définition ici"));
            self.errors.push(error);
        }
    }

    /// Reads the anchor and tag at the start of a node's span.
    fn properties(&self, start: u32, end: u32) -> Properties {
        let bytes = self.text.as_bytes();
        let end = end as usize;
        let mut pos = start as usize;
        let mut properties = Properties {
            tag: None,
            anchor: None,
            end: start,
            content: start,
        };
        loop {
            pos = skip_blanks_and_comments(bytes, pos, end);
            let token_end = |from: usize| {
                self.text[from..end]
                    .find(is_property_end)
                    .map_or(end, |len| from + len)
            };
            match bytes.get(pos) {
                Some(b'&') if pos < end && properties.anchor.is_none() => {
                    let token_end = token_end(pos);
                    properties.anchor = Some(Box::new(Anchor {
                        name: self.text[pos + 1..token_end].to_owned(),
                        range: TextRange::from(pos..token_end),
                    }));
                    properties.end = token_end as u32;
                    pos = token_end;
                }
                Some(b'!') if pos < end && properties.tag.is_none() => {
                    let token_end = if self.text[pos..].starts_with("!<") {
                        self.text[pos..end].find('>').map_or(end, |i| pos + i + 1)
                    } else {
                        token_end(pos)
                    };
                    properties.tag =
                        Some(Box::new(tag(&self.text[pos..token_end], pos, token_end)));
                    properties.end = token_end as u32;
                    pos = token_end;
                }
                _ => break,
            }
        }
        properties.content = pos.min(end).max(properties.end as usize) as u32;
        properties
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

    fn finish(mut self) -> Document {
        while !self.open.is_empty() {
            self.close(self.stop.unwrap_or(self.text.len() as u32));
        }
        if !self.scalars.is_sorted_by_key(|range| range.start) {
            self.scalars.sort_unstable_by_key(|range| range.start);
        }
        let stop = self.stop.unwrap_or(self.text.len() as u32);
        let comments = scan_comments(self.text, &self.scalars, stop);
        Document {
            file: self.file,
            roots: self.roots,
            comments,
            errors: self.errors,
        }
    }
}

fn alias(name: String) -> NodeKind {
    NodeKind::Alias(Alias { name })
}

fn null() -> NodeKind {
    NodeKind::Scalar(Scalar {
        value: CompactString::default(),
        style: ScalarStyle::Plain,
    })
}

/// A tag as written: `!reset` is `!` and `reset`, `!!str` is `!!` and `str`, `!e!x` is `!e!`
/// and `x`; a verbatim `!<uri>` has an empty handle and the URI as suffix.
fn tag(written: &str, start: usize, end: usize) -> Tag {
    let (handle, suffix) = if let Some(verbatim) = written.strip_prefix("!<") {
        ("", verbatim.strip_suffix('>').unwrap_or(verbatim))
    } else {
        match written[1..].find('!') {
            Some(i) => written.split_at(i + 2),
            None => written.split_at(1),
        }
    };
    Tag {
        handle: handle.to_owned(),
        suffix: suffix.to_owned(),
        range: TextRange::from(start..end),
    }
}

/// The offset just after the closing quote of the quoted scalar starting at `start`, or `end`
/// if it is not closed before.
fn quoted_end(text: &str, start: u32, end: u32) -> u32 {
    let bytes = text.as_bytes();
    let (start, end) = (start as usize, end as usize);
    let Some(&quote) = bytes.get(start) else {
        return end as u32;
    };
    let mut pos = start + 1;
    while pos < end {
        match bytes[pos] {
            b'\\' if quote == b'"' => pos += 2,
            b'\'' if quote == b'\'' && bytes.get(pos + 1) == Some(&b'\'') => pos += 2,
            byte if byte == quote => return (pos + 1) as u32,
            _ => pos += 1,
        }
    }
    end as u32
}

/// Whether `c` ends an anchor, alias or tag token.
fn is_property_end(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | ',' | '[' | ']' | '{' | '}')
}

fn skip_blanks_and_comments(bytes: &[u8], mut pos: usize, end: usize) -> usize {
    while pos < end {
        match bytes[pos] {
            b' ' | b'\t' | b'\n' | b'\r' => pos += 1,
            b'#' => pos = line_end(bytes, pos),
            _ => break,
        }
    }
    pos
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&byte| byte == b'\n' || byte == b'\r')
        .map_or(bytes.len(), |len| from + len)
}
