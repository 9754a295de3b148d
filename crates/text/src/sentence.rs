//! Sentence splitting over tokens.
//!
//! Design decisions:
//! - A line break always ends a sentence: news text puts headlines, datelines and bylines on
//!   lines of their own, and paragraphs are lines. The splitter works line by line, and all
//!   state (open quotes, brackets) is reset at a line end, so a stray quote mark cannot
//!   swallow the rest of the document and one pass stays linear in the number of tokens.
//!   Within a [`crate::TextLayer`] the tokenizer hands over the line ends it saw while skipping
//!   spaces; [`split_sentences`] on its own finds them in the gaps between tokens.
//! - Within a line, quotes and brackets are paired first (`«…»`, `“…”`, `"…"`, `(…)`,
//!   `[…]`); a terminal inside a pair does not end the sentence, so quoted speech, even of
//!   several sentences, stays whole inside the sentence that introduces it. A quote or
//!   bracket that never closes on its line is ignored. [`quotations`] gives the pairs.
//! - A sentence ends at `. ! ? ؟ ۔` and at an ellipsis written against the previous word
//!   (`انتهى الأمر… وبدأ`); a free-standing ` … ` is a pause. A dot does not end a sentence
//!   inside a number (the tokenizer keeps `3.5` whole), after a one-letter word (`د.` `م.`
//!   `U.S.`) or after a listed Latin abbreviation (`data/sentence.toml`).
//! - Datelines: a line start like `الحسكة (سوريا) -` is a sentence of its own of kind
//!   [`SentenceKind::Dateline`], as is a line of only numbers, punctuation and date words
//!   (`2022.01.25 - 12:32`, `الجمعة، ٢٨ يناير ٢٠٢٢`) and a byline (`كتبه فلان | 23 يناير،
//!   2022`). A short line without a final full stop is a [`SentenceKind::Headline`] (when it
//!   is one sentence), and an ellipsis does not split it (`وصول التعزيزات.. ما الهدف؟`).

use crate::normalize::normalize_str;
use crate::tokenize::is_line_break;
use crate::{Normalized, Token, TokenKind};
use marsad_core::{Sentence, SentenceKind, Span};
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::sync::OnceLock;

/// Longest line (in word tokens) read as a headline.
const HEADLINE_MAX_WORDS: usize = 25;
/// Longest place-name part of a dateline prefix, in words, before and inside brackets.
const DATELINE_MAX_WORDS: usize = 4;

#[derive(Deserialize)]
struct Lists {
    latin_abbreviations: Vec<String>,
    byline_words: Vec<String>,
    date_words: Vec<String>,
}

struct Data {
    // Short keys, looked up once per short line: a cheap hash.
    abbreviations: FxHashSet<String>,
    byline: FxHashSet<String>,
    date: FxHashSet<String>,
}

fn data() -> &'static Data {
    static D: OnceLock<Data> = OnceLock::new();
    D.get_or_init(|| {
        let lists: Lists =
            toml::from_str(include_str!("../data/sentence.toml")).expect("embedded data/sentence.toml is valid");
        Data {
            abbreviations: lists.latin_abbreviations.iter().map(|s| normalize_str(s)).collect(),
            byline: lists.byline_words.iter().map(|s| normalize_str(s)).collect(),
            date: lists.date_words.iter().map(|s| normalize_str(s)).collect(),
        }
    })
}

/// What a punctuation token does to pairing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bracket {
    /// `«` `(` `[`: opens; the value is the closing character.
    Open(char),
    /// `»` `)` `]`
    Close(char),
    /// `"` `“` `”` `„`: opens or closes, whichever fits.
    Toggle,
}

fn bracket(text: &str, t: &Token) -> Option<Bracket> {
    if t.kind != TokenKind::Punct {
        return None;
    }
    match text[t.span.range()].chars().next()? {
        '«' => Some(Bracket::Open('»')),
        '(' => Some(Bracket::Open(')')),
        '[' => Some(Bracket::Open(']')),
        c @ ('»' | ')' | ']') => Some(Bracket::Close(c)),
        '"' | '“' | '”' | '„' | '″' => Some(Bracket::Toggle),
        _ => None,
    }
}

