//! A Dockerfile word as BuildKit's lexer (`frontend/dockerfile/shell/lex.go`) reads it, and its
//! expansion.
//!
//! A word is the raw text of one argument after the instruction was split (`$HOME/app`,
//! `"${VERSION:-1.0}"`, `'$literal'`), quotes included. [`parse_word`] turns it into parts with
//! byte ranges relative to the start of the word: literal text, escapes, quoted strings and
//! variable references with their modifiers, whose operands are words themselves.
//! [`expand`] then evaluates the parts against a set of variables exactly as BuildKit's
//! `ProcessWord` and `ProcessWords` do, so that berth computes the value a build would use and
//! knows which variables a word reads.
//!
//! BuildKit stops at the first error; these functions report every error they can and still
//! return what they built.

use compact_str::CompactString;

use crate::go;
use crate::lookup::Lookup;
use crate::message::SyntaxError;
use crate::msg;
use crate::text::TextRange;

/// A parsed word: its parts in order, and the range of the whole word.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Word {
    pub parts: Vec<WordPart>,
    pub range: TextRange,
}

/// One piece of a word.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum WordPart {
    /// Characters taken as they are. When BuildKit splits an expanded word into several
    /// (EXPOSE), blanks in a literal separate words.
    Literal(Literal),
    /// The escape token and the character it escapes (`\$`, `\ `, `` `" ``): `value` is the
    /// character, plus the escape token itself where the lexer keeps it (in the pattern of
    /// `${v#pattern}`, `${v%pattern}` and `${v/pattern/replacement}`). An escape token at the
    /// very end of the word escapes nothing and adds nothing.
    Escaped(Literal),
    /// `<<` and the blanks after it: BuildKit keeps them with the next word when splitting, so
    /// that a heredoc marker stays whole.
    HeredocMarker(Literal),
    /// `'text'`: taken literally, quotes removed.
    SingleQuoted(SingleQuoted),
    /// `"text"`: variables are expanded inside, the escape token escapes `"`, `$` and itself.
    DoubleQuoted(DoubleQuoted),
    /// `$name`, `${name}` or `${name<modifier>...}`.
    Variable(Box<Variable>),
}

/// Text and the value the lexer produces for it (escapes resolved).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Literal {
    pub value: CompactString,
    pub range: TextRange,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct SingleQuoted {
    /// The text between the quotes.
    pub value: CompactString,
    /// From the opening quote to the closing one (or the end of the word).
    pub range: TextRange,
    /// Whether the closing quote is there; BuildKit refuses the word otherwise.
    pub terminated: bool,
}

#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DoubleQuoted {
    /// Literal text, escapes and variables between the quotes.
    pub parts: Vec<WordPart>,
    pub range: TextRange,
    pub terminated: bool,
}

/// A variable reference.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Variable {
    /// The variable's name: letters, digits and `_`; or a run of digits (`$1`); or one special
    /// parameter (`@ * # ? - $ ! 0`). It can be empty in forms BuildKit accepts, such as
    /// `${%x}` or `${/a/b}`, which read the (always unset) variable with no name.
    pub name: CompactString,
    pub name_range: TextRange,
    /// The whole reference, from `$` to the closing `}` (or the end of the word).
    pub range: TextRange,
    /// Written `${...}` rather than `$name`.
    pub braced: bool,
    pub modifier: Option<Modifier>,
    /// The reference is broken (`${}`, `${:x}`, a missing `}`): BuildKit refuses the word, and
    /// expansion neither reads the variable nor reports it.
    pub malformed: bool,
}

/// What follows the name inside `${...}`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Modifier {
    pub operator: Operator,
    /// The operator as written: `:-`, `##`, `//`; for an unsupported modifier, the characters
    /// BuildKit complains about.
    pub operator_range: TextRange,
    /// The word after the operator: the default or alternative value, the error message, or
    /// the pattern of `#`, `%` and `/`.
    pub operand: Word,
    /// The replacement of `${v/pattern/replacement}` and `${v//pattern/replacement}`.
    pub replacement: Option<Word>,
}

/// A `${name...}` modifier.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Operator {
    /// `${v-word}`: `word` if `v` is unset.
    DefaultIfUnset,
    /// `${v:-word}`: `word` if `v` is unset or empty.
    DefaultIfUnsetOrEmpty,
    /// `${v+word}`: `word` if `v` is set, else empty.
    AlternativeIfSet,
    /// `${v:+word}`: `word` if `v` is set and not empty, else empty.
    AlternativeIfNotEmpty,
    /// `${v?message}`: an error if `v` is unset.
    ErrorIfUnset,
    /// `${v:?message}`: an error if `v` is unset or empty.
    ErrorIfUnsetOrEmpty,
    /// `${v#pattern}`: remove the shortest prefix matching the glob pattern.
    RemoveShortestPrefix,
    /// `${v##pattern}`: remove the longest matching prefix.
    RemoveLongestPrefix,
    /// `${v%pattern}`: remove the shortest matching suffix.
    RemoveShortestSuffix,
    /// `${v%%pattern}`: remove the longest matching suffix.
    RemoveLongestSuffix,
    /// `${v/pattern/replacement}`: replace the first (longest) match.
    ReplaceFirst,
    /// `${v//pattern/replacement}`: replace every match.
    ReplaceAll,
    /// Anything else (`${v=x}`, `${v:=x}`, `${v:#x}`): BuildKit refuses it.
    Unsupported,
}

