//! Finding and reading configuration: berth.toml or .berth.toml in the nearest ancestor folder
//! of each linted file, else .hadolint.yaml there, else the defaults; `--config FILE` for
//! every file. Each folder's answer is cached.

mod berth_toml;
mod error;
mod hadolint;
mod init;
mod overrides;
pub mod schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use berth_parser::{SourceFile, TextRange, msg};

pub use berth_toml::{KEYS, read as read_berth_toml};
pub use error::ConfigError;
pub use hadolint::{hadolint_to_berth_toml, read as read_hadolint};
pub use init::default_berth_toml;
pub use overrides::ConfigOverrides;

use crate::settings::Settings;
use crate::workspace::{Overlay, read_source};

/// The names berth reads its own configuration from, in order of preference in one folder.
pub const CONFIG_NAMES: [&str; 2] = ["berth.toml", ".berth.toml"];
/// hadolint's configuration, read when no berth configuration is found.
pub const HADOLINT_NAMES: [&str; 2] = [".hadolint.yaml", ".hadolint.yml"];

/// Settings, or the errors of the configuration they would come from.
pub type SettingsResult = Result<Arc<Settings>, Arc<[ConfigError]>>;

/// Answers "which settings apply to this file?", reading each configuration file once.
/// Shared by threads; the language server keeps one and calls [`ConfigResolver::clear`] when a
/// configuration file changes.
pub struct ConfigResolver {
    overrides: ConfigOverrides,
    overlay: Overlay,
    cache: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    /// The configuration file that applies to each folder, if any.
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
    /// The settings read from each configuration file (`None`: no configuration).
    by_file: HashMap<Option<PathBuf>, SettingsResult>,
}

impl ConfigResolver {
    /// A resolver applying the command line's `overrides`; configuration files are read from
    /// `overlay` first (the language server's unsaved buffers), then the disk.
    pub fn new(overrides: ConfigOverrides, overlay: Overlay) -> ConfigResolver {
        ConfigResolver {
            overrides,
            overlay,
            cache: Mutex::default(),
        }
    }

    pub fn overrides(&self) -> &ConfigOverrides {
        &self.overrides
    }

    /// Forgets every file read: after an edit of a configuration file.
    pub fn clear(&self) {
        *self.lock() = Cache::default();
    }

    /// The settings for the file at `path`: from `--config` when given, else from the nearest
    /// ancestor folder's configuration.
    pub fn settings_for(&self, path: &Path) -> SettingsResult {
        let config = match &self.overrides.config_file {
            Some(file) => Some(file.clone()),
            None => {
                let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                let folder = absolute.parent().map(Path::to_path_buf).unwrap_or_default();
                self.config_file_for(&folder)
            }
        };
        if let Some(found) = self.lock().by_file.get(&config) {
            return found.clone();
        }
        let settings = self.read(config.as_deref());
        self.lock()
            .by_file
            .entry(config)
            .or_insert(settings)
            .clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Cache> {
        // The cache holds whole entries only, so a panic elsewhere cannot leave it half
        // written: keep using it.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The nearest berth configuration above `folder`, else the nearest hadolint one.
    fn config_file_for(&self, folder: &Path) -> Option<PathBuf> {
        if let Some(found) = self.lock().by_folder.get(folder) {
            return found.clone();
        }
        let found = self
            .nearest(folder, &CONFIG_NAMES)
            .or_else(|| self.nearest(folder, &HADOLINT_NAMES));
        self.lock()
            .by_folder
            .insert(folder.to_path_buf(), found.clone());
        found
    }

    fn nearest(&self, folder: &Path, names: &[&str]) -> Option<PathBuf> {
        folder.ancestors().find_map(|ancestor| {
            names
                .iter()
                .map(|name| ancestor.join(name))
                .find(|candidate| self.overlay.contains_key(candidate) || candidate.is_file())
        })
    }

    fn read(&self, config: Option<&Path>) -> SettingsResult {
        let Some(path) = config else {
            return berth_toml::finish(
                Settings::default(),
                Default::default(),
                Vec::new(),
                &self.overrides,
            )
            .map(Arc::new)
            .map_err(Arc::from);
        };
        let source = read_source(path, &self.overlay).map_err(|error| {
            let file = SourceFile::new(path, "");
            Arc::from(vec![
                ConfigError::new(&file, TextRange::default(), error.message).with_help(msg!(
                    "make the file readable, or pass another one with `--config`",
                    "rendez le fichier lisible, ou indiquez-en un autre avec `--config`"
                )),
            ])
        })?;
        let is_hadolint = path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| HADOLINT_NAMES.contains(&name));
        let settings = if is_hadolint {
            hadolint::read(&source, &self.overrides)
        } else {
            berth_toml::read(&source, &self.overrides)
        };
        settings.map(Arc::new).map_err(Arc::from)
    }
}

#[cfg(test)]
mod tests;
