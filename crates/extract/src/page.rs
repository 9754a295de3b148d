//! The layout of a report as text: its lines, which of them are page furniture (share
//! buttons, comment forms, captcha prompts, links of embedded posts) rather than content, and
//! which form the header (title, dateline, byline) before the first paragraph.
//!
//! Design decision: furniture is recognised per line from the phrases of `data/page.tsv`: a
//! short line made only of such phrases is furniture, and a line with a hard mark (a captcha
//! prompt, a t.co link) is furniture whatever else it holds. Nothing else is dropped.
//!
//! The lines are read on every document, most of them long paragraphs that cannot be
//! furniture: a line is read in the normalized text only when it may be (the document holds a
//! hard mark, or the line may have 12 words or fewer), and its words are counted only when
//! asked.

use crate::tables::PageKind;
use crate::vocab::read_rows;
use aho_corasick::AhoCorasick;
use marsad_core::Span;
use marsad_text::normalize::{normalize_str, Normalized, Normalizer};
use memchr::memmem::Finder;
use std::sync::OnceLock;

const PAGE_TSV: &str = include_str!("../data/page.tsv");

struct Vocab {
    chrome: Vec<String>,
    /// All of `chrome` in one automaton: a line holding none of them is no furniture (most
    /// short lines), answered in one pass instead of one substring search per phrase.
    any_chrome: AhoCorasick,
    /// Searchers for the hard marks (fast byte searches: every document is searched for them).
    marks: Vec<Finder<'static>>,
    bylines: Vec<String>,
    source_lines: Vec<String>,
    embeds: Vec<String>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let (mut chrome, mut marks, mut bylines, mut source_lines, mut embeds) =
            (vec![], vec![], vec![], vec![], vec![]);
        // The table is embedded and loaded by a test: a failure to load is a build defect.
        let rows = read_rows::<PageKind>("page.tsv", PAGE_TSV).expect("data/page.tsv is valid");
        for row in rows {
            let form = normalize_str(&row.form);
            match row.kind {
                PageKind::Chrome => chrome.push(form),
                PageKind::ChromeMark => marks.push(Finder::new(form.as_bytes()).into_owned()),
                PageKind::Byline => bylines.push(form),
                PageKind::SourceLine => source_lines.push(form),
                PageKind::EmbedMark => embeds.push(form),
            }
        }
        // Longer phrases first, so "شارك هذا المقال" goes before "شارك".
        chrome.sort_by_key(|s: &String| std::cmp::Reverse(s.len()));
        let any_chrome = AhoCorasick::new(&chrome).expect("the furniture phrases compile");
        Vocab { chrome, any_chrome, marks, bylines, source_lines, embeds }
    })
}

/// One non-empty line of the original text.
#[derive(Clone, Debug)]
pub struct Line {
    /// Span of the trimmed line in the original text.
    pub span: Span,
    pub chrome: bool,
}

impl Line {
    /// Words (whitespace-separated) on the line; `text` is the text it is a line of.
    pub fn words(&self, text: &str) -> usize {
        words_up_to(&text[self.span.range()], usize::MAX)
    }

    /// [`Line::words`] counted up to `most`: enough to compare with any count up to `most`,
    /// without reading the rest of a long paragraph.
    pub fn words_up_to(&self, text: &str, most: usize) -> usize {
        words_up_to(&text[self.span.range()], most)
    }
}

