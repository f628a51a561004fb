//! Definition, references, document highlights and document links (SPEC §6).

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;

use super::actor_refs::Files;
use super::convert::{Lines, path_to_uri};
use super::state::Snapshot;
use super::targets::{Target, links_to, resolve_actor, target_at, word_in};
use crate::actors::ActorOrigin;
use crate::text::{LineIndex, TextRange};

/// One place a target appears; `definition` marks where it is defined or declared.
#[derive(Clone, Copy, Debug)]
pub struct Occurrence {
    pub range: TextRange,
    pub definition: bool,
}

pub fn definition(snapshot: &Snapshot, position: lsp::Position) -> Option<lsp::Location> {
    let lines = Lines::of(snapshot);
    let found = target_at(&snapshot.analysis, &snapshot.text, lines.offset(position))?;
    let document = &snapshot.analysis.document;
    let here =
        |range: TextRange| Some(lsp::Location::new(snapshot.uri.clone(), lines.range(range)));
    match found.target {
        Target::Actor(id) => actor_definition(snapshot, &id),
        Target::Footnote(label) => {
            let definition = document.footnote_defs.iter().find(|d| d.label == label)?;
            here(definition.label_range)
        }
        Target::Citation(key) => {
            let front_matter = document.front_matter.as_ref();
            if let Some(source) =
                front_matter.and_then(|fm| fm.sources.iter().find(|s| s.key == key))
            {
                let line_start = snapshot.text[..source.range.start.min(snapshot.text.len())]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let range = word_in(
                    &snapshot.text,
                    TextRange::new(line_start, source.range.end),
                    &key,
                )
                .unwrap_or(source.range);
                return here(range);
            }
            let source = snapshot.config.sources.iter().find(|s| s.key == key)?;
            config_location(
                snapshot,
                snapshot.config.config_path.as_deref()?,
                source.range,
                &key,
            )
        }
        Target::Section(index) => here(document.sections.get(index)?.title_range),
    }
}

/// Where an actor is defined: its front-matter entry or its `briefing.toml` table.
pub fn actor_definition(snapshot: &Snapshot, id: &str) -> Option<lsp::Location> {
    let actor = snapshot.analysis.actors.get(id)?;
    match &actor.origin {
        ActorOrigin::Builtin => None,
        ActorOrigin::FrontMatter { range } => {
            let range = word_in(&snapshot.text, *range, &actor.id).unwrap_or(*range);
            Some(lsp::Location::new(
                snapshot.uri.clone(),
                Lines::of(snapshot).range(range),
            ))
        }
        ActorOrigin::Workspace { config_path, range } => {
            config_location(snapshot, config_path, *range, "")
        }
    }
}

/// A range in a config file as a location; `word` narrows it when given.
fn config_location(
    snapshot: &Snapshot,
    config_path: &str,
    range: TextRange,
    word: &str,
) -> Option<lsp::Location> {
    let uri = path_to_uri(std::path::Path::new(config_path))?;
    let text: Arc<str> = match &snapshot.config_source {
        Some(source) if source.path.as_os_str() == config_path => Arc::clone(&source.text),
        _ => Arc::from(crate::cli::read_config(std::path::Path::new(config_path)).ok()?),
    };
    let index = LineIndex::new(&text);
    let lines = Lines {
        text: &text,
        index: &index,
        encoding: snapshot.encoding,
    };
    let range = if word.is_empty() {
        range
    } else {
        // A source's range is its value; point at its key on the same line.
        let line = index.line_of(range.start);
        let (start, end) = index.line_range(&text, line);
        word_in(&text, TextRange::new(start, end), word).unwrap_or(range)
    };
    Some(lsp::Location::new(uri, lines.range(range)))
}

/// Where each actor (by id) appears in one snapshot: its mentions and front-matter
/// declarations, in text order.
pub type ActorIndex = HashMap<String, Vec<Occurrence>>;

/// The snapshot's actor index, built on first use.
pub fn actor_index(snapshot: &Snapshot) -> &ActorIndex {
    snapshot
        .actor_index
        .get_or_init(|| build_actor_index(snapshot))
}

fn build_actor_index(snapshot: &Snapshot) -> ActorIndex {
    let analysis = &snapshot.analysis;
    let mut index: ActorIndex = HashMap::new();
    for mention in &analysis.mentions {
        let occurrence = Occurrence {
            range: mention.range,
            definition: false,
        };
        match index.get_mut(mention.actor_id.as_str()) {
            Some(list) => list.push(occurrence),
            None => {
                index.insert(mention.actor_id.clone(), vec![occurrence]);
            }
        }
    }
    if let Some(front_matter) = &analysis.document.front_matter {
        for declared in &front_matter.declared_actors {
            if let Some(id) = resolve_actor(analysis, &declared.reference)
                && let Some(range) = word_in(&snapshot.text, declared.range, &declared.reference)
            {
                index.entry(id).or_default().push(Occurrence {
                    range,
                    definition: true,
                });
            }
        }
    }
    for list in index.values_mut() {
        list.sort_by_key(|o| o.range.start);
        list.shrink_to_fit();
    }
    index
}

