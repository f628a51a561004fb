//! `unknown-actor`: an `@ref` (or a front-matter `actors` id) that resolves to no actor.

use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::text::TextRange;

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for mention in &context.document.explicit_mentions {
        // A bare `@key` naming a source is a Pandoc in-text citation, not an actor.
        if context.actors.resolve(&mention.reference).is_none()
            && context.source_text(&mention.reference).is_none()
        {
            out.push(unknown(context, &mention.reference, mention.range));
        }
    }
    if let Some(front_matter) = &context.document.front_matter {
        for declared in &front_matter.declared_actors {
            if context.actors.resolve(&declared.reference).is_none() {
                out.push(unknown(context, &declared.reference, declared.range));
            }
        }
    }
}

fn unknown(context: &RuleContext, reference: &str, range: TextRange) -> Diagnostic {
    let mut d = diagnostic(
        RuleCode::UnknownActor,
        range,
        format!("no actor `{reference}`: define it in front-matter `actors` or in briefing.toml"),
    );
    if let Some(fix) = define_in_front_matter(context, reference) {
        d.fixes.push(fix);
    }
    d
}

/// Adds an inline definition stub to the front matter (creating the block if needed).
fn define_in_front_matter(context: &RuleContext, reference: &str) -> Option<Fix> {
    let id = reference.to_lowercase();
    let name = reference.replace('-', " ");
    let title = format!("Define `{id}` in the front matter");
    match &context.document.front_matter {
        None => Some(Fix::insert(
            title,
            0,
            format!("---\nactors:\n  - id: {id}\n    name: {name}\n    kind: person\n---\n"),
        )),
        Some(fm) => {
            let block = fm.range.slice(context.text);
            let at = block
                .find("\nactors:")
                .map(|i| fm.range.start + i + "\nactors:".len());
            let close = fm.range.start + block.trim_end().rfind("---").unwrap_or(0);
            match at {
                Some(after_key) => {
                    let line_end = context.text[after_key..]
                        .find('\n')
                        .map_or(after_key, |i| after_key + i);
                    Some(Fix::insert(
                        title,
                        line_end,
                        format!("\n  - id: {id}\n    name: {name}\n    kind: person"),
                    ))
                }
                None => Some(Fix::insert(
                    title,
                    close,
                    format!("actors:\n  - id: {id}\n    name: {name}\n    kind: person\n"),
                )),
            }
        }
    }
}
