//! Abbreviation-aware sentence splitting (SPEC §2.3) over the prose mask of one paragraph.
//!
//! A hand-written scanner rather than UAX #29: the Unicode rules split after "Dr." and before
//! "No. 10", and a byte scanner that only stops at `.`, `!` and `?` is several times faster.

use std::sync::LazyLock;

use crate::fast_hash::FastSet;
use crate::model::Sentence;
use crate::text::TextRange;

/// Abbreviations that never end a sentence: a title or a reference is always followed by more.
const NEVER_FINAL: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "Gen",
    "Lt",
    "Col",
    "Maj",
    "Capt",
    "Cmdr",
    "Sgt",
    "Adm",
    "Sen",
    "Rep",
    "Gov",
    "Pres",
    "Amb",
    "Rev",
    "Hon",
    "St",
    "Mt",
    "No",
    "Nos",
    "no",
    "Art",
    "art",
    "Sec",
    "sec",
    "Fig",
    "fig",
    "vs",
    "v",
    "e.g",
    "i.e",
    "cf",
    "al",
    "approx",
    "ca",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "p",
    "pp",
    "para",
    "paras",
    "Vol",
    "vol",
    "Ch",
    "ch",
    "Op",
    "Ref",
    "ref",
    // Congressional resolutions, always followed by their number.
    "H.Res",
    "S.Res",
    "H.Con.Res",
    "S.Con.Res",
    "H.J.Res",
    "S.J.Res",
];

/// Abbreviations that may end a sentence ("…exports to the U.S. The ministry said…"): they do
/// when the next word is a typical sentence opener.
const MAYBE_FINAL: &[&str] = &[
    "etc", "Inc", "Ltd", "Co", "Corp", "Jr", "Sr", "a.m", "p.m", "Bros", "plc",
];

const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "In",
    "On",
    "At",
    "As",
    "A",
    "An",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "However",
    "Meanwhile",
    "There",
    "Their",
    "His",
    "Her",
    "Our",
    "After",
    "Before",
    "While",
    "When",
    "If",
    "Since",
    "For",
    "According",
    "Some",
    "Many",
    "Both",
    "Yet",
    "Still",
    "Such",
    "Most",
    "Officials",
    "Analysts",
    "Under",
    "With",
];

/// Appends the sentences of the paragraph at `range` to `out`.
pub fn split(prose: &str, range: TextRange, paragraph: usize, out: &mut Vec<Sentence>) {
    let bytes = prose.as_bytes();
    let end = range.end.min(bytes.len());
    let mut start = skip_space(bytes, range.start, end);
    let mut i = start;
    while i < end {
        // Most bytes are not terminators: jump to the next one (SIMD in `memchr`).
        match memchr::memchr3(b'.', b'!', b'?', &bytes[i..end]) {
            Some(skip) => i += skip,
            None => break,
        }
        let b = bytes[i];
        if b == b'.' && bytes.get(i + 1) == Some(&b'.') {
            // An ellipsis does not end a sentence.
            while i < end && bytes[i] == b'.' {
                i += 1;
            }
            continue;
        }
        let after_closers = skip_closers(bytes, i + 1, end);
        if after_closers < end && !is_space_at(bytes, after_closers) {
            i += 1;
            continue;
        }
        let next = skip_space(bytes, after_closers, end);
        if next < end && !ends_sentence(prose, start, i, next, after_closers > i + 1) {
            i = next;
            continue;
        }
        push(prose, start, after_closers, paragraph, out);
        start = next;
        i = next;
    }
    push(prose, start, end, paragraph, out);
}

/// `closed`: a quote or bracket closes after the terminator, as in `He said “No.” Then…`.
fn ends_sentence(
    prose: &str,
    sentence_start: usize,
    terminator: usize,
    next: usize,
    closed: bool,
) -> bool {
    let next_word = word_at(prose, next);
    let Some(first) = next_word.chars().next() else {
        return true;
    };
    if first.is_lowercase() {
        return false;
    }
    if closed || prose.as_bytes()[terminator] != b'.' {
        return true;
    }
    let token_start = prose[sentence_start..terminator]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .map_or(sentence_start, |(i, c)| sentence_start + i + c.len_utf8());
    let token = &prose[token_start..terminator];
    // "post-E.O. 14285": a dotted abbreviation after a hyphen is the part after it (but
    // "Plan-B." stays one word).
    let token = match token.rsplit_once('-') {
        Some((_, dotted)) if dotted.contains('.') => dotted,
        _ => token,
    };
    // A set: the word before nearly every full stop is looked up, and the list is long.
    static NEVER_FINAL_SET: LazyLock<FastSet<&str>> =
        LazyLock::new(|| NEVER_FINAL.iter().copied().collect());
    if NEVER_FINAL_SET.contains(token) {
        return false;
    }
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        // An initial, as in "J. Smith" or "George W. Bush".
        return false;
    }
    let dotted = token.contains('.') && token.split('.').all(|part| part.chars().count() <= 2);
    if dotted || MAYBE_FINAL.contains(&token) {
        return SENTENCE_OPENERS.contains(&next_word);
    }
    true
}

