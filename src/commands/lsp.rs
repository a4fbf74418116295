//! `berth lsp`: the language server, over standard input and output.

use anyhow::Context;

#[derive(clap::Args)]
pub struct Args {
    /// Accepted for clients that always pass it (vscode-languageclient's stdio transport);
    /// standard input and output are the only transport.
    #[arg(long, hide = true)]
    stdio: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let _ = args.stdio;
    let exit = berth_lsp::run_stdio().context("cannot start the language server")?;
    // The protocol asks for 0 after `shutdown` then `exit`, and 1 otherwise.
    Ok(match exit {
        berth_lsp::Exit::Clean => crate::exit::OK,
        berth_lsp::Exit::Abrupt => 1,
    })
}
