//! `duplicate-section`: two headings with the same text at the same level under one parent.

use std::collections::HashMap;

use super::{Diagnostic, Related, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let mut first_seen: HashMap<(Option<usize>, u8, String), usize> = HashMap::new();
    for (index, section) in context.document.sections.iter().enumerate() {
        let key = (
            section.parent,
            section.level,
            section.title.trim().to_lowercase(),
        );
        match first_seen.get(&key) {
            None => {
                first_seen.insert(key, index);
            }
            Some(&first) => {
                let original = &context.document.sections[first];
                let line = context.line_index.line_of(original.heading_range.start) + 1;
                let mut d = diagnostic(
                    RuleCode::DuplicateSection,
                    section.title_range,
                    format!(
                        "section `{}` repeats the heading on line {line}: merge or rename them",
                        section.title
                    ),
                );
                d.related.push(Related {
                    range: original.title_range,
                    message: "first heading with this text".into(),
                });
                out.push(d);
            }
        }
    }
}
