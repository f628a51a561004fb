//! Findings of the per-sentence rules kept from one analysis of a document to the next, so that
//! a keystroke re-runs those rules on the sentence it changed, not on the whole briefing.
//!
//! A sentence's findings under the per-sentence rules ([`super::RuleSet::Sentences`]), and the
//! acronyms `undefined-acronym` resolves across the document, depend only on its own text and prose mask, whether it is cited, the actor mentions inside it, and
//! the settings (configuration, front matter, flavour). Those are the key. Findings are kept
//! with ranges relative to the sentence's start, so a sentence that moved because text was
//! typed above it is still found. The memo holds the sentences of the last analysis only.
//!
//! Keys are 128-bit hashes (FxHash and a multiply-fold hash over the same fields), so a lookup costs no copy
//! of the text; two different sentences with equal keys are, for text a person writes, as
//! unlikely as a hardware fault. Correctness does not depend on the rules honouring the
//! selection: a fresh finding in a reused sentence is dropped (the reused one is identical), and
//! a finding outside every sentence makes the memo step aside for the whole run.

use std::sync::Arc;

use super::undefined_acronym::{self, AcronymMention};
use super::{Citations, Diagnostic, RuleCode, RuleContext, RuleSet};
use crate::actors::PieceNames;
use crate::analysis::EstimativeTerm;
use crate::analysis::Mention;
use crate::config::Config;
use crate::fast_hash::{FastMap, FastSet, KeyHasher};
use crate::model::Document;
use crate::text::TextRange;

/// What every sentence's findings depend on besides the sentence itself.
pub struct MemoSettings {
    /// Held so that its address identifies it: a freed `Config` cannot be replaced by another
    /// at the same address while the memo keeps it alive.
    pub config: Arc<Config>,
    /// The front matter's text (date, inline actors, per-file rule levels) and the flavour.
    pub document: u128,
}

impl PartialEq for MemoSettings {
    fn eq(&self, other: &MemoSettings) -> bool {
        Arc::ptr_eq(&self.config, &other.config) && self.document == other.document
    }
}

#[derive(Default)]
pub struct SentenceMemo {
    settings: Option<MemoSettings>,
    /// Sentences with findings, by key; ranges relative to the sentence's start.
    found: FastMap<u128, SentenceFindings>,
    /// Sentences without findings.
    quiet: FastSet<u128>,
    /// The actor names of each piece of prose.
    names: PieceNames,
    /// How many sentences the last run looked at afresh.
    last_fresh: usize,
    /// Findings the last run computed for reused sentences: work of a rule that does not ask
    /// `RuleContext::sentence_has` / `is_selected` (harmless, but slow).
    last_wasted: usize,
}

/// What the per-sentence work gives for a sentence, or for a document in sentence order.
#[derive(Default)]
pub struct SentenceFindings {
    /// Of the per-sentence rules; not sorted.
    pub diagnostics: Vec<Diagnostic>,
    pub terms: Vec<EstimativeTerm>,
    /// For `undefined-acronym`, which resolves them across the document.
    pub acronyms: Vec<AcronymMention>,
}

impl SentenceFindings {
    fn is_empty(&self) -> bool {
        self.diagnostics.is_empty() && self.terms.is_empty() && self.acronyms.is_empty()
    }

    /// Every range moved from an origin at `from` to one at `to`.
    fn moved(&self, from: usize, to: usize) -> SentenceFindings {
        SentenceFindings {
            diagnostics: self
                .diagnostics
                .iter()
                .map(|d| moved(d, from, to))
                .collect(),
            terms: self.terms.iter().map(|t| moved_term(t, from, to)).collect(),
            acronyms: self
                .acronyms
                .iter()
                .map(|a| AcronymMention {
                    range: shift(a.range, from, to),
                    ..*a
                })
                .collect(),
        }
    }

    /// Appends every finding to `out`, moved from an origin at `from` to one at `to`:
    /// [`Self::moved`] without a temporary per sentence.
    fn move_into(&self, from: usize, to: usize, out: &mut SentenceFindings) {
        out.diagnostics
            .extend(self.diagnostics.iter().map(|d| moved(d, from, to)));
        out.terms
            .extend(self.terms.iter().map(|t| moved_term(t, from, to)));
        out.acronyms
            .extend(self.acronyms.iter().map(|a| AcronymMention {
                range: shift(a.range, from, to),
                ..*a
            }));
    }

    fn extend(&mut self, other: SentenceFindings) {
        self.diagnostics.extend(other.diagnostics);
        self.terms.extend(other.terms);
        self.acronyms.extend(other.acronyms);
    }
}

impl SentenceMemo {
    pub fn new() -> SentenceMemo {
        SentenceMemo::default()
    }

