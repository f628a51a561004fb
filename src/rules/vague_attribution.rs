//! `vague-attribution`: a claim or view attributed to an unnamed group ("analysts say",
//! "European leaders reiterated", "according to officials", "it is widely believed", "research
//! has shown"). A group qualified only by nationality or region is still unnamed; a named person
//! or body is not flagged, and neither is a sentence that carries its own citation.

use super::lexicon::LEXICON;
use super::sentence::SentenceView;
use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::actors::ActorKind;
use crate::text::TextRange;

/// Words that may stand between a group noun and its reporting verb.
const ADVERBS: &[&str] = &[
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
    "will",
    "would",
    "do",
    "did",
    "does",
    "tend",
    "to",
    "continue",
    "continued",
    "continues",
    "who",
    "that",
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
];

/// Modifiers that keep a group unnamed: "some analysts", "senior Western officials".
const MODIFIERS: &[&str] = &[
    "some",
    "many",
    "several",
    "most",
    "other",
    "various",
    "numerous",
    "certain",
    "few",
    "the",
    "these",
    "those",
    "senior",
    "top",
    "independent",
    "outside",
    "foreign",
    "local",
    "regional",
    "international",
    "military",
    "government",
    "administration",
    "security",
    "defense",
    "defence",
    "intelligence",
    "political",
    "economic",
    "financial",
    "energy",
    "western",
    "eastern",
    "european",
    "leading",
    "prominent",
    "influential",
    "unnamed",
    "anonymous",
    "diplomatic",
    "industry",
    "market",
    "policy",
    "foreign-policy",
    "defence-policy",
    "legal",
    "health",
    "public",
    "world",
    "global",
    "allied",
    "opposition",
    "party",
    "congressional",
    "parliamentary",
    "ministry",
    "cabinet",
    "trade",
    "oil",
    "climate",
    "humanitarian",
    "aid",
    "independent",
    "other",
    "more",
    "fellow",
    "key",
    "and",
    "or",
    "former",
    "current",
    "retired",
];

/// Participles that, after "widely" / "generally" / "commonly", report an unnamed belief.
const BELIEF_PARTICIPLES: &[&str] = &[
    "believed",
    "thought",
    "held",
    "accepted",
    "assumed",
    "expected",
    "regarded",
    "seen",
    "considered",
    "viewed",
    "reported",
    "understood",
    "acknowledged",
    "agreed",
    "perceived",
    "known",
    "recognized",
    "recognised",
    "cited",
    "predicted",
    "anticipated",
];

/// Pronoun-like subjects that need no noun ("some say", "many believe").
const PRONOUN_GROUPS: &[&str] = &["some", "many", "others", "most"];

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for index in 0..context.document.sentences.len() {
        if context.is_cited(index) {
            continue;
        }
        let sentence = SentenceView::new(context, index);
        if let Some(range) = find(&sentence) {
            let mut d = diagnostic(
                RuleCode::VagueAttribution,
                range,
                format!(
                    "who says so? `{}` does not name a source: name it or cite one",
                    range.slice(&context.document.prose)
                ),
            );
            let end = sentence.whole_range().end;
            let at = if context.text[..end].ends_with(['.', '!', '?']) {
                end - 1
            } else {
                end
            };
            d.fixes.push(Fix::insert("Insert a citation", at, "[^]"));
            out.push(d);
        }
    }
}