fn is_quote(text: &str, t: &Token) -> bool {
    matches!(text[t.span.range()].chars().next(), Some('«' | '»' | '"' | '“' | '”' | '„' | '″'))
}

/// Terminal punctuation of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Terminal {
    Stop,
    Ellipsis,
}

fn terminal(norm: &Normalized, t: &Token) -> Option<Terminal> {
    if t.kind != TokenKind::Punct {
        return None;
    }
    let s = t.text(norm);
    match s.as_bytes().first()? {
        b'.' if s.len() > 1 => Some(Terminal::Ellipsis),
        b'.' | b'!' | b'?' => Some(Terminal::Stop),
        _ => match s.chars().next()? {
            '…' => Some(Terminal::Ellipsis),
            '؟' | '۔' => Some(Terminal::Stop),
            _ => None,
        },
    }
}

fn is_dash(norm: &Normalized, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text(norm), "-" | "–" | "—" | "--")
}

/// Indices of the tokens after which a line ends, the last token aside: a line break (`\n`,
/// `\r`, U+2028, U+2029) lies in the gap between them and the next token.
fn line_ends<'a>(text: &'a str, tokens: &'a [Token]) -> impl Iterator<Item = usize> + 'a {
    let bytes = text.as_bytes();
    tokens.windows(2).enumerate().filter_map(move |(k, w)| {
        // A line break's first byte is never inside another character: no boundary check.
        (w[0].span.end..w[1].span.start).any(|i| is_line_break(bytes, i)).then_some(k)
    })
}

/// Open brackets tracked at once; beyond that the oldest is forgotten (keeps pairing linear).
const MAX_NESTING: usize = 16;

/// A punctuation token of a line, with what pairing found about it.
#[derive(Clone, Copy, Debug)]
struct Punct {
    /// Index of the token in its line.
    k: usize,
    bracket: Option<Bracket>,
    term: Option<Terminal>,
    /// Bracket nesting around the token (an opener or closer is outside its own pair).
    depth: i32,
    opens: bool,
    closes: bool,
}

/// Pair the brackets of one line (given by its punctuation tokens), properly nested; marks
/// openers, closers and the nesting depth of each punctuation token.
fn pair_brackets(puncts: &mut [Punct], pairs: &mut Vec<(usize, usize)>) {
    pairs.clear();
    let mut stack: [(usize, Bracket); MAX_NESTING] = [(0, Bracket::Toggle); MAX_NESTING];
    let mut top = 0;
    for (q, p) in puncts.iter().enumerate() {
        let Some(b) = p.bracket else { continue };
        let open = match b {
            Bracket::Open(_) => None,
            Bracket::Toggle => stack[..top].iter().rposition(|&(_, x)| x == Bracket::Toggle),
            Bracket::Close(c) => match stack[..top].iter().rposition(|&(_, x)| x == Bracket::Open(c)) {
                Some(at) => Some(at),
                None => continue,
            },
        };
        match open {
            // Close the innermost matching opener, dropping unclosed brackets inside it.
            Some(at) => {
                pairs.push((stack[at].0, q));
                top = at;
            }
            None => {
                // A full stack drops its oldest opener: unclosed brackets must not make later
                // ones pair across the line.
                if top == MAX_NESTING {
                    stack.copy_within(1.., 0);
                    top -= 1;
                }
                stack[top] = (q, b);
                top += 1;
            }
        }
    }
    for p in puncts.iter_mut() {
        p.depth = 0;
    }
    let n = puncts.len();
    for &(a, b) in pairs.iter() {
        puncts[a].opens = true;
        puncts[b].closes = true;
        if a + 1 < n {
            puncts[a + 1].depth += 1;
        }
        puncts[b].depth -= 1;
    }
    let mut d = 0;
    for p in puncts.iter_mut() {
        d += p.depth;
        p.depth = d;
    }
}

