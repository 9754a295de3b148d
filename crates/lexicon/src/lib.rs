//! Actor lexicon and gazetteer, and the mention finder that links names in a text to them.
//!
//! The lexicons are TSV files under `data/`, embedded in the binary with `include_str!` and
//! compiled on first use into one Aho-Corasick automaton (leftmost-longest) over their
//! normalized names. A match counts only at a word start, optionally after proclitics
//! (و ف ب ك ل ال), and only when it ends at a word end, optionally before a pronoun suffix:
//! that is how والحسكة and بالحسكة find الحسكة while ولاية does not find a name لاية.

mod lexicon;
mod matcher;

pub use lexicon::{Actor, Lexicon, Place};
pub use matcher::{find_mentions, Mentions};
