//! `missing-actor`: statements that hide who acted or who holds a view — agentless passives
//! ("was decided", "has been announced", "were made") and impersonal constructions ("it is
//! believed that"). A passive with a *by*-agent is not flagged, nor are participles that describe
//! a state ("the talks were focused on", "is located", "remain committed"). The fix is the
//! writer's: the message asks *by whom?*

use std::sync::LazyLock;

use super::lexicon::LEXICON;
use super::lexicon::word_file;
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, RuleCode, RuleContext, diagnostic};
use crate::fast_hash::FastSet;
use crate::text::TextRange;

const BE_FORMS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "’s",
];

/// Adverbs that may sit between the auxiliary and the participle.
static ADVERBS: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "not",
        "also",
        "reportedly",
        "already",
        "still",
        "never",
        "recently",
        "formally",
        "officially",
        "quickly",
        "reported",
        "now",
        "then",
        "further",
        "largely",
        "partly",
        "fully",
        "initially",
        "subsequently",
        "eventually",
        "finally",
        "previously",
        "first",
        "allegedly",
        "being",
        "repeatedly",
        "successfully",
        "widely",
        "jointly",
        "only",
        "just",
        "all",
        "both",
        "reportedly",
        "n't",
    ]
    .into_iter()
    .collect()
});

/// Participles that with "to" describe a plan or a schedule ("is expected to attend", "is set
/// to resume"): the subject is named, the construction hides nobody.
static RAISING: LazyLock<FastSet<&str>> = word_file!("passive-raising");

/// Participles that after a present "is"/"are" name a state ("the border is closed").
static PRESENT_STATES: LazyLock<FastSet<&str>> = word_file!("passive-present-states");

/// Participles of the impersonal "it is … that" construction. Those that stand for an unnamed
/// source of a claim ("it is said", "it is argued") belong to `vague-attribution`.
static IMPERSONAL: LazyLock<FastSet<&str>> = word_file!("passive-impersonal");

/// Participles that `vague-attribution` reports after "it is widely / often …" (its list).
static BELIEF_PARTICIPLES: LazyLock<FastSet<&str>> = word_file!("attribution-belief-participles");

/// Words ending in -ed that are not participles.
static NOT_PARTICIPLES: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "indeed", "hundred", "need", "seed", "speed", "bed", "red", "shed", "fled", "sacred",
        "naked", "wicked", "beloved", "rugged", "kindred", "wretched", "embed", "breed", "proceed",
        "exceed", "succeed", "feed", "deed", "greed", "weed", "freed", "led", "sped", "bred",
    ]
    .into_iter()
    .collect()
});

/// The auxiliaries every agentless construction has.
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    Box::new(BE_FORMS.iter().copied())
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    for index in context.sentence_indices() {
        if !context.sentence_has(index, triggers::PASSIVE) {
            continue;
        }
        let sentence = SentenceView::new(context, index);
        for range in find(&sentence) {
            out.push(diagnostic(
                RuleCode::MissingActor,
                range,
                format!(
                    "by whom? `{}` hides who acted or who holds this view: name the actor",
                    range.slice(&context.document.prose)
                ),
            ));
        }
    }
}

