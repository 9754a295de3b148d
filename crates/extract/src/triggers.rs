//! Event trigger words and the cue words read around them, compiled into one trie.
//!
//! Design decision: triggers (`data/triggers.toml`) and cues (`data/event_cues.toml`) are data;
//! at first use every form is normalized like the text, verbs are inflected for person and
//! number, and all forms go into ONE trie over Arabic letters, so a document is scanned once
//! whatever the number of triggers. A match counts only on word boundaries, with the
//! proclitics of [`marsad_text::clitics`] (plus the article and the future prefix) before it
//! and a pronoun suffix after it; so the trie is walked anchored (one step per letter, until
//! no form goes on) only at word starts and after the proclitic sequences found there, not
//! over every byte (an Aho-Corasick automaton over the same forms is the tests' reference).
//! Overlapping candidates are resolved per position, longest first, so `لا يزال` (still)
//! hides the negation `لا`, and `حظر التجوال` hides `حظر`.

#[cfg(test)]
use aho_corasick::automaton::Automaton;
#[cfg(test)]
use aho_corasick::nfa::contiguous::NFA;
#[cfg(test)]
use aho_corasick::{Anchored, MatchKind};
use marsad_core::{Action, Span, SubEventType};
use marsad_text::clitics::{is_proclitic_seq, is_pronoun_suffix, PROCLITICS, SUFFIXES};
use marsad_text::normalize::normalize_str;
use marsad_text::{TextLayer, TokenKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const TRIGGERS_TOML: &str = include_str!("../data/triggers.toml");
const CUES_TOML: &str = include_str!("../data/event_cues.toml");

/// A data file that does not parse or names an unknown label.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}: {source}")]
    Toml { file: &'static str, source: toml::de::Error },
    #[error("{file}: trigger {index}: unknown {what} {value:?}")]
    Label { file: &'static str, index: usize, what: &'static str, value: String },
}

/// One example sentence of a trigger entry, checked by the test suite.
#[derive(Clone, Debug, Deserialize)]
pub struct Example {
    pub text: String,
    /// The action expected, or `none` when no asserted event may come out.
    pub action: String,
}

#[derive(Clone, Debug, Deserialize)]
struct RawTrigger {
    action: String,
    sub_type: String,
    strength: String,
    #[serde(default = "yes")]
    creates: bool,
    #[serde(default)]
    passive: bool,
    #[serde(default)]
    dated: bool,
    #[serde(default)]
    instrument: bool,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    blocked: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    not_in_clause: Vec<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct RawTriggers {
    trigger: Vec<RawTrigger>,
}

#[derive(Deserialize)]
struct RawCues {
    factuality: RawFactuality,
    windows: Windows,
    context: RawWords,
    statement: StatementRules,
    roles: RawRoles,
    clause: RawBreaks,
    after: RawAfter,
    mask: RawWords,
    anaphora: RawWords,
    repel: RawWords,
    members: RawWords,
    sport: RawWords,
    undergo: RawWords,
}

#[derive(Deserialize)]
struct RawFactuality {
    negated: Vec<String>,
    hypothetical: Vec<String>,
    planned: Vec<String>,
    feared: Vec<String>,
    modal: Vec<String>,
    negated_next: Vec<String>,
    only: Vec<String>,
    about: Vec<String>,
    asserted: Vec<String>,
}

/// Words after a trigger that say its event has not happened (الهجوم المحتمل، المرتقب).
#[derive(Deserialize)]
struct RawAfter {
    hypothetical: Vec<String>,
    planned: Vec<String>,
    onset: Vec<String>,
}

/// How many words before a trigger each kind of modal cue reaches.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Windows {
    pub negated: usize,
    pub hypothetical: usize,
    pub planned: usize,
    pub feared: usize,
    /// How far before a trigger carrying ل an `undergo` or `repel` cue may stand.
    pub purpose: usize,
    /// How many words after a trigger an `[after]` cue may stand.
    pub after: usize,
}

#[derive(Deserialize)]
struct RawWords {
    words: Vec<String>,
}

/// Who may make a statement.
#[derive(Clone, Debug, Deserialize)]
pub struct StatementRules {
    pub speaker_kinds: Vec<String>,
    pub excluded_parent_kinds: Vec<String>,
}

#[derive(Deserialize)]
struct RawRoles {
    agent: Vec<String>,
    target: Vec<String>,
    between: Vec<String>,
}

#[derive(Deserialize)]
struct RawBreaks {
    breaks: Vec<String>,
}

/// Whether a trigger fires alone or needs an armed-conflict context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
}

/// One trigger entry of `triggers.toml`, with its forms normalized.
#[derive(Clone, Debug)]
pub struct Trigger {
    pub action: Action,
    pub sub_type: SubEventType,
    pub strength: Strength,
    pub creates: bool,
    pub passive: bool,
    pub dated: bool,
    /// The forms name a weapon, not an act (طائرة مسيرة، الطيران الحربي): they count only
    /// beside a violent act of another entry in their clause, which they then type.
    pub instrument: bool,
    pub after: Phrases,
    pub blocked: Phrases,
    pub before: Phrases,
    pub not_before: Phrases,
    /// Words that cancel the trigger anywhere in its clause (قتل ... في حادث سير).
    pub not_in_clause: Phrases,
    pub examples: Vec<Example>,
}

/// How a trigger form is built, which decides where its arguments are looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pos {
    Verb,
    Noun,
}

/// What a cue word does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cue {
    Negated,
    Hypothetical,
    Planned,
    Feared,
    Modal,
    /// A negation of the word right after it only (لا يستهدف): a لا farther back belongs
    /// to another verb (قال إنه لا يعرف من نفذ الهجوم).
    NegatedNext,
    Asserted,
    /// After a trigger: the event is possible, not told as happened (الهجوم المحتمل).
    AfterHypothetical,
    /// After a trigger: the event is expected (الهجوم المرتقب، الوشيك).
    AfterPlanned,
    Context,
    Agent,
    Target,
    Between,
    Break,
    /// A compound that names a place or a state (مجمع الاعتقال): hides the trigger inside.
    Mask,
    /// A demonstrative before a trigger (هذا الهجوم).
    Anaphora,
    /// Repelling (صد الهجوم): the subject is the side attacked.
    Repel,
    /// A head noun of a group's members (عناصر، مقاتلي).
    Members,
    /// A word that makes a following trigger with ل something suffered or met (تعرض لهجوم).
    Undergo,
    /// A word of sport (المباراة، المنتخب): a weak trigger in its sentence is a figure of
    /// the game unless an armed actor is named there.
    Sport,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Trigger { entry: usize, pos: Pos },
    Cue(Cue),
}

/// One match of the automaton on word boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    /// Span in the original text (clitics included).
    pub span: Span,
    /// First and last token covered (indices into `TextLayer::tokens`).
    pub first: usize,
    pub last: usize,
    pub sentence: usize,
    /// A pronoun suffix follows the matched form (إعلانه، طرده): the pronoun names an
    /// argument told before.
    pub suffix: bool,
    /// The preposition or particle ل precedes the matched form, after any conjunction
    /// (لشن، للاشتباك، ليهرب).
    pub lam: bool,
    /// The future prefix س precedes the matched form (ستهاجم، وسيقصف): a verb so marked
    /// tells what is to come.
    pub future: bool,
}

