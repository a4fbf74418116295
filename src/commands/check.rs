//! `berth check [PATH|-]...`: lint files and folders, print the findings in the chosen format,
//! and exit 0, 1 or 2 as DESIGN.md fixes it.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use berth_parser::Lang;
use berth_rules::config::{ConfigOverrides, ConfigResolver};
use berth_rules::discover::{Discovery, discover};
use berth_rules::exit::exit_status_in;
use berth_rules::lang::{Locale, resolve_lang};
use berth_rules::{
    Diagnostic, FileError, Overlay, Preset, ProcessEnvironment, Severity, Workspace, apply_fixes,
    check, fixes_by_file,
};

use crate::render::{self, ColorChoice, OutputFormat, RenderOptions};

#[derive(clap::Args)]
pub struct Args {
    /// Files and folders to check (folders are walked, honouring .gitignore); `-` reads
    /// standard input. Default: the current folder.
    paths: Vec<PathBuf>,
    /// The path standard input stands for: its name tells the file kind and its folder the
    /// configuration.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Rules to run instead of the preset's: codes (`D101`), names, prefixes (`D2`),
    /// categories (`security`) or `ALL`.
    #[arg(long, value_delimiter = ',', value_name = "SELECTOR")]
    select: Option<Vec<String>>,
    /// Rules to run in addition to the selection.
    #[arg(long, value_delimiter = ',', value_name = "SELECTOR")]
    extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long, value_delimiter = ',', value_name = "SELECTOR")]
    ignore: Vec<String>,
    /// The rule preset: lab (default), prod or all.
    #[arg(long, value_parser = parse_preset)]
    preset: Option<Preset>,
    /// The language of messages (default: berth.toml's `lang`, then LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_parser = crate::commands::parse_lang)]
    lang: Option<Lang>,
    /// Use this configuration file for every file instead of the nearest berth.toml.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The lowest severity that makes berth exit with status 1 (default: berth.toml's, else
    /// warning).
    #[arg(long, value_parser = parse_severity)]
    fail_on: Option<Severity>,
    /// Exit with status 0 even when there are findings.
    #[arg(long)]
    exit_zero: bool,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    statistics: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Apply the safe fixes to the files (each rewritten atomically), then report what is left.
    #[arg(long)]
    fix: bool,
    /// With `--fix`, also apply the fixes that may change behaviour.
    #[arg(long, requires = "fix")]
    unsafe_fixes: bool,
}

/// How many times `--fix` checks and fixes again: a fix can make another possible (two fixes
/// on one instruction are applied one pass after the other), and a rule whose fix never
/// settles must not loop forever.
const MAX_FIX_PASSES: usize = 10;

fn parse_preset(value: &str) -> Result<Preset, String> {
    Preset::from_name(value)
        .ok_or_else(|| format!("`{value}` is not a preset: use lab, prod or all"))
}

fn parse_severity(value: &str) -> Result<Severity, String> {
    Severity::from_name(value)
        .ok_or_else(|| format!("`{value}` is not a severity: use error, warning or info"))
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let cwd = std::env::current_dir().context("cannot read the current folder")?;
    let overrides = ConfigOverrides {
        config_file: args.config.clone(),
        preset: args.preset,
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
        fail_on: args.fail_on,
    };
    if let Err(errors) = overrides.layer() {
        let lang = resolve_lang(args.lang, None, &Locale::from_env());
        let messages: Vec<String> = errors.iter().map(|error| error.render(lang)).collect();
        bail!("{}", messages.join("\n"));
    }

    let (paths, overlay) = inputs(&args)?;
    if args.fix && args.paths.iter().any(|path| path.as_os_str() == "-") {
        bail!("`--fix` rewrites files and cannot rewrite standard input: run it on the file");
    }
    let resolver = ConfigResolver::new(overrides, overlay.clone());
    let lang = resolve_lang(
        args.lang,
        config_lang(&resolver, &paths),
        &Locale::from_env(),
    );
    let environment = ProcessEnvironment {
        current_dir: cwd.clone(),
        // Compose files are interpolated with the environment berth runs in, as `docker
        // compose` run here would do (variables that are not UTF-8 cannot be read by Compose
        // either).
        variables: std::env::vars_os()
            .filter_map(|(name, value)| Some((name.into_string().ok()?, value.into_string().ok()?)))
            .collect(),
    };
    let lint = |overlay: Overlay| -> anyhow::Result<Lint> {
        let Discovery {
            mut workspace,
            file_errors,
            config_errors,
        } = discover(&paths, &resolver, overlay);
        workspace.set_environment(environment.clone());
        if !config_errors.is_empty() {
            // A broken configuration would silently change what is checked: report it alone.
            let messages: Vec<String> = config_errors
                .iter()
                .map(|error| error.render(lang))
                .collect();
            bail!("{}", messages.join("\n"));
        }
        let diagnostics = check(&workspace);
        Ok(Lint {
            workspace,
            diagnostics,
            file_errors,
        })
    };

    let Lint {
        workspace,
        diagnostics,
        file_errors,
    } = if args.fix {
        fix_files(&lint, overlay, args.unsafe_fixes, lang)?
    } else {
        lint(overlay)?
    };
    let options = RenderOptions {
        color: args.output.is_none() && args.color.resolve(io::stdout().is_terminal()),
        unsafe_fixes: args.unsafe_fixes,
        ..RenderOptions::new(lang, cwd)
    };
    write_report(&args, &diagnostics, &options)?;

    for error in &file_errors {
        eprintln!(
            "berth: error: {}: {}",
            error.path.display(),
            error.message.get(lang)
        );
    }
    if !file_errors.is_empty() {
        return Ok(crate::exit::ERROR);
    }
    Ok(exit_status_in(&workspace, &diagnostics, args.exit_zero))
}