/// Every agentless construction in the sentence.
pub fn find(s: &SentenceView) -> Vec<TextRange> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < s.len() {
        // "it is believed that", "it has been reported that", "it was finally decided that".
        if s.word(i) == "it" {
            match impersonal_at(s, i) {
                Some(Impersonal::Hidden(end)) => {
                    found.push(s.range(i, end + 1));
                    i = end + 1;
                    continue;
                }
                Some(Impersonal::Attribution(end)) => {
                    i = end + 1;
                    continue;
                }
                None => {}
            }
        }
        if BE_FORMS.contains(&s.word(i))
            && let Some(end) = agentless_passive_at(s, i)
        {
            // A hypothetical ("how talks could be structured") asserts no act that someone
            // hid; a stated plan ("will be decided") does.
            // The modal may stand before a negation: "should not be relied upon".
            if s.word(i) == "be"
                && matches!(
                    word_before_adverbs(s, i),
                    Some(
                        "could"
                            | "would"
                            | "might"
                            | "may"
                            | "can"
                            | "cannot"
                            | "should"
                            | "must"
                            | "can't"
                            | "can’t"
                            | "couldn't"
                            | "couldn’t"
                            | "wouldn't"
                            | "wouldn’t"
                            | "shouldn't"
                            | "shouldn’t"
                            | "mustn't"
                            | "mustn’t"
                    )
                )
            {
                i = end + 1;
                continue;
            }
            // Show the whole verb group: "has been announced", "will be decided", "have not
            // yet been finalised", "will soon be reviewed".
            let mut before = i;
            while before > 0 && before + 3 > i && is_group_adverb(s.word(before - 1)) {
                before -= 1;
            }
            let start = match (before.checked_sub(1).map(|p| s.word(p)), s.word(i)) {
                (Some("has" | "have" | "had"), "been") | (Some("will" | "shall"), "be") => {
                    before - 1
                }
                _ => i,
            };
            found.push(s.range(start, end + 1));
            i = end + 1;
            continue;
        }
        i += 1;
    }
    // A direct quotation keeps the speaker's words: the writer cannot name their actor.
    found.retain(|range| !s.in_quotation_at(range.start));
    found
}

/// What an "it is … that" construction at "it" is, and its participle's index.
enum Impersonal {
    /// "it is believed that": who holds the view is hidden (this rule).
    Hidden(usize),
    /// "it is said that", "it is widely believed": an unnamed source of a claim, which
    /// `vague-attribution` reports; reporting it here too would flag one phrase twice.
    Attribution(usize),
}

// The participles `vague-attribution` reports after "it is" ("it is said / argued / claimed
// that"), and the adverbs after which it reports a belief ("it is widely believed"): the same
// lists, so that the two rules never disagree on which phrase is whose.
use super::lexicon::is_month;
use super::vague_attribution::{
    BELIEF_ADVERBS as ATTRIBUTION_ADVERBS, IMPERSONAL_SOURCES as ATTRIBUTION_PARTICIPLES,
    is_belief_passive,
};

fn impersonal_at(s: &SentenceView, i: usize) -> Option<Impersonal> {
    let mut j = i + 1;
    if matches!(s.word(j), "has" | "had" | "have") && s.word(j + 1) == "been" {
        j += 1;
    }
    if !matches!(s.word(j), "is" | "was" | "been" | "will" | "would") {
        return None;
    }
    let mut k = j + 1;
    if s.word(k) == "be" {
        k += 1;
    }
    let first_adverb = k;
    // Only the adverbs of a verb group ("it was further noted", "it was finally decided"): in
    // "it was publicly known" the adverb says how the fact stood, not that someone hid.
    while k < s.len()
        && k < first_adverb + 2
        && (ADVERBS.contains(&s.word(k)) || ATTRIBUTION_ADVERBS.contains(&s.word(k)))
        && !IMPERSONAL.contains(&s.word(k))
    {
        k += 1;
    }
    let participle = s.word(k);
    if matches!(s.word(k + 1), "by" | "to") {
        return None;
    }
    let adverb = (k > first_adverb).then(|| s.word(first_adverb));
    if ATTRIBUTION_PARTICIPLES.contains(&participle)
        && (adverb.is_none() || adverb.is_some_and(|a| ATTRIBUTION_ADVERBS.contains(&a)))
    {
        return Some(Impersonal::Attribution(k));
    }
    if adverb.is_some_and(|a| ATTRIBUTION_ADVERBS.contains(&a))
        && BELIEF_PARTICIPLES.contains(&participle)
    {
        return Some(Impersonal::Attribution(k));
    }
    IMPERSONAL
        .contains(&participle)
        .then_some(Impersonal::Hidden(k))
}

