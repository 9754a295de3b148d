//! Tokenizer over normalized text; every token keeps its span in the original.
//!
//! Design decisions:
//! - One left-to-right pass over bytes. ASCII and the Arabic block (two-byte sequences with
//!   lead bytes D8–DB) are classified by table lookup; only other characters are decoded.
//! - Arabic letters and digits never share a token: `بـ3500` is `بـ` + `3500`, `الـ100` is
//!   `الـ` + `100`, so a number is always a token of its own for the number reader. Latin
//!   letters and digits do share one (`F16`, `COVID19`): they are model names and codes.
//! - A number keeps internal separators followed by a digit (`12,000`, `12.000`, `١٢٬٠٠٠`,
//!   `3.5`); which one is a thousands separator is the number reader's decision.
//! - Every look-ahead that can fail (e-mail addresses) remembers how far it scanned, so no
//!   input makes the pass quadratic.

use crate::block::ArabicSet;
use crate::normalize::{is_diacritic, Normalized};
use marsad_core::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Arabic-script word.
    Word,
    /// Digits, with internal thousands or decimal separators (`12,000`, `3.5`).
    Number,
    /// Word in another script (Latin mostly), letters and digits (`Reuters`, `F16`).
    Latin,
    Url,
    /// `#الحسكة`
    Hashtag,
    /// `@handle`
    Mention,
    /// `name@example.org`
    Email,
    Punct,
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub kind: TokenKind,
    /// Span in the original text.
    pub span: Span,
    /// Span in the normalized text.
    pub norm: Span,
}

impl Token {
    /// The token's normalized text.
    pub fn text<'a>(&self, norm: &'a Normalized) -> &'a str {
        &norm.text[self.norm.range()]
    }

    /// Whether this token is a word of Arabic or another script.
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Latin)
    }
}

/// Character classes the tokenizer distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Space,
    /// Invisible controls that separate nothing and belong to no token (LRM, RLM, BOM...).
    Ignorable,
    Arabic,
    /// Combining marks, tatweel and joiners: continue a word, do not start one.
    Mark,
    Digit,
    /// Letters of other scripts, ASCII letters included.
    Latin,
    Punct,
    Symbol,
}

const fn ascii_class(b: u8) -> Class {
    match b {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C => Class::Space,
        b'0'..=b'9' => Class::Digit,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Latin,
        0x21..=0x2F | 0x3A..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E => Class::Punct,
        _ => Class::Symbol,
    }
}

const fn arabic_class(cp: u32) -> Class {
    match cp {
        0x0610..=0x061A | 0x0640 | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7 | 0x06E8 => {
            Class::Mark
        }
        0x06EA..=0x06ED => Class::Mark,
        0x061C => Class::Ignorable,
        0x0620..=0x063F | 0x0641..=0x064A | 0x066E | 0x066F | 0x0671..=0x06D3 | 0x06D5 | 0x06E5 | 0x06E6 => {
            Class::Arabic
        }
        0x06EE | 0x06EF | 0x06FA..=0x06FC | 0x06FF => Class::Arabic,
        0x0660..=0x0669 | 0x06F0..=0x06F9 => Class::Digit,
        0x0600..=0x0605 | 0x0606..=0x0608 | 0x060B | 0x060E | 0x060F | 0x06DE | 0x06E9 | 0x06FD | 0x06FE => {
            Class::Symbol
        }
        _ => Class::Punct,
    }
}

const ASCII: [Class; 128] = {
    let mut t = [Class::Symbol; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_class(i as u8);
        i += 1;
    }
    t
};

const ARABIC: [Class; 256] = {
    let mut t = [Class::Symbol; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = arabic_class(0x0600 + i as u32);
        i += 1;
    }
    t
};

/// The characters of U+0600..=U+06FF that continue an Arabic word (letters and marks).
const WORD_CHARS: ArabicSet = {
    let mut s = ArabicSet::new();
    let mut i = 0;
    while i < 256 {
        if matches!(ARABIC[i], Class::Arabic | Class::Mark) {
            s = s.insert(i);
        }
        i += 1;
    }
    s
};

