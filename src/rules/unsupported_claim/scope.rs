//! What is not a claim to source: judgements, forecasts, plans and promises, and sentences
//! whose figure comes from a named source.

use std::cell::{Cell, OnceCell};
use std::sync::LazyLock;

use super::super::lexicon::word_file;
use super::super::sentence::SentenceView;
use crate::actors::ActorKind;
use crate::fast_hash::FastSet;

use super::super::lexicon::LEXICON;
use super::super::lexicon::{WEEKDAYS, is_month};

/// Words that mark an analytic judgement or a hedged forecast: such a sentence is never an
/// unsupported claim, whatever it contains. (A `match`, not a set: it is asked of every word
/// of every sentence with a trigger, and most words fail at their length.)
fn is_judgement(word: &str) -> bool {
    matches!(
        word,
        "likely"
            | "unlikely"
            | "probably"
            | "possibly"
            | "perhaps"
            | "maybe"
            | "probable"
            | "improbable"
            | "assess"
            | "assesses"
            | "judge"
            | "judges"
            | "forecast"
            | "forecasts"
            | "projected"
            | "predicted"
            | "predicts"
    )
}

/// Words that mark an opinion or an expectation: they rule out the softer triggers
/// (superlatives, verbs of change, acts) anywhere in the sentence, but not a stated figure,
/// which stays checkable.
fn is_opinion(word: &str) -> bool {
    matches!(word, "believe" | "think" | "feel" | "expect" | "expects")
}

/// Modals and conditions: they rule out the softer triggers in their own clause ("he vetoed
/// the tax cut because it would be paid for by…" still states the veto).
const MODALS: [&str; 7] = ["would", "could", "may", "might", "can", "if", "unless"];

/// Base forms that open a plan's list item as imperatives ("Invest $4.4 billion…"). Source:
/// the action verbs of government fact sheets and programme announcements.
const PLAN_IMPERATIVES: [&str; 16] = [
    "invest",
    "provide",
    "deliver",
    "expand",
    "launch",
    "create",
    "build",
    "fund",
    "establish",
    "hire",
    "train",
    "increase",
    "reduce",
    "cut",
    "raise",
    "give",
];

/// Word `i` marks a plan, a promise or a proposal: "will", "going to", "let's", "we'll", "want
/// to", "plans to", "propose that", "intend to", "promise to", "pledge to", "the proposed…". A
/// figure in a plan ("we will invest $5 billion") is a promise, not a claim about the world.
fn is_intent_word(s: &SentenceView, i: usize) -> bool {
    let word = s.word(i);
    let next = s.word(i + 1);
    // An imperative opening a fact sheet's list item: "Invest $4.4 Billion to Surge Public
    // Health Staffing", "Provide $1 million in grants".
    // (The cheapest test first: most words have a word before them.)
    if (0..i).all(|j| !s.is_word(j)) && PLAN_IMPERATIVES.contains(&word) && s.is_capitalized(i) {
        return true;
    }
    match word {
        // "going to Bermuda", "going to the states" move money or people; "going to cut" plans.
        "going" => {
            next == "to"
                && !matches!(s.word(i + 2), "the" | "a" | "an" | "their" | "its")
                && !s.is_capitalized(i + 2)
                && !s.is_number(i + 2)
        }
        // "he proposed a tax credit" states a position on the record; "the proposed budget",
        // "the committee proposed" a plan.
        // "than the budget that the Bush administration proposed.": a relative clause that
        // ends on the proposal names the thing proposed, it plans nothing.
        "proposed" => {
            !super::record::personal_subject(s, i) && !matches!(s.word(i + 1), "" | "." | "," | ";")
        }
        "plan" | "plans" | "want" | "wants" | "intend" | "intends" | "propose" | "proposes"
        | "proposing" | "promise" | "pledge"
            if next == "to" || next == "that" =>
        {
            true
        }
        // "The EU wants a 90% emissions cut by 2040": a state's or a body's target; a
        // person's ("Romney wants a $5 trillion tax cut") is their platform on the record.
        "want" | "wants" => {
            i > 0
                && matches!(
                    s.mention_kind(i - 1),
                    Some(ActorKind::State | ActorKind::Organization | ActorKind::Government)
                )
                && pledges_amount(s, i + 1)
        }
        "plan" | "plans" | "intend" | "intends" | "propose" | "proposes" | "proposing"
        | "promise" | "pledge" => false,
        // "is planned to occur by 2028", "is scheduled to open": a timetable is a plan.
        "planned" | "scheduled" => next == "to",
        // "Artemis IV is to be the first landing since 1972", "observers are to be deployed":
        // "be" to come is a plan.
        "to" => next == "be" && matches!(s.word(i.wrapping_sub(1)), "is" | "are"),
        // "Germany pledged an additional €200 million", "the fund promises $5 million": an
        // amount pledged is a commitment, like "will provide"; not "he pledged $5 billion",
        // another person's platform on the record (see `third_person_intent`).
        "pledged" | "pledges" | "promised" | "promises" => {
            next == "to"
                || next == "that"
                || (!matches!(s.word(i.wrapping_sub(1)), "he" | "she") && pledges_amount(s, i + 1))
        }
        // "will", "let's", "we'll": a promise whatever follows.
        _ => matches!(word, "will" | "let's") || word.ends_with("'ll") || word.ends_with("’ll"),
    }
}

