//! Word lists of the extraction stage (months, hedges, predicates, reporting verbs, ...) as
//! phrase tables over tokens.
//!
//! Design decision: every list is a TSV file under `data/` with columns `form, kind, value`,
//! embedded in the binary and compiled once into a dictionary of [`marsad_text::dict`]. A
//! table is typed by its kind enum ([`PhraseKind`], the enums of [`crate::tables`]): its
//! labels are checked at load, and code compares kinds the compiler knows. A
//! lookup at a token finds every phrase that starts in it, clitic-aware by the engine's one
//! grammar: a phrase may carry a conjunction or preposition on its first word (وقتل، بحسب; ل
//! contracts with the article a phrase is listed with: للقتلى) and, when the table allows it, a pronoun
//! suffix on its last word (قتلهم، إعلانه). Emphasis marks of copied web text (`**القبض**`)
//! between the words are passed over.

use std::fmt::Debug;
use std::hash::Hash;

use marsad_text::dict::{Builder, Clitics, Dict, Endings, Gap, Match};
use marsad_text::normalize::normalize_str;
use marsad_text::{TextLayer, TokenKind};
use rustc_hash::FxHashMap;
use serde::de::{value::StrDeserializer, DeserializeOwned, IntoDeserializer};

/// The kinds of the rows of one phrase table: a closed set of labels, each the serde name of a
/// variant, so a label the enum lacks fails the table's load instead of never matching.
pub trait PhraseKind: Copy + Eq + Hash + Debug + DeserializeOwned + 'static {
    /// What the `value` column holds for the table's rows.
    type Value: Clone + Debug;

    /// The value of a row of this kind from its label; `None` when this kind takes no such
    /// value.
    fn value(self, label: &str) -> Option<Self::Value>;
}

/// A label read as the serde name of a variant of `T`, or serde's message why it is none.
pub fn label<T: DeserializeOwned>(label: &str) -> Result<T, String> {
    let de: StrDeserializer<'_, serde::de::value::Error> = label.into_deserializer();
    T::deserialize(de).map_err(|e| e.to_string())
}

/// Why a phrase table does not load; every error names the file and the line.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("{file}: no header line (form, kind, value)")]
    NoHeader { file: String },
    #[error("{file}:{line}: the header is {found:?}, not form, kind, value")]
    Header { file: String, line: usize, found: String },
    #[error("{file}:{line}: {count} columns, not 3 (form, kind, value)")]
    Columns { file: String, line: usize, count: usize },
    #[error("{file}:{line}: the form {form:?} has no word")]
    NoWords { file: String, line: usize, form: String },
    #[error("{file}:{line}: unknown kind {label:?}: {reason}")]
    UnknownKind { file: String, line: usize, label: String, reason: String },
    #[error("{file}:{line}: a phrase of kind {kind} takes no value {label:?}")]
    UnknownValue { file: String, line: usize, kind: String, label: String },
    #[error("{file}:{line}: {form:?} of kind {kind} with its value repeats line {first}")]
    Duplicate { file: String, line: usize, form: String, kind: String, first: usize },
}

/// One data row of a `form\tkind\tvalue` table, typed.
#[derive(Clone, Debug)]
pub struct Row<K: PhraseKind> {
    /// Line number in its file (from 1).
    pub line: usize,
    /// The form as written (trimmed).
    pub form: String,
    /// The form normalized, split into words (never empty).
    pub words: Vec<String>,
    pub kind: K,
    pub value: K::Value,
}

