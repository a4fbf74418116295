//! Compose: the grammars of values (interpolation) and of `.env` files, and the description
//! of the file format that validation, completion and hover read.

pub mod dotenv;
pub mod interpolation;
pub mod schema;
