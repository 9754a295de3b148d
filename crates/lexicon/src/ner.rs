//! Names the lexicons do not hold: persons, organisations and places, found by kind nouns and
//! titles before them (rules) and by a sequence tagger trained on Arabic NER corpora (model).
//!
//! The tagger is a linear-chain CRF over token features (the word, its clitic-stripped stem,
//! affixes, neighbours, the cue class of the word and of its neighbours, whether a lexicon
//! mention covers it), trained by `tools/train_ner.py` with CRFsuite and exported to
//! `data/ner_model.tsv`. Features are hashed as they are computed (no string is built per
//! token); the weights of a hashed feature sit in one table row, the labels are decoded by
//! Viterbi. The features are defined once, here: the training script reads them from
//! `examples/ner_features.rs`, so training and inference cannot drift apart.
//!
//! Rules and model agree on one output, [`EntityMention`]s, each the name only (no title, no
//! clitic glued to its first word), as written. A rule's span wins over an overlapping model span;
//! nothing that overlaps a lexicon mention is emitted: the lexicon's id is better than a name.

use crate::lexicon::{CueClass, Lexicon};
use crate::matcher::Mentions;
use marsad_core::{EntityKind, EntityMention, EntitySource, PlaceKind, Span};
use marsad_text::dict::is_letter;
use marsad_text::normalize::is_diacritic;
use marsad_text::{normalize_str, TextLayer, TokenKind};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;
use thiserror::Error;

const MODEL_TSV: &str = include_str!("../data/ner_model.tsv");
const PERSON_NAMES_TSV: &str = include_str!("../data/person_names.tsv");

/// Words that open a person's name (`data/person_names.tsv`: محمد، جورج، بوش), normalized: a
/// window of the tagger opens at each, as after a title.
fn person_openers() -> &'static FxHashSet<String> {
    static SET: OnceLock<FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        PERSON_NAMES_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .filter(|w| !w.is_empty())
            .map(normalize_str)
            .collect()
    })
}

/// The labels, in the order of a weight row.
pub const LABELS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
const L: usize = LABELS.len();

/// Feature templates: the name before `=` in a feature string.
const TEMPLATES: [&str; 23] = [
    "b", "w", "w-1", "w+1", "w-2", "w+2", "s", "s-1", "s+1", "p2", "p3", "x2", "x3", "c", "c-1", "c+1", "c-2", "t",
    "lx", "lx-1", "lx+1", "t-1", "t+1",
];

/// Whether a lexicon mention covers a token, as the `lx` feature reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Covered {
    No,
    Actor,
    Place,
}

/// One token as the tagger sees it: its normalized text, the cue classes of its clitic-stripped
/// form and the lexicon mention covering it.
#[derive(Clone, Copy, Debug)]
pub struct TagToken<'a> {
    pub text: &'a str,
    pub cues: u16,
    pub covered: Covered,
}

impl<'a> TagToken<'a> {
    /// A token of normalized text `text`, its cue classes looked up in `lex`.
    pub fn new(lex: &Lexicon, text: &'a str, covered: Covered) -> TagToken<'a> {
        let bare = strip_conj(text);
        let mut cues = lex.cue_mask(text);
        if bare.len() != text.len() {
            cues |= lex.cue_mask(bare);
        }
        TagToken { text, cues, covered }
    }
}

/// An error in the model file.
#[derive(Debug, Error)]
#[error("ner_model.tsv line {line}: {reason}")]
pub struct ModelError {
    pub line: usize,
    pub reason: String,
}

/// A trained tagger: one weight row per hashed feature, and label transitions.
#[derive(Debug)]
pub struct Tagger {
    /// The weights of each hashed feature.
    rows: Rows,
    /// Keys of the `w=` features whose O weight beats the others by [`SURE_O`].
    sure_o: FxHashSet<u64>,
    trans: [[f32; L]; L],
}

/// The hash of a feature's value: a multiply-rotate hash over `bytes` read eight at a time (a
/// token's two dozen features are hashed for every token tagged, so a byte at a time cost more
/// than the lookups), seeded by the length.
#[inline]
fn value_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let step = |h: u64, w: u64| (h.rotate_left(23) ^ w).wrapping_mul(K);
    let mut h = step(0xC2B2_AE3D_27D4_EB4F, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h = step(h, u64::from_le_bytes(c.try_into().expect("eight bytes")));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = step(h, u64::from_le_bytes(last));
    }
    h ^ (h >> 29)
}