/// `s.split_whitespace().take(most).count()`, read byte by byte: a byte that starts no
/// whitespace character is skipped without decoding its character. Whitespace is Unicode's
/// `White_Space` (what `char::is_whitespace` tests): ASCII 09..0D and space, and U+0085,
/// U+00A0, U+1680, U+2000..=U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, whose UTF-8 lead
/// bytes are C2, E1, E2 and E3. A continuation byte or any other lead byte is inside a word.
/// Inside a word, eight bytes are tested at once (`may_start_space`) and the scan jumps to
/// the first that may start whitespace.
pub fn words_up_to(s: &str, most: usize) -> usize {
    let b = s.as_bytes();
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < b.len() && words < most {
        if in_word {
            if let Some(chunk) = b.get(i..i + 8) {
                let m = may_start_space(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
                if m == 0 {
                    i += 8;
                    continue;
                }
                // Bytes before the first flagged one start no whitespace: still the same word.
                i += (m.trailing_zeros() / 8) as usize;
            }
        }
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        let (space, len) = match b[i] {
            b'\t'..=b'\r' | b' ' => (true, 1),
            0xC2 => (matches!(at(1), 0x85 | 0xA0), 2),
            0xE1 => (at(1) == 0x9A && at(2) == 0x80, 3),
            0xE2 => (matches!((at(1), at(2)), (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)), 3),
            0xE3 => (at(1) == 0x80 && at(2) == 0x80, 3),
            _ => (false, 1),
        };
        if !space && !in_word {
            words += 1;
        }
        in_word = !space;
        i += len;
    }
    words
}

/// Flags (high bit of a byte) the bytes of eight little-endian bytes that may start a
/// whitespace character: bytes up to 0x20, C2, and E0..=E3. The lowest flag is exact (the
/// borrows of the subtractions only run toward higher bytes, which may be flagged wrongly);
/// no flag at all means no such byte.
#[inline]
fn may_start_space(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let low = x.wrapping_sub(ONES * 0x21) & !x & HIGH;
    low | zero(x ^ (ONES * 0xC2)) | zero((x & (ONES * 0xFC)) ^ (ONES * 0xE0))
}

/// The most words a furniture line may have (once normalized).
const CHROME_MAX_WORDS: usize = 12;

/// Whether a line is page furniture.
pub fn is_chrome(line: &str) -> bool {
    is_chrome_norm(&normalize_str(line), true)
}

/// [`is_chrome`] of a line already normalized; `may_have_mark`: false when the line is known
/// to hold no chrome mark.
fn is_chrome_norm(n: &str, may_have_mark: bool) -> bool {
    let v = vocab();
    if may_have_mark && v.marks.iter().any(|m| m.find(n.as_bytes()).is_some()) {
        return true;
    }
    if words_up_to(n, CHROME_MAX_WORDS + 1) > CHROME_MAX_WORDS {
        return false;
    }
    // The loop below only removes phrases it found: with none in the line it finds nothing.
    if !v.any_chrome.is_match(n) {
        return false;
    }
    // Only a line holding a phrase is copied, to take the phrases out.
    let mut n = n.to_string();
    let mut any = false;
    for c in &v.chrome {
        if n.contains(c.as_str()) {
            any = true;
            n = n.replace(c.as_str(), " ");
        }
    }
    any && !n.chars().any(|c| c.is_alphabetic())
}

/// Whether a line opens with a byline word (كتبه، بقلم); returns the byte length of the opener
/// in the normalized line.
pub fn byline_opener(norm_line: &str) -> Option<usize> {
    let first = norm_line.split(|c: char| c.is_whitespace() || c == ':').next()?;
    vocab().bylines.iter().any(|b| b == first).then_some(first.len())
}

/// Whether a line is a label for the article's own link (رابط المقال :).
pub fn is_source_line(norm_line: &str) -> bool {
    vocab().source_lines.iter().any(|s| norm_line.starts_with(s.as_str()))
}

/// Whether a line is the signature of an embedded post (— name (@handle) date).
pub fn is_embed_signature(line: &str) -> bool {
    is_embed_signature_norm(&normalize_str(line))
}

/// [`is_embed_signature`] of a line already normalized.
pub fn is_embed_signature_norm(norm_line: &str) -> bool {
    vocab().embeds.iter().any(|e| norm_line.contains(e.as_str()))
}

/// The non-empty lines of a text.
pub fn lines(text: &str) -> Vec<Line> {
    lines_in(text, &Normalizer::matching().normalize(text))
}

/// The non-empty lines of `text`, given its normalization by `Normalizer::matching` (the
/// `norm` of its `TextLayer`).
pub fn lines_in(text: &str, norm: &Normalized) -> Vec<Line> {
    // Normalization maps each character on its own, so a normalized line is a substring of
    // the normalized text: no line holds a mark the whole text does not.
    let may_have_mark = vocab().marks.iter().any(|m| m.find(norm.text.as_bytes()).is_some());
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        if !body.is_empty() {
            let span = Span::new(at + lead, at + lead + body.len());
            // The line normalized is the slice of the normalized text between the normalized
            // offsets of its ends (normalization maps each character on its own): no copy.
            let norm_line = || &norm.text[norm.normalized_offset(span.start)..norm.normalized_offset(span.end)];
            let chrome = if may_have_mark {
                is_chrome_norm(norm_line(), true)
            } else {
                // Without a mark, a line of more than 12 words is content.
                !more_words_than(body, CHROME_MAX_WORDS) && is_chrome_norm(norm_line(), false)
            };
            out.push(Line { span, chrome });
        }
        at += raw.len();
    }
    out
}

