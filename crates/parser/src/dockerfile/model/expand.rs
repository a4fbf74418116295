//! Expanding a word of the file in the scope of an instruction, keeping track of which text and
//! which variables each byte of the value comes from.

use std::cell::{Cell, RefCell};
use std::ops::Range;

use compact_str::CompactString;

use crate::dockerfile::word::{self, WordPart};
use crate::lookup::Lookup;
use crate::message::SyntaxError;
use crate::text::{MappedText, TextRange};

use super::expanded::{Expanded, ExpandedLists, Segment};
use super::scope::{Binding, Reference, Resolution, Scope, Value};
use super::stage::{Base, Stage};

/// The stages and bindings lookups read: the model's, or those the builder has so far.
#[derive(Clone)]
pub(super) struct Scopes<'a> {
    pub stages: &'a [Stage],
    pub bindings: &'a [Binding],
    pub globals: Range<usize>,
    /// The binding of BuildKit's default `PATH` in scratch stages.
    pub scratch_path: usize,
}

impl Scopes<'_> {
    /// Where `name` resolves in `scope`. A declaration without value does not hide a value set
    /// before it (BuildKit leaves the environment alone), but counts when nothing else does.
    pub fn resolve(&self, scope: Scope, name: &str) -> Resolution {
        let mut unset = None;
        let visit = |id: usize, unset: &mut Option<usize>| -> Option<usize> {
            let binding = &self.bindings[id];
            if binding.name != name {
                return None;
            }
            if binding.value.is_set() {
                return Some(id);
            }
            unset.get_or_insert(id);
            None
        };
        let (stage, end) = match scope {
            Scope::Global { end } => {
                let end = end.min(self.globals.end);
                for id in (self.globals.start..end).rev() {
                    if let Some(found) = visit(id, &mut unset) {
                        return Resolution::Bound(found);
                    }
                }
                return unset.map_or(Resolution::Undefined, Resolution::Bound);
            }
            Scope::Stage { stage, end } => (&self.stages[stage], end),
        };
        for id in (stage.bindings.start..end.min(stage.bindings.end)).rev() {
            if let Some(found) = visit(id, &mut unset) {
                return Resolution::Bound(found);
            }
        }
        // Inherited: the parent's image configuration (its ENV) is applied again over the
        // parent's environment when a stage starts FROM it, so an inherited ENV wins over an
        // inherited ARG.
        let mut inherited_arg = None;
        let mut current = stage;
        while let Base::Stage(parent) = current.base {
            current = &self.stages[parent];
            for id in current.bindings.clone().rev() {
                if let Some(found) = visit(id, &mut unset) {
                    if self.bindings[found].kind == super::scope::BindingKind::Env {
                        return Resolution::Bound(found);
                    }
                    inherited_arg.get_or_insert(found);
                }
            }
        }
        if let Some(found) = inherited_arg.or(unset) {
            return Resolution::Bound(found);
        }
        match current.base {
            Base::Scratch if name == "PATH" => Resolution::Bound(self.scratch_path),
            Base::Scratch => Resolution::Undefined,
            Base::Image(_) | Base::Context | Base::Missing | Base::Stage(_) => {
                Resolution::FromBaseImage
            }
        }
    }
}

/// A word to expand: its text, and how offsets in the text map to the file.
#[derive(Clone, Copy)]
pub(super) struct WordText<'a> {
    pub text: &'a str,
    /// The whole word in the file.
    pub range: TextRange,
    /// The instruction's logical text and where the word starts in it, when the text is
    /// exactly that part of it (not a decoded JSON string or a flag value with quotes).
    pub map: Option<(&'a MappedText, u32)>,
}

impl WordText<'_> {
    fn file_range(&self, range: TextRange) -> TextRange {
        match self.map {
            Some((logical, start)) => logical.file_range(range.shift(start)),
            None => self.range,
        }
    }
}

/// Where expanding a word writes: the lists its [`Expanded`] holds runs of, and the errors
/// BuildKit reports for it.
pub(super) struct Sink<'s> {
    pub lists: &'s mut ExpandedLists,
    pub errors: &'s mut Vec<SyntaxError>,
}

