//! `empty-section`: a heading with no text before the next heading of the same or higher level.

use super::{Diagnostic, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for (index, section) in context.document.sections.iter().enumerate() {
        if index == 0 && is_document_title_line(context, section) {
            continue;
        }
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

/// A title line (plain text, or Markdown without `#` headings) on the document's first line,
/// e.g. a cable's "SUBJECT: Horn of Africa weekly" above "SUMMARY": it names the document, and
/// title lines are all one level, so the next title would always make it "empty".
fn is_document_title_line(context: &RuleContext, section: &crate::model::Section) -> bool {
    let body_start = context
        .document
        .front_matter
        .as_ref()
        .map_or(0, |front_matter| front_matter.range.end);
    let before = context.text.get(body_start..section.heading_range.start);
    section.title_range == section.heading_range
        && !context.text[section.heading_range.start..].starts_with('#')
        && before.is_some_and(|text| text.trim().is_empty())
}