fn other_class(c: char) -> Class {
    let cp = c as u32;
    match cp {
        0x0750..=0x077F | 0x08A0..=0x08C9 | 0xFB50..=0xFD3D | 0xFD50..=0xFDFB | 0xFE70..=0xFEFC => Class::Arabic,
        0x200C | 0x200D | 0x00AD | 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0xFE00..=0xFE0F => Class::Mark,
        _ if is_diacritic(c) => Class::Mark,
        0x200E | 0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x2069 | 0xFEFF => Class::Ignorable,
        0x200B => Class::Space,
        0x00A1..=0x00BF | 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F | 0xFD3E | 0xFD3F => {
            if c.is_whitespace() {
                Class::Space
            } else if cp == 0x00B0 || cp == 0x00A9 || cp == 0x00AE || (0x00A2..=0x00A5).contains(&cp) {
                Class::Symbol
            } else {
                Class::Punct
            }
        }
        0xFE50..=0xFE6B | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 => Class::Punct,
        _ if c.is_whitespace() => Class::Space,
        _ if c.is_alphabetic() => Class::Latin,
        _ => Class::Symbol,
    }
}

/// Class and byte width of the character at `i` (a char boundary of `text`).
#[inline(always)]
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let bytes = text.as_bytes();
    let b = bytes[i];
    if b < 0x80 {
        (ASCII[b as usize], 1)
    } else if (0xD8..=0xDB).contains(&b) {
        let idx = (((b - 0xD8) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize;
        (ARABIC[idx], 2)
    } else {
        let c = text[i..].chars().next().expect("on a char boundary");
        (other_class(c), c.len_utf8())
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// Starts before this offset are known not to begin an e-mail address.
    no_email_before: usize,
}

impl Scanner<'_> {
    /// End of the run of characters (from `i`) whose classes satisfy `keep`.
    #[inline]
    fn run(&self, mut i: usize, keep: impl Fn(Class) -> bool) -> usize {
        while i < self.bytes.len() {
            let (c, w) = class_at(self.text, i);
            if !keep(c) {
                break;
            }
            i += w;
        }
        i
    }

    /// End of an Arabic word from `i`: letters and marks. The two-byte Arabic block is the hot
    /// path and is checked without decoding; with `BLOCKS`, sixteen bytes at a time.
    #[inline(always)]
    fn word<const BLOCKS: bool>(&self, mut i: usize) -> usize {
        let b = self.bytes;
        loop {
            #[cfg(target_arch = "x86_64")]
            if BLOCKS && i + 17 <= b.len() {
                // Every byte before the first stop is part of a word character; the character
                // at the stop is looked at below.
                // SAFETY: `tokenize` checked SSSE3; 17 bytes are readable at `i`.
                let stop = unsafe { crate::block::stops(b.as_ptr().add(i), &WORD_CHARS, false) };
                if stop == 0 {
                    i += crate::block::whole_chars(&b[i..]);
                    continue;
                }
                i += stop.trailing_zeros() as usize;
            }
            while i + 1 < b.len() && (0xD8..=0xDB).contains(&b[i]) {
                let idx = (((b[i] - 0xD8) as usize) << 6) | (b[i + 1] & 0x3F) as usize;
                if !matches!(ARABIC[idx], Class::Arabic | Class::Mark) {
                    return i;
                }
                i += 2;
            }
            if i >= b.len() || b[i] < 0x80 {
                return i;
            }
            let (c, w) = class_at(self.text, i);
            if !matches!(c, Class::Arabic | Class::Mark) {
                return i;
            }
            i += w;
        }
    }

    fn starts_with_ci(&self, i: usize, prefix: &str) -> bool {
        self.bytes.len() - i >= prefix.len() && self.bytes[i..i + prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    }

    /// An URL starting at `i` (`http://`, `https://`, `www.`): its end.
    fn url(&self, i: usize) -> Option<usize> {
        let scheme = if self.starts_with_ci(i, "https://") {
            8
        } else if self.starts_with_ci(i, "http://") {
            7
        } else if self.starts_with_ci(i, "www.") {
            4
        } else {
            return None;
        };
        let mut j = i;
        while j < self.bytes.len() {
            let (c, w) = class_at(self.text, j);
            let b = self.bytes[j];
            let stop = match c {
                Class::Space | Class::Ignorable => true,
                Class::Punct | Class::Symbol => b >= 0x80 || matches!(b, b'<' | b'>' | b'"' | b'`' | b'{' | b'}'),
                _ => false,
            };
            if stop {
                break;
            }
            j += w;
        }
        // Sentence punctuation right after an URL is not part of it.
        let has_open_paren = self.bytes[i..j].contains(&b'(');
        while j > i + scheme {
            let b = self.bytes[j - 1];
            if matches!(b, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b']' | b'}')
                || (b == b')' && !has_open_paren)
            {
                j -= 1;
            } else {
                break;
            }
        }
        (j > i + scheme).then_some(j)
    }

    /// An e-mail address starting at `i`: its end.
    fn email(&mut self, i: usize) -> Option<usize> {
        if i < self.no_email_before {
            return None;
        }
        let b = self.bytes;
        let local = |x: u8| x.is_ascii_alphanumeric() || matches!(x, b'.' | b'_' | b'%' | b'+' | b'-');
        let mut j = i;
        while j < b.len() && local(b[j]) {
            j += 1;
        }
        // Every start inside [i, j) reaches the same `j` and the same domain.
        self.no_email_before = j;
        if j == i || j >= b.len() || b[j] != b'@' || b[j - 1] == b'.' {
            return None;
        }
        let mut k = j + 1;
        while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'-' || (b[k] == b'.' && b[k - 1] != b'.')) {
            k += 1;
        }
        while k > j + 1 && matches!(b[k - 1], b'.' | b'-') {
            k -= 1;
        }
        let dot = (j + 1..k).rev().find(|&d| b[d] == b'.')?;
        if dot == j + 1 {
            return None;
        }
        let tld = &b[dot + 1..k];
        (tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)).then_some(k)
    }

    /// End of a number starting at `i`: digits with internal separators. A dot (or ٫) may
    /// join any digit groups (`3.5`, `12.000`, `2022.01.25`); a comma, ٬ or `'` joins a group of
    /// exactly three digits (`12,000`, `1,250,000`), or of one or two after a first group of at
    /// most three (the decimal comma of `3,5`). So `2011،2012` is two numbers.
    fn number(&self, i: usize) -> usize {
        let digits = |from: usize, to: usize| self.text[from..to].chars().count();
        let mut j = self.run(i, |c| c == Class::Digit);
        let first = digits(i, j);
        let mut groups = 1;
        loop {
            let (sep_w, comma) = match self.bytes.get(j) {
                Some(b'.') => (1, false),
                Some(b',' | b'\'') => (1, true),
                // ٫ U+066B and ٬ U+066C when the punctuation stage is off.
                Some(0xD9) if self.bytes.get(j + 1) == Some(&0xAB) => (2, false),
                Some(0xD9) if self.bytes.get(j + 1) == Some(&0xAC) => (2, true),
                _ => break,
            };
            let k = j + sep_w;
            if k >= self.bytes.len() || class_at(self.text, k).0 != Class::Digit {
                break;
            }
            let end = self.run(k, |c| c == Class::Digit);
            let n = digits(k, end);
            if comma && !(n == 3 || (groups == 1 && first <= 3 && n <= 2)) {
                break;
            }
            j = end;
            groups += 1;
        }
        j
    }

    /// End of a word of another script: letters, digits, marks, and `'`, `’` or `-` before a
    /// letter or digit (`al-Assad`, `O'Brien`, `F-16`).
    fn latin(&self, i: usize) -> usize {
        let mut j = i;
        loop {
            j = self.run(j, |c| matches!(c, Class::Latin | Class::Digit | Class::Mark));
            let joiner = match self.bytes.get(j) {
                Some(b'\'' | b'-') => 1,
                Some(0xE2) if self.bytes.get(j + 1..j + 3) == Some(&[0x80, 0x99]) => 3,
                _ => 0,
            };
            if joiner > 0
                && j + joiner < self.bytes.len()
                && matches!(class_at(self.text, j + joiner).0, Class::Latin | Class::Digit)
            {
                j += joiner;
            } else {
                return j;
            }
        }
    }
}