/// Expands `word` in `scope` as BuildKit does, recording every variable it reads, and the
/// errors BuildKit reports for it: the word's syntax errors (a missing `}`, a bad
/// substitution), which refuse the instruction whatever the variables, and when the value is
/// known, `${v:?message}` failures and invalid patterns, which depend on the values. Returns the
/// parsed word too when it needed parsing (for splitting into several words).
pub(super) fn expand(
    scopes: &Scopes,
    scope: Scope,
    escape: char,
    instruction: usize,
    word: WordText,
    sink: &mut Sink,
) -> (Expanded, Option<word::Word>) {
    // The escape token is ASCII (`\` or a backtick): bytes are compared, not characters.
    let plain = escape.is_ascii()
        && !word
            .text
            .bytes()
            .any(|b| matches!(b, b'$' | b'\'' | b'"') || b == escape as u8);
    if plain {
        return (plain_word(word, sink.lists), None);
    }
    let mut out = Builder::new(word, instruction, sink.lists);
    if let Some(known) = out.simple_references(scopes, scope) {
        return (out.finish(known), None);
    }
    out.restart();
    let (parsed, errors) = word::parse_word(word.text, escape);
    sink.errors
        .extend(errors.into_iter().map(|error| SyntaxError {
            range: word.file_range(error.range),
            ..error
        }));
    let value_errors = sink.errors.len();
    let recorder = Recorder {
        scopes,
        scope,
        resolutions: RefCell::new(Vec::new()),
        unknown: Cell::new(false),
    };
    out.parts(&parsed.parts, &recorder, sink.errors);
    let known = !recorder.unknown.get();
    if !known {
        sink.errors.truncate(value_errors);
    }
    (out.finish(known), Some(parsed))
}

/// A word without variables, quotes or escapes: its value is its text. Most words are such,
/// and most of those are written on one line, where the value maps to the file byte for byte
/// without any segment.
fn plain_word(word: WordText, lists: &mut ExpandedLists) -> Expanded {
    let len = word.text.len() as u32;
    let one_piece = match word.map {
        Some((logical, start)) => {
            let mut pieces = logical.file_pieces_in(TextRange::at(start, len));
            pieces.next() == Some(TextRange::at(word.range.start, len)) && pieces.next().is_none()
        }
        None => false,
    };
    if one_piece || (len == 0 && word.map.is_some()) {
        return Expanded {
            value: word.text.into(),
            range: word.range,
            known: true,
            references: 0..0,
            segments: 0..0,
        };
    }
    let mut out = Builder::new(word, 0, lists);
    out.literal(word.text, TextRange::new(0, len), true);
    out.finish(true)
}

/// Splits an expanded word into several at unquoted blanks, as BuildKit does for EXPOSE;
/// `None` when the value is the one word (most words). A word expanded without its syntax
/// tree has no blank in quotes (EXPOSE words are split at blanks before expansion), so its
/// value splits at every blank.
pub(super) fn split_words(
    scopes: &Scopes,
    scope: Scope,
    expanded: &Expanded,
    parsed: Option<&word::Word>,
) -> Option<Vec<CompactString>> {
    let Some(parsed) = parsed else {
        let value = &expanded.value;
        if !value.is_empty() && !value.contains(char::is_whitespace) {
            return None;
        }
        let words = value
            .split(char::is_whitespace)
            .filter(|word| !word.is_empty());
        return Some(words.map(CompactString::from).collect());
    };
    let recorder = Recorder {
        scopes,
        scope,
        resolutions: RefCell::new(Vec::new()),
        unknown: Cell::new(false),
    };
    let words = word::expand(parsed, &recorder).words;
    Some(words.into_iter().map(CompactString::from).collect())
}

/// A [`Lookup`] over the scopes that records how each name resolved and whether a value was
/// unknown.
struct Recorder<'s, 'a> {
    scopes: &'s Scopes<'a>,
    scope: Scope,
    resolutions: RefCell<Vec<Resolution>>,
    unknown: Cell<bool>,
}

