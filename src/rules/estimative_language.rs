//! `estimative-language`: likelihood as ICD 203 (Analytic Standards, 2015) asks for it. Flags
//! non-standard hedges ("maybe", "might", "could well"), mixing rows of the scale in one
//! sentence, and a confidence level beside a likelihood term. The standard terms themselves are
//! never flagged; their ranges feed the server's hover and inlay hints.

use super::lexicon::{LEXICON, hedge_entries, required_word};
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::analysis::EstimativeTerm;
use crate::text::TextRange;
use std::sync::LazyLock;

/// The ICD 203 likelihood scale: (row label, low %, high %, phrases as words).
/// A row of the scale: label, low %, high %, phrases.
pub type ScaleRow = (&'static str, u8, u8, &'static [&'static str]);

pub const SCALE: &[ScaleRow] = &[
    (
        "almost no chance / remote",
        1,
        5,
        &[
            "almost no chance",
            "remote chance",
            "remote possibility",
            "remote likelihood",
            "remote prospect",
        ],
    ),
    (
        "very unlikely / highly improbable",
        5,
        20,
        &["very unlikely", "highly improbable", "highly unlikely"],
    ),
    ("unlikely / improbable", 20, 45, &["unlikely", "improbable"]),
    (
        "roughly even chance / roughly even odds",
        45,
        55,
        &[
            "roughly even chance",
            "roughly even odds",
            "even chance",
            "even odds",
        ],
    ),
    (
        "likely / probable",
        55,
        80,
        &["likely", "probable", "probably"],
    ),
    (
        "very likely / highly probable",
        80,
        95,
        &["very likely", "highly probable", "highly likely"],
    ),
    (
        "almost certain(ly) / nearly certain",
        95,
        99,
        &[
            "almost certain",
            "almost certainly",
            "nearly certain",
            "nearly certainly",
            "virtually certain",
        ],
    ),
];

const CONFIDENCE: &[&str] = &["high", "moderate", "low", "medium"];

/// The standard term each quick fix offers, one per row.
const REPLACEMENTS: &[&str] = &[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certainly",
];

/// A word of each standard term, which selects the sentences that may hold one (`triggers.rs`;
/// the hedges' words come from the lexicon). A confidence level is only reported beside a
/// term, so it needs no word of its own.
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    Box::new(SCALE_WORDS.iter().map(|(_, words)| required_word(words)))
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for index in context.sentence_indices() {
        if !context.sentence_has(index, triggers::ESTIMATIVE) {
            continue;
        }
        let sentence = SentenceView::new(context, index);
        let terms = standard_terms_in(&sentence);
        for (start, length, nearest) in hedges(&sentence) {
            let range = sentence.range(start, start + length);
            let mut d = diagnostic(
                RuleCode::EstimativeLanguage,
                range,
                format!(
                    "`{}` leaves the likelihood open: use a standard estimative term (ICD 203)",
                    range.slice(&context.document.prose)
                ),
            );
            for row in rows_nearest_first(nearest) {
                let (_, low, high, _) = SCALE[row];
                let replacement = REPLACEMENTS[row];
                d.fixes.push(Fix::replace(
                    format!("Replace with `{replacement}` ({low}–{high}%)"),
                    range,
                    replacement,
                ));
            }
            out.push(d);
        }
        if let (Some(first), Some(other)) =
            (terms.first(), terms.iter().find(|t| t.row != terms[0].row))
        {
            let range = TextRange::new(first.range.start, other.range.end.max(first.range.end));
            out.push(diagnostic(
                RuleCode::EstimativeLanguage,
                range,
                format!(
                    "mixed likelihoods in one sentence ({}–{}% and {}–{}%): keep to one term of the scale",
                    first.low_percent, first.high_percent, other.low_percent, other.high_percent
                ),
            ));
        } else if let (Some(confidence), Some(term)) = (confidence_at(&sentence), terms.first()) {
            let range = TextRange::new(
                confidence.start.min(term.range.start),
                confidence.end.max(term.range.end),
            );
            out.push(diagnostic(
                RuleCode::EstimativeLanguage,
                range,
                "a confidence level and a likelihood in one sentence: ICD 203 asks to state them separately",
            ));
        }
    }
}

/// Every standard term in the document, for hover and inlay hints.
pub fn standard_terms(context: &RuleContext) -> Vec<EstimativeTerm> {
    let mut terms = Vec::new();
    for index in context.sentence_indices() {
        if context.sentence_has(index, triggers::ESTIMATIVE) {
            terms.extend(standard_terms_in(&SentenceView::new(context, index)));
        }
    }
    terms
}

fn standard_terms_in(s: &SentenceView) -> Vec<EstimativeTerm> {
    let mut terms = Vec::new();
    let mut i = 0;
    while i < s.len() {
        // Most words start no term: check the first word before trying the phrases.
        if !is_scale_first_word(s.word(i)) {
            i += 1;
            continue;
        }
        // Longest phrase across the scale wins ("very likely" over "likely").
        let mut best: Option<(usize, &ScaleRow)> = None;
        for (row, words) in SCALE_WORDS.iter() {
            let n = matches_phrase(s, i, words);
            if n > 0 && best.is_none_or(|(length, _)| n > length) {
                best = Some((n, row));
            }
        }
        match best {
            // "probably not" is a hedge, not the likely row.
            Some((length, row))
                if !(s.in_quotation(i)
                    || s.word(i) == "probably" && s.word(i + 1) == "not"
                    || is_not_an_estimate(s, i, length)) =>
            {
                terms.push(EstimativeTerm {
                    range: s.range(i, i + length),
                    row: row.0,
                    low_percent: row.1,
                    high_percent: row.2,
                });
                i += length;
            }
            _ => i += 1,
        }
    }
    terms
}

/// Words of the scale that give no likelihood where they stand: a comparison ("the most
/// likely outcome", "less likely than in 2024") ranks without a range, and "unlikely" before
/// a noun of `unlikely-nouns.txt` means surprising ("unlikely allies", "an unlikely
/// coalition").
fn is_not_an_estimate(s: &SentenceView, i: usize, length: usize) -> bool {
    let word = s.word(i);
    let comparative = length == 1
        && matches!(word, "likely" | "probable" | "unlikely" | "improbable")
        && i > 0
        && matches!(s.word(i - 1), "more" | "most" | "less" | "least");
    let surprising = length == 1
        && matches!(word, "unlikely" | "improbable")
        && UNLIKELY_NOUNS.contains(&s.word(i + 1));
    comparative || surprising
}

static UNLIKELY_NOUNS: LazyLock<crate::fast_hash::FastSet<&str>> =
    super::lexicon::word_file!("unlikely-nouns");

/// The scale's phrases split into words once, with their row.
static SCALE_WORDS: LazyLock<Vec<(&'static ScaleRow, Vec<&'static str>)>> = LazyLock::new(|| {
    SCALE
        .iter()
        .flat_map(|row| {
            row.3
                .iter()
                .map(move |phrase| (row, phrase.split(' ').collect()))
        })
        .collect()
});

/// Every standard term of the scale.
#[cfg(test)]
pub(super) fn standard_terms_list() -> impl Iterator<Item = &'static str> {
    SCALE.iter().flat_map(|row| row.3.iter().copied())
}

