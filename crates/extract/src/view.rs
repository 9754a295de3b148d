//! A token-indexed view of one document for the clause-level readers (claims, attribution):
//! which sentence each token is in, and which actor mention starts or ends at each token.

use crate::Context;
use marsad_core::{ActorId, ActorKind, Span};
use marsad_text::{TextLayer, TokenKind};

/// An actor mention in token coordinates.
#[derive(Clone, Debug)]
pub struct Ment {
    pub start: usize,
    pub end: usize,
    pub span: Span,
    pub actor: ActorId,
    pub kind: ActorKind,
}

/// No mention starts at this token.
const NONE: u32 = u32::MAX;

pub struct DocView<'a> {
    pub ctx: &'a Context<'a>,
    pub layer: &'a TextLayer,
    /// Token range of each sentence.
    pub sentences: Vec<(usize, usize)>,
    /// Actor mentions (one per span: the first the lexicon gives), in text order.
    pub ments: Vec<Ment>,
    /// For each token, the index in `ments` of the mention starting there (the last such one),
    /// or `NONE`.
    by_start: Vec<u32>,
}

impl<'a> DocView<'a> {
    pub fn new(ctx: &'a Context<'a>) -> DocView<'a> {
        let layer = ctx.layer;
        let toks = &layer.tokens;
        // Forward cursors for the partition points `toks.partition_point(|t| t.span.end <=
        // s.span.start)` and `(|t| t.span.start < s.span.end)`: the sentences come in text order,
        // so both points only move forward, and each is where its test first fails.
        let (mut a, mut b) = (0, 0);
        let sentences = layer
            .sentences
            .iter()
            .map(|s| {
                while a < toks.len() && toks[a].span.end <= s.span.start {
                    a += 1;
                }
                while b < toks.len() && toks[b].span.start < s.span.end {
                    b += 1;
                }
                (a, b)
            })
            .collect();
        let mut ments: Vec<Ment> = Vec::new();
        let mut sorted: Vec<&marsad_core::ActorMention> = ctx.mentions.actors.iter().collect();
        sorted.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
        for m in sorted {
            if ments.last().is_some_and(|p| p.span.overlaps(m.span)) {
                continue;
            }
            let start = toks.partition_point(|t| t.span.end <= m.span.start);
            let end = toks.partition_point(|t| t.span.start < m.span.end).max(start + 1);
            ments.push(Ment { start, end, span: m.span, actor: m.actor.clone(), kind: m.kind });
        }
        // A mention's start is at most the token count (a partition point of the tokens).
        let mut by_start = vec![NONE; toks.len() + 1];
        for (i, m) in ments.iter().enumerate() {
            by_start[m.start] = i as u32;
        }
        DocView { ctx, layer, sentences, ments, by_start }
    }

    /// Normalized text of token `i` ("" past the end).
    pub fn w(&self, i: usize) -> &str {
        self.layer.tokens.get(i).map_or("", |t| t.text(&self.layer.norm))
    }

    pub fn is_punct(&self, i: usize) -> bool {
        self.layer.tokens.get(i).is_some_and(|t| matches!(t.kind, TokenKind::Punct | TokenKind::Symbol))
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.is_punct(i) && matches!(self.w(i), "\"" | "'" | "(" | ")" | "*" | "_")
    }

    /// A clause boundary: , ; : . ? ! and dashes.
    pub fn is_boundary(&self, i: usize) -> bool {
        self.is_punct(i) && matches!(self.w(i), "," | ";" | ":" | "." | "?" | "!" | "-" | "–" | "—" | "…")
    }

    /// The mention starting at token `i`, skipping quote marks before it.
    pub fn ment_at(&self, mut i: usize) -> Option<&Ment> {
        while self.is_quote(i) {
            i += 1;
        }
        self.by_start.get(i).filter(|&&k| k != NONE).map(|&k| &self.ments[k as usize])
    }

    /// Mentions lying within tokens `[a, b)`.
    pub fn ments_in(&self, a: usize, b: usize) -> impl Iterator<Item = &Ment> {
        let from = self.ments.partition_point(|m| m.start < a);
        self.ments[from..].iter().take_while(move |m| m.start < b).filter(move |m| m.end <= b)
    }

    /// The sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|&(_, b)| b <= i)
    }

    /// Original span of tokens `[a, b)`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        let t = &self.layer.tokens;
        Span::new(t[a].span.start, t[b.max(a + 1) - 1].span.end)
    }

    /// The previous non-quote token before `i`.
    pub fn prev_word(&self, mut i: usize) -> Option<usize> {
        while i > 0 {
            i -= 1;
            if !self.is_quote(i) {
                return Some(i);
            }
        }
        None
    }

    /// Parent of a media office (a body's media centre speaks for the body).
    pub fn speaker(&self, id: &ActorId, kind: ActorKind) -> ActorId {
        if kind == ActorKind::Media {
            if let Some(p) = self.ctx.lexicon.actor(id).and_then(|a| a.parent.clone()) {
                return p;
            }
        }
        id.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_core::{DocId, Document, Metadata};
    use marsad_lexicon::find_mentions;

    /// The sentences' token ranges read with forward cursors are the binary searches'.
    #[test]
    fn sentence_ranges_agree_with_binary_searches() {
        let texts = [
            "قال المرصد إن 5 مدنيين قتلوا. وأضاف: \"القصف لم يتوقف\"!\n\nوفي 2022.01.25 أعلنت قسد اعتقال 12 عنصرا؟ نعم…",
            "  \u{200F}سطر أول\n\n\nسطر ثان فيه Reuters و AFP، ثم ١٢ قتيلا.  ",
            "بلا نقطة في الآخر",
            "",
        ];
        for text in texts {
            let doc = Document { id: DocId::new("case.txt"), text: text.to_string(), given: Metadata::default() };
            let layer = TextLayer::new(&doc.text);
            let mentions = find_mentions(&layer);
            let ctx = Context::new(&doc, &layer, &mentions);
            let v = DocView::new(&ctx);
            let toks = &layer.tokens;
            let searched: Vec<(usize, usize)> = layer
                .sentences
                .iter()
                .map(|s| {
                    (
                        toks.partition_point(|t| t.span.end <= s.span.start),
                        toks.partition_point(|t| t.span.start < s.span.end),
                    )
                })
                .collect();
            assert_eq!(v.sentences, searched, "{text}");
        }
    }
}
