//! The line reader: physical lines into directives, comments and logical instructions, as
//! BuildKit's `parser.Parse` reads them, keeping every byte as a token.

use std::sync::Arc;

use crate::message::SyntaxError;
use crate::msg;
use crate::text::{MappedText, PieceMap, TextRange};

use super::heredoc;
use super::instruction::Builder;
use super::json::Element;
use super::token::{Token, TokenKind};
use super::tree::{
    Arguments, Command, Comment, Directive, DirectiveKind, Dockerfile, Heredoc, Instruction,
    Keyword, WordList,
};
use super::validate;

/// BuildKit reads lines with Go's `bufio.Scanner`, whose default limit makes longer lines fatal.
const MAX_LINE_LEN: usize = 65_535;

const BOM: &str = "\u{feff}";

/// A physical line: `start..content_end` is its text without the trailing `\r`/`\n` bytes,
/// `content_end..end` those bytes.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    content_end: usize,
    end: usize,
}

pub(super) fn parse(text: &str) -> Dockerfile {
    let mut parser = Parser::new(text, false);
    parser.run();
    parser.out
}

/// The token stream of `text`: the parse again, keeping every token this time.
pub(super) fn tokens(text: &str) -> Vec<Token> {
    let mut parser = Parser::new(text, true);
    parser.run();
    parser.tokens
}

