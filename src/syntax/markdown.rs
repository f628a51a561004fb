//! Markdown briefings: one pulldown-cmark pass gives headings, paragraph units (paragraphs, list
//! items, quotes), footnotes, links, code ranges and the prose mask.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Blocks, Heading};
use crate::model::{
    FootnoteDef, FootnoteRef, InlineLink, ParagraphKind, SectionLink, SectionTarget,
};
use crate::text::TextRange;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Item,
    Quote,
    Footnote,
}

/// Reads the Markdown body of `text` (from `body_start`) into `blocks`: on two threads when
/// `parallel` and the body is large enough, each parsing one half (`split.rs`), with the same
/// result as one thread.
pub(super) fn parse(text: &str, body_start: usize, blocks: &mut Blocks, parallel: bool) {
    if parallel && super::split::try_two_halves(text, body_start, blocks) {
        return;
    }
    read_part(
        text,
        body_start,
        &text[body_start..],
        text.len() - body_start,
        blocks,
    );
}

/// What reading one part of a body found besides its blocks, so that a caller can tell
/// whether the part read alone was read as in the whole document (`split.rs`).
#[derive(Default)]
pub(super) struct PartReport {
    /// Labels of the footnote definitions in the part, in order.
    pub footnote_labels: Vec<String>,
    /// Labels of the footnote definitions read after the part (see `read_part`'s `source`).
    pub appended_labels: Vec<String>,
    /// The last top-level block: whether it is a fenced code block or an HTML block (the
    /// blocks a blank line does not end), and where it ends in `source`.
    pub last_block: Option<(bool, usize)>,
    /// A top-level block ran past the part's end, into what was appended after it.
    pub spilled: bool,
    /// The part defines link references (`[label]: url`), which links anywhere may use.
    pub has_link_definitions: bool,
}

/// Reads `source[..part_len]`, which starts at `offset` in `text`, into `blocks`. `source`
/// is that part of `text` with, possibly, footnote definitions appended after it: they make
/// pulldown-cmark read references to footnotes defined elsewhere in the document, and are
/// only reported, never read into `blocks`.
pub(super) fn read_part(
    text: &str,
    offset: usize,
    source: &str,
    part_len: usize,
    blocks: &mut Blocks,
) -> PartReport {
    let body_start = offset;
    let mut report = PartReport::default();
    let mut depth = 0usize;
    let mut containers: Vec<Container> = Vec::new();
    let mut run: Option<(ParagraphKind, TextRange)> = None;
    let mut heading: Option<Heading> = None;
    let mut code_block_depth = 0usize;
    let mut image_depth = 0usize;
    // Table cells are data, not sentences: their words count for actors, not for the rules.
    let mut table_depth = 0usize;
    let mut footnote: Option<FootnoteDef> = None;

    let mut parser = Parser::new_ext(source, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES)
        .into_offset_iter();
    for (event, range) in parser.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && range.start < part_len {
                    let open_ended = matches!(tag, TagEnd::CodeBlock | TagEnd::HtmlBlock);
                    report.last_block = Some((open_ended, range.end));
                    report.spilled |= range.end > part_len;
                }
            }
            Event::Rule if depth == 0 => report.last_block = Some((false, range.end)),
            _ => {}
        }
        if range.start >= part_len {
            if let Event::Start(Tag::FootnoteDefinition(label)) = event {
                report.appended_labels.push(label.to_string());
            }
            continue;
        }
        // A block that runs past the part (into the appended definitions) is reported above,
        // and the part is then not used; clamped, it cannot reach past the text meanwhile.
        let range = TextRange::new(
            range.start + body_start,
            range.end.min(part_len) + body_start,
        );
        let in_footnote = footnote.is_some();
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    close_run(&mut run, blocks);
                    heading = Some(Heading::new(level as u8, range));
                }
                Tag::Table(_) => {
                    close_run(&mut run, blocks);
                    table_depth += 1;
                }
                Tag::Paragraph | Tag::HtmlBlock | Tag::DefinitionList => {
                    close_run(&mut run, blocks)
                }
                Tag::Item => {
                    close_run(&mut run, blocks);
                    containers.push(Container::Item);
                }
                Tag::BlockQuote(_) => {
                    close_run(&mut run, blocks);
                    containers.push(Container::Quote);
                }
                Tag::List(_) => {
                    close_run(&mut run, blocks);
                    if containers.is_empty() {
                        blocks.folds.push(trim_end_newlines(text, range));
                    }
                }
                Tag::FootnoteDefinition(label) => {
                    close_run(&mut run, blocks);
                    report.footnote_labels.push(label.to_string());
                    containers.push(Container::Footnote);
                    let label_end = text[range.start..range.end]
                        .find("]:")
                        .map_or(range.start, |i| range.start + i + 2);
                    footnote = Some(FootnoteDef {
                        label: label.to_string(),
                        label_range: TextRange::new(range.start, label_end),
                        range,
                        text: String::new(),
                    });
                }
                Tag::CodeBlock(_) => {
                    close_run(&mut run, blocks);
                    code_block_depth += 1;
                    blocks.code.push(range);
                }
                Tag::Link { dest_url, .. } if !in_footnote && heading.is_none() => {
                    link(text, range, &dest_url, blocks);
                    if table_depth == 0 {
                        extend_run(&mut run, &containers, range, blocks);
                    }
                }
                Tag::Image { .. } => image_depth += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    if let Some(h) = heading.take() {
                        blocks.headings.push(h.finish(text));
                    }
                }
                TagEnd::Table => {
                    close_run(&mut run, blocks);
                    table_depth = table_depth.saturating_sub(1);
                }
                TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::DefinitionList => {
                    close_run(&mut run, blocks)
                }
                TagEnd::Item | TagEnd::BlockQuote(_) => {
                    close_run(&mut run, blocks);
                    containers.pop();
                }
                TagEnd::FootnoteDefinition => {
                    close_run(&mut run, blocks);
                    containers.pop();
                    if let Some(mut def) = footnote.take() {
                        def.range =
                            trim_end_newlines(text, TextRange::new(def.range.start, range.end));
                        def.text = def.text.trim().to_owned();
                        blocks.folds.push(def.range);
                        blocks.footnote_defs.push(def);
                    }
                }
                TagEnd::CodeBlock => code_block_depth = code_block_depth.saturating_sub(1),
                TagEnd::Image => image_depth = image_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(content) => {
                if code_block_depth > 0 {
                    continue;
                }
                if let Some(h) = heading.as_mut() {
                    // Heading text is prose for actor mentions, but it is in no paragraph, so no
                    // sentence rule ever reads it.
                    h.add_text(range, &content);
                    blocks.copy_prose(text, range);
                } else if let Some(def) = footnote.as_mut() {
                    def.text.push_str(&content);
                    blocks.copy_prose(text, range);
                    if table_depth == 0 {
                        extend_run(&mut run, &containers, range, blocks);
                    }
                } else if image_depth == 0 {
                    blocks.copy_prose(text, range);
                    if table_depth == 0 {
                        extend_run(&mut run, &containers, range, blocks);
                    }
                }
            }
            Event::Code(content) => {
                blocks.code.push(range);
                if let Some(h) = heading.as_mut() {
                    h.add_text(range, &content);
                } else if let Some(def) = footnote.as_mut() {
                    def.text.push_str(&content);
                } else {
                    if table_depth == 0 {
                        extend_run(&mut run, &containers, range, blocks);
                    }
                }
            }
            Event::FootnoteReference(label) if heading.is_none() => {
                blocks.footnote_refs.push(FootnoteRef {
                    label: label.to_string(),
                    range,
                });
                if !in_footnote && table_depth == 0 {
                    extend_run(&mut run, &containers, range, blocks);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(def) = footnote.as_mut() {
                    def.text.push(' ');
                } else if heading.is_none() && table_depth == 0 {
                    extend_run(&mut run, &containers, range, blocks);
                }
            }
            Event::InlineHtml(_) | Event::InlineMath(_)
                if heading.is_none() && !in_footnote && table_depth == 0 =>
            {
                extend_run(&mut run, &containers, range, blocks);
            }
            Event::Rule => close_run(&mut run, blocks),
            _ => {}
        }
    }
    close_run(&mut run, blocks);
    report.has_link_definitions = parser.reference_definitions().iter().next().is_some();
    report
}

