//! Actor lexicon and gazetteer, and the mention finder that links names in a text to them.
//!
//! The lexicons are TSV files under `data/` (see `data/README.md` for sources and licences),
//! embedded in the binary with `include_str!` and compiled on first use into one dictionary of
//! `marsad_text::dict` over their normalized names. Matching is clitic-aware: a name counts only
//! at a word start, optionally after proclitics (و ف ب ك ل, with ل + ال as لل), and only when it
//! ends at a word end, optionally before a pronoun suffix: that is how والحسكة، بالحسكة and
//! للحسكة find الحسكة while ولاية is read as ولاية, not و + a name لاية. Linking decisions a reader makes from context (a capital acting
//! as its government, a common word used as a place name, a generic word standing for a group
//! named before) are made in [`find_mentions`]; the context words are data (`data/cues.tsv`,
//! `data/generic_refs.tsv`).

#[cfg(test)]
mod family;
mod lexicon;
mod matcher;
pub mod ner;
mod patterns;
mod persons;

pub use lexicon::{norm_name, Actor, CueClass, DataError, Entry, GenericRef, Lexicon, Lookup, Place};
pub use matcher::{bare_scan, find_mentions, in_dateline, Matcher, Mentions, PersonMention};
pub use ner::find_entities;
