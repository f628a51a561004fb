//! What is under the cursor: an actor, a footnote, a citation key or a section, with the range
//! of the text that names it. Definition, references, highlights and rename all start here.

use crate::actors::ActorSet;
use crate::analysis::Analysis;
use crate::model::Document;
use crate::rules::broken_section_link::find_target;
use crate::text::TextRange;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Actor(String),
    Footnote(String),
    Citation(String),
    /// Index into `Document::sections`.
    Section(usize),
}

/// How the target is named at the cursor, which decides what a rename may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// An implicit mention by name (`Ottawa`).
    Name,
    /// `@ref`; the range excludes the `@`.
    ExplicitMention,
    /// An entry of front-matter `actors` (id or inline definition).
    Declaration,
    /// `[^label]` or `[^label]:`; the range is the label.
    FootnoteLabel,
    /// A key in `[@key]` or in front-matter `sources`.
    CitationKey,
    /// A `[[Heading]]` or `(#slug)` link; the range is the text inside.
    SectionLink,
    /// The heading itself; the range is its text.
    Heading,
}

#[derive(Clone, Debug)]
pub struct Found {
    pub target: Target,
    pub site: Site,
    pub range: TextRange,
}

pub fn target_at(analysis: &Analysis, text: &str, offset: usize) -> Option<Found> {
    let document = &analysis.document;
    if let Some(mention) = mention_at(analysis, offset) {
        let explicit = mention.explicit;
        let range = if explicit {
            TextRange::new(mention.range.start + 1, mention.range.end)
        } else {
            mention.range
        };
        let site = if explicit {
            Site::ExplicitMention
        } else {
            Site::Name
        };
        return Some(found(Target::Actor(mention.actor_id.clone()), site, range));
    }
    if let Some(footnote) = document
        .footnote_refs
        .iter()
        .find(|r| r.range.touches(offset))
    {
        let range = label_range(footnote.range.start + 2, &footnote.label);
        return Some(found(
            Target::Footnote(footnote.label.clone()),
            Site::FootnoteLabel,
            range,
        ));
    }
    if let Some(definition) = document
        .footnote_defs
        .iter()
        .find(|d| d.label_range.touches(offset))
    {
        let range = label_range(definition.label_range.start + 2, &definition.label);
        return Some(found(
            Target::Footnote(definition.label.clone()),
            Site::FootnoteLabel,
            range,
        ));
    }
    for citation in &document.citations {
        if !citation.range.touches(offset) {
            continue;
        }
        let key = citation
            .keys
            .iter()
            .find(|(_, range)| range.touches(offset))
            .or(citation.keys.first());
        if let Some((key, range)) = key {
            return Some(found(
                Target::Citation(key.clone()),
                Site::CitationKey,
                *range,
            ));
        }
    }
    for link in &document.section_links {
        if link.range.touches(offset)
            && let Some((index, _)) = find_target(&document.sections, &link.target)
        {
            return Some(found(
                Target::Section(index),
                Site::SectionLink,
                link.target_range,
            ));
        }
    }
    if let Some(index) = document
        .sections
        .iter()
        .position(|s| s.heading_range.touches(offset))
    {
        let range = document.sections[index].title_range;
        return Some(found(Target::Section(index), Site::Heading, range));
    }
    front_matter_target(analysis, text, offset)
}

/// The mention whose range touches `offset`, by binary search (mentions are in order).
pub fn mention_at(analysis: &Analysis, offset: usize) -> Option<&crate::analysis::Mention> {
    let mentions = &analysis.mentions;
    let index = mentions.partition_point(|m| m.range.end < offset);
    mentions.get(index).filter(|m| m.range.touches(offset))
}

