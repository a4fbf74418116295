//! Rules for daemon.json and the client's config.json (codes `Hxxx`).

pub(crate) mod h001_host_config_syntax_error;
pub(crate) mod h500_unused_suppression;