/// Call `f` with each line of the text (its tokens), its punctuation tokens and their
/// bracket pairs (indices into the punctuation tokens). `ends` are the indices of the tokens
/// that end a line, in order, the last token aside ([`line_ends`]).
fn for_each_line(
    text: &str,
    norm: &Normalized,
    tokens: &[Token],
    ends: impl IntoIterator<Item = usize>,
    mut f: impl FnMut(&[Token], &[Punct], &[(usize, usize)]),
) {
    let Some(last) = tokens.len().checked_sub(1) else { return };
    let mut puncts: Vec<Punct> = Vec::new();
    let mut pairs = Vec::new();
    let mut start = 0;
    for end in ends.into_iter().chain(std::iter::once(last)) {
        let line = &tokens[start..=end];
        for (k, t) in line.iter().enumerate() {
            if t.kind == TokenKind::Punct {
                puncts.push(Punct {
                    k,
                    bracket: bracket(text, t),
                    term: terminal(norm, t),
                    depth: 0,
                    opens: false,
                    closes: false,
                });
            }
        }
        pair_brackets(&mut puncts, &mut pairs);
        f(line, &puncts, &pairs);
        puncts.clear();
        start = end + 1;
    }
}

/// Spans of quoted material (from the opening to the closing quote mark, both included), in
/// text order; each lies inside one sentence of [`split_sentences`].
pub fn quotations(text: &str, norm: &Normalized, tokens: &[Token]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for_each_line(text, norm, tokens, line_ends(text, tokens), |line, puncts, pairs| {
        let from = out.len();
        out.extend(
            pairs
                .iter()
                .map(|&(a, b)| (&line[puncts[a].k], &line[puncts[b].k]))
                .filter(|(a, _)| is_quote(text, a))
                .map(|(a, b)| Span::new(a.span.start, b.span.end)),
        );
        out[from..].sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    });
    out
}

/// Split into sentences. `text` is the original, `norm` and `tokens` its text layer.
pub fn split_sentences(text: &str, norm: &Normalized, tokens: &[Token]) -> Vec<Sentence> {
    split_lines(text, norm, tokens, line_ends(text, tokens))
}

/// [`split_sentences`] with the line ends known (as the tokenizer records them,
/// [`crate::tokenize::tokenize_lines`]).
pub(crate) fn split_lines(
    text: &str,
    norm: &Normalized,
    tokens: &[Token],
    ends: impl IntoIterator<Item = usize>,
) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(tokens.len() / 20 + 1);
    for_each_line(text, norm, tokens, ends, |line, puncts, _| split_line(text, norm, line, puncts, &mut out));
    out
}

fn split_line(text: &str, norm: &Normalized, line: &[Token], puncts: &[Punct], out: &mut Vec<Sentence>) {
    let span_of = |a: usize, b: usize| Span::new(line[a].span.start, line[b].span.end);
    if let Some(kind) = whole_line_kind(norm, line) {
        out.push(Sentence { span: span_of(0, line.len() - 1), kind });
        return;
    }
    let mut start = 0;
    if let Some(end) = dateline_prefix(text, norm, line) {
        out.push(Sentence { span: span_of(0, end), kind: SentenceKind::Dateline });
        start = end + 1;
    }
    let first_sentence = out.len();
    // A short line that does not end with a full stop may be a headline (titles end with `?`
    // or `!` too); an ellipsis inside or at the end of it (`… ..`) does not split it.
    let words = line.len() - puncts.len();
    let ends_with_period = puncts.last().is_some_and(|p| {
        p.k + 1 == line.len() && p.term == Some(Terminal::Stop) && matches!(line[p.k].text(norm), "." | "۔")
    });
    let headline_like =
        start == 0 && !ends_with_period && words <= HEADLINE_MAX_WORDS && line.iter().any(Token::is_word);
    // Only punctuation can end a sentence: walk the punctuation tokens; the tokens between two
    // of them are words, numbers or symbols, which give the sentence content.
    let mut content = false;
    let mut seen = start; // tokens before this one are accounted for
    let mut q = puncts.partition_point(|p| p.k < start);
    while q < puncts.len() {
        let p = puncts[q];
        if p.k > seen {
            content = true;
        }
        seen = p.k + 1;
        let ends = p.depth == 0
            && content
            && match p.term {
                Some(Terminal::Ellipsis) if headline_like => false,
                Some(term) => splits_here(norm, line, p.k, term),
                // `قال: "سنقاتل."` — the quote closes right after its own terminal.
                None => {
                    p.closes
                        && matches!(p.bracket, Some(Bracket::Close('»') | Bracket::Toggle))
                        && q > 0
                        && puncts[q - 1].k + 1 == p.k
                        && puncts[q - 1].term.is_some()
                }
            };
        if ends {
            // Closing marks attached to the terminal belong to this sentence.
            let mut e = p.k;
            while let Some(n) = puncts.get(q + 1) {
                let attached = n.k == e + 1 && line[n.k].span.start == line[e].span.end;
                let closer = matches!(n.bracket, Some(Bracket::Close(_) | Bracket::Toggle));
                if attached && closer && n.depth == 0 && !n.opens {
                    e = n.k;
                    q += 1;
                } else {
                    break;
                }
            }
            if e + 1 < line.len() {
                out.push(Sentence { span: span_of(start, e), kind: SentenceKind::Body });
                start = e + 1;
                seen = start;
                content = false;
            }
        }
        q += 1;
    }
    if start < line.len() {
        out.push(Sentence { span: span_of(start, line.len() - 1), kind: SentenceKind::Body });
    }
    // One sentence filling a short line without final stop: a headline.
    if headline_like && out.len() == first_sentence + 1 && start == 0 {
        out.last_mut().expect("pushed above").kind = SentenceKind::Headline;
    }
}