impl Operator {
    /// The operator as written, `None` for [`Operator::Unsupported`].
    pub fn as_str(self) -> Option<&'static str> {
        Some(match self {
            Operator::DefaultIfUnset => "-",
            Operator::DefaultIfUnsetOrEmpty => ":-",
            Operator::AlternativeIfSet => "+",
            Operator::AlternativeIfNotEmpty => ":+",
            Operator::ErrorIfUnset => "?",
            Operator::ErrorIfUnsetOrEmpty => ":?",
            Operator::RemoveShortestPrefix => "#",
            Operator::RemoveLongestPrefix => "##",
            Operator::RemoveShortestSuffix => "%",
            Operator::RemoveLongestSuffix => "%%",
            Operator::ReplaceFirst => "/",
            Operator::ReplaceAll => "//",
            Operator::Unsupported => return None,
        })
    }

    /// Whether the operand is a glob pattern (`#`, `%`, `/` forms), read with its escapes kept.
    pub fn takes_pattern(self) -> bool {
        matches!(
            self,
            Operator::RemoveShortestPrefix
                | Operator::RemoveLongestPrefix
                | Operator::RemoveShortestSuffix
                | Operator::RemoveLongestSuffix
                | Operator::ReplaceFirst
                | Operator::ReplaceAll
        )
    }
}

impl Word {
    /// Every variable reference in the word, including those nested in double quotes and in
    /// modifier operands, in the order they appear.
    pub fn variables(&self) -> Vec<&Variable> {
        let mut found = Vec::new();
        collect_variables(&self.parts, &mut found);
        found
    }

    /// Whether the word has no variable reference, so that its expansion does not depend on
    /// any variable.
    pub fn is_constant(&self) -> bool {
        self.variables().is_empty()
    }
}

fn collect_variables<'w>(parts: &'w [WordPart], found: &mut Vec<&'w Variable>) {
    for part in parts {
        match part {
            WordPart::Variable(variable) => {
                found.push(variable);
                if let Some(modifier) = &variable.modifier {
                    collect_variables(&modifier.operand.parts, found);
                    if let Some(replacement) = &modifier.replacement {
                        collect_variables(&replacement.parts, found);
                    }
                }
            }
            WordPart::DoubleQuoted(quoted) => collect_variables(&quoted.parts, found),
            WordPart::Literal(_)
            | WordPart::Escaped(_)
            | WordPart::HeredocMarker(_)
            | WordPart::SingleQuoted(_) => {}
        }
    }
}

/// Parses a Dockerfile word with the file's escape token (`\`, or `` ` `` after
/// `# escape=``).
pub fn parse_word(text: &str, escape: char) -> (Word, Vec<SyntaxError>) {
    parse(text, escape, true)
}

/// Parses the body of an ADD or COPY heredoc whose delimiter is not quoted: BuildKit expands
/// its variables with the `\` escape whatever the file's escape token, and leaves quotes as
/// they are (`SkipProcessQuotes`).
pub fn parse_heredoc_body(text: &str) -> (Word, Vec<SyntaxError>) {
    parse(text, '\\', false)
}

fn parse(text: &str, escape: char, process_quotes: bool) -> (Word, Vec<SyntaxError>) {
    let mut parser = Parser {
        text,
        pos: 0,
        escape,
        process_quotes,
        problems: Vec::new(),
    };
    // BuildKit's scanner drops a byte-order mark at the start of the text.
    if text.starts_with('\u{feff}') {
        parser.pos = '\u{feff}'.len_utf8();
    }
    let (parts, _) = parser.parse_until(None, false);
    let word = Word {
        parts,
        range: TextRange::new(0, text.len() as u32),
    };
    let errors = parser.problems.into_iter().map(|p| p.error).collect();
    (word, errors)
}

struct Problem {
    error: SyntaxError,
    /// The error was found at the end of the text (an unterminated quote or reference). When
    /// the operand around it is itself unterminated, BuildKit reports only "missing '}'".
    at_end: bool,
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    escape: char,
    process_quotes: bool,
    problems: Vec<Problem>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn range_from(&self, start: usize) -> TextRange {
        TextRange::new(start as u32, self.pos as u32)
    }

    fn error(&mut self, range: TextRange, message: crate::Message, at_end: bool) {
        self.problems.push(Problem {
            error: SyntaxError::new(range, message),
            at_end,
        });
    }

