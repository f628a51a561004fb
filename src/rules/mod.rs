//! Rules (SPEC §4): one file per rule. Each takes the analysed document and pushes diagnostics
//! with byte ranges, messages and quick fixes as data.

mod codes;
mod context;
pub(crate) mod lexicon;
pub mod memo;
mod sentence;
mod suppression;
mod triggers;
mod words;

pub mod anonymous_source;
pub mod estimative_language;
pub mod long_sentence;
pub mod missing_actor;
pub mod relative_time;
pub mod undefined_acronym;
pub mod unsupported_claim;
pub mod vague_actor;
pub mod vague_attribution;

pub mod broken_section_link;
pub mod dangling_footnote;
pub mod duplicate_section;
pub mod empty_section;
pub mod missing_bluf;
pub mod missing_section;
pub mod review_note;
pub mod undeclared_actor;
pub mod unknown_actor;
pub mod unused_actor;
pub mod unused_footnote;

pub use codes::{DOCS_BASE, RuleCode, Severity};
pub use context::{Citations, RuleContext};
pub use suppression::apply_suppressions;
pub use words::Words;

use crate::text::TextRange;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: RuleCode,
    pub severity: Severity,
    pub range: TextRange,
    /// Shared: the memo hands a reused sentence's findings to every later analysis.
    pub message: Arc<str>,
    pub fixes: Vec<Fix>,
    /// A second place that matters (the other duplicate heading, the footnote definition).
    pub related: Vec<Related>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

/// A quick fix: edits to the document, all byte ranges of its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub new_text: String,
}

impl Fix {
    pub fn replace(title: impl Into<String>, range: TextRange, new_text: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit {
                range,
                new_text: new_text.into(),
            }],
        }
    }

    pub fn insert(title: impl Into<String>, offset: usize, new_text: impl Into<String>) -> Fix {
        Fix::replace(title, TextRange::empty(offset), new_text)
    }
}

/// Runs every rule whose severity is not `off` and returns the diagnostics in document order.
pub fn run_all(context: &RuleContext) -> Vec<Diagnostic> {
    run(context, RuleSet::All, false).0
}

/// Which rules a run covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleSet {
    All,
    /// The rules that read across sentences (structure, actors, footnotes), except
    /// `undefined-acronym`, whose per-sentence part `memo` keeps (its `resolve` is run by the
    /// caller).
    Structure,
    /// The rules whose findings in a sentence depend only on that sentence (its text, citation
    /// and actor mentions), and the standard estimative terms: what `memo` can reuse.
    Sentences,
}

impl RuleSet {
    fn includes(self, code: RuleCode) -> bool {
        match self {
            RuleSet::All => true,
            RuleSet::Structure => !is_sentence_rule(code) && code != RuleCode::UndefinedAcronym,
            RuleSet::Sentences => is_sentence_rule(code),
        }
    }
}

/// See [`RuleSet::Sentences`].
pub fn is_sentence_rule(code: RuleCode) -> bool {
    matches!(
        code,
        RuleCode::VagueAttribution
            | RuleCode::AnonymousSource
            | RuleCode::UnsupportedClaim
            | RuleCode::MissingActor
            | RuleCode::VagueActor
            | RuleCode::EstimativeLanguage
            | RuleCode::RelativeTime
            | RuleCode::LongSentence
    )
}

