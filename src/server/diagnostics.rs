//! Diagnostics, pushed and pulled. Pushes are debounced and versioned: a task per change waits,
//! checks its revision is still current, analyses, and publishes under a lock that re-checks,
//! so an older result is never published after a newer one.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::Client;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;

use super::config::ConfigFile;
use super::convert::{self, Findings, Lines, path_to_uri, uri_to_path};
use super::state::Shared;
use crate::text::{LineIndex, PositionEncoding};

/// Publishes the diagnostics of `revision` after `delay`, unless the document changed since.
pub fn schedule(shared: Arc<Shared>, client: Client, uri: Uri, revision: u64, delay: Duration) {
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if !shared.lock().is_current(&uri, revision) {
            return;
        }
        let Some(snapshot) = shared.snapshot(&uri).await else {
            return;
        };
        if snapshot.revision != revision {
            return;
        }
        let _guard = shared.publish_lock.lock().await;
        {
            let state = shared.lock();
            if !state.is_current(&uri, revision)
                || state.configs.server_settings.push_diagnostics == Some(false)
            {
                return;
            }
        }
        publish(
            &shared,
            &client,
            &uri,
            Findings::Snapshot(&snapshot),
            snapshot.version,
        )
        .await;
        super::memory::release_after();
    });
}

/// Sends one `publishDiagnostics`; call under `publish_lock`. On stdio the message is
/// serialised straight to the output (see `output.rs`); otherwise (tests driving the service
/// in-process) it goes through the library's client.
async fn publish(
    shared: &Shared,
    client: &Client,
    uri: &Uri,
    findings: Findings<'_>,
    version: Option<i32>,
) {
    if let Some(output) = shared.output.get() {
        let message = convert::PublishDiagnostics {
            uri,
            version,
            diagnostics: findings,
        };
        if !output.send_with(|bytes| message.write_json(bytes)) {
            tracing::warn!(
                "diagnostics of {} not sent: the output is closed",
                uri.as_str()
            );
        }
        return;
    }
    let diagnostics = match findings {
        Findings::Snapshot(snapshot) => convert::diagnostics(snapshot),
        Findings::Converted(items) => items.to_vec(),
    };
    client
        .publish_diagnostics(uri.clone(), diagnostics, version)
        .await;
}

/// Clears a closed document's diagnostics.
pub async fn clear(shared: &Shared, client: &Client, uri: Uri) {
    let _guard = shared.publish_lock.lock().await;
    publish(shared, client, &uri, Findings::Converted(&[]), None).await;
}

/// A config file's problems as LSP diagnostics on that file.
pub fn config_diagnostics(
    file: &ConfigFile,
    uri: &Uri,
    encoding: PositionEncoding,
) -> Vec<lsp::Diagnostic> {
    let index = LineIndex::new(&file.text);
    let lines = Lines {
        text: &file.text,
        index: &index,
        encoding,
    };
    file.diagnostics
        .iter()
        .map(|d| convert::diagnostic(lines, uri, d))
        .collect()
}

/// Publishes the problems of every config file whose text changed since the last publish, and
/// clears those of files that are gone.
pub async fn publish_config_diagnostics(shared: &Shared, client: &Client) {
    let mut batch: Vec<(Uri, Vec<lsp::Diagnostic>)> = Vec::new();
    {
        let mut state = shared.lock();
        let encoding = state.encoding;
        let mut published = std::mem::take(&mut state.published_configs);
        for (path, file) in state.configs.files() {
            if published.get(path).is_some_and(|text| *text == file.text) {
                continue;
            }
            if let Some(uri) = path_to_uri(path) {
                batch.push((uri.clone(), config_diagnostics(file, &uri, encoding)));
            }
            published.insert(path.clone(), file.text.clone());
        }
        published.retain(|path, _| {
            let present = state.configs.file(path).is_some();
            if !present && let Some(uri) = path_to_uri(path) {
                batch.push((uri, Vec::new()));
            }
            present
        });
        state.published_configs = published;
    }
    if batch.is_empty() {
        return;
    }
    let _guard = shared.publish_lock.lock().await;
    for (uri, diagnostics) in batch {
        publish(
            shared,
            client,
            &uri,
            Findings::Converted(&diagnostics),
            None,
        )
        .await;
    }
}

/// `textDocument/diagnostic`: the document's findings, or a config file's problems.
pub async fn pull(
    shared: &Shared,
    params: lsp::DocumentDiagnosticParams,
) -> lsp::DocumentDiagnosticReportResult {
    let uri = params.text_document.uri;
    let full = |result_id: Option<String>, items: Vec<lsp::Diagnostic>| {
        lsp::DocumentDiagnosticReportResult::Report(lsp::DocumentDiagnosticReport::Full(
            lsp::RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id,
                    items,
                },
            },
        ))
    };
    if let Some(path) = uri_to_path(&uri)
        && super::config::is_config_path(&path)
    {
        return full(None, config_items(shared, &path, &uri));
    }
    let Some(snapshot) = shared.snapshot(&uri).await else {
        return full(None, Vec::new());
    };
    let result_id = format!("{}", snapshot.revision);
    if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        return lsp::DocumentDiagnosticReportResult::Report(
            lsp::DocumentDiagnosticReport::Unchanged(
                lsp::RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: lsp::UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            ),
        );
    }
    full(Some(result_id), convert::diagnostics(&snapshot))
}

fn config_items(shared: &Shared, path: &Path, uri: &Uri) -> Vec<lsp::Diagnostic> {
    let mut state = shared.lock();
    if state.configs.file(path).is_none() {
        state.configs.reload(path);
    }
    let encoding = state.encoding;
    state
        .configs
        .file(path)
        .map(|file| config_diagnostics(file, uri, encoding))
        .unwrap_or_default()
}

/// `workspace/diagnostic`: every open and indexed briefing, and every config file.
pub async fn workspace_pull(shared: &Shared) -> lsp::WorkspaceDiagnosticReportResult {
    let mut items = Vec::new();
    for snapshot in shared.workspace_snapshots().await {
        items.push(lsp::WorkspaceDocumentDiagnosticReport::Full(
            lsp::WorkspaceFullDocumentDiagnosticReport {
                uri: snapshot.uri.clone(),
                version: snapshot.version.map(i64::from),
                full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                    result_id: Some(format!("{}", snapshot.revision)),
                    items: convert::diagnostics(&snapshot),
                },
            },
        ));
    }
    {
        let state = shared.lock();
        for (path, file) in state.configs.files() {
            if let Some(uri) = path_to_uri(path) {
                items.push(lsp::WorkspaceDocumentDiagnosticReport::Full(
                    lsp::WorkspaceFullDocumentDiagnosticReport {
                        version: None,
                        full_document_diagnostic_report: lsp::FullDocumentDiagnosticReport {
                            result_id: None,
                            items: config_diagnostics(file, &uri, state.encoding),
                        },
                        uri,
                    },
                ));
            }
        }
    }
    lsp::WorkspaceDiagnosticReportResult::Report(lsp::WorkspaceDiagnosticReport { items })
}
