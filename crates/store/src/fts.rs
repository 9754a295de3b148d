//! Full-text search over normalized Arabic.
//!
//! SQLite's FTS5 tokenizers know nothing of Arabic orthography or clitics, so the text handed
//! to FTS5 is already ours: every word token of the marsad text layer, normalized (أ/إ/آ → ا,
//! ة → ه, diacritics and tatweel gone, digits ASCII), written twice — as the normalized word
//! (column `words`) and as its light stem with proclitics and the article stripped (column
//! `stems`). A query goes through the same normalizer and stemmer and matches on stems, so
//! `اقتحام` finds إقتحام، والاقتحام، باقتحام، للاقتحام. Snippets are cut from the ORIGINAL text:
//! the stored document is re-tokenized (tokens carry original byte spans) and the tokens whose
//! stem matches a query term are highlighted.

use marsad_core::Span;
use marsad_text::dict::{strip_proclitics, Clitics};
use marsad_text::{tokenize, Normalizer, TokenKind};

/// What the stemmer strips: the conjunctions, the prepositions and the article (ل + ال as لل),
/// by the grammar of `marsad_text::dict`.
const STRIPPED: Clitics = Clitics { article: true, ..Clitics::PROCLITICS };

/// Light stem of a normalized word: the longest run of proclitics the grammar allows (و ف ب ك
/// ل and the article) is removed, as long as at least three letters remain: stripping never
/// turns a three-letter word into a two-letter one. Suffixes are kept: stripping ه/ها would
/// collide with the normalized ta marbuta (مدينه).
pub fn stem(word: &str) -> &str {
    strip_proclitics(word, &STRIPPED, 3)
}

/// One indexable token: its normalized form and its span in the original text.
pub struct Term<'a> {
    pub word: &'a str,
    pub span: Span,
}

/// Whether FTS5's unicode61 tokenizer keeps `c` inside a token. Arabic letters and ASCII are
/// decided without the general Unicode tables, which are slow on this hot path.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '\u{0620}'..='\u{064A}') || (!c.is_ascii() && c.is_alphanumeric())
}

/// The normalized terms of a text (words, numbers, Latin words, hashtags without `#`).
pub fn terms(text: &str, mut f: impl FnMut(&str, Span)) {
    let norm = Normalizer::matching().normalize(text);
    for t in tokenize(&norm) {
        let word = match t.kind {
            TokenKind::Word | TokenKind::Number | TokenKind::Latin => t.text(&norm),
            TokenKind::Hashtag => t.text(&norm).trim_start_matches('#'),
            _ => continue,
        };
        // FTS5's own tokenizer splits on anything that is not a letter or digit; keep each of
        // our tokens one FTS5 token.
        if word.is_empty() || !word.chars().all(is_token_char) {
            continue;
        }
        f(word, t.span);
    }
}

/// The `words` and `stems` columns for a document, and its near-duplicate fingerprint, from
/// one pass of normalization.
pub fn index_columns(text: &str) -> (String, String, Option<u64>) {
    let mut words = String::with_capacity(text.len());
    let mut stems = String::with_capacity(text.len());
    let mut hashes = Vec::with_capacity(text.len() / 8);
    terms(text, |w, _| {
        words.push_str(w);
        words.push(' ');
        stems.push_str(stem(w));
        stems.push(' ');
        hashes.push(crate::simhash::word_hash(w));
    });
    (words, stems, crate::simhash::from_word_hashes(&hashes))
}

/// A parsed search query: groups of terms; a group of several is a phrase. Each term keeps
/// its normalized word and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub groups: Vec<Vec<(String, String)>>,
}

