//! Where the lexicon's names occur in a text: every occurrence of a pattern that starts where a
//! name may start.
//!
//! A name counts only at a word start, optionally after a proclitic sequence (و، ب، ول ...,
//! `marsad_text::clitics::PROCLITICS`), so the pattern trie is searched *anchored*, from those
//! positions only, instead of unanchored over every byte. Both report the same occurrences at
//! those positions — an anchored search reports every pattern that starts where it starts — and
//! the mention finder drops every occurrence elsewhere, so the candidates it keeps are the same;
//! the anchored walks touch the top of the trie, which stays in cache, and most of them stop
//! after a byte or two. A bit table of pattern heads ([`Prefilter`]) skips most walks that
//! would find nothing.
//!
//! Names are matched across line breaks and runs of spaces: the scan reads the normalized text
//! as if every whitespace run were one space (the patterns have single spaces), and reports
//! spans in the normalized text itself.

use aho_corasick::automaton::Automaton as _;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use marsad_text::clitics::PROCLITICS;
use rustc_hash::FxHashMap;
use std::sync::{LazyLock, OnceLock};

/// `char::is_alphabetic`, answered from a table for ASCII and the Arabic block (U+0600–U+06FF),
/// where nearly every character of the text is.
pub(crate) fn is_letter(c: char) -> bool {
    LETTERS.is(c)
}

static LETTERS: LazyLock<Letters> = LazyLock::new(|| {
    let mut l = Letters { ascii: [false; 128], arabic: [false; 256] };
    for cp in 0..0x80u32 {
        l.ascii[cp as usize] = char::from_u32(cp).is_some_and(char::is_alphabetic);
    }
    for cp in 0x600..0x700u32 {
        l.arabic[cp as usize - 0x600] = char::from_u32(cp).is_some_and(char::is_alphabetic);
    }
    l
});

struct Letters {
    ascii: [bool; 128],
    /// U+0600–U+06FF.
    arabic: [bool; 256],
}

impl Letters {
    #[inline]
    fn is(&self, c: char) -> bool {
        match c as u32 {
            cp @ 0..0x80 => self.ascii[cp as usize],
            cp @ 0x600..0x700 => self.arabic[cp as usize - 0x600],
            _ => c.is_alphabetic(),
        }
    }

