//! Checkable statements without a figure: what a legislature or government did ("voted
//! against", "vetoed the bill"), measured changes ("unemployment has gone up", "cut taxes"),
//! comparisons with the past or with all others ("fewer ships than in 1916", "than any other"),
//! historical firsts ("the first president to") and fractions ("two-thirds of").

use std::sync::LazyLock;

use super::super::lexicon::word_file;
use super::super::sentence::SentenceView;
use super::figures::{NUMBER_WORDS, is_count};
use crate::fast_hash::FastSet;

/// Quantities a change can be measured in (see the data file).
pub(super) static MEASURES: LazyLock<FastSet<&str>> = word_file!("claim-measures");

/// What a legislature passes, signs or vetoes.
pub(super) static LEGISLATION: LazyLock<FastSet<&str>> = word_file!("claim-legislation");

/// Past-tense verbs of the legislative record.
pub(super) static RECORD_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-record-verbs");

/// Past-tense verbs of positions taken and acts of force or policy.
pub(super) static ACTION_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-action-verbs");

/// Past-tense verbs of a position taken or a measure put forward (see the data file).
pub(super) static POSITION_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-position-verbs");

/// Present-tense verbs of a position held (see the data file).
pub(super) static STANCE_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-stance-verbs");

/// Participles of an outcome on the record, stated in the passive (see the data file).
pub(super) static OUTCOME_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-outcome-verbs");

/// Irregular past participles of verbs of action (see the data file).
static PARTICIPLES: LazyLock<FastSet<&str>> = word_file!("claim-participles");

/// Fractions and hyphenated cardinals.
pub(super) static FRACTIONS: LazyLock<FastSet<&str>> = word_file!("claim-fractions");

/// Words that make the verb after them infinitive, passive or attributive: "to cut", "was
/// passed", "the reduced budget". Such a verb is not a finite statement of what happened.
pub(super) fn blocks_finite(previous: &str) -> bool {
    matches!(
        previous,
        "the"
            | "a"
            | "an"
            | "to"
            | "be"
            | "been"
            | "being"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "should"
            | "could"
            | "must"
            | "not"
            | "never"
            | "get"
            | "gets"
            | "got"
    )
}

/// Prepositions and verbs after which a participle is an adjective: "because of increased
/// imports", "based on enacted laws", "reflect enacted law".
pub(super) fn is_preposition(word: &str) -> bool {
    is_before_adjective_participle(word)
        || matches!(
            word,
            "despite" | "amid" | "reflect" | "reflects" | "include" | "includes" | "including"
        )
}

/// Words after which a past form is a participle used as an adjective, not a finite verb:
/// "of increased imports", "and expanded programs", "newly elected". Shared with the dated
/// acts (`dated.rs`), which add no verbs to it.
pub(super) fn is_before_adjective_participle(word: &str) -> bool {
    matches!(
        word,
        "of" | "on"
            | "in"
            | "for"
            | "with"
            | "by"
            | "from"
            | "under"
            | "at"
            | "as"
            | "into"
            | "and"
            | "or"
            | "newly"
            | "recently"
    )
}

/// What a speaker raises or a meeting is: "raised concerns", "raised the question of", "brought
/// it up", "held a press conference". Talk about a subject states no act the record can check.
/// Source: the collocations of "raise" (a subject of discussion) and "hold" (a meeting) in
/// learners' dictionaries.
pub(super) fn is_talk_idiom(s: &SentenceView, i: usize) -> bool {
    // The object within three words, before any preposition: "held a tribal consultation".
    let object = |words: &[&str]| {
        (i + 1..(i + 4).min(s.len()))
            .take_while(|&k| s.is_word(k) && !is_preposition(s.word(k)))
            .any(|k| words.contains(&s.word(k)))
    };
    match s.word(i) {
        "raised" | "raises" => object(&[
            "concern",
            "concerns",
            "question",
            "questions",
            "doubt",
            "doubts",
            "objection",
            "objections",
            "issue",
            "issues",
            "alarm",
            "alarms",
            "awareness",
            "eyebrows",
            "point",
            "points",
            "matter",
            "subject",
            "topic",
            "possibility",
            "prospect",
            "hopes",
            "fears",
            "specter",
            "spectre",
        ]),
        // "brought it up", "brought up the sanctions": a subject raised.
        "brought" => s.word(i + 1) == "up" || (s.is_word(i + 1) && s.word(i + 2) == "up"),
        "held" => object(&[
            "conference",
            "conferences",
            "meeting",
            "meetings",
            "call",
            "calls",
            "talks",
            "briefing",
            "briefings",
            "discussion",
            "discussions",
            "conversation",
            "conversations",
            "summit",
            "roundtable",
            "rally",
            "event",
            "hearing",
            "hearings",
            "consultation",
            "consultations",
            "session",
            "sessions",
            "dialogue",
            "interview",
            "interviews",
            "ceremony",
        ]),
        _ => false,
    }
}