/// The key of feature `template=value` from the hash of its value. A token's word and stem are
/// read by five and three templates (its own and its neighbours'), so the tagger hashes each
/// value once per token and combines it with each template ([`TokenKeys`]).
#[inline(always)]
fn combine(template: usize, value: u64) -> u64 {
    let k = (value ^ (template as u64 + 1).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    k ^ (k >> 29)
}

/// The key of feature `template=bytes`. The model's features are keyed by the same function at
/// load, where two features with one key are refused.
#[inline]
fn key(template: usize, bytes: &[u8]) -> u64 {
    combine(template, value_hash(bytes))
}

/// The hashed values of one token (or of the edge of a sentence, `^` before and `$` after) that
/// [`features`] reads for it and for its neighbours.
#[derive(Clone, Copy, Debug)]
struct TokenKeys {
    word: u64,
    stem: u64,
    cues: u64,
    shape: u64,
    lx: u64,
}

impl TokenKeys {
    /// The values of a word with its cue classes and its `lx` value, as [`features`] reads them.
    fn new(word: &str, cues: u16, lx: &[u8]) -> TokenKeys {
        let mut num = [0u8; 5];
        let n = format_u16(cues, &mut num);
        TokenKeys {
            word: value_hash(word.as_bytes()),
            stem: value_hash(stem(word).as_bytes()),
            cues: value_hash(&num[..n]),
            shape: value_hash(shape(word)),
            lx: value_hash(lx),
        }
    }

    fn of(t: &TagToken<'_>) -> TokenKeys {
        TokenKeys::new(t.text, t.cues, lx_value(Some(t.covered)))
    }
}

/// The keys of the features of token `i` in [`features`] order (the weights are added in this
/// order, so scores are the same to the bit), from `keys`: the [`TokenKeys`] of tokens `i - 2`
/// to `i + 2` (edges outside the sentence).
#[inline(always)]
fn feature_keys(w: &str, keys: &[TokenKeys; 5], mut f: impl FnMut(u64)) {
    let [m2, m1, k, p1, p2] = keys;
    f(combine(0, value_hash(b"")));
    f(combine(1, k.word));
    f(combine(2, m1.word));
    f(combine(3, p1.word));
    f(combine(4, m2.word));
    f(combine(5, p2.word));
    f(combine(6, k.stem));
    f(combine(7, m1.stem));
    f(combine(8, p1.stem));
    f(key(9, head(w, 2).as_bytes()));
    f(key(10, head(w, 3).as_bytes()));
    f(key(11, tail(w, 2).as_bytes()));
    f(key(12, tail(w, 3).as_bytes()));
    f(combine(13, k.cues));
    f(combine(14, m1.cues));
    f(combine(15, p1.cues));
    f(combine(16, m2.cues));
    f(combine(17, k.shape));
    f(combine(18, k.lx));
    f(combine(19, m1.lx));
    f(combine(20, p1.lx));
    f(combine(21, m1.shape));
    f(combine(22, p1.shape));
}

/// A word without a leading conjunction و or ف, unless that leaves fewer than three letters.
fn strip_conj(w: &str) -> &str {
    // Compared as bytes (both letters are two bytes): asked of nearly every token, where
    // decoding the first character cost more than the test.
    let conj = w.as_bytes().starts_with("و".as_bytes()) || w.as_bytes().starts_with("ف".as_bytes());
    match w.get(2..) {
        Some(r) if conj && r.chars().nth(2).is_some() => r,
        _ => w,
    }
}

/// The word without its proclitics and article: وبالمدينة → مدينة, للجيش → جيش, الحسكة → حسكة.
/// At least two letters are left.
pub fn stem(w: &str) -> &str {
    let w = strip_conj(w);
    let long = |r: &str| r.chars().nth(1).is_some();
    for p in ["بال", "كال", "لل", "ال"] {
        if let Some(r) = w.strip_prefix(p).filter(|r| long(r)) {
            return r;
        }
    }
    w
}

/// The shape class of a token: `a` Arabic word, `n` number, `l` Latin, `p` anything else.
fn shape(w: &str) -> &'static [u8] {
    match w.chars().next() {
        Some(c) if c.is_ascii_digit() => b"n",
        Some(c) if c.is_ascii_alphabetic() => b"l",
        Some(c) if ('\u{0621}'..='\u{064A}').contains(&c) => b"a",
        _ => b"p",
    }
}

/// The first or last `n` characters of a word (the whole word if shorter).
fn head(w: &str, n: usize) -> &str {
    w.char_indices().nth(n).map_or(w, |(i, _)| &w[..i])
}

fn tail(w: &str, n: usize) -> &str {
    w.char_indices().rev().nth(n - 1).map_or(w, |(i, _)| &w[i..])
}

