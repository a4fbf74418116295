//! `berth parse FILE|-`: the syntax tree berth reads, as JSON or (for Dockerfiles) in the
//! S-expression form of BuildKit's own parser tests, so anyone can diff berth's parse against
//! BuildKit's.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use berth_parser::text::DecodeProblem;
use berth_parser::{FileId, Lang, SourceFile, SyntaxError, dockerfile, json, msg, yaml};
use berth_rules::FileType;

use crate::syntax_json;

#[derive(clap::Args)]
pub struct Args {
    /// The file to parse, or `-` for standard input.
    file: PathBuf,
    #[arg(long, value_enum, default_value_t = ParseFormat::Json)]
    format: ParseFormat,
    /// What kind of file it is, when its name does not tell (always for standard input,
    /// unless its first lines do).
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// The language of error messages (default: from LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_parser = crate::commands::parse_lang)]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ParseFormat {
    /// The tree with every range (documented in docs/formats/parse.md).
    Json,
    /// One line per instruction, as BuildKit's parser tests print it (Dockerfiles only).
    Sexp,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    Dockerfile,
    Compose,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let lang = crate::commands::lang_from_flag(args.lang);
    let (bytes, path) = read(&args.file)?;
    let (file, decode_problem) = match SourceFile::from_bytes(&path, bytes) {
        Ok(decoded) => decoded,
        Err(DecodeProblem::TooLarge { len }) => {
            bail!(
                "{} is {len} bytes; berth reads files under 4 GiB",
                path.display()
            )
        }
        Err(DecodeProblem::InvalidUtf8 { .. }) => unreachable!("decoding is lossy"),
    };
    let decode_error = decode_problem.map(|problem| match problem {
        DecodeProblem::InvalidUtf8 { range } => SyntaxError::new(
            range,
            msg!(
                "the file is not valid UTF-8: invalid bytes were replaced by U+FFFD",
                "le fichier n'est pas de l'UTF-8 valide : les octets invalides ont été remplacés par U+FFFD"
            ),
        ),
        DecodeProblem::TooLarge { .. } => unreachable!("refused above"),
    });

    let kind = match args.kind {
        Some(kind) => kind,
        None => kind_of(&path, file.text())?,
    };
    let (output, has_errors) = match (kind, args.format) {
        (Kind::Dockerfile, format) => {
            let mut tree = dockerfile::parse(file.text());
            tree.errors.extend(decode_error);
            let output = match format {
                ParseFormat::Sexp => dockerfile::to_sexp(&tree),
                ParseFormat::Json => pretty(syntax_json::dockerfile(&file, &tree, lang))?,
            };
            (output, !tree.errors.is_empty())
        }
        (_, ParseFormat::Sexp) => {
            bail!(
                "--format sexp is BuildKit's form for Dockerfiles; use --format json for YAML and JSON files"
            )
        }
        (Kind::Compose | Kind::Json, ParseFormat::Json) => {
            let mut document = if kind == Kind::Compose {
                yaml::parse(file.text(), FileId(0))
            } else {
                json::parse(file.text(), FileId(0))
            };
            document.errors.extend(decode_error);
            let name = if kind == Kind::Compose {
                "yaml"
            } else {
                "json"
            };
            let value = syntax_json::yaml_document(&file, &document, name, lang);
            (pretty(value)?, !document.errors.is_empty())
        }
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(output.as_bytes())?;
    stdout.flush()?;
    Ok(if has_errors {
        crate::exit::FINDINGS
    } else {
        crate::exit::OK
    })
}

fn read(file: &Path) -> anyhow::Result<(Vec<u8>, PathBuf)> {
    if file.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok((bytes, PathBuf::from("-")));
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    Ok((bytes, file.to_path_buf()))
}

fn kind_of(path: &Path, text: &str) -> anyhow::Result<Kind> {
    let file_type = FileType::from_path(path).or_else(|| FileType::sniff(text));
    Ok(match file_type {
        Some(FileType::Dockerfile) => Kind::Dockerfile,
        Some(FileType::Compose) => Kind::Compose,
        Some(FileType::Daemon | FileType::ClientConfig) => Kind::Json,
        Some(FileType::Dockerignore) => {
            bail!(
                "{} is a .dockerignore file, which has no syntax tree",
                path.display()
            )
        }
        None => bail!(
            "cannot tell what kind of file {} is: pass --kind dockerfile, compose or json",
            path.display()
        ),
    })
}

fn pretty(value: serde_json::Value) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}