    /// BuildKit's `processStopOn`: parts up to `stop` (consumed) or the end of the text.
    /// Returns whether `stop` was found; at the top level (`stop` is `None`) that is always
    /// true. `raw` keeps escape tokens in values, as for glob patterns.
    fn parse_until(&mut self, stop: Option<char>, raw: bool) -> (Vec<WordPart>, bool) {
        let mut parts = Vec::new();
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                self.bump();
                return (parts, true);
            }
            let start = self.pos;
            match c {
                '$' => self.parse_dollar(&mut parts),
                '\'' if self.process_quotes => {
                    let quoted = self.parse_single_quoted();
                    parts.push(WordPart::SingleQuoted(quoted));
                }
                '"' if self.process_quotes => {
                    let quoted = self.parse_double_quoted(raw);
                    parts.push(WordPart::DoubleQuoted(quoted));
                }
                '<' => {
                    self.bump();
                    if self.peek() == Some('<') {
                        self.bump();
                        while matches!(self.peek(), Some('\t' | '\r' | ' ')) {
                            self.bump();
                        }
                        let range = self.range_from(start);
                        parts.push(WordPart::HeredocMarker(Literal {
                            value: range.slice(self.text).into(),
                            range,
                        }));
                    } else {
                        push_literal(&mut parts, "<", self.range_from(start));
                    }
                }
                _ => {
                    self.bump();
                    if c == self.escape {
                        let mut value = CompactString::default();
                        if raw {
                            value.push(c);
                        }
                        if let Some(escaped) = self.bump() {
                            value.push(escaped);
                        }
                        let range = self.range_from(start);
                        parts.push(WordPart::Escaped(Literal { value, range }));
                    } else {
                        let range = self.range_from(start);
                        push_literal(&mut parts, range.slice(self.text), range);
                    }
                }
            }
        }
        (parts, stop.is_none())
    }

    fn parse_single_quoted(&mut self) -> SingleQuoted {
        let start = self.pos;
        self.bump();
        let content_start = self.pos;
        loop {
            match self.bump() {
                Some('\'') => {
                    return SingleQuoted {
                        value: self.text[content_start..self.pos - 1].into(),
                        range: self.range_from(start),
                        terminated: true,
                    };
                }
                Some(_) => {}
                None => {
                    let range = self.range_from(start);
                    self.error(
                        range,
                        msg!(
                            "unexpected end of statement while looking for matching single-quote",
                            "fin de l'instruction inattendue : l'apostrophe fermante est introuvable"
                        ),
                        true,
                    );
                    return SingleQuoted {
                        value: self.text[content_start..].into(),
                        range,
                        terminated: false,
                    };
                }
            }
        }
    }

    fn parse_double_quoted(&mut self, raw: bool) -> DoubleQuoted {
        let start = self.pos;
        self.bump();
        let mut parts = Vec::new();
        loop {
            let part_start = self.pos;
            match self.peek() {
                None => {
                    let range = self.range_from(start);
                    self.error(
                        range,
                        msg!(
                            "unexpected end of statement while looking for matching double-quote",
                            "fin de l'instruction inattendue : le guillemet fermant est introuvable"
                        ),
                        true,
                    );
                    return DoubleQuoted {
                        parts,
                        range,
                        terminated: false,
                    };
                }
                Some('"') => {
                    self.bump();
                    return DoubleQuoted {
                        parts,
                        range: self.range_from(start),
                        terminated: true,
                    };
                }
                Some('$') => self.parse_dollar(&mut parts),
                Some(c) => {
                    self.bump();
                    if c != self.escape {
                        let range = self.range_from(part_start);
                        push_literal(&mut parts, range.slice(self.text), range);
                        continue;
                    }
                    let mut value = CompactString::default();
                    if raw {
                        value.push(c);
                    }
                    match self.peek() {
                        // Inside double quotes the escape token only escapes `"`, `$` and
                        // itself; before anything else it is an ordinary character.
                        Some(next) if next == '"' || next == '$' || next == self.escape => {
                            self.bump();
                            value.push(next);
                            let range = self.range_from(part_start);
                            parts.push(WordPart::Escaped(Literal { value, range }));
                        }
                        Some(_) => {
                            value.push(c);
                            let range = self.range_from(part_start);
                            push_literal(&mut parts, &value, range);
                        }
                        None => {
                            let range = self.range_from(part_start);
                            parts.push(WordPart::Escaped(Literal { value, range }));
                        }
                    }
                }
            }
        }
    }

    /// BuildKit's `processName`: a run of digits, one special parameter, or letters, digits
    /// and `_`.
    fn parse_name(&mut self) -> (CompactString, TextRange) {
        let start = self.pos;
        match self.peek() {
            Some(c) if go::is_digit(c) => {
                while self.peek().is_some_and(go::is_digit) {
                    self.bump();
                }
            }
            Some('@' | '*' | '#' | '?' | '-' | '$' | '!' | '0') => {
                self.bump();
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|c| go::is_letter(c) || go::is_digit(c) || c == '_')
                {
                    self.bump();
                }
            }
        }
        let range = self.range_from(start);
        (range.slice(self.text).into(), range)
    }

    /// BuildKit's `processDollar`, at a `$`.
    fn parse_dollar(&mut self, parts: &mut Vec<WordPart>) {
        let start = self.pos;
        self.bump();
        if self.peek() != Some('{') {
            let (name, name_range) = self.parse_name();
            if name.is_empty() {
                push_literal(parts, "$", self.range_from(start));
            } else {
                parts.push(WordPart::Variable(Box::new(Variable {
                    name,
                    name_range,
                    range: self.range_from(start),
                    braced: false,
                    modifier: None,
                    malformed: false,
                })));
            }
            return;
        }
        self.bump();
        let variable = self.parse_braced(start);
        parts.push(WordPart::Variable(Box::new(variable)));
    }

    /// The rest of `${...}` after the `{`.
    fn parse_braced(&mut self, start: usize) -> Variable {
        let mut variable = Variable {
            name: CompactString::default(),
            name_range: TextRange::empty(self.pos as u32),
            range: TextRange::default(),
            braced: true,
            modifier: None,
            malformed: false,
        };
        match self.peek() {
            None => {
                variable.malformed = true;
                variable.range = self.range_from(start);
                self.missing_brace(variable.range);
                return variable;
            }
            Some('{' | '}' | ':') => {
                // `${}`, `${{x}`, `${:x}`: skip to the closing brace to go on reading.
                self.skip_operand('}');
                variable.malformed = true;
                variable.range = self.range_from(start);
                self.error(
                    variable.range,
                    msg!(
                        "syntax error: bad substitution",
                        "erreur de syntaxe : substitution invalide"
                    ),
                    false,
                );
                return variable;
            }
            Some(_) => {}
        }
        let (name, name_range) = self.parse_name();
        variable.name = name;
        variable.name_range = name_range;
        let operator_start = self.pos;
        let Some(first) = self.bump() else {
            // BuildKit words this "unsupported modifier (\u{fffd})"; the brace is what is
            // missing.
            variable.malformed = true;
            variable.range = self.range_from(start);
            self.missing_brace(variable.range);
            return variable;
        };
        let (operator, raw_operand) = match first {
            '}' => {
                variable.range = self.range_from(start);
                return variable;
            }
            '/' => {
                let all = self.peek() == Some('/');
                if all {
                    self.bump();
                }
                let operator = if all {
                    Operator::ReplaceAll
                } else {
                    Operator::ReplaceFirst
                };
                return self.parse_replace(variable, start, operator, operator_start);
            }
            '-' => (Operator::DefaultIfUnset, false),
            '+' => (Operator::AlternativeIfSet, false),
            '?' => (Operator::ErrorIfUnset, false),
            '#' | '%' => {
                let longest = self.peek() == Some(first);
                if longest {
                    self.bump();
                }
                let operator = match (first, longest) {
                    ('#', false) => Operator::RemoveShortestPrefix,
                    ('#', true) => Operator::RemoveLongestPrefix,
                    ('%', false) => Operator::RemoveShortestSuffix,
                    _ => Operator::RemoveLongestSuffix,
                };
                (operator, true)
            }
            ':' => match self.bump() {
                None => {
                    variable.malformed = true;
                    variable.range = self.range_from(start);
                    self.missing_brace(variable.range);
                    return variable;
                }
                Some('-') => (Operator::DefaultIfUnsetOrEmpty, false),
                Some('+') => (Operator::AlternativeIfNotEmpty, false),
                Some('?') => (Operator::ErrorIfUnsetOrEmpty, false),
                Some('#' | '%') => {
                    // BuildKit refuses `:#` and `:%` before reading the pattern.
                    let operator_range = self.range_from(operator_start);
                    self.unsupported(operator_range);
                    let operand = self.skip_operand('}');
                    return self.finish_unsupported(variable, start, operator_range, operand);
                }
                Some(_) => {
                    // BuildKit reads the operand before refusing the modifier, so a missing
                    // `}` wins over the modifier.
                    let operator_range = self.range_from(operator_start);
                    let (operand, terminated) = self.parse_operand('}', false, start);
                    variable.range = self.range_from(start);
                    variable.modifier = Some(Modifier {
                        operator: Operator::Unsupported,
                        operator_range,
                        operand,
                        replacement: None,
                    });
                    if terminated {
                        self.unsupported(operator_range);
                    } else {
                        variable.malformed = true;
                    }
                    return variable;
                }
            },
            _ => {
                let operator_range = self.range_from(operator_start);
                self.unsupported(operator_range);
                let operand = self.skip_operand('}');
                return self.finish_unsupported(variable, start, operator_range, operand);
            }
        };
        let operator_range = self.range_from(operator_start);
        let (operand, terminated) = self.parse_operand('}', raw_operand, start);
        variable.range = self.range_from(start);
        variable.malformed = !terminated;
        variable.modifier = Some(Modifier {
            operator,
            operator_range,
            operand,
            replacement: None,
        });
        variable
    }

    fn finish_unsupported(
        &mut self,
        mut variable: Variable,
        start: usize,
        operator_range: TextRange,
        operand: Word,
    ) -> Variable {
        variable.range = self.range_from(start);
        variable.malformed = true;
        variable.modifier = Some(Modifier {
            operator: Operator::Unsupported,
            operator_range,
            operand,
            replacement: None,
        });
        variable
    }

    fn parse_replace(
        &mut self,
        mut variable: Variable,
        start: usize,
        operator: Operator,
        operator_start: usize,
    ) -> Variable {
        let operator_range = self.range_from(operator_start);
        let first_problem = self.problems.len();
        let pattern_start = self.pos;
        let (pattern_parts, found_slash) = self.parse_until(Some('/'), true);
        let pattern_end = if found_slash { self.pos - 1 } else { self.pos };
        let pattern = Word {
            parts: pattern_parts,
            range: TextRange::new(pattern_start as u32, pattern_end as u32),
        };
        if !found_slash {
            self.problems.truncate_at_end(first_problem);
            variable.range = self.range_from(start);
            variable.malformed = true;
            self.error(
                variable.range,
                msg!(
                    "syntax error: missing '/' in ${{}}",
                    "erreur de syntaxe : « / » manquant dans ${{}}"
                ),
                true,
            );
            variable.modifier = Some(Modifier {
                operator,
                operator_range,
                operand: pattern,
                replacement: None,
            });
            return variable;
        }
        let (replacement, terminated) = self.parse_operand('}', true, start);
        variable.range = self.range_from(start);
        variable.malformed = !terminated;
        variable.modifier = Some(Modifier {
            operator,
            operator_range,
            operand: pattern,
            replacement: Some(replacement),
        });
        variable
    }

    /// An operand up to `stop` (consumed). When the end of the text comes first, the errors
    /// found at the end inside it give way to one "missing '}'" for the whole reference, as in
    /// BuildKit.
    fn parse_operand(&mut self, stop: char, raw: bool, reference_start: usize) -> (Word, bool) {
        let first_problem = self.problems.len();
        let start = self.pos;
        let (parts, terminated) = self.parse_until(Some(stop), raw);
        let end = if terminated { self.pos - 1 } else { self.pos };
        let word = Word {
            parts,
            range: TextRange::new(start as u32, end as u32),
        };
        if !terminated {
            self.problems.truncate_at_end(first_problem);
            let range = self.range_from(reference_start);
            self.missing_brace(range);
        }
        (word, terminated)
    }

    /// Reads an operand only to find where the reference ends after an error; the errors
    /// inside it are not reported, since BuildKit stopped before reading it.
    fn skip_operand(&mut self, stop: char) -> Word {
        let first_problem = self.problems.len();
        let start = self.pos;
        let (parts, terminated) = self.parse_until(Some(stop), false);
        let end = if terminated { self.pos - 1 } else { self.pos };
        self.problems.truncate(first_problem);
        Word {
            parts,
            range: TextRange::new(start as u32, end as u32),
        }
    }

    fn missing_brace(&mut self, range: TextRange) {
        self.error(
            range,
            msg!(
                "syntax error: missing '}}'",
                "erreur de syntaxe : accolade fermante « }} » manquante"
            ),
            true,
        );
    }

    fn unsupported(&mut self, operator_range: TextRange) {
        let operator = operator_range.slice(self.text);
        self.error(
            operator_range,
            msg!(
                "unsupported modifier ({operator}) in substitution",
                "modificateur non pris en charge ({operator}) dans la substitution"
            ),
            false,
        );
    }
}