/// Every place `target` appears in one snapshot.
pub fn occurrences(snapshot: &Snapshot, target: &Target) -> Vec<Occurrence> {
    let analysis = &snapshot.analysis;
    let document = &analysis.document;
    let mut out = Vec::new();
    let use_at = |range| Occurrence {
        range,
        definition: false,
    };
    let definition_at = |range| Occurrence {
        range,
        definition: true,
    };
    match target {
        Target::Actor(id) => {
            return actor_index(snapshot).get(id).cloned().unwrap_or_default();
        }
        Target::Footnote(label) => {
            out.extend(
                document
                    .footnote_refs
                    .iter()
                    .filter(|r| &r.label == label)
                    .map(|r| use_at(r.range)),
            );
            out.extend(
                document
                    .footnote_defs
                    .iter()
                    .filter(|d| &d.label == label)
                    .map(|d| definition_at(d.label_range)),
            );
        }
        Target::Citation(key) => {
            for citation in &document.citations {
                out.extend(
                    citation
                        .keys
                        .iter()
                        .filter(|(k, _)| k == key)
                        .map(|(_, r)| use_at(*r)),
                );
            }
            if let Some(front_matter) = &document.front_matter {
                for source in front_matter.sources.iter().filter(|s| &s.key == key) {
                    let line_start = snapshot.text[..source.range.start.min(snapshot.text.len())]
                        .rfind('\n')
                        .map_or(0, |i| i + 1);
                    if let Some(range) = word_in(
                        &snapshot.text,
                        TextRange::new(line_start, source.range.end),
                        key,
                    ) {
                        out.push(definition_at(range));
                    }
                }
            }
        }
        Target::Section(index) => {
            out.extend(links_to(document, *index).map(|l| use_at(l.range)));
            if let Some(section) = document.sections.get(*index) {
                out.push(definition_at(section.title_range));
            }
        }
    }
    out.sort_by_key(|o| o.range.start);
    out
}

/// References: actors across every briefing of the workspace; everything else in this one.
/// `open` are the current snapshots of the open documents; `indexed` gives, for an actor id,
/// the indexed files it appears in and the URIs among them that open documents shadow.
pub fn references(
    snapshot: &Snapshot,
    open: &[Arc<Snapshot>],
    indexed: impl FnOnce(&str) -> (Option<Arc<Files>>, Vec<Uri>),
    position: lsp::Position,
    include_declaration: bool,
) -> Vec<lsp::Location> {
    let lines = Lines::of(snapshot);
    let Some(found) = target_at(&snapshot.analysis, &snapshot.text, lines.offset(position)) else {
        return Vec::new();
    };
    let mut locations = Vec::new();
    let mut push = |target_snapshot: &Snapshot, found: &[Occurrence]| {
        let lines = Lines::of(target_snapshot);
        for occurrence in found {
            if include_declaration || !occurrence.definition {
                locations.push(lsp::Location::new(
                    target_snapshot.uri.clone(),
                    lines.range(occurrence.range),
                ));
            }
        }
    };
    push(snapshot, &occurrences(snapshot, &found.target));
    if let Target::Actor(id) = &found.target {
        for other in open.iter().filter(|s| s.uri != snapshot.uri) {
            if let Some(found) = actor_index(other).get(id) {
                push(other, found);
            }
        }
        // Indexed files from the workspace's inverted index, their ranges already converted.
        let (files, shadowed) = indexed(id);
        for (uri, places) in files.iter().flat_map(|files| files.iter()) {
            if *uri == snapshot.uri || shadowed.contains(uri) {
                continue;
            }
            locations.extend(
                places
                    .iter()
                    .filter(|place| include_declaration || !place.definition)
                    .map(|place| lsp::Location::new(uri.clone(), place.range)),
            );
        }
        if include_declaration
            && let Some(location) = actor_definition(snapshot, id)
            && location.uri != snapshot.uri
        {
            locations.push(location);
        }
    }
    locations
}

pub fn highlights(snapshot: &Snapshot, position: lsp::Position) -> Vec<lsp::DocumentHighlight> {
    let lines = Lines::of(snapshot);
    let Some(found) = target_at(&snapshot.analysis, &snapshot.text, lines.offset(position)) else {
        return Vec::new();
    };
    occurrences(snapshot, &found.target)
        .into_iter()
        .map(|o| lsp::DocumentHighlight {
            range: lines.range(o.range),
            kind: Some(if o.definition {
                lsp::DocumentHighlightKind::WRITE
            } else {
                lsp::DocumentHighlightKind::READ
            }),
        })
        .collect()
}

/// Section links as document links to the heading's line (`#L<line>`, 1-based).
pub fn document_links(snapshot: &Snapshot) -> Vec<lsp::DocumentLink> {
    let lines = Lines::of(snapshot);
    let document = &snapshot.analysis.document;
    let mut out = Vec::new();
    for link in &document.section_links {
        let Some((_, section)) =
            crate::rules::broken_section_link::find_target(&document.sections, &link.target)
        else {
            continue;
        };
        let line = lines.position(section.heading_range.start).line + 1;
        out.push(lsp::DocumentLink {
            range: lines.range(link.range),
            target: with_fragment(&snapshot.uri, &format!("L{line}")),
            tooltip: Some(format!("Go to section “{}”", section.title)),
            data: None,
        });
    }
    out
}

fn with_fragment(uri: &Uri, fragment: &str) -> Option<Uri> {
    let base = uri.as_str().split('#').next().unwrap_or("");
    format!("{base}#{fragment}").parse().ok()
}
