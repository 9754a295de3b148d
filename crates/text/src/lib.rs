//! The Arabic text layer of marsad: normalization that keeps offsets, tokens, sentences and
//! clitic analysis.
//!
//! Design decision: every stage works on a *normalized* copy of the text but keeps an
//! alignment back to the original bytes ([`Normalized::to_original`]), so tokens, sentences
//! and every later mention are reported as spans of the original text. Normalization
//! stages ([`Stage`]) are small character mappings that can be switched on or off (and
//! configured from TOML or JSON); a [`Normalizer`] composes the enabled stages into lookup
//! tables and applies them in a single pass. Tokenizing ([`tokenize()`]) and sentence splitting
//! ([`split_sentences`]) are single linear passes too: the whole layer runs at hundreds of
//! megabytes a second on one core (`marsad bench text`).
//!
//! ```
//! use marsad_text::{TextLayer, TokenKind};
//!
//! let text = "قُتل ٣ مدنيين بـ3500 قذيفة في الحسكة.\nوقال د. أحمد: «سنعود». ثم غادر";
//! let layer = TextLayer::new(text);
//!
//! // Tokens carry their span in the original text and their normalized form.
//! let t = &layer.tokens[0];
//! assert_eq!(&text[t.span.range()], "قُتل");
//! assert_eq!(t.text(&layer.norm), "قتل");
//! let numbers: Vec<&str> =
//!     layer.tokens.iter().filter(|t| t.kind == TokenKind::Number).map(|t| &text[t.span.range()]).collect();
//! assert_eq!(numbers, ["٣", "3500"]);
//!
//! // A line break ends a sentence; `د.` is an abbreviation; the quote stays in its sentence.
//! let sentences: Vec<&str> = layer.sentences.iter().map(|s| &text[s.span.range()]).collect();
//! assert_eq!(sentences, ["قُتل ٣ مدنيين بـ3500 قذيفة في الحسكة.", "وقال د. أحمد: «سنعود».", "ثم غادر"]);
//! assert!(layer.check_spans(text).is_ok());
//! ```

mod block;
pub mod clitics;
pub mod dict;
pub mod morph;
pub mod normalize;
pub mod numbers;
pub mod sentence;
pub mod tokenize;
pub mod wordset;

pub use normalize::{normalize_str, Aligner, Normalized, Normalizer, NormalizerConfig, Stage};
pub use sentence::{quotations, split_sentences};
pub use tokenize::{tokenize, Token, TokenKind};

use marsad_core::{Sentence, Span};

/// The text layer's view of one document: its normalized form, tokens and sentences.
#[derive(Debug, Clone)]
pub struct TextLayer {
    pub norm: Normalized,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// A broken span invariant of a [`TextLayer`] (see [`TextLayer::check_spans`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error("token {index} has span {span:?}, not a non-empty char-boundary range of the {len}-byte text")]
    Token { index: usize, span: Span, len: usize },
    #[error("token {index} with span {span:?} overlaps or precedes the token before it")]
    TokenOrder { index: usize, span: Span },
    #[error("token {index} has normalized span {span:?}, not a char-boundary range of the normalized text")]
    TokenNorm { index: usize, span: Span },
    #[error("sentence {index} has span {span:?}, not a non-empty char-boundary range of the {len}-byte text")]
    Sentence { index: usize, span: Span, len: usize },
    #[error("sentence {index} with span {span:?} overlaps or precedes the sentence before it")]
    SentenceOrder { index: usize, span: Span },
}

impl TextLayer {
    /// Normalize with the matching pipeline, tokenize and split sentences.
    pub fn new(text: &str) -> TextLayer {
        Self::with(Normalizer::matching(), text)
    }

    pub fn with(normalizer: &Normalizer, text: &str) -> TextLayer {
        let norm = normalizer.normalize(text);
        // The tokenizer sees every line break as it skips it; the splitter need not look again.
        let (tokens, line_ends) = tokenize::tokenize_lines(&norm);
        let sentences = sentence::split_lines(text, &norm, &tokens, line_ends);
        TextLayer { norm, tokens, sentences }
    }

    /// Spans of quoted material in the original text, each inside one sentence.
    pub fn quotations(&self, text: &str) -> Vec<Span> {
        quotations(text, &self.norm, &self.tokens)
    }

    /// Check that every token and sentence span is a non-empty char-boundary range of `text`
    /// (the original this layer was built from), in order and without overlap, and that
    /// normalized token spans are char-boundary ranges of the normalized text.
    pub fn check_spans(&self, text: &str) -> Result<(), SpanError> {
        let valid = |s: Span, t: &str| s.start < s.end && s.slice(t).is_some();
        let mut prev_end = 0;
        for (index, t) in self.tokens.iter().enumerate() {
            if !valid(t.span, text) {
                return Err(SpanError::Token { index, span: t.span, len: text.len() });
            }
            if t.span.start < prev_end {
                return Err(SpanError::TokenOrder { index, span: t.span });
            }
            if !valid(t.norm, &self.norm.text) {
                return Err(SpanError::TokenNorm { index, span: t.norm });
            }
            prev_end = t.span.end;
        }
        let mut prev_end = 0;
        for (index, s) in self.sentences.iter().enumerate() {
            if !valid(s.span, text) {
                return Err(SpanError::Sentence { index, span: s.span, len: text.len() });
            }
            if s.span.start < prev_end {
                return Err(SpanError::SentenceOrder { index, span: s.span });
            }
            prev_end = s.span.end;
        }
        Ok(())
    }
}