/// One check of the paths.
struct Lint {
    workspace: Workspace,
    diagnostics: Vec<Diagnostic>,
    file_errors: Vec<FileError>,
}

/// `--fix`: checks, applies the fixes to the texts, and checks again until nothing is left to
/// fix; then writes each changed file atomically (a file is either as it was or wholly fixed)
/// and returns the last check, whose findings are what is left.
fn fix_files(
    lint: &dyn Fn(Overlay) -> anyhow::Result<Lint>,
    mut overlay: Overlay,
    unsafe_fixes: bool,
    lang: Lang,
) -> anyhow::Result<Lint> {
    // The text each fixed file had on the disk, to write only what changed.
    let mut originals: BTreeMap<PathBuf, Arc<str>> = BTreeMap::new();
    let mut fixed = 0;
    let mut result = lint(overlay.clone())?;
    for _ in 0..MAX_FIX_PASSES {
        let mut changed = false;
        for (path, fixes) in fixes_by_file(&result.diagnostics) {
            let Some(source) = result
                .diagnostics
                .iter()
                .find(|diagnostic| diagnostic.file.path() == path)
                .map(|diagnostic| diagnostic.file.clone())
            else {
                continue;
            };
            let Some(fixed_text) = apply_fixes(source.text(), fixes, unsafe_fixes) else {
                continue;
            };
            // A file the check read from elsewhere than the overlay (a Compose file reached
            // through its project, under another spelling of its path) would be fixed again
            // from its old text each pass: the same result is no progress.
            if overlay
                .get(&path)
                .is_some_and(|text| **text == *fixed_text.text)
            {
                continue;
            }
            originals
                .entry(path.clone())
                .or_insert_with(|| Arc::from(source.text()));
            overlay.insert(path, Arc::from(fixed_text.text));
            fixed += fixed_text.fixed;
            changed = true;
        }
        if !changed {
            break;
        }
        result = lint(overlay.clone())?;
    }

    let mut files = 0;
    for (path, original) in &originals {
        let Some(text) = overlay.get(path) else {
            continue;
        };
        if text == original {
            continue;
        }
        crate::commands::write_atomically(path, text.as_bytes())
            .with_context(|| format!("cannot write the fixed {}", path.display()))?;
        files += 1;
    }
    if fixed > 0 {
        let message = match lang {
            Lang::En => format!(
                "berth: fixed {fixed} problem{} in {files} file{}",
                plural(fixed),
                plural(files)
            ),
            Lang::Fr => format!(
                "berth : {fixed} problème{} corrigé{} dans {files} fichier{}",
                plural(fixed),
                plural(fixed),
                plural(files)
            ),
        };
        eprintln!("{message}");
    }
    Ok(result)
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The paths to check, with standard input put in the overlay under the path it stands for.
fn inputs(args: &Args) -> anyhow::Result<(Vec<PathBuf>, Overlay)> {
    let mut overlay = Overlay::default();
    if args.paths.is_empty() {
        return Ok((vec![PathBuf::from(".")], overlay));
    }
    let mut paths = Vec::with_capacity(args.paths.len());
    let mut read_stdin = false;
    for path in &args.paths {
        if path.as_os_str() != "-" {
            paths.push(path.clone());
            continue;
        }
        if read_stdin {
            bail!("`-` (standard input) can be given only once");
        }
        read_stdin = true;
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        let Ok(text) = String::from_utf8(bytes) else {
            bail!("standard input is not UTF-8 text");
        };
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        overlay.insert(name.clone(), Arc::from(text));
        paths.push(name);
    }
    Ok((paths, overlay))
}

/// The `lang` of the configuration that applies to the first path: the one a user running
/// `berth check` in their project sees as "their" configuration.
fn config_lang(resolver: &ConfigResolver, paths: &[PathBuf]) -> Option<Lang> {
    let first = paths.first()?;
    let probe = if first.is_dir() {
        first.join("Dockerfile")
    } else {
        first.clone()
    };
    resolver.settings_for(&probe).ok()?.lang
}

fn write_report(
    args: &Args,
    diagnostics: &[Diagnostic],
    options: &RenderOptions,
) -> anyhow::Result<()> {
    let mut report = Vec::new();
    if args.statistics {
        render::render_statistics(args.format, diagnostics, options, &mut report)?;
    } else {
        render::render(args.format, diagnostics, options, &mut report)?;
    }
    match &args.output {
        Some(path) => crate::commands::write_atomically(path, &report)
            .with_context(|| format!("cannot write the report to {}", path.display())),
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&report)?;
            stdout.flush()?;
            Ok(())
        }
    }
}
