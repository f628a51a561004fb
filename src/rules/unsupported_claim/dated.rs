//! A dated act: a year or a day of a month with a finite past-tense verb of action ("In 1977,
//! we took that away from the military", "Hillary Clinton fought for the wall in 2006", "the
//! Senate ratified it on 3 May"). Each cue alone is weak: a date frames much that is no claim,
//! and the past tense narrates. Together they state what someone did when, which the record can
//! check. Verbs of being, motion, perception, thought, feeling and courtesy ("was", "went",
//! "visited", "welcomed") and reporting verbs (the source's words, left to `has_named_source`)
//! state no such act.

use std::sync::LazyLock;

use super::super::lexicon::{LEXICON, is_month, word_file};
use super::super::sentence::SentenceView;
use super::record::{blocks_finite, is_before_adjective_participle, is_talk_idiom};
use crate::fast_hash::FastSet;

/// Irregular simple-past forms of verbs of action (see the data file).
static PAST_TENSE: LazyLock<FastSet<&str>> = word_file!("claim-past-tense");

/// Regular past forms that narrate rather than state an act (see the data file).
static NARRATIVE: LazyLock<FastSet<&str>> = word_file!("claim-narrative-verbs");

/// A regular past form that narrates rather than states an act, or a reporting verb: "traveled",
/// "discussed", "said".
pub(super) fn is_narrative(word: &str) -> bool {
    NARRATIVE.contains(&word)
        || LEXICON.reporting_verbs.contains(&word)
        || LEXICON.adjectival_participles.contains(&word)
}

/// A year ("1977", "the 1990s") or a day of a month ("May 3", "3 May") in the sentence.
pub(super) fn has_date(s: &SentenceView) -> bool {
    (0..s.len()).any(|i| {
        if !s.is_number(i) {
            return false;
        }
        let text = s.word(i);
        let digits = text.strip_suffix('s').unwrap_or(text);
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let value: u32 = digits.parse().unwrap_or(0);
        let previous = if i > 0 { s.word(i - 1) } else { "" };
        if digits.len() == 4 {
            return (1800..=2100).contains(&value) && !matches!(previous, "$" | "€" | "£" | "¥");
        }
        (1..=31).contains(&value)
            && text == digits
            && (is_month(previous) || is_month(s.word(i + 1)))
    })
}

/// Words that start an object right after a verb: "took the", "supported amnesty" is checked
/// by capitalisation or by the subject instead.
fn starts_object(s: &SentenceView, i: usize) -> bool {
    is_possessive_or_demonstrative(s.word(i))
        || matches!(
            s.word(i),
            "the"
                | "a"
                | "an"
                | "every"
                | "all"
                | "some"
                | "no"
                | "out"
                | "up"
                | "down"
                | "off"
                | "back"
        )
        || s.is_number(i)
        || (s.is_word(i) && s.is_capitalized(i))
}

