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

pub(super) fn parse(text: &str, body_start: usize, blocks: &mut Blocks) {
    let body = &text[body_start..];
    let mut containers: Vec<Container> = Vec::new();
    let mut run: Option<(ParagraphKind, TextRange)> = None;
    let mut heading: Option<Heading> = None;
    let mut code_block_depth = 0usize;
    let mut image_depth = 0usize;
    // Table cells are data, not sentences: their words count for actors, not for the rules.
    let mut table_depth = 0usize;
    let mut footnote: Option<FootnoteDef> = None;

    let parser = Parser::new_ext(body, Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES)
        .into_offset_iter();
    for (event, range) in parser {
        let range = TextRange::new(range.start + body_start, range.end + body_start);
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
