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
    /// base name overlap, the overlay's wins (the document knows best).
    pub fn find_names(&self, prose: &str) -> Vec<(String, crate::text::TextRange)> {
        let base = self.base.find_names(prose);
        let Some(overlay) = &self.overlay else {
            return base
                .into_iter()
                .map(|m| (self.base.actors[m.actor].id.clone(), m.range))
                .collect();
        };
        let own = overlay.find_names(prose);
        let mut merged: Vec<(String, crate::text::TextRange)> = own
            .iter()
            .map(|m| (overlay.actors[m.actor].id.clone(), m.range))
            .collect();
        for m in base {
            // `own` is sorted and non-overlapping, so a binary search finds the only candidate.
            let candidate = own.partition_point(|o| o.range.end <= m.range.start);
            if !own
                .get(candidate)
                .is_some_and(|o| o.range.overlaps(m.range))
            {
                merged.push((self.base.actors[m.actor].id.clone(), m.range));
            }
        }
        merged.sort_by_key(|(_, range)| range.start);
        merged
    }
}