/// Whether terminal `term` at `line[k]` ends a sentence.
fn splits_here(norm: &Normalized, line: &[Token], k: usize, term: Terminal) -> bool {
    let t = &line[k];
    let prev = k.checked_sub(1).map(|p| &line[p]);
    let attached = prev.is_some_and(|p| p.span.end == t.span.start);
    match term {
        Terminal::Ellipsis => attached,
        Terminal::Stop => {
            if t.text(norm) != "." {
                return true;
            }
            let Some(p) = prev.filter(|_| attached) else { return true };
            let pt = p.text(norm);
            let one_letter = matches!(p.kind, TokenKind::Word | TokenKind::Latin) && pt.chars().count() == 1;
            let listed = p.kind == TokenKind::Latin && data().abbreviations.contains(&pt.to_ascii_lowercase());
            !(one_letter || listed)
        }
    }
}

/// Kind of a line that is a dateline or byline as a whole.
fn whole_line_kind(norm: &Normalized, line: &[Token]) -> Option<SentenceKind> {
    let last = line.last()?;
    if terminal(norm, last) == Some(Terminal::Stop) && last.text(norm) != "." {
        return None;
    }
    if line.len() > 30 {
        return None;
    }
    // `2022.01.25 - 12:32`: numbers and punctuation only.
    let numbers = line.iter().filter(|t| t.kind == TokenKind::Number).count();
    if numbers > 0 && line.len() <= 20 && line.iter().all(|t| matches!(t.kind, TokenKind::Number | TokenKind::Punct)) {
        return Some(SentenceKind::Dateline);
    }
    if terminal(norm, last).is_some() {
        return None;
    }
    let words = line.iter().filter(|t| t.is_word()).count();
    // `الجمعة، ٢٨ يناير ٢٠٢٢`: numbers, punctuation and date words only.
    if numbers > 0
        && line.len() <= 12
        && line.iter().all(|t| match t.kind {
            TokenKind::Number | TokenKind::Punct => true,
            TokenKind::Word | TokenKind::Latin => data().date.contains(t.text(norm)),
            _ => false,
        })
    {
        return Some(SentenceKind::Dateline);
    }
    let pipe = line.iter().rposition(|t| t.kind == TokenKind::Punct && t.text(norm) == "|");
    // `كتبه فلان | 23 يناير، 2022`, `بقلم: فلان`
    let byline = data().byline.contains(line[0].text(norm));
    if byline && (words <= 8 || pipe.is_some()) && line.len() <= 24 {
        return Some(SentenceKind::Dateline);
    }
    // `فلان | 23 يناير 2022`: a short name, a pipe, then a date with a year.
    if let Some(p) = pipe {
        let before = line[..p].iter().filter(|t| t.is_word()).count();
        let after = &line[p + 1..];
        let year = after.iter().any(|t| t.kind == TokenKind::Number && is_year(t.text(norm)));
        let after_words = after.iter().filter(|t| t.is_word()).count();
        if (1..=5).contains(&before) && year && after_words <= 3 {
            return Some(SentenceKind::Dateline);
        }
    }
    None
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) && matches!(&s[..2], "19" | "20" | "13" | "14")
}