/// The participle index when `aux` starts an agentless passive.
fn agentless_passive_at(s: &SentenceView, aux: usize) -> Option<usize> {
    let mut j = aux + 1;
    while j < s.len()
        && (ADVERBS.contains(&s.word(j)) || is_adverb(s.word(j)))
        && (s.word(j) != "being" || is_participle(s, j + 1))
        // "were reported killed": "reported" hedges the next participle; with none after it
        // and a past auxiliary ("cholera cases have been reported", "a blast was reported") it
        // is itself the agentless passive. In the present or the infinitive it is mostly a
        // document's or a procedure's wording ("amounts are reported in Table 2", "the bill,
        // as ordered to be reported"), left alone.
        && (s.word(j) != "reported"
            || is_participle(s, j + 1)
            || !matches!(s.word(aux), "been" | "was" | "were"))
    {
        j += 1;
    }
    if !is_participle(s, j) {
        return None;
    }
    let participle = s.word(j);
    // "The regime is widely seen as fragile": `vague-attribution` reports the unnamed holders
    // of the view; reporting the passive here too would flag one phrase twice.
    if j > aux + 1 && is_belief_passive(s, j - 1) {
        return None;
    }
    if LEXICON.adjectival_participles.contains(participle) || is_negated_adjective(participle) {
        return None;
    }
    // "who asked not to be named", "who could not be named", "on condition that he not be
    // identified", "an official who was not authorized to speak": the anonymity formula,
    // which `anonymous-source` reports.
    if s.word(aux) == "be"
        && aux > 0
        && matches!(s.word(aux - 1), "to" | "not")
        && matches!(participle, "named" | "identified" | "quoted")
    {
        return None;
    }
    if matches!(participle, "authorized" | "authorised")
        && s.word(j + 1) == "to"
        && matches!(
            s.word(j + 2),
            "speak" | "discuss" | "comment" | "brief" | "talk"
        )
    {
        return None;
    }
    if matches!(s.word(aux), "is" | "are") && PRESENT_STATES.contains(&participle) {
        return None;
    }
    // "Scores are shown in the table", "figures are given below": the document's own layout.
    // "shown" and "given" stay off the list of states ("the candidate is shown to have
    // lied", "clients were given invoices" report acts), so only with a place in the document.
    if matches!(s.word(aux), "is" | "are")
        && matches!(participle, "shown" | "given")
        && points_into_document(s, j + 1)
    {
        return None;
    }
    // "until the crew is released", "unless access is reopened", "once the data is
    // published": a present passive in a clause of time or condition names an event still to
    // come, which nobody has done and so nobody hides; "after the vote was counted" reports one.
    if matches!(s.word(aux), "is" | "are") && in_pending_clause(s, aux) {
        return None;
    }
    // "It was not clear whether the crew had been charged": an open question asserts no act,
    // in any tense.
    if opening_word_before(s, aux) == Some("whether") {
        return None;
    }
    // "No deal was signed", "nothing has been decided": no act happened, so nobody is hidden.
    if has_negative_subject(s, aux) {
        return None;
    }
    // "it is said to be", "is expected to attend".
    if RAISING.contains(&participle) && s.word(j + 1) == "to" {
        return None;
    }
    // "The summit was held in Geneva": who holds a meeting is rarely what the reader misses.
    // The subject may stand before a modal and more auxiliaries: "the press conference will be
    // held at the embassy", "the vote has been held".
    if participle == "held" && aux > 0 {
        let mut k = aux - 1;
        while k > 0
            && matches!(
                s.word(k),
                "will"
                    | "would"
                    | "shall"
                    | "should"
                    | "could"
                    | "may"
                    | "might"
                    | "must"
                    | "has"
                    | "have"
                    | "had"
                    | "been"
                    | "not"
                    | "also"
                    | "now"
                    | "then"
            )
        {
            k -= 1;
        }
        if EVENT_NOUNS.contains(&s.word(k)) {
            return None;
        }
    }
    // "The next situation update will be issued on 20 November", "this brief will be updated
    // when new records become available": the document announces its own next edition, and
    // its author is the actor; no one is hidden.
    if is_own_next_edition(s, aux, participle) {
        return None;
    }
    // "is made up of" describes composition.
    if participle == "made" && s.word(j + 1) == "up" {
        return None;
    }
    // "'s" is a passive auxiliary only in "it's been"/"he's been" forms; skip possessives.
    if matches!(s.word(aux), "'s" | "’s") {
        return None;
    }
    // The impersonal form is reported by its own pattern.
    if aux > 0 && s.word(aux - 1) == "it" && IMPERSONAL.contains(&participle) {
        return None;
    }
    if has_agent(s, j + 1) {
        return None;
    }
    Some(j)
}

