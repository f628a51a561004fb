//! Finds actor names and aliases in prose: one leftmost-longest Aho-Corasick pass, whole words
//! only, case-sensitive (SPEC §2.4). Possessives (`Ukraine's`) and dash compounds
//! (`Russia–Ukraine`, `U.S.-led`) need no special patterns: the apostrophe and the dash are not
//! word characters, so the name before them is a whole word.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};

use crate::text::TextRange;

/// A name found in text: which actor (an index chosen by the caller) and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameMatch {
    pub actor: usize,
    pub range: TextRange,
}

#[derive(Debug)]
pub struct NameMatcher {
    automaton: Option<AhoCorasick>,
    /// The actor of each pattern, by pattern index.
    pattern_actors: Vec<usize>,
    /// No name has two blanks in a row, so none spans two spaces of prose.
    splits_at_double_spaces: bool,
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
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pairs.iter().map(|(name, _)| name.as_str()))
            .ok();
        NameMatcher {
            automaton,
            pattern_actors,
            splits_at_double_spaces,
        }
    }

    /// Whether matching the stretches of a text between two spaces in a row, one by one,
    /// finds what matching the whole text finds: no name has two blanks in a row.
    pub fn splits_at_double_spaces(&self) -> bool {
        self.splits_at_double_spaces
    }

    /// Every whole-word match in `text`, in order.
    pub fn find_all(&self, text: &str, out: &mut Vec<NameMatch>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let bytes = text.as_bytes();
        let mut start = 0;
        while start < text.len() {
            let Some(found) = automaton.find(Input::new(bytes).span(start..text.len())) else {
                break;
            };
            if is_whole_word(text, found.start(), found.end()) {
                out.push(NameMatch {
                    actor: self.pattern_actors[found.pattern().as_usize()],
                    range: TextRange::new(found.start(), found.end()),
                });
                start = found.end();
            } else {
                // A shorter name may start inside the rejected one ("XNATO" hides nothing, but
                // "Papua New Guinean" must not hide "New Guinea"…); try from the next character.
                start = next_char_boundary(text, found.start());
            }
        }
    }
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

fn next_char_boundary(text: &str, offset: usize) -> usize {
    let mut next = offset + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next
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
}