/// Every feature of token `i` of a sentence, as (template, value). The definition of the
/// features: training reads them through [`feature_strings`]; inference computes their keys
/// from hashes of each token's values ([`feature_keys`]), which a test holds equal to the keys
/// of these features.
pub fn features<'a>(toks: &[TagToken<'a>], i: usize, mut f: impl FnMut(usize, &[u8])) {
    let at = |d: isize| -> Option<&TagToken<'a>> {
        let j = i as isize + d;
        (0..toks.len() as isize).contains(&j).then(|| &toks[j as usize])
    };
    let word = |d: isize| at(d).map_or(if d < 0 { "^" } else { "$" }, |t| t.text);
    let w = toks[i].text;
    let cues = |d: isize| at(d).map_or(0, |t| t.cues);
    let lx = |d: isize| lx_value(at(d).map(|t| t.covered));
    let mut num = [0u8; 5];
    f(0, b"");
    f(1, w.as_bytes());
    f(2, word(-1).as_bytes());
    f(3, word(1).as_bytes());
    f(4, word(-2).as_bytes());
    f(5, word(2).as_bytes());
    f(6, stem(w).as_bytes());
    f(7, stem(word(-1)).as_bytes());
    f(8, stem(word(1)).as_bytes());
    f(9, head(w, 2).as_bytes());
    f(10, head(w, 3).as_bytes());
    f(11, tail(w, 2).as_bytes());
    f(12, tail(w, 3).as_bytes());
    for (t, d) in [(13, 0), (14, -1), (15, 1), (16, -2)] {
        let n = format_u16(cues(d), &mut num);
        f(t, &num[..n]);
    }
    f(17, shape(w));
    f(18, lx(0));
    f(19, lx(-1));
    f(20, lx(1));
    f(21, shape(word(-1)));
    f(22, shape(word(1)));
}

/// The value of an `lx` feature: `-` outside the sentence.
fn lx_value(c: Option<Covered>) -> &'static [u8] {
    match c {
        None => b"-",
        Some(Covered::No) => b"n",
        Some(Covered::Actor) => b"a",
        Some(Covered::Place) => b"p",
    }
}

