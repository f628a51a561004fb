//! Rename (SPEC §6): an actor id (its `@id` mentions, front-matter entry and `briefing.toml`
//! table, across the workspace), a footnote label, or a heading and every link to it.
//! Everything is returned as a `WorkspaceEdit`; the server never writes files.

use std::collections::HashMap;
use std::sync::Arc;

use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;

use super::convert::{Lines, path_to_uri};
use super::state::Snapshot;
use super::targets::{Found, Site, Target, resolve_actor, target_at, word_in};
use crate::actors::ActorOrigin;
use crate::model::SectionTarget;
use crate::rules::broken_section_link::find_target;
use crate::text::{LineIndex, TextRange};

pub fn prepare_rename(
    snapshot: &Snapshot,
    position: lsp::Position,
) -> jsonrpc::Result<Option<lsp::PrepareRenameResponse>> {
    let lines = Lines::of(snapshot);
    let Some(found) = target_at(&snapshot.analysis, &snapshot.text, lines.offset(position)) else {
        return Ok(None);
    };
    check_renameable(snapshot, &found)?;
    Ok(Some(lsp::PrepareRenameResponse::RangeWithPlaceholder {
        range: lines.range(found.range),
        placeholder: found.range.slice(&snapshot.text).to_owned(),
    }))
}

fn check_renameable(snapshot: &Snapshot, found: &Found) -> jsonrpc::Result<()> {
    match (&found.target, found.site) {
        (Target::Actor(id), Site::ExplicitMention | Site::Declaration) => {
            match snapshot.analysis.actors.get(id).map(|a| &a.origin) {
                Some(ActorOrigin::Builtin) | None => Err(invalid(
                    "built-in actors cannot be renamed: define the actor in briefing.toml or front matter",
                )),
                Some(_) => Ok(()),
            }
        }
        (Target::Actor(_), _) => Err(invalid(
            "rename an actor from an @mention or its definition",
        )),
        (Target::Citation(_), _) => Err(invalid("citation keys cannot be renamed yet")),
        (Target::Footnote(_) | Target::Section(_), _) => Ok(()),
    }
}

pub fn rename(
    snapshot: &Snapshot,
    workspace: &[Arc<Snapshot>],
    position: lsp::Position,
    new_name: &str,
) -> jsonrpc::Result<Option<lsp::WorkspaceEdit>> {
    let lines = Lines::of(snapshot);
    let Some(found) = target_at(&snapshot.analysis, &snapshot.text, lines.offset(position)) else {
        return Ok(None);
    };
    check_renameable(snapshot, &found)?;
    let new_name = new_name.trim();
    let mut changes: HashMap<Uri, Vec<lsp::TextEdit>> = HashMap::new();
    match &found.target {
        Target::Actor(id) => {
            if !is_identifier(new_name) {
                return Err(invalid("an actor id is letters, digits, `-` and `_`"));
            }
            rename_actor(snapshot, workspace, id, new_name, &mut changes);
        }
        Target::Footnote(label) => {
            if new_name.is_empty()
                || new_name.contains(|c: char| c.is_whitespace() || c == ']' || c == '[')
            {
                return Err(invalid("a footnote label has no spaces or brackets"));
            }
            let document = &snapshot.analysis.document;
            let mut ranges: Vec<TextRange> = document
                .footnote_refs
                .iter()
                .filter(|r| &r.label == label)
                .map(|r| TextRange::new(r.range.start + 2, r.range.start + 2 + label.len()))
                .collect();
            ranges.extend(
                document
                    .footnote_defs
                    .iter()
                    .filter(|d| &d.label == label)
                    .map(|d| {
                        TextRange::new(
                            d.label_range.start + 2,
                            d.label_range.start + 2 + label.len(),
                        )
                    }),
            );
            push_edits(snapshot, &ranges, new_name, &mut changes);
        }
        Target::Section(index) => {
            if new_name.is_empty() || new_name.contains(['\n', '\r']) {
                return Err(invalid("a heading is one line of text"));
            }
            rename_section(snapshot, *index, new_name, &mut changes);
        }
        Target::Citation(_) => return Ok(None),
    }
    Ok(Some(lsp::WorkspaceEdit {
        changes: Some(changes),
        document_changes: None,
        change_annotations: None,
    }))
}

