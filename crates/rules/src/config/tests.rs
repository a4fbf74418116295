use std::fs;
use std::path::Path;

use berth_parser::{Lang, SourceFile};

use super::*;
use crate::diagnostic::Severity;
use crate::meta::Preset;
use crate::registry;

/// Reads `text` as a berth.toml and renders its errors, one per paragraph.
fn errors(text: &str) -> String {
    let source = SourceFile::new("berth.toml", text);
    match read_berth_toml(&source, &ConfigOverrides::default()) {
        Ok(_) => "no errors".to_string(),
        Err(errors) => errors
            .iter()
            .map(|error| error.render(Lang::En))
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

fn settings(text: &str) -> Settings {
    let source = SourceFile::new("project/berth.toml", text);
    match read_berth_toml(&source, &ConfigOverrides::default()) {
        Ok(settings) => settings,
        Err(errors) => panic!("{}", errors[0].render(Lang::En)),
    }
}

fn severity(settings: &Settings, code: &str) -> Option<Severity> {
    settings
        .rules
        .severity(&registry::by_code(code).unwrap().meta)
}

#[test]
fn reads_every_key() {
    let settings = settings(
        r#"
preset = "prod"
select = ["D", "C0"]
extend-select = ["H500"]
ignore = ["D5"]
lang = "fr"
fail-on = "error"
trusted-registries = ["docker.io", "*.example.com"]
image-name-pattern = "registry\\.example\\.com/[a-z]+"

[per-file-ignores]
"tests/**" = ["D098"]

[severity]
D001 = "info"

[required-labels]
"org.opencontainers.image.source" = "url"
"org.opencontainers.image.created" = "rfc3339"

[file-kinds]
"deploy/*.yml" = "compose"

[rules.test-marker]
word = "WRONG"
"#,
    );
    assert_eq!(settings.preset, Preset::Prod);
    assert_eq!(settings.lang, Some(Lang::Fr));
    assert_eq!(settings.fail_on, Severity::Error);
    assert_eq!(severity(&settings, "D001"), Some(Severity::Info));
    assert_eq!(severity(&settings, "D098"), Some(Severity::Error));
    assert_eq!(severity(&settings, "D500"), None);
    assert_eq!(severity(&settings, "C001"), Some(Severity::Error));
    assert_eq!(severity(&settings, "C500"), None);
    assert_eq!(severity(&settings, "H500"), Some(Severity::Warning));
    assert!(settings.is_trusted_registry("registry.example.com"));
    assert!(!settings.is_trusted_registry("ghcr.io"));
    let pattern = settings.image_name_pattern.as_ref().unwrap();
    assert!(pattern.is_match("registry.example.com/app"));
    assert!(!pattern.is_match("registry.example.com/app/extra"));
    assert_eq!(settings.required_labels.len(), 2);
    assert_eq!(
        settings.required_labels[1].format,
        crate::settings::LabelFormat::Rfc3339
    );
    let rules = settings.rules_for(Path::new("project/tests/a/Dockerfile"));
    assert!(!rules.is_enabled(&registry::by_code("D098").unwrap().meta));
    assert_eq!(
        settings.file_type_of(Path::new("project/deploy/prod.yml")),
        Some(crate::FileType::Compose)
    );
    assert_eq!(settings.file_type_of(Path::new("project/prod.yml")), None);
    assert!(settings.rule_options.contains_key("D098"));
}

#[test]
fn error_positions_and_suggestions() {
    insta::assert_snapshot!(
        "config_errors",
        errors(
            r#"preset = "labb"
selct = ["D"]
ignore = ["D1O1", 3]
fail-on = "warn"
lang = "de"
image-name-pattern = "(unclosed"
trusted-registries = "docker.io"
required-labels = { "a" = "uri" }

[per-file-ignores]
"tests/[" = ["D"]

[severity]
securty = "error"

[rules.tset-marker]
word = "x"

[rules.D001]
anything = 1

[rules.test-marker]
wrod = "x"
"#
        )
    );
}

#[test]
fn toml_syntax_errors_have_a_position() {
    insta::assert_snapshot!("toml_syntax_error", errors("select = [\"D\"\nignore = 1\n"));
}

#[test]
fn command_line_overrides() {
    let source = SourceFile::new("berth.toml", "ignore = [\"D001\"]\nfail-on = \"info\"\n");
    let overrides = ConfigOverrides {
        extend_select: vec!["D001".into()],
        fail_on: Some(Severity::Error),
        preset: Some(Preset::All),
        ..ConfigOverrides::default()
    };
    let settings = read_berth_toml(&source, &overrides).unwrap();
    assert_eq!(severity(&settings, "D001"), Some(Severity::Error));
    assert_eq!(settings.fail_on, Severity::Error);
    assert_eq!(settings.preset, Preset::All);
    let bad = ConfigOverrides {
        select: Some(vec!["D0O1".into()]),
        ..ConfigOverrides::default()
    };
    let errors = read_berth_toml(&source, &bad).unwrap_err();
    assert_eq!(
        errors[0].render(Lang::En),
        "--select: unknown rule selector `D0O1`; did you mean `D001`?"
    );
}

#[test]
fn default_files_read_as_the_defaults() {
    for lang in [Lang::En, Lang::Fr] {
        let text = default_berth_toml(lang);
        let settings = settings(text);
        let defaults = Settings::default();
        assert_eq!(settings.rules, defaults.rules);
        assert_eq!(settings.preset, defaults.preset);
        assert_eq!(settings.fail_on, defaults.fail_on);
        // Every key is presented, and uncommenting the examples gives a valid file.
        for key in KEYS {
            assert!(
                text.contains(&format!("# {key}")) || text.contains(&format!("# [{key}")),
                "{key}"
            );
        }
        let uncommented: String = text
            .lines()
            .filter(|line| {
                line.starts_with("# ") && (line.contains(" = ") || line.starts_with("# ["))
            })
            .filter(|line| !line.contains(':') && !line.contains('<'))
            .map(|line| format!("{}\n", &line[2..]))
            .collect();
        let source = SourceFile::new("berth.toml", uncommented.as_str());
        if let Err(errors) = read_berth_toml(&source, &ConfigOverrides::default()) {
            panic!("{uncommented}\n{}", errors[0].render(Lang::En));
        }
    }
}

#[test]
fn schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/berth.schema.json");
    let schema = schema::berth_toml_schema();
    if std::env::var_os("BERTH_UPDATE_GENERATED").is_some() {
        fs::write(&path, &schema).unwrap();
        return;
    }
    let committed = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == schema,
        "docs/berth.schema.json is stale: run `BERTH_UPDATE_GENERATED=1 cargo test -p berth-rules schema`"
    );
    // The schema documents exactly the keys the reader knows.
    let value: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let mut properties: Vec<&str> = value["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut keys = KEYS.to_vec();
    properties.sort();
    keys.sort();
    assert_eq!(properties, keys);
}

#[test]
fn hadolint_conversion() {
    let source = SourceFile::new(
        ".hadolint.yaml",
        r#"ignored:
  - DL3006
  - DL3059
override:
  error: [DL1000]
  style: [DL3006]
trustedRegistries: docker.io
label-schema:
  org.opencontainers.image.source: url
  author: name
failure-threshold: style
strict-labels: true
no-fail: true
"#,
    );
    let converted = hadolint_to_berth_toml(&source).unwrap();
    insta::assert_snapshot!("hadolint_conversion", converted);
    let settings = read_hadolint(&source, &ConfigOverrides::default()).unwrap();
    assert_eq!(severity(&settings, "D098"), None);
    assert_eq!(severity(&settings, "D001"), Some(Severity::Error));
    assert_eq!(settings.fail_on, Severity::Info);
    assert!(!settings.is_trusted_registry("ghcr.io"));
    assert_eq!(settings.required_labels.len(), 1);

    let broken = SourceFile::new(".hadolint.yaml", "ignored: DL3006\n");
    let errors = read_hadolint(&broken, &ConfigOverrides::default()).unwrap_err();
    assert_eq!(
        errors[0].render(Lang::En),
        ".hadolint.yaml:1:10: `ignored` in the hadolint configuration does not have the form hadolint reads\n  help: see hadolint's README, section Configure"
    );
}

/// A folder tree for discovery tests: `(path, content)` pairs under a temporary folder.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, content).unwrap();
    }
    dir
}

