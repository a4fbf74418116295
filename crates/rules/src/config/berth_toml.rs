//! Reading berth.toml into [`Settings`], with every mistake reported at its position.
//!
//! The file is read from toml's spanned tree rather than through serde, so that all mistakes
//! are reported at once, each with a suggestion, in both languages.

use std::collections::HashMap;
use std::path::Path;

use berth_parser::suggest::did_you_mean;
use berth_parser::{Lang, Message, SourceFile, TextRange, msg};
use globset::{Glob, GlobBuilder};
use regex::Regex;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::ConfigError;
use super::overrides::ConfigOverrides;
use crate::diagnostic::Severity;
use crate::file_type::FileType;
use crate::meta::Preset;
use crate::registry;
use crate::rule_set::{RuleSet, Selection, SelectionLayer};
use crate::selector::Selector;
use crate::settings::{
    FileKindOverride, LabelFormat, PerFileIgnore, RegistryPattern, RequiredLabel, Settings,
};

/// The keys of berth.toml, in the order the default file and the schema present them.
pub const KEYS: &[&str] = &[
    "preset",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "severity",
    "lang",
    "fail-on",
    "trusted-registries",
    "required-labels",
    "image-name-pattern",
    "file-kinds",
    "rules",
];

/// Reads the berth.toml in `source` (its folder is the root of its relative globs), with the
/// command line's `overrides` on top.
pub fn read(
    source: &SourceFile,
    overrides: &ConfigOverrides,
) -> Result<Settings, Vec<ConfigError>> {
    let mut reader = Reader {
        file: source,
        errors: Vec::new(),
    };
    let table = match DeTable::parse(source.text()) {
        Ok(table) => table,
        Err(error) => {
            let range = error.span().map(TextRange::from).unwrap_or_default();
            let reason = error.message().trim_end().to_string();
            return Err(vec![
                ConfigError::new(
                    source,
                    range,
                    msg!("invalid TOML: {reason}", "TOML invalide : {reason}"),
                )
                .with_help(msg!(
                    "correct the syntax; berth.toml is a TOML file (https://toml.io)",
                    "corrigez la syntaxe ; berth.toml est un fichier TOML (https://toml.io)"
                )),
            ]);
        }
    };
    let root = source
        .path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut settings = Settings {
        source: Some(source.path().to_path_buf()),
        root,
        ..Settings::default()
    };
    let mut layer = SelectionLayer::default();
    let mut severity = Vec::new();

    let mut entries: Vec<_> = table.get_ref().iter().collect();
    entries.sort_by_key(|(key, _)| key.span().start);
    for (key, value) in entries {
        let key_range = span(key);
        match key.get_ref().as_ref() {
            "preset" => {
                if let Some(preset) = reader.one_of(
                    value,
                    "preset",
                    Preset::from_name,
                    &Preset::ALL.map(Preset::as_str),
                ) {
                    settings.preset = preset;
                }
            }
            "select" => layer.select = Some(reader.selectors(value, "select")),
            "extend-select" => layer.extend_select = reader.selectors(value, "extend-select"),
            "ignore" => layer.ignore = reader.selectors(value, "ignore"),
            "per-file-ignores" => {
                for (glob, selectors) in reader.table(value, "per-file-ignores") {
                    let glob_value = glob.get_ref().to_string();
                    let selectors = reader.selectors(selectors, "per-file-ignores");
                    if let Some(glob) = reader.glob(&glob_value, span(glob)) {
                        settings
                            .per_file_ignores
                            .push(PerFileIgnore { glob, selectors });
                    }
                }
            }
            "severity" => {
                let mut overrides = reader.table(value, "severity");
                overrides.sort_by_key(|(selector, _)| selector.span().start);
                for (selector, level) in overrides {
                    let parsed = Selector::parse(selector.get_ref());
                    let level = reader.one_of(
                        level,
                        "severity",
                        Severity::from_name,
                        &Severity::ALL.map(Severity::as_str),
                    );
                    match (parsed, level) {
                        (Ok(selector), Some(level)) => severity.push((selector, level)),
                        (Err(message), _) => reader.error(span(selector), message),
                        _ => {}
                    }
                }
            }
            "lang" => {
                settings.lang = reader.one_of(value, "lang", lang_from_code, &["en", "fr"]);
            }
            "fail-on" => {
                if let Some(level) = reader.one_of(
                    value,
                    "fail-on",
                    Severity::from_name,
                    &Severity::ALL.map(Severity::as_str),
                ) {
                    settings.fail_on = level;
                }
            }
            "trusted-registries" => {
                settings.trusted_registries = reader
                    .strings(value, "trusted-registries")
                    .into_iter()
                    .map(|(pattern, _)| RegistryPattern::parse(pattern))
                    .collect();
            }
            "required-labels" => settings.required_labels = reader.required_labels(value),
            "image-name-pattern" => {
                if let Some((pattern, range)) = reader.string(value, "image-name-pattern") {
                    match Regex::new(&format!("^(?:{pattern})$")) {
                        Ok(regex) => settings.image_name_pattern = Some(regex),
                        Err(error) => {
                            let reason = error.to_string();
                            reader.error_with_help(
                                range,
                                msg!(
                                    "invalid regular expression in `image-name-pattern`: {reason}",
                                    "expression régulière invalide dans `image-name-pattern` : {reason}"
                                ),
                                msg!(
                                    "write a regular expression (Rust `regex` syntax) that the whole image name must match, such as `registry\\.example\\.com/team/[a-z0-9-]+`",
                                    "écrivez une expression régulière (syntaxe `regex` de Rust) que le nom d'image entier doit respecter, par exemple `registry\\.example\\.com/team/[a-z0-9-]+`"
                                ),
                            );
                        }
                    }
                }
            }
            "file-kinds" => {
                for (glob, kind) in reader.table(value, "file-kinds") {
                    let names = FileType::ALL.map(FileType::name);
                    let kind = reader.one_of(kind, "file-kinds", FileType::from_name, &names);
                    let glob_value = glob.get_ref().to_string();
                    if let (Some(glob), Some(file_type)) =
                        (reader.glob(&glob_value, span(glob)), kind)
                    {
                        settings
                            .file_kinds
                            .push(FileKindOverride { glob, file_type });
                    }
                }
            }
            "rules" => settings.rule_options = reader.rule_options(value),
            unknown => {
                let message = match did_you_mean(unknown, KEYS.iter().copied()) {
                    Some(key) => msg!(
                        "unknown key `{unknown}` in berth.toml; did you mean `{key}`?",
                        "clé inconnue `{unknown}` dans berth.toml ; vouliez-vous dire `{key}` ?"
                    ),
                    None => msg!(
                        "unknown key `{unknown}` in berth.toml",
                        "clé inconnue `{unknown}` dans berth.toml"
                    ),
                };
                let keys = KEYS.join(", ");
                reader.error_with_help(
                    key_range,
                    message,
                    msg!("the keys are: {keys}", "les clés sont : {keys}"),
                );
            }
        }
    }

    reader.errors.sort_by_key(|error| error.range.start);
    match finish(settings, layer, severity, overrides) {
        Ok(settings) if reader.errors.is_empty() => Ok(settings),
        Ok(_) => Err(reader.errors),
        Err(errors) => {
            reader.errors.extend(errors);
            Err(reader.errors)
        }
    }
}

