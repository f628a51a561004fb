//! Parsing a briefing (SPEC §2) into a [`Document`]. Parsing never fails: whatever is not
//! understood becomes a [`SyntaxProblem`] at its place and the rest is still read.

mod critic;
pub mod front_matter;
mod inline;
mod markdown;
mod plain;
pub mod sentences;
pub mod slug;
mod split;
mod suppress;

use crate::model::{
    Document, Flavour, FootnoteDef, FootnoteRef, InlineLink, Paragraph, ParagraphKind, Section,
    SectionLink, Sentence,
};
use crate::parallel;
use crate::text::{TextRange, floor_char_boundary};

/// Parses `text` as a briefing of the given flavour.
pub fn parse(text: &str, flavour: Flavour) -> Document {
    parse_on(text, flavour, parallel::worth_it(text.len()))
}

/// [`parse`], with the sentences of a large text split on two threads when `parallel`; the
/// result is the same either way.
pub(crate) fn parse_on(text: &str, flavour: Flavour, parallel: bool) -> Document {
    let mut problems = Vec::new();
    let (front_matter, body_start) = match front_matter::find_block(text) {
        Some((block, content)) => (
            Some(front_matter::parse(text, block, content, &mut problems)),
            block.end,
        ),
        None => (None, if text.starts_with('\u{feff}') { 3 } else { 0 }),
    };

    let mut blocks = Blocks::new(text.len());
    match flavour {
        Flavour::Markdown => {
            markdown::parse(text, body_start, &mut blocks, parallel);
            if blocks.headings.is_empty() {
                plain::title_lines_in_markdown(text, body_start, &mut blocks);
            }
        }
        Flavour::PlainText => plain::parse(text, body_start, &mut blocks),
    }

    // CriticMarkup is masked first: a `[^1]` inside a review comment is no reference.
    let review_notes = critic::scan(text, body_start, &blocks.code, &mut blocks.prose);
    let (inline, (suppressions, suppression_problems)) =
        scan_inline(text, &blocks, flavour, parallel, || {
            let mut problems = Vec::new();
            let suppressions = suppress::scan(text, body_start, &blocks.code, &mut problems);
            (suppressions, problems)
        });
    problems.extend(suppression_problems);
    inline.apply_masks(&mut blocks.prose);

    let prose = String::from_utf8(blocks.prose).unwrap_or_else(|_| " ".repeat(text.len()));
    blocks.paragraphs.sort_by_key(|(_, range)| range.start);
    let (paragraphs, sentences) = split_sentences(&prose, &blocks.paragraphs, parallel);

    let mut footnote_refs = blocks.footnote_refs;
    footnote_refs.extend(inline.footnote_refs);
    footnote_refs.sort_by_key(|r| r.range.start);
    let mut links = blocks.links;
    links.extend(inline.links);
    links.sort_by_key(|l| l.range.start);
    let mut section_links = blocks.section_links;
    section_links.extend(inline.section_links);
    section_links.sort_by_key(|l| l.range.start);
    let mut footnote_defs = blocks.footnote_defs;
    footnote_defs.sort_by_key(|d| d.range.start);
    let mut folds = blocks.folds;
    if let Some(fm) = &front_matter {
        folds.push(fm.range);
    }
    folds.sort_by_key(|r| r.start);

    Document {
        flavour,
        sections: build_sections(text, blocks.headings),
        prose,
        front_matter,
        paragraphs,
        sentences,
        explicit_mentions: inline.mentions,
        footnote_refs,
        footnote_defs,
        citations: inline.citations,
        links,
        section_links,
        review_notes,
        suppressions,
        folds,
        problems,
    }
}

/// The inline syntax of every paragraph, then of every heading title, as one scan in that
/// order finds it, with the masks still to apply; and what `beside` returns. When `parallel`
/// and the text is large, the paragraphs are cut where about half of their bytes are on
/// either side, and the second part, the headings and `beside` are done on a second thread.
fn scan_inline<T: Send>(
    text: &str,
    blocks: &Blocks,
    flavour: Flavour,
    parallel: bool,
    beside: impl FnOnce() -> T + Send,
) -> (inline::Inline, T) {
    // The scan takes about 0.5 ms per MB: as for sentences, below half a megabyte a second
    // thread would cost about what it saves.
    const TWO_THREADS_FROM: usize = 512 * 1024;
    let parallel = parallel && text.len() >= TWO_THREADS_FROM;
    let prose = &blocks.prose[..];
    let scan_all = |ranges: &mut dyn Iterator<Item = TextRange>| {
        let mut found = inline::Inline::default();
        for range in ranges {
            inline::scan(text, range, flavour, prose, &mut found);
        }
        found
    };
    let paragraphs = blocks.paragraphs.iter().map(|(_, range)| *range);
    let titles = blocks.headings.iter().map(|heading| heading.title_range);
    if !parallel {
        let found = scan_all(&mut paragraphs.chain(titles));
        return (found, beside());
    }
    let total: usize = blocks.paragraphs.iter().map(|(_, r)| r.len()).sum();
    let mut bytes = 0;
    let cut = blocks
        .paragraphs
        .iter()
        .position(|(_, range)| {
            bytes += range.len();
            bytes * 2 >= total
        })
        .map_or(blocks.paragraphs.len(), |at| at + 1);
    let (mut first, (second, beside)) = parallel::join(
        true,
        || scan_all(&mut paragraphs.clone().take(cut)),
        || {
            let found = scan_all(&mut paragraphs.clone().skip(cut).chain(titles));
            (found, beside())
        },
    );
    first.append(second);
    (first, beside)
}

