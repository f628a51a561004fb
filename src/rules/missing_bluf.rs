//! `missing-bluf`: with `[sections] bluf = true`, the briefing has neither a front-matter `bluf`
//! nor a first section named like a bottom line.

use std::sync::LazyLock;

use super::{Diagnostic, RuleCode, RuleContext, diagnostic};
use crate::fast_hash::FastSet;
use crate::text::TextRange;

/// Headings that carry a bottom line, compared in lowercase.
static BLUF_TITLES: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "summary",
        "executive summary",
        "bottom line",
        "bottom line up front",
        "bluf",
        "key judgments",
        "key judgements",
        "key points",
        "key takeaways",
        "main points",
        "overview",
        "in brief",
    ]
    .into_iter()
    .collect()
});

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let document = context.document;
    if document
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.bluf.as_deref().is_some_and(|b| !b.trim().is_empty()))
    {
        return;
    }
    if let Some(first) = document.sections.first() {
        let title = first.title.trim().trim_end_matches(':').to_lowercase();
        if BLUF_TITLES.contains(&title.as_str()) {
            return;
        }
    }
    // The document's first line: where a reader looks for its structure.
    let line = 0;
    let (start, end) = context.line_index.line_range(context.text, line);
    out.push(diagnostic(
        RuleCode::MissingBluf,
        TextRange::new(start, end),
        "no bottom line up front: add a `bluf` to the front matter or start with a Summary section",
    ));
}
