//! The server's shared state: open documents, configuration, the workspace index, and the
//! immutable snapshots features read.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;

use super::actor_refs::{ActorRefs, Files};
use super::config::{ConfigSource, ConfigStore};
use super::convert::path_to_uri;
use super::documents::OpenDocument;
use crate::analysis::{Analysis, Context, analyze, analyze_incremental};
use crate::config::Config;
use crate::rules::memo::SentenceMemo;
use crate::text::PositionEncoding;

/// One analysed version of a document. Features read only this: the text, its analysis and
/// the settings it was analysed with never change once built.
pub struct Snapshot {
    pub uri: Uri,
    /// The client's version for an open document; `None` for a file indexed from disk.
    pub version: Option<i32>,
    /// The server's own counter: bumped by every edit and every configuration change.
    pub revision: u64,
    /// The file's path, when it has one.
    pub path: Option<PathBuf>,
    pub text: String,
    pub analysis: Analysis,
    pub config: Arc<Config>,
    pub config_source: Option<ConfigSource>,
    pub encoding: PositionEncoding,
    /// The hierarchical outline, built on first request: editors ask for it several times
    /// per version (outline view, breadcrumbs, sticky scroll).
    pub outline: OnceLock<lsp::DocumentSymbolResponse>,
    /// Where each actor appears (`navigation::actor_index`): built when a workspace file is
    /// indexed, and on the first request for an open document.
    pub actor_index: OnceLock<super::navigation::ActorIndex>,
    /// The actor completion items (edit range unset), built on the first `@` completion.
    pub completion_actors: OnceLock<Vec<lsp::CompletionItem>>,
}

/// What an analysis needs, copied out of the state so the analysis runs without the lock.
pub struct PendingAnalysis {
    pub uri: Uri,
    pub version: Option<i32>,
    pub revision: u64,
    pub path: Option<PathBuf>,
    pub text: String,
    pub file_name: String,
    pub config: Arc<Config>,
    pub config_source: Option<ConfigSource>,
    pub encoding: PositionEncoding,
    /// An open document's findings per sentence from its previous analysis, so that a
    /// keystroke re-checks only the sentence it changed; `None` for files read from disk.
    pub memo: Option<Arc<Mutex<SentenceMemo>>>,
}

impl PendingAnalysis {
    pub fn run(self) -> Snapshot {
        let context = Context::new(&self.file_name, Arc::clone(&self.config));
        // A memo in use by another analysis of the same document (or left poisoned by a
        // panic) is not waited for: a fresh analysis gives the same result.
        let analysis = match self.memo.as_ref().and_then(|memo| memo.try_lock().ok()) {
            Some(mut memo) => analyze_incremental(&self.text, &context, &mut memo),
            None => analyze(&self.text, &context),
        };
        Snapshot {
            uri: self.uri,
            version: self.version,
            revision: self.revision,
            path: self.path,
            text: self.text,
            analysis,
            config: self.config,
            config_source: self.config_source,
            encoding: self.encoding,
            outline: OnceLock::new(),
            actor_index: OnceLock::new(),
            completion_actors: OnceLock::new(),
        }
    }
}

/// An analysis of one revision that has been started; everyone who needs it awaits `result`.
pub struct InFlight {
    pub revision: u64,
    pending: Mutex<Option<PendingAnalysis>>,
    result: tokio::sync::OnceCell<Option<Arc<Snapshot>>>,
}

pub enum Lookup {
    Ready(Arc<Snapshot>),
    InFlight(Arc<InFlight>),
}

/// What the client said it supports, read once at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientFlags {
    pub watched_files_dynamic: bool,
    pub configuration: bool,
    pub work_done_progress: bool,
    pub hierarchical_symbols: bool,
    pub inlay_hint_refresh: bool,
    pub semantic_tokens_refresh: bool,
}

pub struct State {
    pub encoding: PositionEncoding,
    pub client: ClientFlags,
    pub documents: HashMap<Uri, OpenDocument>,
    pub configs: ConfigStore,
    /// Briefings of the workspace folders read from disk (open documents take precedence);
    /// changed only through `index_insert`, `index_remove` and `index_retain`.
    pub index: HashMap<Uri, Arc<Snapshot>>,
    /// Actor id → where it appears in the indexed files.
    pub actor_refs: ActorRefs,
    pub folders: Vec<PathBuf>,
    /// Bumped by every indexing run, so an outdated run stops and keeps its hands off.
    pub index_generation: u64,
    /// Config files whose problems were published, with the text they were computed from.
    pub published_configs: HashMap<PathBuf, String>,
    next_revision: u64,
}

