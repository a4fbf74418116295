//! Rules for Dockerfiles and `.dockerignore` files (codes `Dxxx`).

pub(crate) mod d001_dockerfile_syntax_error;
pub(crate) mod d500_unused_suppression;