/// Split normalized text into tokens.
pub fn tokenize(norm: &Normalized) -> Vec<Token> {
    tokenize_lines(norm).0
}

/// [`tokenize()`], and the indices of the tokens after which a line ends (a line break lies
/// between them and the next token; the last token is not listed): what
/// [`crate::split_sentences`] would otherwise find by looking at every gap between tokens.
pub(crate) fn tokenize_lines(norm: &Normalized) -> (Vec<Token>, Vec<usize>) {
    #[cfg(target_arch = "x86_64")]
    if crate::block::available() {
        // SAFETY: SSSE3 is available (checked just above).
        return unsafe { tokenize_ssse3(norm) };
    }
    tokenize_with::<false>(norm)
}

/// [`tokenize_lines`] without the sixteen-byte word runs: the reference the fast path is
/// tested against.
#[cfg(test)]
fn tokenize_scalar(norm: &Normalized) -> (Vec<Token>, Vec<usize>) {
    tokenize_with::<false>(norm)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "ssse3")]
fn tokenize_ssse3(norm: &Normalized) -> (Vec<Token>, Vec<usize>) {
    tokenize_with::<true>(norm)
}

#[inline(always)]
fn tokenize_with<const BLOCKS: bool>(norm: &Normalized) -> (Vec<Token>, Vec<usize>) {
    let text = norm.text.as_str();
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    let mut line_ends = Vec::new();
    // A line break was skipped since the last token.
    let mut broken = false;
    let mut sc = Scanner { text, bytes, no_email_before: 0 };
    let mut align = norm.aligner();
    let mut i = 0;
    while i < bytes.len() {
        // Spaces and Arabic words first, without a jump table: they are most of the text.
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let (class, w) = class_at(text, i);
        let (kind, end) = if class == Class::Arabic {
            (TokenKind::Word, sc.word::<BLOCKS>(i + w))
        } else {
            match other_token(&mut sc, class, i, w) {
                Some(t) => t,
                None => {
                    // Line breaks are spaces: no token holds one, so they are all seen here.
                    broken |= class == Class::Space && is_line_break(bytes, i);
                    i += w;
                    continue;
                }
            }
        };
        if broken {
            if let Some(last) = tokens.len().checked_sub(1) {
                line_ends.push(last);
            }
            broken = false;
        }
        let norm_span = Span::new(i, end);
        let span = align.token_span(norm_span);
        debug_assert!(tokens.last().is_none_or(|t: &Token| t.span.end <= span.start));
        tokens.push(Token { kind, span, norm: norm_span });
        i = end;
    }
    (tokens, line_ends)
}