fn rename_actor(
    snapshot: &Snapshot,
    workspace: &[Arc<Snapshot>],
    id: &str,
    new_id: &str,
    changes: &mut HashMap<Uri, Vec<lsp::TextEdit>>,
) {
    let Some(actor) = snapshot.analysis.actors.get(id) else {
        return;
    };
    // A front-matter actor lives in one document; a workspace actor in every document that
    // uses the same briefing.toml.
    let scope: Vec<&Snapshot> = match &actor.origin {
        ActorOrigin::Workspace { config_path, .. } => {
            let mut scope: Vec<&Snapshot> = vec![snapshot];
            scope.extend(workspace.iter().map(Arc::as_ref).filter(|s| {
                s.uri != snapshot.uri
                    && s.config.config_path.as_deref() == Some(config_path.as_str())
                    && s.analysis
                        .actors
                        .get(id)
                        .is_some_and(|a| a.origin == actor.origin)
            }));
            scope
        }
        _ => vec![snapshot],
    };
    for document in scope {
        let analysis = &document.analysis;
        let mut ranges: Vec<TextRange> = analysis
            .document
            .explicit_mentions
            .iter()
            .filter(|m| m.reference.eq_ignore_ascii_case(id))
            .map(|m| TextRange::new(m.range.start + 1, m.range.end))
            .collect();
        if let Some(front_matter) = &analysis.document.front_matter {
            for declared in &front_matter.declared_actors {
                if declared.reference.eq_ignore_ascii_case(id)
                    && resolve_actor(analysis, &declared.reference).as_deref() == Some(id)
                    && let Some(range) =
                        word_in(&document.text, declared.range, &declared.reference)
                {
                    ranges.push(range);
                }
            }
        }
        push_edits(document, &ranges, new_id, changes);
    }
    if let ActorOrigin::Workspace { config_path, range } = &actor.origin
        && let Some(source) = &snapshot.config_source
        && source.path.as_os_str() == config_path.as_str()
        && let Some(uri) = path_to_uri(&source.path)
    {
        // `[actors.<id>]`: replace the id inside the header.
        let header = range.slice(&source.text);
        if let Some(at) = header.find(id) {
            let start = range.start + at;
            let index = LineIndex::new(&source.text);
            let lines = Lines {
                text: &source.text,
                index: &index,
                encoding: snapshot.encoding,
            };
            changes.entry(uri).or_default().push(lsp::TextEdit {
                range: lines.range(TextRange::new(start, start + id.len())),
                new_text: new_id.to_owned(),
            });
        }
    }
}

/// The heading text and every link to it: `[[Heading]]` gets the new text, `(#slug)` the new
/// slug (computed by parsing the renamed text, so duplicates get GitHub's `-1` suffixes).
fn rename_section(
    snapshot: &Snapshot,
    index: usize,
    new_title: &str,
    changes: &mut HashMap<Uri, Vec<lsp::TextEdit>>,
) {
    let document = &snapshot.analysis.document;
    let Some(section) = document.sections.get(index) else {
        return;
    };
    let mut renamed = snapshot.text.clone();
    renamed.replace_range(
        section.title_range.start..section.title_range.end,
        new_title,
    );
    let reparsed = crate::syntax::parse(&renamed, document.flavour);
    let new_slug = reparsed.sections.get(index).map_or_else(
        || crate::syntax::slug::slugify(new_title),
        |s| s.slug.clone(),
    );
    let lines = Lines::of(snapshot);
    let edits = changes.entry(snapshot.uri.clone()).or_default();
    edits.push(lsp::TextEdit {
        range: lines.range(section.title_range),
        new_text: new_title.to_owned(),
    });
    for link in &document.section_links {
        if find_target(&document.sections, &link.target).is_none_or(|(i, _)| i != index) {
            continue;
        }
        let new_text = match link.target {
            SectionTarget::Slug(_) => new_slug.clone(),
            SectionTarget::Heading(_) => new_title.to_owned(),
        };
        edits.push(lsp::TextEdit {
            range: lines.range(link.target_range),
            new_text,
        });
    }
}

fn push_edits(
    snapshot: &Snapshot,
    ranges: &[TextRange],
    new_text: &str,
    changes: &mut HashMap<Uri, Vec<lsp::TextEdit>>,
) {
    if ranges.is_empty() {
        return;
    }
    let lines = Lines::of(snapshot);
    let edits = changes.entry(snapshot.uri.clone()).or_default();
    let mut ranges = ranges.to_vec();
    ranges.sort();
    ranges.dedup();
    for range in ranges {
        edits.push(lsp::TextEdit {
            range: lines.range(range),
            new_text: new_text.to_owned(),
        });
    }
}

fn is_identifier(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
}

fn invalid(message: &str) -> jsonrpc::Error {
    jsonrpc::Error::invalid_params(message.to_owned())
}
