//! The unnamed group and its reporting verb: "some senior Western officials have said",
//! "diplomats in Brussels say", and when a phrase names its source instead ("analysts at
//! Capital Economics", "the leaders of Egypt and Jordan").

use std::sync::LazyLock;

use super::super::lexicon::{LEXICON, Shapes, word_file};
use super::super::sentence::SentenceView;
use super::is_pronoun_group;
use crate::actors::ActorKind;
use crate::fast_hash::FastSet;

/// Words that may stand between a group and its reporting verb.
pub(super) static AUXILIARIES: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "have",
        "has",
        "had",
        "also",
        "widely",
        "generally",
        "privately",
        "publicly",
        "long",
        "increasingly",
        "still",
        "now",
        "already",
        "repeatedly",
        "often",
        "largely",
        "broadly",
        "reportedly",
        "initially",
        "further",
        "separately",
        "consistently",
        "frequently",
        "do",
        "did",
        "does",
        "tend",
        "to",
        "continue",
        "continued",
        "continues",
        "strongly",
        "firmly",
        "quickly",
        "recently",
        "openly",
        "previously",
        "even",
        "all",
        "both",
        "too",
        "mostly",
        "quietly",
        "cautiously",
        "similarly",
    ]
    .into_iter()
    .collect()
});

/// Modifiers that leave a group unnamed: "some analysts", "senior Western officials", "aid
/// groups".
pub(super) static MODIFIERS: LazyLock<FastSet<&str>> = word_file!("attribution-modifiers");

/// Predicates of certainty: "diplomats were adamant that…".
pub(super) static CERTAINTY: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "adamant",
        "unanimous",
        "convinced",
        "confident",
        "certain",
        "sure",
        "skeptical",
        "sceptical",
        "doubtful",
        "optimistic",
        "pessimistic",
        "quick",
    ]
    .into_iter()
    .collect()
});

/// The shapes of the attribution groups, to reject most words before hashing them.
static GROUP_SHAPES: LazyLock<Shapes> =
    LazyLock::new(|| Shapes::new(LEXICON.attribution_groups.iter().copied()));

/// A group noun: from the list, or a plural demonym ("Ukrainians", "Europeans").
pub(super) fn is_group_noun(s: &SentenceView, i: usize) -> bool {
    let word = s.word(i);
    if !s.is_word(i) || is_pronoun_group(word) && i + 1 < s.len() && is_group_noun(s, i + 1) {
        return false;
    }
    let listed = (GROUP_SHAPES.may_contain(word)
        && LEXICON.attribution_groups.contains(word)
        && !is_pronoun_group(word))
        || (word.ends_with("ans")
            && matches!(s.mention_kind(i), Some(ActorKind::State | ActorKind::Group)))
        // "several member states questioned", "some delegations voiced doubts": the groups
        // that `vague-actor` knows are unnamed too once a quantifier stands before them; that
        // rule leaves verbs of saying to this one. Unquantified ("Member states questioned the
        // budget") they may be the whole membership, and are left alone.
        || (QUANTIFIABLE_SHAPES.may_contain(word)
            && QUANTIFIABLE_GROUPS.contains(&word)
            && is_quantified(s, i));
    // Asked only of listed words: most words are rejected by the lists above.
    listed && !is_name_part(s, i)
}

/// "the UN Panel of Experts", "Doctors Without Borders": a capitalised group noun after "of" or
/// another capitalised word is part of a name. ("Many Ukrainians", "Western Europeans" are
/// groups: a modifier and a demonym.)
fn is_name_part(s: &SentenceView, i: usize) -> bool {
    i > 0
        && s.is_capitalized(i)
        && s.mention(i).is_none()
        && (s.word(i - 1) == "of"
            || (s.is_word(i - 1) && s.is_capitalized(i - 1) && !MODIFIERS.contains(&s.word(i - 1))))
}

/// Groups that only a quantifier makes vague (the `vague-actor` group nouns).
static QUANTIFIABLE_GROUPS: LazyLock<FastSet<&str>> = word_file!("vague-actor-groups");

/// Their shapes: `is_group_noun` asks about every word, and most are rejected without a hash.
static QUANTIFIABLE_SHAPES: LazyLock<Shapes> =
    LazyLock::new(|| Shapes::new(QUANTIFIABLE_GROUPS.iter().copied()));

/// A quantifier before the group noun at `head`, across at most two modifiers: "several member
/// states", "some Western donors". "other" and "most" refer back or count, and are left out.
fn is_quantified(s: &SentenceView, head: usize) -> bool {
    let mut k = head;
    for _ in 0..3 {
        let Some(previous) = k.checked_sub(1) else {
            return false;
        };
        let word = s.word(previous);
        if matches!(word, "some" | "several" | "many" | "various" | "numerous") {
            return true;
        }
        let modifier = MODIFIERS.contains(&word)
            || matches!(word, "member" | "donor" | "partner" | "allied")
            || matches!(
                s.mention_kind(previous),
                Some(ActorKind::Group | ActorKind::Place)
            );
        if !modifier || matches!(word, "the" | "these" | "those" | "other" | "most") {
            return false;
        }
        k = previous;
    }
    false
}