struct Parser<'a> {
    text: &'a str,
    /// Start of the next physical line.
    pos: usize,
    /// The line breaks of the text, in order: lines are read one after the other, and one
    /// search through the whole text costs less than a search from each line's start.
    newlines: memchr::Memchr<'a>,
    directives_done: bool,
    /// Index in `out.comments` of the first comment that will attach to the next instruction.
    pending_comments: usize,
    out: Dockerfile,
    /// The logical texts of all instructions, one after the other: each instruction's
    /// [`MappedText`] reads its part, through `placeholder` until the file is read.
    logical_texts: String,
    placeholder: Arc<str>,
    /// The current instruction's way from its logical text to the file, in the same memory
    /// each time.
    map: PieceMap,
    /// Reused buffers: the file ranges of the current instruction's logical text, and its
    /// tokens in logical offsets.
    pieces: Vec<(usize, usize)>,
    scratch_tokens: Vec<(TokenKind, TextRange)>,
    scratch_ranges: Vec<TextRange>,
    scratch_json: Vec<Element>,
    /// While an instruction is read, the tokens of its lines (blanks, continuations, comment
    /// lines, line breaks, heredoc bodies) go to `line_tokens` and those of its logical text to
    /// `mapped_tokens`; both are in file order and are merged at the end.
    in_instruction: bool,
    /// Whether the token stream is wanted ([`tokens`]); parsing alone skips it.
    collect_tokens: bool,
    /// The token stream, when it is wanted.
    tokens: Vec<Token>,
    line_tokens: Vec<Token>,
    mapped_tokens: Vec<Token>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str, collect_tokens: bool) -> Parser<'a> {
        Parser {
            text,
            pos: 0,
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()),
            directives_done: false,
            pending_comments: 0,
            out: Dockerfile {
                escape: '\\',
                // About one instruction per forty bytes in real files, and one token per five.
                instructions: Vec::with_capacity(text.len() / 40),
                ..Dockerfile::default()
            },
            collect_tokens,
            tokens: Vec::with_capacity(if collect_tokens { text.len() / 5 } else { 0 }),
            logical_texts: String::with_capacity(text.len()),
            placeholder: Arc::from(""),
            map: PieceMap::new(),
            pieces: Vec::new(),
            scratch_tokens: Vec::new(),
            scratch_ranges: Vec::new(),
            scratch_json: Vec::new(),
            in_instruction: false,
            line_tokens: Vec::new(),
            mapped_tokens: Vec::new(),
        }
    }

    fn run(&mut self) {
        if self.text.starts_with(BOM) {
            self.out.bom = Some(TextRange::new(0, 3));
            self.token(TokenKind::ByteOrderMark, 0, 3);
            self.pos = 3;
        }
        while let Some(line) = self.next_line() {
            let content = &self.text[line.start..line.content_end];
            let indent = content.len() - content.trim_start().len();
            let trimmed_start = line.start + indent;
            let trimmed = &self.text[trimmed_start..line.content_end];
            if !self.directives_done {
                if self.directive(line, trimmed_start) {
                    continue;
                }
                self.directives_done = true;
            }
            if trimmed.starts_with('#') {
                self.comment_line(line, trimmed_start, true);
                continue;
            }
            let continuation = continuation(trimmed, self.out.escape);
            if continuation.is_none() && trimmed.is_empty() {
                self.token(TokenKind::Whitespace, line.start, line.content_end);
                self.token(TokenKind::Newline, line.content_end, line.end);
                continue;
            }
            self.instruction(
                line,
                trimmed_start,
                continuation.map(|at| trimmed_start + at),
            );
        }
        if self.out.instructions.is_empty() {
            let first_line_end = self.text.find('\n').unwrap_or(self.text.len());
            self.out.errors.push(SyntaxError::new(
                TextRange::new(0, first_line_end as u32),
                msg!(
                    "file with no instructions",
                    "fichier sans aucune instruction"
                ),
            ));
        }
        let logical_texts: Arc<str> = Arc::from(std::mem::take(&mut self.logical_texts));
        for instruction in &mut self.out.instructions {
            let mut next = Some(instruction);
            while let Some(instruction) = next {
                instruction.logical.share(&logical_texts);
                next = match &mut instruction.args {
                    Arguments::OnBuild(trigger) => Some(trigger),
                    _ => None,
                };
            }
        }
        validate::stages(&mut self.out);
        self.out.errors.sort_by_key(|error| error.range.start);
    }

    fn token(&mut self, kind: TokenKind, start: usize, end: usize) {
        if self.collect_tokens && start < end {
            let token = Token {
                kind,
                range: TextRange::new(start as u32, end as u32),
            };
            if self.in_instruction {
                self.line_tokens.push(token);
            } else {
                self.tokens.push(token);
            }
        }
    }

    /// The next physical line, reporting it when BuildKit would find it too long.
    fn next_line(&mut self) -> Option<Line> {
        if self.pos >= self.text.len() {
            return None;
        }
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let end = self.newlines.next().map_or(bytes.len(), |at| at + 1);
        let mut content_end = end;
        while content_end > start && matches!(bytes[content_end - 1], b'\r' | b'\n') {
            content_end -= 1;
        }
        self.pos = end;
        let without_newline = if bytes[end - 1] == b'\n' {
            end - 1
        } else {
            end
        };
        if without_newline - start > MAX_LINE_LEN {
            self.out.errors.push(SyntaxError::new(
                TextRange::new(start as u32, content_end as u32),
                msg!(
                    "dockerfile line greater than max allowed size of 65535",
                    "ligne de Dockerfile plus longue que la taille maximale autorisée de 65535 octets"
                ),
            ));
        }
        Some(Line {
            start,
            content_end,
            end,
        })
    }

    /// Reads `line` as a parser directive if it is one; a line that is not ends the block.
    fn directive(&mut self, line: Line, trimmed_start: usize) -> bool {
        let Some(parsed) = parse_directive(self.text, trimmed_start, line.content_end) else {
            return false;
        };
        let name = self.text[parsed.name.0..parsed.name.1].to_ascii_lowercase();
        let Some(kind) = DirectiveKind::from_lowercase(&name) else {
            return false;
        };
        let name_range = range(parsed.name.0, parsed.name.1);
        let value_range = range(parsed.value.0, parsed.value.1);
        let value = value_range.slice(self.text).to_string();
        let duplicate = self.out.directive(kind).is_some();
        if duplicate {
            self.out.errors.push(SyntaxError::new(
                name_range,
                msg!(
                    "only one {name} parser directive can be used",
                    "une seule directive d'analyse {name} est autorisée"
                ),
            ));
        } else if kind == DirectiveKind::Escape {
            if value == "\\" || value == "`" {
                self.out.escape = value.chars().next().unwrap_or('\\');
                self.out.escape_directive = Some(self.out.directives.len());
            } else {
                self.out.errors.push(SyntaxError::new(
                    value_range,
                    msg!(
                        "invalid escape token '{value}' does not match ` or \\",
                        "caractère d'échappement « {value} » invalide : seuls ` et \\ sont acceptés"
                    ),
                ));
            }
        }
        self.token(TokenKind::Whitespace, line.start, trimmed_start);
        self.token(TokenKind::DirectiveMarker, trimmed_start, parsed.name.0);
        self.token(TokenKind::DirectiveName, parsed.name.0, parsed.name.1);
        self.token(TokenKind::Whitespace, parsed.name.1, parsed.equals);
        self.token(TokenKind::Equals, parsed.equals, parsed.equals + 1);
        self.token(TokenKind::Whitespace, parsed.equals + 1, parsed.value.0);
        self.token(TokenKind::DirectiveValue, parsed.value.0, parsed.value.1);
        self.token(TokenKind::Whitespace, parsed.value.1, line.content_end);
        self.token(TokenKind::Newline, line.content_end, line.end);
        self.out.directives.push(Directive {
            range: range(trimmed_start, parsed.value.1),
            kind,
            name_range,
            value,
            value_range,
        });
        true
    }

    /// A comment line; outside an instruction it joins the comments attached to the next one.
    fn comment_line(&mut self, line: Line, trimmed_start: usize, top_level: bool) {
        let after_hash = trimmed_start + 1;
        let body = &self.text[after_hash..line.content_end];
        let text_start = after_hash + (body.len() - body.trim_start().len());
        let text_end = text_start + body.trim().len();
        self.token(TokenKind::Whitespace, line.start, trimmed_start);
        self.token(TokenKind::Comment, trimmed_start, line.content_end);
        self.token(TokenKind::Newline, line.content_end, line.end);
        self.out.comments.push(Comment {
            range: range(trimmed_start, line.content_end),
            text: self.text[text_start..text_end].to_string(),
            text_range: range(text_start, text_end),
        });
        // BuildKit clears the attached comments on a bare `#`; it looks at the line minus its
        // first byte, so an indented bare `#` does not clear them.
        if top_level && trimmed_start == line.start && text_start == text_end {
            self.pending_comments = self.out.comments.len();
        }
    }

    /// An instruction starting on `first`, with its continuation lines and heredocs.
    /// `continuation` is where the escape token ending the first line is, if it ends with one.
    fn instruction(&mut self, first: Line, trimmed_start: usize, continuation: Option<usize>) {
        self.in_instruction = true;
        self.line_tokens.clear();
        let attached = self.pending_comments..self.out.comments.len();
        let (mut end, empty_lines) = self.continuation_lines(first, trimmed_start, continuation);

        // The logical text goes straight into the buffer all the instructions share.
        let mut texts = std::mem::take(&mut self.logical_texts);
        let mut map = std::mem::take(&mut self.map);
        map.clear();
        let text_start = texts.len();
        for &(start, end) in &self.pieces {
            texts.push_str(&self.text[start..end]);
            map.push(start as u32, (end - start) as u32);
        }
        let logical = &texts[text_start..];
        let mut tokens = std::mem::take(&mut self.scratch_tokens);
        tokens.clear();
        let mut builder = Builder {
            text: logical,
            map: &map,
            shift: map.single_piece_start(),
            escape: self.out.escape,
            collect_tokens: self.collect_tokens,
            tokens,
            errors: &mut self.out.errors,
            ranges: std::mem::take(&mut self.scratch_ranges),
            json_elements: std::mem::take(&mut self.scratch_json),
        };
        let mut instruction = builder.instruction(0, logical.len());
        if instruction.keyword_logical.is_empty() {
            // A line holding only an escape token continues into nothing BuildKit knows.
            instruction.keyword_range = TextRange::empty(trimmed_start as u32);
        }
        validate::instruction(&mut builder, &instruction);
        let mut tokens = std::mem::take(&mut builder.tokens);
        self.scratch_ranges = std::mem::take(&mut builder.ranges);
        self.scratch_json = std::mem::take(&mut builder.json_elements);

        let owner_is_trigger = instruction.keyword == Keyword::Onbuild;
        let owner = instruction.trigger().unwrap_or(&instruction);
        let heredocs = if can_contain_heredocs(owner) && has_heredoc_operator(logical) {
            self.heredocs(
                logical,
                &map,
                instruction.args_logical,
                &mut tokens,
                &mut end,
            )
        } else {
            Vec::new()
        };
        if self.collect_tokens {
            self.push_tokens(logical, &map, &mut tokens);
        }
        self.scratch_tokens = tokens;
        self.in_instruction = false;

        let whole_range = range(trimmed_start, end);
        instruction.range = whole_range;
        instruction.comments = attached;
        instruction.empty_continuation_lines = empty_lines;
        let shared = MappedText::shared(
            &self.placeholder,
            text_start as u32,
            texts.len() as u32,
            &map,
        );
        self.logical_texts = texts;
        self.map = map;
        if let Arguments::OnBuild(trigger) = &mut instruction.args {
            if owner_is_trigger {
                trigger.heredocs = heredocs;
            }
            // Triggers share the logical text of their ONBUILD line and end where it ends.
            let mut next = Some(trigger);
            while let Some(trigger) = next {
                trigger.range = TextRange::new(trigger.keyword_range.start, whole_range.end);
                trigger.logical = shared.clone();
                next = match &mut trigger.args {
                    Arguments::OnBuild(inner) => Some(inner),
                    _ => None,
                };
            }
        } else {
            instruction.heredocs = heredocs;
        }
        instruction.logical = shared;
        self.out.instructions.push(instruction);
        self.pending_comments = self.out.comments.len();
    }

    /// Reads the lines an instruction continues on, leaving in `pieces` the file ranges its
    /// logical text is made of: where the instruction ends (before heredoc bodies), and the
    /// blank lines inside the continuation.
    fn continuation_lines(
        &mut self,
        first: Line,
        trimmed_start: usize,
        continuation: Option<usize>,
    ) -> (usize, Vec<TextRange>) {
        self.pieces.clear();
        let mut empty_lines = Vec::new();
        self.token(TokenKind::Whitespace, first.start, trimmed_start);
        let piece_end = continuation.unwrap_or(first.content_end);
        self.pieces.push((trimmed_start, piece_end));
        self.token(TokenKind::LineContinuation, piece_end, first.content_end);
        self.token(TokenKind::Newline, first.content_end, first.end);
        let mut end = first.content_end;
        let mut continuing = continuation.is_some();
        while continuing && let Some(line) = self.next_line() {
            end = line.content_end;
            let content = &self.text[line.start..line.content_end];
            let trimmed = content.trim_start();
            if trimmed.starts_with('#') {
                let trimmed_start = line.content_end - trimmed.len();
                self.comment_line(line, trimmed_start, false);
                continue;
            }
            if trimmed.is_empty() {
                self.token(TokenKind::Whitespace, line.start, line.content_end);
                self.token(TokenKind::Newline, line.content_end, line.end);
                empty_lines.push(range(line.start, line.content_end));
                continue;
            }
            let at = continuation_in(content, self.out.escape);
            let piece_end = at.map_or(line.content_end, |at| line.start + at);
            self.pieces.push((line.start, piece_end));
            self.token(TokenKind::LineContinuation, piece_end, line.content_end);
            self.token(TokenKind::Newline, line.content_end, line.end);
            continuing = at.is_some();
        }
        (end, empty_lines)
    }

    /// The heredocs of an instruction whose logical text holds `<<`: their markers carved out
    /// of `tokens`, their bodies read from the lines that follow (moving `end` past them).
    fn heredocs(
        &mut self,
        logical: &str,
        map: &PieceMap,
        args_logical: TextRange,
        tokens: &mut Vec<(TokenKind, TextRange)>,
        end: &mut usize,
    ) -> Vec<Heredoc> {
        let markers = match heredoc::markers(logical) {
            Ok(markers) => markers,
            Err(message) => {
                let at = map.file_range(args_logical);
                self.out.errors.push(SyntaxError::new(
                    at,
                    crate::message::Message::new(
                        message.clone(),
                        format!("impossible de lire le heredoc : {message}"),
                    ),
                ));
                return Vec::new();
            }
        };
        let mut heredocs = Vec::with_capacity(markers.len());
        for marker in markers {
            let marker_logical = heredoc::marker_range(0, marker.start, marker.end);
            if self.collect_tokens {
                carve(tokens, marker_logical, TokenKind::HeredocMarker);
            }
            let name_logical = heredoc::marker_range(0, marker.name_start, marker.end);
            let (body, terminator) = self.heredoc_body(&marker.name, marker.chomp);
            let marker_range = map.file_range(marker_logical);
            if terminator.is_none() {
                let name = &marker.name;
                self.out.errors.push(SyntaxError::new(
                    marker_range,
                    msg!(
                        "unterminated heredoc: no line \"{name}\" ends it",
                        "heredoc non terminé : aucune ligne « {name} » ne le ferme"
                    ),
                ));
            }
            *end = terminator.map_or(body.end as usize, |range| range.end as usize);
            heredocs.push(Heredoc {
                range: marker_range,
                logical: marker_logical,
                fd: marker.fd,
                chomp: marker.chomp,
                expand: marker.expand,
                name: marker.name,
                name_range: map.file_range(name_logical),
                body,
                terminator,
            });
        }
        heredocs
    }

    /// Appends the instruction's tokens to the stream in file order: those of its logical text
    /// (`tokens`, in logical offsets; the gaps between them are filled) and those of its lines
    /// (blanks, continuations, comment lines, line breaks, heredoc bodies).
    fn push_tokens(
        &mut self,
        logical: &str,
        map: &PieceMap,
        tokens: &mut [(TokenKind, TextRange)],
    ) {
        if !tokens.is_sorted_by_key(|(_, range)| range.start) {
            tokens.sort_unstable_by_key(|(_, range)| range.start);
        }
        match map.single_piece_start() {
            // Most instructions are one piece of one line: their tokens map by a shift, and
            // the line's own tokens are all before or all after them, so everything goes
            // straight to the stream.
            Some(shift) => {
                let lines = &self.line_tokens;
                let before = lines.partition_point(|token| token.range.start < shift);
                let out = &mut self.tokens;
                out.reserve(lines.len() + 2 * tokens.len() + 1);
                out.extend_from_slice(&lines[..before]);
                fill_gaps(logical, tokens, |kind, range| {
                    out.push(Token {
                        kind,
                        range: range.shift(shift),
                    });
                });
                out.extend_from_slice(&lines[before..]);
            }
            // Tokens are split where continuations cut them, then merged with the lines'.
            None => {
                let mapped = &mut self.mapped_tokens;
                mapped.clear();
                fill_gaps(logical, tokens, |kind, range| {
                    for piece in map.file_pieces_in(range) {
                        mapped.push(Token { kind, range: piece });
                    }
                });
                self.merge_tokens();
            }
        }
    }

    /// Reads heredoc body lines up to the terminator line: the body range and the terminator's.
    fn heredoc_body(&mut self, name: &str, chomp: bool) -> (TextRange, Option<TextRange>) {
        let body_start = self.pos;
        while let Some(line) = self.next_line() {
            let mut candidate = &self.text[line.start..line.content_end];
            if chomp {
                candidate = candidate.trim_start_matches('\t');
            }
            if candidate == name {
                self.token(TokenKind::HeredocBody, body_start, line.start);
                self.token(TokenKind::HeredocTerminator, line.start, line.content_end);
                self.token(TokenKind::Newline, line.content_end, line.end);
                return (
                    range(body_start, line.start),
                    Some(range(line.start, line.content_end)),
                );
            }
        }
        self.token(TokenKind::HeredocBody, body_start, self.text.len());
        (range(body_start, self.text.len()), None)
    }

    /// Appends the instruction's line tokens and logical tokens to the stream in file order
    /// (each list is already in order).
    fn merge_tokens(&mut self) {
        let tokens = &mut self.tokens;
        let (lines, mapped) = (&self.line_tokens, &self.mapped_tokens);
        tokens.reserve(lines.len() + mapped.len());
        let (mut line, mut logical) = (0, 0);
        while line < lines.len() && logical < mapped.len() {
            if lines[line].range.start < mapped[logical].range.start {
                tokens.push(lines[line]);
                line += 1;
            } else {
                tokens.push(mapped[logical]);
                logical += 1;
            }
        }
        tokens.extend_from_slice(&mapped[logical..]);
        tokens.extend_from_slice(&lines[line..]);
    }
}