trait ProblemsExt {
    fn truncate_at_end(&mut self, from: usize);
}

impl ProblemsExt for Vec<Problem> {
    /// Drops the errors found at the end of the text since `from`: an enclosing unterminated
    /// reference reports the end of the text itself.
    fn truncate_at_end(&mut self, from: usize) {
        let mut index = from;
        self.retain(|problem| {
            let keep = index < from || !problem.at_end;
            index += 1;
            keep
        });
    }
}

/// Appends literal text, merging it with a literal that ends where it starts.
fn push_literal(parts: &mut Vec<WordPart>, value: &str, range: TextRange) {
    if let Some(WordPart::Literal(last)) = parts.last_mut()
        && last.range.end == range.start
    {
        last.value.push_str(value);
        last.range.end = range.end;
        return;
    }
    parts.push(WordPart::Literal(Literal {
        value: value.into(),
        range,
    }));
}

/// The result of expanding a word.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Expansion {
    /// The expanded word, quotes removed (`ProcessWord`).
    pub value: String,
    /// The expanded word split into several at unquoted blanks, after expansion
    /// (`ProcessWords`, which BuildKit uses for EXPOSE). Empty quotes produce no word.
    pub words: Vec<String>,
    /// Every variable read, in the order BuildKit reads them. An operand is always expanded,
    /// even when its value is not used (`${SET:-$OTHER}` reads `OTHER`).
    pub references: Vec<Reference>,
    /// `${v?message}` and `${v:?message}` failures and invalid patterns. BuildKit fails the
    /// build at the first one; `value` is then berth's best guess.
    pub errors: Vec<SyntaxError>,
}