/// The rows of a `form\tkind\tvalue` TSV (`#` comment lines and blank lines skipped, the first
/// other line the header). Unknown kinds and values, rows of other than three columns, forms
/// with no word and a row that repeats another (the same normalized words, kind and value) are
/// errors naming `file` and the line. The same words of one kind with two values are two
/// readings of one spelling (قتل a verb and a verbal noun), not a repeat.
pub fn read_rows<K: PhraseKind>(file: &str, tsv: &str) -> Result<Vec<Row<K>>, TableError> {
    let mut rows: Vec<Row<K>> = Vec::new();
    let mut seen: FxHashMap<(Vec<String>, K, String), usize> = FxHashMap::default();
    let mut header_seen = false;
    for (n, line) in tsv.lines().enumerate() {
        let line_no = n + 1;
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !header_seen {
            header_seen = true;
            if cols != ["form", "kind", "value"] {
                return Err(TableError::Header { file: file.into(), line: line_no, found: line.into() });
            }
            continue;
        }
        let &[form, kind, value] = cols.as_slice() else {
            return Err(TableError::Columns { file: file.into(), line: line_no, count: cols.len() });
        };
        let kind: K = label(kind).map_err(|reason| TableError::UnknownKind {
            file: file.into(),
            line: line_no,
            label: kind.into(),
            reason,
        })?;
        let Some(value_of) = kind.value(value) else {
            return Err(TableError::UnknownValue {
                file: file.into(),
                line: line_no,
                kind: format!("{kind:?}"),
                label: value.into(),
            });
        };
        let row = Row::new(file, line_no, form, kind, value_of)?;
        let key = (row.words.clone(), kind, value.to_string());
        if let Some(&first) = seen.get(&key) {
            return Err(TableError::Duplicate {
                file: file.into(),
                line: line_no,
                form: form.into(),
                kind: format!("{kind:?}"),
                first,
            });
        }
        seen.insert(key, line_no);
        rows.push(row);
    }
    if !header_seen {
        return Err(TableError::NoHeader { file: file.into() });
    }
    Ok(rows)
}

impl<K: PhraseKind> Row<K> {
    /// A row of `form` (normalized and split into words); `file` and `line` name it in the
    /// error if the form has no word.
    pub fn new(file: &str, line: usize, form: &str, kind: K, value: K::Value) -> Result<Row<K>, TableError> {
        let words: Vec<String> = normalize_str(form).split_whitespace().map(String::from).collect();
        if words.is_empty() {
            return Err(TableError::NoWords { file: file.into(), line, form: form.into() });
        }
        Ok(Row { line, form: form.into(), words, kind, value })
    }
}

/// One line of a phrase table.
#[derive(Clone, Debug)]
pub struct Phrase<K: PhraseKind> {
    pub words: Vec<String>,
    pub kind: K,
    pub value: K::Value,
}

/// A phrase found at a token.
#[derive(Debug)]
pub struct Hit<'t, K: PhraseKind> {
    pub phrase: &'t Phrase<K>,
    /// First token and one past the last.
    pub start: usize,
    pub end: usize,
    /// Byte length (normalized) of the proclitic on the first word.
    pub proclitic: usize,
    /// The phrase's article is written contracted after a ل of the proclitic (لليوم for ل +
    /// اليوم): that ل is the article's too.
    pub elided: bool,
    /// Byte length (normalized) of the pronoun suffix on the last word.
    pub suffix: usize,
}

// By hand: a derive would ask `K::Value: Copy` of a hit that only holds a reference.
impl<K: PhraseKind> Clone for Hit<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: PhraseKind> Copy for Hit<'_, K> {}

#[derive(Debug)]
pub struct PhraseTable<K: PhraseKind> {
    phrases: Vec<Phrase<K>>,
    /// Per phrase: whether its leading ال, if any, is written as an article in the table (not
    /// a hamza and lam: ألقي القبض).
    articles: Vec<bool>,
    /// The phrases, each with its index.
    dict: Dict<u32>,
    /// Whether a phrase's last word may carry a pronoun suffix.
    allow_suffix: bool,
}

impl<K: PhraseKind> PhraseTable<K> {
    /// Parse a `form\tkind\tvalue` TSV named `file` (see [`read_rows`]).
    pub fn parse(file: &str, tsv: &str, allow_suffix: bool) -> Result<PhraseTable<K>, TableError> {
        Ok(PhraseTable::from_rows(read_rows(file, tsv)?, allow_suffix))
    }

