//! The `berth` command line.

use std::process::ExitCode;

use clap::Parser;

/// Linter and language server for Dockerfiles, Docker Compose files and Docker host
/// configuration.
#[derive(Parser)]
#[command(name = "berth", version, about)]
struct Cli {}

fn main() -> ExitCode {
    let _cli = Cli::parse();
    ExitCode::SUCCESS
}
