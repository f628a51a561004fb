//! The outline (SPEC §6 documentSymbol, §7 `outline`): document → sections → subsections, with
//! review notes listed under the section that holds them.

use crate::analysis::Analysis;
use crate::model::ReviewKind;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineKind {
    Document,
    Section,
    ReviewNote,
}

impl OutlineKind {
    pub fn name(self) -> &'static str {
        match self {
            OutlineKind::Document => "document",
            OutlineKind::Section => "section",
            OutlineKind::ReviewNote => "review-note",
        }
    }
}

#[derive(Clone, Debug)]
pub struct OutlineNode {
    pub name: String,
    pub kind: OutlineKind,
    /// 0 for the document, the heading level for sections, one below its section for notes.
    pub level: u8,
    pub range: TextRange,
    /// The part to select and show: the heading text, the note, the preamble for the document.
    pub selection_range: TextRange,
    pub children: Vec<OutlineNode>,
}

/// The document node with everything nested under it. Its selection range is the preamble
/// (text before the first heading), or the start of the text when there is none.
pub fn document_outline(analysis: &Analysis, text_len: usize) -> OutlineNode {
    let document = &analysis.document;
    let body_start = document.front_matter.as_ref().map_or(0, |fm| fm.range.end);
    let preamble_end = document
        .sections
        .first()
        .map_or(text_len, |s| s.range.start);
    let mut root = OutlineNode {
        name: analysis.title.clone(),
        kind: OutlineKind::Document,
        level: 0,
        range: TextRange::new(0, text_len),
        selection_range: TextRange::new(body_start.min(preamble_end), preamble_end),
        children: Vec::new(),
    };
    // Build bottom-up: each section's children are the sections whose parent it is.
    let mut nodes: Vec<OutlineNode> = document
        .sections
        .iter()
        .map(|s| OutlineNode {
            name: s.title.clone(),
            kind: OutlineKind::Section,
            level: s.level,
            range: s.range,
            selection_range: s.title_range,
            children: Vec::new(),
        })
        .collect();
    for note in &document.review_notes {
        let node = OutlineNode {
            name: review_title(note.kind, &note.text, note.replacement.as_deref()),
            kind: OutlineKind::ReviewNote,
            level: 0,
            range: note.range,
            selection_range: note.range,
            children: Vec::new(),
        };
        match document.section_at(note.range.start) {
            Some(index) => {
                let mut node = node;
                node.level = document.sections[index].level + 1;
                nodes[index].children.push(node);
            }
            None => root.children.push(node),
        }
    }
    for index in (0..nodes.len()).rev() {
        let node = std::mem::replace(&mut nodes[index], placeholder());
        match document.sections[index].parent {
            Some(parent) => nodes[parent].children.push(node),
            None => root.children.push(node),
        }
    }
    sort_children(&mut root);
    root
}

fn sort_children(node: &mut OutlineNode) {
    node.children.sort_by_key(|c| c.range.start);
    for child in &mut node.children {
        sort_children(child);
    }
}

fn placeholder() -> OutlineNode {
    OutlineNode {
        name: String::new(),
        kind: OutlineKind::Section,
        level: 0,
        range: TextRange::default(),
        selection_range: TextRange::default(),
        children: Vec::new(),
    }
}

fn review_title(kind: ReviewKind, text: &str, replacement: Option<&str>) -> String {
    let label = match kind {
        ReviewKind::Comment => "Comment",
        ReviewKind::Highlight => "Highlight",
        ReviewKind::Insertion => "Insertion",
        ReviewKind::Deletion => "Deletion",
        ReviewKind::Substitution => "Change",
    };
    let text = match replacement {
        Some(new) => format!("{text} → {new}"),
        None => text.to_owned(),
    };
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = text.chars().take(50).collect();
    let ellipsis = if text.chars().count() > 50 { "…" } else { "" };
    format!("{label}: {short}{ellipsis}")
}