/// The compiled trigger and cue lexicon.
pub struct Triggers {
    pub entries: Vec<Trigger>,
    pub windows: Windows,
    /// Words before a trigger that tell an expected event took place (بدأ الهجوم المرتقب):
    /// the `after` cues then do not apply.
    pub onset: Phrases,
    /// Words after a trigger negated by لا that make "only" or "not only" of it.
    pub only: Phrases,
    /// Words between a modal cue and a trigger that make the trigger what the cue's act is
    /// about (دعا إلى التحقيق في الهجوم): the cue then says nothing of the trigger.
    pub about: Phrases,
    pub statement: StatementRules,
    /// Every trigger and cue form, walked anchored at the offsets [`Triggers::search`] tries.
    trie: Trie,
    /// The same forms in an Aho-Corasick automaton: the reference the trie's walks must agree with.
    #[cfg(test)]
    ac: NFA,
    /// Which offsets are worth a walk of `ac`.
    filter: StartFilter,
    /// The proclitic sequences: the empty one first, then the others grouped by the code
    /// of their first letter, shortest first in a group.
    prefixes: Vec<Prefix>,
    /// The range of `prefixes` starting with each letter code.
    by_first: Vec<(usize, usize)>,
    /// The suffixes a match may have, packed as by [`key`] with their length.
    suffixes: Vec<((usize, u64), Suffix)>,
    targets: Vec<Vec<Target>>,
    /// The pattern has at most two characters.
    short: Vec<bool>,
    #[cfg(test)]
    patterns: Vec<String>,
}

// ------------------------------------------------------------------ the scan machinery
//
// The normalized text is almost all two-byte Arabic letters (lead byte D8 or D9). A letter of
// that block has a 7-bit code; two letters a 14-bit one, small enough for a table.

/// The code of the letter whose two UTF-8 bytes are `lead cont`, when `lead` is D8 or D9.
#[inline(always)]
fn letter_code(lead: u8, cont: u8) -> Option<usize> {
    ((lead & 0xFE) == 0xD8).then_some((((lead & 1) as usize) << 6) | (cont & 0x3F) as usize)
}

/// The code of the two letters `b[0..4]`, when both are letters of the D8–D9 block.
#[inline(always)]
fn pair_code(b: &[u8]) -> Option<usize> {
    match b {
        [l0, c0, l1, c1, ..] => Some((letter_code(*l0, *c0)? << 7) | letter_code(*l1, *c1)?),
        _ => None,
    }
}

/// The first `n` (at most 8) bytes of `b` as a number.
#[inline(always)]
fn key(b: &[u8], n: usize) -> u64 {
    let mut k = [0u8; 8];
    k[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(k)
}

/// A set of numbers that may answer yes for a number not in it, never no for one in it.
#[derive(Clone, Debug)]
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

/// What the first two letters at an offset say about the patterns that may start there.
const WALK: u16 = 1;
/// A pattern of exactly six bytes (three letters) starts with them.
const SIX: u16 = 2;
/// A pattern of eight to eleven bytes starts with them.
const EIGHT: u16 = 4;
/// A pattern of twelve bytes or more starts with them.
const TWELVE: u16 = 8;

/// The first twelve bytes of `b` (at least twelve long) folded into a number.
#[inline(always)]
fn key12(b: &[u8]) -> u64 {
    let lo = u64::from_le_bytes(b[..8].try_into().unwrap());
    let hi = u32::from_le_bytes(b[8..12].try_into().unwrap());
    lo.wrapping_mul(0xC2B2_AE3D_27D4_EB4F) ^ hi as u64
}

/// A cheap exact test run before a walk of the automaton: can any pattern start here?
///
/// Exact (never says no where a pattern starts): a pattern starting at an offset equals the
/// bytes there. If the text's first two letters are a pair of the D8–D9 block, the pattern's
/// first four bytes are that pair too (or the pattern is that one letter, marked WALK for
/// every second letter), and the pair's flags record the pattern: WALK for a pattern of two
/// letters or of an odd length, SIX with its bytes for one of three letters, EIGHT with its
/// first eight bytes for one of eight to eleven bytes, TWELVE with its first twelve bytes for
/// a longer one (words sharing their first four letters are many: الاستهداف، الاستثمار).
/// Any other text start is walked.
///
/// The pair's entry also names the trie node after the pair, so a walk that passes the
/// filter goes on from there without a second table.
struct StartFilter {
    /// Per pair: the flags (low four bits) and, above them, the index in `nodes` of the
    /// [`Trie`] node after the pair (0: no pattern goes on past the pair).
    pairs: Vec<u16>,
    nodes: Vec<u32>,
    six: Bits,
    eight: Bits,
    twelve: Bits,
}

impl StartFilter {
    fn new(patterns: &[String], trie: &Trie) -> StartFilter {
        let mut f = StartFilter {
            pairs: vec![0; 1 << 14],
            nodes: vec![NONE],
            six: Bits::new(14),
            eight: Bits::new(15),
            twelve: Bits::new(16),
        };
        for p in patterns.iter().map(|p| p.as_bytes()) {
            if let Some(pair) = pair_code(p) {
                match p.len() {
                    6 => {
                        f.pairs[pair] |= SIX;
                        f.six.insert(key(p, 6));
                    }
                    8..12 => {
                        f.pairs[pair] |= EIGHT;
                        f.eight.insert(key(p, 8));
                    }
                    12.. => {
                        f.pairs[pair] |= TWELVE;
                        f.twelve.insert(key12(p));
                    }
                    _ => f.pairs[pair] |= WALK,
                }
            } else if let (2, Some(first)) = (p.len(), letter_code(p[0], p[1])) {
                for second in 0..128 {
                    f.pairs[(first << 7) | second] |= WALK;
                }
            }
            // Otherwise the pattern's first four bytes are not two letters of the block, nor
            // are the text's where it matches: such offsets are always walked.
        }
        for pair in 0..1 << 14 {
            let node = trie.pair_node(pair);
            if node != NONE {
                assert!(f.nodes.len() < 1 << 12, "too many letter pairs start a trigger form");
                f.pairs[pair] |= (f.nodes.len() as u16) << 4;
                f.nodes.push(node);
            }
        }
        f
    }

    /// How to walk the trie at the beginning of `b`, or `None` when no pattern starts there.
    #[inline(always)]
    fn start(&self, b: &[u8]) -> Option<Walk> {
        let Some(pair) = pair_code(b) else { return Some(Walk::Root) };
        let entry = self.pairs[pair];
        let flags = entry & 15;
        let may = if b.len() >= 12 {
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
        };
        may.then(|| Walk::Pair { first: pair >> 7, node: self.nodes[(entry >> 4) as usize] })
    }
}

/// Where a walk of the [`Trie`] begins.
#[derive(Clone, Copy, Debug)]
enum Walk {
    /// At the root.
    Root,
    /// After the first two letters, which are a pair of the D8–D9 block: `first` is the code of
    /// the first, `node` the node after both (or [`NONE`]).
    Pair { first: usize, node: u32 },
}

#[cfg(test)]
/// An Aho-Corasick automaton over `patterns` for anchored walks (standard semantics: every
/// pattern is reported where it matches). The contiguous NFA, not the DFA: an anchored walk
/// never follows a failure link (a missing transition is the dead state), so the NFA takes
/// the same steps, and its table (about 0.1 MB against 2 MB) stays in cache between the
/// scattered walks of a document.
fn anchored_nfa<P: AsRef<[u8]>>(patterns: &[P]) -> NFA {
    // No prefilter: walks are anchored, and without one only the dead and match states are
    // special, the two a walk looks at.
    NFA::builder().match_kind(MatchKind::Standard).prefilter(false).build(patterns).expect("trigger patterns compile")
}

/// Call `f(end, pattern)` for every pattern of `dfa` that starts at byte `at` of `hay`, shortest
/// first. This is the crate's anchored search with every match reported (its iterators do not
/// offer anchored overlapping search); the state of an anchored walk also carries the
/// shorter patterns its failure links reach, which start later and are skipped.
#[cfg(test)]
fn walk_anchored(dfa: &NFA, hay: &[u8], at: usize, mut f: impl FnMut(usize, usize)) {
    let Ok(mut sid) = dfa.start_state(Anchored::Yes) else { return };
    for (n, &b) in hay[at..].iter().enumerate() {
        sid = dfa.next_state(Anchored::Yes, sid, b);
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                return;
            }
            if dfa.is_match(sid) {
                for k in 0..dfa.match_len(sid) {
                    let pid = dfa.match_pattern(sid, k);
                    if dfa.pattern_len(pid) == n + 1 {
                        f(at + n + 1, pid.as_usize());
                    }
                }
            }
        }
    }
}

