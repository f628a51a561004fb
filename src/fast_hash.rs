//! A fast hasher for lookups on the analysis hot path.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc (FxHash). Word lists and actor ids are looked up for
/// every word of every sentence and SipHash dominated the profile; these keys are the
/// project's own or short words, so hash flooding is no concern.
#[derive(Default)]
pub struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for_each_word(bytes, |word| self.add(word));
    }

    /// The same value as `write(&[byte])` (a `str` key ends with one), without the slice.
    #[inline]
    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The bytes as little-endian 64-bit words, eight bytes at a time, the last chunk zero-padded.
#[inline]
fn for_each_word(bytes: &[u8], mut add: impl FnMut(u64)) {
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        add(u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        add(tail_word(rest));
    }
}

/// 1 to 7 bytes as a zero-padded little-endian word. Copying them into a zeroed array calls
/// `memcpy` for every short word hashed (most words are shorter than 8 bytes); two
/// overlapping reads give the same value inline.
#[inline]
fn tail_word(rest: &[u8]) -> u64 {
    let n = rest.len();
    let u32_at = |at: usize| {
        let bytes = [rest[at], rest[at + 1], rest[at + 2], rest[at + 3]];
        u64::from(u32::from_le_bytes(bytes))
    };
    if n >= 4 {
        // The bytes n-4..4 are in both reads, with the same value.
        u32_at(0) | (u32_at(n - 4) << ((n - 4) * 8))
    } else {
        let byte = |at: usize| rest.get(at).map_or(0, |b| u64::from(*b));
        byte(0) | (byte(1) << 8) | (byte(2) << 16)
    }
}

pub type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A 128-bit key for text that a memo has seen before (`rules::memo`): two unrelated hash
/// functions over the same input, FxHash and a multiply-fold hash in the manner of wyhash and
/// foldhash. Both take eight bytes a step; SipHash, used here first, took a tenth of a
/// keystroke's analysis on a 1 MB briefing. Two different texts with equal keys are, for text
/// a person writes, as unlikely as a hardware fault.
pub struct KeyHasher {
    fx: FxHasher,
    fold: u64,
}

/// Odd constants with well-mixed bits (the fractional part of pi, as wyhash's secrets).
const FOLD_SEED: u64 = 0x243f_6a88_85a3_08d3;
const FOLD_MULTIPLIER: u64 = 0x1319_8a2e_0370_7345;

impl Default for KeyHasher {
    fn default() -> KeyHasher {
        KeyHasher::new()
    }
}

impl KeyHasher {
    pub fn new() -> KeyHasher {
        KeyHasher {
            fx: FxHasher::default(),
            fold: FOLD_SEED,
        }
    }

    /// Length first, so that consecutive fields cannot run into each other.
    pub fn bytes(&mut self, bytes: &[u8]) {
        self.number(bytes.len() as u64);
        self.fx.write(bytes);
        for_each_word(bytes, |word| self.fold_in(word));
    }

    pub fn number(&mut self, value: u64) {
        self.fx.write_u64(value);
        self.fold_in(value);
    }

    /// The full 128-bit product of the state and the word, folded to 64 bits: every input bit
    /// reaches every output bit within two steps.
    #[inline]
    fn fold_in(&mut self, word: u64) {
        let product =
            u128::from(self.fold ^ word) * u128::from(FOLD_MULTIPLIER ^ word.rotate_left(29));
        self.fold = (product as u64) ^ ((product >> 64) as u64);
    }

    pub fn finish(&self) -> u128 {
        u128::from(self.fx.finish()) << 64 | u128::from(self.fold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash as first written: lookups and iteration orders must not change.
    fn reference(bytes: &[u8]) -> u64 {
        let mut hash = 0u64;
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        hash
    }

    #[test]
    fn same_values_as_the_reference() {
        for text in [
            "",
            "a",
            "seven77",
            "eight888",
            "nine99999",
            "a longer word list entry",
        ] {
            let mut hasher = FxHasher::default();
            hasher.write(text.as_bytes());
            assert_eq!(hasher.finish(), reference(text.as_bytes()), "{text}");
            // Every tail length, each byte different, high bits set.
            for len in 0..=17 {
                let bytes: Vec<u8> = (0..len)
                    .map(|i: u8| 0x91u8.wrapping_add(i.wrapping_mul(7)))
                    .collect();
                let mut hasher = FxHasher::default();
                hasher.write(&bytes);
                assert_eq!(hasher.finish(), reference(&bytes), "{len} bytes");
            }
            hasher.write_u8(0xff);
            let mut twice = reference(text.as_bytes());
            twice = (twice.rotate_left(5) ^ 0xff).wrapping_mul(SEED);
            assert_eq!(hasher.finish(), twice, "{text}");
        }
    }
}
