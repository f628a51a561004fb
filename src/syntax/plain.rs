//! Plain-text briefings: every line is a paragraph, list items start with a bullet or number,
//! and sections are title lines (SPEC §2.2).

use super::{Blocks, HeadingOut};
use crate::model::{FootnoteDef, ParagraphKind};
use crate::text::TextRange;

/// Title lines are level-2 sections.
const TITLE_LINE_LEVEL: u8 = 2;

struct Line {
    range: TextRange,
    kind: LineKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineKind {
    Blank,
    /// An HTML comment on its own line (suppressions live there).
    Comment,
    Text,
    /// A list item; the offset is where its text starts after the marker.
    ListItem(usize),
    FootnoteDefinition,
}

pub(super) fn parse(text: &str, body_start: usize, blocks: &mut Blocks) {
    let lines = classify_lines(text, body_start);
    let titles = title_line_indices(text, &lines);
    let mut next_title = titles.iter().peekable();
    for (index, line) in lines.iter().enumerate() {
        let line_text = line.range.slice(text);
        match line.kind {
            LineKind::Blank | LineKind::Comment => {}
            LineKind::Text if next_title.peek() == Some(&&index) => {
                next_title.next();
                let heading = title_heading(text, line.range);
                blocks.copy_prose(text, heading.heading_range);
                blocks.headings.push(heading);
            }
            LineKind::Text => {
                let range = trimmed(text, line.range);
                blocks.copy_prose(text, range);
                blocks.paragraphs.push((ParagraphKind::Paragraph, range));
            }
            LineKind::ListItem(text_start) => {
                let range = trimmed(text, TextRange::new(text_start, line.range.end));
                blocks.copy_prose(text, range);
                blocks.paragraphs.push((ParagraphKind::ListItem, range));
            }
            LineKind::FootnoteDefinition => {
                // `classify_lines` allows leading whitespace, which may be multi-byte (U+2028):
                // slice from the `[^` marker, not from the line start, or the label slice
                // below panics.
                let indent = line_text.len() - line_text.trim_start().len();
                let close = line_text.find("]:").unwrap_or(0).max(indent + 2);
                let content = trimmed(
                    text,
                    TextRange::new(line.range.start + close + 2, line.range.end),
                );
                blocks.copy_prose(text, content);
                blocks
                    .paragraphs
                    .push((ParagraphKind::FootnoteDefinition, content));
                blocks.footnote_defs.push(FootnoteDef {
                    label: line_text[indent + 2..close].to_owned(),
                    label_range: TextRange::new(
                        line.range.start + indent,
                        line.range.start + close + 2,
                    ),
                    range: line.range,
                    text: line_text[close + 2..].trim().to_owned(),
                });
            }
        }
    }
}

/// Markdown with no heading at all: single-line paragraphs that look like title lines are
/// sections, as in plain text.
pub(super) fn title_lines_in_markdown(text: &str, body_start: usize, blocks: &mut Blocks) {
    let lines = classify_lines(text, body_start);
    let single_line_paragraphs: Vec<TextRange> = blocks
        .paragraphs
        .iter()
        .filter(|(kind, range)| {
            *kind == ParagraphKind::Paragraph && !range.slice(text).contains(['\n', '\r'])
        })
        .map(|(_, range)| *range)
        .collect();
    let titles = title_line_indices(text, &lines);
    let mut title_ranges = Vec::new();
    for index in titles {
        let line = trimmed(text, lines[index].range);
        if single_line_paragraphs
            .binary_search_by_key(&line.start, |r| r.start)
            .is_ok()
        {
            title_ranges.push(line);
        }
    }
    if title_ranges.is_empty() {
        return;
    }
    blocks.paragraphs.retain(|(_, range)| {
        title_ranges
            .binary_search_by_key(&range.start, |r| r.start)
            .is_err()
    });
    for range in title_ranges {
        // The title stays in the prose mask (actors are mentioned in headings too) but leaves
        // the paragraphs, so no sentence rule reads it.
        blocks.headings.push(title_heading(text, range));
    }
}

fn title_heading(text: &str, range: TextRange) -> HeadingOut {
    let range = trimmed(text, range);
    HeadingOut {
        level: TITLE_LINE_LEVEL,
        heading_range: range,
        title_range: range,
        title: range.slice(text).to_owned(),
    }
}

fn classify_lines(text: &str, body_start: usize) -> Vec<Line> {
    let mut lines = Vec::new();
    let bytes = text.as_bytes();
    let mut start = body_start;
    while start < text.len() {
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' && bytes[end] != b'\r' {
            end += 1;
        }
        let range = TextRange::new(start, end);
        lines.push(Line {
            range,
            kind: classify(text, range),
        });
        start = end;
        if start < bytes.len() && bytes[start] == b'\r' {
            start += 1;
        }
        if start < bytes.len() && bytes[start] == b'\n' {
            start += 1;
        }
    }
    lines
}