/// The rules of `set` whose severity is not `off`, with their diagnostics in document order,
/// and the standard estimative terms when `set` has the sentence rules. On two threads when
/// `parallel`: each per-sentence rule becomes two jobs, one per half of the document's
/// sentences (their findings depend only on the sentence, see [`is_sentence_rule`]), and so
/// does the search for `undefined-acronym`'s uses, which are resolved across the document
/// once both halves are in; jobs are handed out one at a time, most expensive first, to
/// whichever thread is free, and their diagnostics are then put together in the order one
/// thread produces.
pub fn run(
    context: &RuleContext,
    set: RuleSet,
    parallel: bool,
) -> (Vec<Diagnostic>, Vec<crate::analysis::EstimativeTerm>) {
    let enabled = |code: RuleCode| set.includes(code) && context.severity(code).is_some();
    let with_terms = set != RuleSet::Structure;
    let parts = sentence_parts(context, parallel);
    // `None` stands for the estimative terms.
    let mut by_cost: Vec<Option<RuleCode>> = BY_COST
        .iter()
        .copied()
        .filter(|code| enabled(*code))
        .map(Some)
        .collect();
    if with_terms {
        by_cost.insert(by_cost.len().min(BY_COST_TERMS_AT), None);
    }
    by_cost.extend(
        RuleCode::ALL
            .into_iter()
            .filter(|code| !BY_COST.contains(code) && enabled(*code))
            .map(Some),
    );
    let mut jobs: Vec<Job> = Vec::new();
    for what in by_cost {
        // `undefined-acronym` collects its uses sentence by sentence (`extract`), in halves
        // like the per-sentence rules, and resolves them across the document after.
        if what.is_none_or(|code| is_sentence_rule(code) || code == RuleCode::UndefinedAcronym) {
            jobs.extend((0..parts.len()).map(|part| Job { what, part }));
        } else {
            jobs.push(Job { what, part: 0 });
        }
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done: Vec<(usize, Found)> = Vec::new();
        loop {
            let index = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(job) = jobs.get(index) else {
                return done;
            };
            let mut found = Found::default();
            match job.what {
                Some(RuleCode::UndefinedAcronym) => {
                    let part = &parts[job.part];
                    let mut mentions = Vec::new();
                    for sentence in part.sentence_indices() {
                        undefined_acronym::extract(part, sentence, &mut mentions);
                    }
                    let prose = &context.document.prose;
                    found.acronyms = undefined_acronym::AcronymUses::of(prose, &mentions);
                }
                Some(code) if is_sentence_rule(code) => {
                    run_rule(code, &parts[job.part], &mut found.diagnostics)
                }
                Some(code) => run_rule(code, context, &mut found.diagnostics),
                None => found.terms = estimative_language::standard_terms(&parts[job.part]),
            }
            done.push((index, found));
        }
    };
    let (mine, theirs) = if parallel {
        crate::parallel::join(true, work, work)
    } else {
        (work(), Vec::new())
    };
    let mut by_job: Vec<Found> = (0..jobs.len()).map(|_| Found::default()).collect();
    for (index, found) in mine.into_iter().chain(theirs) {
        by_job[index] = found;
    }
    let mut terms = Vec::new();
    let mut acronyms = undefined_acronym::AcronymUses::default();
    for found in &mut by_job {
        terms.append(&mut found.terms);
        acronyms = acronyms.followed_by(std::mem::take(&mut found.acronyms));
    }
    let mut out = Vec::new();
    for code in RuleCode::ALL {
        let before = out.len();
        if code == RuleCode::UndefinedAcronym && jobs.iter().any(|job| job.what == Some(code)) {
            acronyms.report(context, &mut out);
        }
        for (job, found) in jobs.iter().zip(&mut by_job) {
            if job.what == Some(code) {
                out.append(&mut found.diagnostics);
            }
        }
        for diagnostic in &mut out[before..] {
            diagnostic.code = code;
            diagnostic.severity = context.severity(code).unwrap_or(diagnostic.severity);
        }
    }
    out.sort_by_key(|d| (d.range.start, d.range.end, d.code));
    (out, terms)
}

/// One rule (or, `None`, the standard estimative terms) on one part of the sentences.
struct Job {
    what: Option<RuleCode>,
    part: usize,
}

/// What one job found: diagnostics, estimative terms, or the first uses of acronyms that
/// `undefined-acronym` reports once all are in.
#[derive(Default)]
struct Found<'a> {
    diagnostics: Vec<Diagnostic>,
    terms: Vec<crate::analysis::EstimativeTerm>,
    acronyms: undefined_acronym::AcronymUses<'a>,
}

/// The contexts the per-sentence jobs run in: the whole of `context`'s sentences, or when
/// `parallel` its first and second halves, cut at the middle of the prose.
fn sentence_parts<'a>(context: &RuleContext<'a>, parallel: bool) -> Vec<RuleContext<'a>> {
    let all = context.sentence_indices();
    if !parallel || all.len() < 2 {
        return vec![context.clone()];
    }
    let sentences = &context.document.sentences[all.clone()];
    let middle = context.document.prose.len() / 2;
    let cut = all.start + sentences.partition_point(|s| s.range.start < middle);
    vec![context.part(all.start..cut), context.part(cut..all.end)]
}