/// Hands each of `tokens` (sorted, in logical offsets) to `push`, with a token for each gap
/// between them and after the last: blanks, or text that no token covers.
fn fill_gaps(
    text: &str,
    tokens: &[(TokenKind, TextRange)],
    mut push: impl FnMut(TokenKind, TextRange),
) {
    let mut cursor = 0;
    for &(kind, range) in tokens {
        if range.start < cursor {
            // Overlapping tokens cannot happen by construction; drop rather than break the
            // stream if they ever do.
            continue;
        }
        if cursor < range.start {
            let gap = TextRange::new(cursor, range.start);
            push(gap_kind(gap.slice(text)), gap);
        }
        if !range.is_empty() {
            push(kind, range);
        }
        cursor = range.end;
    }
    let len = text.len() as u32;
    if cursor < len {
        let gap = TextRange::new(cursor, len);
        push(gap_kind(gap.slice(text)), gap);
    }
}

fn gap_kind(gap: &str) -> TokenKind {
    let blank = gap.bytes().all(|b| b.is_ascii_whitespace()) || gap.trim().is_empty();
    if blank {
        TokenKind::Whitespace
    } else {
        TokenKind::Text
    }
}

/// Whether `text` holds the heredoc operator `<<` (the markers are then read properly).
fn has_heredoc_operator(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes).any(|at| bytes.get(at + 1) == Some(&b'<'))
}

