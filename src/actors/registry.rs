//! Merging registries by id and resolving references (SPEC §2.4, §3).

use crate::fast_hash::FastMap;

use super::ActorDefinition;
use super::matcher::{NameMatch, NameMatcher};

/// A set of actor definitions with one name matcher, built once and shared (the built-in
/// gazetteer plus a workspace's `briefing.toml`).
#[derive(Debug)]
pub struct Registry {
    actors: Vec<ActorDefinition>,
    by_id: FastMap<String, usize>,
    /// Lowercased names and aliases, for resolving `@ref`.
    by_name: FastMap<String, usize>,
    matcher: NameMatcher,
}

impl Registry {
    /// Later definitions override earlier ones with the same id.
    pub fn new(definitions: impl IntoIterator<Item = ActorDefinition>) -> Registry {
        let mut actors: Vec<ActorDefinition> = Vec::new();
        let mut by_id: FastMap<String, usize> = FastMap::default();
        for definition in definitions {
            let key = definition.id.to_lowercase();
            match by_id.get(&key) {
                Some(&index) => actors[index] = definition,
                None => {
                    by_id.insert(key, actors.len());
                    actors.push(definition);
                }
            }
        }
        let mut by_name = FastMap::default();
        let mut names = Vec::new();
        for (index, actor) in actors.iter().enumerate() {
            for name in std::iter::once(&actor.name).chain(&actor.aliases) {
                by_name.entry(lookup_key(name)).or_insert(index);
                names.push((name.clone(), index));
            }
        }
        let matcher = NameMatcher::new(names);
        Registry {
            actors,
            by_id,
            by_name,
            matcher,
        }
    }

    pub fn actors(&self) -> &[ActorDefinition] {
        &self.actors
    }

    pub fn get(&self, id: &str) -> Option<&ActorDefinition> {
        // Ids are usually written in lowercase already: look up without allocating first.
        let index = match self.by_id.get(id) {
            Some(index) => Some(index),
            None if id.bytes().any(|b| b.is_ascii_uppercase()) || !id.is_ascii() => {
                self.by_id.get(&id.to_lowercase())
            }
            None => None,
        };
        index.map(|&i| &self.actors[i])
    }

    /// Resolves a reference: ids first, then names and aliases, case-insensitively, with `-`
    /// standing for a space (`@turkey` finds Türkiye through its alias "Turkey").
    pub fn resolve(&self, reference: &str) -> Option<&ActorDefinition> {
        if let Some(actor) = self.get(reference) {
            return Some(actor);
        }
        let key = lookup_key(&reference.replace('-', " "));
        self.by_name
            .get(&key)
            .or_else(|| self.by_name.get(&lookup_key(reference)))
            .map(|&i| &self.actors[i])
    }

    fn find_names(&self, prose: &str) -> Vec<NameMatch> {
        let mut found = Vec::new();
        self.matcher.find_all(prose, &mut found);
        found
    }
}

fn lookup_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// A name found in prose by [`ActorSet::find_matches`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActorMatch {
    /// The document's own definitions (front matter), not the shared registry.
    own: bool,
    actor: u32,
    pub range: crate::text::TextRange,
}

impl ActorMatch {
    fn new(own: bool, found: NameMatch) -> ActorMatch {
        ActorMatch {
            own,
            actor: found.actor as u32,
            range: found.range,
        }
    }

    /// The same match in a text that starts `by` bytes later (`by` may be negative).
    pub fn shifted(self, by: isize) -> ActorMatch {
        let shift = |offset: usize| offset.wrapping_add_signed(by);
        ActorMatch {
            range: crate::text::TextRange::new(shift(self.range.start), shift(self.range.end)),
            ..self
        }
    }
}

/// The actors one document can see: the shared registry plus the document's own front-matter
/// definitions, which override by id.
pub struct ActorSet<'a> {
    base: &'a Registry,
    overlay: Option<Registry>,
}

impl<'a> ActorSet<'a> {
    pub fn new(base: &'a Registry, inline: &[ActorDefinition]) -> ActorSet<'a> {
        let overlay = (!inline.is_empty()).then(|| Registry::new(inline.iter().cloned()));
        ActorSet { base, overlay }
    }

    pub fn get(&self, id: &str) -> Option<&ActorDefinition> {
        self.overlay
            .as_ref()
            .and_then(|o| o.get(id))
            .or_else(|| self.base.get(id))
    }

    pub fn resolve(&self, reference: &str) -> Option<&ActorDefinition> {
        self.overlay
            .as_ref()
            .and_then(|o| o.resolve(reference))
            .or_else(|| self.base.resolve(reference))
    }

    /// Every actor defined in either layer (overlay first).
    pub fn all(&self) -> impl Iterator<Item = &ActorDefinition> {
        let overlay = self.overlay.iter().flat_map(|o| o.actors.iter());
        let base = self
            .base
            .actors
            .iter()
            .filter(|a| self.overlay.as_ref().is_none_or(|o| o.get(&a.id).is_none()));
        overlay.chain(base)
    }

    /// Implicit mentions in `prose`: (actor id, range), in order. Where an overlay name and a
    /// base name overlap, the overlay's wins.
    pub fn find_names(&self, prose: &str) -> Vec<(String, crate::text::TextRange)> {
        self.find_matches(prose)
            .into_iter()
            .map(|m| (self.id_of(m).to_owned(), m.range))
            .collect()
    }

    /// [`Self::find_names`] without the ids: cheap to keep and copy (see [`Self::id_of`]).
    pub fn find_matches(&self, prose: &str) -> Vec<ActorMatch> {
        let base = self.base.find_names(prose);
        let Some(overlay) = &self.overlay else {
            return base
                .into_iter()
                .map(|m| ActorMatch::new(false, m))
                .collect();
        };
        let own = overlay.find_names(prose);
        let mut merged: Vec<ActorMatch> = own.iter().map(|m| ActorMatch::new(true, *m)).collect();
        for m in base {
            // `own` is sorted and non-overlapping, so a binary search finds the only candidate.
            let candidate = own.partition_point(|o| o.range.end <= m.range.start);
            if !own
                .get(candidate)
                .is_some_and(|o| o.range.overlaps(m.range))
            {
                merged.push(ActorMatch::new(false, m));
            }
        }
        merged.sort_by_key(|m| m.range.start);
        merged
    }

    /// Whether names can be matched in the pieces of prose between two spaces in a row, one
    /// piece at a time, with the same result as in the whole prose.
    pub fn splits_at_double_spaces(&self) -> bool {
        self.base.matcher.splits_at_double_spaces()
            && self
                .overlay
                .as_ref()
                .is_none_or(|o| o.matcher.splits_at_double_spaces())
    }

    /// The id of the actor a match found.
    pub fn id_of(&self, found: ActorMatch) -> &str {
        let registry = match (&self.overlay, found.own) {
            (Some(overlay), true) => overlay,
            _ => self.base,
        };
        &registry.actors[found.actor as usize].id
    }
}
