//! Inline syntax that CommonMark does not know, found in the prose of one paragraph:
//! `[^label]` (when pulldown-cmark left it as text), `[@key]` citations, `[[Heading]]` links,
//! bare URLs, `@mentions`, and in plain text also `[text](url)` links.

use super::markdown::is_source_url;
use super::mask;
use crate::model::{
    Citation, ExplicitMention, Flavour, FootnoteRef, InlineLink, SectionLink, SectionTarget,
};
use crate::text::TextRange;

#[derive(Default)]
pub(super) struct Inline {
    pub footnote_refs: Vec<FootnoteRef>,
    pub citations: Vec<Citation>,
    pub section_links: Vec<SectionLink>,
    pub links: Vec<InlineLink>,
    pub mentions: Vec<ExplicitMention>,
    /// What to blank out of the prose mask, in the order found ([`Inline::apply_masks`]).
    /// The scan only reads the prose, so that two threads can scan disjoint paragraphs of
    /// one mask. Masking as it goes would change nothing it reads: it goes on after each
    /// construct, and where it looks back (the byte before `@` or a URL, the `http` before
    /// `:`), a construct's last byte is never a word byte and a URL start before the current
    /// position is discarded.
    pub masks: Vec<TextRange>,
}

impl Inline {
    /// Appends what the scan of later paragraphs found.
    pub fn append(&mut self, mut later: Inline) {
        self.footnote_refs.append(&mut later.footnote_refs);
        self.citations.append(&mut later.citations);
        self.section_links.append(&mut later.section_links);
        self.links.append(&mut later.links);
        self.mentions.append(&mut later.mentions);
        self.masks.append(&mut later.masks);
    }

    /// Blanks the constructs found out of the prose mask.
    pub fn apply_masks(&self, prose: &mut [u8]) {
        for range in &self.masks {
            mask(prose, *range);
        }
    }
}

pub(super) fn scan(text: &str, range: TextRange, flavour: Flavour, prose: &[u8], out: &mut Inline) {
    let mut i = range.start;
    let end = range.end.min(prose.len());
    // Inline syntax starts at `[` or `@`, or is a URL, found by the `:` of `http:`/`https:` or
    // the `.` of `www.`: the bytes to look at are found with memchr, not one by one.
    let marks = |from: usize, prose: &[u8]| {
        memchr::memchr3(b'[', b'@', b':', &prose[from..end]).map_or(end, |at| from + at)
    };
    let dots = |from: usize, prose: &[u8]| {
        memchr::memchr(b'.', &prose[from..end]).map_or(end, |at| from + at)
    };
    let (mut next_mark, mut next_dot) = (marks(i, prose), dots(i, prose));
    while i < end {
        if next_mark < i {
            next_mark = marks(i, prose);
        }
        if next_dot < i {
            next_dot = dots(i, prose);
        }
        let at = next_mark.min(next_dot);
        if at >= end {
            break;
        }
        let next = match prose[at] {
            b'[' => bracket(text, prose, at, end, flavour, out),
            b'@' => mention(prose, range.start, at, end, out),
            // A URL's first letters (`http`, `www`) hold no `[`, `@`, `:` or `.`: no mark
            // between its start and `at` was passed over.
            _ => url_start(prose, at)
                .filter(|start| *start >= i)
                .and_then(|start| url(prose, range.start, start, end, out)),
        };
        i = next.unwrap_or(at + 1);
    }
}

