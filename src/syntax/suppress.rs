//! Suppression comments (SPEC §2.8): `<!-- briefing-ignore rule-a, rule-b -->` on its own line
//! silences rules on the next non-blank line; `briefing-disable` / `briefing-enable` a range.

use super::critic::in_code;
use crate::model::{ProblemKind, Suppression, SuppressionKind, SyntaxProblem};
use crate::rules::RuleCode;
use crate::text::TextRange;

pub(super) fn scan(
    text: &str,
    body_start: usize,
    code: &[TextRange],
    problems: &mut Vec<SyntaxProblem>,
) -> Vec<Suppression> {
    let mut suppressions = Vec::new();
    let mut offset = body_start;
    // `memmem` finds the few comments of a large text with SIMD; `str::find` walks every byte.
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[offset..], b"<!--") {
        let start = offset + found;
        offset = start + 4;
        // Look for the close after the opening: in `<!-->` the `-->` overlaps `<!--`, and the
        // slice of the inner text below was inverted (a panic on any such document).
        let Some(close) = text[start + 4..].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        let inner = text[start + 4..end - 3].trim();
        let Some((kind_word, rest)) = directive(inner) else {
            continue;
        };
        if in_code(code, start) || !on_own_line(text, start, end) {
            continue;
        }
        offset = end;
        let rest_start = start
            + 4
            + (text[start + 4..].len() - text[start + 4..].trim_start().len())
            + kind_word.len();
        let mut rules = Vec::new();
        let mut search_from = rest_start;
        for name in rest
            .split([',', ' ', '\t'])
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let at = text[search_from..end]
                .find(name)
                .map_or(search_from, |i| search_from + i);
            let range = TextRange::new(at, at + name.len());
            search_from = range.end;
            if RuleCode::from_name(name).is_none() {
                problems.push(SyntaxProblem {
                    kind: ProblemKind::UnknownRule,
                    range,
                    message: format!("unknown rule `{name}` in a suppression comment"),
                });
            }
            rules.push((name.to_owned(), range));
        }
        let kind = match kind_word {
            "briefing-ignore" => SuppressionKind::NextLine {
                line_range: next_non_blank_line(text, end),
            },
            "briefing-disable" => SuppressionKind::Disable,
            _ => SuppressionKind::Enable,
        };
        suppressions.push(Suppression {
            kind,
            rules,
            range: TextRange::new(start, end),
        });
    }
    suppressions
}

fn directive(inner: &str) -> Option<(&'static str, &str)> {
    for word in ["briefing-ignore", "briefing-disable", "briefing-enable"] {
        if let Some(rest) = inner.strip_prefix(word)
            && (rest.is_empty() || rest.starts_with([' ', '\t', ',', '\n', '\r']))
        {
            return Some((word, rest));
        }
    }
    None
}

fn on_own_line(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| end + i);
    text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty()
}

/// The first line after `offset` with any non-blank character, without its line ending.
fn next_non_blank_line(text: &str, offset: usize) -> TextRange {
    let mut start = offset;
    loop {
        let line_end = text[start..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| start + i);
        if !text[start..line_end].trim().is_empty() || line_end >= text.len() {
            let line = &text[start..line_end];
            let lead = line.len() - line.trim_start().len();
            return TextRange::new(start + lead, line_end);
        }
        start = line_end + 1;
        if text.as_bytes().get(line_end) == Some(&b'\r')
            && text.as_bytes().get(line_end + 1) == Some(&b'\n')
        {
            start += 1;
        }
    }
}