/// A variable read during expansion.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct Reference {
    pub name: CompactString,
    /// The whole reference.
    pub range: TextRange,
    pub name_range: TextRange,
    /// Whether the variable was set (possibly to the empty string).
    pub set: bool,
}

/// Expands a parsed word as BuildKit's `ProcessWord` and `ProcessWords` do.
pub fn expand(word: &Word, variables: &(impl Lookup + ?Sized)) -> Expansion {
    let mut expander = Expander {
        variables,
        references: Vec::new(),
        errors: Vec::new(),
    };
    let mut words = WordSplitter::default();
    let value = expander.parts(&word.parts, Some(&mut words));
    Expansion {
        value,
        words: words.finish(),
        references: expander.references,
        errors: expander.errors,
    }
}

/// Expands one variable reference (`$NAME`, `${NAME:-word}`...): what [`expand`] gives for a
/// word made of it alone, without the split words.
pub fn expand_variable(variable: &Variable, variables: &(impl Lookup + ?Sized)) -> Expansion {
    let mut expander = Expander {
        variables,
        references: Vec::new(),
        errors: Vec::new(),
    };
    let value = expander.variable(variable);
    Expansion {
        value,
        words: Vec::new(),
        references: expander.references,
        errors: expander.errors,
    }
}

struct Expander<'v, L: Lookup + ?Sized> {
    variables: &'v L,
    references: Vec<Reference>,
    errors: Vec<SyntaxError>,
}