/// No node, no pattern.
const NONE: u32 = u32::MAX;

/// The symbol at byte `i` of `b` and its length in bytes: the 7-bit code of a letter of the
/// D8–D9 block (two bytes), else 128 plus the byte.
///
/// Decoding is the same in a text and in a pattern it contains: D8 and D9 are lead bytes only
/// (never continuation bytes), so at a character boundary the two decodings cut the same
/// bytes into the same symbols, and a pattern (valid UTF-8) ends on a symbol boundary. Two
/// byte strings thus share a prefix exactly when their symbol sequences do.
#[inline(always)]
fn symbol(b: &[u8], i: usize) -> Option<(usize, usize)> {
    let lead = *b.get(i)?;
    if let Some(code) = b.get(i + 1).and_then(|&c| letter_code(lead, c)) {
        return Some((code, 2));
    }
    Some((128 + lead as usize, 1))
}

/// One node of a [`Trie`]: its children are the nodes `first..first + count`, and `pattern`
/// is the form that ends here (forms are distinct, so at most one), or [`NONE`].
#[derive(Clone, Copy, Debug)]
struct Node {
    first: u32,
    count: u32,
    pattern: u32,
}

/// The trigger and cue forms in a trie over [`symbol`]s, for anchored walks: one step per
/// Arabic letter instead of one per byte, and an anchored walk needs no failure links (a
/// missing child ends it). Children of a node are contiguous and sorted, so a node is found by
/// a short scan of the `sym` array. The node after the first two letters of a walk comes with
/// the start filter's entry for the pair (most walks start with two letters of the block).
struct Trie {
    nodes: Vec<Node>,
    /// The symbol that leads to each node (the root's is unused).
    sym: Vec<u16>,
    /// The root's child for each symbol, or [`NONE`].
    root: Vec<u32>,
}

impl Trie {
    fn new(patterns: &[String]) -> Trie {
        // A trie with children in maps, then laid out breadth first so siblings are contiguous.
        let mut kids: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new()];
        let mut ends: Vec<u32> = vec![NONE];
        for (p, pat) in patterns.iter().enumerate() {
            let b = pat.as_bytes();
            let (mut node, mut i) = (0, 0);
            while let Some((c, n)) = symbol(b, i) {
                node = match kids[node].get(&c) {
                    Some(&next) => next,
                    None => {
                        let next = kids.len();
                        kids.push(BTreeMap::new());
                        ends.push(NONE);
                        kids[node].insert(c, next);
                        next
                    }
                };
                i += n;
            }
            ends[node] = p as u32;
        }
        let mut order = vec![0usize];
        let mut new_id = vec![0u32; kids.len()];
        let mut sym = vec![0u16];
        let mut head = 0;
        while head < order.len() {
            for (&c, &child) in &kids[order[head]] {
                new_id[child] = order.len() as u32;
                order.push(child);
                sym.push(c as u16);
            }
            head += 1;
        }
        let nodes: Vec<Node> = order
            .iter()
            .map(|&old| Node {
                first: kids[old].values().next().map_or(0, |&c| new_id[c]),
                count: kids[old].len() as u32,
                pattern: ends[old],
            })
            .collect();
        let mut trie = Trie { nodes, sym, root: vec![NONE; 384] };
        for c in 0..384 {
            trie.root[c] = trie.child(0, c);
        }
        trie
    }

    /// The node after a pair of letters (by [`pair_code`]), or [`NONE`].
    fn pair_node(&self, pair: usize) -> u32 {
        match self.root[pair >> 7] {
            NONE => NONE,
            first => self.child(first as usize, pair & 127),
        }
    }

    /// The child of `node` reached by symbol `c`, or [`NONE`].
    #[inline(always)]
    fn child(&self, node: usize, c: usize) -> u32 {
        let n = self.nodes[node];
        let lo = n.first as usize;
        match self.sym[lo..lo + n.count as usize].iter().position(|&x| x as usize == c) {
            Some(k) => (lo + k) as u32,
            None => NONE,
        }
    }

    /// Call `f(end, pattern)` for every pattern that starts at byte `at` of `hay`, shortest first.
    #[cfg(test)]
    fn walk(&self, hay: &[u8], at: usize, f: impl FnMut(usize, usize)) {
        let how = match pair_code(&hay[at..]) {
            Some(pair) => Walk::Pair { first: pair >> 7, node: self.pair_node(pair) },
            None => Walk::Root,
        };
        self.walk_from(hay, at, how, f);
    }

    /// [`Trie::walk`] with its beginning given (as [`StartFilter::start`] finds it).
    #[inline(always)]
    fn walk_from(&self, hay: &[u8], at: usize, how: Walk, mut f: impl FnMut(usize, usize)) {
        let (mut node, mut i) = match how {
            Walk::Pair { first, node } => {
                let one = self.root[first];
                if one == NONE {
                    return;
                }
                let p = self.nodes[one as usize].pattern;
                if p != NONE {
                    f(at + 2, p as usize);
                }
                (node, at + 4)
            }
            Walk::Root => match symbol(hay, at) {
                Some((c, n)) => (self.root[c], at + n),
                None => return,
            },
        };
        loop {
            if node == NONE {
                return;
            }
            let p = self.nodes[node as usize].pattern;
            if p != NONE {
                f(i, p as usize);
            }
            let Some((c, n)) = symbol(hay, i) else { return };
            node = self.child(node as usize, c);
            i += n;
        }
    }
}

/// Call `f` with every byte offset of `text` where a non-ASCII character does not follow a
/// basic Arabic letter, in increasing order.
///
/// Every word token of the tokenizer starts at such an offset: a word token starts with an
/// Arabic letter or mark, and a basic Arabic letter before it would belong to a token that goes
/// on over Arabic letters (a word, a hashtag, an URL), so the word would not start there.
/// The test is local (a lead byte not preceded by the two bytes of a basic letter: D8 and D9
/// are never continuation bytes), so it is computed 64 bytes at a time into a bit mask.
#[inline]
fn word_starts(text: &str, mut f: impl FnMut(usize)) {
    let b = text.as_bytes();
    // The chunk with the two bytes before it; zeros past the end start nothing.
    let mut buf = [0u8; 66];
    let mut base = 0;
    while base < b.len() {
        let n = (b.len() - base).min(64);
        buf[0] = if base >= 2 { b[base - 2] } else { 0 };
        buf[1] = if base >= 1 { b[base - 1] } else { 0 };
        buf[2..2 + n].copy_from_slice(&b[base..base + n]);
        buf[2 + n..].fill(0);
        let mut mask = 0u64;
        for j in 0..64 {
            let (x0, x1, x2) = (buf[j], buf[j + 1], buf[j + 2]);
            let letter = (x0 == 0xD8 && x1.wrapping_sub(0xA1) <= 0x19) | (x0 == 0xD9 && x1.wrapping_sub(0x81) <= 0x09);
            mask |= (((x2 >= 0xC0) & !letter) as u64) << j;
        }
        while mask != 0 {
            f(base + mask.trailing_zeros() as usize);
            mask &= mask - 1;
        }
        base += n;
    }
}

