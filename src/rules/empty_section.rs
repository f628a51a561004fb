//! `empty-section`: a heading with no text before the next heading of the same or higher level.

use super::{Diagnostic, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for section in &context.document.sections {
        let body_start = section.heading_range.end.min(section.range.end);
        let body = &context.text[body_start..section.range.end];
        if body.trim().is_empty() {
            out.push(diagnostic(
                RuleCode::EmptySection,
                section.title_range,
                format!(
                    "section `{}` is empty: write it or remove the heading",
                    section.title
                ),
            ));
        }
    }
}
