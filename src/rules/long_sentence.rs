//! `long-sentence`: a sentence over `[style] max-sentence-words` (default 40).

use super::words::TokenKind;
use super::{Diagnostic, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let limit = context.config.max_sentence_words;
    for index in 0..context.document.sentences.len() {
        if !context.is_selected(index) {
            continue;
        }
        // Each word has a letter or digit, so at least one word token (tokens never span
        // whitespace): a sentence of few tokens is short, and most are.
        let tokens = context.words.sentence(index);
        if tokens.iter().filter(|t| t.kind != TokenKind::Punct).count() <= limit {
            continue;
        }
        let range = context.document.sentences[index].range;
        let text = range.slice(&context.document.prose);
        // Words as a reader counts them: "U.S.-led" and "Russia–Ukraine" are one word each.
        let n_words = count_words(text);
        if n_words > limit {
            out.push(diagnostic(
                RuleCode::LongSentence,
                range,
                format!("sentence of {n_words} words (limit {limit}): split it"),
            ));
        }
    }
}

/// Whitespace-separated words with at least one letter or digit, in one pass over the bytes
/// (a sentence is read once per document, so this runs over the whole prose).
fn count_words(text: &str) -> usize {
    let mut n_words = 0;
    let mut has_alphanumeric = false;
    let mut visit = |whitespace: bool, alphanumeric: bool| {
        if whitespace {
            n_words += usize::from(has_alphanumeric);
            has_alphanumeric = false;
        } else {
            has_alphanumeric |= alphanumeric;
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, CR, space.
            visit(matches!(b, b'\t'..=b'\r' | b' '), b.is_ascii_alphanumeric());
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            visit(c.is_whitespace(), c.is_alphanumeric());
            i += c.len_utf8();
        }
    }
    n_words + usize::from(has_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::count_words;

    #[test]
    fn counts_like_split_whitespace() {
        for text in [
            "",
            "one",
            " two  words ",
            "U.S.-led talks — and Russia–Ukraine, 4.1% \u{b}x\u{c}y\tz\r\n!",
            "non\u{a0}breaking\u{2003}spaces and ... – — dashes",
            "Ünïcödé wörds ١٢٣ 漢字 — ?",
        ] {
            let expected = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(count_words(text), expected, "{text:?}");
        }
    }
}
