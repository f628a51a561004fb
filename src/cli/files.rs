//! Finding briefings on disk and the `briefing.toml` that governs each.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::{CONFIG_FILE_NAME, Config};
use crate::rules::{Diagnostic, RuleCode, Severity};
use crate::text::TextRange;

/// Files larger than this are not analysed: no briefing a person writes comes near it, and a
/// stray data file must not stall the checker.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// `briefing.toml` files larger than this are not read: a real one is a few kilobytes, and a
/// huge one (a 1 GB sparse file took 2 GB of memory and minutes to parse) must not stall the
/// checker or the server.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

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
            // Not the user's global excludes: they live in ~/.gitconfig and ~/.config/git,
            // outside the folder, and SECURITY.md promises reads only under the folders and
            // the briefing.toml chain (the folder's own .gitignore files still count).
            .git_global(false)
            .require_git(false)
            .build();
        for entry in walker {
            // An unreadable folder (or a broken entry) is reported, and the walk goes on.
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    errors.push(format!("{}; skipped", walk_error(&error)));
                    continue;
                }
            };
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

/// Reads a briefing: a one-line error for missing, huge, binary or non-UTF-8 files, and for
/// anything that is not a regular file (a FIFO would block forever, `/dev/zero` never ends).
pub fn read_briefing(path: &Path) -> Result<String, String> {
    let bytes = read_limited(path, MAX_FILE_BYTES)?;
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

/// Reads a `briefing.toml`: at most [`MAX_CONFIG_BYTES`], a regular file, UTF-8.
pub fn read_config(path: &Path) -> Result<String, String> {
    let bytes = read_limited(path, MAX_CONFIG_BYTES)?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not valid UTF-8 (at byte {}); save it as UTF-8",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// The bytes of a regular file of at most `limit` bytes. The size is checked before reading
/// and again while reading, so a file that grows (or lies about its size) cannot exceed it.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let failed = |e: std::io::Error| format!("{}: {}", path.display(), io_message(&e));
    let too_large = || {
        format!(
            "{}: file is larger than {}; not checked",
            path.display(),
            if limit >= 1 << 20 {
                format!("{} MB", limit >> 20)
            } else {
                format!("{} KB", limit >> 10)
            }
        )
    };
    let metadata = std::fs::metadata(path).map_err(failed)?;
    if !metadata.is_file() {
        return Err(format!(
            "{}: not a regular file; not checked",
            path.display()
        ));
    }
    if metadata.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)
        .and_then(|file| file.take(limit + 1).read_to_end(&mut bytes))
        .map_err(failed)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// `path: reason` for an error of the directory walk.
fn walk_error(error: &ignore::Error) -> String {
    match error {
        ignore::Error::WithPath { path, err } => {
            format!("{}: {}", path.display(), walk_error(err))
        }
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err)
        }
        ignore::Error::Io(io) => io_message(io),
        other => other.to_string(),
    }
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
                let (text, unreadable) = match read_config(config_path) {
                    Ok(text) => (text, None),
                    Err(message) => (String::new(), Some(message)),
                };
                let display = config_path.display().to_string();
                let mut loaded = Config::load(Some((&display, &text)), None);
                // A config file that cannot be read is a diagnostic on it; defaults apply.
                if let Some(message) = unreadable {
                    loaded.file_diagnostics.push(Diagnostic {
                        code: RuleCode::InvalidConfig,
                        severity: Severity::Error,
                        range: TextRange::empty(0),
                        message: message.into(),
                        fixes: Vec::new(),
                        related: Vec::new(),
                    });
                }
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
