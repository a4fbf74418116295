//! The JSON schema of berth.toml, for editors (taplo, Even Better TOML) and SchemaStore.
//! Generated from [`BerthToml`] into `docs/berth.schema.json`; a test fails when the committed
//! file is stale and rewrites it when `BERTH_UPDATE_GENERATED=1`.

use std::collections::BTreeMap;

use schemars::JsonSchema;

/// berth's configuration file, `berth.toml` or `.berth.toml`, read from the nearest ancestor
/// folder of each checked file.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)]
pub struct BerthToml {
    /// The rule set to start from: `lab` (default: the course's practices), `prod` (stricter)
    /// or `all`.
    preset: Option<PresetName>,
    /// Replaces the preset's rules. Selectors: a code (`D101`), a name, a code prefix (`D`,
    /// `D2`, `D20`), a category (`security`) or `ALL`.
    select: Option<Vec<String>>,
    /// Rules added to the preset's (or `select`'s).
    extend_select: Option<Vec<String>>,
    /// Rules turned off. The most specific selector wins; at equal specificity, `ignore` wins.
    ignore: Option<Vec<String>>,
    /// Rules turned off for the files a glob matches. A glob without `/` matches a file name in
    /// any folder; with `/`, a path from this file's folder.
    per_file_ignores: Option<BTreeMap<String, Vec<String>>>,
    /// Severity overrides: selector to severity. The most specific selector wins, then the
    /// later one.
    severity: Option<BTreeMap<String, SeverityName>>,
    /// The language of messages (default: from the locale).
    lang: Option<LangName>,
    /// The lowest severity that makes `berth check` exit with status 1 (default `warning`).
    fail_on: Option<SeverityName>,
    /// Registries base images and service images may come from. Wildcards as in hadolint:
    /// `*`, `*.example.com`, `registry.example*`.
    trusted_registries: Option<Vec<String>>,
    /// Labels the final stage of a Dockerfile must set: a list, or a table of label to the form
    /// of its value.
    required_labels: Option<RequiredLabels>,
    /// A regular expression (Rust `regex` syntax) the whole image name must match.
    image_name_pattern: Option<String>,
    /// Read the files a glob matches as a given kind, whatever their name.
    file_kinds: Option<BTreeMap<String, FileKindName>>,
    /// Options of single rules, by code or name: `[rules.pin-base-image-tag]`.
    rules: Option<BTreeMap<String, BTreeMap<String, serde_json::Value>>>,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum PresetName {
    Lab,
    Prod,
    All,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum SeverityName {
    Error,
    Warning,
    Info,
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum LangName {
    En,
    Fr,
}

#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[allow(dead_code)]
enum FileKindName {
    Dockerfile,
    Dockerignore,
    Compose,
    Daemon,
    ClientConfig,
}

#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RequiredLabels {
    /// Labels whose value may be any text.
    List(Vec<String>),
    /// Label to the form of its value.
    Formats(BTreeMap<String, LabelFormatName>),
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum LabelFormatName {
    Text,
    Url,
    Rfc3339,
    Semver,
    Hash,
    Spdx,
    Email,
}

/// The schema as committed in `docs/berth.schema.json`.
pub fn berth_toml_schema() -> String {
    let schema = schemars::schema_for!(BerthToml);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}
