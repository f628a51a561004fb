//! Word lists of the language rules, kept as data files under `data/lexicon/` (each says where
//! its entries come from), embedded in the binary and parsed once on first use.

use crate::fast_hash::{FastMap, FastSet};
use std::sync::LazyLock;

pub struct Lexicon {
    pub attribution_groups: FastSet<&'static str>,
    pub reporting_verbs: FastSet<&'static str>,
    pub irregular_participles: FastSet<&'static str>,
    pub adjectival_participles: FastSet<&'static str>,
    pub anonymous_sources: PhraseSet,
    pub hedges: PhraseSet,
    pub relative_times: PhraseSet,
    /// Day offsets for the relative-time quick fix, by phrase index.
    pub relative_spans: Vec<Option<(i64, i64)>>,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let relative: Vec<(&str, Option<(i64, i64)>)> =
        entries(include_str!("../../data/lexicon/relative-time.txt"))
            .map(|line| match line.split_once('=') {
                Some((phrase, span)) => {
                    let mut parts = span.split(',').filter_map(|p| p.trim().parse().ok());
                    (phrase.trim(), parts.next().zip(parts.next()))
                }
                None => (line, None),
            })
            .collect();
    Lexicon {
        attribution_groups: words(include_str!("../../data/lexicon/attribution-groups.txt")),
        reporting_verbs: words(include_str!("../../data/lexicon/reporting-verbs.txt")),
        irregular_participles: words(include_str!("../../data/lexicon/irregular-participles.txt")),
        adjectival_participles: words(include_str!(
            "../../data/lexicon/adjectival-participles.txt"
        )),
        anonymous_sources: PhraseSet::new(entries(include_str!(
            "../../data/lexicon/anonymous-sources.txt"
        ))),
        hedges: PhraseSet::new(entries(include_str!("../../data/lexicon/hedges.txt"))),
        relative_spans: relative.iter().map(|(_, span)| *span).collect(),
        relative_times: PhraseSet::new(relative.iter().map(|(phrase, _)| *phrase)),
    }
});

/// Non-comment, non-blank lines.
fn entries(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// A word list from `data/lexicon/<name>.txt`, embedded and parsed on first use.
macro_rules! word_file {
    ($name:literal) => {
        std::sync::LazyLock::new(|| {
            super::lexicon::words(include_str!(concat!("../../data/lexicon/", $name, ".txt")))
        })
    };
}
pub(crate) use word_file;

/// Every whitespace-separated word of the non-comment lines.
pub(super) fn words(file: &'static str) -> FastSet<&'static str> {
    entries(file).flat_map(str::split_whitespace).collect()
}

/// Multi-word phrases matched against token sequences, indexed by their first word.
pub struct PhraseSet {
    by_first: FastMap<&'static str, Vec<(usize, Vec<&'static str>)>>,
}

impl PhraseSet {
    fn new(phrases: impl Iterator<Item = &'static str>) -> PhraseSet {
        let mut by_first: FastMap<&'static str, Vec<(usize, Vec<&'static str>)>> =
            FastMap::default();
        for (index, phrase) in phrases.enumerate() {
            let parts: Vec<&'static str> = phrase.split_whitespace().collect();
            if let Some(first) = parts.first() {
                by_first.entry(first).or_default().push((index, parts));
            }
        }
        // Longest phrases first, so "could well" wins over a shorter entry.
        for list in by_first.values_mut() {
            list.sort_by_key(|(_, parts)| std::cmp::Reverse(parts.len()));
        }
        PhraseSet { by_first }
    }

    /// Every word that starts a phrase.
    pub fn first_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_first.keys().copied()
    }

    /// The longest phrase starting at word `i` of `words` (lowercased): (phrase index, length).
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        let candidates = self.by_first.get(words[i])?;
        candidates
            .iter()
            .find(|(_, parts)| {
                words.len() - i >= parts.len() && parts.iter().zip(&words[i..]).all(|(p, w)| p == w)
            })
            .map(|(index, parts)| (*index, parts.len()))
    }
}
