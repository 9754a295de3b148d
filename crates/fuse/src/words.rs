//! Matching the data files' words against tokens, clitic-aware: a token matches a word when it
//! is an allowed proclitic sequence, the word, and an allowed pronoun suffix (وبالفرار matches
//! الفرار; جميعهم matches جميع). Nothing is stripped blindly: the remainder on each side must be
//! a listed clitic.

use marsad_text::clitics::{is_pronoun_suffix, PROCLITICS};

/// Whether the normalized token `tok` is `word` with clitics.
pub fn word_eq(tok: &str, word: &str) -> bool {
    if tok == word {
        return true;
    }
    PROCLITICS
        .iter()
        .any(|p| tok.strip_prefix(p).and_then(|rest| rest.strip_prefix(word)).is_some_and(is_pronoun_suffix))
}

/// Length in tokens of the first phrase that matches at `toks[i..]`, if any.
pub fn phrase_at(toks: &[&str], i: usize, phrases: &[Vec<String>]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| i + p.len() <= toks.len() && p.iter().zip(&toks[i..]).all(|(w, t)| word_eq(t, w)))
        .map(Vec::len)
        .max()
}

/// Light stem of a content word for story vocabulary: the article and one conjunction or
/// preposition before it are dropped when what remains is still a word (والهجوم → هجوم).
pub fn vocab_stem(tok: &str) -> &str {
    for p in ["وال", "فال", "بال", "كال", "لل", "ال"] {
        if let Some(rest) = tok.strip_prefix(p) {
            if rest.chars().count() >= 3 {
                return rest;
            }
        }
    }
    tok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_around_a_word_match() {
        assert!(word_eq("وبالفرار", "الفرار"));
        assert!(word_eq("بالفرار", "الفرار"));
        assert!(word_eq("جميعهم", "جميع"));
        assert!(word_eq("والهاربين", "الهاربين"));
    }

    #[test]
    fn other_letters_around_a_word_do_not_match() {
        assert!(!word_eq("الفرارات", "الفرار"));
        assert!(!word_eq("استجميع", "جميع"));
    }

    #[test]
    fn phrases_match_the_longest() {
        let toks = ["اعيد", "اعتقال", "الفارين"];
        let phrases = vec![vec!["اعيد".to_string()], vec!["اعيد".to_string(), "اعتقال".to_string()]];
        assert_eq!(phrase_at(&toks, 0, &phrases), Some(2));
        assert_eq!(phrase_at(&toks, 2, &phrases), None);
        assert_eq!(vocab_stem("والهجوم"), "هجوم");
        assert_eq!(vocab_stem("الي"), "الي");
    }
}
