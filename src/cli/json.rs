//! JSON shapes of SPEC §7, with LSP-style ranges (0-based lines, UTF-16 columns).

use serde::Serialize;

use crate::analysis::{ActorSummary, Analysis};
use crate::outline::{OutlineNode, document_outline};
use crate::rules::Diagnostic;
use crate::text::{LineIndex, PositionEncoding, TextRange};

#[derive(Serialize)]
pub struct JsonPosition {
    pub line: u32,
    pub character: u32,
}

#[derive(Serialize)]
pub struct JsonRange {
    pub start: JsonPosition,
    pub end: JsonPosition,
}

pub fn json_range(text: &str, index: &LineIndex, range: TextRange) -> JsonRange {
    let start = index.position(text, range.start, PositionEncoding::Utf16);
    let end = index.position(text, range.end, PositionEncoding::Utf16);
    JsonRange {
        start: JsonPosition {
            line: start.line,
            character: start.character,
        },
        end: JsonPosition {
            line: end.line,
            character: end.character,
        },
    }
}

#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub range: JsonRange,
    pub fixes: Vec<JsonFix>,
}

#[derive(Serialize)]
pub struct JsonFix {
    pub title: String,
    pub edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
pub struct JsonEdit {
    pub range: JsonRange,
    #[serde(rename = "newText")]
    pub new_text: String,
}

pub fn json_diagnostic(text: &str, index: &LineIndex, d: &Diagnostic) -> JsonDiagnostic {
    JsonDiagnostic {
        code: d.code.name(),
        severity: d.severity.name(),
        message: d.message.to_string(),
        range: json_range(text, index, d.range),
        fixes: d
            .fixes
            .iter()
            .map(|fix| JsonFix {
                title: fix.title.clone(),
                edits: fix
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        range: json_range(text, index, e.range),
                        new_text: e.new_text.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Serialize)]
pub struct JsonOutlineNode {
    pub name: String,
    pub kind: &'static str,
    pub level: u8,
    pub range: JsonRange,
    pub children: Vec<JsonOutlineNode>,
}

fn json_node(text: &str, index: &LineIndex, node: &OutlineNode) -> JsonOutlineNode {
    JsonOutlineNode {
        name: node.name.clone(),
        kind: node.kind.name(),
        level: node.level,
        range: json_range(text, index, node.range),
        children: node
            .children
            .iter()
            .map(|c| json_node(text, index, c))
            .collect(),
    }
}

/// The outline as SPEC §7 lists it: the document node when the briefing names itself (a
/// front-matter `title`), else its top-level sections and notes directly.
pub fn json_outline(text: &str, analysis: &Analysis) -> Vec<JsonOutlineNode> {
    let root = document_outline(analysis, text.len());
    let has_title = analysis
        .document
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.title.is_some());
    if has_title {
        vec![json_node(text, &analysis.line_index, &root)]
    } else {
        root.children
            .iter()
            .map(|c| json_node(text, &analysis.line_index, c))
            .collect()
    }
}

#[derive(Serialize)]
pub struct JsonActor {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub mentions: usize,
    pub forms: Vec<String>,
    pub declared: bool,
}

pub fn json_actors(summaries: Vec<ActorSummary>) -> Vec<JsonActor> {
    summaries
        .into_iter()
        .map(|s| JsonActor {
            id: s.id,
            name: s.name,
            kind: s.kind,
            mentions: s.mentions,
            forms: s.forms,
            declared: s.declared,
        })
        .collect()
}
