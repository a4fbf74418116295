//! `berth completions SHELL`: shell completion scripts generated from the CLI definition.

use std::io::{self, Write};

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Cli;

#[derive(clap::Args)]
pub struct Args {
    /// The shell to generate completions for.
    shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "berth", &mut out);
    io::stdout().write_all(&out)?;
    Ok(crate::exit::OK)
}
