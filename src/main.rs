//! The `berth` command line.

mod commands;
mod compose_config;
mod render;
mod rule_docs;
mod syntax_json;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Linter and language server for Dockerfiles, Docker Compose files and Docker host
/// configuration.
#[derive(Parser)]
#[command(name = "berth", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Lint Dockerfiles, Compose files and host configuration.
    Check(commands::check::Args),
    /// Print the syntax tree of a Dockerfile, Compose file or JSON host configuration.
    Parse(commands::parse::Args),
    /// Docker Compose without Docker: `berth compose config`.
    Compose(commands::compose::Args),
    /// Explain a rule, or list them all.
    Rule(commands::rule::Args),
    /// Write a berth.toml to start from, or convert a .hadolint.yaml.
    Init(commands::init::Args),
    /// Print shell completions for berth.
    Completions(commands::completions::Args),
    /// Run the language server over standard input and output.
    Lsp(commands::lsp::Args),
}

/// Exit statuses, as DESIGN.md fixes them for every command.
pub mod exit {
    use std::process::ExitCode;

    /// Nothing at or above the failure threshold.
    pub const OK: u8 = 0;
    /// Findings (or syntax errors) at or above the threshold.
    pub const FINDINGS: u8 = 1;
    /// A usage, configuration or I/O error.
    pub const ERROR: u8 = 2;

    pub fn code(status: u8) -> ExitCode {
        ExitCode::from(status)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version on stdout with success; usage errors get status 2.
            let status = if error.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
            let _ = error.print();
            return exit::code(status);
        }
    };
    let result = match cli.command {
        Command::Check(args) => commands::check::run(args),
        Command::Parse(args) => commands::parse::run(args),
        Command::Compose(args) => commands::compose::run(args),
        Command::Rule(args) => commands::rule::run(args),
        Command::Init(args) => commands::init::run(args),
        Command::Completions(args) => commands::completions::run(args),
        Command::Lsp(args) => commands::lsp::run(args),
    };
    match result {
        Ok(status) => exit::code(status),
        Err(error) => {
            eprintln!("berth: error: {error:#}");
            exit::code(exit::ERROR)
        }
    }
}
