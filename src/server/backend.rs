//! The `LanguageServer` implementation: protocol plumbing only. Feature code lives in the
//! sibling modules, runs synchronously on a snapshot, and is wrapped in `guard` so a panic
//! answers that one request with an error and the server keeps serving.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;
use tower_lsp_server::{Client, LanguageServer};

use super::config::{briefing_section, is_config_path};
use super::convert::uri_to_path;
use super::guard::guard;
use super::state::{Shared, Snapshot};
use super::{
    actions, capabilities, completion, diagnostics, hover, navigation, rename, semantic, symbols,
    sync, workspace,
};

pub struct Backend {
    client: Client,
    shared: Arc<Shared>,
}

/// Params of the `briefing/documentText` request.
#[derive(Deserialize, Serialize, Debug)]
pub struct DocumentTextParams {
    pub uri: Uri,
}

#[derive(Deserialize, Serialize, Debug, PartialEq, Eq)]
pub struct DocumentTextResult {
    pub version: i32,
    pub text: String,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            shared: Arc::new(Shared::new()),
        }
    }

    pub(crate) fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// The server's copy of an open document, for tests and debugging.
    pub async fn document_text(
        &self,
        params: DocumentTextParams,
    ) -> Result<Option<DocumentTextResult>> {
        let state = self.shared.lock();
        Ok(state
            .documents
            .get(&params.uri)
            .map(|d| DocumentTextResult {
                version: d.version,
                text: d.rope.to_string(),
            }))
    }

    async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        self.shared.snapshot(uri).await
    }

    fn spawn_diagnostics(&self, uri: Uri, revision: u64, delay: Duration) {
        diagnostics::schedule(
            Arc::clone(&self.shared),
            self.client.clone(),
            uri,
            revision,
            delay,
        );
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: lsp::InitializeParams) -> Result<lsp::InitializeResult> {
        let encoding = capabilities::negotiate_encoding(&params);
        let mut folders: Vec<std::path::PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_to_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(uri_to_path)
        {
            folders.push(root);
        }
        {
            let mut state = self.shared.lock();
            state.encoding = encoding;
            state.client = capabilities::client_flags(&params.capabilities);
            self.shared.initialized.store(true, Ordering::SeqCst);
            state.folders = folders;
            state
                .configs
                .set_settings(briefing_section(params.initialization_options.as_ref()));
        }
        tracing::info!("initialized with {encoding:?} positions");
        Ok(lsp::InitializeResult {
            capabilities: capabilities::server_capabilities(encoding),
            server_info: Some(lsp::ServerInfo {
                name: "briefing-lsp".to_owned(),
                version: Some(env!("CARGO_PKG_VERSION").to_owned()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: lsp::InitializedParams) {
        // Requests to the client run in a task: a handler that waits for the client would keep
        // the server alive after `exit` when the client never answers.
        tokio::spawn(workspace::start(
            Arc::clone(&self.shared),
            self.client.clone(),
        ));
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: lsp::DidOpenTextDocumentParams) {
        let document = params.text_document;
        let path = uri_to_path(&document.uri);
        if let Some(config_path) = path.as_deref().filter(|p| is_config_path(p)) {
            {
                let mut state = self.shared.lock();
                if state.configs.file(config_path).is_none() {
                    state.configs.reload(config_path);
                }
            }
            diagnostics::publish_config_diagnostics(&self.shared, &self.client).await;
            return;
        }
        // Like every change to the state, under `guard`: a panic leaves the document unopened
        // and the server serving (the lock recovers from poisoning).
        let opened = guard("didOpen", || {
            sync::open(&mut self.shared.lock(), &document, path)
        });
        let Ok(revision) = opened else {
            return;
        };
        self.spawn_diagnostics(document.uri, revision, Duration::ZERO);
        diagnostics::publish_config_diagnostics(&self.shared, &self.client).await;
    }

    async fn did_change(&self, params: lsp::DidChangeTextDocumentParams) {
        // The whole mutation happens here, under the lock, before any `.await`.
        let outcome = guard("didChange", || {
            sync::change(&mut self.shared.lock(), &params)
        });
        let uri = params.text_document.uri;
        match outcome {
            Ok(Some((revision, delay))) => self.spawn_diagnostics(uri, revision, delay),
            Ok(None) => tracing::warn!(
                "didChange for a document that is not open: {}",
                uri.as_str()
            ),
            Err(_) => {}
        }
    }

    async fn did_save(&self, params: lsp::DidSaveTextDocumentParams) {
        if let Some(path) = uri_to_path(&params.text_document.uri)
            && is_config_path(&path)
        {
            workspace::config_files_changed(
                Arc::clone(&self.shared),
                self.client.clone(),
                vec![path],
            )
            .await;
        }
    }

    async fn did_close(&self, params: lsp::DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let removed = self.shared.lock().documents.remove(&uri);
        if let Some(document) = removed {
            diagnostics::clear(&self.shared, &self.client, uri).await;
            if let Some(path) = document.path {
                tokio::spawn(workspace::refresh_file(Arc::clone(&self.shared), path));
            }
        }
    }

    async fn did_change_configuration(&self, params: lsp::DidChangeConfigurationParams) {
        let pull = self.shared.lock().client.configuration;
        let changed = match params.settings.get("briefing").filter(|s| s.is_object()) {
            Some(section) => workspace::set_settings(&self.shared, Some(section.clone())),
            None if pull => {
                let (shared, client) = (Arc::clone(&self.shared), self.client.clone());
                tokio::spawn(async move {
                    if workspace::pull_settings(&shared, &client).await {
                        workspace::refresh_all(shared, client).await;
                    }
                });
                false
            }
            None if params.settings.is_object() => {
                workspace::set_settings(&self.shared, briefing_section(Some(&params.settings)))
            }
            None => false,
        };
        if changed {
            workspace::refresh_all(Arc::clone(&self.shared), self.client.clone()).await;
        }
    }

    async fn did_change_watched_files(&self, params: lsp::DidChangeWatchedFilesParams) {
        workspace::watched_files_changed(
            Arc::clone(&self.shared),
            self.client.clone(),
            params.changes,
        )
        .await;
    }

    async fn did_change_workspace_folders(&self, params: lsp::DidChangeWorkspaceFoldersParams) {
        sync::update_folders(&mut self.shared.lock(), &params.event);
        tokio::spawn(workspace::index_workspace(
            Arc::clone(&self.shared),
            self.client.clone(),
        ));
    }

    async fn hover(&self, params: lsp::HoverParams) -> Result<Option<lsp::Hover>> {
        let position = params.text_document_position_params;
        let Some(snapshot) = self.snapshot(&position.text_document.uri).await else {
            return Ok(None);
        };
        guard("hover", || hover::hover(&snapshot, position.position))
    }

    async fn document_symbol(
        &self,
        params: lsp::DocumentSymbolParams,
    ) -> Result<Option<lsp::DocumentSymbolResponse>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let hierarchical = self.shared.lock().client.hierarchical_symbols;
        guard("documentSymbol", || {
            Some(if hierarchical {
                snapshot
                    .outline
                    .get_or_init(|| symbols::document_symbols(&snapshot))
                    .clone()
            } else {
                symbols::flat_document_symbols(&snapshot)
            })
        })
    }

    async fn symbol(
        &self,
        params: lsp::WorkspaceSymbolParams,
    ) -> Result<Option<lsp::WorkspaceSymbolResponse>> {
        let workspace = self.shared.workspace_snapshots().await;
        guard("workspace/symbol", || {
            Some(lsp::WorkspaceSymbolResponse::Flat(
                symbols::workspace_symbols(&workspace, &params.query),
            ))
        })
    }

    async fn goto_definition(
        &self,
        params: lsp::GotoDefinitionParams,
    ) -> Result<Option<lsp::GotoDefinitionResponse>> {
        let position = params.text_document_position_params;
        let Some(snapshot) = self.snapshot(&position.text_document.uri).await else {
            return Ok(None);
        };
        guard("definition", || {
            navigation::definition(&snapshot, position.position)
                .map(lsp::GotoDefinitionResponse::Scalar)
        })
    }

    async fn references(&self, params: lsp::ReferenceParams) -> Result<Option<Vec<lsp::Location>>> {
        references(&self.shared, params).await
    }

    async fn document_highlight(
        &self,
        params: lsp::DocumentHighlightParams,
    ) -> Result<Option<Vec<lsp::DocumentHighlight>>> {
        let position = params.text_document_position_params;
        let Some(snapshot) = self.snapshot(&position.text_document.uri).await else {
            return Ok(None);
        };
        guard("documentHighlight", || {
            Some(navigation::highlights(&snapshot, position.position))
        })
    }

    async fn prepare_rename(
        &self,
        params: lsp::TextDocumentPositionParams,
    ) -> Result<Option<lsp::PrepareRenameResponse>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guard("prepareRename", || {
            rename::prepare_rename(&snapshot, params.position)
        })?
    }

    async fn rename(&self, params: lsp::RenameParams) -> Result<Option<lsp::WorkspaceEdit>> {
        let position = params.text_document_position;
        let Some(snapshot) = self.snapshot(&position.text_document.uri).await else {
            return Ok(None);
        };
        let workspace = self.shared.workspace_snapshots().await;
        guard("rename", || {
            rename::rename(&snapshot, &workspace, position.position, &params.new_name)
        })?
    }

    async fn folding_range(
        &self,
        params: lsp::FoldingRangeParams,
    ) -> Result<Option<Vec<lsp::FoldingRange>>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guard("foldingRange", || Some(symbols::folding_ranges(&snapshot)))
    }

    async fn document_link(
        &self,
        params: lsp::DocumentLinkParams,
    ) -> Result<Option<Vec<lsp::DocumentLink>>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guard("documentLink", || {
            Some(navigation::document_links(&snapshot))
        })
    }

    async fn completion(
        &self,
        params: lsp::CompletionParams,
    ) -> Result<Option<lsp::CompletionResponse>> {
        completion(&self.shared, params).await
    }

    async fn completion_resolve(&self, item: lsp::CompletionItem) -> Result<lsp::CompletionItem> {
        let uri = self
            .shared
            .last_completion
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        let snapshot = match uri {
            Some(uri) => self.snapshot(&uri).await,
            None => None,
        };
        guard("completionItem/resolve", || {
            completion::resolve(snapshot.as_deref(), item)
        })
    }

    async fn code_action(
        &self,
        params: lsp::CodeActionParams,
    ) -> Result<Option<lsp::CodeActionResponse>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guard("codeAction", || {
            Some(actions::code_actions(&snapshot, params.range))
        })
    }

    async fn semantic_tokens_full(
        &self,
        params: lsp::SemanticTokensParams,
    ) -> Result<Option<lsp::SemanticTokensResult>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guard("semanticTokens/full", || {
            Some(lsp::SemanticTokensResult::Tokens(semantic::tokens(
                &snapshot, None,
            )))
        })
    }

    async fn semantic_tokens_range(
        &self,
        params: lsp::SemanticTokensRangeParams,
    ) -> Result<Option<lsp::SemanticTokensRangeResult>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guard("semanticTokens/range", || {
            Some(lsp::SemanticTokensRangeResult::Tokens(semantic::tokens(
                &snapshot,
                Some(params.range),
            )))
        })
    }

    async fn inlay_hint(
        &self,
        params: lsp::InlayHintParams,
    ) -> Result<Option<Vec<lsp::InlayHint>>> {
        let Some(snapshot) = self.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        guard("inlayHint", || {
            Some(semantic::inlay_hints(&snapshot, params.range))
        })
    }

    async fn diagnostic(
        &self,
        params: lsp::DocumentDiagnosticParams,
    ) -> Result<lsp::DocumentDiagnosticReportResult> {
        Ok(diagnostics::pull(&self.shared, params).await)
    }

    async fn workspace_diagnostic(
        &self,
        _: lsp::WorkspaceDiagnosticParams,
    ) -> Result<lsp::WorkspaceDiagnosticReportResult> {
        Ok(diagnostics::workspace_pull(&self.shared).await)
    }
}

