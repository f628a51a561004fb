//! `analyze`: text in, everything the command line and the server need out.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use crate::actors::{ActorDefinition, ActorMatch, ActorSet, DOUBLE_SPACE};
use crate::config::Config;
use crate::fast_hash::FastSet;
use crate::model::{Document, Flavour, ProblemKind, SyntaxProblem};
use crate::parallel;
use crate::rules::memo::{self, MemoSettings, SentenceMemo};
use crate::rules::undefined_acronym;
use crate::rules::{self, Citations, Diagnostic, RuleCode, RuleContext, RuleSet, Severity};
use crate::syntax;
use crate::text::{LineIndex, TextRange};

/// What `analyze` needs besides the text.
#[derive(Clone)]
pub struct Context {
    /// The file name, for the outline's document node when front matter has no title.
    pub file_name: String,
    pub flavour: Flavour,
    pub config: Arc<Config>,
}

impl Context {
    pub fn new(file_name: &str, config: Arc<Config>) -> Context {
        Context {
            file_name: file_name.to_owned(),
            flavour: flavour_for(file_name),
            config,
        }
    }
}

/// `.txt` files are plain text; everything else is read as Markdown (SPEC §1).
pub fn flavour_for(file_name: &str) -> Flavour {
    if file_name.to_ascii_lowercase().ends_with(".txt") {
        Flavour::PlainText
    } else {
        Flavour::Markdown
    }
}

/// An actor mention, implicit (by name) or explicit (`@ref`), resolved to an actor id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub actor_id: String,
    pub range: TextRange,
    pub explicit: bool,
    /// Inside a footnote definition: a source's text, not the briefing's own statement.
    pub in_footnote: bool,
}

pub struct Analysis {
    pub document: Document,
    pub line_index: LineIndex,
    /// The outline's document node: front-matter title, else the file name.
    pub title: String,
    /// Resolved mentions in document order.
    pub mentions: Vec<Mention>,
    /// Definitions of every actor mentioned or declared, by id.
    pub actors: HashMap<String, ActorDefinition>,
    pub diagnostics: Vec<Diagnostic>,
    /// Standard estimative terms (ICD 203) with their probability ranges, for hover and inlay
    /// hints.
    pub estimative_terms: Vec<EstimativeTerm>,
}

/// A standard likelihood term found in prose, e.g. "likely" ⟨55–80%⟩.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EstimativeTerm {
    pub range: TextRange,
    /// The ICD 203 row, e.g. "likely / probable".
    pub row: &'static str,
    pub low_percent: u8,
    pub high_percent: u8,
}

pub fn analyze(text: &str, context: &Context) -> Analysis {
    analyze_on(text, context, parallel::worth_it(text.len()), None)
}

/// [`analyze`] of a new version of a document: the per-sentence rules run only on sentences
/// that `memo` (filled by the analysis of the previous version) has not seen. The result is
/// the same as `analyze`'s.
///
/// It runs on the calling thread only. This is the server's analysis, and there the second
/// thread cost more than it saved: the server's runtime, the editor and the helper thread
/// share the cores, and on this 2-core machine waiting for the helper made a keystroke's
/// tail five times slower (100 KB briefing: p99 6.2–6.9 ms on two threads, 1.7–2.4 ms on
/// one; 1 MB: p99 22–28 ms, 15–19 ms; `latency --only editing`, three alternated runs), while
/// the median stayed the same and didOpen got no slower. `check` still uses both threads.
pub fn analyze_incremental(text: &str, context: &Context, memo: &mut SentenceMemo) -> Analysis {
    analyze_on(text, context, false, Some(memo))
}

