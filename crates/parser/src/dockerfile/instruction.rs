//! One instruction's logical text into a typed [`Instruction`]: BuildKit's `splitCommand`, flag
//! extraction and the per-instruction argument parsers of `line_parsers.go`.
//!
//! Everything here works in logical offsets and records the tokens it recognises; the line
//! reader ([`super::parser`]) maps them back to the file.

use crate::message::{Message, SyntaxError};
use crate::msg;
use crate::text::{MappedText, PieceMap, TextRange};

use super::json::{self, Element};
use super::token::TokenKind;
use super::tree::{
    ArgDeclaration, Arguments, Command, Flag, From, Healthcheck, HealthcheckKind, Instruction,
    JsonArray, KeyValue, Keyword, Separator, ShellCommand, Word, WordList,
};
use super::words::{
    extract_flags, find_byte, is_space, split_once_whitespace, split_whitespace, split_words,
    trim_range,
};

/// Builds the instructions of one logical line, collecting tokens and errors.
pub(super) struct Builder<'a> {
    /// The instruction's logical text.
    pub text: &'a str,
    /// The way from the logical text back to the file.
    pub map: &'a PieceMap,
    /// Where the logical text starts in the file when it is one piece (most instructions):
    /// ranges then map by a shift.
    pub shift: Option<u32>,
    pub escape: char,
    /// Whether tokens are recorded (only when the token stream is asked for).
    pub collect_tokens: bool,
    /// Tokens in logical offsets, in no particular order; gaps are whitespace.
    pub tokens: Vec<(TokenKind, TextRange)>,
    pub errors: &'a mut Vec<SyntaxError>,
    /// A buffer for the word ranges of the arguments, reused from one instruction to the next.
    pub ranges: Vec<TextRange>,
    /// A buffer for the elements of a JSON array, reused likewise.
    pub json_elements: Vec<Element>,
}

/// The outcome of reading JSON-or-not arguments.
enum MaybeJson {
    Json(JsonArray),
    NotJson,
}

