//! `vague-attribution`: a claim or view attributed to an unnamed group ("analysts say",
//! "European leaders reiterated", "according to officials", "it is widely believed", "research
//! has shown", "…, aid groups warned"). A group qualified only by nationality or region is still
//! unnamed; a named person or body is not flagged, and neither is a cited sentence.

use std::sync::LazyLock;

use super::lexicon::LEXICON;
use super::lexicon::word_file;
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, RuleCode, RuleContext, check_uncited_sentences};
use crate::actors::ActorKind;
use crate::fast_hash::FastSet;
use crate::text::TextRange;

mod groups;

use groups::{CERTAINTY, group_start, is_group_noun, reporting_verb_after, unnamed_group_after};

/// Participles that, after "widely" / "often" / "increasingly", report an unnamed belief.
static BELIEF_PARTICIPLES: LazyLock<FastSet<&str>> = word_file!("attribution-belief-participles");

/// Impersonal participles that stand for an unnamed source of a claim ("it is said that");
/// believed / expected / reported are `missing-actor` (SPEC §4).
pub(super) const IMPERSONAL_SOURCES: &[&str] = &[
    "said",
    "argued",
    "suggested",
    "claimed",
    "alleged",
    "rumoured",
    "rumored",
    "contended",
    "asserted",
    "held",
];

/// Adverbs that say a claim comes from someone without saying from whom ("the Commission
/// reportedly considered a price cap"): "it is reported that" in one word. Source: Wikipedia's
/// MOS:WEASEL and newsroom practice ("reported by whom?"). "supposedly" is left out: it
/// mostly voices the writer's doubt ("the supposedly neutral mediator"), not a source.
const SOURCE_ADVERBS: &[&str] = &["reportedly", "reputedly", "purportedly", "allegedly"];

/// Pronoun-like subjects that need no noun ("some say", "many believe").
/// "some", "many", "others", "most": pronouns that stand for a group.
pub(super) fn is_pronoun_group(word: &str) -> bool {
    matches!(word, "some" | "many" | "others" | "most")
}

/// Verbs of unnamed research: "research has shown", "studies suggest".
static RESEARCH_VERBS: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
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
    ]
    .into_iter()
    .collect()
});

/// Words besides reporting verbs that can start a vague attribution.
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    Box::new(
        std::iter::once("according")
            .chain(SOURCE_ADVERBS.iter().copied())
            .chain(RESEARCH_VERBS.iter().copied())
            .chain(CERTAINTY.iter().copied())
            .chain(BELIEF_PARTICIPLES.iter().copied()),
    )
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let message =
        |found: &str| format!("who says so? `{found}` does not name a source: name it or cite one");
    check_uncited_sentences(
        context,
        triggers::VAGUE_ATTRIBUTION,
        RuleCode::VagueAttribution,
        find,
        message,
        out,
    );
}

/// The vague attribution of the sentence, if any; `unsupported-claim` asks it too, so that a
/// sentence whose source is reported as vague is not reported again as unsupported.
pub(super) fn find(s: &SentenceView) -> Option<TextRange> {
    for i in 0..s.len() {
        let word = s.word(i);
        if word == "according" && s.word(i + 1) == "to" {
            if let Some(end) = unnamed_group_after(s, i + 2) {
                return Some(s.range(i, end + 1));
            }
            continue;
        }
        if let Some(end) = impersonal_at(s, i) {
            return Some(s.range(i, end + 1));
        }
        // "reportedly (Wall Street Journal, 16 June 2025)" names its report.
        if SOURCE_ADVERBS.contains(&word) && s.is_word(i) && !s.in_quote(i) && s.word(i + 1) != "("
        {
            return Some(s.range(i, i + 1));
        }
        if is_belief_passive(s, i) {
            // "X is widely expected to…".
            return Some(s.range(i, i + 2));
        }
        if word == "reports"
            && let Some(start) = there_are_reports(s, i)
        {
            return Some(s.range(start, i + 1));
        }
        if matches!(
            word,
            "research" | "studies" | "study" | "evidence" | "surveys" | "polls" | "reports"
        ) && let Some(end) = research_claim(s, i)
        {
            return Some(s.range(i, end + 1));
        }
        if !s.is_word(i) {
            continue;
        }
        if is_pronoun_group(word) && !is_group_noun(s, i + 1) {
            if let Some(verb) = pronoun_report(s, i) {
                return Some(s.range(i, verb + 1));
            }
            continue;
        }
        if !is_group_noun(s, i) {
            continue;
        }
        let Some(start) = group_start(s, i) else {
            continue;
        };
        let head_end = s.mention_end(i);
        if let Some(verb) = reporting_verb_after(s, head_end + 1) {
            return Some(s.range(start, verb + 1));
        }
    }
    None
}

/// "is widely seen", "are generally regarded", "was commonly believed": at the adverb `i`, a
/// passive whose unnamed holders of a belief this rule reports; `missing-actor` asks it too, so
/// that the phrase is reported once.
#[inline]
pub(super) fn is_belief_passive(s: &SentenceView, i: usize) -> bool {
    matches!(s.word(i), "widely" | "generally" | "commonly" | "broadly")
        && BELIEF_PARTICIPLES.contains(&s.word(i + 1))
        && i >= 1
        && matches!(s.word(i - 1), "is" | "are" | "was" | "were" | "been" | "be")
}