/// An amount pledged starts at word `i`: "$5 million", "an additional €200 million", "up to
/// 5,000 troops", "another 300 generators".
fn pledges_amount(s: &SentenceView, i: usize) -> bool {
    let mut k = i;
    while k < i + 3
        && matches!(
            s.word(k),
            "a" | "an"
                | "another"
                | "additional"
                | "further"
                | "extra"
                | "new"
                | "up"
                | "to"
                | "nearly"
                | "about"
                | "around"
                | "some"
                | "more"
                | "than"
                | "over"
                | "almost"
        )
    {
        k += 1;
    }
    s.is_number(k) || matches!(s.word(k), "$" | "€" | "£" | "¥")
}

/// Word `j` marks the speaker's own plan. A plan in the clause of a trigger makes it no claim:
/// "I want to make sure we get that for the record" marks intent, but not the figure after
/// "because it took the president 14 days". Clauses end at the conjunctions that start a reason
/// or a contrast; not at colons, dashes or semicolons, which go on with the plan ("will provide
/// support: $1 million in grants; and train 1,880 health workers").
fn is_intent_at(s: &SentenceView, j: usize) -> bool {
    is_intent_word(s, j)
        && !third_person_intent(s, j)
        && !is_projected_effect(s, j)
        && !is_speech_act(s, j)
}

/// The plan word at `j` announces what the speaker is about to say, not what they will do:
/// "let's be clear: earmarks account for $18 billion", "I'll tell you, she destroyed 33,000
/// e-mails", "I want to point out that…". The figure that follows is stated, not promised.
/// ("let's move a million people from welfare to work" and "I'll give you a tax cut" still plan.)
fn is_speech_act(s: &SentenceView, j: usize) -> bool {
    let word = s.word(j);
    // The verb after the plan word: "will tell", "want to say", "going to point", "let's be".
    let mut k = match word {
        "want" | "wants" | "going" => j + 2,
        _ => j + 1,
    };
    if word != "let's" && s.word(j + 1) == "to" && !matches!(word, "want" | "wants" | "going") {
        return false;
    }
    while matches!(s.word(k), "just" | "also" | "only" | "simply" | "first") {
        k += 1;
    }
    let verb = s.word(k);
    let speech = matches!(
        verb,
        "say"
            | "tell"
            | "point"
            | "remind"
            | "repeat"
            | "admit"
            | "concede"
            | "mention"
            | "note"
            | "stress"
            | "emphasize"
            | "emphasise"
            | "underline"
    ) || (verb == "make" && (s.word(k + 1) == "clear" || s.word(k + 2) == "clear"))
        // "I'll add that…" speaks; "I'm going to add 40,000 troops" plans.
        || (verb == "add" && matches!(s.word(k + 1), "that" | "," | ":"));
    if word == "let's" {
        // "let's be clear", "let's put it this way", "let's take a family making $30,000",
        // "let's look at the record", "let's see what we've done for Poland".
        return speech
            || (verb == "be" && matches!(s.word(k + 1), "clear" | "honest" | "frank" | "fair"))
            || (verb == "put" && s.word(k + 1) == "it")
            || (verb == "take"
                && matches!(s.word(k + 1), "a" | "an" | "the")
                && s.word(k + 2) != "lead")
            || matches!(
                verb,
                "see" | "look" | "remember" | "recall" | "face" | "talk"
            );
    }
    speech
}

