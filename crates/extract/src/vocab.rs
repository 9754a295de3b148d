//! Word lists of the extraction stage (months, hedges, predicates, reporting verbs, ...) as
//! phrase tables over tokens.
//!
//! Design decision: every list is a TSV file under `data/` with columns `form, kind, value`,
//! embedded in the binary and compiled once into a table keyed by the normalized first word
//! of each phrase. A lookup at a token walks only the phrases starting with that word, longest
//! first, so matching a whole document is linear in its tokens. Clitics are handled here, once:
//! a phrase may carry a proclitic sequence on its first word (وقتل، بحسب) and, when the
//! table allows it, a pronoun suffix on its last word (قتلهم، إعلانه).

use marsad_text::clitics::{is_proclitic_seq, is_pronoun_suffix};
use marsad_text::normalize::normalize_str;
use marsad_text::{TextLayer, TokenKind};
use std::collections::HashMap;

/// One line of a phrase table.
#[derive(Clone, Debug)]
pub struct Phrase {
    pub words: Vec<String>,
    pub kind: String,
    pub value: String,
}

/// A phrase found at a token.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'t> {
    pub phrase: &'t Phrase,
    /// First token and one past the last.
    pub start: usize,
    pub end: usize,
    /// Byte length (normalized) of the proclitic on the first word.
    pub proclitic: usize,
    /// Byte length (normalized) of the pronoun suffix on the last word.
    pub suffix: usize,
}

/// The bit of `PhraseTable::maybe_first` for a key.
fn first_filter_bit(key: &str) -> usize {
    key.len().min(63) * 256 + usize::from(key.as_bytes().last().copied().unwrap_or(0))
}

#[derive(Debug, Default)]
pub struct PhraseTable {
    phrases: Vec<Phrase>,
    by_first: HashMap<String, Vec<usize>>,
    /// For each (byte length up to 63, last byte) of a key of `by_first`, a set bit: most
    /// words of a text are no first word, and this answers that without hashing them.
    maybe_first: Vec<u64>,
    /// Whether a phrase's last word may carry a pronoun suffix.
    allow_suffix: bool,
}

impl PhraseTable {
    /// Parse a `form\tkind\tvalue` TSV (first non-comment line is the header).
    pub fn parse(tsv: &str, allow_suffix: bool) -> PhraseTable {
        let mut t = PhraseTable { allow_suffix, ..Default::default() };
        let mut header_seen = false;
        for line in tsv.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !header_seen {
                header_seen = true;
                continue;
            }
            let mut cols = line.split('\t');
            let form = cols.next().unwrap_or("").trim();
            let kind = cols.next().unwrap_or("").trim().to_string();
            let value = cols.next().unwrap_or("").trim().to_string();
            let words: Vec<String> = normalize_str(form).split_whitespace().map(String::from).collect();
            if words.is_empty() || kind.is_empty() {
                continue;
            }
            let i = t.phrases.len();
            t.by_first.entry(words[0].clone()).or_default().push(i);
            t.phrases.push(Phrase { words, kind, value });
        }
        t.maybe_first = vec![0u64; 64 * 256 / 64];
        for k in t.by_first.keys() {
            let b = first_filter_bit(k);
            t.maybe_first[b / 64] |= 1 << (b % 64);
        }
        for v in t.by_first.values_mut() {
            let phrases = &t.phrases;
            v.sort_by_key(|&i| std::cmp::Reverse(phrases[i].words.len()));
        }
        t
    }

    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    /// Every phrase starting at token `i`, longest first. With `clitics`, the first word may
    /// carry a proclitic sequence.
    pub fn at<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool) -> Vec<Hit<'t>> {
        // Called at every token by several stages: nothing is allocated unless a phrase matches.
        let mut out = Vec::new();
        let Some(tok) = layer.tokens.get(i) else { return out };
        if !matches!(tok.kind, TokenKind::Word | TokenKind::Latin) {
            return out;
        }
        let first = tok.text(&layer.norm);
        self.at_split(layer, i, first, 0, &mut out);
        if clitics {
            for (b, _) in first.char_indices().skip(1).take(3) {
                if is_proclitic_seq(&first[..b]) {
                    self.at_split(layer, i, first, b, &mut out);
                }
            }
        }
        if out.len() > 1 {
            out.sort_by_key(|h| std::cmp::Reverse((h.end, h.suffix == 0, h.proclitic == 0)));
        }
        out
    }

    /// Phrases at token `i` whose first word is `first` after a proclitic of `p` bytes: the
    /// whole rest, or (single-word phrases) a stem plus pronoun suffix.
    fn at_split<'t>(&'t self, layer: &TextLayer, i: usize, first: &str, p: usize, out: &mut Vec<Hit<'t>>) {
        let head = &first[p..];
        self.at_key(layer, i, head, 0, p, out);
        if self.allow_suffix {
            for (b, _) in head.char_indices().skip(2) {
                if is_pronoun_suffix(&head[b..]) && !head[b..].is_empty() {
                    self.at_key(layer, i, &head[..b], head.len() - b, p, out);
                }
            }
        }
    }

    fn at_key<'t>(&'t self, layer: &TextLayer, i: usize, key: &str, suffix: usize, p: usize, out: &mut Vec<Hit<'t>>) {
        let b = first_filter_bit(key);
        if self.maybe_first[b / 64] & (1 << (b % 64)) == 0 {
            return;
        }
        let Some(ids) = self.by_first.get(key) else { return };
        for &id in ids {
            let ph = &self.phrases[id];
            if suffix > 0 && ph.words.len() > 1 {
                continue;
            }
            if let Some((end, suf)) = self.rest_matches(layer, i, ph) {
                let suffix = if ph.words.len() == 1 { suffix } else { suf };
                out.push(Hit { phrase: ph, start: i, end, proclitic: p, suffix });
            }
        }
    }

    /// Whether words 2.. of `ph` follow token `i`; the last may carry a pronoun suffix.
    /// Emphasis marks of copied web text (`**القبض**`) between the words are passed over.
    fn rest_matches(&self, layer: &TextLayer, i: usize, ph: &Phrase) -> Option<(usize, usize)> {
        let mut suffix = 0;
        let mut at = i + 1;
        for (k, w) in ph.words.iter().enumerate().skip(1) {
            while layer
                .tokens
                .get(at)
                .is_some_and(|t| t.kind == TokenKind::Punct && matches!(t.text(&layer.norm), "*" | "_"))
            {
                at += 1;
            }
            let t = layer.tokens.get(at)?;
            if !matches!(t.kind, TokenKind::Word | TokenKind::Latin) {
                return None;
            }
            let s = t.text(&layer.norm);
            at += 1;
            if s == w {
                continue;
            }
            let last = k + 1 == ph.words.len();
            match s.strip_prefix(w.as_str()) {
                Some(suf) if last && self.allow_suffix && is_pronoun_suffix(suf) => suffix = suf.len(),
                _ => return None,
            }
        }
        Some((at.max(i + 1), suffix))
    }

    /// The longest phrase at `i`, if any.
    pub fn longest<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool) -> Option<Hit<'t>> {
        self.at(layer, i, clitics).into_iter().next()
    }

    /// The longest phrase of a given kind at `i`.
    pub fn kind_at<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool, kind: &str) -> Option<Hit<'t>> {
        self.at(layer, i, clitics).into_iter().find(|h| h.phrase.kind == kind)
    }
}
