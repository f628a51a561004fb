//! The workspace: briefings of the workspace folders indexed from disk in the background (with
//! `$/progress`), editor settings, and reactions to `briefing.toml` changes.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;

use super::config::{briefing_section, is_config_path};
use super::convert::{file_name, path_to_uri};
use super::diagnostics;
use super::state::{PendingAnalysis, Shared, Snapshot};
use crate::cli::{Workspace, collect_briefings, read_briefing};

/// More files than this in the workspace folders are not indexed (the folder is probably not
/// a folder of briefings).
const MAX_INDEXED_FILES: usize = 10_000;

/// How long the server waits for the client to answer one of its requests.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

/// After `initialized`: register the file watchers, fetch the settings, index the workspace.
pub async fn start(shared: Arc<Shared>, client: Client) {
    let flags = shared.lock().client;
    if flags.watched_files_dynamic {
        let registration = super::capabilities::watcher_registration();
        let registered = client.register_capability(vec![registration]);
        match tokio::time::timeout(CLIENT_TIMEOUT, registered).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!("could not register file watchers: {error}"),
            Err(_) => tracing::warn!("client/registerCapability: no answer from the client"),
        }
    }
    if pull_settings(&shared, &client).await {
        refresh_all(shared, client).await;
    } else {
        index_workspace(shared, client).await;
    }
}

/// Indexes every briefing under the workspace folders, replacing the previous index.
pub async fn index_workspace(shared: Arc<Shared>, client: Client) {
    let (folders, with_progress, generation) = {
        let mut state = shared.lock();
        state.index_generation += 1;
        (
            state.folders.clone(),
            state.client.work_done_progress,
            state.index_generation,
        )
    };
    if folders.is_empty() {
        return;
    }
    let files = tokio::task::spawn_blocking(move || {
        let (files, errors) = collect_briefings(&folders, &mut Workspace::default());
        // Unreadable folders and entries are skipped, each with a log line.
        for error in errors {
            tracing::warn!("not indexed: {error}");
        }
        files
    })
    .await
    .unwrap_or_default();
    let total = files.len().min(MAX_INDEXED_FILES);
    if files.len() > MAX_INDEXED_FILES {
        tracing::warn!(
            "{} files in the workspace; indexing the first {MAX_INDEXED_FILES}",
            files.len()
        );
    }
    let progress = if with_progress {
        let token = lsp::ProgressToken::String(format!("briefing-index-{generation}"));
        match client.create_work_done_progress(token.clone()).await {
            Ok(()) => Some(
                client
                    .progress(token, "Indexing briefings")
                    .with_percentage(0)
                    .with_message(format!("0/{total}"))
                    .begin()
                    .await,
            ),
            Err(error) => {
                tracing::debug!("no progress reporting: {error}");
                None
            }
        }
    } else {
        None
    };
    // Files are read and analysed on every core at once: each analysis is independent, and
    // one at a time left a core idle for the whole indexing run.
    let concurrency = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut pending_files = files.into_iter().take(MAX_INDEXED_FILES);
    let mut running = tokio::task::JoinSet::new();
    let mut indexed: HashSet<lsp::Uri> = HashSet::with_capacity(total);
    let mut done = 0;
    loop {
        while running.len() < concurrency && shared.lock().index_generation == generation {
            let Some(path) = pending_files.next() else {
                break;
            };
            let shared = Arc::clone(&shared);
            running.spawn(async move { index_file(&shared, &path).await });
        }
        let Some(result) = running.join_next().await else {
            break;
        };
        if let Ok(Some(snapshot)) = result {
            indexed.insert(snapshot.uri.clone());
            let mut state = shared.lock();
            if state.index_generation == generation {
                state.index_insert(snapshot);
            }
        }
        if let Some(progress) = &progress
            && (done % 16 == 0 || done + 1 == total)
        {
            let percentage = ((done + 1) * 100 / total.max(1)) as u32;
            progress
                .report_with_message(format!("{}/{total}", done + 1), percentage)
                .await;
        }
        done += 1;
    }
    {
        let mut state = shared.lock();
        if state.index_generation == generation {
            state.index_retain(|uri| indexed.contains(uri));
        }
    }
    if let Some(progress) = progress {
        progress
            .finish_with_message(format!("{total} briefings"))
            .await;
    }
    diagnostics::publish_config_diagnostics(&shared, &client).await;
}

