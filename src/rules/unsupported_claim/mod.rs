//! `unsupported-claim`: a checkable statement — a figure, percentage, amount, count, ranking or
//! superlative, a causal or historical assertion — with no citation (SPEC §2.5 scope) and no
//! named source. Opinion, intent, forecasts and sentences attributed to a named actor are left
//! alone.

use std::sync::LazyLock;

use super::lexicon::word_file;
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, RuleCode, RuleContext, diagnostic, insert_at_sentence_end};
use crate::fast_hash::{FastMap, FastSet};
use crate::text::TextRange;

mod dated;
mod figures;
mod rank;
mod record;
mod scope;

use figures::{NUMBER_WORDS, is_count, is_figure};
use scope::{Scope, has_named_source, is_assertion};

pub(super) static SUPERLATIVES: LazyLock<FastSet<&str>> = word_file!("claim-superlatives");

/// Verbs of change and cause that make a checkable historical assertion.
static CHANGE_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-change-verbs");

/// Anchor kinds: a word that can start a count or fraction, or a softer pattern.
const COUNT: u8 = 1;
const SOFT_ANCHOR: u8 = 2;

/// Every word that can start a pattern of `find_trigger`, so that one lookup per word skips the
/// rest; built from the same lists as `trigger_words`.
static ANCHORS: LazyLock<FastMap<&'static str, u8>> = LazyLock::new(|| {
    let mut map: FastMap<&'static str, u8> = FastMap::default();
    let counts = NUMBER_WORDS
        .iter()
        .chain(record::FRACTIONS.iter())
        .copied()
        .chain(COUNT_EXTRAS);
    for word in counts {
        *map.entry(word).or_default() |= COUNT;
    }
    let soft = SUPERLATIVES
        .iter()
        .chain(CHANGE_VERBS.iter())
        .chain(record::RECORD_VERBS.iter())
        .chain(record::ACTION_VERBS.iter())
        .chain(record::POSITION_VERBS.iter())
        .chain(record::STANCE_VERBS.iter())
        .chain(record::OUTCOME_VERBS.iter())
        .copied()
        .chain(rank::COMPOUND_RANK_WORDS.iter().map(String::as_str))
        .chain(SOFT_WORDS);
    for word in soft {
        *map.entry(word).or_default() |= SOFT_ANCHOR;
    }
    map
});

/// A word's length (up to 31), first and last byte, folded into 15 bits: the key of
/// `ANCHOR_SHAPES`.
fn shape(word: &str) -> usize {
    let bytes = word.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return 0;
    };
    (bytes.len().min(31) << 10) | ((first as usize & 31) << 5) | (last as usize & 31)
}

/// The shapes of the anchors, as a bit set: most words of a candidate sentence ("the", "of",
/// "budget") have no anchor's shape, and are rejected by one bit test instead of a hash of the
/// whole word.
static ANCHOR_SHAPES: LazyLock<Box<[u64]>> = LazyLock::new(|| {
    let mut bits = vec![0u64; (1 << 15) / 64].into_boxed_slice();
    for word in ANCHORS.keys() {
        let key = shape(word);
        bits[key / 64] |= 1 << (key % 64);
    }
    bits
});

/// Words that start a softer pattern besides the word lists.
const SOFT_WORDS: [&str; 66] = [
    "didn't",
    "didn’t",
    "never",
    "not",
    "hasn't",
    "haven't",
    "hasn’t",
    "haven’t",
    "number",
    "second",
    "fourth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "last",
    "against",
    "high",
    "low",
    "highs",
    "lows",
    "row",
    "half",
    "ranks",
    "ranked",
    "ranking",
    "record",
    "first",
    "since",
    "than",
    "voted",
    "vetoed",
    "gone",
    "went",
    "come",
    "came",
    "going",
    "coming",
    "risen",
    "fallen",
    "grown",
    "shrunk",
    "rising",
    "falling",
    "growing",
    "shrinking",
    "declining",
    "increasing",
    "decreasing",
    "soaring",
    "plummeting",
    "time",
    "up",
    "down",
    "single",
    "one",
    "increase",
    "decrease",
    "rise",
    "decline",
    "drop",
    "fall",
    "surge",
    "jump",
    "reduction",
    "spike",
];

