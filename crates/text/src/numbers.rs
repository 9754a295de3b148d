//! Numbers in Arabic news text: digits in any script, number words, digits with a scale word
//! (`12 ألف`), and vague counts (عشرات، مئات، آلاف، بضعة، "العشرات وربما المئات").
//!
//! Design decision: numbers are read from the token stream, not with patterns over the text.
//! Number words come from `data/numbers.tsv`, compiled once into a table keyed by normalized
//! form; a compound (ثلاثة آلاف وخمسمائة) is read left to right by an accumulator that only
//! accepts a next word where Arabic grammar allows it (units before tens with و, a unit
//! before عشر, a count before a scale word). Anything else ends the number, so "ثلاثة وخمسة"
//! are two numbers, not eight. Every match carries the span of the original text it came
//! from and its value as an interval: exact figures have `lo == hi`, vague ones a range.

use crate::clitics::Conj;
use crate::dict::{Builder, Clitics, Dict, Gap, Preps};
use crate::{Normalized, TextLayer, Token, TokenKind};
use marsad_core::Span;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const NUMBERS_TSV: &str = include_str!("../data/numbers.tsv");

/// Grammatical class of a number word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Zero,
    Unit,
    /// أحد، اثنا: a unit only in front of عشر.
    UnitCompound,
    Ten,
    Tens,
    Hundred,
    Scale,
    ScaleDual,
    ScalePlural,
    Vague,
    Few,
    /// A word joining two vague counts into one range (وربما، بل، أو).
    Joiner,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "zero" => Class::Zero,
            "unit" => Class::Unit,
            "unit_compound" => Class::UnitCompound,
            "ten" => Class::Ten,
            "tens" => Class::Tens,
            "hundred" => Class::Hundred,
            "scale" => Class::Scale,
            "scale_dual" => Class::ScaleDual,
            "scale_plural" => Class::ScalePlural,
            "vague" => Class::Vague,
            "few" => Class::Few,
            "vague_joiner" => Class::Joiner,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    lo: u64,
    hi: u64,
    class: Class,
}

struct Table {
    by_form: FxHashMap<String, Entry>,
    /// The forms with the clitics a number word takes ([`NUMBER`], [`COUNT`]).
    words: Dict<Entry>,
    /// Canonical written form per (class, value), for [`to_words`].
    canon: FxHashMap<(u8, u64), String>,
    /// Words that join two vague counts into one range (وربما، بل، أو، إلى).
    vague_joiners: Vec<String>,
}

fn class_key(c: Class) -> u8 {
    c as u8
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut by_form = FxHashMap::default();
        let mut canon = FxHashMap::default();
        let mut vague_joiners = Vec::new();
        for line in NUMBERS_TSV.lines().skip_while(|l| l.starts_with('#')).skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 4 || line.starts_with('#') {
                continue;
            }
            let Some(class) = Class::parse(cols[2].trim()) else { continue };
            let (lo, hi) = match cols[1].split_once('-') {
                Some((a, b)) => (a.parse().unwrap_or(0), b.parse().unwrap_or(0)),
                None => {
                    let v = cols[1].parse().unwrap_or(0);
                    (v, v)
                }
            };
            let form = crate::normalize::normalize_str(cols[0].trim());
            if class == Class::Joiner {
                vague_joiners.push(form);
                continue;
            }
            by_form.entry(form).or_insert(Entry { lo, hi, class });
            if cols[3].trim() == "1" {
                canon.insert((class_key(class), lo), cols[0].trim().to_string());
            }
        }
        let mut words = Builder::new(Gap::Space);
        let mut forms: Vec<(&String, &Entry)> = by_form.iter().collect();
        forms.sort_by_key(|(f, _)| *f);
        for (form, e) in forms {
            let clitics = if matches!(e.class, Class::Vague | Class::ScalePlural) { COUNT } else { NUMBER };
            words.add(form, clitics, *e);
        }
        let words = words.build();
        Table { by_form, words, canon, vague_joiners }
    })
}

/// The clitics of a number word: a conjunction, ب or ل before a word of four letters or more
/// (لست is not ل + ست); no ك, no suffix. A number word carries no article of its own: the ال of
/// ألف، ألوف is a hamza and a lam (للوف is no ل + ألوف).
const NUMBER: Clitics =
    Clitics { conj: true, preps: Preps::BI.with(Preps::LI), own_article: false, prep_min_chars: 4, ..Clitics::BARE };