fn find(s: &SentenceView) -> Option<TextRange> {
    for i in 0..s.len() {
        let word = s.word(i);
        if word == "according" && s.word(i + 1) == "to" {
            if let Some(end) = unnamed_group_after(s, i + 2) {
                return Some(s.range(i, end + 1));
            }
            continue;
        }
        if matches!(word, "widely" | "generally" | "commonly" | "broadly")
            && BELIEF_PARTICIPLES.contains(&s.word(i + 1))
        {
            // "it is widely believed", "X is widely expected to…"; `is`/`are` before it.
            let start = if i >= 2 && s.word(i - 2) == "it" {
                i - 2
            } else {
                i
            };
            if i >= 1 && matches!(s.word(i - 1), "is" | "are" | "was" | "were" | "been" | "be") {
                return Some(s.range(start, i + 2));
            }
        }
        if matches!(
            word,
            "research" | "studies" | "study" | "evidence" | "surveys" | "polls" | "reports"
        ) && let Some(end) = research_claim(s, i)
        {
            return Some(s.range(i, end + 1));
        }
        let is_group = LEXICON.attribution_groups.contains(word) && s.is_word(i);
        if !is_group {
            continue;
        }
        if PRONOUN_GROUPS.contains(&word) && !LEXICON.attribution_groups.contains(s.word(i + 1)) {
            // "Some say" / "many believe": the pronoun must start a clause and the verb follow.
            let clause_start = i == 0
                || matches!(
                    s.word(i - 1),
                    "," | ";" | ":" | "but" | "and" | "while" | "though" | "although" | "yet" | "—"
                );
            // "Many in Washington believe": one short place phrase may come first.
            let mut v = i + 1;
            if s.word(v) == "in" && s.mention(v + 1).is_some() {
                v = s.mention_end(v + 1) + 1;
            }
            let verb = s.word(v);
            // The verb must open a clause ("many say that…", "some believe the…"), not take a
            // plain object ("many say goodbye").
            let object = s.word(v + 1);
            let opens_clause = matches!(
                object,
                "that"
                    | ","
                    | ":"
                    | "the"
                    | "a"
                    | "an"
                    | "it"
                    | "this"
                    | "these"
                    | "they"
                    | "he"
                    | "she"
                    | "we"
                    | "there"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "russia"
                    | "moscow"
            ) || s.mention(v + 1).is_some();
            if clause_start
                && opens_clause
                && LEXICON.reporting_verbs.contains(verb)
                && !matches!(
                    verb,
                    "see"
                        | "saw"
                        | "view"
                        | "add"
                        | "added"
                        | "report"
                        | "reported"
                        | "tell"
                        | "told"
                        | "question"
                        | "questions"
                        | "point"
                        | "points"
                        | "consider"
                        | "considered"
                )
            {
                return Some(s.range(i, v + 1));
            }
            continue;
        }
        if PRONOUN_GROUPS.contains(&word) {
            continue;
        }
        let Some(start) = group_start(s, i) else {
            continue;
        };
        if let Some(verb) = reporting_verb_after(s, i + 1) {
            return Some(s.range(start, verb + 1));
        }
    }
    None
}

/// The first token of the noun phrase ending in the group noun at `head`, or `None` when the
/// phrase names someone (an organisation as modifier, a number: "two officials" is an
/// anonymous source, not a group).
fn group_start(s: &SentenceView, head: usize) -> Option<usize> {
    let mut start = head;
    while start > 0 {
        let previous = start - 1;
        let word = s.word(previous);
        if s.is_number(previous)
            || matches!(word, "a" | "an" | "one" | "two" | "three" | "four" | "five")
        {
            return None;
        }
        if let Some(kind) = s.mention_kind(previous) {
            match kind {
                ActorKind::State | ActorKind::Group | ActorKind::Place => {
                    start = previous;
                    continue;
                }
                _ => return None,
            }
        }
        if MODIFIERS.contains(&word) {
            start = previous;
            continue;
        }
        // A capitalised word that is no known actor is probably a name ("Eurasia Group
        // analysts"); the sentence's first word is capitalised anyway.
        if s.is_capitalized(previous) && previous > 0 && s.is_word(previous) {
            return None;
        }
        break;
    }
    // A possessive before the phrase names the group ("Finland's defence officials").
    if start > 0 && (s.word(start - 1).ends_with("'s") || s.word(start - 1).ends_with("’s")) {
        return None;
    }
    Some(start)
}

