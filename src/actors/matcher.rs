//! Finds actor names and aliases in prose: leftmost-longest, whole words only, case-sensitive
//! (SPEC §2.4). Possessives (`Ukraine's`) and dash compounds
//! (`Russia–Ukraine`, `U.S.-led`) need no special patterns: the apostrophe and the dash are not
//! word characters, so the name before them is a whole word.
//!
//! The pass is driven by the names' first bytes: the names' trie is walked only from where a
//! name can start (for most names, a capital letter at a word start).

use super::name_trie::NameTrie;
use crate::text::TextRange;

/// A name found in text: which actor (an index chosen by the caller) and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameMatch {
    pub actor: usize,
    pub range: TextRange,
}

#[derive(Debug)]
pub struct NameMatcher {
    trie: NameTrie,
    /// The actor of each name, by the name's index in the trie.
    pattern_actors: Vec<usize>,
    /// No name has two blanks in a row, so none spans two spaces of prose.
    splits_at_double_spaces: bool,
    /// For each byte, where a name can start with it ([`NameStart`]).
    starts: [NameStart; 256],
    /// How the pass finds the next byte that can start a name.
    scan: StartScan,
}

/// How [`NameMatcher::find_all`] finds the bytes that can start a name.
#[derive(Clone, Copy, Debug)]
enum StartScan {
    /// One to three distinct first bytes (a document's own few names): `memchr` skips the
    /// prose many bytes at a time.
    One(u8),
    Two(u8, u8),
    Three(u8, u8, u8),
    /// More (the gazetteer's capitals): a byte at a time through `starts`.
    Table,
}

/// Where a name beginning with a given byte can start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameStart {
    /// No name begins with this byte.
    Nowhere,
    /// Every name beginning with it begins with a word character, so a match elsewhere than at
    /// a word start would join the word before it and be rejected.
    AtWordStart,
    /// Some name begins with a non-word character (`(`, `×`…).
    Anywhere,
}

impl NameMatcher {
    /// `names` are (name, actor) pairs; a name given twice keeps its last actor, so that later
    /// registries override earlier ones.
    pub fn new(names: Vec<(String, usize)>) -> NameMatcher {
        let mut by_name: std::collections::HashMap<String, usize> = Default::default();
        for (name, actor) in names {
            if !name.trim().is_empty() {
                by_name.insert(name, actor);
            }
        }
        let mut pairs: Vec<(String, usize)> = by_name.into_iter().collect();
        pairs.sort();
        let pattern_actors = pairs.iter().map(|(_, actor)| *actor).collect();
        let splits_at_double_spaces = pairs.iter().all(|(name, _)| {
            !name
                .as_bytes()
                .windows(2)
                .any(|pair| pair.iter().all(u8::is_ascii_whitespace))
        });
        let mut starts = [NameStart::Nowhere; 256];
        for (name, _) in &pairs {
            let (Some(byte), Some(first)) = (name.bytes().next(), name.chars().next()) else {
                continue;
            };
            let start = &mut starts[usize::from(byte)];
            *start = match (*start, is_word_char(first)) {
                (NameStart::Anywhere, _) | (_, false) => NameStart::Anywhere,
                (_, true) => NameStart::AtWordStart,
            };
        }
        let trie = NameTrie::new(pairs.iter().map(|(name, _)| name.as_str()));
        NameMatcher {
            trie,
            pattern_actors,
            splits_at_double_spaces,
            scan: StartScan::of(&starts),
            starts,
        }
    }

    /// Whether matching the stretches of a text between two spaces in a row, one by one,
    /// finds what matching the whole text finds: no name has two blanks in a row.
    pub fn splits_at_double_spaces(&self) -> bool {
        self.splits_at_double_spaces
    }

    /// Every whole-word match in `text`, in order: at each position from the left, the longest
    /// name that starts there, kept when it is a whole word; the search goes on after it, or
    /// at the next position when there is none.
    pub fn find_all(&self, text: &str, out: &mut Vec<NameMatch>) {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(start) = self.next_candidate(text, at) {
            if let Some((name, end)) = self.trie.longest_at(bytes, start)
                && is_whole_word(text, start, end)
            {
                out.push(NameMatch {
                    actor: self.pattern_actors[name],
                    range: TextRange::new(start, end),
                });
                at = end;
            } else {
                at = start + 1;
            }
        }
    }

    /// The first position from `from` where a name can start: a byte that begins a name, at
    /// a word start unless some name with that first byte begins with a non-word character.
    #[inline]
    fn next_candidate(&self, text: &str, from: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut at = from;
        loop {
            let found = at
                + match self.scan {
                    StartScan::One(a) => memchr::memchr(a, bytes.get(at..)?)?,
                    StartScan::Two(a, b) => memchr::memchr2(a, b, bytes.get(at..)?)?,
                    StartScan::Three(a, b, c) => memchr::memchr3(a, b, c, bytes.get(at..)?)?,
                    StartScan::Table => return self.next_candidate_by_table(text, at),
                };
            if self.can_start(text, found) {
                return Some(found);
            }
            at = found + 1;
        }
    }

    /// [`Self::next_candidate`] through the table of first bytes. The bytes are read eight at
    /// a time: the loop's counting and branching would cost as much as the test of a byte.
    #[inline]
    fn next_candidate_by_table(&self, text: &str, from: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let mut at = from;
        while let Some(eight) = bytes.get(at..at + 8) {
            for (k, byte) in eight.iter().enumerate() {
                if self.starts[usize::from(*byte)] != NameStart::Nowhere
                    && self.can_start(text, at + k)
                {
                    return Some(at + k);
                }
            }
            at += 8;
        }
        (at..bytes.len()).find(|&at| {
            self.starts[usize::from(bytes[at])] != NameStart::Nowhere && self.can_start(text, at)
        })
    }

