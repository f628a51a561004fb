//! `anonymous-source`: attribution to unnamed individual sources ("officials familiar with the
//! talks said", "a person close to the negotiations", "two officials with direct knowledge",
//! "speaking on condition of anonymity"), unless the sentence carries its own citation.

use std::sync::LazyLock;

use super::lexicon::LEXICON;
use super::lexicon::{Shapes, word_file};
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, RuleCode, RuleContext, check_uncited_sentences};
use crate::actors::ActorKind;
use crate::fast_hash::FastSet;
use crate::text::TextRange;

/// Nouns for the people a source phrase describes; the finding starts at the noun.
static SOURCE_NOUNS: LazyLock<FastSet<&str>> = word_file!("anonymous-source-nouns");

/// The source nouns' shapes, to reject most words before hashing them.
static SOURCE_SHAPES: LazyLock<Shapes> =
    LazyLock::new(|| Shapes::new(SOURCE_NOUNS.iter().copied()));

fn is_source_noun(word: &str) -> bool {
    SOURCE_SHAPES.may_contain(word) && SOURCE_NOUNS.contains(&word)
}

/// "a", "two", "several": the words that count a source.
fn is_number_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "one"
            | "another"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "several"
            | "multiple"
    )
}

/// Words besides the listed phrases' (`PhraseSet::required_words`) that select a sentence for
/// this rule: every source noun, as each finding outside a listed phrase has one, and words
/// that often come with one. A possessive noun ("official's") is looked up without its "'s".
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    let nouns = SOURCE_NOUNS
        .iter()
        .map(|noun| noun.strip_suffix("'s").unwrap_or(noun));
    Box::new(
        [
            "according",
            "speaking",
            "unnamed",
            "anonymous",
            "unidentified",
        ]
        .into_iter()
        .chain(nouns),
    )
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let message =
        |found: &str| format!("unnamed source: `{found}`; name the source or cite the reporting");
    check_uncited_sentences(
        context,
        triggers::ANONYMOUS_SOURCE,
        RuleCode::AnonymousSource,
        find,
        message,
        out,
    );
}

