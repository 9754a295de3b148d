//! The Arabic text layer of marsad.
//!
//! Design decision: every stage works on a *normalized* copy of the text but keeps an
//! alignment back to the original bytes ([`Normalized::to_original`]), so tokens, sentences
//! and every later mention are reported as spans of the original text. Normalization
//! stages ([`Stage`]) are small character mappings that can be switched on or off; a
//! [`Normalizer`] composes the enabled stages into one lookup table and applies them in a
//! single pass.

pub mod clitics;
pub mod normalize;
pub mod numbers;
pub mod sentence;
pub mod tokenize;

pub use normalize::{Normalized, Normalizer, Stage};
pub use sentence::split_sentences;
pub use tokenize::{tokenize, Token, TokenKind};

use marsad_core::Sentence;

/// The text layer's view of one document: its normalized form, tokens and sentences.
#[derive(Debug, Clone)]
pub struct TextLayer {
    pub norm: Normalized,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl TextLayer {
    /// Normalize with the matching pipeline, tokenize and split sentences.
    pub fn new(text: &str) -> TextLayer {
        Self::with(Normalizer::matching(), text)
    }

    pub fn with(normalizer: &Normalizer, text: &str) -> TextLayer {
        let norm = normalizer.normalize(text);
        let tokens = tokenize(&norm);
        let sentences = split_sentences(text, &norm, &tokens);
        TextLayer { norm, tokens, sentences }
    }
}
