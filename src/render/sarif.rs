//! `--format sarif`: a SARIF 2.1.0 log with one run, for GitHub code scanning and other SARIF
//! viewers.
//!
//! Locations are relative to the working directory, named `%SRCROOT%` (its absolute URI is in
//! `run.originalUriBaseIds`); files outside it get an absolute `file://` URI. Columns are
//! UTF-16 code units, SARIF's default, and the run says so in `columnKind`. Each rule that
//! fired has a descriptor with its documentation; each result points at it by `ruleIndex`.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use berth_parser::{Lang, SourceFile, TextRange};
use berth_rules::{Diagnostic, RuleMeta, Severity};
use serde::Serialize;

use super::fingerprint::fingerprints;
use super::{RenderOptions, clamp, slash_path};
use crate::rule_docs;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SOURCE_ROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    original_uri_base_ids: BTreeMap<&'static str, ArtifactLocation>,
    language: &'static str,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help_uri: String,
    help: MultiformatText,
    default_configuration: Configuration,
    properties: Properties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: Vec<&'static str>,
    category: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Content<'a>,
}

#[derive(Serialize)]
struct Content<'a> {
    text: &'a str,
}

pub(super) fn render(
    diagnostics: &[&Diagnostic],
    options: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = options.lang;
    let cwd = options.cwd.as_path();

    // The rules that fired, in code order; results refer to them by index.
    let mut rules: Vec<&'static RuleMeta> = diagnostics.iter().map(|d| d.rule).collect();
    rules.sort_by_key(|rule| rule.code);
    rules.dedup_by_key(|rule| rule.code);

    let fingerprints = fingerprints(diagnostics, cwd);
    let results = diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(diagnostic, fingerprint)| {
            let rule_index = rules
                .binary_search_by_key(&diagnostic.rule.code, |rule| rule.code)
                .unwrap_or_default();
            result(diagnostic, rule_index, fingerprint, options)
        })
        .collect();

    let mut original_uri_base_ids = BTreeMap::new();
    if cwd.is_absolute() {
        original_uri_base_ids.insert(
            SOURCE_ROOT,
            ArtifactLocation {
                uri: format!("{}/", file_uri(cwd).trim_end_matches('/')),
                uri_base_id: None,
            },
        );
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "berth",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rules.iter().map(|rule| descriptor(rule, lang)).collect(),
                },
            },
            original_uri_base_ids,
            language: lang.code(),
            column_kind: "utf16CodeUnits",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn descriptor(rule: &'static RuleMeta, lang: Lang) -> ReportingDescriptor {
    ReportingDescriptor {
        id: rule.code,
        name: rule.name,
        short_description: Text {
            text: rule.docs.summary.get(lang).to_owned(),
        },
        full_description: Text {
            text: rule.docs.why.get(lang).to_owned(),
        },
        help_uri: rule.url_for(lang),
        help: MultiformatText {
            text: rule_docs::text(rule, lang, false),
            markdown: rule_docs::markdown(rule, lang),
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: Properties {
            tags: vec![rule.category.name(), rule_docs::kind_tag(rule.kind)],
            category: rule.category.name(),
        },
    }
}

fn result<'a>(
    diagnostic: &'a Diagnostic,
    rule_index: usize,
    fingerprint: String,
    options: &RenderOptions,
) -> SarifResult<'a> {
    let lang = options.lang;
    let cwd = options.cwd.as_path();
    let file = &diagnostic.file;
    let location = |file: &SourceFile, range: TextRange| PhysicalLocation {
        artifact_location: artifact_location(file.path(), cwd),
        region: region(file, range),
    };
    SarifResult {
        rule_id: diagnostic.rule.code,
        rule_index,
        level: level(diagnostic.severity),
        message: Text {
            text: diagnostic.message.get(lang).to_owned(),
        },
        locations: [Location {
            id: None,
            physical_location: location(file, diagnostic.range),
            message: None,
        }],
        related_locations: diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(id, label)| Location {
                id: Some(id),
                physical_location: location(&label.file, label.range),
                message: Some(Text {
                    text: label.message.get(lang).to_owned(),
                }),
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([("berth/v1", fingerprint)]),
        fixes: diagnostic
            .fix
            .iter()
            .map(|fix| SarifFix {
                description: Text {
                    text: fix.title.get(lang).to_owned(),
                },
                artifact_changes: [ArtifactChange {
                    artifact_location: artifact_location(file.path(), cwd),
                    replacements: fix
                        .edits
                        .iter()
                        .map(|edit| Replacement {
                            deleted_region: region(file, edit.range),
                            inserted_content: Content {
                                text: &edit.content,
                            },
                        })
                        .collect(),
                }],
            })
            .collect(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// 1-based lines and 1-based UTF-16 columns; the end column is exclusive, as SARIF defines it.
fn region(file: &SourceFile, range: TextRange) -> Region {
    let range = clamp(file, range);
    let start = file.utf16_position(range.start);
    let end = file.utf16_position(range.end);
    Region {
        start_line: start.line + 1,
        start_column: start.character + 1,
        end_line: end.line + 1,
        end_column: end.character + 1,
    }
}

/// A file under the working directory (or given relative to it) as a URI relative to
/// `%SRCROOT%`; any other file as an absolute `file://` URI.
fn artifact_location(path: &Path, cwd: &Path) -> ArtifactLocation {
    let relative: Option<PathBuf> = if path.is_absolute() {
        path.strip_prefix(cwd).ok().map(Path::to_path_buf)
    } else {
        Some(path.to_path_buf())
    };
    match relative {
        Some(relative) if !relative.as_os_str().is_empty() => ArtifactLocation {
            uri: percent_encode(&slash_path(&relative)),
            uri_base_id: Some(SOURCE_ROOT),
        },
        _ => ArtifactLocation {
            uri: file_uri(path),
            uri_base_id: None,
        },
    }
}

/// `file:///abs/path`; a Windows path `C:\x` becomes `file:///C:/x`.
fn file_uri(path: &Path) -> String {
    let path = slash_path(path);
    let path = percent_encode(&path).replacen("%3A", ":", 1);
    if path.starts_with('/') {
        format!("file://{path}")
    } else {
        format!("file:///{path}")
    }
}

/// Percent-encodes everything but unreserved characters and `/` (RFC 3986), so that spaces,
/// `#`, `?`, `%` and non-ASCII names make valid URI references.
fn percent_encode(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use berth_parser::Lang;
    use serde_json::Value;

    use super::super::test_fixtures::{options, rendered, rendered_with};
    use super::{artifact_location, render};

    /// The output with the version replaced, so releases do not change the snapshots.
    fn sarif(lang: Lang) -> String {
        rendered(render, lang).replace(
            &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
            "\"version\": \"[version]\"",
        )
    }

    #[test]
    fn english() {
        insta::assert_snapshot!(sarif(Lang::En));
    }

    #[test]
    fn french() {
        insta::assert_snapshot!(sarif(Lang::Fr));
    }

    /// The properties of the SARIF 2.1.0 schema the output relies on, checked by hand since
    /// tests do not fetch the schema.
    #[test]
    fn follows_the_sarif_schema() {
        let log: Value = serde_json::from_str(&rendered(render, Lang::En)).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(run["columnKind"], "utf16CodeUnits");
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///project/"
        );
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["C201", "D101", "D301", "D402", "D502"]);
        for result in run["results"].as_array().unwrap() {
            let index = result["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[index]["id"], result["ruleId"]);
            assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
            assert!(result["message"]["text"].is_string());
            let location = &result["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            let region = &location["region"];
            for key in ["startLine", "startColumn", "endLine", "endColumn"] {
                assert!(region[key].as_u64().unwrap() >= 1, "{key}");
            }
        }
    }

    #[test]
    fn columns_count_utf16_code_units() {
        // `version` follows a whale (two UTF-16 units, one character): the character column
        // is 53, the UTF-16 column 54.
        let log: Value = serde_json::from_str(&rendered(render, Lang::En)).unwrap();
        let result = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|result| result["ruleId"] == "D502")
            .unwrap();
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startColumn"], 54);
        assert_eq!(region["endColumn"], 61);
    }

    #[test]
    fn paths_outside_the_working_directory_are_file_uris() {
        let cwd = Path::new("/project");
        let inside = artifact_location(Path::new("/project/my app/Dockerfile"), cwd);
        assert_eq!(inside.uri, "my%20app/Dockerfile");
        assert_eq!(inside.uri_base_id, Some("%SRCROOT%"));
        let outside = artifact_location(Path::new("/srv/café/Dockerfile"), cwd);
        assert_eq!(outside.uri, "file:///srv/caf%C3%A9/Dockerfile");
        assert_eq!(outside.uri_base_id, None);
    }

    #[test]
    fn nothing_found_is_a_run_without_results() {
        let log: Value =
            serde_json::from_str(&rendered_with(render, &[], &options(Lang::En))).unwrap();
        assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
        assert_eq!(
            log["runs"][0]["tool"]["driver"]["rules"],
            Value::Array(Vec::new())
        );
    }
}