/// `analyze`, on two threads when `parallel`; the result is the same either way, and with or
/// without a memo.
fn analyze_on(
    text: &str,
    context: &Context,
    parallel: bool,
    mut memo: Option<&mut SentenceMemo>,
) -> Analysis {
    let mut document = syntax::parse_on(text, context.flavour, parallel);
    let levels = effective_levels(&context.config, &mut document);
    let inline_actors = document
        .front_matter
        .as_ref()
        .map_or(&[][..], |fm| &fm.inline_actors[..]);
    let actor_set = ActorSet::new(&context.config.registry, inline_actors);
    // Word lists are compared with the words' lowercased text, sliced from this copy, made
    // while names are matched (`read`).
    let lower = OnceLock::new();
    let Reading {
        mentions,
        citations,
        words,
        fresh,
        line_index,
        mentioned_actors,
    } = read(
        text,
        &document,
        &lower,
        context,
        &actor_set,
        parallel,
        memo.as_deref_mut(),
    );

    let mut actors = HashMap::new();
    for id in &mentioned_actors {
        if let Some(actor) = actor_set.get(id) {
            actors
                .entry(actor.id.clone())
                .or_insert_with(|| actor.clone());
        }
    }
    if let Some(front_matter) = &document.front_matter {
        for declared in &front_matter.declared_actors {
            if let Some(actor) = actor_set.resolve(&declared.reference) {
                actors
                    .entry(actor.id.clone())
                    .or_insert_with(|| actor.clone());
            }
        }
    }

    let mut rule_context = RuleContext::new(
        text,
        &document,
        &line_index,
        &context.config,
        &actor_set,
        &mentions,
        &levels,
        &words,
        citations,
    );
    let (mut diagnostics, estimative_terms) = match (memo, fresh) {
        (Some(memo), Some((keys, fresh))) => {
            let Some(found) = memo.run(&mut rule_context, &keys, fresh, parallel) else {
                // A rule broke the memo's assumptions; the memo has forgotten everything.
                return analyze_on(text, context, parallel, None);
            };
            let mut diagnostics = found.diagnostics;
            let (structure, _) = rules::run(&rule_context, RuleSet::Structure, parallel);
            diagnostics.extend(structure);
            if let Some(severity) = rule_context.severity(RuleCode::UndefinedAcronym) {
                let before = diagnostics.len();
                undefined_acronym::resolve(&rule_context, &found.acronyms, &mut diagnostics);
                for diagnostic in &mut diagnostics[before..] {
                    diagnostic.severity = severity;
                }
            }
            diagnostics.sort_by_key(|d| (d.range.start, d.range.end, d.code));
            (diagnostics, found.terms)
        }
        _ => rules::run(&rule_context, RuleSet::All, parallel),
    };
    rules::apply_suppressions(&document, &line_index, text, &mut diagnostics);

    let title = document
        .front_matter
        .as_ref()
        .and_then(|fm| fm.title.clone())
        .unwrap_or_else(|| {
            context
                .file_name
                .rsplit(['/', '\\'])
                .next()
                .unwrap_or("")
                .to_owned()
        });
    Analysis {
        document,
        line_index,
        title,
        mentions,
        actors,
        diagnostics,
        estimative_terms,
    }
}

/// What the rules read besides the document, found once per analysis.
struct Reading<'a> {
    mentions: Vec<Mention>,
    citations: Citations,
    words: rules::Words<'a>,
    /// With a memo: each sentence's key, and whether the memo has not seen it.
    fresh: Option<(Vec<u128>, Vec<bool>)>,
    line_index: LineIndex,
    /// The ids of the actors mentioned, each once.
    mentioned_actors: Vec<String>,
}

