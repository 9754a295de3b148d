//! Where the lexicon's names occur in a text: every occurrence of a pattern that starts where a
//! name may start and that the mention finder's first check (a pronoun suffix or nothing after
//! it in its word) keeps.
//!
//! A name counts only at a word start, optionally after a proclitic sequence (و، ب، ول ...,
//! `marsad_text::clitics::PROCLITICS`), so the scan looks only there, instead of running the
//! automaton unanchored over every byte and dropping what starts elsewhere. At each such
//! position, the rest of the word is looked up whole and without each pronoun suffix it ends
//! with among the one-word patterns, and when it is the first word of longer patterns the trie
//! is walked anchored from the state after it ([`Forms`] says why this finds every occurrence
//! the finder keeps). A bit table answers most lookups from the first-level cache.
//!
//! Names are matched across line breaks and runs of spaces: the scan reads the normalized text
//! as if every whitespace run were one space (the patterns have single spaces), and reports
//! spans in the normalized text itself.

use aho_corasick::automaton::Automaton as _;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use marsad_text::clitics::{PROCLITICS, SUFFIXES};
use rustc_hash::FxHashMap;
use std::hash::Hasher;
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
///
/// Every proclitic letter lies in the Arabic block (U+0600–U+06FF, two bytes in UTF-8, lead byte
/// D8–DB), so a node's transitions are a 256-entry row indexed by the character's offset in the
/// block, read straight from its two bytes; any other character leaves the trie.
struct ProcliticTrie {
    /// Per node, by offset in the Arabic block: the next node, or `NONE`.
    next: Vec<[u8; 256]>,
    /// Per node: whether the path to it is a sequence itself.
    accepts: Vec<bool>,
}

impl ProcliticTrie {
    const ROOT: usize = 0;
    const NONE: u8 = u8::MAX;

    fn get() -> &'static ProcliticTrie {
        static T: OnceLock<ProcliticTrie> = OnceLock::new();
        T.get_or_init(|| Self::new(PROCLITICS))
    }

    fn new(seqs: &[&str]) -> ProcliticTrie {
        let mut t = ProcliticTrie { next: vec![[Self::NONE; 256]], accepts: vec![false] };
        for seq in seqs {
            let mut n = Self::ROOT;
            for c in seq.chars() {
                assert!(('\u{600}'..'\u{700}').contains(&c), "proclitic letter {c:?} outside the Arabic block");
                let code = c as usize - 0x600;
                if t.next[n][code] == Self::NONE {
                    t.next.push([Self::NONE; 256]);
                    t.accepts.push(false);
                    t.next[n][code] = u8::try_from(t.next.len() - 1).expect("fewer than 255 trie nodes");
                }
                n = t.next[n][code] as usize;
            }
            t.accepts[n] = true;
        }
        t
    }

    /// The node after the character at byte `i` of `b` (a character boundary), if any.
    #[inline(always)]
    fn next(&self, n: usize, b: &[u8], i: usize) -> Option<usize> {
        let b0 = b[i];
        if b0 & 0xFC != 0xD8 {
            return None;
        }
        let code = (((b0 & 0x03) as usize) << 6) | (b[i + 1] & 0x3F) as usize;
        match self.next[n][code] {
            Self::NONE => None,
            next => Some(next as usize),
        }
    }

    #[inline(always)]
    fn accepts(&self, n: usize) -> bool {
        self.accepts[n]
    }
}

/// Byte-slice equality without a call to `memcmp`: the slices compared here (word forms,
/// pronoun suffixes) are short, and are compared as one to four overlapping machine words.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    #[inline(always)]
    fn word<const W: usize>(s: &[u8], i: usize) -> [u8; W] {
        s[i..i + W].try_into().expect("W bytes")
    }
    match n {
        0 => true,
        1 => a[0] == b[0],
        2..4 => word::<2>(a, 0) == word::<2>(b, 0) && word::<2>(a, n - 2) == word::<2>(b, n - 2),
        4..8 => {
            u32::from_ne_bytes(word(a, 0)) == u32::from_ne_bytes(word(b, 0))
                && u32::from_ne_bytes(word(a, n - 4)) == u32::from_ne_bytes(word(b, n - 4))
        }
        8..=16 => {
            u64::from_ne_bytes(word(a, 0)) == u64::from_ne_bytes(word(b, 0))
                && u64::from_ne_bytes(word(a, n - 8)) == u64::from_ne_bytes(word(b, n - 8))
        }
        _ => a == b,
    }
}