/// Every word that can start a term of the scale.
#[cfg(test)]
static SCALE_FIRST_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = SCALE_WORDS.iter().map(|(_, words)| words[0]).collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// [`SCALE_FIRST_WORDS`] as a `match` (a test keeps the two equal).
fn is_scale_first_word(word: &str) -> bool {
    matches!(
        word,
        "almost"
            | "remote"
            | "very"
            | "highly"
            | "unlikely"
            | "improbable"
            | "roughly"
            | "even"
            | "likely"
            | "probable"
            | "probably"
            | "nearly"
            | "virtually"
    )
}

fn matches_phrase(s: &SentenceView, i: usize, words: &[&str]) -> usize {
    for (n, part) in words.iter().enumerate() {
        if s.word(i + n) != *part || !s.is_word(i + n) {
            return 0;
        }
    }
    words.len()
}

/// For each hedge of `hedges.txt` (by phrase index), the row whose term its fix offers first.
static NEAREST_ROWS: LazyLock<Vec<usize>> = LazyLock::new(|| {
    hedge_entries()
        .map(|(_, nearest)| {
            REPLACEMENTS
                .iter()
                .position(|term| *term == nearest)
                .unwrap_or(MIDDLE_ROW)
        })
        .collect()
});

/// "roughly even chance", for a hedge that leans neither way.
const MIDDLE_ROW: usize = 3;

