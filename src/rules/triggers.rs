//! Word families that can trigger each language rule, looked up once per word while the
//! document's words are read. A rule skips every sentence that has none of its trigger words,
//! which is most sentences: the expensive pattern code runs only where it can match.

use std::sync::LazyLock;

use super::lexicon::LEXICON;
use super::{
    anonymous_source, estimative_language, missing_actor, relative_time, unsupported_claim,
    vague_actor, vague_attribution,
};
use crate::fast_hash::FastMap;

pub const VAGUE_ATTRIBUTION: u32 = 1 << 0;
pub const ANONYMOUS_SOURCE: u32 = 1 << 1;
pub const CLAIM: u32 = 1 << 2;
pub const PASSIVE: u32 = 1 << 3;
pub const VAGUE_ACTOR: u32 = 1 << 4;
pub const ESTIMATIVE: u32 = 1 << 5;
pub const RELATIVE_TIME: u32 = 1 << 6;
/// A number token.
pub const NUMBER: u32 = 1 << 7;
/// An all-capital word of 2–6 letters.
pub const CAPITALS: u32 = 1 << 8;

/// The trigger words in an open-addressing table at most a quarter full, looked up by a hash
/// of the word: most words of the prose land on an empty slot at the first probe. (A
/// `HashMap` lookup, behind a filter by first letter and length, cost five times as much.)
static TABLE: LazyLock<WordTable> = LazyLock::new(|| WordTable::new(&TRIGGERS));

static TRIGGERS: LazyLock<FastMap<&'static str, u32>> = LazyLock::new(|| {
    let mut map: FastMap<&'static str, u32> = FastMap::default();
    let mut add = |family: u32, words: &mut dyn Iterator<Item = &'static str>| {
        for word in words {
            *map.entry(word).or_default() |= family;
        }
    };
    add(
        VAGUE_ATTRIBUTION,
        &mut LEXICON.reporting_verbs.iter().copied(),
    );
    add(VAGUE_ATTRIBUTION, &mut vague_attribution::trigger_words());
    // Every anonymous source has a source noun or a listed phrase in it: reporting verbs,
    // in most sentences of a briefing, would select sentences that cannot have one.
    add(
        ANONYMOUS_SOURCE,
        &mut LEXICON.anonymous_sources.required_words(),
    );
    add(ANONYMOUS_SOURCE, &mut anonymous_source::trigger_words());
    add(CLAIM, &mut unsupported_claim::trigger_words());
    add(PASSIVE, &mut missing_actor::trigger_words());
    add(VAGUE_ACTOR, &mut vague_actor::trigger_words());
    add(ESTIMATIVE, &mut LEXICON.hedges.required_words());
    add(ESTIMATIVE, &mut estimative_language::trigger_words());
    // "in", "this" and "last" start most relative-time phrases and half the sentences of a
    // briefing; "coming", "week" or "yesterday" select the few where a phrase can match.
    add(RELATIVE_TIME, &mut LEXICON.relative_times.required_words());
    add(RELATIVE_TIME, &mut relative_time::trigger_words());
    map
});

/// The families of one lowercased word (possessives count as the bare word).
#[cfg(test)]
pub fn families(lower: &str) -> u32 {
    table().families(lower)
}

/// The table of trigger words, to look many words up without asking each time whether it is
/// built yet.
pub fn table() -> &'static WordTable {
    &TABLE
}

pub struct WordTable {
    /// (hash, families, index in `words`); families 0 marks an empty slot.
    slots: Box<[(u64, u32, u32)]>,
    words: Vec<&'static str>,
    /// A word's slot is the top bits of its hash: `hash >> shift`.
    shift: u32,
}