/// What a form of letters is: the all-letter pattern it equals, the trie state after it when
/// longer patterns start with it, and how many bytes after it the continuation filter reads
/// before a walk (0: the trie is always walked, see [`Forms::may_continue`]).
type Form = (Option<usize>, Option<StateID>, u8);

/// The patterns by their first word, for the lookups a letter run makes.
///
/// Let `r` be the letters from a position to the end of their run. A pattern `P` occurring at
/// the position either ends inside the run — then `P` is all letters, `r = P + rest`, and the
/// mention finder keeps it only if `rest` is a pronoun suffix (`is_pronoun_suffix`, its first
/// check) — or goes on past the run's end, where the text has a non-letter, so the letters of
/// `P` up to its first non-letter are exactly `r`. So the occurrences it keeps are found by
/// looking up `r` and `r` without each pronoun suffix it ends with among the all-letter
/// patterns, and, when `r` is the first word of longer patterns, by walking the trie from the
/// state after `r`.
///
/// A lookup hashes the form once: the top bits of the hash index a bit table that fits in the
/// first-level cache and answers most lookups (no form has that bit); other bits index an
/// open-addressing table whose entries keep the full hash, so the bytes are compared only when
/// the hashes are equal.
struct Forms {
    bits: Vec<u64>,
    /// Open addressing by `slot_of`: 0 for an empty slot, else an index into `entries` plus one.
    table: Vec<u16>,
    entries: Vec<FormEntry>,
    /// The forms' bytes, one after another (`FormEntry::start`, `len`): compact, so the few
    /// cache lines a document's lookups touch stay few.
    bytes: Vec<u8>,
    /// The non-empty pronoun suffixes, and by last byte the mask of those ending in it.
    suffixes: Vec<&'static [u8]>,
    by_last: [u16; 256],
    /// A filter over (trie state after a form, the first bytes of a longer pattern after the
    /// form, as many as the form's `cont` says): a walk whose next bytes are not in it finds
    /// nothing.
    next: Vec<u64>,
    /// The same number for the patterns that start with a non-letter, walked from the start
    /// state at a non-letter.
    lead_cont: u8,
}

/// A form and what it is, in 32 bytes.
struct FormEntry {
    hash: u64,
    start: u32,
    len: u16,
    cont: u8,
    single: Option<u32>,
    multi: Option<StateID>,
}

impl Forms {
    /// Bits of the filter (2^17 bits, 16 KiB) and of the table (2^15 slots for up to 16,000
    /// forms: the world gazetteer has about 10,000). They are taken from disjoint bits of the hash.
    const BITS: u32 = 17;
    const TABLE_BITS: u32 = 15;
    const NEXT_BITS: u32 = 16;
    /// The most bytes of a continuation the filter reads: a space and three letters (`قوات
    /// الن` of `قوات النظام`), which tells apart the many definite words after a first word.
    const MAX_CONT: usize = 7;
    /// The fewest: below, the form is always walked.
    const MIN_CONT: usize = 3;

    /// The filter bit of (`sid`, the first bytes of a continuation, zero-padded to eight).
    #[inline(always)]
    fn next_bit(sid: StateID, next: [u8; 8]) -> usize {
        let key = (sid.as_usize() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from_le_bytes(next);
        (key.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) >> (64 - Self::NEXT_BITS)) as usize
    }