impl State {
    pub fn new() -> State {
        State {
            encoding: PositionEncoding::Utf16,
            client: ClientFlags::default(),
            documents: HashMap::new(),
            configs: ConfigStore::new(None),
            index: HashMap::new(),
            actor_refs: ActorRefs::default(),
            folders: Vec::new(),
            index_generation: 0,
            published_configs: HashMap::new(),
            next_revision: 1,
        }
    }

    pub fn next_revision(&mut self) -> u64 {
        self.next_revision += 1;
        self.next_revision
    }

    /// Marks every open document as changed (after a configuration change).
    pub fn invalidate_all(&mut self) -> Vec<(Uri, u64)> {
        let uris: Vec<Uri> = self.documents.keys().cloned().collect();
        uris.into_iter()
            .map(|uri| {
                let revision = self.next_revision();
                if let Some(document) = self.documents.get_mut(&uri) {
                    document.revision = revision;
                }
                (uri, revision)
            })
            .collect()
    }

    /// The cached snapshot of an open document when it is current, else the analysis of its
    /// current revision in flight (created here when nobody has started it yet).
    pub fn lookup(&mut self, uri: &Uri) -> Option<Lookup> {
        let encoding = self.encoding;
        let document = self.documents.get(uri)?;
        if let Some(latest) = &document.latest
            && latest.revision == document.revision
        {
            return Some(Lookup::Ready(Arc::clone(latest)));
        }
        if let Some(in_flight) = &document.in_flight
            && in_flight.revision == document.revision
        {
            return Some(Lookup::InFlight(Arc::clone(in_flight)));
        }
        let path = document.path.clone();
        let (config, config_source) = self.configs.config_for(path.as_deref());
        let document = self.documents.get_mut(uri)?;
        let pending = PendingAnalysis {
            uri: uri.clone(),
            version: Some(document.version),
            revision: document.revision,
            path,
            text: document.rope.to_string(),
            file_name: document.file_name.clone(),
            config,
            config_source,
            encoding,
            memo: Some(Arc::clone(&document.memo)),
        };
        let in_flight = Arc::new(InFlight {
            revision: document.revision,
            pending: Mutex::new(Some(pending)),
            result: tokio::sync::OnceCell::new(),
        });
        document.in_flight = Some(Arc::clone(&in_flight));
        Some(Lookup::InFlight(in_flight))
    }

    /// Stores a snapshot if its document has not changed since; returns the one it replaces,
    /// for the caller to drop outside the lock.
    #[must_use = "the replaced snapshot is large: drop it off the publishing path"]
    pub fn store(&mut self, snapshot: &Arc<Snapshot>) -> Option<Arc<Snapshot>> {
        if let Some(document) = self.documents.get_mut(&snapshot.uri)
            && document.revision == snapshot.revision
        {
            document.in_flight = None;
            return document.latest.replace(Arc::clone(snapshot));
        }
        None
    }

    /// Adds or replaces an indexed file.
    pub fn index_insert(&mut self, snapshot: Arc<Snapshot>) {
        if let Some(old) = self
            .index
            .insert(snapshot.uri.clone(), Arc::clone(&snapshot))
        {
            self.actor_refs.remove(&old);
        }
        self.actor_refs.insert(&snapshot);
    }

    pub fn index_remove(&mut self, uri: &Uri) {
        if let Some(old) = self.index.remove(uri) {
            self.actor_refs.remove(&old);
        }
    }

    /// Keeps the indexed files `keep` says yes to.
    pub fn index_retain(&mut self, keep: impl Fn(&Uri) -> bool) {
        let gone: Vec<Uri> = self.index.keys().filter(|u| !keep(u)).cloned().collect();
        for uri in gone {
            self.index_remove(&uri);
        }
    }

    /// The indexed files an actor appears in, and the URIs among them that open documents
    /// shadow (the same URI, or the same path spelled differently).
    pub fn indexed_actor_refs(&self, id: &str) -> (Option<Arc<Files>>, Vec<Uri>) {
        let shadowed = self
            .documents
            .iter()
            .flat_map(|(uri, document)| {
                let by_path = document.path.as_deref().and_then(path_to_uri);
                std::iter::once(uri.clone()).chain(by_path)
            })
            .collect();
        (self.actor_refs.get(id), shadowed)
    }

