//! Names found piece by piece and kept from one analysis of a document to the next: after a
//! keystroke, the name matcher reads the piece of prose that changed, not the whole briefing.
//!
//! The pieces are the stretches of prose between two spaces in a row (the prose mask turns
//! the line breaks between paragraphs, and all markup, into spaces). No name contains two
//! blanks in a row ([`ActorSet::splits_at_double_spaces`]), so no name spans two pieces, and a
//! space before or after a name is a word boundary as the start and end of a piece are:
//! matching piece by piece finds exactly what matching the whole prose finds.

use std::ops::Range;

use super::registry::{ActorMatch, ActorSet};
use crate::fast_hash::{FastMap, KeyHasher};

/// Where the prose is cut into pieces: between the two spaces.
pub const DOUBLE_SPACE: &[u8] = b"  ";

/// The least length of a piece (but the last).
const MIN_PIECE: usize = 256;

/// The names of each piece of prose seen, by the piece's key, with ranges relative to its start.
#[derive(Default)]
pub struct PieceNames {
    /// Piece key → its matches, as `matches[start..end]`.
    pieces: FastMap<u128, (u32, u32)>,
    matches: Vec<ActorMatch>,
}

impl PieceNames {
    pub fn new() -> PieceNames {
        PieceNames::default()
    }

    pub fn clear(&mut self) {
        self.pieces.clear();
        self.matches.clear();
    }

    /// The names in `prose[range]` (`range` starts at the start of the prose or between two
    /// spaces), with absolute ranges, in order; pieces seen before are not read again. Also
    /// returns the pieces of `range` with their names, to keep for the next analysis.
    pub fn find(
        &self,
        actors: &ActorSet,
        prose: &str,
        range: Range<usize>,
    ) -> (Vec<ActorMatch>, PieceNames) {
        let mut found = Vec::new();
        let mut kept = PieceNames::new();
        let bytes = &prose.as_bytes()[..range.end];
        let mut piece_start = range.start;
        while piece_start < range.end {
            // Pieces of a few hundred bytes: small enough that a keystroke re-reads little,
            // large enough that looking pieces up costs far less than matching them.
            let search_from = (piece_start + MIN_PIECE).min(range.end);
            let piece_end = memchr::memmem::find(&bytes[search_from..], DOUBLE_SPACE)
                .map_or(range.end, |at| search_from + at + 1);
            // A name has at least two letters: shorter pieces have none.
            if piece_end.saturating_sub(piece_start) >= 2 {
                let piece = &prose[piece_start..piece_end];
                let mut hasher = KeyHasher::new();
                hasher.bytes(piece.as_bytes());
                let key = hasher.finish();
                let start = found.len();
                let shift = piece_start as isize;
                match self.pieces.get(&key) {
                    Some(&(from, to)) => found.extend(
                        self.matches[from as usize..to as usize]
                            .iter()
                            .map(|m| m.shifted(shift)),
                    ),
                    None => found.extend(
                        actors
                            .find_matches(piece)
                            .into_iter()
                            .map(|m| m.shifted(shift)),
                    ),
                }
                kept.keep(key, &found[start..], piece_start);
            }
            piece_start = piece_end;
        }
        (found, kept)
    }

    /// Keeps a piece's matches (at `piece_start`), once per distinct piece.
    fn keep(&mut self, key: u128, matches: &[ActorMatch], piece_start: usize) {
        if self.pieces.contains_key(&key) {
            return;
        }
        let from = self.matches.len() as u32;
        self.matches
            .extend(matches.iter().map(|m| m.shifted(-(piece_start as isize))));
        self.pieces.insert(key, (from, self.matches.len() as u32));
    }

    /// The pieces of two [`Self::find`] results together.
    pub fn joined(mut self, other: PieceNames) -> PieceNames {
        let offset = self.matches.len() as u32;
        self.matches.extend(other.matches);
        for (key, (from, to)) in other.pieces {
            self.pieces
                .entry(key)
                .or_insert((from + offset, to + offset));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actors::{ActorDefinition, ActorKind, ActorOrigin, Registry};
    use proptest::prelude::*;

    fn actor(id: &str, name: &str, aliases: &[&str]) -> ActorDefinition {
        ActorDefinition {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::State,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            role: None,
            affiliation: None,
            description: None,
            url: None,
            origin: ActorOrigin::Builtin,
        }
    }

    proptest! {
        /// Piece by piece, with and without names kept from an earlier text, the matches are
        /// those of the whole prose.
        #[test]
        fn finds_what_the_whole_prose_has(
            parts in proptest::collection::vec(
                "European Union|Union|EU|the Union|@EU|EUR|Iran|Iran's|  |   | |x|,|é|\\n",
                0..40,
            ),
            earlier in proptest::collection::vec("European Union|  |Iran| |x", 0..20),
            cut in 0usize..200,
        ) {
            let base = Registry::new([
                actor("eu", "European Union", &["EU", "the Union"]),
                actor("iran", "Iran", &[]),
            ]);
            let inline = [actor("union", "Union", &[])];
            for set in [ActorSet::new(&base, &[]), ActorSet::new(&base, &inline)] {
                prop_assert!(set.splits_at_double_spaces());
                let prose = parts.concat();
                let whole = set.find_matches(&prose);
                let (first, known) = PieceNames::new().find(&set, &earlier.concat(), 0..earlier.concat().len());
                let _ = first;
                // A cut between two spaces, as the analysis makes one.
                let cut = memchr::memmem::find(&prose.as_bytes()[cut.min(prose.len())..], DOUBLE_SPACE)
                    .map_or(prose.len(), |at| cut.min(prose.len()) + at + 1);
                let (mut found, kept) = known.find(&set, &prose, 0..cut);
                let (more, more_kept) = known.find(&set, &prose, cut..prose.len());
                found.extend(more);
                prop_assert_eq!(&found, &whole);
                // What is kept finds the same again, without the matcher.
                let kept = kept.joined(more_kept);
                let (again, _) = kept.find(&set, &prose, 0..prose.len());
                prop_assert_eq!(&again, &whole);
            }
        }
    }
}
