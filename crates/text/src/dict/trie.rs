//! The entries of a dictionary as a trie over symbols, walked anchored from a given start.
//!
//! Design decisions:
//! - A symbol is one letter of the Arabic block's first half (U+0600–U+067F: two UTF-8 bytes,
//!   lead byte D8 or D9, a 7-bit code) or one byte of anything else. Normalized Arabic text is
//!   almost all such letters, so a walk takes one step per letter, not per byte. D8 and D9 are
//!   lead bytes only, so a text and an entry it contains cut the same bytes into the same
//!   symbols, and two byte strings share a prefix exactly when their symbol sequences do.
//! - Children of a node are contiguous and sorted by symbol: a step is a short scan of a small
//!   array. Large dictionaries (the lexicon, the trigger forms) also get a dense table of the
//!   root's children and one of the node after each pair of letters, so the first two steps of
//!   most walks, where nearly all of them end, are one memory access.
//! - An anchored walk needs no failure links: a missing child ends it. (An Aho-Corasick
//!   automaton over the same entries is the tests' reference.)

use std::collections::BTreeMap;

/// No node, no pattern.
pub(crate) const NONE: u32 = u32::MAX;

/// Symbols: 128 letter codes, then 256 bytes.
pub(crate) const SYMBOLS: usize = 384;

/// The symbol of a space (what a gap between words reads as).
pub(crate) const SPACE: usize = 128 + b' ' as usize;

/// The code of the letter whose two UTF-8 bytes are `lead cont`, when `lead` is D8 or D9.
#[inline(always)]
pub(crate) fn letter_code(lead: u8, cont: u8) -> Option<usize> {
    ((lead & 0xFE) == 0xD8).then_some((((lead & 1) as usize) << 6) | (cont & 0x3F) as usize)
}

/// The symbol of a letter of the D8–D9 block.
pub(crate) const fn sym_of(c: char) -> usize {
    let cp = c as usize;
    assert!(cp >= 0x600 && cp < 0x680, "a letter of U+0600–U+067F");
    cp - 0x600
}

/// The symbol at byte `i` of `b` and its length in bytes.
#[inline(always)]
pub(crate) fn symbol(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let lead = *b.get(i)?;
    if let Some(code) = b.get(i + 1).and_then(|&c| letter_code(lead, c)) {
        return Some((code, 2));
    }
    Some((128 + lead as usize, 1))
}

/// One node: its children are `first..first + count`, `pattern` the entry text ending here.
#[derive(Clone, Copy, Debug)]
struct Node {
    first: u32,
    count: u32,
    pattern: u32,
}

/// Dictionaries with at least this many patterns get the dense root and pair tables.
const DENSE_FROM: usize = 256;

#[derive(Clone, Debug)]
pub(crate) struct Trie {
    nodes: Vec<Node>,
    /// The symbol that leads to each node (the root's is unused).
    sym: Vec<u16>,
    /// Dense tables of large tries: the root's child per symbol, and per pair of letters (by
    /// `first << 7 | second`) an index into `pair_nodes` (0: no pattern starts with the pair).
    root: Vec<u32>,
    pairs: Vec<u16>,
    pair_nodes: Vec<u32>,
}

impl Trie {
    pub(crate) const ROOT: u32 = 0;