/// Determiners and modifiers that may stand between a verb and its object.
fn is_object_filler(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "every"
            | "each"
            | "federal"
            | "national"
            | "state"
            | "public"
            | "defence"
            | "defense"
            | "income"
            | "military"
            | "corporate"
            | "manufacturing"
            | "new"
            | "annual"
            | "trade"
            | "budget"
    )
}

/// Whether the object starting at `j` is a charge or a claim ("the allegations", "these
/// reports", "criticism"), which "dismissed" answers rather than acts on.
fn dismisses_a_claim(s: &SentenceView, j: usize) -> bool {
    let j = if matches!(
        s.word(j),
        "the" | "these" | "those" | "such" | "all" | "any" | "its"
    ) {
        j + 1
    } else {
        j
    };
    matches!(
        s.word(j),
        "allegation"
            | "allegations"
            | "accusation"
            | "accusations"
            | "claim"
            | "claims"
            | "charge"
            | "charges"
            | "report"
            | "reports"
            | "criticism"
            | "concerns"
            | "suggestion"
            | "suggestions"
            | "speculation"
            | "rumours"
            | "rumors"
    )
}

/// A record statement at word `i`: "voted against the resolution", "vetoed the bill",
/// "ratified the treaty". Returns the last token of the match.
pub(super) fn record_statement(s: &SentenceView, i: usize) -> Option<usize> {
    let word = s.word(i);
    // "I have never supported quotas", "they've never endorsed a candidate": a negated record is
    // as checkable as the record; the subject is before "never".
    let previous = match i {
        0 => "",
        1 => s.word(0),
        _ if s.word(i - 1) == "never" => s.word(i - 2),
        _ => s.word(i - 1),
    };
    if blocks_finite(previous) {
        return passive_outcome(s, i);
    }
    if word == "voted" {
        return match s.word(i + 1) {
            "for" | "against" | "with" => Some(i + 1),
            "to" if s.is_word(i + 2) => Some(i + 1),
            "in" if s.word(i + 2) == "favor" || s.word(i + 2) == "favour" => Some(i + 2),
            _ => None,
        };
    }
    if word == "vetoed" {
        return Some(i);
    }
    // "Hungary supported the proposal", "Russia annexed Crimea": a finite verb after its
    // subject, with an object (not "supported by", a passive).
    if ACTION_VERBS.contains(&word) {
        // "Moscow dismissed the allegations as hysteria": dismissing a charge is the subject's
        // reply, reported by naming who replied (like "denied"); "dismissed the minister" is an
        // act of office and stays a record statement.
        if word == "dismissed" && dismisses_a_claim(s, i + 1) {
            return None;
        }
        let next = s.word(i + 1);
        let has_object = s.is_word(i + 1)
            && !matches!(
                next,
                "by" | "that" | "and" | "or" | "in" | "on" | "for" | "to" | "as" | "with" | "at"
            );
        // "I've appointed prosecutors", "we sent the fleet": a speaker's own acts are told, not
        // reported; "Russia sent troops" reports.
        let first_person = matches!(
            previous,
            "i" | "i've" | "we" | "we've" | "you" | "you've" | "i'd" | "we'd"
        ) || (matches!(previous, "have" | "has" | "had")
            && i > 1
            && matches!(s.word(i - 2), "i" | "we" | "you"));
        if i > 0
            && s.is_word(i - 1)
            && !is_preposition(previous)
            // "complicates any negotiated settlement", "no negotiated deal": after a
            // determiner the participle is an adjective of the noun, not a finite verb.
            && !matches!(
                previous,
                "about"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "any"
                    | "no"
                    | "every"
                    | "each"
                    | "these"
                    | "those"
                    | "such"
            )
            && has_object
            && !first_person
        {
            return Some(i + 1);
        }
        return None;
    }
    // "he proposed a tax credit": a person's proposal is a position on the record; a body's
    // ("the committee proposed $6 billion", "the budget request proposed moving") states its
    // plan, the document's subject rather than a claim.
    if word == "proposed" && i > 0 {
        return (personal_subject(s, i)
            && s.is_word(i + 1)
            && !matches!(s.word(i + 1), "to" | "that" | "by"))
        .then_some(i + 1);
    }
    // "I opposed the grain embargo", "he supported amnesty", "they endorsed the plan": a
    // position on the record, after its subject and with its object; not a participle after a
    // determiner or a preposition ("the proposed budget", "projects supported through the act").
    if POSITION_VERBS.contains(&word)
        && i > 0
        && s.is_word(i - 1)
        && !is_preposition(previous)
        && !is_object_filler(previous)
        && s.is_word(i + 1)
        && !matches!(
            s.word(i + 1),
            "by" | "that"
                | "and"
                | "or"
                | "in"
                | "on"
                | "for"
                | "to"
                | "as"
                | "with"
                | "at"
                | "through"
                | "under"
                | "from"
        )
    {
        return Some(i + 1);
    }
    if RECORD_VERBS.contains(&word) {
        // A finite verb after its subject: not a participle after a preposition or a comma.
        if i == 0 || !s.is_word(i - 1) || is_preposition(previous) {
            return None;
        }
        // An agreement named by its acronym: "signed NAFTA", "ratified START".
        // (`is_word` first: the verb may be the sentence's last token.)
        if s.is_word(i + 1)
            && (3..=6).contains(&s.text(i + 1).len())
            && s.text(i + 1).bytes().all(|b| b.is_ascii_uppercase())
        {
            return Some(i + 1);
        }
        // The instrument within a few words: "passed a decent civil rights bill", "passed a
        // federal aid to education bill".
        let mut j = i + 1;
        while j < s.len() && j <= i + 7 {
            let w = s.word(j);
            if LEGISLATION.contains(&w) {
                return Some(j);
            }
            // "projects supported through the act": a participle with its complement.
            if !s.is_word(j) || is_preposition(w) || w == "through" {
                return None;
            }
            j += 1;
        }
    }
    None
}

