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
    /// Eight bytes at a time, the last chunk zero-padded.
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
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

pub type FastSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

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
            hasher.write_u8(0xff);
            let mut twice = reference(text.as_bytes());
            twice = (twice.rotate_left(5) ^ 0xff).wrapping_mul(SEED);
            assert_eq!(hasher.finish(), twice, "{text}");
        }
    }
}
