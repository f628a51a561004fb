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
        let wanted = heading_key(required);
        if document
            .sections
            .iter()
            .any(|s| heading_key(&s.title) == wanted)
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

/// A heading as a reader names it: any case and spacing, without a section number (`1.`,
/// `2)`, `IV.`, `A.`), without closing punctuation (`Key risks:`, `What comes next?`), with
/// typographic apostrophes as typewriter ones. "Key Risks" is not "Key Risks and Mitigations".
pub fn heading_key(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 1 && is_section_number(words[0]) {
        words.remove(0);
    }
    words
        .join(" ")
        .trim_end_matches([':', '?', '.', '!', ';', ','])
        .trim_end()
        .replace(['\u{2018}', '\u{2019}'], "'")
}

/// `1.`, `2)`, `1.2.`, `iv.`, `a)`: a number that opens a heading.
fn is_section_number(word: &str) -> bool {
    let Some(number) = word.strip_suffix(['.', ')']) else {
        return false;
    };
    !number.is_empty()
        && (number.chars().all(|c| c.is_ascii_digit() || c == '.')
            || (number.len() <= 4 && number.chars().all(|c| "ivxlc".contains(c)))
            || (number.len() == 1 && number.chars().all(|c| c.is_ascii_lowercase())))
}