/// A future passive of publishing whose subject is the briefing itself or its next edition:
/// "will be issued", "will be updated" after "the next update", "this brief", "the report"
/// (one modifier may stand before the noun: "the next situation update").
fn is_own_next_edition(s: &SentenceView, aux: usize, participle: &str) -> bool {
    if s.word(aux) != "be"
        || aux < 3
        || !matches!(s.word(aux - 1), "will" | "shall")
        || !matches!(
            participle,
            "issued" | "updated" | "published" | "revised" | "circulated" | "distributed"
        )
    {
        return false;
    }
    let noun = aux - 2;
    if !matches!(
        s.word(noun),
        "update"
            | "brief"
            | "briefing"
            | "report"
            | "assessment"
            | "sitrep"
            | "bulletin"
            | "memo"
            | "note"
            | "edition"
            | "version"
            | "estimate"
    ) {
        return false;
    }
    // "this brief", "the next update", "the next situation update", "our assessment".
    (noun.saturating_sub(3)..noun)
        .any(|k| matches!(s.word(k), "this" | "next" | "our") || (k == 0 && s.word(k) == "the"))
}

/// A place in the document starts at word `i`: "below", "above", "overleaf", or "in" / "at"
/// a table, figure, chart, map, box, annex or appendix ("in the table", "in Figure 2").
fn points_into_document(s: &SentenceView, i: usize) -> bool {
    if matches!(s.word(i), "below" | "above" | "overleaf") {
        return true;
    }
    if !matches!(s.word(i), "in" | "at") {
        return false;
    }
    let noun = if matches!(s.word(i + 1), "the" | "this") {
        s.word(i + 2)
    } else {
        s.word(i + 1)
    };
    matches!(
        noun,
        "table"
            | "tables"
            | "figure"
            | "figures"
            | "chart"
            | "charts"
            | "map"
            | "maps"
            | "box"
            | "annex"
            | "appendix"
            | "graph"
    )
}

/// Verbs in un- that reverse an action: "was unveiled" is a passive.
static UN_VERBS: LazyLock<FastSet<&str>> = word_file!("un-verbs");

/// An un- participle that negates ("unchanged", "unconfirmed", "unarmed"): an adjective, as
/// no one "unchanges" anything. "under-" is a different prefix ("was undermined").
fn is_negated_adjective(participle: &str) -> bool {
    participle.starts_with("un")
        && !participle.starts_with("under")
        && participle.ends_with("ed")
        && !UN_VERBS.contains(&participle)
}

/// Whether "no", "nothing" or "none" starts the subject just before `aux` ("no deal was",
/// "no final decision has been"), within three words and without crossing punctuation.
fn has_negative_subject(s: &SentenceView, aux: usize) -> bool {
    let mut j = aux;
    // "has been", "had been": the auxiliary before "been".
    if s.word(aux) == "been" && j > 0 && matches!(s.word(j - 1), "has" | "have" | "had") {
        j -= 1;
    }
    for _ in 0..3 {
        let Some(before) = j.checked_sub(1) else {
            return false;
        };
        j = before;
        if !s.is_word(j) {
            return false;
        }
        if matches!(s.word(j), "no" | "nothing" | "none") {
            return true;
        }
    }
    false
}

/// Whether the auxiliary at `aux` is in a clause opened by a conjunction of time or condition
/// ("until", "unless", "once", "before", "after", "if", "when").
fn in_pending_clause(s: &SentenceView, aux: usize) -> bool {
    opening_word_before(s, aux).is_some_and(|word| {
        matches!(
            word,
            "until" | "till" | "unless" | "once" | "before" | "after" | "if" | "when" | "whenever"
        )
    })
}