    /// A trie of `patterns` (pattern `p` ends at the node whose `pattern` is `p`).
    pub(crate) fn new<S: AsRef<[u8]>>(patterns: &[S]) -> Trie {
        // Children in maps first, then laid out breadth first so siblings are contiguous.
        let mut kids: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new()];
        let mut ends: Vec<u32> = vec![NONE];
        for (p, pat) in patterns.iter().enumerate() {
            let b = pat.as_ref();
            let (mut node, mut i) = (0, 0);
            while let Some((c, n)) = symbol(b, i) {
                node = match kids[node].get(&c) {
                    Some(&next) => next,
                    None => {
                        kids.push(BTreeMap::new());
                        ends.push(NONE);
                        let next = kids.len() - 1;
                        kids[node].insert(c, next);
                        next
                    }
                };
                i += n;
            }
            ends[node] = u32::try_from(p).expect("fewer than 2^32 patterns");
        }
        let mut order = vec![0usize];
        let mut new_id = vec![0u32; kids.len()];
        let mut sym = vec![0u16];
        let mut head = 0;
        while head < order.len() {
            for (&c, &child) in &kids[order[head]] {
                new_id[child] = u32::try_from(order.len()).expect("fewer than 2^32 nodes");
                order.push(child);
                sym.push(c as u16);
            }
            head += 1;
        }
        let nodes = order
            .iter()
            .map(|&old| Node {
                first: kids[old].values().next().map_or(0, |&c| new_id[c]),
                count: kids[old].len() as u32,
                pattern: ends[old],
            })
            .collect();
        let mut trie = Trie { nodes, sym, root: Vec::new(), pairs: Vec::new(), pair_nodes: Vec::new() };
        if patterns.len() >= DENSE_FROM {
            let root: Vec<u32> = (0..SYMBOLS).map(|c| trie.scan_child(Self::ROOT, c)).collect();
            let mut pairs = vec![0u16; 1 << 14];
            let mut pair_nodes = vec![NONE];
            for (pair, slot) in pairs.iter_mut().enumerate() {
                let one = root[pair >> 7];
                let node = if one == NONE { NONE } else { trie.scan_child(one, pair & 127) };
                if node != NONE {
                    *slot = u16::try_from(pair_nodes.len()).expect("at most 2^14 pairs");
                    pair_nodes.push(node);
                }
            }
            (trie.root, trie.pairs, trie.pair_nodes) = (root, pairs, pair_nodes);
        }
        trie
    }

    /// The pattern that ends at `node`, or [`NONE`].
    #[inline(always)]
    pub(crate) fn pattern(&self, node: u32) -> u32 {
        self.nodes[node as usize].pattern
    }

    /// The child of `node` by symbol `c`, or [`NONE`].
    #[inline(always)]
    pub(crate) fn child(&self, node: u32, c: usize) -> u32 {
        if node == Self::ROOT && !self.root.is_empty() {
            return self.root[c];
        }
        self.scan_child(node, c)
    }

    #[inline(always)]
    fn scan_child(&self, node: u32, c: usize) -> u32 {
        let n = self.nodes[node as usize];
        let lo = n.first as usize;
        match self.sym[lo..lo + n.count as usize].iter().position(|&x| x as usize == c) {
            Some(k) => (lo + k) as u32,
            None => NONE,
        }
    }

    /// The node after the first two letters of `b` from the root, when both are letters of the
    /// D8–D9 block and the trie has the dense tables: `Some(NONE)` when no pattern starts with
    /// them, `None` when the walk must go symbol by symbol.
    #[inline(always)]
    pub(crate) fn after_pair(&self, b: &[u8]) -> Option<u32> {
        if self.pairs.is_empty() {
            return None;
        }
        match b {
            [l0, c0, l1, c1, ..] => {
                let pair = (letter_code(*l0, *c0)? << 7) | letter_code(*l1, *c1)?;
                Some(self.pair_nodes[self.pairs[pair] as usize])
            }
            _ => None,
        }
    }

    /// The node reached from `node` by the symbols of `s`, or [`NONE`].
    pub(crate) fn follow(&self, mut node: u32, s: &[u8]) -> u32 {
        let mut i = 0;
        while let Some((c, n)) = symbol(s, i) {
            if node == NONE {
                return NONE;
            }
            node = self.child(node, c);
            i += n;
        }
        node
    }

    /// Number of nodes.
    pub(crate) fn node_count(&self) -> usize {
        self.nodes.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_cut_texts_and_patterns_alike() {
        let text = "قال «x» ١٢ ڤ";
        let b = text.as_bytes();
        let mut i = 0;
        let mut n = 0;
        while let Some((c, len)) = symbol(b, i) {
            assert!(c < SYMBOLS);
            i += len;
            n += 1;
        }
        assert_eq!(i, b.len());
        // ق ا ل, space, « as two bytes, x, » as two bytes, space, ١ ٢ (D9 block letters), space,
        // ڤ (DA lead byte) as two bytes.
        assert_eq!(n, 3 + 1 + 2 + 1 + 2 + 1 + 2 + 1 + 2);
    }

    #[test]
    fn every_pattern_ends_where_it_is_followed() {
        for dense in [false, true] {
            let mut patterns: Vec<String> = ["الحسكه", "الحسكة", "قوات سوريا", "قوات", "\"داعش\"", "ab", "ا"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            if dense {
                patterns.extend((0..DENSE_FROM).map(|k| format!("كلمه{k}")));
            }
            let t = Trie::new(&patterns);
            for (p, pat) in patterns.iter().enumerate() {
                let node = t.follow(Trie::ROOT, pat.as_bytes());
                assert_ne!(node, NONE, "{pat}");
                assert_eq!(t.pattern(node) as usize, p, "{pat}");
            }
            assert_eq!(t.follow(Trie::ROOT, "قوا".as_bytes()) != NONE, true);
            assert_eq!(t.pattern(t.follow(Trie::ROOT, "قوا".as_bytes())), NONE);
            assert_eq!(t.follow(Trie::ROOT, "حلب".as_bytes()), NONE);
            assert!(t.node_count() > 10);
            // The pair table agrees with two steps.
            for w in ["الحسكه", "قوات", "حلب", "ab"] {
                if let Some(node) = t.after_pair(w.as_bytes()) {
                    assert_eq!(node, t.follow(Trie::ROOT, &w.as_bytes()[..4]), "{w}");
                }
            }
            assert_eq!(t.after_pair("الحسكه".as_bytes()).is_some(), dense);
        }
    }
}