/// An outcome stated in the passive after a finite past form of "be": "it was killed in the
/// Rules Committee", "eleven of them have been overridden", "18 Americans were killed". Not
/// after "be", "being", "is" or a modal ("should be repealed", "has to be repealed", "is
/// passed"), not a phrasal verb ("passed on to the next generation"), not a question ("have we
/// been defeated?" is left to `is_assertion`). `i` is the participle; returns its token.
fn passive_outcome(s: &SentenceView, i: usize) -> Option<usize> {
    let word = s.word(i);
    if !OUTCOME_VERBS.contains(&word) || i < 2 {
        return None;
    }
    // "was never passed", "were not killed".
    let aux = if matches!(s.word(i - 1), "never" | "not") {
        i - 2
    } else {
        i - 1
    };
    let finite = match s.word(aux) {
        "was" | "were" => true,
        // "have been", "that's been", "has not been", "hasn't been", "has never been".
        "been" => {
            // Not a modal perfect: "should have been repealed", "would not have been passed".
            let modal = |k: usize| {
                k > 0
                    && matches!(
                        s.word(k - 1),
                        "should"
                            | "would"
                            | "could"
                            | "must"
                            | "might"
                            | "may"
                            | "will"
                            | "to"
                            | "not"
                            | "never"
                    )
            };
            let perfect = |k: usize| {
                (matches!(
                    s.word(k),
                    "has" | "have" | "had" | "hasn't" | "haven't" | "hasn’t" | "haven’t"
                ) || s.word(k).ends_with("'s")
                    || s.word(k).ends_with("’s"))
                    && !modal(k)
            };
            aux > 0
                && (perfect(aux - 1)
                    || (aux > 1 && matches!(s.word(aux - 1), "not" | "never") && perfect(aux - 2)))
        }
        _ => false,
    };
    // "the son whose family was killed" is told, not asserted; "passed on", "passed down".
    // "it was confirmed that…": an impersonal report, not an outcome.
    let phrasal = matches!(
        s.word(i + 1),
        "on" | "down" | "over" | "along" | "around" | "off" | "out" | "up" | "through" | "that"
    );
    let relative = (aux.saturating_sub(3)..aux).any(|k| s.word(k) == "whose");
    (finite && !phrasal && !relative).then_some(i)
}