/// Names are matched in the prose and the sentences' citations found while the words are read
/// (or, with a memo, while the sentences are hashed to find which are new): on two threads
/// when `parallel`, each taking half of the prose, cut between two spaces in a row where no
/// name can span the cut. With a memo, names are looked for piece by piece (`PieceNames`), and
/// only the words of new sentences are read. Line starts, which need only the text, are
/// found on the second thread, which has the less to do; so is the lowercased copy of the
/// prose (`lower`), first, so that it is ready when the first thread needs it.
fn read<'a>(
    text: &str,
    document: &Document,
    lower: &'a OnceLock<String>,
    context: &Context,
    actor_set: &ActorSet,
    parallel: bool,
    mut memo: Option<&mut SentenceMemo>,
) -> Reading<'a> {
    if let Some(memo) = memo.as_deref_mut() {
        memo.settle(memo_settings(text, document, context));
    }
    let with_memo = memo.is_some();
    // Whichever thread asks first makes the copy, and the other waits for it: never a
    // deadlock, whether the two parts run at once or one after the other.
    let lowered = || -> &'a str { lower.get_or_init(|| document.prose.to_ascii_lowercase()) };
    let splits = actor_set.splits_at_double_spaces();
    let known_names = memo.as_deref().map(SentenceMemo::names).filter(|_| splits);
    let prose_len = document.prose.len();
    let cut = if parallel && splits {
        middle_double_space(&document.prose)
    } else {
        prose_len
    };
    // Words are read in two parts too: the sentences that start in either half.
    let sentences_cut = if parallel {
        let middle = prose_len / 2;
        document
            .sentences
            .partition_point(|s| s.range.start < middle)
    } else {
        document.sentences.len()
    };
    let all_sentences = document.sentences.len();
    // Each thread also turns its names into mentions, which copies each actor's id.
    let find_names = |range: std::ops::Range<usize>| match known_names {
        Some(known) => {
            let (found, kept) = known.find(actor_set, &document.prose, range);
            (implicit_mentions(actor_set, &found), Some(kept))
        }
        None => {
            let found = actor_set.find_matches(&document.prose[range.clone()]);
            let shift = range.start as isize;
            let found: Vec<ActorMatch> = found.into_iter().map(|m| m.shifted(shift)).collect();
            (implicit_mentions(actor_set, &found), None)
        }
    };
    let ((names, citations, first_words), (more_names, more_words, hashes, line_index)) =
        parallel::join(
            parallel,
            || {
                let names = find_names(0..cut);
                let citations = Citations::new(document, context.config.citation_scope);
                let words =
                    (!with_memo).then(|| rules::Words::part(document, lowered(), 0..sentences_cut));
                (names, citations, words)
            },
            || {
                lowered();
                let names = find_names(cut..prose_len);
                let line_index = LineIndex::new(text);
                if with_memo {
                    (
                        names,
                        None,
                        memo::sentence_hashes(text, document),
                        line_index,
                    )
                } else {
                    let words =
                        rules::Words::part(document, lowered(), sentences_cut..all_sentences);
                    (names, Some(words), Vec::new(), line_index)
                }
            },
        );
    let (((mut names, mut actor_ids), kept), ((more_names, more_actor_ids), more_kept)) =
        (names, more_names);
    names.extend(more_names);
    actor_ids.extend(more_actor_ids);
    let mentions = with_explicit_mentions(document, actor_set, names);
    actor_ids.extend(
        mentions
            .iter()
            .filter(|m| m.explicit)
            .map(|m| m.actor_id.as_str()),
    );
    let mentioned_actors = actor_ids.into_iter().map(str::to_owned).collect();
    let lower = lowered();
    let all_words = first_words
        .zip(more_words)
        .map(|(first, more)| rules::Words::joined(lower, first, more));
    let (words, fresh) = match (all_words, memo) {
        (None, Some(memo)) => {
            if let (Some(kept), Some(more_kept)) = (kept, more_kept) {
                memo.keep_names(kept.joined(more_kept));
            }
            let keys = memo::sentence_keys(&hashes, document, &citations, &mentions);
            let fresh = memo.fresh(&keys);
            let words = rules::Words::of_sentences(document, lower, &fresh);
            (words, Some((keys, fresh)))
        }
        (words, _) => (
            words.unwrap_or_else(|| rules::Words::new(document, lower)),
            None,
        ),
    };
    Reading {
        mentions,
        citations,
        words,
        fresh,
        line_index,
        mentioned_actors,
    }
}

/// What every sentence's findings depend on besides the sentence: the configuration, the
/// front matter and the flavour.
fn memo_settings(text: &str, document: &Document, context: &Context) -> MemoSettings {
    let front_matter = document
        .front_matter
        .as_ref()
        .map_or("", |fm| fm.range.slice(text));
    MemoSettings {
        config: context.config.clone(),
        document: memo::document_settings_key(front_matter, context.flavour),
    }
}