impl WordTable {
    fn new(triggers: &FastMap<&'static str, u32>) -> WordTable {
        let size = (triggers.len() * 4).next_power_of_two().max(16);
        let shift = 64 - size.trailing_zeros();
        let mut slots = vec![(0, 0, 0); size].into_boxed_slice();
        let mut words = Vec::with_capacity(triggers.len());
        for (&word, &families) in triggers {
            if families == 0 {
                continue;
            }
            let hash = word_hash(word);
            let mut slot = (hash >> shift) as usize;
            while slots[slot].1 != 0 {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = (hash, families, words.len() as u32);
            words.push(word);
        }
        WordTable {
            slots,
            words,
            shift,
        }
    }

    /// The families of one lowercased word (possessives count as the bare word).
    #[inline]
    pub fn families(&self, lower: &str) -> u32 {
        // Most words do not end in `s`: one test spares them two comparisons.
        let bare = match lower.as_bytes().last() {
            Some(b's') => lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("’s"))
                .unwrap_or(lower),
            _ => lower,
        };
        self.get(bare)
    }

    #[inline]
    fn get(&self, word: &str) -> u32 {
        let hash = word_hash(word);
        let mask = self.slots.len() - 1;
        let mut slot = (hash >> self.shift) as usize;
        loop {
            let (slot_hash, families, index) = self.slots[slot];
            if families == 0 {
                return 0;
            }
            if slot_hash == hash && self.words[index as usize] == word {
                return families;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// A hash of the word's length and its first and last four bytes (its first, middle and last
/// bytes if it is shorter): a few instructions whatever its length, where hashing every byte
/// is a loop. Words that share them share a hash, and are told apart by comparing them. The
/// table is indexed by the top bits of the product, which every bit of the key reaches.
#[inline]
fn word_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let n = bytes.len();
    let key = match (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        (Some(head), Some(tail)) => {
            u64::from(u32::from_le_bytes(*head)) << 32 | u64::from(u32::from_le_bytes(*tail))
        }
        _ if n > 0 => {
            u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16
        }
        _ => 0,
    };
    (key ^ (n as u64).rotate_right(8)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table answers what the map it is built from answers, for every trigger word, its
    /// possessive, and words that are not triggers.
    #[test]
    fn the_table_agrees_with_the_map() {
        assert!(TRIGGERS.len() > 100, "a meaningful test");
        for (word, families) in TRIGGERS.iter() {
            assert_eq!(TABLE.get(word), *families, "{word}");
            assert_eq!(super::families(&format!("{word}'s")), *families, "{word}'s");
        }
        // Words that share a trigger word's length and first and last four bytes share its
        // hash: the comparison tells them apart.
        for word in TRIGGERS.keys().filter(|w| w.len() >= 9 && w.is_ascii()) {
            let mut twin = word.as_bytes().to_vec();
            twin[4] = if twin[4] == b'q' { b'z' } else { b'q' };
            let twin = String::from_utf8(twin).unwrap();
            let expected = TRIGGERS.get(twin.as_str()).copied().unwrap_or(0);
            assert_eq!(TABLE.get(&twin), expected, "{twin}");
        }
        for word in ["", "the", "zzz", "analysts-say", "saidx", "x"] {
            let expected = TRIGGERS.get(word).copied().unwrap_or(0);
            assert_eq!(TABLE.get(word), expected, "{word}");
        }
    }

    /// A sentence that holds a listed phrase, or a standard estimative term, is selected for
    /// the rule that looks for it, whichever of the phrase's words selects it.
    #[test]
    fn every_phrase_selects_its_sentence() {
        let lists = [
            (&LEXICON.anonymous_sources, ANONYMOUS_SOURCE),
            (&LEXICON.relative_times, RELATIVE_TIME),
            (&LEXICON.hedges, ESTIMATIVE),
        ];
        let mut phrases: Vec<(String, u32)> = Vec::new();
        for (list, family) in lists {
            phrases.extend(list.phrases().map(|p| (p.join(" "), family)));
        }
        phrases.extend(
            estimative_language::standard_terms_list().map(|term| (term.to_owned(), ESTIMATIVE)),
        );
        assert!(phrases.len() > 100, "a meaningful test");
        for (phrase, family) in phrases {
            let selected = phrase
                .split(' ')
                .any(|word| super::families(word) & family != 0);
            assert!(selected, "{phrase}");
        }
    }
}