/// A negated record in the perfect, with a subject other than the speaker, the listener or
/// "they": "Social Security has never done that", "a president who hasn't met with the Black
/// Caucus", "Senator Obama has never taken on his party", "he has not paid a penny". What
/// someone has not done is as checkable as what they did. Not a modal perfect ("should have
/// never left"), not a state or a perception ("has never been more ready", "hasn't seen"), not
/// a narrating or reporting verb ("has never traveled", "hasn't said"), not "worked" (a
/// judgement: "it hasn't worked") or a steadfastness ("has never wavered in his stance"), not a
/// false start ("he has never held —"). `i` is "never", "not" or "hasn't"; returns the participle.
pub(super) fn negated_perfect(s: &SentenceView, i: usize) -> Option<usize> {
    let word = s.word(i);
    // Only the present perfect: "the mother had not aborted the child" narrates.
    let contracted = matches!(word, "hasn't" | "haven't" | "hasn’t" | "haven’t");
    let aux = if contracted {
        i
    } else {
        let aux = i.checked_sub(1)?;
        if !matches!(s.word(aux), "has" | "have") {
            return None;
        }
        aux
    };
    let subject = aux.checked_sub(1)?;
    if !s.is_word(subject)
        || matches!(
            s.word(subject),
            "i" | "we"
                | "you"
                | "they"
                | "should"
                | "would"
                | "could"
                | "must"
                | "might"
                | "may"
                | "will"
                | "to"
                | "not"
        )
    {
        return None;
    }
    // "hasn't yet met", "has not ever paid".
    let mut p = i + 1;
    if matches!(s.word(p), "yet" | "ever" | "once" | "even") {
        p += 1;
    }
    let participle = s.word(p);
    let regular = participle.len() > 4
        && participle.ends_with("ed")
        && !participle.ends_with("eed")
        && !super::dated::is_narrative(participle)
        && !matches!(
            participle,
            "worked"
                | "decided"
                | "needed"
                | "wanted"
                | "wavered"
                | "faltered"
                | "hesitated"
                | "flinched"
        );
    // "have not made that their first priority": a priority set is a stance, not an act.
    let priority = participle == "made"
        && (p + 1..(p + 5).min(s.len())).any(|k| matches!(s.word(k), "priority" | "priorities"));
    // "he has never held —": a false start states nothing.
    (s.is_word(p)
        && s.is_word(p + 1)
        && !s.is_capitalized(p)
        && !priority
        && (regular || PARTICIPLES.contains(&participle)))
    .then_some(p)
}

/// The subject of the verb at `i` is a personal pronoun, directly or before a perfect
/// auxiliary: "he proposed", "I have proposed", "she's supported".
pub(super) fn personal_subject(s: &SentenceView, i: usize) -> bool {
    let personal = |w: &str| {
        matches!(
            w,
            "i" | "we"
                | "he"
                | "she"
                | "they"
                | "you"
                | "he's"
                | "she's"
                | "i've"
                | "we've"
                | "they've"
                | "you've"
        )
    };
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    personal(previous)
        || (matches!(previous, "has" | "have" | "had") && i > 1 && personal(s.word(i - 2)))
}

/// The verbs of change that take a measured subject or object, with their particles
/// ("gone up", "came down").
fn change_verb_end(s: &SentenceView, i: usize, change_verbs: &FastSet<&str>) -> Option<usize> {
    let word = s.word(i);
    match word {
        "gone" | "went" | "come" | "came" | "going" | "coming" => {
            matches!(s.word(i + 1), "up" | "down").then_some(i + 1)
        }
        "risen" | "fallen" | "grown" | "shrunk" | "rising" | "falling" | "growing"
        | "shrinking" | "declining" | "increasing" | "decreasing" | "soaring" | "plummeting" => {
            Some(i)
        }
        _ => change_verbs.contains(&word).then_some(i),
    }
}

/// A measured change at word `i`: a change verb with a measurable subject just before it
/// ("the deficit doubled", "wages have gone down") or a measurable object just after it ("cut
/// taxes", "lost manufacturing jobs"). Returns the last token of the match.
pub(super) fn measured_change(
    s: &SentenceView,
    i: usize,
    change_verbs: &FastSet<&str>,
) -> Option<usize> {
    let end = change_verb_end(s, i, change_verbs)?;
    let word = s.word(i);
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    let progressive = word.ends_with("ing");
    // "is rising" and "are going up" are statements; "to rise" and "the reduced budget" are not.
    if progressive {
        if !matches!(
            previous,
            "is" | "are" | "was" | "were" | "been" | "keeps" | "kept"
        ) {
            return None;
        }
    } else if blocks_finite(previous) && !matches!(word, "gone" | "risen" | "fallen" | "grown") {
        return None;
    }
    // "cut" is as often a noun ("a tax cut") or an infinitive ("must cut spending") as a past
    // tense: only after a subject pronoun or a perfect auxiliary.
    let after_subject =
        matches!(
            previous,
            "he" | "she"
                | "they"
                | "we"
                | "it"
                | "who"
                | "has"
                | "have"
                | "had"
                | "he's"
                | "she's"
                | "they've"
                | "we've"
        ) || (i >= 2 && s.is_word(i - 1) && matches!(s.word(i - 2), "the" | "its" | "their"));
    if word == "cut" && !after_subject {
        return None;
    }
    // Subject: a measure within the six words before the verb (past auxiliaries and
    // adverbs), not across a comma or a clause boundary.
    // Verbs that need an object ("created", "lost") read as participles after a bare noun
    // ("jobs created or retained"): only those that can stand alone take a subject here.
    let intransitive = !matches!(
        word,
        "cut"
            | "slashed"
            | "raised"
            | "boosted"
            | "reduced"
            | "lowered"
            | "hiked"
            | "lost"
            | "gained"
            | "created"
            | "eliminated"
            | "killed"
            | "destroyed"
            | "displaced"
            | "caused"
            | "triggered"
            | "sparked"
            | "prompted"
            | "fueled"
            | "fuelled"
            | "drove"
            | "led"
            | "contributed"
            | "resulted"
            | "voted"
    );
    let from = if intransitive { i.saturating_sub(6) } else { i };
    for j in (from..i).rev() {
        let w = s.word(j);
        if !s.is_word(j) {
            break;
        }
        if MEASURES.contains(&w) || w.ends_with("'s") && MEASURES.contains(&&w[..w.len() - 2]) {
            return Some(end);
        }
        if matches!(
            w,
            "that"
                | "which"
                | "who"
                | "and"
                | "but"
                | "if"
                | "when"
                | "because"
                | "since"
                | "after"
                | "before"
                | "while"
                | "although"
                | "though"
                | "despite"
                | "amid"
                | "as"
                | "than"
        ) {
            break;
        }
    }
    // Object: a measure right after the verb, past determiners and modifiers; not for verbs
    // that take no object.
    if progressive || end != i || i == 0 || !s.is_word(i - 1) || is_preposition(previous) {
        return None;
    }
    let mut j = i + 1;
    while j < s.len() && j <= i + 4 {
        let w = s.word(j);
        if MEASURES.contains(&w) {
            return Some(j);
        }
        // Determiners and modifiers ("fuel subsidies", "the income tax"), not a clause.
        let modifier = s.is_word(j)
            && !s.is_capitalized(j)
            && !is_preposition(w)
            && !matches!(
                w,
                "to" | "that" | "which" | "who" | "but" | "than" | "so" | "if"
            );
        if !is_object_filler(w) && !modifier {
            return None;
        }
        j += 1;
    }
    None
}

