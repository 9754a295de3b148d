//! Clitic analysis for matching: which letters before and after a stem are clitics.
//!
//! Matching never strips letters off a word blindly (ولاية is not و + لاية): a lexicon name is
//! looked up inside a word, and the letters around it count only if they form an allowed
//! proclitic sequence before it and a pronoun suffix after it.

/// Proclitic sequences (normalized forms) allowed before a noun or name. `ال` is not here:
/// lexicon names carry their article themselves.
pub const PROCLITICS: &[&str] = &["", "و", "ف", "ب", "ك", "ل", "وب", "فب", "ول", "فل", "وك", "فك"];

/// Pronoun suffixes (normalized forms) allowed after a noun or name.
pub const SUFFIXES: &[&str] = &["", "ه", "ها", "هم", "هما", "هن", "ي", "نا", "كم", "ك"];

/// Whether `s` is an allowed proclitic sequence (the empty string is).
pub fn is_proclitic_seq(s: &str) -> bool {
    PROCLITICS.contains(&s)
}

/// Whether `s` is an allowed pronoun suffix (the empty string is).
pub fn is_pronoun_suffix(s: &str) -> bool {
    SUFFIXES.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sequences() {
        assert!(is_proclitic_seq("وب"));
        assert!(is_proclitic_seq(""));
        assert!(!is_proclitic_seq("وا"));
        assert!(is_pronoun_suffix("هم"));
        assert!(!is_pronoun_suffix("ات"));
    }
}
