//! Finding briefings on disk and the `briefing.toml` that governs each.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{CONFIG_FILE_NAME, Config};
use crate::rules::Diagnostic;

/// Files larger than this are not analysed: no briefing a person writes comes near it, and a
/// stray data file must not stall the checker.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Extensions of briefings found when walking a directory (SPEC §1).
pub fn is_briefing_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".brief.md", ".brief", ".briefing", ".txt"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Expands directories into the briefings inside them (respecting `.gitignore`). Returns the
/// files in a stable order and one error line per input that could not be used.
pub fn collect_briefings(
    inputs: &[PathBuf],
    workspace: &mut Workspace,
) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        if input.is_file() {
            files.push(input.clone());
            continue;
        }
        if !input.is_dir() {
            errors.push(format!("{}: no such file or directory", input.display()));
            continue;
        }
        let before = files.len();
        let walker = ignore::WalkBuilder::new(input)
            .hidden(true)
            .git_ignore(true)
            .require_git(false)
            .build();
        for entry in walker {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if is_briefing_name(name) || workspace.included(path) {
                files.push(path.to_path_buf());
            }
        }
        files[before..].sort();
        if files.len() == before {
            errors.push(format!(
                "{}: no briefings in this directory",
                input.display()
            ));
        }
    }
    (files, errors)
}

/// Reads a briefing: a one-line error for missing, huge, binary or non-UTF-8 files.
pub fn read_briefing(path: &Path) -> Result<String, String> {
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("{}: {}", path.display(), io_message(&e)))?;
    if metadata.len() > MAX_FILE_BYTES {
        return Err(format!(
            "{}: file is larger than {} MB; not checked",
            path.display(),
            MAX_FILE_BYTES >> 20
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| format!("{}: {}", path.display(), io_message(&e)))?;
    if bytes.contains(&0) {
        return Err(format!(
            "{}: binary file (contains NUL bytes); not checked",
            path.display()
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not valid UTF-8 (at byte {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => error.to_string(),
    }
}

/// Settings per directory, loaded once: the nearest `briefing.toml` walking up.
#[derive(Default)]
pub struct Workspace {
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    configs: HashMap<PathBuf, LoadedFile>,
    defaults: Option<Arc<Config>>,
}

pub struct LoadedFile {
    pub config: Arc<Config>,
    pub diagnostics: Vec<Diagnostic>,
    pub text: String,
    include: GlobSet,
}

impl Workspace {
    /// The settings for a briefing at `path`, and the config file's path when there is one.
    pub fn config_for(&mut self, path: &Path) -> (Arc<Config>, Option<PathBuf>) {
        match self.config_path_for(path) {
            Some(config_path) => {
                let loaded = self.load(&config_path);
                (loaded.config.clone(), Some(config_path))
            }
            None => (
                self.defaults.get_or_insert_with(Config::defaults).clone(),
                None,
            ),
        }
    }

    /// Every config file loaded so far, with its problems.
    pub fn loaded_configs(&self) -> impl Iterator<Item = (&PathBuf, &LoadedFile)> {
        self.configs.iter()
    }

    fn included(&mut self, path: &Path) -> bool {
        let Some(config_path) = self.config_path_for(path) else {
            return false;
        };
        let base = config_path.parent().unwrap_or(Path::new(".")).to_path_buf();
        let loaded = self.load(&config_path);
        path.strip_prefix(&base)
            .is_ok_and(|relative| loaded.include.is_match(relative))
    }

    fn config_path_for(&mut self, path: &Path) -> Option<PathBuf> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let start = absolute.parent()?.to_path_buf();
        if let Some(found) = self.by_dir.get(&start) {
            return found.clone();
        }
        let found = start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE_NAME))
            .find(|candidate| candidate.is_file());
        self.by_dir.insert(start, found.clone());
        found
    }

    fn load(&mut self, config_path: &Path) -> &LoadedFile {
        self.configs
            .entry(config_path.to_path_buf())
            .or_insert_with(|| {
                let text = std::fs::read_to_string(config_path).unwrap_or_default();
                let display = config_path.display().to_string();
                let loaded = Config::load(Some((&display, &text)), None);
                let mut include = GlobSetBuilder::new();
                for pattern in &loaded.config.include {
                    if let Ok(glob) = Glob::new(pattern) {
                        include.add(glob);
                    }
                }
                LoadedFile {
                    config: loaded.config,
                    diagnostics: loaded.file_diagnostics,
                    text,
                    include: include.build().unwrap_or_else(|_| GlobSet::empty()),
                }
            })
    }
}
