//! Document symbols (the outline), workspace symbols and folding ranges.

use std::collections::HashSet;
use std::sync::Arc;

use tower_lsp_server::ls_types as lsp;

use super::convert::{Lines, path_to_uri};
use super::navigation::actor_definition;
use super::state::Snapshot;
use crate::actors::{ActorKind, ActorOrigin};
use crate::outline::{OutlineKind, OutlineNode, document_outline};
use crate::text::TextRange;

/// The hierarchical outline: document → sections → subsections (and review notes), with the
/// preamble as the document node's selection range.
pub fn document_symbols(snapshot: &Snapshot) -> lsp::DocumentSymbolResponse {
    let root = document_outline(&snapshot.analysis, snapshot.text.len());
    lsp::DocumentSymbolResponse::Nested(vec![symbol(Lines::of(snapshot), &root)])
}

/// The flat form for clients without hierarchical support.
pub fn flat_document_symbols(snapshot: &Snapshot) -> lsp::DocumentSymbolResponse {
    let root = document_outline(&snapshot.analysis, snapshot.text.len());
    let lines = Lines::of(snapshot);
    let mut out = Vec::new();
    flatten(lines, snapshot, &root, None, &mut out);
    lsp::DocumentSymbolResponse::Flat(out)
}

#[allow(deprecated)]
fn symbol(lines: Lines, node: &OutlineNode) -> lsp::DocumentSymbol {
    let range = lines.range(node.range);
    // The selection range must lie inside the range.
    let selection = if node.range.contains_range(node.selection_range) {
        lines.range(node.selection_range)
    } else {
        lines.range(TextRange::empty(node.range.start))
    };
    lsp::DocumentSymbol {
        name: if node.name.trim().is_empty() {
            "(untitled)".to_owned()
        } else {
            node.name.clone()
        },
        detail: detail(node),
        kind: kind(node.kind),
        tags: None,
        deprecated: None,
        range,
        selection_range: selection,
        children: (!node.children.is_empty())
            .then(|| node.children.iter().map(|c| symbol(lines, c)).collect()),
    }
}

#[allow(deprecated)]
fn flatten(
    lines: Lines,
    snapshot: &Snapshot,
    node: &OutlineNode,
    container: Option<&str>,
    out: &mut Vec<lsp::SymbolInformation>,
) {
    out.push(lsp::SymbolInformation {
        name: node.name.clone(),
        kind: kind(node.kind),
        tags: None,
        deprecated: None,
        location: lsp::Location::new(snapshot.uri.clone(), lines.range(node.range)),
        container_name: container.map(str::to_owned),
    });
    for child in &node.children {
        flatten(lines, snapshot, child, Some(&node.name), out);
    }
}

fn detail(node: &OutlineNode) -> Option<String> {
    match node.kind {
        OutlineKind::Section => Some("#".repeat(usize::from(node.level.max(1)))),
        OutlineKind::Document | OutlineKind::ReviewNote => None,
    }
}

fn kind(kind: OutlineKind) -> lsp::SymbolKind {
    match kind {
        OutlineKind::Document => lsp::SymbolKind::FILE,
        OutlineKind::Section => lsp::SymbolKind::STRING,
        OutlineKind::ReviewNote => lsp::SymbolKind::EVENT,
    }
}

fn actor_kind(kind: ActorKind) -> lsp::SymbolKind {
    match kind {
        ActorKind::Person => lsp::SymbolKind::OBJECT,
        ActorKind::State => lsp::SymbolKind::MODULE,
        ActorKind::Government => lsp::SymbolKind::NAMESPACE,
        ActorKind::Organization => lsp::SymbolKind::STRUCT,
        ActorKind::Group => lsp::SymbolKind::ENUM,
        ActorKind::Place => lsp::SymbolKind::PACKAGE,
    }
}

/// Sections and actors of every briefing, matching `query` as a case-insensitive subsequence.
#[allow(deprecated)]
pub fn workspace_symbols(workspace: &[Arc<Snapshot>], query: &str) -> Vec<lsp::SymbolInformation> {
    let mut out = Vec::new();
    let mut actors_seen: HashSet<String> = HashSet::new();
    for snapshot in workspace {
        let lines = Lines::of(snapshot);
        let document = &snapshot.analysis.document;
        for section in &document.sections {
            if matches(query, &section.title) {
                out.push(lsp::SymbolInformation {
                    name: section.title.clone(),
                    kind: lsp::SymbolKind::STRING,
                    tags: None,
                    deprecated: None,
                    location: lsp::Location::new(
                        snapshot.uri.clone(),
                        lines.range(section.heading_range),
                    ),
                    container_name: Some(snapshot.analysis.title.clone()),
                });
            }
        }
        for actor in snapshot.analysis.actors.values() {
            if !(matches(query, &actor.name) || matches(query, &actor.id)) {
                continue;
            }
            // Defined actors are listed where defined (once); built-ins at their first mention.
            let location = match &actor.origin {
                ActorOrigin::Builtin => snapshot
                    .analysis
                    .mentions
                    .iter()
                    .find(|m| m.actor_id == actor.id)
                    .map(|m| lsp::Location::new(snapshot.uri.clone(), lines.range(m.range))),
                ActorOrigin::Workspace { config_path, .. } => {
                    if !actors_seen.insert(format!("{}\u{0}{}", config_path, actor.id)) {
                        continue;
                    }
                    actor_definition(snapshot, &actor.id).or_else(|| {
                        path_to_uri(std::path::Path::new(config_path))
                            .map(|uri| lsp::Location::new(uri, lsp::Range::default()))
                    })
                }
                ActorOrigin::FrontMatter { .. } => actor_definition(snapshot, &actor.id),
            };
            let Some(location) = location else { continue };
            if matches!(actor.origin, ActorOrigin::Builtin) && !actors_seen.insert(actor.id.clone())
            {
                continue;
            }
            out.push(lsp::SymbolInformation {
                name: actor.name.clone(),
                kind: actor_kind(actor.kind),
                tags: None,
                deprecated: None,
                location,
                container_name: Some(format!("{} · @{}", actor.kind.as_str(), actor.id)),
            });
        }
    }
    out
}

fn matches(query: &str, name: &str) -> bool {
    let mut wanted = query
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .peekable();
    for c in name.chars().flat_map(char::to_lowercase) {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// Sections (heading to last non-blank line) and the document's other folds: front matter,
/// lists, footnote blocks.
pub fn folding_ranges(snapshot: &Snapshot) -> Vec<lsp::FoldingRange> {
    let lines = Lines::of(snapshot);
    let document = &snapshot.analysis.document;
    let mut out = Vec::new();
    let mut add = |range: TextRange, kind: Option<lsp::FoldingRangeKind>| {
        let trimmed_end = range.start + range.slice(&snapshot.text).trim_end().len();
        let start = lines.position(range.start).line;
        let end = lines.position(trimmed_end).line;
        if end > start {
            out.push(lsp::FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind,
                collapsed_text: None,
            });
        }
    };
    for section in &document.sections {
        add(section.range, Some(lsp::FoldingRangeKind::Region));
    }
    for fold in &document.folds {
        add(*fold, Some(lsp::FoldingRangeKind::Region));
    }
    out.sort_by_key(|f| (f.start_line, std::cmp::Reverse(f.end_line)));
    out.dedup_by_key(|f| (f.start_line, f.end_line));
    out
}