/// Verbs of what a measure will cost or do, counted (see the data file).
static FORECAST_VERBS: LazyLock<FastSet<&str>> = word_file!("claim-forecast-verbs");

/// "will" or "going to" before a verb of cost or effect, with a subject other than the speaker:
/// "it will cost $4 billion a year", "the top 5 percent will continue to pay 60 percent", "a man who is going to leave 50 million Americans out". The
/// figure is a projection someone computed, not the speaker's promise ("we will invest $5
/// billion", "I'll pay for it").
fn is_projected_effect(s: &SentenceView, j: usize) -> bool {
    let word = s.word(j);
    let apostrophe_will = word.ends_with("'ll") || word.ends_with("’ll");
    let mut k = match word {
        "will" => j + 1,
        "going" if s.word(j + 1) == "to" => j + 2,
        _ if apostrophe_will => j + 1,
        _ => return false,
    };
    let speaker = |w: &str| {
        matches!(
            w,
            "i" | "we"
                | "i'm"
                | "we're"
                | "i’m"
                | "we’re"
                | "am"
                | "i'll"
                | "we'll"
                | "i’ll"
                | "we’ll"
        )
    };
    // "I will pay", "we'll pay", "I am going to pay", "we're going to pay".
    if speaker(word) || (j > 0 && speaker(s.word(j - 1))) {
        return false;
    }
    // "will not be cut", "will continue to pay", "will actually raise".
    while matches!(
        s.word(k),
        "not"
            | "also"
            | "only"
            | "actually"
            | "still"
            | "then"
            | "just"
            | "now"
            | "continue"
            | "to"
    ) {
        k += 1;
    }
    FORECAST_VERBS.contains(&s.word(k))
}

/// A plan word whose subject is "he" or "she": "he's going to cut defense $60 billion", "she
/// will raise taxes on 50 percent of small businesses". Another person's plan, with its figure,
/// is a claim about their platform that the record can check, not the speaker's promise.
fn third_person_intent(s: &SentenceView, j: usize) -> bool {
    let word = s.word(j);
    if matches!(word, "he'll" | "she'll") {
        return true;
    }
    // "he is going to", "she's going to".
    let k = if word == "going" && j > 1 && s.word(j - 1) == "is" {
        j - 1
    } else {
        j
    };
    // "Hillary Clinton wants to allow a 550 percent increase", "the governor wants to divert 1
    // out of every $6": a named person's wish, with its figure, is their platform on the
    // record. Only "wants": bodies "plan" and "intend" their programmes ("USAID intends to
    // provide $2.7 million"), which stay plans.
    if word == "wants"
        && k > 1
        && s.word(k + 1) == "to"
        && s.is_word(k - 1)
        && (s.is_capitalized(k - 1)
            || matches!(s.word(k - 1), "president" | "governor" | "senator"))
        && s.word(k - 1) != "i"
    {
        return true;
    }
    matches!(word, "will" | "going" | "wants" | "plans" | "intends")
        && k > 0
        && matches!(s.word(k - 1), "he" | "she" | "he's" | "she's")
}

/// Word `j` is a modal or a condition, which makes a softer trigger in its clause no claim
/// ("may" before a day or a year is the month).
fn is_modal_at(s: &SentenceView, j: usize) -> bool {
    let word = s.word(j);
    MODALS.contains(&word) && !(word == "may" && s.is_number(j + 1))
}

/// What keeps a trigger from being a claim because of where it stands: a plan or promise in
/// its clause (figures and softer triggers), a modal or a condition in its clause, or an
/// opinion anywhere in the sentence (softer triggers only). Most sentences have no plan, modal
/// or opinion at all: each is looked for once in the whole sentence, on first use, and a
/// clause only in a sentence that has one. Triggers in the same clause share its answer.
pub(super) struct Scope<'v, 'a> {
    s: &'v SentenceView<'a>,
    opinion: OnceCell<bool>,
    intent: Memo,
    modal: Memo,
}

/// Whether a word of the sentence holds, and the last clause asked about: its token range and
/// whether a word of it holds.
#[derive(Default)]
struct Memo {
    sentence: OnceCell<bool>,
    clause: Cell<Option<(usize, usize, bool)>>,
}

impl<'v, 'a> Scope<'v, 'a> {
    pub(super) fn new(s: &'v SentenceView<'a>) -> Self {
        Scope {
            s,
            opinion: OnceCell::new(),
            intent: Memo::default(),
            modal: Memo::default(),
        }
    }

