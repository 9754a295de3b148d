//! Word lists of the extraction stage (months, hedges, predicates, reporting verbs, ...) as
//! phrase tables over tokens.
//!
//! Design decision: every list is a TSV file under `data/` with columns `form, kind, value`,
//! embedded in the binary and compiled once into a table keyed by the normalized first word
//! of each phrase. A lookup at a token walks only the phrases starting with that word, longest
//! first, so matching a whole document is linear in its tokens. Clitics are handled here, once:
//! a phrase may carry a proclitic sequence on its first word (وقتل، بحسب) and, when the
//! table allows it, a pronoun suffix on its last word (قتلهم، إعلانه).

use marsad_text::clitics::{is_pronoun_suffix, PROCLITICS, SUFFIXES};
use marsad_text::normalize::normalize_str;
use marsad_text::wordset::{short_le, WordFilter};
use marsad_text::{TextLayer, TokenKind};
use rustc_hash::FxHashMap;

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

/// Longest proclitic sequence a lookup splits off, in characters.
const MAX_PROCLITIC_CHARS: usize = 3;
/// Longest pronoun suffix a lookup splits off, in characters (no entry of `SUFFIXES` is longer:
/// a test checks it).
const MAX_SUFFIX_CHARS: usize = 3;
/// Up to three characters packed into one integer (21 bits each), so that a word's first or
/// last letters are compared with the clitic lists as integers, not as strings.
fn pack(cs: &[char]) -> u64 {
    cs.iter().fold(0, |a, &c| (a << 21) | u64::from(c))
}

/// The clitic lists of `marsad_text::clitics` by length in characters, packed with [`pack`].
#[derive(Debug, Default)]
struct Clitics {
    /// `proclitics[n]`: the proclitic sequences of `n` characters.
    proclitics: [Vec<u64>; MAX_PROCLITIC_CHARS + 1],
    /// `suffixes[n]`: the pronoun suffixes of `n` characters.
    suffixes: [Vec<u64>; MAX_SUFFIX_CHARS + 1],
}

impl Clitics {
    fn new() -> Clitics {
        let mut c = Clitics::default();
        for p in PROCLITICS {
            let cs: Vec<char> = p.chars().collect();
            if (1..=MAX_PROCLITIC_CHARS).contains(&cs.len()) {
                c.proclitics[cs.len()].push(pack(&cs));
            }
        }
        for s in SUFFIXES {
            let cs: Vec<char> = s.chars().collect();
            if (1..=MAX_SUFFIX_CHARS).contains(&cs.len()) {
                c.suffixes[cs.len()].push(pack(&cs));
            }
        }
        c
    }
}

/// The last (up to) eight bytes of a word as one integer, the last byte highest.
#[inline]
fn tail(w: &str) -> u64 {
    let w = w.as_bytes();
    let n = w.len();
    if n >= 8 {
        u64::from_le_bytes(w[n - 8..].try_into().expect("8 bytes"))
    } else if n == 0 {
        0
    } else {
        // The bytes shifted up to the top, as `from_le_bytes` of them padded in front.
        short_le(w) << (8 * (8 - n))
    }
}

/// The bits of [`tail`] that hold a word's last `len` bytes.
fn tail_mask(len: usize) -> u64 {
    u64::MAX << (64 - 8 * len)
}

/// The first, and the last, up to three characters of a word, with its length in characters.
struct Edges {
    chars: usize,
    lead: [char; 3],
    /// The last characters, aligned to the end (`tail[3 - n..]` are the last `n`).
    tail: [char; 3],
}

impl Edges {
    fn of(w: &str) -> Edges {
        let mut e = Edges { chars: 0, lead: ['\0'; 3], tail: ['\0'; 3] };
        for c in w.chars() {
            if e.chars < 3 {
                e.lead[e.chars] = c;
            }
            e.tail = [e.tail[1], e.tail[2], c];
            e.chars += 1;
        }
        e
    }
}

