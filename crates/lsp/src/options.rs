//! What the client says about how to lint: `initializationOptions` at start-up, and the same
//! object again in `workspace/didChangeConfiguration` (alone or under a `berth` key). Every key
//! is optional; a value berth cannot read is reported once and left out.

use std::path::PathBuf;

use berth_parser::{Lang, Message, msg};
use berth_rules::{Preset, Selector};
use serde::Deserialize;
use serde_json::Value;

/// The client's settings, validated. They override berth.toml as command-line flags do.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ClientOptions {
    /// Messages' language, over berth.toml's `lang` and the client's locale.
    pub lang: Option<Lang>,
    pub preset: Option<Preset>,
    /// Replaces the selection of berth.toml, like `--select`.
    pub select: Option<Vec<String>>,
    /// Removes rules from what berth.toml selected, like `--ignore`.
    pub ignore: Vec<String>,
    /// One configuration file for every document, like `--config`.
    pub config_path: Option<PathBuf>,
}

/// The object as sent, before validation.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawOptions {
    lang: Option<String>,
    preset: Option<String>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    config_path: Option<String>,
}

impl ClientOptions {
    /// Reads the options from `value` (`null` or absent means none), with a message for each
    /// value that was left out.
    pub fn read(value: Option<&Value>) -> (ClientOptions, Vec<Message>) {
        let mut problems = Vec::new();
        let value = match value {
            None | Some(Value::Null) => return (ClientOptions::default(), problems),
            // VS Code sends its configuration section under the section's name.
            Some(value) => value.get("berth").unwrap_or(value),
        };
        let raw = match RawOptions::deserialize(value) {
            Ok(raw) => raw,
            Err(error) => {
                problems.push(msg!(
                    "berth's client settings are not valid ({error}); using the defaults",
                    "les réglages de berth envoyés par l'éditeur ne sont pas valides ({error}) ; berth utilise les valeurs par défaut"
                ));
                return (ClientOptions::default(), problems);
            }
        };

        let lang = raw.lang.as_deref().and_then(|code| {
            let lang = Lang::from_locale(code);
            if lang.is_none() {
                problems.push(msg!(
                    "unknown `lang` {code:?} in the client settings: berth speaks `en` and `fr`",
                    "`lang` inconnue {code:?} dans les réglages de l'éditeur : berth parle `en` et `fr`"
                ));
            }
            lang
        });
        let preset = raw.preset.as_deref().and_then(|name| {
            let preset = Preset::from_name(name);
            if preset.is_none() {
                problems.push(msg!(
                    "unknown `preset` {name:?} in the client settings: use `lab`, `prod` or `all`",
                    "`preset` inconnu {name:?} dans les réglages de l'éditeur : utilisez `lab`, `prod` ou `all`"
                ));
            }
            preset
        });
        let mut selectors = |key: &str, texts: Vec<String>| -> Vec<String> {
            texts
                .into_iter()
                .filter(|text| match Selector::parse(text) {
                    Ok(_) => true,
                    Err(error) => {
                        let (en, fr) = (&error.en, &error.fr);
                        problems.push(msg!(
                            "`{key}` in the client settings: {en}",
                            "`{key}` dans les réglages de l'éditeur : {fr}"
                        ));
                        false
                    }
                })
                .collect()
        };
        let select = raw.select.map(|select| selectors("select", select));
        let ignore = raw
            .ignore
            .map(|ignore| selectors("ignore", ignore))
            .unwrap_or_default();
        let config_path = raw
            .config_path
            .filter(|path| !path.trim().is_empty())
            .map(PathBuf::from);
        let options = ClientOptions {
            lang,
            preset,
            select,
            ignore,
            config_path,
        };
        (options, problems)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(value: Value, expected: ClientOptions, expected_problems: &[&str]) {
        let (options, problems) = ClientOptions::read(Some(&value));
        assert_eq!(options, expected);
        let problems: Vec<&str> = problems.iter().map(|problem| &*problem.en).collect();
        assert_eq!(problems, expected_problems);
    }

    #[test]
    fn reads_every_key() {
        check(
            json!({
                "lang": "fr-FR",
                "preset": "prod",
                "select": ["D", "security"],
                "ignore": ["D500"],
                "configPath": "/etc/berth.toml"
            }),
            ClientOptions {
                lang: Some(Lang::Fr),
                preset: Some(Preset::Prod),
                select: Some(vec!["D".into(), "security".into()]),
                ignore: vec!["D500".into()],
                config_path: Some(PathBuf::from("/etc/berth.toml")),
            },
            &[],
        );
    }

    #[test]
    fn reads_a_berth_section() {
        check(
            json!({ "berth": { "lang": "en" } }),
            ClientOptions {
                lang: Some(Lang::En),
                ..ClientOptions::default()
            },
            &[],
        );
    }

    #[test]
    fn leaves_out_what_it_cannot_read() {
        let (options, problems) = ClientOptions::read(Some(&json!({
            "lang": "de",
            "preset": "strict",
            "ignore": ["D500", "X999"],
        })));
        assert_eq!(
            options,
            ClientOptions {
                ignore: vec!["D500".into()],
                ..ClientOptions::default()
            }
        );
        assert_eq!(problems.len(), 3, "{problems:?}");
        let (options, problems) = ClientOptions::read(Some(&json!({ "select": "D" })));
        assert_eq!(options, ClientOptions::default());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn null_means_none() {
        assert_eq!(ClientOptions::read(None).0, ClientOptions::default());
        assert_eq!(
            ClientOptions::read(Some(&Value::Null)).0,
            ClientOptions::default()
        );
    }
}
