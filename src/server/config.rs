//! Settings and `briefing.toml` files for the server: the nearest file walking up from each
//! document, merged with the editor's `briefing` settings. A broken file keeps its last good
//! configuration in force and its problems are reported on the file itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use crate::config::{CONFIG_FILE_NAME, Config};
use crate::rules::Diagnostic;

/// Server-only settings, next to the analysis settings `Config::load` reads from the same
/// JSON. Unknown keys are ignored.
#[derive(Deserialize, Default, Clone, Copy, Debug)]
#[serde(default, rename_all = "camelCase")]
pub struct ServerSettings {
    /// Push diagnostics with `textDocument/publishDiagnostics` (default true). Clients that
    /// only want pull diagnostics can turn it off to avoid duplicates.
    pub push_diagnostics: Option<bool>,
}

/// The `briefing` section: accepts either `{"briefing": {...}}` or the section itself.
pub fn briefing_section(value: Option<&Value>) -> Option<Value> {
    let value = value?;
    match value.get("briefing") {
        Some(section) if section.is_object() => Some(section.clone()),
        _ if value.is_object() => Some(value.clone()),
        _ => None,
    }
}

pub struct ConfigFile {
    /// The configuration in force: from the last text that could be read.
    pub config: Arc<Config>,
    /// The text `config`'s ranges (actor definitions, sources) refer to.
    pub good_text: Arc<str>,
    /// The text as last read, which `diagnostics` refer to.
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// The config file a document's settings come from, with the text its ranges refer to.
#[derive(Clone, Debug)]
pub struct ConfigSource {
    pub path: PathBuf,
    pub text: Arc<str>,
}

pub struct ConfigStore {
    settings: Option<Value>,
    pub server_settings: ServerSettings,
    defaults: Arc<Config>,
    files: HashMap<PathBuf, ConfigFile>,
    /// Directory → the nearest config file at or above it.
    lookup: HashMap<PathBuf, Option<PathBuf>>,
}

impl ConfigStore {
    pub fn new(settings: Option<Value>) -> ConfigStore {
        let mut store = ConfigStore {
            settings: None,
            server_settings: ServerSettings::default(),
            defaults: Config::defaults(),
            files: HashMap::new(),
            lookup: HashMap::new(),
        };
        store.set_settings(settings);
        store
    }

    pub fn settings(&self) -> Option<&Value> {
        self.settings.as_ref()
    }

    /// New editor settings: every known file is merged again with them.
    pub fn set_settings(&mut self, settings: Option<Value>) {
        self.server_settings = settings
            .as_ref()
            .and_then(|s| serde_json::from_value(s.clone()).ok())
            .unwrap_or_default();
        self.settings = settings;
        self.defaults = Config::load(None, self.settings.as_ref()).config;
        let paths: Vec<PathBuf> = self.files.keys().cloned().collect();
        for path in paths {
            if let Some(file) = self.files.get(&path) {
                let text = file.text.clone();
                self.apply(&path, text);
            }
        }
    }

    /// The settings for a document at `path` (or an unsaved one), and the config file they
    /// come from.
    pub fn config_for(&mut self, path: Option<&Path>) -> (Arc<Config>, Option<ConfigSource>) {
        let Some(config_path) = path.and_then(|p| self.find(p)) else {
            return (Arc::clone(&self.defaults), None);
        };
        if !self.files.contains_key(&config_path) {
            // Bounded and regular files only (`read_config`); an unreadable file means defaults.
            let text = crate::cli::read_config(&config_path).unwrap_or_else(|error| {
                tracing::warn!("{error}");
                String::new()
            });
            self.apply(&config_path, text);
        }
        match self.files.get(&config_path) {
            Some(file) => (
                Arc::clone(&file.config),
                Some(ConfigSource {
                    path: config_path,
                    text: Arc::clone(&file.good_text),
                }),
            ),
            None => (Arc::clone(&self.defaults), None),
        }
    }

    pub fn file(&self, config_path: &Path) -> Option<&ConfigFile> {
        self.files.get(config_path)
    }

    pub fn files(&self) -> impl Iterator<Item = (&PathBuf, &ConfigFile)> {
        self.files.iter()
    }

    /// Re-reads a config file after a save or a watcher event. Returns true when something
    /// changed for the documents (a new, changed or deleted file).
    pub fn reload(&mut self, config_path: &Path) -> bool {
        // A new or deleted file can change which file governs a directory.
        self.lookup.clear();
        match crate::cli::read_config(config_path) {
            Ok(text) => {
                if self
                    .files
                    .get(config_path)
                    .is_some_and(|file| file.text == text)
                {
                    return false;
                }
                self.apply(config_path, text);
                true
            }
            Err(error) => {
                tracing::warn!("{error}");
                self.files.remove(config_path);
                true
            }
        }
    }

    fn apply(&mut self, config_path: &Path, text: String) {
        let display = config_path.display().to_string();
        let loaded = Config::load(Some((&display, &text)), self.settings.as_ref());
        let previous = self.files.remove(config_path);
        let (config, good_text) = match (loaded.file_ok, previous) {
            (true, _) => (loaded.config, Arc::from(text.as_str())),
            // The last good configuration stays in force, merged with the current settings.
            (false, Some(previous)) => {
                let config = Config::load(
                    Some((&display, &previous.good_text)),
                    self.settings.as_ref(),
                )
                .config;
                (config, previous.good_text)
            }
            (false, None) => (loaded.config, Arc::from("")),
        };
        self.files.insert(
            config_path.to_path_buf(),
            ConfigFile {
                config,
                good_text,
                text,
                diagnostics: loaded.file_diagnostics,
            },
        );
    }

    fn find(&mut self, document_path: &Path) -> Option<PathBuf> {
        let directory = document_path.parent()?.to_path_buf();
        if let Some(found) = self.lookup.get(&directory) {
            return found.clone();
        }
        let found = directory
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE_NAME))
            .find(|candidate| candidate.is_file());
        self.lookup.insert(directory, found.clone());
        found
    }
}

/// Whether a path names a configuration file.
pub fn is_config_path(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name == CONFIG_FILE_NAME)
}
