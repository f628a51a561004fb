//! Rankings and records without a figure of their own: "the 4th largest army", "the
//! second-highest tax rate", "a 15-year high", "an all-time low", "the toughest reforms since
//! the 1930s", "four years in a row", "cut the deficit in half".

use std::sync::LazyLock;

use super::super::sentence::SentenceView;
use super::figures::TIME_UNITS;

/// Ordinals that rank: "second highest", "4th largest".
const ORDINALS: [&str; 18] = [
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "2nd",
    "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th",
];

pub(super) fn is_ordinal(word: &str) -> bool {
    ORDINALS.contains(&word)
}

/// Hyphenated ranks ("second-largest", "3rd-highest"), built from the ordinals and the
/// superlatives so that one lookup finds them.
pub(super) fn compound_ranks(superlatives: &[&str]) -> Vec<String> {
    ORDINALS
        .iter()
        .flat_map(|o| superlatives.iter().map(move |s| format!("{o}-{s}")))
        .collect()
}

/// "a 15-year high", "an all-time low", "a three-decade low": `i` is the word "high" or "low".
/// Returns the first token of the match.
pub(super) fn period_record(s: &SentenceView, i: usize) -> Option<usize> {
    if !matches!(s.word(i), "high" | "low" | "highs" | "lows") || i == 0 {
        return None;
    }
    let previous = s.word(i - 1);
    if previous == "all-time" || previous.ends_with("-year") || previous.ends_with("-decade") {
        return Some(i - 1);
    }
    // "15-year": the number, the hyphen and the unit are three tokens.
    if matches!(previous, "year" | "month" | "decade" | "week")
        && i >= 3
        && s.word(i - 2) == "-"
        && s.is_number(i - 3)
    {
        return Some(i - 3);
    }
    None
}

/// Superlatives that end in -est but are not in the measurable list need a reference period to
/// be a claim: "the toughest reforms since the 1930s", "the briefest since the Second World
/// War". `i` is "since"; returns the first token of the superlative.
pub(super) fn superlative_since(s: &SentenceView, i: usize) -> Option<usize> {
    let next = s.word(i + 1);
    let dated = s.is_number(i + 1)
        || (next == "the"
            && (s.is_number(i + 2)
                || matches!(s.word(i + 2), "second" | "first" | "end" | "great" | "cold")));
    if !dated && !matches!(next, "records" | "world") {
        return None;
    }
    (i.saturating_sub(6)..i).find(|&j| {
        let word = s.word(j);
        j > 0
            && matches!(s.word(j - 1), "the" | "its" | "their")
            && word.len() >= 6
            && word.ends_with("est")
            && !matches!(
                word,
                "interest"
                    | "protest"
                    | "request"
                    | "forest"
                    | "honest"
                    | "modest"
                    | "suggest"
                    | "digest"
                    | "arrest"
                    | "contest"
                    | "harvest"
                    | "manifest"
                    | "latest"
            )
    })
}

/// "four years in a row", "for the third time in a row": `i` is "row". Returns the first token.
pub(super) fn in_a_row(s: &SentenceView, i: usize) -> Option<usize> {
    if i < 3 || s.word(i - 1) != "a" || s.word(i - 2) != "in" {
        return None;
    }
    let unit = s.word(i - 3);
    (TIME_UNITS.contains(&unit) || matches!(unit, "quarters" | "elections" | "sessions"))
        .then_some(i - 3)
}

/// "cut the deficit in half", "cut in half the number of permits": `i` is "half". Returns the
/// verb's token.
pub(super) fn halved(s: &SentenceView, i: usize) -> Option<usize> {
    if i < 2 || s.word(i - 1) != "in" {
        return None;
    }
    (i.saturating_sub(6)..i - 1).find(|&j| {
        matches!(
            s.word(j),
            "cut" | "cutting" | "reduced" | "slashed" | "halved" | "dropped" | "fell"
        ) && j > 0
            && !matches!(s.word(j - 1), "to" | "a" | "the" | "tax")
    })
}

/// Whether the whole hyphenated word is an ordinal rank ("second-largest").
pub(super) static COMPOUND_RANK_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let superlatives: Vec<&str> = super::SUPERLATIVES.iter().copied().collect();
    compound_ranks(&superlatives)
});