    pub fn is_current(&self, uri: &Uri, revision: u64) -> bool {
        self.documents
            .get(uri)
            .is_some_and(|d| d.revision == revision)
    }
}

/// Everything handlers and background tasks share.
pub struct Shared {
    state: Mutex<State>,
    /// Serialises "check the version is current, then publish" so an older result can never
    /// be sent after a newer one.
    pub publish_lock: tokio::sync::Mutex<()>,
    pub shutdown_requested: AtomicBool,
    /// Set by `initialize`.
    pub initialized: AtomicBool,
    /// The writer of stdout when serving on stdio (diagnostics are published through it).
    pub output: OnceLock<super::output::Output>,
    /// The document of the last completion, whose actors `completionItem/resolve` describes.
    pub last_completion: Mutex<Option<Uri>>,
}

impl Shared {
    pub fn new() -> Shared {
        Shared {
            state: Mutex::new(State::new()),
            publish_lock: tokio::sync::Mutex::new(()),
            shutdown_requested: AtomicBool::new(false),
            initialized: AtomicBool::new(false),
            output: OnceLock::new(),
            last_completion: Mutex::new(None),
        }
    }

    /// The state lock. A panic elsewhere while it was held leaves the data usable (every
    /// mutation is a single assignment or map operation), so poisoning is ignored.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The current analysis of a document: cached, or computed now on a blocking thread (a
    /// request may arrive before the debounced analysis has run). Documents that are not open
    /// come from the workspace index.
    pub async fn snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let in_flight = {
            let mut state = self.lock();
            match state.lookup(uri) {
                Some(Lookup::Ready(snapshot)) => return Some(snapshot),
                Some(Lookup::InFlight(in_flight)) => in_flight,
                None => return state.index.get(uri).cloned(),
            }
        };
        // Concurrent requests after an edit (hover, tokens, code actions, the debounced
        // diagnostics) share one analysis: the first runs it, the others wait for it. The
        // wait runs in a task of its own: a request cancelled by `$/cancelRequest` drops only
        // its handle, and the analysis it started still completes for the others (before,
        // the dropped initializer had taken the pending analysis with it, and that version
        // was never analysed or published).
        let uri = uri.clone();
        let waiter = tokio::spawn(async move {
            in_flight
                .result
                .get_or_init(|| async {
                    let pending = in_flight
                        .pending
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .take()?;
                    match tokio::task::spawn_blocking(move || pending.run()).await {
                        Ok(snapshot) => Some(Arc::new(snapshot)),
                        Err(error) => {
                            tracing::error!("analysis of {} failed: {error}", uri.as_str());
                            None
                        }
                    }
                })
                .await
                .clone()
        });
        let result = waiter.await.ok().flatten()?;
        let replaced = self.lock().store(&result);
        // Freeing a large briefing's analysis takes a millisecond or more: not on the way to
        // publishing the new one.
        if let Some(replaced) = replaced {
            tokio::task::spawn_blocking(move || drop(replaced));
        }
        Some(result)
    }

    /// The current snapshots of the open documents.
    pub async fn open_snapshots(&self) -> Vec<Arc<Snapshot>> {
        let open: Vec<Uri> = self.lock().documents.keys().cloned().collect();
        let mut out = Vec::with_capacity(open.len());
        for uri in open {
            if let Some(snapshot) = self.snapshot(&uri).await {
                out.push(snapshot);
            }
        }
        out
    }

    /// Every briefing the server knows: open documents (current) and indexed files.
    pub async fn workspace_snapshots(&self) -> Vec<Arc<Snapshot>> {
        let (open, indexed): (Vec<Uri>, Vec<Arc<Snapshot>>) = {
            let state = self.lock();
            let open = state.documents.keys().cloned().collect();
            // Compare paths too: a client may spell a file's URI differently from ours.
            let open_paths: HashSet<&PathBuf> = state
                .documents
                .values()
                .filter_map(|d| d.path.as_ref())
                .collect();
            let indexed = state
                .index
                .values()
                .filter(|s| {
                    !state.documents.contains_key(&s.uri)
                        && !s.path.as_ref().is_some_and(|p| open_paths.contains(p))
                })
                .cloned()
                .collect();
            (open, indexed)
        };
        let mut out = Vec::with_capacity(open.len() + indexed.len());
        for uri in open {
            if let Some(snapshot) = self.snapshot(&uri).await {
                out.push(snapshot);
            }
        }
        out.extend(indexed);
        out
    }
}
