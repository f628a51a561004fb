//! `dangling-footnote`: `[^label]` with no definition, or `[@key]` with no source.

use std::collections::HashSet;

use super::{Diagnostic, Fix, Related, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    // GFM matches footnote labels case-insensitively: `[^Note]` finds `[^note]:`.
    let defined: HashSet<String> = context
        .document
        .footnote_defs
        .iter()
        .map(|d| d.label.to_lowercase())
        .collect();
    let end = context.text.len();
    let newline = if context.text.ends_with('\n') || context.text.is_empty() {
        ""
    } else {
        "\n"
    };
    for reference in &context.document.footnote_refs {
        if defined.contains(&reference.label.to_lowercase()) {
            continue;
        }
        let mut d = diagnostic(
            RuleCode::DanglingFootnote,
            reference.range,
            format!(
                "footnote `[^{}]` has no definition: add `[^{}]: source`",
                reference.label, reference.label
            ),
        );
        d.fixes.push(Fix::insert(
            "Add a footnote definition",
            end,
            format!("{newline}\n[^{}]: ", reference.label),
        ));
        out.push(d);
    }
    for citation in &context.document.citations {
        for (key, range) in &citation.keys {
            if context.source_text(key).is_none() {
                let mut d = diagnostic(
                    RuleCode::DanglingFootnote,
                    *range,
                    format!(
                        "citation key `{key}` is not defined: add it to front-matter `sources` or briefing.toml [sources]"
                    ),
                );
                d.related.push(Related {
                    range: citation.range,
                    message: "cited here".into(),
                });
                out.push(d);
            }
        }
    }
}
