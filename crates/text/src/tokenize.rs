//! Tokenizer over normalized text; every token keeps its span in the original.

use crate::Normalized;
use marsad_core::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Arabic-script word.
    Word,
    /// Digits, with internal thousands or decimal separators (`12,000`, `3.5`).
    Number,
    /// Latin-script word.
    Latin,
    Url,
    /// `#الحسكة`
    Hashtag,
    /// `@handle`
    Mention,
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
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06D5 | 0x06FA..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
        || matches!(c as u32, 0x064B..=0x065F | 0x0670 | 0x0640)
}

fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || (c.is_alphabetic() && !c.is_ascii())
}

/// Split normalized text into tokens.
pub fn tokenize(norm: &Normalized) -> Vec<Token> {
    let text = norm.text.as_str();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if c.is_ascii_digit() {
            while let Some(&(i, d)) = chars.peek() {
                if d.is_ascii_digit() {
                    end = i + 1;
                    chars.next();
                } else if (d == ',' || d == '.') && text[i + 1..].starts_with(|x: char| x.is_ascii_digit()) {
                    chars.next();
                } else {
                    break;
                }
            }
            TokenKind::Number
        } else if c.is_ascii_alphabetic() {
            let rest = &text[start..];
            if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
                end = start
                    + rest.find(|x: char| x.is_whitespace() || x == '>' || x == '<' || x == '"').unwrap_or(rest.len());
                while let Some(&(i, _)) = chars.peek() {
                    if i < end {
                        chars.next();
                    } else {
                        break;
                    }
                }
                TokenKind::Url
            } else {
                while let Some(&(i, d)) = chars.peek() {
                    if d.is_ascii_alphanumeric()
                        || ((d == '\'' || d == '-') && text[i + 1..].starts_with(|x: char| x.is_ascii_alphabetic()))
                    {
                        end = i + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                TokenKind::Latin
            }
        } else if is_word_char(c) {
            while let Some(&(i, d)) = chars.peek() {
                if is_word_char(d) {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            TokenKind::Word
        } else if (c == '#' || c == '@')
            && chars.peek().is_some_and(|&(_, d)| is_word_char(d) || d.is_ascii_alphanumeric() || d == '_')
        {
            while let Some(&(i, d)) = chars.peek() {
                if is_word_char(d) || d.is_ascii_alphanumeric() || d == '_' {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if c == '#' {
                TokenKind::Hashtag
            } else {
                TokenKind::Mention
            }
        } else if c.is_ascii_punctuation() || matches!(c, '…' | '–' | '—' | '،' | '؛' | '؟') || c.is_ascii() {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        let norm_span = Span::new(start, end);
        tokens.push(Token { kind, span: norm.to_original(norm_span), norm: norm_span });
    }
    // Trim trailing removed characters off the original span when the next token starts
    // there, so original spans never overlap.
    for i in 1..tokens.len() {
        if tokens[i - 1].span.end > tokens[i].span.start {
            tokens[i - 1].span.end = tokens[i].span.start;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Normalizer;

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
}