#[derive(Debug, Default)]
pub struct PhraseTable {
    phrases: Vec<Phrase>,
    by_first: FxHashMap<String, Vec<usize>>,
    /// The keys of `by_first`: most clitic splits of a word that may start a phrase are no
    /// first word, and this answers that without hashing them.
    firsts: WordFilter,
    /// Every first word with every proclitic sequence, and those of single-word phrases (which
    /// alone take a suffix on their first word): a token that starts a phrase is one of the
    /// first, or one of the second plus a pronoun suffix. Small enough to stay in the cache,
    /// they answer most tokens of a text at once.
    with_proclitics: WordFilter,
    single_with_proclitics: WordFilter,
    /// The pronoun suffixes as the last bytes of a word: (mask, bytes, length) over the last
    /// eight bytes read as one integer.
    suffix_tails: Vec<(u64, u64, usize)>,
    /// The last bytes of the pronoun suffixes, one bit each: a word ending otherwise has none.
    suffix_last_bytes: [u64; 4],
    clitics: Clitics,
    /// Whether a phrase's last word may carry a pronoun suffix.
    allow_suffix: bool,
}

impl PhraseTable {
    /// Parse a `form\tkind\tvalue` TSV (first non-comment line is the header).
    pub fn parse(tsv: &str, allow_suffix: bool) -> PhraseTable {
        let mut t = PhraseTable { allow_suffix, clitics: Clitics::new(), ..Default::default() };
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
            t.push(Phrase { words, kind, value });
        }
        t.index();
        t
    }

    /// The table of the phrases of the given kinds only. Its hits at a token are the hits of
    /// this table of those kinds, in the same order (the phrases keep their relative order), found
    /// without walking the phrases of other kinds.
    pub fn only(&self, kinds: &[&str]) -> PhraseTable {
        let mut t = PhraseTable { allow_suffix: self.allow_suffix, clitics: Clitics::new(), ..Default::default() };
        for ph in self.phrases.iter().filter(|p| kinds.contains(&p.kind.as_str())) {
            t.push(ph.clone());
        }
        t.index();
        t
    }

    fn push(&mut self, ph: Phrase) {
        let i = self.phrases.len();
        self.by_first.entry(ph.words[0].clone()).or_default().push(i);
        self.phrases.push(ph);
    }

    /// Fill the filters and order each first word's phrases longest first (a stable sort:
    /// phrases of one length stay in table order).
    fn index(&mut self) {
        self.firsts = WordFilter::new(self.by_first.keys().map(String::as_str));
        let n = self.by_first.len() * PROCLITICS.len();
        self.with_proclitics = WordFilter::with_capacity(n);
        self.single_with_proclitics = WordFilter::with_capacity(n);
        let mut w = String::new();
        for (k, ids) in &self.by_first {
            // A split with a suffix only finds single-word phrases (`at_key`).
            let single = ids.iter().any(|&i| self.phrases[i].words.len() == 1);
            for p in PROCLITICS {
                w.clear();
                w.push_str(p);
                w.push_str(k);
                self.with_proclitics.insert(&w);
                if single {
                    self.single_with_proclitics.insert(&w);
                }
            }
        }
        self.suffix_last_bytes = [0; 4];
        if self.allow_suffix {
            for b in SUFFIXES.iter().filter_map(|s| s.as_bytes().last()) {
                self.suffix_last_bytes[usize::from(*b) / 64] |= 1 << (b % 64);
            }
        }
        self.suffix_tails = if self.allow_suffix {
            SUFFIXES
                .iter()
                .filter(|s| !s.is_empty() && s.len() <= 8)
                .map(|s| (tail_mask(s.len()), tail(s), s.len()))
                .collect()
        } else {
            vec![]
        };
        for v in self.by_first.values_mut() {
            let phrases = &self.phrases;
            v.sort_by_key(|&i| std::cmp::Reverse(phrases[i].words.len()));
        }
    }

    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    /// False when no phrase can start at token `i` ([`PhraseTable::at`] finds nothing there): a
    /// test of one memory access, for callers that gate a scan first.
    #[inline]
    pub fn may_start(&self, layer: &TextLayer, i: usize) -> bool {
        // Any split that finds a phrase is proclitics + first word + suffix: a word of `words`.
        layer.tokens.get(i).is_some_and(|t| {
            matches!(t.kind, TokenKind::Word | TokenKind::Latin) && self.may_start_word(t.text(&layer.norm))
        })
    }

    /// Whether `w` is proclitics + first word, or that plus a pronoun suffix (see `with_proclitics`).
    #[inline]
    fn may_start_word(&self, w: &str) -> bool {
        if self.with_proclitics.may_contain(w) {
            return true;
        }
        let Some(&last) = w.as_bytes().last() else { return false };
        if self.suffix_last_bytes[usize::from(last) / 64] & (1 << (last % 64)) == 0 {
            return false;
        }
        let end = tail(w);
        self.suffix_tails.iter().any(|&(mask, bytes, len)| {
            len < w.len() && end & mask == bytes && self.single_with_proclitics.may_contain(&w[..w.len() - len])
        })
    }

    /// Every phrase starting at token `i`, longest first. With `clitics`, the first word may
    /// carry a proclitic sequence.
    pub fn at<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool) -> Vec<Hit<'t>> {
        // Called at every token by several stages: nothing is allocated unless a phrase matches,
        // and the clitic splits are found by comparing packed characters, not strings.
        let mut out = Vec::new();
        let Some(tok) = layer.tokens.get(i) else { return out };
        if !matches!(tok.kind, TokenKind::Word | TokenKind::Latin) {
            return out;
        }
        let first = tok.text(&layer.norm);
        if !self.may_start_word(first) {
            return out;
        }
        let e = Edges::of(first);
        self.at_split(layer, i, first, 0, e.chars, &e, &mut out);
        if clitics {
            // Proclitics of one to three characters, shortest first, leaving a non-empty head.
            for n in 1..=MAX_PROCLITIC_CHARS.min(e.chars.saturating_sub(1)) {
                if self.clitics.proclitics[n].contains(&pack(&e.lead[..n])) {
                    let p: usize = e.lead[..n].iter().map(|c| c.len_utf8()).sum();
                    self.at_split(layer, i, first, p, e.chars - n, &e, &mut out);
                }
            }
        }
        if out.len() > 1 {
            out.sort_by_key(|h| std::cmp::Reverse((h.end, h.suffix == 0, h.proclitic == 0)));
        }
        out
    }

    /// Phrases at token `i` whose first word is `first` after a proclitic of `p` bytes (the
    /// head left has `head_chars` characters): the whole rest, or (single-word phrases) a stem
    /// of two characters or more plus a pronoun suffix, longest suffix first.
    #[allow(clippy::too_many_arguments)]
    fn at_split<'t>(
        &'t self,
        layer: &TextLayer,
        i: usize,
        first: &str,
        p: usize,
        head_chars: usize,
        e: &Edges,
        out: &mut Vec<Hit<'t>>,
    ) {
        let head = &first[p..];
        self.at_key(layer, i, head, 0, p, out);
        if self.allow_suffix {
            for n in (1..=MAX_SUFFIX_CHARS).rev() {
                if head_chars >= n + 2 && self.clitics.suffixes[n].contains(&pack(&e.tail[3 - n..])) {
                    let s: usize = e.tail[3 - n..].iter().map(|c| c.len_utf8()).sum();
                    self.at_key(layer, i, &head[..head.len() - s], s, p, out);
                }
            }
        }
    }

    fn at_key<'t>(&'t self, layer: &TextLayer, i: usize, key: &str, suffix: usize, p: usize, out: &mut Vec<Hit<'t>>) {
        if !self.firsts.may_contain(key) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::clitics::is_proclitic_seq;

    /// Every clitic `marsad_text::clitics` lists is within the lengths [`PhraseTable::at`] tries
    /// (and a suffix within the eight bytes the gate compares).
    #[test]
    fn clitic_lists_fit_the_packed_splits() {
        assert!(SUFFIXES.iter().all(|s| s.chars().count() <= MAX_SUFFIX_CHARS && s.len() <= 8));
        assert!(PROCLITICS.iter().all(|p| p.chars().count() <= MAX_PROCLITIC_CHARS));
    }

    /// The clitic splits of a word as the lookup first did them, with string comparisons at
    /// every character boundary: `(proclitic bytes, key, suffix bytes)` in the order tried.
    fn splits_by_strings(first: &str, clitics: bool, allow_suffix: bool) -> Vec<(usize, String, usize)> {
        let mut out = Vec::new();
        let mut split = |p: usize| {
            let head = &first[p..];
            out.push((p, head.to_string(), 0));
            if allow_suffix {
                for (b, _) in head.char_indices().skip(2) {
                    if is_pronoun_suffix(&head[b..]) && !head[b..].is_empty() {
                        out.push((p, head[..b].to_string(), head.len() - b));
                    }
                }
            }
        };
        split(0);
        if clitics {
            for (b, _) in first.char_indices().skip(1).take(3) {
                if is_proclitic_seq(&first[..b]) {
                    split(b);
                }
            }
        }
        out
    }

    /// The phrases `at` finds, as comparable tuples.
    fn found(t: &PhraseTable, layer: &TextLayer, i: usize, clitics: bool) -> Vec<(String, usize, usize, usize)> {
        t.at(layer, i, clitics).iter().map(|h| (h.phrase.words.join(" "), h.end, h.proclitic, h.suffix)).collect()
    }

    /// The same lookup with the string splits and no filter.
    fn found_by_strings(
        t: &PhraseTable,
        layer: &TextLayer,
        i: usize,
        clitics: bool,
    ) -> Vec<(String, usize, usize, usize)> {
        let Some(tok) = layer.tokens.get(i).filter(|t| t.is_word()) else { return vec![] };
        let mut hits = Vec::new();
        for (p, key, suffix) in splits_by_strings(tok.text(&layer.norm), clitics, t.allow_suffix) {
            for &id in t.by_first.get(&key).into_iter().flatten() {
                let ph = &t.phrases[id];
                if suffix > 0 && ph.words.len() > 1 {
                    continue;
                }
                if let Some((end, suf)) = t.rest_matches(layer, i, ph) {
                    let suffix = if ph.words.len() == 1 { suffix } else { suf };
                    hits.push((ph, end, p, suffix));
                }
            }
        }
        hits.sort_by_key(|&(_, end, p, suffix)| std::cmp::Reverse((end, suffix == 0, p == 0)));
        hits.into_iter().map(|(ph, end, p, suffix)| (ph.words.join(" "), end, p, suffix)).collect()
    }

    const TABLE: &str = "form\tkind\tvalue\n\
        قال\treport_verb\t\n\
        أعلن\treport_verb\t\n\
        أعلنت\treport_verb\t\n\
        إعلان\treport_noun\t\n\
        بحسب\taccording\t\n\
        وفق\taccording\t\n\
        نقلا عن\taccording\t\n\
        ألقي القبض على\tarrested\tverb\n\
        مقاتل\tfighters\t\n\
        سجن\tfacility\t\n\
        عن\taffiliation\t\n";

    #[test]
    fn packed_splits_find_what_string_splits_find() {
        let texts = [
            "وقال المتحدث إن القوات ألقت القبض على عشرة، وأعلنت الوزارة ذلك بحسب بيانها.",
            "وبحسب إعلانه فقد ألقي القبض عليهم وعلى مقاتليه ومقاتلهم في سجنها، نقلا عنه.",
            "فقالوا لهم: \"ألقي **القبض** على مقاتلين\" وفقا لما نقلته الوكالة عن مصادرها.",
            "ولإعلانهما وبإعلانها وكإعلانكم فلقال وقالها قالهما قا و ب بب ال.",
            "Reuters قال AFP 2024 ١٢ % ، \" ...",
        ];
        for allow_suffix in [true, false] {
            let t = PhraseTable::parse(TABLE, allow_suffix);
            for text in texts {
                let layer = TextLayer::new(text);
                for i in 0..=layer.tokens.len() {
                    for clitics in [true, false] {
                        assert_eq!(
                            found(&t, &layer, i, clitics),
                            found_by_strings(&t, &layer, i, clitics),
                            "token {i} of {text:?} (clitics {clitics}, suffixes {allow_suffix})"
                        );
                    }
                }
            }
        }
    }

    /// A table of some kinds finds, at every token, the hits of the whole table of those kinds.
    #[test]
    fn a_table_of_some_kinds_keeps_their_hits_in_order() {
        let whole = PhraseTable::parse(TABLE, true);
        let text = "وقال إن مقاتليه نقلا عن إعلانه ألقي القبض على مقاتل في سجن، بحسب الوكالة";
        let layer = TextLayer::new(text);
        for kinds in [&["report_verb"][..], &["according", "arrested"], &["fighters", "report_noun", "facility"]] {
            let part = whole.only(kinds);
            assert!(part.phrases().iter().all(|p| kinds.contains(&p.kind.as_str())));
            for i in 0..layer.tokens.len() {
                for clitics in [true, false] {
                    let mut expected = found(&whole, &layer, i, clitics);
                    let kind_of = |words: &str| {
                        whole.phrases().iter().find(|p| p.words.join(" ") == words).map(|p| p.kind.clone())
                    };
                    expected.retain(|h| kind_of(&h.0).is_some_and(|k| kinds.contains(&k.as_str())));
                    assert_eq!(found(&part, &layer, i, clitics), expected, "token {i}, kinds {kinds:?}");
                }
            }
        }
    }

    #[test]
    fn tail_holds_the_last_bytes_highest() {
        for w in ["", "ه", "هم", "قال", "مقاتليهم", "x", "abcdefghij"] {
            let b = w.as_bytes();
            let mut padded = [0u8; 8];
            let n = b.len().min(8);
            padded[8 - n..].copy_from_slice(&b[b.len() - n..]);
            assert_eq!(tail(w), u64::from_le_bytes(padded), "{w}");
        }
        assert_eq!(tail("مقاتليهم") & tail_mask("هم".len()), tail("هم"));
    }

    #[test]
    fn no_phrase_starts_where_the_gate_says_none_can() {
        let t = PhraseTable::parse(TABLE, true);
        let text = "وقال إن مقاتليه نقلا عن إعلانه ألقي القبض على مقاتل في سجن، بحسب الوكالة وبإعلانهم";
        let layer = TextLayer::new(text);
        let mut gated = 0;
        for i in 0..=layer.tokens.len() {
            if !t.may_start(&layer, i) {
                gated += 1;
                assert!(t.at(&layer, i, true).is_empty(), "token {i}");
            }
        }
        assert!(gated >= 4, "only {gated} tokens gated");
    }

    #[test]
    fn clitics_and_suffixes_are_split_off() {
        let t = PhraseTable::parse(TABLE, true);
        let layer = TextLayer::new("وبإعلانه قال");
        let hits = found(&t, &layer, 0, true);
        assert_eq!(hits, vec![("اعلان".to_string(), 1, "وب".len(), "ه".len())]);
        assert!(found(&t, &layer, 0, false).is_empty(), "no proclitic without clitics");
        let t = PhraseTable::parse(TABLE, false);
        assert!(found(&t, &layer, 0, true).is_empty(), "no suffix where the table allows none");
    }
}
