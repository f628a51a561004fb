//! A large Markdown body parsed on two threads, one half each, with exactly the result of one
//! pulldown-cmark pass over the whole body.
//!
//! Two things make a Markdown document more than the sum of its halves, and both are handled:
//! - **Open blocks.** The cut is made at a line that starts with a letter after a blank line:
//!   there, every block has ended except a fenced code block or an HTML block, which a blank
//!   line does not end. If the first half's last block is one of those and runs to the cut,
//!   the halves are not used.
//! - **Definitions.** A footnote reference is read as one only if the document defines its
//!   label, anywhere (GFM footnotes), and a reference link likewise. Each half is given the
//!   other half's footnote labels as definitions appended after it (`[^label]: x`), found by
//!   a scan of the lines that start with `[^label]:`. After both parses, the labels each half
//!   really defined must be the ones the scan found, and the appended definitions must all
//!   have been read as such; link reference definitions are not carried over, so a document
//!   with any is parsed on one thread.
//!
//! When a check fails, the body is parsed again on one thread: slower, never different.

use memchr::memmem;

use super::Blocks;
use super::markdown::{PartReport, read_part};

/// Bodies from this size up are parsed in two halves: below it, starting a thread costs about
/// what it saves (a 256 KB body parses in about 0.8 ms).
const TWO_HALVES_FROM: usize = 256 * 1024;

/// How far past the middle a cut is looked for before giving up.
const CUT_SEARCH: usize = 64 * 1024;

/// Parses the body of `text` (from `body_start`) into `blocks` in two halves on two threads,
/// if it is large enough and a cut is found; `false` (with `blocks` untouched) otherwise.
pub(super) fn try_two_halves(text: &str, body_start: usize, blocks: &mut Blocks) -> bool {
    let body = &text[body_start..];
    if body.len() < TWO_HALVES_FROM {
        return false;
    }
    let Some(cut) = find_cut(body, body.len() / 2) else {
        return false;
    };
    parse_at(text, body_start, cut, blocks)
}

/// Where the body can be cut near `from`: the start of a line that begins with an ASCII
/// letter and follows a blank line, with the blank line's start.
pub(super) fn find_cut(body: &str, from: usize) -> Option<Cut> {
    let bytes = body.as_bytes();
    let end = (from + CUT_SEARCH).min(bytes.len());
    let mut at = from;
    while let Some(i) = memchr::memchr(b'\n', &bytes[at..end]) {
        let newline = at + i;
        // "\n\n" or "\n\r\n", then a letter.
        let blank = newline + 1;
        let after = match bytes.get(blank..blank + 2) {
            Some([b'\n', _]) => blank + 1,
            Some([b'\r', b'\n']) => blank + 2,
            _ => {
                at = newline + 1;
                continue;
            }
        };
        if bytes.get(after).is_some_and(u8::is_ascii_alphabetic) {
            return Some(Cut { blank, at: after });
        }
        at = newline + 1;
    }
    None
}

/// A cut of the body: the second half starts at `at`, after the blank line at `blank`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Cut {
    pub blank: usize,
    pub at: usize,
}

/// Parses the body in two halves cut at `cut`; see the module's comment for the checks.
pub(super) fn parse_at(text: &str, body_start: usize, cut: Cut, blocks: &mut Blocks) -> bool {
    let body = &text[body_start..];
    let (first, second) = body.split_at(cut.at);
    if has_link_definition_line(body) {
        return false;
    }
    let first_labels = footnote_definition_labels(first);
    let second_labels = footnote_definition_labels(second);
    let second_offset = body_start + cut.at;
    // Each half's source (a copy when definitions are appended) is made on its own thread.
    let (first_report, (second_blocks, second_report)) = crate::parallel::join(
        true,
        || {
            let first_source = with_definitions(first, &second_labels);
            read_part(text, body_start, &first_source, first.len(), blocks)
        },
        || {
            let second_source = with_definitions(second, &first_labels);
            let mut part = Blocks::for_part(second_offset, text.len());
            let report = read_part(text, second_offset, &second_source, second.len(), &mut part);
            (part, report)
        },
    );
    let first_is_closed = match first_report.last_block {
        Some((true, end)) => end <= cut.blank,
        _ => true,
    };
    let same_as_one_pass = first_is_closed
        && read_as_in_whole(&first_report, &first_labels, &second_labels)
        && read_as_in_whole(&second_report, &second_labels, &first_labels);
    if same_as_one_pass {
        blocks.append(second_blocks);
    } else {
        *blocks = Blocks::new(text.len());
    }
    same_as_one_pass
}

/// Whether a half was read as in the whole body: it defined exactly the footnotes the scan
/// found in it, read every definition appended for the other half, no block of it ran into
/// them, and it defines no link reference.
fn read_as_in_whole(report: &PartReport, own: &[&str], appended: &[&str]) -> bool {
    !report.spilled
        && !report.has_link_definitions
        && report
            .footnote_labels
            .iter()
            .map(String::as_str)
            .eq(own.iter().copied())
        && report
            .appended_labels
            .iter()
            .map(String::as_str)
            .eq(appended.iter().copied())
}

