//! The Dockerfile syntax layer: a lossless token stream and a typed tree, parsed exactly as
//! BuildKit parses Dockerfiles (`frontend/dockerfile/parser` and the checks of
//! `frontend/dockerfile/instructions`), but error-tolerant: [`parse`] never fails, reports every
//! problem in [`Dockerfile::errors`] and goes on at the next instruction.
//!
//! Layers: [`parser`] reads physical lines (directives, comments, continuations, heredoc
//! bodies) into logical instructions; `instruction` splits each into keyword, flags and typed
//! arguments; `validate` and `run_flags` make BuildKit's checks. Words are split as BuildKit
//! splits them, with their raw text: quotes, escapes and variables are for the word grammar.
//!
//! Known deviations from BuildKit, all on inputs no real Dockerfile has: BuildKit cuts flag
//! words byte by byte, so a non-ASCII character in a flag whose UTF-8 encoding holds the byte
//! 0x85 or 0xA0 splits the flag there; berth keeps such characters whole. The text of an
//! indented comment (`  # text`) keeps its `#` in BuildKit's comment list; berth's
//! [`Comment::text`] never does.

mod dump;
mod heredoc;
mod instruction;
mod json;
pub mod model;
mod parser;
mod run_flags;
pub mod sexp;
pub mod shell;
mod token;
mod tree;
mod validate;
pub mod word;
mod words;

pub use dump::to_debug_tree;
pub use sexp::{go_quote, to_sexp};
pub use token::{Token, TokenKind};
pub use tree::{
    ArgDeclaration, Arguments, Command, Comment, Directive, DirectiveKind, Dockerfile, Flag, From,
    Healthcheck, HealthcheckKind, Heredoc, Instruction, JsonArray, KeyValue, Keyword, Separator,
    ShellCommand, Word, WordList,
};

/// `text` in lower case (`CompactString::to_lowercase`), without the cost of Unicode case
/// mapping for ASCII text: stage names nearly always are.
pub(crate) fn to_lowercase(text: &str) -> compact_str::CompactString {
    if text.is_ascii() {
        let mut lower = compact_str::CompactString::from(text);
        lower.make_ascii_lowercase();
        lower
    } else {
        compact_str::CompactString::from(text).to_lowercase()
    }
}

/// Parses a Dockerfile. Never panics; the tree covers the whole text (see
/// [`Dockerfile::tokens`], built when first asked for) and what BuildKit would refuse is in
/// [`Dockerfile::errors`].
pub fn parse(text: &str) -> Dockerfile {
    parser::parse(text)
}