/// Vague counts and plural scales also take the article: العشرات، بالآلاف، للمئات.
const COUNT: Clitics = Clitics { article: true, ..NUMBER };

/// One number found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberMatch {
    /// Span in the original text (without a leading conjunction or preposition).
    pub span: Span,
    /// Span in the normalized text.
    pub norm: Span,
    pub lo: u64,
    /// Upper bound; equal to `lo` for an exact figure.
    pub hi: Option<u64>,
    /// A vague count (عشرات، مئات، بضعة آلاف).
    pub vague: bool,
    /// Written (at least partly) in words.
    pub from_words: bool,
    /// The multiplier of a scale word the number ends with (`18 ألف` → 1000), else 1. A range
    /// "بين 14 و18 ألف" distributes it to its first bound.
    pub scale: u64,
    /// Index of the first and one past the last token of the number.
    pub tokens: (usize, usize),
}

/// The number word a normalized word is, with the bytes of its proclitics (a conjunction, ب,
/// ل; an article is the word's own): the word itself first, then the reading with the fewest
/// proclitic letters, readings without the article before those with it.
fn lookup(word: &str) -> Option<(Entry, usize)> {
    let words = &table().words;
    if !words.may_end(word) {
        return None;
    }
    let mut best: Option<((bool, usize), Entry, usize)> = None;
    words.lookup(word, |m| {
        let key = (m.proclitics.article, m.start);
        if m.end == word.len() && best.is_none_or(|(k, _, _)| key < k) {
            best = Some((key, *m.value, m.prefix_end));
        }
    });
    best.map(|(_, e, clitic)| (e, clitic))
}

/// Inside a number a leading و is the conjunction: "مائة وأحد" is 100 + 1, although واحد alone
/// is also the word for one.
fn lookup_inside(word: &str) -> Option<(Entry, usize, bool)> {
    let words = &table().words;
    if !words.may_end(word) {
        return None;
    }
    let mut waw = None;
    words.lookup(word, |m| {
        let p = m.proclitics;
        if m.end == word.len() && p.conj == Some(Conj::Wa) && p.count() == 1 && !m.elided {
            waw = Some((*m.value, m.prefix_end, true));
        }
    });
    waw.or_else(|| {
        let (e, clitic) = lookup(word)?;
        Some((e, clitic, clitic > 0 && word.starts_with('و')))
    })
}

/// The accumulator for a compound written in words.
#[derive(Default)]
struct Acc {
    total: u64,
    cur: u64,
    n: usize,
    last: Option<Class>,
    smallest_scale: u64,
    last_scale: u64,
}

impl Acc {
    fn new() -> Acc {
        Acc { smallest_scale: u64::MAX, last_scale: 1, ..Default::default() }
    }

    fn value(&self) -> u64 {
        self.total.saturating_add(self.cur)
    }