    /// A figure or count at word `i` is a claim unless a plan states it.
    pub(super) fn figure_allowed(&self, i: usize) -> bool {
        !self.governs(&self.intent, i, is_intent_at)
    }

    /// A superlative, change or act at word `i` is a claim unless an opinion, a modal or a
    /// plan frames it.
    pub(super) fn soft_allowed(&self, i: usize) -> bool {
        let opinion = *self
            .opinion
            .get_or_init(|| self.s.lower.iter().any(|w| is_opinion(w)));
        !(opinion
            || self.governs(&self.modal, i, is_modal_at)
            || self.governs(&self.intent, i, is_intent_at))
    }

    /// A word of the clause around word `i` `holds` and governs it: before it, or after it
    /// but not in a relative clause that qualifies what follows it ("a $40 billion pipeline
    /// that's going to relieve…", "signed a tax bill that included an amendment that would
    /// prevent…" state the pipeline and the signing; "we will cut 60 ships" and "the first time
    /// that Wellory will open" plan). Looked at
    /// only where the clause holds, which is rare.
    fn governs(&self, memo: &Memo, i: usize, holds: fn(&SentenceView, usize) -> bool) -> bool {
        if !self.holds_in_clause(memo, i, holds) {
            return false;
        }
        let s = self.s;
        let (start, end) = clause(s, i);
        // "the first time that Wellory will open…": after "time", "that" dates the plan.
        let relative = |j: usize| {
            (i + 1..j).any(|k| {
                matches!(s.word(k), "that" | "which" | "who" | "whom" | "where")
                    && s.word(k - 1) != "time"
            })
        };
        (start..end).any(|j| holds(s, j) && (j < i || !relative(j)))
    }

    /// Some word of the clause around word `i` `holds`; from `memo` when it can tell. No
    /// clause holds where the sentence does not, and every word of a clause has that clause
    /// around it (a clause runs from a boundary to the next; a boundary word is in none).
    fn holds_in_clause(
        &self,
        memo: &Memo,
        i: usize,
        holds: fn(&SentenceView, usize) -> bool,
    ) -> bool {
        let s = self.s;
        if !*memo
            .sentence
            .get_or_init(|| (0..s.len()).any(|j| holds(s, j)))
        {
            return false;
        }
        if let Some((start, end, answer)) = memo.clause.get()
            && (start..end).contains(&i)
        {
            return answer;
        }
        let (start, end) = clause(s, i);
        let answer = (start..end).any(|j| holds(s, j));
        memo.clause.set(Some((start, end, answer)));
        answer
    }
}

/// The clause around word `i`, as a token range: it ends at the conjunctions that start a
/// reason or a contrast.
fn clause(s: &SentenceView, i: usize) -> (usize, usize) {
    // ", and I want to…" starts a new clause with its own subject; "will provide X, and
    // expand Y" goes on with the same one.
    let boundary = |j: usize| {
        matches!(
            s.word(j),
            "because" | "but" | "while" | "although" | "though" | "whereas"
        ) || (matches!(s.word(j), "and" | "so" | "yet")
            && j > 0
            && s.word(j - 1) == ","
            && matches!(
                s.word(j + 1),
                "i" | "we"
                    | "you"
                    | "he"
                    | "she"
                    | "they"
                    | "it"
                    | "i'm"
                    | "we're"
                    | "you're"
                    | "he's"
                    | "she's"
                    | "they're"
                    | "it's"
                    | "i'll"
                    | "we'll"
                    | "you'll"
                    | "they'll"
                    | "i've"
                    | "we've"
                    | "they've"
                    | "i’m"
                    | "we’re"
                    | "we’ll"
                    | "i’ll"
            ))
    };
    let mut start = i;
    while start > 0 && !boundary(start - 1) {
        start -= 1;
    }
    let mut end = i;
    while end < s.len() && !boundary(end) {
        end += 1;
    }
    (start, end)
}

/// Not a question, a forecast, an intention or an opinion.
pub(super) fn is_assertion(s: &SentenceView) -> bool {
    let last = s.len().saturating_sub(1);
    if s.word(last) == "?" && !is_rhetorical_question(s) {
        return false;
    }
    // "we estimate that Wagner has suffered 30,000 casualties": the writer's own estimate is an
    // analytic judgement (ICD 203), like "we assess".
    let own_estimate = (1..s.len()).any(|i| {
        matches!(s.word(i), "estimate" | "estimated") && matches!(s.word(i - 1), "we" | "i")
    });
    !own_estimate && !s.lower.iter().any(|w| is_judgement(w))
}