    /// How many bytes of the continuations of a form the filter reads: all patterns that go on
    /// after the form do so with at least as many (`min`, the shortest continuation), up to
    /// [`Self::MAX_CONT`]; 0 when one goes on with fewer than [`Self::MIN_CONT`].
    fn cont_of(min: usize) -> u8 {
        if min < Self::MIN_CONT {
            0
        } else {
            min.min(Self::MAX_CONT) as u8
        }
    }

    /// Whether a pattern longer than the form may go on at byte `j` of `t`, from trie state
    /// `sid` after the form, the filter reading `n` bytes (the form's `cont`, at least one). The
    /// walk reads each whitespace run as one space; a pattern it would find continues the form
    /// with at least `n` bytes (every continuation of the form is that long), and those are the
    /// next `n` bytes the walk reads, so a pattern is found only if they are in the filter.
    /// Near the end of the text the walk is left to decide.
    #[inline]
    fn may_continue(&self, t: &str, mut j: usize, sid: StateID, n: u8) -> bool {
        let b = t.as_bytes();
        let mut next = [0u8; 8];
        for byte in &mut next[..n as usize] {
            if j >= b.len() {
                return true;
            }
            match space_len(t, j) {
                0 => {
                    *byte = b[j];
                    j += 1;
                }
                l => {
                    *byte = b' ';
                    j += l;
                    while j < b.len() {
                        match space_len(t, j) {
                            0 => break,
                            l => j += l,
                        }
                    }
                }
            }
        }
        let bit = Self::next_bit(sid, next);
        self.next[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn new(patterns: &[String], nfa: &NFA, start: StateID) -> Forms {
        let suffixes: Vec<&'static [u8]> = SUFFIXES.iter().filter(|s| !s.is_empty()).map(|s| s.as_bytes()).collect();
        assert!(suffixes.len() <= 16, "pronoun suffixes fit a u16 mask");
        let mut by_last = [0u16; 256];
        for (k, s) in suffixes.iter().enumerate() {
            by_last[s[s.len() - 1] as usize] |= 1 << k;
        }
        let mut next = vec![0u64; 1 << (Self::NEXT_BITS - 6)];
        // The forms in pattern order, each with what it is and its shortest continuation.
        let mut forms: Vec<(Box<[u8]>, Form, usize)> = Vec::new();
        let mut index: FxHashMap<Box<[u8]>, usize> = FxHashMap::default();
        // Each longer pattern: its index, the form it continues (None: it starts with a
        // non-letter), the trie state after that form, and where its continuation starts.
        let mut longer: Vec<(usize, Option<usize>, StateID, usize)> = Vec::new();
        let mut lead_min = usize::MAX;
        for (pid, p) in patterns.iter().enumerate() {
            let head = p.char_indices().find(|&(_, c)| !is_letter(c)).map_or(p.len(), |(i, _)| i);
            if head == 0 {
                lead_min = lead_min.min(p.len());
                longer.push((pid, None, start, 0));
                continue;
            }
            let form = &p.as_bytes()[..head];
            let k = *index.entry(form.into()).or_insert_with(|| {
                forms.push((form.into(), (None, None, 0), usize::MAX));
                forms.len() - 1
            });
            let (_, entry, min) = &mut forms[k];
            if head == p.len() {
                entry.0 = Some(pid);
                continue;
            }
            let sid = *entry
                .1
                .get_or_insert_with(|| form.iter().fold(start, |sid, &b| nfa.next_state(Anchored::Yes, sid, b)));
            *min = (*min).min(p.len() - head);
            longer.push((pid, Some(k), sid, head));
        }
        for (_, form, min) in &mut forms {
            form.2 = Self::cont_of(*min);
        }
        let lead_cont = Self::cont_of(lead_min);
        // Every longer pattern's first bytes after its form, as many as the form's filter reads.
        for (pid, k, sid, head) in longer {
            let n = k.map_or(lead_cont, |k| forms[k].1 .2) as usize;
            if n > 0 {
                let mut key = [0u8; 8];
                key[..n].copy_from_slice(&patterns[pid].as_bytes()[head..head + n]);
                let bit = Self::next_bit(sid, key);
                next[bit / 64] |= 1 << (bit % 64);
            }
        }
        assert!(2 * forms.len() < 1 << Self::TABLE_BITS, "the form table stays at most half full");
        assert!(forms.len() < u16::MAX as usize, "form indexes fit a u16");
        let mut f = Forms {
            bits: vec![0; 1 << (Self::BITS - 6)],
            table: vec![0; 1 << Self::TABLE_BITS],
            entries: Vec::with_capacity(forms.len()),
            bytes: Vec::new(),
            suffixes,
            by_last,
            next,
            lead_cont,
        };
        for (form, (single, multi, cont), _) in forms {
            let hash = Self::hash(&form);
            let bit = Self::bit_of(hash);
            f.bits[bit / 64] |= 1 << (bit % 64);
            let mut slot = Self::slot_of(hash);
            while f.table[slot] != 0 {
                slot = (slot + 1) & ((1 << Self::TABLE_BITS) - 1);
            }
            f.entries.push(FormEntry {
                hash,
                start: u32::try_from(f.bytes.len()).expect("forms fit 4 GiB"),
                len: u16::try_from(form.len()).expect("a form is shorter than 64 KiB"),
                cont,
                single: single.map(|pid| u32::try_from(pid).expect("pattern ids fit a u32")),
                multi,
            });
            f.bytes.extend_from_slice(&form);
            f.table[slot] = f.entries.len() as u16;
        }
        f
    }

    #[inline(always)]
    fn hash(form: &[u8]) -> u64 {
        let mut h = rustc_hash::FxHasher::default();
        h.write(form);
        h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }

    /// The filter bit: the top bits of the hash (a product's best-mixed bits).
    #[inline(always)]
    fn bit_of(hash: u64) -> usize {
        (hash >> (64 - Self::BITS)) as usize
    }

    /// The first table slot: the bits right below the filter's.
    #[inline(always)]
    fn slot_of(hash: u64) -> usize {
        ((hash >> (64 - Self::BITS - Self::TABLE_BITS)) & ((1 << Self::TABLE_BITS) - 1)) as usize
    }

    #[inline(always)]
    fn get(&self, form: &[u8]) -> Option<Form> {
        let hash = Self::hash(form);
        let bit = Self::bit_of(hash);
        if self.bits[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mut slot = Self::slot_of(hash);
        loop {
            let e = self.table[slot];
            if e == 0 {
                return None;
            }
            let entry = &self.entries[e as usize - 1];
            if entry.hash == hash {
                let start = entry.start as usize;
                if same(&self.bytes[start..start + entry.len as usize], form) {
                    return Some((entry.single.map(|pid| pid as usize), entry.multi, entry.cont));
                }
            }
            slot = (slot + 1) & ((1 << Self::TABLE_BITS) - 1);
        }
    }
}

/// The pattern trie and what the scan needs to search it.
pub(crate) struct Scanner {
    nfa: NFA,
    start: StateID,
    /// Bytes a pattern can start with.
    first_byte: [bool; 256],
    forms: Forms,
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
        let forms = Forms::new(patterns, &nfa, start);
        Scanner { nfa, start, first_byte, forms }
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
                let lead = self.forms.lead_cont;
                if after_proclitics
                    && self.first_byte[b[i] as usize]
                    && (lead == 0 || self.forms.may_continue(t, i, self.start, lead))
                {
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
                node = trie.next(n, b, p);
                // A proclitic letter is two bytes; after any other letter the loop ends.
                p += 2;
            }
            after_proclitics = p >= we && node.is_some_and(|n| trie.accepts(n));
            run_start = ws;
            i = we;
        }
    }

    /// The search at a letter `p` of the run `[ws, we)` (see [`Forms`]).
    #[inline]
    fn try_at(&self, t: &str, ws: usize, p: usize, we: usize, found: &mut impl FnMut(usize, usize, usize, usize)) {
        let run = &t.as_bytes()[p..we];
        let forms = &self.forms;
        if let Some((single, multi, cont)) = forms.get(run) {
            if let Some(pid) = single {
                found(ws, p, we, pid);
            }
            if let Some(sid) = multi.filter(|&sid| cont == 0 || forms.may_continue(t, we, sid, cont)) {
                self.walk(t, ws, p, we, sid, run.len(), found);
            }
        }
        let mut m = forms.by_last[run[run.len() - 1] as usize];
        while m != 0 {
            let suffix = forms.suffixes[m.trailing_zeros() as usize];
            m &= m - 1;
            if run.len() > suffix.len() && same(&run[run.len() - suffix.len()..], suffix) {
                let stem = &run[..run.len() - suffix.len()];
                if let Some((Some(pid), _, _)) = forms.get(stem) {
                    found(ws, p, p + stem.len(), pid);
                }
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::clitics::is_proclitic_seq;

    /// Arabic words with and without clitics, Latin, digits and punctuation mixed in.
    const WORDS: &[&str] = &[
        "",
        "و",
        "وب",
        "ولل",
        "بالحسكه",
        "والقوات",
        "فلقسد",
        "كالجيش",
        "ولايه",
        "بغداد",
        "فب",
        "فك",
        "وكل",
        "ل",
        "قسد",
        "حكومته",
        "قواتهم",
        "Reuters",
        "F16",
        "3",
        "،",
        "الـ",
        "ب3",
        "ـو",
        "هما",
        "كما",
        "ه",
    ];

    #[test]
    fn proclitic_trie_accepts_exactly_the_proclitic_sequences() {
        let trie = ProcliticTrie::get();
        let mut seqs: Vec<String> = PROCLITICS.iter().map(|s| s.to_string()).collect();
        seqs.extend(WORDS.iter().map(|w| w.to_string()));
        for s in &seqs {
            let b = s.as_bytes();
            let (mut node, mut i) = (Some(ProcliticTrie::ROOT), 0);
            while let Some(n) = node.filter(|_| i < b.len()) {
                node = trie.next(n, b, i);
                i += s[i..].chars().next().map_or(1, char::len_utf8);
            }
            assert_eq!(node.is_some_and(|n| trie.accepts(n)), is_proclitic_seq(s), "{s:?}");
        }
    }

    #[test]
    fn short_slice_equality_agrees_with_slice_equality() {
        let long = "قوات سوريا الديمقراطية وهيئة تحرير الشام";
        let mut slices: Vec<&[u8]> = WORDS.iter().map(|w| w.as_bytes()).collect();
        for n in 0..=long.len().min(40) {
            slices.push(&long.as_bytes()[..n]);
            slices.push(&long.as_bytes()[long.len() - n..]);
        }
        for a in &slices {
            for b in &slices {
                assert_eq!(same(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn continuation_filter_drops_no_match() {
        // Longer patterns after a shared first word (one continuing it by three bytes only,
        // " ب"), a first word continued by two bytes only (" c"), one whose continuations are all
        // long (الجيش), and patterns starting with a quote.
        let patterns: Vec<String> = [
            "قوات سوريا الديمقراطيه",
            "قوات النظام",
            "قوات ب",
            "جيش \"الاسلام\"",
            "الجيش الحر",
            "الجيش السوري الحر",
            "ab cd",
            "ab c",
            "حلب",
            "\"داعش\"",
            "\"جبهه النصره\"",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let texts = [
            "قالت قوات سوريا الديمقراطيه إن قوات النظام وقوات ب هاجمت، وقوات\n\nالنظام  وقوات",
            "بقوات سوريا وقوات سور ولقوات النظامي والجيش الحر والجيش الحرس وجيش \"الاسلام\" وجيش الاسلام",
            "ab cd ab c ab  cd ab\ncd قوات 3 قوات، قوات \u{a0}النظام حلب",
            "الجيش العراقي والجيش  السوري الحر والجيش\nالسوري والجيش الوطني والجيش التركي والجيش الحرب، الجيش",
            "قال \"داعش\" و\"جبهه النصره\" و\"جبهه\" و\"داعشي\" \"الاسلام\" \"دا",
            "قوات",
            "قوات ",
            "قوات س",
        ];
        let mut scanner = Scanner::new(&patterns);
        let run = |scanner: &Scanner| {
            let mut out = Vec::new();
            for t in &texts {
                scanner.scan(t, |ws, s, e, pid| out.push((ws, s, e, pid)));
            }
            out
        };
        let filtered = run(&scanner);
        let forms = &scanner.forms;
        assert_eq!(forms.get("قوات".as_bytes()).map(|f| f.2), Some(3), "قوات ب ends three bytes after قوات");
        assert_eq!(forms.get(b"ab").map(|f| f.2), Some(0), "ab c ends two bytes after ab");
        assert_eq!(forms.get("الجيش".as_bytes()).map(|f| f.2), Some(7), "every continuation of الجيش is long");
        assert_eq!(forms.lead_cont, 7, "the quoted names are long");
        // Walks the filter spares: after a form, and at a quote.
        let rejected = |word: &str| {
            let (sid, cont) = match forms.get(word.as_bytes()) {
                Some((_, Some(sid), cont)) => (sid, cont),
                _ => (scanner.start, forms.lead_cont),
            };
            let skip = if word.is_empty() { 0 } else { word.len() };
            let word = if word.is_empty() { "\"" } else { word };
            texts
                .iter()
                .flat_map(|t| t.match_indices(word).map(move |(i, _)| (t, i + skip)))
                .filter(|&(t, j)| !forms.may_continue(t, j, sid, cont))
                .count()
        };
        assert!(rejected("قوات") >= 2, "the filter spares only {} walks after قوات", rejected("قوات"));
        assert!(rejected("الجيش") >= 3, "the filter spares only {} walks after الجيش", rejected("الجيش"));
        assert!(rejected("") >= 3, "the filter spares only {} walks at a quote", rejected(""));
        scanner.forms.next.fill(u64::MAX);
        assert_eq!(filtered, run(&scanner));
        assert!(filtered.len() > 15, "{filtered:?}");
    }

    #[test]
    fn form_table_agrees_with_a_hash_map_of_the_forms() {
        let patterns: Vec<String> = ["الحسكه", "قوات سوريا الديمقراطيه", "قوات", "قسد", "حلب", "جيش \"الاسلام\"", "ab"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let scanner = Scanner::new(&patterns);
        let forms = &scanner.forms;
        // The forms: each pattern's letters up to its first non-letter.
        let expected: std::collections::HashMap<&str, Option<usize>> = [
            ("الحسكه", Some(0)),
            ("قوات", Some(2)),
            ("قسد", Some(3)),
            ("حلب", Some(4)),
            ("جيش", None),
            ("ab", Some(6)),
        ]
        .into_iter()
        .collect();
        for (form, single) in &expected {
            let got = forms.get(form.as_bytes()).unwrap_or_else(|| panic!("{form} is a form"));
            assert_eq!(got.0, *single, "{form}");
        }
        assert!(forms.get("قوات".as_bytes()).is_some_and(|f| f.1.is_some()), "قوات starts a longer pattern");
        assert!(forms.get("قسد".as_bytes()).is_some_and(|f| f.1.is_none()));
        for w in WORDS.iter().chain(&["الحسك", "الحسكة", "قواتهم", "سوريا", "حلبا", "a", "abc"])
        {
            if !expected.contains_key(w) {
                assert!(forms.get(w.as_bytes()).is_none(), "{w} is no form");
            }
        }
        // The embedded lexicon: every all-letter pattern is found as itself.
        let auto = crate::matcher::automaton();
        let mut n = 0;
        for (text, &pid) in auto.pattern_index() {
            if text.chars().all(is_letter) {
                assert_eq!(auto.scanner().forms.get(text.as_bytes()).and_then(|f| f.0), Some(pid), "{text}");
                n += 1;
            }
        }
        assert!(n > 1000, "only {n} all-letter patterns");
    }
}