/// A perfect change of level, whatever its subject: "the number of uninsured has now gone up",
/// "bankruptcies have gone up", "it's come down by that amount". `i` is "gone" or "come";
/// returns the token of "up" or "down". Not motion or an idiom: "gone down there", "come down
/// hard on", "gone down that road", "come up with".
pub(super) fn perfect_level_change(s: &SentenceView, i: usize) -> Option<usize> {
    if !matches!(s.word(i), "gone" | "come") || !matches!(s.word(i + 1), "up" | "down") {
        return None;
    }
    let mut aux = i.checked_sub(1)?;
    if matches!(
        s.word(aux),
        "now" | "already" | "also" | "actually" | "just" | "steadily" | "sharply"
    ) {
        aux = aux.checked_sub(1)?;
    }
    let perfect = matches!(
        s.word(aux),
        "has" | "have" | "had" | "it's" | "it’s" | "they've" | "they’ve"
    );
    let after = s.word(i + 2);
    let idiom = matches!(
        after,
        "there"
            | "here"
            | "with"
            | "on"
            | "hard"
            | "the"
            | "a"
            | "an"
            | "that"
            | "this"
            | "into"
            | "onto"
            | "against"
    ) || (after == "to" && !s.is_number(i + 3))
        || s.is_capitalized(i + 2);
    (perfect && !idiom).then_some(i + 1)
}

/// A change stated as a noun with an existential or experiential verb: "there has been an
/// increase in poverty", "we had a substantial increase in new permits", "we've had a drop in
/// growth", "the region saw a sharp rise in". `i` is the noun, followed by "in"; returns the
/// token of "in". Not a plan or a hope ("we need an increase in"), which has no such verb.
pub(super) fn noun_change(s: &SentenceView, i: usize) -> Option<usize> {
    if s.word(i + 1) != "in" {
        return None;
    }
    // The determiner, past up to two modifiers: "a substantial increase", "no spending
    // increase".
    let determiner = (i.saturating_sub(3)..i)
        .rev()
        .take_while(|&k| s.is_word(k))
        .find(|&k| matches!(s.word(k), "a" | "an" | "no"))?;
    if (determiner + 1..i).any(|k| s.is_capitalized(k) || is_preposition(s.word(k))) {
        return None;
    }
    let verb = determiner.checked_sub(1)?;
    let before = if verb > 0 { s.word(verb - 1) } else { "" };
    let stated = match s.word(verb) {
        // "there has been", "there was"; not in a relative clause ("the places where there has
        // been an increase in funding").
        "been" => {
            matches!(before, "has" | "have" | "had")
                && verb >= 2
                && s.word(verb - 2) == "there"
                && !(verb >= 3 && matches!(s.word(verb - 3), "where" | "which" | "that"))
        }
        "was" | "were" => {
            before == "there"
                && !(verb >= 2 && matches!(s.word(verb - 2), "where" | "which" | "that"))
        }
        "had" => matches!(
            before,
            "we" | "they" | "has" | "have" | "we've" | "they've" | "it" | "country"
        ),
        "seen" => matches!(before, "has" | "have" | "had" | "we've" | "they've"),
        "saw" | "experienced" | "suffered" | "recorded" => s.is_word(verb - 1),
        _ => false,
    };
    stated.then_some(i + 1)
}

