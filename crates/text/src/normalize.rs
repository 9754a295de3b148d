//! Offset-keeping normalization of Arabic text.

use marsad_core::Span;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One normalization stage. Each maps or removes single characters, which is what lets the
/// pipeline keep a byte alignment to the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// أ إ آ ٱ → ا
    Alef,
    /// ى → ي
    YaMaqsura,
    /// ة → ه
    TaMarbuta,
    /// ؤ → و، ئ → ي
    Hamza,
    /// Remove tatweel ـ
    Tatweel,
    /// Remove harakat, tanwin, shadda, sukun, dagger alef and Quranic marks.
    Diacritics,
    /// Remove zero-width and bidirectional control characters.
    Invisible,
    /// Arabic-Indic ٠–٩ and Eastern ۰–۹ digits → ASCII.
    Digits,
    /// ، ؛ ؟ ٪ ٫ ٬ « » “ ” → their ASCII counterparts.
    Punctuation,
    /// ASCII letters to lower case.
    LatinLowercase,
}

impl Stage {
    pub const ALL: &'static [Stage] = &[
        Stage::Alef,
        Stage::YaMaqsura,
        Stage::TaMarbuta,
        Stage::Hamza,
        Stage::Tatweel,
        Stage::Diacritics,
        Stage::Invisible,
        Stage::Digits,
        Stage::Punctuation,
        Stage::LatinLowercase,
    ];

    /// What this stage does to `c`: `None` if it does not touch it, `Some(None)` to remove
    /// it, `Some(Some(x))` to replace it with `x`.
    pub fn apply(self, c: char) -> Option<Option<char>> {
        match self {
            Stage::Alef => matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ').then_some(Some('ا')),
            Stage::YaMaqsura => (c == 'ى').then_some(Some('ي')),
            Stage::TaMarbuta => (c == 'ة').then_some(Some('ه')),
            Stage::Hamza => match c {
                'ؤ' => Some(Some('و')),
                'ئ' => Some(Some('ي')),
                _ => None,
            },
            Stage::Tatweel => (c == 'ـ').then_some(None),
            Stage::Diacritics => {
                matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06ED}')
                    .then_some(None)
            }
            Stage::Invisible => matches!(
                c,
                '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{061C}' | '\u{00AD}'
            )
            .then_some(None),
            Stage::Digits => match c {
                '\u{0660}'..='\u{0669}' => Some(char::from_u32(c as u32 - 0x0660 + '0' as u32)),
                '\u{06F0}'..='\u{06F9}' => Some(char::from_u32(c as u32 - 0x06F0 + '0' as u32)),
                _ => None,
            },
            Stage::Punctuation => match c {
                '،' | '٬' => Some(Some(',')),
                '؛' => Some(Some(';')),
                '؟' => Some(Some('?')),
                '٪' => Some(Some('%')),
                '٫' => Some(Some('.')),
                '«' | '»' | '“' | '”' | '„' | '″' => Some(Some('"')),
                _ => None,
            },
            Stage::LatinLowercase => c.is_ascii_uppercase().then_some(Some(c.to_ascii_lowercase())),
        }
    }
}

/// Output of the composed table for one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Out {
    Keep,
    Drop,
    Map(char),
}

/// A composition of stages, applied in one pass.
#[derive(Clone, Debug)]
pub struct Normalizer {
    stages: Vec<Stage>,
    /// Decision for every char in U+0600..=U+06FF.
    arabic: Box<[Out; 256]>,
    /// Stages touching chars outside the Arabic block.
    invisible: bool,
    punctuation: bool,
    latin_lower: bool,
}

impl Normalizer {
    pub fn new(stages: &[Stage]) -> Normalizer {
        let mut arabic = Box::new([Out::Keep; 256]);
        for (i, slot) in arabic.iter_mut().enumerate() {
            let c = char::from_u32(0x0600 + i as u32).expect("Arabic block is valid");
            *slot = Self::decide(stages, c);
        }
        Normalizer {
            stages: stages.to_vec(),
            arabic,
            invisible: stages.contains(&Stage::Invisible),
            punctuation: stages.contains(&Stage::Punctuation),
            latin_lower: stages.contains(&Stage::LatinLowercase),
        }
    }