/// Whether the byte at `at` follows an odd run of backslashes.
fn escaped(text: &[u8], at: usize) -> bool {
    text[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Where a URL would start, given the `:` after `http`/`https` or the `.` after `www` at `at`.
fn url_start(prose: &[u8], at: usize) -> Option<usize> {
    let after =
        |word: &[u8]| at >= word.len() && prose[at - word.len()..at].eq_ignore_ascii_case(word);
    match prose[at] {
        b'.' if after(b"www") => Some(at - 3),
        b':' if after(b"http") => Some(at - 4),
        b':' if after(b"https") => Some(at - 5),
        _ => None,
    }
}

fn bracket(
    text: &str,
    prose: &[u8],
    start: usize,
    end: usize,
    flavour: Flavour,
    out: &mut Inline,
) -> Option<usize> {
    let rest = &prose[start..end];
    // `\[^1]`, `\[@key]`, `\[[Heading]]`: an escaped bracket is literal text in Markdown.
    if flavour == Flavour::Markdown && escaped(text.as_bytes(), start) {
        return None;
    }
    if rest.starts_with(b"[^") {
        let close = find_byte(rest, b']')?;
        let label = std::str::from_utf8(&rest[2..close]).ok()?;
        if label.is_empty() || label.contains(char::is_whitespace) {
            return None;
        }
        let range = TextRange::new(start, start + close + 1);
        out.footnote_refs.push(FootnoteRef {
            label: label.to_owned(),
            range,
        });
        out.masks.push(range);
        return Some(range.end);
    }
    if rest.starts_with(b"[[") {
        let close = find_subslice(rest, b"]]")?;
        let target = std::str::from_utf8(&rest[2..close]).ok()?;
        if target.trim().is_empty() || target.contains(['[', '\n', '\r']) {
            return None;
        }
        let range = TextRange::new(start, start + close + 2);
        let lead = target.len() - target.trim_start().len();
        let target_range = TextRange::new(start + 2 + lead, start + 2 + lead + target.trim().len());
        out.section_links.push(SectionLink {
            target: SectionTarget::Heading(target.trim().to_owned()),
            range,
            target_range,
        });
        out.masks.push(range);
        return Some(range.end);
    }
    if rest.starts_with(b"[@") || rest.starts_with(b"[-@") {
        let close = find_byte(rest, b']')?;
        let inner = std::str::from_utf8(&rest[1..close]).ok()?;
        let keys = citation_keys(inner, start + 1);
        if keys.is_empty() {
            return None;
        }
        let range = TextRange::new(start, start + close + 1);
        out.citations.push(Citation { range, keys });
        out.masks.push(range);
        return Some(range.end);
    }
    if flavour == Flavour::PlainText {
        return plain_link(text, prose, start, end, out);
    }
    None
}

/// `[text](destination)` in plain text, where no Markdown parser has seen it.
fn plain_link(
    text: &str,
    prose: &[u8],
    start: usize,
    end: usize,
    out: &mut Inline,
) -> Option<usize> {
    let rest = &prose[start..end];
    let close = find_byte(rest, b']')?;
    if rest.get(close + 1) != Some(&b'(') {
        return None;
    }
    let paren = find_byte(&rest[close..], b')')? + close;
    let destination = std::str::from_utf8(&rest[close + 2..paren]).ok()?.trim();
    let range = TextRange::new(start, start + paren + 1);
    if let Some(slug) = destination.strip_prefix('#') {
        out.section_links.push(SectionLink {
            target: SectionTarget::Slug(slug.to_owned()),
            range,
            target_range: TextRange::new(start + close + 3, start + paren),
        });
    } else if is_source_url(destination) {
        out.links.push(InlineLink {
            range,
            url: destination.to_owned(),
        });
    } else {
        return None;
    }
    let _ = text;
    out.masks.push(TextRange::new(start, start + 1));
    out.masks.push(TextRange::new(start + close, range.end));
    Some(range.end)
}

/// `@a; @b, p. 4` → the keys with their ranges (`offset` is where `inner` starts).
fn citation_keys(inner: &str, offset: usize) -> Vec<(String, TextRange)> {
    let mut keys = Vec::new();
    let mut from = 0;
    for part in inner.split(';') {
        let part_start = from;
        from += part.len() + 1;
        let trimmed = part.trim_start();
        let lead = part.len() - trimmed.len();
        // Pandoc allows a prefix before a later key: `[@a, p. 4; see @b]`, `[@a; also -@b]`.
        let mut trimmed = trimmed;
        if !trimmed.starts_with(['@', '-'])
            && let Some(at) = trimmed
                .match_indices(" @")
                .chain(trimmed.match_indices(" -@"))
                .map(|(i, _)| i + 1)
                .min()
        {
            trimmed = &trimmed[at..];
        }
        let trimmed = trimmed.strip_prefix('-').unwrap_or(trimmed);
        let Some(key) = trimmed.strip_prefix('@') else {
            continue;
        };
        let key_len = key
            .find(|c: char| !(c.is_alphanumeric() || "_:.#$%&+?<>~/-".contains(c)))
            .unwrap_or(key.len());
        let key = key[..key_len].trim_end_matches(['.', ':', '-']);
        if key.is_empty() {
            continue;
        }
        let key_start = offset + part_start + lead + (part.trim_start().len() - trimmed.len()) + 1;
        keys.push((
            key.to_owned(),
            TextRange::new(key_start, key_start + key.len()),
        ));
    }
    keys
}

/// A mention at `start`, in a paragraph that starts at `paragraph_start`: a paragraph's
/// start is a word's start, whatever byte comes before it.
fn mention(
    prose: &[u8],
    paragraph_start: usize,
    start: usize,
    end: usize,
    out: &mut Inline,
) -> Option<usize> {
    if start > paragraph_start {
        let before = prose[start - 1];
        // `press@example.org` is an address; non-ASCII letters before also join.
        if before.is_ascii_alphanumeric() || before >= 0x80 || before == b'_' {
            return None;
        }
    }
    let rest = &prose[start + 1..end];
    if !rest.first()?.is_ascii_alphanumeric() {
        return None;
    }
    let mut len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b'_')
        .count();
    while len > 0 && rest[len - 1] == b'-' {
        len -= 1;
    }
    // `@` followed by an address-like `name.domain` is not a mention either.
    if rest.get(len) == Some(&b'.') && rest.get(len + 1).is_some_and(u8::is_ascii_alphanumeric) {
        return Some(start + 1 + len);
    }
    let reference = std::str::from_utf8(&rest[..len]).ok()?.to_owned();
    let range = TextRange::new(start, start + 1 + len);
    out.mentions.push(ExplicitMention { reference, range });
    Some(range.end)
}

fn url(
    prose: &[u8],
    paragraph_start: usize,
    start: usize,
    end: usize,
    out: &mut Inline,
) -> Option<usize> {
    // A URL starts a word: an ASCII letter or digit, or part of a non-ASCII character, before
    // it joins it to that word.
    if start > paragraph_start
        && (prose[start - 1].is_ascii_alphanumeric() || prose[start - 1] >= 0x80)
    {
        return None;
    }
    let rest = &prose[start..end];
    let starts = |p: &[u8]| rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    if !(starts(b"https://") || starts(b"http://") || starts(b"www.")) {
        return None;
    }
    let mut len = rest
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && **b != b'<' && **b != b'>')
        .count();
    // Trailing punctuation belongs to the sentence, not the address.
    while len > 0
        && matches!(
            rest[len - 1],
            b'.' | b',' | b';' | b':' | b')' | b'"' | b'\'' | b']'
        )
    {
        len -= 1;
    }
    let url = std::str::from_utf8(&rest[..len]).ok()?.to_owned();
    let range = TextRange::new(start, start + len);
    out.links.push(InlineLink { range, url });
    out.masks.push(range);
    Some(range.end)
}