/// The paragraphs (`paragraphs`, in order) with their sentences: when `parallel`, the
/// paragraphs are split in two halves, one per thread.
fn split_sentences(
    prose: &str,
    paragraphs: &[(ParagraphKind, TextRange)],
    parallel: bool,
) -> (Vec<Paragraph>, Vec<Sentence>) {
    // Splitting takes about 0.5 ms per MB: below half a megabyte, a second thread would cost
    // about what it saves, and a keystroke in a 100 KB briefing would wait for it to start.
    const TWO_THREADS_FROM: usize = 512 * 1024;
    let parallel = parallel && prose.len() >= TWO_THREADS_FROM;
    let cut = match parallel {
        true => paragraphs.partition_point(|(_, range)| range.start < prose.len() / 2),
        false => paragraphs.len(),
    };
    let (first, second) = paragraphs.split_at(cut);
    let ((mut paragraphs, mut sentences), (more_paragraphs, more_sentences)) = parallel::join(
        parallel,
        || split_run(prose, first, 0),
        || split_run(prose, second, cut),
    );
    let shift = sentences.len();
    paragraphs.extend(more_paragraphs.into_iter().map(|paragraph| Paragraph {
        sentences: paragraph.sentences.start + shift..paragraph.sentences.end + shift,
        ..paragraph
    }));
    sentences.extend(more_sentences);
    (paragraphs, sentences)
}

/// The sentences of a run of paragraphs, the first of which is paragraph `first_index`; each
/// paragraph's `sentences` count from the run's first sentence.
fn split_run(
    prose: &str,
    run: &[(ParagraphKind, TextRange)],
    first_index: usize,
) -> (Vec<Paragraph>, Vec<Sentence>) {
    let mut paragraphs = Vec::with_capacity(run.len());
    let mut sentences = Vec::new();
    for (kind, range) in run {
        let first = sentences.len();
        if *kind != ParagraphKind::FootnoteDefinition {
            sentences::split(
                prose,
                *range,
                first_index + paragraphs.len(),
                &mut sentences,
            );
        }
        paragraphs.push(Paragraph {
            kind: *kind,
            range: *range,
            sentences: first..sentences.len(),
        });
    }
    (paragraphs, sentences)
}

/// What the block parsers (Markdown or plain text) hand to the shared inline stage.
#[derive(Debug)]
pub(crate) struct Blocks {
    /// Spaces except where prose has been copied in; the text's length from `prose_offset`.
    prose: Vec<u8>,
    /// Where `prose` starts in the text: 0, or where the second half starts when a body is
    /// parsed in two halves (`split.rs`).
    prose_offset: usize,
    headings: Vec<HeadingOut>,
    paragraphs: Vec<(ParagraphKind, TextRange)>,
    /// Code blocks and code spans: never prose, never annotations.
    code: Vec<TextRange>,
    footnote_refs: Vec<FootnoteRef>,
    footnote_defs: Vec<FootnoteDef>,
    links: Vec<InlineLink>,
    section_links: Vec<SectionLink>,
    folds: Vec<TextRange>,
}

impl Blocks {
    fn new(len: usize) -> Blocks {
        Blocks::for_part(0, len)
    }

    /// The blocks of the text from `offset` to `len`.
    fn for_part(offset: usize, len: usize) -> Blocks {
        Blocks {
            prose: vec![b' '; len - offset],
            prose_offset: offset,
            headings: Vec::new(),
            paragraphs: Vec::new(),
            code: Vec::new(),
            footnote_refs: Vec::new(),
            footnote_defs: Vec::new(),
            links: Vec::new(),
            section_links: Vec::new(),
            folds: Vec::new(),
        }
    }

