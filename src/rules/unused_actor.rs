//! `unused-actor`: a front-matter `actors` entry that the briefing never mentions.

use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::text::TextRange;

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let Some(front_matter) = &context.document.front_matter else {
        return;
    };
    // The front-matter `title` and `bluf` are the briefing's own words too: an actor named only
    // in the bottom line ("bluf: Borrell will visit Cairo.") is used.
    let mut in_front_matter: Vec<String> = Vec::new();
    for text in [&front_matter.title, &front_matter.bluf]
        .into_iter()
        .flatten()
    {
        in_front_matter.extend(
            context
                .actors
                .find_names(text)
                .into_iter()
                .map(|(id, _)| id),
        );
    }
    for declared in &front_matter.declared_actors {
        let Some(actor) = context.actors.resolve(&declared.reference) else {
            continue;
        };
        if context.mentions.iter().any(|m| m.actor_id == actor.id)
            || in_front_matter.contains(&actor.id)
        {
            continue;
        }
        // An inline definition spans several lines: point at its id.
        let entry_end = front_matter.range.end.max(declared.range.end);
        let entry = &context.text[declared.range.start..entry_end];
        let range = entry
            .find(declared.reference.as_str())
            .map_or(declared.range, |i| {
                TextRange::new(
                    declared.range.start + i,
                    declared.range.start + i + declared.reference.len(),
                )
            });
        let mut d = diagnostic(
            RuleCode::UnusedActor,
            range,
            format!(
                "{} is declared but never mentioned: mention it or remove it",
                actor.name
            ),
        );
        // Only a one-line entry (`- id`) can be removed without touching its neighbours.
        if !declared.range.slice(context.text).contains('\n') {
            let line_start = context.text[..declared.range.start]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let line_end = context.text[declared.range.end..]
                .find('\n')
                .map_or(context.text.len(), |i| declared.range.end + i + 1);
            if context.text[line_start..declared.range.start].trim() == "-" {
                d.fixes.push(Fix::replace(
                    format!("Remove `{}`", declared.reference),
                    TextRange::new(line_start, line_end),
                    "",
                ));
            }
        }
        out.push(d);
    }
}