/// The first token of the noun phrase ending in the group noun at `head`, or `None` when the
/// phrase names someone (an organisation as modifier, a possessive) or counts individuals
/// ("two officials", "unnamed officials": anonymous sources, not a group).
pub(super) fn group_start(s: &SentenceView, head: usize) -> Option<usize> {
    let mut start = head;
    while start > 0 {
        let previous = start - 1;
        let word = s.word(previous);
        if s.is_number(previous)
            || matches!(
                word,
                "a" | "an" | "one" | "two" | "three" | "four" | "five" | "unnamed" | "anonymous"
            )
        {
            return None;
        }
        if let Some(kind) = s.mention_kind(previous) {
            match kind {
                ActorKind::State | ActorKind::Group | ActorKind::Place => {
                    start = s.mention_start(previous);
                    continue;
                }
                _ => return None,
            }
        }
        // "member" in "several member states" (see `is_quantified`).
        if MODIFIERS.contains(&word) || matches!(word, "member" | "donor" | "partner" | "allied") {
            start = previous;
            continue;
        }
        // A capitalised word that is no known actor is probably a name ("Eurasia Group
        // analysts"); the first word of a sentence is capitalised anyway.
        // (At the start of a sentence too: "Hamas officials" — the common openers such as
        // "Some" or "Western" are modifiers and were taken above.)
        if s.is_capitalized(previous) && s.is_word(previous) {
            return None;
        }
        break;
    }
    if start > 0 && (s.word(start - 1).ends_with("'s") || s.word(start - 1).ends_with("’s")) {
        return None;
    }
    // "Reports say", "unconfirmed reports suggest" open their clause; after another word they
    // are documents described or named just before ("the DRF monthly reports indicate",
    // "previously noted reports suggest").
    if s.word(head) == "reports"
        && start > 0
        && s.is_word(start - 1)
        && !matches!(s.word(start - 1), "that" | "and" | "but" | "while" | "as")
    {
        return None;
    }
    // "The leaders agreed…" in a readout refers back to leaders just named.
    if start < head
        && matches!(s.word(start), "the" | "these" | "those" | "both")
        && start + 1 == head
    {
        return None;
    }
    Some(start)
}

/// A reporting verb after the group, skipping auxiliaries and one short phrase ("diplomats in
/// Brussels said"). "at" / "from" / "of" a named body ("analysts at Capital Economics", "the
/// leaders of Egypt and Jordan") makes the source named.
pub(super) fn reporting_verb_after(s: &SentenceView, from: usize) -> Option<usize> {
    let mut i = from;
    let mut skipped = 0;
    while i < s.len() && skipped < 6 {
        let word = s.word(i);
        if is_report(s, i) {
            return Some(i);
        }
        if matches!(word, "were" | "are" | "was" | "is") && CERTAINTY.contains(&s.word(i + 1)) {
            // "Diplomats were adamant that…", "experts were quick to point out".
            let next = s.word(i + 2);
            return matches!(next, "that" | "to" | "about" | "of").then_some(i + 1);
        }
        if matches!(
            word,
            "in" | "at" | "from" | "of" | "with" | "across" | "inside" | "around" | "close"
        ) {
            let place_phrase = matches!(word, "in" | "across" | "inside" | "around");
            let mut j = i + 1;
            while j < s.len() && j < i + 6 && !is_report(s, j) {
                if matches!(
                    s.word(j),
                    "familiar" | "briefed" | "close" | "knowledge" | "who" | ","
                ) {
                    return None;
                }
                match s.mention_kind(j) {
                    Some(ActorKind::State | ActorKind::Place | ActorKind::Group)
                        if word != "of" => {}
                    Some(_) => return None,
                    None if s.is_capitalized(j) && s.is_word(j) && !place_phrase => return None,
                    None => {}
                }
                j = s.mention_end(j) + 1;
            }
            return (j < s.len() && is_report(s, j)).then_some(j);
        }
        if !AUXILIARIES.contains(&word) {
            return None;
        }
        i += 1;
        skipped += 1;
    }
    None
}

pub(super) fn is_report(s: &SentenceView, i: usize) -> bool {
    let word = s.word(i);
    if !s.is_word(i) || !LEXICON.reporting_verbs.contains(word) || AUXILIARIES.contains(&word) {
        return false;
    }
    // "point" needs "out"; "Officials expected to attend…" is a reduced relative clause.
    if matches!(word, "point" | "points" | "pointed") {
        return s.word(i + 1) == "out";
    }
    !(word.ends_with("ed") && s.word(i + 1) == "to" && !matches!(word, "pointed" | "added"))
}

/// "according to [some] analysts / U.S. officials / aid groups": the last token of an unnamed
/// group.
pub(super) fn unnamed_group_after(s: &SentenceView, from: usize) -> Option<usize> {
    let mut i = from;
    while i < s.len() && i < from + 6 {
        let word = s.word(i);
        if is_group_noun(s, i) {
            // "according to officials familiar with…" is an anonymous source; "of Egypt" names.
            if matches!(
                s.word(i + 1),
                "familiar" | "briefed" | "close" | "with" | "who" | "at" | "of"
            ) {
                return None;
            }
            return Some(i);
        }
        if s.is_number(i) || matches!(word, "a" | "an" | "one" | "two" | "three") {
            return None;
        }
        match s.mention_kind(i) {
            Some(ActorKind::State | ActorKind::Group | ActorKind::Place) => {}
            Some(_) => return None,
            None if !MODIFIERS.contains(&word) => return None,
            None => {}
        }
        i = s.mention_end(i) + 1;
    }
    None
}