/// Front matter: an id in `actors` or a key in `sources`.
fn front_matter_target(analysis: &Analysis, text: &str, offset: usize) -> Option<Found> {
    let front_matter = analysis.document.front_matter.as_ref()?;
    if !front_matter.range.contains(offset) {
        return None;
    }
    for declared in &front_matter.declared_actors {
        if let Some(range) = word_in(text, declared.range, &declared.reference)
            && range.touches(offset)
        {
            let id = resolve_actor(analysis, &declared.reference)
                .unwrap_or_else(|| declared.reference.clone());
            return Some(found(Target::Actor(id), Site::Declaration, range));
        }
    }
    for source in &front_matter.sources {
        let line_start = text[..source.range.start.min(text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let line = TextRange::new(line_start, source.range.end.max(line_start));
        if let Some(range) = word_in(text, line, &source.key)
            && range.touches(offset)
        {
            return Some(found(
                Target::Citation(source.key.clone()),
                Site::CitationKey,
                range,
            ));
        }
    }
    None
}

/// The id an actor reference resolves to, among the actors the analysis knows.
pub fn resolve_actor(analysis: &Analysis, reference: &str) -> Option<String> {
    let wanted = reference.to_lowercase();
    let spaced = wanted.replace('-', " ");
    analysis
        .actors
        .values()
        .find(|a| lowercase_equals(&a.id, &wanted))
        .or_else(|| {
            analysis.actors.values().find(|a| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .any(|n| lowercase_equals(n, &spaced) || lowercase_equals(n, &wanted))
            })
        })
        .map(|a| a.id.clone())
}

/// `text.to_lowercase() == lowered` for a `lowered` that came out of `to_lowercase`, without
/// allocating when `text` is ASCII (references run this for every declared actor of every
/// briefing in the workspace).
fn lowercase_equals(text: &str, lowered: &str) -> bool {
    if text.is_ascii() {
        // `lowered` has no ASCII capitals, so comparing both folded is comparing to it.
        text.eq_ignore_ascii_case(lowered)
    } else {
        text.to_lowercase() == lowered
    }
}

/// The whole-word occurrence of `word` inside `within` (front-matter ranges cover a value or
/// a map, not always exactly the id).
pub fn word_in(text: &str, within: TextRange, word: &str) -> Option<TextRange> {
    if word.is_empty() {
        return None;
    }
    let end = within.end.min(text.len());
    let start = within.start.min(end);
    let haystack = text.get(start..end)?;
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut from = 0;
    while let Some(i) = haystack[from..].find(word) {
        let at = from + i;
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + word.len()..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return Some(TextRange::new(start + at, start + at + word.len()));
        }
        from = at + word.len();
    }
    None
}

/// An actor set for the document: the config's registry plus front-matter definitions.
pub fn actor_set<'a>(analysis: &Analysis, registry: &'a crate::actors::Registry) -> ActorSet<'a> {
    let inline = analysis
        .document
        .front_matter
        .as_ref()
        .map_or(&[][..], |fm| &fm.inline_actors[..]);
    ActorSet::new(registry, inline)
}

/// Every link in `document` that points to section `index`.
pub fn links_to(
    document: &Document,
    index: usize,
) -> impl Iterator<Item = &crate::model::SectionLink> {
    document.section_links.iter().filter(move |link| {
        find_target(&document.sections, &link.target).is_some_and(|(i, _)| i == index)
    })
}

fn label_range(start: usize, label: &str) -> TextRange {
    TextRange::new(start, start + label.len())
}

fn found(target: Target, site: Site, range: TextRange) -> Found {
    Found {
        target,
        site,
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::lowercase_equals;

    #[test]
    fn lowercase_equals_agrees_with_to_lowercase() {
        let words = [
            "Ukraine",
            "ukraine",
            "UKRAINE",
            "Türkiye",
            "türkiye",
            "İstanbul",
            "U.S.",
            "",
        ];
        for text in words {
            for other in words {
                let lowered = other.to_lowercase();
                assert_eq!(
                    lowercase_equals(text, &lowered),
                    text.to_lowercase() == lowered,
                    "{text} / {lowered}"
                );
            }
        }
    }
}