    fn copy_prose(&mut self, text: &str, range: TextRange) {
        let start = floor_char_boundary(text, range.start);
        let end = floor_char_boundary(text, range.end);
        let offset = self.prose_offset;
        self.prose[start - offset..end - offset].copy_from_slice(&text.as_bytes()[start..end]);
    }

    /// Adds the blocks of the part of the text that follows these ones (`for_part`).
    fn append(&mut self, next: Blocks) {
        let start = self.prose_offset + self.prose.len() - next.prose.len();
        debug_assert_eq!(start, next.prose_offset);
        self.prose[start - self.prose_offset..].copy_from_slice(&next.prose);
        self.headings.extend(next.headings);
        self.paragraphs.extend(next.paragraphs);
        self.code.extend(next.code);
        self.footnote_refs.extend(next.footnote_refs);
        self.footnote_defs.extend(next.footnote_defs);
        self.links.extend(next.links);
        self.section_links.extend(next.section_links);
        self.folds.extend(next.folds);
    }
}

/// Replaces `range` of the prose mask with spaces, widening it to char boundaries of the prose
/// so that the mask stays valid UTF-8.
pub(crate) fn mask(prose: &mut [u8], range: TextRange) {
    let mut start = range.start.min(prose.len());
    let mut end = range.end.min(prose.len());
    while start > 0 && (prose[start] & 0xC0) == 0x80 {
        start -= 1;
    }
    while end < prose.len() && (prose[end] & 0xC0) == 0x80 {
        end += 1;
    }
    prose[start..end].fill(b' ');
}

#[derive(Debug)]
pub(crate) struct HeadingOut {
    level: u8,
    heading_range: TextRange,
    title_range: TextRange,
    title: String,
}

/// A Markdown heading being read.
pub(crate) struct Heading {
    level: u8,
    range: TextRange,
    title: String,
    title_range: Option<TextRange>,
}

impl Heading {
    fn new(level: u8, range: TextRange) -> Heading {
        Heading {
            level,
            range,
            title: String::new(),
            title_range: None,
        }
    }

    fn add_text(&mut self, range: TextRange, content: &str) {
        self.title.push_str(content);
        self.title_range = Some(match self.title_range {
            Some(r) => TextRange::new(r.start, range.end),
            None => range,
        });
    }

    fn finish(self, text: &str) -> HeadingOut {
        let raw = self.range.slice(text).trim_end_matches(['\n', '\r']);
        let heading_range = TextRange::new(self.range.start, self.range.start + raw.len());
        let title_range = self
            .title_range
            .unwrap_or(TextRange::empty(heading_range.end));
        HeadingOut {
            level: self.level,
            heading_range,
            title_range,
            title: self.title.trim().to_owned(),
        }
    }
}

fn build_sections(text: &str, headings: Vec<HeadingOut>) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(headings.len());
    let mut slugs = slug::SlugCounter::default();
    // Indices of the open sections, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for heading in headings {
        while let Some(&last) = open.last() {
            if sections[last].level >= heading.level {
                sections[last].range.end = heading.heading_range.start;
                open.pop();
            } else {
                break;
            }
        }
        let index = sections.len();
        sections.push(Section {
            slug: slugs.unique(&heading.title),
            title: heading.title,
            level: heading.level,
            heading_range: heading.heading_range,
            title_range: heading.title_range,
            range: TextRange::new(heading.heading_range.start, text.len()),
            parent: open.last().copied(),
        });
        open.push(index);
    }
    // Open sections run to the end of the text, without trailing blank lines.
    let end = text.trim_end().len();
    for index in open {
        sections[index].range.end = end.max(sections[index].heading_range.end);
    }
    for section in &mut sections {
        let trimmed = section.range.slice(text).trim_end().len();
        section.range.end = section.range.start + trimmed.max(section.heading_range.len());
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    /// From half a megabyte, sentences are split on two threads: the document must be what
    /// one thread makes of it, in both flavours.
    #[test]
    fn sentences_split_on_two_threads_as_on_one() {
        let example = include_str!("../../examples/annotated/annotated-example.brief.md");
        let plain = include_str!("../../examples/peace-talks.txt");
        for (text, flavour) in [
            (example.repeat(240), Flavour::Markdown),
            (plain.repeat(260), Flavour::PlainText),
        ] {
            assert!(text.len() >= 512 * 1024, "{} bytes: too small", text.len());
            let one = parse_on(&text, flavour, false);
            let two = parse_on(&text, flavour, true);
            assert!(one.sentences.len() > 1000);
            // `Document` has no `PartialEq`; its `Debug` form shows every field.
            assert_eq!(format!("{one:?}"), format!("{two:?}"));
        }
    }
}
