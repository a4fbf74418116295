//! Dockerfiles: the syntax of words BuildKit expands.

pub mod word;
