//! Actor names as a trie of bytes, for the longest name that starts at a given position of
//! the prose. Names start at few positions (mostly capitals at word starts) and part from
//! ordinary words within a byte or two, so walking a trie from each such position costs a few
//! steps; an automaton run over every byte of the prose costs several times more.

/// No node or no name.
const NONE: u32 = u32::MAX;

/// A trie laid out as a double array: the child of the node in slot `n` by byte `b` is in
/// slot `slots[n].base + b`, if that slot's `parent` is `n`. A step is an addition and a
/// comparison, where a list of edges would be searched.
#[derive(Debug)]
pub(super) struct NameTrie {
    /// Slot 0 is the root.
    slots: Vec<Slot>,
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    base: u32,
    /// The slot of the node's parent; [`NONE`] for a free slot.
    parent: u32,
    /// The index of the name that ends here.
    name: u32,
}

const FREE: Slot = Slot {
    base: 0,
    parent: NONE,
    name: NONE,
};

impl NameTrie {
    /// A trie of `names`, which are distinct and not empty; a match reports a name by its
    /// index in `names`.
    pub(super) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameTrie {
        // Built with ordered maps first, then each node's children are placed where all of
        // them find free slots.
        let mut children: Vec<std::collections::BTreeMap<u8, u32>> = vec![Default::default()];
        let mut ends: Vec<u32> = vec![NONE];
        for (index, name) in names.into_iter().enumerate() {
            let mut node = 0;
            for byte in name.bytes() {
                let next = children.len() as u32;
                let child = *children[node].entry(byte).or_insert(next);
                if child == next {
                    children.push(Default::default());
                    ends.push(NONE);
                }
                node = child as usize;
            }
            ends[node] = index as u32;
        }
        // The root's parent is itself, so that its slot is never free. Its base is 1: its
        // children take slots from 1 to 256, and from there every free slot can take any
        // node's lowest child (so one node of one child, most of them, fills the first free
        // slot).
        let mut slots = vec![Slot { parent: 0, ..FREE }];
        let mut first_free = 257;
        // Nodes in breadth-first order, with their slots.
        let mut placed = vec![(0usize, 0usize)];
        let mut next = 0;
        while let Some(&(node, slot)) = placed.get(next) {
            next += 1;
            let Some(&lowest) = children[node].keys().next() else {
                continue;
            };
            let base = match node {
                0 => 1,
                _ => free_base(&slots, &children[node], first_free - usize::from(lowest)),
            };
            slots[slot].base = base as u32;
            for (&byte, &child) in &children[node] {
                let child_slot = base + usize::from(byte);
                if slots.len() <= child_slot {
                    slots.resize(child_slot + 1, FREE);
                }
                slots[child_slot] = Slot {
                    base: 0,
                    parent: slot as u32,
                    name: ends[child as usize],
                };
                placed.push((child as usize, child_slot));
            }
            while slots.get(first_free).is_some_and(|s| s.parent != NONE) {
                first_free += 1;
            }
        }
        NameTrie { slots }
    }

    /// The longest name that is a prefix of `bytes[at..]`: its index and where it ends.
    pub(super) fn longest_at(&self, bytes: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut node = 0;
        let mut longest = None;
        for (i, &byte) in bytes.get(at..)?.iter().enumerate() {
            let child = self.slots[node].base as usize + usize::from(byte);
            match self.slots.get(child) {
                Some(slot) if slot.parent == node as u32 => {
                    if slot.name != NONE {
                        longest = Some((slot.name as usize, at + i + 1));
                    }
                    node = child;
                }
                _ => break,
            }
        }
        longest
    }
}

/// The least base from `from` at which every child of a node lands on a free slot.
fn free_base(slots: &[Slot], children: &std::collections::BTreeMap<u8, u32>, from: usize) -> usize {
    let is_free = |slot: usize| slots.get(slot).is_none_or(|s| s.parent == NONE);
    let mut base = from;
    while !children
        .keys()
        .all(|&byte| is_free(base + usize::from(byte)))
    {
        base += 1;
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_name_at_a_position() {
        let names = ["New", "New Guinea", "Niger", "Nigeria", "É"];
        let trie = NameTrie::new(names);
        fn found<'t>(
            trie: &NameTrie,
            names: &[&'t str],
            text: &'t str,
            at: usize,
        ) -> Option<(&'t str, &'t str)> {
            trie.longest_at(text.as_bytes(), at)
                .map(|(name, end)| (names[name], &text[at..end]))
        }
        let at = |text: &'static str, at: usize| found(&trie, &names, text, at);
        assert_eq!(at("New Guinean", 0), Some(("New Guinea", "New Guinea")));
        assert_eq!(at("New Guine", 0), Some(("New", "New")));
        assert_eq!(at("Nigerian", 0), Some(("Nigeria", "Nigeria")));
        assert_eq!(at("Nige", 0), None);
        assert_eq!(at("x Niger", 2), Some(("Niger", "Niger")));
        assert_eq!(at("Élysée", 0), Some(("É", "É")));
        assert_eq!(at("Ne", 5), None);
        assert_eq!(at("new", 0), None);
    }

    /// The longest name that `text[at..]` starts with, name by name.
    fn reference(names: &[String], text: &[u8], at: usize) -> Option<(usize, usize)> {
        names
            .iter()
            .enumerate()
            .filter(|(_, name)| text[at..].starts_with(name.as_bytes()))
            .max_by_key(|(_, name)| name.len())
            .map(|(index, name)| (index, at + name.len()))
    }

    proptest::proptest! {
        #[test]
        fn finds_the_longest_name_as_a_search_of_every_name(
            names in proptest::collection::btree_set("[a-dA-C .é(’]{1,6}", 1..60),
            text in "[a-dA-C .é(’]{0,12}",
        ) {
            let names: Vec<String> = names.into_iter().collect();
            let trie = NameTrie::new(names.iter().map(String::as_str));
            for at in 0..=text.len() {
                proptest::prop_assert_eq!(
                    trie.longest_at(text.as_bytes(), at),
                    reference(&names, text.as_bytes(), at)
                );
            }
        }
    }
}
