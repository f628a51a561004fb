//! `missing-section`: a section listed in `[sections] required` is absent.

use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::model::Flavour;
use crate::text::TextRange;

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let document = context.document;
    // Report at the document's first line, where a reader looks for its structure.
    let (start, end) = context.line_index.line_range(context.text, 0);
    let anchor = TextRange::new(start, end);
    for required in &context.config.required_sections {
        let wanted = required.trim().to_lowercase();
        if document
            .sections
            .iter()
            .any(|s| s.title.trim().to_lowercase() == wanted)
        {
            continue;
        }
        let mut d = diagnostic(
            RuleCode::MissingSection,
            anchor,
            format!("required section `{required}` is missing: add a heading `{required}`"),
        );
        let heading = match document.flavour {
            Flavour::Markdown => format!("## {required}"),
            Flavour::PlainText => required.clone(),
        };
        let newline = if context.text.ends_with('\n') || context.text.is_empty() {
            ""
        } else {
            "\n"
        };
        d.fixes.push(Fix::insert(
            format!("Add a `{required}` section at the end"),
            context.text.len(),
            format!("{newline}\n{heading}\n\n"),
        ));
        out.push(d);
    }
}