/// "Do you know that it's tripled in the last five years?", "Do you realize we spend $73
/// billion…?": a question that asks whether the listener knows a fact states the fact. Not
/// "Do you know what he presented us with?", which asks for one.
fn is_rhetorical_question(s: &SentenceView) -> bool {
    // Past an opening conjunction or interjection and its comma: "But do you realize…".
    let mut i = 0;
    while i < s.len().min(4)
        && (matches!(s.word(i), "and" | "but" | "now" | "well" | "so") || s.word(i) == ",")
    {
        i += 1;
    }
    matches!(s.word(i), "do" | "did")
        && s.word(i + 1) == "you"
        && matches!(s.word(i + 2), "know" | "realize" | "realise" | "remember")
        && s.is_word(i + 3)
        && !matches!(
            s.word(i + 3),
            "what"
                | "who"
                | "whom"
                | "whose"
                | "which"
                | "how"
                | "why"
                | "where"
                | "when"
                | "whether"
                | "if"
                | "anything"
                | "anybody"
                | "anyone"
        )
}

/// Verbs by which a named source gives a figure: "Canada said", "the IMF estimates". (A
/// `match`: it is asked of every word of every sentence with a claim.)
fn is_source_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "announced"
            | "announces"
            | "stated"
            | "states"
            | "reported"
            | "reports"
            | "estimated"
            | "estimates"
            | "estimate"
            | "noted"
            | "notes"
            | "confirmed"
            | "confirms"
            | "wrote"
            | "writes"
            | "added"
            | "adds"
            | "claimed"
            | "claims"
            | "published"
            | "publishes"
            | "calculated"
            | "recorded"
            | "counted"
            // "NORSAR detected a magnitude 4.2 event", "the CTBTO has not detected any
            // anomaly": a monitor's detection is its report, like "recorded" (h24).
            | "detected"
            | "detects"
            // "Human Rights Watch researchers documented 14 cases": a named monitor's record.
            | "documented"
            | "showed"
            | "shows"
            | "found"
            | "finds"
            | "indicated"
            | "indicates"
            // "Customs data compiled by Kpler indicate that…": plural data. Not "show", which
            // is also "show up" ("the American Ambassador didn't show up", ClaimBuster).
            | "indicate"
            | "put"
            | "puts"
            | "data"
            | "figures"
            | "statistics"
            | "cited"
            | "cites"
            | "warned"
            | "warns"
    )
}

/// Institutions that "the ministry said" names (see the data file).
pub(super) static NAMED_BODIES: LazyLock<FastSet<&str>> = word_file!("named-bodies");

/// Attributed to a named actor ("Canada said…", "according to the IMF", "NATO estimates…").
pub(super) fn has_named_source(s: &SentenceView) -> bool {
    // "Source: U.S. Mint, …": the line under a table or figure is its citation.
    // The line may follow a caption in the same table cell ("| Figure 1. Coins | | Source:").
    let first = (0..s.len()).find(|&i| s.is_word(i)).unwrap_or(0);
    if (0..s.len()).any(|i| {
        matches!(s.word(i), "source" | "sources")
            && s.word(i + 1) == ":"
            && (i == first || s.word(i.saturating_sub(1)) == "|")
    }) {
        return true;
    }
    for i in 0..s.len() {
        let word = s.word(i);
        if word == "according" && s.word(i + 1) == "to" {
            let j = if matches!(s.word(i + 2), "the" | "a" | "an") {
                i + 3
            } else {
                i + 2
            };
            // "according to our own count", "according to our analysis of 412 articles": the
            // writer's own organisation is the source, and it is named by the document.
            if s.word(i + 2) == "our" {
                return true;
            }
            // "according to the finance ministry": a body named within a few words.
            if s.mention(j).is_some()
                || s.is_capitalized(j)
                || (j..j + 3).any(|k| NAMED_BODIES.contains(&s.word(k)))
                || dated_document(s, j)
            {
                return true;
            }
        }
        // "an estimated €1.2 billion", "a reported 300 deaths", "the recorded total": after an
        // article the participle is an adjective of the figure, not a report by a named
        // subject ("The tariffs cost European producers an estimated €1.2 billion" names no
        // source of the estimate).
        if word.ends_with("ed") && i > 0 && matches!(s.word(i - 1), "a" | "an" | "the") {
            continue;
        }
        if is_source_verb(word) && passive_named_agent(s, i) {
            return true;
        }
        if is_source_verb(word) && !is_excluded_report(s, i) {
            // A named subject just before the verb: "Canada said", "the IMF estimates", "the
            // ministry reported", "Kallas told". A date is no subject ("on 14 March, …").
            if named_subject_before(s, i) || surname_opens(s, i) {
                return true;
            }
            // "Fingrid, the Finnish grid operator, said", "Antti Häkkänen, Finland's defence
            // minister, told…": the subject stands before an appositive set off by commas.
            if let Some(comma) = appositive_before(s, i)
                && (named_subject_before(s, comma) || named_opening(s, comma))
            {
                return true;
            }
        }
    }
    cites_in_parentheses(s)
}