/// `v` in decimal into `buf`, returning its length (no allocation).
fn format_u16(mut v: u16, buf: &mut [u8; 5]) -> usize {
    let mut tmp = [0u8; 5];
    let mut n = 0;
    loop {
        tmp[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for k in 0..n {
        buf[k] = tmp[n - 1 - k];
    }
    n
}

/// The features of token `i` as `template=value` strings (for training and tests).
pub fn feature_strings(toks: &[TagToken<'_>], i: usize) -> Vec<String> {
    let mut out = Vec::new();
    features(toks, i, |t, v| out.push(format!("{}={}", TEMPLATES[t], String::from_utf8_lossy(v))));
    out
}

impl Tagger {
    /// The tagger embedded in the binary, loaded once.
    pub fn embedded() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::parse(MODEL_TSV).expect("embedded NER model is valid"))
    }

    /// Parse a model file: `#` comments; `labels` and the label names in [`LABELS`] order;
    /// `trans FROM TO WEIGHT` lines; and `template=value` followed by one weight per label.
    pub fn parse(tsv: &str) -> Result<Tagger, ModelError> {
        let features = tsv.lines().filter(|l| l.contains('=')).count();
        let mut t = Tagger { rows: Rows::new(features), sure_o: FxHashSet::default(), trans: [[0.0; L]; L] };
        let mut labels_seen = false;
        for (n, line) in tsv.lines().enumerate() {
            let err = |reason: String| ModelError { line: n + 1, reason };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let label =
                |s: &str| LABELS.iter().position(|l| *l == s).ok_or_else(|| err(format!("unknown label {s:?}")));
            let weight = |s: &str| s.parse::<f32>().map_err(|_| err(format!("bad weight {s:?}")));
            match cols[0] {
                "labels" => {
                    if cols[1..] != LABELS {
                        return Err(err(format!("labels {:?}, expected {LABELS:?}", &cols[1..])));
                    }
                    labels_seen = true;
                }
                "trans" if cols.len() == 4 => {
                    let (a, b) = (label(cols[1])?, label(cols[2])?);
                    t.trans[a][b] = weight(cols[3])?;
                }
                feat => {
                    let (tpl, value) = feat.split_once('=').ok_or_else(|| err(format!("no template in {feat:?}")))?;
                    let ti = TEMPLATES
                        .iter()
                        .position(|x| *x == tpl)
                        .ok_or_else(|| err(format!("unknown template {tpl:?}")))?;
                    if cols.len() != L + 1 {
                        return Err(err(format!("{} weights, expected {L}", cols.len() - 1)));
                    }
                    let mut row = [0.0; L];
                    for (w, s) in row.iter_mut().zip(&cols[1..]) {
                        *w = weight(s)?;
                    }
                    let k = key(ti, value.as_bytes());
                    if ti == 1 && row[1..].iter().all(|w| row[0] - w > SURE_O) {
                        t.sure_o.insert(k);
                    }
                    if k == Rows::EMPTY {
                        return Err(err(format!("feature {feat:?} hashes to the reserved key 0")));
                    }
                    if !t.rows.insert(k, row) {
                        return Err(err(format!("duplicate feature {feat:?}")));
                    }
                }
            }
        }
        if !labels_seen {
            return Err(ModelError { line: 0, reason: "no labels line".into() });
        }
        Ok(t)
    }

    /// The best label sequence of a sentence (indices into [`LABELS`]), into `out`; `buf` is
    /// reused across calls.
    pub fn tag(&self, toks: &[TagToken<'_>], buf: &mut TagBuffers, out: &mut Vec<u8>) {
        out.clear();
        out.resize(toks.len(), 0);
        self.tag_range(toks, 0, toks.len(), buf, out);
    }

    /// Label tokens `lo..hi` of a sentence into `out[lo..hi]` (the features still read the
    /// neighbours outside the range).
    pub fn tag_range(&self, toks: &[TagToken<'_>], lo: usize, hi: usize, buf: &mut TagBuffers, out: &mut [u8]) {
        if lo >= hi {
            return;
        }
        let TagBuffers { scores, back, keys } = buf;
        scores.clear();
        back.clear();
        // The hashed values of tokens lo - 2 .. hi + 2, the sentence's edges outside it.
        keys.clear();
        let before = TokenKeys::new("^", 0, lx_value(None));
        let after = TokenKeys::new("$", 0, lx_value(None));
        keys.extend((lo as isize - 2..hi as isize + 2).map(|j| match toks.get(j as usize) {
            _ if j < 0 => before,
            Some(t) => TokenKeys::of(t),
            None => after,
        }));
        for i in lo..hi {
            let mut s = [0.0f32; L];
            let around: &[TokenKeys; 5] = keys[i - lo..i - lo + 5].try_into().expect("five tokens");
            feature_keys(toks[i].text, around, |k| {
                if let Some(row) = self.rows.get(k) {
                    for (x, w) in s.iter_mut().zip(row) {
                        *x += w;
                    }
                }
            });
            let mut bp = [0u8; L];
            if let Some(prev) = scores.last() {
                let mut best = [f32::NEG_INFINITY; L];
                for (a, pa) in prev.iter().enumerate() {
                    for b in 0..L {
                        let v = pa + self.trans[a][b];
                        if v > best[b] {
                            best[b] = v;
                            bp[b] = a as u8;
                        }
                    }
                }
                for (x, b) in s.iter_mut().zip(best) {
                    *x += b;
                }
            }
            scores.push(s);
            back.push(bp);
        }
        let last = scores[scores.len() - 1];
        let mut y = (0..L).max_by(|&a, &b| last[a].total_cmp(&last[b])).unwrap_or(0) as u8;
        for i in (lo..hi).rev() {
            out[i] = y;
            y = back[i - lo][y as usize];
        }
    }

    /// Whether the word alone makes a token outside any name, whatever its context: its own
    /// feature favours O over every other label by more than [`SURE_O`] (function words,
    /// common verbs and nouns). One lookup; the tagger runs only around the other tokens.
    #[inline]
    pub fn surely_outside(&self, word: &str) -> bool {
        self.sure_o.contains(&key(1, word.as_bytes()))
    }
}

/// The weight rows of the features by key, in open addressing on the key itself: keys are mixed
/// hashes already, so the slot is the key's top bits, and most lookups (features the model does
/// not hold) end at an empty slot after one load and one compare.
#[derive(Debug)]
struct Rows {
    /// Per slot: the key held, or [`Rows::EMPTY`].
    keys: Vec<u64>,
    rows: Vec<[f32; L]>,
    /// 64 minus the log2 of the slot count.
    shift: u32,
}

impl Rows {
    /// No key: a feature whose key is 0 is refused at load.
    const EMPTY: u64 = 0;

    /// A table for up to `n` features, at most half full.
    fn new(n: usize) -> Rows {
        let slots = (2 * n).next_power_of_two().max(2);
        Rows { keys: vec![Self::EMPTY; slots], rows: vec![[0.0; L]; slots], shift: 64 - slots.trailing_zeros() }
    }

    /// Add a row; false if the key is held already. At most the `n` rows of [`Rows::new`].
    fn insert(&mut self, k: u64, row: [f32; L]) -> bool {
        let mask = self.keys.len() - 1;
        let mut i = (k >> self.shift) as usize;
        loop {
            match self.keys[i] {
                Self::EMPTY => {
                    self.keys[i] = k;
                    self.rows[i] = row;
                    return true;
                }
                held if held == k => return false,
                _ => i = (i + 1) & mask,
            }
        }
    }

    #[inline(always)]
    fn get(&self, k: u64) -> Option<&[f32; L]> {
        let mask = self.keys.len() - 1;
        let mut i = (k >> self.shift) as usize;
        loop {
            match self.keys[i] {
                Self::EMPTY => return None,
                held if held == k => return Some(&self.rows[i]),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// Buffers of [`Tagger::tag`] reused across sentences.
#[derive(Debug, Default)]
pub struct TagBuffers {
    scores: Vec<[f32; L]>,
    back: Vec<[u8; L]>,
    keys: Vec<TokenKeys>,
}

/// The margin of the O weight of a word's own feature over its other labels' weights that
/// makes [`Tagger::surely_outside`] skip it.
const SURE_O: f32 = 1.0;

/// Entity spans of a label sequence: (first token, end token, kind), with an `I-` that does not
/// continue its kind read as a `B-`.
pub fn spans(labels: &[u8]) -> Vec<(usize, usize, EntityKind)> {
    let kind = |y: u8| match y {
        1 | 2 => Some(EntityKind::Person),
        3 | 4 => Some(EntityKind::Org),
        5 | 6 => Some(EntityKind::Place),
        _ => None,
    };
    let mut out: Vec<(usize, usize, EntityKind)> = Vec::new();
    for (i, &y) in labels.iter().enumerate() {
        let Some(k) = kind(y) else { continue };
        let inside = y % 2 == 0;
        match out.last_mut() {
            Some(last) if inside && last.1 == i && last.2 == k => last.1 = i + 1,
            _ => out.push((i, i + 1, k)),
        }
    }
    out
}

/// The name as written under `span`: diacritics and tatweel removed.
fn written(text: &str, span: Span) -> String {
    span.slice(text).unwrap_or("").chars().filter(|&c| !is_diacritic(c) && c != 'ـ').collect()
}

/// How many bytes of an original word are proclitics to drop before a name: و before an
/// article, عبد or at least four letters (والحسكة, ومحمد, وعبد; not وليد), then ب or ك before
/// the article (بالحسكة → الحسكة). A word that is itself a cue word (وزارة, وكالة) keeps its و.
fn clitic_len(lex: &Lexicon, norm: &str, orig: &str) -> usize {
    if lex.cue_mask(norm) != 0 {
        return 0;
    }
    let mut n = 0;
    if let Some(r) = orig.strip_prefix('و') {
        if r.starts_with("ال") || r.starts_with("عبد") || r.chars().nth(3).is_some() {
            n = 'و'.len_utf8();
        }
    }
    let rest = &orig[n..];
    if ["بال", "كال"].iter().any(|p| rest.starts_with(p)) && rest.chars().nth(4).is_some() {
        n += 'ب'.len_utf8();
    }
    n
}

/// The persons, organisations and places of a document that the lexicons do not hold. `layer`
/// is the text layer of `text`, `found` its mentions (from [`crate::find_mentions`]): nothing a
/// lexicon mention covers is repeated, and the persons of the title patterns are among the
/// entities, with their names as written.
pub fn find_entities(layer: &TextLayer, found: &Mentions, text: &str) -> Vec<EntityMention> {
    find(Lexicon::embedded(), Tagger::embedded(), layer, found, text)
}

/// [`find_entities`] with any lexicon and tagger.
pub fn find(lex: &Lexicon, tagger: &Tagger, layer: &TextLayer, found: &Mentions, text: &str) -> Vec<EntityMention> {
    let toks = &layer.tokens;
    let norm = &layer.norm;
    // Which lexicon mention covers each token (mentions are sorted by start).
    let mut covered = vec![Covered::No; toks.len()];
    for (list, c) in [
        (found.actors.iter().map(|a| a.span).collect::<Vec<_>>(), Covered::Actor),
        (found.persons.iter().map(|p| p.mention.span).collect(), Covered::Actor),
        (found.places.iter().map(|p| p.span).collect(), Covered::Place),
    ] {
        let mut k = 0;
        for s in list {
            while k < toks.len() && toks[k].span.end <= s.start {
                k += 1;
            }
            let mut j = k;
            while j < toks.len() && toks[j].span.start < s.end {
                covered[j] = c;
                j += 1;
            }
        }
    }
    let sentence_of = |start: usize| layer.sentences.partition_point(|s| s.span.end <= start);
    let mut out: Vec<EntityMention> = Vec::new();
    let push = |out: &mut Vec<EntityMention>, span: Span, kind: EntityKind, source: EntitySource| {
        let name = written(text, span);
        // Two letters at least (`is_letter` is `char::is_alphabetic` read from a table for the
        // Arabic block, where the general lookup is slow).
        if name.chars().filter(|&c| is_letter(c)).nth(1).is_none() {
            return;
        }
        out.push(EntityMention { span, sentence: sentence_of(span.start), kind, name, parent: None, source });
    };

    let word = |i: usize| toks[i].text(norm);
    let orig = |i: usize| toks[i].span.slice(text).unwrap_or("");
    let is_word = |i: usize| i < toks.len() && toks[i].kind == TokenKind::Word;
    // Definite as written: the normalized text reads أل (ألغت) as ال.
    let definite = |i: usize| strip_conj(orig(i)).starts_with("ال");

    // The model's labels, where a name may be: the tokens that follow a title, a role, a kind
    // noun within two words or a verb (`قال فلان`) within one, and the kind nouns themselves, in windows
    // that reach one token before and two after; everything else stays O. Running the tagger
    // on every token would cost several times the rest of the extraction.
    let triggers =
        [CueClass::Title, CueClass::Role, CueClass::OrgNoun, CueClass::PlaceNoun].iter().fold(0, |m, c| m | c.bit());
    let kind_nouns = CueClass::OrgNoun.bit() | CueClass::PlaceNoun.bit();
    // The cue classes of each word token, looked up once: of the word as written, and of the
    // word without a leading و or ف (the same word when there is none to strip).
    let (plain, bare): (Vec<u16>, Vec<u16>) = (0..toks.len())
        .map(|k| {
            if !is_word(k) {
                return (0, 0);
            }
            let w = word(k);
            let plain = lex.cue_mask(w);
            let stripped = strip_conj(w);
            (plain, if stripped.len() == w.len() { plain } else { lex.cue_mask(stripped) })
        })
        .unzip();
    let cue_of = |k: usize| plain[k] | bare[k];
    let openers = person_openers();
    let mut labels = vec![0u8; toks.len()];
    {
        let mut buf = TagBuffers::default();
        let mut sent: Vec<TagToken<'_>> = Vec::new();
        let mut windows: Vec<(usize, usize)> = Vec::new();
        let mut t0 = 0;
        for s in &layer.sentences {
            while t0 < toks.len() && toks[t0].span.start < s.span.start {
                t0 += 1;
            }
            let mut t1 = t0;
            while t1 < toks.len() && toks[t1].span.end <= s.span.end {
                t1 += 1;
            }
            // Windows (sentence-relative), merged; `since` counts the tokens since a trigger.
            windows.clear();
            let mut since = usize::MAX;
            for (k, &cov) in covered.iter().enumerate().take(t1).skip(t0) {
                if !is_word(k) {
                    since = usize::MAX;
                    continue;
                }
                let cues = cue_of(k);
                // A word that opens a person's name (محمد، تيريزا) is read with what follows it.
                let opener = cov == Covered::No && openers.contains(strip_conj(word(k)));
                let open = cov == Covered::No && (since <= 2 || cues & kind_nouns != 0 || opener);
                if open
                    && !(cues == 0 && since > 2 && !opener)
                    && (cues & kind_nouns != 0 || opener || !tagger.surely_outside(word(k)))
                {
                    // A name opened by a given name may run to four words (كيم جونغ أون، جان إيف لو دريان).
                    let reach = if opener { 4 } else { 3 };
                    let (lo, hi) = ((k - t0).saturating_sub(1), (k - t0 + reach).min(t1 - t0));
                    match windows.last_mut() {
                        Some(w) if w.1 >= lo => w.1 = w.1.max(hi),
                        _ => windows.push((lo, hi)),
                    }
                }
                // A verb opens one word (قال فلان), a title, role or kind noun two.
                since = if cues & triggers != 0 {
                    1
                } else if cues & CueClass::Verb.bit() != 0 {
                    2
                } else {
                    since.saturating_add(1)
                };
            }
            if !windows.is_empty() {
                // Only the tokens the windows' features read (two either side) are looked up.
                let n = t1 - t0;
                sent.clear();
                sent.resize(n, TagToken { text: "", cues: 0, covered: Covered::No });
                let mut filled = 0;
                for &(lo, hi) in &windows {
                    for k in lo.saturating_sub(2).max(filled)..(hi + 2).min(n) {
                        sent[k] = if is_word(t0 + k) {
                            TagToken { text: word(t0 + k), cues: cue_of(t0 + k), covered: covered[t0 + k] }
                        } else {
                            TagToken::new(lex, word(t0 + k), covered[t0 + k])
                        };
                    }
                    filled = (hi + 2).min(n);
                }
                for &(lo, hi) in &windows {
                    tagger.tag_range(&sent, lo, hi, &mut buf, &mut labels[t0..t1]);
                }
            }
            t0 = t1;
        }
    }
    let tagged = |k: usize| labels[k] != 0;
    let token_at = |pos: usize| toks.partition_point(|t| t.span.end <= pos);

    let stop = lex_stop_mask();
    // Organisations after a kind noun, places after a place noun.
    let mut i = 0;
    while i < toks.len() {
        if !is_word(i) || covered[i] != Covered::No {
            i += 1;
            continue;
        }
        // The word itself first: وزارة is no و + زارة.
        let (w, mask) = match plain[i] {
            0 => (strip_conj(word(i)), bare[i]),
            m => (word(i), m),
        };
        if mask & CueClass::OrgNoun.bit() != 0 {
            // A kind noun and its construct: definite words (وزارة الصحة، منظمة العفو الدولية),
            // ل + a definite pair (لحقوق الإنسان), or one proper name the model reads as a name
            // (حركة طالبان). A definite kind noun (المحكمة العليا) only where the model reads
            // an organisation.
            let def_noun = definite(i);
            let mut j = i + 1;
            while is_word(j) && j < i + 5 && covered[j] == Covered::No {
                let x = word(j);
                if bare[j] & stop != 0 || x.starts_with('و') && j > i + 1 {
                    break;
                }
                let joined =
                    (x.starts_with("لل") || x.starts_with('ل') && tagged(j)) && is_word(j + 1) && definite(j + 1);
                let proper = j == i + 1 && !def_noun && tagged(j);
                // A definite word after the first ending in ة is a noun of its own (الموافقة), unless it
                // is a relative adjective (الدولية، السعودية) or the model reads it in the name.
                let nisba = x.ends_with("يه") || x.ends_with('ي');
                if !(definite(j) && (j == i + 1 || tagged(j) || nisba || !x.ends_with('ه')) || joined || proper) {
                    break;
                }
                j += 1;
            }
            // A name never ends with the ل word that joins a construct.
            while j > i + 1 && word(j - 1).starts_with('ل') && !definite(j - 1) {
                j -= 1;
            }
            if j > i + 1 && (!def_noun || matches!(labels[i], 3 | 4)) {
                let start = toks[i].span.start + clitic_len(lex, word(i), orig(i));
                push(&mut out, Span::new(start, toks[j - 1].span.end), EntityKind::Org, EntitySource::Pattern);
                i = j;
                continue;
            }
        } else if mask & CueClass::PlaceNoun.bit() != 0 && !definite(i) {
            // A place noun and a name the model reads as a name (قرية فلانة، مخيم فلان), or a
            // name of one or two words it sets in quotes (ولاية "فلانة").
            let kinds = lex.noun_kinds(w);
            let usable = !kinds.is_empty() && !kinds.contains(&PlaceKind::Country);
            let is_quote = |k: usize| k < toks.len() && matches!(word(k), "\"" | "«" | "»" | "“" | "”");
            let quoted = is_quote(i + 1);
            let j = if quoted { i + 2 } else { i + 1 };
            let closing = if quoted { (j + 1..=j + 2).find(|&k| is_quote(k)) } else { None };
            let place = |k: usize| matches!(labels[k], 5 | 6);
            let named = is_word(j)
                && ((place(j) && !quoted)
                    || closing.is_some_and(|c| (j..c).all(|k| is_word(k) && covered[k] == Covered::No)));
            if usable && is_word(j) && covered[j] == Covered::No && named && bare[j] == 0 {
                let mut end = j + 1;
                if let Some(c) = closing {
                    end = c;
                } else if is_word(end) && covered[end] == Covered::No && labels[end] == 6 {
                    end += 1;
                }
                let facility = kinds.iter().all(|k| *k == PlaceKind::Facility);
                let first = if facility { i } else { j };
                // A quoted name is the name as written: its first letters are no clitics.
                let clitic = if quoted && !facility { 0 } else { clitic_len(lex, word(first), orig(first)) };
                let start = toks[first].span.start + clitic;
                push(&mut out, Span::new(start, toks[end - 1].span.end), EntityKind::Place, EntitySource::Pattern);
                i = end;
                continue;
            }
        }
        i += 1;
    }

    // Persons of the title patterns: where the role names a body (the lexicon's, or one the
    // rules above found just before the name), or where the model reads a person in the name
    // too (a title alone, الصحفي or الرئيس, is followed by words that are no name often enough).
    let rule_orgs: Vec<Span> = out.iter().filter(|e| e.kind == EntityKind::Org).map(|e| e.span).collect();
    for p in &found.persons {
        let (a, b) = (token_at(p.mention.span.start), token_at(p.mention.span.end - 1) + 1);
        let start = p.mention.span.start;
        let after_body = rule_orgs.iter().any(|o| o.end <= start && start - o.end < 40);
        if p.body.is_none() && !after_body && !(a..b.min(toks.len())).any(|k| matches!(labels[k], 1 | 2)) {
            continue;
        }
        let name = written(text, p.mention.span);
        if name.contains(char::is_whitespace) {
            out.push(EntityMention {
                span: p.mention.span,
                sentence: p.mention.sentence,
                kind: EntityKind::Person,
                name,
                parent: p.body.as_ref().map(|b| b.to_string()),
                source: EntitySource::Pattern,
            });
        }
    }

    // The model's own entities, where no rule found one.
    for (a, b, kind) in spans(&labels) {
        if (a..b).any(|k| covered[k] != Covered::No || !is_word(k)) {
            continue;
        }
        if kind == EntityKind::Person && b - a < 2 {
            continue;
        }
        // A span that opens with a kind noun is the rules' to judge: they found no name there
        // (منظمة ومحكمة ... is an organised operation, not an organisation).
        if cue_of(a) & kind_nouns != 0 {
            continue;
        }
        // A proclitic the tagger left on the name (لكوريا، فكوريا): dropped where the document
        // also writes the word without it.
        let bare_elsewhere = |w: &str| {
            let p = ['و', 'ف', 'ل', 'ب', 'ك'].into_iter().find(|&p| w.starts_with(p))?;
            let rest = &w[p.len_utf8()..];
            // Model spans are few: a scan of the tokens for each costs less than a set of all.
            (rest.chars().nth(2).is_some() && (0..toks.len()).any(|k| word(k) == rest)).then_some(p.len_utf8())
        };
        let start = toks[a].span.start + bare_elsewhere(word(a)).unwrap_or_else(|| clitic_len(lex, word(a), orig(a)));
        let span = Span::new(start, toks[b - 1].span.end);
        if out.iter().any(|e| e.span.start < span.end && span.start < e.span.end) {
            continue;
        }
        push(&mut out, span, kind, EntitySource::Model);
    }
    out.sort_by_key(|e| (e.span.start, e.span.end));
    // A person whose role names a body the lexicon does not hold: that body, found just before.
    for k in 0..out.len() {
        if out[k].kind != EntityKind::Person || out[k].parent.is_some() {
            continue;
        }
        let start = out[k].span.start;
        let parent = out[..k]
            .iter()
            .rev()
            .take_while(|e| start - e.span.end < 40)
            .find(|e| e.kind == EntityKind::Org && e.sentence == out[k].sentence)
            .map(EntityMention::id);
        out[k].parent = parent;
    }
    out
}

/// The cue classes that end an organisation's name.
fn lex_stop_mask() -> u16 {
    [CueClass::NameStop, CueClass::Verb, CueClass::PlacePrep, CueClass::Title, CueClass::Role, CueClass::OrgNoun]
        .iter()
        .fold(0, |m, c| m | c.bit())
}

/// Normalize a token of a training corpus the way the text layer normalizes text.
pub fn normalize_token(s: &str) -> String {
    normalize_str(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys the tagger computes from each token's hashed values are those of the features,
    /// in the same order, at the edges of a sentence and inside it.
    #[test]
    fn feature_keys_are_the_keys_of_the_features() {
        let lex = Lexicon::embedded();
        let words = ["وقال", "وزير", "الخارجية", "محمد", "بن", "سلمان", "،", "2024", "في", "للحسكة", "abc", "."];
        let covered = [Covered::No, Covered::Actor, Covered::Place];
        for n in 1..=words.len() {
            let toks: Vec<TagToken<'_>> =
                words[..n].iter().enumerate().map(|(k, w)| TagToken::new(lex, w, covered[k % 3])).collect();
            let keys: Vec<TokenKeys> = (-2..n as isize + 2)
                .map(|j| match toks.get(j as usize) {
                    _ if j < 0 => TokenKeys::new("^", 0, lx_value(None)),
                    Some(t) => TokenKeys::of(t),
                    None => TokenKeys::new("$", 0, lx_value(None)),
                })
                .collect();
            for i in 0..n {
                let mut want = Vec::new();
                features(&toks, i, |t, v| want.push(key(t, v)));
                let mut got = Vec::new();
                feature_keys(toks[i].text, keys[i..i + 5].try_into().unwrap(), |k| got.push(k));
                assert_eq!(got, want, "token {i} of {n}");
            }
        }
    }
}
