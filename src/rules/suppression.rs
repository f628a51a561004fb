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
    let mut silenced: Vec<Silenced> = Vec::new();
    let mut open: Vec<Silenced> = Vec::new();
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
                silenced.extend(codes.into_iter().map(|code| Silenced::new(code, target)));
            }
            SuppressionKind::Disable => {
                let start = if at_top(suppression.range.start) {
                    0
                } else {
                    line
                };
                open.extend(codes.into_iter().map(|code| Silenced::new(code, start)));
            }
            SuppressionKind::Enable => {
                for code in codes {
                    // `briefing-enable` with no rule closes every open range.
                    let (closed, still_open): (Vec<_>, Vec<_>) = open
                        .drain(..)
                        .partition(|range| code.is_none() || range.rule == code);
                    open = still_open;
                    silenced.extend(closed.into_iter().map(|range| range.until(line)));
                    // `briefing-enable rule` inside a bare `briefing-disable`: that rule is
                    // back on from here, every other rule stays off.
                    if let Some(code) = code {
                        for range in open.iter_mut().filter(|range| range.rule.is_none()) {
                            if !range.except.contains(&code) {
                                let mut rest = range.clone();
                                rest.first = line;
                                rest.except.push(code);
                                silenced.push(std::mem::replace(range, rest).until(line));
                            }
                        }
                    }
                }
            }
        }
    }
    silenced.extend(open.into_iter().map(|range| range.until(usize::MAX)));
    diagnostics.retain(|diagnostic| {
        // A suppression cannot hide its own faults.
        if diagnostic.code == RuleCode::UnknownRule {
            return true;
        }
        let line = line_index.line_of(diagnostic.range.start);
        !silenced
            .iter()
            .any(|range| range.covers(diagnostic.code, line))
    });
}

/// Lines where a rule, or every rule but `except`, is silenced.
#[derive(Clone)]
struct Silenced {
    /// `None`: every rule.
    rule: Option<RuleCode>,
    first: usize,
    last: usize,
    /// Rules turned back on by `briefing-enable rule` within a bare `briefing-disable`.
    except: Vec<RuleCode>,
}

impl Silenced {
    fn new(rule: Option<RuleCode>, line: usize) -> Self {
        Silenced {
            rule,
            first: line,
            last: line,
            except: Vec::new(),
        }
    }

    fn until(mut self, last: usize) -> Self {
        self.last = last;
        self
    }

    /// The line first: most ranges hold neither the line nor the rule, and the line is the
    /// cheaper test (a document may have thousands of suppressions).
    #[inline]
    fn covers(&self, code: RuleCode, line: usize) -> bool {
        line >= self.first
            && line <= self.last
            && match self.rule {
                Some(rule) => rule == code,
                None => !self.except.contains(&code),
            }
    }
}