// ------------------------------------------------------------------ cue words in a window

/// Proclitics a complement or cue word may carry in a window of words around a trigger.
const WINDOW_PREFIXES: &[&str] = &["", "و", "ب", "ل", "ال", "وال", "بال", "لل", "ف", "وب", "ول"];

/// Whether a phrase occurs in `window` (words joined by single spaces): some occurrence found
/// by `match_indices` (non-overlapping, left to right) has a `WINDOW_PREFIXES` proclitic
/// before it from the start of its space-delimited word, and nothing, the accusative alif or a
/// pronoun suffix after it up to the next space. [`Phrases::in_window`] gives the same answer
/// from the words themselves; this string form serves phrases whose occurrences may overlap.
pub fn joined_has(window: &str, w: &str) -> bool {
    window.match_indices(w).any(|(i, _)| {
        let before = &window[..i];
        let word_start = before.rfind(' ').map_or(0, |j| j + 1);
        let prefix = &window[word_start..i];
        let rest = &window[i + w.len()..];
        let suffix = &rest[..rest.find(' ').unwrap_or(rest.len())];
        WINDOW_PREFIXES.contains(&prefix) && (suffix.is_empty() || suffix == "ا" || is_pronoun_suffix(suffix))
    })
}

/// The first `min(8, len)` bytes of `b`, little-endian, zeros after.
#[inline(always)]
fn head(b: &[u8]) -> u64 {
    if b.len() >= 8 {
        return u64::from_le_bytes(b[..8].try_into().unwrap());
    }
    let mut k = 0u64;
    for (i, &x) in b.iter().enumerate() {
        k |= (x as u64) << (8 * i);
    }
    k
}

/// The last `min(8, len)` bytes of `b`, little-endian, ending at the top byte (zeros before).
#[inline(always)]
fn tail(b: &[u8]) -> u64 {
    if b.len() >= 8 {
        return u64::from_le_bytes(b[b.len() - 8..].try_into().unwrap());
    }
    let mut k = 0u64;
    for (i, &x) in b.iter().rev().enumerate() {
        k |= (x as u64) << (56 - 8 * i);
    }
    k
}

/// A short byte string packed for cheap prefix and suffix tests: as a prefix it is
/// `head & mask == bytes`; as a suffix `tail >> shift == bytes` (both need `len` bytes).
#[derive(Clone, Copy, Debug)]
struct Packed {
    len: usize,
    bytes: u64,
    mask: u64,
    shift: u32,
}

impl Packed {
    fn new(s: &str) -> Packed {
        let b = s.as_bytes();
        assert!(b.len() <= 8, "clitic {s} longer than eight bytes");
        Packed {
            len: b.len(),
            bytes: head(b),
            mask: if b.len() == 8 { u64::MAX } else { (1u64 << (8 * b.len())) - 1 },
            shift: 64 - 8 * b.len() as u32,
        }
    }

    #[inline(always)]
    fn starts(&self, len: usize, head: u64) -> bool {
        self.len <= len && head & self.mask == self.bytes
    }

    #[inline(always)]
    fn ends(&self, len: usize, tail: u64) -> bool {
        // A shift of 64 (the empty suffix) would overflow: the empty suffix ends every word.
        self.len <= len && (self.len == 0 || tail >> self.shift == self.bytes)
    }
}

/// The proclitics and suffixes of [`joined_has`], packed once.
struct Clitics {
    prefixes: Vec<Packed>,
    suffixes: Vec<Packed>,
}

fn window_clitics() -> &'static Clitics {
    static C: OnceLock<Clitics> = OnceLock::new();
    C.get_or_init(|| {
        let mut suffixes: Vec<&str> = SUFFIXES.to_vec();
        for s in ["", "ا"] {
            if !suffixes.contains(&s) {
                suffixes.push(s);
            }
        }
        Clitics {
            prefixes: WINDOW_PREFIXES.iter().map(|p| Packed::new(p)).collect(),
            suffixes: suffixes.into_iter().map(Packed::new).collect(),
        }
    })
}

/// The filter key of a first word: its length and first eight bytes.
#[inline(always)]
fn stem_key(b: &[u8]) -> u64 {
    head(b) ^ (b.len() as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93)
}

/// A list of complement or cue words and phrases (normalized), looked for in a window of
/// words around a trigger with the semantics of [`joined_has`].
#[derive(Clone, Debug)]
pub struct Phrases {
    /// The phrases as listed.
    pub list: Vec<String>,
    /// Each phrase's words, and whether two of its occurrences may overlap.
    words: Vec<(Vec<String>, bool)>,
    /// The first words' keys ([`stem_key`]).
    filter: Bits,
}

impl Phrases {
    fn new(list: impl IntoIterator<Item = String>) -> Phrases {
        let list: Vec<String> = list.into_iter().collect();
        let mut filter = Bits::new(10);
        let mut words = Vec::new();
        for p in &list {
            let w: Vec<String> = p.split(' ').map(str::to_string).collect();
            filter.insert(stem_key(w[0].as_bytes()));
            // Occurrences overlap only if a proper prefix of the phrase is also its suffix.
            let b = p.as_bytes();
            let border = p.is_empty() || (1..b.len()).any(|k| b[..k] == b[b.len() - k..]);
            words.push((w, border));
        }
        Phrases { list, words, filter }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether a phrase of the list occurs in the window of `words`, exactly as
    /// [`joined_has`] finds it in the words joined by spaces (no word holds a space).
    ///
    /// Why it is the same: an occurrence of a phrase w1 … wk (k ≥ 1, no border) starts in a
    /// word a after a proclitic p; its spaces fall on the spaces between words, so word a is
    /// p + w1 (k > 1) and the words after it are w2 … and wk + a suffix; for k = 1 word a is
    /// p + w1 + a suffix. Without a border no two occurrences overlap, so `match_indices`
    /// reports them all, and every split of a word into an allowed proclitic, a first word and
    /// an allowed suffix is tried. A phrase with a border (or an empty one) is checked on the
    /// joined words.
    pub fn in_window<'a>(&self, words: impl Iterator<Item = &'a str> + Clone) -> bool {
        if self.list.is_empty() {
            return false;
        }
        let c = window_clitics();
        let mut it = words.clone();
        while let Some(word) = it.next() {
            let b = word.as_bytes();
            let (h, t) = (head(b), tail(b));
            for p in c.prefixes.iter().filter(|p| p.starts(b.len(), h)) {
                for s in c.suffixes.iter().filter(|s| s.ends(b.len() - p.len, t)) {
                    let stem = &b[p.len..b.len() - s.len];
                    if stem.is_empty() || !self.filter.may_contain(stem_key(stem)) {
                        continue;
                    }
                    for (w, border) in &self.words {
                        if *border || w[0].as_bytes() != stem {
                            continue;
                        }
                        let Some((last, middle)) = w[1..].split_last() else { return true };
                        if s.len != 0 {
                            continue;
                        }
                        let mut rest = it.clone();
                        if middle.iter().all(|m| rest.next() == Some(m.as_str()))
                            && rest.next().is_some_and(|x| {
                                x.strip_prefix(last.as_str()).is_some_and(|sfx| {
                                    let (sb, st) = (sfx.as_bytes(), tail(sfx.as_bytes()));
                                    c.suffixes.iter().any(|q| q.len == sb.len() && q.ends(sb.len(), st))
                                })
                            })
                        {
                            return true;
                        }
                    }
                }
            }
        }
        if self.words.iter().any(|(_, border)| *border) {
            let joined = words.collect::<Vec<_>>().join(" ");
            return self.words.iter().zip(&self.list).any(|((_, border), p)| *border && joined_has(&joined, p));
        }
        false
    }
}