impl<L: Lookup + ?Sized> Expander<'_, L> {
    /// Expands parts; `words` collects the split words at the top level only.
    fn parts(&mut self, parts: &[WordPart], mut words: Option<&mut WordSplitter>) -> String {
        let mut value = String::new();
        for part in parts {
            match part {
                WordPart::Literal(literal) => {
                    value.push_str(&literal.value);
                    if let Some(words) = words.as_deref_mut() {
                        words.add_splitting(&literal.value);
                    }
                }
                WordPart::Escaped(escaped) => {
                    value.push_str(&escaped.value);
                    if let Some(words) = words.as_deref_mut() {
                        for c in escaped.value.chars() {
                            words.add_raw_char(c);
                        }
                    }
                }
                WordPart::HeredocMarker(marker) => {
                    value.push_str(&marker.value);
                    if let Some(words) = words.as_deref_mut() {
                        words.add_raw(&marker.value);
                    }
                }
                WordPart::SingleQuoted(quoted) => {
                    value.push_str(&quoted.value);
                    if let Some(words) = words.as_deref_mut() {
                        words.add_raw(&quoted.value);
                    }
                }
                WordPart::DoubleQuoted(quoted) => {
                    let inner = self.parts(&quoted.parts, None);
                    if let Some(words) = words.as_deref_mut() {
                        words.add_raw(&inner);
                    }
                    value.push_str(&inner);
                }
                WordPart::Variable(variable) => {
                    let expanded = self.variable(variable);
                    if let Some(words) = words.as_deref_mut() {
                        words.add_splitting(&expanded);
                    }
                    value.push_str(&expanded);
                }
            }
        }
        value
    }

    fn lookup(&mut self, variable: &Variable) -> Option<String> {
        let value = self.variables.get(&variable.name).map(str::to_owned);
        self.references.push(Reference {
            name: variable.name.clone(),
            range: variable.range,
            name_range: variable.name_range,
            set: value.is_some(),
        });
        value
    }

    /// BuildKit's `processDollar` once the text is read: operands first, then the variable.
    fn variable(&mut self, variable: &Variable) -> String {
        let Some(modifier) = &variable.modifier else {
            if variable.malformed {
                return String::new();
            }
            return self.lookup(variable).unwrap_or_default();
        };
        let operand = self.parts(&modifier.operand.parts, None);
        let replacement = modifier
            .replacement
            .as_ref()
            .map(|replacement| self.parts(&replacement.parts, None));
        if variable.malformed {
            return String::new();
        }
        let value = self.lookup(variable);
        let empty = value.as_deref().is_none_or(str::is_empty);
        match modifier.operator {
            Operator::DefaultIfUnset => value.unwrap_or(operand),
            Operator::DefaultIfUnsetOrEmpty => {
                if empty {
                    operand
                } else {
                    value.unwrap_or_default()
                }
            }
            Operator::AlternativeIfSet => {
                if value.is_some() {
                    operand
                } else {
                    String::new()
                }
            }
            Operator::AlternativeIfNotEmpty => {
                if empty {
                    String::new()
                } else {
                    operand
                }
            }
            Operator::ErrorIfUnset | Operator::ErrorIfUnsetOrEmpty => {
                let unset = value.is_none();
                if unset || (modifier.operator == Operator::ErrorIfUnsetOrEmpty && empty) {
                    self.required_error(variable, &operand, unset);
                }
                value.unwrap_or_default()
            }
            Operator::RemoveShortestPrefix | Operator::RemoveLongestPrefix => {
                let (pattern, greedy) = pattern_greediness(
                    &operand,
                    '#',
                    modifier.operator == Operator::RemoveLongestPrefix,
                );
                let value = value.unwrap_or_default();
                match trim_prefix(pattern, &value, greedy) {
                    Ok(trimmed) => trimmed,
                    Err(error) => {
                        self.pattern_error(&modifier.operand, &error);
                        String::new()
                    }
                }
            }
            Operator::RemoveShortestSuffix | Operator::RemoveLongestSuffix => {
                let (pattern, greedy) = pattern_greediness(
                    &operand,
                    '%',
                    modifier.operator == Operator::RemoveLongestSuffix,
                );
                let value = value.unwrap_or_default();
                match trim_suffix(pattern, &value, greedy) {
                    Ok(trimmed) => trimmed,
                    Err(error) => {
                        self.pattern_error(&modifier.operand, &error);
                        String::new()
                    }
                }
            }
            Operator::ReplaceFirst | Operator::ReplaceAll => {
                let value = value.unwrap_or_default();
                let replacement = replacement.unwrap_or_default();
                match compile_pattern(&operand) {
                    Ok(pattern) => {
                        if modifier.operator == Operator::ReplaceAll {
                            replace_all(&pattern, &value, &replacement)
                        } else {
                            replace_first(&pattern, &value, &replacement)
                        }
                    }
                    Err(bad) => {
                        let error = PatternError {
                            pattern: operand.clone(),
                            bad_escape: bad,
                        };
                        self.pattern_error(&modifier.operand, &error);
                        String::new()
                    }
                }
            }
            Operator::Unsupported => String::new(),
        }
    }

    fn required_error(&mut self, variable: &Variable, message: &str, unset: bool) {
        let name = &variable.name;
        let message = match (message.is_empty(), unset) {
            (false, _) => {
                crate::Message::new(format!("{name}: {message}"), format!("{name} : {message}"))
            }
            (true, true) => msg!(
                "{name}: is not allowed to be unset",
                "{name} : ne doit pas être indéfinie"
            ),
            (true, false) => msg!(
                "{name}: is not allowed to be empty",
                "{name} : ne doit pas être vide"
            ),
        };
        self.errors.push(SyntaxError::new(variable.range, message));
    }

    fn pattern_error(&mut self, operand: &Word, error: &PatternError) {
        let pattern = &error.pattern;
        let escape = error.bad_escape;
        self.errors.push(SyntaxError::new(
            operand.range,
            msg!(
                "invalid pattern ({pattern}) in substitution: invalid escape '\\{escape}'",
                "motif invalide ({pattern}) dans la substitution : échappement « \\{escape} » invalide"
            ),
        ));
    }
}

/// `#`/`%` remove the shortest match, `##`/`%%` the longest; BuildKit decides on the expanded
/// operand, so a pattern that starts with `#` after expansion (`${v#$p}` with `p=#x`) is
/// greedy too.
fn pattern_greediness(operand: &str, operator: char, longest: bool) -> (&str, bool) {
    if longest {
        return (operand, true);
    }
    match operand.strip_prefix(operator) {
        Some(rest) => (rest, true),
        None => (operand, false),
    }
}

