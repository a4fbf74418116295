//! Rules for Compose files (codes `Cxxx`).

pub(crate) mod c001_compose_syntax_error;
pub(crate) mod c500_unused_suppression;