    /// The table of these rows, in their order.
    pub fn from_rows(rows: impl IntoIterator<Item = Row<K>>, allow_suffix: bool) -> PhraseTable<K> {
        let (phrases, articles) = rows
            .into_iter()
            .map(|r| {
                let article = r.form.starts_with("ال");
                (Phrase { words: r.words, kind: r.kind, value: r.value }, article)
            })
            .unzip();
        PhraseTable::new(phrases, articles, allow_suffix)
    }

    fn new(phrases: Vec<Phrase<K>>, articles: Vec<bool>, allow_suffix: bool) -> PhraseTable<K> {
        // The conjunctions and prepositions on the first word; a pronoun suffix on the last.
        let endings = if allow_suffix { Endings::PRONOUN } else { Endings::NONE };
        let mut dict = Builder::new(Gap::Emphasis);
        for (i, (ph, &own_article)) in phrases.iter().zip(&articles).enumerate() {
            let clitics = Clitics { endings, own_article, ..Clitics::PROCLITICS };
            dict.add(&ph.words.join(" "), clitics, u32::try_from(i).expect("fewer than 2^32 phrases"));
        }
        PhraseTable { phrases, articles, dict: dict.build(), allow_suffix }
    }

    /// The table of the phrases of the given kinds only. Its hits at a token are the hits of
    /// this table of those kinds, in the same order (the phrases keep their relative order), found
    /// without walking the phrases of other kinds.
    pub fn only(&self, kinds: &[K]) -> PhraseTable<K> {
        let (phrases, articles) = self
            .phrases
            .iter()
            .zip(&self.articles)
            .filter(|(p, _)| kinds.contains(&p.kind))
            .map(|(p, &a)| (p.clone(), a))
            .unzip();
        PhraseTable::new(phrases, articles, self.allow_suffix)
    }

    pub fn phrases(&self) -> &[Phrase<K>] {
        &self.phrases
    }

    /// The word token `i`, if it may start a phrase (a word of Arabic or another script).
    #[inline]
    fn word(layer: &TextLayer, i: usize) -> Option<(usize, usize)> {
        let t = layer.tokens.get(i)?;
        matches!(t.kind, TokenKind::Word | TokenKind::Latin).then_some((t.norm.start, t.norm.end))
    }

    /// False when no phrase can start at token `i` ([`PhraseTable::at`] finds nothing there): a
    /// cheap test, for callers that gate a scan first.
    #[inline]
    pub fn may_start(&self, layer: &TextLayer, i: usize) -> bool {
        Self::word(layer, i).is_some_and(|(ws, we)| self.dict.may_start_at(&layer.norm.text, ws, we))
    }