impl Lookup for Recorder<'_, '_> {
    fn get(&self, name: &str) -> Option<&str> {
        let resolution = self.scopes.resolve(self.scope, name);
        self.resolutions.borrow_mut().push(resolution);
        match resolution {
            Resolution::Bound(id) => match &self.scopes.bindings[id].value {
                Value::Known(value) => Some(value),
                Value::Unknown => {
                    self.unknown.set(true);
                    Some("")
                }
                Value::Unset => None,
            },
            Resolution::FromBaseImage => {
                self.unknown.set(true);
                None
            }
            Resolution::Undefined => None,
        }
    }
}

/// Expands one word, appending its references and segments to the lists.
struct Builder<'a, 'l> {
    word: WordText<'a>,
    instruction: usize,
    value: CompactString,
    lists: &'l mut ExpandedLists,
    /// Where the word's references and segments start in the lists.
    references: u32,
    segments: u32,
}

impl<'a, 'l> Builder<'a, 'l> {
    fn new(word: WordText<'a>, instruction: usize, lists: &'l mut ExpandedLists) -> Self {
        Builder {
            word,
            instruction,
            value: CompactString::with_capacity(word.text.len()),
            references: lists.references.len() as u32,
            segments: lists.segments.len() as u32,
            lists,
        }
    }

    /// Forgets what was expanded so far.
    fn restart(&mut self) {
        self.value.clear();
        self.lists.references.truncate(self.references as usize);
        self.lists.segments.truncate(self.segments as usize);
    }

    fn finish(self, known: bool) -> Expanded {
        Expanded {
            value: self.value,
            range: self.word.range,
            known,
            references: self.references..self.lists.references.len() as u32,
            segments: self.segments..self.lists.segments.len() as u32,
        }
    }

    /// The parts of a word, concatenated: BuildKit's expansion is the concatenation of the
    /// expansions of its top-level parts, so each part maps to its own run of the value.
    fn parts(&mut self, parts: &[WordPart], recorder: &Recorder, errors: &mut Vec<SyntaxError>) {
        for part in parts {
            match part {
                WordPart::Literal(literal) | WordPart::HeredocMarker(literal) => {
                    self.literal(&literal.value, literal.range, true);
                }
                WordPart::Escaped(escaped) => self.literal(&escaped.value, escaped.range, false),
                WordPart::SingleQuoted(quoted) => {
                    let start = quoted.range.start + 1;
                    let content = TextRange::at(start, quoted.value.len() as u32);
                    self.literal(&quoted.value, content, true);
                }
                WordPart::DoubleQuoted(quoted) => self.parts(&quoted.parts, recorder, errors),
                WordPart::Variable(variable) => {
                    let first = recorder.resolutions.borrow().len();
                    let expansion = word::expand_variable(variable, recorder);
                    let resolutions = recorder.resolutions.borrow();
                    let references_start = self.lists.references.len() as u32;
                    for (reference, resolution) in
                        expansion.references.iter().zip(&resolutions[first..])
                    {
                        self.lists.references.push(Reference {
                            instruction: self.instruction,
                            name: reference.name.as_str().into(),
                            range: self.word.file_range(reference.range),
                            name_range: self.word.file_range(reference.name_range),
                            resolution: *resolution,
                        });
                    }
                    errors.extend(expansion.errors.into_iter().map(|error| SyntaxError {
                        range: self.word.file_range(error.range),
                        ..error
                    }));
                    let start = self.value.len() as u32;
                    self.value.push_str(&expansion.value);
                    self.lists.segments.push(Segment {
                        value: TextRange::new(start, self.value.len() as u32),
                        file: self.word.file_range(variable.range),
                        exact: false,
                        references: references_start..self.lists.references.len() as u32,
                    });
                }
            }
        }
    }