/// A measure stated as up or down: "family income is down", "our exports are dramatically
/// up". `i` is "up" or "down"; returns the first token of the match (the verb "be").
pub(super) fn measured_level(s: &SentenceView, i: usize) -> Option<usize> {
    let mut verb = i.checked_sub(1)?;
    // One adverb: "sharply down", "way up".
    if s.word(verb).ends_with("ly") || s.word(verb) == "way" {
        verb = verb.checked_sub(1)?;
    }
    if !matches!(s.word(verb), "is" | "are" | "was" | "were") {
        return None;
    }
    // The measure within four words before the verb, in the same clause.
    for j in (verb.saturating_sub(4)..verb).rev() {
        let w = s.word(j);
        if !s.is_word(j) {
            break;
        }
        if MEASURES.contains(&w) {
            return Some(verb);
        }
        if matches!(
            w,
            "that" | "which" | "who" | "and" | "but" | "if" | "when" | "because"
        ) {
            break;
        }
    }
    None
}

/// A comparison with the past or with all others: "than any other", "than at any time",
/// "fewer ships than we did in 1916", "less now than it was in 1968". `than` is word `i`.
pub(super) fn comparison(s: &SentenceView, i: usize) -> Option<usize> {
    // "rather than" contrasts, it does not compare.
    if i == 0 || s.word(i - 1) == "rather" {
        return None;
    }
    let next = s.word(i + 1);
    match next {
        "any" | "ever" => return Some(i + 1),
        "at" | "in" if s.word(i + 2) == "any" => return Some(i + 2),
        _ => {}
    }
    // "than all the presidents from Washington to Carter combined", "than in the previous
    // twenty years", "than any administration in history": a comparison with the whole record,
    // within the same clause.
    for k in i + 1..(i + 12).min(s.len()) {
        let w = s.word(k);
        if !s.is_word(k) && !s.is_number(k) {
            break;
        }
        // "than in the previous three years", "than any previous administration"; not "than the
        // previous draft".
        if (w == "previous" && is_period(s, k + 1))
            || matches!(w, "combined" | "predecessors")
            || (w == "together" && s.word(k - 1) == "put")
            || (w == "history"
                && (matches!(s.word(k - 1), "in" | "our" | "american")
                    || (s.word(k - 1) == "the" && s.word(k - 2) == "in")))
        {
            return Some(k);
        }
    }
    // "than in 2019", "than it was in 1968", "than we did a year ago": a past reference after
    // the comparison.
    let mut j = i + 1;
    if matches!(
        next,
        "it" | "they" | "we" | "he" | "she" | "there" | "those" | "that"
    ) {
        if !matches!(
            s.word(i + 2),
            "was" | "were" | "did" | "had" | "has" | "have" | "used"
        ) {
            return None;
        }
        j = i + 3;
        // "than it has been since 1949", "than it's been in 40 years".
        if s.word(j) == "been" {
            j += 1;
        }
        // A past state, without a date: "smaller than it was.", "better protected than they
        // were when I was governor", "than it was under the previous government".
        let past = matches!(s.word(i + 2), "was" | "were" | "did" | "had");
        if past && (!s.is_word(j) || matches!(s.word(j), "when" | "before" | "under")) {
            return Some(j - 1);
        }
        // "than they were making ten years ago".
        if past && s.is_word(j) && s.word(j).ends_with("ing") {
            j += 1;
        }
    } else if matches!(next, "it's" | "they've" | "we've") && s.word(i + 2) == "been" {
        j = i + 3;
    }
    for k in j..(j + 5).min(s.len()) {
        let w = s.word(k);
        // "than we did before the surge", "than they have in the past"; a bare "stronger than
        // before" is as often a hope as a record.
        if s.is_number(k)
            || w == "ago"
            || (w == "before" && k > i + 1)
            || (w == "past" && s.word(k - 1) == "the")
            || (matches!(w, "last" | "previous") && is_period(s, k + 1))
        {
            return Some(k);
        }
        let time_word = matches!(
            w,
            "in" | "at"
                | "during"
                | "since"
                | "before"
                | "the"
                | "a"
                | "an"
                | "just"
                | "only"
                | "year"
                | "years"
                | "decade"
                | "decades"
                | "month"
                | "months"
        ) || NUMBER_WORDS.contains(&w);
        if !time_word {
            return None;
        }
    }
    None
}

