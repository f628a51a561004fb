//! `unsupported-claim`: a checkable statement — a figure, percentage, amount, count, ranking or
//! superlative, a causal or historical assertion — with no citation (SPEC §2.5 scope) and no
//! named source. Opinion, intent, forecasts and sentences attributed to a named actor are left
//! alone.

use std::sync::LazyLock;

use super::lexicon::word_file;
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, RuleCode, RuleContext, diagnostic, insert_at_sentence_end};
use crate::fast_hash::FastSet;
use crate::text::TextRange;

static MONTHS: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
    .into_iter()
    .collect()
});

/// Words before a number that make it a label, not a figure: "Article 5", "Resolution 2231".
static LABELS: LazyLock<FastSet<&str>> = word_file!("claim-labels");

static NUMBER_WORDS: LazyLock<FastSet<&str>> = word_file!("claim-number-words");

static SUPERLATIVES: LazyLock<FastSet<&str>> = word_file!("claim-superlatives");

/// Verbs of change and cause that make a checkable historical assertion.
static CHANGE_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-change-verbs");

/// Words that mark an analytic judgement or a hedged forecast: such a sentence is never an
/// unsupported claim, whatever it contains.
static JUDGEMENT: LazyLock<FastSet<&str>> = LazyLock::new(|| {
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
static SOFT: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "would", "could", "may", "might", "can", "believe", "think", "feel", "if", "unless",
        "expect", "expects",
    ]
    .into_iter()
    .collect()
});

/// Words of intent and proposal: a figure in a plan ("we will invest $5 billion") is a promise,
/// not a claim about the world.
static INTENT: LazyLock<FastSet<&str>> = LazyLock::new(|| {
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

/// Units of time: "over the last eight years" is a span, not a figure.
static TIME_UNITS: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "minute",
        "seconds",
        "decades",
        "decade",
        "centuries",
        "nights",
        "times",
        "terms",
    ]
    .into_iter()
    .collect()
});

/// Words that can make a sentence a checkable claim (numbers are a family of their own).
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    let extra = [
        "record", "time", "ranks", "ranked", "ranking", "voted", "history", "ever", "before",
        "since",
    ];
    Box::new(
        NUMBER_WORDS
            .iter()
            .copied()
            .chain(SUPERLATIVES.iter().copied())
            .chain(CHANGE_VERBS.iter().copied())
            .chain(extra),
    )
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for index in 0..context.document.sentences.len() {
        if context.is_cited(index) {
            continue;
        }
        if !context
            .words
            .sentence_has(index, triggers::CLAIM | triggers::NUMBER)
        {
            continue;
        }
        let sentence = SentenceView::new(context, index);
        if !is_assertion(&sentence) || has_named_source(&sentence) {
            continue;
        }
        if is_intent(&sentence) {
            continue;
        }
        let soft = sentence.lower.iter().any(|w| SOFT.contains(w));
        let Some(trigger) = find_trigger(&sentence, !soft) else {
            continue;
        };
        let mut d = diagnostic(
            RuleCode::UnsupportedClaim,
            trigger,
            format!(
                "checkable claim without a source (`{}`): cite it or name who says so",
                trigger.slice(&context.document.prose)
            ),
        );
        d.fixes.push(insert_at_sentence_end(
            context,
            index,
            "Insert a footnote",
            "[^]",
        ));
        out.push(d);
    }
}

/// The first checkable element of the sentence, figures before words; `with_soft` also looks
/// for superlatives and verbs of change.
fn find_trigger(s: &SentenceView, with_soft: bool) -> Option<TextRange> {
    for i in 0..s.len() {
        if s.is_number(i) && is_figure(s, i) {
            let end = if matches!(
                s.word(i + 1),
                "%" | "percent" | "million" | "billion" | "trillion" | "per"
            ) {
                i + 1
            } else {
                i
            };
            let end = if s.word(end) == "per" && s.word(end + 1) == "cent" {
                end + 1
            } else {
                end
            };
            let start = if i > 0 && matches!(s.word(i - 1), "$" | "€" | "£" | "¥") {
                i - 1
            } else {
                i
            };
            return Some(s.range(start, end + 1));
        }
    }
    for i in 0..s.len() {
        let word = s.word(i);
        if s.is_word(i) && NUMBER_WORDS.contains(&word) && is_count(s, i) {
            return Some(s.range(i, (i + 2).min(s.len())));
        }
    }
    if !with_soft {
        return None;
    }
    for i in 0..s.len() {
        let word = s.word(i);
        if SUPERLATIVES.contains(&word)
            && i > 0
            && matches!(
                s.word(i - 1),
                "the"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "world's"
                    | "country's"
                    | "region's"
                    | "europe's"
            )
        {
            return Some(s.range(i - 1, i + 1));
        }
        if matches!(word, "ranks" | "ranked" | "ranking")
            && matches!(
                s.word(i + 1),
                "first"
                    | "second"
                    | "third"
                    | "fourth"
                    | "fifth"
                    | "sixth"
                    | "seventh"
                    | "eighth"
                    | "ninth"
                    | "tenth"
                    | "top"
                    | "last"
                    | "among"
            )
        {
            return Some(s.range(i, i + 2));
        }
        if word == "record"
            && matches!(
                s.word(i + 1),
                "high" | "low" | "levels" | "level" | "highs" | "lows" | "number" | "numbers"
            )
        {
            return Some(s.range(i, i + 2));
        }
        if (word == "first" && s.word(i + 1) == "time")
            || (word == "since" && s.word(i + 1) == "records" && s.word(i + 2) == "began")
        {
            return Some(s.range(i, i + 2));
        }
        if CHANGE_VERBS.contains(&word) && is_change_assertion(s, i) {
            let end = if matches!(s.word(i + 1), "to" | "in" | "after" | "by" | "from") {
                i + 1
            } else {
                i
            };
            return Some(s.range(i, end + 1));
        }
    }
    None
}