/// `part` followed by a footnote definition for each of `labels`.
fn with_definitions<'a>(part: &'a str, labels: &[&str]) -> std::borrow::Cow<'a, str> {
    if labels.is_empty() {
        return part.into();
    }
    let mut source = String::with_capacity(part.len() + labels.len() * 16 + 1);
    source.push_str(part);
    if !part.ends_with('\n') {
        source.push('\n');
    }
    for label in labels {
        source.push_str("[^");
        source.push_str(label);
        source.push_str("]: x\n\n");
    }
    source.into()
}

/// Labels of the lines that start (after at most three spaces) with `[^label]:`, in order.
pub(super) fn footnote_definition_labels(part: &str) -> Vec<&str> {
    let bytes = part.as_bytes();
    memmem::find_iter(bytes, b"[^")
        .filter(|&at| starts_line(bytes, at))
        .filter_map(|at| {
            let label_start = at + 2;
            let close = label_start + memchr::memchr2(b']', b'\n', &bytes[label_start..])?;
            let is_definition = bytes[close] == b']' && bytes.get(close + 1) == Some(&b':');
            (is_definition && close > label_start).then(|| &part[label_start..close])
        })
        .collect()
}

/// Whether some line starts (after at most three spaces) with `[label]:`, a link reference
/// definition (or something that may be read as one). Such a line holds `]:`, which prose
/// rarely does: each `]:` is found by memmem, and its line read once, up to its first `]`;
/// the rest of a line already read is skipped, so a long line of `]:` stays linear.
fn has_link_definition_line(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut read_to = 0;
    for at in memmem::find_iter(bytes, b"]:") {
        if at < read_to {
            continue;
        }
        let start =
            memchr::memrchr(b'\n', &bytes[read_to..at]).map_or(read_to, |i| read_to + i + 1);
        if is_link_definition_line(&bytes[start..]) {
            return true;
        }
        read_to = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
    }
    false
}

/// Whether `line` (up to its end of line) starts with `[label]:` after at most three spaces.
fn is_link_definition_line(line: &[u8]) -> bool {
    let indent = line.iter().take(4).take_while(|b| **b == b' ').count();
    if indent > 3 || line.get(indent) != Some(&b'[') || line.get(indent + 1) == Some(&b'^') {
        return false;
    }
    memchr::memchr2(b']', b'\n', line)
        .is_some_and(|close| line[close] == b']' && line.get(close + 1) == Some(&b':'))
}

