//! berth's syntax and model layer.
//!
//! Every parser here takes text and returns a tree together with the errors it found; none of
//! them fails or panics. Every node carries a byte [`text::TextRange`] into its
//! [`text::SourceFile`].

pub mod bytesize;
pub mod cidr;
pub mod compose;
pub mod dockerfile;
pub mod duration;
mod go;
pub mod host;
pub mod image;
pub mod json;
pub mod lookup;
pub mod message;
pub mod ports;
pub mod schema;
pub mod secrets;
pub mod suggest;
pub mod text;
pub mod volumes;
pub mod yaml;

pub use message::{Lang, Message, Related, SyntaxError};
pub use text::{
    FileId, LineColumn, LineIndex, MappedText, PieceMap, SourceFile, TextRange, Utf16Position,
};
