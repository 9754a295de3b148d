//! One clitic-aware dictionary engine: entries (normalized words and phrases, each with a value
//! and the clitics its kind takes) compiled once, found in a text, at a word, or in a sequence
//! of words.
//!
//! Design decisions:
//! - One grammar ([`grammar`]): which proclitics may stand before an entry (و ف, ب ك ل, the
//!   article with لل, the future س) and which endings after it (pronoun suffixes with the
//!   letter they may hide, the accusative alif) are typed options per kind of entry
//!   ([`Clitics`]), not lists of prefixes. Proclitics go on a phrase's first word only, an
//!   ending on its last word only.
//! - Anchored at word starts: the head of each word is split into proclitics by the grammar
//!   (a handful of splits, most words only one), and the entries are walked anchored from each
//!   split in one trie over Arabic letters ([`trie`]); a match counts only where the rest of
//!   its word is an ending its kind allows. So ولاية never finds a name لاية, and بغداد is not
//!   ب + غداد unless an entry غداد takes ب.
//! - Phrases run across words: a gap between two words of the text (a whitespace run, and with
//!   [`Gap::Emphasis`] emphasis marks, with [`Gap::Quoted`] quotation marks) reads as the single
//!   space of the entry.
//! - Every match at a start is reported, shortest first: callers choose (longest first, by
//!   kind, with context).
//!
//! ```
//! use marsad_text::dict::{Builder, Clitics, Gap};
//!
//! let mut b = Builder::new(Gap::Whitespace);
//! b.add("الحسكه", Clitics::PROCLITICS, "place");
//! b.add("قوات سوريا الديمقراطيه", Clitics::NOUN, "actor");
//! let d = b.build();
//! let text = "وللحسكه قواتهم وبقوات سوريا\nالديمقراطيه ولايه";
//! let mut found = Vec::new();
//! d.scan(text, |m| found.push((&text[m.start..m.end], *m.value)));
//! assert_eq!(found, [("لحسكه", "place"), ("قوات سوريا\nالديمقراطيه", "actor")]);
//! ```

mod grammar;
mod trie;

pub use crate::clitics::{Conj, Prep, Proclitics, Restore};
pub use grammar::{strip_proclitics, Clitics, Ending, Endings, Preps};

use grammar::{before_fallen_nun, ending, is_imperfect, proclitics, Grammar, Split, HA_SYM, NUN_SYM, TA_SYM};
use std::sync::LazyLock;
use trie::{letter_code, symbol, Trie, NONE, SPACE};

/// What stands between two words of a phrase in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Gap {
    /// One space character, as in the entry.
    Space,
    /// A run of whitespace (line breaks included).
    Whitespace,
    /// A run of whitespace and emphasis marks of copied web text (`*`, `_`): **القبض**.
    Emphasis,
    /// A run of whitespace and quotation marks (`"` “ ” « » „): a word of a phrase quoted on its
    /// own (وقف "دائم" لإطلاق النار).
    Quoted,
}

impl Gap {
    /// The length of the gap character at byte `i` of `t`, 0 if there is none.
    #[inline(always)]
    fn at(self, t: &str, i: usize) -> usize {
        let b0 = t.as_bytes()[i];
        match self {
            Gap::Space => (b0 == b' ') as usize,
            Gap::Whitespace => space_len(t, i),
            Gap::Emphasis => {
                if b0 == b'*' || b0 == b'_' {
                    1
                } else {
                    space_len(t, i)
                }
            }
            Gap::Quoted => match quote_len(t.as_bytes(), i) {
                0 => space_len(t, i),
                n => n,
            },
        }
    }
}

/// The length of the quotation mark at byte `i` of `b` (`"`, « », “ ” „), 0 if there is none.
#[inline(always)]
fn quote_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b'"' => 1,
        0xC2 if matches!(b.get(i + 1), Some(0xAB | 0xBB)) => 2,
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C..=0x9E)) => 3,
        _ => 0,
    }
}

