//! What every rule can read: the text, the parsed document, settings, actors and mentions, and
//! a few facts computed once per document (which sentences are cited).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::words::Words;
use super::{Diagnostic, RuleCode, Severity, diagnostic};
use crate::actors::ActorSet;
use crate::analysis::Mention;
use crate::config::{CitationScope, Config};
use crate::model::{Document, ProblemKind};
use crate::text::{LineIndex, TextRange};

#[derive(Clone)]
pub struct RuleContext<'a> {
    pub text: &'a str,
    pub document: &'a Document,
    pub line_index: &'a LineIndex,
    pub config: &'a Config,
    pub actors: &'a ActorSet<'a>,
    pub mentions: &'a [Mention],
    levels: &'a HashMap<RuleCode, Option<Severity>>,
    citations: Arc<Citations>,
    pub words: &'a Words<'a>,
    /// When set, the per-sentence rules look only at the sentences marked `true`: the others'
    /// findings are reused from an earlier analysis (`rules::memo`).
    only_sentences: Option<Arc<[bool]>>,
    /// The per-sentence rules look only at these sentences: all of them, or one part of the
    /// document when the rules run on two threads (`rules::run`).
    sentence_range: Range<usize>,
}

impl<'a> RuleContext<'a> {
    /// `words` are the document's words (`Words::new`) and `citations` which sentences are
    /// cited (`Citations::new`), each computed once and shared.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        text: &'a str,
        document: &'a Document,
        line_index: &'a LineIndex,
        config: &'a Config,
        actors: &'a ActorSet<'a>,
        mentions: &'a [Mention],
        levels: &'a HashMap<RuleCode, Option<Severity>>,
        words: &'a Words<'a>,
        citations: Citations,
    ) -> RuleContext<'a> {
        RuleContext {
            text,
            document,
            line_index,
            config,
            actors,
            mentions,
            levels,
            citations: Arc::new(citations),
            words,
            only_sentences: None,
            sentence_range: 0..document.sentences.len(),
        }
    }

    /// Limits the per-sentence rules to the sentences marked `true` (see [`Self::sentence_has`]).
    pub fn restrict_to(&mut self, only_sentences: Vec<bool>) {
        self.only_sentences = Some(only_sentences.into());
    }

    /// This context with the per-sentence rules limited to the sentences in `range` as well.
    pub fn part(&self, range: Range<usize>) -> RuleContext<'a> {
        let mut part = self.clone();
        part.sentence_range = range;
        part
    }

    /// The sentences the per-sentence rules look at, in order (they also ask
    /// [`Self::is_selected`] or [`Self::sentence_has`] of each).
    pub fn sentence_indices(&self) -> Range<usize> {
        self.sentence_range.clone()
    }

    /// Whether a per-sentence rule should look at sentence `index`: one of its words belongs
    /// to one of the `families` (`triggers.rs`) and the sentence's findings are not reused.
    /// Rules that read across sentences (`undefined-acronym`) ask `words` directly.
    pub fn sentence_has(&self, index: usize, families: u32) -> bool {
        self.is_selected(index) && self.words.sentence_has(index, families)
    }

    /// Whether the per-sentence rules look at sentence `index` at all.
    pub fn is_selected(&self, index: usize) -> bool {
        self.sentence_range.contains(&index)
            && self
                .only_sentences
                .as_ref()
                .is_none_or(|only| only.get(index).copied().unwrap_or(false))
    }

    /// The level in force for `code` in this document; `None` is off.
    pub fn severity(&self, code: RuleCode) -> Option<Severity> {
        self.levels.get(&code).copied().flatten()
    }

    /// Cited under the configured scope (SPEC §2.5).
    pub fn is_cited(&self, sentence: usize) -> bool {
        self.citations.is_cited(sentence)
    }

    /// The sentence itself carries a citation.
    pub fn is_cited_itself(&self, sentence: usize) -> bool {
        self.citations.is_cited_itself(sentence)
    }

    /// Whether `key` is defined in front-matter `sources` or `briefing.toml` `[sources]`.
    pub fn source_text(&self, key: &str) -> Option<&str> {
        let front_matter = self.document.front_matter.iter().flat_map(|fm| &fm.sources);
        front_matter
            .chain(&self.config.sources)
            .find(|s| s.key == key)
            .map(|s| s.text.as_str())
    }

    /// Reports the parser's problems of the kind that belongs to `code`.
    pub fn syntax_problems(&self, code: RuleCode, out: &mut Vec<Diagnostic>) {
        let kind = match code {
            RuleCode::InvalidFrontMatter => ProblemKind::InvalidFrontMatter,
            RuleCode::UnknownRule => ProblemKind::UnknownRule,
            _ => return,
        };
        for problem in self.document.problems.iter().filter(|p| p.kind == kind) {
            out.push(diagnostic(code, problem.range, problem.message.clone()));
        }
    }

    /// Mentions whose range lies inside `range`, by binary search.
    pub fn mentions_in(&self, range: TextRange) -> &'a [Mention] {
        let start = self
            .mentions
            .partition_point(|m| m.range.start < range.start);
        let end = self.mentions.partition_point(|m| m.range.start < range.end);
        &self.mentions[start..end.max(start)]
    }
}

