//! hadolint's configuration (`.hadolint.yaml`): read for what maps onto berth, and converted to
//! berth.toml by `berth init --from-hadolint`.
//!
//! Both go through one conversion: the YAML becomes berth.toml text, with a comment for each
//! setting that has no berth equivalent, and reading a `.hadolint.yaml` is reading that text.
//! hadolint codes map to berth rules through each rule's `Equivalent::Hadolint`.

use std::fmt::Write;

use berth_parser::yaml::{self, Node};
use berth_parser::{FileId, SourceFile, msg};

use super::error::ConfigError;
use super::overrides::ConfigOverrides;
use crate::meta::{Equivalent, FileKind};
use crate::registry;
use crate::settings::{LabelFormat, Settings};

/// Reads a `.hadolint.yaml` into settings, through its berth.toml conversion.
pub fn read(
    source: &SourceFile,
    overrides: &ConfigOverrides,
) -> Result<Settings, Vec<ConfigError>> {
    let text = hadolint_to_berth_toml(source)?;
    let converted = SourceFile::new(source.path(), text);
    super::berth_toml::read(&converted, overrides)
}

/// The berth.toml equivalent of the `.hadolint.yaml` in `source`: every setting with a berth
/// equivalent, and a comment for each one without.
pub fn hadolint_to_berth_toml(source: &SourceFile) -> Result<String, Vec<ConfigError>> {
    let document = yaml::parse(source.text(), FileId(0));
    if !document.errors.is_empty() {
        return Err(document
            .errors
            .iter()
            .map(|error| {
                ConfigError::new(source, error.range, error.message.clone()).with_help(msg!(
                    "correct the YAML of the hadolint configuration",
                    "corrigez le YAML de la configuration hadolint"
                ))
            })
            .collect());
    }
    let mut out = Conversion::default();
    let name = source
        .path()
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| ".hadolint.yaml".to_string());
    writeln!(
        out.head,
        "# Converted from {name} by `berth init --from-hadolint`.\n# hadolint codes were mapped to the berth rules that do the same check."
    )
    .ok();
    let Some(root) = document.roots.first() else {
        return Ok(out.finish());
    };
    let Some(mapping) = root.as_mapping() else {
        return Err(vec![ConfigError::new(
            source,
            root.range,
            msg!(
                "a hadolint configuration must be a mapping of settings",
                "une configuration hadolint doit être un dictionnaire de réglages"
            ),
        )]);
    };
    let mut errors = Vec::new();
    for entry in &mapping.entries {
        let key = entry.key.as_str().unwrap_or_default();
        let value = &entry.value;
        match key {
            "ignored" => {
                for code in strings(source, value, key, &mut errors) {
                    out.ignore(&code);
                }
            }
            "override" => {
                let Some(levels) = value.as_mapping() else {
                    errors.push(type_error(source, value, key));
                    continue;
                };
                for level in &levels.entries {
                    let level_name = level.key.as_str().unwrap_or_default();
                    for code in strings(source, &level.value, key, &mut errors) {
                        out.severity(&code, level_name);
                    }
                }
            }
            "trustedRegistries" => {
                let registries = match value.as_str() {
                    Some(one) => vec![one.to_string()],
                    None => strings(source, value, key, &mut errors),
                };
                out.body_line(format!(
                    "trusted-registries = {}",
                    toml_list(registries.iter().map(String::as_str))
                ));
            }
            "label-schema" => {
                let Some(labels) = value.as_mapping() else {
                    errors.push(type_error(source, value, key));
                    continue;
                };
                for label in &labels.entries {
                    let name = label.key.as_str().unwrap_or_default();
                    let format = label.value.as_str().unwrap_or_default();
                    if LabelFormat::from_name(format).is_some() {
                        out.labels
                            .push(format!("{} = {}", quote(name), quote(format)));
                    } else {
                        out.note(format!(
                            "label-schema: `{name}: {format}` is not a format berth knows"
                        ));
                    }
                }
            }
            "failure-threshold" => match value.as_str().unwrap_or_default() {
                level @ ("error" | "warning" | "info") => {
                    out.body_line(format!("fail-on = {}", quote(level)));
                }
                "style" => {
                    out.note(
                        "failure-threshold: style has no berth severity; info is the lowest"
                            .to_string(),
                    );
                    out.body_line("fail-on = \"info\"".to_string());
                }
                other => out.note(format!(
                    "failure-threshold: {other}: use `berth check --exit-zero` to never fail"
                )),
            },
            "strict-labels" => out.note(
                "strict-labels: berth does not report labels outside required-labels".to_string(),
            ),
            "disable-ignore-pragma" => out.note(
                "disable-ignore-pragma: berth always honours `# hadolint ignore=` comments"
                    .to_string(),
            ),
            "no-fail" => out.note("no-fail: use `berth check --exit-zero`".to_string()),
            "format" | "formats" => {
                out.note(format!(
                    "{key}: choose the output with `berth check --format`"
                ));
            }
            "no-color" | "verbose" => out.note(format!("{key}: a command-line matter in berth")),
            other => out.note(format!("{other}: not a hadolint setting berth knows")),
        }
    }
    if errors.is_empty() {
        Ok(out.finish())
    } else {
        Err(errors)
    }
}