    /// Try to take one more word; false when it cannot join the number.
    fn push(&mut self, e: Entry, waw: bool) -> bool {
        let v = e.lo;
        let ok = match e.class {
            Class::Vague | Class::Few | Class::Joiner => false,
            Class::Zero => {
                if self.n == 0 {
                    self.cur = 0;
                    true
                } else {
                    false
                }
            }
            Class::Unit | Class::UnitCompound | Class::Ten | Class::Tens | Class::Hundred => {
                if self.n == 0 {
                    self.cur = v;
                    true
                } else if self.last == Some(Class::Zero) {
                    false
                } else if !waw {
                    let r = self.cur % 100;
                    if e.class == Class::Ten
                        && v == 10
                        && matches!(self.last, Some(Class::Unit | Class::UnitCompound))
                        && (1..10).contains(&r)
                    {
                        self.cur += 10;
                        true
                    } else if e.class == Class::Hundred
                        && v == 100
                        && self.last == Some(Class::Unit)
                        && (3..10).contains(&self.cur)
                    {
                        self.cur *= 100;
                        true
                    } else {
                        false
                    }
                } else {
                    let r = self.cur % 100;
                    if self.last == Some(Class::UnitCompound) {
                        false
                    } else if (e.class == Class::Tens && (1..10).contains(&r) && self.last == Some(Class::Unit))
                        || (v < 100 && r == 0 && (100..1000).contains(&self.cur))
                    {
                        // خمسة وعشرون، مائة وخمسة
                        self.cur += v;
                        true
                    } else if self.cur == 0 && self.total > 0 && v < self.smallest_scale {
                        self.cur = v;
                        true
                    } else {
                        false
                    }
                }
            }
            Class::Scale | Class::ScaleDual => {
                if self.last == Some(Class::UnitCompound) {
                    false
                } else if self.n == 0 {
                    self.total = v;
                    self.smallest_scale = if e.class == Class::ScaleDual { v / 2 } else { v };
                    self.last_scale = self.smallest_scale;
                    true
                } else if !waw && e.class == Class::Scale && self.cur > 0 && v < self.smallest_scale {
                    self.total = self.total.saturating_add(self.cur.saturating_mul(v));
                    self.cur = 0;
                    self.smallest_scale = v;
                    self.last_scale = v;
                    true
                } else if waw && self.cur == 0 && self.total > 0 {
                    let unit = if e.class == Class::ScaleDual { v / 2 } else { v };
                    if unit < self.smallest_scale {
                        self.total += v;
                        self.smallest_scale = unit;
                        self.last_scale = unit;
                        true
                    } else {
                        false
                    }
                } else {
                    false
                }
            }
            Class::ScalePlural => {
                if !waw && self.n > 0 && (3..=10).contains(&self.cur) && v < self.smallest_scale {
                    self.total = self.total.saturating_add(self.cur * v);
                    self.cur = 0;
                    self.smallest_scale = v;
                    self.last_scale = v;
                    true
                } else {
                    false
                }
            }
        };
        if ok {
            self.n += 1;
            self.last = Some(e.class);
        }
        ok
    }
}

/// Parse a number written in words (`ثلاثة آلاف وخمسمائة`, `خمسة وعشرين`). Every word must
/// belong to one number; vague counts are not read here.
pub fn parse_words(s: &str) -> Option<u64> {
    let norm = crate::normalize::normalize_str(s);
    let mut acc = Acc::new();
    for w in norm.split_whitespace() {
        let (e, _, waw) = if acc.n == 0 { lookup(w).map(|(e, c)| (e, c, false))? } else { lookup_inside(w)? };
        if !acc.push(e, waw) {
            return None;
        }
    }
    if acc.n == 0 || acc.last == Some(Class::UnitCompound) {
        return None;
    }
    Some(acc.value())
}

fn canon(class: Class, v: u64) -> &'static str {
    table().canon.get(&(class_key(class), v)).map(String::as_str).unwrap_or("")
}

fn below_1000(n: u64) -> String {
    let mut parts: Vec<String> = Vec::new();
    let (h, r) = (n / 100, n % 100);
    if h > 0 {
        parts.push(canon(Class::Hundred, h * 100).to_string());
    }
    if r > 0 {
        parts.push(match r {
            1..=9 => canon(Class::Unit, r).to_string(),
            10 => canon(Class::Ten, 10).to_string(),
            11 | 12 => {
                format!("{} {}", canon(Class::UnitCompound, r - 10), canon(Class::Ten, 10).trim_end_matches('ة'))
            }
            13..=19 => format!("{} {}", canon(Class::Unit, r - 10), canon(Class::Ten, 10).trim_end_matches('ة')),
            _ if r % 10 == 0 => canon(Class::Tens, r).to_string(),
            _ => format!("{} و{}", canon(Class::Unit, r % 10), canon(Class::Tens, r - r % 10)),
        });
    }
    parts.join(" و")
}