/// A number that states a quantity, not a date, a time, a label or an ordinal.
fn is_figure(s: &SentenceView, i: usize) -> bool {
    let text = s.word(i);
    // Look back past the punctuation of "Dec. 20" and "Version: 12".
    let previous = match i.checked_sub(1).map(|p| s.word(p)) {
        Some("." | ":") if i >= 2 => s.word(i - 2),
        Some(word) => word,
        None => "",
    };
    let next = s.word(i + 1);
    let before = if i > 0 { s.word(i - 1) } else { "" };
    // "30 U.S.C. §191", "Resolution 2231": references, not quantities.
    if LABELS.contains(&previous)
        || LABELS.contains(&next)
        || next == ":"
        || matches!(before, "#" | "/" | "-" | "§")
        || matches!(next, "/" | "-")
    {
        return false;
    }
    // Numbers run into letters ("1974April", "F2F") are labels or conversion debris; unit
    // suffixes ("4bn", "10m") are figures.
    let letters = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if !letters.is_empty()
        && !matches!(
            letters,
            "bn" | "m" | "mn" | "k" | "tn" | "b" | "st" | "nd" | "rd" | "th" | "s"
        )
    {
        return false;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let value: u64 = digits.parse().unwrap_or(0);
    let plain = text.chars().all(|c| c.is_ascii_digit());
    let percent = matches!(next, "%" | "percent" | "per" | "percentage");
    if percent {
        return true;
    }
    // Years and days of the month are dates.
    if plain && digits.len() == 4 && (1000..=2100).contains(&value) {
        return false;
    }
    if plain
        && value <= 31
        && (MONTHS.contains(&previous) || MONTHS.contains(&next) || next == "of")
    {
        return false;
    }
    // Ordinals (1st, 20th), times (10.30, 14:00) and decades (1990s).
    if text.ends_with("st")
        || text.ends_with("nd")
        || text.ends_with("rd")
        || text.ends_with("th")
        || text.ends_with('s')
        || next == ":"
        || matches!(next, "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "cet")
    {
        return false;
    }
    // "24 hours ago" dates something; it measures nothing.
    if TIME_UNITS.contains(&next) && s.word(i + 2) == "ago" {
        return false;
    }
    // A span of time ("the last 20 months") is context, not a figure.
    if plain && TIME_UNITS.contains(&next) && value < 100 && is_span_start(previous) {
        return false;
    }
    // A small bare number with no unit is as likely a list index as a quantity.
    if plain && value <= 1 {
        return false;
    }
    true
}

fn is_span_start(word: &str) -> bool {
    matches!(
        word,
        "last"
            | "next"
            | "past"
            | "coming"
            | "first"
            | "recent"
            | "few"
            | "the"
            | "in"
            | "within"
            | "those"
            | "these"
    )
}

/// A plan, a promise or a proposal: "we will invest $5 billion", "I want to cut 10 percent".
fn is_intent(s: &SentenceView) -> bool {
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

/// A number word that counts something: "eleven times", "two million barrels".
fn is_count(s: &SentenceView, i: usize) -> bool {
    let word = s.word(i);
    if matches!(word, "percent" | "percentage") {
        return i > 0 && (s.is_number(i - 1) || NUMBER_WORDS.contains(&s.word(i - 1)));
    }
    if word == "per" {
        return s.word(i + 1) == "cent" && i > 0 && s.is_number(i - 1);
    }
    if word == "half" {
        return s.word(i + 1) == "of" || (i > 0 && matches!(s.word(i - 1), "by" | "than"));
    }
    let next = s.word(i + 1);
    // "two of them", "the two sides" are not quantities worth a source; "two years ago" is time.
    if matches!(
        next,
        "of" | "sides"
            | "leaders"
            | "countries"
            | "men"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "hours"
            | "minutes"
            | "-"
            | ","
            | "."
            | "or"
            | "and"
    ) && !matches!(
        word,
        "million"
            | "billion"
            | "trillion"
            | "thousand"
            | "thousands"
            | "hundreds"
            | "millions"
            | "billions"
            | "dozens"
    ) {
        return false;
    }
    if i > 0
        && matches!(
            s.word(i - 1),
            "the"
                | "these"
                | "those"
                | "both"
                | "all"
                | "number"
                | "last"
                | "next"
                | "past"
                | "first"
        )
    {
        return false;
    }
    if TIME_UNITS.contains(&next) && (i == 0 || is_span_start(s.word(i - 1))) {
        return false;
    }
    s.is_word(i + 1)
        || s.is_number(i + 1)
        || matches!(word, "million" | "billion" | "trillion" | "twice")
}

/// A change or causal verb used as a finite assertion of what happened: "collapsed after",
/// "has doubled", "led to".
fn is_change_assertion(s: &SentenceView, i: usize) -> bool {
    let word = s.word(i);
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    // A participle used as an adjective ("the reduced budget") or after "to" is not an assertion.
    if matches!(
        previous,
        "the" | "a" | "an" | "to" | "be" | "been" | "being" | "is" | "are" | "was" | "were"
    ) {
        return false;
    }
    match word {
        "led" | "contributed" => s.word(i + 1) == "to",
        "resulted" => s.word(i + 1) == "in",
        "cut" | "raised" | "lost" | "gained" | "created" | "reduced" | "lowered" | "voted"
        | "killed" | "destroyed" | "displaced" => {
            // Only with a measured object: "cut taxes by 10 percent" is caught as a figure;
            // "raised concerns" is not a claim.
            matches!(previous, "has" | "have" | "had") || s.word(i + 1) == "by"
        }
        "caused" | "triggered" | "sparked" | "prompted" | "fueled" | "fuelled" | "drove"
        | "outnumbered" | "exceeded" | "overtook" | "surpassed" => true,
        // Verbs of change are assertions when a measure, a time or a cause follows ("rose 12%",
        // "fell sharply", "collapsed after"), not when they qualify a noun ("increased support").
        _ => {
            let next = s.word(i + 1);
            // "fell to 3%" measures; "declined to comment" refuses.
            if next == "to" {
                let after = s.word(i + 2);
                return s.is_number(i + 2)
                    || matches!(
                        after,
                        "a" | "an"
                            | "the"
                            | "its"
                            | "their"
                            | "around"
                            | "about"
                            | "nearly"
                            | "almost"
                            | "just"
                            | "under"
                            | "below"
                            | "above"
                            | "over"
                            | "less"
                            | "more"
                            | "$"
                            | "€"
                            | "£"
                            | "zero"
                            | "record"
                    );
            }
            !s.is_word(i + 1)
                || s.is_number(i + 1)
                || matches!(
                    next,
                    "by" | "to"
                        | "from"
                        | "in"
                        | "after"
                        | "since"
                        | "over"
                        | "during"
                        | "under"
                        | "on"
                        | "at"
                        | "for"
                        | "within"
                        | "more"
                        | "less"
                        | "again"
                        | "further"
                        | "sharply"
                        | "steeply"
                        | "steadily"
                        | "significantly"
                        | "dramatically"
                        | "slightly"
                        | "rapidly"
                        | "quickly"
                        | "nearly"
                        | "almost"
                        | "about"
                        | "some"
                        | "more than"
                        | "when"
                        | "as"
                        | "following"
                        | "amid"
                        | "because"
                        | "last"
                        | "this"
                        | "between"
                        | "across"
                        | "overnight"
                        | "year-on-year"
                )
        }
    }
}

/// Not a question, a forecast, an intention or an opinion.
fn is_assertion(s: &SentenceView) -> bool {
    let last = s.len().saturating_sub(1);
    if s.word(last) == "?" {
        return false;
    }
    !s.lower.iter().any(|w| JUDGEMENT.contains(w))
}

/// Attributed to a named actor ("Canada said…", "according to the IMF", "NATO estimates…").
/// Verbs by which a named source gives a figure: "Canada said", "the IMF estimates".
const SOURCE_VERBS: &[&str] = &[
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

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Institutions that "the ministry said" names (see the data file).
static NAMED_BODIES: LazyLock<FastSet<&str>> = word_file!("named-bodies");

fn has_named_source(s: &SentenceView) -> bool {
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
        if SOURCE_VERBS.contains(&word) {
            // A named subject just before the verb: "Canada said", "the IMF estimates", "the
            // ministry reported", "Kallas told". A date is no subject ("on 14 March, …").
            let from = i.saturating_sub(3);
            if (from..i).any(|j| {
                s.mention(j).is_some()
                    || (s.is_capitalized(j)
                        && j > 0
                        && s.is_word(j)
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
