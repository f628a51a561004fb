//! Completion (SPEC §6): actors after `@`, footnote labels after `[^`, citation keys after
//! `[@`, slugs after `](#` and heading text after `[[`, each with documentation.
//!
//! Actor items are lean (label, kind, detail, sort and filter text, edit, and the actor id in
//! `data`): a briefing offers every actor of the gazetteer (hundreds) on each `@`, and their
//! documentation is sent by `completionItem/resolve` for the one item the editor shows.

use std::collections::BTreeSet;

use tower_lsp_server::ls_types as lsp;

use super::convert::Lines;
use super::hover::source_text;
use super::state::Snapshot;
use super::targets::actor_set;
use crate::text::TextRange;

/// What the text before the cursor asks for, and the partial word to replace.
#[derive(Debug, PartialEq, Eq)]
enum Trigger {
    Actor,
    Footnote,
    Citation,
    Slug,
    Heading,
}

pub fn completion(snapshot: &Snapshot, position: lsp::Position) -> Vec<lsp::CompletionItem> {
    let lines = Lines::of(snapshot);
    let offset = lines.offset(position);
    let line = lines.index.line_of(offset);
    let line_start = lines.index.line_start(line);
    let before = &snapshot.text[line_start..offset];
    let Some((trigger, partial_len)) = trigger(before) else {
        return Vec::new();
    };
    let replace = lines.range(TextRange::new(offset - partial_len, offset));
    let after = &snapshot.text[offset..];
    match trigger {
        Trigger::Actor => actors(snapshot, replace),
        Trigger::Footnote => footnotes(snapshot, replace, after),
        Trigger::Citation => citations(snapshot, replace),
        Trigger::Slug => slugs(snapshot, replace, after),
        Trigger::Heading => headings(snapshot, replace, after),
    }
}

/// Looks back from the cursor over a partial word to the characters that open a reference.
fn trigger(before: &str) -> Option<(Trigger, usize)> {
    let partial_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
        .last()
        .map_or(before.len(), |(i, _)| i);
    let prefix = &before[..partial_start];
    let partial = before.len() - partial_start;
    // Heading text may contain spaces: everything after an unclosed `[[` is the partial.
    if let Some(open) = before.rfind("[[")
        && !before[open..].contains("]]")
    {
        return Some((Trigger::Heading, before.len() - open - 2));
    }
    if prefix.ends_with("](#") {
        return Some((Trigger::Slug, partial));
    }
    if prefix.ends_with("[^") {
        return Some((Trigger::Footnote, partial));
    }
    if let Some(head) = prefix.strip_suffix('@') {
        // `[@key`, or a further key in `[@a; @b`.
        let in_citation = head.ends_with('[')
            || head
                .rfind('[')
                .is_some_and(|open| !head[open..].contains(']') && head[open..].contains("@"));
        if in_citation {
            return Some((Trigger::Citation, partial));
        }
        let follows_word = head.chars().next_back().is_some_and(char::is_alphanumeric);
        if !follows_word {
            return Some((Trigger::Actor, partial));
        }
    }
    None
}

fn markdown(value: String) -> Option<lsp::Documentation> {
    Some(lsp::Documentation::MarkupContent(lsp::MarkupContent {
        kind: lsp::MarkupKind::Markdown,
        value,
    }))
}

fn item(label: String, replace: lsp::Range, new_text: String) -> lsp::CompletionItem {
    lsp::CompletionItem {
        label,
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit {
            range: replace,
            new_text,
        })),
        ..lsp::CompletionItem::default()
    }
}

fn actors(snapshot: &Snapshot, replace: lsp::Range) -> Vec<lsp::CompletionItem> {
    // Built once per snapshot (a revision under one configuration); each request only sets
    // the range to replace.
    let items = snapshot
        .completion_actors
        .get_or_init(|| actor_items(snapshot));
    items
        .iter()
        .map(|item| {
            let mut out = item.clone();
            if let Some(lsp::CompletionTextEdit::Edit(edit)) = &mut out.text_edit {
                edit.range = replace;
            }
            out
        })
        .collect()
}

/// Every actor the document can see as a lean item whose edit range is still to be set.
fn actor_items(snapshot: &Snapshot) -> Vec<lsp::CompletionItem> {
    let analysis = &snapshot.analysis;
    let set = actor_set(analysis, &snapshot.config.registry);
    set.all()
        .map(|actor| {
            let mentioned = analysis.actors.contains_key(&actor.id);
            let mut out = item(actor.id.clone(), lsp::Range::default(), actor.id.clone());
            out.kind = Some(lsp::CompletionItemKind::REFERENCE);
            out.detail = Some(format!("{} ({})", actor.name, actor.kind.as_str()));
            out.filter_text = Some(format!("{} {}", actor.id, actor.name));
            // Actors this briefing already uses first, then defined ones, then the gazetteer.
            let rank = match (mentioned, &actor.origin) {
                (true, _) => 0,
                (false, crate::actors::ActorOrigin::Builtin) => 2,
                (false, _) => 1,
            };
            out.sort_text = Some(format!("{rank}{}", actor.id));
            out.data = Some(serde_json::Value::String(actor.id.clone()));
            out
        })
        .collect()
}

