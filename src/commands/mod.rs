//! One module per `berth` subcommand. Each exposes `Args` (its clap arguments) and
//! `run(args) -> anyhow::Result<u8>`, the exit status; an `Err` is a usage, configuration or I/O
//! error, printed on stderr with status 2.

pub mod completions;