/// Proclitics allowed before a trigger noun besides those of the text layer: the article with
/// them, and the future prefix of verbs.
const TRIGGER_PREFIXES: &[&str] =
    &["ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "س", "وس", "فس", "ولت", "لي", "لت"];

/// Proclitics allowed before a verb: conjunctions, ل and the future prefix, never the article
/// or ب (النظام القاتل، برأي are not verbs).
const VERB_PREFIXES: &[&str] = &["", "و", "ف", "ل", "س", "وس", "فس", "ول", "فل", "لي", "لت", "ولت"];

/// Proclitics allowed before a cue: the conjunctions and prepositions, with the article.
const CUE_PREFIXES: &[&str] = &["", "و", "ف", "ب", "ل", "وب", "ول", "ال", "وال", "بال"];

/// Proclitics allowed before a trigger or cue: those of the text layer, the article with
/// them, and the future prefix of verbs. The verb and cue prefixes are subsets (tested), so a
/// match can only pass the checks of [`Triggers::scan`] where this holds of its prefix.
fn is_trigger_prefix(s: &str) -> bool {
    is_proclitic_seq(s) || TRIGGER_PREFIXES.contains(&s)
}

/// Suffixes allowed after a trigger: pronoun suffixes and the accusative alif (هجوما).
#[cfg(test)]
fn is_trigger_suffix(s: &str) -> bool {
    is_pronoun_suffix(s) || s == "ا"
}

fn norm(s: &str) -> String {
    normalize_str(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Inflect a `perfect/imperfect` verb pair for person and number (normalized forms).
fn inflect(pair: &str) -> Vec<String> {
    let (p, i) = pair.split_once('/').unwrap_or((pair, ""));
    let (p, i) = (norm(p), norm(i));
    let mut out = vec![p.clone()];
    // A final ى (normalized ي) drops before the subject suffixes: اعتدى → اعتدت، اعتدوا.
    let stem = p.strip_suffix('ي').filter(|s| s.chars().count() >= 2).unwrap_or(&p).to_string();
    // Third person only: first and second persons (هاجمنا، قلتم) speak inside quotes.
    for suf in ["ت", "وا", "و", "ا", "تا"] {
        out.push(format!("{stem}{suf}"));
        if stem != p {
            out.push(format!("{p}{suf}"));
        }
    }
    if let Some(core) = i.strip_prefix('ي') {
        let short = core.strip_suffix('ي').filter(|s| s.chars().count() >= 2).unwrap_or(core);
        for pre in ["ي", "ت"] {
            out.push(format!("{pre}{core}"));
            for suf in ["ون", "ان", "وا", "و", "ين"] {
                out.push(format!("{pre}{short}{suf}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

impl Triggers {
    /// The embedded lexicon, compiled once. The data is part of the binary and checked by the
    /// tests, so a parse failure here is a build defect, not a user error.
    pub fn embedded() -> &'static Triggers {
        static T: OnceLock<Triggers> = OnceLock::new();
        T.get_or_init(|| Triggers::parse(TRIGGERS_TOML, CUES_TOML).expect("embedded trigger data is valid"))
    }

    /// Compile trigger and cue data.
    pub fn parse(triggers_toml: &str, cues_toml: &str) -> Result<Triggers, DataError> {
        let raw: RawTriggers =
            toml::from_str(triggers_toml).map_err(|source| DataError::Toml { file: "triggers.toml", source })?;
        let cues: RawCues =
            toml::from_str(cues_toml).map_err(|source| DataError::Toml { file: "event_cues.toml", source })?;
        let mut by_pattern: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        let mut add = |form: &str, t: Target| {
            let n = norm(form);
            if n.is_empty() {
                return;
            }
            let v = by_pattern.entry(n).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        let mut entries = Vec::new();
        for (index, r) in raw.trigger.into_iter().enumerate() {
            let label = |what: &'static str, value: &str| DataError::Label {
                file: "triggers.toml",
                index,
                what,
                value: value.to_string(),
            };
            let action = Action::parse(&r.action).ok_or_else(|| label("action", &r.action))?;
            let sub_type = SubEventType::parse(&r.sub_type).ok_or_else(|| label("sub_type", &r.sub_type))?;
            let strength = match r.strength.as_str() {
                "strong" => Strength::Strong,
                "weak" => Strength::Weak,
                other => return Err(label("strength", other)),
            };
            for ex in &r.examples {
                if ex.action != "none" && Action::parse(&ex.action).is_none() {
                    return Err(label("example action", &ex.action));
                }
            }
            if r.instrument && strength != Strength::Weak {
                return Err(label("strength (an instrument entry is weak)", &r.strength));
            }
            let entry = entries.len();
            // Forms the inflection makes that the entry drops; each must be one it makes.
            let except: Vec<String> = r.except.iter().map(|s| norm(s)).collect();
            for (x, raw) in except.iter().zip(&r.except) {
                if !r.verbs.iter().any(|v| inflect(v).contains(x)) {
                    return Err(label("except form (not an inflected verb form)", raw));
                }
            }
            for v in &r.verbs {
                for f in inflect(v).into_iter().filter(|f| !except.contains(f)) {
                    add(&f, Target::Trigger { entry, pos: Pos::Verb });
                }
            }
            for f in r.nouns.iter().chain(&r.phrases) {
                add(f, Target::Trigger { entry, pos: Pos::Noun });
            }
            entries.push(Trigger {
                action,
                sub_type,
                strength,
                creates: r.creates,
                passive: r.passive,
                dated: r.dated,
                instrument: r.instrument,
                after: Phrases::new(r.after.iter().map(|s| norm(s))),
                blocked: Phrases::new(r.blocked.iter().map(|s| norm(s))),
                before: Phrases::new(r.before.iter().map(|s| norm(s))),
                not_before: Phrases::new(r.not_before.iter().map(|s| norm(s))),
                not_in_clause: Phrases::new(r.not_in_clause.iter().map(|s| norm(s))),
                examples: r.examples,
            });
        }
        let f = &cues.factuality;
        let lists: [(&Vec<String>, Cue); 20] = [
            (&f.negated, Cue::Negated),
            (&f.hypothetical, Cue::Hypothetical),
            (&f.planned, Cue::Planned),
            (&f.feared, Cue::Feared),
            (&f.modal, Cue::Modal),
            (&f.negated_next, Cue::NegatedNext),
            (&f.asserted, Cue::Asserted),
            (&cues.after.hypothetical, Cue::AfterHypothetical),
            (&cues.after.planned, Cue::AfterPlanned),
            (&cues.context.words, Cue::Context),
            (&cues.roles.agent, Cue::Agent),
            (&cues.roles.target, Cue::Target),
            (&cues.roles.between, Cue::Between),
            (&cues.clause.breaks, Cue::Break),
            (&cues.mask.words, Cue::Mask),
            (&cues.anaphora.words, Cue::Anaphora),
            (&cues.repel.words, Cue::Repel),
            (&cues.members.words, Cue::Members),
            (&cues.sport.words, Cue::Sport),
            (&cues.undergo.words, Cue::Undergo),
        ];
        for (list, cue) in lists {
            for w in list {
                add(w, Target::Cue(cue));
            }
        }
        let (patterns, targets): (Vec<String>, Vec<Vec<Target>>) = by_pattern.into_iter().unzip();
        let trie = Trie::new(&patterns);
        #[cfg(test)]
        let ac = anchored_nfa(&patterns);
        let filter = StartFilter::new(&patterns, &trie);
        let mut prefixes = vec![Prefix::new("")];
        let mut by_first = vec![(0, 0); 128];
        for (first, range) in by_first.iter_mut().enumerate() {
            let start = prefixes.len();
            for p in PROCLITICS.iter().chain(TRIGGER_PREFIXES).filter(|p| !p.is_empty()) {
                let b = p.as_bytes();
                if letter_code(b[0], b[1]).expect("proclitics are Arabic letters") == first {
                    prefixes.push(Prefix::new(p));
                }
            }
            prefixes[start..].sort_by_key(|p| p.packed.len);
            *range = (start, prefixes.len());
        }
        let mut suffixes: Vec<((usize, u64), Suffix)> = Vec::new();
        for sfx in SUFFIXES.iter().filter(|x| !x.is_empty()) {
            assert!(sfx.len() <= 8, "suffix {sfx} longer than eight bytes");
            suffixes.push(((sfx.len(), key(sfx.as_bytes(), sfx.len())), Suffix::Pronoun));
        }
        // The alif is not a pronoun suffix (tested), so the two kinds never share a key.
        suffixes.push(((2, key("ا".as_bytes(), 2)), Suffix::Alif));
        let short = patterns.iter().map(|p| p.chars().count() <= 2).collect();
        Ok(Triggers {
            entries,
            windows: cues.windows,
            onset: Phrases::new(cues.after.onset.iter().map(|s| norm(s))),
            only: Phrases::new(cues.factuality.only.iter().map(|s| norm(s))),
            about: Phrases::new(cues.factuality.about.iter().map(|s| norm(s))),
            statement: cues.statement,
            trie,
            #[cfg(test)]
            ac,
            filter,
            prefixes,
            by_first,
            suffixes,
            targets,
            short,
            #[cfg(test)]
            patterns,
        })
    }

    /// Call `f(start, end, pattern, prefix)` for every trigger or cue form that starts at
    /// word start `w` or right after a proclitic sequence there (`prefix` indexes
    /// [`Triggers::prefixes`]; 0 is the empty one), shortest proclitic first.
    #[inline(always)]
    fn search_at(&self, hay: &[u8], w: usize, mut f: impl FnMut(usize, usize, usize, usize)) {
        self.starts_at(hay, w, |s, prefix| {
            if let Some(how) = self.filter.start(&hay[s..]) {
                self.trie.walk_from(hay, s, how, |e, p| f(s, e, p, prefix));
            }
        });
    }

    /// Call `at(start, prefix)` for word start `w` and for the end of every proclitic sequence
    /// there (`prefix` indexes [`Triggers::prefixes`]; 0 is the empty one), shortest first.
    #[inline(always)]
    fn starts_at(&self, hay: &[u8], w: usize, mut at: impl FnMut(usize, usize)) {
        at(w, 0);
        let Some(first) = hay.get(w + 1).and_then(|&c| letter_code(hay[w], c)) else { return };
        let (lo, hi) = self.by_first[first];
        if lo == hi {
            return;
        }
        // The next eight bytes as a number, compared under each proclitic's mask: the same
        // test as `starts_with`, without a call to memcmp.
        let rest = &hay[w..];
        let k = head(rest);
        for (i, p) in self.prefixes[lo..hi].iter().enumerate() {
            if p.packed.starts(rest.len(), k) {
                at(w + p.packed.len, lo + i);
            }
        }
    }

    /// Call `f(start, end, pattern, prefix)` for every trigger or cue form that starts at a word
    /// start or right after a proclitic sequence at a word start, in text order.
    ///
    /// Exact: the checks of [`Triggers::scan`] accept a match only when it starts inside a word
    /// token, after an allowed proclitic sequence (possibly empty) from the token's start; word
    /// tokens start at offsets `word_starts` gives, so no accepted match is missed, and the
    /// offsets tried are distinct (a proclitic ends in a letter, after which no word starts).
    /// The filter only skips offsets where no pattern starts.
    #[inline]
    fn search(&self, text: &str, mut f: impl FnMut(usize, usize, usize, usize)) {
        let hay = text.as_bytes();
        word_starts(text, |w| self.search_at(hay, w, &mut f));
    }

    #[cfg(test)]
    fn pattern_bytes(&self, p: usize) -> &[u8] {
        self.patterns[p].as_bytes()
    }

    /// Run the trigger automaton over a normalized text exactly as [`Triggers::scan`] runs it
    /// (anchored at the same offsets) and count its raw matches, with none of the checks: the
    /// cost of the scan alone, for benchmarks.
    pub fn bare_scan(&self, norm: &str) -> usize {
        let mut n = 0;
        self.search(norm, |_, _, _, _| n += 1);
        n
    }

    /// Every trigger and cue in a document, in text order; overlapping matches are resolved
    /// longest first. Context cues may overlap other hits (a trigger word is also context).
    ///
    /// The search runs from each word token's start, which gives the match's first token for
    /// free. Exact against a search from every offset of `word_starts`: a match passes the
    /// checks only when it starts inside a word token `t` after an allowed proclitic sequence
    /// from `t`'s start, and proclitics are basic letters, after which neither a word start
    /// nor a word token start lies; so the word start it was tried from is `t`'s start.
    pub fn scan(&self, layer: &TextLayer) -> Vec<Hit> {
        let hay = layer.norm.text.as_bytes();
        let tokens = &layer.tokens;
        let mut cands: Vec<Cand> = Vec::with_capacity(tokens.len() / 8); // about one match in eight word tokens: few regrowths
        for (first, ft) in tokens.iter().enumerate() {
            if ft.kind != TokenKind::Word {
                continue;
            }
            self.search_at(hay, ft.norm.start, |s, e, pattern, prefix| {
                // The match must start inside this token (not in the next one, after a
                // proclitic that is the whole token).
                if s >= ft.norm.end {
                    return;
                }
                // The last token covered: tokens are in order, and the match is short.
                let mut last = first;
                while tokens.get(last + 1).is_some_and(|t| t.norm.start < e) {
                    last += 1;
                }
                let lt = &tokens[last];
                if lt.norm.end < e || lt.kind != TokenKind::Word {
                    return;
                }
                let p = &self.prefixes[prefix];
                let suffix = self.suffix(&hay[e..lt.norm.end]);
                for &t in &self.targets[pattern] {
                    let ok = match t {
                        // The future س never goes on a two-letter stem (سفر is travel, not س + فر).
                        Target::Trigger { pos: Pos::Verb, .. } => {
                            p.verb && !(self.short[pattern] && p.future) && suffix != Suffix::Other
                        }
                        Target::Trigger { .. } => p.trigger && suffix != Suffix::Other,
                        // Words of sport take no suffix: دورية (a patrol) reads as دوري + ه.
                        Target::Cue(Cue::Sport) => p.cue && suffix == Suffix::None,
                        // Cues take the conjunctions and prepositions but no suffix, except the
                        // pronoun suffixes of nouns such as مخاوفهم.
                        Target::Cue(_) => p.cue && matches!(suffix, Suffix::None | Suffix::Pronoun),
                    };
                    if ok {
                        cands.push((s, e, t, first, last, suffix == Suffix::Pronoun, p.lam, p.future));
                    }
                }
            });
        }
        resolve(cands, layer)
    }

    /// What follows a match up to the end of its token: nothing, the accusative alif, a
    /// pronoun suffix, or anything else. Compares packed bytes with the suffix sets of
    /// [`is_trigger_suffix`] and [`is_pronoun_suffix`] (no suffix is longer than eight bytes).
    #[inline(always)]
    fn suffix(&self, b: &[u8]) -> Suffix {
        if b.is_empty() {
            return Suffix::None;
        }
        if b.len() > 8 {
            return Suffix::Other;
        }
        let k = (b.len(), key(b, b.len()));
        self.suffixes.iter().find(|(x, _)| *x == k).map_or(Suffix::Other, |&(_, kind)| kind)
    }
}

/// A match before overlaps are resolved: its start and end bytes, what it is, its first and
/// last token, and whether a pronoun suffix, ل or the future س goes with it (as in [`Hit`]).
type Cand = (usize, usize, Target, usize, usize, bool, bool, bool);

/// The end of a word after a match (see [`Triggers::suffix`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Suffix {
    None,
    /// The accusative alif (هجوما).
    Alif,
    /// A pronoun suffix.
    Pronoun,
    Other,
}

/// A proclitic sequence tried before a pattern, with what the checks of [`Triggers::scan`] ask
/// of it.
#[derive(Clone, Copy, Debug)]
struct Prefix {
    /// Its bytes, packed.
    packed: Packed,
    /// In [`VERB_PREFIXES`], [`is_trigger_prefix`], [`CUE_PREFIXES`].
    verb: bool,
    trigger: bool,
    cue: bool,
    /// Ends with the future prefix س.
    future: bool,
    /// ل after any conjunction.
    lam: bool,
}

impl Prefix {
    fn new(p: &str) -> Prefix {
        Prefix {
            packed: Packed::new(p),
            verb: VERB_PREFIXES.contains(&p),
            trigger: is_trigger_prefix(p),
            cue: CUE_PREFIXES.contains(&p),
            future: p.ends_with('س'),
            lam: p.trim_start_matches(['و', 'ف']).starts_with('ل'),
        }
    }
}

/// Resolve overlapping matches: longest first at each start, then drop what a kept
/// non-context hit covers. Context cues may overlap other hits (a trigger word is also
/// context).
fn resolve(mut cands: Vec<Cand>, layer: &TextLayer) -> Vec<Hit> {
    let tokens = &layer.tokens;
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<Hit> = Vec::new();
    let mut covered_to = 0usize;
    // The span of the last kept cue: a word in two cue lists (إحباط negates and repels;
    // مرتقب is feared before a trigger and planned after one) keeps both roles.
    let mut cue_span = None;
    // Hits come in increasing span start: the sentence index only moves forward.
    let mut sentence = 0;
    for (s, e, t, first, last, suffix, lam, future) in cands {
        let context = t == Target::Cue(Cue::Context);
        let cue = matches!(t, Target::Cue(_));
        if !context && s < covered_to && !(cue && cue_span == Some((s, e))) {
            continue;
        }
        let span = Span::new(tokens[first].span.start, tokens[last].span.end);
        while layer.sentences.get(sentence).is_some_and(|x| x.span.end <= span.start) {
            sentence += 1;
        }
        if !context {
            covered_to = e;
            cue_span = cue.then_some((s, e));
        }
        out.push(Hit { target: t, span, first, last, sentence, suffix, lam, future });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_inflected_for_person_and_number() {
        let f = inflect("هاجم/يهاجم");
        for w in ["هاجم", "هاجمت", "هاجموا", "يهاجم", "تهاجم", "يهاجمون"] {
            assert!(f.contains(&w.to_string()), "{w} missing from {f:?}");
        }
        let f = inflect("اعتدى/يعتدي");
        assert!(f.contains(&"اعتدت".to_string()) && f.contains(&"يعتدون".to_string()), "{f:?}");
    }

    #[test]
    fn data_files_parse_and_every_entry_has_examples() {
        let t = Triggers::parse(TRIGGERS_TOML, CUES_TOML).unwrap();
        assert!(t.entries.len() > 25);
        for (i, e) in t.entries.iter().enumerate() {
            assert!(!e.examples.is_empty(), "trigger {i} ({}) has no example", e.action);
        }
    }

    #[test]
    fn bad_labels_are_reported_with_their_entry() {
        let bad = "[[trigger]]\naction = \"explode\"\nsub_type = \"Other\"\nstrength = \"strong\"\n";
        let err = Triggers::parse(bad, CUES_TOML).err().unwrap().to_string();
        assert!(err.contains("trigger 0") && err.contains("explode"), "{err}");
    }

    #[test]
    fn a_strong_instrument_entry_is_refused() {
        // A weapon that fired alone would make an event of every drone sold or flown.
        let bad = "[[trigger]]\naction = \"airstrike\"\nsub_type = \"Air/drone strike\"\nstrength = \"strong\"\n\
                   instrument = true\nnouns = [\"طائرة مسيرة\"]\n";
        let err = Triggers::parse(bad, CUES_TOML).err().unwrap().to_string();
        assert!(err.contains("trigger 0") && err.contains("instrument"), "{err}");
    }

    fn hits(text: &str) -> Vec<(String, Target)> {
        let l = TextLayer::new(text);
        Triggers::embedded().scan(&l).into_iter().map(|h| (text[h.span.range()].to_string(), h.target)).collect()
    }

    #[test]
    fn clitics_attach_and_words_inside_words_do_not_match() {
        let h = hits("والهجوم بالقصف وسيهاجمون");
        let words: Vec<&str> =
            h.iter().filter(|(_, t)| matches!(t, Target::Trigger { .. })).map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, vec!["والهجوم", "بالقصف", "وسيهاجمون"]);
        let h = hits("المقصفة");
        assert!(h.iter().all(|(_, t)| !matches!(t, Target::Trigger { .. })), "{h:?}");
    }

    #[test]
    fn verb_and_cue_prefixes_are_trigger_prefixes() {
        for p in VERB_PREFIXES.iter().chain(CUE_PREFIXES) {
            assert!(is_trigger_prefix(p), "{p}");
        }
    }

    #[test]
    fn every_word_token_starts_where_the_scan_looks() {
        let text = "قال مصدر،«الهجوم» وقع 3مرات بـ12 صاروخا F16الطائرة #الحسكة_اليوم ـبالقصف http://x.comالخبر";
        let layer = TextLayer::new(text);
        let mut starts = Vec::new();
        word_starts(&layer.norm.text, |i| starts.push(i));
        for t in layer.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            assert!(starts.contains(&t.norm.start), "{:?}", t.text(&layer.norm));
        }
    }

    #[test]
    fn filtered_scan_finds_what_a_scan_of_every_byte_finds() {
        let t = Triggers::embedded();
        let text = "وقال الجيش إن مسلحين هاجموا حاجزا وسيهاجمون والاشتباكات لم يتم تبادل إطلاق النار فبالقصف";
        let layer = TextLayer::new(text);
        let norm = layer.norm.text.as_str();
        let mut found = Vec::new();
        t.search(norm, |s, e, p, _| found.push((s, e, p)));
        // Every pattern occurrence that starts at a word start or after a proclitic there.
        let patterns: Vec<&[u8]> = (0..t.targets.len()).map(|p| t.pattern_bytes(p)).collect();
        for tok in layer.tokens.iter().filter(|x| x.kind == TokenKind::Word) {
            for s in (tok.norm.start..tok.norm.end)
                .filter(|&s| norm.is_char_boundary(s) && is_trigger_prefix(&norm[tok.norm.start..s]))
            {
                for (p, pat) in patterns.iter().enumerate() {
                    if norm.as_bytes()[s..].starts_with(pat) {
                        assert!(found.contains(&(s, s + pat.len(), p)), "{}", &norm[s..s + pat.len()]);
                    }
                }
            }
        }
        assert!(!found.is_empty());
    }

    #[test]
    fn trie_walk_agrees_with_the_automaton_walk_at_every_offset() {
        let t = Triggers::embedded();
        let mut texts: Vec<String> = [
            "والهجوم بالقصف وسيهاجمون المقصفة، ولن يتم تبادل إطلاق النار. لا يزال حظر التجوال ساريا",
            "و الهجوم ب القصف لل اشتباك فـالقصف بـ12 صاروخا و3 قذائف F16الغارة #قصف_اليوم @هجوم",
            "هجومه وهجومها هجومهم هجوما اعتقالهم واعتقلوه سيعتقلون سفر «اغتيال» (اشتباكات) ؟قتل! ٣ قتلى",
            "إطلاق النار إطلاق  النار إطلاق\nالنار إطلاق، النار ﻻ هُجُومٌ http://x.com/قصف abc قصفxyz",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(t.entries.iter().flat_map(|e| e.examples.iter().map(|x| x.text.clone())));
        let mut walks = 0;
        for text in &texts {
            let layer = TextLayer::new(text);
            let hay = layer.norm.text.as_bytes();
            for at in (0..hay.len()).filter(|&i| layer.norm.text.is_char_boundary(i)) {
                let (mut trie, mut nfa) = (Vec::new(), Vec::new());
                t.trie.walk(hay, at, |e, p| trie.push((e, p)));
                walk_anchored(&t.ac, hay, at, |e, p| nfa.push((e, p)));
                assert_eq!(trie, nfa, "at {at} of {:?}", layer.norm.text);
                // The walk as the search runs it: from the filter's entry, which must let
                // every start of a form through.
                let mut filtered = Vec::new();
                if let Some(how) = t.filter.start(&hay[at..]) {
                    t.trie.walk_from(hay, at, how, |e, p| filtered.push((e, p)));
                }
                assert_eq!(filtered, nfa, "filtered, at {at} of {:?}", layer.norm.text);
                walks += usize::from(!trie.is_empty());
            }
        }
        assert!(walks > 100, "only {walks} offsets start a form");
    }

    /// The scan as first written: a search from every word start, tokens found by binary
    /// search, prefixes and suffixes checked as strings. [`Triggers::scan`] must agree.
    fn scan_reference(t: &Triggers, layer: &TextLayer) -> Vec<Hit> {
        let text = layer.norm.text.as_str();
        let tokens = &layer.tokens;
        let mut cands: Vec<Cand> = Vec::new();
        t.search(text, |s, e, pattern, _| {
            let first = tokens.partition_point(|t| t.norm.end <= s);
            let Some(ft) = tokens.get(first) else { return };
            if ft.kind != TokenKind::Word || ft.norm.start > s {
                return;
            }
            let last = tokens.partition_point(|t| t.norm.start < e).saturating_sub(1);
            let Some(lt) = tokens.get(last) else { return };
            if last < first || lt.norm.end < e || lt.kind != TokenKind::Word {
                return;
            }
            let prefix = &text[ft.norm.start..s];
            let suffix = &text[e..lt.norm.end];
            for &tg in &t.targets[pattern] {
                let ok = match tg {
                    Target::Trigger { pos: Pos::Verb, .. } => {
                        let short = text[s..e].chars().count() <= 2;
                        VERB_PREFIXES.contains(&prefix)
                            && !(short && prefix.ends_with('س'))
                            && is_trigger_suffix(suffix)
                    }
                    Target::Trigger { .. } => is_trigger_prefix(prefix) && is_trigger_suffix(suffix),
                    Target::Cue(_) => {
                        CUE_PREFIXES.contains(&prefix) && (suffix.is_empty() || is_pronoun_suffix(suffix))
                    }
                };
                if ok {
                    let lam = prefix.trim_start_matches(['و', 'ف']).starts_with('ل');
                    let future = prefix.ends_with('س');
                    cands.push((s, e, tg, first, last, !suffix.is_empty() && suffix != "ا", lam, future));
                }
            }
        });
        resolve(cands, layer)
    }

    #[test]
    fn scan_from_word_tokens_agrees_with_the_reference_scan() {
        let t = Triggers::embedded();
        let texts = [
            "والهجوم بالقصف وسيهاجمون المقصفة، ولن يتم تبادل إطلاق النار.",
            "قال الجيش إن مسلحين هاجموا حاجزا للشرطة؛ واشتبكوا مع عناصره: وقتلوا ثلاثة.",
            "و الهجوم ب القصف لل اشتباك فـالقصف بـ12 صاروخا و3 قذائف F16الغارة",
            "هجومه وهجومها هجومهم هجوما هجومات الهجومي اعتقالهم واعتقلوه سيعتقلون سفر",
            "لا يزال حظر التجوال ساريا، ولم يعد الاشتباك ممكنا #الحسكة_اليوم @قسد http://x.com/هجوم",
            "«الهجوم» (القصف) [اشتباك] - اعتقال... ؟اغتيال! ـبالقصف وـالهجوم",
            "ﻻ ﻫﺠﻮﻡ هُجُومٌ عَلَى الحاجز بالقَصْفِ وَالاشْتِبَاكَاتِ",
            "و",
            "ف ال",
            "",
        ];
        for text in texts {
            let layer = TextLayer::new(text);
            assert_eq!(t.scan(&layer), scan_reference(t, &layer), "{text}");
        }
        assert!(!is_pronoun_suffix("ا"), "the alif would be both a pronoun and the accusative");
    }

    #[test]
    fn phrases_in_a_window_agree_with_the_joined_window() {
        // Windows as the event stage reads them: normalized words, punctuation included.
        let windows = [
            "من منطقة الحي",
            "ومن منطقة",
            "من منطقته",
            "من المنطقة ، الشرقية",
            "من  منطقة",
            "منمنطقة من",
            "والدفاع عنها بالدفاع عن",
            "الدفاع عنهما",
            "الدفاع عنوان",
            "للدفاع الجوي",
            "وبالقصف المدفعي والقصفي القصفا القصفهم قصفكما",
            "فالقصف القصف القصف",
            "كالقصف سالقصف اقصف قص",
            "بابابا ابا بابا",
            "ببابا بابات",
            "رميا بالرصاص رميا",
            "ورميا بالرصاصه",
            "F16 2024 ، : « »",
            "",
        ];
        let lists: Vec<Vec<&str>> = vec![
            vec!["من منطقة", "الدفاع عن", "الدفاع الجوي", "رميا بالرصاص"],
            vec!["قصف", "القصف", "مدفعي"],
            vec!["بابا", "ابا"],
            vec!["من من", "منطقة"],
            vec!["قص", "ا"],
            vec![""],
        ];
        let data = Triggers::embedded()
            .entries
            .iter()
            .flat_map(|e| [&e.after, &e.blocked, &e.before, &e.not_before, &e.not_in_clause].map(|p| p.list.clone()));
        let lists: Vec<Vec<String>> =
            lists.into_iter().map(|l| l.into_iter().map(str::to_string).collect()).chain(data).collect();
        let mut found = 0;
        for list in &lists {
            let phrases = Phrases::new(list.iter().cloned());
            for w in &list[..] {
                let single = Phrases::new([w.clone()]);
                for window in windows {
                    let words = window.split(' ');
                    let expected = joined_has(window, w);
                    assert_eq!(single.in_window(words.clone()), expected, "{w:?} in {window:?}");
                    found += expected as usize;
                }
            }
            for window in windows {
                let expected = list.iter().any(|w| joined_has(window, w));
                assert_eq!(phrases.in_window(window.split(' ')), expected, "{list:?} in {window:?}");
            }
        }
        assert!(found > 20, "the windows hold too few of the phrases: {found}");
    }

    #[test]
    fn longer_cue_hides_the_shorter_one() {
        let h = hits("لم يعد الاشتباك ممكنا");
        assert!(h.iter().any(|(_, t)| *t == Target::Cue(Cue::Asserted)));
        assert!(!h.iter().any(|(_, t)| *t == Target::Cue(Cue::Negated)), "{h:?}");
    }
}