/// The berth.toml being written.
#[derive(Default)]
struct Conversion {
    head: String,
    body: Vec<String>,
    ignore: Vec<String>,
    severity: Vec<String>,
    labels: Vec<String>,
    notes: Vec<String>,
}

impl Conversion {
    fn body_line(&mut self, line: String) {
        self.body.push(line);
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn rules_for(code: &str) -> Vec<&'static str> {
        registry::by_equivalent(
            FileKind::Dockerfile,
            |equivalent| matches!(equivalent, Equivalent::Hadolint(id) if *id == code),
        )
        .map(|rule| rule.meta.code)
        .collect()
    }

    fn ignore(&mut self, code: &str) {
        let rules = Conversion::rules_for(code);
        if rules.is_empty() {
            self.note(format!("ignored: {code} has no berth equivalent"));
        }
        for rule in rules {
            self.ignore.push(format!("  {}, # {code}", quote(rule)));
        }
    }

    fn severity(&mut self, code: &str, level: &str) {
        let berth_level = match level {
            "error" | "warning" | "info" => level,
            "style" => "info",
            _ => {
                self.note(format!(
                    "override: {level} is not a severity berth knows ({code})"
                ));
                return;
            }
        };
        let rules = Conversion::rules_for(code);
        if rules.is_empty() {
            self.note(format!("override.{level}: {code} has no berth equivalent"));
        }
        for rule in rules {
            self.severity.push(format!(
                "{} = {} # {code} ({level})",
                quote(rule),
                quote(berth_level)
            ));
        }
    }

    fn finish(self) -> String {
        let mut out = self.head;
        out.push('\n');
        for line in &self.body {
            out.push_str(line);
            out.push('\n');
        }
        if !self.ignore.is_empty() {
            out.push_str("ignore = [\n");
            for line in &self.ignore {
                out.push_str(line);
                out.push('\n');
            }
            out.push_str("]\n");
        }
        if !self.severity.is_empty() {
            out.push_str("\n[severity]\n");
            for line in &self.severity {
                out.push_str(line);
                out.push('\n');
            }
        }
        if !self.labels.is_empty() {
            out.push_str("\n[required-labels]\n");
            for line in &self.labels {
                out.push_str(line);
                out.push('\n');
            }
        }
        if !self.notes.is_empty() {
            out.push_str("\n# Not converted:\n");
            for note in &self.notes {
                let _ = writeln!(out, "# - {note}");
            }
        }
        out
    }
}

fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn toml_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(quote).collect();
    format!("[{}]", items.join(", "))
}

fn strings(
    source: &SourceFile,
    value: &Node,
    key: &str,
    errors: &mut Vec<ConfigError>,
) -> Vec<String> {
    let Some(sequence) = value.as_sequence() else {
        if !value.is_null() {
            errors.push(type_error(source, value, key));
        }
        return Vec::new();
    };
    sequence
        .items
        .iter()
        .filter_map(|item| match item.as_str() {
            Some(text) => Some(text.to_string()),
            None => {
                errors.push(type_error(source, item, key));
                None
            }
        })
        .collect()
}

fn type_error(source: &SourceFile, value: &Node, key: &str) -> ConfigError {
    ConfigError::new(
        source,
        value.range,
        msg!(
            "`{key}` in the hadolint configuration does not have the form hadolint reads",
            "`{key}` dans la configuration hadolint n'a pas la forme que hadolint lit"
        ),
    )
    .with_help(msg!(
        "see hadolint's README, section Configure",
        "voir le README de hadolint, section Configure"
    ))
}
