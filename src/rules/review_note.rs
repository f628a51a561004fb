//! `review-note`: an open CriticMarkup comment or change, with accept / reject fixes.

use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::model::ReviewKind;

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for note in &context.document.review_notes {
        let (message, fixes) = match note.kind {
            ReviewKind::Comment => (
                format!("open review comment: {}", short(&note.text)),
                vec![Fix::replace("Resolve (remove) the comment", note.range, "")],
            ),
            ReviewKind::Highlight => (
                format!("highlighted for review: {}", short(&note.text)),
                vec![Fix::replace(
                    "Remove the highlight",
                    note.range,
                    note.text.clone(),
                )],
            ),
            ReviewKind::Insertion => (
                format!("proposed insertion: {}", short(&note.text)),
                vec![
                    Fix::replace("Accept the insertion", note.range, note.text.clone()),
                    Fix::replace("Reject the insertion", note.range, ""),
                ],
            ),
            ReviewKind::Deletion => (
                format!("proposed deletion: {}", short(&note.text)),
                vec![
                    Fix::replace("Accept the deletion", note.range, ""),
                    Fix::replace("Reject the deletion", note.range, note.text.clone()),
                ],
            ),
            ReviewKind::Substitution => {
                let new = note.replacement.clone().unwrap_or_default();
                (
                    format!(
                        "proposed change: `{}` → `{}`",
                        short(&note.text),
                        short(&new)
                    ),
                    vec![
                        Fix::replace("Accept the change", note.range, new),
                        Fix::replace("Reject the change", note.range, note.text.clone()),
                    ],
                )
            }
        };
        let mut d = diagnostic(RuleCode::ReviewNote, note.range, message);
        d.fixes = fixes;
        out.push(d);
    }
}

fn short(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX_CHARS {
        text
    } else {
        format!("{}…", text.chars().take(MAX_CHARS).collect::<String>())
    }
}