/// Splits expanded text into words as BuildKit's `wordsStruct` does.
#[derive(Default)]
struct WordSplitter {
    words: Vec<String>,
    current: String,
    in_word: bool,
}

impl WordSplitter {
    fn add_char(&mut self, c: char) {
        if go::is_space(c) {
            if self.in_word && !self.current.is_empty() {
                self.words.push(std::mem::take(&mut self.current));
                self.in_word = false;
            }
        } else {
            self.add_raw_char(c);
        }
    }

    fn add_raw_char(&mut self, c: char) {
        self.current.push(c);
        self.in_word = true;
    }

    fn add_splitting(&mut self, text: &str) {
        for c in text.chars() {
            self.add_char(c);
        }
    }

    fn add_raw(&mut self, text: &str) {
        self.current.push_str(text);
        self.in_word = true;
    }

    fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.words.push(self.current);
        }
        self.words
    }
}

/// A glob element of a `${v#pattern}` pattern: `*`, `?` or a character.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Glob {
    Star,
    Any,
    Char(char),
}

struct PatternError {
    pattern: String,
    bad_escape: char,
}

/// BuildKit's `convertShellPatternToRegex`: `*` and `?` are wildcards, `\` escapes `*`, `?`
/// and itself, and is dropped before `}` and `/`; any other escape is an error. There are no
/// bracket expressions. Returns the character after the bad escape (U+FFFD at the end).
fn compile_pattern(pattern: &str) -> Result<Vec<Glob>, char> {
    let mut chars = pattern.chars().peekable();
    if chars.peek() == Some(&'\u{feff}') {
        chars.next();
    }
    let mut globs = Vec::new();
    while let Some(c) = chars.next() {
        globs.push(match c {
            '*' => Glob::Star,
            '?' => Glob::Any,
            '\\' => {
                if matches!(chars.peek(), Some('}' | '/')) {
                    continue;
                }
                match chars.next() {
                    Some(escaped @ ('*' | '?' | '\\')) => Glob::Char(escaped),
                    other => return Err(other.unwrap_or('\u{fffd}')),
                }
            }
            c => Glob::Char(c),
        });
    }
    Ok(globs)
}

/// BuildKit's `trimPrefix`: removes the prefix the pattern matches, shortest or longest.
fn trim_prefix(pattern: &str, value: &str, greedy: bool) -> Result<String, PatternError> {
    let globs = compile_pattern(pattern).map_err(|bad_escape| PatternError {
        pattern: pattern.to_owned(),
        bad_escape,
    })?;
    let chars: Vec<char> = value.chars().collect();
    let mut matcher = Matcher::new(&globs, &chars, greedy);
    Ok(match matcher.match_at(0) {
        Some(end) => chars[end..].iter().collect(),
        None => value.to_owned(),
    })
}

/// BuildKit's `trimSuffix`: the pattern and the value are reversed (escape pairs kept in
/// order) and the prefix removed.
fn trim_suffix(pattern: &str, value: &str, greedy: bool) -> Result<String, PatternError> {
    let reversed_pattern = reverse_pattern(pattern);
    let reversed_value: String = value.chars().rev().collect();
    let trimmed = trim_prefix(&reversed_pattern, &reversed_value, greedy)?;
    Ok(trimmed.chars().rev().collect())
}

/// BuildKit's `reversePattern`: `a\*c` becomes `c\*a`.
fn reverse_pattern(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = vec!['\0'; chars.len()];
    let last = chars.len().wrapping_sub(1);
    let mut i = 0;
    while i < chars.len() {
        let out_index = last - i;
        if chars[i] == '\\' && i != last {
            out[out_index - 1] = '\\';
            out[out_index] = chars[i + 1];
            i += 2;
        } else {
            out[out_index] = chars[i];
            i += 1;
        }
    }
    out.into_iter().collect()
}

/// `${v/pattern/replacement}`: the leftmost match, with greedy wildcards, replaced literally.
fn replace_first(globs: &[Glob], value: &str, replacement: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut matcher = Matcher::new(globs, &chars, true);
    match matcher.find_from(0) {
        Some((start, end)) => {
            let mut out: String = chars[..start].iter().collect();
            out.push_str(replacement);
            out.extend(&chars[end..]);
            out
        }
        None => value.to_owned(),
    }
}

/// `${v//pattern/replacement}`: Go's `Regexp.ReplaceAllString`, whose replacement expands
/// `$0` (the match), `$$` and other `$name` references (always empty here).
fn replace_all(globs: &[Glob], value: &str, replacement: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::new();
    let mut last_match_end = 0;
    let mut search = 0;
    while search <= chars.len() {
        let mut matcher = Matcher::new(globs, &chars, true);
        let Some((start, end)) = matcher.find_from(search) else {
            break;
        };
        out.extend(&chars[last_match_end..start]);
        // An empty match right after a match is not replaced, as in Go.
        if end > last_match_end || start == 0 {
            expand_template(&mut out, replacement, &chars[start..end]);
        }
        last_match_end = end;
        let width = usize::from(search < chars.len());
        if search + width > end {
            search += width;
        } else if search + 1 > end {
            search += 1;
        } else {
            search = end;
        }
    }
    out.extend(&chars[last_match_end..]);
    out
}

/// Go's `Regexp.expand` for a pattern without groups.
fn expand_template(out: &mut String, template: &str, matched: &[char]) {
    let mut rest = template;
    while let Some(dollar) = rest.find('$') {
        out.push_str(&rest[..dollar]);
        rest = &rest[dollar + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            out.push('$');
            rest = after;
            continue;
        }
        match template_name(rest) {
            Some((name, after)) => {
                if name == "0" {
                    out.extend(matched);
                }
                rest = after;
            }
            None => out.push('$'),
        }
    }
    out.push_str(rest);
}