/// Whether the character at `i` is a line break: `\n`, `\r`, U+2028 or U+2029. Normalization
/// neither changes nor removes them, so a gap between two tokens holds one in the normalized
/// text exactly when it does in the original.
#[inline]
pub(crate) fn is_line_break(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\n' | b'\r' => true,
        0xE2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)),
        _ => false,
    }
}

/// A token starting at `i` with a character of `class` and width `w` (not an Arabic letter):
/// its kind and end, or `None` for spaces and invisible controls.
fn other_token(sc: &mut Scanner<'_>, class: Class, i: usize, w: usize) -> Option<(TokenKind, usize)> {
    let (text, bytes) = (sc.text, sc.bytes);
    Some(match class {
        Class::Space | Class::Ignorable => return None,
        Class::Arabic => (TokenKind::Word, sc.word::<false>(i + w)),
        Class::Mark => {
            // A word that starts with a mark (a stray tatweel or joiner) is still a word
            // if letters follow; marks alone are a symbol.
            let end = sc.run(i + w, |c| c == Class::Mark);
            if end < bytes.len() && class_at(text, end).0 == Class::Arabic {
                (TokenKind::Word, sc.word::<false>(end))
            } else {
                (TokenKind::Symbol, end)
            }
        }
        Class::Digit => match sc.email(i) {
            Some(e) => (TokenKind::Email, e),
            None => (TokenKind::Number, sc.number(i)),
        },
        Class::Latin => {
            if let Some(e) = sc.url(i) {
                (TokenKind::Url, e)
            } else if let Some(e) = sc.email(i) {
                (TokenKind::Email, e)
            } else {
                (TokenKind::Latin, sc.latin(i))
            }
        }
        Class::Punct => {
            let b = bytes[i];
            let next_is_name = |j: usize| {
                j < bytes.len() && matches!(class_at(text, j).0, Class::Arabic | Class::Latin | Class::Digit)
            };
            if (b == b'#' || b == b'@') && next_is_name(i + 1) {
                let end = sc.run(i + 1, |c| matches!(c, Class::Arabic | Class::Latin | Class::Digit | Class::Mark));
                let end = extend_underscores(sc, end);
                (if b == b'#' { TokenKind::Hashtag } else { TokenKind::Mention }, end)
            } else if b == b'.' {
                // `...` is one token.
                let mut e = i + 1;
                while e < bytes.len() && bytes[e] == b'.' {
                    e += 1;
                }
                (TokenKind::Punct, e)
            } else if b == b'!' || b == b'?' {
                // `?!`, `!!` are one token.
                let mut e = i + 1;
                while e < bytes.len() && matches!(bytes[e], b'!' | b'?') {
                    e += 1;
                }
                (TokenKind::Punct, e)
            } else {
                (TokenKind::Punct, i + w)
            }
        }
        Class::Symbol => (TokenKind::Symbol, i + w),
    })
}

