//! Hover (SPEC §6): actor cards, estimative-term ranges, section statistics and source text,
//! as Markdown.

use std::collections::BTreeSet;

use tower_lsp_server::ls_types as lsp;

use super::convert::Lines;
use super::state::Snapshot;
use super::targets::{Site, Target, actor_set, mention_at, target_at};
use crate::actors::{ActorDefinition, ActorOrigin};
use crate::rules::RuleCode;
use crate::text::{LineIndex, TextRange};

pub fn hover(snapshot: &Snapshot, position: lsp::Position) -> Option<lsp::Hover> {
    let lines = Lines::of(snapshot);
    let offset = lines.offset(position);
    let (markdown, range) = contents_at(snapshot, offset)?;
    Some(lsp::Hover {
        contents: lsp::HoverContents::Markup(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(lines.range(range)),
    })
}

fn contents_at(snapshot: &Snapshot, offset: usize) -> Option<(String, TextRange)> {
    let analysis = &snapshot.analysis;
    let document = &analysis.document;
    if let Some(mention) = mention_at(analysis, offset) {
        let actor = analysis.actors.get(&mention.actor_id)?;
        return Some((actor_card(snapshot, actor), mention.range));
    }
    if let Some(term) = analysis
        .estimative_terms
        .iter()
        .find(|t| t.range.touches(offset))
    {
        let text = format!(
            "**{}**: {}–{}% likelihood\n\nStandard estimative term (ICD 203): *{}*.",
            term.range.slice(&snapshot.text),
            term.low_percent,
            term.high_percent,
            term.row
        );
        return Some((text, term.range));
    }
    if let Some(index) = document
        .sections
        .iter()
        .position(|s| s.heading_range.touches(offset))
    {
        let range = document.sections[index].heading_range;
        return Some((section_stats(snapshot, index), range));
    }
    if let Some(reference) = document
        .footnote_refs
        .iter()
        .find(|r| r.range.touches(offset))
    {
        let text = match document
            .footnote_defs
            .iter()
            .find(|d| d.label == reference.label)
        {
            Some(definition) => format!("**[^{}]**\n\n{}", reference.label, definition.text.trim()),
            None => format!("**[^{}]**: no definition", reference.label),
        };
        return Some((text, reference.range));
    }
    for citation in &document.citations {
        if !citation.range.touches(offset) {
            continue;
        }
        let keys: Vec<String> = citation
            .keys
            .iter()
            .filter(|(_, r)| {
                r.touches(offset) || !citation.keys.iter().any(|(_, r)| r.touches(offset))
            })
            .map(|(key, _)| match source_text(snapshot, key) {
                Some(text) => format!("**@{key}**: {text}"),
                None => format!("**@{key}**: no source with this key"),
            })
            .collect();
        return Some((keys.join("\n\n"), citation.range));
    }
    // An actor id in front-matter `actors`.
    let found = target_at(analysis, &snapshot.text, offset)?;
    match (&found.target, found.site) {
        (Target::Actor(id), Site::Declaration) => {
            let actor = analysis.actors.get(id)?;
            Some((actor_card(snapshot, actor), found.range))
        }
        _ => None,
    }
}

/// A citation key's text: front-matter `sources` first, then `briefing.toml` `[sources]`.
pub fn source_text(snapshot: &Snapshot, key: &str) -> Option<String> {
    let front_matter = snapshot.analysis.document.front_matter.as_ref();
    front_matter
        .and_then(|fm| fm.sources.iter().find(|s| s.key == key))
        .or_else(|| snapshot.config.sources.iter().find(|s| s.key == key))
        .map(|s| s.text.clone())
}

/// The card for an actor: who it is, where it is defined and where the briefing mentions it.
pub fn actor_card(snapshot: &Snapshot, actor: &ActorDefinition) -> String {
    let analysis = &snapshot.analysis;
    let mut out = format!(
        "### {}\n\n*{}* · `@{}`",
        actor.name,
        actor.kind.as_str(),
        actor.id
    );
    if let Some(role) = &actor.role {
        out.push_str(&format!("\n\n**Role:** {role}"));
    }
    if let Some(affiliation) = &actor.affiliation {
        let actors = actor_set(analysis, &snapshot.config.registry);
        let name = actors.resolve(affiliation).map_or_else(
            || affiliation.clone(),
            |a| format!("{} (`{}`)", a.name, a.id),
        );
        out.push_str(&format!("\n\n**Affiliation:** {name}"));
    }
    if let Some(description) = &actor.description {
        out.push_str(&format!("\n\n{description}"));
    }
    if !actor.aliases.is_empty() {
        let aliases: Vec<String> = actor.aliases.iter().map(|a| format!("*{a}*")).collect();
        out.push_str(&format!("\n\n**Aliases:** {}", aliases.join(", ")));
    }
    if let Some(url) = &actor.url {
        out.push_str(&format!("\n\n<{url}>"));
    }
    let defined = match &actor.origin {
        ActorOrigin::Builtin => "built-in gazetteer".to_owned(),
        ActorOrigin::Workspace { config_path, range } => {
            let line = config_line(snapshot, config_path, *range);
            format!("`{}`{}", short_path(config_path), line)
        }
        ActorOrigin::FrontMatter { range } => {
            let line = analysis.line_index.line_of(range.start) + 1;
            format!("front matter, line {line}")
        }
    };
    out.push_str(&format!("\n\n**Defined in:** {defined}"));
    let mentions: Vec<&crate::analysis::Mention> = analysis
        .mentions
        .iter()
        .filter(|m| m.actor_id == actor.id)
        .collect();
    let mut sections: Vec<String> = Vec::new();
    for mention in &mentions {
        let name = match analysis.document.section_at(mention.range.start) {
            Some(index) => analysis.document.sections[index].title.clone(),
            None => "(preamble)".to_owned(),
        };
        if !sections.contains(&name) {
            sections.push(name);
        }
    }
    let count = mentions.len();
    let plural = if count == 1 { "" } else { "s" };
    out.push_str(&format!("\n\n**Mentions:** {count} mention{plural}"));
    if !sections.is_empty() {
        out.push_str(&format!(" in {}", sections.join(", ")));
    }
    out
}

/// ", line N" of a range in the document's config file, when that is the file meant.
fn config_line(snapshot: &Snapshot, config_path: &str, range: TextRange) -> String {
    match &snapshot.config_source {
        Some(source) if source.path.as_os_str() == config_path => {
            let line = LineIndex::new(&source.text).line_of(range.start) + 1;
            format!(", line {line}")
        }
        _ => String::new(),
    }
}

fn short_path(path: &str) -> &str {
    let mut parts = path.rsplitn(3, ['/', '\\']);
    let name = parts.next().unwrap_or(path);
    match parts.next() {
        Some(parent) => &path[path.len() - name.len() - parent.len() - 1..],
        None => name,
    }
}

/// Words, claims, citations and actors of a section (with its subsections).
fn section_stats(snapshot: &Snapshot, index: usize) -> String {
    let analysis = &snapshot.analysis;
    let document = &analysis.document;
    let section = &document.sections[index];
    let body = TextRange::new(
        section.heading_range.end.min(section.range.end),
        section.range.end,
    );
    let words = body
        .slice(&document.prose)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    let claims = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == RuleCode::UnsupportedClaim && body.contains(d.range.start))
        .count();
    let citations = document
        .footnote_refs
        .iter()
        .filter(|r| body.contains(r.range.start))
        .count()
        + document
            .citations
            .iter()
            .filter(|c| body.contains(c.range.start))
            .count()
        + document
            .links
            .iter()
            .filter(|l| body.contains(l.range.start))
            .count();
    let actors: BTreeSet<&str> = analysis
        .mentions
        .iter()
        .filter(|m| body.contains(m.range.start))
        .filter_map(|m| analysis.actors.get(&m.actor_id).map(|a| a.name.as_str()))
        .collect();
    let actors = if actors.is_empty() {
        "none".to_owned()
    } else {
        actors.into_iter().collect::<Vec<_>>().join(", ")
    };
    format!(
        "### {}\n\n| words | unsupported claims | citations |\n|---:|---:|---:|\n| {words} | {claims} | {citations} |\n\n**Actors:** {actors}",
        section.title
    )
}