/// Reads and analyses one briefing from disk; `None` when it cannot be read.
pub async fn index_file(shared: &Shared, path: &Path) -> Option<Arc<Snapshot>> {
    let uri = path_to_uri(path)?;
    let pending = {
        let mut state = shared.lock();
        let encoding = state.encoding;
        let revision = state.next_revision();
        let (config, config_source) = state.configs.config_for(Some(path));
        PendingAnalysis {
            file_name: file_name(&uri),
            uri,
            version: None,
            revision,
            path: Some(path.to_path_buf()),
            text: String::new(),
            config,
            config_source,
            encoding,
            memo: None,
        }
    };
    let path = path.to_path_buf();
    let result = tokio::task::spawn_blocking(move || {
        let text = read_briefing(&path)
            .map_err(|error| tracing::warn!("not indexed: {error}"))
            .ok()?;
        let snapshot = PendingAnalysis { text, ..pending }.run();
        // References across the workspace read this for every indexed file.
        super::navigation::actor_index(&snapshot);
        Some(snapshot)
    })
    .await;
    match result {
        Ok(snapshot) => snapshot.map(Arc::new),
        Err(error) => {
            tracing::error!("indexing failed: {error}");
            None
        }
    }
}

/// Re-reads one briefing that is not open (after a watcher event or a close).
pub async fn refresh_file(shared: Arc<Shared>, path: PathBuf) {
    let Some(uri) = path_to_uri(&path) else {
        return;
    };
    let in_folders = {
        let state = shared.lock();
        if state.documents.contains_key(&uri) {
            return;
        }
        state.folders.iter().any(|folder| path.starts_with(folder))
    };
    if !in_folders {
        return;
    }
    match index_file(&shared, &path).await {
        Some(snapshot) => {
            shared.lock().index_insert(snapshot);
        }
        None => {
            shared.lock().index_remove(&uri);
        }
    }
}

/// Asks the client for the `briefing` section; returns true when the settings changed.
pub async fn pull_settings(shared: &Shared, client: &Client) -> bool {
    if !shared.lock().client.configuration {
        return false;
    }
    let items = vec![lsp::ConfigurationItem {
        scope_uri: None,
        section: Some("briefing".to_owned()),
    }];
    // A client that never answers must not hold up `initialized` forever.
    let answer = tokio::time::timeout(CLIENT_TIMEOUT, client.configuration(items)).await;
    match answer {
        Ok(Ok(values)) => {
            let Some(section) = briefing_section(values.first()) else {
                return false;
            };
            set_settings(shared, Some(section))
        }
        Ok(Err(error)) => {
            tracing::warn!("workspace/configuration failed: {error}");
            false
        }
        Err(_) => {
            tracing::warn!("workspace/configuration: no answer from the client");
            false
        }
    }
}

/// Replaces the editor settings; returns true when they differ from the current ones.
pub fn set_settings(shared: &Shared, settings: Option<serde_json::Value>) -> bool {
    let mut state = shared.lock();
    if state.configs.settings() == settings.as_ref() {
        return false;
    }
    state.configs.set_settings(settings);
    true
}

/// After any configuration change: re-check every open document, publish the config files'
/// problems, and re-index the workspace.
pub async fn refresh_all(shared: Arc<Shared>, client: Client) {
    let documents = shared.lock().invalidate_all();
    for (uri, revision) in documents {
        diagnostics::schedule(
            Arc::clone(&shared),
            client.clone(),
            uri,
            revision,
            Duration::ZERO,
        );
    }
    diagnostics::publish_config_diagnostics(&shared, &client).await;
    // Settings change hints and tokens too (`inlayHints`, actors); ask the client to re-request.
    let flags = shared.lock().client;
    let refresh_client = client.clone();
    tokio::spawn(async move {
        if flags.inlay_hint_refresh {
            let _ = refresh_client.inlay_hint_refresh().await;
        }
        if flags.semantic_tokens_refresh {
            let _ = refresh_client.semantic_tokens_refresh().await;
        }
    });
    tokio::spawn(index_workspace(shared, client));
}

/// Config files changed on disk (save or watcher): reload them and refresh when needed.
pub async fn config_files_changed(shared: Arc<Shared>, client: Client, paths: Vec<PathBuf>) {
    let changed = {
        let mut state = shared.lock();
        let mut changed = false;
        for path in &paths {
            changed |= state.configs.reload(path);
        }
        changed
    };
    if changed {
        refresh_all(shared, client).await;
    } else {
        diagnostics::publish_config_diagnostics(&shared, &client).await;
    }
}

/// Sorts watcher events into config files and briefings.
pub async fn watched_files_changed(
    shared: Arc<Shared>,
    client: Client,
    changes: Vec<lsp::FileEvent>,
) {
    let mut configs = Vec::new();
    for change in changes {
        let Some(path) = super::convert::uri_to_path(&change.uri) else {
            continue;
        };
        if is_config_path(&path) {
            configs.push(path);
        } else if crate::cli::is_briefing_name(&path.to_string_lossy()) {
            tokio::spawn(refresh_file(Arc::clone(&shared), path));
        }
    }
    if !configs.is_empty() {
        config_files_changed(shared, client, configs).await;
    }
}
