//! `undeclared-actor`: when the front matter declares `actors`, a known actor that is mentioned
//! but not declared. Reported once per actor, at its first mention.

use std::collections::HashSet;

use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let Some(front_matter) = &context.document.front_matter else {
        return;
    };
    if front_matter.declared_actors.is_empty() {
        return;
    }
    let declared: HashSet<&str> = front_matter
        .declared_actors
        .iter()
        .filter_map(|d| context.actors.resolve(&d.reference))
        .map(|a| a.id.as_str())
        .collect();
    let last_item_end = front_matter
        .declared_actors
        .iter()
        .map(|d| d.range.end)
        .max();
    let mut reported = HashSet::new();
    for mention in context.mentions {
        // A source's own wording in a footnote ("EEAS press statement") is not the briefing
        // talking about that actor.
        if mention.in_footnote
            || declared.contains(mention.actor_id.as_str())
            || !reported.insert(mention.actor_id.as_str())
        {
            continue;
        }
        let name = context
            .actors
            .get(&mention.actor_id)
            .map_or(mention.actor_id.as_str(), |a| a.name.as_str());
        let mut d = diagnostic(
            RuleCode::UndeclaredActor,
            mention.range,
            format!(
                "{name} is mentioned but not declared in front-matter `actors`: add `{}`",
                mention.actor_id
            ),
        );
        if let Some(end) = last_item_end {
            // Insert after the line of the last declared actor, with the same indentation.
            let line_end = context.text[end..].find('\n').map_or(end, |i| end + i);
            let last = front_matter
                .declared_actors
                .iter()
                .max_by_key(|d| d.range.end)
                .map(|d| d.range.start)
                .unwrap_or(end);
            let line_start = context.text[..last].rfind('\n').map_or(0, |i| i + 1);
            let indent: String = context.text[line_start..last]
                .chars()
                .take_while(|c| *c == ' ' || *c == '-')
                .collect();
            let indent = if indent.contains('-') {
                indent
            } else {
                "  - ".to_owned()
            };
            d.fixes.push(Fix::insert(
                format!("Declare `{}` in front-matter `actors`", mention.actor_id),
                line_end,
                format!("\n{indent}{}", mention.actor_id),
            ));
        }
        out.push(d);
    }
}