/// The anonymous source of the sentence, if any; `unsupported-claim` asks it too, so that a
/// sentence whose source is reported as anonymous is not reported again as unsupported.
pub(super) fn find(s: &SentenceView) -> Option<TextRange> {
    // A speaker label ends in ":": without one, no word is part of a label.
    let has_colon = s.lower.contains(&":");
    for i in 0..s.len() {
        // "SENIOR ADMINISTRATION OFFICIAL:" labels a speaker in a transcript.
        if has_colon && is_speaker_label(s, i) {
            continue;
        }
        // "Diplomatic sources in Brussels said": sources reporting, not "sources of funding".
        if is_reporting_source(s, i)
            && let Some(verb) = verb_after(s, i + 1)
            && verb <= i + 5
        {
            let start = source_noun_before(s, i + 1).unwrap_or(i);
            return Some(s.range(start, verb + 1));
        }
        if let Some((_, length)) = LEXICON.anonymous_sources.match_at(s.lower, i) {
            // "unnamed officials were dismissed": see the unnamed/anonymous case below.
            if s.word(i) == "unnamed" && !reports_anything(s) {
                continue;
            }
            // "according to an official statement" cites a document, not a person.
            if s.word(i) == "according"
                && let Some(j) = (i + 2..(i + 7).min(s.len())).find(|&j| is_source_noun(s.word(j)))
                && is_attributive(s, j)
            {
                continue;
            }
            let noun = source_noun_before(s, i);
            // "Victims who cannot be named for legal reasons were compensated" protects a
            // victim; "a commander who could not be named … said" hides a source: a source
            // noun before and a reporting verb after.
            if s.word(i) == "who"
                && matches!(s.word(i + 1), "could" | "cannot" | "can't")
                && (noun.is_none() || verb_after(s, i + length).is_none())
            {
                continue;
            }
            // "close to the border" is a place; these phrases describe a source only after a
            // noun such as "officials" or "people".
            let needs_noun = matches!(s.word(i), "familiar" | "briefed" | "close" | "with");
            if needs_noun {
                // "close to the front line" is a place and "ministers were briefed on" a
                // passive: these phrases describe a source only after a noun such as
                // "officials", with no "be" between, and before a reporting verb.
                let passive =
                    i > 0 && matches!(s.word(i - 1), "was" | "were" | "is" | "are" | "been" | "be");
                // "…, said a person familiar with her plans": the verb may come first, and so may
                // "according to" ("According to officials familiar with the intelligence, …").
                let according = noun.is_some_and(|n| {
                    n >= 2 && s.word(n - 1) == "to" && s.word(n - 2) == "according"
                });
                let verb_before = according
                    || noun.is_some_and(|n| {
                        n >= 1 && matches!(s.word(n - 1), "said" | "says" | "told" | "according")
                    });
                if noun.is_none()
                    || passive
                    || (verb_after(s, i + length).is_none() && !verb_before)
                {
                    continue;
                }
                if verb_before {
                    let start = noun.unwrap_or(i) - if according { 2 } else { 1 };
                    return Some(s.range(start, i + length));
                }
            }
            let start = noun.unwrap_or(i);
            let end = verb_after(s, i + length).unwrap_or(i + length - 1);
            return Some(s.range(start, end + 1));
        }
        // "People familiar with US intelligence assessments said", "People involved in the
        // drafting said": the listed phrases name
        // the usual determiners ("familiar with the…"); any other object needs the same
        // source noun before and reporting verb after.
        if matches!(
            (s.word(i), s.word(i + 1)),
            ("familiar", "with") | ("involved", "in")
        ) && let Some(noun) = source_noun_before(s, i)
            && !(i > 0 && matches!(s.word(i - 1), "was" | "were" | "is" | "are" | "been" | "be"))
            && let Some(verb) = verb_after(s, i + 2)
        {
            return Some(s.range(noun, verb + 1));
        }
        // "according to a regional security official", "according to two European diplomats":
        // a counted source described only by its rank, field or nationality.
        if s.word(i) == "according"
            && s.word(i + 1) == "to"
            && let Some(noun) = counted_source(s, i + 2)
        {
            return Some(s.range(i, noun + 1));
        }
        // "…, said a senior official", "said a source at the plant": the reporting verb first.
        // The verb follows the reported words and their comma or closing quote; "Police said
        // 14 people were detained" reports a count, not a source.
        if i > 0
            && matches!(s.word(i), "said" | "says" | "added")
            && matches!(s.word(i - 1), "," | "\"" | "”" | "'" | "’")
            && let Some(noun) = counted_source(s, i + 1)
            && !matches!(
                s.word(noun + 1),
                "was" | "were" | "is" | "are" | "had" | "have" | "has" | "will" | "would"
            )
        {
            return Some(s.range(i, noun + 1));
        }
        // "Officials who were present said": a plural source described by a relative clause,
        // as "officials familiar with the talks" is by a phrase.
        if matches!(s.word(i), "officials" | "diplomats" | "sources" | "people")
            && (i == 0 || !s.is_word(i - 1) || matches!(s.word(i - 1), "to" | "and"))
            && s.word(i + 1) == "who"
            && let Some(verb) = verb_after(s, i + 2)
        {
            return Some(s.range(i, verb + 1));
        }
        // "quotes an unnamed senior diplomat as saying", "anonymous officials insisted": the
        // text itself says the person is not named, whatever verb follows, as long as the
        // sentence reports something ("an unnamed official was dismissed" is news about a
        // person, not a source).
        if matches!(
            s.word(i),
            "unnamed" | "un-named" | "anonymous" | "unidentified"
        ) && let Some(noun) = source_noun_after(s, i + 1)
            && reports_anything(s)
        {
            let start = if i > 0 && is_number_word(s.word(i - 1)) {
                i - 1
            } else {
                i
            };
            return Some(s.range(start, noun + 1));
        }
        // "two officials said", "a senior official told reporters", "an aide who…".
        if is_number_word(s.word(i)) || s.is_number(i) {
            let mut j = i + 1;
            while j < s.len() && j < i + 5 && !is_source_noun(s.word(j)) {
                if !is_source_modifier(s, j) {
                    break;
                }
                j += 1;
            }
            if j < s.len()
                && is_source_noun(s.word(j))
                && is_person_source(s.word(j))
                && !is_body_spokesperson(s, i + 1, j)
            {
                let next = s.word(j + 1);
                // "two diplomats who attended the meeting said": a relative clause may come first.
                // "a negotiator from a least-developed country said", "a diplomat in Brussels
                // said"; not "an analyst at Capital Economics said", who names an employer.
                let described = (matches!(
                    next,
                    "who" | "with" | "familiar" | "close" | "briefed" | "speaking" | "involved"
                ) || (matches!(next, "from" | "at" | "in")
                    && !names_employer(s, j)))
                    && verb_after(s, j + 2).is_some();
                let reports = described
                    || LEXICON.reporting_verbs.contains(next)
                        && !matches!(next, "see" | "saw" | "view" | "question");
                // "Several officials said" is an unnamed group, `vague-attribution`'s; "several
                // diplomats who attended the meeting said" describes individual sources.
                if reports
                    && !(s.word(i) == "several"
                        && !described
                        && s.word(j).ends_with('s')
                        && s.word(j) != "sources")
                {
                    return Some(s.range(i, j + 2));
                }
            }
        }
    }
    None
}