/// Ordinal fractions and "out" (of ten): counts besides the number words and fractions.
const COUNT_EXTRAS: [&str; 5] = ["third", "quarter", "fifth", "tenth", "out"];

/// Words that can make a sentence a checkable claim (numbers are a family of their own): every
/// anchor above, and the words that complete a record phrase ("the first time in history",
/// "than ever before").
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    Box::new(
        NUMBER_WORDS
            .iter()
            .copied()
            .chain(SUPERLATIVES.iter().copied())
            .chain(CHANGE_VERBS.iter().copied())
            .chain(record::RECORD_VERBS.iter().copied())
            .chain(record::ACTION_VERBS.iter().copied())
            .chain(record::POSITION_VERBS.iter().copied())
            .chain(record::STANCE_VERBS.iter().copied())
            .chain(record::OUTCOME_VERBS.iter().copied())
            .chain(record::FRACTIONS.iter().copied())
            .chain(rank::COMPOUND_RANK_WORDS.iter().map(String::as_str))
            .chain(SOFT_WORDS)
            .chain(COUNT_EXTRAS)
            .chain([
                "time", "history", "ever", "before", "he", "she", "he's", "she's",
            ]),
    )
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    // The anchor kinds of the current sentence's tokens, kept to reuse the allocation.
    let mut anchors = Vec::new();
    for index in context.sentence_indices() {
        if context.is_cited(index) {
            continue;
        }
        if !context.sentence_has(index, triggers::CLAIM | triggers::NUMBER) {
            continue;
        }
        // Without a word of the claim family (only numbers), no word is an anchor: no word
        // is looked up (see `anchors_are_claim_words`).
        let claim_words = context.sentence_has(index, triggers::CLAIM);
        let sentence = SentenceView::new(context, index);
        // The cheap search for a checkable element first: most sentences that pass the
        // trigger-word filter have none, and the scope checks below are all required.
        // A figure or a softer trigger is a plan only inside the clause that states the plan
        // ("for the first time in history, you will be taxing…" plans; "…, and that's why I
        // vetoed the budget" does not); the softer triggers are also left alone by opinion
        // anywhere in the sentence, and by a modal or a condition in their own clause.
        let scope = Scope::new(&sentence);
        let figure_allowed = |i: usize| scope.figure_allowed(i);
        let soft_allowed = |i: usize| scope.soft_allowed(i);
        let Some(trigger) = find_trigger(
            &sentence,
            claim_words,
            &mut anchors,
            &figure_allowed,
            &soft_allowed,
        ) else {
            continue;
        };
        if !is_assertion(&sentence) || has_named_source(&sentence) {
            continue;
        }
        // A source already reported as vague or anonymous is the finding an editor acts on;
        // the claim it carries is not reported a second time. Asked only now, after a
        // checkable element was found, so that sentences without one cost nothing more.
        if source_reported(context, index, &sentence) {
            continue;
        }
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

/// Whether `vague-attribution` or `anonymous-source`, when enabled, reports the sentence's
/// source (both skip the cited sentences, as this rule does).
fn source_reported(context: &RuleContext, index: usize, sentence: &SentenceView) -> bool {
    let reports = |code: RuleCode, family: u32, find: fn(&SentenceView) -> Option<TextRange>| {
        context.severity(code).is_some()
            && context.sentence_has(index, family)
            && find(sentence).is_some()
    };
    reports(
        RuleCode::VagueAttribution,
        triggers::VAGUE_ATTRIBUTION,
        super::vague_attribution::find,
    ) || reports(
        RuleCode::AnonymousSource,
        triggers::ANONYMOUS_SOURCE,
        super::anonymous_source::find,
    )
}

/// The first checkable element of the sentence, figures before words. `figure_allowed` rejects
/// a figure or count at a token (one stated as part of a plan), `soft_allowed` a superlative,
/// change or act (one in an opinion, a condition or a plan). Without `claim_words` (a word of
/// the claim family), no word is looked up in `ANCHORS`; `anchors` is a buffer.
fn find_trigger(
    s: &SentenceView,
    claim_words: bool,
    anchors: &mut Vec<u8>,
    figure_allowed: &dyn Fn(usize) -> bool,
    soft_allowed: &dyn Fn(usize) -> bool,
) -> Option<TextRange> {
    if let Some(range) = find_figure(s, figure_allowed) {
        return Some(range);
    }
    // Both searches below start at anchors only: each word is looked up once for both.
    anchors.clear();
    if claim_words {
        anchors.extend((0..s.len()).map(|i| anchor_kind(s, i)));
    }
    find_count(s, anchors, figure_allowed).or_else(|| find_soft(s, anchors, soft_allowed))
}

/// The kinds of pattern that token `i` can start, 0 for none. Numbers and punctuation start
/// none (see `anchors_are_claim_words`).
fn anchor_kind(s: &SentenceView, i: usize) -> u8 {
    if !s.is_word(i) {
        return 0;
    }
    let word = s.word(i);
    let key = shape(word);
    if ANCHOR_SHAPES[key / 64] & (1 << (key % 64)) == 0 {
        return 0;
    }
    ANCHORS.get(word).copied().unwrap_or(0)
}

/// The first figure that `allowed` accepts.
fn find_figure(s: &SentenceView, allowed: &dyn Fn(usize) -> bool) -> Option<TextRange> {
    for i in 0..s.len() {
        if s.is_number(i) && is_figure(s, i) && allowed(i) {
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
    None
}

/// The first count or fraction in words that `allowed` accepts; `anchors` are the tokens'
/// anchor kinds.
fn find_count(
    s: &SentenceView,
    anchors: &[u8],
    allowed: &dyn Fn(usize) -> bool,
) -> Option<TextRange> {
    for (i, &kind) in anchors.iter().enumerate() {
        if kind & COUNT == 0 {
            continue;
        }
        let word = s.word(i);
        // "too clever by half", "cute by half": an idiom, not a share.
        if word == "half"
            && i >= 2
            && s.word(i - 1) == "by"
            && matches!(s.word(i - 2), "clever" | "cute" | "smart")
        {
            continue;
        }
        if NUMBER_WORDS.contains(&word) && is_count(s, i) && allowed(i) {
            return Some(s.range(i, (i + 2).min(s.len())));
        }
        if let Some(end) = record::fraction(s, i).filter(|_| allowed(i)) {
            return Some(s.range(i, end + 1));
        }
    }
    None
}

/// The first superlative, record, comparison, change or dated act whose position `allowed`
/// accepts; `anchors` are the tokens' anchor kinds.
fn find_soft(
    s: &SentenceView,
    anchors: &[u8],
    allowed: &dyn Fn(usize) -> bool,
) -> Option<TextRange> {
    for (i, &kind) in anchors.iter().enumerate() {
        if kind & SOFT_ANCHOR == 0 {
            continue;
        }
        if let Some(range) = soft_at(s, i).filter(|_| allowed(i)) {
            return Some(range);
        }
    }
    // "4th in manufacturing jobs": a numbered place, not a word. The place is looked for
    // before asking `allowed`, which reads the clause and costs far more.
    let place = (0..s.len()).filter(|&i| s.is_number(i)).find_map(|i| {
        rank::place_in_ranking(s, i)
            .filter(|_| allowed(i))
            .map(|end| s.range(i, end + 1))
    });
    if place.is_some() {
        return place;
    }
    // A person's act or stance needs "he" or "she", which most sentences lack.
    let person = || dated::first_personal_subject(s);
    dated::dated_act(s)
        .or_else(|| {
            person().and_then(|first| {
                dated::persons_act(s, first).or_else(|| record::stance_for(s, first))
            })
        })
        .filter(|&(start, _)| allowed(start))
        .map(|(start, end)| s.range(start, end + 1))
}

/// The superlative, record, comparison or change that starts at word `i`, a soft anchor.
fn soft_at(s: &SentenceView, i: usize) -> Option<TextRange> {
    let word = s.word(i);
    // "the 4th largest army", "the second-highest rate".
    if SUPERLATIVES.contains(&word) && i > 0 && rank::is_ordinal(s.word(i - 1)) {
        return Some(s.range(i - 1, i + 1));
    }
    if word.contains('-') && rank::COMPOUND_RANK_WORDS.iter().any(|w| w == word) {
        return Some(s.range(i, i + 1));
    }
    // "is second in space", "number one in industrial pollution".
    if matches!(
        word,
        "number"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
            | "last"
    ) && let Some(end) = rank::place_in_ranking(s, i)
    {
        return Some(s.range(i, end + 1));
    }
    let ranked = match word {
        "high" | "low" | "highs" | "lows" => rank::period_record(s, i),
        "since" => rank::superlative_since(s, i),
        "row" => rank::in_a_row(s, i),
        "half" => rank::halved(s, i),
        _ => None,
    };
    if let Some(start) = ranked {
        return Some(s.range(start, i + 1));
    }
    // "the highest possible standards", "the highest priority", "the worst thing": rank
    // words as praise or blame.
    let evaluative = matches!(
        s.word(i + 1),
        "possible"
            | "priority"
            | "priorities"
            | "standard"
            | "standards"
            | "regard"
            | "honor"
            | "honour"
            | "esteem"
            | "respect"
            | "thing"
            | "things"
    );
    if SUPERLATIVES.contains(&word)
        && !evaluative
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
    // "an all time low" (the unhyphenated "all-time low").
    if word == "time"
        && i > 0
        && s.word(i - 1) == "all"
        && matches!(s.word(i + 1), "high" | "low" | "highs" | "lows")
    {
        return Some(s.range(i - 1, i + 2));
    }
    // "not a single program", "not one Republican": a count of zero.
    if (word == "single" && i > 1 && s.word(i - 1) == "a" && s.word(i - 2) == "not")
        || (word == "one" && i > 0 && s.word(i - 1) == "not")
    {
        let start = if word == "single" { i - 2 } else { i - 1 };
        if s.is_word(i + 1)
            && !matches!(
                s.word(i + 1),
                "thing" | "bit" | "way" | "another" | "but" | "or"
            )
        {
            return Some(s.range(start, i + 2));
        }
    }
    // "there isn't one country that…", "there wasn't one single iota of evidence", "there hasn't
    // been one single scintilla": "one" after a negated "be" is a count of zero (not "it isn't
    // one of the priorities", "it isn't one and…").
    if word == "one" && i > 1 {
        let be = if matches!(s.word(i - 1), "been" | "be") {
            i - 1
        } else {
            i
        };
        let negated_be = matches!(
            s.word(be - 1),
            "isn't" | "wasn't" | "aren't" | "weren't" | "isn’t" | "wasn’t" | "aren’t" | "weren’t"
        ) || (be < i && is_negation(s.word(be - 1)));
        let next = if s.word(i + 1) == "single" {
            i + 2
        } else {
            i + 1
        };
        if negated_be
            && be >= 2
            && s.word(be - 2) == "there"
            && is_count_noun(s, next)
            && !matches!(s.word(next), "of" | "and")
        {
            return Some(s.range(be - 1, next + 1));
        }
    }
    // "without firing a single shot", "there isn't a single diplomat", "we don't have a
    // single program": a count of zero after a negation, directly or across one verb (not a
    // preposition: "does not rely on a single supplier" is no count).
    if word == "single" && i > 2 && s.word(i - 1) == "a" && is_count_noun(s, i + 1) {
        let negated = is_negation(s.word(i - 2))
            || (s.is_word(i - 2)
                && !record::is_preposition(s.word(i - 2))
                && s.word(i - 2) != "to"
                && is_negation(s.word(i - 3)));
        if negated {
            return Some(s.range(i - 1, i + 2));
        }
    }
    if matches!(word, "up" | "down") {
        return record::measured_level(s, i).map(|start| s.range(start, i + 1));
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
    let found = match word {
        "never" | "not" | "hasn't" | "haven't" | "hasn’t" | "haven’t" => {
            record::negated_perfect(s, i).or_else(|| record::negated_past(s, i))
        }
        "didn't" | "didn’t" => record::negated_past(s, i),
        "than" => record::comparison(s, i),
        "against" => record::stance(s, i),
        _ if record::STANCE_VERBS.contains(&word) => record::stance(s, i),
        "increase" | "decrease" | "rise" | "decline" | "drop" | "fall" | "surge" | "jump"
        | "reduction" | "spike" => record::noun_change(s, i),
        "gone" | "come" => record::perfect_level_change(s, i)
            .or_else(|| record::measured_change(s, i, &CHANGE_VERBS)),
        "first" => record::historical_first(s, i),
        _ => {
            record::record_statement(s, i).or_else(|| record::measured_change(s, i, &CHANGE_VERBS))
        }
    };
    if let Some(end) = found {
        return Some(s.range(i, end + 1));
    }
    if CHANGE_VERBS.contains(&word) && is_change_assertion(s, i) {
        let end = if matches!(s.word(i + 1), "to" | "in" | "after" | "by" | "from") {
            i + 1
        } else {
            i
        };
        return Some(s.range(i, end + 1));
    }
    None
}

/// A negation that makes "a single" a count of zero: "without", "not", "isn't", "didn't"; not
/// "can't" or "won't", which challenge or promise.
fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "without"
            | "not"
            | "never"
            | "nor"
            | "n't"
            | "don't"
            | "doesn't"
            | "didn't"
            | "isn't"
            | "wasn't"
            | "aren't"
            | "weren't"
            | "hasn't"
            | "haven't"
            | "hadn't"
            | "don’t"
            | "doesn’t"
            | "didn’t"
            | "isn’t"
            | "wasn’t"
            | "aren’t"
            | "weren’t"
            | "hasn’t"
            | "haven’t"
            | "hadn’t"
    )
}

/// Word `i` can be what "a single" counts: a word, not "thing", "bit", "way" or a unit of time
/// ("did not waste a single day" is rhetoric).
fn is_count_noun(s: &SentenceView, i: usize) -> bool {
    s.is_word(i)
        && !figures::TIME_UNITS.contains(&s.word(i))
        && !matches!(
            s.word(i),
            "thing" | "bit" | "way" | "another" | "but" | "or" | "time" | "moment" | "word"
        )
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
    // After a subject pronoun or a perfect auxiliary the verb is finite: "he doubled it", "we
    // increased the number of inspectors".
    if matches!(
        previous,
        "he" | "she"
            | "we"
            | "they"
            | "i"
            | "who"
            | "has"
            | "have"
            | "had"
            | "he's"
            | "she's"
            | "we've"
            | "they've"
            | "i've"
    ) && matches!(
        word,
        "doubled"
            | "tripled"
            | "quadrupled"
            | "halved"
            | "increased"
            | "decreased"
            | "reduced"
            | "slashed"
            | "cut"
            | "expanded"
            | "lowered"
            | "boosted"
            | "eliminated"
    ) && !matches!(s.word(i + 1), "to" | "by" | "up" | "off")
        && s.is_word(i + 1)
    {
        return true;
    }
    match word {
        "led" | "contributed" => s.word(i + 1) == "to",
        "resulted" => s.word(i + 1) == "in",
        // "had lost faith", "has lost touch", "has lost its way": idioms of mood.
        "lost" | "gained"
            if matches!(
                s.word(i + 1),
                "faith"
                    | "touch"
                    | "trust"
                    | "confidence"
                    | "sight"
                    | "patience"
                    | "heart"
                    | "hope"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "my"
                    | "credibility"
                    | "respect"
                    | "momentum"
            ) =>
        {
            false
        }
        // "have raised concerns", "raised the question of": talk, not a change.
        "raised" if record::is_talk_idiom(s, i) => false,
        // "raised by a grandfather": brought up; "raised by a third" measures.
        "raised"
            if s.word(i + 1) == "by"
                && matches!(
                    s.word(i + 2),
                    "a" | "an" | "my" | "his" | "her" | "their" | "our"
                )
                && !matches!(
                    s.word(i + 3),
                    "third" | "quarter" | "half" | "fifth" | "tenth" | "factor"
                ) =>
        {
            false
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `check` skips the anchors of a sentence without a word of the claim family: that is
    /// sound only if every anchor is such a word (by `triggers::families`, which the words
    /// of a sentence are looked up with) and no anchor can be a number token (which starts
    /// with a digit and holds no hyphen) or a punctuation token (one character that is not
    /// a letter or a digit), whose families are not looked up.
    #[test]
    fn anchors_are_claim_words() {
        assert!(ANCHORS.len() > 100, "a meaningful test");
        for &word in ANCHORS.keys() {
            assert!(
                triggers::families(word) & triggers::CLAIM != 0,
                "{word} is no claim word"
            );
            let first = word.chars().next().unwrap_or(' ');
            assert!(first.is_alphanumeric(), "{word}");
            assert!(!first.is_ascii_digit() || word.contains('-'), "{word}");
        }
    }
}
