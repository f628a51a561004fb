//! `empty-section`: a heading with no text before the next heading of the same or higher level.

use super::{Diagnostic, RuleCode, RuleContext, diagnostic};
use crate::model::ReviewKind;

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for (index, section) in context.document.sections.iter().enumerate() {
        if index == 0 && is_document_title_line(context, section) {
            continue;
        }
        let body_start = section.heading_range.end.min(section.range.end);
        let body = &context.text[body_start..section.range.end];
        if body.trim().is_empty() || !has_content(context, body_start, section.range.end) {
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

/// Whether `start..end` holds anything a reader sees as the section's text: an HTML comment
/// (`<!-- TODO -->`), a CriticMarkup comment or deletion (analysis reads every change as
/// accepted) and a thematic break are none.
fn has_content(context: &RuleContext, start: usize, end: usize) -> bool {
    let text = context.text;
    // Review notes are in document order: only those inside the section are read.
    let notes = &context.document.review_notes;
    let first = notes.partition_point(|note| note.range.start < start);
    let mut hidden: Vec<(usize, usize)> = notes[first..]
        .iter()
        .take_while(|note| note.range.start < end)
        .filter(|note| matches!(note.kind, ReviewKind::Comment | ReviewKind::Deletion))
        .filter(|note| note.range.end <= end)
        .map(|note| (note.range.start, note.range.end))
        .collect();
    let mut from = start;
    while let Some(open) = text[from..end].find("<!--") {
        let open = from + open;
        let Some(close) = text[open + 4..end].find("-->") else {
            break;
        };
        let close = open + 4 + close + 3;
        hidden.push((open, close));
        from = close;
    }
    hidden.sort_unstable();
    let mut visible = String::new();
    let mut at = start;
    for (hide_start, hide_end) in hidden {
        if hide_start >= at {
            visible.push_str(&text[at..hide_start]);
            visible.push('\n');
        }
        at = at.max(hide_end);
    }
    visible.push_str(&text[at.min(end)..end]);
    visible
        .lines()
        .map(str::trim)
        .any(|line| !line.is_empty() && !is_thematic_break(line))
}

/// `---`, `***`, `___`, `- - -`: three or more of one mark and nothing else.
fn is_thematic_break(line: &str) -> bool {
    let marks: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    marks.len() >= 3 && matches!(marks[0], '-' | '*' | '_') && marks.iter().all(|&c| c == marks[0])
}

/// A title line (plain text, or Markdown without `#` headings) on the document's first line,
/// e.g. a cable's "SUBJECT: Horn of Africa weekly" above "SUMMARY": it names the document, and
/// title lines are all one level, so the next title would always make it "empty". So is a
/// title line in the block of lines that opens the document (a subtitle or date line).
fn is_document_title_line(context: &RuleContext, section: &crate::model::Section) -> bool {
    let body_start = context
        .document
        .front_matter
        .as_ref()
        .map_or(0, |front_matter| front_matter.range.end);
    let before = context.text.get(body_start..section.heading_range.start);
    // The masthead's other lines too: "Week ending 21 November 2026" or "Prepared by the
    // Press Unit, 18 November" right under the document's first line, with no blank line
    // between, dates or signs the document; it heads no text of its own.
    let in_masthead = |text: &str| {
        let text = text.trim_start();
        // `lines()` keeps a trailing blank line: a title after a blank line ("SUBJECT: …",
        // blank, "SUMMARY") starts the body and is no masthead line.
        text.ends_with(['\n', '\r']) && text.lines().all(|line| !line.trim().is_empty())
    };
    section.title_range == section.heading_range
        && !context.text[section.heading_range.start..].starts_with('#')
        && before.is_some_and(|text| text.trim().is_empty() || in_masthead(text))
}