/// The per-sentence rules, most expensive first (`cargo bench --bench analysis -- rules`).
const BY_COST: [RuleCode; 10] = [
    RuleCode::UnsupportedClaim,
    RuleCode::UndefinedAcronym,
    RuleCode::AnonymousSource,
    RuleCode::RelativeTime,
    RuleCode::VagueAttribution,
    RuleCode::EstimativeLanguage,
    RuleCode::MissingActor,
    RuleCode::VagueActor,
    RuleCode::LongSentence,
    RuleCode::BrokenSectionLink,
];

/// Where the estimative terms (about as costly as `vague-attribution`) go in that order.
const BY_COST_TERMS_AT: usize = 6;

fn run_rule(code: RuleCode, context: &RuleContext, out: &mut Vec<Diagnostic>) {
    match code {
        RuleCode::UnknownActor => unknown_actor::check(context, out),
        RuleCode::UndeclaredActor => undeclared_actor::check(context, out),
        RuleCode::UnusedActor => unused_actor::check(context, out),
        RuleCode::BrokenSectionLink => broken_section_link::check(context, out),
        RuleCode::DanglingFootnote => dangling_footnote::check(context, out),
        RuleCode::UnusedFootnote => unused_footnote::check(context, out),
        RuleCode::DuplicateSection => duplicate_section::check(context, out),
        RuleCode::EmptySection => empty_section::check(context, out),
        RuleCode::MissingSection => missing_section::check(context, out),
        RuleCode::MissingBluf => missing_bluf::check(context, out),
        RuleCode::ReviewNote => review_note::check(context, out),
        RuleCode::InvalidFrontMatter | RuleCode::UnknownRule => context.syntax_problems(code, out),
        // Configuration problems are reported on the configuration file, not here.
        RuleCode::InvalidConfig => {}
        RuleCode::VagueAttribution => vague_attribution::check(context, out),
        RuleCode::AnonymousSource => anonymous_source::check(context, out),
        RuleCode::UnsupportedClaim => unsupported_claim::check(context, out),
        RuleCode::MissingActor => missing_actor::check(context, out),
        RuleCode::VagueActor => vague_actor::check(context, out),
        RuleCode::EstimativeLanguage => estimative_language::check(context, out),
        RuleCode::RelativeTime => relative_time::check(context, out),
        RuleCode::UndefinedAcronym => undefined_acronym::check(context, out),
        RuleCode::LongSentence => long_sentence::check(context, out),
    }
}

/// A quick fix that inserts `stub` (a footnote or citation marker) at the end of a sentence,
/// before its final punctuation.
pub fn insert_at_sentence_end(
    context: &RuleContext,
    sentence: usize,
    title: &str,
    stub: &str,
) -> Fix {
    let end = context.document.sentences[sentence].range.end;
    let at = if context.text[..end].ends_with(['.', '!', '?']) {
        end - 1
    } else {
        end
    };
    Fix::insert(title, at, stub)
}

/// The loop shared by the attribution rules: every uncited sentence with a trigger word of
/// `family` where `find` matches gets a finding and the citation-stub fix.
pub(crate) fn check_uncited_sentences(
    context: &RuleContext,
    family: u32,
    code: RuleCode,
    find: fn(&sentence::SentenceView) -> Option<TextRange>,
    message: fn(&str) -> String,
    out: &mut Vec<Diagnostic>,
) {
    for index in context.sentence_indices() {
        if !context.sentence_has(index, family) || context.is_cited(index) {
            continue;
        }
        let sentence = sentence::SentenceView::new(context, index);
        if let Some(range) = find(&sentence) {
            let mut d = diagnostic(code, range, message(range.slice(&context.document.prose)));
            d.fixes.push(insert_at_sentence_end(
                context,
                index,
                "Insert a citation",
                "[^]",
            ));
            out.push(d);
        }
    }
}

/// A diagnostic with the rule's default severity; `run_all` applies the configured one.
pub fn diagnostic(code: RuleCode, range: TextRange, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        code,
        severity: code.default_severity().unwrap_or(Severity::Hint),
        range,
        message: Arc::from(message.into()),
        fixes: Vec::new(),
        related: Vec::new(),
    }
}