/// Write `n` in Arabic words (masculine forms), the inverse of [`parse_words`].
pub fn to_words(n: u64) -> String {
    if n == 0 {
        return canon(Class::Zero, 0).to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = n;
    for scale in [1_000_000_000u64, 1_000_000, 1000] {
        let k = rest / scale;
        rest %= scale;
        if k == 0 {
            continue;
        }
        parts.push(match k {
            1 => canon(Class::Scale, scale).to_string(),
            2 => canon(Class::ScaleDual, 2 * scale).to_string(),
            3..=10 => format!("{} {}", below_1000(k), canon(Class::ScalePlural, scale)),
            _ => format!("{} {}", below_1000(k), canon(Class::Scale, scale)),
        });
    }
    if rest > 0 {
        parts.push(below_1000(rest));
    }
    parts.join(" و")
}

/// Value of a digit token's normalized text: `12,000`, `12.000` (thousands), `3.5`
/// (decimal: returned as (integer digits, fraction digits)). `None` for shapes that are not
/// one number (`2022.01.25`).
fn parse_digits(s: &str) -> Option<(u64, u64, u32)> {
    let seps: Vec<(usize, char)> = s.char_indices().filter(|(_, c)| *c == ',' || *c == '.').collect();
    if seps.is_empty() {
        return s.parse().ok().map(|v| (v, 0, 0));
    }
    let groups: Vec<&str> = s.split([',', '.']).collect();
    let thousands = groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    let one_kind = seps.iter().all(|(_, c)| *c == seps[0].1);
    if thousands && one_kind {
        return groups.concat().parse().ok().map(|v| (v, 0, 0));
    }
    if seps.len() == 1 && seps[0].1 == '.' {
        let (a, b) = s.split_once('.')?;
        let frac: u64 = b.parse().ok()?;
        return Some((a.parse().ok()?, frac, b.len() as u32));
    }
    if seps.len() == 1 && seps[0].1 == ',' && groups[1].len() != 3 {
        // `3,5`: a decimal comma.
        let (a, b) = s.split_once(',')?;
        return Some((a.parse().ok()?, b.parse().ok()?, b.len() as u32));
    }
    None
}

fn scale_after(layer: &TextLayer, i: usize) -> Option<(Entry, usize)> {
    let t = layer.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let w = t.text(&layer.norm);
    let e = *table().by_form.get(w)?;
    matches!(e.class, Class::Scale | Class::ScalePlural).then_some((e, 0))
}

fn span_of(layer: &TextLayer, first: &Token, clitic: usize, last: &Token) -> (Span, Span) {
    let norm = Span::new(first.norm.start + clitic, last.norm.end);
    let start = layer.norm.original_offset(norm.start).max(first.span.start);
    (Span::new(start, last.span.end), norm)
}

/// Find every number in a text layer, left to right, without overlaps.
pub fn find_numbers(layer: &TextLayer) -> Vec<NumberMatch> {
    let toks = &layer.tokens;
    // `words_at` finds nothing at a word its first lookup rejects: the dictionary's gates (the
    // last letters of a number word, then the first) are tested here, in the loop, for the many
    // words that are no number word.
    let words = &table().words;
    let text = layer.norm.text.as_str();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let m = match t.kind {
            TokenKind::Number => digits_at(layer, i),
            TokenKind::Word
                if words.may_end(&text[t.norm.start..t.norm.end])
                    && words.may_start_at(text, t.norm.start, t.norm.end) =>
            {
                words_at(layer, i)
            }
            _ => None,
        };
        match m {
            Some(m) => {
                i = m.tokens.1;
                out.push(m);
            }
            None => i += 1,
        }
    }
    out
}

fn digits_at(layer: &TextLayer, i: usize) -> Option<NumberMatch> {
    let t = &layer.tokens[i];
    let (int, frac, frac_digits) = parse_digits(t.text(&layer.norm))?;
    let mut end = i + 1;
    let mut scale = 1;
    let mut from_words = false;
    if let Some((e, _)) = scale_after(layer, i + 1) {
        scale = e.lo;
        end = i + 2;
        from_words = true;
    }
    let p = 10u64.checked_pow(frac_digits)?;
    let v = int.checked_mul(scale)?.checked_add(frac.checked_mul(scale)? / p)?;
    let last = &layer.tokens[end - 1];
    let (span, norm) = span_of(layer, t, 0, last);
    Some(NumberMatch { span, norm, lo: v, hi: Some(v), vague: false, from_words, scale, tokens: (i, end) })
}

fn word_entry(layer: &TextLayer, i: usize) -> Option<(Entry, usize, bool)> {
    let t = layer.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    let w = t.text(&layer.norm);
    let (e, clitic) = lookup(w)?;
    Some((e, clitic, clitic > 0 && w.starts_with('و')))
}

fn word_entry_inside(layer: &TextLayer, i: usize) -> Option<(Entry, usize, bool)> {
    let t = layer.tokens.get(i)?;
    if t.kind != TokenKind::Word {
        return None;
    }
    lookup_inside(t.text(&layer.norm))
}

