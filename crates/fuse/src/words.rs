//! Matching the data files' words and phrases against tokens, clitic-aware by the grammar of
//! `marsad_text::dict`: a phrase may carry a conjunction or preposition on its first word and a
//! pronoun suffix on its last (وبالفرار matches الفرار; جميعهم matches جميع). Nothing is
//! stripped blindly: what stands around a phrase in its words must be clitics the grammar
//! allows.

use marsad_text::dict::{strip_proclitics, Builder, Clitics, Dict, Gap};
use marsad_text::normalize::normalize_str;

/// A list of words and phrases (normalized when built), looked up in a sequence of token texts.
#[derive(Debug)]
pub struct Phrases {
    dict: Dict<()>,
}

impl Phrases {
    /// The phrases of `list`, each normalized and split on whitespace.
    pub fn new<'a>(list: impl IntoIterator<Item = &'a str>) -> Phrases {
        let mut dict = Builder::new(Gap::Space);
        for p in list {
            dict.add(&normalize_str(p), Clitics::NOUN, ());
        }
        Phrases { dict: dict.build() }
    }

    /// Length in tokens of the longest phrase that starts at `toks[i]`, if any.
    pub fn at(&self, toks: &[&str], i: usize) -> Option<usize> {
        let mut longest = None;
        self.dict.at_words(toks.get(i..).unwrap_or_default().iter().copied(), |m| {
            longest = longest.max(Some(m.words));
        });
        longest
    }

    /// Whether the token `tok` alone is one of the words, with clitics.
    pub fn is_word(&self, tok: &str) -> bool {
        let mut found = false;
        self.dict.lookup(tok, |m| found |= m.words == 1);
        found
    }

    /// Whether a phrase lies wholly inside `toks`.
    pub fn within(&self, toks: &[&str]) -> bool {
        self.dict.in_words(toks.iter().copied())
    }
}

/// Light stem of a content word for story vocabulary: the conjunctions, prepositions and the
/// article before it are dropped when at least three letters remain (والهجوم، بالهجوم → هجوم).
pub fn vocab_stem(tok: &str) -> &str {
    strip_proclitics(tok, &Clitics { article: true, ..Clitics::PROCLITICS }, 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_around_a_word_match() {
        let p = Phrases::new(["الفرار", "جميع", "الهاربين"]);
        for t in ["وبالفرار", "بالفرار", "للفرار", "جميعهم", "والهاربين"] {
            assert!(p.is_word(&normalize_str(t)), "{t}");
        }
    }

    #[test]
    fn other_letters_around_a_word_do_not_match() {
        let p = Phrases::new(["الفرار", "جميع"]);
        assert!(!p.is_word("الفرارات"));
        assert!(!p.is_word("استجميع"));
    }

    #[test]
    fn phrases_match_the_longest() {
        let toks = ["اعيد", "اعتقال", "الفارين"];
        let p = Phrases::new(["اعيد", "اعيد اعتقال"]);
        assert_eq!(p.at(&toks, 0), Some(2));
        assert_eq!(p.at(&toks, 2), None);
        assert_eq!(p.at(&toks, 5), None);
        // Clitics on the first word, a suffix on the last.
        assert_eq!(p.at(&["واعيد", "اعتقالهم"], 0), Some(2));
        assert!(p.within(&["ثم", "اعيد"]));
        assert!(!p.within(&["ثم", "اعادة"]));
        assert_eq!(vocab_stem("والهجوم"), "هجوم");
        assert_eq!(vocab_stem("وبالهجوم"), "هجوم");
        assert_eq!(vocab_stem("الي"), "الي");
    }
}
