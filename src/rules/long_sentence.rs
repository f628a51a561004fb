//! `long-sentence`: a sentence over `[style] max-sentence-words` (default 40).

use super::{Diagnostic, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let limit = context.config.max_sentence_words;
    for index in 0..context.document.sentences.len() {
        if !context.is_selected(index) {
            continue;
        }
        let range = context.document.sentences[index].range;
        let text = range.slice(&context.document.prose);
        if max_words(text) <= limit {
            continue;
        }
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

/// At least [`count_words`]: every word but the first follows a whitespace character, which is
/// an ASCII byte up to the space or a non-ASCII character. Counting those bytes is much faster
/// than counting words, and most sentences are short enough to stop here.
fn max_words(text: &str) -> usize {
    1 + text.bytes().filter(|&b| b <= b' ' || b >= 0x80).count()
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
    if text.is_ascii() {
        for b in text.bytes() {
            // `char::is_whitespace` on ASCII: tab, line feed, vertical tab, form feed, CR, space.
            visit(matches!(b, b'\t'..=b'\r' | b' '), b.is_ascii_alphanumeric());
        }
    } else {
        for c in text.chars() {
            visit(c.is_whitespace(), c.is_alphanumeric());
        }
    }
    n_words + usize::from(has_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::{count_words, max_words};

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
            assert!(max_words(text) >= expected, "{text:?}");
        }
    }
}