/// A document identified by its date, from word `j` after "according to": "a presidential
/// decree published on 16 November", "the indictment filed on 3 March 2025", "a court filing
/// dated 12 May". The date makes it one findable document, as a name makes a body one source;
/// "according to a report" or "according to documents" alone does not.
fn dated_document(s: &SentenceView, j: usize) -> bool {
    let Some(noun) = (j..j + 3).find(|&k| {
        matches!(
            s.word(k),
            "decree"
                | "order"
                | "statement"
                | "report"
                | "filing"
                | "indictment"
                | "letter"
                | "memo"
                | "memorandum"
                | "notice"
                | "release"
                | "communique"
                | "communiqué"
                | "resolution"
                | "ruling"
                | "judgment"
                | "judgement"
        )
    }) else {
        return false;
    };
    let mut k = noun + 1;
    if matches!(
        s.word(k),
        "published" | "issued" | "dated" | "signed" | "filed" | "released"
    ) {
        k += 1;
    }
    if s.word(k) == "on" {
        k += 1;
    }
    // "16 November", "November 16", "3 March 2025": a day and a month.
    (s.is_number(k) && is_month(s.word(k + 1))) || (is_month(s.word(k)) && s.is_number(k + 1))
}

/// A named subject in the three words before word `i` (a reporting verb or the comma of an
/// appositive): a known actor, an acronym, a capitalised word that is not the sentence's first,
/// or "the" and an institution noun ("the ministry").
fn named_subject_before(s: &SentenceView, i: usize) -> bool {
    let from = i.saturating_sub(3);
    (from..i).any(|j| {
        s.mention(j).is_some()
            || is_acronym(s, j)
            || (s.is_capitalized(j)
                && j > 0
                && s.is_word(j)
                && !is_function_word(s.word(j))
                && !is_month(s.word(j))
                && !WEEKDAYS.contains(&s.word(j)))
            || s.word(j) == "@"
            || (NAMED_BODIES.contains(&s.word(j))
                && (from.saturating_sub(2)..j).any(|k| s.word(k) == "the"))
    })
}

/// A sentence that opens with a surname and a verb of speech: "Carpenter told the committee
/// that…", "Pincus noted that…". The first word of a sentence is capitalised whatever it
/// is, so `named_subject_before` does not count it; a single capitalised word right before
/// "told" or "noted" is a person's name unless it is a plural ("Officials told"), a
/// pronoun or one of the singular nouns that stand for a group ("Staff said").
fn surname_opens(s: &SentenceView, i: usize) -> bool {
    i == 1
        && s.is_word(0)
        && s.is_capitalized(0)
        && matches!(
            s.word(1),
            "told" | "tells" | "said" | "says" | "noted" | "notes"
        )
        && !s.word(0).ends_with('s')
        && !is_function_word(s.word(0))
        // "Media said", "Police told reporters": a group or a service, not a person.
        && !LEXICON.attribution_groups.contains(s.word(0))
        && !matches!(
            s.word(0),
            "someone"
                | "somebody"
                | "everyone"
                | "everybody"
                | "nobody"
                | "no-one"
                | "one"
                | "another"
                | "staff"
                | "management"
                | "leadership"
                | "none"
                | "each"
                | "all"
                | "both"
                | "nothing"
                | "police"
                | "press"
                | "public"
                | "government"
                | "military"
                | "army"
        )
}