/// Word `k` names a period or a term of office, after "last" or "previous": "last year", "the
/// previous three years", "any previous administration"; not "the previous draft".
fn is_period(s: &SentenceView, k: usize) -> bool {
    s.is_number(k)
        || NUMBER_WORDS.contains(&s.word(k))
        || matches!(
            s.word(k),
            "year"
                | "years"
                | "month"
                | "months"
                | "quarter"
                | "quarters"
                | "week"
                | "weeks"
                | "decade"
                | "decades"
                | "century"
                | "time"
                | "administration"
                | "administrations"
                | "government"
                | "governments"
                | "congress"
                | "term"
                | "record"
                | "peak"
                | "summer"
                | "winter"
                | "spring"
                | "autumn"
                | "fall"
        )
}

/// A historical first: "the first president to", "the first country in 30 years", "the only
/// member state to". `first` is word `i`.
pub(super) fn historical_first(s: &SentenceView, i: usize) -> Option<usize> {
    if i == 0 || !matches!(s.word(i - 1), "the" | "first") {
        return None;
    }
    let noun = i + 1;
    // "the first in the history of the Navy", "the first in our history".
    if s.word(noun) == "in"
        && (matches!(s.word(noun + 1), "history" | "our" | "american")
            || (s.word(noun + 1) == "the" && s.word(noun + 2) == "history"))
    {
        return Some(noun + 1);
    }
    // "the first president to": an agent noun, not a verb ("the first aims to").
    let agent = s.word(noun);
    if !s.is_word(noun) || matches!(agent, "time" | "step" | "and" | "of" | "to") {
        return None;
    }
    // "the first ones to put sanctions on": "ones" stands for the agent.
    let singular = !agent.ends_with('s') || agent.ends_with("ss") || agent == "ones";
    // One or two nouns: "the first president", "the first candidate country".
    for head in [noun, noun + 1] {
        let found = match s.word(head + 1) {
            "ever" | "since" => Some(head + 1),
            "in" if s.is_number(head + 2)
                || NUMBER_WORDS.contains(&s.word(head + 2))
                || matches!(s.word(head + 2), "history" | "a" | "the" | "our" | "over") =>
            {
                Some(head + 2)
            }
            "to" if singular && s.is_word(head + 2) => Some(head + 2),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        if !s.is_word(head + 1) {
            break;
        }
    }
    None
}

/// "two-thirds of", "a third of the budget", "nine out of ten". Returns the last token.
pub(super) fn fraction(s: &SentenceView, i: usize) -> Option<usize> {
    let word = s.word(i);
    if FRACTIONS.contains(&word) {
        // "in fifty-two" is a year, "twenty-four hours a day" a span.
        let previous = if i > 0 { s.word(i - 1) } else { "" };
        let compound =
            !word.starts_with("one-") && !word.starts_with("two-") && !word.starts_with("three-");
        // A capitalised number inside a sentence is part of a title ("A Twenty-Five Year
        // Journey").
        if compound
            && (matches!(previous, "in" | "of" | "since" | "until" | "by")
                || (i > 0 && s.is_capitalized(i) && s.is_word(i - 1))
                || !is_count(s, i))
        {
            return None;
        }
        return Some(i);
    }
    match word {
        "third" | "quarter" | "fifth" | "tenth" if i > 0 && s.word(i - 1) == "a" => {
            (s.word(i + 1) == "of").then_some(i + 1)
        }
        "out" if s.word(i + 1) == "of" && i > 0 && (s.is_number(i - 1) || s.is_word(i - 1)) => {
            let count = s.word(i - 1);
            let is_count = s.is_number(i - 1)
                || matches!(
                    count,
                    "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine"
                );
            let total = s.word(i + 2);
            (is_count
                && (s.is_number(i + 2)
                    || total == "every"
                    || NUMBER_WORDS.contains(&total)
                    || total == "ten"))
                .then_some(i + 2)
        }
        _ => None,
    }
}

/// A stance of a named or personal subject: "President Clinton opposes term limits", "he
/// endorses the plan", "I was against the war", "my opponent was against that". `i` is a stance
/// verb or "against" after a form of "be". Not in a relative clause that names the thing by the
/// stance ("the agreement that Senator Obama opposes"), not without an object ("forces that are
/// against you" has a pronoun subject). Returns the token after `i`.
pub(super) fn stance(s: &SentenceView, i: usize) -> Option<usize> {
    let word = s.word(i);
    let next = s.word(i + 1);
    // "was against that", "is against it": a pronoun object names what was said before.
    let pronoun_object = word == "against" && matches!(next, "that" | "it" | "this" | "them");
    if !s.is_word(i + 1)
        || (!pronoun_object
            && matches!(
                next,
                "that" | "to" | "by" | "and" | "or" | "in" | "on" | "for" | "as" | "with" | "at"
            ))
    {
        return None;
    }
    let mut subject = i.checked_sub(1)?;
    if word == "against" {
        // "was against", "has been against".
        if !matches!(
            s.word(subject),
            "was" | "were" | "is" | "are" | "am" | "been"
        ) {
            return None;
        }
        if s.word(subject) == "been" {
            subject = subject.checked_sub(1)?;
        }
        subject = subject.checked_sub(1)?;
    }
    // One adverb: "now opposes", "was always against".
    if s.word(subject).ends_with("ly")
        || matches!(s.word(subject), "also" | "now" | "still" | "always")
    {
        subject = subject.checked_sub(1)?;
    }
    let named = matches!(
        s.word(subject),
        "he" | "she" | "i" | "opponent" | "president" | "governor" | "senator"
    ) || (subject > 0 && s.is_word(subject) && s.is_capitalized(subject));
    // "the agreement that Senator Obama opposes": the stance names the thing.
    let relative = (subject.saturating_sub(2)..subject)
        .any(|k| matches!(s.word(k), "that" | "which" | "whom"));
    (named && !relative).then_some(i + 1)
}

/// A personal stance stated with "for" or "in favor of": "He is for registration of guns", "he
/// was for the invasion of Iraq", "she's in favor of defunding the agency". Like "was against"
/// (see `stance`), a stance of "he" or "she" is on the record; the speaker's own ("I'm for
/// clean water") is a platform, and "he is for you", "she is for sure", "he was for a time" are
/// no stance. `first` is the first personal subject (see `first_personal_subject`). Returns the
/// range of "for" (or "in favor of") and the next word.
pub(super) fn stance_for(s: &SentenceView, first: usize) -> Option<(usize, usize)> {
    super::dated::personal_subjects(s, first).find_map(|k| {
        // "he's for", "he is for", "he was always for".
        let mut i = k + 1;
        if matches!(s.word(k), "he" | "she") {
            if !matches!(s.word(i), "is" | "was") {
                return None;
            }
            i += 1;
        }
        if matches!(
            s.word(i),
            "not" | "always" | "also" | "now" | "still" | "never"
        ) {
            i += 1;
        }
        let end = match s.word(i) {
            "for" => i + 1,
            "in" if matches!(s.word(i + 1), "favor" | "favour") && s.word(i + 2) == "of" => i + 3,
            _ => return None,
        };
        let object = s.is_word(end)
            && !matches!(
                s.word(end),
                "me" | "you"
                    | "us"
                    | "them"
                    | "him"
                    | "her"
                    | "it"
                    | "this"
                    | "that"
                    | "sure"
                    | "real"
                    | "example"
                    | "instance"
                    | "now"
                    | "once"
                    | "ever"
                    | "a"
                    | "an"
                    | "years"
                    | "months"
                    | "weeks"
                    | "days"
            );
        object.then_some((i, end))
    })
}

/// A negated act in the simple past of a named or personal subject: "Iran did not participate",
/// "he didn't fund No Child Left Behind", "the President of the United States did not order
/// the marines into that barracks". What a named actor did not do is as checkable as what they
/// did. Not the speaker's, the listener's or "they"'s, not verbs of thought, perception, speech
/// or seeming ("he didn't know", "she didn't mention", "he didn't seem"). `i` is "didn't" or the
/// "not" of "did not"; returns the verb.
pub(super) fn negated_past(s: &SentenceView, i: usize) -> Option<usize> {
    let did = match s.word(i) {
        "didn't" | "didn’t" => i,
        "not" if i > 0 && s.word(i - 1) == "did" => i - 1,
        _ => return None,
    };
    let subject = did.checked_sub(1)?;
    let named = matches!(s.word(subject), "he" | "she")
        || (subject > 0
            && s.is_word(subject)
            && s.is_capitalized(subject)
            && s.word(subject) != "i");
    // "in terms of why he didn't take action": an embedded question asks, it states nothing.
    let asked = subject > 0
        && matches!(
            s.word(subject - 1),
            "why" | "whether" | "if" | "how" | "when" | "what" | "unless"
        );
    let verb = i + 1;
    let act = s.is_word(verb)
        && !s.is_capitalized(verb)
        && !matches!(
            s.word(verb),
            "say"
                | "know"
                | "think"
                | "want"
                | "like"
                | "understand"
                | "have"
                | "see"
                | "mean"
                | "get"
                | "do"
                | "go"
                | "tell"
                | "believe"
                | "need"
                | "care"
                | "ask"
                | "try"
                | "feel"
                | "expect"
                | "seem"
                | "mention"
                | "comment"
                | "answer"
                | "even"
                | "really"
                | "just"
                | "always"
                | "necessarily"
                | "realize"
                | "hear"
                | "talk"
                | "speak"
                | "respond"
                | "reply"
                | "address"
                | "discuss"
                | "agree"
                | "notice"
                | "make"
                | "come"
                | "stay"
                | "hold"
                | "call"
        );
    (named && act && !asked).then_some(verb)
}