    /// Whether a name can start at `at`, where the byte begins some name (and so `at` is a
    /// character boundary: no name begins with a continuation byte).
    #[inline(always)]
    fn can_start(&self, text: &str, at: usize) -> bool {
        self.starts[usize::from(text.as_bytes()[at])] == NameStart::Anywhere
            || !follows_word_char(text, at)
    }
}

impl StartScan {
    fn of(starts: &[NameStart; 256]) -> StartScan {
        let mut first_bytes =
            (0..=255u8).filter(|&byte| starts[usize::from(byte)] != NameStart::Nowhere);
        match [(); 4].map(|_| first_bytes.next()) {
            // No name: 0xFF, which no `&str` holds, finds none.
            [None, ..] => StartScan::One(0xFF),
            [Some(a), None, ..] => StartScan::One(a),
            [Some(a), Some(b), None, _] => StartScan::Two(a, b),
            [Some(a), Some(b), Some(c), None] => StartScan::Three(a, b, c),
            _ => StartScan::Table,
        }
    }
}

/// Whether the character before byte `at` (a character boundary) is a word character.
#[inline(always)]
fn follows_word_char(text: &str, at: usize) -> bool {
    match text.as_bytes()[..at].last() {
        None => false,
        Some(&byte) if byte < 0x80 => byte.is_ascii_alphanumeric() || byte == b'_',
        Some(_) => follows_word_char_beyond_ascii(text, at),
    }
}

#[cold]
fn follows_word_char_beyond_ascii(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_word_char)
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let joins = |outside: Option<char>, inside: Option<char>| match (outside, inside) {
        (Some(o), Some(i)) => is_word_char(o) && is_word_char(i),
        _ => false,
    };
    // `@` before a name makes it an explicit mention or an e-mail address, not prose.
    before != Some('@') && !joins(before, first) && !joins(after, last)
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(names: &[(&str, usize)], text: &str) -> Vec<(usize, String)> {
        let matcher = NameMatcher::new(names.iter().map(|(n, a)| (n.to_string(), *a)).collect());
        let mut out = Vec::new();
        matcher.find_all(text, &mut out);
        out.into_iter()
            .map(|m| (m.actor, m.range.slice(text).to_owned()))
            .collect()
    }

    #[test]
    fn whole_words_possessives_and_compounds() {
        let names = [
            ("Ukraine", 1),
            ("Russia", 2),
            ("U.S.", 3),
            ("US", 3),
            ("Canadian", 4),
        ];
        let found = matches(
            &names,
            "Russia–Ukraine war, U.S.-led talks, Ukraine’s borders, Ukraine's, USA, Canadians",
        );
        assert_eq!(
            found,
            vec![
                (2, "Russia".into()),
                (1, "Ukraine".into()),
                (3, "U.S.".into()),
                (1, "Ukraine".into()),
                (1, "Ukraine".into())
            ]
        );
    }

    #[test]
    fn longest_name_wins_and_email_is_not_a_mention() {
        let names = [("European", 1), ("European Union", 2), ("EU", 2)];
        assert_eq!(
            matches(&names, "the European Union and press@EU.org"),
            vec![(2, "European Union".into())]
        );
    }

    use aho_corasick::{AhoCorasickBuilder, Input, MatchKind};

    /// The unanchored Aho-Corasick pass this matcher replaced: leftmost-longest over the whole text, a
    /// rejected match retried from its next character.
    fn unanchored(names: &[(&str, usize)], text: &str) -> Vec<(usize, String)> {
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|(name, _)| *name))
            .unwrap();
        let mut out = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let Some(found) = automaton.find(Input::new(text).span(start..text.len())) else {
                break;
            };
            if is_whole_word(text, found.start(), found.end()) {
                out.push((
                    names[found.pattern().as_usize()].1,
                    text[found.range()].to_owned(),
                ));
                start = found.end();
            } else {
                start = found.start() + 1;
                while !text.is_char_boundary(start) {
                    start += 1;
                }
            }
        }
        out
    }

    const NAMES: [(&str, usize); 12] = [
        ("European", 0),
        ("European Union", 1),
        ("Union", 2),
        ("Papua New Guinea", 3),
        ("New Guinea", 4),
        ("US", 5),
        ("U.S.", 6),
        ("the West", 7),
        ("Élysée", 8),
        ("(EU)", 9),
        ("×Corp", 10),
        ("Guinean", 11),
    ];

    proptest::proptest! {
        #[test]
        fn same_matches_as_the_unanchored_pass(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "European", "Union", " ", "  ", "Papua", "New", "Guinea", "n", "ns", "US", "A",
                "U.S.", ".", "-", "'s", "the", "West", "Élysée", "é", "(", "EU", ")", "×", "Corp",
                "@", "_", "x", "\n", "’",
            ]), 0..40)
        ) {
            let text: String = pieces.concat();
            // Many first bytes (looked up in the table), three, two and one (found by `memchr`).
            for names in [&NAMES[..], &NAMES[7..10], &NAMES[1..3], &NAMES[8..9]] {
                let matcher = NameMatcher::new(
                    names.iter().map(|(n, a)| (n.to_string(), *a)).collect(),
                );
                let mut out = Vec::new();
                matcher.find_all(&text, &mut out);
                let found: Vec<_> = out
                    .into_iter()
                    .map(|m| (m.actor, m.range.slice(&text).to_owned()))
                    .collect();
                proptest::prop_assert_eq!(found, unanchored(names, &text));
            }
        }
    }
}