/// BuildKit's `canContainHeredoc`: RUN, COPY or ADD (possibly as an ONBUILD trigger), not in
/// JSON form.
fn can_contain_heredocs(instruction: &Instruction) -> bool {
    match (&instruction.keyword, &instruction.args) {
        (Keyword::Run, Arguments::Command(Command::Exec(_))) => false,
        (Keyword::Add | Keyword::Copy, Arguments::Paths(WordList::Json(_))) => false,
        (keyword, _) => keyword.takes_heredocs(),
    }
}

/// Replaces the parts of `tokens` that `carved` covers by one token of `kind`, in place (the
/// tokens are sorted afterwards).
fn carve(tokens: &mut Vec<(TokenKind, TextRange)>, carved: TextRange, kind: TokenKind) {
    for index in 0..tokens.len() {
        let (token_kind, range) = tokens[index];
        if range.end <= carved.start || range.start >= carved.end {
            continue;
        }
        let head = TextRange::new(range.start, carved.start.max(range.start));
        let tail = TextRange::new(carved.end.min(range.end), range.end);
        // An emptied token is dropped below: tokens are never empty otherwise.
        tokens[index].1 = head;
        if !tail.is_empty() {
            tokens.push((token_kind, tail));
        }
    }
    tokens.retain(|(_, range)| !range.is_empty());
    tokens.push((kind, carved));
}