/// Word `i` is a past-tense verb of action in finite use: after its subject (a pronoun, a
/// name, an auxiliary) or, after a common noun, with its object. Not a participle after a
/// determiner, a preposition or a form of "be" ("the program established in 2010", "was
/// signed"), and not an adjective ("the United States").
fn is_finite_past_act(s: &SentenceView, i: usize) -> bool {
    // A capitalised word inside a sentence is a name ("Deep Seabed Mining"), not a verb.
    if i == 0 || !s.is_word(i) || !s.is_word(i - 1) || s.is_capitalized(i) {
        return false;
    }
    let word = s.word(i);
    let regular = word.len() > 4
        && word.ends_with("ed")
        && !word.ends_with("eed")
        && !matches!(
            word,
            "united"
                | "hundred"
                | "kindred"
                | "sacred"
                | "naked"
                | "wicked"
                | "beloved"
                | "seabed"
                | "riverbed"
                | "seabeds"
        );
    if !(regular || PAST_TENSE.contains(&word))
        || NARRATIVE.contains(&word)
        || LEXICON.reporting_verbs.contains(&word)
        || LEXICON.adjectival_participles.contains(&word)
    {
        return false;
    }
    // "the Congolese armed forces", "Syrian armed groups": "armed" before a bare noun is the
    // adjective (a verb takes an object: "Iran armed the militia in 2019"). A capitalised
    // demonym before it would otherwise pass for a subject.
    if word == "armed" && !starts_object(s, i + 1) {
        return false;
    }
    // "funding provided by the act": a participle with its agent; "he raised the question":
    // talk, not an act.
    if s.word(i + 1) == "by" || is_talk_idiom(s, i) {
        return false;
    }
    // Look past an adverb to the subject: "Textron reportedly delivered", "Russia formally
    // annexed"; "Economically distressed communities" has none.
    // "he never apologized to the judge": a negated act, with what it did not do after it (not
    // "he has never held —", a false start).
    let never = s.word(i - 1) == "never";
    if never && !s.is_word(i + 1) {
        return false;
    }
    let adverb = never
        || (s.word(i - 1).ends_with("ly")
            && s.word(i - 1).len() >= 6
            && !matches!(
                s.word(i - 1),
                "family" | "supply" | "assembly" | "ally" | "rally" | "anomaly" | "monopoly"
            ));
    let p = match (adverb, i) {
        (false, _) => i - 1,
        (true, 1) => return false,
        (true, _) => i - 2,
    };
    if !s.is_word(p) {
        return false;
    }
    let previous = s.word(p);
    if blocks_finite(previous)
        || is_before_adjective_participle(previous)
        || is_possessive_or_demonstrative(previous)
    {
        return false;
    }
    if matches!(
        previous,
        "he" | "she"
            | "they"
            | "we"
            | "i"
            | "it"
            | "who"
            | "has"
            | "have"
            | "had"
            | "he's"
            | "she's"
            | "they've"
            | "we've"
            | "i've"
    ) {
        return true;
    }
    // After a name ("Hillary Clinton fought for"), or after a common noun with an object
    // ("the Senate ratified the treaty"); a bare noun before a participle and a preposition
    // is a reduced relative ("the law passed in 2010 requires").
    // A capital at the start of the sentence says nothing ("Image emailed to the author").
    (p > 0 && s.is_capitalized(p)) || starts_object(s, i + 1)
}

/// A dated act in the sentence: the range of its verb (with the next word).
pub(super) fn dated_act(s: &SentenceView) -> Option<(usize, usize)> {
    if !has_date(s) {
        return None;
    }
    let i = (1..s.len()).find(|&i| is_finite_past_act(s, i))?;
    let end = if s.is_word(i + 1) { i + 1 } else { i };
    Some((i, end))
}

/// The word is "he", "she", "he's" or "she's": the subject of a person's act or stance.
fn is_personal_subject(word: &str) -> bool {
    // The first byte first: most words start with neither letter.
    matches!(word.as_bytes().first(), Some(b'h' | b's'))
        && matches!(word, "he" | "she" | "he's" | "she's")
}

/// The position of the first "he", "she", "he's" or "she's" in the sentence. Most sentences
/// have none, and the searches for a person's act or stance are not made there.
pub(super) fn first_personal_subject(s: &SentenceView) -> Option<usize> {
    s.lower.iter().position(|w| is_personal_subject(w))
}

/// The positions of the personal subjects from `first` (see `first_personal_subject`) on.
pub(super) fn personal_subjects<'v>(
    s: &'v SentenceView,
    first: usize,
) -> impl Iterator<Item = usize> + 'v {
    (first..s.len()).filter(|&k| is_personal_subject(s.word(k)))
}

/// A person's act without a date: "he cut the COPS program", "she has closed 700 hospitals".
/// "he" or "she" names one actor whose record can be checked; "they", "we" and "it" narrate as
/// often as they report. The range of the verb (with the next word).
/// `first` is the first personal subject (see `first_personal_subject`).
pub(super) fn persons_act(s: &SentenceView, first: usize) -> Option<(usize, usize)> {
    // The verb right after its subject, after "has"/"had" or "never", or after "has never": "he
    // cut", "he has cut", "he never apologized", "she has never paid". The first in the sentence.
    let i = personal_subjects(s, first)
        .flat_map(|k| {
            let after_aux = matches!(s.word(k + 1), "has" | "had");
            let second = (after_aux || s.word(k + 1) == "never").then_some(k + 2);
            let third = (after_aux && s.word(k + 2) == "never").then_some(k + 3);
            [Some(k + 1), second, third].into_iter().flatten()
        })
        .filter(|&i| i < s.len())
        .filter(|&i| {
            // "he proposed to meet", "she promised to cut": a plan, not an act.
            let plan = s.word(i + 1) == "to"
                && matches!(
                    s.word(i),
                    "proposed"
                        | "promised"
                        | "pledged"
                        | "vowed"
                        | "planned"
                        | "intended"
                        | "decided"
                        | "threatened"
                        | "offered"
                );
            !plan && is_finite_past_act(s, i) && !is_relative_clause(s, i)
        })
        .min()?;
    let end = if s.is_word(i + 1) { i + 1 } else { i };
    Some((i, end))
}

