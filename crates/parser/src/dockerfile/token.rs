//! The flat, lossless token stream of a Dockerfile: every byte of the file belongs to exactly one
//! token, and the tokens are in file order. Semantic highlighting and formatting read it; the
//! typed tree ([`super::tree`]) sits over the same ranges. Checking a file needs only the tree,
//! so the stream is built when first asked for ([`super::Dockerfile::tokens`]), by the same
//! parser run again with its tokens kept: a parse then costs about a seventh less.

use std::sync::OnceLock;

use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// The UTF-8 byte-order mark.
    ByteOrderMark,
    /// A line break: `\n`, with the `\r` bytes BuildKit trims before it.
    Newline,
    /// Blanks between and around the other tokens.
    Whitespace,
    /// A comment line, from `#` to the end of the line.
    Comment,
    /// The `#` of a parser directive and the blanks after it.
    DirectiveMarker,
    DirectiveName,
    /// The `=` of a directive, of a `key=value` pair or of a flag.
    Equals,
    DirectiveValue,
    /// The escape token at the end of a line and the blanks after it.
    LineContinuation,
    Keyword,
    /// `--name` of a flag.
    FlagName,
    FlagValue,
    /// A bare `--` ending the flags.
    EndOfFlags,
    /// A whitespace-separated argument word (image, path, port, ARG or ENV word...).
    Word,
    /// A key of ENV, LABEL or ARG.
    Key,
    /// A value of ENV, LABEL or ARG.
    Value,
    /// The text of a shell-form command.
    ShellText,
    /// The rest of a USER, WORKDIR, MAINTAINER or STOPSIGNAL line, or of an unknown instruction.
    Text,
    JsonOpenBracket,
    JsonCloseBracket,
    JsonComma,
    JsonString,
    /// Any other JSON value inside an array (an error: only strings are allowed).
    JsonValue,
    /// `<<EOF` in an instruction line.
    HeredocMarker,
    /// The lines of a heredoc body.
    HeredocBody,
    /// The line that ends a heredoc.
    HeredocTerminator,
}

/// The token stream of a parsed file, built the first time it is asked for
/// ([`super::Dockerfile::tokens`]): checking a file never reads it, so parsing does not pay for
/// it. Being a function of the text, it takes no part in comparing trees.
#[derive(Clone, Debug, Default)]
pub(super) struct LazyTokens(pub OnceLock<Vec<Token>>);

impl PartialEq for LazyTokens {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazyTokens {}