/// Whether `line` surely has more than `n` words once normalized, read from the original up
/// to its `n + 1`-th word. A word survives normalization when it holds an ASCII character
/// other than whitespace or an Arabic letter other than tatweel (U+0621..=U+063F,
/// U+0641..=U+064A), which no stage removes; only words made of marks and invisible
/// characters may vanish. What is counted is the runs between spaces that begin with such a
/// character: each is part of a distinct normalized word (other whitespace, a tab or U+00A0,
/// only joins runs), so the count never exceeds the normalized line's. `true` is always
/// right; `false` may be a miss (the caller then normalizes the line).
fn more_words_than(line: &str, n: usize) -> bool {
    let b = line.as_bytes();
    // The runs start at byte 0 and right after each space: the spaces are found by memchr.
    let mut words = usize::from(!b.is_empty() && survives_at(b, 0));
    if words > n {
        return true;
    }
    for i in memchr::memchr_iter(b' ', b) {
        if i + 1 < b.len() && survives_at(b, i + 1) {
            words += 1;
            if words > n {
                return true;
            }
        }
    }
    false
}

/// Whether the character at byte `i` of `b` (a char boundary) is one normalization keeps
/// (see [`more_words_than`]).
fn survives_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => false,
        0..=0x7F => true,
        0xD8 => b.get(i + 1).is_some_and(|&d| d >= 0xA1),
        0xD9 => b.get(i + 1).is_some_and(|&d| (0x81..=0x8A).contains(&d)),
        _ => false,
    }
}