impl<'a> Builder<'a> {
    fn text(&self) -> &'a str {
        self.text
    }

    pub(super) fn file(&self, logical: TextRange) -> TextRange {
        match self.shift {
            Some(shift) => logical.shift(shift),
            None => self.map.file_range(logical),
        }
    }

    pub(super) fn error(&mut self, logical: TextRange, message: Message) {
        let range = self.file(logical);
        self.errors.push(SyntaxError::new(range, message));
    }

    fn token(&mut self, kind: TokenKind, logical: TextRange) {
        if self.collect_tokens && !logical.is_empty() {
            self.tokens.push((kind, logical));
        }
    }

    fn word(&mut self, logical: TextRange, kind: TokenKind) -> Word {
        self.token(kind, logical);
        Word {
            text: logical.slice(self.text).into(),
            range: self.file(logical),
            logical,
            json: false,
        }
    }

    /// Parses the instruction written at `start..end` of the logical text (the whole text, or
    /// an ONBUILD trigger).
    pub(super) fn instruction(&mut self, start: usize, end: usize) -> Instruction {
        let text = self.text;
        let (start, end) = trim_range(text, start, end);
        let (keyword_len, rest) = split_once_whitespace(&text[start..end]);
        let keyword_logical = range(start, start + keyword_len);
        let keyword = Keyword::parse(&text[start..start + keyword_len]);
        self.token(TokenKind::Keyword, keyword_logical);

        let mut flags = Vec::new();
        let mut end_of_flags = None;
        let mut args_start = end;
        if let Some(rest) = rest {
            let rest_start = start + rest;
            let escape = self.escape;
            let extracted =
                extract_flags(&text[rest_start..end], rest_start as u32, escape, |raw| {
                    flags.push(self.flag(raw));
                });
            if let Some(range) = extracted.end_of_flags {
                self.token(TokenKind::EndOfFlags, range);
                end_of_flags = Some(self.file(range));
            }
            args_start = rest_start + extracted.rest_start;
        }
        let (args_start, args_end) = trim_range(text, args_start, end);
        let args_logical = range(args_start, args_end);
        let args = self.arguments(keyword, args_start, args_end);
        Instruction {
            range: self.file(range(start, end)),
            keyword,
            keyword_range: self.file(keyword_logical),
            keyword_logical,
            flags,
            end_of_flags,
            args,
            args_logical,
            heredocs: Vec::new(),
            comments: 0..0,
            logical: MappedText::new(),
            empty_continuation_lines: Vec::new(),
        }
    }

    fn flag(&mut self, raw: super::words::RawFlag<'_>) -> Flag {
        let (name, value, name_logical, value_logical) = match raw.equals {
            Some((index, equals)) => {
                let name_logical = TextRange::new(raw.logical.start, equals);
                let value_logical = TextRange::new(equals + 1, raw.logical.end);
                self.token(TokenKind::FlagName, name_logical);
                self.token(TokenKind::Equals, TextRange::at(equals, 1));
                self.token(TokenKind::FlagValue, value_logical);
                (
                    raw.text[2.min(index)..index].into(),
                    Some(raw.text[index + 1..].into()),
                    name_logical,
                    Some(value_logical),
                )
            }
            None => {
                self.token(TokenKind::FlagName, raw.logical);
                (
                    raw.text.get(2..).unwrap_or_default().into(),
                    None,
                    raw.logical,
                    None,
                )
            }
        };
        Flag {
            range: self.file(raw.logical),
            logical: raw.logical,
            name,
            name_range: self.file(name_logical),
            value,
            value_range: value_logical.map(|value| self.file(value)),
            value_logical,
        }
    }

    fn arguments(&mut self, keyword: Keyword, start: usize, end: usize) -> Arguments {
        let empty = start == end;
        match keyword {
            Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell => {
                match self.command(start, end) {
                    Some(command) => Arguments::Command(command),
                    None => Arguments::None,
                }
            }
            Keyword::Add | Keyword::Copy => Arguments::Paths(self.word_list(start, end)),
            Keyword::Volume => Arguments::Words(self.word_list(start, end)),
            Keyword::Expose => Arguments::Words(WordList::Words(self.plain_words(start, end))),
            Keyword::From if empty => Arguments::None,
            Keyword::From => self.from(start, end),
            Keyword::Env | Keyword::Label => {
                Arguments::KeyValues(self.key_values(keyword, start, end))
            }
            Keyword::Arg => Arguments::ArgDeclarations(self.arg_declarations(start, end)),
            Keyword::User | Keyword::Workdir | Keyword::Maintainer | Keyword::Stopsignal => {
                if empty {
                    Arguments::None
                } else {
                    Arguments::Text(self.word(range(start, end), TokenKind::Text))
                }
            }
            Keyword::Healthcheck if empty => Arguments::None,
            Keyword::Healthcheck => Arguments::Healthcheck(Box::new(self.healthcheck(start, end))),
            Keyword::Onbuild if empty => Arguments::None,
            Keyword::Onbuild => Arguments::OnBuild(Box::new(self.instruction(start, end))),
            Keyword::Unknown => Arguments::Unknown(self.word(range(start, end), TokenKind::Text)),
        }
    }

    /// BuildKit's `parseJSON`: a JSON array of strings, recording its tokens. A valid array
    /// with other values is an error, reported here; the strings are kept.
    fn json(&mut self, start: usize, end: usize) -> MaybeJson {
        let text = &self.text[start..end];
        let mut elements = std::mem::take(&mut self.json_elements);
        let Some(array_end) = json::parse_array(text, &mut elements) else {
            self.json_elements = elements;
            return MaybeJson::NotJson;
        };
        let mut strings = Vec::with_capacity(elements.len());
        let mut reported = false;
        // Tokens are recorded in text order, which spares the line reader a sort.
        self.token(TokenKind::JsonOpenBracket, range(start, start + 1));
        for element in elements.drain(..) {
            let logical = range(start + element.start, start + element.end);
            match element.string {
                Some(value) => {
                    self.token(TokenKind::JsonString, logical);
                    strings.push(Word {
                        text: value,
                        range: self.file(logical),
                        logical,
                        json: true,
                    });
                }
                None => {
                    self.token(TokenKind::JsonValue, logical);
                    if !reported {
                        reported = true;
                        self.error(
                            logical,
                            msg!(
                                "when using JSON array syntax, arrays must be comprised of strings only",
                                "en syntaxe JSON, le tableau ne doit contenir que des chaînes de caractères"
                            ),
                        );
                    }
                }
            }
            if let Some(comma) = element.comma {
                self.token(
                    TokenKind::JsonComma,
                    range(start + comma, start + comma + 1),
                );
            }
        }
        self.json_elements = elements;
        self.token(
            TokenKind::JsonCloseBracket,
            range(start + array_end - 1, start + array_end),
        );
        let logical = range(start, start + array_end);
        MaybeJson::Json(JsonArray {
            range: self.file(logical),
            logical,
            elements: strings,
        })
    }

    /// BuildKit's `parseMaybeJSON`: exec form, or the text as a shell command.
    fn command(&mut self, start: usize, end: usize) -> Option<Command> {
        if start == end {
            return None;
        }
        Some(match self.json(start, end) {
            MaybeJson::Json(array) => Command::Exec(array),
            MaybeJson::NotJson => {
                let logical = range(start, end);
                self.token(TokenKind::ShellText, logical);
                Command::Shell(ShellCommand {
                    text: self.text()[start..end].to_string(),
                    range: self.file(logical),
                    logical,
                })
            }
        })
    }

    /// BuildKit's `parseMaybeJSONToList`.
    fn word_list(&mut self, start: usize, end: usize) -> WordList {
        match self.json(start, end) {
            MaybeJson::Json(array) => WordList::Json(array),
            MaybeJson::NotJson => WordList::Words(self.plain_words(start, end)),
        }
    }

    fn plain_words(&mut self, start: usize, end: usize) -> Vec<Word> {
        let mut ranges = std::mem::take(&mut self.ranges);
        split_whitespace(&self.text()[start..end], start as u32, &mut ranges);
        let words = ranges
            .iter()
            .map(|&logical| self.word(logical, TokenKind::Word))
            .collect();
        self.ranges = ranges;
        words
    }

    fn from(&mut self, start: usize, end: usize) -> Arguments {
        let mut ranges = std::mem::take(&mut self.ranges);
        split_whitespace(&self.text()[start..end], start as u32, &mut ranges);
        let arguments = self.image_and_stage_name(&ranges);
        self.ranges = ranges;
        arguments
    }

    fn image_and_stage_name(&mut self, ranges: &[TextRange]) -> Arguments {
        let mut words = ranges.iter().copied();
        let Some(image) = words.next() else {
            return Arguments::None;
        };
        let image = self.word(image, TokenKind::Word);
        let mut as_keyword = None;
        let mut stage_name = None;
        let mut extra = Vec::new();
        if let Some(second) = words.next() {
            if second.slice(self.text()).eq_ignore_ascii_case("as") {
                as_keyword = Some(self.word(second, TokenKind::Keyword));
                stage_name = words.next().map(|name| self.word(name, TokenKind::Word));
            } else {
                extra.push(self.word(second, TokenKind::Word));
            }
        }
        extra.extend(words.map(|logical| self.word(logical, TokenKind::Word)));
        Arguments::From(Box::new(From {
            image,
            as_keyword,
            stage_name,
            extra,
        }))
    }

    /// BuildKit's `parseNameVal` for ENV and LABEL.
    fn key_values(&mut self, keyword: Keyword, start: usize, end: usize) -> Vec<KeyValue> {
        let mut words = std::mem::take(&mut self.ranges);
        split_words(
            &self.text()[start..end],
            start as u32,
            self.escape,
            &mut words,
        );
        let pairs = self.key_value_words(keyword, start, end, &words);
        self.ranges = words;
        pairs
    }

    fn key_value_words(
        &mut self,
        keyword: Keyword,
        start: usize,
        end: usize,
        words: &[TextRange],
    ) -> Vec<KeyValue> {
        let text = &self.text()[start..end];
        let Some(first) = words.first() else {
            return Vec::new();
        };
        if find_byte(b'=', first.slice(self.text()).as_bytes()).is_none() {
            // The legacy `KEY value` form: the value is the raw rest of the line.
            let (key_end, value_start) = split_once_whitespace(text);
            let key = self.word(range(start, start + key_end), TokenKind::Key);
            let value =
                value_start.map(|value| self.word(range(start + value, end), TokenKind::Value));
            if value.is_none() {
                let keyword = keyword.as_str();
                self.error(
                    key.logical,
                    msg!(
                        "{keyword} must have two arguments",
                        "{keyword} attend deux arguments : une clé et sa valeur"
                    ),
                );
            }
            return vec![KeyValue {
                key,
                separator: Separator::Space,
                value,
            }];
        }
        let mut pairs = Vec::with_capacity(words.len());
        for &word in words {
            let word_text = word.slice(self.text());
            match find_byte(b'=', word_text.as_bytes()) {
                Some(equals) => {
                    let equals = word.start + equals as u32;
                    let key = self.word(TextRange::new(word.start, equals), TokenKind::Key);
                    self.token(TokenKind::Equals, TextRange::at(equals, 1));
                    let value = self.word(TextRange::new(equals + 1, word.end), TokenKind::Value);
                    pairs.push(KeyValue {
                        key,
                        separator: Separator::Equals(self.file(TextRange::at(equals, 1))),
                        value: Some(value),
                    });
                }
                None => {
                    let quoted = super::sexp::go_quote(word_text);
                    self.error(
                        word,
                        msg!(
                            "Syntax error - can't find = in {quoted}. Must be of the form: name=value",
                            "erreur de syntaxe : pas de = dans {quoted} ; la forme attendue est nom=valeur"
                        ),
                    );
                    let key = self.word(word, TokenKind::Key);
                    pairs.push(KeyValue {
                        key,
                        separator: Separator::Space,
                        value: None,
                    });
                }
            }
        }
        pairs
    }

    /// BuildKit's `parseNameOrNameVal` for ARG, split at the first `=` as `parseArg` does.
    fn arg_declarations(&mut self, start: usize, end: usize) -> Vec<ArgDeclaration> {
        let mut words = std::mem::take(&mut self.ranges);
        split_words(
            &self.text()[start..end],
            start as u32,
            self.escape,
            &mut words,
        );
        let mut declarations = Vec::with_capacity(words.len());
        for &logical in &words {
            let word_text = logical.slice(self.text());
            let whole = Word {
                text: word_text.into(),
                range: self.file(logical),
                logical,
                json: false,
            };
            match find_byte(b'=', word_text.as_bytes()) {
                Some(equals) => {
                    let equals = logical.start + equals as u32;
                    let name = self.word(TextRange::new(logical.start, equals), TokenKind::Key);
                    self.token(TokenKind::Equals, TextRange::at(equals, 1));
                    let value =
                        self.word(TextRange::new(equals + 1, logical.end), TokenKind::Value);
                    declarations.push(ArgDeclaration {
                        word: whole,
                        name,
                        equals: Some(self.file(TextRange::at(equals, 1))),
                        value: Some(value),
                    });
                }
                None => {
                    let name = self.word(logical, TokenKind::Key);
                    declarations.push(ArgDeclaration {
                        word: whole,
                        name,
                        equals: None,
                        value: None,
                    });
                }
            }
        }
        self.ranges = words;
        declarations
    }

    /// BuildKit's `parseHealthConfig`: a type word, then a command in either form.
    fn healthcheck(&mut self, start: usize, end: usize) -> Healthcheck {
        let text = &self.text()[start..end];
        let kind_end = text.find(is_space).unwrap_or(text.len());
        let command_start = text[kind_end..]
            .find(|ch: char| !is_space(ch))
            .map_or(text.len(), |offset| kind_end + offset);
        let kind_word = self.word(range(start, start + kind_end), TokenKind::Keyword);
        let kind = if kind_word.text.eq_ignore_ascii_case("none") {
            HealthcheckKind::None
        } else if kind_word.text.eq_ignore_ascii_case("cmd") {
            HealthcheckKind::Cmd
        } else {
            HealthcheckKind::Unknown
        };
        let command = self.command(start + command_start, end);
        Healthcheck {
            kind_word,
            kind,
            command,
        }
    }
}

fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(start as u32, end as u32)
}