    /// Every phrase starting at token `i`, longest first. With `clitics`, the first word may
    /// carry a proclitic sequence.
    pub fn at<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool) -> Vec<Hit<'t, K>> {
        let mut out = Vec::new();
        self.each_at(layer, i, clitics, |h| out.push(h));
        if out.len() > 1 {
            // Stable: the engine reports the readings with fewer proclitics first.
            out.sort_by_key(Self::rank);
        }
        out
    }

    /// The order of [`PhraseTable::at`]: longest first, then without a suffix, then without a
    /// proclitic.
    fn rank(h: &Hit<'_, K>) -> std::cmp::Reverse<(usize, bool, bool)> {
        std::cmp::Reverse((h.end, h.suffix == 0, h.proclitic == 0))
    }

    /// The first hit in the order of [`PhraseTable::at`] that `keep` accepts, without collecting
    /// and sorting them: a later hit replaces the best so far only when it ranks strictly
    /// before it, where the stable sort would put it.
    fn first_at<'t>(
        &'t self,
        layer: &TextLayer,
        i: usize,
        clitics: bool,
        keep: impl Fn(&Hit<'t, K>) -> bool,
    ) -> Option<Hit<'t, K>> {
        let mut best: Option<Hit<'t, K>> = None;
        self.each_at(layer, i, clitics, |h| {
            if keep(&h) && best.as_ref().is_none_or(|b| Self::rank(&h) < Self::rank(b)) {
                best = Some(h);
            }
        });
        best
    }

    /// Every phrase starting at token `i`, in the order the dictionary finds them.
    fn each_at<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool, mut f: impl FnMut(Hit<'t, K>)) {
        let Some((ws, we)) = Self::word(layer, i) else { return };
        let text = layer.norm.text.as_str();
        let mut push = |m: Match<'_, u32>| {
            // The token after the last one the phrase covers.
            let tokens = &layer.tokens;
            let mut last = i;
            while tokens.get(last + 1).is_some_and(|t| t.norm.start < m.end) {
                last += 1;
            }
            f(Hit {
                phrase: &self.phrases[*m.value as usize],
                start: i,
                end: last + 1,
                proclitic: m.prefix_end - m.word_start,
                elided: m.elided,
                suffix: m.word_end - m.end,
            });
        };
        if clitics {
            self.dict.at(text, ws, we, &mut push);
        } else {
            self.dict.at_whole(text, ws, we, &mut push);
        }
    }

    /// The longest phrase at `i`, if any.
    pub fn longest<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool) -> Option<Hit<'t, K>> {
        self.first_at(layer, i, clitics, |_| true)
    }

    /// The longest phrase of a given kind at `i`.
    pub fn kind_at<'t>(&'t self, layer: &TextLayer, i: usize, clitics: bool, kind: K) -> Option<Hit<'t, K>> {
        self.first_at(layer, i, clitics, |h| h.phrase.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_text::clitics::{is_proclitic_seq, is_pronoun_suffix};
    use serde::Deserialize;

    /// The kinds of the test table.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum TestKind {
        ReportVerb,
        ReportNoun,
        According,
        Arrested,
        Fighters,
        Killed,
        Title,
        Displaced,
        Facility,
        Affiliation,
    }

    impl PhraseKind for TestKind {
        type Value = String;

        /// Any value but `bad`.
        fn value(self, label: &str) -> Option<String> {
            (label != "bad").then(|| label.to_string())
        }
    }

    type Table = PhraseTable<TestKind>;

    fn table(allow_suffix: bool) -> Table {
        Table::parse("test.tsv", TABLE, allow_suffix).expect("the test table parses")
    }

    /// The readings of a first word by strings: `(proclitic bytes, the phrase's first word as it
    /// must follow them, with its article's alef or alef and lam dropped after ل)`.
    fn heads(first: &str, clitics: bool) -> Vec<(usize, usize)> {
        let mut out = vec![(0, 0)];
        if clitics {
            for (b, _) in first.char_indices().skip(1).take(3) {
                if is_proclitic_seq(&first[..b]) {
                    out.push((b, 0));
                    // ل + a phrase's own article: للقتلى for ل + القتلى, للاجئين for ل + اللاجئين.
                    if first[..b].ends_with('ل') {
                        out.push((b, "ا".len()));
                        out.push((b, "ال".len()));
                    }
                }
            }
        }
        out
    }

    /// The hits at token `i` by string comparison of the tokens: a phrase's first word is the
    /// rest of the token after a proclitic (and, for a phrase of one word, before a pronoun
    /// suffix on a stem of two letters or more), its other words the next word tokens (emphasis
    /// marks passed over), the last of them possibly with a pronoun suffix.
    fn found_by_strings(t: &Table, layer: &TextLayer, i: usize, clitics: bool) -> Vec<(String, usize, usize, usize)> {
        let Some(tok) = layer.tokens.get(i).filter(|t| t.is_word()) else { return vec![] };
        let first = tok.text(&layer.norm);
        let mut hits = Vec::new();
        for (p, drop) in heads(first, clitics) {
            let head = &first[p..];
            for (ph, &own) in t.phrases.iter().zip(&t.articles) {
                let w0 = &ph.words[0];
                if drop > 0 && (!own || !w0.starts_with("ال") || !w0[drop..].starts_with('ل')) {
                    continue;
                }
                let w0 = &w0[drop..];
                let single = ph.words.len() == 1;
                let suffix = if head == w0 {
                    0
                } else if let Some(s) = head
                    .strip_prefix(w0)
                    .filter(|s| single && t.allow_suffix && is_pronoun_suffix(s) && ph.words[0].chars().count() >= 2)
                {
                    s.len()
                } else {
                    continue;
                };
                let mut at = i + 1;
                let mut suf = suffix;
                let mut ok = true;
                for (k, w) in ph.words.iter().enumerate().skip(1) {
                    while layer
                        .tokens
                        .get(at)
                        .is_some_and(|x| x.kind == TokenKind::Punct && matches!(x.text(&layer.norm), "*" | "_"))
                    {
                        at += 1;
                    }
                    let Some(x) = layer.tokens.get(at).filter(|x| x.is_word()) else {
                        ok = false;
                        break;
                    };
                    let s = x.text(&layer.norm);
                    at += 1;
                    let last = k + 1 == ph.words.len();
                    match s.strip_prefix(w.as_str()) {
                        Some("") => {}
                        Some(x) if last && t.allow_suffix && is_pronoun_suffix(x) => suf = x.len(),
                        _ => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    hits.push((ph, at, p, suf));
                }
            }
        }
        hits.sort_by_key(|&(_, end, p, suffix)| std::cmp::Reverse((end, suffix == 0, p == 0)));
        let mut out: Vec<(String, usize, usize, usize)> =
            hits.into_iter().map(|(ph, end, p, suffix)| (ph.words.join(" "), end, p, suffix)).collect();
        out.dedup();
        out
    }

    /// The phrases `at` finds, as comparable tuples.
    fn found(t: &Table, layer: &TextLayer, i: usize, clitics: bool) -> Vec<(String, usize, usize, usize)> {
        t.at(layer, i, clitics).iter().map(|h| (h.phrase.words.join(" "), h.end, h.proclitic, h.suffix)).collect()
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
        القتلى\tkilled\t\n\
        ألقاب\ttitle\t\n\
        اللاجئين\tdisplaced\t\n\
        سجن\tfacility\t\n\
        عن\taffiliation\t\n\
        ب\taffiliation\t\n";

    #[test]
    fn hits_are_those_of_a_string_comparison_of_the_tokens() {
        let texts = [
            "وقال المتحدث إن القوات ألقت القبض على عشرة، وأعلنت الوزارة ذلك بحسب بيانها.",
            "وبحسب إعلانه فقد ألقي القبض عليهم وعلى مقاتليه ومقاتلهم في سجنها، نقلا عنه.",
            "فقالوا لهم: \"ألقي **القبض** على مقاتلين\" وفقا لما نقلته الوكالة عن مصادرها.",
            "ولإعلانهما وبإعلانها وكإعلانكم فلقال وقالها قالهما قا و ب بب ال به وب.",
            "للقتلى وللاجئين واللاجئين بالقتلى لالقتلى للقتلاهم نقلا\nعن ألقي  القبض على",
            "Reuters قال AFP 2024 ١٢ % ، \" ...",
        ];
        let mut n = 0;
        for allow_suffix in [true, false] {
            let t = table(allow_suffix);
            for text in texts {
                let layer = TextLayer::new(text);
                for i in 0..=layer.tokens.len() {
                    for clitics in [true, false] {
                        let hits = found(&t, &layer, i, clitics);
                        assert_eq!(
                            hits,
                            found_by_strings(&t, &layer, i, clitics),
                            "token {i} of {text:?} (clitics {clitics}, suffixes {allow_suffix})"
                        );
                        n += hits.len();
                    }
                }
            }
        }
        assert!(n > 60, "{n}");
    }

    /// A table of some kinds finds, at every token, the hits of the whole table of those kinds.
    #[test]
    fn a_table_of_some_kinds_keeps_their_hits_in_order() {
        let whole = table(true);
        let text = "وقال إن مقاتليه نقلا عن إعلانه ألقي القبض على مقاتل في سجن، بحسب الوكالة";
        let layer = TextLayer::new(text);
        use TestKind::*;
        for kinds in [&[ReportVerb][..], &[According, Arrested], &[Fighters, ReportNoun, Facility]] {
            let part = whole.only(kinds);
            assert!(part.phrases().iter().all(|p| kinds.contains(&p.kind)));
            for i in 0..layer.tokens.len() {
                for clitics in [true, false] {
                    let mut expected = found(&whole, &layer, i, clitics);
                    let kind_of =
                        |words: &str| whole.phrases().iter().find(|p| p.words.join(" ") == words).map(|p| p.kind);
                    expected.retain(|h| kind_of(&h.0).is_some_and(|k| kinds.contains(&k)));
                    assert_eq!(found(&part, &layer, i, clitics), expected, "token {i}, kinds {kinds:?}");
                }
            }
        }
    }

    #[test]
    fn no_phrase_starts_where_the_gate_says_none_can() {
        let t = table(true);
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
        let t = table(true);
        let layer = TextLayer::new("وبإعلانه قال");
        let hits = found(&t, &layer, 0, true);
        assert_eq!(hits, vec![("اعلان".to_string(), 1, "وب".len(), "ه".len())]);
        assert!(found(&t, &layer, 0, false).is_empty(), "no proclitic without clitics");
        // ل + the phrase's own article: للقتلى.
        let layer = TextLayer::new("وللقتلى");
        assert_eq!(found(&t, &layer, 0, true), vec![("القتلي".to_string(), 1, "ول".len(), 0)]);
        let t = table(false);
        let layer = TextLayer::new("وبإعلانه قال");
        assert!(found(&t, &layer, 0, true).is_empty(), "no suffix where the table allows none");
    }

    /// A table that names a kind its enum lacks, a value its kind does not take, repeats a
    /// phrase of a kind, or has a row of other than three columns does not load, and the error
    /// names the file, the line and the label.
    #[test]
    fn bad_rows_are_errors_naming_the_file_and_line() {
        let err = |tsv: &str| Table::parse("t.tsv", tsv, true).expect_err(tsv).to_string();
        let e = err("# note\nform\tkind\tvalue\nقال\treport_verb\t\nأعلن\treport_verbs\t\n");
        assert!(e.starts_with("t.tsv:4: unknown kind \"report_verbs\""), "{e}");
        let e = err("form\tkind\tvalue\nقال\treport_verb\tbad\n");
        assert!(e.starts_with("t.tsv:2: a phrase of kind ReportVerb takes no value \"bad\""), "{e}");
        // أعلنت and اعلنت normalize alike: the same phrase of the same kind twice.
        let e = err("form\tkind\tvalue\nأعلنت\treport_verb\tx\nقال\tkilled\t\nاعلنت\treport_verb\tx\n");
        assert!(e.starts_with("t.tsv:4: \"اعلنت\" of kind ReportVerb with its value repeats line 2"), "{e}");
        let e = err("form\tkind\tvalue\nقال\treport_verb\n");
        assert!(e.starts_with("t.tsv:2: 2 columns"), "{e}");
        let e = err("form\tkind\tvalue\nـ\treport_verb\t\n");
        assert!(e.starts_with("t.tsv:2: the form"), "{e}");
        let e = err("form\tkind\nقال\treport_verb\n");
        assert!(e.starts_with("t.tsv:1: the header"), "{e}");
        // The same words under two kinds, or of one kind with two values, are two phrases.
        let tsv = "form\tkind\tvalue\nقتل\tkilled\tverb\nقتل\treport_verb\tverb\nقتل\tkilled\tmasdar\n";
        let t = Table::parse("t.tsv", tsv, true).unwrap();
        assert_eq!(t.phrases().len(), 3);
    }
}