/// `completionItem/resolve`: an actor item (its id in `data`) gets its documentation from the
/// actor set of `snapshot`; other items come back as they are.
pub fn resolve(snapshot: Option<&Snapshot>, mut item: lsp::CompletionItem) -> lsp::CompletionItem {
    if item.documentation.is_some() {
        return item;
    }
    let (Some(snapshot), Some(serde_json::Value::String(id))) = (snapshot, &item.data) else {
        return item;
    };
    let set = actor_set(&snapshot.analysis, &snapshot.config.registry);
    if let Some(actor) = set.get(id) {
        let mut doc = format!("**{}** · *{}*", actor.name, actor.kind.as_str());
        if let Some(role) = &actor.role {
            doc.push_str(&format!("\n\n{role}"));
        }
        if let Some(description) = &actor.description {
            doc.push_str(&format!("\n\n{description}"));
        }
        if !actor.aliases.is_empty() {
            doc.push_str(&format!("\n\nAliases: {}", actor.aliases.join(", ")));
        }
        item.documentation = markdown(doc);
    }
    item
}

fn footnotes(snapshot: &Snapshot, replace: lsp::Range, after: &str) -> Vec<lsp::CompletionItem> {
    let document = &snapshot.analysis.document;
    let close = if after.starts_with(']') { "" } else { "]" };
    let mut labels: BTreeSet<&str> = document
        .footnote_defs
        .iter()
        .map(|d| d.label.as_str())
        .collect();
    labels.extend(document.footnote_refs.iter().map(|r| r.label.as_str()));
    labels
        .into_iter()
        .map(|label| {
            let mut out = item(label.to_owned(), replace, format!("{label}{close}"));
            out.kind = Some(lsp::CompletionItemKind::REFERENCE);
            let text = document
                .footnote_defs
                .iter()
                .find(|d| d.label == label)
                .map(|d| d.text.trim().to_owned());
            out.detail = text.clone().or(Some("no definition yet".to_owned()));
            out.documentation = text.map(markdown).unwrap_or(None);
            out
        })
        .collect()
}

fn citations(snapshot: &Snapshot, replace: lsp::Range) -> Vec<lsp::CompletionItem> {
    let front_matter = snapshot.analysis.document.front_matter.as_ref();
    let mut keys: BTreeSet<&str> = front_matter
        .iter()
        .flat_map(|fm| fm.sources.iter())
        .map(|s| s.key.as_str())
        .collect();
    keys.extend(snapshot.config.sources.iter().map(|s| s.key.as_str()));
    keys.into_iter()
        .map(|key| {
            let mut out = item(key.to_owned(), replace, key.to_owned());
            out.kind = Some(lsp::CompletionItemKind::REFERENCE);
            let text = source_text(snapshot, key);
            out.detail = text.clone();
            out.documentation = text.and_then(markdown);
            out
        })
        .collect()
}

fn slugs(snapshot: &Snapshot, replace: lsp::Range, after: &str) -> Vec<lsp::CompletionItem> {
    let close = if after.starts_with(')') { "" } else { ")" };
    snapshot
        .analysis
        .document
        .sections
        .iter()
        .map(|section| {
            let mut out = item(
                section.slug.clone(),
                replace,
                format!("{}{close}", section.slug),
            );
            out.kind = Some(lsp::CompletionItemKind::REFERENCE);
            out.detail = Some(section.title.clone());
            out.documentation = markdown(format!("Link to the section **{}**", section.title));
            out
        })
        .collect()
}

fn headings(snapshot: &Snapshot, replace: lsp::Range, after: &str) -> Vec<lsp::CompletionItem> {
    let close = if after.starts_with("]]") { "" } else { "]]" };
    snapshot
        .analysis
        .document
        .sections
        .iter()
        .map(|section| {
            let mut out = item(
                section.title.clone(),
                replace,
                format!("{}{close}", section.title),
            );
            out.kind = Some(lsp::CompletionItemKind::REFERENCE);
            out.detail = Some(format!(
                "{} heading",
                "#".repeat(usize::from(section.level.max(1)))
            ));
            out.documentation = markdown(format!("Link to the section **{}**", section.title));
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers() {
        assert_eq!(trigger("see @ka"), Some((Trigger::Actor, 2)));
        assert_eq!(trigger("@"), Some((Trigger::Actor, 0)));
        assert_eq!(trigger("press@exa"), None);
        assert_eq!(trigger("text[^po"), Some((Trigger::Footnote, 2)));
        assert_eq!(trigger("text [@unc"), Some((Trigger::Citation, 3)));
        assert_eq!(trigger("text [@a; @b"), Some((Trigger::Citation, 1)));
        assert_eq!(trigger("[x](#sum"), Some((Trigger::Slug, 3)));
        assert_eq!(trigger("see [[Options for"), Some((Trigger::Heading, 11)));
        assert_eq!(trigger("see [[Done]] and"), None);
    }
}
