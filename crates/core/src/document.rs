use crate::{ActorId, DocId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article as it enters the pipeline: its text and what is known about it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    /// Stable id: the input file's name, or the record id of a JSONL/WARC source.
    pub id: DocId,
    /// The article text, UTF-8, as read (after decoding and boilerplate removal). All spans
    /// point into this string.
    pub text: String,
    /// Metadata given by the source (HTML `<meta>`, JSONL fields, the command line). It
    /// overrides what extraction guesses from the text.
    pub given: Metadata,
}

impl Default for DocId {
    fn default() -> Self {
        DocId::new("")
    }
}

/// Publication metadata of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Outlet id when the lexicon knows it (`noonpost`), else the outlet's name as given.
    pub outlet: Option<ActorId>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// How the source's bytes were read as text, when that was more than reading valid UTF-8
    /// (or bytes valid in the charset the source declared): absent in the common case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoding: Option<Decoding>,
}

/// A decoding decision worth keeping: an encoding guessed from the bytes, or bytes that were
/// invalid in the encoding read and were replaced by U+FFFD.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoding {
    /// The WHATWG name of the encoding read (`UTF-8`, `windows-1256`, `ISO-8859-6`).
    pub encoding: String,
    /// True when nothing declared the encoding (no BOM, no charset) and the bytes were not
    /// valid UTF-8, so it was guessed from their statistics.
    pub guessed: bool,
    /// Bytes that were invalid in that encoding, each run replaced by U+FFFD.
    pub replaced: u64,
}

impl Metadata {
    /// Fill every field this one lacks from `other`.
    pub fn or(self, other: Metadata) -> Metadata {
        Metadata {
            title: self.title.or(other.title),
            published: self.published.or(other.published),
            outlet: self.outlet.or(other.outlet),
            author: self.author.or(other.author),
            url: self.url.or(other.url),
            decoding: self.decoding.or(other.decoding),
        }
    }
}
