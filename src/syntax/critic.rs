//! CriticMarkup (SPEC §2.7). Analysis reads the text as if every change were accepted, so the
//! prose mask drops comments, deletions and the old side of substitutions.

use super::mask;
use crate::model::{ReviewKind, ReviewNote};
use crate::text::TextRange;

const MARKS: [(&str, &str, ReviewKind); 5] = [
    ("{>>", "<<}", ReviewKind::Comment),
    ("{==", "==}", ReviewKind::Highlight),
    ("{++", "++}", ReviewKind::Insertion),
    ("{--", "--}", ReviewKind::Deletion),
    ("{~~", "~~}", ReviewKind::Substitution),
];

pub(super) fn scan(
    text: &str,
    body_start: usize,
    code: &[TextRange],
    prose: &mut [u8],
) -> Vec<ReviewNote> {
    let mut notes = Vec::new();
    let mut offset = body_start;
    // Once a closing mark is missing after some point, it is missing after every later point:
    // remembering that keeps a text full of unclosed `{>>` linear.
    let mut unclosed = [false; MARKS.len()];
    // An HTML comment is no prose (SPEC §2.3): `<!-- {>> draft <<} -->` is hidden markup, no
    // open review note. Comments are found lazily, in document order.
    let mut comment = TextRange::new(0, 0);
    let mut comment_search = body_start;
    // memchr reads many bytes at a time; `str::find` a word at a time.
    while let Some(found) = memchr::memchr(b'{', &text.as_bytes()[offset..]) {
        let start = offset + found;
        offset = start + 1;
        let Some(mark) = MARKS
            .iter()
            .position(|(open, _, _)| text[start..].starts_with(open))
        else {
            continue;
        };
        let (open, close, kind) = MARKS[mark];
        if unclosed[mark] || in_code(code, start) {
            continue;
        }
        while comment.end <= start && comment_search < start {
            match next_comment(text, comment_search, code) {
                Some(found) => {
                    comment = found;
                    comment_search = found.end;
                }
                None => comment_search = text.len(),
            }
        }
        if comment.start < start && start < comment.end {
            continue;
        }
        let content_start = start + open.len();
        let Some(close_at) = text[content_start..].find(close) else {
            unclosed[mark] = true;
            continue;
        };
        let content_end = content_start + close_at;
        let end = content_end + close.len();
        let content = &text[content_start..content_end];
        let range = TextRange::new(start, end);
        let (note_text, replacement) = match kind {
            ReviewKind::Substitution => match content.find("~>") {
                Some(arrow) => {
                    // Keep the new text; drop the markers and the old text.
                    mask(prose, TextRange::new(start, content_start + arrow + 2));
                    mask(prose, TextRange::new(content_end, end));
                    (
                        content[..arrow].trim().to_owned(),
                        Some(content[arrow + 2..].trim().to_owned()),
                    )
                }
                None => {
                    mask(prose, range);
                    (content.trim().to_owned(), None)
                }
            },
            ReviewKind::Comment | ReviewKind::Deletion => {
                mask(prose, range);
                (content.trim().to_owned(), None)
            }
            ReviewKind::Highlight | ReviewKind::Insertion => {
                mask(prose, TextRange::new(start, content_start));
                mask(prose, TextRange::new(content_end, end));
                (content.trim().to_owned(), None)
            }
        };
        notes.push(ReviewNote {
            kind,
            range,
            text: note_text,
            replacement,
        });
        offset = end;
    }
    notes
}

/// The next closed `<!-- … -->` at or after `from` that does not open inside code.
fn next_comment(text: &str, mut from: usize, code: &[TextRange]) -> Option<TextRange> {
    let finder = memchr::memmem::Finder::new(b"<!--");
    while let Some(found) = finder.find(&text.as_bytes()[from..]) {
        let start = from + found;
        if in_code(code, start) {
            from = start + 4;
            continue;
        }
        let close = memchr::memmem::find(&text.as_bytes()[start + 4..], b"-->")?;
        return Some(TextRange::new(start, start + 4 + close + 3));
    }
    None
}

/// Code ranges are in document order and do not overlap, except spans inside blocks, which the
/// block already covers.
pub(super) fn in_code(code: &[TextRange], offset: usize) -> bool {
    let after = code.partition_point(|r| r.start <= offset);
    code[..after]
        .iter()
        .rev()
        .take(4)
        .any(|r| r.contains(offset))
}