/// Which sentences carry a citation: read from the document alone, so it can be computed
/// while the words are read.
pub struct Citations {
    /// Per sentence: does it, or (paragraph scope) its paragraph's last sentence, carry a
    /// citation?
    cited: Vec<bool>,
    /// Per sentence: does the sentence itself carry a citation?
    cited_itself: Vec<bool>,
}

impl Citations {
    pub fn new(document: &Document, scope: CitationScope) -> Citations {
        Citations {
            cited: cited_sentences(document, scope),
            cited_itself: cited_sentences(document, CitationScope::Sentence),
        }
    }

    /// Cited under the configured scope (SPEC §2.5).
    pub fn is_cited(&self, sentence: usize) -> bool {
        self.cited.get(sentence).copied().unwrap_or(false)
    }

    /// The sentence itself carries a citation.
    pub fn is_cited_itself(&self, sentence: usize) -> bool {
        self.cited_itself.get(sentence).copied().unwrap_or(false)
    }
}

fn cited_sentences(document: &Document, scope: CitationScope) -> Vec<bool> {
    // A citation counts where it overlaps the sentence: a link's `[` comes before the first
    // prose character of a sentence that is all link text.
    let mut marks: Vec<TextRange> = Vec::new();
    marks.extend(document.footnote_refs.iter().map(|r| r.range));
    marks.extend(document.citations.iter().map(|c| c.range));
    marks.extend(document.links.iter().map(|l| l.range));
    marks.sort_unstable_by_key(|m| m.start);
    let has_mark = |range: TextRange| {
        let i = marks.partition_point(|m| m.start < range.start);
        let starts_inside = marks.get(i).is_some_and(|m| m.start < range.end);
        let covers_start = i > 0 && marks[i - 1].end > range.start;
        starts_inside || covers_start
    };
    let mut cited = vec![false; document.sentences.len()];
    for paragraph in &document.paragraphs {
        let sentences = paragraph.sentences.clone();
        for index in sentences.clone() {
            // A citation right after the full stop ("… in 2025. [^3]") still belongs to it.
            let extent_end = document
                .sentences
                .get(index + 1)
                .filter(|_| index + 1 < sentences.end)
                .map_or(paragraph.range.end, |next| next.range.start);
            let extent = TextRange::new(
                document.sentences[index].range.start,
                extent_end.max(document.sentences[index].range.start),
            );
            cited[index] = has_mark(extent);
        }
        if scope == CitationScope::Paragraph
            && let Some(last) = sentences.clone().last()
            && cited[last]
        {
            for index in sentences {
                cited[index] = true;
            }
        }
    }
    cited
}