/// The length of the whitespace character at byte `i` of `t`, 0 if there is none. The Arabic
/// block (lead bytes D8–DF) holds no whitespace, so only other non-ASCII characters are decoded.
#[inline(always)]
fn space_len(t: &str, i: usize) -> usize {
    let b0 = t.as_bytes()[i];
    if b0 < 0x80 {
        return (b0 as char).is_whitespace() as usize;
    }
    if !(0xC0..0xD8).contains(&b0) && b0 < 0xE0 {
        return 0;
    }
    match t[i..].chars().next() {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

/// Whether `c` is a letter (`char::is_alphabetic`): words are runs of letters.
#[inline]
pub fn is_letter(c: char) -> bool {
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

/// `char::is_alphabetic` from tables for ASCII and the Arabic block, where nearly every
/// character of the text is.
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

    /// Whether the character at byte `i` of `t` (a character boundary) is a letter, and its
    /// length. The Arabic block is read straight from its two bytes (lead byte D8–DB).
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

    /// The end of the run of letters starting at `i`.
    #[inline(always)]
    fn run_end(&self, t: &str, mut i: usize) -> usize {
        while i < t.len() {
            match self.at(t, i) {
                (true, l) => i += l,
                _ => break,
            }
        }
        i
    }
}

/// One entry of a dictionary found in a text. Offsets are bytes of the text searched (for a
/// sequence of words: of the words joined by single spaces).
#[derive(Debug)]
pub struct Match<'d, V> {
    pub value: &'d V,
    /// The entry's index, in the order entries were added.
    pub entry: usize,
    /// Number of words of the entry.
    pub words: usize,
    pub word_start: usize,
    /// End of the conjunction, preposition or future particle: where a written article starts.
    pub prefix_end: usize,
    /// Where the entry's text starts, after all proclitics.
    pub start: usize,
    /// Where the entry's text ends (after a ت that stands for a ta marbuta).
    pub end: usize,
    /// End of the word the entry ends in: `end..word_end` is its ending.
    pub word_end: usize,
    pub proclitics: Proclitics,
    /// The entry is written with the imperfect prefix after ل (ليتم for تم).
    pub imperfect: bool,
    /// The entry's own article is written contracted after ل: للحسكة for ل + الحسكة (its alef
    /// is not written, so `start` is at the article's lam).
    pub elided: bool,
    pub ending: Ending,
    pub restore: Restore,
}

impl<V> Clone for Match<'_, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V> Copy for Match<'_, V> {}

/// One kind of reading of an entry: the clitics it takes and its value.
#[derive(Clone, Debug)]
struct Sense {
    codes: u64,
    endings: u8,
    restore: bool,
    entry: u32,
}

#[derive(Clone, Copy, Debug)]
struct Pattern {
    /// The senses of the pattern: `senses[first..first + count]`.
    first: u32,
    count: u32,
    words: u32,
}

/// Collects the entries of a [`Dict`].
#[derive(Clone, Debug)]
pub struct Builder<V> {
    gap: Gap,
    entries: Vec<(String, Clitics, V)>,
}

impl<V> Builder<V> {
    pub fn new(gap: Gap) -> Builder<V> {
        Builder { gap, entries: Vec::new() }
    }

    /// Add an entry: a normalized word or phrase (whitespace runs read as one space), the
    /// clitics its kind takes, and its value. An empty entry is ignored.
    pub fn add(&mut self, text: &str, clitics: Clitics, value: V) {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            self.entries.push((text, clitics, value));
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Compile the entries.
    pub fn build(self) -> Dict<V> {
        let mut texts: Vec<String> = Vec::new();
        let mut index: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut by_pattern: Vec<Vec<Sense>> = Vec::new();
        let mut values = Vec::with_capacity(self.entries.len());
        let mut allowed = 0u64;
        let mut restores = false;
        for (entry, (text, clitics, value)) in self.entries.into_iter().enumerate() {
            let first = text.split(' ').next().unwrap_or("");
            let last = text.rsplit(' ').next().unwrap_or("");
            let codes = clitics.codes(first);
            // A single letter with an ending is another word (به is no ب + ه); the last word of
            // a phrase takes one whatever its length (التصدي لها).
            let phrase = text.contains(' ');
            let endings =
                if phrase || last.chars().count() >= 2 { clitics.endings.bits() } else { Endings::NONE.bits() };
            // A hidden letter leaves a written stem of two letters or more.
            let restore = clitics.restore && last.chars().count() >= 3;
            allowed |= codes;
            restores |= restore;
            let p = *index.entry(text.clone()).or_insert_with(|| {
                texts.push(text.clone());
                by_pattern.push(Vec::new());
                texts.len() - 1
            });
            by_pattern[p].push(Sense { codes, endings, restore, entry: entry as u32 });
            values.push(value);
        }
        // A pattern whose last letter a suffix may hide is written otherwise in the text.
        let restoring: Vec<bool> = by_pattern.iter().map(|ss| ss.iter().any(|s| s.restore)).collect();
        let trie = Trie::new(&texts, |p| restoring[p]);
        let mut senses = Vec::new();
        let mut patterns = Vec::with_capacity(texts.len());
        for (text, ss) in texts.iter().zip(by_pattern) {
            patterns.push(Pattern {
                first: senses.len() as u32,
                count: ss.len() as u32,
                words: text.split(' ').count() as u32,
            });
            senses.extend(ss);
        }
        // Per node: whether its child by ه (bit 0) or ن (bit 1) ends a pattern that restores.
        let mut restorable = Vec::new();
        if restores {
            restorable = vec![0u8; trie.node_count()];
            for (text, pat) in texts.iter().zip(&patterns) {
                let restores = senses[pat.first as usize..(pat.first + pat.count) as usize].iter().any(|s| s.restore);
                let bit = if text.ends_with('ه') {
                    1
                } else if text.ends_with('ن') {
                    2
                } else {
                    0
                };
                if restores && bit != 0 {
                    let parent = trie.follow(Trie::ROOT, &text.as_bytes()[..text.len() - 2]);
                    restorable[parent as usize] |= bit;
                }
            }
        }
        let grammar = Grammar::new(allowed, &trie);
        let ends = Ends::new(&texts);
        Dict { trie, grammar, patterns, senses, values, restorable, ends, gap: self.gap, texts }
    }
}

/// A compiled dictionary (see the module documentation).
#[derive(Clone, Debug)]
pub struct Dict<V> {
    trie: Trie,
    grammar: Grammar,
    patterns: Vec<Pattern>,
    senses: Vec<Sense>,
    values: Vec<V>,
    /// Per trie node, when some entry restores a hidden letter (see [`Builder::build`]).
    restorable: Vec<u8>,
    ends: Ends,
    gap: Gap,
    texts: Vec<String>,
}

/// The last two letters of the entries: a filter of the words an entry may fill to their end.
#[derive(Clone, Debug)]
struct Ends {
    /// One bit per pair of letters of the D8–D9 block (by `first << 7 | second`) that ends an
    /// entry.
    pairs: Vec<u64>,
    /// Some entry ends otherwise (one symbol, or a symbol that is no such letter): any word
    /// may end with it.
    other: bool,
}

impl Ends {
    fn new(texts: &[String]) -> Ends {
        let mut ends = Ends { pairs: vec![0; (1 << 14) / 64], other: false };
        let mut add = |written: &[u8]| match last_pair(written) {
            Some(pair) => ends.pairs[pair / 64] |= 1 << (pair % 64),
            None => ends.other = true,
        };
        for t in texts {
            add(t.as_bytes());
            // After ل an entry's alef, or its ال, is not written (see `Grammar::splits`): the
            // word ends with ل and the rest of the entry.
            for dropped in ["ا", "ال"] {
                if let Some(rest) = t.strip_prefix(dropped) {
                    add(format!("ل{rest}").as_bytes());
                }
            }
        }
        ends
    }

    #[inline]
    fn may_end(&self, word: &[u8]) -> bool {
        self.other || last_pair(word).is_some_and(|pair| self.pairs[pair / 64] & (1 << (pair % 64)) != 0)
    }
}

/// The code of the last two symbols of `b` when both are letters of the D8–D9 block. Lead bytes
/// D8 and D9 are never continuation bytes, so the last four bytes are those two symbols.
#[inline(always)]
fn last_pair(b: &[u8]) -> Option<usize> {
    match b {
        [.., l0, c0, l1, c1] => Some((letter_code(*l0, *c0)? << 7) | letter_code(*l1, *c1)?),
        _ => None,
    }
}

impl<V> Default for Dict<V> {
    fn default() -> Self {
        Builder::new(Gap::Whitespace).build()
    }
}

/// What a walk reads: the text after a split, symbol by symbol.
trait Hay {
    /// The next symbol, or `None` at the end.
    fn next_sym(&mut self) -> Option<usize>;
    /// The bytes ahead in the current word and after (at least the next two symbols' when the
    /// gap does not come first).
    fn ahead(&self) -> &[u8];
    /// The offset reached.
    fn pos(&self) -> usize;
    /// The rest of the word the offset is in (its ending if an entry ends here).
    fn rest_of_word(&mut self) -> &[u8];
    /// `rest_of_word` without its first `skip` bytes.
    fn rest_after(&mut self, skip: usize) -> &[u8];
}

/// A text, a whitespace run (by the dictionary's [`Gap`]) read as one space.
struct TextHay<'t> {
    t: &'t str,
    i: usize,
    gap: Gap,
    /// The end of the word `i` is in, when known (`i <= word_end`).
    word_end: usize,
}

impl Hay for TextHay<'_> {
    #[inline(always)]
    fn next_sym(&mut self) -> Option<usize> {
        let (t, b) = (self.t, self.t.as_bytes());
        if self.i + 1 < b.len() {
            // A letter of the D8–D9 block, the common case, is no gap character.
            if let Some(c) = letter_code(b[self.i], b[self.i + 1]) {
                self.i += 2;
                return Some(c);
            }
        } else if self.i >= b.len() {
            return None;
        }
        let g = self.gap.at(t, self.i);
        if g > 0 {
            self.i += g;
            if self.gap != Gap::Space {
                while self.i < b.len() {
                    match self.gap.at(t, self.i) {
                        0 => break,
                        l => self.i += l,
                    }
                }
            }
            return Some(SPACE);
        }
        let (c, n) = symbol(b, self.i)?;
        self.i += n;
        Some(c)
    }

    #[inline(always)]
    fn ahead(&self) -> &[u8] {
        &self.t.as_bytes()[self.i..]
    }

    #[inline(always)]
    fn pos(&self) -> usize {
        self.i
    }

    #[inline(always)]
    fn rest_of_word(&mut self) -> &[u8] {
        if self.i > self.word_end || self.word_end == usize::MAX {
            self.word_end = LETTERS.run_end(self.t, self.i);
        }
        &self.t.as_bytes()[self.i..self.word_end]
    }

    #[inline(always)]
    fn rest_after(&mut self, skip: usize) -> &[u8] {
        let rest = self.rest_of_word();
        &rest[skip.min(rest.len())..]
    }
}

