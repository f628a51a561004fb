//! Applies suppression comments (SPEC §2.8) to finished diagnostics.

use super::{Diagnostic, RuleCode};
use crate::model::{Document, SuppressionKind};
use crate::text::LineIndex;

pub fn apply_suppressions(
    document: &Document,
    line_index: &LineIndex,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if document.suppressions.is_empty() {
        return;
    }
    // A `briefing-disable` at the top of the body, with only blank lines and comments above it,
    // also covers the front matter and the first line, where whole-document findings
    // (`missing-section`, `missing-bluf`) and front-matter ones (`unused-actor`) are reported.
    // Where the body's first text starts, past blank lines and comments: found once, so that
    // thousands of suppressions stay linear.
    let body_start = document.front_matter.as_ref().map_or(0, |fm| fm.range.end);
    let top_end = {
        let body = text.get(body_start..).unwrap_or("");
        let mut rest = body.trim_start_matches('\u{feff}').trim_start();
        while let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(close) => rest = after[close + 3..].trim_start(),
                None => break,
            }
        }
        body_start + body.len() - rest.len()
    };
    let at_top = |offset: usize| offset < top_end;
    // (rule or every rule, first line, last line) silenced.
    let mut silenced: Vec<(Option<RuleCode>, usize, usize)> = Vec::new();
    let mut open: Vec<(Option<RuleCode>, usize)> = Vec::new();
    for suppression in &document.suppressions {
        let codes: Vec<Option<RuleCode>> = if suppression.rules.is_empty() {
            vec![None]
        } else {
            suppression
                .rules
                .iter()
                .filter_map(|(name, _)| RuleCode::from_name(name))
                .map(Some)
                .collect()
        };
        let line = line_index.line_of(suppression.range.start);
        match &suppression.kind {
            SuppressionKind::NextLine { line_range } => {
                let target = line_index.line_of(line_range.start);
                silenced.extend(codes.into_iter().map(|code| (code, target, target)));
            }
            SuppressionKind::Disable => {
                let start = if at_top(suppression.range.start) {
                    0
                } else {
                    line
                };
                open.extend(codes.into_iter().map(|code| (code, start)));
            }
            SuppressionKind::Enable => {
                for code in codes {
                    // `briefing-enable` with no rule closes every open range.
                    open.retain(|(open_code, start)| {
                        let closes = code.is_none() || *open_code == code;
                        if closes {
                            silenced.push((*open_code, *start, line));
                        }
                        !closes
                    });
                }
            }
        }
    }
    silenced.extend(
        open.into_iter()
            .map(|(code, start)| (code, start, usize::MAX)),
    );
    diagnostics.retain(|diagnostic| {
        // A suppression cannot hide its own faults.
        if diagnostic.code == RuleCode::UnknownRule {
            return true;
        }
        let line = line_index.line_of(diagnostic.range.start);
        !silenced.iter().any(|(code, first, last)| {
            code.is_none_or(|c| c == diagnostic.code) && (*first..=*last).contains(&line)
        })
    });
}
