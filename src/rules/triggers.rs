//! Word families that can trigger each language rule, looked up once per word while the
//! document's words are read. A rule skips every sentence that has none of its trigger words,
//! which is most sentences: the expensive pattern code runs only where it can match.

use std::sync::LazyLock;

use super::lexicon::{LEXICON, Shapes};
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

/// The shapes of the trigger words: most words of the prose are rejected without a lookup.
static SHAPES: LazyLock<Shapes> = LazyLock::new(|| Shapes::new(TRIGGERS.keys().copied()));

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
pub fn families(lower: &str) -> u32 {
    let bare = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(lower);
    if !SHAPES.may_contain(bare) {
        return 0;
    }
    TRIGGERS.get(bare).copied().unwrap_or(0)
}