/// Brackets further apart than this are not one label or link; the bound keeps a paragraph
/// full of unmatched `[` linear.
const MAX_BRACKET_SPAN: usize = 1024;

fn find_byte(haystack: &[u8], needle: u8) -> Option<usize> {
    let haystack = &haystack[..haystack.len().min(MAX_BRACKET_SPAN)];
    // A link or label never spans a line: stop at the first line break.
    for (i, &b) in haystack.iter().enumerate() {
        if b == needle {
            return Some(i);
        }
        if b == b'\n' || b == b'\r' {
            return None;
        }
    }
    None
}

fn find_subslice(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let haystack = &haystack[..haystack.len().min(MAX_BRACKET_SPAN)];
    haystack
        .windows(needle.len())
        .take_while(|w| w[0] != b'\n')
        .position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan as first written, one byte at a time and masking each construct as soon as it
    /// is found: the memchr scan, which masks after, must agree with it.
    fn reference_scan(
        text: &str,
        range: TextRange,
        flavour: Flavour,
        prose: &mut [u8],
        out: &mut Inline,
    ) {
        let mut i = range.start;
        let end = range.end.min(prose.len());
        while i < end {
            let next = match prose[i] {
                b'[' => bracket(text, prose, i, end, flavour, out),
                b'@' => mention(prose, range.start, i, end, out),
                b'h' | b'w' | b'H' | b'W' => url(prose, range.start, i, end, out),
                _ => None,
            };
            for range in out.masks.drain(..) {
                mask(prose, range);
            }
            i = next.unwrap_or(i + 1);
        }
    }

    fn memchr_scan(
        text: &str,
        range: TextRange,
        flavour: Flavour,
        prose: &mut [u8],
        out: &mut Inline,
    ) {
        scan(text, range, flavour, prose, out);
    }

    type Scan = fn(&str, TextRange, Flavour, &mut [u8], &mut Inline);

    fn run(text: &str, flavour: Flavour, scan: Scan) -> String {
        let mut prose = text.as_bytes().to_vec();
        let mut out = Inline::default();
        // Two paragraphs, the second starting inside the text, as the parser hands them over.
        let middle = (0..=text.len() / 2)
            .rev()
            .find(|at| text.is_char_boundary(*at))
            .unwrap_or(0);
        scan(
            text,
            TextRange::new(0, middle),
            flavour,
            &mut prose,
            &mut out,
        );
        let second = TextRange::new(middle, text.len());
        scan(text, second, flavour, &mut prose, &mut out);
        out.apply_masks(&mut prose);
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?}",
            out.footnote_refs,
            out.citations,
            out.section_links,
            out.links,
            out.mentions,
            String::from_utf8_lossy(&prose)
        )
    }

    proptest! {
        #[test]
        fn agrees_with_the_byte_by_byte_scan(
            parts in proptest::collection::vec(
                "https://a.org/x|http://b.io|HTTP://C.GOV.|www.d.eu,|Www.e.org|wWw.|www.|xwww.f.g|\
                 ahttp://h|https:|http:|[^1]|[^ x]|[@key; @b, p. 4]|[-@c]|[[Heading]]|[[ ]]|\
                 [see](https://i.org)|[s](#slug)|[a](b)|@name|a@b.c|@x.y|@-|é@z|漢|\
                 [|]|@|:|.|h|w|W|H| |\\n|words|—",
                0..24,
            ),
        ) {
            let text = parts.concat();
            for flavour in [Flavour::Markdown, Flavour::PlainText] {
                prop_assert_eq!(
                    run(&text, flavour, memchr_scan),
                    run(&text, flavour, reference_scan)
                );
            }
        }
    }
}
