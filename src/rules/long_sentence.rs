//! `long-sentence`: a sentence over `[style] max-sentence-words` (default 40).

use super::words::{Token, TokenKind};
use super::{Diagnostic, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let limit = context.config.max_sentence_words;
    for index in context.sentence_indices() {
        if !context.is_selected(index) {
            continue;
        }
        // Each word has a letter or digit, so at least one word token (tokens never span
        // whitespace): a sentence of few tokens is short, and most are.
        let tokens = context.words.sentence(index);
        if tokens.len() <= limit
            || tokens.iter().filter(|t| t.kind != TokenKind::Punct).count() <= limit
        {
            continue;
        }
        let n_words = count_words(tokens);
        if n_words > limit {
            out.push(diagnostic(
                RuleCode::LongSentence,
                context.document.sentences[index].range,
                format!("sentence of {n_words} words (limit {limit}): split it"),
            ));
        }
    }
}

/// Words as a reader counts them, whitespace-separated with at least one letter or digit:
/// "U.S.-led" and "Russia–Ukraine" are one word each. Tokens cover every character of the
/// sentence but whitespace, so a word is a run of touching tokens, and it has a letter or
/// digit when one of them is not punctuation. No byte is read again.
fn count_words(tokens: &[Token]) -> usize {
    let mut n_words = 0;
    let mut previous_end = None;
    let mut counted = false;
    for token in tokens {
        if previous_end != Some(token.start) {
            counted = false;
        }
        if !counted && token.kind != TokenKind::Punct {
            n_words += 1;
            counted = true;
        }
        previous_end = Some(token.end);
    }
    n_words
}

#[cfg(test)]
mod tests {
    use super::count_words;
    use crate::rules::words::tokenize;
    use crate::text::TextRange;
    use proptest::prelude::*;

    fn words_of(text: &str) -> usize {
        let mut tokens = Vec::new();
        tokenize(text, TextRange::new(0, text.len()), &mut tokens);
        count_words(&tokens)
    }

    fn split_whitespace_words(text: &str) -> usize {
        text.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    }

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
            assert_eq!(words_of(text), split_whitespace_words(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn counts_like_split_whitespace_on_any_text(
            text in "([a-zA-Z0-9 .,'’\\-—–!?()%]|\u{a0}|\u{b}|\t|\n|é|١|漢){0,60}"
        ) {
            prop_assert_eq!(words_of(&text), split_whitespace_words(&text));
        }
    }
}
