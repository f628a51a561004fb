//! Code actions (SPEC §6): every quick fix of a diagnostic as a `WorkspaceEdit`, plus "Ignore
//! <rule> on this line", which inserts `<!-- briefing-ignore <rule> -->` on its own line above.

use std::collections::HashMap;

use tower_lsp_server::ls_types as lsp;

use super::convert::{self, Lines};
use super::state::Snapshot;
use crate::rules::{Diagnostic, RuleCode};
use crate::text::TextRange;

pub fn code_actions(snapshot: &Snapshot, range: lsp::Range) -> Vec<lsp::CodeActionOrCommand> {
    let lines = Lines::of(snapshot);
    let wanted = lines.text_range(range);
    let mut out = Vec::new();
    let mut ignored: Vec<(RuleCode, usize)> = Vec::new();
    for diagnostic in &snapshot.analysis.diagnostics {
        if !touches(diagnostic.range, wanted) {
            continue;
        }
        let lsp_diagnostic = convert::diagnostic(lines, &snapshot.uri, diagnostic);
        for (i, fix) in diagnostic.fixes.iter().enumerate() {
            let edits = fix
                .edits
                .iter()
                .map(|edit| lsp::TextEdit {
                    range: lines.range(edit.range),
                    new_text: edit.new_text.clone(),
                })
                .collect();
            out.push(action(
                snapshot,
                fix.title.clone(),
                edits,
                lsp_diagnostic.clone(),
                i == 0 && has_likely_fix(diagnostic),
            ));
        }
        let line = lines.index.line_of(diagnostic.range.start);
        if can_ignore(snapshot, diagnostic) && !ignored.contains(&(diagnostic.code, line)) {
            ignored.push((diagnostic.code, line));
            out.push(ignore_action(snapshot, diagnostic, lsp_diagnostic));
        }
    }
    out
}

/// Whether the first fix is the one the writer most likely wants, which editors apply on
/// "auto fix". Not for a hedge: the writer has to choose how likely the event is, and the
/// nearest standard term is only where the list starts.
fn has_likely_fix(diagnostic: &Diagnostic) -> bool {
    diagnostic.code != RuleCode::EstimativeLanguage
}

/// A diagnostic range touches the requested range (a cursor at either end counts).
fn touches(diagnostic: TextRange, wanted: TextRange) -> bool {
    diagnostic.overlaps(wanted)
        || diagnostic.touches(wanted.start)
        || wanted.touches(diagnostic.start)
}

/// Suppressions go on their own line before the finding; inside front matter a comment would
/// break the YAML, and a configuration problem is not on a line of prose.
fn can_ignore(snapshot: &Snapshot, diagnostic: &Diagnostic) -> bool {
    let in_front_matter = snapshot
        .analysis
        .document
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.range.contains(diagnostic.range.start));
    !in_front_matter && diagnostic.code != RuleCode::InvalidConfig
}

fn ignore_action(
    snapshot: &Snapshot,
    diagnostic: &Diagnostic,
    lsp_diagnostic: lsp::Diagnostic,
) -> lsp::CodeActionOrCommand {
    let lines = Lines::of(snapshot);
    let line = lines.index.line_of(diagnostic.range.start);
    let line_start = lines.index.line_start(line);
    let (_, line_end) = lines.index.line_range(&snapshot.text, line);
    let indent: String = snapshot.text[line_start..line_end]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let newline = line_ending(&snapshot.text);
    let code = diagnostic.code.name();
    let edit = lsp::TextEdit {
        range: lines.range(TextRange::empty(line_start)),
        new_text: format!("{indent}<!-- briefing-ignore {code} -->{newline}"),
    };
    action(
        snapshot,
        format!("Ignore {code} on this line"),
        vec![edit],
        lsp_diagnostic,
        false,
    )
}

fn line_ending(text: &str) -> &'static str {
    match text.find(['\n', '\r']) {
        Some(i) if text[i..].starts_with("\r\n") => "\r\n",
        Some(i) if text[i..].starts_with('\r') => "\r",
        _ => "\n",
    }
}

fn action(
    snapshot: &Snapshot,
    title: String,
    edits: Vec<lsp::TextEdit>,
    diagnostic: lsp::Diagnostic,
    preferred: bool,
) -> lsp::CodeActionOrCommand {
    let mut changes = HashMap::new();
    changes.insert(snapshot.uri.clone(), edits);
    lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
        title,
        kind: Some(lsp::CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic]),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(changes),
            document_changes: None,
            change_annotations: None,
        }),
        command: None,
        is_preferred: preferred.then_some(true),
        disabled: None,
        data: None,
    })
}