/// Where the escape token continuing `line` (left-trimmed first line) is: BuildKit's
/// `([^E])E[ \t]*$|^E[ \t]*$`, so two escape tokens in a row do not continue the line.
fn continuation(line: &str, escape: char) -> Option<usize> {
    continuation_in(line, escape)
}

fn continuation_in(line: &str, escape: char) -> Option<usize> {
    // The escape token is `\` or `` ` ``: one byte, compared as such on every line.
    let escape = u8::try_from(escape).ok().filter(u8::is_ascii)?;
    let bytes = line.as_bytes();
    let mut end = bytes.len();
    while end > 0 && matches!(bytes[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    let at = end.checked_sub(1).filter(|&at| bytes[at] == escape)?;
    if at > 0 && bytes[at - 1] == escape {
        return None;
    }
    Some(at)
}

struct ParsedDirective {
    name: (usize, usize),
    equals: usize,
    value: (usize, usize),
}

/// Matches `#`, blanks, then `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` (Go's `\s` is
/// `[\t\n\f\r ]`) on the line at `start..end`.
fn parse_directive(text: &str, start: usize, end: usize) -> Option<ParsedDirective> {
    let line = &text[start..end];
    let after_hash = line.strip_prefix('#')?;
    let rest = after_hash.trim_start();
    let name_start = start + (line.len() - rest.len());
    let bytes = rest.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() {
        return None;
    }
    let name_len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let is_go_space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let spaces = bytes[name_len..]
        .iter()
        .take_while(|b| is_go_space(b))
        .count();
    let equals = name_len + spaces;
    if bytes.get(equals) != Some(&b'=') {
        return None;
    }
    let value_part = &bytes[equals + 1..];
    if value_part.is_empty() {
        return None;
    }
    let leading = value_part.iter().take_while(|b| is_go_space(b)).count();
    let (value_start, value_end) = if leading == value_part.len() {
        // Only blanks: the lazy `(.+?)` still takes one, the last.
        (value_part.len() - 1, value_part.len())
    } else {
        let trailing = value_part
            .iter()
            .rev()
            .take_while(|b| is_go_space(b))
            .count();
        (leading, value_part.len() - trailing)
    };
    let base = name_start + equals + 1;
    Some(ParsedDirective {
        name: (name_start, name_start + name_len),
        equals: name_start + equals,
        value: (base + value_start, base + value_end),
    })
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(start as u32, end as u32)
}
