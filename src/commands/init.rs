//! `berth init [--from-hadolint FILE]`: write a berth.toml to start from.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use berth_parser::{Lang, SourceFile};
use berth_rules::config::{default_berth_toml, hadolint_to_berth_toml};

#[derive(clap::Args)]
pub struct Args {
    /// Convert this hadolint configuration (`.hadolint.yaml`) instead of writing the defaults.
    #[arg(long, value_name = "FILE")]
    from_hadolint: Option<PathBuf>,
    /// Where to write. `-` prints to standard output.
    #[arg(long, short = 'o', value_name = "FILE", default_value = "berth.toml")]
    output: PathBuf,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
    /// The language of the comments in the file (default: from LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_parser = crate::commands::parse_lang)]
    lang: Option<Lang>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let lang = crate::commands::lang_from_flag(args.lang);
    let text = match &args.from_hadolint {
        None => default_berth_toml(lang).to_owned(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let source = SourceFile::new(path, text);
            match hadolint_to_berth_toml(&source) {
                Ok(converted) => converted,
                Err(errors) => {
                    let messages: Vec<String> =
                        errors.iter().map(|error| error.render(lang)).collect();
                    bail!("{}", messages.join("\n"));
                }
            }
        }
    };
    if args.output.as_os_str() == "-" {
        io::stdout().write_all(text.as_bytes())?;
        return Ok(crate::exit::OK);
    }
    if args.output.exists() && !args.force {
        bail!(
            "{} already exists; pass --force to replace it, or --output - to print the configuration",
            args.output.display()
        );
    }
    crate::commands::write_atomically(&args.output, text.as_bytes())
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    eprintln!("berth: wrote {}", args.output.display());
    Ok(crate::exit::OK)
}
