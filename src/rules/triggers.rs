//! Word families that can trigger each language rule, looked up once per word while the
//! document's words are read. A rule skips every sentence that has none of its trigger words,
//! which is most sentences: the expensive pattern code runs only where it can match.

use std::sync::LazyLock;

use super::lexicon::LEXICON;
use super::{
    anonymous_source, estimative_language, missing_actor, relative_time, unsupported_claim,
    vague_actor, vague_attribution,
};
use std::hash::Hasher;

use crate::fast_hash::{FastMap, FxHasher};

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
    add(
        ANONYMOUS_SOURCE,
        &mut LEXICON.anonymous_sources.first_words(),
    );
    add(
        ANONYMOUS_SOURCE,
        &mut LEXICON.reporting_verbs.iter().copied(),
    );
    add(ANONYMOUS_SOURCE, &mut anonymous_source::trigger_words());
    add(CLAIM, &mut unsupported_claim::trigger_words());
    add(PASSIVE, &mut missing_actor::trigger_words());
    add(VAGUE_ACTOR, &mut vague_actor::trigger_words());
    add(ESTIMATIVE, &mut LEXICON.hedges.first_words());
    add(ESTIMATIVE, &mut estimative_language::trigger_words());
    add(RELATIVE_TIME, &mut LEXICON.relative_times.first_words());
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
    /// For each first byte, bit `min(length, 63)` set if a word of the table has that first
    /// byte and length: most words of the prose are rejected here, before they are hashed.
    shapes: Box<[u64; 256]>,
}

impl WordTable {
    fn new(triggers: &FastMap<&'static str, u32>) -> WordTable {
        let size = (triggers.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![(0, 0, 0); size].into_boxed_slice();
        let mut words = Vec::with_capacity(triggers.len());
        let mut shapes = Box::new([0u64; 256]);
        for (&word, &families) in triggers {
            if families == 0 {
                continue;
            }
            let (first, bit) = shape(word);
            shapes[first] |= bit;
            let hash = word_hash(word);
            let mut slot = hash as usize & (size - 1);
            while slots[slot].1 != 0 {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = (hash, families, words.len() as u32);
            words.push(word);
        }
        WordTable {
            slots,
            words,
            shapes,
        }
    }

    /// The families of one lowercased word (possessives count as the bare word).
    #[inline]
    pub fn families(&self, lower: &str) -> u32 {
        let bare = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))
            .unwrap_or(lower);
        self.get(bare)
    }

    #[inline]
    fn get(&self, word: &str) -> u32 {
        let (first, bit) = shape(word);
        if self.shapes[first] & bit == 0 {
            return 0;
        }
        let hash = word_hash(word);
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
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

/// The word's first byte (0 for the empty word) and its length as a bit of `WordTable::shapes`.
#[inline]
fn shape(word: &str) -> (usize, u64) {
    let bytes = word.as_bytes();
    let first = bytes.first().map_or(0, |&b| usize::from(b));
    (first, 1u64 << bytes.len().min(63))
}

/// FxHash of the word's bytes, its top bits folded down so that the table's index uses them.
#[inline]
fn word_hash(word: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(word.as_bytes());
    let hash = hasher.finish();
    hash ^ (hash >> 32)
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
        for word in ["", "the", "zzz", "analysts-say", "saidx", "x"] {
            let expected = TRIGGERS.get(word).copied().unwrap_or(0);
            assert_eq!(TABLE.get(word), expected, "{word}");
        }
    }
}