fn vague_range(layer: &TextLayer, i: usize) -> Option<(u64, u64, usize)> {
    let (e, _, _) = word_entry(layer, i)?;
    match e.class {
        Class::Vague | Class::Few => {
            // A vague count of a plural scale: عشرات الآلاف، بضعة آلاف، مئات الملايين.
            if let Some((s, _, waw)) = word_entry(layer, i + 1) {
                if s.class == Class::ScalePlural && !waw {
                    let (lo, hi) = if e.class == Class::Few { (2, 9) } else { (e.lo, e.hi) };
                    return Some((lo * s.lo, (hi + 1) * s.lo - 1, i + 2));
                }
                if e.class == Class::Few && s.class == Class::Vague && !waw {
                    return Some((s.lo, s.hi, i + 2));
                }
            }
            Some((e.lo, e.hi, i + 1))
        }
        Class::ScalePlural => Some((2 * e.lo, 10 * e.lo - 1, i + 1)),
        _ => None,
    }
}

fn words_at(layer: &TextLayer, i: usize) -> Option<NumberMatch> {
    let toks = &layer.tokens;
    let (first, clitic, _) = word_entry(layer, i)?;
    if let Some((mut lo, mut hi, mut end)) = vague_range(layer, i) {
        // "العشرات، وربما المئات": two vague counts joined into one range.
        let mut j = end;
        if toks.get(j).is_some_and(|t| t.kind == TokenKind::Punct && t.text(&layer.norm) == ",") {
            j += 1;
        }
        if let Some(w) = toks.get(j).filter(|t| t.kind == TokenKind::Word) {
            if table().vague_joiners.iter().any(|x| x == w.text(&layer.norm)) {
                if let Some((lo2, hi2, end2)) = vague_range(layer, j + 1) {
                    lo = lo.min(lo2);
                    hi = hi.max(hi2);
                    end = end2;
                }
            }
        }
        let (span, norm) = span_of(layer, &toks[i], clitic, &toks[end - 1]);
        let scale = if first.class == Class::ScalePlural { first.lo } else { 1 };
        return Some(NumberMatch {
            span,
            norm,
            lo,
            hi: Some(hi),
            vague: true,
            from_words: true,
            scale,
            tokens: (i, end),
        });
    }
    let mut acc = Acc::new();
    let mut end = i;
    let mut best: Option<(u64, usize, u64)> = None;
    loop {
        let entry = if end == i { word_entry(layer, end) } else { word_entry_inside(layer, end) };
        let Some((e, _, waw)) = entry else { break };
        if !acc.push(e, waw && end > i) {
            break;
        }
        end += 1;
        if acc.last != Some(Class::UnitCompound) {
            best = Some((acc.value(), end, acc.last_scale));
        }
    }
    let (v, end, scale) = best?;
    let _ = first;
    let (span, norm) = span_of(layer, &toks[i], clitic, &toks[end - 1]);
    let scale = if end - i > 1 { scale } else { 1 };
    Some(NumberMatch { span, norm, lo: v, hi: Some(v), vague: false, from_words: true, scale, tokens: (i, end) })
}