fn link(text: &str, range: TextRange, destination: &str, blocks: &mut Blocks) {
    if let Some(slug) = destination.strip_prefix('#') {
        // The slug as written sits after `](#` near the end of the link.
        let source = range.slice(text);
        let target_range = source
            .rfind("(#")
            .map(|i| {
                let start = range.start + i + 2;
                let end = source[i..]
                    .find(')')
                    .map_or(range.end, |j| range.start + i + j);
                TextRange::new(start, end.max(start))
            })
            .unwrap_or(range);
        blocks.section_links.push(SectionLink {
            target: SectionTarget::Slug(slug.to_owned()),
            range,
            target_range,
        });
    } else if is_source_url(destination) {
        blocks.links.push(InlineLink {
            range,
            url: destination.to_owned(),
        });
    }
}

pub(super) fn is_source_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with("doi:")
        || lower.starts_with("ftp://")
}

fn extend_run(
    run: &mut Option<(ParagraphKind, TextRange)>,
    containers: &[Container],
    range: TextRange,
    blocks: &mut Blocks,
) {
    let _ = blocks;
    match run {
        Some((_, current)) => current.end = current.end.max(range.end),
        None => {
            let kind = match containers.last() {
                Some(Container::Item) => ParagraphKind::ListItem,
                Some(Container::Quote) => ParagraphKind::Quote,
                Some(Container::Footnote) => ParagraphKind::FootnoteDefinition,
                None => ParagraphKind::Paragraph,
            };
            *run = Some((kind, range));
        }
    }
}

fn close_run(run: &mut Option<(ParagraphKind, TextRange)>, blocks: &mut Blocks) {
    if let Some((kind, range)) = run.take() {
        blocks.paragraphs.push((kind, range));
    }
}

fn trim_end_newlines(text: &str, range: TextRange) -> TextRange {
    let trimmed = range.slice(text).trim_end_matches(['\n', '\r']);
    TextRange::new(range.start, range.start + trimmed.len())
}
