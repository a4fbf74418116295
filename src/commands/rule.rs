//! `berth rule CODE|NAME` and `berth rule --all`: the documentation of rules, from the same
//! metadata as `docs/rules/`, the language server's hover and SARIF descriptors.

use std::io::{self, IsTerminal, Write};

use anyhow::bail;
use berth_parser::Lang;
use berth_parser::suggest::did_you_mean;
use berth_rules::{RuleMeta, all_rules, registry};

use crate::render::ColorChoice;
use crate::rule_docs;

#[derive(clap::Args)]
pub struct Args {
    /// A rule code (`D101`) or name (`pin-base-image-tag`).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    rule: Option<String>,
    /// Every rule: a table in text, an index in markdown, every page in JSON.
    #[arg(long)]
    all: bool,
    #[arg(long, value_enum, default_value_t = DocFormat::Text)]
    format: DocFormat,
    /// The language of the documentation (default: from LC_ALL, LC_MESSAGES, LANG).
    #[arg(long, value_parser = crate::commands::parse_lang)]
    lang: Option<Lang>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum DocFormat {
    Text,
    Json,
    Markdown,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let lang = crate::commands::lang_from_flag(args.lang);
    let color = args.color.resolve(io::stdout().is_terminal());
    let mut out = io::stdout().lock();
    if args.all {
        let rules: Vec<&RuleMeta> = all_rules().iter().map(|rule| &rule.meta).collect();
        match args.format {
            DocFormat::Text => write_table(&rules, lang, &mut out)?,
            DocFormat::Markdown => {
                out.write_all(rule_docs::index_markdown(&rules, lang).as_bytes())?
            }
            DocFormat::Json => {
                let pages: Vec<_> = rules
                    .iter()
                    .map(|rule| rule_docs::json(rule, lang))
                    .collect();
                serde_json::to_writer_pretty(&mut out, &pages)?;
                writeln!(out)?;
            }
        }
        return Ok(crate::exit::OK);
    }

    let wanted = args.rule.unwrap_or_default();
    let Some(rule) = registry::rule(&wanted).or_else(|| registry::rule(&wanted.to_uppercase()))
    else {
        let known = all_rules()
            .iter()
            .flat_map(|rule| [rule.meta.code, rule.meta.name]);
        match did_you_mean(&wanted, known) {
            Some(suggestion) => bail!(
                "no rule is called `{wanted}`; did you mean `{suggestion}`? `berth rule --all` lists them"
            ),
            None => bail!("no rule is called `{wanted}`; `berth rule --all` lists them"),
        }
    };
    match args.format {
        DocFormat::Text => out.write_all(rule_docs::text(&rule.meta, lang, color).as_bytes())?,
        DocFormat::Markdown => out.write_all(rule_docs::markdown(&rule.meta, lang).as_bytes())?,
        DocFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rule_docs::json(&rule.meta, lang))?;
            writeln!(out)?;
        }
    }
    Ok(crate::exit::OK)
}

/// One line per rule: code, name, severity, smallest preset, summary.
fn write_table(rules: &[&RuleMeta], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let name_width = rules.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    for rule in rules {
        writeln!(
            out,
            "{code}  {name:name_width$}  {severity:7}  {preset:4}  {summary}",
            code = rule.code,
            name = rule.name,
            severity = rule.severity.as_str(),
            preset = rule.preset.as_str(),
            summary = rule.docs.summary.get(lang),
        )?;
    }
    Ok(())
}
