//! `berth compose config`: what `docker compose config` prints, without Docker.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context;
use berth_parser::Lang;
use berth_parser::compose::{DiskFileSystem, Project, ProjectOptions, Severity, load_project};

use crate::compose_config;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: ComposeCommand,
}

#[derive(clap::Subcommand)]
enum ComposeCommand {
    /// Print the effective project: files merged, `extends` and `include` resolved,
    /// variables interpolated, disabled profiles left out.
    Config(ConfigArgs),
}

#[derive(clap::Args)]
struct ConfigArgs {
    /// A Compose file; repeat to merge several, later ones over earlier ones. Default:
    /// compose.yaml (or docker-compose.yml) and its override, searched upwards.
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Enable a profile; repeatable. Default: COMPOSE_PROFILES.
    #[arg(long = "profile", value_name = "PROFILE")]
    profiles: Vec<String>,
    /// Read variables from this file instead of .env; repeatable.
    #[arg(long = "env-file", value_name = "FILE")]
    env_files: Vec<PathBuf>,
    /// Where relative paths point. Default: the folder of the first file.
    #[arg(long, value_name = "DIR")]
    project_directory: Option<PathBuf>,
    /// The project name. Default: COMPOSE_PROJECT_NAME, `name:`, else the folder's name.
    #[arg(short = 'p', long)]
    project_name: Option<String>,
    #[arg(long, value_enum, default_value_t = ConfigFormat::Yaml)]
    format: ConfigFormat,
    /// The language of problems (default: from LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_parser = crate::commands::parse_lang)]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ConfigFormat {
    Yaml,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    match args.command {
        ComposeCommand::Config(args) => config(args),
    }
}

fn config(args: ConfigArgs) -> anyhow::Result<u8> {
    let lang = crate::commands::lang_from_flag(args.lang);
    let working_dir = std::env::current_dir().context("cannot read the current folder")?;
    let options = ProjectOptions {
        working_dir,
        files: args.files,
        project_directory: args.project_directory,
        env_files: args.env_files,
        profiles: args.profiles,
        environment: std::env::vars().collect(),
        project_name: args.project_name,
    };
    let project = load_project(&options, &DiskFileSystem);
    if project.compose_files.is_empty() && project.problems.iter().all(|p| p.file.is_none()) {
        // Nothing to load: say why (no file found, an unreadable -f file) as a usage error.
        let reasons: Vec<String> = project
            .problems
            .iter()
            .map(|problem| problem.message.get(lang).to_owned())
            .collect();
        anyhow::bail!("{}", reasons.join("\n"));
    }
    report_problems(&project, lang);
    if project.has_errors() {
        return Ok(crate::exit::FINDINGS);
    }
    let value = compose_config::project(&project);
    let text = match args.format {
        ConfigFormat::Yaml => compose_config::to_yaml(&value),
        ConfigFormat::Json => {
            let mut text = serde_json::to_string_pretty(&value)?;
            text.push('\n');
            text
        }
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(crate::exit::OK)
}

/// Each problem on stderr as `file:line:column: severity: message`, with its labels.
fn report_problems(project: &Project, lang: Lang) {
    let mut stderr = io::stderr().lock();
    for problem in &project.problems {
        let severity = match problem.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = problem
            .file
            .map(|file| format!("{}: ", project.place(file, problem.range)))
            .unwrap_or_default();
        let _ = writeln!(stderr, "{place}{severity}: {}", problem.message.get(lang));
        for label in &problem.labels {
            let _ = writeln!(
                stderr,
                "  {}: {}",
                project.place(label.file, label.range),
                label.message.get(lang)
            );
        }
    }
}