/// The conjunction that opens the clause of the auxiliary at `aux` ("until", "if", "whether"…),
/// at most six words back and without crossing punctuation.
fn opening_word_before<'a>(s: &SentenceView<'a>, aux: usize) -> Option<&'a str> {
    let mut j = aux;
    for _ in 0..6 {
        j = j.checked_sub(1)?;
        if !s.is_word(j) {
            return None;
        }
        let word = s.word(j);
        if matches!(
            word,
            "until"
                | "till"
                | "unless"
                | "once"
                | "before"
                | "after"
                | "if"
                | "when"
                | "whenever"
                | "whether"
        ) {
            return Some(word);
        }
    }
    None
}

/// The word before `i`, past up to three negations and adverbs: "would almost certainly be
/// felt" gives "would".
fn word_before_adverbs<'a>(s: &SentenceView<'a>, i: usize) -> Option<&'a str> {
    let mut j = i;
    for _ in 0..4 {
        j = j.checked_sub(1)?;
        let word = s.word(j);
        if !(matches!(
            word,
            "not" | "n't" | "also" | "still" | "never" | "almost" | "well"
        ) || is_adverb(word))
        {
            return Some(word);
        }
    }
    None
}

/// A word that may stand inside a verb group: "has not yet been", "will soon be".
fn is_group_adverb(word: &str) -> bool {
    matches!(
        word,
        "not" | "n't" | "yet" | "also" | "still" | "never" | "already"
    ) || is_adverb(word)
}

/// "-ly" adverbs and frequency words: "were clearly marked", "are often taken".
fn is_adverb(word: &str) -> bool {
    (word.len() > 4
        && word.ends_with("ly")
        && !matches!(
            word,
            "only" | "family" | "italy" | "supply" | "apply" | "reply" | "rally" | "ally"
        ))
        || matches!(
            word,
            "often"
                | "rarely"
                | "seldom"
                | "usually"
                | "always"
                | "sometimes"
                | "best"
                | "once"
                | "again"
                | "soon"
                | "later"
                | "ever"
        )
}

/// Events that are "held" (see `agentless_passive_at`).
const EVENT_NOUNS: &[&str] = &[
    "summit",
    "meeting",
    "meetings",
    "talks",
    "conference",
    "election",
    "elections",
    "vote",
    "referendum",
    "session",
    "ceremony",
    "exercise",
    "exercises",
    "rally",
    "hearing",
    "hearings",
    "consultations",
    "negotiations",
    "round",
    "forum",
    "dialogue",
    "celebration",
    "parade",
    "funeral",
    "festival",
    "debate",
    "poll",
    "polls",
    "ministerial",
    "retreat",
    "workshop",
    "briefing",
    "call",
];

fn is_participle(s: &SentenceView, i: usize) -> bool {
    if !s.is_word(i) || s.is_capitalized(i) && i > 0 {
        return false;
    }
    let word = s.word(i);
    if NOT_PARTICIPLES.contains(&word) {
        return false;
    }
    (word.len() > 4 && word.ends_with("ed")) || LEXICON.irregular_participles.contains(word)
}

/// A *by*-agent in the rest of the clause ("was drafted in October by the Commission"), but not
/// "by 2025" or "by the end of the year".
/// The word after a count in a *by*-phrase ("by three drones", "by 3,000 people") names what
/// acted, not a measure ("percent", "votes") or a date ("by 1 June").
fn counted_agent(s: &SentenceView, after_count: usize) -> bool {
    let mut k = after_count;
    if matches!(s.word(k), "million" | "billion" | "thousand" | "hundred") {
        k += 1;
    }
    s.is_word(k)
        && !is_month(s.word(k))
        && !is_measure_noun(s.word(k))
        && !matches!(
            s.word(k),
            "%" | "seats"
                | "barrels"
                | "dollars"
                | "euros"
                | "basis"
                | "am"
                | "pm"
                | "a.m"
                | "p.m"
                | "gmt"
                | "utc"
        )
}

