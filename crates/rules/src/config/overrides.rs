//! What the command line (or the language server's client settings) says over the
//! configuration files.

use std::path::PathBuf;

use berth_parser::msg;

use super::error::ConfigError;
use crate::diagnostic::Severity;
use crate::meta::Preset;
use crate::rule_set::SelectionLayer;
use crate::selector::Selector;

/// Command-line settings. Selections form a layer over berth.toml's (see
/// [`crate::rule_set`]); `preset` and `fail_on` replace the file's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigOverrides {
    /// `--config FILE`: used for every file instead of discovering berth.toml.
    pub config_file: Option<PathBuf>,
    pub preset: Option<Preset>,
    /// `--select`: replaces the selection.
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub fail_on: Option<Severity>,
}

impl ConfigOverrides {
    /// The command line's selection layer, `None` when it selects nothing.
    pub fn layer(&self) -> Result<Option<SelectionLayer>, Vec<ConfigError>> {
        if self.select.is_none() && self.extend_select.is_empty() && self.ignore.is_empty() {
            return Ok(None);
        }
        let mut errors = Vec::new();
        let mut parse = |flag: &str, texts: &[String]| -> Vec<Selector> {
            texts
                .iter()
                .filter_map(|text| match Selector::parse(text) {
                    Ok(selector) => Some(selector),
                    Err(message) => {
                        let (en, fr) = (message.en, message.fr);
                        errors.push(ConfigError::flag(msg!("{flag}: {en}", "{flag} : {fr}")));
                        None
                    }
                })
                .collect()
        };
        let layer = SelectionLayer {
            select: self
                .select
                .as_deref()
                .map(|select| parse("--select", select)),
            extend_select: parse("--extend-select", &self.extend_select),
            ignore: parse("--ignore", &self.ignore),
        };
        if errors.is_empty() {
            Ok(Some(layer))
        } else {
            Err(errors)
        }
    }
}