/// The rows of the scale from `nearest` outwards, the lower of two equally far rows first:
/// 2 gives 2, 1, 3, 0, 4, 5, 6.
fn rows_nearest_first(nearest: usize) -> impl Iterator<Item = usize> {
    let mut rows: Vec<usize> = (0..SCALE.len()).collect();
    rows.sort_by_key(|row| (row.abs_diff(nearest), *row));
    rows.into_iter()
}

/// Non-standard hedges: (first token, token count, the row their fix offers first).
fn hedges(s: &SentenceView) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    // A question ("how might the system fit?") asks; it does not estimate.
    if s.word(s.len().saturating_sub(1)) == "?" {
        return found;
    }
    let mut i = 0;
    while i < s.len() {
        match LEXICON.hedges.match_at(s.lower, i) {
            Some((phrase, length)) if is_hedge_use(s, i) && !s.in_quotation(i) => {
                let nearest = NEAREST_ROWS.get(phrase).copied().unwrap_or(MIDDLE_ROW);
                found.push((i, length, nearest));
                i += length;
            }
            _ => i += 1,
        }
    }
    found
}

/// "might" is a hedge as a modal verb, not in "military might".
fn is_hedge_use(s: &SentenceView, i: usize) -> bool {
    if s.word(i) != "might" {
        return true;
    }
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    let noun_use = matches!(
        previous,
        "the"
            | "its"
            | "their"
            | "his"
            | "her"
            | "military"
            | "economic"
            | "naval"
            | "industrial"
            | "financial"
            | "nuclear"
            | "full"
            | "sheer"
    ) || previous.ends_with("'s")
        || previous.ends_with("’s");
    // "as might be expected", "whatever might happen": a figure of speech or an open set of
    // outcomes, not an estimate of one.
    let no_estimate = matches!(previous, "as" | "what" | "whatever");
    !noun_use && !no_estimate && s.is_word(i + 1)
}

/// "high confidence", "moderate confidence", "low confidence".
fn confidence_at(s: &SentenceView) -> Option<TextRange> {
    (0..s.len().saturating_sub(1))
        .find(|&i| {
            CONFIDENCE.contains(&s.word(i)) && matches!(s.word(i + 1), "confidence" | "degree")
        })
        .map(|i| s.range(i, i + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_first_words_match_the_scale() {
        assert!(SCALE_FIRST_WORDS.iter().all(|w| is_scale_first_word(w)));
        assert_eq!(SCALE_FIRST_WORDS.len(), 13);
    }

    #[test]
    fn every_hedge_names_a_standard_term_to_offer_first() {
        for (hedge, nearest) in hedge_entries() {
            assert!(
                REPLACEMENTS.contains(&nearest),
                "hedges.txt: `{hedge} = {nearest}` names no term of REPLACEMENTS"
            );
        }
        assert_eq!(NEAREST_ROWS.len(), hedge_entries().count());
    }

    #[test]
    fn fixes_go_outwards_from_the_nearest_row() {
        let order = |nearest| rows_nearest_first(nearest).collect::<Vec<_>>();
        assert_eq!(order(2), [2, 1, 3, 0, 4, 5, 6]);
        assert_eq!(order(4), [4, 3, 5, 2, 6, 1, 0]);
        assert_eq!(order(0), [0, 1, 2, 3, 4, 5, 6]);
    }
}