    /// Whether the character at byte `i` of `t` is a letter, and its length. The Arabic block
    /// is read straight from its two bytes (lead byte D8–DB).
    #[inline(always)]
    fn at(&self, t: &str, i: usize) -> (bool, usize) {
        let b = t.as_bytes();
        let b0 = b[i];
        if b0 < 0x80 {
            return (self.ascii[b0 as usize], 1);
        }
        if b0 & 0xFC == 0xD8 {
            return (self.arabic[(((b0 & 0x03) as usize) << 6) | (b[i + 1] & 0x3F) as usize], 2);
        }
        let c = t[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
        (c.is_alphabetic(), c.len_utf8())
    }
}

/// The character starting at byte `i` of `t` and its length; two-byte characters (the Arabic
/// block) are decoded inline.
#[inline(always)]
fn char_at(t: &str, i: usize) -> (char, usize) {
    let b = t.as_bytes();
    let b0 = b[i];
    if b0 & 0xE0 == 0xC0 {
        let cp = ((b0 as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F);
        if let Some(c) = char::from_u32(cp) {
            return (c, 2);
        }
    }
    let c = t[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// The length of the whitespace character at byte `i` of `t`, 0 if there is none. The Arabic
/// block (lead bytes D8–DB) holds no whitespace, so only other non-ASCII characters are decoded.
#[inline(always)]
fn space_len(t: &str, i: usize) -> usize {
    let b0 = t.as_bytes()[i];
    if b0 < 0x80 {
        return (b0 as char).is_whitespace() as usize;
    }
    if !(0xC0..0xD8).contains(&b0) && b0 < 0xE0 {
        return 0;
    }
    let c = t[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
    if c.is_whitespace() {
        c.len_utf8()
    } else {
        0
    }
}

/// The allowed proclitic sequences as a trie over letters: the scan walks it along the first
/// letters of each word, so it knows at each letter whether the letters before it, back to the
/// word start, form an allowed sequence (`is_proclitic_seq`) without comparing strings.
struct ProcliticTrie {
    /// Per node: the letters leading on (letter, node), and whether the path to it is a
    /// sequence itself.
    nodes: Vec<(Vec<(char, usize)>, bool)>,
}

impl ProcliticTrie {
    const ROOT: usize = 0;

    fn get() -> &'static ProcliticTrie {
        static T: OnceLock<ProcliticTrie> = OnceLock::new();
        T.get_or_init(|| {
            let mut nodes = vec![(Vec::new(), false)];
            for seq in PROCLITICS {
                let mut n = Self::ROOT;
                for c in seq.chars() {
                    n = match nodes[n].0.iter().find(|&&(l, _)| l == c) {
                        Some(&(_, next)) => next,
                        None => {
                            nodes.push((Vec::new(), false));
                            let next = nodes.len() - 1;
                            nodes[n].0.push((c, next));
                            next
                        }
                    };
                }
                nodes[n].1 = true;
            }
            ProcliticTrie { nodes }
        })
    }

    #[inline]
    fn next(&self, n: usize, c: char) -> Option<usize> {
        self.nodes[n].0.iter().find(|&&(l, _)| l == c).map(|&(_, next)| next)
    }

    #[inline]
    fn accepts(&self, n: usize) -> bool {
        self.nodes[n].1
    }
}

/// Pattern heads, to decide from the first letters at a position, mostly from a bit table that
/// fits in the first-level cache, whether the trie needs walking there, and to skip its first
/// eight steps when it does.
///
/// Let `r` be the letters from the position to the end of their run, and `h(P)` the letters of
/// pattern `P` up to its first non-letter (all of `P` if it has none). If `P` occurs at the
/// position, either it ends inside the run — then `P` is all letters and a prefix of `r` — or it
/// goes on past the run's end, where the text has a non-letter, so `h(P) = r`. Either way the
/// first `min(8, |r|)` bytes of `r` are those of `h(P)`, unless `P` is all letters, shorter than
/// 8 bytes and shorter than `r`: then the first `|P|` bytes of `r` are `P`. `bits` has a bit
/// for each such head, so a position whose bits are all clear starts no pattern. (Patterns
/// starting with a non-letter are searched without this test.)
struct Heads {
    bits: Vec<u64>,
    /// Byte lengths below 8 of the patterns that are all letters.
    short: Vec<usize>,
    /// Every first 8 bytes of a pattern whose head has 8 bytes or more: the trie state after
    /// them, and the patterns (length, id) that end within them.
    long: FxHashMap<u64, (StateID, Vec<(usize, usize)>)>,
}

impl Heads {
    const BITS: u32 = 17;

    fn new(patterns: &[String], nfa: &NFA, start: StateID) -> Heads {
        let mut h = Heads { bits: vec![0; 1 << (Self::BITS - 6)], short: Vec::new(), long: FxHashMap::default() };
        for p in patterns {
            let head = p.char_indices().find(|&(_, c)| !is_letter(c)).map_or(p.len(), |(i, _)| i);
            if head == 0 {
                continue;
            }
            let key = &p.as_bytes()[..head.min(8)];
            h.set(key);
            if head == p.len() && p.len() < 8 && !h.short.contains(&p.len()) {
                h.short.push(p.len());
            }
            if head >= 8 && !h.long.contains_key(&Self::key(key)) {
                let mut sid = start;
                let mut ends = Vec::new();
                for (i, &b) in key.iter().enumerate() {
                    sid = nfa.next_state(Anchored::Yes, sid, b);
                    if nfa.is_match(sid) {
                        ends.extend(
                            (0..nfa.match_len(sid))
                                .map(|k| nfa.match_pattern(sid, k))
                                .filter(|&pid| nfa.pattern_len(pid) == i + 1)
                                .map(|pid| (i + 1, pid.as_usize())),
                        );
                    }
                }
                h.long.insert(Self::key(key), (sid, ends));
            }
        }
        h.short.sort_unstable();
        h
    }

    /// A head of at most 8 bytes as an integer: no letter has a zero byte, so zero padding
    /// is unambiguous.
    #[inline(always)]
    fn key(head: &[u8]) -> u64 {
        let mut buf = [0u8; 8];
        buf[..head.len()].copy_from_slice(head);
        u64::from_le_bytes(buf)
    }

    #[inline(always)]
    fn slot(key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::BITS)) as usize
    }

    fn set(&mut self, head: &[u8]) {
        let slot = Self::slot(Self::key(head));
        self.bits[slot / 64] |= 1 << (slot % 64);
    }

    #[inline(always)]
    fn test(&self, key: u64) -> bool {
        let slot = Self::slot(key);
        self.bits[slot / 64] & (1 << (slot % 64)) != 0
    }

    /// Whether an all-letter pattern shorter than 8 bytes and than `run` may start `run`.
    #[inline]
    fn short_may_start(&self, run: &[u8]) -> bool {
        self.short.iter().any(|&l| l < run.len() && self.test(Self::key(&run[..l])))
    }
}

/// The pattern trie and what the scan needs to search it.
pub(crate) struct Scanner {
    nfa: NFA,
    start: StateID,
    /// Bytes a pattern can start with.
    first_byte: [bool; 256],
    heads: Heads,
}

impl Scanner {
    pub(crate) fn new(patterns: &[String]) -> Scanner {
        let nfa = aho_corasick::nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .expect("lexicon patterns compile");
        let start = nfa.start_state(Anchored::Yes).expect("an NFA supports anchored searches");
        let mut first_byte = [false; 256];
        for p in patterns {
            if let Some(&b) = p.as_bytes().first() {
                first_byte[b as usize] = true;
            }
        }
        let heads = Heads::new(patterns, &nfa, start);
        Scanner { nfa, start, first_byte, heads }
    }

    /// Every occurrence of a pattern in `t` that starts where a name may start, as
    /// `found(word_start, start, end, pattern)`: at a position whose letters back to the start
    /// of their run (`word_start`) are an allowed proclitic sequence — a word start, a position
    /// after و، ب، ول ... at the head of a word, any position after a non-letter.
    pub(crate) fn scan(&self, t: &str, mut found: impl FnMut(usize, usize, usize, usize)) {
        let b = t.as_bytes();
        let letters = &*LETTERS;
        let trie = ProcliticTrie::get();
        let empty_ok = trie.accepts(ProcliticTrie::ROOT);
        // Whether the letters right before `i`, back to `run_start`, are a proclitic sequence.
        let mut after_proclitics = empty_ok;
        let mut run_start = 0;
        let mut i = 0;
        while i < b.len() {
            let (letter, len) = letters.at(t, i);
            if !letter {
                if after_proclitics && self.first_byte[b[i] as usize] {
                    self.walk(t, run_start, i, i, self.start, 0, &mut found);
                }
                i += len;
                run_start = i;
                after_proclitics = empty_ok;
                continue;
            }
            // A run of letters [ws, we): the positions in it after a proclitic sequence.
            let ws = i;
            let mut we = i + len;
            while we < b.len() {
                match letters.at(t, we) {
                    (true, l) => we += l,
                    _ => break,
                }
            }
            let mut node = Some(ProcliticTrie::ROOT);
            let mut p = ws;
            while let Some(n) = node.filter(|_| p < we) {
                if trie.accepts(n) && self.first_byte[b[p] as usize] {
                    self.try_at(t, ws, p, we, &mut found);
                }
                let (c, l) = char_at(t, p);
                node = trie.next(n, c);
                p += l;
            }
            after_proclitics = p >= we && node.is_some_and(|n| trie.accepts(n));
            run_start = ws;
            i = we;
        }
    }

    /// The search at a letter `p` of the run `[ws, we)`.
    #[inline]
    fn try_at(&self, t: &str, ws: usize, p: usize, we: usize, found: &mut impl FnMut(usize, usize, usize, usize)) {
        let run = &t.as_bytes()[p..we];
        let heads = &self.heads;
        if run.len() >= 8 {
            let key = Heads::key(&run[..8]);
            if heads.test(key) {
                if let Some((sid, ends)) = heads.long.get(&key) {
                    // The first 8 bytes are letters: the walk through them is precomputed.
                    for &(len, pid) in ends {
                        found(ws, p, p + len, pid);
                    }
                    self.walk(t, ws, p, p + 8, *sid, 8, found);
                    return;
                }
            }
            // No pattern starts with these 8 bytes: only one shorter than 8 bytes can start here.
            if heads.short_may_start(run) {
                self.walk(t, ws, p, p, self.start, 0, found);
            }
        } else if heads.test(Heads::key(run)) || heads.short_may_start(run) {
            self.walk(t, ws, p, p, self.start, 0, found);
        }
    }

    /// The anchored search for patterns starting at `s`, from state `sid` after `fed` bytes at
    /// byte `j`, reading each whitespace run of the text as one space.
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn walk(
        &self,
        t: &str,
        ws: usize,
        s: usize,
        mut j: usize,
        mut sid: StateID,
        mut fed: usize,
        found: &mut impl FnMut(usize, usize, usize, usize),
    ) {
        let nfa = &self.nfa;
        let b = t.as_bytes();
        while j < b.len() {
            let mut byte = b[j];
            let mut next = j + 1;
            let sp = space_len(t, j);
            if sp > 0 {
                byte = b' ';
                next = j + sp;
                while next < b.len() {
                    match space_len(t, next) {
                        0 => break,
                        l => next += l,
                    }
                }
            }
            sid = nfa.next_state(Anchored::Yes, sid, byte);
            // `fed` counts the bytes read so far, a whitespace run as one: the length of a
            // pattern that matches here.
            fed += 1;
            j = next;
            if !nfa.is_special(sid) {
                continue;
            }
            if nfa.is_dead(sid) {
                return;
            }
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                // A match state also lists the patterns that are suffixes of the path to it
                // (inherited along failure links for unanchored searches): they start later.
                if nfa.pattern_len(pid) == fed {
                    found(ws, s, j, pid.as_usize());
                }
            }
        }
    }
}
