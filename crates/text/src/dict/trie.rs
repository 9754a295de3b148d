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
//!   most walks, where nearly all of them end, are one memory access; and a start filter
//!   ([`Trie::may_start`]) that tells from the first six, eight or twelve bytes of a text,
//!   exactly, that no pattern starts there, so most of the remaining walks are never begun.
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
    /// Small tries: one bit per pair of letters that starts a pattern.
    pair_bits: Vec<u64>,
    pairs: Vec<u16>,
    /// Per live pair: the node after it and the start filter's flags ([`WALK`] ...).
    pair_nodes: Vec<(u32, u8)>,
    six: Bits,
    eight: Bits,
    twelve: Bits,
}

/// What the first two letters at an offset say about the patterns that may start there.
const WALK: u8 = 1;
/// A pattern whose first word is exactly six bytes (three letters) starts with them.
const SIX: u8 = 2;
/// A pattern whose first word is eight to eleven bytes starts with them.
const EIGHT: u8 = 4;
/// A pattern whose first word is twelve bytes or more starts with them.
const TWELVE: u8 = 8;
/// The pair's first letter alone is a pattern: a walk must stop after it.
const ONE: u8 = 16;

/// A set of numbers that may answer yes for a number not in it, never no for one in it.
#[derive(Clone, Debug, Default)]
struct Bits {
    words: Vec<u64>,
    shift: u32,
}

impl Bits {
    fn new(log2: u32) -> Bits {
        Bits { words: vec![0; 1 << (log2 - 6)], shift: 64 - log2 }
    }

    #[inline(always)]
    fn slot(&self, k: u64) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn insert(&mut self, k: u64) {
        let i = self.slot(k);
        self.words[i >> 6] |= 1 << (i & 63);
    }

    #[inline(always)]
    fn may_contain(&self, k: u64) -> bool {
        let i = self.slot(k);
        self.words[i >> 6] & (1 << (i & 63)) != 0
    }
}