/// A reporting verb after the group noun, skipping adverbs and auxiliaries and one short place
/// phrase ("diplomats in Brussels said"). Named organisations in that phrase ("analysts at
/// Capital Economics say") make the source named.
fn reporting_verb_after(s: &SentenceView, from: usize) -> Option<usize> {
    let mut i = from;
    let mut skipped = 0;
    while i < s.len() && skipped < 6 {
        let word = s.word(i);
        if LEXICON.reporting_verbs.contains(word) && s.is_word(i) && !ADVERBS.contains(&word) {
            // "Officials expected to attend…" is a reduced relative clause, not a report.
            if word.ends_with("ed") && s.word(i + 1) == "to" {
                return None;
            }
            // "point" needs "out"; "see" must not be "see also".
            if matches!(word, "point" | "points" | "pointed") && s.word(i + 1) != "out" {
                return None;
            }
            return Some(i);
        }
        if matches!(
            word,
            "in" | "at" | "from" | "of" | "with" | "across" | "inside" | "around"
        ) {
            // The phrase runs to the verb; decide whether it names the source.
            let mut j = i + 1;
            while j < s.len() && j < i + 6 && !LEXICON.reporting_verbs.contains(s.word(j)) {
                if matches!(s.word(j), "familiar" | "briefed" | "close" | "knowledge") {
                    return None;
                }
                match s.mention_kind(j) {
                    Some(ActorKind::State | ActorKind::Place | ActorKind::Group) => {}
                    Some(_) => return None,
                    None if s.is_capitalized(j) && s.is_word(j) => return None,
                    None => {}
                }
                j = s.mention_end(j) + 1;
            }
            if j < s.len()
                && LEXICON.reporting_verbs.contains(s.word(j))
                && !matches!(s.word(j), "point" | "points" | "pointed")
            {
                return Some(j);
            }
            return None;
        }
        if !ADVERBS.contains(&word) {
            return None;
        }
        i += 1;
        skipped += 1;
    }
    None
}

/// "according to [some] analysts / U.S. officials": the last token of an unnamed group.
fn unnamed_group_after(s: &SentenceView, from: usize) -> Option<usize> {
    let mut i = from;
    while i < s.len() && i < from + 5 {
        let word = s.word(i);
        if LEXICON.attribution_groups.contains(word) && !PRONOUN_GROUPS.contains(&word) {
            // "according to officials familiar with…" is an anonymous source.
            if matches!(
                s.word(i + 1),
                "familiar" | "briefed" | "close" | "with" | "who"
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

/// "research has shown", "studies suggest", "evidence indicates" with no named study.
fn research_claim(s: &SentenceView, i: usize) -> Option<usize> {
    const VERBS: &[&str] = &[
        "shown",
        "show",
        "shows",
        "suggest",
        "suggests",
        "suggested",
        "found",
        "find",
        "finds",
        "indicate",
        "indicates",
        "indicated",
        "demonstrated",
        "demonstrate",
        "demonstrates",
        "proven",
        "proved",
        "confirm",
        "confirms",
        "confirmed",
    ];
    // The phrase must be bare: "a 2024 IMF study found" names its source.
    if i > 0
        && !matches!(
            s.word(i - 1),
            "," | ";" | "and" | "but" | "some" | "recent" | "other" | "many" | "previous" | "past"
        )
    {
        return None;
    }
    if i > 0
        && matches!(
            s.word(i - 1),
            "some" | "recent" | "other" | "many" | "previous" | "past"
        )
        && i >= 2
        && !matches!(s.word(i - 2), "," | ";")
    {
        return None;
    }
    let mut j = i + 1;
    if matches!(
        s.word(j),
        "has" | "have" | "had" | "consistently" | "repeatedly" | "also"
    ) {
        j += 1;
    }
    if matches!(s.word(j), "consistently" | "repeatedly" | "also" | "long") {
        j += 1;
    }
    (VERBS.contains(&s.word(j)) && s.word(i) != "reports").then_some(j)
}