impl Parsed {
    /// Words outside double quotes are separate terms (all must match); words inside quotes
    /// form a phrase.
    pub fn new(query: &str) -> Parsed {
        let mut groups = Vec::new();
        for (i, part) in query.split('"').enumerate() {
            let mut found = Vec::new();
            terms(part, |w, _| found.push((w.to_owned(), stem(w).to_owned())));
            if i % 2 == 1 {
                if !found.is_empty() {
                    groups.push(found);
                }
            } else {
                groups.extend(found.into_iter().map(|t| vec![t]));
            }
        }
        Parsed { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The FTS5 MATCH expression: every group must match by stem; the same group as written
    /// (OR, which adds no document since a word's stem always matches) lifts exact forms in
    /// the BM25 ranking. Terms are letters and digits only, so quoting is safe.
    pub fn fts_expression(&self) -> String {
        let phrase = |g: &[(String, String)], stems: bool| -> String {
            g.iter().map(|(w, s)| if stems { s.as_str() } else { w.as_str() }).collect::<Vec<_>>().join(" ")
        };
        let groups: Vec<String> = self
            .groups
            .iter()
            .map(|g| format!("(stems : \"{}\" OR words : \"{}\")", phrase(g, true), phrase(g, false)))
            .collect();
        groups.join(" AND ")
    }

    fn has(&self, stem: &str) -> bool {
        self.groups.iter().flatten().any(|(_, s)| s == stem)
    }
}

/// A piece of the original text around the matches, with the matches marked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// Byte span of the snippet in the original text.
    pub span: Span,
    pub text: String,
    /// Byte spans of the matched words, relative to `text`.
    pub highlights: Vec<Span>,
}

impl Snippet {
    /// The snippet with every match wrapped in `open`/`close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.highlights.len() * 8);
        let mut at = 0;
        for h in &self.highlights {
            out.push_str(&self.text[at..h.start]);
            out.push_str(open);
            out.push_str(&self.text[h.range()]);
            out.push_str(close);
            at = h.end;
        }
        out.push_str(&self.text[at..]);
        out.replace('\n', " ")
    }
}

/// The window of `width` tokens holding the most matches, from the original text.
pub fn snippet(text: &str, query: &Parsed, width: usize) -> Snippet {
    let mut spans = Vec::new();
    let mut hit = Vec::new();
    terms(text, |w, span| {
        spans.push(span);
        hit.push(query.has(stem(w)));
    });
    if spans.is_empty() {
        return Snippet { span: Span::new(0, 0), text: String::new(), highlights: Vec::new() };
    }
    let width = width.max(1).min(spans.len());
    // Sliding window count: the first window with the most hits.
    let mut count = hit[..width].iter().filter(|&&h| h).count();
    let (mut best, mut best_start) = (count, 0);
    for start in 1..=spans.len() - width {
        count += hit[start + width - 1] as usize;
        count -= hit[start - 1] as usize;
        if count > best {
            best = count;
            best_start = start;
        }
    }
    // Start the window a few words before its first match, for context.
    let first_hit = (best_start..best_start + width).find(|&i| hit[i]).unwrap_or(best_start);
    let start = first_hit.saturating_sub(width / 4).min(spans.len() - width);
    let end = start + width - 1;
    let span = Span::new(spans[start].start, spans[end].end);
    let highlights = (start..=end)
        .filter(|&i| hit[i])
        .map(|i| Span::new(spans[i].start - span.start, spans[i].end - span.start))
        .collect();
    Snippet { span, text: text[span.range()].to_owned(), highlights }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_share_a_stem() {
        let norm = |w: &str| marsad_text::normalize::normalize_str(w);
        for w in ["اقتحام", "إقتحام", "والاقتحام", "باقتحام", "الاقتحام", "للاقتحام", "فبالاقتحام", "وللاقتحام"]
        {
            assert_eq!(stem(&norm(w)), "اقتحام", "{w}");
        }
    }

    #[test]
    fn short_words_are_not_stripped() {
        assert_eq!(stem("بحث"), "بحث");
        assert_eq!(stem("الله"), "الله");
        assert_eq!(stem("وصل"), "وصل");
        assert_eq!(stem("والله"), "الله");
        assert_eq!(stem("ولبنان"), stem("لبنان"));
    }

    #[test]
    fn query_terms_and_phrases() {
        let q = Parsed::new("الإقتحام \"سجن الحسكة\"");
        let t = |w: &str, s: &str| (w.to_owned(), s.to_owned());
        assert_eq!(q.groups, vec![vec![t("الاقتحام", "اقتحام")], vec![t("سجن", "سجن"), t("الحسكه", "حسكه")]]);
        assert_eq!(
            q.fts_expression(),
            "(stems : \"اقتحام\" OR words : \"الاقتحام\") AND (stems : \"سجن حسكه\" OR words : \"سجن الحسكه\")"
        );
        assert!(Parsed::new(" ، ").is_empty());
    }

    #[test]
    fn snippets_highlight_the_original_words() {
        let text = "بدأ الهجوم فجرا. ثم حاول المسلحون إقتحامَ السجن، وتواصل الاقتحام حتى المساء.";
        let s = snippet(text, &Parsed::new("اقتحام"), 8);
        let marked: Vec<&str> = s.highlights.iter().map(|h| &s.text[h.range()]).collect();
        assert_eq!(marked, vec!["إقتحامَ", "الاقتحام"]);
        assert_eq!(&text[s.span.range()], s.text);
        assert!(s.marked("[", "]").contains("[إقتحامَ]"));
    }
}