    /// How many sentences the memo holds.
    pub fn len(&self) -> usize {
        self.found.len() + self.quiet.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many sentences the last run gave to the rules (the others' findings were reused).
    pub fn fresh_in_last_run(&self) -> usize {
        self.last_fresh
    }

    /// Findings the last run computed again for sentences whose findings it reused.
    pub fn wasted_in_last_run(&self) -> usize {
        self.last_wasted
    }

    /// Takes the settings of the next analysis; what the memo holds under other settings is
    /// forgotten.
    pub fn settle(&mut self, settings: MemoSettings) {
        if self.settings.as_ref() != Some(&settings) {
            self.found.clear();
            self.quiet.clear();
            self.names.clear();
            self.settings = Some(settings);
        }
    }

    /// The names of the pieces of prose of the last analysis ([`PieceNames::find`]).
    pub fn names(&self) -> &PieceNames {
        &self.names
    }

    /// Keeps the names of this analysis's pieces of prose for the next.
    pub fn keep_names(&mut self, names: PieceNames) {
        self.names = names;
    }

    /// Which sentences the memo has not seen (their `keys` are [`sentence_keys`]): only those
    /// need their words read and the rules run on them.
    pub fn fresh(&self, keys: &[u128]) -> Vec<bool> {
        keys.iter()
            .map(|key| !self.found.contains_key(key) && !self.quiet.contains(key))
            .collect()
    }

    /// The per-sentence rules' diagnostics (in sentence order, not yet sorted), the standard
    /// estimative terms and the acronyms of the document in `context`, computed only for the
    /// `fresh` sentences ([`Self::fresh`]) and reused for the others. Leaves `context`
    /// restricted to the fresh sentences.
    ///
    /// `None` when a finding lies outside every sentence: the rules are not what the memo
    /// assumes, so the memo forgets everything and the caller analyses without it.
    pub fn run(
        &mut self,
        context: &mut RuleContext,
        keys: &[u128],
        fresh: Vec<bool>,
        parallel: bool,
    ) -> Option<SentenceFindings> {
        let sentences = &context.document.sentences;
        if keys.len() != sentences.len() || fresh.len() != sentences.len() {
            return self.step_aside(sentences.len());
        }
        self.last_fresh = fresh.iter().filter(|f| **f).count();
        context.restrict_to(fresh.clone());
        let (diagnostics, terms) = super::run(context, RuleSet::Sentences, parallel);

        let starts: Vec<usize> = sentences.iter().map(|s| s.range.start).collect();
        let sentence_of = |range: TextRange| {
            let index = starts
                .partition_point(|start| *start <= range.start)
                .checked_sub(1)?;
            sentences[index]
                .range
                .contains_range(range)
                .then_some(index)
        };
        // Fresh sentences only: after a keystroke, one or two of thousands.
        let mut by_sentence: FastMap<usize, SentenceFindings> = FastMap::default();
        let acronyms = context.severity(RuleCode::UndefinedAcronym).is_some();
        self.last_wasted = 0;
        for diagnostic in diagnostics {
            let Some(index) = sentence_of(diagnostic.range)
                .filter(|index| all_ranges(&diagnostic).all(|r| sentence_of(r) == Some(*index)))
            else {
                return self.step_aside(sentences.len());
            };
            if fresh[index] {
                by_sentence
                    .entry(index)
                    .or_default()
                    .diagnostics
                    .push(diagnostic);
            } else {
                self.last_wasted += 1;
            }
        }
        for term in terms {
            let Some(index) = sentence_of(term.range) else {
                return self.step_aside(sentences.len());
            };
            if fresh[index] {
                by_sentence.entry(index).or_default().terms.push(term);
            } else {
                self.last_wasted += 1;
            }
        }

        let mut found: FastMap<u128, SentenceFindings> = FastMap::default();
        found.reserve(self.found.len());
        let mut quiet: FastSet<u128> = FastSet::default();
        quiet.reserve(self.quiet.len());
        let mut all = SentenceFindings::default();
        for (index, sentence) in sentences.iter().enumerate() {
            let start = sentence.range.start;
            let key = keys[index];
            if fresh[index] {
                let mut here = by_sentence.remove(&index).unwrap_or_default();
                if acronyms {
                    undefined_acronym::extract(context, index, &mut here.acronyms);
                }
                if here.is_empty() {
                    quiet.insert(key);
                } else {
                    found.entry(key).or_insert_with(|| here.moved(start, 0));
                }
                all.extend(here);
            } else if let Some(kept) = found.get(&key) {
                // A sentence repeated in the document: its findings are already moved over.
                kept.move_into(0, start, &mut all);
            } else if let Some(kept) = self.found.remove(&key) {
                // Moved from the old memo to the new one, not copied.
                kept.move_into(0, start, &mut all);
                found.insert(key, kept);
            } else {
                quiet.insert(key);
            }
        }
        self.found = found;
        self.quiet = quiet;
        Some(all)
    }

    /// A finding outside every sentence: forget everything, so the next run starts afresh.
    fn step_aside(&mut self, sentences: usize) -> Option<SentenceFindings> {
        self.found.clear();
        self.quiet.clear();
        self.names.clear();
        self.settings = None;
        self.last_fresh = sentences;
        self.last_wasted = 0;
        None
    }
}

/// A hash of the front matter's text and the flavour, for [`MemoSettings::document`].
pub fn document_settings_key(front_matter: &str, flavour: crate::model::Flavour) -> u128 {
    let mut hasher = KeyHasher::new();
    hasher.bytes(front_matter.as_bytes());
    hasher.number(flavour as u64);
    hasher.finish()
}

/// Each sentence's text and prose mask, hashed: the part of its key ([`sentence_keys`]) that
/// needs no mentions or citations, so it is computed while those are found.
pub fn sentence_hashes(text: &str, document: &Document) -> Vec<u128> {
    document
        .sentences
        .iter()
        .map(|sentence| {
            let mut hasher = KeyHasher::new();
            let (text, prose) = (
                sentence.range.slice(text),
                sentence.range.slice(&document.prose),
            );
            hasher.bytes(text.as_bytes());
            // Most sentences have no markup: their prose is their text, and comparing costs
            // far less than hashing. (Hashed prose starts with its length, the text's, which
            // is never `u64::MAX`.)
            if prose == text {
                hasher.number(u64::MAX);
            } else {
                hasher.bytes(prose.as_bytes());
            }
            hasher.finish()
        })
        .collect()
}

/// Each sentence's key: its text and prose mask ([`sentence_hashes`]), whether it is cited,
/// and the actor mentions that overlap it (as the rules see them through `SentenceView`).
pub fn sentence_keys(
    hashes: &[u128],
    document: &Document,
    citations: &Citations,
    mentions: &[Mention],
) -> Vec<u128> {
    let mut first = 0;
    let mut keys = Vec::with_capacity(document.sentences.len());
    for (index, (sentence, hash)) in document.sentences.iter().zip(hashes).enumerate() {
        let range = sentence.range;
        let mut hasher = KeyHasher::new();
        hasher.number(*hash as u64);
        hasher.number((*hash >> 64) as u64);
        hasher.number(
            u64::from(citations.is_cited(index)) | u64::from(citations.is_cited_itself(index)) << 1,
        );
        // Sentences are in order: the mentions before this one are before the next one too.
        first += mentions[first..].partition_point(|m| m.range.end <= range.start);
        for mention in mentions[first..]
            .iter()
            .take_while(|m| m.range.start <= range.end)
        {
            hasher.number(mention.range.start.wrapping_sub(range.start) as u64);
            hasher.number(mention.range.end.wrapping_sub(range.start) as u64);
            hasher.bytes(mention.actor_id.as_bytes());
            hasher.number(u64::from(mention.explicit) | u64::from(mention.in_footnote) << 1);
        }
        keys.push(hasher.finish());
    }
    keys
}

/// The diagnostic's range and those of its fixes and related places.
fn all_ranges(diagnostic: &Diagnostic) -> impl Iterator<Item = TextRange> + '_ {
    let edits = diagnostic
        .fixes
        .iter()
        .flat_map(|f| f.edits.iter().map(|e| e.range));
    let related = diagnostic.related.iter().map(|r| r.range);
    std::iter::once(diagnostic.range)
        .chain(edits)
        .chain(related)
}

fn shift(range: TextRange, from: usize, to: usize) -> TextRange {
    TextRange::new(range.start - from + to, range.end - from + to)
}

/// `diagnostic` with every range moved from an origin at `from` to one at `to`.
fn moved(diagnostic: &Diagnostic, from: usize, to: usize) -> Diagnostic {
    let mut diagnostic = diagnostic.clone();
    diagnostic.range = shift(diagnostic.range, from, to);
    for fix in &mut diagnostic.fixes {
        for edit in &mut fix.edits {
            edit.range = shift(edit.range, from, to);
        }
    }
    for related in &mut diagnostic.related {
        related.range = shift(related.range, from, to);
    }
    diagnostic
}

fn moved_term(term: &EstimativeTerm, from: usize, to: usize) -> EstimativeTerm {
    EstimativeTerm {
        range: shift(term.range, from, to),
        ..term.clone()
    }
}