/// The sentence reports speech or a view: a reporting verb ("said", "insisted"), a quotation
/// verb ("quoted … as saying", "citing") or "according to".
fn reports_anything(s: &SentenceView) -> bool {
    (0..s.len()).any(|k| {
        let word = s.word(k);
        LEXICON.reporting_verbs.contains(word)
            || matches!(
                word,
                "quoted" | "quotes" | "quoting" | "cited" | "cites" | "citing" | "according"
            )
    })
}

/// The person source noun that ends the phrase from word `i` after at most four source
/// modifiers ("senior Western diplomat"), not an attributive one ("anonymous source material").
fn source_noun_after(s: &SentenceView, i: usize) -> Option<usize> {
    let mut j = i;
    while j < i + 4 && !is_source_noun(s.word(j)) && is_source_modifier(s, j) {
        j += 1;
    }
    (is_source_noun(s.word(j)) && is_person_source(s.word(j)) && !is_attributive(s, j)).then_some(j)
}

/// "a Turkish defence ministry spokesperson", "a Kremlin spokesman": a spokesperson speaks on
/// the record for the body the words between `from` and the noun `j` name, so the source is
/// that body, not an unnamed person (unlike "a Hamas official").
fn is_body_spokesperson(s: &SentenceView, from: usize, j: usize) -> bool {
    matches!(s.word(j), "spokesperson" | "spokesman" | "spokeswoman")
        && (from..j).any(|k| {
            s.mention(k).is_some()
                || (k > 0 && s.is_word(k) && s.is_capitalized(k))
                || matches!(
                    s.word(k),
                    "ministry" | "department" | "government" | "administration" | "pentagon"
                )
        })
}

/// "a regional security official", "two senior diplomats", "one person" from word `i`: a
/// number word, up to four source modifiers and a person source noun, which the phrase ends
/// ("an official statement" is no source). Returns the noun.
fn counted_source(s: &SentenceView, i: usize) -> Option<usize> {
    if !(is_number_word(s.word(i)) || s.is_number(i)) {
        return None;
    }
    let mut j = i + 1;
    while j < i + 5 && !is_source_noun(s.word(j)) && is_source_modifier(s, j) {
        j += 1;
    }
    let noun = s.word(j);
    (is_source_noun(noun)
        && is_person_source(noun)
        && !is_attributive(s, j)
        && !names_employer(s, j)
        && !is_body_spokesperson(s, i + 1, j))
    .then_some(j)
}

/// The source noun at `j` qualifies the noun after it: "an official statement", "a source
/// document" name a document, not a person.
fn is_attributive(s: &SentenceView, j: usize) -> bool {
    matches!(s.word(j), "official" | "source" | "individual")
        && s.is_word(j + 1)
        && !s.in_quote(j + 1)
        && !LEXICON.reporting_verbs.contains(s.word(j + 1))
        && !matches!(
            s.word(j + 1),
            "who"
                | "whose"
                | "with"
                | "familiar"
                | "close"
                | "briefed"
                | "knowledgeable"
                | "present"
                | "in"
                | "at"
                | "from"
                | "on"
                | "of"
                | "for"
                | "to"
                | "within"
                | "inside"
                | "involved"
                | "speaking"
                | "and"
                | "or"
        )
}

/// "an analyst at Capital Economics", "a diplomat from the EU": the person is unnamed but the
/// body is named, as `vague-attribution` reads "analysts at Capital Economics".
fn names_employer(s: &SentenceView, j: usize) -> bool {
    if !matches!(s.word(j + 1), "at" | "from" | "of" | "with") {
        return false;
    }
    let k = if s.word(j + 2) == "the" { j + 3 } else { j + 2 };
    match s.mention_kind(k) {
        // "a diplomat from Brazil" names a country, not who spoke.
        Some(ActorKind::State | ActorKind::Place | ActorKind::Group) => false,
        Some(_) => true,
        None => s.is_word(k) && s.is_capitalized(k),
    }
}