/// `textDocument/references` (also answered directly on stdio, `direct.rs`).
pub async fn references(
    shared: &Shared,
    params: lsp::ReferenceParams,
) -> Result<Option<Vec<lsp::Location>>> {
    let position = params.text_document_position;
    let Some(snapshot) = shared.snapshot(&position.text_document.uri).await else {
        return Ok(None);
    };
    let open = shared.open_snapshots().await;
    let include = params.context.include_declaration;
    let indexed = |id: &str| shared.lock().indexed_actor_refs(id);
    guard("references", || {
        Some(navigation::references(
            &snapshot,
            &open,
            indexed,
            position.position,
            include,
        ))
    })
}

/// `textDocument/completion` (also answered directly on stdio, `direct.rs`).
pub async fn completion(
    shared: &Shared,
    params: lsp::CompletionParams,
) -> Result<Option<lsp::CompletionResponse>> {
    let position = params.text_document_position;
    let Some(snapshot) = shared.snapshot(&position.text_document.uri).await else {
        return Ok(None);
    };
    *shared
        .last_completion
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) =
        Some(position.text_document.uri.clone());
    guard("completion", || {
        let items = completion::completion(&snapshot, position.position);
        (!items.is_empty()).then_some(lsp::CompletionResponse::Array(items))
    })
}