/// The normalized text of a match (for tests and debugging).
pub fn norm_text<'a>(norm: &'a Normalized, m: &NumberMatch) -> &'a str {
    &norm.text[m.norm.range()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, u64, Option<u64>, bool)> {
        let l = TextLayer::new(text);
        find_numbers(&l).iter().map(|m| (text[m.span.range()].to_string(), m.lo, m.hi, m.vague)).collect()
    }

    /// The readings of a word by strings: `(entry, bytes of proclitics, with the article,
    /// bytes before the form)` for each conjunction, ب or ل (before four letters or more), and,
    /// for vague counts and plural scales, the article (ل + ال as لل).
    fn readings(by_form: &FxHashMap<String, Entry>, word: &str) -> Vec<(Entry, usize, bool, usize)> {
        let mut out = Vec::new();
        for conj in ["", "و", "ف"] {
            for prep in ["", "ب", "ل"] {
                let p = format!("{conj}{prep}");
                let Some(rest) = word.strip_prefix(p.as_str()) else { continue };
                if let Some(e) = by_form.get(rest) {
                    if prep.is_empty() || rest.chars().count() >= 4 {
                        out.push((*e, p.len(), false, p.len()));
                    }
                }
                let article = if prep == "ل" { rest.strip_prefix('ل') } else { rest.strip_prefix("ال") };
                if let Some(e) = article.and_then(|r| by_form.get(r)) {
                    if matches!(e.class, Class::Vague | Class::ScalePlural) {
                        out.push((*e, p.len(), true, word.len() - article.unwrap_or("").len()));
                    }
                }
            }
        }
        out
    }

    /// [`lookup`] and [`lookup_inside`] read every word as the string readings do: number words
    /// with and without clitics, clitics the grammar does not allow them, words that are none.
    #[test]
    fn lookups_agree_with_the_string_readings() {
        let t = table();
        let mut words: Vec<String> = Vec::new();
        for form in t.by_form.keys() {
            for p in [
                "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "ال", "وال", "بال", "فال", "لل", "كال",
                "ولل",
            ] {
                words.push(format!("{p}{form}"));
                words.push(format!("{p}{form}ه"));
            }
        }
        let text = "وقتل ثلاثه وعشرون شخصا والعشرات من الجرحى بالآلاف لست وللمئات وبخمسين ولستين فبأربعه الف";
        words.extend(crate::normalize::normalize_str(text).split_whitespace().map(String::from));
        words.extend(["", "و", "ال", "لل"].map(String::from));
        let mut found = 0;
        for w in &words {
            let mut r = readings(&t.by_form, w);
            r.sort_by_key(|&(_, _, article, start)| (article, start));
            let expected = r.first().map(|&(e, c, _, _)| (e.lo, e.hi, e.class, c));
            assert_eq!(lookup(w).map(|(e, c)| (e.lo, e.hi, e.class, c)), expected, "{w}");
            let waw =
                w.strip_prefix('و').and_then(|rest| t.by_form.get(rest)).map(|e| (e.lo, e.class, "و".len(), true));
            let expected = waw.or(expected.map(|(lo, _, class, c)| (lo, class, c, c > 0 && w.starts_with('و'))));
            assert_eq!(lookup_inside(w).map(|(e, c, waw)| (e.lo, e.class, c, waw)), expected, "{w}");
            found += expected.is_some() as usize;
        }
        assert!(found > 500, "{found}");
        assert!(lookup("لست").is_none(), "ل before a short word is no clitic");
        assert!(lookup("كثلاثه").is_none(), "no ك before a number word");
        assert!(lookup("للوف").is_none(), "the ال of ألوف is no article");
        assert_eq!(lookup("وبخمسين").map(|(e, c)| (e.lo, c)), Some((50, "وب".len())));
        let w = crate::normalize::normalize_str("وللمئات");
        assert_eq!(lookup(&w).map(|(e, c)| (e.class, c)), Some((Class::Vague, "ول".len())));
    }

    #[test]
    fn compounds_in_words() {
        assert_eq!(parse_words("ثلاثة آلاف وخمسمائة"), Some(3500));
        assert_eq!(parse_words("خمسة وعشرين"), Some(25));
        assert_eq!(parse_words("أحد عشر"), Some(11));
        assert_eq!(parse_words("مئتين"), Some(200));
        assert_eq!(parse_words("ثلاثمئة"), Some(300));
        assert_eq!(parse_words("ألفين"), Some(2000));
        assert_eq!(parse_words("ثلاثة ملايين"), Some(3_000_000));
        assert_eq!(parse_words("أحد"), None);
        assert_eq!(parse_words("ثلاثة وخمسة"), None);
    }

    #[test]
    fn digits_scales_and_vague_counts() {
        assert_eq!(found("قتل ١٢٬٠٠٠ شخص"), vec![("١٢٬٠٠٠".into(), 12000, Some(12000), false)]);
        assert_eq!(found("نحو 12 ألف مقاتل"), vec![("12 ألف".into(), 12000, Some(12000), false)]);
        assert_eq!(found("العشرات، وربما المئات منهم"), vec![("العشرات، وربما المئات".into(), 20, Some(999), true)]);
        assert_eq!(found("بضعة آلاف"), vec![("بضعة آلاف".into(), 2000, Some(9999), true)]);
        assert_eq!(found("في 2022.01.25"), vec![]);
    }
}
