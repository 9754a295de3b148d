//! The closed word classes and distances of the event stage, typed at load from
//! `data/event_words.toml`.
//!
//! Design decision: the argument, modality and dating rules read a handful of function words
//! (complementizers, passive auxiliaries, prepositions, relative pronouns) by whole token.
//! They are data, like the trigger words, so that a rule names a class, not a literal; each
//! class is a field of [`RawWords`], so a misspelt or unknown class in the file is a load
//! error, and the compiled table maps a normalized word to the set of its classes.

use marsad_text::normalize::normalize_str;
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::sync::OnceLock;

const WORDS_TOML: &str = include_str!("../../data/event_words.toml");

/// Distances in words.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distances {
    pub subject_gap: usize,
    pub idafa_gap: usize,
    pub complement: usize,
    pub noun_complement: usize,
    pub blocked: usize,
    pub only: usize,
    pub sentence_date: usize,
    pub report: usize,
}

/// Distances in days.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Days {
    pub story: i64,
    pub statement: i64,
}

/// A closed class of words (see `data/event_words.toml` for what each one is for).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordClass {
    Complementizer,
    SpeakerComplementizer,
    PassiveAux,
    GoverningPrep,
    Relative,
    SpeechStop,
    Landmark,
    Since,
    SinceDate,
    NegationParticle,
    ExpectationOpener,
    ClauseStop,
    Comma,
    Quote,
    Lam,
    ObjectPrep,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    complementizer: Vec<String>,
    speaker_complementizer: Vec<String>,
    passive_aux: Vec<String>,
    governing_prep: Vec<String>,
    relative: Vec<String>,
    speech_stop: Vec<String>,
    landmark: Vec<String>,
    since: Vec<String>,
    since_date: Vec<String>,
    negation_particle: Vec<String>,
    object_prep: Vec<String>,
    expectation_opener: Vec<String>,
    clause_stop: Vec<String>,
    comma: Vec<String>,
    quote: Vec<String>,
    lam: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    distances: Distances,
    days: Days,
    words: RawWords,
}

/// A data file that does not parse, or lists a word twice in one class.
#[derive(Debug, thiserror::Error)]
pub enum WordsError {
    #[error("event_words.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("event_words.toml: {class:?} lists {word:?} twice")]
    Duplicate { class: WordClass, word: String },
}

/// The compiled word classes and distances.
pub struct EventWords {
    pub distances: Distances,
    pub days: Days,
    /// Normalized word -> bit set of its classes (bit = `WordClass as u32`).
    classes: FxHashMap<String, u32>,
}

impl EventWords {
    /// The embedded data, compiled once. It is part of the binary and checked by the tests,
    /// so a failure here is a build defect, not a user error.
    pub fn embedded() -> &'static EventWords {
        static W: OnceLock<EventWords> = OnceLock::new();
        W.get_or_init(|| EventWords::parse(WORDS_TOML).expect("embedded event words are valid"))
    }

    pub fn parse(toml_text: &str) -> Result<EventWords, WordsError> {
        let raw: RawFile = toml::from_str(toml_text)?;
        let w = raw.words;
        let lists: [(&Vec<String>, WordClass); 16] = [
            (&w.complementizer, WordClass::Complementizer),
            (&w.speaker_complementizer, WordClass::SpeakerComplementizer),
            (&w.passive_aux, WordClass::PassiveAux),
            (&w.governing_prep, WordClass::GoverningPrep),
            (&w.relative, WordClass::Relative),
            (&w.speech_stop, WordClass::SpeechStop),
            (&w.landmark, WordClass::Landmark),
            (&w.since, WordClass::Since),
            (&w.since_date, WordClass::SinceDate),
            (&w.negation_particle, WordClass::NegationParticle),
            (&w.expectation_opener, WordClass::ExpectationOpener),
            (&w.clause_stop, WordClass::ClauseStop),
            (&w.comma, WordClass::Comma),
            (&w.quote, WordClass::Quote),
            (&w.lam, WordClass::Lam),
            (&w.object_prep, WordClass::ObjectPrep),
        ];
        let mut classes: FxHashMap<String, u32> = FxHashMap::default();
        for (list, class) in lists {
            let bit = 1u32 << class as u32;
            for word in list {
                let set = classes.entry(normalize_str(word).trim().to_string()).or_default();
                if *set & bit != 0 {
                    return Err(WordsError::Duplicate { class, word: word.clone() });
                }
                *set |= bit;
            }
        }
        Ok(EventWords { distances: raw.distances, days: raw.days, classes })
    }

    /// Whether a normalized token is a word of `class`.
    pub fn is(&self, word: &str, class: WordClass) -> bool {
        self.classes.get(word).is_some_and(|set| set & (1 << class as u32) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_normalized_and_classes_overlap() {
        let w = EventWords::embedded();
        // أن and إن normalize alike; a word may be in two classes.
        assert!(w.is("ان", WordClass::Complementizer));
        assert!(w.is("انه", WordClass::SpeakerComplementizer) && w.is("انه", WordClass::Complementizer));
        assert!(w.is("منذ", WordClass::Landmark) && w.is("منذ", WordClass::Since));
        assert!(!w.is("بعد", WordClass::Since));
        assert!(w.is("جري", WordClass::PassiveAux));
        assert!(!w.is("قال", WordClass::Complementizer));
    }

    #[test]
    fn unknown_keys_and_repeated_words_are_load_errors() {
        let base = WORDS_TOML.replace("[words]", "[words]\nsubjects = [\"x\"]");
        assert!(matches!(EventWords::parse(&base), Err(WordsError::Toml(_))));
        let twice = WORDS_TOML.replace("relative = [\"الذين\"", "relative = [\"الذين\", \"الذين\"");
        assert!(matches!(EventWords::parse(&twice), Err(WordsError::Duplicate { .. })));
    }
}