/// A report in the passive whose *by*-agent is named: "famine has been confirmed in five areas
/// by the Famine Review Committee", "the deaths were reported by the Ministry of Health". The
/// agent is the source, as in "the Committee confirmed". Not a date ("reported by Monday") or
/// an unnamed agent ("confirmed by two milbloggers", "by officials").
fn passive_named_agent(s: &SentenceView, i: usize) -> bool {
    // One adverb may stand between the auxiliary and the verb: "was officially recorded".
    let aux = match i.checked_sub(1) {
        Some(k) if k > 0 && s.word(k).ends_with("ly") && s.is_word(k) => k - 1,
        Some(k) => k,
        None => return false,
    };
    if !matches!(s.word(aux), "was" | "were" | "been" | "is" | "are" | "be") {
        return false;
    }
    // The figure itself may stand before the agent: "was recorded at 41.2 percent by the
    // Central Election Commission", "were put at 3,400 by the ministry".
    let Some(by) = (i + 1..(i + 7).min(s.len()))
        .take_while(|&k| {
            s.is_word(k) || s.is_number(k) || matches!(s.word(k), "%" | "$" | "€" | "£")
        })
        .find(|&k| s.word(k) == "by")
    else {
        return false;
    };
    let j = if s.word(by + 1) == "the" {
        by + 2
    } else {
        by + 1
    };
    if !s.is_word(j) || is_month(s.word(j)) || WEEKDAYS.contains(&s.word(j)) {
        return false;
    }
    if NAMED_BODIES.contains(&s.word(j)) {
        return true;
    }
    let name = |k: usize| s.is_word(k) && (s.mention(k).is_some() || s.is_capitalized(k));
    let end = (j..s.len()).find(|&k| !name(k)).unwrap_or(s.len());
    // The name ends the noun phrase: "by the Ministry of Health", "by Reuters on Monday", not
    // "by Russian milbloggers" (an adjective of a group).
    end > j
        && (end >= s.len()
            || !s.is_word(end)
            || matches!(
                s.word(end),
                "of" | "on"
                    | "in"
                    | "at"
                    | "and"
                    | "for"
                    | "as"
                    | "with"
                    | "to"
                    | "after"
                    | "since"
            ))
}

/// The comma that opens an appositive ending just before word `i`: ", the Finnish grid
/// operator," or ", Finland's defence minister,", at most eleven words ("Andrei Volkov, a
/// former manager at one of the shell companies, said"), which start with a
/// determiner, a possessive or "in" ("in a statement"), so that "Prices rose 40 percent, the
/// highest in a decade, …" needs a named subject before its first comma.
fn appositive_before(s: &SentenceView, i: usize) -> Option<usize> {
    if i < 3 || s.word(i - 1) != "," {
        return None;
    }
    let close = i - 1;
    let open = (close.saturating_sub(12)..close)
        .rev()
        .find(|&k| !s.is_word(k))
        .filter(|&k| s.word(k) == ",")?;
    let first = s.word(open + 1);
    // "the ministry, in a statement, said": a parenthetical phrase sets off the subject too.
    let introduces = matches!(first, "the" | "a" | "an" | "its" | "their" | "in")
        || first.ends_with("'s")
        || first.ends_with("’s");
    (open > 0 && close > open + 2 && introduces).then_some(open)
}

/// A one- or two-word name opening the sentence before the comma at `comma`: "Fingrid, the
/// Finnish grid operator, said". Capitalised, not a sentence adverb ("However, …").
fn named_opening(s: &SentenceView, comma: usize) -> bool {
    (1..=2).contains(&comma)
        && (0..comma).all(|j| s.is_word(j) && s.is_capitalized(j))
        && !is_function_word(s.word(0))
        && !matches!(
            s.word(0),
            "however"
                | "meanwhile"
                | "separately"
                | "moreover"
                | "still"
                | "instead"
                | "yesterday"
                | "today"
                | "finally"
                | "earlier"
                | "later"
                | "overall"
                | "nevertheless"
                | "additionally"
                | "similarly"
                | "likewise"
                | "indeed"
                | "now"
                | "then"
                | "thus"
                | "therefore"
                | "furthermore"
                | "again"
                | "also"
                | "notably"
                | "previously"
                | "first"
                | "second"
                | "third"
                | "last"
                | "next"
                | "in"
        )
        && !is_month(s.word(0))
        && !WEEKDAYS.contains(&s.word(0))
}