/// A sequence of words, one space between two words.
struct WordsHay<'w, I> {
    rest: I,
    cur: &'w [u8],
    i: usize,
    /// Bytes of the words before `cur`, with their spaces.
    base: usize,
}

impl<'w, I: Iterator<Item = &'w str>> Hay for WordsHay<'w, I> {
    #[inline]
    fn next_sym(&mut self) -> Option<usize> {
        if self.i < self.cur.len() {
            let (c, n) = symbol(self.cur, self.i)?;
            self.i += n;
            return Some(c);
        }
        let next = self.rest.next()?;
        self.base += self.cur.len() + 1;
        self.cur = next.as_bytes();
        self.i = 0;
        Some(SPACE)
    }

    fn ahead(&self) -> &[u8] {
        &self.cur[self.i..]
    }

    fn pos(&self) -> usize {
        self.base + self.i
    }

    fn rest_of_word(&mut self) -> &[u8] {
        &self.cur[self.i..]
    }

    fn rest_after(&mut self, skip: usize) -> &[u8] {
        &self.cur[(self.i + skip).min(self.cur.len())..]
    }
}

impl<V> Dict<V> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The value of entry `entry` (by [`Match::entry`]).
    pub fn value(&self, entry: usize) -> &V {
        &self.values[entry]
    }

    /// Every entry of the text, where it may stand: at each run of letters, after each
    /// proclitic reading of its head the grammar allows some entry, and (for entries that
    /// start with another character, such as a quote) at each other character that follows
    /// such a reading or no letter. In text order of the words, shortest match first at a
    /// start.
    pub fn scan(&self, text: &str, mut f: impl FnMut(Match<'_, V>)) {
        let b = text.as_bytes();
        let letters = &*LETTERS;
        let mut i = 0;
        // The character at `i` ends a run of letters: only the run's splits walk from it.
        let mut after_run = false;
        while i < b.len() {
            let (letter, len) = letters.at(text, i);
            if !letter {
                if !after_run && self.trie.child(Trie::ROOT, symbol(b, i).map_or(0, |s| s.0)) != NONE {
                    let split = Split { codes: 1, prefix_end: i, stem: i, node: Trie::ROOT, elided: false };
                    self.walk(&split, i, TextHay { t: text, i, gap: self.gap, word_end: i }, &mut f);
                }
                after_run = false;
                i += len;
                continue;
            }
            let we = letters.run_end(text, i + len);
            self.at(text, i, we, &mut f);
            i = we;
            after_run = true;
        }
    }

    /// Every entry that starts in the word `text[ws..we]` (a token), after a proclitic reading
    /// of its head, and goes on over the text after it.
    #[inline]
    pub fn at(&self, text: &str, ws: usize, we: usize, mut f: impl FnMut(Match<'_, V>)) {
        let b = text.as_bytes();
        self.grammar.splits(b, ws, we, |split| {
            self.walk(&split, ws, TextHay { t: text, i: split.stem, gap: self.gap, word_end: we }, &mut f);
        });
    }

    /// Every entry that starts at the very start of the word `text[ws..we]`, without
    /// proclitics, and goes on over the text after it.
    #[inline]
    pub fn at_whole(&self, text: &str, ws: usize, we: usize, mut f: impl FnMut(Match<'_, V>)) {
        let split = Split { codes: 1, prefix_end: ws, stem: ws, node: Trie::ROOT, elided: false };
        self.walk(&split, ws, TextHay { t: text, i: ws, gap: self.gap, word_end: we }, &mut f);
    }

    /// False when no entry starts in the word `text[ws..we]` ([`Dict::at`] finds nothing
    /// there): the proclitic readings of its head and the start filter of the trie, without a
    /// walk.
    #[inline]
    pub fn may_start_at(&self, text: &str, ws: usize, we: usize) -> bool {
        let b = text.as_bytes();
        let mut may = false;
        self.grammar.splits(b, ws, we, |split| {
            may = may
                || split.node != Trie::ROOT
                || self.trie.may_start(&b[split.stem..])
                || symbol(b, split.stem).is_some_and(|(c, _)| {
                    let one = self.trie.child(Trie::ROOT, c);
                    one != NONE && self.trie.pattern(one) != NONE
                });
        });
        may
    }

    /// False when no entry fills `word` to its end with nothing after it (a match with
    /// [`Ending::None`] and `end == word.len()`, whatever its proclitics): such an entry ends
    /// with the word's last two symbols, and no entry ends with them. One bit test.
    #[inline]
    pub fn may_end(&self, word: &str) -> bool {
        self.ends.may_end(word.as_bytes())
    }

    /// Every entry of a single word, after a proclitic reading of its head.
    pub fn lookup(&self, word: &str, f: impl FnMut(Match<'_, V>)) {
        self.at(word, 0, word.len(), f)
    }

    /// Every entry that starts in the first of `words` (read as joined by single spaces).
    pub fn at_words<'w, I>(&self, mut words: I, mut f: impl FnMut(Match<'_, V>))
    where
        I: Iterator<Item = &'w str> + Clone,
    {
        let Some(first) = words.next() else { return };
        let b = first.as_bytes();
        self.grammar.splits(b, 0, b.len(), |split| {
            let hay = WordsHay { rest: words.clone(), cur: b, i: split.stem, base: 0 };
            self.walk(&split, 0, hay, &mut f);
        });
    }

    /// Whether some entry starts in one of `words` (read as joined by single spaces).
    pub fn in_words<'w, I>(&self, words: I) -> bool
    where
        I: Iterator<Item = &'w str> + Clone,
    {
        let mut rest = words;
        loop {
            let mut found = false;
            self.at_words(rest.clone(), |_| found = true);
            if found {
                return true;
            }
            if rest.next().is_none() {
                return false;
            }
        }
    }

    /// Walk the trie from a split, reporting every entry whose ending and proclitics its kind
    /// allows.
    #[inline(always)]
    fn walk<H: Hay>(&self, split: &Split, ws: usize, mut hay: H, f: &mut impl FnMut(Match<'_, V>)) {
        let trie = &self.trie;
        let mut node = split.node;
        if node == Trie::ROOT && !trie.may_start(hay.ahead()) {
            // No pattern of two symbols or more starts here; one of a single letter may.
            let b = hay.ahead();
            let one = symbol(b, 0).map_or(NONE, |(c, _)| trie.child(Trie::ROOT, c));
            if one == NONE || trie.pattern(one) == NONE {
                return;
            }
            hay.next_sym();
            self.report_here(trie.pattern(one), split, ws, &mut hay, f);
            return;
        }
        let mut last = usize::MAX;
        if node == Trie::ROOT {
            // Two letters at once: no pattern ends after the first, and no node before the
            // second restores a letter (a restoring entry's last word has three letters or more).
            let pair = trie.after_pair(hay.ahead());
            if pair != NONE {
                hay.next_sym();
                last = hay.next_sym().unwrap_or(usize::MAX);
                node = pair;
            }
        }
        loop {
            let p = trie.pattern(node);
            if p != NONE {
                self.report_here(p, split, ws, &mut hay, f);
            }
            if !self.restorable.is_empty() {
                let r = self.restorable[node as usize];
                if r != 0 {
                    self.restores(node, r, last, split, ws, &mut hay, f);
                }
            }
            let Some(c) = hay.next_sym() else { return };
            node = trie.child(node, c);
            if node == NONE {
                return;
            }
            last = c;
        }
    }

    /// The matches at `node` whose last letter the ending hides: a ta marbuta written ت before
    /// a pronoun suffix, or a fallen ن.
    #[cold]
    #[allow(clippy::too_many_arguments)]
    fn restores<H: Hay>(
        &self,
        node: u32,
        r: u8,
        last: usize,
        split: &Split,
        ws: usize,
        hay: &mut H,
        f: &mut impl FnMut(Match<'_, V>),
    ) {
        let trie = &self.trie;
        let at = hay.pos();
        let rest = hay.rest_of_word();
        let rest_len = rest.len();
        if r & 1 != 0 && symbol(rest, 0).is_some_and(|(c, _)| c == TA_SYM) {
            let after = hay.rest_after(2);
            if ending(after) == Ending::Pronoun {
                let p = trie.pattern(trie.child(node, HA_SYM));
                if p != NONE {
                    self.report(p, split, ws, at + 2, at + rest_len, Ending::Pronoun, Restore::TaMarbuta, f);
                }
            }
        }
        let rest = hay.rest_of_word();
        if r & 2 != 0 && before_fallen_nun(last) && ending(rest) == Ending::Pronoun && rest != "ي".as_bytes() {
            let p = trie.pattern(trie.child(node, NUN_SYM));
            if p != NONE {
                self.report(p, split, ws, at, at + rest_len, Ending::Pronoun, Restore::Nun, f);
            }
        }
    }

    /// Report entry `p`, which ends where the hay stands, with the ending the rest of its word
    /// makes (none when that rest is no ending).
    #[inline(always)]
    fn report_here<H: Hay>(&self, p: u32, split: &Split, ws: usize, hay: &mut H, f: &mut impl FnMut(Match<'_, V>)) {
        let end = hay.pos();
        let rest = hay.rest_of_word();
        let e = ending(rest);
        if e != Ending::Other {
            let word_end = end + rest.len();
            self.report(p, split, ws, end, word_end, e, Restore::None, f);
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn report(
        &self,
        p: u32,
        split: &Split,
        ws: usize,
        end: usize,
        word_end: usize,
        ending: Ending,
        restore: Restore,
        f: &mut impl FnMut(Match<'_, V>),
    ) {
        let pat = self.patterns[p as usize];
        let bit = 1u8 << ending as u8;
        for s in &self.senses[pat.first as usize..(pat.first + pat.count) as usize] {
            let codes = s.codes & split.codes;
            if codes == 0 || s.endings & bit == 0 || (restore != Restore::None && !s.restore) {
                continue;
            }
            // The reading with the fewest clitics (no article before one with it).
            let code = codes.trailing_zeros() as usize;
            f(Match {
                value: &self.values[s.entry as usize],
                entry: s.entry as usize,
                words: pat.words as usize,
                word_start: ws,
                prefix_end: split.prefix_end,
                start: split.stem,
                end,
                word_end,
                proclitics: proclitics(code),
                imperfect: is_imperfect(code),
                elided: split.elided,
                ending,
                restore,
            });
        }
    }

    /// The text of every distinct entry (for tests).
    #[doc(hidden)]
    pub fn texts(&self) -> &[String] {
        &self.texts
    }
}

#[cfg(test)]
mod tests;
