//! Rankings and records without a figure of their own: "the 4th largest army", "the
//! second-highest tax rate", "a 15-year high", "an all-time low", "the toughest reforms since
//! the 1930s", "four years in a row", "cut the deficit in half".

use std::sync::LazyLock;

use super::super::lexicon::is_month;
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

/// Hyphenated ranks ("second-largest", "3rd-highest") and superlative compounds
/// ("longest-running", "longest-serving", "largest-ever"), built from the ordinals and the
/// superlatives so that one lookup finds them.
pub(super) fn compound_ranks(superlatives: &[&str]) -> Vec<String> {
    const SUFFIXES: [&str; 5] = ["running", "serving", "standing", "lasting", "ever"];
    let ranked = ORDINALS
        .iter()
        .flat_map(|o| superlatives.iter().map(move |s| format!("{o}-{s}")));
    let compounds = superlatives
        .iter()
        .flat_map(|s| SUFFIXES.iter().map(move |suffix| format!("{s}-{suffix}")));
    ranked.chain(compounds).collect()
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
    // "the first ministerial gathering of the Weimar Triangle since 2023": up to eight words
    // back, within the clause.
    (i.saturating_sub(8)..i)
        .rev()
        .take_while(|&j| !matches!(s.word(j), "," | ";" | "which" | "where" | "who" | "that"))
        .find(|&j| {
            let word = s.word(j);
            j > 0
                && matches!(s.word(j - 1), "the" | "its" | "their")
                && (word == "first"
                    || (word.len() >= 6
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
                        )))
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

/// Word ordinals that state a place when said of a subject: "is second in space", "we're last
/// in".
const PLACES: [&str; 10] = [
    "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "last",
];

/// A place in a ranking: "4th in manufacturing jobs", "49th for women with health care", "the
/// United States is second in space", "Texas is number one in industrial pollution". `i` is the
/// ordinal or "number". Not an item of a sequence ("the 4th in a series", "June 4th in Paris"),
/// not "second in command" or "last in line". Returns the token of the preposition.
pub(super) fn place_in_ranking(s: &SentenceView, i: usize) -> Option<usize> {
    let word = s.word(i);
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    let preposition = if word == "number" {
        if !matches!(s.word(i + 1), "one" | "1") {
            return None;
        }
        i + 2
    } else if PLACES.contains(&word) {
        // A word ordinal is a place only as a predicate: "is second", "we're last".
        let predicate = matches!(previous, "is" | "are" | "was" | "were" | "be" | "been")
            || previous.ends_with("'re")
            || previous.ends_with("’re");
        if !predicate {
            return None;
        }
        i + 1
    } else {
        // "4th", "49th": digits with an ordinal suffix.
        let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &word[digits.len()..];
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !matches!(suffix, "st" | "nd" | "rd" | "th")
        {
            return None;
        }
        i + 1
    };
    let sequence = matches!(
        previous,
        "the" | "a" | "its" | "their" | "his" | "her" | "our" | "my" | "your" | "every" | "each"
    ) || is_month(previous);
    let after = s.word(preposition + 1);
    (matches!(s.word(preposition), "in" | "for" | "among")
        && !sequence
        && s.is_word(preposition + 1)
        && !matches!(
            after,
            "line" | "command" | "a" | "an" | "order" | "turn" | "place" | "row"
        ))
    .then_some(preposition)
}