/// The adverbs after which "it is …" reports a belief ("it is widely believed"); `missing-actor`
/// leaves these to this rule.
pub(super) const BELIEF_ADVERBS: &[&str] = &[
    "often",
    "widely",
    "generally",
    "commonly",
    "increasingly",
    "frequently",
    "sometimes",
    "broadly",
    "now",
    "also",
];

/// "it is said that", "it is often argued", "it has been suggested that".
fn impersonal_at(s: &SentenceView, i: usize) -> Option<usize> {
    if s.word(i) != "it" {
        return None;
    }
    let mut j = i + 1;
    if matches!(s.word(j), "has" | "had") && s.word(j + 1) == "been" {
        j += 1;
    }
    if !matches!(s.word(j), "is" | "was" | "been") {
        return None;
    }
    j += 1;
    let adverb = BELIEF_ADVERBS.contains(&s.word(j));
    if adverb {
        j += 1;
    }
    let participle = s.word(j);
    let reports = if adverb {
        BELIEF_PARTICIPLES.contains(&participle)
    } else {
        IMPERSONAL_SOURCES.contains(&participle)
    };
    (reports && !matches!(s.word(j + 1), "by" | "to")).then_some(j)
}

/// "Some say that…", "Many in Brussels believe…", "some have suggested…", "…, many argue."
fn pronoun_report(s: &SentenceView, i: usize) -> Option<usize> {
    let clause_start = i == 0
        || matches!(
            s.word(i - 1),
            "," | ";" | ":" | "but" | "and" | "while" | "though" | "although" | "yet" | "—"
        );
    if !clause_start {
        return None;
    }
    let mut v = i + 1;
    // One short place phrase: "many in Washington", "some in the ruling party".
    if s.word(v) == "in" {
        let mut j = v + 1;
        while j < s.len()
            && j < v + 5
            && !LEXICON.reporting_verbs.contains(s.word(j))
            && s.is_word(j)
        {
            j += 1;
        }
        v = j;
    }
    while matches!(
        s.word(v),
        "have" | "had" | "also" | "long" | "still" | "privately"
    ) {
        v += 1;
    }
    let verb = s.word(v);
    if !LEXICON.reporting_verbs.contains(verb)
        || matches!(
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
                | "point"
                | "points"
                | "consider"
                | "considered"
                | "note"
                | "noted"
                | "observe"
                | "observed"
        )
    {
        return None;
    }
    // The verb must open a clause ("many say that…", "some believe the…") or end the
    // sentence ("…, many argue."), not take a plain object ("many say goodbye").
    let next = s.word(v + 1);
    let last = v + 2 >= s.len();
    let opens_clause = matches!(
        next,
        "that"
            | "whether"
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
    ) || s.mention(v + 1).is_some()
        || (last && i > 0);
    opens_clause.then_some(v)
}

/// "There have been reports that the RSF receives weapons", "there are unconfirmed reports of
/// shelling": reports with no reporter. `i` is "reports"; returns the first token ("there").
fn there_are_reports(s: &SentenceView, i: usize) -> Option<usize> {
    if !matches!(s.word(i + 1), "that" | "of") {
        return None;
    }
    // "reports of the Court of Auditors" name their author (a nationality does not: "reports
    // of Russian troops massing").
    if s.word(i + 1) == "of" {
        let k = if s.word(i + 2) == "the" { i + 3 } else { i + 2 };
        let named = match s.mention_kind(k) {
            Some(kind) => !matches!(kind, ActorKind::State | ActorKind::Place),
            None => s.is_word(k) && s.is_capitalized(k),
        };
        if named {
            return None;
        }
    }
    let mut j = i;
    if j > 0
        && matches!(
            s.word(j - 1),
            "unconfirmed"
                | "credible"
                | "numerous"
                | "multiple"
                | "widespread"
                | "persistent"
                | "repeated"
                | "conflicting"
                | "new"
                | "some"
                | "several"
                | "many"
                | "media"
                | "press"
                | "news"
        )
    {
        j -= 1;
    }
    // "there are", "there were", "there have been", "there has been", "there had been".
    let be = j.checked_sub(1)?;
    let there = match s.word(be) {
        "are" | "were" | "is" | "was" => be.checked_sub(1)?,
        "been" if be >= 2 && matches!(s.word(be - 1), "have" | "has" | "had") => be - 2,
        _ => return None,
    };
    (s.word(there) == "there").then_some(there)
}

/// "research has shown", "studies suggest", "reports indicate" with no named study.
fn research_claim(s: &SentenceView, i: usize) -> Option<usize> {
    // The phrase must be bare: "a 2024 IMF study found" names its source.
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    let bare = i == 0 || matches!(previous, "," | ";" | "and" | "but");
    let qualified_bare = matches!(
        previous,
        "media"
            | "news"
            | "press"
            | "some"
            | "recent"
            | "other"
            | "many"
            | "previous"
            | "past"
            | "several"
    ) && (i < 2 || matches!(s.word(i - 2), "," | ";"));
    if !(bare || qualified_bare) {
        return None;
    }
    let mut j = i + 1;
    while matches!(
        s.word(j),
        "has" | "have" | "had" | "consistently" | "repeatedly" | "also" | "long"
    ) {
        j += 1;
    }
    RESEARCH_VERBS.contains(&s.word(j)).then_some(j)
}
