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
    /// What each relative-time phrase stands for, for the quick fix, by phrase index.
    pub relative_spans: Vec<Option<RelativeSpan>>,
}

/// The days a relative-time phrase stands for, relative to the briefing's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelativeSpan {
    /// From and to, in days from the date, both inclusive ("in the coming days" = 1,7).
    Days(i64, i64),
    /// A part of a calendar week (Monday to Sunday), month or year: "last month" is the
    /// whole previous month, not the 31 days before the date.
    Calendar(CalendarUnit, CalendarPart),
    /// A named weekday (0 = Monday) before or after the date. "this past Friday" and "this
    /// coming Friday" are the nearest one; "last Friday" and "next Friday" only when the
    /// nearest one lies outside the date's own week, since said on a Monday, "next Friday"
    /// may mean either of two Fridays (`unambiguous` false).
    Weekday {
        weekday: i64,
        forward: bool,
        unambiguous: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarUnit {
    Week,
    Month,
    Year,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarPart {
    Previous,
    Current,
    Next,
    /// From its start to the day before the date ("earlier this month").
    SoFar,
    /// From the day after the date to its end ("later this year").
    Rest,
}

/// A span after `=` in `relative-time.txt`: `-7,-1` (days), `month,previous` or
/// `last,friday`.
fn relative_span(text: &str) -> Option<RelativeSpan> {
    let (first, second) = text.split_once(',')?;
    let (first, second) = (first.trim(), second.trim());
    if let (Ok(from), Ok(to)) = (first.parse(), second.parse()) {
        return Some(RelativeSpan::Days(from, to));
    }
    if let Some(weekday) = WEEKDAYS.iter().position(|&day| day == second) {
        let (forward, unambiguous) = match first {
            "this-past" => (false, true),
            "last" => (false, false),
            "this-coming" => (true, true),
            "next" => (true, false),
            _ => return None,
        };
        return Some(RelativeSpan::Weekday {
            weekday: weekday as i64,
            forward,
            unambiguous,
        });
    }
    let unit = match first {
        "week" => CalendarUnit::Week,
        "month" => CalendarUnit::Month,
        "year" => CalendarUnit::Year,
        _ => return None,
    };
    let part = match second {
        "previous" => CalendarPart::Previous,
        "current" => CalendarPart::Current,
        "next" => CalendarPart::Next,
        "so-far" => CalendarPart::SoFar,
        "rest" => CalendarPart::Rest,
        _ => return None,
    };
    Some(RelativeSpan::Calendar(unit, part))
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let relative: Vec<(&str, Option<RelativeSpan>)> =
        entries(include_str!("../../data/lexicon/relative-time.txt"))
            .map(|line| match line.split_once('=') {
                Some((phrase, span)) => (phrase.trim(), relative_span(span)),
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
        hedges: PhraseSet::new(hedge_entries().map(|(hedge, _)| hedge)),
        relative_spans: relative.iter().map(|(_, span)| *span).collect(),
        relative_times: PhraseSet::new(relative.iter().map(|(phrase, _)| *phrase)),
    }
});

/// `hedges.txt`: each hedge with the standard term nearest to it (after `=`), in file order,
/// which is the order of [`Lexicon::hedges`]' phrase indices.
pub fn hedge_entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    entries(include_str!("../../data/lexicon/hedges.txt")).map(|line| match line.split_once('=') {
        Some((hedge, nearest)) => (hedge.trim(), nearest.trim()),
        None => (line, ""),
    })
}

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
            $crate::rules::lexicon::words(include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/lexicon/",
                $name,
                ".txt"
            )))
        })
    };
}
pub(crate) use word_file;

/// Every whitespace-separated word of the non-comment lines.
pub(crate) fn words(file: &'static str) -> FastSet<&'static str> {
    entries(file).flat_map(str::split_whitespace).collect()
}

/// Multi-word phrases matched against token sequences, indexed by their first word.
pub struct PhraseSet {
    by_first: FastMap<&'static str, Vec<(usize, Vec<&'static str>)>>,
    /// The first words' shapes, to reject most words without hashing them.
    first_shapes: Shapes,
}