    /// Apply stages in order; a later stage sees what an earlier one produced.
    fn decide(stages: &[Stage], c: char) -> Out {
        let mut cur = c;
        for s in stages {
            match s.apply(cur) {
                None => {}
                Some(None) => return Out::Drop,
                Some(Some(x)) => cur = x,
            }
        }
        if cur == c {
            Out::Keep
        } else {
            Out::Map(cur)
        }
    }

    /// Every stage on: the form used for matching lexicons.
    pub fn matching() -> &'static Normalizer {
        static N: OnceLock<Normalizer> = OnceLock::new();
        N.get_or_init(|| Normalizer::new(Stage::ALL))
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    fn out(&self, c: char) -> Out {
        let cp = c as u32;
        if (0x0600..=0x06FF).contains(&cp) {
            return self.arabic[(cp - 0x0600) as usize];
        }
        if cp < 0x80 {
            return if self.latin_lower && c.is_ascii_uppercase() {
                Out::Map(c.to_ascii_lowercase())
            } else {
                Out::Keep
            };
        }
        if self.invisible && Stage::Invisible.apply(c).is_some() {
            return Out::Drop;
        }
        if self.punctuation {
            if let Some(Some(x)) = Stage::Punctuation.apply(c) {
                return Out::Map(x);
            }
        }
        Out::Keep
    }

    /// Normalize `text`, keeping the alignment of every output byte to the original.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut out = String::with_capacity(text.len());
        let mut offsets: Vec<u32> = Vec::with_capacity(text.len() + 1);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                let c = if self.latin_lower { b.to_ascii_lowercase() } else { b };
                out.push(c as char);
                offsets.push(i as u32);
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("index is on a char boundary");
            let w = c.len_utf8();
            match self.out(c) {
                Out::Keep => {
                    out.push_str(&text[i..i + w]);
                    offsets.extend(std::iter::repeat_n(i as u32, w));
                }
                Out::Drop => {}
                Out::Map(x) => {
                    out.push(x);
                    offsets.extend(std::iter::repeat_n(i as u32, x.len_utf8()));
                }
            }
            i += w;
        }
        offsets.push(text.len() as u32);
        Normalized { text: out, offsets, original_len: text.len() }
    }
}

/// Normalized text with its byte alignment to the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// `offsets[i]` is the original byte offset of the character that produced normalized
    /// byte `i`; `offsets[text.len()] == original_len`.
    offsets: Vec<u32>,
    original_len: usize,
}

impl Normalized {
    /// Original byte offset of normalized byte offset `i` (`i <= text.len()`).
    pub fn original_offset(&self, i: usize) -> usize {
        self.offsets[i.min(self.text.len())] as usize
    }

    /// Map a span of the normalized text to the span of the original it came from. Characters
    /// removed by normalization right after the span (diacritics of its last letter) are
    /// included.
    pub fn to_original(&self, span: Span) -> Span {
        Span::new(self.original_offset(span.start), self.original_offset(span.end))
    }

    pub fn original_len(&self) -> usize {
        self.original_len
    }
}

/// Normalize a string for matching (every stage on) and return only the text.
pub fn normalize_str(s: &str) -> String {
    Normalizer::matching().normalize(s).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_word_normalize_alike() {
        assert_eq!(normalize_str("إقتحام"), normalize_str("اقتحام"));
        assert_eq!(normalize_str("مُسْتَشْفَى"), "مستشفي");
        assert_eq!(normalize_str("الحسكـــة"), "الحسكه");
        assert_eq!(normalize_str("٢٨ ۲۰۲۲"), "28 2022");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let text = "قُتِلَ ٢٧ من «قسد»";
        let n = Normalizer::matching().normalize(text);
        let at = n.text.find("27").unwrap();
        let orig = n.to_original(Span::new(at, at + 2));
        assert_eq!(&text[orig.range()], "٢٧");
        let at = n.text.find("قتل").unwrap();
        assert_eq!(&text[n.to_original(Span::new(at, at + "قتل".len())).range()], "قُتِلَ");
    }

    #[test]
    fn a_stage_can_be_switched_off() {
        let n = Normalizer::new(&[Stage::Alef]);
        assert_eq!(n.normalize("أحمد ة").text, "احمد ة");
    }
}
