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
        }
    }
}