/// A dateline at the start of a line: up to a few words, optionally followed by a bracketed
/// group (`(سوريا)`, `(رويترز)`) or a comma and a few words, then a dash with text after it.
/// Returns the index of the dash.
fn dateline_prefix(text: &str, norm: &Normalized, line: &[Token]) -> Option<usize> {
    let mut k = 0;
    let words = |k: &mut usize| {
        let s = *k;
        while *k < line.len() && line[*k].is_word() && *k - s < DATELINE_MAX_WORDS + 1 {
            *k += 1;
        }
        *k - s
    };
    let n = words(&mut k);
    if n == 0 || n > DATELINE_MAX_WORDS {
        return None;
    }
    for _ in 0..2 {
        match line.get(k).and_then(|t| bracket(text, t)) {
            Some(Bracket::Open(_)) => {
                k += 1;
                let inner = words(&mut k);
                if inner == 0
                    || inner > DATELINE_MAX_WORDS
                    || !matches!(line.get(k).and_then(|t| bracket(text, t)), Some(Bracket::Close(_)))
                {
                    return None;
                }
                k += 1;
            }
            _ if line.get(k).is_some_and(|t| t.kind == TokenKind::Punct && t.text(norm) == ",") => {
                k += 1;
                let inner = words(&mut k);
                if inner == 0 || inner > DATELINE_MAX_WORDS {
                    return None;
                }
            }
            _ => break,
        }
    }
    let dash = line.get(k)?;
    let next = line.get(k + 1)?;
    let spaced = next.span.start > dash.span.end && k > 0 && line[k - 1].span.end < dash.span.start;
    (is_dash(norm, dash) && spaced).then_some(k)
}

#[cfg(test)]
mod tests {
    use crate::TextLayer;
    use marsad_core::SentenceKind;

    fn sentences(text: &str) -> Vec<String> {
        let l = TextLayer::new(text);
        l.sentences.iter().map(|s| text[s.span.range()].to_string()).collect()
    }

    #[test]
    fn splits_on_arabic_and_latin_terminals_and_lines() {
        let s = sentences("عنوان الخبر\n\nقتل 3 أشخاص. وأصيب آخرون؟ نعم");
        assert_eq!(s, vec!["عنوان الخبر", "قتل 3 أشخاص.", "وأصيب آخرون؟", "نعم"]);
    }

    /// The text layer's sentences (line ends from the tokenizer) are those of
    /// `split_sentences` (line ends from the gaps between tokens).
    #[test]
    fn recorded_line_ends_split_as_the_gaps_do() {
        for text in crate::normalize::tests::mixed_texts() {
            let l = TextLayer::new(&text);
            assert_eq!(l.sentences, crate::split_sentences(&text, &l.norm, &l.tokens), "{text:?}");
        }
    }

    #[test]
    fn decimal_points_do_not_split() {
        assert_eq!(sentences("بلغت النسبة 3.5 بالمئة."), vec!["بلغت النسبة 3.5 بالمئة."]);
    }

    #[test]
    fn a_long_single_line_is_linear() {
        let line = "قال المتحدث \"إن القوات تقدمت. ثم انسحبت\" وأضاف (في بيان. ) أن د. فلان وصل… ".repeat(20_000);
        let start = std::time::Instant::now();
        let l = TextLayer::new(&line);
        assert!(l.sentences.len() >= 20_000);
        assert!(start.elapsed().as_secs() < 5);
        assert!(l.sentences.iter().all(|s| s.kind == SentenceKind::Body));
    }
}