    /// Expands a word made only of literal text, quoted text without variables and plain
    /// `$NAME` or `${NAME}` references (ASCII, no escapes or `<`), the most common kind,
    /// without building its syntax tree: each literal run and each reference gives what [`Builder::parts`] gives for it.
    /// Returns whether the value is known; `None`, having done nothing that counts, for any
    /// other word.
    fn simple_references(&mut self, scopes: &Scopes, scope: Scope) -> Option<bool> {
        let text = self.word.text;
        let bytes = text.as_bytes();
        if !text.is_ascii() || bytes.iter().any(|b| matches!(b, b'<' | b'\\' | b'`')) {
            return None;
        }
        let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let mut known = true;
        let mut literal_start = 0;
        let mut pos = 0;
        while pos < bytes.len() {
            if let quote @ (b'"' | b'\'') = bytes[pos] {
                // Quoted text without variables is literal text, quotes removed.
                let content_start = pos + 1;
                let close = content_start + memchr::memchr(quote, &bytes[content_start..])?;
                let content = &text[content_start..close];
                if content.contains(['$', '"', '\'']) {
                    return None;
                }
                if literal_start < pos {
                    let raw = TextRange::new(literal_start as u32, pos as u32);
                    self.literal(&text[literal_start..pos], raw, true);
                }
                if !content.is_empty() {
                    let raw = TextRange::new(content_start as u32, close as u32);
                    self.literal(content, raw, true);
                }
                pos = close + 1;
                literal_start = pos;
                continue;
            }
            if bytes[pos] != b'$' {
                pos += 1;
                continue;
            }
            let braced = bytes.get(pos + 1) == Some(&b'{');
            let name_start = pos + 1 + usize::from(braced);
            // A name that starts with a digit is a positional parameter: not simple.
            if !bytes
                .get(name_start)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b == b'_')
            {
                return None;
            }
            let name_end = name_start
                + bytes[name_start..]
                    .iter()
                    .take_while(|&&b| is_name(b))
                    .count();
            let end = if braced {
                if bytes.get(name_end) != Some(&b'}') {
                    return None;
                }
                name_end + 1
            } else {
                name_end
            };
            if literal_start < pos {
                let raw = TextRange::new(literal_start as u32, pos as u32);
                self.literal(&text[literal_start..pos], raw, true);
            }
            let name = &text[name_start..name_end];
            let resolution = scopes.resolve(scope, name);
            let value = match resolution {
                Resolution::Bound(id) => match &scopes.bindings[id].value {
                    Value::Known(value) => value.as_str(),
                    Value::Unknown => {
                        known = false;
                        ""
                    }
                    Value::Unset => "",
                },
                Resolution::FromBaseImage => {
                    known = false;
                    ""
                }
                Resolution::Undefined => "",
            };
            let range = TextRange::new(pos as u32, end as u32);
            let references_start = self.lists.references.len() as u32;
            self.lists.references.push(Reference {
                instruction: self.instruction,
                name: name.into(),
                range: self.word.file_range(range),
                name_range: self
                    .word
                    .file_range(TextRange::new(name_start as u32, name_end as u32)),
                resolution,
            });
            let start = self.value.len() as u32;
            self.value.push_str(value);
            self.lists.segments.push(Segment {
                value: TextRange::new(start, self.value.len() as u32),
                file: self.word.file_range(range),
                exact: false,
                references: references_start..self.lists.references.len() as u32,
            });
            pos = end;
            literal_start = end;
        }
        if literal_start < bytes.len() {
            let raw = TextRange::new(literal_start as u32, bytes.len() as u32);
            self.literal(&text[literal_start..], raw, true);
        }
        Some(known)
    }

    /// Text of the value produced by the text at `raw` in the word; `exact` when it is that
    /// text byte for byte.
    fn literal(&mut self, value: &str, raw: TextRange, exact: bool) {
        let start = self.value.len() as u32;
        self.value.push_str(value);
        let end = self.value.len() as u32;
        match self.word.map {
            Some((logical, word_start)) if exact && raw.len() == end - start => {
                let mut offset = start;
                for piece in logical.file_pieces_in(raw.shift(word_start)) {
                    self.push_exact(TextRange::at(offset, piece.len()), piece);
                    offset += piece.len();
                }
            }
            _ => self.lists.segments.push(Segment {
                value: TextRange::new(start, end),
                file: self.word.file_range(raw),
                exact: false,
                references: 0..0,
            }),
        }
    }

    /// Appends an exact run, merged with the previous one when both are contiguous.
    fn push_exact(&mut self, value: TextRange, file: TextRange) {
        if let Some(last) = self.lists.segments[self.segments as usize..].last_mut()
            && last.exact
            && last.value.end == value.start
            && last.file.end == file.start
        {
            last.value.end = value.end;
            last.file.end = file.end;
            return;
        }
        self.lists.segments.push(Segment {
            value,
            file,
            exact: true,
            references: 0..0,
        });
    }
}