fn is_person_source(noun: &str) -> bool {
    !matches!(
        noun,
        "member" | "members" | "minister" | "ministers" | "figure" | "figures"
    )
}

/// Words allowed between the number and the noun: "a senior U.S. defence official".
fn is_source_modifier(s: &SentenceView, j: usize) -> bool {
    let word = s.word(j);
    matches!(
        word,
        "senior"
            | "junior"
            | "top"
            | "high-ranking"
            | "western"
            | "european"
            | "administration"
            | "government"
            | "defense"
            | "defence"
            | "military"
            | "intelligence"
            | "security"
            | "state"
            | "department"
            | "foreign"
            | "ministry"
            | "diplomatic"
            | "former"
            | "current"
            | "other"
            | "more"
            | "additional"
            | "second"
            | "third"
            | "u.s"
            | "eu"
            | "nato"
            | "un"
            | "white"
            | "house"
            | "kremlin"
            | "pentagon"
            | "israeli"
            | "american"
            | "russian"
            | "ukrainian"
            | "chinese"
            | "iranian"
            | "turkish"
            | "british"
            | "french"
            | "german"
            | "gulf"
            | "arab"
            | "regional"
            | "party"
            | "local"
            | "internal"
            | "well-placed"
            | "well-informed"
            | "reliable"
            | "trusted"
            | "credible"
            | "informed"
            | "un-named"
            | "unnamed"
            | "anonymous"
    ) || s.mention(j).is_some()
        // "a Hamas official", "a Senate aide": a body that is no known actor, capitalised
        // inside the sentence, describes the source as "Kremlin" does without naming them.
        || (j > 0 && s.is_word(j) && s.is_capitalized(j))
}

/// The source noun just before a phrase like "familiar with" ("officials familiar with…").
fn source_noun_before(s: &SentenceView, i: usize) -> Option<usize> {
    let lowest = i.saturating_sub(4);
    let mut j = i;
    while j > lowest {
        j -= 1;
        if is_source_noun(s.word(j)) {
            // Take the whole noun phrase: "Two senior officials", "People".
            let mut start = j;
            while start > 0
                && (is_source_modifier(s, start - 1)
                    || is_number_word(s.word(start - 1))
                    || s.is_number(start - 1))
            {
                start -= 1;
            }
            return Some(start);
        }
    }
    None
}

/// The reporting verb that follows the source phrase within a few words ("…the talks said").
fn verb_after(s: &SentenceView, from: usize) -> Option<usize> {
    (from..s.len().min(from + 6)).find(|&j| {
        let word = s.word(j);
        matches!(
            word,
            "said"
                | "says"
                | "say"
                | "told"
                | "tells"
                | "tell"
                | "indicate"
                | "indicates"
                | "indicated"
                | "added"
                | "warned"
                | "confirmed"
                | "believe"
                | "believes"
                | "expect"
                | "expects"
                | "noted"
                | "suggested"
                | "suggest"
                | "suggests"
                | "warn"
                | "warns"
                | "described"
                | "claimed"
                | "reported"
        )
    })
}

/// "sources" as people who report, not "sources of funding" or "energy sources".
fn is_reporting_source(s: &SentenceView, i: usize) -> bool {
    if !matches!(s.word(i), "sources" | "source") {
        return false;
    }
    let before = if i > 0 { s.word(i - 1) } else { "" };
    s.word(i + 1) != "of"
        && !matches!(
            before,
            "open" | "energy" | "power" | "water" | "funding" | "revenue" | "primary" | "multiple"
        )
}

/// An all-capital word in a run of capitals ending in ":" — a transcript's speaker label.
fn is_speaker_label(s: &SentenceView, i: usize) -> bool {
    let capitals = |j: usize| {
        s.is_word(j) && s.bytes(j).len() > 1 && !s.bytes(j).iter().any(|b| b.is_ascii_lowercase())
    };
    if !capitals(i) {
        return false;
    }
    let mut j = i;
    while j + 1 < s.len() && capitals(j + 1) {
        j += 1;
    }
    s.word(j + 1) == ":"
}
