//! `unused-footnote`: a footnote definition, or a front-matter source, never cited.

use std::collections::HashSet;

use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::text::TextRange;

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let document = context.document;
    // GFM matches footnote labels case-insensitively: `[^Note]` cites `[^note]:`.
    let referenced: HashSet<String> = document
        .footnote_refs
        .iter()
        .map(|r| r.label.to_lowercase())
        .collect();
    for definition in &document.footnote_defs {
        if referenced.contains(&definition.label.to_lowercase()) {
            continue;
        }
        let mut d = diagnostic(
            RuleCode::UnusedFootnote,
            definition.label_range,
            format!(
                "footnote `[^{}]` is never cited: cite it or remove it",
                definition.label
            ),
        );
        let line_end = context.text[definition.range.end..]
            .find('\n')
            .map_or(context.text.len(), |i| definition.range.end + i + 1);
        d.fixes.push(Fix::replace(
            "Remove the unused footnote",
            TextRange::new(definition.range.start, line_end),
            "",
        ));
        out.push(d);
    }
    let cited: HashSet<&str> = document
        .citations
        .iter()
        .flat_map(|c| c.keys.iter().map(|(k, _)| k.as_str()))
        // A bare `@key` naming a source is a Pandoc in-text citation ("as @reuters-1 reported").
        .chain(
            document
                .explicit_mentions
                .iter()
                .map(|m| m.reference.as_str()),
        )
        .collect();
    // Only the document's own sources: briefing.toml sources serve many briefings.
    for source in document.front_matter.iter().flat_map(|fm| &fm.sources) {
        if !cited.contains(source.key.as_str()) {
            out.push(diagnostic(
                RuleCode::UnusedFootnote,
                source.range,
                format!(
                    "source `{}` is never cited: cite it with [@{}] or remove it",
                    source.key, source.key
                ),
            ));
        }
    }
}