fn classify(text: &str, range: TextRange) -> LineKind {
    let line = range.slice(text);
    let trimmed_line = line.trim_start();
    if trimmed_line.trim().is_empty() {
        return LineKind::Blank;
    }
    let indent = line.len() - trimmed_line.len();
    if trimmed_line.starts_with("<!--") && trimmed_line.trim_end().ends_with("-->") {
        return LineKind::Comment;
    }
    if trimmed_line.starts_with("[^") && trimmed_line.contains("]:") {
        return LineKind::FootnoteDefinition;
    }
    match list_marker_len(trimmed_line) {
        Some(marker) => LineKind::ListItem(range.start + indent + marker),
        None => LineKind::Text,
    }
}

/// The length of a list marker and the space after it: `- `, `* `, `+ `, `• `, `1. `, `2) `.
pub(super) fn list_marker_len(line: &str) -> Option<usize> {
    for bullet in ["- ", "* ", "+ ", "• ", "– "] {
        if line.starts_with(bullet) {
            return Some(bullet.len());
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 2);
        }
    }
    None
}

/// Indices of the lines that are title lines (SPEC §2.2).
fn title_line_indices(text: &str, lines: &[Line]) -> Vec<usize> {
    let mut titles = Vec::new();
    let first_content = lines.iter().position(|l| l.kind != LineKind::Blank);
    // Whether any text follows line `i`, computed backwards once so the whole pass is linear.
    let mut text_after = vec![false; lines.len()];
    let mut seen = false;
    for i in (0..lines.len()).rev() {
        text_after[i] = seen;
        seen |= matches!(lines[i].kind, LineKind::Text | LineKind::ListItem(_));
    }
    for (i, line) in lines.iter().enumerate() {
        if line.kind != LineKind::Text
            || !text_after[i]
            || !looks_like_title(line.range.slice(text))
        {
            continue;
        }
        let next_is_blank = lines.get(i + 1).is_some_and(|l| l.kind == LineKind::Blank);
        if Some(i) == first_content && !next_is_blank {
            continue;
        }
        titles.push(i);
    }
    titles
}

/// The line-local part of the title-line rule: short, no closing punctuation, starts with an
/// uppercase letter or digit.
pub(super) fn looks_like_title(line: &str) -> bool {
    let line = line.trim();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    line.chars().count() <= 80
        && line.split_whitespace().count() <= 12
        && !matches!(last, '.' | '!' | '?' | ':' | ';' | ',')
        && (first.is_uppercase() || first.is_ascii_digit())
        && line.chars().any(char::is_alphabetic)
        && list_marker_len(line).is_none()
        && !line.starts_with('|')
        && !is_memo_header_field(line)
}

/// A field of a memo or cable header ("From: Office of Policy Planning", "Subject: Baltic
/// cables", "To: The Secretary"): a label and its value, not a section title. Taken for titles,
/// a header block became a run of empty sections. "Annex: Questions and answers" keeps its
/// title: only the usual header labels count.
fn is_memo_header_field(line: &str) -> bool {
    let Some((label, value)) = line.split_once(':') else {
        return false;
    };
    !value.trim().is_empty()
        && matches!(
            label.trim().to_ascii_lowercase().as_str(),
            "from"
                | "to"
                | "subject"
                | "subj"
                | "re"
                | "ref"
                | "date"
                | "cc"
                | "attn"
                | "through"
                | "thru"
                | "via"
                | "info"
                | "drafted"
                | "cleared"
                | "approved"
                | "classification"
        )
}

fn trimmed(text: &str, range: TextRange) -> TextRange {
    let slice = range.slice(text);
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    TextRange::new(start, end.max(start))
}