/// An author–date citation in parentheses: "(UNHCR, 2025)", "(World Bank 2024)", "(Eurostat,
/// October 2025)": the parenthesis opens on a name (a capitalised word that is not a month or
/// a function word, or an acronym) and holds a year, within twelve tokens.
fn cites_in_parentheses(s: &SentenceView) -> bool {
    (0..s.len()).any(|open| {
        s.word(open) == "("
            && (s.mention(open + 1).is_some()
                || is_acronym(s, open + 1)
                || (s.is_capitalized(open + 1)
                    && s.is_word(open + 1)
                    && !is_function_word(s.word(open + 1))
                    && !is_month(s.word(open + 1))))
            && (open + 2..(open + 13).min(s.len()))
                .take_while(|&k| s.word(k) != ")")
                .any(|k| is_year(s.word(k)))
    })
}

/// A four-digit year from 1900 to 2099.
fn is_year(word: &str) -> bool {
    word.len() == 4
        && (word.starts_with("19") || word.starts_with("20"))
        && word.bytes().all(|b| b.is_ascii_digit())
}

/// The source verb at `i` reports nothing: part of a name, a passive, a pronoun's words, or a
/// verb that gives no figure here.
fn is_excluded_report(s: &SentenceView, i: usize) -> bool {
    let word = s.word(i);
    // "the United States" is a country, not "X states"; "puts" gives a figure only with
    // "at" ("the IMF puts growth at 2%"), not in "the government puts 6% of the money up".
    let puts_without_at =
        matches!(word, "put" | "puts") && !(i + 1..(i + 7).min(s.len())).any(|k| s.word(k) == "at");
    // "Congress has added some $13 billion": "added" reports only before what was said.
    let adds_amount = matches!(word, "added" | "adds")
        && !matches!(s.word(i + 1), "that" | "," | ":" | "\"" | "“" | "");
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    // "the Organization of American States", "Consumer Reports": a capitalised verb inside
    // a sentence is part of a name; "was told" is a passive, "you said" a pronoun subject.
    // "Egypt lost an estimated $7 billion", "a reported 300 deaths": after an article the
    // participle is an adjective of the figure, and the subject before it is no source; so is
    // "ever" in "the first Marburg outbreak ever recorded".
    let not_a_report = (i > 0 && s.is_capitalized(i))
        || matches!(
            previous,
            "was"
                | "were"
                | "been"
                | "be"
                | "is"
                | "are"
                | "being"
                | "i"
                | "you"
                | "we"
                | "a"
                | "an"
                | "the"
                | "ever"
        );
    // "states" reports only before what is stated ("the report states that", "Canada states:");
    // elsewhere it is the noun: "the United States", "Western states", "member states".
    let states_noun = word == "states"
        && (previous == "united"
            || !matches!(
                s.word(i + 1),
                "that" | ":" | "," | "\"" | "“" | "in" | "the" | "a" | "an"
            ));
    states_noun || puts_without_at || adds_amount || not_a_report
}

/// An all-capital name of two to six letters, possibly possessive: "EDA's website indicates",
/// "GAO found". Unlike a capitalised word it names a body even at the start of a sentence.
fn is_acronym(s: &SentenceView, j: usize) -> bool {
    if !s.is_word(j) {
        return false;
    }
    let text = s.text(j);
    let bare = text
        .strip_suffix("'s")
        .or_else(|| text.strip_suffix("’s"))
        .unwrap_or(text);
    (2..=6).contains(&bare.len()) && bare.bytes().all(|b| b.is_ascii_uppercase())
}

/// Words that are capitalised only because they open a sentence or a quotation: "uh - The
/// estimate … is 5 billion" has no named subject.
fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "i" | "i'd"
            | "i'm"
            | "i've"
            | "i'll"
            | "we'd"
            | "we're"
            | "we've"
            | "you're"
            | "he's"
            | "she's"
            | "it's"
            | "they're"
            | "that's"
            | "there's"
            | "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "it"
            | "its"
            | "our"
            | "their"
            | "his"
            | "her"
            | "we"
            | "they"
            | "he"
            | "she"
            | "you"
            | "and"
            | "but"
            | "so"
            | "in"
            | "on"
            | "at"
            | "for"
            | "of"
            | "by"
            | "with"
    )
}