/// Whether `at` is preceded on its line by nothing but up to three spaces.
fn starts_line(bytes: &[u8], at: usize) -> bool {
    let spaces = bytes[..at]
        .iter()
        .rev()
        .take(4)
        .take_while(|b| **b == b' ')
        .count();
    spaces <= 3 && (at == spaces || bytes[at - spaces - 1] == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    /// Every line read, as first written: `has_link_definition_line` must agree with it.
    fn reference_has_link_definition_line(body: &str) -> bool {
        let bytes = body.as_bytes();
        std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
            .any(|start| is_link_definition_line(&bytes[start.min(bytes.len())..]))
    }

    proptest! {
        #[test]
        fn link_definition_lines_are_found_as_by_reading_every_line(
            parts in proptest::collection::vec("\\[|\\]|:|\\]:|\\[\\^|\n|\r\n| |   |x|\\[r\\]: u", 0..30),
        ) {
            let body = parts.concat();
            prop_assert_eq!(
                has_link_definition_line(&body),
                reference_has_link_definition_line(&body)
            );
        }
    }

    /// The blocks of `body` read in one pass.
    fn one_pass(body: &str) -> Blocks {
        let mut blocks = Blocks::new(body.len());
        read_part(body, 0, body, body.len(), &mut blocks);
        blocks
    }

    /// Every cut `find_cut` can make in `body`, each parsed in two halves: the blocks must
    /// be those of one pass. Returns how many cuts were used rather than refused.
    fn check_every_cut(body: &str) -> usize {
        let expected = format!("{:?}", one_pass(body));
        let mut used = 0;
        let mut from = 0;
        while let Some(cut) = find_cut(body, from) {
            let mut blocks = Blocks::new(body.len());
            used += usize::from(parse_at(body, 0, cut, &mut blocks));
            if blocks.paragraphs.is_empty() && blocks.headings.is_empty() {
                // Refused: `blocks` is left empty for the caller's one pass.
                read_part(body, 0, body, body.len(), &mut blocks);
            }
            assert_eq!(
                format!("{blocks:?}"),
                expected,
                "cut at {} of {body:?}",
                cut.at
            );
            from = cut.at;
        }
        used
    }

    #[test]
    fn footnotes_defined_in_the_other_half_are_read() {
        let body = "Talks resumed.[^1]\n\nThe ceasefire held.[^2]\n\n[^1]: Reuters.\n\
                    [^2]: AP.\n\nClosing words.[^1]\n";
        assert_eq!(check_every_cut(body), 2);
        let mut blocks = Blocks::new(body.len());
        let cut = find_cut(body, 0).unwrap();
        assert!(parse_at(body, 0, cut, &mut blocks));
        assert_eq!(blocks.footnote_refs.len(), 3);
    }

    #[test]
    fn a_fenced_block_open_across_the_cut_is_refused() {
        let body = "Intro.\n\n```\ncode\n\nText inside the fence.\n```\n\nAfter.\n";
        let cut = find_cut(body, 0).unwrap();
        assert_eq!(&body[cut.at..cut.at + 4], "Text");
        assert!(!parse_at(body, 0, cut, &mut Blocks::new(body.len())));
        check_every_cut(body);
    }

    #[test]
    fn link_reference_definitions_are_refused() {
        let body = "See [the report][r].\n\nMore text.\n\n[r]: https://example.org\n";
        let cut = find_cut(body, 0).unwrap();
        assert!(!parse_at(body, 0, cut, &mut Blocks::new(body.len())));
        // Inside a quote, the line scan misses it; pulldown-cmark's own list does not.
        let quoted = "See [the report][r].\n\nMore text.\n\n> [r]: https://example.org\n";
        let cut = find_cut(quoted, 0).unwrap();
        assert!(!parse_at(quoted, 0, cut, &mut Blocks::new(quoted.len())));
    }

    #[test]
    fn a_footnote_defined_inside_a_quote_is_refused() {
        let body = "Claim.[^q]\n\nMore.\n\n> [^q]: Quoted source.\n";
        let cut = find_cut(body, 0).unwrap();
        assert!(!parse_at(body, 0, cut, &mut Blocks::new(body.len())));
        check_every_cut(body);
    }

    fn block() -> impl Strategy<Value = String> {
        // Blocks that make a cut unusable are rarer, so that most bodies are cut somewhere.
        prop_oneof![
            4 => (0..4usize).prop_map(|n| format!("Officials met on day {n}.[^{n}] Talks went on.\n")),
            4 => (0..4usize).prop_map(|n| format!("A line\ncontinued [^{n}] here.\n")),
            4 => Just("# Heading\n".to_owned()),
            4 => Just("Setext title\n===\n".to_owned()),
            4 => (0..4usize).prop_map(|n| format!("- item one\n- item two[^{n}]\n")),
            4 => Just("1. first\n\n   second paragraph\n".to_owned()),
            4 => Just("> quoted text\n> more\n".to_owned()),
            4 => Just("```\ncode\n\nText in code\n```\n".to_owned()),
            1 => Just("```\nunclosed fence\n\nText\n".to_owned()),
            4 => Just("<!--\ncomment\n\nText in comment\n-->\n".to_owned()),
            4 => Just("<div>\nhtml\n</div>\n".to_owned()),
            4 => (0..4usize).prop_map(|n| format!("[^{n}]: Note {n}.\n")),
            4 => (0..4usize).prop_map(|n| format!("[^{n}]: Note {n}.\n\n    More of note {n}.\n")),
            1 => (0..4usize).prop_map(|n| format!("> [^{n}]: Quoted note.\n")),
            4 => Just("| a | b |\n|---|---|\n| 1 | 2 |\n".to_owned()),
            1 => Just("[link]: https://example.org\n".to_owned()),
            4 => Just("See [the link] and [this][link].\n".to_owned()),
            4 => Just("Go to [Background](#background).\n".to_owned()),
            4 => Just("---\n".to_owned()),
            4 => Just("    indented code\n".to_owned()),
            4 => Just("Text `code` *emphasis* end\n".to_owned()),
        ]
    }

    fn body() -> impl Strategy<Value = String> {
        let separator = prop_oneof![Just("\n"), Just(""), Just("\n\n")];
        (
            proptest::collection::vec((block(), separator), 1..24),
            any::<bool>(),
        )
            .prop_map(|(parts, crlf)| {
                let body: String = parts.into_iter().map(|(b, s)| b + s).collect();
                if crlf {
                    body.replace('\n', "\r\n")
                } else {
                    body
                }
            })
    }

    proptest! {
        #[test]
        fn two_halves_read_as_one_pass(body in body()) {
            check_every_cut(&body);
        }
    }

    /// The generator must give cuts that are used, or the property above proves nothing.
    #[test]
    fn generated_bodies_are_mostly_cut() {
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let (mut used, mut bodies) = (0, 0);
        for _ in 0..200 {
            let body = body().new_tree(&mut runner).unwrap().current();
            used += usize::from(check_every_cut(&body) > 0);
            bodies += 1;
        }
        assert!(used * 3 > bodies, "{used} of {bodies} bodies cut");
    }
}
