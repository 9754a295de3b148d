//! Sentence splitting over tokens.
//!
//! A sentence ends at `. ! ? ؟ …` (not inside a number, not after a one-letter abbreviation),
//! and at a line break: news text puts headlines, datelines and bylines on lines of their
//! own, and paragraph breaks always end a sentence.

use crate::{Normalized, Token, TokenKind};
use marsad_core::{Sentence, SentenceKind, Span};

/// Split into sentences. `text` is the original, `norm` and `tokens` its text layer.
pub fn split_sentences(text: &str, norm: &Normalized, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None; // index of first token
    let mut quote_depth = 0usize;
    for (i, t) in tokens.iter().enumerate() {
        if start.is_none() {
            start = Some(i);
        }
        let tt = t.text(norm);
        if t.kind == TokenKind::Punct && tt == "\"" {
            quote_depth ^= 1;
        }
        let next = tokens.get(i + 1);
        let line_break = next.is_some_and(|n| text[t.span.end..n.span.start].contains('\n'));
        let terminal = t.kind == TokenKind::Punct && matches!(tt, "." | "!" | "?" | "…");
        // A closing quote right after the terminal belongs to this sentence.
        let closing_quote_next = next.is_some_and(|n| n.kind == TokenKind::Punct && matches!(n.text(norm), "\"" | ")"))
            && next.is_some_and(|n| n.span.start == t.span.end);
        let abbreviation = terminal && tt == "." && i > 0 && {
            let p = &tokens[i - 1];
            p.span.end == t.span.start && p.kind == TokenKind::Word && p.text(norm).chars().count() == 1
        };
        if line_break || next.is_none() || (terminal && !closing_quote_next && !abbreviation && quote_depth == 0) {
            let s = start.take().expect("set above");
            let span = Span::new(tokens[s].span.start, t.span.end);
            let kind = if !terminal && !line_break_inside_quote(quote_depth) && is_line(text, span) {
                SentenceKind::Headline
            } else {
                SentenceKind::Body
            };
            out.push(Sentence { span, kind });
            quote_depth = 0;
        }
    }
    out
}

fn line_break_inside_quote(depth: usize) -> bool {
    depth > 0
}

/// Whether `span` is a whole line of `text`.
fn is_line(text: &str, span: Span) -> bool {
    let before = text[..span.start].rsplit('\n').next().unwrap_or("");
    let after = text[span.end..].split('\n').next().unwrap_or("");
    before.trim().is_empty() && after.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use crate::TextLayer;

    fn sentences(text: &str) -> Vec<String> {
        let l = TextLayer::new(text);
        l.sentences.iter().map(|s| text[s.span.range()].to_string()).collect()
    }

    #[test]
    fn splits_on_arabic_and_latin_terminals_and_lines() {
        let s = sentences("عنوان الخبر\n\nقتل 3 أشخاص. وأصيب آخرون؟ نعم");
        assert_eq!(s, vec!["عنوان الخبر", "قتل 3 أشخاص.", "وأصيب آخرون؟", "نعم"]);
    }

    #[test]
    fn decimal_points_do_not_split() {
        assert_eq!(sentences("بلغت النسبة 3.5 بالمئة."), vec!["بلغت النسبة 3.5 بالمئة."]);
    }
}
