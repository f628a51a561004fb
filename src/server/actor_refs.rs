//! The workspace's inverted index of actors: actor id → the indexed files that mention or
//! declare it, with the LSP ranges of each place. It is updated when a file is indexed,
//! re-read or dropped, so references across the workspace read one entry instead of visiting
//! every file's analysis and converting positions on the request path.

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;

use super::convert::Lines;
use super::navigation::actor_index;
use super::state::Snapshot;

/// One place an actor appears in an indexed file.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub range: lsp::Range,
    /// A front-matter declaration rather than a mention.
    pub definition: bool,
}

/// The files an actor appears in, each with its places in text order.
pub type Files = HashMap<Uri, Arc<[Place]>>;

#[derive(Default)]
pub struct ActorRefs {
    /// Shared with requests being answered; an update copies a map only while one holds it.
    by_actor: HashMap<String, Arc<Files>>,
}

impl ActorRefs {
    /// Adds the places of an indexed file (after `remove` of its previous snapshot, if any).
    pub fn insert(&mut self, snapshot: &Snapshot) {
        let lines = Lines::of(snapshot);
        for (id, occurrences) in actor_index(snapshot) {
            let places: Arc<[Place]> = occurrences
                .iter()
                .map(|o| Place {
                    range: lines.range(o.range),
                    definition: o.definition,
                })
                .collect();
            let files = match self.by_actor.get_mut(id.as_str()) {
                Some(files) => files,
                None => self.by_actor.entry(id.clone()).or_default(),
            };
            Arc::make_mut(files).insert(snapshot.uri.clone(), places);
        }
    }

    /// Removes the places of an indexed file's snapshot.
    pub fn remove(&mut self, snapshot: &Snapshot) {
        for id in actor_index(snapshot).keys() {
            if let Some(files) = self.by_actor.get_mut(id.as_str()) {
                Arc::make_mut(files).remove(&snapshot.uri);
                if files.is_empty() {
                    self.by_actor.remove(id.as_str());
                }
            }
        }
    }

    /// The indexed files `id` appears in.
    pub fn get(&self, id: &str) -> Option<Arc<Files>> {
        self.by_actor.get(id).cloned()
    }
}
