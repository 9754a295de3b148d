//! The layout of a report as text: its lines, which of them are page furniture (share
//! buttons, comment forms, captcha prompts, links of embedded posts) rather than content, and
//! which form the header (title, dateline, byline) before the first paragraph.
//!
//! Design decision: furniture is recognised per line from the phrases of `data/page.tsv`: a
//! short line made only of such phrases is furniture, and a line with a hard mark (a captcha
//! prompt, a t.co link) is furniture whatever else it holds. Nothing else is dropped.

use marsad_core::Span;
use marsad_text::normalize::normalize_str;
use std::sync::OnceLock;

const PAGE_TSV: &str = include_str!("../data/page.tsv");

struct Vocab {
    chrome: Vec<String>,
    marks: Vec<String>,
    bylines: Vec<String>,
    source_lines: Vec<String>,
    embeds: Vec<String>,
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let mut v = Vocab { chrome: vec![], marks: vec![], bylines: vec![], source_lines: vec![], embeds: vec![] };
        for line in PAGE_TSV.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut cols = line.split('\t');
            let form = normalize_str(cols.next().unwrap_or("").trim());
            if form.is_empty() {
                continue;
            }
            match cols.next().unwrap_or("").trim() {
                "chrome" => v.chrome.push(form),
                "chrome_mark" => v.marks.push(form),
                "byline" => v.bylines.push(form),
                "source_line" => v.source_lines.push(form),
                "embed_mark" => v.embeds.push(form),
                _ => {}
            }
        }
        // Longer phrases first, so "شارك هذا المقال" goes before "شارك".
        v.chrome.sort_by_key(|s| std::cmp::Reverse(s.len()));
        v
    })
}

/// One non-empty line of the original text.
#[derive(Clone, Debug)]
pub struct Line {
    /// Span of the trimmed line in the original text.
    pub span: Span,
    pub chrome: bool,
    /// Words (whitespace-separated) on the line.
    pub words: usize,
}

/// Whether a line is page furniture.
pub fn is_chrome(line: &str) -> bool {
    let v = vocab();
    let mut n = normalize_str(line);
    if v.marks.iter().any(|m| n.contains(m.as_str())) {
        return true;
    }
    if n.split_whitespace().count() > 12 {
        return false;
    }
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
    let n = normalize_str(line);
    vocab().embeds.iter().any(|e| n.contains(e.as_str()))
}

/// The non-empty lines of a text.
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split_inclusive('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let body = raw.trim();
        if !body.is_empty() {
            let span = Span::new(at + lead, at + lead + body.len());
            out.push(Line { span, chrome: is_chrome(body), words: body.split_whitespace().count() });
        }
        at += raw.len();
    }
    out
}

/// Lines of the header: those before the first paragraph (a line of 25 words or more, or
/// of 15 or more that ends a sentence), at most eight.
pub fn header<'l>(text: &str, lines: &'l [Line]) -> &'l [Line] {
    let paragraph = |l: &Line| {
        let t = text[l.span.range()].trim_end();
        l.words >= 25 || (l.words >= 15 && t.ends_with(['.', '؟', '?', '!', '»', '"']))
    };
    let end = lines.iter().position(paragraph).unwrap_or(lines.len()).min(8);
    &lines[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        assert!(is_chrome("Facebook Share"));
        assert!(is_chrome("طباعة عودة للأعلى"));
        assert!(is_chrome("* اكتب ناتج 7 + 2"));
        assert!(is_chrome("#الحسكة <https://t.co/abc>"));
        assert!(!is_chrome("شارك مئات المقاتلين في الهجوم على المدينة"));
        assert!(!is_chrome("قتل ثلاثة أشخاص"));
    }
}
