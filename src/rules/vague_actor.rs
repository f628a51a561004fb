//! `vague-actor`: an unnamed group as the subject of an action ("several European states
//! pledged", "participants called for", "some countries have"). States of mind or being
//! ("European governments remain cautious") are not actions and are left alone.

use std::sync::LazyLock;

use super::lexicon::LEXICON;
use super::lexicon::{Shapes, word_file};
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, RuleCode, RuleContext, diagnostic};
use crate::actors::ActorKind;
use crate::fast_hash::FastSet;
use crate::text::TextRange;

const QUANTIFIERS: &[&str] = &[
    "several", "some", "many", "various", "numerous", "most", "certain", "few", "other", "multiple",
];

static GROUP_NOUNS: LazyLock<FastSet<&str>> = word_file!("vague-actor-groups");

/// The group nouns' shapes, to reject most words before hashing them.
static GROUP_SHAPES: LazyLock<Shapes> = LazyLock::new(|| Shapes::new(GROUP_NOUNS.iter().copied()));

static MODIFIERS: LazyLock<FastSet<&str>> = word_file!("vague-actor-modifiers");

/// Verbs that describe a state rather than an action.
static STATE_VERBS: LazyLock<FastSet<&str>> = word_file!("vague-actor-states");

static ACTION_VERBS: LazyLock<FastSet<&str>> = word_file!("vague-actor-actions");

/// The group nouns every vague actor has.
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    Box::new(GROUP_NOUNS.iter().copied())
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for index in context.sentence_indices() {
        if !context.sentence_has(index, triggers::VAGUE_ACTOR) {
            continue;
        }
        let sentence = SentenceView::new(context, index);
        for range in find(&sentence) {
            out.push(diagnostic(
                RuleCode::VagueActor,
                range,
                format!(
                    "which ones? `{}` does not say who acted: name them",
                    range.slice(&context.document.prose)
                ),
            ));
        }
    }
}

fn find(s: &SentenceView) -> Vec<TextRange> {
    let mut found = Vec::new();
    for i in 0..s.len() {
        let word = s.word(i);
        if !GROUP_SHAPES.may_contain(word) || !GROUP_NOUNS.contains(&word) || !s.is_word(i) {
            continue;
        }
        let Some((start, quantified)) = phrase_start(s, i) else {
            continue;
        };
        // "Western governments continue to walk a fine line": without a quantifier, only a
        // plain act ("Western partners agreed") is flagged, not a continuing stance.
        if !quantified
            && matches!(
                s.word(i + 1),
                "continue" | "continued" | "continues" | "began" | "begin" | "started" | "start"
            )
        {
            continue;
        }
        let Some(verb) = action_verb_after(s, i + 1) else {
            continue;
        };
        found.push(s.range(start, verb + 1));
    }
    found
}

/// Where the unnamed group's noun phrase starts, when it is unnamed: it needs a quantifier
/// ("several states") unless the noun is "participants" / "delegations" on its own.
/// Also whether a quantifier ("several", "a number of") counts the group.
fn phrase_start(s: &SentenceView, head: usize) -> Option<(usize, bool)> {
    let mut start = head;
    let mut quantified = false;
    while start > 0 {
        let previous = start - 1;
        let word = s.word(previous);
        if QUANTIFIERS.contains(&word) {
            quantified = true;
            start = previous;
            continue;
        }
        // "a number of", "a handful of", "dozens of", "scores of" countries.
        if word == "of" && previous >= 1 {
            let amount = s.word(previous - 1);
            if matches!(
                amount,
                "number" | "handful" | "couple" | "group" | "majority" | "minority" | "host"
            ) && previous >= 2
                && s.word(previous - 2) == "a"
            {
                quantified = true;
                start = previous - 2;
                break;
            }
            if matches!(
                amount,
                "dozens" | "scores" | "hundreds" | "several" | "some" | "many" | "most"
            ) {
                quantified = true;
                start = previous - 1;
                break;
            }
        }
        if MODIFIERS.contains(&word)
            || matches!(
                s.mention_kind(previous),
                Some(ActorKind::Group | ActorKind::Place)
            )
        {
            start = previous;
            continue;
        }
        break;
    }
    // After a preposition the group is not the subject: "delegates from various countries met".
    if start > 0
        && matches!(
            s.word(start - 1),
            "from"
                | "of"
                | "in"
                | "to"
                | "with"
                | "by"
                | "for"
                | "among"
                | "between"
                | "across"
                | "at"
                | "on"
        )
    {
        return None;
    }
    // A possessive or a named organisation before the phrase names the group, and "the"
    // makes it one the reader knows ("the other participants agreed": all the others).
    if start > 0
        && (s.word(start - 1).ends_with("'s")
            || s.word(start - 1).ends_with("’s")
            || s.word(start - 1) == "the")
    {
        return None;
    }
    let opens_clause = start == 0 || matches!(s.word(start - 1), "," | "and" | ";");
    let bare_ok = matches!(s.word(head), "participants" | "delegations" | "donors") && opens_clause;
    // "Western partners agreed", "Neighbouring countries closed their borders": a modifier
    // that only says where the states are is no name. A nationality is not enough to flag
    // ("Russian forces advanced" names the actor a briefing means), so only these words.
    let vaguely_placed = opens_clause
        && start < head
        && matches!(
            s.word(head),
            "states"
                | "countries"
                | "nations"
                | "governments"
                | "partners"
                | "allies"
                | "powers"
                | "capitals"
                | "donors"
        )
        && (start..head).all(|k| {
            matches!(
                s.word(k),
                "western"
                    | "neighbouring"
                    | "neighboring"
                    | "regional"
                    | "other"
                    | "like-minded"
                    | "allied"
                    | "donor"
                    | "partner"
                    | "foreign"
                    | "major"
                    | "international"
            )
        });
    (quantified || bare_ok || vaguely_placed).then_some((start, quantified))
}

