//! One module per `berth` subcommand. Each exposes `Args` (its clap arguments) and
//! `run(args) -> anyhow::Result<u8>`, the exit status; an `Err` is a usage, configuration or I/O
//! error, printed on stderr with status 2.

pub mod check;
pub mod completions;
pub mod compose;
pub mod init;
pub mod lsp;
pub mod parse;
pub mod rule;

use berth_parser::Lang;
use berth_rules::lang::{Locale, resolve_lang};

/// Reads `--lang en|fr`.
pub fn parse_lang(value: &str) -> Result<Lang, String> {
    match value {
        "en" => Ok(Lang::En),
        "fr" => Ok(Lang::Fr),
        other => Err(format!(
            "`{other}` is not a language berth speaks: use `en` or `fr`"
        )),
    }
}

/// The language of a command that reads no configuration: `--lang`, else the locale.
pub fn lang_from_flag(flag: Option<Lang>) -> Lang {
    resolve_lang(flag, None, &Locale::from_env())
}

/// Writes `contents` to `path` so that a reader sees either the old file or the whole new one,
/// never a partial write: into a temporary file in the same folder, then renamed over it.
pub fn write_atomically(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;

    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => std::path::Path::new("."),
    };
    let mut temporary = tempfile::NamedTempFile::new_in(folder)?;
    temporary.write_all(contents)?;
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        // Keep the permissions of the file being replaced (an executable script stays one).
        temporary
            .as_file()
            .set_permissions(metadata.permissions())?;
    }
    temporary.persist(path).map_err(|error| error.error)?;
    Ok(())
}
