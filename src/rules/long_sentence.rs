//! `long-sentence`: a sentence over `[style] max-sentence-words` (default 40).

use super::{Diagnostic, RuleCode, RuleContext, diagnostic};

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let limit = context.config.max_sentence_words;
    for index in 0..context.document.sentences.len() {
        let range = context.document.sentences[index].range;
        // Words as a reader counts them: "U.S.-led" and "Russia–Ukraine" are one word each.
        let n_words = range
            .slice(&context.document.prose)
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        if n_words > limit {
            out.push(diagnostic(
                RuleCode::LongSentence,
                range,
                format!("sentence of {n_words} words (limit {limit}): split it"),
            ));
        }
    }
}