fn action_verb_after(s: &SentenceView, from: usize) -> Option<usize> {
    let mut i = from;
    // "parties to the conflict have…": a short phrase after the noun, naming no one.
    if matches!(s.word(i), "to" | "of" | "in" | "from") {
        let mut j = i + 1;
        while j < s.len()
            && j < i + 5
            && s.mention(j).is_none()
            && !s.is_capitalized(j)
            && matches!(
                s.word(j),
                "the"
                    | "a"
                    | "conflict"
                    | "war"
                    | "coalition"
                    | "alliance"
                    | "region"
                    | "agreement"
                    | "treaty"
                    | "convention"
                    | "deal"
                    | "accord"
                    | "bloc"
                    | "union"
                    | "group"
                    | "talks"
            )
        {
            j += 1;
        }
        if j > i + 1 {
            i = j;
        }
    }
    // Progressive and perfect forms: "are stockpiling", "have withdrawn", "continue to buy".
    if matches!(s.word(i), "are" | "were") && s.word(i + 1).ends_with("ing") && s.is_word(i + 1) {
        return Some(i + 1);
    }
    if matches!(s.word(i), "have" | "has" | "had") && is_perfect_action(s.word(i + 1)) {
        return Some(i + 1);
    }
    if matches!(
        s.word(i),
        "continue" | "continued" | "began" | "begin" | "started" | "start"
    ) && s.word(i + 1) == "to"
    {
        return Some(i + 2);
    }
    let perfect = matches!(s.word(i), "have" | "has" | "had");
    if matches!(
        s.word(i),
        "have"
            | "has"
            | "had"
            | "also"
            | "will"
            | "would"
            | "jointly"
            | "quickly"
            | "already"
            | "then"
            | "later"
    ) {
        i += 1;
    }
    if matches!(s.word(i), "also" | "jointly" | "already" | "quickly") {
        i += 1;
    }
    let word = s.word(i);
    // "have already begun", "have jointly drawn up".
    if perfect && s.is_word(i) && is_perfect_action(word) {
        return Some(i);
    }
    // "donors have committed": after "have", a participle in -ed is an act even when it can
    // be an adjective elsewhere ("remain committed").
    if perfect
        && s.is_word(i)
        && word.len() > 4
        && word.ends_with("ed")
        && !STATE_VERBS.contains(&word)
        && !LEXICON.reporting_verbs.contains(word)
    {
        return Some(i);
    }
    if !s.is_word(i) || STATE_VERBS.contains(&word) || LEXICON.adjectival_participles.contains(word)
    {
        return None;
    }
    let action = ACTION_VERBS.contains(&word)
        || ACTION_VERBS.iter().any(|v| {
            word.strip_prefix(v)
                .is_some_and(|rest| matches!(rest, "ed" | "d" | "s" | "es"))
        })
        || (word.len() > 4 && word.ends_with("ed") && !LEXICON.reporting_verbs.contains(word));
    action.then_some(i)
}

/// An irregular participle after "have" that reports an action: not "been", "had", nor a
/// verb of saying or thinking ("some countries have said"), which is `vague-attribution`'s
/// as the regular ones ending in -ed are.
fn is_perfect_action(word: &str) -> bool {
    LEXICON.irregular_participles.contains(word)
        && !matches!(word, "been" | "had")
        && !LEXICON.reporting_verbs.contains(word)
}
