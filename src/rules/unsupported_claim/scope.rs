//! What is not a claim to source: judgements, forecasts, plans and promises, and sentences
//! whose figure comes from a named source.

use std::sync::LazyLock;

use super::super::lexicon::word_file;
use super::super::sentence::SentenceView;
use crate::fast_hash::FastSet;

use super::figures::MONTHS;

/// Words that mark an analytic judgement or a hedged forecast: such a sentence is never an
/// unsupported claim, whatever it contains.
pub(super) static JUDGEMENT: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "likely",
        "unlikely",
        "probably",
        "possibly",
        "perhaps",
        "maybe",
        "probable",
        "improbable",
        "assess",
        "assesses",
        "judge",
        "judges",
        "forecast",
        "forecasts",
        "projected",
        "predicted",
        "predicts",
    ]
    .into_iter()
    .collect()
});

/// Words that mark intent, opinion or a conditional: they rule out the softer triggers
/// (superlatives, verbs of change) but not a stated figure, which stays checkable.
pub(super) static SOFT: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "would", "could", "may", "might", "can", "believe", "think", "feel", "if", "unless",
        "expect", "expects",
    ]
    .into_iter()
    .collect()
});

/// Words of intent and proposal: a figure in a plan ("we will invest $5 billion") is a promise,
/// not a claim about the world.
pub(super) static INTENT: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "will",
        "going",
        "want",
        "wants",
        "propose",
        "proposes",
        "proposed",
        "proposing",
        "plan",
        "plans",
        "let's",
        "promise",
        "pledge",
        "intend",
        "intends",
        "'ll",
    ]
    .into_iter()
    .collect()
});

/// A plan, a promise or a proposal: "we will invest $5 billion", "I want to cut 10 percent".
pub(super) fn is_intent(s: &SentenceView) -> bool {
    (0..s.len()).any(|i| {
        let word = s.word(i);
        let next = s.word(i + 1);
        match word {
            "plan" | "plans" | "want" | "wants" | "going" | "intend" | "intends" | "propose"
            | "proposes" | "proposing" | "promise" | "pledge" => next == "to" || next == "that",
            _ => INTENT.contains(&word) || word.ends_with("'ll") || word.ends_with("’ll"),
        }
    })
}

/// Not a question, a forecast, an intention or an opinion.
pub(super) fn is_assertion(s: &SentenceView) -> bool {
    let last = s.len().saturating_sub(1);
    if s.word(last) == "?" {
        return false;
    }
    !s.lower.iter().any(|w| JUDGEMENT.contains(w))
}

/// Attributed to a named actor ("Canada said…", "according to the IMF", "NATO estimates…").
/// Verbs by which a named source gives a figure: "Canada said", "the IMF estimates".
pub(super) const SOURCE_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "stated",
    "states",
    "reported",
    "reports",
    "estimated",
    "estimates",
    "estimate",
    "noted",
    "notes",
    "confirmed",
    "confirms",
    "wrote",
    "writes",
    "added",
    "adds",
    "claimed",
    "claims",
    "published",
    "publishes",
    "calculated",
    "recorded",
    "counted",
    "showed",
    "shows",
    "found",
    "finds",
    "indicated",
    "indicates",
    "put",
    "puts",
    "data",
    "figures",
    "statistics",
    "cited",
    "cites",
];

pub(super) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Institutions that "the ministry said" names (see the data file).
pub(super) static NAMED_BODIES: LazyLock<FastSet<&str>> = word_file!("named-bodies");

pub(super) fn has_named_source(s: &SentenceView) -> bool {
    for i in 0..s.len() {
        let word = s.word(i);
        if word == "according" && s.word(i + 1) == "to" {
            let j = if matches!(s.word(i + 2), "the" | "a" | "an") {
                i + 3
            } else {
                i + 2
            };
            // "according to the finance ministry": a body named within a few words.
            if s.mention(j).is_some()
                || s.is_capitalized(j)
                || (j..j + 3).any(|k| NAMED_BODIES.contains(&s.word(k)))
            {
                return true;
            }
        }
        // "the United States" is a country, not "X states".
        if SOURCE_VERBS.contains(&word) && !(word == "states" && i > 0 && s.word(i - 1) == "united")
        {
            // A named subject just before the verb: "Canada said", "the IMF estimates", "the
            // ministry reported", "Kallas told". A date is no subject ("on 14 March, …").
            let from = i.saturating_sub(3);
            if (from..i).any(|j| {
                s.mention(j).is_some()
                    || (s.is_capitalized(j)
                        && j > 0
                        && s.is_word(j)
                        && s.word(j) != "i"
                        && !MONTHS.contains(&s.word(j))
                        && !WEEKDAYS.contains(&s.word(j)))
                    || s.word(j) == "@"
                    || (NAMED_BODIES.contains(&s.word(j))
                        && (from.saturating_sub(2)..j).any(|k| s.word(k) == "the"))
            }) {
                return true;
            }
        }
    }
    false
}
