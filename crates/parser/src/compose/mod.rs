//! Compose: the grammars of values (interpolation) and of `.env` files.

pub mod dotenv;
pub mod interpolation;