/// The act at `i` is told in a relative clause that names a thing by it: "the remarks she made
/// at the summit", "the penalty that he paid", "what she accomplished in office". The act is
/// taken for granted there, not asserted; the sentence's claim, if any, is elsewhere. Such a
/// clause leaves a gap where the verb's object would be (the noun it qualifies), so the verb is
/// followed by a preposition, an adverb, a conjunction or the end of the clause.
fn is_relative_clause(s: &SentenceView, i: usize) -> bool {
    let next = s.word(i + 1);
    let gap = !s.is_word(i + 1)
        || is_before_adjective_participle(next)
        || next.ends_with("ly")
        || matches!(
            next,
            "to" | "at"
                | "during"
                | "after"
                | "before"
                | "last"
                | "this"
                | "earlier"
                | "yesterday"
                | "was"
                | "were"
                | "is"
                | "are"
                | "has"
                | "had"
                | "but"
                | "up"
                | "again"
        );
    if !gap {
        return false;
    }
    // The subject pronoun, before "never" and a perfect auxiliary or not.
    let verb = if s.word(i - 1) == "never" && i > 1 {
        i - 1
    } else {
        i
    };
    let pronoun = if matches!(s.word(verb - 1), "has" | "had") && verb > 1 {
        verb - 2
    } else {
        verb - 1
    };
    let Some(q) = pronoun.checked_sub(1).filter(|&q| s.is_word(q)) else {
        return false;
    };
    let before = s.word(q);
    if before == "what" {
        return true;
    }
    // "the penalty that he paid": a relative pronoun after a noun; "the penalty he paid": the
    // noun itself. A noun has a determiner within three words before it, words only between.
    let noun = if matches!(before, "that" | "which" | "whom") {
        match q.checked_sub(1) {
            Some(r) if s.is_word(r) => r,
            _ => return false,
        }
    } else {
        q
    };
    if !is_noun_like(s.word(noun)) {
        return false;
    }
    (noun.saturating_sub(3)..noun)
        .rev()
        .take_while(|&k| s.is_word(k))
        .any(|k| is_determiner(s.word(k)))
}

/// Words that cannot be the noun a relative clause qualifies: conjunctions, adverbs of time,
/// verbs that take a "that" clause ("the report says that he…").
fn is_noun_like(word: &str) -> bool {
    !is_determiner(word)
        && !is_before_adjective_participle(word)
        && !matches!(
            word,
            "when"
                | "where"
                | "while"
                | "if"
                | "since"
                | "after"
                | "before"
                | "until"
                | "unless"
                | "because"
                | "but"
                | "so"
                | "then"
                | "though"
                | "although"
                | "once"
                | "whether"
                | "now"
                | "today"
                | "also"
                | "that"
                | "which"
                | "who"
                | "is"
                | "was"
                | "are"
                | "were"
                | "be"
                | "been"
                | "said"
                | "says"
                | "say"
                | "shows"
                | "showed"
                | "means"
                | "meant"
                | "know"
                | "knew"
                | "think"
                | "thought"
                | "believe"
                | "believed"
                | "argued"
                | "argues"
                | "noted"
                | "notes"
        )
}

fn is_determiner(word: &str) -> bool {
    is_possessive_or_demonstrative(word)
        || matches!(
            word,
            "the" | "a" | "an" | "your" | "every" | "each" | "any" | "no" | "some"
        )
}

/// Possessive and demonstrative determiners: "its", "their", "this", "those"…
fn is_possessive_or_demonstrative(word: &str) -> bool {
    matches!(
        word,
        "its" | "their" | "his" | "her" | "our" | "my" | "this" | "that" | "these" | "those"
    )
}
