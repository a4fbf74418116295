//! The configuration a document is linted under, exactly as `berth check` finds it: the
//! nearest berth.toml (or .hadolint.yaml) above the document, with the client's settings over
//! it as the command line's flags are; and the language messages are in.
//!
//! A [`Config`] is immutable once built (its resolver caches what it read): when a
//! configuration file or the client's settings change, the session builds a new one and
//! re-lints, while lints already running finish with the old one. Configuration files are
//! read from the disk, not from unsaved buffers, as the command line reads them.

use std::path::Path;
use std::sync::Arc;

use berth_parser::Lang;
use berth_rules::config::{ConfigError, ConfigOverrides, ConfigResolver};
use berth_rules::lang::{Locale, resolve_lang};
use berth_rules::{Overlay, RuleSet, Selection, Settings};

use crate::options::ClientOptions;

pub(crate) struct Config {
    client: ClientOptions,
    /// The client's locale from `initialize`, else the server's environment.
    locale: Locale,
    resolver: ConfigResolver,
}

/// The settings of a document, and the errors of its configuration file when it could not be
/// read (the document is then linted with the defaults and the client's settings).
pub(crate) struct DocumentSettings {
    pub settings: Arc<Settings>,
    pub errors: Option<Arc<[ConfigError]>>,
}

impl Config {
    pub fn new(client: ClientOptions, client_locale: Option<&str>) -> Config {
        let locale = match client_locale {
            // The client's locale stands for the whole environment: a client in German gets
            // English, whatever `LANG` the server was started with.
            Some(locale) => Locale {
                lc_all: Some(locale.to_string()),
                ..Locale::default()
            },
            None => Locale::from_env(),
        };
        let overrides = ConfigOverrides {
            config_file: client.config_path.clone(),
            preset: client.preset,
            select: client.select.clone(),
            ignore: client.ignore.clone(),
            ..ConfigOverrides::default()
        };
        Config {
            client,
            locale,
            resolver: ConfigResolver::new(overrides, Overlay::default()),
        }
    }

    /// The settings for the document at `path`.
    pub fn settings_for(&self, path: &Path) -> DocumentSettings {
        match self.resolver.settings_for(path) {
            Ok(settings) => DocumentSettings {
                settings,
                errors: None,
            },
            Err(errors) => DocumentSettings {
                settings: Arc::new(self.fallback()),
                errors: Some(errors),
            },
        }
    }

    /// The language of the messages for a file with these settings: the client's `lang`, then
    /// berth.toml's, then the client's locale (else the environment's), then English.
    pub fn lang(&self, settings: &Settings) -> Lang {
        resolve_lang(self.client.lang, settings.lang, &self.locale)
    }

    /// The language of messages about no file in particular.
    pub fn default_lang(&self) -> Lang {
        resolve_lang(self.client.lang, None, &self.locale)
    }

    /// The defaults with the client's settings: what a document whose configuration file is
    /// broken is linted with, so that the editor still helps while the file is being fixed.
    fn fallback(&self) -> Settings {
        let overrides = self.resolver.overrides();
        let mut settings = Settings::default();
        settings.preset = overrides.preset.unwrap_or(settings.preset);
        // The client's selectors were validated when its settings were read.
        let layers = overrides.layer().ok().flatten().into_iter().collect();
        settings.rules = RuleSet::resolve(&Selection {
            preset: settings.preset,
            layers,
            severity: Vec::new(),
        });
        settings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_precedence() {
        let mut settings = Settings::default();
        let config = |lang: Option<Lang>, locale: Option<&str>| {
            Config::new(
                ClientOptions {
                    lang,
                    ..ClientOptions::default()
                },
                locale,
            )
        };
        assert_eq!(config(None, Some("fr-FR")).lang(&settings), Lang::Fr);
        assert_eq!(config(None, Some("de")).lang(&settings), Lang::En);
        settings.lang = Some(Lang::En);
        assert_eq!(config(None, Some("fr")).lang(&settings), Lang::En);
        assert_eq!(config(Some(Lang::Fr), Some("en")).lang(&settings), Lang::Fr);
    }

    #[test]
    fn a_broken_configuration_falls_back_to_the_client_settings() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("berth.toml"), "preset = 3\n").unwrap();
        let config = Config::new(
            ClientOptions {
                ignore: vec!["D500".into()],
                ..ClientOptions::default()
            },
            None,
        );
        let found = config.settings_for(&folder.path().join("Dockerfile"));
        assert!(found.errors.is_some());
        let d500 = berth_rules::registry::rule("D500").unwrap();
        assert!(!found.settings.rules.is_enabled(&d500.meta));
        let d001 = berth_rules::registry::rule("D001").unwrap();
        assert!(found.settings.rules.is_enabled(&d001.meta));
    }
}