/// A filter of words by (first byte, length): a word whose shape is not in the set is not in
/// the list it was built from. Most words of the prose fail it, and it costs two loads where a
/// lookup hashes and compares the word.
pub struct Shapes {
    /// For each first byte, a bit per length (lengths past 31 share the last bit).
    lengths: Box<[u32; 256]>,
}

impl Shapes {
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> Shapes {
        let mut lengths = Box::new([0u32; 256]);
        for word in words {
            if let Some(&first) = word.as_bytes().first() {
                lengths[usize::from(first)] |= Shapes::bit(word.len());
            }
        }
        Shapes { lengths }
    }

    /// False only when `word` is certainly not one of the words.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&first) => self.lengths[usize::from(first)] & Shapes::bit(word.len()) != 0,
            None => false,
        }
    }

    #[inline]
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }
}

/// One of a phrase's words (`parts`, lowercase) that a sentence must contain for the phrase to
/// match there, to select sentences by (`triggers.rs`): its longest word of letters only,
/// usually the rarest ("anonymity" rather than "on"). A word of letters only is a word token
/// when it matches, and never a possessive, which the trigger table would look up without its
/// "'s". A phrase with no such word is selected by its first word.
pub fn required_word(parts: &[&'static str]) -> &'static str {
    parts
        .iter()
        .copied()
        .filter(|part| part.bytes().all(|b| b.is_ascii_alphabetic()))
        .max_by_key(|part| part.len())
        .unwrap_or(parts[0])
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
        let first_shapes = Shapes::new(by_first.keys().copied());
        PhraseSet {
            by_first,
            first_shapes,
        }
    }

    /// Every phrase, as its words.
    #[cfg(test)]
    pub fn phrases(&self) -> impl Iterator<Item = &[&'static str]> + '_ {
        self.by_first
            .values()
            .flatten()
            .map(|(_, parts)| &parts[..])
    }

    /// Every word that starts a phrase.
    #[cfg(test)]
    fn first_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_first.keys().copied()
    }

    /// For each phrase, its [`required_word`].
    pub fn required_words(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.by_first
            .values()
            .flatten()
            .map(|(_, parts)| required_word(parts))
    }

    /// The longest phrase starting at word `i` of `words` (lowercased): (phrase index, length).
    ///
    /// Inlined: most words fail the shape test, which should cost no call.
    #[inline]
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        if !self.first_shapes.may_contain(words[i]) {
            return None;
        }
        self.match_listed_at(words, i)
    }

    /// [`Self::match_at`] past the shape test.
    #[inline(never)]
    fn match_listed_at(&self, words: &[&str], i: usize) -> Option<(usize, usize)> {
        let candidates = self.by_first.get(words[i])?;
        // The first word is the key just found: compare the rest, and first bytes before
        // calling for a comparison of the whole word.
        let after = &words[i + 1..];
        candidates
            .iter()
            .find(|(_, parts)| {
                after.len() >= parts.len() - 1
                    && parts[1..].iter().zip(after).all(|(p, w)| {
                        p.len() == w.len() && p.as_bytes()[0] == w.as_bytes()[0] && p == w
                    })
            })
            .map(|(index, parts)| (*index, parts.len()))
    }
}

/// The days of the week, Monday first (its index is `Date::days_since_monday`), lower case.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A month's name or its abbreviation, lowercased ("march", "sept"): dates in the rules that read
/// them ("by 1 June", "in May 2024").
pub(crate) fn is_month(word: &str) -> bool {
    matches!(
        word,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_never_reject_a_listed_word() {
        let words = ["a", "likely", "über", "x".repeat(40).leak()];
        let shapes = Shapes::new(words.iter().copied());
        assert!(words.iter().all(|w| shapes.may_contain(w)));
        assert!(!shapes.may_contain("likelz") || shapes.may_contain("likely"));
        assert!(!shapes.may_contain("b"));
        assert!(!shapes.may_contain(""));
        for set in [
            &LEXICON.hedges,
            &LEXICON.anonymous_sources,
            &LEXICON.relative_times,
        ] {
            assert!(set.first_words().all(|w| set.first_shapes.may_contain(w)));
        }
    }
}
