//! Actor names as a trie of bytes, for the longest name that starts at a given position of
//! the prose. Names start at few positions (mostly capitals at word starts) and part from
//! ordinary words within a byte or two, so walking a trie from each such position costs a few
//! steps; an automaton run over every byte of the prose costs several times more.

/// No node or no name.
const NONE: u32 = u32::MAX;

#[derive(Debug)]
pub(super) struct NameTrie {
    /// The node reached by each first byte.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// The edges of every node below the root, each node's run sorted by byte.
    edges: Vec<(u8, u32)>,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    first_edge: u32,
    edge_count: u32,
    /// The index of the name that ends here.
    name: u32,
}

impl NameTrie {
    /// A trie of `names`, which are distinct and not empty; a match reports a name by its
    /// index in `names`.
    pub(super) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameTrie {
        // Built with ordered maps, then laid out flat: node `i` keeps its index.
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
        let mut root = Box::new([NONE; 256]);
        for (byte, child) in &children[0] {
            root[usize::from(*byte)] = *child;
        }
        let mut nodes = Vec::with_capacity(children.len());
        let mut edges = Vec::new();
        for (map, name) in children.iter().zip(ends) {
            nodes.push(Node {
                first_edge: edges.len() as u32,
                edge_count: map.len() as u32,
                name,
            });
            edges.extend(map.iter().map(|(byte, child)| (*byte, *child)));
        }
        NameTrie { root, nodes, edges }
    }

    /// The longest name that is a prefix of `bytes[at..]`: its index and where it ends.
    pub(super) fn longest_at(&self, bytes: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut node = *self.root.get(usize::from(*bytes.get(at)?))?;
        let mut longest = None;
        let mut i = at + 1;
        while node != NONE {
            let here = self.nodes[node as usize];
            if here.name != NONE {
                longest = Some((here.name as usize, i));
            }
            let Some(&byte) = bytes.get(i) else {
                break;
            };
            let first = here.first_edge as usize;
            let edges = &self.edges[first..first + here.edge_count as usize];
            node = edges
                .iter()
                .take_while(|(edge, _)| *edge <= byte)
                .find(|(edge, _)| *edge == byte)
                .map_or(NONE, |(_, child)| *child);
            i += 1;
        }
        longest
    }
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
}