/// Between the first two spaces in a row at or after the middle of `prose` (its length if
/// there are none).
fn middle_double_space(prose: &str) -> usize {
    let middle = prose.len() / 2;
    memchr::memmem::find(&prose.as_bytes()[middle..], DOUBLE_SPACE)
        .map_or(prose.len(), |at| middle + at + 1)
}

/// Implicit mentions by name (`names`, found by `ActorSet::find_matches`, in order), and the
/// ids of the actors they mention, each once.
fn implicit_mentions<'s>(
    actor_set: &'s ActorSet,
    names: &[ActorMatch],
) -> (Vec<Mention>, FastSet<&'s str>) {
    let mut ids = FastSet::default();
    let mentions = names
        .iter()
        .map(|found| {
            let id = actor_set.id_of(*found);
            ids.insert(id);
            Mention {
                actor_id: id.to_owned(),
                range: found.range,
                explicit: false,
                in_footnote: false,
            }
        })
        .collect();
    (mentions, ids)
}

/// The implicit mentions (`implicit_mentions`) and explicit `@ref` mentions, in document
/// order, each marked when it lies inside a footnote definition.
fn with_explicit_mentions(
    document: &Document,
    actor_set: &ActorSet,
    mut mentions: Vec<Mention>,
) -> Vec<Mention> {
    for explicit in &document.explicit_mentions {
        if let Some(actor) = actor_set.resolve(&explicit.reference) {
            mentions.push(Mention {
                actor_id: actor.id.clone(),
                range: explicit.range,
                explicit: true,
                in_footnote: false,
            });
        }
    }
    mentions.sort_by_key(|m| m.range.start);
    let footnotes = &document.footnote_defs;
    for mention in &mut mentions {
        let candidate = footnotes.partition_point(|d| d.range.end <= mention.range.start);
        mention.in_footnote = footnotes
            .get(candidate)
            .is_some_and(|d| d.range.contains(mention.range.start));
    }
    mentions
}

/// Rule levels after the front matter's `briefing:` settings, which override everything for
/// one file. Unknown names there become problems of the document.
fn effective_levels(
    config: &Config,
    document: &mut Document,
) -> HashMap<RuleCode, Option<Severity>> {
    let mut levels: HashMap<RuleCode, Option<Severity>> = RuleCode::ALL
        .into_iter()
        .map(|code| (code, config.level(code)))
        .collect();
    let Some(front_matter) = &document.front_matter else {
        return levels;
    };
    for (name, level, range) in &front_matter.rule_settings {
        match (RuleCode::from_name(name), Severity::parse_level(level)) {
            (Some(code), Some(severity)) => {
                levels.insert(code, severity);
            }
            (None, _) => document.problems.push(SyntaxProblem {
                kind: ProblemKind::UnknownRule,
                range: *range,
                message: format!("unknown rule `{name}` in front-matter `briefing`"),
            }),
            (Some(_), None) => document.problems.push(SyntaxProblem {
                kind: ProblemKind::InvalidFrontMatter,
                range: *range,
                message: format!(
                    "`{level}` is not a severity: use off, hint, info, warning or error"
                ),
            }),
        }
    }
    levels
}

/// One actor as the `actors` command and the JSON output list it.
#[derive(Clone, Debug)]
pub struct ActorSummary {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub mentions: usize,
    /// The distinct forms the text uses for it (`Moscow`, `Russia`, `@russia`).
    pub forms: Vec<String>,
    pub declared: bool,
}