/// Hashtags and handles continue through `_` joined names (`#الحسكة_الآن`).
fn extend_underscores(sc: &Scanner<'_>, mut end: usize) -> usize {
    while end + 1 < sc.bytes.len() && sc.bytes[end] == b'_' {
        let next = class_at(sc.text, end + 1).0;
        if matches!(next, Class::Arabic | Class::Latin | Class::Digit) {
            end = sc.run(end + 1, |c| matches!(c, Class::Arabic | Class::Latin | Class::Digit | Class::Mark));
        } else {
            end += 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Normalizer, Stage};

    fn kinds(text: &str) -> Vec<(TokenKind, String)> {
        let n = Normalizer::matching().normalize(text);
        tokenize(&n).iter().map(|t| (t.kind, text[t.span.range()].to_string())).collect()
    }

    #[test]
    fn words_numbers_and_punctuation() {
        let k = kinds("قُتل ١٢,٠٠٠ شخص، في #الحسكة https://example.org/a?b=1 Reuters.");
        assert_eq!(
            k,
            vec![
                (TokenKind::Word, "قُتل".to_string()),
                (TokenKind::Number, "١٢,٠٠٠".to_string()),
                (TokenKind::Word, "شخص".to_string()),
                (TokenKind::Punct, "،".to_string()),
                (TokenKind::Word, "في".to_string()),
                (TokenKind::Hashtag, "#الحسكة".to_string()),
                (TokenKind::Url, "https://example.org/a?b=1".to_string()),
                (TokenKind::Latin, "Reuters".to_string()),
                (TokenKind::Punct, ".".to_string()),
            ]
        );
    }

    /// The sixteen-byte word runs give exactly the scalar tokens, for text normalized with
    /// every stage and with none (marks, tatweel and other-block letters left in words).
    #[test]
    fn block_words_agree_with_the_scalar_path() {
        for stages in [Stage::ALL, &[][..]] {
            let n = Normalizer::new(stages);
            for text in crate::normalize::tests::mixed_texts() {
                let norm = n.normalize(&text);
                assert_eq!(tokenize_lines(&norm), tokenize_scalar(&norm), "{stages:?} {text:?}");
            }
        }
    }

    /// The line ends the tokenizer records are the token gaps that hold a line break.
    #[test]
    fn recorded_line_ends_are_the_gaps_with_a_line_break() {
        for text in crate::normalize::tests::mixed_texts() {
            let norm = Normalizer::matching().normalize(&text);
            let (tokens, ends) = tokenize_lines(&norm);
            let gaps: Vec<usize> = (0..tokens.len().saturating_sub(1))
                .filter(|&k| {
                    let (from, to) = (tokens[k].span.end, tokens[k + 1].span.start);
                    (from..to).any(|i| text.is_char_boundary(i) && is_line_break(text.as_bytes(), i))
                })
                .collect();
            assert_eq!(ends, gaps, "{text:?}");
        }
    }

    #[test]
    fn email_look_ahead_is_linear() {
        // Every `a` starts a failed e-mail look-ahead over the same run.
        let text = "a.".repeat(200_000);
        let n = Normalizer::matching().normalize(&text);
        let start = std::time::Instant::now();
        let t = tokenize(&n);
        assert_eq!(t.len(), 400_000);
        assert!(start.elapsed().as_secs() < 5);
    }
}