/// Applies the command line over what a file (or nothing) said, and resolves the rule set.
pub(crate) fn finish(
    mut settings: Settings,
    layer: SelectionLayer,
    severity: Vec<(Selector, Severity)>,
    overrides: &ConfigOverrides,
) -> Result<Settings, Vec<ConfigError>> {
    if let Some(preset) = overrides.preset {
        settings.preset = preset;
    }
    if let Some(fail_on) = overrides.fail_on {
        settings.fail_on = fail_on;
    }
    let mut layers = vec![layer];
    if let Some(cli) = overrides.layer()? {
        layers.push(cli);
    }
    settings.rules = RuleSet::resolve(&Selection {
        preset: settings.preset,
        layers,
        severity,
    });
    Ok(settings)
}

fn lang_from_code(code: &str) -> Option<Lang> {
    match code {
        "en" => Some(Lang::En),
        "fr" => Some(Lang::Fr),
        _ => None,
    }
}

fn span<T>(spanned: &Spanned<T>) -> TextRange {
    TextRange::from(spanned.span())
}

type Value<'i> = Spanned<DeValue<'i>>;

struct Reader<'a> {
    file: &'a SourceFile,
    errors: Vec<ConfigError>,
}

impl Reader<'_> {
    fn error(&mut self, range: TextRange, message: Message) {
        self.errors
            .push(ConfigError::new(self.file, range, message));
    }

    fn error_with_help(&mut self, range: TextRange, message: Message, help: Message) {
        self.errors
            .push(ConfigError::new(self.file, range, message).with_help(help));
    }

    fn wrong_type(&mut self, value: &Value, key: &str, expected: Message) {
        let found = value.get_ref().type_str();
        let (expected_en, expected_fr) = (expected.en, expected.fr);
        self.error(
            span(value),
            msg!(
                "`{key}` must be {expected_en} (found: {found})",
                "`{key}` doit être {expected_fr} (trouvé : {found})"
            ),
        );
    }

    fn string<'v>(&mut self, value: &'v Value, key: &str) -> Option<(&'v str, TextRange)> {
        match value.get_ref().as_str() {
            Some(text) => Some((text, span(value))),
            None => {
                self.wrong_type(value, key, msg!("a string", "une chaîne"));
                None
            }
        }
    }

    fn strings<'v>(&mut self, value: &'v Value, key: &str) -> Vec<(&'v str, TextRange)> {
        let Some(array) = value.get_ref().as_array() else {
            self.wrong_type(
                value,
                key,
                msg!("a list of strings", "une liste de chaînes"),
            );
            return Vec::new();
        };
        array
            .iter()
            .filter_map(|item| self.string(item, key))
            .collect()
    }

    fn selectors(&mut self, value: &Value, key: &str) -> Vec<Selector> {
        self.strings(value, key)
            .into_iter()
            .filter_map(|(text, range)| match Selector::parse(text) {
                Ok(selector) => Some(selector),
                Err(message) => {
                    self.error(range, message);
                    None
                }
            })
            .collect()
    }

    fn table<'v, 'i>(
        &mut self,
        value: &'v Value<'i>,
        key: &str,
    ) -> Vec<(&'v Spanned<toml::de::DeString<'i>>, &'v Value<'i>)> {
        match value.get_ref().as_table() {
            Some(table) => table.iter().collect(),
            None => {
                self.wrong_type(value, key, msg!("a table", "une table"));
                Vec::new()
            }
        }
    }

    /// A string that must be one of `names`, read by `from_name`.
    fn one_of<T>(
        &mut self,
        value: &Value,
        key: &str,
        from_name: impl Fn(&str) -> Option<T>,
        names: &[&str],
    ) -> Option<T> {
        let (text, range) = self.string(value, key)?;
        if let Some(found) = from_name(text) {
            return Some(found);
        }
        let list = names
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = match did_you_mean(text, names.iter().copied()) {
            Some(name) => msg!(
                "`{text}` is not a valid `{key}`; did you mean `{name}`?",
                "`{text}` n'est pas une valeur valide pour `{key}` ; vouliez-vous dire `{name}` ?"
            ),
            None => msg!(
                "`{text}` is not a valid `{key}`",
                "`{text}` n'est pas une valeur valide pour `{key}`"
            ),
        };
        self.error_with_help(
            range,
            message,
            msg!("expected one of {list}", "valeurs possibles : {list}"),
        );
        None
    }

    /// A glob without `/` matches file names in any folder; with one, paths from the
    /// configuration's folder (`*` does not cross `/` there, `**` does).
    fn glob(&mut self, text: &str, range: TextRange) -> Option<globset::GlobMatcher> {
        let built = if text.contains('/') {
            GlobBuilder::new(text).literal_separator(true).build()
        } else {
            Glob::new(text)
        };
        match built {
            Ok(glob) => Some(glob.compile_matcher()),
            Err(error) => {
                let reason = error.kind().to_string();
                self.error_with_help(
                    range,
                    msg!("invalid glob `{text}`: {reason}", "motif glob invalide `{text}` : {reason}"),
                    msg!(
                        "write a glob such as `Dockerfile.*` (any folder) or `tests/**/compose.yaml` (from this file's folder)",
                        "écrivez un motif tel que `Dockerfile.*` (dans tout dossier) ou `tests/**/compose.yaml` (depuis le dossier de ce fichier)"
                    ),
                );
                None
            }
        }
    }

    fn required_labels(&mut self, value: &Value) -> Vec<RequiredLabel> {
        if value.get_ref().is_array() {
            return self
                .strings(value, "required-labels")
                .into_iter()
                .map(|(name, _)| RequiredLabel {
                    name: name.to_string(),
                    format: LabelFormat::Text,
                })
                .collect();
        }
        if !value.get_ref().is_table() {
            self.wrong_type(
                value,
                "required-labels",
                msg!(
                    "a list of labels or a table of label = format",
                    "une liste de labels ou une table label = format"
                ),
            );
            return Vec::new();
        }
        let mut labels: Vec<_> = self.table(value, "required-labels");
        labels.sort_by_key(|(name, _)| name.span().start);
        let names = LabelFormat::ALL.map(LabelFormat::name);
        labels
            .into_iter()
            .filter_map(|(name, format)| {
                let format =
                    self.one_of(format, "required-labels", LabelFormat::from_name, &names)?;
                Some(RequiredLabel {
                    name: name.get_ref().to_string(),
                    format,
                })
            })
            .collect()
    }

    fn rule_options(&mut self, value: &Value) -> HashMap<&'static str, toml::Table> {
        let mut options = HashMap::new();
        let Some(table) = value.get_ref().as_table() else {
            self.wrong_type(value, "rules", msg!("a table", "une table"));
            return options;
        };
        // The tree keeps spans; the plain table is what rules deserialize their options from.
        let plain: Option<toml::Table> = self.file.text().parse::<toml::Table>().ok();
        let plain_rules = plain
            .as_ref()
            .and_then(|plain| plain.get("rules"))
            .and_then(toml::Value::as_table);
        for (name, rule_table) in table {
            let written: &str = name.get_ref();
            let Some(rule) = registry::rule(written) else {
                let options = registry::all_rules()
                    .iter()
                    .flat_map(|rule| [rule.meta.code, rule.meta.name]);
                let message = match did_you_mean(written, options) {
                    Some(rule) => msg!(
                        "`[rules.{written}]`: no rule is called `{written}`; did you mean `{rule}`?",
                        "`[rules.{written}]` : aucune règle ne s'appelle `{written}` ; vouliez-vous dire `{rule}` ?"
                    ),
                    None => msg!(
                        "`[rules.{written}]`: no rule is called `{written}`",
                        "`[rules.{written}]` : aucune règle ne s'appelle `{written}`"
                    ),
                };
                self.error_with_help(
                    span(name),
                    message,
                    msg!(
                        "`berth rule --all` lists the rules with their codes and names",
                        "`berth rule --all` liste les règles avec leurs codes et leurs noms"
                    ),
                );
                continue;
            };
            let Some(plain_table) = plain_rules
                .and_then(|rules| rules.get(written))
                .and_then(toml::Value::as_table)
            else {
                self.wrong_type(rule_table, "rules", msg!("a table", "une table"));
                continue;
            };
            let code = rule.meta.code;
            match rule.options {
                None if plain_table.is_empty() => {}
                None => self.error_with_help(
                    span(rule_table),
                    msg!(
                        "rule `{written}` takes no options",
                        "la règle `{written}` n'a pas d'options"
                    ),
                    msg!("remove this table", "supprimez cette table"),
                ),
                Some(validate) => match validate(plain_table) {
                    Ok(()) => {
                        options.insert(code, plain_table.clone());
                    }
                    Err(reason) => self.error_with_help(
                        span(rule_table),
                        msg!(
                            "invalid options for rule {code}: {reason}",
                            "options invalides pour la règle {code} : {reason}"
                        ),
                        msg!(
                            "`berth rule {code}` describes its options",
                            "`berth rule {code}` décrit ses options"
                        ),
                    ),
                },
            }
        }
        options
    }
}
