//! Semantic tokens (actors by kind, citations, estimative terms, review notes) and inlay hints
//! (estimative ranges, off unless the `inlayHints` setting is true).

use tower_lsp_server::ls_types as lsp;

use super::convert::Lines;
use super::state::Snapshot;
use crate::actors::ActorKind;
use crate::text::TextRange;

/// Token types in legend order; clients map them to colours (documented in docs/server.md).
pub const TOKEN_TYPES: [&str; 9] = [
    "person",
    "state",
    "government",
    "organization",
    "group",
    "place",
    "citation",
    "estimativeTerm",
    "reviewNote",
];

/// `explicit` marks `@id` mentions; `footnote` marks mentions inside a footnote's text.
pub const TOKEN_MODIFIERS: [&str; 2] = ["explicit", "footnote"];

pub fn legend() -> lsp::SemanticTokensLegend {
    lsp::SemanticTokensLegend {
        token_types: TOKEN_TYPES
            .iter()
            .map(|t| lsp::SemanticTokenType::new(t))
            .collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| lsp::SemanticTokenModifier::new(m))
            .collect(),
    }
}

fn actor_type(kind: ActorKind) -> u32 {
    match kind {
        ActorKind::Person => 0,
        ActorKind::State => 1,
        ActorKind::Government => 2,
        ActorKind::Organization => 3,
        ActorKind::Group => 4,
        ActorKind::Place => 5,
    }
}
const CITATION: u32 = 6;
const ESTIMATIVE: u32 = 7;
const REVIEW_NOTE: u32 = 8;

/// Tokens in `within` (the whole text for `full`), encoded relative to each other.
pub fn tokens(snapshot: &Snapshot, within: Option<lsp::Range>) -> lsp::SemanticTokens {
    let lines = Lines::of(snapshot);
    let within = within.map_or(TextRange::new(0, snapshot.text.len()), |r| {
        lines.text_range(r)
    });
    let analysis = &snapshot.analysis;
    let document = &analysis.document;
    let mut raw: Vec<(TextRange, u32, u32)> = Vec::new();
    for mention in &analysis.mentions {
        if let Some(actor) = analysis.actors.get(&mention.actor_id) {
            let modifiers = u32::from(mention.explicit) | (u32::from(mention.in_footnote) << 1);
            raw.push((mention.range, actor_type(actor.kind), modifiers));
        }
    }
    raw.extend(
        document
            .footnote_refs
            .iter()
            .map(|r| (r.range, CITATION, 0)),
    );
    raw.extend(document.citations.iter().map(|c| (c.range, CITATION, 0)));
    raw.extend(
        analysis
            .estimative_terms
            .iter()
            .map(|t| (t.range, ESTIMATIVE, 0)),
    );
    raw.extend(
        document
            .review_notes
            .iter()
            .map(|n| (n.range, REVIEW_NOTE, 0)),
    );
    raw.retain(|(range, _, _)| range.overlaps(within) && !range.is_empty());
    // Tokens may not overlap: the earlier (then the longer) one wins.
    raw.sort_by_key(|(range, _, _)| (range.start, std::cmp::Reverse(range.end)));
    let mut data = Vec::with_capacity(raw.len());
    let mut covered_until = 0;
    let (mut previous_line, mut previous_start) = (0u32, 0u32);
    for (range, token_type, modifiers) in raw {
        if range.start < covered_until {
            continue;
        }
        covered_until = range.end;
        // A token may not span lines: emit one per line.
        let first_line = lines.index.line_of(range.start);
        let last_line = lines
            .index
            .line_of(range.end.saturating_sub(1).max(range.start));
        for line in first_line..=last_line {
            let (line_start, line_end) = lines.index.line_range(&snapshot.text, line);
            let start = range.start.max(line_start);
            let end = range.end.min(line_end);
            if end <= start {
                continue;
            }
            let start_position = lines.position(start);
            let end_position = lines.position(end);
            let length = end_position.character - start_position.character;
            let delta_line = start_position.line - previous_line;
            let delta_start = if delta_line == 0 {
                start_position.character - previous_start
            } else {
                start_position.character
            };
            data.push(lsp::SemanticToken {
                delta_line,
                delta_start,
                length,
                token_type,
                token_modifiers_bitset: modifiers,
            });
            previous_line = start_position.line;
            previous_start = start_position.character;
        }
    }
    lsp::SemanticTokens {
        result_id: None,
        data,
    }
}

/// ` ⟨55–80%⟩` after each standard estimative term, when enabled.
pub fn inlay_hints(snapshot: &Snapshot, range: lsp::Range) -> Vec<lsp::InlayHint> {
    if !snapshot.config.inlay_hints {
        return Vec::new();
    }
    let lines = Lines::of(snapshot);
    let within = lines.text_range(range);
    snapshot
        .analysis
        .estimative_terms
        .iter()
        .filter(|t| within.touches(t.range.end) || within.overlaps(t.range))
        .map(|term| lsp::InlayHint {
            position: lines.position(term.range.end),
            label: lsp::InlayHintLabel::String(format!(
                "⟨{}–{}%⟩",
                term.low_percent, term.high_percent
            )),
            kind: None,
            text_edits: None,
            tooltip: Some(lsp::InlayHintTooltip::String(format!(
                "ICD 203: {}",
                term.row
            ))),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect()
}
