//! Text synchronisation: the mutations of `didOpen`, `didChange` and workspace-folder changes.
//! Each runs entirely under the state lock, before the handler awaits anything, so edits apply
//! in arrival order even though handlers run concurrently (ARCHITECTURE.md habit 6).

use std::path::PathBuf;
use std::time::Duration;

use tower_lsp_server::ls_types as lsp;

use super::convert::{file_name, uri_to_path};
use super::documents::OpenDocument;
use super::state::State;

/// Opens (or re-opens) a document; returns its revision.
pub fn open(state: &mut State, document: &lsp::TextDocumentItem, path: Option<PathBuf>) -> u64 {
    let revision = state.next_revision();
    // Load the governing config now, so its problems are published with the document.
    let _ = state.configs.config_for(path.as_deref());
    let open = OpenDocument::new(
        &document.text,
        document.version,
        revision,
        path,
        file_name(&document.uri),
    );
    state.documents.insert(document.uri.clone(), open);
    revision
}

/// Applies the changes in order; returns the new revision and the debounce before the
/// diagnostics, or `None` when the document is not open.
pub fn change(
    state: &mut State,
    params: &lsp::DidChangeTextDocumentParams,
) -> Option<(u64, Duration)> {
    let encoding = state.encoding;
    let revision = state.next_revision();
    let document = state.documents.get_mut(&params.text_document.uri)?;
    for change in &params.content_changes {
        document.apply(change, encoding);
    }
    document.version = params.text_document.version;
    document.revision = revision;
    let path = document.path.clone();
    let delay = state.configs.config_for(path.as_deref()).0.debounce_ms;
    Some((revision, Duration::from_millis(delay)))
}

pub fn update_folders(state: &mut State, event: &lsp::WorkspaceFoldersChangeEvent) {
    let removed: Vec<PathBuf> = event
        .removed
        .iter()
        .filter_map(|f| uri_to_path(&f.uri))
        .collect();
    state.folders.retain(|f| !removed.contains(f));
    for added in event.added.iter().filter_map(|f| uri_to_path(&f.uri)) {
        if !state.folders.contains(&added) {
            state.folders.push(added);
        }
    }
}