/// Lines of the header: those before the first paragraph (a line of 25 words or more, or
/// of 15 or more that ends a sentence), at most eight.
pub fn header<'l>(text: &str, lines: &'l [Line]) -> &'l [Line] {
    let paragraph = |l: &Line| {
        let t = text[l.span.range()].trim_end();
        let words = l.words_up_to(text, 25);
        words >= 25 || (words >= 15 && t.ends_with(['.', '؟', '?', '!', '»', '"']))
    };
    // The first eight lines are all that can be the header: no need to look further.
    let head = &lines[..lines.len().min(8)];
    let end = head.iter().position(paragraph).unwrap_or(head.len());
    &lines[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded table loads: no unknown kind, no repeated row.
    #[test]
    fn the_embedded_table_loads() {
        let rows = read_rows::<PageKind>("page.tsv", PAGE_TSV).unwrap();
        assert!(rows.len() >= 40, "{}", rows.len());
    }

    #[test]
    fn furniture_lines() {
        assert!(is_chrome("Facebook Share"));
        assert!(is_chrome("طباعة عودة للأعلى"));
        assert!(is_chrome("* اكتب ناتج 7 + 2"));
        assert!(is_chrome("#الحسكة <https://t.co/abc>"));
        assert!(!is_chrome("شارك مئات المقاتلين في الهجوم على المدينة"));
        assert!(!is_chrome("قتل ثلاثة أشخاص"));
    }

    /// Texts written for these tests: furniture, marks, long and short lines, words made only
    /// of marks or invisible characters, and whitespace other than spaces.
    const TEXTS: &[&str] = &[
        "عنوان الخبر\n\nFacebook Share\nطباعة عودة للأعلى\n\nقتل ثلاثة أشخاص في قصف على القرية صباح اليوم وأصيب آخرون بجروح متفاوتة نقلوا على إثرها إلى المستشفى.\nشارك",
        "  سطر أول  \n* اكتب ناتج 7 + 2\nشارك مئات المقاتلين في الهجوم على المدينة التي تقع في الريف الشمالي وقال مصدر محلي إن الاشتباكات استمرت ساعات طويلة",
        "#الحسكة <https://t.co/abc>\nنص عادي هنا\nPIC.TWITTER.COM/xyz في سطر طويل جدا فيه كلمات كثيرة تزيد على اثنتي عشرة كلمة بكثير ولا شك في ذلك",
        "شارك ــ ــ ــ ــ ــ ــ ــ ــ ــ ــ ــ ــ ــ\nمشاركة \u{064E} \u{064E} \u{064E} \u{064E} \u{064E} \u{064E} \u{064E} \u{064E} \u{064E} \u{064E} \u{064E} \u{064E}\nتابعونا\u{00A0}على\u{00A0}فيسبوك\u{00A0}وتويتر\u{00A0}وواتساب\u{00A0}وتلغرام\u{00A0}أ\u{00A0}ب\u{00A0}ت\u{00A0}ث\u{00A0}ج\u{00A0}ح\u{00A0}خ",
        "\u{200F}شارِكْ\u{064E}\n\u{FEFF}طِباعة \u{200B}\n١٢ تابعونا ٣\nأدخِل الرمز\u{200F}\nقُتِلَ ٢٧ من «قسد»\n\u{064E}\u{064E}\n",
        "اقرأ أيضاً\tالمزيد\tالتعليقات\tأضف تعليق\tحجم الخط\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\nأرسل لصديق\r\n\u{200F}\u{200F} \u{200F} شارك",
    ];

    #[test]
    fn lines_agree_with_normalizing_every_line() {
        for text in TEXTS {
            let fast = lines(text);
            let mut at = 0;
            let mut slow = Vec::new();
            for raw in text.split_inclusive('\n') {
                let lead = raw.len() - raw.trim_start().len();
                let body = raw.trim();
                if !body.is_empty() {
                    slow.push((Span::new(at + lead, at + lead + body.len()), is_chrome(body)));
                }
                at += raw.len();
            }
            let fast: Vec<(Span, bool)> = fast.iter().map(|l| (l.span, l.chrome)).collect();
            assert_eq!(fast, slow, "{text}");
        }
    }

    /// The byte-level word count is `split_whitespace` for every character as a separator or
    /// inside a word, on Arabic and Latin text.
    #[test]
    fn byte_word_count_is_split_whitespace() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for s in [format!("قتل{c}ثلاثة {c} x{c}"), format!("{c}{c}أ ب"), format!("{c}")] {
                for most in [0, 1, 2, 3, usize::MAX] {
                    assert_eq!(words_up_to(&s, most), s.split_whitespace().take(most).count(), "U+{:04X}", c as u32);
                }
            }
        }
        let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
        // Words longer than eight bytes next to every kind of whitespace, at every alignment.
        let seps =
            [" ", "\t", "\n", "\u{00A0}", "\u{0085}", "\u{2009}", "\u{3000}", "\u{202F}", "\u{205F}", "\u{1680}"];
        for (k, sep) in seps.iter().enumerate() {
            for pad in 0..9 {
                let word = "والمقاتلين";
                texts.push(format!(
                    "{}{word}{sep}{word}{sep}{sep}à{word}\u{00C2}{word} {}x",
                    "a".repeat(pad),
                    "ب".repeat(k)
                ));
            }
        }
        for text in &texts {
            for most in [0, 1, 3, 5, 12, 25, usize::MAX] {
                assert_eq!(words_up_to(text, most), text.split_whitespace().take(most).count(), "{text}");
            }
        }
    }

    /// The word runs found through memchr are those of a byte loop over every byte.
    #[test]
    fn word_runs_agree_with_a_byte_loop() {
        fn byte_loop(line: &str, n: usize) -> bool {
            let b = line.as_bytes();
            let (mut words, mut after_space) = (0, true);
            for (i, &c) in b.iter().enumerate() {
                if after_space && survives_at(b, i) {
                    words += 1;
                }
                after_space = c == b' ';
            }
            words > n
        }
        let mut lines: Vec<String> = TEXTS.iter().flat_map(|t| t.lines()).map(String::from).collect();
        lines.extend(["", " ", "  ا", "ا  ", "x", " \u{064E} ب  ج\tد\u{00A0}ه 12 ،"].map(String::from));
        for line in &lines {
            for n in 0..20 {
                assert_eq!(more_words_than(line, n), byte_loop(line, n), "{n} in {line:?}");
            }
        }
    }

    #[test]
    fn word_counts() {
        for text in TEXTS {
            for l in lines(text) {
                let line = &text[l.span.range()];
                let all = line.split_whitespace().count();
                assert_eq!(l.words(text), all);
                for most in [0, 1, 7, 12, 25, 100] {
                    assert_eq!(l.words_up_to(text, most), all.min(most), "{line}");
                }
                let normalized = normalize_str(line).split_whitespace().count();
                for n in 0..30 {
                    if more_words_than(line, n) {
                        assert!(normalized > n, "{n} in {line}");
                    }
                }
            }
        }
        assert!(more_words_than("واحد اثنان ثلاثة", 2));
        assert!(!more_words_than("واحد \u{064E} ــ", 1));
    }

    #[test]
    fn survivors_are_kept_by_normalization() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            if survives_at(c.encode_utf8(&mut buf).as_bytes(), 0) {
                let n = normalize_str(&c.to_string());
                assert!(!n.is_empty() && !n.chars().all(char::is_whitespace), "U+{:04X}", c as u32);
            }
        }
    }
}