/// Go's `extract`: a name of letters, digits and `_`, optionally in braces.
fn template_name(text: &str) -> Option<(&str, &str)> {
    let (braced, inner) = match text.strip_prefix('{') {
        Some(inner) => (true, inner),
        None => (false, text),
    };
    let end = inner
        .char_indices()
        .find(|&(_, c)| !(go::is_letter(c) || go::is_digit(c) || c == '_'))
        .map_or(inner.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    let name = &inner[..end];
    if braced {
        return inner[end..].strip_prefix('}').map(|after| (name, after));
    }
    Some((name, &inner[end..]))
}

/// A backtracking matcher for glob patterns with Go's leftmost-first semantics: every `*` is
/// greedy or every `*` is lazy, and neither `*` nor `?` matches a newline (Go's `.`).
struct Matcher<'p> {
    globs: &'p [Glob],
    text: &'p [char],
    greedy: bool,
    /// States `(glob index, text index)` already explored without success.
    failed: Vec<bool>,
}

impl<'p> Matcher<'p> {
    fn new(globs: &'p [Glob], text: &'p [char], greedy: bool) -> Self {
        Matcher {
            globs,
            text,
            greedy,
            failed: vec![false; (globs.len() + 1) * (text.len() + 1)],
        }
    }

    /// The leftmost match starting at or after `from`.
    fn find_from(&mut self, from: usize) -> Option<(usize, usize)> {
        (from..=self.text.len()).find_map(|start| self.match_at(start).map(|end| (start, end)))
    }

    /// The end of the preferred match starting exactly at `start`.
    fn match_at(&mut self, start: usize) -> Option<usize> {
        // Depth-first search in priority order with an explicit stack; every transition moves
        // forward in the pattern or the text, so a state seen again has already failed.
        let mut stack = vec![(0usize, start)];
        while let Some((g, t)) = stack.pop() {
            let index = g * (self.text.len() + 1) + t;
            if self.failed[index] {
                continue;
            }
            self.failed[index] = true;
            let Some(glob) = self.globs.get(g) else {
                return Some(t);
            };
            let next = self.text.get(t).copied();
            match *glob {
                Glob::Char(c) => {
                    if next == Some(c) {
                        stack.push((g + 1, t + 1));
                    }
                }
                Glob::Any => {
                    if next.is_some_and(|c| c != '\n') {
                        stack.push((g + 1, t + 1));
                    }
                }
                Glob::Star => {
                    let can_take = next.is_some_and(|c| c != '\n');
                    // The preferred branch is pushed last so that it is tried first.
                    if self.greedy {
                        stack.push((g + 1, t));
                        if can_take {
                            stack.push((g, t + 1));
                        }
                    } else {
                        if can_take {
                            stack.push((g, t + 1));
                        }
                        stack.push((g + 1, t));
                    }
                }
            }
        }
        None
    }
}

/// Which parts of an instruction BuildKit expands variables in (`instructions/commands.go`
/// `Expand` methods, `dockerfile2llb/convert.go`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ExpandedField {
    /// The value of this flag (`--chown`).
    Flag(&'static str),
    /// Every argument: the sources and destination of ADD and COPY, the path of WORKDIR, the
    /// user of USER, the signal of STOPSIGNAL, the paths of VOLUME, the image of FROM.
    Arguments,
    /// The keys of ENV and LABEL pairs.
    Keys,
    /// The values of ENV and LABEL pairs, and ARG default values (only when no `--build-arg`
    /// overrides them).
    Values,
    /// Each argument of EXPOSE, which may expand into several ([`Expansion::words`]).
    Words,
    /// The option values of `RUN --mount` (but `from=` refuses variables).
    MountOptions,
    /// The body of an ADD or COPY heredoc whose delimiter is not quoted
    /// ([`parse_heredoc_body`]).
    HeredocBodies,
}

/// The fields of an instruction that BuildKit expands, by keyword (any case); empty for the
/// instructions it never expands: RUN, CMD, ENTRYPOINT and HEALTHCHECK commands (the shell
/// expands shell forms when the container runs), SHELL, MAINTAINER, and `COPY --from`, which
/// BuildKit refuses to expand. An ONBUILD trigger is expanded as its own instruction when a
/// child build runs it. FROM sees only the ARGs declared before the first FROM.
pub fn expanded_fields(keyword: &str) -> &'static [ExpandedField] {
    use ExpandedField::*;
    match keyword.to_ascii_uppercase().as_str() {
        "ADD" => &[
            Flag("--chown"),
            Flag("--chmod"),
            Flag("--checksum"),
            Arguments,
            HeredocBodies,
        ],
        "COPY" => &[Flag("--chown"), Flag("--chmod"), Arguments, HeredocBodies],
        "ENV" | "LABEL" => &[Keys, Values],
        "ARG" => &[Values],
        "EXPOSE" => &[Words],
        "FROM" => &[Arguments, Flag("--platform")],
        "RUN" => &[MountOptions],
        "STOPSIGNAL" | "USER" | "VOLUME" | "WORKDIR" => &[Arguments],
        _ => &[],
    }
}

/// Whether BuildKit expands variables anywhere in this instruction (see [`expanded_fields`]).
pub fn expands_variables(keyword: &str) -> bool {
    !expanded_fields(keyword).is_empty()
}

#[cfg(test)]
mod tests;