/// The first `n` (at most 8) bytes of `b` as a number.
#[inline(always)]
fn key(b: &[u8], n: usize) -> u64 {
    let mut k = [0u8; 8];
    k[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(k)
}

/// The first twelve bytes of `b` (at least twelve long) folded into a number.
#[inline(always)]
fn key12(b: &[u8]) -> u64 {
    let lo = u64::from_le_bytes(b[..8].try_into().expect("8 bytes"));
    let hi = u32::from_le_bytes(b[8..12].try_into().expect("4 bytes"));
    lo.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ hi as u64
}

/// The code of the two letters `b[0..4]`, when both are letters of the D8–D9 block.
#[inline(always)]
fn pair_code(b: &[u8]) -> Option<usize> {
    match b {
        [l0, c0, l1, c1, ..] => Some((letter_code(*l0, *c0)? << 7) | letter_code(*l1, *c1)?),
        _ => None,
    }
}

impl Trie {
    pub(crate) const ROOT: u32 = 0;

    /// A trie of `patterns` (pattern `p` ends at the node whose `pattern` is `p`). Patterns
    /// for which `walk_always` holds (their text may differ from the written word, as when a
    /// suffix hides their last letter) are never filtered out.
    pub(crate) fn new<S: AsRef<[u8]>>(patterns: &[S], walk_always: impl Fn(usize) -> bool) -> Trie {
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
        let mut trie = Trie {
            nodes,
            sym,
            root: Vec::new(),
            pair_bits: Vec::new(),
            pairs: Vec::new(),
            pair_nodes: Vec::new(),
            six: Bits::default(),
            eight: Bits::default(),
            twelve: Bits::default(),
        };
        if patterns.len() >= DENSE_FROM {
            trie.root = (0..SYMBOLS).map(|c| trie.scan_child(Self::ROOT, c)).collect();
            let mut flags = vec![0u8; 1 << 14];
            let (mut six, mut eight, mut twelve) = (Bits::new(15), Bits::new(16), Bits::new(17));
            for (k, p) in patterns.iter().map(AsRef::as_ref).enumerate() {
                let Some(pair) = pair_code(p) else {
                    // Its first two symbols are no pair of letters, nor are the text's where
                    // it matches: such offsets are always walked.
                    continue;
                };
                // The first word is written as in the pattern, with no gap inside it.
                let head = p.iter().position(|&b| b == b' ').unwrap_or(p.len());
                match head {
                    _ if walk_always(k) => flags[pair] |= WALK,
                    6 => {
                        flags[pair] |= SIX;
                        six.insert(key(p, 6));
                    }
                    8..12 => {
                        flags[pair] |= EIGHT;
                        eight.insert(key(p, 8));
                    }
                    12.. => {
                        flags[pair] |= TWELVE;
                        twelve.insert(key12(p));
                    }
                    _ => flags[pair] |= WALK,
                }
            }
            let mut pairs = vec![0u16; 1 << 14];
            let mut pair_nodes = vec![(NONE, 0)];
            for (pair, slot) in pairs.iter_mut().enumerate() {
                let one = trie.root[pair >> 7];
                let node = if one == NONE { NONE } else { trie.scan_child(one, pair & 127) };
                if node != NONE {
                    *slot = u16::try_from(pair_nodes.len()).expect("at most 2^14 pairs");
                    let one = if trie.nodes[one as usize].pattern == NONE { 0 } else { ONE };
                    pair_nodes.push((node, flags[pair] | one));
                }
            }
            (trie.pairs, trie.pair_nodes, trie.six, trie.eight, trie.twelve) = (pairs, pair_nodes, six, eight, twelve);
        } else {
            let mut bits = vec![0u64; (1 << 14) / 64];
            for p in patterns.iter().map(AsRef::as_ref) {
                if let Some(pair) = pair_code(p) {
                    bits[pair / 64] |= 1 << (pair % 64);
                }
            }
            trie.pair_bits = bits;
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

    /// The children are sorted by symbol: a short list is scanned up to the first symbol not
    /// below `c` (most walks end at a missing child, which a scan for equality reads to the
    /// end), a long one is searched by halves.
    #[inline(always)]
    fn scan_child(&self, node: u32, c: usize) -> u32 {
        let n = self.nodes[node as usize];
        let lo = n.first as usize;
        let syms = &self.sym[lo..lo + n.count as usize];
        let k = if syms.len() <= 8 {
            syms.iter().position(|&x| x as usize >= c).unwrap_or(syms.len())
        } else {
            syms.partition_point(|&x| (x as usize) < c)
        };
        match syms.get(k) {
            Some(&x) if x as usize == c => (lo + k) as u32,
            _ => NONE,
        }
    }

    /// Whether a pattern of two symbols or more may start at the beginning of `b` (a text
    /// from a walk's start): `false` only when none does. Exact: a pattern that starts there
    /// equals the text's bytes up to its first space; if the text begins with two letters of the
    /// D8–D9 block, so does the pattern, and the pair's flags record it: [`WALK`] for a first
    /// word of two letters or of an odd length, else the first six, eight or twelve bytes of
    /// its first word in a set. Any other text start may begin a pattern.
    #[inline(always)]
    pub(crate) fn may_start(&self, b: &[u8]) -> bool {
        let Some(pair) = pair_code(b) else { return true };
        if self.pairs.is_empty() {
            return self.pair_bits[pair / 64] & (1 << (pair % 64)) != 0;
        }
        let (node, flags) = self.pair_nodes[self.pairs[pair] as usize];
        if node == NONE {
            return false;
        }
        if b.len() >= 12 {
            // All three sets are read and the answers combined without a branch: which one a
            // pair needs varies from word to word, and a chain of tests mispredicts.
            let six = self.six.may_contain(key(b, 6));
            let eight = self.eight.may_contain(key(b, 8));
            let twelve = self.twelve.may_contain(key12(b));
            (flags & WALK != 0)
                | (flags & SIX != 0) & six
                | (flags & EIGHT != 0) & eight
                | (flags & TWELVE != 0) & twelve
        } else {
            flags & WALK != 0
                || (flags & SIX != 0 && b.len() >= 6 && self.six.may_contain(key(b, 6)))
                || (flags & EIGHT != 0 && b.len() >= 8 && self.eight.may_contain(key(b, 8)))
        }
    }

    /// The node after the first two symbols of `b` when they are letters of the D8–D9 block and
    /// the trie has a pair table, and the first letter alone is no pattern: the first two steps
    /// of a walk in one access, with nothing to report on the way. [`NONE`] otherwise (also
    /// when no pattern starts with the pair).
    #[inline(always)]
    pub(crate) fn after_pair(&self, b: &[u8]) -> u32 {
        if self.pairs.is_empty() {
            return NONE;
        }
        let Some(pair) = pair_code(b) else { return NONE };
        match self.pair_nodes[self.pairs[pair] as usize] {
            (node, flags) if flags & ONE == 0 => node,
            _ => NONE,
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
            let t = Trie::new(&patterns, |_| false);
            for (p, pat) in patterns.iter().enumerate() {
                let node = t.follow(Trie::ROOT, pat.as_bytes());
                assert_ne!(node, NONE, "{pat}");
                assert_eq!(t.pattern(node) as usize, p, "{pat}");
            }
            assert_ne!(t.follow(Trie::ROOT, "قوا".as_bytes()), NONE);
            assert_eq!(t.pattern(t.follow(Trie::ROOT, "قوا".as_bytes())), NONE);
            assert_eq!(t.follow(Trie::ROOT, "حلب".as_bytes()), NONE);
            assert!(t.node_count() > 10);
            // The start filter lets every pattern of two symbols or more through, in any text
            // after it.
            for p in patterns.iter().filter(|p| p.chars().count() >= 2) {
                for after in ["", " ", "ه", "هم قال", "  و"] {
                    assert!(t.may_start(format!("{p}{after}").as_bytes()), "{p}{after}");
                }
            }
            let stopped =
                ["حلب", "قوس", "الحسن", "الجيش", "كلمات"].iter().filter(|w| !t.may_start(w.as_bytes())).count();
            assert_eq!(stopped > 3, dense, "{stopped}");
        }
    }
}