impl Analysis {
    /// Every actor mentioned or declared, most mentioned first, then by name.
    pub fn actor_summaries(&self, text: &str) -> Vec<ActorSummary> {
        let declared: Vec<&str> = self
            .document
            .front_matter
            .iter()
            .flat_map(|fm| &fm.declared_actors)
            .map(|d| d.reference.as_str())
            .collect();
        let mut summaries: Vec<ActorSummary> = self
            .actors
            .values()
            .map(|actor| {
                let mentions: Vec<&Mention> = self
                    .mentions
                    .iter()
                    .filter(|m| m.actor_id == actor.id)
                    .collect();
                let mut forms: Vec<String> = Vec::new();
                for mention in &mentions {
                    let form = mention.range.slice(text).to_owned();
                    if !forms.contains(&form) {
                        forms.push(form);
                    }
                }
                let is_declared = declared.iter().any(|d| {
                    d.eq_ignore_ascii_case(&actor.id)
                        || d.replace('-', " ").eq_ignore_ascii_case(&actor.name)
                        || actor
                            .aliases
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(&d.replace('-', " ")))
                });
                ActorSummary {
                    id: actor.id.clone(),
                    name: actor.name.clone(),
                    kind: actor.kind.as_str(),
                    mentions: mentions.len(),
                    forms,
                    declared: is_declared,
                }
            })
            .collect();
        summaries.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.name.cmp(&b.name))
        });
        summaries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Large briefings are analysed on two threads, and by the server with a memo: every
    /// result must be what one thread computes.
    #[test]
    fn two_threads_give_the_same_analysis_as_one() {
        let example = include_str!("../examples/annotated/annotated-example.brief.md");
        let report = include_str!(
            "../benches/data/R47324v18-seabed-mining-in-areas-beyond-national-jurisdict.md"
        );
        let plain = include_str!("../examples/peace-talks.txt");
        let mut markdown = example.to_owned();
        for copy in 0..30 {
            markdown.push_str(&example.replace("# Summary", &format!("# Summary {copy}")));
        }
        markdown.push_str(report);
        let plain = plain.repeat(40);
        for (name, text) in [("big.brief.md", &markdown), ("big.txt", &plain)] {
            let context = Context::new(name, Config::defaults());
            let one = analyze_on(text, &context, false, None);
            let two = analyze_on(text, &context, true, None);
            // With a memo: the first run fills it, the second reuses every sentence.
            let mut memo = SentenceMemo::new();
            for _ in 0..2 {
                let incremental = analyze_on(text, &context, true, Some(&mut memo));
                assert_eq!(one.diagnostics, incremental.diagnostics, "{name}");
                assert_eq!(one.estimative_terms, incremental.estimative_terms, "{name}");
                assert_eq!(one.mentions, incremental.mentions, "{name}");
            }
            assert_eq!(memo.fresh_in_last_run(), 0, "{name}");
            // Edits on either side of the cut between the threads, reusing the memo.
            let mut edited = text.clone();
            for at in [edited.len() / 2, edited.len() / 3, 2 * edited.len() / 3, 10] {
                let at = crate::text::floor_char_boundary(&edited, at);
                edited.insert_str(at, " Iran said NATO ");
                let incremental = analyze_on(&edited, &context, true, Some(&mut memo));
                let fresh = analyze_on(&edited, &context, false, None);
                assert_eq!(fresh.diagnostics, incremental.diagnostics, "{name} at {at}");
                assert_eq!(fresh.mentions, incremental.mentions, "{name} at {at}");
            }
            assert!(one.diagnostics.len() > 100, "{name}: a meaningful test");
            assert_eq!(one.diagnostics, two.diagnostics, "{name}");
            assert_eq!(one.mentions, two.mentions, "{name}");
            assert_eq!(one.estimative_terms, two.estimative_terms, "{name}");
            assert_eq!(one.line_index, two.line_index, "{name}");
            // The parsed documents too (sentences are split on two threads): `Document` has no
            // `PartialEq`, but its `Debug` form shows every field.
            let (one_document, two_document) = (&one.document, &two.document);
            assert_eq!(
                format!("{one_document:?}"),
                format!("{two_document:?}"),
                "{name}"
            );
            assert_eq!(one.title, two.title, "{name}");
            assert_eq!(one.actors, two.actors, "{name}");
        }
    }
}
