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
    let sections = &document.sections;
    if sections
        .first()
        .is_some_and(|first| is_bluf_title(&first.title))
    {
        return;
    }
    // A lone top-level heading that opens the document is its title (`# Iran nuclear file`), not
    // its first section: the bottom line is then the first heading under it.
    if let [title, next, ..] = sections.as_slice()
        && next.parent == Some(0)
        && sections[1..].iter().all(|s| s.level > title.level)
        && is_bluf_title(&next.title)
    {
        return;
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

/// `Summary`, `Summary:`, `1. Key Judgments`, `I. Summary`, `Bottom Line Up Front (BLUF)`.
fn is_bluf_title(title: &str) -> bool {
    let mut title = super::missing_section::heading_key(title);
    if let Some(open) = title.rfind(" (")
        && title.ends_with(')')
    {
        title.truncate(open);
    }
    BLUF_TITLES.contains(&title.as_str())
}