fn word_at(prose: &str, offset: usize) -> &str {
    let rest = &prose[offset..];
    let rest = rest.trim_start_matches(['"', '\'', '“', '‘', '(', '[']);
    let len = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..len]
}

fn skip_space(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && is_space_at(bytes, i) {
        i += if bytes[i] == 0xC2 { 2 } else { 1 };
    }
    i.min(end)
}

/// ASCII white space, or a no-break space (U+00A0, bytes C2 A0): text converted from HTML or
/// a word processor separates sentences with ".\u{a0} " ("Thanks very much.\u{a0} So, …"),
/// which is a sentence end like ".  ".
fn is_space_at(bytes: &[u8], i: usize) -> bool {
    bytes[i].is_ascii_whitespace() || (bytes[i] == 0xC2 && bytes.get(i + 1) == Some(&0xA0))
}

fn skip_closers(bytes: &[u8], mut i: usize, end: usize) -> usize {
    loop {
        if i < end && matches!(bytes[i], b'"' | b'\'' | b')' | b']') {
            i += 1;
        } else if i + 2 < end + 1
            && i + 3 <= bytes.len()
            && (&bytes[i..i + 3] == "’".as_bytes() || &bytes[i..i + 3] == "”".as_bytes())
        {
            i += 3;
        } else {
            return i;
        }
    }
}

fn push(prose: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let slice = &prose[start.min(end)..end];
    let trimmed = slice.trim_end();
    let lead = trimmed.len() - trimmed.trim_start().len();
    let range = TextRange::new(start + lead, start + trimmed.len());
    if trimmed.chars().any(char::is_alphanumeric) {
        out.push(Sentence { range, paragraph });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(text, TextRange::new(0, text.len()), 0, &mut out);
        out.iter().map(|s| s.range.slice(text)).collect()
    }

    #[test]
    fn abbreviations_initials_decimals_and_ellipses() {
        assert_eq!(
            sentences(
                "The U.S.-led effort grew 3.5 percent. Mr. Smith met Dr. Jones at No. 10 Downing Street… and left. J. K. Rowling wrote."
            ),
            vec![
                "The U.S.-led effort grew 3.5 percent.",
                "Mr. Smith met Dr. Jones at No. 10 Downing Street… and left.",
                "J. K. Rowling wrote."
            ]
        );
        assert_eq!(
            sentences("Exports to the U.S. The ministry said so."),
            vec!["Exports to the U.S.", "The ministry said so."]
        );
        assert_eq!(
            sentences("Talks with U.S. officials, e.g. Blinken, went well!"),
            vec!["Talks with U.S. officials, e.g. Blinken, went well!"]
        );
        assert_eq!(
            sentences(
                "Under post-E.O. 14285 rules and H.Res. 339, it passed. The E.O. The end. Plan-B. Then."
            ),
            vec![
                "Under post-E.O. 14285 rules and H.Res. 339, it passed.",
                "The E.O.",
                "The end.",
                "Plan-B.",
                "Then."
            ]
        );
        assert_eq!(
            sentences("He said “No.” Then he left."),
            vec!["He said “No.”", "Then he left."]
        );
    }

    #[test]
    fn a_no_break_space_after_the_full_stop_ends_a_sentence() {
        assert_eq!(
            sentences("Thanks very much.\u{a0} So, first, a roundup.\u{a0}\u{a0}Today was long."),
            vec![
                "Thanks very much.",
                "So, first, a roundup.",
                "Today was long."
            ]
        );
        assert_eq!(
            sentences("Mr.\u{a0}Smith met Dr.\u{a0}Jones."),
            vec!["Mr.\u{a0}Smith met Dr.\u{a0}Jones."]
        );
    }
}