fn has_agent(s: &SentenceView, from: usize) -> bool {
    let mut i = from;
    while i < s.len() && i < from + 10 {
        let word = s.word(i);
        if matches!(
            word,
            ";" | ":" | "—" | "–" | "(" | "which" | "who" | "while" | "but" | "although"
        ) {
            return false;
        }
        if word == "by" {
            let next = s.word(i + 1);
            let is_time = s.is_number(i + 1)
                || matches!(
                    next,
                    "then"
                        | "now"
                        | "the"
                        | "early"
                        | "late"
                        | "mid"
                        | "midnight"
                        | "noon"
                        | "tomorrow"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                        | "next"
                        | "year-end"
                        | "spring"
                        | "summer"
                        | "autumn"
                        | "winter"
                        | "far"
                        | "contrast"
                        | "comparison"
                        | "default"
                        | "design"
                        | "mistake"
                        | "accident"
                        | "chance"
                        | "hand"
                        | "law"
                        | "phone"
                        | "telephone"
                        | "video"
                        | "email"
                        | "mail"
                        | "air"
                        | "sea"
                        | "road"
                        | "rail"
                        | "land"
                        | "itself"
                        | "themselves"
                        | "percent"
                        | "half"
                        | "two"
                        | "three"
                        | "four"
                        | "five"
                        | "six"
                        | "seven"
                        | "eight"
                        | "nine"
                        | "ten"
                        | "about"
                        | "around"
                        | "up"
                        | "more"
                        | "some"
                        | "nearly"
                        | "almost"
                        | "over"
                        | "as"
                        | "a"
                )
                || is_month(next);
            if next == "the"
                && matches!(
                    s.word(i + 2),
                    "end"
                        | "time"
                        | "middle"
                        | "start"
                        | "beginning"
                        | "close"
                        | "summer"
                        | "spring"
                        | "autumn"
                        | "winter"
                        | "deadline"
                )
            {
                return false;
            }
            // "cut by a third", "won by a wide margin" measure; "by a committee" is an agent.
            if next == "a"
                && matches!(
                    s.word(i + 2),
                    "third"
                        | "quarter"
                        | "half"
                        | "fifth"
                        | "tenth"
                        | "factor"
                        | "margin"
                        | "wide"
                        | "narrow"
                        | "further"
                        | "total"
                        | "fraction"
                        | "whisker"
                )
            {
                return false;
            }
            if next == "the" || next == "a" {
                return true;
            }
            // "adopted by consensus", "elected by acclamation", "extended by decree": the
            // manner of a decision, which leaves unsaid who took it.
            if matches!(
                next,
                "consensus" | "acclamation" | "unanimity" | "decree" | "referendum"
            ) {
                return false;
            }
            // "confirmed by two Russian milbloggers", "hit by three drones", "watched by 3,000
            // people": a count before what acted is an agent; "cut by two percent", "passed by
            // five votes", "by 2025" and "by 1 June" are not.
            if (s.is_number(i + 1)
                || matches!(
                    next,
                    "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
                ))
                && counted_agent(s, i + 2)
            {
                return true;
            }
            return !is_time;
        }
        i += 1;
    }
    false
}

/// Nouns after a count that measure a change or a delay rather than name an agent: "by two
/// weeks", "by three points", "by two thirds", "by four to one".
fn is_measure_noun(word: &str) -> bool {
    matches!(
        word,
        "percent"
            | "per"
            | "percentage"
            | "points"
            | "point"
            | "times"
            | "votes"
            | "to"
            | "or"
            | "and"
            | "of"
            | "thirds"
            | "quarters"
            | "fifths"
            | "tenths"
            | "orders"
            | "degrees"
            | "notches"
            | "places"
            | "hundred"
            | "thousand"
            | "million"
            | "billion"
            | "more"
            | "years"
            | "months"
            | "weeks"
            | "days"
            | "hours"
            | "minutes"
            | "seconds"
            | "decades"
            | "metres"
            | "meters"
            | "kilometres"
            | "kilometers"
            | "miles"
            | "feet"
            | "tonnes"
            | "tons"
    )
}