#[test]
fn nearest_configuration_wins_and_hadolint_is_the_fallback() {
    let dir = tree(&[
        ("berth.toml", "fail-on = \"error\"\n"),
        ("app/.berth.toml", "fail-on = \"info\"\n"),
        ("app/deep/Dockerfile", ""),
        ("lib/Dockerfile", ""),
        ("other/.hadolint.yaml", "failure-threshold: warning\n"),
    ]);
    let resolver = ConfigResolver::new(ConfigOverrides::default(), Overlay::default());
    let fail_on = |path: &str| {
        resolver
            .settings_for(&dir.path().join(path))
            .unwrap()
            .fail_on
    };
    assert_eq!(fail_on("app/deep/Dockerfile"), Severity::Info);
    assert_eq!(fail_on("lib/Dockerfile"), Severity::Error);
    // A berth.toml in any ancestor wins over a nearer .hadolint.yaml.
    assert_eq!(fail_on("other/Dockerfile"), Severity::Error);

    let only_hadolint = tree(&[("sub/.hadolint.yml", "failure-threshold: info\n")]);
    let settings = resolver
        .settings_for(&only_hadolint.path().join("sub/x/Dockerfile"))
        .unwrap();
    assert_eq!(settings.fail_on, Severity::Info);

    let explicit = ConfigResolver::new(
        ConfigOverrides {
            config_file: Some(dir.path().join("berth.toml")),
            ..ConfigOverrides::default()
        },
        Overlay::default(),
    );
    let settings = explicit
        .settings_for(&dir.path().join("app/deep/Dockerfile"))
        .unwrap();
    assert_eq!(settings.fail_on, Severity::Error);
}

#[test]
fn the_overlay_takes_priority_for_configuration() {
    let dir = tree(&[("berth.toml", "fail-on = \"error\"\n")]);
    let mut overlay = Overlay::default();
    overlay.insert(dir.path().join("berth.toml"), "fail-on = \"info\"\n".into());
    let resolver = ConfigResolver::new(ConfigOverrides::default(), overlay);
    let settings = resolver
        .settings_for(&dir.path().join("Dockerfile"))
        .unwrap();
    assert_eq!(settings.fail_on, Severity::Info);
}
